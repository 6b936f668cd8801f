"""The command line as a newcomer uses it: demo, analyze, extract, stories, show, errors, resume."""

from __future__ import annotations

import gzip
import json
import re
import signal
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

import storylens.demo
from conftest import STORYLENS, run_storylens
from storylens.api import demo_corpus_path


def test_help_lists_every_command() -> None:
    result = run_storylens("--help")
    assert result.returncode == 0
    for command in ("analyze", "demo", "extract", "stories", "show", "timeline", "search", "validate", "score"):
        assert command in result.stdout


def test_help_shows_square_brackets_as_written() -> None:
    """Help is Rich markup: an unescaped `[ray]` is read as a style tag and disappears from `--help`."""
    import typer

    from storylens.cli import app

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    eaten = [
        f"{name} {param.name}"
        for name, command in commands.items()
        for param in command.params
        if re.search(r"(?<!\\)\[[a-z]", getattr(param, "help", None) or "")
    ]
    assert eaten == []
    assert "storylens[ray]" in run_storylens("analyze", "--help").stdout


def test_python_dash_m_runs_the_same_cli() -> None:
    """`python -m storylens` works where only the package is on the path (a checkout, a notebook)."""
    import sys

    result = subprocess.run([sys.executable, "-m", "storylens", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "analyze" in result.stdout


def test_demo_prints_where_the_reports_are(demo_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out_dir, result = demo_run
    assert f"JSON report: {out_dir / 'report.json'}" in result.stdout
    assert f"HTML report: {out_dir / 'report.html'}" in result.stdout
    assert (out_dir / "report.html").stat().st_size > 10_000


def test_validate_accepts_the_demo_report(demo_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out_dir, _ = demo_run
    result = run_storylens("validate", str(out_dir / "report.json"))
    assert result.returncode == 0 and "valid storylens report" in result.stdout


def test_score_prints_demo_figures_against_its_gold(demo_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out_dir, _ = demo_run
    gold = Path(storylens.demo.__file__).parent / "gold.json"
    result = run_storylens("score", str(out_dir / "report.json"), "--gold", str(gold))
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["copies"]["found_groups"] == scores["copies"]["gold_groups"] == 2
    assert 0.0 < scores["stories"]["f1"] <= 1.0


def test_score_rejects_a_gold_file_of_the_wrong_shape(
    demo_run: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    out_dir, _ = demo_run
    gold = tmp_path / "gold.json"
    gold.write_text('{"articles": []}', encoding="utf-8")
    result = run_storylens("score", str(out_dir / "report.json"), "--gold", str(gold))
    assert result.returncode == 2 and "not a gold annotation at $.articles" in result.stderr


def test_stories_and_show_read_back_from_the_store(demo_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out_dir, _ = demo_run
    db = str(out_dir / "storylens.db")
    listed = run_storylens("stories", "--db", db, "--json")
    stories = json.loads(listed.stdout)
    assert listed.returncode == 0 and stories[0]["articles"] >= 5
    shown = run_storylens("show", stories[0]["id"], "--db", db, "--json")
    payload = json.loads(shown.stdout)
    assert payload["story"]["id"] == stories[0]["id"]
    assert len(payload["articles"]) == stories[0]["articles"]
    table = run_storylens("show", stories[0]["id"], "--db", db)
    assert stories[0]["title"][:20] in table.stdout


def test_show_unknown_story_fails_clearly(demo_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out_dir, _ = demo_run
    result = run_storylens("show", "story-nope", "--db", str(out_dir / "storylens.db"))
    assert result.returncode != 0 and "no story 'story-nope'" in result.stderr


def test_extract_json_prints_one_object_per_article() -> None:
    files = sorted(p for p in demo_corpus_path().iterdir() if p.suffix in {".txt", ".html"})[:3]
    result = run_storylens("extract", "--json", *map(str, files))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0 and len(records) == 3
    for record in records:
        assert set(record) >= {"source", "title", "published", "outlet", "language", "text"}
        assert record["text"].strip()


def test_extract_shows_cleaned_text_and_with_show_removed_what_was_removed_and_why(tmp_path: Path) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(
        "Title: Kessel bridge repairs\n\nThe repairs end before the end of March to the end of March. The road "
        "stays closed.\n\nShare this article\n\nEngineers found cracks in the Kessel bridge.\n",
        encoding="utf-8",
    )
    plain = run_storylens("extract", str(path))
    assert plain.returncode == 0
    assert "The repairs end before the end of March. The road stays closed." in plain.stdout
    assert "Share this article" not in plain.stdout and "Removed by cleaning" not in plain.stdout
    shown = run_storylens("extract", "--show-removed", str(path))
    assert "[duplicated-phrase] ' to the end of March'" in shown.stdout
    assert "[prompt]" in shown.stdout and "Share this article" in shown.stdout
    as_json = run_storylens("extract", "--json", "--show-removed", str(path))
    [record] = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert {(r["reason"], r["text"]) for r in record["removed"]} >= {("duplicated-phrase", " to the end of March")}


def write_analysis_inputs(folder: Path, count: int) -> list[str]:
    """`count` distinct small articles as JSONL (fictional, generated)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    towns = ["Alvar", "Kessing", "Morrow", "Tulde", "Brenna", "Oskel"]
    for i in range(count):
        town = towns[i % len(towns)]
        text = (
            f"Workers at the Port of {town} stopped cargo ship number {i} on Tuesday. "
            f"The harbour master, Ilse Varga, said the dispute over shift {i} pay would end soon. "
            f"Union leaders in {town} said {i + 3} cranes stood idle."
        )
        lines.append(json.dumps({"id": f"gen-{i}", "title": f"Port of {town} dispute {i}", "text": text}))
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [f"gen-{i}" for i in range(count)]


def stored_external_ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(row[0] for row in conn.execute("SELECT external_id FROM articles"))


def test_analyzing_twice_stores_each_article_once(tmp_path: Path) -> None:
    ids = write_analysis_inputs(tmp_path / "in", 6)
    for _ in range(2):
        result = run_storylens("analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--workers", "1")
        assert result.returncode == 0, result.stderr
    assert stored_external_ids(tmp_path / "out" / "storylens.db") == sorted(ids)
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert len(report["articles"]) == 6
    assert "(0 new)" in result.stdout


def test_second_analyze_reads_only_the_new_file(tmp_path: Path) -> None:
    ids = write_analysis_inputs(tmp_path / "in", 4)
    args = ["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--workers", "1"]
    first = run_storylens(*args)
    assert first.returncode == 0, first.stderr
    assert "1 file(s) read, 0 file(s) unchanged, skipped" in first.stdout
    (tmp_path / "in" / "later.jsonl").write_text(
        json.dumps({"id": "late-1", "title": "Cranes back at Oskel", "text": "The Oskel cranes moved again today."})
        + "\n",
        encoding="utf-8",
    )
    second = run_storylens(*args)
    assert second.returncode == 0, second.stderr
    assert "1 file(s) read, 1 file(s) unchanged, skipped" in second.stdout
    assert "(1 new)" in second.stdout
    assert stored_external_ids(tmp_path / "out" / "storylens.db") == sorted([*ids, "late-1"])
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["stats"]["read"] == {"files_read": 1, "files_unchanged": 1}
    assert [a["external_id"] for a in report["articles"]] == ["late-1"]  # the report of what this run touched


def test_report_writes_the_whole_store_after_runs_that_touched_parts_of_it(tmp_path: Path) -> None:
    write_analysis_inputs(tmp_path / "in", 4)
    assert run_storylens("analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-w", "1").returncode == 0
    (tmp_path / "in" / "later.jsonl").write_text(
        json.dumps({"id": "late-1", "title": "Cranes back at Oskel", "text": "The Oskel cranes moved again today."})
        + "\n",
        encoding="utf-8",
    )
    assert run_storylens("analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-w", "1").returncode == 0
    result = run_storylens("report", "--db", str(tmp_path / "out" / "storylens.db"), "--out", str(tmp_path / "all"))
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "all" / "report.json").read_text())
    assert len(report["articles"]) == 5
    story_id = report["articles"][0]["story_id"]
    result = run_storylens(
        "report", "--db", str(tmp_path / "out" / "storylens.db"), "--out", str(tmp_path / "one"), "--story", story_id
    )
    one = json.loads((tmp_path / "one" / "report.json").read_text())
    assert [s["id"] for s in one["stories"]] == [story_id]
    assert {a["story_id"] for a in one["articles"]} == {story_id}


def test_an_output_folder_inside_the_input_folder_is_not_read_back(tmp_path: Path) -> None:
    ids = write_analysis_inputs(tmp_path / "in", 4)
    args = ["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "in" / "out"), "--workers", "1"]
    for _ in range(2):
        result = run_storylens(*args)
        assert result.returncode == 0, result.stderr
        assert "storylens.db:" not in result.stderr and "report.json:" not in result.stderr, result.stderr
    report = json.loads((tmp_path / "in" / "out" / "report.json").read_text())
    assert report["errors"] == []
    assert sorted(a["external_id"] for a in report["articles"]) == sorted(ids)


@pytest.mark.slow
def test_killed_run_resumes_without_losing_or_duplicating(tmp_path: Path) -> None:
    ids = write_analysis_inputs(tmp_path / "in", 240)
    out_dir, db = tmp_path / "out", tmp_path / "out" / "storylens.db"
    args = [*STORYLENS, "analyze", str(tmp_path / "in"), "--out", str(out_dir), "--workers", "1", "--quiet"]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    analyzed = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    analyzed = conn.execute("SELECT COUNT(*) FROM articles WHERE status = 'analyzed'").fetchone()[0]
            except sqlite3.OperationalError:
                analyzed = 0
        if analyzed > 0:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the run finished before it could be killed: use more articles"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 0 < analyzed < len(ids)

    result = run_storylens("analyze", str(tmp_path / "in"), "--out", str(out_dir), "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert stored_external_ids(db) == sorted(ids)
    report = json.loads((out_dir / "report.json").read_text())
    assert sorted(a["external_id"] for a in report["articles"]) == sorted(ids)


def write_bad_inputs(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    good = folder / "good.txt"
    good.write_text(
        "Title: Ferry service resumes in Brenna\nOutlet: Brenna Courier\nPublished: 2026-11-02\n\n"
        "The ferry between Brenna and Oskel resumed service on Monday after a week of storms. "
        "Captain Ruth Amsel said the crossing was calm.\n",
        encoding="utf-8",
    )
    bad = {
        "empty": folder / "empty.txt",
        "binary": folder / "blob.bin",
        "invalid_utf8": folder / "broken-encoding.txt",
        "truncated_gz": folder / "cut.jsonl.gz",
        "bad_jsonl": folder / "mixed.jsonl",
        "huge_html": folder / "huge.html",
    }
    bad["empty"].write_bytes(b"")
    bad["binary"].write_bytes(bytes(range(256)) * 64)
    bad["invalid_utf8"].write_bytes(b"Title: Broken\n\n\xff\xfe\xfa\xc3\x28 \x80\x81\x82 " * 3)
    full = gzip.compress(b"".join(json.dumps({"id": f"z{i}", "text": "x " * 200}).encode() + b"\n" for i in range(50)))
    bad["truncated_gz"].write_bytes(full[: len(full) // 2])
    bad["bad_jsonl"].write_text(
        '{"id": "ok-1", "text": "Snow closed the Tulde pass on Sunday, the road authority said."}\n'
        "this line is not json\n"
        '{"id": "no-text", "title": "Missing body"}\n',
        encoding="utf-8",
    )
    filler = "<p>" + "Lorem filler paragraph about nothing in particular. " * 40 + "</p>\n"
    bad["huge_html"].write_text(
        "<html><body><article>" + filler * (20_000_000 // len(filler)) + "</article></body></html>"
    )
    return {"good": good, **bad, "missing": folder / "does-not-exist.txt"}


@pytest.mark.slow
def test_bad_inputs_are_reported_and_the_rest_is_analysed(tmp_path: Path) -> None:
    paths = write_bad_inputs(tmp_path / "in")
    out_dir = tmp_path / "out"
    result = run_storylens(
        "analyze", str(tmp_path / "in"), str(paths["missing"]), "--out", str(out_dir), "--workers", "1"
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads((out_dir / "report.json").read_text())
    error_sources = " ".join(e["source"] for e in report["errors"])
    for name in ("empty", "binary", "invalid_utf8", "truncated_gz", "bad_jsonl", "huge_html", "missing"):
        assert paths[name].name in error_sources, f"{name} not reported in errors[]"
        assert paths[name].name in result.stderr, f"{name} not reported on stderr"
    titles = {a["title"] for a in report["articles"]}
    assert "Ferry service resumes in Brenna" in titles
    assert any(a["external_id"] == "ok-1" for a in report["articles"])


def test_no_readable_input_exits_non_zero_with_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_storylens("analyze", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "out"))
    assert result.returncode != 0
    assert "no article could be analysed" in result.stderr
    assert "empty.txt" in result.stderr
