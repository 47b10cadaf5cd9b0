"""Peak memory of ingest as the input grows 10x (a script, not a pytest test).

    .venv/bin/python tests/benchmarks/bench_memory.py [--articles 200] [--read-articles 5000]
        [--formats jsonl.gz warc.gz] [--cases read one workers dask] [--keep FOLDER]

Writes made-up news in our own wording (varied actors, acts, places and dates) as a gzipped
JSON Lines file and a gzipped WARC crawl (one gzip member per record, as CC-NEWS files are),
at 1x and 10x the article count. Each case runs in a fresh process, which reports its own
peak RSS (`resource.getrusage`) and that of its largest worker:

- reading alone (`read_sources`, no coding) of `--read-articles` articles and 10x that;
- `eventlens ingest` of `--articles` and 10x, in one process (`one`), with `--workers 2`
  (`workers`) and with `--dask local --workers 2` (`dask`; its workers are the nannies'
  children, and the largest of all of them is reported).

The ratio 10x / 1x of the peak is what should stay near 1.0. `--keep` writes the inputs and
the stores into FOLDER and leaves them there (to look at the stores afterwards).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ACTORS = ("Ruritania's foreign minister", "the Freedonian government", "President Alvarez",
          "the Valdorian army", "Prime Minister Okafor", "rebel commanders in the north",
          "the Ostrian parliament", "the United Nations envoy", "Chancellor Brandt",
          "the interior ministry of Kestria", "protesters in the capital", "NATO officials")
ACTS = ("met with", "accused", "imposed new sanctions on", "signed a trade agreement with",
        "threatened to expel the ambassador of", "sent humanitarian aid to",
        "demanded talks with", "denied attacking", "praised the decision of",
        "deployed troops near the border with")
PLACES = ("Geneva", "the border town of Varna", "the port city of Lisk", "Brussels",
          "the disputed Kel valley", "the capital")
FILLER = ("Officials said the talks would continue next week.",
          "The statement came after months of rising tension.",
          "Analysts said the move could reshape relations in the region.",
          "No casualties were reported, according to local authorities.",
          "Both sides called for calm and restraint.")


CLAUSES = ("after talks that lasted late into the night", "despite objections from the opposition",
           "according to two officials who asked not to be named",
           "in a statement read on state television", "as the deadline approached",
           "while thousands gathered outside", "at the request of the mediators",
           "in a move that surprised diplomats")


def _sentence(rng: random.Random, n: int) -> str:
    a, b = rng.sample(ACTORS, 2)
    return (f"{a[0].upper()}{a[1:]} {rng.choice(ACTS)} {b} in {rng.choice(PLACES)} "
            f"{rng.choice(CLAUSES)}, the {rng.choice(('ministry', 'agency', 'office'))} "
            f"said in note {n}-{rng.randint(1, 9999)}.")


def article(n: int, rng: random.Random) -> tuple[str, str, dt.date]:
    """(title, text, published) of made-up article number `n`: sentences drawn at random, so
    two articles are rarely near-duplicates."""
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 120))
    a, b = rng.sample(ACTORS, 2)
    act, place = rng.choice(ACTS), rng.choice(PLACES)
    lead = f"{a[0].upper()}{a[1:]} {act} {b} in {place} on {day:%A}, report {n} said."
    more = " ".join([_sentence(rng, n) for _ in range(4)] + rng.sample(FILLER, 1))
    quote = (f'"We will not accept this," a spokesman for {b} told reporters in {place}, '
             f"adding that talks on item {rng.randint(1, 99)} of the agenda would go on.")
    return f"{a.capitalize()} {act} {b}", f"{lead} {more}\n\n{quote}", day


def write_jsonl(path: Path, count: int) -> None:
    rng = random.Random(count)
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for n in range(count):
            title, text, day = article(n, rng)
            out.write(json.dumps({"title": title, "text": text, "published": day.isoformat(),
                                  "url": f"https://news.example/{n}"}) + "\n")


def write_warc(path: Path, count: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(count)
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n in range(count):
            title, text, day = article(n, rng)
            paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
            html = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
                    f'<meta property="article:published_time" content="{day.isoformat()}">'
                    f'</head><body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>'
                    f"{paragraphs}</article><footer>Example News</footer></body></html>")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example/{n}", "response",
                payload=io.BytesIO(html.encode("utf-8")), http_headers=headers))


def child(args: list[str]) -> None:
    """Run one case in this process and print its peak memory (the parent's, the largest
    worker's) as JSON."""
    mode, *rest = args
    if mode == "read":
        from eventlens.ingest import read_sources

        count = sum(1 for _ in read_sources(rest))
    else:
        from typer.testing import CliRunner

        from eventlens.cli import app

        result = CliRunner().invoke(app, ["ingest", *rest], catch_exceptions=False)
        count = result.exit_code
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"items": count, "peak_mb": round(kib / 1024, 1),
                      "worker_peak_mb": round(workers / 1024, 1)}))


def measure(args: list[str]) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                          text=True, check=False)
    if proc.returncode:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


CASES = {"read": ("read_sources", "read", []),
         "one": ("ingest, one process", "ingest", []),
         "workers": ("ingest --workers 2", "ingest", ["--workers", "2"]),
         "dask": ("ingest --dask local --workers 2", "ingest",
                  ["--dask", "local", "--workers", "2"])}
WRITERS = {"jsonl.gz": write_jsonl, "warc.gz": write_warc}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="1x size for ingest")
    parser.add_argument("--read-articles", type=int, default=5000, help="1x size for reading")
    parser.add_argument("--formats", nargs="+", choices=list(WRITERS), default=list(WRITERS))
    parser.add_argument("--cases", nargs="+", choices=list(CASES), default=list(CASES))
    parser.add_argument("--keep", type=Path, help="write inputs and stores here and keep them")
    parser.add_argument("--child", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with contextlib.ExitStack() as stack:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            folder = args.keep
        else:
            folder = Path(stack.enter_context(
                tempfile.TemporaryDirectory(prefix="eventlens-bench-memory-")))
        run_cases(folder, args)


def run_cases(folder: Path, args) -> None:
    scales = {CASES[c][1] for c in args.cases}
    inputs = {}
    for fmt in args.formats:
        for scale, base in (("read", args.read_articles), ("ingest", args.articles)):
            if scale not in scales:
                continue
            for times in (1, 10):
                path = folder / f"{scale}-{times}x.{fmt}"
                WRITERS[fmt](path, base * times)
                inputs[(fmt, scale, times)] = path
    print(f"{'case':<42}{'1x':>10}{'10x':>10}{'ratio':>8}   (peak RSS MB; articles "
          f"read {args.read_articles}/{10 * args.read_articles}, ingested "
          f"{args.articles}/{10 * args.articles})")
    for fmt in args.formats:
        for case in args.cases:
            label, scale, extra = CASES[case]
            peaks = []
            for times in (1, 10):
                path = inputs[(fmt, scale, times)]
                if scale == "read":
                    got = measure(["read", str(path)])
                else:
                    db = folder / f"{fmt}-{times}x-{case}.duckdb"
                    db.unlink(missing_ok=True)
                    got = measure(["ingest", str(path), "--db", str(db), *extra])
                peaks.append(got)
            one, ten = peaks
            line = (f"{fmt + ' ' + label:<42}{one['peak_mb']:>10.1f}{ten['peak_mb']:>10.1f}"
                    f"{ten['peak_mb'] / one['peak_mb']:>8.2f}")
            if extra:
                line += (f"   workers {one['worker_peak_mb']:.1f} -> "
                         f"{ten['worker_peak_mb']:.1f} MB "
                         f"({ten['worker_peak_mb'] / one['worker_peak_mb']:.2f})")
            print(line, flush=True)


if __name__ == "__main__":
    main()
