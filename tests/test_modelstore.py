"""Model files are pickles: only ours load without an explicit opt-in."""
import copy
import shutil

import joblib
import pytest

from comments import modelstore


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    monkeypatch.delenv("COMMENTS_MODELS_DIR", raising=False)
    monkeypatch.delenv("COMMENTS_TRUST_MODELS", raising=False)
    modelstore.load.cache_clear()
    yield
    modelstore.load.cache_clear()


def test_a_file_that_is_not_ours_is_refused_without_opt_in(tmp_path):
    path = tmp_path / "evil.joblib"
    joblib.dump({"anything": 1}, path)
    with pytest.raises(modelstore.UntrustedModelError, match="not a shipped model"):
        modelstore.load_file(path)
    assert modelstore.load_file(path, trust=True) == {"anything": 1}


def test_a_models_dir_of_our_own_needs_the_trust_opt_in(tmp_path, monkeypatch):
    modelstore.save({"weights": [1, 2]}, "sentiment", {"version": "mine"}, models_dir=tmp_path)
    monkeypatch.setenv("COMMENTS_MODELS_DIR", str(tmp_path))
    with pytest.raises(modelstore.UntrustedModelError, match="--trust-models"):
        modelstore.load("sentiment")
    monkeypatch.setenv("COMMENTS_TRUST_MODELS", "1")
    modelstore.load.cache_clear()
    assert modelstore.load("sentiment") == {"weights": [1, 2]}
    assert modelstore.model_versions()["sentiment"].startswith("mine ")


def test_a_tampered_model_file_is_refused(tmp_path, monkeypatch):
    modelstore.save({"weights": [1]}, "toxicity", {"version": "1"}, models_dir=tmp_path)
    (tmp_path / "toxicity.joblib").write_bytes(b"not what the manifest says")
    monkeypatch.setenv("COMMENTS_MODELS_DIR", str(tmp_path))
    monkeypatch.setenv("COMMENTS_TRUST_MODELS", "1")
    with pytest.raises(modelstore.UntrustedModelError, match="sha256 does not match"):
        modelstore.load("toxicity")


def test_shipped_models_load_and_are_versioned():
    manifest = modelstore.read_manifest()
    if not manifest:
        pytest.skip("no shipped models in comments/models (run `python -m training.train`)")
    for name in manifest:
        assert modelstore.load(name) is not None
    assert set(modelstore.model_versions()) == set(manifest)


def test_a_copy_of_a_shipped_model_loads_from_another_folder_without_opt_in(tmp_path, monkeypatch):
    manifest = modelstore.read_manifest()
    if "conspiracy" not in manifest:
        pytest.skip("no shipped conspiracy model")
    shutil.copy(modelstore.MODELS_DIR / manifest["conspiracy"]["file"], tmp_path)
    shutil.copy(modelstore.MANIFEST, tmp_path)
    monkeypatch.setenv("COMMENTS_MODELS_DIR", str(tmp_path))
    assert modelstore.load("conspiracy") is not None


def test_the_cli_refuses_models_that_are_not_ours_unless_trusted(tmp_path):
    """`--models DIR` with a retrained model: refused without `--trust-models`, used with it."""
    import subprocess
    import sys

    manifest = modelstore.read_manifest()
    if not {"sentiment", "toxicity", "conspiracy"} <= set(manifest):
        pytest.skip("the shipped models are not all in comments/models")
    models = tmp_path / "models"
    models.mkdir()
    for entry in manifest.values():
        shutil.copy(modelstore.MODELS_DIR / entry["file"], models)
    shutil.copy(modelstore.MANIFEST, models)
    # "retrain" one model: a different threshold makes a file whose hash we did not ship
    retrained = copy.deepcopy(modelstore.load("conspiracy"))
    retrained.threshold += 0.01
    modelstore.save(retrained, "conspiracy", {"version": "newsroom"}, models_dir=models)
    table = tmp_path / "in.csv"
    table.write_text("text\nThey are hiding the truth from us.\n", encoding="utf-8")

    def score(*flags):
        return subprocess.run([sys.executable, "-m", "comments", "score", "--input", str(table), "--out",
                               str(tmp_path / "out.csv"), "--models", str(models), "--jobs", "1", *flags],
                              capture_output=True, text=True)

    refused = score()
    assert refused.returncode == 1
    assert "not a shipped model" in refused.stderr and "--trust-models" in refused.stderr
    assert not (tmp_path / "out.csv").exists()
    trusted = score("--trust-models")
    assert trusted.returncode == 0, trusted.stderr
    assert "conspiracy" in (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()[0]


SAVE_A_MODEL = """
import sys
from pathlib import Path
from sklearn.feature_extraction.text import TfidfVectorizer
from comments import modelstore
from comments.scoring.linear import Features
texts = ["they are hiding the truth", "great reporting, thank you", "the council meets on monday"]
vectorizer = TfidfVectorizer(ngram_range=(1, 2), stop_words="english").fit(texts)
vectorizer.transform(texts)  # sklearn records id(stop_words) on use
modelstore.save({"words": Features.of(vectorizer)}, "sentiment", {"version": "1"}, models_dir=Path(sys.argv[1]))
"""


def test_retraining_the_same_model_saves_the_same_bytes(tmp_path):
    """The same model saved by two processes (with different string hashing) is the same file."""
    import os
    import subprocess
    import sys

    for run, seed in (("a", "1"), ("b", "2")):
        subprocess.run([sys.executable, "-c", SAVE_A_MODEL, str(tmp_path / run)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
    first, second = (tmp_path / run / "sentiment.joblib" for run in "ab")
    assert first.read_bytes() == second.read_bytes()
    reloaded = modelstore.load_file(first, trust=True)["words"]
    assert reloaded.transform(["the truth, thank you"]).n_docs == 1 and "truth" in reloaded.vocabulary
