"""Gaps: which groups (camps or outlets) covered a story, and which claims some of them carry and others omit.

Why claim sides: what an outlet leaves out is framing as much as how it words what it keeps, and the claims
step already says which articles assert which version of a fact (`ClaimGroup.explanation.sides`). A side
of a claim group carried by some groups that covered the story and by none of the others is a gap, shown
with the spans of the groups that carry it. Copies (syndicated reports) are not a group's own reporting,
as everywhere in framing; a gap says when a group printed the side only in a copy. Only claims at least
two independent sources reported (`corroborated` or `conflicting`) are weighed: a detail only one article
has is that article's own, and listing every one of them would bury the gaps that matter.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from storylens.model import Article, ClaimGroup

WEIGHED_VERDICTS = ("conflicting", "corroborated")


def coverage(groups: dict[str, list[Article]], known: list[str]) -> dict[str, Any]:
    """Who covered the story: articles, outlets and first publication per group; known groups that did not."""
    covered = {
        name: {
            "articles": len(members),
            "outlets": sorted({a.outlet or "" for a in members} - {""}),
            "first_published": min((a.published for a in members if a.published), default=None),
        }
        for name, members in sorted(groups.items())
    }
    return {"groups": covered, "absent": sorted(set(known) - set(groups))}


def claim_gaps(
    claim_groups: list[ClaimGroup],
    group_of_article: dict[str, str],
    group_of_copy: dict[str, str] | None = None,
    max_spans: int = 3,
) -> list[dict[str, Any]]:
    """Claim-group sides carried by some covering groups and not others (see module doc), conflicts first.

    `group_of_article` maps the groups' own articles; `group_of_copy` the copies left out of the groups
    (a syndicated report an outlet republished): a group that carries a side only in such a copy is
    named in `carried_in_copies_by`, so the gap says "not in its own reporting", not "never printed".
    """
    copies = group_of_copy or {}
    present = set(group_of_article.values())
    if len(present) < 2:
        return []
    gaps = []
    for claim_group in claim_groups:
        if claim_group.verdict not in WEIGHED_VERDICTS:
            continue
        for side in claim_group.explanation.sides:
            carriers = {group_of_article[s.article_id] for s in side.spans if s.article_id in group_of_article}
            if not carriers or carriers == present:
                continue
            spans = [s for s in side.spans if s.article_id in group_of_article]
            gaps.append(
                {
                    "claim_group_id": claim_group.id,
                    "verdict": claim_group.verdict,
                    "about": claim_group.text,
                    "value": side.value,
                    "stance": side.stance,
                    "claim_ids": list(side.claim_ids),
                    "carried_by": sorted(carriers),
                    "not_carried_by": sorted(present - carriers),
                    "carried_in_copies_by": sorted(
                        {copies[s.article_id] for s in side.spans if s.article_id in copies} - carriers
                    ),
                    "spans": [
                        {
                            "article_id": s.article_id,
                            "start": s.start,
                            "end": s.end,
                            "text": s.text,
                            "kind": "claim",
                            "group": group_of_article[s.article_id],
                        }
                        for s in _one_per_group(spans, group_of_article)[:max_spans]
                    ],
                }
            )
    return sorted(gaps, key=lambda g: (g["verdict"] != "conflicting", -len(g["carried_by"]), g["claim_group_id"]))


def _one_per_group(spans: list[Any], group_of_article: dict[str, str]) -> list[Any]:
    """The spans ordered so each carrying group shows its evidence before any group shows a second one."""
    rank: dict[str, int] = defaultdict(int)
    ordered = []
    for span in spans:
        group = group_of_article[span.article_id]
        ordered.append((rank[group], span))
        rank[group] += 1
    return [span for _, span in sorted(ordered, key=lambda item: item[0])]
