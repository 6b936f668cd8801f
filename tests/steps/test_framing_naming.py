"""Naming contrast: aligned sentences of two groups and the words each puts in the same slot.

Sentences written for these tests (fictional outlets, people and places).
"""

from __future__ import annotations

from storylens.model import Article
from storylens.steps.framing_lexicon import compile_lexicon, is_evaluative
from storylens.steps.framing_naming import aligned_sentences, naming_contrast, sentences_of, substitutions

STOPWORDS = frozenset({"the", "and", "on", "at", "in", "a", "of", "was", "were", "by", "had", "they", "it"})
LEXICON = compile_lexicon("en", {"loaded": ["rioters", "crackdown*"]})


def article(article_id: str, text: str) -> Article:
    return Article(id=article_id, text=text, source="t", outlet=article_id, language="en")


PAPER = article("paper", "Masked rioters attacked the police line at the Tarn bridge on Friday. The mayor spoke.")
GAZETTE = article("gazette", "Masked youths attacked the police line at the Tarn bridge on Friday. Rain fell.")


def test_sentences_carry_offsets_and_content_words() -> None:
    first, second = sentences_of(PAPER, "g", STOPWORDS, 3)
    assert (
        PAPER.text[first.start : first.end] == "Masked rioters attacked the police line at the Tarn bridge on Friday."
    )
    assert PAPER.text[second.start : second.end] == "The mayor spoke."
    assert first.content == {"masked", "rioters", "attacked", "police", "line", "tarn", "bridge", "friday"}


def test_sentences_reporting_the_same_thing_align_across_groups_only() -> None:
    sentences = sentences_of(PAPER, "a", STOPWORDS, 3) + sentences_of(GAZETTE, "b", STOPWORDS, 3)
    [(left, right)] = aligned_sentences(sentences, min_shared=3, min_overlap=0.4)
    # 7 of the 8 content words are shared: masked, attacked, police, line, tarn, bridge, friday.
    assert (left.article_id, right.article_id) == ("paper", "gazette")
    same_group = sentences_of(PAPER, "a", STOPWORDS, 3) + sentences_of(GAZETTE, "a", STOPWORDS, 3)
    assert aligned_sentences(same_group, min_shared=3, min_overlap=0.4) == []


def test_the_differing_word_between_shared_words_is_the_slot() -> None:
    [a] = sentences_of(PAPER, "a", STOPWORDS, 3)[:1]
    [b] = sentences_of(GAZETTE, "b", STOPWORDS, 3)[:1]
    [(left, right)] = substitutions(a, b, max_words=3)
    assert ([t.word for t in left], [t.word for t in right]) == (["rioters"], ["youths"])


def test_a_long_differing_stretch_keeps_its_anchored_edge() -> None:
    long_a = article(
        "x", "The crowd of masked rioters had gathered near the old gate since the early evening and attacked."
    )
    long_b = article("y", "The crowd of masked men attacked.")
    [a] = sentences_of(long_a, "a", STOPWORDS, 3)
    [b] = sentences_of(long_b, "b", STOPWORDS, 3)
    # "masked" is shared and a content word: the first differing word after it on each side is the slot.
    assert [([t.word for t in x], [t.word for t in y]) for x, y in substitutions(a, b, 3)] == [(["rioters"], ["men"])]


def test_names_and_inflections_are_not_naming_contrasts() -> None:
    a = article("x", "Police officers led by Anna Holm cleared the square on Friday.")
    b = article("y", "Police officers led by chief Holm cleared the squares on Friday.")
    [sa] = sentences_of(a, "a", STOPWORDS, 3)
    [sb] = sentences_of(b, "b", STOPWORDS, 3)
    assert substitutions(sa, sb, 3) == []  # "Anna" / "chief" is a name edge; "square" / "squares" an inflection


def test_naming_pair_with_an_evaluative_term_is_kept_with_both_spans() -> None:
    pairs = naming_contrast(
        {"left camp": [PAPER], "right camp": [GAZETTE]},
        STOPWORDS,
        evaluative=lambda term: is_evaluative(LEXICON, term),
    )
    [pair] = pairs
    assert pair["groups"] == ["left camp", "right camp"] and pair["terms"] == ["rioters", "youths"]
    assert pair["consistent"] and pair["evaluative"] and pair["aligned_sentences"] == 1
    term_a, term_b = pair["examples"][0]["terms"]
    assert (PAPER.text[term_a["start"] : term_a["end"]], term_a["group"]) == ("rioters", "left camp")
    assert (GAZETTE.text[term_b["start"] : term_b["end"]], term_b["group"]) == ("youths", "right camp")


def test_a_one_off_neutral_substitution_is_left_out() -> None:
    assert naming_contrast({"left camp": [PAPER], "right camp": [GAZETTE]}, STOPWORDS) == []


def test_a_neutral_substitution_that_recurs_is_kept() -> None:
    paper_2 = article("paper-2", "Masked rioters blocked the ring road near Tarn on Saturday.")
    gazette_2 = article("gazette-2", "Masked youths blocked the ring road near Tarn on Saturday.")
    [pair] = naming_contrast({"left camp": [PAPER, paper_2], "right camp": [GAZETTE, gazette_2]}, STOPWORDS)
    assert pair["terms"] == ["rioters", "youths"] and pair["aligned_sentences"] == 2 and not pair["evaluative"]
