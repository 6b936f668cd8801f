"""describe-stories: a story's title, outlets, languages, dates and key entities."""

from __future__ import annotations

from story_fixtures import VELMORA_EN, VELMORA_ES, cluster, fresh

from storylens.model import Mention
from storylens.pipeline import Stats
from storylens.steps.story_descriptions import DescribeStories


def test_describe_stories_ranks_key_entities_by_independent_articles() -> None:
    english, spanish = fresh(VELMORA_EN, VELMORA_ES)
    corpus = cluster(english, spanish)
    english.mentions = [
        Mention(english.id, 0, 0, "", "PERSON", entity_id="brandtveit"),
        Mention(english.id, 0, 0, "", "GPE", entity_id="velmora"),
    ]
    spanish.mentions = [Mention(spanish.id, 0, 0, "", "GPE", entity_id="velmora")]
    DescribeStories().run(corpus, Stats())
    assert corpus.stories[english.story_id].key_entity_ids == ["velmora", "brandtveit"]
