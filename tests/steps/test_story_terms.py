"""Content terms: the lexical sub-vector of the story score."""

from __future__ import annotations

from storylens.steps.story_terms import article_terms, weighted_cosine


def test_stop_words_of_the_language_are_not_terms() -> None:
    terms = article_terms("The crane fell at the port", "It was old and they knew it.", "en", 6, 64)
    assert "the" not in terms and "they" not in terms and "was" not in terms
    assert {"crane", "fell", "port"} <= set(terms)


def test_inflections_and_accents_meet_in_one_term() -> None:
    singular = article_terms(None, "Médaille pour Velmora", "fr", 6, 64)
    plural = article_terms(None, "Trois médailles gagnées", "fr", 6, 64)
    assert "medail" in singular and "medail" in plural


def test_terms_are_capped_keeping_the_most_frequent() -> None:
    text = "harbour " * 5 + "crane " * 3 + "alpine bravado charcoal delta"
    terms = article_terms(None, text, "en", 0, 2)
    assert terms == ["crane", "harbour"]


def test_weighted_cosine_of_disjoint_vectors_is_zero_and_of_equal_ones_is_one() -> None:
    vector = {"crane": 2.0, "port": 1.0}
    assert weighted_cosine(vector, 5.0, {"tram": 1.0}, 1.0) == 0.0
    assert abs(weighted_cosine(vector, 5.0, dict(vector), 5.0) - 1.0) < 1e-9
