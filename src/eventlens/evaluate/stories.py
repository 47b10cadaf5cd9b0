"""Scoring story clustering: B-cubed precision / recall / F1 against gold story slugs, and the
`stories` section of a gold-folder evaluation (clustering scores and event reduction)."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from urllib.parse import urlparse


def score_stories(gold_labels: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering.

    Args:
        gold_labels: article id -> gold story slug; these articles are scored.
        predicted: article id -> predicted story id. A gold article missing here counts as a
            story of its own; predicted articles without a gold label are ignored.
    Returns:
        {"precision", "recall", "f1"}, each the mean over gold articles (F1 is the harmonic
        mean of the two means), rounded to 4 places; all 0.0 when there is no gold article.
    """
    ids = list(gold_labels)
    if not ids:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    pred = {a: predicted.get(a, ("\x00alone", a)) for a in ids}
    pair_count = Counter((gold_labels[a], pred[a]) for a in ids)
    gold_size = Counter(gold_labels[a] for a in ids)
    pred_size = Counter(pred[a] for a in ids)
    precision = sum(pair_count[(gold_labels[a], pred[a])] / pred_size[pred[a]] for a in ids)
    recall = sum(pair_count[(gold_labels[a], pred[a])] / gold_size[gold_labels[a]] for a in ids)
    precision, recall = precision / len(ids), recall / len(ids)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def story_section(gold, results, *, settings=None) -> dict | None:
    """The `stories` section of a gold-folder report, or None when no record has a `story`.

    Codes nothing itself: writes the coded `results` to an in-memory store, runs
    `update_stories` over them as one batch and compares the stories with the gold slugs.

    Args:
        gold: the `GoldArticle`s of the folder (`eventlens.evaluate.gold.read_gold`).
        results: gold id -> the `ArticleResult` the pipeline made of that article.
    Returns:
        B-cubed scores, story counts, raw and merged event counts, their reduction, and the
        stories that mix gold slugs or split one (by gold id), for reading errors.
    """
    from eventlens.store import EventFilter, open_store
    from eventlens.stories import DEFAULT_SETTINGS, merged_events, story_assignments, update_stories

    labelled = [g for g in gold if g.record.get("story")]
    if not labelled:
        return None
    settings = settings or DEFAULT_SETTINGS
    with open_store(":memory:") as store:
        store.add_results([_with_outlet(results[g.id], g.record) for g in labelled],
                          source="<eval>", coder="eval")
        update = update_stories(store, settings=settings)
        placed = story_assignments(store)
        raw = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        merged = len(merged_events(store, EventFilter(), settings=settings).fetchall())
    gold_labels = {g.id: g.record["story"] for g in labelled}
    predicted = {g.id: placed[results[g.id].article.id] for g in labelled
                 if results[g.id].article.id in placed}
    return {
        "articles": len(labelled),
        "gold_stories": len(set(gold_labels.values())),
        "predicted_stories": len(set(predicted.values())),
        "bcubed": score_stories(gold_labels, predicted),
        "events_raw": raw,
        "events_merged": merged,
        "event_reduction": round(1 - merged / raw, 4) if raw else 0.0,
        "seconds": update.seconds,
        **_errors(gold_labels, predicted),
    }


def _with_outlet(result, record: dict):
    """The result with its article's outlet taken from the gold URL's host when it has none."""
    article = result.article
    if article.outlet:
        return result
    host = urlparse(str(record.get("url", ""))).netloc
    return dataclasses.replace(result, article=dataclasses.replace(article, outlet=host))


def _errors(gold_labels: dict[str, str], predicted: dict[str, str]) -> dict:
    by_pred: dict[str, list[str]] = defaultdict(list)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for article, story in predicted.items():
        by_pred[story].append(article)
        by_gold[gold_labels[article]].add(story)
    mixed = [sorted(members) for members in by_pred.values()
             if len({gold_labels[a] for a in members}) > 1]
    split = {slug: len(stories) for slug, stories in by_gold.items() if len(stories) > 1}
    return {"mixed_stories": sorted(mixed), "split_stories": dict(sorted(split.items()))}


def render_story_section(section: dict, console) -> None:
    """Print the stories section as a person reads it."""
    b = section["bcubed"]
    console.print(f"[bold]stories[/bold]: B-cubed P {b['precision']:.3f} R {b['recall']:.3f} "
                  f"F1 {b['f1']:.3f}  ({section['predicted_stories']} predicted, "
                  f"{section['gold_stories']} gold, {section['articles']} articles)")
    console.print(f"events: {section['events_raw']} raw -> {section['events_merged']} merged "
                  f"({section['event_reduction']:.1%} fewer)")
    for members in section["mixed_stories"]:
        console.print(f"  mixed: {', '.join(members)}")
    for slug, n in section["split_stories"].items():
        console.print(f"  split: {slug} into {n}")
