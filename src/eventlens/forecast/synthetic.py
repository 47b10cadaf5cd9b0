"""Synthetic temporal graphs with ICEWS-like habits, for scale benchmarks and tests."""

from __future__ import annotations

import numpy as np

from eventlens.forecast.data import TemporalGraph, make_graph


def synthetic_graph(*, n_train: int = 400_000, n_entities: int = 25_000, n_relations: int = 230,
                    n_steps: int = 365, eval_fraction: float = 0.15, seed: int = 0
                    ) -> TemporalGraph:
    """A deterministic graph whose facts mostly repeat the habits of a pool of dyads.

    Entities have Zipf-like activity; each dyad (s, o) has two habitual relations, a second
    relation often following the first (what length-1 rules pick up). A fifth of the facts is
    noise between random entities. Steps are days (time = step * 24); the last steps hold the
    validation and test facts, each about `eval_fraction` of the training count (splits end
    where a step ends, so counts are approximate).
    """
    rng = np.random.default_rng(seed)
    # generous: repeated facts of a day collapse into one, and the tail past the test is cut
    n_total = int(1.4 * n_train * (1 + 2 * eval_fraction))
    weight = 1.0 / np.arange(1, n_entities + 1) ** 0.8
    weight /= weight.sum()
    n_dyads = max(n_entities * 4, 1)
    source = rng.choice(n_entities, n_dyads, p=weight)
    target = rng.choice(n_entities, n_dyads, p=weight)
    target = np.where(target == source, (target + 1) % n_entities, target)
    habit = rng.integers(0, n_relations, size=(n_dyads, 1))
    follower = (habit * 7 + 3) % n_relations
    habits = np.concatenate([habit, follower], axis=1)
    activity = rng.pareto(1.5, n_dyads) + 0.05
    activity /= activity.sum()
    per_step = np.full(n_steps, n_total // n_steps)
    per_step[: n_total - per_step.sum()] += 1
    blocks = []
    for step, count in enumerate(per_step):
        n_noise = count // 5
        dyad = rng.choice(n_dyads, count - n_noise, p=activity)
        relation = habits[dyad, rng.integers(0, 2, len(dyad))]
        noise = np.stack([rng.integers(0, n_entities, n_noise),
                          rng.integers(0, n_relations, n_noise),
                          rng.integers(0, n_entities, n_noise)], axis=1)
        facts = np.concatenate([np.stack([source[dyad], relation, target[dyad]], axis=1), noise])
        blocks.append(np.column_stack([facts, np.full(len(facts), step * 24)]))
    facts = np.unique(np.concatenate(blocks), axis=0)
    facts = facts[np.argsort(facts[:, 3], kind="stable")]
    cut_train = _step_boundary(facts, n_train)
    cut_valid = _step_boundary(facts, cut_train + int(n_train * eval_fraction))
    cut_test = _step_boundary(facts, cut_valid + int(n_train * eval_fraction))
    if cut_test <= cut_valid:
        cut_test = len(facts)
    return make_graph("synthetic", facts[:cut_train], facts[cut_train:cut_valid],
                      facts[cut_valid:cut_test], n_entities=n_entities, n_relations=n_relations)


def _step_boundary(facts: np.ndarray, index: int) -> int:
    """The first index at or after `index` where a new time step starts."""
    index = min(index, len(facts) - 1)
    return int(np.searchsorted(facts[:, 3], facts[index, 3], side="left")) or index
