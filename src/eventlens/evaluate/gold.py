"""Scoring against a gold folder in the ANNOTATION.md format (articles/*.txt + gold.jsonl)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eventlens.errors import EvalError
from eventlens.metrics import prf
from eventlens.model import Article, ArticleResult


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    record: dict
    article: Article


SPLITS = ("dev", "sealed")


def is_sealed(item: GoldArticle) -> bool:
    """Whether the article belongs to the sealed test split, whose errors nobody reads."""
    return item.record.get("split", "dev") == "sealed"


def country_of(code: str) -> str:
    """The country or organisation part of an actor code: 'RUS:GOV' -> 'RUS'."""
    return (code or "").split(":")[0].strip().upper()


def read_gold(folder: Path) -> list[GoldArticle]:
    """Read gold.jsonl and the article files it names; errors name the file and line."""
    from eventlens.ingest import read_sources

    gold_file = folder / "gold.jsonl"
    if not gold_file.is_file():
        raise EvalError("no gold.jsonl in the folder", where=str(folder))
    records = {}
    for number, line in enumerate(gold_file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(f"bad JSON: {exc.msg}", where=f"{gold_file}:{number}") from exc
        if "id" not in record:
            raise EvalError("record has no id", where=f"{gold_file}:{number}")
        records[str(record["id"])] = record
    out = []
    for rid, record in records.items():
        path = folder / "articles" / f"{rid}.txt"
        if not path.is_file():
            raise EvalError(f"article file for {rid!r} is missing", where=str(path))
        items = list(read_sources([path]))
        article = next((a for a in items if isinstance(a, Article)), None)
        if article is None:
            raise EvalError(f"cannot read article {rid!r}: {items[0] if items else 'empty'}",
                            where=str(path))
        out.append(GoldArticle(rid, record, article))
    return out


def _pred_keys(result: ArticleResult) -> Counter:
    keys = Counter()
    for ev in result.events:
        src = ev.source.actor.country
        tgt = ev.target.actor.country if ev.target else ""
        if src:
            keys[(src, ev.plover_type, tgt, ev.status.value)] += 1
    return keys


def _gold_keys(record: dict) -> Counter:
    keys = Counter()
    for ev in record.get("events", []):
        keys[(country_of(ev.get("source", "")), str(ev.get("type", "")).upper(),
              country_of(ev.get("target", "")), str(ev.get("status", "asserted")))] += 1
    return keys


def _match(gold: Counter, pred: Counter, same) -> tuple[int, int, int]:
    """Greedy one-to-one matching of gold and predicted event keys under `same`."""
    gold_left = list(gold.elements())
    tp = 0
    unmatched_pred = 0
    for key in pred.elements():
        hit = next((i for i, g in enumerate(gold_left) if same(g, key)), None)
        if hit is None:
            unmatched_pred += 1
        else:
            gold_left.pop(hit)
            tp += 1
    return tp, unmatched_pred, len(gold_left)


def strict(g, p) -> bool:
    return g == p


def lenient(g, p) -> bool:
    return g[1] == p[1] and ((g[0] and g[0] == p[0]) or (g[2] and g[2] == p[2]))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", (text or "").lower())


def by_split(gold: list[GoldArticle], score: Callable[[list[GoldArticle], bool], dict]) -> dict:
    """`score(articles, whole)` over the whole folder, with the same keys for its `dev` and
    `sealed` splits added where the folder's records name both (`whole` is False for a
    split: totals only, never error lists)."""
    report = score(gold, True)
    for split in SPLITS:
        part = [g for g in gold if is_sealed(g) == (split == "sealed")]
        if part and len(part) < len(gold):
            report[split] = score(part, False)
    return report


def score_gold(gold: list[GoldArticle], results: dict[str, ArticleResult]) -> dict:
    """Event scores over the whole folder, plus the same keys for its `dev` and `sealed`
    splits where the folder's records name a `split` (only totals, never error lists)."""
    return by_split(gold, lambda part, _whole: _score_articles(part, results))


def _score_articles(gold: list[GoldArticle], results: dict[str, ArticleResult]) -> dict:
    """Event P/R/F1 (strict with status, lenient on type and one actor), salient-event recall,
    status accuracy on matched events, and quote recall."""
    totals = {"strict": [0, 0, 0], "lenient": [0, 0, 0]}
    salient_found = salient_total = 0
    quote_found = quote_total = 0
    status_right = status_total = 0
    for item in gold:
        result = results[item.id]
        pred = _pred_keys(result)
        gkeys = _gold_keys(item.record)
        for name, same in (("strict", strict), ("lenient", lenient)):
            tp, fp, fn = _match(gkeys, pred, same)
            for i, v in enumerate((tp, fp, fn)):
                totals[name][i] += v
        pred_no_status = {(k[0], k[1], k[2]): k[3] for k in pred}
        for ev in item.record.get("events", []):
            key = (country_of(ev.get("source", "")), str(ev.get("type", "")).upper(),
                   country_of(ev.get("target", "")))
            if ev.get("salient"):
                salient_total += 1
                salient_found += any(lenient((*key, ""), p) for p in pred)
            if key in pred_no_status:
                status_total += 1
                status_right += pred_no_status[key] == ev.get("status", "asserted")
        for quote in item.record.get("quotes", []):
            quote_total += 1
            want = _words(quote.get("text", ""))[:6]
            quote_found += any(_contains(_words(q.text), want) for q in result.quotes)
    return {
        "articles": len(gold),
        "strict": prf(*totals["strict"]),
        "lenient": prf(*totals["lenient"]),
        "salient_recall": round(salient_found / salient_total, 4) if salient_total else 0.0,
        "status_accuracy": round(status_right / status_total, 4) if status_total else 0.0,
        "quote_recall": round(quote_found / quote_total, 4) if quote_total else 0.0,
    }


def _contains(words: list[str], want: list[str]) -> bool:
    if not want:
        return False
    n = len(want)
    return any(words[i : i + n] == want for i in range(len(words) - n + 1))
