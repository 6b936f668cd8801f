"""Benchmark framing speed: one story of 500 articles, framing beside the rest of the pipeline, same run.

    python benchmarks/framing.py            # 500 synthetic articles (benchmarks/synthetic_news.py)
    python benchmarks/framing.py --n 200

All articles are annotated by the default article steps (cleaning, language, entities, quotes, time, story
signals) in this process, then put into ONE story (the worst case for a story step: everything in one bundle),
and the story steps run on it: quote groups, timeline, claims alignment and framing (the corpus-prior count + the
story step: loaded language, voices, term contrast, naming contrast, gaps, tone).
Printed: each step's own time, framing's time and its share of the whole pipeline's time. The machine is
shared, so absolute figures are noisy; the share is measured within one run.
"""

from __future__ import annotations

import argparse
import time

from storylens.config import Settings, build_pipeline
from storylens.model import Corpus, Story
from storylens.pipeline import RunStats, StoryBundle, run_article_steps
from storylens.steps.framing import CountFramingTerms, DescribeFraming
from synthetic_news import generate_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args()
    articles, _ = generate_corpus(args.n, seed=7)
    settings = Settings()
    pipeline = build_pipeline(settings)
    started = time.perf_counter()
    batch = run_article_steps(pipeline.article_steps, articles)
    article_seconds = time.perf_counter() - started
    annotated = batch.articles
    story = Story(
        id="bench", article_ids=[a.id for a in annotated], outlets=sorted({a.outlet or "" for a in annotated})
    )
    corpus = Corpus(articles={a.id: a for a in annotated}, stories={"bench": story})
    stats = RunStats()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    CountFramingTerms(settings.framing).run(corpus, stats.for_step("framing-background"))
    timings["framing-background"] = time.perf_counter() - started
    bundle = StoryBundle(story, annotated)
    for step in pipeline.story_steps:
        started = time.perf_counter()
        bundle = step.run(bundle, stats.for_step(step.name))
        timings[step.name] = time.perf_counter() - started
    if not any(isinstance(step, DescribeFraming) for step in pipeline.story_steps):
        raise SystemExit("the default pipeline has no framing step")
    framing = timings["framing-background"] + timings["framing"]
    rest = article_seconds + sum(t for name, t in timings.items() if not name.startswith("framing"))
    print(f"{len(annotated)} articles in one story ({sum(len(a.text.split()) for a in annotated)} words)")
    print(f"article steps: {article_seconds:.1f} s")
    for name, seconds in timings.items():
        print(f"story/corpus step {name}: {seconds:.2f} s")
    print(
        f"framing total: {framing:.2f} s = {100 * framing / (framing + rest):.1f}% of the pipeline ({rest:.1f} s rest)"
    )
    groups = bundle.story.framing
    print(
        f"framing found: {len(groups['outlets'])} outlets, "
        f"{sum(len(g['loaded_terms']) for g in groups['outlets'])} loaded-language/cue findings, "
        f"{len(groups['naming'])} naming pairs, {len(groups['gaps']['claims'])} claim gaps, "
        f"{len(groups['tone'])} key actors with tone"
    )


if __name__ == "__main__":
    main()
