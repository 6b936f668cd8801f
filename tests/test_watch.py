"""`watch`: new files and new feed items (served by a local HTTP server) join the store, each exactly once."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from storylens import api
from storylens.store import open_store
from storylens.watch import WatchCycle, read_feed_list

RSS_ITEM = """<item><title>{title}</title><link>http://127.0.0.1/{slug}</link><guid>{slug}</guid>
<pubDate>Tue, 03 Mar 2026 0{hour}:00:00 GMT</pubDate><description>{text}</description></item>"""


def write_feed(folder: Path, items: list[tuple[str, str, str]]) -> None:
    body = "".join(
        RSS_ITEM.format(title=title, slug=slug, text=text, hour=n % 10) for n, (slug, title, text) in enumerate(items)
    )
    (folder / "feed.xml").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Ostrand Wire</title>'
        f"<language>en</language>{body}</channel></rss>",
        encoding="utf-8",
    )


@pytest.fixture
def feed_server(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A local HTTP server on 127.0.0.1 serving the files of a folder; (folder, URL of feed.xml)."""
    folder = tmp_path / "served"
    folder.mkdir()
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    server.shutdown()
    server.server_close()


FERRY = (
    "ferry",
    "Velmar ferry resumes service",
    "The Velmar ferry resumed service between Ostrand and Kessing on Tuesday after a two-week strike by deckhands.",
)
BRIDGE = (
    "bridge",
    "Kessing bridge inspection",
    "Engineers in Kessing began a three-day inspection of the old harbour bridge, the city council said on Tuesday.",
)
FERRY_LATER = (
    "ferry-later",
    "Velmar ferry crews return",
    "Deckhands returned to the Velmar ferry on Tuesday, ending the strike that halted service between Ostrand and "
    "Kessing for two weeks, the ferry company said.",
)


def test_feed_list_takes_http_urls_and_skips_comments(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# wires\nhttp://127.0.0.1:8000/a.xml\n\nhttps://example.org/b.xml  # second\n", encoding="utf-8")
    assert read_feed_list(feeds) == ["http://127.0.0.1:8000/a.xml", "https://example.org/b.xml"]
    feeds.write_text("file:///etc/passwd\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"feeds\.txt:1: not an http"):
        read_feed_list(feeds)


@pytest.mark.slow
def test_watch_adds_new_feed_items_and_new_files_once_each(tmp_path: Path, feed_server: tuple[Path, str]) -> None:
    served, url = feed_server
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(url + "\n", encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    cycles: list[WatchCycle] = []
    out = tmp_path / "out"

    write_feed(served, [FERRY, BRIDGE])
    api.watch([inbox], out, feeds_file=feeds, interval=0, cycles=1, workers=1, on_cycle=cycles.append)
    write_feed(served, [FERRY, BRIDGE, FERRY_LATER])  # the feed grows by one item
    (inbox / "local.jsonl").write_text(
        json.dumps({"id": "desk-1", "title": "Ostrand tide tables", "text": "Ostrand published its tide tables."})
        + "\n",
        encoding="utf-8",
    )
    api.watch([inbox], out, feeds_file=feeds, interval=0, cycles=2, workers=1, on_cycle=cycles.append)

    assert [(c.feeds_fetched, c.new_articles) for c in cycles] == [(1, 2), (1, 2), (1, 0)]
    with open_store(out / "storylens.db") as store:
        corpus = store.load_corpus()
    titles = sorted(a.title or "" for a in corpus.articles.values())
    assert titles == sorted([FERRY[1], BRIDGE[1], FERRY_LATER[1], "Ostrand tide tables"])
    assert sorted(i for s in corpus.stories.values() for i in s.article_ids) == sorted(corpus.articles)


def test_an_unreachable_feed_is_an_error_naming_it_and_the_cycle_goes_on(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/none.xml\n", encoding="utf-8")  # port 9 (discard): nothing listens
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    cycles: list[WatchCycle] = []
    api.watch([inbox], tmp_path / "out", feeds_file=feeds, interval=0, cycles=1, workers=1, on_cycle=cycles.append)
    assert cycles[0].feeds_fetched == 0
    assert [e.source for e in cycles[0].errors] == ["http://127.0.0.1:9/none.xml"]
