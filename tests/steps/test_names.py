"""Name keys and the transliteration matcher (pinyin of a Japanese name's kanji vs its romanization)."""

from collections import Counter
from pathlib import Path

import pytest
import yaml
from pypinyin import Style, pinyin

from storylens.steps.names import (
    align_tokens,
    fold,
    han_readings,
    initials,
    normalize_romaji,
    pinyin_spells_romaji,
    token_key,
    transliteration_match,
)

TABLE = yaml.safe_load((Path(__file__).parent.parent / "fixtures/entities/han_names.yaml").read_text(encoding="utf-8"))
NAMES = TABLE["names"]


def test_table_has_at_least_thirty_names():
    assert len(NAMES) >= 30


@pytest.mark.parametrize("row", NAMES, ids=[row["japanese"] for row in NAMES])
def test_table_pinyin_is_a_reading_of_the_characters(row):
    family, given = row["family"], row["han"][len(row["family"]) :]
    readings = [{"".join(p) for p in _combinations(part)} for part in (family, given)]
    written = [token.lower() for token in row["pinyin"].split()]
    assert written[0] in readings[0] and written[1] in readings[1]


def _combinations(han: str) -> list[tuple[str, ...]]:
    result: list[tuple[str, ...]] = [()]
    for options in pinyin(han, style=Style.NORMAL, heteronym=True):
        result = [(*prefix, option) for prefix in result for option in options]
    return result


@pytest.mark.parametrize("row", NAMES, ids=[row["japanese"] for row in NAMES])
def test_pinyin_rendering_matches_its_japanese_romanization(row):
    assert transliteration_match(row["japanese"], row["pinyin"])


def test_pinyin_rendering_matches_no_other_name_in_the_table():
    wrong = [
        (a["japanese"], b["pinyin"])
        for a in NAMES
        for b in NAMES
        if a is not b and transliteration_match(a["japanese"], b["pinyin"])
    ]
    assert wrong == []


def test_half_translated_name_matches():
    assert transliteration_match("Abe Jinsan", "Shinzo Abe")


def test_same_surname_different_given_name_does_not_match():
    assert not transliteration_match("Tianbian Hehong", "Emi Tanabe")


def test_identical_names_are_not_a_transliteration():
    assert not transliteration_match("Kazuhiro Tanabe", "Tanabe Kazuhiro")


def test_pinyin_token_spells_romaji_through_kanji_readings():
    assert pinyin_spells_romaji("Tianbian", "Tanabe")
    assert not pinyin_spells_romaji("Tianbian", "Kamikawa")


def test_long_vowels_are_normalized():
    assert normalize_romaji("Shinzō") == normalize_romaji("Shinzou") == normalize_romaji("Shinzoh") == "shinzo"


def test_han_characters_read_in_chinese_and_japanese():
    readings = han_readings("田辺和弘")
    assert readings[0] == "tianbianhehong"
    assert "tanabe" in readings[1]


def test_name_order_shares_a_token_key():
    assert token_key("Shinzo Abe") == token_key("ABE Shinzō")


def test_fold_drops_accents_case_and_possessive():
    assert fold("Asunción’s") == "asuncion"


def test_initials_of_a_name():
    assert initials("Kazuhiro Tanabe") == "kt"


def test_alignment_counts_exact_and_transliterated_words():
    alignment = align_tokens("Abe Jinsan", "Shinzo Abe")
    assert (alignment.exact, alignment.transliterated, alignment.complete) == (1, 1, True)


def test_transliteration_match_gives_the_verdict_of_the_full_alignment():
    """`transliteration_match` stops early (unequal word counts, a word nothing transliterates); it must say
    what the whole alignment says, over names of one to three words mixing table pinyin, romaji and others."""
    words = sorted(
        {w for row in NAMES for w in (row["japanese"] + " " + row["pinyin"]).split()}
        | {"Maria", "Ortiz", "Abe", "Jinsan", "Shinzo", "Lee"}
    )
    names = [
        " ".join(words[(start + step * k) % len(words)] for k in range(size))
        for start in range(0, len(words), 3)
        for step in (1, 7)
        for size in (1, 2, 3)
    ]
    names += [row["japanese"] for row in NAMES] + [row["pinyin"] for row in NAMES] + ["Shinzo Abe", "Abe Jinsan"]
    verdicts = Counter()
    for name_a in names:
        for name_b in names:
            alignment = align_tokens(name_a, name_b)
            expected = alignment.complete and alignment.transliterated > 0
            assert transliteration_match(name_a, name_b) == expected, (name_a, name_b)
            verdicts[expected] += 1
    assert verdicts[True] >= 30 and verdicts[False] > verdicts[True]
