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


def separately_loaded(enable: tuple[str, ...]):
    """The model loaded on its own with only `enable` running: what `load_spacy` gave before views."""
    import spacy

    own = spacy.load(ENGLISH_MODEL)
    for name in list(own.pipe_names):
        if name not in enable:
            own.disable_pipe(name)
    return own


def test_every_component_set_is_a_view_of_one_loaded_model():
    ner = nlp.load_spacy(ENGLISH_MODEL, enable=("ner",))
    parser = nlp.load_spacy(ENGLISH_MODEL, enable=nlp.PARSE_COMPONENTS)
    assert ner.nlp is parser.nlp
    assert ner.pipe_names == ["ner"]
    assert parser.pipe_names == list(nlp.PARSE_COMPONENTS)


def test_a_view_leaves_the_shared_model_whole():
    shared_names = list(nlp.load_spacy(ENGLISH_MODEL).nlp.pipe_names)
    list(nlp.load_spacy(ENGLISH_MODEL, enable=("ner",)).pipe(["Mayor Ilse Varga visited Arnhall."]))
    assert nlp.load_spacy(ENGLISH_MODEL).nlp.pipe_names == shared_names
    [tagged] = nlp.load_spacy(ENGLISH_MODEL, enable=TAGGER).pipe(["The ferry left late."])
    assert tagged.has_annotation("TAG") and not tagged.has_annotation("DEP") and not tagged.ents


def test_a_view_gives_the_docs_of_a_separately_loaded_model():
    texts = [
        "Councillor Odo Brandt told reporters in Arnhall on Tuesday that the vote would wait.",
        "“We will not sign,” said Ilse Varga, the harbour board's chair.",
    ]
    for enable in (("ner",), nlp.PARSE_COMPONENTS, TAGGER):
        viewed = list(nlp.load_spacy(ENGLISH_MODEL, enable=enable).pipe(texts))
        alone = list(separately_loaded(enable).pipe(texts))
        for mine, theirs in zip(viewed, alone, strict=True):
            assert [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_) for t in mine] == [
                (t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_) for t in theirs
            ]
            assert [(e.start_char, e.end_char, e.label_) for e in mine.ents] == [
                (e.start_char, e.end_char, e.label_) for e in theirs.ents
            ]


def test_a_missing_model_is_reported_as_unavailable():
    with pytest.raises(nlp.ModelUnavailable):
        nlp.load_spacy("no_such_model_package_xyz", enable=("ner",))
