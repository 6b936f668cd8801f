"""A quote as the finders hand it on before it gets its id (`FoundQuote`), shared by the direct and indirect
finders and the passes over their results in `quotes.py`."""

from __future__ import annotations

from dataclasses import dataclass

from storylens.model import Speaker


@dataclass
class FoundQuote:
    """A quote before it gets its id: content span, kind, speaker and verb."""

    start: int
    end: int
    kind: str
    speaker: Speaker | None
    verb: str | None
    outer_start: int  # the span including marks (direct) or the whole sentence (indirect)
    outer_end: int
    zero_subject: bool = False  # a reporting verb with no subject ("afirmó en una entrevista")
    framed: bool = False  # a direct quote with a reporting clause of its own (not a speaker from context)
    alone: bool = False  # a direct quote standing as a sentence of its own (its speaker comes from context)
    clause_after: bool = False  # a direct quote whose reporting clause follows it ("“…,” the coach said")
    # a split quote's first piece (content start, content end, closing mark end): the reporting clause follows it
    first_piece: tuple[int, int, int] | None = None


def overlaps(one: FoundQuote, other: FoundQuote) -> bool:
    return one.start < other.end and other.start < one.end
