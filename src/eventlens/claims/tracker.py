"""The commitments tracker over a store: claims extracted from its events, resolved against
its later events as of its newest article, kept in the `claims` table and read by every face.

`refresh_claims` (run after each ingest) recomputes the claims when the events they depend on
changed and writes them; `claim_rows` reads them, from the table when it is current and
otherwise computed in memory (a read-only store ingested before the tracker existed, a folder
of shards, another confidence threshold), so every face answers the same.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from dataclasses import dataclass

import pyarrow as pa

from eventlens.claims.extract import EventRow, extract_claims
from eventlens.claims.resolve import country, match_keys, resolve_claims
from eventlens.claims.settings import DEFAULT_CLAIM_SETTINGS, ClaimSettings
from eventlens.claims.tables import claim_tables
from eventlens.model import Claim, ClaimOutcome
from eventlens.store import Store
from eventlens.store import claims_tables as tables_io
from eventlens.store.claims_tables import CLAIM_SCHEMA, ClaimFilter


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One claim with where it stands, as every face shows it."""

    claim_id: str
    kind: str
    state: str
    claimant_code: str
    claimant_country: str
    plover_type: str
    target_code: str
    target_country: str
    claim_date: dt.date
    due_from: dt.date
    due_by: dt.date
    due_text: str
    due_how: str
    event_id: str
    article_id: str
    article_title: str
    evidence_start: int
    evidence_end: int
    evidence: str
    confidence: float
    reports: int
    as_of: dt.date
    outcome_event_id: str | None = None
    outcome_article_id: str | None = None
    outcome_article_title: str | None = None
    outcome_date: dt.date | None = None
    outcome_evidence_start: int | None = None
    outcome_evidence_end: int | None = None
    outcome_evidence: str | None = None
    outcome_confidence: float | None = None
    outcome_why: str = ""
    match_types: tuple[str, ...] = ()  # the event types that settle it


@dataclass(frozen=True, slots=True)
class ClaimRefresh:
    """What `refresh_claims` did: how many claims, whether it recomputed them, how long."""

    claims: int
    recomputed: bool
    as_of: dt.date | None
    seconds: float = 0.0


def event_rows(rows: list[dict]) -> list[EventRow]:
    names = {f.name for f in dataclasses.fields(EventRow)}
    return [EventRow(**{k: v for k, v in r.items() if k in names}) for r in rows]


def compute_claims(store: Store, *, as_of: dt.date | None = None,
                   settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS
                   ) -> tuple[list[Claim], list[ClaimOutcome], dt.date | None]:
    """Every claim the store's events state and where it stands as of `as_of` (default: the
    newest article's date), with that date."""
    as_of = as_of or tables_io.latest_article_date(store)
    claims = extract_claims(event_rows(tables_io.claim_event_rows(store)), settings=settings)
    if as_of is None:
        return claims, [], None
    tables = claim_tables()
    keys = set().union(*(match_keys(c, tables) for c in claims)) if claims else set()
    settling = event_rows(tables_io.settling_event_rows(store, keys))
    return claims, resolve_claims(claims, settling, as_of, tables=tables,
                                  settings=settings), as_of


def claims_table(claims: list[Claim], outcomes: list[ClaimOutcome]) -> pa.Table:
    """Claims and their outcomes as rows of the `claims` table."""
    rows = []
    for claim, outcome in zip(claims, outcomes, strict=True):
        rows.append({
            "claim_id": claim.claim_id, "kind": claim.kind, "state": outcome.state,
            "claimant_code": claim.claimant, "claimant_country": country(claim.claimant),
            "plover_type": claim.plover_type, "target_code": claim.target,
            "target_country": country(claim.target), "claim_date": claim.claim_date,
            "due_from": claim.due_from, "due_by": claim.due_by, "due_text": claim.due_text,
            "due_how": claim.due_how, "event_id": claim.event_id,
            "article_id": claim.article_id, "evidence_start": claim.evidence_start,
            "evidence_end": claim.evidence_end, "evidence": claim.evidence,
            "confidence": claim.confidence, "reports": claim.reports,
            "match_types": list(claim.match_types), "as_of": outcome.as_of,
            "outcome_event_id": outcome.event_id or None,
            "outcome_article_id": outcome.article_id or None,
            "outcome_date": outcome.event_date, "outcome_evidence_start": outcome.evidence_start,
            "outcome_evidence_end": outcome.evidence_end,
            "outcome_evidence": outcome.evidence or None,
            "outcome_confidence": outcome.confidence, "outcome_why": outcome.why})
    return pa.Table.from_pylist(rows, schema=CLAIM_SCHEMA)


def is_current(store: Store, settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS) -> bool:
    """Whether the stored claims were computed from exactly the events the store now shows."""
    state = tables_io.claims_state(store)
    return state is not None and state["fingerprint"] == tables_io.fingerprint(
        store, settings.version)


def refresh_claims(store: Store, *, settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS
                   ) -> ClaimRefresh:
    """Recompute and store the claims if the events they depend on changed (new articles,
    merged events, another threshold); otherwise leave them. The store must be writable."""
    started = time.perf_counter()
    state = tables_io.claims_state(store)
    current = tables_io.fingerprint(store, settings.version)
    if state is not None and state["fingerprint"] == current:
        return ClaimRefresh(int(state["claims"] or 0), False, state["as_of"])
    claims, outcomes, as_of = compute_claims(store, settings=settings)
    table = claims_table(claims, outcomes) if as_of else CLAIM_SCHEMA.empty_table()
    tables_io.write_claims(store, table, fingerprint_text=current, as_of=as_of,
                           settings=settings.version)
    return ClaimRefresh(table.num_rows, True, as_of, time.perf_counter() - started)


def _relation(store: Store, settings: ClaimSettings, as_of: dt.date | None) -> str:
    if as_of is None and is_current(store, settings):
        return tables_io.claims_relation(store, None)
    claims, outcomes, found_as_of = compute_claims(store, as_of=as_of, settings=settings)
    table = claims_table(claims, outcomes) if found_as_of else CLAIM_SCHEMA.empty_table()
    return tables_io.claims_relation(store, table)


def claim_rows(store: Store, flt: ClaimFilter | None = None, *, as_of: dt.date | None = None,
               settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS) -> list[ClaimRecord]:
    """Claims matching the filter, newest first, as of the store's newest article (or
    `as_of`, computed in memory)."""
    relation = _relation(store, settings, as_of)
    return [_record(r) for r in tables_io.read_claims(store, relation, flt or ClaimFilter())]


def claim_counts(store: Store, flt: ClaimFilter | None = None, *,
                 as_of: dt.date | None = None,
                 settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS) -> dict[str, int]:
    """How many claims match the filter's other conditions, per state."""
    relation = _relation(store, settings, as_of)
    return tables_io.count_claims(store, relation, flt or ClaimFilter())


def get_claim(store: Store, claim_id: str, *, as_of: dt.date | None = None,
              settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS) -> ClaimRecord | None:
    """The claim with this id (or a unique prefix of it), or None."""
    if not claim_id:
        return None
    rows = claim_rows(store, ClaimFilter(claim_id=claim_id, limit=2), as_of=as_of,
                      settings=settings)
    return rows[0] if len(rows) == 1 else None


def export_claims(store: Store, path: str, fmt: str, flt: ClaimFilter | None = None, *,
                  settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS) -> int:
    """Write the claims matching the filter to CSV, JSONL or Parquet; returns the row count."""
    relation = _relation(store, settings, None)
    return tables_io.export_claims(store, relation, flt or ClaimFilter(), path, fmt)


def _record(row: dict) -> ClaimRecord:
    names = {f.name for f in dataclasses.fields(ClaimRecord)}
    values = {k: v for k, v in row.items() if k in names}
    for key in ("target_code", "target_country", "due_text", "outcome_why", "article_title"):
        values[key] = values.get(key) or ""
    values["match_types"] = tuple(values.get("match_types") or ())
    return ClaimRecord(**values)
