"""Resolve the actors named in a span of a parsed article: country, role and name, with a reason."""

from __future__ import annotations

import datetime as dt

from eventlens.actors.memory import ArticleMemory, Piece
from eventlens.actors.phrases import (
    NounChunks,
    abbreviation,
    document_entities,
    entities_within,
    phrase_range,
    whole_entities,
)
from eventlens.actors.words import (
    BACKED_WORDS,
    COLLECTIVE_NOUNS,
    COORDINATORS,
    DUAL_WORDS,
    ENTITY_LABELS,
    FORMER_WORDS,
    GROUP_PRONOUNS,
    HEADLINE_WEIGHT,
    HOW_ORDER,
    HYPHENS,
    LEADING_WORDS,
    LISTING_WORDS,
    LOCATIVE_PREPOSITIONS,
    NEIGHBOUR_WORDS,
    NON_ACTOR_ENTITIES,
    ORGANISATION_ANAPHORS,
    OTHER_PEOPLE,
    OWN_CODE_BODIES,
    PERSON_PRONOUNS,
    PLACE_ANAPHORS,
    PLACE_LABELS,
    SHIP_PREFIXES,
    SIDE_WORDS,
    SOVEREIGN_OF,
    THING_LABELS,
    _cased,
    _other_first_name,
    _stop_words,
    _strongest,
    _water,
    equipment_words,
    normalise,
    placed_elsewhere,
    role_first_words,
    role_words,
    word_set,
)
from eventlens.model import Actor, Mention


class ActorResolver:
    """Turns token ranges of one article into actor mentions.

    One resolver serves one article: it remembers who was named, so "Putin" after
    "Russian President Vladimir Putin", or "he", resolves to the same actor.
    """

    def __init__(self, kb, doc, published: dt.date, *, skip_before: int = 0,
                 headline: str = "") -> None:
        """`skip_before`: a character offset before which nothing is an actor (a dateline).
        `headline`: the article's title, whose countries say what the article is about before
        its first sentence does ("ECOWAS gives Niger junta a week": "the junta" is Niger's)."""
        self.kb = kb
        self.doc = doc
        self.published = published
        self.skip_before = skip_before
        self.memory = ArticleMemory()
        self.roles = role_words()
        self.role_firsts = role_first_words()
        self._cache: dict[tuple[int, int], list[Piece]] = {}
        self._places_in: dict[int, list[tuple[int, str]]] = {}  # by sentence start
        self._ent_at: dict[int, object] = {}
        self._noun_chunks = NounChunks(doc)
        for ent in whole_entities(doc):
            if ent.label_ in ENTITY_LABELS:
                for i in range(ent.start, ent.end):
                    self._ent_at[i] = ent
        for country in self._headline_countries(headline):
            self.memory.countries[country] = self.memory.countries.get(country, 0) + \
                HEADLINE_WEIGHT

    def _headline_countries(self, headline: str) -> list[str]:
        """The countries a headline names (names, adjectives, capitals, people the knowledge
        base knows), once per mention; read from its capitalised words without a parse."""
        words = [w.strip(".,;:!?\"'‘’“”()") for w in headline.split()]
        found: list[str] = []
        i = 0
        while i < len(words):
            for width in (3, 2, 1):
                span = words[i:i + width]
                if len(span) < width or not all(w[:1].isupper() for w in span):
                    continue
                key = normalise(" ".join(span))
                if key in _stop_words() and not (width == 1 and span[0].isupper()):
                    continue  # "And" in a title-case headline is no Andorra; "US" is the US
                matches = self.kb.countries_by_name(key) if key else []
                country = matches[0].entry.iso3 if matches else ""
                if not country and key:
                    roles = self.kb.person_roles_on(key, self.published)
                    country = roles[0].country if len({r.country for r in roles}) == 1 else ""
                if country and self.kb.country_by_code(country) is not None:
                    found.append(country)
                    i += width - 1
                    break
            i += 1
        return found

    # -- public -------------------------------------------------------------------------------
    def read_sentence(self, sent) -> list[Mention]:
        """Resolve and remember every actor a sentence names, phrase by phrase, in text order,
        before its events are coded. Returns the mentions."""
        ranges = []
        for chunk in self._noun_chunks.within(sent):
            start, end = chunk.start, chunk.end
            for child in chunk.root.children:
                if child.dep_ == "appos":  # "Yuri Ushakov, the Kremlin aide"
                    end = max(end, child.right_edge.i + 1)
            ranges.append((start, end))
        ents = entities_within(sent)
        names = [(ent.start, ent.end) for ent in ents if ent.label_ in ENTITY_LABELS]
        names += [(p.start, p.end) for ent in ents
                  if (p := self._split_name(ent, sent.start, sent.end)) is not None]
        for lo, hi in names:  # "The Economic Community" + "West African States" is one name
            inside = [r for r in ranges if r[0] < hi and lo < r[1]]
            if len(inside) > 1:
                ranges = [r for r in ranges if r not in inside]
                ranges.append((min(lo, *(r[0] for r in inside)), max(hi, *(r[1] for r in inside))))
        covered = {i for start, end in ranges for i in range(start, end)}
        for ent in ents:
            if ent.label_ in ENTITY_LABELS and ent.start not in covered:
                ranges.append((ent.start, ent.end))
        mentions: list[Mention] = []
        last_end = -1
        for start, end in sorted(ranges):
            start = self.after_dateline(start, end)
            if start < last_end or start >= end:
                continue
            mentions.extend(self.resolve_range(start, end, remember=True))
            last_end = end
        return mentions

    def after_dateline(self, start: int, end: int) -> int:
        """The first token of [start, end) past the dateline (blanked to spaces before parsing,
        the parser may hang its whitespace on the story's first phrase: "   North Korea")."""
        while start < end and (self.doc[start].idx < self.skip_before or self.doc[start].is_space):
            start += 1
        return start

    def resolve_range(self, start: int, end: int, *, remember: bool = True) -> list[Mention]:
        """One Mention per distinct actor named in tokens [start, end), split at coordinators."""
        if (start, end) not in self._cache:
            self._cache[(start, end)] = self._pieces(start, end)
        chunks = self._chunks(self._cache[(start, end)])  # (no one changes a piece)
        mentions: list[Mention] = []
        for chunk in chunks:
            mentions.extend(self._mentions_for_chunk(chunk, remember=remember))
        return mentions

    def head_mention(self, head, *, any_noun: bool = False) -> Mention | None:
        """An unresolved mention for a phrase that names an actor the knowledge base lacks
        ("the ACLU", "Thom"), or None when the phrase names no actor ("the crisis").

        With `any_noun`, any noun phrase is kept (for the patient of an act: "aid agencies",
        "the oil fields"), so the record still says what was acted upon.
        """
        start, end = phrase_range(head, with_conjuncts=False)
        if head.ent_type_ in NON_ACTOR_ENTITIES:
            # "ordered the arrest of one of two men": the men
            head = next((p for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj"), None) \
                if head.ent_type_ == "CARDINAL" else None
            if head is None or head.ent_type_ in NON_ACTOR_ENTITIES:
                return None
        named = head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        if not named and not (any_noun and head.pos_ in ("NOUN", "PROPN")):
            return None
        span = self.doc[start:end]
        name = head.ent_type_ and next((e.text for e in document_entities(self.doc)
                                        if e.start <= head.i < e.end), "") or span.text
        return Mention(span.start_char, span.end_char, span.text, Actor("", "", name),
                       "unresolved")

    # -- pieces -------------------------------------------------------------------------------
    def _pieces(self, start: int, end: int) -> list[Piece]:
        doc = self.doc
        pieces: list[Piece] = []
        unknown: list[tuple[int, int]] = []  # organisations the knowledge base lacks
        i = start
        while i < end:
            ent = self._ent_at.get(i)
            shortened = abbreviation(doc, i)
            if shortened:
                i = shortened  # "(AFP)" after the name it shortens: no one new
                continue
            if ent is not None and _water(ent):
                i = min(ent.end, end)  # "the Sea of Japan", "the South China Sea": no one
                continue
            if ent is not None:
                piece = self._split_name(ent, start, end) or \
                    self._entity_piece(ent, max(ent.start, start), min(ent.end, end))
                if piece:
                    pieces.append(piece)
                    i = min(ent.end, end)
                    continue
                if ent.label_ == "ORG" and (not unknown or unknown[-1][1] <= i):
                    unknown.append((max(ent.start, start), min(ent.end, end)))
                # an entity the knowledge base does not know: look inside it word by word
            token = doc[i]
            low = token.lower_
            if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS:
                if i + 1 < end and doc[i + 1].lemma_.lower() in NEIGHBOUR_WORDS:
                    owner = self.memory.before(i, person=False)
                    other = [a for a in self.memory.before(i, person=False, count=4,
                                                           exclude=owner[0].country if owner else "")
                             if self.kb.country_by_code(a.country) is not None][:1]
                    if other:
                        pieces.append(Piece(i, i + 2, country=other[0].country,
                                            how="coreference"))
                    i += 2
                    continue
                if token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$"):
                    pieces.append(Piece(i, i + 1, pronoun=low, how="coreference"))
                i += 1
                continue
            if low in DUAL_WORDS and i + 1 < end:
                nxt = doc[i + 1]
                if (nxt.lemma_.lower() in self.roles
                        and nxt.lemma_.lower() not in equipment_words()) \
                        or nxt.lower_ in ("countries", "nations") or nxt.lower_ in SIDE_WORDS:
                    pieces.append(Piece(i, i + 2, pronoun="sides" if nxt.lower_ in SIDE_WORDS
                                        else "two", how="coreference",
                                        role=self.roles.get(nxt.lemma_.lower(), "")))
                    i += 2
                    continue
            found = self._word_piece(i, end)
            if found:
                pieces.append(found)
                i = found.end
                continue
            if low in PLACE_ANAPHORS and i > start and doc[i - 1].lower_ == "the":
                place = self.memory.last_region(i, self._place, island=low == "island")
                if place is not None:  # "the peninsula's Moscow-backed leaders" after Crimea
                    pieces.append(Piece(i, i + 1, country=place.country, name=place.name,
                                        how="place"))
                    i += 1
                    continue
            if low in ORGANISATION_ANAPHORS and i == end - 1 and i > start:
                organisation = self._last_organisation(i)
                if organisation:  # "the bloc" after "the Economic Community of ..."
                    pieces.append(Piece(i, i + 1, country=organisation, how="coreference"))
            i += 1
        return self._named_by_apposition(self._without_listed_regions(pieces), unknown)

    def _split_name(self, ent, start: int, end: int) -> Piece | None:
        """An organisation whose name the tagger cut in two: "the Organization for Security
        and Co-operation" + "in" + "Europe" is the OSCE, not Europe."""
        after = ent.end
        tail = self._ent_at.get(after + 1)
        if ent.label_ != "ORG" or tail is None or tail.end > end or \
                self.doc[after].lower_ not in ("in", "of", "for"):
            return None
        lo = max(ent.start, start)
        text = self.doc[lo : tail.end].text
        org = _cased(self.kb.organisation_by_name(normalise(text)), text)
        return self._org_piece(org, lo, tail.end, text) if org is not None else None

    def _without_listed_regions(self, pieces: list[Piece]) -> list[Piece]:
        """A region's states followed by the countries they are ("its European partners,
        France, Britain and Germany") are those countries, not the region besides."""
        kept = []
        for piece, nxt in zip(pieces, [*pieces[1:], None], strict=False):
            if piece.how == "region" and nxt is not None and \
                    self.kb.country_by_code(nxt.country) is not None and all(
                    t.is_punct or t.lower_ in LISTING_WORDS
                    for t in self.doc[piece.end : nxt.start]):
                continue
            kept.append(piece)
        return kept

    def _named_by_apposition(self, pieces: list[Piece], unknown) -> list[Piece]:
        """An organisation the knowledge base lacks, right beside the words that say what it
        is, names that actor: "the Chinese company ByteDance" is CHN:BUS named ByteDance."""
        for lo, hi in unknown:
            if any(p.start < hi and lo < p.end for p in pieces):
                continue  # something inside it was recognised ("Russian Defence Ministry")
            beside = [p for p in pieces if (p.end == lo or p.start == hi) and (p.role or p.country)
                      and not p.person and not p.pronoun and p.how != "place"]
            if beside:
                pieces.append(Piece(lo, hi, name=self.doc[lo:hi].text, how="name"))
        return sorted(pieces, key=lambda p: p.start)

    def _last_organisation(self, position: int) -> str:
        """The code of the organisation the article named last before `position`, itself or
        by one of its officials ("NATO Secretary-General Jens Stoltenberg said the alliance
        ..."), or ""."""
        named = [(pos, actor.country) for pos, actor in self.memory.groups + self.memory.people
                 if pos < position and actor.country and not actor.role
                 and self.kb.country_by_code(actor.country) is None]
        return max(named)[1] if named else ""

    def _entity_piece(self, ent, start: int, end: int) -> Piece | None:
        text = self.doc[start:end].text
        label = ent.label_
        key = normalise(text)
        if not key:
            return None
        ship = self._ship_piece(start, end)
        if ship is not None:
            return ship
        if label == "PERSON":
            if any(m.field == "adjectives"
                   for cut in range(start + 1, end)
                   for m in self.kb.countries_by_name(normalise(self.doc[start:cut].text))):
                return None  # "Sri Lankan Tamil rebels" tagged as a person: look inside
            # "the Tigray People's Liberation Front", tagged as a person
            return self._group_piece(key, start, end, text) or \
                self._person_piece(start, end, text)
        org = self._named_organisation(key, start, text)
        if org is not None:
            return self._org_piece(org, start, end, text)
        group = self._group_piece(key, start, end, text)
        if group is not None:
            return group
        hit = self._country(key, text)
        if hit:
            return hit(start, end)
        if label in PLACE_LABELS:
            place = self._place(key)
            if place is not None:  # "Odesa", "the Gaza Strip": the country it lies in
                return Piece(start, end, country=place.country, name=place.name, how="place")
        if label not in PLACE_LABELS and all(t.is_title for t in self.doc[start:end]):
            person = self._known_person(start, end, text)  # "Guterres", tagged ORG
            if person is not None:
                return person
        return None  # look inside ("Russian Defence Ministry", "the U.S. Supreme Court")

    def _group_piece(self, key: str, start: int, end: int, text: str) -> Piece | None:
        group = _cased(self.kb.group_by_name(key, self.published), text)
        return None if group is None else Piece(start, end, country=group.country,
                                                role=group.role, name=text, how="knowledge-base")

    def _named_organisation(self, key: str, start: int, text: str):
        """The organisation `text` names, if any; a region's name that is also an ordinary
        word counts only after "the" ("the West", not "Kanye West" or "West said")."""
        org = _cased(self.kb.organisation_by_name(key), text)
        if org is not None and key in org.ambiguous:
            doc = self.doc
            first = doc[start]
            if not (first.lower_ == "the" or (start > 0 and doc[start - 1].lower_ == "the")):
                return None
        return org

    def _org_piece(self, org, start: int, end: int, text: str) -> Piece:
        """An organisation; a body of one (the European Commission) acts for its parent,
        except the bodies coded on their own (UNSC, IAEA, WHO, ...)."""
        code = org.code
        if org.parent and code not in OWN_CODE_BODIES:
            code = org.parent
        return Piece(start, end, country=code, role=org.role, name=text,
                     how="region" if org.kind == "region" else "organisation")

    def _office_holder(self, country: str, title: str):
        if self.kb.country_by_code(country) is None:
            return None
        try:
            return self.kb.office_holder(country, title, self.published)
        except (KeyError, ValueError):
            return None

    def _known_person(self, start: int, end: int, text: str) -> Piece | None:
        """A person the article or the knowledge base knows, or None."""
        piece = self._person_piece(start, end, text)
        return piece if piece.country else None

    def _person_piece(self, start: int, end: int, text: str) -> Piece:
        key = normalise(text)
        seen = self.memory.names.get(key)
        if seen is None:
            seen = self.memory.names.get(key.split()[-1])
            if seen is not None and _other_first_name(key, seen[1].name):
                seen = None  # "Hunter Biden" after "President Biden" is not Joe Biden
        known = seen[1] if seen and seen[0] < start else None
        if known:
            return Piece(start, end, country=known.country, role=known.role, name=known.name,
                         how="coreference", person=True)
        roles = self.kb.person_roles_on(key, self.published)
        if roles:
            best = self._pick_role(roles)
            return Piece(start, end, country=best.country, role=best.role, name=best.name,
                         how="knowledge-base", person=True)
        hit = self._country(key, text)
        if hit:  # the tagger took a place for a person ("Kyiv said ...")
            return hit(start, end)
        held = self.kb.people_named(key)
        if held:
            # out of office on this date: still of their country, no longer in its role
            best = self._pick_role(held)
            return Piece(start, end, country=best.country, name=best.name,
                         how="knowledge-base-former", person=True)
        place = None if _in_thing_name(self.doc[start:end]) else self._place(key)
        if place is not None:  # the tagger took a city for a person ("struck Kharkiv")
            return Piece(start, end, country=place.country, name=place.name, how="place")
        return Piece(start, end, name=text, how="name", person=True)

    def _pick_role(self, roles):
        if len(roles) == 1:
            return roles[0]
        ranked = sorted(roles, key=lambda r: -self.memory.countries.get(r.country, 0))
        return ranked[0]

    def _country(self, key: str, text: str = ""):
        """The country `text` (normalised: `key`) names, as a piece maker, or None; `text`
        keeps the article that names such as "The Hague" need."""
        matches = self.kb.countries_by_name(text or key)
        if not matches:
            return None
        entry, field_name = matches[0]
        code = entry.iso3
        if field_name in ("capitals", "seats"):
            return lambda s, e: Piece(s, e, country=code, role="GOV", how="metonym")
        if field_name == "military_seats":
            return lambda s, e: Piece(s, e, country=code, role="MIL", how="metonym")
        if field_name == "demonyms":
            return lambda s, e: Piece(s, e, country=code, role="CVL", how="adjective")
        how = "adjective" if field_name == "adjectives" else "country"
        return lambda s, e: Piece(s, e, country=code, how=how)

    def _ship_piece(self, i: int, end: int) -> Piece | None:
        """A named warship ("USS Gerald R. Ford", "HMS Defender"): its country's navy."""
        doc = self.doc
        first = doc[i]
        if first.lower_ not in SHIP_PREFIXES or not first.is_upper or i + 1 >= end \
                or not doc[i + 1].is_title:
            return None
        stop = i + 1
        while stop < end and (doc[stop].is_title or doc[stop].is_upper or doc[stop].text == "."):
            stop += 1
        return Piece(i, stop, country=SHIP_PREFIXES[first.lower_], role="MIL",
                     name=doc[i:stop].text, how="title")

    def _word_piece(self, i: int, end: int) -> Piece | None:
        """Country words, organisation names and role words the NER did not mark."""
        doc = self.doc
        first = doc[i]
        capital = first.is_title or first.is_upper
        role_start = first.lower_ in self.role_firsts or first.lemma_.lower() in self.role_firsts
        if not capital and not role_start:
            return None  # (nor a ship's name, which is written in capitals)
        ship = self._ship_piece(i, end)
        if ship is not None:
            return ship
        widest = min(6, end - i)
        for n in range(widest):  # no name runs over punctuation (but hyphens)
            if doc[i + n].is_punct and doc[i + n].text not in HYPHENS:
                widest = max(n, 1)
                break
        for width in range(widest, 0, -1):
            span = doc[i : i + width]
            text = span.text
            key = normalise(text)
            # "The union" is no "Union": after a capitalised article the name must be too
            named = not (first.lower_ == "the" and width > 1
                         and not (span[1].is_title or span[1].is_upper))
            if capital and named:
                org = self._named_organisation(key, i, text)
                if org is not None:
                    return self._org_piece(org, i, i + width, text)
                group = self._group_piece(key, i, i + width, text) \
                    if width > 1 or first.is_upper or first.pos_ == "PROPN" else None
                if group is not None:  # the tagger split the name ("Islamic" + "Khorasan")
                    return group
                hit = self._country(key, text)
                if hit:
                    return hit(i, i + width)
                if all(t.pos_ == "PROPN" for t in span) and not self._name_tail(i):
                    person = self._known_person(i, i + width, text)
                    if person is not None:
                        return person
                if all(t.pos_ == "PROPN" or t.is_title for t in span) and \
                        not _in_thing_name(span):
                    place = self._place(key)  # the gazetteer holds no common words
                    if place is not None:
                        return Piece(i, i + width, country=place.country, name=place.name,
                                     how="place")
            if role_start:
                lemma_key = " ".join(t.lemma_.lower() for t in span)
                role = self.roles.get(key) or self.roles.get(lemma_key)
                last = span[-1]
                if role and last.pos_ in ("NOUN", "PROPN", "ADJ"):
                    # "military equipment", "military expertise": the kind of a thing, an
                    # actor only with a country ("the final American military flight")
                    kind = last.pos_ == "ADJ" and last.dep_ == "amod" and \
                        last.head.pos_ == "NOUN" and last.head.i >= i + width and \
                        not self._role_word(last.head)
                    return Piece(i, i + width, role=role, how="title", title=lemma_key,
                                 kind=kind)
        return None

    def _name_tail(self, i: int) -> bool:
        """Whether token `i` ends a name whose first word is no title ("Britta Nielsen" is no
        Kirstjen Nielsen; "President Biden" is Biden)."""
        prev = self.doc[i - 1] if i else None
        return prev is not None and self.doc[i].ent_iob_ == "I" and prev.pos_ == "PROPN" and \
            prev.is_title and not self._role_word(prev)

    def _owned_other(self, pron: Piece) -> bool:
        """Whether a possessive pronoun only owns the phrase's head, which names someone else:
        "returned the painting to its owners", "their lawyers" (but "its forces", "their
        leaders" are the owner's own)."""
        token = self.doc[pron.start]
        head = token.head
        return token.tag_ == "PRP$" and token.dep_ == "poss" and \
            head.lemma_.lower() in OTHER_PEOPLE and not self._role_word(head)

    def _role_word(self, token) -> bool:
        return token.lower_ in self.roles or token.lemma_.lower() in self.roles

    # -- chunks -------------------------------------------------------------------------------
    def _chunks(self, pieces: list[Piece]) -> list[list[Piece]]:
        chunks: list[list[Piece]] = []
        for piece in pieces:
            if chunks and not self._coordinated(chunks[-1][-1], piece) and not (
                chunks[-1][-1].person and piece.person
            ):
                chunks[-1].append(piece)
            else:
                chunks.append([piece])
        # "American and Russian diplomats": the head's role belongs to each adjective
        for left, right in zip(chunks, chunks[1:], strict=False):
            if len(left) == 1 and left[0].how == "adjective" and not left[0].role:
                role = next((p.role for p in right if p.role and not p.country), "")
                if role and right[0].how == "adjective":
                    left.append(Piece(left[0].end, left[0].end, role=role, how="title"))
        return chunks

    def _coordinated(self, left: Piece, right: Piece) -> bool:
        between = self.doc[left.end : right.start]
        words = {t.lower_ for t in between}
        if words & COORDINATORS:
            return not self._apposition(left, right, between)
        return len(between) > 3

    def _apposition(self, left: Piece, right: Piece, between) -> bool:
        """"Russia's foreign minister, Sergei Lavrov" and "Yuri Ushakov, the Kremlin aide"
        name one actor, not two; so do "Musaed al-Aiban, Saudi Arabia's national security
        adviser" and "Mahsa Amini, a 22-year-old woman", whose appositive the parse gives."""
        if left.person == right.person:
            return False
        other = right if left.person else left
        if all(t.lower_ in (",", "the", "a", "an", "his", "her", "its") for t in between) \
                and other.role and not other.pronoun:
            return True
        return left.person and not right.pronoun and self._appositive_role(left, right)

    def _appositive_role(self, left: Piece, right: Piece) -> bool:
        """Whether `right` lies in an appositive of the name `left` whose head is a role word."""
        for token in [self.doc[right.start], *self.doc[right.start].ancestors]:
            if token.i < left.end:
                return False
            if token.dep_ == "appos" and left.start <= token.head.i < left.end:
                return self._role_word(token)
        return False

    def _mentions_for_chunk(self, chunk: list[Piece], *, remember: bool) -> list[Mention]:
        doc = self.doc
        span = doc[chunk[0].start : chunk[-1].end]
        pron = next((p for p in chunk if p.pronoun), None)
        if pron is not None and len(chunk) == 1:
            if self._owned_other(pron):
                return []
            return self._coreference(pron, span)
        backer = next((p for p in chunk if self._backs(p, chunk)), None)
        if backer is not None:  # "Moscow-backed leaders", "pro-Russian separatists"
            chunk = [p for p in chunk if p is not backer]
            if not chunk:
                return []
        country = next((p.country for p in chunk if p.person and p.country), "")
        country = country or next((p.country for p in chunk if p.country), "")
        roles = [p.role for p in chunk if p.role]
        person_role = next((p.role for p in chunk if p.person and p.role), "")
        # a known group's own role beats its members' titles: "Boko Haram commanders" are REB
        group_role = next((p.role for p in chunk if p.how == "knowledge-base" and p.role
                           and not p.person), "")
        role = person_role or group_role or _strongest(roles)
        # a place names the actor only when nothing else does ("Gaza's health ministry" is
        # not called "Gaza Strip")
        named = [p for p in chunk if p.name and (p.how != "place" or len(chunk) == 1)]
        name = next((p.name for p in named if p.person), "") or next(
            (p.name for p in named), "")
        hows = [p.how for p in chunk]
        how = "title" if ("title" in hows and any(p.person for p in chunk)) else next(
            (h for h in HOW_ORDER if h in hows), "unresolved")
        person = any(p.person for p in chunk)
        # "the Assad regime", "Haftar's forces": a person's group, which "it" and "they" name
        head = doc[chunk[-1].end - 1]
        group_of_person = person and not chunk[-1].person and bool(chunk[-1].role) and (
            head.tag_ in ("NNS", "NNPS") or head.lemma_.lower() in COLLECTIVE_NOUNS)
        title = next((p.title for p in chunk if p.title), "")
        first_word = doc[chunk[0].start - 1] if chunk[0].start > 0 else None
        if first_word is not None and first_word.lower_ in FORMER_WORDS:
            # "former president Ben Ali", "the former US president": the title is no
            # longer held (a person keeps an office the knowledge base says they hold now:
            # "former president Dmitry Medvedev, now deputy head of the Security Council")
            role = person_role
            title = ""
        if country and title and not person and not any(p.pronoun for p in chunk):
            holder = self._office_holder(country, title)
            if holder is not None:  # "the US president" on 2019-06-01 is Donald Trump
                name, role, how = holder.name, holder.role or role, "office"
        if pron is not None and not country and pron.pronoun != "two":
            # "his own presidential guard", "its troops": the owner's country
            by_person = pron.pronoun in PERSON_PRONOUNS
            owner = self.memory.before(pron.start, person=by_person) or (
                self.memory.before(pron.start, person=False) if by_person else [])
            country = owner[0].country if owner else ""
        equipment = equipment_words()
        if not country and not name and roles and all(
                p.title in equipment or p.kind for p in chunk if p.role):
            return []  # "a missile" alone is no actor; "Russian cruise missiles" is RUS:MIL
        if not country and role and role not in ("IGO", "NGO") and \
                not placed_elsewhere(span.root):
            country = self._place_country(span) or (self.memory.subject_country(span) if role ==
                                                    "GOV" and person else "") or \
                self.memory.context_country()
            if country:
                hows.append("context")
                how = "context" if how == "title" else how
        if backer is not None and not person:
            # a foreign power's proxies are an armed group of the country they act in
            country = "" if country == backer.country else country
            role = "REB" if role in ("", "GOV", "MIL") else role
        before = self.doc[chunk[-1].start - 1] if chunk[-1].start > 0 else None
        if country in SOVEREIGN_OF and title and not person and before is not None \
                and before.lower_ == "central":
            country = SOVEREIGN_OF[country]  # "the central government" of Hong Kong is Beijing
            span = doc[before.i : span.end]
        if country and self.kb.country_by_code(country) is None:
            role = ""  # an organisation or group code carries no role of its own (G7, NATO)
        elif country and not role and any(p.how == "country" for p in chunk) and not person:
            role = "GOV"  # a country named as an actor is its government
        if not country and not name and not role:
            return []
        actor = Actor(country, role, name)
        if remember and (country or person or role):
            self.memory.remember(actor, chunk[0].start, person=person and not group_of_person,
                                 span=(span.start_char, span.end_char, span.text),
                                 counts=how != "place")
        return [Mention(span.start_char, span.end_char, span.text, actor, how)]

    def _coreference(self, pron: Piece, span) -> list[Mention]:
        """Pronouns and "the two leaders" point to the nearest earlier actors of their kind."""
        if pron.pronoun == "sides":
            pair = self._two_sides(pron.start)
            return [Mention(span.start_char, span.end_char, span.text, a, "coreference")
                    for a in pair]
        if pron.pronoun == "two":
            person = pron.role in ("GOV", "") and bool(self.memory.before(pron.start, person=True,
                                                                          count=2)[1:])
            pair = self.memory.before(pron.start, person=person, count=2)
            if span.root.lemma_.lower() in word_set("state_nouns") and any(
                    self.kb.country_by_code(a.country) is None for a in pair):
                # "the two countries" after "Finland and Sweden joining NATO": states only
                pair = [a for a in self.memory.before(pron.start, person=False, count=6)
                        if self.kb.country_by_code(a.country) is not None][:2]
            if len(pair) < 2 and person:
                pair = self.memory.before(pron.start, person=False, count=2)
            if len(pair) < 2:
                return []
            return [Mention(span.start_char, span.end_char, span.text, a, "coreference")
                    for a in pair]
        person = pron.pronoun in PERSON_PRONOUNS
        sent = self.doc[pron.start].sent
        subjects = frozenset(t.left_edge.i for t in sent
                             if t.dep_ == "nsubj" and t.i < pron.start)
        token = self.doc[pron.start]
        speaker = [t for t in token.head.head.children if t.dep_ == "nsubj" and t.i < token.i] \
            if token.dep_ == "nsubj" and token.head.dep_ == "ccomp" and \
            token.lower_ in GROUP_PRONOUNS else []
        if speaker:
            # "the Russia-led alliance said it would ...": it is who says so, named anywhere
            subjects |= frozenset(range(speaker[0].left_edge.i, speaker[0].i + 1))
        # "Kiir pardoned him": an object pronoun is not the subject of its own verb
        verb = token.head
        own = frozenset(t.left_edge.i for t in verb.children if t.dep_ == "nsubj") \
            if token.dep_ in ("dobj", "dative") else frozenset()
        controller = verb
        while token.dep_ in ("dobj", "dative") and not own and \
                controller.dep_ in ("xcomp", "advcl", "conj") and controller.head.i != controller.i:
            # "Modi called Starmer to congratulate him": him is not Modi either, who does
            # the congratulating; nor in "Kishida met Xi and urged him", the verb's subject
            # that of the verb it is joined to
            controller = controller.head
            own = frozenset(t.left_edge.i for t in controller.children if t.dep_ == "nsubj")
        if own and verb.dep_ == "relcl":  # "Biden, who praised him": not Biden either
            own |= {verb.head.left_edge.i}
        plural = pron.pronoun in ("they", "them", "their", "theirs")
        if speaker and plural:
            # "Russia and China said they opposed ...", "the two sides said they ...": each
            lo = speaker[0].left_edge.i
            said = self.memory.named_between(lo, speaker[0].right_edge.i)
            if len(said) < 2 and any(t.lower_ in DUAL_WORDS for t in speaker[0].subtree):
                said = self.memory.before(lo, person=True, count=2)  # "the two sides said"
                said = said if len(said) == 2 else self.memory.before(lo, person=False, count=2)
            if len(said) > 1:
                return [Mention(span.start_char, span.end_char, span.text, a, "coreference")
                        for a in said]
        own |= self.memory.plurals(self.doc) if pron.pronoun in ("it", "its") else frozenset()
        found = self.memory.before(pron.start, person=person, prefer=subjects - own,
                                   any_actor=True, skip=own, plural=plural)
        if not found:
            return []
        named = self.memory.antecedent(pron.start, found[0])
        if named is not None and named[0] >= sent.start_char and len(span) == 1:
            # "Kenyan police say they have arrested ...": point at the words that name
            # the actor, which stand in the same sentence
            return [Mention(named[0], named[1], named[2], found[0], "coreference")]
        return [Mention(span.start_char, span.end_char, span.text, found[0], "coreference")]

    def _place_country(self, span) -> str:
        """The country of the place the sentence puts an unnamed role in, nearest first:
        "police detained protesters ... in Yerevan", "civilians killed in Ukrainian towns"."""
        best: tuple[int, str] | None = None
        sent = span.sent
        if sent.start not in self._places_in:  # read once a sentence: (place word, country)
            self._places_in[sent.start] = [
                (pobj.i, country) for prep in sent
                if prep.dep_ == "prep" and prep.lower_ in LOCATIVE_PREPOSITIONS
                for pobj in prep.children
                if pobj.dep_ == "pobj" and (country := self._country_of_place(pobj))]
        for at, country in self._places_in[sent.start]:
            distance = min(abs(at - span.start), abs(at - span.end))
            if best is None or distance < best[0]:
                best = (distance, country)
        return best[1] if best else ""

    def _country_of_place(self, head) -> str:
        """The country a place phrase lies in: a country, capital or known place, or a
        country adjective on the place ("the Iranian capital", "Ukrainian towns")."""
        lo, hi = phrase_range(head, with_conjuncts=False)
        ent = self._ent_at.get(head.i)
        texts = [ent.text] if ent is not None else []
        texts += [t.text for t in self.doc[lo:hi] if t.pos_ in ("PROPN", "ADJ")
                  and not _in_thing_name(self.doc[t.i : t.i + 1])]
        for text in texts:
            key = normalise(text)
            matches = self.kb.countries_by_name(key) if key else []
            if matches:
                return matches[0].entry.iso3
            place = self._place(key)
            if place is not None:
                return place.country
        return ""

    def _place(self, key: str):
        """A known city or region (not ambiguous between countries), or None."""
        lookup = getattr(self.kb, "place_by_name", None)
        place = lookup(key) if lookup is not None and key else None
        return place if place is not None and not place.ambiguous else None

    def _backs(self, piece: Piece, chunk: list[Piece]) -> bool:
        """Whether a country piece names a backer rather than the actor: "Moscow-backed",
        "Iran-sponsored", "pro-Russian", and "Russia-led" before a known organisation."""
        doc = self.doc
        if not piece.country or self.kb.country_by_code(piece.country) is None or piece.person:
            return False
        if piece.end + 2 <= len(doc) and doc[piece.end].text in HYPHENS:
            after = doc[piece.end + 1].lower_
            if after in BACKED_WORDS:
                return True
            if after in LEADING_WORDS:
                return any(p.how == "organisation" for p in chunk if p is not piece)
        if doc[piece.start].lower_.startswith("pro-"):
            return True
        return piece.start >= 2 and doc[piece.start - 2].lower_ == "pro" and \
            doc[piece.start - 1].text in HYPHENS

    def _two_sides(self, position: int) -> list[Actor]:
        """"Both sides", "the two parties": `ArticleMemory.two_sides` before the sentence."""
        return self.memory.two_sides(self.doc[position].sent.start,
                                     lambda code: self.kb.country_by_code(code) is not None)


def _in_thing_name(span) -> bool:
    """Whether words belong to a name the tagger marked as a product, law, event or work,
    never a place ("Cerro" of the "Cerro Verde" mine is no town in Cuba)."""
    return any(t.ent_type_ in THING_LABELS for t in span)
