"""Numeric dates ("03/11/2020", "3.11.2020", "2020-11-03"): which number is the day, and when nothing says.

"03/11/2020" is 11 March in the United States and 3 November in most other places. The order is decided, in turn,
by: the numbers themselves (a first number above 12 is a day), the separator (a dot is day-first everywhere), an
unambiguous numeric date elsewhere in the same article ("25/03/2020" settles the rest), the outlet's country (the
article's `country` field, else its URL's country domain), the region of the article's language ("en-US",
"en-GB"), and a language whose countries all write the day first (de, fr, es). When none decides and both readings
are valid dates, the language's habit (`month_first_languages` in resources/dates/formats.yaml: English is month
first) gives the value and the other reading is kept as the expression's `alternative_value`, so a report can say
the date is ambiguous instead of silently guessing.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from storylens.ingest.dates import date_formats

DAY_FIRST = "DMY"
MONTH_FIRST = "MDY"
DOMAIN_COUNTRIES = {"uk": "GB"}  # country-code domains that are not the ISO 3166 code
UNAMBIGUOUS_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})([/-])(\d{1,2})\2(?:1[89]|20)\d\d(?!\d)")


def order_of_country(country: str | None) -> str | None:
    """DMY or MDY for an ISO 3166 country code (or a name we keep as a code), None when unknown."""
    if not country:
        return None
    code = country.strip().upper()
    if len(code) != 2:
        return None
    month_first = {str(c).upper() for c in date_formats().get("month_first_countries", [])}
    return MONTH_FIRST if code in month_first else DAY_FIRST


def country_of_url(url: str | None) -> str | None:
    """The country of a URL's country-code domain ("www.example.co.uk" -> GB), None for .com, .org and the like."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    label = host.rsplit(".", 1)[-1].lower()
    if len(label) != 2 or not label.isalpha():
        return None
    return DOMAIN_COUNTRIES.get(label, label.upper())


def article_date_order(metadata: Mapping[str, Any], url: str | None, language: str | None) -> str | None:
    """The numeric date order an article's outlet or language decides: its `country` field, its URL's country
    domain, its language region ("en-GB"), or a language written day-first everywhere. None: not decided."""
    country = metadata.get("country") if isinstance(metadata.get("country"), str) else None
    for signal in (country, country_of_url(url), language_region(language)):
        order = order_of_country(signal)
        if order:
            return order
    base = (language or "").lower().replace("_", "-").split("-")[0]
    month_first_languages = {str(code) for code in date_formats().get("month_first_languages", [])}
    return DAY_FIRST if base and base not in month_first_languages else None


def language_region(language: str | None) -> str | None:
    """The region of a language tag ("en-GB" -> GB), None without one."""
    parts = (language or "").replace("_", "-").split("-")
    return parts[1] if len(parts) > 1 and len(parts[1]) == 2 else None


def order_in_text(text: str) -> str | None:
    """The order an unambiguous numeric date in the text shows ("25/03/2020" -> DMY), None when none does or
    two disagree."""
    seen = set()
    for match in UNAMBIGUOUS_NUMERIC.finditer(text):
        first, second = int(match.group(1)), int(match.group(3))
        if first > 12 >= second:
            seen.add(DAY_FIRST)
        elif second > 12 >= first:
            seen.add(MONTH_FIRST)
    return seen.pop() if len(seen) == 1 else None


def fallback_order(language: str | None) -> str:
    """The reading taken when nothing decides: the language's habit (month first for English)."""
    base = (language or "").lower().replace("_", "-").split("-")[0]
    month_first_languages = {str(code) for code in date_formats().get("month_first_languages", [])}
    return MONTH_FIRST if base in month_first_languages else DAY_FIRST


def numeric_readings(
    year: int, first: int, second: int, separator: str, order: str | None, fallback: str
) -> tuple[str | None, str | None]:
    """(value, alternative) of a numeric date: the reading the numbers, the separator or `order` decide; when none
    does and both readings are valid dates, the `fallback` reading and the other one as the alternative."""

    def value(day: int, month: int) -> str | None:
        if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        return f"{year:04d}-{month:02d}-{day:02d}"

    day_first, month_first = value(first, second), value(second, first)
    if day_first is None or month_first is None or day_first == month_first:
        return day_first or month_first, None
    if separator == ".":
        return day_first, None
    if order is not None:
        return (day_first if order == DAY_FIRST else month_first), None
    if fallback == DAY_FIRST:
        return day_first, month_first
    return month_first, day_first
