"""JSON Lines (one article object per line) and JSON documents (an object, or an array of objects).

A line that is not JSON, or has no text, becomes an `ErrorRecord` named `path:line N`
and the other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from storylens.ingest.encoding import decode_bytes
from storylens.ingest.records import read_record
from storylens.model import Article, ErrorRecord

# Keys under which JSON documents commonly nest their list of articles.
ARTICLE_LIST_KEYS = ("articles", "items", "data", "results", "documents", "records")
NESTED_TOO_DEEPLY = "JSON nested too deeply (more than ~900 levels) to be an article: not read"


def read_jsonl(data: bytes, source: str) -> Iterator[Article | ErrorRecord]:
    """One article per non-blank line, `source` of each being `path:line N`."""
    text = decode_bytes(data).text
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_source = f"{source}:line {number}"
        try:
            record = json.loads(line)
        except ValueError as error:
            yield ErrorRecord(line_source, f"not valid JSON: {error.msg} (column {error.colno})")
            continue
        except RecursionError:
            yield ErrorRecord(line_source, NESTED_TOO_DEEPLY)
            continue
        yield from read_records(record, line_source, "jsonl")


def read_json(data: bytes, source: str) -> Iterator[Article | ErrorRecord]:
    """A JSON document holding one article object or a list of them (possibly under "articles" etc.)."""
    try:
        document = json.loads(decode_bytes(data).text)
    except ValueError as error:
        message = getattr(error, "msg", str(error))
        yield ErrorRecord(source, f"not valid JSON: {message}")
        return
    except RecursionError:
        yield ErrorRecord(source, NESTED_TOO_DEEPLY)
        return
    yield from read_records(document, source, "json")


def read_records(document: Any, source: str, kind: str) -> Iterator[Article | ErrorRecord]:
    """The articles of one JSON value: an article object, or a list of them (possibly under "articles" etc.).

    A JSONL line may hold a whole export too: a one-line `{"articles": [...]}` file is detected as JSONL (one
    value on its first line), and its articles are read the same as from a pretty-printed JSON document.
    """
    records = article_records(document)
    if records is None:
        yield from read_record(document, source, kind)
        return
    if not records:
        yield ErrorRecord(
            source, f"no articles: the JSON {'line' if kind == 'jsonl' else 'document'} holds an empty list"
        )
    for index, record in enumerate(records):
        yield from read_record(record, f"{source}:item {index}", kind)


def article_records(document: Any) -> list[Any] | None:
    """The list of article objects in a document, or None when the document is one article."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in ARTICLE_LIST_KEYS:
            if isinstance(document.get(key), list) and not any(k in document for k in ("text", "maintext", "html")):
                return document[key]
    return None
