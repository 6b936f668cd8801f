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


def open_store(url: str | Path) -> Store:
    """Open the store a URL names.

    `sqlite:///path/to/file.db` or a plain path opens SQLite (the default);
    `postgresql://...` is reserved for the PostgreSQL backend.
    """
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        raise StoreError("the PostgreSQL store is not available in this version of storylens: use a SQLite path")
    path = sqlite_path(text)
    if path is None:
        raise StoreError(f"unsupported store URL {text!r}: use a file path or sqlite:///path")
    from storylens.store.sqlite import SQLiteStore

    return SQLiteStore(path)


__all__ = ["AddResult", "IngestedFile", "Store", "StoreError", "StorySummary", "open_store", "sqlite_path"]
