"""Metadata of a news page from its markup: title, author, date, outlet, canonical URL and language.

Read from JSON-LD, OpenGraph and `<meta>` tags before anything is pruned (html.py's first step), with
htmldate as the date fallback when the markup names none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.html

from storylens.ingest.records import as_name, normalize_published

ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "reportagenewsarticle",
        "blogposting",
        "liveblogposting",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "webpage",
    }
)
_BY_PREFIX = re.compile(r"^\s*(?:by|von|par|por|di)\s+", re.IGNORECASE)
_BYLINE_SEPARATOR = re.compile(r"\s+[|·•—–]\s+|\s*\|\s*")
_BYLINE_PLACE = re.compile(r"\s+in\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?$")
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·]\s+")


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
