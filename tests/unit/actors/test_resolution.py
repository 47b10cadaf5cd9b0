"""How the coder resolves actors in context: roles from the act, the event date and the place."""

import pytest


def _mention(result, text):
    found = [m for m in result.mentions if m.text == text]
    assert found, f"no mention {text!r} in {[m.text for m in result.mentions]}"
    return found[0]


def test_a_country_that_strikes_acts_as_its_military(code_text):
    r = code_text("Russia shelled the port of Kherson on Tuesday. Russia also said it wanted "
                  "talks with Turkey.", published="2022-11-22")
    assault = [e for e in r.events if e.plover_type == "ASSAULT"]
    assert assault and assault[0].source.actor.code == "RUS:MIL"
    # the same country speaking is its government
    assert all(e.source.actor.code == "RUS:GOV" for e in r.events if e.plover_type != "ASSAULT")
    assert _mention(r, "Russia").actor.code == "RUS:MIL"


def test_a_seat_of_government_and_a_cabinet_keep_their_role(code_text):
    r = code_text("The Kremlin ordered strikes on Kharkiv. Israel's war cabinet ordered air "
                  "strikes on Hamas positions in Gaza.", published="2023-10-20")
    sources = {e.source.text: e.source.actor.code for e in r.events if e.plover_type == "ASSAULT"}
    assert sources.get("The Kremlin", "RUS:GOV") == "RUS:GOV"
    assert sources.get("Israel's war cabinet", "ISR:GOV") == "ISR:GOV"


def test_a_call_up_is_the_governments_a_deployment_the_armys(code_text):
    r = code_text("Belarus announced a mobilisation of reservists. Belarus deployed troops to "
                  "the border with Poland.", published="2023-08-01")
    codes = [e.source.actor.code for e in r.events if e.plover_type == "MOBILIZE"]
    assert "BLR:MIL" in codes


def test_weapons_name_the_military_of_their_country_and_alone_no_actor(code_text):
    r = code_text("Iranian drones struck a tanker off Oman. A missile fell into the sea.",
                  published="2021-08-01")
    assert _mention(r, "Iranian drones").actor.code == "IRN:MIL"
    assert not [m for m in r.mentions if m.text.lower() in ("a missile", "missile")]


def test_a_person_has_the_role_held_on_the_event_date(code_text):
    text = ("Barack Obama signed the nuclear agreement with Iran in 2015, the State Department "
            "said on Monday.")
    r = code_text(text, published="2023-05-01")
    signed = [e for e in r.events if e.source.actor.name == "Barack Obama"]
    assert signed and signed[0].date == "2015"
    assert signed[0].source.actor.code == "USA:GOV"
    assert _mention(r, "Barack Obama").actor.code == "USA:GOV"


def test_a_former_office_holder_speaking_now_has_no_role(code_text):
    r = code_text("Barack Obama criticised the Russian government on Monday.",
                  published="2023-05-01")
    assert _mention(r, "Barack Obama").actor.code == "USA"


@pytest.mark.parametrize("place, code", [("Tbilisi", "GEO:GOV"), ("Kharkiv", "UKR:GOV")])
def test_unnamed_roles_take_the_country_of_the_place_they_are_in(code_text, place, code):
    """A capital (countries.tsv) or a city of the gazetteer (places.tsv)."""
    r = code_text("France and Germany discussed energy prices. Later, police detained dozens "
                  f"of protesters in {place}.", published="2024-05-01")
    assert _mention(r, "police").actor.code == code


def test_the_bloc_is_the_organisation_named_last(code_text):
    r = code_text("The Association of Southeast Asian Nations met in Jakarta. The bloc "
                  "criticised the military government of Myanmar.", published="2023-09-05")
    accuse = [e for e in r.events if e.plover_type == "ACCUSE"]
    assert accuse and accuse[0].source.actor.code == "ASEAN"


def test_a_name_split_by_the_tagger_is_read_whole(code_text):
    r = code_text("The Economic Community of West African States imposed sanctions on Mali.",
                  published="2022-01-10")
    assert any(m.actor.code == "ECOWAS" for m in r.mentions)


def test_warships_are_their_navy(code_text):
    r = code_text("HMS Defender sailed past Crimea, and Russia said it fired warning shots.",
                  published="2021-06-23")
    assert _mention(r, "HMS Defender").actor.code == "GBR:MIL"


def test_a_possessive_pronoun_gives_the_owner_country(code_text):
    r = code_text("Niger's president was detained by his own presidential guard on Wednesday.",
                  published="2023-07-27")
    guard = [m for m in r.mentions if "presidential guard" in m.text]
    assert guard and guard[0].actor.code == "NER:MIL"


def test_the_central_government_of_hong_kong_is_beijing(code_text):
    r = code_text("Protesters marched in Hong Kong on Sunday. Hong Kong police arrested two "
                  "activists. The central government said it backed the Hong Kong police.",
                  published="2020-06-01")
    governments = [m for m in r.mentions if m.text == "central government"]
    assert governments and governments[0].actor.code == "CHN:GOV"
    assert all(m.actor.country == "HKG" for m in r.mentions if m.text == "Hong Kong police")


def test_a_former_title_is_no_office_and_a_former_leader_no_state(code_text):
    r = code_text("Pakistani police arrested former prime minister Nawaz Sharif's son in Lahore.",
                  published="2024-03-01")
    arrests = [e for e in r.events if e.plover_type == "COERCE"]
    assert arrests, "the police and a former prime minister are two actors"
    assert arrests[0].source.actor.code == "PAK:GOV"
    assert arrests[0].target.actor.role == ""


def test_two_people_of_one_government_are_two_actors(code_text):
    r = code_text("President Joe Biden criticised Secretary of State Antony Blinken.",
                  published="2022-01-10")
    assert [(e.source.actor.name, e.target.actor.name) for e in r.events
            if e.plover_type == "ACCUSE"] == [("Joe Biden", "Antony Blinken")]


def test_a_known_groups_role_beats_its_members_titles(code_text):
    r = code_text("The Nigerian army arrested two Boko Haram commanders near Maiduguri.",
                  published="2021-05-01")
    arrests = [e for e in r.events if e.plover_type == "COERCE"]
    assert arrests and arrests[0].source.actor.code == "NGA:MIL"
    assert arrests[0].target.actor.code == "NGA:REB"


def test_rebels_and_a_citizen_of_their_country_are_two_actors(code_text):
    r = code_text("The rebels of the FARC freed a Colombian soldier on Sunday.",
                  published="2010-03-30")
    assert any(e.plover_type == "RETREAT" and e.source.actor.code == "COL:REB"
               and e.target is not None and e.target.actor.country == "COL"
               and e.target.actor.role != "REB" for e in r.events)


def test_a_city_is_the_target_of_force_but_not_the_partner_of_talks(code_text):
    r = code_text("Russian missiles struck Kharkiv on Monday. French and German diplomats held "
                  "talks in Geneva on Tuesday.", published="2023-05-10")
    assault = [e for e in r.events if e.plover_type == "ASSAULT"]
    assert assault and assault[0].target.actor.code == "UKR"
    assert assault[0].target.how == "place"
    consult = {(e.source.actor.country, e.target.actor.country)
               for e in r.events if e.plover_type == "CONSULT" and e.target is not None}
    assert ("FRA", "DEU") in consult
    assert not any("CHE" in pair for pair in consult)


def test_both_sides_are_the_two_main_actors_even_of_one_country(code_text):
    r = code_text("Ethiopia's army clashed with Fano militias near Gondar on Monday. The army said "
                  "the militias had attacked first, and the militias accused the army of "
                  "shelling villages. The African Union urged calm. On Tuesday both sides "
                  "agreed to a truce.", published="2023-08-10")
    sides = {m.actor.code for m in r.mentions if m.text == "both sides"}
    assert sides == {"ETH:MIL", "ETH:REB"}


def test_a_joint_exercise_is_held_by_both_militaries(code_text):
    r = code_text("Japan and Australia held joint military exercises off Darwin.",
                  published="2024-09-01")
    codes = {(e.source.actor.code, e.target.actor.code) for e in r.events
             if e.plover_type == "COOPERATE" and e.target is not None}
    assert ("JPN:MIL", "AUS:MIL") in codes


@pytest.mark.parametrize("text, name, code", [
    ("Moscow-backed separatists shelled Mariupol in eastern Ukraine.",
     "Moscow-backed separatists", "UKR:REB"),
    ("Iran-backed militias attacked a US base in Iraq.", "Iran-backed militias", "IRQ:REB"),
])
def test_a_backers_proxies_are_an_armed_group_of_the_country_they_act_in(code_text, text,
                                                                       name, code):
    r = code_text(text, published="2022-03-01")
    assert _mention(r, name).actor.code == code


def test_artillery_fire_in_answer_is_an_assault(code_text):
    r = code_text("Hezbollah fired rockets at Israeli positions, and Israel responded with "
                  "artillery fire.", published="2023-10-09")
    assert any(e.plover_type == "ASSAULT" and e.source.actor.country == "ISR" for e in r.events)


@pytest.mark.parametrize("text, name, code", [
    ("The deal was signed by Kofi Mensah, Ghana's national security adviser, on Monday.",
     "Kofi Mensah, Ghana's national security adviser", "GHA:GOV"),
    ("Amina Diallo, a 31-year-old teacher, was detained in Bamako on Friday.",
     "Amina Diallo, a 31-year-old teacher", "MLI:CVL"),
])
def test_an_unknown_person_takes_country_and_role_from_the_appositive(code_text, text, name,
                                                                     code):
    r = code_text(text, published="2023-05-02")
    mention = _mention(r, name)
    assert mention.actor.code == code
    assert mention.actor.name == name.split(",")[0]


def test_an_unknown_company_beside_its_description_names_the_actor(code_text):
    r = code_text("The ministry ordered the Brazilian company Vortexa Minerals to halt "
                  "exports.", published="2023-05-02")
    mention = _mention(r, "Brazilian company Vortexa Minerals")
    assert (mention.actor.code, mention.actor.name) == ("BRA:BUS", "Vortexa Minerals")


def test_the_headline_says_whose_unnamed_officers_they_are(code_text):
    text = "Regional leaders said the junta must free the president within a week."
    plain = code_text(text, published="2023-08-01")
    titled = code_text(text, published="2023-08-01", title="Mali junta told to free leader")
    assert _mention(plain, "junta").actor.code == "MIL"
    assert _mention(titled, "junta").actor.code == "MLI:MIL"


def test_the_peninsula_is_the_region_named_before(code_text):
    r = code_text("Russia annexed Crimea in 2014. The peninsula's Moscow-backed leaders "
                  "signed the treaty.", published="2014-03-18")
    mention = _mention(r, "peninsula's Moscow-backed leaders")
    assert mention.actor.code == "UKR:REB"
    assert mention.actor.name == ""  # the place is not the name of its leaders


def test_positions_attacked_are_the_military_of_their_country(code_text):
    r = code_text("Hezbollah fired rockets at Israeli positions on Sunday.",
                  published="2023-10-09")
    targets = [e.target.actor.code for e in r.events if e.plover_type == "ASSAULT" and e.target]
    assert targets == ["ISR:MIL"]


def test_responding_to_an_attack_is_not_attacking(code_text):
    r = code_text("France said it would respond firmly to any attack on its citizens.",
                  published="2023-07-31")
    assert not [e for e in r.events if e.plover_type == "ASSAULT"]


def test_a_pronoun_points_to_an_actor_of_no_known_country(propose_text):
    r = propose_text("Dock workers said they will not end the walkout until the company raises "
                  "wages.", published="2023-05-02")
    rejects = [e for e in r.events if e.plover_type == "REJECT"]
    assert [e.source.text for e in rejects] == ["workers"]  # the antecedent, not "they"
    assert rejects[0].source.actor.role == "CVL"


def test_a_role_adjective_on_a_thing_is_an_actor_only_with_a_country(code_text):
    r = code_text("Canada will provide military expertise to the United Nations. The final "
                  "American military flight left Kabul.", published="2021-08-31")
    texts = {m.text: m.actor.code for m in r.mentions}
    assert "military expertise" not in texts and "military" not in texts
    assert texts.get("American military flight", texts.get("American military")) == "USA:MIL"


def test_an_object_pronoun_is_not_the_subject_of_its_own_verb(propose_text):
    r = propose_text("The blogger Amina Tesfaye was freed on Friday after President Isaias "
                  "Afwerki of Eritrea pardoned her.", published="2023-05-02")
    pardons = [e for e in r.events if e.trigger == "pardon"]
    assert [(e.source.actor.code, e.target.text) for e in pardons] == [
        ("ERI:GOV", "Amina Tesfaye")]


def test_a_company_suffix_is_no_party_acronym(code_text):
    r = code_text("Miners at Freeport-McMoRan Inc. went on strike against the company.",
                  published="2023-05-02")
    assert not [m for m in r.mentions if m.actor.country == "IND"]  # INC, the Congress party


def test_a_word_of_a_product_name_is_no_town(nlp):
    import datetime as dt

    from eventlens.actors.kb import load_knowledge_base
    from eventlens.actors.resolver import ActorResolver, _in_thing_name

    doc = nlp("The Cerro Verde mine produced more copper.")
    cerro = next(t for t in doc if t.text == "Cerro")
    if cerro.ent_type_ in ("PRODUCT", "WORK_OF_ART", "EVENT", "LAW"):
        assert _in_thing_name(doc[cerro.i : cerro.i + 1])
        resolver = ActorResolver(load_knowledge_base(), doc, dt.date(2023, 5, 2))
        mentions = [m for s in doc.sents for m in resolver.read_sentence(s)]
        assert not [m for m in mentions if m.how == "place"]
    assert not _in_thing_name(doc[0:1])


@pytest.mark.parametrize("text, name, code", [
    ("Nordic governments voiced support for the Moldovan reform plan.", "Nordic governments",
     "SCN"),
    ("Latin American leaders criticised the Peruvian congress.", "Latin American leaders", "LAM"),
    ("Several European countries recalled their envoys from Minsk.", "European countries", "EUR"),
    ("Moscow blamed the West for the failed talks.", "the West", "WST"),
    # the officials who speak for a region's states are that collective too
    ("A senior European diplomat accused Tehran of stalling.", "European diplomat", "EUR"),
    ("Western officials said the convoy had crossed the border.", "Western officials", "WST"),
])
def test_the_states_of_a_world_region_are_one_collective_actor(code_text, text, name, code):
    r = code_text(text, published="2024-03-02")
    mention = next(m for m in r.mentions if m.text.endswith(name.removeprefix("the ")))
    assert mention.actor.code == code and mention.how == "region"
    # not one country read off the adjective ("Latin American" is no USA)
    assert all(m.actor.country != "USA" for m in r.mentions)


def test_west_is_the_west_only_after_the(code_text):
    r = code_text("Kanye West met the mayor of Chicago. West said the talks went well.",
                  published="2024-03-02")
    assert all(m.actor.country != "WST" for m in r.mentions)


def test_a_region_listed_by_its_countries_is_those_countries(code_text):
    r = code_text("Washington and its Nordic partners, Norway, Sweden and Denmark, "
                  "condemned the junta in Myanmar.", published="2023-02-01")
    sources = {e.source.actor.country for e in r.events if e.plover_type == "ACCUSE"}
    assert {"NOR", "SWE", "DNK"} <= sources and "SCN" not in sources


def test_a_world_region_where_an_act_happens_is_no_party_to_it(code_text):
    r = code_text("Qatar called for an end to the violence in the Middle East.",
                  published="2023-11-02")
    assert all(e.target is None or e.target.actor.country != "MEA" for e in r.events)
    r = code_text("Russia cut gas deliveries to Europe on Tuesday.", published="2022-09-02")
    assert any(e.target is not None and e.target.actor.country == "EUR" for e in r.events)


def test_an_organisation_name_the_tagger_cut_before_its_place_is_read_whole(code_text):
    r = code_text("The Organization for Security and Co-operation in Europe will send "
                  "monitors to Armenia next month.", published="2023-02-01")
    codes = {m.actor.code for m in r.mentions}
    assert "OSCE" in codes and "EUR" not in codes


def test_a_full_name_sharing_only_the_surname_is_another_person(code_text):
    r = code_text("President Biden spoke to reporters. He later met Hunter Biden in Delaware.",
                  published="2024-05-03")
    assert _mention(r, "Hunter Biden").actor.name != _mention(r, "President Biden").actor.name


def test_an_object_pronoun_is_not_who_does_the_act_it_is_under(code_text):
    r = code_text("Ramaphosa called Prime Minister Modi on Friday to congratulate him on the "
                  "election result.", published="2024-06-07")
    support = [e for e in r.events if e.plover_type == "SUPPORT"]
    assert support and support[0].target is not None
    assert support[0].target.actor.country == "IND"


def test_a_country_adjective_the_tagger_took_for_a_person_gives_the_country(code_text):
    r = code_text("Sri Lankan Tamil rebels freed two fishermen on Monday. Jordan Smith, a "
                  "local reporter, saw it.", published="2006-03-06")
    assert _mention(r, "Sri Lankan Tamil rebels").actor.code == "LKA:REB"
    # a first name that is also a country's name stays a person's
    assert _mention(r, "Jordan Smith, a local reporter").actor.country != "JOR"


def test_people_a_pronoun_owns_are_not_its_owner(propose_text):
    r = propose_text("Austria returned a stolen painting by Gustav Klimt to its owners in May. "
                  "Austria said its soldiers would stay in Kosovo.", published="2024-06-07")
    retreat = [e for e in r.events if e.plover_type == "RETREAT"]
    assert retreat and retreat[0].target is not None and retreat[0].target.text == "its owners"
    # a country's own forces are still its own
    assert _mention(r, "its soldiers").actor.country == "AUT"


def test_an_organisation_named_by_its_official_is_the_alliance_after_it(code_text):
    r = code_text("The G7 met on Monday. NATO Secretary-General Mark Rutte said on Tuesday "
                  "that the alliance was strengthening its forces on the eastern flank.",
                  published="2024-11-05")
    mobilised = [e for e in r.events if e.plover_type == "MOBILIZE"]
    assert mobilised and mobilised[0].source.actor.country == "NATO"


def test_a_countrys_joint_chiefs_of_staff_are_its_military(code_text):
    r = code_text("South Korea's Joint Chiefs of Staff said the North fired two missiles.",
                  published="2024-06-07")
    assert _mention(r, "South Korea's Joint Chiefs of Staff").actor.code == "KOR:MIL"


def test_a_known_surname_the_tagger_calls_an_organisation_is_still_the_person(code_text):
    # the small model tags a lone "Guterres" as an organisation (and a plural noun)
    r = code_text("Guterres criticised the blockade of the Red Sea ports on Monday.",
                  published="2023-02-06")
    mention = _mention(r, "Guterres")
    assert mention.actor.code == "UN" and mention.how == "knowledge-base"


def test_an_object_pronoun_of_a_joined_verb_is_not_the_first_verbs_subject(code_text):
    # "urged" has no subject of its own: it is Kishida's, so "him" is Xi
    r = code_text("Japan's Prime Minister Fumio Kishida met Chinese President Xi Jinping "
                  "on Thursday and urged him to lift the ban on seafood from Fukushima.",
                  published="2023-11-17")
    urged = [e for e in r.events if "frame:REQUEST:urge" in e.why]
    assert urged and all(e.source.actor.country == "JPN" and e.target.actor.country == "CHN"
                         for e in urged)


def test_a_country_leading_a_known_organisation_is_not_the_actor(code_text):
    r = code_text("Armenia asked the Russia-led Collective Security Treaty Organization for "
                  "help on Tuesday.", published="2022-09-13")
    assert _mention(r, "Russia-led Collective Security Treaty Organization").actor.code == "CSTO"
    # a coalition the knowledge base does not know stays its leader's
    r = code_text("The Saudi-led coalition struck targets in Sanaa overnight.",
                  published="2022-09-13")
    assert any(m.actor.country == "SAU" for m in r.mentions)


def test_the_alliance_with_a_phrase_hung_on_it_is_the_alliance_named_before(code_text):
    r = code_text("NATO ministers met in Brussels on Monday. Putin accused the alliance of "
                  "building up its forces near Russia's borders.", published="2021-12-07")
    accusations = [e for e in r.events if e.plover_type == "ACCUSE"]
    assert accusations and accusations[0].target.actor.code == "NATO"


@pytest.mark.parametrize("text", [
    "Russia and China said they opposed any further enlargement of NATO.",
    "Xi and Putin met in Beijing on Friday. In a joint statement, the two sides said they "
    "opposed any further enlargement of NATO.",
])
def test_they_in_what_several_say_they_will_do_is_each_of_them(code_text, text):
    r = code_text(text, published="2022-02-04")
    rejecting = {e.source.actor.code for e in r.events if e.plover_type == "REJECT"}
    assert rejecting == {"RUS:GOV", "CHN:GOV"}
