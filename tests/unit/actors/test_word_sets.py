"""The actor resolver's closed word sets live in data/actor_words.yaml: each is named once,
explained, lowercase and used."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import eventlens
from eventlens.actors import words

TEXT = resources.files("eventlens.data").joinpath("actor_words.yaml").read_text(encoding="utf-8")
ACTORS = Path(eventlens.__file__).parent / "actors"


def test_every_set_is_explained_lowercase_and_used():
    lines = TEXT.splitlines()
    names = [m.group(1) for m in re.finditer(r"^([a-z_]+):", TEXT, flags=re.M)]
    assert names and len(names) == len(set(names))
    for number, line in enumerate(lines):
        if re.match(r"^[a-z_]+:", line):
            assert lines[number - 1].startswith("# "), line
    code = "\n".join(p.read_text(encoding="utf-8") for p in ACTORS.glob("*.py"))
    for name in names:
        assert f'word_set("{name}")' in code, name
        assert all(w == w.lower() for w in words._word_sets()[name])


def test_no_word_set_grows_back_in_the_actor_code():
    # the keys an actor file may carry are its schema, not vocabulary
    for path in ACTORS.glob("*.py"):
        for found in re.finditer(r"^(?!_\w*_KEYS)\w+ = frozenset\(\{([^}]*)\}\)",
                                 path.read_text(encoding="utf-8"), flags=re.M):
            items = re.findall(r'"([^"]*)"', found.group(1))
            lowercase = [w for w in items if w == w.lower()]
            assert len(lowercase) <= 8, f"{path.name}: {items[:4]}... belongs in actor_words.yaml"
