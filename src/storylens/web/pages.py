"""Server-rendered HTML pages: story list, story, article, entity, quotes and search.

The pages reuse the HTML report's views (`storylens.report.story_view` and
`article_view`: highlighted article text, who-said-what rows, timeline and coverage charts) and its CSS and
script, served from this server so the page needs no network. Everything from
the store is escaped by Jinja's autoescaping; article text goes through the
report's `highlight_text`, which escapes every piece between highlights. Every
page has its own URL (filters in the query string), so any finding can be
shared by link.
"""

from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader
from markupsafe import Markup

from storylens import __version__
from storylens.report.article_view import article_view
from storylens.report.charts import UNKNOWN_CAMP_COLOUR
from storylens.report.formatting import format_date, format_time, plural, shorten, visible_whitespace
from storylens.report.html_settings import HtmlReportSettings
from storylens.report.markup import anchor_id, entity_type_class, safe_href
from storylens.report.report_index import index_report
from storylens.report.story_view import story_view
from storylens.web.app import DATE_PATTERN, MAX_ID_CHARS, catalog_of
from storylens.web.queries import BadQuery, StoryFilter
from storylens.web.settings import WebSettings

STATIC_FILES = {  # name -> (package, file, media type); a fixed list, so no path from a request reaches the disk
    "report.css": ("storylens.report", "templates/report.css", "text/css"),
    "report.js": ("storylens.report", "templates/report.js", "text/javascript"),
    "web.css": ("storylens.web", "static/web.css", "text/css"),
}


def open_details(markup: Any) -> Markup:
    """Our own article card with its `<details>` open (the article page shows the text at once)."""
    return Markup(str(markup).replace('<details class="article"', '<details open class="article"', 1))


def path_quote(value: Any) -> str:
    """An id as one URL path segment (slashes and everything else special percent-encoded)."""
    return quote(str(value), safe="")


class Pages:
    """The template environment and the page renderers."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.report_settings = HtmlReportSettings()
        self.env = Environment(
            loader=ChoiceLoader(
                [PackageLoader("storylens.web", "templates"), PackageLoader("storylens.report", "templates")]
            ),
            autoescape=True,
            undefined=ChainableUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(
            time=format_time,
            date=format_date,
            shorten=shorten,
            whitespace=visible_whitespace,
            path=path_quote,
            open_details=open_details,
        )
        self.env.globals.update(
            plural=plural,
            anchor=anchor_id,
            copy_group_href=copy_group_href,
            safe_href=safe_href,
            type_class=entity_type_class,
            version=__version__,
            settings=self.report_settings,
        )

    def render(self, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(name).render(**context), status_code=status_code)

    def error(self, request: Request, status: int, message: str) -> HTMLResponse:
        return self.render("error.html.j2", status, status=status, message=message)


def _page_links(path: str, params: dict[str, Any], total: int, offset: int, limit: int) -> dict[str, str | None]:
    """Previous/next links that keep every other query parameter."""
    kept = {k: v for k, v in params.items() if v not in ("", None) and k != "offset"}

    def link(at: int) -> str:
        return f"{path}?{urlencode({**kept, 'offset': at})}"

    return {
        "previous": link(max(0, offset - limit)) if offset > 0 else None,
        "next": link(offset + limit) if offset + limit < total else None,
    }


def copy_group_href(article: dict[str, Any]) -> str:
    """The copy group's list on its story page: the report's in-page `#copy-group-…` is not on an article page."""
    target = "#" + anchor_id("copy-group", article["copy_group"])
    story_id = article.get("story_id")
    return f"/stories/{path_quote(story_id)}{target}" if story_id else target


def span_href(span: dict[str, Any]) -> str:
    """The article page's row for a finding: `/articles/ID#span-START-END`."""
    return f"/articles/{path_quote(span['article_id'])}#span-{span['start']}-{span['end']}"


def link_spans_to_article_pages(view: Any) -> Any:
    """Point every link the report's views aim at an in-report anchor to the article page's span instead.

    The claim matrix and the framing panels are the HTML report's (`claim_matrix`, `framing_view`); each
    of their findings carries its `span`, and here its `href` becomes that span on the article's page.
    """
    if isinstance(view, dict):
        span = view.get("span")
        if "href" in view and isinstance(span, dict) and span.get("article_id") is not None:
            view["href"] = span_href(span)
        for value in view.values():
            link_spans_to_article_pages(value)
    elif isinstance(view, (list, tuple)):
        for item in view:
            link_spans_to_article_pages(item)
    return view


def _story_report(data: dict[str, Any]) -> dict[str, Any]:
    """The story API answer back in report.json's shape, for the report's views."""
    story = dict(data["story"])
    groups = story.pop("quote_groups", [])
    story["quote_group_ids"] = [g["id"] for g in groups]
    return {**data, "stories": [story], "quote_groups": groups}


def add_page_routes(app: FastAPI, settings: WebSettings) -> None:
    """The HTML pages and their static files."""
    pages = Pages(settings)
    app.state.pages = pages
    Text = Annotated[str, Query(max_length=settings.max_query_chars)]
    Date = Annotated[str, Query(pattern=DATE_PATTERN, max_length=10)]
    Offset = Annotated[int, Query(ge=0, le=settings.max_offset)]
    Id = Annotated[str, PathParam(min_length=1, max_length=MAX_ID_CHARS)]
    limit = settings.page_size

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def story_list(
        request: Request,
        q: Text = "",
        date_from: Date = "",
        date_to: Date = "",
        outlet: Text = "",
        camp: Text = "",
        language: Text = "",
        entity: Text = "",
        offset: Offset = 0,
    ) -> Response:
        catalog = catalog_of(request)
        where = StoryFilter(q, date_from, date_to, outlet, camp, language, entity)
        try:
            page = catalog.list_stories(where, offset, limit)
        except BadQuery as error:
            return pages.render(
                "stories.html.j2", 400, where=where, page=None, message=str(error), **_list_extra(catalog)
            )
        params = dict(where.__dict__, q=q)
        params.pop("text")
        return pages.render(
            "stories.html.j2",
            where=where,
            page=page,
            links=_page_links("/", params, page.total, offset, limit),
            entity_name=catalog.entity_name(entity),
            **_list_extra(catalog),
        )

    def _list_extra(catalog: Any) -> dict[str, Any]:
        return {"facets": catalog.facets(), "summary": catalog.summary()}

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(request: Request, story_id: Id) -> Response:
        data = catalog_of(request).story(story_id)
        report = _story_report(data)
        index = index_report(report)
        index.shown_quote_groups = {g["id"] for g in report["quote_groups"]}
        view = story_view(report["stories"][0], index, pages.report_settings)
        link_spans_to_article_pages([view.claim_matrix, view.framing])
        return pages.render(
            "story.html.j2",
            story=view,
            data=data,
            index=index,
            entities=data["entities"],
            camp_colours=index.camp_colours,
            unknown_camp_colour=UNKNOWN_CAMP_COLOUR,
        )

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    async def article_page(request: Request, article_id: Id) -> Response:
        data = catalog_of(request).article(article_id)
        entities = [
            {**e, "mentions": [m for m in data["mentions"] if m["entity_id"] == e["id"]]} for e in data["entities"]
        ]
        report = {
            "articles": [data["article"]],
            "entities": entities,
            "quotes": data["quotes"],
            "time_expressions": data["time_expressions"],
            "outlets": data["outlets"],
        }
        view = article_view(data["article"], index_report(report))
        return pages.render("article.html.j2", view=view, data=data, entities=entities)

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    async def entity_list(request: Request, q: Text = "", offset: Offset = 0) -> Response:
        page = catalog_of(request).list_entities(q, offset, limit)
        links = _page_links("/entities", {"q": q}, page.total, offset, limit)
        return pages.render("entities.html.j2", page=page, q=q, links=links)

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    async def entity_page(request: Request, entity_id: Id) -> Response:
        data = catalog_of(request).entity(entity_id)
        by_article: dict[str, list[dict[str, Any]]] = {}
        for mention in data["mentions"]:
            by_article.setdefault(mention["article_id"], []).append(mention)
        return pages.render("entity.html.j2", data=data, by_article=by_article)

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    async def quote_list(request: Request, speaker: Text = "", text: Text = "", offset: Offset = 0) -> Response:
        page = catalog_of(request).list_quotes(speaker, text, offset, limit)
        links = _page_links("/quotes", {"speaker": speaker, "text": text}, page.total, offset, limit)
        return pages.render("quotes.html.j2", page=page, speaker=speaker, text=text, links=links)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    async def search_page(request: Request, q: Text = "", offset: Offset = 0) -> Response:
        page, message = None, ""
        if q.strip():
            try:
                page = catalog_of(request).search(q, offset, limit)
            except BadQuery as error:
                message = str(error)
        links = _page_links("/search", {"q": q}, page.total, offset, limit) if page else {}
        return pages.render("search.html.j2", page=page, q=q, message=message, links=links)

    @app.get("/static/{name}", include_in_schema=False)
    async def static(request: Request, name: Annotated[str, PathParam(max_length=40)]) -> Response:
        if name not in STATIC_FILES:
            return pages.error(request, 404, "not found")
        package, file, media_type = STATIC_FILES[name]
        body = resources.files(package).joinpath(file).read_bytes()
        return Response(body, media_type=media_type, headers={"Cache-Control": "public, max-age=3600"})
