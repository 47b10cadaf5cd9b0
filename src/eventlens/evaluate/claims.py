"""Scoring the commitments tracker against a gold folder whose records list `claims`.

The folder's coded articles are stored in an in-memory store (stories grouped, as ingest does)
and the tracker runs over it as of the folder's newest article, so extraction, due windows and
resolution are scored end to end, exactly as `eventlens claims` would show them. A gold claim
is matched, within its article, by a predicted claim of the same claimant country, the same
kind (a promise and a plan count alike), the same act (the claim's type, or one of the types
that settle it) and a compatible target (the same country, or none on one side).
"""

from __future__ import annotations

import datetime as dt

from eventlens.claims import ClaimRecord, claim_rows, refresh_claims
from eventlens.evaluate.gold import SPLITS, GoldArticle, by_split, country_of, is_sealed
from eventlens.metrics import prf
from eventlens.model import ArticleResult
from eventlens.store import open_store
from eventlens.stories import update_stories

# Days a predicted due date or outcome date may differ from the gold one and still be right
# (the tracker's grace days).
DATE_TOLERANCE = 2
_GROUP = {"promise": "commitment", "plan": "commitment"}


def has_claims(gold: list[GoldArticle]) -> bool:
    """Whether the folder annotates claims."""
    return any("claims" in g.record for g in gold)


def has_events(gold: list[GoldArticle]) -> bool:
    """Whether the folder annotates events (a claims-only folder does not)."""
    return any("events" in g.record for g in gold)


def predicted_claims(gold: list[GoldArticle], results: dict[str, ArticleResult], *,
                     min_confidence: float) -> list[ClaimRecord]:
    """The tracker's claims over the folder's coded articles, as of its newest article."""
    with open_store(":memory:", min_confidence=min_confidence) as store:
        store.add_results([results[g.id] for g in gold], source="eventlens eval",
                          coder="eval", coder_version="eval")
        update_stories(store)
        refresh_claims(store)
        return claim_rows(store)


def score_claims(gold: list[GoldArticle], results: dict[str, ArticleResult], *,
                 min_confidence: float) -> dict:
    """The `claims` section: extraction P/R/F1, outcome, due-window and outcome-date accuracy
    over the folder and its dev and sealed splits; the dev split's errors."""
    predicted = predicted_claims(gold, results, min_confidence=min_confidence)
    by_article: dict[str, list[ClaimRecord]] = {}
    for claim in predicted:
        by_article.setdefault(claim.article_id, []).append(claim)
    return by_split(gold, lambda part, whole: _score(part, by_article, with_errors=whole))


def _same(gold_claim: dict, claim: ClaimRecord) -> int:
    """0 when the predicted claim is not the gold one, else a score (higher: closer)."""
    kind = gold_claim.get("kind", "")
    if country_of(gold_claim.get("claimant", "")) != claim.claimant_country:
        return 0
    if _GROUP.get(kind, kind) != _GROUP.get(claim.kind, claim.kind):
        return 0
    gtype = str(gold_claim.get("type", "")).upper()
    row_types = claim.plover_type, *claim.match_types
    if gtype not in row_types:
        return 0
    target = country_of(gold_claim.get("target", ""))
    if target and claim.target_country and target != claim.target_country:
        return 0
    return 1 + (gtype == claim.plover_type) + (target == claim.target_country)


def _score(gold: list[GoldArticle], by_article: dict[str, list[ClaimRecord]], *,
           with_errors: bool) -> dict:
    tp = fp = fn = 0
    outcome_right = window_right = date_right = dated = 0
    errors: list[dict] = []
    for item in gold:
        # nobody reads the sealed split's errors (docs/corpus.md)
        listed = with_errors and not is_sealed(item)
        left = list(by_article.get(item.article.id, []))
        for g in item.record.get("claims", []):
            scored = sorted(((_same(g, c), i) for i, c in enumerate(left)), reverse=True)
            if not scored or scored[0][0] == 0:
                fn += 1
                if listed:
                    errors.append({"article": item.id, "error": "missed", "gold": g})
                continue
            claim = left.pop(scored[0][1])
            tp += 1
            outcome_right += claim.state == g.get("outcome")
            window_right += _window_right(g, claim)
            if g.get("outcome_date") and claim.state == g.get("outcome"):
                dated += 1
                date_right += _near(claim.outcome_date, g["outcome_date"])
            if listed and (claim.state != g.get("outcome") or not _window_right(g, claim)):
                errors.append({"article": item.id, "error": "outcome or window",
                               "gold": g, "predicted": _brief(claim)})
        fp += len(left)
        if listed:
            errors += [{"article": item.id, "error": "extra", "predicted": _brief(c)}
                       for c in left]
    report = {
        "articles": len(gold),
        "gold": tp + fn, "predicted": tp + fp,
        "extraction": prf(tp, fp, fn),
        "matched": tp,
        "outcome_accuracy": round(outcome_right / tp, 4) if tp else 0.0,
        "window_accuracy": round(window_right / tp, 4) if tp else 0.0,
        "outcome_date_accuracy": round(date_right / dated, 4) if dated else 0.0,
    }
    if with_errors:
        report["errors"] = errors
    return report


def _window_right(gold_claim: dict, claim: ClaimRecord) -> bool:
    """The gold `due_by` within the tolerance of the predicted one; a gold claim with no
    deadline (`due_by` null) wants a default or vague window."""
    due = gold_claim.get("due_by")
    if not due:
        return claim.due_how in ("default", "vague", "past-act")
    return _near(claim.due_by, due)


def _near(day: dt.date | None, gold_day: str) -> bool:
    if day is None:
        return False
    return abs((day - dt.date.fromisoformat(gold_day)).days) <= DATE_TOLERANCE


def _brief(claim: ClaimRecord) -> dict:
    return {"claimant": claim.claimant_code, "kind": claim.kind, "type": claim.plover_type,
            "target": claim.target_code, "due_by": claim.due_by.isoformat(),
            "due_how": claim.due_how, "state": claim.state,
            "outcome_date": claim.outcome_date.isoformat() if claim.outcome_date else None,
            "evidence": claim.evidence}


def render_claims_section(section: dict, console) -> None:
    """Print the claims scores as a person reads them."""
    e = section["extraction"]
    console.print(f"[bold]claims[/bold]: {section['gold']} gold, {section['predicted']} found; "
                  f"extraction P {e['precision']:.3f} R {e['recall']:.3f} F1 {e['f1']:.3f}; "
                  f"outcome accuracy {section['outcome_accuracy']:.3f}, due-window accuracy "
                  f"{section['window_accuracy']:.3f} (on {section['matched']} matched)")
    for split in SPLITS:
        if split in section:
            part = section[split]
            console.print(f"  {split} ({part['gold']} claims): extraction F1 "
                          f"{part['extraction']['f1']:.3f}, outcome accuracy "
                          f"{part['outcome_accuracy']:.3f}, window accuracy "
                          f"{part['window_accuracy']:.3f}")
