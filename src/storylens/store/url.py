"""Store URLs: the one place a `--db` value is parsed.

Accepted forms, following the SQLAlchemy convention so URLs mean the same as in
other tools:

- a plain path (`out/storylens.db`, `/data/news.db`): SQLite;
- `sqlite:///relative/path.db` (three slashes): SQLite, relative to the current folder;
- `sqlite:////absolute/path.db` (four slashes): SQLite, absolute;
- `postgresql://user@host/dbname` (or `postgres://`): the PostgreSQL store.

Anything else (`sqlite://` without a path, `mysql://`, `file:`) is refused with a
message listing these forms. A new backend adds its scheme to `SCHEMES` and its
opening to `storylens.store.open_store`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from storylens.store.base import StoreError

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
SCHEMES = {"sqlite": SQLITE, "postgresql": POSTGRESQL, "postgres": POSTGRESQL}
ACCEPTED_FORMS = "a file path, sqlite:///relative/path.db, sqlite:////absolute/path.db or postgresql://user@host/dbname"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


class StoreURLError(StoreError):
    """A `--db` value that names no store this storylens can open."""


@dataclass(frozen=True)
class StoreURL:
    """A parsed store URL: the backend, the SQLite file (for SQLite) and the text as given."""

    backend: str
    text: str
    path: Path | None = None


def parse_store_url(url: str | Path) -> StoreURL:
    """The backend and location a `--db` value names; `StoreURLError` when it names none."""
    if isinstance(url, Path):
        return StoreURL(SQLITE, str(url), url)
    text = str(url).strip()
    if not text:
        raise StoreURLError(f"empty store URL: use {ACCEPTED_FORMS}")
    match = _SCHEME.match(text)
    if match is None or len(match.group(1)) == 1:  # no scheme (a one-letter "scheme" is a Windows drive)
        return StoreURL(SQLITE, text, Path(text))
    scheme = match.group(1).lower()
    backend = SCHEMES.get(scheme.split("+", 1)[0])
    if backend is None:
        raise StoreURLError(f"unsupported store URL scheme {scheme!r} in {text!r}: use {ACCEPTED_FORMS}")
    if backend == POSTGRESQL:
        return StoreURL(POSTGRESQL, text)
    rest = text[match.end() :]
    if not rest.startswith("///") or len(rest) == 3:
        raise StoreURLError(
            f"SQLite URL {text!r} names no file: use sqlite:///relative/path.db or sqlite:////absolute/path.db"
            " (in-memory stores are not supported)"
        )
    return StoreURL(SQLITE, text, Path(rest[3:]))


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy-style URL of a SQLite file: three slashes before a relative path, four before an absolute."""
    return f"sqlite:///{path}"
