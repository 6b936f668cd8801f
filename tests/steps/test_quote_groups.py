"""Quote groups: choices that must not depend on the process a story ran in, and the fragment search."""

from __future__ import annotations

import numpy as np
import pytest

from storylens.model import Article, Mention, Quote, Speaker, Story
from storylens.pipeline import Stats, StoryBundle
from storylens.steps.embeddings import embed_texts
from storylens.steps.quote_groups import GroupQuotes, QuoteRef, fragment_similarity, most_common_first
from storylens.steps.quote_settings import QuoteSettings
from storylens.steps.quote_text import word_count


def test_a_group_speaker_tie_goes_to_the_entity_quoted_first_whatever_the_hash_seed() -> None:
    assert most_common_first(["ent-b", "ent-a", "ent-a", "ent-b"]) == "ent-b"
    assert most_common_first(["ent-b", "ent-a", "ent-a"]) == "ent-a"
    assert most_common_first([]) is None


LONG_STATEMENT = (
    "We signed it because the agreement protects the coastal communities of our country, "
    "and the fishing towns along the northern shore will keep their harbours open for a decade"
)


def _exhaustive_fragment_similarity(short: str, long: str, size: int) -> float:
    """The search the coarse-to-fine one replaces: every stretch of `size` to `size + 2` words."""
    words = long.split()
    windows = [
        " ".join(words[start : start + span])
        for span in range(size, size + 3)
        for start in range(max(1, len(words) - span + 1))
    ]
    vectors = embed_texts([short, *windows])
    return float(max(vectors[1:] @ vectors[0]))


@pytest.mark.parametrize(
    "fragment",
    ["protects the coastal communities of our country", "protege a nuestras comunidades costeras"],
)
def test_a_fragment_of_a_longer_statement_is_found_by_the_coarse_to_fine_search(fragment: str) -> None:
    size = word_count(fragment)
    score = fragment_similarity(fragment, LONG_STATEMENT, size, 0.7)
    assert score >= 0.7
    assert score == pytest.approx(_exhaustive_fragment_similarity(fragment, LONG_STATEMENT, size), abs=0.02)


def test_an_unrelated_short_quote_is_no_fragment_of_the_statement() -> None:
    unrelated = "the striker will miss the cup final"
    assert fragment_similarity(unrelated, LONG_STATEMENT, word_count(unrelated), 0.7) < 0.6


@pytest.mark.parametrize("offset", range(5))
def test_a_fragment_quoted_word_for_word_is_found_wherever_it_starts(offset: int) -> None:
    lead = ["when", "we", "met", "the", "delegation", "in", "the", "harbour", "town", "last", "spring"]
    fragment = "Varnow would have warned us"
    statement = " ".join([*lead[: offset + 4], fragment, "about the storm, and nobody else would have done it"])
    assert fragment_similarity(fragment, statement, word_count(fragment), 0.7) >= 0.95


def test_the_fragment_windows_of_a_story_are_embedded_before_its_fragment_tests(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storylens.steps import quote_groups

    fragments = ["the harbours stay open for a decade", "the fishing towns keep their harbours"]
    tests = [(fragment, LONG_STATEMENT, word_count(fragment)) for fragment in fragments]
    quote_groups._embedding_cache.clear()
    fragment_similarity.cache_clear()
    quote_groups.embed_fragment_windows(tests, 0.7)
    calls: list[list[str]] = []
    monkeypatch.setattr(quote_groups, "encode_normalized", lambda texts: calls.append(texts) or embed_texts(texts))
    scores = [fragment_similarity(short, long, size, 0.7) for short, long, size in tests]
    assert calls == []
    assert all(score >= 0.7 for score in scores)


# A story told by four outlets: the mayor's statement in three wordings, and a harbour master's words.
HARBOUR_REPORTS = [
    ("h1", "Mayor Lena Varg said: “The bridge will stay closed until the repairs are finished next spring.”"),
    ("h2", "Mayor Lena Varg said: “The bridge will stay closed until the repairs are finished in spring.”"),
    ("h3", "Harbour master Ivo Sund said: “Ferries will run every hour while the bridge is closed to traffic.”"),
    ("h4", "Mayor Lena Varg said: “The bridge stays closed until the repairs are finished next spring.”"),
]
SPEAKERS = {"Lena Varg": "e-varg", "Ivo Sund": "e-sund"}


def harbour_articles() -> list[Article]:
    """The reports as analysed articles: each quote's speaker points at a resolved name mention."""
    articles = []
    for number, (article_id, text) in enumerate(HARBOUR_REPORTS):
        article = Article(id=article_id, text=text, source=f"{article_id}.txt", outlet=f"Outlet {number}")
        article.published = f"2026-05-0{number + 1}T08:00:00"
        name = next(n for n in SPEAKERS if n in text)
        start = text.index(name)
        article.mentions = [Mention(article_id, start, start + len(name), name, "PERSON", entity_id=SPEAKERS[name])]
        quote_start, quote_end = text.index("“") + 1, text.index("”")
        speaker = Speaker(name, start, start + len(name), mention=0)
        article.quotes = [
            Quote(f"{article_id}-q1", article_id, quote_start, quote_end, text[quote_start:quote_end], speaker=speaker)
        ]
        articles.append(article)
    return articles


def group_quotes(step: GroupQuotes, story: Story, articles: list[Article]) -> list[list[str]]:
    story.article_ids = [article.id for article in articles]
    step.run(StoryBundle(story, articles), Stats())
    return [group.quote_ids for group in story.quote_groups]


class CountingGroupQuotes(GroupQuotes):
    """GroupQuotes that notes which pairs of quotes it compared."""

    def __init__(self) -> None:
        super().__init__(QuoteSettings())
        self.compared: list[tuple[str, str]] = []

    def verdict_without_fragments(
        self, left: QuoteRef, right: QuoteRef, embeddings: np.ndarray | None, left_index: int, right_index: int
    ) -> bool | None:
        self.compared.append((left.quote.id, right.quote.id))
        return super().verdict_without_fragments(left, right, embeddings, left_index, right_index)


def test_a_grown_story_compares_only_pairs_with_a_new_quote_and_groups_as_one_run_over_all() -> None:
    articles = harbour_articles()
    story = Story("s1")
    group_quotes(GroupQuotes(), story, articles[:3])
    grown = CountingGroupQuotes()
    groups = group_quotes(grown, story, articles)
    assert grown.compared and all("h4-q1" in pair for pair in grown.compared)
    fresh = CountingGroupQuotes()
    assert groups == group_quotes(fresh, Story("s1"), harbour_articles()) == [["h1-q1", "h2-q1", "h4-q1"]]
    assert len(fresh.compared) == 6  # every pair of the four quotes
    assert [a.quotes[0].group for a in articles] == ["s1-qg1", "s1-qg1", None, "s1-qg1"]


def test_a_quote_whose_speaker_entity_changed_is_compared_again() -> None:
    articles = harbour_articles()
    story = Story("s1")
    group_quotes(GroupQuotes(), story, articles)
    articles[1].mentions[0].entity_id = "e-varg-2"  # entity resolution split the mayor's namesakes
    rerun = CountingGroupQuotes()
    groups = group_quotes(rerun, story, articles)
    # the changed quote is compared with every other; and its old group fell apart, so its partners are too
    assert {pair for pair in rerun.compared if "h2-q1" in pair} == {
        ("h1-q1", "h2-q1"),
        ("h2-q1", "h3-q1"),
        ("h2-q1", "h4-q1"),
    }
    fresh_articles = harbour_articles()
    fresh_articles[1].mentions[0].entity_id = "e-varg-2"
    assert groups == group_quotes(GroupQuotes(), Story("s1"), fresh_articles) == [["h1-q1", "h4-q1"]]


def test_a_group_that_lost_an_article_is_worked_out_again() -> None:
    articles = harbour_articles()
    story = Story("s1")
    group_quotes(GroupQuotes(), story, articles)
    # the article linking the other two moved to another story: what is left must be decided afresh
    remaining = [articles[1], articles[2]]
    rerun = CountingGroupQuotes()
    groups = group_quotes(rerun, story, remaining)
    assert ("h2-q1", "h3-q1") in rerun.compared
    assert groups == group_quotes(GroupQuotes(), Story("s1"), [harbour_articles()[1], harbour_articles()[2]])


def test_other_quote_settings_compare_every_pair_again() -> None:
    articles = harbour_articles()
    story = Story("s1")
    group_quotes(GroupQuotes(), story, articles)
    rerun = CountingGroupQuotes()
    rerun.settings = QuoteSettings(lexical_threshold=0.99)
    group_quotes(rerun, story, articles)
    assert len(rerun.compared) == 6
