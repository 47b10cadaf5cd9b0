"""The benchmark folders in ../shared load with the sizes their README gives (skipped if absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.forecast.data import load_graph

TKG = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "tkg"

pytestmark = [pytest.mark.shared,
              pytest.mark.skipif(not TKG.is_dir(), reason="../shared/data/tkg is absent")]


@pytest.mark.parametrize(("name", "sizes"), [("ICEWS14", (63685, 13823, 13222)),
                                             ("ICEWS14s", (74845, 8514, 7371))])
def test_benchmark_folders_have_the_documented_sizes(name, sizes):
    graph = load_graph(TKG / name)
    assert (len(graph.train), len(graph.valid), len(graph.test)) == sizes
    assert (graph.n_entities, graph.n_relations) == (7128, 230)
    assert graph.time_unit == 24
    # time-split: every evaluation fact comes after every training fact
    assert graph.train[:, 3].max() < graph.valid[:, 3].min() <= graph.test[:, 3].min()
