import datetime as dt

from eventlens.evaluate.actors import score_actors
from eventlens.evaluate.gold import GoldArticle
from eventlens.model import Actor, Article, ArticleResult, Mention


def _result(text, mentions):
    article = Article("a1", text, dt.date(2024, 1, 1))
    found = []
    for phrase, code, how in mentions:
        start = text.index(phrase, found[-1].end if found else 0)
        country, _, role = code.partition(":")
        found.append(Mention(start, start + len(phrase), phrase, Actor(country, role), how))
    return article, ArticleResult(article, (), (), tuple(found), ())


def test_exact_names_first_and_the_kth_listing_on_the_kth_mention():
    text = ("Russian officials said Russian soldiers crossed the river. Russia fired missiles. "
            "Later Russia asked for talks.")
    article, result = _result(text, [("Russian officials", "RUS:GOV", "adjective"),
                                     ("Russian soldiers", "RUS:MIL", "adjective"),
                                     ("Russia", "RUS:MIL", "country"),
                                     ("Russia", "RUS:GOV", "country")])
    gold = [GoldArticle("a1", {"entities": [
        {"name": "Russian soldiers", "actor": "RUS:MIL"},
        {"name": "Russia", "actor": "RUS:MIL"},
        {"name": "Russia", "actor": "RUS:GOV"},
        {"name": "Ukraine", "actor": "UKR:GOV"}]}, article)]
    scores = score_actors(gold, {"a1": result})
    assert scores["entities"] == 4
    assert scores["found"] == 0.75
    assert scores["country_role_accuracy"] == 0.75
    assert scores["errors"] == [{"article": "a1", "name": "Ukraine", "gold": "UKR:GOV",
                                 "got": None}]


def test_a_wrong_role_is_reported_with_how_it_was_resolved():
    text = "Moscow massed troops."
    article, result = _result(text, [("Moscow", "RUS:GOV", "metonym")])
    gold = [GoldArticle("a1", {"entities": [{"name": "Moscow", "actor": "RUS:MIL"}]}, article)]
    scores = score_actors(gold, {"a1": result})
    assert scores["country_accuracy"] == 1.0 and scores["country_role_accuracy"] == 0.0
    assert scores["errors"][0]["how"] == "metonym"
