"""Where each event happened: the place its text names, resolved against the gazetteer.

For each event, in this order (docs/places.md):

1. `trigger` — a place attached to the event's word: the coder's `location` ("met in
   Beijing"), another in/at/near phrase on the trigger or the verb it hangs on ("launched an
   attack on the port in Odesa"), or, for an attack, the city or region it struck ("shelled
   Kharkiv");
2. `clause` — a place named with in/at/near in the clause of the trigger;
3. `dateline` — the article's dateline ("KYIV, Ukraine —"), when its country is the
   event's source's or target's;
4. `actor-country` — no place in the text: the target's, else the source's country, at
   precision `country`. Never a city.

A name the gazetteer does not know leaves the event text-only (no place, no fallback); a name
followed by an event or body noun ("the Beijing Winter Olympics") is no place. Ambiguous
names resolve to the reading in the event's countries, then the article's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from eventlens.actors.gazetteer import Gazetteer, GazetteerPlace, place_words
from eventlens.model import ArticleResult, Event, Place
from eventlens.nlp.datelines import dateline_end

# Event types whose target, when it is a city or region, is where the act happened.
_STRUCK_TYPES = frozenset({"ASSAULT"})
# Kinds of reading that name a spot on the map, not a government: a struck capital counts.
_PLACE_KINDS = frozenset({"capital", "city", "region", "disputed", "rival", "adm1"})


class _Unresolved(Exception):
    """A phrase names a place the gazetteer does not know: the event stays text-only."""


def place_events(doc, result: ArticleResult, gazetteer: Gazetteer) -> ArticleResult:
    """`result` with each event's `place` set (or left None where the text names a place the
    gazetteer does not know, or the event has no country to fall back on). `doc` is the
    parse of `result.article.text`."""
    if not result.events:
        return result
    words = place_words()
    context = [c for c, _ in Counter(m.actor.country for m in result.mentions
                                     if gazetteer.country(m.actor.country)).most_common()]
    dateline = _dateline_place(result.article.text, gazetteer, context)
    events = tuple(replace(ev, place=_place_of(doc, ev, gazetteer, words, context, dateline))
                   for ev in result.events)
    return replace(result, events=events)


def _place_of(doc, ev: Event, gazetteer: Gazetteer, words: dict, context: list[str],
              dateline: GazetteerPlace | None) -> Place | None:
    actors = [m.actor.country for m in (ev.target, ev.source)
              if m is not None and gazetteer.country(m.actor.country)]
    countries = [*actors, *context]
    sent = doc.char_span(ev.evidence_start, ev.evidence_end, alignment_mode="expand")
    try:
        if sent is not None and len(sent):
            trigger = _trigger_token(sent, ev)
            found = _attached(doc, ev, sent, trigger, gazetteer, words, countries)
            if found is not None:
                return _as_place(found, "trigger")
            found = _in_clause(sent, trigger, ev, gazetteer, words, countries)
            if found is not None:
                return _as_place(found, "clause")
    except _Unresolved:
        return None
    if dateline is not None and (not actors or dateline.country in actors):
        return _as_place(dateline, "dateline")
    for country in actors:
        return _as_place(gazetteer.country(country), "actor-country")
    return None


def _as_place(found: GazetteerPlace, how: str) -> Place:
    return Place(found.name, found.country, found.lat, found.lon, found.precision, how,
                 found.geonameid, found.adm1, found.adm1_name)


def _trigger_token(sent, ev: Event):
    """The token of the event's trigger in its sentence: of the words whose lemma or form is
    the trigger's first word, the nearest the event's actors; else the sentence's root."""
    first = (ev.trigger or "").split(" ")[0].lower()
    hits = [t for t in sent if first and (t.lemma_.lower() == first or t.lower_ == first)]
    if not hits:
        return sent.root
    anchor = ev.source.start if ev.source is not None else sent.start_char
    return min(hits, key=lambda t: abs(t.idx - anchor))


def _attached(doc, ev: Event, sent, trigger, gazetteer, words, countries):
    """A place attached to the trigger (see the module doc), or None."""
    phrases = []
    if ev.location:
        span = _find_text(sent, ev.location)
        if span is not None:
            phrases.append(span)
    holders = [trigger]
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubjpass", "nsubj", "attr"):
        holders.append(trigger.head)  # "launched an attack ... in Odesa"
    for holder in holders:
        phrases += [p for p in _locative_phrases(holder, words) if p not in phrases]
    found = _first_resolved(phrases, gazetteer, words, countries)
    if found is not None or ev.plover_type not in _STRUCK_TYPES or ev.target is None:
        return found
    struck = doc.char_span(ev.target.start, ev.target.end, alignment_mode="expand")
    if struck is None or struck.start < sent.start or struck.end > sent.end:
        return None
    place = gazetteer.resolve(struck.text, countries=countries)
    return place if place is not None and place.kind in _PLACE_KINDS else None


def _in_clause(sent, trigger, ev: Event, gazetteer, words, countries):
    """A place named with a locative preposition in the trigger's clause: on a verb the
    trigger hangs on or that hangs on it (not through a relative clause), outside the event's
    actor mentions. A phrase on a noun ("a pause in the fighting in Gaza") places that noun's
    act, not this one."""
    chain = {trigger.i, *(t.i for t in trigger.ancestors)}
    phrases = []
    for token in sent:
        if token.dep_ != "prep" or token.lower_ not in words["locative_prepositions"]:
            continue
        verb = token.head
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        below = trigger.i in {t.i for t in verb.ancestors} and verb.dep_ != "relcl"
        if verb.i not in chain and not below:
            continue
        phrases += [p for p in _phrases_of(token, words)
                    if not _inside_actor(p, ev) and p not in phrases]
    return _first_resolved(phrases, gazetteer, words, countries)


def _inside_actor(span, ev: Event) -> bool:
    return any(m is not None and m.start <= span.start_char < m.end
               for m in (ev.source, ev.target))


def _locative_phrases(holder, words) -> list:
    out = []
    for child in holder.children:
        if child.dep_ == "prep" and child.lower_ in words["locative_prepositions"]:
            out += _phrases_of(child, words)
    return out


def _phrases_of(prep, words) -> list:
    """The place entities a preposition introduces: its object's entity, or the entity of
    "the city of X", "the region of X"."""
    out = []
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        ent = _entity(pobj, words)
        if ent is None:  # "in the city of Kharkiv", "in the Kherson region"
            for child in pobj.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    ent = next((_entity(g, words) for g in child.children
                                if g.dep_ == "pobj"), None)
            if ent is None:
                ent = next((_entity(c, words) for c in pobj.children
                            if c.dep_ == "compound"), None)
        if ent is not None:
            out.append(ent)
    return out


def _entity(token, words):
    """The place entity `token` belongs to, or None (no entity, another label)."""
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if ent is None or ent.label_ not in [w.upper() for w in words["place_labels"]]:
        return None
    return ent


def _first_resolved(phrases, gazetteer, words, countries):
    """The first phrase's place; a phrase that is no place (an event or body noun after the
    name) is skipped; one the gazetteer does not know stops the search."""
    for span in phrases:
        if _is_non_place(span, words):
            continue
        place = gazetteer.resolve(span.text, countries=countries)
        if place is None:
            raise _Unresolved(span.text)
        return place
    return None


def _is_non_place(span, words) -> bool:
    after = span.doc[span.end] if span.end < len(span.doc) else None
    heads = words["non_place_heads"]
    return span[-1].lower_ in heads or (after is not None and after.lower_ in heads)


def _find_text(sent, text: str):
    """The span of `text` in the sentence (the coder's location as written), or None."""
    at = sent.text.find(text)
    if at < 0:
        return None
    start = sent.start_char + at
    return sent.doc.char_span(start, start + len(text), alignment_mode="expand")


def _dateline_place(text: str, gazetteer: Gazetteer, context: list[str]):
    """The place of the article's dateline ("KYIV, Ukraine —"; a country after the city
    settles an ambiguous name: "TRIPOLI, Lebanon —"), or None."""
    end = dateline_end(text)
    if not end:
        return None
    head = text[:end]
    for stop in ("(", "—", "–", " - ", "--", ":"):
        head = head.split(stop)[0]
    parts = [p.strip() for p in head.split(",")]
    named = gazetteer.resolve(parts[1]) if len(parts) > 1 and parts[1] else None
    if named is not None and named.precision == "country":
        context = [named.country, *context]
    name = parts[0].title()
    return gazetteer.resolve(name, countries=context) if name else None
