"""Loaded-language lexicons (resources/framing/<lang>.yaml) and matching them in article text.

Why a lexicon: every framing finding must be explainable and point at its words, so the
evidence is a data file a reader can inspect and extend per language, not a model score.
Each language file lists terms per category (see en.yaml's header); a trailing `*` matches
any word ending and phrases match word by word across any whitespace. Matching ignores case.

Short quoted fragments ("a 'reform' that ...") are found by rule, not by lexicon: quote
marks around one to a few words that are not a sentence are the classic scare quotes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from storylens.required_words import CASE_UNSAFE
from storylens.resources import read_yaml

# Categories whose findings are loaded language (the outlet's or a speaker's word choice);
# hedges, stance verbs ("claimed") and intensifiers are framing cues of certainty and force, reported apart.
LOADED_CATEGORIES = ("loaded", "saying", "distancing", "scare-quote")
LEXICON_CATEGORIES = ("loaded", "saying", "intensifier", "hedge", "distancing", "stance")
# Longer phrases and the more specific category win when two entries cover the same words.
CATEGORY_PRIORITY = {
    "distancing": 0,
    "saying": 1,
    "loaded": 2,
    "stance": 3,
    "intensifier": 4,
    "hedge": 5,
    "scare-quote": 6,
}
SUPPORTED_LANGUAGES = ("en", "es", "de", "fr")
TONE_POLARITIES = ("positive", "negative")

QUOTE_PAIRS = (
    ("\u201c", "\u201d"),
    ('"', '"'),
    ("\u2018", "\u2019"),
    ("\u00ab", "\u00bb"),
    ("\u201e", "\u201c"),
    ("'", "'"),
)


class FramingLexiconError(ValueError):
    """A framing lexicon file is missing, unreadable or malformed."""


# One word of running text, for looking words up in a general lexicon ("well-being" is one word).
WORD = re.compile(r"(?<![\w\-])\w[\w\-]*(?![\w\-])")
# General valence lexicons a language file can draw tone words from (`tone_lexicon: {source: ...}`): package and file.
GENERAL_LEXICONS = {"vader": ("vaderSentiment", "vader_lexicon.txt")}


@dataclass(frozen=True)
class WordPattern:
    """Lexicon entries (a regex alternation: `*` endings, phrases) plus a set of plain lowercase words.

    Why both: a general lexicon holds thousands of words, where a regex alternation of that size is slow to
    scan; a set lookup per word of text is not. The set matches words written in lowercase only: a capitalized
    word inside a sentence is most often part of a name or a title ("Justice Department", "Hope Hicks"), not an
    evaluation. Offers the three methods of `re.Pattern` that callers use, returning real matches.
    """

    entries: re.Pattern[str] | None = None
    words: frozenset[str] = frozenset()

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        found = list(self.entries.finditer(text, pos, endpos)) if self.entries is not None else []
        if self.words:
            found += [m for m in WORD.finditer(text, pos, endpos) if m.group(0) in self.words]
        yield from sorted(found, key=lambda m: (m.start(), -m.end()))

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        if self.entries is not None and (match := self.entries.fullmatch(text)) is not None:
            return match
        match = WORD.fullmatch(text)
        return match if match is not None and text in self.words else None


@lru_cache(maxsize=4)
def general_valence(source: str) -> dict[str, float]:
    """Word -> mean rated valence of a general lexicon shipped by a package (VADER: -4 to +4, MIT licence).

    Only plain words are kept (letters, hyphens, apostrophes): the lexicon also rates emoticons and slang
    spellings, which news text does not use.
    """
    if source not in GENERAL_LEXICONS:
        raise FramingLexiconError(f"tone_lexicon: unknown source {source!r} (known: {sorted(GENERAL_LEXICONS)})")
    package, name = GENERAL_LEXICONS[source]
    try:
        text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError) as error:
        raise FramingLexiconError(f"tone_lexicon {source}: cannot read {package}/{name}: {error}") from error
    valence = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and re.fullmatch(r"[a-z][a-z'\-]*[a-z]", fields[0]):
            valence[fields[0]] = float(fields[1])
    return valence


def general_tone_words(settings: dict[str, Any], polarity: str) -> frozenset[str]:
    """The words of a language file's `tone_lexicon` (`source`, `min_valence`, `exclude`) of one polarity:
    valence at least `min_valence` for "positive", at most minus it for "negative"; `exclude` leaves out words
    the general lexicon rates for an everyday sense that in news most often names something ("intelligence")."""
    if not settings:
        return frozenset()
    if not isinstance(settings, dict) or "source" not in settings:
        raise FramingLexiconError("tone_lexicon must map `source` (and `min_valence`, `exclude`)")
    threshold = float(settings.get("min_valence", 2.0))
    excluded = {str(word).lower() for word in settings.get("exclude") or []}
    sign = 1 if polarity == "positive" else -1
    return frozenset(
        word
        for word, value in general_valence(str(settings["source"])).items()
        if sign * value >= threshold and word not in excluded
    )


@dataclass(frozen=True)
class Match:
    """One lexicon hit: `text == article_text[start:end]`; `term` is the lexicon entry it matched."""

    start: int
    end: int
    text: str
    term: str
    category: str


@dataclass
class FramingLexicon:
    """The compiled lexicon of one language."""

    language: str
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)  # category -> alternation
    entries: dict[str, list[tuple[re.Pattern[str], str]]] = field(default_factory=dict)  # category -> (entry, term)
    stopwords: frozenset[str] = frozenset()
    neutral_saying: frozenset[str] = frozenset()
    attribution: re.Pattern[str] | None = None  # verbs of saying or calling: a quote after one is a speaker's
    calling: re.Pattern[str] | None = None  # verbs of calling ("calls it", "described as"): labels (framing_labels)
    tone: dict[str, WordPattern] = field(default_factory=dict)  # "positive"/"negative" -> evaluative words
    judging: dict[str, re.Pattern[str]] = field(
        default_factory=dict
    )  # "positive"/"negative" -> verbs judging their object
    starts: dict[str, EntryStarts] = field(default_factory=dict)  # category -> how its entries begin


# Where a lexicon entry can begin: on a word character with no word character or hyphen before it.
WORD_START = re.compile(r"(?<![\w\-])\w")
ENTRY_KEY_LENGTH = 3


@dataclass(frozen=True)
class EntryStarts:
    """How a category's entries begin: the lower-cased first characters of each, up to `ENTRY_KEY_LENGTH` and up to
    its first space (written " ", for any whitespace). A word start whose first characters begin with none of these
    cannot begin a match, so `match_lexicon` tries the category's alternation only at the others.

    Why: the alternation starts with a lookbehind and ignores case, which leaves `re` no prefix to skip ahead
    with; scanning it tried a match at every character of the text, once per category (2% of a whole run)."""

    keys: frozenset[str]

    def may_begin(self, beginnings: tuple[str, ...]) -> bool:
        """Whether an entry may begin where a text in `comparable_text` form begins with each of `beginnings`
        (its next one to `ENTRY_KEY_LENGTH` characters, `text_beginnings`)."""
        return not self.keys.isdisjoint(beginnings)


def text_beginnings(comparable: str, start: int) -> tuple[str, ...]:
    """The first one to `ENTRY_KEY_LENGTH` (3) characters of `comparable` from `start`."""
    three = comparable[start : start + 3]
    return (three[:1], three[:2], three)


def entry_key(term: str) -> str:
    """The first characters every match of `term` begins with, lower-cased, whitespace written as one space: up to
    `ENTRY_KEY_LENGTH`, the first whitespace (`\\s+` may match more than one character) and a `*` (any ending)."""
    words = term.split()
    key = " ".join(words)
    cut = min(len(words[0]) + 1 if len(words) > 1 else len(words[0]), ENTRY_KEY_LENGTH)
    if "*" in key[:cut]:
        cut = key.index("*")
    return key[:cut].lower()


def entry_starts(terms: list[str]) -> EntryStarts | None:
    """How a category's entries begin, None when some entry's beginning cannot be compared this way (it does not
    open on a word character, or holds a character `str.lower()` does not fold as `re.IGNORECASE` does)."""
    keys = set()
    for term in terms:
        key = entry_key(term)
        if not key or not re.match(r"\w", key) or CASE_UNSAFE.intersection(key):
            return None
        keys.add(key)
    return EntryStarts(frozenset(keys))


# Every character `\s` matches (the Unicode white space, `str.isspace`; the tests check the list), to a plain
# space: `comparable_text` keeps offsets.
WHITE_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SPACES = str.maketrans(WHITE_SPACE, " " * len(WHITE_SPACE))


def comparable_text(text: str) -> str | None:
    """`text` lower-cased with its white space as plain spaces, when its characters stay where they were and fold
    as `re.IGNORECASE` folds them (else None): what `EntryStarts` keys are compared with."""
    lowered = text.lower()
    if len(lowered) != len(text) or CASE_UNSAFE.intersection(text):
        return None
    return lowered.translate(_SPACES)


def matches_at_starts(
    pattern: re.Pattern[str], text: str, starts: EntryStarts, word_starts: list[tuple[int, tuple[str, ...]]]
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a category's alternation, trying the pattern only at the word starts (with the
    next characters of the text in `comparable_text` form) where an entry may begin. The same matches: a match can
    begin only at a word start (the alternation's lookbehind, and entries open on a word character) whose first
    characters equal, ignoring case, those of the entry it matches; `pattern.match` at a position is what the scan
    tries there, and a scan goes on after the end of each match, as this does."""
    resume = 0
    for start, beginnings in word_starts:
        if start < resume or not starts.may_begin(beginnings):
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            resume = match.end()


def _entry_body(term: str) -> str:
    """A lexicon entry as a regex without word boundaries: words joined by any whitespace, `*` = any ending."""
    parts = [re.escape(w[:-1]) + r"[\w\-]*" if w.endswith("*") else re.escape(w) for w in term.split()]
    return r"\s+".join(parts)


def _alternation(terms: list[str]) -> re.Pattern[str]:
    """One regex for many entries; the boundary checks sit outside, so mid-word positions fail at once."""
    return re.compile(r"(?<![\w\-])(?:" + "|".join(_entry_body(t) for t in terms) + r")(?![\w\-])", re.IGNORECASE)


def _entry_regex(term: str) -> str:
    """A lexicon entry as a regex: words joined by any whitespace, `*` = any word ending."""
    words = term.split()
    parts = []
    for word in words:
        if word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"[\w\-]*")
        else:
            parts.append(re.escape(word))
    return r"(?<![\w\-])" + r"\s+".join(parts) + r"(?![\w\-])"


def _read(language: str) -> dict[str, Any]:
    name = f"{language}.yaml"
    try:
        text = resources.files("storylens.resources").joinpath("framing", name).read_text(encoding="utf-8")
        data = read_yaml(text) or {}
    except (OSError, yaml.YAMLError) as error:
        raise FramingLexiconError(f"resources/framing/{name}: cannot read: {error}") from error
    if not isinstance(data, dict):
        raise FramingLexiconError(f"resources/framing/{name}: must map categories to term lists")
    return data


def compile_lexicon(language: str, data: dict[str, Any]) -> FramingLexicon:
    """Compile the term lists of one language (`data` as read from its YAML file)."""
    lexicon = FramingLexicon(language=language)
    for category in LEXICON_CATEGORIES:
        terms = data.get(category) or []
        if not isinstance(terms, list):
            raise FramingLexiconError(f"resources/framing/{language}.yaml: {category} must be a list")
        unique = sorted({str(t).strip() for t in terms if str(t).strip()}, key=lambda t: (-len(t), t))
        if not unique:
            continue
        entries = [(re.compile(_entry_regex(t), re.IGNORECASE), t) for t in unique]
        lexicon.entries[category] = entries
        lexicon.patterns[category] = _alternation(unique)
        starts = entry_starts(unique)
        if starts is not None:
            lexicon.starts[category] = starts
    lexicon.stopwords = frozenset(str(w).lower() for w in data.get("stopwords") or [])
    lexicon.neutral_saying = frozenset(str(w).lower() for w in data.get("neutral_saying") or [])
    attribution = {
        str(t).strip() for key in ("neutral_saying", "stance", "saying", "calling") for t in data.get(key) or []
    }
    if attribution:
        ordered = sorted(attribution, key=lambda t: (-len(t), t))
        lexicon.attribution = _alternation(ordered)
    calling = {str(t).strip() for t in data.get("calling") or [] if str(t).strip()}
    if calling:
        lexicon.calling = _alternation(sorted(calling, key=lambda t: (-len(t), t)))
    for polarity in TONE_POLARITIES:
        words = {str(t).strip() for t in data.get(f"judging_{polarity}") or [] if str(t).strip()}
        if words:
            lexicon.judging[polarity] = _alternation(sorted(words, key=lambda t: (-len(t), t)))
        entries = {str(t).strip() for t in data.get(f"tone_{polarity}") or [] if str(t).strip()}
        general = general_tone_words(data.get("tone_lexicon") or {}, polarity)
        if entries or general:
            pattern = _alternation(sorted(entries, key=lambda t: (-len(t), t))) if entries else None
            lexicon.tone[polarity] = WordPattern(pattern, general)
    return lexicon


@lru_cache(maxsize=8)
def load_framing_lexicon(language: str | None) -> FramingLexicon:
    """The lexicon of `language`; English when storylens has none for it."""
    code = (language or "en").split("-")[0].lower()
    if code not in SUPPORTED_LANGUAGES:
        code = "en"
    return compile_lexicon(code, _read(code))


def is_evaluative(lexicon: FramingLexicon, term: str) -> bool:
    """Whether a word or phrase is, as a whole, a loaded-language, tone or judging entry of the lexicon."""
    patterns: list[re.Pattern[str] | WordPattern | None] = [lexicon.patterns.get(c) for c in LOADED_CATEGORIES]
    patterns += [*lexicon.tone.values(), *lexicon.judging.values()]
    return any(p is not None and p.fullmatch(term) for p in patterns)


def holds_loaded(lexicon: FramingLexicon, term: str) -> bool:
    """Whether a word or phrase holds a loaded-language entry ("capitulation", "sham deal"), not only tone."""
    return any(p is not None and p.search(term) for p in (lexicon.patterns.get(c) for c in LOADED_CATEGORIES))


def _term_of(lexicon: FramingLexicon, category: str, text: str) -> str:
    for pattern, term in lexicon.entries[category]:
        if pattern.fullmatch(text):
            return term
    return text.lower()


ARTICLE_BEFORE = re.compile(r"(?<![\w\-])(?:an?|the)\s*$", re.IGNORECASE)


def _labelled_noun(text: str, start: int, words: list[str]) -> bool:
    """One quoted word after an article outside the marks ("keep calling an 'accident'", "describing the
    fire as a 'mishap'"): the writer quotes only the label, which keeps it at a distance even when a verb
    of calling names who uses it; "called the plan 'unfair'" stays a speaker's partial quote."""
    return len(words) == 1 and ARTICLE_BEFORE.search(text, max(0, start - 5), start) is not None


def scare_quotes(text: str, max_words: int, attribution: re.Pattern[str] | None = None) -> list[Match]:
    """Quoted fragments of one to `max_words` words that are not a sentence of their own.

    A short fragment in quote marks inside running text ("a 'peace' deal") is how writers
    keep a term at arm's length. Fragments ending in sentence punctuation or starting a
    sentence are ordinary quotations, so they are left to the quote step; so are fragments
    after a verb of saying or calling in the same sentence (`attribution`: "he called it
    'unfair'" is a partial quote of a speaker, not the writer's distance), unless the fragment is
    one noun after an article outside the marks (`_labelled_noun`), and so are fragments whose
    words are all capitalized (a title or a name).
    """
    found: list[Match] = []
    for opening, closing in QUOTE_PAIRS:
        pattern = re.compile(
            re.escape(opening) + r"([^\n" + re.escape(opening + closing) + r"]{1,80}?)" + re.escape(closing)
        )
        for match in pattern.finditer(text):
            inner = match.group(1)
            words = inner.split()
            if not words or len(words) > max_words or inner != inner.strip():
                continue
            if inner[-1] in ".!?,;:" or not any(ch.isalpha() for ch in inner):
                continue
            if opening == "'" and (match.start() > 0 and text[match.start() - 1].isalnum()):
                continue  # an apostrophe ("it's"), not a quote mark
            before = text[max(0, match.start() - 2) : match.start()].strip()
            if not before or before[-1] in ".!?:":
                continue  # the fragment opens a sentence: a quotation, not a scare quote
            if all(word[:1].isupper() for word in words):
                continue  # "Order Before Noise", "Blue Harbour": a title or a name in quote marks
            if attribution is not None and not _labelled_noun(text, match.start(), words):
                sentence_start = max(text.rfind(mark, 0, match.start()) for mark in (". ", "! ", "? ", "\n"))
                if attribution.search(text, max(0, sentence_start), match.start()):
                    continue
            found.append(Match(match.start(), match.end(), match.group(0), inner.lower(), "scare-quote"))
    return found


def _word_starts(text: str) -> list[int]:
    return [match.start() for match in WORD_START.finditer(text)]


def match_lexicon(text: str, lexicon: FramingLexicon, scare_quote_max_words: int = 3) -> list[Match]:
    """Every lexicon term and scare quote in `text`, overlaps resolved (longest, then most specific, wins)."""
    candidates: list[Match] = []
    comparable = comparable_text(text)
    word_starts = []
    if comparable is not None:
        word_starts = [(start, text_beginnings(comparable, start)) for start in _word_starts(text)]
    for category, pattern in lexicon.patterns.items():
        starts = lexicon.starts.get(category)
        if comparable is not None and starts is not None:
            matches = matches_at_starts(pattern, text, starts, word_starts)
        else:
            matches = pattern.finditer(text)
        for match in matches:
            term = _term_of(lexicon, category, match.group(0))
            candidates.append(Match(match.start(), match.end(), match.group(0), term, category))
    if scare_quote_max_words > 0:
        candidates.extend(scare_quotes(text, scare_quote_max_words, lexicon.attribution))
    candidates.sort(key=lambda m: (-(m.end - m.start), CATEGORY_PRIORITY[m.category], m.start))
    taken: list[Match] = []
    for candidate in candidates:
        inner = candidate.category == "scare-quote"
        if any(
            candidate.start < t.end and t.start < candidate.end for t in taken if inner == (t.category == "scare-quote")
        ):
            continue  # lexicon terms may sit inside a scare quote; otherwise one finding per word
        taken.append(candidate)
    return join_intensifiers(text, sorted(taken, key=lambda m: (m.start, m.end)))


def join_intensifiers(text: str, matches: list[Match]) -> list[Match]:
    """An intensifier right before a loaded word joins its finding: "deeply troubling", "utterly reckless".

    Why: the degree word is part of the judgement ("troubling" vs "deeply troubling"), and media-bias annotation
    marks the phrase as one span; two findings would split one piece of evidence in two. Only whitespace may
    separate the two words. `matches` is sorted by position; the joined finding keeps the loaded word's term
    and category.
    """
    joined: list[Match] = []
    for match in matches:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.category == "intensifier"
            and match.category in LOADED_CATEGORIES
            and match.category != "scare-quote"
            and not text[previous.end : match.start].strip()
        ):
            joined[-1] = Match(previous.start, match.end, text[previous.start : match.end], match.term, match.category)
        else:
            joined.append(match)
    return joined
