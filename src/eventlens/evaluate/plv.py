"""Scoring on PLV-format TSV files: sentences with the source and target marked and a gold root."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from eventlens.errors import EvalError
from eventlens.evaluate.confidence import confident_result
from eventlens.evaluate.metrics import classification_scores
from eventlens.ingest import article_id
from eventlens.model import Article, Event, Status

# PLV merges CONCEDE and RETREAT into YIELD; scores are over these 15 labels.
PLV_LABELS = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "REQUEST", "ACCUSE",
              "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
NO_EVENT = "NONE"
# Acts whose announced intention CAMEO codes as a threat (13: boycott, sanction, coerce, attack).
THREAT_TYPES = frozenset({"PROTEST", "SANCTION", "COERCE", "ASSAULT"})
# An undated sentence is coded as if published on this day.
PLV_DATE = dt.date(2020, 1, 1)
_MARK = re.compile(r"</?[st]>")


@dataclass(frozen=True, slots=True)
class PlvItem:
    """One PLV row: the plain sentence, the character spans of source and target, the gold root."""

    line: int
    sentence: str
    source: tuple[int, int] | None  # None where PLV marks no source ("An actor")
    target: tuple[int, int] | None  # None where PLV marks no target ("a recipient")
    gold: str
    modality: str = ""


def read_plv(path: Path) -> list[PlvItem]:
    """Read a PLV TSV; a row whose marks cannot be found is an error naming its line."""
    items = []
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise EvalError(f"cannot read {path}: {exc}", where=str(path)) from exc
    with handle:
        reader = csv.DictReader(handle, delimiter="\t")
        needed = {"marked_sentence", "gold_root"}
        if not reader.fieldnames or not needed <= set(reader.fieldnames):
            raise EvalError(f"not a PLV file: needs columns {sorted(needed)}", where=f"{path}:1")
        for number, row in enumerate(reader, start=2):
            marked = row["marked_sentence"] or ""
            spans = marked_spans(marked)
            if spans is None:
                raise EvalError("no <s>…</s> or <t>…</t> mark, or an unbalanced one",
                                where=f"{path}:{number}")
            sentence, source, target = spans
            gold = (row["gold_root"] or "").strip().upper()
            if gold not in PLV_LABELS:
                raise EvalError(f"unknown gold root {gold!r}", where=f"{path}:{number}")
            items.append(PlvItem(number, sentence, source, target, gold,
                                 (row.get("modality_L2") or "").strip()))
    return items


def marked_spans(marked: str):
    """(plain sentence, source span, target span) of a sentence marked with <s>/<t>, or None."""
    plain, spans, pos, opened = [], {}, 0, {}
    for piece in re.split(r"(</?[st]>)", marked):
        if _MARK.fullmatch(piece):
            tag = piece.strip("</>")
            if piece.startswith("</"):
                if tag not in opened:
                    return None
                spans[tag] = (opened.pop(tag), pos)
            else:
                opened[tag] = pos
            continue
        plain.append(piece)
        pos += len(piece)
    if not spans or opened:
        return None
    return "".join(plain), spans.get("s"), spans.get("t")


def plv_label(event: Event) -> str:
    """An event's label in PLV's terms.

    PLV follows the 2021 CAMEO crosswalk, where an intention to cooperate (CAMEO 03: "agreed
    to meet", "will provide aid") is AGREE, an announced intention to boycott, sanction,
    coerce or attack is a threat (CAMEO 13: "said they would boycott the election"), a formal
    agreement concluded (CAMEO 057: "reached a trade deal") is SUPPORT, imposing sanctions
    (CAMEO 163) is COERCE, and CONCEDE and RETREAT are both YIELD.
    """
    from eventlens.coding.dyad import to_plv

    if event.status is Status.INTENDED and event.quad_class in (1, 2):
        return "AGREE"
    if event.status is Status.INTENDED and event.plover_type in THREAT_TYPES:
        return "THREATEN"
    if event.plover_type == "AGREE" and event.mode == "formal" and \
            event.status is Status.ASSERTED:
        return "SUPPORT"
    return to_plv(event.plover_type, event.mode)


def _overlaps(start: int, end: int, span: tuple[int, int]) -> bool:
    return start < span[1] and span[0] < end


def _names(mention, span: tuple[int, int], sentence: str) -> bool:
    """Whether a mention is the marked span, or the same name written elsewhere in the
    sentence: PLV marks one occurrence of a name that may stand twice ("shelled Kharkiv ...
    residents of Kharkiv" may be marked on the second), and both are one actor."""
    if _overlaps(mention.start, mention.end, span):
        return True
    return _folded(mention.text) == _folded(sentence[span[0]:span[1]])


def _folded(text: str) -> str:
    text = " ".join(text.lower().split())
    return text[4:] if text.startswith("the ") else text


def pick_event(events: list[Event], item: PlvItem) -> Event | None:
    """The coder's answer for a marked pair: the most confident event whose source and target
    are the marked spans (only the one marked where PLV marks one)."""
    matches = [e for e in events
               if (item.source is None or _names(e.source, item.source, item.sentence))
               and (item.target is None or (e.target is not None and _names(
                   e.target, item.target, item.sentence)))]
    if not matches:
        return None
    return max(matches, key=lambda e: e.confidence)


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
    return (_names(event.source, item.target, item.sentence)
            and _names(event.target, item.source, item.sentence)) or (
        _names(event.source, item.source, item.sentence)
        and _names(event.target, item.target, item.sentence))


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
