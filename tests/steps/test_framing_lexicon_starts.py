"""Tests for trying the framing lexicon only where an entry may begin (storylens.steps.framing_lexicon)."""

from __future__ import annotations

import dataclasses
import random
import sys

import pytest

from storylens.required_words import CASE_UNSAFE
from storylens.steps.framing_lexicon import (
    WHITE_SPACE,
    EntryStarts,
    FramingLexicon,
    comparable_text,
    entry_key,
    entry_starts,
    load_framing_lexicon,
    match_lexicon,
)


def scanned(lexicon: FramingLexicon) -> FramingLexicon:
    """The same lexicon without its entry starts: every category's alternation scanned over the whole text."""
    return dataclasses.replace(lexicon, starts={})


def test_an_entry_key_stops_at_its_first_space_and_its_wildcard() -> None:
    assert entry_key("Slammed") == "sla"
    assert entry_key("in  hot water") == "in "
    assert entry_key("a lot") == "a "
    assert entry_key("ok") == "ok"
    assert entry_key("la* it") == "la"


def test_an_entry_opening_on_a_quote_mark_leaves_its_category_scanned() -> None:
    assert entry_starts(["'reform'", "slammed"]) is None
    assert entry_starts(["slammed", "in hot water"]) == EntryStarts(frozenset({"sla", "in "}))


def test_white_space_lists_every_character_that_backslash_s_matches() -> None:
    assert set(WHITE_SPACE) == {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()}


def test_outside_case_unsafe_lower_case_is_the_one_re_compares() -> None:
    import _sre  # re's own engine: what it lower-cases a character to when it ignores case

    differing = {
        chr(code)
        for code in range(sys.maxunicode + 1)
        if chr(code).lower() != chr(_sre.unicode_tolower(code))  # type: ignore[attr-defined]
    }
    assert differing <= CASE_UNSAFE


def test_a_text_with_a_case_unsafe_character_is_scanned_whole() -> None:
    assert comparable_text("The \u017flammed plan") is None  # long s: re.IGNORECASE reads it as "s"
    assert comparable_text("Istanbul \u0130stanbul") is None  # dotted capital I: two characters in lower case
    assert comparable_text("A\u00a0Slammed\nplan") == "a slammed plan"


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_matches_are_those_of_scanning_every_category(language: str) -> None:
    lexicon = load_framing_lexicon(language)
    assert lexicon.starts  # the categories are tried at word starts
    terms = [term for entries in lexicon.entries.values() for _, term in entries]
    fillers = ["the", "plan", "was", "-", "mid", "x", "'", "“", ",", ".", "\u017f", "Ünter", "ıt", "9"]
    chooser = random.Random(11)
    for _ in range(400):
        words = []
        for _ in range(chooser.randint(1, 14)):
            word = chooser.choice(terms).replace("*", chooser.choice(["", "ed", "s-", "ing"]))
            word = word if chooser.random() < 0.5 else chooser.choice(fillers)
            case = chooser.choice([str.lower, str.upper, str.title, str])
            words.append(case(word).replace(" ", chooser.choice([" ", "  ", "\n", "\u00a0", " \t"])))
        text = "".join(word + chooser.choice([" ", "", "-", ", ", "\u2009"]) for word in words)
        assert match_lexicon(text, lexicon) == match_lexicon(text, scanned(lexicon)), text
