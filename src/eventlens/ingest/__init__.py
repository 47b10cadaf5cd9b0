"""Ingest: read dated news from files into `Article`s, with located errors for bad input.

Formats: the seed text format (`.txt`), JSON Lines (`.jsonl`, `.ndjson`, gzipped too),
HTML (`.html`, `.htm`), RSS/Atom (`.rss`, `.atom`, `.xml`), WARC (`.warc`, `.warc.gz`);
files with other names are recognised by their content. See docs/ingest.md.

    from eventlens.ingest import IngestOptions, JsonlFields, read_sources
    options = IngestOptions(jsonl_fields=JsonlFields(text="body", published="date"))
    for item in read_sources(["news/", "feeds/*.rss"], options=options):
        if isinstance(item, IngestError): ...  # counted and reported by the caller
"""

from __future__ import annotations

from .dates import parse_published
from .ids import article_id, normalise_for_id
from .options import IngestOptions, JsonlFields
from .paths import expand_paths, iter_paths
from .sources import DEFAULT_OPTIONS, format_by_name, read_file, read_sources, sniff_format

__all__ = [
    "DEFAULT_OPTIONS",
    "IngestOptions",
    "JsonlFields",
    "article_id",
    "expand_paths",
    "iter_paths",
    "format_by_name",
    "normalise_for_id",
    "parse_published",
    "read_file",
    "read_sources",
    "sniff_format",
]
