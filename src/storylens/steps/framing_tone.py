"""Tone toward a story's key entities, per outlet or camp, always as the words that carry it.

Why words aimed at the entity: an outlet's tone toward an actor shows in what it writes about the actor
("Marsk's late-night proposal ... saving the negotiations" / "Marsk ... came back having shared them"), but
an evaluative word next to a name is not always about its bearer ("Reiner condemned the crackdown" judges
the crackdown). Each sentence of a group's articles that mentions the entity (a resolved mention of the
entity step) is searched for the evaluative words of the language's `tone_positive` / `tone_negative` lists
and the verbs of its `judging_positive` / `judging_negative` lists (resources/framing/<lang>.yaml), and a
word counts only when the dependency parse aims it at the entity (`framing_aim`). The result is never a
bare score: each group's lean comes with its cue spans, and cues inside a direct quote are marked
(`in_quote`: the speaker's words about the actor, not the outlet's).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from storylens.model import Article
from storylens.steps.claims import SENTENCE_ABBREVIATIONS
from storylens.steps.framing_aim import Target, find_targets, parser_of, targets_ahead
from storylens.steps.framing_lexicon import TONE_POLARITIES, load_framing_lexicon
from storylens.steps.time_expressions import sentence_bounds


def _cue_words(article: Article, start: int, end: int) -> list[tuple[int, int, str, bool]]:
    """Tone and judging words in one sentence: (start, end, polarity, judging), a judging entry winning a tie."""
    lexicon = load_framing_lexicon(article.language)
    found: dict[tuple[int, int], tuple[str, bool]] = {}
    for polarity in TONE_POLARITIES:
        for judging, pattern in ((False, lexicon.tone.get(polarity)), (True, lexicon.judging.get(polarity))):
            for match in pattern.finditer(article.text, start, end) if pattern else ():
                if judging or match.span() not in found:
                    found[match.span()] = (polarity, judging)
    return [(s, e, polarity, judging) for (s, e), (polarity, judging) in sorted(found.items())]


def _aimed_at(candidates: list[Target], entity_id: str, judging: bool) -> str | None:
    """The relation through which a cue is aimed at the entity, or None: a judging verb only through its object."""
    for target in candidates:
        if target.entity_id == entity_id and (not judging or target.relation == "object"):
            return target.relation
    return None


ToneWord = tuple[tuple[int, int, str, bool], tuple[int, int]]


def tone_words(article: Article, entity_id: str, bounds: list[tuple[int, int]] | None = None) -> list[ToneWord]:
    """The tone and judging words (`_cue_words`) of the sentences of `article` naming `entity_id`, each with its
    sentence, leaving out the words inside the entity's own mentions: what `tone_cues` parses. `bounds`: the
    article's `sentence_bounds`, when the caller has them already."""
    mentions = [(m.start, m.end) for m in article.mentions if m.entity_id == entity_id]
    if not mentions:
        return []
    words = []
    for start, end in sentence_bounds(article.text, SENTENCE_ABBREVIATIONS) if bounds is None else bounds:
        inside = [(s, e) for s, e in mentions if start <= s < end]
        if inside:
            words.extend(
                (cue, (start, end))
                for cue in _cue_words(article, start, end)
                if not any(s <= cue[0] < e for s, e in inside)  # part of the name itself
            )
    return words


def tone_cues(article: Article, entity_id: str, words: list[ToneWord] | None = None) -> list[dict[str, Any]]:
    """Evaluative words of `article` aimed at `entity_id`, each a span with its polarity and its sentence.

    Only sentences naming the entity are read. A tone word counts when the parse aims it at the entity
    (`framing_aim`: "Velo failed", "a weak Velo", "Velo's failed plan"); a judging verb ("praised", "slammed")
    only when the entity is its object, the one judged. For a language storylens cannot parse, every tone word of
    a sentence naming the entity counts and says `aim: null` (not checked); judging verbs do not (who is judged
    is unknown). `words`: the article's `tone_words` for the entity, when the caller has them already.
    """
    quotes = [(q.start, q.end) for q in article.quotes if q.kind == "direct"]
    words = tone_words(article, entity_id) if words is None else words
    parsed = parser_of(article.language) is not None
    aims = find_targets(article, [(cue[0], cue[1]) for cue, _ in words])
    cues = []
    for ((cue_start, cue_end, polarity, judging), (start, end)), candidates in zip(words, aims, strict=True):
        aim = _aimed_at(candidates, entity_id, judging) if parsed else None
        if parsed and aim is None:
            continue  # in a sentence about the entity, but aimed elsewhere ("Velo condemned the crackdown")
        if not parsed and judging:
            continue  # without a parse, who is judged is unknown: "Velo defended the plan" praises the plan
        cues.append(
            {
                "article_id": article.id,
                "start": cue_start,
                "end": cue_end,
                "text": article.text[cue_start:cue_end],
                "kind": "tone-cue",
                "polarity": polarity,
                "judging": judging,
                "aim": aim,
                "in_quote": any(s <= cue_start and cue_end <= e for s, e in quotes),
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
    # the sentences every entity's tone words sit in, parsed in one batch for the story (see `targets_ahead`)
    members = [article for name in sorted(groups) for article in groups[name]]
    bounds = {a.id: sentence_bounds(a.text, SENTENCE_ABBREVIATIONS) for a in members}
    words = {(e, a.id): tone_words(a, e, bounds[a.id]) for e in entity_ids for a in members}
    targets_ahead((a, [(cue[0], cue[1]) for cue, _ in words[(e, a.id)]]) for e in entity_ids for a in members)
    result = []
    for entity_id in entity_ids:
        by_group = []
        for name in sorted(groups):
            cues = [cue for a in groups[name] for cue in tone_cues(a, entity_id, words[(entity_id, a.id)])]
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
