from __future__ import annotations

import numpy as np

from storylens.steps.story_coherence import cosine_matrix, mean_pair_similarity, weakest_cut


def two_blocks(first: int, second: int, within: float, across: float) -> np.ndarray:
    size = first + second
    similarity = np.full((size, size), across)
    similarity[:first, :first] = within
    similarity[first:, first:] = within
    np.fill_diagonal(similarity, 1.0)
    return similarity


def test_weakest_cut_separates_two_groups_that_are_alike_within_and_apart_across() -> None:
    similarity = two_blocks(4, 3, within=0.6, across=0.1)
    cut = weakest_cut(similarity, min_part=3)
    assert cut is not None
    assert sorted((cut.first, cut.second)) == [[0, 1, 2, 3], [4, 5, 6]]
    assert abs(cut.cross - 0.1) < 1e-9 and abs(cut.within - 0.6) < 1e-9
    assert cut.ratio < 0.2


def test_weakest_cut_of_one_coherent_group_is_not_far_apart() -> None:
    cut = weakest_cut(two_blocks(3, 3, within=0.5, across=0.5), min_part=3)
    assert cut is not None and cut.ratio == 1.0


def test_weakest_cut_never_splits_off_fewer_than_min_part_members() -> None:
    similarity = two_blocks(5, 1, within=0.6, across=0.05)  # one outlier: not a group
    cut = weakest_cut(similarity, min_part=2)
    assert cut is not None and min(len(cut.first), len(cut.second)) >= 2
    assert weakest_cut(similarity, min_part=4) is None  # too small for two groups of 4


def test_weakest_cut_is_deterministic() -> None:
    similarity = two_blocks(3, 4, within=0.4, across=0.2)
    assert weakest_cut(similarity, 3) == weakest_cut(similarity.copy(), 3)


def test_mean_pair_similarity_ignores_the_diagonal() -> None:
    similarity = two_blocks(3, 3, within=0.3, across=0.0)
    assert abs(mean_pair_similarity(similarity, [0, 1, 2]) - 0.3) < 1e-9
    assert mean_pair_similarity(similarity, [4]) == 1.0


def test_cosine_matrix_of_sparse_unit_vectors() -> None:
    matrix = cosine_matrix([{"quake": 1.0}, {"quake": 0.6, "mayor": 0.8}, {"ferry": 1.0}])
    assert np.allclose(matrix, [[1.0, 0.6, 0.0], [0.6, 1.0, 0.0], [0.0, 0.0, 1.0]])
