"""CSV and TSV exports: one article per row, columns mapped to fields by name.

The mapping comes from `ReadSettings.csv_columns` (field -> column) or, for fields
it does not name, from the same aliases JSON records use ("body", "headline", ...).
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator, Mapping

from storylens.ingest.encoding import decode_bytes
from storylens.ingest.records import FIELD_ALIASES, first_value, record_to_article
from storylens.model import Article, ErrorRecord

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # article bodies easily exceed the 128 kB default


def sniff_delimiter(header_line: str, name: str) -> str:
    """Tab for .tsv, otherwise whichever of tab, comma, semicolon the header line uses most."""
    if name.lower().endswith(".tsv"):
        return "\t"
    return max(("\t", ",", ";"), key=header_line.count)


def read_csv(
    data: bytes, source: str, columns: Mapping[str, str] | None = None, name: str = ""
) -> Iterator[Article | ErrorRecord]:
    """Each row to an Article; a missing text column is one clear error for the whole file."""
    text = decode_bytes(data).text.lstrip("\ufeff")
    header_line = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(header_line, name or source))
    header = reader.fieldnames or []
    missing = missing_text_column(header, columns or {})
    if missing:
        yield ErrorRecord(source, missing)
        return
    try:
        for row in reader:
            line_source = f"{source}:line {reader.line_num}"
            if None in row:
                row.pop(None)  # extra cells beyond the header
            yield record_to_article(row, line_source, "csv", columns)
    except csv.Error as error:
        yield ErrorRecord(f"{source}:line {reader.line_num}", f"malformed CSV: {error}")


def missing_text_column(header: list[str], columns: Mapping[str, str]) -> str | None:
    """An error message when no column can hold the article text, else None."""
    present = {column: "" for column in header}
    if "text" in columns:
        if columns["text"] in present:
            return None
        return f"text column {columns['text']!r} not found (columns: {', '.join(header)})"
    for field_name in ("text", "html"):
        key, _ = first_value({column: "x" for column in present}, FIELD_ALIASES[field_name])
        if key is not None:
            return None
    expected = ", ".join(FIELD_ALIASES["text"])
    return f"no text column: expected one of {expected}, or set csv_columns['text'] (columns: {', '.join(header)})"
