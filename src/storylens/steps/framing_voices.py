"""Voices: who an outlet or camp quotes, how much, and who it mentions but never lets speak.

A quote's speaker is its resolved entity when the speaker step found one, else the speaker
text as written. Whether a voice is official comes from role evidence the entity step kept
on mentions ("Norland foreign minister") or from a speaker that is a state ("Norland said"),
matched against resources/framing/officials.yaml.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from storylens.model import Article, Quote
from storylens.resources import read_yaml

PERSON_OR_ORG = ("PERSON", "ORG")


@dataclass(frozen=True)
class OfficialWords:
    """What makes a voice official (see officials.yaml)."""

    role_words: frozenset[str]
    speaker_labels: frozenset[str]


@lru_cache(maxsize=1)
def load_official_words() -> OfficialWords:
    text = resources.files("storylens.resources").joinpath("framing", "officials.yaml").read_text(encoding="utf-8")
    data = read_yaml(text) or {}
    return OfficialWords(
        frozenset(str(w).lower() for w in data.get("official_role_words") or []),
        frozenset(str(w) for w in data.get("official_speaker_labels") or []),
    )


def is_official_role(role: str | None, words: OfficialWords) -> bool:
    return bool(role) and any(part in words.role_words for part in str(role).lower().replace("-", " ").split())


@dataclass
class Voice:
    """One speaker's share of a group's quotes, with the quotes as evidence."""

    key: str
    name: str
    entity_id: str | None
    quotes: int = 0
    quoted_words: int = 0
    official: bool = False
    role: str | None = None
    examples: list[dict[str, Any]] = field(default_factory=list)


def speaker_key(article: Article, quote: Quote) -> tuple[str, str, str | None] | None:
    """(key, display name, entity id) of a quote's speaker; None when the quote has no speaker."""
    speaker = quote.speaker
    if speaker is None or not speaker.text.strip():
        return None
    entity_id = speaker.entity_id
    if entity_id is None and speaker.mention is not None and 0 <= speaker.mention < len(article.mentions):
        entity_id = article.mentions[speaker.mention].entity_id
    name = " ".join(speaker.text.split())
    return (f"entity:{entity_id}" if entity_id else f"text:{name.lower()}", name, entity_id)


def entity_names(articles: list[Article]) -> dict[str, str]:
    """The most frequent full-name mention text of each entity in these articles (its display name)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for mention in article.mentions:
            if mention.entity_id and mention.kind == "name":
                counts[mention.entity_id][" ".join(mention.text.split())] += 1
    return {eid: max(c.items(), key=lambda item: (item[1], len(item[0])))[0] for eid, c in counts.items()}


def entity_roles(articles: list[Article]) -> dict[str, str]:
    """A role recorded on any mention of each entity in these articles."""
    roles: dict[str, str] = {}
    for article in articles:
        for mention in article.mentions:
            if mention.entity_id and mention.role and mention.entity_id not in roles:
                roles[mention.entity_id] = mention.role
    return roles


def group_voices(
    articles: list[Article],
    names: dict[str, str],
    roles: dict[str, str],
    examples_per_voice: int,
) -> dict[str, Any]:
    """Quotes and quoted words per speaker in `articles`, official share, and mentioned-but-unquoted actors."""
    words = load_official_words()
    voices: dict[str, Voice] = {}
    unattributed = 0
    for article in articles:
        for quote in article.quotes:
            key = speaker_key(article, quote)
            if key is None:
                unattributed += 1
                continue
            voice = voices.get(key[0])
            if voice is None:
                entity_id = key[2]
                role = roles.get(entity_id) if entity_id else None
                label = None
                mention_index = quote.speaker.mention if quote.speaker else None
                if mention_index is not None and 0 <= mention_index < len(article.mentions):
                    label = article.mentions[mention_index].label
                    role = role or article.mentions[mention_index].role
                official = is_official_role(role, words) or (label in words.speaker_labels)
                name = names.get(entity_id, key[1]) if entity_id else key[1]
                voice = voices[key[0]] = Voice(key[0], name, entity_id, official=official, role=role)
            voice.quotes += 1
            voice.quoted_words += len(quote.text.split())
            if len(voice.examples) < examples_per_voice:
                voice.examples.append(
                    {
                        "article_id": article.id,
                        "start": quote.start,
                        "end": quote.end,
                        "text": quote.text,
                        "kind": "quote",
                    }
                )
    total_quotes = sum(v.quotes for v in voices.values())
    total_words = sum(v.quoted_words for v in voices.values())
    ordered = sorted(voices.values(), key=lambda v: (-v.quoted_words, -v.quotes, v.name))
    quoted_entities = {v.entity_id for v in voices.values() if v.entity_id}
    mentioned: dict[str, dict[str, Any]] = {}
    for article in articles:
        for mention in article.mentions:
            eid = mention.entity_id
            if not eid or eid in quoted_entities or mention.label not in PERSON_OR_ORG:
                continue
            entry = mentioned.setdefault(
                eid,
                {
                    "entity_id": eid,
                    "name": names.get(eid, mention.text),
                    "mentions": 0,
                    "example": {
                        "article_id": article.id,
                        "start": mention.start,
                        "end": mention.end,
                        "text": mention.text,
                        "kind": "mention",
                    },
                },
            )
            entry["mentions"] += 1
    official_words = sum(v.quoted_words for v in voices.values() if v.official)
    return {
        "quotes": total_quotes + unattributed,
        "attributed_quotes": total_quotes,
        "unattributed_quotes": unattributed,
        "quoted_words": total_words,
        "official_share": round(official_words / total_words, 4) if total_words else None,
        "speakers": [
            {
                "name": v.name,
                "entity_id": v.entity_id,
                "role": v.role,
                "official": v.official,
                "quotes": v.quotes,
                "quoted_words": v.quoted_words,
                "share": round(v.quoted_words / total_words, 4) if total_words else 0.0,
                "examples": v.examples,
            }
            for v in ordered
        ],
        "mentioned_not_quoted": sorted(mentioned.values(), key=lambda e: (-e["mentions"], e["name"])),
    }
