from eventlens.coding.lexicon import PLOVER_TYPES, load_lexicon


def test_every_plover_type_has_frames_and_a_table_row():
    lex = load_lexicon()
    assert set(lex.types) == set(PLOVER_TYPES)
    typed = {f.plover_type for f in lex.verbs.values()} | {f.plover_type for f in lex.phrases.values()}
    assert typed == set(PLOVER_TYPES)


def test_quad_classes_follow_plover():
    lex = load_lexicon()
    quads = {name: t.quad_class for name, t in lex.types.items()}
    assert {n for n, q in quads.items() if q == 1} == {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"}
    assert {n for n, q in quads.items() if q == 2} == {"COOPERATE", "AID", "RETREAT"}
    assert {n for n, q in quads.items() if q == 3} == {"REQUEST", "ACCUSE", "REJECT", "THREATEN"}
    assert all(-10 <= t.intensity <= 10 for t in lex.types.values())
    assert lex.types["ASSAULT"].intensity < lex.types["ACCUSE"].intensity < 0 < lex.types["AID"].intensity


def test_frames_of_each_kind_are_found():
    lex = load_lexicon()
    assert lex.phrases[("impose", "sanction")].plover_type == "SANCTION"
    assert lex.phrases[("hold", "talk")].plover_type == "CONSULT"
    assert lex.verb_preps[("call", "on")].plover_type == "REQUEST"
    assert lex.verb_particles[("pull", "out")].plover_type == "RETREAT"
    assert any(f.plover_type == "ASSAULT" for _, f in lex.nouns["invasion"])


def test_joint_acts_are_marked_per_word():
    lex = load_lexicon()
    assert lex.verbs["meet"].joint
    assert lex.verbs["agree"].joint
    assert not lex.verbs["accept"].joint
    assert not lex.verbs["attack"].joint
