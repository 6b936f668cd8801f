"""Quote extraction speed and quality on generated articles, beside a naive baseline run on the same articles.

    python benchmarks/quotes.py            # 5,000 articles
    python benchmarks/quotes.py --n 20000

Articles are generated here from our own templates (fictional people and
places) in English, Spanish, German and French, mixing quotation styles, speaker
positions, indirect speech, scare quotes and titles; each generated quote is
gold, so the script prints precision/recall of quote spans and speaker accuracy
as well as quotes/second. The baseline is what a quick script would do: pair
curly or straight double quotes and take a capitalized name next to "said".
It also times GroupQuotes on stories of 10 articles each carrying shared quotes.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from dataclasses import dataclass

from storylens.model import Article, Story
from storylens.pipeline import Stats, StoryBundle
from storylens.steps.quote_groups import GroupQuotes
from storylens.steps.quotes import ExtractQuotes

FIRST = ["Ana", "Tomas", "Mira", "Jonas", "Carla", "Pedro", "Lucía", "Anna", "Luc", "Claire", "Odile", "Falk"]
LAST = ["Ruiz", "Berg", "Osei", "Vik", "Mendes", "Saura", "Ferrer", "Keller", "Moreau", "Dubois", "Renner", "Ilvane"]
TOWNS = ["Velden", "Brekka", "Kessport", "Sternau", "Tavora", "Linmouth"]
STATEMENTS = {
    "en": [
        "We will not pay for a bridge that was never built",
        "The harbour will stay open all winter",
        "Nobody in {town} will lose their job because of this",
        "The audit found forty missing invoices in the port accounts",
        "We warned the council twice and both times it ignored us",
    ],
    "es": [
        "No vamos a pagar por un puente que nunca se construyó",
        "El puerto seguirá abierto todo el invierno",
        "Nadie en {town} perderá su empleo por esto",
    ],
    "de": [
        "Wir zahlen nicht für eine Brücke, die nie gebaut wurde",
        "Der Hafen bleibt den ganzen Winter geöffnet",
        "Niemand in {town} wird deswegen seine Arbeit verlieren",
    ],
    "fr": [
        "Nous ne paierons pas pour un pont qui n'a jamais été construit",
        "Le port restera ouvert tout l'hiver",
        "Personne à {town} ne perdra son emploi à cause de cela",
    ],
}
DIRECT = {
    "en": ["“{q},” said {s}.", "“{q},” {s} said.", "{s} said: “{q}.”", '"{q}," {s} told reporters.'],
    "es": ["«{q}», dijo {s}.", "“{q}”, afirmó {s}."],
    "de": ["„{q}“, sagte {s}.", "»{q}«, erklärte {s}."],
    "fr": ["« {q} », a déclaré {s}.", "« {q} », a affirmé {s}."],
}
INDIRECT = {
    "en": "{s} said that {q}.",
    "es": "{s} dijo que {q}.",
    "de": "{s} sagte, dass {q}.",
    "fr": "{s} a affirmé que {q}.",
}
FILLER = {
    "en": [
        "The council met on Monday in {town} to discuss the budget.",
        "The so-called “rescue plan” was announced last spring.",
        "Residents gathered outside the town hall for most of the afternoon.",
        "The documentary “Silent River” was shown at the festival.",
    ],
    "es": ["El consejo se reunió el lunes en {town}.", "El llamado «rescate» no llegó nunca."],
    "de": ["Der Rat tagte am Montag in {town}.", "Die sogenannte „Reform“ wurde still beerdigt."],
    "fr": ["Le conseil s'est réuni lundi à {town}.", "Le rapport intitulé « Un pont trop loin » a été publié."],
}


@dataclass
class GoldQuote:
    text: str
    speaker: str


def generate(n: int, seed: int = 0) -> tuple[list[Article], dict[str, list[GoldQuote]]]:
    """`n` articles of 6-10 paragraphs with gold quotes (content text and speaker name)."""
    rng = random.Random(seed)
    articles, gold = [], {}
    for number in range(n):
        language = rng.choices(["en", "es", "de", "fr"], [0.55, 0.15, 0.15, 0.15])[0]
        town = rng.choice(TOWNS)
        paragraphs, quotes = [], []
        for _ in range(rng.randint(6, 10)):
            speaker = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            statement = rng.choice(STATEMENTS[language]).format(town=town)
            roll = rng.random()
            if roll < 0.35:
                paragraphs.append(rng.choice(DIRECT[language]).format(q=statement, s=speaker))
                quotes.append(GoldQuote(statement, speaker))
            elif roll < 0.55:
                content = statement[0].lower() + statement[1:]
                paragraphs.append(INDIRECT[language].format(q=content, s=speaker))
                quotes.append(GoldQuote(content, speaker))
            else:
                paragraphs.append(rng.choice(FILLER[language]).format(town=town))
        article_id = f"bench-{number}"
        articles.append(Article(id=article_id, text="\n\n".join(paragraphs), source="bench", language=language))
        gold[article_id] = quotes
    return articles, gold


def baseline_quotes(article: Article) -> list[tuple[str, str | None]]:
    """The quick-script baseline: double-quote pairs, speaker = capitalized words next to "said"."""
    found = []
    for match in re.finditer(r"[“\"](.+?)[”\"]", article.text):
        after = article.text[match.end() : match.end() + 60]
        name = re.match(r",? (?:said )?((?:[A-Z]\w+ ?){1,3})", after)
        found.append((match.group(1), name.group(1).strip() if name else None))
    return found


def score(
    found: dict[str, list[tuple[str, str | None]]], gold: dict[str, list[GoldQuote]]
) -> tuple[float, float, float]:
    """Precision and recall of quote texts (ignoring edge punctuation), and speaker accuracy on matched quotes."""
    matched = speakers_right = found_total = gold_total = 0
    for article_id, wanted in gold.items():
        got = [(text.strip(" ,.").lower(), speaker) for text, speaker in found.get(article_id, [])]
        found_total += len(got)
        gold_total += len(wanted)
        remaining = list(got)
        for quote in wanted:
            key = quote.text.strip(" ,.").lower()
            hit = next((item for item in remaining if item[0] == key), None)
            if hit is not None:
                remaining.remove(hit)
                matched += 1
                speakers_right += hit[1] is not None and quote.speaker in hit[1]
    precision = matched / found_total if found_total else 0.0
    recall = matched / gold_total if gold_total else 0.0
    return precision, recall, speakers_right / matched if matched else 0.0


def time_grouping(stories: int, seed: int = 1) -> tuple[float, int]:
    """Seconds to group `stories` stories of 10 articles, and how many groups were found."""
    articles, _ = generate(stories * 10, seed)
    list(ExtractQuotes().run(articles, Stats()))
    step, groups = GroupQuotes(), 0
    step.run(StoryBundle(Story(id="warm-up"), articles[:2]), Stats())  # load the sentence encoder outside the clock
    started = time.perf_counter()
    for number in range(stories):
        members = articles[number * 10 : (number + 1) * 10]
        for article in members:
            article.outlet = f"Outlet {article.id[-1]}"
        bundle = step.run(StoryBundle(Story(id=f"s{number}"), members), Stats())
        groups += len(bundle.story.quote_groups)
    return time.perf_counter() - started, groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="articles to generate")
    parser.add_argument("--stories", type=int, default=50, help="stories of 10 articles to group")
    args = parser.parse_args()
    articles, gold = generate(args.n)

    started = time.perf_counter()
    baseline = {article.id: baseline_quotes(article) for article in articles}
    baseline_seconds = time.perf_counter() - started

    stats = Stats()
    started = time.perf_counter()
    list(ExtractQuotes().run(articles, stats))
    seconds = time.perf_counter() - started
    ours = {a.id: [(q.text, q.speaker.text if q.speaker else None) for q in a.quotes] for a in articles}

    print(f"{args.n} articles, {sum(len(g) for g in gold.values())} gold quotes")
    print(f"{'extractor':<22}{'seconds':>9}{'quotes/s':>11}{'precision':>11}{'recall':>8}{'speaker':>9}")
    for name, found, spent in (("baseline (regex)", baseline, baseline_seconds), ("storylens quotes", ours, seconds)):
        total = sum(len(v) for v in found.values())
        precision, recall, speaker = score(found, gold)
        print(f"{name:<22}{spent:>9.2f}{total / spent:>11.0f}{precision:>11.3f}{recall:>8.3f}{speaker:>9.3f}")
    print(f"step stats: {dict(stats)}")
    grouping_seconds, groups = time_grouping(args.stories)
    print(f"grouping: {args.stories} stories x 10 articles in {grouping_seconds:.2f}s, {groups} quote groups")


if __name__ == "__main__":
    main()
