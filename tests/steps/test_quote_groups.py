"""Quote groups: choices that must not depend on the process a story ran in, and the fragment search."""

from __future__ import annotations

import pytest

from storylens.steps.embeddings import embed_texts
from storylens.steps.quote_groups import fragment_similarity, most_common_first
from storylens.steps.quotes import word_count


def test_a_group_speaker_tie_goes_to_the_entity_quoted_first_whatever_the_hash_seed() -> None:
    assert most_common_first(["ent-b", "ent-a", "ent-a", "ent-b"]) == "ent-b"
    assert most_common_first(["ent-b", "ent-a", "ent-a"]) == "ent-a"
    assert most_common_first([]) is None


LONG_STATEMENT = (
    "We signed it because the agreement protects the coastal communities of our country, "
    "and the fishing towns along the northern shore will keep their harbours open for a decade"
)


def _exhaustive_fragment_similarity(short: str, long: str, size: int) -> float:
    """The search the coarse-to-fine one replaces: every stretch of `size` to `size + 2` words."""
    words = long.split()
    windows = [
        " ".join(words[start : start + span])
        for span in range(size, size + 3)
        for start in range(max(1, len(words) - span + 1))
    ]
    vectors = embed_texts([short, *windows])
    return float(max(vectors[1:] @ vectors[0]))


@pytest.mark.parametrize(
    "fragment",
    ["protects the coastal communities of our country", "protege a nuestras comunidades costeras"],
)
def test_a_fragment_of_a_longer_statement_is_found_by_the_coarse_to_fine_search(fragment: str) -> None:
    size = word_count(fragment)
    score = fragment_similarity(fragment, LONG_STATEMENT, size, 0.7)
    assert score >= 0.7
    assert score == pytest.approx(_exhaustive_fragment_similarity(fragment, LONG_STATEMENT, size), abs=0.02)


def test_an_unrelated_short_quote_is_no_fragment_of_the_statement() -> None:
    unrelated = "the striker will miss the cup final"
    assert fragment_similarity(unrelated, LONG_STATEMENT, word_count(unrelated), 0.7) < 0.6


@pytest.mark.parametrize("offset", range(5))
def test_a_fragment_quoted_word_for_word_is_found_wherever_it_starts(offset: int) -> None:
    lead = ["when", "we", "met", "the", "delegation", "in", "the", "harbour", "town", "last", "spring"]
    fragment = "Varnow would have warned us"
    statement = " ".join([*lead[: offset + 4], fragment, "about the storm, and nobody else would have done it"])
    assert fragment_similarity(fragment, statement, word_count(fragment), 0.7) >= 0.95


def test_the_fragment_windows_of_a_story_are_embedded_before_its_fragment_tests(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storylens.steps import quote_groups

    fragments = ["the harbours stay open for a decade", "the fishing towns keep their harbours"]
    tests = [(fragment, LONG_STATEMENT, word_count(fragment)) for fragment in fragments]
    quote_groups._embedding_cache.clear()
    fragment_similarity.cache_clear()
    quote_groups.embed_fragment_windows(tests, 0.7)
    calls: list[list[str]] = []
    monkeypatch.setattr(quote_groups, "encode_normalized", lambda texts: calls.append(texts) or embed_texts(texts))
    scores = [fragment_similarity(short, long, size, 0.7) for short, long, size in tests]
    assert calls == []
    assert all(score >= 0.7 for score in scores)
