"""The words and tables actor resolution reads: role words (data/roles.yaml), and the closed
word sets of the resolver (pronouns, coordinators, anaphors, ...: data/actor_words.yaml, each
with what it is for); entity labels and code tables stay here."""

from __future__ import annotations

import functools
import unicodedata

from eventlens.datafiles import packaged_yaml


@functools.lru_cache(maxsize=1)
def _word_sets() -> dict:
    return packaged_yaml("actor_words.yaml")


def word_set(name: str) -> frozenset[str]:
    """A word set of data/actor_words.yaml (lowercase words or phrases)."""
    return frozenset(_word_sets()[name])

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})


# Words and marks that join two actors into one list: "Russia and China", "Iran, Iraq".
COORDINATORS = word_set("coordinators")


# Pronouns that stand for a person named before ("he said").
PERSON_PRONOUNS = word_set("person_pronouns")


# Pronouns that stand for a country, body or group named before ("its troops").
GROUP_PRONOUNS = word_set("group_pronouns")


# Singular nouns for a body of people: "the Assad regime" is "it", not "he".
COLLECTIVE_NOUNS = word_set("collective_nouns")


# "The two", "both": the two actors named last.
DUAL_WORDS = word_set("dual_words")


# "Its neighbour": the country next to the one named.
NEIGHBOUR_WORDS = word_set("neighbour_words")


# Bodies of water named after a country are no actor ("drills in the Sea of Japan").
WATER_WORDS = word_set("water_words")


# People a possessive pronoun's owner has, who are not the owner: "returned the painting to
# its owners", "his lawyers said" (but "her decision" is hers, "its forces" its own).
OTHER_PEOPLE = word_set("other_people")


# Named things that act on no one: "hosts the Olympic Games", "under the Minsk agreement"
NON_ACTOR_ENTITIES = frozenset({"EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE", "DATE",
                                "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})


# Bodies of organisations that event data codes under their own name, not their parent's.
OWN_CODE_BODIES = frozenset({"UNSC", "UNGA", "IAEA", "WHO", "UNHCR", "UNICEF", "WFP", "UNRWA",
                             "ICJ", "IMF", "WB", "ECB", "UNHRC", "ECHR"})


# Adjectives that place an actor outside any one country: "certain international forces",
# "foreign mercenaries" belong to no country the context names.
UNPLACED_WORDS = word_set("unplaced_words")


# Share of the countries named so far that one country needs before unnamed roles take it.
CONTEXT_SHARE = 0.6


# ... or at least this many times as often as the next most named country.
CONTEXT_LEAD = 2.0


# A country the headline names counts as this many mentions of it in the text.
HEADLINE_WEIGHT = 2


# When a mention draws on several clues, the one reported as how it was resolved.
HOW_ORDER = ("knowledge-base", "knowledge-base-former", "office", "organisation", "region",
             "metonym", "coreference", "country", "place", "adjective", "title", "name")


# Entity labels that can name a city or region.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


# Entity types that never name a place: a product or a law called like a town is neither.
THING_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})


EQUIPMENT = "equipment"  # the roles.yaml key of weapon and craft words


# "The bloc", "the alliance": the organisation named last.
ORGANISATION_ANAPHORS = word_set("organisation_anaphors")


# "The peninsula", "the enclave": the region or disputed area named last.
PLACE_ANAPHORS = word_set("place_anaphors")


# Prepositions that put a phrase somewhere: "police in Yerevan", "marched through Hong Kong".
LOCATIVE_PREPOSITIONS = word_set("locative_prepositions")


# "Moscow-backed", "Iran-sponsored": the country named is the backer, not the actor.
BACKED_WORDS = word_set("backed_words")
LEADING_WORDS = word_set("leading_words")


HYPHENS = frozenset({"-", "–", "‑"})


# "Both sides", "the two parties": the two actors in conflict or in talks, even of one country.
SIDE_WORDS = word_set("side_words")


# Words before a title that put its holder out of office.
FORMER_WORDS = word_set("former_words")


# Regions with their own code whose "central government" or "central authorities" are
# another country's.
SOVEREIGN_OF = {"HKG": "CHN", "MAC": "CHN"}


# Ship prefixes: "USS Gerald R. Ford" is a US Navy ship.
SHIP_PREFIXES = {"uss": "USA", "usns": "USA", "hms": "GBR", "hmas": "AUS", "hmcs": "CAN",
                 "hmnzs": "NZL"}


ROLE_PRIORITY = ("MIL", "JUD", "LEG", "MED", "REB", "OPP", "BUS", "CVL", "GOV", "IGO", "NGO")


# Words that introduce the members of a group just named: "Gulf states, namely Qatar and ...".
LISTING_WORDS = word_set("listing_words")


@functools.lru_cache(maxsize=65536)
def country_like(code: str) -> bool:
    """Whether an actor code has the shape of an ISO 3166 alpha-3 country ("RUS"), not an
    organisation's acronym ("NATO", "EU")."""
    return len(code) == 3 and code.isupper()


def normalise(text: str) -> str:
    """Lowercase, strip accents and punctuation at the edges, fold "the" and possessive 's."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().strip(" .,;:'\"’")
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    if text.startswith("the "):
        text = text[4:]
    return text.replace("’", "'")


@functools.lru_cache(maxsize=1)
def _roles_file() -> dict[str, list]:
    return packaged_yaml("roles.yaml")


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words (imported on first use: importing spaCy can import torch
    where the optional extra is installed)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@functools.lru_cache(maxsize=1)
def role_words() -> dict[str, str]:
    """Role word (lowercase, possibly several words) -> role code, from roles.yaml. The
    `equipment` words ("cruise missiles", "drones") name the military (MIL)."""
    table: dict[str, str] = {}
    for role, words in _roles_file().items():
        for word in words:
            table.setdefault(str(word).lower(), "MIL" if role == EQUIPMENT else role)
    return table


def placed_elsewhere(head) -> bool:
    """Whether an adjective of the phrase places it outside any one country ("international
    forces"), unless adjective and noun name a role together ("the foreign minister"); or
    that word stands alone ("the Western response": who "Western" is)."""
    return head.lower_ in UNPLACED_WORDS or any(c.dep_ == "amod" and c.lower_ in UNPLACED_WORDS
               and f"{c.lower_} {head.lower_}" not in role_words() for c in head.children)


@functools.lru_cache(maxsize=1)
def equipment_words() -> frozenset[str]:
    """Weapons and craft: they name a country's military only together with the country."""
    return frozenset(str(word).lower() for word in _roles_file().get(EQUIPMENT, []))


@functools.lru_cache(maxsize=1)
def role_first_words() -> frozenset[str]:
    """First words of the role phrases: a quick test before any phrase lookup."""
    return frozenset(phrase.split()[0] for phrase in role_words())


def _other_first_name(key: str, known_name: str) -> bool:
    """Whether a full name shares only its surname with the person remembered by it."""
    words, known = key.split(), normalise(known_name).split()
    return len(words) > 1 and len(known) > 1 and words[0] != known[0] and \
        words[0] not in role_first_words()


def _cased(entry, text: str):
    """`entry` unless the text matched only a short acronym of it in other letter case: "Inc."
    is no INC (the Indian National Congress), "Ice" no ICE."""
    if entry is None:
        return None
    key = normalise(text)
    forms = [f for f in (entry.code, entry.name, *entry.aliases) if normalise(f) == key]
    if not forms or any(not f.isupper() or len(f) > 3 for f in forms):
        return entry  # "Nato", "Ecowas", "Opec" are written so
    letters = "".join(c for c in text if c.isalpha())
    return entry if letters.isupper() else None


def _strongest(roles: list[str]) -> str:
    for role in ROLE_PRIORITY:
        if role in roles:
            return role
    return roles[0] if roles else ""


def _water(ent) -> bool:
    """Whether an entity names a body of water ("the Sea of Japan", "the South China Sea",
    "the Gulf of Mexico"; not "the Gulf" of the Gulf states)."""
    words = [t.lower_ for t in ent if t.lower_ != "the"]
    return ent.label_ in ("LOC", "GPE", "FAC") and len(words) > 1 and (
        words[-1] in WATER_WORDS
        or any(w in WATER_WORDS and words[n + 1] == "of" for n, w in enumerate(words[:-1])))
