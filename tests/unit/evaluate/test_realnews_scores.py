"""The real-news scorers on hand-built results (no model): every figure is counted by hand."""

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from eventlens.evaluate.confidence import confident_events, confident_result
from eventlens.evaluate.realnews import ClassSentence, NerSentence, PoliceSentence
from eventlens.evaluate.realnews_scores import (
    lenient_match,
    score_cameo_class,
    score_cameo_ner,
    score_police,
    score_realnews,
    score_wikievents,
    strict_match,
)
from eventlens.evaluate.realnews_wiki import KairosEvent, PloverGold, WikiDocument
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "realnews"


def mention(text: str, sentence: str = "", name: str = "") -> Mention:
    """A mention of `text` at its first place in `sentence` (at 0 when no sentence is given)."""
    start = sentence.index(text) if sentence else 0
    return Mention(start, start + len(text), text, Actor("", "", name), "test")


def event(source: Mention, target: Mention | None = None, kind: str = "ASSAULT", quad: int = 4,
          confidence: float = 1.0, evidence: tuple[int, int] = (0, 1000)) -> Event:
    return Event("a", source, target, kind, "19", quad, -10.0, Status.ASSERTED, "2020-01-01",
                 evidence[0], evidence[1], "hit", confidence=confidence)


def result(*events: Event) -> ArticleResult:
    return ArticleResult(Article("a", "x", dt.date(2020, 1, 1)), tuple(events))


SOMEONE = mention("someone")


def test_confidence_filter_keeps_events_at_or_above_the_threshold():
    low, high = event(SOMEONE, confidence=0.4), event(SOMEONE, confidence=0.6)
    assert confident_events([low, high], 0.6) == (high,)
    assert confident_result(result(low, high), 0.5).events == (high,)
    assert confident_result(result(low, high), 0.0).events == (low, high)


def test_cameo_class_by_hand():
    items = [ClassSentence(1, "s1", "0"), ClassSentence(2, "s2", "1"), ClassSentence(3, "s3", "4"),
             ClassSentence(4, "s4", "2"), ClassSentence(5, "s5", "0")]
    results = [result(event(SOMEONE, kind="ACCUSE", quad=3)),        # an event in talk
               result(),                                             # an event missed
               result(event(SOMEONE, quad=4, confidence=0.9),        # right, and a wrong one
                      event(SOMEONE, kind="ACCUSE", quad=3, confidence=0.5)),
               result(event(SOMEONE, kind="AGREE", quad=1, confidence=0.8)),  # wrong quad
               result()]                                             # talk, no event: right
    s = score_cameo_class(items, results)
    assert s["n"] == 5
    assert s["event_presence"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667,
                                   "tp": 2, "fp": 1, "fn": 1}
    # gold NONE 1 4 2 NONE vs predicted 3 NONE 4 1 NONE: two right
    assert s["quad"]["accuracy"] == 0.4
    # F1: NONE 0.5, quad 1 0, quad 2 0, quad 4 1; quad 3 has no support and is left out
    assert s["quad"]["macro_f1"] == 0.375
    assert s["quad"]["confusion"]["NONE"] == {"3": 1, "NONE": 1}
    assert s["event_quad_precision"] == {"events": 4, "right": 1, "precision": 0.25}
    assert s["label0_sentences"] == 2 and s["false_events_per_label0"] == 0.5
    assert s["note"]


def test_cameo_class_reads_types_as_the_sets_readme_maps_them():
    # CONCEDE is material cooperation there (ours: quad 1), SANCTION mostly verbal conflict
    items = [ClassSentence(1, "s1", "2"), ClassSentence(2, "s2", "3"), ClassSentence(3, "s3", "4")]
    results = [result(event(SOMEONE, kind="CONCEDE", quad=1)),
               result(event(SOMEONE, kind="SANCTION", quad=4)),
               result(event(SOMEONE, kind="SANCTION", quad=4))]
    s = score_cameo_class(items, results)
    assert s["event_quad_precision"] == {"events": 3, "right": 3, "precision": 1.0}
    assert s["quad"]["confusion"]["2"] == {"2": 1}


def test_cameo_ner_by_hand():
    a = "Chile and Peru met in Lima."
    b = "Troops of Chad shelled a town in Niger."
    c = "Mali protested."
    d = "Iran and Iraq held talks."

    def spans(text, *marks):
        return tuple((kind, text.index(words), text.index(words) + len(words))
                     for kind, words in marks)

    items = [NerSentence(1, a, spans(a, ("R", "Chile"), ("R", "Peru"))),
             NerSentence(9, b, spans(b, ("S", "Troops of Chad"), ("T", "a town in Niger"))),
             NerSentence(20, c, spans(c, ("S", "Mali"))),
             NerSentence(24, d, spans(d, ("R", "Iran"), ("R", "Iraq")))]
    results = [
        result(event(mention("Chile", a), mention("Peru", a), "CONSULT"),
               event(mention("Peru", a), mention("Chile", a), "CONSULT")),
        result(event(mention("Chad", b), mention("Niger", b)),
               event(mention("Niger", b))),  # source on the target span, no target
        result(),
        result(event(mention("Iran", d), mention("talks", d), "CONSULT"))]  # wrong target
    s = score_cameo_ner(items, results)
    assert s["n"] == 4
    # sources: 5 events, 4 on an S/R span; 6 gold S/R spans, 4 found (Mali and Iraq missed)
    assert s["source"] == {"precision": 0.8, "recall": 0.6667, "f1": 0.7273,
                           "right": 4, "predicted": 5, "found": 4, "gold": 6}
    # targets: 4 events with a target, 3 on a T/R span; 5 gold T/R spans, 3 found
    assert s["target"] == {"precision": 0.75, "recall": 0.6, "f1": 0.6667,
                           "right": 3, "predicted": 4, "found": 3, "gold": 5}
    # pairs: Chile-Peru, Peru-Chile, Chad-Niger found; Iran-Iraq and Iraq-Iran not
    assert s["pair"] == {"precision": 0.75, "recall": 0.6, "f1": 0.6667,
                         "right": 3, "predicted": 4, "found": 3, "gold": 5}
    assert s["sentences_with_pair"] == 3 and s["found_pair"] == 0.6667


def _wiki_document() -> WikiDocument:
    def kairos(kind, sentence, *args):
        return KairosEvent(kind, (0, 1), sentence, tuple(args))

    return WikiDocument(1, "d1", "x", (
        kairos("Conflict.Attack.Unspecified", 0, ("Attacker", "Rebels"), ("Target", "post")),
        kairos("Life.Die.Unspecified", 1, ("Victim", "officers")),  # no killer: not mapped
        kairos("Contact.Contact.Meet", 2, ("Participant", "Kenya"), ("Participant", "Uganda")),
        kairos("Justice.ArrestJailDetain.Unspecified", 3, ("Detainee", "man")),
        kairos("Cognitive.Inspection.SensoryObserve", 3),  # not mapped
    ), "dev")


def test_wikievents_by_hand():
    results = [result(
        event(mention("Rebels"), mention("a police post"), confidence=0.9),   # lenient + strict
        event(mention("Goma"), None, confidence=0.5),                          # wrong actor
        event(mention("Kenya"), mention("Uganda"), "CONSULT", confidence=0.8),  # lenient + strict
        event(mention("Uganda"), mention("Kenya"), "CONSULT", confidence=0.7),  # gold used up
        event(mention("Police"), mention("a man"), "COERCE"),  # lenient; gold has no source
        event(mention("Kenya"), mention("Uganda"), "SUPPORT"))]  # a type KAIROS does not code
    s = score_wikievents([_wiki_document()], results)
    assert s["n"] == 1 and s["gold_events"] == 3 and s["gold_unmapped"] == 2
    assert s["events_other_types"] == 1
    assert "ASSAULT" in s["types_scored"] and "SUPPORT" not in s["types_scored"]
    assert s["lenient"] == {"precision": 0.6, "recall": 1.0, "f1": 0.75, "tp": 3, "fp": 2, "fn": 0}
    # strict: gold with both sides = the attack and the meeting; 4 events have a target
    assert s["strict"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "tp": 2, "fp": 2,
                           "fn": 0}
    assert s["per_type"]["ASSAULT"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667,
                                        "tp": 1, "fp": 1, "fn": 0, "support": 1}
    assert s["per_type"]["COERCE"]["f1"] == 1.0
    assert s["per_type"]["PROTEST"]["support"] == 0


def test_wikievents_matching_rules():
    bare = PloverGold("ASSAULT", (), (), False, (50, 58), "Conflict.Attack")
    # no actor annotated: the trigger must lie in the event's evidence sentence
    assert lenient_match(bare, event(SOMEONE, evidence=(40, 90)))
    assert not lenient_match(bare, event(SOMEONE, evidence=(0, 40)))
    meeting = PloverGold("CONSULT", ("Kenya", "Uganda"), ("Kenya", "Uganda"), True, (0, 3), "m")
    # the two sides of a meeting must be two different parties
    assert not strict_match(meeting, event(mention("Kenya"), mention("Kenyan officials"),
                                           "CONSULT"))
    assert strict_match(meeting, event(mention("Kenyan officials"), mention("Uganda"),
                                       "CONSULT")) is False  # "kenyan" is not "kenya"
    # a pronoun's mention is scored by the name it was resolved to
    attack = PloverGold("ASSAULT", ("Rebels",), ("post",), False, (0, 3), "a")
    assert lenient_match(attack, event(mention("they", name="the rebels")))
    # articles and prepositions alone are not a shared word
    assert not lenient_match(attack, event(mention("the army"), mention("the village")))


def test_police_by_hand():
    items = [PoliceSentence(1, "1", 0, "s1", frozenset({"ARREST", "ANY_ACTION"})),
             PoliceSentence(2, "1", 1, "s2", frozenset({"KILL", "FORCE", "ANY_ACTION"})),
             PoliceSentence(3, "1", 2, "s3", frozenset()),
             PoliceSentence(4, "2", 0, "s4", frozenset({"FORCE", "ANY_ACTION"})),
             PoliceSentence(5, "2", 1, "s5", frozenset({"ARREST", "ANY_ACTION"}))]
    results = [result(event(mention("the police"), kind="COERCE")),
               result(event(mention("a mob"))),                        # ASSAULT, not the police
               result(event(mention("two cops"))),                     # police act, no label
               result(event(mention("the police"), kind="COERCE")),    # force labelled, COERCE
               result(event(mention("police"), kind="CONSULT"))]       # a type not scored
    s = score_police(items, results)
    assert s["n"] == 5
    assert s["per_label"] == {
        "KILL": {"support": 1, "recall": 1.0, "recall_police_source": 0.0},
        "FORCE": {"support": 2, "recall": 0.5, "recall_police_source": 0.0},
        "ARREST": {"support": 2, "recall": 0.5, "recall_police_source": 0.5},
        "ANY_ACTION": {"support": 4, "recall": 0.75, "recall_police_source": 0.5}}
    assert s["events_police_source"] == 3 and s["events_other_source"] == 1
    assert s["precision"] == 0.3333 and s["precision_any_action"] == 0.6667


class _FixedCoder:
    """Codes every article as one ASSAULT of quad 4 at a fixed confidence (no model)."""

    name, version = "fixed", "0"

    def __init__(self, confidence: float) -> None:
        self.confidence = confidence

    def code(self, doc, article):
        ev = event(mention("x"), confidence=self.confidence)
        return ArticleResult(article, (ev,))


@pytest.mark.parametrize(("confidence", "found"), [(0.9, 6), (0.3, 0)])
def test_score_realnews_applies_min_confidence(confidence, found):
    import spacy

    section, texts = score_realnews(FIXTURES / "cameo_class.tsv", "cameo_class",
                                    coder=_FixedCoder(confidence), nlp=spacy.blank("en"),
                                    min_confidence=0.5)
    assert len(texts) == 6 and section["n"] == 6
    assert section["event_quad_precision"]["events"] == found
    limited, _ = score_realnews(FIXTURES / "police.jsonl", "police", coder=_FixedCoder(1.0),
                                nlp=spacy.blank("en"), limit=2)
    assert limited["n"] == 2


def _plv_row(tmp_path, marked: str, root: str):
    """One PLV row with Chile marked as source and Peru as target, read back as items."""
    from eventlens.evaluate.plv import read_plv

    path = tmp_path / "p.tsv"
    path.write_text("\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\t"
                    f"modality_L2\n0\t1\tx\t{marked}\tChile\tPeru\t{root}\tpast\n",
                    encoding="utf-8")
    return read_plv(path)


class _ListCoder(_FixedCoder):
    """Codes every sentence as the events `make(text)` builds."""

    def __init__(self, make, confidence: float = 1.0) -> None:
        super().__init__(confidence)
        self.make = make

    def code(self, doc, article):
        return ArticleResult(article, tuple(self.make(article.text, self.confidence)))


def test_plv_end_to_end_applies_min_confidence(tmp_path):
    import spacy

    from eventlens.evaluate.plv import score_plv

    items = _plv_row(tmp_path, "<s>Chile</s> hit <t>Peru</t>.", "ASSAULT")

    def hit(text, confidence):
        return [event(mention("Chile", text), mention("Peru", text), confidence=confidence)]

    sure = score_plv(items, coder=_ListCoder(hit, 0.9), nlp=spacy.blank("en"), min_confidence=0.5)
    unsure = score_plv(items, coder=_ListCoder(hit, 0.4), nlp=spacy.blank("en"),
                       min_confidence=0.5)
    assert sure["accuracy"] == 1.0 and unsure["accuracy"] == 0.0


def test_plv_counts_the_events_beside_the_marked_pair(tmp_path):
    import spacy

    from eventlens.evaluate.plv import score_plv

    items = _plv_row(tmp_path, "<s>Chile</s> met <t>Peru</t> and Bolivia.", "CONSULT")

    def talks(text, _confidence):
        chile, peru, bolivia = (mention(n, text) for n in ("Chile", "Peru", "Bolivia"))
        return [event(chile, peru, "CONSULT", 1), event(peru, chile, "CONSULT", 1),
                event(chile, bolivia, "CONSULT", 1), event(bolivia, chile, "CONSULT", 1)]

    scores = score_plv(items, coder=_ListCoder(talks), nlp=spacy.blank("en"))
    assert scores["accuracy"] == 1.0
    # the reverse of the marked pair is the same joint act; the two with Bolivia are extra
    assert scores["extra_events_per_sentence"] == 2.0


class _PerSentenceCoder(_FixedCoder):
    """One ASSAULT per sentence of the article it is given, its evidence that sentence (no
    model): records which texts it was handed."""

    def __init__(self) -> None:
        super().__init__(1.0)
        self.texts: list[str] = []

    def code(self, doc, article):
        self.texts.append(article.text)
        events = []
        for sent in doc.sents:
            ev = event(mention("the police"), confidence=1.0)
            events.append(dataclasses.replace(ev, evidence_start=sent.start_char,
                                              evidence_end=sent.end_char))
        return ArticleResult(article, tuple(events))


def test_police_sentences_are_coded_as_their_article_and_scored_per_sentence():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    coder = _PerSentenceCoder()
    section, texts = score_realnews(FIXTURES / "police.jsonl", "police", coder=coder, nlp=nlp)
    docs = {}
    for line in (FIXTURES / "police.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            docs.setdefault(record["doc_id"], []).append(record["sent_text"])
    # one text per article, its sentences in order; each sentence gets the event it holds
    assert [t.strip() for t in coder.texts] == [" ".join(s) for s in docs.values()]
    assert len(texts) == section["n"] == sum(len(s) for s in docs.values())
    # each event is counted once, in the sentence its evidence starts in
    assert section["events_police_source"] == sum(len(list(nlp(t).sents)) for t in coder.texts)
