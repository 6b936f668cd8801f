"""How each outlet (and camp) told a story: loaded language, voices and term contrast, with spans.

Two steps:

- `CountFramingTerms` (corpus step) counts content words over the whole corpus and leaves on each
  story the counts of that story's vocabulary (`story.framing["background"]`): the informative
  prior of the term contrast, so a story step can weigh words against the corpus without seeing it.
- `DescribeFraming` (story step) groups the story's articles by outlet, and by camp when camps are
  known (an article's `camp` metadata or the outlets file, via `FramingSettings.camps`), and for
  each group finds loaded language (resources/framing lexicons, scare quotes), voices (who is
  quoted, how much, official or not, who is mentioned but never quoted) and contrasting terms
  (weighted log-odds, `framing_contrast`, among the articles in the story's most common language).
  Across the groups it finds naming contrast (`framing_naming`: the different words aligned sentences
  use in the same slot), gaps (`framing_gaps`: who covered the story, which claim sides some groups
  carry and others omit) and tone toward the story's key entities (`framing_tone`).
  Every finding carries `article_id`/`start`/`end`.

Copies (`article.duplicate_of`) are left out of groups: a syndicated copy says nothing about how
the outlet that republished it wrote.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from storylens.model import Article, Corpus
from storylens.pipeline import Stats, StoryBundle
from storylens.steps.framing_aim import aim_entities, aim_spans, targets_ahead, with_aims
from storylens.steps.framing_contrast import content_words, log_odds_z
from storylens.steps.framing_gaps import claim_gaps, coverage
from storylens.steps.framing_groups import ArticleGroups
from storylens.steps.framing_labels import label_contrast
from storylens.steps.framing_lexicon import (
    LOADED_CATEGORIES,
    QUOTE_PAIRS,
    FramingLexicon,
    holds_loaded,
    is_evaluative,
    load_framing_lexicon,
    match_lexicon,
)
from storylens.steps.framing_naming import naming_contrast, naming_findings
from storylens.steps.framing_tone import actor_ids, entity_tone
from storylens.steps.framing_voices import entity_names, entity_roles, group_voices


@dataclass
class FramingSettings:
    """Settings of the framing steps.

    - `enabled`: run the framing steps at all.
    - `scare_quote_max_words`: quoted fragments up to this many words inside running text are scare
      quotes (0 turns the rule off).
    - `prior_strength`: pseudo-words the corpus prior weighs in the log-odds (Monroe et al.'s a0);
      larger shrinks small differences harder.
    - `contrast_min_z`: a term's contrast is `significant` from this z-score on (1.96 ~ 95 %).
    - `contrast_terms`: at most this many contrasting terms per group (the highest positive z-scores).
    - `contrast_min_count`: a term must occur at least this often in the group.
    - `examples_per_term`: example spans kept per contrasting term, per voice.
    - `min_word_length`: shorter words are left out of the contrast (most function words).
    - `naming_min_shared`: aligned sentences share at least this many content words ...
    - `naming_min_overlap`: ... and at least this share of the shorter sentence's content words.
    - `naming_max_words`: a naming slot is at most this many words a side.
    - `naming_pairs`: at most this many naming pairs per story.
    - `naming_min_articles`: a noun one group writes in at least this many of its articles, where the other group
      of an aligned sentence pair writes another noun in the same slot and never this one, is that group's
      naming choice.
    - `naming_terms`: give the terms of naming pairs that are a group's own as loaded-language findings
      (`category: "naming"`, every use in the group's articles).
    - `gap_claims`: at most this many claim gaps per story (conflicts first, then the most carried).
    - `aim_entities`: loaded-language findings aimed at one of this many of the story's key entities (most named
      first) are marked `key` (`framing_aim`).
    - `tone_entities`: tone is described for this many of the story's key entities that are actors.
    - `tone_cues`: cue spans kept per entity and group.
    - `group_by`: the grouping that naming, gaps and tone compare (`camp`, `owner`, `country` or a grouping
      of the outlets file such as `region`); stories without groups of it compare outlets.
    - `titles`: look for loaded language in headlines too (findings carry `field: "title"`).
    - `camps`: outlet name -> camp, filled from the outlets file (`--outlets`) by the run.
    - `outlet_groups`, `outlet_aliases`, `outlet_domains`: outlet name -> {grouping: value}, other name ->
      outlet name, domain -> outlet name; filled from the outlets file by the run (see `framing_groups`).
    """

    enabled: bool = True
    scare_quote_max_words: int = 3
    prior_strength: float = 1000.0
    contrast_min_z: float = 1.96
    contrast_terms: int = 8
    contrast_min_count: int = 2
    examples_per_term: int = 2
    min_word_length: int = 3
    naming_min_shared: int = 3
    naming_min_overlap: float = 0.4
    naming_max_words: int = 3
    naming_pairs: int = 12
    naming_min_articles: int = 2
    naming_terms: bool = True
    gap_claims: int = 12
    aim_entities: int = 3
    tone_entities: int = 5
    tone_cues: int = 5
    group_by: str = "camp"
    titles: bool = True
    camps: dict[str, str] = field(default_factory=dict)
    outlet_groups: dict[str, dict[str, str]] = field(default_factory=dict)
    outlet_aliases: dict[str, str] = field(default_factory=dict)
    outlet_domains: dict[str, str] = field(default_factory=dict)


def _words(article: Article, settings: FramingSettings) -> list[tuple[str, int, int]]:
    lexicon = load_framing_lexicon(article.language)
    return content_words(article.text, lexicon.stopwords, settings.min_word_length)


class CountFramingTerms:
    """Corpus step: leave each story the corpus counts of its own words (the log-odds prior)."""

    name = "framing-background"

    def __init__(self, settings: FramingSettings | None = None) -> None:
        self.settings = settings or FramingSettings()

    def run(self, corpus: Corpus, stats: Stats) -> Corpus:
        if not self.settings.enabled:
            return corpus
        totals: Counter[str] = Counter()
        per_article: dict[str, Counter[str]] = {}
        for article in corpus.articles.values():
            counts = Counter(word for word, _, _ in _words(article, self.settings))
            per_article[article.id] = counts
            totals.update(counts)
        total = sum(totals.values())
        for story in corpus.stories.values():
            vocabulary: set[str] = set()
            for article_id in story.article_ids:
                vocabulary.update(per_article.get(article_id, ()))
            story.framing = {"background": {"total": total, "counts": {w: totals[w] for w in sorted(vocabulary)}}}
            stats["stories"] += 1
        stats["words"] += total
        return corpus


def _span(article: Article, start: int, end: int, kind: str) -> dict[str, Any]:
    return {"article_id": article.id, "start": start, "end": end, "text": article.text[start:end], "kind": kind}


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    """Stretches of a headline inside quote marks (headlines have no quote annotations: they quote tersely)."""
    patterns = (_quote_pattern(opening, closing) for opening, closing in QUOTE_PAIRS)
    return [(m.start(), m.end()) for pattern in patterns for m in pattern.finditer(text)]


def _quote_pattern(opening: str, closing: str) -> re.Pattern[str]:
    # not an apostrophe: a mark opening after a letter ("Council's") or closing before one ("critics' plan")
    inner = r"[^\n" + re.escape(opening + closing) + r"]{1,200}"
    return re.compile(r"(?<!\w)" + re.escape(opening) + inner + re.escape(closing) + r"(?!\w)")


LOADED_KEY = "framing_loaded"  # article.metadata: {"key": hash of the inputs, "rows": [loaded row, ...]}

# One lexicon or scare-quote finding of an article, outlet aside: field ("title" or "text"), start, end, matched
# text, term, category, in_quote.
LoadedRow = tuple[str, int, int, str, str, str, bool]


def loaded_language(article: Article, outlet: str, settings: FramingSettings) -> list[dict[str, Any]]:
    """Lexicon and scare-quote findings in one article, each marked as inside a quote or in the outlet's voice.

    The headline is scanned too (`settings.titles`): headlines carry much of an outlet's framing. Its findings
    say `field: "title"`, their offsets index `article.title`, and they come first. A finding is `in_quote` when it
    sits inside a direct quote or inside quote marks that are not a scare quote (headlines have no quote
    annotations; in the text, partial quotes are often not kept as quotes).
    """
    return [_loaded_finding(article, outlet, row) for row in loaded_rows(article, settings)]


def stored_loaded_language(article: Article, outlet: str, settings: FramingSettings) -> list[dict[str, Any]]:
    """`loaded_language`, its rows kept on the article (`LOADED_KEY`) and read back in later runs.

    The rows depend on the settings, the article's language, title, text and direct quotes, all fixed once it is
    analysed: they are kept with a hash of all of these and made again when it differs (a re-analysed article
    drops them anyway, `api.forget_cached_vectors`). So a story that grows matches the lexicons over its new
    articles only; the outlet is added on reading."""
    key = _loaded_key(article, settings)
    kept = article.metadata.get(LOADED_KEY)
    if isinstance(kept, dict) and kept.get("key") == key:
        rows = [_loaded_row(item) for item in kept.get("rows", [])]
    else:
        rows = loaded_rows(article, settings)
        article.metadata[LOADED_KEY] = {"key": key, "rows": [list(row) for row in rows]}
    return [_loaded_finding(article, outlet, row) for row in rows]


def _loaded_key(article: Article, settings: FramingSettings) -> str:
    """A hash of what an article's loaded-language rows depend on, kept with them."""
    direct = [(q.start, q.end) for q in article.quotes if q.kind == "direct"]
    parts = [settings.scare_quote_max_words, settings.titles, article.language, article.title, article.text, direct]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()[:16]


def _loaded_row(item: list[Any]) -> LoadedRow:
    field_name, start, end, text, term, category, in_quote = item
    return (str(field_name), int(start), int(end), str(text), str(term), str(category), bool(in_quote))


def loaded_rows(article: Article, settings: FramingSettings) -> list[LoadedRow]:
    """The rows of `loaded_language` (see there), in its order."""
    lexicon = load_framing_lexicon(article.language)
    fields = [("title", article.title or "", _quoted_regions(article.title or ""))] if settings.titles else []
    # in the text: direct quotes, and any stretch in quote marks — a partial quote the quote step does not keep
    # ('Cook called the law "dangerous"') is still the speaker's word, not the outlet's
    direct = [(q.start, q.end) for q in article.quotes if q.kind == "direct"]
    fields.append(("text", article.text, direct + _quoted_regions(article.text)))
    rows = []
    for name, text, quote_spans in fields:
        matches = match_lexicon(text, lexicon, settings.scare_quote_max_words)
        # a scare quote is the outlet keeping a word at arm's length, not a quotation
        scare = {(m.start, m.end) for m in matches if m.category == "scare-quote"}
        quote_spans = [span for span in quote_spans if span not in scare]
        for match in matches:
            in_quote = any(s <= match.start and match.end <= e for s, e in quote_spans)
            rows.append((name, match.start, match.end, match.text, match.term, match.category, in_quote))
    return rows


def _loaded_finding(article: Article, outlet: str, row: LoadedRow) -> dict[str, Any]:
    name, start, end, text, term, category, in_quote = row
    kind = "loaded-language" if category in LOADED_CATEGORIES else category
    return {
        "article_id": article.id,
        "start": start,
        "end": end,
        "text": text,
        "kind": kind,
        **({"field": name} if name != "text" else {}),
        "term": term,
        "category": category,
        "outlet": outlet,
        "in_quote": in_quote,
    }


def _contrast(
    groups: dict[str, list[Article]],
    words: dict[str, list[tuple[str, int, int]]],
    background: Counter[str],
    settings: FramingSettings,
) -> dict[str, list[dict[str, Any]]]:
    counts = {name: Counter(w for a in members for w, _, _ in words[a.id]) for name, members in groups.items()}
    result: dict[str, list[dict[str, Any]]] = {}
    for name, members in groups.items():
        rest: Counter[str] = Counter()
        for other, other_counts in counts.items():
            if other != name:
                rest.update(other_counts)
        if not rest:
            result[name] = []  # nothing to contrast with
            continue
        scores = log_odds_z(counts[name], rest, background, settings.prior_strength)
        top = sorted(
            (s for s in scores.values() if s.z > 0 and s.count >= settings.contrast_min_count),
            key=lambda s: (-s.z, s.term),
        )[: settings.contrast_terms]
        entries = []
        for score in top:
            examples = []
            for article in members:
                for word, start, end in words[article.id]:
                    if word == score.term and len(examples) < settings.examples_per_term:
                        examples.append(_span(article, start, end, "contrast-example"))
            entries.append(
                {
                    "term": score.term,
                    "z": round(score.z, 3),
                    "significant": score.z >= settings.contrast_min_z,
                    "log_odds": round(score.delta, 4),
                    "count": score.count,
                    "rest_count": rest.get(score.term, 0),
                    "examples": examples,
                }
            )
        result[name] = entries
    return result


class DescribeFraming:
    """Story step: per-outlet, per-camp (and per-grouping) loaded language, voices and term contrast."""

    name = "framing"

    def __init__(self, settings: FramingSettings | None = None) -> None:
        self.settings = settings or FramingSettings()
        self.groups = ArticleGroups(
            self.settings.camps,
            self.settings.outlet_groups,
            self.settings.outlet_aliases,
            self.settings.outlet_domains,
        )

    def camp_of(self, article: Article) -> str | None:
        return self.groups.value(article, "camp")

    def _grouped(self, articles: list[Article], grouping: str) -> dict[str, list[Article]]:
        grouped: dict[str, list[Article]] = defaultdict(list)
        for article in articles:
            value = self.groups.outlet(article) if grouping == "outlet" else self.groups.value(article, grouping)
            if value:
                grouped[value].append(article)
        return grouped

    def run(self, bundle: StoryBundle, stats: Stats) -> StoryBundle:
        if not self.settings.enabled:
            return bundle
        story = bundle.story
        previous = story.framing if isinstance(story.framing, dict) else {}
        articles = sorted(bundle.articles, key=lambda a: (a.published or "", a.id))
        originals = [a for a in articles if not a.duplicate_of]
        words = {a.id: _words(a, self.settings) for a in originals}
        raw_background = previous.get("background") or {}
        background: Counter[str] = Counter(raw_background.get("counts") or {})
        if not background:  # run without the corpus step: the story is its own background
            background = Counter(w for a in originals for w, _, _ in words[a.id])
        names = entity_names(articles)
        roles = entity_roles(articles)

        group_by = self.settings.group_by or "camp"
        by_outlet = self._grouped(originals, "outlet")
        by_camp = self._grouped(originals, "camp")
        by_grouping = by_camp if group_by in ("camp", "outlet") else self._grouped(originals, group_by)
        aim_ids = aim_entities(originals, self.settings.aim_entities)

        # Words compare only within one language: the story's most common one (other articles still count
        # for voices and loaded language, in their own lexicon).
        languages = Counter(a.language or "und" for a in originals)
        contrast_language = max(languages.items(), key=lambda item: (item[1], item[0]))[0] if languages else None
        same_language = {a.id for a in originals if (a.language or "und") == contrast_language}

        level, groups = (group_by, by_grouping) if by_grouping and group_by != "outlet" else ("outlet", by_outlet)
        comparable = {n: [a for a in m if a.id in same_language] for n, m in groups.items()}
        contrast_lexicon = load_framing_lexicon(contrast_language)
        naming = _naming({n: m for n, m in comparable.items() if m}, contrast_lexicon, self.settings)
        named = naming_findings(naming, comparable) if self.settings.naming_terms else {}
        article_findings = {
            a.id: _with_naming(
                a,
                stored_loaded_language(a, self.groups.outlet(a), self.settings),
                named.get(a.id, []),
                self.groups.outlet(a),
                self.settings,
            )
            for a in originals
        }
        targets_ahead((a, aim_spans(article_findings[a.id])) for a in originals)  # one parser batch for the story
        loaded = {a.id: with_aims(a, article_findings[a.id], aim_ids, names) for a in originals}

        def describe(kind: str, groups: dict[str, list[Article]]) -> list[dict[str, Any]]:
            comparable = {n: [a for a in m if a.id in same_language] for n, m in groups.items()}
            contrast = _contrast({n: m for n, m in comparable.items() if m}, words, background, self.settings)
            described = []
            for name in sorted(groups):
                members = groups[name]
                findings = [f for a in members for f in loaded[a.id]]
                member_camps = {self.camp_of(a) for a in members}
                described.append(
                    {
                        "kind": kind,
                        "name": name,
                        "camp": name if kind == "camp" else (member_camps.pop() if len(member_camps) == 1 else None),
                        "article_ids": [a.id for a in members],
                        "first_published": min((a.published for a in members if a.published), default=None),
                        "words": sum(len(words[a.id]) for a in members),
                        "voices": group_voices(members, names, roles, self.settings.examples_per_term),
                        "loaded_counts": dict(sorted(Counter(f["category"] for f in findings).items())),
                        "loaded_terms": findings,
                        "contrast": contrast.get(name, []),
                    }
                )
            return described

        outlets = describe("outlet", by_outlet)
        camps = describe("camp", by_camp) if by_camp else []
        other_groups = describe(group_by, by_grouping) if by_grouping and group_by not in ("camp", "outlet") else []
        group_of = {a.id: name for name, members in groups.items() for a in members}
        group_of_copy = {
            a.id: (self.groups.outlet(a) if level == "outlet" else self.groups.value(a, level)) or ""
            for a in articles
            if a.duplicate_of
        }
        key_actors = actor_ids(originals, story.key_entity_ids, self.settings.tone_entities)
        described_level = {"outlet": outlets, "camp": camps}.get(level, other_groups)
        story.framing = {
            "outlets": outlets,
            "camps": camps,
            "groups": other_groups,
            "group_by": group_by,
            "level": level,
            "naming": naming,
            "gaps": {
                "coverage": coverage(groups, self.groups.known_values(level) if level != "outlet" else []),
                "claims": claim_gaps(story.claim_groups, group_of, {k: v for k, v in group_of_copy.items() if v})[
                    : self.settings.gap_claims
                ],
            },
            "tone": entity_tone(groups, key_actors, names, level, self.settings.tone_cues),
            "voice_gaps": _voice_gaps(described_level if level != "outlet" else outlets),
            "unmatched_outlets": sorted(
                name
                for name, members in by_outlet.items()
                if level != "outlet" and not self.groups.value(members[0], level)
            ),
            "copies_left_out": len(articles) - len(originals),
            "contrast_language": contrast_language,
            "aim_entities": aim_ids,
        }
        stats["stories"] += 1
        stats["loaded_terms"] += sum(len(v) for v in loaded.values())
        stats["loaded_terms_key"] += sum(f["key"] for v in loaded.values() for f in v)
        return bundle


def _with_naming(
    article: Article,
    findings: list[dict[str, Any]],
    named: list[dict[str, Any]],
    outlet: str,
    settings: FramingSettings,
) -> list[dict[str, Any]]:
    """The lexicon findings of an article, then its naming-choice findings that no lexicon finding overlaps,
    each marked `in_quote` by the same rule (direct quotes and quote marks, scare quotes not)."""
    if not named:
        return findings
    in_text = [f for f in findings if f.get("field", "text") == "text"]
    quote_spans = [(q.start, q.end) for q in article.quotes if q.kind == "direct"] + _quoted_regions(article.text)
    lexicon = load_framing_lexicon(article.language)
    scare = {
        (m.start, m.end)
        for m in match_lexicon(article.text, lexicon, settings.scare_quote_max_words)
        if m.category == "scare-quote"
    }
    quote_spans = [span for span in quote_spans if span not in scare]
    extra = [
        {**f, "outlet": outlet, "in_quote": any(s <= f["start"] and f["end"] <= e for s, e in quote_spans)}
        for f in named
        if not any(o["start"] < f["end"] and f["start"] < o["end"] for o in in_text)
    ]
    return findings + extra


def _naming(
    articles_by_group: dict[str, list[Article]], lexicon: FramingLexicon, settings: FramingSettings
) -> list[dict[str, Any]]:
    """Naming pairs of aligned sentences (`method: "aligned"`), then those of labels (`framing_labels`) the
    aligned ones do not already give, cut at `naming_pairs`."""
    evaluative = partial(is_evaluative, lexicon)
    aligned = naming_contrast(
        articles_by_group,
        lexicon.stopwords,
        min_length=settings.min_word_length,
        min_shared=settings.naming_min_shared,
        min_overlap=settings.naming_min_overlap,
        max_words=settings.naming_max_words,
        max_pairs=settings.naming_pairs,
        min_articles=settings.naming_min_articles,
        evaluative=evaluative,
    )
    pairs = [{**pair, "method": "aligned"} for pair in aligned]
    seen = {(tuple(p["groups"]), tuple(p["terms"])) for p in pairs}
    for pair in label_contrast(
        articles_by_group,
        lexicon.stopwords,
        lexicon.calling,
        evaluative,
        partial(holds_loaded, lexicon),
        min_length=settings.min_word_length,
        min_shared=settings.naming_min_shared,
    ):
        if (tuple(pair["groups"]), tuple(pair["terms"])) not in seen:
            pairs.append(pair)
    return pairs[: settings.naming_pairs]


def _voice_gaps(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Speakers some groups quote and others never do (only when there are two groups or more)."""
    if len(groups) < 2:
        return []
    quoted_by: dict[str, set[str]] = defaultdict(set)
    names: dict[str, tuple[str, str | None]] = {}
    for group in groups:
        for speaker in group["voices"]["speakers"]:
            key = speaker["entity_id"] or speaker["name"].lower()
            quoted_by[key].add(group["name"])
            names.setdefault(key, (speaker["name"], speaker["entity_id"]))
    all_names = {g["name"] for g in groups}
    gaps = []
    for key, carriers in quoted_by.items():
        missing = all_names - carriers
        if missing:
            name, entity_id = names[key]
            gaps.append(
                {"name": name, "entity_id": entity_id, "quoted_by": sorted(carriers), "not_quoted_by": sorted(missing)}
            )
    return sorted(gaps, key=lambda g: (-len(g["quoted_by"]), g["name"]))
