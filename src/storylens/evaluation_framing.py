"""Score a report's framing (`stories[].framing`) against the `framing` section of a gold annotation.

The gold names, per story and camp, who is quoted (`voices`), loaded terms written into the text
(`loaded_terms`), pairs of terms two camps use for the same thing (`naming`) and facts one camp leaves
out (`omissions`, given by the claims that carry them). As everywhere in `storylens.evaluation`, spans
are texts found in the report's article text, so the gold survives changes to cleaning; a gold span in an
article that has copies also counts when found in a copy (the framing step keeps one copy per group).

Precision is only measured where the gold is exhaustive (voices: every direct quote is in the quote gold);
loaded terms, naming pairs and omissions are *planted* differences, so they are scored by recall.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from storylens.evaluation import (
    PRF,
    Gold,
    Report,
    article_keys,
    by_article_key,
    claim_for_gold_text,
    entity_names,
    story_mapping,
)

Span = tuple[str, int, int]  # (report article id, start, end)


def _copies_of(report: Report) -> dict[str, set[str]]:
    """Report article id -> the ids of its copy group (itself included)."""
    members: dict[str, set[str]] = {}
    for group in report.get("copy_groups", []):
        ids = set(group["article_ids"])
        for article_id in ids:
            members[article_id] = ids
    return members


def gold_occurrences(report: Report, gold: Gold, key: str, text: str) -> list[Span]:
    """Where a gold text sits: its first occurrence in the article with this key, and in each copy of it."""
    keys = article_keys(report, gold)
    texts = {a["id"]: a["text"] for a in report["articles"]}
    copies = _copies_of(report)
    found = []
    for article_id, article_key in keys.items():
        if article_key != key:
            continue
        for member in sorted(copies.get(article_id, {article_id})):
            start = texts[member].find(text)
            if start >= 0:
                found.append((member, start, start + len(text)))
    return found


def _overlaps(spans: Iterable[Mapping[str, Any]], wanted: list[Span]) -> Mapping[str, Any] | None:
    for span in spans:
        if span.get("field", "text") != "text":
            continue  # a headline finding: gold spans are found in the article text
        for article_id, start, end in wanted:
            if span.get("article_id") == article_id and span["start"] < end and start < span["end"]:
                return span
    return None


def _camp_groups(report: Report, gold: Gold) -> dict[tuple[str, str], Mapping[str, Any]]:
    """(gold story, camp) -> the report's camp group in the story matched to the gold story."""
    stories = {s["id"]: s for s in report["stories"]}
    groups = {}
    for gold_story, story_id in story_mapping(report, gold).items():
        for group in (stories[story_id].get("framing") or {}).get("camps", []):
            groups[(gold_story, group["name"])] = group
    return groups


def _framing_of(report: Report, gold: Gold) -> dict[str, Mapping[str, Any]]:
    stories = {s["id"]: s for s in report["stories"]}
    return {g: stories[s].get("framing") or {} for g, s in story_mapping(report, gold).items()}


def score_voices(report: Report, gold: Gold) -> dict[str, Any]:
    """Who each camp quotes: precision/recall over (story, camp, speaker) triples.

    A report speaker counts when its entity is one of the gold entities (named by the aliases its mentions
    carry); speakers that are no gold entity ("the ministry", "Protesters") are neither hits nor errors.
    """
    names = entity_names(report, gold)
    groups = _camp_groups(report, gold)
    expected = {(v["story"], v["camp"], name) for v in gold["framing"].get("voices", []) for name in v["speakers"]}
    predicted = set()
    for (story, camp), group in groups.items():
        if not any(v["story"] == story for v in gold["framing"].get("voices", [])):
            continue
        for speaker in group["voices"]["speakers"]:
            name = names.get(speaker.get("entity_id") or "")
            if name:
                predicted.add((story, camp, name))
    hits = expected & predicted
    prf = PRF.of(len(hits) / len(predicted) if predicted else 1.0, len(hits) / len(expected) if expected else 1.0)
    return {
        **prf.as_dict(),
        "missed": sorted(" / ".join(t) for t in expected - predicted),
        "extra": sorted(" / ".join(t) for t in predicted - expected),
    }


def gold_voice_gaps(gold: Gold) -> list[tuple[str, str, frozenset[str]]]:
    """(story, speaker, camps quoting them) for speakers some camps of a story quote and others do not."""
    by_story: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    camps: dict[str, set[str]] = defaultdict(set)
    for voice in gold["framing"].get("voices", []):
        camps[voice["story"]].add(voice["camp"])
        for name in voice["speakers"]:
            by_story[voice["story"]][name].add(voice["camp"])
    return sorted(
        (story, name, frozenset(quoting))
        for story, speakers in by_story.items()
        for name, quoting in speakers.items()
        if quoting != camps[story]
    )


def score_voice_gaps(report: Report, gold: Gold) -> dict[str, Any]:
    """Gaps (a voice some camps carry and others omit) whose report `voice_gaps` entry has the gold camps."""
    names = entity_names(report, gold)
    framing = _framing_of(report, gold)
    expected = gold_voice_gaps(gold)
    missed = []
    for story, name, quoting in expected:
        gaps = framing.get(story, {}).get("voice_gaps", [])
        if not any(names.get(g.get("entity_id") or "") == name and set(g["quoted_by"]) == quoting for g in gaps):
            missed.append(f"{story} {name} quoted by {sorted(quoting)}")
    return {"found": len(expected) - len(missed), "total": len(expected), "missed": missed}


def score_loaded_terms(report: Report, gold: Gold) -> dict[str, Any]:
    """Planted loaded terms found as loaded-language findings of the right camp (recall), `in_quote` right."""
    groups = _camp_groups(report, gold)
    items = gold["framing"].get("loaded_terms", [])
    found = in_quote_right = 0
    missed = []
    for item in items:
        group = groups.get((item["story"], item["camp"]))
        wanted = gold_occurrences(report, gold, item["article"], item["text"])
        finding = _overlaps(group["loaded_terms"], wanted) if group else None
        if finding is None:
            missed.append(f"{item['story']} {item['camp']}: {item['text']} ({item['article']})")
            continue
        found += 1
        in_quote_right += bool(finding.get("in_quote")) == item["in_quote"]
    return {
        "found": found,
        "total": len(items),
        "recall": round(found / len(items), 3) if items else 1.0,
        "in_quote_right": in_quote_right,
        "missed": missed,
    }


def _distinguishing_spans(framing: Mapping[str, Any], camp: str) -> list[Mapping[str, Any]]:
    """Spans the report gives as words that set this camp apart: its term contrast and naming contrast."""
    spans: list[Mapping[str, Any]] = []
    for group in framing.get("camps", []):
        if group["name"] == camp:
            spans += [example for entry in group.get("contrast", []) for example in entry["examples"]]
    for entry in framing.get("naming", []):
        for example in entry["examples"]:
            spans += [span for span in example["terms"] if span.get("group") == camp]
    return spans


def score_naming(report: Report, gold: Gold) -> dict[str, Any]:
    """Planted naming pairs found: for each camp of the pair, one of its terms among the words the report
    says set that camp apart (term contrast or naming contrast), at an occurrence in that camp's articles."""
    keys = article_keys(report, gold)
    framing = _framing_of(report, gold)
    texts = {a["id"]: a["text"] for a in report["articles"]}
    items = gold["framing"].get("naming", [])
    missed = []
    for item in items:
        story_framing = framing.get(item["story"], {})
        for camp, terms in item["terms"].items():
            wanted = []
            for article_id, key in keys.items():
                article = gold["articles"][key]
                if article["story"] == item["story"] and article["camp"] == camp:
                    for term in terms:
                        start = texts[article_id].find(term)
                        while start >= 0:
                            wanted.append((article_id, start, start + len(term)))
                            start = texts[article_id].find(term, start + 1)
            if _overlaps(_distinguishing_spans(story_framing, camp), wanted) is None:
                missed.append(f"{item['story']} {item['about']}: {camp} {terms}")
    found = len(items) - len({m.split(":")[0] for m in missed})
    return {"found": found, "total": len(items), "missed": missed}


def score_omissions(report: Report, gold: Gold) -> dict[str, Any]:
    """Planted omissions found: the report's claim gaps have the side holding the gold evidence claims,
    carried by the gold camps and not by the omitting ones."""
    keys = article_keys(report, gold)
    by_key = {keys[a["id"]]: a for a in report["articles"] if a["id"] in keys}
    claims = by_article_key(report.get("claims", []), keys)
    framing = _framing_of(report, gold)
    items = gold["framing"].get("omissions", [])
    missed = []
    for item in items:
        found_claims = [
            claim_for_gold_text(by_key[e["article"]], claims.get(e["article"], []), e["text"])
            for e in item["evidence"]
            if e["article"] in by_key
        ]
        claim_ids = {c["id"] for c in found_claims if c is not None}
        gaps = (framing.get(item["story"], {}).get("gaps") or {}).get("claims", [])
        hit = any(
            claim_ids
            and claim_ids <= set(gap["claim_ids"])
            and set(item["carried_by"]) <= set(gap["carried_by"])
            and set(item["omitted_by"]) <= set(gap["not_carried_by"])
            for gap in gaps
        )
        if not hit:
            missed.append(f"{item['story']} {item['about']}")
    return {"found": len(items) - len(missed), "total": len(items), "missed": missed}


def score_framing(report: Report, gold: Gold) -> dict[str, Any]:
    """Every framing figure, as a JSON-ready dict (a section of `storylens score`)."""
    return {
        "voices": score_voices(report, gold),
        "voice_gaps": score_voice_gaps(report, gold),
        "loaded_terms": score_loaded_terms(report, gold),
        "naming": score_naming(report, gold),
        "omissions": score_omissions(report, gold),
    }
