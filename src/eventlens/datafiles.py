"""The packaged data files (`src/eventlens/data/*.yaml`), read strictly.

YAML lets a key appear twice in one mapping and keeps the last; a word list named twice in
wordlists.yaml silently replaced the first (2026-12-07: a new `occasion_preps` emptied the
courtesy rule's list of the same name). These files are rules, so a repeated key is an error
that names the file and the line.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from eventlens.errors import ConfigError


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses a key repeated in one mapping."""


def _mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} repeated (first on line {seen[key] + 1})",
                key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load_yaml_text(text: str, where: str) -> Any:
    """YAML text parsed safely, refusing a repeated key; ConfigError names `where` and the line."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise ConfigError(f"cannot parse: {exc}", where=where) from exc


def packaged_yaml(name: str) -> Any:
    """The packaged data file `name` (e.g. "wordlists.yaml"), parsed strictly."""
    path = resources.files("eventlens.data").joinpath(name)
    return load_yaml_text(path.read_text(encoding="utf-8"), str(path))
