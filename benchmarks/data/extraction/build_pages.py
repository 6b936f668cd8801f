"""Build the extraction benchmark: fictional article bodies (bodies.yaml) dressed in ten page styles.

Each style imitates a kind of real news site (furniture inside and around the body:
bylines, captions, related links, cookie banners, newsletter boxes, paywall
teasers, live-blog entries, pagination, tables, comment threads). Writes
pages/NN.html and truth/NN.txt (the body paragraphs, one per blank-line block).
Articles 26 on name a harder style (gallery captions, a related-stories grid, AMP, a live
timeline, an inline paywall, pull quote and fact box) where furniture looks like content.
Run once: `python benchmarks/data/extraction/build_pages.py`; the outputs are committed.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import yaml

HERE = Path(__file__).parent
OTHER_HEADLINES = [
    "Council debates parking fees in the old town",
    "Three arrested after break-in at the harbour office",
    "Weather: frost expected in the valley tonight",
    "Local football club signs new goalkeeper",
    "Opinion: why the tram line matters for all of us",
]
COMMENTS = [
    "I have lived here for forty years and I have never seen anything like this, "
    "the council should have acted much earlier.",
    "Great reporting as always. Does anyone know whether the changes will also affect "
    "the villages in the upper valley?",
    "This is exactly what happens when nobody listens to the people who actually live and work here every single day.",
]


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def body_blocks(article: dict) -> tuple[list[str], list[str]]:
    """(html blocks, truth paragraphs) of the article body in reading order."""
    blocks, truth = [], []
    for index, paragraph in enumerate(article["paragraphs"]):
        if index == 2 and article.get("subhead"):
            blocks.append(f"<h2>{esc(article['subhead'])}</h2>")
            truth.append(article["subhead"])
        blocks.append(f"<p>{esc(paragraph)}</p>")
        truth.append(paragraph)
        if index == 1 and article.get("points"):
            blocks.append("<ul>" + "".join(f"<li>{esc(p)}</li>" for p in article["points"]) + "</ul>")
            truth.extend(article["points"])
        if index == 1 and article.get("table"):
            rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in article["table"])
            blocks.append(f"<table>{rows}</table>")
            truth.extend(" | ".join(row) for row in article["table"])
    return blocks, truth


def head(article: dict, extra: str = "") -> str:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article["title"],
        "datePublished": article["date"],
        "author": {"@type": "Person", "name": article["author"]},
        "publisher": {"@type": "Organization", "name": article["outlet"]},
    }
    return (
        f"<head><meta charset='utf-8'><title>{esc(article['title'])} | {esc(article['outlet'])}</title>"
        f"<meta property='og:site_name' content='{esc(article['outlet'])}'>"
        f"<script type='application/ld+json'>{json.dumps(ld)}</script>{extra}</head>"
    )


def related_list(css: str = "related") -> str:
    items = "".join(f"<li><a href='/n/{i}'>{esc(h)}</a></li>" for i, h in enumerate(OTHER_HEADLINES[:3]))
    return f"<div class='{css}'><h3>Related stories</h3><ul>{items}</ul></div>"


def comments_html(css: str = "comments") -> str:
    entries = "".join(
        f"<div class='comment'><span class='user'>reader{i}</span><p>{esc(c)}</p></div>" for i, c in enumerate(COMMENTS)
    )
    return f"<section class='{css}'><h3>{len(COMMENTS)} comments</h3>{entries}</section>"


def site_nav() -> str:
    return (
        "<header class='site-header'><a class='logo' href='/'>Home</a><nav><ul><li><a href='/news'>News</a></li>"
        "<li><a href='/sport'>Sport</a></li><li><a href='/culture'>Culture</a></li></ul></nav></header>"
    )


def style_classic(a: dict) -> str:
    blocks, _ = body_blocks(a)
    caption = (
        f"<figure><img src='p.jpg'><figcaption>A view of the scene on the day. "
        f"Photo: {esc(a['author'])} / {esc(a['outlet'])}</figcaption></figure>"
    )
    body = [*blocks[:1], caption, *blocks[1:]]
    return (
        f"<html lang='en'>{head(a)}<body>{site_nav()}<main><article><h1>{esc(a['title'])}</h1>"
        f"<p class='byline'>By {esc(a['author'])}</p><time datetime='{a['date']}'>{a['date'][:10]}</time>"
        f"{''.join(body)}</article>{related_list()}</main><footer><p>© 2026 {esc(a['outlet'])}. "
        "All rights reserved. Contact us, terms of use, privacy.</p></footer></body></html>"
    )


def style_cookie_newsletter_comments(a: dict) -> str:
    blocks, _ = body_blocks(a)
    newsletter = (
        "<div class='newsletter-box'><p>Get the morning briefing: the stories that matter in the valley, "
        "delivered to your inbox every day before seven.</p>"
        "<form><input><button>Sign up</button></form></div>"
    )
    body = [*blocks[:2], newsletter, *blocks[2:]]
    return (
        f"<html lang='en'>{head(a)}<body><div id='cookie-consent'><p>We and our partners use cookies and similar "
        "technologies to personalise content and ads and to analyse our traffic. You can change your choice at "
        "any time in the privacy settings.</p><button>Accept all</button></div>"
        f"{site_nav()}<div class='page'><div class='story'><h1>{esc(a['title'])}</h1>"
        f"<div class='meta'><span class='author-name'>{esc(a['author'])}</span></div>"
        f"<div class='story-body'>{''.join(body)}</div></div>{comments_html()}</div></body></html>"
    )


def style_paywall(a: dict) -> str:
    blocks, _ = body_blocks(a)
    teaser = (
        "<div class='paywall-teaser'><h3>This article is for subscribers</h3><p>Subscribe today for unlimited "
        "access to all our reporting from the valley and beyond, on every device, from just two crowns a week."
        "</p><p>Already a subscriber? Log in</p></div>"
    )
    return (
        f"<html lang='en'>{head(a)}<body>{site_nav()}<article class='post'><header><h1>{esc(a['title'])}</h1>"
        f"<p>By <a rel='author' href='/a'>{esc(a['author'])}</a></p></header>"
        f"<div class='entry-content'>{''.join(blocks)}</div>{teaser}</article>"
        "<aside><h3>Most read</h3><ol><li><a href='/1'>" + esc(OTHER_HEADLINES[0]) + "</a></li></ol></aside>"
        "</body></html>"
    )


def style_live_blog(a: dict) -> str:
    blocks, _truth = body_blocks(a)
    entries = a.get("entries") or [{"time": "09:00", "text": p} for p in a["paragraphs"][-2:]]
    entry_html = "".join(
        f"<div class='live-entry'><time>{e['time']}</time><p>{esc(e['text'])}</p>"
        "<div class='share-buttons'><a href='#'>Share this update</a></div></div>"
        for e in entries
    )
    return (
        f"<html lang='en'>{head(a)}<body>{site_nav()}<div id='main'><h1>Live: {esc(a['title'])}</h1>"
        f"<div class='summary'>{''.join(blocks)}</div><div class='live-blog'>{entry_html}</div></div>"
        f"{related_list('more-stories')}</body></html>"
    )


def style_pagination(a: dict) -> str:
    blocks, _ = body_blocks(a)
    read_also = f"<p><strong>Read more:</strong> <a href='/x'>{esc(OTHER_HEADLINES[1])}</a></p>"
    body = [*blocks[:2], read_also, *blocks[2:]]
    return (
        f"<html lang='en'>{head(a)}<body>{site_nav()}<div class='content'><h1>{esc(a['title'])}</h1>"
        f"<div class='article-text'>{''.join(body)}</div><div class='pagination'><a href='?p=1'>1</a> "
        "<a href='?p=2'>2</a> <a href='?p=3'>3</a> <a href='?p=2'>Next page</a></div></div></body></html>"
    )


def style_div_soup(a: dict) -> str:
    blocks, _ = body_blocks(a)
    sidebar = (
        "<div class='sidebar-widget'><h4>Most read</h4>"
        + "".join(f"<div class='item'><a href='/m{i}'>{esc(h)}</a></div>" for i, h in enumerate(OTHER_HEADLINES))
        + "</div>"
    )
    share = "<div class='social-bar'><a href='#'>Facebook</a> <a href='#'>Email</a> <a href='#'>Print</a></div>"
    return (
        f"<html>{head(a)}<body><div id='wrapper'><div id='top'><a href='/'>{esc(a['outlet'])}</a></div>"
        f"<div id='col-main'><div class='headline'>{esc(a['title'])}</div>{share}"
        f"<div id='text'>{''.join(blocks)}</div></div><div id='col-right'>{sidebar}</div></div></body></html>"
    )


def style_inline_ads(a: dict) -> str:
    blocks, _ = body_blocks(a)
    ad = (
        "<div class='ad-slot'><span>Advertisement</span>"
        "<p>Winter tyres at half price this week at Velm Motors.</p></div>"
    )
    also = f"<p class='read-also'>Read also: <a href='/y'>{esc(OTHER_HEADLINES[2])}</a></p>"
    body = [blocks[0], ad, *blocks[1:2], also, *blocks[2:]]
    return (
        f"<html lang='en'>{head(a)}<body>{site_nav()}<section class='main'><h1>{esc(a['title'])}</h1>"
        f"<div class='articleBody' itemprop='articleBody'>{''.join(body)}</div>"
        "<div class='tags'><a href='/t/valley'>Valley</a> <a href='/t/politics'>Politics</a></div></section>"
        "</body></html>"
    )


def style_blog_with_long_comments(a: dict) -> str:
    blocks, _ = body_blocks(a)
    bio = (
        f"<div class='author-bio'><p>{esc(a['author'])} has covered the region for {esc(a['outlet'])} since "
        "2019 and writes about transport, farming and local government.</p></div>"
    )
    long_comments = "".join(f"<li class='comment'><p>{esc(c)} {esc(c)}</p></li>" for c in COMMENTS)
    return (
        f"<html lang='en'>{head(a)}<body><div class='blog'><div class='post'><h2 class='post-title'>"
        f"{esc(a['title'])}</h2><div class='post-body'>{''.join(blocks)}</div>{bio}</div>"
        f"<div id='disqus_thread'><ol>{long_comments}</ol></div></div></body></html>"
    )


def style_wire(a: dict) -> str:
    blocks, _ = body_blocks(a)
    caption = (
        f"<div class='image'><img src='w.jpg'><p class='caption'>File picture of the area. "
        f"Image: {esc(a['outlet'])}</p></div>"
    )
    body = [blocks[0], caption, *blocks[1:]]
    return (
        f"<html lang='en'>{head(a)}<body>{site_nav()}<div class='wire-story'><h1>{esc(a['title'])}</h1>"
        f"<div class='dateline'>{esc(a['outlet'])} | {a['date'][:10]}</div>{''.join(body)}"
        f"<p class='copyright'>(Reporting by {esc(a['author'])}; editing by the desk)</p></div>"
        f"{related_list('recommended')}</body></html>"
    )


def style_table_heavy(a: dict) -> str:
    blocks, _ = body_blocks(a)
    breadcrumb = "<div class='breadcrumbs'><a href='/'>Home</a> › <a href='/region'>Region</a></div>"
    return (
        f"<html lang='en'>{head(a)}<body>{site_nav()}{breadcrumb}<main><h1>{esc(a['title'])}</h1>"
        f"<div class='body'>{''.join(blocks)}</div></main>"
        f"<footer><div class='footer-links'>{related_list()}</div></footer></body></html>"
    )


# ---- harder styles: furniture that looks like content, and markup without telling class names ----


def style_gallery_captions(a: dict) -> str:
    """A photo gallery inside the article container: long, sentence-like captions in neutral markup."""
    blocks, _ = body_blocks(a)
    slides = "".join(
        f"<div class='slide'><img src='g{i}.jpg' alt=''><p>{esc(c)}</p><span>{i + 1}/{len(a['captions'])}</span></div>"
        for i, c in enumerate(a["captions"])
    )
    gallery = f"<div class='carousel'>{slides}</div>"
    body = [blocks[0], gallery, *blocks[1:]]
    return (
        f"<html lang='en'>{head(a)}<body>{site_nav()}<div class='container'><h1>{esc(a['title'])}</h1>"
        f"<p class='byline'>By {esc(a['author'])}</p><div class='text'>{''.join(body)}</div></div>"
        "</body></html>"
    )


def style_multi_column_related(a: dict) -> str:
    """A grid of related-story cards (headline + one teaser sentence) in the same column as the article."""
    blocks, _ = body_blocks(a)
    teasers = [
        "The council voted late on Tuesday to raise parking fees in the old town from the new year.",
        "Police said the three men were caught on camera leaving the harbour office with two laptops.",
        "Temperatures in the valley could fall to minus eight degrees tonight, forecasters said on Thursday.",
        "The club confirmed that the goalkeeper had signed a contract until the summer of 2029.",
    ]
    cards = "".join(
        f"<div class='col'><a href='/s/{i}'><h4>{esc(h)}</h4></a><p>{esc(t)}</p></div>"
        for i, (h, t) in enumerate(zip(OTHER_HEADLINES, teasers, strict=False))
    )
    return (
        f"<html lang='en'>{head(a)}<body>{site_nav()}<div class='wrap'><div class='col-wide'>"
        f"<h1>{esc(a['title'])}</h1><div class='author'>{esc(a['author'])}</div>{''.join(blocks)}"
        f"<h3>More from the region</h3><div class='row'>{cards}</div></div></div></body></html>"
    )


def style_amp(a: dict) -> str:
    """An AMP page: amp-* furniture (sidebar menu, consent, social share, ads, carousel), no <article>."""
    blocks, _ = body_blocks(a)
    ad = "<amp-ad width='300' height='250' type='network'><div placeholder>Advertisement</div></amp-ad>"
    body = [*blocks[:2], ad, *blocks[2:]]
    consent = (
        "<amp-consent id='consent' layout='nodisplay'><div class='consent-ui'><p>This site uses cookies "
        "to measure the audience and show relevant offers to readers.</p><button>OK</button></div>"
        "</amp-consent>"
    )
    sidebar = (
        "<amp-sidebar id='menu' layout='nodisplay'><ul><li><a href='/news'>News</a></li>"
        "<li><a href='/sport'>Sport</a></li><li><a href='/weather'>Weather</a></li></ul></amp-sidebar>"
    )
    share = (
        "<div class='share'><amp-social-share type='facebook'></amp-social-share>"
        "<amp-social-share type='email'></amp-social-share></div>"
    )
    carousel = (
        "<amp-carousel layout='fixed-height' height='200' type='carousel'>"
        + "".join(f"<div class='teaser'><a href='/c{i}'>{esc(h)}</a></div>" for i, h in enumerate(OTHER_HEADLINES[:4]))
        + "</amp-carousel>"
    )
    return (
        f"<html amp lang='en'>{head(a, '<link rel=canonical href=https://example.org/a>')}<body>{consent}"
        f"{sidebar}<div class='amp-header'><button on='tap:menu'>Menu</button> {esc(a['outlet'])}</div>"
        f"<div class='amp-wrap'><h1>{esc(a['title'])}</h1>{share}<amp-img src='h.jpg' width='600' height='400'>"
        f"</amp-img><div class='amp-body'>{''.join(body)}</div><h3>Read next</h3>{carousel}</div></body></html>"
    )


def style_live_timeline(a: dict) -> str:
    """A live blog with a key-events list repeating the entry headlines, pinned post, and a load-more button."""
    blocks, _ = body_blocks(a)
    key_events = (
        "<div class='key-events'><h3>Key events</h3><ul>"
        + "".join(f"<li><a href='#e{i}'>{e['time']} {esc(e['headline'])}</a></li>" for i, e in enumerate(a["entries"]))
        + "</ul></div>"
    )
    entries = "".join(
        f"<div class='update' id='e{i}'><div class='update-time'>{e['time']}</div><h3>{esc(e['headline'])}</h3>"
        f"<p>{esc(e['text'])}</p><div class='update-footer'><a href='#e{i}'>Link to this update</a></div></div>"
        for i, e in reversed(list(enumerate(a["entries"])))
    )
    return (
        f"<html lang='en'>{head(a)}<body>{site_nav()}<main><h1>{esc(a['title'])}</h1>"
        f"<div class='standfirst'>{''.join(blocks)}</div>{key_events}<div class='updates'>{entries}</div>"
        "<button class='load-more'>Load more updates</button></main></body></html>"
    )


def style_inline_paywall(a: dict) -> str:
    """Two paragraphs, then a subscription offer inside the body container; the rest is hidden markup."""
    blocks, _ = body_blocks(a)
    hidden = "".join(f"<p>{esc(p)}</p>" for p in a["hidden_paragraphs"])
    offer = (
        "<div class='offer'><h3>Continue reading with a subscription</h3><p>Stay informed about the islands "
        "and the coast with our independent reporting, from one crown for the first month, cancel at any time."
        "</p><a href='/subscribe'>See offers</a> <a href='/login'>Log in</a></div>"
    )
    return (
        f"<html lang='en'>{head(a)}<body>{site_nav()}<article><h1>{esc(a['title'])}</h1>"
        f"<div class='body'>{''.join(blocks)}{offer}<div class='locked' style='display:none'>{hidden}</div>"
        "</div></article></body></html>"
    )


def style_pullquote_factbox(a: dict) -> str:
    """A pull quote repeating a body sentence, a fact box, inline 'Related:' links and an author box."""
    blocks, _ = body_blocks(a)
    pull = "<blockquote class='pull'><p>Young people here have had nowhere to go in the evening</p></blockquote>"
    facts = (
        "<div class='box'><h4>Key facts</h4><ul>" + "".join(f"<li>{esc(f)}</li>" for f in a["facts"]) + "</ul></div>"
    )
    related = f"<p>Related: <a href='/r'>{esc(OTHER_HEADLINES[4])}</a></p>"
    author = (
        f"<div class='writer'><img src='a.jpg'><p>{esc(a['author'])} is a reporter for {esc(a['outlet'])}."
        " Follow him on social media for news from the harbour.</p></div>"
    )
    body = [blocks[0], facts, blocks[1], related, blocks[2], pull, *blocks[3:]]
    return (
        f"<html lang='en'>{head(a)}<body>{site_nav()}<article><h1>{esc(a['title'])}</h1>"
        f"<div class='content'>{''.join(body)}</div>{author}</article></body></html>"
    )


STYLES = [
    style_classic,
    style_cookie_newsletter_comments,
    style_paywall,
    style_live_blog,
    style_pagination,
    style_div_soup,
    style_inline_ads,
    style_blog_with_long_comments,
    style_wire,
    style_table_heavy,
]


HARDER_STYLES = {
    style.__name__.removeprefix("style_"): style
    for style in (
        style_gallery_captions,
        style_multi_column_related,
        style_amp,
        style_live_timeline,
        style_inline_paywall,
        style_pullquote_factbox,
    )
}


def truth_for(article: dict, style) -> list[str]:  # type: ignore[no-untyped-def]
    _, truth = body_blocks(article)
    if style is style_live_blog:
        entries = article.get("entries") or [{"text": p} for p in article["paragraphs"][-2:]]
        truth = truth + [entry["text"] for entry in entries]
    if style is style_live_timeline:  # newest first, as the page shows them
        for entry in reversed(article["entries"]):
            truth += [entry["headline"], entry["text"]]
    if style is style_pullquote_factbox:  # a fact box is written by the reporter: article text
        truth[1:1] = ["Key facts", *article["facts"]]
    return truth


def style_for(number: int, article: dict):  # type: ignore[no-untyped-def]
    """The article's own `style`, else the next of the first ten styles in turn."""
    if "style" in article:
        return HARDER_STYLES[article["style"]]
    return STYLES[(number - 1) % len(STYLES)]


def main() -> None:
    articles = yaml.safe_load((HERE / "bodies.yaml").read_text(encoding="utf-8"))
    (HERE / "pages").mkdir(exist_ok=True)
    (HERE / "truth").mkdir(exist_ok=True)
    for number, article in enumerate(articles, start=1):
        style = style_for(number, article)
        name = f"{number:02d}_{style.__name__.removeprefix('style_')}"
        (HERE / "pages" / f"{name}.html").write_text("<!DOCTYPE html>\n" + style(article), encoding="utf-8")
        (HERE / "truth" / f"{name}.txt").write_text("\n\n".join(truth_for(article, style)) + "\n", encoding="utf-8")
    print(f"wrote {len(articles)} pages")


if __name__ == "__main__":
    main()
