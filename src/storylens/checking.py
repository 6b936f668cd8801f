"""Checking a claim against what is known: the functions behind `storylens check` and `storylens stance`.

`check_claim` reads a claim a fact-checker types ("the Kessport fire injured 15 workers") and finds, in a store,
the articles whose text supports, contradicts or discusses it (with the sentence that decides) and the claim groups
it supports, contradicts or refines. `stance_pairs` is the batch form for (claim, text) pairs from a JSONL file.
Both use the same `StanceReader` and `ClaimComparer` as the pipeline, so a claim is judged the same way wherever
it is checked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storylens.model import Article, Claim
from storylens.steps.claim_compare import masked_text
from storylens.steps.claim_language import load_claim_language
from storylens.steps.claim_stance import CONTENT_WORD, StanceReader
from storylens.steps.claims import ClaimSettings, claims_of, modality_of
from storylens.steps.time_expressions import time_expressions_of

STANCE_LABELS = frozenset({"supports", "contradicts", "discusses", "unrelated"})
SEARCH_CANDIDATES = 200


class PairsFileError(ValueError):
    """A stance pairs file cannot be read, or one of its lines is not a {id, claim, text} object."""


@dataclass
class ArticleVerdict:
    """One stored article's stance towards a checked claim, with the sentence it rests on."""

    article_id: str
    outlet: str | None
    title: str | None
    stance: str
    score: float
    start: int | None
    end: int | None
    evidence: str


@dataclass
class GroupVerdict:
    """A claim group the checked claim matches, and how: "supports", "contradicts" or "refines"."""

    group_id: str
    story_id: str
    verdict: str
    relation: str
    similarity: float
    text: str
    differing_slots: list[str] = field(default_factory=list)


@dataclass
class CheckResult:
    claim: str
    articles: list[ArticleVerdict] = field(default_factory=list)
    groups: list[GroupVerdict] = field(default_factory=list)


def parse_claim(
    text: str, language: str | None = None, settings: ClaimSettings | None = None, published: str | None = None
) -> Claim:
    """The claim a bare sentence makes (its slots, dates resolved against `published` when given), or a slotless
    claim when the rules find nothing to check."""
    article = Article(id="checked", text=text, source="claim", language=language, published=published)
    article.time_expressions = time_expressions_of(article)
    found = claims_of(article, settings)
    if found:
        return found[0]
    polarity, modality = modality_of(text, load_claim_language(language))
    return Claim(
        id="checked-c1", article_id="checked", start=0, end=len(text), text=text, polarity=polarity, modality=modality
    )


def fts_query(text: str) -> str:
    """An FTS5 query matching any content word of the claim (quoted, so no word is read as an operator)."""
    words = dict.fromkeys(word.casefold() for word in CONTENT_WORD.findall(text))
    return " OR ".join(f'"{word}"' for word in words) or '""'


def check_claim_in_corpus(
    claim_text: str,
    articles: Iterable[Article],
    groups: Iterable[tuple[str, Any]],
    claims_by_id: dict[str, Claim],
    settings: ClaimSettings | None = None,
    language: str | None = None,
    collection: Iterable[str] | None = None,
) -> CheckResult:
    """Stances of `articles` towards the claim, and the claim groups (story id, group) it matches. Word weights
    for relatedness come from `collection` (all stored article texts), else from the articles themselves."""
    settings = settings or ClaimSettings()
    reader = StanceReader(settings)
    articles = list(articles)
    reader.fit_weights([claim_text, *(collection if collection is not None else (a.text for a in articles))])
    result = CheckResult(claim_text)
    for article in articles:
        stance = reader.stance(claim_text, article.text, article.language or language)
        if stance.stance == "unrelated":
            continue
        start, end = stance.evidence_start, stance.evidence_end
        evidence = article.text[start:end] if start is not None and end is not None else ""
        result.articles.append(
            ArticleVerdict(article.id, article.outlet, article.title, stance.stance, stance.score, start, end, evidence)
        )
    result.articles.sort(
        key=lambda verdict: (verdict.stance != "contradicts", verdict.stance != "supports", -verdict.score)
    )
    checked = parse_claim(claim_text, language, settings)
    checked_vector = reader.comparer.embed([masked_text(checked)])[0]
    for story_id, group in groups:
        members = [claims_by_id[i] for i in group.claim_ids if i in claims_by_id]
        if not members:
            continue
        vectors = reader.comparer.embed([masked_text(member) for member in members])
        similarity = float((vectors @ checked_vector).max())
        if similarity < settings.alignment_threshold:
            continue
        comparisons = [reader.comparer.compare(member, checked) for member in members]
        if any(c.relation == "same" for c in comparisons):
            relation = "supports"  # it agrees with (one side of) the group
        elif any(c.relation == "refines" for c in comparisons):
            relation = "refines"
        else:
            relation = "contradicts"
        differing = sorted({slot for c in comparisons for slot in c.differing})
        result.groups.append(
            GroupVerdict(group.id, story_id, group.verdict, relation, round(similarity, 3), group.text, differing)
        )
    result.groups.sort(key=lambda verdict: -verdict.similarity)
    return result


def read_pairs(path: Path) -> Iterator[dict[str, Any]]:
    """{id, claim, text} objects from a JSONL file; a bad line raises `PairsFileError` naming file and line."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as error:
        raise PairsFileError(f"{path}: cannot read: {error.strerror or error}") from error
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise PairsFileError(f"{path}:{number}: not JSON: {error.msg}") from error
            if not isinstance(record, dict) or not all(isinstance(record.get(key), str) for key in ("claim", "text")):
                raise PairsFileError(f"{path}:{number}: expected an object with string fields claim and text")
            if "id" not in record:
                raise PairsFileError(f"{path}:{number}: missing id")
            yield record


def stance_records(pairs: Iterable[dict[str, Any]], settings: ClaimSettings | None = None) -> Iterator[dict[str, Any]]:
    """One {id, stance, score, evidence: {start, end}} per pair, in input order."""
    reader = StanceReader(settings)
    pairs = list(pairs)
    reader.fit_weights(text for pair in pairs for text in (pair["claim"], pair["text"]))
    for pair in pairs:
        result = reader.stance(pair["claim"], pair["text"], pair.get("language"))
        yield {
            "id": pair["id"],
            "stance": result.stance,
            "score": result.score,
            "evidence": {"start": result.evidence_start, "end": result.evidence_end},
        }


WHITESPACE = re.compile(r"\s+")


def one_line(text: str, limit: int = 160) -> str:
    text = WHITESPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
