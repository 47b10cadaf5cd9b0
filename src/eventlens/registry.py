"""Named, versioned registries of the parts a user can choose: coders (and later stores, forecasters)."""

from __future__ import annotations

from collections.abc import Callable

from eventlens.errors import ConfigError

# name -> (version, factory). Factories import lazily: nothing heavy happens at import time.
CODERS: dict[str, tuple[str, Callable[..., object]]] = {}


def register_coder(name: str, version: str, factory: Callable[..., object]) -> None:
    """Register a coder factory taking keyword `actor_files` (users' actor dictionaries)."""
    CODERS[name] = (version, factory)


def _builtin_coders() -> None:
    if "linguistic" in CODERS:
        return

    def linguistic(*, actor_files=()):
        from eventlens.actors.kb import load_knowledge_base
        from eventlens.coding.linguistic import LinguisticCoder

        return LinguisticCoder(kb=load_knowledge_base(tuple(actor_files)))

    register_coder("linguistic", "0.1.0", linguistic)


def coder_names() -> list[str]:
    _builtin_coders()
    return sorted(CODERS)


def get_coder(name: str = "linguistic", *, actor_files=()):
    """A coder instance by registered name, with users' actor files added to its dictionary."""
    _builtin_coders()
    if name not in CODERS:
        raise ConfigError(f"no coder named {name!r}", hint=f"choose one of {coder_names()}")
    return CODERS[name][1](actor_files=tuple(actor_files))
