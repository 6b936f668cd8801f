"""The per-process Doc cache: a text parsed with the same components is parsed once, and a cached Doc is the
one a fresh parse gives. Sentences are our own."""

from __future__ import annotations

import pytest

from storylens import nlp
from storylens.nlp import ENGLISH_MODEL, forget_parses, parse_texts

TAGGER = ("tok2vec", "tagger", "attribute_ruler")


@pytest.fixture(autouse=True)
def empty_cache():
    forget_parses()
    yield
    forget_parses()


def test_same_text_and_components_returns_the_cached_doc():
    [first] = parse_texts(ENGLISH_MODEL, TAGGER, ["Mayor Ilse Varga said the bridge will reopen."])
    [again] = parse_texts(ENGLISH_MODEL, TAGGER, ["Mayor Ilse Varga said the bridge will reopen."])
    assert again is first


def test_other_components_parse_the_text_again():
    text = "The harbour board met on Tuesday."
    [tagged] = parse_texts(ENGLISH_MODEL, TAGGER, [text])
    [parsed] = parse_texts(ENGLISH_MODEL, (*TAGGER, "parser"), [text])
    assert parsed is not tagged and parsed.has_annotation("DEP") and not tagged.has_annotation("DEP")


def test_cached_doc_matches_a_fresh_parse_in_another_batch():
    text = "Councillor Odo Brandt told reporters the vote would wait."
    [alone] = parse_texts(ENGLISH_MODEL, TAGGER, [text])
    tags = [token.tag_ for token in alone]
    forget_parses()
    docs = parse_texts(ENGLISH_MODEL, TAGGER, ["The ferry left late.", text, "Rain fell all week in Arnhall."])
    assert [token.tag_ for token in docs[1]] == tags


def test_cache_stays_within_its_bound(monkeypatch):
    monkeypatch.setattr(nlp, "MAX_CACHED_DOCS", 2)
    parse_texts(ENGLISH_MODEL, TAGGER, ["One.", "Two.", "Three."])
    parse_texts(ENGLISH_MODEL, TAGGER, ["Four."])
    assert len(nlp._cached_docs) == 2
