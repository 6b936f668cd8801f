import pytest

from storylens.ingest.dates import epoch_to_iso, find_dates, find_publication_date, parse_date

DATE_TABLE = [
    ("2021-11-03", None, "2021-11-03"),
    ("2021-11-03 08:12:55", None, "2021-11-03T08:12:55"),
    ("2021-11-03T08:12:55Z", None, "2021-11-03T08:12:55+00:00"),
    ("2021-11-03T08:12:55+02:00", None, "2021-11-03T08:12:55+02:00"),
    ("2021-11-03T08:12:55.123-0500", None, "2021-11-03T08:12:55-05:00"),
    ("2021/11/03", None, "2021-11-03"),
    ("03.11.2021", None, "2021-11-03"),
    ("03.11.2021 14:05", "de", "2021-11-03T14:05:00"),
    ("03/11/2021", "fr", "2021-11-03"),
    ("03/11/2021", "en", "2021-03-11"),
    ("25/11/2021", "en", "2021-11-25"),
    ("11/25/2021", "fr", "2021-11-25"),
    ("03-11-2021", "es", "2021-11-03"),
    ("Nov 3, 2021", None, "2021-11-03"),
    ("Nov. 3, 2021", None, "2021-11-03"),
    ("November 3rd, 2021", None, "2021-11-03"),
    ("3 November 2021", None, "2021-11-03"),
    ("3 novembre 2021", "fr", "2021-11-03"),
    ("1er décembre 2021", "fr", "2021-12-01"),
    ("3. November 2021", "de", "2021-11-03"),
    ("3. März 2022, 10:15 Uhr", "de", "2022-03-03T10:15:00"),
    ("3 de noviembre de 2021", "es", "2021-11-03"),
    ("3 de noviembre de 2021 a las 10:15", "es", "2021-11-03T10:15:00"),
    ("3 novembre 2021 alle 9:30", "it", "2021-11-03T09:30:00"),
    ("3 de março de 2022", "pt", "2022-03-03"),
    ("3 maart 2022", "nl", "2022-03-03"),
    ("date 2021-11-03", None, "2021-11-03"),
    ("Published: 2021-11-03", None, "2021-11-03"),
    ("[Velmar Courier, Paris time, November 2, 2021]", None, "2021-11-02"),
    ("2021年11月3日", None, "2021-11-03"),
    ("2021年11月3日 14:20", "zh", "2021-11-03T14:20:00"),
    ("2021년 11월 3일", "ko", "2021-11-03"),
    ("Wednesday, November 3, 2021 8:12 AM EST", "en", "2021-11-03T08:12:00-05:00"),
    ("Wednesday, November 3, 2021 8:12 PM EST", "en", "2021-11-03T20:12:00-05:00"),
    ("Nov 3, 2021 12:05 a.m.", "en", "2021-11-03T00:05:00"),
    ("Wed, 03 Nov 2021 08:12:55 +0000", None, "2021-11-03T08:12:55+00:00"),
    ("Wed, 03 Nov 2021 08:12:55 GMT", None, "2021-11-03T08:12:55+00:00"),
    ("Wed, 3 Nov 2021 10:12:55 CET", None, "2021-11-03T10:12:55+01:00"),
    ("1635927175", None, "2021-11-03T08:12:55+00:00"),
    ("1635927175000", None, "2021-11-03T08:12:55+00:00"),
    ("3 ноября 2021 года", "ru", "2021-11-03"),
    ("3 listopada 2021", "pl", "2021-11-03"),
    ("3 Kasım 2021", "tr", "2021-11-03"),
    ("le 3 novembre 2021 à 10h15", "fr", "2021-11-03T10:15:00"),
]


@pytest.mark.parametrize(("text", "language", "expected"), DATE_TABLE)
def test_parse_date_table(text: str, language: str | None, expected: str) -> None:
    assert parse_date(text, language) == expected


@pytest.mark.parametrize("text", ["we", "may", "May", "we may go", "", "   ", "today", "page 12", "31/02/2021"])
def test_words_and_impossible_dates_are_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_epoch_outside_plausible_years_is_not_a_timestamp() -> None:
    assert epoch_to_iso("9999999999") is None
    assert epoch_to_iso("0000000001") is None


def test_find_dates_reports_where_the_date_sits() -> None:
    text = "Filed on 3 November 2021 by our desk."
    (date,) = find_dates(text)
    assert text[date.start : date.end] == "3 November 2021"
    assert date.value == "2021-11-03"


def test_find_publication_date_takes_a_date_line_near_the_top() -> None:
    text = "Bridge closes again\n\nPublished 4 March 2026, 09:30\n\nThe Kessel bridge closed on 1 March 2026."
    value, start, end = find_publication_date(text)
    assert value == "2026-03-04T09:30:00"
    assert text[start:end] == "4 March 2026, 09:30"


def test_find_publication_date_reads_a_bracketed_dateline() -> None:
    text = "[Orvane Daily, Velmar time, March 2, 2026]\nThe council met on Monday."
    value, start, end = find_publication_date(text)
    assert value == "2026-03-02"
    assert text[start:end] == "March 2, 2026"


def test_find_publication_date_ignores_dates_deep_inside_the_story() -> None:
    text = "The council met on Monday. " * 10 + "It last met on 3 May 2024."
    assert find_publication_date(text) is None


def test_find_publication_date_reads_a_date_line_in_another_language() -> None:
    text = "3 ноября 2021 года\n\nСовет собрался в понедельник."
    value, start, end = find_publication_date(text, "ru")
    assert value == "2021-11-03"
    assert text[start:end] == "3 ноября 2021 года"


def test_the_dateparser_fallback_retries_only_the_languages_storylens_analyses() -> None:
    # A Polish date on an article marked English: found on the retry through the analysed languages.
    assert parse_date("3 listopada 2021", "en") == "2021-11-03"
    # Finnish is not analysed: read when the article says so, never guessed through all ~200 locales.
    assert parse_date("3. marraskuuta 2021", "fi") == "2021-11-03"
    assert parse_date("3. marraskuuta 2021", None) is None
