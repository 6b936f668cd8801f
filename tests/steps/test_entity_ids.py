"""Entity ids stay what they were when a later run resolves the corpus again."""

from __future__ import annotations

from collections import Counter

from storylens.model import Article, Corpus, Entity, Mention
from storylens.pipeline import Stats
from storylens.steps.entity_ids import StableEntityIds, kept_ids


class RenamingResolver:
    """Stands in for entity resolution: gives every mention the id `ent-<surname>`, as a rerun might."""

    name = "resolve-entities"

    def run(self, corpus: Corpus, stats: Stats) -> Corpus:
        corpus.entities = {}
        for article in corpus.articles.values():
            for mention in article.mentions:
                mention.entity_id = "ent-" + mention.text.split()[-1].lower()
                corpus.entities[mention.entity_id] = Entity(mention.entity_id, mention.text, "PERSON")
        return corpus


def corpus_with(*mentions: tuple[str, str | None]) -> Corpus:
    text = " ".join(name for name, _ in mentions)
    article = Article(id="a1", text=text, source="a.txt")
    start = 0
    for name, entity_id in mentions:
        article.mentions.append(Mention("a1", start, start + len(name), name, "PERSON", entity_id=entity_id))
        start += len(name) + 1
    return Corpus(articles={"a1": article})


def test_an_entity_keeps_the_id_its_mentions_had_in_the_last_run() -> None:
    corpus = corpus_with(("Mara Velt", "ent-old-velt"), ("Velt", "ent-old-velt"), ("Ilse Varga", None))
    stats = Stats()
    StableEntityIds(RenamingResolver()).run(corpus, stats)
    ids = [m.entity_id for m in corpus.articles["a1"].mentions]
    assert ids == ["ent-old-velt", "ent-old-velt", "ent-varga"]
    assert sorted(corpus.entities) == ["ent-old-velt", "ent-varga"]
    assert corpus.entities["ent-old-velt"].id == "ent-old-velt" and stats["ids_restored"] == 1


def test_a_first_run_keeps_the_ids_resolution_gives() -> None:
    corpus = corpus_with(("Mara Velt", None), ("Ilse Varga", None))
    StableEntityIds(RenamingResolver()).run(corpus, Stats())
    assert [m.entity_id for m in corpus.articles["a1"].mentions] == ["ent-velt", "ent-varga"]


def test_the_entity_with_more_mentions_wins_a_previous_id_and_a_clash_is_numbered() -> None:
    votes = {"ent-new-a": Counter({"ent-x": 3}), "ent-new-b": Counter({"ent-x": 1})}
    final = kept_ids(votes, ["ent-new-a", "ent-new-b", "ent-x"])
    assert final == {"ent-new-a": "ent-x", "ent-new-b": "ent-new-b", "ent-x": "ent-x-2"}
