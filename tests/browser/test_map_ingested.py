"""The map page over real coder output: examples/news ingested through the pipeline, whose
geocoder places each event (a place in the text, else the target's or source's country). The
circles are /api/map's, the places are the geocoder's, and a click lists what it placed there."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.model]

NEWS = Path(__file__).resolve().parents[2] / "examples" / "news"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory, serve_store, coder):
    """The dashboard over examples/news as `eventlens ingest` stores it (overrides the demo)."""
    from eventlens.pipeline import ingest
    from eventlens.store import open_store

    db = tmp_path_factory.mktemp("map-ingested") / "news.duckdb"
    with open_store(db) as store:
        ingest([NEWS], store, coder=coder)
    return serve_store(db)


def _api(base: str, path: str, **params) -> dict:
    url = f"{base}{path}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (localhost)
        return json.load(response)


def test_geocoded_events_on_the_map(page):
    expected = _api(page.base, "/api/map")
    events = _api(page.base, "/api/events", limit=1000)
    assert expected["placed"] + expected["unplaced"] == events["total"]
    assert expected["placed"] > 0.5 * events["total"], "the geocoder places most events"
    # every point is where the geocoder put the events it counts
    placed = {}
    for ev in events["events"]:
        if ev["location_lat"] is not None:
            key = (ev["location_lat"], ev["location_lon"], ev["location_name"])
            placed[key] = placed.get(key, 0) + 1
    assert {(p["lat"], p["lon"], p["name"]): p["total"] for p in expected["points"]} == placed
    page.goto(page.base + "/#/map")
    page.wait_for_selector("#map-svg circle.map-point")
    circles = page.evaluate("""() => [...document.querySelectorAll('#map-svg circle.map-point')]
        .map((c) => [c.point.name, Number(c.dataset.total), c.getAttribute('class')])""")
    assert [(n, t) for n, t, _ in circles] == [(p["name"], p["total"])
                                               for p in expected["points"]]
    assert any("prec-country" in cls for *_, cls in circles)
    assert any("prec-city" in cls or "prec-site" in cls for *_, cls in circles)
    # the busiest place the text names: click it, read what was placed there
    city = next(p for p in expected["points"] if p["precision"] in ("city", "site"))
    at = _api(page.base, "/api/map/events", lat=city["lat"], lon=city["lon"])
    index = [n for n, *_ in circles].index(city["name"])
    page.locator("#map-svg circle.map-point").nth(index).click()
    page.wait_for_selector("#place-events li.map-event")
    listed = page.locator("#place-events li.map-event")
    assert [listed.nth(i).get_attribute("data-event") for i in range(listed.count())] == [
        e["event_id"] for e in at["events"]]
    assert " ".join(at["events"][0]["evidence"].split()) in listed.first.inner_text()
