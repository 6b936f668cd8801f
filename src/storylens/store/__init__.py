"""Stores persist articles and findings. `open_store` picks the backend from a URL."""

from __future__ import annotations

from pathlib import Path

from storylens.store.base import AddResult, IngestedFile, Store, StoreError, StorySummary


def open_store(url: str | Path) -> Store:
    """Open the store a URL names.

    `sqlite:///path/to/file.db` or a plain path opens SQLite (the default);
    `postgresql://...` is reserved for the PostgreSQL backend.
    """
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        raise StoreError("the PostgreSQL store is not available in this version of storylens: use a SQLite path")
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif "://" in text:
        raise StoreError(f"unsupported store URL {text!r}: use a file path or sqlite:///path")
    from storylens.store.sqlite import SQLiteStore

    return SQLiteStore(Path(text))


__all__ = ["AddResult", "IngestedFile", "Store", "StoreError", "StorySummary", "open_store"]
