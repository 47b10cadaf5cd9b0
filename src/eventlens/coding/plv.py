"""The PLV format: sentences with the source and target marked and a gold root, and our events'
labels in its terms.

Read by the type classifier's training (`coding.training`) and by PLV scoring
(`evaluate.plv`, which keeps these names importable).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from eventlens.errors import EvalError
from eventlens.model import Event, Status

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


def names_span(mention, span: tuple[int, int], sentence: str) -> bool:
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
               if (item.source is None or names_span(e.source, item.source, item.sentence))
               and (item.target is None or (e.target is not None and names_span(
                   e.target, item.target, item.sentence)))]
    if not matches:
        return None
    return max(matches, key=lambda e: e.confidence)
