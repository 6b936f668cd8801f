"""The settings of the stories step (`[stories]` in the settings file); see docs/stories.md."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class StorySettings:
    """How articles are grouped into stories.

    threshold: score from which an article joins a story. The score is
        `embedding_weight * meaning + key_weight * key_similarity +
        term_weight * term_similarity - deductions` when both sides have an
        embedding, else the key similarity alone compared with `key_threshold`.
        With the defaults (0.4, `embedding_weight` 0.5 = `key_weight`, no
        terms) this is the score the demo and the synthetic benchmark were
        tuned on. On real news it needs keys a translation does not share
        (SemEval-2022 pairs: same-story meaning median 0.6, key similarity
        median 0.2), so `benchmarks/real/real-news.yaml` weighs meaning 1.0,
        keys and terms 0.5 as added evidence, at 0.45: SemEval pair F1
        0.63 -> 0.81 (docs/stories.md, "Real news").
    key_threshold: threshold when only keys can be compared (language not
        covered by the embedding model, or embeddings disabled).
    embedding_weight: weight of meaning (0 disables embeddings). Meaning is the
        average cosine between the article and the story's members (average
        link: the dot product with their mean vector, `average_link`), taken
        above the corpus background (`relative_meaning`).
    key_weight: weight of the key similarity (names, numbers, dates).
    term_weight: weight of the content-term similarity (`story_terms`): the
        lexical evidence plain TF-IDF clustering lives on, within a language.
    average_link: compare with the members' mean vector rather than the unit
        centroid. The centroid of a big story is the theme's direction, and
        every report on the theme is close to it (one OG2021 story took 442
        Olympics headlines); the mean's length shrinks as a story spreads.
    relative_meaning: count meaning above the corpus background (the mean
        cosine between any two of its articles, `StoryIndex.background`),
        rescaled to 0..1: in a feed about one theme all reports read alike to
        the encoder (OG2021: 0.28 between random headlines, ECB+ 0.18).
    background_min_articles: embedded articles needed before the background
        is used (below it, 0).
    time_penalty_per_day: subtracted per day between a short article
        (`short_text_words`) and the story's date range. A headline says only
        what happened at its moment: in a headline stream, 95% of same-event
        pairs are less than 1.5 days apart (OG2021) while same-theme events go
        on side by side for weeks. Full reports carry the context that ties a
        follow-up to its thread, and are not penalized.
    short_text_words: an article with fewer words (headline and text) than
        this is short: a headline or a one-line item; a story is short when
        most of its articles are.
    term_prefix_chars, max_article_terms, max_story_terms: terms are cut to
        this many characters (inflections meet), kept per article (most
        frequent) and per story signature.
    conflict_penalty: subtracted from the score times the key conflict
        (`StoryIndex.key_evidence`): two same-kind events carry different
        towns, people and numbers, and template-like wording must not join them.
    thread_conflict_penalty: the same for the thread-merge pass, where whole
        stories are compared and a false merge costs more.
    weak_key_weight: strength of a weak key (a capitalized word in a language
        that capitalizes all nouns, not confirmed by an entity mention) relative
        to a name, number or date key.
    time_window_days: an article joins a story only if published within this
        many days of the story's date range; follow-ups a few days later still join.
    thread_merge_threshold: after articles are placed, two stories whose
        signatures (centroid cosine and key profile, weighted like an article's
        score) reach this are merged: a story is a thread of follow-ups
        (announcement, event, reactions, aftermath), and its parts written
        days apart share actors and subject more than wording. 0 disables.
    thread_gap_days: only stories at most this many days apart are merged.
    coherence_split_ratio: after placing and merging, a story that grew in
        the run, is written in one language and holds at least twice
        `coherence_min_part` (and at most `coherence_max_articles`) articles
        is cut in two where its members' word and key similarities say it
        falls apart most clearly; it is split when the mean similarity
        across the cut is below this share of the similarity within each
        side (0 disables; see `story_coherence`).
    reassign_passes: after the online pass, each article of the run is
        scored against its own story without it and against its candidates,
        and moves to a live story that scores higher and reaches the
        threshold: a report placed before its own event's story existed
        joined the nearest alike story, and would later bridge the two in the
        thread merge (see `ClusterStories._reassign`). 0 disables.
    reassign_short: also reassign short (headline-like) articles. Off: in a
        timestamped headline stream the online order is already time order,
        and moving headlines cost OG2021 0.602 -> 0.599.
    undated_see_all: an article without a publication date (they come after
        the dated ones) is compared with every story of the run, also those
        already retired as too old for the dated articles: absent dates are
        not contrary evidence.
    lead_conflict_penalty: subtracted when the article's headline names a
        specific name or number the story never holds and the story's strict
        core holds one the article never names (another player arrested,
        another opponent beaten); in the thread merge the earlier story's
        strict core stands for its headlines (see `StoryIndex.lead_conflict`).
    lead_core_share: share of a story's (at least 3) articles holding a key
        for it to be in the strict core of the lead conflict (or opening with
        a name, for the opening core of the opening conflict).
    opening_conflict_penalty: subtracted in the thread merge when two stories
        open with different protagonists: each one's opening core (people at
        least `lead_core_share` of its reports open with, headline and first
        sentence: `story_keys.opening_text`) holds a name fewer than
        `opening_share` of the other's reports open with. A report of the
        later of two same-kind events recalls the earlier one's protagonist in
        its body, so the lead conflict (which reads whole texts) cannot tell
        them apart, but it opens with its own (see `StoryIndex.open_apart`).
        People only (`story_keys.opening_persons`): an opening also names its
        source and places. ECB+ 0.892 -> 0.900 (as text only 0.881 -> 0.889):
        the same from 0.1 to 0.3 (with titles from 0.05), `opening_share` 0.3
        or 0.5.
    opening_share: a name fewer than this share of a story's reports open
        with is not what the story opens with.
    opening_split_ratio: the coherence check also splits a story at its
        weakest cut when the cut's ratio is below this (but not below
        `coherence_split_ratio`), its two parts open apart as above, and one
        part's protagonist is named by fewer than `opening_share` of the
        other part's reports at all: one bridging report chains two same-kind
        events, whose reports read alike in words and keys (ECB+: two
        players' arrests cut at 0.70-0.75) but open with their own
        protagonists. ECB+ 0.900 -> 0.906 from 0.75 to 0.95, dev split 0.905
        -> 0.926 and text only 0.889 -> 0.894 from 0.7 to 0.95. 0 disables.

    The defaults (threshold 0.4, window 7 days, thread merge 0.45 within 21
    days, conflict penalties 0.04 / 0.1) are set on two corpora at once: the
    demo, where stories are weeks-long threads whose follow-ups bring new
    people and numbers, and the synthetic benchmark, where many same-kind
    events in different towns read alike. The real-news profile
    (`benchmarks/real/real-news.yaml`) raises the thread merge to 0.6: at 0.5
    OG2021 threads glue unrelated same-day Olympics stories. It is not the
    default yet: on the synthetic benchmark it merges same-kind events
    (F1 0.64 instead of 1.0) and embeds more articles.
    lead_chars: how much of the text (after the headline) is embedded; the lead
        says what the event is, and embedding cost grows with length (200
        chars: about 2x faster than 400 for -0.005 F1 on the benchmark).
    untitled_lead_chars: how much of the text is embedded when it has no
        headline. The headline is the densest summary of the event; without
        it the first 200 characters often hold only a dateline and a
        scene-setting sentence, so an untitled text embeds more of its lead
        (as the SemEval-2022 Task 8 systems embedded more than the title).
        On SemEval's training pairs (1,090 of 1,861 texts untitled) pair F1
        0.775 -> 0.808 with 600 (300: 0.798, 500: 0.811, 800: 0.804); texts
        with a headline are embedded as before.
    recurring_segment_headlines: a headline segment (before a colon or dash,
        or after a dash or bar) that opens or closes at least this many
        different headline-only items of the run is a kicker or an outlet's
        name ("Games latest: ...", "... - Coast Courier"), not the event: such
        a headline's keys, words and embedded text leave it out, names the
        entity step recognized in it excepted (see `story_headlines`).
        OG2021 0.577 -> 0.591; 0 disables.
    max_keys: keys kept per story signature (most frequent first).
    key_prior: pseudo-count of documents in the key rarity weight, so a tiny
        corpus does not treat the keys its few articles share as common.
    index_keys: how many of an article's rarest keys are looked up in the index.
    candidate_key_share: keys in a larger share of the articles seen are not
        looked up (they would propose every live story).
    index_key_stories: a key held by more live stories than this proposes no
        candidates (it names no particular event).
    nearest_stories: candidates per article of each kind: the live stories
        sharing the most key weight, and those closest by embedding (one matrix
        product over the live stories, whose number the time window bounds).
    anchor_penalty: subtracted from the score when the article and the story
        both hold specific keys (names, numbers, dates held by few articles)
        and share none: two same-kind events read alike, and nothing ties them.
        A translation shares its names and numbers; a follow-up its place or
        actors.
    year_gap: two sides whose years (see `story_keys.report_year`) are all
        at least this many years apart are about different events: the same
        kind of event (a quake, an arrest, a patch) comes back in other years,
        and a text without a publication date still says its year in its dates.
    year_penalty: subtracted from the score (placing and thread merge) across
        such a gap; as large as the threshold, so no wording makes up for it.
    embed_batch: articles taken at a time; the ones their keys cannot place are
        embedded together (the encoder is ~2x faster per text in a batch).
    keep_article_embeddings: keep `metadata["story_embedding"]` on articles
        after clustering (off: the story signature is all a later run needs).
    """

    threshold: float = 0.4
    key_threshold: float = 0.5
    embedding_weight: float = 0.5
    weak_key_weight: float = 0.3
    conflict_penalty: float = 0.04
    thread_conflict_penalty: float = 0.2
    time_window_days: float = 7.0
    thread_merge_threshold: float = 0.45
    thread_gap_days: float = 21.0
    reassign_passes: int = 1
    reassign_short: bool = False
    undated_see_all: bool = True
    lead_conflict_penalty: float = 0.3
    lead_core_share: float = 0.8
    opening_conflict_penalty: float = 0.15
    opening_share: float = 0.3
    opening_split_ratio: float = 0.8
    coherence_split_ratio: float = 0.45
    coherence_min_part: int = 3
    coherence_max_articles: int = 200
    lead_chars: int = 200
    untitled_lead_chars: int = 600
    recurring_segment_headlines: int = 3
    max_keys: int = 48
    key_prior: float = 20.0
    index_keys: int = 12
    candidate_key_share: float = 0.01
    nearest_stories: int = 8
    index_key_stories: int = 16
    anchor_penalty: float = 0.1
    year_gap: int = 2
    year_penalty: float = 0.4
    embed_batch: int = 32
    keep_article_embeddings: bool = False
    key_weight: float = 0.5
    average_link: bool = False
    time_penalty_per_day: float = 0.5
    term_weight: float = 0.75
    relative_meaning: bool = False
    short_text_words: int = 30
    short_embedding_weight: float = 1.0
    short_average_link: bool = True
    short_relative_meaning: bool = True
    term_floor: float = 0.15
    background_min_articles: int = 50
    term_prefix_chars: int = 6
    max_article_terms: int = 64
    max_story_terms: int = 128
