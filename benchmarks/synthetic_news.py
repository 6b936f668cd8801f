"""A synthetic news feed with gold stories and copies, written from our own templates.

`generate_corpus(n, seed)` returns `n` articles about fictional events in
English, Spanish and German, with what makes story clustering hard:

- many similar-but-distinct events: six kinds (earthquake, factory fire,
  summit, office opening, flood, strike) happening in different towns of the
  same fictional countries within days of each other, quoting the same
  ministers, so reports of two events read much alike;
- one event reported by several outlets with different wordings, and in
  several languages (the same names and numbers, written in local style:
  6.1 / 6,1 and 1,200 / 1.200);
- copies: syndicated texts under another outlet and headline, copies with an
  added paragraph, and partial copies that keep most of the original.

Reports have the length of real news (300-600 words, ~400 on average; some
outlets write longer than others), because a benchmark on 45-word texts
makes full-text methods look cheap and clustering look easy. Each report is
its lead (what happened, where, when, how many) followed by paragraphs drawn
from four pools per kind and language:

- event sentences: the event's place, people, numbers, organisations and day,
  so reports of one event paraphrase each other but share names and numbers;
- quotes of officials and witnesses, in the language's quoting style;
- background: how such events usually go, what governments promised before,
  weather, economy, politics. It is deliberately shared by all events of a
  kind (two quakes in one week read alike to a bag of words), but kept below
  ~35% of a report's sentences so independent reports never look like copies;
- outlet boilerplate: a short closing line some outlets add.

Event sentences come in two phrasings of the same facts, and a report tells a
fact in a phrasing earlier reports of the event did not use where it can.
Templates mark wording variants as `[a|b]` (one is drawn per use) and
grammatical gender as `<masculine|feminine>`, resolved by the person named
next in the sentence (or, with none after it, the last one named before).

Gold: `gold["story"][article_id]` is the event id, `gold["copy_group"][article_id]`
is the id of the original for articles in a copy group (originals included),
`gold["copy_kind"][copy_id]` says how a copy was made.
Every name, place and sentence is invented here.
"""

from __future__ import annotations

import random
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from storylens.model import Article, article_id_for

LANGUAGE_SHARE = {"en": 0.6, "es": 0.2, "de": 0.2}
OUTLETS = {
    "en": ["Harbor Times", "Northern Ledger", "Valley Courier", "Coastline Post", "Meridian Wire", "Daily Lantern"],
    "es": ["Diario del Sur", "La Voz Costera", "El Observador Norte", "Crónica Meridiana"],
    "de": ["Nordkurier Abend", "Tagesblick", "Küstenbote", "Allgemeine Rundschau"],
}
COUNTRIES = ["Norland", "Estavia", "Qarun", "Belmarre", "Tavoria"]
MINISTERS = {"Falk Renner": "m", "Odile Sarrazet": "f", "Amir Qadouri": "m", "Lena Vossberg": "f", "Tomas Ilvane": "m"}
SYLLABLES_START = [
    "Vel",
    "Tar",
    "Kes",
    "Mor",
    "Bran",
    "Lud",
    "Ost",
    "Hal",
    "Sel",
    "Dun",
    "Riv",
    "Alt",
    "Gor",
    "Fen",
    "Mar",
    "Cal",
    "Wen",
    "Tor",
    "Ilm",
    "Zar",
    "Pell",
    "Quen",
    "Ros",
    "Bel",
]
SYLLABLES_MIDDLE = ["mo", "ra", "ve", "li", "da", "sto", "ne", "ka", "ru", "be", "ta", "lo", "mi", "so", "ga", "pe"]
SYLLABLES_END = ["ra", "sk", "port", "wick", "dal", "heim", "ona", "by", "stad", "mouth"]
FIRST_NAMES = {
    "f": [
        "Ilse",
        "Marta",
        "Senna",
        "Petra",
        "Lucia",
        "Yara",
        "Greta",
        "Nadia",
        "Rosa",
        "Liv",
        "Alma",
        "Ines",
        "Edda",
        "Mirela",
        "Tove",
        "Carla",
        "Jana",
        "Noor",
        "Sabine",
        "Vera",
        "Helka",
        "Paula",
    ],
    "m": [
        "Oskar",
        "Joren",
        "Aurel",
        "Davor",
        "Henrik",
        "Milan",
        "Teodor",
        "Emil",
        "Kasimir",
        "Bruno",
        "Viktor",
        "Ivo",
        "Anselm",
        "Rafael",
        "Goran",
        "Lukas",
        "Matteo",
        "Sven",
        "Tarik",
        "Jonas",
        "Casper",
        "Elias",
    ],
}
# Family names: a few common ones plus made-up ones from syllables, so that unrelated events rarely name the
# same person (in real news two different full names seldom collide; a small name pool would merge events).
COMMON_LAST_NAMES = [
    "Brandtveit",
    "Lindqvist",
    "Morandi",
    "Kessling",
    "Oyelaran",
    "Varga",
    "Haldane",
    "Solberg",
    "Castellanos",
    "Drummond",
    "Petrakis",
    "Nyberg",
    "Albrecht",
    "Ferreira",
    "Kowalczyk",
    "Tamura",
    "Ekwueme",
    "Larsen",
    "Quiroga",
    "Wendt",
    "Abernathy",
    "Szabo",
    "Iversen",
    "Marchetti",
]
LAST_NAME_ENDINGS = ["sen", "berg", "ini", "ov", "ez", "ard", "is", "ley", "mann", "ano", "ski", "ton"]
LAST_NAMES = COMMON_LAST_NAMES + [
    start + middle + ending for start in SYLLABLES_START for middle in SYLLABLES_MIDDLE for ending in LAST_NAME_ENDINGS
]
ORG_SUFFIXES = ["Works", "Group", "Industries", "Logistics", "Textiles", "Foods", "Chemicals", "Systems"]
RIVERS = ["Aldra", "Venn", "Sorrel", "Maru", "Ketta", "Istra", "Lomme"]
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "es": ["el lunes", "el martes", "el miércoles", "el jueves", "el viernes", "el sábado", "el domingo"],
    "de": ["am Montag", "am Dienstag", "am Mittwoch", "am Donnerstag", "am Freitag", "am Samstag", "am Sonntag"],
}
KINDS = ("quake", "fire", "summit", "office", "flood", "strike")
TEMPLATE_CATEGORIES = ("head", "lead", "event", "quote", "background")  # every kind has these in every language
ADDED_PARAGRAPH = {
    "en": "This report was updated with additional details from the {outlet} newsroom.",
    "es": "Esta información fue ampliada por la redacción de {outlet}.",
    "de": "Dieser Bericht wurde von der Redaktion von {outlet} ergänzt.",
}
START = datetime(2031, 3, 1, 6, 0)

# How a report is put together. Words: each outlet has its own usual length in this range (some write
# short reports, others long ones), and each report varies around it.
REPORT_WORDS = (300, 600)
OUTLET_USUAL_WORDS = (300, 470)
CATEGORY_WEIGHTS = {"event": 5, "quote": 1.5, "background": 3}
MAX_BACKGROUND_SHARE = 0.35  # of a report's sentences: shared text must not make two reports look like copies
BOILERPLATE_SHARE = {"often": 0.6, "rarely": 0.1}  # outlets that usually / rarely close with a boilerplate line
PEOPLE_SLOTS = ("person", "official", "expert", "witness", "minister", "bg_minister")

# Template pools, one file per language in synthetic_templates/ (data, kept out of the code), one section per
# (kind or "any", language, category). A line starting with spaces continues the line above it; a line starting
# with "| " is another phrasing of the template above it (the same facts in other words, as another outlet would
# write them). Slots: place, country, other (second country), person, official (a
# spokesperson or officer), expert (a scientist, economist or opponent), witness, minister, org, river, day,
# hour, n1, n2, n3 (integers), big (integer with thousands separator), dec (decimal); for background and
# boilerplate also bg_country, bg_other, bg_minister, bg_river, year, updated, outlet.
TEMPLATE_DIR = Path(__file__).with_name("synthetic_templates")
TEMPLATE_SOURCES = {
    language: (TEMPLATE_DIR / f"{language}.txt").read_text(encoding="utf-8") for language in ("en", "es", "de")
}


Part = str | tuple[str, ...] | tuple[str, tuple[str, str]]
SECTION = re.compile(r"\[(\w+) (\w+) (\w+)\]")
TOKEN = re.compile(r"\[([^\[\]]*)\]|<([^<>]*)>|\{(\w+)\}")


class Template:
    """One sentence, parsed once, in one or more phrasings (variants) of the same facts.

    A phrasing is literal text, `[a|b]` wording choices, `<m|f>` gender forms and `{slot}`s. `words`
    estimates the rendered length (a slot counts as one word), so a report can be planned to a length
    before anything is rendered.
    """

    __slots__ = ("index", "variants", "words")

    def __init__(self, phrasings: list[str], index: int) -> None:
        self.index = index
        self.variants = tuple(_compile(phrasing) for phrasing in phrasings)
        self.words = round(sum(len(TOKEN.sub("x", p).split()) for p in phrasings) / len(phrasings))

    def render(self, rng: random.Random, slots: dict, genders: dict[str, str], variant: int = 0) -> str:
        pieces = []
        for part in self.variants[variant]:
            if isinstance(part, str):
                pieces.append(part)
            elif isinstance(part[1], tuple):
                pieces.append(part[1][genders[part[0]] == "f"])
            else:
                pieces.append(rng.choice(part))
        text = "".join(pieces).format(**slots)
        return text[0].upper() + text[1:]


def _compile(source: str) -> tuple[Part, ...]:
    """A phrasing as parts: literal strings, tuples of wording choices, (person slot, (m, f)) gender forms."""
    people = [(match.start(), match[3]) for match in TOKEN.finditer(source) if match[3] in PEOPLE_SLOTS]
    parts: list[Part] = []
    position = 0
    for match in TOKEN.finditer(source):
        parts.append(source[position : match.start()])
        position = match.end()
        if match[1] is not None:
            parts.append(tuple(option.strip() for option in match[1].split("|")))
        elif match[2] is not None:
            masculine, feminine = (form.strip() for form in match[2].split("|"))
            after = [slot for start, slot in people if start > match.start()]
            before = [slot for start, slot in people if start < match.start()]
            if not after and not before:
                raise ValueError(f"gender form without a person to agree with: {source!r}")
            parts.append((after[0] if after else before[-1], (masculine, feminine)))
        else:
            parts.append(match[0])
    parts.append(source[position:])
    return tuple(part for part in parts if part)


def parse_templates(sources: dict[str, str]) -> dict[tuple[str, str, str], list[Template]]:
    """Template pools by (kind or "any", language, category) from the sections of each language's source."""
    pools: dict[tuple[str, str, str], list[list[str]]] = {}
    for language, source in sources.items():
        current: list[list[str]] = []
        for line in source.splitlines():
            header = SECTION.fullmatch(line)
            if header:
                kind, section_language, category = header.groups()
                if section_language != language:
                    raise ValueError(f"section {line} in the {language} templates")
                current = pools.setdefault((kind, language, category), [])
            elif line.startswith(" "):
                current[-1][-1] += " " + line.strip()
            elif line.startswith("| "):
                current[-1].append(line[2:].strip())
            elif line.strip():
                current.append([line.strip()])
    for language in sources:
        needed = [(kind, language, category) for kind in KINDS for category in TEMPLATE_CATEGORIES]
        needed += [("any", language, "background"), ("any", language, "boilerplate")]
        missing = [key for key in needed if not pools.get(key)]
        if missing:
            raise ValueError(f"no templates for {missing}")
    numbered = enumerate(phrasings for entries in pools.values() for phrasings in entries)
    templates = [Template(phrasings, index) for index, phrasings in numbered]
    by_key, position = {}, 0
    for key, entries in pools.items():
        by_key[key] = templates[position : position + len(entries)]
        position += len(entries)
    return by_key


TEMPLATES = parse_templates(TEMPLATE_SOURCES)
TOWN_NAMES = len(SYLLABLES_START) * len(SYLLABLES_MIDDLE) * len(SYLLABLES_END)


def _town(rng: random.Random, used: set[str]) -> str:
    """A new town name: three syllables, or four once most three-syllable names are taken (large feeds)."""
    while True:
        start, middle = rng.choice(SYLLABLES_START), rng.choice(SYLLABLES_MIDDLE)
        if len(used) > TOWN_NAMES * 0.8:
            middle += rng.choice(SYLLABLES_MIDDLE)
        name = start + middle + rng.choice(SYLLABLES_END)
        if name not in used:
            used.add(name)
            return name


def _format_decimal(value: float, language: str) -> str:
    text = f"{value:.1f}"
    return text if language == "en" else text.replace(".", ",")


def _format_big(value: int, language: str) -> str:
    text = f"{value:,}"
    return text if language == "en" else text.replace(",", ".")


def _person(rng: random.Random) -> tuple[str, str]:
    """A fictional name and its grammatical gender ("m" or "f")."""
    gender = rng.choice("mf")
    return f"{rng.choice(FIRST_NAMES[gender])} {rng.choice(LAST_NAMES)}", gender


def _event(rng: random.Random, used_towns: set[str], day_span: int) -> dict:
    country, other = rng.sample(COUNTRIES, 2)
    people = {role: _person(rng) for role in ("person", "official", "expert")}
    minister = rng.choice(list(MINISTERS))
    return {
        "kind": rng.choice(KINDS),
        "place": _town(rng, used_towns),
        "country": country,
        "other": other,
        **{role: name for role, (name, _) in people.items()},
        "minister": minister,
        "genders": {role: gender for role, (_, gender) in people.items()} | {"minister": MINISTERS[minister]},
        "org": f"{rng.choice(SYLLABLES_START)}{rng.choice(SYLLABLES_END)} {rng.choice(ORG_SUFFIXES)}",
        "river": rng.choice(RIVERS),
        "hour": f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        "n1": rng.randint(3, 95),
        "n2": rng.randint(2, 60),
        "seed": rng.getrandbits(32),
        "big": rng.choice([rng.randint(1000, 9000), rng.randint(120, 900)]),
        "dec": round(rng.uniform(3.0, 9.5), 1),
        "start": START + timedelta(days=rng.uniform(0, day_span)),
    }


def _slots(event: dict, language: str) -> dict:
    slots = {k: v for k, v in event.items() if isinstance(v, str | int)}
    slots["dec"] = _format_decimal(event["dec"], language)
    slots["big"] = _format_big(event["big"], language)
    slots["day"] = WEEKDAYS[language][event["start"].weekday()]
    return slots


def _report_slots(rng: random.Random, event: dict, language: str, outlet: str) -> tuple[dict, dict[str, str]]:
    """The event's slots plus what one outlet's background and boilerplate mention; genders of the people."""
    bg_country, bg_other = rng.sample(COUNTRIES, 2)
    bg_minister = rng.choice(list(MINISTERS))
    slots = _slots(event, language) | {
        "bg_country": bg_country,
        "bg_other": bg_other,
        "bg_minister": bg_minister,
        "bg_river": rng.choice(RIVERS),
        "updated": f"{rng.randint(7, 23):02d}:{rng.choice([0, 15, 30, 45]):02d}",
        "outlet": outlet,
    }
    return slots, event["genders"] | {"bg_minister": MINISTERS[bg_minister]}  # a new dict: callers may update it


def _sentence_slots(event: dict, template: Template) -> tuple[dict, dict[str, str]]:
    """Slots that differ from one sentence to the next but not between reports of the event: a small number,
    a past year and a witness per template, so one report does not put "12" or one witness everywhere,
    while two outlets telling the same fact give the same number and name."""
    mixed = (event["seed"] * 0x9E3779B1 + template.index * 0x85EBCA6B) & 0xFFFFFFFF
    mixed = (mixed ^ (mixed >> 15)) * 0x2C1B3C6D & 0xFFFFFFFF
    gender = "mf"[mixed & 1]
    names = FIRST_NAMES[gender]
    witness = f"{names[(mixed >> 1) % len(names)]} {LAST_NAMES[(mixed >> 8) % len(LAST_NAMES)]}"
    slots = {"n3": 2 + (mixed >> 16) % 13, "year": 2009 + (mixed >> 20) % 21, "witness": witness}
    return slots, {"witness": gender}


def _outlet_hash(outlet: str) -> int:
    return zlib.crc32(outlet.encode("utf-8"))


def _target_words(rng: random.Random, outlet: str) -> int:
    """A report's length: its outlet's usual length (fixed per outlet), give or take a fifth."""
    low, high = OUTLET_USUAL_WORDS
    usual = low + _outlet_hash(outlet) % (high - low)
    return max(REPORT_WORDS[0], min(REPORT_WORDS[1], round(usual * rng.uniform(0.85, 1.2))))


def _plan(
    rng: random.Random, kind: str, language: str, target: int, coverage: EventCoverage
) -> list[tuple[str, Template]]:
    """Which templates a report uses, in order: the lead, then event sentences, quotes and background
    interleaved until the report is `target` words long; background stays below MAX_BACKGROUND_SHARE.
    Templates earlier reports of the event used most (`coverage`) come last: outlets pick their own
    quotes and background, and tell the facts in their own order."""
    lead = coverage.least_used_first(rng, TEMPLATES[kind, language, "lead"])[-1]
    pools = {category: TEMPLATES[kind, language, category] for category in ("event", "quote")}
    pools["background"] = TEMPLATES[kind, language, "background"] + TEMPLATES["any", language, "background"]
    queues = {category: coverage.least_used_first(rng, pool) for category, pool in pools.items()}
    plan = [("lead", lead)]
    words, backgrounds = lead.words, 0
    while words < target:
        allowed = [
            category
            for category, queue in queues.items()
            if queue and (category != "background" or backgrounds + 1 <= MAX_BACKGROUND_SHARE * (len(plan) + 1))
        ]
        if not allowed:
            break
        draw = rng.random() * sum(CATEGORY_WEIGHTS[c] for c in allowed)
        for category in allowed:
            draw -= CATEGORY_WEIGHTS[category]
            if draw < 0:
                break
        template = queues[category].pop()
        if words + template.words > REPORT_WORDS[1]:
            break
        plan.append((category, template))
        words += template.words
        backgrounds += category == "background"
    return plan


@dataclass
class EventCoverage:
    """How often earlier reports of one event in one language used each template and each (template,
    phrasing). Independent outlets do not write the same text, so a new report takes the least used first."""

    templates: Counter[Template] = field(default_factory=Counter)
    phrasings: Counter[tuple[Template, int]] = field(default_factory=Counter)

    def least_used_first(self, rng: random.Random, pool: list[Template]) -> list[Template]:
        """`pool` in random order, the least used templates last (queues are popped from the end)."""
        keyed = [(self.templates[template], rng.random(), template) for template in pool]
        return [template for *_, template in sorted(keyed, key=lambda item: item[:2], reverse=True)]

    def fresh_phrasing(self, rng: random.Random, template: Template) -> int:
        """One of the least used phrasings of `template`."""
        if len(template.variants) == 1:
            return 0
        uses = [self.phrasings[template, index] for index in range(len(template.variants))]
        return rng.choice([index for index, count in enumerate(uses) if count == min(uses)])

    def record(self, template: Template, phrasing: int) -> None:
        self.templates[template] += 1
        self.phrasings[template, phrasing] += 1


def _layout(rng: random.Random, sentences: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The order a newspaper would print: the lead and the news, with the background in blocks of two or
    three sentences spread between 30% and 90% of the news, the boilerplate last."""
    news = [item for item in sentences if item[0] not in ("background", "boilerplate")]
    background = [item for item in sentences if item[0] == "background"]
    closing = [item for item in sentences if item[0] == "boilerplate"]
    count = max(1, -(-len(background) // 3))
    sizes = [len(background) // count + (block < len(background) % count) for block in range(count)]
    blocks, taken = [], 0
    for block, size in enumerate(sizes):
        share = 0.3 + 0.6 * (block + rng.random()) / count
        blocks.append((max(2, round(len(news) * share)), background[taken : taken + size]))
        taken += size
    for position, block_sentences in reversed(blocks):
        news[position:position] = block_sentences
    return news + closing


def _paragraphs(rng: random.Random, sentences: list[tuple[str, str]]) -> str:
    """Sentences grouped into paragraphs: quotes alone, one to three sentences of one kind otherwise."""
    paragraphs: list[list[str]] = []
    previous = ""
    for category, sentence in sentences:
        joins = (
            paragraphs
            and category not in ("quote", "boilerplate")
            and (category == previous or (previous == "lead" and category == "event"))
            and len(paragraphs[-1]) < 3
            and rng.random() < (0.7 if category == "background" else 0.5)
        )
        if joins:
            paragraphs[-1].append(sentence)
        else:
            paragraphs.append([sentence])
        previous = category
    return "\n\n".join(" ".join(paragraph) for paragraph in paragraphs)


def _report(rng: random.Random, event: dict, language: str, outlet: str, coverage: EventCoverage) -> tuple[str, str]:
    """One outlet's write-up of an event: a headline and a 300-600 word text in `language`.

    Templates and phrasings that earlier reports of the event used (`coverage`) are used last, so
    independent reports share facts, names and numbers but rarely whole sentences.
    """
    kind = event["kind"]
    plan = _plan(rng, kind, language, _target_words(rng, outlet), coverage)
    slots, genders = _report_slots(rng, event, language, outlet)
    sentences = []
    for category, template in plan:
        phrasing = coverage.fresh_phrasing(rng, template)
        coverage.record(template, phrasing)
        own_slots, own_genders = _sentence_slots(event, template)
        slots.update(own_slots)
        genders.update(own_genders)
        sentences.append((category, template.render(rng, slots, genders, phrasing)))
    if rng.random() < BOILERPLATE_SHARE["often" if _outlet_hash(outlet) % 2 else "rarely"]:
        boilerplate = rng.choice(TEMPLATES["any", language, "boilerplate"])
        sentences.append(("boilerplate", boilerplate.render(rng, slots, genders)))
    headline = rng.choice(TEMPLATES[kind, language, "head"]).render(rng, slots, genders)
    return headline, _paragraphs(rng, _layout(rng, sentences))


def _copy_text(rng: random.Random, text: str, language: str, outlet: str) -> tuple[str, str]:
    """A copy of `text`: verbatim (syndicated), with an added paragraph, or partial (the first 60-85% of
    its paragraphs, as when an outlet cuts a long agency text to fit)."""
    kind = rng.choice(["syndicated", "added", "partial"])
    if kind == "added":
        return kind, text + "\n\n" + ADDED_PARAGRAPH[language].format(outlet=outlet)
    paragraphs = text.split("\n\n")
    if kind == "partial" and len(paragraphs) >= 4:
        keep = max(3, round(len(paragraphs) * rng.uniform(0.6, 0.85)))
        return kind, "\n\n".join(paragraphs[:keep])
    return "syndicated", text


def generate_corpus(n: int, seed: int = 0) -> tuple[list[Article], dict]:
    """Exactly `n` articles with gold stories and copy groups; see the module docstring."""
    rng = random.Random(seed)
    used_towns: set[str] = set()
    day_span = max(7, n // 60)  # ~60 articles a day: many same-kind events share a week
    articles: list[Article] = []
    gold: dict[str, dict[str, str]] = {"story": {}, "copy_group": {}, "copy_kind": {}}
    event_number = 0
    while len(articles) < n:
        event = _event(rng, used_towns, day_span)
        event_id = f"event-{event_number}"
        event_number += 1
        coverage = {language: EventCoverage() for language in LANGUAGE_SHARE}
        for _ in range(rng.choice([1, 1, 2, 3, 4, 5, 6, 8])):
            if len(articles) >= n:
                break
            language = rng.choices(list(LANGUAGE_SHARE), weights=list(LANGUAGE_SHARE.values()))[0]
            published = event["start"] + timedelta(hours=rng.uniform(0, 36))
            outlet = rng.choice(OUTLETS[language])
            title, text = _report(rng, event, language, outlet, coverage[language])
            original = _article(text, title, outlet, published, language)
            if original.id in gold["story"]:
                continue
            articles.append(original)
            gold["story"][original.id] = event_id
            if rng.random() < 0.15 and len(articles) < n:
                copy_outlet = rng.choice([o for o in OUTLETS[language] if o != original.outlet])
                kind, copy_text = _copy_text(rng, text, language, copy_outlet)
                slots, genders = _report_slots(rng, event, language, copy_outlet)
                headline = rng.choice(TEMPLATES[event["kind"], language, "head"]).render(rng, slots, genders)
                copy = _article(
                    copy_text,
                    title if rng.random() < 0.3 else headline,
                    copy_outlet,
                    published + timedelta(hours=rng.uniform(1, 30)),
                    language,
                    salt=copy_outlet,
                )
                articles.append(copy)
                gold["story"][copy.id] = event_id
                gold["copy_group"][original.id] = original.id
                gold["copy_group"][copy.id] = original.id
                gold["copy_kind"][copy.id] = kind
    return articles, gold


def _article(text: str, title: str, outlet: str, published: datetime, language: str, salt: str = "") -> Article:
    return Article(
        id=article_id_for(f"{salt}\n{title}\n{text}"),
        text=text,
        source=f"synthetic:{outlet}",
        title=title,
        outlet=outlet,
        published=published.isoformat(timespec="minutes"),
        language=language,
    )


def copy_scores(articles: list[Article], gold: dict) -> tuple[float, float, int, int]:
    """Pairwise precision/recall of the (copy, original) links set on `articles` against the planted copies in
    `gold`; planted copies found; false copy links."""
    planted = {(a, g) for a, g in gold["copy_group"].items() if a != g}
    found = {(a.id, a.duplicate_of) for a in articles if a.duplicate_of}
    true = found & planted
    precision = len(true) / len(found) if found else 1.0
    recall = len(true) / len(planted) if planted else 1.0
    return precision, recall, len(true), len(found - planted)
