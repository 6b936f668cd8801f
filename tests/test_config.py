"""Settings files: every section, frozen or not, can be overridden from YAML."""

from pathlib import Path

import pytest

from storylens.config import Settings, SettingsError, analysis_fingerprint, load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_defaults() -> None:
    assert load_settings(None) == Settings()


def test_frozen_timeline_section_is_overridden(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, "timeline:\n  max_conflict_gap_days: 5\n  event_types: [DATE]\n"))
    assert settings.timeline.max_conflict_gap_days == 5
    assert settings.timeline.event_types == ("DATE",)
    assert settings.timeline.merge_similarity == Settings().timeline.merge_similarity


def test_nested_frozen_section_is_overridden(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, "timeline:\n  time:\n    default_tense: future\n"))
    assert settings.timeline.time.default_tense == "future"
    assert settings.time.default_tense == "past"


def test_frozen_time_section_is_overridden(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, "time:\n  include_references: false\nworkers: 3\n"))
    assert settings.time.include_references is False
    assert settings.workers == 3


def test_unknown_setting_names_the_section(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="timeline: unknown setting 'nonsense'"):
        load_settings(write(tmp_path, "timeline:\n  nonsense: 1\n"))


def test_defaults_are_not_changed_by_a_file(tmp_path: Path) -> None:
    load_settings(write(tmp_path, "timeline:\n  max_conflict_gap_days: 9\n"))
    assert Settings().timeline.max_conflict_gap_days == 3


def test_fingerprint_changes_with_an_article_step_setting_only(tmp_path: Path) -> None:
    quotes = tmp_path / "quotes.yaml"
    quotes.write_text("quotes:\n  indirect: false\n", encoding="utf-8")
    timeline = tmp_path / "timeline.yaml"
    timeline.write_text("timeline:\n  merge_similarity: 0.5\n", encoding="utf-8")
    default = analysis_fingerprint(Settings())
    assert analysis_fingerprint(load_settings(quotes)) != default
    assert analysis_fingerprint(load_settings(timeline)) == default  # timelines are a story step: recomputed


def test_code_digest_changes_with_a_rule_file_and_ignores_caches(tmp_path: Path) -> None:
    """A checkout whose rules changed without a new version must not keep the old findings unnoticed."""
    from storylens.config import code_digest

    (tmp_path / "steps" / "__pycache__").mkdir(parents=True)
    (tmp_path / "resources").mkdir()
    (tmp_path / "steps" / "time.py").write_text("RULE = 1\n", encoding="utf-8")
    (tmp_path / "resources" / "en.yaml").write_text("future_markers: [may]\n", encoding="utf-8")
    (tmp_path / "cli.py").write_text("print('not analysis code')\n", encoding="utf-8")
    before = code_digest(tmp_path, ("steps", "resources"))
    (tmp_path / "steps" / "__pycache__" / "time.cpython-311.pyc").write_bytes(b"\0cache")
    (tmp_path / "cli.py").write_text("print('changed, still not analysis code')\n", encoding="utf-8")
    assert code_digest(tmp_path, ("steps", "resources")) == before
    (tmp_path / "resources" / "en.yaml").write_text("future_markers: [will]\n", encoding="utf-8")
    assert code_digest(tmp_path, ("steps", "resources")) != before
