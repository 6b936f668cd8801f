"""Stores persist articles and findings. `open_store` picks the backend from a URL (see `store/url.py`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from storylens.store.base import AddResult, IngestedFile, Store, StoreBusyError, StoreError, StorySummary
from storylens.store.url import POSTGRESQL, StoreURLError, parse_store_url


def sqlite_path(url: str | Path) -> Path | None:
    """The SQLite file a store URL names, or None for another backend (or a URL that names nothing)."""
    try:
        return parse_store_url(url).path
    except StoreURLError:
        return None


def open_store(
    url: str | Path,
    *,
    create: bool = True,
    busy_timeout: float | None = None,
    on_busy: Callable[[str], None] | None = None,
) -> Store:
    """Open the store a URL names.

    create: make a new store when none exists (only `analyze` does; the read commands pass False,
        so a typo in `--db` is an error instead of a new empty store).
    busy_timeout: seconds to wait for another writer before giving up (None: the backend's default).
    on_busy: called with a message once when the store is busy and we start waiting.
    """
    location = parse_store_url(url)
    if location.backend == POSTGRESQL:
        raise StoreURLError(
            f"cannot open {location.text!r}: the PostgreSQL store is not available in this version of storylens;"
            " use a SQLite path (e.g. --db out/storylens.db)"
        )
    from storylens.store.sqlite import SQLiteStore

    assert location.path is not None
    options = {} if busy_timeout is None else {"busy_timeout": busy_timeout}
    return SQLiteStore(location.path, create=create, on_busy=on_busy, **options)


__all__ = [
    "AddResult",
    "IngestedFile",
    "Store",
    "StoreBusyError",
    "StoreError",
    "StoreURLError",
    "StorySummary",
    "open_store",
    "sqlite_path",
]
