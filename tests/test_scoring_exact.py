"""The fast scoring paths give exactly what the plain sklearn paths give: same matrices (dtype, indices,
bits of every value), same scores, same spans and cues. On generated texts (no ../shared needed) that
stress the tokenizers, and on real comments from ../shared/data."""
from __future__ import annotations

import copy
import random

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from comments.scoring import conspiracy, fastvec, toxicity
from comments.scoring.toxicity import WORD, head_features

PIECES = ["you", "idiot", "IDIOT", "Idiot's", "f*ck", "$hit", "sh1t", "stupid", "moron", "the", "they",
          "elites", "are", "hiding", "the truth", "wake up", "sheeple", "don't", "dont", "they’re",
          "great", "article", "thanks", "vaccine", "big pharma", "deep state", "kill", "hate", "@user",
          "naïve", "café", "straße", "İstanbul", "ǅemal", "ﬁne", "ｆｕｌｌ", "日本語", "مرحبا", "e\u0301",
          "🙂", "💩", "x" * 40, "a", "I", "_", "__init__", "42", "3.14", "e-mail", "co-op", "rock'n'roll",
          "https://example.com/a?b=c", "www.foo.org", "t.me/chan", "\u200b", "\x00"]
PUNCT = [" ", " ", " ", "  ", "\n", "\t", ", ", ". ", "! ", "? ", "!!", "?!", "...", " - ", " — ", "'",
         "’", "‘", "\"", "“", "”", "(", ")", "*", "@", "$", "#", "/", ":", ";", "…", "\u00a0", "\u3000"]


def generated_texts(n: int = 2000, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    texts = ["", " ", "\n\n", "!!!", "'", "’’", "...", "I", "you idiot", "YOU IDIOT!!!"]
    while len(texts) < n:
        k = rng.choice([1, 2, 3, 5, 8, 13, 30, 80, 200])
        parts = []
        for _ in range(k):
            parts.append(rng.choice(PIECES))
            parts.append(rng.choice(PUNCT))
        text = "".join(parts)
        if rng.random() < 0.1:
            text = text.upper()
        if rng.random() < 0.05:
            text = " ".join([rng.choice(PIECES)] * rng.randint(2, 50))  # repeated words
        texts.append(text)
    return texts


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return generated_texts()


@pytest.fixture(scope="module")
def tox() -> toxicity.ToxicityScorer:
    return toxicity.load()


@pytest.fixture(scope="module")
def consp() -> conspiracy.ConspiracyScorer:
    return conspiracy.load()


def assert_same_matrix(got: sp.csr_matrix, want: sp.csr_matrix) -> None:
    assert type(got) is type(want)
    assert got.shape == want.shape
    assert (got.dtype, got.indices.dtype, got.indptr.dtype) == (want.dtype, want.indices.dtype, want.indptr.dtype)
    assert got.has_sorted_indices and want.has_sorted_indices
    assert np.array_equal(got.indptr, want.indptr) and np.array_equal(got.indices, want.indices)
    assert got.data.tobytes() == want.data.tobytes()


def assert_same_frame(got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert list(got.columns) == list(want.columns) and len(got) == len(want)
    for column in got.columns:
        if got[column].dtype == object:
            assert got[column].tolist() == want[column].tolist(), column
        else:
            assert got[column].dtype == want[column].dtype, column
            assert got[column].to_numpy().tobytes() == want[column].to_numpy().tobytes(), column


# --- the plain paths, as they were before the fast ones (the reference) ---

def reference_word_scores(wt: toxicity.WordToxicity, words: list[str]) -> np.ndarray:
    lowered = [w.lower() for w in words]
    unseen = sorted({w for w in lowered if w not in wt.scores})
    scores = wt.scores
    if unseen:
        guessed = wt.model.predict_proba(wt.chars.transform(unseen))[:, 1]
        scores = {**dict(zip(unseen, guessed.tolist())), **wt.scores}
    return np.array([scores[w] for w in lowered], dtype=float)


def reference_spans(model: toxicity.ToxicityModel, texts: list[str], tox: np.ndarray) -> list:
    found = [list(WORD.finditer(t)) for t in texts]
    scores = reference_word_scores(model.word_toxicity, [m.group() for words in found for m in words])
    out, start = [], 0
    for words, p in zip(found, tox):
        own = scores[start:start + len(words)]
        start += len(words)
        keep = model.span_rule.keep(own) if p >= model.span_gate else own >= model.span_rule.threshold
        out.append([[m.start(), m.end()] for m, k in zip(words, keep) if k])
    return out


def reference_toxicity(model: toxicity.ToxicityModel, texts: list[str]) -> pd.DataFrame:
    x_words, x_head = head_features(model.words, model.lexicon, model.lexicon_scores, texts)
    tox = model.toxicity(x_head)
    out = {"toxicity": tox}
    for name in toxicity.TOXICITY_ATTRIBUTES:
        out[name] = tox * model.attributes[name].predict_proba(x_words)[:, 1]
    out["toxic_spans"] = reference_spans(model, texts, tox)
    return pd.DataFrame(out, columns=list(toxicity.TOXICITY_COLUMNS))


def reference_lexicon_matches(tokens: list[str]) -> list:
    found, i, n = [], 0, len(tokens)
    while i < n:
        for k in range(min(conspiracy._LONGEST_FROM.get(tokens[i], 0), n - i), 0, -1):
            phrase = tuple(tokens[i:i + k])
            if phrase in conspiracy._PHRASES:
                found.append((i, i + k, phrase))
                i += k - 1
                break
        i += 1
    return found


class ReferenceAnalyzer(conspiracy.FramingAnalyzer):
    def __call__(self, text: str) -> list[str]:
        tokens = conspiracy.tokenize(text)
        feats = []
        if self.lexicon:
            for _, _, phrase in reference_lexicon_matches(tokens):
                feats += ("§" + conspiracy._PHRASES[phrase].upper(), "§" + " ".join(phrase))
        if self.ngrams == "none":
            return feats
        units = self._units(tokens)
        feats += [u for u in units if u != "<topic>" and u != "_"]
        if self.ngram_max >= 2:
            feats += [f"{a} {b}" for a, b in zip(units, units[1:]) if a != "_" or b != "_"]
        if self.ngram_max >= 3:
            feats += [f"{a} {b} {c}" for a, b, c in zip(units, units[1:], units[2:])
                      if a != "_" or b != "_" or c != "_"]
        return feats


def reference_cues(scorer: conspiracy.ConspiracyScorer, text: str) -> list[str]:
    analyzer = scorer.pipeline.named_steps["features"].analyzer
    weights = scorer._feature_weights()
    tokens, offsets = conspiracy.tokenize_with_offsets(text)
    push: dict[tuple[int, int], float] = {}
    lexical: set[tuple[int, int]] = set()
    ngram_min = 3 * scorer.cue_min_weight
    for feature, start, end in analyzer.explain(tokens):
        weight = weights.get(feature, 0.0)
        if feature.startswith("§"):
            lexical.add((start, end))
        elif (start, end) not in lexical and (
                weight <= ngram_min or not conspiracy.is_framing_ngram(tokens[start:end])):
            continue
        push[start, end] = push.get((start, end), 0.0) + weight
    strong = [(weight, span) for span, weight in push.items()
              if weight > (scorer.cue_min_weight if span in lexical else ngram_min)]
    spans = sorted(span for _, span in sorted(strong, reverse=True)[:conspiracy.MAX_CUES])
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [text[offsets[start][0]:offsets[end - 1][1]] for start, end in merged]


def reference_conspiracy(scorer: conspiracy.ConspiracyScorer, texts: list[str]) -> pd.DataFrame:
    """sklearn's own transform, with the analyzer as it was (a plain loop for the lexicon)."""
    vectorizer = copy.copy(scorer.pipeline.named_steps["features"])
    vectorizer.analyzer = ReferenceAnalyzer(**vars(vectorizer.analyzer))
    probability = scorer.pipeline.named_steps["model"].predict_proba(vectorizer.transform(texts))[:, 1]
    cues = [reference_cues(scorer, t) if p >= scorer.threshold else [] for t, p in zip(texts, probability)]
    return pd.DataFrame({"conspiracy": probability.astype(float), "conspiracy_cues": cues})


# --- generated texts ---

def test_generated_texts_cover_the_hard_cases(texts):
    assert "" in texts and any(not t.isascii() for t in texts) and any(len(t) > 1000 for t in texts)
    assert any(t != t.lower() and len(t) != len(t.lower()) for t in texts)  # "İ": lowercasing changes length


def test_fast_transform_equals_sklearn_for_the_shipped_vectorizers(tox, texts):
    vectorizer, _ = toxicity.profanity_model()
    for v in (tox.model.words, tox.model.lexicon, vectorizer):
        assert_same_matrix(fastvec.WordAnalyzer(v).transform(texts), v.transform(texts))


@pytest.mark.parametrize("vectorizer", [
    CountVectorizer(),
    CountVectorizer(ngram_range=(1, 3), stop_words="english", binary=True, dtype=np.float32),
    CountVectorizer(ngram_range=(2, 3), lowercase=False, token_pattern=r"\S+"),
    TfidfVectorizer(ngram_range=(1, 2), stop_words=["the", "you"], sublinear_tf=True),
    TfidfVectorizer(norm="l1", use_idf=False, token_pattern=r"(\w+)'?"),
], ids=repr)
def test_fast_transform_equals_sklearn_for_other_word_vectorizers(vectorizer, texts):
    vectorizer.fit(texts[:1500])
    assert_same_matrix(fastvec.WordAnalyzer(vectorizer).transform(texts), vectorizer.transform(texts))


def test_fast_path_refuses_what_it_does_not_reproduce():
    with pytest.raises(ValueError):
        fastvec.WordAnalyzer(CountVectorizer(analyzer="char_wb"))
    with pytest.raises(ValueError):
        fastvec.WordAnalyzer(CountVectorizer(strip_accents="unicode"))


def test_toxicity_features_equal_the_sklearn_path(tox, texts):
    m = tox.model
    want = head_features(m.words, m.lexicon, m.lexicon_scores, texts)
    for got, expected in zip(m.features(texts), want):
        assert_same_matrix(got, expected)


def test_toxicity_scores_and_spans_equal_the_plain_path(tox, texts):
    want = reference_toxicity(tox.model, texts)
    assert sum(map(len, want.toxic_spans)) > 100  # the spans path is exercised
    assert_same_frame(tox.score(texts), want)


def test_word_scores_equal_the_plain_path_in_any_batch(tox, texts):
    words = [w for t in texts[:500] for w in WORD.findall(t)]
    want = reference_word_scores(tox.model.word_toxicity, words)
    assert tox.model.word_toxicity.score_words(words).tobytes() == want.tobytes()
    tox.model.word_toxicity.__dict__.pop("_known", None)  # guesses made one word at a time
    one_by_one = np.concatenate([tox.model.word_toxicity.score_words([w]) for w in words[:3000]])
    assert one_by_one.tobytes() == want[:3000].tobytes()


def test_toxicity_does_not_depend_on_the_batch(tox, texts):
    # unseen-word guesses are cached between calls: batches in any order give the same rows
    whole = reference_toxicity(tox.model, texts[:280])
    fresh = toxicity.ToxicityScorer(tox.model)
    tox.model.word_toxicity.__dict__.pop("_known", None)
    parts = [fresh.score(texts[i:i + 7]) for i in reversed(range(0, 280, 7))][::-1]
    assert_same_frame(pd.concat(parts, ignore_index=True), whole)


def test_conspiracy_lexicon_matches_equal_the_plain_loop(texts):
    for text in texts:
        tokens = conspiracy.tokenize(text)
        assert conspiracy.lexicon_matches(tokens) == reference_lexicon_matches(tokens)


@pytest.mark.parametrize("ngrams", ["masked", "framing", "all", "none"])
def test_conspiracy_analyzer_equals_the_plain_one(ngrams, texts):
    fast = conspiracy.FramingAnalyzer(ngrams=ngrams)
    reference = ReferenceAnalyzer(ngrams=ngrams)
    for text in texts:
        assert fast(text) == reference(text)


@pytest.mark.parametrize("ngrams", ["masked", "framing", "none"])
def test_cues_equal_the_plain_path_for_every_text_and_analyzer(consp, texts, ngrams):
    scorer = copy.deepcopy(consp)  # any text, not only flagged ones; other analyzer settings too
    scorer.pipeline.named_steps["features"].analyzer.ngrams = ngrams
    scorer.cue_min_weight = 0.05
    cues = [scorer.cues(t) for t in texts[:600]]
    assert sum(map(len, cues)) > 200
    assert cues == [reference_cues(scorer, t) for t in texts[:600]]


def test_conspiracy_scores_and_cues_equal_the_plain_path(consp, texts):
    want = reference_conspiracy(consp, texts)
    assert sum(map(len, want.conspiracy_cues)) > 20
    assert_same_frame(consp.score(texts), want)
    vectorizer = consp.pipeline.named_steps["features"]
    got = fastvec.transform_features(vectorizer, map(vectorizer.build_analyzer(), texts))
    assert_same_matrix(got, vectorizer.transform(texts))


# --- real comments ---

def real_comments(limit: int = 3000) -> list[str]:
    from training.datasets import kaggle_insults, load_pan2024_conspiracy, toxic_spans_semeval

    texts = (kaggle_insults("test")["text"].tolist() + toxic_spans_semeval("train")["text"].tolist()
             + load_pan2024_conspiracy()["text"].tolist())
    return random.Random(0).sample(list(dict.fromkeys(texts)), limit)


def test_real_comments_score_exactly_as_the_plain_paths(shared_data, tox, consp):
    texts = real_comments()
    assert_same_frame(tox.score(texts), reference_toxicity(tox.model, texts))
    assert_same_frame(consp.score(texts), reference_conspiracy(consp, texts))
