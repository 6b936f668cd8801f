"""The only markup the HTML report builds in Python: highlighted text, safe anchors, safe links.

Everything that comes from articles is untrusted (scraped pages can contain
markup and script). So the markup built here is assembled from escaped pieces
as `Markup`, links are emitted only for http(s) URLs, and anchor ids derived
from article ids are reduced to a safe alphabet.

Findings are shown in place, spaCy-displaCy style: the article text is sliced at
every span boundary and each slice is escaped and wrapped in the highlights
active over it, so nested and overlapping spans (a name inside a quote) render
without shifting a single character.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

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
