"""`storylens stance` and `storylens check`: thin commands over the claim API."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import run_storylens


def test_stance_writes_one_json_line_per_pair_with_an_evidence_span(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    text = "A fire at the port of Kessport injured 12 workers on Monday, officials said."
    lines = [
        {"id": "p1", "claim": "The Kessport fire injured 15 workers", "text": text},
        {"id": "p2", "claim": "The Kessport fire injured 15 workers", "text": "The cup final ended 2-1 on Sunday."},
    ]
    pairs.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = run_storylens("stance", str(pairs), "--json")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["p1", "p2"]
    assert [r["stance"] for r in records] == ["contradicts", "unrelated"]
    evidence = records[0]["evidence"]
    assert text[evidence["start"] : evidence["end"]] == text


def test_stance_names_the_file_and_line_of_a_bad_pair(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"id": "p1", "claim": "x", "text": "y"}\n{"id": "p2", "claim": 3}\n', encoding="utf-8")
    result = run_storylens("stance", str(pairs))
    assert result.returncode == 2
    assert f"{pairs}:2" in result.stderr


def test_check_lists_claim_groups_and_articles_for_a_claim(
    demo_run: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out_dir, _ = demo_run
    result = run_storylens(
        "check", "Fifteen workers were injured in the Kessport fire", "--db", str(out_dir / "storylens.db"), "--json"
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert any(group["relation"] == "supports" and group["verdict"] == "conflicting" for group in found["groups"])
    stances = {article["stance"] for article in found["articles"]}
    assert {"supports", "contradicts"} <= stances
    for article in found["articles"]:
        assert article["evidence"]
