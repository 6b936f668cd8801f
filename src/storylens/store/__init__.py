"""Stores persist articles and findings. `open_store` picks the backend from a URL."""

from __future__ import annotations

from pathlib import Path

from storylens.store.base import AddResult, IngestedFile, Store, StoreError, StorySummary


def sqlite_path(url: str | Path) -> Path | None:
    """The SQLite file a store URL names (`sqlite:///path` or a plain path), or None for any other URL."""
    text = str(url)
    if text.startswith("sqlite:///"):
        return Path(text[len("sqlite:///") :])
    return None if "://" in text else Path(text)


def is_postgres_url(url: str | Path) -> bool:
    return str(url).startswith(("postgresql://", "postgres://"))


def open_store(url: str | Path) -> Store:
    """Open the store a URL names.

    `sqlite:///path/to/file.db` or a plain path opens SQLite (the default);
    `postgresql://user:password@host:port/database` (or `postgres://`) opens the PostgreSQL server store.
    """
    text = str(url)
    if is_postgres_url(text):
        from storylens.store.postgres import PostgresStore  # raises StoreError without the [postgres] extra

        return PostgresStore(text)
    path = sqlite_path(text)
    if path is None:
        raise StoreError(f"unsupported store URL {text!r}: use a file path or sqlite:///path")
    from storylens.store.sqlite import SQLiteStore

    return SQLiteStore(path)


__all__ = [
    "AddResult",
    "IngestedFile",
    "Store",
    "StoreError",
    "StorySummary",
    "is_postgres_url",
    "open_store",
    "sqlite_path",
]
