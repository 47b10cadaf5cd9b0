"""Acts named only as the circumstance of another (a condolence after an attack, a demand that
another act) are not the speaker's own, and an attack that killed is no one's unless its doer
is named."""

from __future__ import annotations

import pytest


def test_an_attack_a_condolence_follows_is_not_the_condolers(propose_text):
    r = propose_text("Japan's foreign minister expressed condolences to Egypt after the bombing "
                     "of a church in Cairo.")
    assert not [e for e in r.events if e.plover_type == "ASSAULT"]
    assert all(e.source.actor.country == "JPN" for e in r.events)


@pytest.mark.parametrize("text", [
    "Kenya's president sent his sympathy over an attack on a market in Somalia that killed nine "
    "people.",
    "Kenya condemned an attack on a market in Mogadishu that killed nine people.",
])
def test_an_attack_that_killed_names_no_killer_unless_its_doer_is_named(propose_text, text):
    r = propose_text(text)
    assert not [e for e in r.events if e.plover_type == "ASSAULT"]


def test_an_attack_that_killed_is_its_named_doers(propose_text):
    r = propose_text("A Taliban attack that killed seven police officers in Herat was "
                     "condemned by the United Nations.", published="2019-06-01")
    assaults = [e for e in r.events if e.plover_type == "ASSAULT"]
    assert assaults and {e.source.text for e in assaults} == {"Taliban"}


def test_calling_on_someone_to_act_is_a_request_even_read_as_an_adverbial(propose_text, triples):
    # the small parser reads "to return" as an adverbial clause of "call", not its complement
    r = propose_text("Mexico and Chile call on Venezuela to free political prisoners.",
                     published="2024-01-10")
    assert ("MEX:GOV", "REQUEST", "VEN:GOV", "asserted") in triples(r)
    assert {e.plover_type for e in r.events} == {"REQUEST"}  # no visit, no prisoners freed


def test_sympathy_sent_is_support_not_aid(propose_text):
    r = propose_text("Kenya's president sent his sympathy to Somalia.")
    assert {e.plover_type for e in r.events} == {"SUPPORT"}


def test_a_meeting_during_which_a_deal_is_signed_still_took_place(propose_text):
    r = propose_text("Jordan and Egypt signed three trade agreements during their talks in Amman.")
    assert any("frame:CONSULT:talk" in e.why for e in r.events)


def test_a_relative_clause_has_its_own_status(propose_text):
    # "move" is no plan of France's: the condemnation is made, not intended
    r = propose_text("Iran resumed enrichment on Monday. It was a move that France condemned.")
    accuse = [e for e in r.events if e.plover_type == "ACCUSE"]
    assert accuse and {e.status.value for e in accuse} == {"asserted"}


def test_a_reaction_to_an_act_told_earlier_in_the_same_sentence_falls_on_its_doer(
        code_text, triples):
    r = code_text("Russia attacked Kyiv, and Biden condemned the move.", published="2022-03-01")
    assert ("USA:GOV", "ACCUSE", "RUS:MIL", "asserted") in triples(r)


@pytest.mark.parametrize("text, partners", [
    ("Armenia and Azerbaijan returned to the negotiating table in Moscow on Friday.",
     {("ARM:GOV", "AZE:GOV"), ("AZE:GOV", "ARM:GOV")}),
    ("Iran returned to Vienna for a new round of talks with the European Union.",
     {("IRN:GOV", "EU"), ("EU", "IRN:GOV")}),
    ("Negotiators from Iran returned to Vienna on Monday for a new round of talks.", set()),
])
def test_returning_to_talks_is_taking_part_not_a_withdrawal_and_the_city_is_no_party(
        propose_text, text, partners):
    r = propose_text(text, published="2021-11-30")
    assert not [e for e in r.events if e.plover_type == "RETREAT"]
    assert {(e.source.actor.code, e.target.actor.code) for e in r.events
            if e.plover_type == "CONSULT" and e.target is not None} == partners


@pytest.mark.parametrize("text", [
    "Washington was concerned by Beijing's provocative military activity.",
    "A State Department spokesman said Washington was alarmed by Beijing's military activity.",
])
def test_who_is_concerned_by_an_act_criticises_its_doer(code_text, triples, text):
    # the parser reads "was concerned" as a passive: its subject still feels the concern
    r = code_text(text, published="2021-10-05")
    assert ("USA:GOV", "ACCUSE", "CHN:GOV", "asserted") in triples(r)


def test_it_in_what_a_body_says_it_will_do_is_that_body(propose_text):
    r = propose_text("Tokayev asked the alliance for help after protesters stormed government "
                     "buildings in Almaty, and the Russia-led alliance said it would send "
                     "peacekeepers.", published="2022-01-06")
    sent = [e for e in r.events if e.trigger.startswith("send")]
    assert sent and {e.source.actor.country for e in sent} == {"RUS"}


def test_calling_a_state_of_things_an_attack_by_someone_accuses_them(code_text, triples):
    r = code_text("The European Union has said the crisis is a hybrid attack by Alexander "
                  "Lukashenko in retaliation for sanctions.", published="2021-11-16")
    assert ("EU", "ACCUSE", "BLR:GOV", "asserted") in triples(r)
    assert not [e for e in r.events if e.plover_type == "ASSAULT"]


def test_an_act_said_to_be_an_attack_by_someone_stays_their_act(propose_text):
    r = propose_text("Kyiv said the shelling of the port was an attack by Russian forces.",
                     published="2022-05-01")
    assert any(e.plover_type == "ACCUSE" and e.source.actor.country == "UKR" for e in r.events)


def test_two_titled_leaders_joined_after_an_appositive_both_take_part(code_text, triples):
    # the parser reads "Xi Jinping" as the appositive of "President" and hangs Putin on it
    r = code_text("BEIJING (Meridian Wire) - Chinese President Xi Jinping and Russian President "
                  "Vladimir Putin met in Beijing on Friday.", published="2022-02-04")
    assert {("CHN:GOV", "CONSULT", "RUS:GOV", "asserted"),
            ("RUS:GOV", "CONSULT", "CHN:GOV", "asserted")} <= triples(r)


def test_a_call_during_which_one_leader_addresses_another_is_held_with_him(propose_text):
    r = propose_text("Biden warned Putin during a video call on Tuesday.", published="2021-12-07")
    assert any(e.source.actor.country == "USA" and e.target is not None
               and e.target.actor.country == "RUS" and "frame:CONSULT:video call" in e.why
               for e in r.events)
    # a topic discussed is no one addressed
    r = propose_text("Erdogan discussed Libya with Trump in a phone call on Thursday.",
                     published="2020-01-09")
    assert not [e for e in r.events if e.target is not None and e.target.actor.country == "LBY"]


def test_they_are_not_the_city_named_before(code_text, triples):
    r = code_text("IZMIR (Meridian Wire) - Colombia's trade minister and Turkey's government "
                  "agreed on Wednesday in Izmir to settle their dispute over energy prices.",
                  published="2024-03-01")
    assert ("TUR:GOV", "AGREE", "COL:GOV", "asserted") in triples(r)
    assert all(e.target is None or e.target.text != "Izmir" for e in r.events)


def test_a_call_during_which_a_warning_is_given_was_held(propose_text):
    r = propose_text("Biden warned Putin during a video call on Tuesday.", published="2021-12-07")
    call = [e for e in r.events if "frame:CONSULT:video call" in e.why]
    assert call and {e.status.value for e in call} == {"asserted"}


def test_talks_between_two_parties_are_held_by_both_with_each_other(code_text, triples):
    r = code_text("Talks between Russia and Ukraine took place in Antalya.", published="2022-03-10")
    assert {("RUS:GOV", "CONSULT", "UKR:GOV", "asserted"),
            ("UKR:GOV", "CONSULT", "RUS:GOV", "asserted")} <= triples(r)


def test_a_host_of_talks_between_parties_meets_each_party(propose_text):
    r = propose_text("Erdogan hosted talks between Russia and Ukraine in Antalya.",
                     published="2022-03-10")
    assert {(e.source.actor.country, e.target.actor.country) for e in r.events
            if e.plover_type == "CONSULT"} >= {("TUR", "RUS"), ("TUR", "UKR")}


@pytest.mark.parametrize("text, triple", [
    ("China lodged stern representations with the United States over the arms sale.",
     ("CHN:GOV", "ACCUSE", "USA:GOV", "asserted")),
    ("Kyiv said Moscow was trying to destabilise the country.",
     ("UKR:GOV", "ACCUSE", "RUS:GOV", "asserted")),
])
def test_criticism_in_diplomatic_and_reported_words(code_text, triples, text, triple):
    assert triple in triples(code_text(text, published="2022-01-10"))


def test_wanting_something_from_someone_asks_it_of_them(code_text, triples):
    r = code_text("Russia wants written guarantees from the United States.", published="2022-01-10")
    assert ("RUS:GOV", "REQUEST", "USA:GOV", "asserted") in triples(r)
    assert not code_text("Russia wants peace.", published="2022-01-10").events


@pytest.mark.parametrize("text, kept", [
    ("Iran rejected a demand from France to halt uranium enrichment.",
     ("IRN:GOV", "REJECT", "FRA:GOV", "asserted")),
    ("Turkey refused a request from Sweden to extradite the journalist.",
     ("TUR:GOV", "REJECT", "SWE:GOV", "asserted")),
    ("France issued a demand for Iran to halt uranium enrichment.",
     ("FRA:GOV", "REQUEST", "IRN:GOV", "asserted")),
])
def test_the_act_a_request_names_is_only_asked_for(propose_text, triples, text, kept):
    r = propose_text(text, published="2023-03-01")
    assert kept in triples(r)
    assert len(r.events) == 1  # no halt by France, no extradition by Sweden


def test_an_accepted_invitation_to_visit_plans_the_visit(propose_text, triples):
    r = propose_text("Brazil's president accepted an invitation from Xi Jinping to visit China.",
                     published="2023-03-01")
    assert ("BRA:GOV", "CONSULT", "CHN:GOV", "intended") in triples(r)


def test_an_act_named_only_as_the_reason_for_a_sanction_is_no_one_s_act(code_text, triples):
    r = code_text("Vietnam imposed sanctions on Sweden on Wednesday over what it called "
                  "blocking aid convoys.", published="2023-03-01")
    assert triples(r) == {("VNM:GOV", "SANCTION", "SWE:GOV", "asserted")}


def test_targeting_after_a_sanction_names_its_target_and_is_no_attack(code_text, triples):
    r = code_text("The United States imposed sanctions on Russia on Tuesday, targeting two "
                  "large state banks.", published="2022-02-22")
    assert triples(r) == {("USA:GOV", "SANCTION", "RUS:GOV", "asserted")}
    r = code_text("Israeli jets struck Gaza overnight, targeting Hamas tunnels.",
                  published="2023-11-02")
    assert {e.plover_type for e in r.events} == {"ASSAULT"}
    assert "PSE:REB" in {e.target.actor.code for e in r.events}


def test_an_act_done_to_oneself_has_no_other_party(code_text):
    r = code_text('"Moscow has chosen war, but Ukraine will defend itself," the minister said.',
                  published="2022-02-24")
    assert not [e for e in r.events if e.plover_type == "SUPPORT"]


def test_condemning_what_someone_calls_an_attack_accuses_the_attacker(code_text, triples):
    r = code_text("Russian troops attacked Ukraine from three sides on Thursday. The Canadian "
                  "prime minister condemned what he described as a reckless and unprovoked "
                  "attack.", published="2022-02-24")
    assert ("CAN:GOV", "ACCUSE", "RUS:MIL", "asserted") in triples(r)
    assert not [e for e in r.events if e.source.actor.country == "CAN"
                and e.target is not None and e.target.actor.country == "CAN"]


def test_the_condition_of_a_threat_is_no_act_and_the_one_it_binds_is_threatened(code_text,
                                                                                 triples):
    r = code_text("The European Union threatened on Tuesday to freeze its budget support to "
                  "Sudan if the army did not reverse course.", published="2021-10-26")
    assert {e.plover_type for e in r.events} == {"THREATEN"}
    r = code_text("Chile threatened to impose sanctions on Peru unless it stopped arming the "
                  "rebels.", published="2023-03-01")
    assert ("CHL:GOV", "THREATEN", "PER:GOV", "asserted") in triples(r)
    assert not [e for e in r.events if e.plover_type == "AID"]


def test_a_clause_joined_by_and_lends_no_party_to_the_one_before(propose_text):
    r = propose_text("The African Union called for a return to civilian rule, and the European "
                     "Union threatened to freeze its budget support.", published="2021-10-26")
    requests = [e for e in r.events if e.plover_type == "REQUEST"]
    assert requests and all(e.target is None or e.target.actor.code != "EU" for e in requests)


def test_condemning_a_coup_accuses_those_who_seized_power(code_text, triples):
    r = code_text("NIAMEY (Wire) - Soldiers in Niger seized power on Wednesday. The African "
                  "Union condemned the coup on Thursday.", published="2023-07-27")
    assert ("AU", "ACCUSE", "NER:MIL", "asserted") in triples(r)


@pytest.mark.parametrize("text, triple", [
    ("Germany announced plans to deploy troops to Lithuania.",
     ("DEU:MIL", "MOBILIZE", "LTU:GOV", "intended")),
    ("NATO has no plans to deploy troops in Ukraine.",
     ("NATO", "MOBILIZE", "UKR:GOV", "denied")),
    ("Russia's plans to invade Ukraine were set out in a leaked report.",
     ("RUS:MIL", "ASSAULT", "UKR:GOV", "intended")),
    ("The deputy minister said Russia had no intention of attacking Ukraine.",
     ("RUS:MIL", "ASSAULT", "UKR:GOV", "denied")),
])
def test_the_act_an_intent_noun_names_is_its_owner_s_and_intended(code_text, triples, text,
                                                                    triple):
    r = code_text(text, published="2022-02-01")
    assert triple in triples(r)
    assert {e.plover_type for e in r.events} == {triple[1]}  # no announcement as an AGREE


def test_a_leader_threatening_with_his_own_state_s_act_threatens_the_other(code_text,
                                                                          triples):
    r = code_text("Lukashenko warned that Belarus would respond if the European Union imposed "
                  "new sanctions.", published="2021-11-11")
    assert ("BLR:GOV", "THREATEN", "EU", "asserted") in triples(r)


def test_the_act_a_deadline_is_set_for_and_a_refusal_in_its_condition_are_no_acts(code_text):
    r = code_text("Regional leaders on Sunday gave the soldiers who ousted Niger's president "
                  "ten days to return him to office, and said they could use force if the "
                  "junta refused.", published="2023-07-31")
    assert {e.plover_type for e in r.events} == {"THREATEN"}


def test_a_round_or_wave_of_acts_is_read_through_its_count(code_text, triples):
    r = code_text("The EU is preparing a new round of sanctions against Belarusian officials.",
                  published="2021-11-11")
    assert ("EU", "SANCTION", "BLR:GOV", "intended") in triples(r)
    r = code_text("Russia launched a wave of missile strikes on Ukrainian cities.",
                  published="2022-10-10")
    assert {e.plover_type for e in r.events} == {"ASSAULT"}  # no walkout


@pytest.mark.parametrize("text, triple", [
    ("Jordan condemned the Israeli raid on Jenin.", ("JOR:GOV", "ACCUSE", "ISR")),
    ("The United States rejected the Russian proposals on NATO membership.",
     ("USA:GOV", "REJECT", "RUS")),
    ("Kyiv condemned the Russian strikes on Odesa.", ("UKR:GOV", "ACCUSE", "RUS")),
])
def test_a_reaction_to_an_act_named_by_its_maker_s_nationality_targets_the_maker(
        code_text, text, triple):
    r = code_text(text, published="2022-01-10")
    assert {(e.source.actor.code, e.plover_type, e.target.actor.code) for e in r.events
            if e.target is not None} == {triple}


def test_a_participle_sharing_a_passive_s_auxiliary_is_passive(propose_text):
    r = propose_text("Dozens of protesters have been killed, according to the ministry, and "
                     "more than 3,000 people detained.", published="2022-01-07")
    assert not [e for e in r.events if e.plover_type == "COERCE" and e.source.text == "people"]


@pytest.mark.parametrize("text, kinds", [
    ("KYIV (Wire) - Biden spoke with Zelensky by phone overnight and promised continued "
     "support.", {("CONSULT", "asserted"), ("SUPPORT", "intended")}),
    ("BERLIN (Wire) - Germany's chancellor phoned Russia's president on Wednesday and asked "
     "him to use his influence on Minsk.", {("CONSULT", "asserted"), ("REQUEST", "asserted")}),
])
def test_a_second_act_of_one_dyad_keeps_its_own_type(code_text, text, kinds):
    r = code_text(text, published="2022-02-24")
    assert kinds <= {(e.plover_type, e.status.value) for e in r.events}


@pytest.mark.parametrize("text, triple", [
    ("China lashed out at Washington on Tuesday over its latest arms sale to Taiwan.",
     ("CHN:GOV", "ACCUSE", "USA:GOV")),
    ("Lithuania drew a sharp rebuke from China after a Taiwanese office opened in Vilnius.",
     ("CHN:GOV", "ACCUSE", "LTU:GOV")),
    ("Turkey faced sanctions from the United States over its purchase of Russian missiles.",
     ("USA:GOV", "SANCTION", "TUR:GOV")),
])
def test_criticism_lashed_out_drawn_or_faced_is_the_critic_s(code_text, text, triple):
    r = code_text(text, published="2022-01-20")
    assert triple in {(e.source.actor.code, e.plover_type, e.target.actor.code)
                      for e in r.events if e.target is not None}


def test_declining_to_call_an_act_by_a_name_rejects_no_one(code_text):
    r = code_text("A Chinese foreign ministry spokeswoman declined to call the Russian "
                  "operation an invasion.", published="2022-02-24")
    assert not [e for e in r.events if e.plover_type == "REJECT"]
    assert all(e.status.value == "denied" for e in r.events)


def test_a_relative_clause_lends_its_act_no_party_of_the_main_clause(propose_text):
    r = propose_text("The junta, which seized power in July, accused the French ambassador of "
                     "interference.",
                     published="2023-08-25")
    seizures = [e for e in r.events if e.plover_type == "COERCE"]
    assert seizures and all(e.target is None or e.target.actor.country != "FRA"
                            for e in seizures)


def test_it_stands_for_no_plural_group(code_text, triples):
    r = code_text("The envoy urged Moscow to pull back the 100,000 troops it has massed near "
                  "the Ukrainian border.", published="2022-01-10")
    assert ("RUS:MIL", "MOBILIZE", "UKR", "asserted") in triples(r)
