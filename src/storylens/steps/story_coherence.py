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
    eigendecomposition (n^3) and n cuts of n^2: cheap for bounded n. Ties go
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
    best: Cut | None = None
    for cut_at in range(min_part, size - min_part + 1):
        first, second = sorted(order[:cut_at].tolist()), sorted(order[cut_at:].tolist())
        cross = float(similarity[np.ix_(first, second)].mean())
        within = min(mean_pair_similarity(similarity, first), mean_pair_similarity(similarity, second))
        cut = Cut(first, second, cross, within)
        if best is None or cut.ratio < best.ratio:
            best = cut
    return best


def mean_pair_similarity(similarity: np.ndarray, group: list[int]) -> float:
    """Mean similarity over the distinct pairs of a group (1.0 for a single member: nothing disagrees)."""
    if len(group) < 2:
        return 1.0
    block = similarity[np.ix_(group, group)]
    return float((block.sum() - np.trace(block)) / (len(group) * (len(group) - 1)))


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
