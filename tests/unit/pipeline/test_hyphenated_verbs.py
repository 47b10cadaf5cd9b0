"""Hyphenated verbs of data/tokenizer.yaml stay one verb: "test-fired" split at the hyphen left
"North Korea test-fired two missiles" without a verb."""

from __future__ import annotations

import pytest

from eventlens.nlp.pipeline import verb_forms


def test_the_forms_of_a_regular_verb():
    assert verb_forms("test-fire") == ["test-fire", "test-fires", "test-fired", "test-firing"]
    assert verb_forms("test-launch") == ["test-launch", "test-launches", "test-launched",
                                         "test-launching"]


@pytest.mark.parametrize("text, word", [
    ("North Korea test-fired two short-range missiles on Monday.", "test-fired"),
    ("Pyongyang test-launched a hypersonic missile.", "test-launched"),
])
def test_a_hyphenated_verb_is_one_token_lemmatized_to_its_base(nlp, text, word):
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert token.pos_ == "VERB" and token.dep_ == "ROOT"
    assert token.lemma_ == word.replace("fired", "fire").replace("launched", "launch")


def test_a_missile_test_fired_is_a_show_of_force(propose_text):
    r = propose_text("North Korea test-fired two short-range missiles on Monday.",
                     published="2022-01-24")
    assert [e.plover_type for e in r.events] == ["MOBILIZE"]
    assert r.events[0].source.actor.country == "PRK"
