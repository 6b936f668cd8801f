"""A small HTML reader for tests: ids, links, open/close balance and visible text of a page or fragment."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import ClassVar


class _Page(HTMLParser):
    """Collects ids, links, open/close balance and the visible text of chosen elements."""

    VOID: ClassVar[set[str]] = {"meta", "br", "img", "input", "link", "hr", "line", "circle", "path", "rect"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.balanced = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"] or "")
        if attributes.get("href") is not None:
            self.hrefs.append(attributes["href"] or "")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.balanced = False
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def visible_text(html: str) -> str:
    return "".join(parse(html).text)
