"""The SQLite store's file before and around SQLite: refusing a `--db` path that is no store, creating an
empty database in one step, and telling a busy lock from other errors."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path

from storylens.store.base import StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"


BUSY_TIMEOUT_SECONDS = 30.0  # how long a writer waits for another writer's lock before giving up


FIRST_BUSY_WAIT_SECONDS = 1.0  # after this much waiting, say that we are waiting


_BUSY_MESSAGES = ("database is locked", "database table is locked", "database is busy")


def is_busy_error(error: sqlite3.Error) -> bool:
    return isinstance(error, sqlite3.OperationalError) and str(error).lower().startswith(_BUSY_MESSAGES)


def check_store_file(path: Path, create: bool) -> None:
    """Refuse, before SQLite touches it, a `--db` path that is not (or cannot become) a storylens store.

    SQLite would silently turn a missing or empty file into a new database, so a typo in `--db`
    would give an empty store and an empty answer; only `analyze` (`create=True`) may make one.
    """
    if path.is_dir():
        raise StoreError(f"--db {path} is a folder, not a store file: give the .db file (e.g. {path}/storylens.db)")
    if not path.exists():
        if create:
            return
        hint = ""
        if not path.is_absolute() and Path("/", path).exists():
            hint = f" (did you mean the absolute path /{path}? write it sqlite:////{path}, with four slashes)"
        raise StoreError(
            f"no storylens store at {path}{hint}: check the --db path, or create one with storylens analyze"
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise StoreError(f"cannot read store {path}: {error.strerror or error}") from error
    if not head:
        raise StoreError(f"{path} is an empty file, not a storylens store: delete it or choose another --db path")
    if head != SQLITE_MAGIC:
        raise StoreError(f"{path} is not a storylens store (not a SQLite database): check the --db path")


def create_empty_database(path: Path) -> None:
    """Put an empty SQLite database (a valid header, no tables) at `path` in one step.

    SQLite itself creates a 0-byte file first and writes the header later, so a second `analyze`
    starting at the same moment would find an "empty file" and refuse it. A database made beside
    the path and hard-linked into place is either absent or whole; when another process links
    first, its file is used.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(handle)
    try:
        database = sqlite3.connect(temporary)
        database.execute("VACUUM")  # writes the header page of an empty database
        database.close()
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)
