"""Tests for story timelines and coverage (storylens.steps.timeline)."""

from __future__ import annotations

import pickle
from datetime import date

from storylens.model import Article, Mention, Story
from storylens.pipeline import Stats, StoryBundle
from storylens.steps.time_expressions import FindTimeExpressions
from storylens.steps.timeline import BuildTimeline, TimelineSettings, period_bounds


def article(
    article_id: str,
    text: str,
    published: str = "2020-11-06",
    outlet: str | None = None,
    duplicate_of: str | None = None,
    language: str = "en",
) -> Article:
    """An article with its time expressions found (as the "time" step would)."""
    made = Article(
        id=article_id,
        text=text,
        source="test",
        published=published,
        outlet=outlet or article_id,
        language=language,
        duplicate_of=duplicate_of,
    )
    return next(FindTimeExpressions().run([made], Stats()))


def run_timeline(*articles: Article, settings: TimelineSettings | None = None) -> tuple[Story, Stats]:
    stats = Stats()
    bundle = StoryBundle(Story(id="s1", article_ids=[a.id for a in articles]), list(articles))
    result = BuildTimeline(settings or TimelineSettings()).run(bundle, stats)
    return result.story, stats


def test_dated_sentence_becomes_an_event_citing_its_article() -> None:
    story, _ = run_timeline(article("a", "The harbour talks opened on Tuesday 3 November in Port Vessa."))
    [event] = story.timeline
    assert (event.id, event.date) == ("s1-ev1", "2020-11-03")
    assert event.text == "The harbour talks opened on Tuesday 3 November in Port Vessa."
    [source] = event.sources
    assert source.article_id == "a"


def test_every_source_span_matches_its_article_text() -> None:
    first = article("a", "Fishermen blocked the port on Monday. The mayor will resign next week.")
    second = article("b", "The mayor of Vessa said he would resign next week, after fishermen blocked the port.")
    story, _ = run_timeline(first, second)
    texts = {"a": first.text, "b": second.text}
    for event in story.timeline:
        for source in event.sources:
            assert texts[source.article_id][source.start : source.end] == source.text


def test_events_are_sorted_by_date() -> None:
    story, _ = run_timeline(
        article("a", "The ferry sank on 2 November. The inquiry opened on 4 November. Divers arrived on 3 November.")
    )
    assert [e.date for e in story.timeline] == ["2020-11-02", "2020-11-03", "2020-11-04"]
    assert [e.id for e in story.timeline] == ["s1-ev1", "s1-ev2", "s1-ev3"]


def test_same_event_same_date_in_two_outlets_is_merged_with_both_sources() -> None:
    first = article("a", "The harbour talks between Norland and Vessa opened on 3 November.", outlet="Vessa Times")
    second = article("b", "Norland and Vessa began harbour talks on Tuesday 3 November.", outlet="Kessburg Post")
    story, stats = run_timeline(first, second)
    [event] = story.timeline
    assert event.date == "2020-11-03"
    assert sorted(s.article_id for s in event.sources) == ["a", "b"]
    assert not event.conflict
    assert stats["sources"] == 2


def test_unrelated_events_on_the_same_date_stay_apart() -> None:
    first = article("a", "The harbour talks between Norland and Vessa opened on 3 November.")
    second = article("b", "A storm flooded the lower town of Dorvik on 3 November.")
    story, _ = run_timeline(first, second)
    assert len(story.timeline) == 2


def test_month_and_day_of_the_same_event_merge_into_the_precise_date() -> None:
    first = article("a", "Norland and Vessa held harbour talks in November.", published="2020-11-20")
    second = article("b", "Norland and Vessa held harbour talks on 3 November.", published="2020-11-20")
    story, _ = run_timeline(first, second)
    [event] = story.timeline
    assert event.date == "2020-11-03"
    assert len(event.sources) == 2


def test_two_outlets_dating_the_same_event_differently_is_a_conflict() -> None:
    first = article("a", "Harbour talks between Norland and Vessa were held on Tuesday 3 November.")
    second = article("b", "Harbour talks between Norland and Vessa were held on 4 November.")
    story, stats = run_timeline(first, second)
    assert [(e.date, e.conflict, e.conflicting_dates) for e in story.timeline] == [
        ("2020-11-03", True, ["2020-11-04"]),
        ("2020-11-04", True, ["2020-11-03"]),
    ]
    assert stats["conflicts"] == 2


def test_a_copy_disagreeing_with_its_original_is_not_an_independent_conflict() -> None:
    original = article("a", "Harbour talks between Norland and Vessa were held on Tuesday 3 November.")
    copy = article("b", "Harbour talks between Norland and Vessa were held on 4 November.", duplicate_of="a")
    story, _ = run_timeline(original, copy)
    assert not any(e.conflict for e in story.timeline)


def test_one_article_giving_two_dates_is_a_sequence_not_a_conflict() -> None:
    text = (
        "Harbour talks between Norland and Vessa were held on 3 November. More harbour talks between Norland "
        "and Vessa were held on 5 November."
    )
    story, _ = run_timeline(article("a", text))
    assert len(story.timeline) == 2
    assert not any(e.conflict for e in story.timeline)


def test_shared_entities_merge_clauses_worded_differently() -> None:
    first = article("a", "Ovren Malk met Sela Dunmore on 3 November.")
    second = article("b", "Malk und Dunmore trafen sich am 3. November.", language="de")
    first.mentions = [
        Mention("a", 0, 10, "Ovren Malk", "PERSON", entity_id="e1"),
        Mention("a", 15, 27, "Sela Dunmore", "PERSON", entity_id="e2"),
    ]
    second.mentions = [
        Mention("b", 0, 4, "Malk", "PERSON", entity_id="e1"),
        Mention("b", 9, 16, "Dunmore", "PERSON", entity_id="e2"),
    ]
    story, _ = run_timeline(first, second)
    [event] = story.timeline
    assert event.entity_ids == ["e1", "e2"]
    assert len(event.sources) == 2


def test_two_dates_in_one_sentence_give_two_clauses() -> None:
    story, _ = run_timeline(article("a", "The port closed on 2 November, and the harbour reopened on 5 November."))
    assert [(e.date, e.text) for e in story.timeline] == [
        ("2020-11-02", "The port closed on 2 November"),
        ("2020-11-05", "and the harbour reopened on 5 November."),
    ]


def test_durations_sets_and_references_are_not_events() -> None:
    text = "The strike lasted two weeks. Inspectors visit every Monday. Prices are now high."
    story, _ = run_timeline(article("a", text))
    assert story.timeline == []


def test_articles_without_expressions_are_analysed_when_the_time_step_did_not_run() -> None:
    bare = Article(id="a", text="The port closed on 2 November.", source="test", published="2020-11-06", language="en")
    story, _ = run_timeline(bare)
    assert [e.date for e in story.timeline] == ["2020-11-02"]


def test_coverage_lists_outlets_by_publication_date_undated_last() -> None:
    story, stats = run_timeline(
        article("late", "Nothing dated here.", published="2020-11-07T09:00:00", outlet="Kessburg Post"),
        Article(id="undated", text="No date.", source="test", outlet="Dorvik Daily"),
        article("early", "Nothing dated here either.", published="2020-11-05T18:30:00", outlet="Vessa Times"),
    )
    assert [(c.article_id, c.outlet) for c in story.coverage] == [
        ("early", "Vessa Times"),
        ("late", "Kessburg Post"),
        ("undated", "Dorvik Daily"),
    ]
    assert stats["coverage_entries"] == 3


def test_period_bounds_cover_weeks_quarters_seasons_and_decades() -> None:
    assert period_bounds("2023-W21") == (date(2023, 5, 22), date(2023, 5, 28))
    assert period_bounds("2024-Q4") == (date(2024, 10, 1), date(2024, 12, 31))
    assert period_bounds("2023-WI") == (date(2023, 12, 1), date(2024, 2, 29))
    assert period_bounds("199") == (date(1990, 1, 1), date(1999, 12, 31))
    assert period_bounds("2023-05-24T15:00") == (date(2023, 5, 24), date(2023, 5, 24))
    assert period_bounds("XXXX-WXX-3") is None
    assert period_bounds("P3M") is None


def test_step_is_picklable_and_named_timeline() -> None:
    step = pickle.loads(pickle.dumps(BuildTimeline(TimelineSettings(merge_similarity=0.7))))
    assert (step.name, step.settings.merge_similarity) == ("timeline", 0.7)


def test_dates_far_apart_are_two_events_not_a_conflict() -> None:
    first = article("a", "Harbour talks between Norland and Vessa were held on 3 November.", published="2020-11-20")
    second = article("b", "Harbour talks between Norland and Vessa were held on 16 November.", published="2020-11-20")
    story, _ = run_timeline(first, second)
    assert not any(e.conflict for e in story.timeline)


def test_a_time_of_day_puts_the_event_on_its_day() -> None:
    first = article("a", "Police cleared the harbour square in Vessa late on Tuesday.", published="2020-11-05")
    second = article("b", "Police cleared the harbour square in Vessa on Tuesday night.", published="2020-11-05")
    story, _ = run_timeline(first, second)
    [event] = story.timeline
    assert event.date == "2020-11-03"
    assert {s.article_id for s in event.sources} == {"a", "b"}


def test_few_shared_words_around_nearby_dates_are_not_a_conflict() -> None:
    first = article("a", "The port authority confirmed the closure on Thursday.", published="2020-11-07")
    second = article("b", "Dockers will march to the port authority on Saturday.", published="2020-11-07")
    story, _ = run_timeline(first, second)
    assert not any(e.conflict for e in story.timeline)


def test_a_week_level_clause_merged_into_an_event_does_not_make_it_conflict() -> None:
    opening = article(
        "a", "Harbour talks between Norland and Vessa opened on Tuesday in Dorvik.", published="2020-11-04"
    )
    hope = article(
        "b",
        "Chair Ilse Varga of the harbour talks between Norland and Vessa hoped for a text by the end of the week.",
        published="2020-11-04",
    )
    later = article(
        "c", "Chair Ilse Varga said a text for Norland and Vessa could be ready by Friday.", published="2020-11-04"
    )
    story, _ = run_timeline(opening, hope, later)
    assert not any(e.conflict for e in story.timeline)
