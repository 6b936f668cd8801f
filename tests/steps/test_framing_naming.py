"""Naming contrast: aligned sentences of two groups and the words each puts in the same slot.

Sentences written for these tests (fictional outlets, people and places).
"""

from __future__ import annotations

from conftest import stdout_under_hash_seeds
from storylens.model import Article
from storylens.steps.framing_lexicon import compile_lexicon, is_evaluative
from storylens.steps.framing_naming import (
    aligned_sentences,
    naming_contrast,
    naming_findings,
    sentences_of,
    substitutions,
    uses_term,
)

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


def test_of_two_equally_good_partners_the_first_wins_whatever_the_hash_seed() -> None:
    """Two runs over one store must give one report: a tie between partners is broken by sentence order, not by
    the iteration order of word sets (which Python's string hashing changes from process to process)."""
    program = (
        "from storylens.steps.framing_naming import Sentence, Token, aligned_sentences\n"
        "def sentence(group, name, words):\n"
        "    return Sentence(group, name, 0, 1, [Token(w, 0, 1, True, False) for w in words.split()])\n"
        "sentences = [sentence('a', 'paper', 'bridge police attacked masked friday dawn'),\n"
        "             sentence('a', 'digest', 'bridge police attacked youths masked friday dawn crowd'),\n"
        "             sentence('b', 'gazette', 'bridge police attacked youths'),\n"
        "             sentence('b', 'herald', 'masked friday dawn crowd')]\n"
        "print([(a.article_id, b.article_id) for a, b in aligned_sentences(sentences, 3, 0.4)])\n"
    )
    outputs = stdout_under_hash_seeds(program, range(6))
    # paper matches gazette and herald equally, through different words (3 of 4); both prefer digest (4 of 4)
    assert outputs == {"[('paper', 'gazette'), ('digest', 'gazette'), ('digest', 'herald')]\n"}


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


# The left camp writes "rioters" again in a sentence that aligns with nothing; the right camp never does.
PAPER_AGAIN = article("paper-again", "By midnight the rioters had left the old town.")


def test_a_noun_one_group_keeps_writing_and_the_other_never_is_a_naming_choice() -> None:
    [pair] = naming_contrast({"left camp": [PAPER, PAPER_AGAIN], "right camp": [GAZETTE]}, STOPWORDS)
    assert pair["terms"] == ["rioters", "youths"] and pair["aligned_sentences"] == 1
    # "rioters" twice in the left camp, never in the right; "youths" only once: one use proves no choice
    assert pair["chosen"] == [True, False] and not pair["evaluative"]


def test_one_article_repeating_its_noun_is_no_choice() -> None:
    # the same two uses of "rioters", but in one article: an article repeats the noun of its topic
    one_article = article("paper-once", PAPER.text + " " + PAPER_AGAIN.text)
    assert naming_contrast({"left camp": [one_article], "right camp": [GAZETTE]}, STOPWORDS) == []


def test_a_noun_both_groups_write_is_no_choice() -> None:
    gazette_again = article("gazette-again", "Some called them rioters.")
    groups = {"left camp": [PAPER, PAPER_AGAIN], "right camp": [GAZETTE, gazette_again]}
    assert naming_contrast(groups, STOPWORDS) == []


def test_verbs_in_the_same_slot_are_not_naming_choices() -> None:
    # reporting and action verbs of aligned sentences differ by paraphrase most of the time
    left = article("l", "Officers cleared the Tarn square on Friday night. Officers cleared the bridge later.")
    right = article("r", "Officers stormed the Tarn square on Friday night.")
    assert naming_contrast({"left camp": [left], "right camp": [right]}, STOPWORDS) == []


def test_a_noun_modifying_another_is_not_a_naming_choice() -> None:
    left = article("l", "The union leaders approved the new Tarn budget on Friday. The union grew.")
    right = article("r", "The party leaders approved the new Tarn budget on Friday.")
    assert naming_contrast({"left camp": [left], "right camp": [right]}, STOPWORDS) == []


def test_spelling_variants_and_plurals_are_not_substitutions() -> None:
    a = article("x", "Voters filled the pew near the Tarn chapel for the tax-filing talk on Friday.")
    b = article("y", "Voters filled the pews near the Tarn chapel for the tax filing talk on Friday.")
    [sa] = sentences_of(a, "a", STOPWORDS, 3)
    [sb] = sentences_of(b, "b", STOPWORDS, 3)
    assert substitutions(sa, sb, 3) == []


def test_a_chosen_term_is_a_loaded_language_finding_at_each_use_of_its_group() -> None:
    groups = {"left camp": [PAPER, PAPER_AGAIN], "right camp": [GAZETTE]}
    found = naming_findings(naming_contrast(groups, STOPWORDS), groups)
    assert set(found) == {"paper", "paper-again"}  # "youths" is not the right camp's choice: no finding
    [first] = found["paper"]
    [second] = found["paper-again"]
    assert PAPER.text[first["start"] : first["end"]] == "rioters"
    assert PAPER_AGAIN.text[second["start"] : second["end"]] == "rioters"
    assert first["kind"] == "loaded-language" and first["category"] == "naming"
    assert (first["instead_of"], first["instead_in"], first["method"]) == ("youths", "right camp", "aligned")


def test_label_pairs_give_findings_for_both_names_unless_the_other_group_writes_it() -> None:
    left = article("l", "Officers ended the security operation at dawn.")
    right = article("r", "The crackdown ended at dawn, the security operation said nothing.")
    pair = {
        "groups": ["left camp", "right camp"],
        "terms": ["security operation", "crackdown"],
        "method": "attributed",
    }
    found = naming_findings([pair], {"left camp": [left], "right camp": [right]})
    # the right camp writes "security operation" too: only "crackdown" is a camp's own name
    assert list(found) == ["r"] and [f["text"] for f in found["r"]] == ["crackdown"]


def test_a_term_is_used_as_whole_words_in_any_case() -> None:
    assert uses_term("Rioters set fire to two cars.", "rioters")  # opening a sentence
    assert uses_term("the peaceful\nprotesters marched", "peaceful protesters")
    assert not uses_term("the anti-rioters law", "rioters") and not uses_term("the rioting", "rioters")
