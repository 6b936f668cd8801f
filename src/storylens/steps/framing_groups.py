"""Which outlet and which groups (camp, owner, the user's own groupings) a story's article belongs to.

The framing step compares groups of articles. An article's outlet is the outlets file's outlet it matches
(`storylens.outlets`: by its `outlet` field and the file's aliases, by its URL's domain, or by a byline or
dateline), else its `outlet` field, else its URL's domain: so articles without outlet metadata still get
per-outlet results. Its value for a grouping is the article's own metadata of that name (a reader's `camp`
column) or else its outlet's value in the outlets file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from storylens.model import Article
from storylens.outlets import OutletDirectory, match_article, outlet_label

UNKNOWN_OUTLET = "(unknown outlet)"


@dataclass
class ArticleGroups:
    """Outlet and grouping values of articles, from the outlets-file data the run put in the framing settings."""

    camps: Mapping[str, str] = field(default_factory=dict)  # outlet name -> camp
    outlet_groups: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # outlet -> grouping -> value
    aliases: Mapping[str, str] = field(default_factory=dict)  # other name -> outlet name
    domains: Mapping[str, str] = field(default_factory=dict)  # domain -> outlet name

    def __post_init__(self) -> None:
        self.directory = OutletDirectory.build([*self.camps, *self.outlet_groups], self.aliases, self.domains)

    def outlet(self, article: Article) -> str:
        """The name the article's outlet goes by in framing results (see module doc)."""
        return outlet_label(article, match_article(article, self.directory)) or UNKNOWN_OUTLET

    def value(self, article: Article, grouping: str) -> str | None:
        """The article's group in `grouping` (`camp`, `owner`, `region`, ...), None when not known."""
        own = article.metadata.get(grouping)
        if isinstance(own, str | int) and not isinstance(own, bool) and str(own).strip():
            return str(own).strip()
        outlet = self.outlet(article)
        if grouping == "camp" and self.camps.get(outlet):
            return self.camps[outlet]
        return (self.outlet_groups.get(outlet) or {}).get(grouping) or None

    def known_values(self, grouping: str) -> list[str]:
        """Every value of a grouping in the outlets file (to tell which groups did not cover a story)."""
        values = {groups[grouping] for groups in self.outlet_groups.values() if groups.get(grouping)}
        if grouping == "camp":
            values |= {camp for camp in self.camps.values() if camp}
        return sorted(values)
