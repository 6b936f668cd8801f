"""Stored findings made by other settings: a run says how many there are, and the demo starts afresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens import api
from storylens.config import Settings, analysis_fingerprint, load_settings
from storylens.store import open_store

REPORTS = [
    "The Ostrand council said the harbour bridge would close on Monday. “We have no choice,” Mayor Lena Varg said.",
    "Ferry crossings from Kessing were halted on Tuesday after deckhands walked out over pay, the operator said.",
    "Forecasters warned that the river at Velmar could rise by forty centimetres overnight, the agency said.",
    "Mayor Lena Varg said that the Ostrand harbour bridge would reopen in May after the repairs.",
]


def write_inputs(folder: Path) -> Path:
    folder.mkdir()
    for number, text in enumerate(REPORTS):
        (folder / f"report-{number}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def no_indirect(tmp_path: Path) -> Settings:
    path = tmp_path / "settings.yaml"
    path.write_text("quotes:\n  indirect: false\n", encoding="utf-8")
    return load_settings(path)


def test_a_changed_article_setting_is_reported_and_findings_kept(
    tmp_path: Path, no_indirect: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = write_inputs(tmp_path / "in")
    first = api.analyze([inputs], tmp_path / "out", workers=1)
    assert (first.new_articles, first.analyzed_elsewise) == (4, 0)
    capsys.readouterr()
    changed = api.analyze([inputs], tmp_path / "out", workers=1, settings=no_indirect)
    assert (changed.new_articles, changed.analyzed_elsewise) == (0, 4)
    assert changed.stats["store"] == {"analyzed_elsewise": 4, "reanalysed": 0}
    assert "4 of 4 stored analysed articles were made by another storylens version" in capsys.readouterr().err


def test_a_rerun_with_unchanged_settings_redoes_nothing_and_says_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = write_inputs(tmp_path / "in")
    api.analyze([inputs], tmp_path / "out", workers=1)
    capsys.readouterr()
    again = api.analyze([inputs], tmp_path / "out", workers=1)
    assert (again.new_articles, again.analyzed_elsewise, again.touched_stories) == (0, 0, 0)
    assert "made by another" not in capsys.readouterr().err


def test_a_stale_store_is_removed_and_a_current_one_kept(tmp_path: Path, no_indirect: Settings) -> None:
    inputs = write_inputs(tmp_path / "in")
    api.analyze([inputs], tmp_path / "out", workers=1)
    path = tmp_path / "out" / "storylens.db"
    assert not api.remove_stale_store(path, analysis_fingerprint(Settings()))
    assert path.exists()
    assert api.remove_stale_store(path, analysis_fingerprint(no_indirect))
    assert not path.exists()
    with open_store(path) as store:
        assert store.count_articles() == 0


@pytest.fixture(params=["sqlite", "postgresql"])
def store_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The store a re-analysed run writes to: SQLite in the output folder, or a real PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "out" / "storylens.db")
    return str(request.getfixturevalue("postgres_url"))


def stored_quotes(db: Path | str) -> dict[str, list[tuple[str, str]]]:
    with open_store(db) as store:
        corpus = store.load_corpus()
    return {a.id: sorted((q.kind, q.text) for q in a.quotes) for a in corpus.articles.values()}


def test_reanalyse_gives_the_new_settings_findings_without_duplicating_articles(
    tmp_path: Path, no_indirect: Settings, store_db: str
) -> None:
    inputs = write_inputs(tmp_path / "in")
    api.analyze([inputs], tmp_path / "out", db=store_db, workers=1)
    before = stored_quotes(store_db)
    redone = api.analyze([inputs], tmp_path / "out", db=store_db, workers=1, settings=no_indirect, reanalyse=True)
    fresh = api.analyze([inputs], tmp_path / "fresh", workers=1, settings=no_indirect)
    after = stored_quotes(store_db)
    assert (redone.reanalysed, redone.new_articles, redone.articles) == (4, 0, 4)
    assert after != before  # the setting matters for these reports
    assert after == stored_quotes(tmp_path / "fresh" / "storylens.db")
    assert redone.stories == fresh.stories
    again = api.analyze([inputs], tmp_path / "out", db=store_db, workers=1, settings=no_indirect, reanalyse=True)
    assert (again.analyzed_elsewise, again.reanalysed, again.touched_stories) == (0, 0, 0)


def test_an_article_reanalysed_by_a_killed_run_keeps_its_story_on_the_next_run(
    tmp_path: Path, no_indirect: Settings, store_db: str
) -> None:
    inputs = write_inputs(tmp_path / "in")
    first = api.analyze([inputs], tmp_path / "out", db=store_db, workers=1)
    with open_store(store_db) as store:
        article = store.analyzed_elsewise("other", 1)[0]
        # what a run killed after saving a re-analysed batch, before refreshing its stories, leaves behind
        store.save_annotated([article], analysis_fingerprint(no_indirect))
        assert article.id in store.ungrouped_article_ids()
        stories_before = {s.id: s.article_ids for s in store.load_corpus().stories.values()}
    resumed = api.analyze([inputs], tmp_path / "out", db=store_db, workers=1, settings=no_indirect)
    with open_store(store_db) as store:
        assert store.ungrouped_article_ids() == set()
        assert {s.id: s.article_ids for s in store.load_corpus().stories.values()} == stories_before
    assert (resumed.articles, resumed.stories, resumed.analyzed_elsewise) == (4, first.stories, 3)
