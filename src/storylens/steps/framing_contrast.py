"""Term contrast: which words one outlet or camp uses more than the rest of a story's coverage.

Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
"Fightin' Words", eq. 16-22). Why this and not raw frequency: raw differences are dominated by
common words and small counts are noisy; the prior (the whole corpus' word frequencies) shrinks
rare words toward the corpus rate, and dividing by the estimate's standard deviation gives a
z-score, so a term is shown only when the difference is larger than its own uncertainty.

For group i against the rest j of the story, with prior pseudo-counts a_w (a0 = sum a_w):

    delta_w = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w))
    var_w  ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w)
    z_w     = delta_w / sqrt(var_w)

with a_w = prior_strength * background_w / background_total (the corpus rate scaled to
`prior_strength` pseudo-words).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

WORD = re.compile(r"[^\W\d_]+(?:[\-'\u2019][^\W\d_]+)*")


@dataclass(frozen=True)
class TermScore:
    """One term's contrast for a group: its z-score, log-odds difference and count in the group."""

    term: str
    z: float
    delta: float
    count: int


def content_words(text: str, stopwords: frozenset[str], min_length: int = 3) -> list[tuple[str, int, int]]:
    """Lower-cased words of `text` with their offsets, stop words and short words left out."""
    words = []
    for match in WORD.finditer(text):
        word = match.group(0).lower()
        if len(word) >= min_length and word not in stopwords:
            words.append((word, match.start(), match.end()))
    return words


def log_odds_z(
    group: Counter[str],
    rest: Counter[str],
    background: Counter[str] | dict[str, int],
    prior_strength: float,
) -> dict[str, TermScore]:
    """z-scores of every term of `group` against `rest` under the background prior (see module doc)."""
    background_total = sum(background.values())
    n_i = sum(group.values())
    n_j = sum(rest.values())
    if background_total <= 0 or n_i == 0:
        return {}
    a0 = prior_strength
    scores: dict[str, TermScore] = {}
    for term, y_i in group.items():
        a_w = prior_strength * background.get(term, 0) / background_total
        if a_w <= 0:
            continue  # a word the prior never saw cannot be weighed; the background always covers the story
        y_j = rest.get(term, 0)
        if n_i + a0 - y_i - a_w <= 0 or n_j + a0 - y_j - a_w <= 0:
            continue  # the term is the whole of a side and of the prior: no odds to compare
        left = math.log((y_i + a_w) / (n_i + a0 - y_i - a_w))
        right = math.log((y_j + a_w) / (n_j + a0 - y_j - a_w))
        delta = left - right
        variance = 1.0 / (y_i + a_w) + 1.0 / (y_j + a_w)
        scores[term] = TermScore(term, delta / math.sqrt(variance), delta, y_i)
    return scores
