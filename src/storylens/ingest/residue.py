"""Detectors for two classes of machine-translation residue, used by the cleaning rules in clean.py.

Both detect a *class* of damage from general language data (resources/cleaning/<lang>.yaml), never a
list of the damaged strings themselves:

* a **glued full-stop word**: translation rendered a sentence-final full stop (often the Chinese 。) as a
  capitalised word and glued it between two sentences with no space and no punctuation:
  "…reopen in MarchPeriodThe minister said…". The token splits into three capitalised parts where the
  last is a sentence starter of the language (The, He, In…) or the middle is a known full-stop word.
* a **comment-widget line mangled by translation**: "Leave an Answer", "Leave a ReplyCancel reply",
  "Your e-mail address will not be publicized". A short line is a widget line when every content word
  of some known widget line has a near match in it and most of its own words are accounted for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

_WORD_TOKEN = re.compile(r"[^\W_]+")
_LETTERS = re.compile(r"[^\W\d_]+")
MIN_GLUED_PART_CHARS = 3  # "Mc" + "Kinsey" is a name, not a sentence end


@dataclass(frozen=True)
class GluedStop:
    """A full-stop word glued inside a token: `start`/`end` cover the word that stands for the full stop."""

    start: int
    end: int
    word: str


def camel_parts(token: str) -> list[str]:
    """'MarchPeriodThe' -> ['March', 'Period', 'The']: split where a capital follows a lowercase letter or digit."""
    parts, start = [], 0
    for index in range(1, len(token)):
        if token[index].isupper() and (token[index - 1].islower() or token[index - 1].isdigit()):
            parts.append(token[start:index])
            start = index
    parts.append(token[start:])
    return parts


def glued_full_stops(text: str, sentence_starters: Iterable[str], stop_words: Iterable[str]) -> Iterator[GluedStop]:
    """Capitalised words standing for a full stop, glued between the end of one sentence and the next.

    A token qualifies when it splits into exactly three parts — the end of a sentence (at least
    MIN_GLUED_PART_CHARS long, ending in a lowercase letter or digit), a capitalised word, and the first
    word of the next sentence — and either that first word is one of the language's sentence starters or
    the middle word is one of its full-stop words ("Period", "Point"). Names and brands written in camel
    case ("McKinsey", "YouTube", "iPhone") fail the shape or the evidence.
    """
    starters = frozenset(sentence_starters)
    stops = frozenset(word.casefold() for word in stop_words)
    for match in _WORD_TOKEN.finditer(text):
        parts = camel_parts(match.group())
        if len(parts) != 3:
            continue
        before, middle, after = parts
        if len(before) < MIN_GLUED_PART_CHARS or not (before[-1].islower() or before[-1].isdigit()):
            continue
        if not (middle[0].isupper() and middle[1:].islower() and len(middle) >= MIN_GLUED_PART_CHARS):
            continue
        if after in starters or middle.casefold() in stops:
            start = match.start() + len(before)
            yield GluedStop(start, start + len(middle), middle)


@lru_cache(maxsize=65536)
def _near(word: str, known: str, min_similarity: float) -> bool:
    """Whether `word` is `known` or a character ratio of at least `min_similarity` away from it.

    SequenceMatcher's length-only and letter-count bounds are never below its ratio, so a pair they rule
    out is ruled out by the ratio too: most pairs never need the full match."""
    if word == known:
        return True
    if 2.0 * min(len(word), len(known)) / (len(word) + len(known)) < min_similarity:
        return False  # SequenceMatcher.real_quick_ratio, without building the matcher
    matcher = SequenceMatcher(None, word, known)
    return matcher.quick_ratio() >= min_similarity and matcher.ratio() >= min_similarity


def line_words(line: str) -> list[str]:
    """Casefolded words of a line, with camel-case glue split ("ReplyCancel" -> reply, cancel)."""
    return [part.casefold() for token in _LETTERS.findall(line) for part in camel_parts(token)]


def is_widget_line(
    line: str,
    widget_lines: Iterable[tuple[str, ...]],
    function_words: frozenset[str],
    max_words: int,
    min_similarity: float,
    min_coverage: float,
) -> bool:
    """Whether a short line is a known comment-widget line, however translation reworded or glued it.

    Some known widget line must have each of its content words near (`min_similarity`, character
    ratio) a word of the line, and at least `min_coverage` of the line's words must be near a word of
    the widget lines it matched or be function words. A real sentence that merely mentions a reply
    ("Leave a reply to the ministry's letter by Friday") has too many words of its own.
    """
    words = line_words(line)
    if not words or len(words) > max_words:
        return False
    matched_vocabulary: set[str] = set()
    for widget in widget_lines:
        content = [word for word in widget if word not in function_words]
        if content and all(any(_near(word, known, min_similarity) for word in words) for known in content):
            matched_vocabulary.update(widget)
    if not matched_vocabulary:
        return False
    covered = sum(
        1
        for word in words
        if word in function_words or any(_near(word, known, min_similarity) for known in matched_vocabulary)
    )
    return covered / len(words) >= min_coverage
