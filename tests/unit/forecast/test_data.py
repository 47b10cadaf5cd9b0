"""Loading benchmark folders: the layout, the checks and the time unit."""

from __future__ import annotations

import numpy as np
import pytest

from eventlens.errors import ForecastError
from eventlens.forecast.data import load_graph, make_graph, with_inverses


def test_load_reads_every_split_and_the_id_files(small_folder, small_graph):
    graph = load_graph(small_folder)
    assert graph.name == "SMALL"
    assert graph.n_entities == small_graph.n_entities
    assert np.array_equal(graph.test, small_graph.test)
    assert graph.time_unit == 24


def test_missing_file_is_named(small_folder):
    (small_folder / "valid.txt").unlink()
    with pytest.raises(ForecastError, match="valid.txt"):
        load_graph(small_folder)


def test_bad_line_is_located(small_folder):
    (small_folder / "test.txt").write_text("1\t2\tx\t24\n", encoding="utf-8")
    with pytest.raises(ForecastError, match="test.txt:1"):
        load_graph(small_folder)


def test_out_of_range_entity_is_refused():
    with pytest.raises(ForecastError, match="entity id"):
        make_graph("bad", [(0, 0, 9, 0)], [], [], n_entities=3, n_relations=1)


def test_inverses_swap_ends_and_shift_the_relation():
    facts = np.array([[0, 1, 2, 24]])
    assert with_inverses(facts, 5).tolist() == [[0, 1, 2, 24], [2, 6, 0, 24]]
