"""The `Store` contract: one suite that the SQLite store and the PostgreSQL store (a real server) both pass."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from storylens.model import Article, CopyGroup, Corpus, Entity, ErrorRecord, Mention, Story, article_id_for
from storylens.steps.claim_groups import CLAIM_VECTORS_KEY
from storylens.steps.embeddings import decode_exact_vector, encode_exact_vector
from storylens.store import IngestedFile, Store, StoreError, open_store
from storylens.store.reads import StoryQuery
from storylens.working_set import lookup_keys


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'contract.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened


def make_article(text: str, source: str = "a.txt", **fields: object) -> Article:
    return Article(id=article_id_for(text), text=text, source=source, sources=[source], **fields)  # type: ignore[arg-type]


def analyzed(store: Store, *articles: Article) -> list[Article]:
    store.add_articles(articles)
    store.save_annotated(articles)
    return list(articles)


def test_two_records_with_one_text_keep_each_their_external_id(store: Store) -> None:
    text = "The Velmar ferry left Ostrand at dawn."
    first = make_article(text, source="feed.jsonl:line 1", external_id="v-1")
    first.source_external_ids = {"feed.jsonl:line 1": "v-1"}
    second = make_article(text, source="feed.jsonl:line 7", external_id="v-7")
    second.source_external_ids = {"feed.jsonl:line 7": "v-7"}
    store.add_articles([first])
    store.add_articles([second])
    stored = store.get_article(first.id)
    assert stored is not None
    assert stored.source_external_ids == {"feed.jsonl:line 1": "v-1", "feed.jsonl:line 7": "v-7"}


def test_an_article_added_twice_is_stored_once_with_both_sources(store: Store) -> None:
    article = make_article("The Velmar ferry left Ostrand at dawn.", source="one.txt")
    first = store.add_articles([article])
    second = store.add_articles([make_article("The Velmar ferry left Ostrand at dawn.", source="two.txt")])
    assert (first.new_ids, second.known_ids, second.new_ids) == ([article.id], [article.id], [])
    assert store.count_articles() == 1
    stored = store.get_article(article.id)
    assert stored is not None and stored.sources == ["one.txt", "two.txt"]


def test_a_registered_file_is_read_back_and_replaced(store: Store) -> None:
    store.add_articles([], [IngestedFile("/in/a.jsonl", 10, 1, "abc", "k1")])
    store.add_articles([], [IngestedFile("/in/a.jsonl", 12, 2, "def", "k1")])
    assert store.ingested_file("/in/a.jsonl") == IngestedFile("/in/a.jsonl", 12, 2, "def", "k1")
    assert store.ingested_file("/in/missing.jsonl") is None
    assert store.count_ingested_files() == 1


def test_articles_analysed_by_another_fingerprint_are_counted(store: Store) -> None:
    old, unknown, current, waiting = (make_article(f"Ostrand harbour log entry {n}.") for n in (1, 2, 3, 4))
    store.add_articles([old, unknown, current, waiting])
    store.save_annotated([old], "old-settings")
    store.save_annotated([unknown])  # analysed before fingerprints were recorded
    store.save_annotated([current], "new-settings")
    assert store.count_analyzed_elsewise("new-settings") == 2
    store.save_annotated([old, unknown], "new-settings")
    assert store.count_analyzed_elsewise("new-settings") == 0
    assert store.count_analyzed_elsewise("newer-settings") == 3  # the pending article is not counted


def test_articles_of_another_fingerprint_are_read_a_batch_at_a_time_in_order(store: Store) -> None:
    first, second, third = (make_article(f"Kessing ferry timetable change {n}.") for n in (1, 2, 3))
    store.add_articles([first, second, third])
    store.save_annotated([first, second, third], "old")
    assert [a.id for a in store.analyzed_elsewise("new", 2)] == [first.id, second.id]
    store.save_annotated([first], "new")
    assert [a.id for a in store.analyzed_elsewise("new", 2)] == [second.id, third.id]


def test_placed_articles_are_those_with_a_story(store: Store) -> None:
    placed, loose = make_article("Velmar square was cleared at night.", story_id="story-1"), make_article("Lisk.")
    analyzed(store, placed, loose)
    assert store.placed_article_ids([placed.id, loose.id, "unknown"]) == {placed.id}
    assert store.placed_article_ids([]) == set()


def test_pending_articles_are_those_not_yet_analyzed_or_failed(store: Store) -> None:
    done, broken, waiting = (make_article(f"Ostrand council note number {n}.") for n in (1, 2, 3))
    store.add_articles([done, broken, waiting])
    store.save_annotated([done])
    store.mark_failed([broken.id])
    assert [a.id for a in store.pending_articles()] == [waiting.id]
    assert (store.count_articles("analyzed"), store.count_articles("failed")) == (1, 1)


def test_analyzed_articles_are_ungrouped_until_a_corpus_save_places_them(store: Store) -> None:
    first, second = analyzed(store, make_article("Kessing port strike enters day two."), make_article("Other news."))
    assert store.ungrouped_article_ids() == {first.id, second.id}
    first.story_id = "story-a"
    corpus = Corpus(articles={first.id: first}, stories={"story-a": Story(id="story-a", article_ids=[first.id])})
    corpus.new_article_ids = {first.id}
    store.save_corpus(corpus, [first.id], ["story-a"])
    assert store.ungrouped_article_ids() == {second.id}


def test_a_corpus_round_trips_with_its_findings(store: Store) -> None:
    (article,) = analyzed(store, make_article("Mara Velt spoke in Kessing.", outlet="Ostrand Post"))
    article.mentions = [Mention(article.id, 0, 9, "Mara Velt", "PERSON", entity_id="ent-1")]
    article.story_id = "story-1"
    article.copy_group = "copy-1"
    corpus = Corpus(
        articles={article.id: article},
        stories={"story-1": Story(id="story-1", title="Velt in Kessing", article_ids=[article.id])},
        entities={"ent-1": Entity(id="ent-1", name="Mara Velt", type="PERSON", aliases=["Mara Velt", "Velt"])},
        copy_groups={"copy-1": CopyGroup(id="copy-1", original_id=article.id, article_ids=[article.id])},
    )
    store.save_corpus(corpus)
    again = store.load_corpus()
    assert again.articles[article.id].mentions[0].entity_id == "ent-1"
    assert again.stories["story-1"].title == "Velt in Kessing"
    assert again.entities["ent-1"].aliases == ["Mara Velt", "Velt"]
    assert list(again.copy_groups) == ["copy-1"]
    assert store.get_story("story-1") is not None and store.get_story("nope") is None
    assert [s.id for s in store.list_stories()] == ["story-1"] and store.count_stories() == 1


def test_a_partial_save_writes_only_the_named_stories_and_deletes_merged_ones(store: Store) -> None:
    a, b = analyzed(store, make_article("First Ostrand report."), make_article("Second Ostrand report."))
    stories = {
        "s-a": Story(id="s-a", title="A", article_ids=[a.id]),
        "s-b": Story(id="s-b", title="B", article_ids=[b.id]),
    }
    store.save_corpus(Corpus(articles={a.id: a, b.id: b}, stories=stories))
    merged = Story(id="s-a", title="A and B", article_ids=[a.id, b.id])
    b.story_id = "s-a"
    store.save_corpus(Corpus(articles={a.id: a, b.id: b}, stories={"s-a": merged}), [b.id], ["s-a", "s-b"])
    assert [s.id for s in store.list_stories()] == ["s-a"]
    stored_b = store.get_article(b.id)
    assert stored_b is not None and stored_b.story_id == "s-a"


def test_a_view_holds_the_chosen_stories_with_their_articles_and_entities(store: Store) -> None:
    old = make_article("Ostrand harbour fire in March.", outlet="Ostrand Post", published="2026-03-01")
    new = make_article("Kessing bridge opens in May.", outlet="Kessing Daily", published="2026-05-02")
    analyzed(store, old, new)
    old.story_id, new.story_id = "s-old", "s-new"
    new.mentions = [Mention(new.id, 0, 7, "Kessing", "GPE", entity_id="ent-k")]
    corpus = Corpus(
        articles={old.id: old, new.id: new},
        stories={"s-old": Story(id="s-old", article_ids=[old.id]), "s-new": Story(id="s-new", article_ids=[new.id])},
        entities={
            "ent-k": Entity(id="ent-k", name="Kessing", type="GPE"),
            "ent-x": Entity(id="ent-x", name="X", type="ORG"),
        },
    )
    store.save_corpus(corpus)
    assert set(store.load_view().stories) == {"s-old", "s-new"}
    view = store.load_view(["s-new"])
    assert (list(view.stories), list(view.articles), list(view.entities)) == (["s-new"], [new.id], ["ent-k"])
    assert list(store.load_view(since="2026-04-01").stories) == ["s-new"]
    assert list(store.load_view(outlet="Ostrand Post").stories) == ["s-old"]
    assert list(store.load_view(["s-new"], outlet="Ostrand Post").stories) == []


def test_an_outlet_filter_matches_the_name_in_any_case_and_spacing(store: Store) -> None:
    """`report --outlet` (load_view) and the web story list (story_page) find an outlet however its name is
    typed: "ostrand post" and " Ostrand  Post " are the stored "Ostrand Post", and "Östrand Post" is not."""
    harbour = make_article("Ostrand harbour fire in March.", outlet="Ostrand Post", published="2026-03-01")
    bridge = make_article("Kessing bridge opens in May.", outlet="KESSING DAILY", published="2026-05-02")
    analyzed(store, harbour, bridge)
    harbour.story_id, bridge.story_id = "s-harbour", "s-bridge"
    stories = {"s-harbour": Story(id="s-harbour", article_ids=[harbour.id])}
    stories["s-bridge"] = Story(id="s-bridge", article_ids=[bridge.id])
    store.save_corpus(Corpus(articles={harbour.id: harbour, bridge.id: bridge}, stories=stories))
    for typed in ("Ostrand Post", "ostrand post", " Ostrand  Post ", "OSTRAND\tPOST"):
        assert list(store.load_view(outlet=typed).stories) == ["s-harbour"], typed
        assert [s.id for s in store.story_page(StoryQuery(outlet=typed), 0, 10)[1]] == ["s-harbour"], typed
    assert list(store.load_view(outlet="Kessing Daily").stories) == ["s-bridge"]
    for other in ("Östrand Post", "Ostrand", "Post"):
        assert not store.load_view(outlet=other).stories, other
        assert store.story_page(StoryQuery(outlet=other), 0, 10) == (0, []), other


def test_errors_are_recorded_once_per_source_and_reason(store: Store) -> None:
    store.record_errors([ErrorRecord("bad.html", "not UTF-8"), ErrorRecord("bad.html", "not UTF-8")])
    store.record_errors([ErrorRecord("worse.pdf", "unsupported format")])
    assert store.errors() == [ErrorRecord("bad.html", "not UTF-8"), ErrorRecord("worse.pdf", "unsupported format")]


def test_search_finds_words_and_boolean_queries_with_a_marked_snippet(store: Store) -> None:
    fire = make_article("A fire broke out in the Ostrand harbour warehouse on Monday night.", language="en")
    drill = make_article("The Ostrand harbour held a fire drill on Friday.", language="en", title="Drill")
    analyzed(store, fire, drill, make_article("Le port de Kessing a rouvert lundi.", language="fr"))
    hits = store.search("warehouse")
    assert [hit[0] for hit in hits] == [fire.id]
    assert "[warehouse]" in hits[0][1]
    assert {hit[0] for hit in store.search("harbour AND fire")} == {fire.id, drill.id}
    assert [hit[0] for hit in store.search("harbour NOT drill")] == [fire.id]
    assert len(store.search("port")) == 1


def test_search_ranks_only_the_first_candidates_and_counts_hits_up_to_a_bound(store: Store) -> None:
    texts = [f"The Velmar ferry {'ferry ' * n}called at pier {n} of Ostrand." for n in range(5)]
    ferries = analyzed(store, *(make_article(text, language="en") for text in texts))
    analyzed(store, make_article("The Ostrand harbour was quiet on Sunday.", language="en"))
    ids = {article.id for article in ferries}
    everything = store.search("ferry", limit=10)
    assert {hit[0] for hit in everything} == ids
    assert everything[0][0] == ferries[4].id  # all five ranked: the one saying "ferry" most comes first
    capped = store.search("ferry", limit=10, candidates=2)
    assert len(capped) == 2 and {hit[0] for hit in capped} < ids
    assert [hit[0] for hit in store.search("ferry", limit=1, candidates=2)] == [capped[0][0]]
    assert store.search("ferry", candidates=0) == []
    assert store.count_search_hits("ferry", at_most=100) == 5
    assert store.count_search_hits("ferry", at_most=3) == 3
    assert store.count_search_hits("harbour", at_most=3) == 1
    assert store.count_search_hits("lighthouse", at_most=3) == 0


def test_a_query_the_store_cannot_parse_is_refused_with_a_store_error_not_a_driver_error(store: Store) -> None:
    with contextlib.suppress(StoreError):  # answering is fine too; a sqlite3/psycopg error escaping is not
        store.search('"unbalanced AND (')


def test_corpus_lock_makes_a_second_holder_wait(store_url: str) -> None:
    order: list[str] = []
    with open_store(store_url) as first, open_store(store_url) as second:
        started = threading.Event()

        def other_run() -> None:
            started.set()
            with second.corpus_lock():
                order.append("second")

        with first.corpus_lock():
            thread = threading.Thread(target=other_run)
            thread.start()
            started.wait(5)
            thread.join(0.5)
            order.append("first")
        thread.join(10)
    assert order == ["first", "second"]


def test_two_writers_adding_the_same_articles_at_once_store_each_once(store_url: str) -> None:
    articles = [make_article(f"Ostrand tide table entry {n}.") for n in range(60)]
    errors: list[BaseException] = []

    def writer(source: str) -> None:
        try:
            with open_store(store_url) as store:
                for start in range(0, len(articles), 10):
                    batch = [make_article(a.text, source=source) for a in articles[start : start + 10]]
                    store.add_articles(batch)
        except BaseException as error:  # reported below, so a failing thread fails the test
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("one.txt", "two.txt")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    with open_store(store_url) as store:
        assert store.count_articles() == 60
        stored = store.get_article(articles[0].id)
        assert stored is not None and sorted(stored.sources) == ["one.txt", "two.txt"]


def test_a_store_opened_read_only_refuses_writes_but_reads(store_url: str) -> None:
    article = make_article("The Velmar ferry left Ostrand at dawn.")
    with open_store(store_url) as writer:
        analyzed(writer, article)
    with open_store(store_url, read_only=True) as reader:
        assert reader.count_articles() == 1
        with pytest.raises(Exception, match=r"(?i)read-only|readonly|query_only|query.only"):
            reader.add_articles([make_article("A second ferry left Ostrand at noon.")])
    with open_store(store_url) as writer:  # the refusal did not damage the store
        assert writer.count_articles() == 1


# -- the working set of a run (storylens/working_set.py) ----------------------------------------------------

HARBOUR = (
    "The Ostrand harbour authority closed the northern pier on Tuesday after inspectors found cracks in two"
    " of its oldest pillars, and ferries to Kessing will dock at the southern quay until repairs end in June."
)


def grouped(store: Store, *articles: Article) -> None:
    """Store the articles as analyzed and placed by a corpus save (which writes their lookup keys)."""
    analyzed(store, *articles)
    corpus = Corpus(articles={a.id: a for a in articles}, new_article_ids={a.id for a in articles})
    store.save_corpus(corpus, [a.id for a in articles], [])


def test_a_copy_of_a_grouped_article_is_found_by_its_lookup_keys(store: Store) -> None:
    original = make_article(HARBOUR, outlet="Ostrand Post")
    other = make_article("Kessing Daily reviews the new season of the Velmar city orchestra and its young conductor.")
    grouped(store, original, other)
    near_copy = make_article(HARBOUR + " Travellers should allow an extra hour.")
    exact_copy = make_article(HARBOUR.upper())
    keys = lookup_keys([near_copy, exact_copy])
    assert store.article_ids_by_lookup_key(keys[near_copy.id]) == {original.id}
    assert store.article_ids_by_lookup_key(keys[exact_copy.id][:1]) == {original.id}  # the fingerprint key
    unrelated = make_article("Velmar farmers expect a record apple harvest after a warm and unusually dry spring.")
    assert store.article_ids_by_lookup_key(lookup_keys([unrelated])[unrelated.id]) == set()


def holders(n: int) -> list[Article]:
    """`n` articles holding every lookup key of HARBOUR (the same words, told apart by trailing marks), dated a
    year apart from 2001 on; the last one undated."""
    made = [make_article(HARBOUR + "!" * (i + 1), published=f"{2001 + i}-03-01") for i in range(n)]
    made[-1].published = None
    return made


def test_a_keys_earliest_holders_are_read_first_and_only_as_many_as_asked(store: Store) -> None:
    stored = holders(6)
    grouped(store, *stored[3:])  # saved out of date order, so the order read is the store's, not the insertion's
    grouped(store, *stored[:3])
    keys = lookup_keys([make_article(HARBOUR)])[article_id_for(HARBOUR)]
    rows = store.lookup_key_rows(keys, per_key=2)
    assert len(rows) == 2 * len(keys)
    assert {(article_id, published) for _, article_id, published in rows} == {
        (stored[0].id, "2001-03-01"),
        (stored[1].id, "2002-03-01"),
    }
    everything = store.lookup_key_rows(keys[:1])
    assert sorted(everything, key=lambda row: row[1]) == sorted(
        ((keys[0], a.id, a.published) for a in stored), key=lambda row: row[1]
    )
    assert {row[1] for row in store.lookup_key_rows(keys[:1], per_key=6)} == {a.id for a in stored}


def test_an_undated_holder_comes_after_the_dated_ones_and_ties_go_by_id(store: Store) -> None:
    undated = [make_article(HARBOUR + "?" * (i + 1)) for i in range(2)]
    dated = [make_article(HARBOUR + "." * (i + 1), published="2026-01-01") for i in range(2)]
    grouped(store, *undated, *dated)
    key = lookup_keys([make_article(HARBOUR)])[article_id_for(HARBOUR)][0]
    rows = store.lookup_key_rows([key], per_key=3)
    assert {(row[1], row[2]) for row in rows} == {(a.id, "2026-01-01") for a in dated} | {
        (min(a.id for a in undated), None)
    }


def test_live_stories_are_those_whose_span_comes_within_the_window_and_the_undated(store: Store) -> None:
    spans = {"s-march": ("2026-03-01", "2026-03-04"), "s-may": ("2026-05-02", "2026-05-20"), "s-undated": (None, None)}
    stories = {i: Story(id=i, first_published=first, last_published=last) for i, (first, last) in spans.items()}
    store.save_corpus(Corpus(stories=stories))
    assert store.live_story_ids(("2026-05-10", "2026-06-01")) == {"s-may", "s-undated"}
    assert store.live_story_ids(("2026-03-04", "2026-03-05")) == {"s-march", "s-undated"}
    assert store.live_story_ids(None) == set(spans)


def test_saving_changes_writes_only_them_and_keeps_entities_still_mentioned(store: Store) -> None:
    kept, new = make_article(HARBOUR), make_article("Mara Velt opened the Kessing bridge on a windy Sunday morning.")
    kept.mentions = [Mention(kept.id, 4, 11, "Ostrand", "GPE", entity_id="ent-ostrand")]
    kept.copy_group = "copy-old"
    grouped(store, kept)
    store.save_corpus(
        Corpus(
            articles={kept.id: kept},
            entities={"ent-ostrand": Entity(id="ent-ostrand", name="Ostrand", type="GPE")},
            copy_groups={"copy-old": CopyGroup(id="copy-old", original_id=kept.id, article_ids=[kept.id])},
            stories={"s-old": Story(id="s-old", article_ids=[kept.id])},
        )
    )
    analyzed(store, new)
    new.mentions = [Mention(new.id, 0, 9, "Mara Velt", "PERSON", entity_id="ent-velt")]
    new.story_id = "s-new"
    corpus = Corpus(
        articles={new.id: new},
        stories={"s-new": Story(id="s-new", article_ids=[new.id])},
        new_article_ids={new.id},
    )
    store.save_changes(
        corpus,
        [new.id],
        ["s-new", "s-old"],
        entities={"ent-velt": Entity(id="ent-velt", name="Mara Velt", type="PERSON")},
        gone_entity_ids=["ent-ostrand"],  # still mentioned by a stored article: kept
        copy_groups={},
        gone_copy_group_ids=["copy-old"],
        lookup_keys=lookup_keys([new]),
    )
    assert set(store.entities_by_id(["ent-velt", "ent-ostrand"])) == {"ent-velt", "ent-ostrand"}
    assert store.entities_by_id(["ent-velt"])["ent-velt"].mention_count == 1
    assert store.copy_groups_by_id(["copy-old"]) == {}
    assert [s.id for s in store.list_stories()] == ["s-new"]
    assert store.ungrouped_article_ids() == set()
    assert store.article_ids_by_lookup_key(lookup_keys([new])[new.id]) == {new.id}
    assert [a.id for _, a in store.analyzed_articles([new.id, "no-such-id"])] == [new.id]


def test_claim_vectors_kept_on_an_article_come_back_bit_for_bit(store: Store) -> None:
    article = make_article(HARBOUR)
    grouped(store, article)
    vectors = np.random.default_rng(7).standard_normal((2, 512)).astype(np.float32)
    kept = {"comparer": "storylens.steps.claim_compare.RuleComparer", "vectors": {}}
    kept["vectors"] = {f"key-{i}": encode_exact_vector(vector) for i, vector in enumerate(vectors)}
    article.metadata[CLAIM_VECTORS_KEY] = kept
    article.story_id = "s-pier"
    corpus = Corpus(articles={article.id: article}, stories={"s-pier": Story(id="s-pier", article_ids=[article.id])})
    store.save_changes(
        corpus,
        [article.id],
        ["s-pier"],
        entities={},
        gone_entity_ids=[],
        copy_groups={},
        gone_copy_group_ids=[],
        lookup_keys={},
    )
    [(_, again)] = store.analyzed_articles([article.id])
    back = again.metadata[CLAIM_VECTORS_KEY]
    assert back["comparer"] == kept["comparer"]
    assert [decode_exact_vector(back["vectors"][f"key-{i}"]).tobytes() for i in range(2)] == [
        vector.tobytes() for vector in vectors
    ]


def rewind_schema(store_url: str, sqlite_script: str, postgres_statements: list[str]) -> None:
    """Run raw schema statements on either store, bypassing it: how a store written by an older storylens looks."""
    if store_url.startswith("sqlite"):
        import sqlite3

        with contextlib.closing(sqlite3.connect(store_url.removeprefix("sqlite:///"))) as conn:
            conn.executescript(sqlite_script)
        return
    import psycopg

    with psycopg.connect(store_url, autocommit=True) as conn:
        for statement in postgres_statements:
            conn.execute(statement)


def back_to_before_fingerprints(store_url: str) -> None:
    """Make the store look like one written before articles recorded what analysed them (keeping its data)."""
    drop = ["DROP INDEX articles_fingerprint", "ALTER TABLE articles DROP COLUMN fingerprint"]
    rewind_schema(
        store_url,
        "; ".join(drop) + "; PRAGMA user_version = 7;",
        [*drop, "UPDATE storylens_schema SET version = 6"],
    )


def test_a_store_made_before_fingerprints_upgrades_in_place_and_counts_its_articles_as_unknown(
    store_url: str,
) -> None:
    with open_store(store_url) as store:
        store.add_articles([make_article(HARBOUR)])
        store.save_annotated([make_article(HARBOUR)], "current")
        version = store.schema_version()  # type: ignore[attr-defined]
    back_to_before_fingerprints(store_url)
    with open_store(store_url) as store:
        assert store.schema_version() == version  # type: ignore[attr-defined]
        assert store.count_analyzed_elsewise("current") == 1


def back_to_before_lookup_keys(store_url: str) -> None:
    """Make the store look like one written before the `lookup_keys` table existed (keeping its data)."""
    back_to_before_fingerprints(store_url)
    rewind_schema(
        store_url,
        "DROP TABLE lookup_keys; DROP INDEX stories_span; PRAGMA user_version = 5;",
        ["DROP TABLE lookup_keys", "DROP INDEX stories_span", "UPDATE storylens_schema SET version = 4"],
    )


def test_a_store_made_before_lookup_keys_fills_them_in_once_on_first_open(store_url: str) -> None:
    original = make_article(HARBOUR, published="2019-06-01")
    with open_store(store_url) as store:
        grouped(store, original)
    back_to_before_lookup_keys(store_url)
    near_copy = make_article(HARBOUR + " Travellers should allow an extra hour.")
    with open_store(store_url) as store:
        assert store.article_ids_by_lookup_key(lookup_keys([near_copy])[near_copy.id]) == {original.id}
        assert store.live_story_ids(None) == set()
        assert {row[2] for row in store.lookup_key_rows(lookup_keys([near_copy])[near_copy.id], per_key=1)} == {
            "2019-06-01"
        }


def back_to_before_holder_dates(store_url: str) -> None:
    """Make the store look like one written before `lookup_keys` held its holders' dates (keeping its keys)."""
    back_to_before_fingerprints(store_url)
    rewind_schema(
        store_url,
        "DROP INDEX lookup_keys_holders; ALTER TABLE lookup_keys DROP COLUMN published; PRAGMA user_version = 6;",
        [
            "DROP INDEX lookup_keys_holders",
            "ALTER TABLE lookup_keys DROP COLUMN published",
            "UPDATE storylens_schema SET version = 5",
        ],
    )


def test_a_store_made_before_holder_dates_upgrades_in_place_on_first_open(store_url: str) -> None:
    stored = holders(4)
    with open_store(store_url) as store:
        grouped(store, *stored)
        version = store.schema_version()  # type: ignore[attr-defined]
    back_to_before_holder_dates(store_url)
    with open_store(store_url) as store:
        assert store.schema_version() == version  # type: ignore[attr-defined]
        keys = lookup_keys([make_article(HARBOUR)])[article_id_for(HARBOUR)]
        rows = store.lookup_key_rows(keys, per_key=2)
        assert {(row[1], row[2]) for row in rows} == {(stored[0].id, "2001-03-01"), (stored[1].id, "2002-03-01")}
        assert (keys[0], stored[-1].id, None) in store.lookup_key_rows(keys[:1], per_key=4)  # undated: last
        assert (keys[0], stored[-1].id, None) not in store.lookup_key_rows(keys[:1], per_key=3)
        newer = make_article(HARBOUR + "#", published="1999-01-01")
        grouped(store, newer)  # written after the upgrade, with its date
        assert store.lookup_key_rows(keys[:1], per_key=1) == [(keys[0], newer.id, "1999-01-01")]


def _save_mentions(store: Store, article: Article, entity_ids: list[str], entities: dict[str, Entity]) -> None:
    """Give `article` one mention per entity id (at the same words) and save it as a run's change."""
    article.mentions = [Mention(article.id, 0, 4, "Mara", "PERSON", entity_id=i) for i in entity_ids]
    store.save_changes(
        Corpus(articles={article.id: article}),
        [article.id],
        [],
        entities=entities,
        gone_entity_ids=[],
        copy_groups={},
        gone_copy_group_ids=[],
        lookup_keys={},
    )


def test_mention_counts_follow_the_mentions_a_run_adds_moves_and_rewrites(store: Store) -> None:
    first, second = make_article(HARBOUR), make_article("Mara Velt opened the Kessing bridge on a windy Sunday.")
    analyzed(store, first, second)
    velt, vel = Entity(id="ent-velt", name="Mara Velt", type="PERSON"), Entity(id="ent-vel", name="Vel", type="PERSON")
    _save_mentions(store, first, ["ent-velt", "ent-velt"], {"ent-velt": velt})
    _save_mentions(store, second, ["ent-velt"], {})
    assert store.entities_by_id(["ent-velt"])["ent-velt"].mention_count == 3
    # the entity rewritten by a later run (new aliases) keeps the count of the mentions outside that run
    velt.aliases = ["Velt"]
    _save_mentions(store, second, ["ent-vel"], {"ent-velt": velt, "ent-vel": vel})
    counts = {i: e.mention_count for i, e in store.entities_by_id(["ent-velt", "ent-vel"]).items()}
    assert counts == {"ent-velt": 2, "ent-vel": 1}
    assert store.entities_by_id(["ent-velt"])["ent-velt"].aliases == ["Velt"]
    _save_mentions(store, first, [], {})
    assert store.entities_by_id(["ent-velt"])["ent-velt"].mention_count == 0
