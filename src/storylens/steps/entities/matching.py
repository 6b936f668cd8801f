"""Names across scripts and spellings: how likely two written names are one person's.

News names one person in many scripts: "Donald Tusk", "Дональд Туск", "Ντόναλντ Τουσκ",
"ドナルド・トゥスク", "도날드 투스크", "دونالد توسك", "דונלד טוסק". `name_similarity` turns
each name into one or more Latin readings (`romanizations`: pykakasi for kana and Japanese
kanji, pypinyin plus Cantonese for Han characters and, for a foreign name written in them,
the sounds the characters stand for (`han_transliteration`), syllable-wise Hangul with the common
Korean surname spellings from resources/entities/romanization.yaml, anyascii for Cyrillic,
Greek, Arabic, Hebrew, Devanagari and the rest), then compares words by a coarse sound
key: consonants in classes that transliteration confuses (b/p/f/v, d/t, g/k/q, l/r, the
sibilants and affricates), vowels compared loosely and dropped altogether where a script
writes none (Arabic, Hebrew). Every word of the shorter name must pair with a word of the
other: two people who share only a surname ("Fritz Becker" / "Макс Бекер") do not match,
while a middle name one label leaves out ("Todd G. Buchholz" / "토드 부크홀츠") does not
hurt. The score is in [0, 1]; `EntitySettings.cross_script_similarity` is the threshold
the resolution step uses, and `benchmarks/real/names.py` measures it on real name pairs.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from itertools import permutations

from rapidfuzz.distance import Indel

from storylens.resources import read_yaml
from storylens.steps.entities.han_transliteration import foreign_name_readings
from storylens.steps.names import fold, strip_accents

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
ABJAD = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f]")  # Hebrew, Arabic: short vowels unwritten
EAST_ASIAN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3]")
POSTVOCALIC_R = re.compile(r"(?<=[aeiou])r+(?=[^aeiouy]|$)")
CLOSING_CH = re.compile(r"(?<=[aeiouy])ch(?=[^aeiouy]|$)")
CODA = re.compile(r"(?<=[aeiouy])[bdgkptlr]+(?=[^aeiouy]|$)")
QUALIFIER = re.compile(r"\s*[(（][^)）]*[)）]")  # "林伟明（新加坡）": a label's "(Singapore)" is no part of the name
GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
WORD_SEPARATORS = re.compile(r"[\s\-‐‑–—·・•=＝,،.'’`ʻʼ\u200c\u200d\u200e\u200f()]+")
MAX_PERMUTED_WORDS = 5

# Consonant classes that transliteration between scripts confuses; applied after digraphs are reduced.
CONSONANT_CLASS = str.maketrans(
    {
        "b": "p",
        "f": "p",
        "v": "p",
        "d": "t",
        "g": "k",
        "q": "k",
        "c": "k",
        "l": "r",
        "z": "s",
        "j": "s",
        "x": "s",
    }
)
DIGRAPHS = (
    ("tch", "s"),
    ("sch", "s"),
    ("dzh", "s"),
    ("zh", "s"),
    ("sh", "s"),
    ("ch", "s"),
    ("ts", "s"),
    ("tz", "s"),
    ("dz", "s"),
    ("hs", "s"),
    ("ph", "f"),
    ("th", "t"),
    ("kh", "k"),
    ("gh", "k"),
    ("ck", "k"),
    ("qu", "k"),
    ("ng", "n"),
    ("ce", "se"),
    ("ci", "si"),
    ("cy", "sy"),
    ("ks", "s"),
    ("x", "s"),
)
VOWELS = re.compile(r"[aeiouyw]")


@lru_cache(maxsize=1)
def _romanization_data() -> dict[str, dict[str, list[str]]]:
    path = resources.files("storylens.resources").joinpath("entities/romanization.yaml")
    return read_yaml(path.read_text(encoding="utf-8"))


def _all_transliteration_characters(word: str) -> bool:
    """Whether every character of a Han word is one Chinese uses to write foreign names by sound."""
    characters = _romanization_data().get("transliteration_characters", "")
    return all(char in characters for char in word)


@lru_cache(maxsize=1)
def _kakasi():  # type: ignore[no-untyped-def]
    import pykakasi

    return pykakasi.kakasi()


def _anyascii(text: str) -> str:
    from anyascii import anyascii

    return anyascii(text)


GREEK_DIGRAPHS = (("ου", "u"), ("μπ", "b"), ("ντ", "d"), ("γκ", "g"), ("γγ", "ng"), ("τσ", "ts"), ("τζ", "dz"))


def _greek(text: str) -> str:
    """Greek spells foreign sounds with digraphs: ου = u, μπ = b, ντ = d, γκ/γγ = g."""
    lowered = strip_accents(text).lower()
    for digraph, latin in GREEK_DIGRAPHS:
        lowered = lowered.replace(digraph, latin)
    return _anyascii(lowered)


HEBREW_DIGRAPHS = (("וו", "v"), ("יי", "y"), ("ג'", "j"), ("ז'", "zh"), ("צ'", "ch"), ("ת'", "th"), ("׳", "'"))
HEBREW_LETTERS = str.maketrans(
    {
        "א": "",
        "ב": "b",
        "ג": "g",
        "ד": "d",
        "ה": "h",
        "ו": "u",
        "ז": "z",
        "ח": "kh",
        "ט": "t",
        "י": "i",
        "כ": "k",
        "ך": "k",
        "ל": "l",
        "מ": "m",
        "ם": "m",
        "נ": "n",
        "ן": "n",
        "ס": "s",
        "ע": "",
        "פ": "p",
        "ף": "f",
        "צ": "ts",
        "ץ": "ts",
        "ק": "k",
        "ר": "r",
        "ש": "sh",
        "ת": "t",
    }
)


def _hebrew(text: str) -> str:
    """Hebrew letters as sounds: ו and י are mostly vowels in foreign names, וו and יי consonants, ג' = j."""
    for digraph, latin in HEBREW_DIGRAPHS:
        text = text.replace(digraph, latin)
    text = re.sub(r"ה(?=\s|$)", "", text)  # a final he is a vowel
    return text.translate(HEBREW_LETTERS)


def _hangul_words(word: str, alone: bool) -> list[list[str]]:
    """Readings of a Hangul word: joined, and, when it is the whole name, as surname + given name.

    Korean names are written without a space ("김정은" = 김 + 정은); foreign names keep
    their spaces ("고든 브라운"), so a word in a longer name stays one word. A surname
    syllable is also read in its usual spellings (romanization.yaml: 이 = Lee, 박 = Park).
    """
    syllables = [_korean_syllable(s.lower()) for s in re.findall(r"[A-Z][a-z]*", _anyascii(word))]
    syllables = syllables or [_anyascii(word).lower()]
    surnames = [syllables[0]]
    if len(word) <= 4:
        surnames += [s for s in _romanization_data().get("korean_surnames", {}).get(word[0], []) if s != syllables[0]]
    if not alone or len(syllables) == 1:
        return [["".join(syllables)]] + ([[s] for s in surnames[1:]] if len(syllables) == 1 else [])
    readings = []
    for surname in surnames:
        readings.append([surname, "".join(syllables[1:])])
        readings.append([surname, *syllables[1:]])
    return readings


def _korean_syllable(syllable: str) -> str:
    """ "peu" -> "p", "seo" -> "so": the vowel ㅡ closing a syllable is added for a consonant cluster of a
    foreign word ("프란츠" = Franz), and ㅓ (eo) is heard as o or u."""
    if syllable.endswith("eu") and len(syllable) > 2:
        syllable = syllable[:-2]
    return syllable.replace("eo", "o").replace("ae", "e")


def _han_readings(word: str, japanese: bool = True) -> list[list[str]]:
    """Readings of a Han-character word, each as syllables: Mandarin pinyin, Cantonese, Japanese."""
    from pypinyin import Style, pinyin

    readings = [[syllable[0] for syllable in pinyin(word, style=Style.NORMAL)]]
    cantonese = _cantonese(word, readings[0])
    if cantonese:
        readings.append(cantonese)
    if not japanese:
        return readings
    kanji_reading = [_fold_word(part["hepburn"]) for part in _kakasi().convert(word) if part["hepburn"].strip()]
    if kanji_reading:
        readings.append(kanji_reading)
    return readings


@lru_cache(maxsize=1)
def _cantonese_table() -> dict[str, list[str]]:
    from cantoroman import Cantonese

    return Cantonese().charToRoman  # type: ignore[no-any-return]


def _cantonese(word: str, mandarin: list[str] | None = None) -> list[str]:
    """Hong Kong Government Cantonese romanization of each character (how Hong Kong and Macao spell names).

    The table holds traditional characters. Malaysian and Singapore names written in simplified
    characters are spelled in Cantonese too ("Chan Hong Nam" for 陈康南, 陈 being simplified): a
    character the table lacks takes its Mandarin syllable (`mandarin`), when the table holds another
    character of the word; without `mandarin` such a word gets no Cantonese reading.
    """
    table = _cantonese_table()
    syllables = [table.get(char, [""])[0] for char in word]
    if all(syllables):
        return syllables
    if mandarin is None or len(mandarin) != len(word) or not any(syllables):
        return []
    return [syllable or fallback for syllable, fallback in zip(syllables, mandarin, strict=True)]


def _fold_word(text: str) -> str:
    return re.sub(r"[^a-z]", "", strip_accents(text).lower())


@lru_cache(maxsize=65536)
def romanizations(name: str) -> tuple[tuple[str, ...], ...]:
    """Latin readings of a name, each a tuple of folded words; several when the script allows several readings.

    Han and Hangul words are split into syllables (a Chinese or Korean name is written
    without spaces), and the syllables after the first are also joined ("chen", "peiling"),
    because Latin spellings write the given name as one word, hyphenated or apart.
    """
    text = unicodedata.normalize("NFKC", name)
    if GREEK.search(text):
        text = _greek(text)
    if re.search(r"[\u0590-\u05ff]", text):
        text = _hebrew(text)
    words = [w for w in WORD_SEPARATORS.split(text) if w]
    options: list[list[list[str]]] = []  # per word: alternative syllable lists
    for word in words:
        if KANA.search(word):
            parts = [_fold_word(p["hepburn"]) for p in _kakasi().convert(word)]
            if not HAN.search(word):
                parts = ["".join(parts)]  # a katakana word is one name word; kanji parts are family / given
            options.append([[p for p in parts if p]])
        elif HAN.search(word):
            transliteration = _all_transliteration_characters(word)
            readings = _han_readings(word)
            foreign = [[sounds] for sounds in foreign_name_readings(readings[0])]
            if len(words) > 1 or len(word) > 4:  # a transliterated foreign name: each word is one name word
                if transliteration:  # a Chinese transliteration (Japanese writes foreign names in kana)
                    readings = _han_readings(word, japanese=False)
                readings = foreign + [["".join(reading)] for reading in readings]
            else:  # a Chinese name: the surname also in its Cantonese, Hokkien, Teochew, Hakka spellings
                surnames = _romanization_data().get("chinese_surnames", {}).get(word[0], [])
                bases = readings[:2] if _cantonese(word, readings[0]) else readings[:1]  # Mandarin, Cantonese
                readings += [[surname, *base[1:]] for base in bases for surname in surnames if surname != base[0]]
                if transliteration:  # or a foreign name without a dot: 纳迪亚, Nadia
                    readings += foreign
            options.append(readings)
        elif HANGUL.search(word):
            options.append(_hangul_words(word, alone=len(words) == 1))
        else:
            options.append([[_fold_word(_anyascii(word))]])
    readings: list[tuple[str, ...]] = [()]
    for alternatives in options:
        readings = [(*reading, *[s for s in alt if s]) for reading in readings for alt in alternatives][:24]
    expanded: set[tuple[str, ...]] = set()
    for reading in readings:
        if not reading:
            continue
        expanded.add(reading)
        if len(words) == 1 and len(reading) >= 3 and HAN.search(text) and not KANA.search(text):
            expanded.add((reading[0], "".join(reading[1:])))  # 陈佩玲 -> chen peiling
    return tuple(sorted(expanded))


@lru_cache(maxsize=131072)
def sound_key(word: str, keep_vowels: bool = True) -> str:
    """A coarse sound key of a folded Latin word: digraphs reduced, consonants in classes, repeats collapsed."""
    key = word.lower()
    for digraph, sound in DIGRAPHS:
        key = key.replace(digraph, sound)
    key = key.translate(CONSONANT_CLASS)
    if len(key) > 1:
        key = key[0] + key[1:].replace("h", "")
    if not keep_vowels:
        key = key[0] + VOWELS.sub("", key[1:]) if key[:1] in "aeiouyw" else VOWELS.sub("", key)
        key = key.replace("h", "")
    else:
        key = re.sub(r"[eiy]", "i", re.sub(r"[ou]", "u", key)).replace("w", "u")
    return re.sub(r"(.)\1+", r"\1", key)


@lru_cache(maxsize=131072)
def word_similarity(word_a: str, word_b: str, abjad: bool = False) -> float:
    """How alike two folded Latin words sound, in [0, 1]; consonants only when one side came from an abjad."""
    if word_a == word_b:
        return 1.0
    skeleton = Indel.normalized_similarity(sound_key(word_a, False), sound_key(word_b, False))
    if abjad:
        return skeleton
    voweled = Indel.normalized_similarity(sound_key(word_a), sound_key(word_b))
    return max(voweled, (skeleton + voweled) / 2)


def _aligned_score(words_a: tuple[str, ...], words_b: tuple[str, ...], abjad: bool) -> float:
    """Every word of the shorter name paired with a different word of the other (best pairing); mean and minimum."""
    short, long_ = (words_a, words_b) if len(words_a) <= len(words_b) else (words_b, words_a)
    if not short:
        return 0.0
    short = short[:MAX_PERMUTED_WORDS]
    long_ = long_[: MAX_PERMUTED_WORDS + 2]
    table = [[word_similarity(s, other, abjad) for other in long_] for s in short]
    best = 0.0
    for chosen in permutations(range(len(long_)), len(short)):
        scores = [table[i][j] for i, j in enumerate(chosen)]
        score = (sum(scores) / len(scores) + min(scores)) / 2
        best = max(best, score)
    return best


def _joined_score(words_a: tuple[str, ...], words_b: tuple[str, ...], abjad: bool) -> float:
    """One name written as one word ("kunikidawagako"): compare whole names, the other in either word order.

    The one word may also write only some neighbouring words of the other name, run together:
    Chinese writes "Ahmad Rosli" of a Malay name "Ahmad Rosli Hamzah" as one word, 阿末罗斯里.
    """
    joined_b = "".join(words_b)
    orders = {words_a, tuple(reversed(words_a))}
    runs = {words_a[start:end] for start in range(len(words_a)) for end in range(start + 2, len(words_a) + 1)}
    return max(word_similarity("".join(run), joined_b, abjad) for run in orders | runs)


def _latin_words(name: str) -> tuple[str, ...]:
    """Folded words of a Latin-script name, initials ("G.") dropped: one label keeps them, another leaves them out."""
    words = [w for w in fold(name).replace("-", " ").split() if w]
    full = [w for w in words if len(w) > 1]
    return tuple(full or words)


def script_of(name: str) -> str:
    """The script a name is written in, coarsely: "latin", "han", "kana", "hangul", or the Unicode name's first word."""
    for char in name:
        if not char.isalpha() or ord(char) <= 0x24F:
            continue
        if KANA.match(char):
            return "kana"
        if HAN.match(char):
            return "han" if not KANA.search(name) else "kana"
        if HANGUL.match(char):
            return "hangul"
        return unicodedata.name(char, "other").split()[0].lower()
    return "latin"


def name_similarity(name_a: str, name_b: str) -> float:
    """How likely two names written in any scripts are one person's name, in [0, 1].

    "Donald Tusk" ~ "Ντόναλντ Τουσκ" scores high; "Fritz Becker" ~ "Макс Бекер" (another
    person with the same surname) scores low because "Fritz" pairs with nothing.
    """
    name_a, name_b = QUALIFIER.sub("", name_a), QUALIFIER.sub("", name_b)
    if not name_a.strip() or not name_b.strip():
        return 0.0
    abjad = bool(ABJAD.search(name_a) or ABJAD.search(name_b))
    readings_a = _readings(name_a)
    readings_b = _readings(name_b)
    if EAST_ASIAN.search(name_b):
        readings_a = _as_east_asian_scripts_hear_it(readings_a, han=_chinese_script(name_b))
    if EAST_ASIAN.search(name_a):
        readings_b = _as_east_asian_scripts_hear_it(readings_b, han=_chinese_script(name_a))
    best = 0.0
    for words_a in readings_a:
        for words_b in readings_b:
            score = _aligned_score(words_a, words_b, abjad)
            if len(words_a) == 1 or len(words_b) == 1:
                short, long_ = sorted((words_a, words_b), key=len)
                score = max(score, _joined_score(long_, short, abjad))
            best = max(best, score)
            if best >= 1.0:
                return 1.0
    return best


def _chinese_script(name: str) -> bool:
    """Han characters without kana: Chinese (or a Japanese name in kanji alone, which reads the same way here)."""
    return bool(HAN.search(name)) and not KANA.search(name)


def _as_east_asian_scripts_hear_it(
    readings: tuple[tuple[str, ...], ...], han: bool = False
) -> tuple[tuple[str, ...], ...]:
    """Latin readings also as Chinese, Japanese and Korean transliteration hears them.

    These scripts write an English name by its r-less sound ("Parker" is pa-ka: no character,
    kana or Hangul for the r of "Carter" or "Mark"), and a ch closing a syllable as the h it is in
    German, Polish or Czech ("Ulrich", "Lech"). Against Chinese (`han`) the Latin word is also read
    without the consonants that close a syllable, since Mandarin syllables end in no consonant but
    n and ng ("Abdul" is written a-du, "Ahmad" a-mo). Only Latin readings change.
    """
    if not all(word.isascii() for reading in readings for word in reading):
        return readings
    dropped = tuple(tuple(POSTVOCALIC_R.sub("", word) for word in reading) for reading in readings)
    dropped += tuple(tuple(CLOSING_CH.sub("h", word) for word in reading) for reading in readings)
    if han:
        dropped += tuple(tuple(CODA.sub("", word) for word in reading) for reading in readings)
    return tuple(dict.fromkeys(readings + dropped))


def _readings(name: str) -> tuple[tuple[str, ...], ...]:
    if name.isascii() or not any(ord(char) > 0x24F for char in name):
        words = _latin_words(name)
        hyphen_joined = tuple(w for w in fold(name.replace("-", "")).split() if len(w) > 1)
        return tuple(dict.fromkeys(r for r in (words, hyphen_joined) if r))
    return romanizations(name)
