"""Direct quotes: quoted spans turned into quotes with speakers (`DirectQuoteFinder`), after dropping what only
looks like speech (scare quotes, titles, headlines), and speech set off as its own paragraph (`block_quotes`)."""

from __future__ import annotations

import bisect
import itertools
import re

from storylens.model import Speaker
from storylens.pipeline import Stats
from storylens.steps.quote_candidates import FoundQuote
from storylens.steps.quote_frames import (
    MAX_CLAUSE_TOKENS,
    Frame,
    choose_frame,
    frame_after,
    frame_before,
    utterance_frame,
    verb_frame_before,
)
from storylens.steps.quote_settings import QuoteSettings
from storylens.steps.quote_text import (
    QUOTE_MARK_CHARACTERS,
    SENTENCE_END_AFTER,
    WORD_PATTERN,
    Lexicon,
    QuotedSpan,
    after_abbreviation,
    word_count,
)
from storylens.steps.speakers import TextView, speaker_before_verb, speaker_starting_at

SPEECH_END = re.compile(r"[.,!?…;:]\W*$")


SENTENCE_CLOSE = re.compile(r"[.!?…][\W_]*$")


# Words of a reporting sentence between two quoted sentences of one statement: the speaker's appositive and
# adverbials may sit there ("“…,” said Ilse Brandt, who has run the harbour since 2019, on Monday. “…”").
MAX_SPLIT_CLAUSE_WORDS = 30


def trimmed_content(text: str, span: QuotedSpan) -> tuple[int, int]:
    """The content offsets without surrounding whitespace (« like this »)."""
    start, end = span.content_start, span.content_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_title_like(content: str, view: TextView) -> bool:
    """Every word capitalized except short function words: a title, not speech ("Silent River"). A full stop or
    comma closing a title of two words or more is the sentence's, set inside the marks by the press
    convention ('said on “Meet the Nation.”'), not speech punctuation."""
    words = [match.group() for match in WORD_PATTERN.finditer(content)]
    body = content.rstrip()
    if len(words) >= 2 and body.endswith((".", ",")):
        body = body[:-1]
    if not words or SPEECH_END.search(body):
        return False
    return all(word[:1].isupper() or word.lower() in view.lexicon.title_small_words for word in words)


TITLE_CUE_BREAK = re.compile(r"[.!?…;]|\n|[\"“”„«»]")


def is_title_cued(view: TextView, span: QuotedSpan) -> bool:
    """A word like "headline", "titled", "so-called" just before the opening mark, in the same sentence: a cue
    across a sentence end or a line break is no cue ("… his campaign. “We will win,” she said" is speech)."""
    last = view.last_token_before(span.open_at)
    for index in range(last, max(-1, last - 3), -1):
        if TITLE_CUE_BREAK.search(view.text[view.tokens[index].end : span.open_at]):
            return False
        if view.tokens[index].lower in view.lexicon.title_cues:
            return True
    return False


def is_headline_line(text: str, span: QuotedSpan) -> bool:
    """A quoted line standing alone with no sentence punctuation: a headline in quotes."""
    line_start = text.rfind("\n", 0, span.open_at) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end == -1 else line_end
    alone = not text[line_start : span.open_at].strip() and not text[span.end : line_end].strip()
    content = text[span.content_start : span.content_end]
    return alone and "\n" not in content and not re.search(r"[.!?…,;:]", content)


class DirectQuoteFinder:
    """Turns quoted spans into direct quotes with speakers, dropping scare quotes, titles and headlines."""

    def __init__(self, view: TextView, starts: list[int], settings: QuoteSettings) -> None:
        self.view = view
        self.starts = starts
        self.settings = settings

    def sentence_of(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.view.text)
        return self.starts[index], end

    def find(self, spans: list[QuotedSpan], stats: Stats) -> list[FoundQuote]:
        found: list[FoundQuote] = []
        for number, span in enumerate(spans):
            previous_end = spans[number - 1].end if number else 0
            next_open = spans[number + 1].open_at if number + 1 < len(spans) else len(self.view.text)
            quote = self.quote_from(span, previous_end, next_open, found)
            if quote is None:
                stats["not_quotes"] += 1
            elif found and self.settings.join_split_quotes and self.continues(found[-1], quote):
                joined = found[-1]
                joined.first_piece = joined.first_piece or (joined.start, joined.end, joined.outer_end)
                joined.end, joined.outer_end = quote.end, quote.outer_end
                stats["split_quotes_joined"] += 1
            else:
                found.append(quote)
        return found

    def continues(self, first: FoundQuote, second: FoundQuote) -> bool:
        """Two quoted pieces of one statement around its reporting clause: "“…,” she said. “…”" or
        "“…,” said Ruiz, “…”". The clause between them names the first piece's speaker and nothing else.
        With `join_split_quotes_across_sentences`, a quoted paragraph standing alone right after a quote
        whose speaker is known goes on with that statement ("“…,” she said. “…”⏎⏎“…”")."""
        speaker = first.speaker
        gap = self.view.text[first.outer_end : second.outer_start]
        joining = self.settings.join_split_quotes_across_sentences and speaker is not None and second.alone
        if joining and not gap.strip() and "\n" in gap:
            return True
        named_between = (
            speaker is not None and speaker.start is not None and first.outer_end <= speaker.start < second.outer_start
        )
        # a clause after the first piece whose subject only the parse finds ('said the 46-year-old'), or whose verb
        # no cue list holds: a quoted piece closed by a comma hands its sentence on to its reporting clause
        # ('“…,” an angry Ruiz retorted. “…”'), whatever the verb
        if not named_between and not (speaker is None and (first.clause_after or self.closes_with_comma(first))):
            return False
        between = self.view.text[first.outer_end : second.outer_start]
        if self.adds_a_statement(between):
            return False  # "“…,” she said, adding, “…”": the second piece is a new speech act of its own
        across = bool(re.search(r"[.!?…][\"'”’»]*\s*$", between))  # also after a title ending the clause
        if across and not self.settings.join_split_quotes_across_sentences:
            return False  # "“…,” she said. “…”": the second piece opens a sentence of its own
        if not across and self.view.text[first.start : first.end].rstrip(QUOTE_MARK_CHARACTERS).endswith("."):
            return False  # "“… for good.” She also said she “…”": a new sentence holds the second piece
        # a paragraph break may only follow the clause ("“…,” she said.\n\n“…”": the statement goes on in the next
        # paragraph, as one attribution in PolNeAR); inside the clause it ends the statement
        breaks = "\n" in (between.rstrip() if across else between)
        if breaks or word_count(between) > (MAX_SPLIT_CLAUSE_WORDS if across else self.inside_limit(between, second)):
            return False  # inside a sentence only "said X" fits between: more is the writer's own clause
        # the clause itself may open a sentence ('“…?” Ruiz replied. “…”': the splitter ends one after "?”")
        clause_start = self.view.tokens[self.view.first_token_from(first.outer_end)].start
        if across and (":" in between or self.sentence_starts_within(clause_start + 1, second.outer_start)):
            return False  # "“…,” she said. The crowd left. “…”": the writer's own sentence is in between
        own = second.speaker
        return not second.framed or own is None or (speaker is not None and own.start == speaker.start)

    def adds_a_statement(self, between: str) -> bool:
        """A clause between two pieces that reports a second speech act with a participle ('she said, adding,
        “…”', 'he said, noting that “…”'): two statements, as annotated corpora (PolNeAR) count them."""
        participles = self.view.lexicon.participle_verbs
        return any(match.group().lower() in participles for match in WORD_PATTERN.finditer(between))

    def inside_limit(self, between: str, second: FoundQuote) -> int:
        """How many words a reporting clause inside one sentence may hold between two pieces: "said X" (6), or
        with its adverbials ('Ruiz said at a town hall on Monday, “…”', MAX_CLAUSE_TOKENS) when the second
        piece goes on in lower case and the clause holds no clause of its own: no participle, relative
        pronoun or second verb ('…, Ruiz said, referring to the audit, “…”' is PolNeAR's own attribution)."""
        opening = self.view.text[second.start : second.start + 1]
        if not opening.islower() or re.search(r"[;:()\[\]—–]", between):
            return 6
        lexicon = self.view.lexicon
        words = [match.group().lower() for match in WORD_PATTERN.finditer(between)]
        verbs = sum(word in lexicon.reporting_verbs for word in words)
        if verbs > 1 or any(word.endswith("ing") or word in lexicon.relative_pronouns for word in words):
            return 6
        return MAX_CLAUSE_TOKENS

    def closes_with_comma(self, quote: FoundQuote) -> bool:
        """A quote whose last piece ends in a comma inside its marks ('“…,” she said'), or in an exclamation or
        question mark with the sentence going on in lower case ('“…!” a banner on the pier reads'): its
        sentence goes on into its reporting clause."""
        content = self.view.text[quote.start : quote.end].rstrip(QUOTE_MARK_CHARACTERS)
        if content.endswith(","):
            return True
        after = self.view.text[quote.outer_end : quote.outer_end + 3].lstrip()
        return content.endswith(("!", "?")) and after[:1].islower()

    def sentence_starts_within(self, low: int, high: int) -> bool:
        """A sentence starts in [low, high): more than one reporting clause lies there."""
        index = bisect.bisect_left(self.starts, low)
        return index < len(self.starts) and self.starts[index] < high

    def quote_from(
        self, span: QuotedSpan, previous_end: int, next_open: int, found: list[FoundQuote]
    ) -> FoundQuote | None:
        text = self.view.text
        start, end = trimmed_content(text, span)
        content = text[start:end]
        words = word_count(content)
        if not words or is_title_cued(self.view, span) or is_headline_line(text, span):
            return None
        sentence_start, sentence_end = self.sentence_of(span.open_at)
        after = frame_after(self.view, span, min(next_open, sentence_end_after(text, span.end, self.view.lexicon)))
        before = frame_before(self.view, span, max(sentence_start, previous_end))
        frame = choose_frame(content, before, after)
        if frame is None or not frame.adjacent:
            # a possessor's utterance ('asked about his “no deal” remark') tells its speaker more closely than a
            # reporting verb further back in the sentence
            frame = utterance_frame(self.view, span) or frame
        alone = frame is None and self.stands_alone(span, sentence_start, sentence_end)
        if not self.is_speech(content, words, frame, alone):
            return None
        speaker = frame.speaker.to_speaker() if frame and frame.speaker else None
        if alone and self.settings.context_speakers:
            speaker = self.speaker_from_previous_sentence(sentence_start, found)
        verb = frame.verb if frame else None
        zero_subject = bool(frame and frame.zero_subject)
        outer_end = span.end
        if frame and frame.named_from is not None and self.settings.absorb_partial_quotes:
            start = frame.named_from  # PolNeAR's reading: the named object and its name ('the plan “reckless”')
            clause_end = naming_clause_end(text, content, span.end, next_open, self.view.lexicon)
            if clause_end is not None:
                end = outer_end = clause_end
        quote = FoundQuote(start, end, "direct", speaker, verb, span.open_at, outer_end, zero_subject, alone=alone)
        quote.framed, quote.clause_after = frame is not None, frame is not None and frame.after
        return quote

    def is_speech(self, content: str, words: int, frame: Frame | None, alone: bool = False) -> bool:
        """Quoted words count as speech next to a reporting clause; without one they need
        `min_unframed_words`, unless they are a whole sentence of their own ending in its punctuation
        ("“Bodies everywhere.”" after the quote it continues): scare quotes and titles sit inside a
        sentence, and a quoted headline has no full stop."""
        if is_title_like(content, self.view) and (frame is None or not frame.adjacent):
            return False
        if frame is None:
            return words >= self.settings.min_unframed_words or (alone and bool(SENTENCE_CLOSE.search(content)))
        if frame.adjacent:
            if frame.naming and words < 2 and not SPEECH_END.search(content):
                # after a naming verb, one bare word is a label held at a distance ('what they call an
                # “accident”'); with an object named, PolNeAR's reading (`absorb_partial_quotes`) reports the
                # naming as the speaker's: 'called it “shameful”' is [it “shameful”]
                return self.settings.absorb_partial_quotes and frame.names_object
            return True
        return words >= self.settings.min_partial_words or bool(SPEECH_END.search(content))

    def stands_alone(self, span: QuotedSpan, sentence_start: int, sentence_end: int) -> bool:
        text = self.view.text
        before = text[sentence_start : span.open_at]
        after = text[span.end : sentence_end]
        return not before.strip() and not re.sub(r"[\s.!?…]", "", after)

    def speaker_from_previous_sentence(self, sentence_start: int, found: list[FoundQuote]) -> Speaker | None:
        """The speaker introduced just before a stand-alone quote: the previous quote's speaker,
        the subject of a reporting verb, or the first person mentioned in the sentence before."""
        index = bisect.bisect_right(self.starts, sentence_start - 1) - 1
        if index < 0 or self.starts[index] >= sentence_start:
            return None
        previous_start = self.starts[index]
        if self.view.text.count("\n", previous_start, sentence_start) > 2:
            return None
        for quote in reversed(found):
            if previous_start <= quote.outer_end <= sentence_start and quote.speaker is not None:
                return quote.speaker  # a previous quote without a speaker says nothing: read the sentence
        first = self.view.first_token_from(previous_start)
        last = self.view.last_token_before(sentence_start)
        for verb in range(first, last + 1):
            if self.view.is_verb(verb):
                speaker = speaker_before_verb(self.view, verb, first)
                if speaker is not None:
                    return speaker.to_speaker()
        return self.first_person_in(first, last)

    def first_person_in(self, first: int, last: int) -> Speaker | None:
        if first > last:
            return None
        low, high = self.view.tokens[first].start, self.view.tokens[last].end
        for mention in self.view.mentions:
            if low <= mention.start and mention.end <= high and mention.label == "PERSON":
                return speaker_starting_at(self.view, self.view.first_token_from(mention.start)).to_speaker()  # type: ignore[union-attr]
        if self.view.mentions:
            return None
        for index in range(first, last + 1):
            candidate = speaker_starting_at(self.view, index)
            if candidate and candidate.last_token > candidate.first_token and candidate.text[:1].isupper():
                return candidate.to_speaker()
        return None


NAMING_CLAUSE_BREAK = re.compile(r"[,;:.!?…(\[\"“”„«»]|\s[—–-]\s|\n")


def naming_clause_end(text: str, content: str, after: int, next_open: int, lexicon: Lexicon) -> int | None:
    """Where a naming clause ends when the name's marks close inside it ('called the law “much better” than the
    old one'): PolNeAR's content runs on to the clause's end (the next punctuation, dash, bracket or quote, or
    the speaker's next act: 'called it “weak” and said …'). None when the clause ends with the marks, or the
    name is closed by its own punctuation (“…,” / “….”)."""
    if SPEECH_END.search(content):
        return None
    found = NAMING_CLAUSE_BREAK.search(text, after, max(after, next_open))
    stop = found.start() if found else max(after, next_open)
    tail = text[after:stop]
    words = list(re.finditer(r"\w+", tail))
    joining = lexicon.coordinators | lexicon.contrastive_coordinators
    for number, word in enumerate(words):
        if word.group().lower() not in joining:
            continue
        following = [w.group() for w in words[number + 1 :] if w.group().lower() not in lexicon.fillers][:1]
        if following and is_next_act(following[0], lexicon):
            tail = tail[: word.start()]
            break
    tail = tail.rstrip()
    last_word = list(re.finditer(r"\w+", tail))[-1:]
    if last_word and last_word[0].group().lower() in joining and not tail[last_word[0].end() :].strip():
        tail = tail[: last_word[0].start()].rstrip()  # 'as “Little Marco” and ‘…’': the next name is quoted anew
    return after + len(tail) if WORD_PATTERN.search(tail) else None


def is_next_act(word: str, lexicon: Lexicon) -> bool:
    """A verb after a coordinator that starts the speaker's next act ('… and said', '… and has ranked', '… and
    questioning'): a listed speech or action verb, or in English a past or -ing form."""
    lower = word.lower()
    if lower in lexicon.coordinated_verbs or lower in lexicon.reporting_verbs or lower in lexicon.participle_verbs:
        return True
    return lexicon.language == "en" and word[:1].islower() and lower.endswith(("ed", "ing")) and len(lower) > 4


def sentence_end_after(text: str, offset: int, lexicon: Lexicon) -> int:
    """Where the clause after a closing mark ends (next full stop or line break; not the full stop of an
    abbreviation such as "Mr.")."""
    for match in SENTENCE_END_AFTER.finditer(text, offset):
        if match.group() == "\n" or not after_abbreviation(text, match.start(), lexicon):
            return match.start() + 1
    return len(text)


TRANSCRIPT_LINE = re.compile(r"^[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):[ \t]+(\S[^\n]*?)\s*$", re.MULTILINE)


PARAGRAPH = re.compile(r"[^\n]+")


def block_quotes(view: TextView, found: list[FoundQuote], settings: QuoteSettings) -> list[FoundQuote]:
    """Speech set off as its own paragraph, without quotation marks: the paragraph after a reporting
    clause ending in a colon ("The governor added:"), and transcript lines ("SMITH: We will ...") in an
    article with at least two of them. Kind "direct": the words are given as spoken."""
    text, taken = view.text, [(quote.outer_start, quote.outer_end) for quote in found]
    blocks: list[FoundQuote] = []

    def add(start: int, end: int, speaker: Speaker | None, verb: str | None, outer_start: int) -> None:
        if word_count(text[start:end]) >= settings.min_unframed_words and not any(
            start < high and low < end for low, high in taken
        ):
            blocks.append(FoundQuote(start, end, "direct", speaker, verb, outer_start, end, framed=True))
            taken.append((outer_start, end))

    lines = TRANSCRIPT_LINE.findall(text)
    if len(lines) >= 2:
        for match in TRANSCRIPT_LINE.finditer(text):
            label = Speaker(match.group(1), match.start(1), match.end(1))
            add(match.start(2), match.end(2), label, None, match.start())
    paragraphs = list(PARAGRAPH.finditer(text))
    for paragraph, following in itertools.pairwise(paragraphs):
        if not paragraph.group().rstrip().endswith(":"):
            continue
        first = view.first_token_from(paragraph.start())
        last = view.last_token_before(paragraph.end())
        frame = verb_frame_before(view, first, last)
        if frame is None or frame.speaker is None:
            continue
        content = following.group()
        start = following.start() + len(content) - len(content.lstrip())
        add(start, following.start() + len(content.rstrip()), frame.speaker.to_speaker(), frame.verb, start)
    return blocks
