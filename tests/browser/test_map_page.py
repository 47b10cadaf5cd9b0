"""The map page over the demo store (whose acts are placed by hand: Kharkiv, Istanbul, Crimea,
else the target's country): outlines shipped with the dashboard, one circle per place sized
and coloured as /api/map says, a click listing the place's events with their evidence, and
nothing fetched from anywhere but the test server."""

from __future__ import annotations

import json
import math
import urllib.parse
import urllib.request

import pytest

pytestmark = pytest.mark.browser

MIN_R, MAX_R = 3, 22  # as js/map.js sizes circles


def _api(base: str, path: str, **params) -> dict:
    url = f"{base}{path}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (localhost)
        return json.load(response)


def _circles(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('#map-svg circle.map-point')]
        .map((c) => ({total: Number(c.dataset.total), r: Number(c.dataset.r),
                      cls: c.getAttribute('class'), fill: c.getAttribute('fill'),
                      lat: c.point.lat, lon: c.point.lon,
                      width: c.getBoundingClientRect().width}))""")


def test_outlines_and_points_match_the_api(page, shot):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    expected = _api(page.base, "/api/map")
    assert expected["placed"] and expected["unplaced"], "the fixture places most events"
    page.goto(page.base + "/#/map")
    page.wait_for_selector("#map-svg circle.map-point")
    assert page.locator(".tabs a.active").inner_text() == "Map"
    world = _api(page.base, "/static/world.json")
    assert page.locator("#map-svg path.country").count() == len(world["countries"]) > 150
    circles = _circles(page)
    assert [(c["lat"], c["lon"], c["total"]) for c in circles] == [
        (p["lat"], p["lon"], p["total"]) for p in expected["points"]]
    biggest = expected["points"][0]["total"]
    colours = {1: "#4c9be8", 2: "#2bb673", 3: "#f5a623", 4: "#e0475b"}
    for circle, point in zip(circles, expected["points"], strict=True):
        radius = max(MIN_R, MAX_R * math.sqrt(point["total"] / biggest))
        assert circle["r"] == pytest.approx(radius, abs=1e-3)
        assert circle["width"] == pytest.approx(2 * radius, abs=2.5)  # drawn at that size
        assert f"q{point['quad_class']}" in circle["cls"]
        assert circle["fill"] == colours[point["quad_class"]]
        assert f"prec-{point['precision']}" in circle["cls"]
    assert {c["cls"].split()[-1] for c in circles} == {"prec-city", "prec-adm1",
                                                       "prec-country"}
    assert page.inner_text("#map-counts").startswith(f"{expected['placed']} events at "
                                                     f"{expected['places']} places")
    assert page.inner_text("#map-unplaced").startswith(f"{expected['unplaced']} events have "
                                                       "no place")
    shot(page, "map")
    assert requests and all(url.startswith(page.base) for url in requests), requests
    assert page.base + "/static/world.json" in requests


def test_click_lists_the_events_there_with_evidence(page, shot):
    kharkiv = next(p for p in _api(page.base, "/api/map")["points"] if p["name"] == "Kharkiv")
    at = _api(page.base, "/api/map/events", lat=kharkiv["lat"], lon=kharkiv["lon"])
    page.goto(page.base + "/#/map")
    page.wait_for_selector("#map-svg circle.map-point")
    index = page.evaluate("""(name) => [...document.querySelectorAll('#map-svg circle.map-point')]
        .findIndex((c) => c.point.name === name)""", "Kharkiv")
    page.locator("#map-svg circle.map-point").nth(index).click()
    page.wait_for_selector("#place-events li.map-event")
    assert page.inner_text("#place-name").startswith("Kharkiv")
    rows = page.locator("#place-events li.map-event")
    assert rows.count() == min(25, at["total"])
    first = at["events"][0]
    assert rows.first.get_attribute("data-event") == first["event_id"]
    assert " ".join(first["evidence"].split()) in rows.first.inner_text()
    assert rows.first.locator(".chip").inner_text() == first["plover_type"]
    assert page.evaluate("location.hash").endswith(
        f"at={kharkiv['lat']},{kharkiv['lon']}")
    shot(page, "map-place")
    rows.first.locator(".source-line a").click()
    page.wait_for_function("location.hash.startsWith('#/article/')")
    assert first["article_id"] in page.evaluate("location.hash")


def test_map_keeps_the_events_filters(page):
    expected = _api(page.base, "/api/map", source="USA", type="SANCTION")
    page.goto(page.base + "/#/events?source=USA&type=SANCTION")
    page.wait_for_selector("table.events tbody tr")
    page.click("#map-these")
    page.wait_for_function("location.hash.startsWith('#/map?')")
    page.wait_for_selector("#map-counts")
    assert page.input_value("#m-source") == "USA"
    assert page.input_value("#m-type") == "SANCTION"
    circles = _circles(page)
    assert [c["total"] for c in circles] == [p["total"] for p in expected["points"]]
    assert sum(c["total"] for c in circles) == expected["placed"]
    events = _api(page.base, "/api/events", source="USA", type="SANCTION")
    assert expected["placed"] + expected["unplaced"] == events["total"]


def test_wheel_zooms_and_circles_keep_their_size(page):
    page.goto(page.base + "/#/map?source=RUS&target=UKR")
    page.wait_for_selector("#map-svg circle.map-point")
    zoom = lambda: float(page.get_attribute("#map-svg", "data-zoom"))  # noqa: E731
    fitted = zoom()
    assert fitted > 1  # the view opens on the places, not the whole world
    before = _circles(page)[0]["width"]
    box = page.locator("#map-svg").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.3)
    for _ in range(3):
        page.mouse.wheel(0, -120)
    page.wait_for_function(f"Number(document.querySelector('#map-svg').dataset.zoom) > "
                           f"{fitted * 1.5}")
    assert _circles(page)[0]["width"] == pytest.approx(before, abs=1)
    page.click("#zoom-world")
    assert page.get_attribute("#map-svg", "viewBox") == "-180 -84 360 144"
    assert zoom() == 1


def test_only_this_view_and_the_place_filters(page):
    page.goto(page.base + "/#/map?source=RUS")
    page.wait_for_selector("#map-svg circle.map-point")
    page.click("#zoom-in")
    page.click("#view-filter")
    page.wait_for_function("location.hash.includes('bbox=')")
    page.wait_for_selector("#map-counts")
    params = dict(urllib.parse.parse_qsl(page.evaluate("location.hash").split("?", 1)[1]))
    assert params["source"] == "RUS"
    expected = _api(page.base, "/api/map", **params)
    page.wait_for_function(f"document.querySelectorAll('#map-svg circle.map-point').length "
                           f"=== {len(expected['points'])}")
    assert [c["total"] for c in _circles(page)] == [p["total"] for p in expected["points"]]
    assert page.input_value("#m-bbox") == params["bbox"]
    assert page.locator("#map-svg rect.bbox-area").count() >= 1
    assert "bbox=" in page.get_attribute("#list-these", "href")
    # a country the events happened in, typed in the form
    page.fill("#m-bbox", "")
    page.fill("#m-location_country", "UKR")
    page.click("#apply-map")
    page.wait_for_function("location.hash.includes('location_country=UKR')")
    page.wait_for_function("!location.hash.includes('bbox=')")
    ukraine = _api(page.base, "/api/map", source="RUS", location_country="UKR")
    page.wait_for_function(f"document.querySelectorAll('#map-svg circle.map-point').length "
                           f"=== {len(ukraine['points'])}")
    assert {p["country"] for p in ukraine["points"]} == {"UKR"}
    assert page.evaluate("""() => [...document.querySelectorAll('#map-svg circle.map-point')]
        .every((c) => c.point.country === 'UKR')""")
