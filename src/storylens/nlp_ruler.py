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

# pattern attribute -> the Token attribute spaCy's Matcher compares it with
TOKEN_ATTRIBUTES = {
    "ORTH": "orth_",
    "TEXT": "text",
    "LOWER": "lower_",
    "TAG": "tag_",
    "POS": "pos_",
    "DEP": "dep_",
    "IS_SPACE": "is_space",
    "IS_PUNCT": "is_punct",
}
# attributes a pattern's first token may be looked up by, most selective first
LOOKUP_ATTRIBUTES = ("LOWER", "ORTH", "TAG", "DEP", "IS_SPACE")

Test = Callable[[Any], bool]


class Unsupported(ValueError):
    """A pattern holds a test this module does not compile."""


def _value_test(value: object) -> tuple[Test, frozenset[object] | None]:
    """A test of one attribute value, and the values it accepts when it accepts a known few (for lookup)."""
    if isinstance(value, (str, bool, int)):
        return (lambda seen: seen == value), frozenset({value})
    if isinstance(value, dict) and len(value) == 1:
        [(operator, operand)] = value.items()
        if operator == "IN" and isinstance(operand, list):
            accepted = frozenset(operand)
            return (lambda seen: seen in accepted), accepted
        if operator == "NOT_IN" and isinstance(operand, list):
            refused = frozenset(operand)
            return (lambda seen: seen not in refused), None
        if operator == "REGEX" and isinstance(operand, str):
            pattern = re.compile(operand)
            return (lambda seen: bool(pattern.search(seen))), None
    raise Unsupported(f"pattern value {value!r}")


class _Pattern:
    """One alternative of one ruler pattern: a test per token, and which token gets the attributes."""

    def __init__(self, number: int, tokens: list[dict[str, object]], index: int) -> None:
        self.number = number
        self.index = index
        self.width = len(tokens)
        self.tests: list[list[tuple[str, Test]]] = []
        self.lookup: tuple[str, frozenset[object]] | None = None
        for position, token in enumerate(tokens):
            tests = []
            for attribute, value in token.items():
                if attribute not in TOKEN_ATTRIBUTES:
                    raise Unsupported(f"pattern attribute {attribute!r}")
                test, accepted = _value_test(value)
                tests.append((TOKEN_ATTRIBUTES[attribute], test))
                if position == 0 and accepted is not None and attribute in LOOKUP_ATTRIBUTES:
                    rank = LOOKUP_ATTRIBUTES.index(attribute)
                    if self.lookup is None or rank < LOOKUP_ATTRIBUTES.index(self.lookup[0]):
                        self.lookup = (attribute, accepted)
            self.tests.append(tests)

    def matches(self, doc: Doc, start: int) -> bool:
        if start + self.width > len(doc):
            return False
        for offset, tests in enumerate(self.tests):
            token = doc[start + offset]
            if not all(test(getattr(token, name)) for name, test in tests):
                return False
        return True


class FastAttributeRuler:
    """A compiled `AttributeRuler`: call it on a Doc the components before the ruler have run over."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        self.by_value: dict[str, dict[object, list[_Pattern]]] = {attribute: {} for attribute in LOOKUP_ATTRIBUTES}
        self.everywhere: list[_Pattern] = []
        for number, pattern in enumerate(ruler.patterns):
            for tokens in pattern["patterns"]:
                if not tokens or not all(isinstance(token, dict) for token in tokens):
                    raise Unsupported(f"pattern {tokens!r}")
                compiled = _Pattern(number, tokens, self.indices[number])
                if compiled.lookup is None:
                    self.everywhere.append(compiled)
                    continue
                attribute, accepted = compiled.lookup
                for value in accepted:
                    self.by_value[attribute].setdefault(value, []).append(compiled)
        self.lookups = [(TOKEN_ATTRIBUTES[attribute], table) for attribute, table in self.by_value.items() if table]

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(pattern number, start, end) of every match, in the order the ruler applies them."""
        found = set()
        for token in doc:
            candidates = list(self.everywhere)
            for name, table in self.lookups:
                candidates += table.get(getattr(token, name), ())
            for pattern in candidates:
                if pattern.matches(doc, token.i):
                    found.add((pattern.number, token.i, token.i + pattern.width))
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
