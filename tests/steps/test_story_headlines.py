"""Recurring headline segments: an outlet's name or a kicker is not what a headline's event is."""

from __future__ import annotations

from storylens.model import Article, Mention
from storylens.steps.story_headlines import recurring_segments, strip_recurring, without_recurring_segments
from storylens.steps.story_keys import KEYS_KEY, drop_recurring_segments, embedding_text
from storylens.steps.story_settings import StorySettings
from storylens.steps.story_terms import TERMS_KEY

FEED = [
    "Harbour of Kessport reopens after storm - Coast Courier",
    "Velmora council approves new bridge - Coast Courier",
    "Ferry strike ends in Arnhall - Coast Courier",
    "Games latest: Brandtveit wins the sprint",
    "Games latest: rowing moved for heat",
    "Games latest: typhoon nears the bay",
]


def headline(title: str, mentions: list[Mention] | None = None) -> Article:
    return Article(id=title, source="test", language="en", title=title, text=title, mentions=mentions or [])


def test_a_segment_closing_or_opening_many_different_headlines_recurs() -> None:
    segments = recurring_segments(FEED, 3)

    assert segments == {("tail", "coast courier"), ("lead", "games latest")}
    assert strip_recurring(FEED[0], segments) == "Harbour of Kessport reopens after storm"
    assert strip_recurring(FEED[3], segments) == "Brandtveit wins the sprint"


def test_one_event_s_headline_repeated_word_for_word_is_no_recurring_segment() -> None:
    repeated = ["Quake hits Velmora: 40 homes damaged"] * 5 + ["Velmora quake - 40 homes damaged"] * 5

    assert recurring_segments(repeated, 3) == frozenset()


def test_a_segment_seen_in_fewer_headlines_stays() -> None:
    segments = recurring_segments(FEED, 3)

    assert strip_recurring("Storm warning: ferries stay in port - Bay Herald", segments) == (
        "Storm warning: ferries stay in port - Bay Herald"
    )
    assert recurring_segments(FEED, 0) == frozenset()


def test_the_trimmed_headline_keeps_the_mentions_inside_it_at_their_new_place() -> None:
    title = "Games latest: Brandtveit wins the sprint"
    article = headline(title, [Mention(article_id=title, start=14, end=24, text="Brandtveit", label="PERSON")])

    trimmed = without_recurring_segments(article, recurring_segments(FEED, 3))

    assert trimmed is not None
    assert (trimmed.title, trimmed.text) == ("Brandtveit wins the sprint", "Brandtveit wins the sprint")
    assert [trimmed.text[m.start : m.end] for m in trimmed.mentions] == ["Brandtveit"]


def test_a_headline_drops_an_outlet_s_name_from_its_keys_words_and_embedded_text() -> None:
    article = headline("Ferry strike ends in Arnhall - Coast Courier")

    changed = drop_recurring_segments([article], recurring_segments(FEED, 3), StorySettings())

    assert changed == 1
    assert "e:courier" not in article.metadata[KEYS_KEY]
    assert "e:arnhall" in article.metadata[KEYS_KEY]
    assert not any(term.startswith("courie") for term in article.metadata[TERMS_KEY])
    assert embedding_text(article, 200) == "Ferry strike ends in Arnhall. Ferry strike ends in Arnhall"


def test_a_recognized_name_in_a_kicker_stays_a_key() -> None:
    title = "Brandtveit: sprint title defended in the rain"
    article = headline(title, [Mention(article_id=title, start=0, end=10, text="Brandtveit", label="PERSON")])
    feed = [title, "Brandtveit: a look back", "Brandtveit: the coach speaks"]

    drop_recurring_segments([article], recurring_segments(feed, 3), StorySettings())

    assert "e:brandtveit" in article.metadata[KEYS_KEY]
    assert embedding_text(article, 200).startswith("sprint title defended in the rain.")


def test_a_full_report_keeps_its_headline_whole() -> None:
    body = "The ferry strike in Arnhall ended on Monday after the union accepted the offer. " * 3
    report = Article(
        id="r", source="test", language="en", title="Ferry strike ends in Arnhall - Coast Courier", text=body
    )

    assert drop_recurring_segments([report], recurring_segments(FEED, 3), StorySettings()) == 0
    assert embedding_text(report, 200).startswith("Ferry strike ends in Arnhall - Coast Courier.")
