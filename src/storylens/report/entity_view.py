"""One entity card of the HTML report: names, roles, merge evidence and the articles that mention it."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from storylens.report.formatting import published_key
from storylens.report.html_settings import HtmlReportSettings
from storylens.report.markup import anchor_id, entity_type_class
from storylens.report.report_index import ReportIndex


def entity_view(entity: dict[str, Any], index: ReportIndex, settings: HtmlReportSettings) -> dict[str, Any]:
    """An entity card: names, roles, merge evidence and mentions grouped by article."""
    by_article: dict[str, list[str]] = defaultdict(list)
    for mention in entity.get("mentions") or []:
        by_article[str(mention.get("article_id"))].append(str(mention.get("text") or ""))
    mention_articles = [
        {
            "article": index.articles[a],
            "anchor": anchor_id("article", a),
            "count": len(texts),
            "forms": sorted(set(texts)),
        }
        for a, texts in by_article.items()
        if a in index.articles
    ]
    mention_articles.sort(key=lambda item: (-item["count"], published_key(item["article"])))
    evidence = []
    for item in entity.get("evidence") or []:
        spans = [
            {
                "span": span,
                "article": index.articles.get(str(span.get("article_id"))),
                "anchor": anchor_id("article", span.get("article_id")),
            }
            for span in item.get("spans") or []
        ]
        evidence.append({"data": item, "spans": spans})
    return {
        "data": entity,
        "anchor": anchor_id("entity", entity["id"]),
        "type_class": entity_type_class(entity.get("type")),
        "evidence": evidence,
        "mention_articles": mention_articles[: settings.max_mention_articles],
        "more_mention_articles": max(0, len(mention_articles) - settings.max_mention_articles),
    }
