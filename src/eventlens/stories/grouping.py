"""Turning pairwise links into copy groups and stories, incrementally.

Stories are the connected components of the link graph (copy links and story links). Each
pair is judged on its own, so the components do not depend on the order in which articles
arrived; a story's id names its first article (earliest published, then smallest id), and a
copy group's id is its smallest article id, so a batch run and a day-by-day run give the
same ids.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field


class UnionFind:
    """Disjoint sets over hashable items (path halving, union by size)."""

    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}
        self.size: dict[Hashable, int] = {}

    def add(self, item: Hashable) -> None:
        if item not in self.parent:
            self.parent[item] = item
            self.size[item] = 1

    def find(self, item: Hashable) -> Hashable:
        self.add(item)
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]

    def groups(self) -> list[list[Hashable]]:
        out: dict[Hashable, list] = defaultdict(list)
        for item in self.parent:
            out[self.find(item)].append(item)
        return list(out.values())


def story_id_for(first_article: str) -> str:
    """A story is named after its first article."""
    return f"s-{first_article}"


@dataclass(slots=True)
class Assignment:
    """What a batch of new articles does to copy groups and stories."""

    dup_group: dict[str, str] = field(default_factory=dict)  # new article -> copy group id
    story: dict[str, str] = field(default_factory=dict)  # new article -> story id
    renamed_groups: dict[str, str] = field(default_factory=dict)  # old group id -> new id
    renamed_stories: dict[str, str] = field(default_factory=dict)  # old story id -> new id
    touched_stories: set[str] = field(default_factory=set)  # story ids to recompute
    grown: set[str] = field(default_factory=set)  # stories that existed and got new articles


def assign(new: dict[str, dt.date], copies: Iterable[tuple[str, str]],
           links: Iterable[tuple[str, str]], old: dict[str, tuple[str, str]],
           old_story_first: dict[str, tuple[dt.date, str]]) -> Assignment:
    """Place new articles given their links.

    Args:
        new: new article id -> published date.
        copies: near-duplicate pairs; links: same-story pairs (each with a new article).
        old: stored article id -> (story id, copy group id), for stored ends of the pairs.
        old_story_first: stored story id -> (first seen, first article id).
    """
    copies, links = list(copies), list(links)
    out = Assignment()

    groups = UnionFind()
    for article in new:
        groups.add(article)
    for a, b in copies:
        groups.union(_group_node(a, new, old), _group_node(b, new, old))
    for members in groups.groups():
        fresh = [m for m in members if isinstance(m, str)]
        stored = [m[1] for m in members if isinstance(m, tuple)]
        group_id = min(fresh + stored)
        for article in fresh:
            out.dup_group[article] = group_id
        out.renamed_groups.update({g: group_id for g in stored if g != group_id})

    stories = UnionFind()
    for article in new:
        stories.add(article)
    for a, b in copies + links:
        stories.union(_story_node(a, new, old), _story_node(b, new, old))
    for members in stories.groups():
        fresh = [m for m in members if isinstance(m, str)]
        stored = [m[1] for m in members if isinstance(m, tuple)]
        firsts = [(new[a], a) for a in fresh] + [old_story_first[s] for s in stored]
        story = story_id_for(min(firsts)[1])
        for article in fresh:
            out.story[article] = story
        out.renamed_stories.update({s: story for s in stored if s != story})
        out.touched_stories.add(story)
        if fresh and story in stored:
            out.grown.add(story)
    return out


def _group_node(article: str, new: dict, old: dict) -> Hashable:
    return article if article in new else ("g", old[article][1])


def _story_node(article: str, new: dict, old: dict) -> Hashable:
    return article if article in new else ("s", old[article][0])
