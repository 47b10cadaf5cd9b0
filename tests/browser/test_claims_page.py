"""The "promises and denials" page: a timeline per actor, state filters, a claim's outcome."""

from __future__ import annotations

import json
import urllib.request

import pytest

pytestmark = pytest.mark.browser


def _api(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=10) as response:  # noqa: S310 (localhost)
        return json.load(response)


def test_timeline_per_actor_matches_the_api(page, shot):
    expected = _api(page.base, "/api/claims?limit=1000")
    assert expected["claims"], "the demo store states claims"
    page.goto(page.base + "/#/claims")
    page.wait_for_selector(".claim-actor .claim-bar")
    assert page.locator(".tabs a.active").inner_text() == "Promises and denials"
    shot(page, "claims")
    # one bar per claim of the actors shown, each coloured by its state
    per_actor: dict[str, int] = {}
    for claim in expected["claims"]:
        per_actor[claim["claimant_country"]] = per_actor.get(claim["claimant_country"], 0) + 1
    for row in page.locator(".claim-actor").all()[:3]:
        actor = row.get_attribute("data-actor")
        assert row.locator(".claim-bar").count() == per_actor[actor]
    states = {c["claim_id"]: c["state"] for c in expected["claims"]}
    bar = page.locator(".claim-bar").first
    assert bar.get_attribute("data-state") == states[bar.get_attribute("data-claim")]
    chips = {el.get_attribute("data-state"): int(el.locator("b").inner_text())
             for el in page.locator("#claim-states .state-chip").all()}
    assert chips == expected["states"]


def test_state_filter_and_claim_detail(page):
    fulfilled = _api(page.base, "/api/claims?state=fulfilled&limit=1000")
    assert fulfilled["total"] > 0
    page.goto(page.base + "/#/claims")
    page.wait_for_selector("#claim-states .state-chip")
    page.click("#claim-states .state-chip[data-state='fulfilled']")
    page.wait_for_function("location.hash.includes('state=fulfilled')")
    page.wait_for_selector("table.claims tbody tr")
    rows = page.locator("table.claims tbody tr")
    assert rows.count() == fulfilled["total"]
    assert set(page.locator("table.claims tbody tr .state-chip").all_inner_texts()) == {
        "fulfilled"}
    claim_id = rows.first.get_attribute("data-claim")
    page.click(f"table.claims tbody tr[data-claim='{claim_id}'] a:has-text('details')")
    page.wait_for_selector("#claim-outcome .evidence")
    claim = _api(page.base, f"/api/claims/{claim_id}")
    assert page.inner_text("#claim-said .evidence") == " ".join(claim["evidence"].split())
    assert page.inner_text("#claim-outcome .evidence") == " ".join(
        claim["outcome_evidence"].split())
