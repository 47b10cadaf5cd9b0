"""Targets for an act whose parse gives none it can name: the one other country of the
sentence, the site a strike is held at, a non-state actor's own country."""

from __future__ import annotations

from eventlens.model import Mention


def sentence_target(source: Mention, named: list[Mention]) -> list[Mention]:
    """Where the parse gives an act no known target, the one other country or organisation
    the sentence names, if there is exactly one ("China began drills around Taiwan")."""
    others = {m.actor.country: m for m in named
              if m.actor.country != source.actor.country
              and not (m.start < source.end and source.start < m.end)}
    if len(others) != 1:
        return []
    only = next(iter(others.values()))
    return [Mention(only.start, only.end, only.text, only.actor, f"{only.how}+sentence")]


def struck(token) -> list:
    """A company, site or organisation a strike or protest is held at, on or against."""
    for tok in token.subtree:
        if tok.dep_ == "pobj" and tok.head.lower_ in ("at", "on", "against", "in") and (
                _named_site(tok) or any(c.dep_ == "compound" and _named_site(c)
                                        for c in tok.children)):
            return [tok]  # "at Freeport-McMoRan", "at the Grasberg mine"
    return []


def _named_site(tok) -> bool:
    return tok.ent_type_ in ("ORG", "FAC") or (tok.pos_ == "PROPN" and tok.ent_type_ not in (
        "GPE", "LOC", "DATE", "TIME", "PERSON", "NORP"))


def home_ground(source: Mention, named: list[Mention]) -> list[Mention]:
    """For a non-state source's act with no target, its own country named in the sentence
    ("students staged a sit-in in Serbia", "the ELN declared a truce in Colombia"): what a
    protest, strike or truce at home is aimed at."""
    if source.actor.role in ("", "GOV") or not source.actor.country:
        return []
    home = [m for m in named if m.how in ("country", "place") and m.actor.role in ("", "GOV")
            and m.actor.country == source.actor.country
            and not (m.start < source.end and source.start < m.end)]
    if not home:
        return []
    only = home[0]
    return [Mention(only.start, only.end, only.text, only.actor, f"{only.how}+home")]
