"""Reading articles from files, directories and archives of any supported format.

`read_inputs` walks the given paths (directories recursively, sorted so runs are
deterministic), detects each file's format from its content (`detect.py`), and
yields `Article`s. Bad input never raises: every unreadable file, line, record or
archive member becomes an `ErrorRecord` naming it (`path`, `path:line N`,
`archive.zip!member`) and reading carries on.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storylens.ingest import detect
from storylens.ingest.archives import ArchiveLimits, gunzip_capped, gunzip_head, read_tar, read_zip
from storylens.ingest.csv_reader import read_csv
from storylens.ingest.encoding import UndecodableInput, decode_bytes, looks_binary
from storylens.ingest.feeds import read_feed
from storylens.ingest.html import ENTITY_REFUSAL, HtmlSettings, decode_html, extract_page
from storylens.ingest.jsonl import read_json, read_jsonl
from storylens.ingest.records import build_article
from storylens.ingest.text import document_fields, read_text
from storylens.ingest.warc import read_warc
from storylens.model import Article, ErrorRecord, to_dict

ReadItems = Iterator[Article | ErrorRecord]
MEGABYTE = 1024 * 1024


@dataclass
class ReadSettings:
    """Limits and options for reading input.

    max_file_bytes: larger files (and archive members) are refused with an error rather than read;
        50 MB holds any real article page or a sizeable JSONL shard.
    max_archive_members: an archive with more files is refused (guards against inode-bomb archives).
    max_archive_total_bytes: the most one archive (or .gz) may expand to in total (zip-bomb guard).
    max_decompressed_ratio: a member expanding more than this many times its compressed size is refused;
        text compresses ~5-20x, bombs ~1000x.
    csv_columns: Article field -> CSV column name ("text", "title", "url", "outlet", "published",
        "author", "language", "external_id"); unnamed fields are guessed from common column names.
    follow_symlinks: read symlinked files and directories (off: a symlink is reported and skipped, so a
        link cannot pull in files from outside the input tree or loop).
    skip_extensions: file endings skipped silently when walking directories (images, styles, scripts);
        a file named explicitly is always tried.
    skip_hidden: skip dot-files and dot-directories when walking directories.
    max_html_bytes: a single HTML page larger than this is refused with an error: real article pages
        are well under 5 MB, and a 20 MB "page" is a dump or an attack that would cost seconds of CPU.
    max_article_chars: an article whose text is longer is refused with an error naming the limit: the
        language models stop at 1,000,000 characters (spaCy's `max_length`), and a real article is
        under 100,000; a longer "article" is a whole dump in one record, to be split.
    html: HTML extraction settings.
    """

    max_file_bytes: int = 50 * MEGABYTE
    max_archive_members: int = 10_000
    max_archive_total_bytes: int = 500 * MEGABYTE
    max_decompressed_ratio: float = 100.0
    csv_columns: dict[str, str] = field(default_factory=dict)
    follow_symlinks: bool = False
    skip_extensions: tuple[str, ...] = (
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".webp",
        ".svg",
        ".ico",
        ".css",
        ".js",
        ".map",
        ".woff",
        ".woff2",
        ".ttf",
        ".mp3",
        ".mp4",
        ".webm",
        ".pyc",
    )
    skip_hidden: bool = True
    max_html_bytes: int = 10 * MEGABYTE
    max_article_chars: int = 1_000_000
    html: HtmlSettings = field(default_factory=HtmlSettings)

    def archive_limits(self) -> ArchiveLimits:
        return ArchiveLimits(
            max_members=self.max_archive_members,
            max_member_bytes=self.max_file_bytes,
            max_total_bytes=self.max_archive_total_bytes,
            max_ratio=self.max_decompressed_ratio,
        )


def read_inputs(paths: Iterable[str | Path], settings: ReadSettings | None = None) -> ReadItems:
    """Articles (and ErrorRecords) from files and directories, in sorted order."""
    settings = settings or ReadSettings()
    for item in input_files(paths, settings):
        if isinstance(item, ErrorRecord):
            yield item
        else:
            yield from read_file(item, settings)


def read_path(path: Path, settings: ReadSettings) -> ReadItems:
    """A file, or every file under a directory (recursively, sorted)."""
    yield from read_inputs([path], settings)


STDIN_NAMES = ("-", "/dev/stdin")
STDIN_SOURCE = "<stdin>"


def is_stdin(path: str | Path) -> bool:
    """`-` (or `/dev/stdin`) on the command line: read the articles from standard input."""
    return str(path) in STDIN_NAMES


def read_stdin(settings: ReadSettings) -> ReadItems:
    """Articles piped in on standard input: JSONL or text (any format `read_bytes` detects)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        yield ErrorRecord(STDIN_SOURCE, "standard input is closed: pipe the articles in, or name files")
        return
    if stream.isatty():
        print("storylens: reading articles from standard input (end with Ctrl-D)", file=sys.stderr)
    data = stream.read(settings.max_file_bytes + 1)
    if len(data) > settings.max_file_bytes:
        yield ErrorRecord(
            STDIN_SOURCE, f"standard input too large: more than max_file_bytes={settings.max_file_bytes} bytes"
        )
        return
    yield from read_bytes(data, STDIN_SOURCE, "", settings)


_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def special_file_kind(path: str | Path) -> str | None:
    """What a path is when it exists but is neither a regular file nor a folder (reading one can hang)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return next((kind for test, kind in _SPECIAL_FILES if test(mode)), None)


def skipped_special_file(path: str | Path) -> ErrorRecord | None:
    kind = special_file_kind(path)
    return ErrorRecord(str(path), f"skipped: {kind}, not a regular file") if kind else None


def refused_file(path: Path, settings: ReadSettings) -> ErrorRecord | None:
    """Why a named file is not read at all (a symlink while `follow_symlinks` is off, a FIFO or device), or None.

    Every reader asks this before opening a file, so a FIFO never blocks a run and a symlink is followed only
    when the user said so, whichever way the file came in (a whole run, an incremental run, `watch`).
    """
    if path.is_symlink() and not settings.follow_symlinks:
        return ErrorRecord(str(path), "skipped symlink (follow_symlinks is off)")
    return skipped_special_file(path)


def input_files(
    paths: Iterable[str | Path], settings: ReadSettings, exclude: Iterable[str | Path] = ()
) -> Iterator[Path | ErrorRecord]:
    """The files to read for the given paths: each file named, and every file under each directory.

    A symlink named directly is reported (not followed) unless `follow_symlinks` is on; a path that
    does not exist is passed on so reading it reports the error. Files and directories in `exclude`
    are never walked into: `analyze` excludes its own output folder and store, so analysing a folder
    that holds the output of an earlier run does not read its reports and database as articles.
    """
    excluded = {os.path.abspath(p) for p in exclude}
    for path in map(Path, paths):
        if is_stdin(path):
            yield Path("-")
            continue
        if os.path.abspath(path) in excluded:
            continue
        special = skipped_special_file(path)
        if special is not None:
            yield special
        elif path.is_symlink() and not settings.follow_symlinks:
            yield ErrorRecord(str(path), "skipped symlink (follow_symlinks is off)")
        elif path.is_dir():
            yield from walk_files(path, settings, excluded)
        else:
            yield path


def walk_files(
    root: Path, settings: ReadSettings, excluded: Collection[str] = frozenset()
) -> Iterator[Path | ErrorRecord]:
    """Files under `root` in sorted order, skipping hidden ones, `skip_extensions` and `excluded` paths;
    named pipes, sockets and devices are reported and skipped (opening a FIFO would wait forever)."""
    for directory, subdirectories, files in os.walk(root, followlinks=settings.follow_symlinks):
        subdirectories[:] = sorted(
            d
            for d in subdirectories
            if not (settings.skip_hidden and d.startswith("."))
            and os.path.abspath(os.path.join(directory, d)) not in excluded
        )
        for name in sorted(files):
            if settings.skip_hidden and name.startswith("."):
                continue
            if name.lower().endswith(settings.skip_extensions):
                continue
            if excluded and os.path.abspath(os.path.join(directory, name)) in excluded:
                continue
            path = Path(directory) / name
            yield skipped_special_file(path) or path


def read_file(path: str | Path, settings: ReadSettings | None = None) -> ReadItems:
    """Articles of one file, whatever its format; problems become ErrorRecords."""
    settings = settings or ReadSettings()
    if is_stdin(path):
        yield from read_stdin(settings)
        return
    path = Path(path)
    source = str(path)
    refused = refused_file(path, settings)
    if refused is not None:
        yield refused
        return
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            yield ErrorRecord(source, f"file too large: {size} bytes > max_file_bytes={settings.max_file_bytes}")
            return
        data = path.read_bytes()
    except OSError as error:
        yield ErrorRecord(source, f"cannot read file: {error.strerror or error}")
        return
    yield from read_bytes(data, source, path.name, settings)


def read_bytes(data: bytes, source: str, name: str, settings: ReadSettings) -> ReadItems:
    """Articles from the content of one file or archive member, dispatched on the detected format."""
    if not data.strip():
        yield ErrorRecord(source, "empty file")
        return
    own_output = detect.storylens_output(data[: detect.HEAD_BYTES])
    if own_output is not None:
        yield ErrorRecord(source, f"skipped: {own_output}, not articles")
        return
    data, nul_note = strip_stray_nuls(data)
    if nul_note is not None:
        yield ErrorRecord(source, nul_note)
    try:
        fmt = detect.detect_format(data[: detect.HEAD_BYTES], name)
        for item in read_detected(data, source, name, fmt, settings):
            yield checked_article(item, settings) if isinstance(item, Article) else item
    except UndecodableInput as error:
        yield ErrorRecord(source, f"not readable as text: {error}")
    except RecursionError:
        yield ErrorRecord(source, "nested too deeply to be an article (more than ~900 levels): not read")
    except Exception as error:  # a reader bug must cost one file, never the run
        reason = f"{type(error).__name__}: {error}"
        yield ErrorRecord(source, f"could not be read ({reason}): a storylens bug, please report it")


# A few NUL bytes (up to 16, or 1 % of the file) in otherwise valid UTF-8 are damage, not a binary file.
MAX_STRAY_NULS = 16
MAX_STRAY_NUL_SHARE = 0.01


def strip_stray_nuls(data: bytes) -> tuple[bytes, str | None]:
    """Text with a few NUL bytes (a damaged export, a C string copied whole) without them, and a note.

    Many NULs mean a binary file or UTF-16, which are left alone for detection to judge.
    """
    count = data.count(b"\x00")
    too_many = count > max(MAX_STRAY_NULS, len(data) * MAX_STRAY_NUL_SHARE)
    if not count or too_many or detect.detect_binary_container(data[:512]):
        return data, None
    cleaned = data.replace(b"\x00", b"")
    try:
        cleaned.decode("utf-8")
    except UnicodeDecodeError:
        return data, None
    if looks_binary(cleaned[: detect.HEAD_BYTES]):
        return data, None
    return cleaned, f"{count} NUL byte(s) removed from the text; check the file is not damaged"


def checked_article(article: Article, settings: ReadSettings) -> Article | ErrorRecord:
    """The article, or an error naming the problem when it is too long or cannot be stored.

    A lone surrogate (`"\\udc80"` in JSON) is valid JSON but no valid Unicode: no UTF-8 store or
    report can hold it, so the record is refused here instead of aborting the run at save time.
    """
    if len(article.text) > settings.max_article_chars:
        return ErrorRecord(
            article.source,
            f"article too long: {len(article.text)} characters > max_article_chars={settings.max_article_chars};"
            " split it into several articles or raise the limit",
        )
    try:
        json.dumps(to_dict(article), ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as error:
        bad = error.object[error.start : error.end]
        return ErrorRecord(
            article.source,
            f"holds a lone surrogate {bad.encode('unicode_escape').decode()} (invalid Unicode): fix the export"
            " that wrote it; the other articles are read",
        )
    except (RecursionError, ValueError) as error:
        return ErrorRecord(article.source, f"record cannot be stored ({type(error).__name__}): nested too deeply")
    return article


def read_detected(data: bytes, source: str, name: str, fmt: str | None, settings: ReadSettings) -> ReadItems:
    def read_member(content: bytes, member_source: str, member_name: str) -> ReadItems:
        return read_bytes(content, member_source, member_name, settings)

    if fmt == detect.ZIP:
        yield from read_zip(data, source, settings.archive_limits(), read_member)
    elif fmt == detect.TAR:
        yield from read_tar(data, source, settings.archive_limits(), read_member)
    elif fmt == detect.GZIP:
        yield from read_gzip(data, source, name, settings)
    elif fmt == detect.WARC:
        yield from read_warc(data, source, settings.html, settings.max_file_bytes)
    elif fmt == detect.HTML:
        yield read_html_file(data, source, settings)
    elif fmt == detect.FEED:
        yield from read_feed(data, source)
    elif fmt == detect.JSONL:
        yield from guessed_encoding_note(data, source)
        yield from read_jsonl(data, source)
    elif fmt == detect.JSON:
        yield from guessed_encoding_note(data, source)
        yield from read_json(data, source)
    elif fmt == detect.XML_ENTITIES:
        yield ErrorRecord(source, f"refused: {ENTITY_REFUSAL}")
    elif fmt in (detect.CSV, detect.TSV):
        yield from guessed_encoding_note(data, source)
        yield from read_csv(data, source, settings.csv_columns, name)
    elif fmt == detect.TEXT:
        item = read_text_file(data, source)
        if isinstance(item, Article) and not _is_utf8(data):
            encoding = item.metadata.get("encoding", "unknown")
            replaced = item.metadata.get("replaced_bytes")
            reason = f"{replaced} broken byte sequence(s) replaced" if replaced else f"read as {encoding} (detected)"
            yield ErrorRecord(source, f"not valid UTF-8: {reason}; check the text is right")
        yield item
    else:
        yield ErrorRecord(source, f"not a supported article format: {describe_content(data)}")


def read_gzip(data: bytes, source: str, name: str, settings: ReadSettings) -> ReadItems:
    """A .gz file: WARC.gz and tar.gz go to their readers whole; anything else is decompressed and read."""
    peek = gunzip_head(data[: detect.HEAD_BYTES], detect.HEAD_BYTES)
    if peek.lstrip().startswith(b"WARC/"):
        yield from read_warc(data, source, settings.html, settings.max_file_bytes)
        return
    if detect.is_tar(peek):
        yield from read_tar(data, source, settings.archive_limits(), lambda c, s, n: read_bytes(c, s, n, settings))
        return
    limit = min(settings.max_file_bytes, settings.max_archive_total_bytes)
    result = gunzip_capped(data, limit, settings.max_decompressed_ratio)
    inner_name = name[:-3] if name.lower().endswith(".gz") else name
    readable = result.data[: result.data.rfind(b"\n") + 1] if result.error else result.data  # whole lines only
    if readable.strip():
        yield from read_bytes(readable, source, inner_name, settings)
    if result.error:
        yield ErrorRecord(source, result.error)


def read_html_file(data: bytes, source: str, settings: ReadSettings) -> Article | ErrorRecord:
    if len(data) > settings.max_html_bytes:
        return ErrorRecord(source, f"HTML page too large: {len(data)} bytes > max_html_bytes={settings.max_html_bytes}")
    page = extract_page(decode_html(data), settings=settings.html)
    if not page.text.strip():
        reason = page.metadata.get("no_text_reason")
        return ErrorRecord(source, "no article text found in HTML page" + (f" ({reason})" if reason else ""))
    return build_article(
        page.text,
        source,
        title=page.title,
        url=page.url,
        outlet=page.outlet,
        author=page.author,
        published=page.published,
        language=page.language,
        metadata={"format": "html", **page.metadata},
    )


def guessed_encoding_note(data: bytes, source: str) -> Iterator[ErrorRecord]:
    """The plain-text reader's "not valid UTF-8" note for a JSON, JSONL or CSV export whose encoding was guessed.

    Such an export was read without a word: a latin-1 "é" became whatever the guess made of it, and the
    user never learnt that the text needed checking.
    """
    if _is_utf8(data):
        return
    try:
        decoded = decode_bytes(data)
    except UndecodableInput:
        return  # the reader reports it
    if decoded.replaced_bytes:
        reason = f"{decoded.replaced_bytes} broken byte sequence(s) replaced"
    else:
        reason = f"read as {decoded.encoding} (detected)"
    yield ErrorRecord(source, f"not valid UTF-8: {reason}; check the text is right")


def _is_utf8(data: bytes) -> bool:
    """Valid UTF-8 (or a BOM that names the encoding): no guess was needed to read it."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def read_text_file(data: bytes, source: str) -> Article | ErrorRecord:
    document, encoding = read_text(data)
    if not document.body.strip():
        return ErrorRecord(source, "no article text (only a header)")
    fields = document_fields(document)
    metadata = {"format": "text", "encoding": encoding, **document.metadata}
    return build_article(document.body, source, metadata=metadata, **fields)


def describe_content(data: bytes) -> str:
    """A short, safe description of unrecognised content for error messages."""
    head = data[:8]
    kind = "binary" if b"\x00" in data[:1024] or not head.isascii() else "unrecognised text"
    return f"{kind} content starting with {head!r}"
