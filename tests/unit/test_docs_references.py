"""What the docs point at exists: images in the repository, the real default port, dates or
commits (not 'session N') for figures."""

import re
from pathlib import Path

import typer.main

from eventlens.cli import app

REPO = Path(__file__).resolve().parents[2]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def test_every_image_a_doc_shows_is_in_the_repository():
    for doc in DOCS:
        for target in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", doc.read_text(encoding="utf-8")):
            path = (doc.parent / target).resolve()
            assert path.is_file(), f"{doc.name} shows {target}, which is not in the repository"
            assert "test-output" not in path.parts, f"{doc.name}: {target} is a test output"
            assert path.stat().st_size < 200_000, f"{target} is larger than 200 kB"


def test_the_docs_give_the_port_serve_uses():
    serve = typer.main.get_command(app).commands["serve"]
    port = next(p.default for p in serve.params if p.name == "port")
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        ports = set(re.findall(r"127\.0\.0\.1:(\d+)", text)) | set(
            re.findall(r"--port (\d+)", text))
        assert ports <= {str(port)}, f"{doc.name} names port(s) {ports - {str(port)}}"


def test_figures_are_dated_not_numbered_by_session():
    for doc in DOCS:
        found = re.findall(r"\bsessions?\s+\d+", doc.read_text(encoding="utf-8"), re.I)
        assert not found, f"{doc.name} dates figures by {found}: use a date or a commit"
