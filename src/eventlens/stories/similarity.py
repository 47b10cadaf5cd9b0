"""Whether two reports tell of the same happening: TF-IDF cosine over content terms, overlap
of the coded events and actors, and closeness in time.

Terms are stored per article (`story_terms`) with document frequencies kept up to date
(`story_term_df`), so a new article is compared, within a few days of its date, with what is
stored; nothing already stored is re-read from text. A new article is compared only with the
articles that share two of its key terms (`store.story_candidates`): the work per article
stays the same however many articles a day brings.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass

import pyarrow as pa

from eventlens.store.story_candidates import blocked_cosine_runs
from eventlens.store.story_reads import feature_rows
from eventlens.store.story_tables import insert_terms
from eventlens.stories.memory import give_back_free_memory
from eventlens.stories.settings import StorySettings
from eventlens.stories.text import content_terms

# How much each kind of evidence counts towards the link score; see docs/stories.md.
WEIGHT_EVENTS = 0.2
WEIGHT_ACTORS = 0.2
PENALTY_PER_DAY = 0.2


@dataclass(frozen=True, slots=True)
class LinkEvidence:
    """Why two articles were (or were not) linked into one story."""

    article_a: str
    article_b: str
    cosine: float
    events: float  # shared coded events (source, type, target countries) over the smaller set
    actors: float  # Jaccard of the actor countries mentioned
    days: int  # publication dates apart
    lead_days: int | None  # dates of the two articles' lead events apart, where both have one
    score: float


def write_terms(con, rows: Sequence[tuple[str, dt.date, str, str]]) -> None:
    """Store the content terms of (article id, published, title, text) rows and update the
    document frequencies."""
    write_term_counts(con, [(a, day, content_terms(title, text)) for a, day, title, text in rows])


def write_term_counts(con, rows: Iterable[tuple[str, dt.date, Counter]]) -> None:
    """Store (article id, published, `content_terms` counts) rows and update the document
    frequencies."""
    ids, terms, tfs, days = [], [], [], []
    for article_id, published, counts in rows:
        for term, count in counts.items():
            ids.append(article_id)
            terms.append(term)
            tfs.append(float(count))
            days.append(published)
    if not ids:
        return
    table = pa.table({"article_id": ids, "term": terms, "tf": pa.array(tfs, pa.float32()),
                      "published": pa.array(days, pa.date32())})
    insert_terms(con, table)


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """What an article's coded events and mentions say about which happening it reports."""

    events: frozenset = frozenset()  # (source country, type, target country)
    actors: frozenset = frozenset()  # actor countries mentioned or coded
    lead_date: dt.date | None = None  # date of the first asserted, day-dated event in the text


def article_features(con, article_ids: Iterable[str]) -> dict[str, ArticleFeatures]:
    """Coded-event and actor features of each article."""
    ids = sorted(set(article_ids))
    events, leads, actors = feature_rows(con, ids)
    keys: dict[str, set] = defaultdict(set)
    countries: dict[str, set] = defaultdict(set)
    for article_id, source, kind, target in events:
        keys[article_id].add((source, kind, target))
        countries[article_id].update(c for c in (source, target) if c)
    for article_id, country in actors:
        countries[article_id].add(country)
    lead = dict(leads)
    return {a: ArticleFeatures(frozenset(keys[a]), frozenset(countries[a]), lead.get(a))
            for a in ids}


def link_evidence(a: str, b: str, cosine: float, days: int,
                  features: dict[str, ArticleFeatures]) -> LinkEvidence:
    """The combined score of a candidate pair.

    Time counts as the distance between the lead events' dates where both articles have one
    (a report published the next morning tells of the same day), else between publications.
    """
    fa, fb = features.get(a, ArticleFeatures()), features.get(b, ArticleFeatures())
    events_a, actors_a, events_b, actors_b = fa.events, fa.actors, fb.events, fb.actors
    lead_days = (abs((fa.lead_date - fb.lead_date).days)
                 if fa.lead_date and fb.lead_date else None)
    apart = days if lead_days is None else lead_days
    shared_events = (len(events_a & events_b) / min(len(events_a), len(events_b))
                     if events_a and events_b else 0.0)
    actor_jaccard = (len(actors_a & actors_b) / len(actors_a | actors_b)
                     if actors_a and actors_b else 0.0)
    score = (cosine + WEIGHT_EVENTS * shared_events + WEIGHT_ACTORS * actor_jaccard
             - PENALTY_PER_DAY * apart)
    return LinkEvidence(a, b, round(cosine, 4), round(shared_events, 4), round(actor_jaccard, 4),
                        days, lead_days, round(score, 4))


def story_links(con, pending_view: str, chunk: int, settings: StorySettings, *,
                span: tuple[dt.date, dt.date], copies: Set[tuple[str, str]] = frozenset()
                ) -> list[LinkEvidence]:
    """The chunk's (published from `span[0]` to `span[1]`) scored candidate pairs at or above
    `settings.link_score`, the story links, and those of `copies` (the chunk's near-duplicate
    pairs, whose cosine is stored with them) whatever their score.

    Candidates are the pairs within `settings.story_days` sharing `settings.min_shared_keys`
    key terms whose cosine reaches `settings.candidate_cosine`; the term window must be built
    (`build_term_window`). They are scored a run at a time and the rest dropped: a busy
    chunk has tens of thousands, most below the link score.
    """
    kept = []
    for run in blocked_cosine_runs(con, pending_view, chunk, days=settings.story_days,
                                   min_cosine=settings.candidate_cosine, span=span,
                                   min_shared=settings.min_shared_keys):
        features = article_features(con, {x for a, b, _, _ in run for x in (a, b)})
        for a, b, cosine, days in run:
            evidence = link_evidence(a, b, float(cosine), int(days), features)
            if evidence.score >= settings.link_score or (a, b) in copies:
                kept.append(evidence)
        give_back_free_memory()
    return kept
