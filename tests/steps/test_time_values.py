"""Values built from rules: holidays, centuries, quarters and the period last mentioned."""

from __future__ import annotations

from datetime import date

from storylens.steps.time_expressions import find_time_expressions
from storylens.steps.time_values import duration_value, easter, holiday_date, period_bounds, quarter_year


def values(text: str, published: str) -> list[tuple[str, str | None]]:
    return [(f.text, f.value) for f in find_time_expressions(text, published, "en")]


def test_easter_and_weekday_holidays_follow_the_calendar() -> None:
    assert easter(2024).isoformat() == "2024-03-31"
    assert holiday_date("11-22-W4", 1999).isoformat() == "1999-11-25"  # the fourth Thursday of November
    assert holiday_date("easter-2", 2024).isoformat() == "2024-03-29"


def test_holiday_without_a_year_takes_the_tense() -> None:
    assert values("The Halvern ferry sank on Thanksgiving Day.", "2000-01-06") == [("Thanksgiving Day", "1999-11-25")]


def test_century_by_ordinal() -> None:
    assert values("The Arnhall chapel is a 12th century building.", "2000-01-06") == [("12th century", "11")]


def test_quarter_reported_after_it_ends_in_a_future_sentence() -> None:
    assert quarter_year(date(1989, 10, 27), 3, "future") == 1989
    assert quarter_year(date(1989, 10, 27), 1, "future") == 1990


def test_year_over_year_comparison_refers_to_the_quarter_named() -> None:
    text = "Norland Ferries said third-quarter profit rose to $5 million from $3 million a year earlier."
    assert values(text, "1989-10-26") == [("third-quarter", "1989-Q3"), ("a year earlier", "1988-Q3")]


def test_the_quarter_is_the_last_quarter_named_and_so_is_the_latest_quarter_once_reported() -> None:
    text = "Halvern reported its second-quarter loss. In the quarter, sales fell; in the latest quarter they rose."
    assert values(text, "1989-10-26") == [
        ("second-quarter", "1989-Q2"),
        ("the quarter", "1989-Q2"),
        ("the latest quarter", "1989-Q2"),
    ]


def test_ages_and_rates_are_not_durations() -> None:
    assert values("The 6-year-old boy, 52 years old now, earns $5 million a year.", "1999-01-01") == [
        ("now", "PRESENT_REF")
    ]


def test_year_alone_is_a_date_but_an_amount_is_not() -> None:
    assert values("After the 1990 invasion, 1,990 troops stayed; costs rose 1990%.", "1999-01-01") == [("1990", "1990")]


def test_month_without_year_or_tense_is_the_nearest() -> None:
    assert values("The reduced dividend is payable Jan. 2.", "1989-11-02") == [("Jan. 2", "1990-01-02")]


def test_this_and_a_month_is_the_publication_year_whatever_the_tense() -> None:
    text = "The Arnhall party hopes to win its first seats this September."
    assert values(text, "1998-06-26") == [("this September", "1998-09")]


def test_month_right_after_publication_is_not_pushed_a_year_back_by_a_past_verb() -> None:
    text = "Halvern traders placed orders to start the first trading day for November deliveries."
    assert values(text, "1989-10-30") == [("November", "1989-11")]
    assert values("Halvern sales rose in December.", "1989-10-30") == [("December", "1988-12")]


def test_years_said_in_words_are_years() -> None:
    text = (
        "Arnhall, nineteen ninety-six. In January nineteen ninety-seven the mill closed, as in the winter of "
        "nineteen ninety-four."
    )
    assert values(text, "1998-02-27") == [
        ("nineteen ninety-six", "1996"),
        ("January nineteen ninety-seven", "1997-01"),
        ("the winter of nineteen ninety-four", "1994-WI"),
    ]
    assert values("Halvern promised a new bridge by the year two thousand.", "1998-02-27") == [
        ("the year two thousand", "2000")
    ]


def test_a_number_word_alone_is_no_year() -> None:
    assert values("Nineteen sailors waited nineteen days; two thousand people came.", "1998-02-27") == [
        ("nineteen days", "P19D")
    ]


def test_half_a_unit_goes_into_the_next_smaller_unit() -> None:
    text = "The Vessa crew stayed 2 1/2 years, the talks took 5 1/2 hours and a minute and a half later it ended."
    assert values(text, "1998-02-27") == [
        ("2 1/2 years", "P2Y6M"),
        ("5 1/2 hours", "PT5H30M"),
        ("a minute and a half later", "PT1M30S"),
    ]
    assert duration_value(2, "W", half=True) == "P2.5W"


def test_unknown_number_of_units_ago_is_a_past_reference() -> None:
    assert values("The Halvern mill closed several years ago.", "1998-02-13") == [("several years ago", "PAST_REF")]


def test_decades_in_words_take_the_century_up_to_publication() -> None:
    text = "Arnhall grew through the nineties, after the '80s and the twenties."
    assert values(text, "1998-03-03") == [("the nineties", "199"), ("the '80s", "198"), ("the twenties", "192")]


def test_every_month_is_a_set_and_the_week_of_a_day_is_its_week() -> None:
    assert values("Vessa fishermen march each July.", "1998-03-22") == [("each July", "XXXX-07")]
    assert values("The Vessa case may be heard the week of March 6.", "2000-02-24") == [
        ("the week of March 6", "2000-W10")
    ]


def test_the_previous_weekday_counts_from_the_last_day_named() -> None:
    text = "The Norland index closed at 82 on Friday, down 4.5% from the previous Friday."
    assert values(text, "1989-10-30") == [("Friday", "1989-10-27"), ("the previous Friday", "1989-10-20")]


def test_part_of_day_with_a_modifier_and_a_relative_day() -> None:
    assert values("Halvern shares were up at mid-afternoon yesterday.", "1989-11-02") == [
        ("mid-afternoon yesterday", "1989-11-01TAF")
    ]
    assert values("The Vessa ferry will leave at 4 in the morning.", "2000-04-05") == [
        ("4 in the morning", "XXXX-XX-XXT04:00")
    ]


def test_a_year_earlier_after_a_year_to_date_period_is_the_year_before() -> None:
    text = (
        "Vessa Mills lost money in the third quarter. For the nine months, net rose to $8 million from $6 million "
        "a year earlier."
    )
    assert values(text, "1989-10-26") == [
        ("the third quarter", "1989-Q3"),
        ("nine months", "P9M"),
        ("a year earlier", "1988"),
    ]


def test_a_reported_comparison_skips_the_periods_of_a_forecast() -> None:
    """A forecast ("expect the slump to continue into the fourth quarter and through the third quarter of 1990") is
    not what a later reported "year-ago period" compares with: the quarter reported before it is."""
    text = (
        "Norland Steel posted a drop in third-quarter profit. Analysts expect the slump to continue into the fourth "
        "quarter and through the third quarter of 1990. In the year-ago period, Norland earned $10 million."
    )
    assert values(text, "1989-10-26")[-1] == ("the year-ago period", "1988-Q3")


def test_a_forecast_compares_with_the_forecast_period() -> None:
    text = "Norland expects fourth-quarter sales to rise 5% from a year earlier."
    assert values(text, "1989-12-15") == [("fourth-quarter", "1989-Q4"), ("a year earlier", "1988-Q4")]


def test_an_ended_quarter_is_reported_even_in_a_future_sentence() -> None:
    text = "Halvern expects to report a third-quarter loss. A year earlier, net income was $2 million."
    assert values(text, "1989-11-02") == [("third-quarter", "1989-Q3"), ("A year earlier", "1988-Q3")]


def test_the_year_period_after_a_year_to_date_span_is_that_year() -> None:
    text = "In the first nine months, net was $30 million, compared with $20 million in the 1988 period."
    assert values(text, "1989-11-02")[-1] == ("the 1988 period", "1988")
    text = "Third-quarter net rose to $5 million from $3 million in the 1988 period."
    assert values(text, "1989-11-02")[-1] == ("the 1988 period", "1988-Q3")


def test_period_bounds_of_years_halves_quarters_and_months() -> None:
    assert period_bounds("1990-Q3") == (date(1990, 7, 1), date(1990, 9, 30))
    assert period_bounds("1990-H2") == (date(1990, 7, 1), date(1990, 12, 31))
    assert period_bounds("1992-02") == (date(1992, 2, 1), date(1992, 2, 29))
    assert period_bounds("1990-W05") is None


def test_a_quarter_described_in_passing_is_no_base_for_a_comparison() -> None:
    """ "After a flat second quarter" characterizes a period; the reported one ("third-quarter net") stays the
    base of "a year ago"; with no period named before, it is the base."""
    text = (
        "Halvern posted a 20% gain in third-quarter net. After a flat second quarter, it cut costs. Interest rates "
        "were lower than a year ago."
    )
    assert values(text, "1989-11-01")[-1] == ("a year ago", "1988-Q3")
    text = "Halvern had a flat second quarter. Sales fell from a year ago."
    assert values(text, "1989-11-01")[-1] == ("a year ago", "1988-Q2")


def test_a_quarter_in_apposition_to_the_year_ago_quarter_is_that_quarter() -> None:
    """ "In the comparable year-ago quarter, the second quarter ended Oct. 31": one period, a year back, with its
    closing day; "that quarter" then refers to it. Quarters in a list keep their own year and number."""
    text = (
        "Halvern expects a third-quarter profit. In the comparable year-ago quarter, the second quarter ended "
        "Oct. 31, Halvern had a loss. Results for that quarter included a charge."
    )
    assert values(text, "1989-10-27")[1:] == [
        ("the comparable year-ago quarter", "1988-Q2"),
        ("the second quarter", "1988-Q2"),
        ("Oct. 31", "1988-10-31"),
        ("that quarter", "1988-Q2"),
    ]
    text = "Sales rose in the first quarter, the second quarter and the third quarter."
    assert [value for _, value in values(text, "1989-10-27")] == ["1989-Q1", "1989-Q2", "1989-Q3"]


def test_the_latest_quarter_is_the_last_one_whose_results_are_out() -> None:
    """ "The latest period" after a fiscal quarter reported in the past tense is that quarter; a quarter still
    running, named in a present sentence, is not out; with none named it is the latest ended calendar quarter."""
    text = "Halvern reported a drop in fiscal second-quarter profit. Sales in the latest period rose 5%."
    assert values(text, "1989-10-26")[-1] == ("the latest period", "1989-Q2")
    text = (
        "Halvern posted higher third-quarter net. It has no estimate of fourth-quarter costs. In the latest "
        "quarter, sales rose."
    )
    assert values(text, "1989-10-30")[-1] == ("the latest quarter", "1989-Q3")
    assert values("Sales in the latest quarter rose 5%.", "1989-10-26") == [("the latest quarter", "1989-Q3")]


def test_the_quarter_is_the_last_quarter_named_even_after_a_month() -> None:
    """A month named between them ("Earlier this month") does not make "the quarter" the calendar quarter."""
    text = (
        "Halvern earned $5 million in the fiscal first quarter. Earlier this month, it said it expected to break "
        "even for the quarter."
    )
    assert values(text, "1989-10-26")[-1] == ("the quarter", "1989-Q1")
    assert values("Earlier this month, Halvern said the quarter was weak.", "1989-10-26")[-1] == (
        "the quarter",
        "1989-Q3",
    )


def test_a_holiday_week_is_the_week_that_holds_the_holiday() -> None:
    """ "Christmas week" is the ISO week of 25 December; "Easter week" under way at publication is that week even in
    a past sentence, while Easter Sunday itself, still ahead, follows the past tense to the year before."""
    assert values("The Halvern ferry sank in Christmas week.", "2000-01-06") == [("Christmas week", "1999-W51")]
    assert values("Pilgrims prayed as Easter week began.", "2000-04-17") == [("Easter week", "2000-W16")]
    assert values("The Halvern ferry sank on Easter Sunday.", "2000-04-17") == [("Easter Sunday", "1999-04-04")]


def test_the_quarter_ended_on_a_day_is_the_calendar_quarter_holding_most_of_it() -> None:
    """ "The quarter ended July 31" (May to July) is the second quarter when no quarter was named before; a quarter
    named before (a fiscal one) is still what "the quarter" refers to; a quarter that ended lies behind."""
    text = "In the quarter ended July 31, Halvern had 5 million shares outstanding."
    assert values(text, "1989-10-30")[0] == ("the quarter", "1989-Q2")
    text = "For the quarter ended Nov. 30, Halvern earned $5 million."
    assert values(text, "1989-10-30")[0] == ("the quarter", "1988-Q4")
    text = "Halvern earned $5 million in the fiscal first quarter. For the quarter ended Sept. 30, sales rose."
    assert values(text, "1989-10-30")[1] == ("the quarter", "1989-Q1")


def test_last_year_as_the_base_of_a_quarterly_figure_is_that_quarter_a_year_back() -> None:
    """ "Compared with $3 million last year", "up from last year's $1.5 billion", "last year's results", after a
    quarter was reported: the quarter a year back. A period of another unit in the sentence ("the year ended
    Aug. 31") is the figure's own, and "last year" alone, or as a subject of its own, stays the year."""
    text = "Halvern posted third-quarter net of $24 million, compared with a loss of $3 million last year."
    assert values(text, "1989-11-02")[-1] == ("last year", "1988-Q3")
    text = "Halvern reported a drop in fourth-quarter profit. Sales were up from last year's $1.5 billion."
    assert values(text, "1989-11-02")[-1] == ("last year", "1988-Q4")
    text = (
        "Halvern posted a third-quarter loss. Net for the year ended Aug. 31 was $2 million, down from $9 million "
        "last year."
    )
    assert values(text, "1989-11-02")[-1] == ("last year", "1988")
    text = "Halvern posted a third-quarter loss. Last year, the company earned $480 million."
    assert values(text, "1989-11-02")[-1] == ("Last year", "1988")
    assert values("Sales fell to $3 million from $5 million last year.", "1989-11-02") == [("last year", "1988")]


def test_coordinated_plural_quarters_are_each_a_quarter_and_recur_in_a_habit() -> None:
    """ "The second and fourth quarters": the first ordinal shares the plural; each is this year's quarter, and
    every year's (a SET) in a sentence that tells a habit ("usually")."""
    found = find_time_expressions("Halvern lost money in the first, second and third quarters.", "1989-10-26", "en")
    assert [(f.value, f.type) for f in found] == [("1989-Q1", "DATE"), ("1989-Q2", "DATE"), ("1989-Q3", "DATE")]
    text = "Halvern's ferry bookings are usually made in the second and fourth quarters."
    found = find_time_expressions(text, "1989-10-26", "en")
    assert [(f.text, f.value, f.type) for f in found] == [
        ("the second", "XXXX-Q2", "SET"),
        ("fourth quarters", "XXXX-Q4", "SET"),
    ]


def test_this_century_and_vague_futures_named_by_a_plural_unit() -> None:
    """ "This century" is the century of publication (TIMEX3 "19" in 1999), "last century" the one before; "the
    past century" is the last hundred years; "future quarters" and "the weeks ahead" are a vague time ahead, like
    "the coming weeks"."""
    assert values("The bay saw the worst storms of this century.", "1999-03-12") == [("this century", "19")]
    assert values("The harbour was built last century.", "1999-03-12") == [("last century", "18")]
    assert values("The harbour grew over the past century.", "1999-03-12") == [("the past century", "P100Y")]
    text = "Halvern expects lower costs in future quarters and higher fares in the weeks ahead."
    assert values(text, "1999-03-12") == [("future quarters", "FUTURE_REF"), ("the weeks ahead", "FUTURE_REF")]


def test_a_counted_plural_season_recurs_and_the_past_before_an_amount_is_no_reference() -> None:
    """ "For the past three summers" is each of those summers (SET XXXX-SU, like "on Tuesdays"), not "the past"
    (PAST_REF) and a stray number; "in the past" alone still is PAST_REF; "hot springs" is no season."""
    found = find_time_expressions("Storms hit Halvern for the past three summers.", "1998-03-22", "en")
    assert [(f.text, f.value, f.type) for f in found] == [("the past three summers", "XXXX-SU", "SET")]
    assert values("In the past, storms hit Halvern.", "1998-03-22") == [("the past", "PAST_REF")]
    assert values("Halvern has hot springs.", "1998-03-22") == []
