"""The geocoder: each event's place from its trigger, its clause, the dateline, or its actors'
country; ambiguous names by the event's and the article's countries; non-places and unknown
names never placed."""

from __future__ import annotations

import datetime as dt

import pytest

from eventlens.actors.gazetteer import load_gazetteer
from eventlens.coding.geocode import place_events
from eventlens.ingest import article_id
from eventlens.model import Article
from eventlens.nlp import parse

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def placed(nlp, coder):
    """Code and place a text; returns its events."""
    gazetteer = load_gazetteer(coder.kb)

    def run(text: str):
        article = Article(article_id(text), text, dt.date(2024, 5, 13))
        doc = next(iter(parse([text], nlp=nlp)))
        return place_events(doc, coder.code(doc, article), gazetteer).events

    return run


def _only(events, plover_type):
    found = [e for e in events if e.plover_type == plover_type]
    assert found, [(e.plover_type, e.trigger) for e in events]
    return found[0]


def test_the_place_on_the_trigger(placed):
    event = _only(placed("Russian forces shelled Kharkiv on Sunday, damaging a school."),
                  "ASSAULT")
    place = event.place
    assert (place.name, place.country, place.adm1, place.precision, place.how) == \
        ("Kharkiv", "UKR", "UA.07", "city", "trigger")
    assert place.geonameid == 706483


def test_a_place_on_the_object_of_the_trigger(placed):
    event = _only(placed("Georgian police detained dozens of opposition protesters in Tbilisi "
                         "on Tuesday."), "COERCE")
    assert (event.place.name, event.place.how) == ("Tbilisi", "trigger")


@pytest.mark.parametrize("text, country", [
    ("Lebanese soldiers clashed with gunmen in Tripoli on Tuesday.", "LBN"),
    ("The Lebanese army arrested twelve suspects in Tripoli on Tuesday.", "LBN"),
    ("Libyan security forces fired on protesters in Tripoli on Saturday.", "LBY"),
])
def test_an_ambiguous_name_follows_the_event_actors(placed, text, country):
    events = [e for e in placed(text) if e.place is not None and e.place.how == "trigger"]
    assert events and {e.place.country for e in events} == {country}
    assert {e.place.name for e in events} == {"Tripoli"}


def test_georgia_acted_on_by_us_police_is_the_us_state(placed):
    event = _only(placed("US police arrested 35 protesters in Georgia on Sunday."), "COERCE")
    assert (event.place.country, event.place.adm1, event.place.precision) == \
        ("USA", "US.GA", "adm1")


def test_the_dateline_places_its_own_side_only(placed):
    events = placed("KYIV, Ukraine — Ukraine's parliament condemned Russia on Thursday.\n\n"
                    "Germany promised Ukraine more air defence systems.")
    condemned = _only(events, "ACCUSE")
    assert (condemned.place.name, condemned.place.how) == ("Kyiv", "dateline")
    promised = [e for e in events if e.source.actor.country == "DEU"]
    assert promised and all(e.place.how == "actor-country" for e in promised)


def test_no_place_in_the_text_falls_back_to_the_target_country(placed):
    event = _only(placed("The European Union imposed sanctions on Iran on Monday."),
                  "SANCTION")
    assert (event.place.country, event.place.precision, event.place.how) == \
        ("IRN", "country", "actor-country")
    assert event.place.geonameid == 130758 and event.place.adm1 == ""  # Iran's GeoNames id


def test_a_non_place_is_not_placed(placed):
    events = placed("Putin and Xi agreed to meet at the Beijing Winter Olympics in February.")
    assert events
    for event in events:
        assert event.place is None or event.place.how == "actor-country"
        assert event.place is None or event.place.precision == "country"


def test_an_unknown_place_leaves_the_event_text_only(placed):
    event = _only(placed("Polish troops fired water cannon at migrants near Kuznica on "
                         "Tuesday."), "ASSAULT")
    assert event.place is None
