"""Entity mentions per article and their resolution into entities across articles and languages."""

import pickle

from storylens.model import Article, Corpus, Mention
from storylens.pipeline import Stats
from storylens.steps.entities import (
    EntitySettings,
    RawSpan,
    RecognizeEntities,
    ResolveEntities,
    UserAliasesError,
    article_mentions,
    different_people,
    entity_id_for,
    load_user_aliases,
)
from storylens.steps.entities.resolution import is_dateline_credit
from storylens.steps.entities.spans import _heads_organization, repair_run
from storylens.steps.roles import load_lexicon

FALLBACK = EntitySettings(ner_languages=(), language_models=())  # capitalized-span fallback: deterministic, no model


def recognize(text, language="en", settings=None, story=None, article_id="a1"):
    article = Article(id=article_id, text=text, source="test", language=language, story_id=story)
    return next(iter(RecognizeEntities(settings or FALLBACK).run([article], Stats())))


def name(article_id, text, surface, label="PERSON", role=None, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return Mention(article_id, start, start + len(surface), surface, label, role=role)


def corpus_of(*specs):
    """specs: (article id, story id, text, [(surface, label, role), ...])."""
    articles = {}
    for article_id, story, text, names in specs:
        mentions = [name(article_id, text, surface, label, role) for surface, label, role in names]
        articles[article_id] = Article(id=article_id, text=text, source="t", story_id=story, mentions=mentions)
    return Corpus(articles=articles)


def resolve(corpus, settings=None):
    stats = Stats()
    ResolveEntities(settings or EntitySettings()).run(corpus, stats)
    return corpus, stats


def entity_of(corpus, article_id, surface):
    mention = next(m for m in corpus.articles[article_id].mentions if m.text == surface)
    return mention.entity_id


def assert_offsets_hold(article):
    for mention in article.mentions:
        assert article.text[mention.start : mention.end] == mention.text


# --- recognition ---


def test_english_ner_finds_person_and_strips_title_into_role():
    text = "Foreign Minister Kazuhiro Tanabe of Norland met reporters in Ostrava."
    article = recognize(text, settings=EntitySettings())
    person = next(m for m in article.mentions if m.label == "PERSON" and m.kind == "name")
    assert person.text == "Kazuhiro Tanabe"
    assert person.role is not None and person.role.endswith("foreign minister")
    assert_offsets_hold(article)


def test_title_inside_span_is_stripped_and_kept_as_role():
    article = recognize("Yesterday Prime Minister Lena Varga spoke.", language="xx")
    person = next(m for m in article.mentions if m.kind == "name")
    assert (person.text, person.role) == ("Lena Varga", "prime minister")


def test_country_before_title_makes_country_role():
    article = recognize("Norland's foreign minister Kazuhiro Tanabe arrived.", language="xx")
    person = next(m for m in article.mentions if m.text == "Kazuhiro Tanabe")
    assert person.role == "Norland foreign minister"


def test_apposition_after_name_gives_role_with_country():
    text = "Talks began. Anbei Jinsan, the Japanese prime minister, left early."
    article = recognize(text, language="xx")
    person = next(m for m in article.mentions if m.text == "Anbei Jinsan")
    assert person.role == "Japan prime minister"


def test_short_surname_links_to_full_name_earlier():
    text = "Talks began when Prime Minister Lena Varga arrived. Varga said little."
    article = recognize(text, language="xx")
    full = next(i for i, m in enumerate(article.mentions) if m.text == "Lena Varga")
    short = next(m for m in article.mentions if m.text == "Varga")
    assert short.antecedent == full
    assert_offsets_hold(article)


def test_surname_shared_by_two_people_is_not_linked():
    text = "Foreign Minister Kazuhiro Tanabe spoke. Union leader Emi Tanabe, a senator, objected. Tanabe then left."
    article = recognize(text, language="xx")
    short = [m for m in article.mentions if m.text == "Tanabe"][-1]
    assert short.antecedent is None


def test_role_phrase_links_to_unique_holder():
    text = "Norland's foreign minister Kazuhiro Tanabe spoke first. Later the foreign minister left."
    article = recognize(text, language="xx")
    role = next(m for m in article.mentions if m.kind == "role")
    assert role.text == "the foreign minister"
    assert article.mentions[role.antecedent].text == "Kazuhiro Tanabe"


def test_pronoun_links_when_one_person_is_near():
    text = "Prime Minister Lena Varga arrived on Monday. She said the port would reopen."
    article = recognize(text, language="xx")
    pronoun = next(m for m in article.mentions if m.kind == "pronoun")
    assert pronoun.text == "She"
    assert article.mentions[pronoun.antecedent].text == "Lena Varga"


def test_pronoun_left_out_when_two_people_are_near():
    text = "Prime Minister Lena Varga met Foreign Minister Kazuhiro Tanabe. He said little."
    article = recognize(text, language="xx")
    assert not [m for m in article.mentions if m.kind == "pronoun"]


def test_spanish_fallback_reads_role_and_gazetteer_acronym():
    text = "La ministra de Asuntos Exteriores de Norland, Emi Tanabe, pidió ayuda a la ONU el martes."
    article = recognize(text, language="es")
    person = next(m for m in article.mentions if m.text == "Emi Tanabe")
    assert person.role == "Norland foreign minister"
    assert any(m.text == "ONU" and m.label == "ORG" for m in article.mentions)
    assert not any(m.kind == "pronoun" for m in article.mentions)  # "el" is an article, not "él"
    assert_offsets_hold(article)


def test_german_fallback_ignores_single_capitalized_nouns():
    text = "Die Außenministerin Emi Tanabe sagte am Montag, die Verhandlungen seien schwierig."
    article = recognize(text, language="de")
    names = [m.text for m in article.mentions if m.kind == "name"]
    assert names == ["Emi Tanabe"]
    assert article.mentions[0].role == "foreign minister"


def test_step_pickles_and_counts():
    step = pickle.loads(pickle.dumps(RecognizeEntities(FALLBACK)))
    stats = Stats()
    list(step.run([Article(id="a", text="Prime Minister Lena Varga spoke.", source="t", language="xx")], stats))
    assert stats["articles"] == 1 and stats["mentions"] >= 1


# --- resolution ---

TANABE_EN = "Norland's foreign minister Kazuhiro Tanabe spoke."
TANABE_MT = "Tianbian Hehong, the foreign minister of Norland, spoke."


def garbled_corpus(story_b="s1"):
    return corpus_of(
        ("a1", "s1", TANABE_EN, [("Kazuhiro Tanabe", "PERSON", "Norland foreign minister")]),
        ("a2", story_b, TANABE_MT, [("Tianbian Hehong", "PERSON", "Norland foreign minister")]),
    )


def test_pinyin_rendering_merges_with_japanese_name_in_same_story():
    corpus, stats = resolve(garbled_corpus())
    assert entity_of(corpus, "a1", "Kazuhiro Tanabe") == entity_of(corpus, "a2", "Tianbian Hehong")
    entity = corpus.entities[entity_of(corpus, "a1", "Kazuhiro Tanabe")]
    assert entity.name == "Kazuhiro Tanabe"
    assert {"Kazuhiro Tanabe", "Tianbian Hehong"} <= set(entity.aliases)
    assert entity.evidence[0].rule == "transliteration"
    assert entity.evidence[0].spans[0].text == "Kazuhiro Tanabe"
    assert stats["merges_transliteration"] == 1


def test_garbled_name_with_same_role_in_story_merges():
    corpus, _ = resolve(
        corpus_of(
            ("a1", "s1", TANABE_EN, [("Kazuhiro Tanabe", "PERSON", "Norland foreign minister")]),
            (
                "a2",
                "s1",
                "Kazuhro Tanahbe, Norland's foreign minister, spoke.",
                [("Kazuhro Tanahbe", "PERSON", "Norland foreign minister")],
            ),
            (
                "a3",
                "s1",
                "Kzh Tnb, Norland's foreign minister, spoke.",
                [("Kzh Tnb", "PERSON", "Norland foreign minister")],
            ),
        )
    )
    names = [("a1", "Kazuhiro Tanabe"), ("a2", "Kazuhro Tanahbe"), ("a3", "Kzh Tnb")]
    ids = {entity_of(corpus, a, s) for a, s in names}
    assert len(ids) == 1
    rules = {e.rule for e in corpus.entities[ids.pop()].evidence}
    assert "same-role-in-story" in rules


def test_shared_role_is_no_evidence():
    corpus, _ = resolve(
        corpus_of(
            ("a1", "s1", "Minister Ada Kovac spoke.", [("Ada Kovac", "PERSON", "Norland minister")]),
            ("a2", "s1", "Minister Boris Lind spoke.", [("Boris Lind", "PERSON", "Norland minister")]),
        )
    )
    assert entity_of(corpus, "a1", "Ada Kovac") != entity_of(corpus, "a2", "Boris Lind")


def test_two_people_sharing_a_surname_stay_apart_even_with_one_role():
    corpus, _ = resolve(
        corpus_of(
            ("a1", "s1", TANABE_EN, [("Kazuhiro Tanabe", "PERSON", "Norland foreign minister")]),
            (
                "a2",
                "s1",
                "Emi Tanabe, Norland's foreign minister, spoke.",
                [("Emi Tanabe", "PERSON", "Norland foreign minister")],
            ),
        )
    )
    assert entity_of(corpus, "a1", "Kazuhiro Tanabe") != entity_of(corpus, "a2", "Emi Tanabe")


def test_different_people_detects_shared_surname():
    assert different_people("kazuhiro tanabe", "emi tanabe")
    assert not different_people("k tanabe", "kazuhiro tanabe")
    assert not different_people("abe jinsan", "shinzo abe")


def test_name_order_variants_merge_across_stories():
    corpus, _ = resolve(
        corpus_of(
            ("a1", "s1", "Shinzo Abe spoke.", [("Shinzo Abe", "PERSON", None)]),
            ("a2", "s2", "ABE Shinzo spoke.", [("ABE Shinzo", "PERSON", None)]),
        )
    )
    assert entity_of(corpus, "a1", "Shinzo Abe") == entity_of(corpus, "a2", "ABE Shinzo")


def test_transliteration_without_story_or_role_support_does_not_merge():
    corpus = corpus_of(
        ("a1", "s1", "Kazuhiro Tanabe spoke.", [("Kazuhiro Tanabe", "PERSON", None)]),
        ("a2", "s2", "Tianbian Hehong spoke.", [("Tianbian Hehong", "PERSON", None)]),
    )
    corpus, _ = resolve(corpus)
    assert entity_of(corpus, "a1", "Kazuhiro Tanabe") != entity_of(corpus, "a2", "Tianbian Hehong")


def test_initials_merge_with_the_only_fitting_full_name():
    corpus, _ = resolve(
        corpus_of(
            ("a1", "s1", "Kazuhiro Tanabe spoke.", [("Kazuhiro Tanabe", "PERSON", None)]),
            ("a2", "s2", "K. Tanabe spoke.", [("K. Tanabe", "PERSON", None)]),
        )
    )
    assert entity_of(corpus, "a1", "Kazuhiro Tanabe") == entity_of(corpus, "a2", "K. Tanabe")


def test_translated_acronyms_merge_through_gazetteer():
    corpus, _ = resolve(
        corpus_of(
            ("a1", "s1", "The UN met.", [("UN", "ORG", None)]),
            ("a2", "s2", "La ONU se reunió.", [("ONU", "ORG", None)]),
            ("a3", "s3", "Die Vereinte Nationen tagten.", [("Vereinte Nationen", "ORG", None)]),
        )
    )
    ids = {entity_of(corpus, "a1", "UN"), entity_of(corpus, "a2", "ONU"), entity_of(corpus, "a3", "Vereinte Nationen")}
    assert len(ids) == 1
    assert corpus.entities[ids.pop()].name == "United Nations"


def test_lowercase_who_is_not_the_world_health_organization():
    corpus, _ = resolve(corpus_of(("a1", "s1", "The who said.", [("who", "ORG", None)])))
    assert next(iter(corpus.entities.values())).name == "who"


def test_acronym_merges_with_its_expansion():
    corpus, _ = resolve(
        corpus_of(
            ("a1", "s1", "The Northern Fisheries Council met.", [("Northern Fisheries Council", "ORG", None)]),
            ("a2", "s2", "The NFC met.", [("NFC", "ORG", None)]),
        )
    )
    assert entity_of(corpus, "a1", "Northern Fisheries Council") == entity_of(corpus, "a2", "NFC")


def test_role_mention_without_antecedent_takes_the_story_holder():
    corpus = garbled_corpus()
    text = "The foreign minister of Norland left."
    role = Mention("a3", 0, 31, text[:31], "PERSON", kind="role", role="Norland foreign minister")
    corpus.articles["a3"] = Article(id="a3", text=text, source="t", story_id="s1", mentions=[role])
    corpus, _ = resolve(corpus)
    assert role.entity_id == entity_of(corpus, "a1", "Kazuhiro Tanabe")


def test_short_form_mentions_take_their_antecedent_entity():
    text = "Kazuhiro Tanabe spoke. Tanabe left."
    full = name("a1", text, "Kazuhiro Tanabe")
    short = name("a1", text, "Tanabe", occurrence=1)
    short.antecedent = 0
    corpus = Corpus(articles={"a1": Article(id="a1", text=text, source="t", mentions=[full, short])})
    corpus, _ = resolve(corpus)
    assert short.entity_id == full.entity_id is not None
    assert corpus.entities[full.entity_id].mention_count == 2


def test_entity_ids_are_stable_across_runs():
    first, _ = resolve(garbled_corpus())
    second, _ = resolve(garbled_corpus())
    assert sorted(first.entities) == sorted(second.entities)
    assert entity_id_for("Kazuhiro Tanabe", "PERSON") in first.entities


def test_user_aliases_file_adds_a_merge(tmp_path):
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text('aliases:\n  "Kazuhiro Tanabe": ["Tanabe-san K."]\n', encoding="utf-8")
    corpus, _ = resolve(
        corpus_of(
            ("a1", "s1", "Kazuhiro Tanabe spoke.", [("Kazuhiro Tanabe", "PERSON", None)]),
            ("a2", "s2", "Tanabe-san K. spoke.", [("Tanabe-san K.", "PERSON", None)]),
        ),
        EntitySettings(aliases_file=aliases),
    )
    entity_id = entity_of(corpus, "a1", "Kazuhiro Tanabe")
    assert entity_id == entity_of(corpus, "a2", "Tanabe-san K.")
    assert corpus.entities[entity_id].evidence[0].rule == "user-alias"


def test_never_merge_in_aliases_file_removes_merge_on_next_run(tmp_path):
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("aliases: {}\n", encoding="utf-8")
    settings = EntitySettings(aliases_file=aliases)
    corpus, _ = resolve(garbled_corpus(), settings)
    assert entity_of(corpus, "a1", "Kazuhiro Tanabe") == entity_of(corpus, "a2", "Tianbian Hehong")
    aliases.write_text('never_merge:\n  - ["Kazuhiro Tanabe", "Tianbian Hehong"]\n', encoding="utf-8")
    corpus, stats = resolve(corpus, settings)
    assert entity_of(corpus, "a1", "Kazuhiro Tanabe") != entity_of(corpus, "a2", "Tianbian Hehong")
    assert stats["merges_vetoed"] >= 1


def test_malformed_aliases_file_names_the_file(tmp_path):
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("never_merge: [[only-one]]\n", encoding="utf-8")
    try:
        load_user_aliases(aliases)
    except UserAliasesError as error:
        assert "aliases.yaml" in str(error)
    else:
        raise AssertionError("expected UserAliasesError")


def test_end_to_end_multilingual_story():
    articles = [
        Article(
            id="e1",
            text="Norland's Foreign Minister Kazuhiro Tanabe met the UN envoy. Tanabe said it went well.",
            source="t",
            language="en",
            story_id="s1",
        ),
        Article(
            id="e2",
            text="Tianbian Hehong, the foreign minister of Norland, told the UN that talks went well.",
            source="t",
            language="en",
            story_id="s1",
        ),
        Article(
            id="e3",
            text="El ministro de Asuntos Exteriores de Norland, Kazuhiro Tanabe, habló con la ONU.",
            source="t",
            language="es",
            story_id="s1",
        ),
    ]
    annotated = list(RecognizeEntities().run(articles, Stats()))
    for article in annotated:
        assert_offsets_hold(article)
    resolve(Corpus(articles={a.id: a for a in annotated}))
    tanabe = {m.entity_id for a in annotated for m in a.mentions if "Tanabe" in m.text or "Tianbian" in m.text}
    un = {m.entity_id for a in annotated for m in a.mentions if m.text in ("UN", "ONU")}
    assert len(tanabe) == 1 and len(un) == 1
    assert all(m.entity_id for a in annotated for m in a.mentions if m.kind == "name")


def test_acronym_defined_in_brackets_merges_in_any_language():
    text = "Die Inspektoren des Rates für Seesicherheit (RSS) kamen an."
    article = recognize(text, language="de", story="s1")
    _corpus, stats = resolve(Corpus(articles={article.id: article}))
    ids = {m.entity_id for m in article.mentions if m.text in ("Rates für Seesicherheit", "RSS")}
    assert len(ids) == 1 and None not in ids
    assert stats["merges_acronym"] == 1


def test_dateline_place_and_agency_credit_are_not_an_acronym_definition():
    # "PLACE (AGENCY) — story": the wire credit after a dateline defines no acronym of the place.
    text = "PORTVALE, Norland (NWA) — The Norland Weather Agency (NWA) warned of storms on Tuesday."
    article = recognize(text, story="s1")
    _corpus, _stats = resolve(Corpus(articles={article.id: article}))
    place = {m.entity_id for m in article.mentions if m.text in ("Norland", "PORTVALE, Norland", "PORTVALE")}
    agency = {m.entity_id for m in article.mentions if m.text == "NWA"}
    assert agency and not place & agency
    assert is_dateline_credit(text, 0, text.index(")"))
    assert not is_dateline_credit(text, text.index("The Norland"), text.index(")", 30))


def test_a_definition_before_a_dash_inside_a_sentence_still_defines():
    text = "Inspectors said the Harbour Safety Board (HSB) — set up in 2019 — found no fault."
    assert not is_dateline_credit(text, text.index("Harbour"), text.index(")"))


def test_a_dateline_in_capitals_glued_to_a_scraped_headline_is_still_a_credit():
    text = "Ferry talks stall in Portvale NORTHGATE (NWA) — Talks broke down on Friday."
    assert is_dateline_credit(text, text.index("NORTHGATE"), text.index(")"))


def test_translated_organization_names_in_one_story_merge():
    english = Article(
        id="t1",
        text="The Maritime Safety Council met.",
        source="t",
        language="en",
        story_id="s1",
        mentions=[Mention("t1", 4, 27, "Maritime Safety Council", "ORG")],
    )
    spanish = Article(
        id="t2",
        text="El Consejo de Seguridad Marítima se reunió.",
        source="t",
        language="es",
        story_id="s1",
        mentions=[Mention("t2", 3, 32, "Consejo de Seguridad Marítima", "ORG")],
    )
    other = Article(
        id="t3",
        text="The Kessport Voice wrote.",
        source="t",
        language="es",
        story_id="s1",
        mentions=[Mention("t3", 4, 18, "Kessport Voice", "ORG")],
    )
    corpus, _ = resolve(Corpus(articles={"t1": english, "t2": spanish, "t3": other}))
    assert english.mentions[0].entity_id == spanish.mentions[0].entity_id
    assert other.mentions[0].entity_id != english.mentions[0].entity_id
    assert corpus.entities[english.mentions[0].entity_id].evidence[0].rule == "translation"


# --- span repair for languages without an NER model ---


def test_german_leading_role_noun_is_not_part_of_the_name():
    text = "Der Streik sei nötig, sagte Gewerkschaftschef Ralf Brenner am Montag."
    article = recognize(text, language="de")
    assert "Ralf Brenner" in [m.text for m in article.mentions if m.label == "PERSON"]
    assert not any("Gewerkschaftschef" in m.text for m in article.mentions)


def test_german_genitive_country_and_title_become_the_role():
    text = "Gespräche zwischen Velland und Ostravien. Vellands Außenministerin Irma Tolk reiste an."
    article = recognize(text, language="de")
    irma = next(m for m in article.mentions if m.text == "Irma Tolk")
    assert irma.label == "PERSON"
    assert irma.role == "Velland foreign minister"
    assert_offsets_hold(article)


def test_person_and_their_party_joined_by_von_der_are_two_mentions():
    text = "Kritik kam von Oppositionsführer Lena Gorn von der Partei der Freien Küste, die Neuwahlen fordert."
    article = recognize(text, language="de")
    surfaces = {m.text: m.label for m in article.mentions if m.kind == "name"}
    assert surfaces.get("Lena Gorn") == "PERSON"
    assert surfaces.get("Partei der Freien Küste") == "ORG"


def test_a_german_organization_head_in_the_genitive_still_heads_the_name():
    """ "des Ministeriums von ...", "des Stadtrates von ...": the genitive of a head is a head (languages.yaml
    `genitive_endings`), so the organization keeps its "von" complement instead of being cut in two."""
    text = "Sprecherin des Ministeriums von Nord und Süd Ostland"
    start = text.index("Ministeriums")
    pieces = [(text[p.start : p.end], p.label) for p in repair_run(text, start, len(text), "de")]
    assert pieces == [("Ministeriums von Nord und Süd Ostland", "MISC")]
    words = load_lexicon().words("de")
    assert all(_heads_organization(name, words) for name in ("Stadtrates", "Verbandes", "Verbands", "Ausschusses"))
    assert not _heads_organization("Hans", words)


def test_name_particle_before_a_single_surname_is_kept():
    text = "Die Sitzung leitete Ursel von der Hohen, sagte ein Sprecher."
    article = recognize(text, language="de")
    assert "Ursel von der Hohen" in [m.text for m in article.mentions]


def test_spanish_coordination_of_two_countries_is_two_names():
    text = "Velandia y Ostravia firmaron el jueves un acuerdo en Marrow."
    article = recognize(text, language="es")
    names = [m.text for m in article.mentions if m.kind == "name"]
    assert "Velandia" in names and "Ostravia" in names
    assert "Velandia y Ostravia" not in names


def test_german_country_word_found_but_plural_noun_after_article_is_not():
    text = "Die Gespräche zwischen Velland und Ostravien laufen. In den Medien wird darüber berichtet."
    names = [m.text for m in recognize(text, language="de").mentions]
    assert "Ostravien" in names
    assert "Medien" not in names


def test_laws_are_labelled_law_in_any_language():
    german = recognize("Das Parlament stimmt über das Küstenschutzgesetz ab.", language="de")
    spanish = recognize("El Parlamento aprobó la Ley de Protección Costera el martes.", language="es")
    assert [m.text for m in german.mentions if m.label == "LAW"] == ["Küstenschutzgesetz"]
    assert [m.text for m in spanish.mentions if m.label == "LAW"] == ["Ley de Protección Costera"]


def test_title_after_an_acronym_marks_a_family_first_name():
    text = "The report was presented by MSX Secretary-General Oda Hiroshi on Friday in Tarrow."
    article = recognize(text)
    person = next(m for m in article.mentions if m.text == "Oda Hiroshi")
    assert person.label == "PERSON" and person.role == "MSX secretary-general"


def test_repeated_words_of_a_full_name_form_one_mention():
    text = "Hiroshi Oda, secretary-general of the MSX, spoke first. Later Oda Hiroshi told reporters more."
    article = recognize(text)
    assert "Oda Hiroshi" in [m.text for m in article.mentions if m.kind == "name"]


def test_possessive_country_role_phrase_stands_for_the_person():
    text = "Talks began in Tarrow. Velland's foreign minister, Irma Tolk, called them historic."
    article = recognize(text)
    role = next(m for m in article.mentions if m.kind == "role")
    assert role.text == "Velland's foreign minister"
    assert role.role == "Velland foreign minister"


def test_apposition_role_without_article_is_a_role_mention_linked_to_the_name():
    text = "\u201cWe will look,\u201d Hiroshi Oda, secretary-general of the MSX, told reporters."
    article = recognize(text)
    role = next(m for m in article.mentions if m.kind == "role")
    assert role.text == "secretary-general of the MSX"
    assert article.mentions[role.antecedent].text == "Hiroshi Oda"


# --- cross-language places and laws ---


def test_country_forms_of_other_languages_merge_with_the_english_place():
    corpus = corpus_of(
        ("a1", "s1", "Velland and Ostravia met.", [("Velland", "GPE", None), ("Ostravia", "GPE", None)]),
        ("a2", "s2", "Vellandia firmó.", [("Vellandia", "MISC", None)]),
        ("a3", "s3", "Ostravien sagte.", [("Ostravien", "MISC", None)]),
    )
    corpus.articles["a2"].language = "es"
    corpus.articles["a3"].language = "de"
    resolve(corpus, EntitySettings(translation_similarity=0))
    assert entity_of(corpus, "a1", "Velland") == entity_of(corpus, "a2", "Vellandia")
    assert entity_of(corpus, "a1", "Ostravia") == entity_of(corpus, "a3", "Ostravien")
    assert entity_of(corpus, "a1", "Velland") != entity_of(corpus, "a1", "Ostravia")


def test_country_form_needs_an_article_in_that_language():
    corpus = corpus_of(
        ("a1", "s1", "Velland met.", [("Velland", "GPE", None)]),
        ("a2", "s2", "Vellandia Corp sold.", [("Vellandia", "ORG", None)]),
    )
    resolve(corpus, EntitySettings(translation_similarity=0))
    assert entity_of(corpus, "a1", "Velland") != entity_of(corpus, "a2", "Vellandia")


def test_name_holding_a_state_role_country_is_typed_as_a_place():
    corpus = corpus_of(
        (
            "a1",
            "s1",
            "Velland said. Irma Tolk spoke.",
            [("Velland", "ORG", None), ("Irma Tolk", "PERSON", "Velland foreign minister")],
        ),
    )
    resolve(corpus, EntitySettings(translation_similarity=0))
    assert {e.name: e.type for e in corpus.entities.values()}["Velland"] == "GPE"


# --- organizations whose name a machine translation turned into ordinary words ---


def _board_corpus():
    return corpus_of(
        (
            "a1",
            "s1",
            "The Fisheries Oversight Board (FOB) met in Tarrow. The FOB said little.",
            [("Fisheries Oversight Board", "ORG", None), ("FOB", "ORG", None)],
        ),
        ("a2", "s1", "Talks ended at the seat of the fishery control council. The harbour gates stayed shut.", []),
        ("a3", "s2", "A visit to the fishery control council. Nothing else.", []),
    )


def test_lowercase_translation_of_an_acronym_organization_in_the_story_joins_it():
    corpus, stats = resolve(_board_corpus())
    assert entity_of(corpus, "a2", "fishery control council") == entity_of(corpus, "a1", "Fisheries Oversight Board")
    assert stats["merges_mistranslated-name"] == 1
    assert_offsets_hold(corpus.articles["a2"])
    assert "harbour gates" not in [m.text for m in corpus.articles["a2"].mentions]


def test_lowercase_phrase_outside_the_organizations_story_is_left_alone():
    corpus, _ = resolve(_board_corpus())
    assert corpus.articles["a3"].mentions == []


def test_mistranslated_names_can_be_turned_off():
    corpus, _ = resolve(_board_corpus(), EntitySettings(mistranslation_similarity=0))
    assert corpus.articles["a2"].mentions == []


def test_one_word_person_after_in_without_role_is_a_place():
    article = Article(id="a1", text="Talks opened in Tarrow on Monday. Irma Tolk spoke.", source="t", language="en")
    raw = [RawSpan(16, 22, "PERSON"), RawSpan(34, 43, "PERSON")]
    labels = {m.text: m.label for m in article_mentions(article, raw, FALLBACK)}
    assert labels["Tarrow"] == "GPE"
    assert labels["Irma Tolk"] == "PERSON"


def test_surname_after_in_stays_a_person_when_the_full_name_is_in_the_article():
    text = "Irma Tolk spoke. Trust in Tolk is high."
    article = Article(id="a1", text=text, source="t", language="en")
    raw = [RawSpan(0, 9, "PERSON"), RawSpan(26, 30, "PERSON")]
    labels = [(m.text, m.label) for m in article_mentions(article, raw, FALLBACK) if m.kind == "name"]
    assert ("Tolk", "PERSON") in labels


def test_german_particle_after_a_dropped_noun_is_dropped_too():
    text = "Sie betraf die Stromversorgung der Kühlcontainer am Pier."
    names = [m.text for m in recognize(text, language="de").mentions]
    assert not any(name.startswith("der ") for name in names)


def test_translation_needs_names_of_comparable_length():
    corpus = corpus_of(
        ("a1", "s1", "The Tarrow Port Authority spoke.", [("Tarrow Port Authority", "ORG", None)]),
        ("a2", "s1", "Im Hafen Tarrow brannte es.", [("Hafen Tarrow", "MISC", None)]),
        ("a3", "s1", "Die Hafenbehörde von Tarrow sagte.", [("Hafenbehörde von Tarrow", "ORG", None)]),
        ("a4", "s1", "Tarrow is a town.", [("Tarrow", "GPE", None)]),
    )
    corpus.articles["a2"].language = corpus.articles["a3"].language = "de"
    resolve(corpus)
    assert entity_of(corpus, "a1", "Tarrow Port Authority") != entity_of(corpus, "a2", "Hafen Tarrow")


def test_mentions_added_after_quotes_keep_quote_speakers_on_their_mention():
    from storylens.model import Quote, Speaker
    from storylens.steps.entities import add_mentions

    text = "The sea safety advice met. Ana Lisk said: “We are ready.”"
    article = Article(id="a", text=text, source="x")
    lisk = text.index("Ana Lisk")
    article.mentions = [Mention("a", lisk, lisk + 8, "Ana Lisk", "PERSON", kind="name")]
    article.quotes = [
        Quote(
            id="a-q1",
            article_id="a",
            start=text.index("We"),
            end=len(text) - 1,
            text="We are ready.",
            kind="direct",
            speaker=Speaker("Ana Lisk", lisk, lisk + 8, mention=0),
        )
    ]
    found = text.index("sea safety advice")
    add_mentions(article, [Mention("a", found, found + 17, "sea safety advice", "ORG", kind="name")])
    # The new mention comes first in offset order; the speaker still points at Ana Lisk.
    assert [m.text for m in article.mentions] == ["sea safety advice", "Ana Lisk"]
    assert article.mentions[article.quotes[0].speaker.mention].text == "Ana Lisk"
