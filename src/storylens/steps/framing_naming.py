"""Naming contrast: the different words two outlets (or camps) use for the same thing in the same slot.

Why aligned sentences: the term contrast (`framing_contrast`) says which words a group uses more, but
not what the others say instead. Two sentences from different groups that report the same thing share
most of their content words ("a group of around 200 masked rioters had gathered ... attacked a police
line" / "a small group of masked men attacked police first"); where their word sequences
differ in one short stretch, each side's stretch names the same slot its own way. A pair of terms is
shown when the substitution recurs (two aligned sentence pairs or more), when one of the terms is
evaluative (a loaded-language or tone entry), or when it is a *naming choice*: the two terms are nouns heading
the same slot (the parse; not a noun modifying another: "tax filing", "the state's") and one group writes its
term in at least `min_articles` of its articles while the other group never writes it ("rioters", in three
reports of one camp, where the other writes "masked men"). No word list says which names are contested: the
contrast between outlets of one story does. Synonyms that are mere paraphrase ("lawyer" / "attorney",
"praised" / "congratulated") are not told apart from naming choices by meaning; what keeps them out is the
evidence of a choice: a one-off substitution proves none, one article repeating its topic noun proves none
(hence articles, not uses), and verbs (mostly the reporting verbs of aligned quotes) are left out of the
choice rule. `consistent` says whether each term's group uses it and the other group never does anywhere in
the story, so the difference is a choice, not a chance wording; `chosen` says which of the two terms are
such choices.

Everything is evidence: each pair carries the two aligned sentences and the two term spans.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache, lru_cache
from typing import Any

from storylens.model import Article
from storylens.steps.claims import SENTENCE_ABBREVIATIONS
from storylens.steps.framing_aim import parsed_sentences
from storylens.steps.time_expressions import sentence_bounds

TOKEN = re.compile(r"[^\W_]+(?:[\-'\u2019][^\W_]+)*")


@dataclass(frozen=True)
class Token:
    """One word of a sentence: lower-cased text, offsets in the article, whether it is a content word."""

    word: str
    start: int
    end: int
    content: bool
    capitalized: bool


@dataclass
class Sentence:
    """A sentence of one article of one group, with its words."""

    group: str
    article_id: str
    start: int
    end: int
    tokens: list[Token]
    content: frozenset[str] = frozenset()  # its content words, kept once (alignment reads them many times)

    def __post_init__(self) -> None:
        self.content = frozenset(t.word for t in self.tokens if t.content)


@dataclass
class NamingPair:
    """Two terms for one slot, gathered over aligned sentence pairs."""

    groups: tuple[str, str]
    terms: tuple[str, str]
    examples: list[dict[str, Any]] = field(default_factory=list)
    aligned: int = 0
    chosen: list[bool] = field(default_factory=lambda: [False, False])  # each term its group's choice
    slot: bool | None = None  # the terms are nouns heading the same slot (parsed once, when one is a choice)


def sentences_of(article: Article, group: str, stopwords: frozenset[str], min_length: int) -> list[Sentence]:
    """The article's sentences with their tokens (content = not a stop word, long enough, not a number)."""
    text = article.text
    sentences = []
    for start, end in sentence_bounds(text, SENTENCE_ABBREVIATIONS):
        tokens = []
        for match in TOKEN.finditer(text, start, end):
            word = match.group(0)
            lower = word.lower()
            content = len(lower) >= min_length and lower not in stopwords and not lower.isdigit()
            tokens.append(Token(lower, match.start(), match.end(), content, word[:1].isupper()))
        if tokens:
            sentences.append(Sentence(group, article.id, start, end, tokens))
    return sentences


def aligned_sentences(
    sentences: list[Sentence], min_shared: int, min_overlap: float, max_postings: int = 100
) -> list[tuple[Sentence, Sentence]]:
    """Pairs of sentences from different groups sharing at least `min_shared` content words and
    `min_overlap` of the shorter one's; each sentence is paired with its best partner per other group."""
    postings: dict[str, list[int]] = defaultdict(list)
    for index, sentence in enumerate(sentences):
        for word in sentence.content:
            postings[word].append(index)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in postings.values():
        if len(members) > max_postings:
            continue  # a word in that many sentences says nothing about which two report the same thing
        for position, first in enumerate(members):
            for second in members[position + 1 :]:
                if sentences[first].group != sentences[second].group:
                    shared[(first, second)] += 1
    best: dict[tuple[int, str], tuple[float, int]] = {}
    # in sentence order, so that of two equally good partners the first wins whatever the hash seed (`shared` is
    # filled in the iteration order of frozensets of words, which changes from run to run)
    for (first, second), count in sorted(shared.items()):
        if count < min_shared:
            continue
        a, b = sentences[first], sentences[second]
        overlap = count / min(len(a.content), len(b.content))
        if overlap < min_overlap or a.content == b.content:
            continue
        for own, other in ((first, second), (second, first)):
            key = (own, sentences[other].group)
            if overlap > best.get(key, (0.0, -1))[0]:
                best[key] = (overlap, other)
    pairs = {tuple(sorted((own, other))) for (own, _), (_, other) in best.items()}
    return [(sentences[i], sentences[j]) for i, j in sorted(pairs)]


def _is_name(tokens: list[Token]) -> bool:
    """Capitalized words after the sentence start: a name, whose variants are the entity step's business."""
    return all(t.capitalized for t in tokens)


def substitutions(a: Sentence, b: Sentence, max_words: int) -> list[tuple[list[Token], list[Token]]]:
    """Stretches where two aligned sentences differ, each with a content word, neither a bare name.

    A differing stretch of one to `max_words` words a side, framed by shared words of which at least one is
    a content word, is a slot. A longer one
    still has a slot at its edge when a shared content word anchors it: the first content word after a
    shared content word on both sides ("masked rioters had gathered" / "masked men attacked": rioters / men),
    or the last one before it.
    """
    words_a = [t.word for t in a.tokens]
    words_b = [t.word for t in b.tokens]
    found = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes():
        if tag != "replace" or i1 == 0 or j1 == 0 or i2 == len(words_a) or j2 == len(words_b):
            continue  # a slot is a slot only between shared words
        if not (a.tokens[i1 - 1].content or a.tokens[i2].content):
            continue  # framed by function words only ("would allow a" / "would give a"): no shared slot
        left, right = a.tokens[i1:i2], b.tokens[j1:j2]
        if len(left) > max_words or len(right) > max_words:
            left, right = _anchored_edge(a.tokens, b.tokens, (i1, i2), (j1, j2))
        if not left or not right or not any(t.content for t in left) or not any(t.content for t in right):
            continue
        left, right = _trim(left), _trim(right)
        if _is_name(left) or _is_name(right) or _same_stem(left, right):
            continue
        found.append((left, right))
    return found


def _anchored_edge(
    tokens_a: list[Token], tokens_b: list[Token], span_a: tuple[int, int], span_b: tuple[int, int]
) -> tuple[list[Token], list[Token]]:
    """The one-word slot at the edge of a long differing stretch, when a shared content word anchors it."""
    (i1, i2), (j1, j2) = span_a, span_b
    if tokens_a[i1 - 1].content and tokens_a[i1].content and tokens_b[j1].content:
        return [tokens_a[i1]], [tokens_b[j1]]
    if tokens_a[i2].content and tokens_a[i2 - 1].content and tokens_b[j2 - 1].content:
        return [tokens_a[i2 - 1]], [tokens_b[j2 - 1]]
    return [], []


def _same_stem(left: list[Token], right: list[Token]) -> bool:
    """Inflections and spelling variants ("protest" / "protesters", "pew" / "pews", "tax-filing" / "tax filing",
    "don't" / "don’t") are not different names."""
    if _spelling(left) == _spelling(right):
        return True
    return len(left) == len(right) and all(_one_stem(x.word, y.word) for x, y in zip(left, right, strict=True))


def _spelling(tokens: list[Token]) -> str:
    return re.sub(r"[\W_]+", "", "".join(t.word for t in tokens))


def _one_stem(first: str, second: str) -> bool:
    return first[:5] == second[:5] or first.startswith(second) or second.startswith(first)


def _trim(tokens: list[Token]) -> list[Token]:
    """The stretch without leading and trailing function words ("the rioters" -> "rioters")."""
    content = [i for i, t in enumerate(tokens) if t.content]
    return tokens[content[0] : content[-1] + 1]


def _term(tokens: list[Token]) -> str:
    return " ".join(t.word for t in tokens)


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str]:
    """A term as a whole-word, case-insensitive pattern, compiled once per term: the same terms are looked up
    in every group's text, for every pair and every finding."""
    return re.compile(r"(?<![\w\-])" + re.escape(term).replace(r"\ ", r"\s+") + r"(?![\w\-])", re.IGNORECASE)


def uses_term(text: str, term: str) -> bool:
    """Whether `text` holds `term` as whole words, in any case ("Rioters" opening a sentence uses "rioters")."""
    return _term_pattern(term).search(text) is not None


NOMINAL = ("NOUN",)
# a noun in these roles modifies another word ("tax filing", "the deputy mayor", "the state's", "today"): the
# name of the participant is the noun it modifies
MODIFIER_ROLES = ("poss", "compound", "amod", "npadvmod", "nmod")


def _head(article: Article, sentence: Sentence, tokens: list[Token]) -> Any:
    """The parse token heading a term (the one whose head lies outside it), or None without a parser."""
    bounds = (sentence.start, sentence.end)
    doc = parsed_sentences(article, [bounds]).get(bounds)
    if doc is None:
        return None
    low, high = tokens[0].start - sentence.start, tokens[-1].end - sentence.start
    inside = [t for t in doc if low <= t.idx < high]
    heads = [t for t in inside if t.head is t or not low <= t.head.idx < high]
    return heads[0] if heads else (inside[-1] if inside else None)


def same_nominal_slot(
    article_a: Article, a: Sentence, left: list[Token], article_b: Article, b: Sentence, right: list[Token]
) -> bool:
    """Both terms are nouns heading their stretch, neither modifying another word: two names for one
    participant (subject, object, complement of a preposition ...)."""
    head_a, head_b = _head(article_a, a, left), _head(article_b, b, right)
    return all(
        head is not None and head.pos_ in NOMINAL and head.dep_ not in MODIFIER_ROLES for head in (head_a, head_b)
    )


def _span(article_texts: dict[str, str], article_id: str, start: int, end: int, kind: str) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "start": start,
        "end": end,
        "text": article_texts[article_id][start:end],
        "kind": kind,
    }


def naming_contrast(
    articles_by_group: dict[str, list[Article]],
    stopwords: frozenset[str],
    *,
    min_length: int = 3,
    min_shared: int = 3,
    min_overlap: float = 0.4,
    max_words: int = 3,
    max_pairs: int = 12,
    examples_per_pair: int = 2,
    min_articles: int = 2,
    evaluative: Callable[[str], bool] = lambda term: False,
) -> list[dict[str, Any]]:
    """Naming pairs across groups (see module doc), most supported first; consistent pairs before the rest."""
    sentences = [
        sentence
        for group, members in sorted(articles_by_group.items())
        for article in members
        for sentence in sentences_of(article, group, stopwords, min_length)
    ]
    articles = {a.id: a for members in articles_by_group.values() for a in members}
    texts = {a.id: a.text for a in articles.values()}
    group_text = {g: "\n".join(a.text.lower() for a in members) for g, members in articles_by_group.items()}
    article_texts = {g: [a.text.lower() for a in members] for g, members in articles_by_group.items()}
    pairs: dict[tuple[str, str, str, str], NamingPair] = {}
    for a, b in aligned_sentences(sentences, min_shared, min_overlap):
        if a.group > b.group:
            a, b = b, a
        for left, right in substitutions(a, b, max_words):
            key = (a.group, _term(left), b.group, _term(right))
            pair = pairs.setdefault(key, NamingPair((a.group, b.group), (key[1], key[3])))
            if not pair.aligned:
                pair.chosen = _chosen(article_texts, group_text, pair, min_articles)
            pair.aligned += 1
            if any(pair.chosen) and pair.slot is None:
                pair.slot = same_nominal_slot(articles[a.article_id], a, left, articles[b.article_id], b, right)
            if len(pair.examples) < examples_per_pair:
                pair.examples.append(
                    {
                        "sentences": [
                            _span(texts, a.article_id, a.start, a.end, "naming-sentence"),
                            _span(texts, b.article_id, b.start, b.end, "naming-sentence"),
                        ],
                        "terms": [
                            {
                                **_span(texts, a.article_id, left[0].start, left[-1].end, "naming-term"),
                                "group": a.group,
                            },
                            {
                                **_span(texts, b.article_id, right[0].start, right[-1].end, "naming-term"),
                                "group": b.group,
                            },
                        ],
                    }
                )
    described = []
    for pair in pairs.values():
        (group_a, group_b), (term_a, term_b) = pair.groups, pair.terms
        consistent = not uses_term(group_text[group_b], term_a) and not uses_term(group_text[group_a], term_b)
        loaded = evaluative(term_a) or evaluative(term_b)
        chosen = pair.chosen if pair.slot else [False, False]
        if not loaded and pair.aligned < 2 and not any(chosen):
            continue  # a one-off paraphrase ("the act creates" / "the bill would allow"), not a naming choice
        described.append(
            {
                "groups": [group_a, group_b],
                "terms": [term_a, term_b],
                "aligned_sentences": pair.aligned,
                "consistent": consistent,
                "evaluative": loaded,
                "chosen": chosen,
                "examples": pair.examples,
            }
        )
    described.sort(
        key=lambda p: (
            not p["evaluative"],
            not any(p["chosen"]),
            not p["consistent"],
            -p["aligned_sentences"],
            p["terms"],
            p["groups"],
        )
    )
    return described[:max_pairs]


def _chosen(
    article_texts: dict[str, list[str]], group_text: dict[str, str], pair: NamingPair, min_articles: int
) -> list[bool]:
    """For each term: the other group never writes it, and its own group does in at least `min_articles` of its
    articles (lower-cased texts by group in `article_texts`).

    Articles, not uses: one article repeats the noun of its topic ("the lawyer" five times where another outlet
    writes "attorney"); a group that keeps a name across its reports chose it."""
    chosen = []
    for side in (0, 1):
        group, other, term = pair.groups[side], pair.groups[1 - side], pair.terms[side]
        if uses_term(group_text[other], term):
            chosen.append(False)
            continue
        pattern = _term_pattern(term)
        chosen.append(sum(1 for text in article_texts[group] if pattern.search(text)) >= min_articles)
    return chosen


def naming_findings(
    pairs: list[dict[str, Any]], articles_by_group: dict[str, list[Article]]
) -> dict[str, list[dict[str, Any]]]:
    """Loaded-language findings from naming pairs, by article id: every use, in its group's articles, of a term
    that is its group's own name for the slot: a `chosen` term of an aligned pair, or a term of a label pair
    (`attributed`, `labelled`: names given with a verb of calling) that the other group of the pair never writes.
    The other pairs of aligned sentences (recurring or evaluative one-offs: "travelled" / "rejected") are left
    as naming pairs only: nothing says their terms are names rather than different facts.

    Why every use: the choice is the group's, not one sentence's; BASIL counts such rewording across outlets as
    lexical bias wherever it is written. Each finding says the other group's term (`instead_of`) and group."""
    found: dict[str, dict[tuple[int, int], dict[str, Any]]] = defaultdict(dict)
    group_text = _joined_texts(articles_by_group)
    for pair in pairs:
        groups, terms = pair["groups"], pair["terms"]
        chosen = pair.get("chosen") or [pair.get("method") in ("attributed", "labelled")] * 2
        for side in (0, 1):
            if not chosen[side]:
                continue
            group, term = groups[side], terms[side]
            other_group, other_term = groups[1 - side], terms[1 - side]
            if group not in articles_by_group or other_group not in articles_by_group:
                continue
            if uses_term(group_text(other_group), term):
                continue  # both groups write it: not this group's choice
            pattern = _term_pattern(term)
            for article in articles_by_group[group]:
                for match in pattern.finditer(article.text):
                    found[article.id].setdefault(
                        (match.start(), match.end()),
                        {
                            "article_id": article.id,
                            "start": match.start(),
                            "end": match.end(),
                            "text": match.group(0),
                            "kind": "loaded-language",
                            "term": term,
                            "category": "naming",
                            "instead_of": other_term,
                            "instead_in": other_group,
                            "method": pair.get("method", "aligned"),
                        },
                    )
    return {article_id: [spans[key] for key in sorted(spans)] for article_id, spans in found.items()}


def _joined_texts(articles_by_group: dict[str, list[Article]]) -> Callable[[str], str]:
    """A group's texts joined in one string, built the first time the group is asked for: only the groups a
    chosen term must be checked against are joined (before, every group's texts were joined on every call,
    whether a pair had a chosen term or not)."""
    return cache(lambda group: "\n".join(article.text for article in articles_by_group[group]))
