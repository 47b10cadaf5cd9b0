"""Scaling benchmark for story grouping (a script, not a pytest test).

    .venv/bin/python tests/benchmarks/bench_stories.py [--sizes 100000 200000] [--day 10000]
        [--days 365] [--exact 20000] [--build-days 30]

A deterministic generator writes news-like documents in made-up words: happenings, each told
by a wire report, syndicated copies with light edits (words swapped, a passage cut, a byline)
and rewrites by other outlets (new wording that keeps the happening's names and some of its
words), spread over `--days` days whatever the size, so articles per day grow with the index.
For each size the articles are stored and one `update_stories` call places them all (what
`eventlens ingest` runs after a backfill; timed), then one more day of `--day` articles is
added to the full index and placed (timed). With `--build-days D` the index is placed as a
daily ingest would have grown it, in date order, one `update_stories` call per D days of
articles (a 1M-document index does not fit one call in this machine's memory). It prints
the time per size, the ratios between sizes (linear: 2.0 for twice the documents; CPU time,
all threads, is the steadier measure on a shared machine), the near-duplicate and story pair
precision and recall against the generator's truth, and at the `--exact` size how many of
the pairs an exact all-pairs TF-IDF comparison finds the blocked comparison finds too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

from eventlens.model import Article, ArticleResult
from eventlens.store import open_store
from eventlens.store.story_candidates import (
    all_pairs_cosine,
    blocked_cosine_pairs,
    build_term_window,
    drop_term_window,
    window_days,
)
from eventlens.stories import DEFAULT_SETTINGS, StoryUpdate, update_stories

VOCABULARY = 30_000
NAMES = 200_000
DOC_WORDS = 160
START = dt.date(2022, 1, 1)
_SYLLABLES = ("ka", "lo", "mi", "ren", "sa", "tu", "vel", "dor", "an", "ist", "pra", "ko",
              "ne", "sul", "ma", "ter", "gi", "bo", "lin", "har", "os", "pe", "ru", "zan")


def _word(index: int, syllables: int) -> str:
    out = []
    for _ in range(syllables):
        index, rest = divmod(index, len(_SYLLABLES))
        out.append(_SYLLABLES[rest])
    return "".join(out)


class NewsCorpus:
    """Made-up news in clusters of versions; the same arguments give the same documents."""

    def __init__(self, *, days: int, seed: int = 7) -> None:
        self.rng = np.random.RandomState(seed)
        self.days = days
        self.words = np.array([_word(i, 4) for i in range(VOCABULARY)])
        ranks = np.arange(1, VOCABULARY + 1)
        self.zipf = (1 / ranks) / (1 / ranks).sum()

    def documents(self, size: int, *, start: int = 0, day: dt.date | None = None
                  ) -> list[tuple[str, dt.date, str, str, int]]:
        """(id, published, title, text, happening) rows; on `day` when given, else spread."""
        rng, rows, happening = self.rng, [], start
        while len(rows) < size:
            names = [_word(int(n), 3).capitalize() for n in rng.randint(0, NAMES, size=5)]
            base = self._with_names(self._zipf_words(DOC_WORDS), names)
            when = day or START + dt.timedelta(days=int(rng.randint(0, self.days)))
            for version in range(min(1 + rng.randint(0, 6), size - len(rows))):
                kind = "wire" if version == 0 else ("copy" if rng.rand() < 0.5 else "rewrite")
                if kind == "rewrite":
                    words = self._with_names(self._rewrite(base), names)
                else:
                    words = base if kind == "wire" else self._edit(base)
                body = " ".join(words) + "."
                if kind == "copy" and rng.rand() < 0.5:
                    body = f"{names[0]} (Wire {version}) - {body} Reporting by staff."
                published = when + dt.timedelta(days=int(kind == "rewrite" and rng.rand() < .3))
                title = " ".join(names[:3] + list(self._zipf_words(4)))
                rows.append((f"d{start + len(rows):09d}", published, title.capitalize(), body,
                             happening))
            happening += 1
        return rows

    def _zipf_words(self, count: int) -> np.ndarray:
        return self.words[self.rng.choice(VOCABULARY, size=count, p=self.zipf)]

    def _edit(self, base: np.ndarray) -> np.ndarray:
        rng, text = self.rng, base.copy()
        swaps = rng.rand(len(text)) < 0.03
        text[swaps] = self._zipf_words(int(swaps.sum()))
        if rng.rand() < 0.5:  # cut a passage of up to 15 words
            cut = rng.randint(0, len(text) - 15)
            text = np.concatenate([text[:cut], text[cut + rng.randint(5, 15):]])
        return text

    def _rewrite(self, base: np.ndarray) -> np.ndarray:
        """Another outlet's wording: fresh words, a third of the report's words kept."""
        text = self._zipf_words(DOC_WORDS)
        kept = self.rng.rand(DOC_WORDS) < 0.35
        text[kept] = self.rng.choice(base, size=int(kept.sum()))
        return text

    def _with_names(self, words: np.ndarray, names: list[str]) -> np.ndarray:
        tokens = list(words)
        for name in names:  # each name two or three times, at random places
            for _ in range(2 + self.rng.randint(0, 2)):
                tokens.insert(self.rng.randint(0, len(tokens)), name)
        return np.array(tokens, dtype=object)


def store_documents(store, rows) -> None:
    for i in range(0, len(rows), 5000):
        store.add_results([ArticleResult(Article(id=a, text=x, published=d, title=t))
                           for a, d, t, x, _ in rows[i : i + 5000]], source="bench")


def pair_scores(truth: dict[str, int], found: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of the groups `found` against the true happenings."""
    def same_pairs(labels: dict) -> dict:
        out: dict = {}
        for doc, label in labels.items():
            out.setdefault(label, []).append(doc)
        return out

    both = same_found = 0
    for members in same_pairs(found).values():
        same_found += len(members) * (len(members) - 1) // 2
        counts = np.unique([truth[m] for m in members], return_counts=True)[1]
        both += int((counts * (counts - 1) // 2).sum())
    counts = np.unique(list(truth.values()), return_counts=True)[1]
    same_true = int((counts * (counts - 1) // 2).sum())
    return (both / same_found if same_found else 1.0), (both / same_true if same_true else 1.0)


def blocking_recall(store) -> tuple[int, int, int, int]:
    """(exact pairs at the candidate cosine, of them found by blocking, of them at the link
    score found / exact pairs at the link score) over every stored article."""
    con, s = store.con, DEFAULT_SETTINGS
    rows = con.execute("SELECT id, published FROM articles ORDER BY published, id").fetchall()
    con.register("_bench_pending", pa.table({"article_id": [r[0] for r in rows],
                                             "chunk": pa.array([0] * len(rows), pa.int32())}))
    build_term_window(con, window_days((r[1] for r in rows), s.story_days),
                      key_terms=s.key_terms, max_daily=s.key_max_daily)
    args = {"days": s.story_days, "min_cosine": s.candidate_cosine,
            "span": (rows[0][1], rows[-1][1])}
    exact = {(a, b): c - 0.2 * d for a, b, c, d in all_pairs_cosine(con, "_bench_pending", 0,
                                                                      **args)}
    blocked = {(a, b) for a, b, _, _ in blocked_cosine_pairs(con, "_bench_pending", 0, **args,
                                                             min_shared=s.min_shared_keys)}
    drop_term_window(con)
    con.unregister("_bench_pending")
    linked = {p for p, score in exact.items() if score >= s.link_score}
    return len(exact), len(exact.keys() & blocked), len(linked & blocked), len(linked)


def place_index(store, rows, build_days: int) -> StoryUpdate:
    """Place every stored article: in one call, or (`build_days` > 0) one call per
    `build_days` days of articles in date order; what was found, summed over the calls."""
    if build_days <= 0:
        return update_stories(store)
    by_slice: dict[int, list[str]] = {}
    for article_id, published, *_ in rows:
        by_slice.setdefault((published - START).days // build_days, []).append(article_id)
    copies = links = 0
    for number, key in enumerate(sorted(by_slice), 1):
        started = time.perf_counter()
        update = update_stories(store, by_slice[key])
        copies, links = copies + update.copy_links, links + update.story_links
        print(f"  call {number}/{len(by_slice)}: {update.articles} articles in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
    return StoryUpdate(articles=len(rows), copy_links=copies, story_links=links)


def run_size(size: int, args, folder: Path) -> dict:
    corpus = NewsCorpus(days=args.days)
    rows = corpus.documents(size)
    with open_store(folder / f"bench-{size}.duckdb") as store:
        store_documents(store, rows)
        started, cpu = time.perf_counter(), time.process_time()
        update = place_index(store, rows, args.build_days)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        placed = dict(store.con.execute("SELECT article_id, story_id FROM story_articles")
                      .fetchall())
        groups = dict(store.con.execute("SELECT article_id, dup_group FROM story_articles")
                      .fetchall())
        truth = {r[0]: r[4] for r in rows}
        last = max(r[1] for r in rows)
        day = corpus.documents(args.day, start=size, day=last + dt.timedelta(days=1))
        store_documents(store, day)
        started, day_cpu = time.perf_counter(), time.process_time()
        update_stories(store, [r[0] for r in day])
        day_seconds, day_cpu = time.perf_counter() - started, time.process_time() - day_cpu
        recall = blocking_recall(store) if size == args.exact else None
    return {"size": size, "seconds": seconds, "cpu": cpu, "day_cpu": day_cpu,
            "copies": update.copy_links,
            "links": update.story_links, "stories": pair_scores(truth, placed),
            "groups": pair_scores(truth, groups), "day_seconds": day_seconds, "recall": recall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 200_000])
    parser.add_argument("--day", type=int, default=10_000, help="articles in the added day")
    parser.add_argument("--days", type=int, default=365, help="days the index spans")
    parser.add_argument("--build-days", type=int, default=0,
                        help="place the index one call per this many days (0: one call)")
    parser.add_argument("--exact", type=int, default=0,
                        help="at this size, also measure the blocking against all pairs")
    args = parser.parse_args()
    print(f"{args.days} days; stories: same-happening pair precision / recall of the story "
          f"grouping; copies: of the copy groups (a happening's rewrites are no copies, so "
          f"their recall is below 1 by design)")
    results = []
    with tempfile.TemporaryDirectory(prefix="eventlens-bench-stories-") as tmp:
        for size in args.sizes:
            r = run_size(size, args, Path(tmp))
            results.append(r)
            print(f"{size:>8} docs  {r['seconds']:8.1f} s (CPU {r['cpu']:.1f} s)  "
                  f"{size / r['seconds']:6.0f} docs/s  "
                  f"copy links {r['copies']}  story links {r['links']}  stories P "
                  f"{r['stories'][0]:.4f} R {r['stories'][1]:.4f}  copies P {r['groups'][0]:.4f}"
                  f"  +{args.day} docs one more day {r['day_seconds']:.1f} s "
                  f"(CPU {r['day_cpu']:.1f} s)", flush=True)
            if r["recall"]:
                exact, found, linked_found, linked = r["recall"]
                print(f"  blocking against all pairs at {size}: {found}/{exact} pairs with "
                      f"cosine >= {DEFAULT_SETTINGS.candidate_cosine}, {linked_found}/{linked} "
                      f"of those linked same-day", flush=True)
    base = results[0]
    for r in results:
        print(f"{r['size']:>8} docs: size x{r['size'] / base['size']:.1f}  "
              f"time x{r['seconds'] / base['seconds']:.2f}  CPU x{r['cpu'] / base['cpu']:.2f}")


if __name__ == "__main__":
    main()
