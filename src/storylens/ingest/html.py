"""Main text and metadata from a news page.

The pipeline is a few named heuristics, each small:

1. `page_metadata` (page_metadata.py) reads title, author, date, outlet, canonical
   URL and language from JSON-LD, OpenGraph and `<meta>` tags (before anything is removed).
2. `unwrap_layout_tables` turns tables used for page layout (old news sites, Chinese
   portals) into plain blocks, so a cell holding the story is not read as one table row.
3. `prune_boilerplate` removes page furniture by tag (nav, aside, figure, form...)
   and by class/id tokens (cookie, related, comments, paywall, caption...), never
   touching a block that holds most of the page's paragraph or visible text.
4. Two extractors run on the pruned page: trafilatura, and `densest_block_text`, a
   paragraph-density scorer in the spirit of Readability. `choose_text` keeps
   trafilatura unless it returned nothing or clearly too little.
5. Pruning by class names sometimes removes the story itself (a body wrapped in a
   "comments-area" or "sidebar-layout" block), so when the pruned text holds much less
   than the page's prose, trafilatura also reads the unpruned page (`prefer_whole_page`).
6. `cut_comment_thread` drops a reader-comment thread after its heading;
   `drop_furniture_lines` removes short leftover lines such as "Read more: ..."
   using the phrase lists in resources/ingest/html_boilerplate.yaml.
7. A result without one prose paragraph (menus, link lists) gets a last try from
   line-broken text (`line_break_prose`) and is otherwise refused with a reason.

Output text has one paragraph per block, paragraphs separated by a blank line.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import lxml.etree
import lxml.html

from storylens.ingest.detect import ENTITY_DECLARATION, HEAD_BYTES
from storylens.ingest.encoding import declared_charset, decode_bytes
from storylens.ingest.page_metadata import Page, htmldate_fallback, page_metadata
from storylens.resources import read_yaml

BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "dd", "dt")
ALWAYS_PRUNED_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "canvas",
    "form",
    "button",
    "select",
    "nav",
    "aside",
    "footer",
    "figure",
    "h1",
    "figcaption",
    "picture",
    "video",
    "audio",
    "input",
    "textarea",
    "dialog",
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
# A pruning candidate holding more than this share of all paragraph text is the body wrapper: keep it.
KEEP_BLOCK_SHARE = 0.6
HEADING_TAGS = ("h2", "h3", "h4", "h5", "h6")
CONTAINER_TAGS = ("div", "section", "ul", "ol")
MIN_TEASER_CARDS = 2  # sibling cards with a linked headline that make a related-stories grid
MAX_TEASER_CARD_CHARS = 300  # a card is a headline and a teaser sentence, not an article section
MIN_LINK_BLOCK_LINKS = 3
MIN_LINK_BLOCK_DENSITY = 0.75  # share of a block's text inside links from which it is a link list
MIN_PULL_QUOTE_WORDS = 4
MAX_PULL_QUOTE_WORDS = 40
MAX_PULL_QUOTE_CANDIDATES = 20  # longer paragraphs checked per candidate: bounds the work on repetitive pages
# A paragraph that is only a clock time is a live-blog entry stamp, not text ("07:50", "9.15 am", "14h30").
BARE_CLOCK_TIME = re.compile(r"\d{1,2}[:.h]\d{2}(?:\s?[ap]\.?m\.?)?")
_WORDS = re.compile(r"\w+")
TABLE_PART_TAGS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")
CELL_BLOCK_TAGS = ("p", "div", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6")
DATA_TABLE_MARKS = ("caption", "col", "colgroup", "thead", "tfoot", "th")
MAX_DATA_CELL_CHARS = 400  # a table cell longer than this holds prose: the table lays out a page
MIN_DATA_TABLE_ROWS = 10  # from here (or more than 4 columns) an unmarked table is taken as data
MAX_LAYOUT_TABLE_CELLS = 10  # a small unmarked table up to this many cells is layout, as in Readability
MAX_TITLE_CHARS = 1000  # a longer <title> text holding markup was never closed
RUNAWAY_TITLE = re.compile(r"(<title[^>]*>[^<\n]*)", re.IGNORECASE)
INLINE_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "span",
        "font",
        "u",
        "small",
        "big",
        "sub",
        "sup",
        "abbr",
        "cite",
        "code",
        "q",
        "mark",
        "time",
        "s",
        "del",
        "ins",
    }
)
NON_TEXT_TAGS = ("script", "style", "noscript", "template", "svg", "canvas")
# Prose: a paragraph of at least this many words (a CJK character counts as half a word) that ends a
# sentence, or one of twice that length. Menus, link lists and button labels have none.
MIN_PROSE_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?。！？…]['\"”’»)\]]*\s*$|[.!?。！？]['\"”’»)]*\s")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
NO_PROSE_REASON = "only navigation or link text, no article prose"
ENTITY_REFUSAL = (
    "the markup declares XML entities (<!DOCTYPE [ <!ENTITY ...> ]>), which can expand without limit "
    "(an entity-expansion bomb); the file is not read"
)


@dataclass
class HtmlSettings:
    """How HTML extraction trades precision for recall.

    favor: "precision" drops doubtful blocks, "recall" keeps them; "balanced" is trafilatura's default.
    min_trafilatura_share: if trafilatura returns less than this share of what the density extractor
        finds, trafilatura missed part of the body and the density text is used instead.
    max_trafilatura_chars: pages larger than this skip trafilatura and htmldate (their time grows fast
        with page size); the linear density extractor handles them.
    include_tables: keep table rows as paragraphs ("cell | cell").
    min_pruned_share: when the text from the pruned page has fewer than this share of the words
        trafilatura finds on the whole page, pruning removed the story: the whole-page text is used.
    """

    favor: str = "balanced"
    min_trafilatura_share: float = 0.6
    max_trafilatura_chars: int = 3_000_000
    include_tables: bool = True
    min_pruned_share: float = 0.5


@dataclass(frozen=True)
class BoilerplateRules:
    markup_tokens: frozenset[str]
    body_tokens: frozenset[str]
    phrases: tuple[str, ...]
    max_phrase_line_chars: int
    byline_prefixes: tuple[str, ...]
    max_byline_words: int
    comment_thread_headers: re.Pattern[str] | None = None


@lru_cache(maxsize=1)
def boilerplate_rules() -> BoilerplateRules:
    """The data file of boilerplate markup tokens and phrases (all languages), loaded once per process."""
    path = resources.files("storylens.resources").joinpath("ingest/html_boilerplate.yaml")
    data = read_yaml(path.read_text(encoding="utf-8"))
    phrases = tuple(phrase.lower() for group in data["phrases"].values() for phrase in group)
    return BoilerplateRules(
        markup_tokens=frozenset(data["markup_tokens"]),
        body_tokens=frozenset(token.replace("-", "") for token in data["body_tokens"]),
        phrases=phrases,
        max_phrase_line_chars=int(data["max_phrase_line_chars"]),
        byline_prefixes=tuple(f"{prefix.lower()} " for prefix in data["byline_prefixes"]),
        max_byline_words=int(data["max_byline_words"]),
        comment_thread_headers=comment_header_pattern(data.get("comment_thread_headers", {})),
    )


def comment_header_pattern(headers: dict[str, list[str]]) -> re.Pattern[str] | None:
    """One pattern matching any language's comment-thread heading, or None when the data has none."""
    patterns = [pattern for group in headers.values() for pattern in group]
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """Decode page bytes honouring a `<meta charset>` declaration when the bytes are not UTF-8."""
    return decode_bytes(data, declared=declared_charset(data)).text


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """A parsed document, or None when there is nothing to parse."""
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)  # lxml refuses str input with an encoding declaration
    if not html.strip():
        return None
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None
    if has_runaway_title(tree):
        return parse_html(RUNAWAY_TITLE.sub(r"\1</title>", html, count=1))
    merge_trailing_documents(tree)
    return tree


def merge_trailing_documents(tree: lxml.html.HtmlElement) -> None:
    """Move a second `<html>` document (a server-side include saved with its own <html> tags) into the
    first one's body: the parser leaves it beside the root, where walking the tree never reaches it."""
    siblings = [sibling for sibling in tree.itersiblings() if isinstance(sibling.tag, str)]
    if not siblings:
        return
    body = tree.find("body")
    body = body if body is not None else tree
    for sibling in siblings:
        part = sibling.find("body")
        for child in list(part if part is not None else sibling):
            if child.tag != "head":
                body.append(child)  # what stays behind (its head) is never walked


def has_runaway_title(tree: lxml.html.HtmlElement) -> bool:
    """A `<title>` never closed swallows the whole page as its text ("<title>News-->" then the body)."""
    title = tree.find(".//title")
    text = title.text or "" if title is not None else ""
    return len(text) > MAX_TITLE_CHARS and bool(re.search(r"<(?:/?(?:script|div|p|table|body)\b)", text, re.I))


def extract_page(html: str, url: str | None = None, settings: HtmlSettings | None = None) -> Page:
    """Main text and metadata of one page. Empty `text` means no article text was found."""
    settings = settings or HtmlSettings()
    if ENTITY_DECLARATION.search(html[:HEAD_BYTES]):
        return Page(text="", metadata={"no_text_reason": ENTITY_REFUSAL})
    tree = parse_html(html)
    if tree is None:
        return Page(text="")
    page = page_metadata(tree)
    page.url = page.url or url
    unwrap_layout_tables(tree)
    use_trafilatura = len(html) <= settings.max_trafilatura_chars
    whole_page = lxml.html.tostring(tree, encoding="unicode") if use_trafilatura else None
    page_prose = prose_words(tree)
    prune_boilerplate(tree)
    density_text = densest_block_text(tree, settings)
    trafilatura_text = run_trafilatura(tree, settings) if use_trafilatura else None
    text, extractor = choose_text(trafilatura_text, density_text, settings)
    if whole_page is not None and word_count(text) < settings.min_pruned_share * page_prose:
        text, extractor = prefer_whole_page(text, extractor, run_trafilatura(whole_page, settings), settings)
    page.text = drop_furniture_lines(cut_comment_thread(text), page.title)
    if page.text and whole_page is not None and not has_prose(page.text):
        text, extractor = line_break_prose(whole_page) or (text, extractor)
        page.text = drop_furniture_lines(cut_comment_thread(text), page.title)
    page.metadata["extractor"] = extractor
    if page.text and not has_prose(page.text):
        page.text = ""
        page.metadata["no_text_reason"] = NO_PROSE_REASON
    if page.published is None and page.text and len(html) <= settings.max_trafilatura_chars:
        page.published = htmldate_fallback(html)
    return page


# ---- layout tables --------------------------------------------------------------------------------------------


def is_layout_table(table: lxml.html.HtmlElement) -> bool:
    """A table that arranges the page rather than holding data (after Readability's data-table test).

    Layout: marked presentational, holding another table, or a cell of prose (long text or block
    elements). Data: a caption, header cells or column groups, or many rows or columns. Small unmarked
    tables are layout.
    """
    if table.get("role") == "presentation" or table.get("datatable") == "0":
        return True
    if table.find(".//table") is not None:
        return True
    for cell in table.iter("td", "th"):
        if len(" ".join(cell.text_content().split())) > MAX_DATA_CELL_CHARS:
            return True
        if next(cell.iter(*CELL_BLOCK_TAGS), None) is not None:
            return True
    if table.get("summary") or next(table.iter(*DATA_TABLE_MARKS), None) is not None:
        return False
    rows = list(table.iter("tr"))
    columns = max((sum(1 for cell in row if cell.tag in ("td", "th")) for row in rows), default=0)
    if len(rows) <= 1 or columns <= 1:
        return True
    if len(rows) >= MIN_DATA_TABLE_ROWS or columns > 4:
        return False
    return len(rows) * columns <= MAX_LAYOUT_TABLE_CELLS


def unwrap_layout_tables(tree: lxml.html.HtmlElement) -> None:
    """Turn layout tables into plain blocks in place, so extractors see paragraphs, not one huge row."""
    layout = [table for table in tree.iter("table") if is_layout_table(table)]
    for table in layout:
        for element in table.iter(*TABLE_PART_TAGS):
            element.tag = "div"


# ---- pruning --------------------------------------------------------------------------------------------------


def markup_tokens(element: lxml.html.HtmlElement) -> set[str]:
    """Lower-cased words of an element's class, id, role and aria-label ("relatedStories" -> related, stories)."""
    raw = " ".join(element.get(name) or "" for name in ("class", "id", "role", "aria-label", "data-component"))
    words = _TOKEN_SPLIT.split(_CAMEL.sub(" ", raw))
    return {word.lower() for word in words if word}


def is_body_marked(element: lxml.html.HtmlElement, rules: BoilerplateRules) -> bool:
    joined = {token.replace("-", "").replace("_", "") for token in (element.get("class") or "").lower().split()}
    joined.add((element.get("id") or "").lower().replace("-", "").replace("_", ""))
    joined.add((element.get("itemprop") or "").lower())
    return bool(joined & rules.body_tokens)


def is_hidden(element: lxml.html.HtmlElement) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return element.get("hidden") is not None or element.get("aria-hidden") == "true" or "display:none" in style


def paragraph_chars(element: lxml.html.HtmlElement) -> int:
    return sum(len(p.text_content()) for p in element.iter("p"))


def text_chars(element: lxml.html.HtmlElement) -> int:
    """Visible characters (no whitespace), for pages that set their text in divs and line breaks, not `<p>`."""
    return len("".join(element.text_content().split()))


def prune_boilerplate(tree: lxml.html.HtmlElement) -> None:
    """Remove page furniture in place; a block holding most of the page's paragraph text is kept."""
    rules = boilerplate_rules()
    drop_non_text(tree)
    total = paragraph_chars(tree) or 1
    total_text = text_chars(tree) or 1
    doomed = [element for element in tree.iter() if is_furniture(element, rules)]
    doomed += [element for element in tree.iter(*CONTAINER_TAGS) if is_structural_furniture(element, rules)]
    for element in doomed:
        if element.getparent() is None or paragraph_chars(element) > KEEP_BLOCK_SHARE * total:
            continue
        if text_chars(element) > KEEP_BLOCK_SHARE * total_text:
            continue  # the wrapper of a page without <p> paragraphs (an ASP.NET <form> around everything)
        drop_element(element)
    drop_trailing_headings(tree)


def drop_non_text(tree: lxml.html.HtmlElement) -> None:
    """Remove comments, scripts, styles and other elements that never hold visible text."""
    for comment in tree.xpath("//comment()"):
        drop_element(comment)
    for element in list(tree.iter(*NON_TEXT_TAGS)):
        drop_element(element)


def is_structural_furniture(element: Any, rules: BoilerplateRules) -> bool:
    """Furniture told by its shape, for sites whose class names say nothing ("col", "row", "box").

    A teaser grid (several children, each led by a linked headline), a link block (mostly link
    text: a "key events" or "read next" list), or a block led by a furniture heading ("Continue
    reading with a subscription", "Related stories") is not article text.
    """
    if is_body_marked(element, rules):
        return False
    return is_teaser_grid(element) or is_link_block(element) or has_furniture_heading(element, rules)


def is_teaser_grid(element: Any) -> bool:
    """At least two child blocks, each short and holding a headline that is a link (related-story cards)."""
    children = [child for child in element if isinstance(child.tag, str)]
    cards = [child for child in children if is_teaser_card(child)]
    return len(cards) >= MIN_TEASER_CARDS and len(cards) >= len(children) / 2


def is_teaser_card(element: Any) -> bool:
    if len(" ".join(element.text_content().split())) > MAX_TEASER_CARD_CHARS:
        return False
    for heading in element.iter(*HEADING_TAGS):
        heading_text = " ".join(heading.text_content().split())
        linked = heading.getparent() is not None and heading.getparent().tag == "a"
        link_text = " ".join(" ".join(a.text_content().split()) for a in heading.iter("a"))
        if heading_text and (linked or link_text == heading_text):
            return True
    return False


def is_link_block(element: Any) -> bool:
    """Several links making up nearly all of a block's text, with no real paragraph in it."""
    links = [link for link in element.iter("a") if link.text_content().strip()]
    if len(links) < MIN_LINK_BLOCK_LINKS or link_density(element) < MIN_LINK_BLOCK_DENSITY:
        return False
    return all(link_density(paragraph) > 0.5 for paragraph in element.iter("p"))


def has_furniture_heading(element: Any, rules: BoilerplateRules) -> bool:
    """A block whose first child is a heading starting with a furniture phrase ("Subscribe to …")."""
    first = next((child for child in element if isinstance(child.tag, str)), None)
    if first is None or first.tag not in HEADING_TAGS:
        return False
    heading = " ".join(first.text_content().split()).lower()
    return bool(heading) and len(heading) <= rules.max_phrase_line_chars and heading.startswith(rules.phrases)


def drop_trailing_headings(tree: Any) -> None:
    """Drop headings that introduce nothing once furniture is pruned: a heading followed by no more text,
    or directly by a heading of the same or a higher level ("More from the region" above a removed grid)."""
    if next(tree.iter(*HEADING_TAGS), None) is None:
        return
    blocks = [block for block in tree.iter(*BLOCK_TAGS) if block.tag in HEADING_TAGS or block.text_content().strip()]
    for heading, following in itertools.pairwise([*blocks, None]):
        if heading.tag not in HEADING_TAGS or heading.getparent() is None:
            continue
        if following is None or (following.tag in HEADING_TAGS and following.tag <= heading.tag):
            drop_element(heading)


def is_furniture(element: Any, rules: BoilerplateRules) -> bool:
    """Tags that never hold article text, hidden blocks, a page-level header, or boilerplate class/id tokens."""
    if not isinstance(element.tag, str) or element.tag in ("html", "body"):
        return False
    if element.tag in ALWAYS_PRUNED_TAGS or is_hidden(element):
        return True
    parent = element.getparent()
    if element.tag == "header" and parent is not None and parent.tag == "body":
        return True
    return bool(markup_tokens(element) & rules.markup_tokens) and not is_body_marked(element, rules)


def drop_element(element: Any) -> None:
    """Remove an element but keep its tail text (the text after it belongs to the parent)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


# ---- extraction -----------------------------------------------------------------------------------------------


def run_trafilatura(page: lxml.html.HtmlElement | str, settings: HtmlSettings) -> str | None:
    """trafilatura's main text of a page (a tree or its markup), one paragraph per line, or None."""
    import trafilatura

    html = page if isinstance(page, str) else lxml.html.tostring(page, encoding="unicode")
    try:
        text = trafilatura.extract(
            html,
            favor_precision=settings.favor == "precision",
            favor_recall=settings.favor == "recall",
            include_comments=False,
            include_tables=settings.include_tables,
            deduplicate=False,
        )
    except Exception:  # trafilatura may fail on odd trees; the density extractor stands in
        return None
    if not text:
        return None
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def block_text(element: lxml.html.HtmlElement) -> str:
    """Visible text of one block; table rows as 'cell | cell'."""
    if element.tag == "tr":
        cells = [" ".join(cell.text_content().split()) for cell in element if cell.tag in ("td", "th")]
        return " | ".join(cell for cell in cells if cell)
    return " ".join(element.text_content().split())


def link_density(element: lxml.html.HtmlElement) -> float:
    if element.find(".//a") is None:
        return 0.0
    text_length = len(" ".join(element.text_content().split())) or 1
    link_length = sum(len(" ".join(link.text_content().split())) for link in element.iter("a"))
    return link_length / text_length


def paragraph_score(paragraph: lxml.html.HtmlElement) -> float:
    """Readability-style score: longer, comma-rich, link-poor paragraphs count more."""
    text = " ".join(paragraph.text_content().split())
    if len(text) < 25:
        return 0.0
    return (1 + text.count(",") + min(len(text) / 100, 3)) * (1 - link_density(paragraph))


def densest_container(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The element whose paragraphs (counted fully for the parent, half for the grandparent) score highest."""
    scores: dict[lxml.html.HtmlElement, float] = {}
    for paragraph in tree.iter("p", "pre", "blockquote"):
        score = paragraph_score(paragraph)
        if not score:
            continue
        parent = paragraph.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + score
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0.0) + score / 2
    if not scores:
        return None
    return max(scores, key=lambda element: scores[element])


def densest_block_text(tree: lxml.html.HtmlElement, settings: HtmlSettings) -> str:
    """Blocks (paragraphs, subheads, list items, quotes, table rows) of the densest container."""
    container = densest_container(tree)
    if container is None:
        return ""
    blocks = []
    for element in container.iter(*BLOCK_TAGS):
        if element.tag == "tr" and not settings.include_tables:
            continue
        if any(ancestor.tag in BLOCK_TAGS and ancestor.tag != "blockquote" for ancestor in element.iterancestors()):
            continue  # a paragraph inside a list item is emitted with the item
        if element.tag == "blockquote" and element.find(".//p") is not None:
            continue  # its paragraphs are emitted one by one
        text = block_text(element)
        if not text or (link_density(element) > 0.5 and element.tag != "tr"):
            continue
        blocks.append(text)
    return "\n\n".join(blocks)


def choose_text(trafilatura_text: str | None, density_text: str, settings: HtmlSettings) -> tuple[str, str]:
    """Trafilatura's text unless it is missing or much shorter than the density extractor's."""
    if trafilatura_text and len(trafilatura_text) >= settings.min_trafilatura_share * len(density_text):
        return trafilatura_text, "trafilatura"
    if density_text:
        return density_text, "density"
    return trafilatura_text or "", "trafilatura"


def paragraph_words(paragraph: str) -> float:
    """Words of a paragraph, a CJK character counting as half a word (Chinese words are 1-2 characters)."""
    cjk = len(_CJK.findall(paragraph))
    return len(_WORDS.findall(_CJK.sub(" ", paragraph))) + cjk / 2


def word_count(text: str) -> float:
    return sum(paragraph_words(paragraph) for paragraph in text.split("\n"))


def prose_words(tree: lxml.html.HtmlElement) -> float:
    """Words in the page's prose-like text runs (script and style excluded): what an extraction should roughly
    keep. Cheap, so the costly whole-page extraction runs only when the pruned page kept much less."""
    total = 0.0
    for node in tree.xpath("//text()[not(ancestor::script or ancestor::style)]"):
        words = paragraph_words(node)
        if words >= MIN_PROSE_WORDS:
            total += words
    return total


def has_prose(text: str) -> bool:
    """At least one paragraph that reads as prose, so a page of menus is never returned as an article."""
    for paragraph in text.split("\n"):
        words = paragraph_words(paragraph)
        if words >= 2 * MIN_PROSE_WORDS or (words >= MIN_PROSE_WORDS and _SENTENCE_END.search(paragraph)):
            return True
    return False


def line_break_paragraphs(element: lxml.html.HtmlElement) -> list[str]:
    """An element's own text as paragraphs split at `<br>` and at any non-inline child (old pages set a
    story as text and line breaks inside a `<span>` or a table cell, with no `<p>` at all). Paragraphs
    that are mostly link text are left out."""
    paragraphs: list[tuple[str, int]] = []
    current, link_chars = [element.text or ""], 0
    for child in element:
        if isinstance(child.tag, str) and child.tag in INLINE_TAGS:
            text = child.text_content()
            current.append(text)
            link_chars += len(text) if child.tag == "a" else sum(len(a.text_content()) for a in child.iter("a"))
        elif isinstance(child.tag, str):
            paragraphs.append((" ".join("".join(current).split()), link_chars))
            current, link_chars = [], 0
        current.append(child.tail or "")
    paragraphs.append((" ".join("".join(current).split()), link_chars))
    return [text for text, links in paragraphs if text and links <= len(text) / 2]


def line_break_prose(html: str) -> tuple[str, str] | None:
    """The element whose own line-broken text holds the most prose, as (text, extractor), when the
    extractors found only menus: the last resort before refusing a page as navigation-only."""
    tree = parse_html(html)
    if tree is None:
        return None
    drop_non_text(tree)
    best, best_words = None, 0.0
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in NON_TEXT_TAGS:
            continue
        paragraphs = line_break_paragraphs(element)
        words = sum(paragraph_words(p) for p in paragraphs if paragraph_words(p) >= MIN_PROSE_WORDS)
        if words > best_words:
            best, best_words = paragraphs, words
    if best is None or not has_prose("\n".join(best)):
        return None
    return "\n\n".join(best), "line-breaks"


def prefer_whole_page(
    text: str, extractor: str, whole_page_text: str | None, settings: HtmlSettings
) -> tuple[str, str]:
    """The whole-page trafilatura text when the pruned page kept less than `min_pruned_share` of its words."""
    if not whole_page_text:
        return text, extractor
    if word_count(text) < settings.min_pruned_share * word_count(whole_page_text):
        return whole_page_text, "trafilatura-whole-page"
    return text, extractor


def cut_comment_thread(text: str) -> str:
    """The text before a reader-comment thread: from a heading such as "Comments are now closed for this
    story" or "12 comments" on, everything is dropped, provided the article's own prose came first."""
    rules = boilerplate_rules()
    if rules.comment_thread_headers is None:
        return text
    paragraphs = text.split("\n\n")
    for index, paragraph in enumerate(paragraphs):
        heading = paragraph.strip()
        if not heading or len(heading) > rules.max_phrase_line_chars:
            continue
        if rules.comment_thread_headers.fullmatch(heading) and has_prose("\n".join(paragraphs[:index])):
            return "\n\n".join(paragraphs[:index])
    return text


def drop_furniture_lines(text: str, title: str | None = None) -> str:
    """Remove short paragraphs that are furniture ("Read more: ...", "Advertisement") or repeat the title."""
    rules = boilerplate_rules()
    kept = []
    paragraphs = text.split("\n\n")
    quotes = pull_quotes(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        lowered = paragraph.strip().lower()
        if not lowered:
            continue
        if len(lowered) <= rules.max_phrase_line_chars and lowered.startswith(rules.phrases):
            continue
        if title and lowered == title.strip().lower():
            continue
        if is_byline(lowered, rules):
            continue
        if index in quotes or BARE_CLOCK_TIME.fullmatch(lowered):
            continue
        kept.append(paragraph.strip())
    return "\n\n".join(kept)


def pull_quotes(paragraphs: list[str]) -> set[int]:
    """Indexes of pull quotes: short paragraphs whose words all stand, in order, inside a longer paragraph
        (the page repeating the article's own sentence in large type). At least four words, so a short subhead
        is never taken. Near-linear: candidates are found through the first four words of each short paragraph,
    longest first, and at most MAX_PULL_QUOTE_CANDIDATES are compared."""
    words = [_WORDS.findall(paragraph.lower()) for paragraph in paragraphs]
    short = {
        index: " ".join(paragraph_words[:MIN_PULL_QUOTE_WORDS])
        for index, paragraph_words in enumerate(words)
        if MIN_PULL_QUOTE_WORDS <= len(paragraph_words) <= MAX_PULL_QUOTE_WORDS
    }
    wanted = set(short.values())
    holders: dict[str, list[int]] = {}
    for index, paragraph_words in enumerate(words):
        for start in range(len(paragraph_words) - MIN_PULL_QUOTE_WORDS + 1):
            gram = " ".join(paragraph_words[start : start + MIN_PULL_QUOTE_WORDS])
            if gram in wanted:
                holders.setdefault(gram, []).append(index)
    longest_first = {gram: sorted(set(indexes), key=lambda i: -len(words[i])) for gram, indexes in holders.items()}
    quotes = set()
    for index, gram in short.items():
        needle = f" {' '.join(words[index])} "
        size = len(words[index])
        longer = itertools.takewhile(lambda other, size=size: len(words[other]) > size, longest_first[gram])
        for other in itertools.islice(longer, MAX_PULL_QUOTE_CANDIDATES):
            if needle in f" {' '.join(words[other])} ":
                quotes.add(index)
                break
    return quotes


def is_byline(lowered: str, rules: BoilerplateRules) -> bool:
    """'by lina varga' / 'by lina varga and omar kestrel': short, starts with a by-word, no sentence end."""
    words = lowered.split()
    return (
        lowered.startswith(rules.byline_prefixes)
        and len(words) <= rules.max_byline_words
        and not lowered.rstrip().endswith((".", "!", "?"))
    )


def read_html(data: bytes, source: str, settings: HtmlSettings | None = None) -> Page:
    """Decode and extract one HTML file's bytes (raises encoding.UndecodableInput for binary content)."""
    return extract_page(decode_html(data), settings=settings)


def fragment_text(html: str) -> str:
    """Paragraph text of an HTML fragment (a feed item's content): no boilerplate removal, blocks kept."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return " ".join(html.split())
    for element in list(root.iter("script", "style", "figcaption")):
        drop_element(element)
    blocks = [
        block_text(element)
        for element in root.iter(*BLOCK_TAGS)
        if not any(ancestor.tag in BLOCK_TAGS for ancestor in element.iterancestors())
    ]
    blocks = [block for block in blocks if block]
    if not blocks:
        return " ".join(root.text_content().split())
    return "\n\n".join(blocks)
