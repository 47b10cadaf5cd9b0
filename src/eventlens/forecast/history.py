"""What the past says about a query: recurrency, relaxed recurrency, popularity and rules.

A `HistoryStream` walks through facts time step by time step. Before the facts of step t are
observed, `features(...)` proposes candidate objects for queries (s, r, ?, t) and describes each
candidate by counts and exponentially decayed counts of earlier facts:

- strict recurrency: (s, r, o) seen before (the recurrency baseline of Gastinger et al., 2024);
- relaxed recurrency: (s, *, o) and (o, r, s) seen before;
- popularity of o under r and overall, and the subject's activity (for shares);
- length-1 cyclic rules r1(s, o, t1) -> r(s, o, t) as in TLogic, whose confidence is the
  precision measured online on all earlier steps, weighted by the decay since the body fact.

Every count is updated only by `observe`, so a feature at time t depends on facts before t
alone. The key indexes are built over all facts the stream will see, which tells nothing: an
unseen key has count zero and is never proposed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from eventlens.forecast.scoring import expand_ranges


@dataclass(frozen=True)
class FeatureConfig:
    """How candidates are chosen and described. Decay rates are per time step (a day in ICEWS)."""

    decays: tuple[float, ...] = (0.02, 0.1, 0.5)
    max_neighbours: int = 100
    relation_top_k: int = 20
    rule_decay: float = 0.1
    rule_smoothing: float = 5.0
    two_hop_width: int = 10
    two_hop_top_k: int = 20


class _KeyIndex:
    """Sorted distinct int64 keys; `lookup` gives their ids, or `size` (a sentinel) when absent."""

    def __init__(self, keys: np.ndarray) -> None:
        self.keys = np.unique(keys)
        self.size = len(self.keys)

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        if not self.size:
            return np.zeros(len(keys), np.int64)
        position = np.minimum(np.searchsorted(self.keys, keys), self.size - 1)
        return np.where(self.keys[position] == keys, position, self.size)


class _Tally:
    """Counts, decayed counts and last time of keyed facts; row `size` stays empty."""

    def __init__(self, size: int, decays: np.ndarray) -> None:
        self.decays = decays
        self.count = np.zeros(size + 1)
        self.last = np.full(size + 1, -np.inf)
        self.decayed = np.zeros((size + 1, len(decays)))

    def add(self, ids: np.ndarray, t: float) -> np.ndarray:
        """Count facts with these ids at time t; returns the ids seen for the first time."""
        ids, times = np.unique(ids, return_counts=True)
        fresh = ids[self.count[ids] == 0]
        factor = np.exp(-np.outer(t - self.last[ids], self.decays))
        self.decayed[ids] = self.decayed[ids] * factor + times[:, None]
        self.count[ids] += times
        self.last[ids] = t
        return fresh

    def at(self, ids: np.ndarray, t: float) -> np.ndarray:
        """Decayed counts of ids as of time t, shape (len(ids), n_decays)."""
        return self.decayed[ids] * np.exp(-np.outer(t - self.last[ids], self.decays))

    def age(self, ids: np.ndarray, t: float) -> np.ndarray:
        """Steps since the last fact, NaN when never seen."""
        age = t - self.last[ids]
        return np.where(np.isfinite(age), age, np.nan)


def feature_names(config: FeatureConfig) -> list[str]:
    """Column names of the matrix `HistoryStream.features` returns, in order."""
    k = [f"d{rate:g}" for rate in config.decays]
    names = ["relation", "triple_count", *[f"triple_{d}" for d in k], "triple_age",
             "triple_share", "reverse_count", "reverse_recent",
             "pair_count", *[f"pair_{d}" for d in k], "pair_age", "pair_share",
             "relation_object_count", *[f"relation_object_{d}" for d in k],
             "relation_object_share", "object_count", *[f"object_{d}" for d in k],
             "subject_relation_count", "subject_relation_distinct", "subject_count",
             "rule_max", "rule_sum", "rule_conf_max", "pair_relations", "self_rule_conf",
             "two_hop", "object_as_subject_recent", "object_age"]
    return names


class HistoryStream:
    """Facts seen so far, with candidates and features for queries about the next step."""

    def __init__(self, facts: np.ndarray, n_entities: int, n_relation_ids: int,
                 config: FeatureConfig | None = None) -> None:
        """Index every (s, r, o) of `facts` without counting any yet.

        Args:
            facts: (n, >=3) facts with inverses already added.
            n_entities: number of entity ids.
            n_relation_ids: number of relation ids, inverses included (twice the relations).
        """
        self.config = config or FeatureConfig()
        self.n_entities = n_entities
        self.n_rel2 = n_relation_ids
        facts = np.asarray(facts, dtype=np.int64)
        s, r, o = facts[:, 0], facts[:, 1], facts[:, 2]
        e, n_rel2 = n_entities, n_relation_ids
        decays = np.asarray(self.config.decays, dtype=np.float64)
        self.triples = _KeyIndex((s * n_rel2 + r) * e + o)
        self.tri_s = self.triples.keys // (n_rel2 * e)
        self.tri_r = (self.triples.keys // e) % n_rel2
        self.tri_o = self.triples.keys % e
        self.pairs = _KeyIndex(s * e + o)
        self.pair_s = self.pairs.keys // e
        self.pair_o = self.pairs.keys % e
        self.relation_objects = _KeyIndex(r * e + o)
        self.ro_r = self.relation_objects.keys // e
        self.ro_o = self.relation_objects.keys % e
        self.subject_relations = _KeyIndex(s * n_rel2 + r)
        self.sr_s = self.subject_relations.keys // n_rel2
        self.sr_r = self.subject_relations.keys % n_rel2
        # triples of each pair, contiguous: order by (pair, relation)
        tri_pair = self.pairs.lookup(self.tri_s * e + self.tri_o)
        self._pair_triples = np.lexsort((self.tri_r, tri_pair))
        self._pair_bounds = np.searchsorted(tri_pair[self._pair_triples],
                                            np.arange(self.pairs.size + 2))
        self.t_triple = _Tally(self.triples.size, decays)
        self.t_pair = _Tally(self.pairs.size, decays)
        self.t_ro = _Tally(self.relation_objects.size, decays)
        self.t_sr = _Tally(self.subject_relations.size, decays)
        self.t_entity = _Tally(e, decays)
        self.t_relation = _Tally(n_rel2, decays)
        self.sr_distinct = np.zeros(self.subject_relations.size + 1)
        self.rule_hits = np.zeros((n_rel2, n_rel2))
        self.rule_body = np.zeros((n_rel2, n_rel2))

    # ---- updating -------------------------------------------------------------------------

    def observe(self, facts: np.ndarray, t: float) -> None:
        """Count the facts (inverses included) that happened at time t."""
        if not len(facts):
            return
        s, r, o = facts[:, 0], facts[:, 1], facts[:, 2]
        e = self.n_entities
        self._update_rules(s, r, o)
        tri = self.triples.lookup((s * self.n_rel2 + r) * e + o)
        fresh = self.t_triple.add(tri, t)
        sr_of_fresh = self.subject_relations.lookup(self.tri_s[fresh] * self.n_rel2
                                                    + self.tri_r[fresh])
        np.add.at(self.sr_distinct, sr_of_fresh, 1)
        self.t_pair.add(self.pairs.lookup(s * e + o), t)
        self.t_ro.add(self.relation_objects.lookup(r * e + o), t)
        self.t_sr.add(self.subject_relations.lookup(s * self.n_rel2 + r), t)
        self.t_entity.add(o, t)
        self.t_relation.add(r, t)

    def _update_rules(self, s: np.ndarray, r: np.ndarray, o: np.ndarray) -> None:
        """Precision of r1 -> r: how often an o with r1(s, o) in its past is the answer of r."""
        e = self.n_entities
        unique_facts = np.unique(np.stack([s, r, o], axis=1), axis=0)
        pair = self.pairs.lookup(unique_facts[:, 0] * e + unique_facts[:, 2])
        owner, body_r = self._pair_relations(pair)
        np.add.at(self.rule_hits, (body_r, unique_facts[owner, 1]), 1.0)
        groups = np.unique(unique_facts[:, :2], axis=0)
        start = np.searchsorted(self.sr_s, groups[:, 0], side="left")
        stop = np.searchsorted(self.sr_s, groups[:, 0], side="right")
        owner, position = expand_ranges(start, stop)
        distinct = self.sr_distinct[position]
        seen = distinct > 0
        np.add.at(self.rule_body, (self.sr_r[position[seen]], groups[owner[seen], 1]),
                  distinct[seen])

    def _pair_relations(self, pair: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(index into pair, body relation) for every relation seen so far between a pair."""
        owner, position = expand_ranges(self._pair_bounds[pair], self._pair_bounds[pair + 1])
        triple = self._pair_triples[position]
        seen = self.t_triple.count[triple] > 0
        return owner[seen], self.tri_r[triple[seen]]

    # ---- querying -------------------------------------------------------------------------

    def popularity(self, t: float) -> np.ndarray:
        """Decayed count of facts per entity as of t (the fallback ranking of non-candidates)."""
        return self.t_entity.at(np.arange(self.n_entities), t)[:, 1]

    def _neighbours(self, s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(index into s, pair id) for every entity already linked to each s."""
        start = np.searchsorted(self.pair_s, s, side="left")
        stop = np.searchsorted(self.pair_s, s, side="right")
        owner, pair = expand_ranges(start, stop)
        seen = self.t_pair.count[pair] > 0
        return owner[seen], pair[seen]

    def _top_neighbours(self, s: np.ndarray, t: float, limit: int):
        """The `limit` most recently active partners of each s, weights summing to one per s."""
        owner, pair = self._neighbours(s)
        value = self.t_pair.at(pair, t)[:, 1]
        order = np.lexsort((-value, owner))
        owner, pair, value = owner[order], pair[order], value[order]
        keep = np.arange(len(owner)) - np.searchsorted(owner, owner) < limit
        owner, pair, value = owner[keep], pair[keep], value[keep]
        total = np.bincount(owner, value, minlength=len(s))
        return owner, self.pair_o[pair], value / np.maximum(total[owner], 1e-12)

    def two_hop(self, s: np.ndarray, t: float) -> tuple[np.ndarray, np.ndarray]:
        """Entities two steps from each s through its most active partners.

        Returns:
            Sorted unique keys (index into s) * n_entities + entity, and their weights: the
            probability of reaching the entity by two steps of a walk that follows recent activity.
        """
        cfg, e = self.config, self.n_entities
        owner, middle, weight = self._top_neighbours(s, t, cfg.two_hop_width)
        hubs, hub_of = np.unique(middle, return_inverse=True)
        hub_owner, far, far_weight = self._top_neighbours(hubs, t, cfg.two_hop_width)
        bounds = np.searchsorted(hub_owner, np.arange(len(hubs) + 1))
        hub_of = hub_of.ravel()
        step, position = expand_ranges(bounds[hub_of], bounds[hub_of + 1])
        walk_owner = owner[step]
        reached = far[position]
        mass = weight[step] * far_weight[position]
        away = reached != s[walk_owner]
        key, inverse = np.unique(walk_owner[away] * e + reached[away], return_inverse=True)
        return key, np.bincount(inverse.ravel(), mass[away], minlength=len(key))

    def candidates(self, s: np.ndarray, r: np.ndarray, t: float,
                   two_hop: tuple[np.ndarray, np.ndarray] | None = None
                   ) -> tuple[np.ndarray, np.ndarray]:
        """Candidate objects of queries (s, r, ?, t): (query index, entity), unique and sorted."""
        e, cfg = self.n_entities, self.config
        owner, pair = self._neighbours(s)
        obj = self.pair_o[pair]
        strict = self.t_triple.count[self.triples.lookup((s[owner] * self.n_rel2 + r[owner]) * e
                                                         + obj)] > 0
        value = self.t_pair.at(pair, t)[:, 1]
        order = np.lexsort((-value, ~strict, owner))
        owner, obj = owner[order], obj[order]
        first = np.searchsorted(owner, owner, side="left")
        keep = np.arange(len(owner)) - first < cfg.max_neighbours
        parts_q, parts_o = [owner[keep]], [obj[keep]]
        for relation in np.unique(r):
            lo, hi = np.searchsorted(self.ro_r, [relation, relation + 1])
            ids = np.arange(lo, hi)
            ids = ids[self.t_ro.count[ids] > 0]
            if not len(ids):
                continue
            if len(ids) > cfg.relation_top_k:
                score = self.t_ro.at(ids, t)[:, 1]
                ids = ids[np.argsort(-score, kind="stable")[: cfg.relation_top_k]]
            asking = np.flatnonzero(r == relation)
            parts_q.append(np.repeat(asking, len(ids)))
            parts_o.append(np.tile(self.ro_o[ids], len(asking)))
        if two_hop is not None and cfg.two_hop_top_k:
            key, weight = two_hop
            walk_owner = key // e
            order = np.lexsort((-weight, walk_owner))
            walk_owner, key = walk_owner[order], key[order]
            keep = np.arange(len(key)) - np.searchsorted(walk_owner, walk_owner) < cfg.two_hop_top_k
            parts_q.append(walk_owner[keep])
            parts_o.append(key[keep] % e)
        key = np.unique(np.concatenate(parts_q) * e + np.concatenate(parts_o))
        return key // e, key % e

    def features(self, s: np.ndarray, r: np.ndarray, t: float
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Candidates of queries (s, r, ?, t) and their features.

        Returns:
            (query index, candidate entity, float32 matrix with columns `feature_names(...)`).
        """
        s, r = np.asarray(s, np.int64), np.asarray(r, np.int64)
        walks = self.two_hop(s, t)
        owner, obj = self.candidates(s, r, t, walks)
        qs, qr = s[owner], r[owner]
        e, n_rel2 = self.n_entities, self.n_rel2
        tri = self.triples.lookup((qs * n_rel2 + qr) * e + obj)
        reverse = self.triples.lookup((obj * n_rel2 + qr) * e + qs)
        pair = self.pairs.lookup(qs * e + obj)
        ro = self.relation_objects.lookup(qr * e + obj)
        sr = self.subject_relations.lookup(qs * n_rel2 + qr)
        tri_dec = self.t_triple.at(tri, t)
        pair_dec = self.t_pair.at(pair, t)
        ro_dec = self.t_ro.at(ro, t)
        sr_dec = self.t_sr.at(sr, t)
        subject_dec = self.t_entity.at(qs, t)
        relation_dec = self.t_relation.at(qr, t)
        rule_max, rule_sum, conf_max, n_body = self._rule_features(pair, qr, t)
        self_conf = self._confidence(qr, qr)
        walk_key, walk_weight = walks
        if len(walk_key):
            found = np.minimum(np.searchsorted(walk_key, owner * e + obj), len(walk_key) - 1)
            two_hop = np.where(walk_key[found] == owner * e + obj, walk_weight[found], 0.0)
        else:
            two_hop = np.zeros(len(owner))
        inverse_r = (qr + n_rel2 // 2) % n_rel2
        as_subject = self.relation_objects.lookup(inverse_r * e + obj)
        columns = [qr, self.t_triple.count[tri], *tri_dec.T, self.t_triple.age(tri, t),
                   tri_dec[:, 1] / np.maximum(sr_dec[:, 1], 1e-9),
                   self.t_triple.count[reverse], self.t_triple.at(reverse, t)[:, 1],
                   self.t_pair.count[pair], *pair_dec.T, self.t_pair.age(pair, t),
                   pair_dec[:, 1] / np.maximum(subject_dec[:, 1], 1e-9),
                   self.t_ro.count[ro], *ro_dec.T,
                   ro_dec[:, 1] / np.maximum(relation_dec[:, 1], 1e-9),
                   self.t_entity.count[obj], *self.t_entity.at(obj, t).T,
                   self.t_sr.count[sr], self.sr_distinct[sr], self.t_entity.count[qs],
                   rule_max, rule_sum, conf_max, n_body, self_conf, two_hop,
                   self.t_ro.at(as_subject, t)[:, 1], self.t_entity.age(obj, t)]
        return owner, obj, np.stack(columns, axis=1).astype(np.float32)

    def _confidence(self, body: np.ndarray, head: np.ndarray) -> np.ndarray:
        hits = self.rule_hits[body, head]
        return hits / (self.rule_body[body, head] + self.config.rule_smoothing)

    def _rule_features(self, pair: np.ndarray, head: np.ndarray, t: float):
        n = len(pair)
        owner, position = expand_ranges(self._pair_bounds[pair], self._pair_bounds[pair + 1])
        triple = self._pair_triples[position]
        seen = self.t_triple.count[triple] > 0
        owner, triple = owner[seen], triple[seen]
        conf = self._confidence(self.tri_r[triple], head[owner])
        weight = conf * np.exp(-self.config.rule_decay * (t - self.t_triple.last[triple]))
        rule_max = np.zeros(n)
        np.maximum.at(rule_max, owner, weight)
        conf_max = np.zeros(n)
        np.maximum.at(conf_max, owner, conf)
        rule_sum = np.bincount(owner, weight, minlength=n)
        n_body = np.bincount(owner, minlength=n).astype(np.float64)
        return rule_max, rule_sum, conf_max, n_body
