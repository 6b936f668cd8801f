"""Reporting clauses around a direct quote: who speaks, with which verb, before or after the marks.

`frame_after` reads "…,” said Ruiz / Ruiz said / a-t-il déclaré"; `frame_before` reads "Ruiz said:",
"said Ruiz,", "According to Ruiz,", "Ruiz:"; `choose_frame` decides when a quote has both. Used by the
direct quote finder in quote_direct.py (and its block quotes); everything language-specific comes from the
lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storylens.steps.quote_text import QuotedSpan
from storylens.steps.speakers import (
    POSSESSIVE_TAILS,
    SPEAKER_LABELS,
    SpeakerMatch,
    TextView,
    described_subject,
    inverted_pronoun,
    person_in_clause,
    resolve_mention,
    speaker_after_verb,
    speaker_before_verb,
    speaker_starting_at,
)

AFTER_QUOTE_GAP = re.compile(r"^[ \t\u00a0,;—–-]*$")
BEFORE_QUOTE_GAP = re.compile(r"^[\s,:;—–-]*$")
MAX_CLAUSE_TOKENS = 12
# Words a naming verb's object may have before the quoted name ('called the state's new voting law “…”').
MAX_NAMED_OBJECT_TOKENS = 7


@dataclass
class Frame:
    """The reporting clause of a direct quote: who, with which verb, and whether it touches the quote."""

    speaker: SpeakerMatch | None
    verb: str | None
    adjacent: bool = True
    zero_subject: bool = False
    naming: bool = False  # a naming verb's frame ('called the plan “…”'; naming_frame)
    named_from: int | None = None  # a naming verb's object starts here ('called [the plan “reckless”]')
    names_object: bool = False  # that object is more than an article ('called [it] “…”', not 'call an “…”')
    after: bool = False  # the clause follows the quote ('“…,” said Ruiz'; frame_after)


def frame_after(view: TextView, span: QuotedSpan, limit: int) -> Frame | None:
    """A reporting clause right after the closing mark: "…,” said Ruiz / Ruiz said / a-t-il déclaré."""
    first = view.first_token_from(span.end)
    if first >= len(view.tokens) or view.tokens[first].start >= limit:
        return None
    if not AFTER_QUOTE_GAP.match(view.text[span.end : view.tokens[first].start]):
        return None
    highest = view.last_token_before(limit)
    inverted = inverted_pronoun(view, first)
    if inverted is not None:
        return Frame(inverted[0], inverted[1], after=True)
    verb = first
    while view.is_filler(verb) and verb - first < 2 and not view.is_verb(verb):
        verb += 1
    if view.is_verb(verb):
        inverted = inverted_pronoun(view, verb + 1)
        speaker = inverted[0] if inverted else speaker_after_verb(view, verb, highest)
        if speaker is None:
            speaker = person_in_clause(view, verb + 1, highest)
        return Frame(speaker, view.tokens[verb].text, zero_subject=speaker is None, after=True)
    speaker = speaker_starting_at(view, first) or described_subject(view, first, highest)
    if speaker is None:
        return None
    verb = verb_after_speaker(view, speaker.last_token + 1, highest)
    if verb is None:
        return None
    return Frame(speaker, view.tokens[verb].text, after=True)


def verb_after_speaker(view: TextView, index: int, highest: int) -> int | None:
    """The reporting verb after a speaker, skipping an appositive (", the mayor,") and fillers ("also")."""
    if index > highest or index >= len(view.tokens):
        return None
    if "," in view.gap(index - 1, index) and not view.is_verb(index):  # "X, the mayor, said"; not "…, X, said"
        for following in range(index, min(highest, index + 10)):
            if "," in view.gap(following, following + 1):
                index = following + 1
                break
        else:
            return None
    skipped = 0
    while index <= highest and view.is_filler(index) and skipped < 3:
        index += 1
        skipped += 1
    return index if index <= highest and view.is_verb(index) else None


def choose_frame(content: str, before: Frame | None, after: Frame | None) -> Frame | None:
    """Which reporting clause a quote belongs to when it has one on each side.

    A quote ending in a full stop closes its sentence, so a clause after it
    ("… void.” She added …") starts a new sentence: the clause before wins.
    A quote ending in a comma, "?" or "!" hands over to the clause after it.
    """
    if before is None or after is None:
        return before or after
    if content.rstrip().endswith(".") and before.adjacent:
        return before
    return after


def frame_before(view: TextView, span: QuotedSpan, clause_start: int) -> Frame | None:
    """A reporting clause before the opening mark: "Ruiz said:", "said Ruiz,", "According to Ruiz,", "Ruiz:"."""
    last = view.last_token_before(span.open_at)
    first = view.first_token_from(clause_start)
    if last < first:
        return None
    gap = view.text[view.tokens[last].end : span.open_at]
    if not BEFORE_QUOTE_GAP.match(gap):
        return None
    frame = naming_frame(view, first, last) if not gap.strip() else None
    if frame is None:
        frame = verb_frame_before(view, first, last, inverted=bool(re.search(r"[,:]", gap)))
    if frame is None:
        frame = _according_to_frame(view, first, last)
    if frame is None and ":" in gap and last - first < MAX_CLAUSE_TOKENS:
        speaker = speaker_starting_at(view, first)
        if speaker is not None:
            frame = Frame(speaker, None)
    if frame is None:
        frame = verb_frame_before(view, first, last, anywhere=True)
        if frame is not None:
            frame.adjacent = False
    return participle_before(view, first, last, frame)


def participle_before(view: TextView, first: int, last: int, frame: Frame | None) -> Frame | None:
    """A speech participle right before the marks ('…, adding, “…”', 'ended by saying “Too many.”') makes
    the quote adjacent to a verb of speech, however short: the speaker stays the one found earlier in the
    sentence, or is left to the parse (the name before the participle's comma is often the one spoken of)."""
    if frame is not None and frame.adjacent:
        return frame
    verb = last - 1 if last > first and view.tokens[last].lower in view.lexicon.complementizers else last
    if view.tokens[verb].lower not in view.lexicon.participle_verbs:
        return frame
    if frame is not None:
        frame.adjacent = True
        return frame
    return Frame(None, view.tokens[verb].text, zero_subject=True)


def verb_frame_before(
    view: TextView, first: int, last: int, anywhere: bool = False, inverted: bool = True
) -> Frame | None:
    """The nearest reporting verb with a speaker before the quote: within `max_verb_distance` words,
    or `anywhere` in the clause (for a partial quote inside a reported sentence). `inverted=False` (no comma or
    colon before the mark) does not read a name or pronoun after the verb as its subject: in 'said she “never
    …”' it opens the reported clause."""
    lowest = first if anywhere else max(first, last - view.max_verb_distance)
    for verb in range(last, lowest - 1, -1):
        if not view.is_verb(verb):
            continue
        if anywhere:
            # a name after a verb far from the quote is the reported clause's subject ('said she “never …”'),
            # not its speaker: only the subject before the verb counts (else the parse decides)
            speaker = speaker_before_verb(view, verb, first)
        else:
            pronoun = inverted_pronoun(view, verb + 1) if verb < last and inverted else None
            speaker = (
                pronoun[0]
                if pronoun
                else speaker_before_verb(view, verb, first)
                or (speaker_after_verb(view, verb, last) if inverted else None)
            )
        if speaker is None:
            continue
        end_of_frame = max(verb, speaker.last_token)
        between = [view.tokens[i].lower for i in range(end_of_frame + 1, last + 1)]
        adjacent = all(word in view.lexicon.complementizers for word in between)
        return Frame(speaker, view.tokens[verb].text, adjacent)
    return None


def naming_frame(view: TextView, first: int, last: int) -> Frame | None:
    """A verb naming its object in the speaker's words right before the mark: 'Ruiz called the plan
    “a disgrace”', 'calling him “a tired old hand”', 'described the audit as “thin.”'. The quoted words are what
    the subject said, so the frame counts as adjacent (one word without punctuation stays a label the writer
    holds at a distance: 'what ministers keep calling an “accident”'; `is_speech`). A
    participle ('…, calling him “…”') leaves the speaker to the parse: the name before its comma is usually
    the one named, not the one naming."""
    lexicon = view.lexicon
    for verb in range(last - 1, max(first, last - MAX_NAMED_OBJECT_TOKENS) - 1, -1):
        if view.tokens[verb].lower not in lexicon.naming_verbs:
            continue
        target = verb + 1
        if view.tokens[target].lower in lexicon.naming_particles:
            if lexicon.naming_verb_particles.get(view.tokens[verb].lower) != view.tokens[target].lower:
                return None  # "called for a “reform”": a phrasal verb, not a naming
            target += 1  # "referred to the plan as “…”": the particle belongs to the naming verb
            if not any(view.tokens[index].lower in lexicon.naming_links for index in range(target, last + 1)):
                return None  # "referred to the “sex tape”": a topic, not a naming
        between = range(verb + 1, last + 1)
        if any(view.gap(index - 1, index).strip() for index in between) or any(view.is_verb(i) for i in between):
            return None  # punctuation or another reporting verb: the quote is not this verb's object
        if target > last:
            return None
        participle = view.tokens[verb].lower.endswith("ing")
        speaker = None if participle else speaker_before_verb(view, verb, first)
        # no object before the name ("described as “…”") leaves nothing to keep with it
        named = view.tokens[target].lower not in lexicon.naming_links
        named_from = view.tokens[target].start if named else None
        names_object = named and any(names_something(view, index) for index in range(target, last + 1))
        return Frame(speaker, view.tokens[verb].text, True, speaker is None, True, named_from, names_object)
    return None


def names_something(view: TextView, index: int) -> bool:
    """Whether a word of a naming verb's object names something: a noun or name ('the mayor'), or an object
    pronoun ('her', 'it'; `naming_objects`, since 'her' is a determiner too), not an article alone ('an')."""
    word = view.tokens[index].lower
    return word in view.lexicon.naming_objects or word not in view.lexicon.determiners


def _according_to_frame(view: TextView, first: int, last: int) -> Frame | None:
    for index in range(first, last + 1):
        length = according_to_at(view, index)
        if length:
            speaker = speaker_starting_at(view, index + length)
            if speaker is not None and speaker.last_token <= last:
                phrase = view.text[view.tokens[index].start : view.tokens[index + length - 1].end]
                return Frame(speaker, phrase, adjacent=speaker.last_token == last)
    return None


# Words a possessor may have between it and the quoted words of its utterance ("Ruiz's now famous “…” remark").
MAX_UTTERANCE_MODIFIERS = 2
POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")


def utterance_frame(view: TextView, span: QuotedSpan) -> Frame | None:
    """Quoted words naming an utterance of the possessor before them: 'Ruiz's “very fine” remark', 'the
    senator's “no deal” comment', 'his “not one cent” pledge'. Who said the words is told by the possessive,
    and the noun after the marks says they were said (`speech_nouns`), so the quote is the possessor's however
    short. A possessor is a name or role ending in 's, or a possessive pronoun (`possessive_pronouns`); up to
    two lower-case words may stand between it and the marks."""
    lexicon = view.lexicon
    noun = view.first_token_from(span.end)
    if noun >= len(view.tokens) or view.tokens[noun].lower not in lexicon.speech_nouns:
        return None
    if view.text[span.end : view.tokens[noun].start].strip():
        return None
    last = view.last_token_before(span.open_at)
    if last < 0 or view.text[view.tokens[last].end : span.open_at].strip():
        return None
    for owner in range(last, max(-1, last - MAX_UTTERANCE_MODIFIERS - 1), -1):
        if owner < last and (view.gap(owner, owner + 1).strip() or not view.tokens[owner + 1].text[:1].islower()):
            return None
        speaker = possessor_at(view, owner)
        if speaker is not None:
            return Frame(speaker, view.tokens[noun].text)
    return None


def possessor_at(view: TextView, index: int) -> SpeakerMatch | None:
    """The speaker a possessive token names: 'his' itself, or the name or role of 'Ruiz's' / 'the senator's'
    (a mention over the name replaces it, as for every speaker)."""
    token = view.tokens[index]
    if token.lower in view.lexicon.possessive_pronouns:
        return SpeakerMatch(token.start, token.end, token.text, index, index)
    if not token.lower.endswith(POSSESSIVE_ENDINGS):
        return None
    first = index
    while first > 0 and index - first < 4 and not view.gap(first - 1, first).strip():
        previous = view.tokens[first - 1]
        if not (previous.text[:1].isupper() or previous.lower in view.lexicon.determiners):
            break
        first -= 1
        if previous.lower in view.lexicon.determiners:
            break
    words = [view.tokens[k] for k in range(first, index + 1)]
    named = [word for word in words if word.lower not in view.lexicon.determiners]
    if not any(word.text[:1].isupper() or possessed(word.lower) in view.lexicon.role_words for word in named):
        return None  # "the country's “…” claim": no person or body named
    start, end = view.tokens[first].start, view.tokens[index].end
    end -= 1 if view.text[end - 1] in "'’" else 2
    for number, mention in enumerate(view.mentions):
        if mention.start < end and start < mention.end and mention.label in SPEAKER_LABELS:
            return SpeakerMatch(
                mention.start, mention.end, mention.text, first, index, resolve_mention(view.mentions, number)
            )
    return SpeakerMatch(start, end, view.text[start:end], first, index)


def possessed(word: str) -> str:
    """The word without its possessive ending ("senator's" -> "senator", "ministers'" -> "ministers")."""
    for ending in POSSESSIVE_TAILS:  # a word ends with at most one of them
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


def according_to_at(view: TextView, index: int) -> int:
    """Length in tokens of an "according to" phrase starting at token `index` (0 when none)."""
    for phrase in view.lexicon.according_to:
        end = index + len(phrase)
        if end <= len(view.tokens) and all(view.tokens[index + k].lower == word for k, word in enumerate(phrase)):
            return len(phrase)
    return 0
