"""HTML pages: main text without furniture, and metadata from JSON-LD / OpenGraph / meta tags."""

from __future__ import annotations

from pathlib import Path

from storylens.ingest.html import drop_furniture_lines, extract_page, fragment_text, parse_html, prune_boilerplate
from storylens.ingest.readers import read_file

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def harbour_post_page():
    return extract_page((FIXTURES / "harbour_post.html").read_text(encoding="utf-8"))


def test_body_paragraphs_are_separated_by_blank_lines() -> None:
    paragraphs = harbour_post_page().text.split("\n\n")
    assert paragraphs[0].startswith("The ferry workers of Port Alden ended their strike")
    assert paragraphs[-1] == "Bluewake Lines said the first crossing would leave at 6.40 on Wednesday."


def test_subheading_inside_the_body_is_kept() -> None:
    assert "Islanders relieved" in harbour_post_page().text.split("\n\n")


def test_caption_related_links_cookies_and_comments_are_dropped() -> None:
    text = harbour_post_page().text
    for furniture in ("north pier", "council votes", "cookie", "mother has been stuck", "All rights reserved"):
        assert furniture not in text


def test_metadata_comes_from_json_ld_and_meta_tags() -> None:
    page = harbour_post_page()
    assert page.title == "Ferry strike ends after nine days"
    assert page.author == "Lina Varga"
    assert page.published == "2026-11-03T08:15:00+01:00"
    assert page.outlet == "The Harbour Post"
    assert page.url == "https://harbourpost.example/news/ferry-strike-ends"
    assert page.language == "en"


def test_outlet_falls_back_to_the_title_suffix() -> None:
    html = (
        "<html><head><title>Dam drained | Valley Courier</title></head><body><h1>Dam drained</h1><article>"
        "<p>The water authority drained the reservoir over the weekend, as planned since spring.</p></article>"
        "</body></html>"
    )
    assert extract_page(html).outlet == "Valley Courier"


def test_page_without_trafilatura_output_falls_back_to_paragraph_density() -> None:
    html = "<html><body><div><p>Short but real: the bridge is open again.</p></div></body></html>"
    page = extract_page(html)
    assert page.text == "Short but real: the bridge is open again."


def test_table_rows_become_cell_separated_paragraphs() -> None:
    rows = "".join(f"<tr><td>Town {n}</td><td>{n * 10} mm</td></tr>" for n in range(1, 4))
    html = (
        "<html><body><article><p>Rainfall in the valley over the week, by town, as measured by the authority."
        f"</p><table>{rows}</table></article></body></html>"
    )
    text = extract_page(html).text
    assert "Town 2" in text and "20 mm" in text


def test_read_more_lines_are_dropped() -> None:
    html = (
        "<html><body><article><p>The council approved the new tram line on Thursday after a long debate.</p>"
        "<p>Read more: Tram plans through the years</p><p>Construction is due to start next spring.</p>"
        "</article></body></html>"
    )
    assert "Read more" not in extract_page(html).text


def test_latin1_page_with_declared_charset_is_decoded(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="iso-8859-1"></head><body><article><p>Les caf\xe9s du quai ont '
        "protest\xe9 contre les nouvelles taxes, selon le maire.</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("latin-1"))
    [article] = read_file(path)
    assert "cafés du quai ont protesté" in article.text


def test_page_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    [error] = read_file(path)
    assert "no article text" in error.error


def test_fragment_text_keeps_paragraphs() -> None:
    assert fragment_text("<p>One.</p><p>Two <b>bold</b>.</p>") == "One.\n\nTwo bold."


def test_headline_and_byline_are_not_part_of_the_body() -> None:
    html = (
        "<html><body><div class='story'><h1>Live: Storm hits the valley</h1><p>By Mira Solberg</p>"
        "<p>Strong winds brought down power lines across the Tarn valley overnight, officials said.</p>"
        "</div></body></html>"
    )
    expected = "Strong winds brought down power lines across the Tarn valley overnight, officials said."
    assert extract_page(html).text == expected


def test_byline_text_is_reduced_to_the_name() -> None:
    html = (
        "<html><body><div class='byline'>By Ruth Aldersen in Arnhall · 20 November 2026</div><article>"
        "<p>Norland and Dravonia reached an agreement in Arnhall on Thursday evening, diplomats said.</p>"
        "</article></body></html>"
    )
    assert extract_page(html).author == "Ruth Aldersen"


def test_date_element_in_the_article_is_not_body_text() -> None:
    html = (
        "<html><body><article><span class='pubdate'>19 November 2026</span>"
        "<p>The talks with Norland opened on Wednesday under the chairmanship of the council.</p>"
        "</article></body></html>"
    )
    assert extract_page(html).text.startswith("The talks with Norland")


BODY = (
    "<p>The town of Brisk opened its new library on Saturday, after three years of building work and a long debate "
    "about the cost.</p><p>Mayor Ruth Amsel said the building would stay open until ten every evening, and that "
    "entry would be free for everyone living in the valley.</p><p>The old library, a former bank on the market "
    "square, will become a music school in the spring, the council decided in a vote on Thursday.</p>"
)


def page_with(extra: str, body: str = BODY) -> str:
    """A page in neutral markup (no telling class names): the body, then `extra` in the same column."""
    return (
        f"<html><head><title>Library opens in Brisk</title></head><body><div class='wrap'><div class='col'>"
        f"{body}{extra}</div></div></body></html>"
    )


def test_grid_of_linked_headline_cards_is_dropped_with_its_heading() -> None:
    cards = "".join(
        f"<div class='c'><a href='/s{i}'><h4>Other story number {i} in the valley</h4></a>"
        f"<p>A one-sentence teaser of the other story number {i}, written to be clicked.</p></div>"
        for i in range(3)
    )
    text = extract_page(page_with(f"<h3>More from the region</h3><div class='row'>{cards}</div>")).text
    assert "teaser" not in text and "Other story" not in text and "More from the region" not in text
    assert text.endswith("the council decided in a vote on Thursday.")


def test_block_of_links_is_dropped() -> None:
    links = "".join(f"<li><a href='#e{i}'>0{i}:00 Update headline {i}</a></li>" for i in range(4))
    text = extract_page(page_with(f"<div class='k'><h3>Key events</h3><ul>{links}</ul></div>")).text
    assert "Update headline" not in text and "Key events" not in text


def test_block_led_by_a_subscription_heading_is_dropped() -> None:
    offer = (
        "<div class='o'><h3>Continue reading with a subscription</h3><p>Stay informed with independent "
        "reporting from one crown a month, cancel at any time.</p></div>"
    )
    assert "Stay informed" not in extract_page(page_with(offer)).text


def test_pull_quote_repeating_a_body_sentence_is_dropped() -> None:
    pull = "<blockquote><p>entry would be free for everyone living in the valley</p></blockquote>"
    paragraphs = extract_page(page_with(pull)).text.split("\n\n")
    assert "entry would be free for everyone living in the valley" not in paragraphs
    assert any("entry would be free for everyone living in the valley." in p for p in paragraphs)


def test_short_subhead_words_found_in_the_body_are_kept() -> None:
    text = "Music school\n\nPupils of the music school will move in after the summer, the head teacher said."
    assert drop_furniture_lines(text) == text


def test_lists_and_links_inside_the_body_are_not_pruned() -> None:
    body = BODY + (
        "<ul><li>Open until ten</li><li>Free entry</li><li>Music school in spring</li></ul>"
        "<p>The plans are on the <a href='/plans'>council website</a>, the <a href='/map'>town map</a> and "
        "the <a href='/hall'>town hall</a> notice board.</p>"
    )
    tree = parse_html(page_with("", body))
    prune_boilerplate(tree)
    text = tree.text_content()
    assert "Free entry" in text and "council website" in text


def test_bare_clock_times_of_live_entries_are_dropped() -> None:
    entries = "".join(
        f"<div class='u'><div class='t'>0{i}:15</div><p>Update {i}: the queue at the library door grew again, "
        "staff said.</p></div>"
        for i in range(7, 9)
    )
    text = extract_page(page_with(entries)).text
    assert "07:15" not in text.split("\n\n") and "Update 7: the queue" in text


def story_paragraphs(count: int = 4) -> str:
    return "".join(
        f"<p>Paragraph {n} of the story: the Orvane town council voted on Tuesday, after a long and heated debate, "
        f"to keep the night ferry running through the winter months.</p>"
        for n in range(1, count + 1)
    )


def test_layout_table_cell_holding_the_story_is_read_as_paragraphs() -> None:
    html = (
        "<html><body><table><tr><td><a href='/'>Home</a> | <a href='/news'>News</a></td></tr>"
        f"<tr><td><table><tr><td>Menu</td></tr></table></td><td>{story_paragraphs()}</td></tr></table></body></html>"
    )
    text = extract_page(html).text
    assert text.startswith("Paragraph 1 of the story")
    assert "|" not in text


def test_small_data_table_with_header_cells_stays_a_table() -> None:
    from storylens.ingest.html import is_layout_table

    tree = parse_html(
        "<html><body><table><tr><th>Town</th><th>Rain</th></tr><tr><td>Orvane</td><td>12 mm</td></tr></table>"
        "</body></html>"
    )
    assert tree is not None
    assert not is_layout_table(next(tree.iter("table")))


def test_story_inside_a_block_named_like_comments_is_still_found() -> None:
    comments = "".join(
        f"<li><p>Reader {n} wrote a long reply about the ferry, the winter timetable and the council's decision, "
        "and about how the crossing used to be run in the old days before the new operator came.</p></li>"
        for n in range(8)
    )
    html = (
        f"<html><body><div class='comments-area'><div class='entry'>{story_paragraphs(6)}</div>"
        f"<ol>{comments}</ol></div></body></html>"
    )
    assert "Paragraph 6 of the story" in extract_page(html).text


def test_page_wrapped_in_a_form_without_paragraph_tags_keeps_its_text() -> None:
    body = "<br><br>".join(
        f"Sentence {n}: the Orvane harbour master said the new pier would open in spring, weather permitting."
        for n in range(1, 6)
    )
    html = f"<html><body><form id='aspnetForm'><div id='content'>{body}</div></form></body></html>"
    assert "Sentence 5: the Orvane harbour master" in extract_page(html).text


def test_unclosed_title_does_not_swallow_the_page() -> None:
    html = f"<html><head><title>Orvane Sport news-->\n<script>var a = 1;</script></head><body>{story_paragraphs()}"
    html += "<div>" + "x " * 600 + "</div></body></html>"
    assert "Paragraph 3 of the story" in extract_page(html).text


def test_navigation_only_page_is_an_error_with_its_reason(tmp_path: Path) -> None:
    links = "".join(f"<li><a href='/s/{n}'>Orvane section {n}</a></li>" for n in range(12))
    path = tmp_path / "menu.html"
    path.write_text(f"<html><body><div class='main'><ul>{links}</ul></div></body></html>")
    [error] = read_file(path)
    assert "only navigation" in error.error


def test_entity_bomb_is_refused_naming_the_file(tmp_path: Path) -> None:
    entities = ['<!ENTITY e0 "boom">'] + [f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 9)]
    path = tmp_path / "laughs.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE r [{"".join(entities)}]>\n<rss><channel><item>'
        "<title>&e8;</title><description>&e8;</description></item></channel></rss>"
    )
    [error] = read_file(path)
    assert error.source == str(path)
    assert "XML entities" in error.error and "not read" in error.error


def test_entity_declarations_in_html_body_reach_no_parser() -> None:
    html = '<!DOCTYPE html [<!ENTITY big "aaaaaaaaaa">]><html><body><p>&big;&big;</p></body></html>'
    page = extract_page(html)
    assert page.text == "" and "XML entities" in page.metadata["no_text_reason"]


def test_reader_comments_after_a_closed_comments_heading_are_dropped() -> None:
    comments = "".join(
        f"<b>Reader {n}</b><br>The council should never have spent this much on a ferry that nobody in the "
        f"valley uses in winter, and everyone here knows it.<br><br><hr>"
        for n in range(6)
    )
    html = (
        f"<html><body><div>{story_paragraphs(3)}<hr><b>Comments are now closed for this story</b><br>{comments}"
        "</div></body></html>"
    )
    text = extract_page(html).text
    assert "Paragraph 3 of the story" in text
    assert "Reader 2" not in text and "nobody in the valley" not in text


def test_a_comments_heading_before_any_prose_cuts_nothing() -> None:
    from storylens.ingest.html import cut_comment_thread

    text = "12 comments\n\nThe Orvane council voted on Tuesday to keep the night ferry running all winter."
    assert cut_comment_thread(text) == text


def test_second_html_document_in_one_file_is_read_too() -> None:
    html = (
        "<html><head><title>Orvane Daily</title></head><body><div><a href='/'>Home</a></div></body></html>"
        f"<html><head><script>var x;</script></head><body><div>{story_paragraphs(4)}</div></body></html>"
    )
    assert "Paragraph 4 of the story" in extract_page(html).text


def test_story_set_as_text_and_line_breaks_in_a_span_is_found() -> None:
    story = "<br><br>".join(
        f"Line {n}: the Orvane harbour master said on Monday that the new pier would open in spring."
        for n in range(1, 5)
    )
    menu = "".join(f"<td><a href='/s/{n}'>Section {n}</a></td>" for n in range(6))
    html = (
        f"<html><body><table><tr>{menu}</tr></table><table><tr><td><span class='brief'>{story}</span></td>"
        "<td>Temperature: 25°</td></tr></table></body></html>"
    )
    assert "Line 4: the Orvane harbour master" in extract_page(html).text
