"""An exact, faster `transform` for fitted sklearn word vectorizers.

sklearn's `CountVectorizer.transform` analyses and counts every document in a Python loop of several
calls per token, which was most of the scoring time. Here a document's features are made with one
regex `findall` and one comprehension (so one tokenization can feed several vectorizers), looked up
with one `map` per document, and counted with one numpy `unique` over the whole batch. The count
matrix equals sklearn's (dtype, index dtype, sorted indices), binary and TF-IDF weighting are then
applied by sklearn's own code, so the result is identical to `vectorizer.transform(texts)`;
`tests/test_scoring_exact.py` checks it.
"""
from __future__ import annotations

import re
from itertools import repeat
from typing import Callable, Iterable

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer


def count_matrix(feature_ids: list[int], lengths: list[int], n_features: int, dtype: type) -> sp.csr_matrix:
    """Document-term counts from the documents' feature indices, concatenated (`lengths` per document;
    -1: not in the vocabulary). Canonical CSR (sorted indices, duplicates summed), as sklearn's."""
    n_docs = len(lengths)
    ids = np.array(feature_ids, dtype=np.int64)
    rows = np.repeat(np.arange(n_docs, dtype=np.int64), np.array(lengths, dtype=np.int64))
    known = ids >= 0
    ids, rows = ids[known], rows[known]
    index_dtype = np.int32 if len(ids) <= np.iinfo(np.int32).max else np.int64  # as sklearn
    indptr = np.zeros(n_docs + 1, dtype=index_dtype)
    np.cumsum(np.bincount(rows, minlength=n_docs), out=indptr[1:])
    x = sp.csr_matrix((np.ones(len(ids), dtype=dtype), ids.astype(index_dtype), indptr),
                      shape=(n_docs, n_features))
    x.sum_duplicates()  # sorts each row's indices and adds up repeated features: the counts
    return x


def vocabulary_ids(vocabulary: dict[str, int], features_per_doc: Iterable[list[str]]) -> tuple[list[int], list[int]]:
    """(every document's feature indices, concatenated, -1 when unknown; each document's count)."""
    get, ids, lengths = vocabulary.get, [], []
    for features in features_per_doc:
        ids += map(get, features, repeat(-1))
        lengths.append(len(features))
    return ids, lengths


def finish(vectorizer: CountVectorizer, counts: sp.csr_matrix) -> sp.csr_matrix:
    """What `vectorizer.transform` does after counting: binary, then TF-IDF weighting and norm."""
    if vectorizer.binary:
        counts.data.fill(1)
    if isinstance(vectorizer, TfidfVectorizer):
        return vectorizer._tfidf.transform(counts, copy=False)  # sklearn's own weighting, bit for bit
    return counts


def transform_features(vectorizer: CountVectorizer, features_per_doc: Iterable[list[str]]) -> sp.csr_matrix:
    """`vectorizer.transform(texts)` given each text's analyzer output (`build_analyzer()(text)`)."""
    ids, lengths = vocabulary_ids(vectorizer.vocabulary_, features_per_doc)
    return finish(vectorizer, count_matrix(ids, lengths, len(vectorizer.vocabulary_), vectorizer.dtype))


class WordAnalyzer:
    """A fitted word vectorizer's analyzer, split into `tokens` (preprocess + tokenize) and `features`
    (stop words + n-grams), so that vectorizers with the same tokenizer share one tokenization."""

    def __init__(self, vectorizer: CountVectorizer) -> None:
        p = vectorizer.get_params()
        if not (p["input"] == "content" and p["analyzer"] == "word" and p["preprocessor"] is None
                and p["tokenizer"] is None and p["strip_accents"] is None):
            raise ValueError(f"{type(vectorizer).__name__}: only plain word analyzers have a fast path")
        self.vectorizer = vectorizer
        self.pattern = re.compile(vectorizer.token_pattern)
        self.lowercase = vectorizer.lowercase
        self.ngram_range = vectorizer.ngram_range
        stop_words = vectorizer.get_stop_words()
        self.stop_words = frozenset(stop_words) if stop_words else None

    def tokens(self, text: str) -> list[str]:
        """The tokens of a text already lowercased when the vectorizer lowercases."""
        return self.pattern.findall(text)

    def features(self, tokens: list[str]) -> list[str]:
        if self.stop_words is not None:
            tokens = [t for t in tokens if t not in self.stop_words]
        low, high = self.ngram_range
        feats = list(tokens) if low == 1 else []
        for n in range(max(low, 2), high + 1):
            if n == 2:
                feats += [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
            else:
                feats += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
        return feats

    def transform_tokens(self, tokens_per_doc: Iterable[list[str]]) -> sp.csr_matrix:
        """`vectorizer.transform(texts)` given `self.tokens` of each (lowercased) text."""
        if self.ngram_range == (1, 1) and self.stop_words is None:
            return transform_features(self.vectorizer, tokens_per_doc)
        return transform_features(self.vectorizer, map(self.features, tokens_per_doc))

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        """`vectorizer.transform(texts)`, faster."""
        prepare: Callable[[str], str] = str.lower if self.lowercase else str
        return self.transform_tokens([self.tokens(prepare(t)) for t in texts])
