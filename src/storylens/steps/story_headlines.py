"""Recurring headline segments: an outlet's name or a column's kicker, not the event.

Feed headlines carry parts that are not about their event: the outlet's name
after a dash or a bar ("Ferry strike ends in Arnhall - Coast Courier",
as aggregators write them) and a column's kicker before a colon or a dash
("Games latest: ...", "Storm watch : ..."). In a one-line item they are a
large share of its words: the outlet's name becomes name keys and words
that every headline of that outlet shares, and the kicker ties together the
column's reports of different events. What marks them is that they recur:
the same segment opens or closes many different headlines of the run (an
event's own words recur in the reports of one event, that is, after the same
remaining headline, which is not counted).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from storylens.model import Article

HEADLINE_KEY = "story_headline"  # the headline without its recurring segments, when it had some
TRAILING_SEGMENT = re.compile(r"\s[-|–—]\s([^-|–—]{1,60})$")  # " - Outlet", " | Outlet"
LEADING_SEGMENT = re.compile(r"^([^-|–—:]{1,40}?)\s?(?::|\s[-|–—])\s")  # "Kicker: ", "Kicker - "
MAX_SEGMENT_WORDS = 6


def trailing_segment(title: str) -> tuple[str, str] | None:
    """(segment, rest) when the headline ends with a short segment after a dash or a bar."""
    match = TRAILING_SEGMENT.search(title)
    if match is None or len(match.group(1).split()) > MAX_SEGMENT_WORDS:
        return None
    return match.group(1).strip(), title[: match.start()].strip()


def leading_segment(title: str) -> tuple[str, str] | None:
    """(segment, rest) when the headline opens with a short segment before a colon or a dash."""
    match = LEADING_SEGMENT.match(title)
    if match is None or len(match.group(1).split()) > MAX_SEGMENT_WORDS or match.end() >= len(title):
        return None
    return match.group(1).strip(), title[match.end() :].strip()


def recurring_segments(titles: Iterable[str], min_headlines: int) -> frozenset[tuple[str, str]]:
    """("lead" or "tail", case-folded segment) for segments found with at least `min_headlines` different rests.

    Counting distinct rests, not headlines: one event's reports repeat a
    headline word for word, with its own opening words, and those say what
    the event is. (The leading segment is read after the trailing one is
    cut, as `strip_recurring` does.)
    """
    if min_headlines <= 0:
        return frozenset()
    rests: dict[tuple[str, str], set[str]] = defaultdict(set)
    for title in titles:
        rest = title.strip()
        trailing = trailing_segment(rest)
        if trailing:
            rests["tail", trailing[0].casefold()].add(trailing[1].casefold())
            rest = trailing[1]
        leading = leading_segment(rest)
        if leading:
            rests["lead", leading[0].casefold()].add(leading[1].casefold())
    return frozenset(segment for segment, seen in rests.items() if len(seen) >= min_headlines)


def strip_recurring(title: str, segments: frozenset[tuple[str, str]]) -> str:
    """The headline without its recurring trailing and leading segments."""
    headline = title.strip()
    trailing = trailing_segment(headline)
    if trailing and ("tail", trailing[0].casefold()) in segments:
        headline = trailing[1]
    leading = leading_segment(headline)
    if leading and ("lead", leading[0].casefold()) in segments:
        headline = leading[1]
    return headline


def without_recurring_segments(article: Article, segments: frozenset[tuple[str, str]]) -> Article | None:
    """A copy of the article whose headline (and the text's repeat of it) drops its recurring segments.

    None when the headline has none. Entity mentions inside the dropped
    parts go too (an outlet's name is an ORG mention); the others keep their
    place in the shortened text.
    """
    title = (article.title or "").strip()
    headline = strip_recurring(title, segments) if title and segments else title
    if headline == title:
        return None
    text, cut_start, cut_end, shift = article.text, 0, 0, 0
    if text.startswith(title):
        start = title.find(headline)
        cut_start, cut_end = start, start + len(headline)  # the kept part of the title repeated at the start
        text = headline + text[len(title) :]
        shift = len(title) - len(headline)
    mentions = []
    for mention in article.mentions:
        if shift and mention.start < len(title):
            if mention.start < cut_start or mention.end > cut_end:
                continue
            mentions.append(replace(mention, start=mention.start - cut_start, end=mention.end - cut_start))
        else:
            mentions.append(replace(mention, start=mention.start - shift, end=mention.end - shift))
    return replace(article, title=headline, text=text, mentions=mentions)
