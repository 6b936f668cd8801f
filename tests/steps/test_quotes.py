"""Quotes: constructions table, speakers from mentions, indirect speech and same-statement groups."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import yaml

from storylens.model import Article, Mention, Story
from storylens.pipeline import Stats, StoryBundle
from storylens.steps.quote_groups import GroupQuotes, independent_source_count
from storylens.steps.quote_text import find_quoted_spans
from storylens.steps.quotes import ExtractQuotes, QuoteSettings

CONSTRUCTIONS = yaml.safe_load((Path(__file__).parents[1] / "fixtures" / "quotes" / "constructions.yaml").read_text())


def quotes_of(text: str, language: str = "en", mentions: list[Mention] | None = None, **settings: object):
    article = Article(id="a1", text=text, source="test", language=language, mentions=mentions or [])
    [article] = list(ExtractQuotes(QuoteSettings(**settings)).run([article], Stats()))  # type: ignore[arg-type]
    return article.quotes


def mention(
    text: str,
    whole: str,
    label: str = "PERSON",
    kind: str = "name",
    antecedent: int | None = None,
    entity_id: str | None = None,
    occurrence: int = 0,
) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = whole.index(text, start + 1)
    return Mention("a1", start, start + len(text), text, label, kind, antecedent=antecedent, entity_id=entity_id)


def test_constructions_table_has_at_least_forty_entries_in_four_languages():
    assert len(CONSTRUCTIONS) >= 40
    assert {"en", "es", "de", "fr"} <= {entry["language"] for entry in CONSTRUCTIONS}
    assert sum(1 for entry in CONSTRUCTIONS if not entry["quotes"]) >= 8


@pytest.mark.parametrize("entry", CONSTRUCTIONS, ids=[entry["id"] for entry in CONSTRUCTIONS])
def test_construction(entry):
    quotes = quotes_of(entry["text"], entry["language"], **entry.get("settings", {}))
    found = [(q.text, q.kind, q.speaker.text if q.speaker else None) for q in quotes]
    expected = [(q["text"], q["kind"], q["speaker"]) for q in entry["quotes"]]
    assert found == expected
    for quote, wanted in zip(quotes, entry["quotes"], strict=True):
        if "verb" in wanted:
            assert quote.verb == wanted["verb"]


@pytest.mark.parametrize("entry", CONSTRUCTIONS, ids=[entry["id"] for entry in CONSTRUCTIONS])
def test_every_span_points_into_the_text(entry):
    text = entry["text"]
    for quote in quotes_of(text, entry["language"]):
        assert text[quote.start : quote.end] == quote.text
        if quote.speaker and quote.speaker.start is not None:
            assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.text


def test_quote_ids_number_from_one_in_text_order():
    quotes = quotes_of("“We warned them twice,” Mendes said, “and both times they ignored us.”")
    assert [q.id for q in quotes] == ["a1-q1", "a1-q2"]


def test_speaker_points_at_the_name_mention():
    text = "“The harbour will stay open all winter,” said Ana Ruiz."
    [quote] = quotes_of(text, mentions=[mention("Ana Ruiz", text)])
    assert quote.speaker.mention == 0
    assert quote.speaker.text == "Ana Ruiz"


def test_pronoun_speaker_follows_antecedent_to_the_name_mention():
    text = "Ana Ruiz left early. “I have nothing more to add tonight,” she said."
    mentions = [mention("Ana Ruiz", text), mention("she", text, kind="pronoun", antecedent=0)]
    [quote] = quotes_of(text, mentions=mentions)
    assert quote.speaker.text == "she"
    assert quote.speaker.mention == 0


def test_role_speaker_follows_antecedent():
    text = "Tomas Berg runs the port. “The cranes are safe to use again,” the harbour master said."
    mentions = [mention("Tomas Berg", text), mention("the harbour master", text, kind="role", antecedent=0)]
    [quote] = quotes_of(text, mentions=mentions)
    assert quote.speaker.mention == 0


def test_speaker_name_without_mention_keeps_text_and_span():
    text = "“The audit found forty missing invoices,” Carla Mendes said."
    [quote] = quotes_of(text, mentions=[mention("audit", text, label="EVENT")])
    assert quote.speaker.text == "Carla Mendes"
    assert quote.speaker.mention is None
    assert text[quote.speaker.start : quote.speaker.end] == "Carla Mendes"


def test_mention_widens_the_speaker_span_to_the_full_name():
    text = "“We will appeal the ruling next week,” said Mayor Ana Ruiz of Velden."
    [quote] = quotes_of(text, mentions=[mention("Ana Ruiz", text)])
    assert (quote.speaker.text, quote.speaker.mention) == ("Ana Ruiz", 0)


def test_previous_sentence_speaker_comes_from_person_mention():
    text = "Mayor Ana Ruiz did not mince words on Monday.\n\n“We were lied to by everyone involved in this deal.”"
    [quote] = quotes_of(text, mentions=[mention("Ana Ruiz", text)])
    assert quote.speaker.text == "Ana Ruiz"
    assert quote.speaker.mention == 0


def test_context_speakers_can_be_switched_off():
    text = "Tomas Berg spoke first.\n\n“Nobody read the final draft before signing it.”"
    [quote] = quotes_of(text, context_speakers=False)
    assert quote.speaker is None


def test_unclosed_quote_without_continuation_is_not_a_quote():
    assert quotes_of("He shouted “we will not go quietly into the night\n\nThe crowd left.", indirect=False) == []


def test_quote_spanning_paragraphs_needs_the_reopening_mark():
    text = "“First paragraph of the statement goes here.\n\n“Second paragraph ends it.”"
    [span] = find_quoted_spans(text)
    assert (span.open_at, span.close_at) == (0, len(text) - 1)


def test_nested_quote_stays_inside_the_outer_quote():
    text = "“They told us ‘wait another year’ and we did,” said Jonas Vik."
    [quote] = quotes_of(text)
    assert quote.text == "They told us ‘wait another year’ and we did,"


def test_indirect_speech_can_be_switched_off():
    assert quotes_of("Ruiz said that the council would appeal the ruling.", indirect=False) == []


def test_indirect_speech_is_not_taken_from_a_sentence_with_a_direct_quote():
    quotes = quotes_of("Ruiz said that “the council will appeal the ruling at once.”")
    assert [q.kind for q in quotes] == ["direct"]


def test_unknown_language_falls_back_to_english_cues():
    [quote] = quotes_of("“The harbour will stay open all winter,” Ruiz said.", language="xx")
    assert quote.speaker.text == "Ruiz"


def test_step_counts_what_it_found():
    stats = Stats()
    article = Article(id="a1", text="“We will rebuild it,” said Ana Ruiz. The so-called “reform” failed.", source="t")
    list(ExtractQuotes().run([article], stats))
    assert stats["articles"] == 1
    assert stats["quotes"] == 1
    assert stats["quotes_direct"] == 1
    assert stats["not_quotes"] == 1


def test_steps_pickle():
    assert pickle.loads(pickle.dumps(ExtractQuotes())).settings == QuoteSettings()
    assert pickle.loads(pickle.dumps(GroupQuotes())).name == "quote-groups"


# --- same statement across outlets ---


def story_article(
    article_id: str,
    text: str,
    outlet: str,
    published: str,
    language: str = "en",
    entity_id: str | None = "e-ruiz",
    speaker: str = "Ana Ruiz",
    **fields: object,
) -> Article:
    article = Article(
        id=article_id, text=text, source="t", outlet=outlet, published=published, language=language, **fields
    )  # type: ignore[arg-type]
    if speaker in text:
        start = text.index(speaker)
        article.mentions = [Mention(article_id, start, start + len(speaker), speaker, "PERSON", entity_id=entity_id)]
    list(ExtractQuotes().run([article], Stats()))
    return article


def grouped(*articles: Article, **settings: object) -> Story:
    story = Story(id="s1", article_ids=[a.id for a in articles])
    GroupQuotes(QuoteSettings(**settings)).run(StoryBundle(story, list(articles)), Stats())  # type: ignore[arg-type]
    return story


def test_same_words_in_two_outlets_form_one_group_earliest_first():
    late = story_article(
        "b", "“We will not pay for a bridge that was never built,” said Ana Ruiz.", "Brekka Post", "2024-03-02T09:00:00"
    )
    early = story_article(
        "a",
        "“We will not pay for a bridge that was never built,” Ana Ruiz said.",
        "Velden Herald",
        "2024-03-01T18:00:00",
    )
    story = grouped(late, early, use_encoder=False)
    [group] = story.quote_groups
    assert group.id == "s1-qg1"
    assert group.first_article_id == "a"
    assert group.first_published == "2024-03-01T18:00:00"
    assert group.outlets == ["Velden Herald", "Brekka Post"]
    assert group.independent_sources == 2
    assert group.speaker_entity_id == "e-ruiz"
    assert early.quotes[0].group == late.quotes[0].group == "s1-qg1"


def test_truncated_quote_joins_the_full_quote():
    full = story_article(
        "a",
        "“We will not pay for a bridge that was never built, and we will go to court,” said Ana Ruiz.",
        "Velden Herald",
        "2024-03-01",
    )
    cut = story_article(
        "b", "“We will not pay for a bridge that was never built,” said Ana Ruiz.", "Brekka Post", "2024-03-02"
    )
    assert len(grouped(full, cut, use_encoder=False).quote_groups) == 1


def test_translated_quote_joins_through_the_sentence_encoder():
    english = story_article(
        "a", "“We will not pay a single coin for this bridge,” said Ana Ruiz.", "Velden Herald", "2024-03-01"
    )
    spanish = story_article(
        "b",
        "«No pagaremos ni una sola moneda por este puente», dijo Ana Ruiz.",
        "Diario Sur",
        "2024-03-02",
        language="es",
    )
    assert len(grouped(english, spanish, use_encoder=False).quote_groups) == 0
    [group] = grouped(english, spanish).quote_groups
    assert group.outlets == ["Velden Herald", "Diario Sur"]


def test_translated_fragment_joins_the_longer_quote_of_the_same_speaker():
    english = story_article(
        "a", "Ana Ruiz said the new bridge would protect the fishing villages of the whole valley.", "Velden Herald",
        "2024-03-01",
    )
    spanish = story_article(
        "b", "Ana Ruiz afirmó que el puente «protege a los pueblos pesqueros» y pidió calma.", "Diario Sur",
        "2024-03-02", language="es",
    )
    other = story_article(
        "c", "Ana Ruiz dijo que la empresa «pagará todas las facturas» este año.", "Diario Norte", "2024-03-03",
        language="es",
    )
    [group] = grouped(english, spanish, other).quote_groups
    assert group.article_ids == ["a", "b"]


def test_fragment_of_another_speaker_is_not_joined():
    english = story_article(
        "a", "Ana Ruiz said the new bridge would protect the fishing villages of the whole valley.", "Velden Herald",
        "2024-03-01",
    )
    spanish = story_article(
        "b", "Tomas Berg afirmó que el puente «protege a los pueblos pesqueros» y pidió calma.", "Diario Sur",
        "2024-03-02", language="es", entity_id="e-berg", speaker="Tomas Berg",
    )
    assert grouped(english, spanish).quote_groups == []


def test_different_statements_stay_apart():
    one = story_article(
        "a", "“We will not pay for a bridge that was never built,” said Ana Ruiz.", "Velden Herald", "2024-03-01"
    )
    two = story_article(
        "b", "“The harbour will reopen once the cranes are inspected,” said Ana Ruiz.", "Brekka Post", "2024-03-02"
    )
    assert grouped(one, two).quote_groups == []
    assert one.quotes[0].group is None


def test_same_words_from_different_speakers_are_not_grouped():
    one = story_article(
        "a", "“We will not pay for a bridge that was never built,” said Ana Ruiz.", "Velden Herald", "2024-03-01"
    )
    two = story_article(
        "b",
        "“We will not pay for a bridge that was never built,” said Tomas Berg.",
        "Brekka Post",
        "2024-03-02",
        entity_id="e-berg",
        speaker="Tomas Berg",
    )
    assert grouped(one, two).quote_groups == []


def test_copies_count_once_as_independent_sources():
    text = "“We will not pay for a bridge that was never built,” said Ana Ruiz."
    original = story_article("a", text, "Velden Herald", "2024-03-01", copy_group="c1")
    copy = story_article("b", text, "Aggregator", "2024-03-02", copy_group="c1", duplicate_of="a")
    other = story_article("c", text, "Brekka Post", "2024-03-03")
    [group] = grouped(original, copy, other, use_encoder=False).quote_groups
    assert group.article_ids == ["a", "b", "c"]
    assert group.independent_sources == 2


def test_duplicate_of_without_copy_group_still_counts_once():
    articles = [Article(id="a", text="", source="t"), Article(id="b", text="", source="t", duplicate_of="a")]
    assert independent_source_count(articles) == 1


def test_speaker_entity_id_set_from_mention_and_null_when_unresolved():
    resolved = story_article(
        "a", "“We will not pay for a bridge that was never built,” said Ana Ruiz.", "Velden Herald", "2024-03-01"
    )
    unresolved = story_article(
        "b", "“The harbour will reopen once the cranes are inspected,” she said.", "Brekka Post", "2024-03-02"
    )
    grouped(resolved, unresolved, use_encoder=False)
    assert resolved.quotes[0].speaker.entity_id == "e-ruiz"
    assert unresolved.quotes[0].speaker.entity_id is None


def test_speaker_entity_follows_pronoun_antecedent():
    text = "Ana Ruiz left early. “I have nothing more to add tonight,” she said."
    article = Article(
        id="a1",
        text=text,
        source="t",
        mentions=[mention("Ana Ruiz", text, entity_id="e-ruiz"), mention("she", text, kind="pronoun", antecedent=0)],
    )
    list(ExtractQuotes().run([article], Stats()))
    grouped(article, use_encoder=False)
    assert article.quotes[0].speaker.entity_id == "e-ruiz"
