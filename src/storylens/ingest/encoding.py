"""Turning raw bytes into text: byte-order marks, UTF-8, a declared charset, then detection.

News dumps mix encodings (old Windows code pages, UTF-16 exports from office tools,
UTF-8 with a few broken bytes from bad scrapers). We accept all of those and refuse
only content that is not text at all, so a binary file becomes a clear error rather
than a page of mojibake.
"""

from __future__ import annotations

import codecs
import re
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
    "cp1252",
    "iso8859_15",
    "latin_1",
    "cp1251",
    "cp1250",
    "gb2312",
    "gbk",
    "big5",
    "shift_jis",
    "euc_jp",
    "euc_kr",
    "cp1256",
    "cp1253",
    "cp1254",
    "koi8_r",
    "iso8859_2",
    "cp1257",
)
CHAOS_TIE = 0.01
# Charset labels as browsers read them (WHATWG Encoding Standard): pages labelled with the narrow charset
# routinely use characters of its superset, so decoding with the label as written breaks on them.
WEB_CHARSET_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb-2312": "gb18030",
    "gb-2312-80": "gb18030",
    "gb2312-80": "gb18030",
    "csgb2312": "gb18030",
    "chinese": "gb18030",
    "euc-cn": "gb18030",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "l1": "cp1252",
    "big5": "big5hkscs",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "euc-kr": "cp949",
    "ks-c-5601-1987": "cp949",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
}
# Multi-byte legacy encodings tried when a page names no charset and is not UTF-8. Their decoders accept
# most byte pairs, so one is only taken when it leaves almost no broken sequence (see decode_legacy_cjk).
LEGACY_CJK_ENCODINGS = ("gb18030", "big5hkscs", "cp932", "cp949")
MAX_CJK_BROKEN_SHARE = 0.002  # broken sequences per non-ASCII byte tolerated in a legacy CJK page
MIN_CJK_SHARE = 0.6  # share of non-ASCII characters that must be CJK ideographs or kana/hangul
MIN_CJK_BYTES = 40
# Share of non-ASCII bytes that must sit in runs of even length (CJK characters are byte pairs); a European
# code page has lone accented letters between ASCII ones ("Fähre"), which multi-byte decoders also accept.
MIN_PAIRED_HIGH_BYTE_SHARE = 0.9
_HIGH_BYTE_RUNS = re.compile(rb"[\x80-\xff]+")
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE
)
CHARSET_SNIFF_BYTES = 4096


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


def declared_charset(data: bytes) -> str | None:
    """The charset a page names in its first bytes (`<meta charset>`, `http-equiv` content, `<?xml encoding>`)."""
    match = _DECLARED_CHARSET.search(data[:CHARSET_SNIFF_BYTES])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii", "ignore") or None


def web_charset(label: str) -> str:
    """The codec a browser uses for a charset label: 'GB2312' -> gb18030, 'ISO-8859-1' -> cp1252."""
    normalized = label.strip().lower().replace("_", "-")
    return WEB_CHARSET_SUPERSETS.get(normalized, normalized)


def decode_declared(data: bytes, declared: str) -> DecodedText | None:
    """Decode with the declared charset (as browsers read its label); a few broken sequences are replaced.

    None when the label is unknown or the bytes are clearly not in that charset.
    """
    encoding = web_charset(declared)
    try:
        return DecodedText(data.decode(encoding), encoding)
    except LookupError:
        return None
    except UnicodeDecodeError:
        pass
    text = data.decode(encoding, errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    if broken / max(len(text), 1) <= MAX_BROKEN_UTF8_SHARE and looks_like_text(text[: SAMPLE_BYTES // 2]):
        return DecodedText(text, encoding, replaced_bytes=broken)
    return None


def is_cjk(character: str) -> bool:
    """CJK ideographs, CJK punctuation, kana, hangul and full-width forms."""
    code = ord(character)
    return 0x3000 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF


def decode_legacy_cjk(data: bytes) -> DecodedText | None:
    """A Chinese, Japanese or Korean page in a legacy multi-byte encoding that names no charset.

    Statistical detection often mistakes short GBK pages for Cyrillic code pages. The multi-byte decoders
    accept most byte pairs, so a decoding is only taken when the non-ASCII bytes come in pairs, it leaves
    almost no broken sequence, and its non-ASCII characters are mostly CJK: European text in a single-byte
    code page (lone accented letters between ASCII ones) fails these.
    """
    runs = [len(run) for run in _HIGH_BYTE_RUNS.findall(data)]
    non_ascii = sum(runs)
    if non_ascii < MIN_CJK_BYTES or sum(n for n in runs if n % 2 == 0) < MIN_PAIRED_HIGH_BYTE_SHARE * non_ascii:
        return None
    best: DecodedText | None = None
    for encoding in LEGACY_CJK_ENCODINGS:
        text = data.decode(encoding, errors="replace")
        broken = text.count("\ufffd")
        if broken > MAX_CJK_BROKEN_SHARE * non_ascii:
            continue
        wide = [char for char in text if ord(char) > 0x7F and char != "\ufffd"]
        if not wide or sum(1 for char in wide if is_cjk(char)) / len(wide) < MIN_CJK_SHARE:
            continue
        if best is None or broken < best.replaced_bytes:
            best = DecodedText(text, encoding, replaced_bytes=broken)
    return best


def decode_bytes(data: bytes, declared: str | None = None) -> DecodedText:
    """Decode `data` trying, in order: BOM, strict UTF-8, `declared` charset, mostly-UTF-8, legacy CJK, detection.

    A declared charset that the bytes contradict (a stale `<meta charset>` over UTF-8 bytes) loses to UTF-8.
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
        from_declared = decode_declared(data, declared)
        if from_declared:
            return from_declared
    mostly_utf8 = decode_mostly_utf8(data)
    if mostly_utf8:
        return mostly_utf8
    return decode_legacy_cjk(data) or detect_and_decode(data)


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
