"""Acts a sentence names without telling that anyone did them: the act a request asks for,
the name someone gives an act, the condition of a threat, a participle that only says at
whom another act is aimed, an act done to oneself. The coder drops their triggers
(`LinguisticCoder._kept_triggers`, `_events_for`).
"""

from __future__ import annotations

from eventlens.coding.clauses import (
    named_by,
    noun_frame,
    subject_of,
    threat_condition_clause,
    to_infinitive,
)
from eventlens.coding.lexicon import Lexicon, wordlist
from eventlens.coding.modality import governing_chain


def asked_content(verb, lex: Lexicon) -> bool:
    """Whether a verb is the act a request, demand or proposal names ("a demand from France to
    halt enrichment", "a proposal for the two to meet"): it is only asked for, whoever the
    request's maker is, and whatever becomes of it, unless it was accepted: "accepted an
    invitation from Kim to visit" plans the visit."""
    noun = verb.head
    return verb.dep_ in ("acl", "advcl") and noun.pos_ == "NOUN" and to_infinitive(verb) and \
        (frame := noun_frame(noun, lex)) is not None and frame[0].plover_type == "REQUEST" \
        and noun.head.lemma_.lower() not in wordlist("accepting_verbs")


def name_for_an_act(verb) -> bool:
    """Whether a verb is the name someone gives an act ("imposed sanctions over what it called
    blocking aid convoys"): the reason for the sanction in the sanctioner's words, no act of
    the sanctioner's, and the act's own doer is not named."""
    return verb.dep_ in ("xcomp", "ccomp", "oprd") and named_by(verb.head)


def aim_of(verb) -> bool:
    """Whether a verb is a participle that says at whom the act it follows is aimed
    ("imposed sanctions on Russia, targeting two banks"; data/wordlists.yaml
    `aim_participles`)."""
    return verb.tag_ == "VBG" and verb.dep_ in ("advcl", "acl", "xcomp") and \
        verb.lemma_.lower() in wordlist("aim_participles")


def threat_condition(verb, by_token: dict) -> bool:
    """Whether a verb stands in the condition of a threat ("threatened to halt its aid if the
    army did not reverse course", "... unless it stopped arming rebels"): what the threatened
    side must do or stop doing, no act of its own."""
    clause = verb
    for _ in range(4):
        if threat_condition_clause(clause):
            head = clause.head  # the threat's verb, or the act threatened under it
            return any(by_token.get(t.i) is not None and by_token[t.i].frame.plover_type ==
                       "THREATEN" for t in (head, head.head))
        if clause.head.i == clause.i:
            return False
        clause = clause.head
    return False


def done_to_oneself(trig) -> bool:
    """Whether a trigger's object is a reflexive pronoun ("Ukraine is defending itself"): an
    act done to oneself has no other party, and no sentence party stands in for it."""
    return any(t.tag_ == "PRP" and t.lower_.endswith(("self", "selves"))
               and t.head.i == trig.token.i for t in trig.targets)


def said_by_a_thing(trig, lex: Lexicon) -> list | None:
    """Who says a verbal act whose subject is an act noun ("Iran's latest moves suggested it
    was not serious"): a move says nothing (`act_nouns`), so no one, but a speech verb the
    parser joined to that clause ("... and warned that") is the outer speaker's. None where
    the subject is no act noun."""
    if lex.types[trig.frame.plover_type].quad_class not in (1, 3) or not trig.sources or \
            not all(s.pos_ == "NOUN" and s.lemma_.lower() in wordlist("act_nouns")
                    for s in trig.sources):
        return None
    return speakers(trig.token.head) if trig.token.dep_ == "conj" else []


def speakers(token) -> list:
    """The nominal subject of the speech verb whose reported clause holds `token`."""
    for verb in governing_chain(token)[:3]:
        if verb.lemma_.lower() in wordlist("reporting_verbs"):
            subjects, passive = subject_of(verb)
            return [] if passive else [s for s in subjects if s.pos_ in ("NOUN", "PROPN")]
    return []
