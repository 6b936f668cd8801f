"""Read the outlets file (`--outlets`): YAML or CSV, checked before any work.

YAML::

    outlets:
      - name: Brenna Courier
        camp: government
        country: Norland
        owner: Brenna Media Group
        aliases: [The Courier, Brenna Daily Courier]
        domains: [brennacourier.example]
        groups: {ownership: private, region: north}

CSV: a header row with a `name` column; `camp`, `country`, `language`, `owner`, `url` as above; `aliases` and
`domains` hold `;`-separated lists; every other column is a grouping of the user's own (the column name is the
grouping, the cell its value). An outlet's `url` (its home page) also gives it the URL's domain.

Every problem is a `SettingsError` naming the file, the entry (`outlets[2] 'Brenna Courier'` and its line) and
what is wrong: an unknown key, a wrong type, a missing name, a malformed domain, or a name, alias or domain
that two outlets claim.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from storylens.config import read_settings_text, read_yaml
from storylens.errors import SettingsError
from storylens.outlets import OutletProfile, name_key, normal_domain

TEXT_KEYS = ("name", "camp", "country", "language", "owner", "url")
LIST_KEYS = ("aliases", "domains")
YAML_KEYS = (*TEXT_KEYS, *LIST_KEYS, "groups")
RESERVED_GROUPINGS = frozenset({*YAML_KEYS, "outlet"})  # a grouping may not be named like a field


@dataclass(frozen=True)
class Entry:
    """One outlet entry as read, with where it is, for error messages."""

    values: dict[str, Any]
    label: str  # "outlets[2]" (YAML) or "" (CSV)
    line: int | None

    def where(self, name: str | None = None) -> str:
        """`outlets[2] (line 14, 'Brenna Courier')`, `line 3 ('Brenna Courier')`: the entry in a message."""
        if not self.label:  # a CSV row: its line is its label
            return f"line {self.line}" + (f" ({name!r})" if name else "")
        details = ([f"line {self.line}"] if self.line else []) + ([repr(name)] if name else [])
        return self.label + (f" ({', '.join(details)})" if details else "")


def load_outlets_file(path: Path) -> dict[str, OutletProfile]:
    """Outlet name -> profile, from a YAML or CSV outlets file (by extension; `.csv`/`.tsv` are CSV)."""
    entries = _csv_entries(path) if path.suffix.lower() in (".csv", ".tsv") else _yaml_entries(path)
    profiles: dict[str, OutletProfile] = {}
    claimed: dict[str, tuple[str, str]] = {}  # name_key or domain -> (outlet, entry where)
    for entry in entries:
        profile = _profile(entry, path)
        _claim(path, entry, profile, claimed)
        profiles[profile.name] = profile
    return profiles


def _yaml_entries(path: Path) -> list[Entry]:
    data = read_yaml(path, "outlets")
    if data is None:
        return []
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: expected a mapping with an 'outlets' list, got {type(data).__name__}")
    unknown = sorted(str(key) for key in data if key != "outlets")
    if unknown:
        raise SettingsError(f"{path}: unknown key {unknown[0]!r} (the only key is 'outlets', a list of outlets)")
    items = data.get("outlets") or []
    if not isinstance(items, list):
        raise SettingsError(f"{path}: outlets: expected a list of outlets, got {type(items).__name__}")
    lines = _entry_lines(path)
    entries = []
    for index, item in enumerate(items):
        where = Entry({}, f"outlets[{index}]", lines[index] if index < len(lines) else None).where()
        if not isinstance(item, dict):
            raise SettingsError(
                f"{path}: {where}: expected a mapping with name, camp, country, aliases, domains, got {item!r}"
            )
        unknown = sorted(str(key) for key in item if key not in YAML_KEYS)
        if unknown:
            raise SettingsError(
                f"{path}: {where}: unknown key {unknown[0]!r} (known: {', '.join(YAML_KEYS)}; "
                "put groupings of your own under 'groups')"
            )
        entries.append(Entry(dict(item), f"outlets[{index}]", lines[index] if index < len(lines) else None))
    return entries


def _entry_lines(path: Path) -> list[int]:
    """The line each entry of the `outlets` list starts on (1-based), for messages; [] when unknown."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if getattr(key, "value", None) == "outlets" and isinstance(value, yaml.SequenceNode):
            return [node.start_mark.line + 1 for node in value.value]
    return []


def _csv_entries(path: Path) -> list[Entry]:
    text = read_settings_text(path, "outlets", encoding="utf-8-sig")
    rows = _csv_rows(path, text)
    header = next(rows, None)
    if header is None:
        return []
    columns = [column.strip() for column in header[1]]
    if "name" not in columns:
        raise SettingsError(f"{path}: line 1: the header has no 'name' column (columns: {', '.join(columns)})")
    if "groups" in columns:
        raise SettingsError(f"{path}: line 1: no 'groups' column in CSV: every other column is a grouping of its own")
    blank = [index + 1 for index, column in enumerate(columns) if not column]
    if blank:
        raise SettingsError(f"{path}: line 1: column {blank[0]} has no name in the header")
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise SettingsError(f"{path}: line 1: column {duplicated[0]!r} appears twice in the header")
    entries = []
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(columns):
            raise SettingsError(f"{path}: line {line}: {len(cells)} cells but the header has {len(columns)} columns")
        values: dict[str, Any] = {}
        groups: dict[str, str] = {}
        for column, cell in zip(columns, cells, strict=False):
            cell = cell.strip()
            if not cell:
                continue
            if column in LIST_KEYS:
                values[column] = [part.strip() for part in cell.split(";") if part.strip()]
            elif column in TEXT_KEYS:
                values[column] = cell
            else:
                groups[column] = cell
        values["groups"] = groups
        entries.append(Entry(values, "", line))
    return entries


def _csv_rows(path: Path, text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) per CSV row; tab-separated when the header has tabs and no commas."""
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        line = 1
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error as error:
        raise SettingsError(f"{path}: line {reader.line_num}: not valid CSV: {error}") from error


def _profile(entry: Entry, path: Path) -> OutletProfile:
    values, where = entry.values, f"{path}: {entry.where()}"
    name = values.get("name")
    if isinstance(name, int | float) and not isinstance(name, bool):
        name = str(name)  # an outlet called 1848 is still a name
    if not isinstance(name, str) or not name.strip():
        raise SettingsError(f"{where}: every outlet needs a name" + ("" if name is None else f", got {name!r}"))
    where = f"{path}: {entry.where(name.strip())}"
    text = {key: _text(values.get(key), f"{where}: {key}") for key in TEXT_KEYS if key != "name"}
    aliases = _text_list(values.get("aliases"), f"{where}: aliases")
    domains = []
    for raw in _text_list(values.get("domains"), f"{where}: domains"):
        domain = normal_domain(raw)
        if domain is None:
            raise SettingsError(f"{where}: domains: {raw!r} is not a domain (write it like example-news.com)")
        domains.append(domain)
    url = text.pop("url")
    if url:
        domain = normal_domain(url)
        if domain is None:
            raise SettingsError(f"{where}: url: {url!r} is not a web address (write it like https://example-news.com)")
        domains.append(domain)
    return OutletProfile(
        name=name.strip(),
        aliases=aliases,
        domains=list(dict.fromkeys(domains)),
        groups=_groups(values.get("groups"), f"{where}: groups"),
        **text,
    )


def _text(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise SettingsError(f"{where}: expected text, got {value!r} ({type(value).__name__})")
    return str(value).strip() or None


def _text_list(value: Any, where: str) -> list[str]:
    """A list of text; one text is a list of its `;`-separated parts."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    if not isinstance(value, list):
        raise SettingsError(f"{where}: expected a list of text, got {value!r} ({type(value).__name__})")
    items = [_text(item, f"{where}[{index}]") for index, item in enumerate(value)]
    return [item for item in items if item]


def _groups(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SettingsError(f"{where}: expected a mapping of grouping -> value (region: north), got {value!r}")
    groups = {}
    for key, item in value.items():
        if str(key) in RESERVED_GROUPINGS:
            raise SettingsError(f"{where}: {key!r} is an outlet field, not a grouping: give it as '{key}:' itself")
        text = _text(item, f"{where}.{key}")
        if text:
            groups[str(key)] = text
    return groups


def _claim(path: Path, entry: Entry, profile: OutletProfile, claimed: dict[str, tuple[str, str]]) -> None:
    """Register the profile's name, aliases and domains; two outlets claiming one of them is an error."""
    keys = [("name", profile.name, "n:" + name_key(profile.name))]
    keys += [("alias", alias, "n:" + name_key(alias)) for alias in profile.aliases]
    keys += [("domain", domain, "d:" + domain) for domain in profile.domains]
    for what, text, key in keys:
        owner = claimed.get(key)
        if owner and owner[0] != profile.name:
            raise SettingsError(
                f"{path}: {entry.where(profile.name)}: {what} {text!r} is already used by {owner[0]!r} "
                f"({owner[1]}): an article could not tell them apart"
            )
        if owner and what == "name":
            raise SettingsError(f"{path}: {entry.where(profile.name)}: this outlet is listed twice ({owner[1]} too)")
        claimed[key] = (profile.name, entry.where())
