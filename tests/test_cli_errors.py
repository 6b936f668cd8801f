"""Every mistake gets a clear answer: one line on stderr, the right exit code, no traceback, nothing lost.

The table runs the real command line in this process (`storylens.cli.run`, the function the
`storylens` executable calls), so each case costs milliseconds; a few cases that need a real
pipe, a signal or standard input run the executable in a subprocess.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import STORYLENS
from storylens.cli import run
from storylens.errors import EXIT_INTERRUPTED, EXIT_RUNTIME, EXIT_USAGE
from storylens.model import Article, article_id_for
from storylens.store.sqlite import SQLiteStore

FERRY = "The ferry between Brenna and Oskel resumed service on Monday after a week of storms, Captain Ruth Amsel said."
SNOW = "Snow closed the Tulde pass on Sunday, and the road authority said it would reopen on Wednesday."
PIER = "Fire crews returned to Pier-4 of the Kessing terminal on Friday, the harbour office said."


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str


def storylens(capsys: pytest.CaptureFixture[str], *args: str) -> Outcome:
    """Run one command line in this process, as the `storylens` executable would."""
    capsys.readouterr()
    code = run(list(args))
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err)


def assert_one_clear_line(outcome: Outcome, code: int, message: str) -> None:
    """The exit code, no traceback, and the failure said on one line (after any per-input lines)."""
    assert "Traceback" not in outcome.stderr, outcome.stderr
    lines = outcome.stderr.strip().splitlines()
    assert lines, "nothing on stderr"
    assert lines[-1].startswith("storylens: error: "), outcome.stderr
    assert message in lines[-1], outcome.stderr
    assert all(line.startswith(("storylens: ", "error ")) for line in lines), outcome.stderr
    assert outcome.code == code, (outcome.code, outcome.stderr)


def make_store(path: Path) -> None:
    """A real storylens store holding two analysed articles."""
    store = SQLiteStore(path)
    articles = [
        Article(id=article_id_for(text), text=text, source=f"{name}.txt", sources=[f"{name}.txt"], title=name)
        for name, text in (("ferry", FERRY), ("pier", PIER))
    ]
    store.add_articles(articles)
    store.save_annotated(articles)
    store.close()


def write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def damaged_store(path: Path) -> None:
    make_store(path)
    data = bytearray(path.read_bytes())
    data[100:] = b"\xde\xad\xbe\xef" * ((len(data) - 100) // 4)
    path.write_bytes(bytes(data))


def truncated_store(path: Path) -> None:
    make_store(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def foreign_sqlite(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    db.commit()
    db.close()


@dataclass
class Case:
    """One mistake: the command line (run in a fresh folder), what to set up, and what must come back."""

    id: str
    args: list[str]
    code: int
    message: str
    setup: Callable[[Path], None] = lambda folder: None
    not_written: list[str] = field(default_factory=list)  # paths that must not exist afterwards
    unchanged: list[str] = field(default_factory=list)  # paths whose bytes must be as set up


def article_file(folder: Path) -> None:
    write(folder / "a.txt", f"Title: Ferry\n\n{FERRY}\n")


def with_store(folder: Path) -> None:
    make_store(folder / "good.db")


def with_settings(text: str | bytes) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        article_file(folder)
        write(folder / "settings.yaml", text)

    return setup


def with_outlets(text: str) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        article_file(folder)
        write(folder / "outlets.yaml", text)

    return setup


def with_file(name: str, content: str | bytes, also: Callable[[Path], None] = lambda folder: None):  # type: ignore[no-untyped-def]
    def setup(folder: Path) -> None:
        also(folder)
        write(folder / name, content)

    return setup


ANALYZE = ["analyze", "a.txt", "--out", "out", "--workers", "1"]
REPORT_PROBLEM = json.dumps({"storylens_version": "0", "schema_version": 1})
GOLD = json.dumps({"articles": {"a.txt": {"story": "S1"}}})

CASES = [
    # --db: a typo never creates a store; every kind of wrong file is named in one line
    *(
        Case(f"{command}-missing-store", [command, *extra, "--db", "typo/news.db"], EXIT_USAGE,
             "no storylens store at typo/news.db", not_written=["typo"])
        for command, extra in (
            ("stories", []), ("show", ["story-1"]), ("timeline", ["story-1"]), ("search", ["ferry"]), ("errors", [])
        )
    ),
    Case("sqlite-url-three-slashes-is-relative", ["stories", "--db", "sqlite:///tmp/h21-x.db"], EXIT_USAGE,
         "no storylens store at tmp/h21-x.db", not_written=["tmp"]),
    Case("empty-file-store", ["stories", "--db", "empty.db"], EXIT_USAGE, "empty.db is an empty file",
         with_file("empty.db", b""), unchanged=["empty.db"]),
    Case("empty-file-store-for-analyze", [*ANALYZE, "--db", "empty.db"], EXIT_USAGE, "empty.db is an empty file",
         with_file("empty.db", b"", article_file), not_written=["out/report.json"], unchanged=["empty.db"]),
    Case("folder-as-store", ["stories", "--db", "folder"], EXIT_USAGE, "is a folder, not a store file",
         lambda folder: (folder / "folder").mkdir()),
    Case("text-file-as-store", ["search", "ferry", "--db", "notes.db"], EXIT_USAGE, "not a SQLite database",
         with_file("notes.db", "my notes\n" * 20), unchanged=["notes.db"]),
    Case("foreign-sqlite-database", ["stories", "--db", "other.db"], EXIT_USAGE, "not a storylens store",
         lambda folder: foreign_sqlite(folder / "other.db"), unchanged=["other.db"]),
    Case("foreign-sqlite-database-for-analyze", [*ANALYZE, "--db", "other.db"], EXIT_USAGE, "not a storylens store",
         lambda folder: (article_file(folder), foreign_sqlite(folder / "other.db"))[0], unchanged=["other.db"],
         not_written=["out/report.json"]),
    Case("damaged-store", ["stories", "--db", "bad.db"], EXIT_USAGE, "bad.db",
         lambda folder: damaged_store(folder / "bad.db")),
    Case("truncated-store", ["search", "ferry", "--db", "cut.db"], EXIT_USAGE, "cut.db",
         lambda folder: truncated_store(folder / "cut.db")),
    Case("unknown-url-scheme", ["stories", "--db", "mysql://localhost/news"], EXIT_USAGE,
         "unsupported store URL scheme 'mysql'"),
    Case("postgresql-url", ["stories", "--db", "postgresql://localhost/news"], EXIT_USAGE, "PostgreSQL"),
    Case("sqlite-url-without-path", ["stories", "--db", "sqlite://"], EXIT_USAGE, "names no file"),
    Case("bad-scheme-for-analyze", [*ANALYZE, "--db", "mongodb://x"], EXIT_USAGE, "unsupported store URL scheme",
         article_file, not_written=["out"]),
    # search: query syntax and limits
    Case("fts-open-group", ["search", "NATO AND (", "--db", "good.db"], EXIT_USAGE, "bad search query", with_store),
    Case("fts-unbalanced-quote", ["search", '"unbalanced', "--db", "good.db"], EXIT_USAGE, "unbalanced double quote",
         with_store),
    Case("fts-only-a-star", ["search", "*", "--db", "good.db"], EXIT_USAGE, "has no words", with_store),
    Case("fts-empty", ["search", "", "--db", "good.db"], EXIT_USAGE, "empty search query", with_store),
    Case("search-limit-too-large", ["search", "ferry", "--db", "good.db", "--limit", "99999999999999999999"],
         EXIT_USAGE, "'--limit'", with_store),
    Case("show-unknown-story", ["show", "story-nope", "--db", "good.db"], EXIT_USAGE, "no story 'story-nope'",
         with_store),
    # --out: checked before any work
    Case("out-is-a-file", ["analyze", "a.txt", "--out", "a.txt"], EXIT_USAGE, "is a file, not a folder",
         article_file, unchanged=["a.txt"]),
    Case("out-under-a-file", ["analyze", "a.txt", "--out", "a.txt/sub"], EXIT_USAGE, "cannot create output folder",
         article_file, unchanged=["a.txt"]),
    Case("report-path-is-a-folder", ANALYZE, EXIT_USAGE, "is a folder, so the report cannot be written",
         lambda folder: (article_file(folder), (folder / "out" / "report.json").mkdir(parents=True))[0],
         not_written=["out/storylens.db", "out/report.html"]),
    # --config: typed, with the setting's path
    Case("config-section-not-a-mapping", [*ANALYZE, "--config", "settings.yaml"], EXIT_USAGE,
         "settings.yaml: read: expected a section", with_settings("read: 5\n"), not_written=["out"]),
    Case("config-wrong-type", [*ANALYZE, "--config", "settings.yaml"], EXIT_USAGE,
         "read.max_file_bytes: expected a whole number, got 'big'", with_settings("read:\n  max_file_bytes: big\n"),
         not_written=["out"]),
    Case("config-wrong-top-level-type", [*ANALYZE, "--config", "settings.yaml"], EXIT_USAGE,
         "workers: expected a whole number or null", with_settings("workers: two\n"), not_written=["out"]),
    Case("config-list-for-text", [*ANALYZE, "--config", "settings.yaml"], EXIT_USAGE,
         "timeline.event_types: expected a list of text", with_settings("timeline:\n  event_types: DATE\n"),
         not_written=["out"]),
    Case("config-unknown-key", [*ANALYZE, "--config", "settings.yaml"], EXIT_USAGE,
         "copies: unknown setting 'threshold'", with_settings("copies:\n  threshold: 0.5\n"), not_written=["out"]),
    Case("config-not-yaml", [*ANALYZE, "--config", "settings.yaml"], EXIT_USAGE,
         "settings.yaml: not valid YAML at line 2",
         with_settings("read: [1, 2\n"), not_written=["out"]),
    Case("config-not-utf8", [*ANALYZE, "--config", "settings.yaml"], EXIT_USAGE, "not UTF-8",
         with_settings(b"workers: 1 # caf\xe9\n"), not_written=["out"]),
    Case("config-a-list", [*ANALYZE, "--config", "settings.yaml"], EXIT_USAGE, "must be a mapping of sections",
         with_settings("- read\n"), not_written=["out"]),
    Case("config-missing", [*ANALYZE, "--config", "nope.yaml"], EXIT_USAGE, "'--config'", article_file,
         not_written=["out"]),
    Case("extract-config-wrong-type", ["extract", "a.txt", "--config", "settings.yaml"], EXIT_USAGE,
         "read.max_file_bytes", with_settings("read:\n  max_file_bytes: [1]\n")),
    # --outlets: typed, with the key's path
    Case("outlets-misspelt-key", [*ANALYZE, "--outlets", "outlets.yaml"], EXIT_USAGE, "unknown key 'outlet'",
         with_outlets("outlet:\n  - name: Brenna Courier\n"), not_written=["out"]),
    Case("outlets-entry-misspelt-key", [*ANALYZE, "--outlets", "outlets.yaml"], EXIT_USAGE,
         "outlets[0] (line 2): unknown key 'cmap'",
         with_outlets("outlets:\n  - name: Brenna Courier\n    cmap: left\n"), not_written=["out"]),
    Case("outlets-entry-without-name", [*ANALYZE, "--outlets", "outlets.yaml"], EXIT_USAGE,
         "outlets[1] (line 3): every outlet needs a name", with_outlets("outlets:\n  - name: A\n  - camp: left\n"),
         not_written=["out"]),
    Case("outlets-entry-wrong-type", [*ANALYZE, "--outlets", "outlets.yaml"], EXIT_USAGE,
         "outlets[0] (line 2, 'A'): camp: expected text", with_outlets("outlets:\n  - name: A\n    camp: [left]\n"),
         not_written=["out"]),
    Case("outlets-not-a-list", [*ANALYZE, "--outlets", "outlets.yaml"], EXIT_USAGE, "expected a list of outlets",
         with_outlets("outlets: Brenna Courier\n"), not_written=["out"]),
    Case("outlets-entry-a-string", [*ANALYZE, "--outlets", "outlets.yaml"], EXIT_USAGE,
         "outlets[0] (line 2): expected a mapping",
         with_outlets("outlets:\n  - Brenna Courier\n"), not_written=["out"]),
    Case("outlets-bad-domain", [*ANALYZE, "--outlets", "outlets.yaml"], EXIT_USAGE,
         "outlets[1] (line 3, 'B'): domains: 'b courier' is not a domain",
         with_outlets("outlets:\n  - name: A\n  - name: B\n    domains: [b courier]\n"), not_written=["out"]),
    Case("outlets-domain-of-two", [*ANALYZE, "--outlets", "outlets.csv"], EXIT_USAGE,
         "line 3 ('B'): domain 'ab.example' is already used by 'A' (line 2)",
         with_file("outlets.csv", b"name,domains\nA,ab.example\nB,www.ab.example\n"), not_written=["out"]),
    # validate / score: odd files, wrong shapes, JSON paths
    Case("validate-not-utf8", ["validate", "r.json"], EXIT_USAGE, "not UTF-8", with_file("r.json", b'{"a": "\xff"}')),
    Case("validate-deep-nesting", ["validate", "r.json"], EXIT_USAGE, "nested too deeply",
         with_file("r.json", "[" * 200_000 + "]" * 200_000)),
    Case("validate-not-json", ["validate", "r.json"], EXIT_USAGE, "not valid JSON", with_file("r.json", "{oops")),
    Case("score-gold-wrong-shape", ["score", "r.json", "--gold", "gold.json"], EXIT_USAGE, "gold.json",
         with_file("gold.json", '{"articles": []}', with_file("r.json", REPORT_PROBLEM))),
    Case("score-deep-nesting", ["score", "r.json", "--gold", "gold.json"], EXIT_USAGE, "nested too deeply",
         with_file("gold.json", GOLD, with_file("r.json", "[" * 200_000 + "]" * 200_000))),
    Case("score-report-not-a-report", ["score", "r.json", "--gold", "gold.json"], EXIT_USAGE,
         "r.json: not a valid storylens report at $", with_file("gold.json", GOLD, with_file("r.json", "[1, 2]"))),
    Case("report-since-not-a-date", ["report", "--db", "good.db", "--out", "view", "--since", "2026-13-45"],
         EXIT_USAGE, "'--since': '2026-13-45' is not a date: write it as YYYY-MM-DD", with_store,
         not_written=["view"]),
    Case("report-since-a-word", ["report", "--db", "good.db", "--out", "view", "--since", "yesterday"],
         EXIT_USAGE, "'yesterday' is not a date", with_store, not_written=["view"]),
    Case("analyze-an-empty-folder", ["analyze", "inbox", "--out", "out"], EXIT_USAGE,
         "no input files found in inbox: the folder is empty or holds only hidden files",
         lambda folder: write(folder / "inbox" / "photo.png", b"\x89PNG\r\n")),
    Case("check-an-empty-claim", ["check", "", "--db", "good.db"], EXIT_USAGE,
         "claim '' has no words to check", with_store),
    Case("check-only-punctuation", ["check", " ?! ", "--db", "good.db"], EXIT_USAGE,
         "claim ' ?! ' has no words to check", with_store),
    Case("extract-an-empty-folder", ["extract", "inbox"], EXIT_USAGE,
         "no article could be extracted: no input files found in inbox",
         lambda folder: (folder / "inbox").mkdir()),
    Case("report-db-typo", ["report", "--db", "typo.db", "--out", "view"], EXIT_USAGE,
         "no storylens store at typo.db", not_written=["typo.db", "view"]),
    Case("report-unknown-story", ["report", "--db", "good.db", "--out", "view", "--story", "story-nope"], EXIT_USAGE,
         "no story 'story-nope' in good.db", with_store, not_written=["view"]),
    Case("check-db-typo", ["check", "Pier 4 reopened", "--db", "typo.db"], EXIT_USAGE,
         "no storylens store at typo.db", not_written=["typo.db"]),
    # the command line itself
    Case("unknown-option", ["analyze", "a.txt", "--out", "out", "--bogus"], EXIT_USAGE, "No such option: --bogus",
         not_written=["out"]),
    Case("missing-argument", ["analyze"], EXIT_USAGE, "Missing argument"),
    Case("workers-zero", [*ANALYZE[:-1], "0"], EXIT_USAGE, "'--workers'", article_file, not_written=["out"]),
    Case("nothing-to-extract", ["extract", "empty.txt"], EXIT_USAGE, "no article could be extracted",
         with_file("empty.txt", "")),
    Case("extract-a-fifo", ["extract", "pipe"], EXIT_USAGE, "no article could be extracted",
         lambda folder: os.mkfifo(folder / "pipe")),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_mistake_gets_one_clear_line(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    case.setup(tmp_path)
    before = {name: (tmp_path / name).read_bytes() for name in case.unchanged}
    outcome = storylens(capsys, *case.args)
    assert_one_clear_line(outcome, case.code, case.message)
    assert outcome.stdout == "", "a failed command printed results"
    for name in case.not_written:
        assert not (tmp_path / name).exists(), f"{name} was written"
    for name, content in before.items():
        assert (tmp_path / name).read_bytes() == content, f"{name} was changed"


def test_validate_names_the_json_path_of_a_contract_break(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], demo_report: dict[str, object]
) -> None:
    broken = json.loads(json.dumps(demo_report))
    broken["articles"][0]["start"] = "x"  # type: ignore[index]
    broken["summary"] = 1
    (tmp_path / "r.json").write_text(json.dumps(broken), encoding="utf-8")
    outcome = storylens(capsys, "validate", str(tmp_path / "r.json"))
    assert outcome.code == EXIT_RUNTIME and "Traceback" not in outcome.stderr
    assert "invalid report at $." in outcome.stderr and len(outcome.stderr.strip().splitlines()) == 1


def test_score_names_the_gold_path_that_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], demo_run: tuple[Path, subprocess.CompletedProcess[str]]
) -> None:
    out_dir, _ = demo_run
    (tmp_path / "gold.json").write_text(json.dumps({"articles": {}, "quotes": [{"text": "x"}]}), encoding="utf-8")
    outcome = storylens(capsys, "score", str(out_dir / "report.json"), "--gold", str(tmp_path / "gold.json"))
    assert_one_clear_line(outcome, EXIT_USAGE, "at $.quotes[0]: 'article' is a required property")


def test_debug_shows_the_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outcome = storylens(capsys, "stories", "--db", str(tmp_path / "typo.db"), "--debug")
    assert outcome.code == EXIT_USAGE
    assert "Traceback" in outcome.stderr and outcome.stderr.strip().splitlines()[-1].startswith("storylens: error:")


def test_an_unexpected_error_is_one_line_naming_a_bug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    make_store(tmp_path / "good.db")

    def broken(db: str) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("storylens.api.list_stories", broken)
    outcome = storylens(capsys, "stories", "--db", str(tmp_path / "good.db"))
    assert_one_clear_line(outcome, EXIT_RUNTIME, "internal error: ZeroDivisionError: division by zero")
    assert "--debug" in outcome.stderr


def test_search_terms_with_punctuation_and_read_commands_work_on_a_good_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_store(tmp_path / "good.db")
    db = str(tmp_path / "good.db")
    hits = storylens(capsys, "search", "Pier-4", "--db", db)
    assert hits.code == 0, hits.stderr
    assert hits.stdout.startswith(article_id_for(PIER)) and len(hits.stdout.splitlines()) == 1
    assert storylens(capsys, "stories", "--db", db).code == 0
    absolute = storylens(capsys, "stories", "--db", f"sqlite:///{tmp_path / 'good.db'}")  # four slashes in all
    assert absolute.code == 0, absolute.stderr


def test_out_folder_that_is_not_writable_is_refused_before_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may write anywhere")
    monkeypatch.chdir(tmp_path)
    article_file(tmp_path)
    (tmp_path / "locked").mkdir(mode=0o500)
    outcome = storylens(capsys, "analyze", "a.txt", "--out", "locked")
    assert_one_clear_line(outcome, EXIT_USAGE, "not writable")


# -- runs that analyse: poison records, odd files, earlier outputs, error history -----------------------


def poison_jsonl() -> str:
    good = [json.dumps({"id": "ferry", "title": "Ferry", "text": FERRY}), json.dumps({"id": "snow", "text": SNOW})]
    poison = '{"id": "poison", "text": "Harbour report \\udc80 with a broken escape"}'
    return "\n".join([good[0], poison, good[1]]) + "\n"


def report_of(out_dir: Path) -> dict[str, list[dict[str, str]]]:
    return dict(json.loads((out_dir / "report.json").read_text(encoding="utf-8")))


def test_a_poison_record_is_one_error_and_does_not_block_reruns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "feed.jsonl").write_text(poison_jsonl(), encoding="utf-8")
    args = ["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--workers", "1"]
    first = storylens(capsys, *args)
    assert first.code == 0, first.stderr
    report = report_of(tmp_path / "out")
    assert sorted(a["external_id"] for a in report["articles"]) == ["ferry", "snow"]
    [error] = report["errors"]
    assert error["source"].endswith("feed.jsonl:line 2") and "lone surrogate \\udc80" in error["error"]
    (tmp_path / "in" / "more.jsonl").write_text(json.dumps({"id": "pier", "text": PIER}) + "\n", encoding="utf-8")
    rerun = storylens(capsys, *args)
    assert rerun.code == 0, rerun.stderr
    assert [a["external_id"] for a in report_of(tmp_path / "out")["articles"]] == ["pier"]  # what the rerun touched
    stored = storylens(capsys, "report", "--db", str(tmp_path / "out" / "storylens.db"), "--out", str(tmp_path / "all"))
    assert stored.code == 0, stored.stderr
    assert sorted(a["external_id"] for a in report_of(tmp_path / "all")["articles"]) == ["ferry", "pier", "snow"]
    extracted = storylens(capsys, "extract", "--json", str(tmp_path / "in" / "feed.jsonl"))
    assert extracted.code == 0 and len(extracted.stdout.splitlines()) == 2
    assert "feed.jsonl:line 2: holds a lone surrogate \\udc80" in extracted.stderr


def test_odd_files_and_earlier_outputs_under_the_inputs_are_skipped_and_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "feed.jsonl").write_text(poison_jsonl(), encoding="utf-8")
    (data / "nul.txt").write_bytes(f"Title: Pier\n\n{PIER}".encode().replace(b"Kessing", b"Kes\x00sing"))
    (data / "huge.txt").write_text("Title: Huge\n\n" + "word " * 3000, encoding="utf-8")
    (tmp_path / "settings.yaml").write_text("read:\n  max_article_chars: 5000\n", encoding="utf-8")
    os.mkfifo(data / "pipe")
    first = storylens(capsys, "analyze", str(data / "feed.jsonl"), "--out", str(data / "run1"), "--workers", "1")
    assert first.code == 0, first.stderr

    outcome = storylens(
        capsys, "analyze", str(data), "--out", str(tmp_path / "run2"), "--workers", "1",
        "--config", str(tmp_path / "settings.yaml"),
    )  # fmt: skip
    assert outcome.code == 0, outcome.stderr
    report = report_of(tmp_path / "run2")
    assert sorted(str(a["external_id"] or a["title"]) for a in report["articles"]) == ["Pier", "ferry", "snow"]
    errors = {Path(e["source"].split(":line")[0]).name: e["error"] for e in report["errors"]}
    assert "named pipe" in errors["pipe"]
    assert "lone surrogate" in errors["feed.jsonl"]
    assert errors["nul.txt"].startswith("1 NUL byte(s) removed")
    assert "article too long: 14999 characters > max_article_chars=5000" in errors["huge.txt"]
    assert "storylens report.json from an earlier run" in errors["report.json"]
    assert "storylens report.html from an earlier run" in errors["report.html"]
    assert "SQLite database" in errors["storylens.db"]
    assert "Traceback" not in outcome.stderr


def test_analyze_a_folder_into_itself_reads_its_articles_not_its_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    same = tmp_path / "same"
    same.mkdir()
    (same / "feed.jsonl").write_text(poison_jsonl(), encoding="utf-8")
    for _ in range(2):
        outcome = storylens(capsys, "analyze", str(same), "--out", str(same), "--workers", "1")
        assert outcome.code == 0, outcome.stderr
    report = report_of(same)
    assert sorted(a["external_id"] for a in report["articles"]) == ["ferry", "snow"]
    assert not any("report" in e["source"] or "storylens.db" in e["source"] for e in report["errors"])


def test_errors_of_an_earlier_run_do_not_linger_but_the_store_keeps_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "o")
    missing = storylens(capsys, "analyze", str(tmp_path / "nonexistent"), "--out", out, "--workers", "1")
    assert_one_clear_line(missing, EXIT_USAGE, "no article could be analysed")
    (tmp_path / "a.txt").write_text(f"Title: Ferry\n\n{FERRY}\n", encoding="utf-8")
    good = storylens(capsys, "analyze", str(tmp_path / "a.txt"), "--out", out, "--workers", "1")
    assert good.code == 0, good.stderr
    assert report_of(Path(out))["errors"] == []
    history = storylens(capsys, "errors", "--db", f"{out}/storylens.db")
    assert history.code == 0 and "nonexistent: cannot read file" in history.stdout
    as_json = json.loads(storylens(capsys, "errors", "--db", f"{out}/storylens.db", "--json").stdout)
    assert as_json[0]["source"].endswith("nonexistent") and as_json[0]["recorded_at"]


def test_too_many_workers_are_capped_with_a_notice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(f"Title: Ferry\n\n{FERRY}\n", encoding="utf-8")
    outcome = storylens(capsys, "analyze", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "--workers", "1000")
    assert outcome.code == 0, outcome.stderr
    assert f"--workers 1000 is more than the {os.cpu_count()} core(s) of this machine" in outcome.stderr


def test_a_busy_store_waits_visibly_then_fails_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_store(tmp_path / "busy.db")
    (tmp_path / "a.txt").write_text(f"Title: Snow\n\n{SNOW}\n", encoding="utf-8")
    (tmp_path / "settings.yaml").write_text("busy_timeout: 1.5\n", encoding="utf-8")
    other_writer = sqlite3.connect(tmp_path / "busy.db", isolation_level=None)
    other_writer.execute("BEGIN IMMEDIATE")
    try:
        outcome = storylens(
            capsys, "analyze", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "--workers", "1",
            "--db", str(tmp_path / "busy.db"), "--config", str(tmp_path / "settings.yaml"),
        )  # fmt: skip
    finally:
        other_writer.execute("ROLLBACK")
        other_writer.close()
    assert "is busy (another process is writing to it); waiting up to 1.5 s" in outcome.stderr
    assert_one_clear_line(outcome, EXIT_RUNTIME, "is still busy after 1.5 s")


# -- the real executable: pipes, standard input, Ctrl-C ------------------------------------------------------


def run_executable(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "80"}  # narrow: an error line must still not wrap
    return subprocess.run(
        [*STORYLENS, *args], capture_output=True, text=True, env=env, timeout=300, check=False, **kwargs
    )  # type: ignore[call-overload, no-any-return]


def test_error_lines_do_not_wrap_in_a_pipe(tmp_path: Path) -> None:
    result = run_executable("stories", "--db", str(tmp_path / "a-rather-long-folder-name" / "and-a-long-store-name.db"))
    assert result.returncode == EXIT_USAGE
    [line] = result.stderr.strip().splitlines()
    assert len(line) > 80 and line.startswith("storylens: error: no storylens store at")
    assert not (tmp_path / "a-rather-long-folder-name").exists()


def test_dash_reads_articles_from_stdin_for_extract_and_analyze(tmp_path: Path) -> None:
    extracted = run_executable("extract", "--json", "/dev/stdin", input=f"Title: Snow\n\n{SNOW}\n")
    assert extracted.returncode == 0, extracted.stderr
    assert json.loads(extracted.stdout)["title"] == "Snow"
    analysed = run_executable(
        "analyze", "-", "--out", str(tmp_path / "o"), "--workers", "1", "--quiet", input=poison_jsonl()
    )
    assert analysed.returncode == 0, analysed.stderr
    report = report_of(tmp_path / "o")
    assert sorted(a["external_id"] for a in report["articles"]) == ["ferry", "snow"]
    assert [e["source"] for e in report["errors"]] == ["<stdin>:line 2"]


def test_stdin_for_analyze_in_process_reads_jsonl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(poison_jsonl().encode())))
    outcome = storylens(capsys, "extract", "-")
    assert outcome.code == 0 and "Tulde pass" in outcome.stdout


@pytest.mark.slow
def test_ctrl_c_stops_quietly_with_130_workers_included(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": f"n{i}", "text": f"Workers at Pier {i} of the Port of Alvar stopped ship {i} on Tuesday, "
                    f"the harbour master Ilse Varga said. Union leaders said {i + 3} cranes stood idle."})
        for i in range(300)
    ]  # fmt: skip
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = [*STORYLENS, "analyze", str(tmp_path / "many.jsonl"), "--out", str(tmp_path / "o"), "--workers", "2"]
    # start_new_session: the run's own process group, as a terminal's foreground job has; preexec_fn: Ctrl-C's default
    # handling even when this test runs from a background job (which starts with SIGINT ignored, inherited by children)
    process = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stderr is not None
    seen = ""
    deadline = time.monotonic() + 120
    while "analysing articles" not in seen and time.monotonic() < deadline:
        seen += process.stderr.readline()
    time.sleep(1.5)  # workers started and busy
    os.killpg(process.pid, signal.SIGINT)  # what a terminal does on Ctrl-C: the whole process group
    _, rest = process.communicate(timeout=120)
    stderr = seen + rest
    assert process.returncode == EXIT_INTERRUPTED, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert stderr.strip().splitlines()[-1] == "storylens: interrupted; run the same command again to resume"


def child_pids(parent: int) -> set[int]:
    """The live child processes of `parent`, from /proc (Linux)."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent and fields[0] != "Z":
            children.add(int(stat.parent.name))
    return children


def is_running(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads worker processes from /proc")
def test_sigterm_stops_the_run_and_its_workers_quietly_with_143(tmp_path: Path) -> None:
    """`kill PID` (docker stop, systemd) reaches only the main process; its workers must not run on as orphans."""
    lines = [
        json.dumps({"id": f"n{i}", "text": f"Crews at Dock {i} of the Port of Hallen loaded ship {i} on Monday, "
                    f"the port captain Mira Osk said. Drivers said {i + 2} trucks waited at the gate."})
        for i in range(300)
    ]  # fmt: skip
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = [*STORYLENS, "analyze", str(tmp_path / "many.jsonl"), "--out", str(tmp_path / "o"), "--workers", "2"]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    seen = ""
    deadline = time.monotonic() + 120
    while "analysing articles" not in seen and time.monotonic() < deadline:
        seen += process.stderr.readline()
    time.sleep(1.5)  # workers started and busy
    workers = child_pids(process.pid)
    process.send_signal(signal.SIGTERM)
    _, rest = process.communicate(timeout=60)
    stderr = seen + rest
    assert process.returncode == 143, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert stderr.strip().splitlines()[-1] == "storylens: interrupted; run the same command again to resume"
    assert workers, "no worker process was started"
    deadline = time.monotonic() + 10
    while any(is_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(is_running(pid) for pid in workers), "worker processes outlived the run"


def test_since_date_is_written_the_way_stores_compare_it() -> None:
    from storylens.cli import check_since_date

    assert check_since_date("20260301") == "2026-03-01"
    assert check_since_date("2026-03-01T10:00:00+00:00") == "2026-03-01T10:00:00+00:00"


def test_square_brackets_in_article_text_and_claims_are_printed_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rich markup in a title, an outlet, a file name or a claim is text: `[/b]` used to end the command."""
    monkeypatch.chdir(tmp_path)
    title = "Pier [/b] fire [red]update[/red]"
    write(tmp_path / "in" / "pier [draft].txt", f"Title: {title}\nOutlet: The [Weekly]\n\n{PIER}\n")
    assert storylens(capsys, "analyze", "in", "--out", "out", "--workers", "1", "--quiet").code == 0
    listing = storylens(capsys, "stories", "--db", "out/storylens.db", "--json")
    [story_id] = [story["id"] for story in json.loads(listing.stdout)]
    for args in (
        ["stories", "--db", "out/storylens.db"],
        ["show", story_id, "--db", "out/storylens.db"],
        ["extract", "in"],
        ["check", "Fire crews [/i] returned to Pier-4", "--db", "out/storylens.db"],
    ):
        outcome = storylens(capsys, *args)
        assert outcome.code == 0 and "Error" not in outcome.stderr, (args, outcome.stderr)
        printed = " ".join(outcome.stdout.split())
        assert "[/b] fire [red]update[/red]" in printed or "[/i] returned" in printed, (args, printed)
    assert "pier [draft].txt" in storylens(capsys, "extract", "in").stdout


def test_timeline_of_a_story_without_dated_events_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storylens.model import Corpus, Story

    article = Article(id=article_id_for(SNOW), text=SNOW, source="snow.txt", sources=["snow.txt"], title="Snow")
    article.story_id = "story-snow"
    store = SQLiteStore(tmp_path / "s.db")
    store.add_articles([article])
    store.save_annotated([article])
    story = Story(id="story-snow", title="Snow", article_ids=[article.id])
    store.save_corpus(Corpus(articles={article.id: article}, stories={story.id: story}, entities={}))
    store.close()
    outcome = storylens(capsys, "timeline", "story-snow", "--db", str(tmp_path / "s.db"))
    assert outcome.code == 0 and outcome.stdout.strip() == "No dated events found in this story."


def test_report_filter_that_matches_nothing_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_store(tmp_path / "good.db")
    outcome = storylens(capsys, "report", "--db", str(tmp_path / "good.db"), "--out", str(tmp_path / "v"),
                        "--outlet", "brenna courier")  # fmt: skip
    assert outcome.code == 0 and "Wrote 0 stories" in outcome.stdout
    assert outcome.stderr.strip() == (
        "storylens: note: no story matched --outlet 'brenna courier': outlets match by their name in any case"
        " (see storylens stories)"
    )
