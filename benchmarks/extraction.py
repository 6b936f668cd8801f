"""Main-text extraction quality: storylens beside plain trafilatura, on the same pages in the same run.

Token-level precision / recall / F1 of the extracted body against hand-written ground
truth (benchmarks/data/extraction/truth), over fictional news pages in the styles of
different sites (benchmarks/data/extraction/pages). Bag-of-words matching: every
extracted token that is not in the truth lowers precision (captions, related links,
comments), every truth token missed lowers recall.

    python benchmarks/extraction.py            # per-style and overall figures
    python benchmarks/extraction.py --pages    # also one line per page
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from storylens.ingest.html import extract_page

DATA = Path(__file__).parent / "data" / "extraction"
TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter[str]:
    return Counter(token.lower() for token in TOKEN.findall(text or ""))


def scores(extracted: str, truth: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of extracted tokens against truth tokens (multiset overlap)."""
    got, want = tokens(extracted), tokens(truth)
    overlap = sum((got & want).values())
    precision = overlap / sum(got.values()) if got else 0.0
    recall = overlap / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def storylens_extract(html: str) -> str:
    return extract_page(html).text


def trafilatura_extract(html: str) -> str:
    return trafilatura.extract(html) or ""


EXTRACTORS: dict[str, Callable[[str], str]] = {"storylens": storylens_extract, "trafilatura": trafilatura_extract}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", action="store_true", help="print one line per page")
    args = parser.parse_args()
    pages = sorted((DATA / "pages").glob("*.html"))
    totals: dict[str, list[tuple[float, float, float]]] = {name: [] for name in EXTRACTORS}
    elapsed: dict[str, float] = dict.fromkeys(EXTRACTORS, 0.0)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        truth = (DATA / "truth" / f"{page.stem}.txt").read_text(encoding="utf-8")
        line = [f"{page.stem:40s}"]
        for name, extract in EXTRACTORS.items():
            started = time.perf_counter()
            result = scores(extract(html), truth)
            elapsed[name] += time.perf_counter() - started
            totals[name].append(result)
            line.append(f"{name} P={result[0]:.2f} R={result[1]:.2f} F1={result[2]:.2f}")
        if args.pages:
            print("  ".join(line))
    print(f"\n{len(pages)} pages; macro-averaged token scores")
    print(f"{'extractor':12s} {'precision':>9s} {'recall':>7s} {'F1':>6s} {'seconds':>8s}")
    for name, results in totals.items():
        precision, recall, f1 = (sum(values) / len(values) for values in zip(*results, strict=True))
        print(f"{name:12s} {precision:9.3f} {recall:7.3f} {f1:6.3f} {elapsed[name]:8.2f}")


if __name__ == "__main__":
    main()
