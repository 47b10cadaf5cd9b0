"""The optional fine-tuned encoder: absent, everything falls back; present, training, the
artefact's round trip and its checks (these need the `embeddings` extra and skip without it)."""

import subprocess
import sys
from pathlib import Path

import pytest

from eventlens.coding import finetuned
from eventlens.errors import ModelError


def test_importing_the_module_loads_no_torch():
    code = ("import sys; import eventlens.coding.finetuned as f; f.available(); "
            "assert 'torch' not in sys.modules, 'torch imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_marks_go_around_the_spans():
    s = "Kenya expelled two Somali diplomats."
    assert finetuned.mark(s, (0, 5), (19, 35)) == \
        "[unused0] Kenya [unused1] expelled two [unused2] Somali diplomats [unused3] ."
    assert finetuned.mark(s, None, (19, 35)) == \
        "Kenya expelled two [unused2] Somali diplomats [unused3] ."
    assert finetuned.mark(s, None, None) == s


def test_without_the_extra_there_is_no_finetuned_model(monkeypatch):
    monkeypatch.setattr(finetuned, "available", lambda: False)
    assert finetuned.packaged_model() is None


DYADS = [
    ("Kenya expelled two Somali diplomats.", (0, 5), (19, 35), "SANCTION"),
    ("Chile praised Peru for its help.", (0, 5), (14, 18), "SUPPORT"),
    ("Ghana met Togo in Accra.", (0, 5), (10, 14), "CONSULT"),
    ("Mali accused France of spying.", (0, 4), (13, 19), "ACCUSE"),
] * 3


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    if not finetuned.available():
        pytest.skip("needs the `embeddings` extra")
    from eventlens.evaluate.plv import PLV_LABELS

    model = finetuned.train([d[:3] for d in DYADS], [d[3] for d in DYADS], PLV_LABELS,
                            config={"epochs": 2, "batch": 4, "lr_head": 5e-3})
    path = tmp_path_factory.mktemp("ft") / "tiny.pt.gz"
    data = finetuned.save(model, path)
    return model, path, data


def test_the_artefact_round_trip_keeps_the_predictions(tiny):
    model, path, data = tiny
    assert len(data) < 20_000_000
    assert Path(f"{path}.sha256").read_text().split()[0]
    loaded = finetuned.load(path)
    before = model.predict_proba([d[:3] for d in DYADS])
    after = loaded.predict_proba([d[:3] for d in DYADS])
    assert abs(before - after).max() < 0.02
    assert (before.argmax(1) == after.argmax(1)).all()
    assert abs(after.sum(1) - 1).max() < 1e-4


def test_a_changed_artefact_is_refused(tiny, tmp_path):
    _, path, data = tiny
    bad = tmp_path / "bad.pt.gz"
    bad.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    Path(f"{bad}.sha256").write_text(Path(f"{path}.sha256").read_text())
    with pytest.raises(ModelError, match="checksum"):
        finetuned.load(bad)


def test_classify_doc_reads_the_marked_sentence(tiny, nlp):
    from eventlens.coding.dyad import classify_doc, is_finetuned
    from eventlens.coding.lexicon import load_lexicon

    model = finetuned.load(tiny[1])
    assert is_finetuned(model)
    doc = nlp(DYADS[0][0])
    result = classify_doc(doc, DYADS[0][1], DYADS[0][2], model=model, lex=load_lexicon())
    assert result.label in model.labels and 0 < result.score <= 1
    assert result.rule_type == "SANCTION"  # the frames still speak


def test_the_packaged_model_is_the_default_with_the_extra(nlp):
    if not finetuned.available():
        pytest.skip("needs the `embeddings` extra")
    from eventlens.coding.dyad import classify, default_model, is_finetuned

    model = default_model()
    for seed in finetuned.SEEDS:
        assert finetuned.packaged_path(seed).stat().st_size < 20_000_000
    assert is_finetuned(model) and isinstance(model, finetuned.Ensemble)
    assert model.meta["seeds"] == list(finetuned.SEEDS)
    result = classify("Ghana expelled two Togolese diplomats on Friday.", (0, 5), (19, 38),
                      nlp=nlp, model=model)
    assert result.label == "SANCTION" and result.mode == "expel"


def test_an_ensemble_averages_its_members_probabilities(tiny):
    model = tiny[0]
    dyads = [d[:3] for d in DYADS[:4]]
    ensemble = finetuned.Ensemble([model, finetuned.load(tiny[1])])
    expected = (model.predict_proba(dyads) + finetuned.load(tiny[1]).predict_proba(dyads)) / 2
    assert abs(ensemble.predict_proba(dyads) - expected).max() < 1e-6
    assert ensemble.labels == model.labels and ensemble.meta["seeds"] == [13, 13]
    label, score = ensemble.predict(*dyads[0])
    assert label in model.labels and 0 < score <= 1


def test_the_seeds_artefacts_have_their_own_names():
    assert finetuned.model_file(finetuned.SEEDS[0]) == finetuned.MODEL_FILE
    assert finetuned.model_file(14) == "plover-type-minilm-v1-seed14.pt.gz"
