"""Which outlet an article comes from, by the outlets file's names, aliases and domains.

Input metadata names outlets loosely: "The Velmar Herald", "velmar herald", "VelmarHerald.example", or
nothing at all but a URL. The outlets file (`--outlets`, loaded by `storylens.outlets_file`) lists each
outlet once with its other names (`aliases`) and web `domains`; `OutletDirectory` indexes them, and
`OutletDirectory.match` finds an article's outlet from, in this order:

1. the article's `outlet` field as the input gave it: a name or alias (case and punctuation ignored), or a
   domain written there;
2. the domain of the article's `url` (subdomains match their domain; `www.` is ignored);
3. an outlet named in a byline or dateline of the text, which ingest put in `outlet` when the input had none
   (`metadata["outlet_from"]` says so): last, because a byline can name a wire service the outlet reprints.

The match records which of these it rests on (`OutletMatch.evidence`), so a report can say why an article
was counted for an outlet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from storylens.model import Article

# Where ingest found an outlet it put in `Article.outlet` (`metadata["outlet_from"]`); absent: the input's field.
TEXT_SOURCES = ("byline", "dateline")
DOMAIN_LIKE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[\w-]+\.)+[a-z][\w-]*(?::\d+)?(?:/\S*)?$", re.IGNORECASE)


@dataclass
class OutletProfile:
    """What the user told us about an outlet: camp (political alignment), country, owner, other names,
    web domains and any groupings of their own (`groups`: grouping name -> value, e.g. ownership: public)."""

    name: str
    camp: str | None = None
    country: str | None = None
    language: str | None = None
    owner: str | None = None
    aliases: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    groups: dict[str, str] = field(default_factory=dict)

    def grouping(self, name: str) -> str | None:
        """This outlet's value for a grouping: `camp`, `country`, `owner`, `language` or one of `groups`."""
        if name in ("camp", "country", "owner", "language"):
            value = getattr(self, name)
            return str(value) if value else None
        return self.groups.get(name) or None

    def groupings(self) -> dict[str, str]:
        """Every grouping this outlet has a value for (camp, country, owner and its own groups)."""
        found = {name: self.grouping(name) for name in ("camp", "country", "owner")}
        return {name: value for name, value in {**found, **self.groups}.items() if value}


@dataclass(frozen=True)
class OutletMatch:
    """The outlet an article was matched to, what the match rests on and the value that matched.

    `evidence`: `outlet-name`, `outlet-alias`, `outlet-domain` (the `outlet` field holds a domain),
    `url-domain`, `byline` or `dateline`.
    """

    name: str
    evidence: str
    value: str


def name_key(name: str) -> str:
    """A name as matching sees it: case, accents' composition, punctuation and spacing ignored."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", folded).split())


def normal_domain(value: str) -> str | None:
    """`value` (a domain, or a URL) as a bare lower-case host without `www.` and port; None if it is not one."""
    text = value.strip()
    if not text or not DOMAIN_LIKE.match(text):
        return None
    host = urlsplit(text if "://" in text else "//" + text).hostname or ""
    host = host.rstrip(".").lower()
    if host.startswith("www."):
        host = host[4:]
    return host if "." in host else None


def url_domain(url: str | None) -> str | None:
    """The domain of an article URL (`https://www.a.example/x` -> `a.example`); None without a host."""
    if not url:
        return None
    host = urlsplit(url.strip()).hostname
    return normal_domain(host) if host else None


def domain_suffixes(domain: str) -> list[str]:
    """`news.a.example` -> [`news.a.example`, `a.example`]: a subdomain matches the domain it belongs to."""
    labels = domain.split(".")
    return [".".join(labels[index:]) for index in range(len(labels) - 1)]


@dataclass(frozen=True)
class OutletDirectory:
    """Outlet names, aliases and domains of an outlets file, indexed for matching articles."""

    names: Mapping[str, str]  # name_key of a name -> the outlet's name
    aliases: Mapping[str, str]  # name_key of an alias -> the outlet's name
    domains: Mapping[str, str]  # normal domain -> the outlet's name

    @classmethod
    def build(
        cls, names: Iterable[str], aliases: Mapping[str, str] | None = None, domains: Mapping[str, str] | None = None
    ) -> OutletDirectory:
        """From outlet names, alias -> name and domain -> name (keys normalised here)."""
        by_name = {name_key(n): n for n in names if name_key(n)}
        by_alias = {name_key(a): n for a, n in (aliases or {}).items() if name_key(a) and name_key(a) not in by_name}
        by_domain = {d: n for raw, n in (domains or {}).items() if (d := normal_domain(raw))}
        return cls(by_name, by_alias, by_domain)

    @classmethod
    def of_profiles(cls, profiles: Mapping[str, OutletProfile]) -> OutletDirectory:
        return cls.build(profiles, *directory_maps(profiles.values()))

    def __bool__(self) -> bool:
        return bool(self.names or self.aliases or self.domains)

    def by_name(self, value: str) -> tuple[str, str] | None:
        """(outlet, `name`/`alias`) for a name, or (outlet, `domain`) when the value is a known domain."""
        key = name_key(value)
        if key in self.names:
            return self.names[key], "name"
        if key in self.aliases:
            return self.aliases[key], "alias"
        domain = normal_domain(value)
        outlet = self.by_domain(domain) if domain else None
        return (outlet, "domain") if outlet else None

    def by_domain(self, domain: str) -> str | None:
        return next((self.domains[d] for d in domain_suffixes(domain) if d in self.domains), None)

    def match(self, outlet: str | None, url: str | None, outlet_from: str | None = None) -> OutletMatch | None:
        """The outlet of an article with this `outlet` field, `url` and provenance of the field (see module)."""
        from_text = outlet_from if outlet_from in TEXT_SOURCES else None
        if outlet and not from_text:
            found = self.by_name(outlet)
            if found:
                return OutletMatch(found[0], f"outlet-{found[1]}", outlet)
        domain = url_domain(url)
        if domain:
            named = self.by_domain(domain)
            if named:
                return OutletMatch(named, "url-domain", domain)
        if outlet and from_text:
            found = self.by_name(outlet)
            if found:
                return OutletMatch(found[0], from_text, outlet)
        return None


def directory_maps(profiles: Iterable[OutletProfile]) -> tuple[dict[str, str], dict[str, str]]:
    """(alias -> outlet name, domain -> outlet name) of some profiles."""
    aliases: dict[str, str] = {}
    domains: dict[str, str] = {}
    for profile in profiles:
        aliases.update({alias: profile.name for alias in profile.aliases})
        domains.update({domain: profile.name for domain in profile.domains})
    return aliases, domains


def article_outlet_from(metadata: Mapping[str, object]) -> str | None:
    """Where ingest found the article's outlet (`byline`, `dateline`), None when the input gave it."""
    value = metadata.get("outlet_from")
    return str(value) if value in TEXT_SOURCES else None


def match_article(article: Article, directory: OutletDirectory) -> OutletMatch | None:
    """The outlets-file outlet of an article (see `OutletDirectory.match`); None without a file or a match."""
    if not directory:
        return None
    return directory.match(article.outlet, article.url, article_outlet_from(article.metadata))


def outlet_label(article: Article, match: OutletMatch | None) -> str | None:
    """The name an article's outlet goes by: the matched outlet's, else its `outlet` field, else its URL's domain.

    So an article without outlet metadata still counts for an outlet (its site) in per-outlet results.
    """
    if match is not None:
        return match.name
    return article.outlet or url_domain(article.url)
