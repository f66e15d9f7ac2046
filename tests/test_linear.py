"""The plain-data models score as the scikit-learn estimators they were made from (comments/scoring/linear.py),
and the vectorized scoring paths as the plain loops they replace: on generated texts that stress the
tokenizers (no ../shared needed), and on real comments from ../shared/data."""
from __future__ import annotations

import copy
import random
import subprocess
import sys
from typing import Callable

import numpy as np
import pandas as pd
import pytest
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

from comments.scoring import conspiracy, linear, sentiment, stopwords, toxicity
from comments.scoring.linear import CharWbNgrams, Features, Linear, SigmoidCalibrated
from comments.scoring.toxicity import WORD, WORD_PATTERN

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
    # the model's own paths: the group-attack and threat cues add phrases of their own (tests/test_hate_cues.py,
    # tests/test_threat_cues.py), and the insult-aim rules read some comments again (tests/test_insult_aim.py)
    return toxicity.ToxicityScorer(toxicity.load().model, hate_cues=False, threat_cues=False, insult_aim=False)


@pytest.fixture(scope="module")
def consp() -> conspiracy.ConspiracyScorer:
    return conspiracy.load()


def assert_same_features(features: Features, vectorizer, texts: list[str]) -> None:
    got, want = features.transform(texts), vectorizer.transform(texts).toarray()
    assert got.n_docs == len(texts) and np.all(np.diff(got.doc) >= 0)
    width = want.shape[1]
    padded = np.zeros_like(want, dtype=np.float64)
    padded[got.doc, got.col] = got.value
    tolerance = 1e-6 if want.dtype == np.float32 else 1e-12
    np.testing.assert_allclose(padded, want, rtol=tolerance, atol=tolerance)
    assert width == len(features.vocabulary)


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
        tokens = conspiracy.tokenize(conspiracy.own_words(text))  # the commenter's own words, as the fast one
        feats = []
        if self.lexicon:
            for _, _, phrase in reference_lexicon_matches(tokens):
                feats += ("§" + conspiracy._PHRASES[phrase].upper(), "§" + " ".join(phrase))
        if self.ngrams == "none":
            return feats
        units = self._units(tokens)
        feats += [u for u in units if u != "<topic>" and u != "_" and u not in self.no_unigrams]
        if self.ngram_max >= 2:
            feats += [f"{a} {b}" for a, b in zip(units, units[1:]) if a != "_" or b != "_"]
        if self.ngram_max >= 3:
            feats += [f"{a} {b} {c}" for a, b, c in zip(units, units[1:], units[2:])
                      if a != "_" or b != "_" or c != "_"]
        return feats


def reference_cues(scorer: conspiracy.ConspiracyScorer, text: str) -> list[str]:
    analyzer = scorer.features.analyzer
    weights = scorer._feature_weights()
    tokens, offsets = conspiracy.tokenize_with_offsets(conspiracy.own_words(text))
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


# --- generated texts ---

def test_generated_texts_cover_the_hard_cases(texts):
    assert "" in texts and any(not t.isascii() for t in texts) and any(len(t) > 1000 for t in texts)
    assert any(t != t.lower() and len(t) != len(t.lower()) for t in texts)  # "İ": lowercasing changes length


WORD_VECTORIZERS = [
    CountVectorizer(),
    CountVectorizer(ngram_range=(1, 3), stop_words="english", binary=True, dtype=np.float32),
    CountVectorizer(ngram_range=(2, 3), lowercase=False, token_pattern=r"\S+"),
    CountVectorizer(token_pattern=WORD_PATTERN, binary=True),  # the toxicity lexicon
    TfidfVectorizer(ngram_range=(1, 2), stop_words=["the", "you"], sublinear_tf=True),
    TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=WORD_PATTERN, dtype=np.float32),
    TfidfVectorizer(stop_words="english", min_df=2),  # alt-profanity-check's kind
    TfidfVectorizer(use_idf=False, token_pattern=r"(\w+)'?"),
    TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=2, sublinear_tf=True),
    TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), lowercase=False),
    TfidfVectorizer(analyzer=conspiracy.FramingAnalyzer(), lowercase=False, sublinear_tf=True, dtype=np.float32),
]


@pytest.mark.parametrize("vectorizer", WORD_VECTORIZERS, ids=repr)
def test_features_equal_sklearn_vectorizers(vectorizer, texts):
    vectorizer = copy.deepcopy(vectorizer).fit(texts[:1500])
    features = Features.of(vectorizer)
    if not callable(vectorizer.analyzer):
        sklearn_analyzer = vectorizer.build_analyzer()
        assert all(features.analyzer(t) == sklearn_analyzer(t) for t in texts)
    assert_same_features(features, vectorizer, texts)


def test_char_ngrams_equal_sklearn_on_words_of_every_length():
    words = ["", "a", "ab", "abc", "abcd", "abcde", "f*ck", "İstanbul", "x" * 30, "a  b\t\nc", " lead", "trail "]
    for low, high in ((1, 1), (2, 4), (3, 5), (1, 6)):
        sklearn_analyzer = CountVectorizer(analyzer="char_wb", ngram_range=(low, high)).build_analyzer()
        ours = CharWbNgrams((low, high))
        assert [ours(w) for w in words] == [sklearn_analyzer(w) for w in words]


def test_features_refuse_what_they_do_not_reproduce():
    for vectorizer in (CountVectorizer(strip_accents="unicode"), CountVectorizer(analyzer="char"),
                       TfidfVectorizer(norm="l1")):
        vectorizer.fit(["a text", "another text"])
        with pytest.raises(ValueError):
            Features.of(vectorizer).transform(["a text"])


def test_linear_models_equal_sklearn(texts):
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2).fit(texts)
    features = Features.of(vectorizer)
    rng = np.random.default_rng(0)
    extra = rng.normal(size=(len(texts), 3))
    x = np.hstack([vectorizer.transform(texts).toarray(), extra])
    rows = features.transform(texts)
    for classes in (2, 3):
        y = rng.integers(0, classes, len(texts))
        for estimator in (LogisticRegression(max_iter=500), make_pipeline(StandardScaler(), LogisticRegression())):
            fitted = estimator.fit(x if classes == 2 else extra, y)
            ours = Linear.of(fitted)
            got = ours.predict_proba(rows, extra) if classes == 2 else ours.predict_proba(dense=extra)
            np.testing.assert_allclose(got, fitted.predict_proba(x if classes == 2 else extra), rtol=1e-10, atol=1e-12)
    y = rng.integers(0, 2, len(texts))
    svm = LinearSVC().fit(x, y)
    np.testing.assert_allclose(Linear.of(svm).decision(rows, extra)[:, 0], svm.decision_function(x), atol=1e-10)
    words_only = vectorizer.transform(texts)
    calibrated = CalibratedClassifierCV(LinearSVC(), method="sigmoid", cv=3).fit(words_only, y)
    np.testing.assert_allclose(SigmoidCalibrated.of(calibrated).probability(rows),
                               calibrated.predict_proba(words_only)[:, 1], atol=1e-10)


def test_alt_profanity_check_as_data_equals_its_predict_prob(tox, texts):
    from profanity_check import predict_prob

    np.testing.assert_allclose(tox.model.profanity.probability(texts), predict_prob(texts), atol=1e-10)


def test_stop_words_copy_equals_sklearn():
    assert stopwords.ENGLISH_STOP_WORDS == ENGLISH_STOP_WORDS


def test_scoring_does_not_import_sklearn_or_scipy():
    code = ("import sys, comments; comments.score(['you idiot, they hide the truth', 'thanks']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy', 'profanity_check')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_word_scores_equal_the_plain_path_in_any_batch(tox, texts):
    words = [w for t in texts[:500] for w in WORD.findall(t)]
    want = reference_word_scores(tox.model.word_toxicity, words)
    assert tox.model.word_toxicity.score_words(words).tobytes() == want.tobytes()
    tox.model.word_toxicity.forget_guesses()  # guesses made one word at a time
    one_by_one = np.concatenate([tox.model.word_toxicity.score_words([w]) for w in words[:3000]])
    assert one_by_one.tobytes() == want[:3000].tobytes()


def test_toxicity_spans_equal_the_plain_loop(tox, texts):
    want = tox.score(texts)
    assert sum(map(len, want.toxic_spans)) > 100  # the spans path is exercised
    assert want.toxic_spans.tolist() == reference_spans(tox.model, texts, want.toxicity.to_numpy())


def test_toxicity_does_not_depend_on_the_batch(tox, texts):
    # unseen-word guesses are cached between calls: batches in any order give the same rows
    tox.model.word_toxicity.forget_guesses()
    whole = tox.score(texts[:280])
    fresh = toxicity.ToxicityScorer(tox.model, hate_cues=False, threat_cues=False, insult_aim=False)
    tox.model.word_toxicity.forget_guesses()
    parts = [fresh.score(texts[i:i + 7]) for i in reversed(range(0, 280, 7))][::-1]
    assert_same_frame(pd.concat(parts, ignore_index=True), whole)


def test_conspiracy_lexicon_matches_equal_the_plain_loop(texts):
    for text in texts:
        tokens = conspiracy.tokenize(text)
        assert conspiracy.lexicon_matches(tokens) == reference_lexicon_matches(tokens)


@pytest.mark.parametrize("no_unigrams", [frozenset(), conspiracy.FILLER_WORDS])
@pytest.mark.parametrize("ngrams", ["masked", "framing", "all", "none"])
def test_conspiracy_analyzer_equals_the_plain_one(ngrams, no_unigrams, texts):
    fast = conspiracy.FramingAnalyzer(ngrams=ngrams, no_unigrams=no_unigrams)
    reference = ReferenceAnalyzer(ngrams=ngrams, no_unigrams=no_unigrams)
    for text in texts:
        assert fast(text) == reference(text)


@pytest.mark.parametrize("ngrams", ["masked", "framing", "none"])
def test_cues_equal_the_plain_path_for_every_text_and_analyzer(consp, texts, ngrams):
    scorer = copy.deepcopy(consp)  # any text, not only flagged ones; other analyzer settings too
    scorer.features.analyzer.ngrams = ngrams
    scorer.cue_min_weight = 0.05
    cues = [scorer.cues(t) for t in texts[:600]]
    assert sum(map(len, cues)) > 200
    assert cues == [reference_cues(scorer, t) for t in texts[:600]]


def test_conspiracy_cues_equal_the_plain_path(consp, texts):
    want = consp.score(texts)
    assert sum(map(len, want.conspiracy_cues)) > 20
    flagged = want.conspiracy >= consp.threshold
    assert want.conspiracy_cues.tolist() == [reference_cues(consp, t) if f else [] for t, f in zip(texts, flagged)]


# --- real comments ---

def real_comments(limit: int = 3000) -> list[str]:
    from training.datasets import kaggle_insults, load_pan2024_conspiracy, toxic_spans_semeval

    texts = (kaggle_insults("test")["text"].tolist() + toxic_spans_semeval("train")["text"].tolist()
             + load_pan2024_conspiracy()["text"].tolist())
    return random.Random(0).sample(list(dict.fromkeys(texts)), limit)


def test_real_comments_spans_and_cues_equal_the_plain_paths(shared_data, tox, consp):
    texts = real_comments()
    scores = tox.score(texts)
    blank = [toxicity.blank_identities(t) for t in texts]  # spans never mark an identity word
    assert scores.toxic_spans.tolist() == reference_spans(tox.model, blank, scores.toxicity.to_numpy())
    cues = consp.score(texts)
    assert cues.conspiracy_cues.tolist() == [reference_cues(consp, t) if p >= consp.threshold else []
                                             for t, p in zip(texts, cues.conspiracy)]


def _bigram_paths_equal_strings(features: Features, split: Callable, texts: list[str], more: bool = False) -> None:
    """`transform_bigrams` (bigrams looked up as pairs of words, by the index or, for a small batch, as
    strings) gives exactly the rows of `transform_features` on the analyzer's own strings. `more`: `split`
    gives (more features, the tokens whose unigrams and bigrams are the rest)."""
    want = features.transform_features(map(features.analyzer, texts))
    parts = [split(t) for t in texts]
    unigrams, tokens = [u for u, _ in parts], [t for _, t in parts]
    for index_after in (10**12, 0):  # strings, then the index
        features.__dict__.pop("_bigrams", None)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(linear, "BIGRAM_INDEX_AFTER", index_after)
            got = (features.transform_bigrams(tokens, tokens, more=unigrams) if more
                   else features.transform_bigrams(unigrams, tokens))
        assert got.n_docs == want.n_docs
        for a, b in zip(got[:3], want[:3]):
            assert np.array_equal(a, b)
    assert "_bigrams" not in features.__getstate__()  # derived on use, never pickled


def test_bigram_lookups_equal_the_strings_in_every_shipped_model(tox, consp, texts):
    texts = texts + ["they are hiding the truth, don't you know", "not good at all, no way"] * 3
    words = tox.model.words
    _bigram_paths_equal_strings(words, lambda t: (words.analyzer.tokens(t),) * 2, texts)
    unigrams = sentiment.sentiment_unigrams
    _bigram_paths_equal_strings(sentiment.load().model.words, lambda t: (unigrams(t),) * 2, texts)
    kept = [conspiracy.own_words(t) for t in texts]  # what the conspiracy model reads
    _bigram_paths_equal_strings(consp.features, consp.features.analyzer.split_features, kept)
    # as the model reads them: each unit's unigram read off its number, the lexicon features besides
    assert "<topic>" not in consp.features.vocabulary
    assert consp.features.analyzer.no_unigrams and frozenset(consp.features.analyzer.no_unigrams).isdisjoint(
        consp.features.vocabulary)  # the filler words are no feature alone, so none is read off its number
    _bigram_paths_equal_strings(consp.features, consp.features.analyzer.lexicon_and_units, kept, more=True)
    same = [(u, t) for u, t in map(consp.features.analyzer.split_features, kept)]
    assert all(u + [f"{a} {b}" for a, b in zip(t, t[1:])] == consp.features.analyzer.read(text)
               for (u, t), text in zip(same, kept))


def test_bigram_index_reads_pairs_of_any_words():
    features = Features(analyzer=str.split, vocabulary={"a b": 0, "b": 1, "c a": 2, "x": 3, "a b c": 4, " z": 5,
                                                         "b a": 6})
    docs = [["a", "b", "c", "a"], ["b", "a", "b"], [], ["x", "a", "b", "c"], ["c"], ["a", "c", "a"]]
    want = features.transform_features(d + [f"{a} {b}" for a, b in zip(d, d[1:])] for d in docs)
    features._bigrams = linear.Bigrams.of(features.vocabulary)
    got = features.transform_bigrams(docs, docs)
    for a, b in zip(got[:3], want[:3]):
        assert np.array_equal(a, b)
