"""Find event triggers in a parsed sentence and the tokens that fill source and target."""

from __future__ import annotations

from eventlens.actors.words import equipment_words, role_words
from eventlens.coding.clauses import (
    CALL_ON_FRAME,
    DEADLINE_FRAME,
    FORCE_FRAME,
    LABEL_BLAME_FRAME,
    LABEL_FRAMES,
    LABEL_PRAISE_FRAME,
    OBJECT_DEPS,
    ORDER_FRAME,
    PASSIVE_SUBJECT_DEPS,
    REACTION_TYPES,
    SUBJECT_DEPS,
    VERBAL_ATTACK_FRAME,
    Trigger,
    _children,
    _particle,
    across_border,
    act_parties,
    agent_of,
    agreed_acts,
    event_objects,
    misread_plural,
    named_by,
    names_an_act,
    noun_frame,
    prep_objects,
    subject_of,
    threat_condition_clause,
    to_infinitive,
    what_it_was,
)
from eventlens.coding.lexicon import Frame, Lexicon, wordlist
from eventlens.coding.noun_arguments import (
    clause_subjects,
    fill_noun_arguments,
    mediated_parties,
    place_in,
    possessors,
    subject_to,
)
from eventlens.coding.polarity import name_polarity
from eventlens.coding.reported import (
    _announced_retaliation,
    _conditional_threats,
    _needed_acts,
    _promised_penalties,
    _reported_acts,
    _told_counterparts,
    _wanted_acts,
)
from eventlens.coding.rules import head_noun, reading_for, sentence_words, verb_lemma


def _names_people(noun) -> bool:
    """Whether a frame's object noun names people who can be acted upon ("prisoners",
    "diplomats", "hostages"), not a thing or an act ("sanctions", "strike")."""
    lemma = noun.lemma_.lower()
    role = role_words().get(lemma) or role_words().get(noun.lower_)
    # forces sent or withdrawn ("sent troops", "withdrew its soldiers") are not acted upon
    return noun.pos_ == "NOUN" and role not in (None, "MIL") and \
        lemma not in equipment_words() and lemma not in wordlist("force_words")


def owned_vessel(noun) -> bool:
    """Whether a phrase's own noun is a ship of a named country or owner ("seized the
    Iranian tanker"): what is done to it is done to them."""
    return noun.lemma_.lower() in wordlist("vessel_nouns") and any(
        t.ent_type_ in ("GPE", "NORP", "ORG") for c in noun.lefts
        if c.dep_ in ("amod", "compound", "poss", "nmod") for t in c.subtree)


def verb_frame(token, lex: Lexicon) -> tuple[Frame, list[str], object] | None:
    """The most specific frame a verb token fires, the words naming it and its object noun."""
    lemma = verb_lemma(token, lex)
    for reading in _READINGS:
        found = reading(token, lemma, lex)
        if found is not None:
            return None if found is NO_EVENT else found
    if lemma not in lex.verb_lemmas:
        return None  # every table below is keyed by a verb of the frames (most verbs: none)
    objects = _children(token, OBJECT_DEPS | PASSIVE_SUBJECT_DEPS) + what_it_was(token)
    if token.dep_ == "acl" and token.tag_ == "VBN":
        objects.append(token.head)  # "sanctions imposed by ..."
    prt = _particle(token)
    # "send more ships and fighter jets": a later conjunct of the object may name the act
    objects += [c for o in objects if o.dep_ in OBJECT_DEPS for c in o.conjuncts
                if c not in objects]
    for obj in objects:
        noun = obj.lemma_.lower()
        frame = (lex.phrases.get((f"{lemma}_{prt}", noun)) if prt else None) or \
            lex.phrases.get((lemma, noun))
        if frame is not None and prt and frame.trigger.startswith(f"{lemma}_") and \
                not frame.trigger.startswith(f"{lemma}_{prt} "):
            frame = None  # "rolled out sanctions" is no "roll back" with its particle lost
        if frame is None:
            # "pledged 500 million euros", "spent 23 billion euros": the amount names it
            amount = next((c.lemma_.lower() for c in obj.children
                           if c.dep_ in ("nummod", "compound", "quantmod")
                           and c.lemma_.lower() in wordlist("amount_words")), None)
            frame = lex.phrases.get((lemma, amount)) if amount else None
            if frame is not None:
                noun = amount
        if frame is None and obj.dep_ in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
            # "impose new sanctions", "hold a second round of talks": look one level down
            for grand in obj.children:
                if grand.dep_ == "prep" and grand.lower_ == "of":
                    for pobj in _children(grand, {"pobj"}):
                        word = pobj.lemma_.lower()
                        frame = lex.phrases.get((lemma, word))
                        if frame:  # "launched a wave of missile strikes": no walkout either
                            return _unless_armed(frame, [lemma, word, f"{lemma} {word}"], pobj,
                                                 lex)
        if frame and frame.plover_type == "ASSAULT" and any(
                c.dep_ == "amod" and c.lower_ in wordlist("verbal_attack_words") for c in obj.children):
            frame = VERBAL_ATTACK_FRAME  # "mounted a blistering attack on the cabinet"
        if frame:  # "forces launched air strikes against the enclave": no walkout
            return _unless_armed(frame, [lemma, noun, f"{lemma} {noun}"], obj, lex)
    for child in token.children:
        # "found him guilty" (an adjective complement), "went on strike" (a prepositional one)
        if child.dep_ in ("ccomp", "acomp", "oprd", "xcomp") and child.pos_ == "ADJ":
            frame = lex.phrases.get((lemma, child.lemma_.lower()))
            if frame:
                return frame, [lemma, child.lemma_.lower(), f"{lemma} {child.lemma_.lower()}"], child
        if child.dep_ == "prep" and child.lower_ in wordlist("phrase_preps"):
            for pobj in _children(child, {"pobj"}):
                frame = lex.phrases.get((lemma, pobj.lemma_.lower()))
                if frame:
                    return frame, [lemma, pobj.lemma_.lower(), f"{lemma} {pobj.lemma_.lower()}"], pobj
    if prt and (lemma, prt) in lex.verb_particles:
        return lex.verb_particles[(lemma, prt)], [f"{lemma} {prt}", lemma], None
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and not _dated(child):
            frame = lex.verb_preps.get((lemma, child.lower_))
            if frame:
                if (lemma, child.lower_) == ("call", "on") and not any(
                        c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "for")
                        or (c.dep_ == "advcl" and to_infinitive(c))
                        for c in token.children):
                    # "a delegation called on the party leader": a visit, not a request ("call
                    # on the US to lift", parsed with an adverbial "to lift", is one)
                    return CALL_ON_FRAME, ["call on", "visit"], None
                return frame, [lemma], None
    if lemma in lex.verbs:
        if lemma in wordlist("build_up_verbs") and not _builds_forces(token):
            return None  # "reinforced its commitment to refugees" deploys no one
        return lex.verbs[lemma], [lemma], None
    return None


# What a special reading returns where the verb, read in context, names no event at all.
NO_EVENT = object()


def _deadline(token, lemma, lex):
    """"gave the junta one week to restore the president": an ultimatum."""
    span = _time_to_act(token) if lemma == "give" else None
    return (DEADLINE_FRAME, [lemma, "ultimatum"], span) if span is not None else None


def _name_given(token, lemma, lex):
    """"called Putin a war criminal" blames him, "called the accord a beacon of hope" praises
    it, "struck what it called Hamas targets" only names them: no call at all."""
    predicate = _naming(token) if lemma in wordlist("label_verbs") else None
    if predicate is None:
        return None
    polarity = name_polarity(predicate, lex) if predicate else 0
    if polarity == 0:
        return NO_EVENT
    return (LABEL_BLAME_FRAME if polarity < 0 else LABEL_PRAISE_FRAME), [lemma, "name"], None


def _made_to(token, lemma, lex):
    """Ordering someone else to act is a demand on them; forcing them coerces them."""
    if lemma in ("order", "instruct", "direct") and _ordered_to_act(token):
        return ORDER_FRAME, [lemma, "order"], None
    if lemma in ("force", "compel") and _made_to_act(token):
        return FORCE_FRAME, [lemma], None
    return None


def _not_an_act(token, lemma, lex):
    """Verbs of the frames used in a sense that is no event and that no `readings` pattern
    can say, since it turns on what is absent or on a judgement: forces "training" (with no
    one trained), leaders clashing over a topic."""
    if lemma == "train" and not _children(token, {"dobj"}):
        return NO_EVENT
    if lemma in wordlist("argue_verbs") and _argued_over(token):
        return NO_EVENT
    return None


def _read_in_context(token, lemma, lex):
    """Verbs that name another frame's act given their arguments: removing actors from a body
    excludes them; forces leaving a country withdraw."""
    if lemma == "remove" and lex.verbs.get("exclude") and _removes_member(token):
        return lex.verbs["exclude"], [lemma, "exclude"], None
    if lemma in wordlist("leave_verbs") and lex.phrases.get(("withdraw", "troop")) and _forces_leave(token):
        return lex.phrases[("withdraw", "troop")], [lemma, "withdraw"], None
    return None


def _data_reading(token, lemma, lex):
    """The first row of frames.yaml `readings` whose patterns the verb and its arguments
    match (`coding.rules`): a frame word read as another type ("sent warplanes into Taiwan's
    air defence zone" is a show of force, not aid) or as no event ("released a white paper",
    "sent New Year greetings")."""
    row = reading_for(token, lex)
    if row is None:
        return None
    if row.then == "NONE":
        return NO_EVENT
    preps = row.preps if row.preps is not None else lex.type_preps.get(row.then, ())
    # the object the row read is the act's own word ("imposed travel bans": no second ban)
    obj = next(iter(_children(token, {"dobj"})), None)
    return Frame(row.then, row.id, preps, target_prep=row.target_prep, joint=row.joint,
                 only_preps=row.preps is not None), \
        [lemma, row.id], obj


def reads_as_no_event(token, lex) -> bool:
    """Whether a `readings` row says this verb names no event: then no learned guess may
    make one of its clause either ("granted the president the power to ...")."""
    return _data_reading(token, verb_lemma(token, lex), lex) is NO_EVENT


# Readings tried, in order, before a verb's own frames: each returns a (frame, words, object
# noun) triple, NO_EVENT, or None where it does not apply.
_READINGS = (_data_reading, _deadline, _name_given, _made_to, _not_an_act, _read_in_context)


def _builds_forces(verb) -> bool:
    """Whether what a verb of building up strengthens is armed ("reinforced its positions",
    "beefed up its forces"), or left unsaid."""
    objects = _children(verb, {"dobj"})
    return not objects or any(
        head_noun(o).lemma_.lower() in wordlist("force_words") | wordlist("force_posts")
        or head_noun(o).lemma_.lower() in equipment_words() for o in objects)


def _naming(verb) -> list | None:
    """The words of the name a verb of naming gives its object ("called Putin [a war
    criminal]", "called the decision [deeply unfortunate]", "described the talks [as
    constructive]"), or None where it names nothing."""
    objects = _children(verb, {"dobj"})
    if not objects:
        # "called Britain's ambassador a very stupid guy", parsed as a predicate with an
        # appositive: the appositive is the name
        named = [c for c in _children(verb, {"oprd"}) if any(g.dep_ == "appos" for g in c.children)]
        return [t for c in named for g in c.children if g.dep_ == "appos" for t in g.subtree] \
            or None
    obj = objects[0]
    if obj.tag_ in ("WP", "WDT"):
        return []  # "struck what it called militant hideouts": a name for the act, no one's
    heads = [c for c in verb.children if c.dep_ in ("oprd", "acomp")
             or (c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("NOUN", "ADJ"))
             # "calling the reports a smear", the name parsed as a noun modifier
             or (c.dep_ == "npadvmod" and c.pos_ == "NOUN" and c.i > obj.i)]
    # an adjective after its noun is the name, even one hung on the object's of-phrase
    # ("called Moon's choice of words very foolish")
    heads += [c for c in obj.children if c.dep_ == "appos"]
    heads += [t for t in obj.subtree if t.dep_ == "amod" and t.i > t.head.i]
    misread = misread_plural(obj)  # "called the missile launches a grave escalation"
    if misread is not None:
        heads += _children(misread, {"dobj"})
    heads += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
              for p in _children(c, {"pobj", "acomp", "amod"})]
    # "described the junta as illegitimate", the adjective parsed as a clause of its own
    heads += [c for c in verb.children if c.dep_ == "advcl" and c.pos_ == "ADJ"
              and any(g.lower_ == "as" for g in c.children)]
    if not heads:
        return None
    return [t for h in heads for t in h.subtree]


def _argued_over(verb) -> bool:
    """Whether a clash is over a topic between people who bear no arms ("the two leaders
    clashed over Taiwan"), not between forces ("troops clashed over the border town")."""
    if not any(c.dep_ == "prep" and c.lower_ in ("over", "about") and not _dated(c)
               for c in verb.children):
        return False
    subjects, _ = subject_of(verb)
    return bool(subjects) and not any(
        head_noun(s).lemma_.lower() in wordlist("force_words")
        or role_words().get(head_noun(s).lemma_.lower()) in ("MIL", "REB", "COP")
        for s in subjects)


def _removes_member(verb) -> bool:
    """Whether a verb of removing takes actors out of a body or system ("remove Russian banks
    from SWIFT", "removed Hungary from the committee"), not a thing or its own forces."""
    return any(c.dep_ == "prep" and c.lower_ == "from" for c in verb.children) and any(
        (_names_people(o) or o.ent_type_ in ("GPE", "NORP", "ORG")
         or role_words().get(o.lemma_.lower()) == "BUS")
        and head_noun(o).lemma_.lower() not in wordlist("force_words")
        for o in _children(verb, {"dobj"}))


def _made_to_act(verb) -> bool:
    """"Jets forced a cargo plane to land", "forced the minister out of the country": someone
    made to act or to leave."""
    return bool(_children(verb, {"dobj"})) and any(
        c.dep_ in ("xcomp", "ccomp") or (c.dep_ in ("prep", "prt", "advmod")
                                         and c.lower_ in ("out", "into", "from", "off"))
        for c in verb.children)


def _forces_leave(verb) -> bool:
    """Whether armed forces are the ones leaving a country or place named as the object."""
    subjects, passive = subject_of(verb)
    return not passive and bool(subjects) and all(
        head_noun(s).lemma_.lower() in wordlist("force_words") for s in subjects) and any(
        o.ent_type_ in ("GPE", "LOC", "FAC") for o in _children(verb, {"dobj"}))


def _unless_armed(frame: Frame, words: list[str], obj, lex: Lexicon):
    """A phrase's frame, words and object; but a "strike" someone launches that is an armed
    one ("air", "missile") is an air strike, no walkout."""
    armed = _armed_strike(obj) if frame.plover_type == "PROTEST" else ""
    if armed and lex.phrases.get(("launch", "airstrike")):
        return lex.phrases[("launch", "airstrike")], [words[0], f"{armed} strike", "strike"], obj
    return frame, words, obj


def _armed_strike(noun) -> str:
    """The word that makes a "strike" an armed one ("air", "missile"), or ""."""
    if noun.lemma_.lower() != "strike":
        return ""
    return next((c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
                 and c.lower_ in wordlist("armed_strike_words")), "")


def _ordered_to_act(verb) -> bool:
    """"A court ordered the former governor to appear": someone other than the speaker's own
    forces is ordered to act ("Putin ordered troops to advance" is the advance, not a
    request)."""
    objects = _children(verb, {"dobj"})
    return bool(objects) and any(c.dep_ == "xcomp" for c in verb.children) and all(
        head_noun(o).lemma_.lower() not in wordlist("force_words") and o.pos_ != "PRON" for o in objects)


def _time_to_act(verb):
    """The length of time a verb of giving sets for an act, or None: "gave the government 48
    hours to meet its demands", "gave the officers one week to return him to power" (but "two
    more weeks to file" is more time granted)."""
    for tok in verb.subtree:
        if tok.lemma_.lower() in wordlist("time_spans") and tok.dep_ in ("dobj", "npadvmod") and \
                any(c.dep_ == "nummod" for c in tok.children) and \
                not any(c.lower_ in ("more", "extra", "additional", "another") for c in tok.subtree) and \
                not any(a.dep_ == "prep" for a in tok.ancestors if a.i != verb.i and
                        verb in a.ancestors):
            nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ == "to" and nxt.head.pos_ == "VERB":
                return tok
    return None


def deadline_act(verb):
    """The act a verb of giving sets a time for ("gave the officers one week to [return] him
    to power"), or None."""
    span = _time_to_act(verb)
    return span.doc[span.i + 1].head if span is not None else None


def _dated(prep) -> bool:
    """Whether a preposition introduces a date or time ("on Friday"), not a party."""
    return any(p.ent_type_ in ("DATE", "TIME") for p in _children(prep, {"pobj"}))


def find_triggers(sent, lex: Lexicon) -> list[Trigger]:
    """All frames fired in a sentence, verbs first, then event nouns not already used."""
    triggers: list[Trigger] = []
    used: set[int] = set()
    for token in sent:
        if token.pos_ not in ("VERB",) and not token.tag_.startswith("VB"):
            continue
        if token.dep_ == "amod":
            continue  # a participle used as an adjective: "a sit-down strike", "disputed"
        if token.lemma_.lower() in wordlist("receive_verbs") and event_objects(token, lex):
            continue  # "received aid from the US": the aid is the act, the noun's frame codes it
        found = verb_frame(token, lex)
        if found is None:
            continue
        # "Russia wants peace" asks nothing of anyone (but "wants guarantees from the United
        # States" asks them of it)
        wants = token.lemma_.lower() in wordlist("want_verbs")
        asked = prep_objects(token, ("from",)) + [
            p for o in _children(token, {"dobj"}) for p in prep_objects(o, ("from",))] + [
            # "wants assurances that the United States will not withdraw": of the US
            s for o in _children(token, {"dobj"}) if o.lemma_.lower() in wordlist("demand_nouns")
            for c in _children(o, {"acl", "ccomp"}) for s in subject_of(c)[0]] \
            if wants else []
        if wants and not complement_subjects(token) and not asked:
            continue
        frame, words, obj = found
        if obj is None and verb_lemma(token, lex) in wordlist("enact_verbs") and event_objects(token, lex):
            continue  # "signed a $95 billion aid package": the package's frame codes the act
        if frame.plover_type == "AGREE" and agreed_acts(token, lex):
            continue  # "agreed on sanctions against Russia": the sanctions are the act agreed
        trig = Trigger(token, frame, words)
        _fill_verb_arguments(trig, obj, lex)
        if asked:
            trig.targets, trig.alternatives = asked, []
        if frame.plover_type == "MOBILIZE":
            _aim_through_purpose(trig, lex)
        triggers.append(trig)
        used.add(token.i)
        if obj is not None:
            used.add(obj.i)
    # "Xi told Biden the United States should stop arming Taiwan": the arming is only what is
    # demanded, no act of its own
    demanded: set[int] = set()
    reported = _reported_acts(sent, used, lex, demanded) + _told_counterparts(sent) + \
        _needed_acts(sent, used, lex, demanded) + _conditional_threats(sent, used, demanded) + \
        _announced_retaliation(sent, used) + _promised_penalties(sent, used) + \
        _wanted_acts(sent, used, demanded)
    # "demanded guarantees that NATO will halt military activity": only asked for
    if not sentence_words(sent).isdisjoint(wordlist("demand_nouns")):
        demanded.update(t.i for c in sent if c.dep_ in ("acl", "ccomp") and c.head.pos_ == "NOUN"
                        and c.head.lemma_.lower() in wordlist("demand_nouns") for t in c.subtree)
    triggers = [t for t in triggers if t.token.i not in demanded] + reported
    used |= demanded
    for token in sent:
        if token.i in used or token.pos_ not in ("NOUN", "PROPN"):
            continue
        found = noun_frame(token, lex)
        if found is None:
            continue
        read = _data_reading(token, token.lemma_.lower(), lex)
        if read is NO_EVENT:
            continue  # "concern for his health": a `readings` row says the noun names no event
        if _answered_act(token):
            continue  # "vowed to retaliate for the strike": the strike is another's
        frame, words = found if read is None else read[:2]
        trig = Trigger(token, frame, words, noun=True)
        light = fill_noun_arguments(trig)
        # "talks between Russia and Ukraine took place": the parties meet each other
        among = trig.frame.joint and len(trig.sources) > 1 and any(
            c.dep_ == "prep" and c.lower_ == "between" for c in token.children)
        if trig.sources and (trig.targets or light or among):
            triggers.append(trig)
    return triggers


def _answered_act(noun) -> bool:
    """Whether an event noun is what an act of force answers ("retaliate for the strike",
    "punish them for the massacre"): its doer is not the one answering, so the clause's
    subject cannot be its source."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "for" and \
        prep.head.lemma_.lower() in wordlist("threat_acts")


def _aim_through_purpose(trig: Trigger, lex: Lexicon) -> None:
    """Forces mobilised "for a ground assault against Gaza" are aimed at Gaza: an act named as
    the purpose gives its own target first."""
    aims = [a for t in trig.targets if t.pos_ == "NOUN" and noun_frame(t, lex) is not None
            for a in prep_objects(t, ("against", "on", "upon", "into", "toward", "towards"))]
    if aims:
        trig.alternatives = [trig.targets, *trig.alternatives]
        trig.targets = aims


def _acting_by(head):
    """"A rocket attack by Hezbollah killed ...": an act's by-phrase names who acted."""
    if head.pos_ != "NOUN" or role_words().get(head.lemma_.lower()):
        return [head]
    agents = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "by"
              for p in _children(c, {"pobj"})]
    return agents or [head]


def _fill_verb_arguments(trig: Trigger, obj, lex: Lexicon) -> None:
    verb = trig.token
    subjects, passive = subject_of(verb)
    felt = verb.dep_ == "acl" and verb.tag_ == "VBN"  # "Reagan, frustrated by Soviet ..."
    if (passive or felt) and trig.frame.plover_type == "ACCUSE" and \
            verb.lemma_.lower() in wordlist("feeling_verbs"):
        # "Washington was concerned by Beijing's activity": who feels it criticises its cause
        subjects = [verb.head] if felt else subjects
        passive = False
        cause = prep_objects(verb, ("by", "about", "over", "at")) + agent_of(verb)
        trig.sources, patients = subjects, []
        trig.targets = [p for c in cause for p in (possessors(c) or [c])]
        trig.alternatives = []
        return
    if passive:
        agents = agent_of(verb)
        patients = [s for s in subjects if obj is None or s.i != obj.i]
        if not agents and trig.frame.plover_type == "MOBILIZE":
            # "troops were deployed near the border": the troops are who mobilises (also
            # where they name the frame: "2,000 soldiers were deployed")
            trig.sources, patients = subjects, []
        elif not agents and verb.lemma_.lower() in wordlist("summon_verbs"):
            # "the ambassador was summoned to the foreign ministry in Vilnius": who summons
            # is where they were summoned to
            trig.sources = prep_objects(verb, ("to",))
        elif not agents and verb.lemma_.lower() in wordlist("state_act_verbs"):
            # "a journalist was arrested in Niger", "two inspectors were expelled from North
            # Korea": only the state can have done it
            trig.sources = [p for p in prep_objects(verb, ("in", "from"))
                            if p.ent_type_ == "GPE"]
        else:
            trig.sources = agents
            if trig.frame.plover_type == "CONSULT" and agents:
                # "a deal brokered by China": who mediates meets the deal's parties
                patients = [p for n in patients for p in act_parties(n)] or patients
    else:
        patients = []
        trig.sources = [a for s in subjects for a in _acting_by(s)]
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and obj is not None and obj.i == verb.head.i:
        # "sanctions imposed by the United States": the participle's agent acts
        trig.sources = agent_of(verb)
    options: list[list] = []
    if patients:
        options.append(patients)
    if trig.frame.target_prep:
        named = prep_objects(verb, (trig.frame.target_prep,))
        options.append(named)
        # "urged sanctions against Gazprom": who the thing asked for is aimed at
        options.append([o for n in named for o in prep_objects(n, wordlist("target_preps"))])
    direct = [c for c in _children(verb, OBJECT_DEPS) if (obj is None or c.i != obj.i)
              and c.dep_ != "attr" and not (c.dep_ == "oprd" and trig.frame in LABEL_FRAMES
                                            and _children(verb, {"dobj"}))]
    if trig.frame.plover_type in REACTION_TYPES:
        # "condemned what he described as an unprovoked attack": the attack
        direct += [t for t in what_it_was(verb) if obj is None or t.i != obj.i]
    # "granted a full pardon to Hunter Biden" may come parsed with "to" as the dative
    direct = [p for c in direct
              for p in (_children(c, {"pobj"}) if c.dep_ == "dative" and c.pos_ == "ADP" else [c])]
    carrier = obj.head.head if obj is not None and obj.dep_ == "pobj" and obj.head.lower_ == "of" \
        and obj.head.head.head.i == verb.i and obj.head.head.dep_ in OBJECT_DEPS else None
    if carrier is not None:
        # "declared a state of emergency in Lima": the noun the act's word hangs on is part
        # of the act; what follows it may name the target
        direct = [d for d in direct if d.i != carrier.i]
    if obj is not None and obj.dep_ in OBJECT_DEPS and (_names_people(obj) or owned_vessel(obj)) \
            and trig.frame.plover_type != "CONSULT":  # "sent a delegation to Kyiv": Kyiv
        # "freed 37 prisoners", "expelled two Russian diplomats": the phrase's own noun names
        # who is acted upon
        options.append([obj])
    if obj is not None and obj.dep_ in OBJECT_DEPS and trig.frame.plover_type == "SANCTION":
        # "agreed to ban Russian oil imports": whose goods or assets are hit is sanctioned
        owners = [c for c in obj.children if c.dep_ in ("amod", "compound", "poss")]
        options.append([c for c in owners + [g for c in owners for g in c.children]
                        if c.dep_ in ("amod", "compound", "poss")
                        and c.ent_type_ in ("NORP", "GPE")][:1])
    if trig.frame.plover_type in ("MOBILIZE", "AID"):
        # "mobilised the army to the border": the forces sent are not the target
        forces = [d for d in direct if head_noun(d).lemma_.lower() in wordlist("force_words")]
        direct = [d for d in direct if d not in forces]
        for force in forces:
            options.append(prep_objects(head_noun(force), trig.frame.preps))
            options.append(place_in(force))
    # "voiced the concern of Washington about the build-up": who feels it is no target, what
    # it is about is (wherever the parser hung the about-phrase)
    feeling = obj is not None and obj.lemma_.lower() in wordlist("feeling_nouns")
    obj_preps = _without(trig.frame.preps, "of") if feeling else trig.frame.preps
    if feeling:
        options.append([t for t in obj.subtree if t.dep_ == "pobj"
                        and t.head.lower_ in ("about", "over", "at")][:1])
    # "launched an investigation into Boztepe on suspicion of ...": the phrase noun's own
    # preposition first, also on its conjuncts ("a grant and a loan to the authority")
    partners = ([p for o in ((obj, *obj.conjuncts) if obj is not None else ())
                 for p in prep_objects(o, obj_preps)]
                + prep_objects(verb, trig.frame.preps)
                + (prep_objects(carrier, trig.frame.preps) if carrier is not None else []))
    if trig.frame.plover_type == "CONSULT" and verb.lemma_.lower() in wordlist("accepting_verbs") \
            and any(head_noun(d).ent_type_ in ("PERSON", "NORP")
                    or role_words().get(head_noun(d).lemma_.lower()) for d in direct):
        options.append(direct)  # "received the UAE ambassador to Bahrain": the guest
    if trig.frame.plover_type == "CONSULT" or (obj is not None and trig.frame.joint):
        # "discussed Libya with Trump": who one talks with comes before what one discusses;
        # "established ties with Bhutan, a nation neighbouring India": the partner of a
        # shared act its phrase names comes before whatever else the parser made an object
        options.append(partners)
    if verb.lemma_.lower() in wordlist("permission_words"):
        # "refused to allow the plane to land": who is let act
        options.append(complement_subjects(verb))
    if verb.lemma_.lower() in wordlist("handing_verbs") and direct and not any(
            _names_people(d) or head_noun(d).ent_type_ in ("GPE", "NORP", "PERSON")
            for d in direct):
        # "returned a stolen painting to its owner": who receives the thing
        options.append(prep_objects(verb, ("to",)))
    if verb.dep_ == "relcl" and trig.frame.plover_type in REACTION_TYPES and \
            verb.head.pos_ == "NOUN" and obj is None and \
            all(d.tag_ in ("WDT", "WP") for d in direct):
        # "a move France condemned", "a visit that China had condemned": what is reacted to
        direct = [verb.head]
    options.append(direct)
    acts = direct + ([obj] if obj is not None else [])
    # "the demands by X", "offers for peace talks by the Kabul government" (however the
    # parser attached the by-phrase: to the thing, to what it is for, or to the active verb)
    makers = [a for d in acts for n in [d, *prep_objects(d, ("for", "of"))]
              for a in prep_objects(n, ("by",))]
    if acts and not passive:
        makers += [a for a in prep_objects(verb, ("by",)) if a.dep_ == "pobj"]
    reaction = trig.frame.plover_type in REACTION_TYPES
    if reaction:
        # "condemned the attack by Hamas", "dismissed a proposal by the government",
        # "turned down each offer made by the rebels", "rejected the PKK demand": who did
        # the act reacted to
        # "rejected the Croatian government's request", "condemnation of the prime
        # minister's declaration": whose it is
        made = [n for d in acts for n in (d, *d.conjuncts, *[
            p for c in (d, *d.conjuncts) for p in prep_objects(c, ("of",))])]
        named_makers = [c for d in made for c in d.children
                        if c.dep_ in ("compound", "amod") and c.ent_type_ in ("ORG", "GPE", "NORP")]
        options.append(makers
                       + [a for d in acts for c in d.children
                          if c.dep_ == "acl" and c.tag_ == "VBN" for a in agent_of(c)]
                       + named_makers + [p for d in made for p in possessors(d)])
        # "condemned the Israeli raid on Jenin", "rejected the Russian proposals on NATO
        # membership": the act's maker before anyone its phrase names (not a place: "the
        # Quetta attack")
        by_people = [c for c in named_makers if c.ent_type_ in ("NORP", "ORG")]
        if direct and by_people and all(names_an_act(d, lex) for d in direct):
            options.insert(options.index(direct), by_people)
    if trig.frame.plover_type in ("REQUEST", "THREATEN", "ACCUSE", "SUPPORT"):
        options.append(complement_subjects(verb))
        # "reiterated its demand that the US ease sanctions": the one asked to act
        options.append([s for d in acts for s in clause_subjects(d)])
    options.append(partners)
    if obj is not None:
        options.append(possessors(obj))
        options.append(subject_to(obj))
    for child in _children(verb, {"dobj"}):
        options.append(possessors(child))
        options.append(prep_objects(child, _without(wordlist("target_preps"), "of") if feeling
                                    else wordlist("target_preps")))
    if trig.frame.plover_type in ("MOBILIZE", "AID"):
        # "were deployed as peacekeeping forces along the buffer zone": where they go,
        # however deep the parser hung it
        options.append(place_in(verb))
    # forces sent "from Russia, Belarus and Crimea" are not aimed at where they set out
    options.append(prep_objects(verb, _without(wordlist("target_preps"), "from")
                                if trig.frame.plover_type == "MOBILIZE" else wordlist("target_preps")))
    if obj is not None:
        options.append(prep_objects(obj, wordlist("target_preps")))
    # "conceded the demands by the teachers union", "lifted curbs imposed on Seoul": who made
    # the thing acted upon (a reaction has tried them already), or whom it was aimed at
    if not reaction:
        options.append(makers)
    # "condemned the attack carried out by Hamas"; but whoever brokered or mediated the deal
    # signed is no party to it
    options.append([a for d in acts for c in d.children
                    if c.dep_ == "acl" and c.tag_ == "VBN" and c.i != verb.i
                    and lex.mode_for("CONSULT", [c.lemma_.lower()]) != "mediate"
                    for a in prep_objects(c, wordlist("target_preps")) + agent_of(c)])
    commitment = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    if trig.frame.plover_type in ("AGREE", "THREATEN") and commitment:
        # "agreed to remove Russian banks from SWIFT", "vowed to retaliate against Israel":
        # the act promised or threatened has the target
        inner = commitment[0]
        options.insert(0, [c for c in _children(inner, OBJECT_DEPS) if c.dep_ != "attr"]
                       + prep_objects(inner, wordlist("target_preps")))
        if trig.frame.plover_type == "THREATEN":
            # "threatened to halt its aid if the army did not reverse course": the army
            options.insert(1, [s for v in (verb, inner) for c in _children(v, {"advcl"})
                               if threat_condition_clause(c) for s in _children(c, {"nsubj"})])
        trig.shared = False
    if obj is not None and not _names_people(obj) and not owned_vessel(obj):
        # the phrase's own noun is not acted upon ("went on strike")
        options = [[o for o in option if o.i != obj.i and head_noun(o).i != obj.i]
                   for option in options]
    if trig.frame.plover_type == "MOBILIZE":
        # "sent troops to its border with Belarus": the neighbour across it, not "its border"
        neighbours = across_border([h for option in options for h in option])
        if neighbours:
            options.insert(0, neighbours)
    topic = _topic_tokens(trig.frame, verb, obj)
    if topic:
        # "discussed threats from the US and NATO": what the talk is about takes no part in it
        options = [[o for o in option if o.i not in topic] for option in options]
    # "won't call off the walkout till the ministry pays": who must act first
    options.append([s for c in verb.children if c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in ("until", "till", "unless") for m in c.children)
        for s in _children(c, SUBJECT_DEPS)])
    # "in what Western officials called ...": a clause about a what is no one
    options = [[o for o in option if not (o.pos_ in ("VERB", "AUX") and any(
        c.tag_ in ("WP", "WDT") for c in o.children))] for option in options]
    if trig.frame.plover_type == "CONSULT":
        # "due to meet for a second round of talks in Belarus": the occasion is no partner
        occasions = wordlist("occasion_nouns") | wordlist("measure_nouns")
        options = [[o for o in option if head_noun(o).lemma_.lower() not in occasions]
                   for option in options]
    options = [o for o in options if o]
    parties = mediated_parties(trig, verb)
    if parties:
        options.insert(0, parties)
    if trig.frame.only_preps:
        # a reading that names its target's prepositions ("returned to Vienna for talks with
        # Iran": with whom, never where or what for)
        # (also on the noun it goes to or for: "for talks with the EU")
        within = [p for c in verb.children if c.dep_ == "prep" for n in _children(c, {"pobj"})
                  for m in (n, *(q for r in n.children if r.dep_ == "prep" and r.lower_ == "of"
                                 for q in _children(r, {"pobj"})))
                  for p in prep_objects(m, trig.frame.preps)]
        options = [o for o in (parties, prep_objects(verb, trig.frame.preps), within) if o]
    trig.targets = options[0] if options else []
    trig.alternatives = options[1:]


def _topic_tokens(frame: Frame, verb, obj) -> set[int]:
    """The tokens of what a talk is about (frames.yaml `topic_verbs`, `topic_preps`): the
    object of "discuss" (the subject, when passive) and the about/on/over phrases of the verb
    and of its event noun ("held talks on Russia's demands")."""
    heads, partners = [], []
    if frame.topic_object:
        subjects, passive = subject_of(verb)
        heads += _children(verb, {"dobj"}) + (subjects if passive else [])
        if not any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
            # "discussed the situation with Lukashenko": the parser hangs the partner on the
            # topic; he is no part of it
            partners = [c for h in heads for c in h.children
                        if c.dep_ == "prep" and c.lower_ == "with"]
    for owner in (verb, obj) if obj is not None else (verb,):
        heads += [c for c in owner.children if c.dep_ == "prep" and c.lower_ in frame.topic_preps
                  and c.lower_ != frame.target_prep]
    kept = {t.i for p in partners for t in p.subtree}
    return {t.i for h in heads for t in h.subtree} - kept


def _without(preps: tuple[str, ...], dropped: str) -> tuple[str, ...]:
    return tuple(p for p in preps if p != dropped)


def complement_subjects(verb) -> list:
    """Subjects of the clause a verb governs: "urged [Iran] to return", "wanted [NATO] to"."""
    return [s for c in verb.children if c.dep_ in ("ccomp", "xcomp") and not named_by(c)
            for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
