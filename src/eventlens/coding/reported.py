"""Reported speech: what a speaker says another actor must do, did wrong or is ("The U.S.
said North Korea must disarm", "Beijing said Washington was meddling"), whom a leader
told something, and the need for others to act that someone stresses."""

from __future__ import annotations

from eventlens.actors.words import role_words
from eventlens.coding.clauses import (
    BLAME_FRAME,
    CONDITIONAL_THREAT_FRAME,
    DEMAND_FRAME,
    LABEL_BLAME_FRAME,
    LABEL_PRAISE_FRAME,
    OBJECT_DEPS,
    PENALTY_FRAME,
    RETALIATION_FRAME,
    SUBJECT_DEPS,
    TELL_FRAME,
    WARNING_FRAME,
    WRONG_DONE_FRAME,
    Trigger,
    _children,
    noun_frame,
    prep_objects,
    subject_of,
    threat_condition_clause,
)
from eventlens.coding.lexicon import Frame, Lexicon, wordlist
from eventlens.coding.polarity import name_polarity
from eventlens.coding.rules import head_noun, lemma_among, sentence_words


def _reported_acts(sent, used: set[int], lex: Lexicon | None = None,
                   demanded: set[int] | None = None) -> list[Trigger]:
    """What a speaker says another actor must do or did wrong: "The U.S. said North Korea must
    disarm" is a request to North Korea (whose own act is only demanded); "Kyiv said Moscow was
    behind the attack" accuses Moscow. Marks the speech verbs used, and adds the tokens of each
    demanded clause to `demanded`."""
    found = []
    if sentence_words(sent).isdisjoint(wordlist("demand_speech_verbs")):
        return found  # (no speech verb of demands: most sentences)
    for token in sent:
        speech = token.head
        if token.dep_ != "ccomp" or speech.i in used or \
                speech.lemma_.lower() not in wordlist("demand_speech_verbs"):
            continue
        frame, word = _reported_frame(token, lex)
        if frame is None or (word == "wrong done" and token.i in used):
            continue  # a reported act that is an event of its own is coded as one
        subjects, passive = subject_of(speech)
        others = _children(token, {"nsubj"})
        if word == "label act":
            # "the EU said the crisis is a hybrid attack by Lukashenko": who is said to do it
            # is blamed; no attack is told as done
            act = _labelled_act(token, lex)
            others = prep_objects(act, ("by",)) + [
                c for c in act.children if c.dep_ == "poss" and c.pos_ != "PRON"]
            used.add(act.i)
        if passive or not subjects or not others:
            continue
        found.append(Trigger(speech, frame, [word, speech.lemma_.lower()],
                             sources=subjects, targets=others))
        used.add(speech.i)
        if frame is DEMAND_FRAME and demanded is not None:
            demanded.update(t.i for t in token.subtree)
    return found


def _conditional_threats(sent, used: set[int], demanded: set[int]) -> list[Trigger]:
    """"Iran said it would retaliate if Israel struck its nuclear sites", "Moscow would be
    ready to test nuclear weapons if Washington did so first": an act of force or an answer
    in kind (`threat_acts`) that someone would, will or could do if another acts threatens
    that other (THREATEN, the if-clause's subject its target). The threat is made; the act
    itself is only threatened, so its clause (not the condition) records nothing of its own.
    The trigger is the speech verb where the act is reported ("said", "warned"), as for a
    demand."""
    found = []
    if sentence_words(sent).isdisjoint(wordlist("threat_conditions")):
        return found
    for cond in sent:
        if not threat_condition_clause(cond):
            continue
        head = cond.head
        act = _readied_act(head) or head
        if not _auxiliaries(head) & wordlist("threat_modals") or \
                act.lemma_.lower() not in wordlist("threat_acts"):
            continue
        sources, passive = subject_of(head)
        targets = _children(cond, SUBJECT_DEPS)
        if passive or not sources or not targets:
            continue
        speech = head.head if head.dep_ == "ccomp" else head
        if speech.i in used and speech is not head:
            speech = head
        found.append(Trigger(speech, CONDITIONAL_THREAT_FRAME, ["would + if", act.lemma_.lower()],
                             sources=sources, targets=targets))
        used.update({speech.i, act.i})
        inside = {t.i for t in cond.subtree}
        demanded.update(t.i for t in head.subtree if t.i not in inside and t.i != speech.i)
    return found


def _announced_retaliation(sent, used: set[int]) -> list[Trigger]:
    """"Netanyahu said Israel would retaliate against Iran": retaliation someone says it
    would or will take (`retaliation_verbs`) threatens whom it is aimed at, condition or no."""
    found = []
    if sentence_words(sent).isdisjoint(wordlist("retaliation_verbs")):
        return found
    for act in sent:
        if act.i in used or act.lemma_.lower() not in wordlist("retaliation_verbs") or not (
                _auxiliaries(act) & wordlist("announcing_modals")):
            continue
        sources, passive = subject_of(act)
        if passive or not sources:
            continue
        targets = prep_objects(act, ("against", "on")) + _children(act, {"dobj"})
        speech = act.head if act.dep_ == "ccomp" and act.head.i not in used else act
        found.append(Trigger(speech, RETALIATION_FRAME, ["would + retaliate", act.lemma_.lower()],
                             sources=sources, targets=targets))
        used.update({speech.i, act.i})
    return found


def _promised_penalties(sent, used: set[int]) -> list[Trigger]:
    """"Biden said Russia would face severe consequences", "said Putin will pay a heavy
    price": a penalty (`penalty_nouns`) a speaker says another will or would suffer
    (`penalty_verbs`) threatens that other (CAMEO 13); the speaker is its source and the
    speech verb its trigger."""
    found = []
    if sentence_words(sent).isdisjoint(wordlist("penalty_verbs") | wordlist("penalty_passives")):
        return found
    for verb in sent:
        speech = verb.head
        answered = _answered_with_penalty(verb)
        # ("met" is also a frame word for meetings: a passive met with a penalty meets no one)
        if verb.dep_ != "ccomp" or speech.i in used or (verb.i in used and not answered) or \
                not (_suffers_penalty(verb) or answered) or \
                speech.lemma_.lower() not in wordlist("demand_speech_verbs") or \
                not _auxiliaries(verb) & (wordlist("announcing_modals") | wordlist("deontic_modals")):
            continue
        targets, passive = subject_of(verb)
        sources, spoken_passive = subject_of(speech)
        if answered and passive:
            targets, passive = _doers_answered(verb, targets), False
        if passive or spoken_passive or not targets or not sources:
            continue
        found.append(Trigger(speech, PENALTY_FRAME, ["will + pay a price", verb.lemma_.lower()],
                             sources=sources, targets=targets))
        used.update({speech.i, verb.i})
    return found


def _answered_with_penalty(verb) -> bool:
    """Whether a passive says a penalty will answer its subject ("any incursion would be met
    with a swift and severe response")."""
    return verb.lemma_.lower() in wordlist("penalty_passives") and any(
        c.dep_ == "auxpass" for c in verb.children) and any(
        head_noun(p).lemma_.lower() in wordlist("penalty_nouns")
        for c in _children(verb, {"prep"}) if c.lower_ == "with" for p in _children(c, {"pobj"}))


def _doers_answered(verb, subjects) -> list:
    """Who did what a penalty will answer: the act's own country ("any Russian incursion"),
    the subject of the if-clause a pronoun stands for ("if Russian forces move across the
    border, that will be met with ..."), or the subject itself."""
    doers = _named_owners(subjects)
    if doers:
        return doers
    if all(s.pos_ == "PRON" for s in subjects):
        return [n for c in _children(verb, {"advcl"}) if any(
            m.lower_ == "if" for m in _children(c, {"mark"})) for n in _children(c, {"nsubj"})]
    return subjects


def _named_owners(nouns, *, deep: bool = False) -> list:
    """The states or groups whose act a noun names by a modifier ("any Russian incursion",
    "Moscow's steps"; with `deep`, also inside its phrase: "a pullback of Russian troops")."""
    return [t for n in nouns for t in (n.subtree if deep else n.children)
            if t.dep_ in ("amod", "poss", "compound") and t.ent_type_ in ("NORP", "GPE", "ORG")]


def _suffers_penalty(verb) -> bool:
    """Whether a verb says its subject suffers a penalty ("face consequences", "must bear all
    the consequences", "pay a heavy price"): a threat when said will or must happen."""
    return verb.lemma_.lower() in wordlist("penalty_verbs") and any(
        head_noun(o).lemma_.lower() in wordlist("penalty_nouns") for o in _children(verb, {"dobj"}))


def _auxiliaries(verb) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ == "aux"}


def _readied_act(verb):
    """The act a readiness adjective governs: "would be ready to test" -> test."""
    for adj in _children(verb, {"acomp"}):
        if adj.lemma_.lower() in wordlist("intent_adjectives"):
            acts = _children(adj, {"xcomp"})
            if acts:
                return acts[0]
    return None


def _needed_acts(sent, used: set[int], lex: Lexicon, demanded: set[int]) -> list[Trigger]:
    """"Putin stressed the importance of NATO talking to him": whoever stresses the need for
    others' act asks it of them (frames.yaml REQUEST `need_nouns`); the act is only wanted,
    so its clause is added to `demanded` and records nothing of its own."""
    found = []
    if sentence_words(sent).isdisjoint(lex.need_nouns):
        return found
    for noun in sent:
        speech = noun.head
        if noun.lemma_.lower() not in lex.need_nouns or noun.dep_ not in OBJECT_DEPS or \
                speech.i in used or speech.pos_ != "VERB":
            continue
        acts = [c for c in noun.children if c.dep_ in ("acl", "relcl", "advcl")
                and c.pos_ == "VERB"]
        # "the importance of NATO talking", "the need for Kosovo to resume talks"
        doers = prep_objects(noun, ("of", "for")) or \
            [s for a in acts for s in _children(a, SUBJECT_DEPS)]
        doers = [d for p in doers for d in (p, *p.conjuncts)]
        subjects, passive = subject_of(speech)
        if not acts or not doers or not subjects or passive:
            continue
        # the same demand as "said NATO must talk to him" (DEMAND_FRAME)
        found.append(Trigger(speech, DEMAND_FRAME, [noun.lemma_.lower(), speech.lemma_.lower()],
                             sources=subjects, targets=doers))
        used.add(speech.i)
        demanded.update(t.i for a in acts for t in a.subtree)
    return found


def _wanted_acts(sent, used: set[int], demanded: set[int]) -> list[Trigger]:
    """"Zelensky said he wanted to see concrete steps from Russia, starting with a pullback of
    troops": whoever wants to see another's act asks it of them (REQUEST, as "wants Moscow to
    pull back"); the act is only wanted, so it records nothing of its own."""
    found = []
    if "see" not in sentence_words(sent):
        return found
    for see in sent:
        want = see.head
        if see.lemma_.lower() != "see" or see.dep_ != "xcomp" or want.i in used or \
                want.lemma_.lower() not in wordlist("want_verbs"):
            continue
        wanted = _children(see, {"dobj"})
        doers = [p for o in wanted for p in prep_objects(o, ("from", "by"))] or \
            _named_owners(wanted, deep=True)
        subjects, passive = subject_of(want)
        if not doers or not subjects or passive:
            continue
        found.append(Trigger(want, DEMAND_FRAME, [want.lemma_.lower(), "see"],
                             sources=subjects, targets=doers))
        used.add(want.i)
        # what is wanted, and the example given right after it ("starting with a pullback"),
        # wherever the parser hung that
        end = see.right_edge.i
        demanded.update(t.i for c in (see, *(a for a in sent if a.dep_ == "advcl"
                                            and a.tag_ == "VBG" and end < a.i <= end + 2))
                        for t in c.subtree)
    return found


def _told_counterparts(sent) -> list[Trigger]:
    """"Xi told Biden at their meeting that ...": whoever tells a named person something in
    person or by phone has been in contact with them (the coder keeps only counterparts of
    another country: `TELL_FRAME`)."""
    found = []
    if "tell" not in sentence_words(sent):
        return found
    for token in sent:
        if token.lemma_.lower() != "tell" or token.pos_ != "VERB":
            continue
        told = [o for o in _children(token, {"dobj", "dative"}) if o.ent_type_ == "PERSON"]
        subjects, passive = subject_of(token)
        if told and subjects and not passive:
            found.append(Trigger(token, TELL_FRAME, ["tell"], sources=subjects, targets=told,
                                 shared=True))
    return found


def _reported_frame(clause, lex: Lexicon | None = None) -> tuple[Frame | None, str]:
    """The frame a reported clause makes of its speaker's words: a demand (must, should,
    ought to), a blame (was responsible, was behind; not "was not responsible"), or what the
    speaker calls its subject ("said the moves were irresponsible", "'Putin is the
    aggressor,' Biden said"; "said the talks were constructive")."""
    if any(c.dep_ == "aux" and c.lower_ in wordlist("deontic_modals") for c in clause.children):
        # "must bear all the consequences" is a penalty promised (_promised_penalties)
        return (None, "") if _suffers_penalty(clause) else (DEMAND_FRAME, "demand")
    if any(c.dep_ == "neg" for c in clause.children):
        return None, ""
    if _warning_idiom(clause):
        return WARNING_FRAME, "warning"
    if clause.lemma_ != "be":
        return (WRONG_DONE_FRAME, "wrong done") if _wrong_done(clause, lex) else (None, "")
    if any((c.dep_ == "acomp" and c.lower_ in wordlist("blame_words"))
           or (c.dep_ == "xcomp" and c.lemma_.lower() in wordlist("blame_words"))  # "to blame"
           or (c.dep_ == "prep" and c.lower_ == "behind") for c in clause.children):
        return BLAME_FRAME, "blame"
    if _labelled_act(clause, lex) is not None:
        return LABEL_BLAME_FRAME, "label act"
    # "said Iran was ready to resume talks": an intent told, no name given
    # ("are worried about a bill": a feeling, which names no one)
    predicate = [t for c in clause.children if c.dep_ in ("acomp", "attr")
                 and not _children(c, {"xcomp"}) and not _felt(c) for t in c.subtree]
    subjects = _children(clause, {"nsubj"})
    if predicate and lex is not None and subjects and all(_someones(s, lex) for s in subjects):
        polarity = name_polarity(predicate, lex)
        if polarity:
            return (LABEL_BLAME_FRAME if polarity < 0 else LABEL_PRAISE_FRAME), "name"
    return None, ""


def _warning_idiom(clause) -> bool:
    """Whether a reported clause says its subject is doing what a warning idiom names ("were
    playing with fire": wordlists warning_idioms, "verb preposition noun")."""
    return any(f"{clause.lemma_.lower()} {c.lower_} {o.lemma_.lower()}" in wordlist("warning_idioms")
               for c in clause.children if c.dep_ == "prep" for o in _children(c, {"pobj"}))


def _felt(word) -> bool:
    """Whether a predicate word is a feeling ("worried", "concerned", "disappointed")."""
    return lemma_among(word, wordlist("feeling_verbs")) in wordlist("feeling_verbs")


def _labelled_act(clause, lex: Lexicon | None):
    """The act of force or hostility a reported "X is ..." clause names its subject ("said the
    crisis is a hybrid attack by Lukashenko"), where the subject is no actor and no act: the
    speaker calls something an attack, it does not tell one. None otherwise."""
    if lex is None:
        return None
    subjects = _children(clause, {"nsubj"})
    for attr in (c for c in clause.children if c.dep_ == "attr" and c.pos_ == "NOUN"):
        found = noun_frame(attr, lex)
        if found is not None and not found[0].joint and subjects and \
                lex.types[found[0].plover_type].quad_class >= 3 and \
                not any(head_noun(s).ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                        or role_words().get(head_noun(s).lemma_.lower())
                        # "said Russia's move was a breach of international law": Russia's
                        or any(c.dep_ == "poss" for c in head_noun(s).children)
                        or noun_frame(head_noun(s), lex) is not None for s in subjects):
            # (but "said the shelling was an attack by Russian forces" tells who shelled)
            return attr
    return None


def _wrong_done(clause, lex: Lexicon | None) -> bool:
    """Whether a reported clause says its subject does wrong ("said the United States is
    interfering in China's affairs and trampling on international law"): a verb, or an
    adverb on it, that blames (data/labels.yaml), said of someone."""
    subjects = _children(clause, {"nsubj"})
    if lex is None or clause.pos_ != "VERB" or not subjects or \
            not all(_someones(s, lex) for s in subjects):
        return False
    verbs = [clause, *(c for c in clause.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    # "said Moscow was trying to destabilise the country": what it tries to do
    verbs += [x for v in verbs if v.lemma_.lower() in wordlist("intent_verbs")
              for x in v.children if x.dep_ == "xcomp" and x.pos_ == "VERB"]
    words = [t for v in verbs for t in (v, *(c for c in v.children if c.dep_ == "advmod"))]
    # "said Putin had made a grave mistake": what a light verb makes or commits names it
    words += [t for v in verbs if v.lemma_.lower() in wordlist("wrong_doing_verbs")
              for o in _children(v, {"dobj"}) for t in (o, *_children(o, {"amod"}))]
    return name_polarity(words, lex) < 0


def _someones(noun, lex: Lexicon) -> bool:
    """Whether a phrase names an actor or something an actor did or said ("Putin", "the
    moves", "Beijing's plan", "the launch"), not a state of things ("the situation")."""
    head = head_noun(noun)
    lemma = head.lemma_.lower()
    return head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or bool(role_words().get(lemma)) \
        or any(c.dep_ == "poss" for c in head.children) or lemma in wordlist("act_nouns") \
        or lemma in wordlist("document_nouns") or noun_frame(head, lex) is not None
