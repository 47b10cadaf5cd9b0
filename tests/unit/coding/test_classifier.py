"""The learned type classifier: artefact integrity, numpy inference, dyad-given API."""

import shutil

import pytest

from eventlens.coding.classifier import load_model_file, packaged_model, packaged_path
from eventlens.errors import ModelError
from eventlens.registry import coder_names


def test_registered_coders_stay_registered():
    assert "linguistic" in coder_names()


def test_packaged_model_loads_and_records_its_training():
    model = packaged_model()
    assert model is not None
    assert set(model.classes) >= {"ASSAULT", "YIELD", "NONE"}
    assert model.meta["seed"] == 13 and model.meta["n"] > 0
    assert packaged_path().stat().st_size < 20 * 1024 * 1024
    probs = model.scores({"rule=ASSAULT": 1.0, "rule_both=ASSAULT": 1.0})
    assert abs(probs.sum() - 1.0) < 1e-9
    assert model.predict({"rule=ASSAULT": 1.0, "rule_both=ASSAULT": 1.0})[0] == "ASSAULT"


def test_tampered_artefact_is_refused(tmp_path):
    copy = tmp_path / packaged_path().name
    shutil.copy(packaged_path(), copy)
    shutil.copy(packaged_path().with_suffix(".sha256"), copy.with_suffix(".sha256"))
    load_model_file(copy)
    copy.write_bytes(copy.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(ModelError, match="checksum"):
        load_model_file(copy)


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "want"), [
    ("<s>Kenya</s> expelled two <t>Somali diplomats</t> on Friday.", "SANCTION"),
    ("<s>Rebels</s> shelled <t>the town of Goma</t> overnight.", "ASSAULT"),
    ("<s>Norway</s> sent food and medicine to <t>flood victims in Pakistan</t>.", "AID"),
    ("<s>The minister</s> met <t>her Chilean counterpart</t> in Lima.", "CONSULT"),
])
def test_dyad_given_classification(sentence, want):
    from eventlens.coding.dyad import classify
    from eventlens.evaluate.plv import marked_spans

    text, src, tgt = marked_spans(sentence)
    result = classify(text, src, tgt)
    assert result.plover_type == want or result.label == want
