"""Main text and metadata from a news page.

The pipeline is a few named heuristics, each small:

1. `page_metadata` reads title, author, date, outlet, canonical URL and language
   from JSON-LD, OpenGraph and `<meta>` tags (before anything is removed).
2. `prune_boilerplate` removes page furniture by tag (nav, aside, figure, form...)
   and by class/id tokens (cookie, related, comments, paywall, caption...), never
   touching a block that holds most of the page's paragraph text.
3. Two extractors run on the pruned page: trafilatura, and `densest_block_text`, a
   paragraph-density scorer in the spirit of Readability. `choose_text` keeps
   trafilatura unless it returned nothing or clearly too little.
4. `drop_furniture_lines` removes short leftover lines such as "Read more: ..."
   using the phrase lists in resources/ingest/html_boilerplate.yaml.

Output text has one paragraph per block, paragraphs separated by a blank line.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import lxml.etree
import lxml.html
import yaml

from storylens.ingest.encoding import decode_bytes
from storylens.ingest.records import as_name, normalize_published

BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "dd", "dt")
ALWAYS_PRUNED_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button", "select",
    "nav", "aside", "footer", "figure", "h1", "figcaption", "picture", "video", "audio", "input", "textarea", "dialog",
)
ARTICLE_TYPES = frozenset({"newsarticle", "article", "reportagenewsarticle", "blogposting", "liveblogposting",
                           "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle", "webpage"})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_BY_PREFIX = re.compile(r"^\s*(?:by|von|par|por|di)\s+", re.IGNORECASE)
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
_BYLINE_SEPARATOR = re.compile(r"\s+[|·•—–]\s+|\s*\|\s*")
_BYLINE_PLACE = re.compile(r"\s+in\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?$")
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·]\s+")


@dataclass
class HtmlSettings:
    """How HTML extraction trades precision for recall.

    favor: "precision" drops doubtful blocks, "recall" keeps them; "balanced" is trafilatura's default.
    min_trafilatura_share: if trafilatura returns less than this share of what the density extractor
        finds, trafilatura missed part of the body and the density text is used instead.
    max_trafilatura_chars: pages larger than this skip trafilatura and htmldate (their time grows fast
        with page size); the linear density extractor handles them.
    include_tables: keep table rows as paragraphs ("cell | cell").
    """

    favor: str = "balanced"
    min_trafilatura_share: float = 0.6
    max_trafilatura_chars: int = 3_000_000
    include_tables: bool = True


@dataclass
class Page:
    """What a page yields: main text plus the metadata found in its markup."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BoilerplateRules:
    markup_tokens: frozenset[str]
    body_tokens: frozenset[str]
    phrases: tuple[str, ...]
    max_phrase_line_chars: int
    byline_prefixes: tuple[str, ...]
    max_byline_words: int


@lru_cache(maxsize=1)
def boilerplate_rules() -> BoilerplateRules:
    """The data file of boilerplate markup tokens and phrases (all languages), loaded once per process."""
    path = resources.files("storylens.resources").joinpath("ingest/html_boilerplate.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    phrases = tuple(phrase.lower() for group in data["phrases"].values() for phrase in group)
    return BoilerplateRules(
        markup_tokens=frozenset(data["markup_tokens"]),
        body_tokens=frozenset(token.replace("-", "") for token in data["body_tokens"]),
        phrases=phrases,
        max_phrase_line_chars=int(data["max_phrase_line_chars"]),
        byline_prefixes=tuple(f"{prefix.lower()} " for prefix in data["byline_prefixes"]),
        max_byline_words=int(data["max_byline_words"]),
    )


def decode_html(data: bytes) -> str:
    """Decode page bytes honouring a `<meta charset>` declaration when the bytes are not UTF-8."""
    match = _CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii", "ignore") if match else None
    return decode_bytes(data, declared=declared).text


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """A parsed document, or None when there is nothing to parse."""
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)  # lxml refuses str input with an encoding declaration
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None


def extract_page(html: str, url: str | None = None, settings: HtmlSettings | None = None) -> Page:
    """Main text and metadata of one page. Empty `text` means no article text was found."""
    settings = settings or HtmlSettings()
    tree = parse_html(html)
    if tree is None:
        return Page(text="")
    page = page_metadata(tree)
    page.url = page.url or url
    prune_boilerplate(tree)
    density_text = densest_block_text(tree, settings)
    trafilatura_text = None
    if len(html) <= settings.max_trafilatura_chars:
        trafilatura_text = run_trafilatura(tree, settings)
    text, extractor = choose_text(trafilatura_text, density_text, settings)
    page.text = drop_furniture_lines(text, page.title)
    page.metadata["extractor"] = extractor
    if page.published is None and page.text and len(html) <= settings.max_trafilatura_chars:
        page.published = htmldate_fallback(html)
    return page


# ---- metadata -------------------------------------------------------------------------------------------------


def page_metadata(tree: lxml.html.HtmlElement) -> Page:
    """Title, author, date, outlet, URL and language from JSON-LD, OpenGraph, meta tags and markup."""
    ld = json_ld_article(tree)
    meta = meta_tags(tree)
    title = as_name(ld.get("headline")) or meta.get("og:title") or meta.get("twitter:title") or first_text(tree, "//h1")
    document_title = first_text(tree, "//title")
    title = title or document_title
    outlet = (
        meta.get("og:site_name")
        or as_name(ld.get("publisher"))
        or meta.get("application-name")
        or title_suffix(document_title, title)
    )
    author = as_name(ld.get("author")) or meta_author(meta) or byline_text(tree)
    published_raw = (
        as_name(ld.get("datePublished"))
        or meta.get("article:published_time")
        or meta.get("datepublished")
        or meta.get("pubdate")
        or meta.get("publishdate")
        or meta.get("date")
        or meta.get("dc.date")
        or meta.get("dc.date.issued")
        or first_attribute(tree, "//*[@itemprop='datePublished']", ("datetime", "content"))
        or first_attribute(tree, "//time[@datetime]", ("datetime",))
    )
    url = first_attribute(tree, "//link[@rel='canonical']", ("href",)) or meta.get("og:url") or as_name(ld.get("url"))
    language = tree.get("lang") or meta.get("content-language") or meta.get("og:locale")
    if language:
        language = language.replace("_", "-").split("-")[0].lower() or None
    published = normalize_published(published_raw, language) if published_raw else None
    return Page(text="", title=title, author=author, published=published, outlet=outlet, url=url, language=language)


def meta_tags(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """`<meta name|property|http-equiv=... content=...>` as a lower-cased key -> first content."""
    tags: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("http-equiv") or element.get("itemprop")
        content = (element.get("content") or "").strip()
        if key and content:
            tags.setdefault(key.strip().lower(), content)
    return tags


def meta_author(meta: dict[str, str]) -> str | None:
    """The author meta tag, ignoring profile URLs that some sites put in article:author."""
    for key in ("author", "article:author", "byl", "dc.creator", "sailthru.author"):
        value = meta.get(key)
        if value and not value.startswith("http"):
            return clean_byline(value)
    return None


def byline_text(tree: lxml.html.HtmlElement) -> str | None:
    """Text of a `rel=author` link or a short element whose class names a byline or author."""
    for xpath in ("//*[@rel='author']", "//*[contains(@class,'byline')]", "//*[contains(@class,'author')]"):
        text = first_text(tree, xpath)
        if text and len(text) <= 80:
            return clean_byline(text)
    return None


def clean_byline(text: str) -> str | None:
    """'By Ruth Aldersen in Arnhall · 20 November 2026' -> 'Ruth Aldersen'."""
    name = _BYLINE_SEPARATOR.split(text, maxsplit=1)[0]
    name = _BY_PREFIX.sub("", name)
    name = _BYLINE_PLACE.sub("", name).strip()
    return name or None


def json_ld_article(tree: lxml.html.HtmlElement) -> dict[str, Any]:
    """The first JSON-LD object typed as an article (searching @graph and lists); {} when none."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in walk_json_ld(data):
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(kind, str) and kind.lower() in ARTICLE_TYPES for kind in types):
                return item
    return {}


def walk_json_ld(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from walk_json_ld(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from walk_json_ld(data["@graph"])


def first_text(tree: lxml.html.HtmlElement, xpath: str) -> str | None:
    for element in tree.xpath(xpath):
        text = " ".join(element.text_content().split())
        if text:
            return text
    return None


def first_attribute(tree: lxml.html.HtmlElement, xpath: str, names: tuple[str, ...]) -> str | None:
    for element in tree.xpath(xpath):
        for name in names:
            value = (element.get(name) or "").strip()
            if value:
                return value
    return None


def title_suffix(document_title: str | None, title: str | None) -> str | None:
    """'Headline | Outlet' -> 'Outlet', when the part before the separator is the headline."""
    if not document_title:
        return None
    parts = _TITLE_SEPARATOR.split(document_title)
    if len(parts) >= 2 and len(parts[-1]) <= 40 and (not title or parts[-1] not in title):
        return parts[-1].strip()
    return None


def htmldate_fallback(html: str) -> str | None:
    """htmldate's best guess at the original publication date, when the markup named none."""
    try:
        from htmldate import find_date

        found = find_date(html, original_date=True, extensive_search=False)
    except Exception:  # htmldate raises assorted parsing errors on odd markup; a date is optional
        return None
    return found or None


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


def prune_boilerplate(tree: lxml.html.HtmlElement) -> None:
    """Remove page furniture in place; a block holding most of the page's paragraph text is kept."""
    rules = boilerplate_rules()
    for comment in tree.xpath("//comment()"):
        drop_element(comment)
    total = paragraph_chars(tree) or 1
    doomed = [element for element in tree.iter() if is_furniture(element, rules)]
    doomed += [element for element in tree.iter(*CONTAINER_TAGS) if is_structural_furniture(element, rules)]
    for element in doomed:
        if element.getparent() is None or paragraph_chars(element) > KEEP_BLOCK_SHARE * total:
            continue
        drop_element(element)
    drop_trailing_headings(tree)


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
    blocks = [
        block for block in tree.iter(*BLOCK_TAGS) if block.tag in HEADING_TAGS or block.text_content().strip()
    ]
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


def run_trafilatura(tree: lxml.html.HtmlElement, settings: HtmlSettings) -> str | None:
    """trafilatura's main text on the pruned page, one paragraph per line, or None."""
    import trafilatura

    html = lxml.html.tostring(tree, encoding="unicode")
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
    blocks = [block_text(element) for element in root.iter(*BLOCK_TAGS)
              if not any(ancestor.tag in BLOCK_TAGS for ancestor in element.iterancestors())]
    blocks = [block for block in blocks if block]
    if not blocks:
        return " ".join(root.text_content().split())
    return "\n\n".join(blocks)
