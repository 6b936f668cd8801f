"""The framing scorer on a hand-made two-camp report (fictional text)."""

from __future__ import annotations

from typing import Any

from storylens.evaluation_framing import gold_voice_gaps, score_loaded_terms, score_voices

TEXT_A = "Masked rioters attacked the bridge, Ana Velo said."
TEXT_B = "Police stormed the bridge."


def report() -> dict[str, Any]:
    rioters = TEXT_A.index("rioters")
    camp_a = {
        "name": "government",
        "loaded_terms": [
            {"article_id": "r1", "start": rioters, "end": rioters + 7, "text": "rioters", "in_quote": True}
        ],
        "voices": {"speakers": [{"name": "Ana Velo", "entity_id": "e1"}]},
    }
    camp_b = {
        "name": "opposition",
        "loaded_terms": [],
        "voices": {"speakers": [{"name": "Bo Kern", "entity_id": "e2"}]},
    }
    return {
        "articles": [
            {"id": "r1", "external_id": "a.txt", "text": TEXT_A, "story_id": "s"},
            {"id": "r2", "external_id": "b.txt", "text": TEXT_B, "story_id": "s"},
        ],
        "stories": [{"id": "s", "framing": {"camps": [camp_a, camp_b]}}],
        "entities": [
            {"id": "e1", "mentions": [{"text": "Ana Velo"}]},
            {"id": "e2", "mentions": [{"text": "Bo Kern"}]},
        ],
    }


GOLD = {
    "articles": {"a.txt": {"story": "S1", "camp": "government"}, "b.txt": {"story": "S1", "camp": "opposition"}},
    "entities": [
        {"name": "Ana Velo", "type": "PERSON", "aliases": ["Ana Velo"]},
        {"name": "Cai Dunn", "type": "PERSON", "aliases": ["Cai Dunn"]},
    ],
    "framing": {
        "voices": [
            {"story": "S1", "camp": "government", "speakers": ["Ana Velo"]},
            {"story": "S1", "camp": "opposition", "speakers": ["Ana Velo", "Cai Dunn"]},
        ],
        "loaded_terms": [
            {"story": "S1", "camp": "government", "article": "a.txt", "text": "rioters", "in_quote": False},
            {"story": "S1", "camp": "opposition", "article": "b.txt", "text": "stormed", "in_quote": False},
        ],
    },
}


def test_voices_count_only_speakers_that_are_gold_entities() -> None:
    scores = score_voices(report(), GOLD)
    # Expected 3 triples; predicted 1 (Bo Kern is no gold entity): 1 hit. P 1/1, R 1/3.
    assert (scores["precision"], scores["recall"]) == (1.0, 0.333)
    assert scores["missed"] == ["S1 / opposition / Ana Velo", "S1 / opposition / Cai Dunn"]


def test_voice_gap_is_a_speaker_some_camps_of_the_story_omit() -> None:
    assert gold_voice_gaps(GOLD) == [("S1", "Cai Dunn", frozenset({"opposition"}))]


def test_loaded_terms_are_recalled_by_span_in_the_right_camp() -> None:
    scores = score_loaded_terms(report(), GOLD)
    assert (scores["found"], scores["total"], scores["in_quote_right"]) == (1, 2, 0)
    assert scores["missed"] == ["S1 opposition: stormed (b.txt)"]
