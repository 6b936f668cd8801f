"""Sanity checks of the bundled demo corpus and its gold annotation.

These tests pin down the corpus itself, not any analysis step: every gold span
must be findable in the raw article it names, every key must exist, and the
corpus must keep the mix of outlets, camps, languages and formats the demo
promises. They read files only, so they run in well under a second.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

import storylens.demo

DEMO_DIR = Path(storylens.demo.__file__).parent
CORPUS_DIR = DEMO_DIR / "corpus"
TODAY = dt.date(2026, 11, 23)
HEADER_FIELD = re.compile(r"^(Title|Outlet|Published|URL|Author|Language):\s")
TIMEX_VALUE = re.compile(
    r"^(\d{4}(-\d{2}(-\d{2})?)?(T(MO|AF|EV|NI|\d{2}:\d{2}))?"
    r"|\d{4}-W\d{2}(-WE)?|\d{4}-Q\d|\d{4}-(SP|SU|FA|WI)"
    r"|P(T)?\d+[YMWDH]|PRESENT_REF|PAST_REF|FUTURE_REF)$"
)


def load_gold() -> dict:
    return json.loads((DEMO_DIR / "gold.json").read_text(encoding="utf-8"))


def load_outlets() -> dict[str, dict]:
    outlets = yaml.safe_load((DEMO_DIR / "outlets.yaml").read_text(encoding="utf-8"))["outlets"]
    return {outlet["name"]: outlet for outlet in outlets}


def load_jsonl_records() -> dict[str, dict]:
    records = {}
    for path in sorted(CORPUS_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                records[record["id"]] = record
    return records


def load_raw_texts() -> dict[str, str]:
    """Raw text per article key: the whole file, or a JSONL record's `text` (or `html`) field."""
    texts = {path.name: path.read_text(encoding="utf-8") for path in sorted(CORPUS_DIR.glob("*.txt"))}
    texts |= {path.name: path.read_text(encoding="utf-8") for path in sorted(CORPUS_DIR.glob("*.html"))}
    for key, record in load_jsonl_records().items():
        texts[key] = record.get("text") or record["html"]
    return texts


GOLD = load_gold()
RAW = load_raw_texts()


def gold_spans() -> list[tuple[str, str, str]]:
    """Every (section, article key, text) the gold file claims is in an article."""
    spans = [("quotes", q["article"], q["text"]) for q in GOLD["quotes"]]
    spans += [("non_quotes", q["article"], q["text"]) for q in GOLD["non_quotes"]]
    spans += [("quote_groups", m["article"], m["text"]) for group in GOLD["quote_groups"] for m in group]
    spans += [("conflicts", v["article"], v["text"]) for c in GOLD["conflicts"] for v in c["values"]]
    spans += [("claim_groups", c["article"], c["text"]) for g in GOLD["claim_groups"] for s in g["sides"] for c in s]
    spans += [("time_expressions", t["article"], t["text"]) for t in GOLD["time_expressions"]]
    spans += [("artifacts", a["article"], a["text"]) for a in GOLD["artifacts"]]
    spans += [("framing", t["article"], t["text"]) for t in GOLD["framing"]["loaded_terms"]]
    spans += [("framing", e["article"], e["text"]) for o in GOLD["framing"]["omissions"] for e in o["evidence"]]
    return spans


def test_every_corpus_article_has_exactly_one_gold_entry():
    assert sorted(RAW) == sorted(GOLD["articles"])


def test_corpus_has_the_promised_size_and_mix():
    articles = GOLD["articles"].values()
    assert len(GOLD["articles"]) >= 36
    assert len({a["outlet"] for a in articles}) >= 7
    assert {a["camp"] for a in articles} == {"government", "opposition", "international"}
    languages = Counter(a["language"] for a in articles)
    assert languages["es"] >= 3 and languages["de"] >= 3
    assert languages["es"] + languages["de"] >= 4


def test_corpus_mixes_input_formats():
    assert len(list(CORPUS_DIR.glob("*.html"))) >= 6
    assert sum(len(path.read_text(encoding="utf-8").splitlines()) >= 2 for path in CORPUS_DIR.glob("*.jsonl")) >= 1
    headerless = [p for p in CORPUS_DIR.glob("*.txt") if not HEADER_FIELD.match(p.read_text(encoding="utf-8"))]
    assert len(headerless) >= 2


def test_gold_outlets_match_outlets_yaml():
    outlets = load_outlets()
    for key, article in GOLD["articles"].items():
        outlet = outlets[article["outlet"]]
        assert (article["camp"], article["language"]) == (outlet["camp"], outlet["language"]), key


def test_txt_headers_name_the_gold_outlet():
    for path in CORPUS_DIR.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        header = re.search(r"^Outlet: (.+)$", text, re.MULTILINE)
        if header:
            assert header.group(1) == GOLD["articles"][path.name]["outlet"], path.name
        else:
            assert GOLD["articles"][path.name]["outlet"] in text.splitlines()[1] or "date " in text.splitlines()[1]


def test_jsonl_records_carry_the_documented_fields():
    for key, record in load_jsonl_records().items():
        assert {"id", "title", "outlet", "published", "language", "url"} <= record.keys(), key
        assert ("text" in record) != ("html" in record), key
        assert record["outlet"] == GOLD["articles"][key]["outlet"]
        assert record["published"].startswith(GOLD["articles"][key]["published"])


def test_stories_have_eight_to_twelve_articles_and_agree_with_articles():
    assert len(GOLD["stories"]) == 3
    for story_id, story in GOLD["stories"].items():
        assert 8 <= len(story["articles"]) <= 12, story_id
        assert sorted(story["articles"]) == sorted(k for k, a in GOLD["articles"].items() if a["story"] == story_id)
    assert sum(a["story"] is None for a in GOLD["articles"].values()) >= 6


def test_publication_dates_fall_in_october_november_2026_before_today():
    for key, article in GOLD["articles"].items():
        published = dt.date.fromisoformat(article["published"])
        assert dt.date(2026, 10, 1) <= published <= TODAY, key


@pytest.mark.parametrize(("section", "article", "text"), gold_spans())
def test_every_gold_text_occurs_in_its_raw_article(section, article, text):
    assert text in RAW[article]


def test_quotes_do_not_overlap_planted_residue():
    for quote in GOLD["quotes"]:
        raw = RAW[quote["article"]]
        quote_start = raw.index(quote["text"])
        quote_end = quote_start + len(quote["text"])
        for artifact in GOLD["artifacts"]:
            if artifact["article"] == quote["article"]:
                start = raw.index(artifact["text"])
                assert not (start < quote_end and quote_start < start + len(artifact["text"])), quote["text"]


def test_quote_speakers_and_distinct_entities_are_gold_entities():
    names = {entity["name"] for entity in GOLD["entities"]}
    assert {q["speaker"] for q in GOLD["quotes"]} - {None} <= names
    for pair in GOLD["distinct_entities"]:
        assert set(pair) <= names


def test_quote_groups_are_made_of_gold_quotes_from_several_articles():
    quotes = {(q["article"], q["text"]) for q in GOLD["quotes"]}
    assert len(GOLD["quote_groups"]) >= 3
    for group in GOLD["quote_groups"]:
        members = [(m["article"], m["text"]) for m in group]
        assert set(members) <= quotes
        assert len({article for article, _ in members}) >= 2


def test_non_quotes_are_not_listed_as_quotes():
    quotes = {(q["article"], q["text"]) for q in GOLD["quotes"]}
    assert not quotes & {(q["article"], q["text"]) for q in GOLD["non_quotes"]}


def test_every_alias_is_used_somewhere_in_the_corpus():
    corpus_text = "\n".join(RAW.values())
    for entity in GOLD["entities"]:
        for alias in entity["aliases"]:
            assert alias in corpus_text, (entity["name"], alias)


def test_shared_surname_people_appear_in_the_same_story():
    halloran_articles = {
        name: {k for k, text in RAW.items() if name in text} for name in ("Pieter Halloran", "Moira Halloran")
    }
    assert halloran_articles["Pieter Halloran"] & halloran_articles["Moira Halloran"]


def test_copy_groups_are_disjoint_and_use_known_keys():
    members = [key for group in GOLD["copies"] for key in group]
    assert len(members) == len(set(members))
    assert set(members) <= set(GOLD["articles"])
    assert sorted(len(group) for group in GOLD["copies"]) == [2, 3]


def test_conflicts_give_at_least_two_different_values():
    kinds = {conflict["kind"] for conflict in GOLD["conflicts"]}
    assert {"figure", "date"} <= kinds
    for conflict in GOLD["conflicts"]:
        assert len({value["value"] for value in conflict["values"]}) >= 2, conflict["about"]


def test_time_values_are_timex3_like():
    assert len(GOLD["time_expressions"]) >= 50
    for time in GOLD["time_expressions"]:
        assert TIMEX_VALUE.match(time["value"]), time


def test_timeline_events_cite_articles_of_their_story():
    for event in GOLD["timeline"]:
        for key in event["articles"]:
            assert GOLD["articles"][key]["story"] == event["story"], (event["event"], key)


def test_every_residue_kind_is_planted_at_least_twice():
    counts = Counter(artifact["kind"] for artifact in GOLD["artifacts"])
    for kind in (
        "share-prompt",
        "comment-prompt",
        "copyright",
        "hashtags",
        "epoch",
        "repeated-title",
        "mistranslated-stop",
        "missing-space",
        "duplicated-phrase",
        "cookie",
        "related-links",
    ):
        assert counts[kind] >= 2, kind


def test_epoch_timestamps_decode_to_within_a_day_of_publication():
    for artifact in GOLD["artifacts"]:
        if artifact["kind"] == "epoch":
            stamp = dt.datetime.fromtimestamp(int(artifact["text"]), tz=dt.UTC).date()
            published = dt.date.fromisoformat(GOLD["articles"][artifact["article"]]["published"])
            assert abs((stamp - published).days) <= 1


def _copies_left_out() -> set[str]:
    return {key for group in GOLD["copies"] for key in group[1:]}


def test_framing_voices_are_the_named_speakers_of_each_camps_gold_quotes():
    """Who each camp quotes (gold `framing.voices`) agrees with the quote gold: copies count for their original."""
    quoted: dict[tuple[str, str], set[str]] = {}
    for quote in GOLD["quotes"]:
        article = GOLD["articles"][quote["article"]]
        if article["story"] and quote["speaker"] and quote["article"] not in _copies_left_out():
            quoted.setdefault((article["story"], article["camp"]), set()).add(quote["speaker"])
    voices = {(v["story"], v["camp"]): set(v["speakers"]) for v in GOLD["framing"]["voices"]}
    assert voices == quoted


def test_framing_terms_sit_in_articles_of_their_story_and_camp():
    framing = GOLD["framing"]
    for item in framing["loaded_terms"]:
        article = GOLD["articles"][item["article"]]
        assert (article["story"], article["camp"]) == (item["story"], item["camp"]), item
    for naming in framing["naming"]:
        camp_articles = {
            camp: [RAW[k] for k, a in GOLD["articles"].items() if a["story"] == naming["story"] and a["camp"] == camp]
            for camp in naming["terms"]
        }
        for camp, terms in naming["terms"].items():
            assert any(term in text for term in terms for text in camp_articles[camp]), (naming["about"], camp)
    for omission in framing["omissions"]:
        camps = {GOLD["articles"][e["article"]]["camp"] for e in omission["evidence"]}
        assert camps == set(omission["carried_by"]) and not camps & set(omission["omitted_by"]), omission["about"]
