import itertools
import re
from pathlib import Path

import pytest

from storylens.ingest.clean import CleanSettings, CleanText, RemovalLedger, apply_removals, clean_text
from storylens.ingest.clean import Edit as CleanEdit
from storylens.model import Article
from storylens.pipeline import Stats

FIXTURES = Path(__file__).parent.parent / "fixtures" / "cleaning"
FIXTURE_NAMES = sorted(path.name.removesuffix(".expected.txt") for path in FIXTURES.glob("*.expected.txt"))
FIXTURE_LANGUAGES = {"es_prompts": "es", "de_prompts": "de", "fr_prompts": "fr"}
FIXTURE_TITLES = {"en_hashtags_timestamps": "Storm closes northern ports"}


def gold_sentences(expected: str) -> list[str]:
    return [sentence for sentence in re.split(r"(?<=[.!?»”])\s+", expected) if len(sentence) > 3]


def clean_fixture(name: str, language: str | None = None) -> tuple[str, str, list]:
    raw = (FIXTURES / f"{name}.txt").read_bytes().decode("utf-8")
    result = clean_text(raw, language=language, title=FIXTURE_TITLES.get(name))
    return raw, result.text, result.removals


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_cleans_to_expected_text(name: str) -> None:
    _, cleaned, _ = clean_fixture(name, FIXTURE_LANGUAGES.get(name))
    assert cleaned == (FIXTURES / f"{name}.expected.txt").read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_cleans_the_same_without_knowing_the_language(name: str) -> None:
    _, cleaned, _ = clean_fixture(name, None)
    assert cleaned == (FIXTURES / f"{name}.expected.txt").read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_every_gold_sentence_survives_cleaning(name: str) -> None:
    _, cleaned, _ = clean_fixture(name, FIXTURE_LANGUAGES.get(name))
    expected = (FIXTURES / f"{name}.expected.txt").read_bytes().decode("utf-8")
    for sentence in gold_sentences(expected):
        assert sentence in cleaned


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_removals_rebuild_the_cleaned_text_from_the_original(name: str) -> None:
    raw, cleaned, removals = clean_fixture(name, FIXTURE_LANGUAGES.get(name))
    assert apply_removals(raw, removals) == cleaned
    for removal in removals:
        assert raw[removal.start : removal.end] == removal.text
    for before, after in itertools.pairwise(removals):
        assert before.end <= after.start


def test_clean_content_is_left_alone() -> None:
    legit = (FIXTURES / "en_legit.txt").read_text(encoding="utf-8")
    result = clean_text(legit)
    assert result.text == legit
    assert result.removals == []


def test_share_prompt_is_removed_with_its_reason() -> None:
    result = clean_text("Share this article\n\nThe ferry stopped on Friday.")
    assert result.text == "The ferry stopped on Friday."
    assert result.removals[0].reason == "prompt"
    assert result.removals[0].text.startswith("Share this article")


def test_copyright_footer_is_removed() -> None:
    result = clean_text("The ferry stopped on Friday.\n\n© 2026 Orvane Daily. All rights reserved.")
    assert result.text == "The ferry stopped on Friday."
    assert {removal.reason for removal in result.removals} >= {"copyright"}


def test_syndication_line_is_kept_when_it_is_not_near_the_end() -> None:
    paragraphs = "\n\n".join(f"Paragraph {i} ends." for i in range(8))
    body = "Distributed by Kessel Wire, the leaflet was short.\n\n" + paragraphs
    assert clean_text(body).text == body


def test_stray_full_stop_word_is_repaired_only_when_it_recurs() -> None:
    once = "The meeting came to a full stop The chair left early."
    assert clean_text(once).text == once
    many = "They met on Monday stop The vote failed stop Nobody spoke stop Then it rained."
    assert clean_text(many).text == "They met on Monday. The vote failed. Nobody spoke. Then it rained."


def test_stray_full_stop_is_found_from_frequency_without_a_word_list() -> None:
    text = "They met on Monday ponto The vote failed ponto The chair spoke ponto He left ponto They went home."
    result = clean_text(text, language="en")
    assert result.text == "They met on Monday. The vote failed. The chair spoke. He left. They went home."
    assert all(removal.reason == "stray-full-stop" for removal in result.removals)


def test_missing_space_after_full_stop_is_inserted() -> None:
    result = clean_text("The vote failed.The chair left.")
    assert result.text == "The vote failed. The chair left."
    (removal,) = result.removals
    assert (removal.start, removal.end, removal.replacement, removal.reason) == (16, 16, " ", "missing-space")


def test_web_addresses_keep_their_dots() -> None:
    text = "See www.orvane.example/News.html or mail desk@orvane.example for details."
    assert clean_text(text).text == text


def test_glued_function_word_without_a_word_list_needs_evidence_from_the_article() -> None:
    alone = "Navegaron hasta Velmarcuando llovía."
    assert clean_text(alone, language="es").text == alone
    glued = "Velmar es pequeña. Navegaron hasta Velmarcuando llovía."
    assert clean_text(glued, language="es").text == "Velmar es pequeña. Navegaron hasta Velmar cuando llovía."


def test_glued_name_is_split_when_the_word_list_does_not_know_the_glued_form() -> None:
    assert clean_text("They sailed to Velmarwhere it rained.", language="en").text == (
        "They sailed to Velmar where it rained."
    )


def test_real_words_ending_in_a_function_word_are_not_split() -> None:
    text = "Some boats left. Somewhere a bell rang. Meanwhile the mean tide rose. Thereafter there was calm."
    assert clean_text(text, language="en").text == text


def test_duplicated_phrase_keeps_the_first_copy() -> None:
    result = clean_text("Work ends before the end of March to the end of March, the office said.")
    assert result.text == "Work ends before the end of March, the office said."
    assert result.removals[0].text == " to the end of March"


def test_reworded_repeat_with_a_changed_article_is_removed() -> None:
    result = clean_text("Talks resume at the start of the summer until a start of the summer, the envoy said.")
    assert result.text == "Talks resume at the start of the summer, the envoy said."
    assert [(r.text, r.reason) for r in result.removals] == [(" until a start of the summer", "duplicated-phrase")]


def test_reworded_repeat_with_a_dropped_preposition_is_removed() -> None:
    result = clean_text("The envoy flew to the capital of Norland to capital of Norland on Friday.", language="en")
    assert result.text == "The envoy flew to the capital of Norland on Friday."


@pytest.mark.parametrize(
    "text",
    [
        "From time to time the ferry ran late.",
        "They met face to face and talked day to day.",
        "The work went step by step, again and again, little by little.",
        "Prices rose from 10 to 12 crowns in the city to 12 to 14 crowns.",
        "The council sat from the end of March to the end of April.",
        "Trains ran from the north of Velmar to the south of Velmar.",
        "The road runs from one end of the valley to the other end of the valley.",
        "He moved from the city of Velmar to the city of Velmar-Ost last year.",
        "Crews went in the city to a city nearby.",
    ],
)
def test_legitimate_repetition_is_kept(text: str) -> None:
    assert clean_text(text).text == text


def test_reworded_repeats_can_be_switched_off_keeping_exact_ones() -> None:
    settings = CleanSettings(reworded_repeats=False)
    reworded = "Talks resume at the start of the summer until a start of the summer today."
    assert clean_text(reworded, settings=settings).text == reworded
    exact = clean_text("Work ends before the end of March to the end of March today.", settings=settings)
    assert exact.text == "Work ends before the end of March today."


def test_repetition_across_punctuation_is_kept() -> None:
    text = "“Never again, never again, never again,” she said."
    assert clean_text(text).text == text


def test_typographic_quotes_are_kept() -> None:
    text = "« Oui », dit-elle. „Ja“, sagte er. »Nein«, sagte sie. “Yes,” he said. 「はい」"
    assert clean_text(text).text == text


def test_repeated_title_at_the_top_is_removed_only_when_it_matches() -> None:
    body = "Ports closed\n\nStrong winds closed the ports."
    assert clean_text(body, title="Ports Closed!").text == "Strong winds closed the ports."
    assert clean_text(body, title="Storm news").text == body


def test_epoch_timestamp_outside_plausible_years_is_kept() -> None:
    body = "The account number was\n4000000000\nsaid the bank."
    assert clean_text(body).text == body


def test_related_header_without_a_list_after_it_is_not_navigation() -> None:
    body = "Related coverage:\n\nThe ferry stopped on Friday because the engines failed after years of neglect."
    assert "The ferry stopped" in clean_text(body).text


def test_rule_families_can_be_switched_off() -> None:
    text = "Share this article\n\nThe vote failed.The chair left."
    settings = CleanSettings(boilerplate_lines=False, missing_spaces=False)
    assert clean_text(text, settings=settings).text == text


def test_ledger_merges_an_edit_that_swallows_an_earlier_removal() -> None:
    ledger = RemovalLedger("a \u200b b")
    ledger.apply([CleanEdit(2, 3, "", "invisible-characters")])
    assert ledger.text == "a  b"
    ledger.apply([CleanEdit(1, 3, " ", "whitespace")])
    assert ledger.text == "a b"
    (removal,) = ledger.removals
    assert (removal.start, removal.end, removal.text, removal.replacement) == (1, 4, " \u200b ", " ")
    assert removal.reason == "invisible-characters"


def test_ledger_keeps_an_edit_next_to_an_earlier_removal_separate() -> None:
    ledger = RemovalLedger("a  b\u200b  c")
    ledger.apply([CleanEdit(4, 5, "", "invisible-characters")])
    ledger.apply([CleanEdit(1, 3, " ", "whitespace"), CleanEdit(4, 6, " ", "whitespace")])
    assert ledger.text == "a b c"
    assert apply_removals(ledger.original, ledger.removals) == ledger.text
    assert [removal.reason for removal in ledger.removals] == ["whitespace", "invisible-characters", "whitespace"]


def test_clean_step_keeps_the_original_and_counts_reasons() -> None:
    article = Article(id="a1", text="Leave a Comment\n\nThe vote failed.The chair left.", source="test")
    stats = Stats()
    (cleaned,) = list(CleanText().run([article], stats))
    assert cleaned.original_text == "Leave a Comment\n\nThe vote failed.The chair left."
    assert cleaned.text == "The vote failed. The chair left."
    assert apply_removals(cleaned.original_text, cleaned.removals) == cleaned.text
    assert stats["articles"] == 1
    assert stats["removal:prompt"] == 1
    assert stats["removal:missing-space"] == 1


def test_clean_step_run_twice_gives_the_same_text() -> None:
    article = Article(id="a1", text="Share this article\n\nThe vote failed.", source="test")
    step = CleanText()
    (first,) = step.run([article], Stats())
    once = first.text
    (twice,) = step.run([article], Stats())
    assert twice.text == once
    assert apply_removals(twice.original_text, twice.removals) == once


def test_capitalised_full_stop_word_glued_between_sentences_becomes_a_full_stop() -> None:
    cleaned = clean_text("The Kessel bridge will reopen in MarchPeriodThe minister confirmed it on Friday.", "en")
    assert cleaned.text == "The Kessel bridge will reopen in March. The minister confirmed it on Friday."
    [removal] = cleaned.removals
    assert (removal.text, removal.reason, removal.replacement) == ("Period", "stray-full-stop", ". ")


def test_any_glued_word_before_a_sentence_starter_is_found_not_only_listed_ones() -> None:
    cleaned = clean_text("Ferries ran late all weekCircleHe said the pier was flooded.", "en")
    assert cleaned.text == "Ferries ran late all week. He said the pier was flooded."


def test_camel_case_names_are_not_taken_for_glued_full_stops() -> None:
    text = "Analysts at McKinseyGroup and the JavaScriptEngine team met the Orvane mayor on iPhoneDay."
    assert clean_text(text, "en").text == text


def test_reworded_comment_widget_lines_are_removed() -> None:
    text = (
        "The council approved the night ferry on Tuesday.\n\nLeave an Answer\n\nLeave a ReplyCancel reply\n\n"
        "Your e-mail address will not be publicized.\n\nResidents welcomed the decision."
    )
    cleaned = clean_text(text, "en")
    assert cleaned.text == "The council approved the night ferry on Tuesday.\n\nResidents welcomed the decision."
    assert {removal.reason for removal in cleaned.removals} == {"comment-widget"}


def test_a_sentence_about_a_reply_is_not_a_widget_line() -> None:
    text = "Leave a reply to the ministry's letter by Friday, the Orvane mayor told the harbour board."
    assert clean_text(text, "en").text == text


def test_german_widget_line_is_matched_in_german() -> None:
    text = "Die Fähre fährt wieder.\n\nHinterlasse einen Kommentar\n\nDer Bürgermeister ist zufrieden."
    assert clean_text(text, "de").text == "Die Fähre fährt wieder.\n\nDer Bürgermeister ist zufrieden."


def test_a_chain_of_repeats_is_rhetoric_not_a_duplicated_phrase() -> None:
    for text in (
        "The valley saw flood after flood after flood after flood that spring.",
        "She said we are small towns made of small towns made of small towns all the way down.",
    ):
        assert clean_text(text, "en").text == text


def test_pipe_separated_subheading_between_paragraphs_is_kept() -> None:
    text = "The festival opened on Friday.\n\nVelmar Choir | The Winter Tour | The Last Night\n\nTickets sold out."
    assert clean_text(text, "en").text == text


def test_text_that_is_only_its_title_keeps_it() -> None:
    headline = "Crane collapses in Velmora port"
    cleaned = clean_text(headline, title=headline)
    assert cleaned.text == headline
