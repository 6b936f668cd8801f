"""Reported speech read from the dependency parse: "X said (that) ...", "..., X argued", "X told reporters
the plan ...", "X believes ...", "X urged Y to ...", "X accused Y of ...", "according to X, ...".

Surface patterns (quote_indirect.py) need the speaker next to the verb and the content right after it; real news
puts appositions, relative clauses and adverbials in between ("House Speaker Ana Ruiz, who chairs the
committee, said on Monday in a statement that ..."). The parse finds the verb's subject and its clausal
complement wherever they sit. Only sentences holding a cue word (`reported_speech.cue_words`, a cheap
surface filter) are parsed, with the language's `reported_speech.parser` model; languages without one keep
the surface rules alone.

Input: the article text and its sentence spans. Output: `ReportedClause`s (content span, subject span,
cue word) for quote_indirect.py to turn into indirect quotes with speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from storylens.nlp import PARSE_COMPONENTS, ModelUnavailable, load_spacy, parse_texts
from storylens.nlp import lemma as token_lemma

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from storylens.steps.quote_text import Lexicon

CLAUSE_LABELS = frozenset({"ccomp", "xcomp"})
SUBJECT_LABELS = frozenset({"nsubj", "nsubjpass"})
# Links from a subjectless verb up to the verb whose subject it shares: coordination, "went on to say",
# "..., saying that", "was quick to add" (acomp), "after saying that" (pcomp under a preposition).
CLIMBED_LABELS = frozenset({"conj", "xcomp", "advcl", "acomp", "pcomp", "prep"})
# Parts of a subject that name the speaker; relative clauses, appositions and trailing phrases are left out.
SPEAKER_PARTS = frozenset({"compound", "amod", "det", "poss", "case", "nmod", "nummod", "punct", "prt", "quantmod"})
LEADING_MARKS = frozenset({"that", "whether", "if"})
QUOTATION_MARKS = frozenset({'"', "“", "”", "«", "»", "„"})
RELATIVE_WORDS = frozenset({"who", "which", "that", "whom"})


@dataclass(frozen=True)
class ReportedClause:
    """One report: what was said (content), who said it (subject) and the cue that says so."""

    content_start: int
    content_end: int
    speaker_start: int | None
    speaker_end: int | None
    speaker_head: int | None  # start of the subject's head word ("Ruiz" of "Mayor Ana Ruiz")
    cue: str
    cue_start: int
    clausal: bool = True  # the content is a clause ("said the plan failed"), not an infinitive or object
    lemma: str = ""  # the cue's lemma ("say"; "according" for "according to")


@lru_cache(maxsize=8)
def _cue_pattern(words: tuple[str, ...], phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Lowercase cue stems with an inflection ending ("say", "says", "saying"; "argu" + "ed"), or a phrase
    head in any case ("According"). Lowercase only, so "the United States" is no "state" cue."""
    stems = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    heads = "|".join(re.escape(word) for word in phrases)
    pattern = rf"\b(?:{stems})(?:s|es|e|ed|d|ing|ies|ied)?\b"
    return re.compile(pattern + (rf"|(?i:\b(?:{heads})\b)" if heads else ""))


def has_cue(lexicon: Lexicon, sentence: str) -> bool:
    """A cheap filter before parsing: the sentence holds an inflected cue verb or an "according to"."""
    words = lexicon.reported_speech_cues
    return bool(words) and bool(_cue_pattern(words, tuple(sorted(lexicon.according_to_heads))).search(sentence))


def parser_for(lexicon: Lexicon) -> str | None:
    """The language's parser model (run with its tagger, for parts of speech; lemmas come from
    `storylens.nlp.lemma`), or None when it has none installed."""
    if not lexicon.reported_speech_parser:
        return None
    try:
        load_spacy(lexicon.reported_speech_parser, enable=PARSE_COMPONENTS)
    except ModelUnavailable:
        return None
    return lexicon.reported_speech_parser


def cue_sentences(text: str, sentences: list[tuple[int, int]], lexicon: Lexicon) -> list[tuple[int, int]]:
    """The sentences worth parsing: longer than a few characters and holding a cue word."""
    return [(start, end) for start, end in sentences if end - start > 10 and has_cue(lexicon, text[start:end])]


def parse_sentences(texts: list[str], lexicon: Lexicon) -> None:
    """Parse these sentence texts in one batch ahead of `reported_clauses` / `quote_subjects`, which then find
    them parsed (`storylens.nlp.parse_texts` keeps them): one big spaCy batch for many articles is faster
    than one small batch per article."""
    model = parser_for(lexicon)
    if model is not None and texts:
        parse_texts(model, PARSE_COMPONENTS, texts)


def reported_clauses(text: str, sentences: list[tuple[int, int]], lexicon: Lexicon) -> list[ReportedClause]:
    """Every report the parse shows in the given sentences (offsets into `text`)."""
    model = parser_for(lexicon)
    if model is None:
        return []
    chosen = cue_sentences(text, sentences, lexicon)
    docs = parse_texts(model, PARSE_COMPONENTS, [text[s:e] for s, e in chosen])
    found: list[ReportedClause] = []
    for (start, _end), doc in zip(chosen, docs, strict=True):
        for sentence in doc.sents:
            found.extend(_clauses_in(sentence, start, lexicon))
    return found


def quote_subjects(
    text: str, quotes: list[tuple[int, int, int, int]], lexicon: Lexicon
) -> dict[tuple[int, int], tuple[int, int, int]]:
    """Who a quote without a reporting clause is attributed to, by the grammar of its sentence: the subject
    of the nearest verb above the quote ('Ruiz called the plan “a farce”' -> Ruiz).

    `quotes` holds (quote start, quote end, sentence start, sentence end); the answer maps (quote start,
    quote end) to (speaker start, speaker end, head start) for the quotes a subject was found for."""
    model = parser_for(lexicon)
    if model is None or not quotes:
        return {}
    found: dict[tuple[int, int], tuple[int, int, int]] = {}
    sentences = [text[sentence_start:sentence_end] for _, _, sentence_start, sentence_end in quotes]
    docs = parse_texts(model, PARSE_COMPONENTS, sentences)
    for (start, end, offset, _), doc in zip(quotes, docs, strict=True):
        inside = [token for token in doc if start <= offset + token.idx < end]
        if not inside:
            continue
        head = inside[0]
        while head.dep_ != "ROOT" and start <= offset + head.idx < end:
            head = head.head  # up to the first word outside the quote
        for _ in range(6):
            subject = next((child for child in head.children if child.dep_ in SUBJECT_LABELS), None)
            if subject is not None and not start <= offset + subject.idx < end:
                subject = _reporter_above(head, lexicon) or subject
                first, last = _speaker_span(subject)
                found[(start, end)] = (offset + first, offset + last, offset + subject.idx)
                break
            if head.dep_ == "ROOT":
                break
            head = head.head
    return found


def _reporter_above(verb: Token, lexicon: Lexicon) -> Token | None:
    """The subject of a reporting verb whose clausal complement holds `verb`: quoted words inside a reported
    clause are the reporter's ('Ruiz said the audit was “a farce”', 'Ruiz said she “never saw it”': Ruiz,
    not "the audit" or "she"). Up to three clauses up; None when the clause is reported by no one."""
    current = verb
    for _ in range(3):
        parent = current.head
        if parent is current:
            return None
        if (
            current.dep_ == "ccomp"
            and parent.pos_ in ("VERB", "AUX")
            and token_lemma(parent).lower() in lexicon.reported_speech_lemmas
        ):
            return _subject_of(parent)
        current = parent
    return None


def _clauses_in(sentence: Span, offset: int, lexicon: Lexicon) -> list[ReportedClause]:
    clauses = []
    for token in sentence:
        if token.lower_ in lexicon.according_to_heads and token.dep_ == "prep":
            clause = _according_to(token, offset)
        elif token.pos_ in ("VERB", "AUX") and token_lemma(token).lower() in lexicon.reported_speech_lemmas:
            clause = _verb_report(token, offset, lexicon)
        elif token.pos_ == "NOUN" and token.lower_ in lexicon.speech_noun_forms:
            clause = _noun_report(token, offset)
        else:
            clause = None
        if clause is not None:
            clauses.append(clause)
    return clauses


def _verb_report(verb: Token, offset: int, lexicon: Lexicon) -> ReportedClause | None:
    """The verb's clausal complement as content, its subject as speaker."""
    lemma = token_lemma(verb).lower()
    if _denied(verb):
        return None
    complement = _complement_of(verb)
    stray = complement is not None and complement.dep_ == "xcomp" and lemma not in lexicon.reported_speech_xcomp_lemmas
    if verb.dep_ == "parataxis" and (complement is None or stray):
        return _interrupting_report(verb, offset)  # "The plan, Ruiz said, will fail"
    if complement is None:
        complement = _that_clause_in_adjunct(verb)  # "said in a statement that ..."
    if complement is None and lemma in lexicon.reported_speech_object_lemmas:
        complement = _object_phrase(verb)  # "accused the mayor of lying", "called for an inquiry"
    if complement is None and lemma in lexicon.reported_speech_direct_object_lemmas:
        return _object_report(verb, offset)  # "reported a loss of $2 million", "denied the allegations"
    if complement is None:
        return None
    if complement.dep_ == "xcomp" and lemma not in lexicon.reported_speech_xcomp_lemmas:
        return None  # "seemed to", "tried to": no content is reported
    tokens = _without_trailing_attribution([token for token in complement.subtree if token.i != verb.i])
    while tokens and (_is_leading_mark(tokens[0], complement) or tokens[0].is_punct):
        tokens = tokens[1:]
    if complement.dep_ in ("xcomp", "pobj", "pcomp"):
        tokens = _with_addressee(verb, tokens)
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]  # "… the losses but" when the parser hung "but added" on the content
    tokens = _with_continuation_after_mark(verb, tokens, lexicon)
    if len(tokens) < 2:
        return None
    return _report(tokens, verb, offset, clausal=complement.dep_ in ("ccomp", "acl", "relcl"))


# Verb forms that cannot agree with a third-person speaker on their own: a bare or plural present, a participle
# ("and have been wrong", "fix the pier"; a participle only after its auxiliary): a clause in one of them goes
# on with the content, not the speaker.
NON_FINITE_OR_PLURAL_TAGS = frozenset({"VB", "VBP", "VBG", "VBN"})


def _with_continuation_after_mark(verb: Token, tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    """The content with the clause the parser split off at a partial quote's closing mark: in 'said the polls
    could be “way off,” and have been wrong before' the closing mark and what follows it get hung on the
    reporting verb, though the clause goes on ('[the polls could be “way off,” and have been wrong before]').
    Only when the closing mark after the content hangs on the reporting verb or that clause, and the clause has
    no subject of its own and a verb form the speaker cannot be the subject of (so 'said the plan was
    “reckless,” and left' keeps 'left' for the speaker); not a reporting verb (the speaker's next statement)."""
    if not tokens:
        return tokens
    doc, last = verb.doc, tokens[-1]
    for child in verb.rights:
        if child.i <= last.i or child.is_punct or child.dep_ == "cc":
            continue
        between = doc[last.i + 1 : child.i]
        if not any(token.text in QUOTATION_MARKS and token.head.i in (verb.i, child.i) for token in between):
            return tokens
        if child.dep_ not in ("conj", "ccomp") or child.tag_ not in NON_FINITE_OR_PLURAL_TAGS:
            return tokens
        if any(grand.dep_ in SUBJECT_LABELS or grand.dep_ == "expl" for grand in child.children):
            return tokens
        if child.tag_ == "VBN" and not any(grand.dep_ in ("aux", "auxpass") for grand in child.children):
            return tokens  # "and walked out": a past form the tagger read as a participle is the speaker's act
        if token_lemma(child).lower() in lexicon.reported_speech_lemmas or child.text in lexicon.reporting_verbs:
            return tokens
        extended = list(doc[tokens[0].i : child.right_edge.i + 1])
        while extended and extended[-1].is_punct:
            extended = extended[:-1]
        return extended
    return tokens


def _complement_of(verb: Token) -> Token | None:
    """The verb's clausal complement, the one after the verb first: a parser sometimes takes an apposition
    between subject and verb for a complement ("Ana Ruiz, a lawyer helping the tenants, said the rent ...")."""
    complements = [child for child in verb.children if child.dep_ in CLAUSE_LABELS]
    after = [child for child in complements if child.i > verb.i]
    return (after or complements or [None])[0]


def _is_leading_mark(token: Token, complement: Token) -> bool:
    """ "that"/"whether"/"if" introducing the complement itself, not the "if" of a condition inside it
    ("said if elected he would ...")."""
    if token.lower_ not in LEADING_MARKS:
        return False
    return token.lower_ == "that" or token.head.i == complement.i


def _with_addressee(verb: Token, tokens: list[Token]) -> list[Token]:
    """An infinitive or object content starts at the person it is addressed to or accuses, as the proposition
    it reports does: "urged [the council to wait]", "accused [the mayor of hiding the audit]", "called on [the
    governor to resign]"."""
    if not tokens:
        return tokens
    for child in verb.children:
        if child.dep_ in ("dobj", "oprd") and child.i < tokens[0].i:
            addressee = child
        elif child.dep_ == "prep" and child.lower_ == "on" and child.i < tokens[0].i:
            addressee = next((grand for grand in child.children if grand.dep_ == "pobj"), None)
        else:
            continue
        if addressee is None or addressee.i >= tokens[0].i or addressee.i < verb.i:
            continue
        return [*verb.doc[addressee.left_edge.i : tokens[0].i], *tokens]
    return tokens


def _object_report(verb: Token, offset: int) -> ReportedClause | None:
    """The verb's direct object as content, with an "as" phrase that completes it ("described the plan as
    reckless"). Only for a verb with a subject, its own or the one of the verb it continues ("Ruiz left,
    citing the audit"): a participle with none ("Defending the plan, ...") leaves the source to a guess."""
    target = next((child for child in verb.children if child.dep_ == "dobj"), None)
    if target is None or _subject_of(verb) is None:
        return None
    last = target.right_edge
    for child in verb.rights:
        if child.dep_ == "prep" and child.lower_ == "as" and child.i == last.i + 1:
            last = child.right_edge
    tokens = list(verb.doc[target.left_edge.i : last.i + 1])
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    if len(tokens) < 2:
        return None
    return _report(tokens, verb, offset, clausal=False)


def _without_trailing_attribution(tokens: list[Token]) -> list[Token]:
    """The content without a closing relative clause that quotes someone anew ("said the cables were old,
    which she described as “a known risk”"): the quoted words are that clause's subject's, a report of their
    own, not part of the first one."""
    if not tokens:
        return tokens
    last = max((token.i for token in tokens if not token.is_punct), default=tokens[-1].i)
    for token in tokens:
        if token.dep_ != "relcl" or token.right_edge.i < last:
            continue
        comma = token.left_edge.i - 1
        subject = next((child for child in token.children if child.dep_ in SUBJECT_LABELS), None)
        own_subject = subject is not None and subject.lower_ not in RELATIVE_WORDS
        following = token.doc[token.right_edge.i + 1 : token.right_edge.i + 2]
        quoted = any(inner.text in QUOTATION_MARKS for inner in [*token.subtree, *following])
        if comma >= 0 and token.doc[comma].text == "," and own_subject and quoted:
            return [kept for kept in tokens if kept.i < comma]
    return tokens


def _noun_report(noun: Token, offset: int) -> ReportedClause | None:
    """A statement named by a noun with its "that" clause and its maker ("Ruiz's claim that the pier was safe",
    "his warning that …", "the assertion by the ministry that …"): the clause is the content and the possessor
    (or the "by" phrase) the speaker. Without a maker the noun names no one's statement ("the claim that …" is
    left to the writer)."""
    complement = next((child for child in noun.rights if _is_that_clause(child)), None)
    if complement is None:
        return None
    maker = _maker_of(noun)
    if maker is None:
        return None
    tokens = list(complement.subtree)
    while tokens and (tokens[0].lower_ == "that" or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if len(tokens) < 2:
        return None
    first, last = _speaker_span(maker)  # "Ana Ruiz" of "Ana Ruiz's" (the possessive ending hangs right of it)
    return ReportedClause(
        offset + tokens[0].idx,
        offset + tokens[-1].idx + len(tokens[-1].text),
        offset + first,
        offset + last,
        offset + maker.idx,
        noun.text,
        offset + noun.idx,
        True,
        noun.lower_,
    )


def _interrupting_report(verb: Token, offset: int) -> ReportedClause | None:
    """ "The plan, Ruiz said, will fail": the clause around the reporting clause is the content (its span
    runs over the interruption). What the parser hung on the reporting verb before its subject ("If the
    vote fails, Ruiz warned, the plan ...") and a stray infinitive after it ("Nor does the board have any
    plans, its members say, to sell") belong to the content."""
    subject = next((child for child in verb.children if child.dep_ in SUBJECT_LABELS), None)
    first = subject.left_edge.i if subject is not None else -1
    content_parts = [
        child for child in verb.children if (child.right_edge.i < first and not child.is_punct) or child.dep_ == "xcomp"
    ]
    moved = {token.i for child in content_parts for token in child.subtree}
    inside = {token.i for token in verb.subtree} - moved
    tokens = [token for token in verb.head.subtree if token.i not in inside and not token.is_punct]
    if len(tokens) < 3 or not any(token.i < verb.i for token in tokens):
        return None
    return _report(tokens, verb, offset, clausal=True)


def _report(tokens: list[Token], verb: Token, offset: int, clausal: bool) -> ReportedClause:
    """The clause over `tokens` (first to last) with the verb's subject as speaker."""
    subject = _subject_of(verb)
    speaker = _speaker_span(subject) if subject is not None else None
    return ReportedClause(
        offset + tokens[0].idx,
        offset + tokens[-1].idx + len(tokens[-1].text),
        None if speaker is None else offset + speaker[0],
        None if speaker is None else offset + speaker[1],
        None if subject is None else offset + subject.idx,
        verb.text,
        offset + verb.idx,
        clausal,
        token_lemma(verb).lower(),
    )


def _denied(verb: Token) -> bool:
    """ "did not say", "declined to say", "refused to confirm": nothing was reported."""
    if any(child.dep_ == "neg" for child in verb.children):
        return True
    return verb.dep_ == "xcomp" and token_lemma(verb.head).lower() in ("decline", "refuse", "fail", "dodge", "avoid")


def _that_clause_in_adjunct(verb: Token) -> Token | None:
    """A "that" clause the parser hung on a noun of the verb's adjunct ("said in a statement that ...",
    "told reporters on Monday that ..."). A clause on a noun with a maker of its own outside a prepositional
    phrase is that maker's statement, not the verb's content ("questioned Ruiz's claim that …": `_noun_report`;
    "said in her statement that …" stays the verb's)."""
    for child in verb.rights:
        for token in child.subtree:
            if _is_that_clause(token):
                owned = token.head.dep_ != "pobj" and _maker_of(token.head) is not None
                return None if owned else token
    return None


def _is_that_clause(token: Token) -> bool:
    """A clause the parser hung on a word, opened by "that" ("the claim [that the pier was safe]")."""
    return token.dep_ in ("acl", "ccomp", "relcl") and any(
        grand.dep_ == "mark" and grand.lower_ == "that" and grand.i < token.i for grand in token.children
    )


def _maker_of(noun: Token) -> Token | None:
    """Who makes the statement a noun names: its possessor ("Ruiz's claim", "his warning") or the object of
    its "by" phrase ("the assertion by the ministry")."""
    maker = next((child for child in noun.children if child.dep_ == "poss"), None)
    if maker is None:
        by = next((child for child in noun.rights if child.dep_ == "prep" and child.lower_ == "by"), None)
        maker = next((grand for grand in by.children if grand.dep_ == "pobj"), None) if by is not None else None
    return maker


def _object_phrase(verb: Token) -> Token | None:
    """What an accusation or call is about: the object of "of"/"for"/"on" after the verb or its object
    ("accused the mayor of lying", "called for an inquiry")."""
    holders = [verb, *(child for child in verb.children if child.dep_ == "dobj")]
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "on"):
                inner = next((grand for grand in child.children if grand.dep_ in ("pobj", "pcomp")), None)
                if inner is not None:
                    return inner
    return None


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject, or the subject of the verb it is coordinated with or governed by ("went on to say",
    "was quick to add that", "after saying that": through an adjective or a preposition to the verb above).
    A passive verb is not climbed from ("after being told that ...": its subject is the one told)."""
    if verb.dep_ == "relcl":
        subject = next((child for child in verb.children if child.dep_ in SUBJECT_LABELS), None)
        if subject is None or subject.lower_ in ("who", "which", "that"):
            return verb.head  # "Ana Ruiz, who said that ...": the noun the relative clause hangs on
    if any(child.dep_ == "auxpass" for child in verb.children):
        return next((child for child in verb.children if child.dep_ in SUBJECT_LABELS), None)
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            return None
        subject = next((child for child in current.children if child.dep_ in SUBJECT_LABELS), None)
        if subject is not None:
            return subject
        if current.dep_ in CLIMBED_LABELS and current.head is not current:
            current = current.head
        else:
            return None
    return None


def _speaker_span(subject: Token) -> tuple[int, int]:
    """The subject's words that name the speaker: its head with the modifiers before it
    ("House Speaker Ana Ruiz" of "House Speaker Ana Ruiz, who chairs the panel,") and a linked
    organization ("a spokesman for the ministry")."""
    first = subject
    for child in subject.lefts:
        if child.dep_ in SPEAKER_PARTS and child.left_edge.i < first.i:
            first = child.left_edge
    last = subject
    for child in subject.rights:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at") and child.i == last.i + 1:
            last = child.right_edge
        elif child.dep_ in ("compound", "flat") and child.i == last.i + 1:
            last = child
    while first.i < subject.i and first.is_punct:
        first = first.doc[first.i + 1]
    return first.idx, last.idx + len(last.text)


def _according_to(preposition: Token, offset: int) -> ReportedClause | None:
    """ "According to X, CONTENT" / "CONTENT, according to X": the clause the phrase hangs on."""
    to = next((child for child in preposition.children if child.lower_ == "to"), None)
    source = next((child for child in to.children if child.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return None
    head = preposition.head
    phrase = set(token.i for token in preposition.subtree)
    tokens = [token for token in head.subtree if token.i not in phrase]
    # keep the longest run of the clause outside the phrase (content sits on one side of it)
    runs: list[list[Token]] = [[]]
    for token in tokens:
        if runs[-1] and token.i != runs[-1][-1].i + 1:
            runs.append([])
        runs[-1].append(token)
    before = [run for run in runs if run and run[-1].i < preposition.i]
    after = [run for run in runs if run and run[0].i > preposition.i]
    # "CONTENT, according to X": the content is before the phrase unless the phrase opens the clause
    run = max(before, key=len) if before and len(before[-1]) >= 3 else max(runs, key=len)
    opening = [token.i for token in run if token.text == "(" and token.i < preposition.i]
    if after and run is not after[0] and opening:
        run = [token for token in run if token.i > opening[-1]]  # "(the figure is closer to 15, according to X)"
    while run and (run[0].is_punct or run[0].lower_ in LEADING_MARKS):
        run = run[1:]
    while run and run[-1].is_punct:
        run = run[:-1]
    if len(run) < 3:
        return None
    speaker = _speaker_span(source)
    return ReportedClause(
        offset + run[0].idx,
        offset + run[-1].idx + len(run[-1].text),
        offset + speaker[0],
        offset + speaker[1],
        offset + source.idx,
        preposition.doc[preposition.i : to.i + 1].text if to is not None else preposition.text,
        offset + preposition.idx,
        True,
        preposition.lower_,
    )
