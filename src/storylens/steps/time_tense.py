"""Sentences and tense for time expressions: which way "on Wednesday" or "in March" points from the anchor.

A weekday or a month without a year is resolved backwards in a past-tense sentence and forwards in a future one.
The tense comes from per-language marker words (which keep news conventions: "says" reports the past, "is due to"
points ahead) and, where a spaCy model for the language is installed, from the sentence's verbs as the tagger reads
them (`VerbTenses`: morphology Tense=Past / Pres, modals, auxiliary chains). The tagger also vetoes marker words that
are not verbs there ("May" in "Monday (May 13)" is a month, not the modal). Cue words right before an expression
("by", "since") decide where neither says anything.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from storylens.steps.time_language import TimeLanguage, normalize_word

Marker = tuple[int, int, str]  # (start, end, tense) within a sentence

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


CLAUSE_PUNCTUATION = re.compile(r"[,;:!?]|''|[\"”]")  # a closing quote ends the quoted clause too


TENSE_PRECEDENCE = {"future": 3, "present": 2, "past": 1}


@dataclass(frozen=True)
class VerbTenses:
    """What the tagger says about one sentence: tense markers from its verb chains, and the spans of words that
    are not verbs there (nouns, proper nouns, numbers), where a marker word is no marker."""

    markers: tuple[Marker, ...] = ()
    not_verbs: tuple[tuple[int, int], ...] = ()


VERB_TAGS = frozenset({"MD", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
NOT_VERB_TAGS = frozenset({"NNP", "NNPS", "NN", "NNS", "CD"})  # not JJ: "are due", "is likely" stay futures
PRESENT_MODALS = frozenset({"can", "ca"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})  # "will have finished" is still ahead


def chain_tense(chain: Sequence[Any]) -> str | None:
    """The tense of one verb chain ("will be held", "had been set", "is controlled", "confirmed") from its first
    finite word: a modal points ahead (not "can"; "may have been" looks back), a past form back, a present "have" +
    participle reports the past (news convention), another present form is present."""
    first = chain[0]
    if first.tag_ == "MD":
        if first.lower_ in PRESENT_MODALS:
            return "present"
        perfect = any(t.lower_ == "have" for t in chain[1:]) and any(t.tag_ == "VBN" for t in chain[1:])
        return "past" if perfect and first.lower_ not in FUTURE_MODALS else "future"  # "may have been"
    tense = first.morph.get("Tense")
    if first.tag_ == "VBD" or (tense == ["Past"] and first.tag_ != "VBN"):
        return "past"
    if first.tag_ in ("VBZ", "VBP"):
        perfect = first.lemma_ == "have" or first.lower_ in ("has", "have", "'ve")
        return "past" if perfect and any(t.tag_ == "VBN" for t in chain[1:]) else "present"
    if first.tag_ == "VBN":
        return "past"  # a reduced clause: "the plan announced Monday"
    return None


def verb_tenses(doc: Any) -> VerbTenses:
    """Tense markers for one tagged sentence (a spaCy `Doc`): one per chain of verb words (adverbs like "not"
    inside), spanning the chain, so "will be held" is one future and never a past "held"."""
    markers: list[Marker] = []
    not_verbs: list[tuple[int, int]] = []
    chain: list[Any] = []

    def close() -> None:
        if chain:
            tense = chain_tense(chain)
            if tense:
                markers.append((chain[0].idx, chain[-1].idx + len(chain[-1]), tense))
            chain.clear()

    for token in doc:
        if token.tag_ in VERB_TAGS and not (token.tag_ in ("VB", "VBG") and not chain):
            chain.append(token)
        elif chain and token.tag_ == "RB":
            continue
        else:
            close()
            if token.tag_ in NOT_VERB_TAGS:
                not_verbs.append((token.idx, token.idx + len(token)))
    close()
    return VerbTenses(tuple(markers), tuple(not_verbs))


TAGGER_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler")


@lru_cache(maxsize=4)
def tense_tagger(model: str) -> Any | None:
    """The spaCy pipeline that tags verbs for `model` (tok2vec, tagger, attribute_ruler only), or None when the
    model is not installed: tense then comes from marker words alone."""
    from storylens.nlp import ModelUnavailable, load_spacy

    try:
        return load_spacy(model, enable=TAGGER_COMPONENTS)
    except ModelUnavailable:
        return None


def tag_sentences(texts: list[str], model: str | None) -> list[VerbTenses] | None:
    """Verb tenses of each sentence text in one batch, or None without a tagger for the language. The tagged
    sentences go through the per-process Doc cache (`storylens.nlp.parse_texts`): a sentence repeated in
    another article (a wire copy) is tagged once."""
    from storylens.nlp import parse_texts

    if not model or tense_tagger(model) is None:
        return None
    return [verb_tenses(doc) for doc in parse_texts(model, TAGGER_COMPONENTS, texts)]


def tense_markers(sentence: str, language: TimeLanguage, verbs: VerbTenses | None = None) -> list[Marker]:
    """(start, end, tense) of every tense marker in a sentence, in text order.

    Marker words come first; the tagger's verb chains (`verbs`) add the verbs no word list names ("drew",
    "struck down"), and veto marker words it reads as nouns or adjectives ("May" the month, "lower-than-expected").
    Without a tagger, a marker word that is also a month ("may") does not count when capitalized mid-sentence.
    Where markers overlap the stronger tense wins (future over present over past): "held" in "will be held" is
    part of a future, "controlled" in "is controlled" part of a present.
    """
    found = []
    for tense, pattern in (
        ("future", language.future_markers),
        ("present", language.present_markers),
        ("present", language.decision_markers),
        ("past", language.past_markers),
    ):
        if pattern is not None:
            found.extend((m.start(), m.end(), tense) for m in pattern.finditer(sentence))
    if verbs is not None:
        found = [m for m in found if not any(s <= m[0] and m[1] <= e for s, e in verbs.not_verbs)]
        found += [m for m in verbs.markers if not any(s < m[1] and m[0] < e for s, e, _ in found)]
    else:
        found = [m for m in found if not is_capitalized_month(sentence, m, language)]
    kept = [
        (start, end, tense)
        for start, end, tense in found
        if not any(s < end and start < e and TENSE_PRECEDENCE[t] > TENSE_PRECEDENCE[tense] for s, e, t in found)
    ]
    return sorted(kept)


def is_capitalized_month(sentence: str, marker: Marker, language: TimeLanguage) -> bool:
    """A marker word that is also a month name ("May") written capitalized after the sentence's first word."""
    word = sentence[marker[0] : marker[1]]
    return marker[0] > 0 and word[:1].isupper() and normalize_word(word) in language.capitalized_only


def sentence_tense(
    sentence: str, start: int, end: int, language: TimeLanguage, verbs: VerbTenses | None = None
) -> str | None:
    """ "future", "present" or "past" for the expression at `start:end` within `sentence`, from the tense markers
    around it; None when the sentence has none.

    The nearest marker *before* the expression wins ("talks will resume on Monday, she said" is future; "she said
    on Monday that talks will resume" is past), else the nearest one after it ("On Monday, the minister said").
    A future marker earlier in the same clause wins over nearer past-looking words ("expects to reopen the
    unaffected piers on Thursday"). When a reported clause opens between the nearest marker before and the
    expression ("warned that prices over the winter could rise"), the marker of that clause, after the
    expression, wins over the reporting verb.
    """
    markers = tense_markers(sentence, language, verbs)
    before = [m for m in markers if m[0] < start]  # "will soon": a marker that runs into the expression
    after = [m for m in markers if m[0] >= end]
    if any(
        t == "future"
        and not CLAUSE_PUNCTUATION.search(sentence, e, start)
        and not subordinate(sentence, e, start, language)
        and not opens_clause(sentence, e, start, language)
        for _, e, t in before
    ):
        return "future"  # "and the authority expects to reopen the unaffected piers on Thursday"
    if before and after and opens_clause(sentence, before[-1][1], start, language):
        return tense_after(sentence, after[0], language)  # "warned that higher prices over the winter could slow"
    if before and after and subordinate(sentence, before[-1][1], start, language):
        return tense_after(sentence, after[0], language)  # "will remain even after a court Thursday refused"
    if before:
        return before[-1][2]
    return tense_after(sentence, after[0], language) if after else None


def tense_after(sentence: str, marker: Marker, language: TimeLanguage) -> str:
    """The tense a marker after an expression gives it. A decision about a later act ("voted to", "planned to",
    "an agreement to") is a present for what follows it, the later act's time; an expression before it dates the
    decision, which is reported in the past ("On Friday, the council voted to close the school")."""
    pattern = language.decision_markers
    if pattern is not None and pattern.fullmatch(sentence, marker[0], marker[1]):
        return "past"
    return marker[2]


def opens_clause(sentence: str, start: int, end: int, language: TimeLanguage) -> bool:
    """True when a clause opener ("that", "que", "dass") stands in `sentence[start:end]`."""
    return language.clause_openers is not None and language.clause_openers.search(sentence, start, end) is not None


def subordinate(sentence: str, start: int, end: int, language: TimeLanguage) -> bool:
    """True when a subordinate clause opens in `sentence[start:end]` ("who", "since", "after") with words of its own
    before `end`: "after a court Thursday refused" opens one, "will resume after Monday" does not (a preposition)."""
    if language.subordinators is None:
        return False
    return any(sentence[m.end() : end].strip() for m in language.subordinators.finditer(sentence, start, end))


def cue_tense(text: str, start: int, language: TimeLanguage) -> str | None:
    """ "future" after a deadline cue ("by", "until", "antes de", "bis"), "past" after "since" / "seit" / "desde",
    "present" (the nearest, the anchor's own day included) after a point cue ("the figures as of Monday"), else
    None: what the words right before an expression say about its direction."""
    before = text[max(0, start - 40) : start]
    if language.backward_cues is not None and language.backward_cues.search(before):
        return "past"
    if language.point_cues is not None and language.point_cues.search(before):
        return "present"
    if language.forward_cues is not None and language.forward_cues.search(before):
        return "future"
    return None


def deadline_cue(text: str, start: int, language: TimeLanguage) -> str | None:
    """ "future" when a deadline word ("payable", "effective", "expires") stands right before an expression."""
    before = text[max(0, start - 40) : start]
    return "future" if language.deadline_cues is not None and language.deadline_cues.search(before) else None


def expression_tense(
    text: str,
    sentence: tuple[int, int],
    span: tuple[int, int],
    language: TimeLanguage,
    verbs: VerbTenses | None = None,
) -> str | None:
    """The tense that resolves one expression: the sentence's tense markers (and its tagged verbs); where they say
    nothing or only "present" ("is controlled from January"), a cue word right before the expression. None when
    neither says anything (the caller's default applies); "present" resolves to the nearest occurrence. A clause
    that a backward cue opens ("Since the decision was announced Wednesday", "the year ended March 31") is past
    whatever the sentence's verbs say: what happened since a point, or a period that has ended, lies behind."""
    if in_backward_clause(text, sentence, span[0], language):
        return "past"
    marked = sentence_tense(
        text[sentence[0] : sentence[1]], span[0] - sentence[0], span[1] - sentence[0], language, verbs
    )
    if marked in (None, "present"):
        marked = cue_tense(text, span[0], language) or marked
    return marked


def in_backward_clause(text: str, sentence: tuple[int, int], start: int, language: TimeLanguage) -> bool:
    """True when a backward cue ("since", "the year ended") stands in the clause before `start` (between the last
    clause punctuation of the sentence and the expression) with no future marker after it: a causal "since" may
    look ahead ("since the strike will last until Friday")."""
    if language.backward_clauses is None:
        return False
    clause_start = sentence[0]
    for match in CLAUSE_PUNCTUATION.finditer(text, sentence[0], start):
        clause_start = match.end()
    cues = list(language.backward_clauses.finditer(text, clause_start, start))
    if not cues:
        return False
    future = language.future_markers
    return future is None or future.search(text, cues[-1].end(), start) is None


def cue_modifier(text: str, start: int, language: TimeLanguage) -> str | None:
    """TIMEX3 MOD said by a cue right before an expression ("before March" -> BEFORE, "about 3 p.m." -> APPROX)."""
    before = text[max(0, start - 40) : start]
    return next((modifier for pattern, modifier in language.cue_modifiers if pattern.search(before)), None)
