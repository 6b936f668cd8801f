"""Numeric dates: which number is the day, decided by the article, or flagged when nothing decides."""

from __future__ import annotations

from storylens.model import Article
from storylens.steps.time_expressions import find_time_expressions, time_expressions_of
from storylens.steps.time_numeric import article_date_order, country_of_url, numeric_readings, order_in_text


def values(text: str, language: str = "en", date_order: str | None = None) -> list[tuple[str, str | None, str | None]]:
    found = find_time_expressions(text, "2021-01-10", language, date_order=date_order)
    return [(f.text, f.value, f.alternative_value) for f in found]


def test_slash_date_in_english_without_country_is_flagged_with_both_readings() -> None:
    assert values("The Halvern lease was signed on 03/11/2020.") == [("03/11/2020", "2020-03-11", "2020-11-03")]


def test_outlet_order_decides_a_slash_date() -> None:
    assert values("The Halvern lease was signed on 03/11/2020.", date_order="DMY") == [
        ("03/11/2020", "2020-11-03", None)
    ]


def test_unambiguous_date_in_the_same_article_settles_the_others() -> None:
    text = "The Halvern lease was signed on 03/11/2020 and renewed on 25/03/2021."
    assert values(text) == [("03/11/2020", "2020-11-03", None), ("25/03/2021", "2021-03-25", None)]


def test_dotted_date_is_day_first() -> None:
    assert values("Der Pachtvertrag wurde am 03.11.2020 unterzeichnet.", "de") == [("03.11.2020", "2020-11-03", None)]


def test_day_first_language_decides_without_a_flag() -> None:
    assert values("Le bail a été signé le 03/11/2020.", "fr") == [("03/11/2020", "2020-11-03", None)]


def test_iso_day_and_impossible_reading_are_not_ambiguous() -> None:
    assert values("Filed on 2020-11-03; heard on 11/13/2020.") == [
        ("2020-11-03", "2020-11-03", None),
        ("11/13/2020", "2020-11-13", None),
    ]


def test_fractions_and_short_numbers_are_not_dates() -> None:
    assert values("Shares of Halvern rose 3/4 of a point, to 12/5.") == []


def test_numbers_that_are_no_day_in_either_order_are_not_dates() -> None:
    assert values("Lots 31/02/2020 and 45/45/2020 were sold.") == []


def test_outlet_country_comes_from_the_record_or_the_url() -> None:
    assert article_date_order({"country": "US"}, None, "en") == "MDY"
    assert article_date_order({}, "https://www.halvern-post.co.uk/news/1", "en") == "DMY"
    assert article_date_order({}, "https://halvern.example.com/a", "en-US") == "MDY"
    assert article_date_order({}, "https://halvern.example.com/a", "en") is None
    assert country_of_url("https://news.example.de/x") == "DE"


def test_order_in_text_ignores_disagreeing_evidence() -> None:
    assert order_in_text("On 25/03/2021 and 03/25/2021.") is None
    assert order_in_text("On 03/25/2021.") == "MDY"


def test_same_day_and_month_has_one_reading() -> None:
    assert numeric_readings(2020, 5, 5, "/", None, "MDY") == ("2020-05-05", None)


def test_article_country_field_reaches_the_time_expression() -> None:
    article = Article(
        id="a1",
        text="The Halvern lease was signed on 03/11/2020.",
        source="t.jsonl",
        published="2021-01-10",
        language="en",
        metadata={"country": "GB"},
    )
    [expression] = time_expressions_of(article)
    assert (expression.value, expression.alternative_value) == ("2020-11-03", None)
