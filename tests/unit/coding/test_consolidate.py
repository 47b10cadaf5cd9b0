"""One act, one record: consolidating an article's events (built by hand, no model)."""

from eventlens.coding.consolidate import consolidate
from eventlens.model import Actor, Event, Mention, Status


def _mention(start: int, country: str, role: str = "GOV", name: str = "") -> Mention:
    return Mention(start, start + 5, "words", Actor(country, role, name), "country")


def _event(source: Mention, target: Mention | None, sentence: tuple[int, int], *,
           kind: str = "ACCUSE", confidence: float = 0.5, date: str = "2024-05-02",
           status: Status = Status.ASSERTED) -> Event:
    return Event("a1", source, target, kind, "11", 3, -2.0, status, date, *sentence,
                 trigger="accuse", confidence=confidence)


def test_one_act_in_three_sentences_is_one_record_with_every_span():
    events = [_event(_mention(0, "ARM"), _mention(20, "AZE"), (0, 40), confidence=0.6),
              _event(_mention(45, "ARM", name="Nikol Pashinyan"), _mention(60, "AZE"),
                     (41, 90), confidence=0.9),
              _event(_mention(95, "ARM"), _mention(110, "AZE"), (91, 130), confidence=0.7),
              _event(_mention(96, "ARM"), _mention(111, "AZE"), (91, 130), confidence=0.4)]
    [one] = consolidate(events)
    assert (one.evidence_start, one.evidence_end) == (0, 40)
    assert one.more_evidence == ((41, 90), (91, 130))
    assert one.confidence == 0.9  # the highest of the merged records
    assert one.source.start == 0  # the first record found is the one kept


def test_other_status_date_type_or_direction_stay_apart():
    arm, aze = _mention(0, "ARM"), _mention(20, "AZE")
    events = [_event(arm, aze, (0, 40)), _event(aze, arm, (0, 40)),
              _event(arm, aze, (41, 90), status=Status.DENIED),
              _event(arm, aze, (41, 90), date="2024-05-01"),
              _event(arm, aze, (41, 90), kind="THREATEN")]
    kept = consolidate(events)
    assert len(kept) == 5 and all(e.more_evidence == () for e in kept)


def test_no_unresolved_side_but_one_sided_acts_stay():
    arm = _mention(0, "ARM")
    events = [_event(_mention(0, "", "GOV"), _mention(20, "AZE"), (0, 40)),
              _event(arm, _mention(20, "", "CVL"), (0, 40)),
              _event(arm, _mention(20, ""), (0, 40), kind="CONSULT"),
              _event(arm, None, (0, 40), kind="PROTEST")]
    kept = consolidate(events)
    # an unknown source: dropped; an unknown target: one-sided, but a meeting needs a partner
    assert [(e.plover_type, e.target) for e in kept] == [("ACCUSE", None), ("PROTEST", None)]
    assert len(consolidate(events, resolved_only=False)) == 4


def test_no_self_loop_but_roles_of_one_country_may_meet():
    kept = consolidate([_event(_mention(0, "CHN"), _mention(20, "CHN"), (0, 40),
                               kind="CONSULT"),
                        _event(_mention(0, "RUS"), _mention(20, "RUS", "OPP"), (0, 40),
                               kind="COERCE")])
    assert [(e.source.actor.code, e.target.actor.code) for e in kept] == [("RUS:GOV", "RUS:OPP")]


def test_a_merged_record_keeps_the_rules_of_every_report_once():
    from dataclasses import replace

    arm, aze = _mention(0, "ARM"), _mention(20, "AZE")
    first = replace(_event(arm, aze, (0, 40)), why=("frame:ACCUSE:accuse",))
    second = replace(_event(arm, aze, (41, 90)), why=("frame:ACCUSE:condemn", "actor:military"))
    third = replace(_event(arm, aze, (91, 130)), why=("frame:ACCUSE:accuse",))
    [one] = consolidate([first, second, third])
    assert one.why == ("frame:ACCUSE:accuse", "frame:ACCUSE:condemn", "actor:military")


def test_two_people_of_one_government_are_no_self_loop():
    biden = _mention(0, "USA", name="Joe Biden")
    blinken = _mention(20, "USA", name="Antony Blinken")
    kept = consolidate([_event(biden, blinken, (0, 40)),
                        _event(_mention(0, "USA"), _mention(20, "USA"), (41, 90))])
    assert [(e.source.actor.name, e.target.actor.name) for e in kept] == [
        ("Joe Biden", "Antony Blinken")]


def test_a_one_sided_telling_joins_the_record_that_names_the_target():
    rus, ukr = _mention(0, "RUS", "MIL"), _mention(20, "UKR")
    events = [_event(rus, None, (0, 40), kind="ASSAULT", confidence=0.8),
              _event(rus, ukr, (41, 90), kind="ASSAULT", confidence=0.6),
              _event(rus, None, (91, 130), kind="ASSAULT", date="2024-05-01"),  # another day
              _event(rus, None, (91, 130), kind="THREATEN")]  # another act
    kept = consolidate(events)
    assert [(e.plover_type, e.target is not None, e.date) for e in kept] == [
        ("ASSAULT", True, "2024-05-02"), ("ASSAULT", False, "2024-05-01"),
        ("THREATEN", False, "2024-05-02")]
    full = kept[0]
    assert (full.evidence_start, full.evidence_end) == (41, 90)
    assert full.more_evidence == ((0, 40),)
    assert full.confidence == 0.8


def test_a_state_institution_acting_on_an_office_holder_is_two_actors():
    police = Mention(0, 23, "Peru's national police", Actor("PER", "GOV", ""), "country")
    president = Mention(40, 55, "Pedro Castillo", Actor("PER", "GOV", "Pedro Castillo"), "title")
    country = Mention(0, 4, "Peru", Actor("PER", "GOV", ""), "country")
    kept = consolidate([_event(police, president, (0, 60)), _event(country, president, (61, 90))])
    # the police charging the president is kept; "Peru" and its president are one actor
    assert [(e.source.text, e.target.text) for e in kept] == [
        ("Peru's national police", "Pedro Castillo")]
