"""The packaged data files are read strictly: a key given twice is an error, not a silent
replacement of the first."""

from __future__ import annotations

from importlib import resources

import pytest

from eventlens.datafiles import load_yaml_text, packaged_yaml
from eventlens.errors import ConfigError


def test_a_repeated_key_names_the_file_and_both_lines():
    text = "# lists\nnear_preps: [near]\nother: [x]\nnear_preps: [after, before]\n"
    with pytest.raises(ConfigError) as caught:
        load_yaml_text(text, "wordlists.yaml")
    message = str(caught.value)
    assert "wordlists.yaml" in message and "'near_preps' repeated" in message
    assert "first on line 2" in message and "line 4" in message


def test_a_repeated_key_in_a_nested_mapping_is_refused_too():
    with pytest.raises(ConfigError, match="'then' repeated"):
        load_yaml_text("rule:\n  then: AID\n  then: NONE\n", "frames.yaml")


def test_distinct_keys_load_as_plain_python():
    assert load_yaml_text("a: [x, 'on']\nb: {c: 1}\n", "t.yaml") == {"a": ["x", "on"], "b": {"c": 1}}


def test_every_packaged_yaml_file_loads_strictly():
    names = [p.name for p in resources.files("eventlens.data").iterdir() if p.name.endswith(".yaml")]
    assert "wordlists.yaml" in names and "frames.yaml" in names
    for name in names:
        assert packaged_yaml(name) is not None, name


def test_plover_yaml_marks_which_types_are_joint_dyadic_or_reactions():
    from eventlens.vocabulary import plover_types_of

    assert plover_types_of("joint") == {"AGREE", "CONSULT", "COOPERATE"}
    assert plover_types_of("dyadic") == {"CONSULT", "COOPERATE"} <= plover_types_of("joint")
    assert plover_types_of("reaction") == {"ACCUSE", "SUPPORT", "REJECT"}
    assert plover_types_of("no such kind") == frozenset()
