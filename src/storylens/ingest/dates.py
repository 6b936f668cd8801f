"""Publication dates from any common format, as ISO 8601.

Explicit regular expressions run first (ISO, numeric day/month/year, month
names from `resources/dates/formats.yaml`, CJK 年月日, epoch seconds); they are
fast, never guess, and know where the date sits in the text. dateparser is a
fallback for languages without month data, held on a short leash: the text
must contain a digit and dateparser must find a day, a month and a year, so a
bare word ("we", "may") is never a date.

Values are a date alone ("2021-11-03") when the text gives no time, a local
datetime ("2021-11-03T08:12:55") when it gives a time without a zone, and a
datetime with offset ("2021-11-03T08:12:00-05:00") when the zone is known.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from storylens.resources import read_yaml

EPOCH_YEARS = (1995, 2035)  # a bare 10/13-digit number is a timestamp only inside this range
VALID_YEARS = (1900, 2100)
MAX_DATE_TEXT_CHARS = 300  # longer strings are not "a date", parse_date gives up
MAX_FALLBACK_WORDS = 8  # dateparser only sees short strings
DATELINE_SEARCH_CHARS = 120  # how far into a long first line a dateline date may sit


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text: its ISO value and where it sits."""

    value: str
    start: int
    end: int


@lru_cache(maxsize=1)
def date_formats() -> dict[str, Any]:
    """The month names, time zones and day-order rules in resources/dates/formats.yaml."""
    path = resources.files("storylens.resources").joinpath("dates/formats.yaml")
    return read_yaml(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """Every known month name or abbreviation (lowercase) -> month number, all languages."""
    numbers: dict[str, int] = {}
    for names_per_month in date_formats()["months"].values():
        for number, names in enumerate(names_per_month, start=1):
            for name in names:
                numbers.setdefault(str(name).lower(), number)
    return numbers


@lru_cache(maxsize=1)
def timezone_offsets() -> dict[str, str]:
    return {str(name).upper(): str(offset) for name, offset in date_formats()["timezones"].items()}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def date_patterns() -> tuple[re.Pattern[str], ...]:
    """The explicit date patterns, each followed by an optional time and zone."""
    month = f"(?P<month_name>{_alternation(list(month_numbers()))})"
    zones = _alternation([name for name in timezone_offsets() if name != "Z"])
    joiner = f"(?:(?:{_alternation(date_formats()['date_joiners'])})\\s+)?"
    time = (
        r"(?:,?\s*(?:T|at|um|à|a las|alle|às|om|-)?\s*"
        r"(?P<hour>\d{1,2})[:h](?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\.\d+)?"
        r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?"
        rf"(?:\s*(?P<zone>Z|[+-]\d{{2}}:?\d{{2}}|(?:{zones})(?:[+-]\d{{1,2}})?)(?![\w]))?)?"
    )
    patterns = [
        r"(?<!\d)(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?![\d])",
        r"(?<![\d.])(?P<first>\d{1,2})(?P<separator>[./-])(?P<second_number>\d{1,2})(?P=separator)(?P<year>\d{4})(?!\d)",
        rf"(?<!\w)(?P<day>\d{{1,2}})(?:\.|er|º|°)?\s+{joiner}{month}\.?,?\s+{joiner}(?P<year>\d{{4}})(?!\d)",
        rf"(?<!\w){month}\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)",
    ]
    compiled = [re.compile(pattern + time, re.IGNORECASE) for pattern in patterns]
    cjk = (
        r"(?P<year>\d{4})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日号일]"
        r"(?:\s*(?P<hour>\d{1,2})\s*[:時时시]\s*(?P<minute>\d{2}))?"
    )
    compiled.append(re.compile(cjk))
    return tuple(compiled)


def _day_and_month(match: re.Match[str], language: str | None) -> tuple[int, int]:
    """Day and month of a numeric date, deciding "03/11" by the values or the language's habit."""
    first, second = int(match["first"]), int(match["second_number"])
    if match["separator"] == "." or first > 12:
        return first, second
    if second > 12:
        return second, first
    if language and language.split("-")[0].lower() in date_formats()["month_first_languages"]:
        return second, first
    return first, second


def _date_parts(match: re.Match[str], language: str | None) -> tuple[int, int, int]:
    groups = match.groupdict()
    if groups.get("first") is not None:
        day, month = _day_and_month(match, language)
    else:
        day = int(groups["day"])
        month = month_numbers()[groups["month_name"].lower()] if groups.get("month_name") else int(groups["month"])
    return int(groups["year"]), month, day


def _is_valid_date(year: int, month: int, day: int) -> bool:
    if not (VALID_YEARS[0] <= year <= VALID_YEARS[1] and 1 <= month <= 12):
        return False
    return 1 <= day <= calendar.monthrange(year, month)[1]


def _hour_24(hour: int, ampm: str | None) -> int:
    if not ampm:
        return hour
    is_pm = ampm.lower().startswith("p")
    if hour == 12:
        return 12 if is_pm else 0
    return hour + 12 if is_pm else hour


def _zone_offset(zone: str | None) -> str:
    """A zone ("+0200", "+02:00", "EST", "UTC+3") as "+HH:MM"; "" when unknown or absent."""
    if not zone:
        return ""
    zone = zone.upper()
    if zone == "Z":
        return "+00:00"
    numeric = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", zone)
    if numeric:
        return f"{numeric[1]}{numeric[2]}:{numeric[3]}"
    named = re.fullmatch(r"([A-Z]+)(?:([+-])(\d{1,2}))?", zone)
    if not named or named[1] not in timezone_offsets():
        return ""
    if named[2]:  # "UTC+3"
        return f"{named[2]}{int(named[3]):02d}:00"
    return timezone_offsets()[named[1]]


def _iso_value(match: re.Match[str], language: str | None) -> str | None:
    year, month, day = _date_parts(match, language)
    if not _is_valid_date(year, month, day):
        return None
    groups = match.groupdict()
    if groups.get("hour") is None:
        return f"{year:04d}-{month:02d}-{day:02d}"
    hour = _hour_24(int(groups["hour"]), groups.get("ampm"))
    minute, second = int(groups["minute"]), int(groups.get("second") or 0)
    if hour > 23 or minute > 59 or second > 59:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{_zone_offset(groups.get('zone'))}"


def find_dates(text: str, language: str | None = None) -> list[DateMatch]:
    """Every explicit date in `text`, in reading order, overlapping matches resolved to the longest."""
    found: list[DateMatch] = []
    for pattern in date_patterns():
        for match in pattern.finditer(text):
            value = _iso_value(match, language)
            if value:
                found.append(DateMatch(value, match.start(), match.end()))
    found.sort(key=lambda date: (date.start, -(date.end - date.start)))
    kept: list[DateMatch] = []
    for date in found:
        if not kept or date.start >= kept[-1].end:
            kept.append(date)
    return kept


def epoch_to_iso(digits: str) -> str | None:
    """A 10-digit (seconds) or 13-digit (milliseconds) epoch inside EPOCH_YEARS, as UTC ISO."""
    if not re.fullmatch(r"\d{10}|\d{13}", digits):
        return None
    seconds = int(digits) / (1000 if len(digits) == 13 else 1)
    moment = datetime.fromtimestamp(seconds, tz=UTC)
    if not EPOCH_YEARS[0] <= moment.year <= EPOCH_YEARS[1]:
        return None
    return moment.replace(microsecond=0).isoformat()


def _dateparser_language_tries(language: str | None) -> list[list[str]]:
    """The language lists dateparser is tried with: the article's own language, then the languages
    storylens analyses (`fallback_languages` in formats.yaml). Never all of dateparser's ~200 locales: a
    call without languages compiles every locale's patterns (~11 s per process) and, over 1,000 real
    articles, found one date, read through a language whose word happened to match."""
    analysed = list(date_formats()["fallback_languages"])
    own = language.split("-")[0].lower() if language else None
    if own is None:
        return [analysed]
    others = [code for code in analysed if code != own]
    return [[own], others] if others else [[own]]


def _dateparser_fallback(text: str, language: str | None) -> str | None:
    """dateparser for formats without explicit data; only short texts with digits and all three parts."""
    if not re.search(r"\d", text) or len(text.split()) > MAX_FALLBACK_WORDS:
        return None
    import dateparser  # slow to import; only needed for unusual formats

    settings: dict[str, Any] = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    parsed = None
    for languages in _dateparser_language_tries(language):
        try:
            parsed = dateparser.parse(text, languages=languages, settings=settings)  # type: ignore[arg-type]
        except (ValueError, TypeError, OverflowError):
            parsed = None
        if parsed is not None:
            break
    if parsed is None or not VALID_YEARS[0] <= parsed.year <= VALID_YEARS[1]:
        return None
    if not re.search(r"\d{1,2}\s*[:h時时시]\s*\d{2}", text):
        return parsed.date().isoformat()
    return parsed.replace(microsecond=0).isoformat()


def parse_date(text: str, language: str | None = None) -> str | None:
    """Parse a date string (possibly with words around it) into ISO 8601, or None when it holds no date."""
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_DATE_TEXT_CHARS:
        return None
    if stripped.isdigit():
        return epoch_to_iso(stripped)
    dates = find_dates(stripped, language)
    if dates:
        return dates[0].value
    return _dateparser_fallback(stripped, language)


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    return lines


def find_publication_date(text: str, language: str | None = None, max_lines: int = 5) -> tuple[str, int, int] | None:
    """A dateline or date line among the first `max_lines` non-empty lines: (ISO value, start, end).

    A date in a short line counts wherever it sits ("Published 3 Nov 2021",
    "[Outlet, Paris time, November 2, 2021]"); in a long line (a first
    paragraph with a dateline) only near its start, so dates mentioned in the
    story itself are not taken for the publication date.
    """
    seen = 0
    for offset, line in _lines_with_offsets(text):
        if not line.strip():
            continue
        seen += 1
        if seen > max_lines:
            break
        window = line if len(line) <= MAX_DATE_TEXT_CHARS // 2 else line[:DATELINE_SEARCH_CHARS]
        dates = find_dates(window, language)
        if dates:
            return dates[0].value, offset + dates[0].start, offset + dates[0].end
        stripped = line.strip()
        if len(stripped.split()) <= MAX_FALLBACK_WORDS:
            value = epoch_to_iso(stripped) if stripped.isdigit() else _dateparser_fallback(stripped, language)
            if value:
                start = offset + line.index(stripped)
                return value, start, start + len(stripped)
    return None
