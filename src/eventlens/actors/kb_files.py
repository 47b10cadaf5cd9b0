"""Reading actor files: TSV (countries, people, places) and YAML (organisations, groups,
titles), told apart by header or `kind`, with every row's line kept for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from eventlens.actors.places import PLACE_COLUMNS, is_place_header
from eventlens.errors import ActorFileError

COUNTRY_COLUMNS = ("iso3", "name", "aliases", "adjectives", "demonyms", "capitals", "seats",
                   "military_seats", "ambiguous", "notes")
PEOPLE_COLUMNS = ("name", "aliases", "country", "role", "title", "start", "end")


_YAML_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def _plain_yaml(node: yaml.Node | None) -> Any:
    """A composed YAML node as plain data: every scalar a string (no type guessing, so
    partial dates stay as written), every mapping with its line under "__line__"."""
    if isinstance(node, yaml.MappingNode):
        mapping = {_plain_yaml(key): _plain_yaml(value) for key, value in node.value}
        mapping["__line__"] = node.start_mark.line + 1
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [_plain_yaml(item) for item in node.value]
    return None if node is None else node.value


@dataclass
class Source:
    """One actor file, read and told apart by kind."""

    path: str
    kind: str
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # TSV
    document: dict[str, Any] = field(default_factory=dict)  # YAML

    @classmethod
    def from_path(cls, path: Path) -> Source:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ActorFileError(f"cannot read the actor file: {error}", where=f"{path}:0",
                                 hint="give a UTF-8 TSV or YAML file") from error
        return cls.from_text(str(path), text)

    @classmethod
    def from_text(cls, path: str, text: str) -> Source:
        suffix = Path(path).suffix.lower()
        if suffix == ".tsv":
            return cls._from_tsv(path, text)
        if suffix in (".yaml", ".yml"):
            return cls._from_yaml(path, text)
        raise ActorFileError(f"unknown actor file type {suffix!r}", where=f"{path}:0",
                             hint="use .tsv (countries, people, places) or .yaml "
                                  "(organisations, groups, titles)")

    @classmethod
    def _from_tsv(cls, path: str, text: str) -> Source:
        lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1)
                 if line.strip() and not line.startswith("#")]
        if not lines:
            raise ActorFileError("the file has no header row", where=f"{path}:1",
                                 hint="start with a tab-separated header such as "
                                      + "\\t".join(PEOPLE_COLUMNS))
        header_line, header_text = lines[0]
        header = [h.strip() for h in header_text.split("\t")]
        if header[:1] == ["iso3"] and set(header) <= set(COUNTRY_COLUMNS):
            kind = "countries"
        elif set(PEOPLE_COLUMNS) <= set(header) and set(header) <= {*PEOPLE_COLUMNS, "notes"}:
            kind = "people"
        elif is_place_header(header):
            kind = "places"
        else:
            raise ActorFileError(f"unrecognised header {header}", where=f"{path}:{header_line}",
                                 hint="countries files start with iso3 and use "
                                      f"{list(COUNTRY_COLUMNS)}; people files use "
                                      f"{list(PEOPLE_COLUMNS)}; places files "
                                      f"{list(PLACE_COLUMNS)}")
        source = cls(path, kind)
        for number, line in lines[1:]:
            cells = line.split("\t")  # no quoting: what csv with QUOTE_NONE does, faster
            if len(cells) != len(header):
                raise ActorFileError(f"{len(cells)} columns where the header has {len(header)}",
                                     where=f"{path}:{number}",
                                     hint="separate columns with one tab each; leave empty "
                                          "cells empty but keep their tabs")
            source.rows.append((number, {h: c.strip() for h, c in zip(header, cells,
                                                                        strict=True)}))
        return source

    @classmethod
    def _from_yaml(cls, path: str, text: str) -> Source:
        try:
            document = _plain_yaml(yaml.compose(text, Loader=_YAML_LOADER))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 0
            problem = getattr(error, "problem", None) or str(error)
            raise ActorFileError(f"bad YAML: {problem}", where=f"{path}:{line}",
                                 hint="check indentation, colons and brackets") from error
        kinds = ("organisations", "groups", "titles")
        if not isinstance(document, dict) or document.get("kind") not in kinds:
            raise ActorFileError("the YAML file lacks a known top-level 'kind'",
                                 where=f"{path}:1",
                                 hint=f"start with 'kind: <one of {', '.join(kinds)}>'")
        kind = document["kind"]
        if kind != "titles" and not isinstance(document.get(kind), list):
            raise ActorFileError(f"'{kind}' must be a list of entries", where=f"{path}:1",
                                 hint=f"write '{kind}:' followed by '- code: ...' items")
        return cls(path, kind, document=document)


def where_in(source: Source, line: int) -> str:
    return f"{source.path}:{line}"


def split_list(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split("|") if item.strip())
