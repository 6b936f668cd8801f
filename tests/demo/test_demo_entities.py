"""Demo acceptance for entities (issue #6): alias groups match the gold annotation.

Scored with `storylens.evaluation`, the same scorer as `storylens score`: each
gold alias is placed in the report entity whose mention overlaps its
occurrences most, then pairs of aliases are compared with the gold groups.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import storylens.demo
from storylens.evaluation import distinct_entities_kept_apart, score_entities

GOLD = json.loads((Path(storylens.demo.__file__).parent / "gold.json").read_text(encoding="utf-8"))


def test_demo_entity_alias_groups_match_gold(demo_report: dict[str, Any]) -> None:
    score, missing = score_entities(demo_report, GOLD)
    assert score.precision >= 0.95, (score, missing)
    assert score.recall >= 0.9, (score, missing)


def test_demo_people_sharing_a_surname_and_other_distinct_pairs_stay_apart(demo_report: dict[str, Any]) -> None:
    assert GOLD["distinct_entities"], "the gold annotation names pairs that must stay apart"
    assert distinct_entities_kept_apart(demo_report, GOLD) == []


def test_demo_countries_named_by_roles_are_places(demo_report: dict[str, Any]) -> None:
    """ "Norland's foreign minister": Norland is a country, whatever the small NER model labelled it."""
    types = {entity["name"]: entity["type"] for entity in demo_report["entities"]}
    gold_places = [entity["name"] for entity in GOLD["entities"] if entity["type"] == "GPE"]
    role_countries = [
        name
        for name in gold_places
        if name in types
        and any(role.startswith(name + " ") for entity in demo_report["entities"] for role in entity.get("roles", []))
    ]
    assert role_countries, "some gold country holds a role in the demo"
    assert all(types[name] == "GPE" for name in role_countries), {name: types[name] for name in role_countries}
