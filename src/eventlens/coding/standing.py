"""Where a mention stands in its sentence: a place that says where rather than who, a country
inside another's appositive, a country adjective on a thing, the object of a locative phrase.
The coder weighs these when it chooses an act's parties."""

from __future__ import annotations

from eventlens.actors.phrases import appositive_ranges
from eventlens.actors.words import LOCATIVE_PREPOSITIONS
from eventlens.model import Actor, Mention

MATERIAL_CONFLICT = 4  # the PLOVER quad class of force


def without_appositive_places(head, mentions: list[Mention]) -> list[Mention]:
    """A country named inside the appositive of a named country describes it ("Bhutan, a
    kingdom neighbouring China"): it is no second party."""
    inner = appositive_ranges(head)
    own = [m for m in mentions if m.start <= head.idx < m.end and m.actor.country]
    if not inner or not own:
        return mentions
    return [m for m in mentions if m in own or not any(
        lo <= m.start and m.end <= hi for lo, hi in inner)]


def thing_of(mention: Mention) -> bool:
    """Whether a mention is only a country adjective on a thing ("six Iraqi artifacts"): a
    weaker target than a named actor elsewhere ("returned ... to the government of Iraq")."""
    actor = mention.actor
    return mention.how == "adjective" and not actor.role and not actor.name


def where_not_who(doc, mention: Mention, quad: int) -> bool:
    """Whether a city, region or world region names where an act happened rather than who
    took part: "talks in Geneva" are not held with Geneva, nor "efforts to ease tensions in the
    Middle East" with the region; but a place attacked, blockaded or deployed to ("missiles
    struck Odesa", "troops massed in Crimea") is the target. A place that owns
    the topic ("to discuss the region's reintegration") is no party to the talks either."""
    if mention.how not in ("place", "region") or quad == MATERIAL_CONFLICT:
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    root = span.root if span is not None else None
    if root is None:
        return False
    return root.dep_ == "poss" or (root.dep_ == "pobj"
                                   and root.head.lower_ in LOCATIVE_PREPOSITIONS)


def in_locative_phrase(doc, mention: Mention, own_prep: str = "") -> bool:
    """Whether a mention is the object of a locative preposition, or a modifier of that
    object ("at the Beijing Olympic Games"), other than `own_prep`."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    for _ in range(3):  # "the 2022 Beijing Olympic Games": compounds up to the phrase's noun
        if head.dep_ not in ("compound", "amod", "nmod", "poss") or head.head.i == head.i:
            break
        head = head.head
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ in LOCATIVE_PREPOSITIONS and prep.lower_ != own_prep


def crowd_of(noun) -> Mention:
    """The civilians behind a protest no one is named for ("Protests erupted in Almaty"), over
    the protest's noun phrase; the coder places them in the sentence's or article's country."""
    lo, hi = noun.left_edge.idx, noun.idx + len(noun.text)
    return Mention(lo, hi, noun.doc.text[lo:hi], Actor("", "CVL", ""), "protest")
