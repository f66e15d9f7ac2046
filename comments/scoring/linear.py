"""Fitted text models as plain data, so that scoring needs numpy and not scikit-learn.

Training fits scikit-learn vectorizers and linear classifiers; `Features.of` and `Linear.of` keep what
prediction needs (vocabulary, idf weights, coefficients) as dicts and numpy arrays. Importing
scikit-learn (it pulls in scipy.stats) and unpickling its estimators took 1.7 of the 2.4 s a fresh process
spent loading the models, and its per-call checks and per-token counting loop most of the scoring time.
These give scikit-learn's numbers (to float rounding; tests/test_linear.py compares them), in one pass
of dict lookups per document and a few numpy operations per batch.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain, filterfalse, repeat
from typing import Any, Callable, Iterable, NamedTuple

import numpy as np


class Rows(NamedTuple):
    """A batch's sparse document-by-feature matrix: its entries sorted by document, then feature."""

    doc: np.ndarray  # the document of each entry
    col: np.ndarray  # its feature
    value: np.ndarray
    n_docs: int

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """(n_docs, k): this matrix times `weights` (n_features, k)."""
        contributions = self.value[:, None] * weights[self.col]
        return np.column_stack([np.bincount(self.doc, contributions[:, j], minlength=self.n_docs)
                                for j in range(weights.shape[1])]).reshape(self.n_docs, weights.shape[1])

    def row_sum(self, values: np.ndarray) -> np.ndarray:
        return np.bincount(self.doc, values, minlength=self.n_docs)

    def row_max(self, values: np.ndarray) -> np.ndarray:
        """Each document's largest entry of `values` (one per entry), 0 for a document without entries."""
        out = np.zeros(self.n_docs)
        if len(values):
            starts = np.flatnonzero(np.r_[True, self.doc[1:] != self.doc[:-1]])
            out[self.doc[starts]] = np.maximum.reduceat(values, starts)
        return out


def count(docs: np.ndarray, ids: np.ndarray, n_docs: int, n_features: int) -> Rows:
    """Document-feature counts from (document, feature) entries in any order (feature -1: outside the
    vocabulary)."""
    known = ids >= 0
    keys, counts = np.unique(docs[known] * n_features + ids[known], return_counts=True)
    doc, col = np.divmod(keys, n_features)
    return Rows(doc, col, counts.astype(np.float64), n_docs)


def ids_of(words: Iterable[list[str]], index: dict[str, int], lengths: np.ndarray) -> np.ndarray:
    """The `index` entry of every word of every document (`lengths` per document), concatenated; -1 if none."""
    return np.fromiter(map(index.get, chain.from_iterable(words), repeat(-1)), np.int64, int(lengths.sum()))


def lengths_of(docs: list[list[str]]) -> np.ndarray:
    return np.fromiter(map(len, docs), np.int64, len(docs))


def owners(lengths: np.ndarray) -> np.ndarray:
    """The document number of every entry, for documents of `lengths` entries each, concatenated."""
    return np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)


class Bigrams(NamedTuple):
    """A vocabulary's bigrams ("a b") as pairs of word numbers: bigram `ids[k]` is the pair `keys[k]`
    (first * base + second), `keys` sorted. A word that is a feature of its own is numbered by it, the
    others after the vocabulary, so one look-up gives a token's unigram feature and its part in bigrams."""

    words: dict[str, int]
    base: int  # above every word number
    keys: np.ndarray
    ids: np.ndarray

    @classmethod
    def of(cls, vocabulary: dict[str, int]) -> Bigrams:
        # (made from strings alone: a container per bigram woke the garbage collector, which took longer)
        bigrams = [feature for feature in vocabulary if feature.count(" ") == 1]  # all a bigram of tokens can be
        halves = " ".join(bigrams).split(" ") if bigrams else []  # first, second, first, second...
        words = {feature: j for feature, j in vocabulary.items() if " " not in feature}
        others = sorted(set(halves) - words.keys())
        words.update(zip(others, range(len(vocabulary), len(vocabulary) + len(others))))
        base = len(vocabulary) + len(others)
        number = np.fromiter(map(words.__getitem__, halves), np.int64, len(halves))
        keys = number[0::2] * base + number[1::2]
        order = np.argsort(keys)
        ids = np.fromiter(map(vocabulary.__getitem__, bigrams), np.int64, len(bigrams))
        return cls(words, base, keys[order], ids[order])

    def find(self, words: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(document, feature) of each bigram of the vocabulary among two tokens in a row of a document, given
        the tokens' numbers (`words`, -1 for none) and documents, concatenated."""
        pair = (words[:-1] >= 0) & (words[1:] >= 0) & (docs[:-1] == docs[1:])
        keys = words[:-1][pair] * self.base + words[1:][pair]
        order = np.argsort(keys)  # sorted queries search twice as fast; the entries' order does not matter
        keys, docs = keys[order], docs[:-1][pair][order]
        at = np.searchsorted(self.keys, keys)
        at[at == len(self.keys)] = 0
        hit = self.keys[at] == keys if len(self.keys) else np.zeros(len(keys), dtype=bool)
        return docs[hit], self.ids[at[hit]]


SKLEARN_TOKEN_PATTERN = r"(?u)\b\w\w+\b"


@dataclass
class WordNgrams:
    """scikit-learn's word analyzer: lowercase, a token regex, stop words out, n-grams joined by a space.
    `tokens` and `features` split it so several feature sets can share one tokenization."""

    pattern: str
    lowercase: bool = True
    ngram_range: tuple[int, int] = (1, 1)
    stop_words: tuple[str, ...] = ()  # sorted, so that the pickled model does not depend on hashing

    def __post_init__(self) -> None:
        # scikit-learn's default pattern finds the same tokens as \w\w+ (a run of two or more word characters,
        # matched from its first), which needs no word-boundary test at every character
        self._regex = re.compile(r"\w\w+" if self.pattern == SKLEARN_TOKEN_PATTERN else self.pattern)
        self._stop = frozenset(self.stop_words)

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    def tokens(self, text: str) -> list[str]:
        return self._regex.findall(text.lower() if self.lowercase else text)

    def features(self, tokens: list[str]) -> list[str]:
        if self._stop:
            tokens = list(filterfalse(self._stop.__contains__, tokens))
        low, high = self.ngram_range
        feats = list(tokens) if low == 1 else []
        for n in range(max(low, 2), high + 1):
            if n == 2:
                feats += [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
            else:
                feats += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
        return feats

    def __call__(self, text: str) -> list[str]:
        return self.features(self.tokens(text))


_WHITE_SPACES = re.compile(r"\s\s+")


@dataclass(frozen=True)
class CharWbNgrams:
    """scikit-learn's `char_wb` analyzer: character n-grams inside words padded with a space."""

    ngram_range: tuple[int, int]
    lowercase: bool = True

    def __call__(self, text: str) -> list[str]:
        low, high = self.ngram_range
        grams: list[str] = []
        for word in _WHITE_SPACES.sub(" ", text.lower() if self.lowercase else text).split():
            word = f" {word} "
            for n in range(low, high + 1):
                if len(word) <= n:  # a word no longer than n counts once, whole
                    grams.append(word)
                    break
                grams += [word[i:i + n] for i in range(len(word) - n + 1)]
        return grams


def pack_words(words: list[str]) -> str | list[str]:
    """Words as one string, for pickling: joblib unpickles in pure Python, one call per object, which
    made loading a vocabulary of 100,000 strings take most of a second; one string loads at once."""
    return list(words) if any("\n" in w for w in words) else "\n".join(words)


def unpack_words(packed: str | list[str]) -> list[str]:
    if isinstance(packed, list):
        return packed
    return packed.split("\n") if packed else []


@dataclass
class Features:
    """A fitted `CountVectorizer` or `TfidfVectorizer`: text -> `Rows`."""

    analyzer: Callable[[str], list[str]]
    vocabulary: dict[str, int]
    idf: np.ndarray | None = None
    sublinear_tf: bool = False
    binary: bool = False
    norm: str | None = None

    @classmethod
    def of(cls, vectorizer: Any) -> Features:
        """The fitted scikit-learn vectorizer as data (its analyzer must be one we reproduce)."""
        p = vectorizer.get_params()
        if callable(p["analyzer"]):
            analyzer = p["analyzer"]
        elif p["preprocessor"] is not None or p["tokenizer"] is not None or p["strip_accents"] is not None:
            raise ValueError(f"{vectorizer!r}: custom preprocessing has no plain-data form")
        elif p["analyzer"] == "word":
            analyzer = WordNgrams(p["token_pattern"], p["lowercase"], tuple(p["ngram_range"]),
                                  tuple(sorted(vectorizer.get_stop_words() or ())))
        elif p["analyzer"] == "char_wb":
            analyzer = CharWbNgrams(tuple(p["ngram_range"]), p["lowercase"])
        else:
            raise ValueError(f"{vectorizer!r}: analyzer {p['analyzer']!r} has no plain-data form")
        tfidf = "use_idf" in p  # a TfidfVectorizer
        return cls(analyzer=analyzer, vocabulary=dict(vectorizer.vocabulary_),
                   idf=np.asarray(vectorizer.idf_, dtype=np.float64) if tfidf and p["use_idf"] else None,
                   sublinear_tf=bool(tfidf and p["sublinear_tf"]), binary=bool(p["binary"]),
                   norm=p["norm"] if tfidf else None)

    def __getstate__(self) -> dict:
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)  # indices are 0..n-1
        state = {k: v for k, v in self.__dict__.items() if not k.startswith("_")}  # "_": derived on use
        return {**state, "vocabulary": pack_words(words)}

    def __setstate__(self, state: dict) -> None:
        words = unpack_words(state["vocabulary"])
        self.__dict__.update(state, vocabulary=dict(zip(words, range(len(words)))))

    def transform(self, texts: Iterable[str]) -> Rows:
        analyzer = self.analyzer
        if isinstance(analyzer, WordNgrams) and analyzer.ngram_range == (1, 1) \
                and analyzer._stop.isdisjoint(self.vocabulary):
            # no stop word is a feature (scikit-learn drops them before it makes the vocabulary): left in,
            # they count for nothing, and taking them out cost more than looking them up
            return self.transform_features(map(analyzer.tokens, texts))
        return self.transform_features(map(analyzer, texts))

    def transform_features(self, features_per_doc: Iterable[list[str]]) -> Rows:
        """`transform` given each text's analyzer output."""
        features_per_doc = list(features_per_doc)
        lengths = lengths_of(features_per_doc)
        docs = owners(lengths)
        return self._weighted(count(docs, ids_of(features_per_doc, self.vocabulary, lengths), len(lengths),
                                    len(self.vocabulary)))

    def transform_bigrams(self, unigrams: list[list[str]], tokens: list[list[str]],
                          more: list[list[str]] | None = None) -> Rows:
        """`transform_features` of documents whose features are `unigrams` plus the bigrams of `tokens`
        (f"{a} {b}" for every two tokens in a row; tokens hold no space), plus `more` (a list per document,
        if given). The bigrams are looked up as pairs of word numbers, in numpy: making each one's string and
        looking it up was most of the time. `unigrams` may be `tokens` itself: then each token's number gives
        its unigram feature, without a second look-up."""
        n_docs, n_features = len(tokens), len(self.vocabulary)
        lengths = lengths_of(tokens)
        if "_bigrams" not in self.__dict__:
            if lengths.sum() < BIGRAM_INDEX_AFTER:  # a few texts: the strings cost less than the index (0.1 s)
                return self.transform_features(m + u + [f"{a} {b}" for a, b in zip(t, t[1:])]
                                               for m, u, t in zip(more or repeat([]), unigrams, tokens))
            self._bigrams = Bigrams.of(self.vocabulary)
        docs = owners(lengths)
        words = ids_of(tokens, self._bigrams.words, lengths)
        pair_docs, pair_ids = self._bigrams.find(words, docs)
        if unigrams is tokens:  # a token's number is its unigram feature, if it is one
            ids = np.where(words < n_features, words, -1)
        else:
            lengths = lengths_of(unigrams)
            docs = owners(lengths)
            ids = ids_of(unigrams, self.vocabulary, lengths)
        docs, ids = [docs, pair_docs], [ids, pair_ids]
        if more is not None:
            lengths = lengths_of(more)
            docs.append(owners(lengths))
            ids.append(ids_of(more, self.vocabulary, lengths))
        return self._weighted(count(np.concatenate(docs), np.concatenate(ids), n_docs, n_features))

    def transform_tokens(self, tokens: list[list[str]]) -> Rows:
        """`transform_features` for a `WordNgrams` analyzer, given each text's `tokens` (which hold no space)."""
        analyzer = self.analyzer
        if analyzer.ngram_range == (1, 2) and not analyzer.stop_words:
            return self.transform_bigrams(tokens, tokens)
        return self.transform_features(map(analyzer.features, tokens))

    def _weighted(self, rows: Rows) -> Rows:
        value = rows.value
        if self.binary:
            value = np.ones_like(value)
        elif self.sublinear_tf:
            value = np.log(value) + 1.0
        if self.idf is not None:
            value = value * self.idf[rows.col]
        if self.norm == "l2":
            value = value / np.sqrt(rows.row_sum(value * value))[rows.doc]
        elif self.norm is not None:
            raise ValueError(f"norm {self.norm!r} is not supported")
        return rows._replace(value=value)


BIGRAM_INDEX_AFTER = 20_000  # tokens in one batch


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


@dataclass
class Linear:
    """A fitted linear classifier over sparse features, then dense ones: `decision` = X @ coef + intercept
    with X = [rows, dense]. One column per class (k > 2) or one for the positive class (k = 1)."""

    coef: np.ndarray  # (n_features, k)
    intercept: np.ndarray  # (k,)

    @classmethod
    def of(cls, estimator: Any) -> Linear:
        """A LogisticRegression or LinearSVC, or a Pipeline of a StandardScaler and one of them."""
        scale = None
        if hasattr(estimator, "steps"):
            scaler, estimator = (step for _, step in estimator.steps)
            scale = (scaler.mean_, scaler.scale_)
        coef = np.asarray(estimator.coef_, dtype=np.float64).T.copy()
        intercept = np.asarray(estimator.intercept_, dtype=np.float64).copy()
        if scale is not None:  # (x - mean) / scale @ coef = x @ (coef / scale) - (mean / scale) @ coef
            mean, std = scale
            coef /= std[:, None]
            intercept -= mean @ coef
        return cls(coef, intercept)

    @classmethod
    def stack(cls, models: list[Linear]) -> Linear:
        """Binary models side by side: one decision column each."""
        return cls(np.hstack([m.coef for m in models]), np.concatenate([m.intercept for m in models]))

    def decision(self, rows: Rows | None = None, dense: np.ndarray | None = None) -> np.ndarray:
        """(n, k) decision values."""
        n_dense = 0 if dense is None else dense.shape[1]
        out = rows.dot(self.coef[:len(self.coef) - n_dense]) if rows is not None else 0.0
        if dense is not None:
            out = out + dense @ self.coef[len(self.coef) - n_dense:]
        return out + self.intercept

    def predict_proba(self, rows: Rows | None = None, dense: np.ndarray | None = None) -> np.ndarray:
        """(n, classes), as LogisticRegression: a sigmoid for two classes, a softmax for more."""
        z = self.decision(rows, dense)
        if z.shape[1] == 1:
            p = sigmoid(z[:, 0])
            return np.column_stack([1.0 - p, p])
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)


@dataclass
class SigmoidCalibrated:
    """A fitted binary `CalibratedClassifierCV(method="sigmoid")` of linear classifiers: the mean over
    its folds of sigmoid(-(a * decision + b))."""

    folds: list[tuple[Linear, float, float]]

    @classmethod
    def of(cls, calibrated: Any) -> SigmoidCalibrated:
        if calibrated.method != "sigmoid" or len(calibrated.classes_) != 2:
            raise ValueError(f"{calibrated!r}: only binary sigmoid calibration has a plain-data form")
        return cls([(Linear.of(c.estimator), float(c.calibrators[0].a_), float(c.calibrators[0].b_))
                    for c in calibrated.calibrated_classifiers_])

    def probability(self, rows: Rows) -> np.ndarray:
        """(n,) the positive class's probability."""
        return np.mean([sigmoid(-(a * model.decision(rows)[:, 0] + b)) for model, a, b in self.folds], axis=0)
