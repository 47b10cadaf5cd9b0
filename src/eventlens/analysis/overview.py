"""What a store holds, in one call: the dashboard's header and the API's /api/summary."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventlens.analysis.vocabulary import actor_name
from eventlens.store import Store


@dataclass(frozen=True, slots=True)
class TopDyad:
    source: str
    target: str
    source_name: str
    target_name: str
    events: int


@dataclass(frozen=True, slots=True)
class Overview:
    articles: int
    events: int
    quotes: int
    first_date: dt.date | None
    last_date: dt.date | None
    by_type: dict[str, int]
    by_status: dict[str, int]
    by_quad_class: dict[int, int]
    top_dyads: tuple[TopDyad, ...]


def overview(store: Store, *, top: int = 10) -> Overview:
    """Counts of articles, events and quotes, the date range and the busiest dyads."""
    one = lambda sql: store.con.execute(sql).fetchone()  # noqa: E731
    first, last = one("SELECT min(event_date), max(event_date) FROM events")
    pairs = lambda sql: {k: int(n) for k, n in store.con.execute(sql).fetchall()}  # noqa: E731
    dyads = store.con.execute(
        "SELECT source_country, target_country, count(*) n FROM events "
        "WHERE coalesce(source_country, '') <> '' AND coalesce(target_country, '') <> '' "
        "AND source_country <> target_country GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?",
        [top]).fetchall()
    return Overview(
        articles=int(one("SELECT count(*) FROM articles")[0]),
        events=int(one("SELECT count(*) FROM events")[0]),
        quotes=int(one("SELECT count(*) FROM quotes")[0]),
        first_date=first, last_date=last,
        by_type=pairs("SELECT plover_type, count(*) n FROM events GROUP BY 1 ORDER BY n DESC, 1"),
        by_status=pairs("SELECT status, count(*) n FROM events GROUP BY 1 ORDER BY n DESC, 1"),
        by_quad_class=pairs("SELECT quad_class, count(*) FROM events "
                            "WHERE quad_class IS NOT NULL GROUP BY 1 ORDER BY 1"),
        top_dyads=tuple(TopDyad(s, t, actor_name(s), actor_name(t), int(n))
                        for s, t, n in dyads))
