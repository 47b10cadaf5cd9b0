"""Dyad timelines: how two actors treat each other, period by period, in both directions."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

import duckdb

from eventlens.analysis.events import (
    DEFAULT_STATUS,
    FREQUENCIES,
    ROLES,
    EventQuery,
    actor_match,
    check_status,
)
from eventlens.errors import EventlensError
from eventlens.store import Store
from eventlens.store.merged import event_relation

# A filled timeline has at most this many periods (55 years of days); longer ones are refused.
MAX_PERIODS = 20_000


@dataclass(frozen=True, slots=True)
class DyadPeriod:
    """Events from `source` to `target` in one period [period, period_end]."""

    period: dt.date
    period_end: dt.date
    source: str
    target: str
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    total: int
    mean_intensity: float | None  # -10 (most conflictual) .. +10 (most cooperative)


def period_start(day: dt.date, freq: str) -> dt.date:
    """The first day of the period containing `day` (weeks start on Monday, as in DuckDB)."""
    if freq == "day":
        return day
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    if freq == "month":
        return day.replace(day=1)
    if freq == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if freq == "year":
        return dt.date(day.year, 1, 1)
    raise EventlensError(f"unknown frequency {freq!r}", hint=f"use one of {FREQUENCIES}")


def period_end(start: dt.date, freq: str) -> dt.date:
    """The last day of the period that begins on `start` (9999-12-31 at the calendar's end)."""
    try:
        return _next_period(start, freq) - dt.timedelta(days=1)
    except (ValueError, OverflowError):
        return dt.date.max


def _next_period(start: dt.date, freq: str) -> dt.date:
    if freq == "day":
        return start + dt.timedelta(days=1)
    if freq == "week":
        return start + dt.timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[freq]
    month = start.month - 1 + months
    return dt.date(start.year + month // 12, month % 12 + 1, 1)


def dyad_timeline(store: Store, a: str, b: str, *, freq: str = "week",
                  since: dt.date | None = None, until: dt.date | None = None,
                  status: str | None = DEFAULT_STATUS, fill: bool = True,
                  cube: DyadCube | None = None, merged: bool = True) -> list[DyadPeriod]:
    """Counts by quad class and mean intensity per period, for a→b and b→a.

    Args:
        a, b: country/organisation codes (`RUS`) or full actor codes (`RUS:GOV`).
        freq: day, week (Monday start), month, quarter or year.
        status: only events with this status; the default counts what the text asserts
            happened (intended, denied and hypothetical events did not, or not yet). None or
            'all' counts every status.
        fill: add zero rows for empty periods between the first and last period, so charts
            show quiet stretches as zero rather than joining across them.
        cube: a `DyadCube` of the same store; country-level dyads are then read from it
            instead of scanning the events table.
        merged: count each real-world act once, merged across the reports that state it (the
            default, as every face counts); False counts every report.
    Returns:
        Rows ordered by period, then direction (a→b first).
    Raises:
        EventlensError: an unknown frequency or status, or a filled timeline of more than
            `MAX_PERIODS` periods (ask for a coarser `freq`, or narrow `since`/`until`).
    """
    if freq not in FREQUENCIES:
        raise EventlensError(f"unknown frequency {freq!r}", hint=f"use one of {FREQUENCIES}")
    a, b = a.strip().upper(), b.strip().upper()
    status = check_status(status)
    if cube is not None and cube.covers(a, b):
        rows = cube.rows(store.con, a, b, freq=freq, since=since, until=until, status=status,
                         merged=merged, relation=store.event_relation(merged))
    else:
        rows = _scan_rows(store, a, b, freq=freq, since=since, until=until, status=status,
                          merged=merged)
    found = {(r[0], r[1]): r for r in rows}
    periods = sorted({r[0] for r in rows})
    if fill and periods:
        count = period_count(periods[0], periods[-1], freq)
        if count > MAX_PERIODS:
            raise EventlensError(
                f"the {a}-{b} timeline per {freq} would have {count:,} periods "
                f"({periods[0]} to {periods[-1]}), more than {MAX_PERIODS:,}",
                hint="ask for a coarser freq (month, year), narrow since/until, or fill=false")
        periods = _all_periods(periods[0], periods[-1], freq)
    out = []
    for start in periods:
        for forward in (True, False):
            row = found.get((start, forward))
            if row is None and not fill:
                continue
            counts = row[2:7] if row else (0, 0, 0, 0, 0)
            mean = round(float(row[7]), 3) if row and row[7] is not None else None
            src, tgt = (a, b) if forward else (b, a)
            out.append(DyadPeriod(start, period_end(start, freq), src, tgt, *map(int, counts),
                                  mean))
    return out


def _scan_rows(store: Store, a: str, b: str, *, freq: str, since, until, status,
               merged: bool) -> list[tuple]:
    query = EventQuery(dyad=(a, b), status=status, since=since, until=until, merged=merged)
    where, params = query.where()
    forward_sql, forward_args = actor_match("source", a)
    sql = f"""
        SELECT CAST(date_trunc('{freq}', event_date) AS DATE) AS period,
               {forward_sql} AS forward,
               count_if(quad_class = 1), count_if(quad_class = 2),
               count_if(quad_class = 3), count_if(quad_class = 4),
               count(*), avg(intensity)
        FROM {store.event_relation(merged)} AS e{where} AND event_date IS NOT NULL
        GROUP BY ALL ORDER BY period, forward DESC"""
    return store.con.execute(sql, [*forward_args, *params]).fetchall()


class DyadCube:
    """Daily counts per (source country, target country, status, quad class), kept sorted.

    Built once from the store (one pass over the events) into a private in-memory DuckDB,
    sorted by dyad so that a dyad's rows sit together and DuckDB's min/max zone maps skip the
    rest: a country-level dyad timeline then reads a few thousand rows instead of scanning
    every event. One cube for merged events and one for reports, each built on first use and
    rebuilt when the events or their merge keys change. Full codes (`RUS:GOV`) are not in the
    cube; `dyad_timeline` scans the events for those.
    """

    def __init__(self) -> None:
        self._mems: dict[bool, duckdb.DuckDBPyConnection] = {}
        self._built_for: dict[bool, tuple] = {}
        self._lock = threading.Lock()

    @staticmethod
    def covers(a: str, b: str) -> bool:
        return not any(":" in x or x in ROLES for x in (a, b))

    def ensure(self, con, merged: bool = True, relation: str | None = None) -> None:
        """Build (or rebuild) the cube from the events behind `con` if they changed, reading
        them from `relation` (`Store.event_relation`) when given."""
        version = con.execute("SELECT (SELECT count(*) FROM events), count(*), "
                              "sum(hash(event_id, merge_key)) FROM story_event_keys").fetchone()
        with self._lock:
            if version == self._built_for.get(merged):
                return
            daily = con.execute(f"""
                SELECT event_date, source_country, target_country, status, quad_class,
                       count(*) AS n, sum(intensity) AS intensity_sum,
                       count(intensity) AS intensity_n
                FROM {relation or event_relation(merged)} AS e
                WHERE event_date IS NOT NULL AND coalesce(source_country, '') <> ''
                  AND coalesce(target_country, '') <> ''
                GROUP BY ALL""").to_arrow_table()
            mem = duckdb.connect(":memory:")
            mem.execute("SET enable_progress_bar = false")
            mem.register("daily_in", daily)
            mem.execute("CREATE TABLE cube AS SELECT * FROM daily_in "
                        "ORDER BY source_country, target_country, event_date")
            mem.unregister("daily_in")
            # The old cube is not closed here: requests may still read it through cursors,
            # which keep it open until they close.
            self._mems[merged], self._built_for[merged] = mem, version

    def rows(self, con, a: str, b: str, *, freq: str, since, until, status,
             merged: bool = True, relation: str | None = None) -> list[tuple]:
        """Rows shaped as `_scan_rows` returns them."""
        self.ensure(con, merged, relation)
        clauses, params = [], []
        if status:
            clauses.append("status = ?")
            params.append(status)
        if since:
            clauses.append("event_date >= ?")
            params.append(since)
        if until:
            clauses.append("event_date <= ?")
            params.append(until)
        extra = "".join(f" AND {c}" for c in clauses)
        # A self-dyad (a == b) must not be counted twice.
        back = "" if a != b else " AND FALSE"
        sql = f"""
            WITH d AS (
                SELECT *, TRUE AS forward FROM cube
                WHERE source_country = ? AND target_country = ?{extra}
                UNION ALL
                SELECT *, FALSE FROM cube
                WHERE source_country = ? AND target_country = ?{extra}{back})
            SELECT CAST(date_trunc('{freq}', event_date) AS DATE) AS period, forward,
                   sum(n) FILTER (WHERE quad_class = 1), sum(n) FILTER (WHERE quad_class = 2),
                   sum(n) FILTER (WHERE quad_class = 3), sum(n) FILTER (WHERE quad_class = 4),
                   sum(n), sum(intensity_sum) / nullif(sum(intensity_n), 0)
            FROM d GROUP BY ALL ORDER BY period, forward DESC"""
        with self._lock:  # a cursor of the current cube: requests read it in parallel
            cursor = self._mems[merged].cursor()
        try:
            rows = cursor.execute(sql, [a, b, *params, b, a, *params]).fetchall()
        finally:
            cursor.close()
        return [(r[0], r[1], *(int(x or 0) for x in r[2:7]), r[7]) for r in rows]


def period_count(first: dt.date, last: dt.date, freq: str) -> int:
    """How many periods run from the one starting on `first` to the one starting on `last`."""
    if freq == "day":
        return (last - first).days + 1
    if freq == "week":
        return (last - first).days // 7 + 1
    months = (last.year - first.year) * 12 + last.month - first.month
    return months // {"month": 1, "quarter": 3, "year": 12}[freq] + 1


def _all_periods(first: dt.date, last: dt.date, freq: str) -> list[dt.date]:
    out, day = [], first
    while day <= last:
        out.append(day)
        try:
            day = _next_period(day, freq)
        except (ValueError, OverflowError):  # past 9999-12-31
            break
    return out


@dataclass(frozen=True, slots=True)
class DyadFocus:
    """The span of a timeline that holds most of its events: [start, end] and how many events
    fall inside and outside it (a chart shows this span and says what it leaves out)."""

    start: dt.date
    end: dt.date
    inside: int
    outside: int


def focus_range(periods: list[DyadPeriod], share: float = 0.8) -> DyadFocus | None:
    """The span of the periods where the events are (both directions together), or None when
    there are none: the shortest run of periods holding at least `share` of the events,
    widened, again and again, over the next period with events while the gap to it is at most
    half the span so far. Only stragglers far from the rest (one stray report years before)
    fall outside, so they do not stretch a chart's time axis over the empty years between;
    events spread evenly, or in two clusters of like size, are all inside.
    """
    totals: dict[dt.date, list] = {}
    for p in periods:
        if p.total:
            entry = totals.setdefault(p.period, [p.period_end, 0])
            entry[1] += p.total
    if not totals:
        return None
    starts = sorted(totals)
    counts = [totals[s][1] for s in starts]
    everything = sum(counts)
    need = share * everything
    best = (0, len(starts) - 1)
    held, left = 0, 0
    for right, n in enumerate(counts):
        held += n
        while held - counts[left] >= need:
            held -= counts[left]
            left += 1
        if held >= need and (starts[right] - starts[left]
                             < starts[best[1]] - starts[best[0]]):
            best = (left, right)
    left, right = best
    while True:
        near = max((starts[right] - starts[left]) / 2, dt.timedelta(days=1))
        if left > 0 and starts[left] - starts[left - 1] <= near:
            left -= 1
        elif right < len(starts) - 1 and starts[right + 1] - starts[right] <= near:
            right += 1
        else:
            break
    inside = sum(counts[left:right + 1])
    return DyadFocus(starts[left], totals[starts[right]][0], inside, everything - inside)
