"""The commitments tracker: promises, plans, threats, demands with deadlines and denials,
extracted from stored events and resolved against later ones (docs/claims.md)."""

from eventlens.claims.extract import KINDS, EventRow, claim_from_event, extract_claims
from eventlens.claims.resolve import STATES, resolve_claim, resolve_claims
from eventlens.claims.settings import DEFAULT_CLAIM_SETTINGS, ClaimSettings
from eventlens.claims.tracker import (
    ClaimRecord,
    ClaimRefresh,
    claim_counts,
    claim_rows,
    compute_claims,
    export_claims,
    get_claim,
    refresh_claims,
)
from eventlens.claims.windows import DueWindow, due_window
from eventlens.store.claims_tables import ClaimFilter

__all__ = [
    "DEFAULT_CLAIM_SETTINGS", "KINDS", "STATES", "ClaimFilter", "ClaimRecord", "ClaimRefresh",
    "ClaimSettings", "DueWindow", "EventRow", "claim_counts", "claim_from_event", "claim_rows",
    "compute_claims", "due_window", "export_claims", "extract_claims", "get_claim",
    "refresh_claims", "resolve_claim", "resolve_claims",
]
