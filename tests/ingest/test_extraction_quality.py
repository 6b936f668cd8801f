"""Acceptance: on our fictional benchmark pages, storylens extraction is at least as good as plain trafilatura.

Runs the same scoring as `benchmarks/extraction.py` (token-level P/R/F1 against hand-made truth) on every
page in benchmarks/data/extraction; the figures themselves are printed by the benchmark script.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

BENCHMARK = Path(__file__).parent.parent.parent / "benchmarks" / "extraction.py"


def load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extraction_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def macro_f1(benchmark: ModuleType, extract: object) -> tuple[int, float, float]:
    """(pages, macro F1, lowest page F1)."""
    scores = []
    for page in sorted((benchmark.DATA / "pages").glob("*.html")):
        truth = (benchmark.DATA / "truth" / f"{page.stem}.txt").read_text(encoding="utf-8")
        scores.append(benchmark.scores(extract(page.read_text(encoding="utf-8")), truth)[2])  # type: ignore[operator]
    return len(scores), sum(scores) / len(scores), min(scores)


def test_storylens_extraction_is_at_least_as_good_as_trafilatura_on_25_or_more_pages() -> None:
    benchmark = load_benchmark()
    pages, storylens_f1, storylens_worst = macro_f1(benchmark, benchmark.storylens_extract)
    _, trafilatura_f1, _ = macro_f1(benchmark, benchmark.trafilatura_extract)
    assert pages >= 25
    assert storylens_f1 >= trafilatura_f1
    assert storylens_f1 >= 0.95 and storylens_worst >= 0.8
