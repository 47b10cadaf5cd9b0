"""Issue 16 item 9: what keeps the API quick under 20 clients — requests queued in arrival
order, answers kept until the store changes — over a demo store written here. The latency
itself is measured by `make bench` (tests/benchmarks/bench_api.py, the load case)."""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import threading
import warnings

import pytest

from eventlens import analysis
from eventlens.api.app import _ConcurrencyLimit
from eventlens.api.demo import build_demo_store
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def _run_apart(coro) -> None:
    """Run a coroutine on a fresh event loop in its own thread: another test (Playwright's
    sync API) may keep a loop running in this one, where asyncio.run refuses to start."""
    errors: list[BaseException] = []

    def target():
        try:
            asyncio.run(coro)
        except BaseException as exc:  # re-raised in the test's thread below
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


def test_at_most_limit_api_requests_run_at_once_in_arrival_order():
    running, peak, order = 0, 0, []

    async def slow_app(scope, receive, send):
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        order.append(scope["path"])
        await asyncio.sleep(0.01)
        running -= 1

    async def main(paths):
        limited = _ConcurrencyLimit(slow_app, limit=2)
        await asyncio.gather(*(limited({"type": "http", "path": p}, None, None) for p in paths))

    _run_apart(main([f"/api/events?{i}" for i in range(8)]))
    assert peak == 2 and order == [f"/api/events?{i}" for i in range(8)]
    peak = 0
    _run_apart(main(["/api/events.csv", "/api/events.parquet", "/static/app.css", "/"]))
    assert peak == 4  # downloads and files are not queued


@pytest.fixture
def db_path(tmp_path):
    return build_demo_store(tmp_path / "demo.duckdb")


def test_pages_and_timelines_are_built_once_per_version_of_the_store(db_path, monkeypatch):
    from eventlens.api import create_app

    calls = {"events": 0, "dyad": 0}
    list_events, dyad_timeline = analysis.list_events, analysis.dyad_timeline

    def counted(name, fn):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return fn(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(analysis, "list_events", counted("events", list_events))
    monkeypatch.setattr(analysis, "dyad_timeline", counted("dyad", dyad_timeline))
    app = create_app(db_path, read_only=False)
    with TestClient(app) as client:
        pages = [client.get("/api/events", params={"dyad": "RUS,UKR"}).json() for _ in range(3)]
        timelines = [client.get("/api/dyad", params={"a": "RUS", "b": "UKR"}).json()
                     for _ in range(3)]
        assert pages[0] == pages[1] == pages[2] and timelines[0] == timelines[2]
        assert calls == {"events": 1, "dyad": 1}
        client.get("/api/events", params={"dyad": "RUS,UKR", "offset": 50})
        assert calls["events"] == 2  # another page is another answer
        # A new event (stored by the server's own writer) makes every kept answer stale.
        text = "Russia shelled Kyiv."
        src, tgt = (Mention(0, 6, "Russia", Actor("RUS"), "t"),
                    Mention(15, 19, "Kyiv", Actor("UKR", "GOV"), "t"))
        writer = copy.copy(app.state.holder.store)
        writer.con = writer.cursor()
        writer.add_results([ArticleResult(
            Article("new0000000000001", text, dt.date(2022, 12, 30)),
            (Event("new0000000000001", src, tgt, "ASSAULT", "19", 4, -10.0, Status.ASSERTED,
                   "2022-12-30", 0, len(text), "shelled", coder="t"),), (), (src, tgt))])
        writer.con.close()
        after = client.get("/api/events", params={"dyad": "RUS,UKR"}).json()
        assert after["total"] == pages[0]["total"] + 1 and calls["events"] == 3
        assert after["events"][0]["evidence"] == text
        timeline = client.get("/api/dyad", params={"a": "RUS", "b": "UKR"}).json()
        assert calls["dyad"] == 2 and timeline["periods"][-1]["period"] == "2022-12-26"


def test_twenty_clients_at_once_get_every_answer(db_path):
    from eventlens.api import create_app

    app = create_app(db_path, cache_size=0)
    failures: list[str] = []
    with TestClient(app) as client:
        def ask(i: int) -> None:
            for j in range(5):
                url, params = (("/api/events", {"offset": 25 * ((i + j) % 8)}) if j % 2 else
                               ("/api/dyad", {"a": "RUS", "b": "UKR", "freq": "day"}))
                response = client.get(url, params=params)
                if response.status_code != 200:
                    failures.append(f"{url} {params}: {response.status_code}")

        threads = [threading.Thread(target=ask, args=(i,)) for i in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert not failures
