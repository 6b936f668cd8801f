"""Tone toward an entity: evaluative words in the sentences naming it, with spans (fictional text)."""

from __future__ import annotations

from storylens.model import Article, Mention, Quote
from storylens.steps.framing_tone import actor_ids, entity_tone, lean, tone_cues

TEXT = (
    "Minister Ana Velo was praised for a historic deal. "
    "Critics said Velo had failed the fishermen. "
    "The weather was calm. "
    "Velo said: “This is a success.”"
)


def velo_article(article_id: str = "a1", outlet: str = "Vessa Post") -> Article:
    article = Article(id=article_id, text=TEXT, source="t", outlet=outlet, language="en")
    names = [(TEXT.index("Ana Velo"), "Ana Velo")]
    names += [(i, "Velo") for i in (TEXT.index("Velo had"), TEXT.index("Velo said"))]
    article.mentions = [Mention(article_id, s, s + len(t), t, "PERSON", entity_id="e-velo") for s, t in names]
    quote_start = TEXT.index("This is")
    quote_end = TEXT.index("”")
    article.quotes = [Quote("q1", article_id, quote_start, quote_end, TEXT[quote_start:quote_end])]
    return article


def test_cues_are_words_of_sentences_naming_the_entity() -> None:
    cues = tone_cues(velo_article(), "e-velo")
    # Sentence 1: praised (+), historic (+); sentence 2: failed (-); sentence 3 names no one ("calm" is left
    # out); sentence 4: success (+), inside the direct quote.
    assert [(c["text"], c["polarity"], c["in_quote"]) for c in cues] == [
        ("praised", "positive", False),
        ("historic", "positive", False),
        ("failed", "negative", False),
        ("success", "positive", True),
    ]
    for cue in cues:
        assert TEXT[cue["start"] : cue["end"]] == cue["text"]
        assert TEXT[cue["sentence"]["start"] : cue["sentence"]["end"]] == cue["sentence"]["text"]


def test_lean_needs_one_side_twice_the_other() -> None:
    assert [lean(3, 1), lean(1, 2), lean(2, 2), lean(0, 0)] == ["positive", "negative", "mixed", "none"]


def test_entity_tone_per_group_with_own_voice_lean() -> None:
    [entity] = entity_tone({"Vessa Post": [velo_article()]}, ["e-velo"], {"e-velo": "Ana Velo"}, "outlet", 2)
    [group] = entity["groups"]
    # 3 positive (1 in a quote) and 1 negative: positive; in the outlet's own words 2 to 1: positive.
    assert (group["positive"], group["negative"], group["lean"], group["own_voice_lean"]) == (
        3,
        1,
        "positive",
        "positive",
    )
    assert [c["text"] for c in group["cues"]] == ["praised", "historic"]  # own words first, cut at 2


def test_groups_that_never_name_the_entity_are_left_out() -> None:
    other = Article(id="b1", text="Rain fell on Tarn.", source="t", outlet="Tarn Voice", language="en")
    [entity] = entity_tone({"Vessa Post": [velo_article()], "Tarn Voice": [other]}, ["e-velo"], {}, "outlet", 2)
    assert [g["group"] for g in entity["groups"]] == ["Vessa Post"]


def test_actors_are_people_and_organisations() -> None:
    article = velo_article()
    article.mentions.append(Mention("a1", 0, 4, "Tarn", "GPE", entity_id="e-tarn"))
    assert actor_ids([article], ["e-tarn", "e-velo"], 5) == ["e-velo"]
