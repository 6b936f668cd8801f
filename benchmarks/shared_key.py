"""What reading one lookup key costs when N stored articles hold it (docs/scale.md, "a key shared across years").

Boilerplate an outlet repeats for years makes one copy lookup key held by a large part of the store. This
writes N holder rows of one key straight into an empty store's `lookup_keys` table (dated over 26 years;
no articles: only the key read is timed) and times `lookup_key_rows` for that key and 37 keys held by
nobody (a new article's 38 keys), reading every holder and reading the `max_bucket_size + 1` earliest, as a
run does.

    python benchmarks/shared_key.py --db sqlite:////tmp/k.db --holders 1000000
    python benchmarks/shared_key.py --db postgresql://localhost/empty --holders 1000000
"""

from __future__ import annotations

import argparse
import time

from storylens.steps.copies import CopySettings
from storylens.store import Store, open_store
from storylens.working_set import holders_read

SHARED_KEY = 7


def fill(store: Store, url: str, holders: int) -> None:
    """N holders of one key, with dates (the store's own writes would need N articles; only the rows matter)."""
    rows = [(SHARED_KEY, f"a{i:08d}", f"{2000 + i % 26}-{1 + i % 12:02d}-01") for i in range(holders)]
    if url.startswith("postgresql"):
        with store._pool.connection() as connection:  # type: ignore[attr-defined]
            copy_rows = "COPY lookup_keys (key, article_id, published) FROM STDIN"
            with connection.cursor() as cursor, cursor.copy(copy_rows) as copy:
                for row in rows:
                    copy.write_row(row)
            connection.execute("ANALYZE lookup_keys")
    else:
        store._db.executemany("INSERT INTO lookup_keys (key, article_id, published) VALUES (?, ?, ?)", rows)  # type: ignore[attr-defined]
        store._db.commit()  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="an empty store's URL")
    parser.add_argument("--holders", type=int, default=100_000)
    args = parser.parse_args()
    with open_store(args.db) as store:
        fill(store, args.db, args.holders)
        keys = [SHARED_KEY, *range(100, 137)]
        for per_key in (holders_read(CopySettings()), None):  # the capped read first: no freeing of a big list
            store.lookup_key_rows(keys, per_key)
            cpu, wall = time.process_time(), time.perf_counter()
            for _ in range(3):
                rows = store.lookup_key_rows(keys, per_key)
            cpu, wall = (time.process_time() - cpu) / 3, (time.perf_counter() - wall) / 3
            read = "every holder" if per_key is None else f"{per_key} earliest"
            print(
                f"{args.holders} holders, {read}: {len(rows)} rows, {cpu * 1000:.1f} ms CPU, {wall * 1000:.1f} ms wall"
            )


if __name__ == "__main__":
    main()
