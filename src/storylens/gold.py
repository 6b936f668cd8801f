"""The shape of a gold annotation (docs/evaluation.md), checked before scoring.

Scoring walks the gold file with plain dict lookups; a file of the wrong shape
would end in `KeyError: 'articles'` or `TypeError` deep inside a scorer. This
schema is checked first, so the message names the JSON path that is wrong
(`$.quotes[3]: 'article' is a required property`).
"""

from __future__ import annotations

from typing import Any

_STRING_LIST = {"type": "array", "items": {"type": "string"}}
_SPAN = {"type": "object", "required": ["article", "text"], "properties": {"article": {"type": "string"}}}

GOLD_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["articles"],
    "properties": {
        "articles": {
            "type": "object",
            "additionalProperties": {"type": "object", "properties": {"story": {"type": ["string", "null"]}}},
        },
        "copies": {"type": "array", "items": _STRING_LIST},
        "entities": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "type", "aliases"],
                "properties": {"name": {"type": "string"}, "type": {"type": "string"}, "aliases": _STRING_LIST},
            },
        },
        "distinct_entities": {"type": "array", "items": _STRING_LIST},
        "quotes": {
            "type": "array",
            "items": {
                **_SPAN,
                "properties": {
                    "article": {"type": "string"},
                    "text": {"type": "string"},
                    "speaker": {"type": ["string", "null"]},
                    "kind": {"type": "string"},
                },
            },
        },
        "quote_groups": {"type": "array", "items": {"type": "array", "items": _SPAN}},
        "time_expressions": {"type": "array", "items": {**_SPAN, "required": ["article", "text", "value"]}},
        "timeline": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["story", "date", "articles"],
                "properties": {"articles": _STRING_LIST},
            },
        },
        "conflicts": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["kind", "values"],
                "properties": {
                    "kind": {"type": "string"},
                    "values": {"type": "array", "items": {"type": "object", "required": ["value"]}},
                },
            },
        },
    },
}
