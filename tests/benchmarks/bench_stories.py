"""Scaling benchmark for near-duplicate clustering (a script, not a pytest test).

    .venv/bin/python tests/benchmarks/bench_stories.py [--sizes 25000 50000 100000]

For each size, a deterministic generator writes that many synthetic news-like documents in
clusters of near-duplicates (a base text plus 0-4 light edits: words swapped, a passage cut,
a byline added). The timed part is what `update_stories` does for near-duplicates: MinHash
signatures (datasketch), writing signatures and LSH buckets to a DuckDB store, the bucket join,
verification on the signatures, and the union-find into copy groups. It prints the time per
size, the ratios between sizes (linear: 2.0 and 4.0 against the first), pair precision and
recall against the generator's truth, and the cost of adding one more day (1,000 documents)
to the full index, which should not grow with the index.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

import numpy as np
import pyarrow as pa

from eventlens.store import open_store
from eventlens.stories.grouping import UnionFind
from eventlens.stories.neardup import near_duplicate_pairs, sketch_articles, write_sketches
from eventlens.stories.settings import DEFAULT_SETTINGS

VOCABULARY = 30_000
DOC_WORDS = 160


def synthetic_corpus(size: int, *, seed: int = 7, start: int = 0
                     ) -> list[tuple[str, dt.date, str, int]]:
    """(id, published, text, cluster) rows; the same arguments give the same corpus."""
    rng = np.random.RandomState(seed)
    words = np.array([f"w{i}" for i in range(VOCABULARY)])
    ranks = np.arange(1, VOCABULARY + 1)
    zipf = (1 / ranks) / (1 / ranks).sum()
    rows: list[tuple[str, dt.date, str, int]] = []
    cluster = start
    while len(rows) < size:
        base = rng.choice(VOCABULARY, size=DOC_WORDS, p=zipf)
        day = dt.date(2022, 1, 1) + dt.timedelta(days=int(rng.randint(0, 365)))
        for variant in range(min(1 + rng.randint(0, 5), size - len(rows))):
            text = base if variant == 0 else _light_edit(base, rng, zipf)
            body = " ".join(words[text])
            if variant and rng.rand() < 0.5:
                body = f"CITY (Wire {variant}) - {body} Reporting by staff."
            rows.append((f"d{start + len(rows):09d}", day, body, cluster))
        cluster += 1
    return rows


def _light_edit(base: np.ndarray, rng, zipf) -> np.ndarray:
    text = base.copy()
    swaps = rng.rand(len(text)) < 0.03
    text[swaps] = rng.choice(len(zipf), size=int(swaps.sum()), p=zipf)
    if rng.rand() < 0.5:  # cut a passage of up to 15 words
        cut = rng.randint(0, len(text) - 15)
        text = np.concatenate([text[:cut], text[cut + rng.randint(5, 15):]])
    return text


def cluster_near_duplicates(store, rows) -> tuple[dict[str, str], float]:
    """Sketch, store and query `rows` as one update; returns copy groups and seconds."""
    started = time.perf_counter()
    con = store.con
    for i in range(0, len(rows), 5000):
        chunk = rows[i : i + 5000]
        sketches = sketch_articles(((a, d, t) for a, d, t, _ in chunk), DEFAULT_SETTINGS)
        write_sketches(con, sketches, DEFAULT_SETTINGS)
    con.register("_bench_new", pa.table({"article_id": [r[0] for r in rows]}))
    pairs = near_duplicate_pairs(con, "_bench_new", DEFAULT_SETTINGS)
    con.unregister("_bench_new")
    groups = UnionFind()
    for row in rows:
        groups.add(row[0])
    for a, b, _ in pairs:
        groups.union(a, b)
    found = {r[0]: groups.find(r[0]) for r in rows}
    return found, time.perf_counter() - started


def pair_scores(rows, found: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of the copy groups against the generator's clusters."""
    truth = {r[0]: r[3] for r in rows}
    same_found = same_true = both = 0
    by_group: dict[str, list[str]] = {}
    for doc, group in found.items():
        by_group.setdefault(group, []).append(doc)
    for members in by_group.values():
        n = len(members)
        same_found += n * (n - 1) // 2
        clusters: dict[int, int] = {}
        for m in members:
            clusters[truth[m]] = clusters.get(truth[m], 0) + 1
        both += sum(k * (k - 1) // 2 for k in clusters.values())
    sizes: dict[int, int] = {}
    for c in truth.values():
        sizes[c] = sizes.get(c, 0) + 1
    same_true = sum(k * (k - 1) // 2 for k in sizes.values())
    return (both / same_found if same_found else 1.0), (both / same_true if same_true else 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000])
    parser.add_argument("--day", type=int, default=1000, help="documents in the incremental day")
    args = parser.parse_args()
    timings = []
    for size in args.sizes:
        rows = synthetic_corpus(size)
        with open_store(":memory:") as store:
            found, seconds = cluster_near_duplicates(store, rows)
            precision, recall = pair_scores(rows, found)
            day = synthetic_corpus(args.day, seed=11, start=size)
            _, day_seconds = cluster_near_duplicates(store, day)
        timings.append(seconds)
        print(f"{size:>8} docs  {seconds:8.2f} s  {size / seconds:8.0f} docs/s  "
              f"pair P {precision:.4f} R {recall:.4f}  "
              f"+{args.day} docs next day {day_seconds:.2f} s", flush=True)
    base_size, base_time = args.sizes[0], timings[0]
    for size, seconds in zip(args.sizes, timings, strict=True):
        print(f"{size:>8} docs: size x{size / base_size:.1f}  time x{seconds / base_time:.2f}")


if __name__ == "__main__":
    main()
