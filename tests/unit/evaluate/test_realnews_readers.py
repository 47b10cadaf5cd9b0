"""Readers and format detection of the real-news evaluation formats, on fixtures in our wording."""

from pathlib import Path

import pytest

from eventlens.errors import EvalError
from eventlens.evaluate.realnews import (
    detect_format,
    detokenize,
    read_cameo_class,
    read_cameo_ner,
    read_police,
)
from eventlens.evaluate.realnews_wiki import KairosEvent, WikiDocument, plover_gold, read_wikievents

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "realnews"
PLV_HEADER = "\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\tmodality_L2\n"


@pytest.mark.parametrize(("name", "fmt"), [
    ("cameo_class.tsv", "cameo_class"), ("cameo_ner.txt", "cameo_ner"),
    ("wikievents_dev.jsonl", "wikievents"), ("wikievents_train.jsonl", "wikievents"),
    ("police.jsonl", "police")])
def test_each_fixture_is_recognised(name, fmt):
    assert detect_format(FIXTURES / name) == fmt


def test_plv_tsv_and_cameo_class_tsv_are_told_apart_by_content(tmp_path):
    plv = tmp_path / "a.tsv"
    plv.write_text(PLV_HEADER + "0\t1\tx\t<s>Chile</s> thanked <t>Peru</t>.\tChile\tPeru\t"
                   "SUPPORT\tpast\n", encoding="utf-8")
    assert detect_format(plv) == "plv"
    # the same two-column content under any name or extension is cameo_class
    other = tmp_path / "sentences.data"
    other.write_bytes((FIXTURES / "cameo_class.tsv").read_bytes())
    assert detect_format(other) == "cameo_class"
    three = tmp_path / "b.tsv"
    three.write_text("Chile thanked Peru.\t2\textra\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"b.tsv:1: not a format"):
        detect_format(three)


def test_unknown_json_lines_and_empty_files_are_errors(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": 1, "text": "Chile thanked Peru."}\n', encoding="utf-8")
    with pytest.raises(EvalError, match="not a format eventlens eval reads"):
        detect_format(path)
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(EvalError, match="empty file"):
        detect_format(empty)


def test_cameo_class_reads_crlf_lines():
    items = read_cameo_class(FIXTURES / "cameo_class.tsv")
    assert [it.label for it in items] == ["0", "1", "2", "3", "4", "0"]
    assert items[1].sentence == "Argentina and Uruguay signed a new river treaty on Tuesday."
    assert items[1].line == 2


def test_cameo_class_bad_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("Chile thanked Peru.\t1\r\nPeru thanked Chile.\t7\r\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"bad.tsv:2: label '7' is not 0-4"):
        read_cameo_class(path)
    path.write_text("Chile thanked Peru.\t1\r\nno label here\r\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"bad.tsv:2: expected"):
        read_cameo_class(path)


def test_detokenize_keeps_each_tokens_offsets():
    tokens = ["Kenya", "'s", "leader", "(", "a", "general", ")", "met", "pro", "-", "junta",
              "envoys", ",", "Thailand", "’", "s", "press", "said", "."]
    text, spans = detokenize(tokens)
    assert text == "Kenya's leader (a general) met pro-junta envoys, Thailand’s press said."
    assert [text[s:e] for s, e in spans] == tokens


def test_cameo_ner_rebuilds_sentences_and_spans():
    items = read_cameo_ner(FIXTURES / "cameo_ner.txt")
    assert [it.line for it in items] == [1, 13, 31]
    first, second, third = items
    assert first.text == "Soldiers of Chad shelled a camp in Niger's north."
    assert [(k, first.text[s:e]) for k, s, e in first.spans] == [
        ("S", "Soldiers of Chad"), ("T", "a camp in Niger")]
    assert [(k, second.text[s:e]) for k, s, e in second.spans] == [("R", "Kenya"), ("R", "Uganda")]
    assert third.text[third.spans[1][1]:third.spans[1][2]] == "pro-junta Guinea"


def test_cameo_ner_bad_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("Chile B-S\nthanked O\nPeru X-T\n\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"bad.txt:3: expected `token TAG`"):
        read_cameo_ner(path)


def test_cameo_ner_inside_tag_without_begin_starts_a_span(tmp_path):
    path = tmp_path / "i.txt"
    path.write_text("the O\nChilean I-S\narmy I-S\nleft O\n", encoding="utf-8")
    (item,) = read_cameo_ner(path)
    assert [(k, item.text[s:e]) for k, s, e in item.spans] == [("S", "Chilean army")]


def test_wikievents_dev_variant():
    (doc,) = read_wikievents(FIXTURES / "wikievents_dev.jsonl")
    assert doc.variant == "dev" and doc.doc_id == "fixture_raid_1"
    assert doc.text.startswith("Raiders stormed a border post in Kano on Friday. Four")
    assert [(doc.text[slice(*e.trigger)], e.sentence) for e in doc.events] == [
        ("stormed", 0), ("killed", 1), ("met", 2), ("detained", 3)]
    assert doc.events[2].arguments == (("Participant", "mayor"), ("Participant", "generals"))


def test_wikievents_train_variant_and_its_mapping():
    (doc,) = read_wikievents(FIXTURES / "wikievents_train.jsonl")
    assert doc.variant == "train-human" and doc.doc_id == "fixture_protest_1"
    assert [e.sentence for e in doc.events] == [0, 1, 2]
    gold, unmapped = plover_gold(doc)
    # "told" is a two-level Contact.Contact with a Communicator only: a statement, no CONSULT
    assert unmapped == 1
    assert [(g.plover_type, g.sources, g.targets) for g in gold] == [
        ("PROTEST", ("Protesters",), ("parliament",)), ("COERCE", ("Police",), ("organisers",))]


def test_wikievents_mapping_rules():
    def event(kind, sentence, *args):
        return KairosEvent(kind, (0, 1), sentence, tuple(args))

    doc = WikiDocument(1, "d", "x", (
        event("Conflict.Attack.DetonateExplode", 0, ("Attacker", "militants"), ("Target", "bus")),
        event("Life.Die.Unspecified", 0, ("Victim", "passengers")),  # no killer: an outcome
        event("Life.Injure.Unspecified", 1, ("Victim", "guards"), ("Injurer", "gunman")),
        event("Contact.Contact.Broadcast", 1, ("Communicator", "mayor")),
        event("Movement.Transportation", 1, ("Transporter", "army")),
        event("Contact.Contact.Meet", 2, ("Participant", "envoys")),
    ), "dev")
    gold, unmapped = plover_gold(doc)
    assert unmapped == 3
    attack, injure, meet = gold
    # the victims of a death in the attack's sentence are also whom it targeted
    assert attack.targets == ("bus", "passengers") and attack.has_pair
    assert (injure.plover_type, injure.sources, injure.targets) == ("ASSAULT", ("gunman",),
                                                                    ("guards",))
    assert meet.reciprocal and not meet.has_pair  # one party named


def test_wikievents_bad_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    good = (FIXTURES / "wikievents_train.jsonl").read_text(encoding="utf-8")
    path.write_text(good + '{"docid": "x", "tokens": ["a"]\n', encoding="utf-8")
    with pytest.raises(EvalError, match=r"bad.jsonl:2: bad JSON"):
        read_wikievents(path)
    path.write_text(good + '{"docid": "x", "tokens": ["a"], "event_mentions": [{}]}\n',
                    encoding="utf-8")
    with pytest.raises(EvalError, match=r"bad.jsonl:2: not a WikiEvents document"):
        read_wikievents(path)


def test_police_reader_and_its_errors(tmp_path):
    items = read_police(FIXTURES / "police.jsonl")
    assert len(items) == 6
    assert items[1].doc_id == "1" and items[1].labels == {"ARREST", "ANY_ACTION"}
    path = tmp_path / "bad.jsonl"
    path.write_text('{"doc_id": 1, "sent_id": 0, "sent_labels": [], "sent_text": "a"}\n'
                    '{"doc_id": 1, "sent_id": 1, "sent_text": "b"}\n', encoding="utf-8")
    with pytest.raises(EvalError, match=r"bad.jsonl:2: needs doc_id"):
        read_police(path)
