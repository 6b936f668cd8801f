"""Indirect quotes: reported speech found by surface rules (`IndirectQuoteFinder`: "X said (that) ...",
"according to X, ...") and by the dependency parse (`parsed_reports`), and reports that run on into the quote
after them (`reports_continued_by_quotes`)."""

from __future__ import annotations

import bisect
import itertools
import re

from storylens.steps.quote_candidates import FoundQuote
from storylens.steps.quote_frames import MAX_CLAUSE_TOKENS, according_to_at, verb_after_speaker
from storylens.steps.quote_settings import QuoteSettings
from storylens.steps.quote_text import CLOSING_PUNCTUATION, QUOTE_MARK_CHARACTERS, SENTENCE_END_AFTER, word_count
from storylens.steps.reported_speech import ReportedClause, reported_clauses
from storylens.steps.speakers import (
    SpeakerMatch,
    TextView,
    speaker_after_verb,
    speaker_before_verb,
    speaker_over,
    speaker_starting_at,
)

TRAILING_PUNCTUATION = re.compile(r"[\s.!?…;:,\"'”’»“«]+$")


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
