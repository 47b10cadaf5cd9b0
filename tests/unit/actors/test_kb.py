"""The actor knowledge base: packaged data, time-aware lookups, user files and their errors."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pycountry
import pytest
from located_errors import assert_load_fails_at

from eventlens.actors.kb import (
    KnowledgeBase,
    load_knowledge_base,
    normalise_name,
    parse_partial_date,
)
from eventlens.errors import ActorFileError

D = dt.date
PEOPLE_HEADER = "name\taliases\tcountry\trole\ttitle\tstart\tend\n"
COUNTRY_HEADER = ("iso3\tname\taliases\tadjectives\tdemonyms\tcapitals\tseats\tmilitary_seats"
                  "\tambiguous\tnotes\n")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- packaged data ------------------------------------------------------------------------


def test_every_iso_country_has_a_name_and_an_adjective(kb):
    for record in pycountry.countries:
        entry = kb.country_by_code(record.alpha_3)
        assert entry is not None, record.alpha_3
        assert entry.name and entry.adjectives, record.alpha_3


def test_territories_outside_the_un_are_there(kb):
    assert kb.country_by_code("TWN").adjectives[0] == "Taiwanese"
    assert "Taipei" in kb.country_by_code("TWN").capitals
    assert "Ramallah" in kb.country_by_code("PSE").capitals
    assert kb.country_by_code("xkx").name == "Kosovo"


@pytest.mark.parametrize(("text", "code", "field"), [
    ("Kremlin", "RUS", "seats"),
    ("the Kremlin", "RUS", "seats"),
    ("Zhongnanhai", "CHN", "seats"),
    ("Kyiv", "UKR", "capitals"),
    ("Kiev", "UKR", "capitals"),
    ("Pentagon", "USA", "military_seats"),
    ("White House", "USA", "seats"),
    ("Downing Street", "GBR", "seats"),
    ("Élysée", "FRA", "seats"),
    ("Elysee", "FRA", "seats"),
    ("Russian", "RUS", "adjectives"),
    ("Russia's", "RUS", "name"),
    ("Russian Federation", "RUS", "aliases"),
    ("U.S.", "USA", "aliases"),
    ("Britons", "GBR", "demonyms"),
    ("Türkiye", "TUR", "aliases"),
    ("COTE D'IVOIRE", "CIV", "name"),
])
def test_countries_by_name_says_which_field_matched(kb, text, code, field):
    entry, matched_field = kb.countries_by_name(text)[0]
    assert (entry.iso3, matched_field) == (code, field)


def test_ambiguous_forms_are_flagged_per_form(kb):
    assert kb.countries_by_name("Chad")[0].ambiguous
    assert kb.countries_by_name("Jordan")[0].ambiguous
    assert kb.countries_by_name("Georgia")[0].ambiguous
    assert kb.countries_by_name("Turkey")[0].ambiguous
    assert kb.countries_by_name("us")[0].ambiguous
    assert not kb.countries_by_name("U.S.")[0].ambiguous
    assert not kb.countries_by_name("Chadian")[0].ambiguous


def test_shared_adjectives_list_every_country_unambiguous_first(kb):
    assert {m.entry.iso3 for m in kb.countries_by_name("Congolese")} == {"COD", "COG"}
    assert [m.entry.iso3 for m in kb.countries_by_name("Dominican")] == ["DOM", "DMA"]


def test_organisations_by_name_alias_and_code(kb):
    assert kb.organisation_by_name("North Atlantic Treaty Organization").code == "NATO"
    assert kb.organisation_by_name("UN nuclear watchdog").code == "IAEA"
    assert kb.organisation_by_name("U.N. Security Council").code == "UNSC"
    assert kb.organisation_by_name("European Commission").parent == "EU"
    assert kb.organisation_by_name("Doctors Without Borders").role == "NGO"
    assert kb.organisation_by_name("no such body") is None


def test_organisation_members(kb):
    nato = kb.organisation_by_name("NATO")
    assert {"FIN", "SWE", "USA", "TUR"} <= nato.members and len(nato.members) == 32
    assert "UKR" not in nato.members
    assert len(kb.organisation_by_name("EU").members) == 27
    assert "GBR" not in kb.organisation_by_name("EU").members
    assert kb.organisation_by_name("UNSC").members == {"CHN", "FRA", "GBR", "RUS", "USA"}
    assert len(kb.organisation_by_name("UN").members) == 193
    assert kb.organisation_by_name("WHO").members >= {"COK", "NIU"}  # members_like + extra
    assert {"MLI", "BFA", "NER"}.isdisjoint(kb.organisation_by_name("ECOWAS").members)


def test_a_regions_adjectives_name_its_states_together(kb):
    for text in ("Gulf states", "Gulf Arab states", "African leaders", "European governments",
                 "Western allies"):
        assert kb.organisation_by_name(text).kind == "region", text
    assert kb.organisation_by_name("Gulf Arab states").code == "PGS"
    assert kb.organisation_by_name("Western states") is None  # the US West, not "the West"
    assert kb.organisation_by_name("the West").role == "GOV"


def test_adjectives_belong_to_regions_only(tmp_path):
    orgs = write(tmp_path, "orgs.yaml", "kind: organisations\norganisations:\n"
                 "- code: BLOC\n  name: Example Bloc\n  adjectives: [Blocky]\n  kind: IGO\n")
    with pytest.raises(ActorFileError, match="adjectives are for regions only"):
        load_knowledge_base([orgs])


def test_groups_have_dated_roles(kb):
    assert kb.group_by_name("Taliban", D(2020, 1, 1)).role == "REB"
    assert kb.group_by_name("Taliban", D(2021, 8, 15)).role == "GOV"
    assert kb.group_by_name("taliban", D(1999, 1, 1)).role == "GOV"
    assert kb.group_by_name("Rapid Support Forces", D(2022, 1, 1)).role == "MIL"
    assert kb.group_by_name("RSF", D(2024, 1, 1)).role == "REB"
    assert kb.group_by_name("Houthis").country == "YEM"
    assert (kb.group_by_name("Hamas").country, kb.group_by_name("Hamas").role) == ("PSE", "REB")
    assert kb.group_by_name("Xinhua").role == "MED"
    assert kb.group_by_name("Daesh").country == "ISIL"


# -- people and offices ---------------------------------------------------------------------


@pytest.mark.parametrize(("country", "title", "day", "name"), [
    ("USA", "president", D(2019, 6, 1), "Donald Trump"),
    ("USA", "president", D(2021, 12, 15), "Joe Biden"),
    ("USA", "president", D(2025, 6, 1), "Donald Trump"),
    ("USA", "president", D(2021, 1, 20), "Joe Biden"),  # handover day: the incoming one
    ("US", "president", D(2010, 1, 1), "Barack Obama"),
    ("United States", "secretary of state", D(2015, 1, 1), "John Kerry"),
    ("GBR", "prime minister", D(2016, 1, 1), "David Cameron"),
    ("GBR", "prime minister", D(2022, 10, 1), "Liz Truss"),
    ("GBR", "prime minister", D(2024, 8, 1), "Keir Starmer"),
    ("RUS", "prime minister", D(2010, 1, 1), "Vladimir Putin"),
    ("RUS", "president", D(2010, 1, 1), "Dmitry Medvedev"),
    ("Russia", "premier", D(2021, 12, 15), "Mikhail Mishustin"),
    ("CHN", "president", D(2021, 12, 15), "Xi Jinping"),
    ("DEU", "chancellor", D(2021, 12, 15), "Olaf Scholz"),
    ("UN", "secretary-general", D(2010, 1, 1), "Ban Ki-moon"),
    ("NATO", "secretary-general", D(2021, 12, 15), "Jens Stoltenberg"),
    ("USA", "chairman of the joint chiefs of staff", D(2020, 1, 1), "Mark Milley"),
    ("PAK", "army chief", D(2023, 6, 1), "Asim Munir"),  # data titles fold to canonical ones
    ("TUR", "foreign minister", D(2015, 9, 1), "Feridun Sinirlioğlu"),
])
def test_office_holder_is_time_aware(kb, country, title, day, name):
    assert kb.office_holder(country, title, day).name == name


def test_office_holder_outside_any_term_is_none(kb):
    assert kb.office_holder("USA", "president", D(1800, 1, 1)) is None


def test_person_roles_on_a_date(kb):
    roles = kb.person_roles_on("Putin", D(2010, 5, 1))
    assert [(r.country, r.role, r.title) for r in roles] == [("RUS", "GOV", "prime minister")]
    assert {r.title for r in kb.person_roles_on("Xi", D(2021, 12, 15))} == {
        "president", "general secretary"}
    assert kb.person_roles_on("Vladimir Putin", D(1990, 1, 1)) == []


def test_people_named_finds_every_office_by_any_alias(kb):
    titles = {r.title for r in kb.people_named("Medvedev")}
    assert {"president", "prime minister", "deputy chairman of the security council"} <= titles
    assert kb.people_named("ZELENSKYY")[0].name == "Volodymyr Zelensky"


def test_surname_alias_shared_by_two_people_is_settled_by_the_date(kb):
    assert [r.name for r in kb.person_roles_on("Powell", D(2003, 1, 1))] == ["Colin Powell"]
    assert [r.name for r in kb.person_roles_on("Powell", D(2020, 1, 1))] == ["Jerome Powell"]


def test_group_office_takes_the_group_country(kb):
    nasrallah = kb.person_roles_on("Nasrallah", D(2020, 1, 1))[0]
    assert (nasrallah.country, nasrallah.role, nasrallah.group) == ("LBN", "REB", "HEZBOLLAH")


def test_partial_dates_take_the_first_or_last_day():
    assert parse_partial_date("2008") == D(2008, 1, 1)
    assert parse_partial_date("2008", last=True) == D(2008, 12, 31)
    assert parse_partial_date("2024-02", last=True) == D(2024, 2, 29)
    assert parse_partial_date("2012-05-07") == D(2012, 5, 7)
    with pytest.raises(ValueError):
        parse_partial_date("May 2012")


def test_names_fold_case_accents_and_articles():
    assert normalise_name("  The Élysée ") == "elysee"
    assert normalise_name("Russia’s") == "russia"
    assert normalise_name("U.S.") == "u.s"


def test_loading_is_fast_and_cached():
    started = time.perf_counter()
    first = load_knowledge_base()
    assert time.perf_counter() - started < 1.0
    assert load_knowledge_base() is first


# -- user files -------------------------------------------------------------------------------


def test_user_people_file_adds_and_overrides(tmp_path):
    path = write(tmp_path, "mine.tsv", PEOPLE_HEADER
                 + "Jane Doe\tDoe\tFRA\tGOV\tforeign minister\t2030-01\t\n"
                 + "Joe Biden\t\tUSA\tGOV\tpresident\t2021-01-20\t2024-12-31\n"
                 + "Someone Else\t\tUSA\tGOV\tpresident\t2017-01-20\t2021-01-20\n")
    kb = load_knowledge_base([path])
    assert kb.office_holder("FRA", "foreign minister", D(2030, 6, 1)).name == "Jane Doe"
    assert kb.office_holder("USA", "president", D(2022, 1, 1)).name == "Joe Biden"
    assert kb.office_holder("USA", "president", D(2025, 1, 5)) is None  # corrected end wins
    assert len([r for r in kb.people_named("Biden") if r.title == "president"]) == 1
    assert kb.office_holder("USA", "president", D(2019, 1, 1)).name == "Someone Else"  # tie
    packaged = load_knowledge_base()
    assert packaged.office_holder("USA", "president", D(2025, 1, 5)).name == "Joe Biden"
    assert packaged.office_holder("USA", "president", D(2019, 1, 1)).name == "Donald Trump"


def test_user_organisation_and_group_files_override_by_code(tmp_path):
    orgs = write(tmp_path, "orgs.yaml", "kind: organisations\norganisations:\n"
                 "- code: NATO\n  name: North Atlantic Treaty Organization\n  kind: IGO\n"
                 "  members: [USA, CAN]\n"
                 "- code: BLOC\n  name: Example Bloc\n  aliases: [the bloc of two]\n  kind: IGO\n"
                 "  members_like: NATO\n")
    groups = write(tmp_path, "groups.yaml", "kind: groups\ngroups:\n"
                   "- {code: HAMAS, name: Hamas, country: PSE, role: GOV, kind: armed}\n")
    kb = load_knowledge_base([orgs, groups])
    assert kb.organisation_by_name("NATO").members == {"USA", "CAN"}
    assert kb.organisation_by_name("bloc of two").members == {"USA", "CAN"}
    assert kb.group_by_name("Hamas").role == "GOV"


def test_user_countries_file_replaces_a_row(tmp_path):
    path = write(tmp_path, "countries.tsv", COUNTRY_HEADER
                 + "RUS\tRussia\tRF\tRussian\tRussians\tMoscow\tKremlin|Old Square\t\t\t\n")
    kb = load_knowledge_base([path])
    assert kb.countries_by_name("RF")[0].entry.iso3 == "RUS"


def test_user_title_synonyms(tmp_path):
    path = write(tmp_path, "titles.yaml", "kind: titles\ntitles:\n  president: [POTUS]\n")
    kb = load_knowledge_base([path])
    assert kb.office_holder("USA", "POTUS", D(2021, 12, 15)).name == "Joe Biden"


# -- bad user files ---------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text", "line", "words"), [
    ("p.tsv", PEOPLE_HEADER + "A\t\tFRA\tGOV\tpresident\t2020\n", 2, "columns"),
    ("p.tsv", PEOPLE_HEADER + "# a comment\nA\t\tXXX\tGOV\tpresident\t2020\t\n", 3,
     "unknown country"),
    ("p.tsv", PEOPLE_HEADER + "A\t\tFRA\tBOSS\tpresident\t2020\t\n", 2, "unknown role"),
    ("p.tsv", PEOPLE_HEADER + "A\t\tFRA\tGOV\tpresident\t2020\t2019\n", 2, "before start"),
    ("p.tsv", PEOPLE_HEADER + "A\t\tFRA\tGOV\tpresident\t2020-13\t\n", 2, "date"),
    ("p.tsv", PEOPLE_HEADER + "A\t\tFRA\tGOV\tpresident\t\t\n", 2, "no start"),
    ("p.tsv", PEOPLE_HEADER + "A\t\tFRA\tGOV\tpresident\t2020\t2022\n"
     "A\t\tFRA\tGOV\tpresident\t2021\t2023\n", 3, "overlaps the row at line 2"),
    ("p.tsv", "who\twhat\n", 1, "unrecognised header"),
    ("c.tsv", COUNTRY_HEADER + "ABC\tA\t\tA-ish\t\t\t\t\tB\t\n", 2, "ambiguous"),
    ("c.tsv", COUNTRY_HEADER + "ABC\tA\t\t\t\t\t\t\t\t\nABC\tB\t\t\t\t\t\t\t\t\n", 3, "twice"),
    ("o.yaml", "kind: organisations\norganisations:\n- code: X1\n  name: [unclosed\n", 5,
     "bad YAML"),
    ("o.yaml", "kind: things\n", 1, "kind"),
    ("o.yaml", "kind: organisations\norganisations:\n- code: X1\n  name: X\n  kind: IGO\n"
     "- code: X2\n  name: Y\n  kind: IGO\n  members: [FRA, ZZZ]\n", 6, "ZZZ"),
    ("o.yaml", "kind: organisations\norganisations:\n- code: X1\n  name: X\n  kind: IGO\n"
     "- code: X1\n  name: Y\n  kind: IGO\n", 6, "twice"),
    ("o.yaml", "kind: organisations\norganisations:\n- code: X1\n  name: X\n  kind: IGO\n"
     "- code: X2\n  name: Y\n  aliases: [x]\n  kind: IGO\n", 6, "names both"),
    ("o.yaml", "kind: organisations\norganisations:\n- code: X1\n  name: X\n  kind: IGO\n"
     "  colour: red\n", 3, "unknown keys"),
    ("g.yaml", "kind: groups\ngroups:\n- {code: G1, name: G, country: FRA, role: REB, "
     "kind: armed, periods: [{start: 2020, end: 2010, role: GOV}]}\n", 3, "before start"),
    ("g.yaml", "kind: groups\ngroups:\n- code: G1\n  name: G\n  country: ATLANTIS\n"
     "  role: REB\n  kind: armed\n", 3, "unknown country"),
    ("x.csv", "a,b\n", 0, "file type"),
])
def test_bad_user_files_raise_with_file_and_line(tmp_path, name, text, line, words):
    path = write(tmp_path, name, text)
    assert_load_fails_at(path, line, words)


def test_a_missing_user_file_is_an_actor_file_error(tmp_path):
    with pytest.raises(ActorFileError, match="cannot read"):
        load_knowledge_base([tmp_path / "absent.tsv"])
