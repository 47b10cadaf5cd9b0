"""Who an actor is in the act at hand: the rewrites of a resolved mention that depend on what
the actor does and when (a country firing missiles is its military; a person holds the office
of the event's date; a country that acts is its government; a capital where something falls
is the city). The coder calls these; they read only the mention, the parse and the knowledge
base."""

from __future__ import annotations

import functools
from dataclasses import replace

from eventlens.actors.words import country_like, normalise, placed_elsewhere, word_set
from eventlens.model import Actor, Mention

# A country named alone by these forms and acting by force is its military.
MILITARY_FIELDS = frozenset({"name", "aliases", "adjectives", "capitals", "iso3"})
# Places armed forces hold: "shells fired at Israeli positions" strike Israel's military.
MILITARY_SITE_WORDS = word_set("military_site_words")


def person_as_of(kb, mention: Mention, day) -> Mention:
    """A person's actor as of an event date other than the publication date: "the treaty
    Barack Obama signed in 2010" is USA:GOV, though he was out of office when it ran."""
    actor = mention.actor
    if not actor.name or kb.country_by_code(actor.country) is None:
        return mention
    held = kb.people_named(actor.name)
    if not any(r.country == actor.country for r in held):
        return mention  # not a person the knowledge base knows
    roles = [r for r in kb.person_roles_on(actor.name, day)
             if r.country == actor.country]
    role = roles[0].role if roles else ""
    if role == actor.role:
        return mention
    return replace(mention, actor=Actor(actor.country, role, actor.name))


def as_military(kb, mention: Mention) -> Mention:
    """A country (or its capital, or its adjective) that fires, strikes, deploys or
    withdraws troops acts as its military: "North Korea fired a missile" is PRK:MIL.
    Seats of government ("the Kremlin") and named people keep their role."""
    actor = mention.actor
    if actor.role != "GOV" or actor.name:
        return mention
    matches = kb.countries_by_name(normalise(mention.text))
    if not matches or matches[0].field not in MILITARY_FIELDS:
        return mention  # "Israel's security cabinet" is the government at war
    return replace(mention, actor=Actor(actor.country, "MIL", actor.name))


def military_site(doc, mention: Mention) -> Mention:
    """A country's base or positions attacked ("rockets fired at Israeli positions") stand
    for its military."""
    actor = mention.actor
    if actor.role or actor.name or not actor.country:
        return mention
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return mention
    root = span.root
    site = root if root.dep_ not in ("amod", "compound", "poss") else root.head
    if site.lemma_.lower() not in MILITARY_SITE_WORDS:
        return mention
    return replace(mention, actor=Actor(actor.country, "MIL"))


def as_place(mention: Mention) -> Mention:
    """A capital named as where something falls ("the curfew in Bangkok") is the city, not
    the government it stands for elsewhere."""
    if mention.how != "metonym":
        return mention
    return replace(mention, actor=Actor(mention.actor.country, "", mention.actor.name),
                   how="place")


def as_acting_government(mention: Mention) -> Mention:
    """A country named as the one who acts is its government (Russia said -> RUS:GOV)."""
    actor = mention.actor
    if actor.country and not actor.role and country_like(actor.country) \
            and mention.how in ("country", "adjective"):
        return Mention(mention.start, mention.end, mention.text,
                       Actor(actor.country, "GOV", actor.name), mention.how)
    return mention


# A side with one of these roles, or a name the knowledge base lacks, is an actor of
# somewhere; plain nouns resolved to nothing ("the findings") are not actors at all.
NAMED_ENTITY_LABELS = frozenset({"ORG", "PERSON", "NORP"})

CONTEXT_TAG = "+context"


def context_country(sentence_mentions: list[Mention], article_mentions: list[Mention]) -> str:
    """The country an actor of no stated country belongs to: the one country the sentence
    names, else the country that most of the article's resolved mentions (at least two, and
    more than half) belong to; "" where neither is clear. Organisations do not count."""
    def countries(mentions):
        return [m.actor.country for m in mentions
                if country_like(m.actor.country) and m.how not in ("organisation",)]
    here = set(countries(sentence_mentions))
    if len(here) == 1:
        return here.pop()
    seen = countries(article_mentions)
    if len(seen) >= 2:
        top = max(set(seen), key=seen.count)
        if seen.count(top) * 2 > len(seen) and (not here or top in here):
            return top
    return ""


def in_context(doc, mention: Mention, country: str) -> Mention:
    """A side with a role but no country ("police", "the court", "farmers") or a name the
    knowledge base lacks ("Siemens", "the ACLU") placed in the context's country; anything
    else as it is."""
    actor = mention.actor
    half = "" if actor.country else _divided_half(doc, mention.text, country)
    if half:  # "South Korea urged the North to return to talks": the other half
        return replace(mention, actor=Actor(half, "GOV", ""), how=f"{mention.how}{CONTEXT_TAG}")
    if actor.country or not country:
        return mention
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is not None and placed_elsewhere(span.root):
        return mention
    if not actor.role and (span is None or not (span.root.pos_ == "PROPN"
                                                or span.root.ent_type_ in NAMED_ENTITY_LABELS)):
        return mention
    return replace(mention, actor=Actor(country, actor.role, actor.name),
                   how=f"{mention.how}{CONTEXT_TAG}")


def _divided_half(doc, text: str, country: str) -> str:
    """The half of a divided country "the North" or "the South" names in a text about that
    country (its context country is a half, or it names the country), else ""."""
    said = text.lower().removeprefix("the ").removesuffix("'s")
    halves = _halves()
    for word, code, name in halves:
        if said == word and (country in {h[1] for h in halves} or name in doc.text.lower()):
            return code
    return ""


@functools.lru_cache(maxsize=1)
def _halves() -> tuple[tuple[str, str, str], ...]:
    """(word, country code, country name) of each half of actor_words `divided_halves`."""
    return tuple((w, c.upper(), n) for w, c, n in (e.split() for e in word_set("divided_halves")))
