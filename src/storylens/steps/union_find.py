"""Disjoint sets: the grouping that copies, quote groups and claim groups share (items linked by pairs fall into
one group, transitively)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

Item = TypeVar("Item", bound=Hashable)


class UnionFind(Generic[Item]):
    """Items joined by `union` into groups; `find` names a group by one of its members (its root).

    Which member is the root follows only the order of the unions (`union(a, b)` puts a's group under b's root),
    so callers that read roots get the same answer however the paths were compressed."""

    def __init__(self, items: Iterable[Item] = ()) -> None:
        self.parent: dict[Item, Item] = {item: item for item in items}

    def find(self, item: Item) -> Item:
        """The root of `item`'s group (an item never seen is a group of its own)."""
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, first: Item, second: Item) -> None:
        self.parent[self.find(first)] = self.find(second)

    def groups(self) -> list[list[Item]]:
        """The groups of two or more items, each in the order the sets first met its items (`union(a, b)` looks up b
        before a)."""
        members: dict[Item, list[Item]] = {}
        for item in self.parent:
            members.setdefault(self.find(item), []).append(item)
        return [group for group in members.values() if len(group) > 1]
