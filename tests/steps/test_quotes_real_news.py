"""Quote constructions common in real news that the first rules missed: titles before colon quotes,
honorifics, archive-style doubled apostrophes, split quotes, and reported speech read from the parse.
All sentences are our own (fictional people and places)."""

from __future__ import annotations

from storylens.model import Article, Mention
from storylens.nlp import forget_parses
from storylens.pipeline import Stats
from storylens.steps.quote_text import find_quoted_spans
from storylens.steps.quotes import ExtractQuotes, QuoteSettings


def quotes_of(text: str, mentions: list[Mention] | None = None, language: str = "en", **settings: object):
    article = Article(id="a1", text=text, source="test", language=language, mentions=mentions or [])
    [article] = list(ExtractQuotes(QuoteSettings(**settings)).run([article], Stats()))  # type: ignore[arg-type]
    return article.quotes


def mention(text: str, whole: str, label: str = "PERSON") -> Mention:
    start = whole.index(text)
    return Mention("a1", start, start + len(text), text, label)


def summary(quotes) -> list[tuple[str, str, str | None]]:
    return [(q.text, q.kind, q.speaker.text if q.speaker else None) for q in quotes]


def test_colon_quote_after_title_gets_person_speaker_not_nationality():
    text = 'Dravonian Interior Minister Paulo Ferrante: "We will not bow to threats from anyone."'
    mentions = [mention("Dravonian", text, "NORP"), mention("Paulo Ferrante", text)]
    [quote] = quotes_of(text, mentions)
    assert (quote.speaker.text, quote.speaker.mention) == ("Paulo Ferrante", 1)


def test_place_at_clause_start_gives_way_to_the_organization_after_it():
    text = "“Prices will fall by spring,” Velden Harbour Board said."
    mentions = [mention("Velden", text, "GPE"), mention("Velden Harbour Board", text, "ORG")]
    [quote] = quotes_of(text, mentions)
    assert quote.speaker.text == "Velden Harbour Board"


def test_honorific_before_the_name_is_part_of_the_speaker():
    text = "“The budget is final,” said Mr. Tomlin, the treasurer of Brekka."
    [quote] = quotes_of(text)
    assert (quote.text, quote.speaker.text) == ("The budget is final,", "Mr. Tomlin")


def test_doubled_apostrophes_quote_with_speaker_after():
    text = "''We are not done yet,'' Sen. Ada Marlowe said on Friday."
    [quote] = quotes_of(text)
    assert (quote.text, quote.kind, quote.speaker.text) == ("We are not done yet,", "direct", "Sen. Ada Marlowe")


def test_doubled_apostrophes_keep_an_inner_apostrophe():
    text = "He said: ''It's the Velden ferry's last winter.''"
    [span] = find_quoted_spans(text)
    assert text[span.content_start : span.content_end] == "It's the Velden ferry's last winter."


def test_split_quote_within_one_sentence_is_one_quote():
    text = "“The harbour,” said Ana Ruiz, “will stay open all winter.”"
    [quote] = quotes_of(text)
    assert quote.text == "The harbour,” said Ana Ruiz, “will stay open all winter."
    assert quote.speaker.text == "Ana Ruiz"


def test_split_quote_over_two_sentences_stays_two_quotes_unless_asked():
    text = "“The harbour will stay open,” Ruiz said. “Nobody will lose their job.”"
    assert len(quotes_of(text)) == 2
    [joined] = quotes_of(text, join_split_quotes_across_sentences=True)
    assert joined.text.endswith("Nobody will lose their job.")


def test_reported_speech_past_a_relative_clause_and_adverbials():
    text = "Ada Marlowe, who chairs the finance panel, said on Tuesday in a statement that the vote would be delayed."
    [quote] = quotes_of(text)
    assert summary([quote]) == [("the vote would be delayed", "indirect", "Ada Marlowe")]


def test_reporting_clause_inside_the_content():
    text = "The new bridge, Marlowe said, will not open before the winter storms."
    [quote] = quotes_of(text)
    assert quote.text == "The new bridge, Marlowe said, will not open before the winter storms"
    assert (quote.kind, quote.speaker.text) == ("indirect", "Marlowe")


def test_denied_report_is_no_quote():
    assert quotes_of("The treasurer did not say whether the ferry would run in May.") == []


def test_according_to_after_the_content():
    text = "Ferries will run again from June, according to the harbour office in Brekka."
    [quote] = quotes_of(text)
    assert (quote.text, quote.kind) == ("Ferries will run again from June", "attributed")
    assert quote.speaker.text.startswith("the harbour office")


def test_belief_is_attributed_not_indirect_speech():
    text = "Tomas Berg believes the ferry company will go bankrupt within a year."
    [quote] = quotes_of(text)
    assert summary([quote]) == [("the ferry company will go bankrupt within a year", "attributed", "Tomas Berg")]


def test_accusation_content_names_the_accused_and_what_they_did():
    text = "Opposition leader Mira Osei accused the mayor of hiding the audit from the council."
    [quote] = quotes_of(text)
    assert (quote.text, quote.kind) == ("the mayor of hiding the audit from the council", "attributed")
    assert quote.speaker.text.endswith("Mira Osei")


def test_pronoun_subject_of_reported_speech_links_to_the_person():
    text = "Ana Ruiz arrived late. She told reporters the contract had been signed in secret."
    [quote] = quotes_of(text, [mention("Ana Ruiz", text)])
    assert (quote.text, quote.speaker.text, quote.speaker.mention) == (
        "the contract had been signed in secret",
        "She",
        0,
    )


def test_without_a_parse_surface_rules_still_find_reported_speech():
    text = "Ana Ruiz said that the contract had been signed in secret."
    [quote] = quotes_of(text, parse_reported_speech=False)
    assert summary([quote]) == [("the contract had been signed in secret", "indirect", "Ana Ruiz")]


def test_quote_without_reporting_verb_takes_the_subject_of_its_sentence():
    text = "Mira Osei dismissed the harbour audit as “a paper exercise with no teeth at all.”"
    [quote] = quotes_of(text)
    assert (quote.kind, quote.speaker.text) == ("direct", "Mira Osei")


def test_paragraph_after_a_colon_reporting_clause_is_a_quote():
    text = (
        "The treasurer spoke for an hour.\n\nTomlin added:\n\n"
        "The ferry will not run this winter, and nobody in Brekka should pretend otherwise.\n\n"
        "The meeting ended at noon."
    )
    [quote] = quotes_of(text)
    assert quote.text == "The ferry will not run this winter, and nobody in Brekka should pretend otherwise."
    assert (quote.kind, quote.speaker.text) == ("direct", "Tomlin")


def test_transcript_lines_are_quotes_of_their_labels():
    text = "MARLOWE: We will hold the vote on Friday as planned.\nOSEI: Then you will lose it, and you know it.\n"
    quotes = quotes_of(text)
    assert [(q.text, q.speaker.text) for q in quotes] == [
        ("We will hold the vote on Friday as planned.", "MARLOWE"),
        ("Then you will lose it, and you know it.", "OSEI"),
    ]


def test_a_single_capitalized_label_line_is_no_transcript():
    assert quotes_of("UPDATE: The ferry to Brekka runs again from Monday morning.") == []


def test_batch_parse_gives_the_same_quotes_as_one_article_at_a_time():
    texts = [
        "House Speaker Ana Ruiz, who chairs the committee, said on Monday that the budget would pass.",
        "The plan, Councillor Odo Brandt argued, will fail. He accused the board of hiding the costs.",
        "According to the harbour authority, the piers will reopen in March.",
    ]
    alone = []
    for text in texts:
        forget_parses()  # each parsed in a batch of its own
        alone.append(quotes_of(text))
    forget_parses()
    articles = [Article(id=f"a{n}", text=text, source="test", language="en") for n, text in enumerate(texts)]
    together = list(ExtractQuotes(QuoteSettings(parse_batch_articles=3)).run(articles, Stats()))
    assert [summary(article.quotes) for article in together] == [summary(quotes) for quotes in alone]
    assert all(alone)


def test_parsed_content_ends_before_a_relative_clause_that_quotes_anew():
    text = (
        "Brandt said the ferry had been delayed by the storm and would resume on the coastal routes that serve "
        "the islands, which he described as “a lifeline for older residents”."
    )
    for settings in ({}, {"absorb_partial_quotes": True}):  # the quote is not absorbed: it is Brandt's anew
        reported, quoted = quotes_of(text, **settings)
        assert reported.text.endswith("routes that serve the islands")
        assert (quoted.text, quoted.kind) == ("a lifeline for older residents", "direct")


def test_parsed_content_ends_before_the_speakers_next_speech_act():
    text = "Deputy Lena Oster said the audit had been rushed and repeated her call for a public hearing."
    [quote] = quotes_of(text)
    assert summary([quote]) == [("the audit had been rushed", "indirect", "Deputy Lena Oster")]


def test_quoted_sentences_join_over_a_long_reporting_sentence_when_asked():
    text = "“The harbour will stay open,” said Ilse Brandt, who has run the port since 2019. “Nobody will lose a job.”"
    [quote] = quotes_of(text, join_split_quotes_across_sentences=True)
    assert quote.text.startswith("The harbour will stay open") and quote.text.endswith("Nobody will lose a job.")
    assert quote.speaker.text == "Ilse Brandt"


def test_pieces_of_one_sentence_with_a_clause_of_the_writer_between_are_not_joined():
    text = "“Are you winning?” she said, but the crowd was already leaving the square, “or losing?”"
    assert len(quotes_of(text)) == 2


def test_pieces_with_a_sentence_of_the_writer_between_are_not_joined():
    text = "“The harbour will stay open,” Brandt said. The crowd cheered loudly. “Nobody will lose a job here.”"
    assert len(quotes_of(text, join_split_quotes_across_sentences=True)) == 2


def test_apposition_between_subject_and_verb_is_not_the_content():
    text = "Mara Tovin, a lawyer helping the tenants of Brekka, said the rent rise had never been approved."
    [quote] = quotes_of(text)
    assert summary([quote]) == [("the rent rise had never been approved", "indirect", "Mara Tovin")]


def test_reported_clause_before_a_quote_after_a_clause_break_is_kept():
    text = 'Ilse Brandt said she saw no reason to change the plan, telling the Velden Herald that "we keep our word."'
    quotes = quotes_of(text)
    assert summary(quotes) == [
        ("she saw no reason to change the plan", "indirect", "Ilse Brandt"),
        ("we keep our word.", "direct", "Ilse Brandt"),
    ]


def test_contrast_before_the_next_speech_act_ends_the_content():
    text = 'On Monday, Ilse Brandt, 61, said it was too early to count the losses but added, "We will rebuild."'
    quotes = quotes_of(text)
    assert [quote.text for quote in quotes] == ["it was too early to count the losses", "We will rebuild."]


def test_call_content_starts_at_the_person_called_on():
    text = "Senator Ada Marlowe called on Mayor Tomas Reyl to resign over the harbour audit."
    [quote] = quotes_of(text)
    assert (quote.text, quote.kind) == ("Mayor Tomas Reyl to resign over the harbour audit", "attributed")


def test_condition_opening_the_content_keeps_its_if():
    text = "Ana Ruiz said if elected she would reopen the ferry line."
    [quote] = quotes_of(text)
    assert quote.text == "if elected she would reopen the ferry line"


def test_noun_phrase_statement_is_attributed_to_the_subject():
    text = "The Velden ferry company reported a loss of two million crowns for the winter season."
    [quote] = quotes_of(text)
    assert (quote.text, quote.kind) == ("a loss of two million crowns for the winter season", "attributed")
    assert quote.speaker.text.endswith("ferry company")


def test_noun_phrase_statement_keeps_its_as_phrase():
    text = "Ana Ruiz described the harbour plan as a reckless gamble."
    [quote] = quotes_of(text)
    assert (quote.text, quote.speaker.text) == ("the harbour plan as a reckless gamble", "Ana Ruiz")


def test_participle_statement_takes_the_subject_of_the_verb_it_continues():
    text = "Ana Ruiz left the meeting early, citing the unfinished harbour audit."
    [quote] = quotes_of(text)
    assert (quote.text, quote.kind, quote.speaker.text) == ("the unfinished harbour audit", "attributed", "Ana Ruiz")


def test_reporting_clause_inside_the_content_after_an_opening_condition():
    text = "If the vote fails, Ana Ruiz warned, the ferry company will leave Velden for good."
    [quote] = quotes_of(text)
    assert quote.text == "If the vote fails, Ana Ruiz warned, the ferry company will leave Velden for good"
    assert quote.speaker.text == "Ana Ruiz"


def test_according_to_after_the_content_takes_the_clause_before_it():
    text = "Some 60 percent of Velden residents oppose the bridge, according to a harbour office survey last week."
    [quote] = quotes_of(text)
    assert (quote.text, quote.speaker.text) == (
        "Some 60 percent of Velden residents oppose the bridge",
        "a harbour office survey",
    )


def test_stand_alone_quote_takes_the_speaker_the_parse_found_for_the_quote_before():
    text = (
        "“The harbour will stay open all winter and the ferries will keep running,” Ana Ruiz, a lawyer for the "
        "dock workers and a former member of the port board, wrote after the vote was counted. "
        "“Nobody will lose their job.”"
    )
    first, alone = quotes_of(text, [mention("Ana Ruiz", text)])
    assert first.speaker.text == "Ana Ruiz"
    assert (alone.text, alone.speaker.text, alone.speaker.mention) == ("Nobody will lose their job.", "Ana Ruiz", 0)


def test_report_under_an_adjective_or_preposition_takes_the_subject_above():
    text = "Ana Ruiz was quick to add that the ferry would keep running all winter."
    [quote] = quotes_of(text, [mention("Ana Ruiz", text)])
    assert (quote.text, quote.kind, quote.speaker.text) == (
        "the ferry would keep running all winter",
        "indirect",
        "Ana Ruiz",
    )
    text = "After saying that the audit was rushed, Ana Ruiz left the hall."
    [quote] = quotes_of(text, [mention("Ana Ruiz", text)])
    assert (quote.text, quote.speaker.text) == ("the audit was rushed", "Ana Ruiz")


def test_passive_report_does_not_take_the_subject_above():
    text = "Ana Ruiz left early after being told that the audit was rushed."
    [quote] = quotes_of(text, [mention("Ana Ruiz", text)])
    assert quote.text == "the audit was rushed" and quote.speaker is None


def test_general_reporting_verbs_beyond_say():
    text = "Ana Ruiz retorted that the audit of the harbour was never finished."
    [quote] = quotes_of(text, [mention("Ana Ruiz", text)])
    assert (quote.text, quote.kind, quote.verb) == (
        "the audit of the harbour was never finished",
        "indirect",
        "retorted",
    )
    text = "The court ruled that the harbour fees were unlawful."
    [quote] = quotes_of(text)
    assert (quote.text, quote.kind, quote.speaker.text) == ("the harbour fees were unlawful", "attributed", "The court")
    text = "Ana Ruiz denounced the plan to close the northern ferry line."
    [quote] = quotes_of(text, [mention("Ana Ruiz", text)])
    assert (quote.text, quote.kind) == ("the plan to close the northern ferry line", "attributed")


def test_quoted_words_inside_a_reported_clause_are_the_reporters():
    text = "Ana Ruiz hinted that the council had been “asleep at the wheel” all year."
    [quote] = quotes_of(text, [mention("Ana Ruiz", text)])
    assert (quote.text, quote.speaker.text) == ("asleep at the wheel", "Ana Ruiz")


def test_pronoun_after_the_verb_without_a_comma_opens_the_reported_clause():
    text = "The Velden Herald obtained the letter and said she “never read the audit of the harbour.”"
    [quote] = quotes_of(text, [mention("Velden Herald", text, "ORG")])
    assert quote.speaker.text == "The Velden Herald"
    text = "“The audit is late,” said she, “and nobody will say why.”"
    [quote] = quotes_of(text)
    assert quote.speaker.text == "she"


def test_name_opening_the_content_is_not_the_speaker():
    text = "Ana Ruiz thinks Tomas Brekke will cause long term damage to the party."
    [quote] = quotes_of(text, [mention("Ana Ruiz", text), mention("Tomas Brekke", text)])
    assert (quote.text, quote.speaker.text, quote.speaker.mention) == (
        "Tomas Brekke will cause long term damage to the party",
        "Ana Ruiz",
        0,
    )
    text = "Public polls show Tomas Brekke leading slightly in the north."
    [quote] = quotes_of(text, [mention("Tomas Brekke", text)])
    assert quote.speaker.text == "Public polls"


def test_short_quoted_sentence_standing_alone_is_speech():
    text = '"There was smoke over the pier," Ana Ruiz said. "Total chaos."'
    assert summary(quotes_of(text)) == [
        ("There was smoke over the pier,", "direct", "Ana Ruiz"),
        ("Total chaos.", "direct", "Ana Ruiz"),
    ]


def test_short_quoted_words_inside_a_sentence_stay_scare_quotes():
    text = 'The crowd outside the Velden town hall chanted "enough" for an hour.'
    assert quotes_of(text) == []


def test_naming_verb_makes_short_quoted_words_speech():
    text = "Ana Ruiz called the ferry plan “plainly reckless” on Monday."
    assert summary(quotes_of(text, indirect=False)) == [("plainly reckless", "direct", "Ana Ruiz")]


def test_one_bare_word_after_a_naming_verb_stays_a_label():
    text = "The union blamed what the port board keeps calling a “glitch” for the delays."
    assert [q for q in quotes_of(text) if q.kind == "direct"] == []


def test_naming_participle_takes_the_speaker_from_the_parse_not_the_name_before_its_comma():
    text = "Speaking in Velden, Ana Ruiz went after Tomas Brekke, calling him “a tired old bureaucrat.”"
    [quote] = [q for q in quotes_of(text) if q.kind == "direct"]
    assert (quote.text, quote.speaker.text) == ("a tired old bureaucrat.", "Ana Ruiz")


def test_phrasal_call_for_is_no_naming():
    text = "The union called for a “review” of the port rules."
    assert [q for q in quotes_of(text) if q.kind == "direct"] == []


def test_naming_under_polnear_conventions_keeps_the_named_object():
    text = "On the radio, Ana Ruiz called the ferry plan “reckless.”"
    [quote] = quotes_of(text, indirect=False, absorb_partial_quotes=True)
    assert (quote.text, quote.kind, quote.speaker.text) == ("the ferry plan “reckless.", "direct", "Ana Ruiz")


def test_statement_continuing_in_the_next_paragraph_joins_under_polnear_conventions():
    text = "“We will win this vote,” Ana Ruiz told the Herald.\n\n“So the only way is to count every ballot.”"
    joined = quotes_of(text, join_split_quotes_across_sentences=True)
    assert [q.text for q in joined] == [text[1:-1]]
    assert len(quotes_of(text)) == 2  # default: a quote per sentence


def test_paragraph_break_inside_the_clause_ends_the_statement():
    text = "“We will win this vote,” Ana Ruiz told\nthe Herald.\n\n“So the only way is to count every ballot.”"
    assert len(quotes_of(text, join_split_quotes_across_sentences=True)) == 2


def test_quote_opening_a_reported_clause_is_absorbed_under_polnear_conventions():
    text = "Ana Ruiz says “the tide is turning for us” despite her loss in the Velden vote."
    [quote] = quotes_of(text, absorb_partial_quotes=True)
    assert (quote.text, quote.speaker.text) == (
        "“the tide is turning for us” despite her loss in the Velden vote",
        "Ana Ruiz",
    )
    [default] = quotes_of(text)
    assert (default.text, default.kind) == ("the tide is turning for us", "direct")


def test_speech_participle_right_before_the_marks_makes_a_short_quote_speech():
    text = "Ana Ruiz ended her list of closed piers by saying “Too many.”"
    [quote] = [q for q in quotes_of(text) if q.kind == "direct"]
    assert (quote.text, quote.speaker.text) == ("Too many.", "Ana Ruiz")


def test_quoted_paragraph_standing_alone_goes_on_with_the_statement_under_polnear_conventions():
    text = "“We will win,” Ana Ruiz told the Herald. “Every vote counts.”\n\n“Then we will see who laughs.”"
    [quote] = quotes_of(text, join_split_quotes_across_sentences=True)
    assert (quote.text, quote.speaker.text) == (text[1:-1], "Ana Ruiz")
    assert len(quotes_of(text)) == 3


def test_frame_after_a_question_is_no_report_of_its_own():
    text = "“Is the ferry a priority for the council in an election year?” Ana Ruiz said at a press conference."
    assert summary(quotes_of(text)) == [
        ("Is the ferry a priority for the council in an election year?", "direct", "Ana Ruiz")
    ]


def test_report_after_a_quote_closed_by_a_full_stop_stays():
    text = "“We will win.” Ana Ruiz said the count would take a week."
    assert ("the count would take a week", "indirect", "Ana Ruiz") in summary(quotes_of(text))


def test_statement_joins_over_a_clause_whose_subject_only_the_parse_finds_when_asked():
    text = "“The pier will reopen in May,” said the 58-year-old. “Nobody here wants to wait longer.”"
    [quote] = quotes_of(text, join_split_quotes_across_sentences=True)
    assert (quote.text, quote.speaker.text) == (text[1:-1], "the 58-year-old")
    assert [q.text for q in quotes_of(text)] == ["The pier will reopen in May,", "Nobody here wants to wait longer."]


def test_described_subject_before_the_verb_after_a_quote_is_the_speaker():
    text = "“The pier will reopen in May,” the ferry operator replied."
    [quote] = quotes_of(text, indirect=False, parse_reported_speech=False)  # the surface frame alone
    assert quote.speaker.text == "the ferry operator"


def test_statement_joins_after_a_question_when_asked():
    text = "“Have we rebuilt the pier yet?” Ana Ruiz replied. “No, and nobody will before the spring.”"
    [quote] = quotes_of(text, join_split_quotes_across_sentences=True)
    assert (quote.text, quote.speaker.text) == (text[1:-1], "Ana Ruiz")


def test_reported_clause_runs_to_the_end_of_the_quote_it_opens_under_polnear_conventions():
    text = "Ana Ruiz says Brekke “knows the pier is unsafe. Still, he keeps the ferry running.”"
    [quote] = quotes_of(text, absorb_partial_quotes=True)
    assert (quote.text, quote.speaker.text) == (
        "Brekke “knows the pier is unsafe. Still, he keeps the ferry running.",
        "Ana Ruiz",
    )
    [default] = quotes_of(text)
    assert (default.text, default.kind) == ("knows the pier is unsafe. Still, he keeps the ferry running.", "direct")


def test_title_closed_by_the_sentences_full_stop_is_no_quote():
    assert quotes_of("Ana Ruiz spoke on “Morning With Tom Brekke.”", indirect=False) == []
    [quote] = quotes_of("Ana Ruiz said: “Morning comes, we sail.”", indirect=False)  # speech keeps its stop
    assert quote.text == "Morning comes, we sail."


def test_statement_joins_over_a_clause_ending_in_a_quoted_title_when_asked():
    text = "“The pier will reopen in May,” Ana Ruiz said on the show “Morning With Tom Brekke.” “Nobody will go.”"
    [quote] = quotes_of(text, join_split_quotes_across_sentences=True)
    assert (quote.text, quote.speaker.text) == (text[1:-1], "Ana Ruiz")


def test_quote_after_a_closed_quoted_sentence_is_a_new_statement():
    text = "Ana Ruiz backs the plan because “the pier is unsafe. It must close.” She also said she “expects no delay.”"
    quotes = quotes_of(text, join_split_quotes_across_sentences=True)
    assert "the pier is unsafe. It must close." in [q.text for q in quotes]
    assert not any("She also said" in q.text for q in quotes)


def test_reported_clause_goes_on_into_the_quote_of_the_next_paragraph_when_asked():
    text = "Ana Ruiz said the pier would close in May.\n\n“We warned them twice, and nobody listened.”"
    [quote] = quotes_of(text, join_split_quotes_across_sentences=True)
    assert (quote.text, quote.speaker.text) == (text[len("Ana Ruiz said ") : -1], "Ana Ruiz")
    assert len(quotes_of(text)) == 2  # default: the report and the quote


def test_reported_clause_does_not_take_a_quote_after_a_sentence_of_the_writer():
    text = "Ana Ruiz said the pier would close in May. Brekke left.\n\n“We warned them twice, and nobody listened.”"
    assert len(quotes_of(text, join_split_quotes_across_sentences=True)) == 2


def test_content_starts_with_its_complementizer_when_asked():
    text = "Ana Ruiz said that the pier would close. Tomas Brekke told reporters that “the ferries will stop.”"
    asked = [q.text for q in quotes_of(text, content_with_complementizer=True)]
    assert asked == ["that the pier would close", "that “the ferries will stop."]
    assert [q.text for q in quotes_of(text)] == ["the pier would close", "the ferries will stop."]


# --- marks, title cues and statements over long clauses (quotes8) ---


def test_title_cue_does_not_reach_across_a_sentence_end():
    text = "Ruiz spoke after the show. “We will not close the pier this winter,” she said."
    [quote] = quotes_of(text)
    assert (quote.text, quote.speaker.text) == ("We will not close the pier this winter,", "she")


def test_title_cue_right_before_the_marks_still_makes_a_title():
    text = "Ruiz published a report titled “why the pier must close before the storms” on Monday."
    assert [q for q in quotes_of(text) if q.kind == "direct"] == []


def test_campaign_before_a_quote_is_no_title_cue():
    text = "Ruiz praised the campaign “for listening to every fisherman in Velden,” she said."
    assert "for listening to every fisherman in Velden," in [q.text for q in quotes_of(text)]


def test_straight_opener_closed_by_a_curly_mark():
    text = '"We lost the vote, but not the argument,” Ruiz said.'
    [quote] = quotes_of(text)
    assert (quote.text, quote.speaker.text) == ("We lost the vote, but not the argument,", "Ruiz")


def test_curly_opener_closed_by_a_second_opener_or_a_straight_mark():
    for text in ("“It was close,“ said Ana Ruiz.", '“It was close," said Ana Ruiz.'):
        [quote] = quotes_of(text)
        assert (quote.text, quote.speaker.text) == ("It was close,", "Ana Ruiz")


def test_mixed_marks_keep_separate_quotes_apart():
    text = 'She said “no” and "yes" today.'
    assert [text[s.content_start : s.content_end] for s in find_quoted_spans(text)] == ["no", "yes"]


def test_nested_closer_a_space_and_the_outer_closer():
    text = "\"Now we do the 'Velden shuffle' \" Ruiz said."
    [span] = find_quoted_spans(text)
    assert text[span.content_start : span.content_end] == "Now we do the 'Velden shuffle' "


def test_closer_after_a_space_behind_the_last_comma_still_closes():
    text = '"I think the old pier is a disgrace, " Ruiz said.'
    [quote] = quotes_of(text)
    assert (quote.text, quote.speaker.text) == ("I think the old pier is a disgrace,", "Ruiz")


def test_split_quote_joins_over_a_verb_no_cue_list_holds():
    text = "“We will not close the pier,” Ruiz mused, “not while I am mayor.”"
    [quote] = quotes_of(text)
    assert quote.text == "We will not close the pier,” Ruiz mused, “not while I am mayor."


def test_split_quote_over_sentences_joins_after_a_comma_whatever_the_verb():
    text = '"People are afraid of losing the ferry," he surmised. "On the island, I hear it every day."'
    assert len(quotes_of(text)) == 2
    [quote] = quotes_of(text, join_split_quotes_across_sentences=True)
    assert quote.text.endswith("I hear it every day.")


def test_exclaimed_piece_joins_when_its_sentence_goes_on_in_lower_case():
    text = "“Welcome to Velden, friends of the sea!” a banner on the pier reads. “Stay as long as you like.”"
    assert len(quotes_of(text)) == 2
    [quote] = quotes_of(text, join_split_quotes_across_sentences=True)
    assert quote.text.endswith("Stay as long as you like.")


def test_naming_clause_runs_past_the_marks_under_the_conventions():
    text = "Ruiz called the new bridge “far too narrow” for the trucks of the harbour."
    [quote] = quotes_of(text)
    assert quote.text == "far too narrow"
    [quote] = quotes_of(text, absorb_partial_quotes=True)
    assert (quote.text, quote.kind) == ("the new bridge “far too narrow” for the trucks of the harbour", "direct")


def test_naming_clause_closed_by_the_name_s_comma_stops_there():
    text = "Ruiz called the plan “plainly reckless,” and Brekke agreed."
    [quote] = [q for q in quotes_of(text, absorb_partial_quotes=True) if q.kind == "direct"]
    assert quote.text == "the plan “plainly reckless,"


CONVENTIONS = {"join_split_quotes_across_sentences": True, "absorb_partial_quotes": True}


def test_one_word_name_of_an_object_is_the_speakers_naming_under_polnear_conventions():
    text = "Ruiz called it “shameful” in a statement."
    assert summary(quotes_of(text)) == []  # the demo's reading: one bare word after a naming verb is a label
    [quote] = quotes_of(text, **CONVENTIONS)
    assert (quote.text, quote.kind, quote.speaker.text) == ("it “shameful” in a statement", "direct", "Ruiz")


def test_one_word_name_after_an_article_alone_stays_a_label_under_polnear_conventions():
    text = "Officials at the port keep calling an “accident” what the divers saw."
    assert quotes_of(text, **CONVENTIONS) == []


def test_naming_clause_stops_at_the_speakers_next_act():
    text = "Ruiz called her “weak” and said she would lose the vote."
    quotes = summary(quotes_of(text, **CONVENTIONS))
    assert quotes[0][:2] == ("her “weak", "direct")
    assert ("she would lose the vote", "indirect", "Ruiz") in quotes


def test_split_quote_joins_over_a_reporting_clause_with_its_adverbials():
    text = "“If the pier closes,” Ruiz said at a town hall in Velden on Monday, “we will lose the summer.”"
    [quote] = quotes_of(text)
    assert quote.text.startswith("If the pier closes,") and quote.text.endswith("we will lose the summer.")
    assert quote.speaker.text == "Ruiz"


def test_split_quote_stays_apart_over_a_long_clause_with_a_participle():
    text = "“If the pier closes,” Ruiz said on Monday, pointing to the audit of the harbour, “we will lose the summer.”"
    assert [q.text for q in quotes_of(text)] == ["If the pier closes,", "we will lose the summer."]


POLNEAR = {**CONVENTIONS, "content_with_complementizer": True}


def test_reported_clause_goes_on_past_a_partial_quote_the_parser_split_off():
    text = 'Ruiz told reporters that the polls could be "way off," and have been wrong in past races.'
    [quote] = quotes_of(text, **POLNEAR)
    expected = 'that the polls could be "way off," and have been wrong in past races'
    assert (quote.text, quote.kind) == (expected, "indirect")


def test_reported_clause_leaves_the_next_clause_with_its_own_subject_to_the_writer():
    text = 'Ruiz said the plan was "reckless," and the mayor agreed.'
    [quote] = quotes_of(text, **POLNEAR)
    assert quote.text == 'the plan was "reckless'


def test_content_starts_at_the_complementizer_of_a_reported_question_and_after_that_with_a_comma():
    [question] = quotes_of("Ruiz asked whether the council would be “fair” to him.", **POLNEAR)
    assert question.text == "whether the council would be “fair” to him"
    [statement] = quotes_of("Ruiz said that, “in the end, we will win the vote.”", **POLNEAR)
    assert statement.text.startswith("that, “in the end")
    [plain] = quotes_of("Ruiz asked whether the council would be “fair” to him.")
    assert plain.text == "the council would be “fair” to him"  # the defaults keep the content alone


def test_split_quote_stays_two_statements_over_a_participle_of_speech():
    text = "“The pier is closed,” she said, adding, “We will reopen it in May.”"
    for settings in ({}, POLNEAR):
        assert [q.text for q in quotes_of(text, **settings)] == ["The pier is closed,", "We will reopen it in May."]


def test_naming_clause_stops_at_a_coordinated_act_in_a_past_form_after_a_filler():
    text = "Ruiz called the merger “a costly error” and has ranked the board among the worst in Velden."
    [quote] = quotes_of(text, **CONVENTIONS)
    assert quote.text == "the merger “a costly error"


def test_quoted_words_before_a_speech_noun_are_the_possessors_words():
    text = "Critics seized on Ana Ruiz's “very fine” remark within hours."
    [quote] = quotes_of(text, [mention("Ana Ruiz", text)])
    assert (quote.text, quote.kind, quote.speaker.text, quote.speaker.mention, quote.verb) == (
        "very fine",
        "direct",
        "Ana Ruiz",
        0,
        "remark",
    )


def test_a_role_possessor_with_a_modifier_before_the_marks_is_the_speaker():
    text = "Voters remembered the mayor's now famous “bridge to nowhere” remark."
    [quote] = quotes_of(text)
    assert summary([quote]) == [("bridge to nowhere", "direct", "the mayor")]


def test_possessive_pronoun_before_an_utterance_links_to_its_person():
    text = "Tomas Brekke left the hall early. Reporters asked about his “not one cent” pledge."
    [quote] = quotes_of(text, [mention("Tomas Brekke", text)])
    assert (quote.text, quote.speaker.text, quote.speaker.mention) == ("not one cent", "his", 0)


def test_quoted_words_before_a_noun_that_is_no_utterance_stay_a_label():
    assert quotes_of("Brekke's “reform” plan failed in the council.") == []
    assert quotes_of("The country's “zero tolerance” claim was old news.") == []  # no person or body named


def test_a_statement_named_by_a_noun_is_its_makers_report():
    text = "Tomas Brekke arrived late. His promise that no worker would lose a job was met with silence."
    [quote] = quotes_of(text, [mention("Tomas Brekke", text)])
    assert (quote.text, quote.kind, quote.speaker.text, quote.speaker.mention, quote.verb) == (
        "no worker would lose a job",
        "indirect",
        "His",
        0,
        "promise",
    )


def test_a_by_phrase_names_the_maker_of_a_claim():
    [quote] = quotes_of("Nobody believed the claim by the harbour board that the cranes were safe.")
    assert summary([quote]) == [("the cranes were safe", "attributed", "the harbour board")]


def test_a_claim_without_a_maker_is_nobodys_statement():
    assert quotes_of("The claim that the pier was safe spread online.") == []


def test_a_possessive_maker_is_the_name_without_its_ending():
    text = "Nobody believed Ana Ruiz's claim that the cranes were safe."
    [quote] = quotes_of(text, [mention("Ana Ruiz", text)])
    assert (quote.text, quote.speaker.text, quote.speaker.mention) == ("the cranes were safe", "Ana Ruiz", 0)
    [unnamed] = quotes_of(text)  # no entity step: the words of the text, still without "'s"
    assert unnamed.speaker.text == "Ana Ruiz"


def test_said_in_her_statement_that_stays_the_verbs_report():
    [quote] = quotes_of("Ana Ruiz said in her statement that the pier had been inspected twice.")
    assert summary([quote]) == [("the pier had been inspected twice", "indirect", "Ana Ruiz")]


def test_portraying_and_likening_name_their_object_in_the_speakers_words():
    text = "Ana Ruiz portrayed the harbour board as “tired old men.” Brekke likened the rules to “a rigged game.”"
    assert summary(quotes_of(text)) == [
        ("tired old men.", "direct", "Ana Ruiz"),
        ("a rigged game.", "direct", "Brekke"),
    ]
    absorbed = quotes_of(text, absorb_partial_quotes=True)
    assert [q.text for q in absorbed] == ["the harbour board as “tired old men.", "the rules to “a rigged game."]


def test_referred_to_as_is_a_naming_but_referred_to_alone_is_a_topic():
    named = quotes_of("Ruiz has often referred to the mayor as “my friend,” a jab at him.", absorb_partial_quotes=True)
    assert summary(named) == [("the mayor as “my friend,", "direct", "Ruiz")]
    assert quotes_of("Ruiz referred to the “new deal” in passing.") == []


def test_a_naming_clause_does_not_end_on_the_coordinator_before_a_second_quoted_name():
    text = "Ruiz called the plan “a farce” and “a waste of time” on Monday."
    first = quotes_of(text, absorb_partial_quotes=True)[0]
    assert first.text == "the plan “a farce"
