"""Naming contrast from labels: what each side *calls* the thing, when the sentences do not align word for word.

The aligned-sentence naming contrast (`framing_naming`, `method: "aligned"`) finds "rioters" / "masked men" only
where two outlets wrote nearly the same sentence. Rival names are most often written in sentences of their own:
one outlet "reached a historic agreement in Arnhall on Thursday", another voted against "the framework agreed in
Arnhall on Thursday, calling it a capitulation". Two readings of the parse find them:

- `method: "attributed"` — an article sets two names side by side with verbs of calling ("what the government
  calls a security operation. [...] The opposition calls it a crackdown."): two labels with different callers,
  at most `ATTRIBUTION_WINDOW` sentences apart, are rival names of one thing. The pair is reported between two
  groups of the story when one group uses the first name and never the second, and another group the reverse;
  the attributing sentences come with it as evidence.
- `method: "labelled"` — a group labels a thing with a verb of calling ("calling it a capitulation", "described
  as a tragic accident"); another group's sentence sharing at least `min_shared` content words with it (the same
  place, day, actors: word stems, names included) names the main participant of its clause (subject or object
  of its main verb) with an evaluative noun phrase ("reached a historic agreement"). The two are that thing's
  names, each group's own: neither group uses the other's term anywhere in the story, one of the two holds
  a loaded-language entry, and when the label says what it names ("called the talks a chance") the other
  phrase names that too (same head stem: "the plan" / "the landmark plan").

A label is the labelling noun with its left modifiers ("a tragic accident that could ..." -> "tragic accident").
Languages without a parser (storylens parses en and fr) give no labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from storylens.model import Article
from storylens.steps.claims import SENTENCE_ABBREVIATIONS
from storylens.steps.framing_aim import parse_ahead, parsed_sentences
from storylens.steps.framing_naming import uses_term
from storylens.steps.time_expressions import sentence_bounds

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

WORD = re.compile(r"[^\W\d_]+(?:[\-'\u2019][^\W\d_]+)*")
LABEL_DEPS = ("oprd", "xcomp", "obj", "dobj")  # "calls it a crackdown", "branded the plan a giveaway"
AS_WORDS = ("as", "comme", "como", "als")
MAIN_DEPS = ("nsubj", "nsubjpass", "nsubj:pass", "dobj", "obj", "attr")
TERM_DEPS = ("amod", "compound", "nmod")
STEM = 5
# two labels of one article name the same thing when at most this many sentences apart: "calls it a crackdown"
# refers to something named a sentence or two before
ATTRIBUTION_WINDOW = 3


@dataclass(frozen=True)
class Label:
    """A noun phrase a group uses for a thing, with its sentence (article offsets) and how it was found."""

    group: str
    article_id: str
    start: int
    end: int
    term: str
    sentence: tuple[int, int]
    caller: str  # who calls it so (the calling verb's subject), "" for an evaluative noun phrase
    index: int = -1  # the sentence's index in its article (calling labels)
    named: str = ""  # the noun a calling verb labels ("called the talks a chance": talks), "" for a pronoun


def _stems(text: str, stopwords: frozenset[str], min_length: int) -> frozenset[str]:
    """Content word stems of a sentence (first five letters): "agreed" and "agreement" meet."""
    words = (w.lower() for w in WORD.findall(text))
    return frozenset(w[:STEM] for w in words if len(w) >= min_length and w not in stopwords)


def _term_tokens(noun: Token) -> list[Token]:
    """The noun with its adjacent left modifiers: "a historic agreement that ..." -> historic agreement."""
    tokens = [noun]
    for child in reversed(list(noun.lefts)):
        if child.dep_.lower() in TERM_DEPS and child.i == tokens[0].i - 1:
            tokens.insert(0, child)
    return tokens


def _labelled_nouns(verb: Token) -> list[Token]:
    """What a calling verb names its object: its predicate ("calls it a crackdown") or "as" phrase."""
    direct = [c for c in verb.children if c.dep_.lower() in ("dobj", "obj")]
    found = [c for c in verb.children if c.dep_.lower() in ("oprd", "xcomp") and c.pos_ in ("NOUN", "PROPN")]
    if len(direct) == 2:  # "branded the plan a giveaway": the second object is the label
        found.append(direct[1])
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in AS_WORDS:
            found.extend(c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN")
    return found


def _named(verb: Token, label: Token) -> str:
    """The noun a calling verb gives its label to, lower-cased; "" when it is a pronoun ("calls it")."""
    objects = [c for c in verb.children if c.dep_.lower() in ("dobj", "obj") and c is not label]
    return objects[0].lower_ if objects and objects[0].pos_ in ("NOUN", "PROPN") else ""


def _caller(verb: Token) -> str:
    subjects = [c for c in verb.children if c.dep_.lower() in ("nsubj", "nsubj:pass")]
    return " ".join(t.text for t in subjects[0].subtree) if subjects else ""


def _label(
    group: str, article: Article, sentence: tuple[int, int], tokens: list[Token], caller: str, index: int = -1
) -> Label:
    start, end = sentence[0] + tokens[0].idx, sentence[0] + tokens[-1].idx + len(tokens[-1].text)
    return Label(group, article.id, start, end, article.text[start:end].lower(), sentence, caller, index)


def calling_sentences(article: Article, calling: re.Pattern[str]) -> list[tuple[int, int]]:
    """The sentences of `article` holding a verb of calling: the ones `calling_labels` parses."""
    return [
        (s, e) for s, e in sentence_bounds(article.text, SENTENCE_ABBREVIATIONS) if calling.search(article.text, s, e)
    ]


def calling_labels(article: Article, group: str, calling: re.Pattern[str]) -> list[Label]:
    """The labels an article gives with a verb of calling (`calling`: the lexicon's calling verbs)."""
    bounds = sentence_bounds(article.text, SENTENCE_ABBREVIATIONS)
    wanted = calling_sentences(article, calling)
    labels = []
    for sentence, doc in parsed_sentences(article, wanted).items():
        for verb in doc:
            if verb.pos_ == "VERB" and calling.fullmatch(verb.text):
                for noun in _labelled_nouns(verb):
                    tokens = _term_tokens(noun)
                    label = _label(group, article, sentence, tokens, _caller(verb), bounds.index(sentence))
                    labels.append(replace(label, named=_named(verb, noun)))
    return labels


def evaluative_phrases(
    article: Article, group: str, sentence: tuple[int, int], evaluative: Callable[[str], bool], doc: Doc
) -> list[Label]:
    """Evaluative noun phrases naming the main participants of a sentence's main clause."""
    found = []
    main = [t for t in doc if t.dep_.lower() == "root"]
    main += [t for t in doc if t.dep_ == "conj" and t.head in main]
    for verb in main:
        for noun in verb.children:
            if noun.dep_.lower() in MAIN_DEPS and noun.pos_ == "NOUN":
                tokens = _term_tokens(noun)
                if any(evaluative(t.text) for t in tokens):
                    found.append(_label(group, article, sentence, tokens, ""))
    return found


def _span(article_texts: dict[str, str], label: Label, kind: str) -> dict[str, Any]:
    start, end = (label.start, label.end) if kind == "naming-term" else label.sentence
    text = article_texts[label.article_id][start:end]
    return {"article_id": label.article_id, "start": start, "end": end, "text": text, "kind": kind}


def _example(texts: dict[str, str], first: Label, second: Label) -> dict[str, Any]:
    return {
        "sentences": [_span(texts, first, "naming-sentence"), _span(texts, second, "naming-sentence")],
        "terms": [
            {**_span(texts, first, "naming-term"), "group": first.group},
            {**_span(texts, second, "naming-term"), "group": second.group},
        ],
    }


def _first_use(articles: list[Article], group: str, term: str) -> Label | None:
    """The first occurrence of `term` in a group's articles, as a label with its sentence."""
    pattern = re.compile(r"(?<![\w\-])" + re.escape(term).replace(r"\ ", r"\s+") + r"(?![\w\-])", re.IGNORECASE)
    for article in articles:
        match = pattern.search(article.text)
        if match:
            bounds = sentence_bounds(article.text, SENTENCE_ABBREVIATIONS)
            sentence = next(((s, e) for s, e in bounds if s <= match.start() < e), (match.start(), match.end()))
            return Label(group, article.id, match.start(), match.end(), term, sentence, "")
    return None


def label_contrast(
    articles_by_group: dict[str, list[Article]],
    stopwords: frozenset[str],
    calling: re.Pattern[str] | None,
    evaluative: Callable[[str], bool],
    loaded: Callable[[str], bool],
    *,
    min_length: int = 3,
    min_shared: int = 3,
) -> list[dict[str, Any]]:
    """Naming pairs from labels (see the module doc), each with `method` "attributed" or "labelled".

    `evaluative` says whether a word is a loaded-language or tone entry; `loaded` whether a term holds a
    loaded-language entry: a "labelled" pair needs one (tone words alone — "historic", "tensions" — describe
    too many things to say two phrases name the same one)."""
    if calling is None or len(articles_by_group) < 2:
        return []
    texts = {a.id: a.text for members in articles_by_group.values() for a in members}
    group_text = {g: "\n".join(a.text.lower() for a in members) for g, members in articles_by_group.items()}
    # one parser batch for every article's calling sentences (a spaCy call costs ~2 ms on top of its
    # sentences); `calling_labels` then finds them parsed, the same Docs (`parse_ahead`)
    parse_ahead((a, calling_sentences(a, calling)) for members in articles_by_group.values() for a in members)
    labels = {
        g: [label for a in members for label in calling_labels(a, g, calling)]
        for g, members in sorted(articles_by_group.items())
    }
    pairs: dict[tuple[str, str, str, str], dict[str, Any]] = {}

    def add(first: Label, second: Label, method: str, bridge: list[Label]) -> None:
        if first.group > second.group:
            first, second = second, first
        key = (first.group, first.term, second.group, second.term)
        if key not in pairs:
            pairs[key] = {
                "groups": [first.group, second.group],
                "terms": [first.term, second.term],
                "method": method,
                "aligned_sentences": 0,
                "consistent": True,
                "evaluative": any(evaluative(w) for w in f"{first.term} {second.term}".split()),
                "examples": [],
            }
            if bridge:
                pairs[key]["attributed_in"] = [_span(texts, label, "naming-sentence") for label in bridge]
        pair = pairs[key]
        pair["aligned_sentences"] += 1
        if len(pair["examples"]) < 2:
            pair["examples"].append(_example(texts, first, second))

    # attributed: two labels of one article with different callers, in the same or the next sentence
    for group_labels in labels.values():
        for i, one in enumerate(group_labels):
            for other in group_labels[i + 1 :]:
                if other.article_id != one.article_id or one.term == other.term or one.caller == other.caller:
                    continue
                if abs(one.index - other.index) > ATTRIBUTION_WINDOW:
                    continue
                for first_group, first_members in sorted(articles_by_group.items()):
                    for second_group, second_members in sorted(articles_by_group.items()):
                        if first_group >= second_group:
                            continue
                        for a, b in ((one.term, other.term), (other.term, one.term)):
                            text_a, text_b = group_text[first_group], group_text[second_group]
                            own_a = uses_term(text_a, a) and not uses_term(text_a, b)
                            if own_a and uses_term(text_b, b) and not uses_term(text_b, a):
                                use_a = _first_use(first_members, first_group, a)
                                use_b = _first_use(second_members, second_group, b)
                                if use_a and use_b:
                                    add(use_a, use_b, "attributed", [one, other])

    # labelled: a group's label against another group's evaluative noun phrase in a sentence about the same thing
    sentence_stems: dict[str, list[tuple[tuple[int, int], frozenset[str]]]] = {}  # per article, worked out once
    for group, group_labels in labels.items():
        for label in group_labels:
            own = _stems(texts[label.article_id][label.sentence[0] : label.sentence[1]], stopwords, min_length)
            for other_group, members in sorted(articles_by_group.items()):
                if other_group == group:
                    continue
                for article in members:
                    if article.id not in sentence_stems:
                        sentence_stems[article.id] = [
                            ((s, e), _stems(article.text[s:e], stopwords, min_length))
                            for s, e in sentence_bounds(article.text, SENTENCE_ABBREVIATIONS)
                        ]
                    near = [bounds for bounds, stems in sentence_stems[article.id] if len(own & stems) >= min_shared]
                    for sentence, doc in parsed_sentences(article, near).items():
                        for phrase in evaluative_phrases(article, other_group, sentence, evaluative, doc):
                            if phrase.term == label.term or _same_stem(phrase.term, label.term):
                                continue
                            if not (loaded(label.term) or loaded(phrase.term)):
                                continue
                            if label.named and not _same_stem(label.named, phrase.term):
                                continue  # the label says what it names ("the talks"), and that is not this
                            crossed = uses_term(group_text[group], phrase.term)
                            if crossed or uses_term(group_text[other_group], label.term):
                                continue  # each group's own name: neither uses the other's
                            add(label, phrase, "labelled", [])
    return sorted(pairs.values(), key=lambda p: (not p["evaluative"], -p["aligned_sentences"], p["terms"]))


def _same_stem(first: str, second: str) -> bool:
    return first.split()[-1][:STEM] == second.split()[-1][:STEM]
