"""Score a storylens report against a hand-made gold annotation.

Analysts who annotate a sample of their own corpus want to know how far to
trust each finding before they rely on it; we use the same code to hold the
bundled demo to its targets. The gold format is the one of
`storylens/demo/gold.json` (documented in docs/evaluation.md): articles are
named by a *key*, the file name for files and the record id for JSONL
records, and every span is given by its text, not by offsets, so the gold file
survives changes to cleaning.

Every scorer is a pure function of (report dict, gold dict) and returns plain
numbers, so tests, benchmarks and the `storylens score` command share them.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

Report = Mapping[str, Any]
Gold = Mapping[str, Any]

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 with the counts behind them."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, precision: float, recall: float) -> PRF:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1)

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


def article_keys(report: Report, gold: Gold) -> dict[str, str]:
    """Report article id -> gold key (external id, else the file name of any source)."""
    known = set(gold["articles"])
    keys: dict[str, str] = {}
    for article in report["articles"]:
        candidates = [article.get("external_id")]
        for source in article.get("sources") or [article.get("source")]:
            if source:
                path = re.split(r"::|#", source)[0]
                candidates.append(PurePath(path).name)
                candidates.append(re.split(r"::|#", source)[-1])
        for candidate in candidates:
            if candidate in known:
                keys[article["id"]] = candidate
                break
    return keys


def by_article_key(items: Iterable[Mapping[str, Any]], keys: Mapping[str, str]) -> dict[str, list[Mapping[str, Any]]]:
    """Report items (quotes, time expressions, ...) grouped by the gold key of their `article_id`;
    items of articles the gold does not name are left out."""
    grouped: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for item in items:
        if item["article_id"] in keys:
            grouped[keys[item["article_id"]]].append(item)
    return grouped


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def token_f1(predicted: str, gold: str) -> float:
    """Bag-of-words F1 of two spans, the usual span-overlap score for quotes."""
    p, g = Counter(words(predicted)), Counter(words(gold))
    common = sum((p & g).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


# -- stories and copies -------------------------------------------------------------------


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> PRF:
    """B-cubed precision/recall over items present in both labelings."""
    items = [item for item in gold if item in predicted]
    if not items:
        return PRF(0.0, 0.0, 0.0)
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item in items:
        by_pred[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in items:
        same_pred, same_gold = by_pred[predicted[item]], by_gold[gold[item]]
        shared = len(same_pred & same_gold)
        precision += shared / len(same_pred)
        recall += shared / len(same_gold)
    return PRF.of(precision / len(items), recall / len(items))


def score_stories(report: Report, gold: Gold) -> PRF:
    """B-cubed over articles; gold articles without a story are their own singleton stories."""
    keys = article_keys(report, gold)
    predicted = {keys[a["id"]]: a.get("story_id") or f"single:{a['id']}" for a in report["articles"] if a["id"] in keys}
    expected = {key: entry.get("story") or f"single:{key}" for key, entry in gold["articles"].items()}
    return bcubed(predicted, expected)


@dataclass(frozen=True)
class CopyScore:
    gold_groups: int
    found_groups: int
    false_pairs: list[tuple[str, str]] = field(default_factory=list)
    missed_pairs: list[tuple[str, str]] = field(default_factory=list)


def score_copies(report: Report, gold: Gold) -> CopyScore:
    """Copy groups as sets of article keys: which gold groups are found whole, which pairs are wrong."""
    keys = article_keys(report, gold)
    predicted = [frozenset(keys[i] for i in group["article_ids"] if i in keys) for group in report["copy_groups"]]
    expected = [frozenset(group) for group in gold["copies"]]

    def pairs(groups: Iterable[frozenset[str]]) -> set[tuple[str, str]]:
        return {tuple(sorted(p)) for g in groups for p in itertools.combinations(g, 2)}  # type: ignore[misc]

    predicted_pairs, gold_pairs = pairs(predicted), pairs(expected)
    return CopyScore(
        gold_groups=len(expected),
        found_groups=sum(group in predicted for group in expected),
        false_pairs=sorted(predicted_pairs - gold_pairs),
        missed_pairs=sorted(gold_pairs - predicted_pairs),
    )


# -- entities -----------------------------------------------------------------------------


def alias_entities(report: Report, aliases: Iterable[tuple[str, str | None]]) -> dict[str, Counter[str]]:
    """Gold alias -> votes for the report entities that hold it.

    Each whole-word occurrence of the alias in a report article's text votes for
    the entity of the mention that overlaps it most ("Secretary-General Tanabe"
    votes for the entity of the mention "Tanabe" when the title was kept as a
    role, not for "MSC" inside "secretary-general of the MSC" when a role mention
    covers the whole phrase). Each alias comes with its gold entity type, and
    mentions of entities of that type are preferred, so "Civic Renewal Party
    leader Tomas Reiner" votes for the person, not the party. Occurrences no
    mention overlaps vote for nothing, so an alias the report never recognized
    has no votes.
    """
    mentions_by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    types = {entity["id"]: _coarse_type(entity.get("type")) for entity in report["entities"]}
    for entity in report["entities"]:
        for mention in entity.get("mentions", []):
            mentions_by_article[mention["article_id"]].append((mention["start"], mention["end"], entity["id"]))
    texts = {article["id"]: article.get("text") or "" for article in report["articles"]}
    found: dict[str, Counter[str]] = {}
    for alias, alias_type in set(aliases):
        wanted = _coarse_type(alias_type)
        votes: Counter[str] = Counter()
        pattern = re.compile(r"(?<!\w)" + re.escape(alias) + r"(?!\w)")
        for article_id, text in texts.items():
            for occurrence in pattern.finditer(text):
                overlapping = [
                    (
                        types[entity_id] == wanted,
                        min(end, occurrence.end()) - max(start, occurrence.start()),
                        -(end - start),
                        entity_id,
                    )
                    for start, end, entity_id in mentions_by_article.get(article_id, [])
                    if start < occurrence.end() and occurrence.start() < end
                ]
                if overlapping:
                    votes[max(overlapping)[3]] += 1
        found[alias] = votes
    return found


def _coarse_type(label: str | None) -> str | None:
    """Places are places whether a model calls them GPE, LOC or FAC."""
    return "PLACE" if label in {"GPE", "LOC", "FAC"} else label


def entity_of_alias(alias: str, found: Mapping[str, Counter[str]]) -> str | None:
    """The report entity that most often holds this alias, or None if no mention has that text."""
    counts = found.get(alias)
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def score_entities(report: Report, gold: Gold) -> tuple[PRF, list[str]]:
    """Pairwise precision/recall of alias groups.

    Every gold alias is placed in the report entity that most often holds a
    mention with exactly that text; an alias no mention carries counts as its
    own singleton (a recall miss). Pairs of aliases of the same gold entity that
    land together are hits; pairs that land together but belong to different
    gold entities are precision errors. Returns the score and the unfound aliases.
    """
    found = alias_entities(report, ((alias, e["type"]) for e in gold["entities"] for alias in e["aliases"]))
    placed: list[tuple[str, str]] = []  # (gold entity name, predicted entity id)
    missing: list[str] = []
    for entity in gold["entities"]:
        for alias in entity["aliases"]:
            predicted = entity_of_alias(alias, found)
            if predicted is None:
                missing.append(alias)
                predicted = f"missing:{alias}"
            placed.append((entity["name"], predicted))
    true_pairs = predicted_pairs = gold_pairs = 0
    for (gold_a, pred_a), (gold_b, pred_b) in itertools.combinations(placed, 2):
        same_gold, same_pred = gold_a == gold_b, pred_a == pred_b
        gold_pairs += same_gold
        predicted_pairs += same_pred
        true_pairs += same_gold and same_pred
    precision = true_pairs / predicted_pairs if predicted_pairs else 1.0
    recall = true_pairs / gold_pairs if gold_pairs else 1.0
    return PRF.of(precision, recall), missing


def distinct_entities_kept_apart(report: Report, gold: Gold) -> list[tuple[str, str]]:
    """Gold pairs of different entities that the report merged (should be empty)."""
    types = {entity["name"]: entity["type"] for entity in gold["entities"]}
    pairs = gold.get("distinct_entities", [])
    found = alias_entities(report, [(name, types.get(name)) for pair in pairs for name in pair])
    merged = []
    for first, second in pairs:
        a, b = entity_of_alias(first, found), entity_of_alias(second, found)
        if a is not None and a == b:
            merged.append((first, second))
    return merged


# -- quotes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteScore:
    spans: PRF
    speaker_accuracy: float
    matched: int
    gold: int
    predicted: int
    wrong_speakers: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)


def entity_names(report: Report, gold: Gold) -> dict[str, str]:
    """Report entity id -> gold entity name, by the aliases the report entity's mentions carry."""
    alias_owner = {alias: entity["name"] for entity in gold["entities"] for alias in entity["aliases"]}
    names: dict[str, str] = {}
    for entity in report["entities"]:
        votes = Counter(alias_owner[m["text"]] for m in entity.get("mentions", []) if m["text"] in alias_owner)
        if votes:
            names[entity["id"]] = votes.most_common(1)[0][0]
    return names


def match_quotes(
    predicted: list[Mapping[str, Any]], expected: list[Mapping[str, Any]], minimum: float = 0.5
) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching of quotes in one article by token F1 (best pairs first)."""
    scored = [(token_f1(p["text"], g["text"]), i, j) for i, p in enumerate(predicted) for j, g in enumerate(expected)]
    used_p: set[int] = set()
    used_g: set[int] = set()
    matches = []
    for score, i, j in sorted(scored, reverse=True):
        if score < minimum or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        matches.append((i, j, score))
    return matches


def score_quotes(report: Report, gold: Gold, kinds: frozenset[str] = frozenset({"direct", "indirect"})) -> QuoteScore:
    """Quote span token-F1 (micro over matched pairs) and speaker accuracy over matched gold quotes.

    Span precision is summed token-F1 over predicted quotes, recall over gold
    quotes; an unmatched quote scores 0. A speaker is right when the report's
    speaker entity maps to the gold speaker name, or both are unknown.
    """
    keys = article_keys(report, gold)
    names = entity_names(report, gold)
    by_article_pred = by_article_key((q for q in report["quotes"] if q["kind"] in kinds), keys)
    by_article_gold: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for quote in gold["quotes"]:
        if quote["kind"] in kinds:
            by_article_gold[quote["article"]].append(quote)
    total_f1 = 0.0
    right = matched = 0
    wrong: list[tuple[str, str | None, str | None]] = []
    missed: list[str] = []
    for key in set(by_article_pred) | set(by_article_gold):
        predicted, expected = by_article_pred.get(key, []), by_article_gold.get(key, [])
        matches = match_quotes(predicted, expected)
        matched_gold = {j for _, j, _ in matches}
        missed += [g["text"] for j, g in enumerate(expected) if j not in matched_gold]
        for i, j, score in matches:
            total_f1 += score
            matched += 1
            speaker = predicted[i].get("speaker") or {}
            got = names.get(speaker.get("entity_id") or "")
            if got == expected[j]["speaker"]:
                right += 1
            else:
                wrong.append((expected[j]["text"][:60], expected[j]["speaker"], got or speaker.get("text")))
    n_pred = sum(map(len, by_article_pred.values()))
    n_gold = sum(map(len, by_article_gold.values()))
    spans = PRF.of(total_f1 / n_pred if n_pred else 1.0, total_f1 / n_gold if n_gold else 1.0)
    return QuoteScore(spans, right / matched if matched else 0.0, matched, n_gold, n_pred, wrong, missed)


def score_quote_groups(report: Report, gold: Gold) -> tuple[int, int]:
    """How many gold same-statement groups are found: all members in one report group. (found, total)"""
    keys = article_keys(report, gold)
    quotes_by_key = by_article_key(report["quotes"], keys)
    found = 0
    for group in gold["quote_groups"]:
        ids = set()
        for member in group:
            best = max(
                quotes_by_key.get(member["article"], []),
                key=lambda q, text=member["text"]: token_f1(q["text"], text),
                default=None,
            )
            ids.add(best.get("group") if best and token_f1(best["text"], member["text"]) >= 0.5 else None)
        if len(ids) == 1 and None not in ids:
            found += 1
    return found, len(gold["quote_groups"])


# -- time ---------------------------------------------------------------------------------


def score_time_expressions(report: Report, gold: Gold) -> tuple[float, list[tuple[str, str, str | None]]]:
    """Share of gold time expressions found (overlapping span) with the gold value; and the misses."""
    keys = article_keys(report, gold)
    by_key = by_article_key(report["time_expressions"], keys)
    right = 0
    misses = []
    for expected in gold["time_expressions"]:
        candidates = [e for e in by_key.get(expected["article"], []) if _overlaps_text(e["text"], expected["text"])]
        values = [e["value"] for e in candidates]
        if expected["value"] in values:
            right += 1
        else:
            misses.append((expected["text"], expected["value"], values[0] if values else None))
    total = len(gold["time_expressions"])
    return (right / total if total else 1.0), misses


def _overlaps_text(predicted: str, expected: str) -> bool:
    p, e = predicted.casefold(), expected.casefold()
    return p in e or e in p


def story_mapping(report: Report, gold: Gold) -> dict[str, str]:
    """Gold story id -> the report story holding most of its articles."""
    keys = article_keys(report, gold)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for article in report["articles"]:
        key = keys.get(article["id"])
        story = gold["articles"].get(key, {}).get("story") if key else None
        if story and article.get("story_id"):
            votes[story][article["story_id"]] += 1
    return {story: counts.most_common(1)[0][0] for story, counts in votes.items()}


def score_timeline(report: Report, gold: Gold) -> tuple[int, int, list[str]]:
    """Gold events found: an event on the gold date in the matching story, citing a gold article."""
    keys = article_keys(report, gold)
    mapping = story_mapping(report, gold)
    stories = {story["id"]: story for story in report["stories"]}
    found = 0
    missed = []
    for event in gold["timeline"]:
        story = stories.get(mapping.get(event["story"], ""))
        hit = story is not None and any(
            predicted["date"] == event["date"]
            and any(keys.get(source["article_id"]) in event["articles"] for source in predicted["sources"])
            for predicted in story.get("timeline", [])
        )
        found += hit
        if not hit:
            missed.append(f"{event['story']} {event['date']} {event['event']}")
    return found, len(gold["timeline"]), missed


def date_conflicts_flagged(report: Report, gold: Gold) -> tuple[int, int]:
    """Gold date conflicts flagged on the timeline: an event marked conflicting that holds both dates."""
    mapping = story_mapping(report, gold)
    stories = {story["id"]: story for story in report["stories"]}
    conflicts = [c for c in gold["conflicts"] if c["kind"] == "date"]
    flagged = 0
    for conflict in conflicts:
        values = {v["value"] for v in conflict["values"]}
        story = stories.get(mapping.get(conflict["story"], ""), {})
        for event in story.get("timeline", []):
            dates = {event["date"], *event.get("conflicting_dates", [])}
            if event.get("conflict") and len(values & dates) >= 2:
                flagged += 1
                break
    return flagged, len(conflicts)


def false_date_conflicts(report: Report, gold: Gold) -> int:
    """Timeline events flagged as conflicting whose dates are not a gold date conflict."""
    gold_sets = [{v["value"] for v in c["values"]} for c in gold["conflicts"] if c["kind"] == "date"]
    count = 0
    for story in report["stories"]:
        for event in story.get("timeline", []):
            if event.get("conflict"):
                dates = {event["date"], *event.get("conflicting_dates", [])}
                count += not any(len(dates & values) >= 2 for values in gold_sets)
    return count


# -- claims --------------------------------------------------------------------------------


@dataclass
class ClaimGroupScore:
    """How the report's claim groups match the gold ones: verdicts, sides, and refinements never in conflict."""

    total: int = 0
    right_verdicts: int = 0
    right_sides: int = 0
    right_independent: int = 0
    refinements: int = 0
    refinement_conflicts: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def verdict_accuracy(self) -> float:
        return self.right_verdicts / self.total if self.total else 0.0

    @property
    def sides_accuracy(self) -> float:
        return self.right_sides / self.total if self.total else 0.0


def _normalized_space(text: str) -> str:
    return " ".join(text.split())


def claim_for_gold_text(
    article: Mapping[str, Any], claims: list[Mapping[str, Any]], text: str
) -> Mapping[str, Any] | None:
    """The report claim of an article that holds a gold text (found in the article's text, first occurrence)."""
    body = article["text"]
    position = body.find(text)
    if position < 0:
        position = _normalized_space(body).find(_normalized_space(text))
        if position < 0:
            return None
    for claim in claims:
        if claim["start"] <= position < claim["end"]:
            return claim
    return None


def _report_sides(group: Mapping[str, Any], keys: Mapping[str, str]) -> list[set[str]]:
    return [
        {keys[span["article_id"]] for span in side["spans"] if span["article_id"] in keys}
        for side in group["explanation"]["sides"]
    ]


def _sides_match(gold_sides: list[set[str]], report_sides: list[set[str]]) -> bool:
    """Each gold side's articles are all on one report side, and different gold sides on different report sides."""
    used: set[int] = set()
    for gold_side in gold_sides:
        match = next((i for i, side in enumerate(report_sides) if gold_side <= side and i not in used), None)
        if match is None:
            return False
        used.add(match)
    return True


def score_claim_groups(report: Report, gold: Gold) -> ClaimGroupScore:
    """Score the report's claim groups against `gold["claim_groups"]` (docs/evaluation.md).

    A gold group's claims are found by their text in the report's claims; the report group holding most of them
    is its match. The verdict is right when that group's verdict equals the gold one and holds every found gold
    claim; the sides are right when each gold side's articles sit on one side of the report group (copies included).
    A gold group marked `refinement` (compatible values) must not be reported as conflicting.
    """
    keys = article_keys(report, gold)
    by_key = {keys[a["id"]]: a for a in report["articles"] if a["id"] in keys}
    claims = by_article_key(report.get("claims", []), keys)
    groups = {group["id"]: group for group in report.get("claim_groups", [])}
    score = ClaimGroupScore()
    for number, expected in enumerate(gold.get("claim_groups", []), start=1):
        score.total += 1
        label = f"{expected.get('story')} #{number} {expected.get('about', '')}"
        found = []
        for side in expected["sides"]:
            for item in side:
                article = by_key.get(item["article"])
                claim = claim_for_gold_text(article, claims.get(item["article"], []), item["text"]) if article else None
                found.append(claim)
        group_ids = Counter(claim["group"] for claim in found if claim is not None and claim.get("group"))
        if not group_ids:
            score.misses.append(f"{label}: no claim found")
            continue
        group = groups.get(group_ids.most_common(1)[0][0])
        if group is None:
            score.misses.append(f"{label}: group missing")
            continue
        together = all(claim is not None and claim.get("group") == group["id"] for claim in found)
        if expected.get("refinement"):
            score.refinements += 1
            score.refinement_conflicts += group["verdict"] == "conflicting"
        if group["verdict"] == expected["verdict"] and together:
            score.right_verdicts += 1
        else:
            score.misses.append(
                f"{label}: {group['verdict']} (gold {expected['verdict']}), all claims in it: {together}"
            )
        gold_sides = [{item["article"] for item in side} for side in expected["sides"]]
        if together and _sides_match(gold_sides, _report_sides(group, keys)):
            score.right_sides += 1
        if "independent_sources" not in expected or expected["independent_sources"] == group["independent_sources"]:
            score.right_independent += 1
        else:
            score.misses.append(
                f"{label}: {group['independent_sources']} independent sources (gold {expected['independent_sources']})"
            )
    return score


# -- everything ---------------------------------------------------------------------------


def score_report(report: Report, gold: Gold) -> dict[str, Any]:
    """Every score above, as a JSON-ready dict (what `storylens score` prints); `framing` when the gold has it."""
    from storylens.evaluation_framing import score_framing  # imports this module's helpers

    copies = score_copies(report, gold)
    entities, missing_aliases = score_entities(report, gold)
    quotes = score_quotes(report, gold)
    direct = score_quotes(report, gold, frozenset({"direct"}))
    groups_found, groups_total = score_quote_groups(report, gold)
    time_accuracy, time_misses = score_time_expressions(report, gold)
    events_found, events_total, events_missed = score_timeline(report, gold)
    conflicts_found, conflicts_total = date_conflicts_flagged(report, gold)
    claim_groups = score_claim_groups(report, gold)
    return {
        "stories": score_stories(report, gold).as_dict(),
        "copies": {
            "gold_groups": copies.gold_groups,
            "found_groups": copies.found_groups,
            "false_pairs": copies.false_pairs,
            "missed_pairs": copies.missed_pairs,
        },
        "entities": {
            **entities.as_dict(),
            "missing_aliases": missing_aliases,
            "wrongly_merged": distinct_entities_kept_apart(report, gold),
        },
        "quotes": {
            "all": {**quotes.spans.as_dict(), "speaker_accuracy": round(quotes.speaker_accuracy, 3)},
            "direct": {**direct.spans.as_dict(), "speaker_accuracy": round(direct.speaker_accuracy, 3)},
            "gold": quotes.gold,
            "predicted": quotes.predicted,
            "wrong_speakers": quotes.wrong_speakers,
            "missed": quotes.missed,
            "groups_found": groups_found,
            "groups_total": groups_total,
        },
        "time_expressions": {"accuracy": round(time_accuracy, 3), "misses": time_misses},
        "timeline": {
            "events_found": events_found,
            "events_total": events_total,
            "missed": events_missed,
            "date_conflicts_flagged": conflicts_found,
            "date_conflicts_total": conflicts_total,
            "false_date_conflicts": false_date_conflicts(report, gold),
        },
        "claims": {
            "claims": len(report.get("claims", [])),
            "claim_groups": len(report.get("claim_groups", [])),
            "gold_groups": claim_groups.total,
            "verdict_accuracy": round(claim_groups.verdict_accuracy, 3),
            "sides_accuracy": round(claim_groups.sides_accuracy, 3),
            "independent_sources_right": claim_groups.right_independent,
            "refinements": claim_groups.refinements,
            "refinement_conflicts": claim_groups.refinement_conflicts,
            "misses": claim_groups.misses,
        },
        **({"framing": score_framing(report, gold)} if gold.get("framing") else {}),
    }
