"""Organization names a machine translation turned into ordinary words ("the sea safety advice" for the Rat
für Seesicherheit), found after the merges and added as mentions (`mistranslation_similarity`)."""

from __future__ import annotations

import re
from collections import defaultdict

from storylens.model import Article, Mention
from storylens.steps.entities.clusters import AliasClusters, AliasNode, _evidence, story_of
from storylens.steps.entities.recognition import _renumber
from storylens.steps.entities.settings import PERSON
from storylens.steps.entities.spans import _overlaps
from storylens.steps.names import fold, name_tokens
from storylens.steps.roles import is_acronym, load_lexicon

LOWERCASE_PHRASE = re.compile(r"(?=\b(?i:the)\s+((?:[a-z][a-z\-]+\s){1,3}[a-z][a-z\-]+)\s*[.,;:)])")


def add_mistranslated_names(
    articles: list[Article], nodes: dict[str, AliasNode], clusters: AliasClusters, threshold: float
) -> None:
    """Find organizations whose name a machine translation turned into ordinary words, and add them as mentions.

    "the seat of the sea safety advice." is the Rat für Seesicherheit (Rat =
    council or advice). Only phrases that could be such a name are tried: two
    to four lower-case words after "the", without function words, closing a
    clause; only against organizations of the same story that go by an
    acronym (the kind of name a translation spells out word by word) and have
    about as many words; and only above `threshold` cosine of the
    multilingual encoder.
    """
    targets_by_story: dict[str, list[tuple[str, AliasNode]]] = defaultdict(list)
    for root, members in sorted(clusters.members.items()):
        member_nodes = [nodes[key] for key in sorted(members) if key in nodes]
        if not any(is_acronym(n.surface) for n in member_nodes) or any(n.label == PERSON for n in member_nodes):
            continue
        for node in member_nodes:
            if len(name_tokens(node.key)) >= 2 and not is_acronym(node.surface) and node.label != "LAW":
                for story in node.stories:
                    targets_by_story[story].append((root, node))
    if not targets_by_story:
        return
    lexicon = load_lexicon()
    function_words = set().union(*(w.acronym_skip | w.articles | w.pronouns for w in lexicon.languages.values()))
    candidates: list[tuple[Article, int, int, str]] = []
    for article in articles:
        if story_of(article) not in targets_by_story:
            continue
        taken = [(m.start, m.end) for m in article.mentions]
        for match in LOWERCASE_PHRASE.finditer(article.text):
            start, end = match.start(1), match.end(1)
            phrase = match.group(1)
            if function_words & set(phrase.split()) or _overlaps(start, end, taken):
                continue
            candidates.append((article, start, end, phrase))
    if not candidates:
        return
    from storylens.steps.embeddings import embed_texts

    texts = sorted({c[3] for c in candidates} | {n.surface for t in targets_by_story.values() for _, n in t})
    vectors = dict(zip(texts, embed_texts(texts), strict=True))
    added: dict[str, list[Mention]] = defaultdict(list)
    for article, start, end, phrase in candidates:
        story = story_of(article)
        words = len(phrase.split())
        scored = [
            (float(vectors[phrase] @ vectors[node.surface]), root, node)
            for root, node in targets_by_story[story]
            if abs(len(name_tokens(node.key)) - words) <= 1
        ]
        if not scored:
            continue
        score, root, target = max(scored, key=lambda item: item[0])
        if score < threshold:
            continue
        mention = Mention(article.id, start, end, phrase, "ORG", kind="name")
        key = fold(phrase)
        node = nodes.setdefault(key, AliasNode(key))
        node.add(mention, story, article.language)
        clusters.add(key)
        detail = f"similarity {score:.2f} to {target.surface!r}, an organization of the story known by an acronym"
        clusters.merge(root, key, _evidence("mistranslated-name", [target, node], detail))
        added[article.id].append(mention)
    for article in articles:
        if article.id in added:
            add_mentions(article, added[article.id])


def add_mentions(article: Article, new: list[Mention]) -> None:
    """Add mentions found after the article steps, keeping every index into `article.mentions` valid.

    Mentions stay sorted by offset, so adding one moves the others; quote speakers point at
    their mention by index (`Speaker.mention`) and must move with it, or a speaker would silently
    become whichever mention now sits at its old index.
    """
    count = len(article.mentions)
    merged = _renumber([*article.mentions, *new])
    new_index = {id(mention): index for index, mention in enumerate(merged)}
    old_to_new = {old: new_index[id(mention)] for old, mention in enumerate(article.mentions[:count])}
    article.mentions = merged
    for quote in article.quotes:
        if quote.speaker is not None and quote.speaker.mention is not None:
            quote.speaker.mention = old_to_new.get(quote.speaker.mention)
