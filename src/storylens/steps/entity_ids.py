"""Entity ids that survive the next run: an actor keeps the id its mentions had before.

Entity resolution runs over the whole corpus and names each entity after its
canonical name (`entity_id_for`), numbering namesakes. When a later run adds
articles, a canonical name can change (a fuller name turns up) or the namesake
numbering can shift, and every mention of that actor would get a new id though
nothing about it changed. Stories whose articles carry new ids must have their
quote groups and timelines recomputed (`Pipeline.group_changes`), so id churn
alone would make a small incremental run recompute much of the corpus, and it
would break links people keep to an entity.

`StableEntityIds` wraps the resolution step: after it, each new entity takes
the previous id most of its already-resolved mentions had, if no other entity
took it first (the entity with more such mentions wins). Entities with no
previous id keep the id resolution gave them (numbered if that id is taken).
A first run has no previous ids and is unchanged.
"""

from __future__ import annotations

from collections import Counter

from storylens.model import Corpus
from storylens.pipeline import CorpusStep, Stats


class StableEntityIds:
    """Corpus step wrapper: runs `inner` (entity resolution), then gives entities back their previous ids."""

    def __init__(self, inner: CorpusStep) -> None:
        self.inner = inner
        self.name = inner.name

    def run(self, corpus: Corpus, stats: Stats) -> Corpus:
        previous = {
            (article.id, index): mention.entity_id
            for article in corpus.articles.values()
            for index, mention in enumerate(article.mentions)
            if mention.entity_id
        }
        corpus = self.inner.run(corpus, stats)
        if not previous:
            return corpus
        votes: dict[str, Counter[str]] = {}
        for (article_id, index), old_id in previous.items():
            mentions = corpus.articles[article_id].mentions
            new_id = mentions[index].entity_id if index < len(mentions) else None
            if new_id:
                votes.setdefault(new_id, Counter())[old_id] += 1
        final = kept_ids(votes, sorted(corpus.entities))
        renamed = {new: old for new, old in final.items() if new != old}
        stats["ids_kept"] += sum(1 for new in votes if final.get(new) in votes[new])
        stats["ids_restored"] += len(renamed)
        if not renamed:
            return corpus
        entities = {}
        for entity in corpus.entities.values():
            entity.id = final[entity.id]
            entities[entity.id] = entity
        corpus.entities = dict(sorted(entities.items()))
        for article in corpus.articles.values():
            for mention in article.mentions:
                if mention.entity_id in renamed:
                    mention.entity_id = renamed[mention.entity_id]
        return corpus


def kept_ids(votes: dict[str, Counter[str]], entity_ids: list[str]) -> dict[str, str]:
    """The final id of every entity: the previous id with the most votes that is still free, else its own
    (numbered when a previous id now used by another entity is the same string)."""
    pairs = sorted(
        ((count, new, old) for new, counter in votes.items() for old, count in counter.items()),
        key=lambda pair: (-pair[0], pair[1], pair[2]),
    )
    final: dict[str, str] = {}
    taken: set[str] = set()
    for _, new, old in pairs:
        if new in final or old in taken:
            continue
        final[new] = old
        taken.add(old)
    for entity_id in entity_ids:
        if entity_id in final:
            continue
        candidate, number = entity_id, 2
        while candidate in taken:
            candidate, number = f"{entity_id}-{number}", number + 1
        final[entity_id] = candidate
        taken.add(candidate)
    return final
