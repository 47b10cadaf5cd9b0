"""The default coder: verb and noun frames, arguments from the dependency parse, status from modality."""

from __future__ import annotations


from eventlens.actors.resolver import ActorResolver, phrase_range
from eventlens.coding.lexicon import ONE_SIDED_MODES, Lexicon, load_lexicon
from eventlens.coding.modality import complement_governor, governing_chain, status_of
from eventlens.coding.quotes import find_quotes
from eventlens.coding.triggers import COMMIT_VERBS, GOVERNING_TYPES, Trigger, find_triggers
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status
from eventlens.nlp.dates import is_future, resolve_date

# Types that always involve a second party: without one, nothing is recorded.
DYADIC_TYPES = frozenset({"CONSULT", "COOPERATE"})
CODER_NAME = "linguistic"
CODER_VERSION = "0.1.0"


class LinguisticCoder:
    """Codes PLOVER events from a parsed article with frames and the dependency parse."""

    name = CODER_NAME
    version = CODER_VERSION

    def __init__(self, *, kb=None, lexicon: Lexicon | None = None) -> None:
        if kb is None:
            from eventlens.actors.kb import load_knowledge_base

            kb = load_knowledge_base()
        self.kb = kb
        self.lexicon = lexicon or load_lexicon()

    def code(self, doc, article: Article) -> ArticleResult:
        """Events, quotes and actor mentions of one article, with evidence offsets."""
        resolver = ActorResolver(self.kb, doc, article.published)
        events: list[Event] = []
        mentions: list[Mention] = []
        for sent in doc.sents:
            mentions.extend(resolver.read_sentence(sent))
            for trig in self._kept_triggers(sent):
                events.extend(self._events_for(trig, sent, resolver, article))
        quotes = find_quotes(doc, article, resolver)
        sentences = tuple((s.start_char, s.end_char) for s in doc.sents)
        return ArticleResult(article, tuple(_dedupe(events)), tuple(quotes), tuple(mentions),
                             sentences)

    # -- triggers -----------------------------------------------------------------------------
    def _kept_triggers(self, sent) -> list[Trigger]:
        """Triggers after folding "agreed to meet" into the meeting and "threatened to strike"
        into the threat."""
        triggers = find_triggers(sent, self.lexicon)
        by_token = {t.token.i: t for t in triggers}
        dropped: set[int] = set()
        for trig in triggers:
            outer_tok = complement_governor(trig.token)
            outer = by_token.get(outer_tok.i) if outer_tok is not None else None
            if outer is not None and outer is not trig:
                if outer.frame.plover_type in GOVERNING_TYPES:
                    dropped.add(trig.token.i)
                    if not outer.targets:
                        outer.targets = trig.targets
                elif outer_tok.lemma_.lower() in COMMIT_VERBS or outer.frame.plover_type == "AGREE":
                    dropped.add(outer_tok.i)
                    trig.governor = outer_tok
                    if not trig.targets:
                        trig.targets = outer.targets
        return [t for t in triggers if t.token.i not in dropped]

    # -- events -------------------------------------------------------------------------------
    def _events_for(self, trig: Trigger, sent, resolver: ActorResolver,
                    article: Article) -> list[Event]:
        sources = self._actors(trig.sources, resolver)
        targets = self._targets(trig, resolver)
        if not sources:
            return []
        frame = trig.frame
        ptype = self.lexicon.types[frame.plover_type]
        mode = self.lexicon.mode_for(frame.plover_type,
                                     trig.words + [c.lemma_.lower() for c in trig.token.children])
        date_text = _date_expression(trig.token, sent)
        future_hint = _looks_future(trig.token)
        date = resolve_date(date_text, article.published, future=future_hint) if date_text else None
        status = status_of(trig.token, future_date=bool(date and is_future(date, article.published)))
        date = date or article.published.isoformat()
        location = _location(trig.token, sent)
        pairs: list[tuple[Mention, Mention | None]] = []
        joint = frame.joint and mode not in ONE_SIDED_MODES
        if joint and len(sources) > 1 and not any(t.actor.country for t in targets):
            pairs = [(a, b) for a in sources for b in sources if a.actor != b.actor]
        else:
            for src in sources:
                for tgt in targets or [None]:
                    if tgt is not None and _same_actor(src.actor, tgt.actor):
                        continue
                    pairs.append((src, tgt))
                    if joint and tgt is not None:
                        pairs.append((tgt, src))
        if not any(tgt for _, tgt in pairs) and frame.plover_type in DYADIC_TYPES:
            return []  # a meeting or joint action needs a partner
        events = []
        for src, tgt in pairs:
            src = _as_source(src)
            events.append(Event(
                article_id=article.id, source=src, target=tgt, plover_type=frame.plover_type,
                cameo_root=ptype.cameo_root, quad_class=ptype.quad_class,
                intensity=ptype.intensity, status=status, date=date,
                evidence_start=sent.start_char, evidence_end=sent.end_char,
                trigger=frame.trigger, mode=mode, location=location, coder=CODER_NAME,
                confidence=_confidence(src, tgt, trig)))
        return events

    def _targets(self, trig: Trigger, resolver: ActorResolver) -> list[Mention]:
        """The first choice of target that names a known actor, else the first choice."""
        first: list[Mention] = []
        for option in [trig.targets, *trig.alternatives]:
            if not option:
                continue
            mentions = self._actors(option, resolver, patient=not trig.frame.joint)
            if any(m.actor.country for m in mentions):
                return mentions
            first = first or mentions
        return first

    def _actors(self, heads: list, resolver: ActorResolver, *,
                patient: bool = False) -> list[Mention]:
        """Mentions for argument heads; `patient` keeps unresolved noun phrases too."""
        found: list[Mention] = []
        for head in heads:
            start, end = phrase_range(head)
            mentions = resolver.resolve_range(start, end, remember=False)
            if not mentions:
                unresolved = resolver.head_mention(head, any_noun=patient)
                mentions = [unresolved] if unresolved else []
            for mention in mentions:
                if not any(_same_actor(mention.actor, m.actor) for m in found):
                    found.append(mention)
        return found


def _same_actor(a: Actor, b: Actor) -> bool:
    """Whether two actors are one for the purpose of an event (no one acts on themselves)."""
    if not a.country or a.country != b.country:
        return a == b and bool(a.country or a.name)
    return a.role == b.role or not a.role or not b.role


def _as_source(mention: Mention) -> Mention:
    """A country named as the one who acts is its government (Russia said -> RUS:GOV)."""
    actor = mention.actor
    if actor.country and not actor.role and len(actor.country) == 3 and actor.country.isupper() \
            and mention.how in ("country", "adjective"):
        return Mention(mention.start, mention.end, mention.text,
                       Actor(actor.country, "GOV", actor.name), mention.how)
    return mention


def _confidence(src: Mention, tgt: Mention | None, trig: Trigger) -> float:
    score = 0.5
    if src.actor.country:
        score += 0.2
    if tgt is not None and tgt.actor.country:
        score += 0.2
    if not trig.noun:
        score += 0.1
    return round(score, 2)


def _date_expression(token, sent) -> str:
    """The date entity nearest the trigger in its sentence, preferring one attached to it."""
    dates = [e for e in sent.ents if e.label_ == "DATE"]
    if not dates:
        return ""
    attached = [e for e in dates if any(t.head.i == token.i or t.head.head.i == token.i for t in e)]
    chosen = attached[0] if attached else min(dates, key=lambda e: abs(e.start - token.i))
    return chosen.text


def _looks_future(token) -> bool:
    chain = [token, *governing_chain(token)]
    for verb in chain[:3]:
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if aux & {"will", "shall", "'ll"}:
            return True
        if verb.lemma_.lower() in COMMIT_VERBS | {"plan", "intend", "schedule", "expect", "prepare"}:
            return True
    return False


def _location(token, sent) -> str:
    """A place named with in/at/near next to the trigger, when it names no actor."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "at", "near", "outside"):
            for pobj in child.children:
                if pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                    ent = next((e for e in sent.ents if e.start <= pobj.i < e.end), None)
                    return ent.text if ent else pobj.text
    return ""


def _dedupe(events: list[Event]) -> list[Event]:
    """One record per (source, type, target, status, sentence); the most confident wins."""
    best: dict[tuple, Event] = {}
    for event in events:
        key = (event.source.actor.code, event.source.start, event.plover_type,
               event.target.actor.code if event.target else "",
               event.target.start if event.target else -1, event.evidence_start,
               event.status, event.date)
        if key not in best or event.confidence > best[key].confidence:
            best[key] = event
    return list(best.values())


