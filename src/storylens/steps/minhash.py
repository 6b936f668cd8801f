"""MinHash sketches and banded LSH in numpy: near-duplicate candidates without comparing all pairs.

The copies step needs, for thousands of texts at once, (1) a small sketch of
each text's shingle set whose values agree between two texts with probability
equal to their Jaccard similarity, and (2) the pairs of texts likely to be
similar, without looking at every pair. Doing this one text at a time in
Python costs seconds per few thousand articles; here every stage is a handful
of numpy calls over all texts:

- `minhash_sketches`: for each of `num_perm` universal hash functions
  `h(x) = ((a·x + b) mod 2^64) >> 32` (Dietzfelbinger's multiply-add-shift,
  2-independent for 32-bit keys), the minimum over a text's shingle hashes,
  of which 16 bits are kept (b-bit minwise hashing, Li & König 2010): two
  different minima then agree by chance with odds 2^-16, which raises a
  Jaccard estimate by less than 0.00002, and a sketch takes 256 bytes, so
  reading all stored sketches back is twice as fast as with 32 bits.
  The functions are drawn once per (num_perm, seed) from a fixed digest, so a
  sketch stored today matches one computed by a later release.
- `band_parameters` / `band_keys`: the sketch is cut into `bands` bands of
  `rows` values; two texts become candidates when all values of one band
  agree, which happens with probability `1 - (1 - J^rows)^bands`. Each band is
  hashed to one uint64 key, so finding candidates is sorting keys.
- `candidate_pairs`: texts with equal keys in some band, deduplicated; in an
  incremental run only pairs that involve a new text.
- `estimated_jaccard` / `may_reach_overlap`: the share of equal sketch values
  estimates the Jaccard similarity, cheap enough to drop most candidates
  before an exact comparison.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache

import numpy as np

MAX_HASH_ROWS = 1 << 13  # shingles hashed per numpy call: 8 MB at 128 permutations, fast in cache
PAIR_CHUNK = 1 << 13  # candidate pairs compared per numpy call when estimating Jaccard (fits in cache)
MAX_OVERLAP_ELEMENTS = 1 << 21  # set elements sorted per numpy call when computing exact overlaps (16 MB)
SKETCH_DTYPE = np.dtype("<u2")  # sketch values: 16 low bits of each 32-bit minimum, little-endian when stored
NO_VALUE = 0xFFFF  # the sketch of an empty set
SHIFT_32 = np.uint64(32)
EMPTY = np.empty(0, dtype=np.uint32)
KEY_MIXER = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying by it is a bijection of uint64 (Fibonacci hashing)


def stable_random_uint64(label: str, count: int) -> np.ndarray:
    """`count` pseudo-random 64-bit integers derived from `label` by a digest.

    Unlike a numpy random generator, whose streams may change between numpy
    releases, these values are fixed forever: sketches and shingle hashes
    stored in a corpus stay comparable with newly computed ones.
    """
    digests = b"".join(hashlib.blake2b(f"{label}:{i}".encode(), digest_size=8).digest() for i in range(count))
    return np.frombuffer(digests, dtype="<u8").astype(np.uint64)


@lru_cache(maxsize=8)
def hash_functions(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Multipliers (odd) and offsets of the `num_perm` multiply-add-shift hash functions; drawn once, cached."""
    multipliers = stable_random_uint64(f"minhash-a-{seed}", num_perm) | np.uint64(1)
    offsets = stable_random_uint64(f"minhash-b-{seed}", num_perm)
    return multipliers, offsets


def minhash_sketches(hashes: np.ndarray, counts: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """MinHash sketches of many sets at once: an (n, num_perm) matrix of 16-bit values (`SKETCH_DTYPE`).

    `hashes` holds the 32-bit element hashes of all sets one after the other,
    set i taking `counts[i]` of them. Row i is, for each hash function, the
    minimum over set i's elements, reduced to the bits 32-47 of the 64-bit
    hash: uniform whatever the set size (the top bits of a minimum are mostly
    zeros). An empty set gets `NO_VALUE` everywhere (its row is never compared).
    Work is cut into blocks of whole sets of about `MAX_HASH_ROWS` elements so
    memory stays bounded whatever the corpus size.
    """
    multipliers, offsets = hash_functions(num_perm, seed)
    sketches = np.full((len(counts), num_perm), NO_VALUE, dtype=SKETCH_DTYPE)
    filled = np.flatnonzero(counts > 0)
    ends = np.cumsum(counts)
    starts = ends - counts
    values = hashes.astype(np.uint64)
    block_start = 0
    while block_start < len(filled):
        first_row = starts[filled[block_start]]
        block_end = max(block_start + 1, int(np.searchsorted(ends[filled], first_row + MAX_HASH_ROWS, side="right")))
        block = filled[block_start:block_end]
        if len(block) == 1 and counts[block[0]] > MAX_HASH_ROWS:  # one very long text: hashed in slices
            rows = values[first_row : ends[block[0]]]
            slices = range(0, len(rows), MAX_HASH_ROWS)
            minima = np.min(
                [_block_minima(rows[i : i + MAX_HASH_ROWS], [0], multipliers, offsets) for i in slices], axis=0
            )
        else:
            minima = _block_minima(values[first_row : ends[block[-1]]], starts[block] - first_row, multipliers, offsets)
        sketches[block] = ((minima >> SHIFT_32) & np.uint64(NO_VALUE)).T
        block_start = block_end
    return sketches


def _block_minima(
    rows: np.ndarray, set_starts: np.ndarray | list[int], multipliers: np.ndarray, offsets: np.ndarray
) -> np.ndarray:
    """(num_perm, sets) minima of the hash functions over consecutive sets of `rows` starting at `set_starts`.

    One row per hash function: each set's elements are then contiguous, which
    `reduceat` scans fastest (3.5x faster than one row per element).
    """
    hashed = np.multiply.outer(multipliers, rows)
    hashed += offsets[:, None]
    return np.minimum.reduceat(hashed, set_starts, axis=1)


@lru_cache(maxsize=32)
def band_parameters(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands x rows for an LSH that proposes pairs from Jaccard `threshold`.

    The probability that two texts with Jaccard s share a band is
    `P(s) = 1 - (1 - s^rows)^bands`. Among all bands x rows <= num_perm, this
    picks the pair minimising the false-positive area (integral of P below the
    threshold) plus the false-negative area (integral of 1 - P above it), with
    equal weights: the rule datasketch's `MinHashLSH` uses, so candidate recall
    is what it was with that library. (0.3, 128) gives 37 bands of 3 rows.
    """
    below, above = np.linspace(0.0, threshold, 1001), np.linspace(threshold, 1.0, 1001)
    best: tuple[float, int, int] | None = None
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            false_positive = np.trapezoid(1.0 - (1.0 - below**rows) ** bands, below)
            false_negative = np.trapezoid((1.0 - above**rows) ** bands, above)
            error = 0.5 * false_positive + 0.5 * false_negative
            if best is None or error < best[0]:
                best = (error, bands, rows)
    assert best is not None
    return best[1], best[2]


def band_keys(sketches: np.ndarray, bands: int, rows: int, seed: int) -> np.ndarray:
    """One uint64 key per (text, band): a random linear hash of the band's `rows` sketch values.

    Equal bands give equal keys; unequal bands collide with probability about
    2^-(16 · rows), which only adds a candidate that the Jaccard estimate drops.
    """
    multipliers = stable_random_uint64(f"band-{seed}", rows) | np.uint64(1)
    used = sketches[:, : bands * rows].astype(np.uint64)
    keys = used[:, 0::rows] * multipliers[0]
    for row in range(1, rows):
        keys += used[:, row::rows] * multipliers[row]
    return keys


def candidate_pairs(
    keys: np.ndarray, is_new: np.ndarray, max_bucket_size: int, earliest: Callable[[np.ndarray], int]
) -> np.ndarray:
    """Pairs (i < j) of rows of `keys` (n x bands) equal in at least one band, one of them new: a (m, 2) array.

    A bucket (texts sharing one band key) of up to `max_bucket_size` members
    gives all its pairs. A larger bucket is text most of the corpus shares
    (boilerplate, a template, or one wire text run by hundreds of outlets):
    all its pairs would grow quadratically, so each member is paired only with
    the bucket's earliest member, `earliest(member_rows)`. For a syndicated
    text that is its original, so every copy is still linked; two texts
    that share such a band and are copies of each other also share most of
    their other bands, where the buckets are small.
    """
    found = [_band_pairs(keys[:, band], is_new, max_bucket_size, earliest) for band in range(keys.shape[1])]
    encoded = sorted_unique(np.concatenate([pairs[:, 0] * len(keys) + pairs[:, 1] for pairs in found]))
    return np.column_stack([encoded // len(keys), encoded % len(keys)])


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted: `np.unique` without its overhead (numpy 2 hashes first, 40x slower here)."""
    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


def _band_pairs(
    keys: np.ndarray, is_new: np.ndarray, max_bucket_size: int, earliest: Callable[[np.ndarray], int]
) -> np.ndarray:
    """Candidate pairs of one band: rows sharing a key, at least one of each pair new.

    The row number replaces the low bits of each key, so one `np.sort` (4x
    faster than `argsort` here) both groups equal keys and says which rows
    they belong to. Keys are first multiplied by an odd constant (a bijection
    that spreads any difference into the high bits) and keep 64 - log2(n)
    bits: two different bands then collide with odds of about n / 2^64 per
    pair, an extra candidate the Jaccard estimate drops. An incremental run
    sorts all keys too: cheaper than looking the old keys up among the new
    ones with `searchsorted`, and buckets without a new member are skipped.
    """
    if not len(keys):
        return np.empty((0, 2), dtype=np.int64)
    row_bits = np.uint64(max(1, (len(keys) - 1).bit_length()))
    mixed = keys * KEY_MIXER
    packed = np.sort(((mixed >> row_bits) << row_bits) | np.arange(len(keys), dtype=np.uint64))
    order = (packed & ((np.uint64(1) << row_bits) - np.uint64(1))).astype(np.int64)
    sorted_keys = packed >> row_bits
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    shared = (sizes > 1) & np.logical_or.reduceat(is_new[order], starts)
    small, big = shared & (sizes <= max_bucket_size), shared & (sizes > max_bucket_size)
    pairs = [_all_pairs_within(order, starts[small], sizes[small])]
    for start, size in zip(starts[big], sizes[big], strict=True):
        members = np.sort(order[start : start + size])
        first = earliest(members)
        others = members[members != first]
        pairs.append(np.column_stack([np.minimum(others, first), np.maximum(others, first)]))
    found = np.concatenate(pairs)
    return found[is_new[found[:, 0]] | is_new[found[:, 1]]]


def _all_pairs_within(order: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Every pair of members of each bucket `order[start : start + size]`, as (smaller, larger) rows."""
    positions = np.repeat(starts, sizes) + counting_within(sizes)
    partners = np.repeat(starts + sizes, sizes) - positions - 1  # members after each position in its bucket
    first = order[np.repeat(positions, partners)]
    second = order[np.repeat(positions + 1, partners) + counting_within(partners)]
    return np.column_stack([np.minimum(first, second), np.maximum(first, second)]).astype(np.int64)


def counting_within(lengths: np.ndarray) -> np.ndarray:
    """0, 1, ..., length - 1 for each length, concatenated: ranges without a Python loop."""
    total = int(lengths.sum())
    return np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)


def estimated_jaccard(sketches: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Share of equal sketch values for each pair: an unbiased estimate of the pair's Jaccard similarity."""
    estimates = np.empty(len(pairs), dtype=np.float64)
    for start in range(0, len(pairs), PAIR_CHUNK):
        chunk = pairs[start : start + PAIR_CHUNK]
        equal = sketches.take(chunk[:, 0], axis=0) == sketches.take(chunk[:, 1], axis=0)
        estimates[start : start + len(chunk)] = equal.sum(axis=1, dtype=np.int32)
    return estimates / sketches.shape[1]


def may_reach_overlap(
    jaccard: np.ndarray, sizes: np.ndarray, min_overlap: float, num_perm: int, sigmas: float
) -> np.ndarray:
    """Which pairs could have an overlap coefficient >= min_overlap, given their estimated Jaccard.

    For sets of sizes a <= b, `|A ∩ B| = J (a + b) / (1 + J)`, so an overlap
    `|A ∩ B| / a` of exactly `min_overlap` means a Jaccard of
    `J0 = min_overlap · a / (a + b - min_overlap · a)`. The estimate is a
    binomial share over `num_perm` values with standard deviation
    `sqrt(J0 (1 - J0) / num_perm)` at that boundary; a pair is kept unless its
    estimate lies more than `sigmas` deviations below J0, i.e. unless its
    estimated overlap is clearly below `min_overlap`. (For small J0 the
    binomial's lower tail is shorter than the normal one, so the normal bound
    keeps more pairs than strictly needed, never fewer.)
    """
    smaller = np.minimum(sizes[:, 0], sizes[:, 1]).astype(np.float64)
    larger = np.maximum(sizes[:, 0], sizes[:, 1]).astype(np.float64)
    shared = min_overlap * smaller
    boundary = shared / (smaller + larger - shared)
    margin = sigmas * np.sqrt(boundary * (1.0 - boundary) / num_perm)
    return jaccard >= boundary - margin


def overlap_coefficients(first: list[np.ndarray], second: list[np.ndarray]) -> np.ndarray:
    """`|A ∩ B| / min(|A|, |B|)` for each pair of sorted, distinct uint32 arrays (0 when one is empty).

    All pairs at once: every element is tagged with its pair's number, both
    sides are sorted together, and an element present in both sets shows up
    as two equal neighbours. No Python set is built, so memory stays at a few
    bytes per element however many pairs are verified.
    """
    sizes = np.array([[len(a), len(b)] for a, b in zip(first, second, strict=True)], dtype=np.int64).reshape(-1, 2)
    shared = np.zeros(len(first), dtype=np.int64)
    start = 0
    while start < len(first):
        end = start + max(1, int(np.searchsorted(np.cumsum(sizes[start:].sum(axis=1)), MAX_OVERLAP_ELEMENTS)))
        shared[start:end] = _shared_counts(first[start:end], second[start:end], sizes[start:end])
        start = end
    smaller = sizes.min(axis=1)
    return np.where(smaller > 0, shared / np.maximum(smaller, 1), 0.0)


def _shared_counts(first: list[np.ndarray], second: list[np.ndarray], sizes: np.ndarray) -> np.ndarray:
    """How many elements each pair of distinct-valued arrays has in common."""
    pair_numbers = np.arange(len(sizes), dtype=np.uint64)
    tagged = np.concatenate(
        [
            (np.repeat(pair_numbers, sizes[:, 0]) << SHIFT_32) | np.concatenate([*first, EMPTY]).astype(np.uint64),
            (np.repeat(pair_numbers, sizes[:, 1]) << SHIFT_32) | np.concatenate([*second, EMPTY]).astype(np.uint64),
        ]
    )
    tagged.sort()
    repeated = tagged[1:][tagged[1:] == tagged[:-1]]
    return np.bincount((repeated >> SHIFT_32).astype(np.int64), minlength=len(sizes))
