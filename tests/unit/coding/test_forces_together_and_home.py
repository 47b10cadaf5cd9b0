"""Forces acting together and forces going home: joint drills held near a third country, a
joint patrol, warships sailing together, troops returning to their bases or brought home.
Sentences written for these tests."""

from __future__ import annotations


def test_joint_drills_near_a_third_country_are_both_a_show_of_force_and_cooperation(
        code_text, triples):
    r = code_text("Serbia and Hungary held joint drills near the Croatian border on Monday.",
                  published="2021-06-08")
    got = {(s, t, o) for s, t, o, _ in triples(r)}
    assert {("SRB:MIL", "MOBILIZE", "HRV"), ("HUN:MIL", "MOBILIZE", "HRV"),
            ("SRB:MIL", "COOPERATE", "HUN:MIL"), ("HUN:MIL", "COOPERATE", "SRB:MIL")} <= got
    assert not [e for e in r.events if e.plover_type == "ASSAULT"]


def test_a_joint_patrol_flown_by_two_air_forces_is_cooperation(code_text, triples):
    r = code_text("Japanese and Australian warplanes flew a joint patrol over the Coral Sea.",
                  published="2021-10-02")
    assert {(s, t, o) for s, t, o, _ in triples(r)} == {
        ("JPN:MIL", "COOPERATE", "AUS:MIL"), ("AUS:MIL", "COOPERATE", "JPN:MIL")}


def test_troops_returning_to_their_bases_pull_back_from_no_one_at_home(code_text):
    r = code_text("Turkey said on Friday that some of its troops were returning to their "
                  "bases.", published="2021-03-05")
    retreats = [e for e in r.events if e.plover_type == "RETREAT"]
    assert retreats and all(e.target is None for e in retreats)
    assert {e.source.actor.code for e in retreats} == {"TUR:MIL"}


def test_a_state_bringing_its_troops_home_withdraws_them_from_where_they_serve(code_text):
    r = code_text("Estonia said it would bring its soldiers home from Mali next year.",
                  published="2022-03-01")
    assert {(e.source.actor.country, e.plover_type, e.target.actor.country if e.target else "-")
            for e in r.events} == {("EST", "RETREAT", "MLI")}


def test_a_reply_given_is_words_not_aid(code_text):
    r = code_text("The minister said Ankara would give Athens a reply within a week.",
                  published="2021-03-05")
    assert not [e for e in r.events if e.plover_type == "AID"]


def test_force_in_a_warning_the_speaker_dismisses_is_its_own_denied(code_text, triples):
    r = code_text("Serbia dismissed warnings that an attack on Kosovo was imminent.",
                  published="2022-10-02")
    assert {(s[:3], t, o[:3], st) for s, t, o, st in triples(r)} == {
        ("SRB", "ASSAULT", "XKX", "denied")}


def test_a_denied_act_is_not_retyped_into_the_rejection_that_denies_it(code_text, triples):
    r = code_text("Moscow has rejected accusations that it is preparing an invasion of its "
                  "neighbour.", published="2022-01-20")
    assert not [e for e in r.events if e.plover_type == "REJECT"]
    r = code_text("Armenia rejected accusations of an imminent invasion of Azerbaijan.",
                  published="2022-10-02")
    assert {(s[:3], t, o[:3], st) for s, t, o, st in triples(r)} == {
        ("ARM", "ASSAULT", "AZE", "denied")}


def test_plans_a_speaker_denies_having_in_a_clause_of_their_own_are_denied(code_text, triples):
    r = code_text("Ankara denies it has any plans to attack its neighbour Syria.",
                  published="2022-06-02")
    assert {(s[:3], t, o[:3], st) for s, t, o, st in triples(r)} == {
        ("TUR", "ASSAULT", "SYR", "denied")}
