"""Quote groups: choices that must not depend on the process a story ran in."""

from __future__ import annotations

from storylens.steps.quote_groups import most_common_first


def test_a_group_speaker_tie_goes_to_the_entity_quoted_first_whatever_the_hash_seed() -> None:
    assert most_common_first(["ent-b", "ent-a", "ent-a", "ent-b"]) == "ent-b"
    assert most_common_first(["ent-b", "ent-a", "ent-a"]) == "ent-a"
    assert most_common_first([]) is None
