"""The layers hold: import-linter's contracts (pyproject `[tool.importlinter]`) are kept, the
store is the only package that writes SQL to its tables, stories and forecast run no SQL of
their own, and docs/architecture.md lists every layer. `make lint` runs the same contracts
with `lint-imports`."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "src" / "eventlens"
CONFIG = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
CONTRACTS = CONFIG["tool"]["importlinter"]["contracts"]


@pytest.mark.parametrize("contract", CONTRACTS, ids=[c["id"] for c in CONTRACTS])
def test_import_contract_is_kept(contract):
    pytest.importorskip("importlinter", reason="import-linter is a dev dependency")
    lint_imports = Path(sys.executable).with_name("lint-imports")
    if not lint_imports.exists():
        pytest.skip(f"no {lint_imports}")
    run = subprocess.run([str(lint_imports), "--no-cache", "--contract", contract["id"]],
                         cwd=REPO, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"contract {contract['name']!r} is broken:\n{run.stdout[-4000:]}"


def _store_tables() -> set[str]:
    schema = (PACKAGE / "store" / "schema.py").read_text(encoding="utf-8")
    made = r"CREATE (?:OR REPLACE )?(?:TABLE|VIEW) (?:IF NOT EXISTS )?(\w+)"
    renamed = r"ALTER TABLE \w+ RENAME TO (\w+)"
    return set(re.findall(made, schema)) | set(re.findall(renamed, schema))


def _sql_writes(path: Path, tables: set[str]) -> list[str]:
    """Statements in a module's string literals that change one of the store's tables."""
    verbs = r"(?:INSERT INTO|DELETE FROM|UPDATE|ALTER TABLE|DROP TABLE|DROP VIEW|TRUNCATE)"
    pattern = re.compile(rf"\b{verbs}\s+({'|'.join(sorted(tables))})\b", re.I)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found += [f"{path.relative_to(PACKAGE)}:{node.lineno}: {m.group(0)}"
                      for m in pattern.finditer(node.value)]
    return found


def test_only_the_store_writes_its_tables():
    tables = _store_tables()
    assert {"articles", "event_records", "events", "stories", "story_articles"} <= tables
    writes = [hit for path in sorted(PACKAGE.rglob("*.py"))
              if path.relative_to(PACKAGE).parts[0] != "store"
              for hit in _sql_writes(path, tables)]
    assert not writes, "SQL that changes the store's tables outside eventlens.store:\n" + \
        "\n".join(writes)


@pytest.mark.parametrize("package", ["stories", "forecast"])
def test_stories_and_forecast_run_no_sql_of_their_own(package):
    """They read and write through eventlens.store (story_reads, story_tables, event_counts)."""
    statement = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|BEGIN|COMMIT|ROLLBACK)\b")
    found = []
    for path in sorted((PACKAGE / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        found += [f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value[:60]!r}"
                  for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in docstrings and statement.search(node.value)]
    assert not found, f"SQL in eventlens.{package}:\n" + "\n".join(found)


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of a module's docstring nodes (prose may say "select" or "update")."""
    owners = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {id(owner.body[0].value) for owner in ast.walk(tree)
            if isinstance(owner, owners) and owner.body and isinstance(owner.body[0], ast.Expr)
            and isinstance(owner.body[0].value, ast.Constant)}


def test_the_sql_check_finds_a_write():
    assert _sql_writes(REPO / "src/eventlens/store/story_tables.py", {"story_links"})


def test_every_layer_is_in_the_architecture_doc():
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    layers = next(c["layers"] for c in CONTRACTS if c["type"] == "layers")
    modules = [m.strip() for layer in layers for m in layer.split("|")]
    missing = [m for m in modules if f"`{m.removeprefix('eventlens.')}`" not in text]
    assert not missing, f"layers not in docs/architecture.md: {missing}"
