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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from storylens.model import Article, Quote, Speaker
from storylens.pipeline import Stats
from storylens.steps.quote_candidates import FoundQuote, overlaps
from storylens.steps.quote_direct import DirectQuoteFinder, block_quotes
from storylens.steps.quote_indirect import IndirectQuoteFinder, parsed_reports, reports_continued_by_quotes
from storylens.steps.quote_settings import QuoteSettings
from storylens.steps.quote_text import (
    QUOTE_MARK_CHARACTERS,
    WORD_PATTERN,
    Lexicon,
    find_quoted_spans,
    load_lexicon,
    sentence_starts,
    tokenize,
    word_count,
)
from storylens.steps.reported_speech import cue_sentences, parse_sentences, quote_subjects
from storylens.steps.speakers import ContextResolver, TextView, is_person_mention, speaker_over


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
