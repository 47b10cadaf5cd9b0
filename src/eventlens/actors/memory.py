"""What resolution remembers while it reads an article: the actors named so far, by
position, and the pieces a mention is made of."""

from __future__ import annotations

from dataclasses import dataclass, field

from eventlens.actors.words import CONTEXT_LEAD, CONTEXT_SHARE, country_like, normalise, word_set
from eventlens.model import Actor


@dataclass(slots=True)
class Piece:
    """A part of a mention that says something about the actor."""

    start: int  # token indices
    end: int
    country: str = ""
    role: str = ""
    name: str = ""
    how: str = ""
    person: bool = False
    pronoun: str = ""
    title: str = ""  # the office word of a role piece ("president", "foreign minister")
    kind: bool = False  # a role adjective on a thing ("military equipment")


@dataclass(frozen=True, slots=True)
class Region:
    """A place an anaphor stands for, as the resolver uses it: its country and name."""

    country: str
    name: str


@dataclass(slots=True)
class ArticleMemory:
    """What the article has established so far: names, and actors by position for pronouns."""

    names: dict[str, tuple[int, Actor]] = field(default_factory=dict)  # first seen at
    people: list[tuple[int, Actor]] = field(default_factory=list)  # (token index, actor)
    groups: list[tuple[int, Actor]] = field(default_factory=list)
    countries: dict[str, int] = field(default_factory=dict)
    seen: set[tuple[int, str]] = field(default_factory=set)
    spans: dict[tuple[int, str], tuple[int, int, str]] = field(default_factory=dict)
    places: set[int] = field(default_factory=set)  # positions of places named as places

    def last_region(self, position: int, place_of, *, island: bool = False):
        """The region or disputed area (not a city) the article named last before `position`
        (`place_of` looks a name up), or None; for "the island", else the island country named
        last ("the island's air defence zone" after Taiwan)."""
        latest = sorted(self.groups, key=lambda item: -item[0])
        for pos, actor in latest:
            if pos >= position or actor.role or not actor.name:
                continue
            place = place_of(normalise(actor.name))
            if place is not None and place.kind != "city" and place.country == actor.country:
                return place
        islands = word_set("island_countries")
        country = next((a.country for pos, a in latest if pos < position
                        and a.country.lower() in islands), "") if island else ""
        return Region(country, "") if country else None

    def remember(self, actor: Actor, position: int, *, person: bool,
                 span: tuple[int, int, str] | None = None, counts: bool = True) -> None:
        """Note an actor named at `position`; `counts` says whether it adds to the tally of
        countries the article is about (a city named as a place does not)."""
        if (position, actor.code) in self.seen:
            return
        self.seen.add((position, actor.code))
        if span is not None:
            self.spans[(position, actor.code)] = span
        if person and actor.name and actor.country:
            key = normalise(actor.name)
            self.names.setdefault(key, (position, actor))
            parts = key.split()
            if len(parts) > 1:
                self.names.setdefault(parts[-1], (position, actor))
        (self.people if person else self.groups).append((position, actor))
        if not counts:
            self.places.add(position)
        if actor.country and counts:
            self.countries[actor.country] = self.countries.get(actor.country, 0) + 1

    def antecedent(self, position: int, actor: Actor) -> tuple[int, int, str] | None:
        """Where `actor` was last named before `position` (character span and text)."""
        pool = self.people + self.groups
        best = max((pos for pos, a in pool if a == actor and pos < position), default=None)
        return None if best is None else self.spans.get((best, actor.code))

    def named_between(self, lo: int, hi: int) -> list[Actor]:
        """The distinct actors (by country) named at token positions lo..hi, in the order
        remembered ("Russia and China said ...": both)."""
        found: list[Actor] = []
        for pos, actor in self.groups + self.people:
            if lo <= pos <= hi and actor.country and all(a.country != actor.country for a in found):
                found.append(actor)
        return found

    def two_sides(self, before: int, is_country) -> list[Actor]:
        """"Both sides", "the two parties": the two actors the article has named most before
        token `before` (by code, so an army and the paramilitary it fights in one country count
        as two, and one mentioned in passing, a mediator say, does not outrank them; bare
        places, countries with no role (`is_country`), are left out), or []."""
        counts: dict[str, int] = {}
        last: dict[str, tuple[int, Actor]] = {}
        for at, actor in self.people + self.groups:
            if at >= before or not actor.country or (is_country(actor.country) and not actor.role):
                continue  # a place or a bare adjective is no side
            key = actor.code
            counts[key] = counts.get(key, 0) + 1
            if key not in last or at > last[key][0]:
                last[key] = (at, Actor(actor.country, actor.role))
        ranked = sorted(counts, key=lambda k: (counts[k], last[k][0]), reverse=True)
        return [last[k][1] for k in ranked[:2]] if len(ranked) >= 2 else []

    def subject_country(self, span) -> str:
        """The one country the subject of the sentence's main verb names, where that subject
        comes before `span` and does not hold it ("New Zealand said it would not send
        ministers, though Deputy Prime Minister Grant Robertson said ...": New Zealand's); else
        "". Who speaks with a title but no country in such a sentence is usually of it."""
        root = span.sent.root
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) != 1 or subjects[0].right_edge.i >= span.start:
            return ""
        countries = {a.country for a in self.named_between(subjects[0].left_edge.i,
                                                           subjects[0].right_edge.i)
                     if country_like(a.country)}
        return countries.pop() if len(countries) == 1 else ""

    def plurals(self, doc) -> frozenset[int]:
        """Positions of the groups named by a plural noun ("troops", "protesters"), which
        "it" does not stand for ("the troops it has massed": not the troops)."""
        found = set()
        for pos, actor in self.groups:
            span = self.spans.get((pos, actor.code))
            head = doc.char_span(span[0], span[1], alignment_mode="expand") \
                if span is not None else None
            if head is not None and len(head) and head.root.tag_ in ("NNS", "NNPS"):
                found.add(pos)
        return frozenset(found)

    def before(self, position: int, *, person: bool, count: int = 1, exclude: str = "",
               prefer: frozenset[int] = frozenset(), any_actor: bool = False,
               skip: frozenset[int] = frozenset(), plural: bool = False) -> list[Actor]:
        """The last `count` distinct actors (by country) named before `position`; those at a
        position in `prefer` (subjects of the same sentence) come first. With `any_actor`,
        actors of no known country count too ("dock workers said they ...")."""
        pool = self.people if person else self.groups
        found: list[Actor] = []
        ordered = sorted(pool, key=lambda item: (item[0] in prefer, item[0]), reverse=True)
        for pos, actor in ordered:
            if pos >= position or pos in skip or (plural and pos in self.places):
                continue  # a city named as where things happen is no "they" ("their dispute")
            if actor.country:
                if actor.country == exclude or any(a.country == actor.country for a in found):
                    continue
            elif not (any_actor and (actor.role or actor.name)) or actor in found:
                continue
            found.append(actor)
            if len(found) == count:
                break
        return found

    def context_country(self) -> str:
        """The country an article is about, when one dominates what it has named so far
        ("police" in a story about Hong Kong); else ""."""
        counts = self.countries
        total = sum(counts.values())
        if not total:
            return ""
        ranked = sorted(counts.values(), reverse=True)
        country = max(counts.items(), key=lambda kv: kv[1])[0]
        runner_up = ranked[1] if len(ranked) > 1 else 0
        if ranked[0] >= 2 and (ranked[0] / total >= CONTEXT_SHARE
                               or ranked[0] >= CONTEXT_LEAD * runner_up):
            return country
        return ""
