"""Stories: one event across languages is one story; two events of the same kind are two."""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
from story_fixtures import (
    TARSK_EN,
    VELMORA_DE,
    VELMORA_EN,
    VELMORA_ES,
    VELMORA_FOLLOW_UP,
    cluster,
    finnish,
    fresh,
    people_in,
)

from conftest import stdout_under_hash_seeds
from storylens.model import Article, Corpus, Story
from storylens.pipeline import Stats
from storylens.steps.stories import (
    ArticleKeys,
    ClusterStories,
    KeyWeights,
    LiveStory,
    StoryIndex,
    StorySettings,
    article_keys,
    key_strengths,
)
from storylens.steps.story_keys import KEYS_KEY
from storylens.steps.story_terms import TERMS_KEY


def test_english_and_spanish_reports_of_one_quake_join_one_story() -> None:
    english, spanish = fresh(VELMORA_EN, VELMORA_ES)
    corpus = cluster(english, spanish)
    assert english.story_id == spanish.story_id
    assert corpus.stories[english.story_id].languages == ["en", "es"]


def test_two_quakes_in_different_towns_the_same_week_stay_two_stories() -> None:
    velmora, tarsk = fresh(VELMORA_EN, TARSK_EN)
    corpus = cluster(velmora, tarsk)
    assert velmora.story_id != tarsk.story_id
    assert len(corpus.stories) == 2


def test_same_event_outside_the_time_window_starts_a_new_story() -> None:
    first, much_later = fresh(VELMORA_EN, VELMORA_FOLLOW_UP)
    much_later.published = "2031-06-20T09:00:00"
    cluster(first, much_later, settings=StorySettings(time_window_days=3))
    assert first.story_id != much_later.story_id


def test_story_has_readable_stable_id_title_outlets_languages_and_dates() -> None:
    english, spanish = fresh(VELMORA_EN, VELMORA_ES)
    corpus = cluster(spanish, english)
    story = corpus.stories[english.story_id]
    assert story.id.startswith("story-") and len(story.id) == len("story-") + 16
    assert story.title == "Magnitude 6.1 quake hits Velmora"  # a headline in the main language, earliest first
    assert story.outlets == ["Diario del Sur", "Harbor Times"]
    assert (story.first_published, story.last_published) == ("2031-05-06T08:00:00", "2031-05-06T11:00:00")
    assert story.article_ids == ["velmora-en", "velmora-es"]
    again = cluster(*fresh(VELMORA_EN, VELMORA_ES))
    assert list(again.stories) == [story.id]


VELMORA_AID = Article(
    id="velmora-aid",
    source="test",
    language="en",
    outlet="Coastline Post",
    published="2031-05-07T10:00:00",
    title="Aid reaches Velmora after the quake",
    text="Aid trucks reached the coastal town of Velmora, where Tuesday's earthquake damaged homes, the civil "
    "protection agency said. Volunteers from Lindeby said families would stay outdoors for another night.",
)


def test_signature_is_compact_json_without_article_vectors() -> None:
    english, aid = fresh(VELMORA_EN, VELMORA_AID)
    corpus = cluster(english, aid)
    assert english.story_id == aid.story_id
    signature = corpus.stories[english.story_id].signature
    assert json.loads(json.dumps(signature)) == signature
    assert signature["articles"] == 2 and isinstance(signature["centroid"], str)
    assert "e:velmora" in signature["keys"] and "n:6.1" in signature["keys"]
    assert "story_embedding" not in english.metadata


def test_reports_their_keys_alone_place_are_not_embedded() -> None:
    english, spanish, tarsk = fresh(VELMORA_EN, VELMORA_ES, TARSK_EN)
    stats = Stats()
    corpus = Corpus(articles={a.id: a for a in (english, spanish, tarsk)})
    ClusterStories().run(corpus, stats)
    assert english.story_id == spanish.story_id != tarsk.story_id
    assert stats["embedded"] == 0  # shared town, mayor and numbers settle the translation; Tarsk shares none
    assert stats["placed_by_keys"] == 1 and stats["started_by_keys"] == 2


def test_a_follow_up_sharing_only_the_place_is_placed_on_meaning_and_keys_together() -> None:
    english, tarsk, aid = fresh(VELMORA_EN, TARSK_EN, VELMORA_AID)
    stats = Stats()
    corpus = Corpus(articles={a.id: a for a in (english, tarsk, aid)})
    ClusterStories().run(corpus, stats)
    assert aid.story_id == english.story_id != tarsk.story_id
    assert stats["embedded"] == 2  # the follow-up, and the first report of the story it is compared with


def test_incremental_add_joins_the_existing_story_and_keeps_its_id() -> None:
    english, tarsk = fresh(VELMORA_EN, TARSK_EN)
    corpus = cluster(english, tarsk)
    velmora_story = english.story_id
    corpus.articles = {}  # a later run only needs the stories' signatures
    follow_up, spanish = fresh(VELMORA_FOLLOW_UP, VELMORA_ES)
    corpus = cluster(follow_up, spanish, corpus=corpus)
    assert follow_up.story_id == spanish.story_id == velmora_story
    assert set(corpus.stories) == {velmora_story, tarsk.story_id}
    assert corpus.stories[velmora_story].signature["articles"] == 3


def test_incremental_add_of_a_different_event_starts_a_new_story() -> None:
    (english,) = fresh(VELMORA_EN)
    corpus = cluster(english)
    (tarsk,) = fresh(TARSK_EN)
    corpus = cluster(tarsk, corpus=corpus)
    assert tarsk.story_id != english.story_id
    assert len(corpus.stories) == 2


def test_copy_joins_the_story_of_its_original_even_days_later() -> None:
    original, tarsk = fresh(VELMORA_EN, TARSK_EN)
    (copy,) = fresh(VELMORA_EN)
    copy.id, copy.outlet, copy.published, copy.title = "reprint", "Daily Lantern", "2031-05-20T08:00:00", "Reprint"
    cluster(original, tarsk, copy)
    assert copy.duplicate_of == original.id
    assert copy.story_id == original.story_id


def test_language_without_embedding_clusters_by_names_numbers_and_dates() -> None:
    first = finnish("fi-1", "Velmoraa", "6,1", "40", "2031-05-06", "08:00")
    second = finnish("fi-2", "Velmoraa", "6.1", "40", "2031-05-06", "13:00")
    other = finnish("fi-3", "Tarskia", "5,4", "12", "2031-05-08", "09:00")
    other.text = other.text.replace("Aino Kettunen", "Oskar Lindqvist")
    corpus = cluster(first, second, other)
    assert "story_embedding" not in first.metadata
    assert first.story_id == second.story_id != other.story_id
    assert len(corpus.stories) == 2


def test_german_report_with_many_capitalized_nouns_joins_the_story_of_its_event() -> None:
    english, spanish, german, tarsk = fresh(VELMORA_EN, VELMORA_ES, VELMORA_DE, TARSK_EN)
    cluster(english, spanish, german, tarsk)
    assert german.story_id == english.story_id == spanish.story_id != tarsk.story_id


def story_of(*articles: Article) -> tuple[StoryIndex, LiveStory]:
    """An index whose key weights count `articles`, and a live story holding the first one."""
    weights = KeyWeights(prior=20.0)
    for article in articles:
        weights.count(article_keys(article))
    live = LiveStory(story=None)  # type: ignore[arg-type]
    live.add(None, key_strengths(article_keys(articles[0]), 0.3), None, 48)
    return StoryIndex(StorySettings(), weights), live


def test_key_conflict_is_high_for_another_event_of_the_same_kind_and_zero_for_a_translation() -> None:
    velmora, tarsk, spanish = fresh(VELMORA_EN, TARSK_EN, VELMORA_ES)
    index, velmora_story = story_of(velmora, tarsk, spanish)

    def keys_of(article: Article) -> ArticleKeys:
        return ArticleKeys.of(key_strengths(article_keys(article), 0.3), index.weights)

    assert index.key_evidence(keys_of(tarsk), velmora_story).conflict > 0.9
    assert index.key_evidence(keys_of(tarsk), velmora_story).unanchored  # nothing specific shared
    assert index.key_evidence(keys_of(spanish), velmora_story).conflict < 0.05
    assert not index.key_evidence(keys_of(spanish), velmora_story).unanchored
    assert index.key_evidence(ArticleKeys.of({}, index.weights), velmora_story).conflict == 0.0  # no keys: no evidence


def test_undated_articles_are_clustered() -> None:
    english, tarsk, spanish = fresh(VELMORA_EN, TARSK_EN, VELMORA_ES)
    for article in (english, tarsk, spanish):
        article.published = None
    corpus = cluster(english, tarsk, spanish)
    assert english.story_id == spanish.story_id != tarsk.story_id
    assert corpus.stories[tarsk.story_id].first_published is None


def test_a_retired_story_leaves_no_key_posting_behind_even_after_its_keys_were_trimmed() -> None:
    weights = KeyWeights(prior=20.0)
    index = StoryIndex(StorySettings(), weights)
    live = LiveStory(story=Story(id="story-a"))
    live.add(None, {"e:alda": 1.0, "e:borrow": 1.0, "e:cend": 1.0}, 1.0, max_keys=2)
    index.put(live)  # posted under alda, borrow, cend
    live.add(None, {"e:alda": 1.0, "e:borrow": 1.0}, 1.0, max_keys=2)  # still 3 keys: not trimmed
    live.add(None, {"e:dunmoor": 1.0, "e:elk": 1.0}, 1.0, max_keys=2)  # 5 keys: trimmed to alda, borrow
    assert "e:cend" not in live.key_counts
    index.put(live)
    index.retire("story-a")
    assert not any("story-a" in postings for postings in index.by_key.values())
    assert index.candidates(ArticleKeys.of({"e:cend": 1.0}, weights), None) == []


def test_a_report_writing_names_in_another_script_is_not_vetoed_for_sharing_none() -> None:
    velmora, tarsk = fresh(VELMORA_EN, TARSK_EN)
    russian = Article(
        id="velmora-ru",
        source="test",
        language="ru",
        published="2031-05-06T12:00:00",
        title="Землетрясение в Вельморе",
        text="Землетрясение повредило дома в прибрежном городе Вельмора, сообщила гражданская защита. "
        "Мэр Ильзе Брандтвейт попросила жителей провести ночь на улице.",
    )
    index, velmora_story = story_of(velmora, tarsk, russian)

    def keys_of(article: Article) -> ArticleKeys:
        return ArticleKeys.of(key_strengths(article_keys(article), 0.3), index.weights)

    assert "e:вельмора" in keys_of(russian).specific_keys
    assert not index.key_evidence(keys_of(russian), velmora_story).unanchored  # Cyrillic vs Latin names
    assert index.key_evidence(keys_of(tarsk), velmora_story).unanchored  # same script, nothing shared
    stats = Stats()
    ClusterStories().run(Corpus(articles={a.id: a for a in fresh(VELMORA_EN, russian)}), stats)
    assert stats["started_by_keys"] == 0 and stats["embedded"] == 2  # two scripts: both read, none dismissed


def test_background_is_the_mean_cosine_between_distinct_articles() -> None:
    index = StoryIndex(StorySettings(background_min_articles=2), KeyWeights(prior=20.0))
    same_direction = np.tile(np.array([[1.0, 0.0]], dtype=np.float32), (3, 1))
    index.observe(same_direction)
    assert abs(index.background() - 1.0) > 0.0  # capped below 1: some meaning always counts
    index = StoryIndex(StorySettings(background_min_articles=2), KeyWeights(prior=20.0))
    index.observe(np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32))
    assert index.background() == 0.0


def test_spread_story_is_farther_than_its_centroid_says() -> None:
    tight, spread = LiveStory(story=None), LiveStory(story=None)  # type: ignore[arg-type]
    for vector in ([1.0, 0.0], [1.0, 0.0]):
        tight.add(np.array(vector, dtype=np.float32), {}, None, 48)
    for vector in ([1.0, 0.0], [0.0, 1.0]):
        spread.add(np.array(vector, dtype=np.float32), {}, None, 48)
    article = np.array([1.0, 0.0], dtype=np.float32)
    assert float(article @ tight.mean_vector()) == 1.0
    assert float(article @ spread.mean_vector()) < float(article @ spread.centroid())


def test_only_a_short_article_pays_for_days_away_from_the_story() -> None:
    index = StoryIndex(StorySettings(time_penalty_per_day=0.1), KeyWeights(prior=20.0))
    live = LiveStory(story=None)  # type: ignore[arg-type]
    live.add(np.array([1.0, 0.0], dtype=np.float32), {}, 100.0, 48)
    vector = np.array([1.0, 0.0], dtype=np.float32)
    long_keys = ArticleKeys(strengths={}, weighted={}, norm2=0.0, specific_keys=frozenset())
    short_keys = ArticleKeys(strengths={}, weighted={}, norm2=0.0, specific_keys=frozenset(), short=True)
    assert index.combined_score(long_keys, vector, live, day=103.0) == index.combined_score(long_keys, vector, live)
    assert index.combined_score(short_keys, vector, live, day=103.0) < index.combined_score(short_keys, vector, live)


def test_headlines_on_one_theme_days_apart_are_two_stories_but_full_reports_may_join() -> None:
    first = "Storm Ilka delays rowing finals at the Velmora Games"
    later = "Tarsany withdraws its team from the Velmora Games"
    headlines = [
        Article(
            id=f"h{n}", text=text, title=text, source="test", language="en", published=f"2031-07-{20 + 3 * n}T10:00"
        )
        for n, text in enumerate((first, later))
    ]
    real_news = StorySettings(  # benchmarks/real/real-news.yaml
        threshold=0.45,
        key_threshold=0.8,
        embedding_weight=1.0,
        term_weight=0.5,
        average_link=True,
        relative_meaning=True,
        time_penalty_per_day=0.5,
        thread_merge_threshold=0.6,
    )
    assert len(cluster(*headlines, settings=real_news).stories) == 2
    without_time = dataclasses.replace(real_news, time_penalty_per_day=0.0)
    assert len(cluster(*fresh(*headlines), settings=without_time).stories) == 1


def test_thread_merge_scores_a_merged_story_again_so_alike_stories_do_not_chain() -> None:
    settings = StorySettings()  # meaning 0.5: a merge needs a centroid cosine >= 0.9
    corpus = Corpus()
    for story_id, angle in (("story-a", 0), ("story-b", 20), ("story-c", 40)):
        live = LiveStory(story=Story(id=story_id, first_published="2031-05-06", last_published="2031-05-06"))
        vector = np.array([math.cos(math.radians(angle)), math.sin(math.radians(angle))], dtype=np.float32)
        live.add(vector, {}, 22771.0, 48)
        live.story.signature = live.signature(48)
        corpus.stories[story_id] = live.story
    stats = Stats()
    placing = StoryIndex(settings, KeyWeights(prior=20.0))
    ClusterStories(settings)._merge_threads(corpus, placing, set(corpus.stories), stats)
    # a-b and b-c are 20° apart (0.94), a-c 40°; once two merged, the third is 30° from their centroid (0.87)
    assert stats["threads_merged"] == 1 and len(corpus.stories) == 2


def test_undated_stories_are_within_any_thread_gap() -> None:
    undated, dated, month_later = (LiveStory(story=Story(id=i)) for i in ("u", "d", "m"))
    dated.add(None, {}, 100.0, 48)
    month_later.add(None, {}, 130.0, 48)
    step = ClusterStories()
    assert step._within_thread_gap(undated, dated) and step._within_thread_gap(dated, undated)
    assert not step._within_thread_gap(dated, month_later)


def test_a_headline_is_never_placed_by_its_keys_alone() -> None:
    headlines = [
        Article(id=f"h{n}", text=text, title=text, source="test", language="en", published="2031-07-20T10:00")
        for n, text in enumerate(("Velmora mayor Ilse Brandtveit resigns", "Ilse Brandtveit quits as Velmora mayor"))
    ]
    stats = Stats()
    ClusterStories().run(Corpus(articles={a.id: a for a in headlines}), stats)
    assert stats["placed_by_keys"] == 0 and stats["started_by_keys"] == 0 and stats["embedded"] == 2


def test_two_undated_reports_of_one_town_s_quakes_years_apart_are_two_stories() -> None:
    first = finnish("fi-1", "Velmoraa", "6,1", "40", "2031-05-06", "08:00")
    later = finnish("fi-2", "Velmoraa", "6,1", "40", "2034-05-06", "08:00")  # the same town, mayor, figures
    same_year = finnish("fi-3", "Velmoraa", "6,1", "40", "2031-05-06", "08:00")
    same_year.text = "Pormestari Aino Kettunen kertoi, että 40 taloa Velmoraa vaurioitui. Koulut pysyvät suljettuina."
    later.text = "Maanjäristys (6,1) rikkoi ikkunoita 40 talossa Velmoraa. Pormestari Aino Kettunen pyysi rauhaa."
    for article in (first, later, same_year):
        article.published = None  # an archive without datelines: only the dates in the text say the year
    cluster(first, later, same_year)
    assert first.story_id == same_year.story_id != later.story_id
    cluster(first, later, same_year, settings=StorySettings(year_penalty=0.0))
    assert first.story_id == later.story_id  # without the year, its keys placed it in the first quake's story


def test_a_feed_s_outlet_name_is_left_out_of_its_headlines_keys_in_a_run() -> None:
    titles = [
        "Harbour of Kessport reopens after storm - Coast Courier",
        "Velmora council approves new bridge - Coast Courier",
        "Ferry strike ends in Arnhall - Coast Courier",
    ]
    items = [
        Article(id=f"h{i}", source="test", language="en", published="2031-05-06T08:00:00", title=t, text=t)
        for i, t in enumerate(titles)
    ]
    stats = Stats()
    corpus = Corpus(articles={a.id: a for a in items})

    ClusterStories(StorySettings()).run(corpus, stats)

    assert stats["headlines_trimmed"] == 3
    assert all("e:courier" not in a.metadata[KEYS_KEY] for a in items)
    assert len({a.story_id for a in items}) == 3


def chained_reports() -> list[Article]:
    """Three reports of a ferry strike at Olvena and three of a dock fire at Brisk, one outlet, one language."""
    strike = [
        (
            "Ferry crews at Olvena strike over pay",
            "Ferry crews of Kestrel Lines walked out at Olvena harbour on "
            "Monday, demanding a pay rise of 8 percent. Union leader Maren Holt said sailings were cancelled.",
        ),
        (
            "Olvena ferry strike enters second day",
            "Kestrel Lines cancelled every Olvena sailing again as the crews' "
            "walkout over pay continued. Maren Holt said the union would not accept less than 8 percent.",
        ),
        (
            "Talks fail in Olvena ferry walkout",
            "Talks between Kestrel Lines and the crews' union broke down in "
            "Olvena, union leader Maren Holt said, and the pay strike will go on; passengers were stranded.",
        ),
    ]
    fire = [
        (
            "Fire destroys warehouse at Brisk docks",
            "A fire destroyed a grain warehouse at the Brisk docks on "
            "Tuesday night. Fire chief Tobias Wren said 60 firefighters fought the blaze, which began in a conveyor.",
        ),
        (
            "Brisk dock fire was caused by conveyor fault",
            "Investigators said a faulty conveyor motor started the "
            "blaze that gutted the Brisk grain warehouse. Chief Tobias Wren praised the 60 firefighters.",
        ),
        (
            "Brisk grain warehouse fire: owners count losses",
            "Owners of the burned Brisk warehouse estimated the "
            "grain lost at 4,000 tonnes, fire chief Tobias Wren said, after the conveyor blaze.",
        ),
    ]
    return [
        Article(
            id=f"report-{n}",
            source="test",
            language="en",
            outlet="Coast Courier",
            published=None,
            title=title,
            text=text,
        )
        for n, (title, text) in enumerate(strike + fire)
    ]


def chained_into_one_story(articles: list[Article], settings: StorySettings) -> Corpus:
    """Cluster the reports, then put them all into one story (as a bridging join would) and run the check."""
    corpus = cluster(*articles, settings=dataclasses.replace(settings, coherence_split_ratio=0.0))
    story = Story(id="story-chained", article_ids=[a.id for a in articles])
    corpus.stories = {story.id: story}
    for article in articles:
        article.story_id = story.id
    step = ClusterStories(settings)
    weights, term_weights = KeyWeights(settings.key_prior), KeyWeights(settings.key_prior)
    weights.count_documents(a.metadata[KEYS_KEY] for a in articles)
    term_weights.count_documents(a.metadata.get(TERMS_KEY, ()) for a in articles)
    step._split_incoherent(corpus, articles, StoryIndex(settings, weights, term_weights), term_weights, Stats())
    return corpus


def test_a_story_chaining_two_events_is_split_into_its_two_coherent_groups() -> None:
    corpus = chained_into_one_story(chained_reports(), StorySettings())
    groups = sorted(sorted(story.article_ids) for story in corpus.stories.values())
    assert groups == [["report-0", "report-1", "report-2"], ["report-3", "report-4", "report-5"]]
    assert "story-chained" in corpus.stories  # the part holding the founder keeps the story's id
    for story in corpus.stories.values():
        assert all(corpus.articles[i].story_id == story.id for i in story.article_ids)
        assert story.signature["articles"] == 3


def test_the_coherence_check_off_keeps_the_chained_story() -> None:
    corpus = chained_into_one_story(chained_reports(), StorySettings(coherence_split_ratio=0.0))
    assert len(corpus.stories) == 1


def test_a_coherent_story_of_one_event_is_not_split() -> None:
    strike = chained_reports()[:3]
    extra = [
        Article(
            id=f"more-{n}",
            source="test",
            language="en",
            outlet="Coast Courier",
            published=None,
            title=f"Olvena ferry strike: day {n + 3}",
            text=f"Kestrel Lines crews at Olvena kept up their pay "
            f"strike on day {n + 3}; union leader Maren Holt said the 8 percent demand stands.",
        )
        for n in range(3)
    ]
    corpus = chained_into_one_story(strike + extra, StorySettings())
    assert len(corpus.stories) == 1


def test_copies_follow_their_original_when_a_story_is_split() -> None:
    reports = chained_reports()
    corpus = chained_into_one_story(reports, StorySettings())  # warm-up: keys and terms stored
    copy = Article(**{**reports[4].__dict__, "id": "report-4-copy", "metadata": {}, "duplicate_of": "report-4"})
    corpus.articles[copy.id] = copy
    story = Story(id="story-chained", article_ids=[a.id for a in reports] + [copy.id])
    corpus.stories = {story.id: story}
    for article in [*reports, copy]:
        article.story_id = story.id
    settings = StorySettings()
    weights, term_weights = KeyWeights(settings.key_prior), KeyWeights(settings.key_prior)
    weights.count_documents(a.metadata[KEYS_KEY] for a in reports)
    term_weights.count_documents(a.metadata.get(TERMS_KEY, ()) for a in reports)
    index = StoryIndex(settings, weights, term_weights)
    ClusterStories(settings)._split_incoherent(corpus, reports, index, term_weights, Stats())
    assert len(corpus.stories) == 2
    assert copy.story_id == reports[4].story_id != reports[0].story_id
    assert copy.id in corpus.stories[copy.story_id].article_ids


def test_a_story_whose_articles_are_not_all_at_hand_is_not_split() -> None:
    reports = chained_reports()
    corpus = chained_into_one_story(reports, StorySettings(coherence_split_ratio=0.0))
    story = corpus.stories["story-chained"]
    story.article_ids.append("stored-elsewhere")  # an incremental run's working set lacks it
    settings = StorySettings()
    weights, term_weights = KeyWeights(settings.key_prior), KeyWeights(settings.key_prior)
    weights.count_documents(a.metadata[KEYS_KEY] for a in reports)
    index = StoryIndex(settings, weights, term_weights)
    ClusterStories(settings)._split_incoherent(corpus, reports, index, term_weights, Stats())
    assert list(corpus.stories) == ["story-chained"]


TIED_REPORTS = """
from storylens.model import Article, Corpus
from storylens.pipeline import Stats
from storylens.steps.stories import ClusterStories
from storylens.steps.story_settings import StorySettings

def report(article_id, hour, text):
    return Article(article_id, text, "test", language="en", published=f"2031-05-06T{hour:02d}:00:00")

articles = []
for n, (a, b, c, d) in enumerate([("Arvel", "Brisk", "Corran", "Dunmore"), ("Elsby", "Fennick", "Galloway", "Hesk"),
                                  ("Istar", "Jorvik", "Kells", "Lorne"), ("Marrow", "Nesbit", "Orrin", "Pellow")]):
    articles += [
        report(f"{n}-first", 3 * n, f"Mayor {a}son opened the bridge at {b}ia on Monday."),
        report(f"{n}-second", 3 * n, f"Mayor {c}son opened the bridge at {d}ia on Monday."),
        report(f"{n}-both", 3 * n + 1, f"Mayors {a}son and {c}son opened the bridges at {b}ia and {d}ia on Monday."),
    ]
corpus = Corpus(articles={a.id: a for a in articles})
ClusterStories(StorySettings(embedding_weight=0)).run(corpus, Stats())
print(sorted(sorted(story.article_ids) for story in corpus.stories.values()))
"""


def test_a_report_fitting_two_stories_equally_joins_the_earlier_one_whatever_the_hash_seed() -> None:
    """Two runs over one input must group it alike: the candidate stories of a report are scored in the order
    they were started, not in the iteration order of a set of story ids (which Python's string hashing changes
    from process to process), and of two stories it fits equally well it joins the earlier one."""
    outputs = stdout_under_hash_seeds(TIED_REPORTS, range(5))
    # each "both" report names the mayor and town of two stories started at the same hour: it takes the first's
    expected = [[f"{n}-both", f"{n}-first"] for n in range(4)] + [[f"{n}-second"] for n in range(4)]
    assert outputs == {f"{sorted(expected)}\n"}


def test_candidates_come_in_the_order_their_stories_were_started() -> None:
    weights = KeyWeights(prior=20.0)
    index = StoryIndex(StorySettings(), weights)
    for story_id in ("story-z", "story-m", "story-a"):
        live = LiveStory(story=Story(id=story_id))
        live.add(None, {"e:varlo": 1.0}, 1.0, max_keys=8)
        index.put(live)
    keys = ArticleKeys.of({"e:varlo": 1.0}, weights)
    assert index.candidates(keys, None) == ["story-z", "story-m", "story-a"]
    assert index.anchored_stories(keys) == ["story-z", "story-m", "story-a"]


def test_an_undated_report_joins_its_dated_event_s_story_after_that_story_was_retired() -> None:
    dated = finnish("fi-1", "Velmoraa", "6,1", "40", "2031-05-06", "08:00")
    weeks_later = finnish("fi-2", "Tarskia", "5,4", "12", "2031-06-20", "08:00")  # retires the Velmoraa story
    weeks_later.text = (
        "Voimakkuudeltaan 5,4 maanjäristys vaurioitti 12 taloa Tarskia. Pormestari Oskar Lindqvist puhui."
    )
    undated = finnish("fi-3", "Velmoraa", "6,1", "40", "2031-05-06", "09:00")
    undated.text = "Pormestari Aino Kettunen kertoi, että 40 taloa Velmoraa vaurioitui (6,1). Koulut ovat kiinni."
    undated.published, undated.time_expressions = None, []  # an archive's report without its dateline
    no_merge = StorySettings(thread_merge_threshold=0.0, embed_batch=1)  # one article a chunk: retired in turn
    cluster(dated, weeks_later, undated, settings=no_merge)
    assert undated.story_id == dated.story_id != weeks_later.story_id
    cluster(dated, weeks_later, undated, settings=dataclasses.replace(no_merge, undated_see_all=False))
    assert undated.story_id != dated.story_id  # it only saw the stories still live: it started its own


def test_a_report_left_in_another_event_s_story_moves_to_its_own_event_once_that_holds_reports() -> None:
    settings = StorySettings(embedding_weight=0.0)
    weights = KeyWeights(settings.key_prior, settings.candidate_key_share)
    index = StoryIndex(settings, weights)
    own_event = {"e:tarsk": 1.0, "e:lindqvist": 1.0, "n:5.4": 1.0, "n:12": 1.0}
    other_event = {"e:velmora": 1.0, "e:brandtveit": 1.0, "n:6.1": 1.0, "n:40": 1.0}
    report_keys = {**own_event, "e:velmora": 1.0}  # it also names the other quake
    for keys in (own_event, other_event, report_keys):
        weights.count_documents([list(keys)])
    wrong, right = LiveStory(story=Story(id="story-velmora")), LiveStory(story=Story(id="story-tarsk"))
    for _ in range(3):
        wrong.add(None, other_event, None, settings.max_keys)
        right.add(None, own_event, None, settings.max_keys)
    text = "the quake damaged homes in the mountain village and the school gym opened as a shelter. " * 3
    report = Article(id="tarsk-report", source="test", text=text, story_id=wrong.story.id)  # a full report
    report.metadata[KEYS_KEY] = sorted(report_keys)
    wrong.add(None, report_keys, None, settings.max_keys)  # placed there before the Tarsk story existed
    wrong.story.article_ids.append(report.id)
    index.put(wrong)
    index.put(right)
    touched = {wrong.story.id: wrong, right.story.id: right}
    ClusterStories(settings)._reassign(
        [report], (weights, KeyWeights(settings.key_prior)), index, touched, set(), Stats()
    )
    assert report.story_id == right.story.id
    assert report.id in right.story.article_ids and report.id not in wrong.story.article_ids
    assert wrong.size == 3 and "e:tarsk" not in wrong.key_counts


def two_arrests() -> list[Article]:
    """Two players of one club arrested on one charge, weeks apart: the second arrest's reports recall the first
    in their bodies, and every report opens with its own player."""
    first = [
        (
            "Harbourton forward Dolan arrested",
            "Harbourton forward Piet Dolan was arrested on suspicion of drunk driving near a nightclub on the "
            "coast road early Sunday, police said. Officers stopped his sports car at 3 a.m.",
        ),
        (
            "Dolan held after nightclub night out",
            "Piet Dolan of Harbourton was held on suspicion of drunk driving after leaving a nightclub. Officers "
            "stopped his sports car on the coast road, police said.",
        ),
        (
            "Harbourton's Dolan arrested on coast road",
            "Police arrested Harbourton forward Piet Dolan on suspicion of drunk driving on the coast road after "
            "a night at a nightclub. His sports car was towed.",
        ),
    ]
    second = [
        (
            "Harbourton keeper Okafor arrested",
            "Harbourton goalkeeper Sami Okafor was arrested on suspicion of drunk driving at the airport "
            "roundabout on Saturday, police said. It is the club's second such arrest this season after Piet Dolan.",
        ),
        (
            "Okafor fails breath test at airport roundabout",
            "Sami Okafor of Harbourton failed a breath test at the airport roundabout, police said. Teammate "
            "Piet Dolan was arrested for drunk driving weeks ago.",
        ),
        (
            "Harbourton's Okafor arrested after breath test",
            "Police arrested Harbourton goalkeeper Sami Okafor after a breath test at the airport roundabout. "
            "Forward Piet Dolan was arrested for drunk driving this season too.",
        ),
    ]
    articles = [
        Article(id=f"arrest-{n}", source="test", language="en", published=None, title=title, text=text)
        for n, (title, text) in enumerate(first + second)
    ]
    for article in articles:  # what the entity step finds: the people named in full
        article.mentions = people_in(article, ("Piet Dolan", "Sami Okafor"))
    return articles


def test_a_story_of_two_arrests_opening_with_different_players_is_split_even_when_its_cut_is_not_weak() -> None:
    settings = StorySettings()
    corpus = chained_into_one_story(two_arrests(), settings)
    groups = sorted(sorted(story.article_ids) for story in corpus.stories.values())
    assert groups == [["arrest-0", "arrest-1", "arrest-2"], ["arrest-3", "arrest-4", "arrest-5"]]
    # the words and keys alone do not fall apart enough for the coherence check
    kept = chained_into_one_story(two_arrests(), dataclasses.replace(settings, opening_split_ratio=0.0))
    assert len(kept.stories) == 1
