"""Live stories and their scoring: term average link, lexical evidence, story-to-story scores."""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from storylens.model import Story
from storylens.steps.story_index import StoryIndex, ThreadScorer, cross_language_share, years_apart
from storylens.steps.story_keys import ArticleKeys, KeyEvidence, KeyWeights
from storylens.steps.story_settings import StorySettings
from storylens.steps.story_signature import LiveStory, nearest_day, time_gap_days


def unit(angle_degrees: float) -> np.ndarray:
    return np.array([math.cos(math.radians(angle_degrees)), math.sin(math.radians(angle_degrees))], dtype=np.float32)


def keys_with_terms(vector: dict[str, float]) -> ArticleKeys:
    return ArticleKeys(strengths={}, weighted={}, norm2=0.0, specific_keys=frozenset(), term_vector=vector)


def test_term_similarity_is_the_average_cosine_with_the_members() -> None:
    story = LiveStory(story=Story(id="story-port"))
    story.add(None, {}, None, 48, term_vector={"crane": 1.0})
    story.add(None, {}, None, 48, term_vector={"strike": 1.0})
    assert StoryIndex.term_similarity(keys_with_terms({"crane": 1.0}), story) == 0.5
    assert StoryIndex.term_similarity(keys_with_terms({"tram": 1.0}), story) == 0.0


def test_a_story_keeps_its_term_sum_through_its_signature_and_a_merge() -> None:
    first, second = LiveStory(story=Story(id="a")), LiveStory(story=Story(id="b"))
    first.add(None, {}, None, 48, term_vector={"crane": 0.6, "port": 0.8})
    second.add(None, {}, None, 48, term_vector={"crane": 1.0})
    first.merge(second)
    assert first.term_members == 2 and first.term_sum["crane"] == 1.6
    story = Story(id="a", signature=first.signature(48))
    restored = LiveStory.from_signature(story)
    assert restored.term_members == 2 and restored.term_sum == first.term_sum


def test_shared_words_count_above_the_floor_and_only_as_far_as_keys_agree() -> None:
    index = StoryIndex(StorySettings(term_floor=0.2), KeyWeights(prior=20.0))
    story = LiveStory(story=Story(id="story-port"))
    story.add(None, {}, None, 48, term_vector={"crane": 1.0})
    same_words = keys_with_terms({"crane": 1.0})
    assert index.lexical_evidence(same_words, story, KeyEvidence()) == 1.0
    assert index.lexical_evidence(same_words, story, KeyEvidence(conflict=0.75)) == 0.25
    faint = keys_with_terms({"crane": 0.2, "tram": math.sqrt(1 - 0.04)})
    assert index.lexical_evidence(faint, story, KeyEvidence()) == 0.0  # at the floor: the event kind's words


def test_a_headline_s_shared_words_count_whatever_its_few_keys_say() -> None:
    index = StoryIndex(StorySettings(term_floor=0.2), KeyWeights(prior=20.0))
    story = LiveStory(story=Story(id="story-rowing"))
    story.add(None, {}, None, 48, term_vector={"regatta": 1.0}, short=True)
    headline = dataclasses.replace(keys_with_terms({"regatta": 1.0}), short=True)
    assert index.lexical_evidence(headline, story, KeyEvidence(conflict=0.75)) == 1.0
    report = keys_with_terms({"regatta": 1.0})  # a full report's words still count as far as its keys agree
    assert index.lexical_evidence(report, story, KeyEvidence(conflict=0.75)) == 0.25


def story_between(story_id: str, first: float, last: float) -> LiveStory:
    story = LiveStory(story=Story(id=story_id))
    for day in (first, last):
        story.add(unit(0), {}, day, 48, short=True)
    return story


def test_the_time_gap_between_two_stories_is_between_their_ranges() -> None:
    long_story, inside = story_between("a", 10.0, 13.0), story_between("b", 11.0, 11.5)
    after = story_between("c", 15.0, 16.0)
    assert time_gap_days(nearest_day(10.0, 13.0, inside), inside) == 0.0  # nested: no gap
    assert time_gap_days(13.0, inside) == 1.5  # the earlier story's last day: the old measure
    assert time_gap_days(nearest_day(10.0, 13.0, after), after) == 2.0
    assert time_gap_days(nearest_day(11.0, 11.5, long_story), long_story) == 0.0
    assert nearest_day(None, None, inside) is None


def test_a_headline_story_inside_a_longer_one_s_range_pays_no_time_penalty() -> None:
    settings = StorySettings(time_penalty_per_day=0.5)
    scorer = ThreadScorer(settings, StoryIndex(settings, KeyWeights(prior=20.0)))
    long_story = story_between("a", 10.0, 13.0)
    inside, overlapping = story_between("b", 11.0, 11.5), story_between("c", 12.0, 12.5)
    assert scorer.score(long_story, inside) == scorer.score(long_story, overlapping)
    assert scorer.score(long_story, story_between("d", 14.0, 14.5)) < scorer.score(long_story, inside) - 0.4


def test_a_headline_is_compared_with_the_members_average_not_the_spread_story_s_centroid() -> None:
    settings = StorySettings(background_min_articles=3, key_weight=0.0, short_embedding_weight=0.5)
    index = StoryIndex(settings, KeyWeights(prior=20.0))
    index.observe(np.stack([unit(0), unit(90)]))  # too few for a background: only the average link differs
    spread = LiveStory(story=Story(id="story-spread"))
    spread.add(unit(0), {}, None, 48)
    spread.add(unit(90), {}, None, 48)
    report = ArticleKeys(strengths={}, weighted={}, norm2=0.0, specific_keys=frozenset())
    headline = ArticleKeys(strengths={}, weighted={}, norm2=0.0, specific_keys=frozenset(), short=True)
    assert index.combined_score(headline, unit(0), spread) == 0.5 * 0.5  # average cosine 0.5
    assert abs(index.combined_score(report, unit(0), spread) - 0.5 * math.sqrt(0.5)) < 1e-6  # centroid at 45°


def test_a_story_keeps_its_languages_and_scripts_through_its_signature_and_a_merge() -> None:
    first, second = LiveStory(story=Story(id="a")), LiveStory(story=Story(id="b"))
    first.add(None, {}, None, 48, languages={"en": 1.0}, scripts=frozenset({"LATIN"}))
    second.add(None, {}, None, 48, languages={"ru": 1.0}, scripts=frozenset({"CYRILLIC"}))
    first.merge(second)
    restored = LiveStory.from_signature(Story(id="a", signature=first.signature(48)))
    assert restored.languages == {"en": 1, "ru": 1} and restored.scripts == {"LATIN": 1, "CYRILLIC": 1}


def test_cross_language_share_is_the_share_of_pairs_in_different_languages() -> None:
    story = LiveStory(story=Story(id="story-port"))
    for language in ("en", "en", "es", "de"):
        story.add(None, {}, None, 48, languages={language: 1.0})
    english = ArticleKeys(strengths={}, weighted={}, norm2=0.0, specific_keys=frozenset(), languages={"en": 1.0})
    french = ArticleKeys(strengths={}, weighted={}, norm2=0.0, specific_keys=frozenset(), languages={"fr": 1.0})
    unknown = ArticleKeys(strengths={}, weighted={}, norm2=0.0, specific_keys=frozenset())
    assert cross_language_share(english, story) == 0.5
    assert cross_language_share(french, story) == 1.0
    assert cross_language_share(unknown, story) == 0.0


def test_meaning_stands_in_for_words_across_languages_only_with_shared_evidence_or_another_script() -> None:
    index = StoryIndex(StorySettings(term_floor=0.2), KeyWeights(prior=20.0))
    story = LiveStory(story=Story(id="story-port"))
    story.add(None, {}, None, 48, languages={"en": 1.0}, scripts=frozenset({"LATIN"}))

    def side(language: str, script: str) -> ArticleKeys:
        keys = ArticleKeys(strengths={}, weighted={}, norm2=0.0, specific_keys=frozenset())
        keys.languages, keys.scripts = {language: 1.0}, frozenset({script})
        return keys

    shared_name = KeyEvidence(similarity=0.4, anchored=True)
    assert abs(index.cross_language_evidence(side("es", "LATIN"), story, shared_name, 0.6) - 0.5) < 1e-6
    assert index.cross_language_evidence(side("es", "LATIN"), story, KeyEvidence(), 0.6) == 0.0  # nothing shared
    assert index.cross_language_evidence(side("en", "LATIN"), story, shared_name, 0.6) == 0.0  # words decide
    assert abs(index.cross_language_evidence(side("ru", "CYRILLIC"), story, KeyEvidence(), 0.6) - 0.5) < 1e-6


def test_across_scripts_only_numbers_and_dates_can_conflict() -> None:
    index = StoryIndex(StorySettings(), KeyWeights(prior=20.0))
    story = LiveStory(story=Story(id="story-quake"))
    story.add(None, {"e:velmora": 1.0, "n:6.1": 1.0}, None, 48, scripts=frozenset({"LATIN"}))

    def side(keys: dict[str, float], script: str) -> ArticleKeys:
        article = ArticleKeys.of(keys, index.weights)
        article.scripts = frozenset({script})
        return article

    russian = side({"e:вельмора": 1.0, "n:6.1": 1.0}, "CYRILLIC")  # the town's name as written in Cyrillic
    assert index.key_evidence(russian, story).conflict == 0.0
    other_quake = side({"e:тарск": 1.0, "n:5.4": 1.0}, "CYRILLIC")
    assert index.key_evidence(other_quake, story).conflict == 1.0
    assert index.key_evidence(side({"e:tarsk": 1.0, "n:6.1": 1.0}, "LATIN"), story).conflict > 0.0


def test_centred_meaning_counts_what_two_texts_share_beyond_the_feed_s_theme() -> None:
    index = StoryIndex(StorySettings(background_min_articles=4), KeyWeights(prior=20.0))
    root = math.sqrt(0.5)
    feed = np.array([[root, root, 0], [root, -root, 0], [root, 0, root], [root, 0, -root]], dtype=np.float32)
    index.observe(feed)  # every headline leans on the theme (the first axis): the corpus mean is (0.71, 0, 0)
    rowing, sailing = feed[0], feed[2]
    assert abs(float(rowing @ sailing) - 0.5) < 1e-6  # raw cosine: the shared theme
    assert abs(index.centred_meaning(rowing, sailing)) < 1e-6  # nothing beyond it
    assert abs(index.centred_meaning(rowing, rowing) - 1.0) < 1e-6


def test_sides_years_apart_pay_the_year_penalty_a_thread_across_years_does_not() -> None:
    assert years_apart({2034}, [2031], gap=2)
    assert not years_apart({2032}, [2031], gap=2)  # next year: a trial after an arrest
    assert not years_apart({2034}, [2031, 2033], gap=2)  # the thread reaches 2033
    assert not years_apart(set(), [2031], gap=2) and not years_apart({2034}, [], gap=2)  # unknown: no evidence
    index = StoryIndex(StorySettings(year_penalty=0.4), KeyWeights(prior=20.0))
    story = LiveStory(story=Story(id="story-quake"))
    story.add(unit(0), {}, None, 48, years=[2031])
    report = ArticleKeys(strengths={}, weighted={}, norm2=0.0, specific_keys=frozenset())
    same_year = index.combined_score(dataclasses.replace(report, years=frozenset({2031})), unit(0), story)
    years_later = index.combined_score(dataclasses.replace(report, years=frozenset({2034})), unit(0), story)
    assert abs(same_year - years_later - 0.4) < 1e-9


def test_a_story_keeps_its_years_through_its_signature_and_a_merge() -> None:
    first, second = LiveStory(story=Story(id="a")), LiveStory(story=Story(id="b"))
    first.add(None, {}, None, 48, years=[2031])
    second.add(None, {}, None, 48, years=[2033])
    first.merge(second)
    assert LiveStory.from_signature(Story(id="a", signature=first.signature(48))).years == {2031: 1, 2033: 1}


def test_story_ids_do_not_collide_at_the_size_of_a_monitor_store() -> None:
    """Ids come from the founding article's id; 300,000 stories (a store of about a million articles) get
    300,000 distinct ids (32-bit ids collided at 34,000), and the same founder always gets the same id."""
    from storylens.model import article_id_for
    from storylens.steps.story_signature import story_id_for

    ids = {story_id_for(article_id_for(f"founding report number {number}")) for number in range(300_000)}
    assert len(ids) == 300_000
    assert story_id_for("a1") == story_id_for("a1") and story_id_for("a1").startswith("story-")


def boxing_story(opponent: str) -> LiveStory:
    """Three reports of one title defence: the champion, his opponent, the town, the round."""
    story = LiveStory(story=Story(id=f"story-{opponent}"))
    for _ in range(3):
        story.add(None, {"e:varga": 1.0, f"e:{opponent}": 1.0, "e:kessport": 1.0, "n:7": 1.0}, None, 48)
    return story


def report(keys: dict[str, float], headline: set[str]) -> ArticleKeys:
    return dataclasses.replace(
        ArticleKeys.of(keys, KeyWeights(prior=20.0)), headline=frozenset(headline), years=frozenset()
    )


def test_a_headline_naming_another_opponent_of_the_champion_is_a_lead_conflict_a_follow_up_is_not() -> None:
    index = StoryIndex(StorySettings(), KeyWeights(prior=20.0))
    story = boxing_story("okafor")
    other_fight = report({"e:varga": 1.0, "e:lindqvist": 1.0, "n:6": 1.0}, {"e:varga", "e:lindqvist"})
    assert index.lead_conflict(other_fight, story)  # its own opponent, and never the story's
    follow_up = report(
        {"e:varga": 1.0, "e:okafor": 1.0, "e:kessport": 1.0, "n:7": 1.0, "e:brandt": 1.0}, {"e:okafor", "e:brandt"}
    )
    assert not index.lead_conflict(follow_up, story)  # a new name (the referee), but it names all the story's core
    alike = report({"e:varga": 1.0, "e:okafor": 1.0}, {"e:varga"})
    assert not index.lead_conflict(alike, story)  # its headline names nobody the story lacks
    penalty = StorySettings().lead_conflict_penalty
    with_conflict = index.combined_score(other_fight, None, story)
    without = StoryIndex(StorySettings(lead_conflict_penalty=0.0), KeyWeights(prior=20.0))
    assert abs(without.combined_score(other_fight, None, story) - with_conflict - penalty) < 1e-9


def test_two_stories_of_two_fights_conflict_in_the_thread_merge_by_their_cores() -> None:
    settings = StorySettings()
    placing = StoryIndex(settings, KeyWeights(prior=20.0))
    scorer = ThreadScorer(settings, placing)
    first, second = boxing_story("okafor"), boxing_story("lindqvist")
    assert scorer.keys_of(first).headline == {"e:varga", "e:okafor", "e:kessport", "n:7"}
    assert scorer.index.lead_conflict(scorer.keys_of(first), second)
    assert not scorer.index.lead_conflict(scorer.keys_of(first), boxing_story("okafor"))


def test_removing_an_article_undoes_adding_it() -> None:
    story = LiveStory(story=Story(id="story-quake"))
    story.add(
        unit(0),
        {"e:velmora": 1.0, "n:40": 1.0},
        None,
        48,
        ["velmor"],
        term_vector={"velmor": 1.0},
        languages=["en"],
        scripts=["latin"],
        years=[2031],
    )
    story.add(
        unit(90),
        {"e:velmora": 1.0, "e:tarsk": 1.0},
        None,
        48,
        ["tarsk"],
        term_vector={"tarsk": 1.0},
        languages=["fi"],
        scripts=["latin"],
        years=[2034],
    )
    rest = story.copy()
    rest.remove(
        unit(90),
        {"e:velmora": 1.0, "e:tarsk": 1.0},
        ["tarsk"],
        term_vector={"tarsk": 1.0},
        languages=["fi"],
        scripts=["latin"],
        years=[2034],
    )
    assert rest.size == 1 and rest.embedded == 1 and rest.term_members == 1
    assert rest.key_counts == {"e:velmora": 1.0, "n:40": 1.0} and rest.term_sum == {"velmor": 1.0}
    assert rest.languages == {"en": 1} and rest.years == {2031: 1} and rest.scripts == {"latin": 1}
    assert np.allclose(rest.centroid_sum, unit(0))
    assert story.size == 2 and story.key_counts["e:tarsk"] == 1.0  # the copy left the story as it was


def arrest_story(protagonist: str, recalled: str | None, reports: int = 4) -> LiveStory:
    """Reports of one player's arrest: each opens with him; a later arrest's reports recall the earlier one
    (`recalled`) further down, so that name is in their texts but not in their openings."""
    story = LiveStory(story=Story(id=f"story-{protagonist}"))
    keys = {"e:harbourton": 1.0, f"e:{protagonist}": 1.0} | ({f"e:{recalled}": 1.0} if recalled else {})
    for _ in range(reports):
        story.add(None, keys, None, 48, opening=["e:harbourton", f"e:{protagonist}"])
    return story


def test_two_stories_opening_with_different_players_are_apart_even_when_one_recalls_the_other() -> None:
    settings = StorySettings()
    index = StoryIndex(settings, KeyWeights(prior=20.0))
    first = arrest_story("dolan", None)
    second = arrest_story("okafor", recalled="dolan")  # "the team's second arrest this month, after Dolan's"
    assert index.open_apart(first, second) and index.open_apart(second, first)
    assert not index.open_apart(first, arrest_story("dolan", None))  # a thread's parts open with one player
    small = arrest_story("okafor", "dolan", reports=2)
    assert not index.open_apart(first, small)  # two reports are too few to say what a story opens with
    scorer = ThreadScorer(settings, index)
    without = ThreadScorer(dataclasses.replace(settings, opening_conflict_penalty=0.0), index)
    difference = without.score(first, second) - scorer.score(first, second)
    assert abs(difference - settings.opening_conflict_penalty) < 1e-9


def test_a_story_keeps_what_its_reports_open_with_through_its_signature_a_merge_and_a_removal() -> None:
    first, second = arrest_story("dolan", None, reports=2), arrest_story("okafor", None, reports=1)
    first.merge(second)
    restored = LiveStory.from_signature(Story(id="a", signature=first.signature(48)))
    assert restored.opening_counts == {"e:harbourton": 3, "e:dolan": 2, "e:okafor": 1}
    report = dataclasses.replace(
        ArticleKeys.of({"e:harbourton": 1.0, "e:okafor": 1.0}, KeyWeights(prior=20.0)),
        opening=frozenset({"e:harbourton", "e:okafor"}),
    )
    restored.remove_article(None, report)
    assert restored.opening_counts == {"e:harbourton": 2, "e:dolan": 2}
