"""One article as the HTML report shows it: its text with every finding highlighted in place.

Each kind of finding (quote and speaker, entity mention, time expression, shared claim, loaded language)
becomes a `Highlight` with its tooltip and in-page link; spans that do not fit the article's text are counted
and skipped, never drawn on the wrong words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from storylens.report.charts import UNKNOWN_CAMP_COLOUR
from storylens.report.markup import (
    Highlight,
    anchor_id,
    entity_type_class,
    highlight_text,
    safe_href,
    span_matches,
)
from storylens.report.report_index import ReportIndex


def claim_highlight(claim: Mapping[str, Any], index: ReportIndex) -> Highlight:
    """A claim other sources also make: its verdict as the tooltip, linking to its row in the claim matrix."""
    group = index.claim_groups.get(str(claim.get("group")), {})
    verdict = group.get("verdict") or "claim"
    return Highlight(
        claim.get("start", -1),
        claim.get("end", -1),
        "claim",
        f"hl-claim claim-{verdict}",
        f"Claim ({verdict}): {group.get('explanation', {}).get('summary', '')}",
        "#" + anchor_id("claim-group", group["id"]) if group.get("id") else None,
    )


def quote_highlights(quote: Mapping[str, Any], index: ReportIndex) -> list[Highlight]:
    """The quoted content and, when it has offsets, the span naming the speaker."""
    speaker = quote.get("speaker") or {}
    speaker_name = _speaker_name(speaker, index)
    verb = f" ({quote['verb']})" if quote.get("verb") else ""
    indirect = quote.get("kind") in ("indirect", "attributed")
    tooltip = f"{'Indirect' if indirect else 'Direct'} quote — {speaker_name or 'unattributed'}{verb}"
    css_class = "hl-quote hl-indirect" if indirect else "hl-quote"
    highlights = [
        Highlight(quote.get("start", -1), quote.get("end", -1), "quote", css_class, tooltip, _group_href(quote, index))
    ]
    if speaker.get("start") is not None:
        entity_id = speaker.get("entity_id")
        href = "#" + anchor_id("entity", entity_id) if str(entity_id) in index.entities else None
        highlights.append(
            Highlight(
                speaker.get("start", -1),
                speaker.get("end", -1),
                "speaker",
                "hl-speaker",
                f"Speaker: {speaker_name}",
                href,
            )
        )
    return highlights


def mention_highlight(mention: Mapping[str, Any], index: ReportIndex) -> Highlight:
    """A name coloured by its entity's type, linking to the entity's card."""
    entity = index.entities.get(str(mention["entity_id"]), {})
    entity_type = entity.get("type") or mention.get("label")
    role = f" · role: {mention['role']}" if mention.get("role") else ""
    tooltip = f"{entity.get('name', '')} ({entity_type or 'entity'}){role}"
    css_class = "hl-mention " + entity_type_class(entity_type)
    return Highlight(
        mention.get("start", -1),
        mention.get("end", -1),
        "mention",
        css_class,
        tooltip,
        "#" + anchor_id("entity", mention["entity_id"]),
    )


def time_highlight(expression: Mapping[str, Any]) -> Highlight:
    """A date or time with its normalised value as the tooltip."""
    tooltip = f"{expression.get('type') or 'DATE'}: {expression.get('value') or 'unresolved'}"
    return Highlight(expression.get("start", -1), expression.get("end", -1), "time", "hl-time", tooltip)


def framing_highlight(finding: Mapping[str, Any]) -> Highlight:
    """A loaded-language finding, underlined, its category and lexicon term as the tooltip."""
    voice = " (inside a quote)" if finding.get("in_quote") else ""
    tooltip = f"Framing: {finding.get('category')} — {finding.get('term')}{voice}"
    return Highlight(finding.get("start", -1), finding.get("end", -1), "framing", "hl-framing", tooltip)


def article_highlights(article: Mapping[str, Any], index: ReportIndex) -> tuple[list[Highlight], int]:
    """Every highlight for one article, and how many spans were skipped because they don't fit its text.

    A span whose offsets point outside the text, or at characters other than
    its own `text`, is a bug upstream; showing it would mark the wrong words.
    """
    article_id = str(article.get("id"))
    candidates: list[tuple[Mapping[str, Any], Highlight]] = []
    for quote in index.quotes_by_article.get(article_id, []):
        speaker = quote.get("speaker") or {}
        for highlight in quote_highlights(quote, index):
            candidates.append((speaker if highlight.kind == "speaker" else quote, highlight))
    candidates += [(m, mention_highlight(m, index)) for m in index.mentions_by_article.get(article_id, [])]
    candidates += [(t, time_highlight(t)) for t in index.times_by_article.get(article_id, [])]
    candidates += [(c, claim_highlight(c, index)) for c in index.matrix_claims_by_article.get(article_id, [])]
    candidates += [(f, framing_highlight(f)) for f in _framing_findings(index, article_id, "text")]
    text = article.get("text") or ""
    highlights = [highlight for span, highlight in candidates if span_matches(text, span)]
    return highlights, len(candidates) - len(highlights)


def _framing_findings(index: ReportIndex, article_id: str, field_name: str) -> list[Any]:
    """The article's loaded-language findings in one field (`text`, or `title` for headline findings)."""
    return [f for f in index.framing_by_article.get(article_id, []) if f.get("field", "text") == field_name]


def title_markup(article: Mapping[str, Any], index: ReportIndex) -> Markup:
    """The article's headline with its loaded-language findings marked (spans with `field: title`)."""
    title = str(article.get("title") or "")
    findings = _framing_findings(index, str(article.get("id")), "title")
    return highlight_text(title, [framing_highlight(f) for f in findings if span_matches(title, f)])


def _speaker_name(speaker: Mapping[str, Any], index: ReportIndex) -> str:
    entity = index.entities.get(str(speaker.get("entity_id")))
    return str(entity["name"]) if entity else str(speaker.get("text") or "")


def _group_href(quote: Mapping[str, Any], index: ReportIndex) -> str | None:
    group = quote.get("group")
    return "#" + anchor_id("quote-group", group) if str(group) in index.shown_quote_groups else None


@dataclass
class ArticleView:
    """What the template needs to show one article."""

    data: dict[str, Any]
    anchor: str
    href: str | None
    camp: str | None
    colour: str
    body: Markup
    skipped_spans: int
    title: Markup
    counts: dict[str, int]
    copy_of: dict[str, Any] | None


def _claim_anchors(article: Mapping[str, Any], index: ReportIndex) -> dict[int, list[str]]:
    anchors: dict[int, list[str]] = defaultdict(list)
    text = article.get("text") or ""
    for claim in index.matrix_claims_by_article.get(str(article.get("id")), []):
        if span_matches(text, claim):
            anchors[int(claim["start"])].append(anchor_id("claim", claim["id"]))
    return anchors


def article_view(article: dict[str, Any], index: ReportIndex) -> ArticleView:
    highlights, skipped = article_highlights(article, index)
    camp = article.get("camp") or index.outlet_camps.get(str(article.get("outlet")))
    original = index.articles.get(str(article.get("duplicate_of")))
    return ArticleView(
        data=article,
        anchor=anchor_id("article", article["id"]),
        href=safe_href(article.get("url")),
        camp=camp,
        colour=index.camp_colours.get(camp or "", UNKNOWN_CAMP_COLOUR),
        body=highlight_text(article.get("text") or "", highlights, _claim_anchors(article, index)),
        skipped_spans=skipped,
        title=title_markup(article, index),
        counts={kind: sum(1 for h in highlights if h.kind == kind) for kind in ("mention", "quote", "time")},
        copy_of=original,
    )
