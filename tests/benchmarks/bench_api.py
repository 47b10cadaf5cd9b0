"""Latency of the REST API over a store of 1M synthetic events (not a pytest test).

    python tests/benchmarks/bench_api.py [--events 1000000] [--requests 50] [--keep FILE]
                                         [--clients 20] [--load-requests 400] [--load-seconds 60]

Builds the store with SQL (the events are random but shaped like news coverage: a few
countries dominate, RUS-UKR is among the busiest dyads), serves it with uvicorn on a free
localhost port, and times real HTTP requests: the dyad timeline (the query behind the dashboard's
chart; country-level dyads read the in-memory `DyadCube`, full codes scan the events) plus, for
context, an events page and the period drill-down. Prints median and p95.

Then the load case: the demo store (`eventlens.api.demo.build_demo_store`) served by uvicorn in
its own process on localhost, and `--clients` concurrent clients (threads, each with its own
connection) asking for events pages and dyad timelines, as many requests as `--load-requests`
per endpoint or until `--load-seconds` pass, whichever comes first. Prints requests per second,
median, p95 and errors per endpoint.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

COUNTRIES = ["RUS", "UKR", "USA", "CHN", "GBR", "FRA", "DEU", "POL", "TUR", "IRN", "ISR", "PSE",
             "SYR", "IRQ", "AFG", "PAK", "IND", "JPN", "KOR", "PRK", "TWN", "SAU", "EGY", "NGA",
             "ETH", "SDN", "ZAF", "BRA", "VEN", "COL", "MEX", "CAN", "AUS", "IDN", "PHL", "VNM",
             "MMR", "THA", "KAZ", "BLR", "GEO", "ARM", "AZE", "SRB", "HUN", "ITA", "ESP", "NLD",
             "BEL", "SWE", "FIN", "NOR", "LBY", "YEM", "LBN", "JOR", "QAT", "ARE", "NATO", "EU"]
ROLES = ["GOV", "MIL", "", "GOV", "LEG", "OPP", "REB", "MED", "BUS", "CVL"]


def build_store(path: Path, n_events: int) -> float:
    """Write `n_events` synthetic events (and one article per 10) into a new store."""
    from eventlens.store import open_store
    from eventlens.vocabulary import plover_types

    started = time.perf_counter()
    types = plover_types()
    with open_store(path) as store:
        con = store.con
        con.execute("SET enable_progress_bar = false")
        con.execute("CREATE TEMP TABLE t_types AS SELECT * FROM (VALUES "
                    + ", ".join(f"({i}, '{t.name}', '{t.cameo_root}', {t.quad_class}, "
                                f"{t.intensity})" for i, t in enumerate(types))
                    + ") v(k, name, cameo, quad, intensity)")
        con.execute("CREATE TEMP TABLE t_countries AS SELECT unnest(?) AS code, "
                    "generate_subscripts(?, 1) - 1 AS k", [COUNTRIES, COUNTRIES])
        n_types, n_countries = len(types), len(COUNTRIES)
        # Skewed picks: squaring a uniform number favours the first (busiest) countries.
        con.execute(f"""
            CREATE TEMP TABLE t_raw AS
            SELECT i,
                   CAST(floor({n_countries} * pow((hash(i * 3 + 1) % 1000003) / 1000003.0, 2.2))
                        AS INTEGER) AS s,
                   CAST(floor({n_countries} * pow((hash(i * 5 + 2) % 1000003) / 1000003.0, 2.2))
                        AS INTEGER) AS t,
                   CAST(hash(i * 7 + 3) % {n_types} AS INTEGER) AS ty,
                   CAST(hash(i * 11 + 5) % 3650 AS INTEGER) AS day,
                   CAST(hash(i * 13 + 7) % {len(ROLES)} AS INTEGER) AS r1,
                   CAST(hash(i * 17 + 9) % {len(ROLES)} AS INTEGER) AS r2,
                   CAST(hash(i * 19 + 11) % 100 AS INTEGER) AS st
            FROM range({n_events}) r(i)""")
        con.execute(f"""
            INSERT INTO articles (id, url, outlet, title, published, text, origin, run_id)
            SELECT printf('art%08d', a), 'https://bench.example/' || a, 'Bench Wire',
                   'Synthetic article ' || a, DATE '2015-01-01' + CAST(a % 3650 AS INTEGER),
                   'Synthetic text of article ' || a || '. Officials met and talked.',
                   'bench', 'bench'
            FROM range({(n_events + 9) // 10}) r(a)""")
        roles = "[" + ", ".join(f"'{r}'" for r in ROLES) + "]"
        con.execute(f"""
            INSERT INTO event_records
            SELECT printf('%016x', i), printf('art%08d', i // 10), ty.name, ty.cameo, ty.quad,
                   ty.intensity,
                   CASE WHEN st < 90 THEN 'asserted' WHEN st < 95 THEN 'intended'
                        WHEN st < 98 THEN 'denied' ELSE 'hypothetical' END,
                   DATE '2015-01-01' + day, strftime(DATE '2015-01-01' + day, '%Y-%m-%d'),
                   sc.code || CASE WHEN {roles}[r1 + 1] = '' THEN '' ELSE ':' || {roles}[r1 + 1]
                                   END,
                   sc.code, {roles}[r1 + 1], '', sc.code, 0, 3, 'bench',
                   tc.code || CASE WHEN {roles}[r2 + 1] = '' THEN '' ELSE ':' || {roles}[r2 + 1]
                                   END,
                   tc.code, {roles}[r2 + 1], '', tc.code, 10, 13, 'bench',
                   0, 40, sc.code || ' did something to ' || tc.code || '.', 'bench', '', '',
                   'bench', 'bench', 1.0, NULL, NULL
            FROM t_raw
            JOIN t_types ty ON ty.k = t_raw.ty
            JOIN t_countries sc ON sc.k = t_raw.s
            JOIN t_countries tc ON tc.k = (CASE WHEN t_raw.t = t_raw.s
                                                THEN (t_raw.t + 1) % {n_countries}
                                                ELSE t_raw.t END)""")
        con.execute("CHECKPOINT")
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(client, url: str, params: dict, n: int) -> list[float]:
    client.get(url, params=params).raise_for_status()  # warm-up
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        response = client.get(url, params=params)
        out.append((time.perf_counter() - t0) * 1000)
        response.raise_for_status()
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


# 40 distinct events pages and 24 dyad timelines, asked for in turn.
LOAD_CASES = {
    "events": [("/api/events", {**flt, "limit": 50, "offset": offset})
               for offset in range(0, 250, 25)
               for flt in ({}, {"dyad": "RUS,UKR"}, {"actor": "USA", "since": "2022-01"},
                           {"status": "asserted", "q": "talks"})],
    "dyad": [("/api/dyad", {"a": a, "b": b, "freq": freq})
             for a, b in (("RUS", "UKR"), ("USA", "RUS"), ("EU", "RUS"), ("USA", "UKR"),
                          ("RUS:MIL", "UKR"), ("CHN", "USA"))
             for freq in ("day", "week", "month", "quarter")],
}


def load(base: str, endpoint: str, *, clients: int, requests: int, seconds: float) -> dict:
    """`clients` threads share `requests` requests (or `seconds`) to one endpoint's cases."""
    import httpx

    cases = LOAD_CASES[endpoint]
    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    issued = iter(range(requests))
    deadline = time.perf_counter() + seconds

    def client_loop() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            for i in issued:  # shared: the threads take numbers until `requests` are issued
                if time.perf_counter() > deadline:
                    return
                url, params = cases[i % len(cases)]
                t0 = time.perf_counter()
                try:
                    response = client.get(url, params=params)
                    ok = response.status_code == 200
                    why = f"HTTP {response.status_code}"
                except httpx.HTTPError as exc:
                    ok, why = False, type(exc).__name__
                with lock:
                    times.append((time.perf_counter() - t0) * 1000)
                    if not ok:
                        errors.append(why)

    started = time.perf_counter()
    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 60)
    wall = time.perf_counter() - started
    return {"requests": len(times), "rps": len(times) / wall, "median": statistics.median(times),
            "p95": p95(times), "max": max(times), "errors": len(errors)}


def serve_subprocess(path: Path, port: int, cache_size: int | None = None):
    """uvicorn serving `path` in its own process (so clients and server do not share a GIL)."""
    import subprocess
    import sys

    import httpx

    code = ("import sys, uvicorn; from eventlens.api.app import CACHE_SIZE, create_app; "
            "size = int(sys.argv[3]) if sys.argv[3] else CACHE_SIZE; "
            "uvicorn.run(create_app(sys.argv[1], cache_size=size), host='127.0.0.1', "
            "port=int(sys.argv[2]), log_level='warning')")
    proc = subprocess.Popen([sys.executable, "-c", code, str(path), str(port),
                             "" if cache_size is None else str(cache_size)])
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=2).raise_for_status()
            return proc
        except httpx.HTTPError:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not start")


def load_case(clients: int, requests: int, seconds: float) -> None:
    from eventlens.api.demo import build_demo_store

    print(f"\nload: demo store, {clients} concurrent clients, up to {requests} requests or "
          f"{seconds:.0f} s per endpoint (uvicorn in its own process, localhost); the response "
          f"cache on (the default), then off (create_app(cache_size=0))")
    print(f"{'endpoint':10} {'cache':6} {'requests':>9} {'req/s':>7} {'median ms':>10} "
          f"{'p95 ms':>8} {'max ms':>8} {'errors':>7}")
    with tempfile.TemporaryDirectory(prefix="eventlens-load-") as tmp:
        path = build_demo_store(Path(tmp) / "demo.duckdb")
        for cache_size in (None, 0):
            port = free_port()
            proc = serve_subprocess(path, port, cache_size)
            try:
                base = f"http://127.0.0.1:{port}"
                for endpoint in LOAD_CASES:
                    load(base, endpoint, clients=clients, requests=clients, seconds=seconds)
                    r = load(base, endpoint, clients=clients, requests=requests, seconds=seconds)
                    print(f"{endpoint:10} {'on' if cache_size is None else 'off':6} "
                          f"{r['requests']:9d} {r['rps']:7.1f} {r['median']:10.1f} "
                          f"{r['p95']:8.1f} {r['max']:8.1f} {r['errors']:7d}")
            finally:
                proc.terminate()
                proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="Build (or reuse) the store at this path.")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--load-requests", type=int, default=400)
    parser.add_argument("--load-seconds", type=float, default=60)
    parser.add_argument("--load-only", action="store_true", help="Only the load case.")
    args = parser.parse_args()
    if args.load_only:
        load_case(args.clients, args.load_requests, args.load_seconds)
        return

    import httpx
    import uvicorn

    from eventlens.api.app import create_app

    tmp = tempfile.TemporaryDirectory(prefix="eventlens-bench-")
    path = args.keep or Path(tmp.name) / "bench.duckdb"
    if not path.exists():
        seconds = build_store(path, args.events)
        print(f"built {args.events:,} events in {seconds:.1f}s "
              f"({path.stat().st_size / 1e6:.0f} MB) at {path}")
    port = free_port()
    # No response cache here: these figures are the work of each request (the load case below
    # measures the cache too).
    server = uvicorn.Server(uvicorn.Config(create_app(path, cache_size=0), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    cases = [
        ("dyad RUS-UKR per week (10 years)", "/api/dyad", {"a": "RUS", "b": "UKR", "freq": "week"}),
        ("dyad RUS-UKR per month", "/api/dyad", {"a": "RUS", "b": "UKR", "freq": "month"}),
        ("dyad, one year, all statuses", "/api/dyad",
         {"a": "USA", "b": "CHN", "freq": "week", "since": "2020-01-01", "until": "2020-12-31",
          "status": "all"}),
        ("dyad RUS:MIL-UKR per week (full scan, no cube)", "/api/dyad",
         {"a": "RUS:MIL", "b": "UKR", "freq": "week"}),
        ("events: one week of RUS-UKR (drill-down)", "/api/events",
         {"dyad": "RUS,UKR", "since": "2022-02-21", "until": "2022-02-27", "limit": 200}),
        ("events: first page, no filter", "/api/events", {"limit": 50}),
    ]
    with httpx.Client(base_url=base, timeout=60) as client:
        total = client.get("/api/summary").json()["events"]
        print(f"store: {total:,} events; {args.requests} requests per case over HTTP "
              f"(uvicorn, localhost)")
        t0 = time.perf_counter()
        client.get("/api/dyad", params={"a": "RUS", "b": "UKR"}).raise_for_status()
        print(f"first dyad request, which builds the in-memory dyad cube: "
              f"{(time.perf_counter() - t0) * 1000:.0f} ms")
        print(f"{'case':48} {'median ms':>10} {'p95 ms':>9} {'max ms':>9}")
        for name, url, params in cases:
            times = timed(client, url, params, args.requests)
            print(f"{name:48} {statistics.median(times):10.1f} {p95(times):9.1f} "
                  f"{max(times):9.1f}")
    server.should_exit = True
    thread.join(timeout=10)
    tmp.cleanup()
    load_case(args.clients, args.load_requests, args.load_seconds)


if __name__ == "__main__":
    main()
