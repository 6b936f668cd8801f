"""Content terms: the lexical sub-vector of the story score (what the text is about, in its own words).

Names, numbers and dates (the story keys) say *which* event a report is about;
the sentence embedding says roughly *what kind*. Neither sees that two reports
use the same uncommon words ("rehab", "Seacom", "flagbearer", "prata"): the
signal plain TF-IDF clustering lives on, and the strongest one within a
language (Miranda et al. 2018 keep separate TF-IDF sub-vectors for tokens,
lemmas and entities). An article's terms are its distinct content words
(headline and text), stop words of its language removed (spaCy's lists, which
ship with spaCy itself: no model needed), cut to a short prefix so "riots" and
"rioting", "médaille" and "médailles" meet. They are weighted by rarity in
the corpus (`KeyWeights`, like the keys) and compared as a weighted cosine with
a story's term profile. Across languages terms rarely meet and count nothing:
they add evidence, never veto.
"""

from __future__ import annotations

import importlib
import math
import unicodedata
from collections import Counter
from functools import lru_cache

import regex

TERMS_KEY = "story_terms"
FOLDED_WORD = regex.compile(r"\p{L}+")  # words of a folded text (combining marks already dropped)
COMBINING = regex.compile(r"\p{M}+")


@lru_cache(maxsize=64)
def stop_words(language: str | None) -> frozenset[str]:
    """spaCy's stop words for the language (folded), empty when spaCy has none for it."""
    code = (language or "").split("-")[0].lower()
    if not code.isalpha():
        return frozenset()
    try:
        module = importlib.import_module(f"spacy.lang.{code}.stop_words")
    except ImportError:
        return frozenset()
    return frozenset(fold_term(word, 0) for word in getattr(module, "STOP_WORDS", ()))


def fold_term(word: str, prefix_chars: int) -> str:
    """Case- and accent-free form of a word, cut to `prefix_chars` (0: whole) so inflections meet."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return folded[:prefix_chars] if prefix_chars else folded


def article_terms(
    title: str | None, text: str, language: str | None, prefix_chars: int, max_terms: int, min_chars: int = 3
) -> list[str]:
    """The article's distinct content terms, at most `max_terms` (most frequent kept).

    The whole text is folded at once (case, then accents: NFKD and combining
    marks dropped), which costs a few regex passes instead of one per word.
    """
    stop = stop_words(language)
    folded = COMBINING.sub("", unicodedata.normalize("NFKD", f"{title or ''}\n{text}".casefold()))
    counts: Counter[str] = Counter(
        word[:prefix_chars] if prefix_chars else word
        for word in FOLDED_WORD.findall(folded)
        if len(word) >= min_chars and word not in stop
    )
    return sorted(term for term, _ in counts.most_common(max_terms))


def weighted_cosine(weighted: dict[str, float], norm2: float, profile: dict[str, float], profile_norm2: float) -> float:
    """Cosine between two sparse weighted vectors given with their squared norms."""
    if not weighted or not profile:
        return 0.0
    small, large = (weighted, profile) if len(weighted) <= len(profile) else (profile, weighted)
    dot = sum(value * large[term] for term, value in small.items() if term in large)
    return dot / max(math.sqrt(norm2 * profile_norm2), 1e-9)
