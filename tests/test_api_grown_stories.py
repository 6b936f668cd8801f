"""A store grown over several runs: the work the story steps keep on articles changes none of their findings.

The demo corpus (our own fictional articles) is analysed in two runs, half of its files each: the second run
grows stories the first made, so their framing reads the loaded-language rows and parse shapes the first run
kept on the old articles, and quote grouping takes the groups the first run left for their quotes. The same
two runs with nothing kept read must give the same full-store report, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from storylens import api
from storylens.steps import framing, framing_aim
from storylens.steps.quote_groups import GroupQuotes


def demo_halves(folder: Path) -> list[Path]:
    """The demo's files in two folders, every other file in each."""
    halves = [folder / "first", folder / "rest"]
    for half in halves:
        half.mkdir(parents=True)
    for number, path in enumerate(sorted(api.demo_corpus_path().iterdir())):
        shutil.copy(path, halves[number % 2] / path.name)
    return halves


def analyse_in_runs(parts: list[Path], out: Path, db: str) -> tuple[dict[str, Any], list[api.AnalysisResult]]:
    """Analyse `parts` one run each into one store; the full-store report (run time left out) and the runs."""
    runs = [api.analyze([part], out, db=db, workers=1, outlets_file=api.demo_outlets_path()) for part in parts]
    path, _ = api.report(db, out / "full", outlets_file=api.demo_outlets_path(), html=False)
    report = json.loads(path.read_text(encoding="utf-8"))
    report.pop("generated_at")
    return report, runs


def nothing_kept_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the story steps work everything out again, as before they kept anything."""
    monkeypatch.setattr(framing, "stored_loaded_language", framing.loaded_language)
    monkeypatch.setattr(framing_aim, "stored_shapes", lambda article: {})
    monkeypatch.setattr(GroupQuotes, "settled_groups", lambda self, story, refs, before: [])


@pytest.fixture(params=["sqlite", "postgresql"])
def two_stores(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """Two empty stores of one kind: SQLite files, or two databases of a real PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "kept.db"), str(tmp_path / "afresh.db")
    return str(request.getfixturevalue("postgres_url")), str(request.getfixturevalue("other_postgres_url"))


@pytest.fixture
def other_postgres_url(postgres_server: str) -> str:
    from postgres_server import fresh_database

    return fresh_database(postgres_server)


@pytest.mark.slow
def test_a_store_grown_in_two_runs_reports_what_the_runs_give_without_anything_kept(
    tmp_path: Path, two_stores: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    kept_db, afresh_db = two_stores
    parts = demo_halves(tmp_path / "in")
    kept, runs = analyse_in_runs(parts, tmp_path / "kept", kept_db)
    grown = runs[1]
    assert grown.touched_stories and grown.stats["quote-groups"]["settled_quotes"] > 0
    with monkeypatch.context() as patched:
        nothing_kept_is_read(patched)
        afresh, afresh_runs = analyse_in_runs(parts, tmp_path / "afresh", afresh_db)
    assert afresh_runs[1].stats["quote-groups"].get("settled_quotes", 0) == 0
    for section in ("stories", "quote_groups", "quotes", "entities", "claim_groups", "articles"):
        assert kept[section] == afresh[section], section


def members(section: str, item: dict[str, Any]) -> tuple[Any, ...]:
    """What an item of a report section is made of: articles of a story, quotes of a group, mentions of an entity."""
    if section == "entities":
        return tuple(sorted((m["article_id"], m["start"], m["end"]) for m in item["mentions"]))
    return tuple(sorted(item["article_ids" if section == "stories" else "quote_ids"]))


def renamed(report: dict[str, Any], like: dict[str, Any]) -> dict[str, Any]:
    """`report` with the ids of its stories, quote groups and entities renamed to those of `like` made of the same
    articles, quotes and mentions (a run names a story after the articles it first saw, and an entity keeps the
    id it had, so two ways of analysing a corpus name them apart)."""
    names: dict[str, str] = {}
    for section in ("stories", "quote_groups", "entities"):
        wanted = {members(section, item): item["id"] for item in like[section]}
        for item in report[section]:
            other = wanted.get(members(section, item))
            if other is not None and other != item["id"]:
                names[item["id"]] = other
    if not names:
        return report
    pattern = re.compile("|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)))
    return dict(json.loads(pattern.sub(lambda match: names[match.group(0)], json.dumps(report))))


@pytest.mark.slow
def test_quote_groups_of_a_store_grown_in_two_runs_are_those_of_one_run(tmp_path: Path) -> None:
    parts = demo_halves(tmp_path / "in")
    whole = tmp_path / "in" / "whole"
    shutil.copytree(parts[0], whole)
    shutil.copytree(parts[1], whole, dirs_exist_ok=True)
    once, _ = analyse_in_runs([whole], tmp_path / "once", str(tmp_path / "once.db"))
    twice, _ = analyse_in_runs(parts, tmp_path / "twice", str(tmp_path / "twice.db"))
    twice = renamed(twice, once)
    by_id = {"quote_groups": "id", "quotes": "id"}
    for section, key in by_id.items():
        assert sorted(once[section], key=lambda item: item[key]) == sorted(twice[section], key=lambda item: item[key])
