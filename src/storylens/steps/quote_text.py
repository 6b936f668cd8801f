"""Text plumbing for quote extraction: language cues, tokens, sentences and quotation marks.

Everything language-specific comes from `resources/quotes/<language>.yaml` and
`resources/quotes/marks.yaml`; this module only knows how to read them and how
to cut a text into tokens, sentences and quoted spans with exact offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources

from storylens.resources import read_yaml

DEFAULT_LANGUAGE = "en"
SENTENCE_END = ".!?…"
WORD_PATTERN = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)
QUOTE_MARK_CHARACTERS = " \t\"'“”„«»‚‘’"
CLOSING_PUNCTUATION = " .,;:!?…\"'”’»"
SENTENCE_END_AFTER = re.compile(r"[.!?…]\s|\n")


class QuoteResourceError(RuntimeError):
    """A quote resource file is missing or malformed."""


@dataclass(frozen=True)
class Lexicon:
    """The cues of one language, as lowercase word sets and phrase tuples."""

    language: str
    reporting_verbs: frozenset[str]
    bare_content_verbs: frozenset[str]
    addressee_verbs: frozenset[str]
    fillers: frozenset[str]
    complementizers: frozenset[str]
    elided_complementizers: tuple[str, ...]
    elisions: tuple[str, ...]
    comma_introduces_content: bool
    according_to: tuple[tuple[str, ...], ...]
    postpositions: frozenset[str]
    pronouns: frozenset[str]
    determiners: frozenset[str]
    role_words: frozenset[str]
    title_cues: frozenset[str]
    title_small_words: frozenset[str]
    not_names: frozenset[str]
    abbreviations: frozenset[str]
    name_particles: frozenset[str]
    honorifics: frozenset[str]
    pronoun_genders: dict[str, str | None] = field(default_factory=dict)  # one-person pronouns -> "f", "m", None
    gendered_roles: dict[str, str | None] = field(default_factory=dict)
    group_words: frozenset[str] = frozenset()
    relative_pronouns: frozenset[str] = frozenset()
    coordinators: frozenset[str] = frozenset()
    # joining the speaker's next speech act to the report ("said ... but added"); coordinators plus these
    contrastive_coordinators: frozenset[str] = frozenset()
    coordinated_verbs: frozenset[str] = frozenset()
    null_subject: bool = False
    participle_verbs: frozenset[str] = frozenset()
    verb_particles: frozenset[str] = frozenset()
    role_linkers: frozenset[str] = frozenset()
    # verbs naming something in the speaker's words ('called the plan “reckless”'; quote_frames.naming_frame)
    naming_verbs: frozenset[str] = frozenset()
    naming_particles: frozenset[str] = frozenset()  # 'called for', 'called on': not naming
    naming_links: frozenset[str] = frozenset()  # 'described as “…”': no named object
    # 'asked whether …', 'wondered if …': the content starts at them under `content_with_complementizer`
    question_complementizers: frozenset[str] = frozenset()
    naming_objects: frozenset[str] = frozenset()  # object pronouns a naming verb names ('called her “weak”')
    naming_verb_particles: dict[str, str] = field(default_factory=dict)  # 'referred [to] him as “…”'
    speech_nouns: frozenset[str] = frozenset()  # nouns naming an utterance ('Ruiz's “very fine” remark')
    possessive_pronouns: frozenset[str] = frozenset()  # 'his “…” remark': the possessor is the speaker
    # reported speech read from a dependency parse (reported_speech.py); empty parser = surface rules only
    reported_speech_parser: str = ""
    reported_speech_lemmas: frozenset[str] = frozenset()
    speech_lemmas: frozenset[str] = frozenset()  # of those, the verbs of speech (the rest: beliefs, findings)
    reported_speech_xcomp_lemmas: frozenset[str] = frozenset()
    reported_speech_object_lemmas: frozenset[str] = frozenset()
    reported_speech_direct_object_lemmas: frozenset[str] = frozenset()
    reported_speech_cues: tuple[str, ...] = ()
    # nouns naming a statement whose "that" clause is its content ("Ruiz's claim that …"), singular and plural
    speech_noun_forms: frozenset[str] = frozenset()
    according_to_heads: frozenset[str] = frozenset()


@dataclass(frozen=True)
class MarkPair:
    """An opening quotation mark and the marks that may close it."""

    open: str
    close: tuple[str, ...]
    ambiguous: bool
    inner_space: bool


@dataclass(frozen=True)
class Token:
    """A word with its offsets into the article text."""

    start: int
    end: int
    text: str

    @cached_property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class QuotedSpan:
    """Text between quotation marks: `open_at` is the opening mark, `close_at` the closing one."""

    open_at: int
    close_at: int
    width: int = 1  # characters per mark: 2 for the doubled apostrophes some archives use (''like this'')

    @property
    def content_start(self) -> int:
        return self.open_at + self.width

    @property
    def content_end(self) -> int:
        return self.close_at

    @property
    def end(self) -> int:
        """Offset just after the closing mark."""
        return self.close_at + self.width


def _resource_text(name: str) -> str:
    path = resources.files("storylens.resources").joinpath("quotes", name)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise QuoteResourceError(f"quote resource {name!r} not found") from error


def available_languages() -> list[str]:
    """Languages that have a cue file (the file name without `.yaml`)."""
    folder = resources.files("storylens.resources").joinpath("quotes")
    shared = {"marks.yaml"}
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml") and p.name not in shared)


def _words(data: dict, key: str) -> frozenset[str]:
    return frozenset(str(word).lower() for word in data.get(key) or [])


@lru_cache(maxsize=32)
def load_lexicon(language: str | None) -> Lexicon:
    """The cue lists for `language`, falling back to English for languages without a file."""
    code = (language or DEFAULT_LANGUAGE).split("-")[0].lower()
    if code not in available_languages():
        code = DEFAULT_LANGUAGE
    data = read_yaml(_resource_text(f"{code}.yaml"))
    if not isinstance(data, dict) or "reporting_verbs" not in data:
        raise QuoteResourceError(f"quote resource {code}.yaml has no reporting_verbs list")
    return Lexicon(
        language=code,
        reporting_verbs=_words(data, "reporting_verbs"),
        bare_content_verbs=_words(data, "bare_content_verbs"),
        addressee_verbs=_words(data, "addressee_verbs"),
        fillers=_words(data, "fillers"),
        complementizers=_words(data, "complementizers"),
        elided_complementizers=tuple(data.get("elided_complementizers") or []),
        elisions=tuple(data.get("elisions") or []),
        comma_introduces_content=bool(data.get("comma_introduces_content", False)),
        according_to=tuple(tuple(phrase.lower().split()) for phrase in data.get("according_to") or []),
        postpositions=_words(data, "postpositions"),
        pronouns=_words(data, "pronouns"),
        determiners=_words(data, "determiners"),
        role_words=_words(data, "role_words"),
        title_cues=_words(data, "title_cues"),
        title_small_words=_words(data, "title_small_words"),
        not_names=_words(data, "not_names"),
        abbreviations=_words(data, "abbreviations"),
        name_particles=_words(data, "name_particles"),
        honorifics=_words(data, "honorifics"),
        pronoun_genders=_genders(data, "pronoun_genders"),
        gendered_roles=_genders(data, "gendered_roles"),
        group_words=_words(data, "group_words"),
        relative_pronouns=_words(data, "relative_pronouns"),
        coordinators=_words(data, "coordinators"),
        contrastive_coordinators=_words(data, "contrastive_coordinators"),
        coordinated_verbs=_words(data, "coordinated_verbs"),
        null_subject=bool(data.get("null_subject", False)),
        participle_verbs=_words(data, "participle_verbs"),
        verb_particles=_words(data, "verb_particles"),
        role_linkers=_words(data, "role_linkers"),
        naming_verbs=_words(data, "naming_verbs"),
        naming_particles=_words(data, "naming_particles"),
        naming_links=_words(data, "naming_links"),
        naming_objects=_words(data, "naming_objects"),
        naming_verb_particles={
            str(verb).lower(): str(particle).lower()
            for verb, particle in (data.get("naming_verb_particles") or {}).items()
        },
        speech_nouns=_words(data, "speech_nouns"),
        possessive_pronouns=_words(data, "possessive_pronouns"),
        question_complementizers=_words(data, "question_complementizers"),
        **_reported_speech(data.get("reported_speech") or {}),
    )


def _reported_speech(data: dict) -> dict:
    """The `reported_speech` section: parser model, cue lemmas, and the surface stems that pick the
    sentences worth parsing (each lemma without a final "e" or "y", plus the irregular forms listed)."""
    speech = _words(data, "speech_lemmas")
    lemmas = _words(data, "lemmas") | speech
    xcomp = _words(data, "xcomp_lemmas")
    objects = _words(data, "object_lemmas")
    direct_objects = _words(data, "direct_object_lemmas")
    cues = lemmas | xcomp | objects | direct_objects
    stems = {lemma[:-1] if lemma.endswith(("e", "y")) and len(lemma) > 3 else lemma for lemma in cues}
    stems |= _words(data, "irregular_forms")
    nouns = _words(data, "speech_noun_lemmas")
    noun_forms = nouns | {noun + "s" for noun in nouns}
    stems |= nouns
    return {
        "reported_speech_parser": str(data.get("parser") or ""),
        "reported_speech_lemmas": cues,
        "speech_lemmas": speech,
        "reported_speech_xcomp_lemmas": xcomp,
        "reported_speech_object_lemmas": objects,
        "reported_speech_direct_object_lemmas": direct_objects,
        "reported_speech_cues": tuple(sorted(stems)),
        "according_to_heads": _words(data, "according_to_heads"),
        "speech_noun_forms": noun_forms,
    }


def _genders(data: dict, key: str) -> dict[str, str | None]:
    return {str(word).lower(): (str(gender) if gender else None) for word, gender in (data.get(key) or {}).items()}


@lru_cache(maxsize=1)
def load_first_names() -> dict[str, str]:
    """Given name (lowercase) -> "f" or "m", from first_names.tsv (shared by all languages).

    The file is derived from the `names-dataset` package by scripts/build_first_names.py: common given
    names of 106 countries whose usage is clearly one gender. A name missing there only means "gender
    unknown" (compatible with any pronoun), never a wrong guess."""
    genders: dict[str, str] = {}
    for line in _resource_text("first_names.tsv").splitlines():
        if line and not line.startswith("#"):
            name, _, gender = line.partition("\t")
            if gender not in ("f", "m"):
                raise QuoteResourceError(f"first_names.tsv: bad line {line!r}")
            genders[name] = gender
    return genders


@lru_cache(maxsize=1)
def load_mark_pairs() -> dict[str, MarkPair]:
    """Opening mark -> its pair, from marks.yaml."""
    data = read_yaml(_resource_text("marks.yaml"))
    pairs = {}
    for entry in data.get("pairs") or []:
        pair = MarkPair(
            entry["open"], tuple(entry["close"]), bool(entry.get("ambiguous")), bool(entry.get("inner_space"))
        )
        pairs[pair.open] = pair
    return pairs


@lru_cache(maxsize=1)
def _mark_pattern() -> re.Pattern[str]:
    marks = set()
    for pair in load_mark_pairs().values():
        marks.add(pair.open)
        marks.update(pair.close)
    return re.compile("[" + re.escape("".join(sorted(marks))) + "]")


def tokenize(text: str, lexicon: Lexicon) -> list[Token]:
    """Words with offsets; elided articles ("l'", "qu'") become tokens of their own."""
    tokens = []
    for match in WORD_PATTERN.finditer(text):
        start, word = match.start(), match.group()
        if word.endswith("."):
            word = word[:-1]
        for elision in lexicon.elisions:
            if len(word) > len(elision) and word.lower().startswith(elision):
                tokens.append(Token(start, start + len(elision), word[: len(elision)]))
                start, word = start + len(elision), word[len(elision) :]
                break
        tokens.append(Token(start, start + len(word), word))
    return tokens


def _is_space(char: str) -> bool:
    return char.isspace()


def _opens_here(text: str, at: int, pair: MarkPair) -> bool:
    """An opening mark must not be glued to a word before it, and must be followed by text."""
    after = text[at + 1 : at + 2]
    if not after or (after.isspace() and not pair.inner_space) or after in "\n":
        return False
    if not pair.ambiguous:
        return True
    before = text[at - 1] if at > 0 else " "
    return before.isspace() or before in "([{—–-:;,/"


def _closes_here(text: str, at: int, pair: MarkPair) -> bool:
    """A closing mark must follow text, and (when ambiguous) not be glued to a letter after it."""
    before = text[at - 1] if at > 0 else ""
    # a space before the closer after a nested quote's closer ("… the 'two-step' ") or after the quote's last
    # punctuation ("… doing this, " / "They see that. “"): a typesetting slip, the closer still ends the quote
    nested_close = before == " " and at > 1 and text[at - 2] in "’'.,!?…" and not text[at + 1 : at + 2].isalnum()
    if not before or before == "\n" or (before.isspace() and not pair.inner_space and not nested_close):
        return False
    if not pair.ambiguous:
        return True
    after = text[at + 1] if at + 1 < len(text) else " "
    return not after.isalnum()


def _continues_in_next_paragraph(text: str, newline_at: int, pair: MarkPair) -> int | None:
    """Where the quote resumes when the next paragraph reopens with the same mark, else None."""
    at = newline_at
    while at < len(text) and text[at].isspace():
        at += 1
    if at < len(text) and text[at] == pair.open and _opens_here(text, at, pair):
        return at
    return None


# Two apostrophes standing for a double quotation mark (''like this''), as in some news archives' plain text.
DOUBLED_APOSTROPHES = re.compile(r"(?<![\w'])''(?=[^\s'])([^\n]*?[^\s'])''(?![\w'])")


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Outermost quoted spans, in order. Quotes running over paragraphs are followed
    when each new paragraph reopens with the same mark (the press convention)."""
    doubled = [QuotedSpan(m.start(), m.end() - 2, 2) for m in DOUBLED_APOSTROPHES.finditer(text)]
    if not doubled:
        return _single_mark_spans(text)
    masked = list(text)
    for span in doubled:  # their apostrophes are no single marks
        masked[span.open_at : span.open_at + 2] = masked[span.close_at : span.close_at + 2] = ["\x00", "\x00"]
    single = [
        span
        for span in _single_mark_spans("".join(masked))
        if not any(outer.open_at <= span.open_at and span.end <= outer.end for outer in doubled)
    ]
    kept = [span for span in doubled if not any(o.open_at < span.open_at and span.end <= o.end for o in single)]
    return sorted(single + kept, key=lambda span: span.open_at)


def _single_mark_spans(text: str) -> list[QuotedSpan]:
    pairs = load_mark_pairs()
    marks = [(m.start(), m.group()) for m in _mark_pattern().finditer(text)]
    spans: list[QuotedSpan] = []
    index = 0
    while index < len(marks):
        at, mark = marks[index]
        pair = pairs.get(mark)
        if pair is None or not _opens_here(text, at, pair):
            index += 1
            continue
        close_index = _find_close(text, marks, index, pair)
        if close_index is None:
            index += 1
            continue
        spans.append(QuotedSpan(at, marks[close_index][0]))
        index = close_index + 1
    return spans


def _find_close(text: str, marks: list[tuple[int, str]], open_index: int, pair: MarkPair) -> int | None:
    """Index (in `marks`) of the mark closing the one at `open_index`, tracking nesting of the same pair."""
    depth = 1
    position = marks[open_index][0]
    for index in range(open_index + 1, len(marks)):
        at, mark = marks[index]
        newline = text.find("\n", position + 1, at)
        if newline != -1:
            resumed = _continues_in_next_paragraph(text, newline, pair)
            if resumed is None or resumed > at or text.find("\n", resumed, at) != -1:
                return None
        position = at
        if mark in pair.close and _closes_here(text, at, pair):
            if mark == pair.open:
                return index  # the same character opens and closes ("…"): nesting cannot be told apart
            depth -= 1
            if depth == 0:
                return index
        elif mark == pair.open and _opens_here(text, at, pair):
            if index > open_index and _is_paragraph_start(text, at):
                continue  # a reopening mark of a continued quote
            depth += 1
    return None


def _is_paragraph_start(text: str, at: int) -> bool:
    line_start = text.rfind("\n", 0, at) + 1
    return not text[line_start:at].strip()


_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»“)]*\s+|\n+|:\s*\n")


def sentence_starts(text: str, lexicon: Lexicon, quoted: list[QuotedSpan]) -> list[int]:
    """Sentence start offsets (0 first). Boundaries inside quotes, or after abbreviations, do not count."""
    inside = [(span.open_at, span.close_at) for span in quoted]
    starts = [0]
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if end >= len(text):
            continue
        if "\n" not in match.group() and any(start < match.start() and end <= close for start, close in inside):
            continue
        if after_abbreviation(text, match.start(), lexicon):
            continue
        next_char = text[end]
        if "\n" not in match.group() and next_char.islower():
            continue
        starts.append(end)
    return starts


def after_abbreviation(text: str, at: int, lexicon: Lexicon) -> bool:
    if text[at] != ".":
        return False
    word_start = at
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:at].lower()
    return (
        word in lexicon.abbreviations
        or word in lexicon.honorifics
        or (len(word) == 1 and word.isalpha() and text[word_start].isupper())
    )


CJK_CHARACTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def word_count(text: str) -> int:
    """Words in `text`; scripts written without spaces (Chinese, Japanese) count two characters as a word."""
    count = 0
    for match in WORD_PATTERN.finditer(text):
        cjk = len(CJK_CHARACTER.findall(match.group()))
        count += max(1, cjk // 2) if cjk else 1
    return count
