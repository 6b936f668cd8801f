"""The shared numeral reader: numbers written in words in en, es, de, fr, with numbers we write ourselves."""

from __future__ import annotations

import re

import pytest

from storylens.numerals import load_numerals, numeral_pattern, numeral_value, numerals_in, scale_of


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "seven", 7),
        ("en", "twenty-four", 24),
        ("en", "thirty five", 35),
        ("en", "two hundred thirty-five", 235),
        ("en", "two hundred and thirty-five", 235),
        ("en", "a hundred", 100),
        ("en", "twelve hundred", 1200),
        ("en", "one thousand two hundred and five", 1205),
        ("en", "one hundred twenty-five thousand three hundred", 125_300),
        ("es", "siete", 7),
        ("es", "veintidós", 22),
        ("es", "treinta y cinco", 35),
        ("es", "ciento veinte", 120),
        ("es", "mil doscientos", 1200),
        ("es", "dos mil quinientas", 2500),
        ("es", "cien mil", 100_000),
        ("de", "sieben", 7),
        ("de", "vierundzwanzig", 24),
        ("de", "zweihundertdreißig", 230),
        ("de", "Zweitausenddreihundert", 2300),
        ("de", "hunderteinundzwanzig", 121),
        ("de", "tausendeins", 1001),
        ("de", "dreihunderttausend", 300_000),
        ("fr", "sept", 7),
        ("fr", "vingt-trois", 23),
        ("fr", "vingt et un", 21),
        ("fr", "soixante et onze", 71),
        ("fr", "soixante-dix-sept", 77),
        ("fr", "quatre-vingts", 80),
        ("fr", "quatre-vingt-dix", 90),
        ("fr", "quatre-vingt-dix-neuf", 99),
        ("fr", "deux cents", 200),
        ("fr", "deux cent trente", 230),
        ("fr", "mille deux cents", 1200),
    ],
)
def test_cardinals_in_words_including_compounds(language: str, text: str, value: float) -> None:
    assert numeral_value(text, language) == value


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "two dozen", 24),
        ("en", "a dozen", 12),
        ("en", "three million", 3_000_000),
        ("en", "a billion", 1_000_000_000),
        ("en", "two thousand million", 2_000_000_000),
        ("es", "dos docenas", 24),
        ("es", "un millón", 1_000_000),
        ("es", "mil millones", 1_000_000_000),
        ("es", "dos mil millones", 2_000_000_000),
        ("es", "un millón doscientos mil", 1_200_000),
        ("de", "ein Dutzend", 12),
        ("de", "zwei Millionen", 2_000_000),
        ("de", "eine Milliarde", 1_000_000_000),
        ("de", "zwei Millionen dreihunderttausend", 2_300_000),
        ("fr", "une douzaine", 12),
        ("fr", "trois cent mille", 300_000),
        ("fr", "deux millions", 2_000_000),
    ],
)
def test_multipliers_and_scale_words_make_one_figure(language: str, text: str, value: float) -> None:
    assert numeral_value(text, language) == value


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "dozens", 24),
        ("en", "hundreds", 200),
        ("es", "miles", 2000),
        ("de", "Dutzende", 24),
        ("fr", "milliers", 2000),
    ],
)
def test_approximate_words_give_the_least_they_can_mean(language: str, text: str, value: float) -> None:
    assert numeral_value(text, language) == value


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "one two"),  # two numbers, not one
        ("en", "a"),  # the article alone counts nothing
        ("en", "thousand"),  # an English scale word needs its count
        ("en", "twenty and five"),
        ("es", "dos cien"),
        ("de", "Achtung"),  # starts like "acht"
        ("de", "dreißigjährige"),  # an adjective, not a number
        ("fr", "sixième"),  # an ordinal
    ],
)
def test_words_that_are_no_numeral_have_no_value(language: str, text: str) -> None:
    assert numeral_value(text, language) is None


def test_a_language_without_data_has_no_numerals() -> None:
    assert load_numerals("xx") is None
    assert numeral_value("two", "xx") is None
    assert numeral_pattern("xx") is None


def found(text: str, language: str = "en", start: int = 0, end: int | None = None) -> list[tuple[float, str]]:
    return [(n.value, text[n.start : n.end]) for n in numerals_in(text, language, start, end)]


def test_numerals_in_reads_each_numeral_whole() -> None:
    text = "Two hundred and fifty people and two dozen cars were moved."
    assert found(text) == [(250, "Two hundred and fifty"), (24, "two dozen")]
    assert found("Mil doscientos vecinos y tres mil millones de euros.", "es") == [
        (1200, "Mil doscientos"),
        (3e9, "tres mil millones"),
    ]
    assert found("Rund zweihundertdreißig Menschen, vierundzwanzig Busse.", "de") == [
        (230, "zweihundertdreißig"),
        (24, "vierundzwanzig"),
    ]


def test_numerals_in_stops_at_a_comma_and_at_a_hyphenated_word() -> None:
    assert found("two, three hundred") == [(2, "two"), (300, "three hundred")]
    assert found("a twenty-two-year-old driver") == []
    assert found("a million one-time payments") == [(1_000_000, "a million")]


def test_numerals_in_reads_only_whole_words_within_the_span() -> None:
    assert found("l'un des deux", "fr") == [(2, "deux")]
    assert found("'Six years ago,' she said.") == [(6, "Six")]
    assert found("Achtung, acht Wagen", "de") == [(8, "acht")]
    assert found("twenty four", end=6) == [(20, "twenty")]


def test_numeral_pattern_matches_a_numeral_for_rule_templates() -> None:
    pattern = re.compile(rf"(?<!\w)(?P<num>{numeral_pattern('en')}) days", re.IGNORECASE)
    found = pattern.search("It lasted a hundred and twenty days.")
    assert found is not None and found.group("num") == "a hundred and twenty"
    assert numeral_pattern("en") is not None and "hundreds" not in numeral_pattern("en")  # no approximate words


@pytest.mark.parametrize(
    ("language", "word", "factor"),
    [
        ("en", "billion", 1_000_000_000),
        ("en", "bn", 1_000_000_000),
        ("en", "dozen", 12),
        ("es", "millones", 1_000_000),
        ("de", "Mio", 1_000_000),
        ("fr", "milliards", 1_000_000_000),
        ("en", "people", None),
    ],
)
def test_scale_of_gives_the_factor_of_a_word_after_digits(language: str, word: str, factor: float | None) -> None:
    assert scale_of(word, language) == factor
