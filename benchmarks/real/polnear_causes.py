"""Why PolNeAR's direct-attribution tokens are missed, by cause (`polnear.py --causes N`).

`polnear_misses.py` sorts missed direct attributions by their shape against our quotes (split, clause around the
marks, ...). This module asks *why* for every missed token, reading the cleaned article text the report holds:

- `removed by the cleaner (headline, boilerplate)`: the token is not in the report's text at all;
- `inside marks the finder does not pair (...)`: the token sits after a quotation mark but in no quoted span the
  mark finder returns: an opening mark never closed (`unclosed`), a quote running over paragraphs whose next
  paragraph does not reopen with the same mark, straight quotes paired the wrong way round;
- `quoted span dropped: <reason>`: the mark finder paired the marks but the direct-quote step dropped the span
  (a title cue before it, a headline line, Title Cased words, too few words without a reporting clause, a short
  fragment away from its verb) and no other quote covers it;
- `quoted span kept, quote taken by another gold`: our quote over the words was paired with another attribution;
- `quoted span kept, split from the rest`: our quote covers these words but the attribution holds more, and our
  paired quote is another one (pieces of one statement we left apart);
- `outside the marks: colon introduction` / `...: clause before the quote` / `...: clause after the quote` /
  `...: reporting clause between pieces`: the token is a word of the attribution outside its quotation marks
  that we do not report with it; where the words sit says which rule would have to read them;
- `outside the marks, inside a quote of ours paired elsewhere`: we report the words, in another attribution's quote.

Words outside the marks are further split by the gold cue: `cue we read` when a word of it is in our cue lists
(reporting verbs, reported-speech stems, naming and participle verbs, *according*), else `cue we do not read`
(topics, titles, beliefs in a noun phrase, *is best known for*, ...).

Each missed token gets one cause; the table gives tokens and attributions per cause as a share of all direct
gold tokens. Text is printed at run time only, to read; nothing of it is stored.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from types import ModuleType

from polnear_misses import direct_attributions, pair_doc, report_tables

from storylens.steps.quote_direct import (
    DirectQuoteFinder,
    is_headline_line,
    is_title_cued,
    is_title_like,
    sentence_end_after,
    trimmed_content,
)
from storylens.steps.quote_frames import choose_frame, frame_after, frame_before
from storylens.steps.quote_settings import QuoteSettings
from storylens.steps.quote_text import find_quoted_spans, load_lexicon, sentence_starts, tokenize, word_count
from storylens.steps.speakers import TextView

MARKS = '"“”„«»'


@dataclass
class Causes:
    """Missed direct tokens per cause, the attributions touched, and examples."""

    direct_tokens: int = 0
    tokens: Counter[str] = field(default_factory=Counter)
    attributions: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[tuple[str, str, str, list[str]]]] = field(default_factory=lambda: defaultdict(list))


def drop_reason(finder: DirectQuoteFinder, spans: list, number: int) -> str:
    """Why the direct-quote step drops quoted span `number` (mirrors `DirectQuoteFinder.quote_from`)."""
    view, span = finder.view, spans[number]
    text = view.text
    start, end = trimmed_content(text, span)
    content = text[start:end]
    words = word_count(content)
    if not words:
        return "empty"
    if is_title_cued(view, span):
        return "title cue before it"
    if is_headline_line(text, span):
        return "headline line"
    previous_end = spans[number - 1].end if number else 0
    next_open = spans[number + 1].open_at if number + 1 < len(spans) else len(text)
    sentence_start, _ = finder.sentence_of(span.open_at)
    after = frame_after(view, span, min(next_open, sentence_end_after(text, span.end, view.lexicon)))
    before = frame_before(view, span, max(sentence_start, previous_end))
    frame = choose_frame(content, before, after)
    if is_title_like(content, view) and (frame is None or not frame.adjacent):
        return "Title Cased"
    if frame is None:
        return f"no reporting clause, {'under' if words < finder.settings.min_unframed_words else 'over'} min words"
    if frame.adjacent:
        return "one bare word after a naming verb"
    return "short fragment away from its verb"


def classify(scorer: ModuleType, report: dict, docs: list[dict], gold: dict, settings: QuoteSettings) -> Causes:
    """Give every missed direct gold token its cause (see the module docstring)."""
    causes = Causes()
    entities, articles, by_article = report_tables(scorer, report)
    for doc in docs:
        if doc["id"] in gold and articles.get(doc["id"]) is not None:
            classify_doc(scorer, doc, gold[doc["id"]], articles[doc["id"]], by_article, entities, settings, causes)
    return causes


def classify_doc(
    scorer: ModuleType,
    doc: dict,
    gold_doc: object,
    article: dict,
    by_article: dict[str, list[dict]],
    entities: dict,
    settings: QuoteSettings,
    causes: Causes,
) -> None:
    text: str = article.get("text") or ""
    pairing = pair_doc(scorer, gold_doc, article, by_article, entities)
    aligner, kept, predictions = pairing.aligner, pairing.kept, pairing.predictions
    # gold token -> (start, end) in the report text
    report_tokens = scorer.Tokens(text)
    if aligner.identical:
        to_text = {i: (report_tokens.starts[i], report_tokens.ends[i]) for i in range(len(report_tokens))}
    else:
        to_text = {g: (report_tokens.starts[r], report_tokens.ends[r]) for r, g in aligner.to_gold.items()}
    lexicon = load_lexicon(article.get("language") or "en")
    view = TextView(text, tokenize(text, lexicon), lexicon, [], settings.max_verb_distance)
    spans = find_quoted_spans(text)
    finder = DirectQuoteFinder(view, sentence_starts(text, lexicon, spans), settings)
    for attribution, raw, j, missed in direct_attributions(pairing, gold_doc, doc):
        causes.direct_tokens += len(attribution.content)
        if not missed:
            continue
        gold_text = doc["text"][raw["content"]["start"] : raw["content"]["end"]]
        cue = (raw.get("cue") or {}).get("text") or ""
        located = [to_text[t] for t in sorted(missed) if t in to_text]
        per_cause: Counter[str] = Counter()
        per_cause["removed by the cleaner (headline, boilerplate)"] += len(missed) - len(located)
        content_span = content_extent(attribution, to_text)
        reads_cue = cue_is_read(cue, lexicon)
        for start, end in located:
            name = token_cause(text, start, end, spans, finder, kept, predictions, j, content_span)
            if name.startswith("outside the marks:"):
                name += ", cue we read" if reads_cue else ", cue we do not read"
            per_cause[name] += 1
        for name, count in per_cause.items():
            if count:
                causes.tokens[name] += count
                causes.attributions[name] += 1
                ours = [kept[k]["text"] for k, p in enumerate(predictions) if p.tokens & attribution.content]
                causes.examples[name].append((doc["id"], cue, gold_text, ours))


def cue_is_read(cue: str, lexicon: object) -> bool:
    """The gold cue holds a word our cue lists read: a reporting verb, a reported-speech stem, a naming or
    participle verb, "according" (an approximation: the parse reads lemmas, this reads surface forms)."""
    words = [word.lower() for word in re.findall(r"[\w'-]+", cue)]
    surface = lexicon.reporting_verbs | lexicon.naming_verbs | lexicon.participle_verbs  # type: ignore[attr-defined]
    stems = lexicon.reported_speech_cues  # type: ignore[attr-defined]
    return any(word in surface or word == "according" or word.startswith(stems) for word in words)


def content_extent(attribution: object, to_text: dict[int, tuple[int, int]]) -> tuple[int, int] | None:
    located = [to_text[t] for t in attribution.content if t in to_text]  # type: ignore[attr-defined]
    if not located:
        return None
    return min(s for s, _ in located), max(e for _, e in located)


def token_cause(
    text: str,
    start: int,
    end: int,
    spans: list,
    finder: DirectQuoteFinder,
    kept: list[dict],
    predictions: list,
    paired: int | None,
    extent: tuple[int, int] | None,
) -> str:
    """The cause for one missed token at [start, end) of the report text."""
    covering = [k for k, q in enumerate(kept) if q["start"] <= start and end <= q["end"]]
    inside = next((n for n, s in enumerate(spans) if s.content_start <= start and end <= s.content_end), None)
    if inside is not None:
        if not covering:
            return "quoted span dropped: " + drop_reason(finder, spans, inside)
        return "quoted span kept, " + ("split from the rest" if paired is not None else "quote taken by another gold")
    if extent is not None and unpaired_mark_before(text, start, extent[0], spans):
        broken = "\n" in text[extent[0] : start]
        return "inside marks the finder does not pair" + (" (paragraph break)" if broken else "")
    if covering:
        return "outside the marks, inside a quote of ours paired elsewhere"
    return "outside the marks: " + where_outside(text, start, spans, extent)


def unpaired_mark_before(text: str, start: int, low: int, spans: list) -> bool:
    """A quotation mark between the content's start and this token that no paired span accounts for."""
    for at in range(max(0, low - 2), start):
        if text[at] in MARKS and not any(s.open_at <= at < s.end for s in spans):
            return True
    return False


def where_outside(text: str, start: int, spans: list, extent: tuple[int, int] | None) -> str:
    """Where a missed word outside the marks sits relative to the attribution's quoted words."""
    if extent is None:
        return "no extent"
    inner = [s for s in spans if extent[0] <= s.open_at and s.end <= extent[1] + 2]
    if not inner:
        return "no quoted span in the content"
    if start < inner[0].open_at and re.search(r":\s*$", text[start : inner[0].open_at]):
        return "colon introduction"  # 'recalled the freeze: “…”', 'lobbies for a higher wage: “…”'
    if start < inner[0].open_at:
        return "clause before the quote"
    if start >= inner[-1].end:
        return "clause after the quote"
    return "between quoted pieces"


def print_causes(causes: Causes, examples: int, seed: int = 1) -> None:
    total = max(1, causes.direct_tokens)
    lost = sum(causes.tokens.values())
    print(f"direct gold tokens {causes.direct_tokens}: missed {lost} ({lost / total:.3f})")
    for name, tokens in causes.tokens.most_common():
        print(f"  {name:62s} {tokens:6d} tokens ({tokens / total:.4f})  {causes.attributions[name]:5d} attributions")
    chooser = random.Random(seed)
    for name, cases in sorted(causes.examples.items(), key=lambda item: -causes.tokens[item[0]]):
        if not examples:
            break
        print(f"\n== {name}")
        for doc_id, cue, gold_text, ours in chooser.sample(cases, min(examples, len(cases))):
            print(f"- {doc_id[:48]}  cue {cue!r}\n    gold: {re.sub(chr(10), ' / ', gold_text[:300])!r}")
            for text in ours:
                print(f"    ours: {text[:200]!r}")
