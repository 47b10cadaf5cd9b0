"""Who acts and who is acted on, in phrasings found in real news: passives joined by "and",
a surname shared with an office holder, an abbreviation in brackets, the speaker of a
reported act, feelings and intents said of someone. Sentences written for these tests."""

from __future__ import annotations


def test_a_participle_joined_to_a_passive_is_passive_too(code_text):
    r = code_text("Ali Hassan, a detained activist, was beaten and killed in a police cell "
                  "in Cairo.", published="2015-03-02")
    assert not [e for e in r.events if "Hassan" in e.source.text]


def test_a_surname_with_another_first_name_is_not_the_office_holder(code_text):
    # Kirstjen Nielsen was the US homeland security secretary on this date
    r = code_text("A Danish judge found Britta Nielsen guilty of embezzlement.",
                  published="2018-06-05")
    assert all(e.target is None or e.target.actor.country != "USA" for e in r.events)


def test_the_office_holder_s_own_full_name_still_finds_her(code_text):
    r = code_text("Homeland Security Secretary Kirstjen Nielsen criticised Mexico on Monday.",
                  published="2018-06-05")
    assert {(e.source.actor.code, e.plover_type) for e in r.events} == {("USA:GOV", "ACCUSE")}


def test_an_abbreviation_in_brackets_is_the_name_before_it(code_text):
    r = code_text("The mayor urged the Armed Forces of the Philippines (AFP) to send rescue "
                  "boats.", published="2020-01-13")
    targets = {e.target.actor.code for e in r.events if e.target is not None}
    assert targets == {"PHL:MIL"}


def test_the_speaker_is_no_guessed_target_of_an_act_they_report(code_text):
    r = code_text("Rouhani denounced the ruling to restore Trump's entry ban on visitors.",
                  published="2017-06-27")
    assert not [e for e in r.events if e.plover_type == "COERCE"
                and e.target is not None and e.target.actor.country == "IRN"]


def test_being_ready_to_act_is_an_intent_not_praise(code_text):
    r = code_text("Araghchi said Iran was ready to resume talks with the United States.",
                  published="2021-11-20")
    assert {e.plover_type for e in r.events} == {"CONSULT"}


def test_a_feeling_said_of_someone_blames_no_one(code_text):
    r = code_text("Farmers in Kenya are worried about a new trade rule, officials said.",
                  published="2021-11-20")
    assert not [e for e in r.events if e.plover_type == "ACCUSE" and e.target is not None]
