"""Readers for the real-news evaluation formats: confliBERT `cameo_class` TSV and `cameo_ner` BIO,
WikiEvents JSON lines (both variants) and IndiaPoliceEvents JSON lines, and the sniffing that
tells them (and the PLV TSV) apart by extension and first lines."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from eventlens.datafiles import packaged_yaml
from eventlens.errors import EvalError

FORMATS = ("plv", "cameo_class", "cameo_ner", "wikievents", "police")
CAMEO_CLASS_LABELS = ("0", "1", "2", "3", "4")
_BIO_TAG = re.compile(r"O|[BI]-[STR]")
# Tokens written without a space before them, and tokens written without a space after them,
# when sentences are rebuilt from tokenised text.
_NO_SPACE_BEFORE = frozenset({".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "’s", "'",
                              "’", "n't", "'re", "'ve", "'ll", "'d", "'m", "”", "-"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "€", "£", "“", "‘", "-"})


@dataclass(frozen=True, slots=True)
class ClassSentence:
    """One cameo_class line: a sentence and its label, 0 (no PLOVER event) or a quad class."""

    line: int
    sentence: str
    label: str


@dataclass(frozen=True, slots=True)
class NerSentence:
    """One cameo_ner sentence rebuilt as text, with the character spans of its S, T and R tags."""

    line: int  # line of the sentence's first token
    text: str
    spans: tuple[tuple[str, int, int], ...]  # (S|T|R, start, end)


@dataclass(frozen=True, slots=True)
class PoliceSentence:
    """One IndiaPoliceEvents sentence with its labels (KILL, ARREST, FAIL, FORCE, ANY_ACTION)."""

    line: int
    doc_id: str
    sent_id: int
    text: str
    labels: frozenset[str]


@cache
def realnews_mapping() -> dict:
    """The packaged mapping of the real-news sets to PLOVER (data/realnews_mapping.yaml)."""
    return packaged_yaml("realnews_mapping.yaml")


def conflibert_quads(plover_type: str) -> tuple[str, ...]:
    """The ConfliBERT `cameo_class` labels an event of this type counts as (its own first)."""
    return tuple(realnews_mapping()["cameo_class"]["type_quads"].get(plover_type, ()))


def class0_not_judged(event) -> bool:
    """Whether a proposal on a ConfliBERT class-0 sentence says nothing of its rightness:
    class 0 also holds what our annotation codes as events (`class0_not_judged` in the
    mapping file: appeals as REQUEST, concern voiced over an act as ACCUSE)."""
    rules = realnews_mapping()["cameo_class"].get("class0_not_judged", {})
    if event.plover_type not in rules:
        return False
    words = rules[event.plover_type]
    return not words or bool(set(event.trigger.lower().replace("+", " ").split()) & set(words))


def event_quads(event) -> tuple[str, ...]:
    """The ConfliBERT labels an event counts as, read by its label in PLV's terms, since the
    set's labels were checked against PLV roots: an intention to cooperate ("agreed to allow
    aid workers in") is AGREE, verbal cooperation (1), not the material concession it
    announces (2); an announced attack or sanction is a THREATEN (3)."""
    from eventlens.coding.plv import plv_label

    return conflibert_quads(plv_label(event)) or conflibert_quads(event.plover_type)


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text rebuilt from tokens, spaced as written ("Russia 's" -> "Russia's"), and each
    token's character span in it."""
    parts, spans, pos = [], [], 0
    previous = None
    for token in tokens:
        glued = previous is None or token in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER \
            or (previous in ("'", "’") and token.lower() in ("s", "t"))
        if not glued:
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(token)))
        parts.append(token)
        pos += len(token)
        previous = token
    return "".join(parts), spans


def numbered_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, line without its end) of a UTF-8 text file; LF or CRLF ends."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise EvalError(f"cannot read {path}: {exc}", where=str(path)) from exc
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                yield number, line.rstrip("\r\n")
        except UnicodeDecodeError as exc:
            raise EvalError(f"not UTF-8 text: {exc.reason}", where=str(path)) from exc


def detect_format(path: Path) -> str:
    """Which evaluation format a file holds, from its extension and first lines: one of
    `FORMATS`. Raises EvalError naming the file when it is none of them."""
    first = []
    for _number, line in numbered_lines(path):
        if line.strip():
            first.append(line)
        if len(first) == 5:
            break
    if not first:
        raise EvalError("empty file", where=str(path))
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json") or first[0].lstrip().startswith("{"):
        fmt = _sniff_json(first[0])
    elif "\t" in first[0]:
        fmt = _sniff_tsv(first)
    else:
        fmt = "cameo_ner" if all(_bio_fields(line) for line in first) else None
    if fmt is None:
        raise EvalError("not a format eventlens eval reads", where=f"{path}:1",
                        hint="PLV TSV (with a header), confliBERT cameo_class TSV or cameo_ner "
                             "BIO text, WikiEvents or IndiaPoliceEvents JSON lines, or a gold "
                             "folder")
    return fmt


def _sniff_json(line: str) -> str | None:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return None
    if not isinstance(record, dict):
        return None
    if {"sent_labels", "sent_text", "doc_id"} <= set(record):
        return "police"
    if "event_mentions" in record and "tokens" in record:
        return "wikievents"
    return None


def _sniff_tsv(first: list[str]) -> str | None:
    """PLV TSV has a header naming `marked_sentence` and `gold_root`; cameo_class has none and
    two columns, the second a label 0-4."""
    if {"marked_sentence", "gold_root"} <= set(first[0].split("\t")):
        return "plv"
    if all(len(f := line.split("\t")) == 2 and f[1].strip() in CAMEO_CLASS_LABELS
           for line in first):
        return "cameo_class"
    return None


def _bio_fields(line: str) -> tuple[str, str] | None:
    token, _, tag = line.rpartition(" ")
    return (token, tag) if token and _BIO_TAG.fullmatch(tag) else None


def read_cameo_class(path: Path) -> list[ClassSentence]:
    """Read a cameo_class TSV (`sentence<TAB>label`, no header); a bad line names its place."""
    items = []
    for number, line in numbered_lines(path):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 2 or not fields[0].strip():
            raise EvalError("expected `sentence<TAB>label`", where=f"{path}:{number}")
        label = fields[1].strip()
        if label not in CAMEO_CLASS_LABELS:
            raise EvalError(f"label {label!r} is not 0-4", where=f"{path}:{number}")
        items.append(ClassSentence(number, fields[0].strip(), label))
    return items


def read_cameo_ner(path: Path) -> list[NerSentence]:
    """Read cameo_ner BIO text (`token TAG` lines, a blank line after each sentence) into
    sentences rebuilt as text with their S/T/R spans; a bad line names its place."""
    items: list[NerSentence] = []
    tokens: list[tuple[str, str]] = []
    start_line = 0
    for number, line in numbered_lines(path):
        if not line.strip():
            if tokens:
                items.append(_ner_sentence(start_line, tokens))
            tokens = []
            continue
        fields = _bio_fields(line.strip())
        if fields is None:
            raise EvalError("expected `token TAG` with TAG O, B-S/I-S, B-T/I-T or B-R/I-R",
                            where=f"{path}:{number}")
        if not tokens:
            start_line = number
        tokens.append(fields)
    if tokens:
        items.append(_ner_sentence(start_line, tokens))
    return items


def _ner_sentence(line: int, tagged: list[tuple[str, str]]) -> NerSentence:
    """A sentence from (token, tag) pairs; an I- tag without its B- starts a span, as BIO
    readers usually take it."""
    text, offsets = detokenize([token for token, _tag in tagged])
    spans: list[list] = []
    open_kind = None
    for (_token, tag), (start, end) in zip(tagged, offsets, strict=True):
        kind = tag[2:] if tag != "O" else None
        if kind is not None and (tag.startswith("B-") or kind != open_kind):
            spans.append([kind, start, end])
        elif kind is not None:
            spans[-1][2] = end
        open_kind = kind
    return NerSentence(line, text, tuple((k, s, e) for k, s, e in spans))


def read_police(path: Path) -> list[PoliceSentence]:
    """Read IndiaPoliceEvents JSON lines (`doc_id`, `sent_id`, `sent_labels`, `sent_text`)."""
    items = []
    for number, line in numbered_lines(path):
        if not line.strip():
            continue
        record = json_object(line, path, number)
        try:
            labels = record["sent_labels"]
            text = record["sent_text"]
            item = PoliceSentence(number, str(record["doc_id"]), int(record["sent_id"]),
                                  str(text), frozenset(str(label) for label in labels))
        except (KeyError, TypeError, ValueError) as exc:
            raise EvalError(f"needs doc_id, sent_id, sent_labels (a list) and sent_text: {exc!r}",
                            where=f"{path}:{number}") from exc
        items.append(item)
    return items


def json_object(line: str, path: Path, number: int) -> dict:
    """The JSON object on a line; anything else is an error naming the file and line."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EvalError(f"bad JSON: {exc.msg}", where=f"{path}:{number}") from exc
    if not isinstance(record, dict):
        raise EvalError("a line must be one JSON object", where=f"{path}:{number}")
    return record
