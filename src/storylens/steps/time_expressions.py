"""Time expressions: find dates, times, durations and sets and normalize them to TIMEX3-style values.

News says "on Wednesday", "earlier this month", "by the end of 2024", "three months later". An analyst needs
dates, so every expression is resolved against the article's publication date (the *anchor*):

- "on Wednesday" in a past-tense sentence is the Wednesday before the anchor, in a future-tense sentence the one
  after it (the nearest tense marker to the expression decides; news defaults to the past);
- "in March", "3 November" without a year get the year that matches the tense the same way; where no tense marker
  decides, a cue word before the expression does ("before March" ahead, "since March" behind), and a present-tense
  sentence ("is patrolled from January") takes the nearest such month;
- "last week" -> 2023-W20, "next year" -> 2024, "the fourth quarter of 2024" -> 2024-Q4, "three months" -> P3M,
  "every Monday" -> XXXX-WXX-1, "now" -> PRESENT_REF, "3 p.m." -> XXXX-XX-XXT15:00 (or the date it is attached to).

Without a publication date, absolute expressions are still normalized and relative ones get value None: we never
guess from today's date.

All language knowledge (month and weekday names, number words, relative words, tense markers, and the templates
that put them together) lives in `resources/time/<language>.yaml`, so adding a language is adding a data file. A
template is a regular expression in which `{MONTH}`, `{WEEKDAY}`, `{NUM}`, `{UNIT}`, ... stand for the words of that
lexicon; each rule names the `kind` of value it builds. The library `dateparser` is not used here: it gives neither
spans nor granularity ("in January" becomes a full date) and false-hits on words like "may"; `benchmarks/timeline.py`
scores it beside these rules.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from storylens.model import Article, TimeExpression
from storylens.pipeline import Stats

RESOURCE_PACKAGE = "storylens.resources"
RESOURCE_FOLDER = "time"


@dataclass(frozen=True)
class TimeSettings:
    """Settings for finding and normalizing time expressions.

    - `default_tense`: how "on Wednesday" / "in March" resolve when no tense marker is near ("past": news mostly
      reports what happened).
    - `fallback_language`: language data used when an article's language is unknown or has no data file (None: find
      nothing in such articles).
    - `include_references`: keep PRESENT_REF / PAST_REF / FUTURE_REF expressions ("now", "recently", "soon").
    - `attach_times`: join a clock time to the date next to it ("Wednesday at 3 p.m." -> 2023-05-24T15:00).
    """

    default_tense: str = "past"
    fallback_language: str | None = "en"
    include_references: bool = True
    attach_times: bool = True


@dataclass(frozen=True)
class FoundTime:
    """One time expression: `text == source[start:end]`; `modifier` keeps the TIMEX3 MOD (START, MID, END,
    APPROX, BEFORE, AFTER) when said."""

    start: int
    end: int
    text: str
    value: str | None
    type: str = "DATE"
    modifier: str | None = None


class TimeDataError(ValueError):
    """A time resource file is malformed (names the file and the reason)."""


# ---------------------------------------------------------------------------------------------------------------
# Language data


LEXICON_PLACEHOLDERS = {
    "MONTH": "months",
    "WEEKDAY": "weekdays",
    "NUM": "numbers",
    "ORD": "ordinals",
    "UNIT": "units",
    "OFFSET": "offsets",
    "RELDAY": "relative_days",
    "SEASON": "seasons",
    "PART": "parts_of_day",
    "MOD": "modifiers",
    "AMPM": "am_pm",
}
FIXED_PLACEHOLDERS = {
    "YEAR": r"(?:1[89]|20)\d\d",
    "HOUR": r"(?:[01]?\d|2[0-3])",
    "MINUTE": r"[0-5]\d",
    "QNUM": r"[1-4]",
    "DIGITS": r"\d{1,3}",
}
PLACEHOLDER = re.compile(r"\{([A-Z]+)\}")


@dataclass
class TimeRule:
    """One compiled template and the kind of value it builds; `params` fill fields the template does not say."""

    kind: str
    pattern: re.Pattern[str]
    params: dict[str, Any]
    order: int


@dataclass
class TimeLanguage:
    """The words and rules for one language, compiled once per process."""

    code: str
    lexicons: dict[str, dict[str, Any]]
    rules: list[TimeRule]
    capitalized_only: frozenset[str]
    future_markers: re.Pattern[str] | None
    past_markers: re.Pattern[str] | None
    time_joiners: re.Pattern[str]
    present_markers: re.Pattern[str] | None = None
    forward_cues: re.Pattern[str] | None = None  # "by", "until", "antes de" right before: a deadline ahead
    backward_cues: re.Pattern[str] | None = None  # "since", "seit", "desde" right before: a point behind
    cue_modifiers: tuple[tuple[re.Pattern[str], str], ...] = ()  # "before" -> BEFORE, "about" -> APPROX
    clause_openers: re.Pattern[str] | None = None  # "that", "que", "dass": a reported clause starts here
    abbreviations: frozenset[str] = field(default_factory=frozenset)
    stop_words: frozenset[str] = field(default_factory=frozenset)  # ignored when timelines compare wording


def normalize_word(text: str) -> str:
    """Lexicon key for matched text: lower case, single spaces."""
    return " ".join(text.lower().split())


def lexicon_alternation(words: Iterable[str]) -> str:
    """Regex alternation of lexicon words, longest first so "the end of" wins over "end of"."""
    escaped = [re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len, reverse=True)]
    return "(?:" + "|".join(escaped) + ")" if escaped else "(?!)"


def compile_template(template: str, lexicons: dict[str, dict[str, Any]], day_suffix: str) -> re.Pattern[str]:
    """Turn a rule template into a regex: placeholders become named groups, spaces become `\\s+`."""

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in LEXICON_PLACEHOLDERS:
            body = lexicon_alternation(lexicons.get(LEXICON_PLACEHOLDERS[name], {}))
        elif name == "DAY":
            body = r"(?:3[01]|[12]\d|0?[1-9])" + f"(?:{day_suffix})"
        elif name in FIXED_PLACEHOLDERS:
            body = FIXED_PLACEHOLDERS[name]
        else:
            raise TimeDataError(f"unknown placeholder {{{name}}} in template {template!r}")
        return f"(?P<{name.lower()}>{body})"

    body = PLACEHOLDER.sub(expand, template.replace(" ", r"\s+"))
    return re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE)


def word_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for a list of marker patterns (each a regex fragment), matched as whole words."""
    fragments = list(words)
    if not fragments:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(fragments) + r")(?!\w)", re.IGNORECASE)


def cue_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for cue words that must end right before an expression (only spaces between)."""
    fragments = list(words)
    if not fragments:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(fragments) + r")\s+$", re.IGNORECASE)


def parse_language_data(code: str, data: dict[str, Any]) -> TimeLanguage:
    """Build a `TimeLanguage` from the mapping read from a resource file."""
    lexicons = {
        name: {normalize_word(str(k)): v for k, v in (data.get(name) or {}).items()}
        for name in LEXICON_PLACEHOLDERS.values()
    }
    day_suffix = data.get("day_suffix", "")
    rules = []
    for order, rule in enumerate(data.get("rules") or []):
        params = {k: v for k, v in rule.items() if k not in ("kind", "template")}
        pattern = compile_template(rule["template"], lexicons, day_suffix)
        rules.append(TimeRule(rule["kind"], pattern, params, order))
    joiners = data.get("time_joiners") or []
    joiner_regex = r"^[\s,]*(?:(?:" + "|".join(joiners) + r")\s*)?$" if joiners else r"^[\s,]*$"
    return TimeLanguage(
        code=code,
        lexicons=lexicons,
        rules=rules,
        capitalized_only=frozenset(normalize_word(w) for w in data.get("capitalized_only") or []),
        future_markers=word_pattern(data.get("future_markers") or []),
        past_markers=word_pattern(data.get("past_markers") or []),
        time_joiners=re.compile(joiner_regex, re.IGNORECASE),
        present_markers=word_pattern(data.get("present_markers") or []),
        clause_openers=word_pattern(data.get("clause_openers") or []),
        forward_cues=cue_pattern(data.get("forward_cues") or []),
        backward_cues=cue_pattern(data.get("backward_cues") or []),
        cue_modifiers=tuple(
            (pattern, str(modifier))
            for cue, modifier in (data.get("cue_modifiers") or {}).items()
            if (pattern := cue_pattern([str(cue)])) is not None
        ),
        abbreviations=frozenset(normalize_word(w) for w in data.get("abbreviations") or []),
        stop_words=frozenset(normalize_word(w) for w in data.get("stop_words") or []),
    )


@lru_cache(maxsize=16)
def load_time_language(code: str | None) -> TimeLanguage | None:
    """The time data for a language code ("en", "es-ES" -> "es"), or None when there is no data file."""
    if not code:
        return None
    base = code.lower().replace("_", "-").split("-")[0]
    resource = resources.files(RESOURCE_PACKAGE).joinpath(RESOURCE_FOLDER, f"{base}.yaml")
    if not resource.is_file():
        return None
    try:
        data = yaml.safe_load(resource.read_text(encoding="utf-8"))
        return parse_language_data(base, data)
    except (yaml.YAMLError, KeyError, TypeError, re.error) as error:
        raise TimeDataError(f"{RESOURCE_FOLDER}/{base}.yaml: {error}") from error


def available_languages() -> list[str]:
    """Language codes that have a time data file."""
    folder = resources.files(RESOURCE_PACKAGE).joinpath(RESOURCE_FOLDER)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


# ---------------------------------------------------------------------------------------------------------------
# Sentences and tense


SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-ZÀ-ÖØ-Þ0-9¿¡])|\n\s*\n|\n")


def sentence_bounds(text: str, abbreviations: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Split text into sentences with a light rule (end punctuation before a capital, or a line break).

    Not a parser: good enough to find the clause a time expression belongs to, and fast. A full stop after an
    abbreviation ("Mr.", "Jan.") or a one- or two-digit number (German "3. November") does not end a sentence.
    Returned spans are stripped of surrounding whitespace.
    """
    bounds = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        before = text[start : match.start()].rsplit(None, 1)
        last_word = before[-1] if before else ""
        if match.group().startswith(".") and (
            normalize_word(last_word).rstrip(".") in abbreviations or re.fullmatch(r"\d{1,2}", last_word)
        ):
            continue
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    return [stripped for s, e in bounds if (stripped := strip_span(text, s, e))[0] < stripped[1]]


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Move span edges inwards past whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


CLAUSE_PUNCTUATION = re.compile(r"[,;:]")


TENSE_PRECEDENCE = {"future": 3, "present": 2, "past": 1}


def tense_markers(sentence: str, language: TimeLanguage) -> list[tuple[int, int, str]]:
    """(start, end, tense) of every tense marker in a sentence, in text order.

    Where markers overlap the stronger tense wins (future over present over past): "held" in "will be held" is
    part of a future, "controlled" in "is controlled" part of a present.
    """
    found = []
    for tense, pattern in (
        ("future", language.future_markers),
        ("present", language.present_markers),
        ("past", language.past_markers),
    ):
        if pattern is not None:
            found.extend((m.start(), m.end(), tense) for m in pattern.finditer(sentence))
    kept = [
        (start, end, tense)
        for start, end, tense in found
        if not any(s < end and start < e and TENSE_PRECEDENCE[t] > TENSE_PRECEDENCE[tense] for s, e, t in found)
    ]
    return sorted(kept)


def sentence_tense(sentence: str, start: int, end: int, language: TimeLanguage) -> str | None:
    """ "future", "present" or "past" for the expression at `start:end` within `sentence`, from the tense markers
    around it; None when the sentence has none.

    The nearest marker *before* the expression wins ("talks will resume on Monday, she said" is future; "she said
    on Monday that talks will resume" is past), else the nearest one after it ("On Monday, the minister said").
    A future marker earlier in the same clause wins over nearer past-looking words ("expects to reopen the
    unaffected piers on Thursday"). When a reported clause opens between the nearest marker before and the
    expression ("warned that prices over the winter could rise"), the marker of that clause, after the
    expression, wins over the reporting verb.
    """
    markers = tense_markers(sentence, language)
    before = [m for m in markers if m[1] <= start]
    after = [m for m in markers if m[0] >= end]
    if any(t == "future" and not CLAUSE_PUNCTUATION.search(sentence, e, start) for _, e, t in before):
        return "future"  # "and the authority expects to reopen the unaffected piers on Thursday"
    if before and after and opens_clause(sentence, before[-1][1], start, language):
        return after[0][2]  # "warned that higher prices over the winter could slow"
    if before:
        return before[-1][2]
    return after[0][2] if after else None


def opens_clause(sentence: str, start: int, end: int, language: TimeLanguage) -> bool:
    """True when a clause opener ("that", "que", "dass") stands in `sentence[start:end]`."""
    return language.clause_openers is not None and language.clause_openers.search(sentence, start, end) is not None


def cue_tense(text: str, start: int, language: TimeLanguage) -> str | None:
    """ "future" after a deadline cue ("by", "until", "antes de", "bis"), "past" after "since" / "seit" / "desde",
    else None: what the words right before an expression say about its direction."""
    before = text[max(0, start - 40) : start]
    if language.backward_cues is not None and language.backward_cues.search(before):
        return "past"
    if language.forward_cues is not None and language.forward_cues.search(before):
        return "future"
    return None


def expression_tense(
    text: str, sentence: tuple[int, int], span: tuple[int, int], language: TimeLanguage, default: str
) -> str:
    """The tense that resolves one expression: the sentence's tense markers; where they say nothing or only
    "present" ("is controlled from January"), a cue word right before the expression; else `default` for
    unmarked sentences, or "present" (the nearest occurrence) for present ones."""
    marked = sentence_tense(text[sentence[0] : sentence[1]], span[0] - sentence[0], span[1] - sentence[0], language)
    if marked in (None, "present"):
        marked = cue_tense(text, span[0], language) or marked
    return marked or default


def cue_modifier(text: str, start: int, language: TimeLanguage) -> str | None:
    """TIMEX3 MOD said by a cue right before an expression ("before March" -> BEFORE, "about 3 p.m." -> APPROX)."""
    before = text[max(0, start - 40) : start]
    return next((modifier for pattern, modifier in language.cue_modifiers if pattern.search(before)), None)


# ---------------------------------------------------------------------------------------------------------------
# Values


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


def duration_value(amount: int | str, unit: str) -> str | None:
    """ISO 8601 duration for `amount` units; "X" for an unknown amount ("several days" -> PXD)."""
    if unit in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    if unit == "HY":
        return f"P{amount * 6}M" if isinstance(amount, int) else "PXM"
    if unit in ("Y", "M", "W", "D", "Q", "DE", "WE"):
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
    if offset in (None, 0) and tense == "nearest":
        return anchor + timedelta(days=ahead) if ahead < back else anchor - timedelta(days=back)
    if offset == 1 or (offset in (None, 0) and tense == "future"):
        return anchor + timedelta(days=ahead)
    if offset == -1:
        return anchor - timedelta(days=back or 7)
    return anchor - timedelta(days=back)


def year_for(anchor: date, month: int, day: int | None, offset: int | None, tense: str) -> int:
    """The year of a month (and day) given without one: the nearest in the direction of the tense or offset."""
    here = (month, day or 0)
    now = (anchor.month, anchor.day if day else 0)
    if offset == 1 or (offset in (None, 0) and tense == "future"):
        return anchor.year if here > now or (here == now and offset in (None, 0)) else anchor.year + 1
    if offset == -1:
        return anchor.year if here < now else anchor.year - 1
    if offset is None and tense == "present":
        return nearest_year(anchor, month, day)
    return anchor.year if here <= now else anchor.year - 1


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


SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


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


# ---------------------------------------------------------------------------------------------------------------
# Matching


@dataclass
class Candidate:
    """A rule match before normalization; `start` skips any `lead` words the rule only uses as context."""

    start: int
    end: int
    rule: TimeRule
    match: re.Match[str]


def rule_candidates(text: str, language: TimeLanguage) -> list[Candidate]:
    """Every match of every rule, capitalisation-checked for ambiguous words ("may" the verb vs "May")."""
    found = []
    for rule in language.rules:
        for match in rule.pattern.finditer(text):
            start = match.end("lead") if "lead" in match.re.groupindex and match.group("lead") else match.start()
            start, end = strip_span(text, start, match.end())
            if start < end and not is_lowercase_ambiguous(match, language):
                found.append(Candidate(start, end, rule, match))
    return found


def is_lowercase_ambiguous(match: re.Match[str], language: TimeLanguage) -> bool:
    """True when a month word that is also a common word ("may", "march") is written in lower case."""
    groups = match.groupdict()
    month = groups.get("month")
    return bool(month and normalize_word(month) in language.capitalized_only and month[:1].islower())


def longest_first(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longer matches win, then earlier rules; returned in text order."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.rule.order, c.start)):
        if all(candidate.end <= s or candidate.start >= e for s, e in taken):
            chosen.append(candidate)
            taken.append((candidate.start, candidate.end))
    return sorted(chosen, key=lambda c: c.start)


# ---------------------------------------------------------------------------------------------------------------
# Normalization


@dataclass
class Context:
    """What normalizing one expression needs besides its own words."""

    anchor: date | None
    tense: str
    focus: date | None  # the last day-precise date mentioned before: "the next day" counts from it


def lookup(language: TimeLanguage, lexicon: str, text: str | None) -> Any:
    return None if text is None else language.lexicons[lexicon].get(normalize_word(text))


def number_of(groups: dict[str, str | None], language: TimeLanguage, default: int | str = 1) -> int | str:
    """The amount in NUM or DIGITS ("three" -> 3, "12" -> 12, "several" -> "X")."""
    if groups.get("digits"):
        return int(groups["digits"] or 0)
    if groups.get("num"):
        text = groups["num"] or ""
        return int(text) if text.isdigit() else lookup(language, "numbers", text)
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
    year = int(groups["year"]) if groups.get("year") else None
    month = lookup(language, "months", groups.get("month"))
    day = int(re.match(r"\d+", groups["day"]).group()) if groups.get("day") else None  # type: ignore[union-attr]
    weekday = lookup(language, "weekdays", groups.get("weekday"))
    offset = lookup(language, "offsets", groups.get("offset"))
    if month is None:
        return (f"{year:04d}" if year else None), "DATE"
    if year is None and context.anchor is not None:
        if day and weekday:
            year = year_matching_weekday(context.anchor, month, day, weekday)
        if year is None:
            year = year_for(context.anchor, month, day, offset, context.tense)
    if day and year and day > calendar.monthrange(year, month)[1]:
        return None, "DATE"
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
    if context.anchor is None:
        return f"XXXX-WXX-{weekday}", "DATE"
    tense = "nearest" if params.get("nearest") and offset is None else context.tense
    day = weekday_date(context.anchor, weekday, offset, tense) + timedelta(days=params.get("days", 0))
    part = lookup(language, "parts_of_day", groups.get("part")) or params.get("part")
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
    """ "Three months ago" (direction -1), "in two weeks" (direction +1): at the unit's granularity."""
    unit = lookup(language, "units", groups.get("unit"))
    amount = number_of(groups, language)
    if context.anchor is None or unit is None or not isinstance(amount, int):
        return None, "DATE"
    return shifted_value(context.anchor, unit, params.get("direction", -1) * amount), "DATE"


def build_duration(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Durations: "three months", "for two weeks", "48 hours", "three months later" -> P3M, P2W, PT48H."""
    unit = lookup(language, "units", groups.get("unit")) or params.get("unit")
    amount = number_of(groups, language, params.get("amount", 1))
    if unit is None or amount is None:
        return None, "DURATION"
    return duration_value(amount, unit), "DURATION"


def build_set(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Recurrences: "every Monday" -> XXXX-WXX-1, "every year" / "annually" -> P1Y, "every morning" -> XXXX-XX-XXTMO."""
    if "value" in params:
        return str(params["value"]), "SET"
    weekday = lookup(language, "weekdays", groups.get("weekday"))
    if weekday:
        return f"XXXX-WXX-{weekday}", "SET"
    part = lookup(language, "parts_of_day", groups.get("part"))
    if part:
        return f"XXXX-XX-XXT{part}", "SET"
    unit = lookup(language, "units", groups.get("unit"))
    amount = number_of(groups, language)
    return (duration_value(amount, unit) if unit else None), "SET"


def build_period(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Quarters and halves: "the fourth quarter of 2024" -> 2024-Q4, "Q3" -> the anchor year's Q3, "H1 2024"."""
    unit = params.get("unit", "Q")
    number = lookup(language, "ordinals", groups.get("ord")) or (int(groups["qnum"]) if groups.get("qnum") else None)
    if number is None:
        return None, "DATE"
    year: int | None = int(groups["year"]) if groups.get("year") else None
    if year is None and context.anchor is not None:
        offset = lookup(language, "offsets", groups.get("offset"))
        months_per_period = 6 if unit == "HY" else 3
        first_month = (number - 1) * months_per_period + 1
        year = (
            year_for(context.anchor, first_month, None, offset, context.tense)
            if offset is None
            else (context.anchor.year + offset)
        )
    letter = "H" if unit == "HY" else "Q"
    return (f"{year:04d}-{letter}{number}" if year else f"XXXX-{letter}{number}"), "DATE"


def build_season(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Seasons: "last summer" -> 2022-SU, "in the spring of 2024" -> 2024-SP."""
    season = lookup(language, "seasons", groups.get("season"))
    year = int(groups["year"]) if groups.get("year") else None
    if season is None:
        return None, "DATE"
    if year is None and context.anchor is None:
        return f"XXXX-{season}", "DATE"
    offset = lookup(language, "offsets", groups.get("offset"))
    return season_value(context.anchor or date(year or 1, 1, 1), season, offset, context.tense, year), "DATE"


def build_decade(groups: Groups, params: dict[str, Any], language: TimeLanguage, context: Context) -> Built:
    """Decades: "the 1990s" -> 199."""
    return (groups.get("decade") or None), "DATE"


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
    "time": build_time,
    "fixed": build_fixed,
}
REFERENCE_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
DAY_VALUE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


# ---------------------------------------------------------------------------------------------------------------
# Public API


def find_time_expressions(
    text: str, published: str | None, language: str | None = "en", settings: TimeSettings | None = None
) -> list[FoundTime]:
    """Find time expressions in `text` and normalize them against the publication date `published` (ISO 8601).

    Returns expressions in text order; `value` is None when it cannot be resolved (a relative expression in an
    article without a publication date).
    """
    settings = settings or TimeSettings()
    data = load_time_language(language) or load_time_language(settings.fallback_language)
    if data is None or not text:
        return []
    anchor = parse_anchor(published)
    sentences = sentence_bounds(text, data.abbreviations)
    found: list[FoundTime] = []
    focus = anchor
    for candidate in longest_first(rule_candidates(text, data)):
        sentence = containing_sentence(sentences, candidate.start, candidate.end)
        tense = expression_tense(text, sentence, (candidate.start, candidate.end), data, settings.default_tense)
        value, timex_type, modifier = normalize(candidate, data, Context(anchor, tense, focus))
        if modifier is None and timex_type in ("DATE", "TIME"):
            modifier = cue_modifier(text, candidate.start, data)  # "after two weeks" is a signal, not a MOD
        if value in REFERENCE_VALUES and not settings.include_references:
            continue
        day = DAY_VALUE.match(value or "")
        if day:
            focus = date.fromisoformat(day.group(1))
        found.append(
            FoundTime(
                candidate.start, candidate.end, text[candidate.start : candidate.end], value, timex_type, modifier
            )
        )
    return attach_times(text, found, data) if settings.attach_times else found


def containing_sentence(sentences: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence span holding `start` (the whole text when none does)."""
    for sentence_start, sentence_end in sentences:
        if sentence_start <= start < sentence_end:
            return sentence_start, max(sentence_end, end)
    return 0, end


def attach_times(text: str, found: list[FoundTime], language: TimeLanguage) -> list[FoundTime]:
    """Join a clock time with the date beside it ("Wednesday at 3 p.m.", "15 Uhr am Mittwoch") into one TIME."""
    joined: list[FoundTime] = []
    index = 0
    while index < len(found):
        current = found[index]
        following = found[index + 1] if index + 1 < len(found) else None
        pair = date_and_time(current, following) if following else None
        if following and pair and language.time_joiners.match(text[current.end : following.start]):
            day_value, clock = pair
            start, end = current.start, following.end
            joined.append(FoundTime(start, end, text[start:end], day_value + clock, "TIME", current.modifier))
            index += 2
            continue
        joined.append(current)
        index += 1
    return joined


def date_and_time(first: FoundTime, second: FoundTime) -> tuple[str, str] | None:
    """(date value, "T15:00") when one of the two is a day-precise DATE and the other a bare clock TIME."""
    for day, clock in ((first, second), (second, first)):
        if (
            day.type == "DATE"
            and day.value
            and re.fullmatch(r"\d{4}-\d{2}-\d{2}|XXXX-WXX-\d", day.value)
            and clock.type == "TIME"
            and clock.value
            and clock.value.startswith("XXXX-XX-XXT")
        ):
            return day.value, clock.value[len("XXXX-XX-XX") :]
    return None


def time_expressions_of(article: Article, settings: TimeSettings | None = None) -> list[TimeExpression]:
    """The article's time expressions as model objects, anchored on its publication date."""
    anchor = parse_anchor(article.published)
    return [
        TimeExpression(
            article_id=article.id,
            start=found.start,
            end=found.end,
            text=found.text,
            value=found.value,
            type=found.type,
            anchor=anchor.isoformat() if anchor else None,
            mod=found.modifier,
        )
        for found in find_time_expressions(article.text, article.published, article.language or None, settings)
    ]


@dataclass
class FindTimeExpressions:
    """Article step "time": fills `article.time_expressions`.

    Stats: articles, expressions, unresolved (value None), and one count per TIMEX type (type:DATE, ...).
    """

    settings: TimeSettings = field(default_factory=TimeSettings)
    name: str = "time"

    def run(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]:
        for article in articles:
            stats["articles"] += 1
            if load_time_language(article.language) is None:
                stats["articles_without_language_data"] += 1
            article.time_expressions = time_expressions_of(article, self.settings)
            stats["expressions"] += len(article.time_expressions)
            for expression in article.time_expressions:
                stats[f"type:{expression.type}"] += 1
                if expression.value is None:
                    stats["unresolved"] += 1
            yield article
