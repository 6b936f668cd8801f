"""The Ray executor runs the same steps as the local process pool, with the same results."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

import pytest

from storylens import api
from storylens.config import Settings


def require_ray() -> None:
    if importlib.util.find_spec("ray") is None:
        if os.environ.get("STORYLENS_REQUIRE_RAY") == "1":
            pytest.fail("Ray is required (STORYLENS_REQUIRE_RAY=1) but not installed: pip install 'storylens[ray]'")
        pytest.skip("Ray is not installed (pip install 'storylens[ray]')")


def comparable(report: dict[str, Any]) -> dict[str, Any]:
    """A report without what differs between any two runs: the time it was written and the step timings."""
    return {key: value for key, value in report.items() if key not in ("generated_at", "stats")}


@pytest.mark.slow
def test_the_demo_through_local_ray_gives_the_local_executors_report(
    tmp_path: Path, demo_report: dict[str, Any]
) -> None:
    require_ray()
    result = api.demo(tmp_path / "ray", workers=2, settings=Settings(executor="ray"))
    import json

    ray_report = json.loads(result.report_path.read_text(encoding="utf-8"))
    assert ray_report["summary"]["articles"] == demo_report["summary"]["articles"] > 0
    assert comparable(ray_report) == comparable(demo_report)
    assert ray_report["stats"]["entities"]["articles"] == demo_report["stats"]["entities"]["articles"]


def test_an_unknown_executor_name_is_refused_with_the_known_ones() -> None:
    from storylens.executors import make_executor

    with pytest.raises(ValueError, match="local, ray"):
        make_executor("slurm")
