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
from storylens.ingest.records import FIELD_ALIASES, first_value, read_record
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
    lines = io.StringIO(text, newline="").readlines()  # the csv module's own line breaks
    try:
        row_start = reader.line_num + 1
        for row in reader:
            first_line = row_start + blank_lines_from(lines, row_start)
            line_source = f"{source}:line {first_line}"
            row_start = reader.line_num + 1
            if None in row:
                row.pop(None)  # extra cells beyond the header
            if reader.line_num >= len(lines) and quote_left_open(lines[first_line - 1 :], reader.dialect):
                yield ErrorRecord(line_source, unclosed_quote_message(first_line))
                return
            yield from read_record(row, line_source, "csv", columns)
    except csv.Error as error:
        yield ErrorRecord(f"{source}:line {reader.line_num}", f"malformed CSV: {error}")


def blank_lines_from(lines: list[str], line_number: int) -> int:
    """How many blank lines start at 1-based `line_number`: the csv module skips them before a row."""
    count = 0
    while line_number - 1 + count < len(lines) and not lines[line_number - 1 + count].strip("\r\n"):
        count += 1
    return count


def quote_left_open(row_lines: list[str], dialect: type[csv.Dialect] | csv.Dialect | str) -> bool:
    """True when the last row's raw lines end inside a quoted cell.

    The lenient csv parser reads an unclosed `"` to the end of the file as one cell, so every row
    after it would silently become part of one article; a strict re-parse of that row alone tells.
    """
    try:
        for _ in csv.reader(io.StringIO("".join(row_lines), newline=""), dialect, strict=True):
            pass
    except csv.Error as error:
        return "unexpected end of data" in str(error)
    return False


def unclosed_quote_message(first_line: int) -> str:
    """The error for a row whose quoted cell is never closed (1-based line)."""
    return (
        f"malformed CSV: a quoted cell in the row starting on line {first_line} is never closed, so the rest "
        f'of the file would be read as one cell; close the quote (write a quote inside a cell as "")'
    )


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
