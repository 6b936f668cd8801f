"""Claims: the check-worthy statements of an article, with the slots that let sources be compared.

`ExtractClaims` (article step "claims", after entities, quotes and time) reads each sentence and keeps it as a
claim when it says something a fact-checker could check: a figure ("15 injured"), a date, a plan ("will open a
plant in Porto by the end of 2027"), a list ("plants in A, B and C"), a denial ("has no plan to raise the tax"),
or where a piece of information came from ("disclosed the figure in a radio interview"). A claim keeps its exact
sentence span and:

- `slots`: `number` (value, unit class, bound min/max/approx/exact), `time` (the time step's TIMEX3 value and
  modifier), `place` (place mentions), `list` (items, and whether the list says it is complete: "only"),
  `source` (who the information is attributed to, after "according to", "first reported by", ...);
- `predicate`: an event frame shared across languages (`resources/claims/frames.yaml`), so "heridos" and
  "injured" meet;
- `polarity` and `modality` (asserted / planned / denied / hedged) from the language's cue words;
- `attribution`: "attributed" (with `speaker` and `quote_id`) when the sentence sits in a quote, else "asserted";
- `mentions`: the entity mentions it names; story alignment turns them into `subject_entity_ids`.

The rules see one sentence at a time and use only cue words from `resources/claims/<language>.yaml`, so they
work the same in every language with a data file (en, es, de, fr) and fall back to English cues elsewhere.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from storylens.model import Article, Claim, Mention, Quote, Speaker, TimeExpression
from storylens.numerals import numerals_in, scale_of
from storylens.pipeline import Stats
from storylens.steps.claim_language import ClaimLanguage, frame_lexicon, load_claim_language, unit_classes
from storylens.steps.time_expressions import sentence_bounds

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
SOURCE_LABELS = frozenset({"PERSON", "ORG", "NORP", "PER"})
WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
NUMBER = re.compile(
    r"(?<![\w.,:/-])([€$£]\s?)?(\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+|\d+)(?:([.,])(\d{1,2})(?!\d))?(\s?%)?"
)
SENTENCE_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "gen", "st", "no", "vs", "etc", "sr", "sra", "hr", "fr", "m", "mme", "dt"}
)


@dataclass(frozen=True)
class ClaimSettings:
    """Settings for claim extraction, alignment and comparison.

    - `min_words`: sentences shorter than this are not claims (headings, bylines).
    - `max_chars`: longer "sentences" are runs of text the splitter could not cut (lists, tables): skipped.
    - `alignment_threshold`: how alike (cosine of the multilingual sentence embedding of the claim texts with their
      figures and dates masked, plus the bonuses below) two claims must be to be about the same thing.
    - `count_merge_threshold`: groups giving a figure for the same specific count ("injured") and sharing an event
      frame, entity or figure, or the same written-out date for a shared event frame, are joined when their mean
      vectors are at least this alike.
    - `entity_bonus` / `predicate_bonus` / `unit_bonus`: added when two claims share a subject entity / an event
      frame / a figure of the same unit class (what is counted matters more than how the sentence reads).
    - `approximate_tolerance`: "about 60" agrees with any figure within this share of 60.
    - `comparer`: "rules" (the built-in rule + embedding comparer) or "module:attribute" naming a factory that
      returns a `ClaimComparer` (e.g. an NLI cross-encoder), so a stronger model plugs in by setting.
    - `related_threshold` / `tfidf_related` / `lexical_related`: stance: a text is related to a claim when its
      closest sentence's cosine reaches `related_threshold`, or the TF-IDF cosine of claim and text (word weights
      from the batch read, or the stored articles) reaches `tfidf_related`; without such weights, when the share
      of the claim's content words found in the text reaches `lexical_related`.
    - `idf_min_documents`: stance: word weights need a collection of at least this many distinct texts.
    - `refuting_cues`: stance: this many cues calling something false ("hoax", "not true") in a related text, or
      one in the sentences closest to the claim, make it contradict the claim.
    - `figure_similarity`: stance: a sentence giving the claim's figure for the same count is read as restating
      it when its cosine plus half the share of the claim's content words it holds reaches this (a lower bar than
      `slot_similarity`: an equal figure of the same unit is itself evidence the sentence is about the claim).
    - `distance_threshold`: stance: a related text supports a claim when the distancing cues of the claim and the
      text's lead ("reportedly", "claims") plus the text's reporting verbs per sentence ("said", "according to")
      stay at or under this; above, it discusses the claim.
    - `slot_similarity`: stance: the closest sentence's figures, dates and denials are compared with the claim's
      only when it is at least this close to the claim (a long text gives many figures about other things).
    - `lead_sentences`: stance: how many first sentences of a text are its lead, where distancing cues
      ("reportedly", "claims") make it discuss rather than support the claim.
    """

    min_words: int = 5
    max_chars: int = 600
    alignment_threshold: float = 0.65
    count_merge_threshold: float = 0.35
    entity_bonus: float = 0.1
    predicate_bonus: float = 0.1
    unit_bonus: float = 0.2
    approximate_tolerance: float = 0.15
    comparer: str = "rules"
    related_threshold: float = 0.5
    lexical_related: float = 0.4
    tfidf_related: float = 0.06
    idf_min_documents: int = 20
    refuting_cues: int = 2
    slot_similarity: float = 0.65
    lead_sentences: int = 3
    distance_threshold: float = 0.4
    figure_similarity: float = 0.8


# ---------------------------------------------------------------------------------------------------------------
# Slots


def parse_number(match: re.Match[str], language: ClaimLanguage) -> float:
    """The value of a matched figure: "1,500" (en) / "1.500" (es, de, fr) thousands, "2,5" decimal comma."""
    integer = re.sub(r"[.,\u00a0\u202f ]", "", match.group(2))
    value = float(integer)
    separator, decimals = match.group(3), match.group(4)
    if (decimals and separator == ("," if language.decimal_comma else ".")) or decimals:
        value += float(f"0.{decimals}")
    return value


def _following_words(text: str, end: int, count: int, limit: int | None = None) -> list[re.Match[str]]:
    return list(WORD.finditer(text, end, min(limit if limit is not None else len(text), end + 60)))[:count]


# Where the words that can say what a figure counts end: a full stop the sentence splitter kept ("contabiliza 15.
# Dos de ellos"), a semicolon or colon, or a comma ("by 84 votes to 65, as hundreds of police officers ...": the
# officers are not what 65 counts).
UNIT_STOP = re.compile(r"[.;:!?]\s+(?=[A-ZÀ-Þ¿¡«“\"])|[;:,]")


def unit_after(text: str, end: int, language: ClaimLanguage, limit: int | None = None) -> tuple[str | None, float, int]:
    """(unit class, scale factor, end offset) of what the figure ending at `end` counts.

    Scale words ("million", "Millionen", "mil millones": `numerals.scale_of`) multiply; a known unit word within
    the next three words names the class ("15 people were injured" -> injured); otherwise the first noun-like word
    after the figure is its own class.
    """
    units = unit_classes()
    scale = 1.0
    stop_here = UNIT_STOP.search(text, end, limit if limit is not None else len(text))
    if stop_here:
        limit = stop_here.start()
    words = _following_words(text, end, 5, limit)
    first_word: str | None = None
    stop = end
    for index, match in enumerate(words):
        word = match.group().casefold()
        factor = scale_of(word, language.code) if first_word is None else None
        if factor is not None and (scale == 1.0 or text[stop : match.start()].isspace()):
            scale, stop = scale * factor, match.end()  # a scale of a scale: "mil millones"
            continue
        two_words = two_word_unit(text, words, index, units)
        if two_words is not None:
            return two_words[0], scale, two_words[1]
        if word in units:
            return units[word], scale, match.end()
        if first_word is None and word not in {"de", "of", "von", "d'", "des", "people"}:
            first_word = word
    if first_word is not None and words:
        return f"word:{first_word}", scale, stop
    return None, scale, stop


def two_word_unit(text: str, words: list[re.Match[str]], index: int, units: dict[str, str]) -> tuple[str, int] | None:
    """(unit class, end offset) when the word at `index` and the next, with only a space between, name a unit
    ("per cent", "nautical miles", "square kilometres"): matched before the first word alone, so "2,300 square
    kilometres" is an area and "5 per cent" a percentage."""
    if index + 1 >= len(words):
        return None
    first, second = words[index], words[index + 1]
    if text[first.end() : second.start()] != " ":
        return None
    unit = units.get(f"{first.group().casefold()} {second.group().casefold()}")
    return (unit, second.end()) if unit is not None else None


def bound_before(text: str, start: int, language: ClaimLanguage) -> str:
    """ "min", "max", "approx" or "exact": the bound phrase right before a figure ("at least 12")."""
    window = text[max(0, start - 24) : start].casefold()
    for bound, pattern in (("min", language.bound_min), ("max", language.bound_max), ("approx", language.bound_approx)):
        if pattern is None:
            continue
        for found in pattern.finditer(window):
            if not window[found.end() :].strip():
                return bound
    return "exact"


def number_slots(
    text: str,
    start: int,
    end: int,
    language: ClaimLanguage,
    skip: list[tuple[int, int]],
    default_unit: str | None = None,
) -> list[dict[str, Any]]:
    """Figures between `start` and `end` of `text` (digits and number words), outside the `skip` spans (dates).

    `default_unit` is what a bare figure counts when its clause does not say ("the hospital put the figure at 15"
    after "12 people were injured" in the same sentence)."""
    found: list[dict[str, Any]] = []
    read_until = start  # the end of the last figure's digits after its scale word ("522" of "31 mil 522")
    for match in NUMBER.finditer(text, start, end):
        if match.start() < read_until or any(s <= match.start() < e for s, e in skip):
            continue
        value = parse_number(match, language)
        if is_partitive(text, match.end(), language):
            continue
        label = re.search(r"[A-ZÀ-Þ][\w-]*\s$", text[max(start, match.start() - 12) : match.start()])
        if (
            label
            and not match.group(1)
            and is_label(text, start, match.start() - len(label.group()), language)
            and not (language.capitalized_nouns and _counts_a_known_unit(text, match.end(), language, end))
        ):
            continue  # a label, not a count: "Pier 4", "Route 9" (but German "nach dem Unglück 40 Verletzte")
        if match.group(5):
            unit, scale, unit_end = "percent", 1.0, match.end()
        elif match.group(1):
            _, scale, unit_end = unit_after(text, match.end(), language, end)
            unit = "money"
        else:
            unit, scale, unit_end = unit_after(text, match.end(), language, end)
            if unit is None and default_unit is not None:
                unit = default_unit
        if unit is None or (1900 <= value <= 2100 and unit.startswith("word:") and "," not in match.group(2)):
            continue  # a bare year or a number with nothing counted
        if unit == "money" or any(symbol in text[max(0, match.start() - 2) : unit_end] for symbol in "€$£"):
            unit = "money"
        value *= scale
        if scale > 1 and value == int(value):
            rest = digits_after_scale(text, scale_words(text, match.end(), language, end)[1], scale, language, end)
            if rest is not None:
                value, read_until = value + rest[0], rest[1]
        found.append(_number(text, match.start(), unit_end, value, unit, bound_before(text, match.start(), language)))
    for numeral in numerals_in(text, language.code, start, end):
        if any(s <= numeral.start < e for s, e in skip) or numeral.value == 1:
            continue  # a date's, or "one of ..." and the indefinite article in es, de, fr ("un", "eine")
        if _follows_digits(text, numeral.start, language):
            continue  # the scale word of a figure in digits, read with it ("31 mil")
        value, numeral_end = numeral.value, numeral.end
        last_word = text[numeral.start : numeral.end].split()[-1]
        rest = digits_after_scale(text, numeral.end, scale_of(last_word, language.code) or 1.0, language, end)
        if rest is not None:  # "tres mil 160 defunciones": ends in digits, which counts like a figure in digits
            value, numeral_end = value + rest[0], rest[1]
        unit, scale, unit_end = unit_after(text, numeral_end, language, end)
        if is_partitive(text, numeral_end, language) or unit is None or (unit.startswith("word:") and rest is None):
            continue  # "one of the ...", "two sides": a number word counts only a known unit
        found = [slot for slot in found if not numeral.end <= slot["start"] < numeral_end]  # its digits, read alone
        bound = bound_before(text, numeral.start, language)
        found.append(_number(text, numeral.start, unit_end, value * scale, unit, bound))
    for slot in found:
        if slot["unit"] in GENERIC_PERSON_UNITS:
            slot["unit"] = person_unit_near(text, slot["start"], slot["end"], start, end) or slot["unit"]
    return sorted(found, key=lambda slot: slot["start"])


# Events whose size is a length of time: a court's sentence ("sentenced to five years in prison"). In their
# sentences a duration is the figure to compare, not a date to skip.
TERM_FRAMES = frozenset({"verdict"})
GENERIC_PERSON_UNITS = frozenset({"people", "word:people", "word:persons"})
PERSON_FRAMES = {
    "injure": "injured",
    "kill": "dead",
    "arrest": "arrested",
    "evacuate": "evacuated",
    "missing": "missing",
    "rescue": "rescued",
}


def person_unit_near(text: str, number_start: int, number_end: int, start: int, end: int) -> str | None:
    """What a count of people counts, from the nearest injure/kill/arrest/evacuate/rescue/missing word within six
    words of it: "detaining 61 people" counts arrests, "twelve people were injured" injuries, "3,000 residents
    were evacuated" evacuations."""
    lexicon = frame_lexicon()
    best: tuple[int, str] | None = None
    for match in WORD.finditer(text, max(start, number_start - 60), min(end, number_end + 60)):
        frame = lexicon.frame_of(match.group())
        if frame not in PERSON_FRAMES:
            continue
        distance = number_start - match.end() if match.end() <= number_start else match.start() - number_end
        words_between = len(WORD.findall(text[min(match.end(), number_end) : max(match.start(), number_start)]))
        if words_between <= 6 and (best is None or distance < best[0]):
            best = (distance, PERSON_FRAMES[str(frame)])
    return best[1] if best else None


# The digits that close a figure after its scale word ("31 mil 522"), and a scale word after a figure.
TRAILING_DIGITS = re.compile(r"[ \t\u00a0]+(\d{1,3})(?!\d|[.,]\d|\s?%)")
SCALE_WORD = re.compile(r"[ \t\u00a0]*([^\W\d_]+)\.?")


def scale_words(text: str, end: int, language: ClaimLanguage, limit: int) -> tuple[float, int]:
    """(factor, end offset) of the scale words right after a figure in digits ("31 mil" -> 1000 and the end of
    "mil"); (1.0, `end`) when there are none."""
    factor = 1.0
    while (word := SCALE_WORD.match(text, end, limit)) is not None:
        scale = scale_of(word.group(1), language.code)
        if scale is None:
            break
        factor, end = factor * scale, word.end()
    return factor, end


def digits_after_scale(
    text: str, scale_end: int, scale: float, language: ClaimLanguage, limit: int
) -> tuple[int, int] | None:
    """(value, end offset) of the digits that close a figure after its scale word, as Mexican Spanish writes
    thousands and millions ("31 mil 522 casos" is 31,522, "tres mil 160 defunciones" 3,160, "5 millones 300 mil"
    5,300,000): with their own smaller scale word, if any, below the figure's scale. None when there are none."""
    if scale <= 1:
        return None
    rest = TRAILING_DIGITS.match(text, scale_end, limit)
    if rest is None:
        return None
    factor, rest_end = scale_words(text, rest.end(), language, limit)
    amount = int(rest.group(1)) * factor
    return (int(amount), rest_end) if amount < scale else None


def _follows_digits(text: str, start: int, language: ClaimLanguage) -> bool:
    """Whether the numeral in words at `start` opens with a scale word right after digits ("31 mil 522"): the
    digits' scale, read with them."""
    first_word = WORD.match(text, start)
    before = text[max(0, start - 8) : start].rstrip()
    return first_word is not None and before[-1:].isdigit() and scale_of(first_word.group(), language.code) is not None


def _counts_a_known_unit(text: str, end: int, language: ClaimLanguage, limit: int) -> bool:
    unit = unit_after(text, end, language, limit)[0]
    return unit is not None and not unit.startswith("word:")


def is_partitive(text: str, end: int, language: ClaimLanguage) -> bool:
    """Whether the figure ending at `end` counts part of a total ("two of the injured"): not a total to compare."""
    if language.partitive is None:
        return False
    found = language.partitive.match(text, end + 1 if text[end : end + 1] == " " else end)
    return found is not None


def is_label(text: str, sentence_start: int, word_start: int, language: ClaimLanguage) -> bool:
    """Whether the capitalized word before a figure names it ("Pier 4") rather than opening the sentence
    ("About 1.4 million ...") or bounding it ("At least 12")."""
    if word_start <= sentence_start:
        return False
    word = text[word_start:].split(None, 1)[0].casefold()
    bound_patterns = (language.bound_min, language.bound_max, language.bound_approx)
    return not any(pattern is not None and pattern.fullmatch(word) for pattern in bound_patterns)


def _number(text: str, start: int, end: int, value: float, unit: str, bound: str) -> dict[str, Any]:
    return {
        "value": int(value) if value == int(value) else value,
        "unit": unit,
        "bound": bound,
        "text": text[start:end],
        "start": start,
        "end": end,
    }


def time_slots(expressions: Iterable[TimeExpression], start: int, end: int) -> list[dict[str, Any]]:
    """The time step's dates inside a sentence: value (TIMEX3) and modifier ("by the end of 2027": END)."""
    return [
        {"value": t.value, "mod": t.mod, "type": t.type, "text": t.text, "start": t.start, "end": t.end}
        for t in expressions
        if start <= t.start and t.end <= end and t.value and t.type in {"DATE", "TIME"} and not t.value.endswith("_REF")
    ]


BARE_YEAR = re.compile(r"(?<![\w.,/-])(19\d\d|20\d\d)(?![\w.,/-]?\d)")


def bare_years(text: str, start: int, end: int, expressions: Iterable[TimeExpression]) -> list[dict[str, Any]]:
    """Years written alone that no time expression covers ("wird 2027 ein Werk eröffnen"): a year in news is a
    date, so it is a time slot too."""
    covered = [(t.start, t.end) for t in expressions if t.start < end and start < t.end]
    return [
        {
            "value": match.group(1),
            "mod": None,
            "type": "DATE",
            "text": match.group(1),
            "start": match.start(1),
            "end": match.end(1),
        }
        for match in BARE_YEAR.finditer(text, start, end)
        if not any(s <= match.start(1) < e for s, e in covered)
    ]


def list_slot(
    text: str, items: list[tuple[int, int, str, int | None]], language: ClaimLanguage
) -> dict[str, Any] | None:
    """A list of two or more named items joined by commas and a conjunction ("in A, B and C").

    `items` are candidate (start, end, text, mention index) spans in order. Consecutive items separated only by a
    comma or a list conjunction form a run; the longest run with a conjunction is the list. `exclusive` says the
    sentence marks it complete ("only in A and B"), which turns a subset into a conflict instead of a refinement.
    """
    best: list[tuple[int, int, str, int | None]] = []
    run: list[tuple[int, int, str, int | None]] = []
    joined = False
    best_joined = False
    for item in items:
        if run:
            gap = text[run[-1][1] : item[0]].strip().casefold().strip(",")
            gap = gap.strip()
            if gap == "" and text[run[-1][1] : item[0]].strip() == ",":
                run.append(item)
                continue
            if gap in language.list_conjunctions or gap.removeprefix(",").strip() in language.list_conjunctions:
                run.append(item)
                joined = True
                continue
            if len(run) > len(best) and joined:
                best, best_joined = run, joined
        run, joined = [item], False
    if len(run) > len(best) and joined:
        best, best_joined = run, joined
    if len(best) < 2 or not best_joined:
        return None
    before = text[max(0, best[0][0] - 40) : best[0][0]]
    exclusive = bool(language.only and language.only.search(before))
    return {
        "items": [item[2] for item in best],
        "mentions": [item[3] for item in best],
        "exclusive": exclusive,
        "text": text[best[0][0] : best[-1][1]],
        "start": best[0][0],
        "end": best[-1][1],
    }


def source_slot(
    text: str, start: int, end: int, language: ClaimLanguage, mentions: list[tuple[int, Mention]]
) -> dict[str, Any] | None:
    """Who a piece of information is attributed to: the first person/organisation named after a source phrase
    ("according to the Kessport Voice", "first reported by Radio Norland", "told Radio Lisk")."""
    if language.source_markers is None:
        return None
    for marker in language.source_markers.finditer(text, start, end):
        near = [
            (index, mention)
            for index, mention in mentions
            if marker.end() <= mention.start <= marker.end() + 40 and mention.label in SOURCE_LABELS
        ]
        near.sort(key=lambda item: (item[1].label != "PERSON", item[1].start))  # a person before an organisation
        for index, mention in near[:1]:
            return {
                "name": mention.text,
                "mention": index,
                "marker": marker.group().casefold(),
                "text": text[marker.start() : mention.end],
                "start": marker.start(),
                "end": mention.end,
            }
        window = text[marker.end() : min(end, marker.end() + 60)]
        runs = list(re.finditer(r"(?:[A-ZÀ-Þ][\w'’-]+)(?:\s+[A-ZÀ-Þ][\w'’-]+)*", window))
        if runs:
            named = max(runs, key=lambda run: (len(run.group().split()), -run.start()))  # "police chief Arne Dahl"
            name_end = marker.end() + named.end()
            return {
                "name": named.group(),
                "mention": None,
                "marker": marker.group().casefold(),
                "text": text[marker.start() : name_end],
                "start": marker.start(),
                "end": name_end,
            }
    return None


def modality_of(sentence: str, language: ClaimLanguage) -> tuple[str, str]:
    """(polarity, modality) of a sentence: a denial wins, then hedging, then a plan; negation flips polarity."""
    negated = bool(language.negation and language.negation.search(sentence))
    if language.denial and language.denial.search(sentence):
        return "negative", "denied"
    polarity = "negative" if negated else "positive"
    if language.hedge and language.hedge.search(sentence):
        return polarity, "hedged"
    if language.planned and language.planned.search(sentence):
        return polarity, "planned"
    return polarity, "asserted"


def frames_of(
    sentence: str, skip: list[tuple[int, int]], offset: int = 0, capitalized_nouns: bool = False
) -> list[str]:
    """Every event frame the sentence's words evoke, in order (a sentence often reports more than one event).

    Capitalized words are names, not events ("Open Door", also opening a sentence), except in a language
    that capitalizes every noun (German: "Das Erdbeben forderte ..."): there a capitalized word inside the
    sentence evokes its frame unless it is inside a name span or next to another capitalized word (a name
    run such as "Rotes Kreuz")."""
    lexicon = frame_lexicon()
    frames: list[str] = []
    words = list(WORD.finditer(sentence))
    for index, match in enumerate(words):
        position = offset + match.start()
        if any(s <= position < e for s, e in skip) or _names_something(sentence, words, index, capitalized_nouns):
            continue
        frame = lexicon.frame_of(match.group())
        if frame and frame not in frames:
            frames.append(frame)
    return frames


def _names_something(sentence: str, words: list[re.Match[str]], index: int, capitalized_nouns: bool) -> bool:
    """Whether the capitalized word at `index` is (part of) a name rather than a word that can evoke an event."""
    match = words[index]
    if not match.group()[0].isupper():
        return False
    next_capitalized = re.match(r"\s+[A-ZÀ-Þ]", sentence[match.end() :]) is not None
    if match.start() == 0:
        return next_capitalized
    if not capitalized_nouns:
        return True
    previous = words[index - 1]
    previous_capitalized = (
        previous.start() > 0 and previous.group()[0].isupper() and not sentence[previous.end() : match.start()].strip()
    )
    return next_capitalized or previous_capitalized


# ---------------------------------------------------------------------------------------------------------------
# Claims from text


@dataclass
class SentenceContext:
    """What a sentence offers to a claim: the article's mentions, time expressions and quotes around it."""

    mentions: list[Mention]
    times: list[TimeExpression]
    quotes: list[Quote]


def capitalized_items(text: str, start: int, end: int) -> list[tuple[int, int, str, int | None]]:
    """Runs of capitalized words (list items when no entity mention covers them), not at the sentence start."""
    items = []
    for match in re.finditer(r"(?:[A-ZÀ-Þ][\w'’-]+)(?:\s+[A-ZÀ-Þ][\w'’-]+)*", text[start:end]):
        if match.start() == 0:
            continue
        items.append((start + match.start(), start + match.end(), match.group(), None))
    return items


def claim_from_sentence(
    article: Article,
    start: int,
    end: int,
    context: SentenceContext,
    settings: ClaimSettings,
    number: int,
    default_unit: str | None = None,
) -> Claim | None:
    """The claim a sentence makes, or None when it has nothing to check."""
    text = article.text
    sentence = text[start:end]
    if len(sentence) > settings.max_chars or len(sentence.split()) < settings.min_words:
        return None
    language = load_claim_language(article.language)
    inside = [(index, m) for index, m in enumerate(context.mentions) if start <= m.start and m.end <= end]
    times = time_slots(context.times, start, end) + bare_years(text, start, end, context.times)
    name_spans = [(m.start, m.end) for _, m in inside]
    frames = frames_of(
        sentence, [(s - start, e - start) for s, e in name_spans], capitalized_nouns=language.capitalized_nouns
    )
    term_sentence = bool(TERM_FRAMES & set(frames))
    date_spans = [(t["start"], t["end"]) for t in times] + [
        (t.start, t.end)
        for t in context.times
        if start <= t.start < end and not (term_sentence and t.type == "DURATION")
    ]
    numbers = number_slots(text, start, end, language, date_spans, default_unit)
    polarity, modality = modality_of(sentence, language)
    source = source_slot(text, start, end, language, inside)
    name_items: list[tuple[int, int, str, int | None]] = [
        (m.start, m.end, m.text, index) for index, m in inside if m.kind == "name"
    ]
    covered = [(s, e) for s, e, _, _ in name_items]
    name_items += [
        item
        for item in capitalized_items(text, start, end)
        if not any(s < item[1] and item[0] < e for s, e in covered + date_spans)
    ]
    items = sorted(name_items)
    listed = list_slot(text, items, language)
    informative = bool(language.information_verbs and language.information_verbs.search(sentence))
    checkable = numbers or times or listed or source or modality in {"denied", "planned"} or informative
    if not checkable:
        return None
    listed_mentions = set(listed["mentions"]) if listed else set()
    places = [
        {"name": m.text, "mention": index, "start": m.start, "end": m.end}
        for index, m in inside
        if m.label in PLACE_LABELS and index not in listed_mentions
    ]
    slots: dict[str, Any] = {}
    if numbers:
        slots["number"] = numbers
    if times:
        slots["time"] = times
    if places:
        slots["place"] = places
    if listed:
        slots["list"] = listed
    if source:
        slots["source"] = source
    predicate = frames[0] if frames else None  # the first event the sentence's words evoke
    if source and frame_lexicon().frame_of(source["marker"].split()[0]) == "report":
        predicate = "report"  # "first disclosed by X": the claim is about who gave out the information
    quote = next((q for q in context.quotes if q.start < end and start < q.end), None)
    kind = _kind(slots, modality)
    key, value = _key_value(slots, modality)
    return Claim(
        id=f"{article.id}-c{number}",
        article_id=article.id,
        start=start,
        end=end,
        text=sentence,
        kind=kind,
        key=key,
        value=value,
        predicate=predicate,
        mentions=[index for index, _ in inside],
        slots=slots,
        polarity=polarity,
        modality=modality,
        attribution="attributed" if quote is not None else "asserted",
        speaker=_copy_speaker(quote.speaker) if quote is not None and quote.speaker is not None else None,
        quote_id=quote.id if quote is not None else None,
    )


def _copy_speaker(speaker: Speaker) -> Speaker:
    return Speaker(speaker.text, speaker.start, speaker.end, speaker.mention, speaker.entity_id)


def _kind(slots: dict[str, Any], modality: str) -> str:
    if modality == "denied":
        return "denial"
    if "number" in slots:
        return "figure"
    if "list" in slots:
        return "list"
    if modality == "planned":
        return "plan"
    if "time" in slots:
        return "date"
    return "statement"


def _key_value(slots: dict[str, Any], modality: str) -> tuple[str | None, str | None]:
    if "number" in slots:
        first = slots["number"][0]
        return f"number:{first['unit']}", str(first["value"])
    if "list" in slots:
        return "list", ", ".join(slots["list"]["items"])
    if "time" in slots:
        return "time", str(slots["time"][0]["value"])
    if "source" in slots:
        return "source", str(slots["source"]["name"])
    return None, None


def figure_clauses(
    article: Article, start: int, end: int, times: list[TimeExpression]
) -> list[tuple[int, int, str | None]]:
    """A sentence cut where a contrasting clause brings its own figure ("the government says 12 people were
    injured; the hospital put the figure at 15"), so each source's figure is a claim of its own. Returns
    (start, end, unit the clause inherits) pieces; the whole sentence when it holds one figure or no contrast."""
    text = article.text
    language = load_claim_language(article.language)
    cuts = [match.end() for match in re.finditer(";", text[start:end])]
    if language.contrast is not None:
        for match in language.contrast.finditer(text, start, end):
            comma = text.rfind(",", start, match.start())
            cut = comma + 1 if comma != -1 and match.start() - comma < 60 else match.start()
            cuts.append(cut - start)
    if not cuts:
        return [(start, end, None)]
    edges = sorted({0, *cuts, end - start})
    pieces = [strip_piece(text, start + a, start + b) for a, b in itertools.pairwise(edges)]
    dates = [(t.start, t.end) for t in times if start <= t.start < end]
    figures = [number_slots(text, a, b, language, dates) for a, b in pieces]
    if sum(1 for found in figures if found) < 2 and not any(
        NUMBER.search(text, a, b) for (a, b), found in zip(pieces, figures, strict=True) if not found and figures[0]
    ):
        return [(start, end, None)]
    first_unit = next((found[0]["unit"] for found in figures if found), None)
    merged: list[tuple[int, int, str | None]] = []
    for (a, b), _found in zip(pieces, figures, strict=True):
        if merged and not NUMBER.search(text, a, b):
            merged[-1] = (merged[-1][0], b, merged[-1][2])  # a clause without a figure stays with the one before
        else:
            merged.append((a, b, first_unit if merged else None))
    return merged if len(merged) > 1 else [(start, end, None)]


def dated_clauses(text: str, start: int, end: int, times: list[TimeExpression]) -> list[tuple[int, int]]:
    """A sentence cut at commas where it dates two events ("the talks, opened on Tuesday 17 November, almost
    collapsed on Wednesday night"): each comma-separated stretch holding a date starts a claim, stretches without
    one stay with the claim before (or the first one after, at the start). The whole sentence otherwise."""
    dated = [t for t in times if start <= t.start and t.end <= end and t.value and t.type in {"DATE", "TIME"}]
    if len(dated) < 2:
        return [(start, end)]
    edges = sorted({0, *(m.end() for m in re.finditer(",", text[start:end])), end - start})
    pieces = [strip_piece(text, start + a, start + b) for a, b in itertools.pairwise(edges)]
    merged: list[list[int]] = []
    pending_start: int | None = None
    for a, b in pieces:
        has_date = any(a <= t.start < b for t in dated)
        if has_date:
            merged.append([pending_start if pending_start is not None else a, b])
            pending_start = None
        elif merged:
            merged[-1][1] = b
        elif pending_start is None:
            pending_start = a
    if len(merged) < 2:
        return [(start, end)]
    return [(a, b) for a, b in merged]


def coordinated_clauses(
    text: str, start: int, end: int, language: ClaimLanguage, min_words: int
) -> list[tuple[int, int]]:
    """A sentence cut where a conjunction and a complementizer open a second reported clause ("the authority said
    the terminal passed an inspection in 2024 and that its cranes were serviced in May"): each clause reports its
    own event, and one claim for both would be about neither. The cue itself belongs to no clause. A cut is made
    only when both sides keep at least `min_words` words (else the sentence stays whole)."""
    if language.coordinated is None:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for match in language.coordinated.finditer(text, start, end):
        left = strip_piece(text, piece_start, match.start())
        right = strip_piece(text, match.end(), end)
        if len(WORD.findall(text, *left)) >= min_words and len(WORD.findall(text, *right)) >= min_words:
            pieces.append(left)
            piece_start = right[0]
    if not pieces:
        return [(start, end)]
    pieces.append(strip_piece(text, piece_start, end))
    return pieces


def strip_piece(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


def claims_of(article: Article, settings: ClaimSettings | None = None) -> list[Claim]:
    """Every claim of an article, in text order."""
    settings = settings or ClaimSettings()
    context = SentenceContext(
        mentions=article.mentions,
        times=article.time_expressions,
        quotes=sorted(article.quotes, key=lambda q: q.start),
    )
    claims = []
    language = load_claim_language(article.language)
    for sentence_start, sentence_end in sentence_bounds(article.text, SENTENCE_ABBREVIATIONS):
        pieces = []
        for clause_start, clause_end in coordinated_clauses(
            article.text, sentence_start, sentence_end, language, settings.min_words
        ):
            found = figure_clauses(article, clause_start, clause_end, article.time_expressions)
            if len(found) == 1:
                dated = dated_clauses(article.text, clause_start, clause_end, article.time_expressions)
                found = [(start, end, None) for start, end in dated]
            pieces += found
        for start, end, unit in pieces:
            claim = claim_from_sentence(article, start, end, context, settings, len(claims) + 1, unit)
            if claim is not None:
                claims.append(claim)
    return claims


class ExtractClaims:
    """Article step "claims": fills `article.claims`. Stats: articles, claims, and one count per kind and
    modality (kind:figure, modality:denied, ...)."""

    name = "claims"

    def __init__(self, settings: ClaimSettings | None = None) -> None:
        self.settings = settings or ClaimSettings()

    def run(self, articles: Iterable[Article], stats: Stats) -> Iterator[Article]:
        for article in articles:
            stats["articles"] += 1
            article.claims = claims_of(article, self.settings)
            stats["claims"] += len(article.claims)
            for claim in article.claims:
                stats[f"kind:{claim.kind}"] += 1
                stats[f"modality:{claim.modality}"] += 1
            yield article
