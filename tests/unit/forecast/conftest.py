"""Small hand-made and synthetic temporal graphs for the forecasting tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from eventlens.forecast.synthetic import synthetic_graph


@pytest.fixture(scope="session")
def small_graph():
    return synthetic_graph(n_train=2000, n_entities=120, n_relations=8, n_steps=40, seed=3)


def write_folder(folder: Path, graph) -> Path:
    """Write a graph in the benchmark's layout (with the unused fifth column)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("train", "valid", "test"):
        rows = graph.split(name)
        lines = "".join(f"{s}\t{r}\t{o}\t{t}\t-1\n" for s, r, o, t in rows.tolist())
        (folder / f"{name}.txt").write_text(lines, encoding="utf-8")
    names = "".join(f"entity {i}\t{i}\n" for i in range(graph.n_entities))
    (folder / "entity2id.txt").write_text(names, encoding="utf-8")
    rels = "".join(f"relation {i}\t{i}\n" for i in range(graph.n_relations))
    (folder / "relation2id.txt").write_text(rels, encoding="utf-8")
    return folder


@pytest.fixture
def small_folder(tmp_path, small_graph):
    return write_folder(tmp_path / "SMALL", small_graph)


__all__ = ["np", "write_folder"]
