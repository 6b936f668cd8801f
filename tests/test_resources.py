"""Resource files parse to the same data with the C YAML parser `read_yaml` uses as with PyYAML's own, and a
language code finds its data file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from storylens.resources import language_resource, read_yaml

BUNDLED = sorted(Path(str(resources.files("storylens"))).rglob("*.yaml"))


def test_every_bundled_yaml_file_is_checked() -> None:
    assert len(BUNDLED) >= 30


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.name)
def test_a_bundled_yaml_file_reads_the_same_with_the_c_parser(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert read_yaml(text) == yaml.load(text, Loader=yaml.SafeLoader)


def test_read_yaml_refuses_python_objects_like_safe_load() -> None:
    with pytest.raises(yaml.YAMLError):
        read_yaml("!!python/object/apply:os.system ['echo hi']")


def test_a_regional_code_finds_its_base_language_file_in_either_spelling() -> None:
    for code in ("es", "es-ES", "ES_es"):
        found = language_resource("numerals", code)
        assert found is not None
        base, resource = found
        assert base == "es"
        assert resource.name == "es.yaml"


def test_a_language_without_a_data_file_or_no_language_finds_none() -> None:
    assert language_resource("time", "xx-YY") is None
    assert language_resource("time", None) is None
    assert language_resource("time", "") is None
