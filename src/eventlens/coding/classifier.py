"""The learned PLOVER type classifier: a linear model over frame and parse features.

Inference needs only numpy: the trained weights are a small JSON artefact in the package,
written by `eventlens train` (which uses scikit-learn) and checked by its sha256.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from eventlens.coding.artefacts import load_json_artefact, save_json_artefact
from eventlens.errors import ModelError

MODEL_FILE = "plover-type-v1.json.gz"
FORMAT = "eventlens-linear-v1"


@dataclass(frozen=True)
class LinearModel:
    """Multinomial logistic regression weights over named sparse features."""

    classes: tuple[str, ...]
    features: dict[str, int]
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray  # (n_classes,)
    meta: dict

    def scores(self, feats: dict[str, float]) -> np.ndarray:
        """Class probabilities for one feature dict (unknown features are ignored)."""
        get = self.features.get
        cols: list[int] = []
        vals: list[float] = []
        for name, value in feats.items():
            col = get(name)
            if col is not None:
                cols.append(col)
                vals.append(value)
        if cols:
            logits = self.intercept + self._by_feature[cols].T @ np.asarray(vals, dtype=np.float64)
        else:
            logits = self.intercept.copy()
        logits -= logits.max()
        probs = np.exp(logits)
        return probs / probs.sum()

    @functools.cached_property
    def _by_feature(self) -> np.ndarray:
        """`coef` stored feature by feature: a feature's weights lie together, so gathering
        the columns of a few features reads a few cache lines, not one per class each.
        `_by_feature[cols].T` is `coef[:, cols]` to the bit, laid out alike (numpy returns
        that gather in Fortran order), so the products and sums are the same."""
        return np.ascontiguousarray(self.coef.T)

    def probability(self, probs: np.ndarray, label: str) -> float:
        """The probability of one class in `scores` (0 for a class the model does not know)."""
        if label not in self.classes:
            return 0.0
        return float(probs[self.classes.index(label)])

    def predict(self, feats: dict[str, float], *,
                exclude: tuple[str, ...] = ()) -> tuple[str, float]:
        """The most probable class (other than `exclude`) and its probability."""
        return self.best(self.scores(feats), exclude=exclude)

    def best(self, probs: np.ndarray, *, exclude: tuple[str, ...] = ()) -> tuple[str, float]:
        """The most probable class of `scores` (other than `exclude`) and its probability."""
        if exclude:
            probs = probs.copy()
            for name in exclude:
                if name in self.classes:
                    probs[self.classes.index(name)] = -1.0
        best = int(np.argmax(probs))
        return self.classes[best], float(probs[best])

    def to_json(self) -> dict:
        names = sorted(self.features, key=self.features.get)
        return {"format": FORMAT, "classes": list(self.classes), "features": names,
                "coef": np.round(self.coef, 5).tolist(),
                "intercept": np.round(self.intercept, 5).tolist(), "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        if data.get("format") != FORMAT:
            raise ModelError(f"unknown model format {data.get('format')!r}")
        return cls(tuple(data["classes"]), {n: i for i, n in enumerate(data["features"])},
                   np.asarray(data["coef"], dtype=np.float64),
                   np.asarray(data["intercept"], dtype=np.float64), data.get("meta", {}))


def save_model(model: LinearModel, path: Path) -> str:
    """Write the artefact deterministically (sorted keys, fixed gzip mtime); returns its sha256."""
    return save_json_artefact(model.to_json(), path)


def load_model_file(path: Path) -> LinearModel:
    """Load and checksum-verify a model artefact."""
    return LinearModel.from_json(load_json_artefact(path, retrain="eventlens train plv FILE"))


def packaged_path() -> Path:
    return Path(str(resources.files("eventlens.coding").joinpath("models", MODEL_FILE)))


@functools.lru_cache(maxsize=1)
def packaged_model() -> LinearModel | None:
    """The model shipped with the package, or None when none has been trained yet."""
    path = packaged_path()
    if not path.is_file():
        return None
    return load_model_file(path)
