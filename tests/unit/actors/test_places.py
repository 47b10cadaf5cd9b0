"""Places in the knowledge base: packaged gazetteer lookups, user places files and their errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from located_errors import assert_load_fails_at

from eventlens.actors.kb import KnowledgeBase, PlaceEntry, load_knowledge_base, normalise_name
from eventlens.actors.places import PLACE_COLUMNS

HEADER = "\t".join(PLACE_COLUMNS) + "\n"
PACKAGED = Path(__file__).resolve().parents[3] / "src/eventlens/data/actors/places.tsv"


def row(name: str, aliases: str = "", country: str = "UKR", kind: str = "city",
        population: str = "", lat: str = "46.5", lon: str = "30.7", ambiguous: str = "",
        notes: str = "") -> str:
    return "\t".join((name, aliases, country, kind, population, lat, lon, ambiguous, notes)) + "\n"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture()
def write(tmp_path):
    def write(text: str, name: str = "places.tsv") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return write


# -- packaged gazetteer ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "name", "country", "kind"), [
    ("Odesa", "Odesa", "UKR", "city"),
    ("Odessa", "Odesa", "UKR", "city"),           # an alias
    ("KHARKOV", "Kharkiv", "UKR", "city"),
    ("Belgorod", "Belgorod", "RUS", "city"),
    ("Idlib", "Idlib", "SYR", "city"),
    ("Idlib province", "Idlib Governorate", "SYR", "region"),
    ("Donetsk", "Donetsk", "UKR", "city"),
    ("Donetsk region", "Donetsk Oblast", "UKR", "disputed"),
    ("Tigray", "Tigray", "ETH", "region"),
    ("Darfur", "Darfur", "SDN", "region"),
    ("Crimea", "Crimea", "UKR", "disputed"),
    ("Gaza", "Gaza Strip", "PSE", "disputed"),
    ("the Gaza Strip", "Gaza Strip", "PSE", "disputed"),
    ("Golan Heights", "Golan Heights", "SYR", "disputed"),
    ("Nagorno-Karabakh", "Nagorno-Karabakh", "AZE", "disputed"),
    ("Bombay", "Mumbai", "IND", "city"),
])
def test_packaged_places_by_name_and_alias(kb, text, name, country, kind):
    entry = kb.place_by_name(text)
    assert (entry.name, entry.country, entry.kind) == (name, country, kind)


def test_cities_have_coordinates_and_population_regions_none(kb):
    odesa = kb.place_by_name("Odesa")
    assert odesa.lat == pytest.approx(46.49, abs=0.05)
    assert odesa.lon == pytest.approx(30.74, abs=0.05)
    assert odesa.population > 500_000
    assert kb.place_by_name("Tigray").population is None


def test_disputed_areas_say_who_else_claims_them(kb):
    crimea = kb.place_by_name("Crimea")
    assert crimea.kind == "disputed" and "Russia" in crimea.notes


def test_an_ambiguous_name_is_returned_with_the_other_countries(kb):
    kashmir = kb.place_by_name("Kashmir")
    assert kashmir.is_ambiguous and kashmir.ambiguous == ("PAK",)
    assert kb.place_by_name("Rafah").ambiguous == ("EGY",)
    assert not kb.place_by_name("Odesa").is_ambiguous


@pytest.mark.parametrize("word", ["Nice", "Reading", "Mobile", "Split", "Bath", "Orange",
                                  "Victoria", "Lincoln", "Jackson", "Phoenix", "Eugene",
                                  "Independence", "of", "nowhere at all"])
def test_common_words_and_first_names_are_not_places(kb, word):
    assert kb.place_by_name(word) is None


@pytest.mark.parametrize(("text", "country"), [("Taipei", "TWN"), ("Hong Kong", "HKG"),
                                               ("Kyiv", "UKR"), ("East Jerusalem", "PSE")])
def test_names_the_countries_table_resolves_are_left_to_it(kb, text, country):
    assert kb.place_by_name(text) is None
    assert kb.countries_by_name(text)[0].entry.iso3 == country


def test_no_packaged_place_shadows_an_actor(kb):
    actor_forms = {normalise_name(f) for entry in kb.countries.values()
                   for field in ("name", "aliases", "adjectives", "demonyms", "capitals",
                                 "seats", "military_seats") for f in entry.forms(field)}
    actor_forms |= {normalise_name(f) for entry in (*kb.organisations.values(),
                                                     *kb.groups.values())
                    for f in (entry.code, entry.name, *entry.aliases)}
    text = PACKAGED.read_text(encoding="utf-8")
    place_forms = {normalise_name(form)
                   for line in text.splitlines()[1:] if line and not line.startswith("#")
                   for form in [line.split("\t")[0], *line.split("\t")[1].split("|")] if form}
    clashes = sorted(place_forms & actor_forms)
    assert not clashes, clashes[:10]


def test_packaged_file_credits_geonames_and_stays_small():
    text = PACKAGED.read_text(encoding="utf-8")
    assert "GeoNames" in text[:2000] and "CC BY 4.0" in text[:2000]
    assert PACKAGED.stat().st_size < 1_500_000


# -- user places files --------------------------------------------------------------------


def test_user_places_add_and_replace(write):
    path = write(HEADER
                 + row("Novyi Svit", "Novy Svit|New World Town", population="1200")
                 + row("Odesa", "Odessa|Odessa City", lat="46.48", lon="30.72",
                       notes="port city")
                 + row("Borderland", country="FRA", kind="disputed", lat="49", lon="6",
                       ambiguous="DEU|lux"))
    kb = load_knowledge_base([path])
    added = kb.place_by_name("new world town")
    assert isinstance(added, PlaceEntry)
    assert (added.name, added.country, added.population) == ("Novyi Svit", "UKR", 1200)
    assert added.source == f"{path}:2"
    assert kb.place_by_name("Odessa City").notes == "port city"
    assert kb.place_by_name("Odesa").source == f"{path}:3"
    assert kb.place_by_name("Odessae") is None  # the packaged row's other spellings went with it
    assert kb.place_by_name("Borderland").ambiguous == ("DEU", "LUX")
    assert kb.place_by_name("Crimea").country == "UKR"  # packaged places still there
    assert load_knowledge_base().place_by_name("Odessae").name == "Odesa"


def test_optional_place_columns_may_be_left_out(write):
    path = write("name\tcountry\tkind\tlat\tlon\nSmallville\tUSA\tcity\t39.1\t-94.6\n")
    entry = load_knowledge_base([path]).place_by_name("Smallville")
    assert (entry.aliases, entry.population, entry.ambiguous) == ((), None, ())


def test_a_later_places_file_wins(write):
    first = write(HEADER + row("Testtown", "Old Name"), "a.tsv")
    second = write(HEADER + row("Testtown", country="POL", lat="50", lon="20"), "b.tsv")
    kb = load_knowledge_base([first, second])
    assert kb.place_by_name("Testtown").country == "POL"
    assert kb.place_by_name("Old Name") is None


@pytest.mark.parametrize(("text", "line", "words"), [
    (HEADER + row("A") + "B\tUKR\tcity\n", 3, "columns"),
    (HEADER + "# a comment\n" + row("A", country="XXX"), 3, "unknown country"),
    (HEADER + row("A", kind="village"), 2, "unknown kind"),
    (HEADER + row("A", lat="north"), 2, "lat"),
    (HEADER + row("A", lon="200"), 2, "lon"),
    (HEADER + row("A", lat=""), 2, "lat"),
    (HEADER + row("A", population="1,000"), 2, "population"),
    (HEADER + row("A", ambiguous="UKR"), 2, "ambiguous"),
    (HEADER + row("A", ambiguous="ZZZ"), 2, "ambiguous"),
    (HEADER + row(""), 2, "needs a name"),
    (HEADER + row("A", "Alpha") + row("B", "alpha"), 3, "names both"),
    ("name\tcountry\tkind\tlat\n", 1, "unrecognised header"),
])
def test_bad_places_rows_raise_with_file_and_line(write, text, line, words):
    path = write(text)
    assert_load_fails_at(path, line, words)
