"""What a story is called and shows once it is formed (corpus step "describe-stories"): a representative
title in the story's main language, its date range, languages and outlets, and its key entities."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from storylens.model import Article, Corpus, Story
from storylens.pipeline import Stats
from storylens.steps.copies import publication_order
from storylens.steps.story_keys import name_keys, number_keys


def representative_title(story: Story, articles: list[Article]) -> str:
    """A headline in the story's main language that shares most of the story's top keys; earliest on ties."""
    titled = [a for a in articles if a.title]
    if not titled:
        return articles[0].text[:80].strip() if articles else ""
    languages = Counter(a.language for a in titled)
    main_language = languages.most_common(1)[0][0]
    top_keys = set(story.signature.get("keys", {}))

    def fit(article: Article) -> tuple[int, int, tuple[str, str]]:
        in_language = int(article.language == main_language)
        earliest = publication_order(article)
        return (-in_language, -len(headline_keys(article.title or "") & top_keys), earliest)

    return min(titled, key=fit).title or ""


@lru_cache(maxsize=16384)
def headline_keys(title: str) -> frozenset[str]:
    """Name and number keys of a headline alone (cached: a story's title is chosen again each time it grows)."""
    headline = Article(id="", text="", source="", title=title)
    return frozenset(name_keys(headline) | number_keys(headline))


def describe_story(story: Story, articles: list[Article]) -> None:
    """Title, outlets, languages and date range of a story, from its articles."""
    ordered = sorted(articles, key=publication_order)
    story.article_ids = [a.id for a in ordered]
    story.title = representative_title(story, ordered)
    story.outlets = sorted({a.outlet for a in ordered if a.outlet})
    story.languages = sorted({a.language for a in ordered if a.language})
    dates = sorted(a.published for a in ordered if a.published)
    story.first_published = dates[0] if dates else None
    story.last_published = dates[-1] if dates else None


class DescribeStories:
    """Corpus step "describe-stories" (after entity resolution): labels and key entities.

    `key_entity_ids` are the entities most mentioned across the story's
    articles, counting each article once per entity and copies not at all
    (a syndicated text mentioned ten times is still one source).
    """

    name = "describe-stories"

    def __init__(self, max_entities: int = 8) -> None:
        self.max_entities = max_entities

    def run(self, corpus: Corpus, stats: Stats) -> Corpus:
        for story in corpus.stories.values():
            articles = corpus.articles_of(story)
            describe_story(story, articles)
            story.key_entity_ids = key_entities(articles, self.max_entities)
            stats["stories"] += 1
            stats["key_entities"] += len(story.key_entity_ids)
        return corpus


def key_entities(articles: list[Article], limit: int) -> list[str]:
    """Entity ids by number of independent articles mentioning them, then by id."""
    counts: Counter[str] = Counter()
    for article in articles:
        if article.duplicate_of is None:
            counts.update({m.entity_id for m in article.mentions if m.entity_id})
    return [entity for entity, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]]
