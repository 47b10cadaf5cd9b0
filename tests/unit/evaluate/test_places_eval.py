"""`eventlens eval` places section on a small hand-made fixture: coverage, country, ADM1,
point within 25 km, precision, invented places, splits."""

from __future__ import annotations

import datetime as dt
import io

from rich.console import Console

from eventlens.evaluate.gold import GoldArticle
from eventlens.evaluate.places import has_places, km_between, render_places_section, score_places
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Place, Status

TEXT = ("Troops shelled Kharkiv on Monday. Police arrested protesters in Tripoli. "
        "The EU imposed sanctions on Iran. Rebels attacked a village near Moura.")
KHARKIV = {"name": "Kharkiv", "country": "UKR", "precision": "city", "geonameid": 706483,
           "adm1": "UA.07", "lat": 49.9818, "lon": 36.2548}
TRIPOLI_LBN = {"name": "Tripoli", "country": "LBN", "precision": "city", "geonameid": 266826,
               "adm1": "LB.09", "lat": 34.4335, "lon": 35.8441}
MOURA = {"name": "Moura", "country": "MLI", "precision": "city", "geonameid": None,
         "adm1": None, "lat": 14.13, "lon": -4.47}


def _event(start: int, end: int, kind: str, place: Place | None) -> Event:
    actor = Mention(start, start + 6, TEXT[start:start + 6], Actor("UKR"), "test")
    return Event("a", actor, None, kind, "19", 4, -10.0, Status.ASSERTED, "2024-05-13", start,
                 end, "x", place=place)


def _gold(split: str = "dev") -> GoldArticle:
    record = {"id": "a", "split": split, "places": [
        {"evidence": "Troops shelled Kharkiv on Monday.", "type": "ASSAULT", "place": KHARKIV},
        {"evidence": "Police arrested protesters in Tripoli.", "place": TRIPOLI_LBN},
        {"evidence": "The EU imposed sanctions on Iran.", "place": None},
        {"evidence": "Rebels attacked a village near Moura.", "place": MOURA},
    ]}
    return GoldArticle("a", record, Article("a", TEXT, dt.date(2024, 5, 13)))


def test_places_are_scored_against_the_gold_point_and_country():
    kharkiv = Place("Kharkiv", "UKR", 49.99, 36.23, "city", "trigger", 706483, "UA.07")
    tripoli_lby = Place("Tripoli", "LBY", 32.8874, 13.1873, "city", "trigger", 2210247,
                        "LY.77")
    iran = Place("Iran", "IRN", 32.6, 51.6, "country", "actor-country")
    result = ArticleResult(_gold().article, (
        _event(0, 33, "ASSAULT", kharkiv), _event(34, 72, "COERCE", tripoli_lby),
        _event(73, 106, "SANCTION", iran), _event(107, len(TEXT), "ASSAULT", None)))
    report = score_places([_gold()], {"a": result})
    named, unnamed = report["named"], report["unnamed"]
    # Kharkiv right; Tripoli in the wrong country; Moura found but not placed (text-only)
    assert (named["gold"], named["found"]) == (3, 3)
    assert named["coverage"] == round(2 / 3, 4)
    assert named["country_accuracy"] == round(1 / 3, 4)
    assert (named["point_25km"], named["point_scored"]) == (round(1 / 3, 4), 3)
    assert (named["adm1_accuracy"], named["adm1_scored"]) == (0.5, 2)
    assert unnamed == {"gold": 1, "found": 1, "invented": 0, "invented_share": 0.0,
                       "actor_country": 1}


def test_a_place_claimed_where_the_text_names_none_is_invented():
    tehran = Place("Tehran", "IRN", 35.69, 51.42, "city", "clause", 112931, "IR.26")
    result = ArticleResult(_gold().article, (_event(73, 106, "SANCTION", tehran),))
    unnamed = score_places([_gold()], {"a": result})["unnamed"]
    assert (unnamed["invented"], unnamed["invented_share"]) == (1, 1.0)


def test_splits_and_the_printed_section():
    dev, sealed = _gold("dev"), GoldArticle("b", {**_gold("sealed").record, "id": "b"},
                                            _gold().article)
    empty = ArticleResult(dev.article)
    report = score_places([dev, sealed], {"a": empty, "b": empty})
    assert report["dev"]["articles"] == 1 and report["sealed"]["articles"] == 1
    assert report["named"]["found"] == 0 and report["named"]["gold"] == 6
    out = io.StringIO()
    render_places_section(report, Console(file=out, width=300))
    assert "point within 25 km" in out.getvalue() and "sealed" in out.getvalue()
    assert has_places([dev]) and not has_places([GoldArticle("c", {"id": "c"}, dev.article)])


def test_distance_in_kilometres():
    assert round(km_between(50.4547, 30.5238, 49.9818, 36.2548)) == 411  # Kyiv - Kharkiv
