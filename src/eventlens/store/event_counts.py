"""Counts over the `events` view that the dyad forecaster fits on (`eventlens.forecast.dyad`).

The store owns these queries; they take any DuckDB connection with an `events` relation
(source_country, target_country, plover_type, quad_class, event_date), the store's own or a
table built by hand, as the forecasting library accepts either.
"""

from __future__ import annotations

import datetime as dt


def dyad_day_counts(con) -> dict:
    """Events per (source country, target country, PLOVER type, quad class, day), as columns
    of numpy arrays (`fetchnumpy`) sorted by every column; undated or one-sided events are
    left out."""
    return con.execute(
        "SELECT source_country, target_country, plover_type, quad_class, event_date, "
        "count(*) AS n FROM events WHERE source_country IS NOT NULL AND target_country IS "
        "NOT NULL AND event_date IS NOT NULL GROUP BY ALL ORDER BY ALL").fetchnumpy()


def dyad_actor_codes(con) -> set[str]:
    """The country and organisation codes the events hold, on either side."""
    rows = con.execute("SELECT DISTINCT source_country FROM events UNION SELECT DISTINCT "
                       "target_country FROM events").fetchall()
    return {row[0] for row in rows if row[0]}


def last_event_date(con) -> dt.date | None:
    """The latest event date, or None when no event is dated."""
    row = con.execute("SELECT max(event_date) FROM events").fetchone()
    return None if row is None else row[0]
