"""Every store-reading command takes `--db postgresql://...` (against a real throwaway server)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_storylens
from test_kill_resume import ARTICLES, EVENTS, write_inputs


@pytest.mark.slow
def test_analyze_then_every_store_command_works_on_a_postgresql_url(tmp_path: Path, postgres_url: str) -> None:
    write_inputs(tmp_path / "in")
    analyzed = run_storylens(
        "analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--db", postgres_url, "-w", "1"
    )
    assert analyzed.returncode == 0, analyzed.stderr
    assert "Store:       postgresql://" in analyzed.stdout
    listed = run_storylens("stories", "--db", postgres_url, "--json")
    assert listed.returncode == 0, listed.stderr
    stories = json.loads(listed.stdout)
    assert sum(story["articles"] for story in stories) == ARTICLES
    shown = run_storylens("show", stories[0]["id"], "--db", postgres_url)
    assert shown.returncode == 0, shown.stderr
    found = run_storylens("search", "warehouse AND harbour", "--db", postgres_url)
    harbour_fires = sum(1 for number in range(ARTICLES) if number % len(EVENTS) == 0)  # every 5th report
    assert found.returncode == 0 and found.stdout.count("[warehouse]") == harbour_fires
    reported = run_storylens("report", "--db", postgres_url, "--out", str(tmp_path / "view"), "--outlet", "nowhere")
    assert reported.returncode == 0 and "Wrote 0 stories" in reported.stdout
