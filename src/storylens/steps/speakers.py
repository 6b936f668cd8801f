"""Finding who speaks: speaker phrases next to reporting verbs, with exact offsets.

A speaker phrase is, in order of preference: an entity mention from the entity
step (a name, role or pronoun mention, followed to its antecedent), a pronoun,
a role phrase ("the ministry spokesperson"), or a run of capitalized words that
looks like a name (so quotes get speakers even when `article.mentions` is empty).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from storylens.model import Mention, Speaker
from storylens.steps.quote_text import Lexicon, Token, load_first_names

SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
POSSESSIVE_TAILS = frozenset({"'s", "’s", "'", "’"})
PLACE_LABELS = frozenset({"NORP", "GPE", "LOC"})  # describe a speaker rather than name one, at a clause start
NOT_PERSON_LABELS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
MAX_ROLE_WORDS = 5
MAX_NAME_WORDS = 5
MAX_APPOSITIVE_WORDS = 16
MAX_DESCRIPTOR_WORDS = 4  # lowercase words between an organization or verb and a name ("Rovers coach Birgitta Holm")
MAX_FILLERS = 3
INVERTED_PRONOUN = re.compile(r"^(\w+)-(?:t-)?(\w+)$")
NAME_WORD = re.compile(r"\b[^\W\d_][\w'’-]*", re.UNICODE)
JOINED = re.compile(r"^[ \u00a0'’-]?$")  # what may separate the words of one name or role phrase


@dataclass
class TextView:
    """An article text with its tokens and mentions, indexed for the speaker finders."""

    text: str
    tokens: list[Token]
    lexicon: Lexicon
    mentions: list[Mention] = field(default_factory=list)
    max_verb_distance: int = 8  # how many words back from an opening mark a reporting verb may be

    def __post_init__(self) -> None:
        self.token_starts = [token.start for token in self.tokens]
        self.token_ends = [token.end for token in self.tokens]

    def first_token_from(self, offset: int) -> int:
        """Index of the first token starting at or after `offset` (len(tokens) when none)."""
        return bisect.bisect_left(self.token_starts, offset)

    def last_token_before(self, offset: int) -> int:
        """Index of the last token ending at or before `offset` (-1 when none)."""
        return bisect.bisect_right(self.token_ends, offset) - 1

    def gap(self, left: int, right: int) -> str:
        """The text between token `left` and token `right`."""
        return self.text[self.tokens[left].end : self.tokens[right].start]

    def is_verb(self, index: int) -> bool:
        return 0 <= index < len(self.tokens) and self.tokens[index].text in self.lexicon.reporting_verbs

    def is_filler(self, index: int) -> bool:
        return 0 <= index < len(self.tokens) and self.tokens[index].lower in self.lexicon.fillers

    def person_first_name(self, text: str) -> str | None:
        """The gender ("f"/"m") of the first known given name among the capitalized words of `text`."""
        names = load_first_names()
        for word in NAME_WORD.findall(text):
            gender = names.get(word.lower()) if word[:1].isupper() else None
            if gender:
                return gender
        return None


@dataclass
class SpeakerMatch:
    """A speaker phrase: its span, the tokens it covers and the mention it resolves to."""

    start: int
    end: int
    text: str
    first_token: int
    last_token: int
    mention: int | None = None

    def to_speaker(self) -> Speaker:
        return Speaker(text=self.text, start=self.start, end=self.end, mention=self.mention)


def resolve_mention(mentions: list[Mention], index: int) -> int:
    """Follow `antecedent` links from a role or pronoun mention to the full mention it refers to."""
    seen = {index}
    while mentions[index].antecedent is not None and mentions[index].kind != "name":
        following = mentions[index].antecedent
        if following is None or following in seen or not 0 <= following < len(mentions):
            break
        seen.add(following)
        index = following
    return index


def _mention_over(view: TextView, start: int, end: int) -> int | None:
    """The speaker-like mention overlapping [start, end): a person before an organization ("Norland Rail
    spokeswoman Greta Lund" is said by Greta Lund), then the one nearest the end, then the longest."""
    overlapping = [
        index
        for index, mention in enumerate(view.mentions)
        if mention.start < end and start < mention.end and mention.label in SPEAKER_LABELS
    ]

    def preference(index: int) -> tuple[bool, int, int]:
        mention = view.mentions[index]
        return mention.label == "PERSON", mention.end, mention.end - mention.start

    return max(overlapping, key=preference, default=None)


def _match(view: TextView, first: int, last: int) -> SpeakerMatch:
    """A speaker phrase over tokens first..last, widened to a mention when one overlaps it."""
    start, end = view.tokens[first].start, view.tokens[last].end
    mention = _mention_over(view, start, end)
    if mention is not None:
        found = view.mentions[mention]
        start, end = found.start, found.end
        first = min(first, view.first_token_from(start))
        last = max(last, view.last_token_before(end))
        while last > first and view.is_verb(last):  # a mention that swallowed its verb ("the minister told")
            last -= 1
            end = min(end, view.tokens[last].end)
        mention = resolve_mention(view.mentions, mention)
    return SpeakerMatch(start, end, view.text[start:end], first, last, mention)


def speaker_over(
    view: TextView, start: int, end: int, head: int | None, limit: int | None = None
) -> SpeakerMatch | None:
    """A speaker phrase the parser found (its subject span), pointing at the mention that covers its head
    word: "a spokesman for the Ruiz campaign" keeps its text and is not the person "Ruiz". A longer surface
    phrase is preferred only when it ends before `limit` (the cue verb): in "Ana Ruiz thinks Tomas Brekke
    will …" the name after the verb opens the content and is no part of the speaker."""
    first, last = view.first_token_from(start), view.last_token_before(end)
    # the parse's "Ruiz" of the word "Ruiz's" ("Ruiz's claim that …"): the word, without its possessive ending
    possessive = last + 1 < len(view.tokens) and view.text[end : view.tokens[last + 1].end] in POSSESSIVE_TAILS
    if possessive:
        last += 1
    if first > last:
        return None
    surface = speaker_starting_at(view, first)
    if (
        surface is not None
        and (limit is None or surface.end <= limit)
        and surface.last_token >= last
        and surface.mention is not None
        and is_person_mention(view, surface.mention)
    ):
        return surface  # "harbour master Pieter Halloran", where the parse stopped at "harbour"
    start, end = view.tokens[first].start, end if possessive else view.tokens[last].end
    mention = None
    if head is not None:
        covering = [
            index
            for index, found in enumerate(view.mentions)
            if found.start <= head < found.end and (found.label in SPEAKER_LABELS or found.kind != "name")
        ]
        if covering:
            mention = resolve_mention(view.mentions, covering[0])
    return SpeakerMatch(start, end, view.text[start:end], first, last, mention)


def _mention_starting(view: TextView, index: int) -> SpeakerMatch | None:
    token = view.tokens[index]
    for mention in view.mentions:
        if mention.start == token.start and mention.label in SPEAKER_LABELS:
            return _match(view, index, max(index, view.last_token_before(mention.end)))
    return None


def _mention_ending(view: TextView, index: int) -> SpeakerMatch | None:
    token = view.tokens[index]
    for mention in view.mentions:
        if mention.end == token.end and mention.label in SPEAKER_LABELS:
            return _match(view, min(index, view.first_token_from(mention.start)), index)
    return None


def _looks_like_name_word(view: TextView, index: int) -> bool:
    text = view.tokens[index].text
    return text[:1].isupper() and text.lower() not in view.lexicon.not_names


def _is_role_word(view: TextView, index: int) -> bool:
    word = view.tokens[index].lower
    for suffix in ("'s", "’s"):
        word = word.removesuffix(suffix)
    return word in view.lexicon.role_words


def _joined(view: TextView, left: int, right: int) -> bool:
    return bool(JOINED.match(view.gap(left, right)))


def _name_forward(view: TextView, index: int) -> SpeakerMatch | None:
    if not _looks_like_name_word(view, index):
        return None
    last = index
    while last + 1 < len(view.tokens) and last - index < MAX_NAME_WORDS and _joined(view, last, last + 1):
        following = view.tokens[last + 1]
        if following.text[:1].isupper():
            last += 1
        elif following.lower in view.lexicon.name_particles and last + 2 < len(view.tokens):
            if not (view.tokens[last + 2].text[:1].isupper() and _joined(view, last + 1, last + 2)):
                break
            last += 2
        else:
            break
    return _match(view, index, last)


def _name_backward(view: TextView, index: int) -> SpeakerMatch | None:
    if not view.tokens[index].text[:1].isupper():
        return None
    first = index
    while first - 1 >= 0 and index - first < MAX_NAME_WORDS and _joined(view, first - 1, first):
        previous = view.tokens[first - 1]
        if previous.text[:1].isupper():
            first -= 1
        elif previous.lower in view.lexicon.name_particles and first - 2 >= 0 and _joined(view, first - 2, first - 1):
            if not view.tokens[first - 2].text[:1].isupper():
                break
            first -= 2
        else:
            break
    while first <= index and view.tokens[first].lower in view.lexicon.not_names:
        first += 1
    if first > index:
        return None
    if first > 0 and view.gap(first - 1, first) == " " and _is_role_word(view, first - 1):
        role = _role_backward(view, first - 1)  # "la ministra Lucía Ferrer": the title belongs to the name
        if role is not None:
            return _match(view, role.first_token, index)
    return _match(view, first, index)


def _role_forward(view: TextView, index: int) -> SpeakerMatch | None:
    """ "the (senior) spokesperson", starting at a determiner or directly at the role word."""
    if _is_role_word(view, index):
        return _with_following_name(view, index, index)
    if view.tokens[index].lower not in view.lexicon.determiners:
        return None
    role_end = None
    for last in range(index + 1, min(index + 1 + MAX_ROLE_WORDS, len(view.tokens))):
        if not _joined(view, last - 1, last) or view.is_verb(last) or view.is_filler(last):
            break
        if _is_role_word(view, last):
            role_end = last  # keep going: "the ministry spokesperson" ends at the last role word
    return None if role_end is None else _with_following_name(view, index, role_end)


def _with_following_name(view: TextView, first: int, last: int) -> SpeakerMatch:
    """A role phrase followed by the name it titles ("the mayor Pedro Saura") covers the name too."""
    following = last + 1
    if following < len(view.tokens) and _joined(view, last, following) and view.gap(last, following) == " ":
        name = _name_forward(view, following)
        if name is not None:
            return _match(view, first, name.last_token)
    return _match(view, first, last)


def _role_backward(view: TextView, index: int) -> SpeakerMatch | None:
    """A role phrase ending at a role word: back to its determiner, or the role word alone."""
    if not _is_role_word(view, index):
        return None
    first = index
    for candidate in range(index - 1, max(-1, index - 1 - MAX_ROLE_WORDS), -1):
        if not _joined(view, candidate, candidate + 1):
            break
        if view.tokens[candidate].lower in view.lexicon.determiners:
            first = candidate
            break
    else:
        while first - 1 >= 0 and _joined(view, first - 1, first) and view.tokens[first - 1].text[:1].isupper():
            first -= 1
    linker = first - 1  # "a spokesman for the ministry": the person's role holds the institution's
    if linker > 0 and view.tokens[linker].lower in view.lexicon.role_linkers and _joined(view, linker, first):
        holder = _role_backward(view, linker - 1) if _joined(view, linker - 1, linker) else None
        if holder is not None:
            return _match(view, holder.first_token, index)
    return _match(view, first, index)


def _pronoun_at(view: TextView, index: int) -> SpeakerMatch | None:
    if view.tokens[index].lower in view.lexicon.pronouns:
        return _match(view, index, index)
    return None


def speaker_starting_at(view: TextView, index: int) -> SpeakerMatch | None:
    """A speaker phrase whose first word is token `index` ("Ana Ruiz", "the mayor", "she", "Mr. Ruiz")."""
    if not 0 <= index < len(view.tokens):
        return None
    honorific = index
    if view.tokens[index].lower in view.lexicon.determiners and _plain_gap(view, index, index + 1):
        honorific = index + 1  # "la Sra. Ana Ruiz"
    if honorific + 1 < len(view.tokens) and view.tokens[honorific].lower in view.lexicon.honorifics:
        named = _honorific_name(view, honorific)
        if named is not None:
            start = view.tokens[index].start
            return SpeakerMatch(start, named.end, view.text[start : named.end], index, named.last_token, named.mention)
    found = _speaker_starting_at(view, index)
    if found is not None and found.mention is not None and view.mentions[found.mention].label in PLACE_LABELS:
        return _person_after_place(view, found) or found
    return found


def described_subject(view: TextView, index: int, highest: int) -> SpeakerMatch | None:
    """A noun phrase opened by a determiner and followed right away by a reporting verb, when no name, role
    or pronoun starts there: "…,” the businessman replied', '“…,” the letter says'. The phrase is the
    subject the verb needs; which person (if any) it is stays for the context resolver."""
    if not 0 <= index < len(view.tokens) or view.tokens[index].lower not in view.lexicon.determiners:
        return None
    for last in range(index + 1, min(index + 1 + MAX_ROLE_WORDS, highest + 1)):
        if not _joined(view, last - 1, last) or view.is_verb(last) or view.is_filler(last):
            return None
        if last + 1 <= highest and view.is_verb(last + 1) and _joined(view, last, last + 1):
            return _match(view, index, last)
    return None


def _honorific_name(view: TextView, index: int) -> SpeakerMatch | None:
    """ "Mr. Ruiz", "Sen. Ana Ruiz": the name after the honorific, its span widened to include it."""
    if view.gap(index, index + 1) not in (". ", " ") or not view.tokens[index + 1].text[:1].isupper():
        return None
    name = speaker_starting_at(view, index + 1)  # "Frau Dr. Petra Keller": honorifics may follow each other
    if name is None:
        return None
    start = min(view.tokens[index].start, name.start)
    return SpeakerMatch(start, name.end, view.text[start : name.end], index, name.last_token, name.mention)


def _person_after_place(view: TextView, found: SpeakerMatch) -> SpeakerMatch | None:
    """A nationality or place opening a speaker phrase ("Norland's", "French Foreign Minister Claire
    Dumont:") describes the person or organization named right after it: that one speaks."""
    end = view.tokens[found.last_token].end
    limit = view.last_token_before(view.text.find("\n", end) if "\n" in view.text[end : end + 200] else end + 200)
    for index, mention in enumerate(view.mentions):
        if mention.start < end or mention.label not in ("PERSON", "ORG"):
            continue
        first = view.first_token_from(mention.start)
        between = range(found.last_token, first)
        if first > limit or first - found.last_token > MAX_ROLE_WORDS + 1:
            break
        if all(_joined(view, k, k + 1) or view.gap(k, k + 1) in ("'s ", "’s ") for k in between):
            last = view.last_token_before(mention.end)
            return SpeakerMatch(
                mention.start, mention.end, mention.text, first, last, resolve_mention(view.mentions, index)
            )
    return None


def _speaker_starting_at(view: TextView, index: int) -> SpeakerMatch | None:
    found = (
        _mention_starting(view, index)
        or _pronoun_at(view, index)
        or _role_forward(view, index)
        or _name_forward(view, index)
    )
    if found is None and view.tokens[index].text[:1].islower():
        return _descriptor_then_name(view, index, index)
    if found is not None and found.first_token == index:
        is_role = _is_role_word(view, found.last_token)
        return _descriptor_then_name(view, index, found.last_token + 1, apposition=is_role) or found
    return found


def _descriptor_then_name(view: TextView, first: int, index: int, apposition: bool = False) -> SpeakerMatch | None:
    """A name after a few lowercase words describing the person: "(Norland Rail) spokeswoman Greta Lund",
    "harbour master Pieter Halloran", "(su portavoz), Joaquín Prada". The whole phrase is the speaker."""
    for following in range(index, min(index + MAX_DESCRIPTOR_WORDS + 1, len(view.tokens))):
        if following > first:
            gap = view.gap(following - 1, following)
            if not JOINED.match(gap) and not (apposition and gap == ", " and following == index):
                return None
        token = view.tokens[following]
        if token.text[:1].isupper():
            after_comma = following > first and view.gap(following - 1, following) == ", "
            if following == index and not (apposition and after_comma):
                return None  # nothing described: a plain name is found by the other finders
            name = _name_forward(view, following)
            if name is None or not _names_a_person(view, name):
                return None
            if "," in view.gap(following - 1, following):
                return _match(view, following, name.last_token)
            return _match(view, first, name.last_token)
        if view.is_verb(following) or view.is_filler(following) or token.lower in view.lexicon.complementizers:
            return None
        if token.lower in view.lexicon.not_names and token.lower not in view.lexicon.determiners:
            return None
    return None


def _names_a_person(view: TextView, name: SpeakerMatch) -> bool:
    """A name that is a person: a person mention, or (no mention) a known given name or two or more
    capitalized words."""
    if name.mention is not None:
        return is_person_mention(view, name.mention)
    if view.person_first_name(name.text):
        return True
    words = [view.tokens[index].text for index in range(name.first_token, name.last_token + 1)]
    capitalized = [word for word in words if word[:1].isupper()]
    others = [word for word in words if word.lower() not in view.lexicon.name_particles]
    return len(capitalized) >= 2 and len(capitalized) == len(others)


def speaker_ending_at(view: TextView, index: int) -> SpeakerMatch | None:
    """A speaker phrase whose last word is token `index`."""
    if not 0 <= index < len(view.tokens):
        return None
    return (
        _mention_ending(view, index)
        or _pronoun_at(view, index)
        or _role_backward(view, index)
        or _name_backward(view, index)
    )


def speaker_before_verb(view: TextView, verb: int, lowest: int) -> SpeakerMatch | None:
    """The subject left of a reporting verb: "Ruiz (has also) said", "Ruiz, the mayor, said"."""
    index = verb - 1
    skipped = 0
    while index >= lowest and skipped < MAX_FILLERS and view.is_filler(index) and _plain_gap(view, index, index + 1):
        index -= 1
        skipped += 1
    if index < lowest:
        return None
    if view.tokens[index].lower in view.lexicon.relative_pronouns and index - 1 >= lowest:
        if view.gap(index - 1, index).strip() == ",":  # "Ana Ruiz, who told the crowd that ..."
            return speaker_ending_at(view, index - 1)
        return None
    gap = view.gap(index, index + 1)
    if "," in gap:
        return _speaker_before_appositive(view, index, lowest)
    if not _plain_gap(view, index, index + 1):
        return None
    return speaker_ending_at(view, index)


def _plain_gap(view: TextView, left: int, right: int) -> bool:
    return not view.gap(left, right).strip()


def _speaker_before_appositive(view: TextView, appositive_end: int, lowest: int) -> SpeakerMatch | None:
    """ "Ana Ruiz, the mayor of Velden, said": skip back over the appositive to the name."""
    for index in range(appositive_end - 1, max(lowest - 1, appositive_end - MAX_APPOSITIVE_WORDS), -1):
        gap = view.gap(index, index + 1)
        if "," in gap:
            if gap.strip() != ",":
                return None
            inside = speaker_ending_at(view, appositive_end)  # "the council's head, Ana Ruiz, said"
            if inside is not None and inside.first_token == index + 1 and _names_a_person(view, inside):
                return inside
            return speaker_ending_at(view, index)
        if gap.strip():
            return None
    return None


def person_in_clause(view: TextView, first: int, last: int) -> SpeakerMatch | None:
    """The first person mention in tokens first..last: a subject placed after its verb and an adverbial
    ("declaró el miércoles en Arnhall el secretario general, Ana Ruiz")."""
    if first > last or last >= len(view.tokens):
        return None
    low, high = view.tokens[first].start, view.tokens[last].end
    for index, mention in enumerate(view.mentions):
        if low <= mention.start and mention.end <= high and is_person_mention(view, index):
            return _match(view, view.first_token_from(mention.start), view.last_token_before(mention.end))
    return None


def is_person_mention(view: TextView, index: int) -> bool:
    """A mention (followed to its antecedent) that names a person: labelled PERSON, or holding a known given
    name (models without a person label, as for German, still find "Ralf Brenner")."""
    mention = view.mentions[resolve_mention(view.mentions, index)]
    if mention.label == "PERSON":
        return True
    return mention.label not in NOT_PERSON_LABELS and bool(view.person_first_name(mention.text))


def speaker_after_verb(view: TextView, verb: int, highest: int) -> SpeakerMatch | None:
    """The subject right of a reporting verb: "said Ruiz", "dijo el ministro", "sagte Müller"."""
    index = verb + 1
    if index > highest or index >= len(view.tokens) or not _plain_gap(view, verb, index):
        return None
    found = speaker_starting_at(view, index)
    if found is None or found.last_token > highest:
        return None
    return found


def inverted_pronoun(view: TextView, index: int) -> tuple[SpeakerMatch, str] | None:
    """French inversion "a-t-il déclaré" / "ajoute-t-elle": the pronoun as speaker, and the verb.

    The speaker span covers the pronoun part of the token only; the verb is the
    first half of the token ("ajoute") or the word after it ("déclaré").
    """
    if not 0 <= index < len(view.tokens):
        return None
    token = view.tokens[index]
    parts = INVERTED_PRONOUN.match(token.text)
    if parts is None or parts.group(2).lower() not in view.lexicon.pronouns:
        return None
    start, end = token.start + parts.start(2), token.start + parts.end(2)
    mention = _mention_over(view, start, end)
    speaker = SpeakerMatch(start, end, view.text[start:end], index, index, None)
    if mention is not None:
        speaker.mention = resolve_mention(view.mentions, mention)
    if parts.group(1) in view.lexicon.reporting_verbs:
        return speaker, parts.group(1)
    if view.is_verb(index + 1):
        speaker.last_token = index + 1
        return speaker, view.tokens[index + 1].text
    return None


# -- speakers from the context -------------------------------------------------------------------


@dataclass
class ContextResolver:
    """Links a speaker given only as a pronoun, a role, a surname or an omitted subject to the person
    mention it refers to, by salience: the most recent person mention before the quote that agrees in
    gender (pronoun, gendered role, given name) and role. Mentions inside quoted speech do not count.
    When two different persons fit equally well (same sentence, both compatible) it answers None:
    a speaker is never guessed.
    """

    view: TextView
    sentence_starts: list[int]
    quoted: list[tuple[int, int]]
    window: int = 1500  # how many characters back a pronoun or role may look for its person

    def person_mentions_before(self, offset: int) -> list[int]:
        """Person mentions ending before `offset` within the window, nearest first."""
        found = [
            index
            for index, mention in enumerate(self.view.mentions)
            if offset - self.window <= mention.start
            and mention.end <= offset
            and not self._inside_quote(mention.start)
            and is_person_mention(self.view, index)
        ]
        return sorted(found, key=lambda index: self.view.mentions[index].start, reverse=True)

    def _inside_quote(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quoted)

    def gender_of(self, index: int) -> str | None:
        """ "f"/"m" from the person's given name, else from a gendered role word next to the name."""
        mention = self.view.mentions[resolve_mention(self.view.mentions, index)]
        gender = self.view.person_first_name(mention.text)
        if gender:
            return gender
        context = f"{mention.role or ''} {self.view.text[max(0, mention.start - 30) : mention.start]}"
        genders = {self.view.lexicon.gendered_roles.get(word.lower()) for word in NAME_WORD.findall(context)}
        genders.discard(None)
        return genders.pop() if len(genders) == 1 else None

    def holds_role(self, index: int, role_words: set[str]) -> bool:
        """The person is described by one of `role_words`: in the mention's role, as a title just before
        the name ("Foreign Minister Ana Ruiz") or in an appositive after it ("Ana Ruiz, the mayor,")."""
        text = self.view.text
        mention = self.view.mentions[index]
        root = self.view.mentions[resolve_mention(self.view.mentions, index)]
        title = " ".join(NAME_WORD.findall(text[max(0, mention.start - 40) : mention.start])[-3:])
        appositive = ""
        if text.startswith(", ", mention.end):
            appositive = re.split(r"[,.;:!?\n]", text[mention.end + 2 : mention.end + 80], maxsplit=1)[0]
        context = " ".join((mention.role or "", root.role or "", title, appositive))
        return bool(role_words & {word.lower() for word in NAME_WORD.findall(context)})

    def resolve(self, offset: int, gender: str | None = None, role_words: set[str] | None = None) -> int | None:
        """The person mention a speaker at `offset` refers to, or None when there is none or it is ambiguous."""
        candidates = [
            index
            for index in self.person_mentions_before(offset)
            if not (gender and (found := self.gender_of(index)) and found != gender)
            and (not role_words or self.holds_role(index, role_words))
        ]
        if not candidates:
            return None
        nearest = candidates[0]
        sentence = self._sentence_start(self.view.mentions[nearest].start)
        rivals = {
            resolve_mention(self.view.mentions, index)
            for index in candidates
            if self._sentence_start(self.view.mentions[index].start) == sentence
        }
        return nearest if len(rivals) == 1 else None

    def by_name(self, name: str, offset: int) -> int | None:
        """A fuller person mention holding every word of `name` ("Tanabe", "Tanabe Kazuhiro" -> "Kazuhiro
        Tanabe"), nearest before `offset` first, then after it."""
        words = {word.casefold() for word in NAME_WORD.findall(name) if word[:1].isupper()}
        if not words:
            return None
        mentions = self.view.mentions
        fitting = [
            index
            for index, mention in enumerate(mentions)
            if is_person_mention(self.view, index)
            and words <= {word.casefold() for word in NAME_WORD.findall(mention.text)}
        ]
        before = [index for index in fitting if mentions[index].end <= offset]
        if before:
            return max(before, key=lambda index: mentions[index].start)
        return min(fitting, key=lambda index: mentions[index].start, default=None)

    def _sentence_start(self, offset: int) -> int:
        return self.sentence_starts[bisect.bisect_right(self.sentence_starts, offset) - 1]
