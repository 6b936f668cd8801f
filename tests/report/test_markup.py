"""Markup built in Python: findings highlighted in place without shifting the text, safe links and anchors."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from markupsafe import Markup

from storylens.report.markup import Highlight, anchor_id, highlight_text, safe_href

from .html_parsing import parse, visible_text


def highlight(start: int, end: int, kind: str = "mention", href: str | None = None) -> Highlight:
    return Highlight(start, end, kind, f"hl-{kind}", tooltip=kind, href=href)


# Highlighting in place ---------------------------------------------------------------------------------------


def test_highlighted_text_reads_exactly_like_the_article() -> None:
    text = 'Minister Velar said: "No one will cross." Then   she left.\n\nNew paragraph.'
    marked = highlight_text(text, [highlight(9, 14), highlight(22, 39, "quote"), highlight(46, 49, "time")])
    assert visible_text(str(marked)) == text


def test_mention_inside_quote_is_nested_inside_the_quote_element() -> None:
    text = '"Ask Ana Velar about it," he said.'
    marked = str(highlight_text(text, [highlight(1, 24, "quote"), highlight(5, 14, href="#entity-e1")]))
    assert re.search(
        r'<span class="hl hl-quote"[^>]*>Ask <a class="hl hl-mention" href="#entity-e1"[^>]*>Ana Velar</a>'
        r" about it,</span>",
        marked,
    )


def test_crossing_spans_are_split_so_tags_stay_balanced() -> None:
    text = "alpha beta gamma delta"
    marked = str(highlight_text(text, [highlight(0, 10, "quote"), highlight(6, 16)]))
    page = parse(marked)
    assert page.balanced and not page.stack
    assert "".join(page.text) == text
    assert marked.count('class="hl hl-mention"') == 2  # reopened after the quote closes


def test_same_span_puts_quote_outside_mention_whatever_the_input_order() -> None:
    text = "Velar spoke"
    forward = str(highlight_text(text, [highlight(0, 5, "quote"), highlight(0, 5)]))
    backward = str(highlight_text(text, [highlight(0, 5), highlight(0, 5, "quote")]))
    assert forward == backward
    assert forward.index("hl-quote") < forward.index("hl-mention")


def test_links_are_never_nested_inside_links() -> None:
    text = "Minister Ana Velar"
    marked = str(
        highlight_text(text, [highlight(0, 18, "speaker", href="#entity-a"), highlight(9, 18, href="#entity-b")])
    )
    assert marked.count("<a ") == 1
    assert visible_text(marked) == text


def test_article_markup_is_escaped_not_interpreted() -> None:
    text = "<b>bold</b> & <script>alert(1)</script>"
    marked = str(highlight_text(text, [highlight(3, 7)]))
    assert "<script>" not in marked and "<b>" not in marked
    assert "&lt;script&gt;" in marked
    assert visible_text(marked) == text


def test_spans_outside_the_text_are_ignored() -> None:
    text = "short"
    marked = str(highlight_text(text, [highlight(2, 50), highlight(-1, 2), highlight(3, 3)]))
    assert marked == "short"


def test_random_overlapping_spans_never_shift_or_unbalance_the_text() -> None:
    generator = random.Random(7)
    text = "Ana & <Velar> said \"no\" to the 'plan' in Port Serin.\n\nThen she left."
    kinds = ["quote", "speaker", "mention", "time"]
    for _ in range(200):
        spans = []
        for _ in range(generator.randint(1, 6)):
            start = generator.randrange(len(text))
            end = generator.randint(start + 1, len(text))
            spans.append(highlight(start, end, generator.choice(kinds), href=generator.choice([None, "#entity-x"])))
        page = parse(str(highlight_text(text, spans)))
        assert page.balanced and not page.stack
        assert "".join(page.text) == text


def test_highlight_tags_escape_their_values_as_markup_format_does() -> None:
    tricky = ["x<y & \"z\" 'q'", Markup("<b>kept</b>"), "“curly” é", ""]
    for value in tricky:
        linked = Highlight(0, 1, "mention", "mention", tooltip=value, href=f"#e-{value}")
        plain = Highlight(0, 1, "quote", value, tooltip=value)
        html = highlight_text("a", [linked, plain])
        assert Markup('<a class="hl {}" href="{}" title="{}">').format("mention", f"#e-{value}", value) in html
        assert Markup('<span class="hl {}" title="{}">').format(value, value) in html


# Safe links and anchors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:x",
        "//evil.example/x",
        "http:///nohost",
        None,
        42,
    ],
)
def test_unsafe_urls_are_not_links(url: Any) -> None:
    assert safe_href(url) is None


@pytest.mark.parametrize("url", ["https://courier.example/a?b=1&c=2", "http://herald.example/en/a/9912"])
def test_web_urls_are_links(url: str) -> None:
    assert safe_href(url) == url


def test_odd_ids_become_safe_anchors() -> None:
    anchor = anchor_id("article", 'x" onmouseover="alert(1)')
    assert re.fullmatch(r"article-h[0-9a-f]{16}", anchor)
    assert anchor_id("article", "a1b2") == "article-a1b2"
