"""Does a text support, contradict, merely discuss a claim, or is it about something else?

The batch form of the claim comparison, for fact-checkers (`storylens stance`, `storylens check`): given a claim
("Kessport fire injured 15 workers") and a text (an article), find the sentences of the text that are about the
claim and read what they do with it:

- **unrelated**: no sentence is close to the claim in the shared multilingual sentence encoder, and the text shares
  little of the claim's wording: the TF-IDF cosine of claim and text, with word weights from the batch being read
  (`StanceReader.fit_weights`), or the share of the claim's content words in the text when there is no batch;
- **contradicts**: the closest sentences give an incompatible figure, date or list (the slot rules of
  `claim_compare`), deny what the claim asserts, call it false there, or the text calls something false
  repeatedly ("hoax", "not true", "desmiente", "dementiert", "démenti": the refuting cues of
  `resources/claims/<language>.yaml`) - unless the claim is itself a denial or negation ("X has not died"), which
  a refuting text agrees with;
- **supports**: a sentence restates the claim closely, compatible in every slot; or the text reports the claim
  without keeping its distance: few distancing cues ("reportedly", "claims", "may") in the claim and the text's
  lead, and few reporting verbs ("said", "told", "according to": the quote step's lists) per sentence - a text
  that mostly relays what others said discusses a claim rather than asserting it;
- **discusses**: related, but reported with distance or not restated.

`evidence` is the character span, in the text, of the sentence the decision rests on.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from storylens.model import Article
from storylens.steps.claim_compare import ClaimComparer, load_comparer
from storylens.steps.claim_language import ClaimLanguage, load_claim_language, phrase_pattern
from storylens.steps.claims import SENTENCE_ABBREVIATIONS, ClaimSettings, claims_of
from storylens.steps.quote_text import load_lexicon
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
    weighted_similarity: float | None = None  # TF-IDF cosine of claim and text (None: no batch weights)
    reporting: float = 0.0  # reporting verbs ("said", "according to") per sentence of the text
    refuting_near: int = 0  # cues calling something false in the sentences closest to the claim
    claim_negative: bool = False  # the claim denies or negates ("X has not died", "Y denies ...")
    figure_agrees: bool = False  # a close sentence gives the claim's figure for the same count ("15 injured")
    best_combined: float = 0.0  # the best sentence's cosine plus half the share of the claim's words it holds


def stem(word: str) -> str:
    """A crude language-independent stem: the first six letters, lowercase (enough to match "injured"/"injuries")."""
    return word.casefold()[:6]


def content_stems(text: str) -> set[str]:
    return {stem(word) for word in CONTENT_WORD.findall(text)}


def count_cues(pattern: re.Pattern[str] | None, text: str) -> int:
    return len(pattern.findall(text)) if pattern is not None else 0


class TermWeights:
    """Inverse document frequencies of content-word stems over a collection (the claims and texts of a batch, or
    the stored articles a claim is checked against): words every text uses weigh little, the names and rare words
    that make a claim about *this* thing weigh much. Sublinear term frequency, as in the usual TF-IDF cosine."""

    def __init__(self, texts: Iterable[str]) -> None:
        frequencies: Counter[str] = Counter()
        self.documents = 0
        for text in dict.fromkeys(texts):
            frequencies.update(content_stems(text))
            self.documents += 1
        self.idf = {word: math.log((1 + self.documents) / (1 + count)) + 1 for word, count in frequencies.items()}
        self.unseen = math.log(1 + self.documents) + 1

    def vector(self, text: str) -> dict[str, float]:
        counts = Counter(stem(word) for word in CONTENT_WORD.findall(text))
        weights = {w: (1 + math.log(n)) * self.idf.get(w, self.unseen) for w, n in counts.items()}
        norm = math.sqrt(sum(value * value for value in weights.values())) or 1.0
        return {word: value / norm for word, value in weights.items()}

    def cosine(self, left: str, right: str) -> float:
        a, b = self.vector(left), self.vector(right)
        return sum(value * b.get(word, 0.0) for word, value in a.items())


@lru_cache(maxsize=16)
def reporting_pattern(language: str | None) -> re.Pattern[str] | None:
    """Reporting verbs and "according to" phrases of the quote step's lists for the language."""
    lexicon = load_lexicon(language)
    phrases = set(lexicon.reporting_verbs) | {" ".join(words) for words in lexicon.according_to}
    return phrase_pattern(phrases)


class StanceReader:
    """Reads stances with a claim comparer (the default rule + embedding one unless told otherwise)."""

    def __init__(self, settings: ClaimSettings | None = None, comparer: ClaimComparer | None = None) -> None:
        self.settings = settings or ClaimSettings()
        self.comparer = comparer or load_comparer(self.settings.comparer, self.settings.approximate_tolerance)
        self.weights: TermWeights | None = None

    def fit_weights(self, texts: Iterable[str]) -> None:
        """Weigh words by how rare they are in `texts` (the batch's claims and texts, or the stored articles):
        relatedness then reads the TF-IDF cosine. Too small a collection (`settings.idf_min_documents`) says
        nothing about rarity, and the plain share of shared content words is used instead."""
        weights = TermWeights(texts)
        self.weights = weights if weights.documents >= self.settings.idf_min_documents else None

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
        relation, figure = self.slot_relation(claim, text, close, language)
        near = " ".join(text[s:e] for s, e in top)
        claim_negative = any(count_cues(pattern, claim) for pattern in (cues.negation, cues.denial, cues.refuting))
        return StanceEvidence(
            best_similarity=float(similarities.max()) if len(similarities) else 0.0,
            word_overlap=overlap,
            best_sentence=top[0] if top else None,
            refuting=count_cues(cues.refuting, text),
            claim_refutes=count_cues(cues.refuting, claim) > 0,
            lead_hedges=count_cues(cues.discussing, lead) + count_cues(cues.discussing, claim),
            slot_relation=relation,
            figure_agrees=figure,
            best_combined=float((similarities + 0.5 * sentence_overlap).max()) if len(similarities) else 0.0,
            denial_mismatch=self.denial_mismatch(claim, near, cues),
            weighted_similarity=self.weights.cosine(claim, text) if self.weights is not None else None,
            reporting=count_cues(reporting_pattern(language), text) / len(pieces),
            refuting_near=count_cues(cues.refuting, near),
            claim_negative=claim_negative,
        )

    def slot_relation(
        self, claim: str, text: str, sentences: list[tuple[int, int]], language: str | None
    ) -> tuple[str | None, bool]:
        """ "agrees" or "conflicts": the verdict of the first close sentence (best first) whose figure, date or list
        can be compared with the claim's (None when no close sentence has one), and whether that agreement is on
        a figure of the same count ("15 workers injured" / "fifteen workers were injured")."""
        claimed = claims_of(Article(id="claim", text=claim, source="claim", language=language), self.settings)
        if not claimed:
            return None, False
        for start, end in sentences:
            piece = Article(id="text", text=text[start:end], source="text", language=language)
            for found in claims_of(piece, self.settings):
                comparison = self.comparer.compare(claimed[0], found)
                if comparison.relation == "conflicts" and comparison.differing != ["polarity"]:
                    return "conflicts", False
                if comparison.agreeing or comparison.refining:
                    return "agrees", "number" in comparison.agreeing + comparison.refining
        return None, False

    @staticmethod
    def denial_mismatch(claim: str, near_text: str, cues: ClaimLanguage) -> bool:
        """The closest sentences deny what the claim asserts ("the ministry denied that ...")."""
        claim_negated = bool(cues.negation and cues.negation.search(claim)) or bool(
            cues.denial and cues.denial.search(claim)
        )
        return bool(cues.denial and cues.denial.search(near_text)) and not claim_negated

    def decide(self, evidence: StanceEvidence) -> StanceResult:
        """Unrelated unless close in meaning or wording. A claim that is itself a denial ("X has not died") is
        supported by a text calling the story false. Otherwise: supports when the closest comparable sentence
        gives the same figure, date or list; contradicts when it gives another, on a denial near the claim, when
        the sentences closest to the claim call something false, or the text does so `refuting_cues` times;
        supports when the claim and the text's lead keep no distance and the text relays few sayings
        (`distance_threshold`); discusses otherwise."""
        settings = self.settings
        start, end = evidence.best_sentence or (None, None)
        if evidence.weighted_similarity is not None:
            lexical = evidence.weighted_similarity >= settings.tfidf_related
            wording = evidence.weighted_similarity
        else:
            lexical = evidence.word_overlap >= settings.lexical_related
            wording = evidence.word_overlap
        if not (evidence.best_similarity >= settings.related_threshold or lexical):
            score = 1.0 - max(evidence.best_similarity, wording)
            return StanceResult("unrelated", round(max(0.0, score), 3), start, end)
        refuted = evidence.refuting >= settings.refuting_cues or evidence.refuting_near > 0
        if evidence.refuting and (evidence.claim_refutes or evidence.claim_negative):
            return StanceResult("supports", round(evidence.best_similarity, 3), start, end)
        # Only a close sentence's values are about the claim (a long text gives many figures about other things);
        # the claim's own figure for the same count, in a sentence holding most of its words, restates it.
        close = evidence.best_similarity >= settings.slot_similarity
        restates = evidence.figure_agrees and evidence.best_combined >= settings.figure_similarity
        slots = evidence.slot_relation if close or restates else None
        denies = evidence.denial_mismatch and close
        if slots == "agrees" and not denies:
            return StanceResult("supports", round(evidence.best_similarity, 3), start, end)
        if slots == "conflicts" or denies or refuted:
            score = 0.5 + 0.1 * min(evidence.refuting, 5)
            return StanceResult("contradicts", round(min(score, 1.0), 3), start, end)
        if evidence.lead_hedges + evidence.reporting <= settings.distance_threshold:
            return StanceResult("supports", round(evidence.best_similarity, 3), start, end)
        return StanceResult("discusses", round(evidence.best_similarity, 3), start, end)

    def stance(self, claim: str, text: str, language: str | None = None) -> StanceResult:
        return self.decide(self.evidence(claim, text, language))


def stance_of(
    claim: str, text: str, language: str | None = None, settings: ClaimSettings | None = None
) -> StanceResult:
    """One claim against one text, with the default comparer."""
    return StanceReader(settings).stance(claim, text, language)
