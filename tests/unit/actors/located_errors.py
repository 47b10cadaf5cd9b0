"""The check every bad-actor-file test makes: the error names the file, the line and a fix."""

from __future__ import annotations

import pytest

from eventlens.actors.kb import load_knowledge_base
from eventlens.errors import ActorFileError


def assert_load_fails_at(path, line: int, words: str) -> None:
    """Loading `path` as a user actor file raises an error at `path:line` saying `words`."""
    with pytest.raises(ActorFileError) as caught:
        load_knowledge_base([path])
    error = caught.value
    assert error.where == f"{path}:{line}"
    assert words in error.message
    assert error.hint
    assert str(path) in str(error)
