"""SIGKILL in the middle of `analyze` or `watch`, on SQLite and on PostgreSQL: after a restart every
article is stored, analysed and placed in exactly one story, exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storylens.store import open_store

TOWNS = ["Ostrand", "Kessing", "Velmar", "Tarnow Bay", "Lisk", "Hollum", "Brevik", "Saldern"]
EVENTS = [
    ("harbour fire", "A fire broke out in a warehouse at the {town} harbour, the fire service said."),
    ("ferry strike", "Deckhands on the {town} ferry walked out over pay, halting crossings for a {n}th day."),
    (
        "bridge closure",
        "The old bridge in {town} was closed to traffic after inspectors found cracks, the council said.",
    ),
    ("school opening", "A new school opened in {town} with {n} pupils, the mayor told reporters."),
    ("flood warning", "Forecasters issued a flood warning for {town} as the river rose {n} centimetres overnight."),
]
# Batches are 32 articles: after the first batch is saved (when the test kills) at least two more full
# batches remain, so the kill lands mid-run even when short articles are analysed in a few milliseconds.
ARTICLES = 100


def write_inputs(folder: Path) -> list[str]:
    """ARTICLES short fictional reports as one JSONL file; their external ids."""
    folder.mkdir(parents=True, exist_ok=True)
    lines, ids = [], []
    for number in range(ARTICLES):
        town = TOWNS[number % len(TOWNS)]
        topic, sentence = EVENTS[number % len(EVENTS)]
        # every text distinct (the store keeps one article per text), whatever the template
        text = sentence.format(town=town, n=number + 3) + f" Residents of {town} were sent notice {number + 1}."
        ids.append(f"report-{number}")
        lines.append(json.dumps({"id": ids[-1], "title": f"{town} {topic}", "text": text, "language": "en"}))
    (folder / "reports.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def start(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "storylens.cli", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def kill_after_first_batch(process: subprocess.Popen[bytes], store_url: str, timeout: float = 180) -> int:
    """SIGKILL the process as soon as the store holds an analysed article; how many it held."""
    deadline = time.monotonic() + timeout
    with open_store(store_url) as store:
        while time.monotonic() < deadline and process.poll() is None:
            analyzed = store.count_articles("analyzed")
            if analyzed:
                os.kill(process.pid, signal.SIGKILL)
                process.wait(30)
                return analyzed
            time.sleep(0.01)
    stderr = process.stderr.read().decode() if process.stderr else ""
    pytest.fail(f"the run ended (or hung) before it could be killed mid-way: {stderr[-2000:]}")


def assert_every_article_exactly_once(store_url: str, external_ids: list[str]) -> None:
    with open_store(store_url) as store:
        corpus = store.load_corpus()
        assert store.count_articles() == len(external_ids) == store.count_articles("analyzed")
        assert store.ungrouped_article_ids() == set()
    assert sorted(a.external_id or "" for a in corpus.articles.values()) == sorted(external_ids)
    placed = [article_id for story in corpus.stories.values() for article_id in story.article_ids]
    assert sorted(placed) == sorted(corpus.articles)  # every article in exactly one story
    assert all(corpus.articles[i].story_id == s.id for s in corpus.stories.values() for i in s.article_ids)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'kill.db'}" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    open_store(url).close()  # schema created before the run starts, so the test can watch the store
    return str(url)


@pytest.mark.slow
def test_analyze_killed_mid_run_then_rerun_stores_every_article_once(tmp_path: Path, store_url: str) -> None:
    ids = write_inputs(tmp_path / "in")
    args = ["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--db", store_url, "-w", "1", "-q"]
    held = kill_after_first_batch(start(*args), store_url)
    assert 0 < held < ARTICLES
    rerun = subprocess.run([sys.executable, "-m", "storylens.cli", *args], capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert_every_article_exactly_once(store_url, ids)


@pytest.mark.slow
def test_watch_killed_mid_cycle_then_restarted_stores_every_article_once(tmp_path: Path, store_url: str) -> None:
    ids = write_inputs(tmp_path / "inbox")
    args = ["watch", str(tmp_path / "inbox"), "--out", str(tmp_path / "out"), "--db", store_url, "-w", "1"]
    held = kill_after_first_batch(start(*args, "--interval", "0.2"), store_url)
    assert 0 < held < ARTICLES
    restarted = subprocess.run(
        [sys.executable, "-m", "storylens.cli", *args, "--cycles", "2", "--interval", "0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert restarted.returncode == 0, restarted.stderr
    assert "cycle 2: 0 feed(s) fetched, 0 new article(s)" in restarted.stdout
    assert_every_article_exactly_once(store_url, ids)


@pytest.mark.slow
def test_two_analyze_runs_at_once_on_one_postgresql_store_lose_and_duplicate_nothing(
    tmp_path: Path, postgres_url: str
) -> None:
    """The server store is the one several machines write to; the SQLite store takes the same corpus lock."""
    store_url = postgres_url
    open_store(store_url).close()
    ids = write_inputs(tmp_path / "in")
    runs = [
        start("analyze", str(tmp_path / "in"), "--out", str(tmp_path / f"out-{n}"), "--db", store_url, "-w", "1", "-q")
        for n in (1, 2)
    ]
    for run in runs:
        assert run.wait(300) == 0, run.stderr.read().decode() if run.stderr else ""
    assert_every_article_exactly_once(store_url, ids)
