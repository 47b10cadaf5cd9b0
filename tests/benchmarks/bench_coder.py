"""Coder throughput against spaCy alone, ingest speed and memory, measured in one run.

    python tests/benchmarks/bench_coder.py [--copies 3] [--json FILE]

The machine is shared and noisy, so the figure that matters is the ratio of the two rates
measured back to back on the same texts (best of three runs each), not either rate alone.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=3, help="times the example corpus is used")
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    args = parser.parse_args()

    from eventlens.evaluate.report import measure_throughput
    from eventlens.ingest import read_sources
    from eventlens.model import Article
    from eventlens.nlp import load_pipeline
    from eventlens.pipeline import ingest
    from eventlens.registry import get_coder
    from eventlens.store import open_store

    sources = [REPO / "examples" / "news", REPO / "examples" / "stories" / "articles"]
    articles = [a for a in read_sources(sources) if isinstance(a, Article)]
    texts = [a.text for a in articles] * args.copies
    nlp, coder = load_pipeline(), get_coder()
    thr = measure_throughput(texts, coder=coder, nlp=nlp, repeats=3)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.duckdb") as store:
        start = time.perf_counter()
        summary = ingest([str(s) for s in sources], store, coder=coder)
        seconds = time.perf_counter() - start
    result = {
        "throughput": thr,
        "ingest": {"articles": summary.new, "events": summary.events,
                   "seconds": round(seconds, 2),
                   "articles_per_s": round(summary.new / seconds, 2)},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "python": sys.version.split()[0],
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
