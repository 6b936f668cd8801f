"""Fuzzing every reader and `analyze` with hostile input: random bytes, random JSON, random Unicode.

Seeded and bounded (a fixed number of inputs, a few seconds): the same inputs every run,
so a failure reproduces. What must hold: nothing raises, every article can be stored as
UTF-8, no reader hits its last-resort "storylens bug" catch, and every input file is
either analysed or named in `errors[]`.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from storylens import api
from storylens.config import Settings
from storylens.ingest import detect
from storylens.ingest.encoding import UndecodableInput
from storylens.ingest.readers import ReadSettings, checked_article, read_bytes, read_detected
from storylens.model import Article, ErrorRecord, to_dict

SEED = 2126
FORMATS = [
    detect.JSONL, detect.JSON, detect.CSV, detect.TSV, detect.HTML, detect.FEED, detect.TEXT, detect.WARC,
    detect.GZIP, detect.ZIP, detect.TAR,
]  # fmt: skip
NAMES = ["a.jsonl", "a.json", "a.csv", "a.tsv", "a.html", "a.xml", "a.txt", "a.warc", "a.gz", "a.zip", "a"]
# Characters that break naive code: lone surrogates, NUL and other controls, bidi overrides and
# isolates, BOM, combining marks, line/paragraph separators, astral characters, CJK, RTL scripts.
HOSTILE = (
    "\ud800\udc80\udfff\x00\x01\x07\x0b\x0c\x1b\x7f\x85\u202a\u202b\u202d\u202e\u2066\u2067\u2068\u2069\u200b"
    "\u200d\ufeff\u0301\u0308\u2028\u2029\U0001f600\U0001d54f\u4e2d\u6587\u0627\u0644\u05d0<>&\"'\\{}[]:,\t\r\n"
)
WORDS = ["The", "harbour", "of", "Kessing", "reopened", "on", "Friday", "after", "repairs", ",", "officials", "said"]


def random_text(rng: random.Random, length: int, salt: float = 0.3) -> str:
    """Words salted with hostile characters (`salt`: the share of parts that are hostile)."""
    parts, size = [], 0
    while size < length:
        part = rng.choice(HOSTILE) if rng.random() < salt else rng.choice(WORDS) + " "
        parts.append(part)
        size += len(part)
    return "".join(parts)[:length]


def random_json(rng: random.Random, depth: int = 0) -> object:
    """A random JSON value; objects often use the keys readers look for."""
    kind = rng.random()
    if depth > 4 or kind < 0.3:
        return rng.choice(
            [random_text(rng, rng.randint(0, 80)), rng.randint(-(2**70), 2**70), rng.random(), True, None]
        )
    if kind < 0.5:
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    keys = ["text", "title", "html", "published", "id", "outlet", "language", "url", random_text(rng, 6)]
    return {rng.choice(keys): random_json(rng, depth + 1) for _ in range(rng.randint(0, 5))}


def encode(text: str, rng: random.Random) -> bytes:
    """UTF-8 with lone surrogates written raw (what a broken exporter writes), sometimes another encoding."""
    if rng.random() < 0.15:
        return text.encode("utf-16", "surrogatepass")
    return text.encode("utf-8", "surrogatepass")


def fuzz_inputs(rng: random.Random, count: int) -> Iterator[tuple[str, bytes]]:
    """(name, content) pairs: random bytes, JSON, JSONL, text, markup, CSV, archives, huge lines."""
    makers = [
        lambda: ("bytes.bin", rng.randbytes(rng.randint(1, 3000))),
        lambda: ("text.txt", encode(random_text(rng, rng.randint(1, 3000), rng.choice([0.02, 0.3])), rng)),
        lambda: ("records.jsonl", b"\n".join(
            json.dumps(random_json(rng), ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
            for _ in range(rng.randint(1, 6)))),
        lambda: ("doc.json", json.dumps(random_json(rng)).encode()),
        lambda: ("page.html", encode(f"<html><body><article><p>{random_text(rng, 2000, 0.02)}</p></article>"
                                     "</body></html>", rng)),
        lambda: ("feed.xml", encode(f"<rss><channel><item><title>{random_text(rng, 40)}</title><description>"
                                    f"{random_text(rng, 500)}</description></item></channel></rss>", rng)),
        lambda: ("rows.csv", encode(f"title,text\n{random_text(rng, 30)},{random_text(rng, 400, 0.02)}\n", rng)),
        lambda: ("deep.json", b"[" * rng.randint(900, 5000) + b"]" * rng.randint(0, 5000)),
        lambda: ("deep.jsonl", b'{"text": "x", "m": ' + b"[" * 950 + b"]" * 950 + b"}\n"),
        lambda: ("packed.gz", gzip.compress(encode(random_text(rng, 2000), rng))),
        lambda: ("packed.zip", zipped(rng)),
        lambda: ("record.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 50\r\n\r\n" + rng.randbytes(80)),
    ]  # fmt: skip
    for index in range(count):
        name, content = makers[index % len(makers)]()
        yield f"{index:03d}-{name}", content


def zipped(rng: random.Random) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", encode(random_text(rng, 500), rng))
        archive.writestr("b.jsonl", json.dumps(random_json(rng)))
        archive.writestr("c.bin", rng.randbytes(200))
    return buffer.getvalue()


def huge_line_inputs(rng: random.Random) -> list[tuple[str, bytes]]:
    """One-megabyte lines: a text, a JSONL record and an HTML page."""
    text = random_text(rng, 1024 * 1024).replace("\n", " ").replace("\r", " ")
    return [
        ("huge-line.txt", encode(text, rng)),
        ("huge-line.jsonl", json.dumps({"text": text}).encode("utf-8", "surrogatepass")),
        ("huge-line.html", f"<html><body><p>{text}</p></body></html>".encode("utf-8", "surrogatepass")),
    ]


def assert_storable(items: list[Article | ErrorRecord]) -> None:
    for item in items:
        assert isinstance(item, Article | ErrorRecord), item
        if isinstance(item, Article):
            json.dumps(to_dict(item), ensure_ascii=False).encode("utf-8")  # what the store and report do
            assert item.text.strip()
        else:
            assert "storylens bug" not in item.error, item
            item.error.encode("utf-8")


def test_every_reader_survives_random_input() -> None:
    rng = random.Random(SEED)
    settings = ReadSettings()
    for name, content in [*fuzz_inputs(rng, 96), *huge_line_inputs(rng)]:
        assert_storable(list(read_bytes(content, name, name, settings)))
        if len(content) > 100_000:
            continue  # the huge lines go through detection once: forcing every reader on 1 MB costs seconds
        for fmt, hint in zip(FORMATS, NAMES, strict=False):
            try:
                items = list(read_detected(content, name, hint, fmt, settings))
            except UndecodableInput:
                continue  # the documented signal `read_bytes` turns into an error record
            assert_storable([checked_article(i, settings) if isinstance(i, Article) else i for i in items])


@pytest.mark.slow
def test_analyze_names_every_random_input_or_analyses_it(tmp_path: Path) -> None:
    rng = random.Random(SEED + 1)
    folder = tmp_path / "in"
    folder.mkdir()
    words = " ".join(rng.choice(WORDS) for _ in range(150_000))  # about 1 MB of plain words on one line
    inputs = [*fuzz_inputs(rng, 36), huge_line_inputs(rng)[0], ("huge-words.txt", words.encode())]
    inputs.append(
        ("good.txt", b"Title: Kessing harbour\n\nThe harbour of Kessing reopened on Friday, officials said.\n")
    )
    for name, content in inputs:
        (folder / name).write_bytes(content)
    settings = Settings(read=ReadSettings(max_article_chars=20_000))  # the 1 MB line is refused, not analysed
    result = api.analyze([folder], tmp_path / "out", workers=1, settings=settings)

    report = json.loads(result.report_path.read_text(encoding="utf-8"))
    analysed = {source for article in report["articles"] for source in article["sources"]}
    named = {error["source"] for error in report["errors"]}
    for name, _ in inputs:
        path = str(folder / name)
        assert any(s == path or s.startswith((f"{path}:", f"{path}!")) for s in analysed | named), name
    too_long = [e for e in report["errors"] if "huge-words.txt" in e["source"]]
    assert too_long and "max_article_chars=20000" in too_long[0]["error"]
    assert not [e for e in report["errors"] if "storylens bug" in e["error"]]
