"""The audit trail of cleaning: edits proposed by rules become `Removal`s against the original text.

Every change cleaning makes is a `Removal` with offsets into the ORIGINAL text, so the report can show
the original beside the cleaned text and `apply_removals(original, removals)` rebuilds the cleaned text
exactly. Rules see the partly cleaned text and propose `Edit`s in its offsets; `RemovalLedger` maps
them back to the original, merging with earlier removals they touch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from storylens.model import Removal


@dataclass(frozen=True)
class Edit:
    """A change proposed by a rule, in offsets of the text the rule saw."""

    start: int
    end: int
    replacement: str
    reason: str


def apply_removals(original: str, removals: Iterable[Removal]) -> str:
    """Rebuild the cleaned text from the original and its removals."""
    pieces, position = [], 0
    for removal in sorted(removals, key=lambda r: (r.start, r.end)):
        pieces.append(original[position : removal.start])
        pieces.append(removal.replacement)
        position = removal.end
    pieces.append(original[position:])
    return "".join(pieces)


class RemovalLedger:
    """The removals made so far against one original text, and the text they produce.

    `apply` takes edits expressed in the current (partly cleaned) text and
    records them in original offsets. An edit that touches an earlier removal
    absorbs it, so removals never overlap and `apply_removals` stays exact.
    """

    def __init__(self, original: str) -> None:
        self.original = original
        self.removals: list[Removal] = []
        self.text = original

    def _char_origins(self) -> list[int]:
        """For each character of the current text: its original offset, or -(index+1) of the removal it came from."""
        origins: list[int] = []
        position = 0
        for index, removal in enumerate(self.removals):
            origins.extend(range(position, removal.start))
            origins.extend([-(index + 1)] * len(removal.replacement))
            position = removal.end
        origins.extend(range(position, len(self.original)))
        return origins

    def apply(self, edits: list[Edit]) -> None:
        if not edits:
            return
        origins = self._char_origins()
        new_removals: list[Removal] = []
        absorbed: set[int] = set()
        for edit in _non_overlapping(edits):
            removal, merged = self._to_original(edit, origins)
            if merged & absorbed:
                continue
            absorbed |= merged
            new_removals.append(removal)
        kept = [removal for index, removal in enumerate(self.removals) if index not in absorbed]
        self.removals = sorted(kept + new_removals, key=lambda r: (r.start, r.end))
        self.text = apply_removals(self.original, self.removals)

    def _to_original(self, edit: Edit, origins: list[int]) -> tuple[Removal, set[int]]:
        start, end = edit.start, edit.end
        while start > 0 and start < len(origins) and origins[start] < 0 and origins[start - 1] == origins[start]:
            start -= 1  # widen to the whole earlier replacement this edit cuts into
        while 0 < end < len(origins) and origins[end - 1] < 0 and origins[end] == origins[end - 1]:
            end += 1
        original_start = self._original_start(start, origins)
        original_end = self._original_end(end, origins) if end > start else original_start
        merged = {-origin - 1 for origin in origins[start:end] if origin < 0}
        merged |= {
            index
            for index, removal in enumerate(self.removals)
            if not removal.replacement and original_start <= removal.start and removal.end <= original_end
        }
        replacement = self.text[start : edit.start] + edit.replacement + self.text[edit.end : end]
        reason = self.removals[min(merged)].reason if merged else edit.reason
        text = self.original[original_start:original_end]
        return Removal(original_start, original_end, text, reason, replacement), merged

    def _original_start(self, position: int, origins: list[int]) -> int:
        if position >= len(origins):
            return len(self.original)
        origin = origins[position]
        return origin if origin >= 0 else self.removals[-origin - 1].start

    def _original_end(self, position: int, origins: list[int]) -> int:
        if position <= 0:
            return 0
        origin = origins[position - 1]
        return origin + 1 if origin >= 0 else self.removals[-origin - 1].end


def _non_overlapping(edits: list[Edit]) -> list[Edit]:
    """Edits sorted by position; an edit overlapping one already kept is dropped."""
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, -(e.end - e.start))):
        if kept and (edit.start < kept[-1].end or (edit.start == kept[-1].start and edit.start == edit.end)):
            continue
        kept.append(edit)
    return kept
