"""Speaker resolution: pronoun, role, surname and omitted-subject speakers linked to person mentions."""

from __future__ import annotations

from storylens.model import Article, Mention
from storylens.pipeline import Stats
from storylens.steps.quotes import ExtractQuotes, QuoteSettings


def quotes_of(text: str, mentions: list[Mention], language: str = "en", **settings: object):
    article = Article(id="a1", text=text, source="test", language=language, mentions=mentions)
    [article] = list(ExtractQuotes(QuoteSettings(**settings)).run([article], Stats()))  # type: ignore[arg-type]
    return article.quotes


def person(text: str, whole: str, label: str = "PERSON", role: str | None = None, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = whole.index(text, start + 1)
    return Mention("a1", start, start + len(text), text, label, role=role)


def test_pronoun_takes_the_nearest_person_of_its_gender():
    text = "Ana Ruiz met Tomas Berg on Monday.\n\n“We will appeal the ruling,” she said."
    [quote] = quotes_of(text, [person("Ana Ruiz", text), person("Tomas Berg", text)])
    assert (quote.speaker.text, quote.speaker.mention) == ("she", 0)


def test_pronoun_stays_unresolved_when_two_persons_fit():
    text = "Ana Ruiz met Mira Osei on Monday.\n\n“We will appeal the ruling,” she said."
    [quote] = quotes_of(text, [person("Ana Ruiz", text), person("Mira Osei", text)])
    assert quote.speaker.text == "she"
    assert quote.speaker.mention is None


def test_names_inside_earlier_quotes_are_not_antecedents():
    text = "Berg spoke first. “Tomas Ekdal knew about it,” he said.\n\n“Nobody will resign over this,” he added."
    mentions = [person("Berg", text), person("Tomas Ekdal", text)]
    quotes = quotes_of(text, mentions)
    assert [quote.speaker.mention for quote in quotes] == [0, 0]


def test_person_is_preferred_over_the_organization_named_with_them():
    text = "“No train will run before Monday,” said Velden Rail spokeswoman Ana Lind."
    mentions = [person("Velden Rail", text, label="ORG"), person("Ana Lind", text)]
    [quote] = quotes_of(text, mentions)
    assert quote.speaker.mention == 1


def test_appositive_name_after_a_role_is_the_speaker():
    text = "El secretario general del consejo, Kenji Mori, calificó el pacto de «un buen día para todos»."
    mentions = [person("Kenji Mori", text)]
    [quote] = quotes_of(text, mentions, language="es")
    assert (quote.speaker.text, quote.speaker.mention) == ("Kenji Mori", 0)


def test_role_speaker_resolves_to_the_person_holding_the_role():
    text = (
        "Foreign Minister Ana Ruiz returned on Saturday. Tomas Berg met her at the airport.\n\n"
        "“We brought home a fair deal,” the foreign minister told the crowd."
    )
    mentions = [person("Ana Ruiz", text, role="foreign minister"), person("Tomas Berg", text)]
    [quote] = quotes_of(text, mentions)
    assert quote.speaker.mention == 0


def test_role_speaker_without_a_holder_stays_unresolved():
    text = "Tomas Berg met reporters.\n\n“The port will reopen soon,” the spokesperson said."
    [quote] = quotes_of(text, [person("Tomas Berg", text)])
    assert quote.speaker.mention is None


def test_surname_links_to_the_full_name_in_either_order():
    text = "Kenji Mori chaired the talks.\n\n“The sea needs lines on a map,” Mori Kenji said."
    [quote] = quotes_of(text, [person("Kenji Mori", text)])
    assert (quote.speaker.text, quote.speaker.mention) == ("Mori Kenji", 0)


def test_omitted_spanish_subject_is_the_person_just_mentioned():
    text = "La diputada Marta Gil pidió una comisión.\n\n«No vamos a aceptar esto», afirmó en una entrevista."
    [quote] = quotes_of(text, [person("Marta Gil", text)], language="es")
    assert quote.speaker.mention == 0


def test_subject_after_verb_and_adverbial_is_found():
    text = "«Nadie nos avisó de la crecida», declaró el martes en Velden la alcaldesa Marta Gil."
    [quote] = quotes_of(text, [person("Marta Gil", text)], language="es")
    assert (quote.speaker.text, quote.speaker.mention) == ("Marta Gil", 0)


def test_german_pronoun_finds_a_person_known_only_by_given_name():
    text = "Die Abgeordnete Moira Brand forderte eine Untersuchung. „Das reicht nicht aus“, sagte sie."
    [quote] = quotes_of(text, [person("Moira Brand", text, label="MISC")], language="de")
    assert quote.speaker.mention == 0


def test_indirect_speech_of_an_institution_is_attributed_not_indirect():
    text = "The Velden ministry said the bridge would open in May."
    mentions = [person("Velden", text, label="GPE")]
    [quote] = quotes_of(text, mentions)
    assert (quote.text, quote.kind, quote.speaker.text) == (
        "the bridge would open in May",
        "attributed",
        "The Velden ministry",
    )
    assert quotes_of(text, mentions, attributed=False) == []
    [quote] = quotes_of(text, mentions, indirect_person_speakers=False)
    assert quote.kind == "indirect"


def test_indirect_speech_of_a_person_is_kept():
    text = "Ana Ruiz said the bridge would open in May."
    [quote] = quotes_of(text, [person("Ana Ruiz", text)])
    assert (quote.kind, quote.speaker.mention) == ("indirect", 0)
