"""Story timelines: what happened when, according to whom, and where sources disagree on a date.

For each story, every clause that carries a calendar date (a DATE or TIME expression whose value names a day, week,
month, quarter, season, year or decade) becomes a candidate event. Candidates from all the story's articles are
merged when their dates are compatible (equal, or one inside the other: "in November" and "on 3 November") and they
describe the same thing (shared entities or similar wording); every article stays cited as a `Span` of its clause.
Events that clearly match but carry incompatible dates ("talks on Tuesday 3 November" vs "talks on 4 November") are
flagged as conflicts when two independent sources give them: a copy (`article.duplicate_of`) speaks with its
original's voice, so it never makes a conflict on its own.

The coverage timeline lists when each outlet published an article on the story.

Sentences come from the light rule-based splitter in `time_expressions` (no parser: it is slow and not needed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from storylens.model import Article, CoverageEntry, Span, TimeExpression, TimelineEvent
from storylens.pipeline import Stats, StoryBundle
from storylens.steps.time_expressions import (
    SEASON_MONTHS,
    TimeSettings,
    load_time_language,
    sentence_bounds,
    time_expressions_of,
)


@dataclass(frozen=True)
class TimelineSettings:
    """Settings for building story timelines.

    - `merge_similarity`: wording or entity overlap (shared share of the smaller set, 0-1) above which two clauses
      with compatible dates are one event.
    - `conflict_similarity`: overlap of the words right around the two dates (their first four letters, so "open"
      and "opened" agree; at least two shared) above which two day-precise clauses with different dates are the
      same event dated differently (a conflict) rather than two events.
    - `min_conflict_shared_words`: how many words around the dates two clauses must share to be one event dated
      differently ("the port authority" alone is not enough).
    - `conflict_window_words`: how many content words on each side of the date count as "right around" it.
    - `max_conflict_gap_days`: dates further apart than this are two events, not a disagreement (news conflicts
      are a day or a few days off).
    - `min_word_length`: words shorter than this are ignored when comparing wording (drops most function words
      in en/es/de/fr without a stop list).
    - `event_types`: TIMEX types that place an event on the timeline (durations and sets do not).
    - `find_missing_expressions`: find time expressions for articles that arrive without any (the "time" step did
      not run on them).
    """

    merge_similarity: float = 0.5
    conflict_similarity: float = 0.6
    min_conflict_shared_words: int = 3
    conflict_window_words: int = 6
    max_conflict_gap_days: int = 3
    min_word_length: int = 4
    event_types: tuple[str, ...] = ("DATE", "TIME")
    find_missing_expressions: bool = True
    time: TimeSettings = field(default_factory=TimeSettings)


# ---------------------------------------------------------------------------------------------------------------
# Dates as ranges


def period_bounds(value: str | None) -> tuple[date, date] | None:
    """First and last day of the period a TIMEX3 value names, or None when it is not a calendar period.

    "2023-05-24T15:00" -> that day; "2023-05" -> the month; "2023-W21" -> Monday to Sunday; "2024-Q4", "2024-H1",
    "2023-SU", "2024", "199" (the 1990s). Relative values (XXXX-...), references and durations -> None.
    """
    if not value:
        return None
    patterns = (
        (r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", day_bounds),
        (r"(\d{4})-W(\d{2})(-WE)?", week_bounds),
        (r"(\d{4})-(\d{2})", month_bounds),
        (r"(\d{4})-([QH])([1-4])", part_of_year_bounds),
        (r"(\d{4})-(SP|SU|FA|WI)", season_bounds),
        (r"(\d{4})", lambda year: (date(int(year), 1, 1), date(int(year), 12, 31))),
        (r"(\d{3})", lambda decade: (date(int(decade) * 10, 1, 1), date(int(decade) * 10 + 9, 12, 31))),
    )
    for pattern, bounds in patterns:
        match = re.fullmatch(pattern, value)
        if match:
            try:
                return bounds(*match.groups())
            except ValueError:
                return None
    return None


def day_bounds(year: str, month: str, day: str) -> tuple[date, date]:
    start = date(int(year), int(month), int(day))
    return start, start


def week_bounds(year: str, week: str, weekend: str | None) -> tuple[date, date]:
    monday = date.fromisocalendar(int(year), int(week), 1)
    return (monday + timedelta(days=5) if weekend else monday), monday + timedelta(days=6)


def month_bounds(year: str, month: str) -> tuple[date, date]:
    start = date(int(year), int(month), 1)
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start, following - timedelta(days=1)


def part_of_year_bounds(year: str, letter: str, number: str) -> tuple[date, date]:
    months = 3 if letter == "Q" else 6
    first_month = (int(number) - 1) * months + 1
    start = date(int(year), first_month, 1)
    last = month_bounds(year, f"{first_month + months - 1:02d}")[1]
    return start, last


def season_bounds(year: str, season: str) -> tuple[date, date]:
    first_month = SEASON_MONTHS[season]
    start = date(int(year), first_month, 1)
    end_year, end_month = divmod(int(year) * 12 + first_month - 1 + 2, 12)
    return start, month_bounds(str(end_year), f"{end_month + 1:02d}")[1]


def event_date(value: str) -> str:
    """The date an event is placed on: a time of day is dropped ("2023-05-24T15:00", "2023-05-24TEV" ->
    "2023-05-24"), so "Tuesday night" and "late on Tuesday" are the same day on the timeline; the time stays on
    the time expression."""
    return DAY_WITH_TIME.sub(r"\1", value)


DAY_WITH_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T.*$")


def compatible(first: tuple[date, date], second: tuple[date, date]) -> bool:
    """True when one period lies inside the other ("November" and "3 November"): they can be the same date."""
    return (first[0] <= second[0] and second[1] <= first[1]) or (second[0] <= first[0] and first[1] <= second[1])


def disjoint(first: tuple[date, date], second: tuple[date, date]) -> bool:
    """True when the periods share no day: the same event cannot be on both."""
    return first[1] < second[0] or second[1] < first[0]


# ---------------------------------------------------------------------------------------------------------------
# Candidate events


@dataclass
class DatedClause:
    """One clause with its date, as a candidate event."""

    value: str
    bounds: tuple[date, date]
    span: Span
    words: frozenset[str]
    near_words: frozenset[str]  # word stems around the date: what the dated thing is ("talks open")
    entity_ids: frozenset[str]
    names: frozenset[str]  # entity ids, or mention texts when mentions are unresolved: for comparing only
    root: str  # the original article's id: copies share it
    published: str | None


WORD = re.compile(r"\w+")
CLAUSE_BREAK = re.compile(r"[;:]\s|,\s|\s[-–—]\s")


def clause_tokens(text: str, minimum_length: int, stop_words: frozenset[str] = frozenset()) -> list[str]:
    """Content words of a text in order: lower-cased; digits, short words and the language's stop words dropped."""
    words = (m.group().lower() for m in WORD.finditer(text))
    return [w for w in words if len(w) >= minimum_length and not w.isdigit() and w not in stop_words]


def clause_words(text: str, minimum_length: int, stop_words: frozenset[str] = frozenset()) -> frozenset[str]:
    """The set of a clause's content words, for comparing wording."""
    return frozenset(clause_tokens(text, minimum_length, stop_words))


def clause_bounds(text: str, sentence: tuple[int, int], anchors: list[TimeExpression]) -> list[tuple[int, int]]:
    """Split a sentence between its dated expressions, one clause per expression.

    The cut between two expressions is the last clause break (comma, semicolon, dash) between them, else the
    middle of the gap, so "talks on Tuesday, and a vote on Friday" gives two clauses.
    """
    cuts = [sentence[0]]
    for first, second in pairwise(anchors):
        gap = text[first.end : second.start]
        breaks = list(CLAUSE_BREAK.finditer(gap))
        cuts.append(first.end + (breaks[-1].end() if breaks else len(gap) // 2))
    cuts.append(sentence[1])
    return [(cuts[i], cuts[i + 1]) for i in range(len(anchors))]


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Span without surrounding spaces or stray clause punctuation."""
    while start < end and (text[start].isspace() or text[start] in ",;:–—-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:–—-"):
        end -= 1
    return start, end


def dated_clauses(article: Article, expressions: list[TimeExpression], settings: TimelineSettings) -> list[DatedClause]:
    """Candidate events of one article: each clause around a calendar-dated expression."""
    language = load_time_language(article.language) or load_time_language(settings.time.fallback_language)
    abbreviations = language.abbreviations if language else frozenset()
    stop_words = language.stop_words if language else frozenset()
    dated = [
        (e, bounds)
        for e in expressions
        if e.type in settings.event_types and (bounds := period_bounds(e.value)) is not None
    ]
    clauses: list[DatedClause] = []
    for sentence in sentence_bounds(article.text, abbreviations):
        inside = [(e, b) for e, b in dated if sentence[0] <= e.start < sentence[1]]
        if not inside:
            continue
        for (expression, bounds), (start, end) in zip(
            inside, clause_bounds(article.text, sentence, [e for e, _ in inside]), strict=True
        ):
            start, end = trimmed(article.text, start, end)
            clauses.append(make_clause(article, expression, bounds, (start, end), stop_words, settings))
    return clauses


def make_clause(
    article: Article,
    expression: TimeExpression,
    bounds: tuple[date, date],
    clause: tuple[int, int],
    stop_words: frozenset[str],
    settings: TimelineSettings,
) -> DatedClause:
    """The clause `clause` of an article as a candidate event dated by `expression`."""
    text = article.text
    start, end = clause
    wording = text[start : expression.start] + " " + text[expression.end : end]  # the date itself is not the wording
    before = clause_tokens(text[start : expression.start], settings.min_word_length, stop_words)
    after = clause_tokens(text[expression.end : end], settings.min_word_length, stop_words)
    window = settings.conflict_window_words
    near = frozenset(w[:4] for w in before[-window:] + after[:window])
    mentions = [m for m in article.mentions if start <= m.start and m.end <= end]
    entity_ids = frozenset(m.entity_id for m in mentions if m.entity_id)
    names = entity_ids | frozenset("name:" + m.text.lower() for m in mentions if not m.entity_id)
    return DatedClause(
        value=event_date(expression.value or ""),
        bounds=bounds,
        span=Span(article.id, start, end, text[start:end]),
        words=clause_words(wording, settings.min_word_length, stop_words),
        near_words=near,
        entity_ids=entity_ids,
        names=names,
        root=article.duplicate_of or article.id,
        published=article.published,
    )


# ---------------------------------------------------------------------------------------------------------------
# Merging and conflicts


@dataclass
class EventDraft:
    """An event being assembled from clauses."""

    value: str
    bounds: tuple[date, date]
    clauses: list[DatedClause]

    @property
    def words(self) -> frozenset[str]:
        return frozenset().union(*(c.words for c in self.clauses))

    @property
    def near_words(self) -> frozenset[str]:
        return frozenset().union(*(c.near_words for c in self.clauses))

    @property
    def names(self) -> frozenset[str]:
        return frozenset().union(*(c.names for c in self.clauses))

    @property
    def roots(self) -> set[str]:
        return {c.root for c in self.clauses}


def overlap(first: frozenset[str], second: frozenset[str], minimum_shared: int = 1) -> float:
    """Shared items over the smaller set (a short clause inside a long one still matches), 0 when fewer than
    `minimum_shared` items (or all of the smaller set) are shared."""
    if not first or not second:
        return 0.0
    shared = len(first & second)
    smaller = min(len(first), len(second))
    return shared / smaller if shared >= min(minimum_shared, smaller) else 0.0


def similarity(first: EventDraft | DatedClause, second: EventDraft | DatedClause) -> float:
    """How likely two clauses tell the same event: the better of wording overlap (at least two shared content
    words) and entity overlap."""
    return max(overlap(first.words, second.words, 2), overlap(first.names, second.names))


def merge_clauses(clauses: list[DatedClause], settings: TimelineSettings) -> list[EventDraft]:
    """Group clauses into events: compatible dates and similar enough; the most precise date names the event."""
    drafts: list[EventDraft] = []
    for clause in sorted(clauses, key=lambda c: (c.bounds[1] - c.bounds[0], c.published or "", c.span.article_id)):
        best: tuple[float, EventDraft] | None = None
        for draft in drafts:
            if not compatible(draft.bounds, clause.bounds):
                continue
            score = similarity(draft, clause)
            if score >= settings.merge_similarity and (best is None or score > best[0]):
                best = (score, draft)
        if best:
            best[1].clauses.append(clause)
        else:
            drafts.append(EventDraft(clause.value, clause.bounds, [clause]))
    return drafts


def conflicting_pairs(drafts: list[EventDraft], settings: TimelineSettings) -> list[tuple[int, int]]:
    """Index pairs of events that look like one event given different days by independent sources.

    Strict on purpose, since a story is full of related events on nearby days: both dates day-precise and at most
    `max_conflict_gap_days` apart, the words right around the dates alike, the entities (when known) shared.
    """
    pairs = []
    for i, first in enumerate(drafts):
        for j in range(i + 1, len(drafts)):
            if is_date_conflict(first, drafts[j], settings):
                pairs.append((i, j))
    return pairs


def is_date_conflict(first: EventDraft, second: EventDraft, settings: TimelineSettings) -> bool:
    """True when a day-precise clause of one event and one of the other, from independent sources, tell the same
    thing on different days.

    Clauses are compared one to one, not as the union of an event's clauses: a merged event gathers many words
    (and week- or month-level clauses), and its union would resemble any neighbouring event.
    """
    single_days = first.bounds[0] == first.bounds[1] and second.bounds[0] == second.bounds[1]
    if not single_days or first.bounds == second.bounds:
        return False
    if abs((first.bounds[0] - second.bounds[0]).days) > settings.max_conflict_gap_days:
        return False
    return any(clauses_conflict(a, b, settings) for a in day_clauses(first) for b in day_clauses(second))


def day_clauses(draft: EventDraft) -> list[DatedClause]:
    """The clauses of an event dated to a single day (the ones that can disagree on the day)."""
    return [c for c in draft.clauses if c.bounds[0] == c.bounds[1]]


def clauses_conflict(first: DatedClause, second: DatedClause, settings: TimelineSettings) -> bool:
    """Two day clauses from different sources with the same entities (when known) and the same words around the
    date: at least `min_conflict_shared_words` of them and `conflict_similarity` of the smaller set."""
    if first.root == second.root:
        return False  # one source (or its copies) giving two dates is a sequence, not a disagreement
    names_agree = not (first.names and second.names) or bool(first.names & second.names)
    shared_words = overlap(first.near_words, second.near_words, settings.min_conflict_shared_words)
    return names_agree and shared_words >= settings.conflict_similarity


def sort_key(draft: EventDraft) -> tuple[date, date, str]:
    return draft.bounds[0], draft.bounds[1], draft.value


def timeline_events(story_id: str, drafts: list[EventDraft], conflicts: list[tuple[int, int]]) -> list[TimelineEvent]:
    """Final events in date order, with ids f"{story_id}-ev{n}" and conflict flags."""
    conflicting: dict[int, set[str]] = {}
    for i, j in conflicts:
        conflicting.setdefault(i, set()).add(drafts[j].value)
        conflicting.setdefault(j, set()).add(drafts[i].value)
    order = sorted(range(len(drafts)), key=lambda k: sort_key(drafts[k]))
    events = []
    for number, index in enumerate(order, start=1):
        draft = drafts[index]
        clauses = sorted(draft.clauses, key=lambda c: (c.published is None, c.published or "", c.span.article_id))
        events.append(
            TimelineEvent(
                id=f"{story_id}-ev{number}",
                date=draft.value,
                text=clauses[0].span.text,
                sources=[c.span for c in clauses],
                entity_ids=sorted(frozenset().union(*(c.entity_ids for c in clauses))),
                conflict=index in conflicting,
                conflicting_dates=sorted(conflicting.get(index, set())),
            )
        )
    return events


def coverage_of(articles: Iterable[Article]) -> list[CoverageEntry]:
    """When each outlet published on the story, earliest first (undated articles last)."""
    entries = [CoverageEntry(a.id, a.outlet, a.published) for a in articles]
    return sorted(entries, key=lambda e: (e.published is None, e.published or "", e.outlet or "", e.article_id))


def build_timeline(
    story_id: str, articles: list[Article], settings: TimelineSettings | None = None
) -> tuple[list[TimelineEvent], int]:
    """Events of a story from its articles, and how many events were flagged as conflicts."""
    settings = settings or TimelineSettings()
    clauses: list[DatedClause] = []
    for article in articles:
        expressions = article.time_expressions
        if not expressions and settings.find_missing_expressions:
            expressions = time_expressions_of(article, settings.time)
        clauses.extend(dated_clauses(article, expressions, settings))
    drafts = merge_clauses(clauses, settings)
    events = timeline_events(story_id, drafts, conflicting_pairs(drafts, settings))
    return events, sum(e.conflict for e in events)


@dataclass
class BuildTimeline:
    """Story step "timeline": fills `story.timeline` (events by date, with sources and conflicts) and
    `story.coverage`.

    Stats: stories, events, sources (clauses cited), conflicts (events flagged), coverage_entries.
    """

    settings: TimelineSettings = field(default_factory=TimelineSettings)
    name: str = "timeline"

    def run(self, bundle: StoryBundle, stats: Stats) -> StoryBundle:
        events, conflicts = build_timeline(bundle.story.id, bundle.articles, self.settings)
        bundle.story.timeline = events
        bundle.story.coverage = coverage_of(bundle.articles)
        stats["stories"] += 1
        stats["events"] += len(events)
        stats["sources"] += sum(len(e.sources) for e in events)
        stats["conflicts"] += conflicts
        stats["coverage_entries"] += len(bundle.story.coverage)
        return bundle
