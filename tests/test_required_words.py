"""Tests for the words a pattern cannot match without (storylens.required_words)."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
import yaml

from storylens import required_words as required
from storylens.required_words import CASE_FOLDED_ASCII, TextWords, required_words
from storylens.steps.time_expressions import rule_candidates
from storylens.steps.time_language import available_languages, load_time_language

TIME_SENTENCES = Path(__file__).parent / "fixtures" / "time" / "sentences.yaml"


def test_a_group_of_words_is_required() -> None:
    pattern = re.compile(r"(?<!\w)(?:(?P<weekday>monday|tuesday),?\s+)?(?P<month>may|june)\s+\d+(?!\w)", re.I)
    assert required_words(pattern) == (frozenset({"june", "may"}),)


def test_every_part_a_match_passes_through_is_required_most_selective_first() -> None:
    pattern = re.compile(r"the\s+(?:first|second)\s+quarter", re.I)
    assert required_words(pattern) == (frozenset({"quarter"}), frozenset({"first", "second"}), frozenset({"the"}))


def test_optional_parts_and_free_alternatives_require_nothing() -> None:
    assert required_words(re.compile(r"(?:next\s+)?\d+")) == ()
    assert required_words(re.compile(r"(?:next|\d)\s+week")) == (frozenset({"week"}),)
    assert required_words(re.compile(r"(?:next|\d)")) == ()


def test_letters_beyond_ascii_end_a_word() -> None:
    assert required_words(re.compile(r"février|mars", re.I)) == (frozenset({"vrier", "mars"}),)
    assert required_words(re.compile(r"\d+\s+é", re.I)) == ()


def test_a_text_without_a_required_word_cannot_match() -> None:
    pattern = re.compile(r"(?<!\w)(?:last|next)\s+(?:monday|friday)(?!\w)", re.I)
    assert not TextWords("The council met on Tuesday.").may_match(pattern)
    assert TextWords("The council meets NEXT Friday.").may_match(pattern)
    assert TextWords("Next, the Monday session.").may_match(pattern)  # words present, no match: scanned all the same


def test_a_letter_that_matches_ascii_only_by_case_folding_makes_the_text_scanned() -> None:
    pattern = re.compile(r"sunday", re.I)
    text = "The fair opens on \u017funday."  # long s: re.IGNORECASE matches it to "s", str.lower() does not
    assert pattern.search(text)
    assert TextWords(text).may_match(pattern)


def test_case_folded_ascii_lists_every_character_that_matches_an_ascii_one_ignoring_case() -> None:
    any_ascii = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
    folded = {chr(code) for code in range(128, sys.maxunicode + 1) if any_ascii.fullmatch(chr(code))}
    assert folded == set(CASE_FOLDED_ASCII)


def test_random_texts_never_lack_the_words_of_a_pattern_that_matches_them() -> None:
    vocabulary = ["the", "next", "last", "first", "quarter", "week", "monday", "Friday", "MAY", "june"]
    vocabulary += ["12", "1999", "of", "in", ",", ".", "-", "year", "years"]
    patterns = [
        re.compile(r"(?<!\w)(?:the\s+)?(?:first|last)\s+quarter(?:\s+of\s+\d{4})?(?!\w)", re.I),
        re.compile(r"(?<!\w)(?:(?:monday|friday),?\s+)?(?:may|june)\s+\d{1,2}(?!\w)", re.I),
        re.compile(r"(?<!\w)(?:next|last)\s+(?:week|years?)(?!\w)", re.I),
        re.compile(r"(?<!\w)\d{4}(?!\w)"),
    ]
    chooser = random.Random(7)
    for _ in range(3000):
        text = " ".join(chooser.choice(vocabulary) for _ in range(chooser.randint(1, 12)))
        words = TextWords(text)
        for pattern in patterns:
            if not words.may_match(pattern):
                assert pattern.search(text) is None, (pattern.pattern, text)


@pytest.mark.parametrize("language", available_languages())
def test_time_rule_candidates_are_those_of_scanning_every_rule(language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = load_time_language(language)
    assert data is not None
    texts = [s["text"] for s in yaml.safe_load(TIME_SENTENCES.read_text(encoding="utf-8")) if s["language"] == language]
    texts.append(" ".join(texts))
    filtered = [[(c.start, c.end, c.rule.order) for c in rule_candidates(text, data)] for text in texts]
    skipped = sum(not TextWords(text).may_match(rule.pattern) for text in texts for rule in data.rules)
    monkeypatch.setattr(required.TextWords, "may_match", lambda self, pattern: True)
    scanned = [[(c.start, c.end, c.rule.order) for c in rule_candidates(text, data)] for text in texts]
    assert filtered == scanned
    assert skipped > 0  # the filter was at work
