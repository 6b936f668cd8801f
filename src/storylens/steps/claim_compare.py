"""Comparing two claims slot by slot: the same, a compatible refinement, or a conflict.

A conflict needs an incompatible value in a slot both claims fill: a different figure for the same unit ("12
injured" vs "15 injured"), a different date, a different list, a different source of a piece of information, or
one claim denying what the other asserts. A refinement is a more precise value that the other admits: "at least
12" admits 15, "in 2027" admits "by the end of 2027" and "in November 2026" admits "on 17 November 2026", "in Lyon
and Turin" admits "in Turin, Lyon and Graz" unless the shorter list says "only". Refinements are never conflicts.

`ClaimComparer` is the seam for a stronger model: the default `RuleComparer` does the slot rules here and measures
how alike two claims are with the shared multilingual sentence encoder; `ClaimSettings.comparer` may name another
factory ("package.module:make_comparer"), e.g. an NLI cross-encoder, that returns an object with the same methods.
"""

from __future__ import annotations

import datetime
import importlib
import re
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import numpy as np

from storylens.model import Claim

INFORMATION_FRAMES = frozenset({"report", "announce"})


@dataclass
class Comparison:
    """How two claims relate: "same", "refines" (compatible, one more precise) or "conflicts"."""

    relation: str
    agreeing: list[str] = field(default_factory=list)
    differing: list[str] = field(default_factory=list)
    refining: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------------------
# Slot rules


def compare_numbers(left: dict[str, Any], right: dict[str, Any], tolerance: float) -> str:
    """ "same", "refines" or "conflicts" for two figures of one unit, honouring their bounds."""
    a, b = float(left["value"]), float(right["value"])
    bound_a, bound_b = left.get("bound", "exact"), right.get("bound", "exact")
    if bound_a == bound_b == "exact":
        return "same" if a == b else "conflicts"
    if "approx" in (bound_a, bound_b):
        reference = max(a, b)
        close = abs(a - b) <= tolerance * reference
        if bound_a == bound_b:
            return "same" if a == b else ("refines" if close else "conflicts")
        return "refines" if close or _within_bound(left, right) or _within_bound(right, left) else "conflicts"
    if _within_bound(left, right) or _within_bound(right, left):
        return "same" if a == b and bound_a == bound_b else "refines"
    return "conflicts"


def _within_bound(bounded: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether `other`'s figure satisfies `bounded`'s "at least" / "at most"."""
    a, b = float(bounded["value"]), float(other["value"])
    bound, other_bound = bounded.get("bound"), other.get("bound")
    if bound == "min":
        return other_bound == "min" or b >= a
    if bound == "max":
        return other_bound == "max" or b <= a
    return False


def number_pairs(left: Claim, right: Claim) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The figures of both claims that count the same thing (first of each unit class)."""
    first_left = {n["unit"]: n for n in reversed(left.slots.get("number", []))}
    first_right = {n["unit"]: n for n in reversed(right.slots.get("number", []))}
    return [(first_left[unit], first_right[unit]) for unit in first_left if unit in first_right]


TIMEX_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
TIMEX_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


def compare_times(left: dict[str, Any], right: dict[str, Any]) -> str:
    """ "same", "refines" or "conflicts" for two TIMEX3 values: a value inside the other's period refines it."""
    a, b = str(left["value"]), str(right["value"])
    if a == b:
        return "same" if left.get("mod") == right.get("mod") else "refines"
    if _inside(a, b) or _inside(b, a):
        return "refines"
    return "conflicts"


def absolute(time: dict[str, Any]) -> bool:
    """Whether a date is written out ("17 November", "2027"), not relative ("on Tuesday", "next week").

    Relative dates are resolved against each article's publication date, and a wire story reprinted days later,
    or a quote reported later, shifts them: two relative dates that differ are not evidence of a conflict."""
    return any(character.isdigit() for character in str(time.get("text", "")))


def _inside(narrow: str, wide: str) -> bool:
    if narrow.startswith(wide) and len(narrow) > len(wide):
        return True
    day, week = TIMEX_DAY.match(narrow), TIMEX_WEEK.match(wide)
    if day and week:
        iso = datetime.date(int(day[1]), int(day[2]), int(day[3])).isocalendar()
        return (iso[0], iso[1]) == (int(week[1]), int(week[2]))
    return False


def list_items(slot: dict[str, Any]) -> list[tuple[str | None, str]]:
    """(entity id, folded text) per list item: items match by resolved entity, or by text where one side has none."""
    ids = slot.get("entity_ids") or [None] * len(slot["items"])
    return [(entity, _fold(item)) for item, entity in zip(slot["items"], ids, strict=False)]


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _same_item(left: tuple[str | None, str], right: tuple[str | None, str]) -> bool:
    return (left[0] is not None and left[0] == right[0]) or left[1] == right[1]


def compare_lists(left: dict[str, Any], right: dict[str, Any]) -> str:
    """Same items; a subset (refines, unless the shorter list says "only"); or different items (conflicts)."""
    a, b = list_items(left), list_items(right)
    a_in_b = all(any(_same_item(item, other) for other in b) for item in a)
    b_in_a = all(any(_same_item(item, other) for other in a) for item in b)
    if a_in_b and b_in_a:
        return "same"
    if a_in_b:
        return "conflicts" if left.get("exclusive") else "refines"
    if b_in_a:
        return "conflicts" if right.get("exclusive") else "refines"
    return "conflicts"


def source_key(slot: dict[str, Any]) -> str:
    return slot.get("entity_id") or _fold(str(slot.get("name", "")))


def compare_slots(left: Claim, right: Claim, tolerance: float = 0.15) -> Comparison:
    """Compare every slot both claims fill, and their polarity."""
    result = Comparison("same")
    outcomes: list[tuple[str, str, str]] = []
    for a, b in number_pairs(left, right):
        outcomes.append(("number", compare_numbers(a, b, tolerance), f"{a['text']!r} / {b['text']!r}"))
    left_time, right_time = left.slots.get("time"), right.slots.get("time")
    if left_time and right_time:
        relation = compare_times(left_time[0], right_time[0])
        if relation != "conflicts" or all(absolute(t[0]) for t in (left_time, right_time)):
            outcomes.append(("time", relation, f"{left_time[0]['text']!r} / {right_time[0]['text']!r}"))
    left_list, right_list = left.slots.get("list"), right.slots.get("list")
    if left_list and right_list:
        outcomes.append(
            ("list", compare_lists(left_list, right_list), f"{left_list['text']!r} / {right_list['text']!r}")
        )
    left_source, right_source = left.slots.get("source"), right.slots.get("source")
    if left_source and right_source:
        same_source = source_key(left_source) == source_key(right_source)
        about_source = {left.predicate, right.predicate} & INFORMATION_FRAMES
        relation = "same" if same_source else ("conflicts" if about_source else "refines")
        outcomes.append(("source", relation, f"{left_source['name']!r} / {right_source['name']!r}"))
    if denies(left, right, outcomes) or denies(right, left, outcomes):
        outcomes.append(("polarity", "conflicts", f"{left.modality} / {right.modality}"))
    for slot, relation, detail in outcomes:
        if relation == "same":
            result.agreeing.append(slot)
        elif relation == "refines":
            result.refining.append(slot)
            result.details.append(f"{slot} refines: {detail}")
        else:
            result.differing.append(slot)
            result.details.append(f"{slot} differs: {detail}")
    if result.differing:
        result.relation = "conflicts"
    elif result.refining:
        result.relation = "refines"
    return result


def denies(left: Claim, right: Claim, outcomes: list[tuple[str, str, str]]) -> bool:
    """Whether `left` denies or negates what `right` asserts. An explicit denial always counts; a plain negation
    only when the claims have no figure, date or list to compare and share most of their words (in a long
    sentence a "not" is often about something else than what both report)."""
    if left.polarity == right.polarity:
        return False
    if left.modality == "denied" and right.modality != "denied":
        return True
    return not outcomes and left.polarity == "negative" and word_overlap(left.text, right.text) >= NEGATION_OVERLAP


NEGATION_OVERLAP = 0.5
CONTENT_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)


def word_overlap(left: str, right: str) -> float:
    """Share of the shorter text's content words (first five letters) found in the other: "the bridge was not
    damaged" and "the bridge was damaged" say opposite things about the same words."""
    a = {word.casefold()[:5] for word in CONTENT_WORD.findall(left)}
    b = {word.casefold()[:5] for word in CONTENT_WORD.findall(right)}
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


MASK_PATTERNS = (re.compile(r"\d+(?:[.,]\d+)*"),)


def masked_text(claim: Claim) -> str:
    """The claim's text with its figures (not what they count), dates, list items and source masked: what it is
    *about*, not what it says, so "15 injured" and "12 injured" embed alike."""
    text = claim.text
    spans = [(n["start"], n["start"] + len(n["text"].split()[0])) for n in claim.slots.get("number", []) if n["text"]]
    spans += [(t["start"], t["end"]) for t in claim.slots.get("time", [])]
    for slot in ("list", "source"):
        if slot in claim.slots:
            spans.append((claim.slots[slot]["start"], claim.slots[slot]["end"]))
    for start, end in sorted(spans, reverse=True):
        local_start, local_end = start - claim.start, end - claim.start
        if 0 <= local_start < local_end <= len(text):
            text = text[:local_start] + "…" + text[local_end:]
    for pattern in MASK_PATTERNS:
        text = pattern.sub("…", text)
    return text


# ---------------------------------------------------------------------------------------------------------------
# The comparer seam


@runtime_checkable
class ClaimComparer(Protocol):
    """What alignment, verdicts and stance need from a claim comparison model."""

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length vectors, one row per text, for "about the same thing" (cosine)."""
        ...

    def compare(self, left: Claim, right: Claim) -> Comparison:
        """Same / refines / conflicts for two claims already known to be about the same thing."""
        ...


class RuleComparer:
    """The default comparer: slot rules and the shared multilingual sentence encoder (offline, no extra model)."""

    def __init__(self, tolerance: float = 0.15) -> None:
        self.tolerance = tolerance

    def embed(self, texts: list[str]) -> np.ndarray:
        from storylens.steps.embeddings import embed_texts

        return cached_embeddings(texts, embed_texts)

    def compare(self, left: Claim, right: Claim) -> Comparison:
        return compare_slots(left, right, self.tolerance)


EMBEDDING_CACHE_LIMIT = 100_000
_embedding_cache: dict[str, np.ndarray] = {}


def cached_embeddings(texts: list[str], encode: Any) -> np.ndarray:
    """Rows for `texts`, each distinct text encoded once per process (copies repeat sentences)."""
    missing = list(dict.fromkeys(text for text in texts if text not in _embedding_cache))
    if missing:
        if len(_embedding_cache) + len(missing) > EMBEDDING_CACHE_LIMIT:
            _embedding_cache.clear()
        for offset in range(0, len(missing), 256):
            chunk = missing[offset : offset + 256]
            _embedding_cache.update(zip(chunk, encode(chunk), strict=True))
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    return np.stack([_embedding_cache[text] for text in texts])


class ComparerError(ValueError):
    """`ClaimSettings.comparer` names something that cannot be loaded as a comparer."""


def load_comparer(name: str, tolerance: float = 0.15) -> ClaimComparer:
    """The comparer a setting names: "rules", or "module:attribute" (a factory called with no arguments)."""
    if name == "rules":
        return RuleComparer(tolerance)
    module_name, _, attribute = name.partition(":")
    try:
        factory = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError, ValueError) as error:
        raise ComparerError(f"claims.comparer {name!r}: cannot load: {error}") from error
    comparer = factory()
    if not isinstance(comparer, ClaimComparer):
        raise ComparerError(f"claims.comparer {name!r}: {type(comparer).__name__} lacks embed() and compare()")
    return comparer
