"""The commitments tracker's tables: what `eventlens.claims` reads (the event records that may
state claims, the asserted events that may settle them, a fingerprint of what it read) and the
one write of its result (`claims` and `claims_state`, in one transaction).

The claims are a function of the stored events: `claims_state` records the fingerprint of the
events they were computed from, so a reader knows whether the table is current (and computes
them afresh in memory when it is not, e.g. at another confidence threshold).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from eventlens.errors import EventlensError
from eventlens.store.duckdb_store import EXPORT_FORMATS, Store

CLAIM_COLUMNS = (
    "claim_id", "kind", "state", "claimant_code", "claimant_country", "plover_type",
    "target_code", "target_country", "claim_date", "due_from", "due_by", "due_text", "due_how",
    "event_id", "article_id", "evidence_start", "evidence_end", "evidence", "confidence",
    "reports", "match_types", "as_of", "outcome_event_id", "outcome_article_id",
    "outcome_date", "outcome_evidence_start", "outcome_evidence_end", "outcome_evidence",
    "outcome_confidence", "outcome_why",
)
_ARROW_TYPES = {
    "claim_date": pa.date32(), "due_from": pa.date32(), "due_by": pa.date32(),
    "as_of": pa.date32(), "outcome_date": pa.date32(), "evidence_start": pa.int32(),
    "evidence_end": pa.int32(), "outcome_evidence_start": pa.int32(),
    "outcome_evidence_end": pa.int32(), "confidence": pa.float64(),
    "outcome_confidence": pa.float64(), "reports": pa.int32(),
    "match_types": pa.list_(pa.string()),
}
CLAIM_SCHEMA = pa.schema([pa.field(c, _ARROW_TYPES.get(c, pa.string())) for c in CLAIM_COLUMNS])
# Where a claim may come from: an event record with one of these statuses, or of one of these
# types (an asserted threat, a demand); `eventlens.claims` decides which state one.
CLAIM_STATUSES = ("intended", "denied", "hypothetical")
CLAIM_TYPES = ("THREATEN", "REQUEST")
_ROW_COLUMNS = ("e.event_id, e.article_id, a.published, e.plover_type, e.status, e.event_date, "
                "coalesce(e.date_text, '') AS date_text, coalesce(e.source_code, '') AS "
                "source_code, coalesce(e.source_country, '') AS source_country, "
                "coalesce(e.target_code, '') AS target_code, coalesce(e.target_country, '') "
                "AS target_country, e.evidence_start, e.evidence_end, "
                "coalesce(e.evidence, '') AS evidence, coalesce(e.confidence, 1.0) AS "
                "confidence, coalesce(e.merged_id, e.event_id) AS merged_id, "
                "coalesce(e.story_id, '') AS story_id")
_CLAIMS_VIEW = "_eventlens_claims"


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimFilter:
    """Which claims to read. `actor` matches the claimant or the target (a country or
    organisation code, or a full code); `since`/`until` bound the claim's date."""

    actor: str | None = None
    claimant: str | None = None
    target: str | None = None
    state: str | tuple[str, ...] | None = None
    kind: str | tuple[str, ...] | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    claim_id: str | None = None
    limit: int | None = None
    offset: int = 0

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        for column, value in (("claimant", self.claimant), ("target", self.target)):
            if value:
                clauses.append(f"({column}_country = ? OR {column}_code = ?)")
                params += [value.upper(), value.upper()]
        if self.actor:
            clauses.append("(claimant_country = ? OR claimant_code = ? OR target_country = ? "
                           "OR target_code = ?)")
            params += [self.actor.upper()] * 4
        for column, value in (("state", self.state), ("kind", self.kind)):
            if value:
                values = [value] if isinstance(value, str) else list(value)
                clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
                params += values
        if self.since:
            clauses.append("claim_date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("claim_date <= ?")
            params.append(self.until)
        if self.claim_id:
            clauses.append("starts_with(claim_id, ?)")
            params.append(self.claim_id)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def fingerprint(store: Store, settings: str) -> str:
    """What the claims of this store depend on: its articles, the event records at the
    store's confidence threshold, their merge keys, and the tracker's settings."""
    row = store.con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT max(published) FROM articles), "
        "(SELECT count(*) FROM events), (SELECT coalesce(sum(hash(event_id)), 0) FROM events), "
        "(SELECT count(*) FROM story_event_keys), "
        "(SELECT coalesce(sum(hash(event_id, merge_key)), 0) FROM story_event_keys)").fetchone()
    return "/".join(map(str, (*row, repr(store.min_confidence), settings)))


def latest_article_date(store: Store) -> dt.date | None:
    """The publication date of the store's newest article: what the store knows of, and so
    the date its claims stand as of."""
    return store.con.execute("SELECT max(published) FROM articles").fetchone()[0]


def claim_event_rows(store: Store) -> list[dict]:
    """Event records at the store's threshold that may state a claim, with their article's
    date and the merged event each belongs to."""
    statuses = ", ".join(f"'{s}'" for s in CLAIM_STATUSES)
    types = ", ".join(f"'{t}'" for t in CLAIM_TYPES)
    return store.rows(
        f"SELECT {_ROW_COLUMNS} FROM {store.event_relation(False)} AS e "
        f"JOIN articles a ON a.id = e.article_id "
        f"WHERE e.status IN ({statuses}) OR e.plover_type IN ({types}) "
        "ORDER BY a.published, e.article_id, e.evidence_start, e.event_id")


def settling_event_rows(store: Store, keys: set[tuple[str, str]]) -> list[dict]:
    """Asserted event records at the store's threshold whose (source country, type) is one of
    `keys`: the events that may settle a claim."""
    if not keys:
        return []
    table = pa.table({"country": [k[0] for k in sorted(keys)],
                      "plover_type": [k[1] for k in sorted(keys)]})
    cursor = store.con
    cursor.register("_eventlens_claim_keys", table)
    try:
        return store.rows(
            f"SELECT {_ROW_COLUMNS} FROM {store.event_relation(False)} AS e "
            "JOIN articles a ON a.id = e.article_id "
            "JOIN _eventlens_claim_keys k ON k.country = e.source_country "
            "AND k.plover_type = e.plover_type WHERE e.status = 'asserted' "
            "ORDER BY e.event_id")
    finally:
        cursor.unregister("_eventlens_claim_keys")


def claims_state(store: Store) -> dict | None:
    """The fingerprint and date the stored claims were computed for; None without any."""
    if not _has_claims_table(store):
        return None
    rows = store.rows("SELECT * FROM claims_state LIMIT 1")
    return rows[0] if rows else None


def _has_claims_table(store: Store) -> bool:
    return bool(store.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'claims_state'"
    ).fetchone()[0])


def write_claims(store: Store, rows: pa.Table, *, fingerprint_text: str, as_of: dt.date | None,
                 settings: str) -> None:
    """Replace the stored claims by `rows` (`CLAIM_SCHEMA`) and record what they were
    computed from, in one transaction."""
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM claims")
        if rows.num_rows:
            con.register("_eventlens_claim_rows", rows)
            try:
                con.execute(f"INSERT INTO claims ({', '.join(CLAIM_COLUMNS)}) "
                            f"SELECT {', '.join(CLAIM_COLUMNS)} FROM _eventlens_claim_rows")
            finally:
                con.unregister("_eventlens_claim_rows")
        con.execute("DELETE FROM claims_state")
        con.execute("INSERT INTO claims_state (fingerprint, min_confidence, settings, as_of, "
                    "claims) VALUES (?, ?, ?, ?, ?)",
                    [fingerprint_text, store.min_confidence, settings, as_of, rows.num_rows])
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")
        raise


def claims_relation(store: Store, rows: pa.Table | None) -> str:
    """The relation to read claims from: the stored table, or `rows` computed in memory
    (registered on this store's connection)."""
    if rows is None:
        return "claims"
    store.con.register(_CLAIMS_VIEW, rows)
    return _CLAIMS_VIEW


def read_claims(store: Store, relation: str, flt: ClaimFilter) -> list[dict]:
    """Claims matching the filter, newest first, with the titles of the articles that state
    them and that settled them."""
    where, params = flt.where()
    sql = (f"SELECT c.*, coalesce(a.title, '') AS article_title, "
           f"coalesce(o.title, '') AS outcome_article_title FROM (SELECT * FROM {relation}"
           f"{where}) AS c LEFT JOIN articles a ON a.id = c.article_id "
           "LEFT JOIN articles o ON o.id = c.outcome_article_id "
           "ORDER BY c.claim_date DESC, c.claim_id")
    if flt.limit is not None:
        sql += f" LIMIT {int(flt.limit)} OFFSET {int(flt.offset)}"
    return store.rows(sql, params)


def count_claims(store: Store, relation: str, flt: ClaimFilter) -> dict[str, int]:
    """How many claims match the filter (paging aside), per state."""
    where, params = ClaimFilter(**{**_fields(flt), "state": None, "limit": None}).where()
    rows = store.con.execute(f"SELECT state, count(*) FROM {relation}{where} GROUP BY 1",
                             params).fetchall()
    return {state: int(n) for state, n in rows}


def export_claims(store: Store, relation: str, flt: ClaimFilter, path: str, fmt: str) -> int:
    """Write matching claims to a CSV, JSONL or Parquet file; returns the row count."""
    if fmt not in EXPORT_FORMATS:
        raise EventlensError(f"unknown export format {fmt!r}",
                             hint=f"use one of {', '.join(EXPORT_FORMATS)}")
    rows = read_claims(store, relation, ClaimFilter(**{**_fields(flt), "limit": None}))
    table = pa.Table.from_pylist(rows) if rows else CLAIM_SCHEMA.empty_table()
    return store.write_relation(table, path, fmt)


def _fields(flt: ClaimFilter) -> dict:
    return {name: getattr(flt, name) for name in flt.__dataclass_fields__}
