"""One act, one record: an article's events consolidated before they are stored."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from eventlens.coding.lexicon import wordlist
from eventlens.model import Event, Mention
from eventlens.vocabulary import plover_types_of

# Types that always involve a second party: without a known one, nothing is recorded.
DYADIC_TYPES = plover_types_of("dyadic")


def consolidate(events: Iterable[Event], *, resolved_only: bool = True) -> list[Event]:
    """The article's events that name who took part, one per (source, type, target, status,
    date), in order of first mention.

    No side is left unresolved (a role alone, "GOV", or nothing, where no country or
    organisation is known): an event whose source is unresolved is dropped, since it cannot
    say who acted; one whose target is unresolved is kept one-sided (the act happened, on
    someone the text does not place), except a meeting or joint action, which needs a known
    partner. A one-sided record of an act the article also records with a target joins that
    record. An event is dropped when source and target are one actor (one code, not two people
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
    _fold_one_sided(merged, spans, rules)
    out = []
    for key, event in merged.items():
        first = (event.evidence_start, event.evidence_end)
        more = tuple(sorted(spans[key] - {first}))
        why = tuple(rules[key])
        if more != event.more_evidence or why != event.why:
            event = replace(event, more_evidence=more, why=why)
        out.append(event)
    return out


def _fold_one_sided(merged: dict, spans: dict, rules: dict) -> None:
    """A one-sided record of an act that the article also records with a target ("troops
    shelled the city" beside "troops shelled Kharkiv" on the same day) is that act told
    without its target: its evidence and rules join the record that names the target."""
    for key in [k for k in merged if not k[2]]:
        full = next((k for k in merged if k[2] and (k[0], k[1], k[3], k[4]) ==
                     (key[0], key[1], key[3], key[4])), None)
        if full is None:
            continue
        event = merged.pop(key)
        spans[full] |= spans.pop(key) | {(event.evidence_start, event.evidence_end)}
        rules[full] += [r for r in rules.pop(key) if r not in rules[full]]
        if event.confidence > merged[full].confidence:
            merged[full] = replace(merged[full], confidence=event.confidence)


def _one_actor(source: Mention, target: Mention) -> bool:
    """Whether the two sides are one actor: the same code, and not two people named apart
    ("President Biden criticised Secretary Blinken" is two members of one government)."""
    if not target.actor.country or target.actor.code != source.actor.code:
        return False
    if source.actor.name and target.actor.name:
        return source.actor.name == target.actor.name
    # "Brazil's federal police charged President Temer": an institution and an office holder
    return not (source.actor.name or target.actor.name) or not (
        _institution(source) or _institution(target))


def _institution(mention: Mention) -> bool:
    """Whether a mention names one of a state's institutions (police, prosecutors, ...)."""
    words = f" {mention.text.lower()} "
    return any(f" {w} " in words for w in wordlist("state_institutions"))


def _resolved(mention: Mention) -> bool:
    """Whether a mention names a country or an organisation (not only a role or nothing)."""
    return bool(mention.actor.country)
