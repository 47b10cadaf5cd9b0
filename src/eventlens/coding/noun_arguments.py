"""The arguments of an event noun: who does the act a noun names ("a build-up of Russian
forces", "the withdrawal of Russian troops from Kherson", "talks between Russia and Ukraine")
and on whom, from the noun's own phrase and, where it names none, from the clause it stands
in; and the parties, places and owners the verb rules of `coding.triggers` share with it."""

from __future__ import annotations

from eventlens.actors.words import role_words
from eventlens.coding.clauses import (
    DEMAND_NOUN_TYPES,
    OBJECT_DEPS,
    SUBJECT_DEPS,
    Trigger,
    _children,
    across_border,
    agent_of,
    agreed_act_type,
    agreeing_verb,
    prep_objects,
    subject_of,
)
from eventlens.coding.lexicon import wordlist
from eventlens.coding.modality import denied_claim
from eventlens.coding.rules import head_noun
from eventlens.vocabulary import plover_types_of


def mediated_parties(trig: Trigger, clause) -> list:
    """For a mediation, the parties named "between" anywhere in its clause ("started a
    mediation bid to settle the quarrel between Qatar and Saudi Arabia")."""
    if trig.token.lemma_.lower() not in wordlist("mediation_words"):
        return []
    found = []
    for tok in clause.subtree:
        if tok.dep_ == "prep" and tok.lower_ == "between":
            for pobj in _children(tok, {"pobj"}):
                found += [pobj, *[c for c in pobj.conjuncts if c.pos_ in ("PROPN", "NOUN")]]
    return found


def clause_subjects(noun) -> list:
    """Subjects of the clause a noun governs: "its demand that [the US] ease sanctions"."""
    return [s for c in noun.children if c.dep_ in ("acl", "ccomp")
            for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]


def subject_to(noun) -> list:
    """"Both countries are subject to sanctions": the subject of the copula is the target."""
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "to" or prep.head.lemma_.lower() != "subject":
        return []
    copula = prep.head.head
    return _children(copula, SUBJECT_DEPS)


def place_in(noun) -> list:
    """A place named under a deployment noun: "close to Ukraine's border", "near Taiwan"."""
    for tok in noun.subtree:
        if tok.i <= noun.i or tok.dep_ != "pobj" or tok.head.lower_ not in wordlist("place_preps"):
            continue
        owners = possessors(tok)
        return owners or [tok]
    return []


def place_after(noun) -> list:
    """A place named just after a deployment noun's phrase, however the parser attached it."""
    doc = noun.doc
    end = noun.right_edge.i + 1
    for tok in doc[end : min(end + 6, noun.sent.end)]:
        if tok.dep_ == "pobj" and tok.head.lower_ in wordlist("place_preps"):
            return possessors(tok) or [tok]
    return []


def possessors(noun) -> list:
    return [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]


def claimants(noun) -> list:
    """Who claims an act of force as theirs ("Houthi rebels claimed responsibility for a drone
    attack on Saudi oil facilities"), or []."""
    duty = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "for" else None
    if duty is None or duty.lemma_.lower() != "responsibility" or duty.dep_ != "dobj" or \
            duty.head.lemma_.lower() not in wordlist("responsibility_verbs"):
        return []
    subjects, passive = subject_of(duty.head)
    return [] if passive else subjects


def occasion_clause(noun):
    """The verb whose time or occasion phrase holds an event noun ("said, after a video call
    with Putin", "a day after five hours of talks with Putin", "was in Washington for talks
    with Blinken"), or None."""
    phrase = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "pobj" and \
            noun.head.head.lemma_.lower() in wordlist("measure_nouns"):
        phrase = noun.head.head
    if phrase.dep_ != "pobj":
        return None
    prep = phrase.head
    if prep.lower_ in wordlist("adjunct_preps") or (
            prep.lower_ == "for" and prep.head.lemma_.lower() in wordlist("presence_verbs")):
        return prep.head
    return None


def fill_noun_arguments(trig: Trigger) -> bool:
    """Fill a noun trigger's arguments; True when a light verb gave its source."""
    noun = trig.token
    modifiers = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
    patients = []
    if noun.lemma_.lower() in wordlist("patient_nouns") and not prep_objects(noun, ("of",)):
        patients = [c for c in modifiers if c.dep_ == "poss" and c.pos_ != "PRON"]
        modifiers = [c for c in modifiers if c not in patients]
    # "a Russian force deployment": the adjective may hang on the compound
    modifiers += [g for c in modifiers if c.dep_ == "compound" for g in c.children
                  if g.dep_ in ("amod", "poss", "compound")]
    # "Hong Kong marchers demand ...": the marchers, not their city
    people = [c for c in modifiers if c.dep_ == "compound" and c.head.i == noun.i
              and role_words().get(c.lemma_.lower())
              and any(g.ent_type_ in ("GPE", "NORP") for g in c.children)]
    modifiers = [m for m in modifiers if not any(m.head.i == c.i for c in people)]
    sources = people + [c for c in modifiers
                        if c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")]
    sources += [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
                for p in _children(c, {"pobj"})]
    # "sanctions sponsored by the United States"
    sources += [a for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
                for a in agent_of(c)]
    if not sources and trig.frame.plover_type in plover_types_of("force") and (
            denier := denied_claim(noun)) is not None:
        # "the Kremlin dismissed warnings that an attack on Ukraine was imminent": force no
        # one is named for is the denier's own, denied
        sources = [c for c in denier.children if c.dep_ == "nsubj"]
    targets = prep_objects(noun, trig.frame.preps)
    if not targets and trig.frame.plover_type in plover_types_of("force") and sources:
        # "Russia's invasion of Ukraine", "Israel's blockade of Gaza": whom the doer's act of
        # force falls on, named as a state or group
        targets = [p for p in prep_objects(noun, ("of",))
                   if head_noun(p).ent_type_ in ("GPE", "NORP", "ORG")]
    if trig.frame.plover_type == "RETREAT":
        # "a pullback of its forces from the border with Ukraine": the forces are what is
        # withdrawn, the neighbour across the border is whom it concerns
        targets = across_border(targets) or [
            t for t in targets if head_noun(t).lemma_.lower() not in wordlist("force_words")]
    between = [q for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"
               for p in _children(c, {"pobj"}) for q in (p, *p.conjuncts)]
    if between and not sources:
        sources, targets = between, []
    if not sources and not between and targets and not (
            noun.lemma_.lower() in wordlist("patient_nouns") and not prep_objects(noun, ("of",))):
        # "after his visit to Kyiv": a possessive pronoun, where nothing else names the
        # doer, is whoever it stands for (the resolver's memory of the article says who)
        sources = [c for c in modifiers if c.dep_ == "poss" and c.pos_ == "PRON"]
    announced = noun.dep_ in OBJECT_DEPS and noun.head.lemma_.lower() in wordlist("light_verbs") and \
        bool(subject_of(noun.head)[0]) and not subject_of(noun.head)[1]
    # forces whose country is named ("a build-up of Russian forces") act whoever tells of it
    named_forces = [p for p in prep_objects(noun, ("of",))
                    if head_noun(p).lemma_.lower() in wordlist("force_words")
                    and any(c.ent_type_ in ("GPE", "NORP") or c.dep_ == "poss"
                            for c in p.children)] \
        if trig.frame.plover_type in ("MOBILIZE", "RETREAT") else []
    if not sources and trig.frame.plover_type == "MOBILIZE" and (not announced or named_forces):
        # "the deployment of Russian troops": the forces deployed are the actor (but
        # "Nigeria announced the deployment of 230 troops": Nigeria deploys them)
        sources = named_forces or prep_objects(noun, ("of",))
        targets = [t for t in targets if all(t.i != s.i for s in sources)]
        targets = targets or place_in(noun) or place_after(noun)
    if not sources and trig.frame.plover_type in plover_types_of("force"):
        sources = claimants(noun)  # "the Taliban claimed responsibility for the attack"

    if not sources and trig.frame.plover_type == "RETREAT" and named_forces:
        sources = named_forces  # "the withdrawal of Russian troops from Kherson"
    light = False
    owned = any(c.dep_ == "poss" for c in noun.children)  # "after his visit": his, not theirs
    clause = occasion_clause(noun)
    if not sources and trig.frame.joint and clause is not None and not owned and (
            clause.pos_ in ("VERB", "AUX") or clause.tag_.startswith("VB")):
        # "Xi said, after a video call with Putin, that ...": the clause's subject took part;
        # "Biden warned Putin during a video call": so did whom the subject addressed (a
        # person: "discussed Libya with Trump in a phone call" talks about Libya)
        subj, passive = subject_of(clause)
        addressed = [o for o in _children(clause, {"dobj"}) if o.ent_type_ == "PERSON"]
        if not passive and (targets or addressed):
            sources, targets = subj, targets or addressed
    base = noun
    while base.dep_ == "conj" and base.head.i != base.i:
        base = base.head  # "received logistics and financial support"
    receiver = base.head if base.dep_ == "dobj" else (
        base.head.head.head if base.dep_ == "pobj" and base.head.head.dep_ == "dobj" else None)
    if not sources and receiver is not None and receiver.lemma_.lower() in wordlist("receive_verbs"):
        # "Egypt received $1.3 billion in military aid from the United States"
        givers = prep_objects(noun, ("from",)) or prep_objects(receiver, ("from",)) or \
            prep_objects(base.head if base.dep_ == "pobj" else base, ("from",))
        subj, passive = subject_of(receiver)
        if givers and subj and not passive:
            trig.sources, trig.targets = givers, subj
            return False
    agreeing = agreeing_verb(noun) if agreed_act_type(trig.frame.plover_type) else None
    if not sources and agreeing is not None:
        # "Western countries agreed on a package of sanctions against Russia": they impose them
        subj, passive = subject_of(agreeing)
        if subj and not passive:
            sources, light = subj, True
            trig.governor = agreeing
            trig.shared = False  # the parties act together on a third party, not on each other
            # "agreed to sanction Belarus", parsed as a noun with Belarus the verb's object
            targets = targets or [o for o in _children(agreeing, {"dobj"}) if o.i != noun.i]
    carrier = noun
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in wordlist("effort_nouns"):
        carrier = noun.head  # "started a mediation bid": the bid carries the act
    elif noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
            noun.head.head.lemma_.lower() in wordlist("quantity_nouns"):
        carrier = noun.head.head  # "is preparing a new round of sanctions": the round does
    if not sources and carrier.dep_ in OBJECT_DEPS | {"pobj"}:
        # "launched an invasion", "indicated support": the light verb's subject acts
        head = carrier.head if carrier.dep_ != "pobj" else carrier.head.head
        answered = carrier.dep_ == "pobj" and carrier.head.lower_ in ("to", "against") and \
            head.lemma_.lower() in wordlist("response_verbs")  # "respond to any attack": not the attacker
        # "send weapons to Russia for the war": what is sent serves the war, no one wages it
        answered = answered or (carrier.dep_ == "pobj" and carrier.head.lower_ == "for" and any(
            c.dep_ == "dobj" for c in head.children))
        # "expressed condolences after the attack": the condoler is not the attacker (but
        # "signed agreements during their meetings": the signers met)
        answered = answered or (carrier.dep_ == "pobj" and not trig.frame.joint and
                                carrier.head.lower_ in wordlist("circumstance_preps"))
        if head.lemma_.lower() in wordlist("light_verbs") and not answered:
            subj, passive = subject_of(head)
            if not passive:
                sources, light = subj, True
                targets = mediated_parties(trig, head) or targets or prep_objects(
                    head, trig.frame.preps)
    if not sources and trig.frame.plover_type == "PROTEST" and \
            noun.dep_ in ("nsubj", "nsubjpass") and not owned and \
            noun.head.lemma_.lower() in wordlist("outbreak_verbs"):
        # "Protests erupted in Almaty": the crowd no one names protests (LinguisticCoder
        # gives it the sentence's or the article's country)
        sources, light = [noun], True
    if sources and any(c.dep_ == "poss" for c in noun.children) and noun.dep_ == "dobj" \
            and noun.head.lemma_.lower() in wordlist("light_verbs"):
        subj, passive = subject_of(noun.head)
        trig.speaker = [] if passive else subj
    trig.sources = sources
    trig.targets = targets or patients or subject_to(noun)
    if not trig.targets and trig.frame.plover_type in DEMAND_NOUN_TYPES:
        trig.targets = clause_subjects(noun)
    return light
