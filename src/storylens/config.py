"""All settings in one typed object, and the default pipeline built from them.

Each capability defines its own settings dataclass next to its code (with the
documented defaults); `Settings` composes them so a run is configured in one
place: in Python, or from a YAML file whose sections are the field names
below (`storylens analyze --config settings.yaml`).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from storylens.errors import SettingsError
from storylens.ingest.clean import CleanSettings
from storylens.ingest.language import LanguageSettings
from storylens.ingest.metadata import MetadataSettings
from storylens.ingest.readers import ReadSettings
from storylens.ingest.steps import ingest_steps
from storylens.pipeline import Pipeline
from storylens.steps.claim_groups import AlignClaims
from storylens.steps.claims import ClaimSettings, ExtractClaims
from storylens.steps.copies import CopySettings, FindCopies
from storylens.steps.entities import EntitySettings, RecognizeEntities, ResolveEntities
from storylens.steps.entity_ids import StableEntityIds
from storylens.steps.framing import CountFramingTerms, DescribeFraming, FramingSettings
from storylens.steps.quote_groups import GroupQuotes
from storylens.steps.quotes import ExtractQuotes, QuoteSettings
from storylens.steps.stories import ClusterStories, StorySettings, StorySignals
from storylens.steps.story_descriptions import DescribeStories
from storylens.steps.time_expressions import FindTimeExpressions, TimeSettings
from storylens.steps.timeline import BuildTimeline, TimelineSettings
from storylens.typecheck import checked_value, field_types
from storylens.web.settings import WebSettings

__all__ = ["Settings", "SettingsError", "analysis_fingerprint", "build_pipeline", "load_settings"]

# The `Settings` sections the article steps read (`build_pipeline`): a change in any of them can change what
# the article steps find. The others (copies, timeline, framing, web, where steps run) only affect corpus
# steps, story steps or reports, which every run recomputes for what it touches, so they are left out.
ARTICLE_STEP_SECTIONS = ("clean", "language", "metadata", "entities", "quotes", "time", "claims", "stories")


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
    claims: ClaimSettings = field(default_factory=ClaimSettings)
    framing: FramingSettings = field(default_factory=FramingSettings)
    web: WebSettings = field(default_factory=WebSettings)  # limits of `storylens serve`
    executor: str = "local"  # where steps run: "local" (process pool) or "ray"
    ray_address: str | None = None  # Ray cluster to join ("ray://head:10001", "auto"); None = start a local Ray
    workers: int | None = None  # worker processes; None = one per core (more than the cores is capped)
    busy_timeout: float = 30.0  # seconds a run waits for another process writing to the same store
    # days around a batch's publication dates within which stored stories are live: what a run reads of the
    # store (storylens/working_set.py); it must cover the stories step's time window and thread gap
    live_window_days: float = 35.0


def build_pipeline(settings: Settings | None = None) -> Pipeline:
    """The default storylens pipeline: ingest cleaning, annotation, grouping, per-story findings."""
    settings = settings or Settings()
    return Pipeline(
        article_steps=[
            *ingest_steps(settings.clean, settings.language, settings.metadata),
            RecognizeEntities(settings.entities),
            ExtractQuotes(settings.quotes),
            FindTimeExpressions(settings.time),
            ExtractClaims(settings.claims),
            StorySignals(settings.stories),
        ],
        corpus_steps=[
            FindCopies(settings.copies),
            ClusterStories(settings.stories),
            StableEntityIds(ResolveEntities(settings.entities)),
            DescribeStories(),
            CountFramingTerms(settings.framing),
        ],
        story_steps=[
            GroupQuotes(settings.quotes),
            BuildTimeline(settings.timeline),
            AlignClaims(settings.claims),
            DescribeFraming(settings.framing),
        ],
    )


def _plain(value: Any) -> Any:
    """A JSON-ready form of a settings value that is the same in every process (sets sorted, paths as text)."""
    if isinstance(value, set | frozenset):
        return sorted(str(item) for item in value)
    return str(value)


# The parts of the package whose files decide the article findings: the steps, their language resources, the
# readers and cleaning, the numeral reader, the model and the NLP loader (reports, the store, the web UI and the CLI
# do not).
ANALYSIS_CODE = (
    "steps",
    "resources",
    "ingest",
    "nlp.py",
    "nlp_ruler.py",
    "numerals.py",
    "required_words.py",
    "model.py",
)


def code_digest(root: Path, parts: tuple[str, ...] = ANALYSIS_CODE) -> str:
    """A hash of the files under `root`'s `parts` (path and bytes, in path order; caches left out).

    Why: the version number alone misses a development checkout, or a patched install, whose rules changed
    without a new version, and a store would then keep findings the current rules no longer make."""
    digest = hashlib.sha256()
    for part in parts:
        base = root / part
        files = sorted(base.rglob("*")) if base.is_dir() else [base]
        for path in files:
            if not path.is_file() or "__pycache__" in path.parts or path.suffix in {".pyc", ".pyo"}:
                continue
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@functools.cache
def _package_code_digest() -> str:
    return code_digest(Path(__file__).parent)


def analysis_fingerprint(settings: Settings) -> str:
    """A short hash of what produces the stored article findings: storylens's version, its analysis code and
    resources (`code_digest`), and the article steps' settings (`ARTICLE_STEP_SECTIONS`).

    The store records it with every analyzed article, so a run can tell how many stored articles another
    version, other rules or other settings made (`analyze` reports them; `--reanalyse` redoes them).
    """
    from storylens import __version__

    sections = {name: dataclasses.asdict(getattr(settings, name)) for name in ARTICLE_STEP_SECTIONS}
    text = json.dumps(
        {"version": __version__, "code": _package_code_digest(), "settings": sections}, sort_keys=True, default=_plain
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _updated_dataclass(target: Any, values: dict[str, Any], where: str) -> Any:
    """A copy of the settings dataclass `target` with `values` applied, nested sections included.

    `where` is the dotted path of `target` with a trailing dot ("timeline.time."), so every unknown key
    and wrong type is named by its full path; types are checked against the field's hint (`typecheck`).

    Builds a new object with `dataclasses.replace` instead of assigning attributes, so frozen settings
    (`TimelineSettings`, `TimeSettings`, ...) can be overridden from a file like any other section.
    """
    names = {f.name: f for f in dataclasses.fields(target)}
    types = field_types(type(target))
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if key not in names:
            section = f"{where[:-1]}: " if where else ""
            raise SettingsError(f"{section}unknown setting {key!r} (known: {', '.join(sorted(names))})")
        current = getattr(target, key)
        path = f"{where}{key}: "
        if key in types:
            value = checked_value(value, types[key], path[:-2])
        if dataclasses.is_dataclass(current) and not isinstance(value, dict):
            raise SettingsError(f"{path}expected a section (a mapping of settings), got {value!r}")
        if dataclasses.is_dataclass(current) and isinstance(value, dict):
            changes[key] = _updated_dataclass(current, value, f"{where}{key}.")
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
    data = read_yaml(path, "settings") or {}
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: settings must be a mapping of sections (see docs/configuration.md)")
    try:
        return _updated_dataclass(settings, data, "")
    except SettingsError as error:
        raise SettingsError(f"{path}: {error}") from error


def read_settings_text(path: Path, what: str, encoding: str = "utf-8") -> str:
    """The text of a user's `what` file (settings, outlets, ...), or a one-line `SettingsError` naming the file
    and saying what to do: one wording for every file a user hands in."""
    try:
        return path.read_text(encoding=encoding)
    except UnicodeDecodeError as error:
        raise SettingsError(f"{path}: {what} file is not UTF-8 text (byte {error.start}): save it as UTF-8") from error
    except OSError as error:
        raise SettingsError(f"{path}: cannot read {what} file: {error.strerror or error}") from error


def read_yaml(path: Path, what: str) -> Any:
    """The YAML document in `path` (None when empty), or a one-line `SettingsError` naming the file."""
    text = read_settings_text(path, what)
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise SettingsError(f"{path}: not valid YAML{where}: {problem}") from error
    except RecursionError as error:
        raise SettingsError(f"{path}: YAML nested too deeply to be a {what} file") from error
