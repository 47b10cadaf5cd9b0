"""Issue 16 item 8: bounds, ids taken literally, terminal-safe output, long dyad series, the
Host header and security headers, over stores these tests write themselves."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest
from typer.testing import CliRunner

from eventlens.cli import app as cli
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status
from eventlens.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ESC_TITLE = "Talks \x1b]0;owned\x07resume \x1b[2J\x1b[31mnow\u202e"
TEXT = ("Russia held talks with Ukraine \x1b[1;31min\x1b[0m Istanbul. "
        "A bell \x07 rang and the screen \x9b2J stayed.")


def _result(aid: str, text: str, day: dt.date, *, title: str = "Talks") -> ArticleResult:
    src = Mention(0, 6, "Russia", Actor("RUS"), "test")
    tgt = Mention(text.index("Ukraine"), text.index("Ukraine") + 7, "Ukraine", Actor("UKR"),
                  "test")
    event = Event(aid, src, tgt, "CONSULT", "04", 1, 1.0, Status.ASSERTED, day.isoformat(), 0,
                  text.index(".") + 1, "held\x1b[5m", coder="test")
    return ArticleResult(Article(aid, text, day, title=title, url="https://news.example/" + aid),
                         (event,), (), (src, tgt))


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("hardening") / "store.duckdb"
    with open_store(path) as store:
        store.add_results([
            _result("ab12cd34ef560001", TEXT, dt.date(2022, 3, 1), title=ESC_TITLE),
            _result("ab12cd34ef560002", "Russia held talks with Ukraine in Minsk.",
                    dt.date(1900, 1, 1)),
        ], source="hand-made", coder="test", coder_version="0")
    return path


@pytest.fixture(scope="module")
def client(db_path):
    from eventlens.api import create_app

    with TestClient(create_app(db_path)) as c:
        yield c


def test_an_offset_past_the_bound_is_422_not_500(client):
    from eventlens.api.app import MAX_OFFSET

    for url in ("/api/events", "/api/events.csv"):
        assert client.get(url, params={"offset": 2**63}).status_code == 422
        assert client.get(url, params={"offset": MAX_OFFSET + 1}).status_code == 422
    page = client.get("/api/events", params={"offset": MAX_OFFSET}).json()
    assert page["events"] == [] and page["next_offset"] is None


def test_article_ids_are_prefixes_not_patterns(client, db_path):
    for pattern in ("%", "_", "ab12cd34ef56000_", "ab%", "%1"):
        assert client.get(f"/api/articles/{pattern}").status_code == 404
        result = CliRunner().invoke(cli, ["show", pattern, "--db", str(db_path)])
        assert result.exit_code == 2 and "no article" in result.output
    assert client.get("/api/articles/ab12cd34ef560002").json()["title"] == "Talks"
    assert client.get("/api/articles/ab12cd34ef5600").status_code == 404  # two match


def test_show_and_events_print_no_control_characters(db_path):
    shown = CliRunner().invoke(cli, ["show", "ab12cd34ef560001", "--db", str(db_path)])
    listed = CliRunner().invoke(cli, ["events", "--raw", "--db", str(db_path)])
    merged = CliRunner().invoke(cli, ["events", "--db", str(db_path)])
    for result in (shown, listed, merged):
        assert result.exit_code == 0, result.output
        bad = {c for c in result.output if (ord(c) < 32 and c not in "\n\t")
               or 0x7F <= ord(c) < 0xA0 or 0x202A <= ord(c) <= 0x202E}
        assert not bad, (bad, result.output)
    assert "Talks ]0;ownedresume [2J[31mnow" in shown.output
    assert "Istanbul" in shown.output and "held[5m" in shown.output
    assert "Russia held talks with Ukraine [1;31min[0m" in listed.output


def test_a_dyad_series_longer_than_the_cap_is_refused_with_a_hint(client):
    from eventlens.analysis.dyads import MAX_PERIODS

    response = client.get("/api/dyad", params={"a": "RUS", "b": "UKR", "freq": "day"})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "E000" and f"{MAX_PERIODS:,}" in body["message"]
    assert "coarser" in body["hint"]
    weekly = client.get("/api/dyad", params={"a": "RUS", "b": "UKR", "freq": "week"}).json()
    assert len(weekly["periods"]) == 2 * 6375  # 1900-01-01 .. 2022-02-28, every week
    sparse = client.get("/api/dyad", params={"a": "RUS", "b": "UKR", "freq": "day",
                                             "fill": "false"}).json()
    assert [p["period"] for p in sparse["periods"] if p["total"]] == ["1900-01-01",
                                                                    "2022-03-01"]


def test_responses_carry_security_headers_and_the_dashboard_is_unchanged(client):
    for url in ("/", "/api/summary", "/static/app.css", "/openapi.json", "/docs",
                "/api/articles/nothing"):
        response = client.get(url)
        assert response.headers["x-content-type-options"] == "nosniff", url
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["referrer-policy"] == "no-referrer"
    assert "/static/js/app.js" in client.get("/").text


def test_a_loopback_server_refuses_other_host_names(db_path):
    from eventlens.api import create_app
    from eventlens.api.app import LOOPBACK_HOSTS
    from eventlens.api.server import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")
    app = create_app(db_path, allowed_hosts=LOOPBACK_HOSTS)
    with TestClient(app, base_url="http://127.0.0.1:8765") as local:
        assert local.get("/api/summary").status_code == 200
        assert local.get("/api/summary", headers={"host": "localhost:8765"}).status_code == 200
        assert local.get("/api/summary", headers={"host": "[::1]:8765"}).status_code == 200
        refused = local.get("/api/summary", headers={"host": "attacker.example"})
        assert refused.status_code == 400
        assert local.get("/", headers={"host": "127.0.0.1.nip.io"}).status_code == 400


def test_the_openapi_document_lists_the_400_answers(client):
    doc = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/counts", "/api/events.{fmt}", "/api/dyad",
                 "/api/actors", "/api/network", "/api/search"):
        responses = doc["paths"][path]["get"]["responses"]
        assert "400" in responses, path
        assert responses["400"]["content"]["application/json"]["schema"]["$ref"].endswith(
            "/ErrorBody")
    offset = next(p for p in doc["paths"]["/api/events"]["get"]["parameters"]
                  if p["name"] == "offset")
    assert offset["schema"]["maximum"] == 2**53 - 1
