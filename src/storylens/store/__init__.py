"""Stores persist articles and findings. `open_store` picks the backend from a URL (see `store/url.py`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from storylens.store.base import (
    SEARCH_CANDIDATES,
    AddResult,
    IngestedFile,
    Store,
    StoreBusyError,
    StoreError,
    StorySummary,
)
from storylens.store.url import POSTGRESQL, StoreURLError, parse_store_url


def sqlite_path(url: str | Path) -> Path | None:
    """The SQLite file a store URL names, or None for another backend (or a URL that names nothing)."""
    try:
        return parse_store_url(url).path
    except StoreURLError:
        return None


def is_postgres_url(url: str | Path) -> bool:
    """True when a store URL names the PostgreSQL server store."""
    try:
        return parse_store_url(url).backend == POSTGRESQL
    except StoreURLError:
        return False


def open_store(
    url: str | Path,
    *,
    create: bool = True,
    busy_timeout: float | None = None,
    on_busy: Callable[[str], None] | None = None,
    read_only: bool = False,
) -> Store:
    """Open the store a URL names.

    `sqlite:///path/to/file.db` or a plain path opens SQLite (the default);
    `postgresql://user:password@host:port/database` (or `postgres://`) opens the PostgreSQL server store.

    create: make a new store when none exists (only `analyze` does; the read commands pass False,
        so a typo in `--db` is an error instead of a new empty store).
    busy_timeout: seconds to wait for another writer before giving up (None: the backend's default).
    on_busy: called with a message once when the store is busy and we start waiting.
    read_only: after any schema upgrade, the connection refuses writes (SQLite `query_only`, PostgreSQL
        `default_transaction_read_only`): what `serve` opens, so no request can change the store.
    """
    location = parse_store_url(url)
    if location.backend == POSTGRESQL:
        from storylens.store.postgres import PostgresStore  # raises StoreError without the [postgres] extra

        return PostgresStore(
            re.sub(r"^postgres(?:ql)?(?:\+\w+)?://", "postgresql://", location.text), read_only=read_only
        )
    from storylens.store.sqlite import SQLiteStore

    assert location.path is not None
    options = {} if busy_timeout is None else {"busy_timeout": busy_timeout}
    store = SQLiteStore(location.path, create=create, on_busy=on_busy, **options)
    if read_only:
        store.set_query_only()
    return store


__all__ = [
    "SEARCH_CANDIDATES",
    "AddResult",
    "IngestedFile",
    "Store",
    "StoreBusyError",
    "StoreError",
    "StoreURLError",
    "StorySummary",
    "is_postgres_url",
    "open_store",
    "sqlite_path",
]
