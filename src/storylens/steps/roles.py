"""The entity lexicon (gazetteer, roles, per-language words) and role phrases around names.

A role ("Norland foreign minister") is kept on every mention that carries one,
because within a story it is the main evidence that a garbled name is a known
person. Roles are read from three places: a title heading the name ("Foreign
Minister Kazuhiro Tanabe"), an apposition after it ("Tanabe, Norland's foreign
minister,") and role phrases standing for a person ("the Japanese prime
minister"). Every phrase list comes from resources/entities/*.yaml, so adding
a language is adding data; roles are mapped to one canonical English key so
they compare across languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from storylens.resources import read_yaml
from storylens.steps.names import fold, strip_accents

# Capital letters of the cased scripts (Latin with its extensions, Greek, Cyrillic, Armenian), as a regex class.
CAPITAL = "[" + "".join(re.escape(c) for c in map(chr, range(0x41, 0x530)) if c.isupper()) + "]"
CAPITALIZED_WORD = CAPITAL + r"[\w\-]*"
ROLE_CONNECTORS = ("of", "to", "de", "del", "du", "des", "von", "der", "des", "en", "in")
WINDOW = 90


@dataclass(frozen=True)
class GazetteerEntry:
    """A well-known organization or place with every name it goes by."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()


@dataclass
class LanguageWords:
    """Word lists for one language (see languages.yaml for what each is for)."""

    honorifics: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    pronouns: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()
    acronym_skip: frozenset[str] = frozenset()
    demonym_suffixes: tuple[str, ...] = ()
    capitalizes_nouns: bool = False
    coordinators: frozenset[str] = frozenset()
    organization_particles: tuple[str, ...] = ()
    organization_heads: frozenset[str] = frozenset()
    genitive_endings: tuple[str, ...] = ()
    noun_suffixes: tuple[str, ...] = ()
    person_noun_suffixes: tuple[str, ...] = ()
    place_endings: tuple[str, ...] = ()
    prepositions: frozenset[str] = frozenset()
    place_prepositions: frozenset[str] = frozenset()
    law_words: frozenset[str] = frozenset()
    law_suffixes: tuple[str, ...] = ()
    country_forms: tuple[tuple[str, str], ...] = ()
    glued_words: tuple[str, ...] = ()


@dataclass
class EntityLexicon:
    """Everything language-specific the entity steps know, loaded from data files."""

    entries: list[GazetteerEntry] = field(default_factory=list)
    by_alias: dict[str, GazetteerEntry] = field(default_factory=dict)  # folded alias -> entry
    by_acronym: dict[str, GazetteerEntry] = field(default_factory=dict)  # exact capitals -> entry
    country_by_demonym: dict[str, str] = field(default_factory=dict)  # folded demonym -> country name
    roles_by_phrase: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> folded phrase -> role
    title_words: dict[str, set[str]] = field(default_factory=dict)  # language -> phrases as written, accents stripped
    languages: dict[str, LanguageWords] = field(default_factory=dict)
    shared_roles: frozenset[str] = frozenset()  # roles many people hold at once: no evidence of identity
    state_roles: frozenset[str] = frozenset()  # roles of a state: the name before them is a country or place

    def words(self, language: str | None) -> LanguageWords:
        """The word lists of `language`, English when it has none."""
        return self.languages.get(language or "en") or self.languages["en"]

    def role_phrases(self, language: str | None) -> dict[str, str]:
        """Role phrases of the language plus English ones (titles travel untranslated)."""
        merged = dict(self.roles_by_phrase.get("en", {}))
        merged.update(self.roles_by_phrase.get(language or "en", {}))
        return merged

    def lookup(self, surface: str) -> GazetteerEntry | None:
        """The gazetteer entry a surface form names: acronyms by exact capitals, other names folded."""
        compact = surface.replace(".", "").strip()
        if compact.isupper() and len(compact) <= 6:
            return self.by_acronym.get(compact)
        return self.by_alias.get(fold(surface))


def is_acronym(surface: str) -> bool:
    """ "UN", "U.N.", "G7", "ONU": short, capitals (digits allowed), at least two letters."""
    compact = surface.replace(".", "").replace("-", "")
    return 2 <= len(compact) <= 6 and compact.isupper() and sum(c.isalpha() for c in compact) >= 2


def _read_yaml(name: str) -> Any:
    path = resources.files("storylens.resources").joinpath(f"entities/{name}")
    return read_yaml(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_lexicon() -> EntityLexicon:
    """Read gazetteer.yaml, roles.yaml and languages.yaml once per process."""
    lexicon = EntityLexicon()
    for raw in _read_yaml("gazetteer.yaml")["entries"]:
        aliases, demonyms = tuple(raw.get("aliases") or ()), tuple(raw.get("demonyms") or ())
        entry = GazetteerEntry(raw["name"], raw["type"], aliases, demonyms)
        add_gazetteer_entry(lexicon, entry)
    roles_data = _read_yaml("roles.yaml")
    lexicon.shared_roles = frozenset(roles_data.get("shared", ()))
    lexicon.state_roles = frozenset(roles_data.get("state", ()))
    for role, phrases in roles_data["roles"].items():
        for language, words in phrases.items():
            table = lexicon.roles_by_phrase.setdefault(language, {})
            written = lexicon.title_words.setdefault(language, set())
            for phrase in words:
                table[fold(phrase)] = role
                written.add(strip_accents(phrase).lower())
    for language, raw in _read_yaml("languages.yaml")["languages"].items():
        lexicon.languages[language] = LanguageWords(
            honorifics=frozenset(fold(w) for w in raw.get("honorifics", ())),
            articles=frozenset(fold(w) for w in raw.get("articles", ())),
            pronouns=frozenset(str(w).lower() for w in raw.get("pronouns", ())),
            particles=frozenset(raw.get("particles", ())),
            stopwords=frozenset(raw.get("stopwords", ())),
            acronym_skip=frozenset(fold(w) for w in raw.get("acronym_skip", ())),
            demonym_suffixes=tuple(sorted(raw.get("demonym_suffixes", ()), key=len, reverse=True)),
            capitalizes_nouns=bool(raw.get("capitalizes_nouns", False)),
            coordinators=frozenset(raw.get("coordinators", ())),
            organization_particles=tuple(sorted(raw.get("organization_particles", ()), key=len, reverse=True)),
            organization_heads=frozenset(fold(w) for w in raw.get("organization_heads", ())),
            genitive_endings=tuple(fold(w) for w in raw.get("genitive_endings", ())),
            noun_suffixes=tuple(fold(w) for w in raw.get("noun_suffixes", ())),
            person_noun_suffixes=tuple(fold(w) for w in raw.get("person_noun_suffixes", ())),
            place_endings=tuple(fold(w) for w in raw.get("place_endings", ())),
            prepositions=frozenset(fold(w) for w in raw.get("prepositions", ())),
            place_prepositions=frozenset(raw.get("place_prepositions", ())),
            law_words=frozenset(fold(w) for w in raw.get("law_words", ())),
            law_suffixes=tuple(fold(w) for w in raw.get("law_suffixes", ())),
            country_forms=tuple((str(a), str(b)) for a, b in raw.get("country_forms", ())),
            glued_words=tuple(sorted((str(w) for w in raw.get("glued_words", ())), key=len, reverse=True)),
        )
    return lexicon


def add_gazetteer_entry(lexicon: EntityLexicon, entry: GazetteerEntry) -> None:
    """Index an entry under its name, aliases and demonyms."""
    lexicon.entries.append(entry)
    for alias in (entry.name, *entry.aliases):
        if is_acronym(alias):
            lexicon.by_acronym[alias.replace(".", "")] = entry
        else:
            lexicon.by_alias[fold(alias)] = entry
    for demonym in entry.demonyms:
        lexicon.country_by_demonym[fold(demonym)] = entry.name


@dataclass(frozen=True)
class RolePhrase:
    """A role found in text: canonical role, optional country, and where the phrase lies."""

    role: str
    country: str | None
    start: int
    end: int

    @property
    def label(self) -> str:
        """ "Norland foreign minister", or just "foreign minister" when no country is named."""
        return f"{self.country} {self.role}" if self.country else self.role


@lru_cache(maxsize=32)
def _title_alternation(language: str | None) -> str:
    lexicon = load_lexicon()
    written = lexicon.title_words.get("en", set()) | lexicon.title_words.get(language or "en", set())
    phrases = sorted(written, key=len, reverse=True)
    return "|".join(r"\s+".join(_hyphen_tolerant(word) for word in phrase.split()) for phrase in phrases)


def _hyphen_tolerant(word: str) -> str:
    """A title word whose hyphen may carry a space, as scraping and machine translation leave it
    ("Secretary -General", "vice- president")."""
    return r"\s?[-‐‑]\s?".join(re.escape(part) for part in word.split("-"))


def _title_regex(language: str | None) -> str:
    """Title words, case-insensitive, accents optional (matching is done on accent-stripped text)."""
    return rf"(?i:(?P<title>{_title_alternation(language)}))"


class _AccentFreeTable(dict[int, str]):
    """A `str.translate` table filled on first use: each character to its first accent-free character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        value = (strip_accents(char) or char)[0]
        self[code] = value
        return value


ACCENT_FREE = _AccentFreeTable()


def strip_accents_keep_length(text: str) -> str:
    """Accent-free copy of `text` with the same length, so offsets found in it hold in the original."""
    if text.isascii():
        return text
    return text.translate(ACCENT_FREE)


def _country_word(language: str | None) -> str:
    """A capitalized word that does not start a title ("Japanese", not the "Prime" of "Prime Minister")."""
    return rf"(?!(?i:{_title_alternation(language)})\b){CAPITALIZED_WORD}"


@lru_cache(maxsize=32)
def _before_pattern(language: str | None) -> re.Pattern[str]:
    connectors = "|".join(ROLE_CONNECTORS)
    country = _country_word(language)
    return re.compile(
        rf"(?:(?P<country>{country}(?:\s+{country})?)(?:'s|’s)?\s+)?{_title_regex(language)}"
        rf"(?:\s+(?:{connectors})\s+(?:the\s+)?(?P<country_after>{CAPITALIZED_WORD}))?(?:\s*,)?\s+$"
    )


@lru_cache(maxsize=32)
def _after_pattern(language: str | None) -> re.Pattern[str]:
    connectors = "|".join(ROLE_CONNECTORS)
    return re.compile(
        rf"^\s*,\s*(?:(?i:the|el|la|le|der|die|l')\s*)?(?:(?P<country>{_country_word(language)})(?:'s|’s)?\s+)?"
        rf"{_title_regex(language)}\b(?:\s+(?!(?:{connectors})\b)(?P<demonym_after>[a-zà-ÿ]+))?"
        rf"(?:\s+(?:{connectors})\s+(?:the\s+)?(?P<country_after>{CAPITALIZED_WORD}))?"
    )


@lru_cache(maxsize=32)
def _role_mention_pattern(language: str | None) -> re.Pattern[str]:
    words = load_lexicon().words(language)
    articles = "|".join(re.escape(a) for a in sorted(words.articles | {"the"}, key=len, reverse=True))
    connectors = "|".join(ROLE_CONNECTORS)
    return re.compile(
        rf"(?:\b(?P<article>(?i:{articles}))\s+|(?<=,\s)|(?<![\w'’]))"
        rf"(?:(?P<country>{_country_word(language)})(?P<possessive>'s|’s)?\s+)?{_title_regex(language)}\b"
        rf"(?:\s+(?!(?:{connectors})\b)(?P<demonym_after>[a-zà-ÿ]+))?"
        rf"(?:\s+(?:{connectors})\s+(?:the\s+)?(?P<country_after>{CAPITALIZED_WORD}))?"
    )


def canonical_country(word: str | None, language: str | None, places: tuple[str, ...] = ()) -> str | None:
    """The country a word in a role phrase names: "Japanese" -> "Japan", "Norland's" -> "Norland".

    Known countries and demonyms come from the gazetteer; for others
    ("Norlandic") a demonym suffix is tried against the `places` the article
    names, so fictional or missing countries still line up.
    """
    if not word:
        return None
    lexicon = load_lexicon()
    cleaned = re.sub(r"['’]s$", "", word.strip())
    stopwords = lexicon.words(language).stopwords | lexicon.words("en").stopwords
    while " " in cleaned and cleaned.split()[0] in stopwords:
        cleaned = cleaned.split(" ", 1)[1]
    folded = fold(cleaned)
    if folded in lexicon.country_by_demonym:
        return lexicon.country_by_demonym[folded]
    entry = lexicon.lookup(cleaned)
    if entry is not None and entry.type in ("GPE", "LOC"):
        return entry.name
    for place in places:
        if fold(place) in (folded, folded[:-1] if folded.endswith("s") else None):
            return place  # "Norlands Außenministerin": a genitive s
    suffixes = set(lexicon.words(language).demonym_suffixes) | set(lexicon.words("en").demonym_suffixes)
    for suffix in sorted(suffixes, key=len, reverse=True):
        if folded.endswith(suffix) and len(folded) - len(suffix) >= 3:
            stem = folded[: -len(suffix)]
            match = next((p for p in places if fold(p).startswith(stem)), None)
            if match:
                return match
    if not cleaned[:1].isupper():
        return None
    return cleaned


def _role_from_match(
    match: re.Match[str], offset: int, language: str | None, places: tuple[str, ...]
) -> RolePhrase | None:
    role = load_lexicon().role_phrases(language).get(fold(match.group("title")))
    if role is None:
        return None
    groups = match.groupdict()
    country = None
    for key in ("country", "demonym_after", "country_after"):
        candidate = groups.get(key)
        if candidate and candidate not in load_lexicon().words(language).stopwords:
            resolved = canonical_country(candidate, language, places)
            if resolved and (key != "demonym_after" or fold(candidate) in load_lexicon().country_by_demonym):
                country = resolved
                break
    end = match.end() if groups.get("country_after") or groups.get("demonym_after") else match.end("title")
    if groups.get("demonym_after") and not country:
        end = match.end("title")
    return RolePhrase(role, country, offset + match.start(), offset + end)


def role_before(text: str, start: int, language: str | None, places: tuple[str, ...] = ()) -> RolePhrase | None:
    """A title right before a name: "Norland's Foreign Minister | Kazuhiro Tanabe"."""
    offset = max(0, start - WINDOW)
    window = strip_accents_keep_length(text[offset:start])
    if not _may_end_with_title(window, language):
        return None
    match = _first_before_match(window, language)
    return _role_from_match(match, offset, language, places) if match else None


def _first_before_match(window: str, language: str | None) -> re.Match[str] | None:
    """`_before_pattern(language).search(window)`, tried only where a match can start.

    The pattern is anchored at the window's end only, so `search` tries the whole title alternation
    (hundreds of phrases, twice at a capital) at every character; most positions start neither a country
    word (a capital) nor a title (its first letters), and skipping them gives the same first match."""
    pattern = _before_pattern(language)
    for start in _before_starts(language).finditer(window):
        match = pattern.match(window, start.start())
        if match:
            return match
    return None


@lru_cache(maxsize=32)
def _before_starts(language: str | None) -> re.Pattern[str]:
    """Empty matches where `_before_pattern` may start: a capital, or the first letters of a title
    (the same case-insensitive literals the title alternation begins with)."""
    lexicon = load_lexicon()
    written = lexicon.title_words.get("en", set()) | lexicon.title_words.get(language or "en", set())
    prefixes = sorted({phrase.split()[0].split("-")[0][:4] for phrase in written}, key=len, reverse=True)
    return re.compile(rf"(?={CAPITAL}|(?i:{'|'.join(re.escape(prefix) for prefix in prefixes)}))")


@lru_cache(maxsize=32)
def _title_last_words(language: str | None) -> frozenset[str]:
    """The last word of every title phrase (lower case, accent-free, hyphen parts too)."""
    lexicon = load_lexicon()
    written = lexicon.title_words.get("en", set()) | lexicon.title_words.get(language or "en", set())
    return frozenset(part for phrase in written for part in phrase.split()[-1].split("-") if part)


def _may_end_with_title(window: str, language: str | None) -> bool:
    """A cheap test before the title regex: the window ends in a title word, or in "<connector> [the] <Name>"."""
    words = re.findall(r"[\w']+", window[-60:].lower())
    if not words:
        return False
    if words[-1] in _title_last_words(language) or re.sub(r"'s$", "", words[-1]) in _title_last_words(language):
        return True
    return any(word in ROLE_CONNECTORS for word in words[-3:-1])


def role_after(text: str, end: int, language: str | None, places: tuple[str, ...] = ()) -> RolePhrase | None:
    """An apposition right after a name: "Kazuhiro Tanabe|, the foreign minister of Norland,"."""
    window = strip_accents_keep_length(text[end : end + WINDOW])
    match = _after_pattern(language).search(window)
    return _role_from_match(match, end, language, places) if match else None


def role_mentions(text: str, language: str | None, places: tuple[str, ...] = ()) -> list[RolePhrase]:
    """Role phrases standing for a person, not those heading a name.

    A phrase needs an article ("the Japanese prime minister"), a possessive
    country ("Norland's foreign minister") or to be an apposition after a comma
    ("Tanabe, secretary-general of the MSC"); a bare title says nothing about who.
    """
    found = []
    searchable = strip_accents_keep_length(text)
    for match in _role_mention_pattern(language).finditer(searchable):
        following = searchable[match.end("title") : match.end("title") + 2]
        if re.match(rf"\s{CAPITAL}", following) and not match.group("country_after"):
            continue  # "the Foreign Minister Kazuhiro Tanabe": a title heading a name
        if not (match.group("article") or _after_comma(searchable, match.start()) or match.group("possessive")):
            continue  # a bare title mid-sentence ("talks with foreign ministers") stands for no one in particular
        phrase = _role_from_match(match, 0, language, places)
        if phrase is not None:
            found.append(RolePhrase(phrase.role, phrase.country, match.start(), phrase.end))
    return found


def _after_comma(text: str, start: int) -> bool:
    """An apposition: "Kazuhiro Tanabe, secretary-general of the MSC," needs no article to stand for a person."""
    return text[max(0, start - 2) : start] == ", "


@lru_cache(maxsize=32)
def _leading_pattern(language: str | None) -> re.Pattern[str]:
    ordered = sorted(load_lexicon().words(language).honorifics, key=len, reverse=True)
    honorifics = "|".join(re.escape(h) for h in ordered)
    return re.compile(rf"^\s*(?:(?i:(?P<honorific>{honorifics}))\.?|{_title_regex(language)})\s+(?={CAPITAL})")


def leading_title(surface: str, language: str | None) -> tuple[int, str | None]:
    """Honorifics and titles at the start of a name span: ("Foreign Minister Tanabe") -> (17, "foreign minister").

    Returns how many characters to skip and the role, if a title was among them.
    """
    pattern = _leading_pattern(language)
    phrases = load_lexicon().role_phrases(language)
    skip, role = 0, None
    while match := pattern.match(strip_accents_keep_length(surface[skip:])):
        if match.group("title"):
            role = phrases.get(fold(match.group("title")), role)
        skip += match.end()
    return skip, role
