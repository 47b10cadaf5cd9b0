"""Wire phrasings of political acts: who summons, what is sent, what is disowned, sanctions
joined. Sentences written for these tests."""

from __future__ import annotations

import pytest


def test_a_later_conjunct_of_the_object_can_name_the_deployment(code_text):
    r = code_text("Britain promised to send more ships and warplanes to the Baltic states.",
                  published="2022-02-20")
    kinds = {(e.source.actor.country, e.plover_type, e.status.value) for e in r.events}
    assert ("GBR", "MOBILIZE", "intended") in kinds
    assert not [e for e in r.events if e.plover_type == "AID"]


def test_a_plan_the_actor_denies_is_denied(code_text):
    r = code_text("Belgrade has again denied any plan to attack Kosovo.", published="2022-12-20")
    assaults = [e for e in r.events if e.plover_type == "ASSAULT"]
    assert assaults and {e.status.value for e in assaults} == {"denied"}


def test_joining_sanctions_imposes_them(code_text):
    r = code_text("Switzerland joined the sanctions against Moscow on Monday.",
                  published="2022-02-28")
    assert {(e.source.actor.country, e.plover_type) for e in r.events} == {("CHE", "SANCTION")}


def test_calling_claims_baseless_blames_who_made_them(code_text, triples):
    r = code_text("Ankara called the Greek allegations baseless and hysterical.",
                  published="2022-05-03")
    assert {(e.source.actor.country, e.plover_type) for e in r.events} == {("TUR", "ACCUSE")}


def test_hitting_back_at_someone_in_words_is_a_retort(code_text, triples):
    r = code_text("Beijing hit back at Canberra on Monday, saying it had no right to lecture "
                  "others.", published="2022-05-03")
    assert ("CHN:GOV", "ACCUSE", "AUS:GOV", "asserted") in triples(r)
    assert not [e for e in r.events if e.plover_type == "ASSAULT"]


def test_an_unplaced_adjective_standing_alone_is_placed_in_no_country(code_text):
    r = code_text("Moscow called the Western response hysterical.", published="2022-02-10")
    assert r.events and all(e.target is None or e.target.actor.country != "RUS"
                            for e in r.events)



def test_a_penalty_without_a_firm_modal_or_penalty_noun_threatens_no_one(code_text):
    r = code_text("Analysts said Pyongyang could face a food shortage.", published="2022-01-12")
    assert not [e for e in r.events if e.plover_type == "THREATEN"]


def test_joint_drills_near_another_country_are_each_side_s_show_of_force(code_text, triples):
    r = code_text("Russia and Belarus started joint military drills near the Lithuanian "
                  "border on Thursday.", published="2021-09-10")
    found = {(s, t, o) for s, t, o, _ in triples(r)}
    assert {("RUS:MIL", "MOBILIZE", "LTU"), ("BLR:MIL", "MOBILIZE", "LTU")} <= {
        (s, t, o.split(":")[0]) for s, t, o in found}


def test_joint_drills_held_at_home_stay_cooperation(code_text):
    r = code_text("Jordan and Britain held joint military exercises in the desert on Monday.",
                  published="2021-09-10")
    assert {e.plover_type for e in r.events} == {"COOPERATE"}


def test_patrols_stepped_up_near_another_country_are_a_show_of_force(code_text):
    r = code_text("Chinese warships stepped up their patrols near the Philippine coast.",
                  published="2023-08-10")
    kinds = {(e.source.actor.country, e.plover_type) for e in r.events}
    assert kinds == {("CHN", "MOBILIZE")}


def test_a_ban_on_trade_with_another_state_is_one_sanction(code_text):
    r = code_text("Taiwan announced a ban on exports of chips to Russia on Friday.",
                  published="2022-02-26")
    assert [(e.source.actor.country, e.plover_type) for e in r.events] == [("TWN", "SANCTION")]



def test_an_organisation_describing_the_actor_is_neither_source_nor_target(code_text):
    r = code_text("Norway, a NATO member, called the attack unacceptable.",
                  published="2022-02-25")
    assert r.events and all(e.source.actor.code == "NOR:GOV" and e.target is None
                            for e in r.events)



def test_a_threat_told_as_what_would_follow_is_made(code_text):
    r = code_text("Scholz urged Russia to ease tensions with Ukraine and made clear that "
                  "Germany and its partners would respond firmly if Russia invaded.",
                  published="2022-02-07")
    threats = [e for e in r.events if e.plover_type == "THREATEN"]
    assert threats and {e.status.value for e in threats} == {"asserted"}


def test_a_call_in_which_a_warning_is_given_was_held(code_text):
    r = code_text("Erdogan warned Assad in a phone call on Monday that new strikes could "
                  "end the truce.", published="2020-03-02")
    calls = [e for e in r.events if e.plover_type == "CONSULT"]
    assert calls and {e.status.value for e in calls} == {"asserted"}


@pytest.mark.parametrize("text, triple", [
    ("Moscow demanded guarantees that NATO would halt its drills in the Baltic states.",
     ("RUS:GOV", "REQUEST", "NATO", "asserted")),
    ("Tehran wants assurances that Washington will not quit the accord again.",
     ("IRN:GOV", "REQUEST", "USA:GOV", "asserted")),
])
def test_the_act_a_demand_noun_tells_is_only_asked_for(code_text, triples, text, triple):
    r = code_text(text, published="2022-01-20")
    assert triples(r) == {triple}


def test_who_a_statement_is_given_to_or_goes_through_is_no_party(code_text):
    r = code_text("Kishida told reporters the repeated launches were deeply regrettable and "
                  "that Tokyo had protested through its embassy in Beijing.",
                  published="2022-01-12")
    assert r.events and all(e.plover_type == "ACCUSE" for e in r.events)  # a state protesting
    assert all(e.target is None or e.target.actor.country not in ("CHN", "") for e in r.events)


def test_sanctions_hitting_an_economy_attack_no_one(code_text):
    r = code_text("Scholz said Putin had erred and that the sanctions agreed by the EU would hit "
                  "the Russian economy hard.",
                  published="2022-02-25")
    assert not [e for e in r.events if e.plover_type == "ASSAULT"]


def test_an_act_of_force_named_by_its_noun_is_never_a_later_request_s(code_text):
    r = code_text("China and Russia have called for sanctions relief. Japan said the repeated "
                  "launches were deeply regrettable.", published="2022-01-12")
    accuse = [e for e in r.events if e.plover_type == "ACCUSE"]
    assert all(e.target is None or e.target.actor.country not in ("CHN", "RUS") for e in accuse)


def test_every_act_someone_is_asked_to_do_is_only_intended(code_text):
    r = code_text("Estonia has asked NATO to help patrol its airspace and increase naval "
                  "patrols in the Baltic.", published="2022-02-10")
    acts = [e for e in r.events if e.plover_type != "REQUEST"]
    assert all(e.status.value == "intended" for e in acts)


def test_who_is_told_is_no_party_to_the_acts_told(code_text):
    r = code_text("Lukashenko told Putin that Belarus had no plans to attack.",
                  published="2022-02-18")
    attacks = [e for e in r.events if e.plover_type == "ASSAULT"]
    assert attacks and all(e.target is None for e in attacks)


def test_the_island_is_the_island_country_named_last(code_text):
    r = code_text("Japan reported new flights on Monday. Washington said six Russian bombers "
                  "had entered the island's air defence identification zone.",
                  published="2022-03-02")
    shows = [e for e in r.events if e.plover_type == "MOBILIZE" and e.source.actor.country == "RUS"]
    assert shows and all(e.target is not None and e.target.actor.country == "JPN"
                         for e in shows)



def test_cutting_through_a_fence_cuts_no_ties(propose_text):
    r = propose_text("Polish guards said migrants cut through the fence, helped by Belarusian "
                  "soldiers.", published="2021-11-15")
    assert not [e for e in r.events if e.plover_type == "SANCTION"]


def test_a_move_says_nothing(propose_text):
    r = propose_text("Blinken said Tehran's latest moves suggested it was not serious about the "
                     "deal, and warned that Washington would pursue other options if diplomacy "
                     "failed.", published="2021-12-04")
    assert not [e for e in r.events if e.source.actor.country == "IRN"]


def test_disappointment_felt_at_another_s_act_criticises_its_doer(code_text, triples):
    r = code_text('Diplomats from Britain and France said they were "disappointed and '
                  'concerned" by Iranian proposals.', published="2021-12-04")
    assert {("GBR:GOV", "ACCUSE", "IRN"), ("FRA:GOV", "ACCUSE", "IRN")} <= {
        (s, t, o.split(":")[0]) for s, t, o, _ in triples(r)}


def test_who_a_feeling_participle_describes_feels_it(code_text, triples):
    r = code_text("Biden, frustrated by Chinese stalling, cancelled the meeting.",
                  published="2022-01-10")
    assert not [e for e in r.events if e.source.actor.country == "CHN"]


def test_a_country_s_own_place_is_no_target_beside_a_real_one(code_text):
    r = code_text("Taiwan's air force scrambled jets on Sunday to warn away 39 Chinese aircraft "
                  "that entered the island's air defence identification zone.",
                  published="2022-01-24")
    assert all(e.target is None or e.target.actor.country != e.source.actor.country
               for e in r.events)


def test_allies_agreeing_to_ban_a_country_s_goods_each_sanction_it(code_text, triples):
    r = code_text("Australia, Japan and Canada agreed to ban Russian gold imports.",
                  published="2022-06-26")
    assert {(s, t, o) for s, t, o, _ in triples(r)} == {
        ("AUS:GOV", "SANCTION", "RUS"), ("JPN:GOV", "SANCTION", "RUS"),
        ("CAN:GOV", "SANCTION", "RUS")}



def test_a_delegation_sent_somewhere_consults_its_hosts(code_text, triples):
    r = code_text("Poland and Lithuania will send a joint delegation to Kyiv next week.",
                  published="2022-02-20")
    found = {(s, t, o) for s, t, o, _ in triples(r)}
    assert {("POL:GOV", "CONSULT", "UKR:GOV"), ("LTU:GOV", "CONSULT", "UKR:GOV")} <= found


def test_the_north_of_a_text_naming_korea_is_north_korea_without_a_context_country(
        propose_text):
    r = propose_text("Japan and South Korea jointly condemned the North's missile launches.",
                     published="2022-01-12")
    accuse = [e for e in r.events if e.plover_type == "ACCUSE"]
    assert accuse and all(e.target is not None and e.target.actor.country == "PRK"
                          for e in accuse)




def test_a_states_act_of_force_named_by_a_noun_is_recorded(code_text, triples):
    r = code_text("Israel's blockade of Gaza entered its third week on Monday.",
                  published="2023-10-30")
    found = {(s.split(":")[0], t, o.split(":")[0]) for s, t, o, _ in triples(r)}
    assert ("ISR", "COERCE", "PSE") in found or ("ISR", "ASSAULT", "PSE") in found


def test_who_is_said_to_be_to_blame_is_blamed_by_the_speaker(code_text, triples):
    r = code_text("Moscow said Kyiv was to blame for the escalation.", published="2022-02-18")
    assert triples(r) == {("RUS:GOV", "ACCUSE", "UKR:GOV", "asserted")}


def test_an_act_said_to_pose_a_threat_blames_its_doer(code_text, triples):
    r = code_text("Beijing said the American arms sales posed a threat to peace.",
                  published="2022-02-08")
    assert not [e for e in r.events if e.plover_type == "THREATEN"]


def test_a_name_given_to_an_act_holds_no_party(code_text):
    r = code_text("Tokyo called the launch a clear violation of UN resolutions.",
                  published="2022-01-12")
    assert r.events and all(e.target is None or e.target.actor.code != "UN" for e in r.events)


@pytest.mark.parametrize("text, published, triple", [
    pytest.param("Moscow's envoy was summoned to the foreign ministry in Warsaw on Friday.",
                 "2022-02-26", ("POL:GOV", "ACCUSE", "RUS:GOV", "asserted"),
                 id="the place an envoy is summoned to summons"),
    pytest.param("The Turkish foreign minister said Syria would pay a high price for the "
                 "shelling.", "2012-10-04", ("TUR:GOV", "THREATEN", "SYR:GOV", "asserted"),
                 id="a price said to await another threatens it"),
    pytest.param("Tokyo said Pyongyang would face grave consequences.", "2022-01-12",
                 ("JPN:GOV", "THREATEN", "PRK:GOV", "asserted"),
                 id="consequences said to await another threaten it"),
    pytest.param("Macron said Lukashenko had made a serious mistake.", "2021-11-12",
                 ("FRA:GOV", "ACCUSE", "BLR:GOV", "asserted"),
                 id="a mistake said to be made by another blames them"),
    pytest.param("Seoul urged the North to stop its missile tests.", "2022-01-12",
                 ("KOR:GOV", "REQUEST", "PRK:GOV", "asserted"),
                 id="the North of a Korean sentence is North Korea"),
    pytest.param("European Union governments agreed on Monday to draft new sanctions against "
                 "Belarus, accusing President Lukashenko of using migrants as a weapon.",
                 "2021-11-15", ("EU", "ACCUSE", "BLR:GOV", "asserted"),
                 id="a participle beside an agreement is done as told"),
    pytest.param("The G7 leaders agreed on Saturday to impose further costs on Moscow.",
                 "2022-02-26", ("G7", "SANCTION", "RUS:GOV", "intended"),
                 id="imposing costs on a state sanctions it"),
    pytest.param("Scholz said he had serious concerns about Russia's intentions.", "2022-02-14",
                 ("DEU:GOV", "ACCUSE", "RUS:GOV", "asserted"),
                 id="concerns someone has are held now"),
    pytest.param("Lithuania voiced frustration with the EU's slow response.", "2022-01-20",
                 ("LTU:GOV", "ACCUSE", "EU", "asserted"),
                 id="frustration voiced with another criticises it"),
])
def test_the_phrasing_records_the_act_it_tells(code_text, triples, text, published, triple):
    assert triple in triples(code_text(text, published=published))
