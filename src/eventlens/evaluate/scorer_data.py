"""Labelled proposals for the event scorer: the coder's proposed events on text people
annotated, each marked right (1) or wrong (0) by that annotation.

Sources (docs/coder.md, "The event scorer"):
- gold folders in our ANNOTATION.md format, `dev` split only: a proposal is right when a
  gold event of its article has the same source country, type and target country;
- ConfliBERT's CAMEO sentences (real news, `cameo_class` TSV: sentence and quad class 0-4,
  0 = political talk PLOVER does not code), joined by text to their source/target spans in
  `cameo_ner` where those exist: a proposal is right when its type counts as the sentence's
  quad class (as the set's README reads them: `type_quads` in data/realnews_mapping.yaml)
  and, where spans are known, its source lies in the source span and its target (if any)
  in the target span. Every proposal on a class-0 sentence is wrong, but a REQUEST or a
  voiced concern (ACCUSE), which are not judged there: class 0 holds CAMEO 02 appeals, which
  PLV and our annotators code as REQUEST ("urged NATO to stop expanding"), and CAMEO 012
  comments, where concern voiced over an act is a criticism to our annotators
  (`class0_not_judged` in data/realnews_mapping.yaml). Sentences the type
  classifier was trained on are left out: its probabilities, which the scorer weighs, are
  in-sample there;
- WikiEvents articles (real news, KAIROS events mapped to PLOVER): a proposal of a type the
  mapping produces is right when a gold event of its document has that type and one of its
  actors (`lenient_match`); proposals of other types (verbal ones KAIROS does not annotate)
  are not judged.
A label of None means "not judged": the proposal is left out of training.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eventlens.evaluate.gold import country_of, is_sealed, read_gold
from eventlens.evaluate.realnews import (
    NerSentence,
    class0_not_judged,
    event_quads,
    read_cameo_class,
    read_cameo_ner,
)
from eventlens.evaluate.realnews_scores import lenient_match
from eventlens.evaluate.realnews_wiki import plover_gold, plover_types, read_wikievents
from eventlens.ingest.ids import article_id
from eventlens.model import Article, Event

# ConfliBERT's sentences carry no date; their events are mostly from the 2010s.
UNDATED = dt.date(2015, 6, 1)


@dataclass(frozen=True, slots=True)
class LabelledDoc:
    """An article to code, the group it must stay in across folds, and how to judge events."""

    article: Article
    group: str
    corpus: str
    label: Callable[[Event], int | None]
    record: dict | None = None  # the gold record, for gold-folder scores


def event_key(event: Event) -> tuple[str, str, str]:
    return (event.source.actor.country, event.plover_type,
            event.target.actor.country if event.target else "")


def gold_docs(folder: Path, *, split: str = "dev") -> list[LabelledDoc]:
    """Articles of one split of a gold folder, labelled by their gold events."""
    docs = []
    for item in read_gold(folder):
        if is_sealed(item) != (split == "sealed"):
            continue
        keys = {(country_of(e.get("source", "")), str(e.get("type", "")).upper(),
                 country_of(e.get("target", ""))) for e in item.record.get("events", [])}
        docs.append(LabelledDoc(item.article, f"{folder.name}:{item.record.get('story', item.id)}",
                                f"gold:{folder.name}",
                                lambda ev, keys=keys: int(event_key(ev) in keys), item.record))
    return docs


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _spans(item: NerSentence) -> dict[str, list[tuple[int, int]]]:
    """Source and target spans of a NER sentence; an R span (both sides) is in both."""
    out: dict[str, list[tuple[int, int]]] = {"S": [], "T": []}
    for kind, start, end in item.spans:
        for side in ("S", "T") if kind == "R" else (kind,):
            out[side].append((start, end))
    return out


def _overlaps(mention, spans: list[tuple[int, int]]) -> bool:
    return any(mention.start < e and s < mention.end for s, e in spans)


def conflibert_docs(class_file: Path, ner_file: Path | None = None, *,
                    exclude: frozenset[str] = frozenset()) -> list[LabelledDoc]:
    """ConfliBERT sentences as one-sentence articles labelled by quad class and, where the
    NER file has the same sentence, by its source and target spans; sentences whose squashed
    text is in `exclude` are left out."""
    spans_by_text = {}
    if ner_file is not None and ner_file.is_file():
        spans_by_text = {_squash(it.text): (it.text, _spans(it)) for it in read_cameo_ner(ner_file)}
    docs = []
    for item in read_cameo_class(class_file):
        text, quad = item.sentence, item.label
        if _squash(text) in exclude:
            continue
        known = spans_by_text.get(_squash(text))
        body = known[0] if known else text
        spans = known[1] if known else None
        group = "conflibert:" + " ".join(body.lower().split()[:4])
        docs.append(LabelledDoc(Article(article_id(body), body, UNDATED), group, "conflibert",
                                lambda ev, q=int(quad), sp=spans: _conflibert_label(ev, q, sp)))
    return docs


def _conflibert_label(event: Event, quad: int, spans: dict | None) -> int | None:
    if quad == 0 and class0_not_judged(event):
        return None
    if quad == 0 or str(quad) not in event_quads(event):
        return 0
    if spans is None:
        return 1
    if spans["S"] and not _overlaps(event.source, spans["S"]):
        return 0
    if event.target is not None and spans["T"] and not _overlaps(event.target, spans["T"]):
        return 0
    return 1


def squashed_sentences(texts) -> frozenset[str]:
    """Sentences reduced to lower-case letters and digits, to find one in another file."""
    return frozenset(_squash(t) for t in texts)


def wikievents_docs(path: Path) -> list[LabelledDoc]:
    """WikiEvents documents as articles, proposals judged against their mapped KAIROS events."""
    types = frozenset(plover_types())
    docs = []
    for doc in read_wikievents(path):
        gold, _unmapped = plover_gold(doc)
        docs.append(LabelledDoc(Article(article_id(doc.text), doc.text, UNDATED),
                                f"wikievents:{doc.doc_id}", "wikievents",
                                lambda ev, g=tuple(gold): _wiki_label(ev, g, types)))
    return docs


def _wiki_label(event: Event, gold: tuple, types: frozenset[str]) -> int | None:
    if event.plover_type not in types:
        return None  # KAIROS does not annotate verbal types: not judged
    return int(any(lenient_match(g, event) for g in gold))
