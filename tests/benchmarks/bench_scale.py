"""Ingest throughput and peak memory at scale: one process, `--workers`, Dask local, each beside
spaCy alone on the same texts with the same number of processes, measured back to back.

    python tests/benchmarks/bench_scale.py [--articles N] [--procs 2] [--only one workers dask]
        [--json FILE]

`--articles` defaults to $BENCH_ARTICLES, else 20,000 (the synthetic corpus of
`synthetic_news.py`: wire reports, near-duplicate copies, exact duplicates and paraphrases,
several stories a day). Each measurement runs in a fresh child process; this process samples
the resident memory of the child's whole process tree (worker processes, a Dask cluster's
nanny and worker processes) every 0.2 s and keeps the peak.

What is timed: spaCy alone is `nlp.pipe` over the distinct article texts, after the pipelines
are loaded; the pipeline is `eventlens.pipeline.ingest` of the corpus folder into a new DuckDB
file (reading, dropping duplicates, parsing, coding, writing, stories, claims), after the coder
and the engine's workers are loaded. Start-up is reported on its own. The machine is shared:
compare the ratios, measured in one run; absolute rates move with the load (printed). The CPU
seconds of the timed part, summed over the child and its worker processes, do not.

Prints Markdown (tables) for docs/benchmarks.md; `--json` writes the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))

GDELT_ARTICLES_PER_DAY = 250_000
GDELT_WORDS_PER_DAY = 100_000_000
CONFIGS = {  # name: (engine, label)
    "one": ("inproc", "1 process"),
    "workers": ("workers", "`--workers {n}`"),
    "dask": ("dask", "`--dask local --workers {n}`"),
}


# ---- the child: one measurement ---------------------------------------------------------


def _texts(corpus: Path) -> list[str]:
    """The distinct article texts of the corpus, in reading order (what ingest codes)."""
    from eventlens.ingest import read_sources
    from eventlens.model import Article

    seen, texts = set(), []
    for item in read_sources([str(corpus)]):
        if isinstance(item, Article) and item.id not in seen:
            seen.add(item.id)
            texts.append(item.text)
    return texts


def tree_cpu_seconds() -> float:
    """CPU seconds (user and system) used so far by this process and its live descendants:
    unlike wall time, they do not grow when other jobs share the machine."""
    total = 0.0
    for proc in [psutil.Process(), *psutil.Process().children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            times = proc.cpu_times()
            total += times.user + times.system
    return total


def _load_spacy(_: int = 0) -> None:
    from eventlens.nlp import load_pipeline

    load_pipeline()


def _parse_chunk(texts: list[str]) -> int:
    from eventlens.nlp import load_pipeline

    return sum(1 for _ in load_pipeline().pipe(texts, batch_size=32))


def child_spacy(corpus: Path, procs: int) -> dict:
    """spaCy alone over the corpus's texts in `procs` processes (chunks of 32 texts)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    texts = _texts(corpus)
    started = time.perf_counter()
    if procs == 1:
        _load_spacy()
        _parse_chunk(texts[:8])
        loaded, cpu = time.perf_counter(), tree_cpu_seconds()
        parsed = _parse_chunk(texts)
        cpu = tree_cpu_seconds() - cpu
    else:
        pool = ProcessPoolExecutor(procs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_load_spacy)
        list(pool.map(_parse_chunk, [texts[i:i + 4] for i in range(0, 4 * procs, 4)]))
        loaded, cpu = time.perf_counter(), tree_cpu_seconds()
        chunks = [texts[i:i + 32] for i in range(0, len(texts), 32)]
        parsed = sum(pool.map(_parse_chunk, chunks))
        cpu = tree_cpu_seconds() - cpu
        pool.shutdown()
    seconds = time.perf_counter() - loaded
    return {"articles": parsed, "words": sum(len(t.split()) for t in texts),
            "seconds": seconds, "startup_seconds": loaded - started, "cpu_seconds": cpu}


def _engine(kind: str, procs: int, coder):
    """(engine or None, articles per batch, closer) as `eventlens ingest` builds them."""
    if kind == "inproc":
        return None, 32, lambda: None
    if kind == "workers":
        from eventlens.pipeline import ParallelCoder

        engine = ParallelCoder(procs)
        engine.code(_sample_articles(2 * procs))  # start the processes, load their pipelines
        return engine, 32 * procs, engine.close
    from eventlens import cluster

    client, local = cluster.connect("local", workers=procs)
    engine = cluster.DaskCoder(client, coder_name=coder.name, coder_version=coder.version)
    return engine, 32, lambda: (engine.close(), cluster.close(client, local))


def _sample_articles(n: int):
    import datetime as dt

    from eventlens.model import Article

    return [Article(id=f"warm-up-{i}", text="Kenya and Ghana signed a trade agreement on "
                    "Monday in Accra.", published=dt.date(2023, 1, 2)) for i in range(n)]


def child_pipeline(corpus: Path, kind: str, procs: int) -> dict:
    """`ingest` of the corpus into a new store with the given engine."""
    from eventlens.nlp import load_pipeline
    from eventlens.pipeline import code_batch, ingest
    from eventlens.registry import get_coder
    from eventlens.store import open_store

    started = time.perf_counter()
    coder = get_coder()
    load_pipeline()
    code_batch(_sample_articles(2), coder=coder)  # lazy parts of the coder load here
    engine, batch_size, close = _engine(kind, procs, coder)
    marks = {"last_batch": 0.0, "write": 0.0}
    try:
        with tempfile.TemporaryDirectory(prefix="eventlens-bench-scale-") as tmp, \
                open_store(Path(tmp) / "bench.duckdb") as store:
            write = store.write_tables

            def timed_write(tables):
                t = time.perf_counter()
                try:
                    return write(tables)
                finally:
                    marks["write"] += time.perf_counter() - t

            store.write_tables = timed_write
            loaded, cpu = time.perf_counter(), tree_cpu_seconds()
            summary = ingest([str(corpus)], store, coder=coder, batch_size=batch_size,
                             parallel=engine,
                             progress=lambda *_: marks.__setitem__("last_batch",
                                                                   time.perf_counter()))
            done, cpu = time.perf_counter(), tree_cpu_seconds() - cpu
    finally:
        close()
    return {"articles": summary.new, "events": summary.events, "duplicates": summary.duplicates,
            "errors": len(summary.errors), "seconds": done - loaded,
            "startup_seconds": loaded - started, "cpu_seconds": cpu,
            "coding_seconds": marks["last_batch"] - loaded, "write_seconds": marks["write"],
            "stories_seconds": getattr(summary.stories, "seconds", 0.0),
            "claims_seconds": getattr(summary.claims, "seconds", 0.0),
            "stories": getattr(summary.stories, "new_stories", None)}


# ---- the parent: run the children back to back, watch their memory --------------------------


class TreeMemory:
    """Peak resident memory (sum over a process and its descendants), sampled in a thread."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        self.root, self.every, self.peak = psutil.Process(pid), every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            total = 0
            for p in procs:
                with contextlib.suppress(psutil.Error):
                    total += p.memory_info().rss
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def measure(args: list[str]) -> dict:
    """Run this script as a child with `args`; its JSON result, peak tree RSS and load."""
    load_before = os.getloadavg()[0]
    proc = subprocess.Popen([sys.executable, __file__, "--child", *args], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(proc.pid)
    out, errors = proc.communicate()
    peak = memory.stop()
    if proc.returncode:
        raise RuntimeError(f"child {args} failed ({proc.returncode}):\n{errors[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result.update(peak_rss_mb=round(peak / 2**20), load=[load_before, os.getloadavg()[0]])
    return result


def run(corpus: Path, *, procs: int, only: list[str]) -> dict:
    results: dict = {}
    for name in only:
        kind, _ = CONFIGS[name]
        n = 1 if name == "one" else procs
        print(f"  {name}: spaCy alone, {n} process(es) ...", file=sys.stderr, flush=True)
        spacy = measure(["spacy", str(corpus), str(n)])
        print(f"  {name}: pipeline ...", file=sys.stderr, flush=True)
        pipe = measure(["pipeline", str(corpus), kind, str(n)])
        results[name] = {"procs": n, "spacy": spacy, "pipeline": pipe}
    return results


def _rate(r: dict) -> tuple[float, float]:
    return r["articles"] / r["seconds"], r["words"] / r["seconds"]


def report(results: dict, *, articles: int, words: int, seconds: float, load: float) -> str:
    lines = ["| run | processes | spaCy alone art/s | pipeline art/s | pipeline words/s | "
             "pipeline / spaCy | per core / spaCy 1 process | peak RSS pipeline (spaCy) | "
             "start-up s | load (highest) |", "|---|---|---|---|---|---|---|---|---|---|"]
    base = results.get("one", {}).get("spacy")
    for name, r in results.items():
        r["pipeline"]["words"] = r["spacy"]["words"]
        (sa, _), (pa, pw) = _rate(r["spacy"]), _rate(r["pipeline"])
        r["ratio"] = pa / sa
        per_core = f"{pa / r['procs'] / _rate(base)[0]:.2f}" if base else "-"
        label = CONFIGS[name][1].format(n=r["procs"])
        highest = max(r["spacy"]["load"] + r["pipeline"]["load"])
        lines.append(f"| {label} | {r['procs']} | {sa:.1f} | {pa:.1f} | {pw:,.0f} | "
                     f"**{r['ratio']:.2f}** | {per_core} | {r['pipeline']['peak_rss_mb']:,} MB "
                     f"({r['spacy']['peak_rss_mb']:,} MB) | "
                     f"{r['pipeline']['startup_seconds']:.0f} | {highest:.1f} |")
    lines += ["", "Where the pipeline's time goes (seconds of the timed run; coding runs "
              "alongside reading and writing):", "",
              "| run | total | until the last batch is stored | of it, writing batches | "
              "stories | claims | CPU s, all processes (spaCy alone) | events stored | "
              "duplicates skipped |",
              "|---|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        p = r["pipeline"]
        lines.append(f"| {CONFIGS[name][1].format(n=r['procs'])} | {p['seconds']:.1f} | "
                     f"{p['coding_seconds']:.1f} | {p['write_seconds']:.1f} | "
                     f"{p['stories_seconds']:.1f} | {p['claims_seconds']:.1f} | "
                     f"{p['cpu_seconds']:.1f} ({r['spacy']['cpu_seconds']:.1f}) | "
                     f"{p['events']:,} | {p['duplicates']:,} |")
    lines += ["", *_scaling(results), "", *_projection(results)]
    head = (f"{articles:,} articles generated ({words:,} words in the distinct texts), "
            f"{os.cpu_count()} cores, load before {load:.1f}, after "
            f"{os.getloadavg()[0]:.1f}; {seconds / 60:.0f} min in all.")
    return head + "\n\n" + "\n".join(lines)


def _scaling(results: dict) -> list[str]:
    out = []
    one, two, dask = (results.get(k) for k in ("one", "workers", "dask"))
    if one and two:
        out.append(f"- 1 → {two['procs']} processes: pipeline ×"
                   f"{_rate(two['pipeline'])[0] / _rate(one['pipeline'])[0]:.2f}, spaCy alone ×"
                   f"{_rate(two['spacy'])[0] / _rate(one['spacy'])[0]:.2f} (target ≥ 1.7 on 2 "
                   f"cores)")
    if two and dask:
        out.append(f"- Dask local against `--workers` at {two['procs']} processes: ×"
                   f"{_rate(dask['pipeline'])[0] / _rate(two['pipeline'])[0]:.2f} (target "
                   f"≥ 0.85); each against its own spaCy-alone run: {dask['ratio']:.2f} and "
                   f"{two['ratio']:.2f}")
    if two and dask:
        out.append(f"- CPU seconds of all processes, Dask local against `--workers`: ×"
                   f"{dask['pipeline']['cpu_seconds'] / two['pipeline']['cpu_seconds']:.2f} "
                   f"(what the load of other jobs does not change)")
    for name, r in results.items():
        p = r["pipeline"]
        if p["write_seconds"]:
            out.append(f"- {CONFIGS[name][1].format(n=r['procs'])}: the one writer stored "
                       f"{p['articles'] / p['write_seconds']:,.0f} articles/s while writing")
    return out


def _projection(results: dict) -> list[str]:
    lines = ["Projection from the pipeline's rate per core (words are the better unit: our "
             "synthetic articles are shorter than GDELT's, about 400 words):", "",
             "| from | words/s per core | articles/day per core | cores for a GDELT day in 1 "
             "hour (by words, 100 M) | (by articles, 250,000) |", "|---|---|---|---|---|"]
    for name, r in results.items():
        pa, pw = _rate(r["pipeline"])
        pa, pw = pa / r["procs"], pw / r["procs"]
        lines.append(f"| {CONFIGS[name][1].format(n=r['procs'])} | {pw:,.0f} | "
                     f"{pa * 86400:,.0f} | {GDELT_WORDS_PER_DAY / (pw * 3600):,.0f} | "
                     f"{GDELT_ARTICLES_PER_DAY / (pa * 3600):,.0f} |")
    return lines


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        role, corpus, *rest = sys.argv[2:]
        result = (child_spacy(Path(corpus), int(rest[0])) if role == "spacy"
                  else child_pipeline(Path(corpus), rest[0], int(rest[1])))
        print(json.dumps(result))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int,
                        default=int(os.environ.get("BENCH_ARTICLES", "20000")))
    parser.add_argument("--procs", type=int, default=2, help="processes for --workers and Dask")
    parser.add_argument("--only", nargs="+", choices=list(CONFIGS), default=list(CONFIGS))
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from synthetic_news import write_corpus

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="eventlens-bench-corpus-") as tmp:
        corpus = Path(tmp)
        write_corpus(corpus, args.articles, seed=args.seed)
        load = os.getloadavg()[0]
        results = run(corpus, procs=args.procs, only=args.only)
        words = next(iter(results.values()))["spacy"]["words"]
        text = report(results, articles=args.articles, words=words,
                      seconds=time.perf_counter() - started, load=load)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
