"""The frame lexicon, the PLOVER table and the coder's word lists, loaded from the packaged data
files."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field

from eventlens.datafiles import packaged_yaml
from eventlens.errors import ConfigError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# Modes that describe one-sided acts: a visit or a call has a host and a guest.
ONE_SIDED_MODES = frozenset({"visit", "phone", "mediate"})


@dataclass(frozen=True, slots=True)
class PloverType:
    name: str
    cameo_root: str
    quad_class: int
    intensity: float


@dataclass(frozen=True, slots=True)
class Frame:
    """One lexical signal of an event type."""

    plover_type: str
    trigger: str  # the frame as written in frames.yaml
    preps: tuple[str, ...]  # prepositions that introduce the target
    target_prep: str = ""  # for "verb +prep" frames: the target follows this preposition
    joint: bool = False
    # what is talked about, never a party: the verb's object ("discussed threats from Iran")
    # and the phrases these prepositions open ("talks on Russia's demands")
    topic_object: bool = False
    topic_preps: tuple[str, ...] = ()
    only_preps: bool = False  # no target but the objects of `preps` (a reading that names them)


@dataclass(frozen=True, slots=True)
class Reading:
    """A row of frames.yaml `readings`: what a frame word means given its arguments.

    `then` is a PLOVER type, or "NONE" where the words name no event at all."""

    id: str
    lemmas: frozenset[str]
    then: str
    objects: frozenset[str] = frozenset()  # the object's head lemma is one of these
    goals: frozenset[str] = frozenset()  # into/in/near/over/toward: what is entered
    occasions: frozenset[str] = frozenset()  # on/for: the courtesy's occasion
    because: str = ""
    example: str = ""
    expect: tuple[str, ...] = ()  # "SRC TYPE TGT" country-level triples the example gives
    patterns: str = ""  # JSON of the row's own spaCy DependencyMatcher patterns, if it gives any
    unnegated: bool = False  # no word the row matched may be negated ("pledged not to attack")
    joint: bool = False  # the subjects act together and are each other's partners
    preps: tuple[str, ...] | None = None  # prepositions of the target (default: the type's)
    target_prep: str = ""  # the target is named inside this preposition's phrase ("in contact with")


@dataclass(slots=True)
class Lexicon:
    """Lookup tables built from frames.yaml; keys are lowercase lemmas."""

    verbs: dict[str, Frame] = field(default_factory=dict)
    verb_particles: dict[tuple[str, str], Frame] = field(default_factory=dict)
    verb_preps: dict[tuple[str, str], Frame] = field(default_factory=dict)
    phrases: dict[tuple[str, str], Frame] = field(default_factory=dict)  # (verb, object noun)
    nouns: dict[str, list[tuple[tuple[str, ...], Frame]]] = field(default_factory=dict)
    modes: dict[str, dict[str, str]] = field(default_factory=dict)
    types: dict[str, PloverType] = field(default_factory=dict)
    verb_lemmas: frozenset[str] = frozenset()  # every verb lemma a frame starts with
    readings: tuple[Reading, ...] = ()  # frames.yaml `readings`, tried before the frames
    type_preps: dict[str, tuple[str, ...]] = field(default_factory=dict)  # each type's preps
    need_nouns: frozenset[str] = frozenset()  # REQUEST `need_nouns`: "the importance of"

    def mode_for(self, plover_type: str, words: list[str]) -> str:
        """The PLOVER mode named by any of `words` (lemmas or phrases) for this type."""
        table = self.modes.get(plover_type, {})
        for word in words:
            if word in table:
                return table[word]
        return ""


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Build the lexicon from the packaged frames.yaml and plover.yaml (once per process)."""
    lex = Lexicon()
    for name, spec in packaged_yaml("plover.yaml").items():
        lex.types[name] = PloverType(name, str(spec["cameo"]), int(spec["quad"]),
                                     float(spec["intensity"]))
    frames = packaged_yaml("frames.yaml")
    lex.readings = tuple(_reading(row) for row in frames.pop("readings", ()))
    with_particle: list[tuple[str, str, Frame]] = []
    unknown = set(frames) - set(PLOVER_TYPES)
    if unknown:
        raise ConfigError(f"frames.yaml names unknown PLOVER types {sorted(unknown)}")
    for ptype, spec in frames.items():
        preps = tuple(spec.get("preps", ()))
        lex.type_preps[ptype] = preps
        lex.need_nouns |= frozenset(spec.get("need_nouns", ()))
        joint_spec = spec.get("joint", False)
        topic_verbs = frozenset(spec.get("topic_verbs", ()))
        topics = {"topic_preps": tuple(spec.get("topic_preps", ()))}

        def joint(entry: str, joint_spec=joint_spec) -> bool:
            if joint_spec is True:
                return True
            return bool(joint_spec) and any(w in joint_spec for w in entry.replace("_", " ").split())

        for entry in spec.get("verbs", ()):
            _add_verb(lex, ptype, entry, preps, joint(entry), topic_object=entry.split()[0]
                      in topic_verbs, **topics)
        for entry in spec.get("phrases", ()):
            words = entry.split()
            frame = Frame(ptype, entry, preps, joint=joint(entry), **topics)
            if "_" in words[0]:  # "call_off strike": also matched without its particle,
                with_particle.append((words[0], words[-1], frame))  # after the plain phrases
                continue
            lex.phrases.setdefault((words[0], words[-1]), frame)
        for entry in spec.get("nouns", ()):
            words = tuple(entry.lower().split())
            frame = Frame(ptype, entry, preps, joint=joint(entry), **topics)
            lex.nouns.setdefault(words[-1], []).append((words[:-1], frame))
        lex.modes[ptype] = dict(spec.get("modes", {}))
    for verb, noun, frame in with_particle:
        lex.phrases.setdefault((verb, noun), frame)  # "call_off strike", "walk_off job"
        lex.phrases.setdefault((verb.split("_")[0], noun), frame)  # "call strike" wins
    for entries in lex.nouns.values():
        entries.sort(key=lambda item: -len(item[0]))  # longest compound first
    lex.verb_lemmas = frozenset([*lex.verbs, *(v for v, _ in lex.verb_particles),
                                 *(v for v, _ in lex.verb_preps),
                                 *(v.split("_")[0] for v, _ in lex.phrases)])
    return lex


@functools.lru_cache(maxsize=1)
def load_wordlists() -> dict[str, frozenset[str]]:
    """The named word lists of the packaged wordlists.yaml (once per process)."""
    lists = {}
    for name, entries in (packaged_yaml("wordlists.yaml") or {}).items():
        if not isinstance(entries, list) or not entries or \
                not all(isinstance(w, str) and w == w.lower() for w in entries):
            raise ConfigError(f"wordlists.yaml list {name!r} must be a list of lowercase words "
                              "(quote words YAML reads otherwise, such as 'on' and 'off')")
        lists[str(name)] = frozenset(entries)
    return lists


def wordlist(name: str) -> frozenset[str]:
    """The word list `name` of wordlists.yaml."""
    try:
        return load_wordlists()[name]
    except KeyError:
        raise ConfigError(f"wordlists.yaml has no list {name!r}") from None


def _reading(row: dict) -> Reading:
    then = str(row.get("then", ""))
    if then != "NONE" and then not in PLOVER_TYPES:
        raise ConfigError(f"frames.yaml reading {row.get('id')!r}: unknown type {then!r}")

    def words(key: str) -> frozenset[str]:
        return frozenset(_expanded([str(w) for w in row.get(key, ())]))

    return Reading(str(row["id"]), words("lemma"), then, words("object"),
                   goals=words("goal"), occasions=words("occasion"),
                   because=str(row.get("because", "")), example=str(row.get("example", "")),
                   expect=tuple(row.get("expect", ())),
                   patterns=json.dumps(_with_lists(row["pattern"])) if row.get("pattern") else "",
                   unnegated=bool(row.get("unnegated", False)), joint=bool(row.get("joint", False)),
                   preps=tuple(str(p) for p in row["preps"]) if "preps" in row else None,
                   target_prep=str(row.get("target_prep", "")))


def _expanded(entries: list[str]) -> list[str]:
    """Word entries with "@name" standing for the words of wordlists.yaml list `name`."""
    out: list[str] = []
    unknown = [e for e in entries if e.startswith("@") and e[1:] not in load_wordlists()]
    if unknown:
        raise ConfigError(f"frames.yaml names word lists wordlists.yaml lacks: {unknown}")
    for entry in entries:
        out += sorted(load_wordlists()[entry[1:]]) if entry.startswith("@") else [entry]
    return out


def _with_lists(node):
    """A spaCy pattern with every "@name" in its lists replaced by that word list."""
    if isinstance(node, dict):
        return {k: _with_lists(v) for k, v in node.items()}
    if isinstance(node, list):
        if any(isinstance(v, str) for v in node) and any(isinstance(v, bool) for v in node):
            # YAML reads unquoted on, off, yes and no as booleans: ["toward", true] matches
            # nothing where "on" was meant
            raise ConfigError(f"frames.yaml: a word list in a pattern holds {node!r}",
                              hint='quote on, off, yes and no ("on")')
        return _expanded(node) if all(isinstance(v, str) for v in node) else \
            [_with_lists(v) for v in node]
    if isinstance(node, str) and node.startswith("@"):
        # {IN: "@force_words"} would match the one word "@force_words", that is nothing
        raise ConfigError(f"frames.yaml: {node!r} in a pattern stands alone",
                          hint=f'write the list as [{node!r}]')
    return node


def _add_verb(lex: Lexicon, ptype: str, entry: str, preps: tuple[str, ...], joint: bool,
              **topics) -> None:
    words = entry.split()
    if len(words) == 1:
        lex.verbs.setdefault(words[0], Frame(ptype, entry, preps, joint=joint, **topics))
    elif words[1].startswith("+"):
        prep = words[1][1:]
        lex.verb_preps.setdefault((words[0], prep), Frame(ptype, entry, (prep,), target_prep=prep,
                                                          joint=joint, **topics))
    elif len(words) == 3 and words[2].startswith("+"):
        # "lash out +at": a verb with its particle and the preposition of its target
        prep = words[2][1:]
        lex.verb_particles.setdefault((words[0], words[1]), Frame(
            ptype, entry, (prep, *preps), target_prep=prep, joint=joint, **topics))
    else:
        lex.verb_particles.setdefault((words[0], words[1]),
                                      Frame(ptype, entry, preps, joint=joint, **topics))
