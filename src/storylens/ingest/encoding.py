"""Turning raw bytes into text: byte-order marks, UTF-8, a declared charset, then detection.

News dumps mix encodings (old Windows code pages, UTF-16 exports from office tools,
UTF-8 with a few broken bytes from bad scrapers). We accept all of those and refuse
only content that is not text at all, so a binary file becomes a clear error rather
than a page of mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer

# Bytes of text that are allowed below 0x20: tab, newline, vertical tab, form feed, carriage return, escape.
_TEXT_CONTROL_BYTES = frozenset({0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B})
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SAMPLE_BYTES = 64 * 1024
DETECTION_SAMPLE_BYTES = 256 * 1024
# A UTF-8 file with at most this share of broken sequences is read as UTF-8 with U+FFFD in their place.
MAX_BROKEN_UTF8_SHARE = 0.02
# Legacy encodings in order of how common they are on news sites; used to break detection ties.
COMMON_WEB_ENCODINGS = (
    "cp1252", "iso8859_15", "latin_1", "cp1251", "cp1250", "gb2312", "gbk", "big5", "shift_jis", "euc_jp", "euc_kr",
    "cp1256", "cp1253", "cp1254", "koi8_r", "iso8859_2", "cp1257",
)
CHAOS_TIE = 0.01


class UndecodableInput(ValueError):
    """The bytes are not text in any encoding we can recognise (binary, or garbage)."""


@dataclass
class DecodedText:
    """Text and how it was obtained, so readers can note it in `Article.metadata`."""

    text: str
    encoding: str
    replaced_bytes: int = 0


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if the data starts with one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL in every other byte for ASCII characters."""
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def looks_binary(sample: bytes) -> bool:
    """NUL bytes or many control bytes mean an image, a PDF, a database: not an article."""
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROL_BYTES)
    return controls / len(sample) > 0.01


def looks_like_text(text: str) -> bool:
    """Almost all characters printable or whitespace: what any article in any script looks like."""
    if not text:
        return True
    unprintable = sum(1 for char in text if not (char.isprintable() or char.isspace()))
    return unprintable / len(text) <= 0.01


def decode_bytes(data: bytes, declared: str | None = None) -> DecodedText:
    """Decode `data` trying, in order: BOM, strict UTF-8, `declared` charset, mostly-UTF-8, detection.

    Raises `UndecodableInput` for binary content.
    """
    encoding = bom_encoding(data) or utf16_without_bom(data[:SAMPLE_BYTES])
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise UndecodableInput(f"invalid {encoding} text: {error.reason} at byte {error.start}") from error
        if not looks_like_text(text[: SAMPLE_BYTES // 2]):
            raise UndecodableInput(f"binary content (not printable as {encoding})")
        return DecodedText(text, encoding)
    if looks_binary(data[:SAMPLE_BYTES]):
        raise UndecodableInput("binary content (control bytes), not text")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return DecodedText(data.decode(declared), declared.lower())
        except (UnicodeDecodeError, LookupError):
            pass
    mostly_utf8 = decode_mostly_utf8(data)
    if mostly_utf8:
        return mostly_utf8
    return detect_and_decode(data)


def decode_mostly_utf8(data: bytes) -> DecodedText | None:
    """UTF-8 with a few broken sequences (a scraper cut a character): keep it UTF-8, mark the damage."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    valid_non_ascii = sum(1 for char in text if ord(char) > 0x7F and char != "\ufffd")
    if broken and valid_non_ascii > broken and broken / max(len(text), 1) <= MAX_BROKEN_UTF8_SHARE:
        return DecodedText(text, "utf-8", replaced_bytes=broken)
    return None


def pick_encoding(matches: list[charset_normalizer.CharsetMatch]) -> charset_normalizer.CharsetMatch | None:
    """Among equally clean candidates (short texts tie often), prefer the encodings news sites actually used."""
    if not matches:
        return None
    least_chaos = min(match.chaos for match in matches)
    tied = [match for match in matches if match.chaos <= least_chaos + CHAOS_TIE]
    for encoding in COMMON_WEB_ENCODINGS:
        for match in tied:
            if match.encoding == encoding:
                return match
    return tied[0]


def detect_and_decode(data: bytes) -> DecodedText:
    """Ask charset-normalizer about a sample (bounded time on huge files), then decode it all."""
    best = pick_encoding(list(charset_normalizer.from_bytes(data[:DETECTION_SAMPLE_BYTES])))
    if best is None:
        raise UndecodableInput("could not recognise a text encoding")
    try:
        text = data.decode(best.encoding)
    except UnicodeDecodeError as error:
        raise UndecodableInput(f"not valid {best.encoding} text at byte {error.start}") from error
    if not looks_like_text(text[: SAMPLE_BYTES // 2]):
        raise UndecodableInput(f"binary content (not printable as {best.encoding})")
    return DecodedText(text, best.encoding)
