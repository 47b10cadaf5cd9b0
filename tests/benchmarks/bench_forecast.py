"""Forecasting benchmark (a script, not a pytest test).

    python tests/benchmarks/bench_forecast.py --synthetic          # 400k facts, 25k entities
    python tests/benchmarks/bench_forecast.py ../shared/data/tkg/ICEWS14 --split test

Prints MRR and Hits@k under every filter, fit and predict seconds and peak memory; `--report`
also writes the JSON report of `eventlens forecast bench`. Run it single-threaded
(OMP_NUM_THREADS=1); the forecaster itself never asks for more than one thread.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from eventlens.forecast.bench import peak_memory_mb, run_benchmark
from eventlens.forecast.synthetic import synthetic_graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, help="benchmark folder (ICEWS14 layout)")
    parser.add_argument("--synthetic", action="store_true", help="generate the scale graph")
    parser.add_argument("--facts", type=int, default=400_000, help="synthetic training facts")
    parser.add_argument("--entities", type=int, default=25_000, help="synthetic entities")
    parser.add_argument("--split", default="test", choices=["valid", "test"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--report", type=Path)
    args = parser.parse_args()
    if args.synthetic == (args.data_dir is not None):
        parser.error("give either a data folder or --synthetic")
    started = time.perf_counter()
    if args.synthetic:
        data = synthetic_graph(n_train=args.facts, n_entities=args.entities, eval_fraction=0.1,
                               seed=args.seed)
        print(f"generated {len(data.train)} train / {len(data.valid)} valid / {len(data.test)} "
              f"test facts, {data.n_entities} entities in {time.perf_counter() - started:.1f}s")
    else:
        data = args.data_dir
    result = run_benchmark(data, split=args.split, seed=args.seed)
    body = result.to_dict()["forecast"]
    for mode in ("time_aware", "static", "raw"):
        row = body[mode]
        print(f"{mode:>10}: MRR {100 * row['mrr']:.2f}  H@1 {100 * row['hits@1']:.2f}  "
              f"H@3 {100 * row['hits@3']:.2f}  H@10 {100 * row['hits@10']:.2f}  "
              f"({row['n_queries']} queries, ties {body['tie_policy']})")
    print(f"fit {body['fit_seconds']:.1f}s (cpu {body['fit_cpu_seconds']:.1f}s), predict "
          f"{body['predict_seconds']:.1f}s (cpu {body['predict_cpu_seconds']:.1f}s), "
          f"wall {time.perf_counter() - started:.1f}s, peak memory {peak_memory_mb():.0f} MiB")
    if args.report:
        args.report.write_text(json.dumps(result.to_dict(), indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
