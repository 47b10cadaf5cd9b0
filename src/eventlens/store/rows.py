"""Coded articles as the store's rows: Arrow tables of articles, event records, quotes and
mentions, built wherever the coding ran (this process, a worker process, a Dask worker) and
written by the store's one writer (`Store.write_tables`).

Every id is a hash of what the row states (article id, offsets, type, actors, status), so the
same article coded anywhere gives the same rows: that is what makes a re-run, a resumed run and
a partition recomputed after a worker died add nothing twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import pyarrow as pa

from eventlens.model import ArticleResult, Event, Mention, Place
from eventlens.store.merged import RECORD_COLUMNS

ARTICLE_COLUMNS = ("id", "url", "outlet", "title", "published", "text", "origin", "run_id")
QUOTE_COLUMNS = ("quote_id", "article_id", "speaker", "actor_code", "actor_country", "text",
                 "start_char", "end_char", "kind")
MENTION_COLUMNS = ("article_id", "start_char", "end_char", "text", "actor_code", "country",
                   "role", "name", "how")


@dataclass(frozen=True, slots=True)
class ResultTables:
    """The rows of a batch of coded articles, one Arrow table per store table.

    `events_coded` counts the event records the coder gave before records with the same id
    (an act an article states twice, coded alike) were made one.
    """

    articles: pa.Table
    event_records: pa.Table
    quotes: pa.Table
    mentions: pa.Table
    events_coded: int = 0

    @property
    def article_ids(self) -> list[str]:
        return self.articles.column("id").to_pylist()

    def without_articles(self, ids: set[str]) -> ResultTables:
        """These rows less every row of the articles `ids` (articles the store already has)."""
        if not ids:
            return self
        known = pa.array(sorted(ids), pa.string())

        def keep(table: pa.Table, column: str) -> pa.Table:
            if table.num_rows == 0:
                return table
            import pyarrow.compute as pc

            return table.filter(pc.invert(pc.is_in(table.column(column), value_set=known)))

        return ResultTables(keep(self.articles, "id"), keep(self.event_records, "article_id"),
                            keep(self.quotes, "article_id"), keep(self.mentions, "article_id"),
                            self.events_coded)


def joined_tables(parts: list[ResultTables]) -> ResultTables:
    """The rows of several batches of different articles as one batch."""
    if len(parts) == 1:
        return parts[0]
    # each part's types are inferred from its own rows (a column of one part may be all
    # nulls): promoted to the types the parts have in common
    return ResultTables(*(pa.concat_tables([getattr(p, name) for p in parts],
                                           promote_options="default")
                          for name in ("articles", "event_records", "quotes", "mentions")),
                        sum(p.events_coded for p in parts))


def result_tables(results: Iterable[ArticleResult], *, run_id: str,
                  coder_version: str) -> ResultTables:
    """The store rows of `results`. Event records with the same id are kept once, as
    `INSERT OR IGNORE` would."""
    articles, events, quotes, mentions = [], [], [], []
    event_ids: set[str] = set()
    coded = 0
    for res in results:
        a = res.article
        articles.append((a.id, a.url, a.outlet, a.title, a.published, a.text, a.origin, run_id))
        for ev in res.events:
            coded += 1
            row = event_row(ev, a.text, coder_version)
            if row[0] not in event_ids:
                event_ids.add(row[0])
                events.append(row)
        for q in res.quotes:
            qid = row_hash(a.id, q.start, q.end, q.speaker)
            quotes.append((qid, a.id, q.speaker, q.actor.code if q.actor else None,
                           q.actor.country if q.actor else None, q.text, q.start, q.end, q.kind))
        for m in res.mentions:
            mentions.append((a.id, m.start, m.end, m.text, m.actor.code, m.actor.country,
                             m.actor.role, m.actor.name, m.how))
    return ResultTables(_table(ARTICLE_COLUMNS, articles), _table(RECORD_COLUMNS, events),
                        _table(QUOTE_COLUMNS, quotes), _table(MENTION_COLUMNS, mentions), coded)


def _table(columns: tuple[str, ...], rows: list[tuple]) -> pa.Table:
    if not rows:
        return pa.table({name: pa.array([], pa.null()) for name in columns})
    return pa.table({name: list(col) for name, col in zip(columns, zip(*rows, strict=True),
                                                          strict=True)})


def row_hash(*parts) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def _mention_cols(m: Mention | None) -> tuple:
    if m is None:
        return ("", "", "", "", "", None, None, "")
    a = m.actor
    return (a.code if a.country or a.role else "", a.country, a.role, a.name, m.text, m.start,
            m.end, m.how)


def event_row(ev: Event, text: str, coder_version: str) -> tuple:
    """One event record row, its id first."""
    event_id = row_hash(ev.article_id, ev.evidence_start, ev.plover_type, ev.source.start,
                        ev.source.actor.code, ev.target.start if ev.target else -1,
                        ev.target.actor.code if ev.target else "", ev.status.value)
    day = first_day(ev.date)
    return (event_id, ev.article_id, ev.plover_type, ev.cameo_root, ev.quad_class, ev.intensity,
            ev.status.value, day, ev.date, *_mention_cols(ev.source), *_mention_cols(ev.target),
            ev.evidence_start, ev.evidence_end, text[ev.evidence_start:ev.evidence_end],
            ev.trigger, ev.mode, ev.location, ev.coder, coder_version, ev.confidence,
            [list(span) for span in ev.more_evidence], list(ev.why), *_place_cols(ev.place))


def _place_cols(place: Place | None) -> tuple:
    """The `PLACE_COLUMNS` of a record: all NULL when the event was not placed."""
    if place is None:
        return (None,) * 9
    return (place.geonameid, place.name, place.country, place.adm1 or None,
            place.adm1_name or None, place.lat, place.lon, place.precision, place.how)


def first_day(date: str) -> dt.date | None:
    """The first day a date text (YYYY, YYYY-MM or YYYY-MM-DD) names, or None."""
    try:
        if len(date) == 4:
            return dt.date(int(date), 1, 1)
        if len(date) == 7:
            return dt.date(int(date[:4]), int(date[5:7]), 1)
        return dt.date.fromisoformat(date)
    except ValueError:
        return None
