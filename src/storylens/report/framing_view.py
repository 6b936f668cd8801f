"""The framing panels of the HTML report: each outlet's and camp's voices, loaded words and contrast side by side.

Prepares plain dicts from a story's `framing` object (report.json) so the template only loops. Every finding
keeps a link to the article card it comes from and a short context snippet cut from the article text (the span
itself is also marked inside the article, see `article_view.framing_highlight`). Nothing here trusts report text: the
template escapes everything.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

CATEGORY_LABELS = {
    "loaded": "loaded",
    "saying": "coloured saying",
    "distancing": "distancing",
    "scare-quote": "scare quotes",
    "stance": "claimed vs said",
    "intensifier": "intensifiers",
    "hedge": "hedges",
    "naming": "naming choice",
}
# Loaded words first: hedges and intensifiers are weaker framing cues.
CATEGORY_ORDER = {
    "loaded": 0,
    "saying": 1,
    "distancing": 2,
    "scare-quote": 3,
    "stance": 4,
    "intensifier": 5,
    "hedge": 6,
    "naming": 7,
}
MAX_SPEAKERS = 6
MAX_TERMS = 12
MAX_UNQUOTED = 5
MAX_CONTRAST = 5
MAX_NAMING = 6
MAX_GAPS = 6
MAX_TONE_CUES = 3
CONTEXT = 50


def context_snippet(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(before, span, after): the span with up to CONTEXT characters around it, cut at spaces."""
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    if start - CONTEXT > 0 and " " in before:
        before = "…" + before.split(" ", 1)[1]
    if end + CONTEXT < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + "…"
    return before, text[start:end], after


def _finding(
    span: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]], anchor: Any, context: bool = True
) -> dict[str, Any]:
    """A span as a link to its article card, with the words around it (`context`; whole claims need none)."""
    article = articles.get(str(span.get("article_id"))) or {}
    text = str(article.get(str(span.get("field") or "text")) or "")  # headline findings point into the title
    start, end = int(span.get("start", 0)), int(span.get("end", 0))
    fits = 0 <= start <= end <= len(text) and text[start:end] == span.get("text")
    snippet = context_snippet(text, start, end) if fits and context else ("", str(span.get("text") or ""), "")
    return {
        "href": "#" + anchor("article", span.get("article_id")),
        "span": {"article_id": span.get("article_id"), "start": start, "end": end},
        "outlet": article.get("outlet") or "",
        "snippet": snippet,
    }


def _group_panel(group: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]], anchor: Any) -> dict[str, Any]:
    voices = group.get("voices") or {}
    speakers = []
    for speaker in (voices.get("speakers") or [])[:MAX_SPEAKERS]:
        examples = speaker.get("examples") or []
        speakers.append(
            {
                "data": speaker,
                "percent": round(100 * float(speaker.get("share") or 0)),
                "example": _finding(examples[0], articles, anchor) if examples else None,
            }
        )
    terms: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for finding in group.get("loaded_terms") or []:
        terms[(str(finding.get("category")), str(finding.get("text", "")).lower())].append(finding)
    ranked = sorted(terms.items(), key=lambda item: (CATEGORY_ORDER.get(item[0][0], 9), -len(item[1]), item[0][1]))[
        :MAX_TERMS
    ]
    loaded = [
        {
            "category": category,
            "label": CATEGORY_LABELS.get(category, category),
            "text": text,
            "count": len(found),
            "in_quote": all(f.get("in_quote") for f in found),
            "first": _finding(found[0], articles, anchor),
            "key": sum(bool(f.get("key")) for f in found),
            "aimed_at": _aimed_at(found),
            "instead_of": found[0].get("instead_of"),  # a naming choice: what the other group writes
            "instead_in": found[0].get("instead_in"),
        }
        for (category, text), found in ranked
    ]
    contrast = [
        {
            "data": entry,
            "example": _finding(entry["examples"][0], articles, anchor) if entry.get("examples") else None,
        }
        for entry in (group.get("contrast") or [])[:MAX_CONTRAST]
    ]
    unquoted = [
        {"data": entry, "example": _finding(entry["example"], articles, anchor)}
        for entry in (voices.get("mentioned_not_quoted") or [])[:MAX_UNQUOTED]
    ]
    counts = Counter({CATEGORY_LABELS.get(k, k): v for k, v in (group.get("loaded_counts") or {}).items()})
    return {
        "data": group,
        "official_percent": None
        if voices.get("official_share") is None
        else round(100 * float(voices["official_share"])),
        "speakers": speakers,
        "loaded": loaded,
        "loaded_counts": sorted(counts.items(), key=lambda item: (-item[1], item[0])),
        "loaded_key": sum(
            bool(f.get("key")) for f in group.get("loaded_terms") or [] if f.get("kind") == "loaded-language"
        ),
        "contrast": contrast,
        "unquoted": unquoted,
    }


def _aimed_at(found: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The entities a term's occurrences are aimed at (`framing_aim`), key entities first, at most two."""
    named: dict[str, Mapping[str, Any]] = {}
    for finding in sorted(found, key=lambda f: not f.get("key")):
        entity_id = finding.get("aimed_at")
        if entity_id and entity_id not in named:
            named[entity_id] = {"entity_id": entity_id, "name": finding.get("aimed_at_name") or entity_id}
    return list(named.values())[:2]


def _naming_rows(framing: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]], anchor: Any) -> list[Any]:
    """Each naming pair with its first example: the two terms in their sentences, side by side; an attributed
    pair also with the sentence that sets the two names side by side."""
    rows = []
    for pair in (framing.get("naming") or [])[:MAX_NAMING]:
        example = (pair.get("examples") or [{}])[0]
        terms = example.get("terms") or []
        bridge = (pair.get("attributed_in") or [None])[0]
        rows.append(
            {
                "data": pair,
                "sides": [_finding(span, articles, anchor) for span in terms],
                "bridge": _finding(bridge, articles, anchor) if bridge else None,
            }
        )
    return rows


def _gap_rows(framing: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]], anchor: Any) -> list[Any]:
    gaps = (framing.get("gaps") or {}).get("claims") or []
    return [
        {
            "data": gap,
            "evidence": [_finding(span, articles, anchor, context=False) for span in (gap.get("spans") or [])[:2]],
        }
        for gap in gaps[:MAX_GAPS]
    ]


def _tone_rows(framing: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]], anchor: Any) -> list[Any]:
    """Per key actor, each group's lean with the cue words that carry it (never a bare number)."""
    rows = []
    for entity in framing.get("tone") or []:
        groups = [
            {
                "data": group,
                "cues": [
                    {
                        **_finding(cue, articles, anchor),
                        "polarity": cue.get("polarity"),
                        "in_quote": cue.get("in_quote"),
                        "aim": cue.get("aim"),
                    }
                    for cue in (group.get("cues") or [])[:MAX_TONE_CUES]
                ],
            }
            for group in entity.get("groups") or []
        ]
        if any(g["cues"] for g in groups):
            rows.append({"data": entity, "groups": groups})
    return rows


def framing_view(story: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]], anchor: Any) -> dict[str, Any]:
    """Panels for the story's camps and outlets, naming contrast, gaps, tone, voice gaps and unmatched outlets;
    {} without framing."""
    framing = story.get("framing") or {}
    if not framing.get("outlets"):
        return {}
    coverage = (framing.get("gaps") or {}).get("coverage") or {}
    return {
        "camps": [_group_panel(g, articles, anchor) for g in framing.get("camps") or []],
        "groups": [_group_panel(g, articles, anchor) for g in framing.get("groups") or []],
        "group_by": framing.get("group_by") or "camp",
        "outlets": [_group_panel(g, articles, anchor) for g in framing.get("outlets") or []],
        "level": framing.get("level") or "outlet",
        "naming": _naming_rows(framing, articles, anchor),
        "claim_gaps": _gap_rows(framing, articles, anchor),
        "absent": coverage.get("absent") or [],
        "tone": _tone_rows(framing, articles, anchor),
        "voice_gaps": framing.get("voice_gaps") or [],
        "unmatched_outlets": framing.get("unmatched_outlets") or [],
    }


def framing_spans_by_article(stories: list[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """Loaded-language findings per article (once each), to mark them inside the article text."""
    seen: set[tuple[str, int, int]] = set()
    by_article: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for story in stories:
        for group in (story.get("framing") or {}).get("outlets") or []:
            for finding in group.get("loaded_terms") or []:
                key = (str(finding.get("article_id")), int(finding.get("start", -1)), int(finding.get("end", -1)))
                if key not in seen:
                    seen.add(key)
                    by_article[key[0]].append(finding)
    return by_article
