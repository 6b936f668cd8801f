"""Rebuild src/storylens/resources/quotes/first_names.tsv (given name -> usual gender) from `names-dataset`.

    pip install names-dataset==3.3.1      # only for this script, not a storylens dependency
    python scripts/build_first_names.py

Why a derived file: the package's first-name table holds 727,556 names (a 55 MB wheel that takes ~8 s and
~900 MB to load), far too heavy for a quote step that only needs "is this a common given name, and which
gender does it usually mark?". We keep the names that rank among the `--rank` most common in at least one
of the package's 106 countries and whose usage is at least `--share` one gender; an ambiguous name (Andrea,
Jean) is left out, which the quote step reads as "gender unknown" (compatible with any pronoun), never as a
wrong guess. Words that are function words or honorifics in one of our quote languages are dropped
(the table is built from social-network profiles and holds a few, such as "Mr").

The package's data is read from its own gzip'd pickle (no import of the package, which needs pycountry).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import pickle
import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
QUOTES = REPO / "src" / "storylens" / "resources" / "quotes"
LETTERS = re.compile(r"[^\W\d_]{2,}")


def package_table() -> dict:
    spec = importlib.util.find_spec("names_dataset")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("names-dataset is not installed: pip install names-dataset==3.3.1")
    path = Path(next(iter(spec.submodule_search_locations))) / "v3" / "first_names.pkl.gz"
    with gzip.open(path, "rb") as data:
        return pickle.load(data)


def excluded_words() -> set[str]:
    """Function words and honorifics of our quote languages: never given names here."""
    words: set[str] = set()
    for path in QUOTES.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in ("not_names", "honorifics", "determiners", "pronouns", "abbreviations", "role_words"):
            words |= {str(word).lower() for word in data.get(key) or []}
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rank", type=int, default=500, help="best rank in some country at most this")
    parser.add_argument("--share", type=float, default=0.8, help="share of the usual gender at least this")
    parser.add_argument("--out", type=Path, default=QUOTES / "first_names.tsv")
    args = parser.parse_args()
    excluded = excluded_words()
    names: dict[str, str] = {}
    for name, entry in package_table().items():
        ranks = [rank for rank in (entry.get("rank") or {}).values() if rank]
        genders = entry.get("gender") or {}
        if not ranks or not genders or min(ranks) > args.rank or not LETTERS.fullmatch(name):
            continue
        gender = max(genders, key=genders.get)
        key = name.lower()
        if genders[gender] >= args.share and key not in excluded:
            names[key] = gender.lower()
    header = (
        "# Given name -> usual gender (f/m), derived by scripts/build_first_names.py from names-dataset 3.3.1\n"
        f"# (best rank <= {args.rank} in some country, gender share >= {args.share}); {len(names)} names.\n"
    )
    lines = [f"{name}\t{gender}\n" for name, gender in sorted(names.items())]
    args.out.write_text(header + "".join(lines), encoding="utf-8")
    print(f"wrote {len(names)} names to {args.out}")


if __name__ == "__main__":
    main()
