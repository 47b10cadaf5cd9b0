"""Hand-made articles about two happenings on one day with the same actors, in several
versions: a wire report, a syndicated copy, a light edit, another outlet's paraphrase."""

from __future__ import annotations

import pytest

from eventlens.store import open_store

CALL = (
    "Russian President Vladimir Putin and Chinese President Xi Jinping held a video call on "
    "Wednesday and agreed to meet in person in February, when Beijing hosts the Winter Olympic "
    "Games. Xi backed Moscow's demand for legally binding guarantees that NATO will not expand "
    "further east, Kremlin foreign policy aide Yuri Ushakov told reporters after the call. The "
    "two leaders discussed what Ushakov called growing dangers to Russia's national interests "
    "from the United States and the alliance, which keep adding military facilities close to "
    "Russian borders. Putin called Xi a dear friend and said relations between the two "
    "countries had reached an unprecedented level. Beijing and Moscow are both under sanctions "
    "imposed by Washington, and the call came as Western capitals warned the Kremlin against "
    "an attack on Ukraine, where Russian troops have massed along the border.")
CALL_COPY = ("MOSCOW (Harbour Wire) - " + CALL
             + " Reporting by the Moscow bureau; editing by the news desk.")
CALL_EDIT = (CALL.replace("held a video call on Wednesday", "spoke by video link on Wednesday")
             .replace("told reporters after the call", "said after the talks")
             .replace(" Putin called Xi a dear friend and said relations between the two "
                      "countries had reached an unprecedented level.", ""))
CALL_PARAPHRASE = (
    "Xi Jinping has thrown his support behind Vladimir Putin's push for security guarantees "
    "from NATO, the Kremlin said on Wednesday after the Chinese and Russian presidents spoke "
    "by video. According to Yuri Ushakov, who advises Putin on foreign policy, Xi said he "
    "understood Russia's concerns and backed its call for legally binding guarantees against "
    "the alliance's eastward expansion. The two presidents agreed to meet in person during "
    "the Beijing Winter Olympic Games in February. Ushakov said Putin and Xi also discussed "
    "the dangers posed to Russian interests by the United States and NATO. Both countries "
    "face sanctions from Washington. The video call took place as Russian troops massed near "
    "Ukraine and Western governments warned Moscow of heavy costs if it invaded.")
TRADE = (
    "China's customs administration said on Wednesday that trade between China and Russia "
    "reached a record 130 billion dollars in the first eleven months of the year, driven by "
    "Russian oil and gas shipments and Chinese machinery and car exports. Customs figures "
    "showed Russian crude deliveries to Chinese refineries rose by a fifth, while Chinese "
    "exports of smartphones and excavators to Russia also grew. Analysts in Beijing said the "
    "rise reflected high energy prices more than new contracts, and that payments in yuan and "
    "roubles were growing. A Russian trade official said the two countries aimed to lift "
    "annual trade to 200 billion dollars by 2024 and were expanding rail links across the "
    "Amur river, where a new bridge opened this year.")

STORY_EVENTS = (("RUS:GOV", "CONSULT", "CHN:GOV", "asserted", "2021-12-15"),
                ("CHN:GOV", "CONSULT", "RUS:GOV", "asserted", "2021-12-15"),
                ("CHN:GOV", "SUPPORT", "RUS:GOV", "asserted", "2021-12-15"),
                ("RUS:GOV", "CONSULT", "CHN:GOV", "intended", "2022-02"),
                ("USA:GOV", "SANCTION", "RUS", "asserted", "2021-12-15"))
TRADE_EVENTS = (("CHN:BUS", "COOPERATE", "RUS:BUS", "asserted", "2021-12-15"),)


@pytest.fixture()
def store():
    with open_store(":memory:") as s:
        yield s


@pytest.fixture()
def articles():
    """Name -> coded article (events given by hand)."""
    from story_corpus import coded

    day = "2021-12-15"
    return {
        "call": coded(CALL, day, title="Putin and Xi agree to meet at Beijing Olympics",
                      outlet="harbourwire.example", events=STORY_EVENTS),
        "copy": coded(CALL_COPY, day, title="Putin and Xi agree to meet at Beijing Olympics",
                      outlet="dailycourier.example", events=STORY_EVENTS),
        "edit": coded(CALL_EDIT, day, title="Putin, Xi to meet at Olympics",
                      outlet="contentfarm.example", events=STORY_EVENTS[:4]),
        "paraphrase": coded(CALL_PARAPHRASE, day, title="Xi backs Putin on NATO guarantees",
                            outlet="eveningpost.example", events=STORY_EVENTS[1:]),
        "trade": coded(TRADE, day, title="China-Russia trade hits record",
                       outlet="harbourwire.example", events=TRADE_EVENTS),
    }
