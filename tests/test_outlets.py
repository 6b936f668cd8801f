"""Matching articles to the outlets of an outlets file: by name or alias, by domain, by byline, in that order.

Outlets and addresses are fictional (the reserved .example TLD).
"""

from __future__ import annotations

from storylens.model import Article
from storylens.outlets import (
    OutletDirectory,
    OutletMatch,
    OutletProfile,
    match_article,
    name_key,
    normal_domain,
    outlet_label,
    url_domain,
)

PROFILES = {
    "Brenna Courier": OutletProfile(
        "Brenna Courier", camp="government", aliases=["The Courier"], domains=["brennacourier.example"]
    ),
    "Tarn Voice": OutletProfile("Tarn Voice", camp="opposition", domains=["tarnvoice.example"]),
}
DIRECTORY = OutletDirectory.of_profiles(PROFILES)


def test_names_compare_without_case_punctuation_or_spacing() -> None:
    assert name_key("  The  Brenna-Courier! ") == name_key("the brenna courier") == "the brenna courier"


def test_domains_are_bare_lower_case_hosts_without_www() -> None:
    assert normal_domain("WWW.BrennaCourier.example") == "brennacourier.example"
    assert normal_domain("https://www.brennacourier.example:8080/news") == "brennacourier.example"
    assert normal_domain("Brenna Courier") is None  # a name, not a domain
    assert normal_domain("localhost") is None
    assert url_domain("https://news.tarnvoice.example/a/1") == "news.tarnvoice.example"
    assert url_domain(None) is None and url_domain("no address") is None


def test_outlet_field_matches_by_name_alias_or_domain_written_there() -> None:
    assert DIRECTORY.match("BRENNA COURIER", None) == OutletMatch("Brenna Courier", "outlet-name", "BRENNA COURIER")
    assert DIRECTORY.match("the courier", None) == OutletMatch("Brenna Courier", "outlet-alias", "the courier")
    assert DIRECTORY.match("tarnvoice.example", None) == OutletMatch("Tarn Voice", "outlet-domain", "tarnvoice.example")


def test_url_domain_matches_with_subdomains_when_the_outlet_field_does_not() -> None:
    match = DIRECTORY.match("Courier Online Desk", "https://www.live.brennacourier.example/story/7")
    assert match == OutletMatch("Brenna Courier", "url-domain", "live.brennacourier.example")
    assert DIRECTORY.match(None, "https://notbrennacourier.example/x") is None  # a suffix of the name is not enough


def test_a_byline_outlet_counts_after_the_url() -> None:
    # ingest read "Tarn Voice" from a byline (a reprint), but the page is on the Courier's site
    assert DIRECTORY.match("Tarn Voice", "https://brennacourier.example/r", "byline").evidence == "url-domain"
    assert DIRECTORY.match("Tarn Voice", None, "byline") == OutletMatch("Tarn Voice", "byline", "Tarn Voice")
    assert DIRECTORY.match("Tarn Voice", None, "dateline").evidence == "dateline"


def test_article_without_outlet_metadata_is_labelled_by_its_match_or_its_site() -> None:
    matched = Article(id="a1", text="x", source="t", url="https://tarnvoice.example/1")
    unknown = Article(id="a2", text="x", source="t", url="https://www.lune-fm.example/2")
    assert outlet_label(matched, match_article(matched, DIRECTORY)) == "Tarn Voice"
    assert match_article(unknown, DIRECTORY) is None
    assert outlet_label(unknown, None) == "lune-fm.example"
    assert match_article(matched, OutletDirectory.of_profiles({})) is None  # no outlets file: no match


def test_profile_groupings_include_camp_country_owner_and_its_own_groups() -> None:
    profile = OutletProfile("Lune FM", camp="wire", owner="Lune Group", groups={"region": "north"})
    assert profile.groupings() == {"camp": "wire", "owner": "Lune Group", "region": "north"}
    assert profile.grouping("region") == "north" and profile.grouping("country") is None
