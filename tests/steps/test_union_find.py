"""Disjoint sets, as copies, quote groups and claim groups use them."""

from __future__ import annotations

from storylens.steps.union_find import UnionFind


def test_pairs_join_transitively_and_roots_follow_the_unions():
    links: UnionFind[str] = UnionFind()
    links.union("a", "b")
    links.union("c", "d")
    links.union("b", "c")
    assert links.find("a") == links.find("d") == "d"  # each union puts the first group under the second's root
    assert links.find("e") == "e"  # never seen: a group of its own
    assert links.groups() == [["b", "a", "d", "c"]]  # groups of two or more, as met (a union looks up b first)


def test_preset_items_by_index():
    union = UnionFind(range(4))
    union.union(0, 2)
    assert [union.find(index) for index in range(4)] == [2, 1, 2, 3]
    assert union.groups() == [[0, 2]]
