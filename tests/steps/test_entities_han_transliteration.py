"""Han characters read as a foreign name's sounds (made-up people; the characters follow the usual transliteration)."""

import pytest

from storylens.steps.entities import EntitySettings
from storylens.steps.entities.han_transliteration import foreign_name_readings
from storylens.steps.entities.matching import name_similarity, romanizations

THRESHOLD = EntitySettings().cross_script_similarity


def test_a_lone_consonants_syllable_loses_its_vowel():
    assert foreign_name_readings(["ke", "la", "ke"]) == ["klak"]  # 克拉克: Clark, not ke-la-ke
    assert foreign_name_readings(["shi", "mi", "te"]) == ["shmit"]  # 施密特: Schmidt


def test_pinyin_consonants_are_read_as_latin_spellers_write_them():
    assert foreign_name_readings(["qiao"])[0] == "chiao"  # 乔: q sounds ch (Joe), not k


def test_pinyin_w_and_y_are_also_read_as_continental_v_and_j():
    assert foreign_name_readings(["wa", "ci", "la", "fu"]) == ["watslaf", "vatslaf"]  # 瓦茨拉夫: Václav
    assert foreign_name_readings(["yang"]) == ["yang", "jang"]  # 扬: Jan


@pytest.mark.parametrize(
    ("latin", "chinese"),
    [
        ("Joe Harlan", "乔·哈兰"),
        ("Vaclav Novak", "瓦茨拉夫·诺瓦克"),
        ("Jan Holm", "扬·霍尔姆"),
    ],
)
def test_a_foreign_name_in_chinese_characters_matches_its_latin_spelling(latin, chinese):
    assert name_similarity(latin, chinese) >= THRESHOLD


def test_a_malay_name_written_as_one_chinese_word_matches_the_words_it_runs_together():
    assert name_similarity("Ahmad Rosli Hamzah", "阿末罗斯里") >= THRESHOLD  # "Ahmad Rosli" without a dot


def test_a_short_word_of_transliteration_characters_is_also_read_as_one_foreign_word():
    assert ("nadiya",) in romanizations("纳迪亚")
    assert name_similarity("Nadia Rahman", "纳迪亚") >= THRESHOLD  # a label giving the given name only


def test_a_chinese_persons_name_is_not_read_as_a_foreign_word():
    assert all(len(reading) > 1 for reading in romanizations("谭耕"))  # 谭 and 耕 are not transliteration characters
    assert name_similarity("Hasan Tan", "谭耕") < THRESHOLD  # "tangeng" would sound like "Tan"


def test_pinyin_j_q_x_are_also_read_as_the_g_k_h_they_write_in_foreign_names():
    assert "sgi" in foreign_name_readings(["si", "ji"])  # 斯基: the -ski of a Slavic surname


@pytest.mark.parametrize(
    ("latin", "east_asian"),
    [
        ("Martin Parker", "マーティン・パーカー"),
        ("Martin Parker", "마틴 파커"),
        ("Herbert Ford", "赫伯特·福特"),
    ],
)
def test_an_r_after_a_vowel_may_be_left_unwritten_in_chinese_japanese_and_korean(latin, east_asian):
    assert name_similarity(latin, east_asian) >= THRESHOLD


@pytest.mark.parametrize(
    ("latin", "chinese"),
    [
        ("Ahmad Kamal", "阿末卡马"),  # no Mandarin syllable ends in d or l
        ("Zulkifli Rahman", "祖基菲里"),
    ],
)
def test_a_consonant_closing_a_syllable_may_be_left_out_in_chinese(latin, chinese):
    assert name_similarity(latin, chinese) >= THRESHOLD


def test_a_chinese_transliteration_is_not_also_read_as_japanese_kanji():
    # 阿兹米阿里 is "Azmi Ali"; its kanji reading "aari" would make it any "... Ali"
    assert all(reading != ("aari",) for reading in romanizations("阿兹米阿里"))
    assert name_similarity("Omar Ali", "阿兹米阿里") < THRESHOLD


def test_a_closing_ch_is_also_read_as_the_h_sound_east_asian_scripts_write_for_it():
    # German and Polish "ch" after a vowel is the sound Korean writes 히/흐, Chinese 希/赫, Japanese ヒ/ハ
    assert name_similarity("Ulrich Bach", "울리히 바흐") > 0.95
    assert name_similarity("Ulrich Bach", "乌尔里希·巴赫") > 0.95
