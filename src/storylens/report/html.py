"""The self-contained HTML report: the public JSON report rendered for people.

`render_html(report)` turns the report dict (see `storylens.report.json`) into
ONE HTML file that opens offline: CSS, the few lines of optional JavaScript and
the SVG charts are inline, and nothing is fetched at view time.

Everything that comes from articles is untrusted (scraped pages can contain
markup and script). So templates run with autoescaping on, the only markup
built in Python (highlighted article text, charts, anchors) is assembled from
escaped pieces as `Markup`, links are emitted only for http(s) URLs, and anchor
ids derived from article ids are reduced to a safe alphabet.

Findings are shown in place, spaCy-displaCy style: the article text is sliced at
every span boundary and each slice is escaped and wrapped in the highlights
active over it, so nested and overlapping spans (a name inside a quote) render
without shifting a single character.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import ChainableUndefined, Environment, PackageLoader
from markupsafe import Markup, escape

from storylens.report.charts import (
    UNKNOWN_CAMP_COLOUR,
    ChartSettings,
    CoveragePoint,
    TimelinePoint,
    coverage_chart,
    coverage_focus,
    parse_published,
    parse_timex,
    timeline_chart,
)
from storylens.report.framing_view import framing_spans_by_article, framing_view

CAMP_PALETTE = ("#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#b45309")
ENTITY_TYPE_CLASSES = {
    "PERSON": "person",
    "PER": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "event",
}
_SAFE_ANCHOR = re.compile(r"^[A-Za-z0-9_.:-]{1,80}$")


@dataclass(frozen=True)
class HtmlReportSettings:
    """How much the HTML report shows. Limits keep 2,000-article reports small and fast to open."""

    title: str = "storylens report"
    min_story_articles: int = 2  # stories with fewer articles are listed under "Other articles"
    max_mention_articles: int = 30  # per entity: articles listed under "Mentions" before "and N more"
    max_removal_chars: int = 300  # removed text longer than this is shortened in the cleaning list
    max_statement_chars: int = 400  # quote text in the "who said what" table
    max_claim_rows: int = 40  # claim groups (carried by two or more articles) in a story's claim matrix
    max_claim_chars: int = 220  # claim text in the claim matrix
    charts: ChartSettings = field(default_factory=ChartSettings)


@dataclass(frozen=True)
class Highlight:
    """One span to mark in an article's text.

    `kind` is "quote", "speaker", "mention" or "time"; `css_class` its look,
    `tooltip` what hovering shows, `href` an in-page link (entity pages).
    """

    start: int
    end: int
    kind: str
    css_class: str
    tooltip: str = ""
    href: str | None = None


# Outer highlights first when two spans start and end together.
_KIND_RANK = {"claim": -1, "quote": 0, "speaker": 1, "mention": 2, "time": 3, "framing": 4}


def anchor_id(kind: str, identifier: Any) -> str:
    """An HTML id for an article/entity/story/... that is safe whatever the identifier holds.

    Plain ids are kept readable ("article-a1b2"); anything else is replaced by a short hash.
    """
    text = str(identifier)
    if not _SAFE_ANCHOR.match(text):
        text = "h" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return f"{kind}-{text}"


def safe_href(url: Any) -> str | None:
    """The URL when it is a plain http(s) link, else None (never `javascript:`, `data:`, ...)."""
    if not isinstance(url, str):
        return None
    candidate = url.strip()
    if any(ord(char) < 32 or char.isspace() for char in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return candidate


def entity_type_class(entity_type: Any) -> str:
    """A CSS class for an entity type from a fixed set, so data never becomes a class name."""
    return "t-" + ENTITY_TYPE_CLASSES.get(str(entity_type or "").upper(), "other")


def camp_colours(camps: Iterable[str | None]) -> dict[str, str]:
    """A stable colour per camp name (sorted, cycling through the palette)."""
    named = sorted({camp for camp in camps if camp})
    return {camp: CAMP_PALETTE[index % len(CAMP_PALETTE)] for index, camp in enumerate(named)}


def format_time(value: Any) -> str:
    """A publication time for people ("5 Mar 2024, 09:30 UTC"); unreadable values are shown as given."""
    if not value:
        return ""
    parsed = parse_published(str(value))
    if parsed is None:
        return str(value)
    has_clock = "T" in str(value) or " " in str(value).strip()
    if has_clock:
        return f"{parsed.day} {parsed:%b %Y, %H:%M} UTC"
    return f"{parsed.day} {parsed:%b %Y}"


def format_date(value: Any) -> str:
    """A date without the clock ("5 Mar 2024"), or the value as given."""
    parsed = parse_published(str(value)) if value else None
    return f"{parsed.day} {parsed:%b %Y}" if parsed else str(value or "")


def shorten(text: Any, limit: int) -> str:
    """Text cut to `limit` characters with an ellipsis, for tables and lists."""
    value = str(text or "")
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def visible_whitespace(text: Any) -> str:
    """Line breaks and tabs made visible ("↵", "⇥"), for showing removed snippets on one line."""
    return str(text or "").replace("\r\n", "\n").replace("\n", "↵ ").replace("\t", "⇥ ")


def plural(count: Any, noun: str) -> str:
    """ "1 quote", "3 quotes"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def span_matches(text: str, span: Mapping[str, Any]) -> bool:
    """Whether a span's offsets are inside `text` and (when it carries text) point at that text."""
    start, end = span.get("start"), span.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        return False
    quoted = span.get("text")
    return quoted is None or text[start:end] == quoted


def _open_tag(highlight: Highlight, as_link: bool) -> Markup:
    """The opening tag of a highlight, its values escaped as `Markup.format` escapes them (`escape` per value):
    built directly: `Markup.format`'s formatter cost 1% of a whole run (a tag per span of every article)."""
    css_class, tooltip = escape(highlight.css_class), escape(highlight.tooltip)
    if as_link and highlight.href:
        return Markup(f'<a class="hl {css_class}" href="{escape(highlight.href)}" title="{tooltip}">')
    return Markup(f'<span class="hl {css_class}" title="{tooltip}">')


def escape_text(text: str) -> Markup:
    """Escape text for element content (not attributes): only `&`, `<` and `>` need it there.

    Leaves quotation marks readable in the page source and keeps large reports smaller.
    """
    return Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _close_tag(is_link: bool) -> Markup:
    return Markup("</a>") if is_link else Markup("</span>")


def _switch_highlights(open_stack: list[tuple[Highlight, bool]], wanted: list[Highlight]) -> list[Markup]:
    """Tags that turn the open elements into `wanted` (outermost first), keeping the shared outer ones open.

    Updates `open_stack` in place. A mention becomes a link only when no
    enclosing element is already a link (links must not nest).
    """
    keep = 0
    while keep < min(len(open_stack), len(wanted)) and open_stack[keep][0] is wanted[keep]:
        keep += 1
    tags = [_close_tag(open_stack.pop()[1]) for _ in range(len(open_stack) - keep)]
    for highlight in wanted[keep:]:
        as_link = highlight.href is not None and not any(is_link for _, is_link in open_stack)
        tags.append(_open_tag(highlight, as_link))
        open_stack.append((highlight, as_link))
    return tags


def highlight_text(
    text: str, highlights: Iterable[Highlight], anchors: Mapping[int, list[str]] | None = None
) -> Markup:
    """Article text as HTML with every highlight wrapped around its characters.

    The text is cut at every span boundary; each piece is escaped and sits
    inside the highlights that cover it, outermost first. Nested spans nest;
    a span crossing another's boundary is closed and reopened around it, so the
    output is well-formed and its visible text equals `text` exactly. Spans
    outside the text are ignored. `anchors` puts empty elements with these ids at offsets (link targets for
    spans, e.g. claims, that other parts of the report point to).
    """
    valid = [h for h in highlights if 0 <= h.start < h.end <= len(text)]
    anchors = {offset: ids for offset, ids in (anchors or {}).items() if 0 <= offset < len(text)}
    starting: dict[int, list[Highlight]] = defaultdict(list)
    for highlight in valid:
        starting[highlight.start].append(highlight)
    boundaries = sorted({0, len(text), *(h.start for h in valid), *(h.end for h in valid), *anchors})
    order = {id(h): (h.start, -h.end, _KIND_RANK.get(h.kind, 9), index) for index, h in enumerate(valid)}
    active: list[Highlight] = []
    open_stack: list[tuple[Highlight, bool]] = []  # (highlight, rendered as a link)
    pieces: list[Markup] = []
    for piece_start, piece_end in itertools.pairwise(boundaries):
        active = [h for h in active if h.end > piece_start] + starting.get(piece_start, [])
        pieces.extend(
            Markup('<span class="anchor" id="{}"></span>').format(name) for name in anchors.get(piece_start, [])
        )
        pieces.extend(_switch_highlights(open_stack, sorted(active, key=lambda h: order[id(h)])))
        pieces.append(escape_text(text[piece_start:piece_end]))
    pieces.extend(_close_tag(is_link) for _, is_link in reversed(open_stack))
    return Markup("").join(pieces)


@dataclass
class ReportIndex:
    """Lookups over the report dict so templates never search lists."""

    articles: dict[str, dict[str, Any]]
    entities: dict[str, dict[str, Any]]
    quotes: dict[str, dict[str, Any]]
    quote_groups: dict[str, dict[str, Any]]
    copy_groups: dict[str, dict[str, Any]]
    outlet_camps: dict[str, str | None]
    camp_colours: dict[str, str]
    mentions_by_article: dict[str, list[dict[str, Any]]]
    quotes_by_article: dict[str, list[dict[str, Any]]]
    times_by_article: dict[str, list[dict[str, Any]]]
    shown_quote_groups: set[str] = field(default_factory=set)  # groups with a "who said what" row to link to
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)
    claim_groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    matrix_claims_by_article: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # claims a matrix links to
    framing_by_article: dict[str, list[Any]] = field(default_factory=dict)  # loaded-language findings to mark


def _by_id(items: Any) -> dict[str, dict[str, Any]]:
    return {str(item["id"]): item for item in items or [] if isinstance(item, Mapping) and item.get("id") is not None}


def index_report(report: Mapping[str, Any]) -> ReportIndex:
    """Build the lookups the views need from the report dict."""
    articles = _by_id(report.get("articles"))
    entities = _by_id(report.get("entities"))
    outlet_camps: dict[str, str | None] = {}
    for outlet in report.get("outlets") or []:
        outlet_camps[str(outlet.get("name"))] = outlet.get("camp")
    for article in articles.values():
        if article.get("outlet") and article.get("camp") and not outlet_camps.get(article["outlet"]):
            outlet_camps[article["outlet"]] = article["camp"]
    mentions_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entity in entities.values():
        for mention in entity.get("mentions") or []:
            mentions_by_article[str(mention.get("article_id"))].append({**mention, "entity_id": entity["id"]})
    quotes_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for quote in report.get("quotes") or []:
        quotes_by_article[str(quote.get("article_id"))].append(quote)
    times_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for expression in report.get("time_expressions") or []:
        times_by_article[str(expression.get("article_id"))].append(expression)
    return ReportIndex(
        articles=articles,
        entities=entities,
        quotes=_by_id(report.get("quotes")),
        quote_groups=_by_id(report.get("quote_groups")),
        copy_groups=_by_id(report.get("copy_groups")),
        outlet_camps=outlet_camps,
        camp_colours=camp_colours([*outlet_camps.values(), *(a.get("camp") for a in articles.values())]),
        mentions_by_article=mentions_by_article,
        quotes_by_article=quotes_by_article,
        times_by_article=times_by_article,
        claims=_by_id(report.get("claims")),
        claim_groups=_by_id(report.get("claim_groups")),
        matrix_claims_by_article=_matrix_claims_by_article(report),
        framing_by_article=dict(framing_spans_by_article(report.get("stories") or [])),
    )


def _matrix_claims_by_article(report: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Claims of groups carried by two or more articles (the ones a claim matrix shows), per article."""
    shown = {
        str(group.get("id"))
        for group in report.get("claim_groups") or []
        if len({source.get("article_id") for source in group.get("sources") or []}) >= 2
    }
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in report.get("claims") or []:
        if str(claim.get("group")) in shown:
            by_article[str(claim.get("article_id"))].append(claim)
    return by_article


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


def _published_key(article: Mapping[str, Any]) -> tuple[datetime, str]:
    return parse_published(article.get("published")) or datetime.max, str(article.get("title") or "")


@dataclass
class StoryView:
    """One story with its articles, statements, timeline and coverage prepared for the template."""

    data: dict[str, Any]
    anchor: str
    articles: list[ArticleView]
    outlets_by_camp: list[tuple[str | None, str, list[str]]]  # (camp, colour, outlets)
    outlet_count: int
    key_entities: list[dict[str, Any]]
    copy_groups: list[dict[str, Any]]
    statements: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    timeline_svg: Markup
    coverage_svg: Markup
    claim_matrix: dict[str, Any] | None = None
    framing: dict[str, Any] = field(default_factory=dict)  # panels per camp/outlet (report/framing_view.py)


CLAIM_STANCE_MARKS = {"supports": "✓", "refines": "≈", "contradicts": "✗"}


def claim_matrix(
    story: Mapping[str, Any],
    outlets_by_camp: list[tuple[str | None, str, list[str]]],
    index: ReportIndex,
    settings: HtmlReportSettings,
) -> dict[str, Any] | None:
    """The story's claim groups × outlets (grouped by camp): which outlet supports, contradicts or refines each
    claim, or is silent on it. Rows: groups carried by two or more articles, conflicts first; each cell links to
    the claim's span in the article."""
    groups = [index.claim_groups[str(g)] for g in story.get("claim_group_ids") or [] if str(g) in index.claim_groups]
    shown = [g for g in groups if len({s.get("article_id") for s in g.get("sources") or []}) >= 2]
    single = len(groups) - len(shown)
    if not shown:
        return None if not groups else {"rows": [], "columns": [], "single_source": single, "hidden": 0}
    order = {"conflicting": 0, "corroborated": 1, "single-source": 2}
    shown.sort(key=lambda g: (order.get(str(g.get("verdict")), 3), -len(g.get("sources") or [])))
    columns = [(camp, colour, name) for camp, colour, names in outlets_by_camp for name in names]
    rows = []
    for group in shown[: settings.max_claim_rows]:
        cells: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for source in group.get("sources") or []:
            claim = index.claims.get(str(source.get("claim_id")), {})
            article = index.articles.get(str(source.get("article_id")), {})
            stance = str(source.get("stance"))
            cells[str(source.get("outlet") or "")].append(
                {
                    "stance": stance,
                    "mark": CLAIM_STANCE_MARKS.get(stance, "?"),
                    "href": "#" + anchor_id("claim", claim["id"]) if claim.get("id") else None,
                    "span": _span_of(claim),
                    "tooltip": f"{stance}: {shorten(claim.get('text') or '', settings.max_claim_chars)}",
                    "title": article.get("title") or "",
                }
            )
        rows.append(
            {
                "data": group,
                "anchor": anchor_id("claim-group", group["id"]),
                "text": shorten(group.get("text") or "", settings.max_claim_chars),
                "summary": (group.get("explanation") or {}).get("summary", ""),
                "cells": [(name, colour, cells.get(name, [])) for _, colour, name in columns],
            }
        )
    return {
        "rows": rows,
        "columns": columns,
        "camps": [(camp, colour, len(names)) for camp, colour, names in outlets_by_camp],
        "single_source": single,
        "hidden": max(0, len(shown) - settings.max_claim_rows),
    }


def _span_of(finding: Mapping[str, Any]) -> dict[str, Any] | None:
    """Where a finding is (article id and character offsets), for views that link to article pages."""
    if finding.get("article_id") is None or finding.get("start") is None:
        return None
    return {"article_id": finding["article_id"], "start": finding["start"], "end": finding.get("end")}


def _outlets_by_camp(outlets: Iterable[str], index: ReportIndex) -> list[tuple[str | None, str, list[str]]]:
    grouped: dict[str | None, list[str]] = defaultdict(list)
    for outlet in outlets:
        grouped[index.outlet_camps.get(outlet)].append(outlet)
    ordered = sorted(grouped.items(), key=lambda item: (item[0] is None, item[0] or ""))
    return [(camp, index.camp_colours.get(camp or "", UNKNOWN_CAMP_COLOUR), sorted(names)) for camp, names in ordered]


def _statement_row(group: dict[str, Any], index: ReportIndex, settings: HtmlReportSettings) -> dict[str, Any]:
    """One row of "who said what": speaker, statement, carriers and who carried it first."""
    quotes = [index.quotes[str(q)] for q in group.get("quote_ids") or [] if str(q) in index.quotes]
    speaker_entity = index.entities.get(str(group.get("speaker_entity_id")))
    speaker_text = next(
        (str((q.get("speaker") or {}).get("text")) for q in quotes if (q.get("speaker") or {}).get("text")), ""
    )
    first = index.articles.get(str(group.get("first_article_id")))
    return {
        "data": group,
        "anchor": anchor_id("quote-group", group["id"]),
        "speaker_entity": speaker_entity,
        "speaker_anchor": anchor_id("entity", speaker_entity["id"]) if speaker_entity else None,
        "speaker_text": speaker_text,
        "statement": shorten(group.get("text") or (quotes[0]["text"] if quotes else ""), settings.max_statement_chars),
        "kinds": sorted({str(q.get("kind") or "direct") for q in quotes}),
        "outlets": [
            (outlet, index.camp_colours.get(index.outlet_camps.get(outlet) or "", UNKNOWN_CAMP_COLOUR))
            for outlet in group.get("outlets") or []
        ],
        "first": first,
        "first_anchor": anchor_id("article", first["id"]) if first else None,
        "carriers": [
            (index.articles[str(a)], anchor_id("article", a))
            for a in group.get("article_ids") or []
            if str(a) in index.articles
        ],
    }


def single_quote_group(quote: Mapping[str, Any], index: ReportIndex) -> dict[str, Any]:
    """A quote no other article carries, shaped like a quote group so it gets a "who said what" row."""
    article = index.articles.get(str(quote.get("article_id")), {})
    return {
        "id": str(quote.get("id")),
        "quote_ids": [str(quote.get("id"))],
        "article_ids": [str(quote.get("article_id"))],
        "outlets": [article["outlet"]] if article.get("outlet") else [],
        "independent_sources": 1,
        "first_article_id": str(quote.get("article_id")),
        "first_published": article.get("published"),
        "speaker_entity_id": (quote.get("speaker") or {}).get("entity_id"),
        "text": quote.get("text"),
    }


def statement_groups(
    groups: list[dict[str, Any]], articles: list[dict[str, Any]], index: ReportIndex
) -> list[dict[str, Any]]:
    """Every statement of a story: same-statement groups first (most carriers first), then the
    quotes only one article carries, by speaker (unattributed last) and publication time."""
    grouped = {str(q) for group in groups for q in group.get("quote_ids") or []}
    singles = [
        single_quote_group(quote, index)
        for article in articles
        for quote in index.quotes_by_article.get(str(article["id"]), [])
        if str(quote.get("id")) not in grouped
    ]

    def speaker_key(group: dict[str, Any]) -> tuple[bool, str, tuple[datetime, str]]:
        entity = index.entities.get(str(group.get("speaker_entity_id")))
        first = index.articles.get(str(group.get("first_article_id")), {})
        return (entity is None, str(entity["name"]) if entity else "", _published_key(first))

    ordered = sorted(groups, key=lambda g: (-len(g.get("article_ids") or []), speaker_key(g)))
    return ordered + sorted(singles, key=speaker_key)


def _timeline_rows(story: dict[str, Any], index: ReportIndex) -> list[dict[str, Any]]:
    rows = []
    for number, event in enumerate(story.get("timeline") or [], start=1):
        sources = []
        for source in event.get("sources") or []:
            article = index.articles.get(str(source.get("article_id")))
            sources.append(
                {"span": source, "article": article, "anchor": anchor_id("article", source.get("article_id"))}
            )
        rows.append(
            {
                "number": number,
                "data": event,
                "anchor": anchor_id("event", f"{story['id']}-{number}"),
                "sources": sources,
                "entities": [index.entities[str(e)] for e in event.get("entity_ids") or [] if str(e) in index.entities],
            }
        )
    return rows


def _timeline_points(rows: list[dict[str, Any]]) -> list[TimelinePoint]:
    points = []
    for row in rows:
        event = row["data"]
        moment = parse_timex(event.get("date"))
        if moment is None:
            continue
        label = f"{row['number']}. {event.get('date')}: {shorten(event.get('text'), 160)}"
        if event.get("conflict"):
            label += " — sources disagree: " + ", ".join(str(d) for d in event.get("conflicting_dates") or [])
        points.append(TimelinePoint(row["number"], moment, label, bool(event.get("conflict")), "#" + row["anchor"]))
    return points


def _coverage_points(story: dict[str, Any], index: ReportIndex) -> list[CoveragePoint]:
    entries = story.get("coverage") or [
        {"article_id": a, "outlet": index.articles[a].get("outlet"), "published": index.articles[a].get("published")}
        for a in story.get("article_ids") or []
        if a in index.articles
    ]
    points = []
    for entry in entries:
        moment = parse_published(entry.get("published"))
        if moment is None:
            continue
        outlet = str(entry.get("outlet") or "unknown outlet")
        article = index.articles.get(str(entry.get("article_id")), {})
        label = f"{outlet} — {format_time(entry.get('published'))}: {shorten(article.get('title') or '', 120)}"
        colour = index.camp_colours.get(index.outlet_camps.get(outlet) or "", UNKNOWN_CAMP_COLOUR)
        points.append(CoveragePoint(outlet, moment, "#" + anchor_id("article", entry.get("article_id")), label, colour))
    return points


def story_view(story: dict[str, Any], index: ReportIndex, settings: HtmlReportSettings) -> StoryView:
    member_ids = {str(a) for a in story.get("article_ids") or []}
    articles = sorted((index.articles[a] for a in member_ids if a in index.articles), key=_published_key)
    outlets = story.get("outlets") or sorted({str(a.get("outlet")) for a in articles if a.get("outlet")})
    groups = [index.quote_groups[str(g)] for g in story.get("quote_group_ids") or [] if str(g) in index.quote_groups]
    timeline = _timeline_rows(story, index)
    coverage = _coverage_points(story, index)
    outlets_by_camp = _outlets_by_camp(outlets, index)
    return StoryView(
        data=story,
        anchor=anchor_id("story", story["id"]),
        articles=[article_view(article, index) for article in articles],
        outlets_by_camp=outlets_by_camp,
        outlet_count=len(set(outlets)),
        key_entities=[index.entities[str(e)] for e in story.get("key_entity_ids") or [] if str(e) in index.entities],
        copy_groups=[
            _copy_group_view(group, index)
            for group in index.copy_groups.values()
            if member_ids & {str(a) for a in group.get("article_ids") or []}
        ],
        statements=[_statement_row(group, index, settings) for group in statement_groups(groups, articles, index)],
        timeline=timeline,
        timeline_svg=timeline_chart(_timeline_points(timeline), settings.charts, coverage_focus(coverage)),
        coverage_svg=coverage_chart(coverage, settings.charts),
        claim_matrix=claim_matrix(story, outlets_by_camp, index, settings),
        framing=framing_view(story, index.articles, anchor_id),
    )


def _copy_group_view(group: dict[str, Any], index: ReportIndex) -> dict[str, Any]:
    similarity = group.get("similarity") or {}
    members = []
    for article_id in group.get("article_ids") or []:
        article = index.articles.get(str(article_id))
        if article is None:
            continue
        members.append(
            {
                "article": article,
                "anchor": anchor_id("article", article_id),
                "is_original": str(article_id) == str(group.get("original_id")),
                "similarity": similarity.get(str(article_id)),
            }
        )
    members.sort(key=lambda member: (not member["is_original"], _published_key(member["article"])))
    return {"data": group, "anchor": anchor_id("copy-group", group["id"]), "members": members}


def entity_view(entity: dict[str, Any], index: ReportIndex, settings: HtmlReportSettings) -> dict[str, Any]:
    """An entity card: names, roles, merge evidence and mentions grouped by article."""
    by_article: dict[str, list[str]] = defaultdict(list)
    for mention in entity.get("mentions") or []:
        by_article[str(mention.get("article_id"))].append(str(mention.get("text") or ""))
    mention_articles = [
        {
            "article": index.articles[a],
            "anchor": anchor_id("article", a),
            "count": len(texts),
            "forms": sorted(set(texts)),
        }
        for a, texts in by_article.items()
        if a in index.articles
    ]
    mention_articles.sort(key=lambda item: (-item["count"], _published_key(item["article"])))
    evidence = []
    for item in entity.get("evidence") or []:
        spans = [
            {
                "span": span,
                "article": index.articles.get(str(span.get("article_id"))),
                "anchor": anchor_id("article", span.get("article_id")),
            }
            for span in item.get("spans") or []
        ]
        evidence.append({"data": item, "spans": spans})
    return {
        "data": entity,
        "anchor": anchor_id("entity", entity["id"]),
        "type_class": entity_type_class(entity.get("type")),
        "evidence": evidence,
        "mention_articles": mention_articles[: settings.max_mention_articles],
        "more_mention_articles": max(0, len(mention_articles) - settings.max_mention_articles),
    }


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("storylens.report", "templates"),
        autoescape=True,
        undefined=ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(time=format_time, date=format_date, shorten=shorten, whitespace=visible_whitespace)
    environment.globals.update(plural=plural, anchor=anchor_id, safe_href=safe_href, type_class=entity_type_class)
    return environment


@functools.cache
def inline_script() -> tuple[Markup, Markup]:
    """The report's own JavaScript and its CSP hash.

    The page's Content-Security-Policy allows only a script with this exact
    hash, so even if some article text ever slipped through unescaped, an
    injected `<script>` or `onerror=` handler would not run.
    """
    source = (Path(__file__).parent / "templates" / "report.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return Markup(source), Markup(f"'sha256-{digest}'")


@functools.cache
def _cached_environment() -> Environment:
    """One template environment per process: templates compile once, however many reports render."""
    return _environment()


def report_context(report: Mapping[str, Any], settings: HtmlReportSettings) -> dict[str, Any]:
    """Everything the template shows, prepared from the report dict."""
    index = index_report(report)
    shown = [
        story
        for story in report.get("stories") or []
        if sum(str(a) in index.articles for a in story.get("article_ids") or []) >= settings.min_story_articles
    ]
    index.shown_quote_groups = {
        str(group)
        for story in shown
        for group in story.get("quote_group_ids") or []
        if str(group) in index.quote_groups
    }
    stories = [story_view(story, index, settings) for story in shown]
    placed = {str(article.data["id"]) for view in stories for article in view.articles}
    stories.sort(
        key=lambda view: (-len(view.articles), _published_key({"published": view.data.get("first_published")}))
    )
    other_articles = sorted((a for i, a in index.articles.items() if i not in placed), key=_published_key)
    entities = sorted(index.entities.values(), key=lambda e: (-(e.get("mention_count") or 0), str(e.get("name"))))
    script, script_hash = inline_script()
    return {
        "script": script,
        "script_hash": script_hash,
        "settings": settings,
        "report": report,
        "summary": report.get("summary") or {},
        "stories": stories,
        "other_articles": [article_view(article, index) for article in other_articles],
        "entities": [entity_view(entity, index, settings) for entity in entities],
        "copy_groups": sorted(
            (_copy_group_view(group, index) for group in index.copy_groups.values()),
            key=lambda view: (-len(view["members"]), str(view["data"]["id"])),
        ),
        "outlets": sorted(report.get("outlets") or [], key=lambda o: (-(o.get("articles") or 0), str(o.get("name")))),
        "unmatched_outlets": report.get("unmatched_outlets") or [],
        "camp_colours": index.camp_colours,
        "unknown_camp_colour": UNKNOWN_CAMP_COLOUR,
        "errors": report.get("errors") or [],
        "stats": report.get("stats") or {},
    }


def render_html(report: Mapping[str, Any], settings: HtmlReportSettings | None = None) -> str:
    """The report as one self-contained HTML document (no network needed to view it)."""
    settings = settings or HtmlReportSettings()
    template = _cached_environment().get_template("report.html.j2")
    return template.render(**report_context(report, settings))


def write_html(report: Mapping[str, Any], path: Path, settings: HtmlReportSettings | None = None) -> None:
    """Render the report and write it to `path` as UTF-8."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report, settings), encoding="utf-8")
