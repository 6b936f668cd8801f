"""Real headless Chromium for report tests: screenshots, DOM dumps and a tiny PNG reader.

One place to launch the browser so later tests (the web UI) reuse the same
flags. Tests that need it use `requires_chromium`, which skips with a clear
reason only when /usr/bin/chromium is not installed (CI installs it).
"""

from __future__ import annotations

import os
import struct
import subprocess
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("STORYLENS_CHROMIUM", "/usr/bin/chromium"))

requires_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"headless Chromium not installed at {CHROMIUM} (apt-get install chromium)"
)


def headless_command(user_data_dir: Path, *extra: str) -> list[str]:
    """Chromium flags for a quiet, offline, throwaway headless run."""
    return [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={user_data_dir}",
        *extra,
    ]


def _file_url(page: Path | str) -> str:
    return page if isinstance(page, str) else Path(page).resolve().as_uri()


def take_screenshot(page: Path | str, png: Path, width: int = 1280, height: int = 2000, timeout: float = 90) -> Path:
    """Load `page` (a file or URL) and save a `width` x `height` PNG screenshot to `png`."""
    with tempfile.TemporaryDirectory(prefix="storylens-chromium-") as profile:
        command = headless_command(
            Path(profile), f"--screenshot={png}", f"--window-size={width},{height}", _file_url(page)
        )
        subprocess.run(command, check=True, capture_output=True, timeout=timeout)
    return png


def dump_dom(page: Path | str, timeout: float = 90) -> str:
    """The page's DOM after load (scripts run), serialised as HTML."""
    with tempfile.TemporaryDirectory(prefix="storylens-chromium-") as profile:
        command = headless_command(Path(profile), "--dump-dom", _file_url(page))
        result = subprocess.run(command, check=True, capture_output=True, timeout=timeout)
    return result.stdout.decode("utf-8", errors="replace")


@dataclass
class PngImage:
    """A decoded 8-bit RGB or RGBA PNG: `rows[y]` holds `width * channels` bytes."""

    width: int
    height: int
    channels: int
    rows: list[bytes]

    def pixel(self, x: int, y: int) -> tuple[int, ...]:
        start = x * self.channels
        return tuple(self.rows[y][start : start + self.channels])


def _paeth(left: int, up: int, up_left: int) -> int:
    estimate = left + up - up_left
    distance_left, distance_up, distance_up_left = abs(estimate - left), abs(estimate - up), abs(estimate - up_left)
    if distance_left <= distance_up and distance_left <= distance_up_left:
        return left
    return up if distance_up <= distance_up_left else up_left


def _unfilter_row(kind: int, row: bytearray, previous: bytes, step: int) -> bytes:
    if kind == 0:
        return bytes(row)
    if kind == 2:
        return bytes((value + above) & 0xFF for value, above in zip(row, previous, strict=True))
    for index in range(len(row)):
        left = row[index - step] if index >= step else 0
        if kind == 1:
            row[index] = (row[index] + left) & 0xFF
        elif kind == 3:
            row[index] = (row[index] + ((left + previous[index]) >> 1)) & 0xFF
        elif kind == 4:
            up_left = previous[index - step] if index >= step else 0
            row[index] = (row[index] + _paeth(left, previous[index], up_left)) & 0xFF
        else:
            raise ValueError(f"unknown PNG filter type {kind}")
    return bytes(row)


def read_png(path: Path) -> PngImage:
    """Decode a non-interlaced 8-bit RGB/RGBA PNG with zlib only (no imaging library needed)."""
    data = Path(path).read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG file")
    position, header, compressed = 8, None, bytearray()
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed += body
        elif kind == b"IEND":
            break
        position += 12 + length
    if header is None:
        raise ValueError(f"{path} has no IHDR chunk")
    width, height, bit_depth, colour_type, _, _, interlace = header
    channels = {2: 3, 6: 4}.get(colour_type)
    if bit_depth != 8 or channels is None or interlace:
        raise ValueError(f"{path}: unsupported PNG (bit depth {bit_depth}, colour type {colour_type})")
    raw = zlib.decompress(bytes(compressed))
    stride = width * channels
    rows, previous = [], bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        previous = _unfilter_row(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, channels)
        rows.append(previous)
    return PngImage(width, height, channels, rows)
