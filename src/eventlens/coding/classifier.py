"""The learned PLOVER type classifier: a linear model over frame and parse features.

Inference needs only numpy: the trained weights are a small JSON artefact in the package,
written by `eventlens train` (which uses scikit-learn) and checked by its sha256.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

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
        idx = [(self.features[k], v) for k, v in feats.items() if k in self.features]
        logits = self.intercept.copy()
        if idx:
            cols, vals = zip(*idx, strict=True)
            logits += self.coef[:, list(cols)] @ np.asarray(vals, dtype=np.float64)
        logits -= logits.max()
        probs = np.exp(logits)
        return probs / probs.sum()

    def probability(self, feats: dict[str, float], label: str) -> float:
        """The probability of one class (0 for a class the model does not know)."""
        if label not in self.classes:
            return 0.0
        return float(self.scores(feats)[self.classes.index(label)])

    def predict(self, feats: dict[str, float], *,
                exclude: tuple[str, ...] = ()) -> tuple[str, float]:
        """The most probable class (other than `exclude`) and its probability."""
        probs = self.scores(feats)
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
    payload = json.dumps(model.to_json(), sort_keys=True, separators=(",", ":")).encode()
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0,
                                               filename="") as handle:
        handle.write(payload)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    path.with_suffix(".sha256").write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    return digest


def load_model_file(path: Path) -> LinearModel:
    """Load and checksum-verify a model artefact."""
    if not path.is_file():
        raise ModelError(f"no model at {path}", hint="run `eventlens train plv FILE`")
    checksum = path.with_suffix(".sha256")
    if checksum.is_file():
        want = checksum.read_text(encoding="utf-8").split()[0]
        got = hashlib.sha256(path.read_bytes()).hexdigest()
        if want != got:
            raise ModelError(f"{path} does not match its checksum {checksum.name}",
                             hint="retrain with `eventlens train plv` or restore the file")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return LinearModel.from_json(json.load(handle))


def packaged_path() -> Path:
    return Path(str(resources.files("eventlens.coding").joinpath("models", MODEL_FILE)))


@functools.lru_cache(maxsize=1)
def packaged_model() -> LinearModel | None:
    """The model shipped with the package, or None when none has been trained yet."""
    path = packaged_path()
    if not path.is_file():
        return None
    return load_model_file(path)
