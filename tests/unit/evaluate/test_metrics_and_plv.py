import pytest

from eventlens.errors import EvalError
from eventlens.evaluate.metrics import classification_scores, prf
from eventlens.evaluate.plv import read_plv

HEADER = "\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\tmodality_L2\n"


def test_prf_by_hand():
    assert prf(2, 1, 1) == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667,
                            "tp": 2, "fp": 1, "fn": 1}
    assert prf(0, 0, 0)["f1"] == 0.0


def test_macro_f1_averages_present_labels():
    gold = ["A", "A", "B", "B"]
    pred = ["A", "B", "B", "NONE"]
    s = classification_scores(gold, pred, ["A", "B", "C"])
    assert s["accuracy"] == 0.5
    # A: P 1, R .5, F .6667; B: P .5, R .5, F .5; C has no support and is left out
    assert s["macro_f1"] == pytest.approx((0.6667 + 0.5) / 2, abs=1e-4)
    assert s["confusion"]["B"] == {"B": 1, "NONE": 1}


def test_read_plv_spans_and_missing_marks(tmp_path):
    path = tmp_path / "p.tsv"
    path.write_text(HEADER
                    + "0\t1\tx\t<s>Chile</s> thanked <t>Peru</t>.\tChile\tPeru\tSUPPORT\tpast\n"
                    + "1\t2\tx\t<s>Fiji</s> left.\tFiji\ta recipient\tYIELD\ttodo\n")
    items = read_plv(path)
    assert items[0].sentence == "Chile thanked Peru."
    assert items[0].sentence[slice(*items[0].source)] == "Chile"
    assert items[0].sentence[slice(*items[0].target)] == "Peru"
    assert items[1].target is None and items[1].modality == "todo"


def test_read_plv_errors_name_the_line(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text(HEADER + "0\t1\tx\tno marks here\ta\tb\tAGREE\tpast\n")
    with pytest.raises(EvalError, match=r"bad.tsv:2"):
        read_plv(path)
    path.write_text(HEADER + "0\t1\tx\t<s>A</s> hit <t>B</t>\ta\tb\tSMASH\tpast\n")
    with pytest.raises(EvalError, match="unknown gold root"):
        read_plv(path)


def test_a_pair_counts_found_on_the_same_name_written_elsewhere(code_text):
    from eventlens.evaluate.plv import PlvItem, pick_event

    sentence = ("Chile sent food aid to Bolivia on Monday after the floods in Bolivia, its "
                "foreign ministry said.")
    second = sentence.rindex("Bolivia")
    item = PlvItem(2, sentence, (0, 5), (second, second + 7), "AID")
    events = list(code_text(sentence, published="2024-02-01").events)
    picked = pick_event(events, item)
    # the coder names the first "Bolivia"; PLV marked the second: one actor, one pair
    assert picked is not None and picked.target.start < second
    other = PlvItem(2, sentence, (0, 5), (sentence.index("food"), sentence.index("food") + 4),
                    "AID")
    assert pick_event(events, other) is None
