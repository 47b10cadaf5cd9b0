"""Dyad timelines: how two actors treat each other, period by period, in both directions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventlens.analysis.events import FREQUENCIES, EventQuery, check_status
from eventlens.errors import EventlensError
from eventlens.store import Store


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
    """The last day of the period that begins on `start`."""
    return _next_period(start, freq) - dt.timedelta(days=1)


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
                  status: str | None = "asserted", fill: bool = True) -> list[DyadPeriod]:
    """Counts by quad class and mean intensity per period, for a→b and b→a.

    Args:
        a, b: country/organisation codes (`RUS`) or full actor codes (`RUS:GOV`).
        freq: day, week (Monday start), month, quarter or year.
        status: only events with this status; the default counts what the text asserts
            happened (intended, denied and hypothetical events did not, or not yet). None or
            'all' counts every status.
        fill: add zero rows for empty periods between the first and last period, so charts
            show quiet stretches as zero rather than joining across them.
    Returns:
        Rows ordered by period, then direction (a→b first).
    """
    if freq not in FREQUENCIES:
        raise EventlensError(f"unknown frequency {freq!r}", hint=f"use one of {FREQUENCIES}")
    a, b = a.strip().upper(), b.strip().upper()
    query = EventQuery(dyad=(a, b), status=check_status(status), since=since, until=until)
    where, params = query.where()
    sql = f"""
        SELECT CAST(date_trunc('{freq}', event_date) AS DATE) AS period,
               (source_country = ? OR source_code = ?) AS forward,
               count(*) FILTER (WHERE quad_class = 1),
               count(*) FILTER (WHERE quad_class = 2),
               count(*) FILTER (WHERE quad_class = 3),
               count(*) FILTER (WHERE quad_class = 4),
               count(*),
               avg(intensity)
        FROM events{where} AND event_date IS NOT NULL
        GROUP BY ALL ORDER BY period, forward DESC"""
    rows = store.con.execute(sql, [a, a, *params]).fetchall()
    found = {(r[0], r[1]): r for r in rows}
    periods = sorted({r[0] for r in rows})
    if fill and periods:
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


def _all_periods(first: dt.date, last: dt.date, freq: str, cap: int = 20_000) -> list[dt.date]:
    out, day = [], first
    while day <= last and len(out) < cap:
        out.append(day)
        day = _next_period(day, freq)
    return out
