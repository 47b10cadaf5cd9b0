"""The gazetteer: names to GeoNames places with country, ADM1, point and precision."""

from __future__ import annotations

import pytest

from eventlens.actors.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_a_city_has_its_geonames_id_adm1_and_point(gazetteer):
    kharkiv = gazetteer.resolve("Kharkiv")
    assert (kharkiv.name, kharkiv.country, kharkiv.precision) == ("Kharkiv", "UKR", "city")
    assert kharkiv.geonameid == 706483 and kharkiv.adm1 == "UA.07"
    assert kharkiv.adm1_name == "Kharkiv"
    assert abs(kharkiv.lat - 49.98) < 0.05 and abs(kharkiv.lon - 36.25) < 0.05


def test_a_country_name_is_the_country_at_its_representative_point(gazetteer):
    ukraine = gazetteer.resolve("Ukraine")
    assert (ukraine.country, ukraine.precision, ukraine.geonameid) == ("UKR", "country", 690791)
    # the representative point lies inside the country, away from its capital
    assert 44 < ukraine.lat < 53 and 22 < ukraine.lon < 41
    assert (ukraine.lat, ukraine.lon) != (gazetteer.resolve("Kyiv").lat,
                                          gazetteer.resolve("Kyiv").lon)


def test_capitals_and_seats_are_the_capital_city(gazetteer):
    assert gazetteer.resolve("Kiev").name == "Kyiv"
    white_house = gazetteer.resolve("the White House")
    assert (white_house.name, white_house.country, white_house.precision) == \
        ("Washington", "USA", "city")
    # a second seat of government is its own city, not the first capital
    assert gazetteer.resolve("Aden").name == "Aden"
    assert gazetteer.resolve("Port Sudan").name == "Port Sudan"


@pytest.mark.parametrize("name, countries, context, want", [
    ("Tripoli", (), (), ("LBY", "city")),
    ("Tripoli", ("LBN",), (), ("LBN", "city")),
    ("Tripoli", (), ("LBN", "ISR"), ("LBN", "city")),
    ("Tripoli", (), ("LBY", "LBN"), ("LBY", "city")),
    ("Georgia", (), (), ("GEO", "country")),
    ("Georgia", ("USA",), (), ("USA", "adm1")),
    ("Valencia", ("ESP",), (), ("ESP", "city")),
    ("Punjab", ("IND",), (), ("IND", "adm1")),
    ("Paris", ("USA",), (), ("FRA", "city")),  # no town of a capital's name beats it
])
def test_ambiguous_names_follow_the_event_then_the_article(gazetteer, name, countries, context,
                                                            want):
    place = gazetteer.resolve(name, countries=countries, context=context)
    assert (place.country, place.precision) == want


def test_admin1_divisions_by_name_and_with_a_province_word(gazetteer):
    texas = gazetteer.resolve("Texas")
    assert (texas.adm1, texas.precision, texas.geonameid) == ("US.TX", "adm1", 4736286)
    kherson = gazetteer.resolve("Kherson Oblast")
    assert (kherson.country, kherson.adm1, kherson.precision) == ("UKR", "UA.08", "adm1")
    assert gazetteer.admin1("UA.12").name == "Kyiv City"


def test_unknown_names_and_non_places_have_no_reading(gazetteer):
    assert gazetteer.resolve("Beijing Winter Olympics") is None
    assert gazetteer.resolve("Central") is None  # too general an admin1 name alone
    assert gazetteer.resolve("Ruritania") is None


def test_lookups_are_fast(gazetteer):
    import time

    start = time.perf_counter()
    for _ in range(20_000):
        gazetteer.resolve("Kharkiv", countries=("UKR",))
    assert time.perf_counter() - start < 2.0  # about 10 µs a lookup


def test_place_words_are_read_as_words_off_included():
    from eventlens.actors.gazetteer import place_words

    # YAML reads an unquoted `off` as false: "off the coast of Somalia" was no place phrase
    assert "off" in place_words()["locative_prepositions"]
    assert "false" not in place_words()["locative_prepositions"]
