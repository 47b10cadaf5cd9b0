"""Large RSS/Atom feeds, read a few entries at a time.

lxml's `iterparse` walks the feed; every `ENTRIES_PER_PIECE` entries are copied with the feed's
title into a small feed of the same kind (same root element and namespaces), which feedparser
parses as it parses a whole feed. Memory holds one piece, not the feed. The XML must be well
formed: where it breaks, the entries before are kept and one error names the line.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any, BinaryIO

from eventlens.errors import IngestError

ENTRIES_PER_PIECE = 50
_ENTRY_NAMES = ("item", "entry")
_FEED_NAMES = ("channel", "feed")


def _name(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class _Shape:
    """What a piece copies from the feed: its root, the title and where entries sit."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.title: Any = None
        self.title_parent: str | None = None
        self.entry_parent: str | None = None

    def piece(self, entries: list[Any]) -> bytes:
        from lxml import etree

        root = etree.Element(self.root.tag, dict(self.root.attrib), nsmap=self.root.nsmap)
        channel = None
        if self.title_parent not in (None, self.root.tag):  # RSS: <channel><title>
            channel = etree.SubElement(root, self.title_parent)
        if self.title is not None:
            (root if channel is None else channel).append(copy.deepcopy(self.title))
        if self.entry_parent in (None, self.root.tag):  # Atom, RSS 1.0: entries in the root
            holder = root
        else:
            holder = channel if channel is not None else etree.SubElement(root,
                                                                          self.entry_parent)
        holder.extend(entries)
        return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def feed_pieces(stream: BinaryIO, where: str) -> Iterator[tuple[bytes, int] | IngestError]:
    """(a small feed, the number of its first entry) per run of entries, in order; an
    IngestError where the XML breaks, after the pieces before it."""
    from lxml import etree

    events = etree.iterparse(stream, events=("start", "end"), huge_tree=True,
                             resolve_entities=False, no_network=True)
    shape: _Shape | None = None
    entries: list[Any] = []
    number = 0
    try:
        for event, element in events:
            if shape is None:
                shape = _Shape(element)
            if event == "start":
                continue
            parent = element.getparent()
            name = _name(element)
            if name == "title" and shape.title is None and parent is not None \
                    and _name(parent) in _FEED_NAMES:
                shape.title, shape.title_parent = copy.deepcopy(element), parent.tag
            elif name in _ENTRY_NAMES and parent is not None:
                shape.entry_parent = parent.tag
                entries.append(copy.deepcopy(element))
                number += 1
                element.clear()
                while element.getprevious() is not None:  # free what was read
                    del parent[0]
                if len(entries) >= ENTRIES_PER_PIECE:
                    yield shape.piece(entries), number - len(entries) + 1
                    entries = []
    except etree.XMLSyntaxError as err:
        if entries and shape is not None:
            yield shape.piece(entries), number - len(entries) + 1
        line = err.position[0] if err.position else "?"
        yield IngestError(f"malformed XML ({err.msg}); the rest of the feed is skipped",
                          where=f"{where}:line {line}")
        return
    if entries and shape is not None:
        yield shape.piece(entries), number - len(entries) + 1
