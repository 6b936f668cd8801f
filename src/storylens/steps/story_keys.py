"""Per-article story signals: name, number and date keys, their rarity weights and an article's key evidence.

Names, numbers and dates say *which* event a report is about, across
languages; they are what separates two events of one kind (see
`storylens.steps.stories`). This module turns an article into its keys (and
content terms, `story_terms`) and weighs them by rarity in the corpus.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import regex

from storylens.ingest.language import writing_script
from storylens.model import Article
from storylens.pipeline import Stats
from storylens.resources import read_yaml
from storylens.steps.story_headlines import HEADLINE_KEY, without_recurring_segments
from storylens.steps.story_settings import StorySettings
from storylens.steps.story_terms import TERMS_KEY, article_terms

KEYS_KEY = "story_keys"
NAME_TOKEN = re.compile(r"\b[^\W\d_][\w'’-]*", re.UNICODE)
CAPITALIZED_TOKEN = regex.compile(r"\b\p{Lu}[\w'’-]*")  # NAME_TOKEN starting upper-case, found in C
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
COMMON_KEY_MIN_ARTICLES = 50
POSSESSIVE = re.compile(r"'s?$")
LATIN_END = "\u024f"  # last letter of Latin Extended-B: names folded to these are in Latin script
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YEAR_VALUE = re.compile(r"^(\d{4})(?:-|$)")  # a resolved time value that names its year: "2031", "2031-05-06"
SENTENCE_END = re.compile(r"[.!?](?=\s)")
OPENING_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
SENTENCE_OPENERS = frozenset("\"'“”„«»‹›‘’‚([{—–-•*")
CJK_CHARACTER = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")  # scripts written without spaces
WORD = regex.compile(r"[\p{L}\p{N}]+")
# blocks holding the letters of scripts other than Latin (a quick test; `text_script` counts exactly after it)
OTHER_SCRIPT_BLOCKS = re.compile("[\u0370-\u1dff\u1f00-\u1fff\u2c80-\ud7ff\uf900-\ufaff\ufb1d-\ufdff\ufe70-\uffdc]")
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Capitalized words that are not names, all languages (resources/stories/function_words.yaml)."""
    text = resources.files("storylens.resources").joinpath("stories/function_words.yaml").read_text("utf-8")
    return frozenset(word.casefold() for words in read_yaml(text).values() for word in words)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name token, so Zürich matches Zurich (and Velmora's Velmora)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")
    return POSSESSIVE.sub("", folded)


def normalize_number(text: str) -> str | None:
    """One spelling for a number across locales: '6,1' and '6.1' -> '6.1'; '1,200' and '1.200' -> '1200'.

    A last group of exactly three digits is read as thousands. Years (1900-2099)
    return None: they are dates, and every article of a year shares them.
    """
    parts = re.split(r"[.,]", text)
    has_decimals = len(parts) > 1 and len(parts[-1]) != 3
    value = "".join(parts[:-1]) + "." + parts[-1] if has_decimals else "".join(parts)
    value = value.lstrip("0") or "0"
    if value.startswith("."):
        value = "0" + value
    if re.fullmatch(r"(19|20)\d\d", value):
        return None
    return value


@lru_cache(maxsize=1)
def noun_capitalizing_languages() -> frozenset[str]:
    """Languages that capitalize common nouns (resources/stories/capitalization.yaml), e.g. German."""
    text = resources.files("storylens.resources").joinpath("stories/capitalization.yaml").read_text("utf-8")
    return frozenset(read_yaml(text)["capitalizes_nouns"])


def starts_sentence(text: str, start: int) -> bool:
    """Whether the token at `start` opens a sentence or a line (skipping spaces, quotes, brackets)."""
    position = start - 1
    while position >= 0 and (text[position].isspace() or text[position] in SENTENCE_OPENERS):
        if text[position] == "\n":
            return True
        position -= 1
    return position < 0 or text[position] in ".!?:;"


def capitalized_inside_sentences(text: str) -> set[str]:
    """Folded capitalized tokens that do not open a sentence or line (where any word is capitalized)."""
    stop = function_words()
    found = set()
    for match in CAPITALIZED_TOKEN.finditer(text):
        token = match.group(0)
        if len(token) > 2 and not starts_sentence(text, match.start()):
            found.add(fold(token))
    return found - stop


def is_title_case(title: str) -> bool:
    """Whether a headline capitalizes most of its longer words ("Quake Hits Coastal Town"), names or not."""
    words = [w for w in NAME_TOKEN.findall(title) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) > 0.6 * len(words)


def mentioned_names(article: Article) -> set[str]:
    """Folded name tokens of the article's entity mentions (function words left out)."""
    mentioned = set()
    for mention in article.mentions:
        if mention.kind == "name" and mention.label in NAME_LABELS:
            mentioned |= {fold(t) for t in NAME_TOKEN.findall(mention.text) if t[0].isupper() and len(t) > 2}
    return mentioned - function_words()


def name_keys(article: Article) -> set[str]:
    """Name tokens as keys: "e:<token>" for names, "w:<token>" for weak evidence (see `key_strengths`).

    A capitalized word is a name when an entity mention contains it or when it
    is capitalized inside a sentence; a word capitalized only where every word
    may be (sentence starts, title-case headlines: "Mayor", "Magnitude") is not.
    In languages that capitalize every noun (German), a capitalized word that
    no entity mention contains may be a name or a common noun ("Arnhall",
    "Verhandlungen"): it is kept as a weak key, so it still links reports but
    a long tail of nouns no other language shares does not drown the names.
    """
    mentioned = mentioned_names(article)
    candidates = capitalized_inside_sentences(article.text)
    if article.title and not is_title_case(article.title):
        candidates |= capitalized_inside_sentences(article.title)
    candidates -= mentioned
    language = (article.language or "").split("-")[0].lower()
    prefix = "w:" if language in noun_capitalizing_languages() else "e:"
    return {"e:" + token for token in mentioned} | {prefix + token for token in candidates}


def number_keys(article: Article) -> set[str]:
    """Numbers in the headline and text, normalized across locales."""
    found = (normalize_number(m.group(0)) for m in NUMBER.finditer(f"{article.title or ''}\n{article.text}"))
    return {"n:" + value for value in found if value is not None}


def date_keys(article: Article) -> set[str]:
    """Resolved calendar dates the article mentions (from the time step), e.g. 'd:2031-05-06'."""
    return {"d:" + t.value for t in article.time_expressions if t.value and FULL_DATE.match(t.value)}


def report_year(article: Article) -> int | None:
    """The year a report is from: its publication year, else the year most of its calendar dates are in.

    A text without a publication date (an archive, a page stripped of its
    dateline) still dates itself: "on December 14, 2008" is the day of its
    event, and a report names its own days more than any other (latest year
    on ties). Bare years are not counted: "the 2024 election", "since 1991"
    are plans and background.

    Two same-kind events years apart (two quakes in one region, one team's
    coach fired twice) read alike and share their places and actors; the
    year is what tells them apart (see `StorySettings.year_gap`). None when
    neither is known: absent evidence is not contrary evidence.
    """
    if article.published:
        match = YEAR_VALUE.match(article.published)
        if match:
            return int(match.group(1))
    years = Counter(int(t.value[:4]) for t in article.time_expressions if t.value and FULL_DATE.match(t.value))
    return max(years, key=lambda year: (years[year], year)) if years else None


def headline_lead(title: str | None, specific_keys: Iterable[str]) -> frozenset[str]:
    """The specific name and number keys of an article that its headline names: who and how many it is about.

    Taken from the article's own keys (so a name in a title-case headline counts
    when the text confirms it as a name) whose token the headline holds.
    """
    if not title:
        return frozenset()
    tokens = {"e:" + fold(t) for t in NAME_TOKEN.findall(title)}
    tokens |= {"n:" + v for v in (normalize_number(m.group(0)) for m in NUMBER.finditer(title)) if v is not None}
    return frozenset(k for k in specific_keys if k in tokens)


def lead_line(article: Article, limit: int = 200) -> str:
    """What the article opens with: its headline, or for an untitled text its first sentence (within `limit`
    characters of its first line), where a report names who and what it is about."""
    if article.title:
        return article.title
    first = article.text.lstrip().split("\n", 1)[0][:limit]
    match = SENTENCE_END.search(first)
    return first[: match.start() + 1] if match else first


def opening_text(article: Article, limit: int = 200, max_lines: int = 3) -> str:
    """What a report opens with: its headline and the first sentence of its body, where a report names whom and
    what its own event is about.

    A report of another event of the same kind may recall this one further down
    (the team's earlier arrest, the region's earlier quake), but it opens with
    its own protagonist. Time expressions are left out first (a dateline's month
    and day are nobody), and a line left without letters (a dateline) is
    skipped. A line that ends without a sentence's end is a headline, a kicker
    or a subtitle (an untitled page's text starts with its title line): the
    opening goes on to the next line, up to `max_lines` lines of at most
    `limit` characters.
    """
    title = article.title or ""
    body = article.text.lstrip()
    if title and body.startswith(title):
        body = body[len(title) :]
    for expression in article.time_expressions:
        if expression.text:
            title, body = title.replace(expression.text, " "), body.replace(expression.text, " ")
    lines = [title] if title.strip() else []
    for line in body.split("\n"):
        line = line.strip(" .,;:|-–—\t")[:limit]
        if not any(character.isalpha() for character in line):
            continue
        match = OPENING_SENTENCE_END.search(line)
        lines.append(line[: match.start() + 1] if match else line)
        if match or len(lines) >= max_lines:
            break
    return "\n".join(lines)


def opening_persons(article: Article, specific_keys: Iterable[str], limit: int = 200) -> frozenset[str]:
    """The specific name keys of the people a report opens with (see `opening_text`): its protagonist.

    People only (PERSON mentions of the entity step): an opening also names
    its source ("according to the Washington Post", "CNN's correspondent")
    and its places, which two reports of one event need not share. Empty
    where the entity step recognizes no people (a language without NER):
    absent evidence is not contrary evidence.
    """
    persons = {
        "e:" + fold(token)
        for mention in article.mentions
        if mention.kind == "name" and mention.label == "PERSON"
        for token in NAME_TOKEN.findall(mention.text)
    }
    if not persons:
        return frozenset()
    return headline_lead(opening_text(article, limit), (k for k in specific_keys if k in persons))


def article_keys(article: Article) -> set[str]:
    """All language-independent keys of an article."""
    return name_keys(article) | number_keys(article) | date_keys(article)


def key_strengths(keys: Iterable[str], weak_key_weight: float, known_names: Container[str] = ()) -> dict[str, float]:
    """Stored keys as {key: strength}: a weak key "w:x" counts as "e:x" with `weak_key_weight`.

    A weak key that is a name elsewhere (`known_names`: "e:x" keys of articles
    in languages that capitalize only names) is a full key: "Arnhall" in a
    German report is a name when English reports write it capitalized
    mid-sentence too; "Verhandlungen" never is.
    """
    strengths: dict[str, float] = {}
    for key in keys:
        if key.startswith("w:"):
            name = "e:" + key[2:]
            strength = 1.0 if name in known_names else weak_key_weight
            strengths[name] = max(strengths.get(name, 0.0), strength)
        else:
            strengths[key] = 1.0
    return strengths


def word_equivalents(text: str) -> float:
    """How many words a text holds, a CJK character counting half a word.

    Chinese and Japanese write no spaces, so a whole headline would be one
    "word"; a Chinese word is about two characters long.
    """
    cjk = len(CJK_CHARACTER.findall(text))
    words = len(WORD.findall(CJK_CHARACTER.sub(" ", text))) if cjk else len(text.split())
    return words + cjk / 2


def is_short(article: Article, short_text_words: int) -> bool:
    """Whether the article is a headline or a one-line item rather than a report (see `short_text_words`).

    A text that repeats its title at its start (a feed item whose body is its
    headline, or a page that prints it again) counts the title once: a
    headline written twice is still a headline.
    """
    title = " ".join((article.title or "").split())
    text = " ".join(article.text[: 16 * short_text_words + len(title)].split())
    if title and text.startswith(title):
        text = text[len(title) :]
    return word_equivalents(title) + word_equivalents(text) < short_text_words


def text_script(text: str, sample_chars: int = 200) -> str | None:
    """The script most letters of the text's start are written in (None without letters).

    Two reports in different scripts share no word and no name as written,
    whatever their event: only meaning can link them (see
    `StoryIndex.cross_language_evidence`).
    """
    sample = text[:sample_chars]
    if not OTHER_SCRIPT_BLOCKS.search(sample):  # only Latin letters, if any: the common case, in one pass
        return "LATIN" if any(character.isalpha() for character in sample) else None
    counts = Counter(
        "LATIN" if character <= LATIN_END else writing_script(character) for character in sample if character.isalpha()
    )
    counts.pop(None, None)
    return counts.most_common(1)[0][0] if counts else None


def article_language(article: Article) -> str | None:
    """The article's language code without region ("pt-BR" -> "pt"), None when unknown."""
    return (article.language or "").split("-")[0].lower() or None


def embedding_text(article: Article, lead_chars: int, untitled_lead_chars: int | None = None) -> str:
    """What is embedded: the headline and the lead, where a report says what happened.

    A text without a headline (a page whose title was lost, a feed item
    without one) embeds `untitled_lead_chars` of its lead instead (see
    `StorySettings.untitled_lead_chars`).
    """
    title, text = article.title, article.text
    headline = article.metadata.get(HEADLINE_KEY)
    if headline is not None and title:  # the headline without an outlet's name or a kicker (`story_headlines`)
        text = headline + text[len(title) :] if text.startswith(title) else text
        title = headline
    if title:
        return f"{title}. {text[:lead_chars]}"
    return text[: untitled_lead_chars or lead_chars]


def add_story_signals(articles: Iterable[Article], settings: StorySettings | None = None) -> None:
    """Fill metadata["story_keys"] and ["story_terms"] where missing (embeddings are computed by the stories
    step, when needed)."""
    settings = settings or StorySettings()
    for article in articles:
        if KEYS_KEY not in article.metadata:
            article.metadata[KEYS_KEY] = sorted(article_keys(article))
        if TERMS_KEY not in article.metadata and settings.term_weight > 0:
            article.metadata[TERMS_KEY] = article_terms(
                article.title, article.text, article.language, settings.term_prefix_chars, settings.max_article_terms
            )


def drop_recurring_segments(
    articles: Iterable[Article], segments: frozenset[tuple[str, str]], settings: StorySettings
) -> int:
    """Give headline-only articles whose headline carries a recurring segment (an outlet's name, a kicker: see
    `story_headlines`) the keys, words and embedded headline of the headline without it; how many changed.
    Names the entity step recognized anywhere in the headline stay keys.

    Only short articles (see `is_short`): in a one-line item the segment is a
    large share of its words, while a full report's text outweighs it (and a
    report's "Epidemic: ..." title names its subject).
    """
    changed = 0
    for article in articles if segments else ():
        trimmed = without_recurring_segments(article, segments)
        if trimmed is None or not is_short(article, settings.short_text_words):
            continue
        # names the recognizer found stay keys wherever they stood: a kicker may name the subject ("Brandtveit: ...")
        article.metadata[KEYS_KEY] = sorted(article_keys(trimmed) | {"e:" + name for name in mentioned_names(article)})
        if settings.term_weight > 0:
            article.metadata[TERMS_KEY] = article_terms(
                trimmed.title, trimmed.text, trimmed.language, settings.term_prefix_chars, settings.max_article_terms
            )
        article.metadata[HEADLINE_KEY] = trimmed.title
        changed += 1
    return changed


class StorySignals:
    """Article step "story-signals": computes each article's keys in the worker processes.

    Stores `metadata["story_keys"]` (list of keys). The embedding is not
    computed here: the stories step embeds only the articles their keys
    cannot place (see `ClusterStories`).
    """

    name = "story-signals"

    def __init__(self, settings: StorySettings | None = None) -> None:
        self.settings = settings or StorySettings()

    def run(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]:
        for article in articles:
            add_story_signals([article], self.settings)
            stats["articles"] += 1
            yield article


class KeyWeights:
    """Rarity weight of a key: log(1 + (N + prior) / (df + 1)), df counted over articles seen.

    A key held by more than `common_share` of the articles (at least
    `COMMON_KEY_MIN_ARTICLES`) is *common* (a country named in every story):
    it still counts in similarities, but proposes no candidates and is no
    evidence that two reports share their event.
    """

    def __init__(self, prior: float, common_share: float = 0.05) -> None:
        self.prior = prior
        self.common_share = common_share
        self.document_frequency: Counter[str] = Counter()
        self.documents = 0
        self.names: set[str] = set()  # name keys seen as full keys ("e:"), see `key_strengths`
        self.cache: dict[str, float] = {}  # weights computed since the last count
        self.version = 0  # bumped by every count: cached profiles are stale
        self.common_limit: float = COMMON_KEY_MIN_ARTICLES

    def count(self, keys: Iterable[str], documents: int = 1) -> None:
        """Count `documents` articles holding `keys` (a story's key profile counts as its articles)."""
        self.document_frequency.update(keys)
        self.documents += documents
        self.cache = {}
        self.version += 1
        self.common_limit = max(self.common_share * self.documents, COMMON_KEY_MIN_ARTICLES)

    def count_documents(self, stored_keys: Iterable[Iterable[str]]) -> None:
        """Count articles by their stored keys, at once (a weak "w:x" counts as its name "e:x", as in
        `key_strengths`)."""
        documents = 0
        frequency = self.document_frequency
        for keys in stored_keys:
            frequency.update({"e:" + k[2:] if k.startswith("w:") else k for k in keys})
            documents += 1
        self.count((), documents)

    def __call__(self, key: str) -> float:
        weight = self.cache.get(key)
        if weight is None:
            weight = math.log(1.0 + (self.documents + self.prior) / (self.document_frequency[key] + 1.0))
            self.cache[key] = weight
        return weight

    def is_common(self, key: str) -> bool:
        return self.document_frequency.get(key, 0) > self.common_limit


@dataclass
class ArticleKeys:
    """An article's keys prepared for scoring against many stories."""

    strengths: dict[str, float]
    weighted: dict[str, float]  # rarity x strength
    norm2: float
    specific_keys: frozenset[str]  # full-strength keys that are not common (see `StoryIndex.key_evidence`)
    name_script: str | None = None  # see `name_script`
    terms: dict[str, float] = field(default_factory=dict)  # content term -> strength (see `story_terms`)
    terms_weighted: dict[str, float] = field(default_factory=dict)  # rarity x strength
    terms_norm2: float = 0.0
    term_vector: dict[str, float] = field(default_factory=dict)  # unit term vector (a story's: its members' mean)
    short: bool = False  # a headline-like text (see `StorySettings.short_text_words`)
    languages: dict[str, float] = field(default_factory=dict)  # language -> share of the side's articles
    scripts: frozenset[str] = frozenset()  # scripts the side's texts are written in (see `text_script`)
    years: frozenset[int] = frozenset()  # the years the side's reports are from (see `report_year`)
    headline: frozenset[str] = frozenset()  # specific name and number keys its headline names (see `headline_lead`)
    opening: frozenset[str] = frozenset()  # the same for its headline and first sentence (see `opening_text`)

    @property
    def specific(self) -> bool:
        return bool(self.specific_keys)

    @classmethod
    def of(
        cls,
        strengths: dict[str, float],
        weights: KeyWeights,
        terms: dict[str, float] | None = None,
        term_weights: KeyWeights | None = None,
    ) -> ArticleKeys:
        cache = weights.cache
        weighted = {key: (cache.get(key) or weights(key)) * strength for key, strength in strengths.items()}
        specific = frozenset(k for k, strength in strengths.items() if strength >= 1.0 and not weights.is_common(k))
        keys = cls(strengths, weighted, sum(v * v for v in weighted.values()), specific, name_script(strengths))
        if terms and term_weights is not None:
            keys.terms = terms
            keys.terms_weighted = {term: term_weights(term) * strength for term, strength in terms.items()}
            keys.terms_norm2 = sum(v * v for v in keys.terms_weighted.values())
            norm = math.sqrt(keys.terms_norm2) or 1.0
            keys.term_vector = {term: value / norm for term, value in keys.terms_weighted.items()}
        return keys


def name_script(keys: Iterable[str]) -> str | None:
    """ "latin" or "other": the script most of the name keys are written in (None without name keys).

    Names are compared as written, so a report writing them in Cyrillic or Greek
    shares none with one writing them in Latin letters, whatever its event:
    the anchor veto only applies between sides writing names in one script.
    """
    latin = other = 0
    for key in keys:
        if key.startswith("e:"):
            if all(character <= LATIN_END for character in key[2:]):
                latin += 1
            else:
                other += 1
    if not latin and not other:
        return None
    return "latin" if latin >= other else "other"


@dataclass(frozen=True)
class KeyEvidence:
    """What an article's (or a story's) keys say about a story: see `StoryIndex.key_evidence`."""

    similarity: float = 0.0
    conflict: float = 0.0
    unanchored: bool = False
    anchored: bool = False  # the two sides share a specific key


def full_key_vector(keys: ArticleKeys) -> dict[str, float]:
    """The article's full-strength keys (names, numbers, dates), rarity-weighted, as a unit vector.

    A weak key (an unconfirmed capitalized noun of a noun-capitalizing
    language) is left out: two German reports of one thread differ in many
    such nouns ("Kabinett", "Regierungsbündnis") that say nothing of the event.
    """
    full = {k: value for k, value in keys.weighted.items() if keys.strengths.get(k, 0.0) >= 1.0}
    norm = math.sqrt(sum(v * v for v in full.values()))
    return {k: v / norm for k, v in full.items()} if norm else {}
