"""Story coherence: split a story whose members form two groups that do not belong together.

Online placing commits each article once, in input order. Two events of one
kind (a team's two coaches fired years apart, a browser's two emergency
patches) read alike and share their company, team or place, so one event's
report can join the other event's story, and from then on the story's
profile is a blend that takes reports of both: one bridging article chains
two events. Clustering that compares every member with every other does not
chain this way. So, after placing, a story of a few articles is cut in two
where its members' own similarities (words and keys, see
`ClusterStories._split_incoherent`) say it falls apart most clearly, and
split when the mean similarity across the cut is far below the similarity
within each side: a story should be one coherent set.

The cut is the best *sweep cut* of the similarity graph's Fiedler vector
(spectral bisection, normalized Laplacian): it proposes groups of any size.
The top split of average linkage, tried first, almost always cut off a
single outlying member (an opinion piece, a short follow-up) and not the
two events.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Cut:
    """Two groups of a story's members and how alike they are."""

    first: list[int]  # member positions
    second: list[int]
    cross: float  # mean similarity of the pairs across the groups
    within: float  # the lower of the two groups' mean similarity of their own pairs

    @property
    def ratio(self) -> float:
        """Cross over within similarity: low when the story falls apart into the two groups."""
        return self.cross / self.within if self.within > 0 else 1.0


def weakest_cut(similarity: np.ndarray, min_part: int) -> Cut | None:
    """The cut of `similarity` (symmetric, n x n) with the lowest cross/within ratio along its Fiedler vector.

    Members are ordered by the second eigenvector of the normalized Laplacian
    of the (non-negative) similarity graph, and every prefix of at least
    `min_part` members (leaving at least `min_part`) is a candidate group.
    None when the story is too small for two such groups. Cost: one
    eigendecomposition (n^3) and n cuts read off one prefix-sum matrix
    (n^2): cheap for bounded n. Ties go
    to the earliest cut; the order is a stable sort, so the result is
    deterministic.
    """
    size = similarity.shape[0]
    if size < 2 * min_part or min_part < 1:
        return None
    weights = np.clip(similarity, 0.0, None)
    np.fill_diagonal(weights, 0.0)
    degree = weights.sum(axis=1)
    degree[degree <= 0] = 1e-9
    scale = 1.0 / np.sqrt(degree)
    laplacian = np.eye(size) - weights * np.outer(scale, scale)
    _, vectors = np.linalg.eigh(laplacian)
    order = np.argsort(np.round(vectors[:, 1] * scale, 9), kind="stable")
    ordered = similarity[np.ix_(order, order)].astype(np.float64)
    np.fill_diagonal(ordered, 0.0)
    prefix = ordered.cumsum(axis=0).cumsum(axis=1)  # prefix[k - 1, k - 1]: the first k members' pairs
    total = prefix[-1, -1]
    best_at, best_ratio = 0, math.inf
    for cut_at in range(min_part, size - min_part + 1):
        first_pairs = prefix[cut_at - 1, cut_at - 1]
        cross_sum = prefix[cut_at - 1, -1] - first_pairs
        second_pairs = total - first_pairs - 2.0 * cross_sum
        rest = size - cut_at
        within = min(pair_mean(first_pairs, cut_at), pair_mean(second_pairs, rest))
        ratio = (cross_sum / (cut_at * rest)) / within if within > 0 else 1.0
        if ratio < best_ratio - 1e-12:
            best_at, best_ratio = cut_at, ratio
    first, second = sorted(order[:best_at].tolist()), sorted(order[best_at:].tolist())
    cross = float(similarity[np.ix_(first, second)].mean())
    within = min(mean_pair_similarity(similarity, first), mean_pair_similarity(similarity, second))
    return Cut(first, second, cross, within)


def pair_mean(pair_sum: float, members: int) -> float:
    """Mean over the distinct pairs of `members` whose (both-way) similarity sum is `pair_sum`; 1.0 for one."""
    return 1.0 if members < 2 else float(pair_sum) / (members * (members - 1))


def mean_pair_similarity(similarity: np.ndarray, group: list[int]) -> float:
    """Mean similarity over the distinct pairs of a group (1.0 for a single member: nothing disagrees)."""
    block = similarity[np.ix_(group, group)]
    return pair_mean(block.sum() - np.trace(block), len(group))


def cosine_matrix(vectors: list[dict[str, float]]) -> np.ndarray:
    """Pairwise dot products of sparse unit vectors (term -> value), as a dense n x n matrix."""
    vocabulary: dict[str, int] = {}
    for vector in vectors:
        for term in vector:
            vocabulary.setdefault(term, len(vocabulary))
    dense = np.zeros((len(vectors), max(len(vocabulary), 1)))
    for row, vector in enumerate(vectors):
        for term, value in vector.items():
            dense[row, vocabulary[term]] = value
    return dense @ dense.T
