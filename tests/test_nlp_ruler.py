"""The compiled attribute ruler and the lemma on demand give what spaCy's own components give, token by token.
Sentences are our own."""

from __future__ import annotations

import pytest

from storylens import nlp
from storylens.nlp import ENGLISH_MODEL, PARSE_COMPONENTS
from storylens.nlp_ruler import FastAttributeRuler, compile_ruler

TAGGER = ("tok2vec", "tagger", "attribute_ruler")

# what the ruler's exceptions are about: contractions, "gonna", pronoun cases, auxiliaries, "that" as a mark,
# determiners standing alone, "there is", whitespace tokens, negation
SENTENCES = [
    "Councillor Odo Brandt told reporters in Arnhall on Tuesday that the vote would wait.",
    "“We will not sign,” said Ilse Varga, the harbour board's chair, who'd have said so before.",
    "I ain't gonna say it, y'all, and I don't think you'd want me to.",
    "Let's go.  C'mon now, we gotta run because it's late!",
    "There are three ferries, and that is all they've got; those were sold while this one stayed.",
    "He gets what he got: nothin' at all.\n\nShe asked whether it was him.",
    "The board, it said, has done what it had promised, but did it?",
    "Spaced \t out   words\n sit here , oddly .",
]


@pytest.fixture(autouse=True)
def empty_cache():
    nlp.forget_parses()
    yield
    nlp.forget_parses()


def own_model(enable: tuple[str, ...]):
    """The model loaded on its own with spaCy's components, only `enable` running."""
    import spacy

    own = spacy.load(ENGLISH_MODEL)
    for name in list(own.pipe_names):
        if name not in enable:
            own.disable_pipe(name)
    return own


def rows(doc, lemma):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.dep_, t.head.i, lemma(t)) for t in doc]


def test_the_english_ruler_compiles_and_views_ending_with_it_use_it():
    assert nlp.load_spacy(ENGLISH_MODEL, enable=PARSE_COMPONENTS).ruler is not None
    assert nlp.load_spacy(ENGLISH_MODEL, enable=TAGGER).ruler is not None
    assert nlp.load_spacy(ENGLISH_MODEL, enable=("ner",)).ruler is None


def test_parse_view_gives_spacys_attributes_and_lemmas():
    """The parse view (compiled ruler, no lemmatizer) and `nlp.lemma` against spaCy's full parse set."""
    theirs = own_model((*PARSE_COMPONENTS, "lemmatizer"))
    mine = nlp.load_spacy(ENGLISH_MODEL, enable=PARSE_COMPONENTS)
    for text in SENTENCES:
        assert rows(mine(text), nlp.lemma) == rows(theirs(text), lambda token: token.lemma_), text


def test_tagger_view_gives_spacys_attributes():
    """Without a parser the dependency-keyed exceptions see no dependency, as in spaCy's component."""
    theirs = own_model(TAGGER)
    mine = nlp.load_spacy(ENGLISH_MODEL, enable=TAGGER)
    for text in SENTENCES:
        assert rows(mine(text), lambda t: t.lemma_) == rows(theirs(text), lambda t: t.lemma_), text


def test_matches_are_spacys_matches_in_the_same_order():
    model = own_model(PARSE_COMPONENTS)
    ruler = model.get_pipe("attribute_ruler")
    compiled = FastAttributeRuler(ruler)
    for doc in model.pipe(SENTENCES, disable=["attribute_ruler"]):
        assert compiled.matches(doc) == [(number, start, end) for number, _, start, end in ruler.match(doc)]


def test_the_ruler_can_fail_when_a_pattern_changes():
    """The comparison above can fail: a ruler with one more exception sets another POS than the unchanged one."""
    model = own_model(PARSE_COMPONENTS)
    before = FastAttributeRuler(model.get_pipe("attribute_ruler"))
    model.get_pipe("attribute_ruler").add([[{"LOWER": "ferries"}]], {"POS": "VERB"})
    after = FastAttributeRuler(model.get_pipe("attribute_ruler"))
    [doc] = model.pipe([SENTENCES[4]], disable=["attribute_ruler"])
    [again] = model.pipe([SENTENCES[4]], disable=["attribute_ruler"])
    assert [t.pos_ for t in before(doc)] != [t.pos_ for t in after(again)]


def test_a_pattern_it_cannot_compile_leaves_spacys_component():
    model = own_model(PARSE_COMPONENTS)
    model.get_pipe("attribute_ruler").add([[{"LOWER": "ferry", "OP": "+"}]], {"POS": "NOUN"})
    assert compile_ruler(model.get_pipe("attribute_ruler")) is None


def test_lemmas_read_again_from_the_cache_are_the_lemmatizers():
    """A word met again in the same role takes its lemma from `nlp`'s cache: the same lemma spaCy's component sets."""
    theirs = own_model((*PARSE_COMPONENTS, "lemmatizer"))
    mine = nlp.load_spacy(ENGLISH_MODEL, enable=PARSE_COMPONENTS)
    nlp._lemmas.clear()
    first = [rows(mine(text), nlp.lemma) for text in SENTENCES]
    assert nlp._lemmas  # the lemmatizer's answers were kept
    again = [rows(mine(text), nlp.lemma) for text in SENTENCES]
    assert first == again == [rows(theirs(text), lambda token: token.lemma_) for text in SENTENCES]
