"""Talks named as the occasion of a stay or a trip, penalties someone must bear, ties lowered,
deeds their object names kept from the type classifier. Sentences written for these tests."""

from __future__ import annotations

import pytest


def _pairs(r):
    return {(e.source.actor.country, e.plover_type, e.target.actor.country if e.target else "")
            for e in r.events}


def test_talks_a_visitor_came_for_are_the_visitor_s(code_text):
    r = code_text("Wang Yi was in Jakarta on Monday for talks with Retno Marsudi.",
                  published="2021-06-07")
    assert {("CHN", "CONSULT", "IDN"), ("IDN", "CONSULT", "CHN")} <= _pairs(r)


def test_hours_of_talks_are_the_talks_of_the_clause_s_subject(code_text):
    r = code_text("Scholz flew home a day after four hours of talks with Putin.",
                  published="2022-02-16")
    assert ("DEU", "CONSULT", "RUS") in _pairs(r)


def test_visitors_named_together_talk_with_their_host_not_with_each_other(code_text):
    r = code_text("Marise Payne and Peter Dutton were in Washington for consultations with "
                  "Antony Blinken.", published="2021-09-17")
    pairs = _pairs(r)
    assert ("AUS", "CONSULT", "USA") in pairs
    assert ("AUS", "CONSULT", "AUS") not in pairs


def test_asking_for_talks_stays_a_request(code_text):
    r = code_text("Moscow called for talks with Kyiv.", published="2022-02-28")
    assert {e.plover_type for e in r.events} == {"REQUEST"}


@pytest.mark.parametrize("text", [
    "Beijing said Vilnius must bear all the consequences.",
    "The Chinese foreign ministry said Vilnius must bear the consequences of its decision.",
])
def test_a_penalty_someone_must_bear_is_a_threat(code_text, text):
    r = code_text(text, published="2021-11-22")
    assert ("CHN", "THREATEN", "LTU") in _pairs(r)
    assert not [e for e in r.events if e.plover_type == "REQUEST"]


def test_what_someone_must_do_is_still_a_demand(code_text):
    r = code_text("Beijing said Vilnius must correct its mistake.", published="2021-11-22")
    assert ("CHN", "REQUEST", "LTU") in _pairs(r)


@pytest.mark.parametrize("text, published", [
    ("China lowered its diplomatic relations with Lithuania on Sunday.", "2021-11-22"),
    ("Canberra tore up its submarine contract with France's Naval Group.", "2021-09-17"),
])
def test_ties_lowered_and_contracts_torn_up_are_sanctions(code_text, text, published):
    r = code_text(text, published=published)
    assert {e.plover_type for e in r.events} == {"SANCTION"}


def test_a_call_on_someone_stays_a_request_and_they_would_do_what_is_asked(code_text):
    r = code_text("Washington called on the Ethiopian government and the TPLF alike to stop "
                  "fighting.", published="2021-11-03")
    asked = [e for e in r.events if e.source.actor.country == "USA"]
    assert {e.plover_type for e in asked} == {"REQUEST"}
    assert {e.target.actor.code for e in asked} == {"ETH:GOV", "ETH:REB"}
    assert {e.source.actor.code for e in r.events if e not in asked} <= {"ETH:GOV", "ETH:REB"}


def test_a_deed_its_object_names_is_not_turned_into_words(code_text):
    r = code_text("Russia's navy said it would hold a series of exercises in January involving "
                  "more than 140 warships.", published="2021-12-20")
    assert not [e for e in r.events if e.plover_type in ("REJECT", "ACCUSE", "REQUEST")]


def test_a_guest_received_is_the_partner_not_the_host_country_after_his_title(code_text):
    r = code_text("The Omani foreign minister received the Iranian ambassador to Oman on Sunday.",
                  published="2021-05-02")
    assert ("OMN", "CONSULT", "IRN") in _pairs(r)
    assert ("OMN", "CONSULT", "OMN") not in _pairs(r)


@pytest.mark.parametrize("text, published, doer", [
    ("Al-Shabaab claimed responsibility for the attack on a hotel in Mogadishu.", "2022-08-20",
     "SOM"),
    ("The Pakistani Taliban claimed responsibility for the attack on a police post.",
     "2022-11-30", "PAK"),
])
def test_who_claims_an_attack_made_it(code_text, text, published, doer):
    r = code_text(text, published=published)
    assaults = [e for e in r.events if e.plover_type == "ASSAULT"]
    assert assaults and {e.source.actor.country for e in assaults} == {doer}


def test_troops_placed_on_alert_are_mobilised(code_text):
    r = code_text("The Pentagon placed 8,500 troops on heightened alert on Monday.",
                  published="2022-01-25")
    assert {(e.source.actor.country, e.plover_type) for e in r.events} == {("USA", "MOBILIZE")}


def test_the_venue_of_a_round_of_talks_is_no_partner(code_text):
    r = code_text("Delegations from Russia and Ukraine are due to meet for a second round of talks "
                  "in Belarus on Thursday.", published="2022-03-01")
    assert {("RUS", "CONSULT", "UKR"), ("UKR", "CONSULT", "RUS")} <= _pairs(r)
    assert not [e for e in r.events if "BLR" in (e.source.actor.country,
                                                 e.target.actor.country if e.target else "")]


def test_who_names_the_act_in_a_what_clause_is_no_party_to_it(code_text):
    r = code_text("Azerbaijani troops shelled Armenian positions on Monday in what Baku called a "
                  "local counter-terrorist operation.", published="2023-09-19")
    assert ("AZE", "ASSAULT", "ARM") in _pairs(r)
    assert not [e for e in r.events if e.target is not None and e.target.actor.country == "AZE"]


@pytest.mark.parametrize("text", [
    "Stoltenberg said any Russian attack on Estonia would be met with a swift and firm response.",
    "\"If Russian troops cross into Estonia, that will be met with a united response,\" "
    "Stoltenberg said.",
])
def test_an_act_said_to_be_met_with_a_response_is_threatened(code_text, text):
    r = code_text(text, published="2022-02-20")
    assert ("NATO", "THREATEN", "RUS") in _pairs(r)
    assert not [e for e in r.events if e.plover_type in ("CONSULT", "AGREE")]


@pytest.mark.parametrize("text", [
    "Sandu said she wanted to see concrete steps from Russia, starting with a withdrawal of "
    "troops.",
    "Sandu said she wanted to see a withdrawal of Russian troops.",
])
def test_wanting_to_see_another_s_act_asks_it_of_them(code_text, text):
    r = code_text(text, published="2022-03-10")
    assert {(s, t, o) for s, t, o in _pairs(r)} == {("MDA", "REQUEST", "RUS")}
