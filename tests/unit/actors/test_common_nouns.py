"""A common noun is no country: 'Galwan Valley' is not Anguilla (whose capital is The Valley)."""

import datetime as dt

import pytest
from typer.testing import CliRunner

from eventlens.actors.kb import load_knowledge_base
from eventlens.cli import app

runner = CliRunner()


def _codes(matches):
    return [m.entry.iso3 for m in matches]


def test_a_capital_written_with_its_article_needs_the_article():
    kb = load_knowledge_base()
    assert _codes(kb.countries_by_name("The Valley")) == ["AIA"]
    assert _codes(kb.countries_by_name("the Hague")) == ["NLD"]
    assert _codes(kb.countries_by_name("The Lodge")) == ["AUS"]
    for bare in ("Valley", "valley", "Hague", "Lodge", "Galwan Valley"):
        assert kb.countries_by_name(bare) == [], bare
    # names, aliases and seats written without an article are unchanged
    assert _codes(kb.countries_by_name("Bahamas")) == ["BHS"]
    assert _codes(kb.countries_by_name("the Bahamas")) == ["BHS"]
    assert _codes(kb.countries_by_name("Pentagon")) == ["USA"]
    assert _codes(kb.countries_by_name("the Kremlin")) == ["RUS"]


@pytest.mark.model
@pytest.mark.parametrize("name", ["Galwan Valley", "the Galwan Valley", "Silicon Valley"])
def test_lookup_of_a_valley_resolves_to_no_country(name):
    out = runner.invoke(app, ["actors", "lookup", name, "--date", "2020-06-16"])
    assert out.exit_code == 0, out.output
    assert "AIA" not in out.output and "Anguilla" not in out.output
    assert "resolves to no actor" in out.output
    if "Galwan" in name:  # the places table knows it: disputed between India and China
        assert "place Galwan Valley: disputed in IND" in out.output and "CHN" in out.output


@pytest.mark.model
def test_the_resolver_still_reads_the_hague_and_skips_the_valley(code_text):
    result = code_text("Chinese and Indian troops clashed in the Galwan Valley on Monday. "
                       "The Hague said on Tuesday it would send an envoy.", "2020-06-16")
    countries = {m.actor.country for m in result.mentions}
    assert "AIA" not in countries
    assert "NLD" in countries


@pytest.mark.model
def test_iso_3166_names_are_explained_through_pycountry():
    out = runner.invoke(app, ["actors", "lookup", "Russian Federation", "--date",
                              dt.date(2022, 1, 1).isoformat()])
    assert "country RUS" in out.output
