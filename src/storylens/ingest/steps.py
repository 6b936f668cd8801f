"""The ingest article steps in the order they must run.

Order: clean -> language -> metadata.

- Cleaning comes first so that language detection reads the article rather
  than its boilerplate, and so that the language step can read the repairs
  cleaning made (`article.removals`) as machine-translation evidence. When the
  reader gave no language, cleaning uses the data files of every configured
  language at once (prompt phrases of different languages do not collide).
- Metadata comes last: date lines and bylines are read with the detected
  language's phrases, and from `original_text`, so cleaning removing a footer
  does not hide the outlet named in it.
"""

from __future__ import annotations

from storylens.ingest.clean import CleanSettings, CleanText
from storylens.ingest.language import DetectLanguage, LanguageSettings
from storylens.ingest.metadata import FillMetadata, MetadataSettings
from storylens.pipeline import ArticleStep


def ingest_steps(
    clean: CleanSettings | None = None,
    language: LanguageSettings | None = None,
    metadata: MetadataSettings | None = None,
) -> list[ArticleStep]:
    """Clean, detect language, fill metadata: the first article steps of every run."""
    clean = clean or CleanSettings()
    metadata = metadata or MetadataSettings(languages=clean.languages)
    return [CleanText(clean), DetectLanguage(language or LanguageSettings()), FillMetadata(metadata)]
