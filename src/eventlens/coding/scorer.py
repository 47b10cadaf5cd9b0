"""The event scorer: one learned decision on every event the rules propose.

The frames and argument rules propose events; this logistic model, trained on text annotated
by people (`eventlens train scorer`), gives each one the probability that a careful coder
would record it as stored (same source, type and target), calibrated by isotonic regression
fitted on out-of-fold scores. That probability is the event's `confidence`; the faces hide
events below `Settings.min_confidence` (docs/coder.md).

Inference needs only numpy: the artefact is a small JSON file in the package, checked by its
sha256 like the type classifier's.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from eventlens.coding.artefacts import load_json_artefact, save_json_artefact
from eventlens.coding.candidates import NO_EVENT
from eventlens.coding.dyad import to_plv
from eventlens.coding.features import dyad_features, span_head
from eventlens.errors import ModelError
from eventlens.model import Event

SCORER_FILE = "event-scorer-v1.json.gz"
FORMAT = "eventlens-event-scorer-v1"
QUOTE_MARKS = ('"', "\u201c", "\u201d")


@dataclass(frozen=True)
class EventScorer:
    """Binary logistic weights over named features plus an isotonic calibration map."""

    features: dict[str, int]
    coef: np.ndarray  # (n_features,)
    intercept: float
    calib_x: np.ndarray  # increasing raw probabilities ...
    calib_y: np.ndarray  # ... and the calibrated probabilities they map to
    meta: dict

    def raw(self, feats: dict[str, float]) -> float:
        """The uncalibrated logistic probability."""
        weights, index = self._weights, self.features
        logit = self.intercept + sum(weights[index[k]] * v for k, v in feats.items() if k in index)
        return float(1.0 / (1.0 + np.exp(-logit)))

    @functools.cached_property
    def _weights(self) -> list[float]:
        """`coef` as Python floats: the same products and sums as numpy's scalars give, without
        making a numpy scalar for each feature."""
        return self.coef.tolist()

    def confidence(self, feats: dict[str, float]) -> float:
        """The calibrated probability that a careful coder records this event as stored."""
        raw = self.raw(feats)
        if len(self.calib_x) < 2:
            return round(raw, 4)
        return round(float(np.interp(raw, self.calib_x, self.calib_y)), 4)

    @property
    def threshold(self) -> float:
        """The threshold chosen for precision when the scorer was trained."""
        return float(self.meta.get("threshold", 0.5))

    def to_json(self) -> dict:
        names = sorted(self.features, key=self.features.get)
        return {"format": FORMAT, "features": names, "coef": np.round(self.coef, 5).tolist(),
                "intercept": round(float(self.intercept), 5),
                "calibration": {"x": np.round(self.calib_x, 6).tolist(),
                                "y": np.round(self.calib_y, 6).tolist()},
                "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict) -> EventScorer:
        if data.get("format") != FORMAT:
            raise ModelError(f"unknown event scorer format {data.get('format')!r}")
        calib = data.get("calibration", {})
        return cls({n: i for i, n in enumerate(data["features"])},
                   np.asarray(data["coef"], dtype=np.float64), float(data["intercept"]),
                   np.asarray(calib.get("x", []), dtype=np.float64),
                   np.asarray(calib.get("y", []), dtype=np.float64), data.get("meta", {}))


def save_scorer(scorer: EventScorer, path: Path) -> str:
    """Write the artefact deterministically; returns its sha256 (also written beside it)."""
    return save_json_artefact(scorer.to_json(), path)


def load_scorer_file(path: Path) -> EventScorer:
    """Load and checksum-verify a scorer artefact."""
    return EventScorer.from_json(load_json_artefact(path, retrain="eventlens train scorer"))


def scorer_path() -> Path:
    return Path(str(resources.files("eventlens.coding").joinpath("models", SCORER_FILE)))


@functools.lru_cache(maxsize=1)
def packaged_scorer() -> EventScorer | None:
    """The scorer shipped with the package, or None when none has been trained yet."""
    path = scorer_path()
    return load_scorer_file(path) if path.is_file() else None


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _mention_feats(doc, name: str, mention, kind: str) -> dict[str, float]:
    if mention is None:
        return {f"{name}=none": 1.0, f"{kind}:{name}=none": 1.0}
    actor = mention.actor
    head = span_head(doc, mention.start, mention.end)
    return {f"{name}_how={mention.how.split('+')[0]}": 1.0,
            f"{kind}:{name}_how={mention.how.split('+')[0]}": 1.0,
            f"{name}_role={actor.role or 'none'}": 1.0,
            f"{kind}:{name}_role={actor.role or 'none'}": 1.0,
            f"{name}_known={bool(actor.country)}": 1.0,
            f"{name}_named={bool(actor.name)}": 1.0,
            f"{name}_dep={head.dep_ if head is not None else 'none'}": 1.0,
            f"{name}_ent={head.ent_type_ or 'none' if head is not None else 'none'}": 1.0}


def event_features(doc, sent, event: Event, *, sentence_index: int, sentence_events: int,
                   type_model, lexicon, triggers, dyad: dict | None = None,
                   probs: np.ndarray | None = None) -> dict[str, float]:
    """What the scorer weighs for one proposed event: the proposal itself (type, frame,
    mode, status), how its actors were resolved, where it stands in the article, and what the
    learned type classifier says of the same dyad (`probs`, its scores of the dyad's
    features, where the caller has them already)."""
    kind = event.plover_type
    origin = "learned" if event.trigger.startswith("learned:") else "frame"
    trig = event.trigger.split(":", 1)[-1].split(" ")[0].split("_")[0].lower()
    feats: dict[str, float] = {
        "bias_event": 1.0, f"type={kind}": 1.0, f"origin={origin}": 1.0,
        f"{kind}:origin={origin}": 1.0, f"{kind}:trig={trig}": 1.0, f"trig={trig}": 1.0,
        f"{kind}:mode={event.mode or 'none'}": 1.0, f"status={event.status.value}": 1.0,
        f"{kind}:status={event.status.value}": 1.0,
        f"sent_index={_bucket(sentence_index, (0, 1, 2, 4, 8))}": 1.0,
        f"sent_events={_bucket(sentence_events, (1, 2, 3, 5, 8))}": 1.0,
        f"sent_tokens={_bucket(len(sent), (12, 20, 30, 45))}": 1.0,
    }
    if any(mark in sent.text for mark in QUOTE_MARKS):
        feats["quoted"] = 1.0
    feats.update(_mention_feats(doc, "src", event.source, kind))
    feats.update(_mention_feats(doc, "tgt", event.target, kind))
    if event.target is not None:
        same = event.target.actor.country == event.source.actor.country
        feats[f"same_country={same}"] = 1.0
        feats[f"{kind}:same_country={same}"] = 1.0
    if type_model is not None:
        if dyad is None and probs is None:  # the classifier's features of this dyad
            dyad = dyad_features(doc, (event.source.start, event.source.end),
                                 (event.target.start, event.target.end) if event.target
                                 else None, lexicon, triggers)
        probs = type_model.scores(dyad) if probs is None else probs
        classes = type_model.classes
        label = to_plv(kind, event.mode)
        p_type = type_model.probability(probs, label)
        p_none = type_model.probability(probs, NO_EVENT)
        best = classes[int(np.argmax(probs))]
        feats["p_type"] = p_type
        feats["p_none"] = p_none
        feats[f"{kind}:p_type"] = p_type
        feats[f"classifier_agrees={best == label}"] = 1.0
        feats[f"classifier_none={best == NO_EVENT}"] = 1.0
    return feats
