"""Clauses that say things of their own: a concessive clause asserts whatever the clause it
hangs on denies, and an official with a title but no country in a sentence whose subject is one
country speaks for it. Sentences written for these tests."""

from __future__ import annotations


def test_a_concessive_clause_is_asserted_whatever_its_main_clause_denies(code_text, triples):
    r = code_text("Norway said it would not send ministers to the summit, though Oslo had "
                  "raised its concerns with Egyptian officials.", published="2022-11-02")
    assert ("NOR:GOV", "ACCUSE", "EGY:GOV", "asserted") in triples(r)


def test_a_titled_official_of_no_country_speaks_for_the_sentence_s_subject(code_text):
    r = code_text("Canada said on Monday that it would join the boycott, and Deputy Prime "
                  "Minister Anita Marsh said the decision had been taken with allies.",
                  published="2021-12-08")
    marsh = [m for m in r.mentions if "Marsh" in m.text]
    assert marsh and {m.actor.code for m in marsh} == {"CAN:GOV"}


def test_troops_of_no_country_are_not_given_the_subject_s(code_text):
    r = code_text("US officials have estimated that Moscow could assemble 175,000 troops for a "
                  "possible offensive.", published="2021-12-04")
    troops = [m for m in r.mentions if m.text.endswith("troops")]
    assert troops and all(m.actor.country != "USA" for m in troops)


def test_a_request_put_to_the_world_is_put_to_no_state_and_not_to_its_object(code_text):
    r = code_text("Foreign Minister Ararat Mirzoyan called it a full-scale assault and asked the "
                  "world to stop Aliyev.", published="2022-09-14")
    assert ("ARM:GOV", "ACCUSE", "AZE:GOV") in {
        (e.source.actor.code, e.plover_type, e.target.actor.code if e.target else "-")
        for e in r.events}
    assert not [e for e in r.events if e.plover_type == "REQUEST"
                and e.target is not None and e.target.actor.country == "AZE"]


def test_the_two_countries_are_the_two_states_not_the_alliance_they_join(code_text):
    r = code_text("Hungary dropped its objection to Croatia and Slovenia joining NATO after the two "
                  "countries promised to meet its demands.", published="2003-05-02")
    two = {m.actor.country for m in r.mentions if m.text.endswith("two countries")}
    assert two == {"HRV", "SVN"}


def test_a_date_in_a_relative_clause_dates_only_that_clause(code_text):
    r = code_text("The junta, which seized power in July, expelled the French ambassador on "
                  "Friday.", published="2023-08-26")
    dates = {e.trigger: e.date for e in r.events}
    assert dates.get("expel") == "2023-08-25"
    r = code_text("The junta, which seized power in July, expelled the French ambassador.",
                  published="2023-08-26")
    assert {e.date for e in r.events if e.trigger == "expel"} == {"2023-08-26"}


def test_who_calls_for_an_act_is_not_its_guessed_target(code_text):
    r = code_text("Sri Lanka's government imposed a curfew in Colombo on Monday. US Ambassador "
                  "Julie Chung called on the government to arrest and prosecute whoever had "
                  "incited the violence.", published="2022-05-10")
    assert ("USA:GOV", "REQUEST", "LKA:GOV") in {
        (e.source.actor.code, e.plover_type, e.target.actor.code if e.target else "-")
        for e in r.events}
    assert not [e for e in r.events if e.source.actor.country == "LKA"
                and e.target is not None and e.target.actor.country == "USA"]


def test_someone_detained_in_a_country_is_its_patient_whatever_the_tagger_says(code_text):
    r = code_text("Tokyo called for the release of a Japanese pharmaceutical company employee "
                  "detained in China.", published="2023-11-17")
    coerce = [e for e in r.events if e.plover_type == "COERCE"]
    assert [(e.source.actor.country, e.target.actor.country) for e in coerce] == [("CHN", "JPN")]


def test_a_war_someone_will_never_win_is_told_as_it_is(code_text, triples):
    r = code_text("Macron said Russia would never win its war in Ukraine.",
                  published="2023-02-21")
    assert {(s[:3], t, o[:3], st) for s, t, o, st in triples(r) if t == "ASSAULT"} == {
        ("RUS", "ASSAULT", "UKR", "asserted")}
