"""A small, deterministic demo store built from hand-written results (no spaCy model needed).

Used by the API and browser tests and for trying the dashboard: `build_demo_store(path)`.
The sentences are our own wording about real 2021-2022 events, generated from templates so
that dyad timelines have enough points to look at; they are not coder output. Every fourth
article is also carried by a second wire (a syndicated copy), and story grouping merges the
acts the copies repeat, so that merged events and reports differ as in real news. One report
from 2014 lies far from the rest, as a stray old story does in real feeds. Each act has a place
set by hand, as the geocoder gives one: the place its sentence names (Kharkiv, Istanbul,
Crimea), else its target's country; acts aimed at NATO or the EU have none (the map page).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import random
import re
from pathlib import Path

from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Place, Quote, Status
from eventlens.vocabulary import plover_types

# code -> phrases that name it, each with the role it implies.
ACTORS: dict[str, list[tuple[str, str]]] = {
    "RUS": [("Russian forces", "MIL"), ("Moscow", "GOV"), ("The Kremlin", "GOV"),
            ("Russia", "")],
    "UKR": [("Kyiv", "GOV"), ("Ukrainian troops", "MIL"), ("Ukraine", "")],
    "USA": [("Washington", "GOV"), ("The White House", "GOV"), ("The United States", "")],
    "CHN": [("Beijing", "GOV"), ("China", "")],
    "NATO": [("NATO", "IGO")],
    "EU": [("The European Union", "IGO")],
    "DEU": [("Berlin", "GOV"), ("Germany", "")],
    "POL": [("Warsaw", "GOV"), ("Poland", "")],
}

TEMPLATES: dict[str, list[str]] = {
    "ASSAULT": ["{S} shelled positions held by {T} near Kharkiv.",
                "{S} launched missile strikes against {T} overnight."],
    "MOBILIZE": ["{S} moved more armoured units towards {T}."],
    "THREATEN": ["{S} warned {T} of severe consequences."],
    "ACCUSE": ["{S} accused {T} of violating the ceasefire.",
               "{S} condemned {T} for the attacks on civilians."],
    "SANCTION": ["{S} imposed new sanctions on {T}."],
    "REJECT": ["{S} rejected the demands made by {T}."],
    "REQUEST": ["{S} urged {T} to return to talks."],
    "CONSULT": ["{S} held talks with {T} in Istanbul.", "{S} spoke by phone with {T}."],
    "AGREE": ["{S} agreed with {T} to open humanitarian corridors."],
    "SUPPORT": ["{S} voiced support for {T}."],
    "AID": ["{S} sent military aid to {T}.", "{S} delivered humanitarian aid to {T}."],
    "COOPERATE": ["{S} signed a grain export deal with {T}."],
    "RETREAT": ["{S} withdrew units from the area around {T}."],
}

# (source, target, start, days, weights by type): the story arcs of the demo.
ARCS = [
    ("RUS", "UKR", dt.date(2021, 12, 1), 200,
     {"MOBILIZE": 3, "THREATEN": 2, "ASSAULT": 6, "CONSULT": 1, "REJECT": 1, "RETREAT": 1}),
    ("UKR", "RUS", dt.date(2021, 12, 1), 200,
     {"ACCUSE": 4, "CONSULT": 1, "REQUEST": 2, "ASSAULT": 2, "REJECT": 1}),
    ("USA", "RUS", dt.date(2021, 12, 10), 180, {"SANCTION": 3, "THREATEN": 1, "ACCUSE": 2,
                                                "CONSULT": 1}),
    ("RUS", "USA", dt.date(2021, 12, 10), 180, {"ACCUSE": 2, "REJECT": 1, "CONSULT": 1}),
    ("USA", "UKR", dt.date(2022, 1, 15), 160, {"AID": 4, "SUPPORT": 2, "CONSULT": 1}),
    ("EU", "RUS", dt.date(2022, 2, 20), 120, {"SANCTION": 3, "ACCUSE": 1}),
    ("EU", "UKR", dt.date(2022, 2, 25), 120, {"AID": 2, "SUPPORT": 2}),
    ("CHN", "RUS", dt.date(2021, 12, 15), 180, {"CONSULT": 2, "SUPPORT": 1, "COOPERATE": 1}),
    ("NATO", "RUS", dt.date(2022, 1, 5), 150, {"ACCUSE": 2, "REQUEST": 1, "CONSULT": 1}),
    ("RUS", "NATO", dt.date(2022, 1, 5), 150, {"THREATEN": 2, "REQUEST": 1}),
    ("POL", "UKR", dt.date(2022, 2, 24), 100, {"AID": 2, "SUPPORT": 1}),
    ("DEU", "UKR", dt.date(2022, 2, 26), 100, {"AID": 2, "CONSULT": 1}),
    ("UKR", "DEU", dt.date(2022, 2, 26), 100, {"REQUEST": 2}),
]

INVASION = dt.date(2022, 2, 24)

# Where the demo's acts happened, as the geocoder places them (GeoNames ids, coordinates and
# admin1 codes): the place a sentence names, else the target's country at precision
# `country`; acts aimed at NATO or the EU have no place.
PLACES = {
    "near Kharkiv": Place("Kharkiv", "UKR", 49.98081, 36.25272, "city", "trigger", 706483,
                          "UA.07", "Kharkivska"),
    "in Istanbul": Place("Istanbul", "TUR", 41.01384, 28.94966, "city", "trigger", 745044,
                         "TR.34", "Istanbul"),
    "in Crimea": Place("Crimea", "UKR", 45.0, 34.0, "adm1", "trigger", 703883, "UA.11",
                       "Crimea"),
}
COUNTRY_PLACES = {
    "UKR": Place("Ukraine", "UKR", 49.0, 32.0, "country", "actor-country", 690791),
    "RUS": Place("Russia", "RUS", 60.0, 100.0, "country", "actor-country", 2017370),
    "USA": Place("United States", "USA", 39.76, -98.5, "country", "actor-country", 6252001),
    "CHN": Place("China", "CHN", 35.0, 105.0, "country", "actor-country", 1814991),
    "DEU": Place("Germany", "DEU", 51.5, 10.5, "country", "actor-country", 2921044),
    "POL": Place("Poland", "POL", 52.0, 20.0, "country", "actor-country", 798544),
}


def demo_place(sentence: str, target: str) -> Place | None:
    """The place of a demo act stated by `sentence` against `target` (a code), if any."""
    for phrase, place in PLACES.items():
        if phrase in sentence:
            return place
    return COUNTRY_PLACES.get(target)

SPEAKERS = [("Dmitry Peskov", "RUS", "We have no plans to attack anyone"),
            ("Volodymyr Zelensky", "UKR", "We will defend our country"),
            ("Antony Blinken", "USA", "The door to diplomacy remains open"),
            ("Wang Yi", "CHN", "All parties should exercise restraint")]

TITLES = {"ASSAULT": "Fighting reported near Kharkiv", "SANCTION": "New sanctions announced",
          "AID": "Aid shipment arrives", "CONSULT": "Officials hold talks",
          "ACCUSE": "Accusations traded over ceasefire", "THREATEN": "Warnings exchanged",
          "MOBILIZE": "Troop build-up continues"}


def demo_results(*, seed: int = 7, articles: int = 160) -> list[ArticleResult]:
    """Hand-written-style articles with their events, quotes and mentions."""
    rng = random.Random(seed)
    types = {t.name: t for t in plover_types()}
    out = []
    for n in range(articles):
        arc = ARCS[n % len(ARCS)]
        day = _arc_day(rng, arc)
        picks = [_pick_event(rng, arc, day) for _ in range(rng.choice((1, 2, 2, 3)))]
        sentences, specs = [], []
        for src, tgt, ptype in picks:
            s_phrase, s_role = rng.choice(ACTORS[src])
            t_phrase, t_role = rng.choice(ACTORS[tgt])
            t_phrase = t_phrase[0].lower() + t_phrase[1:] if t_phrase.startswith("The ") \
                else t_phrase
            sentence = rng.choice(TEMPLATES[ptype]).format(S=s_phrase, T=t_phrase)
            if sentence in sentences:
                continue
            sentences.append(sentence)
            specs.append((src, s_role, s_phrase, tgt, t_role, t_phrase, ptype))
        quote = rng.random() < 0.45
        speaker = rng.choice(SPEAKERS)
        if quote:
            sentences.append(f"\u201c{speaker[2]},\u201d {speaker[0]} told reporters.")
        text = f"Reported on {day:%d %B %Y}. " + " ".join(sentences)
        title = TITLES.get(specs[0][6], "Diplomatic round-up") + f" ({day:%d %b})"
        art = Article(_article_id(text), text, day, title=title,
                      url=f"https://example.org/demo/{n:03d}", outlet="Demo Wire",
                      origin="eventlens.api.demo")
        events, mentions, pos = [], [], text.index(sentences[0])
        for sentence, (src, s_role, s_phrase, tgt, t_role, t_phrase, ptype) in zip(
                sentences, specs, strict=False):
            start = text.index(sentence, pos)
            end = start + len(sentence)
            pos = end
            s_m = Mention(start, start + len(s_phrase), s_phrase, Actor(src, s_role),
                          "knowledge-base")
            t_at = text.index(t_phrase, start + len(s_phrase))
            t_m = Mention(t_at, t_at + len(t_phrase), t_phrase, Actor(tgt, t_role),
                          "knowledge-base")
            info = types[ptype]
            status = _status(rng, ptype)
            events.append(Event(art.id, s_m, t_m, ptype, info.cameo_root, info.quad_class,
                                info.intensity, status, day.isoformat(), start, end,
                                _trigger(sentence, s_phrase), coder="demo", confidence=0.9,
                                why=(f"frame:{ptype}:{_trigger(sentence, s_phrase)}",),
                                place=demo_place(sentence, tgt)))
            mentions += [s_m, t_m]
        quotes = ()
        if quote:
            q_start = text.index("\u201c") + 1
            q_end = text.index("\u201d") - 1
            quotes = (Quote(art.id, speaker[0], Actor(speaker[1], "GOV", speaker[0]),
                            text[q_start:q_end], q_start, q_end),)
        out.append(ArticleResult(art, tuple(events), quotes, tuple(mentions),
                                 tuple(_sentences(text))))
    return out


def syndicated_copy(res: ArticleResult, outlet: str, dateline: str) -> ArticleResult:
    """The same article as another wire carries it: a dateline before the text, the same
    events, quotes and mentions (offsets moved by the dateline's length)."""
    shift = len(dateline)
    text = dateline + res.article.text
    art = dataclasses.replace(res.article, id=_article_id(text), text=text, outlet=outlet,
                              url=res.article.url.replace("example.org", "wire.example"))
    moved = lambda m: dataclasses.replace(m, start=m.start + shift, end=m.end + shift)  # noqa: E731
    events = tuple(dataclasses.replace(
        e, article_id=art.id, source=moved(e.source),
        target=moved(e.target) if e.target else None,
        evidence_start=e.evidence_start + shift, evidence_end=e.evidence_end + shift)
        for e in res.events)
    quotes = tuple(dataclasses.replace(q, article_id=art.id, start=q.start + shift,
                                       end=q.end + shift) for q in res.quotes)
    return ArticleResult(art, events, quotes, tuple(moved(m) for m in res.mentions),
                         tuple((a + shift, b + shift) for a, b in res.sentences))


def stray_report() -> ArticleResult:
    """One report of 2014, years before the demo's other events."""
    day = dt.date(2014, 3, 1)
    sentence = "Russian forces seized government buildings held by Ukraine in Crimea."
    text = f"Reported on {day:%d %B %Y}. {sentence}"
    art = Article(_article_id(text), text, day, title="Buildings seized in Crimea (01 Mar)",
                  url="https://example.org/demo/2014", outlet="Demo Wire",
                  origin="eventlens.api.demo")
    start = text.index(sentence)
    src = Mention(start, start + 14, "Russian forces", Actor("RUS", "MIL"), "knowledge-base")
    t_at = text.index("Ukraine")
    tgt = Mention(t_at, t_at + 7, "Ukraine", Actor("UKR", ""), "knowledge-base")
    info = {t.name: t for t in plover_types()}["COERCE"]
    event = Event(art.id, src, tgt, "COERCE", info.cameo_root, info.quad_class, info.intensity,
                  Status.ASSERTED, day.isoformat(), start, start + len(sentence), "seized",
                  coder="demo", confidence=0.9, why=("frame:COERCE:seized",),
                  place=demo_place(sentence, "UKR"))
    return ArticleResult(art, (event,), (), (src, tgt), tuple(_sentences(text)))


def _article_id(text: str) -> str:
    # Same shape as eventlens.ingest.article_id, without importing the readers.
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _arc_day(rng: random.Random, arc) -> dt.date:
    src, tgt, start, days, _ = arc
    # Coverage thickens after the invasion, as real news did.
    offset = int(days * (rng.random() ** 0.8))
    return start + dt.timedelta(days=offset)


def _pick_event(rng: random.Random, arc, day: dt.date) -> tuple[str, str, str]:
    src, tgt, _, _, weights = arc
    names = list(weights)
    w = [weights[t] * (3 if t == "ASSAULT" and day >= INVASION else 1)
         * (0.1 if t == "ASSAULT" and day < INVASION else 1) for t in names]
    return src, tgt, rng.choices(names, w)[0]


def _status(rng: random.Random, ptype: str) -> Status:
    roll = rng.random()
    if ptype in ("ASSAULT", "MOBILIZE") and roll < 0.08:
        return Status.DENIED
    if ptype in ("CONSULT", "AGREE", "AID") and roll < 0.15:
        return Status.INTENDED
    if roll < 0.03:
        return Status.HYPOTHETICAL
    return Status.ASSERTED


def _trigger(sentence: str, source_phrase: str) -> str:
    # Every template puts the verb right after the source phrase.
    return sentence[len(source_phrase):].split()[0]


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?\u201d]+[.!?\u201d]+", text)]


def build_demo_store(path: str | Path, *, seed: int = 7, articles: int = 160) -> Path:
    """Write the demo articles into a new store at `path`; returns the path."""
    from eventlens.claims import refresh_claims
    from eventlens.store import open_store
    from eventlens.stories import update_stories

    results = demo_results(seed=seed, articles=articles)
    copies = [syndicated_copy(r, "Second Wire", "KYIV (Second Wire) - ") for r in results[::4]]
    with open_store(path) as store:
        store.add_results([*results, *copies, stray_report()], source="eventlens.api.demo",
                          coder="demo", coder_version="demo")
        update_stories(store)
        refresh_claims(store)
    return Path(path)
