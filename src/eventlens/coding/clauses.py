"""The parts of a clause the trigger rules read: who acts (`subject_of`, `agent_of`), the
objects of prepositions, the event noun a token names, the `Trigger` record, and the fixed
frames that readings written in Python give."""

from __future__ import annotations

from dataclasses import dataclass, field

from eventlens.actors.words import role_words
from eventlens.coding.lexicon import Frame, Lexicon, wordlist
from eventlens.coding.rules import head_noun
from eventlens.vocabulary import plover_types_of

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})


PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})


OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "attr", "oprd"})


# Outer verbs that are the event themselves and take over the target of the act below them.
GOVERNING_TYPES = frozenset({"THREATEN", "REJECT", "REQUEST", "ACCUSE", "SUPPORT"})


# Regular inflections and the endings that may have been dropped: staged → stage, talked →
# talk, threatening → threaten, shelling → shell, stages → stage.
# "X said Y was behind the attack" (blame_words): the speaker accuses Y.
BLAME_FRAME = Frame("ACCUSE", "say + responsible", ())


# "a scathing attack on the government" (verbal_attack_words): an attack in words.
VERBAL_ATTACK_FRAME = Frame("ACCUSE", "verbal attack", ("on", "against"))


CALL_ON_FRAME = Frame("CONSULT", "call on", ("on",), target_prep="on")


# "gave the junta one week to restore the president": a deadline to act is an ultimatum.
DEADLINE_FRAME = Frame("THREATEN", "give + time to act", ())


# "ordered the minister to appear for questioning": a demand on the one ordered.
ORDER_FRAME = Frame("REQUEST", "order + to act", ())


# Verbs that give someone or something a name (label_verbs), and what the name's polarity
# makes of them.
LABEL_BLAME_FRAME = Frame("ACCUSE", "call + blame", ())


# "said Washington was interfering in China's affairs": a wrong said to be done accuses its doer.
WRONG_DONE_FRAME = Frame("ACCUSE", "say + wrong done", ())


# "told Biden that those seeking Taiwan's independence were playing with fire": a warning.
WARNING_FRAME = Frame("THREATEN", "say + warning idiom", ())


LABEL_PRAISE_FRAME = Frame("SUPPORT", "call + praise", ())


LABEL_FRAMES = (LABEL_BLAME_FRAME, LABEL_PRAISE_FRAME)


# "forced the plane to land", "forced him out of the country": coercion (CAMEO 17).
FORCE_FRAME = Frame("COERCE", "force + to act", ())


# Verbal reactions whose target is whoever did the act they are about.
REACTION_TYPES = plover_types_of("reaction")


# "X said Y must act" (demand_speech_verbs, deontic_modals): a demand on Y.
DEMAND_FRAME = Frame("REQUEST", "say + must", ())

# "Iran said it would retaliate if Israel struck": an act someone would do if another acts is
# a threat to that other (CAMEO 13).
CONDITIONAL_THREAT_FRAME = Frame("THREATEN", "would + if", ())
# "Netanyahu said Israel would retaliate against Iran": retaliation announced is a threat.
RETALIATION_FRAME = Frame("THREATEN", "would + retaliate", ())
# "Biden said Russia would pay a heavy price": a penalty said to await another threatens it.
PENALTY_FRAME = Frame("THREATEN", "will + pay a price", ())
# Threats made by telling what one would do or what would befall another: uttered, they are
# made, whatever the "would" or "if" of what they tell.
SPOKEN_THREATS = frozenset(f.trigger for f in (
    CONDITIONAL_THREAT_FRAME, RETALIATION_FRAME, PENALTY_FRAME))


# "Xi told Biden that ...": the two were in contact (CAMEO 04), both ways.
TELL_FRAME = Frame("CONSULT", "tell", (), joint=True)


# Event nouns that ask something of whoever their clause names: "its demand that the US ease
# sanctions".
DEMAND_NOUN_TYPES = frozenset({"REQUEST", "THREATEN"})


@dataclass(slots=True)
class Trigger:
    """A token that fires a frame, with the tokens chosen as the heads of its arguments."""

    token: object  # spacy Token
    frame: Frame
    words: list[str]  # lemmas naming the frame, used to pick a mode
    sources: list = field(default_factory=list)  # head tokens
    targets: list = field(default_factory=list)  # the first choice of target heads
    # further choices, in order: the coder takes the first that names a known actor
    alternatives: list = field(default_factory=list)
    governor: object = None  # outer verb that sets the status (agree to, plan to, deny)
    noun: bool = False
    shared: bool | None = None  # overrides frame.joint: "X and Y agreed to cut Z off" is not
    # an act of X on Y
    # who voiced an act the source owns: "Bass promised Washington's support" (Bass speaks for
    # Washington and is the more precise source)
    speaker: list = field(default_factory=list)


def _children(token, deps) -> list:
    return [c for c in token.children if c.dep_ in deps]


def _particle(token) -> str:
    for child in token.children:
        if child.dep_ == "prt":
            return child.lower_
    # "would send away 35 diplomats": the small parser makes the particle an adverb
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.head.i == token.i and nxt.dep_ == "advmod" and \
            nxt.lower_ in wordlist("adverb_particles"):
        return nxt.lower_
    return ""


def noun_frame(token, lex: Lexicon, *, before=None) -> tuple[Frame, list[str]] | None:
    """The frame an event noun fires ("invasion", "phone call", "troop build-up").
    `before`: a word the parse did not attach to it that modifies it ("missile" of "the
    missile tests" where "tests" was read as a verb)."""
    lemma = token.lemma_.lower()
    first = _hyphen_first(token)
    if first is not None:
        # the tokenizer splits "build-up", "cease-fire", "sit-in" at the hyphen: the frames
        # list them whole
        lemma = f"{first.lower_}-{lemma}"
    entries = lex.nouns.get(lemma) or (lex.nouns.get(token.lower_) if first is None else None)
    if not entries:
        return None  # (most nouns: the words before it are not read)
    left = [c.lower_ for c in token.lefts]
    if before is not None:
        left.append(before.lower_)
    if first is not None:
        left = [w for w in left if w not in (first.lower_, "-")]
    for prefix, frame in entries:
        if not prefix or all(word in left for word in prefix):
            return frame, [" ".join((*prefix, lemma)), lemma, *left]
    return None


def _hyphen_first(token):
    """The word before a hyphen that the tokenizer split from this one ("build" of
    "build-up"), or None."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text != "-" or doc[token.i - 1].whitespace_ \
            or doc[token.i - 2].whitespace_:
        return None
    return doc[token.i - 2]


def to_infinitive(clause) -> bool:
    """Whether a clause is a "to" infinitive ("called on the US [to lift] sanctions", however
    the parser attached it)."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def threat_condition_clause(verb) -> bool:
    """Whether a verb heads an if/unless clause (`threat_conditions`): "... if the army did not
    reverse course", "unless it stopped arming rebels"."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in
                                        wordlist("threat_conditions") for c in verb.children)


def independent_clause(token):
    """The verb heading the coordinated clause a token stands in: the sentence's root, or a
    verb joined to it by a conjunction with a subject of its own ("the chief urged all sides
    to respect it, and the Security Council scheduled talks": two clauses)."""
    current = token
    for _ in range(30):
        if current.dep_ == "relcl" and current.pos_ in ("VERB", "AUX"):
            return current  # "the junta, which seized power in July, expelled ..."
        if current.dep_ == "conj" and current.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in current.children) and any(
                c.dep_ == "cc" for c in current.head.children) and not to_infinitive(current):
            return current
        if current.head.i == current.i:
            return current
        current = current.head
    return current


def subject_of(verb) -> tuple[list, bool]:
    """Head tokens of the subject of `verb`, climbing through xcomp, conj and relative clauses.

    Returns (heads, passive): in a passive clause the subject is the patient.
    """
    seen = 0
    current = verb
    while current is not None and seen < 6:
        seen += 1
        subj = _children(current, SUBJECT_DEPS)
        if len(subj) > 1:
            # "Meeting in Accra, ECOWAS leaders agreed ...": the opening participle, parsed as
            # a second subject, is when and where, not who
            subj = [s for s in subj if not _opening_participle(s)] or subj
        if subj:
            if current.dep_ == "relcl" and all(s.tag_ in ("WDT", "WP") for s in subj):
                if head_noun(current.head).lemma_.lower() in wordlist("happening_nouns") and \
                        not any(c.dep_ in ("poss", "compound", "amod", "nmod") and c.ent_type_ in
                                ("GPE", "NORP", "ORG", "PERSON") for c in current.head.children):
                    # "an attack that killed 40 people": no one named ("a Taliban attack
                    # that killed": the Taliban)
                    return [], False
                return [current.head], False  # "Qatar, which mediated the deal": Qatar
            return _speaker_of_misjoined(verb, current, subj) or subj, \
                current.i == verb.i and _elided_passive(current)
        subj = _children(current, PASSIVE_SUBJECT_DEPS)
        if subj:
            return subj, current.i == verb.i or _shares_passive(verb, current)
        misread = _misread_subject(current)
        if misread:
            return misread, False
        if current.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acomp") and current.head.i != current.i:
            if current.dep_ == "advcl" and current.tag_ not in ("VBG", "VBN", "VB"):
                return [], False
            controls = wordlist("asking_verbs") | wordlist("object_control_verbs")
            called_on = [p for c in _children(current.head, {"prep"})
                         if c.lower_ == "on" and c.i == current.head.i + 1
                         for p in _children(c, {"pobj"})] \
                if current.dep_ == "xcomp" and current.head.lemma_.lower() == "call" else []
            if called_on:
                # "called on the government and the rebels to stop fighting": they would stop
                return [q for p in called_on for q in (p, *p.conjuncts)], False
            if current.dep_ == "xcomp" and current.head.lemma_.lower() in controls:
                made = _children(current.head, {"dobj"})
                if made and not any(head_noun(m).lemma_.lower() in wordlist("force_words") for m in made):
                    # "forced the minister to resign": the minister resigns (but "ordered
                    # troops to attack" is the commander's attack)
                    return made, False
            current = current.head
            continue
        joined = current.head.head if current.dep_ == "pcomp" and current.head.lower_ == "in" \
            else None
        if joined is not None and joined.lemma_.lower() in wordlist("joining_verbs"):
            # "Kuwait joined Saudi Arabia in withdrawing its diplomats": both withdraw them
            return subject_of(joined)[0] + _children(joined, {"dobj"}), False
        plan = intent_noun(current)
        if plan is not None and (plan.dep_ in ("dobj", "obj", "attr") and plan.head.pos_ in (
                "VERB", "AUX") or any(c.dep_ == "poss" for c in plan.children)):
            # "announced plans to deploy troops", "had no intention of attacking": the
            # plans' owner
            owners = [c for c in plan.children if c.dep_ == "poss"]
            if owners:
                return owners, False
            current = plan.head
            continue
        if current.dep_ in ("relcl", "acl") and current.head.i != current.i:
            paper = current.head
            if current.tag_ == "VB" and paper.lemma_.lower() in wordlist("invitation_nouns") and \
                    paper.dep_ == "dobj" and paper.head.lemma_.lower() in wordlist("accepting_verbs"):
                # "accepted an invitation to visit Pyongyang": the accepter will visit
                current = paper.head
                continue
            if current.tag_ == "VBG" and paper.lemma_.lower() in wordlist("document_nouns") and \
                    paper.dep_ in ("dobj", "obj") and paper.head.pos_ in ("VERB", "AUX"):
                # "issued a report accusing the army": whoever issued the report
                current = paper.head
                continue
            # a reduced relative is a participle even where the tagger says past tense ("an
            # employee detained in China" tagged VBD), unless it is the sentence's only verb
            # ("The Chinese ambassador called on ...", parsed as a noun phrase)
            return [current.head], current.dep_ == "acl" and (current.tag_ == "VBN" or (
                current.tag_ == "VBD" and current.head.dep_ != "ROOT"))
        return [], False
    return [], False


def names_an_act(noun, lex: Lexicon) -> bool:
    """Whether a noun names an act someone did ("raid", "proposal", "decision", "sanctions")."""
    lemma = head_noun(noun).lemma_.lower()
    return lemma in wordlist("act_nouns") or lemma in wordlist("happening_nouns") or \
        noun_frame(noun, lex) is not None


def intent_noun(verb):
    """The intent noun whose act a verb is ("plans to deploy troops", "a bid to retake the
    city", "no intention of attacking"; data/wordlists.yaml `intent_nouns`), or None."""
    if verb.dep_ == "acl" and to_infinitive(verb):
        noun = verb.head
    elif verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ == "of":
        noun = verb.head.head
    else:
        return None
    return noun if noun.lemma_.lower() in wordlist("intent_nouns") else None


def _elided_passive(verb) -> bool:
    """Whether a participle joined to a passive verb shares its "have been" ("18 were killed
    and more than 3,000 people detained"): its subject is who underwent it."""
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children) and any(
        c.dep_ == "auxpass" for c in verb.head.children)


def _opening_participle(token) -> bool:
    """Whether a word parsed as a subject opens its sentence as an -ing phrase set off by a
    comma ("Meeting in Accra, ..."; the tagger may call it a proper noun)."""
    edge = token.right_edge.i + 1
    first = token.i == token.sent.start or token.doc[token.i - 1].is_space or \
        token.doc[token.i - 1].text in (".", ";")
    comma = token.right_edge.text == "," or (edge < len(token.doc) and token.doc[edge].text == ",")
    return (token.tag_ == "VBG" or token.lower_.endswith("ing")) and first and comma


def _speaker_of_misjoined(verb, head, subjects) -> list:
    """The speaker, where the parser joined an act done in words to the reported clause
    ("Blinken said the outcome showed Russia's isolation, and accused Putin of ...": things
    do not accuse, Blinken does); else []."""
    if verb.dep_ != "conj" or verb.head.i != head.i or head.dep_ != "ccomp" or \
            verb.lemma_.lower() not in wordlist("speaking_acts") or verb.tag_ != head.head.tag_ or \
            any(s.ent_type_ or s.pos_ in ("PRON", "PROPN") or s.lemma_.lower() in role_words()
                for s in subjects):
        return []
    return _children(head.head, {"nsubj"})


def _shares_passive(verb, passive) -> bool:
    """Whether `verb` is a bare participle joined to the passive verb `passive` ("was tortured
    and killed in a CIA prison": the subject was killed too, by someone else), or completing
    it ("five people were reported killed", "were found shot": killed by someone else)."""
    current = verb
    while current.i != passive.i:
        if current.dep_ not in ("conj", "xcomp", "oprd") or current.tag_ != "VBN" or any(
                c.dep_ in ("aux", "auxpass") for c in current.children):
            return False
        current = current.head
    return True


def _misread_subject(verb) -> list:
    """A name before a finite verb that the parser took for an adverb: the small model reads
    "USAID provided shelter kits ..." with USAID as an advmod."""
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") or (
        verb.dep_ == "ROOT" and verb.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children))
    if not finite:
        return []
    return [c for c in verb.children
            if c.dep_ in ("advmod", "npadvmod", "dep") and c.i < verb.i
            and (c.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")
                 or (c.is_upper and c.is_alpha and len(c) > 1))]


def act_parties(noun) -> list:
    """Who a deal, truce or talks are between: its between-phrase ("a truce between Israel and
    Hamas"), else the subjects of the clause it belongs to ("Saudi Arabia and Iran signed a
    deal brokered by China", "... agreed to restore ties, under a deal mediated by China")."""
    named = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"
             for p in _children(c, {"pobj"}) for p in (p, *p.conjuncts)]
    if named:
        return named
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    subjects, passive = subject_of(verb)
    return [] if passive else [p for s in subjects for p in (s, *s.conjuncts)]


def agent_of(verb) -> list:
    """Heads of the by-phrase of a passive verb."""
    return [p for a in _children(verb, {"agent"}) for p in _children(a, {"pobj"})]


NOT_ACTORS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})


def prep_objects(token, preps: tuple[str, ...] | frozenset) -> list:
    """Objects of the listed prepositions hanging from `token`, and of prepositions joined to
    them ("on China ... and on Russia"); a dative object counts as "to"."""
    found = []
    for child in token.children:
        if child.dep_ == "dative" and child.pos_ in ("PROPN", "NOUN", "PRON"):
            found.append(child)
            continue
        if child.dep_ not in ("prep", "dative") or child.lower_ not in preps:
            continue
        for prep in [child, *[c for c in child.children if c.dep_ == "conj"
                              and c.pos_ == "ADP"]]:
            found += [o for o in _children(prep, {"pobj", "pcomp"})  # "dozens of lenders"
                      if head_noun(o).ent_type_ not in NOT_ACTORS
                      and not (prep.lower_ == "on" and o.lemma_.lower() in wordlist("ground_nouns"))]
    return found


def event_objects(verb, lex: Lexicon) -> list:
    """The event nouns a verb takes as its object, or counted in it: "received support",
    "got $1bn in aid", "signed an aid package"."""
    found = []
    for obj in [o for d in _children(verb, {"dobj"}) for o in (d, *d.conjuncts)]:
        for noun in [obj, *[p for c in obj.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
                            for p in _children(c, {"pobj"})]]:
            if noun.pos_ == "NOUN" and noun_frame(noun, lex) is not None:
                found.append(noun)
    return found


def agreed_act_type(plover_type: str) -> bool:
    """Whether an act of this type, settled by an agreement, is done by the agreeing parties to
    a third party (wordlists.yaml `agreed_act_types`)."""
    return plover_type.lower() in wordlist("agreed_act_types")


def agreeing_verb(noun):
    """The agreement verb (`agree_verbs`) whose object, or on/to/upon object, is this event
    noun or a package or round of it ("agreed new sanctions", "agreed on a package of
    sanctions against Russia"), or whose complement verb takes it ("agreed to roll out new
    sanctions"); or None."""
    carrier = noun
    if carrier.dep_ == "pobj" and carrier.head.lower_ == "of" and carrier.head.head.pos_ == "NOUN":
        carrier = carrier.head.head
    if carrier.dep_ == "dobj":
        verb = carrier.head
    elif carrier.dep_ == "pobj" and carrier.head.lower_ in ("on", "to", "upon"):
        verb = carrier.head.head
    else:
        return None
    if verb.lemma_.lower() not in wordlist("agree_verbs") and verb.dep_ == "xcomp" and \
            carrier.i == noun.i and verb.lemma_.lower() not in wordlist("ending_verbs"):
        verb = verb.head  # "agreed to roll out new sanctions" (not "to end the fighting")
    return verb if verb.lemma_.lower() in wordlist("agree_verbs") and verb.i != carrier.i \
        else None


def agreed_acts(verb, lex: Lexicon) -> list:
    """The event nouns of acts on a third party that an agreement verb settles."""
    return [t for t in verb.subtree if t.pos_ == "NOUN"
            and getattr(agreeing_verb(t), "i", None) == verb.i
            and (found := noun_frame(t, lex)) is not None
            and agreed_act_type(found[0].plover_type)]


def misread_plural(obj):
    """The plural noun ending an object that the small tagger read as a verb, its object the
    name the sentence gives ("called [the missile] launches [a grave escalation]": "launches"
    a VBZ clause without a subject right after the object), or None."""
    doc = obj.doc
    if obj.dep_ != "dobj" or obj.i + 1 >= len(doc):
        return None
    nxt = doc[obj.i + 1]
    if nxt.tag_ == "VBZ" and nxt.dep_ in ("ccomp", "oprd", "xcomp") and nxt.head == obj.head \
            and not _children(nxt, {"nsubj"}) and _children(nxt, {"dobj"}):
        return nxt
    return None


def what_it_was(verb) -> list:
    """What a verb's "what appeared to be ..." object was said to be ("launched what appeared
    to be a ballistic missile", "fired what it said was a hypersonic missile": the missile)."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    clauses += [g for c in clauses for g in _children(c, {"ccomp"})]  # "what it said was"
    return [a for c in clauses
            if any(s.tag_ == "WP" for s in _children(c, {"nsubj", "nsubjpass"}))
            for x in (c, *_children(c, {"xcomp"})) for a in _children(x, {"attr"})] + \
        [a for c in clauses if named_by(c) for a in (
            *_children(c, {"oprd", "xcomp"}),
            *[p for x in _children(c, {"prep"}) if x.lower_ == "as" for p in _children(x, {"pobj"})])]


def named_by(clause) -> bool:
    """Whether a clause names its "what" ("condemned [what he described as an attack]",
    "over [what it called interference]"): its subject is who gives the name, no party."""
    return clause.lemma_.lower() in wordlist("label_verbs") and any(
        c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") for c in clause.children)


def across_border_prep(prep) -> bool:
    """Whether a "with" follows a frontier noun ("along its border with Pakistan"): it names
    the neighbour, whatever the parse hangs it on."""
    return prep.lower_ == "with" and prep.i > 0 and \
        prep.doc[prep.i - 1].lemma_.lower() in wordlist("border_nouns")


def across_border(heads: list) -> list:
    """The neighbours named across the frontier nouns among `heads` ("its border with
    Belarus": Belarus)."""
    return [p for h in heads if h.lemma_.lower() in wordlist("border_nouns")
            for c in h.children if c.dep_ == "prep" and across_border_prep(c)
            for p in _children(c, {"pobj"})]
