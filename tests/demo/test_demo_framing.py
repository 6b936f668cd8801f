"""Framing on the demo corpus (issue #19): per-camp results exist, spans slice, and the differences written into
the demo text are found: who each camp quotes, loaded terms, naming pairs, facts one camp omits, tone toward
Helena Marsk (scored against gold.json's `framing` section, as `storylens score` does).

The demo is analysed once per session through the real CLI with its outlets file (`demo_report`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import storylens.demo
from storylens.evaluation_framing import score_framing


def _spans(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if "article_id" in value and "start" in value:
            yield value
        for item in value.values():
            yield from _spans(item)
    elif isinstance(value, list):
        for item in value:
            yield from _spans(item)


def test_every_framing_span_slices_its_article(demo_report: dict[str, Any]) -> None:
    articles = {a["id"]: a for a in demo_report["articles"]}
    spans = [s for story in demo_report["stories"] for s in _spans(story.get("framing") or {})]
    assert spans
    for span in spans:
        field = span.get("field", "text")  # headline findings point into the title
        assert articles[span["article_id"]][field][span["start"] : span["end"]] == span["text"], span
    assert any(span.get("field") == "title" for span in spans)  # headlines are scanned


def test_headline_loaded_terms_point_into_the_title(demo_report: dict[str, Any]) -> None:
    articles = {a["id"]: a for a in demo_report["articles"]}
    found = {
        (finding["text"].lower(), articles[finding["article_id"]]["title"])
        for story in demo_report["stories"]
        for group in (story.get("framing") or {}).get("outlets", [])
        for finding in group["loaded_terms"]
        if finding.get("field") == "title"
    }
    assert found
    for text, title in found:
        assert text in title.lower()


def test_stories_with_camps_get_per_camp_and_per_outlet_groups(demo_report: dict[str, Any]) -> None:
    story = max(demo_report["stories"], key=lambda s: len(s["article_ids"]))
    framing = story["framing"]
    assert {g["name"] for g in framing["camps"]} >= {"government", "opposition"}
    articles = {a["id"]: a for a in demo_report["articles"]}
    originals = [articles[i] for i in story["article_ids"] if not articles[i]["duplicate_of"]]
    assert sorted(g["name"] for g in framing["outlets"]) == sorted({a["outlet"] for a in originals})


def _velmar(report: dict[str, Any]) -> dict[str, Any]:
    [story] = [s for s in report["stories"] if "Velmar" in s["title"] and "Republic Square" in s["title"]]
    return {g["name"]: g for g in story["framing"]["camps"]}


def test_government_camp_words_rioters_and_opposition_camp_protesters(demo_report: dict[str, Any]) -> None:
    camps = _velmar(demo_report)
    government = [c["term"] for c in camps["government"]["contrast"]]
    opposition = [c["term"] for c in camps["opposition"]["contrast"]]
    assert "rioters" in government[:3] and "rioters" not in opposition
    assert "protesters" in opposition[:3] and "protesters" not in government


@pytest.fixture(scope="module")
def framing_scores(demo_report: dict[str, Any]) -> dict[str, Any]:
    gold = json.loads((Path(storylens.demo.__file__).parent / "gold.json").read_text(encoding="utf-8"))
    return score_framing(demo_report, gold)


def test_demo_voices_per_camp_match_the_gold(framing_scores: dict[str, Any]) -> None:
    voices = framing_scores["voices"]
    assert voices["recall"] >= 0.95, voices["missed"]
    assert voices["precision"] >= 0.8, voices["extra"]  # extras: indirect speakers the quote gold does not list
    assert framing_scores["voice_gaps"]["found"] >= framing_scores["voice_gaps"]["total"] - 2


def test_demo_planted_loaded_terms_are_found_in_the_right_camp(framing_scores: dict[str, Any]) -> None:
    loaded = framing_scores["loaded_terms"]
    # 9 of the 22 planted terms are lexicon words; names of contested actions and actors that wire copy also uses
    # as plain names are found by contrast, not by a list: "rioters" is a camp's own name where the other writes
    # "men" in the same slot of an aligned sentence (3 planted), "crackdown" / "security operation" the names a
    # wire report attributes to the two sides (3): 15 / 22 (once listed for the demo: 19 / 22)
    assert loaded["recall"] >= 0.68, loaded["missed"]
    assert loaded["in_quote_right"] == loaded["found"]


def test_demo_omitted_facts_are_found_as_claim_gaps(framing_scores: dict[str, Any]) -> None:
    assert framing_scores["omissions"]["found"] == framing_scores["omissions"]["total"] == 3


def test_demo_naming_contrast_pairs_rioters_with_protesters(framing_scores: dict[str, Any]) -> None:
    naming = framing_scores["naming"]
    assert naming["found"] >= 4, naming["missed"]
    # "rioters" / "protesters" recurs, so the term contrast finds it; "rioters" / "masked men" is a one-off
    # substitution, shown because the government camp writes "rioters" in three reports and the others never
    # (a naming choice, see framing_naming)
    assert not any(miss.startswith("S2 the people the police cleared") for miss in naming["missed"])
    assert not any(miss.startswith("S2 the masked group") for miss in naming["missed"])


def test_demo_naming_contrast_finds_labels_written_in_sentences_that_do_not_align(
    framing_scores: dict[str, Any], demo_report: dict[str, Any]
) -> None:
    naming = framing_scores["naming"]
    assert naming["found"] >= 3, naming["missed"]
    # "historic agreement" / "capitulation": the opposition's label against the government's name for the deal;
    # "security operation" / "crackdown": the two names a wire report attributes to the two sides
    assert not any("capitulation" in miss or "crackdown" in miss for miss in naming["missed"])
    methods = {p["method"] for s in demo_report["stories"] for p in (s.get("framing") or {}).get("naming", [])}
    assert {"aligned", "labelled", "attributed"} <= methods


def test_demo_tone_toward_marsk_counts_only_words_aimed_at_her(demo_report: dict[str, Any]) -> None:
    [story] = [s for s in demo_report["stories"] if "Senna Bank" in s["title"]]
    [marsk] = [t for t in story["framing"]["tone"] if t["name"] == "Helena Marsk"]
    groups = {g["group"]: g for g in marsk["groups"]}
    assert groups["government"]["lean"] == "positive"
    # the opposition's "sell-out" sits in a sentence naming Marsk but is aimed at the deal it will not accept;
    # its case against her ("came back having shared them") holds no evaluative word, so no cue is kept
    assert "sell-out" not in [cue["text"] for cue in groups["opposition"]["cues"]]
    # English is parsed: each cue says how it is aimed at her ("thanked" Marsk: object; "Marsk's patience": self)
    assert groups["government"]["cues"] and all(cue["aim"] for cue in groups["government"]["cues"])
