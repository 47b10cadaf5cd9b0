"""Extraction from event records and resolution against later events, without a store."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from eventlens.claims import EventRow, claim_from_event, extract_claims, resolve_claims
from eventlens.claims.resolve import match_score

D = dt.date.fromisoformat


def row(event_id, published, kind, source, target, status, *, sentence="", day=None,
        article=None, story="", confidence=0.9, date_text=""):
    return EventRow(event_id=event_id, article_id=article or f"a-{event_id}",
                    published=D(published), plover_type=kind, status=status,
                    event_date=D(day or published), date_text=date_text, source_code=source,
                    source_country=source.split(":")[0], target_code=target,
                    target_country=target.split(":")[0], evidence_start=0,
                    evidence_end=len(sentence), evidence=sentence, confidence=confidence,
                    story_id=story)


PLAN = row("p1", "2022-01-10", "CONSULT", "RUS:GOV", "CHN:GOV", "intended",
           sentence="Russia and China will hold talks next month.", story="s-plan")
THREAT = row("t1", "2022-01-20", "THREATEN", "USA:GOV", "RUS:GOV", "asserted",
             sentence="The United States warned Russia it would face severe sanctions.")
DENIAL = row("d1", "2022-01-10", "ASSAULT", "RUS:GOV", "UKR", "denied",
             sentence="The Kremlin denied that it plans to attack Ukraine.")
DEMAND = row("r1", "2022-04-01", "REQUEST", "CHN:GOV", "RUS:GOV", "asserted",
             sentence="China demanded that Russia withdraw its troops within 48 hours.")
PROMISE = row("g1", "2022-05-01", "AID", "DEU:GOV", "UKR:GOV", "intended",
              sentence="Germany promised to send Ukraine air defence systems.")


def test_kinds_of_claim():
    kinds = {r.event_id: claim_from_event(r).kind for r in (PLAN, THREAT, DENIAL, DEMAND,
                                                             PROMISE)}
    assert kinds == {"p1": "plan", "t1": "threat", "d1": "denial", "r1": "demand",
                     "g1": "promise"}
    assert claim_from_event(THREAT).match_types == ("SANCTION",)


def test_no_claim_without_its_cue():
    # a request with no deadline, a denied event without a denial, speculation
    assert claim_from_event(dataclasses.replace(
        DEMAND, evidence="China urged Russia to withdraw its troops.")) is None
    assert claim_from_event(dataclasses.replace(
        DENIAL, evidence="She did not say she would attack.")) is None
    assert claim_from_event(dataclasses.replace(
        PLAN, evidence="They are weighing whether to hold talks next month.")) is None


AS_OF = D("2022-06-01")
LATER = [
    row("e1", "2022-02-15", "CONSULT", "CHN:GOV", "RUS:GOV", "asserted", day="2022-02-14"),
    row("e2", "2022-03-01", "ASSAULT", "RUS:MIL", "UKR", "asserted"),
    row("e3", "2022-02-23", "SANCTION", "USA:GOV", "RUS:BUS", "asserted", day="2022-02-22"),
    row("e4", "2022-04-20", "RETREAT", "RUS:MIL", "CHN", "asserted"),  # after the deadline
]


def _states(claims, events, as_of=AS_OF):
    return {c.event_id: (o.state, o.event_id) for c, o in
            zip(claims, resolve_claims(claims, events, as_of), strict=True)}


def test_outcomes():
    claims = extract_claims([PLAN, THREAT, DENIAL, DEMAND, PROMISE])
    assert _states(claims, LATER) == {
        "p1": ("fulfilled", "e1"),       # the other side reports the talks (symmetric)
        "t1": ("carried-out", "e3"),     # the sanctions the warning named
        "d1": ("contradicted", "e2"),    # the military, same country, attacks
        "r1": ("overdue", ""),           # the retreat came after the 48 hours
        "g1": ("open", ""),              # not due yet, nothing reported
    }


def test_windows_pass_as_of_the_store():
    claims = extract_claims([PLAN, PROMISE])
    late = D("2023-01-01")
    assert _states(claims, [], late) == {"p1": ("overdue", ""), "g1": ("overdue", "")}
    threat = extract_claims([THREAT])
    assert _states(threat, [], late) == {"t1": ("lapsed", "")}


def test_what_does_not_settle_a_claim():
    claim = extract_claims([PLAN])[0]
    talks = LATER[0]
    assert match_score(claim, talks) == 1.0
    # a report of the meeting the plan was made at (same story), the claim's own article,
    # a report older than the claim, a statement not asserted, another target
    for changed in (dict(story_id="s-plan"), dict(article_id=PLAN.article_id),
                    dict(published=D("2022-01-05")), dict(status="intended"),
                    dict(target_code="USA:GOV", target_country="USA")):
        assert match_score(claim, dataclasses.replace(talks, **changed)) is None, changed
    # outside the window by more than the grace days
    assert match_score(claim, dataclasses.replace(
        talks, event_date=D("2022-03-05"), published=D("2022-03-05"))) is None
    assert match_score(claim, dataclasses.replace(
        talks, event_date=D("2022-03-02"), published=D("2022-03-02"))) == 1.0


def test_the_earliest_settling_event_wins_whatever_the_order():
    claims = extract_claims([PLAN, THREAT, DENIAL, DEMAND, PROMISE])
    more = [*LATER,
            row("e5", "2022-02-20", "CONSULT", "RUS:GOV", "CHN:GOV", "asserted"),
            row("e6", "2022-02-14", "CONSULT", "RUS:GOV", "CHN", "asserted")]
    expected = _states(claims, more)
    assert expected["p1"] == ("fulfilled", "e1")  # same day and match as e6: the smaller id
    rng = random.Random(3)
    for _ in range(5):
        shuffled = more[:]
        rng.shuffle(shuffled)
        rows = [PLAN, THREAT, DENIAL, DEMAND, PROMISE]
        rng.shuffle(rows)
        assert _states(extract_claims(rows), shuffled) == expected


def test_reports_of_one_claim_are_one_claim():
    copy = dataclasses.replace(PLAN, event_id="p2", article_id="a-copy",
                               published=D("2022-01-11"))
    merged = [dataclasses.replace(PLAN, merged_id="m1"), dataclasses.replace(copy,
                                                                              merged_id="m1")]
    claims = extract_claims(merged)
    assert len(claims) == 1 and claims[0].reports == 2 and claims[0].event_id == "p1"
    assert len(extract_claims([PLAN, copy])) == 2  # not merged: two statements
