"""Names across scripts: readings, sound keys and the score the resolution step cuts at (made-up people)."""

import pytest

from storylens.model import Article, Corpus, Mention
from storylens.pipeline import Stats
from storylens.steps.entities import EntitySettings, ResolveEntities
from storylens.steps.entities.matching import name_similarity, romanizations, script_of, sound_key

THRESHOLD = EntitySettings().cross_script_similarity


@pytest.mark.parametrize(
    ("latin", "native"),
    [
        ("Marek Dolinski", "Марек Долинский"),
        ("Helga Tornqvist", "Χέλγκα Τόρνκβιστ"),
        ("Samir Haddadin", "سمير حدادين"),
        ("Kalinda Raske", "カリンダ・ラスケ"),
        ("Park Min-jae", "박민재"),
        ("Lee Soo-ah", "이수아"),
        ("Dana Perrow", "डाना पेरो"),
        ("Chan Ka-wing", "陳嘉榮"),
        ("Walter Brisco", "월터 브리스코"),
    ],
)
def test_one_persons_name_in_another_script_scores_above_the_threshold(latin, native):
    assert name_similarity(latin, native) >= THRESHOLD


@pytest.mark.parametrize(
    ("latin", "native"),
    [
        ("Fritz Dolinski", "Марек Долинский"),  # same surname, another given name
        ("Helga Brandt", "Χέλγκα Τόρνκβιστ"),  # same given name, another surname
        ("Karim Haddadin", "سمير حدادين"),
    ],
)
def test_two_people_sharing_one_word_score_below_the_threshold(latin, native):
    assert name_similarity(latin, native) < THRESHOLD


def test_korean_surname_is_read_in_its_usual_spelling():
    assert ("lee", "sua") in romanizations("이수아")


def test_chinese_surname_is_read_in_its_southern_spellings():
    assert name_similarity("Tan Wei Ming", "陈伟明") >= THRESHOLD  # 陈: Mandarin chen, Hokkien tan


def test_a_name_in_simplified_characters_is_also_read_in_cantonese():
    # 陈 is simplified (the Cantonese table holds 陳); 文 is in the table: the name is read chan man ...
    assert name_similarity("Chan Man Keung", "陈文强") >= THRESHOLD


def test_hebrew_vav_is_read_as_a_vowel_in_a_foreign_name():
    assert sound_key("brendan", keep_vowels=False) == sound_key(romanizations("ברנדן")[0][0], keep_vowels=False)


def test_a_middle_initial_one_label_leaves_out_does_not_hurt():
    assert name_similarity("Walter J. Brisco", "Уолтер Бриско") >= THRESHOLD


def test_script_of_tells_latin_from_other_scripts():
    assert [script_of(n) for n in ("Tusk", "Туск", "陳嘉榮", "カリンダ", "박민재")] == [
        "latin",
        "cyrillic",
        "han",
        "kana",
        "hangul",
    ]


def _corpus(*specs):
    articles = {}
    for article_id, story, text, surface in specs:
        start = text.index(surface)
        mention = Mention(article_id, start, start + len(surface), surface, "PERSON")
        articles[article_id] = Article(id=article_id, text=text, source="t", story_id=story, mentions=[mention])
    return Corpus(articles=articles)


def test_names_in_two_scripts_in_one_story_become_one_entity_with_evidence():
    corpus = _corpus(
        ("a1", "s1", "Marek Dolinski opened the bridge.", "Marek Dolinski"),
        ("a2", "s1", "Марек Долинский открыл мост.", "Марек Долинский"),
    )
    stats = Stats()
    ResolveEntities(EntitySettings()).run(corpus, stats)
    ids = {a.mentions[0].entity_id for a in corpus.articles.values()}
    assert len(ids) == 1
    entity = corpus.entities[ids.pop()]
    assert [e.rule for e in entity.evidence] == ["cross-script"]
    assert stats["merges_cross-script"] == 1


def test_names_in_two_scripts_in_different_stories_stay_apart():
    corpus = _corpus(
        ("a1", "s1", "Marek Dolinski opened the bridge.", "Marek Dolinski"),
        ("a2", "s2", "Марек Долинский открыл мост.", "Марек Долинский"),
    )
    ResolveEntities(EntitySettings()).run(corpus, Stats())
    assert len({a.mentions[0].entity_id for a in corpus.articles.values()}) == 2


def test_cross_script_matching_can_be_turned_off():
    corpus = _corpus(
        ("a1", "s1", "Marek Dolinski opened the bridge.", "Marek Dolinski"),
        ("a2", "s1", "Марек Долинский открыл мост.", "Марек Долинский"),
    )
    ResolveEntities(EntitySettings(cross_script_similarity=0)).run(corpus, Stats())
    assert len({a.mentions[0].entity_id for a in corpus.articles.values()}) == 2


def test_a_parenthesised_qualifier_is_no_part_of_the_name():
    assert name_similarity("Lim Wei Ming", "林伟明（新加坡）") == name_similarity("Lim Wei Ming", "林伟明")
    assert name_similarity("Lim Wei Ming", "林伟明（新加坡）") >= THRESHOLD
