"""What the acts of armed forces amount to: troops arriving deploy, police storming use force,
peacekeepers withdrawn end an international involvement, a drill held alone is a show of force;
and whether an act is the armed forces' own (its source then takes the military role)."""

from __future__ import annotations

from dataclasses import replace

from eventlens.coding.clauses import Trigger, across_border_prep
from eventlens.coding.lexicon import Frame, wordlist
from eventlens.coding.rules import head_noun

# Assaults that are not the work of armed forces as such.
NON_MILITARY_ASSAULT_MODES = frozenset({"assassinate", "cbrn", "beat", "abduct"})


def reframed(trig: Trigger, n_sources: int = 1) -> tuple[Frame, str]:
    """The trigger's frame, or the act its words amount to given who acts and why (with the
    mode that then holds, else ""): troops arriving deploy ("the first West African troops
    arrived in Monrovia", not a visit); police storming use force, not riot; withdrawing
    peacekeepers or observers ends international involvement (SANCTION, CAMEO 166x); a
    deployment to keep the peace is aid (CAMEO 0743)."""
    frame, lemma = trig.frame, trig.token.lemma_.lower()
    forces = bool(trig.sources) and all(_forces(h) for h in trig.sources)
    if frame.plover_type == "CONSULT" and lemma in wordlist("travel_verbs") and forces:
        frame = replace(frame, plover_type="MOBILIZE", joint=False)
    if frame.plover_type == "PROTEST" and lemma == "storm" and forces:
        return replace(frame, plover_type="ASSAULT"), ""
    if frame.plover_type == "RETREAT" and lemma in wordlist("withdraw_verbs") and _peacekeeping(trig.token):
        return replace(frame, plover_type="SANCTION"), "expel"
    if frame.plover_type == "MOBILIZE" and _peacekeeping(trig.token):
        return replace(frame, plover_type="AID"), "peacekeeping"
    if frame.plover_type == "COOPERATE" and n_sources == 1 and _drill_alone(trig):
        # "China began drills around Taiwan": a show of force (CAMEO 15), not cooperation
        return replace(frame, plover_type="MOBILIZE", joint=False), ""
    if frame.plover_type == "COOPERATE" and _drill_near_another(trig):
        # "Russia and Belarus began joint drills near the Ukrainian border": a show of force
        # by each against the country it is held at, not only cooperation with each other
        return replace(frame, plover_type="MOBILIZE", joint=False), ""
    return frame, ""


def _exercise_heads(trig: Trigger) -> list:
    """The exercise's word and the nouns it takes ("held drills", "began exercises with")."""
    return [trig.token, *[c for c in trig.token.children if c.dep_ in ("dobj", "pobj")]]


def _drill_near_another(trig: Trigger) -> bool:
    """Whether a military exercise is held near or along another country's land or border
    (a country named in its near/along phrase that is none of its sources)."""
    if not set(trig.words) & wordlist("exercise_words"):
        return False
    token = trig.token  # the exercise noun's verb may carry the place ("started drills near")
    heads = [*_exercise_heads(trig), *([token.head] if token.dep_ == "dobj" else [])]
    own = {t.lower_ for s in trig.sources for t in (s, *s.conjuncts)}
    return any(t.ent_type_ in ("GPE", "NORP") and t.lower_ not in own
               for h in heads for c in h.children
               if c.dep_ == "prep" and c.lower_ in wordlist("nearby_preps")
               for t in c.subtree)


def _drill_alone(trig: Trigger) -> bool:
    """Whether a military exercise is held by one side alone: no partner "with" it, no
    "joint", a single source (the caller counts the actors the sources resolve to)."""
    if len(trig.sources) != 1 or not set(trig.words) & wordlist("exercise_words"):
        return False
    heads = _exercise_heads(trig)
    return not any((c.lower_ in ("with", "joint", "together", "jointly") or c.dep_ == "conj")
                   and not across_border_prep(c) for h in heads for c in h.children) and \
        not any(c.dep_ == "conj" for c in trig.sources[0].children)


def _forces(head) -> bool:
    """Whether a phrase names armed forces ("troops", "peacekeepers", "contingents of ...")."""
    lemma = head_noun(head).lemma_.lower()
    return lemma in wordlist("force_words") or lemma in wordlist("peacekeeping_words") or (
        lemma == "contingent" and any(_forces(p) for c in head.children if c.dep_ == "prep"
                                      for p in c.children if p.dep_ == "pobj"))


def _peacekeeping(verb) -> bool:
    """Whether a deployment's own clause says its forces keep the peace or watch it ("to
    serve as a peacekeeping force", "to the UN peacekeeping mission", "election observers")."""
    missions = wordlist("peacekeeping_words") | wordlist("monitor_words")
    return any(t.lemma_.lower() in missions for t in verb.subtree)


def military_act(plover_type: str, mode: str, token) -> bool:
    """Whether an act is carried out by armed forces: an armed assault, a troop deployment,
    or a withdrawal of troops."""
    if plover_type == "ASSAULT":
        return mode not in NON_MILITARY_ASSAULT_MODES
    if plover_type == "MOBILIZE":  # a call-up is the state's act, a deployment the army's
        return mode != "police" and token.lemma_.lower() not in wordlist("call_up_words")
    if plover_type == "COOPERATE" and mode == "military":
        return True  # joint exercises and drills are held by armed forces
    if plover_type == "RETREAT" and mode == "withdraw":
        words = {t.lemma_.lower() for t in token.subtree} | {t.lemma_.lower() for t in token.sent}
        return bool(words & wordlist("troop_words"))
    return False
