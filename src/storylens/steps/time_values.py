"""TIMEX3 values: calendar arithmetic around the anchor and one builder per rule kind.

Each rule in the language data names the `kind` of value it builds ("date", "weekday", "relative", ...);
`normalize` calls that builder with the rule's named groups and a `Context` (anchor, tense, the last dates
mentioned).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from storylens.numerals import numeral_value
from storylens.steps.time_language import Candidate, TimeDataError, TimeLanguage, normalize_word
from storylens.steps.time_numeric import numeric_readings


def parse_anchor(published: str | None) -> date | None:
    """The calendar date of an ISO publication timestamp, or None."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def shifted_value(anchor: date, unit: str, amount: int) -> str | None:
    """The period `amount` units away from the anchor, at that unit's granularity ("M", -1 -> last month)."""
    if unit == "Y":
        return f"{anchor.year + amount:04d}"
    if unit == "M":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + amount, 12)
        return month_value(year, month + 1)
    if unit in ("W", "WE"):
        week = week_value(anchor + timedelta(weeks=amount))
        return week + "-WE" if unit == "WE" else week
    if unit in ("D", "H", "MIN", "S"):
        return (anchor + timedelta(days=amount if unit == "D" else 0)).isoformat()
    if unit == "Q":
        year, quarter = divmod(anchor.year * 4 + (anchor.month - 1) // 3 + amount, 4)
        return f"{year:04d}-Q{quarter + 1}"
    if unit == "HY":
        year, half = divmod(anchor.year * 2 + (anchor.month - 1) // 6 + amount, 2)
        return f"{year:04d}-H{half + 1}"
    if unit == "DE":
        return f"{anchor.year // 10 + amount:03d}"
    return None


HALF_UNITS = {"Y": (6, "M"), "D": (12, "H"), "H": (30, "MIN"), "MIN": (30, "S")}  # half of a unit, in the next


def duration_value(amount: int | str, unit: str, half: bool = False) -> str | None:
    """ISO 8601 duration for `amount` units; "X" for an unknown amount ("several days" -> PXD). With `half`, half a
    unit more in the next smaller unit ("2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M), else as a decimal."""
    if half and isinstance(amount, int):
        if unit == "DE":
            return f"P{amount * 10 + 5}Y"
        if unit not in HALF_UNITS:
            return f"P{amount}.5{unit}" if unit in ("M", "W", "Q") else None
        extra, smaller = HALF_UNITS[unit]
        first, second = duration_value(amount, unit), duration_value(extra, smaller)
        if not first or not second:
            return None
        if unit in ("H", "MIN"):
            return first + second[2:]  # PT5H + PT30M -> PT5H30M
        return first + ("T" if smaller in ("H", "MIN", "S") else "") + second[1:].lstrip("T")
    if unit in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    if unit == "HY":
        return f"P{amount * 6}M" if isinstance(amount, int) else "PXM"
    if unit == "DE":  # TimeBank writes decades in years: "two decades" -> P20Y
        return f"P{amount * 10}Y" if isinstance(amount, int) else "PXY"
    if unit in ("Y", "M", "W", "D", "Q", "WE"):
        return f"P{amount}{unit}"
    return None


def weekday_date(anchor: date, weekday: int, offset: int | None, tense: str) -> date:
    """The date of an ISO weekday (1 = Monday) near the anchor.

    Offset -1 ("last Wednesday"): the one strictly before the anchor; +1 ("next Wednesday"): strictly after. No
    offset: by tense, the past one on or before the anchor, or the future one strictly after it; "nearest": the
    closer of the two (ties to the past).
    """
    back = (anchor.isoweekday() - weekday) % 7
    ahead = (weekday - anchor.isoweekday()) % 7 or 7
    if offset in (None, 0) and tense in ("nearest", "present"):
        return anchor + timedelta(days=ahead) if ahead < back else anchor - timedelta(days=back)
    if offset == 1 or (offset in (None, 0) and tense == "future"):
        return anchor + timedelta(days=ahead)
    if offset == -1:
        return anchor - timedelta(days=back or 7)
    return anchor - timedelta(days=back)


def year_for(anchor: date, month: int, day: int | None, offset: int | None, tense: str) -> int:
    """The year of a month (and day) given without one: the nearest in the direction of the tense or offset
    ("this" keeps the anchor's year)."""
    here = (month, day or 0)
    now = (anchor.month, anchor.day if day else 0)
    if offset == 0:
        return anchor.year  # "this September": the anchor's year, whatever the tense
    if offset == 1 or (offset is None and tense == "future"):
        return anchor.year if here > now or (here == now and offset is None) else anchor.year + 1
    if offset == -1:
        return anchor.year if here < now else anchor.year - 1
    if offset is None and tense == "present":
        return nearest_year(anchor, month, day)
    return anchor.year if here <= now else anchor.year - 1


def deadline_year(anchor: date, month: int, day: int | None, past_year: int, window_days: int) -> int:
    """The year of a cued date ("payable Dec. 15", "extended to Nov. 16") in a past sentence: the coming one when
    it lies within `window_days` ahead (the verb reports the decision, the date is scheduled), else the past one."""
    ahead = year_for(anchor, month, day, None, "future")
    try:
        scheduled = date(ahead, month, day or 1)
    except ValueError:
        return past_year
    return ahead if (scheduled - anchor).days <= window_days else past_year


def close_day_year(anchor: date, month: int, day: int, year: int, window_days: int) -> int:
    """A day written without its year ("Aug. 7") that the tense puts more than a year less `window_days` away,
    when the same day lies within `window_days` on the other side of the anchor: the close one. News gives the
    year of a day that far off; a tense read from a neighbouring clause ("she would bring aid to the towns the
    Aug. 7 blasts hit") does not move a recent day to next year."""
    chosen = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    if abs((chosen - anchor).days) <= 365 - window_days:
        return year
    other = nearest_year(anchor, month, day)
    try:
        close = date(other, month, day)
    except ValueError:
        return year
    return other if abs((close - anchor).days) <= window_days else year


def close_month_year(anchor: date, month: int, year: int, window_days: int) -> int:
    """A month said without its year that the tense puts eleven or more months away, when the same month's nearest
    edge lies within `window_days` on the other side of the anchor: the close one. "Traders placed orders for
    November delivery" at the end of October, "the cut in its supply in September" in mid-August: news gives the
    year of a month that far off, and a past verb that reports the decision does not move the month a year back."""
    if abs((year - anchor.year) * 12 + month - anchor.month) < 11:
        return year
    other = nearest_year(anchor, month, None)
    first = date(other, month, 1)
    last = date(other, month, calendar.monthrange(other, month)[1])
    gap = (first - anchor).days if first > anchor else (anchor - last).days if last < anchor else 0
    return other if gap <= window_days else year


def nearest_year(anchor: date, month: int, day: int | None) -> int:
    """The year in which `month` (and `day`) lies closest to the anchor, ties to the past: a present-tense
    "is controlled from January" in November is next January, "is closed in October" is last October."""

    def distance(year: int) -> int:
        return abs((year * 12 + month) - (anchor.year * 12 + anchor.month)) * 31 + (
            abs((day or anchor.day) - anchor.day) if year * 12 + month == anchor.year * 12 + anchor.month else 0
        )

    return min((anchor.year - 1, anchor.year, anchor.year + 1), key=lambda year: (distance(year), year))


def year_matching_weekday(anchor: date, month: int, day: int, weekday: int) -> int | None:
    """The year near the anchor where `day month` falls on `weekday` ("Tuesday 3 November" -> the right year)."""
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        try:
            if date(year, month, day).isoweekday() == weekday:
                return year
        except ValueError:
            continue
    return None


def quarter_year(anchor: date, quarter: int, tense: str) -> int:
    """The year of a quarter said without one ("the third quarter").

    Quarters are reported after they end, so a future sentence ("expects to report a loss for the third quarter"
    in October) still means the quarter just ended: the future reaches back one quarter; a past one takes the
    latest such quarter up to the current one; a present one the nearest.
    """
    current = anchor.year * 4 + (anchor.month - 1) // 3
    candidates = [year * 4 + quarter - 1 for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if tense == "future":
        chosen = min((c for c in candidates if c >= current - 1), key=lambda c: c - current)
    elif tense in ("present", "nearest"):
        chosen = min(candidates, key=lambda c: (abs(c - current), c))
    else:
        chosen = max(c for c in candidates if c <= current)
    return chosen // 4


def shift_years(value: str, years: int) -> str | None:
    """A calendar value moved by whole years, at its own granularity ("1989-Q3", -1 -> "1988-Q3")."""
    match = re.match(r"(\d{4})(.*)", value)
    if not match:
        return None
    year, rest = int(match.group(1)) + years, match.group(2)
    if rest == "-02-29" or rest.startswith("-02-29T"):
        rest = rest.replace("-02-29", "-02-28", 1)
    return f"{year:04d}{rest}"


def latest_quarter(anchor: date) -> str:
    """The last quarter that has ended by the anchor (what "the latest quarter" reports on)."""
    return shifted_value(anchor, "Q", -1) or ""


SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def period_bounds(value: str) -> tuple[date, date] | None:
    """First and last day of a year, half, quarter or month value ("1990-Q3" -> 1990-07-01, 1990-09-30); None
    for other values."""
    match = re.fullmatch(r"(\d{4})(?:-(?:(\d{2})|Q([1-4])|H([12])))?", value)
    if match is None:
        return None
    year = int(match.group(1))
    month, quarter, half = (int(group) if group else None for group in match.groups()[1:])
    first, months = (3 * quarter - 2, 3) if quarter else (6 * half - 5, 6) if half else (month, 1) if month else (1, 12)
    if not 1 <= first <= 12:
        return None
    last = first + months - 1
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def season_value(anchor: date, season: str, offset: int | None, tense: str, year: int | None) -> str:
    """TIMEX3 season value ("2023-SU"); without a year the nearest season in the tense's direction."""
    if year is None:
        start_month = SEASON_MONTHS.get(season, 6)
        started = anchor.month >= start_month
        over = anchor.month > start_month + 2 or (season == "WI" and anchor.month < start_month and anchor.month > 2)
        if offset == 1 or (offset is None and tense == "future"):
            year = anchor.year + (1 if started else 0)
        elif offset == -1 or (offset is None and tense == "past" and not started):
            year = anchor.year - (0 if over and started else 1)
        else:
            year = anchor.year
    return f"{year:04d}-{season}"


@dataclass
class Context:
    """What normalizing one expression needs besides its own words."""

    anchor: date | None
    tense: str
    focus: date | None  # the last day-precise date mentioned before: "the next day" counts from it
    reference: str | None = None  # the last calendar value mentioned before: "the quarter", "that year"
    compared: str | None = None  # the last such period that had begun by the anchor: "a year earlier" counts from it
    reported: str | None = None  # the last quarter whose results are out (ended, or told in the past tense)
    quarter: str | None = None  # the last quarter mentioned, even if a month or year was named after it
    unmarked: bool = False  # no tense marker or cue decided `tense` (it is the settings' default)
    cue: str | None = None  # the direction a cue word right before says ("payable", "until": "future")
    deadline: bool = False  # a deadline word right before ("postponed until", "payable"): a scheduled day
    deadline_window_days: int = 120  # how far ahead a cued date may lie to overrule a past verb
    close_day_window_days: int = 45  # how close a day on the other side must be to overrule the tense
    date_order: str | None = None  # DMY or MDY when the article decides how "03/11/2020" reads
    fallback_order: str = "DMY"  # the reading taken when nothing decides (the alternative is kept)


def lookup(language: TimeLanguage, lexicon: str, text: str | None) -> Any:
    return None if text is None else language.lexicons[lexicon].get(normalize_word(text))


def year_of(groups: dict[str, str | None], language: TimeLanguage) -> int | None:
    """The year a YEAR group says: digits ("1996") or words ("nineteen ninety-six", "two thousand and one": a
    leading "two thousand", else the first number word counts hundreds); None when there is none."""
    text = groups.get("year")
    if not text:
        return None
    if text.isdigit():
        return int(text)
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w != "and"]
    if words[:2] == ["two", "thousand"]:
        head, rest = 2000, words[2:]
    else:
        hundreds = numeral_value(words[0], language.code)
        head, rest = (int(hundreds) * 100 if hundreds is not None else 0), words[1:]
    amounts = [numeral_value(word, language.code) for word in rest]
    if not head or any(amount is None for amount in amounts):
        return None
    return head + sum(int(amount or 0) for amount in amounts)


def number_of(groups: dict[str, str | None], language: TimeLanguage, default: int | str = 1) -> int | str:
    """The amount in NUM or DIGITS ("three" -> 3, "twenty-four" -> 24, "12" -> 12, "several" -> "X"): a numeral
    in words (`storylens.numerals`), else a word of the `numbers` lexicon."""
    if groups.get("digits"):
        return int(groups["digits"] or 0)
    if groups.get("num"):
        text = groups["num"] or ""
        if text.isdigit():
            return int(text)
        value = numeral_value(text, language.code)
        return int(value) if value is not None else lookup(language, "numbers", text)
    return default


def normalize(candidate: Candidate, language: TimeLanguage, context: Context) -> tuple[str | None, str, str | None]:
    """(value, type, modifier) for one rule match."""
    groups = candidate.match.groupdict()
    params = candidate.rule.params
    modifier = lookup(language, "modifiers", groups.get("mod")) or params.get("mod")
    kind = candidate.rule.kind
    builder = VALUE_BUILDERS.get(kind)
    if builder is None:
        raise TimeDataError(f"unknown rule kind {kind!r} in time data for {language.code!r}")
    value, timex_type = builder(groups, params, language, context)
    return value, timex_type, modifier


Groups = dict[str, Any]
Built = tuple[str | None, str]


def build_date(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Calendar dates: any of year, month, day, weekday ("3 November 2023", "in March", "Tuesday 3 November")."""
    year = year_of(groups, language)
    month = lookup(language, "months", groups.get("month"))
    day = int(re.match(r"\d+", groups["day"]).group()) if groups.get("day") else None  # type: ignore[union-attr]
    weekday = lookup(language, "weekdays", groups.get("weekday"))
    offset = lookup(language, "offsets", groups.get("offset"))
    if month is None:
        return (f"{year:04d}" if year else None), "DATE"
    if year is None and context.anchor is not None and params.get("offset_year") and offset is not None:
        year = context.anchor.year + offset  # "June last year", "January this year"
    if year is None and context.anchor is not None:
        if day and weekday:
            year = year_matching_weekday(context.anchor, month, day, weekday)
        if year is None:
            # AP style: a date written without its year is within the year around publication
            tense = "present" if context.unmarked and offset is None else context.tense
            year = year_for(context.anchor, month, day, offset, tense)
            if offset is None and tense == "past" and context.cue == "future":
                year = deadline_year(context.anchor, month, day, year, context.deadline_window_days)
            elif offset is None and day:
                year = close_day_year(context.anchor, month, day, year, context.close_day_window_days)
            elif offset is None:
                year = close_month_year(context.anchor, month, year, context.close_day_window_days)
    if day and year and day > calendar.monthrange(year, month)[1]:
        return None, "DATE"
    if params.get("week") and year and day:
        return week_value(date(year, month, day)), "DATE"  # "the week of March 6"
    prefix = f"{year:04d}" if year else "XXXX"
    return (f"{prefix}-{month:02d}-{day:02d}" if day else f"{prefix}-{month:02d}"), "DATE"


def build_weekday(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Weekdays: "on Wednesday", "last Friday", "el próximo lunes" (tense-aware without an offset), with a part of
    day when said ("Tuesday night"); `days` shifts from the weekday ("in der Nacht zum Dienstag": Monday night)."""
    weekday = lookup(language, "weekdays", groups.get("weekday"))
    offset = lookup(language, "offsets", groups.get("offset"))
    if offset is None:
        offset = params.get("offset")
    if weekday is None:
        return None, "DATE"
    part = lookup(language, "parts_of_day", groups.get("part")) or params.get("part")
    if groups.get("month") and groups.get("day"):
        said, _ = build_date(groups, params, language, context)  # "the night of Friday, Oct. 23"
        if said:
            return (f"{said}T{part}", "TIME") if part else (said, "DATE")
    base = context.focus if params.get("from_focus") and context.focus else context.anchor
    if base is None:
        return f"XXXX-WXX-{weekday}", "DATE"
    tense = "nearest" if params.get("nearest") and offset is None else context.tense
    if tense == "past" and offset is None and context.deadline:
        tense = "future"  # "postponed until Tuesday morning": the decision is reported, the day lies ahead
    day = weekday_date(base, weekday, offset, tense) + timedelta(days=params.get("days", 0))
    return (f"{day.isoformat()}T{part}", "TIME") if part else (day.isoformat(), "DATE")


def build_relative(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Periods counted from the anchor: "last week", "next year", "this quarter", "earlier this month"."""
    unit = lookup(language, "units", groups.get("unit")) or params.get("unit")
    offset = lookup(language, "offsets", groups.get("offset"))
    if offset is None:
        offset = params.get("offset", 0)
    if context.anchor is None or unit is None:
        return None, "DATE"
    return shifted_value(context.anchor, unit, offset), "DATE"


def build_relative_day(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Today, yesterday, tomorrow (and "this morning", "yesterday evening", "tonight")."""
    days = lookup(language, "relative_days", groups.get("relday"))
    if days is None:
        days = params.get("days", 0)
    if context.anchor is None:
        return None, "DATE"
    value = (context.anchor + timedelta(days=days)).isoformat()
    part = lookup(language, "parts_of_day", groups.get("part")) or params.get("part")
    return (f"{value}T{part}", "TIME") if part else (value, "DATE")


def build_neighbour_day(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """ "The next day", "the day before": counted from the last day-precise date mentioned, not the anchor."""
    if context.focus is None:
        return None, "DATE"
    return (context.focus + timedelta(days=params.get("days", 1))).isoformat(), "DATE"


def build_shift(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """ "Three months ago" (direction -1), "in two weeks" (direction +1): at the unit's granularity; an unknown
    amount ("several years ago", "in a few weeks") is a reference to the past or future (PAST_REF, FUTURE_REF).
    "In two weeks" in a past-tense sentence says how long something took, a duration ("built in two weeks")."""
    unit = lookup(language, "units", groups.get("unit"))
    amount = number_of(groups, language)
    direction = params.get("direction", -1)
    if direction > 0 and context.tense == "past" and not context.unmarked:
        return build_duration(groups, params, language, context)  # "his second letter in two weeks was published"
    if amount == "X":
        return ("PAST_REF" if direction < 0 else "FUTURE_REF"), "DATE"
    if context.anchor is None or unit is None or not isinstance(amount, int):
        return None, "DATE"
    return shifted_value(context.anchor, unit, direction * amount), "DATE"


def build_duration(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Durations: "three months", "for two weeks", "48 hours", "three months later" -> P3M, P2W, PT48H."""
    unit = lookup(language, "units", groups.get("unit")) or params.get("unit")
    amount = number_of(groups, language, params.get("amount", 1))
    if unit is None or amount is None:
        return None, "DURATION"
    return duration_value(amount, unit, bool(groups.get("half"))), "DURATION"


def build_set(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Recurrences: "every Monday" -> XXXX-WXX-1, "Tuesday nights" -> XXXX-WXX-2TNI, "every year" / "annually" ->
    P1Y, "every morning" -> XXXX-XX-XXTMO, "the past three summers" -> XXXX-SU."""
    if "value" in params:
        return str(params["value"]), "SET"
    weekday = lookup(language, "weekdays", groups.get("weekday"))
    part = lookup(language, "parts_of_day", groups.get("part"))
    if weekday:
        return f"XXXX-WXX-{weekday}" + (f"T{part}" if part else ""), "SET"
    month = lookup(language, "months", groups.get("month"))
    if month:
        return f"XXXX-{month:02d}", "SET"  # "each July"
    season = lookup(language, "seasons", groups.get("season"))
    if season:
        return f"XXXX-{season}", "SET"  # "the past three summers"
    if part:
        return f"XXXX-XX-XXT{part}", "SET"
    unit = lookup(language, "units", groups.get("unit"))
    amount = number_of(groups, language)
    return (duration_value(amount, unit) if unit else None), "SET"


def build_period(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Quarters and halves: "the fourth quarter of 2024" -> 2024-Q4, "Q3" -> the anchor year's Q3, "H1 2024"."""
    unit = params.get("unit", "Q")
    number = lookup(language, "ordinals", groups.get("ord")) or (int(groups["qnum"]) if groups.get("qnum") else None)
    number = number or params.get("number")
    if number is None:
        return None, "DATE"
    year = year_of(groups, language)
    if year is None and context.anchor is not None:
        offset = lookup(language, "offsets", groups.get("offset"))
        months_per_period = 6 if unit == "HY" else 3
        first_month = (number - 1) * months_per_period + 1
        if offset is not None:
            year = context.anchor.year + offset
        elif unit == "Q":
            year = quarter_year(context.anchor, number, context.tense) + int(params.get("years", 0))
        else:
            year = year_for(context.anchor, first_month, None, offset, context.tense)
    letter = "H" if unit == "HY" else "Q"
    return (f"{year:04d}-{letter}{number}" if year else f"XXXX-{letter}{number}"), "DATE"


def build_season(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Seasons: "last summer" -> 2022-SU, "in the spring of 2024" -> 2024-SP."""
    season = lookup(language, "seasons", groups.get("season"))
    year = year_of(groups, language)
    if season is None:
        return None, "DATE"
    if year is None and context.anchor is None:
        return f"XXXX-{season}", "DATE"
    offset = lookup(language, "offsets", groups.get("offset"))
    return season_value(context.anchor or date(year or 1, 1, 1), season, offset, context.tense, year), "DATE"


def build_year_over_year(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """ "A year earlier", "a year ago", "the year-ago quarter": the period last mentioned, one year back.

    Business news compares a period with the same period a year before ("third-quarter profit rose to $5
    million from $3 million a year earlier": 1988-Q3 when the quarter is 1989-Q3). With `unit: Q` the period is
    a quarter: the last quarter mentioned, else the latest ended one. Without a period mentioned, the anchor's year.
    A period named as a forecast is what a forecast compares with, not what a reported result does
    (`Context.compared`: "Analysts expect losses into the fourth quarter. In the year-ago period, it earned $5
    million" is the year before the quarter reported earlier).
    """
    if context.anchor is None:
        return None, "DATE"
    years = int(params.get("years", -1))
    said = context.reference if context.tense == "future" else context.compared  # a forecast compares forecasts
    reference = said if said and PERIOD_VALUE.match(said) else None
    if params.get("unit") == "Q" and not (reference and QUARTER_VALUE.match(reference)):
        reference = latest_quarter(context.anchor)
    if params.get("unit") == "Y" or reference is None:
        reference = f"{context.anchor.year:04d}"
    return shift_years(reference, years), "DATE"


def closing_day_quarter(groups: Groups, language: TimeLanguage, anchor: date) -> str | None:
    """The calendar quarter of a three-month period that ended on the day said ("the quarter ended July 31": May to
    July, two of its months in the second quarter -> Q2): the quarter that holds its middle month, in the year of
    the last such day up to the anchor (a quarter that "ended" is behind). None without a closing day."""
    month = lookup(language, "months", groups.get("month"))
    day_text = re.match(r"\d+", groups.get("day") or "")
    if not isinstance(month, int) or day_text is None:
        return None
    day = int(day_text.group())
    year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    middle = year * 12 + month - 2  # months counted from year 0, January = 0
    return f"{middle // 12:04d}-Q{(middle % 12) // 3 + 1}"


def build_referenced(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """ "The quarter", "the latest period", "that year", "the following month": the period last mentioned at the
    rule's unit (`unit`: Q, Y or M), moved by `offset`; without one, the latest ended quarter or the anchor's year
    or month; `latest` takes the latest ended quarter (or year) whatever was mentioned. With `any_period` ("the 1988
    period") a year or half last mentioned (a year-to-date report) keeps its own unit, in the year said."""
    if context.anchor is None:
        return None, "DATE"
    unit = params.get("unit", "Q")
    offset = int(params.get("offset", 0))
    reference = context.reference or ""
    year_said = year_of(groups, language)
    if params.get("any_period") and year_said and re.fullmatch(r"\d{4}(?:-H[12])?", reference):
        return f"{year_said:04d}{reference[4:]}", "DATE"
    if unit == "Q":
        if params.get("latest"):
            base = context.reported or latest_quarter(context.anchor)
        elif QUARTER_VALUE.match(reference) or context.quarter:
            base = reference if QUARTER_VALUE.match(reference) else str(context.quarter)
        else:
            base = closing_day_quarter(groups, language, context.anchor) or latest_quarter(context.anchor)
        if year_said:
            base = f"{year_said:04d}" + base[4:]
        year, quarter = int(base[:4]), int(base[-1])
        year, index = divmod(year * 4 + quarter - 1 + offset, 4)
        return f"{year:04d}-Q{index + 1}", "DATE"
    year = int(reference[:4]) if re.match(r"\d{4}", reference) else context.anchor.year
    if unit == "Y" and params.get("latest"):
        return f"{context.anchor.year - 1:04d}", "DATE"  # "the latest fiscal year": the last that has ended
    if unit == "M":
        month = int(reference[5:7]) if re.match(r"\d{4}-\d{2}", reference) else context.anchor.month
        year, index = divmod(year * 12 + month - 1 + offset, 12)
        return month_value(year, index + 1), "DATE"
    return f"{year + offset:04d}", "DATE"


def build_weekend(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """ "Over the weekend": the last weekend in a past sentence (this one when the anchor falls on it), the next
    one in a future sentence -> 2023-W20-WE."""
    if context.anchor is None:
        return None, "DATE"
    weekday = context.anchor.isoweekday()
    if context.tense == "future":
        day = context.anchor + timedelta(days=(6 - weekday) % 7)
    else:
        day = context.anchor - timedelta(days=0 if weekday >= 6 else weekday + 1)
    return week_value(day) + "-WE", "DATE"


def numeric_date_values(groups: Groups, params: dict[str, Any], context: Context) -> tuple[str | None, str | None]:
    """(value, alternative reading) of "03/11/2020" or "2020-11-03" (see steps/time_numeric.py)."""
    if not str(groups["year"]).isdigit():
        return None, None  # a spelled-out year is no part of a numeric date
    year, first, second = int(groups["year"]), int(groups["first"]), int(groups["second"])
    if params.get("separator") == "iso":
        return numeric_readings(year, first, second, ".", None, "DMY")  # year-month-day: no doubt
    return numeric_readings(year, first, second, groups["separator"], context.date_order, context.fallback_order)


def build_numeric_date(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Numeric dates: "03/11/2020" (order from the article, see `numeric_date_values`), "3.11.2020", ISO days."""
    return numeric_date_values(groups, params, context)[0], "DATE"


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_date(spec: str, year: int) -> date | None:
    """The day a holiday spec names in `year`: "12-25" (fixed), "11-22-W4" (the first Thursday on or after 22
    November: US Thanksgiving), "easter+1" (days after Easter Sunday)."""
    if spec.startswith("easter"):
        return easter(year) + timedelta(days=int(spec[6:] or 0))
    parts = spec.split("-")
    try:
        day = date(year, int(parts[0]), int(parts[1]))
    except (ValueError, IndexError):
        return None
    if len(parts) > 2 and parts[2].startswith("W"):
        day += timedelta(days=(int(parts[2][1:]) - day.isoweekday()) % 7)
    return day


def build_holiday(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Holidays ("Christmas", "last Thanksgiving", "Election Day 1998") from the `holidays` data: the year said,
    else the one the offset or the tense gives, like a month and day without a year. With "week" after it the week
    that holds the day ("Easter week"); the week under way at publication is that week whatever the tense ("as Easter
    week began", published on its Monday)."""
    spec = lookup(language, "holidays", groups.get("holiday"))
    if spec is None:
        return None, "DATE"
    year = year_of(groups, language)
    if year is None:
        if context.anchor is None:
            return None, "DATE"
        offset = lookup(language, "offsets", groups.get("offset"))
        this_year = holiday_date(str(spec), context.anchor.year)
        if this_year is None:
            return None, "DATE"
        tense = "present" if context.unmarked and offset is None else context.tense
        year = year_for(context.anchor, this_year.month, this_year.day, offset, tense)
        if groups.get("week") and offset is None and week_value(this_year) == week_value(context.anchor):
            year = context.anchor.year  # "as Easter week began": the week under way at publication, any tense
    day = holiday_date(str(spec), year)
    if day and groups.get("week"):
        return week_value(day), "DATE"  # "Christmas week", "Easter week": the week that holds the day
    return (day.isoformat() if day else None), "DATE"


def build_century(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Centuries by ordinal: "the 20th century" -> 19 (the TIMEX3 value of the years 1900-1999); "this century",
    "the next century" counted from publication (in 1999: 19, 20)."""
    offset = lookup(language, "offsets", groups.get("offset"))
    if not groups.get("century"):
        if offset is None or context.anchor is None:
            return None, "DATE"
        return f"{context.anchor.year // 100 + offset:02d}", "DATE"
    number = int(groups.get("century") or 0)
    return (f"{number - 1:02d}" if number > 0 else None), "DATE"


def build_decade(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Decades: "the 1990s" -> 199; "the nineties", "the '80s" -> the latest such decade up to publication (in
    1998 "the nineties" is 199 and "the twenties" 192), unknown without a publication date."""
    said = groups.get("decade") or ""
    if said.isdigit():
        return said, "DATE"
    digit = lookup(language, "decades", said or None)
    if digit is None and groups.get("decade_digit"):
        digit = int(groups["decade_digit"] or 0)
    if digit is None or context.anchor is None:
        return None, "DATE"
    century = context.anchor.year // 100 - (1 if digit > context.anchor.year // 10 % 10 else 0)
    return f"{century:02d}{digit}", "DATE"


def build_time(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Clock times and parts of day: "3 p.m." -> XXXX-XX-XXT15:00, "in the morning" -> XXXX-XX-XXTMO.

    A day-precise date next to it replaces the XXXX-XX-XX (see `attach_times`).
    """
    if "value" in params:
        return f"XXXX-XX-XXT{params['value']}", "TIME"
    part = lookup(language, "parts_of_day", groups.get("part"))
    if part:
        return f"XXXX-XX-XXT{part}", "TIME"
    hour = int(groups.get("hour") or 0)
    minute = int(groups.get("minute") or 0)
    half = lookup(language, "am_pm", groups.get("ampm"))
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    return f"XXXX-XX-XXT{hour:02d}:{minute:02d}", "TIME"


def build_fixed(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Words with a fixed value: "now" -> PRESENT_REF, "recently" -> PAST_REF."""
    return str(params.get("value")), str(params.get("type", "DATE"))


VALUE_BUILDERS = {
    "date": build_date,
    "weekday": build_weekday,
    "relative": build_relative,
    "relative_day": build_relative_day,
    "neighbour_day": build_neighbour_day,
    "shift": build_shift,
    "duration": build_duration,
    "set": build_set,
    "period": build_period,
    "season": build_season,
    "decade": build_decade,
    "holiday": build_holiday,
    "century": build_century,
    "numeric_date": build_numeric_date,
    "year_over_year": build_year_over_year,
    "referenced": build_referenced,
    "weekend": build_weekend,
    "time": build_time,
    "fixed": build_fixed,
}
REFERENCE_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
DAY_VALUE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
QUARTER_VALUE = re.compile(r"^\d{4}-Q[1-4]$")
PERIOD_VALUE = re.compile(r"^\d{4}(?:-Q[1-4]|-H[12])?$")  # what a year-over-year comparison compares
CALENDAR_VALUE = re.compile(r"^\d{4}(?:-(?:\d{2}(?:-\d{2})?|Q[1-4]|H[12]|W\d{2}|SP|SU|FA|WI))?(?:T.*)?$")
