"""The JSON report: storylens' public output contract.

`build_report` turns a `Corpus` into plain JSON values shaped by
`report/schema.json` (shipped in the package, documented in docs/report.md).
Every `start`/`end` in it is a character offset into the `text` of the article
named by the sibling `article_id`, so any finding can be shown in place.
Findings are only ever copied from the corpus, never invented: a list that no
step fills yet is empty.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from storylens import __version__
from storylens.model import Article, Claim, Corpus, Entity, Mention, Quote, Speaker, Story, to_dict
from storylens.outlets import OutletDirectory, OutletMatch, OutletProfile, match_article, url_domain

SCHEMA_VERSION = 1


def load_schema() -> dict[str, Any]:
    """The JSON Schema of report.json, as shipped in the package."""
    text = resources.files("storylens.report").joinpath("schema.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def validate_report(report: dict[str, Any]) -> None:
    """Raise `jsonschema.ValidationError` when the report breaks the contract."""
    jsonschema.validate(report, load_schema())


def _span_fields(article_id: str, start: int, end: int, text: str) -> dict[str, Any]:
    return {"article_id": article_id, "start": start, "end": end, "text": text}


def _match_entry(match: OutletMatch | None) -> dict[str, str] | None:
    return None if match is None else {"name": match.name, "evidence": match.evidence, "value": match.value}


def _article_entry(article: Article, profiles: dict[str, OutletProfile], match: OutletMatch | None) -> dict[str, Any]:
    profile = profiles.get(match.name if match else article.outlet or "")
    camp = article.metadata.get("camp") or (profile.camp if profile else None)
    changed = article.original_text is not None and article.original_text != article.text
    return {
        "id": article.id,
        "external_id": article.external_id,
        "source": article.source,
        "sources": article.sources or [article.source],
        "outlet": article.outlet,
        "outlet_match": _match_entry(match),
        "camp": camp,
        "url": article.url,
        "title": article.title,
        "author": article.author,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "original_text": article.original_text if changed else None,
        "removals": [to_dict(r) for r in article.removals] if changed else [],
        "translation_evidence": list(article.translation_evidence),
        "based_on": article.based_on,
        "duplicate_of": article.duplicate_of,
        "copy_group": article.copy_group,
        "copy_similarity": article.copy_similarity,
        "story_id": article.story_id,
    }


def _mention_entry(mention: Mention) -> dict[str, Any]:
    return {
        **_span_fields(mention.article_id, mention.start, mention.end, mention.text),
        "label": mention.label,
        "kind": mention.kind,
        "role": mention.role,
    }


def _entity_entry(entity: Entity, mentions: list[Mention]) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "roles": list(entity.roles),
        "mention_count": len(mentions),
        "evidence": [to_dict(e) for e in entity.evidence],
        "mentions": [_mention_entry(m) for m in mentions],
    }


def _speaker_entry(speaker: Speaker | None) -> dict[str, Any] | None:
    """Who a quote or claim is attributed to, as the report writes it (None when nobody is named)."""
    if speaker is None:
        return None
    return {"entity_id": speaker.entity_id, "text": speaker.text, "start": speaker.start, "end": speaker.end}


def _quote_entry(quote: Quote) -> dict[str, Any]:
    return {
        **_span_fields(quote.article_id, quote.start, quote.end, quote.text),
        "id": quote.id,
        "kind": quote.kind,
        "verb": quote.verb,
        "speaker": _speaker_entry(quote.speaker),
        "group": quote.group,
    }


def _claim_entry(claim: Claim) -> dict[str, Any]:
    return {
        **_span_fields(claim.article_id, claim.start, claim.end, claim.text),
        "id": claim.id,
        "kind": claim.kind,
        "key": claim.key,
        "value": claim.value,
        "verdict": claim.verdict,
        "subject_entity_ids": list(claim.subject_entity_ids),
        "predicate": claim.predicate,
        "slots": _public_slots(claim.slots),
        "polarity": claim.polarity,
        "modality": claim.modality,
        "attribution": claim.attribution,
        "speaker": _speaker_entry(claim.speaker),
        "quote_id": claim.quote_id,
        "group": claim.group,
    }


def _public_slots(slots: dict[str, Any]) -> dict[str, Any]:
    """Slots without the internal mention indexes (entity ids stand in for them)."""
    public: dict[str, Any] = {}
    for name, value in slots.items():
        if isinstance(value, list):
            public[name] = [{k: v for k, v in item.items() if k != "mention"} for item in value]
        elif isinstance(value, dict):
            public[name] = {k: v for k, v in value.items() if k not in {"mention", "mentions"}}
    return public


def _input_entries(articles: list[Article]) -> list[dict[str, Any]]:
    """One entry per input record: its source and external id, the article it became and that article's story.

    Records with one text are one article (ids are content hashes), so
    `articles[]` alone would hide every record but the first; a user joining
    results back to their own ids finds each of them here.
    """
    entries = []
    for article in articles:
        for source in dict.fromkeys([article.source, *article.sources]):
            external_id = article.source_external_ids.get(source)
            if external_id is None and source == article.source:
                external_id = article.external_id
            entries.append(
                {"source": source, "external_id": external_id, "article_id": article.id, "story_id": article.story_id}
            )
    return entries


def _story_entry(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "article_ids": list(story.article_ids),
        "first_published": story.first_published,
        "last_published": story.last_published,
        "outlets": list(story.outlets),
        "languages": list(story.languages),
        "key_entity_ids": list(story.key_entity_ids),
        "quote_group_ids": [g.id for g in story.quote_groups],
        "claim_group_ids": [g.id for g in story.claim_groups],
        "timeline": [to_dict(event) for event in story.timeline],
        "coverage": [to_dict(entry) for entry in story.coverage],
        "framing": {key: value for key, value in story.framing.items() if key != "background"},
    }


def _outlet_entries(
    articles: list[Article], profiles: dict[str, OutletProfile], matches: dict[str, OutletMatch | None]
) -> list[dict[str, Any]]:
    """One entry per outlet the articles come from: outlets-file outlets under their own name, others as named."""
    counts = Counter(label for a in articles if (label := _counted_name(a, matches[a.id])))
    entries = []
    for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        profile = profiles.get(name)
        entries.append(
            {
                "name": name,
                "camp": profile.camp if profile else None,
                "country": profile.country if profile else None,
                "owner": profile.owner if profile else None,
                "groups": dict(profile.groups) if profile else {},
                "articles": count,
            }
        )
    return entries


def _counted_name(article: Article, match: OutletMatch | None) -> str | None:
    return match.name if match else article.outlet


def unmatched_outlet_entries(articles: list[Article], matches: dict[str, OutletMatch | None]) -> list[dict[str, Any]]:
    """Outlets (by `outlet` field, else URL domain) of articles the outlets file did not match: what to add to it."""
    counts: Counter[str] = Counter()
    domains: dict[str, set[str]] = {}
    names: dict[str, str | None] = {}
    for article in articles:
        if matches[article.id] is not None:
            continue
        domain = url_domain(article.url)
        key = article.outlet or domain
        if key is None:
            continue
        counts[key] += 1
        names[key] = article.outlet
        domains.setdefault(key, set()).update([domain] if domain else [])
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))
    return [{"name": names[key], "articles": count, "domains": sorted(domains[key])} for key, count in ordered]


def build_report(
    corpus: Corpus,
    stats: dict[str, dict[str, int]] | None = None,
    outlets: dict[str, OutletProfile] | None = None,
) -> dict[str, Any]:
    """The report.json document for a corpus (see docs/report.md)."""
    profiles = outlets or {}
    directory = OutletDirectory.of_profiles(profiles)
    articles = sorted(corpus.articles.values(), key=lambda a: (a.published or "", a.outlet or "", a.id))
    mentions_by_entity: dict[str, list[Mention]] = {}
    for article in articles:
        for mention in article.mentions:
            if mention.entity_id:
                mentions_by_entity.setdefault(mention.entity_id, []).append(mention)
    quotes = [quote for article in articles for quote in article.quotes]
    stories = sorted(corpus.stories.values(), key=lambda s: (-len(s.article_ids), s.first_published or "", s.id))
    quote_groups = [{**to_dict(group), "story_id": story.id} for story in stories for group in story.quote_groups]
    entities = sorted(corpus.entities.values(), key=lambda e: (-len(mentions_by_entity.get(e.id, [])), e.name))
    matches = {a.id: match_article(a, directory) for a in articles}
    return {
        "storylens_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "summary": {
            "articles": len(articles),
            "stories": len(stories),
            "entities": len(entities),
            "quotes": len(quotes),
            "copy_groups": len(corpus.copy_groups),
            "errors": len(corpus.errors),
        },
        "outlets": _outlet_entries(articles, profiles, matches),
        "unmatched_outlets": unmatched_outlet_entries(articles, matches) if directory else [],
        "articles": [_article_entry(a, profiles, matches[a.id]) for a in articles],
        "inputs": _input_entries(articles),
        "stories": [_story_entry(s) for s in stories],
        "copy_groups": [to_dict(g) for g in corpus.copy_groups.values()],
        "entities": [_entity_entry(e, mentions_by_entity.get(e.id, [])) for e in entities],
        "quotes": [_quote_entry(q) for q in quotes],
        "quote_groups": quote_groups,
        "claims": [_claim_entry(c) for article in articles for c in article.claims],
        "claim_groups": [{**to_dict(group), "story_id": story.id} for story in stories for group in story.claim_groups],
        "time_expressions": [
            {
                **_span_fields(t.article_id, t.start, t.end, t.text),
                "value": t.value,
                "type": t.type,
                "mod": t.mod,
                "alternative_value": t.alternative_value,
            }
            for article in articles
            for t in article.time_expressions
        ],
        "errors": [to_dict(e) for e in corpus.errors],
        "stats": stats or {},
    }


def write_report(report: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
