"""Data files (lexicons, reporting verbs, gazetteers, patterns) and `read_yaml`, the one way to parse one."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str) -> Any:
    """The data of a YAML text, safe-loaded with libyaml's C parser when PyYAML was built with it.

    Every worker process parses the resource files once; the pure-Python parser took ~0.35 s of CPU per
    process for them, the C one ~0.04 s, with the same values (`tests/test_resources.py` compares both on
    every bundled file).
    """
    return yaml.load(text, Loader=_LOADER)


def language_resource(folder: str, code: str | None) -> tuple[str, Traversable] | None:
    """The base language of `code` ("en", "es-ES" and "es_ES" -> "es") and its data file `<folder>/<base>.yaml`
    in this package, or None when there is no code or no file for it: one lookup for every per-language
    data folder (numerals, time), so a language is added by adding its file."""
    if not code:
        return None
    base = code.lower().replace("_", "-").split("-")[0]
    resource = resources.files(__name__).joinpath(folder, f"{base}.yaml")
    if not resource.is_file():
        return None
    return base, resource
