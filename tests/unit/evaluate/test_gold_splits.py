"""The sealed split of a gold folder: scored in totals, its errors never listed."""

import datetime as dt

from eventlens.evaluate.actors import score_actors
from eventlens.evaluate.gold import GoldArticle, score_gold
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status


def _article(aid, text):
    return Article(aid, text, dt.date(2024, 1, 1))


def _event(article, src, tgt, kind):
    text = article.text
    s, t = text.index(src), text.index(tgt)
    return Event(article.id, Mention(s, s + len(src), src, Actor(src[:3].upper(), "GOV"), "kb"),
                 Mention(t, t + len(tgt), tgt, Actor(tgt[:3].upper(), "GOV"), "kb"), kind,
                 "04", 1, 1.0, Status.ASSERTED, "2024-01-01", 0, len(text), "met")


def test_dev_and_sealed_are_scored_apart_and_sealed_errors_are_not_listed():
    dev = _article("d1", "Ruritania met Freedonia.")
    sealed = _article("s1", "Ruritania met Freedonia.")
    gold_event = {"source": "RUR:GOV", "target": "FRE:GOV", "type": "CONSULT"}
    gold = [GoldArticle("d1", {"split": "dev", "events": [gold_event],
                               "entities": [{"name": "Freedonia", "actor": "FRE:GOV"}]}, dev),
            GoldArticle("s1", {"split": "sealed", "events": [gold_event],
                               "entities": [{"name": "Freedonia", "actor": "FRE:GOV"}]}, sealed)]
    results = {"d1": ArticleResult(dev, (_event(dev, "Ruritania", "Freedonia", "CONSULT"),)),
               "s1": ArticleResult(sealed, (_event(sealed, "Ruritania", "Freedonia", "ACCUSE"),))}
    scores = score_gold(gold, results)
    assert scores["lenient"]["tp"] == 1 and scores["lenient"]["fp"] == 1
    assert scores["dev"]["lenient"]["f1"] == 1.0 and scores["dev"]["articles"] == 1
    assert scores["sealed"]["lenient"]["f1"] == 0.0 and scores["sealed"]["lenient"]["fn"] == 1
    actors = score_actors(gold, results)
    assert actors["entities"] == 2 and actors["found"] == 0.0
    assert [e["article"] for e in actors["errors"]] == ["d1"]


def test_a_folder_without_splits_has_no_split_sections():
    art = _article("a1", "Ruritania met Freedonia.")
    gold = [GoldArticle("a1", {"events": []}, art)]
    scores = score_gold(gold, {"a1": ArticleResult(art)})
    assert "dev" not in scores and "sealed" not in scores
