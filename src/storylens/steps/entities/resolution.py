"""Corpus step "resolve-entities": every spelling of one actor under one `Entity`, with the evidence of each merge."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from storylens.model import Article, Corpus, Entity
from storylens.pipeline import Stats
from storylens.steps.entities.aliases import UserAliases, load_user_aliases
from storylens.steps.entities.clusters import (
    AliasClusters,
    AliasNode,
    _evidence,
    collect_alias_nodes,
    story_of,
    vetoes_from,
)
from storylens.steps.entities.matching import name_similarity, script_of
from storylens.steps.entities.mistranslations import add_mistranslated_names
from storylens.steps.entities.recognition import _same_role, root_of, unglue_names
from storylens.steps.entities.settings import PERSON, PLACE_LABELS, UNKNOWN_LABEL, EntitySettings
from storylens.steps.names import (
    align_tokens,
    consonant_key,
    contains_han,
    fold,
    han_readings,
    name_tokens,
    token_key,
    transliteration_match,
)
from storylens.steps.roles import EntityLexicon, is_acronym, load_lexicon


class ResolveEntities:
    """Corpus step "resolve-entities": one `Entity` per actor, `Mention.entity_id` on every mention it resolves."""

    name = "resolve-entities"

    def __init__(self, settings: EntitySettings | None = None) -> None:
        self.settings = settings or EntitySettings()

    def run(self, corpus: Corpus, stats: Stats) -> Corpus:
        user = load_user_aliases(self.settings.aliases_file)
        articles = sorted(corpus.articles.values(), key=lambda a: a.id)
        known = {fold(m.text) for article in articles for m in article.mentions if m.kind == "name"}
        for article in articles:  # "Ilse Vargaand" in one article, "Ilse Varga" in another
            stats["unglued_names"] += unglue_names(article.mentions, known, article.language)
        nodes = collect_alias_nodes(articles)
        clusters = AliasClusters(sorted(nodes), vetoes_from(user), stats)
        resolver = _Resolver(nodes, clusters, user, self.settings, load_lexicon(), defined_acronyms(articles))
        resolver.merge_all()
        if self.settings.mistranslation_similarity > 0:
            add_mistranslated_names(articles, nodes, clusters, self.settings.mistranslation_similarity)
        corpus.entities = resolver.build_entities()
        assign_entity_ids(articles, nodes, clusters, corpus.entities, resolver.entity_of_root, stats)
        stats["articles"] += len(articles)
        stats["alias_nodes"] += len(nodes)
        stats["entities"] += len(corpus.entities)
        return corpus


DEFINITION_GAP = re.compile(r"\s*[(（]\s*$")
# After the closing bracket of a wire credit: a dash opening the story ("MANAGUA, Nicaragua (AP) — …").
DATELINE_DASH = re.compile(r"[)）]\s*(?:[—–]|--?)")
# What may stand before a dateline's place in its paragraph: nothing, or a capitalized city and a comma ("MANAGUA, ").
UPPER = r"[^\W\d_a-zß-ÿ]"  # a letter that is not a lower-case Latin one: a capital
DATELINE_LEAD = re.compile(rf"[\W\d_]*(?:{UPPER}[\w.'’-]*(?: {UPPER}[\w.'’-]*){{0,3}},\s*)?")


def defined_acronyms(articles: list[Article]) -> list[tuple[str, str]]:
    """ "Rat für Seesicherheit (RSS)": a name followed by an acronym in brackets defines it, in any language."""
    pairs = []
    for article in articles:
        names = [m for m in article.mentions if m.kind == "name"]
        for full, short in pairwise(names):
            between = article.text[full.end : short.start]
            after = article.text[short.end : short.end + 2]
            if (
                is_acronym(short.text)
                and DEFINITION_GAP.fullmatch(between)
                and after[:1] in (")", "）")
                and not is_dateline_credit(article.text, full.start, short.end)
            ):
                pairs.append((fold(full.text), fold(short.text)))
    return pairs


def is_dateline_credit(text: str, name_start: int, acronym_end: int) -> bool:
    """ "NEW YORK (AP) — The …", "MANAGUA, Nicaragua (EFE) – …": a dateline's place and the agency credited for the
    story, not a name and its acronym. Told by the dash that opens the story right after the bracket, with the place
    at the start of its paragraph (a real definition, "the Maritime Safety Council (MSC) — …", sits inside a
    sentence)."""
    if not DATELINE_DASH.match(text, acronym_end):
        return False
    paragraph_start = text.rfind("\n", 0, name_start) + 1
    lead = text[paragraph_start:name_start]
    place = text[name_start : max(text.rfind("(", name_start, acronym_end), text.rfind("（", name_start, acronym_end))]
    # a place in capitals is a dateline wherever it stands (scraped pages glue the headline to it)
    return DATELINE_LEAD.fullmatch(lead) is not None or (len(place.strip()) > 2 and place.isupper())


def _fixed_role(role: str, shared: frozenset[str]) -> bool:
    """A role one person holds at a time in one country ("Norland foreign minister"): evidence of identity."""
    titles = {title for title in load_lexicon().role_phrases("en").values() if title not in shared}
    return any(role.endswith(" " + title) for title in titles)


@dataclass
class _Resolver:
    """The merge rules, applied strongest first, over alias nodes grouped in clusters."""

    nodes: dict[str, AliasNode]
    clusters: AliasClusters
    user: UserAliases
    settings: EntitySettings
    lexicon: EntityLexicon
    definitions: list[tuple[str, str]] = field(default_factory=list)  # (name key, acronym key) defined in text
    canonical: dict[str, tuple[str, str]] = field(default_factory=dict)  # root key -> (name, type)
    entity_of_root: dict[str, str] = field(default_factory=dict)
    _role_countries: set[str] = field(default_factory=set)
    _person_nodes: list[AliasNode] | None = None

    def merge_all(self) -> None:
        self.merge_user_aliases()
        self.merge_gazetteer()
        self.merge_han_readings()
        self.merge_name_order()
        self.merge_initials()
        self.merge_in_context()
        self.merge_short_forms()
        self.merge_same_role_in_story()
        self.merge_defined_acronyms()
        self.merge_acronyms()
        self.merge_country_forms()
        self.merge_translations()

    # canonical names fixed by the user or the gazetteer
    def _anchor(self, name: str, type_: str, rule: str, node: AliasNode, origin: str) -> None:
        anchor = fold(name)
        self.clusters.add(anchor)
        if anchor != node.key:
            detail = f"{node.surface!r} is listed under {name!r} in {origin}"
            self.clusters.merge(anchor, node.key, _evidence(rule, [node], detail))
        self.canonical.setdefault(anchor, (name, type_))

    def merge_user_aliases(self) -> None:
        for canonical, aliases in self.user.aliases.items():
            type_ = self.user.types.get(canonical, "")
            for alias in [canonical, *aliases]:
                node = self.nodes.get(fold(alias))
                if node is not None:
                    self._anchor(canonical, type_ or node.label, "user-alias", node, "the aliases file")

    def merge_gazetteer(self) -> None:
        for key in sorted(self.nodes):
            node = self.nodes[key]
            entry = next((e for s in node.surfaces if (e := self.lexicon.lookup(s)) is not None), None)
            if entry is not None:
                self._anchor(entry.name, entry.type, "gazetteer", node, "the gazetteer")

    def merge_han_readings(self) -> None:
        """An article showing the characters ("田辺和弘") meets both romanizations by their joined words."""
        joined: dict[str, list[str]] = defaultdict(list)
        for key, node in self.nodes.items():
            tokens = name_tokens(node.surface)
            if node.is_person and len(tokens) >= 2:
                joined["".join(tokens)].append(key)
                joined["".join(reversed(tokens))].append(key)
        for key, node in sorted(self.nodes.items()):
            if not contains_han(node.surface):
                continue
            for reading in han_readings(node.surface):
                for other in joined.get(reading, []):
                    detail = f"{node.surface} reads {reading!r}"
                    self.clusters.merge(key, other, _evidence("transliteration", [node, self.nodes[other]], detail))

    def _persons(self) -> list[AliasNode]:
        """The person nodes, by key. Worked out once: the rules merge clusters but never add to or change the
        nodes, and asking each of thousands of nodes `is_person` (majority counts) for every rule added up."""
        if self._person_nodes is None:
            self._person_nodes = [self.nodes[k] for k in sorted(self.nodes) if self.nodes[k].is_person]
        return self._person_nodes

    def merge_name_order(self) -> None:
        """ "Abe Shinzo" and "Shinzo Abe": the same words in another order."""
        groups: dict[str, list[AliasNode]] = defaultdict(list)
        for node in self._persons():
            if len(name_tokens(node.key)) >= 2:
                groups[token_key(node.key)].append(node)
        for group in groups.values():
            for other in group[1:]:
                self.clusters.merge(group[0].key, other.key, _evidence("name-order", [group[0], other]))

    def merge_initials(self) -> None:
        """ "K. Tanabe" and "Kazuhiro Tanabe", when only one full name fits the initials."""
        by_token: dict[str, list[AliasNode]] = defaultdict(list)
        for node in self._persons():
            for token in name_tokens(node.key):
                if len(token) > 1:
                    by_token[token].append(node)
        for node in self._persons():
            tokens = name_tokens(node.key)
            full = [t for t in tokens if len(t) > 1]
            if len(full) == len(tokens) or not full:
                continue
            candidates = {
                self.clusters.find(other.key)
                for other in by_token.get(full[-1], [])
                if other is not node and _initials_fit(tokens, name_tokens(other.key))
            }
            if len(candidates) == 1:
                target = next(iter(candidates))
                self.clusters.merge(node.key, target, _evidence("initials", [node, self.nodes.get(target, node)]))

    def _context_blocks(self) -> list[list[AliasNode]]:
        """Person nodes that share a story, or a fixed role: the only pairs worth comparing closely."""
        blocks: dict[str, list[AliasNode]] = defaultdict(list)
        for node in self._persons():
            for story in node.stories:
                blocks["story:" + story].append(node)
            for role in node.roles:
                if _fixed_role(role, self.lexicon.shared_roles):
                    blocks["role:" + role].append(node)
        return [block for block in blocks.values() if 1 < len(block) <= self.settings.max_block]

    def merge_in_context(self) -> None:
        """Within a story or a role: a pinyin rendering of a Japanese name, or a garbled spelling."""
        for block in self._context_blocks():
            for node_a, node_b in combinations(block, 2):
                if self.clusters.find(node_a.key) == self.clusters.find(node_b.key):
                    continue
                if self._merge_across_scripts(node_a, node_b):
                    continue
                if len(name_tokens(node_a.key)) < 2 or len(name_tokens(node_b.key)) < 2:
                    continue
                if transliteration_match(node_a.surface, node_b.surface):
                    detail = "pinyin reading of the kanji of a Japanese name"
                    self.clusters.merge(node_a.key, node_b.key, _evidence("transliteration", [node_a, node_b], detail))
                elif self._same_spelling(node_a, node_b):
                    score = fuzz.token_sort_ratio(node_a.key, node_b.key)
                    detail = f"similarity {score:.0f}, same story or role"
                    self.clusters.merge(node_a.key, node_b.key, _evidence("spelling", [node_a, node_b], detail))

    def _merge_across_scripts(self, node_a: AliasNode, node_b: AliasNode) -> bool:
        """ "Donald Tusk" and "Дональд Туск" in one story or role: names in two scripts that read alike.

        Scored by `matching.name_similarity` (every word of the shorter name must pair with a
        word of the other), against `cross_script_similarity`; returns whether they were merged.
        """
        threshold = self.settings.cross_script_similarity
        if threshold <= 0 or script_of(node_a.surface) == script_of(node_b.surface):
            return False
        score = name_similarity(node_a.surface, node_b.surface)
        if score < threshold:
            return False
        detail = f"read alike across scripts ({score:.2f}), same story or role"
        return self.clusters.merge(node_a.key, node_b.key, _evidence("cross-script", [node_a, node_b], detail))

    def _same_spelling(self, node_a: AliasNode, node_b: AliasNode) -> bool:
        if different_people(node_a.key, node_b.key):
            return False
        if (
            consonant_key(node_a.key.replace(" ", ""))[:1] != consonant_key(node_b.key.replace(" ", ""))[:1]
            and token_key(node_a.key)[:1] != token_key(node_b.key)[:1]
        ):
            return False
        return fuzz.token_sort_ratio(node_a.key, node_b.key) >= self.settings.spelling_similarity

    def merge_short_forms(self) -> None:
        """A bare surname ("Tanabe", or its pinyin "Tianbian") with one full-name bearer in its story."""
        full_by_story: dict[str, list[AliasNode]] = defaultdict(list)
        for node in self._persons():
            if len(name_tokens(node.key)) >= 2:
                for story in node.stories:
                    full_by_story[story].append(node)
        for node in self._persons():
            tokens = name_tokens(node.key)
            if len(tokens) != 1:
                continue
            candidates = {
                self.clusters.find(other.key)
                for story in node.stories
                for other in full_by_story.get(story, [])
                if _token_in_name(tokens[0], other.key)
            }
            rule, detail = "short-form", "only full name in the story holding this word"
            if not candidates:  # "Varrga", "Vargha": a damaged spelling of a surname of the story
                candidates = {
                    self.clusters.find(other.key)
                    for story in node.stories
                    for other in full_by_story.get(story, [])
                    if _roles_agree(node, other) and any(damaged_spelling(tokens[0], t) for t in name_tokens(other.key))
                }
                rule, detail = "damaged-spelling", "a doubled, dropped or inserted letter; only such name in the story"
            if len(candidates) == 1:
                target = next(iter(candidates))
                evidence = _evidence(rule, [node, self.nodes.get(target, node)], detail)
                self.clusters.merge(node.key, target, evidence)

    def merge_same_role_in_story(self) -> None:
        """Within one story, names holding the same fixed role are one person (main evidence for garbled names)."""
        holders: dict[tuple[str, str], set[str]] = defaultdict(set)
        for node in self._persons():
            for story, role in node.story_roles:
                if _fixed_role(role, self.lexicon.shared_roles):
                    holders[(story, role)].add(node.key)
        for (story, role), keys in sorted(holders.items()):
            ordered = sorted(keys)
            if len({self.clusters.find(k) for k in ordered}) < 2:
                continue
            if any(different_people(a, b) for a, b in combinations(ordered, 2)):
                continue  # two names sharing a surname but not a given name: do not guess
            detail = f"both {role!r} in story {story}"
            for other in ordered[1:]:
                nodes = [self.nodes[ordered[0]], self.nodes[other]]
                self.clusters.merge(ordered[0], other, _evidence("same-role-in-story", nodes, detail))

    def merge_defined_acronyms(self) -> None:
        for full, short in sorted(set(self.definitions)):
            if full in self.nodes and short in self.nodes:
                nodes = [self.nodes[full], self.nodes[short]]
                self.clusters.merge(full, short, _evidence("acronym", nodes, "defined in brackets after the name"))

    def merge_translations(self) -> None:
        """ "Consejo de Seguridad Marítima" and "Maritime Safety Council" in one story: names that translate each other.

        Compared with the multilingual sentence encoder, only between organization
        names of one story written in different languages, so the cost stays small.
        """
        if self.settings.translation_similarity <= 0:
            return
        candidates = {
            key: node
            for key, node in sorted(self.nodes.items())
            if node.label not in (PERSON, *PLACE_LABELS)
            and not node.is_person
            and not is_acronym(node.surface)
            and (len(name_tokens(key)) >= 2 or node.label == "LAW")
        }
        clusters: dict[str, list[AliasNode]] = defaultdict(list)  # root -> its candidate names
        for key, node in candidates.items():
            clusters[self.clusters.find(key)].append(node)
        in_context = self._translation_pairs(clusters)
        if not in_context:
            return
        from storylens.steps.embeddings import embed_texts

        place_words = self._place_words()
        texts = {key: _without_words(candidates[key].surface, place_words) for key in sorted(candidates)}
        compared = {
            roots: pairs
            for roots in sorted(in_context)
            if (pairs := [(a, b) for a in clusters[roots[0]] for b in clusters[roots[1]] if a.languages ^ b.languages])
        }
        # only the names some pair may compare are embedded (the candidates of a working set are mostly not)
        unique = sorted({texts[node.key] for pairs in compared.values() for pair in pairs for node in pair} - {""})
        vectors = dict(zip(unique, embed_texts(unique), strict=True)) if unique else {}

        def similarity(a: AliasNode, b: AliasNode) -> float:
            """Compared without the place names they hold: "Gobierno de Norlandia" is not the Norland Port
            Authority because both name Norland."""
            text_a, text_b = texts[a.key], texts[b.key]
            if not text_a or not text_b or min(len(text_a), len(text_b)) < 0.5 * max(len(text_a), len(text_b)):
                return 0.0  # a translated name is about as long as the name: "Hafen" is not "Port Authority"
            return float(vectors[text_a] @ vectors[text_b])

        for (root_a, root_b), pairs in compared.items():
            if self.clusters.find(root_a) == self.clusters.find(root_b):
                continue
            context = in_context[(root_a, root_b)]
            score, node_a, node_b = max(((similarity(a, b), a, b) for a, b in pairs), key=lambda item: item[0])
            if score >= self.settings.translation_similarity:
                detail = f"translation: multilingual similarity {score:.2f} {context}"
                self.clusters.merge(node_a.key, node_b.key, _evidence("translation", [node_a, node_b], detail))

    def _place_words(self) -> set[str]:
        """Folded one-word place names and every name merged with them ("norland", "norlandia")."""
        places = {key for key, node in self.nodes.items() if node.label in PLACE_LABELS} | self.role_countries()
        roots = {self.clusters.find(key) for key in places if key in self.clusters.parent}
        return {key for root in roots for key in self.clusters.members.get(root, ()) if " " not in key}

    def _translation_pairs(self, clusters: dict[str, list[AliasNode]]) -> dict[tuple[str, str], str]:
        """Pairs of clusters worth comparing as translations, with the context that brings them together.

        Two names are compared when they appear in one story, or in articles
        that name at least two of the same people (stories in different
        languages are not always put together, but their people are).
        """
        roots_of_article: dict[str, set[str]] = defaultdict(set)
        by_story: dict[str, set[str]] = defaultdict(set)
        for root, members in clusters.items():
            for node in members:
                for story in node.stories:
                    by_story[story].add(root)
                for article_id in node.articles:
                    roots_of_article[article_id].add(root)
        people_of_article: dict[str, set[str]] = defaultdict(set)
        for node in self._persons():
            if len(name_tokens(node.key)) >= 2:
                for article_id in node.articles:
                    people_of_article[article_id].add(self.clusters.find(node.key))
        by_person: dict[str, set[str]] = defaultdict(set)
        for article_id, roots in roots_of_article.items():
            for person in people_of_article.get(article_id, ()):
                by_person[person] |= roots
        shared_people: Counter[tuple[str, str]] = Counter()
        for roots in by_person.values():
            if len(roots) <= self.settings.max_block:
                shared_people.update(combinations(sorted(roots), 2))
        pairs = {pair: "in articles naming the same people" for pair, count in shared_people.items() if count >= 2}
        for roots in by_story.values():
            if 1 < len(roots) <= self.settings.max_block:
                pairs.update({pair: "in one story" for pair in combinations(sorted(roots), 2)})
        return pairs

    def role_countries(self) -> set[str]:
        """Folded names that are the country of a state role ("Norland" of "Norland foreign minister"): places."""
        titles = sorted(self.lexicon.state_roles, key=len, reverse=True)
        countries = set()
        for node in self.nodes.values():
            for role in node.roles:
                title = next((t for t in titles if role.endswith(" " + t)), None)
                if title is not None:
                    countries.add(fold(role[: -len(title) - 1]))
        return countries

    def merge_country_forms(self) -> None:
        """ "Norlandia" (Spanish) and "Dravonien" (German) are "Norland" and "Dravonia": a known place's name
        with the language's country ending (languages.yaml `country_forms`), seen in an article of that language."""
        places = {key for key, node in self.nodes.items() if node.label in PLACE_LABELS} | self.role_countries()
        for key in sorted(places):
            if key not in self.nodes or " " in key:
                continue
            for language, words in sorted(self.lexicon.languages.items()):
                for english_ending, local_ending in words.country_forms:
                    if not key.endswith(english_ending) or len(key) - len(english_ending) < 3:
                        continue
                    local = key[: len(key) - len(english_ending)] + local_ending
                    node = self.nodes.get(local)
                    if local != key and node is not None and language in node.languages and not node.is_person:
                        detail = f"{node.surface!r} is the {language} form of {self.nodes[key].surface!r}"
                        self.clusters.merge(key, local, _evidence("country-form", [self.nodes[key], node], detail))

    def merge_acronyms(self) -> None:
        """ "NFC" and "Northern Fisheries Council": the initials of the words that count, when one expansion fits."""
        skip = set().union(*(words.acronym_skip for words in self.lexicon.languages.values()))
        expansions: dict[str, set[str]] = defaultdict(set)
        for key in sorted(self.nodes):
            node = self.nodes[key]
            words = [t for t in name_tokens(node.surface) if t not in skip]
            if node.label not in (PERSON, *PLACE_LABELS) and len(words) >= 2 and not is_acronym(node.surface):
                expansions["".join(w[0] for w in words)].add(key)
        for key in sorted(self.nodes):
            node = self.nodes[key]
            if not is_acronym(node.surface) or node.label == PERSON:
                continue
            targets = {self.clusters.find(k) for k in expansions.get(node.surface.replace(".", "").lower(), ())}
            if len(targets) == 1:
                target = next(iter(targets))
                detail = f"{node.surface} = initials of {self.nodes.get(target, node).surface}"
                self.clusters.merge(key, target, _evidence("acronym", [node, self.nodes.get(target, node)], detail))

    # entities
    def build_entities(self) -> dict[str, Entity]:
        entities: dict[str, Entity] = {}
        self._role_countries = self.role_countries()
        for root in self.clusters.roots():
            members = [self.nodes[k] for k in sorted(self.clusters.members[root]) if k in self.nodes]
            if not members:
                continue
            name, type_ = self._name_and_type(root, members)
            entity_id = _unique_id(entity_id_for(name, type_), entities)
            surfaces: Counter[str] = Counter()
            roles: Counter[str] = Counter()
            for member in members:
                surfaces.update(member.surfaces)
                roles.update(member.roles)
            entities[entity_id] = Entity(
                id=entity_id,
                name=name,
                type=type_,
                aliases=sorted(surfaces, key=lambda s: (-surfaces[s], s)),
                roles=sorted(roles, key=lambda r: (-roles[r], r)),
                evidence=self.clusters.evidence[root],
                mention_count=sum(m.mention_count for m in members),
            )
            self.entity_of_root[root] = entity_id
        return entities

    def _name_and_type(self, root: str, members: list[AliasNode]) -> tuple[str, str]:
        fixed = next((self.canonical[k] for k in sorted(self.clusters.members[root]) if k in self.canonical), None)
        labels: Counter[str] = Counter()
        for member in members:
            labels.update({k: v for k, v in member.labels.items() if k != UNKNOWN_LABEL})
        type_ = labels.most_common(1)[0][0] if labels else UNKNOWN_LABEL
        if type_ != PERSON and any(member.key in self._role_countries for member in members):
            type_ = "GPE"  # the country of a role ("Norland's foreign minister"), whatever the model called it
        if fixed is not None:
            return fixed[0], fixed[1] or type_
        return canonical_name(members), type_


def _without_words(surface: str, words: set[str]) -> str:
    """The surface without the given (folded) words: "Autoridad Portuaria de Norlandia" -> "Autoridad Portuaria de"."""
    kept = [word for word in surface.split() if fold(word) not in words]
    return " ".join(kept) if any(fold(word) for word in kept) else ""


def _initials_fit(short: list[str], full: list[str]) -> bool:
    """["k", "tanabe"] fits ["kazuhiro", "tanabe"]: same length, each word equal or its initial."""
    if len(short) != len(full):
        return False
    return all(a == b or (len(a) == 1 and b.startswith(a)) for a, b in zip(short, full, strict=True))


def damaged_spelling(word: str, name_word: str) -> bool:
    """ "varrga", "vargha", "vaga" for "varga": one letter doubled, inserted or dropped, as scraping and machine
    translation leave names (a capital in mid-word is already gone after folding). Words of five letters or
    more, same first letter, so short words that differ by a letter ("Lee"/"Le") are not taken for each other."""
    if word == name_word or word[:1] != name_word[:1] or min(len(word), len(name_word)) < 5:
        return False
    if re.sub(r"(.)\1+", r"\1", word) == re.sub(r"(.)\1+", r"\1", name_word):
        return True
    return abs(len(word) - len(name_word)) == 1 and Levenshtein.distance(word, name_word) == 1


def _roles_agree(node: AliasNode, other: AliasNode) -> bool:
    """No role on one side, or a role both hold."""
    return not node.roles or not other.roles or bool(set(node.roles) & set(other.roles))


def _token_in_name(token: str, full_key: str) -> bool:
    alignment = align_tokens(token, full_key)
    return alignment.exact + alignment.transliterated == 1


def different_people(key_a: str, key_b: str) -> bool:
    """ "Emi Tanabe" vs "Kazuhiro Tanabe": a shared word (the surname) but the other words do not pair."""
    tokens_a, tokens_b = name_tokens(key_a), name_tokens(key_b)
    shared = set(tokens_a) & set(tokens_b)
    if not shared or len(tokens_a) < 2 or len(tokens_b) < 2:
        return False
    rest_a = [t for t in tokens_a if t not in shared]
    rest_b = [t for t in tokens_b if t not in shared]
    if not rest_a or not rest_b:
        return False
    if _initials_fit(rest_a, rest_b) or _initials_fit(rest_b, rest_a):
        return False
    alignment = align_tokens(" ".join(rest_a), " ".join(rest_b))
    if alignment.complete:
        return False
    return fuzz.ratio(" ".join(rest_a), " ".join(rest_b)) < 80


def canonical_name(members: list[AliasNode]) -> str:
    """The spelling to show: a multi-word name, the word set seen most (any order), the spelling seen most."""
    surfaces: Counter[str] = Counter()
    for member in members:
        surfaces.update({s: c for s, c in member.surfaces.items() if fold(s) == member.key})
    by_words: Counter[str] = Counter()
    for surface, count in surfaces.items():
        by_words[token_key(surface)] += count
    return min(
        surfaces,
        key=lambda s: (len(name_tokens(s)) < 2, contains_han(s), -by_words[token_key(s)], -surfaces[s], -len(s), s),
    )


def entity_id_for(name: str, type_: str) -> str:
    """Stable id: the same canonical name and type give the same id on every run."""
    return "ent-" + hashlib.sha1(f"{type_}:{fold(name) or name}".encode()).hexdigest()[:12]


def _unique_id(entity_id: str, taken: dict[str, Entity]) -> str:
    """Two actors with one canonical name (two people called "Tanabe"): number the later ones."""
    candidate, number = entity_id, 2
    while candidate in taken:
        candidate, number = f"{entity_id}-{number}", number + 1
    return candidate


def assign_entity_ids(
    articles: list[Article],
    nodes: dict[str, AliasNode],
    clusters: AliasClusters,
    entities: dict[str, Entity],
    entity_of_root: dict[str, str],
    stats: Stats,
) -> None:
    """Set `Mention.entity_id`: names by their node, short forms/roles/pronouns by their antecedent or story role."""
    role_holders: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # story -> role -> ids
    for article in articles:
        for mention in article.mentions:
            mention.entity_id = None
            if mention.kind == "name" and mention.antecedent is None:
                key = fold(mention.text) or mention.text
                if key in nodes:
                    mention.entity_id = entity_of_root.get(clusters.find(key))
                    if mention.role and mention.entity_id:
                        role_holders[story_of(article)][mention.role].add(mention.entity_id)
    for article in articles:
        for index, mention in enumerate(article.mentions):
            if mention.antecedent is not None:
                mention.entity_id = article.mentions[root_of(article.mentions, index)].entity_id
            elif mention.kind == "role" and mention.role:
                in_story = role_holders.get(story_of(article), {})
                holders = set().union(*(ids for r, ids in in_story.items() if _same_role(mention.role, r)))
                if len(holders) == 1:
                    mention.entity_id = holders.pop()
            if mention.entity_id is not None:
                stats["mentions_resolved"] += 1
            else:
                stats["mentions_unresolved"] += 1
    for entity in entities.values():
        entity.mention_count = 0
    for article in articles:
        for mention in article.mentions:
            if mention.entity_id in entities:
                entities[mention.entity_id].mention_count += 1
