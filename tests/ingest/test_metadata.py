import pickle

from storylens.ingest.clean import CleanSettings
from storylens.ingest.metadata import FillMetadata
from storylens.ingest.steps import ingest_steps
from storylens.model import Article
from storylens.pipeline import Stats, run_article_steps


def fill(text: str, **fields: object) -> Article:
    article = Article(id="a1", text=text, source="test", **fields)  # type: ignore[arg-type]
    (article,) = FillMetadata().run([article], Stats())
    return article


def test_published_comes_from_a_date_line_near_the_top() -> None:
    article = fill("Updated 4 March 2026\n\nThe Kessel bridge closed on 1 March 2026.")
    assert article.published == "2026-03-04"
    start, end = article.metadata["published_span"]
    assert article.text[start:end] == "4 March 2026"


def test_published_given_by_the_reader_is_kept() -> None:
    assert fill("Updated 4 March 2026\n\nText.", published="2026-03-05").published == "2026-03-05"


def test_outlet_from_a_byline() -> None:
    article = fill("By Orvane Daily staff\n\nThe council met on Monday.")
    assert article.outlet == "Orvane Daily"
    assert article.author is None
    assert article.metadata["outlet_from"] == "byline"  # read from the text: outlet matching weighs it last


def test_outlet_given_by_the_input_is_not_marked_as_read_from_the_text() -> None:
    article = fill("By Orvane Daily staff\n\nThe council met on Monday.", outlet="Tarn Voice")
    assert article.outlet == "Tarn Voice" and "outlet_from" not in article.metadata


def test_person_byline_is_an_author_not_an_outlet() -> None:
    article = fill("By Lina Arvad\n\nThe council met on Monday.")
    assert article.outlet is None
    assert article.author == "Lina Arvad"


def test_outlet_from_a_website_note() -> None:
    assert fill("The council met on Monday.\n\n(Velmar Herald website)").outlet == "Velmar Herald"


def test_outlet_and_date_from_a_bracketed_dateline() -> None:
    article = fill("[Kessel Evening Bulletin, Velmar time, March 2, 2026]\nThe council met on Monday.")
    assert article.outlet == "Kessel Evening Bulletin"
    assert article.published == "2026-03-02"
    assert article.metadata["outlet_from"] == "dateline"


def test_outlet_from_a_copyright_line_even_after_cleaning_removed_it() -> None:
    article = Article(
        id="a1", text="The council met.", source="t", original_text="The council met.\n\n© 2026 The Free Orvanian"
    )
    (article,) = FillMetadata().run([article], Stats())
    assert article.outlet == "The Free Orvanian"


def test_based_on_from_according_to_an_outlet() -> None:
    article = fill("The bridge will close, according to the Velmar Herald. Work starts in May.", outlet="Orvane Daily")
    assert article.based_on == "Velmar Herald"


def test_according_to_a_person_is_not_a_source_outlet() -> None:
    assert fill("The bridge will close, according to Lina Arvad. Work starts in May.").based_on is None


def test_based_on_from_an_agency_dateline() -> None:
    article = fill("VELMAR (KNA) — The bridge will close in May, officials said.", outlet="Orvane Daily")
    assert article.based_on == "KNA"


def test_based_on_skips_a_leading_sentence_starter() -> None:
    article = fill("The bridge will close. On Monday Velmar Herald reported that work starts in May.")
    assert article.based_on == "Velmar Herald"


def test_based_on_in_spanish_and_german() -> None:
    spanish = fill("El puente cerrará en mayo, según el Diario de Kessel.", language="es")
    assert spanish.based_on == "Diario de Kessel"
    german = fill("Die Brücke wird im Mai gesperrt, wie die Orvaner Rundschau berichtete.", language="de")
    assert german.based_on == "Orvaner Rundschau"


def test_own_outlet_is_not_its_own_source() -> None:
    article = fill("The bridge will close, according to the Velmar Herald.", outlet="Velmar Herald")
    assert article.based_on is None


def test_syndication_footer_removed_by_cleaning_still_names_the_source() -> None:
    article = Article(
        id="a1",
        text="The council met on Monday in Velmar to discuss the bridge.\n\nDistributed by Kessel Wire Service.",
        source="test",
        outlet="Orvane Daily",
    )
    result = run_article_steps(ingest_steps(), [article])
    out, stats = result.articles, result.stats
    assert out[0].text == "The council met on Monday in Velmar to discuss the bridge."
    assert out[0].based_on == "Kessel Wire Service"
    assert out[0].language == "en"
    assert stats.for_step("metadata")["based_on"] == 1


def test_ingest_steps_run_in_order_and_pickle() -> None:
    steps = ingest_steps(CleanSettings(languages=("en",)))
    assert [step.name for step in steps] == ["clean", "language", "metadata"]
    restored = pickle.loads(pickle.dumps(steps))
    assert [step.name for step in restored] == ["clean", "language", "metadata"]
