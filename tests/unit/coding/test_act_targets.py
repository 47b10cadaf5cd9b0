"""A reaction to an act named only by a noun falls on who did that act, as an earlier sentence
of the article tells it (coding/default_targets.act_targets, actors/acts.doers_of)."""

import pytest

from eventlens.actors.acts import doer_of
from eventlens.model import Actor, Event, Mention, Status

pytestmark = pytest.mark.model


def _triples(result, kind: str) -> set[str]:
    return {f"{e.source.actor.country} {e.plover_type} "
            f"{e.target.actor.country if e.target else '-'}"
            for e in result.events if e.plover_type == kind}


@pytest.mark.parametrize("text, kind, expected", [
    # a word for any act: the latest act told before, here a suspension
    ("Moscow suspended the arms treaty on Tuesday. Washington called the move reckless and "
     "irresponsible.", "ACCUSE", "USA ACCUSE RUS"),
    # the noun's own kind of act: drills are the missile firing told before
    ("China fired missiles into the waters off Taiwan on Thursday. Taipei condemned the "
     "drills as irrational.", "ACCUSE", "TWN ACCUSE CHN"),
    # words said: a reaction to a statement falls on its speaker
    ("The Australian prime minister accused Beijing of bullying on Monday. The Chinese "
     "embassy in Canberra called the remark wrong and irresponsible.", "ACCUSE", "CHN ACCUSE AUS"),
    # a compound act noun the small tagger reads as a verb ("the rocket [tests]"): the name
    # it is given is still blame, and the tests are still the firing told before
    ("North Korea fired three rockets into the sea on Saturday. Seoul called the rocket "
     "tests a reckless provocation.", "ACCUSE", "KOR ACCUSE PRK"),
    ("Russian artillery pounded Mykolaiv for a third night. Kyiv called the air strikes a "
     "crime against civilians.", "ACCUSE", "UKR ACCUSE RUS"),
])
def test_a_reaction_to_an_act_named_by_a_noun_falls_on_its_doer(code_text, text, kind,
                                                                  expected):
    r = code_text(text)
    assert expected in _triples(r, kind)
    assert "actor:act-doer" in next(e for e in r.events if e.plover_type == kind
                                    and e.target and e.target.how == "act").why


@pytest.mark.parametrize("text", [
    # a deal is both parties' act: no one party is praised
    "Qatar and Egypt signed a gas agreement on Monday. The Turkish minister called the deal "
    "a victory for the region.",
    # never the speaker's own act
    "Canada imposed new tariffs on steel on Monday. Ottawa called the move necessary.",
])
def test_no_single_doer_no_target(code_text, text):
    r = code_text(text)
    assert not [e for e in r.events if e.target is not None and e.target.how == "act"]


def _event(kind: str, country: str, start: int) -> Event:
    source = Mention(start, start + 5, country, Actor(country, "GOV"), "country")
    return Event("a", source, None, kind, "", 1, 0.0, Status.ASSERTED, "2022-01-01",
                 start, start + 20, kind.lower())


def test_doer_of_prefers_the_nouns_own_kind_then_the_latest_act():
    speaker = Mention(100, 105, "Tokyo", Actor("JPN", "GOV"), "country")
    noun = Mention(110, 118, "the test", Actor(""), "title")
    earlier = [_event("MOBILIZE", "PRK", 0), _event("SANCTION", "USA", 30),
               _event("ACCUSE", "CHN", 60), _event("AGREE", "KOR", 80)]
    assert doer_of(noun, "MOBILIZE", earlier, speaker).actor.country == "PRK"
    # no act of that kind: the latest that is no verbal reaction and no joint act; for an act
    # of force, the latest act of force (not the sanction told since)
    assert doer_of(noun, "ASSAULT", earlier, speaker).actor.country == "PRK"
    assert doer_of(noun, "ASSAULT", earlier[1:], speaker) is None
    assert doer_of(noun, "SANCTION", earlier[:2] + earlier[3:], speaker).actor.country == "USA"
    assert doer_of(noun, "REQUEST", earlier, speaker).actor.country == "USA"
    assert doer_of(noun, None, earlier, speaker, words=True).actor.country == "CHN"
    assert doer_of(noun, None, [_event("SANCTION", "JPN", 0)], speaker) is None


def test_a_denied_attack_aimed_at_no_one_is_aimed_where_the_same_actor_deployed(code_text):
    r = code_text("Belarus has moved thousands of soldiers close to its frontier with "
                  "Lithuania. Minsk denied on Monday that it was preparing to invade.",
                  published="2023-08-02")
    denied = [e for e in r.events if e.plover_type == "ASSAULT"]
    assert denied and all(e.status.value == "denied" and e.target is not None
                          and e.target.actor.country == "LTU"
                          and e.target.how.endswith("+earlier") for e in denied)


def test_a_reaction_to_an_act_done_together_falls_on_each_doer(code_text, triples):
    r = code_text("Washington, the European Union, Britain and Canada agreed on Saturday to cut "
                  "several Russian lenders off the SWIFT payment network. Moscow condemned the "
                  "sanctions as economic warfare.", published="2022-02-27")
    condemned = {t for s, kind, t, _ in triples(r) if s == "RUS:GOV" and kind == "ACCUSE"}
    assert condemned == {"USA:GOV", "EU", "GBR:GOV", "CAN:GOV"}
