"""Role phrases before a name: the start-position shortcut finds exactly what a full regex search finds."""

from __future__ import annotations

import random

import pytest

from storylens.steps.roles import (
    ROLE_CONNECTORS,
    _before_pattern,
    _first_before_match,
    load_lexicon,
    role_before,
)

NOISE = ["said", "on", "Tuesday", "the", "of", "a", "visit", "by", "Norland's", "Vestria", "et", "und", "ministers"]
NOISE += ["ÉTAT", "Øster", "łódź", "İstanbul", "ı", "K", "«", ",", "-", "'s", "x", "Premier-", "U.S."]


def _written_title(phrase: str, rng: random.Random) -> str:
    """A title as scraping leaves it: any case, hyphens sometimes spaced, sometimes glued to a word."""
    casing = rng.choice([str.lower, str.title, str.upper, lambda text: text])
    text = casing(phrase)
    if "-" in text and rng.random() < 0.4:
        text = text.replace("-", rng.choice([" -", "- ", " - "]))
    return rng.choice(["", "x", "Pre"]) + text if rng.random() < 0.1 else text


def _window(language: str, rng: random.Random) -> str:
    titles = sorted(load_lexicon().title_words.get(language, set()) | load_lexicon().title_words["en"])
    parts = [rng.choice(NOISE) for _ in range(rng.randint(0, 8))]
    for _ in range(rng.randint(0, 2)):
        parts.insert(rng.randint(0, len(parts)), _written_title(rng.choice(titles), rng))
    if rng.random() < 0.3:
        parts += [rng.choice(ROLE_CONNECTORS), rng.choice(["the", ""]), rng.choice(["Norland", "Vestria", "norland"])]
    parts += [rng.choice(["", ","])]
    text = " ".join(part for part in parts if part) + rng.choice([" ", "  ", ", ", "\n", ""])
    return text[-90:]


def _spans(match: object) -> object:
    return None if match is None else (match.span(), match.groupdict())  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", ["en", "fr", "es", "de", "it", "pt", "pl", "ru", "tr", None])
def test_the_start_shortcut_finds_the_same_match_as_a_full_search(language: str | None) -> None:
    rng = random.Random(f"roles-{language}")
    found = 0
    for _ in range(3000):
        window = _window(language or "en", rng)
        expected = _before_pattern(language).search(window)
        assert _spans(_first_before_match(window, language)) == _spans(expected), window
        found += expected is not None
    assert found > 300  # the generated windows do hold titles, so the comparison is not vacuous


def test_a_title_right_before_a_name_is_a_role() -> None:
    text = "Norland's Foreign Minister Kazuhiro Tanabe arrived."
    phrase = role_before(text, text.index("Kazuhiro"), "en")
    assert phrase is not None
    assert (phrase.role, phrase.country) == (load_lexicon().role_phrases("en")["foreign minister"], "Norland")
