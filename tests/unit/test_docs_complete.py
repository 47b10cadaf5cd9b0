"""A command or setting nobody documented fails the build."""

from dataclasses import fields
from pathlib import Path

import typer.main

from eventlens.cli import app
from eventlens.config import Settings

REPO = Path(__file__).resolve().parents[2]


def _command_names(typer_app) -> set[str]:
    group = typer.main.get_command(typer_app)
    names = set()
    for name, command in group.commands.items():
        names.add(name)
        for sub in getattr(command, "commands", {}):
            names.add(f"{name} {sub}")
    return names


def test_every_command_is_in_the_readme_or_docs():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    text += "".join(p.read_text(encoding="utf-8") for p in (REPO / "docs").glob("*.md"))
    missing = [name for name in sorted(_command_names(app)) if f"eventlens {name}" not in text]
    assert not missing, f"undocumented commands: {missing}"


def test_every_setting_is_in_docs_config():
    text = (REPO / "docs" / "config.md").read_text(encoding="utf-8")
    missing = [f.name for f in fields(Settings) if f"`{f.name}`" not in text]
    assert not missing, f"undocumented settings: {missing}"
