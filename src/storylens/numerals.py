"""Numbers written in words: one reader for every step that reads them (claims, time), in every language with data.

"two hundred and thirty-five", "mil doscientos", "zweihundertdreißig", "quatre-vingt-dix", "two dozen", "three
million": `resources/numerals/<language>.yaml` lists a language's number words by class (units, teens, tens, the
hundred word, scale words, multipliers, joiners), and this module builds from those classes

- one regular expression that matches a well-formed numeral (`numeral_pattern`, also the time rules' `{NUM}`),
  so "two, three hundred" stays two numbers and "twenty-two-year-old" none;
- one accumulator that computes its value (`numeral_value`): units, teens and tens add up, the hundred word and
  multipliers multiply the count before them, a scale word closes a group ("mil millones" is a scale of a scale).

The claims step finds figures with `numerals_in`, and reads the scale word after a figure in digits ("1.5
billion", "2,5 Mio.") with `scale_of`. Adding a language is adding a data file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from storylens.resources import language_resource, read_yaml

RESOURCE_FOLDER = "numerals"
WORD_START = r"(?<![\w-])(?<!\w['’])"  # a numeral starts where a word starts: not "un" in "l'un", "'Six" is one
WORD_END = r"(?![\w'’-])"  # and ends where its word ends: not "twenty" in "twenty-two-year-old"


class NumeralDataError(ValueError):
    """A numerals resource file is malformed (names the file and the reason)."""


@dataclass(frozen=True)
class Numeral:
    """A numeral found in a text: its value and its span."""

    value: float
    start: int
    end: int


@dataclass(frozen=True, eq=False)
class NumeralLanguage:
    """One language's number words by the part they play in a numeral, and the patterns built from them."""

    code: str
    additive: dict[str, float]  # units, teens, tens and whole hundreds: added to the group being read
    hundred: dict[str, float]  # the hundred word: multiplies the count before it ("twelve hundred")
    multipliers: dict[str, float]  # multiply the count before them and close the numeral ("two dozen")
    scales: dict[str, float]  # close a group: "three million", "mil millones"
    approximate: dict[str, float]  # a rough amount on its own: "hundreds", "miles", "Dutzende"
    abbreviations: dict[str, float]  # scale abbreviations read after digits only: "bn", "Mio"
    exact: str  # regex source of one numeral (no approximate words): the time rules' {NUM}
    numeral: re.Pattern[str]  # one numeral, exact or approximate, from a word start to a word end
    words: tuple[str, ...]  # every exact number word, longest first, to split a matched numeral
    glued: bool  # number words join with nothing between them (German)
    joiner: re.Pattern[str]  # what may stand between two number words of a numeral


def alternation(words: Iterable[str], word_end: bool) -> str:
    """Regex alternation of `words`, longest first; spaces match any whitespace. `word_end` requires each word to
    end there (languages that do not glue number words: "six" is not the start of "sixty")."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len, reverse=True):
        by_first.setdefault(word[:1], []).append(word)
    if not by_first:
        return "(?!)"
    # Grouped by first letter, so a word start tries one group, not every word.
    groups = [
        re.escape(first) + "(?:" + "|".join(_escaped(word[1:]) for word in group) + ")"
        for first, group in by_first.items()
    ]
    return "(?:" + "|".join(groups) + ")" + (r"(?!\w)" if word_end else "")


def _escaped(text: str) -> str:
    return re.escape(text).replace(r"\ ", r"\s+")


def joiners(strings: Iterable[str]) -> str:
    """Regex for what may stand between two parts of a numeral: one of `strings` ("" for glued parts)."""
    options = sorted(set(strings), key=len, reverse=True)
    if not options:
        return r"\s+"
    return "(?:" + "|".join(re.escape(option).replace(r"\ ", r"\s+") for option in options) + ")"


def _words(data: dict[str, Any], section: str) -> dict[str, float]:
    return {str(key).lower(): float(value) for key, value in (data.get(section) or {}).items()}


def exact_numeral(data: dict[str, Any]) -> str:
    """Regex source of one numeral in words as the language builds them (see the data files for the classes).

    below 100: a ten with a unit ("twenty-four"; German "vierundzwanzig", the unit first), a ten with a 10-19 word
    (French "soixante-dix"), a ten, a teen, a unit; below 1000: a counted hundred ("two hundred", "a hundred"; a
    whole-hundred word in Spanish) with what follows it, or a number below 100; a scaled group: a count, one or
    more scale words ("three million", "mil millones"); a numeral: scaled groups and a last group below 1000, a
    counted multiplier ("two dozen") or a number below 1000."""
    word_end = not data.get("glued")
    units = alternation(_words(data, "units"), word_end)
    teens = alternation(_words(data, "teens"), word_end)
    tens = alternation(_words(data, "tens"), word_end)
    unit_joiner = joiners(data.get("unit_joiners") or [" "])
    if data.get("units_first"):
        below_100 = [f"(?:{units}{unit_joiner})?{tens}", teens, units]
    else:
        below_100 = [f"{tens}(?:{unit_joiner}{units})?", teens, units]
        if data.get("tens_with_teens"):
            below_100.insert(0, f"{alternation(data['tens_with_teens'], word_end)}{unit_joiner}{teens}")
    below_hundred = "(?:" + "|".join(below_100) + ")"
    indefinite = data.get("indefinite") or []
    count = f"(?:{below_hundred}|{alternation(indefinite, word_end)})" if indefinite else below_hundred
    count_joiner = joiners(data.get("count_joiners") or [" "])
    group_joiner = joiners(data.get("group_joiners") or [" "])
    hundreds = []
    if data.get("hundred"):
        count_before = f"(?:{count}{count_joiner})" + ("" if data.get("hundred_needs_count") else "?")
        hundreds.append(f"{count_before}{alternation(_words(data, 'hundred'), word_end)}")
    if data.get("whole_hundreds"):
        hundreds.append(alternation(_words(data, "whole_hundreds"), word_end))
    below_thousand = below_hundred
    if hundreds:
        below_thousand = f"(?:(?:{'|'.join(hundreds)})(?:{group_joiner}{below_hundred})?|{below_hundred})"
    scale = alternation(_words(data, "scales"), word_end)
    group_count = f"(?:{below_thousand}|{alternation(indefinite, word_end)})" if indefinite else below_thousand
    counted = f"{group_count}{count_joiner}{scale}"
    if data.get("bare_scales"):
        counted = f"(?:{counted}|{alternation(data['bare_scales'], word_end)})"
    scaled = f"{counted}(?:{count_joiner}{scale})*"
    numeral = [f"{scaled}(?:{group_joiner}{scaled})*(?:{group_joiner}{below_thousand})?"]
    if data.get("multipliers"):
        numeral.append(f"(?:{count}{count_joiner})?{alternation(_words(data, 'multipliers'), word_end)}")
    numeral.append(below_thousand)
    return "(?:" + "|".join(numeral) + ")"


def parse_numerals(code: str, data: dict[str, Any]) -> NumeralLanguage:
    """Build a `NumeralLanguage` from the mapping read from a resource file."""
    additive = {
        **_words(data, "units"),
        **_words(data, "teens"),
        **_words(data, "tens"),
        **_words(data, "whole_hundreds"),
        **{str(word).lower(): 1.0 for word in data.get("indefinite") or []},
    }
    hundred, multipliers = _words(data, "hundred"), _words(data, "multipliers")
    scales, approximate = _words(data, "scales"), _words(data, "approximate")
    exact_words = [*additive, *hundred, *multipliers, *scales]
    word_end = not data.get("glued")
    # A gate of the words a numeral can open with makes a place where none starts fail at once: the pattern is in
    # many time rules, tried at every word.
    exact = f"(?={alternation(exact_words, word_end)}){exact_numeral(data)}"
    all_joiners = [
        str(joiner)
        for section in ("unit_joiners", "count_joiners", "group_joiners")
        for joiner in data.get(section) or []
        if joiner
    ]
    return NumeralLanguage(
        code=code,
        additive=additive,
        hundred=hundred,
        multipliers=multipliers,
        scales=scales,
        approximate=approximate,
        abbreviations=_words(data, "abbreviations"),
        exact=exact,
        numeral=re.compile(f"{WORD_START}(?:{exact}|{alternation(approximate, word_end)}){WORD_END}", re.IGNORECASE),
        words=tuple(sorted(set(exact_words), key=len, reverse=True)),
        glued=not word_end,
        joiner=re.compile(joiners(all_joiners), re.IGNORECASE),
    )


@lru_cache(maxsize=16)
def load_numerals(code: str | None) -> NumeralLanguage | None:
    """The numerals of a language code ("en", "es-ES" -> "es"), or None when there is no data file."""
    found = language_resource(RESOURCE_FOLDER, code)
    if found is None:
        return None
    base, resource = found
    try:
        return parse_numerals(base, read_yaml(resource.read_text(encoding="utf-8")))
    except (yaml.YAMLError, AttributeError, TypeError, ValueError, re.error) as error:
        raise NumeralDataError(f"{RESOURCE_FOLDER}/{base}.yaml: {error}") from error


def numeral_pattern(code: str | None) -> str | None:
    """Regex source matching one numeral in words (no approximate words such as "hundreds"), for rule templates;
    None when the language has no numerals data."""
    language = load_numerals(code)
    return language.exact if language is not None else None


def numeral_value(text: str, code: str | None) -> float | None:
    """The value of `text` when all of it is one numeral ("two hundred and thirty-five" 235, "mil doscientos"
    1200, "zweihundertdreißig" 230, "quatre-vingt-dix" 90, "two dozen" 24, "hundreds" 200), else None."""
    language = load_numerals(code)
    if language is None or not language.numeral.fullmatch(text):
        return None
    return _value(text, language)


def numerals_in(text: str, code: str | None, start: int = 0, end: int | None = None) -> Iterator[Numeral]:
    """The numerals in words between `start` and `end` of `text`, each the longest that starts at a word, in order
    ("Two hundred and fifty people and two dozen cars" -> 250, 24; "two, three hundred" -> 2, 300)."""
    language = load_numerals(code)
    if language is None:
        return
    for found in language.numeral.finditer(text, start, len(text) if end is None else end):
        value = _value(found.group(), language)
        if value is not None:
            yield Numeral(value, found.start(), found.end())


def scale_of(word: str, code: str | None) -> float | None:
    """The factor a word gives a figure in digits written before it ("billion" in "1.5 billion" 10^9, "Mio" in
    "2,5 Mio." 10^6, "bn" in "$5bn", "dozen" in "2 dozen" 12), or None when it is no scale word."""
    language = load_numerals(code)
    if language is None:
        return None
    folded = word.lower()
    return language.scales.get(folded) or language.abbreviations.get(folded) or language.multipliers.get(folded)


def _value(text: str, language: NumeralLanguage) -> float | None:
    """The value of a matched numeral (see `numeral_value`)."""
    lowered = text.lower()
    if lowered in language.approximate:
        return language.approximate[lowered]
    words = _split(lowered, 0, language)
    return _accumulate(words, language) if words else None


def _split(text: str, position: int, language: NumeralLanguage) -> list[str] | None:
    """The number words of lower-case `text` from `position` on, joiners left out ("vierundzwanzig" -> vier,
    zwanzig), or None when it is not made of them. Longest words first, trying shorter ones when the rest does not
    split: "hunderteins" is hundert + eins, although "hunderte" is a word too."""
    joiner = language.joiner.match(text, position)
    if joiner is not None:
        position = joiner.end()
    if position == len(text):
        return []
    for word in language.words:
        end = position + len(word)
        if not text.startswith(word, position) or (not language.glued and text[end : end + 1].isalnum()):
            continue
        rest = _split(text, end, language)
        if rest is not None:
            return [word, *rest]
    return None


def _accumulate(words: list[str], language: NumeralLanguage) -> float:
    """Add up a numeral's words: units, teens and tens add to the group, the hundred word and multipliers multiply
    it ("twelve hundred", "two dozen"), a scale word closes it ("three million"); a scale larger than every one
    before multiplies all that was read ("mil millones", "two thousand million")."""
    total, group, largest = 0.0, 0.0, 0.0
    for word in words:
        if word in language.hundred or word in language.multipliers:
            group = (group or 1.0) * (language.hundred.get(word) or language.multipliers[word])
        elif word in language.scales:
            scale = language.scales[word]
            if total and scale > largest:
                total, group = (total + group) * scale, 0.0
            else:
                total, group = total + (group or 1.0) * scale, 0.0
            largest = max(largest, scale)
        else:
            group += language.additive.get(word, 0.0)
    return total + group
