"""Checks `analyze` makes before any work, so a mistake costs seconds, not a whole analysis.

Each check either passes or raises a `StorylensError` whose one-line message names
the option or file and says what to do: the output folder must be creatable and
writable (and its report paths not folders), the outlets file must match its
schema, the worker count must fit the machine. Settings files are checked when
loaded (`storylens.config.load_settings`), store URLs when parsed
(`storylens.store.url`).
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from storylens.config import read_yaml
from storylens.errors import OutputError, SettingsError
from storylens.report.json import OutletProfile
from storylens.typecheck import checked_value, field_types

OUTPUT_FILES = ("report.json", "report.html")


def check_output_folder(out_dir: Path) -> None:
    """Create `out_dir` (with parents) and prove it writable, or raise `OutputError` naming it."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"--out {out_dir} is a file, not a folder: give a folder path (it is created if missing)")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create output folder {out_dir}: {error.strerror or error}") from error
    try:
        with tempfile.TemporaryFile(dir=out_dir, prefix=".storylens-write-check-"):
            pass
    except OSError as error:
        raise OutputError(
            f"output folder {out_dir} is not writable ({error.strerror or error}): choose another --out"
        ) from error
    for name in OUTPUT_FILES:
        if (out_dir / name).is_dir():
            raise OutputError(f"{out_dir / name} is a folder, so the report cannot be written: move it away")


# The profile's fields, plus `url`: the outlet's home page, for whoever reads the file (not used in analysis).
OUTLET_KEYS = (*(f.name for f in dataclasses.fields(OutletProfile)), "url")


def load_outlet_profiles(path: Path | None) -> dict[str, OutletProfile]:
    """Outlet camps and countries from a YAML file: `outlets: [{name, camp, country, language}]`.

    Checked against that shape before any work: an unknown key (`outlet:` for `outlets:`, `cmap:`
    for `camp:`) or a wrong type is a `SettingsError` naming the file and the key's path.
    """
    if path is None:
        return {}
    data = read_yaml(path, "outlets")
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: expected a mapping with an 'outlets' list, got {type(data).__name__}")
    unknown = sorted(str(key) for key in data if key != "outlets")
    if unknown:
        raise SettingsError(f"{path}: unknown key {unknown[0]!r} (the only key is 'outlets', a list of outlets)")
    entries = data.get("outlets") or []
    if not isinstance(entries, list):
        raise SettingsError(f"{path}: outlets: expected a list of outlets, got {type(entries).__name__}")
    profiles = {}
    for index, entry in enumerate(entries):
        profile = _outlet_profile(entry, f"{path}: outlets[{index}]")
        profiles[profile.name] = profile
    return profiles


def _outlet_profile(entry: Any, where: str) -> OutletProfile:
    if not isinstance(entry, dict):
        raise SettingsError(f"{where}: expected a mapping with name, camp, country, language, got {entry!r}")
    unknown = sorted(str(key) for key in entry if key not in OUTLET_KEYS)
    if unknown:
        raise SettingsError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(OUTLET_KEYS)})")
    if entry.get("name") in (None, ""):
        raise SettingsError(f"{where}: every outlet needs a name")
    types = field_types(OutletProfile)
    values = {key: value for key, value in entry.items()}
    if isinstance(values["name"], int | float) and not isinstance(values["name"], bool):
        values["name"] = str(values["name"])  # an outlet called 1848 is still a name
    for key, value in values.items():
        values[key] = checked_value(value, types.get(key, str | None), f"{where}.{key}")
    values.pop("url", None)
    return OutletProfile(**values)


def capped_workers(requested: int | None, notice: Callable[[str], None] | None = None) -> int | None:
    """`requested` worker processes, at most one per core: more only adds memory and start-up time.

    None (one per core) passes through. A cap is announced through `notice`.
    """
    if requested is None:
        return None
    cores = os.cpu_count() or 1
    if requested > cores:
        if notice is not None:
            notice(f"--workers {requested} is more than the {cores} core(s) of this machine: using {cores}")
        return cores
    return max(1, requested)
