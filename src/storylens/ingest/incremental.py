"""Incremental reading: skip input files the store already holds, read only new or changed ones.

Re-running `analyze` on a growing folder must not re-read and re-parse every old
file. Each fully ingested file is registered in the store (`IngestedFile`: path,
size, mtime, content hash, and a key of the read settings). On the next run:

- same size, mtime and read settings: skipped without being opened;
- size or mtime differ but the content hash is the same (a touched or copied
  file): skipped without being parsed, and its registration refreshed;
- anything else (new file, changed content, changed read settings): read; its
  articles are idempotent by id, so a changed file only adds what is new.

`read_new_files` yields the articles and errors of the files it reads, and a
`FileDone` after the last item of each file. The caller registers a file only
once every article before its `FileDone` is committed, so a killed run re-reads
that file instead of losing its articles.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from storylens import __version__
from storylens.ingest.readers import ReadSettings, input_files, is_stdin, read_bytes, read_stdin, refused_file
from storylens.model import Article, ErrorRecord
from storylens.store.base import IngestedFile


@dataclass(frozen=True)
class FileDone:
    """Every item of this file has been yielded; register it once they are stored."""

    file: IngestedFile


@dataclass(frozen=True)
class FileUnchanged:
    """The file is registered and has not changed: nothing was read from it.

    `refreshed` is set when only the size/mtime changed (same bytes): store it so
    the next run can skip the file on `stat` alone.
    """

    path: str
    refreshed: IngestedFile | None = None


IncrementalItems = Iterator[Article | ErrorRecord | FileDone | FileUnchanged]
LookupFile = Callable[[str], IngestedFile | None]


def reader_key(settings: ReadSettings) -> str:
    """Fingerprint of what decides a file's articles: the read settings and the storylens version."""
    return hashlib.sha256(f"{__version__}|{settings!r}".encode()).hexdigest()[:16]


def registry_path(path: Path) -> str:
    """The key a file is registered under: its absolute path, so the cwd of a run does not matter."""
    return os.path.abspath(path)


def read_new_files(
    paths: Iterable[str | Path], settings: ReadSettings, lookup: LookupFile, exclude: Iterable[str | Path] = ()
) -> IncrementalItems:
    """Articles and errors of the new or changed files under `paths` (minus `exclude`, see `input_files`);
    unchanged files are announced, not read."""
    key = reader_key(settings)
    for item in input_files(paths, settings, exclude):
        if isinstance(item, ErrorRecord):
            yield item
        else:
            yield from read_if_changed(item, settings, key, lookup)


def read_if_changed(path: Path, settings: ReadSettings, key: str, lookup: LookupFile) -> IncrementalItems:
    """One file: skipped when registered and unchanged, otherwise read and followed by `FileDone`."""
    source = str(path)
    if is_stdin(path):  # piped input has no file to register: its articles are idempotent by id anyway
        yield from read_stdin(settings)
        return
    refused = refused_file(path, settings)
    if refused is not None:
        yield refused
        return
    try:
        status = path.stat()
    except OSError as error:
        yield ErrorRecord(source, f"cannot read file: {error.strerror or error}")
        return
    known = lookup(registry_path(path))
    same_stat = known is not None and (known.size, known.mtime_ns) == (status.st_size, status.st_mtime_ns)
    if known is not None and known.reader_key == key and same_stat:
        yield FileUnchanged(source)
        return
    record = IngestedFile(registry_path(path), status.st_size, status.st_mtime_ns, "", key)
    if status.st_size > settings.max_file_bytes:
        yield ErrorRecord(source, f"file too large: {status.st_size} bytes > max_file_bytes={settings.max_file_bytes}")
        yield FileDone(record)
        return
    try:
        data = path.read_bytes()
    except OSError as error:  # not registered: a later run tries again
        yield ErrorRecord(source, f"cannot read file: {error.strerror or error}")
        return
    record = IngestedFile(record.path, len(data), record.mtime_ns, hashlib.sha256(data).hexdigest(), key)
    if known is not None and known.reader_key == key and known.sha256 == record.sha256:
        yield FileUnchanged(source, refreshed=record)
        return
    yield from read_bytes(data, source, path.name, settings)
    yield FileDone(record)
