"""Resources and code hold general language knowledge, never the demo corpus's own vocabulary.

The demo corpus (`storylens/demo`) is fictional and was written together with its gold annotations, so a rule
or word list that knows its invented names scores well on the demo and means nothing on real news (the
team's rule: "A rule, word list or threshold that exists because of one demo sentence is a defect"). The
invented names are the clearest trace such a rule leaves: no general lexicon of titles, reporting verbs,
places or loaded words can contain "Kessport" or "Dravonia". These tests fail when a data value of a
bundled resource file, or a string literal in the package's code, names one of them. Comments and
docstrings may use them as examples: they explain, they do not match.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from storylens.resources import read_yaml

PACKAGE = Path(str(resources.files("storylens")))
DEMO = PACKAGE / "demo"

# Word stems the demo world invented (countries, cities, places, companies and surnames that occur in no real
# news), matched case-insensitively at the start of a word so inflected and derived forms count too
# ("Norlandia", "norländisch", "Dravonian"). Real surnames and ordinary words the demo also uses (Halloran,
# Tanabe, Sand, Ventisca) are left out: a general resource may legitimately hold them.
DEMO_COINED_STEMS = (
    "norland",
    "norländ",
    "velmar",
    "kessport",
    "dravoni",
    "lisk",
    "aldren",
    "senna",
    "sternau",
    "arnhall",
    "valdori",
    "rosvall",
    "marsk",
    "kalvik",
    "velic",
    "nordkraft",
    "orcasur",
    "storvik",
    "hallby",
    "aldersen",
)
COINED = re.compile(r"(?<!\w)(?:" + "|".join(DEMO_COINED_STEMS) + r")", re.IGNORECASE)


def _strings(node: Any) -> Iterator[str]:
    """Every string of a parsed YAML document: mapping keys, values and list items."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _resource_values(path: Path) -> list[str]:
    """The data of one resource file (comments left out): YAML strings, or the non-comment lines of a table."""
    text = path.read_text(encoding="utf-8")
    if path.suffix in {".yaml", ".yml"}:
        return list(_strings(read_yaml(text)))
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _code_strings(path: Path) -> list[str]:
    """String literals of a module that are not docstrings or other bare string statements."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bare = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in bare
    ]


RESOURCE_FILES = sorted(
    path for path in (PACKAGE / "resources").rglob("*") if path.suffix in {".yaml", ".yml", ".tsv", ".csv", ".txt"}
)
CODE_FILES = sorted(path for path in PACKAGE.rglob("*.py") if DEMO not in path.parents)


def _demo_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted((DEMO / "corpus").iterdir()))


def test_every_coined_stem_is_a_word_of_the_demo_corpus() -> None:
    """The list follows the demo: a stem no demo article uses any more would guard nothing."""
    text = _demo_text()
    unused = [stem for stem in DEMO_COINED_STEMS if not re.search(r"(?<!\w)" + stem, text, re.IGNORECASE)]
    assert unused == []


def test_the_coined_stems_catch_the_demo_places_of_the_gold() -> None:
    """Every one-word place of the demo gold is caught (the gold names the world's places)."""
    gold = read_yaml((DEMO / "gold.json").read_text(encoding="utf-8"))
    places = [
        alias
        for entity in gold["entities"]
        if entity["type"] == "GPE"
        for alias in entity["aliases"]
        if " " not in alias
    ]
    assert places and [place for place in places if not COINED.match(place)] == []


def test_the_check_finds_a_demo_name_in_a_resource_value() -> None:
    assert COINED.search("harbour master of Kessport") and COINED.search("norlandés")
    assert not COINED.search("harbour master") and not COINED.search("Halloran")


@pytest.mark.parametrize("path", RESOURCE_FILES, ids=lambda path: str(path.relative_to(PACKAGE / "resources")))
def test_a_resource_file_holds_no_demo_name(path: Path) -> None:
    assert [value for value in _resource_values(path) if COINED.search(value)] == []


def test_resource_and_code_files_are_found() -> None:
    assert len(RESOURCE_FILES) >= 30 and len(CODE_FILES) >= 50


@pytest.mark.parametrize("path", CODE_FILES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_a_module_has_no_demo_name_in_its_string_literals(path: Path) -> None:
    assert [value for value in _code_strings(path) if COINED.search(value)] == []
