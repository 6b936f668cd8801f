"""Inline SVG charts for the HTML report, drawn in Python.

The report must open offline as one file, so charts are plain SVG markup built
here rather than a JavaScript charting library. Every piece of text that comes
from articles (outlet names, event text, dates) is escaped before it enters the
markup; the functions return `Markup` so templates can insert the chart without
`|safe`.

Two charts:

- `coverage_chart`: one row per outlet, one dot per article at its publication
  time, coloured by the outlet's camp, so you see who published first.
- `timeline_chart`: numbered markers on a date axis for each timeline event,
  conflicting events in red, matching the numbered list under the chart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from markupsafe import Markup

UNKNOWN_CAMP_COLOUR = "#6b7280"
CONFLICT_COLOUR = "#dc2626"
EVENT_COLOUR = "#2563eb"
AXIS_COLOUR = "#9ca3af"
GRID_COLOUR = "#e5e7eb"
TEXT_COLOUR = "#374151"

_TIMEX_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2}))?")


@dataclass(frozen=True)
class ChartSettings:
    """Geometry of the inline charts (SVG user units; the SVG scales to the page width)."""

    width: int = 960
    label_width: int = 190  # left margin for outlet names in the coverage chart
    row_height: int = 26
    axis_height: int = 34
    dot_radius: float = 6.0
    marker_radius: float = 10.0
    ticks: int = 6
    max_label_chars: int = 28


@dataclass(frozen=True)
class CoveragePoint:
    """One article on the coverage chart."""

    outlet: str
    published: datetime
    href: str  # in-page anchor, e.g. "#article-abc"
    label: str  # tooltip: title and time
    colour: str


@dataclass(frozen=True)
class TimelinePoint:
    """One timeline event on the timeline chart; `number` matches the list under it."""

    number: int
    date: datetime
    label: str  # tooltip: date and event text
    conflict: bool
    href: str


def parse_published(value: str | None) -> datetime | None:
    """An ISO 8601 publication time as a naive UTC datetime (None when absent or unreadable)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return parse_timex(value)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def parse_timex(value: str | None) -> datetime | None:
    """The first instant of a TIMEX3 date value ("2024", "2024-03", "2024-03-05T14:00").

    Weeks, seasons and unknown parts ("XXXX-03") cannot be placed on an axis and give None.
    """
    if not value:
        return None
    match = _TIMEX_DATE.match(value.strip())
    if not match:
        return None
    year, month, day, hour, minute = (int(part) if part else None for part in match.groups())
    try:
        return datetime(year or 1, month or 1, day or 1, hour or 0, minute or 0)
    except ValueError:
        return None


def _time_range(times: Sequence[datetime]) -> tuple[datetime, datetime]:
    """The axis range: the data's span, padded so single points sit mid-axis."""
    low, high = min(times), max(times)
    if high - low < timedelta(hours=1):
        return low - timedelta(hours=12), high + timedelta(hours=12)
    padding = (high - low) * 0.04
    return low - padding, high + padding


_TICK_STEPS = (
    timedelta(hours=1),
    timedelta(hours=2),
    timedelta(hours=3),
    timedelta(hours=6),
    timedelta(hours=12),
    timedelta(days=1),
    timedelta(days=2),
    timedelta(days=7),
    timedelta(days=14),
)
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)


def _month_start(month_number: int) -> datetime:
    """The first day of a month counted as year * 12 + month - 1."""
    return datetime(month_number // 12, month_number % 12 + 1, 1)


def time_ticks(low: datetime, high: datetime, max_ticks: int) -> list[datetime]:
    """Round tick positions (whole hours, days, weeks or months) between `low` and `high`.

    Picks the smallest calendar step that gives at most `max_ticks` ticks, so
    labels read "14 Apr 06:00" rather than "14 Apr 05:28".
    """
    span = high - low
    for step in _TICK_STEPS:
        if span / step <= max_ticks:
            midnight = datetime(low.year, low.month, low.day)
            count = -(-(low - midnight) // step)  # first step boundary at or after `low`
            first = midnight + step * count
            ticks = []
            while first <= high:
                ticks.append(first)
                first += step
            return ticks
    low_month = low.year * 12 + low.month - 1
    high_month = high.year * 12 + high.month - 1
    for months in _MONTH_STEPS:
        if (high_month - low_month) / months <= max_ticks or months == _MONTH_STEPS[-1]:
            first_month = -(-low_month // months) * months
            if _month_start(first_month) < low:
                first_month += months
            return [_month_start(month) for month in range(first_month, high_month + 1, months)]
    return []


def tick_label(moment: datetime, step: timedelta, first: bool) -> str:
    """A short label: clock times within a day, the date at midnight, month and year for long spans."""
    at_midnight = (moment.hour, moment.minute) == (0, 0)
    if step < timedelta(days=1) and not at_midnight:
        return f"{moment.day} {moment:%b %H:%M}" if first else f"{moment:%H:%M}"
    if step < timedelta(days=28):
        return f"{moment.day} {moment:%b}"
    return f"{moment:%b %Y}"


def _x_position(moment: datetime, low: datetime, high: datetime, left: float, right: float) -> float:
    fraction = (moment - low) / (high - low)
    return left + fraction * (right - left)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _axis(
    low: datetime, high: datetime, left: float, right: float, top: float, bottom: float, settings: ChartSettings
) -> list[Markup]:
    """Vertical grid lines at round times with labels under the plot area."""
    parts: list[Markup] = []
    ticks = time_ticks(low, high, settings.ticks)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else high - low
    for number, moment in enumerate(ticks):
        x = _x_position(moment, low, high, left, right)
        parts.append(
            Markup('<line x1="{0:.1f}" y1="{1}" x2="{0:.1f}" y2="{2}" stroke="{3}"/>').format(
                x, top, bottom, GRID_COLOUR
            )
        )
        parts.append(
            Markup('<text x="{:.1f}" y="{}" text-anchor="middle" font-size="11" fill="{}">{}</text>').format(
                x, bottom + 16, TEXT_COLOUR, tick_label(moment, step, number == 0)
            )
        )
    parts.append(
        Markup('<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="{3}"/>').format(left, bottom, right, AXIS_COLOUR)
    )
    return parts


def _svg(width: int, height: int, title: str, body: list[Markup]) -> Markup:
    return Markup(
        '<svg class="chart" viewBox="0 0 {0} {1}" width="100%" role="img" aria-label="{2}" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>{2}</title>{3}</svg>'
    ).format(width, height, title, Markup("").join(body))


def coverage_chart(points: Sequence[CoveragePoint], settings: ChartSettings | None = None) -> Markup:
    """When each outlet published: one row per outlet (earliest first), a dot per article.

    Returns empty markup when no article has a readable publication time.
    """
    settings = settings or ChartSettings()
    if not points:
        return Markup("")
    first_seen: dict[str, datetime] = {}
    for point in points:
        first_seen[point.outlet] = min(first_seen.get(point.outlet, point.published), point.published)
    outlets = sorted(first_seen, key=lambda name: (first_seen[name], name))
    low, high = _time_range([point.published for point in points])
    left, right = settings.label_width, settings.width - 16
    top = 8
    bottom = top + settings.row_height * len(outlets)
    body = _axis(low, high, left, right, top, bottom, settings)
    for row, outlet in enumerate(outlets):
        y = top + settings.row_height * row + settings.row_height / 2
        body.append(
            Markup(
                '<text x="{}" y="{:.1f}" text-anchor="end" dominant-baseline="middle" font-size="12" fill="{}">'
                "{}<title>{}</title></text>"
            ).format(left - 10, y, TEXT_COLOUR, _shorten(outlet, settings.max_label_chars), outlet)
        )
        body.append(
            Markup('<line x1="{0}" y1="{1:.1f}" x2="{2}" y2="{1:.1f}" stroke="{3}" stroke-dasharray="2 4"/>').format(
                left, y, right, GRID_COLOUR
            )
        )
        for point in (p for p in points if p.outlet == outlet):
            x = _x_position(point.published, low, high, left, right)
            body.append(
                Markup(
                    '<a href="{}"><circle cx="{:.1f}" cy="{:.1f}" r="{}" fill="{}" fill-opacity="0.85" '
                    'stroke="#fff" stroke-width="1.5"><title>{}</title></circle></a>'
                ).format(point.href, x, y, settings.dot_radius, point.colour, point.label)
            )
    return _svg(settings.width, bottom + settings.axis_height, "When each outlet published", body)


def focus_range(times: Sequence[datetime], minimum_margin: timedelta = timedelta(days=30)) -> tuple[datetime, datetime]:
    """The part of the date axis where most events are.

    A story's timeline mixes the days of the event with background dates ("installed in
    2019", "takes effect in 2027"); scaling the axis to all of them squeezes the story's
    own days into one column. The focus is the 10th to 90th percentile of the dates,
    widened by half that span (at least `minimum_margin`) on each side and clipped to
    the data; events outside it are drawn in gutters at the ends of the axis.
    """
    ordered = sorted(times)
    low = ordered[int(0.1 * (len(ordered) - 1))]
    high = ordered[round(0.9 * (len(ordered) - 1))]
    margin = max((high - low) / 2, minimum_margin)
    return max(ordered[0], low - margin), min(ordered[-1], high + margin)


def coverage_focus(coverage: Sequence[CoveragePoint]) -> tuple[datetime, datetime] | None:
    """The days a story's timeline should show: its coverage period, widened.

    What a story is about happens around the time it is reported: from two weeks
    before the first article (or half the coverage span, if longer) to a month after the
    last one (announced next steps).
    """
    if not coverage:
        return None
    first, last = min(p.published for p in coverage), max(p.published for p in coverage)
    span = last - first
    return first - max(timedelta(days=14), span / 2), last + max(timedelta(days=31), span / 2)


def timeline_chart(
    points: Sequence[TimelinePoint],
    settings: ChartSettings | None = None,
    focus: tuple[datetime, datetime] | None = None,
) -> Markup:
    """Timeline events as numbered markers on a date axis; events close in time stack upwards.

    Events outside `focus` (by default `focus_range` of the event dates; the report
    passes `coverage_focus` of the story) sit in a gutter at the left or right end,
    behind a dashed break, labelled "earlier" / "later"; their tooltips and the numbered
    list still give their dates.
    """
    settings = settings or ChartSettings()
    if not points:
        return Markup("")
    focus_low, focus_high = focus or focus_range([point.date for point in points])
    inside = [p.date for p in points if focus_low <= p.date <= focus_high]
    if not inside:
        focus_low, focus_high = focus_range([point.date for point in points])
        inside = [p.date for p in points if focus_low <= p.date <= focus_high]
    low, high = _time_range(inside)
    has_earlier = any(point.date < low for point in points)
    has_later = any(point.date > high for point in points)
    gutter = settings.marker_radius * 2 + 24
    left = 24 + (gutter if has_earlier else 0)
    right = settings.width - 24 - (gutter if has_later else 0)
    diameter = settings.marker_radius * 2 + 4
    placed: list[tuple[float, int]] = []  # (x, level) of markers already drawn
    markers: list[tuple[TimelinePoint, float, int]] = []
    for point in sorted(points, key=lambda p: (p.date, p.number)):
        if point.date < low:
            x = left - gutter / 2
        elif point.date > high:
            x = right + gutter / 2
        else:
            x = _x_position(point.date, low, high, left, right)
        level = 0
        while any(abs(x - other_x) < diameter and other_level == level for other_x, other_level in placed):
            level += 1
        placed.append((x, level))
        markers.append((point, x, level))
    levels = max(level for _, _, level in markers) + 1
    top = 8
    bottom = top + levels * diameter + 8
    body = _axis(low, high, left, right, top, bottom, settings)
    for present, x, label in ((has_earlier, left, "earlier"), (has_later, right, "later")):
        if present:
            centre = x - gutter / 2 if label == "earlier" else x + gutter / 2
            body.append(
                Markup(
                    '<line x1="{0:.1f}" y1="{1}" x2="{0:.1f}" y2="{2}" stroke="{3}" stroke-dasharray="4 3"/>'
                    '<text x="{4:.1f}" y="{5}" text-anchor="middle" font-size="11" fill="{6}">{7}</text>'
                ).format(x, top, bottom, AXIS_COLOUR, centre, bottom + 16, TEXT_COLOUR, label)
            )
    for point, x, level in markers:
        y = bottom - 8 - settings.marker_radius - level * diameter
        colour = CONFLICT_COLOUR if point.conflict else EVENT_COLOUR
        body.append(
            Markup(
                '<a href="{}"><circle cx="{:.1f}" cy="{:.1f}" r="{}" fill="{}"><title>{}</title></circle>'
                '<text x="{:.1f}" y="{:.1f}" text-anchor="middle" dominant-baseline="central" font-size="11" '
                'font-weight="600" fill="#fff" pointer-events="none">{}</text></a>'
            ).format(point.href, x, y, settings.marker_radius, colour, point.label, x, y, point.number)
        )
    return _svg(settings.width, bottom + settings.axis_height, "Timeline of events", body)
