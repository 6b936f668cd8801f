"""Cleaning: remove what extraction left behind and repair machine-translation punctuation.

Every change is recorded as a `Removal` with offsets into the ORIGINAL text, so
the report can show the original beside the cleaned text and
`apply_removals(original, removals)` rebuilds the cleaned text exactly.

Cleaning runs as a few passes of small named rules. Each rule looks at the
current text and proposes `Edit`s; a `RemovalLedger` (removals.py) turns those
into removals against the original text (merging with earlier ones they touch).
Detectors for translation residue that need more than a pattern live in residue.py.
Rules are conservative: a false removal loses content, a missed one only
leaves noise. Language knowledge (prompt phrases, footers, stray full-stop
words, glue words) lives in `resources/cleaning/<lang>.yaml`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from storylens.ingest.dates import epoch_to_iso
from storylens.ingest.removals import Edit, RemovalLedger
from storylens.ingest.removals import apply_removals as apply_removals  # re-exported: the public way to rebuild text
from storylens.ingest.residue import glued_full_stops, is_widget_line, line_words
from storylens.model import Article, Removal
from storylens.pipeline import Stats
from storylens.resources import read_yaml

# Reasons that point at machine translation (read by the language step).
TRANSLATION_REPAIR_REASONS = ("stray-full-stop", "duplicated-phrase", "missing-space")

LETTER = r"[^\W\d_]"
AFTER_WORD_OR_QUOTE = r"(?:(?<=[^\W_])|(?<=[”\"’»)]))"  # right after a letter, digit, closing quote or bracket
SENTENCE_END = ".!?\"”»'’"


@dataclass
class CleanSettings:
    """Which cleaning rule families run, and their thresholds.

    `languages` are the data files (resources/cleaning/<lang>.yaml) used when an
    article's language is unknown; when it is known, its own file is used
    together with English (English boilerplate is common in any scraped page).
    """

    languages: tuple[str, ...] = ("en", "es", "de", "fr")
    invisible_characters: bool = True  # zero-width chars, soft hyphens, non-breaking spaces, CR
    boilerplate_lines: bool = True  # share/comment/subscribe prompts, copyright and syndication footers
    navigation: bool = True  # related-article lists, menus and breadcrumbs
    hashtags: bool = True  # hashtag lines and hashtag tails after a sentence
    timestamps: bool = True  # bare epoch timestamps on their own line
    repeated_title: bool = True  # the title repeated at the top of the body
    stray_full_stops: bool = True  # "on Tuesday period The minister" -> "on Tuesday. The minister"
    glued_full_stops: bool = True  # "in MarchPeriodThe minister" -> "in March. The minister"
    comment_widgets: bool = True  # comment-widget lines however translation reworded them ("Leave an Answer")
    missing_spaces: bool = True  # "end.The", "end,which", "Velmarwhich"
    duplicated_phrases: bool = True  # "the end of March to the end of March" -> "the end of March"
    reworded_repeats: bool = True  # also "the end of March until an end of March": one function word changed
    punctuation: bool = True  # doubled quotes, " -- " dashes, space before comma
    whitespace: bool = True  # runs of spaces, blank-line runs, leading/trailing space
    max_boilerplate_line_chars: int = 200  # longer lines are content, never removed as boilerplate
    footer_window: int = 5  # syndication footers are only looked for in the last N non-empty lines
    max_link_line_chars: int = 100  # a line in a related-articles list is at most this long
    min_navigation_run: int = 4  # consecutive menu-like lines needed to call them navigation
    max_menu_line_chars: int = 40
    title_search_lines: int = 3  # a repeated title is looked for among the first N non-empty lines
    min_stray_stop_repeats: int = 3  # a stray full-stop word must recur this often in one article
    min_stray_stop_share: float = 0.6  # ... and be followed by a capital this share of the times
    min_duplicate_phrase_words: int = 3
    min_duplicate_phrase_chars: int = 12
    max_duplicate_phrase_words: int = 10
    min_reworded_repeat_content_words: int = 2  # a reworded repeat must share at least this many content words
    max_widget_line_words: int = 12  # a comment-widget line is at most this many words
    min_widget_word_similarity: float = 0.7  # character similarity for a word to be "near" a widget word
    min_widget_line_coverage: float = 0.6  # share of a line's words that must belong to the widget line it matches


@dataclass
class CleanedText:
    """The cleaned text and every removal that produced it (offsets into the original)."""

    text: str
    removals: list[Removal] = field(default_factory=list)


@dataclass(frozen=True)
class CleaningData:
    """Language data merged from one or more resources/cleaning/<lang>.yaml files."""

    prompt_lines: re.Pattern[str] | None
    related_headers: re.Pattern[str] | None
    copyright_lines: re.Pattern[str] | None
    footer_lines: re.Pattern[str] | None
    stray_full_stop_words: tuple[str, ...]
    sentence_starters: frozenset[str]
    glue_words: tuple[str, ...]  # split off on evidence from the article itself
    dictionary_glue_words: tuple[str, ...]  # split off when a word list says the glued form is not a word
    word_list_models: tuple[str, ...]  # spaCy packages whose lemmatizer tables serve as word lists
    phrase_function_words: frozenset[str] = frozenset()  # articles/prepositions a reworded repeat may change
    widget_lines: tuple[tuple[str, ...], ...] = ()  # known comment-widget lines, as casefolded words


@dataclass
class RuleContext:
    settings: CleanSettings
    data: CleaningData
    title: str | None


# ---------------------------------------------------------------- language data


@lru_cache(maxsize=32)
def load_cleaning_file(language: str) -> dict[str, Any]:
    """The raw data of resources/cleaning/<language>.yaml ({} when there is none)."""
    path = resources.files("storylens.resources").joinpath(f"cleaning/{language}.yaml")
    if not path.is_file():
        return {}
    return read_yaml(path.read_text(encoding="utf-8")) or {}


def _line_pattern(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


@lru_cache(maxsize=32)
def cleaning_data(languages: tuple[str, ...]) -> CleaningData:
    """The cleaning data of several languages merged into one set of patterns and lists."""
    merged: dict[str, list[Any]] = {}
    for language in languages:
        for key, values in load_cleaning_file(language).items():
            listed = values if isinstance(values, list) else [values]
            merged.setdefault(key, []).extend(value for value in listed if value not in merged.get(key, []))
    return CleaningData(
        prompt_lines=_line_pattern(merged.get("prompt_lines", [])),
        related_headers=_line_pattern(merged.get("related_headers", [])),
        copyright_lines=_line_pattern(merged.get("copyright_lines", [])),
        footer_lines=_line_pattern(merged.get("footer_lines", [])),
        stray_full_stop_words=tuple(str(word) for word in merged.get("stray_full_stop_words", [])),
        sentence_starters=frozenset(str(word) for word in merged.get("sentence_starters", [])),
        glue_words=tuple(str(word) for word in merged.get("glue_words", [])),
        dictionary_glue_words=_dictionary_glue_words(languages),
        word_list_models=tuple(str(model) for model in merged.get("word_list_model", [])),
        phrase_function_words=frozenset(str(word).casefold() for word in merged.get("phrase_function_words", [])),
        widget_lines=tuple(tuple(line_words(str(line))) for line in merged.get("widget_lines", [])),
    )


def _dictionary_glue_words(languages: tuple[str, ...]) -> tuple[str, ...]:
    """Glue words of the languages that have a word list to check glued forms against."""
    words: list[str] = []
    for language in languages:
        data = load_cleaning_file(language)
        if data.get("word_list_model"):
            words += [str(word) for word in [*data.get("glue_words", []), *data.get("glue_words_with_dictionary", [])]]
    return tuple(dict.fromkeys(words))


@lru_cache(maxsize=4)
def word_list(models: tuple[str, ...]) -> frozenset[str] | None:
    """Lowercase words known to the lemmatizer tables of installed spaCy packages (None when none is installed).

    Read straight from the package's lookups file: no pipeline is loaded.
    """
    from importlib.util import find_spec
    from pathlib import Path

    from spacy.lookups import Lookups

    words: set[str] = set()
    for model in models:
        spec = find_spec(model) if model.isidentifier() else None
        if spec is None or not spec.submodule_search_locations:
            continue
        for lookups_path in Path(next(iter(spec.submodule_search_locations))).glob("*/lemmatizer/lookups"):
            lookups = Lookups().from_disk(lookups_path)
            for table_name in ("lemma_index", "lemma_exc"):
                if table_name in lookups.tables:
                    words.update(_table_words(lookups.get_table(table_name)))
    return frozenset(words) or None


def _table_words(table: Any) -> set[str]:
    words: set[str] = set()
    for key, value in table.items():
        if isinstance(value, dict):
            words.update(str(word).lower() for word in value)
            words.update(str(word).lower() for forms in value.values() for word in forms)
        elif isinstance(value, (list, tuple, set)):
            words.update(str(word).lower() for word in value)
        elif isinstance(key, str):
            words.add(key.lower())
    return words


def languages_for(language: str | None, settings: CleanSettings) -> tuple[str, ...]:
    """Which data files clean an article: its own language plus English, or all configured ones."""
    if not language:
        return settings.languages
    base = language.split("-")[0].lower()
    return tuple(dict.fromkeys([base, "en"]))


# ---------------------------------------------------------------- line helpers


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # excludes the newline
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


def split_lines(text: str) -> list[Line]:
    lines, position = [], 0
    for raw in text.split("\n"):
        lines.append(Line(position, position + len(raw), raw))
        position += len(raw) + 1
    return lines


def remove_line(text: str, line: Line, reason: str) -> Edit:
    """An edit deleting a whole line with its newline (the last line's leftover newline goes with whitespace)."""
    return Edit(line.start, min(line.end + 1, len(text)), "", reason)


def _fullmatch(pattern: re.Pattern[str] | None, line: str) -> bool:
    return bool(pattern and pattern.fullmatch(line))


def _normalized_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold()))


# ---------------------------------------------------------------- rules: characters

INVISIBLE_CHARACTERS = re.compile("[\u200b\u2060\ufeff\u00ad]+")
NONBREAKING_SPACES = re.compile("[\u00a0\u2007\u202f\u2000-\u200a]")


def invisible_character_edits(text: str, context: RuleContext) -> list[Edit]:
    """Zero-width characters and soft hyphens go; non-breaking spaces become spaces; CR becomes LF."""
    edits = [Edit(m.start(), m.end(), "", "invisible-characters") for m in INVISIBLE_CHARACTERS.finditer(text)]
    edits += [Edit(m.start(), m.end(), " ", "non-breaking-space") for m in NONBREAKING_SPACES.finditer(text)]
    edits += [Edit(m.start(), m.end(), "\n", "line-endings") for m in re.finditer(r"\r\n?", text)]
    return edits


# ---------------------------------------------------------------- rules: whole lines


def boilerplate_line_edits(text: str, context: RuleContext) -> list[Edit]:
    """Prompt and copyright lines anywhere; syndication footers among the last lines."""
    settings, data = context.settings, context.data
    lines = split_lines(text)
    content_lines = [index for index, line in enumerate(lines) if line.stripped]
    footer_zone = set(content_lines[-settings.footer_window :])
    edits = []
    for index, line in enumerate(lines):
        stripped = line.stripped
        if not stripped or len(stripped) > settings.max_boilerplate_line_chars:
            continue
        if _fullmatch(data.prompt_lines, stripped):
            edits.append(remove_line(text, line, "prompt"))
        elif _fullmatch(data.copyright_lines, stripped):
            edits.append(remove_line(text, line, "copyright"))
        elif index in footer_zone and _fullmatch(data.footer_lines, stripped):
            edits.append(remove_line(text, line, "syndication"))
    return edits


def is_link_like(line: str, settings: CleanSettings) -> bool:
    """A short line without sentence punctuation at its end: a headline in a list of links."""
    return 0 < len(line) <= settings.max_link_line_chars and line[-1] not in SENTENCE_END + ",;:"


def is_menu_like(line: str, settings: CleanSettings) -> bool:
    """A very short capitalised line without punctuation or digits: a menu item."""
    words = line.split()
    return (
        0 < len(line) <= settings.max_menu_line_chars
        and len(words) <= 5
        and line[0].isupper()
        and not any(character.isdigit() for character in line)
        and line[-1] not in SENTENCE_END + ",;:"
    )


BREADCRUMB = re.compile(r"[^|>›»/]{1,30}(?:\s+[|>›»/]\s+[^|>›»/]{1,30}){2,}")


def is_breadcrumb(line: str) -> bool:
    """Breadcrumbs such as "Home | World | Europe": three or more short items joined by separators."""
    return bool(BREADCRUMB.fullmatch(line)) and all(len(part.split()) <= 4 for part in re.split(r"\s[|>›»/]\s", line))


def navigation_edits(text: str, context: RuleContext) -> list[Edit]:
    """Related-article lists after a header, breadcrumbs above or below the story, menu runs at the top or bottom."""
    settings = context.settings
    lines = split_lines(text)
    edits: list[Edit] = []
    # A breadcrumb sits above or below the story; "Artist | Tour | Show" between sentences is a subheading.
    sentence_lines = [i for i, line in enumerate(lines) if line.stripped.endswith(tuple(SENTENCE_END))]
    first_sentence, last_sentence = (sentence_lines[0], sentence_lines[-1]) if sentence_lines else (0, 0)
    index = 0
    while index < len(lines):
        line = lines[index]
        if _fullmatch(context.data.related_headers, line.stripped):
            run_end = _link_run_end(lines, index + 1, settings)
            if run_end > index + 1:  # a header alone may be a prompt; only remove it with its list
                listed = [lines[i] for i in range(index, run_end) if lines[i].stripped]
                edits.extend(remove_line(text, listed_line, "navigation") for listed_line in listed)
                index = run_end
                continue
        if is_breadcrumb(line.stripped) and not first_sentence < index < last_sentence:
            edits.append(remove_line(text, line, "navigation"))
        index += 1
    edits.extend(_menu_run_edits(text, lines, settings))
    return edits


def _link_run_end(lines: list[Line], start: int, settings: CleanSettings) -> int:
    """Index after the last link-like line of a list starting at `start` (blank lines allowed between)."""
    end = start
    for index in range(start, len(lines)):
        stripped = lines[index].stripped
        if not stripped:
            continue
        if not is_link_like(stripped, settings):
            break
        end = index + 1
    return end


def _menu_run_edits(text: str, lines: list[Line], settings: CleanSettings) -> list[Edit]:
    """Runs of menu-like lines that sit before all content or after all content."""
    content = [i for i, line in enumerate(lines) if line.stripped and not is_menu_like(line.stripped, settings)]
    if not content:
        return []
    head = [i for i in range(content[0]) if lines[i].stripped]
    tail = [i for i in range(content[-1] + 1, len(lines)) if lines[i].stripped]
    edits = []
    for run in (head, tail):
        if len(run) >= settings.min_navigation_run:
            edits.extend(remove_line(text, lines[i], "navigation") for i in run)
    return edits


def comment_widget_edits(text: str, context: RuleContext) -> list[Edit]:
    """Comment-widget lines that translation reworded or glued ("Leave an Answer", "Leave a ReplyCancel reply").

    Matched loosely against the language's known widget lines (`widget_lines` in
    resources/cleaning/<lang>.yaml); see `residue.is_widget_line` for what "near" means.
    """
    data, settings = context.data, context.settings
    if not data.widget_lines:
        return []
    edits = []
    for line in split_lines(text):
        stripped = line.stripped
        if not stripped or _fullmatch(data.prompt_lines, stripped):
            continue  # exact prompts are the boilerplate rule's
        if is_widget_line(
            stripped,
            data.widget_lines,
            data.phrase_function_words,
            settings.max_widget_line_words,
            settings.min_widget_word_similarity,
            settings.min_widget_line_coverage,
        ):
            edits.append(remove_line(text, line, "comment-widget"))
    return edits


def timestamp_edits(text: str, context: RuleContext) -> list[Edit]:
    """A bare 10- or 13-digit number on its own line that decodes to a plausible date."""
    return [
        remove_line(text, line, "epoch-timestamp")
        for line in split_lines(text)
        if line.stripped.isdigit() and epoch_to_iso(line.stripped)
    ]


def repeated_title_edits(text: str, context: RuleContext) -> list[Edit]:
    """Lines among the first few non-empty ones that repeat the title.

    A text that is nothing but its title (a headline-only item, as RSS feeds
    send) keeps it: removing it would leave an empty article, with nothing for
    the later steps to read and every such article equal to every other.
    """
    title = _normalized_words(context.title or "")
    if not title:
        return []
    lines = [line for line in split_lines(text) if line.stripped]
    top_lines = lines[: context.settings.title_search_lines]
    repeats = [line for line in top_lines if _normalized_words(line.stripped) == title]
    if len(repeats) == len(lines):
        return []
    return [remove_line(text, line, "repeated-title") for line in repeats]


HASHTAG = r"#[^\W\d_][\w-]*"
HASHTAG_LINE = re.compile(rf"(?:{HASHTAG}[\s,]*)+")
HASHTAG_TAIL = re.compile(rf"(?<=[.!?\"”»])[ \t]+(?:{HASHTAG}[ \t,]*)+$", re.MULTILINE)


def hashtag_edits(text: str, context: RuleContext) -> list[Edit]:
    """Lines made only of #tags, and #tag trails after the last sentence of a line."""
    edits = [remove_line(text, line, "hashtags") for line in split_lines(text) if HASHTAG_LINE.fullmatch(line.stripped)]
    edits += [Edit(m.start(), m.end(), "", "hashtags") for m in HASHTAG_TAIL.finditer(text)]
    return edits


# ---------------------------------------------------------------- rules: translation repairs


def stray_full_stop_edits(text: str, context: RuleContext) -> list[Edit]:
    """A word standing where a full stop belongs, recurring through one article.

    Candidates are the language's stray full-stop words ("period", "punto")
    and any other lowercase word found again and again right before a
    capitalised sentence starter. A candidate is repaired only when it ends a
    sentence (a capitalised word or the end of a line follows) at least
    `min_stray_stop_repeats` times and in most of its uses.
    """
    settings = context.settings
    edits = []
    lowered = text.lower()
    for word in _stray_full_stop_words(text, context):
        if word.lower() not in lowered:
            continue
        pattern = re.compile(rf"{AFTER_WORD_OR_QUOTE}[ \t]+{re.escape(word)}(?=[ \t]+({LETTER})|[ \t]*(?:\n|$))", re.I)
        at_boundary = [m for m in pattern.finditer(text) if not m.group(1) or m.group(1).isupper()]
        uses = len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE))
        if len(at_boundary) < settings.min_stray_stop_repeats:
            continue
        if len(at_boundary) / uses < settings.min_stray_stop_share:
            continue
        edits.extend(Edit(m.start(), m.end(), ".", "stray-full-stop") for m in at_boundary)
    return edits


def glued_full_stop_edits(text: str, context: RuleContext) -> list[Edit]:
    """A capitalised word standing for a full stop, glued between two sentences: "MarchPeriodThe" -> "March. The".

    See `residue.glued_full_stops`: the next sentence must start with one of the language's sentence
    starters, or the glued word must be one of its full-stop words.
    """
    data = context.data
    return [
        Edit(glued.start, glued.end, ". ", "stray-full-stop")
        for glued in glued_full_stops(text, data.sentence_starters, data.stray_full_stop_words)
    ]


def _stray_full_stop_words(text: str, context: RuleContext) -> list[str]:
    """The data-listed words plus lowercase words that recur right before sentence starters."""
    starters = context.data.sentence_starters
    lowered_starters = {starter.lower() for starter in starters}
    found = Counter(
        match.group(1)
        for match in re.finditer(rf"(?<={LETTER}) ([^\W\d_]+)(?= ([^\W\d_]+))", text)
        if match.group(2) in starters and match.group(1).islower()
    )
    evidence_words = [
        word
        for word, count in found.items()
        if count > context.settings.min_stray_stop_repeats
        and word not in lowered_starters
        and word not in context.data.glue_words
    ]
    return list(dict.fromkeys([*context.data.stray_full_stop_words, *evidence_words]))


def _is_address_like(text: str, start: int, end: int) -> bool:
    """Whether the whitespace-delimited chunk around [start, end) is a URL, e-mail or file name."""
    chunk_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    chunk_end_candidates = [i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0]
    chunk = text[chunk_start : min(chunk_end_candidates) if chunk_end_candidates else len(text)]
    return bool(re.search(r"://|www\.|@|\.(?:com|org|net|html?|php|pdf)\b", chunk, re.IGNORECASE))


def _is_latin_like(character: str) -> bool:
    """Letters of alphabets that separate words with spaces (not CJK, Thai, ...)."""
    return character.isalpha() and ord(character) < 0x2E80 and not 0x0E00 <= ord(character) <= 0x0EFF


def missing_space_edits(text: str, context: RuleContext) -> list[Edit]:
    """Insert the space machine translation dropped: "end.The", "end,which", "Velmarwhich"."""
    edits = []
    for match in re.finditer(rf"({LETTER}{{2,}})([.!?]+)(?=({LETTER}{{2,}}))", text):
        left, right = match.group(1), match.group(3)
        glued = left[-1].islower() and right[0].isupper() and right[1].islower()
        if glued and not _is_address_like(text, match.start(), match.end() + len(right)):
            edits.append(Edit(match.end(2), match.end(2), " ", "missing-space"))
    for match in re.finditer(rf"({LETTER})([,;])({LETTER})", text):
        glued = _is_latin_like(match.group(1)) and _is_latin_like(match.group(3))
        if glued and not _is_address_like(text, match.start(), match.end()):
            edits.append(Edit(match.end(2), match.end(2), " ", "missing-space"))
    edits.extend(_glued_function_word_edits(text, context))
    return edits


def _glued_function_word_edits(text: str, context: RuleContext) -> list[Edit]:
    """A word glued to a function word ("Velmarwhich"), split only on evidence.

    The glued form must occur once and not be a known word (when a word list
    exists); its first part must occur on its own elsewhere in the article, or
    be a name or a known word while the glue word is one the word list covers.
    """
    glue_words = tuple(dict.fromkeys([*context.data.glue_words, *context.data.dictionary_glue_words]))
    if not glue_words:
        return []
    tokens = list(re.finditer(rf"{LETTER}+", text))
    counts = Counter(token.group() for token in tokens)
    candidates = [token for token in tokens if counts[token.group()] == 1 and token.group().endswith(glue_words)]
    if not candidates:
        return []
    dictionary = word_list(context.data.word_list_models) if context.data.word_list_models else None
    dictionary_glue = context.data.dictionary_glue_words if dictionary else ()
    edits = []
    for token in candidates:
        word = token.group()
        if dictionary and word.lower() in dictionary:
            continue
        for glue in glue_words:
            prefix = word[: -len(glue)]
            if not word.endswith(glue) or len(prefix) < 3:
                continue
            seen_alone = counts[prefix] >= 1 and glue in context.data.glue_words
            known = glue in dictionary_glue and (prefix[0].isupper() or prefix.lower() in (dictionary or ()))
            if seen_alone or known:
                edits.append(Edit(token.start() + len(prefix), token.start() + len(prefix), " ", "missing-space"))
                break
    return edits


def duplicated_phrase_edits(text: str, context: RuleContext) -> list[Edit]:
    """A phrase of several words repeated right after itself (or after one short word): keep the first copy.

    Machine translation sometimes renders one source phrase twice, the second time
    reworded ("before the end of March to the end of March", "the end of March until
    an end of March"). Besides exact repeats, a *reworded repeat* is removed: the same
    content words in the same order, ending on the same word, with at most one
    article or preposition (resources/cleaning/<lang>.yaml `phrase_function_words`)
    changed, added or dropped; the word between the copies, if any, is short or one of
    those function words ("to", "until"). Both copies must sit in one run of single spaces (no
    punctuation between them), so "never again, never again" and listed items stay;
    the phrase must be at least `min_duplicate_phrase_words` long, so idioms such as
    "day to day", "step by step" or "again and again" are never touched.
    """
    settings = context.settings
    tokens = list(re.finditer(r"[^\W_]+", text))
    words = [token.group().casefold() for token in tokens]
    function_words = context.data.phrase_function_words if settings.reworded_repeats else frozenset()
    edits: list[Edit] = []
    index = 0
    while index < len(tokens):
        repeat = _repeat_at(text, tokens, words, index, settings, function_words)
        if repeat is None:
            index += 1
            continue
        first_end, second_end = repeat
        if _is_rhetorical_repeat(words, index, first_end, second_end, function_words):
            index = second_end + 1
            continue
        edits.append(Edit(tokens[first_end].end(), tokens[second_end].end(), "", "duplicated-phrase"))
        index = second_end + 1
    return edits


def _is_rhetorical_repeat(
    words: list[str], start: int, first_end: int, second_end: int, function_words: frozenset[str]
) -> bool:
    """Repetition the writer meant: translation renders a phrase twice, a writer builds a chain.

    A chain repeats a word inside the phrase itself ("war after war after war") or goes on with a third
    copy ("machines made of machines made of machines"): both are kept.
    """
    phrase = words[start : first_end + 1]
    content = [word for word in phrase if word not in function_words]
    if len(set(content)) < len(content):
        return True
    lead = phrase[:2]
    return (
        words[second_end + 1 : second_end + 1 + len(lead)] == lead
        or words[max(0, start - len(phrase)) : start][:2] == lead
    )


def _repeat_at(
    text: str,
    tokens: list[re.Match[str]],
    words: list[str],
    index: int,
    settings: CleanSettings,
    function_words: frozenset[str] = frozenset(),
) -> tuple[int, int] | None:
    """(last token of the first copy, last token of the second copy) for a phrase repeated at `index`."""
    for size in range(settings.max_duplicate_phrase_words, settings.min_duplicate_phrase_words - 1, -1):
        if index + size > len(tokens):
            continue
        if tokens[index + size - 1].end() - tokens[index].start() < settings.min_duplicate_phrase_chars:
            continue
        last = words[index + size - 1]
        if last not in words[index + 2 * size - 2 : index + 2 * size + 2]:
            continue  # every repeat ends on the same word, size - 1 to size + 2 words later: the cheap test first
        first = words[index : index + size]
        for connector in (0, 1):
            second = index + size + connector
            if connector and not (
                second <= len(tokens)
                and tokens[second - 1].group().islower()
                and (len(words[second - 1]) <= 4 or words[second - 1] in function_words)
            ):
                continue
            for second_size in (size, size - 1, size + 1):
                if second + second_size > len(tokens) or second_size < settings.min_duplicate_phrase_words - 1:
                    continue
                if words[second + second_size - 1] != last:
                    continue
                candidate = words[second : second + second_size]
                exact = candidate == first
                if not exact and not _is_reworded_repeat(first, candidate, function_words, settings):
                    continue
                if _single_spaced(text, tokens, index, second + second_size - 1) and not _joined_to_next(
                    text, tokens[second + second_size - 1].end()
                ):
                    return index + size - 1, second + second_size - 1
    return None


def _is_reworded_repeat(
    first: list[str], second: list[str], function_words: frozenset[str], settings: CleanSettings
) -> bool:
    """`second` says `first` again with one article or preposition changed, added or dropped."""
    if not function_words or first[-1] != second[-1] or first[-1] in function_words:
        return False
    first_content = [word for word in first if word not in function_words]
    if len(first_content) < settings.min_reworded_repeat_content_words:
        return False
    if first_content != [word for word in second if word not in function_words]:
        return False
    if len(first) == len(second):
        changed = [(a, b) for a, b in zip(first, second, strict=True) if a != b]
        return len(changed) == 1
    longer, shorter = (first, second) if len(first) > len(second) else (second, first)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)) if longer[i] in function_words)


def _single_spaced(text: str, tokens: list[re.Match[str]], first: int, last: int) -> bool:
    """Tokens first..last are separated by single spaces only (no punctuation, no line break)."""
    return all(text[tokens[i].end() : tokens[i + 1].start()] == " " for i in range(first, last))


def _joined_to_next(text: str, end: int) -> bool:
    """The word ending at `end` continues ("Velmar's", "March-end"): it is not a whole phrase end."""
    return text[end : end + 1] in ("'", "’", "-") and text[end + 1 : end + 2].isalnum()


# ---------------------------------------------------------------- rules: punctuation and whitespace


def punctuation_edits(text: str, context: RuleContext) -> list[Edit]:
    """Doubled ASCII quotes ("" from CSV escaping), spaced double hyphens, a space before a comma or full stop.

    Typographic quotes (« » „ “ ”) are left as they are: quote extraction needs them.
    """
    edits = [Edit(m.start(), m.end(), '"', "doubled-quotes") for m in re.finditer(r'(?<!")""(?!")', text)]
    edits += [Edit(m.start(), m.end(), "—", "dash") for m in re.finditer(r"(?<= )-{2,3}(?= )", text)]
    edits += [
        Edit(m.start(), m.end(), "", "space-before-punctuation")
        for m in re.finditer(rf"(?<={LETTER})[ \t]+(?=[,.](?:\s|$))", text)
    ]
    return edits


def space_edits(text: str, context: RuleContext) -> list[Edit]:
    """Tabs and runs of spaces become one space; spaces at the start or end of a line go."""
    edits = [Edit(m.start(), m.end(), "", "whitespace") for m in re.finditer(r"^[ \t]+|[ \t]+$", text, re.MULTILINE)]
    edits += [
        Edit(m.start(), m.end(), " ", "whitespace")
        for m in re.finditer(r"(?<=\S)(?: {2,}|\t[ \t]*| \t[ \t]*)(?=\S)", text)
    ]
    return edits


def blank_line_edits(text: str, context: RuleContext) -> list[Edit]:
    """Three or more newlines become one blank line; blank space at the start or end of the text goes."""
    edges = [Edit(m.start(), m.end(), "", "whitespace") for m in re.finditer(r"\A\s+|\s+\Z", text)]
    inside = [
        Edit(m.start(), m.end(), "\n\n", "whitespace")
        for m in re.finditer(r"\n{3,}", text)
        if not any(edge.start <= m.start() < edge.end or edge.start < m.end() <= edge.end for edge in edges)
    ]
    return edges + inside


Rule = Callable[[str, RuleContext], list[Edit]]


def cleaning_passes(settings: CleanSettings) -> list[list[Rule]]:
    """The passes in order; rules within one pass see the same text."""
    line_rules: list[Rule] = []
    for enabled, rule in (
        (settings.boilerplate_lines, boilerplate_line_edits),
        (settings.navigation, navigation_edits),
        (settings.comment_widgets, comment_widget_edits),
        (settings.timestamps, timestamp_edits),
        (settings.repeated_title, repeated_title_edits),
        (settings.hashtags, hashtag_edits),
    ):
        if enabled:
            line_rules.append(rule)
    passes: list[list[Rule]] = [
        [invisible_character_edits] if settings.invisible_characters else [],
        line_rules,
        [stray_full_stop_edits] if settings.stray_full_stops else [],
        [glued_full_stop_edits] if settings.glued_full_stops else [],
        [missing_space_edits] if settings.missing_spaces else [],
        [duplicated_phrase_edits] if settings.duplicated_phrases else [],
        [punctuation_edits] if settings.punctuation else [],
        [space_edits] if settings.whitespace else [],
        [blank_line_edits] if settings.whitespace else [],
    ]
    return [rules for rules in passes if rules]


def clean_text(
    text: str, language: str | None = None, title: str | None = None, settings: CleanSettings | None = None
) -> CleanedText:
    """Clean one article body; removals point into `text` as given."""
    settings = settings or CleanSettings()
    context = RuleContext(settings, cleaning_data(languages_for(language, settings)), title)
    ledger = RemovalLedger(text)
    for rules in cleaning_passes(settings):
        edits = [edit for rule in rules for edit in rule(ledger.text, context)]
        ledger.apply(edits)
    return CleanedText(ledger.text, ledger.removals)


@dataclass
class CleanText:
    """Article step "clean": sets `original_text`, the cleaned `text` and `removals`.

    Runs again from `original_text` when it is already set, so cleaning twice
    gives the same result as cleaning once.
    """

    settings: CleanSettings = field(default_factory=CleanSettings)
    name: str = "clean"

    def run(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]:
        for article in articles:
            stats["articles"] += 1
            original = article.original_text if article.original_text is not None else article.text
            cleaned = clean_text(original, article.language, article.title, self.settings)
            article.original_text = original
            article.text = cleaned.text
            article.removals = cleaned.removals
            stats["removals"] += len(cleaned.removals)
            stats["changed"] += int(cleaned.text != original)
            for removal in cleaned.removals:
                stats[f"removal:{removal.reason}"] += 1
            yield article
