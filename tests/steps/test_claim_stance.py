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
