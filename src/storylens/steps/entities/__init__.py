"""Who is who: entity mentions in each article, then one entity per actor across the corpus.

`RecognizeEntities` (article step "entities") finds names with the packaged
spaCy NER (English) or a capitalized-span + gazetteer fallback (languages the
model does not cover), strips honorifics and titles while keeping the title as
the mention's role, adds role phrases ("the Japanese prime minister") and
pronouns, and links short forms to the full mention earlier in the article.

`ResolveEntities` (corpus step "resolve-entities") puts every spelling of one
actor under one `Entity`: user aliases and the gazetteer first, then name
order, initials, acronyms, transliteration (a pinyin rendering of a Japanese
name), garbled spellings and, within a story, the same role held by a known
person. Every merge records a `MergeEvidence`; the user's aliases file can add
aliases and veto merges (`never_merge`), which takes effect on the next run
because entities are rebuilt from the mentions each time.

The package follows the step's seams: `settings` (EntitySettings, shared labels),
`spans` (candidate name spans: gazetteer, capitalized runs), `recognition` (the article
step and within-article linking), `aliases` (the user's aliases file), `matching`
(names across scripts and spellings), `clusters` (alias nodes and the merges among them),
`mistranslations` (organization names a translation spelled out) and `resolution` (the corpus step).
"""

from storylens.steps.entities.aliases import UserAliases, UserAliasesError, load_user_aliases
from storylens.steps.entities.clusters import AliasClusters, AliasNode, collect_alias_nodes, story_of
from storylens.steps.entities.mistranslations import add_mentions
from storylens.steps.entities.recognition import (
    RecognizeEntities,
    add_pronouns,
    article_mentions,
    link_role_mentions,
    link_short_names,
    name_mention,
    relabel_from_context,
    root_of,
)
from storylens.steps.entities.resolution import (
    ResolveEntities,
    assign_entity_ids,
    canonical_name,
    defined_acronyms,
    different_people,
    entity_id_for,
)
from storylens.steps.entities.settings import PERSON, PLACE_LABELS, UNKNOWN_LABEL, EntitySettings
from storylens.steps.entities.spans import RawSpan, capitalized_spans, gazetteer_spans, is_law_name, repair_run

__all__ = [
    "PERSON",
    "PLACE_LABELS",
    "UNKNOWN_LABEL",
    "AliasClusters",
    "AliasNode",
    "EntitySettings",
    "RawSpan",
    "RecognizeEntities",
    "ResolveEntities",
    "UserAliases",
    "UserAliasesError",
    "add_mentions",
    "add_pronouns",
    "article_mentions",
    "assign_entity_ids",
    "canonical_name",
    "capitalized_spans",
    "collect_alias_nodes",
    "defined_acronyms",
    "different_people",
    "entity_id_for",
    "gazetteer_spans",
    "is_law_name",
    "link_role_mentions",
    "link_short_names",
    "load_user_aliases",
    "name_mention",
    "relabel_from_context",
    "repair_run",
    "root_of",
    "story_of",
]
