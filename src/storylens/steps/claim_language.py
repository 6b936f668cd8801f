"""Language data for claims: cue words and phrases, unit classes and event frames.

Everything a claim rule knows about a language lives in `resources/claims/<language>.yaml` (negation, denial,
hedging and plan markers, number bounds, "only", list conjunctions, source-of-information phrases, the decimal
separator), plus two shared files: `units.yaml` (what a number counts, in every language) and `frames.yaml`
(event frames that give a claim a predicate shared across languages). Numbers written in words and scale words
are read by `storylens.numerals` (`resources/numerals/`), shared with the time step. Adding a language is adding
a data file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from storylens.resources import read_yaml

RESOURCE_PACKAGE = "storylens.resources"
RESOURCE_FOLDER = "claims"
FALLBACK_LANGUAGE = "en"


class ClaimDataError(ValueError):
    """A claims resource file is missing a section or is not valid YAML."""


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern matching any of `phrases` as whole words (longest first)."""
    words = sorted({p.casefold() for p in phrases if p}, key=len, reverse=True)
    if not words:
        return None
    alternation = "|".join(re.escape(word) for word in words)
    return re.compile(rf"(?<![\w'’])(?:{alternation})(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class ClaimLanguage:
    """Compiled cues for one language."""

    code: str
    negation: re.Pattern[str] | None
    denial: re.Pattern[str] | None
    hedge: re.Pattern[str] | None
    planned: re.Pattern[str] | None
    bound_min: re.Pattern[str] | None
    bound_max: re.Pattern[str] | None
    bound_approx: re.Pattern[str] | None
    only: re.Pattern[str] | None
    list_conjunctions: tuple[str, ...]
    contrast: re.Pattern[str] | None
    coordinated: re.Pattern[str] | None
    partitive: re.Pattern[str] | None
    source_markers: re.Pattern[str] | None
    information_verbs: re.Pattern[str] | None
    refuting: re.Pattern[str] | None
    discussing: re.Pattern[str] | None
    decimal_comma: bool
    capitalized_nouns: bool


def _read_resource(name: str) -> dict[str, Any]:
    path = resources.files(RESOURCE_PACKAGE).joinpath(f"{RESOURCE_FOLDER}/{name}.yaml")
    try:
        data = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ClaimDataError(f"resources/{RESOURCE_FOLDER}/{name}.yaml: cannot read: {error}") from error
    if not isinstance(data, dict):
        raise ClaimDataError(f"resources/{RESOURCE_FOLDER}/{name}.yaml: expected a mapping")
    return data


def available_languages() -> list[str]:
    folder = resources.files(RESOURCE_PACKAGE).joinpath(RESOURCE_FOLDER)
    return sorted(
        item.name.removesuffix(".yaml")
        for item in folder.iterdir()
        if item.name.endswith(".yaml") and len(item.name) == len("xx.yaml")
    )


@lru_cache(maxsize=16)
def load_claim_language(code: str | None) -> ClaimLanguage:
    """The cues for `code` ("en", "es-ES", ...); English when the language has no data file."""
    base = (code or FALLBACK_LANGUAGE).split("-")[0].lower()
    if base not in available_languages():
        base = FALLBACK_LANGUAGE
    data = _read_resource(base)
    bounds = data.get("bounds") or {}
    return ClaimLanguage(
        code=base,
        negation=phrase_pattern(data.get("negation", [])),
        denial=phrase_pattern(data.get("denial", [])),
        hedge=phrase_pattern(data.get("hedge", [])),
        planned=phrase_pattern(data.get("planned", [])),
        bound_min=phrase_pattern(bounds.get("min", [])),
        bound_max=phrase_pattern(bounds.get("max", [])),
        bound_approx=phrase_pattern(bounds.get("approx", [])),
        only=phrase_pattern(data.get("only", [])),
        list_conjunctions=tuple(str(word).casefold() for word in data.get("list_conjunctions", [])),
        contrast=phrase_pattern(data.get("contrast", [])),
        coordinated=phrase_pattern(data.get("coordinated_clauses", [])),
        partitive=phrase_pattern(data.get("partitive", [])),
        source_markers=phrase_pattern(data.get("source_markers", [])),
        information_verbs=phrase_pattern(data.get("information_verbs", [])),
        refuting=phrase_pattern(data.get("refuting", [])),
        discussing=phrase_pattern(data.get("discussing", [])),
        decimal_comma=bool(data.get("decimal_comma", False)),
        capitalized_nouns=bool(data.get("capitalized_nouns", False)),
    )


@lru_cache(maxsize=1)
def unit_classes() -> dict[str, str]:
    """Unit word (any language, lowercase) -> unit class ("heridos" -> "injured")."""
    return {str(word).casefold(): unit for unit, words in _read_resource("units").items() for word in words}


@dataclass(frozen=True, eq=False)
class FrameLexicon:
    """Event frames: whole words and word beginnings that evoke each frame."""

    whole_words: dict[str, str]
    prefixes: tuple[tuple[str, str], ...]  # (beginning, frame), longest first

    def frame_of(self, word: str) -> str | None:
        return _frame_of(self, word.casefold())


@lru_cache(maxsize=200_000)
def _frame_of(lexicon: FrameLexicon, folded: str) -> str | None:
    """The frame of a folded word, cached: news repeats its words, and the prefix scan is the slow part."""
    if folded in lexicon.whole_words:
        return lexicon.whole_words[folded]
    for prefix, frame in lexicon.prefixes:
        if folded.startswith(prefix):
            return frame
    return None


@lru_cache(maxsize=1)
def frame_lexicon() -> FrameLexicon:
    whole: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for frame, entries in _read_resource("frames").items():
        for entry in entries:
            text = str(entry).casefold()
            if text.endswith("="):
                whole[text[:-1]] = frame
            else:
                prefixes.append((text, frame))
    return FrameLexicon(whole, tuple(sorted(prefixes, key=lambda item: -len(item[0]))))
