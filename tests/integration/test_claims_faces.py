"""The claims on every face: CLI, Python API, REST and the exports give the same claims."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import eventlens
from eventlens.api.app import create_app
from eventlens.api.demo import build_demo_store
from eventlens.cli import app


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return build_demo_store(tmp_path_factory.mktemp("claims") / "demo.duckdb")


@pytest.fixture(scope="module")
def client(demo):
    return TestClient(create_app(demo))


def test_python_rest_and_cli_agree(demo, client, tmp_path):
    with eventlens.open(demo) as db:
        python = db.claims(actor="RUS").rows
        assert len(python) > 0
        ids = [c.claim_id for c in python]
        everything = db.claims().rows
    page = client.get("/api/claims", params={"actor": "RUS", "limit": 1000}).json()
    assert [c["claim_id"] for c in page["claims"]] == ids
    assert page["total"] == len(ids) == sum(page["states"].values())
    assert all("RUS" in (c["claimant_country"], c["target_country"]) for c in page["claims"])
    out = tmp_path / "rus.jsonl"
    result = CliRunner().invoke(app, ["claims", "--db", str(demo), "--actor", "Russia",
                                      "--format", "jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    cli = [json.loads(line)["claim_id"] for line in out.read_text().splitlines() if line]
    assert cli == ids
    # the states every face counts
    states = {s: sum(c.state == s for c in everything) for s in eventlens.claims.STATES}
    assert client.get("/api/claims", params={"limit": 1}).json()["states"] == states


def test_state_and_kind_filters(demo, client):
    with eventlens.open(demo) as db:
        settled = db.claims(state="fulfilled,carried-out").rows
        threats = db.claims(kind="threat").rows
    assert settled and {c.state for c in settled} <= {"fulfilled", "carried-out"}
    assert all(c.outcome_event_id and c.outcome_evidence for c in settled)
    assert threats and {c.kind for c in threats} == {"threat"}
    page = client.get("/api/claims", params={"state": "fulfilled,carried-out", "limit": 1000})
    assert page.json()["total"] == len(settled)


def test_one_claim_on_each_face(demo, client):
    with eventlens.open(demo) as db:
        claim = db.claims(state="fulfilled")[0]
    rest = client.get(f"/api/claims/{claim.claim_id[:8]}").json()
    assert rest["claim_id"] == claim.claim_id
    assert rest["outcome_evidence"] == claim.outcome_evidence
    result = CliRunner().invoke(app, ["claim", claim.claim_id[:8], "--db", str(demo)])
    assert result.exit_code == 0, result.output
    assert "fulfilled" in result.output and claim.claim_id in result.output
    assert " ".join(claim.outcome_evidence.split())[:40] in " ".join(result.output.split())


def test_exports_hold_the_claims(demo, client, tmp_path):
    with eventlens.open(demo) as db:
        expected = sorted(c.claim_id for c in db.claims(kind="plan"))
        assert db.export_claims(tmp_path / "plans.parquet", kind="plan") == len(expected)
    import pyarrow.parquet as pq

    assert sorted(pq.read_table(tmp_path / "plans.parquet").column("claim_id").to_pylist()) \
        == expected
    rows = list(csv.DictReader(io.StringIO(client.get("/api/claims.csv",
                                                      params={"kind": "plan"}).text)))
    assert sorted(r["claim_id"] for r in rows) == expected
    out = tmp_path / "plans.csv"
    result = CliRunner().invoke(app, ["claims", "--db", str(demo), "--kind", "plan",
                                      "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(r["claim_id"] for r in csv.DictReader(out.open())) == expected


def test_bad_values_are_refused_with_the_nearest(demo, client):
    result = CliRunner().invoke(app, ["claims", "--db", str(demo), "--state", "fulfiled"])
    assert result.exit_code == 2
    assert "fulfilled" in result.output
    assert client.get("/api/claims", params={"state": "fulfiled"}).status_code == 400
    assert client.get("/api/claims/nosuchclaim").status_code == 404
    missing = CliRunner().invoke(app, ["claim", "nosuchclaim", "--db", str(demo)])
    assert missing.exit_code == 2
