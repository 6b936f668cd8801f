"""The plain data model that flows through storylens.

Readers produce `Article`s; article steps add annotations to them as character
spans into `Article.text` (the cleaned text); corpus steps group articles into
`Story`s and resolve `Entity`s; story steps add per-story findings (quote
groups, timeline). Every finding carries an article id and `start`/`end`
offsets so it can be shown in place: `article.text[start:end] == finding.text`.

Everything here is a dataclass of plain values so it pickles across processes,
serialises to JSON (`to_dict` / `from_dict`) and persists in any store.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import types
import typing
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass
class Span:
    """A piece of an article: `text == article.text[start:end]`."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass
class Removal:
    """Something cleaning removed or rewrote, with offsets into `Article.original_text`.

    `replacement` is what stands in its place in the cleaned text ("" for a plain
    removal, "." for a repaired full stop), so the report can show both sides.
    """

    start: int
    end: int
    text: str
    reason: str
    replacement: str = ""


@dataclass
class Mention:
    """One occurrence of a named thing (or a short form referring to one) in an article.

    `kind` is "name" for a proper name, "role" for a role phrase ("the foreign
    minister"), "pronoun" for he/she. `antecedent` is the index (in
    `Article.mentions`) of the full mention a short form refers to, when
    within-article resolution found one. `entity_id` is filled by cross-article
    resolution.
    """

    article_id: str
    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, EVENT, ...
    kind: str = "name"
    role: str | None = None  # e.g. "Norland foreign minister", kept when a title is stripped
    antecedent: int | None = None
    entity_id: str | None = None


@dataclass
class MergeEvidence:
    """Why two aliases were put under one entity: the rule and the mentions involved."""

    rule: str  # e.g. "name-order", "acronym", "transliteration", "same-role-in-story", "gazetteer"
    aliases: list[str]
    detail: str = ""
    spans: list[Span] = field(default_factory=list)


@dataclass
class Entity:
    """A canonical actor with every name it appears under.

    Mentions stay on their articles (`Mention.entity_id` points here); the report
    gathers them per entity.
    """

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    evidence: list[MergeEvidence] = field(default_factory=list)
    mention_count: int = 0


@dataclass
class Speaker:
    """Who a quote is attributed to: the span naming them and, when resolved, the entity."""

    text: str
    start: int | None = None
    end: int | None = None
    mention: int | None = None  # index into Article.mentions
    entity_id: str | None = None


@dataclass
class Quote:
    """A direct or indirect quotation, `text` being the quoted content span."""

    id: str
    article_id: str
    start: int
    end: int
    text: str
    kind: str = "direct"  # "direct" | "indirect" | "attributed" (see docs/quotes.md)
    speaker: Speaker | None = None
    verb: str | None = None
    group: str | None = None


@dataclass
class QuoteGroup:
    """The same statement as carried by several articles, earliest first."""

    id: str
    quote_ids: list[str]
    article_ids: list[str]
    outlets: list[str]
    independent_sources: int
    first_article_id: str | None = None
    first_published: str | None = None
    speaker_entity_id: str | None = None
    text: str = ""


@dataclass
class TimeExpression:
    """A time expression normalized to a TIMEX3-style value against the article's date."""

    article_id: str
    start: int
    end: int
    text: str
    value: str | None
    type: str = "DATE"  # DATE | TIME | DURATION | SET
    anchor: str | None = None  # the reference date used to resolve it
    mod: str | None = None  # TIMEX3 MOD: START | MID | END | APPROX | BEFORE | AFTER ("the end of 2024": END)
    alternative_value: str | None = None  # the other reading when the text allows two ("03/11/2020")


@dataclass
class Claim:
    """A checkable statement (an event, a plan, a figure, a date, a list, a denial) made in an article.

    `slots` hold what can be compared across sources: `number` (value, unit,
    bound), `time` (TIMEX3 value from the time step), `place`, `list` (items,
    exclusive), `source` (who the information is attributed to), `object`.
    `modality` is "asserted", "planned", "denied" or "hedged"; `polarity`
    "positive" or "negative". `attribution` is "asserted" when the article says
    it in its own voice, "attributed" when it reports someone's words (then
    `speaker` and, inside a quote, `quote_id` say whose). `mentions` are the
    indexes (in `Article.mentions`) of the entities named in the claim; story
    alignment turns them into `subject_entity_ids` once entities are resolved.
    `key`/`value` summarise the claim's main slot ("number:injured" / "15").
    """

    id: str
    article_id: str
    start: int
    end: int
    text: str
    kind: str = "statement"  # "figure" | "date" | "list" | "plan" | "denial" | "statement"
    key: str | None = None
    value: str | None = None
    verdict: str | None = None  # the verdict of the claim's group: "corroborated" | "conflicting" | "single-source"
    predicate: str | None = None
    subject_entity_ids: list[str] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
    polarity: str = "positive"  # "positive" | "negative"
    modality: str = "asserted"  # "asserted" | "planned" | "denied" | "hedged"
    attribution: str = "asserted"  # "asserted" | "attributed"
    speaker: Speaker | None = None
    quote_id: str | None = None
    group: str | None = None


@dataclass
class ClaimSource:
    """One article's position on a claim group: "supports", "contradicts" or "refines"."""

    article_id: str
    claim_id: str
    outlet: str | None
    stance: str


@dataclass
class ClaimSide:
    """One side of a claim group: the value its claims share and the spans that say it."""

    stance: str  # "supports" | "contradicts"
    value: str
    claim_ids: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    independent_sources: int = 0


@dataclass
class ClaimExplanation:
    """Why a group got its verdict: slots that agree, slots that differ, and each side with its spans."""

    summary: str
    agreeing_slots: list[str] = field(default_factory=list)
    differing_slots: list[str] = field(default_factory=list)
    sides: list[ClaimSide] = field(default_factory=list)


@dataclass
class ClaimGroup:
    """Claims from a story's articles about the same thing, with a verdict across sources."""

    id: str
    verdict: str  # "corroborated" | "conflicting" | "single-source"
    claim_ids: list[str] = field(default_factory=list)
    sources: list[ClaimSource] = field(default_factory=list)
    explanation: ClaimExplanation = field(default_factory=lambda: ClaimExplanation(""))
    predicate: str | None = None
    text: str = ""
    independent_sources: int = 0


@dataclass
class TimelineEvent:
    """Something that happened on a date, as reported by one or more articles."""

    id: str
    date: str  # TIMEX3 value
    text: str
    sources: list[Span] = field(default_factory=list)
    entity_ids: list[str] = field(default_factory=list)
    conflict: bool = False
    conflicting_dates: list[str] = field(default_factory=list)


@dataclass
class CoverageEntry:
    """When an outlet published an article on a story."""

    article_id: str
    outlet: str | None
    published: str | None


@dataclass
class Story:
    """A group of articles about one event, with its per-story findings."""

    id: str
    title: str = ""
    article_ids: list[str] = field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None
    outlets: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    key_entity_ids: list[str] = field(default_factory=list)
    quote_groups: list[QuoteGroup] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    claim_groups: list[ClaimGroup] = field(default_factory=list)
    coverage: list[CoverageEntry] = field(default_factory=list)
    signature: dict[str, Any] = field(default_factory=dict)  # clustering state kept for incremental runs
    framing: dict[str, Any] = field(default_factory=dict)  # how each outlet/camp told it (steps/framing.py)


@dataclass
class CopyGroup:
    """Articles that are copies of one another; `original_id` is the earliest."""

    id: str
    original_id: str
    article_ids: list[str]
    similarity: dict[str, float] = field(default_factory=dict)  # article id -> similarity to original


@dataclass
class ErrorRecord:
    """Input that could not be read or analysed, named by file and reason."""

    source: str
    error: str


@dataclass
class Article:
    """One news article. `text` is the cleaned text every span points into."""

    id: str
    text: str
    source: str
    sources: list[str] = field(default_factory=list)
    external_id: str | None = None
    # the external id of the input record behind each source: records with one text are one article,
    # and a user joining results back to their own ids needs every record's id, not only the first
    source_external_ids: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601
    language: str | None = None
    based_on: str | None = None  # outlet this article says it draws on
    original_text: str | None = None  # text before cleaning; Removal offsets point here
    removals: list[Removal] = field(default_factory=list)
    translation_evidence: list[str] = field(default_factory=list)  # why it looks machine-translated
    metadata: dict[str, Any] = field(default_factory=dict)  # reader extras (camp, feed, ...)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    time_expressions: list[TimeExpression] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    duplicate_of: str | None = None
    copy_group: str | None = None
    copy_similarity: float | None = None
    story_id: str | None = None


@dataclass
class Corpus:
    """Everything known after a run: what corpus steps read and write."""

    articles: dict[str, Article] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    copy_groups: dict[str, CopyGroup] = field(default_factory=dict)
    errors: list[ErrorRecord] = field(default_factory=list)
    new_article_ids: set[str] = field(default_factory=set)  # added in this run (for incremental steps)

    def articles_of(self, story: Story) -> list[Article]:
        return [self.articles[i] for i in story.article_ids if i in self.articles]


def normalize_for_id(text: str) -> str:
    """The form of a text that its id is computed from: NFC, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def article_id_for(text: str) -> str:
    """Stable content-hash id: the same article text always gets the same id."""
    return hashlib.sha256(normalize_for_id(text).encode("utf-8")).hexdigest()[:16]


_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def to_dict(obj: Any) -> Any:
    """Dataclass (or nested structure of them) to plain JSON-able values.

    Plain values, most of what an article holds, are answered first: the store converts every analysed
    article, hundreds of thousands of values per thousand articles."""
    if type(obj) in _PLAIN_TYPES:
        return obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {name: to_dict(getattr(obj, name)) for name in _field_names(type(obj))}
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_dict(v) for v in obj]
    if isinstance(obj, set):
        return sorted(to_dict(v) for v in obj)
    return obj


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def from_dict(cls: type[T], data: Any) -> T:
    """Rebuild a dataclass from `to_dict` output, following type hints for nesting."""
    converters = _field_converters(cls)
    kwargs = {}
    for key, value in data.items():
        convert = converters.get(key)
        if convert is not None:
            kwargs[key] = convert(value)
    return cls(**kwargs)


@functools.cache
def _field_hints(cls: type) -> dict[str, Any]:
    """A dataclass's field types by name, resolved once per class: `typing.get_type_hints` re-evaluates
    every annotation on each call, which made loading a stored corpus several times slower."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


@functools.cache
def _field_converters(cls: type) -> dict[str, Callable[[Any], Any]]:
    return {name: _converter(hint) for name, hint in _field_hints(cls).items()}


def _convert(hint: Any, value: Any) -> Any:
    return _converter(hint)(value)


def _keep(value: Any) -> Any:
    return value


@functools.cache
def _converter(hint: Any) -> Callable[[Any], Any]:
    """How a stored value of type `hint` is rebuilt, worked out once per type hint: reading the hint's
    origin and arguments for every value (millions per thousand stored articles) made reading a run's
    working set cost seconds of pure type inspection. None stays None at every level."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _converter(inner[0]) if len(inner) == 1 else _keep
    if origin in (list, set):
        item = _converter(args[0])
        if item is _keep:
            return lambda value: None if value is None else origin(value)
        return lambda value: None if value is None else origin(item(v) for v in value)
    if origin is dict:
        item = _converter(args[1])
        if item is _keep:
            return lambda value: None if value is None else dict(value)
        return lambda value: None if value is None else {k: item(v) for k, v in value.items()}
    if dataclasses.is_dataclass(hint):
        return lambda value: None if value is None else from_dict(hint, value)  # type: ignore[arg-type]
    return _keep
