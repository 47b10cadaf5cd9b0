"""What a store holds, in one call: the dashboard's header and stat cards, /api/summary."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from eventlens.analysis.events import EventQuery
from eventlens.store import Store
from eventlens.vocabulary import actor_name


@dataclass(frozen=True, slots=True)
class TopDyad:
    source: str
    target: str
    source_name: str
    target_name: str
    events: int


@dataclass(frozen=True, slots=True)
class Overview:
    """Counts of the events a query selects (by default what every face counts: merged,
    asserted events). `reports` is how many raw records state them; `articles` how many
    articles report them and `actors` how many countries and organisations take part;
    `by_status` counts the same events under every status; `store_articles` and `quotes`
    are the store's totals."""

    events: int
    reports: int
    articles: int
    actors: int
    quotes: int
    store_articles: int
    first_date: dt.date | None
    last_date: dt.date | None
    by_type: dict[str, int]
    by_status: dict[str, int]
    by_quad_class: dict[int, int]
    top_dyads: tuple[TopDyad, ...]


def overview(store: Store, query: EventQuery | None = None, *, top: int = 10) -> Overview:
    """Counts of the events `query` selects (limit and offset ignored), their date range,
    status breakdown and busiest dyads, and the store's article and quote totals.

    `reports` is how many reports state the selected events: for merged events the sum of
    their report counts (every report of an act shares its actors, type and status), for
    the raw view the rows themselves."""
    query = dataclasses.replace(query or EventQuery(), limit=None, offset=0)
    any_status = dataclasses.replace(query, status=None)
    where, params = any_status.where()
    status_clause, status_params = (" WHERE status = ?", [query.status]) if query.status else (
        "", [])
    reports = "sum(report_count)" if query.merged else "count(*)"
    # One pass over the events of every status (the join to the merge map is done once), each
    # count from it: the status breakdown from all of them, the rest from the chosen status.
    (events, reported, first, last, articles, actors, by_type, by_quad, dyads,
     by_status) = store.con.execute(f"""
        WITH every AS MATERIALIZED (
            SELECT status, event_date, article_ids, source_country, target_country, plover_type,
                   quad_class, report_count
            FROM {store.event_relation(query.merged)} AS e{where}),
        m AS (SELECT * FROM every{status_clause}),
        sides AS (SELECT source_country AS c FROM m UNION ALL SELECT target_country FROM m),
        types AS (SELECT plover_type AS k, count(*) AS n FROM m GROUP BY 1),
        quads AS (SELECT quad_class AS k, count(*) AS n FROM m
                  WHERE quad_class IS NOT NULL GROUP BY 1),
        pairs AS (SELECT source_country AS s, target_country AS t, count(*) AS n FROM m
                  WHERE coalesce(source_country, '') <> '' AND coalesce(target_country, '') <> ''
                    AND source_country <> target_country GROUP BY 1, 2),
        statuses AS (SELECT status AS k, count(*) AS n FROM every GROUP BY 1)
        SELECT (SELECT count(*) FROM m), (SELECT coalesce({reports}, 0) FROM m),
               (SELECT min(event_date) FROM m), (SELECT max(event_date) FROM m),
               (SELECT count(DISTINCT a) FROM (SELECT unnest(article_ids) AS a FROM m)),
               (SELECT count(DISTINCT c) FROM sides WHERE coalesce(c, '') <> ''),
               (SELECT list([k, n::VARCHAR] ORDER BY n DESC, k) FROM types),
               (SELECT list([k::VARCHAR, n::VARCHAR] ORDER BY k) FROM quads),
               (SELECT list([s, t, n::VARCHAR] ORDER BY n DESC, s, t)[:{int(top)}] FROM pairs),
               (SELECT list([k, n::VARCHAR] ORDER BY n DESC, k) FROM statuses)
        """, [*params, *status_params]).fetchone()
    one = lambda sql: store.con.execute(sql).fetchone()[0]  # noqa: E731
    return Overview(
        events=int(events), reports=int(reported),
        articles=int(articles), actors=int(actors),
        quotes=int(one("SELECT count(*) FROM quotes")),
        store_articles=int(one("SELECT count(*) FROM articles")),
        first_date=first, last_date=last,
        by_type={k: int(n) for k, n in by_type or []},
        by_status={k: int(n) for k, n in by_status or []},
        by_quad_class={int(k): int(n) for k, n in by_quad or []},
        top_dyads=tuple(TopDyad(s, t, actor_name(s), actor_name(t), int(n))
                        for s, t, n in dyads or []))
