"""frames.yaml `readings` and the issue-15 error classes, on sentences written for these tests."""

import pytest

from eventlens.coding.lexicon import load_lexicon

pytestmark = pytest.mark.model

READINGS = load_lexicon().readings


def country_triples(result) -> set[str]:
    """"SOURCE TYPE TARGET" at country level, as the `expect` of a reading says."""
    return {f"{e.source.actor.country} {e.plover_type} "
            f"{e.target.actor.country if e.target else '-'}" for e in result.events}


def test_every_reading_has_an_id_a_reason_and_an_example():
    assert READINGS
    assert len({r.id for r in READINGS}) == len(READINGS)
    assert all(r.because and r.example for r in READINGS)


@pytest.mark.parametrize("reading", READINGS, ids=[r.id for r in READINGS])
def test_each_reading_codes_its_example(code_text, reading):
    assert country_triples(code_text(reading.example)) == set(reading.expect)


def test_an_act_under_a_legal_authority_is_only_possible(code_text):
    r = code_text("The law authorises the Chilean government to impose sanctions on Venezuela.")
    sanctions = [e for e in r.events if e.plover_type == "SANCTION"]
    assert sanctions and {e.status.value for e in sanctions} == {"hypothetical"}


def test_a_hyphenated_event_noun_fires_its_frame(code_text):
    r = code_text("The talks opened amid a Russian troop build-up on Ukraine's border.")
    assert "RUS MOBILIZE UKR" in country_triples(r)


def test_stressing_the_need_for_others_to_act_requests_it(code_text):
    r = code_text("Germany stressed the need for Serbia and Kosovo to resume talks.")
    got = country_triples(r)
    assert {"DEU REQUEST SRB", "DEU REQUEST XKX"} <= got
    assert not any(" CONSULT " in t for t in got)  # the talks are only wanted


@pytest.mark.parametrize("text, triple", [
    ("Seoul's concern over North Korea's weapons tests is growing.", "KOR ACCUSE PRK"),
    ("The EU said it was concerned about Serbia's troop movements.", "EU ACCUSE SRB"),
    ("Japan is worried about China's naval drills.", "JPN ACCUSE CHN"),
    ("Ankara's condemnation of Israel's strikes drew a sharp reply.", "TUR ACCUSE ISR"),
])
def test_a_concern_or_a_criticism_as_a_noun_accuses(code_text, text, triple):
    assert triple in country_triples(code_text(text))


@pytest.mark.parametrize("text, triple", [
    ("Trade and China's military intimidation of the Philippines strain ties.",
     "CHN THREATEN PHL"),
    ("Tensions rose after Moscow's massing of troops along Ukraine's border.",
     "RUS MOBILIZE UKR"),
])
def test_intimidation_and_massing_of_troops(code_text, text, triple):
    assert triple in country_triples(code_text(text))


@pytest.mark.parametrize("text, wanted", [
    # urged to return to talks: a request, no retreat
    ("The European Union urged Iran to return to the negotiating table.", {"EU REQUEST IRN"}),
    # two leaders urging an alliance to stop enlarging: a request from each
    ("Xi and Putin called for an end to NATO's expansion.",
     {"CHN REQUEST NATO", "RUS REQUEST NATO"}),
    # saying one has just spoken to another leader: contact both ways
    ("Macron said he had just spoken with Zelensky.", {"FRA CONSULT UKR", "UKR CONSULT FRA"}),
])
def test_issue_15_background_clauses(code_text, text, wanted):
    got = country_triples(code_text(text))
    assert wanted <= got
    assert not any(" RETREAT " in t for t in got)


@pytest.mark.parametrize("text, expected", [
    # the event noun itself is read: concern for someone's safety is sympathy
    ("Seoul's concern for the safety of its fishermen near the Chinese coast grew.", set()),
    ("Seoul voiced concern for the safety of its fishermen held in China.", set()),
    # concern over an act stays a criticism, noun or verb
    ("Seoul's concern over North Korea's missile tests grew.",
     {"KOR ACCUSE PRK"}),
    ("Seoul voiced concern over North Korea's missile tests.", {"KOR ACCUSE PRK"}),
])
def test_a_reading_of_an_event_noun_keeps_it_from_firing(code_text, text, expected):
    assert {t for t in country_triples(code_text(text)) if "ACCUSE" in t} == expected


@pytest.mark.parametrize("text", [
    "Hanoi rejected the accusations of dumping steel as groundless.",
    "The foreign ministry dismissed the reports as fabrications.",
    "A spokesman for the Thai embassy declined to comment on the arrests.",
])
def test_denying_an_accusation_or_declining_to_comment_rejects_nothing(code_text, text):
    assert not [e for e in code_text(text).events if e.plover_type == "REJECT"]


@pytest.mark.parametrize("text, expected", [
    ("Tehran said it would retaliate if Israel struck its nuclear sites.", "IRN THREATEN ISR"),
    ("The Kremlin said Russia would be ready to test nuclear weapons if Washington did so "
     "first.", "RUS THREATEN USA"),
    ("Moscow said it would respond with military measures if NATO deployed missiles in "
     "Finland.", "RUS THREATEN NATO"),
])
def test_an_act_of_force_someone_would_do_if_another_acts_threatens_that_other(code_text, text,
                                                                               expected):
    assert expected in country_triples(code_text(text))


def test_a_condition_alone_threatens_no_one(code_text):
    # a wish, not an act of force or an answer in kind
    r = code_text("Seoul said it would welcome talks if Pyongyang stopped its missile tests.")
    assert not [e for e in r.events if e.plover_type == "THREATEN"]


@pytest.mark.parametrize("text, expected", [
    ("Oman brokered a prisoner exchange between Washington and Tehran.",
     {"OMN CONSULT USA", "OMN CONSULT IRN"}),
    ("Serbia and Kosovo signed an accord brokered by the European Union.",
     {"EU CONSULT SRB", "EU CONSULT XKX"}),
    ("Ethiopia and Eritrea agreed to end the war, under a deal mediated by Turkey.",
     {"TUR CONSULT ETH", "TUR CONSULT ERI"}),
])
def test_who_brokers_a_deal_mediates_between_its_parties_and_is_no_party(code_text, text,
                                                                        expected):
    triples = country_triples(code_text(text))
    broker = next(iter(expected)).split()[0]
    assert expected <= triples
    assert not [t for t in triples if "AGREE" in t and broker in t.split()]


def test_a_possessive_pronoun_is_the_doer_of_an_act_noun_that_names_none(code_text):
    r = code_text("Macron spoke to reporters in Berlin, a day after his surprise visit to Kyiv.")
    assert "FRA CONSULT UKR" in country_triples(r)


def test_a_possessive_pronoun_on_a_patient_noun_is_who_suffered_it(code_text):
    # "his arrest" is the arrest of him, not by him
    r = code_text("The Russian opposition leader Alexei Navalny spoke to reporters in Berlin "
                  "after his arrest in Moscow.")
    assert not [e for e in r.events if e.plover_type == "COERCE"
                and e.source.actor.role == "OPP"]


@pytest.mark.parametrize("text, expected", [
    ("Pyongyang threatened to strike Seoul with missiles.", "PRK THREATEN KOR"),
    ("Tehran vowed on Tuesday to retaliate against Israel for the attack on its consulate.",
     "IRN THREATEN ISR"),
])
def test_a_threat_falls_on_whom_the_act_threatened_is_aimed_at(code_text, text, expected):
    assert expected in country_triples(code_text(text))


def test_retaliation_announced_threatens_whom_it_is_aimed_at(code_text):
    r = code_text("The Indian army chief said India would retaliate against Pakistan.")
    assert "IND THREATEN PAK" in country_triples(r)
