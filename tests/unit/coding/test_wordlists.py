"""The coder's word lists live in data/wordlists.yaml: each is named once, explained, used."""

from __future__ import annotations

import ast
import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

import eventlens
from eventlens.coding.lexicon import load_wordlists, wordlist
from eventlens.errors import ConfigError

SRC = Path(eventlens.__file__).parent
CODING = SRC / "coding"
YAML_TEXT = resources.files("eventlens.data").joinpath("wordlists.yaml").read_text(encoding="utf-8")
# Collections of lowercase strings in coding/*.py bigger than this belong in wordlists.yaml.
MAX_WORDS_IN_CODE = 8
# Grammar, not vocabulary, that is allowed to stay in code above that size, by (file, the
# constant or function holding it): spaCy dependency labels a trigger climbs through.
GRAMMAR_IN_CODE = {("modality.py", "governing_chain")}


def _yaml_names() -> list[str]:
    return re.findall(r"^([A-Za-z_][\w-]*)\s*:", YAML_TEXT, flags=re.M)


def _used_names() -> set[str]:
    used = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        calls = re.findall(r"(?<![\w.])wordlist\(([^)]*)\)", text)
        for args in calls:
            if args.startswith("name:"):  # the definition
                continue
            name = re.fullmatch(r'\s*"([^"]+)"\s*', args)
            assert name, f"{path.name}: wordlist({args}) must name its list as a literal"
            used.add(name.group(1))
    # frames.yaml `readings` name lists as "@name"
    frames = resources.files("eventlens.data").joinpath("frames.yaml").read_text(encoding="utf-8")
    used |= set(re.findall(r'"@([A-Za-z_]\w*)"', frames))
    return used


def test_names_are_unique():
    names = _yaml_names()
    assert len(names) == len(load_wordlists())
    assert sorted(n for n in set(names) if names.count(n) > 1) == []


def test_every_list_is_used_and_every_used_list_exists():
    names, used = set(_yaml_names()), _used_names()
    assert sorted(names - used) == [], "lists no code uses"
    assert sorted(used - names) == [], "lists the code asks for that wordlists.yaml lacks"


def test_every_list_says_what_it_is_for_and_has_no_repeats():
    lines = YAML_TEXT.splitlines()
    for number, line in enumerate(lines):
        if re.match(r"^[A-Za-z_]\w*\s*:", line):
            assert number and lines[number - 1].startswith("# "), f"{line.split(':')[0]}: no comment"
    for name, entries in yaml.safe_load(YAML_TEXT).items():
        assert len(entries) == len(set(entries)), f"{name} repeats a word"


def test_lists_load_as_lowercase_word_sets():
    assert "troop" in wordlist("force_words")
    assert {"on", "off"} <= wordlist("target_preps") | wordlist("adverb_particles")  # not booleans
    assert all(w == w.lower() for words in load_wordlists().values() for w in words)


def test_unknown_list_is_a_config_error():
    with pytest.raises(ConfigError):
        wordlist("no_such_list")


def _owner(tree: ast.Module, node: ast.AST) -> str:
    """The module-level constant or function that holds `node`."""
    for top in tree.body:
        if top.lineno <= node.lineno <= top.end_lineno:
            if isinstance(top, ast.Assign):
                return top.targets[0].id
            return getattr(top, "name", "")
    return ""


def _word_collections(tree: ast.Module):
    for node in ast.walk(tree):
        if isinstance(node, ast.Set | ast.Tuple | ast.List):
            items = node.elts
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "frozenset" and \
                node.args and isinstance(node.args[0], ast.Set | ast.Tuple | ast.List):
            continue  # the literal inside is visited itself
        else:
            continue
        strings = [e.value for e in items if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(strings) > MAX_WORDS_IN_CODE and all(
                s == s.lower() and any(c.isalpha() for c in s) for s in strings):
            yield node


def test_no_word_list_grows_back_in_coding_modules():
    found = []
    for path in sorted(CODING.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _word_collections(tree):
            if (path.name, _owner(tree, node)) not in GRAMMAR_IN_CODE:
                found.append(f"{path.name}:{node.lineno} ({_owner(tree, node)})")
    assert found == [], "word lists belong in data/wordlists.yaml, read with lexicon.wordlist()"


def test_the_scan_sees_a_new_frozenset_and_the_allow_list_is_current():
    planted = ast.parse('NEW_VERBS = frozenset({"a", "b", "c", "d", "e", "f", "g", "h", "i"})')
    assert len(list(_word_collections(planted))) == 1
    for file, owner in GRAMMAR_IN_CODE:
        tree = ast.parse((CODING / file).read_text(encoding="utf-8"))
        assert any(_owner(tree, n) == owner for n in _word_collections(tree)), (file, owner)
