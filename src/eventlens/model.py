"""The vocabulary of eventlens: frozen dataclasses passed between the stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    """How the text presents an event."""

    ASSERTED = "asserted"
    INTENDED = "intended"
    DENIED = "denied"
    HYPOTHETICAL = "hypothetical"


@dataclass(frozen=True, slots=True)
class Article:
    """One dated news article, as every reader yields it.

    `id` is a hash of the normalised text (see `eventlens.ingest.article_id`), so the
    same text ingested twice is the same article.
    """

    id: str
    text: str
    published: dt.date
    title: str = ""
    url: str = ""
    outlet: str = ""
    origin: str = ""  # file (and line/record) the article was read from


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: country or organisation code plus role, e.g. RUS:GOV or NATO."""

    country: str  # ISO 3166 alpha-3, or an organisation acronym (NATO, EU, UN, ...)
    role: str = ""  # GOV, MIL, LEG, JUD, OPP, REB, MED, BUS, CVL, IGO, or ""
    name: str = ""  # person or body as named, e.g. "Vladimir Putin"

    @property
    def code(self) -> str:
        """RUS:GOV, NATO, or the role alone (GOV) where the country is not known, as CAMEO does."""
        if self.country and self.role:
            return f"{self.country}:{self.role}"
        return self.country or self.role

    @property
    def cameo_code(self) -> str:
        return f"{self.country}{self.role}"


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of an article that refers to an actor, and how it was resolved."""

    start: int  # character offsets into Article.text
    end: int
    text: str
    actor: Actor
    how: str  # title, knowledge-base, metonym, coreference, adjective, organisation, ...


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happened, resolved against the gazetteer (docs/places.md).

    `precision` is `site`, `city`, `adm1` or `country`; `how` says what placed it: `trigger`
    (a phrase attached to the event's trigger), `clause` (a place named in the same clause),
    `dateline` (the article's dateline) or `actor-country` (no place in the text: the target's
    else the source's country). `geonameid` is None for hand-written regions without one.
    """

    name: str  # the gazetteer's name of the place
    country: str  # ISO 3166 alpha-3
    lat: float
    lon: float
    precision: str
    how: str
    geonameid: int | None = None
    adm1: str = ""  # GeoNames admin1 code, e.g. "UA.12"
    adm1_name: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, when, with the sentence that says so."""

    article_id: str
    source: Mention
    target: Mention | None
    plover_type: str
    cameo_root: str
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    intensity: float  # -10 .. +10
    status: Status
    date: str  # YYYY-MM-DD, or YYYY-MM / YYYY where only that is known
    evidence_start: int  # sentence offsets into Article.text
    evidence_end: int
    trigger: str  # the word or frame that fired, e.g. "impose sanctions on"
    mode: str = ""
    location: str = ""
    coder: str = ""
    confidence: float = 1.0
    # further sentences stating the same act in the article, as (start, end) offsets in text
    # order; the first sentence is evidence_start/evidence_end
    more_evidence: tuple[tuple[int, int], ...] = ()
    # ids of the rules that made this record: the proposing frame or reading, and any later
    # decision (the classifier's retype, an actor rewrite), e.g. ("frame:SANCTION:impose sanction",)
    why: tuple[str, ...] = ()
    # the resolved place (`location` keeps the place as written); None: not placed
    place: Place | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker."""

    article_id: str
    speaker: str
    actor: Actor | None
    text: str
    start: int
    end: int
    kind: str = "direct"  # direct | according-to


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything the pipeline extracted from one article."""

    article: Article
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    mentions: tuple[Mention, ...] = ()
    sentences: tuple[tuple[int, int], ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Claim:
    """A commitment an actor stated: a promise or plan, a threat, a demand with a deadline, or
    a denial, with what it is about (an event type and target) and when it falls due.

    `due_from`..`due_by` is the window in which the act would settle it (`due_how` says how the
    window was found: explicit, named-period, coder-date or default). `event_id` is the stored
    event record that states it (the earliest report when several state the same claim).
    """

    claim_id: str
    kind: str  # promise | plan | threat | demand | denial
    claimant: str  # actor code, e.g. RUS:GOV
    plover_type: str  # the act promised, threatened, demanded or denied
    target: str  # actor code or ""
    claim_date: dt.date  # publication date of the article that states it
    due_from: dt.date
    due_by: dt.date
    due_text: str
    due_how: str
    event_id: str
    article_id: str
    evidence_start: int
    evidence_end: int
    evidence: str
    confidence: float = 1.0
    reports: int = 1
    match_types: tuple[str, ...] = ()  # event types that settle it (the act, or what complies)
    story_id: str = ""  # the story of the article that states it: its reports are no outcome


@dataclass(frozen=True, slots=True)
class ClaimOutcome:
    """Where a claim stands as of a date: open, fulfilled, overdue, contradicted, carried-out
    or lapsed, with the stored event that settled it (if any) and how sure the match is."""

    claim_id: str
    state: str
    as_of: dt.date
    event_id: str = ""
    article_id: str = ""
    event_date: dt.date | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None
    evidence: str = ""
    confidence: float | None = None
    why: str = ""
