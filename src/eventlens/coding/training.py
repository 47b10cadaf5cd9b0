"""Training and cross-validating the type classifier on PLV-format data (needs scikit-learn)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eventlens.coding.candidates import NO_EVENT, candidate_dyads
from eventlens.coding.classifier import LinearModel
from eventlens.coding.features import dyad_features
from eventlens.coding.lexicon import load_lexicon
from eventlens.coding.plv import PLV_LABELS, PlvItem
from eventlens.coding.triggers import find_triggers
from eventlens.metrics import classification_scores
from eventlens.vocabulary import plover_types_of

DEFAULT_C = 10.0
DEFAULT_SEED = 13


JOINT_LABELS = plover_types_of("joint")  # done together: a pair is coded both ways


@dataclass(frozen=True, slots=True)
class Example:
    """One training example: features of a dyad, its label, and the PLV item it came from."""

    item: int
    feats: dict
    label: str
    marked: bool  # the marked pair itself (scored dyad-given); else a clause candidate
    spans: tuple = (None, None)  # the (source, target) character spans the features describe


def featurize(items: list[PlvItem], *, nlp=None, progress: Callable[[int], None] | None = None):
    """Parsed documents and training examples for PLV items.

    Each item gives its marked pair (with the gold label), the clause candidate that matches
    the marked pair (gold label again: the form the coder meets at run time), and the other
    clause candidates of the sentence labelled NONE (not the event the sentence reports).
    """
    from eventlens.nlp import parse

    lex = load_lexicon()
    docs, examples = [], []
    for n, (item, doc) in enumerate(zip(items, parse([it.sentence for it in items],
                                                     batch_size=64, nlp=nlp), strict=True)):
        docs.append(doc)
        examples.append(Example(n, dyad_features(doc, item.source, item.target, lex), item.gold,
                                True, (item.source, item.target)))
        for sent in doc.sents:
            triggers = find_triggers(sent, lex)
            for subj, obj, _verb in candidate_dyads(sent):
                src, tgt = char_span(subj), char_span(obj)
                hit_s = item.source is None or _overlap(src, item.source)
                hit_t = item.target is None or _overlap(tgt, item.target)
                reverse = (item.target is not None and item.source is not None
                           and _overlap(src, item.target) and _overlap(tgt, item.source))
                if reverse and item.gold in JOINT_LABELS:
                    continue
                label = item.gold if hit_s and hit_t else NO_EVENT
                examples.append(Example(n, dyad_features(doc, src, tgt, lex, triggers), label,
                                        False, (src, tgt)))
        if progress:
            progress(1)
    return docs, examples


def add_embeddings(items: list[PlvItem], examples: list[Example], *, encoder=None,
                   progress: Callable[[int], None] | None = None) -> list[Example]:
    """The same examples with the sentence-embedding features of their sentence and spans
    added (`coding/embeddings.py`; needs the `embeddings` extra)."""
    from eventlens.coding.embeddings import embedding_features_many

    dense = embedding_features_many([(items[ex.item].sentence, *ex.spans) for ex in examples],
                                    model=encoder, progress=progress)
    return [Example(ex.item, {**ex.feats, **emb}, ex.label, ex.marked, ex.spans)
            for ex, emb in zip(examples, dense, strict=True)]


def char_span(head) -> tuple[int, int]:
    from eventlens.actors.resolver import phrase_range

    start, end = phrase_range(head, with_conjuncts=False)
    span = head.doc[start:end]
    return span.start_char, span.end_char


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def fit(feats: list[dict], labels: list[str], *, c: float = DEFAULT_C, seed: int = DEFAULT_SEED,
        meta: dict | None = None) -> LinearModel:
    """Fit a multinomial logistic regression (balanced class weights) and export its weights."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(feats)
    clf = LogisticRegression(C=c, max_iter=5000, class_weight="balanced", random_state=seed)
    clf.fit(x, labels)
    names = vec.get_feature_names_out()
    keep = np.flatnonzero(np.abs(clf.coef_).max(axis=0) > 1e-4)  # drop dead weights
    return LinearModel(tuple(clf.classes_), {names[j]: n for n, j in enumerate(keep)},
                       clf.coef_[:, keep].astype(np.float64),
                       clf.intercept_.astype(np.float64), meta or {})


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cross_validate(items: list[PlvItem], docs, examples: list[Example], *, folds: int = 5,
                   seed: int = DEFAULT_SEED, c: float = DEFAULT_C, end_to_end: bool = True,
                   min_confidence: float | None = None,
                   progress: Callable[[int], None] | None = None) -> dict:
    """Stratified k-fold scores, never scoring a fold with a model that saw it.

    Returns mean and standard deviation of accuracy and macro-F1 per setting, per-type F1
    pooled over folds, for the dyad-given classifier and (optionally) the end-to-end coder:
    `end_to_end` among the events at `min_confidence` (default: the default threshold, as
    `eventlens eval` scores), `end_to_end_all` among every proposal.
    """
    from eventlens.coding.linguistic import LinguisticCoder
    from eventlens.coding.plv import NO_EVENT, PLV_DATE, pick_event, plv_label
    from eventlens.config import DEFAULT_MIN_CONFIDENCE
    from eventlens.model import Article

    labels = [it.gold for it in items]
    threshold = DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
    per_fold = {"dyad_given": [], "end_to_end": [], "end_to_end_all": []}
    pooled = {name: ([], []) for name in per_fold}
    coder = LinguisticCoder(type_model=None) if end_to_end else None  # set per fold
    marked = {ex.item: ex.feats for ex in examples if ex.marked}
    for train_idx, test_idx in stratified_folds(labels, folds, seed):
        train = set(train_idx.tolist())
        fold_examples = [ex for ex in examples if ex.item in train]
        model = fit([ex.feats for ex in fold_examples], [ex.label for ex in fold_examples],
                    c=c, seed=seed)
        gold = [labels[i] for i in test_idx]
        pred = [model.predict(marked[i], exclude=(NO_EVENT,))[0] for i in test_idx]
        per_fold["dyad_given"].append(classification_scores(gold, pred, PLV_LABELS))
        pooled["dyad_given"][0].extend(gold)
        pooled["dyad_given"][1].extend(pred)
        if coder is not None:
            coder.type_model = model
            found = {"end_to_end": [], "end_to_end_all": []}
            for i in test_idx:
                article = Article(f"plv{i}", items[i].sentence, PLV_DATE)
                events = list(coder.code(docs[i], article).events)
                for name, kept in (("end_to_end_all", events),
                                   ("end_to_end", [e for e in events
                                                   if e.confidence >= threshold])):
                    event = pick_event(kept, items[i])
                    found[name].append(plv_label(event) if event else NO_EVENT)
            for name, e2e in found.items():
                per_fold[name].append(classification_scores(gold, e2e, PLV_LABELS))
                pooled[name][0].extend(gold)
                pooled[name][1].extend(e2e)
        if progress:
            progress(1)
    out = {"folds": folds, "seed": seed, "c": c, "n": len(items)}
    for name, scores in per_fold.items():
        if scores:
            out[name] = _summary(scores, *pooled[name])
    return out


def training_meta(path: Path, items: list[PlvItem], *, seed: int, c: float,
                  embeddings: str | None = None) -> dict:
    meta = {"trained_on": path.name, "data_sha256": file_digest(path), "n": len(items),
            "seed": seed, "c": c, "labels": PLV_LABELS}
    if embeddings:
        meta["embeddings"] = embeddings
    return meta


def stratified_folds(labels: list[str], folds: int, seed: int):
    from sklearn.model_selection import StratifiedKFold

    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    return splitter.split(np.zeros(len(labels)), labels)


def cross_validate_finetuned(items: list[PlvItem], *, folds: int = 5, seed: int = DEFAULT_SEED,
                             config: dict | None = None, model_seeds: tuple[int, ...] = (),
                             progress: Callable[[int], None] | None = None) -> dict:
    """Dyad-given k-fold scores of the fine-tuned encoder (`coding/finetuned.py`), on the
    same folds as `cross_validate`; each fold's models never see the fold they are scored on.
    With `model_seeds`, each fold trains one model per seed and averages their probabilities
    (the shipped ensemble). `progress(1)` after every epoch of every model."""
    from eventlens.coding import finetuned

    labels = [it.gold for it in items]
    dyads = [(it.sentence, it.source, it.target) for it in items]
    per_fold, gold_all, pred_all = [], [], []
    for train_idx, test_idx in stratified_folds(labels, folds, seed):
        runs = []
        for model_seed in model_seeds or (None,):
            cfg = {**(config or {}), **({"seed": model_seed} if model_seed is not None else {})}
            model = finetuned.train([dyads[i] for i in train_idx],
                                    [labels[i] for i in train_idx], PLV_LABELS, config=cfg,
                                    progress=progress)
            runs.append(model.predict_proba([dyads[i] for i in test_idx]))
        probs = np.mean(runs, axis=0)
        gold = [labels[i] for i in test_idx]
        pred = [model.labels[j] for j in probs.argmax(1)]
        per_fold.append(classification_scores(gold, pred, PLV_LABELS))
        gold_all += gold
        pred_all += pred
    return {"folds": folds, "seed": seed, "n": len(items), "model_seeds": list(model_seeds),
            "dyad_given_finetuned": _summary(per_fold, gold_all, pred_all)}


def _summary(per_fold: list[dict], gold: list[str], pred: list[str]) -> dict:
    acc = [s["accuracy"] for s in per_fold]
    f1 = [s["macro_f1"] for s in per_fold]
    pooled = classification_scores(gold, pred, PLV_LABELS)
    return {
        "accuracy": {"mean": round(float(np.mean(acc)), 4), "std": round(float(np.std(acc)), 4)},
        "macro_f1": {"mean": round(float(np.mean(f1)), 4), "std": round(float(np.std(f1)), 4)},
        "per_type_f1": {k: v["f1"] for k, v in pooled["per_type"].items()},
    }
