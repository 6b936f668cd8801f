"""The FastAPI application behind `storylens serve`: a JSON API under /api and HTML pages.

Read-only: the app opens the store and answers every request with paged,
indexed reads through the `Store` interface (`Catalog`, `store/reads.py`),
keeping only counts and filter values in memory; no route writes. The store
is opened in the application's lifespan, on the event loop's thread, and every
route is `async` so all store calls happen on that one thread (SQLite
connections are bound to the thread that opened them).

Errors are JSON (`{"error": ...}`) under /api and a small HTML page elsewhere;
a failure inside a route is logged on the server and answered with a plain 500,
never a stack trace.
"""

import logging
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from storylens import __version__
from storylens.report.json import OutletProfile
from storylens.store import Store, open_store, sqlite_path
from storylens.web.exports import MEDIA_TYPES as EXPORT_MEDIA_TYPES
from storylens.web.exports import iter_export_rows, story_brief, write_export
from storylens.web.queries import BadQuery, Catalog, NotFound, StoryFilter
from storylens.web.security import SECURITY_HEADERS, presented_token, token_accepted
from storylens.web.settings import WebSettings

log = logging.getLogger("storylens.web")

MAX_ID_CHARS = 200  # ids are short hashes; anything longer is not one
DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2})?$"
EXPORT_IN_MEMORY_BYTES = 8 * 1024 * 1024  # an export bigger than this is spooled to a temporary file


def _drain(spool: IO[bytes], chunk: int = 64 * 1024) -> Iterator[bytes]:
    """A finished export file sent in chunks, then closed (a download of any size in bounded memory).

    The export is written out before the response starts: the store is read in the request's own thread,
    and a bad request still gets its error status rather than a half-sent body.
    """
    try:
        while data := spool.read(chunk):
            yield data
    finally:
        spool.close()


@dataclass
class ServerConfig:
    """What `create_app` needs: the store, who may read it, and the limits."""

    db: str | Path
    tokens: list[str] = field(default_factory=list)
    outlets: dict[str, OutletProfile] = field(default_factory=dict)
    settings: WebSettings = field(default_factory=WebSettings)
    allowed_hosts: list[str] | None = None  # Host header values accepted (None: any); guards DNS rebinding


def open_read_only(db: str | Path) -> Store:
    """Open an existing store for reading: its sessions refuse writes (SQLite and PostgreSQL alike).

    Refuses a SQLite path that does not exist rather than creating an empty store.
    """
    path = sqlite_path(db)
    if path is not None and not path.exists():
        raise FileNotFoundError(f"no store at {path}: run `storylens analyze` first")
    return open_store(db, read_only=True)  # the server cannot write even by mistake


def _error(request: Request, status: int, message: str, details: Any = None) -> Response:
    if request.url.path.startswith("/api") or not hasattr(request.app.state, "pages"):
        body: dict[str, Any] = {"error": message}
        if details is not None:
            body["details"] = details
        return JSONResponse(body, status_code=status)
    return request.app.state.pages.error(request, status, message)


def _validation_details(error: RequestValidationError) -> list[dict[str, Any]]:
    """Which parameter was wrong and why, without echoing the (possibly hostile, possibly long) input."""
    return [
        {"where": [str(part) for part in item.get("loc", ())], "problem": item.get("msg")} for item in error.errors()
    ]


def create_app(config: ServerConfig) -> FastAPI:
    """The web application over one store (see module docstring)."""
    settings = config.settings

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = open_read_only(config.db)
        catalog = Catalog(store, config.outlets, settings)
        catalog.refresh()
        app.state.catalog = catalog
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="storylens",
        version=__version__,
        description="Read-only JSON API over a storylens store: stories, articles, entities, quotes and search.",
        lifespan=lifespan,
        docs_url=None,  # the interactive docs load scripts from a CDN: no network at view time
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if config.tokens and not token_accepted(presented_token(request.headers.get("authorization")), config.tokens):
            response: Response = JSONResponse({"error": "a valid token is required"}, status_code=401)
            response.headers["WWW-Authenticate"] = 'Basic realm="storylens", charset="UTF-8"'
        else:
            try:
                response = await call_next(request)
            except Exception:
                log.exception("error answering %s", request.url.path)
                response = JSONResponse({"error": "internal error"}, status_code=500)
        response.headers.update(SECURITY_HEADERS)
        return response

    if config.allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=config.allowed_hosts)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> Response:
        return _error(request, 404, str(error))

    @app.exception_handler(BadQuery)
    async def bad_query(request: Request, error: BadQuery) -> Response:
        return _error(request, 400, str(error))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        return _error(request, 422, "invalid request parameters", _validation_details(error))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        return _error(request, error.status_code, str(error.detail))

    add_api_routes(app, settings)
    from storylens.web.pages import add_page_routes

    add_page_routes(app, settings)
    return app


def catalog_of(request: Request) -> Catalog:
    return request.app.state.catalog  # type: ignore[no-any-return]


def add_api_routes(app: FastAPI, settings: WebSettings) -> None:
    """The JSON API. Every list takes `offset`/`limit`; every finding carries `article_id`, `start`, `end`."""
    text_param = Query(max_length=settings.max_query_chars)
    Text = Annotated[str, text_param]
    Date = Annotated[str, Query(pattern=DATE_PATTERN, max_length=10, description="YYYY-MM-DD")]
    Offset = Annotated[int, Query(ge=0, le=settings.max_offset)]
    Limit = Annotated[int, Query(ge=1, le=settings.max_page_size)]
    Id = Annotated[str, PathParam(min_length=1, max_length=MAX_ID_CHARS)]

    @app.get("/api/stories", tags=["stories"])
    async def api_stories(
        request: Request,
        q: Text = "",
        date_from: Date = "",
        date_to: Date = "",
        outlet: Text = "",
        camp: Text = "",
        language: Text = "",
        entity: Text = "",
        offset: Offset = 0,
        limit: Limit = settings.page_size,
    ) -> dict[str, Any]:
        """Stories, biggest first: full-text `q` over titles and article text, and filters."""
        where = StoryFilter(q, date_from, date_to, outlet, camp, language, entity)
        return catalog_of(request).list_stories(where, offset, limit).to_json()

    @app.get("/api/stories/{story_id}", tags=["stories"])
    async def api_story(request: Request, story_id: Id) -> dict[str, Any]:
        """One story shaped like report.json: articles, copies, timeline, quotes and quote groups, entities."""
        return catalog_of(request).story(story_id)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    async def api_article(request: Request, article_id: Id) -> dict[str, Any]:
        """One article: cleaned text, original text and removals, and every span found in it."""
        return catalog_of(request).article(article_id)

    @app.get("/api/entities", tags=["entities"])
    async def api_entities(request: Request, q: Text = "", offset: Offset = 0, limit: Limit = settings.page_size):
        """Entities by mention count; `q` keeps those with a name or alias containing it."""
        return catalog_of(request).list_entities(q, offset, limit).to_json()

    @app.get("/api/entities/{entity_id}", tags=["entities"])
    async def api_entity(request: Request, entity_id: Id) -> dict[str, Any]:
        """One entity: aliases with merge evidence, mentions, quotes and stories."""
        return catalog_of(request).entity(entity_id)

    @app.get("/api/quotes", tags=["quotes"])
    async def api_quotes(
        request: Request,
        speaker: Text = "",
        text: Text = "",
        entity: Text = "",
        offset: Offset = 0,
        limit: Limit = settings.page_size,
    ) -> dict[str, Any]:
        """Quotes whose speaker name and text contain the given strings (case-insensitive)."""
        return catalog_of(request).list_quotes(speaker, text, offset, limit, entity).to_json()

    @app.get("/api/search", tags=["search"])
    async def api_search(
        request: Request,
        q: Annotated[str, Query(min_length=1, max_length=settings.max_query_chars)],
        offset: Offset = 0,
        limit: Limit = settings.page_size,
    ) -> dict[str, Any]:
        """Full-text search over article titles and text (every word must occur), best first."""
        return catalog_of(request).search(q, offset, limit).to_json()

    @app.get("/api/export/{table}", tags=["exports"])
    async def api_export(
        request: Request,
        table: Literal["articles", "entities", "quotes", "timeline", "claims"],
        format: Literal["json", "csv", "parquet"] = "json",
        story: Annotated[str, Query(max_length=MAX_ID_CHARS)] = "",
    ) -> Response:
        """One table of findings for the whole store or one story, as JSON, CSV or Parquet (a download)."""
        rows = iter_export_rows(catalog_of(request), table, story)
        spool = tempfile.SpooledTemporaryFile(max_size=EXPORT_IN_MEMORY_BYTES)  # noqa: SIM115 - closed below
        try:
            write_export(rows, format, spool)  # type: ignore[arg-type]  # a binary file object
        except BaseException:
            spool.close()
            raise
        spool.seek(0)
        media = EXPORT_MEDIA_TYPES[format]
        name = f"storylens-{table}.{format}"
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        return StreamingResponse(_drain(spool), media_type=media, headers=headers)

    @app.get("/api/stories/{story_id}/brief.md", tags=["exports"])
    async def api_brief(request: Request, story_id: Id) -> Response:
        """A Markdown brief of one story: coverage, who said what, timeline and sources."""
        return Response(story_brief(catalog_of(request), story_id), media_type="text/markdown; charset=utf-8")

    @app.get("/api/facets", tags=["stories"])
    async def api_facets(request: Request) -> dict[str, list[str]]:
        """The outlets, camps and languages the story filters can take."""
        return catalog_of(request).facets()
