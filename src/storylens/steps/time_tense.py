"""Sentences and tense for time expressions: which way "on Wednesday" or "in March" points from the anchor.

A weekday or a month without a year is resolved backwards in a past-tense sentence and forwards in a future one.
The tense comes from the sentence's verbs (`verb_tenses`: the spaCy tagger's morphology where a model is installed)
and from per-language marker words; cue words right before an expression ("by", "since") decide where neither does.
"""

from __future__ import annotations

import re

from storylens.steps.time_language import TimeLanguage, normalize_word

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


def expression_tense(text: str, sentence: tuple[int, int], span: tuple[int, int], language: TimeLanguage) -> str | None:
    """The tense that resolves one expression: the sentence's tense markers; where they say nothing or only
    "present" ("is controlled from January"), a cue word right before the expression. None when neither says
    anything (the caller's default applies); "present" resolves to the nearest occurrence."""
    marked = sentence_tense(text[sentence[0] : sentence[1]], span[0] - sentence[0], span[1] - sentence[0], language)
    if marked in (None, "present"):
        marked = cue_tense(text, span[0], language) or marked
    return marked


def cue_modifier(text: str, start: int, language: TimeLanguage) -> str | None:
    """TIMEX3 MOD said by a cue right before an expression ("before March" -> BEFORE, "about 3 p.m." -> APPROX)."""
    before = text[max(0, start - 40) : start]
    return next((modifier for pattern, modifier in language.cue_modifiers if pattern.search(before)), None)
