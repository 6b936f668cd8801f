"""Name normalisation and transliteration: when two spellings can be the same name.

Multi-source news spells one person many ways: "Shinzo Abe" and "Abe Shinzo"
(name order), "S. Abe" (initials), "Shinzō Abe" (macrons), and, after a
machine translation through Chinese, the pinyin reading of the Han characters
of a Japanese name ("Anbei Jinsan" for 安倍晋三). The functions here turn a
surface form into comparable keys and decide whether a pinyin token can be the
Chinese reading of a Japanese romanized token, using a bundled table of name
kanji and their Japanese readings (resources/entities/japanese_name_kanji.yaml)
with pypinyin for the Chinese side. They are pure and cached so resolution can
call them for every candidate pair.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from storylens.resources import read_yaml

HAN_PATTERN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
TOKEN_PATTERN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
LONG_VOWELS = (("ou", "o"), ("oo", "o"), ("uu", "u"), ("oh", "o"))


def strip_accents(text: str) -> str:
    """ "Shinzō" -> "Shinzo", "Asunción" -> "Asuncion": accents vary between outlets."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


POSSESSIVE_S = re.compile(r"'s\b")
PUNCTUATION = re.compile(r"[^\w\s]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The comparison form of a name: no accents, case-folded, punctuation to spaces, one space between words.

    Cached: the entity steps fold the same few thousand names hundreds of thousands of times per run."""
    text = strip_accents(text).casefold().replace("’", "'")
    text = POSSESSIVE_S.sub("", text)
    text = PUNCTUATION.sub(" ", text)
    return " ".join(text.split())


def name_tokens(text: str) -> list[str]:
    """The folded words of a name, in order ("Abe Shinzō" -> ["abe", "shinzo"])."""
    return fold(text).split()


def token_key(text: str) -> str:
    """Order-free key: "Shinzo Abe" and "Abe Shinzo" share it (name order differs by language and outlet)."""
    return " ".join(sorted(name_tokens(text)))


def initials(text: str) -> str:
    """First letters of the words: "Kazuhiro Tanabe" -> "kt"."""
    return "".join(token[0] for token in name_tokens(text))


def consonant_key(token: str) -> str:
    """A rough phonetic key: first letter plus the consonant skeleton, repeats collapsed.

    "Tanabe", "Tanave" and "Tannabe" differ in their vowels or doubled letters
    but share a skeleton close enough for blocking ("tnb" / "tnv").
    """
    folded = fold(token).replace(" ", "")
    if not folded:
        return ""
    skeleton = folded[0] + re.sub(r"[aeiouy]", "", folded[1:])
    return re.sub(r"(.)\1+", r"\1", skeleton)


def normalize_romaji(token: str) -> str:
    """Japanese romanization without long-vowel marks: "Shinzō", "Shinzou", "Shinzoh" -> "shinzo"."""
    text = fold(token).replace(" ", "")
    for long, short in LONG_VOWELS:
        text = text.replace(long, short) if long != "oh" else re.sub(r"oh(?=[^aeiou]|$)", "o", text)
    return text


def contains_han(text: str) -> bool:
    """True when the text holds Han characters (kanji / hanzi)."""
    return bool(HAN_PATTERN.search(text))


def han_readings(text: str) -> list[str]:
    """Latin readings of a Han-character name: its pinyin and its Japanese reading, spaces removed.

    Used when an article does show the characters ("田辺和弘"), so the mention
    can meet "Tianbian Hehong" and "Tanabe Kazuhiro" by key.
    """
    han = "".join(HAN_PATTERN.findall(text))
    if not han:
        return []
    chinese = "".join(syllables[0] for syllables in _pinyin(han))
    return [reading for reading in (chinese, japanese_reading(han)) if reading]


def _pinyin(han: str, heteronym: bool = False) -> list[list[str]]:
    """pypinyin's readings of each character, imported on first use (its phrase tables take ~100 MB and
    a second to load: only resolving Han-character names needs them)."""
    from pypinyin import Style, pinyin

    return pinyin(han, style=Style.NORMAL, heteronym=heteronym)


def japanese_reading(han: str) -> str:
    """The Japanese reading of a Han string, through pykakasi (normalized romaji, no spaces)."""
    converter = _kakasi()
    return "".join(normalize_romaji(part["hepburn"]) for part in converter.convert(han))


@lru_cache(maxsize=1)
def _kakasi():  # type: ignore[no-untyped-def]
    import pykakasi

    return pykakasi.kakasi()


@lru_cache(maxsize=1)
def kanji_readings() -> dict[str, tuple[str, ...]]:
    """The bundled table: name kanji (or short kanji compound) -> Japanese name readings."""
    path = resources.files("storylens.resources").joinpath("entities/japanese_name_kanji.yaml")
    data = read_yaml(path.read_text(encoding="utf-8"))
    return {kanji: tuple(normalize_romaji(str(r)) for r in readings) for kanji, readings in data["kanji"].items()}


@lru_cache(maxsize=1)
def readings_by_pinyin() -> dict[str, frozenset[str]]:
    """Pinyin of each table entry (all its Chinese readings) -> the Japanese readings of the kanji that read so.

    "tian" -> {"ta", "da", "den", "hata", ...} (田, 畑 ...). Compounds give their
    syllables joined: "anbei" -> {"abe"} (安倍).
    """
    index: dict[str, set[str]] = {}
    for kanji, readings in kanji_readings().items():
        for chinese in _pinyin_spellings(kanji):
            index.setdefault(chinese, set()).update(readings)
    return {key: frozenset(values) for key, values in index.items()}


def _pinyin_spellings(kanji: str) -> list[str]:
    """Every pinyin spelling of a kanji string (heteronyms of each character combined, capped)."""
    spellings = [""]
    for options in _pinyin(kanji, heteronym=True):
        spellings = [prefix + option for prefix in spellings for option in options][:16]
    return spellings


@lru_cache(maxsize=1)
def _pinyin_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(key) for key in readings_by_pinyin()}))


@lru_cache(maxsize=65536)
def pinyin_spells_romaji(pinyin_token: str, romaji_token: str) -> bool:
    """Can `pinyin_token` be the Chinese reading of kanji whose Japanese reading is `romaji_token`?

    "Tianbian" / "Tanabe": 田 reads "tian" in Chinese and "ta" in Japanese, 辺 reads
    "bian" and "nabe", so yes. A dynamic programme walks both strings at once:
    every step consumes one table entry's pinyin from the first and one of its
    Japanese readings from the second.
    """
    chinese = fold(pinyin_token).replace(" ", "")
    japanese = normalize_romaji(romaji_token)
    if not chinese or not japanese:
        return False
    index = readings_by_pinyin()
    lengths = _pinyin_lengths()
    frontier = {(0, 0)}
    seen: set[tuple[int, int]] = set()
    while frontier:
        state = frontier.pop()
        if state in seen:
            continue
        seen.add(state)
        position, reading_position = state
        if position == len(chinese) and reading_position == len(japanese):
            return True
        for length in lengths:
            readings = index.get(chinese[position : position + length])
            if not readings:
                continue
            for reading in readings:
                if japanese.startswith(reading, reading_position):
                    frontier.add((position + length, reading_position + len(reading)))
    return False


@dataclass(frozen=True)
class TokenAlignment:
    """How the words of two names pair up: `exact` equal words, `transliterated` pinyin/romaji pairs."""

    exact: int
    transliterated: int
    shorter: int
    longer: int

    @property
    def complete(self) -> bool:
        """Every word of both names is paired."""
        return self.exact + self.transliterated == self.shorter == self.longer


def align_tokens(name_a: str, name_b: str) -> TokenAlignment:
    """Pair the words of two names in any order, exactly or by transliteration (greedy, exact first).

    "Abe Jinsan" vs "Shinzo Abe": "abe" = "abe", "jinsan" spells "shinzo" -> 1 exact, 1 transliterated.
    """
    tokens_a, tokens_b = name_tokens(name_a), name_tokens(name_b)
    if len(tokens_a) > len(tokens_b):
        tokens_a, tokens_b = tokens_b, tokens_a
    remaining = list(tokens_b)
    exact = 0
    unmatched: list[str] = []
    for token in tokens_a:
        if token in remaining:
            remaining.remove(token)
            exact += 1
        else:
            unmatched.append(token)
    transliterated = 0
    for token in unmatched:
        partner = next((other for other in remaining if _transliterates(token, other)), None)
        if partner is not None:
            remaining.remove(partner)
            transliterated += 1
    return TokenAlignment(exact, transliterated, len(tokens_a), len(tokens_b))


def _transliterates(token_a: str, token_b: str) -> bool:
    return pinyin_spells_romaji(token_a, token_b) or pinyin_spells_romaji(token_b, token_a)


def transliteration_match(name_a: str, name_b: str) -> bool:
    """Same name, at least one word seen through the Chinese reading of its kanji, every word paired.

    "Tianbian Hehong" ~ "Kazuhiro Tanabe", "Abe Jinsan" ~ "Shinzo Abe"; not
    "Tianbian Hehong" ~ "Emi Tanabe" (the given names do not pair).

    `align_tokens` gives the same verdict (`complete` and `transliterated > 0`); this asks only that, so it
    stops at the first thing that rules the match out: most name pairs of a story differ in length or in a
    word nothing transliterates, and resolution asks this of every pair of person names in a story.
    """
    tokens_a, tokens_b = name_tokens(name_a), name_tokens(name_b)
    if len(tokens_a) != len(tokens_b):  # every word of both must pair: unequal counts never do
        return False
    remaining = list(tokens_b)
    unmatched = []
    for token in tokens_a:
        if token in remaining:
            remaining.remove(token)
        else:
            unmatched.append(token)
    if not unmatched:  # the same words: no transliteration in it
        return False
    for token in unmatched:  # as `align_tokens` pairs them, stopping at the first word left unpaired
        partner = next((other for other in remaining if _transliterates(token, other)), None)
        if partner is None:
            return False
        remaining.remove(partner)
    return True
