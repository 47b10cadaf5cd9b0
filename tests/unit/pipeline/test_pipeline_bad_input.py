"""Issue 16 items 1 and 2: a long article is coded in pieces with offsets into the whole
text, and whatever one article does to the parser or the coder costs that article only.

The parser here is spaCy's blank English with a sentencizer (its `max_length` is spaCy's
default, 1,000,000) and the coder a stand-in that records one event per sentence naming
Geneva, so the tests need no trained model."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from eventlens.errors import CodingError
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Quote, Status
from eventlens.nlp.dates import resolve_date
from eventlens.nlp.pieces import text_pieces
from eventlens.pipeline import code_articles, code_batch, ingest
from eventlens.store import open_store

SENTENCE = "The ministers met in Geneva on Tuesday. "
FILLER = "Officials said little else about the long day of talks. "


class SentenceCoder:
    """One CONSULT event per sentence that names Geneva; `fail_on` text raises."""

    name, version = "stand-in", "0"

    def __init__(self, fail_on: str = "") -> None:
        self.fail_on = fail_on

    def code(self, doc, article: Article) -> ArticleResult:
        if self.fail_on and self.fail_on in article.text:
            raise OverflowError("date value out of range")
        events, mentions, quotes = [], [], []
        for sent in doc.sents:
            found = sent.text.find("Geneva")
            if found < 0:
                continue
            start = sent.start_char + found
            mention = Mention(start, start + 6, "Geneva", Actor("CHE"), "test")
            mentions.append(mention)
            events.append(Event(article.id, mention, None, "CONSULT", "04", 1, 1.0,
                                Status.ASSERTED, article.published.isoformat(),
                                sent.start_char, sent.end_char, "met",
                                more_evidence=((sent.start_char, sent.end_char),)))
            quotes.append(Quote(article.id, "officials", None, sent.text, sent.start_char,
                                sent.end_char))
        return ArticleResult(article, tuple(events), tuple(quotes), tuple(mentions),
                             tuple((s.start_char, s.end_char) for s in doc.sents))


@pytest.fixture(scope="module")
def blank_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _article(text: str, origin: str = "news/a.txt", published=dt.date(2021, 12, 15)) -> Article:
    return Article(id=f"{abs(hash((text, origin))):016x}"[:16], text=text, published=published,
                   origin=origin)


def _long_text(chars: int = 1_500_000) -> str:
    paragraph = (FILLER * 30 + SENTENCE + FILLER * 5).strip() + "\n\n"
    return (paragraph * (chars // len(paragraph) + 1))[:chars]


def test_a_1_5m_character_article_is_coded_in_pieces_with_whole_text_offsets(blank_nlp):
    text = _long_text()
    assert len(text) == 1_500_000 > blank_nlp.max_length
    result = code_articles([_article(text)], coder=SentenceCoder(), nlp=blank_nlp)[0]
    assert result.article.text == text
    assert len(result.events) == text.count("Geneva")
    for event in result.events:
        assert text[event.source.start:event.source.end] == "Geneva"
        assert "Geneva" in text[event.evidence_start:event.evidence_end]
        assert event.more_evidence == ((event.evidence_start, event.evidence_end),)
    assert all(text[q.start:q.end] == q.text for q in result.quotes)
    assert result.events[-1].evidence_start > 1_400_000
    starts = [s for s, _ in result.sentences]
    assert starts == sorted(starts) and result.sentences[-1][1] <= len(text)


def test_one_text_twice_in_a_batch_gives_one_result_each(blank_nlp):
    # two records of one sentence (an evaluation file may hold them) share an article id
    articles = [_article(SENTENCE), _article("Nothing happened. "), _article(SENTENCE)]
    assert articles[0].id == articles[2].id
    results = code_articles(articles, coder=SentenceCoder(), nlp=blank_nlp)
    assert [len(r.events) for r in results] == [1, 0, 1]
    assert [r.article.text for r in results] == [a.text for a in articles]


def test_pieces_end_at_paragraph_breaks_and_rebuild_the_text():
    text = _long_text(250_000)
    pieces = text_pieces(text, 100_000)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 100_000 for _, piece in pieces)
    assert all(piece.endswith("\n\n") for _, piece in pieces[:-1])
    assert [start for start, _ in pieces] == [0, len(pieces[0][1]),
                                              len(pieces[0][1]) + len(pieces[1][1])]


def test_one_failing_article_is_an_error_and_the_others_are_coded(blank_nlp):
    articles = [_article(SENTENCE + str(n), origin=f"news/{n}.txt") for n in range(3)]
    articles.insert(1, _article(SENTENCE + "It happened 10000000000 days ago.",
                                origin="news/bad.jsonl:7"))
    batch = code_batch(articles, coder=SentenceCoder(fail_on="days ago"), nlp=blank_nlp)
    assert [r.article.origin for r in batch.results] == ["news/0.txt", "news/1.txt",
                                                         "news/2.txt"]
    assert len(batch.errors) == 1
    error = batch.errors[0]
    assert isinstance(error, CodingError) and error.where == "news/bad.jsonl:7"
    assert "could not be coded" in error.message and "OverflowError" in error.message


def test_a_parser_failure_costs_its_article_only(blank_nlp):
    class Fragile:
        """The blank pipeline, failing on one text as a model can on strange input."""

        max_length = blank_nlp.max_length

        def pipe(self, texts, batch_size=32):
            for text in texts:
                if "poison" in text:
                    raise ValueError("[E088] Text of length 9 exceeds maximum")
                yield blank_nlp(text)

    articles = [_article(SENTENCE), _article("poison " + SENTENCE), _article(SENTENCE * 2)]
    batch = code_batch(articles, coder=SentenceCoder(), nlp=Fragile())
    assert [r.article.id for r in batch.results] == [articles[0].id, articles[2].id]
    assert len(batch.errors) == 1 and "E088" in batch.errors[0].message


def test_ingest_records_a_coding_error_and_stores_the_rest(blank_nlp, tmp_path, monkeypatch):
    for n, tail in enumerate(["", "It began 99999999999 days ago.", ""]):
        (tmp_path / f"{n}.txt").write_text(f" date 2021-12-15 T{n}\n\n{SENTENCE}{tail} {n}\n")
    import eventlens.nlp

    monkeypatch.setattr(eventlens.nlp, "load_pipeline", lambda *a, **k: blank_nlp)
    with open_store(":memory:") as store:
        summary = ingest([tmp_path], store, coder=SentenceCoder(fail_on="days ago"))
        assert summary.new == 2 and len(summary.errors) == 1
        assert summary.errors[0].where == str(tmp_path / "1.txt")
        rows = store.rows("SELECT location, code FROM ingest_errors")
        assert rows == [{"location": str(tmp_path / "1.txt"), "code": "E150"}]
        assert store.rows("SELECT count(*) AS n FROM articles")[0]["n"] == 2


@pytest.mark.parametrize(("expression", "published"), [
    ("10000000000 days ago", dt.date(2021, 12, 15)),
    ("999999 weeks ago", dt.date(2021, 12, 15)),
    ("9" * 5000 + " days ago", dt.date(2021, 12, 15)),
    ("on Friday", dt.date(1, 1, 1)),
    ("yesterday", dt.date(1, 1, 1)),
    ("tomorrow", dt.date(9999, 12, 31)),
    ("next week", dt.date(9999, 12, 28)),
])
def test_date_arithmetic_that_overflows_is_no_date(expression, published):
    assert resolve_date(expression, published) is None
