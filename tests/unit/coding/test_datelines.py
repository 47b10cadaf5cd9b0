import pytest

from eventlens.nlp.datelines import dateline_end


@pytest.mark.parametrize("text, dateline", [
    ("ALGIERS, Algeria - Police arrested four reporters.", "ALGIERS, Algeria - "),
    ("JERUSALEM (AP) -- The army said ...", "JERUSALEM (AP) -- "),
    ("KABUL (Pajhwok): Officials said ...", "KABUL (Pajhwok): "),
    ("THE HAGUE, Netherlands -- Judges ruled ...", "THE HAGUE, Netherlands -- "),
    ("TEL AVIV-- Ministers met ...", "TEL AVIV-- "),
    ("ADDIS ABABA, May 15 (Xinhua) -- The minister said", "ADDIS ABABA, May 15 (Xinhua) -- "),
    ("WASHINGTON, D.C., May 3 (Reuters) - The senator said",
     "WASHINGTON, D.C., May 3 (Reuters) - "),
    ("U.S. - China talks resumed on Monday.", ""),
    ("U.S. lifts a travel ban on Lebanon.", ""),
    ("The minister said: talks will resume.", ""),
    ("Russia and China agreed to meet.", ""),
    ("Lucknow: The state government will sign ...", "Lucknow: "),
    ("Cebu City--Officials said ...", "Cebu City--"),
    ("New Delhi, May 3 (PTI) -- The minister said", "New Delhi, May 3 (PTI) -- "),
    ("Biden: we will respond to any attack.", ""),  # a speaker, not a known place
    ("Update: The talks resumed.", ""),
])
def test_dateline_end(text, dateline):
    assert text[:dateline_end(text)] == dateline


def test_a_dateline_city_is_not_the_actor(propose_text):
    r = propose_text("NAIROBI, Kenya - Police arrested six journalists covering a protest.",
                  published="2024-06-26")
    arrests = [e for e in r.events if e.plover_type == "COERCE"]
    assert arrests and arrests[0].source.text == "Police"
    assert not [m for m in r.mentions if m.start < len("NAIROBI, Kenya - ")]


def test_the_parser_reads_past_the_dateline_with_offsets_kept():
    from eventlens.nlp import for_parsing

    text = "NAIROBI, Kenya -- A Kenyan court has charged two former ministers with fraud."
    blanked = for_parsing(text)
    assert len(blanked) == len(text) and blanked.strip() == text[len("NAIROBI, Kenya -- "):]
    assert for_parsing("Kenya charged two ministers.") == "Kenya charged two ministers."


def test_a_dateline_does_not_swallow_the_first_subject(code_text, triples):
    # read whole, the small model takes "A Kenyan court" for an apposition to the city
    r = code_text("KAMPALA, Uganda -- A Kenyan court has charged two Ugandan ministers with "
                  "fraud.", published="2024-03-01")
    assert ("KEN:JUD", "ACCUSE", "UGA:GOV", "asserted") in triples(r)
    # the evidence is the sentence as written, without the dateline before it
    assert all(e.evidence_start == len("KAMPALA, Uganda -- ") for e in r.events)
    assert r.sentences[0][0] == len("KAMPALA, Uganda -- ")


def test_the_blanked_dateline_is_a_sentence_of_its_own_and_the_lede_parses_whole():
    from eventlens.nlp import load_pipeline, parse, sentences

    text = "KHARTOUM (Wire) - Sudan's army seized power on Monday, dissolving the cabinet."
    doc = next(parse([text], nlp=load_pipeline()))
    lede = sentences(doc)
    assert len(lede) == 1 and lede[0].text.startswith("Sudan's army")
    assert lede[0].root.text == "seized"  # with the blanks in it, "seized" described "power"
    assert len(list(doc.sents)) == 2  # the blanks, then the lede


def test_the_coup_in_a_lede_is_asserted(code_text, triples):
    r = code_text("KHARTOUM (Wire) - Sudan's military seized power on Monday, dissolving the "
                  "transitional government.", published="2021-10-25")
    assert ("SDN:MIL", "COERCE", "SDN:GOV", "asserted") in triples(r)


def test_a_story_that_opens_with_its_subject_keeps_it_after_the_dateline(propose_text):
    # the blanked dateline is one whitespace token the parser may hang on the first phrase
    r = propose_text("HANOI (Meridian Wire) - Vietnam denied on Friday that it had shipped "
                     "artillery shells to Russia.", published="2024-05-10")
    firsts = [m for m in r.mentions if m.start == len("HANOI (Meridian Wire) - ")]
    assert firsts and firsts[0].actor.code.startswith("VNM")
    assert ("VNM:GOV", "AID", "RUS:GOV", "denied") in {
        (e.source.actor.code, e.plover_type, e.target.actor.code, e.status.value) for e in r.events}
