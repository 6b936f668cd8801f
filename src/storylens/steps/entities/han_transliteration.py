"""Han characters as a foreign name's sounds: the pinyin of a transliteration read back as Latin letters.

Chinese writes a foreign name with characters chosen for their sound ("乔·哈兰" for Joe Harlan,
"克拉克" for Clark), by rules of the kind the Xinhua transliteration tables follow: a consonant
standing alone in the foreign name (in a cluster or at the end) gets a syllable of its own with a
weak vowel (斯 si for s, 克 ke for k, 特 te for t, 布 bu for b, 尔 er for r or l), and pinyin
letters do not sound like the same Latin letters (q is ch, x is sh, c is ts). Read as English
letters, pinyin hides the name: "qiao" is not "Joe" to a matcher that reads q as k. This module
turns the pinyin of a word into the sounds a Latin speller would write (`foreign_name_readings`):
pinyin consonants as Latin ones, the buzzing vowel of si, zi, shi dropped, the weak vowel of a lone
consonant dropped before another consonant or at the end, er as r. A second reading writes pinyin
w as v and y as j, because the names Chinese transliterates come from languages that write those
sounds so (Václav, Johan, Jan); a third writes j, q, x as g, k, h, the sounds those characters stand
for in foreign names (基 ji for the ki of -ski, 希 xi for hi). Everything here is general knowledge of
Mandarin pronunciation.
"""

from __future__ import annotations

import re

# Pinyin initials that sound unlike the same Latin letters, as a Latin speller writes the sound (longest first).
PINYIN_INITIALS = (("zh", "j"), ("ch", "ch"), ("sh", "sh"), ("q", "ch"), ("x", "sh"), ("c", "ts"), ("r", "zh"))
# After z, c, s, zh, ch, sh, r the letter i is a buzzing vowel, no i at all: 斯 si is a bare s.
APICAL_SYLLABLE = re.compile(r"^(zh|ch|sh|z|c|s|r)i$")
# Syllables a transliteration uses for a consonant alone: 特 t, 德 d, 克 k, 格 g, 赫 h, 勒 l, 布 b, 普 p, 夫 f, 姆 m.
LONE_CONSONANT_SYLLABLES = frozenset({"te", "de", "ke", "ge", "he", "le", "bu", "pu", "fu", "mu"})
PINYIN_VOWEL_START = re.compile(r"^[aeiouv]")
CONTINENTAL_INITIALS = (("w", "v"), ("y", "j"))
VELAR_INITIALS = (("j", "g"), ("q", "k"), ("x", "h"))


def _as_latin_sounds(syllable: str) -> str:
    """One toneless pinyin syllable as a Latin speller would write its sound ("qiao" -> "chiao", "cong" -> "tsong")."""
    syllable = syllable.replace("v", "u").replace("ü", "u")
    if syllable == "er":
        return "r"
    for initial, latin in PINYIN_INITIALS:
        if syllable.startswith(initial):
            return latin + syllable[len(initial) :]
    return syllable


def _weak_vowel_dropped(syllable: str, sound: str, followed_by_consonant: bool) -> str:
    """A lone consonant's syllable without its vowel: 斯 -> s always, 克 -> k before a consonant or at the end."""
    if APICAL_SYLLABLE.match(syllable):
        return sound[:-1]
    if syllable in LONE_CONSONANT_SYLLABLES and followed_by_consonant:
        return sound[:-1]
    return sound


def foreign_name_readings(syllables: list[str]) -> list[str]:
    """The sounds of a transliterated name word from its toneless pinyin syllables, one word per reading.

    >>> foreign_name_readings(["ke", "la", "ke"])
    ['klak']
    >>> foreign_name_readings(["wa", "ci", "la", "fu"])
    ['watslaf', 'vatslaf']
    """
    sounds = []
    for position, syllable in enumerate(syllables):
        following = syllables[position + 1] if position + 1 < len(syllables) else ""
        consonant_next = not following or not PINYIN_VOWEL_START.match(following)
        sounds.append(_weak_vowel_dropped(syllable, _as_latin_sounds(syllable), consonant_next))
    plain = "".join(sounds)
    continental = "".join(_continental(sound) for sound in sounds)
    velar = "".join(_velar(syllable, sound) for syllable, sound in zip(syllables, sounds, strict=True))
    return list(dict.fromkeys([plain, continental, velar]))


def _velar(syllable: str, sound: str) -> str:
    """Pinyin j, q, x as the g, k, h they write in foreign names before i: 基 ji for ki (-ski), 希 xi for hi."""
    for initial, latin in VELAR_INITIALS:
        if syllable.startswith(initial):
            return latin + syllable[1:]
    return sound


def _continental(sound: str) -> str:
    """Pinyin w and y as continental European spellings write them: 瓦 wa for Va, 扬 yang for Jan."""
    for initial, latin in CONTINENTAL_INITIALS:
        if sound.startswith(initial) and sound not in ("wu", "yi"):
            return latin + sound[1:]
    return sound
