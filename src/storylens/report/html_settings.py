"""How much the HTML report shows: one frozen settings object shared by the report's views and the web pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from storylens.report.charts import ChartSettings


@dataclass(frozen=True)
class HtmlReportSettings:
    """How much the HTML report shows. Limits keep 2,000-article reports small and fast to open."""

    title: str = "storylens report"
    min_story_articles: int = 2  # stories with fewer articles are listed under "Other articles"
    max_mention_articles: int = 30  # per entity: articles listed under "Mentions" before "and N more"
    max_removal_chars: int = 300  # removed text longer than this is shortened in the cleaning list
    max_statement_chars: int = 400  # quote text in the "who said what" table
    max_claim_rows: int = 40  # claim groups (carried by two or more articles) in a story's claim matrix
    max_claim_chars: int = 220  # claim text in the claim matrix
    charts: ChartSettings = field(default_factory=ChartSettings)
