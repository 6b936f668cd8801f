"""Who agrees: claims about the same thing grouped within a story, with a verdict across sources.

`AlignClaims` (story step "claim-groups", after entity resolution and quote groups) first fills each claim's
`subject_entity_ids` (and the entity ids of its list items, source and speaker) from the resolved mentions. It then
groups the story's claims that are about the same thing: their texts with figures, dates and lists masked embed
close in the shared multilingual sentence encoder (so a Spanish and an English report of one figure meet), helped
by shared subject entities and a shared event frame; claims counting different things ("injured" vs "arrested")
never meet. Each group gets a verdict:

- `conflicting`: the claims split into sides whose slots are incompatible (a different figure, date, list or
  source, or a denial of what others assert); the side with the most independent sources "supports", the others
  "contradict";
- `corroborated`: one side, asserted by two or more independent sources (copies of one article count once,
  using the copy groups);
- `single-source`: one independent source.

Claims that only refine the others ("at least 12" / "15", "in 2027" / "by the end of 2027") join their side as
`refines`. Every group explains itself: the slots that agree and differ and each side's value and spans.

Each claim's vector is kept on its article at full float32 precision (`CLAIM_VECTORS_KEY`), so a story that
grows in a later run embeds only its new claims and groups the old ones with the very vectors the first run used.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from storylens.model import Article, Claim, ClaimExplanation, ClaimGroup, ClaimSide, ClaimSource, Mention, Span
from storylens.pipeline import Stats, StoryBundle
from storylens.steps.claim_compare import ClaimComparer, Comparison, absolute, load_comparer, masked_text
from storylens.steps.claim_language import load_claim_language
from storylens.steps.claims import PERSON_FRAMES, ClaimSettings, frames_of
from storylens.steps.embeddings import decode_exact_vector, encode_exact_vector
from storylens.steps.quote_groups import independent_source_count
from storylens.steps.speakers import resolve_mention
from storylens.steps.union_find import UnionFind

YEAR_VALUE = re.compile(r"^\d{4}(?:$|-)")
GENERIC_UNITS = frozenset({"people", "money", "percent", "days", "hours", "years"})  # too common to mean one count
# Counts of people hurt, killed or arrested: the figures sources dispute, and in one story nearly always the same
# count. Other counts (containers handled, containers inspected) are joined only by wording.
PERSON_COUNT_UNITS = frozenset(PERSON_FRAMES.values())
# article.metadata: {"comparer": the comparer's class, "vectors": {masked_key(masked text): float32 vector}}
CLAIM_VECTORS_KEY = "claim_vectors"


@dataclass
class ClaimRef:
    """A claim with its article and what alignment compares."""

    claim: Claim
    article: Article
    order: int
    keys: set[str]
    frames: set[str] = field(default_factory=set)


@dataclass
class Draft:
    """A claim group being built: members, and the running sum of their vectors (the centroid direction)."""

    members: list[ClaimRef] = field(default_factory=list)
    entities: set[str] = field(default_factory=set)
    predicates: set[str] = field(default_factory=set)
    units: set[str] = field(default_factory=set)
    article_ids: set[str] = field(default_factory=set)


def entity_of(mentions: list[Mention], index: int | None) -> str | None:
    """The entity a mention (or the full mention it stands for) resolves to."""
    if index is None or not 0 <= index < len(mentions):
        return None
    if mentions[index].entity_id:
        return mentions[index].entity_id
    return mentions[resolve_mention(mentions, index)].entity_id


def resolve_claim_entities(article: Article) -> None:
    """Fill entity ids on the article's claims from its resolved mentions (subjects, list items, source, speaker)."""
    quotes = {quote.id: quote for quote in article.quotes}
    for claim in article.claims:
        listed = set(claim.slots.get("list", {}).get("mentions", []) or [])
        source_mention = claim.slots.get("source", {}).get("mention")
        subjects = [
            entity_of(article.mentions, index)
            for index in claim.mentions
            if index not in listed and index != source_mention
        ]
        claim.subject_entity_ids = list(dict.fromkeys(e for e in subjects if e))
        if "list" in claim.slots:
            claim.slots["list"]["entity_ids"] = [
                entity_of(article.mentions, m) for m in claim.slots["list"]["mentions"]
            ]
        if "source" in claim.slots:
            claim.slots["source"]["entity_id"] = entity_of(article.mentions, source_mention)
        for place in claim.slots.get("place", []):
            place["entity_id"] = entity_of(article.mentions, place.get("mention"))
        quote = quotes.get(claim.quote_id or "")
        if claim.speaker is not None and quote is not None and quote.speaker is not None:
            claim.speaker.entity_id = quote.speaker.entity_id


def shared_figure(left: Draft, right: Draft, unit: str) -> bool:
    """Whether two groups give the same figure for `unit`."""

    def values(draft: Draft) -> set[float]:
        return {
            float(n["value"]) for ref in draft.members for n in ref.claim.slots.get("number", []) if n["unit"] == unit
        }

    return bool(values(left) & values(right))


def written_dates(draft: Draft) -> set[str]:
    """The written-out dates ("17 November", "2024": not "on Tuesday") the group's claims give, as TIMEX3 values
    of at least a year; relative dates move with each article's publication date and would join by chance."""
    return {
        str(time["value"])
        for ref in draft.members
        for time in ref.claim.slots.get("time", [])
        if absolute(time) and YEAR_VALUE.match(str(time.get("value", "")))
    }


def claim_frames(claim: Claim, capitalized_nouns: bool = False) -> list[str]:
    """Every event frame of the claim's text, its predicate first (`capitalized_nouns`: the claim's language
    capitalizes every noun, see `frames_of`)."""
    frames = frames_of(claim.text, [], capitalized_nouns=capitalized_nouns)
    return [claim.predicate, *frames] if claim.predicate and claim.predicate not in frames else frames


def units_of(claim: Claim) -> set[str]:
    return {n["unit"] for n in claim.slots.get("number", [])}


def masked_key(text: str) -> str:
    """The key of a masked claim text's vector on its article: a short hash, so a claim whose text or slots a
    later analysis changes is embedded again rather than given a stale vector."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def comparer_name(comparer: ClaimComparer) -> str:
    """Which comparer made a stored vector: vectors of another comparer (another model) are not reused."""
    kind = type(comparer)
    return f"{kind.__module__}.{kind.__qualname__}"


def stored_claim_vectors(article: Article, comparer: str) -> dict[str, str]:
    """The claim vectors an earlier run kept on the article with this comparer, by `masked_key`."""
    kept = article.metadata.get(CLAIM_VECTORS_KEY)
    if not isinstance(kept, dict) or kept.get("comparer") != comparer:
        return {}
    return dict(kept.get("vectors") or {})


class AlignClaims:
    """Story step "claim-groups": claim groups with verdicts. Stats: claims, groups, one count per verdict."""

    name = "claim-groups"

    def __init__(self, settings: ClaimSettings | None = None, comparer: ClaimComparer | None = None) -> None:
        self.settings = settings or ClaimSettings()
        self._comparer = comparer

    @property
    def comparer(self) -> ClaimComparer:
        if self._comparer is None:
            self._comparer = load_comparer(self.settings.comparer, self.settings.approximate_tolerance)
        return self._comparer

    def __getstate__(self) -> dict[str, object]:
        return {"settings": self.settings, "_comparer": None}  # the comparer (a model) is loaded in each process

    def run(self, bundle: StoryBundle, stats: Stats) -> StoryBundle:
        story = bundle.story
        for article in bundle.articles:
            resolve_claim_entities(article)
            if not article.claims:
                article.metadata.pop(CLAIM_VECTORS_KEY, None)
        refs = self.claim_refs(bundle.articles)
        drafts = self.align(refs)
        story.claim_groups = []
        for number, draft in enumerate(drafts, start=1):
            group = self.verdict(f"{story.id}-cg{number}", draft.members)
            story.claim_groups.append(group)
            for ref in draft.members:
                ref.claim.group = group.id
                ref.claim.verdict = group.verdict
            stats[f"verdict:{group.verdict}"] += 1
        stats["stories"] += 1
        stats["claims"] += len(refs)
        stats["groups"] += len(story.claim_groups)
        return bundle

    def claim_refs(self, articles: list[Article]) -> list[ClaimRef]:
        ordered = sorted(articles, key=lambda a: (a.published is None, a.published or "", a.id))
        refs = []
        for article in ordered:
            for claim in article.claims:
                claim.group = None
                claim.verdict = None
                keys = {f"entity:{e}" for e in claim.subject_entity_ids}
                keys |= {f"unit:{u}" for u in units_of(claim)}
                frames = set(claim_frames(claim, load_claim_language(article.language).capitalized_nouns))
                keys |= {f"frame:{frame}" for frame in frames}
                keys |= {f"slot:{slot}" for slot in claim.slots if slot != "place"}
                refs.append(ClaimRef(claim, article, len(refs), keys, frames))
        return refs

    def align(self, refs: list[ClaimRef]) -> list[Draft]:
        """Leader clustering in publication order: each claim joins the most similar group it fits, or starts one.

        A group's similarity is the larger cosine to the mean of its members' vectors or to its first claim
        (a group of many claims keeps a clear core), plus the entity, frame and unit bonuses; candidates are
        only the groups sharing a key (entity, unit, frame, slot type) with the claim, and only those whose
        cosine could reach the bar with every bonus are looked at one by one.
        """
        if not refs:
            return []
        vectors = self.claim_vectors(refs)
        centroids = np.zeros_like(vectors)
        leaders = np.zeros(len(refs), dtype=np.int64)  # the first claim of each group
        drafts: list[Draft] = []
        by_key: dict[str, set[int]] = {}
        for index, ref in enumerate(refs):
            candidates = set().union(*(by_key.get(key, set()) for key in ref.keys)) if ref.keys else set()
            best, best_score = None, self.settings.alignment_threshold
            if candidates:
                ids = np.fromiter(candidates, dtype=np.int64)
                norms = np.linalg.norm(centroids[ids], axis=1)
                to_centroid = (centroids[ids] @ vectors[index]) / np.maximum(norms, 1e-9)
                to_leader = vectors[leaders[ids]] @ vectors[index]
                cosines = np.maximum(to_centroid, to_leader)
                reachable = cosines + self.max_bonus >= best_score  # no bonus can lift the others over the bar
                for position, group_index in zip(
                    np.flatnonzero(reachable).tolist(), ids[reachable].tolist(), strict=True
                ):
                    draft = drafts[group_index]
                    if not self.fits(ref, draft):
                        continue
                    score = float(cosines[position]) + self.bonus(ref, draft)
                    if score >= best_score:
                        best, best_score = group_index, score
            if best is None:
                best = len(drafts)
                drafts.append(Draft())
                leaders[best] = index
            draft = drafts[best]
            draft.members.append(ref)
            draft.entities |= set(ref.claim.subject_entity_ids)
            draft.units |= units_of(ref.claim)
            draft.article_ids.add(ref.article.id)
            draft.predicates |= ref.frames
            centroids[best] += vectors[index]
            for key in ref.keys:
                by_key.setdefault(key, set()).add(best)
        return self.merge_counts(drafts, centroids)

    def claim_vectors(self, refs: list[ClaimRef]) -> np.ndarray:
        """One unit vector per claim (of its masked text): those an earlier run kept on the article as they were,
        the others embedded in one call, then every article's current vectors kept (stale ones dropped).

        A first run embeds exactly the texts it embedded before this was kept, in the same order, and the
        vectors are stored at float32, so a later run decides the old claims as the first run did."""
        name = comparer_name(self.comparer)
        texts = [masked_text(ref.claim) for ref in refs]
        keys = [masked_key(text) for text in texts]
        stored_by_article: dict[str, dict[str, str]] = {}
        for ref in refs:
            if ref.article.id not in stored_by_article:
                stored_by_article[ref.article.id] = stored_claim_vectors(ref.article, name)
        stored = [stored_by_article[ref.article.id].get(key) for ref, key in zip(refs, keys, strict=True)]
        missing = [text for text, vector in zip(texts, stored, strict=True) if vector is None]
        fresh = iter(np.asarray(self.comparer.embed(missing), dtype=np.float32)) if missing else iter([])
        rows = [decode_exact_vector(vector) if vector is not None else next(fresh) for vector in stored]
        kept: dict[str, dict[str, str]] = {}
        for ref, key, vector, row in zip(refs, keys, stored, rows, strict=True):
            kept.setdefault(ref.article.id, {})[key] = vector if vector is not None else encode_exact_vector(row)
        for ref in refs:
            ref.article.metadata[CLAIM_VECTORS_KEY] = {"comparer": name, "vectors": kept[ref.article.id]}
        return np.stack(rows)

    def merge_counts(self, drafts: list[Draft], centroids: np.ndarray) -> list[Draft]:
        """Join groups that give the same figure for the same unit, or a figure for the same count of people
        ("injured", "arrested") and share an event frame or a subject entity, or the same written-out date for a
        shared event frame ("the terminal passed a safety inspection in 2024" / "its last review, in 2024, found
        no deficiencies"). Each source's figure or date sits in its own wording ("the ministry says 38 were
        arrested" / "Open Door puts the number of detainees at 61"), and a clause cut from a longer sentence keeps
        few words of its own, so the sentences are less alike than the value they share or dispute; within one
        story, such values are about the same thing."""
        union = UnionFind(range(len(drafts)))
        by_slot: dict[str, list[int]] = {}
        for index, draft in enumerate(drafts):
            for unit in draft.units:
                if not unit.startswith("word:") and unit not in GENERIC_UNITS:
                    by_slot.setdefault(f"unit:{unit}", []).append(index)
            for value in written_dates(draft):
                by_slot.setdefault(f"date:{value}", []).append(index)
        norms = np.maximum(np.linalg.norm(centroids[: len(drafts)], axis=1), 1e-9)
        for slot, members in by_slot.items():
            threshold = self.settings.count_merge_threshold
            for position, left in enumerate(members):
                for right in members[position + 1 :]:
                    a, b = drafts[left], drafts[right]
                    if slot.startswith("date:"):
                        if not a.predicates & b.predicates:
                            continue
                    else:
                        unit = slot[5:]
                        related = unit in PERSON_COUNT_UNITS and (
                            a.predicates & b.predicates or a.entities & b.entities
                        )
                        if not related and not shared_figure(a, b, unit):
                            continue
                    cosine = float(centroids[left] @ centroids[right]) / (norms[left] * norms[right])
                    if cosine >= threshold:
                        union.union(left, right)
        merged: dict[int, Draft] = {}
        for index, draft in enumerate(drafts):
            root = union.find(index)
            if root not in merged:
                merged[root] = draft
                continue
            target = merged[root]
            target.members = sorted(target.members + draft.members, key=lambda ref: ref.order)
            target.entities |= draft.entities
            target.predicates |= draft.predicates
            target.units |= draft.units
            target.article_ids |= draft.article_ids
        return sorted(merged.values(), key=lambda draft: draft.members[0].order)

    @property
    def max_bonus(self) -> float:
        return self.settings.entity_bonus + self.settings.predicate_bonus + self.settings.unit_bonus

    def fits(self, ref: ClaimRef, draft: Draft) -> bool:
        """A group takes one claim per article, and figures only of a unit it already counts (if it counts any)."""
        if ref.article.id in draft.article_ids:
            return False
        units = units_of(ref.claim)
        return not (units and draft.units and not units & draft.units)

    def bonus(self, ref: ClaimRef, draft: Draft) -> float:
        claim = ref.claim
        score = 0.0
        if set(claim.subject_entity_ids) & draft.entities:
            score += self.settings.entity_bonus
        if ref.frames & draft.predicates:
            score += self.settings.predicate_bonus
        if units_of(claim) & draft.units:
            score += self.settings.unit_bonus
        return score

    def verdict(self, group_id: str, members: list[ClaimRef]) -> ClaimGroup:
        """Sides, stances and verdict of one group, with its explanation."""
        sides: list[list[tuple[ClaimRef, Comparison | None]]] = []
        comparisons: list[Comparison] = []
        for ref in members:
            placed = False
            for side in sides:
                results = [self.comparer.compare(other.claim, ref.claim) for other, _ in side]
                comparisons.extend(results)
                if all(result.relation != "conflicts" for result in results):
                    side.append((ref, results[0]))
                    placed = True
                    break
            if not placed:
                if sides:
                    comparisons.append(self.comparer.compare(sides[0][0][0].claim, ref.claim))
                sides.append([(ref, None)])
        ranked = sorted(
            sides, key=lambda side: (-independent_source_count([r.article for r, _ in side]), side[0][0].order)
        )
        sources: list[ClaimSource] = []
        explanation_sides: list[ClaimSide] = []
        seen_articles: set[str] = set()
        for rank, side in enumerate(ranked):
            stance = "supports" if rank == 0 else "contradicts"
            for ref, comparison in side:
                if ref.article.id in seen_articles:
                    continue
                seen_articles.add(ref.article.id)
                own = "refines" if stance == "supports" and comparison and comparison.relation == "refines" else stance
                sources.append(ClaimSource(ref.article.id, ref.claim.id, ref.article.outlet, own))
            explanation_sides.append(
                ClaimSide(
                    stance=stance,
                    value=side_value(side[0][0].claim),
                    claim_ids=[ref.claim.id for ref, _ in side],
                    spans=[Span(r.claim.article_id, r.claim.start, r.claim.end, r.claim.text) for r, _ in side],
                    independent_sources=independent_source_count([r.article for r, _ in side]),
                )
            )
        independent = independent_source_count([ref.article for ref in members])
        if len(ranked) > 1:
            verdict = "conflicting"
        elif independent >= 2:
            verdict = "corroborated"
        else:
            verdict = "single-source"
        first = members[0].claim
        return ClaimGroup(
            id=group_id,
            verdict=verdict,
            claim_ids=[ref.claim.id for ref in members],
            sources=sources,
            explanation=explain(verdict, comparisons, explanation_sides, independent),
            predicate=first.predicate,
            text=first.text,
            independent_sources=independent,
        )


def side_value(claim: Claim) -> str:
    """What a side says, in a few words: its figure, date, list, source or polarity."""
    slots = claim.slots
    if "number" in slots:
        return str(slots["number"][0]["text"])
    if "list" in slots:
        return str(slots["list"]["text"])
    if "time" in slots:
        return str(slots["time"][0]["text"])
    if "source" in slots:
        return str(slots["source"]["text"])
    if claim.polarity == "negative":
        return "denied" if claim.modality == "denied" else "not so"
    return claim.text[:80]


def explain(
    verdict: str, comparisons: Iterable[Comparison], sides: list[ClaimSide], independent: int
) -> ClaimExplanation:
    agreeing: list[str] = []
    differing: list[str] = []
    details: list[str] = []
    for comparison in comparisons:
        agreeing += [slot for slot in comparison.agreeing + comparison.refining if slot not in agreeing]
        differing += [slot for slot in comparison.differing if slot not in differing]
        details += [detail for detail in comparison.details if detail not in details]
    if verdict == "conflicting":
        summary = "; ".join(
            [f"sources differ on {', '.join(differing) or 'the claim'}"]
            + [f"{side.stance}: {side.value!r} ({side.independent_sources} independent)" for side in sides]
        )
    elif verdict == "corroborated":
        summary = f"{independent} independent sources agree" + (f" on {', '.join(agreeing)}" if agreeing else "")
    else:
        summary = "one independent source"
    if details and verdict != "single-source":
        summary += " (" + "; ".join(details[:4]) + ")"
    differing_set = set(differing)
    return ClaimExplanation(
        summary=summary,
        agreeing_slots=[slot for slot in agreeing if slot not in differing_set],
        differing_slots=differing,
        sides=sides,
    )


def pair_relation(left: Claim, right: Claim, comparer: ClaimComparer, settings: ClaimSettings | None = None) -> str:
    """How alignment and verdicts would relate two claims on their own: "unrelated" when they would not share a
    group, else "agree", "refine" or "conflict" (the slot rules). The unit of the claims-pair tests."""
    settings = settings or ClaimSettings()
    vectors = comparer.embed([masked_text(left), masked_text(right)])
    cosine = float(vectors[0] @ vectors[1])
    score = cosine
    if set(left.subject_entity_ids) & set(right.subject_entity_ids):
        score += settings.entity_bonus
    if set(claim_frames(left)) & set(claim_frames(right)):
        score += settings.predicate_bonus
    shared_units = units_of(left) & units_of(right)
    if shared_units:
        score += settings.unit_bonus
    left_units, right_units = units_of(left), units_of(right)
    if left_units and right_units and not shared_units:
        return "unrelated"
    specific = shared_units & PERSON_COUNT_UNITS
    counts_alike = (
        bool(specific)
        and cosine >= settings.count_merge_threshold
        and bool(set(claim_frames(left)) & set(claim_frames(right)))
    )
    if score < settings.alignment_threshold and not counts_alike:
        return "unrelated"
    relation = comparer.compare(left, right).relation
    return {"same": "agree", "refines": "refine", "conflicts": "conflict"}[relation]
