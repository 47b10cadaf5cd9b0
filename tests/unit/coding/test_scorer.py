"""The event scorer: artefact, calibration, training on labelled proposals, the packaged model."""

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from eventlens.cli import app
from eventlens.coding.scorer import (
    EventScorer,
    load_scorer_file,
    packaged_scorer,
    save_scorer,
    scorer_path,
)
from eventlens.config import DEFAULT_MIN_CONFIDENCE
from eventlens.errors import ModelError
from eventlens.evaluate.realnews_wiki import PloverGold
from eventlens.evaluate.scorer_data import LabelledDoc, _conflibert_label, _wiki_label
from eventlens.evaluate.scorer_training import (
    THRESHOLDS,
    Proposals,
    corpus_weights,
    reliability,
    train_scorer,
)
from eventlens.model import Actor, Article, Event, Mention, Status

REPO = Path(__file__).resolve().parents[3]


def _scorer(threshold=0.4):
    return EventScorer({"good": 0, "bad": 1}, np.array([2.0, -2.0]), 0.0,
                       np.array([0.1, 0.5, 0.9]), np.array([0.0, 0.5, 1.0]),
                       {"threshold": threshold})


def test_confidence_is_the_calibrated_logistic_probability():
    scorer = _scorer()
    assert scorer.raw({"good": 1.0}) == pytest.approx(1 / (1 + np.exp(-2)))
    # 0.8808 lies between the breakpoints 0.5 and 0.9: interpolated, then clipped at the ends
    assert scorer.confidence({"good": 1.0}) == pytest.approx(0.5 + (0.8808 - 0.5) / 0.8, abs=1e-3)
    assert scorer.confidence({"bad": 3.0}) == 0.0
    assert scorer.confidence({"unknown feature": 1.0}) == 0.5
    assert scorer.threshold == 0.4


def test_the_artefact_round_trips_and_a_changed_file_is_refused(tmp_path):
    path = tmp_path / "s.json.gz"
    digest = save_scorer(_scorer(), path)
    assert digest == save_scorer(_scorer(), tmp_path / "again.json.gz")  # deterministic bytes
    loaded = load_scorer_file(path)
    assert loaded.confidence({"good": 1.0}) == _scorer().confidence({"good": 1.0})
    path.write_bytes(path.read_bytes() + b"x")
    with pytest.raises(ModelError, match="checksum"):
        load_scorer_file(path)


def test_the_packaged_scorer_sets_the_default_threshold():
    scorer = packaged_scorer()
    assert scorer is not None, f"no scorer at {scorer_path()}"
    assert scorer.threshold == DEFAULT_MIN_CONFIDENCE
    assert {"conflibert", "wikievents"} <= set(scorer.meta["corpora"])
    assert all(c.startswith(("gold:", "conflibert", "wikievents")) for c in scorer.meta["corpora"])
    # the type classifier's training file was named, so its sentences were left out
    assert "PLV_train.tsv" in scorer.meta["sources"]
    assert np.all(np.diff(scorer.calib_x) >= 0) and np.all(np.diff(scorer.calib_y) >= 0)


def _mention(start, text, country):
    return Mention(start, start + len(text), text, Actor(country, "GOV"), "country")


def _event(quad, source=(0, "Ruritania"), target=(18, "Freedonia"), kind="ASSAULT"):
    return Event("x", _mention(*source, "RUR"), _mention(*target, "FRE") if target else None,
                 kind, "19", quad, -10.0, Status.ASSERTED, "2020-01-01", 0, 30, "shell")


def test_wikievents_judges_only_the_types_kairos_annotates():
    gold = (PloverGold("ASSAULT", ("Ruritania",), ("Freedonia",), False, (10, 17), "Conflict.Attack"),)
    types = frozenset({"ASSAULT", "COERCE"})
    assert _wiki_label(_event(4), gold, types) == 1
    assert _wiki_label(_event(4, source=(40, "Moldavia"), target=(50, "Lusitania")), gold,
                       types) == 0
    accuse = dataclasses.replace(_event(3), plover_type="ACCUSE")
    assert _wiki_label(accuse, gold, types) is None  # verbal: KAIROS does not annotate it


def test_conflibert_labels_follow_quad_class_and_spans():
    spans = {"S": [(0, 9)], "T": [(18, 27)]}
    assert _conflibert_label(_event(4), 4, spans) == 1
    assert _conflibert_label(_event(4), 0, spans) == 0  # political talk: no PLOVER event
    # the set's quad of each type, as its README reads them, not our own quad class
    assert _conflibert_label(_event(3, kind="ACCUSE"), 4, spans) == 0
    assert _conflibert_label(_event(1, kind="CONCEDE"), 2, spans) == 1
    assert _conflibert_label(_event(4, kind="SANCTION"), 3, spans) == 1
    # an appeal (class 0) is what we code REQUEST: not judged
    assert _conflibert_label(_event(3, kind="REQUEST"), 0, spans) is None
    assert _conflibert_label(_event(4, source=(40, "Moldavia")), 4, spans) == 0
    assert _conflibert_label(_event(4, target=None), 4, spans) == 1
    assert _conflibert_label(_event(4), 4, None) == 1  # no spans known: the quad decides


def _synthetic(n=400, seed=3):
    rng = np.random.default_rng(seed)
    article = Article("x", "text", dt.date(2020, 1, 1))
    docs = [LabelledDoc(article, f"g{i}", "conflibert", lambda ev: 0) for i in range(40)]
    feats, labels = [], []
    for _ in range(n):
        good = rng.random() < 0.5
        feats.append({"good" if good else "bad": 1.0, "noise": float(rng.random())})
        labels.append(int(rng.random() < (0.85 if good else 0.15)))
    owner = np.arange(n) % len(docs)
    return Proposals(docs, [], [_event(4)] * n, feats, np.asarray(labels), owner)


def test_training_separates_and_calibrates():
    props = _synthetic()
    scorer, report = train_scorer(props, folds=4)
    good, bad = scorer.confidence({"good": 1.0}), scorer.confidence({"bad": 1.0})
    assert good > 0.7 and bad < 0.3
    oof = report["out_of_fold"]
    # far better than a constant guess of the base rate (Brier = p(1-p) ~ 0.25)
    assert oof["brier"] < 0.16
    assert report["threshold"] in THRESHOLDS
    for row in oof["table"]:
        assert abs(row["mean_confidence"] - row["share_right"]) < 0.2


def test_reliability_table_by_hand():
    rel = reliability(np.array([0.1, 0.1, 0.9, 0.9]), np.array([0, 1, 1, 1]))
    assert rel["brier"] == pytest.approx((0.01 + 0.81 + 0.01 + 0.01) / 4, abs=1e-4)
    assert [(r["bin"], r["n"], r["share_right"]) for r in rel["table"]] == [
        ("0.0-0.2", 2, 0.5), ("0.8-1.0", 2, 1.0)]


@pytest.mark.model
def test_train_scorer_command_on_our_own_files(tmp_path):
    gold = tmp_path / "gold"
    (gold / "articles").mkdir(parents=True)
    records = (REPO / "examples/gold/gold.jsonl").read_text(encoding="utf-8").splitlines()[:6]
    (gold / "gold.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    for line in records:
        name = json.loads(line)["id"] + ".txt"
        shutil.copy(REPO / "examples/gold/articles" / name, gold / "articles" / name)
    out, report = tmp_path / "scorer.json.gz", tmp_path / "report.json"
    fixtures = REPO / "tests/fixtures/realnews"
    result = CliRunner().invoke(app, [
        "train", "scorer", "--gold", str(gold), "--conflibert-class",
        str(fixtures / "cameo_class.tsv"), "--conflibert-ner", str(fixtures / "cameo_ner.txt"),
        "--out", str(out), "--report", str(report), "--cv", "2"])
    assert result.exit_code == 0, result.output
    scores = json.loads(report.read_text(encoding="utf-8"))
    assert scores["out_of_fold"]["n"] > 10
    assert set(scores["meta"]["corpora"]) == {"conflibert", "gold:gold"}
    assert 0.0 <= load_scorer_file(out).confidence({"type=ASSAULT": 1.0}) <= 1.0


def test_each_kind_of_corpus_weighs_the_same():
    props = _synthetic(n=40)
    article = Article("x", "text", dt.date(2020, 1, 1))
    props.docs[:10] = [LabelledDoc(article, f"s{i}", "gold:stories", lambda ev: 1)
                       for i in range(10)]
    props.docs[10:15] = [LabelledDoc(article, f"w{i}", "wikievents", lambda ev: 1)
                         for i in range(5)]
    weights = corpus_weights(props)
    kinds = [props.docs[i].corpus.split(":")[0] for i in props.doc_index]
    totals = {k: sum(w for w, kind in zip(weights, kinds, strict=True) if kind == k)
              for k in set(kinds)}
    assert set(totals) == {"gold", "wikievents", "conflibert"}
    assert all(t == pytest.approx(len(kinds) / 3) for t in totals.values())


def _row(t, precision, f1):
    return {"threshold": t, "gold_precision": precision, "proposal_precision": 0.3, "f1": f1}


def test_the_default_threshold_reaches_the_precision_asked_for_and_favours_it_on_a_flat_curve():
    from eventlens.evaluate.scorer_training import pick_threshold

    curve = [_row(0.05, 0.60, 0.646), _row(0.10, 0.61, 0.646), _row(0.20, 0.63, 0.625),
             _row(0.25, 0.662, 0.611), _row(0.30, 0.70, 0.59), _row(0.50, 0.80, 0.50)]
    assert pick_threshold(curve) == 0.25
    # where a higher threshold gives up almost no F1 for its precision, the higher one
    curve = [_row(0.05, 0.60, 0.646), _row(0.20, 0.659, 0.632), _row(0.25, 0.671, 0.6305),
             _row(0.35, 0.685, 0.6305), _row(0.40, 0.72, 0.616)]
    assert pick_threshold(curve) == 0.35
    # reaching the precision only at too high a cost in F1: the highest near the best F1
    curve = [_row(0.05, 0.60, 0.646), _row(0.10, 0.61, 0.640), _row(0.15, 0.62, 0.62),
             _row(0.50, 0.80, 0.50)]
    assert pick_threshold(curve) == 0.10
