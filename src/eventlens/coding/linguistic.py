"""The default coder: verb and noun frames, arguments from the dependency parse, status from modality."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from eventlens.actors.phrases import phrase_range
from eventlens.actors.resolver import ActorResolver
from eventlens.actors.roles import (
    as_acting_government,
    as_military,
    as_place,
    context_country,
    in_context,
    military_site,
    person_as_of,
)
from eventlens.actors.words import OTHER_PEOPLE, normalise
from eventlens.coding import asides
from eventlens.coding.armed import military_act, reframed
from eventlens.coding.candidates import NO_EVENT, candidate_dyads
from eventlens.coding.circumstances import (
    date_entity,
    event_day,
    location_of,
    looks_future,
    said_of_past,
)
from eventlens.coding.clauses import (
    GOVERNING_TYPES,
    SPOKEN_THREATS,
    TELL_FRAME,
    WRONG_DONE_FRAME,
    Trigger,
    independent_clause,
    intent_noun,
    names_an_act,
    prep_objects,
    to_infinitive,
)
from eventlens.coding.consolidate import DYADIC_TYPES, consolidate
from eventlens.coding.default_targets import (
    act_targets,
    aimed_before,
    home_ground,
    sentence_target,
    struck,
)
from eventlens.coding.dyad import YIELD_TYPES, split_yield, to_plv
from eventlens.coding.features import dyad_features, span_head
from eventlens.coding.lexicon import ONE_SIDED_MODES, Lexicon, load_lexicon, wordlist
from eventlens.coding.modality import (
    complement_governor,
    status_of,
)
from eventlens.coding.quotes import find_quotes
from eventlens.coding.scorer import event_features, packaged_scorer
from eventlens.coding.standing import (
    MATERIAL_CONFLICT,
    crowd_of,
    in_locative_phrase,
    thing_of,
    where_not_who,
    without_appositive_places,
)
from eventlens.coding.triggers import (
    DEADLINE_FRAME,
    deadline_act,
    find_triggers,
    owned_vessel,
    reads_as_no_event,
)
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status
from eventlens.nlp.datelines import dateline_end
from eventlens.nlp.dates import is_future, resolve_date
from eventlens.nlp.pipeline import sentences

# Cooperative acts whose refusal ("will not meet", "won't lift sanctions") is a REJECT.
REFUSABLE_TYPES = frozenset({*YIELD_TYPES, "CONSULT", "AGREE", "COOPERATE", "AID", "SUPPORT"})
# Entity types that name an actor even when the knowledge base does not know it.
NAMED_TARGETS = frozenset({"ORG", "PERSON", "NORP", "GPE"})
# Coordinated subjects acting among themselves are paired up to this many (beyond it, a
# summit's list of members would make dozens of records).
MAX_AMONG = 4
PACKAGED = object()
# A clause dyad no frame covered becomes an event only above this probability.
MIN_CANDIDATE_SCORE = 0.5
# The learned classifier overrules the frame that fired only when it is sure of another type
# (at least MIN_MODEL_SCORE) and gives the frame's type little chance (below MAX_OVERRULED_SCORE).
MIN_MODEL_SCORE = 0.6
MAX_OVERRULED_SCORE = 0.15
# ... and turns a phrase frame's cooperation into conflict or back only when at least this sure.
CROSS_POLARITY_SCORE = 0.9
CODER_NAME = "linguistic"
CODER_VERSION = "0.1.0"


class LinguisticCoder:
    """Codes PLOVER events from a parsed article with frames and the dependency parse."""

    name = CODER_NAME
    version = CODER_VERSION
    # False keeps events with an unresolved side (tests of what the rules propose)
    resolved_only = True

    def __init__(self, *, kb=None, lexicon: Lexicon | None = None,
                 type_model=PACKAGED, min_model_score: float = MIN_MODEL_SCORE,
                 min_candidate_score: float = MIN_CANDIDATE_SCORE, scorer=PACKAGED) -> None:
        """`type_model` re-types each event with the learned classifier: the packaged model
        by default, a `LinearModel`, or None for frames alone. `scorer` gives each proposed
        event its calibrated confidence: the packaged `EventScorer` by default, or None."""
        if type_model is PACKAGED:
            from eventlens.coding.classifier import packaged_model

            type_model = packaged_model()
        self.type_model = type_model
        self.scorer = packaged_scorer() if scorer is PACKAGED else scorer
        # (event, features) of every proposal, collected only while training the scorer
        self.feature_sink: list | None = None
        self._dyad_memo: dict[tuple, object] = {}  # the classifier's scores of each dyad
        self.min_model_score = min_model_score
        self.min_candidate_score = min_candidate_score
        if kb is None:
            from eventlens.actors.kb import load_knowledge_base

            kb = load_knowledge_base()
        self.kb = kb
        self.lexicon = lexicon or load_lexicon()

    def code(self, doc, article: Article) -> ArticleResult:
        """Events, quotes and actor mentions of one article, with evidence offsets."""
        resolver = ActorResolver(self.kb, doc, article.published,
                                 skip_before=dateline_end(article.text),
                                 headline=article.title)
        events: list[Event] = []
        mentions: list[Mention] = []
        for index, sent in enumerate(sentences(doc)):
            self._dyad_memo.clear()  # features hang on the sentence's triggers
            mentions.extend(resolver.read_sentence(sent))
            triggers = self._kept_triggers(sent)
            found: list[Event] = []
            used: set[int] = set()
            named = [m for m in mentions
                     if sent.start_char <= m.start < sent.end_char and m.actor.country]
            for trig in triggers:
                made = self._events_for(trig, sent, resolver, article, triggers, doc, named,
                                        events)
                if made:
                    used.add(trig.token.i)
                    if trig.governor is not None:
                        used.add(trig.governor.i)
                found.extend(made)
            found.extend(self._candidate_events(sent, resolver, article, triggers, doc, found,
                                                used))
            country = context_country(named, mentions)  # ("" places only "the North")
            found = [_placed(doc, event, country) for event in found]
            # the act reacted to may be told earlier in the article or earlier in the same
            # sentence ("China sent warplanes near Taiwan, a move Taipei called a provocation")
            found = [reacted for event in found for reacted in act_targets(doc, event, events + [
                e for e in found if e is not event and event.target is not None
                and e.source.start < event.target.start], self.lexicon)]
            events.extend(self._scored(doc, sent, found, index, triggers))
        quotes = find_quotes(doc, article, resolver)
        spans = tuple((s.start_char, s.end_char) for s in sentences(doc))
        return ArticleResult(article, tuple(consolidate(events, resolved_only=self.resolved_only)),
                             tuple(quotes),
                             tuple(_as_in_events(mentions, events)), spans)

    def _dyad_probs(self, doc, source: tuple[int, int], target: tuple[int, int] | None,
                    triggers):
        """The type classifier's probabilities of a dyad, computed once a sentence: the
        retyping of a frame's event and the scorer both read them."""
        key = (source, target)
        if key not in self._dyad_memo:
            self._dyad_memo[key] = self.type_model.scores(
                dyad_features(doc, source, target, self.lexicon, triggers))
        return self._dyad_memo[key]

    def _scored(self, doc, sent, events: list[Event], index: int, triggers) -> list[Event]:
        """The sentence's proposed events with the scorer's calibrated confidence."""
        if self.scorer is None and self.feature_sink is None:
            return events
        out = []
        for event in events:
            probs = None
            if self.type_model is not None:
                probs = self._dyad_probs(
                    doc, (event.source.start, event.source.end),
                    (event.target.start, event.target.end) if event.target else None, triggers)
            feats = event_features(doc, sent, event, sentence_index=index,
                                   sentence_events=len(events), type_model=self.type_model,
                                   lexicon=self.lexicon, triggers=triggers, probs=probs)
            if self.feature_sink is not None:
                self.feature_sink.append((event, feats))
            if self.scorer is not None:
                event = replace(event, confidence=self.scorer.confidence(feats))
            out.append(event)
        return out

    # -- triggers -----------------------------------------------------------------------------
    def _kept_triggers(self, sent) -> list[Trigger]:
        """Triggers after folding "agreed to meet" into the meeting and "threatened to strike"
        into the threat."""
        triggers = find_triggers(sent, self.lexicon)
        by_token = {t.token.i: t for t in triggers}
        # the act a deadline is set for, however the parser attached it: only demanded
        due = {act.i: t.token for t in triggers if t.frame is DEADLINE_FRAME
               and (act := deadline_act(t.token)) is not None}
        dropped: set[int] = set()
        for trig in triggers:
            outer_tok = complement_governor(trig.token)
            head = trig.token.head
            if outer_tok is None and trig.token.dep_ in ("acl", "ccomp") and \
                    head.pos_ == "NOUN" and head.i in by_token and \
                    by_token[head.i].frame.plover_type in GOVERNING_TYPES:
                outer_tok = head  # "its demand that the US ease sanctions": only demanded
            if outer_tok is None and trig.token.dep_ == "advcl" and head.i in by_token and \
                    by_token[head.i].frame.plover_type == "REQUEST" and \
                    to_infinitive(trig.token):
                outer_tok = head  # "call on the US to lift sanctions", read as an adverbial
            if trig.token.i in due:
                outer_tok = due[trig.token.i]  # "gave the junta a week to restore him"
            plan = intent_noun(trig.token)
            owner_verb = plan.head if plan is not None else None
            if owner_verb is not None and owner_verb.i in by_token and \
                    by_token[owner_verb.i].frame.plover_type == "AGREE":
                dropped.add(owner_verb.i)  # "announced plans to deploy troops": the deployment
            if (outer_tok is None and asides.asked_content(trig.token, self.lexicon)) or \
                    asides.name_for_an_act(trig.token) or asides.threat_condition(trig.token, by_token):
                dropped.add(trig.token.i)  # "rejected a request from Sweden to extradite him"
                continue
            aimed = by_token.get(head.i) if asides.aim_of(trig.token) else None
            if aimed is not None and aimed is not trig and \
                    aimed.frame.plover_type not in ("ASSAULT", "COERCE"):
                dropped.add(trig.token.i)  # "imposed sanctions, targeting two banks"
                aimed.targets = aimed.targets or trig.targets
                continue
            outer = by_token.get(outer_tok.i) if outer_tok is not None else None
            if outer is not None and outer is not trig:
                if outer.frame.plover_type in GOVERNING_TYPES:
                    dropped.add(trig.token.i)
                    if not outer.targets:
                        outer.targets = trig.targets
                    elif outer.frame.plover_type == "THREATEN" and trig.targets:
                        # "Iran warned it would attack Israel", "warned that the bloc would
                        # use force": when the act's doer is the threatener, its target
                        outer.alternatives = [*outer.alternatives, trig.targets]
                elif outer_tok.lemma_.lower() in wordlist("commit_verbs") or \
                        outer.frame.plover_type == "AGREE":
                    if not trig.sources:
                        continue  # "agreed that a nuclear war must never be fought": no one
                        # acts in what was agreed, so the agreement is the event
                    dropped.add(outer_tok.i)
                    trig.governor = outer_tok
                    if not trig.targets:
                        # "promised to reduce its operations": what the act is done to is
                        # no party of the promise
                        trig.targets = [t for t in outer.targets
                                        if not (t.dep_ == "dobj" and t.head.i == trig.token.i)]
                    else:  # "agreed with his Iranian counterpart to exchange technology"
                        trig.alternatives = [*trig.alternatives,
                                             prep_objects(outer_tok, ("with",))]
        return [t for t in triggers if t.token.i not in dropped]

    # -- events -------------------------------------------------------------------------------
    def _events_for(self, trig: Trigger, sent, resolver: ActorResolver, article: Article,
                    triggers: list[Trigger], doc, named: list[Mention],
                    earlier: list[Event] = ()) -> list[Event]:
        crowd = trig.sources == [trig.token] and trig.frame.plover_type == "PROTEST"
        # "Protests erupted in Almaty": the crowd behind the protest, not the place in its phrase
        sources = [crowd_of(trig.token)] if crowd else self._actors(trig.sources, resolver)
        if not sources and trig.sources and all(h.pos_ == "PRON" for h in trig.sources):
            # "The strike committee stated it would not call off the walkout": a pronoun no known actor
            # stands behind is the speaker, named however the sentence names them
            sources = self._actors(asides.speakers(trig.token), resolver, patient=True)
        if (spoken := asides.said_by_a_thing(trig, self.lexicon)) is not None:
            sources = self._actors(spoken, resolver)
        if not sources or asides.done_to_oneself(trig):
            return []
        if trig.speaker:
            speakers = self._actors(trig.speaker, resolver)
            if speakers and all(m.actor.country == speakers[0].actor.country for m in sources):
                sources = speakers  # "Bass promised Washington's support": Bass
        frame, forced_mode = reframed(trig, len(sources))
        targets, named_target = self._targets(trig, resolver, sources)
        if trig.frame is TELL_FRAME:
            # a leader telling a foreign counterpart, not an aide
            targets = [t for t in targets if t.actor.country and all(
                t.actor.country != s.actor.country for s in sources)]
        if frame.plover_type == "PROTEST" and not any(
                t.actor.country or t.actor.role for t in targets):
            # "went on strike at the Grasberg mine", "... on Freeport-McMoRan": the employer
            targets = self._actors(struck(trig.token), resolver, patient=True) or targets
        # a wrong said to be done accuses its doer and no one else the sentence names; co-agents
        # of a show of force each are its source ("Russia and Belarus began drills near ...")
        guess = (len(sources) == 1 or frame.plover_type == "MOBILIZE") and \
            frame.plover_type not in DYADIC_TYPES and trig.frame is not WRONG_DONE_FRAME
        # "asked the world to stop Putin": a request put to everyone is put to no state, and
        # not to the one it would act on
        asked = frame.plover_type == "REQUEST" and bool(trig.targets) and all(
            t.lemma_.lower() in wordlist("everyone_nouns") for t in trig.targets)
        if guess and not asked and not any(t.actor.country for t in targets) and not named_target:
            # the one other party of the act's own clause, not of one joined to it ("the AU
            # called for civilian rule, and the EU threatened to halt its aid")
            clause = independent_clause(trig.token)
            here = [m for m in named if (head := span_head(doc, m.start, m.end)) is None
                    or independent_clause(head) == clause]
            targets = sentence_target(sources, here, trig.sources, trig.token,
                                      frame.plover_type) or \
                aimed_before(sources[0], frame.plover_type, earlier) or targets
        if guess and not targets:
            targets = home_ground(sources[0], named, frame.plover_type)
        mode = self.lexicon.mode_for(frame.plover_type,
                                     trig.words + [c.lemma_.lower() for c in trig.token.children]
                                     + (_agreed_on(trig.token) if frame.plover_type == "AGREE"
                                        else []))
        mode = forced_mode or mode
        if mode == "ceasefire" and not any(t.actor.country or t.actor.role for t in targets):
            # "the Houthis declared a truce in Hodeidah": the truce holds where it is declared
            targets = self._truce_ground(trig, resolver, sources) or targets
        joint = frame.joint if trig.shared is None else trig.shared
        # "X called Y" has a caller; "a call between X and Y", "a visit with Y" is shared
        with_partner = trig.noun and any(c.dep_ == "prep" and c.lower_ in ("with", "between")
                                         for c in trig.token.children)
        # "Biden and Putin held a video call": the callers named together called each other
        # (a call named by a light verb's object; "that Kyiv and Western capitals call
        # illegitimate" calls no one)
        callers = mode == "phone" and " " in frame.trigger and len(sources) > 1 and not targets
        joint = joint and (mode not in ONE_SIDED_MODES or with_partner or callers)
        # "Jordan and Britain agreed to hold exercises", "Armenia and Azerbaijan agreed to
        # a truce": an act between the coordinated subjects; but where the act agreed on
        # has a party of its own ("Poland and Latvia agreed to sanction Belarus"), the
        # subjects are its co-agents, each acting on that party, not on one another
        agreed = (trig.governor is not None and trig.governor.lemma_.lower() in wordlist("agree_verbs")) \
            or (frame.plover_type == "AGREE" and trig.token.lemma_.lower() in wordlist("agree_verbs"))
        quad = self.lexicon.types[frame.plover_type].quad_class
        among_agreed = agreed and not _third_party(
            sources, self._participants(doc, targets, quad, frame.target_prep))
        act = _Act(frame.plover_type, mode, frame.trigger, trig.token, joint,
                   # "Payne and Dutton came for talks with Blinken": not with each other
                   0.1 * (not trig.noun), among=(joint and not (with_partner and targets))
                   or among_agreed,
                   target_prep=frame.target_prep)
        events = self._build(act, sources, targets, sent, article, doc, triggers)
        governor = trig.governor
        if governor is not None and governor.lemma_.lower() in wordlist("agree_verbs") and \
                1 < len(sources) <= MAX_AMONG and frame.plover_type != "AGREE" and \
                among_agreed:
            # "Saudi Arabia and Iran agreed to restore ties": besides the intended act, the
            # agreement between them, which happened
            pact = _Act("AGREE", "", governor.lemma_.lower(), governor, True, 0.0,
                        retype=False, among=True, own_date=True)
            events += self._build(pact, sources, [], sent, article, doc, triggers)
        if trig.frame.plover_type == "COOPERATE" != frame.plover_type and \
                1 < len(sources) <= MAX_AMONG:
            # "Russia and Belarus held joint drills near the Ukrainian border": besides the
            # show of force at Ukraine, an exercise the two hold with each other
            drill = replace(act, plover_type="COOPERATE", mode="military", joint=True,
                            among=True, retype=False)
            events += self._build(drill, sources, [], sent, article, doc, triggers)
        return events

    def _truce_ground(self, trig: Trigger, resolver: ActorResolver,
                      sources: list[Mention]) -> list[Mention]:
        """The places a ceasefire is declared in ("in Idlib", "in all war zones in Sudan"),
        unless the source governs them ("the Afghan government's truce in Afghanistan")."""
        heads = [t for t in trig.token.subtree if t.dep_ == "pobj" and t.head.lower_ == "in"
                 and t.ent_type_ in ("GPE", "LOC")]
        return [replace(m, how=f"{m.how}+truce") for m in self._actors(heads[:1], resolver)
                if m.actor.country and not any(
                    _same_actor(as_acting_government(s).actor, as_acting_government(m).actor)
                    for s in sources)]

    def _candidate_events(self, sent, resolver: ActorResolver, article: Article,
                          triggers: list[Trigger], doc, found: list[Event],
                          used: set[int]) -> list[Event]:
        """Events the learned classifier finds in clause dyads that no frame covered."""
        if self.type_model is None:
            return []
        events: list[Event] = []
        for subj, obj, verb in candidate_dyads(sent):
            if verb.i in used or reads_as_no_event(verb, self.lexicon):
                continue  # that verb's act is already recorded from its frame, or is none
            src_span = doc[slice(*phrase_range(subj, with_conjuncts=False))]
            tgt_span = doc[slice(*phrase_range(obj, with_conjuncts=False))]
            if any(_covers(e, src_span, tgt_span) for e in found + events):
                continue
            label, score = self.type_model.best(self._dyad_probs(
                doc, (src_span.start_char, src_span.end_char),
                (tgt_span.start_char, tgt_span.end_char), triggers))
            if label == NO_EVENT or score < self.min_candidate_score:
                continue
            plover_type = split_yield(triggers, "") if label == "YIELD" else label
            sources = self._actors([subj], resolver)
            targets = self._actors([obj], resolver, patient=True)
            if not sources or not targets:
                continue
            act = _Act(plover_type, "", f"learned:{verb.lemma_.lower()}", verb,
                       plover_type in ("CONSULT", "COOPERATE"), score - 1.0, retype=False)
            events.extend(self._build(act, sources, targets, sent, article, doc, triggers))
        return events

    def _build(self, act: _Act, sources: list[Mention], targets: list[Mention], sent,
               article: Article, doc, triggers: list[Trigger]) -> list[Event]:
        """Records for every source-target pair of one act, with date, status and place."""
        date_ent = date_entity(act.token, sent, attached_only=act.own_date)
        date_text = date_ent.text if date_ent is not None else ""
        future_hint = looks_future(act.token) and not said_of_past(date_ent)
        date = resolve_date(date_text, article.published, future=future_hint) if date_text else None
        status = status_of(act.token, future_date=bool(date and is_future(date, article.published)))
        act, status = _as_rejection(act, status)
        if act.trigger in SPOKEN_THREATS and status in (Status.HYPOTHETICAL, Status.INTENDED):
            status = Status.ASSERTED  # "made clear the US would respond if Russia invaded"
        date = date or article.published.isoformat()
        location = location_of(act.token, sent)
        quad = self.lexicon.types[act.plover_type].quad_class
        sources = self._participants(doc, sources, quad, act.target_prep)
        targets = self._participants(doc, targets, quad, act.target_prep)
        pairs: list[tuple[Mention, Mention | None]] = []
        if act.among and 1 < len(sources) <= MAX_AMONG:
            # "Jordan and Britain agreed to hold exercises": an act between the two
            pairs = [(a, b) for a in sources for b in sources if a.actor != b.actor]
        if not pairs or any(t.actor.country for t in targets):
            for src in sources:
                others = [t for t in targets if not _same_actor(src.actor, t.actor) and not (
                    t.how == "place" and t.actor.country == src.actor.country)]
                if targets and not others and act.plover_type not in DYADIC_TYPES and all(
                        t.how in ("place", "metonym") for t in targets):
                    # "Thailand extended the curfew in Bangkok": a place of its own that force
                    # or a restriction falls on is the target; else the act has none ("Peru
                    # announced talks in Lima")
                    others = [as_place(t) for t in targets] if quad == MATERIAL_CONFLICT \
                        and act.plover_type != "MOBILIZE" else [None]  # troops at home: none
                for tgt in others if targets else [None]:
                    pairs.append((src, tgt))
                    if act.joint and tgt is not None and not thing_of(tgt):
                        pairs.append((tgt, src))  # not "Russian" (oil) agreeing back
        if not any(tgt for _, tgt in pairs) and act.plover_type in DYADIC_TYPES:
            return []  # a meeting or joint action needs a partner
        events = []
        day = event_day(date, article.published)
        pairs = [(as_acting_government(src), tgt) for src, tgt in pairs]
        typed = self._types(act, pairs, doc, status, triggers)
        for src, tgt in pairs:
            plover_type, mode = typed.get((src.start, tgt.start if tgt else -1),
                                          (act.plover_type, act.mode))
            if day is not None:  # people hold the office they held on the event's date
                src = person_as_of(self.kb, src, day)
                tgt = person_as_of(self.kb, tgt, day) if tgt is not None else None
            why = [self._rule_id(act)]
            if plover_type != act.plover_type:
                why.append(f"classifier:{plover_type}")  # the learned type overruled the rule
            if military_act(plover_type, mode, act.token) or \
                    military_act(act.plover_type, act.mode, act.token):
                before = src.actor
                src = as_military(self.kb, src)
                if plover_type == "COOPERATE" and tgt is not None:
                    tgt = as_military(self.kb, tgt)  # both armies hold a joint exercise
                if src.actor != before:
                    why.append("actor:military")
            if plover_type == "ASSAULT" and tgt is not None:
                tgt = military_site(doc, tgt)
            ptype = self.lexicon.types[plover_type]
            events.append(Event(
                article_id=article.id, source=src, target=tgt, plover_type=plover_type,
                cameo_root=ptype.cameo_root, quad_class=ptype.quad_class,
                intensity=ptype.intensity, status=status, date=date,
                evidence_start=sent.start_char, evidence_end=sent.end_char,
                trigger=act.trigger, mode=mode, location=location, coder=CODER_NAME,
                confidence=_confidence(src, tgt, act.bonus), why=tuple(why)))
        return events

    def _rule_id(self, act: _Act) -> str:
        """The id of the rule that proposed an act: a frames.yaml reading, a frame (type and
        trigger as written there), or the learned classifier on a clause no frame covered."""
        if act.trigger.startswith("learned:"):
            return act.trigger
        if any(row.id == act.trigger for row in self.lexicon.readings):
            return f"reading:{act.trigger}"
        return f"frame:{act.plover_type}:{act.trigger}"

    def _participants(self, doc, mentions: list[Mention], quad: int,
                      own_prep: str = "") -> list[Mention]:
        """The mentions that name who takes part, not where: places and regions as
        `standing.where_not_who` says, and a capital named as the venue ("agreed to meet at the
        Beijing Olympics", "talks in Geneva and Moscow"), unless the frame's own preposition
        introduces it ("arrived in Moscow" is a visit to Russia)."""
        return [m for m in mentions if not where_not_who(doc, m, quad)
                and not (quad != MATERIAL_CONFLICT and self._capital(m)
                         and in_locative_phrase(doc, m, own_prep))]

    def _capital(self, mention: Mention) -> bool:
        """Whether a metonym is a capital city (not a seat such as "the Kremlin")."""
        if mention.how != "metonym":
            return False
        matches = self.kb.countries_by_name(normalise(mention.text))
        return bool(matches) and matches[0].field == "capitals"

    def _types(self, act: _Act, pairs, doc, status: Status,
               triggers: list[Trigger]) -> dict[tuple[int, int], tuple[str, str]]:
        """(type, mode) per pair (keyed by source and target start), the classifier's where it
        overrules the frame; a joint act keeps the frame's type unless both ways agree."""
        typed: dict[tuple[int, int], tuple[str, str]] = {}
        if not act.retype:
            return typed
        for src, tgt in pairs:
            plover_type = self._retype(doc, src, tgt, act, status, triggers)
            mode = act.mode if plover_type == act.plover_type else ""
            typed[(src.start, tgt.start if tgt else -1)] = (plover_type, mode)
        if act.joint:
            for (a, b), kind in list(typed.items()):
                if typed.get((b, a), kind) != kind:
                    typed[(a, b)] = typed[(b, a)] = (act.plover_type, act.mode)
        return typed

    def _retype(self, doc, src: Mention, tgt: Mention | None, act: _Act, status: Status,
                triggers: list[Trigger]) -> str:
        """The learned classifier's type for this dyad where it is confident, else the frame's.
        A frame that names the act with its object ("deploy troops", "impose sanctions"), and
        any deployment, is turned from cooperation into conflict or back only when the
        classifier is all but sure (CROSS_POLARITY_SCORE): "troops arrived in Estonia" stays a
        mobilisation (the frames themselves make peacekeeping deployments aid)."""
        rule_type, mode = act.plover_type, act.mode
        if self.type_model is None:
            return rule_type
        probs = self._dyad_probs(doc, (src.start, src.end),
                                 (tgt.start, tgt.end) if tgt else None, triggers)
        label, score = self.type_model.best(probs, exclude=(NO_EVENT,))
        rule_label = to_plv(rule_type, mode)
        if rule_type == "AGREE" and mode == "formal" and status is Status.ASSERTED:
            rule_label = "SUPPORT"  # what PLV, on which the classifier learned, calls it
        rule_score = self.type_model.probability(probs, rule_label)
        if score < self.min_model_score or label == rule_label or \
                rule_score >= MAX_OVERRULED_SCORE:
            return rule_type
        rule_quad = self.lexicon.types[rule_type].quad_class
        if status is Status.DENIED and label == "REJECT" and rule_quad == MATERIAL_CONFLICT:
            return rule_type  # "rejected warnings of an invasion": the status says the denial
        if label == "AGREE" and status is Status.INTENDED and rule_quad in (1, 2):
            return rule_type  # an intended cooperative act is what PLV calls AGREE
        label_quad = self.lexicon.types[split_yield(triggers, rule_type)
                                         if label == "YIELD" else label].quad_class
        # "deploy troop"; and any deployment, which the frames already call aid where it
        # keeps the peace
        phrase = tuple(act.trigger.split()) in self.lexicon.phrases
        if phrase and rule_type == "MOBILIZE" and act.mode != "peacekeeping" and (
                label_quad <= 2 or act.trigger.split()[-1] in wordlist("exercise_words")):
            # "deployed warships near the shoal": forces named, never aid; "held joint drills
            # near the Ukrainian border": an exercise, never an attack
            return rule_type
        if phrase and label_quad != rule_quad and score < CROSS_POLARITY_SCORE:
            return rule_type  # "would hold exercises": a deed its object names, no words
        named = phrase or rule_type in ("MOBILIZE", "REQUEST") or act.mode == "peacekeeping"
        if named and (rule_quad <= 2) != (label_quad <= 2) and (
                score < CROSS_POLARITY_SCORE
                or act.trigger.split(" ")[0].split("_")[0] in wordlist("build_up_verbs")):
            return rule_type  # no build-up of forces is cooperation, however sure
        if any(t.token.i != act.token.i and t.frame.plover_type == label and any(
                src.start <= s.idx < src.end for s in t.sources) for t in triggers):
            # "spoke with Zelensky by phone and promised continued support": the classifier
            # reads the dyad, which the call's own word already records as CONSULT; the
            # promise stays a promise
            return rule_type
        if label == "YIELD":
            return split_yield(triggers, rule_type)
        return label

    def _targets(self, trig: Trigger, resolver: ActorResolver,
                 sources: list[Mention] = ()) -> tuple[list[Mention], bool]:
        """The first choice of target that names a known actor, or a name the knowledge base
        lacks in the first place ("went on strike against Freeport-McMoRan"), else the first
        choice; and whether the choice is such a name. A name or a role ("returned a mandate
        to President X") beats a thing chosen before it, but not by naming the source again
        ("will release two guards held by them": the guards)."""
        first: list[Mention] = []
        first_thing = False
        options = [o for o in [trig.targets, *trig.alternatives] if o]
        for n, option in enumerate(options):
            mentions = self._actors(option, resolver, patient=not trig.frame.joint)
            if mentions and sources and (first or n + 1 < len(options)) and all(
                    m.how not in ("place", "metonym")
                    and all(_same_actor(as_acting_government(s).actor, as_acting_government(m).actor)
                            # a leader threatening with their own state's act ("Lukashenko
                            # warned that Belarus would respond if the EU ..."): the EU
                            or (trig.frame.plover_type == "THREATEN"
                                and as_acting_government(s).actor.code ==
                                as_acting_government(m).actor.code)
                            for s in sources) for m in mentions):
                first = first or mentions  # the source itself: another option names a party
                continue
            # "seized the Iranian tanker": a country's ship stands for it, other things not;
            # "condemned the Israeli raid": nor does the maker of an act
            vessel = any(owned_vessel(h) for h in option) or all(
                h.dep_ in ("amod", "compound") and h.ent_type_ in ("NORP", "ORG")
                and names_an_act(h.head, self.lexicon) for h in option)
            if any(m.actor.country and (vessel or not thing_of(m)) for m in mentions):
                # "voiced support on a visit for X": no thing beside an actor
                return [m for m in mentions if m.actor.country or m.actor.role
                        or m.how != "unresolved"], False
            named = any(h.pos_ == "PROPN" or h.ent_type_ in NAMED_TARGETS for h in option) \
                and not all(thing_of(m) for m in mentions)  # "Russian oil" names no one
            if mentions and (not first or first_thing) and (
                    named or any(m.actor.role for m in mentions)):
                return mentions, named
            if not first and mentions:
                first = mentions
                # "its owners", "the victims' families" are people, no thing a name beats
                first_thing = all(m.how == "unresolved" for m in mentions) and not any(
                    h.lemma_.lower() in OTHER_PEOPLE for h in option)
        return first, False

    def _actors(self, heads: list, resolver: ActorResolver, *,
                patient: bool = False) -> list[Mention]:
        """Mentions for argument heads; `patient` keeps unresolved noun phrases too."""
        found: list[Mention] = []
        for head in heads:
            if head.idx < resolver.skip_before:
                continue  # the dateline says where the story was filed, not who acted
            start, end = phrase_range(head)
            start = resolver.after_dateline(start, end)
            mentions = resolver.resolve_range(start, end, remember=False)
            if not mentions:
                unresolved = resolver.head_mention(head, any_noun=patient)
                mentions = [unresolved] if unresolved else []
            mentions = without_appositive_places(head, mentions)
            for mention in mentions:
                if not any(_same_actor(mention.actor, m.actor) for m in found):
                    found.append(mention)
        return found


def _third_party(sources: list[Mention], targets: list[Mention]) -> bool:
    """Whether an act's targets name a country or organisation none of its sources is."""
    return any(t.actor.country and not any(
        _same_actor(as_acting_government(s).actor, as_acting_government(t).actor) for s in sources)
        for t in targets)


def _as_in_events(mentions: list[Mention], events: list[Event]) -> list[Mention]:
    """Mentions with the role their events gave them ("North Korea" firing a missile is
    PRK:MIL; "Barack Obama" signing a treaty in 2010 is USA:GOV); the first event wins."""
    changed: dict[tuple[int, int], Actor] = {}
    for event in events:
        for side in (event.source, event.target):
            if side is not None:
                changed.setdefault((side.start, side.end), side.actor)
    # "both sides" is two mentions of one span with two actors: neither takes an event's role
    shared = Counter((start, end) for start, end, _ in {(m.start, m.end, m.actor.code)
                                                        for m in mentions})
    out = []
    for mention in mentions:
        actor = changed.get((mention.start, mention.end))
        if actor is not None and actor != mention.actor and actor.country == mention.actor.country \
                and actor.name == mention.actor.name and shared[(mention.start, mention.end)] == 1:
            mention = replace(mention, actor=actor)
        out.append(mention)
    return out


def _agreed_on(verb) -> list[str]:
    """What an agreement verb settles, by its to/on object or what that is of: "agreed to a
    trade deal", "agreed on the text of a treaty" (the words then give the mode)."""
    things = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "on", "upon")
              for p in c.children if p.dep_ == "pobj"]
    things += [p for t in things for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
               for p in c.children if p.dep_ == "pobj"]
    return [t.lemma_.lower() for t in things]


def _as_rejection(act: _Act, status: Status) -> tuple[_Act, Status]:
    """A failed agreement ("failed to strike a bargain": a rejection between the parties) or a
    refusal to yield ("will not call off the walkout") is the REJECT it amounts to, asserted; any
    other act keeps its type and status."""
    if status is not Status.DENIED:
        return act, status
    if _failed_agreement(act):
        return replace(act, plover_type="REJECT", mode="", trigger=f"fail {act.trigger}",
                       retype=False, among=True), Status.ASSERTED
    if act.plover_type in REFUSABLE_TYPES and _refusal(act.token, act.trigger):
        # who refuses rejects the other: "Putin will not meet Zelensky" is one way
        return replace(act, plover_type="REJECT", mode="", trigger=f"not {act.trigger}",
                       retype=False, joint=False, among=False), Status.ASSERTED
    return act, status


def _failed_agreement(act: _Act) -> bool:
    """Whether an agreement is what "failed to" governs ("failed to strike a bargain")."""
    governor = complement_governor(act.token)
    if governor is None or governor.lemma_.lower() not in wordlist("fail_verbs"):
        return False
    return act.plover_type == "AGREE" or act.token.lemma_.lower() in ("agree", "reach")


def _refusal(token, trigger: str = "") -> bool:
    """Whether a negated act is refused rather than reported as not done: "will not end the
    strike", "won't lift the sanctions", "will not begin talks until ..." (CAMEO 12: refusing
    to yield, to meet or to cooperate is a PLOVER REJECT); a permission not given is refused
    whatever the tense ("did not give permission for the rally")."""
    # the act's own "not" ("did not say she would resign" refuses nothing) and a will/would
    children = list(token.children)
    if not any(c.dep_ == "neg" for c in children):
        return False
    return any(c.dep_ == "aux" and c.lower_ in ("will", "wo", "would", "shall")
               for c in children) or any(w in wordlist("permission_words") for w in trigger.split())


def _same_actor(a: Actor, b: Actor) -> bool:
    """Whether two actors are one for the purpose of an event (no one acts on themselves)."""
    if not a.country or a.country != b.country:
        return a == b and bool(a.country or a.name)
    if len(a.country) != 3 or not a.country.isalpha():
        return True  # one organisation ("NATO" and "the alliance")
    if a.name != b.name and (a.name or b.name):
        # two people of one government ("Biden called Blinken"), a leader and their
        # government ("Merkel defended Germany's decision"), a former office holder and the
        # state ("police held the nephews of former president Ben Ali")
        return False
    # "Russia" and "the Russian government" are one actor; rebels and their country are not
    return a.role == b.role or (not a.role and b.role == "GOV") or (not b.role and a.role == "GOV")


def _placed(doc, event: Event, country: str) -> Event:
    """The event with a side of no stated country (a role, or a name the knowledge base lacks)
    placed in the country its sentence or article is about (`actors.roles.in_context`)."""
    source = in_context(doc, event.source, country)
    target = in_context(doc, event.target, country) if event.target is not None else None
    if source is event.source and target is event.target:
        return event
    return replace(event, source=source, target=target,
                   why=(*event.why, "actor:context-country"))


def _confidence(src: Mention, tgt: Mention | None, bonus: float) -> float:
    """Higher when both actors are known and a verb frame (not a noun or a guess) fired."""
    score = 0.5 + bonus
    if src.actor.country:
        score += 0.2
    if tgt is not None and tgt.actor.country:
        score += 0.2
    return round(max(0.05, min(score, 1.0)), 2)


@dataclass(frozen=True, slots=True)
class _Act:
    """What one trigger or classified clause says happened, before actors are paired."""

    plover_type: str
    mode: str
    trigger: str
    token: object  # the word the status and date hang on
    joint: bool
    bonus: float  # confidence adjustment: +0.1 for a verb frame, below 0 for a learned guess
    retype: bool = True
    among: bool = False  # coordinated sources act with one another (joint, or agreed together)
    own_date: bool = False  # dated only by a date attached to its own word
    target_prep: str = ""  # the preposition the frame's target follows ("arrive +in")


def _covers(event: Event, src_span, tgt_span) -> bool:
    """Whether an event already records the dyad of these two spans (either direction)."""
    if event.target is None:
        return False
    a = (event.source.start, event.source.end)
    b = (event.target.start, event.target.end)
    s = (src_span.start_char, src_span.end_char)
    t = (tgt_span.start_char, tgt_span.end_char)
    hit = lambda x, y: x[0] < y[1] and y[0] < x[1]  # noqa: E731
    return (hit(a, s) and hit(b, t)) or (hit(a, t) and hit(b, s))
