"""When and where an act happens, as its sentence says: the date attached to its word, whether
it looks ahead, the day whose office-holders it concerns, the place named next to it."""

from __future__ import annotations

import datetime as dt

from eventlens.actors.kb import parse_partial_date
from eventlens.actors.phrases import entities_within
from eventlens.coding.lexicon import wordlist
from eventlens.coding.modality import governing_chain

# An event dated this many days before publication is coded with the offices of its own date.
STALE_ROLE_DAYS = 30


def event_day(date: str, published) -> dt.date | None:
    """The day to look up who held an office at an event, when it is not the publication day:
    the middle of a year or month given alone ("in 2010" -> 2010-07-01). None for future or
    same-day events and for dates that do not parse."""
    try:
        first = parse_partial_date(date)
        last = parse_partial_date(date, last=True)
    except ValueError:
        return None
    day = first + (last - first) / 2
    if last >= published or (published - day).days < STALE_ROLE_DAYS:
        return None
    return day


def date_entity(token, sent, *, attached_only: bool = False):
    """The date entity nearest the trigger in its sentence, preferring one attached to it
    (only one attached to it with `attached_only`)."""
    dates = [e for e in entities_within(sent) if e.label_ == "DATE" and not _elsewhere(e, token)]
    if not dates:
        return None
    if attached_only:  # "agreed on Friday to meet next month": Friday only
        own = [e for e in dates if e.root.head.i == token.i or (
            e.root.head.dep_ == "prep" and e.root.head.head.i == token.i)]
        return own[0] if own else None
    attached = [e for e in dates if any(t.head.i == token.i or t.head.head.i == token.i for t in e)]
    return attached[0] if attached else min(dates, key=lambda e: abs(e.start - token.i))


def _elsewhere(date_ent, token) -> bool:
    """Whether a date lies in a relative clause the trigger is not in ("The junta, which seized
    power in July, expelled the ambassador": July dates the seizure, not the expulsion)."""
    clause = next((a for a in date_ent.root.ancestors if a.dep_ == "relcl"), None)
    return clause is not None and not clause.left_edge.i <= token.i <= clause.right_edge.i


def said_of_past(date_ent) -> bool:
    """Whether a date hangs on a past-tense verb ("agreed on Saturday to ..."): then it dates
    the agreement, which lies before publication, not the act agreed."""
    if date_ent is None:
        return False
    head = date_ent.root.head
    if head.dep_ == "prep":
        head = head.head
    return head.tag_ == "VBD"


def looks_future(token) -> bool:
    chain = [token, *governing_chain(token)]
    for verb in chain[:3]:
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if aux & wordlist("future_aux"):
            return True
        if verb.lemma_.lower() in wordlist("commit_verbs") | wordlist("plan_verbs"):
            return True
    return False


def location_of(token, sent) -> str:
    """A place named with in/at/near next to the trigger, when it names no actor."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "at", "near", "outside"):
            for pobj in child.children:
                if pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                    ent = next((e for e in entities_within(sent) if e.start <= pobj.i < e.end),
                               None)
                    return ent.text if ent else pobj.text
    return ""
