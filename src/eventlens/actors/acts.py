"""Who did an act a later sentence names by a noun: "Russia suspended the treaty. Washington
called the move irresponsible" — the move is Russia's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from eventlens.model import Event, Mention
from eventlens.vocabulary import plover_types_of

# Reactions to reactions are not what "the move" or "the decision" names.
_VERBAL_REACTIONS = plover_types_of("reaction")
# Acts done together ("the deal", "the talks"): no one party did them.
_JOINT = plover_types_of("joint")
# Acts of force named by their own noun ("the launches", "the drills"): only an earlier act
# of force is theirs ("the drills" told as missiles fired), never a request or a sanction.
_FORCE = plover_types_of("force")


def doers_of(target: Mention, act_type: str | None, earlier: Sequence[Event],
             speaker: Mention, *, words: bool = False) -> list[Mention]:
    """`doer_of`, with the co-agents of the same act ("the US, the EU, Britain and Canada
    agreed to cut Russian banks from SWIFT. Moscow condemned the sanctions": all four), each
    once by country, in the order told."""
    found = _act_of(act_type, earlier, speaker, words=words)
    if found is None:
        return []
    same = [e for e in earlier if e.evidence_start == found.evidence_start
            and e.plover_type == found.plover_type and e.source.actor.country
            and e.source.actor.country != speaker.actor.country
            and (e.target.actor.country if e.target else "") ==
            (found.target.actor.country if found.target else "")]
    out: list[Mention] = []
    for event in same:
        if all(m.actor.country != event.source.actor.country for m in out):
            out.append(replace(target, actor=event.source.actor, how="act"))
    return out


def doer_of(target: Mention, act_type: str | None, earlier: Sequence[Event],
            speaker: Mention, *, words: bool = False) -> Mention | None:
    """The target mention re-resolved to the doer of the act it names, from the article's
    earlier events: the latest one of `act_type` (the noun's own frame, "the strikes"), else
    the latest act that is no verbal reaction ("the move", "the decision", or "the drills"
    told as missiles fired; with `words`, "the remark", any act, a statement included);
    never the speaker's own, nor an act done together (a deal, talks), which no one party
    did. None where no earlier event fits or its doer is not known."""
    found = _act_of(act_type, earlier, speaker, words=words)
    return None if found is None else replace(target, actor=found.source.actor, how="act")


def _act_of(act_type: str | None, earlier: Sequence[Event], speaker: Mention, *,
            words: bool) -> Event | None:
    """The earlier event a noun names, as `doer_of` says which."""
    doers = [e for e in reversed(earlier)
             if e.source.actor.country and e.source.actor.country != speaker.actor.country
             and e.plover_type not in _JOINT]
    found = next((e for e in doers if e.plover_type == act_type), None) if act_type else None
    if found is None:
        found = next((e for e in doers if (words or e.plover_type not in _VERBAL_REACTIONS)
                      and (act_type not in _FORCE or e.plover_type in _FORCE)), None)
    return found
