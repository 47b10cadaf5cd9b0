"""Ingests that the server runs itself, so serving and ingesting share DuckDB's one writer.

DuckDB lets one process write a file, and no other process read it while it does. A server
that ingests on a schedule (`eventlens serve --ingest PATH --every 15m`) holds that one
writer: each run calls `eventlens.pipeline.ingest` in a background thread through its own
cursor of the server's connection, and requests keep reading through theirs. DuckDB's MVCC
gives every request a consistent snapshot: it sees each batch once its transaction commits.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from eventlens.errors import ConfigError, EventlensError
from eventlens.store import Store

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_EVERY_SECONDS = 1.0


def parse_every(text: str) -> float:
    """Seconds from `90`, `30s`, `15m`, `1h` or `1d`.

    Raises:
        ConfigError: not a duration, or shorter than a second.
    """
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", str(text).lower())
    if not found:
        raise ConfigError(f"--every must be a duration such as 30s, 15m or 1h, got {text!r}")
    seconds = float(found[1]) * _UNITS[found[2] or "s"]
    if seconds < MIN_EVERY_SECONDS:
        raise ConfigError(f"--every must be at least {MIN_EVERY_SECONDS:g} s, got {text!r}")
    return seconds


@dataclass(frozen=True, slots=True)
class IngestSchedule:
    """What the server ingests and how often.

    `paths` are anything `eventlens ingest` reads (files, folders, globs, feed files); the
    first run starts when the server starts, the next `every` seconds after one finishes.
    `coder` is a coder object, or None for the `coder` setting's coder with `actor_files`.
    """

    paths: tuple[str, ...]
    every: float = 900.0
    coder: object | None = None
    coder_name: str = "linguistic"
    actor_files: tuple = ()
    options: object | None = None


@dataclass(slots=True)
class IngestStatus:
    """What the scheduled ingest has done: shown at `GET /api/ingest`."""

    paths: list[str]
    every_seconds: float
    running: bool = False
    runs: int = 0
    last_run_id: str | None = None
    last_started: dt.datetime | None = None
    last_finished: dt.datetime | None = None
    last_new_articles: int = 0
    last_events: int = 0
    last_skipped: int = 0
    last_error: str | None = None
    next_run: dt.datetime | None = None


class ScheduledIngest:
    """Runs `pipeline.ingest` every `schedule.every` seconds in a daemon thread."""

    def __init__(self, store: Store, schedule: IngestSchedule, *,
                 on_done: Callable[[], None] | None = None) -> None:
        self.store = store
        self.schedule = schedule
        self.on_done = on_done
        self.status = IngestStatus(list(schedule.paths), schedule.every)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._coder = schedule.coder
        self._lock = threading.Lock()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="eventlens-ingest", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the loop to stop and wait for a run in progress (batches commit one by one)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def run_once(self) -> None:
        """One ingest of every path, now (the loop calls this; tests may too)."""
        from eventlens.pipeline import ingest

        with self._lock:
            status = self.status
            status.running, status.last_started = True, _now()
            writer = copy.copy(self.store)
            writer.con = self.store.cursor()  # the one writer's own cursor of the connection
            try:
                summary = ingest(list(self.schedule.paths), writer, coder=self._get_coder(),
                                 options=self.schedule.options)
                status.last_run_id, status.last_error = summary.run_id, None
                status.last_new_articles, status.last_events = summary.new, summary.events
                status.last_skipped = len(summary.errors)
            except EventlensError as exc:
                status.last_error = str(exc)
                logging.getLogger(__name__).warning("scheduled ingest failed: %s", exc)
            except Exception as exc:  # the server stays up; the next run tries again
                status.last_error = f"{type(exc).__name__}: {exc}"
                logging.getLogger(__name__).exception("scheduled ingest failed")
            finally:
                writer.con.close()
                status.running, status.last_finished = False, _now()
                status.runs += 1
            if self.on_done is not None:
                self.on_done()

    def _get_coder(self):
        if self._coder is None:
            from eventlens.registry import get_coder

            self._coder = get_coder(self.schedule.coder_name,
                                    actor_files=self.schedule.actor_files)
        return self._coder

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.run_once()
            self.status.next_run = _now() + dt.timedelta(seconds=self.schedule.every)
            self._stop.wait(self.schedule.every)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
