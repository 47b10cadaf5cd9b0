"""Events filtered by where they happened (country, ADM1, bounding box) on every face, and the
place in the exports (GDELT ActionGeo_*, the eventlens location_* columns)."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from eventlens import filters
from eventlens.errors import FilterError, UnknownActorError
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Place, Status
from eventlens.store import EventFilter, open_store
from eventlens.store.exports import export

TEXT = ("Russian forces shelled Kharkiv. Georgia police arrested protesters in Atlanta. "
        "The EU imposed sanctions on Iran. Troops attacked the town.")
KHARKIV = Place("Kharkiv", "UKR", 49.9818, 36.2548, "city", "trigger", 706483, "UA.07",
                "Kharkiv")
ATLANTA = Place("Atlanta", "USA", 33.749, -84.388, "city", "trigger", 4180439, "US.GA",
                "Georgia")
IRAN = Place("Iran", "IRN", 32.6, 51.6, "country", "actor-country")


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    aid = "pl1"
    art = Article(aid, TEXT, dt.date(2024, 5, 13), title="Places", url="https://x.example/p")

    def mention(start, end, country, role=""):
        return Mention(start, end, TEXT[start:end], Actor(country, role), "test")

    events = (
        Event(aid, mention(0, 14, "RUS", "MIL"), mention(23, 30, "UKR"), "ASSAULT", "19", 4,
              -10.0, Status.ASSERTED, "2024-05-12", 0, 31, "shell", location="Kharkiv",
              place=KHARKIV),
        Event(aid, mention(32, 46, "USA", "GOV"), None, "COERCE", "17", 4, -7.0,
              Status.ASSERTED, "2024-05-12", 32, 78, "arrest", location="Atlanta",
              place=ATLANTA),
        Event(aid, mention(79, 85, "EU", "IGO"), mention(107, 111, "IRN"), "SANCTION", "16",
              3, -4.0, Status.ASSERTED, "2024-05-12", 79, 112, "impose sanction",
              place=IRAN),
        Event(aid, mention(113, 119, "", "MIL"), None, "ASSAULT", "19", 4, -10.0,
              Status.ASSERTED, "2024-05-12", 113, len(TEXT), "attack", location="the town"),
    )
    path = tmp_path_factory.mktemp("places") / "p.duckdb"
    with open_store(path) as s:
        s.add_results([ArticleResult(art, events)], coder="test", coder_version="1")
    return path


def _types(store, **kw) -> list[str]:
    cur = store.events(EventFilter(**kw))
    cols = [d[0] for d in cur.description]
    return sorted(dict(zip(cols, r, strict=True))["plover_type"] for r in cur.fetchall())


def test_the_store_keeps_the_place_columns(db_path):
    with open_store(db_path, read_only=True) as store:
        rows = store.rows("SELECT location, location_geonameid, location_name, location_country, "
                          "location_adm1, location_adm1_name, location_lat, location_lon, "
                          "location_precision, location_how FROM events ORDER BY evidence_start")
    assert rows[0] == {"location": "Kharkiv", "location_geonameid": 706483,
                       "location_name": "Kharkiv", "location_country": "UKR",
                       "location_adm1": "UA.07", "location_adm1_name": "Kharkiv",
                       "location_lat": 49.9818, "location_lon": 36.2548,
                       "location_precision": "city", "location_how": "trigger"}
    assert rows[2]["location_adm1"] is None and rows[2]["location_how"] == "actor-country"
    assert rows[3]["location"] == "the town" and rows[3]["location_lat"] is None


def test_store_filters_by_country_adm1_and_box(db_path):
    with open_store(db_path, read_only=True) as store:
        assert _types(store, location_country="UKR") == ["ASSAULT"]
        assert _types(store, location_adm1="us.ga") == ["COERCE"]
        assert _types(store, bbox=(22.0, 44.0, 41.0, 53.0)) == ["ASSAULT"]
        assert _types(store, bbox=(-180.0, -90.0, 180.0, 90.0)) == ["ASSAULT", "COERCE",
                                                                    "SANCTION"]
        # a box across the antimeridian: from 30E eastwards round to 100W
        assert _types(store, bbox=(30.0, 0.0, -100.0, 60.0)) == ["ASSAULT", "SANCTION"]


def test_the_python_api_reads_place_filters_as_every_face_does(db_path):
    import eventlens

    with eventlens.open(db_path) as db:
        assert [e.plover_type for e in db.events(location_country="Ukraine")] == ["ASSAULT"]
        assert [e.location_name for e in db.events(bbox="-90,30,-80,40")] == ["Atlanta"]
        assert db.count(location_adm1="UA.07") == 1
        with pytest.raises(UnknownActorError):
            db.events(location_country="NATO")


def test_rest_events_take_the_place_filters(db_path):
    from fastapi.testclient import TestClient

    from eventlens.api import create_app

    client = TestClient(create_app(db_path))
    body = client.get("/api/events", params={"location_adm1": "UA.07"}).json()
    assert [e["location_name"] for e in body["events"]] == ["Kharkiv"]
    body = client.get("/api/events", params={"bbox": "40,25,65,40"}).json()
    assert [e["location_country"] for e in body["events"]] == ["IRN"]
    assert client.get("/api/events", params={"bbox": "1,2,3"}).status_code == 400
    assert client.get("/api/events", params={"location_country": "XXQ"}).status_code == 404


@pytest.mark.parametrize("value, message", [
    ("1,2,3", "four numbers"), ("a,b,c,d", "min_lon"), ("0,95,10,96", "out of range")])
def test_bad_boxes_say_what_a_box_is(value, message):
    with pytest.raises(FilterError, match=message):
        filters.parse_bbox(value)


def test_boxes_and_adm1_codes_are_read_alike():
    assert filters.parse_bbox("22, 53, 41, 44") == (22.0, 44.0, 41.0, 53.0)
    assert filters.adm1_code(" ua.12 ") == "UA.12"
    with pytest.raises(FilterError, match="admin1 code"):
        filters.adm1_code("Kharkiv")


def _rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_gdelt_action_geo_columns(db_path, tmp_path):
    out = tmp_path / "g.csv"
    with open_store(db_path, read_only=True) as store:
        export(store, EventFilter(), out, "csv", "gdelt")
    rows = {r["eventlens_evidence"][:12]: r for r in _rows(out)}
    kharkiv = rows["Russian forc"]
    assert kharkiv["ActionGeo_Type"] == "4"  # a world city
    assert kharkiv["ActionGeo_FullName"] == "Kharkiv, Kharkiv, Ukraine"
    assert kharkiv["ActionGeo_CountryCode"] == "UP"  # FIPS 10-4, as GDELT writes it
    assert kharkiv["ActionGeo_ADM1Code"] == "UP07"
    assert float(kharkiv["ActionGeo_Lat"]) == pytest.approx(49.9818)
    assert float(kharkiv["ActionGeo_Long"]) == pytest.approx(36.2548)
    assert kharkiv["ActionGeo_FeatureID"] == "706483"
    atlanta = rows["Georgia poli"]
    assert (atlanta["ActionGeo_Type"], atlanta["ActionGeo_ADM1Code"]) == ("3", "USGA")
    iran = rows["The EU impos"]
    assert (iran["ActionGeo_Type"], iran["ActionGeo_FullName"], iran["ActionGeo_ADM1Code"],
            iran["eventlens_location_how"]) == ("1", "Iran", "IR", "actor-country")
    town = rows["Troops attac"]
    assert (town["ActionGeo_Type"], town["ActionGeo_FullName"], town["ActionGeo_Lat"]) == \
        ("0", "the town", "")


def test_eventlens_export_has_the_location_columns(db_path, tmp_path):
    out = tmp_path / "e.csv"
    with open_store(db_path, read_only=True) as store:
        export(store, EventFilter(location_country="USA"), out, "csv", "eventlens")
    (row,) = _rows(out)
    assert (row["location_name"], row["location_adm1"], row["location_adm1_name"],
            row["location_precision"], row["location_how"]) == \
        ("Atlanta", "US.GA", "Georgia", "city", "trigger")


def test_show_prints_the_place_with_its_precision():
    from eventlens.cli import place_line

    assert place_line({"location_lat": 49.9818, "location_lon": 36.2548,
                       "location_name": "Kharkiv", "location_adm1": "UA.07",
                       "location_adm1_name": "Kharkiv", "location_country": "UKR",
                       "location_precision": "city", "location_how": "trigger"}) == \
        "Kharkiv, Kharkiv (UA.07), UKR at 49.98, 36.25 (city; by trigger)"
    assert place_line({"location": "the town", "location_lat": None}) == \
        "the town (not in the gazetteer: no point)"
