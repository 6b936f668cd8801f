"""Claim extraction: which sentences are claims, and the slots, polarity and modality read from them."""

from __future__ import annotations

from storylens.model import Article, Quote, Speaker
from storylens.steps.claims import claims_of
from storylens.steps.time_expressions import time_expressions_of


def claims(text: str, language: str = "en", quotes: list[Quote] | None = None) -> list:
    article = Article(id="a1", text=text, source="test", language=language, published="2026-11-10")
    article.time_expressions = time_expressions_of(article)
    article.quotes = quotes or []
    return claims_of(article)


def test_figure_with_unit_and_lower_bound_is_a_figure_claim() -> None:
    [claim] = claims("At least 12 workers were injured in the fire at the port.")
    [number] = claim.slots["number"]
    assert (number["value"], number["unit"], number["bound"]) == (12, "injured", "min")
    assert claim.kind == "figure" and claim.predicate == "injure"


def test_every_claim_span_slices_the_article_text() -> None:
    text = "The fire injured 15 workers. Nothing else happened here today at all. The port will reopen in 2027."
    found = claims(text)
    assert found and all(text[c.start : c.end] == c.text for c in found)


def test_two_sources_giving_two_figures_in_one_sentence_make_two_claims() -> None:
    found = claims("The government says 12 people were injured; the hospital has put the figure at 15.")
    assert [(c.slots["number"][0]["value"], c.slots["number"][0]["unit"]) for c in found] == [
        (12, "injured"),
        (15, "injured"),
    ]


def test_a_denial_is_negative_and_denied() -> None:
    [claim] = claims("The ministry denied that the port would close in March 2027.")
    assert (claim.polarity, claim.modality, claim.kind) == ("negative", "denied", "denial")


def test_reportedly_makes_a_claim_hedged_and_will_makes_it_planned() -> None:
    [hedged] = claims("The minister reportedly resigned on 3 November.")
    [planned] = claims("The company will open a plant in Porto by the end of 2027.")
    assert hedged.modality == "hedged"
    assert planned.modality == "planned"
    assert planned.slots["time"][0]["value"] == "2027" and planned.slots["time"][0]["mod"] == "END"


def test_a_list_saying_only_is_exclusive() -> None:
    [claim] = claims("The firm has plants only in Lyon, Turin and Graz.")
    assert claim.slots["list"]["items"] == ["Lyon", "Turin", "Graz"]
    assert claim.slots["list"]["exclusive"] is True


def test_who_first_disclosed_a_figure_is_its_source_and_the_predicate_is_report() -> None:
    [claim] = claims("The arrest figure was first disclosed by police chief Arne Dahl at a press conference.")
    assert claim.slots["source"]["name"] == "Arne Dahl"
    assert claim.predicate == "report"


def test_a_claim_inside_a_quote_is_attributed_to_its_speaker() -> None:
    text = '"We will reopen Pier 4 in 2027," said Pieter Halloran.'
    quote = Quote(
        id="q1", article_id="a1", start=1, end=31, text=text[1:31], speaker=Speaker("Pieter Halloran", 38, 53)
    )
    [claim] = claims(text, quotes=[quote])
    assert claim.attribution == "attributed" and claim.quote_id == "q1"
    assert claim.speaker is not None and claim.speaker.text == "Pieter Halloran"


def test_part_of_a_total_and_a_label_are_not_figures() -> None:
    found = claims("By Tuesday two of the injured remained at Pier 4 in intensive care.")
    assert all("number" not in c.slots for c in found)


def test_decimal_comma_and_scale_words_in_german() -> None:
    [claim] = claims("Der Schaden beläuft sich auf mehr als 2,5 Millionen Euro.", "de")
    [number] = claim.slots["number"]
    assert (number["value"], number["unit"], number["bound"]) == (2_500_000, "money", "min")


def test_spanish_and_french_number_words_count_known_units() -> None:
    [spanish] = claims("El incendio dejó quince heridos en el puerto de Kessport.", "es")
    [french] = claims("L'incendie a fait au moins douze blessés dans le port.", "fr")
    assert (spanish.slots["number"][0]["value"], spanish.slots["number"][0]["unit"]) == (15, "injured")
    assert (french.slots["number"][0]["value"], french.slots["number"][0]["bound"]) == (12, "min")


def test_a_number_written_in_several_words_is_one_figure() -> None:
    def figures(text: str, language: str = "en") -> list[tuple[float, str]]:
        return [(n["value"], n["unit"]) for c in claims(text, language) for n in c.slots.get("number", [])]

    assert figures("Two hundred and fifty people were evacuated from the harbour district.") == [(250, "evacuated")]
    assert figures("The flood forced three thousand five hundred residents to be evacuated.") == [(3500, "evacuated")]
    assert figures("The blast in the depot killed twenty two workers, the police said.") == [(22, "dead")]
    assert figures("Treinta y dos personas resultaron heridas en el incendio.", "es") == [(32, "injured")]
    assert figures("Deux cents personnes ont été évacuées du quartier.", "fr") == [(200, "evacuated")]


def test_numerals_with_multipliers_scales_and_glued_words_are_one_figure() -> None:
    """The shared numeral reader (`storylens.numerals`): "two dozen" was 2 and 12, "mil doscientos" 200, a German
    numeral written as one word was not read at all."""

    def figures(text: str, language: str = "en") -> list[tuple[float, str]]:
        return [(n["value"], n["unit"]) for c in claims(text, language) for n in c.slots.get("number", [])]

    assert figures("The storm damaged two dozen houses along the coast road.") == [(24, "homes")]
    assert figures("Mil doscientos vecinos fueron evacuados por la crecida del río.", "es") == [(1200, "evacuated")]
    assert figures("Bei dem Unglück wurden zweihundertdreißig Menschen verletzt.", "de") == [(230, "injured")]
    assert figures("L'inondation a fait quatre-vingt-dix blessés dans la vallée.", "fr") == [(90, "injured")]
    assert figures("The port authority will invest a billion dollars in the new docks.") == [(1e9, "money")]
    assert figures("La empresa invertirá $2 mil millones en la nueva planta.", "es") == [(2e9, "money")]


def test_a_figure_written_half_in_digits_is_one_figure() -> None:
    """Mexican Spanish writes thousands as "31 mil 522" and "tres mil 160": one figure each (was 31,000 and 522)."""
    text = "Las autoridades contabilizan 31 mil 522 heridos y tres mil 160 muertos por la epidemia."
    [claim] = claims(text, "es")
    assert [(n["value"], n["unit"]) for n in claim.slots["number"]] == [(31522, "injured"), (3160, "dead")]
    [claim] = claims("El gobierno anunció una inversión de 5 millones 300 mil pesos en hospitales.", "es")
    assert [n["value"] for n in claim.slots["number"]] == [5_300_000]


def test_figures_in_digits_take_the_scale_word_after_them() -> None:
    assert [
        n["value"] for c in claims("The city will spend 1.5 billion euros on the tunnel.") for n in c.slots["number"]
    ] == [1.5e9]


def test_two_numbers_in_words_apart_stay_two_figures() -> None:
    [claim] = claims("Five people were injured and two were killed in the crash on the ring road.")
    assert sorted((n["value"], n["unit"]) for n in claim.slots["number"]) == [(2, "dead"), (5, "injured")]


def test_a_sentence_with_nothing_to_check_is_not_a_claim() -> None:
    assert claims("Residents said the atmosphere in the old town was tense but calm.") == []


def test_a_sentence_reporting_two_events_with_and_that_makes_a_claim_per_clause() -> None:
    found = claims(
        "The harbour office said the Fenmoor ferry passed its hull survey in 2023 and that its engines had been "
        "replaced in the autumn."
    )
    texts = [claim.text for claim in found]
    assert texts == [
        "The harbour office said the Fenmoor ferry passed its hull survey in 2023",
        "its engines had been replaced in the autumn.",
    ]
    assert [t["value"] for t in found[0].slots["time"]] == ["2023"]


def test_coordinated_reported_clauses_are_cut_in_spanish_and_german() -> None:
    spanish = claims(
        "El alcalde dijo que el puente de Varno abrirá en mayo de 2027 y que costará 40 millones de euros a la ciudad.",
        "es",
    )
    assert len(spanish) == 2
    assert spanish[1].text.startswith("costará")
    german = claims(
        "Der Bürgermeister sagte, dass die Brücke im Mai 2027 öffnet und dass sie rund 40 Millionen Euro kosten wird.",
        "de",
    )
    assert len(german) == 2


def test_a_short_coordinated_clause_stays_with_its_sentence() -> None:
    found = claims("The council said the Varno bridge will open in May 2027 and that it agreed.")
    assert len(found) == 1


def test_unit_classes_cover_common_news_counts_in_every_language() -> None:
    """Figures are compared only within one unit class, so seats, troops and homes need a class of their own,
    the same class in every language, and "m" (often "million") or "feet" must not count as metres."""
    from storylens.steps.claim_language import unit_classes

    classes = unit_classes()
    assert classes["seats"] == classes["escaños"] == classes["sièges"] == "seats"
    assert classes["troops"] == classes["soldaten"] == "troops"
    assert classes["homes"] == classes["viviendas"] == "homes"
    assert classes["seats"] != classes["votes"]
    assert "m" not in classes and "feet" not in classes
    assert len({classes["km"], classes["miles"], classes["nautical miles"]}) == 3
