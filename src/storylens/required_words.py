"""Words a regular expression cannot match without: a text holding none of them needs no scan.

Why: the time step scans every article with each of its ~130 rule patterns (the metadata step with its ~20 source
phrases), and a pattern that starts with a lookbehind and ignores case gives `re` no prefix to skip ahead with, so
each scan tries a match at every character (a twentieth of the whole run's CPU on real news). Most rules match
nothing in most articles (94% of the rule and article pairs of the ECB+ dev texts): a weekday rule needs a weekday
name, a quarter rule the word "quarter".
`required_words` reads such sets of words out of the pattern's syntax tree (a match needs one word of each), and
`TextWords` answers, once per text and set, whether the text holds one of them; a pattern with a set absent cannot
match, so skipping its scan gives exactly the matches a scan gives (none). A pattern from which no set can be read is
always scanned.

Sound by construction: a set is only read from parts every match must pass through (a literal run, a group, a
repeat of at least one, every branch of an alternation), and only of ASCII words. Case: `re.IGNORECASE` lets an
ASCII letter match four other characters (Kelvin sign, long s, dotted and dotless i: `CASE_FOLDED_ASCII`, checked
over every code point by the tests); a text holding one of them is always scanned, every other text is searched
lower-cased.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _casefix  # type: ignore[attr-defined]  # the stdlib's own case-folding exceptions
from re import _constants as sre_constants  # type: ignore[attr-defined]  # the stdlib parser's own op names
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any

# The only characters beyond ASCII that `re.IGNORECASE` lets match an ASCII letter (k, s, i, i).
CASE_FOLDED_ASCII = frozenset("\u212a\u017f\u0130\u0131")
# Characters beyond ASCII whose `str.lower()` does not tell which characters `re.IGNORECASE` matches them with:
# those `re` folds together beyond lower case (long s with s, final with medial sigma, ...) and dotted capital I
# (two characters in lower case). Two characters neither of which is here match under `re.IGNORECASE` exactly
# when their `lower()` is equal (the tests check the part of this that is not read from `re` itself).
CASE_UNSAFE = frozenset(
    chr(code) for key, others in _casefix._EXTRA_CASES.items() for code in (key, *others) if code >= 128
) | {"\u0130"}
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)

Words = frozenset[str]


@lru_cache(maxsize=4096)
def required_words(pattern: re.Pattern[str]) -> tuple[Words, ...]:
    """Sets of lower-case ASCII words such that every match of `pattern` holds a word of each set (as a substring,
    whatever its case), most selective first (longest shortest word, then fewest words); () when the syntax gives
    none."""
    if not isinstance(pattern.pattern, str):
        return ()
    found = _sequence_words(list(sre_parser.parse(pattern.pattern, pattern.flags)))
    return tuple(sorted(set(found), key=_selectivity, reverse=True))


def _sequence_words(items: list[tuple[Any, Any]]) -> list[Words]:
    """The sets required by a sequence: those of every item that every match passes through."""
    found: list[Words] = []
    run = ""
    for op, value in items:
        if op is sre_constants.LITERAL and value < 128:
            run += chr(value).lower()
            continue
        if run:
            found.append(frozenset([run]))
            run = ""
        found += _item_words(op, value)
    if run:
        found.append(frozenset([run]))
    return found


def _item_words(op: Any, value: Any) -> list[Words]:
    """The sets required by one item of a sequence ([] when it requires none, or none this reads)."""
    if op is sre_constants.SUBPATTERN:
        return _sequence_words(list(value[-1]))
    if op is sre_constants.ATOMIC_GROUP:
        return _sequence_words(list(value))
    if op in _REPEATS and value[0] >= 1:
        return _sequence_words(list(value[2]))
    if op is sre_constants.BRANCH:
        words: set[str] = set()
        for alternative in value[1]:
            branch = _sequence_words(list(alternative))
            if not branch:
                return []  # one way through needs none of the words: the alternation requires nothing
            words |= max(branch, key=_selectivity)
        return [frozenset(words)]
    return []


def _selectivity(words: Words) -> tuple[int, int]:
    return (min(map(len, words)), -len(words))


class TextWords:
    """One text's answers to "does it hold one of these words?", each set asked once (several patterns share
    a set: every month rule needs a month name)."""

    def __init__(self, text: str) -> None:
        # None: the text holds a character that matches an ASCII letter only under re's case folding: scan all
        self.lowered = None if CASE_FOLDED_ASCII.intersection(text) else text.lower()
        self.answers: dict[Words, bool] = {}

    def may_match(self, pattern: re.Pattern[str]) -> bool:
        """False only when `pattern` cannot match anywhere in the text (it needs a word the text lacks)."""
        if self.lowered is None:
            return True
        return all(self.holds(words) for words in required_words(pattern))

    def holds(self, words: Words) -> bool:
        """Whether the text holds one of `words` (lower-case ASCII), whatever its case."""
        answer = self.answers.get(words)
        if answer is None:
            answer = self.answers[words] = self.lowered is None or any(word in self.lowered for word in words)
        return answer
