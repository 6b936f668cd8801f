"""A synthetic news feed with gold stories and copies, written from our own templates.

`generate_corpus(n, seed)` returns about `n` articles about fictional events in
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

Gold: `gold["story"][article_id]` is the event id, `gold["copy_group"][article_id]`
is the id of the original for articles in a copy group (originals included).
Every name, place and sentence is invented here.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from storylens.model import Article, article_id_for

LANGUAGE_SHARE = {"en": 0.6, "es": 0.2, "de": 0.2}
OUTLETS = {
    "en": ["Harbor Times", "Northern Ledger", "Valley Courier", "Coastline Post", "Meridian Wire", "Daily Lantern"],
    "es": ["Diario del Sur", "La Voz Costera", "El Observador Norte", "Crónica Meridiana"],
    "de": ["Nordkurier Abend", "Tagesblick", "Küstenbote", "Allgemeine Rundschau"],
}
COUNTRIES = ["Norland", "Estavia", "Qarun", "Belmarre", "Tavoria"]
MINISTERS = ["Falk Renner", "Odile Sarrazet", "Amir Qadouri", "Lena Vossberg", "Tomas Ilvane"]
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
FIRST_NAMES = [
    "Ilse",
    "Oskar",
    "Marta",
    "Joren",
    "Senna",
    "Aurel",
    "Petra",
    "Davor",
    "Lucia",
    "Henrik",
    "Yara",
    "Milan",
    "Greta",
    "Teodor",
    "Nadia",
    "Emil",
    "Rosa",
    "Kasimir",
    "Liv",
    "Bruno",
    "Alma",
    "Viktor",
]
LAST_NAMES = [
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
ORG_SUFFIXES = ["Works", "Group", "Industries", "Logistics", "Textiles", "Foods", "Chemicals", "Systems"]
RIVERS = ["Aldra", "Venn", "Sorrel", "Maru", "Ketta", "Istra", "Lomme"]
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "es": ["el lunes", "el martes", "el miércoles", "el jueves", "el viernes", "el sábado", "el domingo"],
    "de": ["am Montag", "am Dienstag", "am Mittwoch", "am Donnerstag", "am Freitag", "am Samstag", "am Sonntag"],
}

# Per kind and language: headlines, leads, body sentences. Slots: place, country, person, minister, org,
# river, day, n1, n2 (integers), big (integer with thousands separator), dec (decimal), other (second country).
TEMPLATES: dict[str, dict[str, dict[str, list[str]]]] = {
    "quake": {
        "en": {
            "head": [
                "Magnitude {dec} earthquake shakes {place}",
                "Quake damages {n1} homes in {place}",
                "{place} residents sleep outdoors after {dec} tremor",
            ],
            "lead": [
                "An earthquake of magnitude {dec} struck {place} in {country} on {day}, damaging {n1} homes.",
                "A {dec}-magnitude quake hit the town of {place} on {day}, leaving {n2} people injured.",
                "Residents of {place} fled into the streets on {day} when a magnitude {dec} earthquake hit.",
            ],
            "body": [
                "Mayor {person} said {n2} people were treated for injuries and {n1} houses need inspection.",
                "Interior Minister {minister} promised emergency funds for {place}.",
                "Seismologists said aftershocks were likely in the coming days.",
                "Schools in {place} will stay closed while engineers check the buildings.",
                "Rescue teams searched the old town of {place} throughout the night.",
            ],
        },
        "es": {
            "head": ["Un sismo de magnitud {dec} sacude {place}", "El terremoto daña {n1} viviendas en {place}"],
            "lead": [
                "Un terremoto de magnitud {dec} sacudió {day} la localidad de {place}, en {country}, "
                "y dañó {n1} viviendas.",
                "Un sismo de {dec} grados golpeó {day} {place} y dejó {n2} heridos.",
            ],
            "body": [
                "El alcalde {person} afirmó que {n2} personas recibieron atención médica.",
                "El ministro del Interior, {minister}, prometió fondos de emergencia para {place}.",
                "Los sismólogos advirtieron de posibles réplicas en los próximos días.",
                "Las escuelas de {place} permanecerán cerradas mientras se revisan los edificios.",
            ],
        },
        "de": {
            "head": ["Erdbeben der Stärke {dec} erschüttert {place}", "Beben beschädigt {n1} Häuser in {place}"],
            "lead": [
                "Ein Erdbeben der Stärke {dec} hat {day} die Stadt {place} in {country} erschüttert und "
                "{n1} Häuser beschädigt.",
                "Ein Beben der Stärke {dec} hat {day} {place} getroffen, {n2} Menschen wurden verletzt.",
            ],
            "body": [
                "Bürgermeister {person} sagte, {n2} Menschen seien behandelt worden.",
                "Innenminister {minister} versprach Nothilfe für {place}.",
                "Seismologen rechnen in den kommenden Tagen mit Nachbeben.",
                "Die Schulen in {place} bleiben geschlossen, bis die Gebäude geprüft sind.",
            ],
        },
    },
    "fire": {
        "en": {
            "head": ["Fire destroys {org} plant in {place}", "{n2} workers evacuated as blaze hits {place} factory"],
            "lead": [
                "A fire broke out at the {org} plant in {place} on {day}, and {n1} firefighters fought it for hours.",
                "{n2} workers were evacuated on {day} when a blaze tore through the {org} factory in {place}.",
            ],
            "body": [
                "Plant manager {person} said nobody was seriously hurt.",
                "Interior Minister {minister} ordered an inquiry into the cause of the fire.",
                "Smoke could be seen across {place} until the evening.",
                "The company estimated the damage at {dec} million.",
            ],
        },
        "es": {
            "head": [
                "Un incendio destruye la planta de {org} en {place}",
                "Evacuados {n2} trabajadores por un incendio en {place}",
            ],
            "lead": [
                "Un incendio se declaró {day} en la planta de {org} en {place} y {n1} bomberos lucharon "
                "durante horas contra las llamas.",
                "{n2} trabajadores fueron evacuados {day} cuando el fuego arrasó la fábrica de {org} en {place}.",
            ],
            "body": [
                "El director de la planta, {person}, dijo que nadie resultó herido de gravedad.",
                "El ministro del Interior, {minister}, ordenó una investigación.",
                "La empresa calculó los daños en {dec} millones.",
            ],
        },
        "de": {
            "head": ["Brand zerstört Werk von {org} in {place}", "{n2} Beschäftigte nach Feuer in {place} evakuiert"],
            "lead": [
                "Im Werk von {org} in {place} ist {day} ein Feuer ausgebrochen, {n1} Feuerwehrleute "
                "kämpften stundenlang dagegen.",
                "{n2} Beschäftigte mussten {day} das Werk von {org} in {place} wegen eines Brandes verlassen.",
            ],
            "body": [
                "Werksleiter {person} sagte, niemand sei schwer verletzt worden.",
                "Innenminister {minister} ordnete eine Untersuchung an.",
                "Das Unternehmen schätzt den Schaden auf {dec} Millionen.",
            ],
        },
    },
    "summit": {
        "en": {
            "head": ["{country} and {other} sign trade pact in {place}", "Leaders meet in {place} for talks"],
            "lead": [
                "Leaders of {country} and {other} met in {place} on {day} and agreed trade worth {big} million.",
                "A summit in {place} ended on {day} with a deal between {country} and {other}.",
            ],
            "body": [
                "Foreign Minister {minister} called the meeting a turning point.",
                "Negotiator {person} said {n1} separate agreements were signed.",
                "The next round of talks is planned in {n2} weeks.",
            ],
        },
        "es": {
            "head": ["{country} y {other} firman un pacto comercial en {place}", "Cumbre en {place}"],
            "lead": [
                "Los líderes de {country} y {other} se reunieron {day} en {place} y acordaron un comercio "
                "de {big} millones.",
                "Una cumbre en {place} terminó {day} con un acuerdo entre {country} y {other}.",
            ],
            "body": [
                "El ministro de Exteriores, {minister}, calificó la reunión de histórica.",
                "El negociador {person} dijo que se firmaron {n1} acuerdos.",
                "La próxima ronda está prevista dentro de {n2} semanas.",
            ],
        },
        "de": {
            "head": ["{country} und {other} unterzeichnen Handelsabkommen in {place}", "Gipfel in {place}"],
            "lead": [
                "Die Regierungschefs von {country} und {other} haben sich {day} in {place} getroffen und "
                "Handel im Wert von {big} Millionen vereinbart.",
                "Ein Gipfel in {place} endete {day} mit einer Einigung zwischen {country} und {other}.",
            ],
            "body": [
                "Außenminister {minister} sprach von einem Wendepunkt.",
                "Unterhändler {person} sagte, es seien {n1} Abkommen unterzeichnet worden.",
                "Die nächste Runde ist in {n2} Wochen geplant.",
            ],
        },
    },
    "office": {
        "en": {
            "head": ["{org} opens office in {place}", "{org} to create {big} jobs in {place}"],
            "lead": [
                "{org} opened a new office in {place} on {day}, promising {big} jobs over {n2} years.",
                "The company {org} said on {day} it will invest {dec} million in a new site in {place}.",
            ],
            "body": [
                "Chief executive {person} said {place} was chosen for its port.",
                "Economy Minister {minister} attended the opening.",
                "Local officials expect {n1} suppliers to follow.",
            ],
        },
        "es": {
            "head": ["{org} abre una oficina en {place}", "{org} creará {big} empleos en {place}"],
            "lead": [
                "{org} inauguró {day} una nueva oficina en {place} y prometió {big} empleos en {n2} años.",
                "La empresa {org} anunció {day} una inversión de {dec} millones en {place}.",
            ],
            "body": [
                "El consejero delegado, {person}, dijo que eligieron {place} por su puerto.",
                "El ministro de Economía, {minister}, asistió a la inauguración.",
                "Las autoridades locales esperan que lleguen {n1} proveedores.",
            ],
        },
        "de": {
            "head": ["{org} eröffnet Büro in {place}", "{org} schafft {big} Arbeitsplätze in {place}"],
            "lead": [
                "{org} hat {day} ein neues Büro in {place} eröffnet und {big} Arbeitsplätze in {n2} "
                "Jahren versprochen.",
                "Das Unternehmen {org} will {dec} Millionen in einen neuen Standort in {place} investieren.",
            ],
            "body": [
                "Vorstandschef {person} sagte, {place} sei wegen seines Hafens gewählt worden.",
                "Wirtschaftsminister {minister} nahm an der Eröffnung teil.",
                "Die Stadt rechnet mit {n1} Zulieferern.",
            ],
        },
    },
    "flood": {
        "en": {
            "head": ["River {river} floods {place}", "{big} evacuated as {place} floods"],
            "lead": [
                "The river {river} burst its banks in {place} on {day}, forcing {big} people from their homes.",
                "Floods hit {place} on {day} after {n2} millimetres of rain fell in one night.",
            ],
            "body": [
                "Regional official {person} said {n1} roads were closed.",
                "Interior Minister {minister} visited the shelters in {place}.",
                "Forecasters expect the water to fall within {n2} hours.",
            ],
        },
        "es": {
            "head": ["El río {river} inunda {place}", "{big} evacuados por las inundaciones en {place}"],
            "lead": [
                "El río {river} se desbordó {day} en {place} y obligó a {big} personas a dejar sus casas.",
                "Las inundaciones afectaron {day} a {place} tras caer {n2} litros de lluvia en una noche.",
            ],
            "body": [
                "El responsable regional {person} dijo que {n1} carreteras estaban cortadas.",
                "El ministro del Interior, {minister}, visitó los albergues de {place}.",
            ],
        },
        "de": {
            "head": ["Fluss {river} überflutet {place}", "{big} Menschen in {place} evakuiert"],
            "lead": [
                "Der Fluss {river} ist {day} in {place} über die Ufer getreten, {big} Menschen mussten ihre "
                "Häuser verlassen.",
                "Hochwasser hat {day} {place} getroffen, nachdem {n2} Millimeter Regen in einer Nacht fielen.",
            ],
            "body": [
                "Der Regionalbeamte {person} sagte, {n1} Straßen seien gesperrt.",
                "Innenminister {minister} besuchte die Notunterkünfte in {place}.",
            ],
        },
    },
    "strike": {
        "en": {
            "head": ["Workers at {org} strike in {place}", "Strike halts {org} in {place}"],
            "lead": [
                "{big} workers at {org} in {place} walked out on {day}, demanding a {n2} percent raise.",
                "A strike stopped production at {org} in {place} on {day}.",
            ],
            "body": [
                "Union leader {person} said the strike would last {n1} days.",
                "Labour Minister {minister} called both sides to talks.",
                "Management said it had offered a raise of {dec} percent.",
            ],
        },
        "es": {
            "head": ["Huelga en {org} en {place}", "Los trabajadores de {org} paran en {place}"],
            "lead": [
                "{big} trabajadores de {org} en {place} fueron a la huelga {day} para exigir una subida del "
                "{n2} por ciento.",
                "Una huelga paralizó {day} la producción de {org} en {place}.",
            ],
            "body": [
                "La sindicalista {person} dijo que la huelga durará {n1} días.",
                "El ministro de Trabajo, {minister}, convocó a ambas partes.",
            ],
        },
        "de": {
            "head": ["Streik bei {org} in {place}", "Beschäftigte von {org} legen Arbeit nieder"],
            "lead": [
                "{big} Beschäftigte von {org} in {place} haben {day} die Arbeit niedergelegt und {n2} "
                "Prozent mehr Lohn gefordert.",
                "Ein Streik hat {day} die Produktion bei {org} in {place} gestoppt.",
            ],
            "body": [
                "Gewerkschaftschef {person} sagte, der Streik dauere {n1} Tage.",
                "Arbeitsminister {minister} rief beide Seiten zu Gesprächen.",
            ],
        },
    },
}
ADDED_PARAGRAPH = {
    "en": "This report was updated with additional details from the {outlet} newsroom.",
    "es": "Esta información fue ampliada por la redacción de {outlet}.",
    "de": "Dieser Bericht wurde von der Redaktion von {outlet} ergänzt.",
}
START = datetime(2031, 3, 1, 6, 0)


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


def _event(rng: random.Random, used_towns: set[str], day_span: int) -> dict:
    country, other = rng.sample(COUNTRIES, 2)
    return {
        "kind": rng.choice(list(TEMPLATES)),
        "place": _town(rng, used_towns),
        "country": country,
        "other": other,
        "person": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        "minister": rng.choice(MINISTERS),
        "org": f"{rng.choice(SYLLABLES_START)}{rng.choice(SYLLABLES_END)} {rng.choice(ORG_SUFFIXES)}",
        "river": rng.choice(RIVERS),
        "n1": rng.randint(3, 95),
        "n2": rng.randint(2, 60),
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


def _report(rng: random.Random, event: dict, language: str, written: list[set[str]]) -> tuple[str, str] | None:
    """One outlet's write-up of an event: a headline and 3-5 sentences in `language`.

    Two outlets do not write the same text independently, so a write-up sharing
    more than half its sentences with an earlier one of the event (`written`) is
    redrawn, and None is returned when no different one can be found.
    """
    templates = TEMPLATES[event["kind"]][language]
    for _ in range(10):
        body = rng.sample(templates["body"], k=min(len(templates["body"]), rng.randint(2, 4)))
        sentences = [rng.choice(templates["lead"]), *body]
        if all(len(before & set(sentences)) * 2 <= len(sentences) for before in written):
            break
    else:
        return None
    written.append(set(sentences))
    slots = _slots(event, language)
    text = " ".join(s.format(**slots) for s in sentences)
    text = text[0].upper() + text[1:]
    return rng.choice(templates["head"]).format(**slots), text


def _copy_text(rng: random.Random, text: str, language: str, outlet: str) -> tuple[str, str]:
    """A copy of `text`: verbatim (syndicated), with an added paragraph, or partial (a sentence dropped)."""
    kind = rng.choice(["syndicated", "added", "partial"])
    if kind == "added":
        return kind, text + "\n\n" + ADDED_PARAGRAPH[language].format(outlet=outlet)
    sentences = text.split(". ")
    if kind == "partial" and len(sentences) >= 4:
        return kind, ". ".join(sentences[:-1]) + "."
    return "syndicated", text


def generate_corpus(n: int, seed: int = 0) -> tuple[list[Article], dict]:
    """About `n` articles (exactly `n`) with gold stories and copy groups; see the module docstring."""
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
        written: dict[str, list[set[str]]] = {language: [] for language in LANGUAGE_SHARE}
        for _ in range(min(n - len(articles), rng.choice([1, 1, 2, 3, 4, 5, 6, 8]))):
            language = rng.choices(list(LANGUAGE_SHARE), weights=list(LANGUAGE_SHARE.values()))[0]
            published = event["start"] + timedelta(hours=rng.uniform(0, 36))
            report = _report(rng, event, language, written[language])
            if report is None:
                continue
            title, text = report
            original = _article(text, title, rng.choice(OUTLETS[language]), published, language)
            if original.id in gold["story"]:
                continue
            articles.append(original)
            gold["story"][original.id] = event_id
            if rng.random() < 0.15 and len(articles) < n:
                outlet = rng.choice([o for o in OUTLETS[language] if o != original.outlet])
                kind, copy_text = _copy_text(rng, text, language, outlet)
                headline = rng.choice(TEMPLATES[event["kind"]][language]["head"])
                copy_title = title if rng.random() < 0.3 else headline.format(**_slots(event, language))
                copy = _article(
                    copy_text,
                    copy_title,
                    outlet,
                    published + timedelta(hours=rng.uniform(1, 30)),
                    language,
                    salt=outlet,
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
