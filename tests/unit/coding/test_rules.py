"""frames.yaml `readings` run as one spaCy DependencyMatcher (coding/rules.py)."""

from __future__ import annotations

import pytest

from eventlens.coding.lexicon import Reading, _reading, load_lexicon, wordlist
from eventlens.coding.rules import ReadingMatcher, compile_reading, reading_for
from eventlens.errors import ConfigError

pytestmark = pytest.mark.model

LEX = load_lexicon()


def _verb(doc, word: str):
    return next(t for t in doc if t.lower_ == word)


def test_every_row_compiles_to_dependency_patterns_whose_first_node_is_the_verb(nlp):
    matcher = ReadingMatcher(nlp.vocab, LEX.readings)
    assert len(matcher.matcher) == len(LEX.readings)
    for row in LEX.readings:
        patterns = compile_reading(row)
        assert patterns, row.id
        assert all(p[0]["RIGHT_ID"] == "verb" for p in patterns), row.id


def test_word_lists_are_named_not_copied():
    row = next(r for r in LEX.readings if r.id == "none.give.words")
    assert wordlist("words_given") <= row.objects
    with pytest.raises(ConfigError, match="no_such_list"):
        _reading({"id": "x", "lemma": ["give"], "object": ["@no_such_list"], "then": "NONE"})


def test_the_first_row_in_file_order_wins(nlp):
    # both rows apply to "sent"; the matcher must answer with the one written first
    rows = (
        Reading("first", frozenset({"send"}), "NONE", objects=frozenset({"greeting"})),
        Reading("second", frozenset({"send"}), "AID"),
    )
    doc = nlp("The king sent greetings to the president.")
    found = ReadingMatcher(nlp.vocab, rows)(doc)
    assert found[_verb(doc, "sent").i].id == "first"
    doc = nlp("The king sent doctors to the capital.")
    assert ReadingMatcher(nlp.vocab, rows)(doc)[_verb(doc, "sent").i].id == "second"


@pytest.mark.parametrize("text, verb, expected", [
    # a goal word on the object of "into", or on a word before it
    ("Chinese jets flew into Taiwan's air defence zone.", "flew", "mobilize.enter.air-defence-zone"),
    ("Nine bombers entered the ADIZ on Monday.", "entered", "mobilize.enter.air-defence-zone"),
    # a quantity stands for the noun it counts
    ("Russia sent dozens of warplanes into Japan's air defence zone.", "sent",
     "mobilize.aircraft.air-defence-zone"),
    # an occasion deep inside the on-phrase
    ("The queen congratulated the emir on his country's national day.", "congratulated",
     "none.courtesy.occasion"),
    # a row's own pattern: what an of-phrase names was released
    ("An account of the talks released by state media gave no dates.", "released",
     "none.publish.document"),
    ("Spain protested to Morocco over the migrants.", "protested", "accuse.protest-to"),
    ("The army sent troops into the border zone.", "sent", None),  # no aircraft
    ("Thousands protested in Madrid on Sunday.", "protested", None),  # no one protested to
])
def test_rows_match_the_arguments_they_name(nlp, text, verb, expected):
    doc = nlp(text)
    row = reading_for(_verb(doc, verb), LEX)
    assert (row.id if row else None) == expected


def test_a_bad_pattern_is_a_config_error_naming_its_row(nlp):
    row = _reading({"id": "broken.row", "lemma": ["send"], "then": "NONE",
                    "pattern": [[{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"NO_SUCH_ATTR": 1}}]]})
    with pytest.raises(ConfigError, match="broken.row"):
        ReadingMatcher(nlp.vocab, (row,))


def test_only_sentences_with_a_pattern_verb_are_matched_and_indices_stay_the_documents(nlp):
    matcher = ReadingMatcher(nlp.vocab, LEX.readings)
    assert "send" in matcher.anchors and "enter" in matcher.anchors
    # the matching verb stands in the third sentence: its index is the document's, not the
    # sentence's
    doc = nlp("The talks ended on Monday. Both sides left Geneva. "
              "Nine bombers entered the ADIZ on Tuesday.")
    found = matcher(doc)
    assert list(found) == [_verb(doc, "entered").i]
    assert found[_verb(doc, "entered").i].id == "mobilize.enter.air-defence-zone"


def test_a_verb_node_known_by_other_attributes_makes_every_sentence_matched(nlp):
    row = _reading({"id": "any.verb", "lemma": ["send"], "then": "NONE",
                    "pattern": [[{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LOWER": "flew"}}]]})
    matcher = ReadingMatcher(nlp.vocab, (row,))
    assert matcher.anchors is None
    doc = nlp("The talks ended. Jets flew over the strait.")
    assert list(matcher(doc)) == [_verb(doc, "flew").i]


def test_an_unnegated_row_does_not_read_a_negated_act(nlp):
    row = _reading({"id": "vow.force", "lemma": ["vow"], "then": "THREATEN", "unnegated": True,
                    "pattern": [[
                        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"_": {"el_verb_lemma": "vow"}}},
                        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "act",
                         "RIGHT_ATTRS": {"DEP": "xcomp"}}]]})
    matcher = ReadingMatcher(nlp.vocab, (row,))
    doc = nlp("The rebels vowed to attack the base.")
    assert matcher(doc)[_verb(doc, "vowed").i].id == "vow.force"
    doc = nlp("The rebels vowed not to attack the base.")
    assert _verb(doc, "vowed").i not in matcher(doc)


def test_a_sentence_is_matched_by_the_rows_of_its_verbs_only_with_the_same_matches(nlp):
    matcher = ReadingMatcher(nlp.vocab, LEX.readings)
    # each verb's group holds exactly the rows that name it
    send_rows = {row.id for row in LEX.readings if "send" in row.lemmas}
    assert set(nlp.vocab.strings[key] for key in matcher._by_verb["send"]._patterns) == \
        send_rows
    assert len(matcher._by_verb["send"]._patterns) < len(matcher.matcher._patterns)
    # every row's own example, in one document
    doc = nlp(" ".join(row.example for row in LEX.readings if row.example))
    whole: dict[int, int] = {}
    order = {nlp.vocab.strings[row.id]: n for n, row in enumerate(LEX.readings)}
    for sent in doc.sents:
        for key, tokens in matcher.matcher(sent):
            verb = sent.start + tokens[0]
            whole[verb] = min(whole.get(verb, len(order)), order[key])
    grouped = matcher(doc)
    assert {verb: row.id for verb, row in grouped.items()} == {
        verb: LEX.readings[n].id for verb, n in whole.items()}
    assert len({row.id for row in grouped.values()}) >= len(LEX.readings) // 2


def test_a_yaml_boolean_in_a_pattern_word_list_is_a_config_error():
    from eventlens.coding.lexicon import _with_lists

    # YAML reads an unquoted `on` as true: the list would match nothing where "on" was meant
    with pytest.raises(ConfigError, match="quote on"):
        _with_lists({"LOWER": {"IN": ["toward", True]}})
    assert _with_lists({"LOWER": {"IN": ["toward", "on"]}}) == {"LOWER": {"IN": ["toward", "on"]}}


def test_a_word_list_named_outside_a_list_in_a_pattern_is_a_config_error():
    from eventlens.coding.lexicon import _with_lists

    # {IN: "@force_words"} would compare words with the text "@force_words": nothing matches
    with pytest.raises(ConfigError, match="stands alone"):
        _with_lists({"_": {"el_noun_lemma": {"IN": "@force_words"}}})
    assert "troop" in _with_lists({"IN": ["@force_words"]})["IN"]


def test_an_agreement_to_end_or_allow_an_act_is_no_agreement_to_do_it(nlp):
    from eventlens.coding.clauses import agreed_acts

    doc = nlp("India and Pakistan agreed to end the fighting along their border.")
    agreed = next(t for t in doc if t.lower_ == "agreed")
    assert agreed_acts(agreed, LEX) == []
    doc = nlp("EU ministers agreed to roll out new sanctions against Belarus.")
    agreed = next(t for t in doc if t.lower_ == "agreed")
    assert [t.text for t in agreed_acts(agreed, LEX)] == ["sanctions"]


def test_a_verb_whose_rows_all_need_a_word_the_sentence_lacks_is_not_matched(nlp):
    matcher = ReadingMatcher(nlp.vocab, LEX.readings)
    # "land" rows read troops landing: every pattern asks for a force word as the subject
    assert all(any("paratrooper" in words for words in lists) for lists in matcher._needs["land"])
    calls = []

    class Counting:
        def __init__(self, inner):
            self.inner = inner

        def __call__(self, sent):
            calls.append(sent.text)
            return self.inner(sent)

    matcher._by_verb["land"] = Counting(matcher._by_verb["land"])
    doc = nlp("The president's plane landed in Vilnius on Friday. "
              "Two hundred paratroopers landed near the capital on Saturday.")
    found = matcher(doc)
    assert calls == [list(doc.sents)[1].text]  # the plane's landing is not matched at all
    assert [row.id for row in found.values()] == ["mobilize.forces.land"]


def test_a_sentence_lacking_the_word_of_one_node_of_each_pattern_is_not_matched(nlp):
    row = _reading({"id": "troops.to", "lemma": ["send"], "then": "MOBILIZE",
                    "pattern": [[
                        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"_": {"el_verb_lemma": "send"}}},
                        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "forces",
                         "RIGHT_ATTRS": {"DEP": "dobj", "LOWER": "troops"}},
                        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "to",
                         "RIGHT_ATTRS": {"DEP": "prep", "LOWER": "to"}}]]})
    matcher = ReadingMatcher(nlp.vocab, (row,))
    assert matcher._needs["send"] == ((frozenset({"to"}), frozenset({"troops"})),)
    calls = []
    inner = matcher._by_verb["send"]
    matcher._by_verb["send"] = lambda doc: calls.append(doc.text) or inner(doc)
    doc = nlp("France sent troops into Mali. France sent troops to Mali.")
    found = matcher(doc)
    assert calls == [list(doc.sents)[1].text]  # "troops" alone does not make it worth matching
    assert [row.id for row in found.values()] == ["troops.to"]


def test_a_pattern_that_asks_for_no_word_past_its_verb_is_always_matched(nlp):
    row = _reading({"id": "any.object", "lemma": ["seize"], "then": "ASSAULT",
                    "pattern": [[
                        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"_": {"el_verb_lemma": "seize"}}},
                        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "thing",
                         "RIGHT_ATTRS": {"DEP": "dobj"}}]]})
    matcher = ReadingMatcher(nlp.vocab, (row,))
    assert matcher._needs["seize"] is None
    doc = nlp("Rebels seized the airport.")
    assert matcher(doc)[_verb(doc, "seized").i].id == "any.object"
