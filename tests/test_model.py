"""The data model: content-hash ids and lossless dict round trips."""

from storylens.model import (
    Article,
    Mention,
    Quote,
    Span,
    Speaker,
    Story,
    TimeExpression,
    TimelineEvent,
    article_id_for,
    from_dict,
    to_dict,
)


def test_article_id_ignores_whitespace_differences_only() -> None:
    assert article_id_for("Port  Alvar\nreopened.") == article_id_for("Port Alvar reopened.")
    assert article_id_for("Port Alvar reopened.") != article_id_for("Port Alvar reopened!")


def test_article_round_trips_through_plain_dicts() -> None:
    article = Article(
        id="a1",
        text="Mara Velt said “we are ready”.",
        source="a.txt",
        mentions=[Mention("a1", 0, 9, "Mara Velt", "PERSON", entity_id="e1")],
        quotes=[Quote("a1-q0", "a1", 16, 28, "we are ready", speaker=Speaker("Mara Velt", 0, 9, mention=0))],
    )
    again = from_dict(Article, to_dict(article))
    assert again == article
    assert isinstance(again.quotes[0].speaker, Speaker)


def test_story_with_nested_findings_round_trips() -> None:
    story = Story(
        id="s1", timeline=[TimelineEvent("s1-ev0", "2026-11-03", "talks", sources=[Span("a1", 0, 5, "talks")])]
    )
    assert from_dict(Story, to_dict(story)) == story


def test_time_expression_modifier_round_trips_and_defaults_to_none() -> None:
    expression = TimeExpression("a1", 10, 25, "the end of 2024", "2024", anchor="2023-05-26", mod="END")
    assert to_dict(expression)["mod"] == "END"
    assert from_dict(TimeExpression, to_dict(expression)) == expression
    older = {k: v for k, v in to_dict(expression).items() if k != "mod"}  # stored before the field existed
    assert from_dict(TimeExpression, older).mod is None


def test_nested_values_come_back_as_fresh_containers_with_none_kept_at_every_level() -> None:
    article = Article(
        id="a1",
        text="Mara Velt said “we are ready”.",
        source="a.txt",
        quotes=[Quote("a1-q0", "a1", 16, 28, "we are ready", speaker=None)],
        metadata={"camp": None, "keys": ["velt", "ready"]},
        story_id=None,
    )
    stored = to_dict(article)
    again = from_dict(Article, stored)
    assert again == article and again.quotes[0].speaker is None and again.story_id is None
    assert again.metadata is not stored["metadata"] and again.quotes is not stored["quotes"]
    again.metadata["camp"] = "left"
    assert stored["metadata"]["camp"] is None
