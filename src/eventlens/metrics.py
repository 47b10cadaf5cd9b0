"""Plain metric functions: accuracy, per-label and macro F1, confusion counts, set P/R/F1.

Dependency-free, below both coding (its cross-validation) and evaluate (every score).
"""

from __future__ import annotations

from collections import Counter


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn}


def classification_scores(gold: list[str], pred: list[str], labels: list[str]) -> dict:
    """Accuracy, macro-F1 over `labels` (a prediction outside them counts as wrong), per-label F1
    and the confusion matrix as {gold: {pred: count}}."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    per_type = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
        per_type[label] = {**prf(tp, fp, fn), "support": tp + fn}
    present = [label for label in labels if per_type[label]["support"]]
    macro = sum(per_type[label]["f1"] for label in present) / len(present) if present else 0.0
    correct = sum(1 for g, p in zip(gold, pred, strict=True) if g == p)
    confusion: dict[str, Counter] = {}
    for g, p in zip(gold, pred, strict=True):
        confusion.setdefault(g, Counter())[p] += 1
    return {
        "n": len(gold),
        "accuracy": round(correct / len(gold), 4) if gold else 0.0,
        "macro_f1": round(macro, 4),
        "per_type": per_type,
        "confusion": {g: dict(c) for g, c in sorted(confusion.items())},
    }


def coverage_prf(right: int, predicted: int, found: int, gold: int) -> dict:
    """Precision as `right` of `predicted` items and recall as `found` of `gold` items, where the
    two are counted on different sides (events right vs gold spans found), and their F1."""
    precision = right / predicted if predicted else 0.0
    recall = found / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "right": right, "predicted": predicted, "found": found, "gold": gold}
