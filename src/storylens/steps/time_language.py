"""Language data for time expressions: lexicons and rule templates read from `resources/time/<language>.yaml`.

Month and weekday names, amount words, relative words, tense markers and the rule templates that put them together
are data, so adding a language is adding a file. This module compiles one file into a `TimeLanguage` (once per
process) and defines `Candidate`, one rule match before normalization. Numerals in words ("twenty-four",
"vierundzwanzig") are read by `storylens.numerals`, shared with the claims step: `{NUM}` matches them as well as
the words of the `numbers` lexicon ("a", "several").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from storylens.numerals import numeral_pattern
from storylens.resources import language_resource, read_yaml

RESOURCE_PACKAGE = "storylens.resources"
RESOURCE_FOLDER = "time"


class TimeDataError(ValueError):
    """A time resource file is malformed (names the file and the reason)."""


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
    "HOLIDAY": "holidays",
    "DECADE": "decades",
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
    not_after: re.Pattern[str] | None = None  # words that must not end right before a match ("$5 million a year")
    capitalized: bool = False  # the month or weekday word must be capitalized, and an ambiguous one not a name


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
    decision_markers: re.Pattern[str] | None = None  # "decided to": present after it, past before it (see time_tense)
    forward_cues: re.Pattern[str] | None = None  # "by", "until", "antes de" right before: a deadline ahead
    backward_cues: re.Pattern[str] | None = None  # "since", "seit", "desde" right before: a point behind
    point_cues: re.Pattern[str] | None = None  # "as of" right before: the state at a point, either side: nearest
    backward_clauses: re.Pattern[str] | None = None  # the same words anywhere in the expression's clause
    period_end_cues: re.Pattern[str] | None = None  # "ended", "ending": the day closes the period just named
    deadline_cues: re.Pattern[str] | None = None  # "payable", "effective": a scheduled date (see `deadline_year`)
    cue_modifiers: tuple[tuple[re.Pattern[str], str], ...] = ()  # "before" -> BEFORE, "about" -> APPROX
    clause_openers: re.Pattern[str] | None = None  # "that", "que", "dass": a reported clause starts here
    subordinators: re.Pattern[str] | None = None  # "after", "who", "since": a subordinate clause starts here
    abbreviations: frozenset[str] = field(default_factory=frozenset)
    stop_words: frozenset[str] = field(default_factory=frozenset)  # ignored when timelines compare wording
    title_case_names: bool = False  # a common time word capitalized mid-sentence is part of a name ("This Week")
    name_words: frozenset[str] = field(default_factory=frozenset)  # always capitalized: months, weekdays
    habit_markers: re.Pattern[str] | None = None  # "usually", "often": a plural period in the sentence recurs
    comparison_openers: re.Pattern[str] | None = None  # "from $3 million" ... "last year": a figure's comparison
    comparison_figure_after: re.Pattern[str] | None = None  # "last year's $1.5 billion", "last year's results"


def normalize_word(text: str) -> str:
    """Lexicon key for matched text: lower case, single spaces."""
    return " ".join(text.lower().split())


def lexicon_alternation(words: Iterable[str]) -> str:
    """Regex alternation of lexicon words, longest first so "the end of" wins over "end of"."""
    escaped = [re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len, reverse=True)]
    return "(?:" + "|".join(escaped) + ")" if escaped else "(?!)"


def compile_template(
    template: str,
    lexicons: dict[str, dict[str, Any]],
    day_suffix: str,
    spelled_year: str | None = None,
    numeral: str | None = None,
) -> re.Pattern[str]:
    """Turn a rule template into a regex: placeholders become named groups, spaces become `\\s+`. `{YEAR}` also
    takes the language's spelled-out years ("nineteen ninety-six") when its data gives their pattern, and `{NUM}`
    a numeral in words (`numeral`, from `storylens.numerals`: "twenty-four", "two hundred") besides the amount
    words of the `numbers` lexicon ("a", "several")."""

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "NUM" and numeral:
            body = f"(?:{numeral}|{lexicon_alternation(lexicons.get('numbers', {}))})"
        elif name in LEXICON_PLACEHOLDERS:
            body = lexicon_alternation(lexicons.get(LEXICON_PLACEHOLDERS[name], {}))
        elif name == "DAY":
            body = r"(?:3[01]|[12]\d|0?[1-9])" + f"(?:{day_suffix})"
        elif name == "YEAR" and spelled_year:
            body = f"(?:{FIXED_PLACEHOLDERS[name]}|{spelled_year})"
        elif name in FIXED_PLACEHOLDERS:
            body = FIXED_PLACEHOLDERS[name]
        else:
            raise TimeDataError(f"unknown placeholder {{{name}}} in template {template!r}")
        return f"(?P<{name.lower()}>{body})"

    body = PLACEHOLDER.sub(expand, template.replace(" ", r"\s+"))
    return re.compile(r"(?<!\w)(?:" + body + r")(?!\w)", re.IGNORECASE)


def word_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for a list of marker patterns (each a regex fragment), matched as whole words; a word joined by a
    hyphen is part of an adjective ("lower-than-expected", "long-planned"), not a marker."""
    fragments = list(words)
    if not fragments:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(fragments) + r")(?![\w-])", re.IGNORECASE)


def cue_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for cue words that must end right before an expression (only spaces between)."""
    fragments = list(words)
    if not fragments:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(fragments) + r")\s+$", re.IGNORECASE)


def comparison_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for words that open a figure's comparison, followed in the same clause by a figure (a currency
    sign or a digit) and reaching the end of the searched text ("from $3 million ", "compared with 5% ")."""
    fragments = list(words)
    if not fragments:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(fragments) + r")(?!\w)[^;:]*?[$£#€¥\d][^;:]*$", re.IGNORECASE)


def parse_language_data(code: str, data: dict[str, Any]) -> TimeLanguage:
    """Build a `TimeLanguage` from the mapping read from a resource file."""
    lexicons = {
        name: {normalize_word(str(k)): v for k, v in (data.get(name) or {}).items()}
        for name in LEXICON_PLACEHOLDERS.values()
    }
    numeral = numeral_pattern(code)
    day_suffix = data.get("day_suffix", "")
    rules = []
    for order, rule in enumerate(data.get("rules") or []):
        params = {k: v for k, v in rule.items() if k not in ("kind", "template", "not_after", "capitalized")}
        pattern = compile_template(rule["template"], lexicons, day_suffix, data.get("spelled_year"), numeral)
        not_after = cue_pattern([rule["not_after"]]) if rule.get("not_after") else None
        rules.append(TimeRule(rule["kind"], pattern, params, order, not_after, bool(rule.get("capitalized"))))
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
        decision_markers=word_pattern(data.get("decision_markers") or []),
        clause_openers=word_pattern(data.get("clause_openers") or []),
        subordinators=word_pattern(data.get("subordinators") or []),
        forward_cues=cue_pattern(data.get("forward_cues") or []),
        backward_cues=cue_pattern(data.get("backward_cues") or []),
        point_cues=cue_pattern(data.get("point_cues") or []),
        backward_clauses=word_pattern(data.get("backward_cues") or []),
        period_end_cues=cue_pattern(data.get("period_end_cues") or []),
        deadline_cues=cue_pattern(data.get("deadline_cues") or []),
        cue_modifiers=tuple(
            (pattern, str(modifier))
            for cue, modifier in (data.get("cue_modifiers") or {}).items()
            if (pattern := cue_pattern([str(cue)])) is not None
        ),
        abbreviations=frozenset(normalize_word(w) for w in data.get("abbreviations") or []),
        stop_words=frozenset(normalize_word(w) for w in data.get("stop_words") or []),
        title_case_names=bool(data.get("title_case_names")),
        habit_markers=word_pattern(data.get("habit_markers") or []),
        comparison_openers=comparison_pattern(data.get("comparison_openers") or []),
        comparison_figure_after=(
            re.compile(data["comparison_figure_after"], re.IGNORECASE) if data.get("comparison_figure_after") else None
        ),
        name_words=frozenset(
            word.rstrip(".")
            for name in ("months", "weekdays")
            for key in lexicons[name]
            for word in re.findall(r"[^\W\d_]+", key)
        ),
    )


@lru_cache(maxsize=16)
def load_time_language(code: str | None) -> TimeLanguage | None:
    """The time data for a language code ("en", "es-ES" -> "es"), or None when there is no data file."""
    found = language_resource(RESOURCE_FOLDER, code)
    if found is None:
        return None
    base, resource = found
    try:
        data = read_yaml(resource.read_text(encoding="utf-8"))
        return parse_language_data(base, data)
    except (yaml.YAMLError, KeyError, TypeError, re.error) as error:
        raise TimeDataError(f"{RESOURCE_FOLDER}/{base}.yaml: {error}") from error


def available_languages() -> list[str]:
    """Language codes that have a time data file."""
    folder = resources.files(RESOURCE_PACKAGE).joinpath(RESOURCE_FOLDER)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


@dataclass
class Candidate:
    """A rule match before normalization; `start` skips any `lead` words the rule only uses as context."""

    start: int
    end: int
    rule: TimeRule
    match: re.Match[str]
