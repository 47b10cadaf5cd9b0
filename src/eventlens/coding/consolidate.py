"""One act, one record: an article's events consolidated before they are stored."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from eventlens.model import Event, Mention

# Types that always involve a second party: without a known one, nothing is recorded.
DYADIC_TYPES = frozenset({"CONSULT", "COOPERATE"})


def consolidate(events: Iterable[Event], *, resolved_only: bool = True) -> list[Event]:
    """The article's events that name who took part, one per (source, type, target, status,
    date), in order of first mention.

    No side is left unresolved (a role alone, "GOV", or nothing, where no country or
    organisation is known): an event whose source is unresolved is dropped, since it cannot
    say who acted; one whose target is unresolved is kept one-sided (the act happened, on
    someone the text does not place), except a meeting or joint action, which needs a known
    partner. An event is dropped when source and target are one actor (one code, not two people
    named apart), since no one is recorded acting on themselves. `resolved_only=False` keeps
    unresolved sides as found (to inspect what the rules proposed). The merged record is the
    first one found, with the evidence sentences of all in text order, the rules (`why`) of all,
    and the highest confidence among them.
    """
    merged: dict[tuple, Event] = {}
    spans: dict[tuple, set[tuple[int, int]]] = {}
    rules: dict[tuple, list[str]] = {}  # the rules behind every merged record, in order
    for event in events:
        if resolved_only and not _resolved(event.source):
            continue
        if resolved_only and event.target is not None and not _resolved(event.target):
            if event.plover_type in DYADIC_TYPES:
                continue  # a meeting or joint action with no known partner
            event = replace(event, target=None)
        if event.target is not None and _one_actor(event.source, event.target):
            continue
        key = (event.source.actor.code, event.plover_type,
               event.target.actor.code if event.target else "", event.status, event.date)
        kept = merged.get(key)
        if kept is None:
            merged[key] = event
            spans[key] = set()
            rules[key] = []
        elif event.confidence > kept.confidence:
            merged[key] = replace(kept, confidence=event.confidence)
        spans[key].add((event.evidence_start, event.evidence_end))
        spans[key].update(event.more_evidence)
        rules[key] += [r for r in event.why if r not in rules[key]]
    out = []
    for key, event in merged.items():
        first = (event.evidence_start, event.evidence_end)
        more = tuple(sorted(spans[key] - {first}))
        why = tuple(rules[key])
        if more != event.more_evidence or why != event.why:
            event = replace(event, more_evidence=more, why=why)
        out.append(event)
    return out


def _one_actor(source: Mention, target: Mention) -> bool:
    """Whether the two sides are one actor: the same code, and not two people named apart
    ("President Biden criticised Secretary Blinken" is two members of one government)."""
    if not target.actor.country or target.actor.code != source.actor.code:
        return False
    return not (source.actor.name and target.actor.name
                and source.actor.name != target.actor.name)


def _resolved(mention: Mention) -> bool:
    """Whether a mention names a country or an organisation (not only a role or nothing)."""
    return bool(mention.actor.country)
