"""spaCy's attribute ruler, matched by dictionary lookup instead of spaCy's `Matcher`: the same attributes set
on the same tokens, for a tenth of the CPU.

Why: the English model's `attribute_ruler` (the tag map from fine tags to POS and morphology, and ~120
exceptions keyed by word and tag) runs a `Matcher` with 179 patterns over every token, ~20 µs a token: on real
news it cost as much as the parser itself, and it runs over every sentence the quote, framing and time steps
parse or tag. Its patterns are one or two tokens of plain tests (a word, a tag, a dependency, whitespace: equal
to, in or not in a list, or a regular expression), so each token can look up the few patterns that can start at
it (by its lowercase form, its tag, its dependency) and test only those.

Same result, by construction: every match is found against the Doc as the components before the ruler left it,
the matches are applied in the ruler's order (pattern number, then start), a later pattern overriding an earlier
one, and each is applied with the ruler's own attribute dicts (`set_token_attrs`). A ruler holding a pattern
outside these plain tests (a quantifier, another attribute) is not compiled (`compile_ruler` gives None) and
spaCy's own component runs instead. Tested against spaCy's component token by token (tests/test_nlp_ruler.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc, Token

# pattern attributes compiled, and what `Doc.to_array` gives for them: a string's hash (the empty string, a
# missing tag or dependency, hashes to 0) or a flag (0 or 1)
HASHED = ("ORTH", "LOWER", "TAG", "DEP")
FLAGS = ("IS_SPACE", "IS_PUNCT")
# attributes a pattern's first token may be looked up by, most selective first
LOOKUP_ATTRIBUTES = ("LOWER", "ORTH", "TAG", "DEP", "IS_SPACE", "IS_PUNCT")

# one test of one token: (column of the Doc array, operator, operand)
Test = tuple[int, str, Any]


class Unsupported(ValueError):
    """A pattern holds a test this module does not compile."""


class _Pattern:
    """One alternative of one ruler pattern: the tests of each of its tokens, and what it is looked up by."""

    def __init__(self, number: int, tokens: list[dict[str, object]], columns: dict[str, int], strings: Any) -> None:
        self.number = number
        self.width = len(tokens)
        self.tests: list[list[Test]] = []
        self.lookup: tuple[str, frozenset[int]] | None = None
        for position, token in enumerate(tokens):
            tests = []
            for attribute, value in token.items():
                test, accepted = _test(columns, strings, attribute, value)
                tests.append(test)
                if position == 0 and accepted is not None and attribute in LOOKUP_ATTRIBUTES:
                    rank = LOOKUP_ATTRIBUTES.index(attribute)
                    if self.lookup is None or rank < LOOKUP_ATTRIBUTES.index(self.lookup[0]):
                        self.lookup = (attribute, accepted)
            self.tests.append(tests)
        # found by its one test: a one-token pattern looked up by the only thing it tests matches wherever found
        self.sure = self.width == 1 and len(self.tests[0]) == 1 and self.lookup is not None

    def matches(self, rows: list[list[int]], start: int, strings: Any) -> bool:
        if start + self.width > len(rows):
            return False
        for offset, tests in enumerate(self.tests):
            row = rows[start + offset]
            for column, operator, operand in tests:
                seen = row[column]
                if operator == "==":
                    if seen != operand:
                        return False
                elif operator == "in":
                    if seen not in operand:
                        return False
                elif operator == "not in":
                    if seen in operand:
                        return False
                elif not operand.search(strings[seen] if seen else ""):
                    return False
        return True


def _test(columns: dict[str, int], strings: Any, attribute: str, value: object) -> tuple[Test, frozenset[int] | None]:
    """One compiled test, and the array values it accepts when it accepts a known few (for lookup)."""
    if attribute not in columns:
        raise Unsupported(f"pattern attribute {attribute!r}")
    column = columns[attribute]

    def encoded(item: object) -> int:
        if attribute in FLAGS:
            if not isinstance(item, bool):
                raise Unsupported(f"flag value {item!r}")
            return int(item)
        if not isinstance(item, str):
            raise Unsupported(f"string value {item!r}")
        return int(strings[item]) if item else 0

    if isinstance(value, str | bool):
        return (column, "==", encoded(value)), frozenset({encoded(value)})
    if isinstance(value, dict) and len(value) == 1:
        [(operator, operand)] = value.items()
        if operator in ("IN", "NOT_IN") and isinstance(operand, list):
            values = frozenset(encoded(item) for item in operand)
            return (column, "in" if operator == "IN" else "not in", values), values if operator == "IN" else None
        if operator == "REGEX" and isinstance(operand, str) and attribute in HASHED:
            return (column, "regex", re.compile(operand)), None
    raise Unsupported(f"pattern value {value!r}")


class FastAttributeRuler:
    """A compiled `AttributeRuler`: call it on a Doc the components before the ruler have run over."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.strings = ruler.vocab.strings
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        used = sorted({name for p in ruler.patterns for tokens in p["patterns"] for t in tokens for name in t})
        self.columns_used = [name for name in used if name in (*HASHED, *FLAGS)]
        columns = {name: index for index, name in enumerate(self.columns_used)}
        by_value: dict[str, dict[int, list[_Pattern]]] = {attribute: {} for attribute in LOOKUP_ATTRIBUTES}
        self.everywhere: list[_Pattern] = []
        for number, pattern in enumerate(ruler.patterns):
            for tokens in pattern["patterns"]:
                if not tokens or not all(isinstance(token, dict) for token in tokens):
                    raise Unsupported(f"pattern {tokens!r}")
                compiled = _Pattern(number, tokens, columns, self.strings)
                if compiled.lookup is None:
                    self.everywhere.append(compiled)
                    continue
                attribute, accepted = compiled.lookup
                for value in accepted:
                    by_value[attribute].setdefault(value, []).append(compiled)
        self.lookups = [(columns[attribute], table) for attribute, table in by_value.items() if table]

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(pattern number, start, end) of every match, in the order the ruler applies them."""
        if not self.columns_used or not len(doc):
            return []
        rows = doc.to_array(self.columns_used).reshape(len(doc), -1).tolist()
        found = set()
        strings = self.strings
        for start, row in enumerate(rows):
            for pattern in self.everywhere:
                if pattern.matches(rows, start, strings):
                    found.add((pattern.number, start, start + pattern.width))
            for column, table in self.lookups:
                for pattern in table.get(row[column], ()):
                    if pattern.sure or pattern.matches(rows, start, strings):
                        found.add((pattern.number, start, start + pattern.width))
        return sorted(found)

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        for number, start, end in self.matches(doc):
            index = self.indices[number]
            position = start + index if index >= 0 else end + index
            if not start <= position < end:
                raise ValueError(f"attribute ruler index {index} outside its match [{start}, {end})")
            set_token_attrs(doc[position], self.attrs[number])
        return doc


def compile_ruler(ruler: AttributeRuler) -> FastAttributeRuler | None:
    """The ruler compiled, or None when one of its patterns holds a test this module does not compile."""
    try:
        return FastAttributeRuler(ruler)
    except Unsupported:
        return None


def lemma_of(token: Token, lemmatize: Callable[[Token], list[str]] | None) -> str:
    """The token's lemma: the one a component set (the attribute ruler's exceptions), else the lemmatizer's,
    exactly as spaCy's lemmatizer component would set it (it fills only tokens without a lemma)."""
    if token.lemma or lemmatize is None:
        return token.lemma_
    return lemmatize(token)[0]
