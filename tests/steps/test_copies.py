"""Copies: exact, syndicated, extended and partial copies are grouped; shared boilerplate is not a copy."""

from __future__ import annotations

import hashlib
import random

from storylens.model import Article, Corpus
from storylens.pipeline import Stats
from storylens.steps.copies import (
    SKETCH_KEY,
    SKETCH_VERSION,
    CopySettings,
    FindCopies,
    count_independent_sources,
    normalize_text,
    overlap,
    shingles,
    sketch_scheme,
)

FERRY_REPORT = (
    "The night ferry Aurelia ran aground off the island of Brevik early on Sunday, the coast guard of Norland said. "
    "All 212 passengers were taken ashore by lifeboats before dawn, and four crew members stayed on board to pump "
    "water from the engine room. Captain Joren Haldane told reporters that a sudden squall pushed the ship onto a "
    "sandbank outside the harbour entrance. The operator, Brevik Sealines, cancelled its crossings for the rest of "
    "the week and promised to refund every ticket. Divers were expected to inspect the hull on Monday morning."
)
MARKET_REPORT = (
    "Traders at the Kessport fish market protested on Friday against a new fee for stall space, blocking the main "
    "gate for two hours. The city council had raised the fee by 18 percent in March, saying the covered hall needs "
    "a new roof. Market spokeswoman Petra Solberg said most sellers could not pay more after a poor winter season. "
    "Councillors agreed to meet the traders next Tuesday."
)
BOILERPLATE = (
    "\n\nThis article is distributed by Meridian Wire. Copying or republishing it without a licence is not "
    "permitted. Subscribe to the Meridian morning briefing for more news from the region."
)


def article(article_id: str, text: str, outlet: str, published: str, title: str = "") -> Article:
    return Article(id=article_id, text=text, source="test", outlet=outlet, published=published, title=title)


def find_copies(*articles: Article, new_ids: set[str] | None = None, corpus: Corpus | None = None) -> Corpus:
    corpus = corpus or Corpus()
    corpus.articles.update({a.id: a for a in articles})
    corpus.new_article_ids = new_ids or set()
    return FindCopies().run(corpus, Stats())


def test_exact_duplicate_with_other_spacing_and_case_is_a_copy_of_the_earlier_article() -> None:
    original = article("a", FERRY_REPORT, "Harbor Times", "2031-04-06T07:00")
    shouted = article("b", FERRY_REPORT.upper().replace(" ", "  "), "Coastline Post", "2031-04-06T09:00")
    corpus = find_copies(shouted, original)
    assert shouted.duplicate_of == "a"
    assert original.duplicate_of is None
    assert shouted.copy_similarity == 1.0
    assert corpus.copy_groups[original.copy_group].original_id == "a"


def test_syndicated_copy_under_a_new_headline_is_found_with_its_similarity() -> None:
    original = article("wire", FERRY_REPORT, "Meridian Wire", "2031-04-06T07:00", "Ferry aground off Brevik")
    syndicated = article("post", FERRY_REPORT, "Coastline Post", "2031-04-06T08:30", "212 rescued as Aurelia hits sand")
    find_copies(original, syndicated)
    assert syndicated.duplicate_of == "wire"
    assert syndicated.copy_group == original.copy_group == "copy-wire"
    assert syndicated.copy_similarity == 1.0


def test_copy_with_an_added_paragraph_is_a_copy() -> None:
    original = article("wire", FERRY_REPORT, "Meridian Wire", "2031-04-06T07:00")
    extended = article(
        "ledger",
        FERRY_REPORT + "\n\nThe Northern Ledger asked Brevik Sealines how often the route had been closed by storms.",
        "Northern Ledger",
        "2031-04-06T10:00",
    )
    find_copies(original, extended)
    assert extended.duplicate_of == "wire"
    assert extended.copy_similarity is not None and extended.copy_similarity >= 0.95


def test_partial_copy_embedding_most_of_the_original_is_a_copy() -> None:
    original = article("wire", FERRY_REPORT, "Meridian Wire", "2031-04-06T07:00")
    kept = FERRY_REPORT.rsplit(". ", 1)[0] + "."  # the last sentence dropped
    partial = article(
        "lantern",
        "Local fishermen watched from the pier as the rescue went on. " + kept,
        "Daily Lantern",
        "2031-04-06T12:00",
    )
    find_copies(original, partial)
    assert partial.duplicate_of == "wire"
    assert 0.75 <= (partial.copy_similarity or 0) < 1.0


def test_articles_sharing_only_boilerplate_are_not_copies() -> None:
    ferry = article("ferry", FERRY_REPORT + BOILERPLATE, "Meridian Wire", "2031-04-06T07:00")
    market = article("market", MARKET_REPORT + BOILERPLATE, "Meridian Wire", "2031-04-06T08:00")
    corpus = find_copies(ferry, market)
    assert ferry.duplicate_of is None and market.duplicate_of is None
    assert corpus.copy_groups == {}


def test_original_is_the_earliest_published_whatever_the_input_order() -> None:
    later = article("a-later", FERRY_REPORT, "Harbor Times", "2031-04-06T11:00")
    earliest = article("z-earliest", FERRY_REPORT, "Meridian Wire", "2031-04-06T06:00")
    find_copies(later, earliest)
    assert later.duplicate_of == "z-earliest"
    assert earliest.copy_group == "copy-z-earliest"


def test_incremental_run_checks_new_article_against_existing_ones() -> None:
    original = article("wire", FERRY_REPORT, "Meridian Wire", "2031-04-06T07:00")
    other = article("market", MARKET_REPORT, "Valley Courier", "2031-04-06T07:30")
    corpus = find_copies(original, other)
    assert corpus.copy_groups == {}
    late_copy = article("late", FERRY_REPORT, "Daily Lantern", "2031-04-07T09:00")
    find_copies(late_copy, new_ids={"late"}, corpus=corpus)
    assert late_copy.duplicate_of == "wire"
    assert corpus.copy_groups["copy-wire"].article_ids == ["wire", "late"]


def test_sketch_is_stored_in_metadata_so_a_later_run_shingles_only_new_and_candidate_articles() -> None:
    original = article("wire", FERRY_REPORT, "Meridian Wire", "2031-04-06T07:00")
    other = article("market", MARKET_REPORT, "Valley Courier", "2031-04-06T07:30")
    corpus = find_copies(original, other)
    stored = original.metadata[SKETCH_KEY]
    assert stored["perm"] == 128 and isinstance(stored["values"], str) and stored["shingles"] > 50
    late_copy = article("late", FERRY_REPORT + " Ferry traffic resumed on Tuesday.", "Daily Lantern", "2031-04-07")
    stats = Stats()
    corpus.articles[late_copy.id] = late_copy
    corpus.new_article_ids = {late_copy.id}
    FindCopies().run(corpus, stats)
    assert late_copy.duplicate_of == "wire"
    assert stats["shingled"] == 2  # the new article and its one candidate; the market report is not re-read


def test_sketch_stored_under_other_settings_is_recomputed() -> None:
    original = article("wire", FERRY_REPORT, "Meridian Wire", "2031-04-06T07:00")
    copy = article("post", FERRY_REPORT, "Coastline Post", "2031-04-06T08:00")
    original.metadata[SKETCH_KEY] = {"perm": 64, "words": 5, "values": "stale"}
    find_copies(original, copy)
    assert original.metadata[SKETCH_KEY]["perm"] == 128
    assert copy.duplicate_of == "wire"


def test_copies_count_once_as_independent_sources() -> None:
    original = article("wire", FERRY_REPORT, "Meridian Wire", "2031-04-06T07:00")
    copy = article("post", FERRY_REPORT, "Coastline Post", "2031-04-06T08:00")
    independent = article("market", MARKET_REPORT, "Valley Courier", "2031-04-06T09:00")
    find_copies(original, copy, independent)
    assert count_independent_sources([original, copy, independent]) == 2


def test_short_texts_are_only_matched_exactly() -> None:
    first = article("a", "Polls close at eight in Kessport.", "Harbor Times", "2031-04-06T07:00")
    second = article("b", "Polls close at nine in Kessport.", "Valley Courier", "2031-04-06T07:00")
    find_copies(first, second)
    assert first.duplicate_of is None and second.duplicate_of is None


def test_overlap_is_share_of_the_shorter_text_found_in_the_longer() -> None:
    short = shingles("one two three four five six seven", 5)
    long = shingles("one two three four five six seven eight nine ten", 5)
    assert overlap(short, long) == 1.0
    assert overlap(short, set()) == 0.0


def test_normalize_text_ignores_case_punctuation_and_spacing() -> None:
    assert normalize_text("  Ferry  AGROUND, off Brevik! ") == normalize_text("ferry aground off brevik")


def test_stricter_threshold_rejects_partial_copy() -> None:
    original = article("wire", FERRY_REPORT, "Meridian Wire", "2031-04-06T07:00")
    kept = FERRY_REPORT.rsplit(". ", 1)[0] + "."
    partial = article("half", "Fishermen watched from the pier. " + kept, "Daily Lantern", "2031-04-06T12:00")
    corpus = Corpus(articles={a.id: a for a in (original, partial)})
    FindCopies(CopySettings(min_overlap=0.95)).run(corpus, Stats())
    assert partial.duplicate_of is None


SYLLABLES = ["ka", "lo", "vi", "ren", "tas", "mu", "dor", "pel", "si", "quan", "bro", "fe", "nil", "ors", "ta", "gu"]


def invented_words(rng: random.Random, count: int) -> list[str]:
    """Words of a made-up language: as varied as news text, owned by no one."""
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(count)]


def near_copies(rng: random.Random, index: int) -> list[tuple[str, str]]:
    """An original and its hard variants (60-80% kept, long additions, scattered edits); two texts sharing half."""
    original = invented_words(rng, 300)
    kept = int(len(original) * rng.uniform(0.6, 0.8))
    start = rng.randint(0, len(original) - kept)
    edited = list(original)
    for position in range(0, len(edited), rng.randint(15, 40)):
        edited[position] = invented_words(rng, 1)[0]
    variants = [
        (f"o{index}", " ".join(original)),
        (f"p{index}", " ".join(original[start : start + kept])),
        (f"x{index}", " ".join(original) + "\n\n" + " ".join(invented_words(rng, rng.randint(60, 900)))),
        (f"e{index}", " ".join(edited)),
    ]
    other = invented_words(rng, 300)
    return [
        *variants,
        (f"b{index}", " ".join(other)),
        (f"d{index}", " ".join(other[:150] + invented_words(rng, 150))),
    ]


def test_jaccard_prefilter_drops_no_pair_that_exact_verification_accepts() -> None:
    rng = random.Random(11)
    texts = [pair for index in range(40) for pair in near_copies(rng, index)]
    results = []
    for sigmas in (4.0, float("inf")):  # inf: every LSH candidate verified exactly
        articles = [
            article(i, text, "Harbor Times", f"2031-04-06T{n // 60:02d}:{n % 60:02d}")
            for n, (i, text) in enumerate(texts)
        ]
        stats = Stats()
        FindCopies(CopySettings(prefilter_sigmas=sigmas)).run(Corpus(articles={a.id: a for a in articles}), stats)
        results.append(({a.id: a.duplicate_of for a in articles}, stats["verified_pairs"]))
    (filtered, verified_filtered), (unfiltered, verified_all) = results
    assert filtered == unfiltered
    assert verified_filtered < verified_all
    assert all(filtered[f"p{i}"] == f"o{i}" for i in range(40))  # every 60-80% partial copy found
    # an addition about three times as long as the original takes the Jaccard below the LSH threshold (0.3)
    assert sum(filtered[f"x{i}"] == f"o{i}" for i in range(40)) >= 30
    assert not any(filtered[f"d{i}"] or filtered[f"b{i}"] for i in range(40))  # sharing half a text is not a copy


def test_hundreds_of_outlets_running_one_wire_text_cost_linear_not_quadratic_comparisons() -> None:
    wire = " ".join(invented_words(random.Random(5), 150))
    runs = [
        article(
            f"run{n:03d}",
            wire + f"\n\nFiled for outlet number {n} by its desk {n * 7}.",
            f"Outlet {n}",
            f"2031-04-06T{n // 60:02d}:{n % 60:02d}",
        )
        for n in range(200)
    ]
    stats = Stats()
    FindCopies().run(Corpus(articles={a.id: a for a in runs}), stats)
    assert all(run.duplicate_of == "run000" for run in runs[1:])
    assert stats["verified_pairs"] < 1000  # ~2 per outlet; all pairs would be 19,900


def test_incremental_run_reads_only_new_articles_and_their_candidates_from_a_large_corpus() -> None:
    rng = random.Random(2)
    old = [article(f"old{n}", " ".join(invented_words(rng, 120)), "Harbor Times", "2031-04-01") for n in range(300)]
    corpus = find_copies(*old)
    late = article("late", old[123].text + " The ministry later confirmed the figures.", "Daily Lantern", "2031-04-02")
    stats = Stats()
    corpus.articles[late.id] = late
    corpus.new_article_ids = {late.id}
    FindCopies().run(corpus, stats)
    assert late.duplicate_of == "old123"
    assert stats["shingled"] == 2 and stats["verified_pairs"] == 1


def test_sketch_stored_by_an_earlier_version_is_recomputed() -> None:
    original = article("wire", FERRY_REPORT, "Meridian Wire", "2031-04-06T07:00")
    copy = article("post", FERRY_REPORT + " More later.", "Coastline Post", "2031-04-06T08:00")
    original.metadata[SKETCH_KEY] = {
        "perm": 128,
        "words": 5,
        "shingles": 60,
        "seed": 1,
        "scheme": "x",
        "values": "AAAA",
    }
    find_copies(original, copy)
    assert original.metadata[SKETCH_KEY]["scheme"] == sketch_scheme(CopySettings())
    assert copy.duplicate_of == "wire"


def test_sketch_of_a_fixed_text_is_unchanged_so_stored_sketches_stay_comparable() -> None:
    """Changing shingle or sketch hashing must bump SKETCH_VERSION (then update this digest)."""
    ferry = article("wire", FERRY_REPORT, "Meridian Wire", "2031-04-06T07:00")
    find_copies(ferry)
    stored = ferry.metadata[SKETCH_KEY]
    digest = hashlib.sha1(stored["values"].encode("ascii")).hexdigest()
    assert (SKETCH_VERSION, stored["shingles"], digest) == (2, 88, "ab55c61871c80feca67a092b5dc6c3a5f1c82388")


def test_very_long_text_and_its_partial_copy_are_matched() -> None:
    words = invented_words(random.Random(8), 12000)  # more shingles than one hashing block holds
    full = article("long", " ".join(words), "Meridian Wire", "2031-04-06T07:00")
    part = article("part", " ".join(words[2000:10000]), "Harbor Times", "2031-04-06T09:00")
    find_copies(full, part)
    assert part.duplicate_of == "long" and part.copy_similarity == 1.0


def test_texts_without_words_are_never_copies_of_each_other() -> None:
    first = article("a", "", "Harbor Times", "2031-04-06T07:00", title="Crane collapses in Velmora port")
    second = article("b", " … ", "Valley Courier", "2031-04-06T08:00", title="Orlen council approves tram line")
    corpus = find_copies(first, second)
    assert first.duplicate_of is None and second.duplicate_of is None
    assert corpus.copy_groups == {}


def test_one_line_headline_texts_are_copies_only_when_equal() -> None:
    first = article("a", "Crane collapses in Velmora port", "Harbor Times", "2031-04-06T07:00")
    second = article("b", "Crane collapses in Orlen port", "Valley Courier", "2031-04-06T08:00")
    third = article("c", "Crane collapses in Velmora port!", "Coastline Post", "2031-04-06T09:00")
    find_copies(first, second, third)
    assert second.duplicate_of is None
    assert third.duplicate_of == "a" and third.copy_similarity == 1.0
