"""REST endpoints of the map: /api/map (events by place) and /api/map/events (one place).

Both take the filters `/api/events` takes (the app's `filters` dependency), so a map counts
the events the events page lists. No `from __future__ import annotations`: FastAPI reads the
parameter annotations, built in `add_map_routes`, at definition time.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import FastAPI, Query
from fastapi.responses import Response
from pydantic import TypeAdapter

from eventlens.store.map_reads import MapEvent, MapPoints, map_events, map_points

# Places one /api/map answer holds at most (the busiest first); `places` says how many match.
DEFAULT_POINTS = 2000
MAX_POINTS = 20000


@dataclass(frozen=True, slots=True)
class MapEventPage:
    """The events at one place, newest first, one page at a time."""

    lat: float
    lon: float
    total: int
    limit: int
    offset: int
    next_offset: int | None
    events: list[MapEvent]


def add_map_routes(app: FastAPI, store_dep, filters_dep, *, bad_request: dict,
                   max_limit: int, max_offset: int,
                   cached_json: Callable[..., Response] | None = None) -> None:
    """Add the map endpoints to `app`; `store_dep` hands each request its store view and
    `filters_dep` reads the events filters as every events endpoint does. `cached_json(store,
    key, build)` keeps the answers of /api/map until the store changes (the app's cache)."""

    @app.get("/api/map", response_model=MapPoints, tags=["map"], responses=bad_request)
    def map_page(
        store: store_dep, matching: filters_dep,
        limit: Annotated[int, Query(ge=1, le=MAX_POINTS,
                                    description="Places at most, the busiest first.")]
        = DEFAULT_POINTS,
    ) -> Response:
        """The events the filters select (merged asserted events by default, as /api/events
        counts them) grouped by the place they happened: per place its coordinates, name,
        country, ADM1 and precision (site, city, adm1, country), how many events of each
        quad class, the class with most and a few event ids. `unplaced` counts the events
        with no place; `places` every place, of which `points` holds the `limit` busiest."""
        def build() -> bytes:
            return _MAP_POINTS.dump_json(map_points(store, matching, limit=limit))

        if cached_json is None:
            return Response(build(), media_type="application/json")
        return cached_json(store, ("map", matching, limit), build)

    @app.get("/api/map/events", response_model=MapEventPage, tags=["map"],
             responses=bad_request)
    def map_place_events(
        store: store_dep, matching: filters_dep,
        lat: Annotated[float, Query(ge=-90, le=90, description="The place's latitude, as "
                                    "/api/map gives it.")],
        lon: Annotated[float, Query(ge=-180, le=180, description="The place's longitude, "
                                    "as /api/map gives it.")],
        limit: Annotated[int, Query(ge=1, le=max_limit)] = 50,
        offset: Annotated[int, Query(ge=0, le=max_offset)] = 0,
    ) -> MapEventPage:
        """The selected events at one place of /api/map, newest first, each with source,
        type, target, date, the evidence sentence and its article."""
        total, rows = map_events(store, matching, lat, lon, limit=limit, offset=offset)
        nxt = offset + limit if offset + limit < total else None
        return MapEventPage(lat, lon, total, limit, offset, nxt, rows)


_MAP_POINTS = TypeAdapter(MapPoints)
