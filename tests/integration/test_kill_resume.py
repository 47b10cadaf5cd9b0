"""kill -9 at random points of `eventlens ingest`, then re-run: the store always ends as an
uninterrupted run leaves it (issue 16 item 4).

A real subprocess is killed with SIGKILL after a seeded random delay, again and again on the
same store, then run to completion; the store is compared with one an uninterrupted run
wrote: every article, event record, quote and mention, every story table (assignment, copy
groups, links, merge keys), the merged event count and its dyad counts. Some kills wait for
a story-grouping point (`EVENTLENS_PAUSE_POINTS`, eventlens/pausepoints.py, which also
tells where every other kill landed), since grouping 41 articles takes well under a second.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import duckdb
import pytest

pytestmark = [pytest.mark.model, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
NEWS = REPO / "examples" / "news"
STORIES = REPO / "examples" / "stories" / "articles"
SEED = 20261207
KILLS = 22  # in all, across chains of up to MAX_CHAIN kills on one store
MAX_CHAIN = 6
BATCH = "8"  # articles per write: more points between batches to land in
STORY_POINTS = ("stories.begun", "stories.sketched", "stories.linked", "stories.assigned",
                "stories.before-commit")
POINT_LINE = re.compile(r"eventlens pause-point (\S+)")

# Compared table by table, as sorted rows; run ids and timestamps differ by nature.
TABLES = {
    "articles": "id, url, outlet, title, published, text, origin",
    "event_records": "*",
    "quotes": "*",
    "mentions": "*",
    "story_articles": "*",
    "stories": "story_id, headline, first_article, first_seen, last_seen, articles, outlets, "
               "copies, events",
    "story_links": "*",
    "story_event_keys": "*",
    "story_signatures": "*",
    "story_lsh_buckets": "*",
    "story_terms": "*",
    "story_term_df": "*",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """41 of our example articles: 15 news reports and the first 8 stories' versions (the
    grain deal, the invasion and others appear in both, so stories span the two)."""
    out = tmp_path_factory.mktemp("kill-input")
    picked = sorted(NEWS.glob("0[01]*.txt"))[:15] + sorted(STORIES.glob("s0[1-8]*.txt"))
    for path in picked:
        shutil.copy(path, out / path.name)
    assert len(picked) == 41
    return out


class Ingest:
    """One `python -m eventlens.cli ingest` subprocess, with the pause points it passed."""

    def __init__(self, folder: Path, db: Path, *, pause: str = "*=0") -> None:
        env = {k: v for k, v in os.environ.items()
               if k not in ("EVENTLENS_CONFIG", "EVENTLENS_DB")}
        env["EVENTLENS_PAUSE_POINTS"] = pause
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "eventlens.cli", "ingest", str(folder), "--db", str(db),
             "--batch-size", BATCH],
            cwd=db.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.points: list[str] = []
        self.stderr: list[str] = []
        self.reached = threading.Event()
        self.target: str | None = None
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.stderr.append(line)
            match = POINT_LINE.search(line)
            if match:
                self.points.append(match.group(1))
                if match.group(1) == self.target:
                    self.reached.set()
        self.reached.set()  # the process ended: stop waiting for a point

    def kill_after(self, seconds: float) -> str | None:
        """SIGKILL after `seconds` (from start); returns where it landed, None if the run
        had already finished."""
        time.sleep(max(0.0, self.started + seconds - time.monotonic()))
        return self._kill()

    def kill_at(self, point: str, extra: float) -> str | None:
        self.target = point
        if point in self.points:
            self.reached.set()
        self.reached.wait(timeout=120)
        time.sleep(extra)
        return self._kill()

    def _kill(self) -> str | None:
        if self.proc.poll() is not None:
            self.finish()
            return None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        self._reader.join(timeout=10)
        return self.points[-1] if self.points else "startup"

    def finish(self) -> str:
        out, _ = self.proc.communicate(timeout=300)
        self._reader.join(timeout=10)
        assert self.proc.returncode == 0, "".join(self.stderr)[-3000:]
        return out


def _snapshot(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        snap = {table: sorted(_rounded(row) for row in
                              con.execute(f"SELECT {cols} FROM {table}").fetchall())
                for table, cols in TABLES.items()}
        runs = con.execute("SELECT status, count(*) FROM ingest_runs GROUP BY 1").fetchall()
    finally:
        con.close()
    from eventlens.store import open_store
    from eventlens.stories import merged_events

    with open_store(db, read_only=True) as store:
        merged = merged_events(store).fetchall()
        cols = [d[0] for d in store.con.description]
    rows = [dict(zip(cols, r, strict=True)) for r in merged]
    snap["merged_events"] = len(rows)
    snap["merged_dyads"] = Counter((r["source_country"], r["target_country"]) for r in rows)
    snap["story_partition"] = sorted(sorted(ids) for ids in _partition(snap["story_articles"]))
    return snap | {"runs": dict(runs)}


def _partition(story_rows) -> list[list[str]]:
    stories: dict[str, list[str]] = {}
    for article_id, story_id, _group in story_rows:
        stories.setdefault(story_id, []).append(article_id)
    return list(stories.values())


def _rounded(row: tuple) -> tuple:
    # DuckDB sums floats in parallel, in no fixed order: compare to 9 places.
    return tuple(round(v, 9) if isinstance(v, float) else repr(v) for v in row)


def test_kill_9_at_random_points_then_rerun_gives_the_uninterrupted_store(folder, tmp_path):
    t0 = time.monotonic()
    reference = tmp_path / "reference.duckdb"
    run = Ingest(folder, reference)
    out = run.finish()
    full = time.monotonic() - t0
    assert "stored 41 new" in out and "resumed" not in out
    expected = _snapshot(reference)
    assert expected["runs"] == {"done": 1}
    assert expected["story_partition"] and expected["merged_events"] < len(
        expected["event_records"])  # stories do merge events

    rng = random.Random(SEED)
    landed: Counter = Counter()
    chains = 0
    while sum(landed.values()) < KILLS:
        chains += 1
        db = tmp_path / f"killed-{chains}.duckdb"
        chain: list[str] = []
        where = None
        while len(chain) < MAX_CHAIN and sum(landed.values()) < KILLS:
            # wait for a story-grouping point and kill inside its pause: a third of the
            # kills, and the first of every other chain (its store has everything to place)
            if rng.random() < 0.35 or (not chain and chains % 2):
                point = rng.choice(STORY_POINTS)
                where = Ingest(folder, db, pause=f"{point}=0.6").kill_at(
                    point, rng.uniform(0.0, 0.5))
            else:
                where = Ingest(folder, db).kill_after(rng.uniform(0.3, full))
            if where is None:
                break  # the run finished before the kill: nothing left to resume
            landed[where] += 1
            chain.append(where)
        if where is not None:
            Ingest(folder, db).finish()
        got = _snapshot(db)
        for key in expected:
            if key != "runs":
                assert got[key] == expected[key], f"chain {chains} ({chain}): {key} differs"
        # every killed run's record is closed; one killed before it was written has none
        assert set(got["runs"]) <= {"done", "interrupted"}, got["runs"]
        # a kill after `stories.committed` may land before or after the run record is closed
        surely = sum(point not in ("startup", "stories.committed", "run.finished")
                     for point in chain)
        at_most = sum(point != "run.finished" for point in chain)
        assert surely <= got["runs"].get("interrupted", 0) <= at_most, (chain, got["runs"])

    seconds = time.monotonic() - t0
    in_stories = sum(n for point, n in landed.items() if point.startswith("stories.")
                     and point != "stories.committed")
    print(f"\n{sum(landed.values())} kills in {chains} chains, {seconds:.0f}s "
          f"(uninterrupted run {full:.1f}s); landed after: {dict(sorted(landed.items()))}")
    assert sum(landed.values()) >= 20
    assert in_stories >= 4, landed
    assert landed["run.batch-stored"] + landed["run.begun"] >= 3, landed  # during coding
