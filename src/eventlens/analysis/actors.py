"""Who appears in the store, and who interacts with whom."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventlens.analysis.events import DEFAULT_STATUS, EventQuery, check_status
from eventlens.store import Store
from eventlens.vocabulary import actor_name


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """One country or organisation and how often it acts and is acted upon."""

    code: str
    name: str
    events: int
    as_source: int
    as_target: int
    roles: tuple[str, ...]
    first_date: dt.date | None
    last_date: dt.date | None


@dataclass(frozen=True, slots=True)
class NetworkNode:
    code: str
    name: str
    events: int  # events the actor takes part in within the network's edges


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    """Directed: `source` acted on `target` `events` times."""

    source: str
    target: str
    events: int
    cooperation: int  # quad classes 1 and 2
    conflict: int  # quad classes 3 and 4
    mean_intensity: float | None

    @property
    def conflict_share(self) -> float:
        return self.conflict / self.events if self.events else 0.0


@dataclass(frozen=True, slots=True)
class Network:
    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]


def actor_list(store: Store, *, q: str | None = None, limit: int | None = None,
               min_events: int = 1, events: EventQuery | None = None) -> list[ActorSummary]:
    """Countries and organisations in the store, most active first.

    `q` keeps actors whose code or name contains it (case-insensitive). The counts are of the
    events `events` selects (default: merged asserted events, as every face counts them).
    """
    events = events or EventQuery()
    where, params = events.where()
    rows = store.con.execute(f"""
        WITH ev AS MATERIALIZED (
            SELECT source_country, source_role, target_country, target_role, event_date
            FROM {store.event_relation(events.merged)} AS e{where}),
        sides AS (
            SELECT source_country AS code, source_role AS role, event_date, 1 AS src, 0 AS tgt
            FROM ev WHERE coalesce(source_country, '') <> ''
            UNION ALL
            SELECT target_country, target_role, event_date, 0, 1
            FROM ev WHERE coalesce(target_country, '') <> '')
        SELECT code, count(*) AS n, sum(src), sum(tgt),
               list_sort(list_distinct(list(role) FILTER (WHERE coalesce(role, '') <> ''))),
               min(event_date), max(event_date)
        FROM sides GROUP BY code HAVING count(*) >= ? ORDER BY n DESC, code""",
                             [*params, min_events]).fetchall()
    out = []
    needle = (q or "").strip().lower()
    for code, n, src, tgt, roles, first, last in rows:
        name = actor_name(code)
        if needle and needle not in code.lower() and needle not in name.lower():
            continue
        out.append(ActorSummary(code, name, int(n), int(src), int(tgt), tuple(roles or ()),
                                first, last))
        if limit is not None and len(out) >= limit:
            break
    return out


def actor_network(store: Store, *, since: dt.date | None = None, until: dt.date | None = None,
                  status: str | None = DEFAULT_STATUS, actor: str | None = None,
                  plover_type: str | None = None, min_events: int = 1,
                  max_nodes: int = 40, merged: bool = True) -> Network:
    """Directed country/organisation edges with their cooperation and conflict counts.

    Keeps the `max_nodes` most active actors (always including `actor` when given) and the
    edges among them with at least `min_events` events. Self-loops (RUS→RUS) are left out.
    Merged events are counted once (`merged=False`: every report); None or 'all' as `status`
    counts every status.
    """
    query = EventQuery(since=since, until=until, status=check_status(status), actor=actor,
                       plover_type=plover_type, merged=merged)
    where, params = query.where()
    extra = ("coalesce(source_country, '') <> '' AND coalesce(target_country, '') <> '' "
             "AND source_country <> target_country")
    where = f"{where} AND {extra}" if where else f" WHERE {extra}"
    rows = store.con.execute(f"""
        SELECT source_country, target_country, count(*),
               count(*) FILTER (WHERE quad_class IN (1, 2)),
               count(*) FILTER (WHERE quad_class IN (3, 4)),
               avg(intensity)
        FROM {store.event_relation(merged)} AS e{where} GROUP BY 1, 2 HAVING count(*) >= ?""",
                             [*params, min_events]).fetchall()
    edges = [NetworkEdge(s, t, int(n), int(c), int(k),
                         round(float(m), 3) if m is not None else None)
             for s, t, n, c, k, m in rows]
    weight: dict[str, int] = {}
    for e in edges:
        weight[e.source] = weight.get(e.source, 0) + e.events
        weight[e.target] = weight.get(e.target, 0) + e.events
    ranked = sorted(weight, key=lambda code: (-weight[code], code))
    keep = set(ranked[:max_nodes])
    if actor:
        keep.add(actor.split(":")[0].upper())
    edges = sorted((e for e in edges if e.source in keep and e.target in keep),
                   key=lambda e: (-e.events, e.source, e.target))
    nodes = tuple(NetworkNode(code, actor_name(code), weight[code])
                  for code in ranked if code in keep and code in weight)
    return Network(nodes, tuple(edges))
