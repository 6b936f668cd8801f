"""Who is who: entity mentions in each article, then one entity per actor across the corpus.

`RecognizeEntities` (article step "entities") finds names with the packaged
spaCy NER (English) or a capitalized-span + gazetteer fallback (languages the
model does not cover), strips honorifics and titles while keeping the title as
the mention's role, adds role phrases ("the Japanese prime minister") and
pronouns, and links short forms to the full mention earlier in the article.

`ResolveEntities` (corpus step "resolve-entities") puts every spelling of one
actor under one `Entity`: user aliases and the gazetteer first, then name
order, initials, acronyms, transliteration (a pinyin rendering of a Japanese
name), garbled spellings and, within a story, the same role held by a known
person. Every merge records a `MergeEvidence`; the user's aliases file can add
aliases and veto merges (`never_merge`), which takes effect on the next run
because entities are rebuilt from the mentions each time.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations, pairwise
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from storylens.model import Article, Corpus, Entity, Mention, MergeEvidence, Span
from storylens.nlp import ENGLISH_MODEL, load_spacy
from storylens.pipeline import Stats
from storylens.steps.names import (
    align_tokens,
    consonant_key,
    contains_han,
    fold,
    han_readings,
    name_tokens,
    token_key,
    transliteration_match,
)
from storylens.steps.roles import (
    EntityLexicon,
    LanguageWords,
    RolePhrase,
    is_acronym,
    leading_title,
    load_lexicon,
    role_after,
    role_before,
    role_mentions,
)

PERSON = "PERSON"
PLACE_LABELS = ("GPE", "LOC")
UNKNOWN_LABEL = "MISC"
MISLABELLED_PERSON = ("ORG", "NORP", UNKNOWN_LABEL)  # labels the small model gives people it does not know


@dataclass
class EntitySettings:
    """Settings of entity recognition and resolution, with their defaults.

    model: spaCy package used for NER (only its "ner" component is enabled).
    ner_languages: languages that model covers; other articles use the capitalized-span fallback.
    labels: NER labels kept as mentions.
    aliases_file: the user's YAML of extra aliases and vetoed merges (see docs/entities.md).
    link_pronouns: add he/she mentions when exactly one person can be meant.
    pronoun_window: how many characters back a pronoun may look for its person.
    spelling_similarity: rapidfuzz ratio (0-100) above which two person names in one story, or
        holding one role, are taken as spellings of one name.
    max_block: candidate blocks larger than this are skipped (a very common token says nothing).
    translation_similarity: cosine (multilingual sentence encoder) above which two organization names in
        one story, written in different languages, are taken as translations of one name (0 turns it off).
    mistranslation_similarity: cosine above which a lower-case phrase ("the sea safety advice.") in a story
        is taken as a word-for-word machine translation of an organization of that story that goes by an
        acronym ("Rat für Seesicherheit" / "Maritime Safety Council"); 0 turns it off.
    batch_size: articles per spaCy batch.
    """

    model: str = ENGLISH_MODEL
    ner_languages: tuple[str, ...] = ("en",)
    labels: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "LAW")
    aliases_file: Path | None = None
    link_pronouns: bool = True
    pronoun_window: int = 250
    spelling_similarity: float = 88.0
    max_block: int = 300
    translation_similarity: float = 0.6
    mistranslation_similarity: float = 0.7
    batch_size: int = 64


# --- recognition -------------------------------------------------------------------------------


@dataclass
class RawSpan:
    """A candidate name span before titles are stripped."""

    start: int
    end: int
    label: str


class RecognizeEntities:
    """Article step "entities": fills `article.mentions` (names, roles, pronouns) with offsets into the text."""

    name = "entities"

    def __init__(self, settings: EntitySettings | None = None) -> None:
        self.settings = settings or EntitySettings()

    def run(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]:
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.settings.batch_size:
                yield from self._annotate(batch, stats)
                batch = []
        if batch:
            yield from self._annotate(batch, stats)

    def _annotate(self, articles: list[Article], stats: Stats) -> Iterator[Article]:
        uses_model = [self._uses_model(article) for article in articles]
        model_texts = [a.text for a, use in zip(articles, uses_model, strict=True) if use]
        docs = iter(load_spacy(self.settings.model, enable=("ner",)).pipe(model_texts)) if model_texts else iter(())
        for article, use in zip(articles, uses_model, strict=True):
            if use:
                doc = next(docs)
                labels = self.settings.labels
                raw = [RawSpan(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in labels]
            else:
                raw = capitalized_spans(article.text, article.language)
                stats["fallback_articles"] += 1
            article.mentions = article_mentions(article, raw, self.settings)
            stats["articles"] += 1
            stats["mentions"] += len(article.mentions)
            for kind, count in Counter(m.kind for m in article.mentions).items():
                stats[f"mentions_{kind}"] += count
            stats["linked_in_article"] += sum(m.antecedent is not None for m in article.mentions)
            yield article

    def _uses_model(self, article: Article) -> bool:
        return (article.language or "en") in self.settings.ner_languages


def article_mentions(article: Article, raw: list[RawSpan], settings: EntitySettings) -> list[Mention]:
    """Names (titles stripped, roles kept), gazetteer hits, role phrases and pronouns, linked within the article."""
    text, language = article.text, article.language
    raw = raw + gazetteer_spans(text, [(s.start, s.end) for s in raw])
    raw = raw + role_context_spans(text, language, [(s.start, s.end) for s in raw])
    names = [m for span in raw if (m := name_mention(article, span)) is not None]
    names += short_name_mentions(article, names)
    places = tuple(dict.fromkeys(m.text for m in names if m.label in PLACE_LABELS))
    for mention in names:
        if mention.label in MISLABELLED_PERSON and mention.role is None and _named_person_shape(mention):
            phrase = role_after(text, mention.end, language, places)
            if phrase is not None:  # "Kazuhiro Tanabe, secretary-general of the MSC": an apposition marks a person
                mention.label, mention.role = PERSON, phrase.label
        if mention.label == PERSON and mention.role is None:
            phrase = role_before(text, mention.start, language, places)
            phrase = phrase or role_after(text, mention.end, language, places)
            mention.role = phrase.label if phrase else None
        elif mention.role is not None:
            mention.role = _with_country(mention, text, language, places)
    phrases = role_mentions(text, language, places)
    names = [m for m in names if not _inside_role_phrase(m, phrases)]
    relabel_from_context(names, text, language)
    taken = [(m.start, m.end) for m in names if m.label == PERSON]
    roles = [
        Mention(article.id, p.start, p.end, text[p.start : p.end], PERSON, kind="role", role=p.label)
        for p in phrases
        if not _overlaps(p.start, p.end, taken)
    ]
    mentions = sorted(names + roles, key=lambda m: m.start)
    link_short_names(mentions)
    link_role_mentions(mentions)
    if settings.link_pronouns:
        mentions = add_pronouns(article, mentions, settings.pronoun_window)
    return mentions


def _named_person_shape(mention: Mention) -> bool:
    """Two to four words, none of them a gazetteer name: what a person's name looks like."""
    return 2 <= len(name_tokens(mention.text)) <= 4 and load_lexicon().lookup(mention.text) is None


def _inside_role_phrase(mention: Mention, phrases: list[RolePhrase]) -> bool:
    """ "Asuntos Exteriores de Norland" is part of a title, not a name (a named place inside it stays)."""
    if mention.label in PLACE_LABELS or mention.label == PERSON:
        return False
    return any(p.start <= mention.start and mention.end <= p.end for p in phrases)


def relabel_from_context(names: list[Mention], text: str = "", language: str | None = None) -> None:
    """Fix labels the small NER model gets wrong, from what the article itself says.

    A name that is the country of someone's role is a place ("Norland's foreign
    minister"); a two- or three-word name sharing a word with a person's name
    and holding no other evidence is a person ("Emi Tanabe" beside "Kazuhiro Tanabe");
    a one-word "person" with no role, no full name holding it, and a place
    preposition before it ("talks in Arnhall") is a place.
    """
    countries = {fold(m.role.rsplit(" ", 2)[0]) for m in names if m.role and " " in m.role}
    person_words = {t for m in names if m.label == PERSON for t in name_tokens(m.text)}
    full_name_words = {
        t for m in names if m.label == PERSON and len(name_tokens(m.text)) >= 2 for t in name_tokens(m.text)
    }
    lexicon = load_lexicon()
    place_prepositions = lexicon.words(language).place_prepositions
    for mention in names:
        if lexicon.lookup(mention.text) is not None:
            continue
        tokens = name_tokens(mention.text)
        if mention.label == PERSON and mention.role is None and len(tokens) == 1 and tokens[0] not in full_name_words:
            before = text[max(0, mention.start - 12) : mention.start].split()
            if before and before[-1] in place_prepositions:
                mention.label = "GPE"
                continue
        if fold(mention.text) in countries and mention.label != PERSON:
            mention.label = "GPE"
        elif mention.label in ("ORG", UNKNOWN_LABEL, "NORP") and 2 <= len(tokens) <= 3 and set(tokens) & person_words:
            mention.label = PERSON


def role_context_spans(text: str, language: str | None, taken: list[tuple[int, int]]) -> list[RawSpan]:
    """Capitalized runs the NER missed that a role marks as people ("Anbei Jinsan, the Japanese prime minister")."""
    spans = []
    for run in capitalized_spans(text, language):
        if run.label != UNKNOWN_LABEL and run.label != PERSON:
            continue
        for start, end in _outside(run.start, run.end, taken):
            start, end = _trim_stopwords(text, start, end, load_lexicon().words(language).stopwords)
            if start >= end or not text[start].isupper():
                continue
            if (start, end) == (run.start, run.end) and run.label == PERSON:
                spans.append(RawSpan(start, end, PERSON))  # capitalized_spans already saw a role beside it
                continue
            skip, title_role = leading_title(text[start:end], language)
            if title_role is not None and skip < end - start:
                spans.append(RawSpan(start, end, PERSON))  # "[MSC] Secretary-General Tanabe Kazuhiro"
            elif (start, end) != (run.start, run.end) and (
                role_before(text, start, language) or role_after(text, end, language)
            ):
                spans.append(RawSpan(start, end, PERSON))
    return spans


def _outside(start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of [start, end) that no taken span covers."""
    parts = [(start, end)]
    for taken_start, taken_end in sorted(taken):
        parts = [
            piece
            for part_start, part_end in parts
            for piece in ((part_start, min(part_end, taken_start)), (max(part_start, taken_end), part_end))
            if piece[0] < piece[1]
        ]
    return parts


def short_name_mentions(article: Article, names: list[Mention]) -> list[Mention]:
    """Capitalized words repeating a word of a person's name ("Tanabe said"), which small NER models often miss."""
    full_names = [name_tokens(m.text) for m in names if m.label == PERSON]
    person_words = {token for tokens in full_names if len(tokens) >= 2 for token in tokens}
    if not person_words:
        return []
    taken = [(m.start, m.end) for m in names]
    found = []
    runs: list[tuple[int, int]] = []  # consecutive words of a person's name: "Tanabe Kazuhiro" is one mention
    for match in re.finditer(r"(?<![\w.])[A-ZÀ-ÖØ-Þ][\w\-]+(?:['’]s)?(?!\w)", article.text):
        word = re.sub(r"['’]s$", "", match.group(0))
        end = match.start() + len(word)
        if fold(word) not in person_words:
            continue
        joins = runs and article.text[runs[-1][1] : match.start()] == " "
        if joins and article.text.count(" ", runs[-1][0], runs[-1][1]) < 2:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((match.start(), end))
    for start, end in runs:
        if not _overlaps(start, end, taken):
            found.append(Mention(article.id, start, end, article.text[start:end], PERSON, kind="name"))
    return found


def _with_country(mention: Mention, text: str, language: str | None, places: tuple[str, ...]) -> str | None:
    """A title found inside the span ("Foreign Minister Tanabe"): look just before it for the country."""
    phrase = role_before(text, mention.start, language, places)
    if phrase is not None and phrase.country:
        return phrase.label
    return mention.role


def name_mention(article: Article, span: RawSpan) -> Mention | None:
    """Trim honorifics, titles, "the" and possessives off a span; label it by gazetteer when known."""
    text = article.text
    surface = text[span.start : span.end]
    skip, role = leading_title(surface, article.language)
    start = span.start + skip
    end = span.end
    match = re.search(r"['’]s?$", text[start:end])
    if match:
        end = start + match.start()
    lead = re.match(r"(?i:the)\s+", text[start:end])
    if lead and span.label != PERSON:
        start += lead.end()
    surface = text[start:end].strip()
    if not surface or not any(c.isalpha() for c in surface):
        return None
    start = text.index(surface, start)
    end = start + len(surface)
    entry = load_lexicon().lookup(surface)
    label = entry.type if entry is not None else span.label
    if entry is None and span.label != PERSON and is_law_name(surface, article.language):
        label = "LAW"
    if role is not None:
        label = PERSON
    return Mention(article.id, start, end, surface, label, kind="name", role=role)


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in taken)


@lru_cache(maxsize=1)
def _gazetteer_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One regex for the gazetteer's acronyms (exact capitals) and one for its other names (any case)."""
    lexicon = load_lexicon()
    acronyms = sorted(lexicon.by_acronym, key=len, reverse=True)
    every_name = {alias for entry in lexicon.entries for alias in (entry.name, *entry.aliases)}
    names = sorted((n for n in every_name if not is_acronym(n)), key=len, reverse=True)
    acronym_pattern = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in acronyms) + r")(?![\w])")
    name_pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
    return acronym_pattern, name_pattern


def gazetteer_spans(text: str, taken: list[tuple[int, int]]) -> list[RawSpan]:
    """Gazetteer names the NER missed ("ONU", "Naciones Unidas"), outside spans already found."""
    lexicon = load_lexicon()
    found: list[RawSpan] = []
    occupied = list(taken)
    for pattern in _gazetteer_patterns():
        for match in pattern.finditer(text):
            surface = match.group(0)
            if not surface[:1].isupper() or _overlaps(match.start(), match.end(), occupied):
                continue
            entry = lexicon.lookup(surface)
            if entry is None:
                continue
            found.append(RawSpan(match.start(), match.end(), entry.type))
            occupied.append((match.start(), match.end()))
    return found


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
    word = r"(?:[A-ZÀ-ÖØ-Þ]\.|[A-ZÀ-ÖØ-Þ][\w'’\-]*)"
    pattern = re.compile(rf"{word}(?:\s+(?:(?:{particles})\s+)*{word})*")
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
    for match in re.finditer(rf"\s+(?:{particles})\s+(?=[A-ZÀ-ÖØ-Þ])", text[start:end]):
        head, tail = text[start : start + match.start()], text[start + match.end() : end]
        tail_capitals = sum(word[:1].isupper() for word in tail.split())
        if _heads_organization(head, words) or not head.strip():
            continue
        if _heads_organization(tail, words) or tail_capitals >= 2:
            label = "ORG" if _heads_organization(tail, words) else UNKNOWN_LABEL
            return [RawSpan(start, start + match.start(), UNKNOWN_LABEL), RawSpan(start + match.end(), end, label)]
    return [RawSpan(start, end, UNKNOWN_LABEL)]


def _heads_organization(name: str, words: LanguageWords) -> bool:
    """ "Partei der ...", "Partido de ...", or in German a compound ending in a head ("Rechtshilfeorganisation")."""
    tokens = name_tokens(name)
    if not tokens:
        return False
    first = tokens[0]
    if words.capitalizes_nouns:
        return any(first.endswith(head) for head in words.organization_heads)
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
    return re.match(rf"\s+(?:{coordinators})\s+[A-ZÀ-ÖØ-Þ]", text[end : end + 40]) is not None


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \t")
    return not before or before[-1] in ".!?:;\n\"'«»„“”—-(" or "\n" in text[max(0, start - 3) : start]


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


# --- within-article linking ----------------------------------------------------------------------


def root_of(mentions: list[Mention], index: int) -> int:
    """Follow antecedents to the full mention."""
    seen = set()
    while mentions[index].antecedent is not None and index not in seen:
        seen.add(index)
        index = mentions[index].antecedent  # type: ignore[assignment]
    return index


def link_short_names(mentions: list[Mention]) -> None:
    """ "Kishida" after "Fumio Kishida": link to the earlier, longer person name holding all its words, if unique."""
    for index, mention in enumerate(mentions):
        if mention.kind != "name":
            continue
        tokens = set(name_tokens(mention.text))
        if mention.label not in (PERSON, UNKNOWN_LABEL) and len(tokens) != 1:
            continue
        candidates: dict[str, int] = {}
        for earlier_index in range(index):
            earlier = mentions[earlier_index]
            if earlier.kind != "name" or earlier.antecedent is not None or earlier.label != PERSON:
                continue
            earlier_tokens = name_tokens(earlier.text)
            if len(earlier_tokens) > len(tokens) and tokens <= set(earlier_tokens):
                candidates.setdefault(fold(earlier.text), earlier_index)
        if len(candidates) == 1:
            mention.antecedent = next(iter(candidates.values()))
            mention.label = PERSON
            mention.role = mention.role or mentions[mention.antecedent].role


def link_role_mentions(mentions: list[Mention]) -> None:
    """ "the foreign minister" after "Kazuhiro Tanabe, Norland's foreign minister": the unique earlier holder."""
    for index, mention in enumerate(mentions):
        if mention.kind != "role" or mention.role is None:
            continue
        holders = {
            root_of(mentions, i)
            for i in range(index)
            if mentions[i].kind == "name" and mentions[i].label == PERSON and _same_role(mention.role, mentions[i].role)
        }
        if len(holders) == 1:
            mention.antecedent = holders.pop()


def _same_role(wanted: str, held: str | None) -> bool:
    """ "foreign minister" matches "Norland foreign minister"; "Norland foreign minister" needs the country too."""
    if held is None:
        return False
    return held == wanted or held.endswith(" " + wanted)


def add_pronouns(article: Article, mentions: list[Mention], window: int) -> list[Mention]:
    """He/she mentions linked to the one person named in the preceding `window` characters (else left out)."""
    pronouns = load_lexicon().words(article.language).pronouns
    if not pronouns:
        return mentions
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(p) for p in sorted(pronouns, key=len, reverse=True)) + r")\b", re.IGNORECASE
    )
    additions: list[tuple[int, int]] = []
    for match in pattern.finditer(article.text):
        start = match.start()
        persons = {
            root_of(mentions, i)
            for i, m in enumerate(mentions)
            if m.label == PERSON and start - window <= m.end <= start
        }
        if len(persons) == 1:
            additions.append((match.start(), persons.pop()))
    if not additions:
        return mentions
    merged = list(mentions)
    for start, target in additions:
        end = start + len(pattern.match(article.text, start).group(0))  # type: ignore[union-attr]
        merged.append(
            Mention(
                article.id,
                start,
                end,
                article.text[start:end],
                PERSON,
                kind="pronoun",
                role=mentions[target].role,
                antecedent=-1 - target,
            )
        )
    return _renumber(merged)


def _renumber(mentions: list[Mention]) -> list[Mention]:
    """Sort by offset and rewrite antecedents (pronouns carry theirs as -1 - old index) to new indexes."""
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end))
    new_index = {old: new for new, old in enumerate(order)}
    result = [mentions[i] for i in order]
    for mention in result:
        if mention.antecedent is not None:
            old = -1 - mention.antecedent if mention.antecedent < 0 else mention.antecedent
            mention.antecedent = new_index[old]
    return result


# --- the user's aliases file ---------------------------------------------------------------------


class UserAliasesError(ValueError):
    """The aliases file cannot be read; the message names the file and the reason."""


@dataclass
class UserAliases:
    """Aliases and vetoes from the user's YAML file (format in docs/entities.md).

    aliases: canonical name -> other names of the same actor (merged, rule "user-alias").
    types: canonical name -> entity type, when the user wants to set it.
    never_merge: pairs of names that must never end up in one entity, whatever the rules say.
    """

    aliases: dict[str, list[str]] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    never_merge: list[tuple[str, str]] = field(default_factory=list)


def load_user_aliases(path: Path | str | None) -> UserAliases:
    """Read the user's aliases file; no path means no user aliases."""
    if path is None:
        return UserAliases()
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise UserAliasesError(f"{path}: cannot read aliases file: {error}") from error
    if not isinstance(data, dict):
        raise UserAliasesError(f"{path}: expected a mapping with 'aliases' and/or 'never_merge'")
    aliases = data.get("aliases") or {}
    if not isinstance(aliases, dict) or not all(isinstance(v, list) for v in aliases.values()):
        raise UserAliasesError(f"{path}: 'aliases' must map a canonical name to a list of names")
    pairs = data.get("never_merge") or []
    if not all(isinstance(p, list) and len(p) == 2 for p in pairs):
        raise UserAliasesError(f"{path}: 'never_merge' must be a list of [name, name] pairs")
    return UserAliases(
        aliases={str(k): [str(a) for a in v] for k, v in aliases.items()},
        types={str(k): str(v) for k, v in (data.get("types") or {}).items()},
        never_merge=[(str(a), str(b)) for a, b in pairs],
    )


# --- cross-article resolution --------------------------------------------------------------------


@dataclass
class AliasNode:
    """Everything seen under one folded name: its spellings, labels, roles, stories and a few spans."""

    key: str
    surfaces: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    stories: set[str] = field(default_factory=set)
    story_roles: set[tuple[str, str]] = field(default_factory=set)
    languages: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    spans: list[Span] = field(default_factory=list)
    mention_count: int = 0

    @property
    def surface(self) -> str:
        """The most frequent spelling."""
        return self.surfaces.most_common(1)[0][0] if self.surfaces else self.key

    @property
    def label(self) -> str:
        """Majority label, a specific one preferred over MISC."""
        specific = Counter({k: v for k, v in self.labels.items() if k != UNKNOWN_LABEL})
        if specific:
            return specific.most_common(1)[0][0]
        return UNKNOWN_LABEL

    @property
    def is_person(self) -> bool:
        """Labelled a person often enough, or holding a role (small NER models mislabel people as ORG or GPE)."""
        return self.label == PERSON or bool(self.roles) or 3 * self.labels[PERSON] >= self.mention_count

    def add(self, mention: Mention, story: str, language: str | None = None) -> None:
        self.surfaces[mention.text] += 1
        self.languages.add(language or "")
        self.articles.add(mention.article_id)
        self.labels[mention.label] += 1
        self.stories.add(story)
        if mention.role:
            self.roles[mention.role] += 1
            self.story_roles.add((story, mention.role))
        if len(self.spans) < 3:
            self.spans.append(Span(mention.article_id, mention.start, mention.end, mention.text))
        self.mention_count += 1


class AliasClusters:
    """Union-find over alias nodes that refuses vetoed merges and keeps the evidence of each merge."""

    def __init__(self, keys: Iterable[str], vetoes: dict[str, set[str]], stats: Stats) -> None:
        self.parent = {key: key for key in keys}
        self.members = {key: {key} for key in self.parent}
        self.evidence: dict[str, list[MergeEvidence]] = {key: [] for key in self.parent}
        self.vetoes = vetoes
        self.stats = stats

    def add(self, key: str) -> None:
        if key not in self.parent:
            self.parent[key] = key
            self.members[key] = {key}
            self.evidence[key] = []

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def vetoed(self, root_a: str, root_b: str) -> bool:
        small, large = sorted((self.members[root_a], self.members[root_b]), key=len)
        return any(self.vetoes.get(key, set()) & large for key in small)

    def merge(self, key_a: str, key_b: str, evidence: MergeEvidence) -> bool:
        root_a, root_b = self.find(key_a), self.find(key_b)
        if root_a == root_b:
            return False
        if self.vetoed(root_a, root_b):
            self.stats["merges_vetoed"] += 1
            return False
        if len(self.members[root_a]) < len(self.members[root_b]):
            root_a, root_b = root_b, root_a
        self.parent[root_b] = root_a
        self.members[root_a] |= self.members.pop(root_b)
        self.evidence[root_a] += [*self.evidence.pop(root_b), evidence]
        self.stats["merges"] += 1
        self.stats[f"merges_{evidence.rule}"] += 1
        return True

    def roots(self) -> list[str]:
        return sorted(self.members)


class ResolveEntities:
    """Corpus step "resolve-entities": one `Entity` per actor, `Mention.entity_id` on every mention it resolves."""

    name = "resolve-entities"

    def __init__(self, settings: EntitySettings | None = None) -> None:
        self.settings = settings or EntitySettings()

    def run(self, corpus: Corpus, stats: Stats) -> Corpus:
        user = load_user_aliases(self.settings.aliases_file)
        articles = sorted(corpus.articles.values(), key=lambda a: a.id)
        nodes = collect_alias_nodes(articles)
        clusters = AliasClusters(sorted(nodes), vetoes_from(user), stats)
        resolver = _Resolver(nodes, clusters, user, self.settings, load_lexicon(), defined_acronyms(articles))
        resolver.merge_all()
        if self.settings.mistranslation_similarity > 0:
            add_mistranslated_names(articles, nodes, clusters, self.settings.mistranslation_similarity)
        corpus.entities = resolver.build_entities()
        assign_entity_ids(articles, nodes, clusters, corpus.entities, resolver.entity_of_root, stats)
        stats["articles"] += len(articles)
        stats["alias_nodes"] += len(nodes)
        stats["entities"] += len(corpus.entities)
        return corpus


LOWERCASE_PHRASE = re.compile(r"(?=\b(?i:the)\s+((?:[a-z][a-z\-]+\s){1,3}[a-z][a-z\-]+)\s*[.,;:)])")


def add_mistranslated_names(
    articles: list[Article], nodes: dict[str, AliasNode], clusters: AliasClusters, threshold: float
) -> None:
    """Find organizations whose name a machine translation turned into ordinary words, and add them as mentions.

    "the seat of the sea safety advice." is the Rat für Seesicherheit (Rat =
    council or advice). Only phrases that could be such a name are tried: two
    to four lower-case words after "the", without function words, closing a
    clause; only against organizations of the same story that go by an
    acronym (the kind of name a translation spells out word by word) and have
    about as many words; and only above `threshold` cosine of the
    multilingual encoder.
    """
    targets_by_story: dict[str, list[tuple[str, AliasNode]]] = defaultdict(list)
    for root, members in sorted(clusters.members.items()):
        member_nodes = [nodes[key] for key in sorted(members) if key in nodes]
        if not any(is_acronym(n.surface) for n in member_nodes) or any(n.label == PERSON for n in member_nodes):
            continue
        for node in member_nodes:
            if len(name_tokens(node.key)) >= 2 and not is_acronym(node.surface) and node.label != "LAW":
                for story in node.stories:
                    targets_by_story[story].append((root, node))
    if not targets_by_story:
        return
    lexicon = load_lexicon()
    function_words = set().union(*(w.acronym_skip | w.articles | w.pronouns for w in lexicon.languages.values()))
    candidates: list[tuple[Article, int, int, str]] = []
    for article in articles:
        if story_of(article) not in targets_by_story:
            continue
        taken = [(m.start, m.end) for m in article.mentions]
        for match in LOWERCASE_PHRASE.finditer(article.text):
            start, end = match.start(1), match.end(1)
            phrase = match.group(1)
            if function_words & set(phrase.split()) or _overlaps(start, end, taken):
                continue
            candidates.append((article, start, end, phrase))
    if not candidates:
        return
    from storylens.steps.embeddings import embed_texts

    texts = sorted({c[3] for c in candidates} | {n.surface for t in targets_by_story.values() for _, n in t})
    vectors = dict(zip(texts, embed_texts(texts), strict=True))
    added: dict[str, list[Mention]] = defaultdict(list)
    for article, start, end, phrase in candidates:
        story = story_of(article)
        words = len(phrase.split())
        scored = [
            (float(vectors[phrase] @ vectors[node.surface]), root, node)
            for root, node in targets_by_story[story]
            if abs(len(name_tokens(node.key)) - words) <= 1
        ]
        if not scored:
            continue
        score, root, target = max(scored, key=lambda item: item[0])
        if score < threshold:
            continue
        mention = Mention(article.id, start, end, phrase, "ORG", kind="name")
        key = fold(phrase)
        node = nodes.setdefault(key, AliasNode(key))
        node.add(mention, story, article.language)
        clusters.add(key)
        detail = f"similarity {score:.2f} to {target.surface!r}, an organization of the story known by an acronym"
        clusters.merge(root, key, _evidence("mistranslated-name", [target, node], detail))
        added[article.id].append(mention)
    for article in articles:
        if article.id in added:
            add_mentions(article, added[article.id])


def add_mentions(article: Article, new: list[Mention]) -> None:
    """Add mentions found after the article steps, keeping every index into `article.mentions` valid.

    Mentions stay sorted by offset, so adding one moves the others; quote speakers point at
    their mention by index (`Speaker.mention`) and must move with it, or a speaker would silently
    become whichever mention now sits at its old index.
    """
    count = len(article.mentions)
    merged = _renumber([*article.mentions, *new])
    new_index = {id(mention): index for index, mention in enumerate(merged)}
    old_to_new = {old: new_index[id(mention)] for old, mention in enumerate(article.mentions[:count])}
    article.mentions = merged
    for quote in article.quotes:
        if quote.speaker is not None and quote.speaker.mention is not None:
            quote.speaker.mention = old_to_new.get(quote.speaker.mention)


def story_of(article: Article) -> str:
    """The story an article belongs to; an unclustered article is a story of its own."""
    return article.story_id or f"article:{article.id}"


def collect_alias_nodes(articles: list[Article]) -> dict[str, AliasNode]:
    """One node per folded full name; short forms linked within their article add their spelling to its node."""
    nodes: dict[str, AliasNode] = {}
    for article in articles:
        story = story_of(article)
        for mention in article.mentions:
            if mention.kind == "name" and mention.antecedent is None:
                key = fold(mention.text) or mention.text
                nodes.setdefault(key, AliasNode(key)).add(mention, story, article.language)
        for index, mention in enumerate(article.mentions):
            if mention.kind == "name" and mention.antecedent is not None:
                root = article.mentions[root_of(article.mentions, index)]
                node = nodes.get(fold(root.text) or root.text)
                if node is not None:
                    node.surfaces[mention.text] += 1
    return nodes


DEFINITION_GAP = re.compile(r"\s*[(（]\s*$")


def defined_acronyms(articles: list[Article]) -> list[tuple[str, str]]:
    """ "Rat für Seesicherheit (RSS)": a name followed by an acronym in brackets defines it, in any language."""
    pairs = []
    for article in articles:
        names = [m for m in article.mentions if m.kind == "name"]
        for full, short in pairwise(names):
            between = article.text[full.end : short.start]
            after = article.text[short.end : short.end + 2]
            if is_acronym(short.text) and DEFINITION_GAP.fullmatch(between) and after[:1] in (")", "）"):
                pairs.append((fold(full.text), fold(short.text)))
    return pairs


def vetoes_from(user: UserAliases) -> dict[str, set[str]]:
    vetoes: dict[str, set[str]] = defaultdict(set)
    for name_a, name_b in user.never_merge:
        vetoes[fold(name_a)].add(fold(name_b))
        vetoes[fold(name_b)].add(fold(name_a))
    return vetoes


def _evidence(rule: str, nodes: list[AliasNode], detail: str = "") -> MergeEvidence:
    return MergeEvidence(
        rule=rule,
        aliases=[node.surface for node in nodes],
        detail=detail,
        spans=[span for node in nodes for span in node.spans[:1]],
    )


def _fixed_role(role: str, shared: frozenset[str]) -> bool:
    """A role one person holds at a time in one country ("Norland foreign minister"): evidence of identity."""
    titles = {title for title in load_lexicon().role_phrases("en").values() if title not in shared}
    return any(role.endswith(" " + title) for title in titles)


@dataclass
class _Resolver:
    """The merge rules, applied strongest first, over alias nodes grouped in clusters."""

    nodes: dict[str, AliasNode]
    clusters: AliasClusters
    user: UserAliases
    settings: EntitySettings
    lexicon: EntityLexicon
    definitions: list[tuple[str, str]] = field(default_factory=list)  # (name key, acronym key) defined in text
    canonical: dict[str, tuple[str, str]] = field(default_factory=dict)  # root key -> (name, type)
    entity_of_root: dict[str, str] = field(default_factory=dict)
    _role_countries: set[str] = field(default_factory=set)

    def merge_all(self) -> None:
        self.merge_user_aliases()
        self.merge_gazetteer()
        self.merge_han_readings()
        self.merge_name_order()
        self.merge_initials()
        self.merge_in_context()
        self.merge_short_forms()
        self.merge_same_role_in_story()
        self.merge_defined_acronyms()
        self.merge_acronyms()
        self.merge_country_forms()
        self.merge_translations()

    # canonical names fixed by the user or the gazetteer
    def _anchor(self, name: str, type_: str, rule: str, node: AliasNode, origin: str) -> None:
        anchor = fold(name)
        self.clusters.add(anchor)
        if anchor != node.key:
            detail = f"{node.surface!r} is listed under {name!r} in {origin}"
            self.clusters.merge(anchor, node.key, _evidence(rule, [node], detail))
        self.canonical.setdefault(anchor, (name, type_))

    def merge_user_aliases(self) -> None:
        for canonical, aliases in self.user.aliases.items():
            type_ = self.user.types.get(canonical, "")
            for alias in [canonical, *aliases]:
                node = self.nodes.get(fold(alias))
                if node is not None:
                    self._anchor(canonical, type_ or node.label, "user-alias", node, "the aliases file")

    def merge_gazetteer(self) -> None:
        for key in sorted(self.nodes):
            node = self.nodes[key]
            entry = next((e for s in node.surfaces if (e := self.lexicon.lookup(s)) is not None), None)
            if entry is not None:
                self._anchor(entry.name, entry.type, "gazetteer", node, "the gazetteer")

    def merge_han_readings(self) -> None:
        """An article showing the characters ("田辺和弘") meets both romanizations by their joined words."""
        joined: dict[str, list[str]] = defaultdict(list)
        for key, node in self.nodes.items():
            tokens = name_tokens(node.surface)
            if node.is_person and len(tokens) >= 2:
                joined["".join(tokens)].append(key)
                joined["".join(reversed(tokens))].append(key)
        for key, node in sorted(self.nodes.items()):
            if not contains_han(node.surface):
                continue
            for reading in han_readings(node.surface):
                for other in joined.get(reading, []):
                    detail = f"{node.surface} reads {reading!r}"
                    self.clusters.merge(key, other, _evidence("transliteration", [node, self.nodes[other]], detail))

    def _persons(self) -> list[AliasNode]:
        return [self.nodes[k] for k in sorted(self.nodes) if self.nodes[k].is_person]

    def merge_name_order(self) -> None:
        """ "Abe Shinzo" and "Shinzo Abe": the same words in another order."""
        groups: dict[str, list[AliasNode]] = defaultdict(list)
        for node in self._persons():
            if len(name_tokens(node.key)) >= 2:
                groups[token_key(node.key)].append(node)
        for group in groups.values():
            for other in group[1:]:
                self.clusters.merge(group[0].key, other.key, _evidence("name-order", [group[0], other]))

    def merge_initials(self) -> None:
        """ "K. Tanabe" and "Kazuhiro Tanabe", when only one full name fits the initials."""
        by_token: dict[str, list[AliasNode]] = defaultdict(list)
        for node in self._persons():
            for token in name_tokens(node.key):
                if len(token) > 1:
                    by_token[token].append(node)
        for node in self._persons():
            tokens = name_tokens(node.key)
            full = [t for t in tokens if len(t) > 1]
            if len(full) == len(tokens) or not full:
                continue
            candidates = {
                self.clusters.find(other.key)
                for other in by_token.get(full[-1], [])
                if other is not node and _initials_fit(tokens, name_tokens(other.key))
            }
            if len(candidates) == 1:
                target = next(iter(candidates))
                self.clusters.merge(node.key, target, _evidence("initials", [node, self.nodes.get(target, node)]))

    def _context_blocks(self) -> list[list[AliasNode]]:
        """Person nodes that share a story, or a fixed role: the only pairs worth comparing closely."""
        blocks: dict[str, list[AliasNode]] = defaultdict(list)
        for node in self._persons():
            for story in node.stories:
                blocks["story:" + story].append(node)
            for role in node.roles:
                if _fixed_role(role, self.lexicon.shared_roles):
                    blocks["role:" + role].append(node)
        return [block for block in blocks.values() if 1 < len(block) <= self.settings.max_block]

    def merge_in_context(self) -> None:
        """Within a story or a role: a pinyin rendering of a Japanese name, or a garbled spelling."""
        for block in self._context_blocks():
            for node_a, node_b in combinations(block, 2):
                if self.clusters.find(node_a.key) == self.clusters.find(node_b.key):
                    continue
                if len(name_tokens(node_a.key)) < 2 or len(name_tokens(node_b.key)) < 2:
                    continue
                if transliteration_match(node_a.surface, node_b.surface):
                    detail = "pinyin reading of the kanji of a Japanese name"
                    self.clusters.merge(node_a.key, node_b.key, _evidence("transliteration", [node_a, node_b], detail))
                elif self._same_spelling(node_a, node_b):
                    score = fuzz.token_sort_ratio(node_a.key, node_b.key)
                    detail = f"similarity {score:.0f}, same story or role"
                    self.clusters.merge(node_a.key, node_b.key, _evidence("spelling", [node_a, node_b], detail))

    def _same_spelling(self, node_a: AliasNode, node_b: AliasNode) -> bool:
        if different_people(node_a.key, node_b.key):
            return False
        if (
            consonant_key(node_a.key.replace(" ", ""))[:1] != consonant_key(node_b.key.replace(" ", ""))[:1]
            and token_key(node_a.key)[:1] != token_key(node_b.key)[:1]
        ):
            return False
        return fuzz.token_sort_ratio(node_a.key, node_b.key) >= self.settings.spelling_similarity

    def merge_short_forms(self) -> None:
        """A bare surname ("Tanabe", or its pinyin "Tianbian") with one full-name bearer in its story."""
        full_by_story: dict[str, list[AliasNode]] = defaultdict(list)
        for node in self._persons():
            if len(name_tokens(node.key)) >= 2:
                for story in node.stories:
                    full_by_story[story].append(node)
        for node in self._persons():
            tokens = name_tokens(node.key)
            if len(tokens) != 1:
                continue
            candidates = {
                self.clusters.find(other.key)
                for story in node.stories
                for other in full_by_story.get(story, [])
                if _token_in_name(tokens[0], other.key)
            }
            if len(candidates) == 1:
                target = next(iter(candidates))
                detail = "only full name in the story holding this word"
                evidence = _evidence("short-form", [node, self.nodes.get(target, node)], detail)
                self.clusters.merge(node.key, target, evidence)

    def merge_same_role_in_story(self) -> None:
        """Within one story, names holding the same fixed role are one person (main evidence for garbled names)."""
        holders: dict[tuple[str, str], set[str]] = defaultdict(set)
        for node in self._persons():
            for story, role in node.story_roles:
                if _fixed_role(role, self.lexicon.shared_roles):
                    holders[(story, role)].add(node.key)
        for (story, role), keys in sorted(holders.items()):
            ordered = sorted(keys)
            if len({self.clusters.find(k) for k in ordered}) < 2:
                continue
            if any(different_people(a, b) for a, b in combinations(ordered, 2)):
                continue  # two names sharing a surname but not a given name: do not guess
            detail = f"both {role!r} in story {story}"
            for other in ordered[1:]:
                nodes = [self.nodes[ordered[0]], self.nodes[other]]
                self.clusters.merge(ordered[0], other, _evidence("same-role-in-story", nodes, detail))

    def merge_defined_acronyms(self) -> None:
        for full, short in sorted(set(self.definitions)):
            if full in self.nodes and short in self.nodes:
                nodes = [self.nodes[full], self.nodes[short]]
                self.clusters.merge(full, short, _evidence("acronym", nodes, "defined in brackets after the name"))

    def merge_translations(self) -> None:
        """ "Consejo de Seguridad Marítima" and "Maritime Safety Council" in one story: names that translate each other.

        Compared with the multilingual sentence encoder, only between organization
        names of one story written in different languages, so the cost stays small.
        """
        if self.settings.translation_similarity <= 0:
            return
        candidates = {
            key: node
            for key, node in sorted(self.nodes.items())
            if node.label not in (PERSON, *PLACE_LABELS)
            and not node.is_person
            and not is_acronym(node.surface)
            and (len(name_tokens(key)) >= 2 or node.label == "LAW")
        }
        clusters: dict[str, list[AliasNode]] = defaultdict(list)  # root -> its candidate names
        for key, node in candidates.items():
            clusters[self.clusters.find(key)].append(node)
        in_context = self._translation_pairs(clusters)
        if not in_context:
            return
        from storylens.steps.embeddings import embed_texts

        place_words = self._place_words()
        texts = {key: _without_words(candidates[key].surface, place_words) for key in sorted(candidates)}
        unique = sorted(set(texts.values()) - {""})
        vectors = dict(zip(unique, embed_texts(unique), strict=True)) if unique else {}

        def similarity(a: AliasNode, b: AliasNode) -> float:
            """Compared without the place names they hold: "Gobierno de Norlandia" is not the Norland Port
            Authority because both name Norland."""
            text_a, text_b = texts[a.key], texts[b.key]
            if not text_a or not text_b or min(len(text_a), len(text_b)) < 0.5 * max(len(text_a), len(text_b)):
                return 0.0  # a translated name is about as long as the name: "Hafen" is not "Port Authority"
            return float(vectors[text_a] @ vectors[text_b])

        for (root_a, root_b), context in sorted(in_context.items()):
            if self.clusters.find(root_a) == self.clusters.find(root_b):
                continue
            pairs = [(a, b) for a in clusters[root_a] for b in clusters[root_b] if a.languages ^ b.languages]
            if not pairs:
                continue
            score, node_a, node_b = max(((similarity(a, b), a, b) for a, b in pairs), key=lambda item: item[0])
            if score >= self.settings.translation_similarity:
                detail = f"translation: multilingual similarity {score:.2f} {context}"
                self.clusters.merge(node_a.key, node_b.key, _evidence("translation", [node_a, node_b], detail))

    def _place_words(self) -> set[str]:
        """Folded one-word place names and every name merged with them ("norland", "norlandia")."""
        places = {key for key, node in self.nodes.items() if node.label in PLACE_LABELS} | self.role_countries()
        roots = {self.clusters.find(key) for key in places if key in self.clusters.parent}
        return {key for root in roots for key in self.clusters.members.get(root, ()) if " " not in key}

    def _translation_pairs(self, clusters: dict[str, list[AliasNode]]) -> dict[tuple[str, str], str]:
        """Pairs of clusters worth comparing as translations, with the context that brings them together.

        Two names are compared when they appear in one story, or in articles
        that name at least two of the same people (stories in different
        languages are not always put together, but their people are).
        """
        roots_of_article: dict[str, set[str]] = defaultdict(set)
        by_story: dict[str, set[str]] = defaultdict(set)
        for root, members in clusters.items():
            for node in members:
                for story in node.stories:
                    by_story[story].add(root)
                for article_id in node.articles:
                    roots_of_article[article_id].add(root)
        people_of_article: dict[str, set[str]] = defaultdict(set)
        for node in self._persons():
            if len(name_tokens(node.key)) >= 2:
                for article_id in node.articles:
                    people_of_article[article_id].add(self.clusters.find(node.key))
        by_person: dict[str, set[str]] = defaultdict(set)
        for article_id, roots in roots_of_article.items():
            for person in people_of_article.get(article_id, ()):
                by_person[person] |= roots
        shared_people: Counter[tuple[str, str]] = Counter()
        for roots in by_person.values():
            if len(roots) <= self.settings.max_block:
                shared_people.update(combinations(sorted(roots), 2))
        pairs = {pair: "in articles naming the same people" for pair, count in shared_people.items() if count >= 2}
        for roots in by_story.values():
            if 1 < len(roots) <= self.settings.max_block:
                pairs.update({pair: "in one story" for pair in combinations(sorted(roots), 2)})
        return pairs

    def role_countries(self) -> set[str]:
        """Folded names that are the country of a state role ("Norland" of "Norland foreign minister"): places."""
        titles = sorted(self.lexicon.state_roles, key=len, reverse=True)
        countries = set()
        for node in self.nodes.values():
            for role in node.roles:
                title = next((t for t in titles if role.endswith(" " + t)), None)
                if title is not None:
                    countries.add(fold(role[: -len(title) - 1]))
        return countries

    def merge_country_forms(self) -> None:
        """ "Norlandia" (Spanish) and "Dravonien" (German) are "Norland" and "Dravonia": a known place's name
        with the language's country ending (languages.yaml `country_forms`), seen in an article of that language."""
        places = {key for key, node in self.nodes.items() if node.label in PLACE_LABELS} | self.role_countries()
        for key in sorted(places):
            if key not in self.nodes or " " in key:
                continue
            for language, words in sorted(self.lexicon.languages.items()):
                for english_ending, local_ending in words.country_forms:
                    if not key.endswith(english_ending) or len(key) - len(english_ending) < 3:
                        continue
                    local = key[: len(key) - len(english_ending)] + local_ending
                    node = self.nodes.get(local)
                    if local != key and node is not None and language in node.languages and not node.is_person:
                        detail = f"{node.surface!r} is the {language} form of {self.nodes[key].surface!r}"
                        self.clusters.merge(key, local, _evidence("country-form", [self.nodes[key], node], detail))

    def merge_acronyms(self) -> None:
        """ "NFC" and "Northern Fisheries Council": the initials of the words that count, when one expansion fits."""
        skip = set().union(*(words.acronym_skip for words in self.lexicon.languages.values()))
        expansions: dict[str, set[str]] = defaultdict(set)
        for key in sorted(self.nodes):
            node = self.nodes[key]
            words = [t for t in name_tokens(node.surface) if t not in skip]
            if node.label not in (PERSON, *PLACE_LABELS) and len(words) >= 2 and not is_acronym(node.surface):
                expansions["".join(w[0] for w in words)].add(key)
        for key in sorted(self.nodes):
            node = self.nodes[key]
            if not is_acronym(node.surface) or node.label == PERSON:
                continue
            targets = {self.clusters.find(k) for k in expansions.get(node.surface.replace(".", "").lower(), ())}
            if len(targets) == 1:
                target = next(iter(targets))
                detail = f"{node.surface} = initials of {self.nodes.get(target, node).surface}"
                self.clusters.merge(key, target, _evidence("acronym", [node, self.nodes.get(target, node)], detail))

    # entities
    def build_entities(self) -> dict[str, Entity]:
        entities: dict[str, Entity] = {}
        self._role_countries = self.role_countries()
        for root in self.clusters.roots():
            members = [self.nodes[k] for k in sorted(self.clusters.members[root]) if k in self.nodes]
            if not members:
                continue
            name, type_ = self._name_and_type(root, members)
            entity_id = _unique_id(entity_id_for(name, type_), entities)
            surfaces: Counter[str] = Counter()
            roles: Counter[str] = Counter()
            for member in members:
                surfaces.update(member.surfaces)
                roles.update(member.roles)
            entities[entity_id] = Entity(
                id=entity_id,
                name=name,
                type=type_,
                aliases=sorted(surfaces, key=lambda s: (-surfaces[s], s)),
                roles=sorted(roles, key=lambda r: (-roles[r], r)),
                evidence=self.clusters.evidence[root],
                mention_count=sum(m.mention_count for m in members),
            )
            self.entity_of_root[root] = entity_id
        return entities

    def _name_and_type(self, root: str, members: list[AliasNode]) -> tuple[str, str]:
        fixed = next((self.canonical[k] for k in sorted(self.clusters.members[root]) if k in self.canonical), None)
        labels: Counter[str] = Counter()
        for member in members:
            labels.update({k: v for k, v in member.labels.items() if k != UNKNOWN_LABEL})
        type_ = labels.most_common(1)[0][0] if labels else UNKNOWN_LABEL
        if type_ != PERSON and any(member.key in self._role_countries for member in members):
            type_ = "GPE"  # the country of a role ("Norland's foreign minister"), whatever the model called it
        if fixed is not None:
            return fixed[0], fixed[1] or type_
        return canonical_name(members), type_


def _without_words(surface: str, words: set[str]) -> str:
    """The surface without the given (folded) words: "Autoridad Portuaria de Norlandia" -> "Autoridad Portuaria de"."""
    kept = [word for word in surface.split() if fold(word) not in words]
    return " ".join(kept) if any(fold(word) for word in kept) else ""


def _initials_fit(short: list[str], full: list[str]) -> bool:
    """["k", "tanabe"] fits ["kazuhiro", "tanabe"]: same length, each word equal or its initial."""
    if len(short) != len(full):
        return False
    return all(a == b or (len(a) == 1 and b.startswith(a)) for a, b in zip(short, full, strict=True))


def _token_in_name(token: str, full_key: str) -> bool:
    alignment = align_tokens(token, full_key)
    return alignment.exact + alignment.transliterated == 1


def different_people(key_a: str, key_b: str) -> bool:
    """ "Emi Tanabe" vs "Kazuhiro Tanabe": a shared word (the surname) but the other words do not pair."""
    tokens_a, tokens_b = name_tokens(key_a), name_tokens(key_b)
    shared = set(tokens_a) & set(tokens_b)
    if not shared or len(tokens_a) < 2 or len(tokens_b) < 2:
        return False
    rest_a = [t for t in tokens_a if t not in shared]
    rest_b = [t for t in tokens_b if t not in shared]
    if not rest_a or not rest_b:
        return False
    if _initials_fit(rest_a, rest_b) or _initials_fit(rest_b, rest_a):
        return False
    alignment = align_tokens(" ".join(rest_a), " ".join(rest_b))
    if alignment.complete:
        return False
    return fuzz.ratio(" ".join(rest_a), " ".join(rest_b)) < 80


def canonical_name(members: list[AliasNode]) -> str:
    """The spelling to show: a multi-word name, the word set seen most (any order), the spelling seen most."""
    surfaces: Counter[str] = Counter()
    for member in members:
        surfaces.update({s: c for s, c in member.surfaces.items() if fold(s) == member.key})
    by_words: Counter[str] = Counter()
    for surface, count in surfaces.items():
        by_words[token_key(surface)] += count
    return min(
        surfaces,
        key=lambda s: (len(name_tokens(s)) < 2, contains_han(s), -by_words[token_key(s)], -surfaces[s], -len(s), s),
    )


def entity_id_for(name: str, type_: str) -> str:
    """Stable id: the same canonical name and type give the same id on every run."""
    return "ent-" + hashlib.sha1(f"{type_}:{fold(name) or name}".encode()).hexdigest()[:12]


def _unique_id(entity_id: str, taken: dict[str, Entity]) -> str:
    """Two actors with one canonical name (two people called "Tanabe"): number the later ones."""
    candidate, number = entity_id, 2
    while candidate in taken:
        candidate, number = f"{entity_id}-{number}", number + 1
    return candidate


def assign_entity_ids(
    articles: list[Article],
    nodes: dict[str, AliasNode],
    clusters: AliasClusters,
    entities: dict[str, Entity],
    entity_of_root: dict[str, str],
    stats: Stats,
) -> None:
    """Set `Mention.entity_id`: names by their node, short forms/roles/pronouns by their antecedent or story role."""
    role_holders: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # story -> role -> ids
    for article in articles:
        for mention in article.mentions:
            mention.entity_id = None
            if mention.kind == "name" and mention.antecedent is None:
                key = fold(mention.text) or mention.text
                if key in nodes:
                    mention.entity_id = entity_of_root.get(clusters.find(key))
                    if mention.role and mention.entity_id:
                        role_holders[story_of(article)][mention.role].add(mention.entity_id)
    for article in articles:
        for index, mention in enumerate(article.mentions):
            if mention.antecedent is not None:
                mention.entity_id = article.mentions[root_of(article.mentions, index)].entity_id
            elif mention.kind == "role" and mention.role:
                in_story = role_holders.get(story_of(article), {})
                holders = set().union(*(ids for r, ids in in_story.items() if _same_role(mention.role, r)))
                if len(holders) == 1:
                    mention.entity_id = holders.pop()
            if mention.entity_id is not None:
                stats["mentions_resolved"] += 1
            else:
                stats["mentions_unresolved"] += 1
    for entity in entities.values():
        entity.mention_count = 0
    for article in articles:
        for mention in article.mentions:
            if mention.entity_id in entities:
                entities[mention.entity_id].mention_count += 1
