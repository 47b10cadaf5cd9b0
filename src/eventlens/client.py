"""The Python API: `eventlens.open(path)` and typed results convertible to Arrow, pandas, polars.

    import eventlens
    db = eventlens.open("eventlens.duckdb")
    db.events(source="RUS", type="ASSAULT", since="2022-02-01").df()
    db.dyad("RUS", "UKR", freq="week").arrow()
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

import pyarrow as pa

from eventlens import analysis, claims, filters
from eventlens.analysis.events import DEFAULT_STATUS, EventQuery, check_status
from eventlens.claims import ClaimRecord
from eventlens.errors import EventlensError, FilterError
from eventlens.store import Store, open_store
from eventlens.store.map_reads import MapEvent, MapPoints, map_events, map_points

T = TypeVar("T")

_ARROW_TYPES: dict[Any, pa.DataType] = {
    str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(),
    dt.date: pa.date32(),
}


def _arrow_schema(row_type: type) -> pa.Schema | None:
    """An Arrow schema from a flat dataclass's field types (None if a field is not flat)."""
    hints = typing.get_type_hints(row_type)
    out = []
    for f in dataclasses.fields(row_type):
        args = [a for a in typing.get_args(hints[f.name]) if a is not type(None)]
        base = args[0] if args else hints[f.name]
        if base not in _ARROW_TYPES:
            return None
        out.append(pa.field(f.name, _ARROW_TYPES[base]))
    return pa.schema(out)


class Result(Generic[T]):
    """Rows of one query: `.rows` (frozen dataclasses), `.dicts()`, `.arrow()`, `.df()`, `.pl()`.

    Rows are fetched on first use. `arrow()` reads straight from DuckDB where the query allows
    it (events), so large results need not pass through Python objects.
    """

    def __init__(self, row_type: type[T], fetch: Callable[[], Sequence[T]], *,
                 fetch_arrow: Callable[[], pa.Table] | None = None) -> None:
        self.row_type = row_type
        self._fetch = fetch
        self._fetch_arrow = fetch_arrow
        self._rows: list[T] | None = None

    @property
    def rows(self) -> list[T]:
        if self._rows is None:
            self._rows = list(self._fetch())
        return self._rows

    def first(self) -> T | None:
        """The first row, or None when there are none."""
        return self.rows[0] if self.rows else None

    def dicts(self) -> list[dict[str, Any]]:
        """The rows as plain dicts (nested dataclasses become dicts too)."""
        return [dataclasses.asdict(r) for r in self.rows]

    def arrow(self) -> pa.Table:
        """The rows as a `pyarrow.Table`."""
        if self._fetch_arrow is not None and self._rows is None:
            return self._fetch_arrow()
        schema = _arrow_schema(self.row_type)
        if schema is not None:
            return pa.Table.from_pylist(self.dicts(), schema=schema)
        return pa.Table.from_pylist(self.dicts())

    def df(self):
        """The rows as a pandas DataFrame (needs pandas installed)."""
        try:
            import pandas  # noqa: F401
        except ImportError as exc:
            raise EventlensError("pandas is not installed",
                                 hint="pip install pandas, or use .arrow() / .dicts()") from exc
        return self.arrow().to_pandas()

    def pl(self):
        """The rows as a polars DataFrame (needs polars installed)."""
        try:
            import polars
        except ImportError as exc:
            raise EventlensError("polars is not installed",
                                 hint="pip install polars, or use .arrow() / .dicts()") from exc
        return polars.from_arrow(self.arrow())

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[T]:
        return iter(self.rows)

    def __getitem__(self, index: int) -> T:
        return self.rows[index]

    def __repr__(self) -> str:
        shown = "unfetched" if self._rows is None else f"{len(self._rows)} rows"
        return f"<Result of {self.row_type.__name__}: {shown}>"


class Database:
    """A store opened for reading, with the questions analysts ask of it."""

    def __init__(self, path: str | Path, *, read_only: bool = True,
                 min_confidence: float | None = None) -> None:
        self.path = Path(path)
        self.store: Store = open_store(path, read_only=read_only, min_confidence=min_confidence)
        self._search_index: analysis.SearchIndex | None = None

    def _codes(self) -> list[str]:
        return store_codes(self.store)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<eventlens.Database {self.path}>"

    # -- questions ----------------------------------------------------------------------------
    def events(self, *, source: str | None = None, target: str | None = None,
               type: str | None = None, status: str | None = DEFAULT_STATUS,  # noqa: A002
               since: str | dt.date | None = None, until: str | dt.date | None = None,
               actor: str | None = None, dyad: tuple[str, str] | None = None,
               quad_class: int | None = None, article: str | None = None,
               q: str | None = None, limit: int | None = None,
               offset: int = 0, merged: bool = True, location_country: str | None = None,
               location_adm1: str | None = None,
               bbox: str | Sequence[float] | None = None) -> Result[analysis.EventRecord]:
        """Events matching every filter given, newest first.

        Args:
            source, target: country/organisation (`RUS`) or full actor code (`RUS:GOV`).
            type: PLOVER type, e.g. ASSAULT.
            status: asserted (the default, as on every face), intended, denied or
                hypothetical; 'all' or None for every status.
            since, until: dates (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), inclusive.
            actor: source or target. dyad: (a, b) in either direction.
            q: text contained in the evidence sentence, trigger or actor mentions.
            merged: one row per real-world act, merged across the reports that state it,
                with `mention_count`, `article_count` and `source_count` (the default);
                False gives one row per report.
            location_country, location_adm1: where the event happened: a country (code or
                name) or a GeoNames admin1 code ("UA.12"); bbox: its point in
                (min_lon, min_lat, max_lon, max_lat), or "min_lon,min_lat,max_lon,max_lat"
                (docs/places.md).
        """
        query = event_query(known_codes=self._codes, source=source, target=target, type=type,
                            status=status, since=since, until=until, actor=actor, dyad=dyad,
                            quad_class=quad_class, article=article, q=q, limit=limit,
                            offset=offset, merged=merged, location_country=location_country,
                            location_adm1=location_adm1, bbox=bbox)
        return Result(analysis.EventRecord, lambda: analysis.list_events(self.store, query),
                      fetch_arrow=lambda: analysis.events_arrow(self.store, query))

    def count(self, **filters) -> int:
        """How many events match the filters `events()` takes (limit and offset ignored)."""
        filters.pop("limit", None)
        filters.pop("offset", None)
        return analysis.count_events(self.store, event_query(known_codes=self._codes,
                                                             **filters))

    def dyad(self, a: str, b: str, *, freq: str = "week", since: str | dt.date | None = None,
             until: str | dt.date | None = None, status: str | None = DEFAULT_STATUS,
             fill: bool = True, merged: bool = True) -> Result[analysis.DyadPeriod]:
        """Counts by quad class and mean intensity per period, both directions (a→b, b→a):
        merged events with the default status, as `events()` counts them."""
        first, last = filters.date_range(since, until)
        a, b = (filters.actor_code(x, name=n, known_codes=self._codes, required=True)
                for x, n in ((a, "a"), (b, "b")))
        rows = analysis.dyad_timeline(self.store, a, b, freq=freq, since=first, until=last,
                                      status=status, fill=fill, merged=merged)
        return Result(analysis.DyadPeriod, lambda: rows)

    def actors(self, *, q: str | None = None, limit: int | None = None,
               min_events: int = 1) -> Result[analysis.ActorSummary]:
        """Countries and organisations in the store, most active first."""
        rows = analysis.actor_list(self.store, q=q, limit=limit, min_events=min_events)
        return Result(analysis.ActorSummary, lambda: rows)

    def network(self, *, since: str | dt.date | None = None, until: str | dt.date | None = None,
                status: str | None = DEFAULT_STATUS, actor: str | None = None,
                type: str | None = None, min_events: int = 1,  # noqa: A002
                max_nodes: int = 40, merged: bool = True) -> analysis.Network:
        """Who acts on whom: nodes and directed edges with cooperation/conflict counts."""
        first, last = filters.date_range(since, until)
        return analysis.actor_network(self.store, since=first, until=last, status=status,
                                      actor=filters.actor_code(actor, known_codes=self._codes),
                                      plover_type=type_filter(type), min_events=min_events,
                                      max_nodes=max_nodes, merged=merged)

    def article(self, article_id: str) -> analysis.ArticleView | None:
        """An article (id or unique prefix) with its events, quotes and mentions; or None."""
        return analysis.article_view(self.store, article_id)

    def search(self, text: str, *, limit: int = 20) -> Result[analysis.SearchHit]:
        """Articles ranked by full-text match (BM25), each with its matching evidence.

        `search_backend` tells whether DuckDB's fts extension or the ILIKE fallback ran.
        """
        if self._search_index is None:
            self._search_index = analysis.SearchIndex(self.store)
        rows = self._search_index.search(text, limit=limit)
        return Result(analysis.SearchHit, lambda: rows)

    @property
    def search_backend(self) -> str:
        """'fts' (DuckDB full-text search), 'ilike' (fallback) or 'unbuilt' (no search yet)."""
        return self._search_index.backend if self._search_index else "unbuilt"

    def overview(self, **filters) -> analysis.Overview:
        """Counts, date range and the busiest dyads of the events `filters` select (as for
        `events()`; by default merged asserted events), with the store's totals."""
        return analysis.overview(self.store, event_query(known_codes=self._codes, **filters))

    def map_points(self, *, limit: int | None = None, **filters) -> MapPoints:
        """The events `filters` select (as for `events()`) grouped by the place they happened:
        per place its coordinates, name, country, precision and counts per quad class, the
        busiest `limit` places first; `unplaced` counts the events with no place."""
        return map_points(self.store, event_query(known_codes=self._codes, **filters),
                          limit=limit)

    def map_events(self, lat: float, lon: float, *, limit: int | None = None, offset: int = 0,
                   **filters) -> tuple[int, list[MapEvent]]:
        """How many selected events happened at the place (`lat`, `lon`) of `map_points()`,
        and those events (newest first) with their evidence and article."""
        return map_events(self.store, event_query(known_codes=self._codes, **filters), lat,
                          lon, limit=limit, offset=offset)

    def export(self, path: str | Path, *, fmt: str | None = None, columns: str = "eventlens",
               **filters) -> int:
        """Write the events matching `filters` (as for `events()`, so merged events with the
        default status unless `merged=False` or `status=...`) to a file; returns rows.

        `fmt` defaults to the file's extension (csv, tsv, jsonl, json, parquet). Read it back
        with `eventlens.read_events(path)`.
        """
        from eventlens.store.exports import export

        fmt = fmt or Path(path).suffix.lstrip(".").lower()
        return export(self.store, event_query(known_codes=self._codes, **filters), path, fmt,
                      columns)

    def claims(self, *, actor: str | None = None, claimant: str | None = None,
               target: str | None = None, state: str | None = None,
               kind: str | None = None, since: str | dt.date | None = None,
               until: str | dt.date | None = None, limit: int | None = None,
               offset: int = 0) -> Result[ClaimRecord]:
        """Claims (promises, plans, threats, demands, denials) and where they stand as of the
        store's newest article, newest first (docs/claims.md).

        Args:
            actor: claimant or target; claimant, target: that side only (names or codes).
            state: open, fulfilled, overdue, contradicted, carried-out or lapsed
                (comma-separated for several). kind: promise, plan, threat, demand, denial.
            since, until: bounds on the date the claim was made.
        """
        flt = claim_filter(actor=actor, claimant=claimant, target=target, state=state,
                           kind=kind, since=since, until=until, limit=limit, offset=offset,
                           known_codes=self._codes)
        return Result(ClaimRecord, lambda: claims.claim_rows(self.store, flt))

    def claim(self, claim_id: str) -> ClaimRecord | None:
        """The claim with this id (or a unique prefix), with its outcome; or None."""
        return claims.get_claim(self.store, claim_id)

    def export_claims(self, path: str | Path, *, fmt: str | None = None, **filters) -> int:
        """Write the claims matching `filters` (as for `claims()`) to CSV, JSONL or Parquet
        (`fmt` defaults to the file's extension); returns the row count."""
        flt = claim_filter(**filters, known_codes=self._codes)
        fmt = fmt or Path(path).suffix.lstrip(".").lower()
        return claims.export_claims(self.store, str(path), fmt, flt)


def claim_filter(*, actor: str | None = None, claimant: str | None = None,
                 target: str | None = None, state: str | None = None,
                 kind: str | None = None, since: str | dt.date | None = None,
                 until: str | dt.date | None = None, limit: int | None = None,
                 offset: int = 0, claim_id: str | None = None,
                 known_codes: Callable[[], Sequence[str]] | None = None,
                 names: dict[str, str] | None = None) -> claims.ClaimFilter:
    """A `ClaimFilter` from the user-facing filter names, read as on every face (actor names
    resolve to codes; `until` a year or month runs to its last day; states and kinds are
    checked, comma-separated for several). `names` maps a parameter to the name the user
    typed (`--state`), for the messages.

    Raises:
        FilterError: a value no claim can have (with the accepted values and the nearest).
    """
    names = names or {}
    first, last = filters.date_range(since, until, names=(names.get("since", "since"),
                                                          names.get("until", "until")))

    def code(value, name):
        return filters.actor_code(value, name=names.get(name, name), known_codes=known_codes)

    return claims.ClaimFilter(
        actor=code(actor, "actor"), claimant=code(claimant, "claimant"),
        target=code(target, "target"),
        state=_choices(state, claims.STATES, names.get("state", "state")),
        kind=_choices(kind, claims.KINDS, names.get("kind", "kind")), since=first, until=last,
        claim_id=claim_id or None, limit=limit, offset=offset)


def _choices(value: str | None, accepted: tuple[str, ...], name: str) -> tuple[str, ...] | None:
    """Comma-separated values of a fixed set ('carried out' and 'carried_out' read as
    'carried-out'); None for none."""
    if value is None or not value.strip() or value.strip().lower() in ("all", "any"):
        return None
    out = []
    for part in value.split(","):
        folded = "-".join(part.strip().lower().replace("_", " ").split())
        if folded not in accepted:
            near = filters.nearest(folded, accepted)
            raise FilterError(f"unknown {name} {part.strip()!r}",
                              hint=(f"did you mean {near!r}? " if near else "")
                              + f"use one of {', '.join(accepted)}")
        out.append(folded)
    return tuple(dict.fromkeys(out))


def event_query(*, source: str | None = None, target: str | None = None,
                type: str | None = None, status: str | None = DEFAULT_STATUS,  # noqa: A002
                since: str | dt.date | None = None, until: str | dt.date | None = None,
                actor: str | None = None, dyad: Sequence[str] | None = None,
                quad_class: int | None = None, article: str | None = None,
                q: str | None = None, limit: int | None = None, offset: int = 0,
                merged: bool = True, location_country: str | None = None,
                location_adm1: str | None = None, bbox: str | Sequence[float] | None = None,
                known_codes: Callable[[], Sequence[str]] | None = None) -> EventQuery:
    """An `EventQuery` from the user-facing filter names, each read by `eventlens.filters` as
    on every face: actor names resolve to codes, CAMEO codes to PLOVER types, a year or month
    `until` runs to its last day; status 'all' or None keeps every status.

    Raises:
        FilterError: a value no event can have (with the accepted values and the nearest).
    """
    if dyad is not None and len(dyad) != 2:
        raise EventlensError(f"dyad needs two actors, got {dyad!r}", hint="dyad=('RUS', 'UKR')")
    first, last = filters.date_range(since, until)

    def code(value, name):
        return filters.actor_code(value, name=name, known_codes=known_codes)

    return EventQuery(source=code(source, "source"), target=code(target, "target"),
                      actor=code(actor, "actor"),
                      dyad=(code(dyad[0], "dyad"), code(dyad[1], "dyad")) if dyad else None,
                      plover_type=type_filter(type), quad_class=quad_class,
                      status=check_status(status), since=first, until=last,
                      article_id=article or None, text=q or None, limit=limit, offset=offset,
                      merged=bool(merged),
                      location_country=filters.place_country(location_country),
                      location_adm1=filters.adm1_code(location_adm1),
                      bbox=filters.parse_bbox(bbox))


def type_filter(value: str | None) -> str | tuple[str, ...] | None:
    """A type filter as the store takes it: one PLOVER type, or several (a CAMEO root)."""
    types = filters.event_types(value)
    return types[0] if types and len(types) == 1 else types


def store_codes(store: Store) -> list[str]:
    """Every country or organisation code the store's events name (codes from users' actor
    files that the packaged knowledge base does not know)."""
    return [a.code for a in analysis.actor_list(store, events=EventQuery(status=None,
                                                                         merged=False))]


def open(path: str | Path = "eventlens.duckdb", *, read_only: bool = True,  # noqa: A001
         min_confidence: float | None = None) -> Database:
    """Open a store for analysis (read-only unless asked otherwise). Events below
    `min_confidence` (default `eventlens.config.DEFAULT_MIN_CONFIDENCE`; 0 for all) are hidden
    from every query."""
    return Database(path, read_only=read_only, min_confidence=min_confidence)
