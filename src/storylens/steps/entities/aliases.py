"""The user's aliases file: extra aliases, entity types and vetoed merges."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from storylens.resources import read_yaml


class UserAliasesError(ValueError):
    """The aliases file cannot be read; the message names the file and the reason."""


@dataclass
class UserAliases:
    """Aliases and vetoes from the user's YAML file (format in docs/entities.md).

    aliases: canonical name -> other names of the same actor (merged, rule "user-alias").
    types: canonical name -> entity type, when the user wants to set it.
    never_merge: pairs of names that must never end up in one entity, whatever the rules say.
    """

    aliases: dict[str, list[str]] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    never_merge: list[tuple[str, str]] = field(default_factory=list)


def load_user_aliases(path: Path | str | None) -> UserAliases:
    """Read the user's aliases file; no path means no user aliases."""
    if path is None:
        return UserAliases()
    path = Path(path)
    try:
        data = read_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise UserAliasesError(f"{path}: cannot read aliases file: {error}") from error
    if not isinstance(data, dict):
        raise UserAliasesError(f"{path}: expected a mapping with 'aliases' and/or 'never_merge'")
    aliases = data.get("aliases") or {}
    if not isinstance(aliases, dict) or not all(isinstance(v, list) for v in aliases.values()):
        raise UserAliasesError(f"{path}: 'aliases' must map a canonical name to a list of names")
    pairs = data.get("never_merge") or []
    if not all(isinstance(p, list) and len(p) == 2 for p in pairs):
        raise UserAliasesError(f"{path}: 'never_merge' must be a list of [name, name] pairs")
    return UserAliases(
        aliases={str(k): [str(a) for a in v] for k, v in aliases.items()},
        types={str(k): str(v) for k, v in (data.get("types") or {}).items()},
        never_merge=[(str(a), str(b)) for a, b in pairs],
    )
