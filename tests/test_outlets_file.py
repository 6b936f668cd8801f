"""The outlets file in YAML and CSV: every field read, every mistake named with its file, entry and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.errors import SettingsError
from storylens.outlets_file import load_outlets_file

YAML = """\
outlets:
  - name: Brenna Courier
    camp: government
    country: Norland
    owner: Brenna Media Group
    url: https://www.brennacourier.example
    aliases: [The Courier, Brenna Daily Courier]
    domains: [courier-brenna.example]
    groups: {ownership: private, region: north}
  - name: 1848
    aliases: Eighteen Forty-Eight; The 1848
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_entry_with_every_field(tmp_path: Path) -> None:
    profiles = load_outlets_file(write(tmp_path, "outlets.yaml", YAML))
    courier = profiles["Brenna Courier"]
    assert (courier.camp, courier.country, courier.owner) == ("government", "Norland", "Brenna Media Group")
    assert courier.aliases == ["The Courier", "Brenna Daily Courier"]
    assert courier.domains == ["courier-brenna.example", "brennacourier.example"]  # the url's domain too
    assert courier.groups == {"ownership": "private", "region": "north"}
    assert profiles["1848"].aliases == ["Eighteen Forty-Eight", "The 1848"]  # a number is a name; ; splits


def test_csv_with_lists_and_groupings_of_its_own(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "outlets.csv",
        "name,camp,aliases,domains,region,ownership\n"
        "Brenna Courier,government,The Courier;Courier,brennacourier.example;www.courier.example,north,private\n"
        "\n"
        'Tarn Voice,opposition,,tarnvoice.example,"south, coast",\n',
    )
    profiles = load_outlets_file(path)
    assert profiles["Brenna Courier"].domains == ["brennacourier.example", "courier.example"]
    assert profiles["Brenna Courier"].aliases == ["The Courier", "Courier"]
    assert profiles["Brenna Courier"].groups == {"region": "north", "ownership": "private"}
    assert profiles["Tarn Voice"].groups == {"region": "south, coast"}  # an empty cell is no value
    assert profiles["Tarn Voice"].aliases == []


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "o.yaml",
            "outlets:\n  - name: A\n  - name: B\n    domains: [b courier]\n",
            "o.yaml: outlets[1] (line 3, 'B'): domains: 'b courier' is not a domain",
        ),
        (
            "o.yaml",
            "outlets:\n  - name: A\n    aliases: [Shared]\n  - name: B\n    aliases: [shared!]\n",
            "o.yaml: outlets[1] (line 4, 'B'): alias 'shared!' is already used by 'A' (outlets[0] (line 2))",
        ),
        ("o.yaml", "outlets:\n  - name: A\n  - name: a\n", "outlets[1] (line 3, 'a'): name 'a' is already used"),
        ("o.yaml", "outlets:\n  - name: A\n  - name: A\n", "outlets[1] (line 3, 'A'): this outlet is listed twice"),
        ("o.yaml", "outlets:\n  - name: A\n    groups: {camp: x}\n", "'camp' is an outlet field, not a grouping"),
        ("o.yaml", "outlets:\n  - name: A\n    groups: [north]\n", "groups: expected a mapping of grouping"),
        ("o.yaml", "outlets:\n  - name: A\n    url: not a site\n", "url: 'not a site' is not a web address"),
        ("o.csv", "title,camp\nA,left\n", "o.csv: line 1: the header has no 'name' column"),
        ("o.csv", "name,camp\nA,left\n,right\n", "o.csv: line 3: every outlet needs a name"),
        ("o.csv", "name,camp\nA,left,extra\n", "o.csv: line 2: 3 cells but the header has 2 columns"),
        ("o.csv", "name,camp,camp\nA,left,right\n", "o.csv: line 1: column 'camp' appears twice"),
        ("o.csv", "name,domains\nA,a.example\nB,www.a.example\n", "line 3 ('B'): domain 'a.example' is already used"),
    ],
)
def test_mistakes_name_the_file_the_entry_and_its_line(tmp_path: Path, name: str, text: str, message: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_outlets_file(write(tmp_path, name, text))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("name", ["o.csv", "o.yaml"])
def test_an_outlets_file_that_is_not_utf8_says_so_in_one_line(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes("name\nCaf\u00e9 Zeitung\n".encode("latin-1"))
    with pytest.raises(SettingsError) as caught:
        load_outlets_file(path)
    assert str(caught.value) == f"{path}: outlets file is not UTF-8 text (byte 8): save it as UTF-8"
