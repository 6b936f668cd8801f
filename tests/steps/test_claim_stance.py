"""Stance of a text towards a claim: supports, contradicts, discusses or unrelated, with the deciding sentence."""

from __future__ import annotations

import pytest

from storylens.steps.claim_stance import StanceReader


@pytest.fixture(scope="module")
def reader() -> StanceReader:
    return StanceReader()


CLAIM = "A fire at the port of Kessport injured 15 workers"


def test_a_text_restating_the_claim_supports_it(reader: StanceReader) -> None:
    text = "A fire at the port of Kessport injured 15 workers on Monday night. Crews worked until dawn."
    result = reader.stance(CLAIM, text)
    assert result.stance == "supports"
    assert (result.evidence_start, result.evidence_end) == (0, text.index(" Crews"))


def test_another_figure_for_the_same_count_contradicts(reader: StanceReader) -> None:
    result = reader.stance(CLAIM, "The fire at the port of Kessport injured 12 workers, officials said.")
    assert result.stance == "contradicts"


def test_a_text_calling_the_claim_a_hoax_contradicts_it(reader: StanceReader) -> None:
    text = "Posts saying that a fire at the port of Kessport injured workers are a hoax. There was no fire."
    assert reader.stance(CLAIM, text).stance == "contradicts"


def test_reporting_it_at_a_distance_discusses_it(reader: StanceReader) -> None:
    text = "A fire at the port of Kessport reportedly injured several workers, according to unconfirmed posts."
    assert reader.stance(CLAIM, text).stance == "discusses"


def test_a_text_about_something_else_is_unrelated(reader: StanceReader) -> None:
    assert reader.stance(CLAIM, "The national football team won the cup final on Sunday evening.").stance == "unrelated"


def test_stance_works_across_languages(reader: StanceReader) -> None:
    text = "Un incendio en el puerto de Kessport hirió a 15 trabajadores el lunes por la noche."
    assert reader.stance(CLAIM, text, "es").stance in {"supports", "discusses"}
    assert reader.stance(CLAIM, "El equipo nacional ganó la final de la copa el domingo.", "es").stance == "unrelated"


def test_a_text_calling_the_story_false_supports_a_claim_that_denies_it(reader: StanceReader) -> None:
    claim = "The Varno mayor has not resigned despite rumours online"
    text = "Posts claiming that the Varno mayor resigned are a hoax. The mayor was at work on Monday as usual."
    assert reader.stance(claim, text).stance == "supports"


def test_a_text_relaying_what_several_people_said_discusses_the_claim(reader: StanceReader) -> None:
    claim = "The Varno council will close the old harbour bridge"
    text = (
        "The Varno council will close the old harbour bridge, a councillor said. "
        "Residents said they had not been told. A shopkeeper told reporters she was worried. "
        "The mayor's office said no date had been set."
    )
    assert reader.stance(claim, text).stance == "discusses"


def test_one_refuting_word_next_to_the_claim_contradicts_it(reader: StanceReader) -> None:
    claim = "A shark was seen swimming in the flooded Varno metro station"
    text = (
        "The picture of a shark swimming in the flooded Varno metro station is fake. "
        "It was made from two older photographs. The station reopened on Tuesday."
    )
    assert reader.stance(claim, text).stance == "contradicts"


def test_batch_word_weights_relate_a_text_sharing_the_claims_rare_words() -> None:
    reader = StanceReader()
    claim = "Fenmoor ferry company Oskavel buys three new hybrid vessels"
    related = "Oskavel confirmed the order on Friday. The hybrid vessels will serve the Fenmoor crossing from 2028."
    others = [f"The city council discussed the budget for parks and schools in district {n}." for n in range(30)]
    reader.fit_weights([claim, related, *others])
    evidence = reader.evidence(claim, related)
    assert evidence.weighted_similarity is not None and evidence.weighted_similarity > 0.2
    assert reader.decide(evidence).stance != "unrelated"
    assert reader.stance(claim, others[0]).stance == "unrelated"


def test_too_small_a_batch_gives_no_word_weights() -> None:
    reader = StanceReader()
    reader.fit_weights(["one short text", "another short text"])
    assert reader.weights is None
