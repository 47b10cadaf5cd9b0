"""Explain how a name resolves: the knowledge-base entries it matches and the actor chosen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pycountry

from eventlens.actors.kb import load_knowledge_base
from eventlens.actors.resolver import ActorResolver


def iso_country(name: str):
    """The ISO 3166 country (pycountry) with this name, official or common name, or alpha-2,
    alpha-3 or numeric code; None when there is none."""
    try:
        return pycountry.countries.lookup(name.strip())
    except LookupError:
        return None


def explain(name: str, on: dt.date, *, load_nlp: Callable, actor_files: tuple[Path, ...] = ()
            ) -> list[str]:
    """Human-readable lines: matches by kind, then the resolver's answer for the name as an
    actor in a sentence of that date.

    Args:
        load_nlp: returns the spaCy pipeline that parses the test sentence (`nlp.load_pipeline`;
            passed in because the actors package sits below nlp, which reads its places).
    """
    kb = load_knowledge_base(actor_files)
    lines = [f"{name!r} on {on.isoformat()}:"]
    for match in kb.countries_by_name(name):
        entry, field_name = match
        note = " (ambiguous: needs context)" if getattr(match, "ambiguous", False) else ""
        lines.append(f"  country {entry.iso3} ({entry.name}) by its {field_name}{note}")
    iso = iso_country(name)
    if iso is not None and len(lines) == 1:
        lines.append(f"  country {iso.alpha_3} ({iso.name}) by ISO 3166 (pycountry)"
                     + ("" if iso.alpha_3 in kb.countries else "; not in the knowledge base"))
    org = kb.organisation_by_name(name)
    if org is not None:
        parent = f", part of {org.parent}" if org.parent else ""
        lines.append(f"  organisation {org.code} ({org.name}, {org.kind}{parent})")
    group = kb.group_by_name(name, on)
    if group is not None:
        lines.append(f"  group {group.name}: {group.country}:{group.role}".rstrip(":"))
    held = kb.people_named(name)
    current = {(r.name, r.title, r.start) for r in kb.person_roles_on(name, on)}
    for role in sorted(held, key=lambda r: r.start):
        end = role.end.isoformat() if role.end else "now"
        mark = "  <- on this date" if (role.name, role.title, role.start) in current else ""
        lines.append(f"  person {role.name}: {role.title} of {role.country} ({role.country}:"
                     f"{role.role}) {role.start.isoformat()}..{end}{mark}")
    place = kb.place_by_name(name)
    if place is not None:
        others = f"; also a place in {', '.join(place.ambiguous)}" if place.ambiguous else ""
        notes = f"; {place.notes}" if place.notes else ""
        lines.append(f"  place {place.name}: {place.kind} in {place.country} at "
                     f"{place.lat:.2f}, {place.lon:.2f}{others}{notes}")
    if len(lines) == 1:
        lines.append("  no entry in the knowledge base")
    doc = load_nlp()(f"{name} said on Monday that talks would go on.")
    resolver = ActorResolver(kb, doc, on)
    subject = next((t for t in doc if t.dep_ == "nsubj"), None)
    end = subject.i + 1 if subject is not None else len(doc)
    mentions = resolver.resolve_range(0, end, remember=False)
    if mentions:
        for mention in mentions:
            lines.append(f"  resolves to {mention.actor.code or '(unknown)'}"
                         f"{' = ' + mention.actor.name if mention.actor.name else ''}"
                         f" by {mention.how}")
    else:
        lines.append("  resolves to no actor")
    return lines
