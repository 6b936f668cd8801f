"""Does a text support, contradict, merely discuss a claim, or is it about something else?

The batch form of the claim comparison, for fact-checkers (`storylens stance`, `storylens check`): given a claim
("Kessport fire injured 15 workers") and a text (an article), find the sentences of the text that are about the
claim and read what they do with it:

- **unrelated**: no sentence is close to the claim in the shared multilingual sentence encoder, and few of the
  claim's content words occur in the text;
- **contradicts**: the closest sentences give an incompatible figure, date or list (the slot rules of
  `claim_compare`), deny or negate what the claim asserts, or the text calls it false ("hoax", "not true",
  "desmiente", "dementiert", "démenti": the refuting cues of `resources/claims/<language>.yaml`);
- **supports**: a sentence restates the claim closely, compatible in every slot, and the text does not hedge it;
- **discusses**: related, but reported with distance ("reportedly", "claims", "according to") or not restated.

`evidence` is the character span, in the text, of the sentence the decision rests on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from storylens.model import Article
from storylens.steps.claim_compare import ClaimComparer, load_comparer
from storylens.steps.claim_language import ClaimLanguage, load_claim_language
from storylens.steps.claims import SENTENCE_ABBREVIATIONS, ClaimSettings, claims_of
from storylens.steps.time_expressions import sentence_bounds

CONTENT_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}", re.UNICODE)
STANCES = ("supports", "contradicts", "discusses", "unrelated")
MAX_SENTENCES = 60
TOP_SENTENCES = 3


@dataclass
class StanceResult:
    """A text's stance towards a claim, how sure the rule is (0..1), and the sentence it rests on."""

    stance: str
    score: float
    evidence_start: int | None = None
    evidence_end: int | None = None


@dataclass
class StanceEvidence:
    """What the stance rules read off a claim-text pair (kept apart from the decision so it can be tested)."""

    best_similarity: float
    word_overlap: float
    best_sentence: tuple[int, int] | None
    refuting: int  # cues calling something false, anywhere in the text
    claim_refutes: bool  # the claim itself says something is false ("... is a hoax")
    lead_hedges: int  # distancing cues in the claim and the text's first sentences
    slot_relation: str | None  # "agrees" / "conflicts": what the closest sentence with comparable slots does
    denial_mismatch: bool


def stem(word: str) -> str:
    """A crude language-independent stem: the first six letters, lowercase (enough to match "injured"/"injuries")."""
    return word.casefold()[:6]


def content_stems(text: str) -> set[str]:
    return {stem(word) for word in CONTENT_WORD.findall(text)}


def count_cues(pattern: re.Pattern[str] | None, text: str) -> int:
    return len(pattern.findall(text)) if pattern is not None else 0


class StanceReader:
    """Reads stances with a claim comparer (the default rule + embedding one unless told otherwise)."""

    def __init__(self, settings: ClaimSettings | None = None, comparer: ClaimComparer | None = None) -> None:
        self.settings = settings or ClaimSettings()
        self.comparer = comparer or load_comparer(self.settings.comparer, self.settings.approximate_tolerance)

    def evidence(self, claim: str, text: str, language: str | None = None) -> StanceEvidence:
        cues = load_claim_language(language)
        sentences = sentence_bounds(text, SENTENCE_ABBREVIATIONS)[:MAX_SENTENCES] or [(0, len(text))]
        pieces = [text[s:e] for s, e in sentences]
        vectors = self.comparer.embed([claim, *pieces])
        similarities = vectors[1:] @ vectors[0]
        claim_stems = content_stems(claim)
        overlap = len(claim_stems & content_stems(text)) / len(claim_stems) if claim_stems else 0.0
        sentence_overlap = np.array(
            [len(claim_stems & content_stems(piece)) / max(1, len(claim_stems)) for piece in pieces], dtype=np.float32
        )
        order = np.argsort(-(similarities + 0.5 * sentence_overlap))[:TOP_SENTENCES]
        top = [sentences[int(index)] for index in order]
        close = [
            sentences[int(index)] for index in order if similarities[int(index)] >= self.settings.related_threshold
        ]
        lead = " ".join(pieces[: self.settings.lead_sentences])
        return StanceEvidence(
            best_similarity=float(similarities.max()) if len(similarities) else 0.0,
            word_overlap=overlap,
            best_sentence=top[0] if top else None,
            refuting=count_cues(cues.refuting, text),
            claim_refutes=count_cues(cues.refuting, claim) > 0,
            lead_hedges=count_cues(cues.discussing, lead) + count_cues(cues.discussing, claim),
            slot_relation=self.slot_relation(claim, text, close, language),
            denial_mismatch=self.denial_mismatch(claim, " ".join(text[s:e] for s, e in top), cues),
        )

    def slot_relation(
        self, claim: str, text: str, sentences: list[tuple[int, int]], language: str | None
    ) -> str | None:
        """ "agrees" or "conflicts": the verdict of the first close sentence (best first) whose figure, date or list
        can be compared with the claim's; None when no close sentence has one."""
        claimed = claims_of(Article(id="claim", text=claim, source="claim", language=language), self.settings)
        if not claimed:
            return None
        for start, end in sentences:
            piece = Article(id="text", text=text[start:end], source="text", language=language)
            for found in claims_of(piece, self.settings):
                comparison = self.comparer.compare(claimed[0], found)
                if comparison.relation == "conflicts" and comparison.differing != ["polarity"]:
                    return "conflicts"
                if comparison.agreeing or comparison.refining:
                    return "agrees"
        return None

    @staticmethod
    def denial_mismatch(claim: str, near_text: str, cues: ClaimLanguage) -> bool:
        """The closest sentences deny what the claim asserts ("the ministry denied that ...")."""
        claim_negated = bool(cues.negation and cues.negation.search(claim)) or bool(
            cues.denial and cues.denial.search(claim)
        )
        return bool(cues.denial and cues.denial.search(near_text)) and not claim_negated

    def decide(self, evidence: StanceEvidence) -> StanceResult:
        """Unrelated unless close in meaning or wording; supports when the closest comparable sentence gives the
        same figure, date or list; contradicts when it gives another, on a denial, or when the text calls something
        false (unless the claim itself does: then the text agrees); supports when neither the claim nor the text's
        lead keeps its distance; discusses otherwise."""
        settings = self.settings
        start, end = evidence.best_sentence or (None, None)
        related = (
            evidence.best_similarity >= settings.related_threshold or evidence.word_overlap >= settings.lexical_related
        )
        if not related:
            score = 1.0 - max(evidence.best_similarity, evidence.word_overlap)
            return StanceResult("unrelated", round(max(0.0, score), 3), start, end)
        if evidence.refuting and evidence.claim_refutes:
            return StanceResult("supports", round(evidence.best_similarity, 3), start, end)
        close = evidence.best_similarity >= settings.slot_similarity  # only then are its values about the claim
        slots = evidence.slot_relation if close else None
        denies = evidence.denial_mismatch and close
        if slots == "agrees" and not denies:
            return StanceResult("supports", round(evidence.best_similarity, 3), start, end)
        if slots == "conflicts" or denies or evidence.refuting >= settings.refuting_cues:
            score = 0.5 + 0.1 * min(evidence.refuting, 5)
            return StanceResult("contradicts", round(min(score, 1.0), 3), start, end)
        if evidence.lead_hedges == 0:
            return StanceResult("supports", round(evidence.best_similarity, 3), start, end)
        return StanceResult("discusses", round(evidence.best_similarity, 3), start, end)

    def stance(self, claim: str, text: str, language: str | None = None) -> StanceResult:
        return self.decide(self.evidence(claim, text, language))


def stance_of(
    claim: str, text: str, language: str | None = None, settings: ClaimSettings | None = None
) -> StanceResult:
    """One claim against one text, with the default comparer."""
    return StanceReader(settings).stance(claim, text, language)
