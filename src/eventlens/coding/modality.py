"""Status of an event from the words around its trigger: asserted, intended, denied, hypothetical."""

from __future__ import annotations

from eventlens.coding.clauses import intent_noun
from eventlens.coding.lexicon import wordlist
from eventlens.model import Status

MAX_CLIMB = 4


def governing_chain(token) -> list:
    """The verbs above a trigger through complement and clause arcs, nearest first."""
    chain = []
    current = token
    for _ in range(MAX_CLIMB):
        dep = current.dep_
        head = current.head
        if head.i == current.i:
            break
        if dep in ("xcomp", "ccomp", "dobj", "pobj", "prep", "advcl", "acomp", "attr", "pcomp",
                   "nsubjpass", "conj", "relcl", "acl", "npadvmod"):
            if dep == "conj":
                current = head
                continue
            if dep == "relcl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
                break  # "a move that France condemned": its own clause, whatever the move's
            if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in wordlist("concessive_marks")
                                      for c in current.children):
                break  # "would not send ministers, though Wellington had raised concerns"
            chain.append(head)
            current = head
        else:
            break
    return chain


COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pcomp"})
# what a denied claim's act may hang on below the claim ("warnings that an attack was imminent")
CLAIM_DEPS = COMPLEMENT_DEPS | {"nsubj", "nsubjpass", "pobj", "prep", "acl", "attr", "acomp"}


def complement_governor(token):
    """The verb whose complement the trigger is ("agreed to [meet]", "threatened [strikes]",
    "denied that it planned an [invasion]"), not a verb it merely modifies; or None."""
    current = token
    for _ in range(3):
        dep, head = current.dep_, current.head
        if head.i == current.i:
            return None
        if dep == "pobj" and head.lower_ in ("to", "of", "for", "on") and \
                head.head.i != head.i:
            current = head.head
        elif dep in COMPLEMENT_DEPS:
            current = head
        else:
            return None
        if current.pos_ in ("VERB", "AUX") or current.tag_.startswith("VB"):
            return current
    return None




def denied_claim(token):
    """The verb that denies a claim the trigger's clause states, where the clause hangs on the
    claim ("dismissed Western warnings that an attack on Ukraine was imminent": dismissed;
    "denied reports that troops had crossed the border"), else None."""
    current = token
    for _ in range(MAX_CLIMB + 1):
        head = current.head
        if head.i == current.i or current.dep_ not in CLAIM_DEPS:
            return None
        if head.lemma_.lower() in wordlist("deny_verbs") and current.dep_ == "dobj" and \
                current.lemma_.lower() in wordlist("claim_nouns") and current is not token:
            return head
        current = head
    return None


def status_of(token, *, future_date: bool = False) -> Status:
    """How the sentence presents the act whose trigger is `token`."""
    if _negated(token) or denied_claim(token) is not None:
        return Status.DENIED
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "dobj" and \
            token.head.lemma_.lower() in wordlist("outcome_verbs"):
        return Status.ASSERTED  # "would never win its war in Ukraine": the war is told as it is
    plan = intent_noun(token)  # "has no plans to deploy troops", "announced plans to"
    if plan is not None:
        # "denied any plan to invade": the denier's own plan (not "rejected Trump's decision")
        # (or a clause of its own: "denies it has any plans to attack")
        denier = plan.head.head if plan.head.dep_ == "ccomp" else plan.head
        disowned = plan.dep_ == "dobj" and denier.lemma_.lower() in wordlist(
            "deny_verbs") and not any(c.dep_ == "poss" for c in plan.children)
        return Status.DENIED if _negated(plan) or disowned else Status.INTENDED
    chain = governing_chain(token)
    if _awaited(token):
        return Status.HYPOTHETICAL
    verbs = [t for t in chain if t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")]
    for verb in [] if _comment_participle(token) else verbs:
        lemma = verb.lemma_.lower()
        if lemma in wordlist("deny_verbs") and _has_clausal_complement(verb):
            return Status.DENIED
        if _negated(verb) and lemma not in wordlist("aspect_verbs"):
            return Status.DENIED
        if lemma in wordlist("fail_verbs") and not _negated(verb) and verb in _controllers(token):
            return Status.DENIED  # "failed to release", "declined to call it an invasion"
    clause = [token, *verbs[:2]] if token.pos_ == "VERB" else verbs[:2]
    for verb in [token, *verbs]:
        if any(c.dep_ == "mark" and c.lower_ in wordlist("condition_marks") for c in verb.children):
            return Status.HYPOTHETICAL
        if verb.dep_ == "advcl" and any(c.lower_ in wordlist("condition_marks") for c in verb.children):
            return Status.HYPOTHETICAL
    for verb in clause:
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if aux & wordlist("hypothetical_aux"):
            if aux & wordlist("hypothetical_aux") == {"would"} and _reported(verb):
                return Status.INTENDED  # "Japan said it would lift the curbs": a stated plan
            return Status.HYPOTHETICAL
        if aux & wordlist("future_aux") or _going_to(verb):
            return Status.INTENDED
    asked = token  # "asked NATO to help patrol its airspace and increase patrols"
    for _ in range(MAX_CLIMB):
        if asked.dep_ not in ("conj", "xcomp") or asked.head.i == asked.i:
            break
        if asked.dep_ == "xcomp" and asked.head.lemma_.lower() in wordlist("asking_verbs"):
            return Status.INTENDED  # "told Blinken to travel to Beijing": asked for, not done
        asked = asked.head
    # "warned Putin during a video call": the call is when the warning was given, not what
    # it warned of; the verb's own tense still counts ("will warn him during the call")
    occasion = token.dep_ == "pobj" and (token.head.lower_ in wordlist("circumstance_preps") or (
        token.head.lower_ in wordlist("meeting_preps")
        and token.lemma_.lower() in wordlist("occasion_nouns")))
    # the words above it, past prepositions and counts ("preparing a new round of sanctions")
    counts = wordlist("quantity_nouns")
    above = [t for t in chain if t.lemma_.lower() not in counts and not (
        t.lower_ == "of" and t.head.lemma_.lower() in counts)]
    # "agreed to prepare sanctions, accusing Lukashenko of ...": a participle beside the
    # main verb is done as it is told, whatever that verb intends
    # (not one elaborating an intended act: "decided to ease curbs, lifting travel bans")
    beside = token.dep_ == "advcl" and token.tag_ == "VBG" and token.head.dep_ != "xcomp"
    for verb in [] if occasion or beside else above[:2]:
        lemma = verb.lemma_.lower()
        if lemma in wordlist("intent_adjectives"):
            return Status.INTENDED
        if lemma in wordlist("hypothetical_governors"):
            return Status.HYPOTHETICAL
        if lemma in wordlist("intent_verbs") and lemma not in wordlist("aspect_verbs") and not (
                lemma in wordlist("infinitive_intent_verbs")
                and not any(c.dep_ == "xcomp" for c in verb.children)):
            return Status.INTENDED  # (but "had serious concerns": no plan)
        if lemma in ("be",) and any(c.lower_ in wordlist("intent_adjectives")
                                    for c in verb.children):
            return Status.INTENDED
    if future_date:
        return Status.INTENDED
    return Status.ASSERTED


def _controllers(token) -> list:
    """The verbs whose "to" complement an act is, not one it merely follows: "failed to
    release", "failed to renew the embargo" (from an object noun, its verb)."""
    current = token
    for _ in range(MAX_CLIMB):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            break
        current = current.head
    found = []
    while current.dep_ == "xcomp" and current.head.i != current.i:
        current = current.head
        found.append(current)
    return found


def _reported(verb) -> bool:
    """Whether a clause is the reported content of a speech verb ("said it would ...")."""
    head = verb.head
    return verb.dep_ == "ccomp" and head.i != verb.i and head.lemma_.lower() in wordlist("reporting_verbs")


def _awaited(token) -> bool:
    """Whether an act is the condition another act waits for: "won't call off the walkout
    till the ministry raises pay" says nothing of whether it will."""
    clause = token
    for _ in range(2):
        if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("until", "till")
                                          for c in clause.children):
            return _negated(clause.head)
        if clause.head.i == clause.i:
            return False
        clause = clause.head
    return False


def _comment_participle(token) -> bool:
    """Whether a trigger is a participle set off by a comma in which the subject comments
    ("..., calling the reports a smear"): it is said, whatever the clause it hangs on says."""
    return token.dep_ == "advcl" and token.tag_ == "VBG" and token.i > 0 \
        and token.nbor(-1).lower_ == "," and token.lemma_.lower() in wordlist("comment_participles") \
        and not any(c.dep_ in ("nsubj", "mark") for c in token.children)


def _negated(token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children)


def _has_clausal_complement(verb) -> bool:
    return any(c.dep_ in ("ccomp", "xcomp", "dobj", "pcomp") for c in verb.children)


def _going_to(verb) -> bool:
    head = verb.head
    return (verb.dep_ == "xcomp" and head.lower_ == "going"
            and any(c.dep_ == "aux" and c.lemma_ == "be" for c in head.children))
