"""An article's story keys: names, numbers and dates, their strength and rarity, its script, year and lead."""

from __future__ import annotations

import dataclasses

from story_fixtures import VELMORA_DE, VELMORA_EN, VELMORA_ES, finnish, fresh, people_in

from storylens.model import Article, Mention, TimeExpression
from storylens.pipeline import Stats
from storylens.steps.story_keys import (
    StorySignals,
    article_keys,
    embedding_text,
    headline_lead,
    is_short,
    key_strengths,
    lead_line,
    normalize_number,
    opening_persons,
    opening_text,
    report_year,
    text_script,
)


def test_german_nouns_are_weak_keys_and_names_confirmed_by_a_mention_are_full_keys() -> None:
    (german,) = fresh(VELMORA_DE)
    start = german.text.index("Ilse Brandtveit")
    german.mentions = [Mention(german.id, start, start + 15, "Ilse Brandtveit", "PERSON")]
    keys = article_keys(german)
    assert {"w:velmora", "w:feuerwehr", "w:schulen", "e:brandtveit", "n:6.1", "n:40"} <= keys
    assert "w:brandtveit" not in keys and "e:feuerwehr" not in keys


def test_words_capitalized_only_at_sentence_starts_or_in_title_case_headlines_are_not_names() -> None:
    (english,) = fresh(VELMORA_EN)
    english.title = "Magnitude 6.1 Quake Hits Coastal Velmora"
    keys = article_keys(english)
    assert "e:velmora" in keys  # capitalized inside a sentence of the text
    assert not {"e:mayor", "e:magnitude", "e:quake", "e:coastal", "e:an"} & keys


def test_weak_german_key_counts_fully_when_another_article_writes_it_as_a_name() -> None:
    (german,) = fresh(VELMORA_DE)
    keys = article_keys(german)
    assert key_strengths(keys, 0.3)["e:velmora"] == 0.3
    assert key_strengths(keys, 0.3, known_names={"e:velmora"})["e:velmora"] == 1.0
    assert key_strengths(keys, 0.3, known_names={"e:velmora"})["e:feuerwehr"] == 0.3


def test_keys_come_from_names_numbers_and_resolved_dates() -> None:
    (english,) = fresh(VELMORA_EN)
    english.time_expressions = [TimeExpression(english.id, 0, 0, "", "2031-05-06")]
    keys = article_keys(english)
    assert {"e:velmora", "e:brandtveit", "n:6.1", "n:40", "d:2031-05-06"} <= keys
    assert "e:tuesday" not in keys and "e:the" not in keys


def test_entity_mentions_add_name_keys() -> None:
    (spanish,) = fresh(VELMORA_ES)
    spanish.text = spanish.text.replace("protección civil", "protección civil de norland")
    start = spanish.text.index("norland")
    spanish.mentions = [Mention(spanish.id, start, start + 7, "norland", "GPE")]
    assert "e:norland" not in article_keys(spanish)  # lowercase: only the mention makes it a name
    spanish.mentions[0].text = "Norland"
    assert "e:norland" in article_keys(spanish)


def test_numbers_are_normalized_across_locales() -> None:
    assert normalize_number("6,1") == normalize_number("6.1") == "6.1"
    assert normalize_number("1,200") == normalize_number("1.200") == "1200"
    assert normalize_number("2031") is None


def test_story_signals_step_stores_keys_and_leaves_embedding_to_the_stories_step() -> None:
    english, finnish_report = fresh(VELMORA_EN)[0], finnish("fi", "Velmoraa", "6,1", "40", "2031-05-06", "08:00")
    stats = Stats()
    annotated = list(StorySignals().run([english, finnish_report], stats))
    assert "e:velmora" in annotated[0].metadata["story_keys"]
    assert "n:6.1" in annotated[1].metadata["story_keys"]
    assert not any("story_embedding" in a.metadata for a in annotated)
    assert stats["articles"] == 2


def test_a_headline_repeated_as_its_text_is_still_short() -> None:
    headline = "Velmora council approves the new harbour bridge after a night of debate over its cost and route"
    feed_item = Article(id="item", source="test", language="en", title=headline, text=headline)
    assert is_short(feed_item, 30)  # 17 words, written twice
    report = dataclasses.replace(feed_item, text=f"{headline}. " + "The vote followed months of hearings. " * 3)
    assert not is_short(report, 30)


def test_chinese_text_counts_about_two_characters_a_word() -> None:
    headline = "韦尔莫拉发生六点一级地震"  # 12 characters: a headline of about 6 words
    report = "韦尔莫拉市政府表示，地震造成四十栋房屋受损，居民被要求在户外过夜。" * 2
    assert is_short(Article(id="zh-1", source="test", language="zh", title=headline, text=headline), 30)
    assert not is_short(Article(id="zh-2", source="test", language="zh", title=headline, text=report), 30)


def test_text_script_is_the_script_of_most_letters() -> None:
    assert text_script("Землетрясение в Velmora") == "CYRILLIC"
    assert text_script("Magnitude 6.1 quake hits Velmora") == "LATIN"
    assert text_script("韦尔莫拉发生地震") == "CJK"
    assert text_script("6.1 — 40") is None


def test_japanese_text_is_one_script_however_much_of_it_is_kana() -> None:
    kana_heavy = "きょうの あさ、おおきな じしんが ありました。ひがいは まだ わかりません。"
    kanji_heavy = "東京都心で震度五強の地震、交通機関に影響"
    assert text_script(kana_heavy) == text_script(kanji_heavy) == "CJK"


def test_a_report_dates_itself_by_its_publication_or_by_most_of_its_calendar_dates() -> None:
    dated = finnish("fi-1", "Velmoraa", "6,1", "40", "2031-05-06", "08:00")
    assert report_year(dated) == 2031
    dated.published = None
    dated.time_expressions += [TimeExpression(dated.id, 0, 0, "", "2029"), TimeExpression(dated.id, 0, 0, "", "P1Y")]
    assert report_year(dated) == 2031  # bare years ("since 2029") are background, not the report's own
    dated.time_expressions = []
    assert report_year(dated) is None


def test_an_untitled_text_embeds_a_longer_lead_than_a_titled_one() -> None:
    body = "The harbour of Kessport reopened on Monday after a week of storms. " * 12
    titled = Article(id="titled", source="test", title="Kessport harbour reopens", text=body)
    untitled = Article(id="untitled", source="test", text=body)

    assert embedding_text(titled, 200, 600) == "Kessport harbour reopens. " + body[:200]
    assert embedding_text(untitled, 200, 600) == body[:600]
    assert embedding_text(untitled, 200) == body[:200]


def test_a_headline_s_lead_keys_are_the_article_s_specific_keys_its_headline_names() -> None:
    specific = {"e:varga", "e:okafor", "e:kessport", "n:7", "d:2031-05-06"}
    lead = headline_lead("Varga Stops Okafor In Round 7", specific)  # title case: the text confirmed the names
    assert lead == {"e:varga", "e:okafor", "n:7"}
    assert headline_lead(None, specific) == frozenset()


def test_a_report_opens_with_its_headline_and_first_sentence_without_its_dateline() -> None:
    text = "Dolan arrested\nMarch 3, 2031. Harbourton forward Dolan was arrested early Sunday. Okafor was held in May."
    dateline = TimeExpression(article_id="r", start=15, end=28, text="March 3, 2031", value="2031-03-03")
    report = Article(id="r", source="test", title="Dolan arrested", text=text, time_expressions=[dateline])
    opening = opening_text(report)
    assert "Dolan arrested" in opening and "Harbourton forward Dolan was arrested early Sunday." in opening
    assert "March" not in opening and "Okafor" not in opening  # the dateline, and what the body recalls later
    untitled = Article(id="u", source="test", text="Okafor was arrested. He had been warned.")
    assert opening_text(untitled) == "Okafor was arrested."
    page = "4 March 2031\nHarbourton forward arrested\nDolan was held early Sunday, police said. Okafor was not."
    stamp = TimeExpression(article_id="p", start=0, end=12, text="4 March 2031", value="2031-03-04")
    untitled_page = Article(id="p", source="test", text=page, time_expressions=[stamp])
    # the dateline line is skipped; the title line has no sentence end, so the first sentence follows it
    assert opening_text(untitled_page) == "Harbourton forward arrested\nDolan was held early Sunday, police said."


def test_an_untitled_report_leads_with_its_first_sentence() -> None:
    untitled = Article(
        id="u", source="test", text="Varga stopped Okafor in Kessport. The crowd of 9,000 cheered.\nMore."
    )
    assert lead_line(untitled) == "Varga stopped Okafor in Kessport."
    titled = Article(id="t", source="test", title="Varga keeps his title", text=untitled.text)
    assert lead_line(titled) == "Varga keeps his title"


def test_a_report_opens_with_the_people_its_opening_names_not_its_source() -> None:
    text = "Sami Okafor was arrested, the Coast Courier reported. Piet Dolan was arrested in May."
    report = Article(id="r", source="test", title="Harbourton keeper arrested", text=text)
    specific = {"e:sami", "e:okafor", "e:piet", "e:dolan", "e:coast", "e:courier", "e:harbourton"}
    assert opening_persons(report, specific) == frozenset()  # no people recognized: no evidence
    report.mentions = people_in(report, ("Sami Okafor", "Piet Dolan"))
    report.mentions.append(Mention("r", 30, 43, "Coast Courier", "ORG"))
    assert opening_persons(report, specific) == {"e:sami", "e:okafor"}  # not the source, not the recalled player
