"""Limits of the web server (`storylens serve`): page sizes and query lengths.

Kept apart from the FastAPI code so `storylens.config` can compose it without
importing the web stack.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class WebSettings:
    """How much one request may ask for. Limits keep a public server cheap to run and hard to overload."""

    page_size: int = 25  # rows per page when the request does not say
    max_page_size: int = 200  # the largest `limit` a request may ask for
    max_offset: int = 100_000  # the deepest `offset` a request may page to
    max_query_chars: int = 200  # longest search text or filter value accepted
    max_search_hits: int = 1000  # full-text matches a search ranks, counts and pages (and a text filter reads)
    max_entity_rows: int = 1000  # mentions and quotes shown on one entity's page (the counts say how many in all)
