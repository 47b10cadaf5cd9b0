"""Every PLOVER type of frames.yaml codes the example sentences written under it.

The frames propose; the event scorer decides what is shown (docs/coder.md says how many of
these examples clear the default threshold). So the records compared are every proposal."""

from __future__ import annotations

import pytest

from eventlens.coding.lexicon import PLOVER_TYPES
from eventlens.datafiles import packaged_yaml

pytestmark = pytest.mark.model

FRAMES = packaged_yaml("frames.yaml")
EXAMPLES = [(kind, row["text"], tuple(row["expect"]))
            for kind, spec in FRAMES.items() if kind in PLOVER_TYPES
            for row in spec.get("examples", ())]


def test_every_type_has_examples_that_expect_it():
    assert {kind for kind, _, _ in EXAMPLES} == set(PLOVER_TYPES)
    assert all(any(f" {kind} " in e for e in expect) for kind, _, expect in EXAMPLES)


@pytest.mark.parametrize("kind, text, expect", EXAMPLES,
                         ids=[f"{k}-{n}" for n, (k, _, _) in enumerate(EXAMPLES)])
def test_each_example_gives_its_records(code_text, kind, text, expect):
    found = {f"{e.source.actor.country} {e.plover_type} "
             f"{e.target.actor.country if e.target else '-'}"
             for e in code_text(text, published="2023-05-02").events}
    assert found == set(expect)
