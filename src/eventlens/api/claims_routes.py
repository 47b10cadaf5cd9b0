"""REST endpoints of the commitments tracker: /api/claims, /api/claims/{id}, /api/claims.{fmt}.

No `from __future__ import annotations`: FastAPI reads the parameter annotations, which are
built in `add_claim_routes`, at definition time.
"""

import os
import tempfile
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from eventlens import claims
from eventlens.claims import ClaimRecord
from eventlens.client import claim_filter, store_codes

_MEDIA = {"csv": "text/csv", "jsonl": "application/x-ndjson",
          "parquet": "application/vnd.apache.parquet"}
STATE_PATTERN = (r"^(?:|all|any|(?:" + "|".join(claims.STATES) + r")(?:,(?:"
                 + "|".join(claims.STATES) + r"))*)$")
KIND_PATTERN = (r"^(?:|all|any|(?:" + "|".join(claims.KINDS) + r")(?:,(?:"
                + "|".join(claims.KINDS) + r"))*)$")


@dataclass(frozen=True, slots=True)
class ClaimPage:
    """One page of claims, with how many match per state (the other filters applied)."""

    total: int
    limit: int
    offset: int
    next_offset: int | None
    as_of: str | None
    states: dict[str, int]
    claims: list[ClaimRecord]


def add_claim_routes(app: FastAPI, store_dep, *, date_param, actor_param, bad_request: dict,
                     max_limit: int) -> None:
    """Add the claims endpoints to `app`; `store_dep` hands each request its store view."""
    StateParam = Annotated[str | None, Query(
        json_schema_extra={"pattern": STATE_PATTERN},
        description="open, fulfilled, overdue, contradicted, carried-out or lapsed; "
                    "several comma-separated.")]
    KindParam = Annotated[str | None, Query(
        json_schema_extra={"pattern": KIND_PATTERN},
        description="promise, plan, threat, demand or denial; several comma-separated.")]

    def read_filter(store, actor, claimant, target, state, kind, since, until, limit=None,
                    offset=0):
        return claim_filter(actor=actor, claimant=claimant, target=target, state=state,
                            kind=kind, since=since, until=until, limit=limit, offset=offset,
                            known_codes=lambda: store_codes(store))

    @app.get("/api/claims", response_model=ClaimPage, tags=["claims"], responses=bad_request)
    def claims_page(
        store: store_dep, actor: actor_param = None, claimant: actor_param = None,
        target: actor_param = None, state: StateParam = None, kind: KindParam = None,
        since: date_param = None, until: date_param = None,
        limit: Annotated[int, Query(ge=1, le=max_limit)] = 50,
        offset: Annotated[int, Query(ge=0, le=2**53 - 1)] = 0,
    ) -> ClaimPage:
        """Promises, plans, threats, demands with deadlines and denials, newest first, each
        with where it stands as of the store's newest article and the event that settled it
        (docs/claims.md). `states` counts the claims of each state the other filters keep."""
        flt = read_filter(store, actor, claimant, target, state, kind, since, until, limit,
                          offset)
        rows = claims.claim_rows(store, flt)
        counts = claims.claim_counts(store, flt)
        wanted = set(flt.state or claims.STATES)
        total = sum(n for s, n in counts.items() if s in wanted)
        nxt = offset + limit if offset + limit < total else None
        as_of = rows[0].as_of.isoformat() if rows else None
        return ClaimPage(total, limit, offset, nxt, as_of,
                         {s: counts.get(s, 0) for s in claims.STATES}, rows)

    @app.get("/api/claims.{fmt}", tags=["claims"],
             responses={200: {"content": {m: {} for m in _MEDIA.values()},
                              "description": "The file."}, **bad_request})
    def claims_download(
        store: store_dep, fmt: Literal["csv", "jsonl", "parquet"],
        actor: actor_param = None, claimant: actor_param = None, target: actor_param = None,
        state: StateParam = None, kind: KindParam = None, since: date_param = None,
        until: date_param = None,
    ):
        """Download the matching claims with their outcomes as CSV, JSONL or Parquet."""
        flt = read_filter(store, actor, claimant, target, state, kind, since, until)
        fd, tmp = tempfile.mkstemp(prefix="eventlens-claims-", suffix=f".{fmt}")
        os.close(fd)
        try:
            claims.export_claims(store, tmp, fmt, flt)
        except Exception:
            os.unlink(tmp)
            raise
        return FileResponse(tmp, media_type=_MEDIA[fmt], filename=f"claims.{fmt}",
                            background=BackgroundTask(os.unlink, tmp))

    @app.get("/api/claims/{claim_id}", response_model=ClaimRecord, tags=["claims"],
             responses={404: {"description": "No such claim."}})
    def claim(store: store_dep, claim_id: str) -> ClaimRecord:
        """One claim (id or unique prefix) with its evidence, outcome and the settling
        event's evidence."""
        found = claims.get_claim(store, claim_id)
        if found is None:
            raise HTTPException(404, f"no claim with id {claim_id!r} (or the prefix is not "
                                     "unique)")
        return found
