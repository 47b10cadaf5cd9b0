"""Where each event happened: the place its text names, resolved against the gazetteer.

For each event, in this order (docs/places.md):

1. `trigger` — a place attached to the event's word: the coder's `location` ("met in
   Beijing"), an in/at/near phrase on the trigger or on the verb its noun hangs on
   ("launched an attack ... in Odesa"), for an attack or a raid the city or region it struck
   ("shelled Kharkiv", "raided Jenin"), then an in/at/near phrase on a noun of the trigger's
   clause ("arrested protesters in Tbilisi");
2. `clause` — an in/at/near phrase on a verb the trigger hangs on ("said in Kyiv that ...")
   or on a to-infinitive below it ("agreed to meet in Geneva");
3. `dateline` — the article's dateline ("KYIV, Ukraine —"), when the event's source is of
   the dateline's country (the reporter's city is where that side acts, not its foes);
4. `actor-country` — no place in the text: the target's, else the source's country, at
   precision `country`. Never a city.

A name the gazetteer does not know leaves the event text-only (no place, no fallback); a name
followed by an event or body noun ("the Beijing Winter Olympics") is no place. An ambiguous
name resolves to its reading in the event's countries, the source's first ("arrested
protesters in Georgia" by US police; an actor named by the place itself aside), then the
article's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from eventlens.actors.gazetteer import Gazetteer, GazetteerPlace, place_words
from eventlens.actors.phrases import document_entities
from eventlens.model import ArticleResult, Event, Mention, Place
from eventlens.nlp.datelines import dateline_end

# Event types whose target, when it is a city or region, is where the act happened.
_STRUCK_TYPES = frozenset({"ASSAULT", "COERCE"})
# Kinds of reading that name a spot on the map, not a government: a struck capital counts.
_PLACE_KINDS = frozenset({"capital", "city", "region", "disputed", "rival", "adm1"})
# Dependencies through which a phrase belongs to another clause's act.
_OTHER_CLAUSE = frozenset({"relcl", "acl", "advcl", "ccomp", "pcomp", "csubj"})
# Ranks of a candidate phrase, closest first; the last is a clause's place.
_ON_TRIGGER, _STRUCK, _ON_NOUN, _IN_CLAUSE = range(4)


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
    # the side that acts first: police arrest, troops raid, where they are
    sides = [m for m in (ev.source, ev.target)
             if m is not None and gazetteer.country(m.actor.country)]
    sent = doc.char_span(ev.evidence_start, ev.evidence_end, alignment_mode="expand")
    if sent is not None and len(sent):
        trigger = _trigger_token(sent, ev)
        for rank, span, sure in _candidates(doc, ev, sent, trigger, words):
            if _is_non_place(span, words):
                continue
            countries = [m.actor.country for m in sides if not _overlaps(m, span)]
            found = gazetteer.resolve(span.text, countries=countries, context=context)
            if rank == _STRUCK and (found is None or found.kind not in _PLACE_KINDS):
                continue  # the target is people or a government, not a place
            if found is None and sure:
                return None  # a place the gazetteer does not know: text-only
            if found is None:
                continue
            return _as_place(found, "clause" if rank == _IN_CLAUSE else "trigger")
    source = ev.source.actor.country if ev.source is not None else ""
    if dateline is not None and dateline.country == source:
        return _as_place(dateline, "dateline")
    for side in (ev.target, ev.source):
        if side is not None and gazetteer.country(side.actor.country):
            return _as_place(gazetteer.country(side.actor.country), "actor-country")
    return None


def _overlaps(mention: Mention, span) -> bool:
    return mention.start < span.end_char and span.start_char < mention.end


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


def _candidates(doc, ev: Event, sent, trigger, words) -> list[tuple[int, object, bool]]:
    """The sentence's place phrases that may say where the event happened, closest first:
    (rank, span, sure), `sure` when an unknown name is still a place (see `_phrases_of`)."""
    holders = {trigger.i}
    if trigger.pos_ == "NOUN" and trigger.head.pos_ in ("VERB", "AUX"):
        holders.add(trigger.head.i)  # "launched an attack ... in Odesa"
    chain = {trigger.i, *(t.i for t in trigger.ancestors)}
    out: list[tuple[int, object, bool]] = []
    if ev.location:
        span = _find_text(sent, ev.location)
        if span is not None:
            out.append((_ON_TRIGGER, span, True))
    if ev.plover_type in _STRUCK_TYPES:
        struck = [doc.char_span(ev.target.start, ev.target.end, alignment_mode="expand")
                  if ev.target is not None else None]
        struck += [f[0] for c in trigger.children if c.dep_ == "dobj"
                   for f in [_named(c, words)] if f]
        out += [(_STRUCK, s, False) for s in struck
                if s is not None and sent.start <= s.start and s.end <= sent.end]
    for token in sent:
        # "off Crimea" may parse as a particle with an object
        if token.dep_ not in ("prep", "prt") or \
                token.lower_ not in words["locative_prepositions"]:
            continue
        rank = _rank(token, holders, chain)
        if rank is not None:
            out += [(rank, span, sure) for span, sure in _phrases_of(token, words)]
    out.sort(key=lambda item: (item[0], abs(item[1].start - trigger.i)))
    return out


def _rank(prep, holders: set[int], chain: set[int]) -> int | None:
    """How closely a locative preposition belongs to the trigger, or None (another act's)."""
    if prep.head.i in holders:
        return _ON_TRIGGER
    token, via_noun = prep.head, False
    while token.pos_ not in ("VERB", "AUX"):
        if token.dep_ in _OTHER_CLAUSE or token.head.i == token.i:
            return None
        token, via_noun = token.head, True
    if token.i in holders:
        return _ON_NOUN if via_noun else _ON_TRIGGER
    if token.i in chain or (token.dep_ == "xcomp" and token.head.i in chain):
        return _IN_CLAUSE
    return None


def _phrases_of(prep, words) -> list:
    """The place phrases a preposition introduces, as (span, sure): its object's entity, or
    that of "the city of X" or "the Kherson region". `sure` when the parser labels it a
    place; an unlabelled or otherwise labelled proper noun ("Kyiv", "Kramatorsk" the small
    model misses) is tried on the gazetteer and skipped when it is unknown."""
    out = []
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        found = _named(pobj, words)
        if found is None:  # "in the city of Kharkiv", "in the Kherson region"
            inner = [g for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"]
            inner += [c for c in pobj.children if c.dep_ == "compound"]
            found = next((f for f in map(lambda t: _named(t, words), inner) if f), None)
        if found is not None:
            out.append(found)
    return out


def _named(token, words):
    """(span, sure) of the name `token` is part of, or None when it is no proper noun."""
    ent = next((e for e in document_entities(token.doc) if e.start <= token.i < e.end), None)
    labels = [w.upper() for w in words["place_labels"]]
    if ent is not None and ent.label_ in labels:
        return ent, True
    if token.pos_ != "PROPN":
        return None
    start = token.i
    while start > 0 and token.doc[start - 1].pos_ == "PROPN" and \
            token.doc[start - 1].head.i == token.i:
        start -= 1
    return token.doc[start:token.i + 1], False


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
