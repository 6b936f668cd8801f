"""Loaded language on BASIL (Fan et al. 2019) dev half, beside the data set's 126-word baseline.

    python benchmarks/real/basil.py                   # full `storylens analyze` run, then score
    python benchmarks/real/basil.py --report R.json   # score an existing report.json instead
    python benchmarks/real/basil.py --errors 40       # also list missed gold / wrong predictions (stderr)
    python benchmarks/real/basil.py --ceiling         # also the word-list ceiling (see below)

Data: `<repo>/../shared/data/basil-dev` (override with `--data`): its `to_jsonl_input.py` writes the input lines
and an outlets YAML (camps), its `score.py` scores every framing span of the report against BASIL's lexical-bias
spans (span-overlap P/R/F1, per outlet) and against lexical + informational spans. Nothing from the data is copied
into the project: the lexicons in resources/framing are general knowledge written for storylens.

What is scored: the `loaded-language` findings of `stories[].framing` (categories loaded, saying, distancing,
scare-quote), once per article (`outlets[]` groups; camp groups repeat the same spans): first those aimed at
the story's key entities (`key`: BASIL marks only bias aimed at an article's main entities), then all. The baseline is
`score.py --wordlist-baseline` (the data set's own 126 loaded words) scored in the same run. A second storylens
line scores only the findings in the outlet's own words (`in_quote` false, scare quotes left out): the part of
the evidence that says how the outlet itself wrote; a fourth adds the quoted words aimed at a key entity (the
judgments of the story's main actors the outlet chose to carry).

`--ceiling` prints what no choice of lexicon words can beat with the same findings: the findings kept only for
the words (case-folded finding texts) that hit a gold span at least once here. It copies the dev annotation, so it
is a diagnostic, never a setting: it says whether the figure is limited by which words the lexicon holds or by
the words in context (the same word marked in one article and not in the next).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from storylens.api import analyze

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "basil-dev"
KINDS = {"loaded-language"}


def data_module(data: Path, name: str) -> ModuleType:
    """Import one of the data set's own scripts (score.py, to_jsonl_input.py)."""
    if str(data) not in sys.path:
        sys.path.insert(0, str(data))
    return importlib.import_module(name)


def run_storylens(data: Path, work: Path) -> tuple[dict[str, Any], float]:
    """Write the input with the data set's converter, run `analyze`; (report, seconds)."""
    converter = data_module(data, "to_jsonl_input")
    input_path, outlets_path = work / "basil-dev.jsonl", work / "outlets.yaml"
    argv = sys.argv
    try:
        sys.argv = ["to_jsonl_input.py", str(input_path), "--outlets", str(outlets_path)]
        converter.main()
    finally:
        sys.argv = argv
    started = time.perf_counter()
    analyze([input_path], work / "run", outlets_file=outlets_path)
    seconds = time.perf_counter() - started
    return json.loads((work / "run" / "report.json").read_text(encoding="utf-8")), seconds


def outlet_findings_only(
    report: dict[str, Any], own_voice: bool = False, key: bool = False, quoted_key: bool = False
) -> dict[str, Any]:
    """The report with framing reduced to the per-outlet loaded-language findings (what is scored); with
    `own_voice`, only those in the outlet's own words (not inside a direct quote, no scare quotes); with `key`,
    only those aimed at one of the story's key entities (`key`, see steps/framing_aim.py); with `quoted_key`, no
    scare quotes and words inside quotes only when aimed at a key entity. Headline
    findings (`field: "title"`) are left out: BASIL's gold has no headline annotations and the scorer places
    spans in the article text."""
    stories = []
    for story in report.get("stories", []):
        framing = story.get("framing") or {}
        findings = [
            f
            for group in framing.get("outlets", [])
            for f in group.get("loaded_terms", [])
            if f.get("field", "text") == "text"
        ]
        if own_voice:
            findings = [f for f in findings if not f.get("in_quote") and f.get("category") != "scare-quote"]
        if key:
            findings = [f for f in findings if f.get("key")]
        if quoted_key:
            findings = [
                f for f in findings if f.get("category") != "scare-quote" and (not f.get("in_quote") or f.get("key"))
            ]
        stories.append({**story, "framing": {"loaded_terms": findings}})
    return {**report, "stories": stories}


def word_ceiling(report: dict[str, Any], docs: list[dict[str, Any]], score: ModuleType) -> dict[str, Any]:
    """The scored findings kept only for the words that hit a gold lexical span at least once (see `--ceiling`)."""
    scored = outlet_findings_only(report)
    by_word: dict[str, list[dict[str, Any]]] = {}
    for story in scored["stories"]:
        for finding in story["framing"]["loaded_terms"]:
            by_word.setdefault(finding["text"].lower(), []).append(finding)
    hitting = set()
    for word, findings in by_word.items():
        alone = {**scored, "stories": [{"framing": {"loaded_terms": findings}}]}
        if score.score_report(alone, docs, KINDS)["lexical"]["correct_predicted"]:
            hitting.add(word)
    kept = [f for findings in by_word.values() for f in findings if f["text"].lower() in hitting]
    return score.score_report({**scored, "stories": [{"framing": {"loaded_terms": kept}}]}, docs, KINDS)


def line(name: str, figures: dict[str, Any]) -> str:
    return (
        f"{name}: F1 {figures['f1']:.3f} (P {figures['precision']:.3f} R {figures['recall']:.3f}; "
        f"{figures['predicted']} predicted, {figures['gold']} gold)"
    )


def print_errors(report: dict[str, Any], docs: list[dict[str, Any]], limit: int) -> None:
    """Missed gold lexical spans and predictions hitting none, by article (gold texts; for reading errors)."""
    by_external = {a.get("external_id"): a for a in report.get("articles", [])}
    shown = 0
    for doc in docs:
        article = next((a for k, a in by_external.items() if k and k.endswith(doc["id"])), None)
        predicted = []
        for story in report.get("stories", []):
            for group in (story.get("framing") or {}).get("outlets", []):
                for f in group.get("loaded_terms", []):
                    in_text = f.get("field", "text") == "text"
                    if article and in_text and f["article_id"] == article["id"] and f["kind"] in KINDS:
                        predicted.append(f["text"])
        gold = [s["text"] for s in doc["lexical_bias"]]
        if shown < limit and (gold or predicted):
            print(f"{doc['id']}: gold {gold} | predicted {predicted}", file=sys.stderr)
            shown += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--report", type=Path, help="score this report.json instead of running storylens")
    parser.add_argument("--errors", type=int, default=0, help="list this many articles' gold and predicted spans")
    parser.add_argument("--ceiling", action="store_true", help="also score the word-list ceiling (a diagnostic)")
    args = parser.parse_args()
    score = data_module(args.data, "score")
    docs = score.load_docs(args.data / "docs.jsonl.gz")
    seconds = None
    if args.report:
        report = json.loads(args.report.read_text(encoding="utf-8"))
    else:
        with tempfile.TemporaryDirectory() as work:
            report, seconds = run_storylens(args.data, Path(work))
    ours = score.score_report(outlet_findings_only(report), docs, KINDS)
    own = score.score_report(outlet_findings_only(report, own_voice=True), docs, KINDS)
    key = score.score_report(outlet_findings_only(report, key=True), docs, KINDS)
    quoted_key = score.score_report(outlet_findings_only(report, quoted_key=True), docs, KINDS)
    baseline = score.score_report(score.wordlist_report(docs), docs, None)
    print(f"data: {args.data} ({len(docs)} articles)" + (f"; storylens analyze {seconds:.0f} s" if seconds else ""))
    results = (
        ("storylens loaded language aimed at the story's key entities (key)", key),
        ("storylens loaded language, all findings", ours),
        ("storylens, outlet's own words only (not in quotes, no scare quotes)", own),
        ("storylens, own words plus quoted words aimed at key entities (no scare quotes)", quoted_key),
        ("126-word baseline", baseline),
    )
    for label, result in results:
        print(f"{label}:")
        print("  (a) vs lexical bias: " + line("all", result["lexical"]))
        for outlet, figures in sorted(result["lexical"]["per_outlet"].items()):
            print("      " + line(outlet, figures))
        print("  (b) vs lexical+informational: " + line("all", result["lexical_informational"]))
        for outlet, figures in sorted(result["lexical_informational"]["per_outlet"].items()):
            print("      " + line(outlet, figures))
    if args.ceiling:
        ceiling = word_ceiling(report, docs, score)
        print("word-list ceiling (findings of words that hit gold at least once here; copies the annotation):")
        print("  (a) vs lexical bias: " + line("all", ceiling["lexical"]))
    print(f"stories: B-cubed F1 {ours['stories']['bcubed_f1']:.3f}; unplaced spans {ours['unplaced']}")
    if args.errors:
        print_errors(report, docs, args.errors)


if __name__ == "__main__":
    main()
