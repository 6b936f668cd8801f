"""Gaps: coverage per group and claim sides some groups carry and others omit (fictional claims)."""

from __future__ import annotations

from storylens.model import Article, ClaimExplanation, ClaimGroup, ClaimSide, Span
from storylens.steps.framing_gaps import claim_gaps, coverage


def side(value: str, *article_ids: str) -> ClaimSide:
    spans = [Span(a, 0, 9, f"{value} ...") for a in article_ids]
    return ClaimSide("supports", value, claim_ids=[f"{a}-c1" for a in article_ids], spans=spans)


def group(group_id: str, verdict: str, *sides: ClaimSide) -> ClaimGroup:
    return ClaimGroup(group_id, verdict, explanation=ClaimExplanation("", sides=list(sides)))


GROUP_OF = {"gov-1": "government", "gov-2": "government", "opp-1": "opposition", "intl-1": "international"}


def test_side_missing_from_one_camp_is_a_gap_with_its_carriers_and_spans() -> None:
    injured = group("cg1", "conflicting", side("12 injured", "gov-1", "intl-1"), side("15 injured", "opp-1", "intl-1"))
    gaps = claim_gaps([injured], GROUP_OF)
    assert [(g["value"], g["carried_by"], g["not_carried_by"]) for g in gaps] == [
        ("12 injured", ["government", "international"], ["opposition"]),
        ("15 injured", ["international", "opposition"], ["government"]),
    ]
    assert [s["group"] for s in gaps[1]["spans"]] == ["opposition", "international"]


def test_side_every_group_carries_and_single_source_claims_are_no_gap() -> None:
    everyone = group("cg1", "corroborated", side("vote 84-65", "gov-1", "opp-1", "intl-1"))
    lonely = group("cg2", "single-source", side("a detail", "opp-1"))
    assert claim_gaps([everyone, lonely], GROUP_OF) == []


def test_group_printing_a_side_only_in_a_copy_is_named() -> None:
    figure = group("cg1", "corroborated", side("1.4 million containers", "opp-1", "intl-1", "gov-copy"))
    [gap] = claim_gaps([figure], GROUP_OF, {"gov-copy": "government"})
    assert gap["not_carried_by"] == ["government"] and gap["carried_in_copies_by"] == ["government"]


def test_one_group_only_has_no_gaps() -> None:
    figure = group("cg1", "corroborated", side("x", "gov-1", "gov-2"))
    assert claim_gaps([figure], {"gov-1": "government", "gov-2": "government"}) == []


def test_coverage_counts_articles_per_group_and_names_absent_camps() -> None:
    articles = {
        "government": [Article(id="g", text="t", source="t", outlet="Vessa Post", published="2026-03-02")],
        "opposition": [
            Article(id="o1", text="t", source="t", outlet="Tarn Voice", published="2026-03-03"),
            Article(id="o2", text="t", source="t", outlet="Tarn Voice", published="2026-03-01"),
        ],
    }
    result = coverage(articles, ["government", "international", "opposition"])
    assert result["absent"] == ["international"]
    assert result["groups"]["opposition"] == {"articles": 2, "outlets": ["Tarn Voice"], "first_published": "2026-03-01"}
