"""The tracker's data (`data/claims.yaml`): which events state claims, their cues, the acts that
settle them, default and vague windows, and recurring named periods (games, summits)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from eventlens.datafiles import packaged_yaml
from eventlens.errors import ConfigError


@dataclass(frozen=True, slots=True)
class PeriodInstance:
    start: dt.date
    end: dt.date
    place: str
    label: str


@dataclass(frozen=True, slots=True)
class NamedPeriod:
    """A recurring period a text may name ("the Olympics", "the G20 summit")."""

    name: str
    phrases: tuple[str, ...]
    instances: tuple[PeriodInstance, ...] = ()
    annual: tuple[int, int] | None = None  # (month, day) of a period that is one day a year

    def instance(self, sentence: str, published: dt.date) -> PeriodInstance | None:
        """The instance a sentence of an article published on `published` means: the one
        whose place or year it names, else the first not over by then."""
        if self.annual is not None:
            month, day = self.annual
            date = dt.date(published.year, month, day)
            if date < published:
                date = dt.date(published.year + 1, month, day)
            return PeriodInstance(date, date, "", f"{self.name} {date.year}")
        text = sentence.lower()
        ahead = [i for i in self.instances if i.end >= published]
        named = [i for i in ahead if (i.place and has_phrase(text, i.place))
                 or str(i.start.year) in text]
        chosen = named or ahead
        return chosen[0] if chosen else None


@dataclass(frozen=True, slots=True)
class ClaimTables:
    """`data/claims.yaml`, read once."""

    threat_types: frozenset[str]
    promise_types: frozenset[str]
    symmetric_types: frozenset[str]
    threat_default: tuple[str, ...]
    compliance: tuple[str, ...]
    cues: dict[str, tuple[str, ...]]
    threatened_acts: dict[str, tuple[str, ...]]
    default_days: dict[str, int]
    vague_days: dict[str, int]
    named_periods: tuple[NamedPeriod, ...]

    def has_cue(self, sentence: str, name: str) -> bool:
        """Whether the sentence holds one of the cue words or phrases called `name`."""
        text = sentence.lower()
        return any(has_phrase(text, cue) for cue in self.cues.get(name, ()))

    def threatened(self, sentence: str) -> tuple[str, ...]:
        """The PLOVER types a threat in this sentence names (in table order), or ()."""
        text = sentence.lower()
        return tuple(t for t, words in self.threatened_acts.items()
                     if any(has_phrase(text, w) for w in words))


def has_phrase(text: str, phrase: str) -> bool:
    """Whether lower-case `text` holds `phrase` as whole words."""
    return _phrase_pattern(phrase).search(text) is not None


@functools.lru_cache(maxsize=1024)
def _phrase_pattern(phrase: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + re.escape(phrase.lower()) + r"(?![\w-])")


@functools.lru_cache(maxsize=1)
def claim_tables() -> ClaimTables:
    """The packaged tables.

    Raises:
        ConfigError: the file is missing a section or names a period without dates.
    """
    data = packaged_yaml("claims.yaml")
    try:
        types, cues = data["types"], data["cues"]
        periods = tuple(_period(p) for p in data["named_periods"])
        return ClaimTables(
            threat_types=frozenset(types["threat"]), promise_types=frozenset(types["promise"]),
            symmetric_types=frozenset(types["symmetric"]),
            threat_default=tuple(types["threat_default"]),
            compliance=tuple(types["compliance"]),
            cues={k: tuple(str(w) for w in v) for k, v in cues.items()},
            threatened_acts={k: tuple(str(w) for w in v)
                             for k, v in data["threatened_acts"].items()},
            default_days={k: int(v) for k, v in data["default_days"].items()},
            vague_days={str(k): int(v) for k, v in data["vague_days"].items()},
            named_periods=periods)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"data/claims.yaml is malformed: {exc}",
                          hint="see the comments at the top of the file") from exc


def _period(entry: dict) -> NamedPeriod:
    phrases = tuple(str(p).lower() for p in entry["phrases"])
    if "annual" in entry:
        return NamedPeriod(entry["name"], phrases,
                           annual=(int(entry["annual"]["month"]), int(entry["annual"]["day"])))
    instances = tuple(sorted((PeriodInstance(i["start"], i["end"], str(i.get("place", "")),
                                             str(i.get("label", "")))
                              for i in entry["instances"]), key=lambda i: i.start))
    if not instances:
        raise ValueError(f"named period {entry['name']!r} has no instances")
    return NamedPeriod(entry["name"], phrases, instances)
