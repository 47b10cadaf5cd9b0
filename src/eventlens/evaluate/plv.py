"""Scoring on PLV-format TSV files: sentences with the source and target marked and a gold root.

The format itself (reading, labels, the coder's answer for a marked pair) is `coding.plv`, below
the type classifier's training; its names stay importable here.
"""

from __future__ import annotations

from eventlens.coding.plv import (
    NO_EVENT,
    PLV_DATE,
    PLV_LABELS,
    THREAT_TYPES,
    PlvItem,
    marked_spans,
    names_span,
    pick_event,
    plv_label,
    read_plv,
)
from eventlens.evaluate.confidence import confident_result
from eventlens.ingest import article_id
from eventlens.metrics import classification_scores
from eventlens.model import Article, Event

__all__ = ["NO_EVENT", "PLV_DATE", "PLV_LABELS", "THREAT_TYPES", "PlvItem", "marked_spans",
           "pick_event", "plv_label", "read_plv", "score_plv", "score_plv_dyad_given"]


def score_plv(items: list[PlvItem], *, coder, nlp=None, min_confidence: float = 0.0) -> dict:
    """End-to-end scores: the coder reads each plain sentence and must find the marked pair
    among its events of at least `min_confidence`."""
    from eventlens.nlp import parse

    articles = [Article(article_id(it.sentence), it.sentence, PLV_DATE, origin=f"plv:{it.line}")
                for it in items]
    gold, pred, status_pairs = [], [], []
    extra = 0
    for item, article, doc in zip(items, articles, parse([a.text for a in articles], nlp=nlp),
                                  strict=True):
        result = confident_result(coder.code(doc, article), min_confidence)
        event = pick_event(list(result.events), item)
        extra += sum(1 for e in result.events if e is not event and not _on_pair(e, item))
        gold.append(item.gold)
        pred.append(plv_label(event) if event else NO_EVENT)
        if event is not None and item.modality in ("past", "todo"):
            status_pairs.append((item.modality, event.status.value))
    scores = classification_scores(gold, pred, PLV_LABELS)
    scores["found_pair"] = round(sum(p != NO_EVENT for p in pred) / len(pred), 4) if pred else 0.0
    scores["modality_agreement"] = _modality(status_pairs)
    # PLV marks one pair a sentence; the other events are not judged by it, so their rate
    # stands beside the recall figures as the cost of what else the coder records
    scores["extra_events_per_sentence"] = round(extra / len(items), 4) if items else 0.0
    return scores


def _on_pair(event: Event, item: PlvItem) -> bool:
    """Whether an event joins the marked pair in either direction (a joint act's reverse)."""
    sides = [item.source, item.target]
    if None in sides or event.target is None:
        return False
    return (names_span(event.source, item.target, item.sentence)
            and names_span(event.target, item.source, item.sentence)) or (
        names_span(event.source, item.source, item.sentence)
        and names_span(event.target, item.target, item.sentence))


def score_plv_dyad_given(items: list[PlvItem], *, model, nlp=None) -> dict:
    """Dyad-given scores: the classifier is told the marked spans and names the type."""
    from eventlens.coding.dyad import classify_doc
    from eventlens.coding.lexicon import load_lexicon
    from eventlens.nlp import parse

    lex = load_lexicon()
    gold, pred = [], []
    for item, doc in zip(items, parse([it.sentence for it in items], nlp=nlp), strict=True):
        result = classify_doc(doc, item.source, item.target, model=model, lex=lex)
        gold.append(item.gold)
        pred.append(result.label or NO_EVENT)
    return classification_scores(gold, pred, PLV_LABELS)


def _modality(pairs: list[tuple[str, str]]) -> dict:
    """How often our status agrees with PLV's past/todo column (todo ~ intended)."""
    if not pairs:
        return {"n": 0, "agreement": 0.0}
    agree = sum(1 for gold, ours in pairs if (gold == "todo") == (ours == "intended"))
    return {"n": len(pairs), "agreement": round(agree / len(pairs), 4)}
