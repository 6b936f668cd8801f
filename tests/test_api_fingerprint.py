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
    assert (first.new_articles, first.analyzed_elsewise) == (3, 0)
    capsys.readouterr()
    changed = api.analyze([inputs], tmp_path / "out", workers=1, settings=no_indirect)
    assert (changed.new_articles, changed.analyzed_elsewise) == (0, 3)
    assert changed.stats["store"] == {"analyzed_elsewise": 3}
    assert "3 of 3 stored analysed articles were made by another storylens version" in capsys.readouterr().err


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
