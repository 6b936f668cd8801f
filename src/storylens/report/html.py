"""The self-contained HTML report: the public JSON report rendered for people.

`render_html(report)` turns the report dict (see `storylens.report.json`) into
ONE HTML file that opens offline: CSS, the few lines of optional JavaScript and
the SVG charts are inline, and nothing is fetched at view time.

This module assembles the page: it indexes the report (`report_index`), builds
the views of each section (`story_view`, `article_view`, `entity_view`) and
renders them with the templates. Everything that comes from articles is
untrusted: templates run with autoescaping on, and the only markup built in
Python (highlighted text, anchors, links) comes from `markup`, charts from `charts`.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import ChainableUndefined, Environment, PackageLoader
from markupsafe import Markup

from storylens.report.article_view import article_view
from storylens.report.charts import UNKNOWN_CAMP_COLOUR
from storylens.report.entity_view import entity_view
from storylens.report.formatting import format_date, format_time, plural, published_key, shorten, visible_whitespace
from storylens.report.html_settings import HtmlReportSettings
from storylens.report.markup import anchor_id, entity_type_class, safe_href
from storylens.report.report_index import index_report
from storylens.report.story_view import copy_group_view, story_view


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("storylens.report", "templates"),
        autoescape=True,
        undefined=ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(time=format_time, date=format_date, shorten=shorten, whitespace=visible_whitespace)
    environment.globals.update(plural=plural, anchor=anchor_id, safe_href=safe_href, type_class=entity_type_class)
    return environment


@functools.cache
def inline_script() -> tuple[Markup, Markup]:
    """The report's own JavaScript and its CSP hash.

    The page's Content-Security-Policy allows only a script with this exact
    hash, so even if some article text ever slipped through unescaped, an
    injected `<script>` or `onerror=` handler would not run.
    """
    source = (Path(__file__).parent / "templates" / "report.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return Markup(source), Markup(f"'sha256-{digest}'")


@functools.cache
def _cached_environment() -> Environment:
    """One template environment per process: templates compile once, however many reports render."""
    return _environment()


def report_context(report: Mapping[str, Any], settings: HtmlReportSettings) -> dict[str, Any]:
    """Everything the template shows, prepared from the report dict."""
    index = index_report(report)
    shown = [
        story
        for story in report.get("stories") or []
        if sum(str(a) in index.articles for a in story.get("article_ids") or []) >= settings.min_story_articles
    ]
    index.shown_quote_groups = {
        str(group)
        for story in shown
        for group in story.get("quote_group_ids") or []
        if str(group) in index.quote_groups
    }
    stories = [story_view(story, index, settings) for story in shown]
    placed = {str(article.data["id"]) for view in stories for article in view.articles}
    stories.sort(key=lambda view: (-len(view.articles), published_key({"published": view.data.get("first_published")})))
    other_articles = sorted((a for i, a in index.articles.items() if i not in placed), key=published_key)
    entities = sorted(index.entities.values(), key=lambda e: (-(e.get("mention_count") or 0), str(e.get("name"))))
    script, script_hash = inline_script()
    return {
        "script": script,
        "script_hash": script_hash,
        "settings": settings,
        "report": report,
        "summary": report.get("summary") or {},
        "stories": stories,
        "other_articles": [article_view(article, index) for article in other_articles],
        "entities": [entity_view(entity, index, settings) for entity in entities],
        "copy_groups": sorted(
            (copy_group_view(group, index) for group in index.copy_groups.values()),
            key=lambda view: (-len(view["members"]), str(view["data"]["id"])),
        ),
        "outlets": sorted(report.get("outlets") or [], key=lambda o: (-(o.get("articles") or 0), str(o.get("name")))),
        "unmatched_outlets": report.get("unmatched_outlets") or [],
        "camp_colours": index.camp_colours,
        "unknown_camp_colour": UNKNOWN_CAMP_COLOUR,
        "errors": report.get("errors") or [],
        "stats": report.get("stats") or {},
    }


def render_html(report: Mapping[str, Any], settings: HtmlReportSettings | None = None) -> str:
    """The report as one self-contained HTML document (no network needed to view it)."""
    settings = settings or HtmlReportSettings()
    template = _cached_environment().get_template("report.html.j2")
    return template.render(**report_context(report, settings))


def write_html(report: Mapping[str, Any], path: Path, settings: HtmlReportSettings | None = None) -> None:
    """Render the report and write it to `path` as UTF-8."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report, settings), encoding="utf-8")
