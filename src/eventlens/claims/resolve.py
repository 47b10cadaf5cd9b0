"""Resolution: where each claim stands as of a date, against the asserted events stored.

A promise or plan is *fulfilled* when its act is reported within its window, *overdue* once
the window has passed without it; a threat is *carried out* or *lapsed*; a demand is
*fulfilled* when the demanded party yields or agrees, *overdue* otherwise; a denial is
*contradicted* when the denied act is reported, *lapsed* when its watch window closes first.
Until then a claim is *open*. The result is a function of the claims, the events and the date
alone: the order in which articles were ingested does not change it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from eventlens.claims.extract import EventRow
from eventlens.claims.settings import DEFAULT_CLAIM_SETTINGS, ClaimSettings
from eventlens.claims.tables import ClaimTables, claim_tables
from eventlens.model import Claim, ClaimOutcome

STATES = ("open", "fulfilled", "overdue", "contradicted", "carried-out", "lapsed")
# kind -> (state when the act is reported, state when the window closes without it)
SETTLED = {"promise": ("fulfilled", "overdue"), "plan": ("fulfilled", "overdue"),
           "threat": ("carried-out", "lapsed"), "demand": ("fulfilled", "overdue"),
           "denial": ("contradicted", "lapsed")}


def country(code: str) -> str:
    """The country or organisation part of an actor code: 'RUS:GOV' -> 'RUS'."""
    return (code or "").split(":")[0]


def role(code: str) -> str:
    return code.split(":")[1] if code and ":" in code else ""


def acting_country(claim: Claim) -> str:
    """Whose act settles the claim: the demanded party for a demand, else the claimant."""
    return country(claim.target) if claim.kind == "demand" else country(claim.claimant)


def match_keys(claim: Claim, tables: ClaimTables | None = None) -> set[tuple[str, str]]:
    """(source country, event type) pairs of the events that could settle the claim."""
    tables = tables or claim_tables()
    keys = {(acting_country(claim), t) for t in claim.match_types}
    if claim.kind != "demand" and claim.target:
        keys |= {(country(claim.target), t) for t in claim.match_types
                 if t in tables.symmetric_types}
    return {k for k in keys if k[0]}


def match_score(claim: Claim, event: EventRow, *, tables: ClaimTables | None = None,
                settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS) -> float | None:
    """How well a stored event settles the claim (0..1), or None when it cannot: it must be
    asserted, in another article, of a type that settles the claim, by the right actor
    towards a compatible target, and dated within the claim's window."""
    tables = tables or claim_tables()
    if (event.status != "asserted" or event.article_id == claim.article_id
            or event.plover_type not in claim.match_types):
        return None
    if claim.story_id and event.story_id == claim.story_id and claim.kind != "denial":
        return None  # another report of the happening the claim was made at
    if not _in_window(claim, event, settings):
        return None
    if claim.kind == "demand":
        if not claim.target or event.source_country != country(claim.target):
            return None
        return 1.0 if event.target_country == country(claim.claimant) else 0.8
    direct = _actor_score(claim.claimant, claim.target, event.source_code,
                          event.source_country, event.target_code, event.target_country)
    reverse = None
    if event.plover_type in tables.symmetric_types and claim.target:
        reverse = _actor_score(claim.target, claim.claimant, event.source_code,
                               event.source_country, event.target_code, event.target_country)
    scores = [s for s in (direct, reverse) if s is not None]
    return max(scores) if scores else None


def _in_window(claim: Claim, event: EventRow, settings: ClaimSettings) -> bool:
    grace = dt.timedelta(days=settings.grace_days)
    day = event.day
    if claim.due_how == "past-act":
        # the denied act was done before the denial, or goes on: a report of it done from a
        # little before the denial to the end of the watch window contradicts it
        return claim.due_from <= day <= claim.due_by
    if event.published < claim.claim_date:
        return False  # a report older than the claim cannot tell what came of it
    # An act on the claim's own day is the occasion of the claim ("agreed at the meeting
    # that ..."), unless the claim was due that very day ("later on Thursday").
    first = claim.claim_date if claim.due_by <= claim.claim_date else (
        claim.claim_date + dt.timedelta(days=1))
    return max(claim.due_from - grace, first) <= day <= claim.due_by + grace


def _actor_score(source: str, target: str, ev_source: str, ev_source_country: str,
                 ev_target: str, ev_target_country: str) -> float | None:
    if ev_source_country != country(source):
        return None
    score = 1.0 if not role(source) or role(source) == role(ev_source) else 0.9
    if target:
        if not ev_target_country:
            score *= 0.6  # the report names no target: it may be another act
        elif ev_target_country != country(target):
            return None
    else:
        score *= 0.9
    return score


def resolve_claim(claim: Claim, events: Iterable[EventRow], as_of: dt.date, *,
                  tables: ClaimTables | None = None,
                  settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS) -> ClaimOutcome:
    """The claim's state as of `as_of` among `events`: the earliest event that settles it
    (the best match on a day, then the smaller id), else overdue or lapsed when its window
    and the grace days have passed, else open."""
    tables = tables or claim_tables()
    hit_state, miss_state = SETTLED[claim.kind]
    best = None
    for event in events:
        if event.published > as_of:
            continue
        score = match_score(claim, event, tables=tables, settings=settings)
        if score is None:
            continue
        key = (event.day, -score, event.event_id)
        if best is None or key < best[0]:
            best = (key, event, score)
    if best is not None:
        _, event, score = best
        confidence = round(score * float(event.confidence if event.confidence is not None
                                         else 1.0), 4)
        return ClaimOutcome(
            claim.claim_id, hit_state, as_of, event_id=event.event_id,
            article_id=event.article_id, event_date=event.day,
            evidence_start=event.evidence_start, evidence_end=event.evidence_end,
            evidence=event.evidence, confidence=confidence,
            why=f"{event.source_code or event.source_country} {event.plover_type} "
                f"{event.target_code or '-'} reported for {event.day.isoformat()}")
    if as_of > claim.due_by + dt.timedelta(days=settings.grace_days):
        return ClaimOutcome(claim.claim_id, miss_state, as_of,
                            why=f"nothing that settles it was reported by "
                                f"{claim.due_by.isoformat()}")
    return ClaimOutcome(claim.claim_id, "open", as_of,
                        why=f"due by {claim.due_by.isoformat()}; nothing reported yet")


def resolve_claims(claims: Iterable[Claim], events: Iterable[EventRow], as_of: dt.date, *,
                   tables: ClaimTables | None = None,
                   settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS) -> list[ClaimOutcome]:
    """`resolve_claim` for every claim, the events indexed by source country and type."""
    tables = tables or claim_tables()
    index: dict[tuple[str, str], list[EventRow]] = defaultdict(list)
    for event in events:
        if event.status == "asserted":
            index[(event.source_country, event.plover_type)].append(event)
    out = []
    for claim in claims:
        pool = [e for key in sorted(match_keys(claim, tables)) for e in index.get(key, ())]
        out.append(resolve_claim(claim, pool, as_of, tables=tables, settings=settings))
    return out
