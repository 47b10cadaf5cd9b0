"""Event queries shared by the Python API, the REST API and the dashboard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from eventlens import filters
from eventlens.errors import EventlensError
from eventlens.store import EventFilter, Store
from eventlens.store.merged import event_relation

FREQUENCIES = ("day", "week", "month", "quarter", "year")
STATUSES = ("asserted", "intended", "denied", "hypothetical")
# What every face counts unless asked otherwise (docs/formats.md, "One count everywhere"): acts
# the text asserts happened. Intended, denied and hypothetical acts did not, or not yet; 'all'
# counts every status.
DEFAULT_STATUS = "asserted"


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One event (see docs/formats.md): a merged event — the lead report's fields with the
    merged date, place and confidence — or, in the raw view, one report of it. The last
    fields say which merged event it is and how many mentions, articles and outlets state it.
    """

    event_id: str
    article_id: str
    plover_type: str
    cameo_root: str | None
    quad_class: int | None
    intensity: float | None
    status: str
    event_date: dt.date | None
    date_text: str | None
    source_code: str | None
    source_country: str | None
    source_role: str | None
    source_name: str | None
    source_text: str | None
    source_start: int | None
    source_end: int | None
    source_how: str | None
    target_code: str | None
    target_country: str | None
    target_role: str | None
    target_name: str | None
    target_text: str | None
    target_start: int | None
    target_end: int | None
    target_how: str | None
    evidence_start: int
    evidence_end: int
    evidence: str | None
    trigger: str | None
    mode: str | None
    location: str | None
    coder: str | None
    coder_version: str | None
    confidence: float | None
    # [start, end] of each further sentence stating the same act (empty, or None in events
    # stored before schema version 4)
    more_evidence: list[list[int]] | None = None
    why: list[str] | None = None
    # the resolved place (schema version 7; see docs/places.md): None where not placed
    location_geonameid: int | None = None
    location_name: str | None = None
    location_country: str | None = None  # ISO 3166 alpha-3
    location_adm1: str | None = None  # GeoNames admin1 code, e.g. "UA.12"
    location_adm1_name: str | None = None
    location_lat: float | None = None
    location_lon: float | None = None
    location_precision: str | None = None  # site | city | adm1 | country
    location_how: str | None = None  # trigger | clause | dateline | actor-country
    merged_id: str | None = None  # the merged event (its own id in the merged view)
    story_id: str | None = None
    report_count: int = 1  # raw event records merged into it (the raw view's rows)
    mention_count: int = 1  # sentences stating the merged event, over all its reports
    article_count: int = 1  # articles reporting it (GDELT's NumArticles)
    source_count: int = 1  # outlets reporting it (GDELT's NumSources)
    independent_sources: int = 1  # reports that are not copies of one another
    article_ids: list[str] | None = None
    story_ids: list[str] | None = None


EVENT_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(EventRecord))


@dataclass(frozen=True, slots=True, kw_only=True)
class EventQuery:
    """Which events to return: the store's `EventFilter` plus the faces' extra filters.

    Actor values match a country/organisation code (`RUS`) or a full code (`RUS:GOV`).
    `merged` (default) counts each real-world act once, merged across its reports; False
    gives one row per report. `status` defaults to `DEFAULT_STATUS`; None means every status.
    `dyad=("RUS", "UKR")` keeps events between the two in either direction; `actor` keeps
    events where the actor is source or target; `text` is a case-insensitive substring of the
    evidence sentence, the trigger or the actor mentions.
    """

    source: str | None = None
    target: str | None = None
    actor: str | None = None
    dyad: tuple[str, str] | None = None
    plover_type: str | None = None
    quad_class: int | None = None
    status: str | None = DEFAULT_STATUS
    since: dt.date | None = None
    until: dt.date | None = None
    article_id: str | None = None
    text: str | None = None
    limit: int | None = None
    offset: int = 0
    merged: bool = True
    location_country: str | None = None  # where it happened: ISO alpha-3
    location_adm1: str | None = None  # GeoNames admin1 code, "UA.12"
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat

    def relation(self) -> str:
        """The SQL relation the events come from (merged events or every report)."""
        return event_relation(self.merged)

    def where(self) -> tuple[str, list]:
        """The SQL WHERE clause (with a leading ' WHERE ', or '') over `relation()` and its
        parameters."""
        base = EventFilter(plover_type=self.plover_type, status=self.status, since=self.since,
                           until=self.until, article_id=self.article_id, merged=self.merged,
                           location_country=self.location_country,
                           location_adm1=self.location_adm1, bbox=self.bbox)
        where, params = base.where()
        clauses = [where.removeprefix(" WHERE ")] if where else []
        for side, value in (("source", self.source), ("target", self.target)):
            if value:
                clause, args = actor_match(side, value)
                clauses.append(clause)
                params += args
        if self.actor:
            (src, a1), (tgt, a2) = actor_match("source", self.actor), actor_match("target",
                                                                               self.actor)
            clauses.append(f"({src} OR {tgt})")
            params += a1 + a2
        if self.dyad:
            a, b = self.dyad
            (sa, p1), (tb, p2) = actor_match("source", a), actor_match("target", b)
            (sb, p3), (ta, p4) = actor_match("source", b), actor_match("target", a)
            clauses.append(f"(({sa} AND {tb}) OR ({sb} AND {ta}))")
            params += p1 + p2 + p3 + p4
        if self.quad_class:
            clauses.append("quad_class = ?")
            params.append(int(self.quad_class))
        if self.text:
            clauses.append("(evidence ILIKE ? OR trigger ILIKE ? OR source_text ILIKE ? "
                           "OR target_text ILIKE ?)")
            params += [f"%{_escape_like(self.text)}%"] * 4
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


# Roles a code can consist of alone (an actor whose country is unknown, e.g. "MIL").
ROLES = frozenset({"GOV", "MIL", "LEG", "JUD", "OPP", "REB", "MED", "BUS", "CVL", "IGO"})


def actor_match(side: str, value: str) -> tuple[str, list]:
    """SQL matching one side's actor: `RUS` by country or organisation, `RUS:GOV` (or a bare
    role such as `MIL`) by full code. One equality each, so DuckDB filters it in the scan."""
    value = value.strip().upper()
    column = "code" if ":" in value or value in ROLES else "country"
    return f"{side}_{column} = ?", [value]


def _escape_like(text: str) -> str:
    # ILIKE's default escape character is none; drop wildcards users did not mean.
    return text.replace("%", "").replace("_", " ").strip()


ORDER = " ORDER BY event_date DESC NULLS LAST, article_id, evidence_start, event_id"


def events_sql(query: EventQuery, *, columns: tuple[str, ...] = EVENT_COLUMNS,
               relation: str | None = None) -> tuple[str, list]:
    """The SELECT statement for the query, newest first, with its LIMIT/OFFSET. `relation`
    is where the events come from (`Store.event_relation`; by default `query.relation()`)."""
    where, params = query.where()
    sql = f"SELECT {', '.join(columns)} FROM {relation or query.relation()} AS e{where}{ORDER}"
    if query.limit is not None:
        sql += f" LIMIT {int(query.limit)} OFFSET {int(query.offset)}"
    elif query.offset:
        sql += f" OFFSET {int(query.offset)}"
    return sql, params


def list_events(store: Store, query: EventQuery | None = None) -> list[EventRecord]:
    """The events matching `query`, newest first, as typed records.

    A page is found by its ids first, then read whole: sorting every matching event with all
    its columns cost 3-5 times as much on a million events."""
    query = query or EventQuery()
    sql, params = events_sql(query, columns=("event_id",),
                             relation=store.event_relation(query.merged))
    ids = [row[0] for row in store.con.execute(sql, params).fetchall()]
    if not ids:
        return []
    page = store.event_relation(query.merged, event_ids=ids)
    rows = store.con.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM {page} AS e{ORDER}")
    return [EventRecord(*row) for row in rows.fetchall()]


def count_events(store: Store, query: EventQuery | None = None) -> int:
    """How many events match `query`, ignoring its limit and offset."""
    query = query or EventQuery()
    where, params = query.where()
    relation = store.event_relation(query.merged)
    return int(store.con.execute(f"SELECT count(*) FROM {relation} AS e{where}",
                                 params).fetchone()[0])


def events_arrow(store: Store, query: EventQuery | None = None):
    """The events matching `query` as a `pyarrow.Table` (DuckDB writes Arrow directly)."""
    query = query or EventQuery()
    sql, params = events_sql(query, relation=store.event_relation(query.merged))
    return store.con.execute(sql, params).to_arrow_table()


def parse_date(value: str | dt.date | None, name: str = "date") -> dt.date | None:
    """A date from `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (first day), or None: the parser every
    face shares (`eventlens.filters.parse_date`; `filters.date_range` reads an `until`)."""
    return filters.parse_date(value, name)


def check_status(status: str | None) -> str | None:
    """Normalise a status filter; `None`, '' and 'all' mean every status
    (`eventlens.filters.parse_status`)."""
    return filters.parse_status(status)


@dataclass(frozen=True, slots=True)
class PeriodCount:
    """How many matching events fell in one period, by quad class."""

    period: dt.date
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    total: int


def event_counts(store: Store, query: EventQuery | None = None, *,
                 freq: str = "month") -> list[PeriodCount]:
    """Matching events per period (events without a date are left out), oldest first."""
    if freq not in FREQUENCIES:
        raise EventlensError(f"unknown frequency {freq!r}", hint=f"use one of {FREQUENCIES}")
    query = query or EventQuery()
    where, params = query.where()
    where = f"{where} AND event_date IS NOT NULL" if where else " WHERE event_date IS NOT NULL"
    rows = store.con.execute(f"""
        SELECT CAST(date_trunc('{freq}', event_date) AS DATE) AS period,
               count_if(quad_class = 1), count_if(quad_class = 2), count_if(quad_class = 3),
               count_if(quad_class = 4), count(*)
        FROM {store.event_relation(query.merged)} AS e{where} GROUP BY 1 ORDER BY 1""",
        params).fetchall()
    return [PeriodCount(r[0], *map(int, r[1:])) for r in rows]
