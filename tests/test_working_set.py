"""What a run reads of the store: the new articles, their copy candidates, the live stories (working_set.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pytest

from storylens import working_set
from storylens.model import Article, Corpus, Entity, MergeEvidence, Story, article_id_for
from storylens.steps.copies import NO_DATE, CopySettings, copy_signatures
from storylens.store import Store, open_store
from storylens.store.base import UNDATED_HOLDER, holder_date
from storylens.working_set import (
    copy_candidates,
    earliest_holders,
    keep_stored_names,
    live_span,
    load_working_set,
    lookup_keys,
    save_working_set,
)

HARBOUR = (
    "The Ostrand harbour authority closed the northern pier on Tuesday after inspectors found cracks in two"
    " of its oldest pillars, and ferries to Kessing will dock at the southern quay until repairs end in June."
)


def article(text: str, published: str) -> Article:
    return Article(id=article_id_for(text), text=text, source="t.txt", published=published)


def stored_story(store: Store, story_id: str, *articles: Article) -> None:
    """Articles placed in one story by an earlier run."""
    for placed in articles:
        placed.story_id = story_id
    store.add_articles(articles)
    store.save_annotated(articles)
    dates = sorted(a.published or "" for a in articles)
    story = Story(id=story_id, article_ids=[a.id for a in articles], first_published=dates[0], last_published=dates[-1])
    corpus = Corpus(articles={a.id: a for a in articles}, stories={story_id: story})
    corpus.new_article_ids = set(corpus.articles)
    store.save_corpus(corpus, list(corpus.articles), [story_id])


def test_the_live_span_is_the_batch_dates_widened_by_the_window() -> None:
    batch = [article("One.", "2026-05-02T10:00"), article("Two.", "2026-05-09"), article("Three.", "")]
    assert live_span(batch, 7) == ("2026-04-25", "2026-05-17")
    assert live_span([article("Undated.", "")], 7) is None


def test_a_run_reads_its_new_articles_copy_candidates_and_live_stories_only(tmp_path: Path) -> None:
    with open_store(tmp_path / "store.db") as store:
        harbour = article(HARBOUR, "2026-01-10")
        stored_story(store, "s-harbour", harbour)
        stored_story(store, "s-old", article("Velmar farmers expect a record apple harvest this year.", "2026-01-12"))
        recent = article("Mara Velt opened the Kessing bridge on a windy Sunday morning.", "2026-04-28")
        stored_story(store, "s-bridge", recent)
        copy = article(HARBOUR + " Travellers should allow an extra hour.", "2026-05-03")
        other = article("Kessing Daily reviews the new season of the Velmar city orchestra.", "2026-05-04")
        store.add_articles([copy, other])
        store.save_annotated([copy, other])

        working = load_working_set(store, {copy.id, other.id}, live_window_days=35)

        corpus = working.corpus
        assert corpus.new_article_ids == {copy.id, other.id}
        assert set(corpus.articles) == {copy.id, other.id, harbour.id, recent.id}  # not the January harvest
        assert set(corpus.stories) == {"s-harbour", "s-bridge"}  # live, or the story of a copy candidate
        corpus.articles[copy.id].story_id = "s-harbour"
        corpus.stories["s-harbour"].article_ids.append(copy.id)
        save_working_set(store, working, corpus, {copy.id}, {"s-harbour"})
        assert store.ungrouped_article_ids() == set()
        assert store.get_story("s-harbour").article_ids == [harbour.id, copy.id]  # type: ignore[union-attr]
        assert store.get_story("s-old") is not None


def test_a_key_much_of_the_store_shares_brings_in_its_earliest_holder_only() -> None:
    settings = CopySettings(max_bucket_size=3)
    shared = [(7, f"old-{n}", f"2026-01-0{n}") for n in range(1, 5)]  # a template band: 4 holders + 1 new > 3
    rare = [(9, "old-x", "2026-02-01")]
    assert copy_candidates(shared + rare, {"new": [7, 9]}, settings) == {"old-1", "old-x"}
    assert copy_candidates(shared[:2], {"new": [7]}, settings) == {"old-1", "old-2"}


def test_an_entity_rewritten_by_a_windowed_run_keeps_the_names_its_stored_version_held() -> None:
    stored = Entity(
        id="e1",
        name="Ilse Varnholm",
        type="PERSON",
        aliases=["Ilse Varnholm", "Minister Varnholm"],
        roles=["harbour minister"],
        evidence=[MergeEvidence(rule="title", aliases=["Ilse Varnholm", "Minister Varnholm"])],
    )
    rewritten = Entity(id="e1", name="Ilse Varnholm", type="PERSON", aliases=["Ilse Varnholm", "I. Varnholm"])
    keep_stored_names(rewritten, stored)
    assert rewritten.aliases == ["Ilse Varnholm", "I. Varnholm", "Minister Varnholm"]
    assert rewritten.roles == ["harbour minister"]
    assert [e.rule for e in rewritten.evidence] == ["title"]
    keep_stored_names(rewritten, stored)  # idempotent: a second run adds nothing twice
    assert rewritten.aliases == ["Ilse Varnholm", "I. Varnholm", "Minister Varnholm"]
    assert len(rewritten.evidence) == 1


def test_a_key_shared_across_years_reads_a_bounded_number_of_holders_and_finds_the_old_original(
    tmp_path: Path,
) -> None:
    settings = CopySettings(max_bucket_size=4)
    with open_store(tmp_path / "store.db") as store:
        old = [article(HARBOUR + "!" * (n + 1), f"{2000 + n}-06-01") for n in range(20)]  # one text, 20 years
        for n, placed in enumerate(reversed(old)):
            stored_story(store, f"s-{n}", placed)
        new = article(HARBOUR.upper(), "2026-05-03")
        store.add_articles([new])
        store.save_annotated([new])
        read: list[int] = []
        lookup_key_rows = store.lookup_key_rows

        def counted(keys: Iterable[int], per_key: int | None = None) -> list[tuple[int, str, str | None]]:
            rows = lookup_key_rows(keys, per_key)
            read.append(len(rows))
            return rows

        store.lookup_key_rows = counted  # type: ignore[method-assign]
        working = load_working_set(store, {new.id}, settings, live_window_days=35)

        keys = len(working.new_keys[new.id])
        assert sum(read) <= keys * (settings.max_bucket_size + 1) < keys * len(old)
        assert set(working.corpus.articles) == {new.id, old[0].id}  # the earliest holder: the original
        assert set(working.corpus.stories) == {"s-19"}  # its story, 26 years out of the live window


def test_the_undated_holder_date_sorts_as_the_copies_step_orders_a_bucket() -> None:
    assert UNDATED_HOLDER == NO_DATE
    assert holder_date(None) == holder_date("") == NO_DATE
    assert holder_date("2026-05-03") == "2026-05-03"


def test_stored_keys_of_the_batch_itself_never_take_the_places_of_older_holders(tmp_path: Path) -> None:
    with open_store(tmp_path / "store.db") as store:
        older = [article(HARBOUR + "!" * (n + 1), f"{2000 + n}-06-01") for n in range(4)]
        batch = [article(HARBOUR + "?" * (n + 1), f"1990-01-0{n + 1}") for n in range(3)]  # earliest of all
        for n, placed in enumerate(older + batch):
            stored_story(store, f"s-{n}", placed)
        key = lookup_keys([batch[0]])[batch[0].id][0]
        new_keys = {a.id: [key] for a in batch}

        rows = earliest_holders(store, {key}, new_keys, per_key=2)

        assert {article_id for _, article_id, _ in rows} - set(new_keys) == {older[0].id, older[1].id}


def test_a_run_decodes_each_new_articles_sketch_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The new articles' sketches made for their lookup keys serve the likely-copies check too."""
    seen: Counter[str] = Counter()

    def counting(articles: list[Article], settings: CopySettings) -> tuple[np.ndarray, np.ndarray]:
        seen.update(a.id for a in articles)
        return copy_signatures(articles, settings)

    monkeypatch.setattr(working_set, "copy_signatures", counting)
    with open_store(tmp_path / "store.db") as store:
        original = article(HARBOUR, "2026-01-10")
        stored_story(store, "s-harbour", original)
        copy = article(HARBOUR + " Travellers should allow an extra hour.", "2026-01-11")
        store.add_articles([copy])
        store.save_annotated([copy])
        seen.clear()  # storing computed keys too
        working = load_working_set(store, {copy.id})
    assert original.id in working.corpus.articles  # the copy's original still comes in
    assert seen[copy.id] == 1
    assert seen[original.id] == 1
