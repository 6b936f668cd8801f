"""All settings in one typed object, and the default pipeline built from them.

Each capability defines its own settings dataclass next to its code (with the
documented defaults); `Settings` composes them so a run is configured in one
place: in Python, or from a YAML file whose sections are the field names
below (`storylens analyze --config settings.yaml`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from storylens.ingest.clean import CleanSettings
from storylens.ingest.language import LanguageSettings
from storylens.ingest.metadata import MetadataSettings
from storylens.ingest.readers import ReadSettings
from storylens.ingest.steps import ingest_steps
from storylens.pipeline import Pipeline
from storylens.steps.copies import CopySettings, FindCopies
from storylens.steps.entities import EntitySettings, RecognizeEntities, ResolveEntities
from storylens.steps.quote_groups import GroupQuotes
from storylens.steps.quotes import ExtractQuotes, QuoteSettings
from storylens.steps.stories import ClusterStories, DescribeStories, StorySettings, StorySignals
from storylens.steps.time_expressions import FindTimeExpressions, TimeSettings
from storylens.steps.timeline import BuildTimeline, TimelineSettings
from storylens.web.settings import WebSettings


class SettingsError(ValueError):
    """A settings file names an unknown section or field, or is not valid YAML."""


@dataclass
class Settings:
    """Everything a run can be configured with; every field has a sound default."""

    read: ReadSettings = field(default_factory=ReadSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    language: LanguageSettings = field(default_factory=LanguageSettings)
    metadata: MetadataSettings = field(default_factory=MetadataSettings)
    entities: EntitySettings = field(default_factory=EntitySettings)
    quotes: QuoteSettings = field(default_factory=QuoteSettings)
    time: TimeSettings = field(default_factory=TimeSettings)
    timeline: TimelineSettings = field(default_factory=TimelineSettings)
    copies: CopySettings = field(default_factory=CopySettings)
    stories: StorySettings = field(default_factory=StorySettings)
    web: WebSettings = field(default_factory=WebSettings)  # limits of `storylens serve`
    executor: str = "local"  # where steps run: "local" (process pool); "ray" later
    workers: int | None = None  # worker processes; None = one per core


def build_pipeline(settings: Settings | None = None) -> Pipeline:
    """The default storylens pipeline: ingest cleaning, annotation, grouping, per-story findings."""
    settings = settings or Settings()
    return Pipeline(
        article_steps=[
            *ingest_steps(settings.clean, settings.language, settings.metadata),
            RecognizeEntities(settings.entities),
            ExtractQuotes(settings.quotes),
            FindTimeExpressions(settings.time),
            StorySignals(settings.stories),
        ],
        corpus_steps=[
            FindCopies(settings.copies),
            ClusterStories(settings.stories),
            ResolveEntities(settings.entities),
            DescribeStories(),
        ],
        story_steps=[GroupQuotes(settings.quotes), BuildTimeline(settings.timeline)],
    )


def _updated_dataclass(target: Any, values: dict[str, Any], where: str) -> Any:
    """A copy of the settings dataclass `target` with `values` applied, nested sections included.

    Builds a new object with `dataclasses.replace` instead of assigning attributes, so frozen settings
    (`TimelineSettings`, `TimeSettings`, ...) can be overridden from a file like any other section.
    """
    names = {f.name: f for f in dataclasses.fields(target)}
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if key not in names:
            raise SettingsError(f"{where}: unknown setting {key!r} (known: {', '.join(sorted(names))})")
        current = getattr(target, key)
        if dataclasses.is_dataclass(current) and isinstance(value, dict):
            changes[key] = _updated_dataclass(current, value, f"{where}.{key}")
        elif isinstance(current, Path) or (key.endswith(("_file", "_path")) and isinstance(value, str)):
            changes[key] = Path(value)
        elif isinstance(current, tuple) and isinstance(value, list):
            changes[key] = tuple(value)  # YAML has no tuples; frozen settings keep theirs hashable
        else:
            changes[key] = value
    return dataclasses.replace(target, **changes)


def load_settings(path: Path | None) -> Settings:
    """Settings from a YAML file (sections named like the `Settings` fields), defaults elsewhere."""
    settings = Settings()
    if path is None:
        return settings
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise SettingsError(f"{path}: cannot read settings: {error}") from error
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: settings must be a mapping of sections")
    return _updated_dataclass(settings, data, str(path))
