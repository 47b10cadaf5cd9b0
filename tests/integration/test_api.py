"""The REST API as a client uses it, over a store built here from hand-made results."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import warnings

import pyarrow.parquet as pq
import pytest

from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Quote, Status
from eventlens.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note about httpx vs httpx2
    from fastapi.testclient import TestClient

TYPES = {"ASSAULT": ("19", 4, -10.0), "ACCUSE": ("11", 3, -2.0), "SANCTION": ("16", 4, -4.0),
         "SUPPORT": ("05", 1, 3.5), "CONSULT": ("04", 1, 1.0), "MOBILIZE": ("15", 4, -7.2)}


def _article(text: str, published: str, title: str, specs, quotes=()) -> ArticleResult:
    """An article and its events from (source phrase, actor, type, target phrase, actor,
    status, date) tuples; offsets are found in the text, evidence is the sentence."""
    aid = f"art{abs(hash(text)) % 10**8:08d}"
    art = Article(aid, text, dt.date.fromisoformat(published), title=title,
                  url=f"https://news.example/{aid}", outlet="Example News")
    events, mentions = [], []
    for s_phrase, s_actor, ptype, t_phrase, t_actor, status, date in specs:
        s_at = text.index(s_phrase)
        start = text.rfind(". ", 0, s_at)
        start = 0 if start < 0 else start + 2
        end = text.index(".", s_at) + 1
        src = Mention(s_at, s_at + len(s_phrase), s_phrase, s_actor, "test")
        t_at = text.index(t_phrase, s_at + len(s_phrase))
        tgt = Mention(t_at, t_at + len(t_phrase), t_phrase, t_actor, "test")
        cameo, quad, intensity = TYPES[ptype]
        events.append(Event(aid, src, tgt, ptype, cameo, quad, intensity, status, date, start,
                            end, text[s_at + len(s_phrase):].split()[0], coder="test"))
        mentions += [src, tgt]
    quote_rows = tuple(Quote(aid, speaker, actor, text[text.index(words):][:len(words)],
                             text.index(words), text.index(words) + len(words))
                       for speaker, actor, words in quotes)
    return ArticleResult(art, tuple(events), quote_rows, tuple(mentions))


RUS_GOV, RUS_MIL, RUS = Actor("RUS", "GOV"), Actor("RUS", "MIL"), Actor("RUS")
UKR_GOV, UKR = Actor("UKR", "GOV"), Actor("UKR")
A, INT, D = Status.ASSERTED, Status.INTENDED, Status.DENIED

RESULTS = [
    _article("Russian forces attacked Kyiv at dawn. Ukraine accused Moscow of aggression.",
             "2022-02-24", "Invasion begins", [
                 ("Russian forces", RUS_MIL, "ASSAULT", "Kyiv", UKR_GOV, A, "2022-02-24"),
                 ("Ukraine", UKR, "ACCUSE", "Moscow", RUS_GOV, A, "2022-02-24")]),
    _article("The United States imposed sanctions on Russia. China voiced support for Moscow. "
             "\u201cWe stand with our partner,\u201d a Chinese spokesman said.",
             "2022-03-01", "Sanctions and support", [
                 ("The United States", Actor("USA"), "SANCTION", "Russia", RUS, A, "2022-03-01"),
                 ("China", Actor("CHN"), "SUPPORT", "Moscow", RUS_GOV, A, "2022-03-01")],
             quotes=[("a Chinese spokesman", Actor("CHN", "GOV"), "We stand with our partner")]),
    _article("Russia held talks with Ukraine in Belarus. The Kremlin denied it would attack "
             "Kharkiv.", "2022-03-02", "Talks in Belarus", [
                 ("Russia", RUS, "CONSULT", "Ukraine", UKR, A, "2022-03-02"),
                 ("The Kremlin", RUS_GOV, "ASSAULT", "Kharkiv", UKR, D, "2022-03-02")]),
    _article("Ukraine held talks with Russia again on Monday.", "2022-03-07", "More talks", [
        ("Ukraine", UKR, "CONSULT", "Russia", RUS, A, "2022-03-07")]),
    _article("NATO will move more troops to Poland next month, officials said.", "2022-03-20",
             "NATO reinforcements", [
                 ("NATO", Actor("NATO", "IGO"), "MOBILIZE", "Poland", Actor("POL"), INT,
                  "2022-04")]),
]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    with open_store(path) as store:
        store.add_results(RESULTS, source="hand-made", coder="test", coder_version="0")
    return path


@pytest.fixture(scope="module")
def client(db_path):
    from eventlens.api import create_app

    with TestClient(create_app(db_path, max_limit=100)) as c:
        yield c


def _events(client, **params) -> dict:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_events_filters(client):
    assert _events(client)["total"] == 6  # asserted events by default, as on every face
    assert _events(client, status="all")["total"] == 8
    page = _events(client, source="RUS", type="assault", status="all")
    assert {e["status"] for e in page["events"]} == {"asserted", "denied"}
    assert _events(client, source="RUS:MIL")["total"] == 1
    assert _events(client, target="UKR", status="asserted")["total"] == 2
    assert _events(client, since="2022-03-01", until="2022-03-02", status="all")["total"] == 4
    assert _events(client, since="2022-04", status="intended")["events"][0]["date_text"] \
        == "2022-04"
    assert _events(client, q="sanctions")["events"][0]["plover_type"] == "SANCTION"
    assert _events(client, actor="CHN")["total"] == 1
    assert _events(client, quad=1)["total"] == 3


def test_events_carry_evidence_and_their_articles(client):
    page = _events(client, dyad="RUS,UKR", type="CONSULT")
    assert page["total"] == 2
    assert {(e["source_country"], e["target_country"]) for e in page["events"]} == {
        ("RUS", "UKR"), ("UKR", "RUS")}
    first = page["events"][0]
    assert first["evidence"] == "Ukraine held talks with Russia again on Monday."
    assert page["articles"][first["article_id"]]["title"] == "More talks"


def test_events_pagination_and_hard_maximum(client):
    first = _events(client, limit=3, status="all")
    assert first["next_offset"] == 3 and len(first["events"]) == 3
    rest = _events(client, limit=3, offset=6, status="all")
    assert rest["next_offset"] is None and len(rest["events"]) == 2
    seen = {e["event_id"] for e in first["events"]} | {e["event_id"] for e in rest["events"]}
    assert len(seen) == 5
    assert client.get("/api/events", params={"limit": 101}).status_code == 422


def test_event_counts_per_period(client):
    months = client.get("/api/events/counts", params={"freq": "month", "status": "all"}).json()
    assert [m["period"] for m in months] == ["2022-02-01", "2022-03-01", "2022-04-01"]
    march = months[1]
    assert (march["total"], march["verbal_cooperation"], march["material_conflict"]) == (5, 3, 2)
    ukr = client.get("/api/events/counts", params={"actor": "UKR", "freq": "year",
                                                     "status": "all"}).json()
    assert ukr == [{"period": "2022-01-01", "verbal_cooperation": 2, "material_cooperation": 0,
                    "verbal_conflict": 1, "material_conflict": 2, "total": 5}]


def test_bad_input_is_a_clear_400(client):
    response = client.get("/api/events", params={"since": "24/02/2022"})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["message"]
    assert client.get("/api/events", params={"status": "rumoured"}).status_code == 400
    assert client.get("/api/events", params={"dyad": "RUS"}).status_code == 400
    assert client.get("/api/dyad", params={"a": "RUS", "b": "UKR", "freq": "hour"}).status_code \
        == 422


def test_dyad_timeline_both_directions(client):
    data = client.get("/api/dyad", params={"a": "rus", "b": "ukr", "freq": "week"}).json()
    assert (data["a"], data["b"], data["a_name"], data["b_name"]) == ("RUS", "UKR", "Russia",
                                                                      "Ukraine")
    by_key = {(p["period"], p["source"]): p for p in data["periods"]}
    # Week of Monday 2022-02-21: the assault (material conflict) and Ukraine's accusation.
    assert by_key[("2022-02-21", "RUS")]["material_conflict"] == 1
    assert by_key[("2022-02-21", "RUS")]["mean_intensity"] == -10.0
    assert by_key[("2022-02-21", "UKR")]["verbal_conflict"] == 1
    # Week of 2022-02-28: talks; the denied attack is not counted by default.
    feb28 = by_key[("2022-02-28", "RUS")]
    assert (feb28["verbal_cooperation"], feb28["material_conflict"], feb28["total"]) == (1, 0, 1)
    assert by_key[("2022-03-07", "UKR")]["total"] == 1
    assert by_key[("2022-03-07", "RUS")]["total"] == 0  # filled, so charts show the quiet week
    everything = client.get("/api/dyad", params={"a": "RUS", "b": "UKR", "status": "all"}).json()
    assert sum(p["total"] for p in everything["periods"]) == 5


def test_actors_and_network(client):
    actors = {a["code"]: a for a in client.get("/api/actors").json()}
    # asserted events, as every face counts: the denied attack and NATO's intention are not
    assert actors["RUS"]["name"] == "Russia" and actors["RUS"]["as_source"] == 2
    assert actors["RUS"]["roles"] == ["GOV", "MIL"]
    assert "NATO" not in actors
    net = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert edges[("USA", "RUS")]["conflict"] == 1
    assert edges[("CHN", "RUS")]["cooperation"] == 1
    assert ("NATO", "POL") not in edges  # intended, not asserted
    everything = client.get("/api/network", params={"status": "all"}).json()
    assert any(e["source"] == "NATO" for e in everything["edges"])


def test_article_with_events_quotes_and_prefix(client):
    aid = RESULTS[1].article.id
    art = client.get(f"/api/articles/{aid[:7]}").json()
    assert art["id"] == aid and art["title"] == "Sanctions and support"
    assert [e["plover_type"] for e in art["events"]] == ["SANCTION", "SUPPORT"]
    start, end = art["events"][0]["evidence_start"], art["events"][0]["evidence_end"]
    assert art["text"][start:end] == "The United States imposed sanctions on Russia."
    assert art["quotes"][0]["text"] == "We stand with our partner"
    assert len(art["mentions"]) == 4
    assert client.get("/api/articles/nope").status_code == 404


def test_search_full_text(client):
    data = client.get("/api/search", params={"q": "sanction"}).json()
    assert data["backend"] == "fts"
    assert data["hits"][0]["title"] == "Sanctions and support"
    assert data["hits"][0]["evidence"][0]["plover_type"] == "SANCTION"
    talks = client.get("/api/search", params={"q": "talks Belarus"}).json()["hits"]
    assert talks[0]["title"] == "Talks in Belarus"
    assert client.get("/api/search", params={"q": "zeppelin"}).json()["hits"] == []


def test_download_csv_keeps_leading_zeros(client):
    response = client.get("/api/events.csv", params={"type": "CONSULT"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["cameo_root"] for r in rows} == {"04"}
    assert '"04"' in response.text


def test_download_gdelt_and_icews_columns(client):
    gdelt = client.get("/api/events.csv", params={"columns": "gdelt", "type": "SUPPORT"}).text
    row = next(csv.DictReader(io.StringIO(gdelt)))
    assert (row["EventRootCode"], row["EventCode"], row["QuadClass"]) == ("05", "050", "1")
    assert (row["Actor1CountryCode"], row["Actor2Code"]) == ("CHN", "RUSGOV")
    assert row["SQLDATE"] == "20220301" and row["SOURCEURL"].startswith("https://news.example/")
    icews = client.get("/api/events.tsv", params={"columns": "icews", "source": "NATO",
                                                  "status": "intended"}).text
    row = next(csv.DictReader(io.StringIO(icews), delimiter="\t"))
    assert row["CAMEO Code"] == "150" and row["Event Text"].startswith("Demonstrate military")
    assert row["Target Country"] == "Poland" and row["Source Sectors"] == "International " \
        "Organization"


def test_download_plover_jsonl_json_and_parquet(client, tmp_path):
    lines = client.get("/api/events.jsonl", params={"columns": "plover", "source": "USA"}).text
    record = json.loads(lines.splitlines()[0])
    assert record["event"] == ["SANCTION"] and record["source"][0]["code"] == "USA"
    assert record["recipient"][0]["code"] == "RUS" and record["date"] == "2022-03-01"
    array = client.get("/api/events.json", params={"limit": 3}).json()
    assert isinstance(array, list) and len(array) == 3
    response = client.get("/api/events.parquet", params={"columns": "gdelt", "status": "all"})
    path = tmp_path / "e.parquet"
    path.write_bytes(response.content)
    table = pq.read_table(path)
    assert table.num_rows == 8
    assert str(table.schema.field("EventRootCode").type) == "string"
    assert "04" in table.column("EventRootCode").to_pylist()


def test_openapi_docs_and_dashboard_are_served_offline(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events.{fmt}", "/api/dyad", "/api/actors", "/api/network",
                 "/api/articles/{article_id}", "/api/search", "/api/summary"):
        assert path in spec["paths"], path
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    index = client.get("/").text
    assert "/static/js/app.js" in index and "http" not in index.replace("http-equiv", "")
    for asset in ("/static/app.css", "/static/js/app.js", "/static/js/dyad.js"):
        assert client.get(asset).status_code == 200, asset
    summary = client.get("/api/summary").json()
    assert (summary["store_articles"], summary["events"], summary["quotes"]) == (5, 6, 1)
    assert client.get("/api/summary", params={"status": "all"}).json()["events"] == 8


def test_plotly_bundle_comes_from_the_installed_package(client):
    pytest.importorskip("plotly")
    response = client.get("/static/vendor/plotly.min.js")
    assert response.status_code == 200 and b"plotly.js" in response.content[:200]


def test_store_is_opened_read_only(client):
    import duckdb

    store = client.app.state.holder.store
    with pytest.raises(duckdb.Error, match="read-only"):
        store.con.execute("CREATE TABLE scratch (x INTEGER)")


def test_total_is_right_past_the_last_page(client):
    beyond = _events(client, limit=5, offset=20, status="all")
    assert beyond["total"] == 8 and beyond["events"] == [] and beyond["next_offset"] is None
    last = _events(client, limit=5, offset=5, status="all")
    assert last["total"] == 8 and len(last["events"]) == 3
