"""Tests for finding and normalizing time expressions (storylens.steps.time_expressions)."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
import yaml

from storylens.model import Article
from storylens.pipeline import Stats
from storylens.steps.time_expressions import (
    FindTimeExpressions,
    FoundTime,
    TimeSettings,
    available_languages,
    find_time_expressions,
    sentence_bounds,
)

GOLD_FILE = Path(__file__).parent.parent / "fixtures" / "time" / "sentences.yaml"


def load_gold() -> list[dict[str, Any]]:
    return yaml.safe_load(GOLD_FILE.read_text(encoding="utf-8"))


def gold_spans(sentence: dict[str, Any]) -> list[tuple[int, int, str | None, str]]:
    """(start, end, value, type) for each expected expression, located by its text."""
    spans = []
    cursor = 0
    for expected in sentence["expect"]:
        text, value = expected[0], expected[1]
        start = sentence["text"].index(str(text), cursor)
        cursor = start + len(str(text))
        spans.append((start, cursor, value, expected[2] if len(expected) > 2 else "DATE"))
    return spans


def score_gold(sentences: list[dict[str, Any]]) -> dict[str, float]:
    """Value accuracy (gold expressions found with an overlapping span and the right value), exact-span rate,
    type accuracy and precision (found expressions that overlap a gold one)."""
    gold_total = found_total = right_value = exact_span = right_type = overlapping_found = 0
    for sentence in sentences:
        found = find_time_expressions(sentence["text"], sentence["published"], sentence["language"])
        gold = gold_spans(sentence)
        gold_total += len(gold)
        found_total += len(found)
        for start, end, value, timex_type in gold:
            match = next((f for f in found if f.start < end and start < f.end), None)
            if match is not None:
                right_value += match.value == value
                exact_span += (match.start, match.end) == (start, end)
                right_type += match.type == timex_type
        overlapping_found += sum(any(f.start < e and s < f.end for s, e, _, _ in gold) for f in found)
    return {
        "gold": gold_total,
        "value_accuracy": right_value / gold_total,
        "exact_span": exact_span / gold_total,
        "type_accuracy": right_type / gold_total,
        "precision": overlapping_found / max(found_total, 1),
    }


def only(text: str, published: str | None = "2023-05-26", language: str = "en") -> FoundTime:
    found = find_time_expressions(text, published, language)
    assert len(found) == 1, found
    return found[0]


# --- the gold table ---------------------------------------------------------------------------------------------


def test_gold_table_has_at_least_sixty_sentences_in_four_languages() -> None:
    sentences = load_gold()
    assert len(sentences) >= 60
    assert {s["language"] for s in sentences} >= {"en", "es", "de", "fr"}


def test_gold_table_value_accuracy_reaches_ninety_percent() -> None:
    scores = score_gold(load_gold())
    assert scores["value_accuracy"] >= 0.9, scores
    assert scores["precision"] >= 0.9, scores
    assert scores["exact_span"] >= 0.85, scores


@pytest.mark.parametrize("language", ["en", "es", "de", "fr"])
def test_gold_table_value_accuracy_per_language(language: str) -> None:
    scores = score_gold([s for s in load_gold() if s["language"] == language])
    assert scores["value_accuracy"] >= 0.8, scores


def test_every_found_span_matches_the_text() -> None:
    for sentence in load_gold():
        for found in find_time_expressions(sentence["text"], sentence["published"], sentence["language"]):
            assert sentence["text"][found.start : found.end] == found.text


# --- behaviour, one example each ----------------------------------------------------------------------------------


def test_weekday_in_past_tense_sentence_is_the_previous_one() -> None:
    assert only("The ministers met on Wednesday.").value == "2023-05-24"


def test_weekday_in_future_tense_sentence_is_the_next_one() -> None:
    assert only("The ministers will meet on Wednesday.").value == "2023-05-31"


def test_reporting_verb_before_the_date_decides_over_future_after_it() -> None:
    found = find_time_expressions("The minister said on Monday that talks will resume.", "2023-05-26")
    assert found[0].value == "2023-05-22"


def test_earlier_this_month_is_the_publication_month() -> None:
    assert only("Earlier this month, the council voted.").value == "2023-05"


def test_end_of_year_keeps_the_year_and_an_end_modifier() -> None:
    found = only("A deal is expected by the end of 2024.")
    assert (found.text, found.value, found.modifier) == ("the end of 2024", "2024", "END")


def test_duration_after_an_event_is_a_duration_not_a_date() -> None:
    found = only("The plant reopened three months later.")
    assert (found.value, found.type) == ("P3M", "DURATION")


def test_weekday_and_day_of_month_pick_the_year_where_they_agree() -> None:
    assert only("The talks opened on Tuesday 3 November.", "2021-01-15").value == "2020-11-03"


def test_lowercase_may_is_not_a_month() -> None:
    assert find_time_expressions("Talks may resume, May said.", "2023-05-26") == []


def test_capitalised_may_after_a_preposition_is_a_month() -> None:
    assert only("The port closed in May.").value == "2023-05"


def test_relative_expression_without_publication_date_has_no_value() -> None:
    assert only("The ministers met last week.", None).value is None


def test_absolute_date_without_publication_date_is_still_normalized() -> None:
    assert only("The treaty was signed on 4 May 1998.", None).value == "1998-05-04"


def test_weekday_without_publication_date_is_a_relative_timex() -> None:
    assert only("The ministers met on Wednesday.", None).value == "XXXX-WXX-3"


def test_clock_time_joins_the_date_next_to_it() -> None:
    found = only("The vote will be on Friday at 10 a.m.", "2023-05-24")
    assert (found.text, found.value, found.type) == ("Friday at 10 a.m.", "2023-05-26T10:00", "TIME")


def test_the_next_day_counts_from_the_last_mentioned_date() -> None:
    found = find_time_expressions("The storm hit on 12 May. The next day, ferries stopped.", "2023-05-26")
    assert [f.value for f in found] == ["2023-05-12", "2023-05-13"]


def test_week_values_use_iso_weeks_across_a_year_end() -> None:
    assert only("Protesters gathered last week.", "2021-01-04").value == "2020-W53"


def test_quarter_in_past_sentence_without_year_is_the_last_such_quarter() -> None:
    assert only("Exports dropped in the third quarter.", "2024-03-13").value == "2023-Q3"


def test_set_of_weekdays() -> None:
    found = only("Inspectors visit every Monday.")
    assert (found.value, found.type) == ("XXXX-WXX-1", "SET")


def test_references_can_be_left_out() -> None:
    settings = TimeSettings(include_references=False)
    assert find_time_expressions("Prices are currently high.", "2023-05-26", "en", settings) == []


def test_spanish_weekday_with_postposed_offset() -> None:
    assert only("La reunión fue el lunes pasado.", "2020-11-06", "es").value == "2020-11-02"


def test_german_end_of_year_without_preposition_in_span() -> None:
    found = only("Der Hafen soll bis Ende 2024 fertig sein.", "2020-11-06", "de")
    assert (found.text, found.value) == ("Ende 2024", "2024")


def test_french_time_of_day_with_h() -> None:
    found = only("La séance reprendra mercredi à 15h30.", "2020-11-06", "fr")
    assert (found.value, found.type) == ("2020-11-11T15:30", "TIME")


def test_unknown_language_falls_back_to_english_data() -> None:
    assert only("The ministers met on Wednesday.", "2023-05-26", "xx").value == "2023-05-24"


def test_unknown_language_without_fallback_finds_nothing() -> None:
    settings = TimeSettings(fallback_language=None)
    assert find_time_expressions("The ministers met on Wednesday.", "2023-05-26", "xx", settings) == []


def test_data_files_exist_for_the_demo_languages() -> None:
    assert set(available_languages()) >= {"en", "es", "de", "fr"}


# --- sentence splitting -------------------------------------------------------------------------------------------


def test_sentence_bounds_skip_abbreviations_and_german_ordinals() -> None:
    text = "Mr. Ovren spoke. Am 3. November kam er an. Done."
    bounds = sentence_bounds(text, frozenset({"mr"}))
    assert [text[s:e] for s, e in bounds] == ["Mr. Ovren spoke.", "Am 3. November kam er an.", "Done."]


# --- the article step ---------------------------------------------------------------------------------------------


def make_article(text: str, published: str | None = "2023-05-26", language: str | None = "en") -> Article:
    return Article(id="a1", text=text, source="test", published=published, language=language)


def test_step_fills_time_expressions_with_anchor_and_offsets() -> None:
    article = make_article("Officials met on Wednesday. Talks resume next week.")
    stats = Stats()
    [result] = list(FindTimeExpressions().run([article], stats))
    assert [(t.text, t.value, t.anchor) for t in result.time_expressions] == [
        ("Wednesday", "2023-05-24", "2023-05-26"),
        ("next week", "2023-W22", "2023-05-26"),
    ]
    for expression in result.time_expressions:
        assert article.text[expression.start : expression.end] == expression.text
        assert expression.article_id == "a1"
    assert stats["articles"] == 1
    assert stats["expressions"] == 2


def test_step_counts_unresolved_expressions() -> None:
    stats = Stats()
    list(FindTimeExpressions().run([make_article("They met last week.", published=None)], stats))
    assert stats["unresolved"] == 1


def test_step_is_picklable() -> None:
    step = pickle.loads(pickle.dumps(FindTimeExpressions(TimeSettings(default_tense="future"))))
    assert step.settings.default_tense == "future"
    assert step.name == "time"


def test_future_marker_earlier_in_the_clause_beats_a_participle_next_to_the_date() -> None:
    found = only("Work has stopped, and the authority expects to reopen the unaffected piers on Thursday.")
    assert found.value == "2023-06-01"


def test_by_before_a_weekday_is_a_deadline_ahead() -> None:
    assert only("A text could be ready by Friday.", "2023-05-24").value == "2023-05-26"


def test_by_before_a_weekday_in_a_past_sentence_is_as_of_that_day() -> None:
    found = only("By Tuesday morning two of the injured remained in hospital.", "2023-05-24")
    assert (found.value, found.type) == ("2023-05-23TMO", "TIME")


def test_present_passive_resolves_a_bare_month_to_its_nearest_occurrence() -> None:
    assert only("The zone is patrolled from January by both navies.", "2023-11-20").value == "2024-01"
    assert only("The zone is patrolled jointly since October.", "2023-11-20").value == "2023-10"


def test_deadline_cue_without_tense_marker_points_ahead() -> None:
    assert only("Both sides want a treaty before the end of March.", "2023-11-20").value == "2024-03"
    assert only("Ambos gobiernos quieren un tratado antes de finales de marzo.", "2023-11-20", "es").value == "2024-03"
    assert only("Die Regierung plant den Vertrag bis Ende März.", "2023-11-20", "de").value == "2024-03"


def test_since_without_tense_marker_points_back() -> None:
    assert only("Visitor numbers are at their lowest since August.", "2023-11-20").value == "2023-08"


def test_past_marker_beats_a_deadline_cue() -> None:
    assert only("The boats were held until July.", "2023-11-20").value == "2023-07"


def test_spanish_noun_ending_like_a_participle_is_not_a_past() -> None:
    # no marker (a past would give 2023-03): a month without a year is the one nearest the anchor
    assert only("Firman un tratado en marzo.", "2023-11-20", "es").value == "2024-03"
    assert only("El tratado se firmará en marzo.", "2023-11-20", "es").value == "2024-03"


def test_spanish_part_of_day_around_a_weekday() -> None:
    assert only("La policía desalojó la plaza la noche del martes.", "2023-05-26", "es").value == "2023-05-23TNI"
    assert only("El pleno votó el miércoles por la noche.", "2023-05-26", "es").value == "2023-05-24TNI"


def test_modifiers_from_words_inside_and_cues_before_the_expression() -> None:
    assert only("The ferry company expects a deal by the end of 2024.").modifier == "END"
    assert only("The vote was held before March 2023.").modifier == "BEFORE"
    assert only("Divers surfaced at about 3 p.m.").modifier == "APPROX"
    assert only("The ferry sank on 2 November.").modifier is None


def test_step_puts_the_modifier_on_the_model() -> None:
    made = Article(
        id="a", text="A deal is expected by the end of 2024.", source="t", published="2023-05-26", language="en"
    )
    [expression] = next(FindTimeExpressions().run([made], Stats())).time_expressions
    assert (expression.value, expression.mod) == ("2024", "END")


def test_first_time_in_years_is_a_span_not_a_date_ahead() -> None:
    found = find_time_expressions("Rovers won the cup for the first time in eleven years.", "2023-05-26", "en")
    assert [(f.text, f.value, f.type) for f in found] == [("eleven years", "P11Y", "DURATION")]


def test_the_tense_of_a_reported_clause_beats_the_reporting_verb() -> None:
    assert only("The bank warned that prices over the winter could rise.", "2023-11-12").value == "2023-WI"
    assert only("The minister said that on Monday the talks will resume.").value == "2023-05-29"
    assert only("Officials said that the ferry sank on Monday.").value == "2023-05-22"
    assert only("She said on Monday that talks will resume.").value == "2023-05-22"


def test_shortly_before_a_clock_time_is_not_a_future_reference() -> None:
    assert find_time_expressions("Fans ran onto the pitch shortly after the whistle.", "2023-05-26") == []


def test_a_duration_after_after_has_no_modifier() -> None:
    assert only("The crews were released after two weeks.").modifier is None


def test_a_bare_second_half_is_not_a_half_year() -> None:
    assert find_time_expressions("Athletic scored again early in the second half.", "2023-05-26") == []
    assert only("Sales rose in the second half of the year.", "2023-11-26").value == "2023-H2"


def test_german_night_to_a_weekday_is_the_night_before() -> None:
    found = only("Der Sturm zog in der Nacht zum Dienstag über die Küste.", "2023-05-24", "de")
    assert (found.text, found.value, found.type) == ("der Nacht zum Dienstag", "2023-05-22TNI", "TIME")


def test_possessive_weekday_is_the_nearest_one() -> None:
    assert only("The council postponed Tuesday's vote on the levy.", "2023-05-22").value == "2023-05-23"
    assert only("The council postponed Tuesday's vote on the levy.", "2023-05-26").value == "2023-05-23"


def test_last_year_is_not_the_period_a_later_year_ago_counts_from() -> None:
    text = "Arnhall Mutual lost $3 million last year. The year-earlier results were restated."
    found = find_time_expressions(text, "1989-10-30")
    assert [(f.text, f.value) for f in found] == [("last year", "1988"), ("The year-earlier", "1988")]


def test_title_case_time_words_mid_sentence_are_part_of_a_name() -> None:
    text = 'Minister Alvar Prenn told Norland TV\'s "This Week" on Sunday that the ferry will sail.'
    assert [(f.text, f.value) for f in find_time_expressions(text, "2023-05-26")] == [("Sunday", "2023-05-21")]
    assert find_time_expressions("You are listening to Harbour Radio Today.", "2023-05-26") == []
    assert find_time_expressions("The crew watched ''Ninety Minutes'' on the ferry.", "2023-05-26") == []
    # a sentence or a quoted sentence starts with a capital: still a time
    assert only('"Now we wait," said the skipper.').value == "PRESENT_REF"
    assert only("Today the ferry sails.").value == "2023-05-26"
    # a headline in title case is no name
    assert only("Ferry Talks To Resume Next Week\nThe talks stalled.").value == "2023-W22"


def test_soon_in_a_past_sentence_is_soon_after_another_event_not_the_future() -> None:
    assert find_time_expressions("The skipper was soon released by the coastguard.", "2023-05-26") == []
    assert only("The coastguard will soon release the skipper.").value == "FUTURE_REF"


def test_one_day_after_a_modal_is_a_vague_future_not_a_duration() -> None:
    assert only("Tidal power will one day light the whole of Norland.").value == "FUTURE_REF"
    assert only("The ferry crossing took one day.").value == "P1D"


def test_a_quarter_of_something_is_a_fraction_not_a_period() -> None:
    assert find_time_expressions("Ferries carry more than a quarter of the island's freight.", "1989-10-27") == []
    assert find_time_expressions("Arnhall won three quarters of the vote.", "1989-10-27") == []
    assert only("Arnhall returned to profit after several quarters of losses.").value == "PXQ"


def test_the_first_two_quarters_of_a_year_are_its_first_half() -> None:
    found = only("Analysts expect weak demand through the first two quarters of 1990.", "1989-10-26")
    assert (found.text, found.value) == ("the first two quarters of 1990", "1990-H1")


def test_last_with_an_abbreviated_month_and_day_keeps_the_day() -> None:
    found = only("The surgeon was attacked at his home last Oct. 23.", "1999-04-19")
    assert (found.text, found.value) == ("last Oct. 23", "1998-10-23")


def test_a_clause_opened_by_since_and_a_period_ended_on_a_day_are_past() -> None:
    assert only("Officials expect the sailings cancelled since March to be refunded.", "2023-11-20").value == "2023-03"
    # a causal "since" may look ahead
    assert only("The ferry cannot sail since the strike will last until Friday.", "2023-11-20").value == "2023-11-24"
    text = "The yards to be acquired had revenue of $76 million for the year ended March 31."
    assert [f.value for f in find_time_expressions(text, "1989-11-01")] == ["P1Y", "1989-03-31"]


def test_a_year_ago_compares_with_the_quarter_not_the_day_that_ends_it() -> None:
    text = "Arnhall Mutual earned $4 million in the fiscal first quarter ended Sept. 30. It lost $2 million a year ago."
    found = find_time_expressions(text, "1989-10-26")
    assert [(f.text, f.value) for f in found][-1] == ("a year ago", "1988-Q1")


def test_the_latest_quarter_is_the_period_a_later_year_earlier_compares_with() -> None:
    text = "The chairman took office in April. Sales in the latest quarter rose from $9 million a year earlier."
    found = find_time_expressions(text, "1989-10-26")
    assert [(f.text, f.value) for f in found] == [
        ("April", "1989-04"),
        ("the latest quarter", "1989-Q3"),
        ("a year earlier", "1988-Q3"),
    ]


def test_the_period_of_the_previous_year_is_not_the_base_of_a_later_year_ago() -> None:
    text = (
        "Arnhall lost $5 million in the third quarter, against a loss of $9 million in the 1988 period."
        " The year-ago results were restated."
    )
    found = find_time_expressions(text, "1989-11-02")
    assert [f.value for f in found] == ["1989-Q3", "1988-Q3", "1988-Q3"]


def test_an_event_planned_for_a_weekday_is_the_nearest_one() -> None:
    text = "A vigil planned at the harbour for Saturday was cancelled after threats."
    assert only(text, "1999-10-24").value == "1999-10-23"


def test_a_future_before_a_relative_clause_does_not_reach_into_it() -> None:
    text = "Nothing could stop the storm that tore through the harbour Friday night."
    assert only(text, "1998-10-25").value == "1998-10-23TNI"


def test_in_two_weeks_in_a_past_sentence_is_a_duration() -> None:
    assert only("Her second letter to the council in two weeks was published on the harbour wall.").value == "P2W"
    assert only("The ferry will sail again in two weeks.").value == "2023-W23"


def test_a_weekday_after_a_deadline_word_lies_ahead_even_after_a_past_verb() -> None:
    text = "Harbour officials postponed until Tuesday morning any decision on the ferry licence."
    assert only(text, "2000-03-30").value == "2000-04-04TMO"
    text = "The port authority extended its deadline until 9 a.m. Tuesday."
    assert only(text, "2000-04-03").value == "2000-04-04T09:00"
    assert only("The crew was held until Tuesday.", "2000-04-03").value == "2000-03-28"


def test_a_date_that_had_been_scheduled_is_the_nearest_one() -> None:
    text = "The offer, which the directors rejected, had been scheduled to expire at midnight Friday."
    assert only(text, "1989-10-30").value == "1989-10-27T24:00"


def test_the_night_of_a_weekday_with_its_date_takes_the_date() -> None:
    found = only("The skipper came home on the night of Friday, Oct. 23.", "1998-11-21")
    assert (found.text, found.value) == ("the night of Friday, Oct. 23", "1998-10-23TNI")


def test_the_second_day_of_a_pair_keeps_the_month_said_before_it() -> None:
    text = "The harbour summit will be held on April 24 and 25."
    assert [(f.text, f.value) for f in find_time_expressions(text, "1999-02-10")] == [
        ("April 24", "1999-04-24"),
        ("25", "1999-04-25"),
    ]


def test_a_unit_or_two_ahead_is_a_vague_future() -> None:
    assert only("The ferry may, in a year or two, carry twice as many cars.").value == "FUTURE_REF"


def test_the_day_before_a_named_day_counts_from_it() -> None:
    found = only("The day before last Tuesday's hearing, the skipper met the council.", "2000-02-24")
    assert (found.text, found.value) == ("The day before last Tuesday", "2000-02-21")


def test_the_day_before_an_event_in_apposition_to_a_date_is_that_date() -> None:
    text = "The index fell 4% after Oct. 12, the day before the harbour strike began."
    assert [f.value for f in find_time_expressions(text, "1989-10-30")] == ["1989-10-12", "1989-10-12"]
    text = "The ferry was released on Oct. 12. The day before, the crew had left."
    assert [f.value for f in find_time_expressions(text, "1989-10-30")] == ["1989-10-12", "1989-10-11"]


def test_the_year_earlier_nine_months_is_a_span() -> None:
    found = only("Net for the year-earlier nine months included a gain.", "1989-10-26")
    assert (found.text, found.value, found.type) == ("the year-earlier nine months", "P9M", "DURATION")


def test_first_time_in_units_is_a_vague_duration() -> None:
    assert only("The mill is hiring for the first time in years.").value == "PXY"


def test_a_date_after_a_decision_named_by_a_noun_is_the_nearest_one() -> None:
    """ "an agreement to acquire ... in January" is a later act, as after "agreed to"; a plain past stays past."""
    published = "1989-11-02"
    assert only("Arnhall announced an agreement to acquire Vessa Bank in January.", published).value == "1990-01"
    assert only("Arnhall announced in January that it sold Vessa Bank.", published).value == "1989-01"


def test_the_nth_day_of_an_ongoing_event_is_the_day_of_publication() -> None:
    assert only("It's the second day of a strike by the dockers.", "1990-08-15").value == "1990-08-15"
    text = "In Port Vessa, today is the eighth day of the dock strike."
    assert [f.value for f in find_time_expressions(text, "1990-08-15")] == ["1990-08-15", "1990-08-15"]
    assert find_time_expressions("It was the second day of the strike when talks collapsed.", "1990-08-15") == []


def test_at_a_later_date_is_a_vague_future() -> None:
    assert only("Arnhall may sell more shares at a later date.").value == "FUTURE_REF"


def test_could_not_be_reached_reports_a_past_attempt() -> None:
    """News writes "could not be reached for comment Thursday" for a call already made, not a future one."""
    assert only("Officials could not be reached for comment on Thursday.").value == "2023-05-25"
    assert only("The ferry could sail on Monday if the strike ends.").value == "2023-05-29"


def test_a_hundred_units_is_a_duration() -> None:
    assert only("The crown has ruled Norland for almost a hundred years.").value == "P100Y"


def test_plural_units_long_are_vague_durations() -> None:
    assert only("The government's decades-long feud with the guild goes on.").value == "PXY"
    found = only("A months-long strike closed the port.")
    assert (found.text, found.value) == ("months-long", "PXM")
    assert only("They held a day-long meeting.").value == "P1D"


def test_hourly_is_a_set_of_hours() -> None:
    found = only("Average hourly wages at the port rose 4 percent.")
    assert (found.value, found.type) == ("PT1H", "SET")


def test_a_plural_weekday_is_a_weekly_set() -> None:
    """ "On Tuesdays", "Saturday mornings" recur every week; the first of "Monday and Tuesday nights" shares the
    second's plural. A singular weekday stays one day."""
    found = only("The Halvern ferry sails on Tuesdays.")
    assert (found.value, found.type) == ("XXXX-WXX-2", "SET")
    assert only("The market opens Saturday mornings.").value == "XXXX-WXX-6TMO"
    found = find_time_expressions("New ferries will leave Vessa on Monday and Tuesday nights.", "2023-05-26")
    assert [(f.text, f.value, f.type) for f in found] == [
        ("Monday", "XXXX-WXX-1TNI", "SET"),
        ("Tuesday nights", "XXXX-WXX-2TNI", "SET"),
    ]
    assert only("The ferry left Vessa on Tuesday night.").value == "2023-05-23TNI"


def test_one_unit_long_is_a_duration_not_the_current_period() -> None:
    found = only("The year-long blockade of the port ended.", "1998-01-08")
    assert (found.text, found.value, found.type) == ("year-long", "P1Y", "DURATION")
    assert only("They left their third day-long meeting with the guild.").value == "P1D"


def test_for_centuries_is_a_vague_number_of_centuries() -> None:
    found = only("The old mill stood on the Halvern river for centuries.")
    assert (found.value, found.type) == ("PXC", "DURATION")


def test_then_current_is_current_at_a_past_time() -> None:
    assert only("Holders could buy shares at the then current price.").value == "PAST_REF"
    assert only("The then-current mayor signed the deal.").value == "PAST_REF"
    assert only("The current mayor signed the deal.").value == "PRESENT_REF"


def test_a_year_after_pre_or_post_is_that_year() -> None:
    found = only("The post-1959 politics of the island split many families.")
    assert (found.text, found.value, found.modifier) == ("post-1959", "1959", "AFTER")
    assert only("Output is back to pre-1990 levels.").modifier == "BEFORE"
    assert find_time_expressions("The guild filed form 10-1990 in Vessa.", "2023-05-26") == []


def test_an_ambiguous_month_after_the_and_before_a_noun_is_the_month() -> None:
    """ "The March accession": the verb and the modal do not follow "the"; the noun "march" is not capitalized."""
    assert only("The March accession lets Norland sign the treaty.", "1999-02-10").value == "1999-03"
    assert find_time_expressions("The march began at the harbour.", "1999-02-10") == []


def test_in_a_unit_with_a_relative_clause_is_no_date_ahead() -> None:
    """ "In two weeks" is a date ahead; "in a quarter that produced a loss" describes a period, not a date."""
    assert only("The Vessa port reopens in two weeks.").value == "2023-W23"
    found = only("Tax payments are small in a quarter that produced a loss.")
    assert (found.value, found.type) == ("P1Q", "DURATION")


def test_bare_plural_units_of_something_are_vague_durations() -> None:
    """ "Months of talks", "the heady days of", "the years that followed", "the first hours of the storm", "for a
    while": an unknown number of units. A number before is the longer match; fractions and "the months of May"
    are not durations."""
    assert only("The deal follows months of talks with the guild.").value == "PXM"
    assert only("In the years that followed, the guild grew.").value == "PXY"
    assert only("Two boats sank in the first hours of the storm.").value == "PTXH"
    found = only("The island will live without power for a while.")
    assert (found.value, found.type) == ("PXX", "DURATION")
    assert only("It boomed after ten years of growth.").value == "P10Y"
    assert find_time_expressions("Vessa imports three-quarters of its food.", "2023-05-26") == []
    assert [f.value for f in find_time_expressions("It rained in the months of May and June.", "2023-05-26")] == [
        "2023-05",
        "2023-06",
    ]


def test_the_latest_year_is_the_last_year_that_has_ended() -> None:
    assert only("Sales were $6 billion in the latest fiscal year.", "1989-10-26").value == "1988"


def test_a_year_after_a_capitalized_word_mid_sentence_is_part_of_a_name() -> None:
    """ "A venture called Orion 1980" names a company; a month, season or holiday before a year dates it, and a
    capital at the start of a sentence or a possessive is no name."""
    assert find_time_expressions("They set up a venture called Arnhall 1980, making ferries.", "1998-04-18", "en") == []
    texts = [
        "The ferry sank in May 1990 off the coast.",
        "The ferry sank at Christmas 1998 off the coast.",
        "Since 1985, the ferry has sailed from the bay.",
        "Halvern's 1989 profit is likely to rise.",
    ]
    years = [[f.value for f in find_time_expressions(t, "1998-04-18", "en")] for t in texts]
    assert years == [["1990-05"], ["1998-12-25"], ["1985"], ["1989"]]


def test_as_planned_is_no_future() -> None:
    """ "As (previously) planned" says something went to plan: the past verb decides ("began ... Saturday")."""
    text = "The assault began as previously planned Saturday night."
    assert [f.value for f in find_time_expressions(text, "1991-02-25", "en")] == ["1991-02-23TNI"]
    text = "The planned merger will close Friday."
    assert [f.value for f in find_time_expressions(text, "1991-02-25", "en")] == ["1991-03-01"]


def test_compound_number_words_are_one_amount_in_every_language() -> None:
    """ "Twenty four hours" is PT24H, not "four hours"; each language joins tens and units its own way."""
    cases = [
        ("en", "The ferry strike lasted twenty four hours.", ("twenty four hours", "PT24H")),
        ("en", "The ferry strike lasted forty-two days.", ("forty-two days", "P42D")),
        ("fr", "La grève des ferries a duré trente et un jours.", ("trente et un jours", "P31D")),
        ("es", "La huelga de los ferris duró treinta y cinco días.", ("treinta y cinco días", "P35D")),
        ("de", "Der Fährstreik dauerte vierundzwanzig Stunden.", ("vierundzwanzig Stunden", "PT24H")),
    ]
    for language, text, expected in cases:
        assert [(f.text, f.value) for f in find_time_expressions(text, "2023-05-10", language)] == [expected]


def test_numerals_beyond_ninety_nine_are_one_amount_in_every_language() -> None:
    """The shared numeral reader (`storylens.numerals`) gives {NUM} hundreds, thousands and the words the time
    lexicon lacked ("catorce", "quatre-vingt-dix", "zweihundert")."""
    cases = [
        ("en", "The old bridge stood for two hundred and fifty years.", ("two hundred and fifty years", "P250Y")),
        ("es", "La presa tardó catorce años en llenarse.", ("catorce años", "P14Y")),
        ("fr", "La grève des ferries a duré quatre-vingt-dix jours.", ("quatre-vingt-dix jours", "P90D")),
        ("de", "Die alte Brücke stand zweihundert Jahre lang.", ("zweihundert Jahre lang", "P200Y")),
    ]
    for language, text, expected in cases:
        assert [(f.text, f.value) for f in find_time_expressions(text, "2023-05-10", language)] == [expected]


def test_high_noon_is_an_idiom_not_a_clock_time() -> None:
    assert [f.text for f in find_time_expressions("For the crews, high noon comes today.", "1999-03-12", "en")] == [
        "today"
    ]
    assert [f.text for f in find_time_expressions("The ferry left at noon.", "1999-03-12", "en")] == ["noon"]


def test_at_this_moment_is_the_present_whatever_adjective_describes_it() -> None:
    found = find_time_expressions("The envoy would not travel at this crucial moment, he said.", "1999-03-12", "en")
    assert [(f.text, f.value) for f in found] == [("this crucial moment", "PRESENT_REF")]


def test_now_for_the_next_item_is_a_broadcast_turn_not_a_time() -> None:
    text = "Now for the weather. And now for the ferry news. The Arnhall pier is now for sale and now open."
    assert [(f.start, f.value) for f in find_time_expressions(text, "1999-03-12", "en")] == [
        (text.index("now for sale"), "PRESENT_REF"),
        (text.index("now open"), "PRESENT_REF"),
    ]


def test_last_after_this_year_as_is_the_year_before() -> None:
    """ "Twice as high a dividend this year as last": the unit of the compared period is left out."""
    found = find_time_expressions("The Halvern dividend is twice as high this year as last.", "1989-10-27", "en")
    assert [(f.text, f.value) for f in found] == [("this year", "1989"), ("last", "1988")]


def test_the_past_decade_is_the_last_ten_years_and_the_last_decade_the_decade() -> None:
    """Like "the past century" (P100Y), "over the past decade" is a span up to publication."""
    found = find_time_expressions("Threats had become routine over the past decade.", "1998-10-25", "en")
    assert [(f.text, f.value, f.type) for f in found] == [("the past decade", "P10Y", "DURATION")]
    found = find_time_expressions("Wages lost ground in the last decade.", "1998-10-25", "en")
    assert [(f.text, f.value, f.type) for f in found] == [("the last decade", "198", "DATE")]


def test_recent_units_are_an_unknown_number_of_units_up_to_now() -> None:
    """ "In recent years" is a span of some years up to publication, as "the last few months" is (PXM)."""
    text = "Ferry fares rose in recent years and fell in the last few months."
    found = find_time_expressions(text, "1998-10-25", "en")
    assert [(f.text, f.value, f.type) for f in found] == [
        ("recent years", "PXY", "DURATION"),
        ("the last few months", "PXM", "DURATION"),
    ]
