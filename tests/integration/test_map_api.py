"""/api/map and /api/map/events (and `db.map_points`) over a store of placed events built here:
grouping by place, counts per quad class, the events filters, and events with no place."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

import eventlens
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Place, Status
from eventlens.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note about httpx vs httpx2
    from fastapi.testclient import TestClient

KHARKIV = Place("Kharkiv", "UKR", 49.98081, 36.25272, "city", "trigger", 706483, "UA.07",
                "Kharkivska")
ISTANBUL = Place("Istanbul", "TUR", 41.01384, 28.94966, "city", "clause", 745044, "TR.34",
                 "Istanbul")
UKRAINE = Place("Ukraine", "UKR", 49.0, 32.0, "country", "actor-country", 690791)
TYPES = {"ASSAULT": ("19", 4), "ACCUSE": ("11", 3), "CONSULT": ("04", 1),
         "SANCTION": ("16", 4), "SUPPORT": ("05", 1)}
# (source, type, target, status, date, place): one article each.
ACTS = [
    ("RUS", "ASSAULT", "UKR", "asserted", "2022-03-01", KHARKIV),
    ("RUS", "ASSAULT", "UKR", "asserted", "2022-03-05", KHARKIV),
    ("UKR", "ACCUSE", "RUS", "asserted", "2022-03-06", KHARKIV),
    ("RUS", "CONSULT", "TUR", "asserted", "2022-03-10", ISTANBUL),
    ("USA", "SANCTION", "RUS", "asserted", "2022-03-11", None),
    ("USA", "SUPPORT", "UKR", "asserted", "2022-04-02", UKRAINE),
    ("RUS", "ASSAULT", "UKR", "intended", "2022-04-20", KHARKIV),
]


def _result(i: int, act) -> ArticleResult:
    source, plover, target, status, day, place = act
    text = f"{source} did {plover.lower()} to {target} (act {i})."
    art = Article(f"m{i}", text, dt.date.fromisoformat(day), title=f"Act {i}",
                  url=f"https://news.example/m{i}")
    src = Mention(0, 3, source, Actor(source, "GOV"), "test")
    at = text.index(target, 4)
    tgt = Mention(at, at + 3, target, Actor(target, "GOV"), "test")
    root, quad = TYPES[plover]
    event = Event(art.id, src, tgt, plover, root, quad, -5.0, Status(status), day, 0,
                  len(text), plover.lower(), coder="test", confidence=0.9, place=place)
    return ArticleResult(art, (event,), (), (src, tgt), ((0, len(text)),))


@pytest.fixture(scope="module")
def map_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("map") / "map.duckdb"
    with open_store(path) as store:
        store.add_results([_result(i, a) for i, a in enumerate(ACTS)], coder="test")
    return path


@pytest.fixture(scope="module")
def client(map_store):
    from eventlens.api import create_app

    with TestClient(create_app(map_store)) as c:
        yield c


def _by_name(body: dict) -> dict[str, dict]:
    return {p["name"]: p for p in body["points"]}


def test_points_group_events_by_place_with_quad_counts(client):
    body = client.get("/api/map").json()
    # asserted events only, by default, as /api/events counts them
    assert (body["placed"], body["unplaced"], body["places"]) == (5, 1, 3)
    assert body["by_precision"] == {"city": 4, "country": 1}
    points = _by_name(body)
    assert list(points) == ["Kharkiv", "Istanbul", "Ukraine"]  # busiest first
    kharkiv = points["Kharkiv"]
    assert (kharkiv["lat"], kharkiv["lon"]) == (KHARKIV.lat, KHARKIV.lon)
    assert (kharkiv["country"], kharkiv["adm1"], kharkiv["precision"]) == ("UKR", "UA.07",
                                                                          "city")
    assert kharkiv["geonameid"] == 706483
    assert kharkiv["total"] == 3
    assert (kharkiv["material_conflict"], kharkiv["verbal_conflict"]) == (2, 1)
    assert kharkiv["quad_class"] == 4
    at = client.get("/api/map/events", params={"lat": kharkiv["lat"], "lon": kharkiv["lon"]})
    assert kharkiv["event_ids"] == [e["event_id"] for e in at.json()["events"]]
    assert (kharkiv["first_date"], kharkiv["last_date"]) == ("2022-03-01", "2022-03-06")
    assert points["Istanbul"]["quad_class"] == 1
    assert points["Ukraine"]["precision"] == "country"
    total = client.get("/api/events").json()["total"]
    assert body["placed"] + body["unplaced"] == total


def test_points_take_the_events_filters(client):
    usa = client.get("/api/map", params={"source": "United States"}).json()
    assert (usa["placed"], usa["unplaced"]) == (1, 1)
    assert [p["name"] for p in usa["points"]] == ["Ukraine"]
    every = client.get("/api/map", params={"status": "all"}).json()
    assert _by_name(every)["Kharkiv"]["total"] == 4
    march = client.get("/api/map", params={"since": "2022-03", "until": "2022-03"}).json()
    assert {p["name"] for p in march["points"]} == {"Kharkiv", "Istanbul"}
    typed = client.get("/api/map", params={"type": "19"}).json()  # a CAMEO root
    assert [(p["name"], p["total"]) for p in typed["points"]] == [("Kharkiv", 2)]
    box = client.get("/api/map", params={"bbox": "30,45,40,55"}).json()  # eastern Ukraine
    assert [p["name"] for p in box["points"]] == ["Kharkiv", "Ukraine"]
    assert (box["placed"], box["unplaced"]) == (4, 0)  # a box keeps placed events only
    turkey = client.get("/api/map", params={"location_country": "TUR"}).json()
    assert [p["name"] for p in turkey["points"]] == ["Istanbul"]
    adm1 = client.get("/api/map", params={"location_adm1": "UA.07"}).json()
    assert [(p["name"], p["total"]) for p in adm1["points"]] == [("Kharkiv", 3)]
    one = client.get("/api/map", params={"limit": 1}).json()
    assert (len(one["points"]), one["places"]) == (1, 3)


def test_bad_filters_are_refused_as_on_every_events_endpoint(client):
    bad = client.get("/api/map", params={"type": "ASSALT"})
    assert bad.status_code == 400
    assert "ASSAULT" in bad.json()["hint"]
    assert client.get("/api/map", params={"since": "2022-05", "until": "2022-01"}
                      ).status_code == 400
    assert client.get("/api/map", params={"actor": "Atlantis"}).status_code == 404


def test_events_at_a_place_with_evidence(client):
    point = _by_name(client.get("/api/map").json())["Kharkiv"]
    page = client.get("/api/map/events", params={"lat": point["lat"],
                                                 "lon": point["lon"]}).json()
    assert page["total"] == 3
    assert [e["article_id"] for e in page["events"]] == ["m2", "m1", "m0"]  # newest first
    first = page["events"][0]
    assert first["evidence"] == "UKR did accuse to RUS (act 2)."
    assert (first["source_code"], first["plover_type"], first["target_code"]) == (
        "UKR:GOV", "ACCUSE", "RUS:GOV")
    assert (first["article_title"], first["location_how"]) == ("Act 2", "trigger")
    paged = client.get("/api/map/events", params={"lat": point["lat"], "lon": point["lon"],
                                                  "limit": 2, "status": "all"}).json()
    assert (paged["total"], len(paged["events"]), paged["next_offset"]) == (4, 2, 2)
    nowhere = client.get("/api/map/events", params={"lat": 0, "lon": 0}).json()
    assert (nowhere["total"], nowhere["events"]) == (0, [])
    assert client.get("/api/map/events", params={"lat": 91, "lon": 0}).status_code == 422


def test_python_api_map_points(map_store):
    with eventlens.open(map_store) as db:
        points = db.map_points(status="all")
        assert (points.placed, points.unplaced) == (6, 1)
        assert points.points[0].name == "Kharkiv"
        total, events = db.map_events(KHARKIV.lat, KHARKIV.lon, source="RUS")
        assert total == 2
        assert {e.plover_type for e in events} == {"ASSAULT"}
