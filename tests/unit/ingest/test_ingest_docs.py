"""docs/ingest.md documents every option, field and format the code supports."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from eventlens.ingest import IngestOptions, JsonlFields
from eventlens.ingest.sources import _SUFFIXES

DOC = Path(__file__).resolve().parents[3] / "docs" / "ingest.md"


@pytest.mark.skipif(not DOC.is_file(), reason="docs/ingest.md is absent")
def test_every_option_field_and_suffix_is_documented():
    text = DOC.read_text(encoding="utf-8")
    names = [f.name for f in dataclasses.fields(IngestOptions)]
    names += [f.name for f in dataclasses.fields(JsonlFields)]
    missing = [name for name in names if f"`{name}`" not in text]
    missing += [suffix for suffix in _SUFFIXES if f"`{suffix}`" not in text]
    assert not missing, f"undocumented in docs/ingest.md: {missing}"
