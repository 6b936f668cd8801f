"""Zip, tar(.gz) and gzip containers, read in memory with caps so a zip bomb is stopped, not obeyed.

Members are never extracted to disk, so names such as `../../etc/passwd` are only
labels (`archive.zip!../../etc/passwd`). Each member is handed to `read_member`, the
same dispatcher that reads plain files, so any supported format may sit inside.
"""

from __future__ import annotations

import io
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from storylens.model import Article, ErrorRecord

ReadItems = Iterator[Article | ErrorRecord]
MemberReader = Callable[[bytes, str, str], ReadItems]
CHUNK_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    """Caps on what one archive may expand to (see ReadSettings for the defaults and why)."""

    max_members: int
    max_member_bytes: int
    max_total_bytes: int
    max_ratio: float


class ArchiveLimitExceeded(ValueError):
    """An archive expands beyond a configured cap (likely a zip bomb)."""


@dataclass
class GunzipResult:
    data: bytes
    error: str | None = None


def gunzip_capped(data: bytes, max_bytes: int, max_ratio: float) -> GunzipResult:
    """Decompress gzip (also concatenated members) up to the caps; a truncated stream keeps what was read."""
    limit = min(max_bytes, int(max(len(data), 1) * max_ratio))
    output = bytearray()
    remaining = data
    while remaining:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            output += decompressor.decompress(remaining, limit + 1 - len(output))
        except zlib.error as error:
            return GunzipResult(bytes(output), f"corrupt gzip data: {error}")
        if len(output) > limit:
            return GunzipResult(bytes(output[:0]), f"gzip expands beyond {limit} bytes (size/ratio cap)")
        if not decompressor.eof:
            if decompressor.unconsumed_tail:
                return GunzipResult(bytes(output[:0]), f"gzip expands beyond {limit} bytes (size/ratio cap)")
            return GunzipResult(bytes(output), "truncated gzip stream")
        remaining = decompressor.unused_data.lstrip(b"\x00")
    return GunzipResult(bytes(output))


def gunzip_head(data: bytes, max_bytes: int) -> bytes:
    """The first `max_bytes` of a gzip stream (for format detection), whatever the rest holds."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, max_bytes)
    except zlib.error:
        return b""


def read_zip(data: bytes, source: str, limits: ArchiveLimits, read_member: MemberReader) -> ReadItems:
    """Every file member of a zip, within the member-count, size and ratio caps."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        yield ErrorRecord(source, f"unreadable zip archive: {error}")
        return
    if len(members) > limits.max_members:
        yield ErrorRecord(source, f"zip has {len(members)} members, more than max_archive_members={limits.max_members}")
        return
    total = 0
    for info in sorted(members, key=lambda member: member.filename):
        member_source = f"{source}!{info.filename}"
        try:
            check_member_size(info.file_size, info.compress_size, total, limits)
            with archive.open(info) as stream:
                content = read_capped(stream, min(limits.max_member_bytes, limits.max_total_bytes - total))
            check_member_size(len(content), info.compress_size, total, limits)
        except ArchiveLimitExceeded as error:
            yield ErrorRecord(member_source, str(error))
            return
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError, NotImplementedError) as error:
            yield ErrorRecord(member_source, f"unreadable zip member: {error}")
            continue
        total += len(content)
        yield from read_member(content, member_source, info.filename)


def read_tar(data: bytes, source: str, limits: ArchiveLimits, read_member: MemberReader) -> ReadItems:
    """Every regular file of a tar or tar.gz, streaming, within the caps; a truncated tar keeps earlier members."""
    total = 0
    count = 0
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
            for info in archive:
                if not info.isfile():
                    continue
                count += 1
                member_source = f"{source}!{info.name}"
                if count > limits.max_members:
                    yield ErrorRecord(source, f"tar has more than max_archive_members={limits.max_members} members")
                    return
                try:
                    check_member_size(info.size, max(len(data), 1), total, limits)
                except ArchiveLimitExceeded as error:
                    yield ErrorRecord(member_source, str(error))
                    return
                stream = archive.extractfile(info)
                content = stream.read() if stream else b""
                total += len(content)
                yield from read_member(content, member_source, info.name)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        yield ErrorRecord(source, f"unreadable or truncated tar archive after {count} members: {error}")


def check_member_size(size: int, compressed_size: int, total_so_far: int, limits: ArchiveLimits) -> None:
    """Raise ArchiveLimitExceeded when one member or the running total breaks a cap."""
    if size > limits.max_member_bytes:
        raise ArchiveLimitExceeded(f"member of {size} bytes exceeds max_file_bytes={limits.max_member_bytes}")
    if total_so_far + size > limits.max_total_bytes:
        raise ArchiveLimitExceeded(f"archive expands beyond max_archive_total_bytes={limits.max_total_bytes}")
    if size > 1_000_000 and size / max(compressed_size, 1) > limits.max_ratio:
        raise ArchiveLimitExceeded(
            f"member expands {size / max(compressed_size, 1):.0f}x, above max_decompressed_ratio={limits.max_ratio}"
        )


def read_capped(stream: io.BufferedIOBase | zipfile.ZipExtFile, max_bytes: int) -> bytes:
    """Read at most `max_bytes` (+1 to notice overflow): a lying size header cannot exhaust memory."""
    chunks = []
    size = 0
    while size <= max_bytes:
        chunk = stream.read(min(CHUNK_BYTES, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
