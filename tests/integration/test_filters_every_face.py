"""The Python API and the REST API read filters as the CLI does (eventlens.filters): names,
CAMEO codes, 'all', whole years and months; a value no event can have is an error naming the
accepted values and the nearest one, never an empty answer."""

from __future__ import annotations

import warnings

import pytest

import eventlens
from eventlens.errors import FilterError

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

@pytest.fixture(scope="module")
def db_path(filter_store):
    return filter_store


@pytest.fixture(scope="module")
def db(db_path):
    with eventlens.open(db_path) as opened:
        yield opened


@pytest.fixture(scope="module")
def client(db_path):
    from eventlens.api.app import create_app

    with TestClient(create_app(db_path)) as test_client:
        yield test_client


def _types(result) -> list[str]:
    return sorted(r.plover_type for r in result)


def test_python_reads_names_cameo_codes_and_whole_periods(db):
    assert _types(db.events(source="Russia", status="all")) == \
        _types(db.events(source="RUS", status="all")) == ["ASSAULT", "COERCE", "CONSULT"]
    assert _types(db.events(type="19")) == ["ASSAULT", "COERCE"]
    assert _types(db.events(target="Ukraine", until="2022-02")) == ["ASSAULT"]
    assert len(db.events(status="all", since="2022", until="2022")) == 4
    assert len(db.events(status="all", until="2022")) == 4  # 'until 2022' is all of 2022
    assert db.count(status="all", dyad=("Russia", "Ukraine")) == 3


@pytest.mark.parametrize(("filters", "said"), [
    ({"type": "ATTACK"}, "AGREE, CONSULT"),
    ({"status": "asserted_"}, "did you mean 'asserted'"),
    ({"source": "Rusia"}, "did you mean 'Russia' (RUS)"),
    ({"since": "2022-03", "until": "2022-02"}, "inverted"),
    ({"until": "2022-13"}, "YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_python_refuses_what_no_event_can_have(db, filters, said):
    with pytest.raises(FilterError, match=said.replace("(", r"\(").replace(")", r"\)")):
        len(db.events(**filters))
    with pytest.raises(ValueError):
        db.count(**filters)


def test_python_dyad_and_network_read_dates_and_names_the_same_way(db):
    weeks = db.dyad("Russia", "Ukraine", freq="month", since="2022", until="2022-03",
                    status="all")
    assert {row.source for row in weeks} == {"RUS", "UKR"}
    assert sum(row.total for row in weeks) == 2  # the 2023 accusation is outside
    with pytest.raises(FilterError, match="inverted"):
        db.dyad("RUS", "UKR", since="2023", until="2022")
    with pytest.raises(FilterError, match="unknown"):
        db.dyad("RUS", "XYZ")
    with pytest.raises(FilterError, match="did you mean 'ASSAULT'"):
        db.network(type="ASAULT")


def test_rest_reads_names_and_cameo_codes(client):
    by_name = client.get("/api/events", params={"source": "Russia", "status": "all"}).json()
    by_code = client.get("/api/events", params={"source": "RUS", "status": "all"}).json()
    assert by_name["total"] == by_code["total"] == 3
    cameo = client.get("/api/events", params={"type": "19"}).json()
    assert sorted(e["plover_type"] for e in cameo["events"]) == ["ASSAULT", "COERCE"]
    feb = client.get("/api/events", params={"since": "2022-02", "until": "2022-02"}).json()
    assert feb["total"] == 2
    dyad = client.get("/api/dyad", params={"a": "Russia", "b": "Ukraine", "freq": "month",
                                           "status": "all"})
    assert dyad.status_code == 200 and dyad.json()["a"] == "RUS"


@pytest.mark.parametrize(("path", "params", "status", "said"), [
    ("/api/events", {"type": "ATTACK"}, 400, "AGREE, CONSULT"),
    ("/api/events", {"since": "2022-03", "until": "2022-02"}, 400, "inverted"),
    ("/api/events/counts", {"type": "ASAULT"}, 400, "did you mean 'ASSAULT'"),
    ("/api/dyad", {"a": "RUS", "b": "UKR", "since": "2023", "until": "2022"}, 400, "inverted"),
    ("/api/network", {"type": "ATTACK"}, 400, "AGREE, CONSULT"),
    # an actor nobody knows is answered as an unknown article is: 404
    ("/api/events", {"source": "Rusia"}, 404, "did you mean 'Russia' (RUS)"),
    ("/api/events.csv", {"actor": "XYZ"}, 404, "unknown actor 'XYZ'"),
    ("/api/dyad", {"a": "RUS", "b": "QQQ"}, 404, "unknown b 'QQQ'"),
])
def test_rest_refuses_what_no_event_can_have_with_the_accepted_values(client, path, params,
                                                                       status, said):
    answer = client.get(path, params=params)
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["error"] == ("E701" if status == 404 else "E700")
    assert said in f"{body['message']} ({body['hint']})"


def test_the_openapi_document_gives_the_accepted_types(client):
    import re

    from eventlens.filters import event_types

    params = client.get("/openapi.json").json()["paths"]["/api/events"]["get"]["parameters"]
    pattern = re.compile(next(p for p in params if p["name"] == "type")["schema"]["pattern"])
    for value in ("", "ASSAULT", "assault, consult", "19", "0311", "19,190"):
        assert pattern.match(value) and (event_types(value) or value == "")
    for value in ("ATTACK", "99", "ASSAULT,", " ", "01"):
        assert not pattern.match(value)
        with pytest.raises(FilterError):
            event_types(value)
