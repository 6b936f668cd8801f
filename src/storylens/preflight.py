"""Checks `analyze` makes before any work, so a mistake costs seconds, not a whole analysis.

Each check either passes or raises a `StorylensError` whose one-line message names
the option or file and says what to do: the output folder must be creatable and
writable (and its report paths not folders), the outlets file must match its
schema, the worker count must fit the machine. Settings files are checked when
loaded (`storylens.config.load_settings`), store URLs when parsed
(`storylens.store.url`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from storylens.errors import OutputError
from storylens.outlets import OutletProfile
from storylens.outlets_file import load_outlets_file

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


def load_outlet_profiles(path: Path | None) -> dict[str, OutletProfile]:
    """Outlet name -> profile from a YAML or CSV outlets file (`storylens.outlets_file`); {} without one.

    Checked against its shape before any work: an unknown key (`outlet:` for `outlets:`, `cmap:` for
    `camp:`), a wrong type, a malformed domain or a name two outlets claim is a `SettingsError` naming the
    file, the entry and its line.
    """
    return load_outlets_file(path) if path is not None else {}


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
