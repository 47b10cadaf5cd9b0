"""Reads for the map: events grouped by the place they happened, and the events at one place.

The store owns the SQL; a caller passes what selects the events, anything with `where()` (a
WHERE clause over the event relation and its parameters) and `merged` (`EventFilter`, or the
faces' `EventQuery`), so the map counts exactly the events `/api/events` lists. A place is
one point: the resolved place's coordinates, name, country and precision (the `location_*`
columns of schema version 7); events without coordinates are counted apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Protocol

QUAD_KEYS = ("verbal_cooperation", "material_cooperation", "verbal_conflict",
             "material_conflict")
# Event ids given with each point (the newest first), for a tooltip or a first look.
SAMPLE_IDS = 5
# Two coordinates name the same point when they differ by less than this (degrees): the
# stored doubles go out as JSON and come back as a query parameter.
SAME_POINT = 1e-6
_ORDER = "event_date DESC NULLS LAST, article_id, evidence_start, event_id"
_ORDER_E = "e.event_date DESC NULLS LAST, e.article_id, e.evidence_start, e.event_id"
_PLACE = "location_lat, location_lon, location_name, location_country, location_precision"


class EventSelection(Protocol):
    """Which events: `EventFilter` and `EventQuery` both are one."""

    merged: bool

    def where(self) -> tuple[str, list]: ...


@dataclass(frozen=True, slots=True)
class MapPoint:
    """One place with the events there: counts per quad class, the class with most events
    (ties go to the more conflictual class) and a few event ids, newest first."""

    lat: float
    lon: float
    name: str | None
    country: str | None
    adm1: str | None
    adm1_name: str | None
    precision: str | None
    geonameid: int | None
    total: int
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    quad_class: int | None
    event_ids: list[str]
    first_date: dt.date | None
    last_date: dt.date | None


@dataclass(frozen=True, slots=True)
class MapPoints:
    """The selected events by place: `placed` events at `len(points)` places (the busiest
    `limit` of `places` when there are more), and `unplaced` events with no coordinates."""

    placed: int
    unplaced: int
    places: int
    by_precision: dict[str, int]
    points: list[MapPoint] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class MapEvent:
    """One event at a place, as the map's side panel lists it: who did what to whom, when,
    the evidence sentence and the article it comes from."""

    event_id: str
    article_id: str
    event_date: dt.date | None
    date_text: str | None
    plover_type: str
    quad_class: int | None
    status: str
    source_code: str | None
    source_name: str | None
    source_text: str | None
    target_code: str | None
    target_name: str | None
    target_text: str | None
    evidence: str | None
    evidence_start: int
    evidence_end: int
    source_start: int | None
    source_end: int | None
    target_start: int | None
    target_end: int | None
    trigger: str | None
    confidence: float | None
    report_count: int
    location_name: str | None
    location_precision: str | None
    location_how: str | None
    article_title: str | None
    article_url: str | None
    published: dt.date | None


def map_points(store, events: EventSelection, *, limit: int | None = None) -> MapPoints:
    """The selected events grouped by place, the busiest places first (`limit` of them)."""
    relation = store.event_relation(events.merged)
    where, params = events.where()
    selected = f"SELECT * FROM {relation} AS e{where}"
    counts = store.con.execute(f"""
        SELECT location_lat IS NOT NULL AND location_lon IS NOT NULL AS placed,
               coalesce(location_precision, ''), count(*)
        FROM ({selected}) GROUP BY ALL ORDER BY ALL""", params).fetchall()
    by_precision = {p: int(n) for placed, p, n in counts if placed}
    unplaced = sum(int(n) for placed, _, n in counts if not placed)
    rows = store.con.execute(_POINTS_SQL.format(
        selected=selected, place=_PLACE, order=_ORDER, sample=SAMPLE_IDS,
        limit=f"LIMIT {int(limit)}" if limit is not None else "",
        same=" AND ".join(f"s.{c} IS NOT DISTINCT FROM t.{c}" for c in _PLACE.split(", ")),
        t_place=", ".join(f"t.{c}" for c in _PLACE.split(", "))), params).fetchall()
    return MapPoints(placed=sum(by_precision.values()), unplaced=unplaced,
                     places=int(rows[0][-1]) if rows else 0, by_precision=by_precision,
                     points=[_point(row) for row in rows])


# The busiest places with their counts, then a few event ids of each, newest first. The ids are
# found for the places kept only: listing every place's ids first took ten times as long
# (1.5 s of 1.7 s on 230,000 places).
_POINTS_SQL = """
WITH sel AS ({selected}),
top AS (
    SELECT {place}, any_value(location_adm1) AS adm1, any_value(location_adm1_name) AS adm1n,
           max(location_geonameid) AS gid, count(*) AS n,
           count_if(quad_class = 1) AS q1, count_if(quad_class = 2) AS q2,
           count_if(quad_class = 3) AS q3, count_if(quad_class = 4) AS q4,
           min(event_date) AS first, max(event_date) AS last, count(*) OVER () AS places
    FROM sel WHERE location_lat IS NOT NULL AND location_lon IS NOT NULL
    GROUP BY {place} ORDER BY n DESC, location_name, location_lat, location_lon {limit}),
ranked AS (
    SELECT {t_place}, s.event_id,
           row_number() OVER (PARTITION BY {t_place} ORDER BY {order}) AS rn
    FROM sel s JOIN top t ON {same}),
sample AS (
    SELECT {place}, list(event_id ORDER BY rn) AS ids FROM ranked WHERE rn <= {sample}
    GROUP BY {place})
SELECT {t_place}, t.adm1, t.adm1n, t.gid, t.n, t.q1, t.q2, t.q3, t.q4, s.ids, t.first,
       t.last, t.places
FROM top t LEFT JOIN sample s ON {same}
ORDER BY t.n DESC, t.location_name, t.location_lat, t.location_lon
"""


def _point(row: tuple) -> MapPoint:
    lat, lon, name, country, precision, adm1, adm1_name, geonameid, total = row[:9]
    quads = [int(n) for n in row[9:13]]
    dominant = None
    if any(quads):
        # the most events; a tie goes to the more conflictual class (the higher number)
        dominant = max(range(4), key=lambda i: (quads[i], i)) + 1
    return MapPoint(float(lat), float(lon), name, country, adm1, adm1_name, precision,
                    geonameid, int(total), *quads, dominant, list(row[13] or []), row[14],
                    row[15])


def map_events(store, events: EventSelection, lat: float, lon: float, *,
               limit: int | None = None, offset: int = 0) -> tuple[int, list[MapEvent]]:
    """How many of the selected events happened at the point (`lat`, `lon`), and those
    events (the newest first, a page of `limit` from `offset`) with their evidence and
    article."""
    relation = store.event_relation(events.merged)
    where, params = events.where()
    near = "abs(location_lat - ?) < ? AND abs(location_lon - ?) < ?"
    where = f"{where} AND {near}" if where else f" WHERE {near}"
    params = [*params, float(lat), SAME_POINT, float(lon), SAME_POINT]
    selected = f"SELECT * FROM {relation} AS e{where}"
    total = store.con.execute(f"SELECT count(*) FROM ({selected})", params).fetchone()[0]
    page = f" LIMIT {int(limit)}" if limit is not None else ""
    page += f" OFFSET {int(offset)}" if offset else ""
    columns = ", ".join(f"e.{f.name}" for f in fields(MapEvent)[:-3])
    rows = store.con.execute(f"""
        SELECT {columns}, a.title, a.url, a.published
        FROM ({selected}) AS e LEFT JOIN articles a ON a.id = e.article_id
        ORDER BY {_ORDER_E}{page}""", params).fetchall()
    return int(total), [MapEvent(*row) for row in rows]
