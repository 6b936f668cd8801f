"""Data files (lexicons, reporting verbs, gazetteers, patterns) and `read_yaml`, the one way to parse one."""

from __future__ import annotations

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
