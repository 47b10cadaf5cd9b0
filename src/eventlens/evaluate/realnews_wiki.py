"""WikiEvents (KAIROS) documents: the reader for both JSON-lines variants and the mapping of
their events to the PLOVER events a coder is expected to find (data/realnews_mapping.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eventlens.errors import EvalError
from eventlens.evaluate.realnews import detokenize, json_object, numbered_lines, realnews_mapping


@dataclass(frozen=True, slots=True)
class KairosEvent:
    """One KAIROS event mention: its type, trigger span (characters into the document text),
    sentence number and (role, argument text) pairs."""

    kairos_type: str
    trigger: tuple[int, int]
    sentence: int
    arguments: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class WikiDocument:
    """A WikiEvents document rebuilt as text from its tokens, with its event mentions."""

    line: int
    doc_id: str
    text: str
    events: tuple[KairosEvent, ...]
    variant: str  # "dev" (token offsets, entities) or "train-human" (argument texts only)


@dataclass(frozen=True, slots=True)
class PloverGold:
    """A gold PLOVER event made from a KAIROS event: type, the texts that may stand for its
    source and its target (the same texts on both sides when reciprocal), the trigger span."""

    plover_type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    reciprocal: bool
    trigger: tuple[int, int]
    kairos_type: str

    @property
    def has_pair(self) -> bool:
        """Whether both sides are annotated (two parties, when reciprocal)."""
        if self.reciprocal:
            return len(self.sources) >= 2
        return bool(self.sources) and bool(self.targets)


def read_wikievents(path: Path) -> list[WikiDocument]:
    """Read WikiEvents JSON lines, either variant; a malformed line names its place."""
    docs = []
    for number, line in numbered_lines(path):
        if not line.strip():
            continue
        record = json_object(line, path, number)
        try:
            docs.append(_document(record, number))
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise EvalError(f"not a WikiEvents document: {exc!r}", where=f"{path}:{number}") \
                from exc
    return docs


def _document(record: dict, number: int) -> WikiDocument:
    tokens = [str(t) for t in record["tokens"]]
    text, offsets = detokenize(tokens)
    if "doc_id" in record:  # dev.jsonl: sentences carry their tokens, entities their offsets
        sentence_of = [i for i, s in enumerate(record["sentences"]) for _ in s[0]]
        variant, doc_id = "dev", str(record["doc_id"])
    else:  # wiki-train-human.jsonl: sentences were cut at every full stop
        sentence_of, current = [], 0
        for token in tokens:
            sentence_of.append(current)
            current += token == "."
        variant, doc_id = "train-human", str(record["docid"])
    if len(sentence_of) != len(tokens):
        raise ValueError("the sentences do not cover the tokens")
    events = []
    for mention in record["event_mentions"]:
        trigger = mention["trigger"]
        first = int(trigger.get("start", trigger.get("start_idx")))
        last = int(trigger.get("end", trigger.get("end_idx"))) - 1
        last = max(first, last)
        args = tuple((str(a["role"]), str(a["text"])) for a in mention.get("arguments", []))
        events.append(KairosEvent(str(mention["event_type"]),
                                  (offsets[first][0], offsets[last][1]), sentence_of[first], args))
    return WikiDocument(number, doc_id, text, tuple(events), variant)


def _rule(kairos_type: str) -> dict | None:
    """The mapping row for a KAIROS type: its full name first, then its first two levels."""
    table = realnews_mapping()["wikievents"]
    if kairos_type in table:
        return table[kairos_type]
    return table.get(".".join(kairos_type.split(".")[:2]))


def plover_types() -> list[str]:
    """The PLOVER types the WikiEvents mapping can produce, sorted."""
    return sorted({row["plover"] for row in realnews_mapping()["wikievents"].values()
                   if row.get("plover")})


def plover_gold(doc: WikiDocument) -> tuple[list[PloverGold], int]:
    """The PLOVER events a document's KAIROS events map to, and how many events map to none."""
    gold, unmapped = [], 0
    for event in doc.events:
        rule = _rule(event.kairos_type)
        roles = {role for role, _text in event.arguments}
        if not rule or not rule.get("plover") or (
                rule.get("requires") and not roles & set(rule["requires"])):
            unmapped += 1
            continue
        gold.append(_gold_event(event, rule, doc.events))
    return gold, unmapped


def _gold_event(event: KairosEvent, rule: dict, others: tuple[KairosEvent, ...]) -> PloverGold:
    def texts(roles, args):
        return tuple(text for role, text in args if role in roles)

    reciprocal = bool(rule.get("reciprocal"))
    if reciprocal:
        sources = targets = texts(rule["reciprocal"], event.arguments)
    else:
        sources = texts(rule.get("source", []), event.arguments)
        targets = texts(rule.get("target", []), event.arguments)
        linked = rule.get("linked_targets")
        if linked:
            for other in others:
                if other.sentence == event.sentence and any(
                        other.kairos_type.startswith(t) for t in linked["types"]):
                    targets += texts(linked["roles"], other.arguments)
    return PloverGold(rule["plover"], sources, targets, reciprocal, event.trigger,
                      event.kairos_type)
