"""Store URLs: the SQLAlchemy convention for SQLite, PostgreSQL recognised, everything else refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.store.url import POSTGRESQL, SQLITE, StoreURLError, parse_store_url, sqlite_url


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("out/storylens.db", Path("out/storylens.db")),
        ("sqlite:///out/storylens.db", Path("out/storylens.db")),
        ("sqlite:////data/news.db", Path("/data/news.db")),
        ("SQLITE:///x.db", Path("x.db")),
        ("C:/stores/x.db", Path("C:/stores/x.db")),
    ],
)
def test_sqlite_urls_follow_the_sqlalchemy_convention(url: str, path: Path) -> None:
    parsed = parse_store_url(url)
    assert parsed.backend == SQLITE and parsed.path == path


def test_sqlite_url_round_trips_relative_and_absolute_paths() -> None:
    for path in (Path("out/a.db"), Path("/data/a.db")):
        assert parse_store_url(sqlite_url(path)).path == path


def test_postgresql_urls_are_recognised_for_the_postgresql_store() -> None:
    for url in ("postgresql://news@localhost/news", "postgres://localhost/news", "postgresql+psycopg://h/db"):
        assert parse_store_url(url).backend == POSTGRESQL


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://localhost/news", "unsupported store URL scheme 'mysql'"),
        ("sqlite://", "names no file"),
        ("sqlite:relative.db", "names no file"),
        ("  ", "empty store URL"),
    ],
)
def test_urls_naming_no_store_are_refused_with_the_accepted_forms(url: str, message: str) -> None:
    with pytest.raises(StoreURLError, match=message):
        parse_store_url(url)
