"""Temporal knowledge graphs as integer arrays: loading the benchmark folders and checking them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eventlens.errors import ForecastError

SPLITS = ("train", "valid", "test")


@dataclass(frozen=True)
class TemporalGraph:
    """Facts (subject, relation, object, time) of one dataset, split by time.

    Each split is an int64 array of shape (n, 4). Times are kept as given (hours in the ICEWS
    files); `time_unit` is the greatest common step between distinct times, so that decay rates
    are expressed per step whatever the clock.
    """

    name: str
    train: np.ndarray
    valid: np.ndarray
    test: np.ndarray
    n_entities: int
    n_relations: int

    def split(self, name: str) -> np.ndarray:
        if name not in SPLITS:
            raise ForecastError(f"unknown split {name!r}", hint=f"choose one of {list(SPLITS)}")
        return getattr(self, name)

    @property
    def time_unit(self) -> int:
        times = np.unique(np.concatenate([self.train[:, 3], self.valid[:, 3], self.test[:, 3]]))
        if len(times) < 2:
            return 1
        return max(int(np.gcd.reduce(np.diff(times))), 1)


def _count_lines(path: Path) -> int:
    if not path.exists():
        raise ForecastError("missing id file", where=str(path),
                            hint="a dataset folder needs entity2id.txt and relation2id.txt")
    with path.open(encoding="utf-8") as handle:
        return sum(1 for line in handle if line.strip())


def _read_facts(path: Path) -> np.ndarray:
    if not path.exists():
        raise ForecastError("missing split file", where=str(path),
                            hint="a dataset folder needs train.txt, valid.txt and test.txt")
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) < 4:
                raise ForecastError("expected subject, relation, object, time separated by tabs",
                                    where=f"{path}:{number}")
            try:
                rows.append([int(fields[0]), int(fields[1]), int(fields[2]), int(fields[3])])
            except ValueError as exc:
                raise ForecastError(f"non-integer field: {exc}", where=f"{path}:{number}") from exc
    return np.asarray(rows, dtype=np.int64).reshape(-1, 4)


def load_graph(folder: Path | str) -> TemporalGraph:
    """Read a folder laid out like the ICEWS14 benchmark (train/valid/test.txt and id files).

    Raises:
        ForecastError: a file is missing or malformed, or an id is out of range.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ForecastError("not a folder", where=str(folder),
                            hint="pass a dataset folder such as .../tkg/ICEWS14")
    n_entities = _count_lines(folder / "entity2id.txt")
    n_relations = _count_lines(folder / "relation2id.txt")
    parts = {name: _read_facts(folder / f"{name}.txt") for name in SPLITS}
    return make_graph(folder.name, parts["train"], parts["valid"], parts["test"],
                      n_entities=n_entities, n_relations=n_relations)


def make_graph(name: str, train, valid, test, *, n_entities: int,
               n_relations: int) -> TemporalGraph:
    """Build a checked TemporalGraph from (n, 4) arrays of subject, relation, object, time."""
    arrays = []
    for split, facts in zip(SPLITS, (train, valid, test), strict=True):
        facts = np.asarray(facts, dtype=np.int64).reshape(-1, 4)
        if len(facts):
            entity_ids = facts[:, [0, 2]]
            if entity_ids.min() < 0 or entity_ids.max() >= n_entities:
                raise ForecastError(f"entity id out of range 0..{n_entities - 1}",
                                    where=f"{name}/{split}")
            if facts[:, 1].min() < 0 or facts[:, 1].max() >= n_relations:
                raise ForecastError(f"relation id out of range 0..{n_relations - 1}",
                                    where=f"{name}/{split}")
        arrays.append(facts)
    if not len(arrays[0]):
        raise ForecastError("the training split is empty", where=name)
    return TemporalGraph(name, *arrays, n_entities=n_entities, n_relations=n_relations)


def with_inverses(facts: np.ndarray, n_relations: int) -> np.ndarray:
    """Facts plus their inverses (o, r + n_relations, s, t), so every query asks for an object."""
    inverse = facts[:, [2, 1, 0, 3]].copy()
    inverse[:, 1] += n_relations
    return np.concatenate([facts, inverse])
