"""Targets for an act whose parse gives none it can name: the one other country of the
sentence, the site a strike is held at, a non-state actor's own country, the doer of an act
a reaction names by a noun."""

from __future__ import annotations

from dataclasses import replace

from eventlens.actors.acts import doers_of
from eventlens.actors.phrases import appositive_ranges
from eventlens.coding.clauses import REACTION_TYPES, misread_plural, noun_frame
from eventlens.coding.features import span_head
from eventlens.coding.lexicon import wordlist
from eventlens.model import Event, Mention


def sentence_target(sources: list[Mention], named: list[Mention],
                    heads: list = (), trigger=None, kind: str = "") -> list[Mention]:
    """Where the parse gives an act no known target, the one other country or organisation
    the sentence names besides its sources (and what describes them: "Turkey, a NATO
    member, called the attack unacceptable"; `heads` are the sources' head tokens), if there
    is exactly one ("China began drills around Taiwan"). Unless the act is aimed force, who
    reacts to an act named by a noun is not its target: "Zarif condemned a decision to
    reinstate Trump's ban" bans no Zarif."""
    described = [r for h in heads for r in appositive_ranges(h)]
    doc = heads[0].doc if heads else None
    speakers = set() if trigger is None or kind.lower() in wordlist("aimed_types") else \
        _reacting(trigger)
    others = {m.actor.country: m for m in named
              if m.actor.country and all(m.actor.country != s.actor.country
                     and not (m.start < s.end and s.start < m.end) for s in sources)
              and not any(lo <= m.start and m.end <= hi for lo, hi in described)
              and not _no_party(doc, m)}
    if len(others) != 1:
        return []
    only = next(iter(others.values()))
    if any(only.start <= trigger.doc[i].idx < only.end for i in speakers):
        return []
    return [Mention(only.start, only.end, only.text, only.actor, f"{only.how}+sentence")]


def _reacting(trigger) -> set[int]:
    """Token indices of the subjects of the verbs above the noun phrase that holds `trigger`
    ("the Taliban threatened ... in response to Biden's refusal to commit": the Taliban); none
    where the act is told by a clause of its own ("Moscow said NATO had rejected its demands":
    Moscow may be who is rejected)."""
    nominal = trigger.pos_ in ("NOUN", "PROPN")
    found: set[int] = set()
    for above in trigger.ancestors:
        if above.pos_ in ("NOUN", "PROPN"):
            nominal = True
        elif nominal and above.pos_ in ("VERB", "AUX"):
            found |= {c.i for c in above.children if c.dep_ == "nsubj"}
    current = trigger  # "called on the government to arrest and prosecute whoever ...": who
    while current.dep_ in ("xcomp", "conj") and current.head.i != current.i:  # asks is no target
        current = current.head
        if current.lemma_.lower() in wordlist("asking_verbs") | {"call"}:
            found |= {c.i for c in current.children if c.dep_ == "nsubj"}
    return found


def _no_party(doc, mention: Mention) -> bool:
    """Whether a mention is who a statement was given to ("told reporters"), the channel it
    went through ("protested through its embassy in Beijing") or inside the name given to an
    act ("called the launch a violation of UN resolutions"): no party."""
    head = span_head(doc, mention.start, mention.end) if doc is not None else None
    return head is not None and (head.lemma_.lower() in wordlist("press_nouns") or any(
        (a.dep_ == "prep" and a.lower_ in wordlist("channel_preps"))
        or a.dep_ == "oprd" for a in (head, *head.ancestors))  # "called it a violation of UN ..."
        # "Putin told Macron that Russia had no plans to invade": who is told
        or (head.dep_ in ("dobj", "dative")
            and head.head.lemma_.lower() in wordlist("audience_verbs")))


def aimed_before(source: Mention, kind: str, earlier: list[Event]) -> list[Mention]:
    """An attack or deployment its sentence aims at no one ("Moscow denied planning an
    invasion") is aimed where the same actor's latest deployment, attack or threat told before
    was ("Russia has massed troops near Ukraine"), if it was aimed at another country."""
    if kind.lower() not in wordlist("aimed_types") or not source.actor.country:
        return []
    for event in reversed(earlier):
        target = event.target
        if event.plover_type.lower() in wordlist("aiming_types") and \
                event.source.actor.country == source.actor.country and target is not None \
                and target.actor.country and target.actor.country != source.actor.country:
            return [Mention(target.start, target.end, target.text, target.actor,
                            f"{target.how}+earlier")]
    return []


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


def home_ground(source: Mention, named: list[Mention], kind: str = "") -> list[Mention]:
    """For a non-state source's act with no target, its own country named in the sentence
    ("students staged a sit-in in Serbia", "the ELN declared a truce in Colombia"): what a
    protest, strike or truce at home is aimed at. Troops pulling back from a place at home
    pull back from it ("ceased its operations around El Fasher"), but not from their own
    country ("Russia said its troops were returning to their bases")."""
    if source.actor.role in ("", "GOV") or not source.actor.country:
        return []
    kinds = ("place",) if kind == "RETREAT" and source.actor.role == "MIL" else ("country", "place")
    home = [m for m in named if m.how in kinds and m.actor.role in ("", "GOV")
            and m.actor.country == source.actor.country
            and not (m.start < source.end and source.start < m.end)]
    if not home:
        return []
    only = home[0]
    return [Mention(only.start, only.end, only.text, only.actor, f"{only.how}+home")]


def act_targets(doc, event: Event, earlier: list[Event], lex) -> list[Event]:
    """A reaction to an act the sentence names only by a noun ("Washington called the move
    irresponsible", "Taiwan condemned the drills") falls on who did that act, as an earlier
    sentence of the article tells it (`actors.acts.doers_of`): the latest act of the noun's
    own type, or of any type for a word such as "move" or "decision" (`act_nouns`), and
    every co-agent of that act ("Moscow condemned the sanctions" the allies imposed
    together: one record for each). The event as it is where no doer is known."""
    target = event.target
    if event.plover_type not in REACTION_TYPES or target is None or target.actor.country:
        return [event]
    head = span_head(doc, target.start, target.end)
    if head is None:
        return [event]
    misread = misread_plural(head)  # "the missile tests", tagged as a noun and a verb
    if misread is not None:
        head, before = misread, head
    elif head.pos_ == "NOUN":
        before = None
    else:
        return [event]
    found = noun_frame(head, lex, before=before)
    lemma = head.lemma_.lower()
    generic = lemma in wordlist("act_nouns") | wordlist("speech_nouns")
    if found is None and not generic:
        return [event]
    if found is not None and found[0].joint and not generic:
        return [event]  # "called the deal a victory": a deal is both parties' act
    kind = found[0].plover_type if found is not None and not found[0].joint else None
    doers = doers_of(target, kind, earlier, event.source,
                     words=lemma in wordlist("speech_nouns"))
    return [replace(event, target=doer, why=(*event.why, "actor:act-doer"))
            for doer in doers] or [event]
