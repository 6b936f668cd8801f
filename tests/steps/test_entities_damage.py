"""Names damaged by scraping and machine translation still find their entity (sentences written for these tests)."""

import pytest

from storylens.model import Article, Corpus
from storylens.pipeline import Stats
from storylens.steps.entities import EntitySettings, RecognizeEntities, ResolveEntities
from storylens.steps.entities.resolution import damaged_spelling
from storylens.steps.entities.spans import RawSpan, with_clipped_opener

FALLBACK = EntitySettings(ner_languages=(), language_models=())
MODEL = EntitySettings()


def recognize(text, language="en", settings=FALLBACK, article_id="a1", story=None):
    article = Article(id=article_id, text=text, source="test", language=language, story_id=story)
    return next(iter(RecognizeEntities(settings).run([article], Stats())))


def names(article):
    return [(m.text, m.role) for m in article.mentions if m.kind == "name" and m.label == "PERSON"]


@pytest.mark.parametrize("settings", [FALLBACK, MODEL], ids=["fallback", "model"])
@pytest.mark.parametrize("hyphen", [" -", "- "])
def test_title_with_a_spaced_hyphen_is_read_as_the_title(settings, hyphen):
    text = f"The talks were chaired by Secretary{hyphen}General Ilse Varga, who arrived late."
    assert names(recognize(text, settings=settings)) == [("Ilse Varga", "secretary-general")]


@pytest.mark.parametrize("settings", [FALLBACK, MODEL], ids=["fallback", "model"])
def test_acronym_before_a_spaced_hyphen_title_stays_its_own_name(settings):
    article = recognize(
        "MSC Secretary -General Ilse Varga told the assembly that talks would resume.", settings=settings
    )
    assert [m.text for m in article.mentions if m.kind == "name"] == ["MSC", "Ilse Varga"]


@pytest.mark.parametrize("settings", [FALLBACK, MODEL], ids=["fallback", "model"])
def test_name_glued_to_a_function_word_is_cut_when_the_name_is_in_the_article(settings):
    article = recognize(
        "The vote was welcomed by Ilse Vargaand the delegations. Ilse Varga said it was overdue.", settings=settings
    )
    assert [m.text for m in article.mentions if m.kind == "name"] == ["Ilse Varga", "Ilse Varga"]
    assert all(article.text[m.start : m.end] == m.text for m in article.mentions)


def test_glued_name_stays_whole_when_no_unglued_form_is_known():
    article = recognize("The vote was welcomed by Teodor Brand in the hall.")
    assert "Teodor Brand" in [m.text for m in article.mentions]


def _corpus(*specs):
    articles = {}
    for article_id, story, text in specs:
        articles[article_id] = recognize(text, article_id=article_id, story=story)
    return Corpus(articles=articles)


def _entity(corpus, article_id, surface):
    return next(m.entity_id for m in corpus.articles[article_id].mentions if m.text == surface)


def test_name_glued_in_one_article_is_cut_when_another_article_names_it():
    corpus = _corpus(
        ("a1", "s1", "The harbour deal was signed by Ilse Varga on Monday."),
        ("a2", "s1", "Officials thanked Ilse Vargaand the port workers for the deal."),
    )
    stats = Stats()
    ResolveEntities(EntitySettings()).run(corpus, stats)
    assert stats["unglued_names"] == 1
    assert _entity(corpus, "a1", "Ilse Varga") == _entity(corpus, "a2", "Ilse Varga")


@pytest.mark.parametrize("damaged", ["Varrga", "Vargha", "VarGa"])
def test_damaged_surname_joins_the_one_full_name_of_its_story(damaged):
    corpus = _corpus(
        ("a1", "s1", "Mayor Ilse Varga opened the new ferry terminal on Monday."),
        ("a2", "s1", f"The new ferry terminal was opened by Mayor {damaged} on Monday."),
    )
    ResolveEntities(EntitySettings()).run(corpus, Stats())
    assert _entity(corpus, "a1", "Ilse Varga") == _entity(corpus, "a2", damaged)


def test_damaged_surname_in_another_story_stays_apart():
    corpus = _corpus(
        ("a1", "s1", "Mayor Ilse Varga opened the new ferry terminal on Monday."),
        ("a2", "s2", "The new tram line was opened by Mayor Varrga on Friday."),
    )
    ResolveEntities(EntitySettings()).run(corpus, Stats())
    assert _entity(corpus, "a1", "Ilse Varga") != _entity(corpus, "a2", "Varrga")


def test_damaged_spelling_needs_one_letter_of_difference_and_a_long_word():
    assert damaged_spelling("varrga", "varga")
    assert damaged_spelling("brisscoe", "briscoe")
    assert not damaged_spelling("vargas", "vagra")
    assert not damaged_spelling("lee", "le")


def test_damaged_full_name_merges_by_spelling_in_one_story():
    corpus = _corpus(
        ("a1", "s1", "Mayor Ilse Varga opened the new ferry terminal on Monday."),
        ("a2", "s1", "Mayor Ilse Varrga opened the ferry terminal, officials said."),
    )
    ResolveEntities(EntitySettings()).run(corpus, Stats())
    assert _entity(corpus, "a1", "Ilse Varga") == _entity(corpus, "a2", "Ilse Varrga")


def test_united_nations_in_four_scripts_is_one_entity():
    corpus = Corpus(
        articles={
            "a1": recognize("The UN said the ceasefire held.", article_id="a1"),
            "a2": recognize("La ONU dijo que el alto el fuego se mantenía.", language="es", article_id="a2"),
            "a3": recognize("ООН заявила, что перемирие соблюдается.", language="ru", article_id="a3"),
            "a4": recognize("联合国说停火仍在维持。", language="zh", article_id="a4"),
        }
    )
    ResolveEntities(EntitySettings()).run(corpus, Stats())
    ids = {_entity(corpus, a, s) for a, s in (("a1", "UN"), ("a2", "ONU"), ("a3", "ООН"), ("a4", "联合国"))}
    assert len(ids) == 1
    assert corpus.entities[ids.pop()].name == "United Nations"


@pytest.mark.parametrize(
    ("surface", "language"), [("EU", "en"), ("UE", "fr"), ("ЕС", "ru"), ("欧盟", "zh"), ("НАТО", "ru"), ("OTAN", "es")]
)
def test_acronyms_of_other_languages_are_found_by_the_gazetteer(surface, language):
    article = recognize(f"Talks with {surface} resumed; {surface} officials agreed.", language=language)
    assert surface in [m.text for m in article.mentions]


def test_french_articles_get_names_and_labels_from_the_french_model():
    stats = Stats()
    text = "La ministre Claire Dumont a rencontré Paul Verlaine à Genève mardi."
    article = Article(id="f1", text=text, source="test", language="fr")
    article = next(iter(RecognizeEntities(MODEL).run([article], stats)))
    labels = {m.text: m.label for m in article.mentions if m.kind == "name"}
    assert stats["model_articles_fr"] == 1
    assert labels == {"Claire Dumont": "PERSON", "Paul Verlaine": "PERSON", "Genève": "LOC"}


def test_cyrillic_names_are_found_by_the_capitalized_span_fallback():
    article = recognize("Вчера Сергей Волков встретился с коллегами в Минске.", language="ru")
    assert "Сергей Волков" in [m.text for m in article.mentions]


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Ieri il ministro degli esteri Marco Ferrante ha incontrato i colleghi.", "it", "Marco Ferrante"),
        ("Вчера министр иностранных дел Павел Орлов встретился с коллегами.", "ru", "Павел Орлов"),
        ("Wczoraj minister spraw zagranicznych Piotr Zawada spotkał się z kolegami.", "pl", "Piotr Zawada"),
    ],
)
def test_titles_of_other_languages_give_the_person_a_role(text, language, name):
    article = recognize(text, language=language)
    assert (name, "foreign minister") in names(article)


def test_sentence_opening_word_the_tagger_cut_off_is_put_back_when_the_article_shows_it() -> None:
    text = (
        "Police held 40 people overnight, the legal aid group Open Door said on Sunday. "
        "Open Door said 12 of them were released without charge."
    )
    start = text.rindex("Door")
    spans = with_clipped_opener(text, [RawSpan(start, start + len("Door"), "ORG")])
    assert [(text[s.start : s.end], s.label) for s in spans] == [("Open Door", "ORG")]


def test_sentence_opener_stays_off_a_name_the_article_never_writes_with_it() -> None:
    text = "Today Norland chose a new court. Norland has nine judges."
    start = text.index("Norland")
    spans = with_clipped_opener(text, [RawSpan(start, start + len("Norland"), "GPE")])
    assert [text[s.start : s.end] for s in spans] == ["Norland"]


def test_model_mentions_keep_an_organisation_name_that_opens_a_sentence() -> None:
    text = (
        "Police held 40 people overnight, the legal aid group Open Door said on Sunday. "
        "Open Door said 12 of them were released without charge."
    )
    article = recognize(text, settings=MODEL)
    second = [m.text for m in article.mentions if m.kind == "name" and m.start > text.index(". Open")]
    assert "Door" not in second
