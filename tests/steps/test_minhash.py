"""MinHash sketches and banded LSH: estimates match Jaccard, buckets give the right pairs, the filter is safe."""

from __future__ import annotations

import numpy as np

from storylens.steps.minhash import (
    MAX_HASH_ROWS,
    NO_VALUE,
    band_keys,
    band_parameters,
    candidate_pairs,
    estimated_jaccard,
    hash_functions,
    may_reach_overlap,
    minhash_sketches,
    overlap_coefficients,
    sorted_unique,
)


def sketches_of(*sets: np.ndarray, num_perm: int = 128) -> np.ndarray:
    hashes = np.concatenate([np.asarray(s, dtype=np.uint32) for s in sets])
    return minhash_sketches(hashes, np.array([len(s) for s in sets]), num_perm, seed=1)


def earliest_row(members: np.ndarray) -> int:
    return int(members.min())


def test_band_parameters_balance_missed_and_spurious_pairs_like_datasketch() -> None:
    assert band_parameters(0.3, 128) == (37, 3)
    assert band_parameters(0.5, 128) == (25, 5)
    assert band_parameters(0.8, 128) == (9, 13)
    bands, rows = band_parameters(0.3, 128)
    assert bands * rows <= 128


def test_band_parameters_propose_pairs_above_the_threshold_and_few_below() -> None:
    bands, rows = band_parameters(0.3, 128)
    proposed = [1 - (1 - similarity**rows) ** bands for similarity in (0.1, 0.5, 0.6)]
    assert proposed[0] < 0.05 and proposed[1] > 0.99 and proposed[2] > 0.999


def test_identical_sets_have_identical_sketches_and_disjoint_sets_share_almost_nothing() -> None:
    first, second = np.arange(0, 300), np.arange(1000, 1300)
    sketches = sketches_of(first, first.copy(), second)
    assert (sketches[0] == sketches[1]).all()
    assert (sketches[0] == sketches[2]).mean() < 0.05


def test_share_of_equal_values_estimates_jaccard() -> None:
    rng = np.random.default_rng(7)
    universe = rng.choice(2**32, size=3000, replace=False)
    for shared, only_first, only_second in ((600, 200, 200), (300, 600, 300), (100, 900, 0)):
        first = universe[: shared + only_first]
        second = np.concatenate([universe[:shared], universe[2000 : 2000 + only_second]])
        jaccard = shared / (shared + only_first + only_second)
        estimate = estimated_jaccard(sketches_of(first, second), np.array([[0, 1]]))[0]
        assert abs(estimate - jaccard) < 4 * np.sqrt(jaccard * (1 - jaccard) / 128)


def reference_sketch(elements: np.ndarray, num_perm: int = 128) -> np.ndarray:
    """The sketch by its definition, one hash function at a time: bits 32-47 of min((a·x + b) mod 2^64)."""
    multipliers, offsets = hash_functions(num_perm, seed=1)
    values = elements.astype(np.uint64)
    minima = [(values * multiplier + offset).min() for multiplier, offset in zip(multipliers, offsets, strict=True)]
    return ((np.array(minima, dtype=np.uint64) >> np.uint64(32)) & np.uint64(0xFFFF)).astype(np.uint16)


def test_sketch_does_not_depend_on_how_sets_are_cut_into_blocks() -> None:
    rng = np.random.default_rng(3)
    very_long = rng.integers(0, 2**32, size=3 * MAX_HASH_ROWS + 500)  # hashed in slices
    small = rng.integers(0, 2**32, size=40)
    together = sketches_of(small, very_long, small, rng.integers(0, 2**32, size=MAX_HASH_ROWS - 30), small)
    assert (together[1] == reference_sketch(very_long)).all()
    assert all((together[row] == reference_sketch(small)).all() for row in (0, 2, 4))


def test_empty_set_gets_no_sketch_values_and_does_not_disturb_its_neighbours() -> None:
    values = sketches_of(np.arange(10), np.array([], dtype=np.uint32), np.arange(10))
    assert (values[1] == NO_VALUE).all()
    assert (values[0] == values[2]).all()


def test_band_keys_are_equal_exactly_where_bands_are_equal() -> None:
    sketches = np.array([[1, 2, 3, 4, 5, 6], [1, 2, 3, 9, 5, 6], [7, 2, 3, 4, 5, 6]], dtype=np.uint32)
    keys = band_keys(sketches, bands=2, rows=3, seed=1)
    assert keys.shape == (3, 2)
    assert keys[0, 0] == keys[1, 0] and keys[0, 1] != keys[1, 1]
    assert keys[0, 0] != keys[2, 0] and keys[0, 1] == keys[2, 1]


def test_candidate_pairs_are_rows_sharing_a_band_each_pair_once() -> None:
    keys = np.array([[10, 20], [10, 21], [11, 20], [12, 22]], dtype=np.uint64)
    pairs = candidate_pairs(keys, np.ones(4, dtype=bool), max_bucket_size=10, earliest=earliest_row)
    assert pairs.tolist() == [[0, 1], [0, 2]]


def test_incremental_lookup_pairs_new_rows_with_any_row_but_not_old_with_old() -> None:
    keys = np.array([[5], [5], [6], [6], [5]], dtype=np.uint64)
    is_new = np.array([False, False, False, False, True])
    pairs = candidate_pairs(keys, is_new, max_bucket_size=10, earliest=earliest_row)
    assert pairs.tolist() == [[0, 4], [1, 4]]


def test_no_new_rows_means_no_pairs() -> None:
    keys = np.array([[5], [5]], dtype=np.uint64)
    assert candidate_pairs(keys, np.zeros(2, dtype=bool), max_bucket_size=10, earliest=earliest_row).shape == (0, 2)


def test_big_bucket_links_each_member_to_its_earliest_member_only() -> None:
    keys = np.full((200, 1), 42, dtype=np.uint64)
    keys[150:, 0] = 43  # a second, small bucket
    pairs = candidate_pairs(keys, np.ones(200, dtype=bool), max_bucket_size=64, earliest=lambda m: int(m.max()))
    big = pairs[pairs[:, 0] < 150]
    assert len(big) == 149 and set(big[:, 1].tolist()) == {149}  # star around the "earliest" (here: last row)
    assert len(pairs) == 149 + 50 * 49 // 2


def test_filter_keeps_pairs_that_may_reach_the_overlap_even_when_sizes_differ_a_lot() -> None:
    sizes = np.array([[40, 40], [40, 400], [100, 130]])
    # Jaccard exactly at the boundary of overlap 0.75 for each pair of sizes, minus a little noise
    boundary = 0.75 * sizes.min(axis=1) / (sizes.sum(axis=1) - 0.75 * sizes.min(axis=1))
    assert may_reach_overlap(boundary - 0.02, sizes, 0.75, 128, sigmas=4.0).all()


def test_filter_drops_pairs_sharing_only_templates() -> None:
    sizes = np.array([[60, 60], [60, 70]])
    assert not may_reach_overlap(np.array([0.25, 0.3]), sizes, 0.75, 128, sigmas=4.0).any()


def test_sorted_unique_matches_numpy_unique() -> None:
    values = np.array([5, 1, 5, 3, 1, 9], dtype=np.uint64)
    assert sorted_unique(values).tolist() == np.unique(values).tolist()
    assert sorted_unique(np.array([], dtype=np.uint64)).tolist() == []


def test_overlap_coefficients_are_the_share_of_the_smaller_set_found_in_the_other() -> None:
    first = [
        np.array([1, 2, 3], dtype=np.uint32),
        np.array([], dtype=np.uint32),
        np.array([5, 6, 7, 8], dtype=np.uint32),
    ]
    second = [
        np.array([2, 3, 4, 5], dtype=np.uint32),
        np.array([1], dtype=np.uint32),
        np.array([5, 6], dtype=np.uint32),
    ]
    assert overlap_coefficients(first, second).tolist() == [2 / 3, 0.0, 1.0]


def test_overlap_coefficients_of_many_pairs_match_python_sets_across_chunks() -> None:
    rng = np.random.default_rng(5)
    sets = [np.unique(rng.integers(0, 3000, size=rng.integers(1, 2000))).astype(np.uint32) for _ in range(300)]
    pairs = rng.integers(0, 300, size=(2500, 2))  # ~5 M elements: several chunks of MAX_OVERLAP_ELEMENTS
    found = overlap_coefficients([sets[i] for i in pairs[:, 0]], [sets[j] for j in pairs[:, 1]])
    expected = [len(set(sets[i].tolist()) & set(sets[j].tolist())) / min(len(sets[i]), len(sets[j])) for i, j in pairs]
    assert np.allclose(found, expected)
