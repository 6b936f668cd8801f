"""Reports we wrote ourselves for the story tests (test_stories, test_story_keys, test_story_descriptions): one
quake in Velmora told in English, Spanish and German, another in Tarsk, Finnish reports for a language the
embedding does not cover; and `cluster`, which runs the copies and stories steps over them."""

from __future__ import annotations

import re

from storylens.model import Article, Corpus, Mention, TimeExpression
from storylens.pipeline import Stats
from storylens.steps.copies import FindCopies
from storylens.steps.stories import ClusterStories, StorySettings

VELMORA_EN = Article(
    id="velmora-en",
    source="test",
    language="en",
    outlet="Harbor Times",
    published="2031-05-06T08:00:00",
    title="Magnitude 6.1 quake hits Velmora",
    text="An earthquake of magnitude 6.1 struck the coastal town of Velmora on Tuesday, damaging 40 homes, the "
    "civil protection agency said. Mayor Ilse Brandtveit asked residents to stay outdoors overnight.",
)


VELMORA_ES = Article(
    id="velmora-es",
    source="test",
    language="es",
    outlet="Diario del Sur",
    published="2031-05-06T11:00:00",
    title="Un sismo de magnitud 6,1 sacude Velmora",
    text="Un terremoto de magnitud 6,1 sacudió el martes la localidad costera de Velmora y dañó 40 viviendas, "
    "informó protección civil. La alcaldesa Ilse Brandtveit pidió a los vecinos pasar la noche al aire libre.",
)


TARSK_EN = Article(
    id="tarsk-en",
    source="test",
    language="en",
    outlet="Harbor Times",
    published="2031-05-08T09:00:00",
    title="Magnitude 5.4 quake hits Tarsk",
    text="An earthquake of magnitude 5.4 struck the mountain village of Tarsk on Thursday, damaging 12 homes, the "
    "civil protection agency said. Mayor Oskar Lindqvist opened the school gym as a shelter.",
)


VELMORA_FOLLOW_UP = Article(
    id="velmora-follow-up",
    source="test",
    language="en",
    outlet="Valley Courier",
    published="2031-05-07T16:00:00",
    title="Velmora counts damage after 6.1 quake",
    text="Engineers in Velmora inspected the 40 homes damaged by Tuesday's magnitude 6.1 earthquake. Mayor Ilse "
    "Brandtveit said families would be housed in the sports hall until repairs begin.",
)


VELMORA_DE = Article(
    id="velmora-de",
    source="test",
    language="de",
    outlet="Bergland Bote",
    published="2031-05-06T14:00:00",
    title="Erdbeben der Stärke 6,1 erschüttert Velmora",
    text="Ein Erdbeben der Stärke 6,1 hat am Dienstag die Küstenstadt Velmora erschüttert und 40 Häuser beschädigt, "
    "teilte der Zivilschutz mit. Bürgermeisterin Ilse Brandtveit bat die Einwohner, die Nacht im Freien zu "
    "verbringen. Die Feuerwehr prüfte am Abend Schulen, Brücken und Leitungen auf Schäden.",
)


def fresh(*articles: Article) -> list[Article]:
    """Copies of the module's articles, so tests do not share annotations."""
    return [Article(**{**a.__dict__, "metadata": {}, "mentions": list(a.mentions)}) for a in articles]


def cluster(*articles: Article, settings: StorySettings | None = None, corpus: Corpus | None = None) -> Corpus:
    """Run copies and stories; on an existing corpus, as an incremental run adding `articles`."""
    incremental = corpus is not None
    corpus = corpus or Corpus()
    corpus.articles.update({a.id: a for a in articles})
    corpus.new_article_ids = {a.id for a in articles} if incremental else set()
    FindCopies().run(corpus, Stats())
    return ClusterStories(settings).run(corpus, Stats())


def finnish(article_id: str, town: str, magnitude: str, homes: str, day: str, hour: str) -> Article:
    """A report in Finnish, a language the sentence encoder does not cover."""
    return Article(
        id=article_id,
        source="test",
        language="fi",
        published=f"{day}T{hour}",
        title=f"Maanjäristys ravisteli {town}",
        text=f"Voimakkuudeltaan {magnitude} maanjäristys vaurioitti {homes} taloa {town} tiistaina. "
        f"Pormestari Aino Kettunen kehotti asukkaita pysymään ulkona.",
        time_expressions=[TimeExpression(article_id, 0, 0, "", day)],
    )


def people_in(article: Article, names: tuple[str, ...]) -> list[Mention]:
    """PERSON mentions of the given names wherever the text holds them."""
    return [
        Mention(article.id, match.start(), match.end(), name, "PERSON")
        for name in names
        for match in re.finditer(re.escape(name), article.text)
    ]
