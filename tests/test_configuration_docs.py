"""docs/configuration.md stays true to storylens.config.Settings: every key documented, the example loads."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from storylens.config import Settings, load_settings

DOC = Path(__file__).parent.parent / "docs" / "configuration.md"


def settings_keys(value: Any, prefix: str = "") -> list[str]:
    """Dotted names of every leaf setting ("read.html.favor")."""
    keys = []
    for field in dataclasses.fields(value):
        child = getattr(value, field.name)
        name = f"{prefix}{field.name}"
        keys += settings_keys(child, name + ".") if dataclasses.is_dataclass(child) else [name]
    return keys


def documented_keys(text: str) -> set[str]:
    """Dotted names from the doc's tables: a `## \\`section\\`` heading, then rows starting with | `key` |."""
    keys, section = set(), ""
    for line in text.splitlines():
        heading = re.match(r"#{2,3} `([\w.]+)`", line)
        if heading:
            section = heading.group(1) + "."
        elif line.startswith("## "):
            section = ""
        row = re.match(r"\| `(\w+)` \|", line)
        if row:
            keys.add(section + row.group(1))
    return keys


def test_every_setting_is_documented() -> None:
    documented = documented_keys(DOC.read_text(encoding="utf-8"))
    nested_time = {key for key in settings_keys(Settings()) if key.startswith("timeline.time.")}
    missing = set(settings_keys(Settings())) - nested_time - documented
    assert not missing, f"not in docs/configuration.md: {sorted(missing)}"
    assert "timeline.time" in documented  # documented as one row: same keys as the time section


def test_no_documented_setting_is_stale() -> None:
    known = set(settings_keys(Settings())) | {"timeline.time"}
    assert documented_keys(DOC.read_text(encoding="utf-8")) <= known


def test_example_settings_file_loads(tmp_path: Path) -> None:
    example = re.search(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert example is not None
    path = tmp_path / "settings.yaml"
    path.write_text(example.group(1), encoding="utf-8")
    settings = load_settings(path)
    assert settings.read.csv_columns["text"] == "story"
    assert list(settings.language.allowed) == ["en", "de", "es", "fr"]
