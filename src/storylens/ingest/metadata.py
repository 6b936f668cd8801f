"""Fill article metadata the input did not give, from the text itself.

- `published`: a date line or dateline near the top (`find_publication_date`).
- `outlet`: a byline naming an outlet ("By Orvane Daily staff", "(Velmar Herald
  website)", "[Orvane Daily, Velmar time, March 2, 2026]").
- `author`: a byline naming a person ("By Lina Arvad") when no author is known.
- `based_on`: the outlet the article says it draws on ("according to the
  Velmar Herald", "PARIS (KNA) —", "laut Orvaner Rundschau").

Conservative: only capitalised names count, and outside the strong bracket
and dateline forms a name must look like an outlet (an outlet word such as
"Herald" or "Zeitung", an acronym, or a web domain) so that people quoted
with "according to" are not taken for outlets. Phrases and outlet words live
in resources/cleaning/<lang>.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from storylens.ingest.clean import CleanSettings, languages_for, load_cleaning_file
from storylens.ingest.dates import find_publication_date
from storylens.model import Article
from storylens.pipeline import Stats
from storylens.required_words import TextWords

CAPITAL = "A-ZÀ-ÖØ-ÞΑ-ΩА-Я"
NAME_WORD = rf"[{CAPITAL}][\w&'’-]*(?:\.\w+)*"  # "Orvane.com" keeps its dot, "Herald." does not
BRACKET_DATELINE = re.compile(r"^\[(?P<outlet>[^,\]\n]{2,60}),[^,\]\n]{2,40}\btime,[^\]\n]{4,60}\]", re.MULTILINE)
ACRONYM = re.compile(rf"[{CAPITAL}]{{2,6}}")
DOMAIN = re.compile(r"\b[\w-]+\.(?:com|net|org|info|news|co\.\w{2}|[a-z]{2})\b")
PATTERN_KEYS = (
    "byline_lines",
    "source_phrases",
    "outlet_words",
    "name_connectors",
    "sentence_starters",
    "not_outlet_words",
)
PERSON_NAME = re.compile(rf"{NAME_WORD}(?: {NAME_WORD}){{1,3}}")


@dataclass
class MetadataSettings:
    """Where metadata is looked for and which languages' phrases are used."""

    languages: tuple[str, ...] = CleanSettings().languages  # phrase files used when the language is unknown
    header_lines: int = 6  # bylines and date lines are looked for in the first N non-empty lines
    footer_lines: int = 4  # ... and bylines also in the last N
    dateline_chars: int = 200  # a "CITY (Outlet) —" dateline sits within the first N characters
    max_name_words: int = 6


@dataclass(frozen=True)
class SourcePatterns:
    """Compiled byline and source phrases of some languages."""

    bylines: tuple[re.Pattern[str], ...]
    sources: tuple[re.Pattern[str], ...]
    dateline_source: re.Pattern[str]
    copyright_owner: re.Pattern[str]
    outlet_words: frozenset[str]
    leading_noise: frozenset[str]  # words that may precede a name in a phrase ("On Monday Velmar Herald reported")


def name_pattern(connectors: Iterable[str], max_words: int) -> str:
    """A capitalised name of up to `max_words` words, with lowercase connectors inside ("Bank of Velmar")."""
    joiners = "|".join(re.escape(connector) for connector in sorted(connectors, key=len, reverse=True))
    return rf"(?P<outlet>{NAME_WORD}(?: (?:{NAME_WORD}|(?:{joiners})(?= [{CAPITAL}]))){{0,{max_words - 1}}})"


@lru_cache(maxsize=16)
def source_patterns(languages: tuple[str, ...], max_words: int) -> SourcePatterns:
    data: dict[str, list[str]] = {}
    for language in languages:
        for key in PATTERN_KEYS:
            data.setdefault(key, []).extend(str(value) for value in load_cleaning_file(language).get(key, []))
    name = name_pattern(data.get("name_connectors", []), max_words)
    phrases = data.get("source_phrases", [])
    return SourcePatterns(
        bylines=tuple(re.compile(line.replace("{outlet}", name)) for line in data.get("byline_lines", [])),
        sources=tuple(re.compile(r"(?<!\w)" + phrase.replace("{outlet}", name)) for phrase in phrases),
        dateline_source=re.compile(rf"^[^\n(]{{0,80}}\({name}\)\s*[—–-]", re.MULTILINE),
        copyright_owner=re.compile(rf"(?:©|\(c\)|Copyright)\s*(?:\d{{4}}\s*)?{name}"),
        outlet_words=frozenset(word.casefold() for word in data.get("outlet_words", [])),
        leading_noise=frozenset([*data.get("sentence_starters", []), *data.get("not_outlet_words", [])]),
    )


def clean_name(name: str, patterns: SourcePatterns | None = None) -> str:
    """The name without trailing punctuation and, when patterns are given, without leading starters ("On Monday")."""
    words = name.strip().rstrip(".,;:’'").split(" ")
    while patterns and len(words) > 1 and (words[0] in patterns.leading_noise or words[0].islower()):
        words = words[1:]
    return " ".join(words).strip()


def is_outlet_like(name: str, patterns: SourcePatterns) -> bool:
    """A name that names an outlet: contains an outlet word, is an acronym, or is a web domain."""
    words = re.findall(r"[\w’'&.-]+", name)
    return (
        any(word.casefold() in patterns.outlet_words for word in words)
        or bool(ACRONYM.fullmatch(name))
        or bool(DOMAIN.search(name.lower()))
    )


def edge_lines(text: str, settings: MetadataSettings) -> list[str]:
    """The first and last non-empty lines, where bylines sit."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    head = lines[: settings.header_lines]
    return head + [line for line in lines[-settings.footer_lines :] if line not in head]


def find_byline(text: str, patterns: SourcePatterns, settings: MetadataSettings) -> tuple[str | None, str | None]:
    """(outlet, author) named by a byline near the top or bottom of the text, or by its copyright line."""
    bracket = BRACKET_DATELINE.search(text[: settings.dateline_chars * 2])
    if bracket:
        return clean_name(bracket["outlet"]), None
    for line in edge_lines(text, settings):
        for pattern in patterns.bylines:
            match = pattern.fullmatch(line)
            if not match:
                continue
            name = clean_name(match["outlet"])
            if is_outlet_like(name, patterns):
                return name, None
            if PERSON_NAME.fullmatch(name):
                return None, name
    for line in edge_lines(text, settings):
        owner = patterns.copyright_owner.match(line)
        if owner:
            return clean_name(owner["outlet"]), None
    return None, None


def find_source(text: str, own_outlet: str | None, patterns: SourcePatterns, settings: MetadataSettings) -> str | None:
    """The first outlet the article says it draws on, other than its own."""
    dateline = patterns.dateline_source.search(text[: settings.dateline_chars])
    if dateline and clean_name(dateline["outlet"]) != own_outlet:
        return clean_name(dateline["outlet"])
    found: list[tuple[int, str]] = []
    words = TextWords(text)  # a phrase pattern needing a word the text lacks ("according to") is not scanned
    for pattern in patterns.sources:
        if not words.may_match(pattern):
            continue
        for match in pattern.finditer(text):
            name = clean_name(match["outlet"], patterns)
            if name != own_outlet and is_outlet_like(name, patterns):
                found.append((match.start(), name))
                break
    return min(found)[1] if found else None


@dataclass
class FillMetadata:
    """Article step "metadata": fills `published`, `outlet`, `author`, `based_on` when missing."""

    settings: MetadataSettings = field(default_factory=MetadataSettings)
    name: str = "metadata"

    def run(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]:
        for article in articles:
            stats["articles"] += 1
            # Bylines and syndication footers may have been removed by cleaning: read the original too.
            text = article.original_text if article.original_text is not None else article.text
            # Outlets are named in any language: use every configured language's phrases and outlet words.
            languages = tuple(
                dict.fromkeys([*languages_for(article.language, CleanSettings()), *self.settings.languages])
            )
            patterns = source_patterns(languages, self.settings.max_name_words)
            self._fill_published(article, stats)
            if not article.outlet or not article.author:
                outlet, author = find_byline(text, patterns, self.settings)
                if outlet and not article.outlet:
                    article.outlet = outlet
                    # read from the text, not given by the input: outlet matching weighs it last
                    bracketed = BRACKET_DATELINE.search(text[: self.settings.dateline_chars * 2])
                    article.metadata["outlet_from"] = "dateline" if bracketed else "byline"
                    stats["outlet"] += 1
                if author and not article.author:
                    article.author = author
                    stats["author"] += 1
            if not article.based_on:
                source = find_source(text, article.outlet, patterns, self.settings)
                if source:
                    article.based_on = source
                    stats["based_on"] += 1
            yield article

    def _fill_published(self, article: Article, stats: Stats) -> None:
        if article.published:
            return
        found = find_publication_date(article.text, article.language, self.settings.header_lines)
        if found:
            article.published = found[0]
            article.metadata["published_span"] = [found[1], found[2]]  # offsets into article.text
            stats["published"] += 1
