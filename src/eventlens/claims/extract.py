"""Claims from stored events: which event records state a promise, plan, threat, demand with a
deadline or denial, by whom, about what, and by when."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from eventlens.claims.settings import DEFAULT_CLAIM_SETTINGS, ClaimSettings
from eventlens.claims.tables import ClaimTables, claim_tables
from eventlens.claims.windows import DueWindow, due_window
from eventlens.model import Claim

KINDS = ("promise", "plan", "threat", "demand", "denial")


@dataclass(frozen=True, slots=True)
class EventRow:
    """What the tracker reads of one stored event record (and its article's date)."""

    event_id: str
    article_id: str
    published: dt.date
    plover_type: str
    status: str
    event_date: dt.date | None
    date_text: str
    source_code: str
    source_country: str
    target_code: str
    target_country: str
    evidence_start: int
    evidence_end: int
    evidence: str
    confidence: float = 1.0
    merged_id: str = ""
    story_id: str = ""  # the story of its article, where stories were grouped

    @property
    def day(self) -> dt.date:
        """When the act happened (the article's date where the coder found none)."""
        return self.event_date or self.published


def claim_kind(row: EventRow, tables: ClaimTables | None = None) -> str | None:
    """The kind of claim an event record states, or None when it states none."""
    tables = tables or claim_tables()
    sentence, ptype = row.evidence or "", row.plover_type
    if not row.source_country:
        return None
    if row.status == "denied":
        return "denial" if tables.has_cue(sentence, "denial") else None
    if row.status in ("intended", "hypothetical"):
        if tables.has_cue(sentence, "speculation"):
            return None
        if ptype in tables.threat_types:
            return "threat"
        if ptype in tables.promise_types:
            return "promise" if tables.has_cue(sentence, "promise") else "plan"
        return None
    if row.status == "asserted" and ptype == "THREATEN":
        return "threat"
    if row.status == "asserted" and ptype == "REQUEST" and row.target_country:
        window = due_window(sentence, row.published, kind="demand", tables=tables)
        if window.how in ("explicit", "named-period") or tables.has_cue(sentence, "ultimatum"):
            return "demand"
    return None


def is_past_denial(row: EventRow, tables: ClaimTables | None = None) -> bool:
    """A denial of an act said to be done ("denied that its troops had killed"), not of an
    intention ("denied that it plans to invade")."""
    tables = tables or claim_tables()
    return not tables.has_cue(row.evidence or "", "denial_future")


def claim_from_event(row: EventRow, *, tables: ClaimTables | None = None,
                     settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS) -> Claim | None:
    """The claim one event record states, or None."""
    tables = tables or claim_tables()
    kind = claim_kind(row, tables)
    if kind is None:
        return None
    sentence = row.evidence or ""
    if kind == "denial" and is_past_denial(row, tables):
        start = min(row.day, row.published) - dt.timedelta(days=settings.past_denial_days)
        window = DueWindow(start, row.published + dt.timedelta(
            days=tables.default_days["denial"]), "", "past-act")
    else:
        # an asserted threat or demand's own date is when it was made, not when it is due
        date_text = row.date_text if row.status != "asserted" else ""
        window = due_window(sentence, row.published, kind=kind, date_text=date_text,
                            tables=tables)
    return Claim(
        claim_id=claim_id(row.event_id, kind), kind=kind, claimant=row.source_code,
        plover_type=row.plover_type, target=row.target_code or "", claim_date=row.published,
        due_from=window.start, due_by=window.end, due_text=window.text, due_how=window.how,
        event_id=row.event_id, article_id=row.article_id, evidence_start=row.evidence_start,
        evidence_end=row.evidence_end, evidence=sentence,
        confidence=round(float(row.confidence if row.confidence is not None else 1.0), 4),
        match_types=match_types(row, kind, tables), story_id=row.story_id or "")


def match_types(row: EventRow, kind: str, tables: ClaimTables) -> tuple[str, ...]:
    """The event types whose later report settles a claim of this kind."""
    if kind == "demand":
        return tables.compliance
    if kind == "threat" and row.plover_type == "THREATEN":
        return tables.threatened(row.evidence or "") or tables.threat_default
    return (row.plover_type,)


def claim_id(event_id: str, kind: str) -> str:
    """A claim's id: a hash of the event record that states it and its kind."""
    return hashlib.sha256(f"claim\x1f{event_id}\x1f{kind}".encode()).hexdigest()[:16]


def extract_claims(rows: Iterable[EventRow], *, tables: ClaimTables | None = None,
                   settings: ClaimSettings = DEFAULT_CLAIM_SETTINGS) -> list[Claim]:
    """Every claim the rows state, one per claim however many reports state it: records of
    one merged event (the same act in several reports of a story) are one claim, and so are
    records of one article that say the same thing; the earliest report leads. Sorted by
    date and id, so the result does not depend on the order of `rows`."""
    tables = tables or claim_tables()
    found: dict[tuple, list[tuple[EventRow, Claim]]] = {}
    for row in sorted(rows, key=_report_order):
        claim = claim_from_event(row, tables=tables, settings=settings)
        if claim is None:
            continue
        key = (row.merged_id or row.event_id, claim.kind)
        same_article = (row.article_id, claim.kind, claim.claimant, claim.plover_type,
                        _country(claim.target), claim.due_from, claim.due_by)
        group = found.get(key) or found.get(same_article)
        if group is None:
            group = []
        group.append((row, claim))
        found[key] = found[same_article] = group
    claims = []
    for group in {id(g): g for g in found.values()}.values():
        lead = group[0][1]
        articles = {r.article_id for r, _ in group}
        best = max(c.confidence for _, c in group)
        claims.append(dataclasses.replace(lead, reports=len(articles), confidence=best))
    return sorted(claims, key=lambda c: (c.claim_date, c.claim_id))


def _report_order(row: EventRow) -> tuple:
    return (row.published, row.article_id, row.evidence_start, row.event_id)


def _country(code: str) -> str:
    return (code or "").split(":")[0]
