"""The worked example of DESIGN.md, on our own paraphrase of the seed article."""

import json
from pathlib import Path

import pytest

from eventlens.evaluate.gold import country_of
from eventlens.ingest import read_sources
from eventlens.model import Article
from eventlens.pipeline import code_articles

pytestmark = pytest.mark.model
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def coded(coder):
    article = next(a for a in read_sources([FIXTURES / "seed_paraphrase.txt"])
                   if isinstance(a, Article))
    return code_articles([article], coder=coder)[0]


@pytest.fixture(scope="module")
def gold():
    return json.loads((FIXTURES / "seed_paraphrase.gold.jsonl").read_text(encoding="utf-8"))


def test_every_worked_example_event_is_coded(coded, gold):
    got = {(e.source.actor.country, e.plover_type,
            e.target.actor.country if e.target else "", e.status.value, e.date)
           for e in coded.events}
    for ev in gold["events"]:
        want = (country_of(ev["source"]), ev["type"], country_of(ev["target"]), ev["status"],
                ev["date"])
        assert want in got, f"missing {want}"


def test_roles_of_the_worked_example(coded):
    codes = {(e.source.actor.code, e.plover_type) for e in coded.events}
    assert ("RUS:MIL", "MOBILIZE") in codes
    assert ("RUS:GOV", "ASSAULT") in codes
    assert ("CHN:GOV", "SUPPORT") in codes


def test_evidence_offsets_point_at_the_sentence(coded):
    text = coded.article.text
    denial = next(e for e in coded.events if e.status.value == "denied")
    assert "denies" in text[denial.evidence_start:denial.evidence_end]
    for e in coded.events:
        assert text[e.source.start:e.source.end] == e.source.text


def test_quotes_have_their_speakers(coded):
    speakers = {(q.speaker, q.actor.code if q.actor else None) for q in coded.quotes}
    assert ("Yuri Ushakov", "RUS:GOV") in speakers
    assert any(code == "CHN:GOV" for _, code in speakers)
