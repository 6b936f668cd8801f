"""Tone toward a story's key entities, per outlet or camp, always as the words that carry it.

Why sentences naming the entity: an outlet's tone toward an actor shows in what it writes next to the
actor's name ("Marsk's late-night proposal ... saving the negotiations" / "Marsk ... came back having
shared them"). Each sentence of a group's articles that mentions the entity (a resolved mention of the
entity step) is searched for the evaluative words of the language's `tone_positive` / `tone_negative`
lists (resources/framing/<lang>.yaml). The result is never a bare score: each group's lean comes with
its cue spans, and cues inside a direct quote are marked (`in_quote`: the speaker's words about the
actor, not the outlet's).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from storylens.model import Article
from storylens.steps.claims import SENTENCE_ABBREVIATIONS
from storylens.steps.framing_lexicon import TONE_POLARITIES, load_framing_lexicon
from storylens.steps.time_expressions import sentence_bounds


def tone_cues(article: Article, entity_id: str) -> list[dict[str, Any]]:
    """Evaluative words in the sentences of `article` that mention `entity_id`, each a span with its polarity."""
    lexicon = load_framing_lexicon(article.language)
    if not lexicon.tone:
        return []
    mentions = [(m.start, m.end) for m in article.mentions if m.entity_id == entity_id]
    quotes = [(q.start, q.end) for q in article.quotes if q.kind == "direct"]
    cues = []
    for start, end in sentence_bounds(article.text, SENTENCE_ABBREVIATIONS):
        inside = [(s, e) for s, e in mentions if start <= s < end]
        if not inside:
            continue
        for polarity in TONE_POLARITIES:
            pattern = lexicon.tone.get(polarity)
            for match in pattern.finditer(article.text, start, end) if pattern else ():
                if any(s <= match.start() < e for s, e in inside):
                    continue  # part of the name itself
                cues.append(
                    {
                        "article_id": article.id,
                        "start": match.start(),
                        "end": match.end(),
                        "text": match.group(0),
                        "kind": "tone-cue",
                        "polarity": polarity,
                        "in_quote": any(s <= match.start() and match.end() <= e for s, e in quotes),
                        "sentence": {
                            "article_id": article.id,
                            "start": start,
                            "end": end,
                            "text": article.text[start:end],
                            "kind": "tone-sentence",
                        },
                    }
                )
    return cues


ACTOR_LABELS = ("PERSON", "ORG")


def actor_ids(articles: list[Article], entity_ids: list[str], limit: int) -> list[str]:
    """The first `limit` of `entity_ids` that are people or organisations (most of their mentions say so):
    tone toward a place or a law is the tone toward what happened there, not toward an actor."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for mention in article.mentions:
            if mention.entity_id:
                labels[mention.entity_id][mention.label or ""] += 1
    actors = [e for e in entity_ids if labels[e] and labels[e].most_common(1)[0][0] in ACTOR_LABELS]
    return actors[:limit]


def lean(positive: int, negative: int) -> str:
    """The direction of a group's cues: "positive"/"negative" when one side has at least twice the other."""
    if positive == negative == 0:
        return "none"
    if positive >= 2 * negative:
        return "positive"
    if negative >= 2 * positive:
        return "negative"
    return "mixed"


def entity_tone(
    groups: dict[str, list[Article]],
    entity_ids: list[str],
    names: dict[str, str],
    kind: str,
    cues_per_group: int,
) -> list[dict[str, Any]]:
    """For each entity, each group's positive and negative cues (outlet's own words first) and its lean."""
    result = []
    for entity_id in entity_ids:
        by_group = []
        for name in sorted(groups):
            cues = [cue for article in groups[name] for cue in tone_cues(article, entity_id)]
            if not any(m.entity_id == entity_id for a in groups[name] for m in a.mentions):
                continue  # the group never names the entity: nothing to say about its tone
            counts: dict[str, int] = defaultdict(int)
            own: dict[str, int] = defaultdict(int)
            for cue in cues:
                counts[cue["polarity"]] += 1
                own[cue["polarity"]] += not cue["in_quote"]
            shown = sorted(cues, key=lambda c: (c["in_quote"], c["article_id"], c["start"]))[:cues_per_group]
            by_group.append(
                {
                    "group": name,
                    "kind": kind,
                    "positive": counts["positive"],
                    "negative": counts["negative"],
                    "lean": lean(counts["positive"], counts["negative"]),
                    "own_voice_lean": lean(own["positive"], own["negative"]),
                    "cues": shown,
                }
            )
        if by_group:
            result.append({"entity_id": entity_id, "name": names.get(entity_id, entity_id), "groups": by_group})
    return result
