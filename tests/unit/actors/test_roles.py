"""Who an actor is in the act at hand (actors/roles.py), on mentions built by hand."""

import datetime as dt

import pytest

from eventlens.actors.kb import load_knowledge_base
from eventlens.actors.roles import as_acting_government, as_military, as_place, person_as_of
from eventlens.model import Actor, Mention


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


def _m(text, country, role="", name="", how="country"):
    return Mention(0, len(text), text, Actor(country, role, name), how)


def test_a_country_that_acts_is_its_government():
    assert as_acting_government(_m("Russia", "RUS")).actor == Actor("RUS", "GOV")
    assert as_acting_government(_m("Russian", "RUS", how="adjective")).actor.role == "GOV"
    nato = _m("NATO", "NATO", how="organisation")
    assert as_acting_government(nato) is nato
    rebels = _m("Russian rebels", "RUS", "REB", how="adjective")
    assert as_acting_government(rebels) is rebels


def test_a_capital_where_something_falls_is_the_city():
    moscow = as_place(_m("Moscow", "RUS", "GOV", how="metonym"))
    assert moscow.actor == Actor("RUS", "") and moscow.how == "place"
    kremlin = _m("the Kremlin", "RUS", "GOV", how="knowledge-base")
    assert as_place(kremlin) is kremlin


def test_a_country_acting_by_force_is_its_military_but_a_seat_of_government_is_not(kb):
    assert as_military(kb, _m("North Korea", "PRK", "GOV")).actor.role == "MIL"
    named = _m("Kim Jong Un", "PRK", "GOV", name="Kim Jong Un", how="knowledge-base")
    assert as_military(kb, named) is named
    cabinet = _m("Israel's security cabinet", "ISR", "GOV", how="title")
    assert as_military(kb, cabinet).actor.role == "GOV"


def test_a_person_holds_the_office_of_the_event_date(kb):
    obama = _m("Barack Obama", "USA", "", name="Barack Obama", how="knowledge-base")
    assert person_as_of(kb, obama, dt.date(2010, 4, 8)).actor == Actor("USA", "GOV",
                                                                       "Barack Obama")


def test_the_country_of_the_context():
    from eventlens.actors.roles import context_country

    aus = _m("Canberra", "AUS", "GOV", how="metonym")
    nz = _m("New Zealand", "NZL", "GOV")
    un = _m("the UN", "UN", "IGO", how="organisation")
    assert context_country([aus, un], []) == "AUS"  # the one country the sentence names
    assert context_country([aus, nz], []) == ""  # two: no guess
    # none in the sentence: the article's, when more than half its mentions are of it
    assert context_country([], [aus, aus, nz]) == "AUS"
    assert context_country([], [aus, nz]) == ""
    assert context_country([], [aus]) == ""  # one mention is too little to go on


@pytest.mark.model
def test_a_role_or_a_name_is_placed_in_the_context_but_a_thing_is_not(nlp):
    from eventlens.actors.roles import in_context

    text = "Police fined Siemens over the findings."
    doc = nlp(text)

    def mention(words, role=""):
        start = text.index(words)
        return Mention(start, start + len(words), words, Actor("", role), "title")

    police = in_context(doc, mention("Police", "GOV"), "DEU")
    assert police.actor == Actor("DEU", "GOV") and police.how == "title+context"
    assert in_context(doc, mention("Siemens"), "DEU").actor.country == "DEU"
    findings = mention("the findings")
    assert in_context(doc, findings, "DEU") is findings


@pytest.mark.model
def test_an_actor_said_to_be_international_or_foreign_is_placed_in_no_country(nlp, code_text):
    from eventlens.actors.roles import in_context

    text = "Foreign mercenaries and the foreign minister arrived."
    doc = nlp(text)

    def mention(words, role):
        start = text.index(words)
        return Mention(start, start + len(words), words, Actor("", role), "title")

    hired = mention("Foreign mercenaries", "REB")
    assert in_context(doc, hired, "LBY") is hired
    # adjective and noun naming a role together are a role of the context's country
    assert in_context(doc, mention("the foreign minister", "GOV"), "LBY").actor.country == "LBY"
    # nor does the resolver give such forces the country its article is about
    r = code_text("Xi said certain international forces were interfering in China's affairs.")
    assert [(e.source.actor.code, e.target.actor.country if e.target else "")
            for e in r.events if e.plover_type == "ACCUSE"] == [("CHN:GOV", "")]
