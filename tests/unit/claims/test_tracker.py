"""The tracker over a store: refreshed after writes, the same whatever the order of ingest."""

from __future__ import annotations

import random

import pytest
from claim_results import PLAN, PROMISE, TALKS, THREAT, WORLD

from eventlens.claims import ClaimFilter, claim_counts, claim_rows, get_claim, refresh_claims
from eventlens.store import open_store
from eventlens.stories import update_stories


def _ingest(store, results) -> None:
    """As `eventlens ingest` does: store, place into stories, refresh the claims."""
    store.add_results(list(results), source="test", coder="test", coder_version="0")
    update_stories(store)
    refresh_claims(store)


def _snapshot(store) -> list[tuple]:
    return [(c.claim_id, c.kind, c.state, c.claimant_code, c.plover_type, c.target_code,
             c.due_from, c.due_by, c.event_id, c.outcome_event_id, c.outcome_date, c.as_of)
            for c in claim_rows(store)]


@pytest.fixture()
def store():
    with open_store(":memory:") as s:
        yield s


def test_claims_of_a_store(store):
    _ingest(store, WORLD)
    states = {(c.claimant_code, c.kind): c.state for c in claim_rows(store)}
    assert states == {("RUS:GOV", "plan"): "fulfilled", ("RUS:GOV", "denial"): "contradicted",
                      ("USA:GOV", "threat"): "carried-out", ("CHN:GOV", "demand"): "overdue",
                      ("DEU:GOV", "promise"): "open"}
    assert {c.as_of.isoformat() for c in claim_rows(store)} == {"2022-05-20"}
    plan = next(c for c in claim_rows(store) if c.kind == "plan")
    assert plan.outcome_evidence == "Russian and Chinese envoys held talks in Geneva on Monday."
    assert plan.evidence.startswith("Ruritania and Freedonia will hold talks")
    assert get_claim(store, plan.claim_id[:6]) == plan
    assert claim_counts(store, ClaimFilter(state=("open",))) == {
        "fulfilled": 1, "contradicted": 1, "carried-out": 1, "overdue": 1, "open": 1}
    only = claim_rows(store, ClaimFilter(actor="RUS", state=("contradicted", "fulfilled")))
    assert {c.kind for c in only} == {"denial", "plan"}


def test_refresh_recomputes_only_when_the_events_change(store):
    _ingest(store, WORLD[:3])
    first = refresh_claims(store)
    assert not first.recomputed  # _ingest refreshed already; nothing changed since
    store.add_results([PROMISE], source="test", coder="test", coder_version="0")
    again = refresh_claims(store)
    assert again.recomputed and again.claims == first.claims + 1


def test_reingest_and_any_order_give_the_same_claims():
    with open_store(":memory:") as one:
        _ingest(one, WORLD)
        expected = _snapshot(one)
        _ingest(one, WORLD)  # re-ingesting adds nothing and changes nothing
        assert _snapshot(one) == expected
    rng = random.Random(7)
    for _ in range(3):
        order = WORLD[:]
        rng.shuffle(order)
        with open_store(":memory:") as other:
            # out of order, in three runs: outcomes reported before their claims
            for part in (order[:3], order[3:5], order[5:]):
                _ingest(other, part)
            assert _snapshot(other) == expected


def test_a_read_only_or_stale_store_computes_its_claims_in_memory(tmp_path):
    path = tmp_path / "store.duckdb"
    with open_store(path) as writer:
        writer.add_results(WORLD, source="test", coder="test", coder_version="0")
        update_stories(writer)  # no refresh: the table is empty
    with open_store(path, read_only=True) as reader:
        assert len(claim_rows(reader)) == 5
    with open_store(path) as writer:
        refresh_claims(writer)
        stored = _snapshot(writer)
    with open_store(path, read_only=True) as reader:
        assert _snapshot(reader) == stored
        # another threshold reads other events: computed afresh, not the stored table
        reader.set_min_confidence(0.95)
        assert claim_rows(reader) == []


def test_a_claim_whose_outcome_was_stored_first():
    # the talks are stored before the plan: the plan is fulfilled by them once it arrives
    with open_store(":memory:") as store:
        _ingest(store, [TALKS, THREAT])
        assert [c.kind for c in claim_rows(store)] == ["threat"]
        _ingest(store, [PLAN])
        plan = next(c for c in claim_rows(store) if c.kind == "plan")
        assert plan.state == "fulfilled"
        assert plan.outcome_article_id == TALKS.article.id


def test_a_shard_folder_holds_the_claims_of_its_store(tmp_path):
    from eventlens.store.shards import write_shards

    path = tmp_path / "store.duckdb"
    with open_store(path) as writer:
        _ingest(writer, WORLD)
        stored = _snapshot(writer)
        write_shards(writer, tmp_path / "events")
    assert list((tmp_path / "events" / "claims").glob("month=*/data.parquet"))
    with open_store(tmp_path / "events", read_only=True) as shards:
        assert _snapshot(shards) == stored
