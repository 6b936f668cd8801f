"""Article step "entities": names with titles stripped and roles kept, role phrases, pronouns, linked in the article."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from storylens.model import Article, Mention
from storylens.nlp import load_spacy
from storylens.pipeline import Stats
from storylens.steps.entities.settings import MISLABELLED_PERSON, PERSON, PLACE_LABELS, UNKNOWN_LABEL, EntitySettings
from storylens.steps.entities.spans import (
    RawSpan,
    _overlaps,
    _trim_stopwords,
    capitalized_spans,
    gazetteer_spans,
    is_law_name,
    with_clipped_opener,
)
from storylens.steps.names import (
    fold,
    name_tokens,
)
from storylens.steps.roles import (
    CAPITAL,
    RolePhrase,
    leading_title,
    load_lexicon,
    role_after,
    role_before,
    role_mentions,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


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
        models = [self.model_for(article) for article in articles]
        docs: dict[int, Doc] = {}
        for model in sorted({m for m in models if m is not None}):
            indexes = [i for i, m in enumerate(models) if m == model]
            pipeline = load_spacy(model, enable=("ner",))
            docs.update(zip(indexes, pipeline.pipe(articles[i].text for i in indexes), strict=True))
        for index, article in enumerate(articles):
            if index in docs:
                raw = with_clipped_opener(article.text, self._model_spans(docs[index]))
                stats[f"model_articles_{article.language or 'en'}"] += 1
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

    def model_for(self, article: Article) -> str | None:
        """The spaCy package that covers the article's language, or None for the capitalized-span fallback."""
        language = article.language or "en"
        if language in self.settings.ner_languages:
            return self.settings.model
        return dict(self.settings.language_models).get(language)

    def _model_spans(self, doc: Doc) -> list[RawSpan]:
        """The model's entities in our labels: other models name them differently ("PER" in the French model)."""
        spans = []
        for entity in doc.ents:
            label = MODEL_LABELS.get(entity.label_, entity.label_)
            if label in self.settings.labels:
                spans.append(RawSpan(entity.start_char, entity.end_char, label))
        return spans


MODEL_LABELS = {"PER": PERSON, "LOC": "LOC"}  # the labels of the WikiNER-trained models (fr, ...) in ours


def article_mentions(article: Article, raw: list[RawSpan], settings: EntitySettings) -> list[Mention]:
    """Names (titles stripped, roles kept), gazetteer hits, role phrases and pronouns, linked within the article."""
    text, language = article.text, article.language
    raw = raw + gazetteer_spans(text, [(s.start, s.end) for s in raw])
    raw = raw + role_context_spans(text, language, [(s.start, s.end) for s in raw])
    raw = [with_spaced_hyphen_title(text, span) for span in raw]
    names = [m for span in raw if (m := name_mention(article, span)) is not None]
    names = _without_duplicates(names)
    unglue_names(names, {fold(m.text) for m in names}, language)
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


SPACED_HYPHEN_BEFORE = re.compile(rf"({CAPITAL}[\w]*)\s?[-‐‑]\s?$")


def with_spaced_hyphen_title(text: str, span: RawSpan) -> RawSpan:
    """ "UN Secretary -General Ilse Varga": a model span starting at "-General" or "General" takes back the
    capitalized word its hyphen joins, so the whole title is read as the role and stripped from the name."""
    start = span.start
    if text[start : start + 1] in "-‐‑" and start < span.end:
        start += 1
        while start < span.end and text[start] == " ":
            start += 1
    match = SPACED_HYPHEN_BEFORE.search(text[max(0, start - 40) : start])
    if match is None or not leading_title(text[start - len(match.group(0)) : span.end], None)[0]:
        return RawSpan(start, span.end, span.label) if start != span.start else span
    return RawSpan(start - len(match.group(0)), span.end, span.label)


def _without_duplicates(names: list[Mention]) -> list[Mention]:
    """One mention per span (a model span and a context span may both end up on the same name)."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for mention in names:
        if (mention.start, mention.end) not in seen:
            seen.add((mention.start, mention.end))
            kept.append(mention)
    return kept


def unglued_length(surface: str, known: set[str], language: str | None) -> int | None:
    """The length of `surface` without a function word scraping glued to its end ("Ilse Vargaand" -> 10),
    when the unglued form is a name in `known` (folded); else None."""
    words = load_lexicon().words(language)
    glued = words.glued_words or load_lexicon().words("en").glued_words
    last = surface.split()[-1] if surface.split() else ""
    for word in glued:
        if last.endswith(word) and len(last) - len(word) >= 3 and not last[: -len(word)].endswith(("'", "’")):
            unglued = surface[: -len(word)]
            if fold(unglued) in known and fold(surface) != fold(unglued):
                return len(unglued)
    return None


def unglue_names(names: list[Mention], known: set[str], language: str | None) -> int:
    """Cut glued function words off names whose unglued form is known ("Ilse Vargaand" beside "Ilse Varga")."""
    cut = 0
    for mention in names:
        if mention.kind != "name":
            continue
        length = unglued_length(mention.text, known, language)
        if length is not None:
            mention.end = mention.start + length
            mention.text = mention.text[:length]
            cut += 1
    return cut


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
    for match in re.finditer(rf"(?<![\w.]){CAPITAL}[\w\-]+(?:['’]s)?(?!\w)", article.text):
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
