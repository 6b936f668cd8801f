"""Candidate name spans: gazetteer hits and, where no NER model covers the language, capitalized runs.

The runs are repaired with the language's word lists (resources/entities/languages.yaml):
a person joined to their organization is cut in two, German leading common nouns are
dropped, single capitalized words are kept only when they look like names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storylens.steps.entities.settings import PERSON, UNKNOWN_LABEL
from storylens.steps.names import (
    fold,
    name_tokens,
)
from storylens.steps.roles import (
    CAPITAL,
    LanguageWords,
    is_acronym,
    leading_title,
    load_lexicon,
    role_after,
    role_before,
)


@dataclass
class RawSpan:
    """A candidate name span before titles are stripped."""

    start: int
    end: int
    label: str


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in taken)


@lru_cache(maxsize=1)
def _gazetteer_patterns() -> tuple[re.Pattern[str], ...]:
    """Regexes for the gazetteer's acronyms (exact capitals), its other names (any case) and its names in
    scripts written without spaces between words (联合国, 国連: no word boundary to look for)."""
    lexicon = load_lexicon()
    acronyms = sorted(lexicon.by_acronym, key=len, reverse=True)
    every_name = {alias for entry in lexicon.entries for alias in (entry.name, *entry.aliases)}
    names = sorted((n for n in every_name if not is_acronym(n)), key=len, reverse=True)
    unspaced = [n for n in names if UNSPACED_SCRIPT.search(n)]
    spaced = [n for n in names if not UNSPACED_SCRIPT.search(n)]
    acronym_pattern = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in acronyms) + r")(?![\w])")
    name_pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in spaced) + r")(?!\w)", re.IGNORECASE)
    unspaced_pattern = re.compile("|".join(re.escape(n) for n in unspaced) or "(?!)")
    return acronym_pattern, name_pattern, unspaced_pattern


UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")  # kana, Han


def gazetteer_spans(text: str, taken: list[tuple[int, int]]) -> list[RawSpan]:
    """Gazetteer names the NER missed ("ONU", "Naciones Unidas"), outside spans already found."""
    lexicon = load_lexicon()
    found: list[RawSpan] = []
    occupied = list(taken)
    for pattern in _gazetteer_patterns():
        for match in pattern.finditer(text):
            surface = match.group(0)
            if surface[:1].islower() or _overlaps(match.start(), match.end(), occupied):
                continue
            entry = lexicon.lookup(surface)
            if entry is None:
                continue
            found.append(RawSpan(match.start(), match.end(), entry.type))
            occupied.append((match.start(), match.end()))
    return found


SPACED_HYPHEN = r"(?:[ \t][-‐‑]|[-‐‑][ \t])"  # "Secretary -General", "Secretary- General" (scraped, translated)


def capitalized_spans(text: str, language: str | None) -> list[RawSpan]:
    """Fallback mentions where no NER model covers the language: runs of capitalized words.

    Sentence openers and other capitalized function words (languages.yaml
    `stopwords`) are dropped from the edges; lower-case name particles ("de",
    "von") may join words inside a run. A single word is kept only when it is
    an acronym, a gazetteer name or heads a role phrase, because single
    capitalized words are mostly sentence starts (and, in German, nouns).
    """
    lexicon = load_lexicon()
    words = lexicon.words(language)
    particles = "|".join(re.escape(p) for p in sorted(words.particles, key=len, reverse=True)) or "(?!)"
    word = rf"(?:{CAPITAL}\.|{CAPITAL}[\w'’\-]*)"
    joint = rf"(?:\s+(?:(?:{particles})\s+)*|{SPACED_HYPHEN})"  # "Secretary -General": a hyphen with one space
    pattern = re.compile(rf"{word}(?:{joint}{word})*")
    spans: list[RawSpan] = []
    for match in pattern.finditer(text):
        run_start, run_end = _trim_stopwords(text, match.start(), match.end(), words.stopwords)
        if run_start >= run_end:
            continue
        for piece in repair_run(text, run_start, run_end, language):
            start, end = piece.start, piece.end
            surface = text[start:end]
            entry = lexicon.lookup(surface)
            if entry is not None:
                spans.append(RawSpan(start, end, entry.type))
            elif is_acronym(surface):
                spans.append(RawSpan(start, end, "ORG"))
            elif is_law_name(surface, language):
                spans.append(RawSpan(start, end, "LAW"))
            elif role_before(text, start, language) or role_after(text, end, language):
                spans.append(RawSpan(start, end, PERSON))
            elif " " in surface or (start, end) != (run_start, run_end) or _coordinated_with_name(text, end, words):
                spans.append(RawSpan(start, end, piece.label))
            elif (label := _lone_word_label(text, start, end, words)) is not None:
                spans.append(RawSpan(start, end, label))
    return spans


def repair_run(text: str, start: int, end: int, language: str | None) -> list[RawSpan]:
    """Cut a capitalized run into the names it holds, with the language's word lists.

    "Tomas Reiner von der Partei der Bürgerlichen Erneuerung" is a person and
    an organization (organization_particles + organization_heads); in German,
    where every noun is capitalized, leading common nouns are not part of the
    name ("Gewerkschaftschef Ralf Brenner", "Rechtshilfeorganisation Open Door")
    and neither is a genitive country before a title ("Norlands
    Außenministerin Helena Marsk": the title and country become the role).
    Pieces carry a label when the cut tells what they are.
    """
    words = load_lexicon().words(language)
    first = re.match(r"\S+\s+", text[start:end])
    if first and is_acronym(first.group(0).strip()) and leading_title(text[start + first.end() : end], language)[0]:
        acronym_end = start + len(first.group(0).rstrip())  # "MSC Secretary-General Tanabe Kazuhiro"
        return [RawSpan(start, acronym_end, "ORG"), *repair_run(text, start + first.end(), end, language)]
    pieces = _split_organization(text, start, end, words)
    if words.capitalizes_nouns:
        pieces = [_drop_leading_nouns(text, piece, language) for piece in pieces]
    return [piece for piece in pieces if piece.start < piece.end]


def _split_organization(text: str, start: int, end: int, words: LanguageWords) -> list[RawSpan]:
    if not words.organization_particles:
        return [RawSpan(start, end, UNKNOWN_LABEL)]
    particles = "|".join(re.escape(p) for p in words.organization_particles)
    for match in re.finditer(rf"\s+(?:{particles})\s+(?={CAPITAL})", text[start:end]):
        head, tail = text[start : start + match.start()], text[start + match.end() : end]
        tail_capitals = sum(word[:1].isupper() for word in tail.split())
        if _heads_organization(head, words) or not head.strip():
            continue
        if _heads_organization(tail, words) or tail_capitals >= 2:
            label = "ORG" if _heads_organization(tail, words) else UNKNOWN_LABEL
            return [RawSpan(start, start + match.start(), UNKNOWN_LABEL), RawSpan(start + match.end(), end, label)]
    return [RawSpan(start, end, UNKNOWN_LABEL)]


def _heads_organization(name: str, words: LanguageWords) -> bool:
    """ "Partei der ...", "Partido de ...", or in German a compound ending in a head ("Rechtshilfeorganisation"),
    also in the genitive ("Stadtrates", "Verbands": `genitive_endings`)."""
    tokens = name_tokens(name)
    if not tokens:
        return False
    first = tokens[0]
    if words.capitalizes_nouns:
        forms = [first, *(first[: -len(ending)] for ending in words.genitive_endings if first.endswith(ending))]
        return any(form.endswith(head) for form in forms for head in words.organization_heads)
    return first in words.organization_heads


def _drop_leading_nouns(text: str, piece: RawSpan, language: str | None) -> RawSpan:
    """Leading capitalized common nouns off a German run; a title is left for `leading_title` to read as the role."""
    words = load_lexicon().words(language)
    start, label = piece.start, piece.label
    while True:
        rest = text[start : piece.end]
        tokens = rest.split()
        if len(tokens) < 2 or leading_title(rest, language)[0] > 0:
            break
        first = fold(tokens[0])
        after_first = rest[len(tokens[0]) :].lstrip()
        genitive_before_title = first.endswith("s") and leading_title(after_first, language)[0] > 0
        if not (genitive_before_title or any(first.endswith(s) and first != s for s in words.noun_suffixes)):
            break
        if not genitive_before_title and any(first.endswith(s) for s in words.person_noun_suffixes):
            label = PERSON
        elif not genitive_before_title and _heads_organization(tokens[0], words):
            label = UNKNOWN_LABEL
        start = piece.end - len(after_first)
        while (lower := re.match(r"[a-zäöüß]+\s+", text[start : piece.end])) is not None:
            start += lower.end()  # "Stromversorgung der Kühlcontainer": the particle goes with the dropped noun
    return RawSpan(start, piece.end, label)


def _lone_word_label(text: str, start: int, end: int, words: LanguageWords) -> str | None:
    """The label of a lone capitalized word that is a name, else None.

    Where only names are capitalized, any word that does not open a sentence
    (MISC). Where every noun is capitalized, only a word with a country ending
    and no article or inflected adjective before it ("zwischen Norland und
    Dravonien", not "in den Medien"), labelled a place.
    """
    if not words.capitalizes_nouns:
        return None if _starts_sentence(text, start) else UNKNOWN_LABEL
    word = fold(text[start:end])
    if not any(word.endswith(ending) and len(word) > len(ending) + 2 for ending in words.place_endings):
        return None
    before = text[max(0, start - 30) : start].split()
    previous = fold(before[-1]) if before else ""
    if previous in words.articles:
        return None
    if previous in words.prepositions or not re.fullmatch(r"[a-zäöüß]+(?:e|en|er|es|em)", previous):
        return "GPE"
    return None


def _coordinated_with_name(text: str, end: int, words: LanguageWords) -> bool:
    """ "Norlandia y Dravonia alcanzaron": a sentence opener joined by "and" to another capitalized word."""
    if words.capitalizes_nouns or not words.coordinators:
        return False
    coordinators = "|".join(re.escape(c) for c in words.coordinators)
    return re.match(rf"\s+(?:{coordinators})\s+{CAPITAL}", text[end : end + 40]) is not None


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \t")
    return not before or before[-1] in ".!?:;\n\"'«»„“”—-(" or "\n" in text[max(0, start - 3) : start]


def with_clipped_opener(text: str, spans: list[RawSpan]) -> list[RawSpan]:
    """Model spans with the sentence-opening word the model cut off put back, when the article shows it belongs.

    A statistical tagger often drops the first word of a name that opens a sentence when that word is also a
    common word ("Open Door said ..." becomes "Door"): its capital is explained by the sentence start. The
    article itself settles it: if the longer name also stands where no sentence starts ("the legal aid group
    Open Door"), the word is part of the name. "Today Norland chose ..." stays "Norland", since "Today Norland"
    is nowhere else in the text.
    """
    taken = {(span.start, span.end) for span in spans}
    repaired = []
    for span in spans:
        opener = re.search(rf"(?:^|(?<=\s))({CAPITAL}[\w'’\-]*) $", text[max(0, span.start - 40) : span.start])
        if opener is not None:
            start = span.start - len(opener.group(1)) - 1
            longer = text[start : span.end]
            if _starts_sentence(text, start) and (start, span.end) not in taken and _stands_mid_sentence(text, longer):
                repaired.append(RawSpan(start, span.end, span.label))
                continue
        repaired.append(span)
    return repaired


def _stands_mid_sentence(text: str, name: str) -> bool:
    """`name` occurs somewhere in `text` as a whole-word run that does not open a sentence."""
    for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
        if not _starts_sentence(text, match.start()):
            return True
    return False


def is_law_name(surface: str, language: str | None) -> bool:
    """ "Broadcasting Integrity Act", "Ley de Integridad ...", "Rundfunkintegritätsgesetz": named by its law word."""
    tokens = name_tokens(surface)
    if not tokens:
        return False
    lexicon = load_lexicon()
    for words in (lexicon.words(language), lexicon.words("en")):
        if words.law_words & {tokens[0], tokens[-1]} and len(tokens) >= 2:
            return True
        if any(tokens[-1].endswith(suffix) and tokens[-1] != suffix for suffix in words.law_suffixes):
            return True
    return False


def _trim_stopwords(text: str, start: int, end: int, stopwords: frozenset[str]) -> tuple[int, int]:
    tokens = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]

    def dropped(token: tuple[int, int]) -> bool:  # a stopword, or a lower-case particle left at the edge
        word = text[token[0] : token[1]]
        return word in stopwords or word[:1].islower()

    while tokens and dropped(tokens[0]):
        tokens.pop(0)
    while tokens and dropped(tokens[-1]):
        tokens.pop()
    return (tokens[0][0], tokens[-1][1]) if tokens else (end, end)
