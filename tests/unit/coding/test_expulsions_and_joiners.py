"""Diplomatic and domestic acts as wire copy words them: an envoy told to leave is expelled, a
state joining another in an act does it too, an objection lifted is a concession, a court
striking down a decree overrules it, a minister dismissed is no rejection, leaders gathering
meet, and people reported killed are no killers. Sentences written for these tests."""

from __future__ import annotations


def _countries(result) -> set[tuple[str, str, str]]:
    return {(e.source.actor.country, e.plover_type, e.target.actor.country if e.target else "-")
            for e in result.events}


def test_an_envoy_given_hours_to_leave_is_expelled(code_text):
    r = code_text("Qatar gave Egypt's ambassador 72 hours to leave the country on Friday.",
                  published="2017-06-10")
    assert _countries(r) == {("QAT", "COERCE", "EGY")}


def test_a_state_joining_another_in_an_act_does_it_too_and_does_not_cooperate(code_text):
    r = code_text("Sudan joined Bahrain in recalling its ambassador from Tehran on Monday.",
                  published="2016-01-05")
    assert _countries(r) == {("SDN", "SANCTION", "IRN"), ("BHR", "SANCTION", "IRN")}


def test_an_objection_lifted_is_a_concession(code_text):
    r = code_text("Hungary lifted its objection to Ukraine joining the talks on Tuesday.",
                  published="2023-12-13")
    assert ("HUN", "CONCEDE", "UKR") in _countries(r)
    assert not [e for e in r.events if e.plover_type == "RETREAT"]


def test_a_court_striking_down_a_decree_overrules_it_with_no_strike(code_text):
    r = code_text("Malawi's Constitutional Court struck down the president's decree.",
                  published="2020-02-04")
    assert {e.plover_type for e in r.events} == {"REJECT"}


def test_a_minister_dismissed_by_the_president_is_no_rejection(code_text):
    r = code_text("President Kais Saied dismissed Prime Minister Hichem Mechichi on Sunday.",
                  published="2021-07-26")
    assert not [e for e in r.events if e.plover_type == "REJECT"]


def test_leaders_gathering_meet_rather_than_protest(code_text):
    r = code_text("The leaders of Ghana and Togo gathered in Accra on Monday for a summit.",
                  published="2022-05-02")
    assert _countries(r) == {("GHA", "CONSULT", "TGO"), ("TGO", "CONSULT", "GHA")}


def test_people_reported_killed_did_not_kill(code_text):
    r = code_text("Soldiers opened fire on marchers in Mandalay, and at least five people were "
                  "reported killed.", published="2021-12-06")
    assert r.events and all(e.source.actor.role != "CVL" for e in r.events)


def test_an_expulsion_is_coerce_to_our_annotators_and_sanction_in_plv_terms(code_text):
    from eventlens.coding.plv import plv_label

    r = code_text("Estonia expelled a Russian diplomat on Tuesday.", published="2022-03-02")
    expulsions = [e for e in r.events if e.target is not None and e.target.actor.country == "RUS"]
    assert [(e.source.actor.country, e.plover_type) for e in expulsions] == [("EST", "COERCE")]
    assert plv_label(expulsions[0]) == "SANCTION"


def test_protests_no_one_is_named_for_are_the_crowd_s_of_the_place(code_text):
    r = code_text("Protests erupted in Almaty on Sunday over a sharp rise in fuel prices.",
                  published="2022-01-04")
    assert _countries(r) == {("KAZ", "PROTEST", "KAZ")}
    assert {e.source.actor.role for e in r.events} == {"CVL"}
    r = code_text("Russia's protest to Kazakhstan continued.", published="2022-01-04")
    assert not [e for e in r.events if e.source.actor.role == "CVL"]


def test_an_envoy_named_in_apposition_and_given_hours_to_leave_is_expelled(code_text):
    r = code_text("Chad's government gave the German ambassador, Jan Christian Gordon Kricke, 48 "
                  "hours to leave the country.", published="2023-04-08")
    assert _countries(r) == {("TCD", "COERCE", "DEU")}


def test_saying_someone_plays_with_fire_warns_them(code_text):
    r = code_text("Beijing said the United States was playing with fire over Taiwan.",
                  published="2021-11-16")
    assert ("CHN", "THREATEN", "USA") in _countries(r)
