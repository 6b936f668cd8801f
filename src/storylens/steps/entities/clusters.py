"""What resolution merges: one `AliasNode` per folded full name across the corpus, and the `AliasClusters`
(a union-find over the nodes, with vetoes) that record every merge with its evidence."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from storylens.model import Article, Mention, MergeEvidence, Span
from storylens.pipeline import Stats
from storylens.steps.entities.aliases import UserAliases
from storylens.steps.entities.recognition import root_of
from storylens.steps.entities.settings import PERSON, UNKNOWN_LABEL
from storylens.steps.names import fold


@dataclass
class AliasNode:
    """Everything seen under one folded name: its spellings, labels, roles, stories and a few spans."""

    key: str
    surfaces: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    stories: set[str] = field(default_factory=set)
    story_roles: set[tuple[str, str]] = field(default_factory=set)
    languages: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    spans: list[Span] = field(default_factory=list)
    mention_count: int = 0

    @property
    def surface(self) -> str:
        """The most frequent spelling."""
        return self.surfaces.most_common(1)[0][0] if self.surfaces else self.key

    @property
    def label(self) -> str:
        """Majority label, a specific one preferred over MISC."""
        specific = Counter({k: v for k, v in self.labels.items() if k != UNKNOWN_LABEL})
        if specific:
            return specific.most_common(1)[0][0]
        return UNKNOWN_LABEL

    @property
    def is_person(self) -> bool:
        """Labelled a person often enough, or holding a role (small NER models mislabel people as ORG or GPE)."""
        return self.label == PERSON or bool(self.roles) or 3 * self.labels[PERSON] >= self.mention_count

    def add(self, mention: Mention, story: str, language: str | None = None) -> None:
        self.surfaces[mention.text] += 1
        self.languages.add(language or "")
        self.articles.add(mention.article_id)
        self.labels[mention.label] += 1
        self.stories.add(story)
        if mention.role:
            self.roles[mention.role] += 1
            self.story_roles.add((story, mention.role))
        if len(self.spans) < 3:
            self.spans.append(Span(mention.article_id, mention.start, mention.end, mention.text))
        self.mention_count += 1


class AliasClusters:
    """Union-find over alias nodes that refuses vetoed merges and keeps the evidence of each merge."""

    def __init__(self, keys: Iterable[str], vetoes: dict[str, set[str]], stats: Stats) -> None:
        self.parent = {key: key for key in keys}
        self.members = {key: {key} for key in self.parent}
        self.evidence: dict[str, list[MergeEvidence]] = {key: [] for key in self.parent}
        self.vetoes = vetoes
        self.stats = stats

    def add(self, key: str) -> None:
        if key not in self.parent:
            self.parent[key] = key
            self.members[key] = {key}
            self.evidence[key] = []

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def vetoed(self, root_a: str, root_b: str) -> bool:
        small, large = sorted((self.members[root_a], self.members[root_b]), key=len)
        return any(self.vetoes.get(key, set()) & large for key in small)

    def merge(self, key_a: str, key_b: str, evidence: MergeEvidence) -> bool:
        root_a, root_b = self.find(key_a), self.find(key_b)
        if root_a == root_b:
            return False
        if self.vetoed(root_a, root_b):
            self.stats["merges_vetoed"] += 1
            return False
        if len(self.members[root_a]) < len(self.members[root_b]):
            root_a, root_b = root_b, root_a
        self.parent[root_b] = root_a
        self.members[root_a] |= self.members.pop(root_b)
        self.evidence[root_a] += [*self.evidence.pop(root_b), evidence]
        self.stats["merges"] += 1
        self.stats[f"merges_{evidence.rule}"] += 1
        return True

    def roots(self) -> list[str]:
        return sorted(self.members)


def story_of(article: Article) -> str:
    """The story an article belongs to; an unclustered article is a story of its own."""
    return article.story_id or f"article:{article.id}"


def collect_alias_nodes(articles: list[Article]) -> dict[str, AliasNode]:
    """One node per folded full name; short forms linked within their article add their spelling to its node."""
    nodes: dict[str, AliasNode] = {}
    for article in articles:
        story = story_of(article)
        for mention in article.mentions:
            if mention.kind == "name" and mention.antecedent is None:
                key = fold(mention.text) or mention.text
                nodes.setdefault(key, AliasNode(key)).add(mention, story, article.language)
        for index, mention in enumerate(article.mentions):
            if mention.kind == "name" and mention.antecedent is not None:
                root = article.mentions[root_of(article.mentions, index)]
                node = nodes.get(fold(root.text) or root.text)
                if node is not None:
                    node.surfaces[mention.text] += 1
    return nodes


def vetoes_from(user: UserAliases) -> dict[str, set[str]]:
    vetoes: dict[str, set[str]] = defaultdict(set)
    for name_a, name_b in user.never_merge:
        vetoes[fold(name_a)].add(fold(name_b))
        vetoes[fold(name_b)].add(fold(name_a))
    return vetoes


def _evidence(rule: str, nodes: list[AliasNode], detail: str = "") -> MergeEvidence:
    return MergeEvidence(
        rule=rule,
        aliases=[node.surface for node in nodes],
        detail=detail,
        spans=[span for node in nodes for span in node.spans[:1]],
    )
