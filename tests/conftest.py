"""Shared fixtures: the demo analysed once per test session, through the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

STORYLENS = [sys.executable, "-m", "storylens.cli"]


def run_storylens(*args: str, timeout: float = 600, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run the real `storylens` command line in a subprocess."""
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [*STORYLENS, *args], capture_output=True, text=True, timeout=timeout, env=env, check=False, **kwargs
    )


def stdout_under_hash_seeds(program: str, seeds: range) -> set[str]:
    """The distinct outputs of a Python program run once per `PYTHONHASHSEED`: one output means the result does
    not depend on the order in which sets and dicts of strings are iterated (which the seed changes)."""
    return {
        subprocess.run(
            [sys.executable, "-c", program],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in seeds
    }


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out_dir = tmp_path_factory.mktemp("demo")
    result = run_storylens("demo", "--out", str(out_dir), "--workers", "2")
    assert result.returncode == 0, result.stderr
    return out_dir, result


@pytest.fixture(scope="session")
def demo_report(demo_run: tuple[Path, subprocess.CompletedProcess[str]]) -> dict[str, Any]:
    out_dir, _ = demo_run
    return dict(json.loads((out_dir / "report.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def postgres_server() -> Any:
    """URL of a PostgreSQL server for the tests (a throwaway cluster, see tests/postgres_server.py)."""
    from postgres_server import throwaway_cluster, unavailable

    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("psycopg is not installed (pip install 'storylens[postgres]')")
    given = os.environ.get("STORYLENS_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    with throwaway_cluster() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """An empty database of its own for one test."""
    from postgres_server import fresh_database

    return fresh_database(postgres_server)
