"""Claim alignment within a story and the verdict of each group, on articles written for these tests."""

from __future__ import annotations

import numpy as np
import pytest

from storylens.model import Article, Story
from storylens.pipeline import Stats, StoryBundle
from storylens.steps.claim_compare import RuleComparer, masked_text
from storylens.steps.claim_groups import CLAIM_VECTORS_KEY, AlignClaims, masked_key
from storylens.steps.claims import claims_of
from storylens.steps.time_expressions import time_expressions_of


def article(article_id: str, outlet: str, text: str, published: str, copy_group: str | None = None) -> Article:
    item = Article(
        id=article_id, text=text, source=f"{article_id}.txt", outlet=outlet, language="en", published=published
    )
    item.copy_group = copy_group
    item.time_expressions = time_expressions_of(item)
    item.claims = claims_of(item)
    return item


@pytest.fixture(scope="module")
def step() -> AlignClaims:
    return AlignClaims(comparer=RuleComparer())


def run(step: AlignClaims, articles: list[Article]) -> Story:
    story = Story(id="s1", article_ids=[a.id for a in articles])
    step.run(StoryBundle(story, articles), Stats())
    return story


def group_of(story: Story, articles: list[Article], needle: str):
    claim = next(c for a in articles for c in a.claims if needle in c.text)
    return next(g for g in story.claim_groups if g.id == claim.group)


def test_a_wire_report_and_its_copy_count_as_one_source(step: AlignClaims) -> None:
    wire = "The terminal handled 1.4 million containers last year, the port authority said."
    articles = [
        article("wire", "Wire", wire, "2026-11-04T08:00", copy_group="cg-wire"),
        article("copy", "Herald", wire, "2026-11-04T10:00", copy_group="cg-wire"),
    ]
    group = group_of(run(step, articles), articles, "1.4 million")
    assert group.verdict == "single-source"
    assert group.independent_sources == 1
    assert {s.article_id for s in group.sources} == {"wire", "copy"}


def test_an_independent_outlet_with_the_same_figure_corroborates_the_wire(step: AlignClaims) -> None:
    wire = "The terminal handled 1.4 million containers last year, the port authority said."
    articles = [
        article("wire", "Wire", wire, "2026-11-04T08:00", copy_group="cg-wire"),
        article("copy", "Herald", wire, "2026-11-04T10:00", copy_group="cg-wire"),
        article(
            "voice", "Voice", "About 1.4 million containers passed through the terminal last year.", "2026-11-05T09:00"
        ),
    ]
    group = group_of(run(step, articles), articles, "1.4 million")
    assert group.verdict == "corroborated"
    assert group.independent_sources == 2


def test_different_injury_counts_are_a_conflict_with_each_side_and_its_sources(step: AlignClaims) -> None:
    articles = [
        article("a", "Courier", "Twelve people were injured in the fire at the port on Monday.", "2026-11-03T08:00"),
        article("b", "Voice", "The fire at the port injured 15 workers on Monday night.", "2026-11-03T09:00"),
        article("c", "Herald", "Twelve people were hurt in the port fire, officials said.", "2026-11-03T10:00"),
    ]
    group = group_of(run(step, articles), articles, "Twelve people were injured")
    assert group.verdict == "conflicting"
    sides = {side.stance: {span.article_id for span in side.spans} for side in group.explanation.sides}
    assert sides == {"supports": {"a", "c"}, "contradicts": {"b"}}
    assert "number" in group.explanation.differing_slots
    assert all(
        span.text in {a.id: a.text for a in articles}[span.article_id]
        for s in group.explanation.sides
        for span in s.spans
    )


def test_a_more_precise_figure_refines_and_is_never_a_conflict(step: AlignClaims) -> None:
    articles = [
        article("a", "Courier", "At least 12 workers were injured in the fire at the port.", "2026-11-03T08:00"),
        article("b", "Voice", "The fire at the port injured 15 workers.", "2026-11-03T09:00"),
    ]
    group = group_of(run(step, articles), articles, "At least 12")
    assert group.verdict == "corroborated"
    assert {s.stance for s in group.sources} == {"supports", "refines"}


def test_claims_about_different_counts_are_not_grouped(step: AlignClaims) -> None:
    articles = [
        article("a", "Courier", "Police arrested 38 people after the march in the capital.", "2026-10-28T08:00"),
        article("b", "Voice", "Twelve people were injured in the fire at the port.", "2026-10-28T09:00"),
    ]
    story = run(step, articles)
    assert group_of(story, articles, "arrested").id != group_of(story, articles, "injured").id


def test_every_claim_gets_its_group_and_verdict(step: AlignClaims) -> None:
    articles = [article("a", "Courier", "The bridge will reopen in March 2027, the ministry said.", "2026-11-03T08:00")]
    story = run(step, articles)
    [claim] = articles[0].claims
    assert claim.group == story.claim_groups[0].id and claim.verdict == "single-source"


def test_differently_worded_claims_giving_one_written_date_for_one_event_are_grouped(step: AlignClaims) -> None:
    articles = [
        article(
            "gazette",
            "Gazette",
            "The harbour office said the Fenmoor ferry passed a full hull inspection in 2023.",
            "2026-05-04T08:00",
        ),
        article(
            "post",
            "Post",
            "Its last review of the Fenmoor vessel, in 2023, found no serious defects.",
            "2026-05-04T10:00",
        ),
    ]
    group = group_of(run(step, articles), articles, "hull inspection")
    assert group.verdict == "corroborated"
    assert {s.article_id for s in group.sources} == {"gazette", "post"}


def test_written_dates_of_unrelated_events_are_not_grouped(step: AlignClaims) -> None:
    articles = [
        article("gazette", "Gazette", "The Fenmoor ferry passed a full hull inspection in 2023.", "2026-05-04T08:00"),
        article("post", "Post", "The Varno choir released its first album in 2023.", "2026-05-04T10:00"),
    ]
    story = run(step, articles)
    assert group_of(story, articles, "hull") is not group_of(story, articles, "choir")


class CountingComparer(RuleComparer):
    """The default comparer, noting every text it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return super().embed(texts)


def harbour_fire() -> list[Article]:
    return [
        article("a", "Courier", "Twelve people were injured in the fire at the port on Monday.", "2026-11-03T08:00"),
        article("b", "Voice", "The fire at the port injured 15 workers on Monday night.", "2026-11-03T09:00"),
        article("c", "Herald", "Twelve people were hurt in the port fire, officials said.", "2026-11-03T10:00"),
    ]


def groups_of(story: Story) -> list[tuple[list[str], str]]:
    return [(group.claim_ids, group.verdict) for group in story.claim_groups]


def test_a_grown_story_embeds_only_its_new_claims_and_groups_as_one_run_over_all() -> None:
    first_two, late = harbour_fire()[:2], harbour_fire()[2]
    run(AlignClaims(comparer=CountingComparer()), first_two)
    rerun = CountingComparer()
    grown = run(AlignClaims(comparer=rerun), [*first_two, late])
    assert rerun.embedded == [masked_text(claim) for claim in late.claims]
    fresh = CountingComparer()
    assert groups_of(grown) == groups_of(run(AlignClaims(comparer=fresh), harbour_fire()))
    assert len(fresh.embedded) == sum(len(a.claims) for a in harbour_fire())


def test_kept_vectors_are_the_embedded_ones_bit_for_bit() -> None:
    articles = harbour_fire()
    run(AlignClaims(comparer=CountingComparer()), articles)
    claim = articles[1].claims[0]
    kept = articles[1].metadata[CLAIM_VECTORS_KEY]["vectors"][masked_key(masked_text(claim))]
    again = AlignClaims(comparer=CountingComparer())
    refs = again.claim_refs(articles)
    vectors = again.claim_vectors(refs)
    position = next(ref.order for ref in refs if ref.claim is claim)
    assert vectors[position].tobytes() == RuleComparer().embed([masked_text(claim)])[0].tobytes()
    assert articles[1].metadata[CLAIM_VECTORS_KEY]["vectors"][masked_key(masked_text(claim))] == kept


def test_a_vector_of_another_comparer_or_of_a_changed_claim_is_embedded_again_and_dropped() -> None:
    articles = harbour_fire()
    run(AlignClaims(comparer=CountingComparer()), articles)
    articles[0].metadata[CLAIM_VECTORS_KEY]["comparer"] = "another.Model"
    articles[1].claims[0].text = "The fire at the port injured workers on Monday night."
    stale = masked_key(masked_text(harbour_fire()[1].claims[0]))
    rerun = CountingComparer()
    run(AlignClaims(comparer=rerun), articles)
    assert rerun.embedded == [masked_text(articles[0].claims[0]), masked_text(articles[1].claims[0])]
    assert articles[0].metadata[CLAIM_VECTORS_KEY]["comparer"].endswith("CountingComparer")
    assert stale not in articles[1].metadata[CLAIM_VECTORS_KEY]["vectors"]
