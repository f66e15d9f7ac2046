"""The v2 experiments on the conspiracy model: what each idea of issue 3 bought, on v1's splits.

    python -m training.conspiracy_experiments   # ~5-10 min on a loaded 2-core box; writes
                                                # reports/models/conspiracy_experiments.md

Same protocol as `training.conspiracy`: five `stable_fold` folds of PAN 2024 EN (out-of-fold numbers),
the dev fold 0 (its threshold chosen on the out-of-fold predictions of folds 1-4), and the COVID-vaccine
comments as a held-out topic (every model here is trained on PAN (+ ordinary text) only). Ideas:
1. stance x framing: a stance factor (all PAN texts, which are all oppositional, vs ordinary news text:
   NYT snippets, MIT; Kaggle insults non-insult train comments, no license stated) times v1's framing
   score; and VADER negativity (no training) as the stance factor, as a product or a logit shift.
2. a token-level narrative-role tagger (per-role logistic regression over the token and a +-2 window)
   from PAN's AGENT / OBJECTIVE / ... spans, its per-document max/mean/top-3 scores as features alone
   or stacked (logistic regression on the out-of-fold scores) with v1.
3. NB-LR (log-count-ratio scaled binary n-grams), char_wb 2-5-grams, and their average with v1.
"""
from __future__ import annotations

import time

import numpy as np
from scipy.special import expit, logit
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, matthews_corrcoef, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler, normalize

from comments.atomic import write_text
from comments.scoring.conspiracy import (_PHRASES, _TOPIC_MASK, FramingAnalyzer, lexicon_matches, tokenize,
                                         tokenize_with_offsets)

from . import no_options
from .conspiracy import (BACKGROUND_WEIGHT, DEV_FOLD, N_FOLDS, _identity, background_texts, choose_threshold,
                         load_sets)
from .datasets import REPORTS, kaggle_insults, stable_fold

OUT = REPORTS / "models" / "conspiracy_experiments.md"
ROLES = ["AGENT", "OBJECTIVE", "FACILITATOR", "CAMPAIGNER", "VICTIM", "NEGATIVE_EFFECT"]


def _balanced_lr(X, labels, weights=None, C=4.0):
    labels = np.asarray(labels)
    weights = np.ones(len(labels)) if weights is None else np.asarray(weights, float)
    scale = weights[labels == 0].sum() / weights[labels == 1].sum()
    return LogisticRegression(C=C, max_iter=5000).fit(X, labels, sample_weight=weights * np.where(labels == 1, scale, 1))


def _tfidf_lr(docs, labels, weights=None, C=4.0):
    vectorizer = TfidfVectorizer(analyzer=_identity, lowercase=False, min_df=2, sublinear_tf=True, dtype=np.float32)
    model = _balanced_lr(vectorizer.fit_transform(docs), labels, weights, C)
    return lambda d: model.predict_proba(vectorizer.transform(d))[:, 1]


def _nb_lr(docs, labels, weights, C=4.0):
    labels, weights = np.asarray(labels), np.asarray(weights, float)
    vectorizer = CountVectorizer(analyzer=_identity, lowercase=False, min_df=2, binary=True, dtype=np.float32)
    X = vectorizer.fit_transform(docs)
    p = 1 + X[np.flatnonzero(labels == 1)].T @ weights[labels == 1]
    q = 1 + X[np.flatnonzero(labels == 0)].T @ weights[labels == 0]
    ratio = np.log((p / p.sum()) / (q / q.sum())).astype(np.float32)
    model = _balanced_lr(normalize(X.multiply(ratio).tocsr()), labels, weights, C)
    return lambda d: model.predict_proba(normalize(vectorizer.transform(d).multiply(ratio).tocsr()))[:, 1]


def _char_lr(texts, labels, C=4.0):
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True,
                                 max_features=100000, dtype=np.float32)
    model = _balanced_lr(vectorizer.fit_transform(texts), labels, None, C)
    return lambda t: model.predict_proba(vectorizer.transform(t))[:, 1]


# --- the narrative-role tagger -----------------------------------------------------------------
def token_features(tokens: list[str]) -> list[list[str]]:
    units = [_TOPIC_MASK.get(t, t) for t in tokens]
    category = [""] * len(units)
    for start, end, phrase in lexicon_matches(tokens):
        category[start:end] = [_PHRASES[phrase]] * (end - start)
    pad = ["<s>", "<s>", *units, "</s>", "</s>"]
    return [["w=" + pad[j], "p=" + pad[j - 1], "n=" + pad[j + 1], "pp=" + pad[j - 2], "nn=" + pad[j + 2],
             "pw=" + pad[j - 1] + "_" + pad[j], "wn=" + pad[j] + "_" + pad[j + 1]]
            + (["L=" + category[i]] if category[i] else []) for i, j in enumerate(range(2, len(units) + 2))]


def token_roles(text: str, spans) -> np.ndarray:
    """0/1 per token and role; a span is found by its (detokenised) text, first occurrence."""
    _, offsets = tokenize_with_offsets(text)
    starts, ends = np.array([o[0] for o in offsets], dtype=int), np.array([o[1] for o in offsets], dtype=int)
    roles = np.zeros((len(offsets), len(ROLES)), dtype=np.int8)
    for role, span in spans:
        at = text.find(span) if role in ROLES and span else -1
        if at >= 0:
            roles[(starts < at + len(span)) & (ends > at), ROLES.index(role)] = 1
    return roles


def fit_tagger(features, roles, C=0.5):
    vectorizer = CountVectorizer(analyzer=_identity, min_df=2, binary=True, dtype=np.float32)
    X = vectorizer.fit_transform([f for doc in features for f in doc])
    Y = np.vstack(roles)
    models = [LogisticRegression(C=C, max_iter=2000).fit(X, Y[:, k]) for k in range(len(ROLES))]
    return lambda doc: np.column_stack([m.predict_proba(vectorizer.transform(doc))[:, 1] for m in models])


def document_role_features(tag, docs) -> np.ndarray:
    rows = []
    for doc in docs:
        if not doc:
            rows.append(np.zeros(3 * len(ROLES) + 1))
            continue
        p = tag(doc)
        top = p.max(0)
        rows.append(np.concatenate([top, p.mean(0), np.sort(p, 0)[-3:].mean(0), [top[0] * top[1]]]))
    return np.array(rows)


def main() -> None:
    started = time.time()
    pan, covid = load_sets()
    folds, y, yc = pan["fold"].to_numpy(), pan["label"].to_numpy(), covid["label"].to_numpy()
    everything = np.arange(len(y))
    analyzer = FramingAnalyzer("masked", 2, True)
    P, C = [analyzer(t) for t in pan["text"]], [analyzer(t) for t in covid["text"]]
    nyt = background_texts()
    kaggle = kaggle_insults("train").query("insult == 0")["text"].tolist()
    N, K = [analyzer(t) for t in nyt], [analyzer(t) for t in kaggle]

    def with_background(rows):
        weights = [1.0] * len(rows) + [BACKGROUND_WEIGHT * len(rows) / len(N)] * len(N)
        return [P[i] for i in rows] + N, list(y[rows]) + [0] * len(N), weights

    def framing(rows, C_=4.0):
        return _tfidf_lr(*with_background(rows), C=C_)

    def out_of_fold(fit, docs):
        out = np.zeros(len(y))
        for f in range(N_FOLDS):
            model = fit(np.flatnonzero(folds != f))
            out[folds == f] = model([docs[i] for i in np.flatnonzero(folds == f)])
        return out

    rows: list[tuple[str, np.ndarray | None, np.ndarray]] = []
    v1_oof, v1_covid = out_of_fold(framing, P), framing(everything)(C)
    rows.append(("v1 (topic-masked 1-2-grams + lexicon + NYT background, C=4)", v1_oof, v1_covid))
    for C_ in (1.0, 16.0):
        rows.append((f"v1 features, C={C_:g}", out_of_fold(lambda r: framing(r, C_), P), framing(everything, C_)(C)))

    # 1. stance x framing
    for name, ordinary in (("NYT", N), ("Kaggle non-insults", K), ("NYT + Kaggle", N + K)):
        stance = _tfidf_lr([P[i] for i in everything] + ordinary, [1] * len(y) + [0] * len(ordinary), C=1.0)(C)
        rows.append((f"stance factor alone (PAN vs {name})", None, stance))
        rows.append((f"stance (PAN vs {name}) x v1", v1_oof, stance * v1_covid))  # stance ~1 on every PAN text
    # ... and a stance factor that also learns from the COVID comments (their positives oppositional,
    # their negatives ordinary), 5-fold over the COVID comments too: not a held-out topic any more
    covid_folds = covid["text"].map(lambda t: stable_fold(t, N_FOLDS)).to_numpy()

    def stance_with_covid(pan_rows, covid_rows):
        docs = [P[i] for i in pan_rows] + [C[i] for i in covid_rows] + N
        labels = [1] * len(pan_rows) + list(yc[covid_rows]) + [0] * len(N)
        weights = [1.0] * (len(pan_rows) + len(covid_rows)) + [len(pan_rows) / len(N)] * len(N)
        return _tfidf_lr(docs, labels, weights, C=4.0)

    stance_pan, stance_covid = np.zeros(len(y)), np.zeros(len(yc))
    for f in range(N_FOLDS):
        held = covid_folds == f
        stance_covid[held] = stance_with_covid(everything, np.flatnonzero(~held))([C[i] for i in np.flatnonzero(held)])
        held = folds == f
        stance_pan[held] = stance_with_covid(np.flatnonzero(~held), np.arange(len(yc)))([P[i] for i in np.flatnonzero(held)])
    rows.append(("stance factor alone (PAN + COVID positives vs NYT + COVID negatives; COVID 5-fold, not held out)",
                 None, stance_covid))
    rows.append(("same stance x v1 (COVID 5-fold, not held out)", stance_pan * v1_oof, stance_covid * v1_covid))
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    compound_pan = np.array([vader.polarity_scores(t)["compound"] for t in pan["text"]])
    compound_covid = np.array([vader.polarity_scores(t)["compound"] for t in covid["text"]])
    rows.append(("VADER negativity alone", -compound_pan, -compound_covid))
    for power in (0.5, 1.0):
        rows.append((f"v1 x VADER negativity^{power:g}", v1_oof * ((1 - compound_pan) / 2) ** power,
                     v1_covid * ((1 - compound_covid) / 2) ** power))
    clip = lambda p: logit(np.clip(p, 1e-6, 1 - 1e-6))  # noqa: E731
    for shift in (0.25, 0.5, 1.0):
        rows.append((f"logit(v1) - {shift:g} x VADER compound", expit(clip(v1_oof) - shift * compound_pan),
                     expit(clip(v1_covid) - shift * compound_covid)))

    # 2. the narrative-role tagger
    features = [token_features(tokenize(t)) for t in pan["text"]]
    roles = [token_roles(t, s) for t, s in zip(pan["text"], pan["spans"])]
    covid_features = [token_features(tokenize(t)) for t in covid["text"]]
    role_oof = np.zeros((len(y), 3 * len(ROLES) + 1))
    token_auc = {}
    for f in range(N_FOLDS):
        train_rows, held = np.flatnonzero(folds != f), np.flatnonzero(folds == f)
        tag = fit_tagger([features[i] for i in train_rows], [roles[i] for i in train_rows])
        role_oof[held] = document_role_features(tag, [features[i] for i in held])
        if f == DEV_FOLD:
            scores = tag([x for i in held for x in features[i]])
            truth = np.vstack([roles[i] for i in held])
            token_auc = {r: roc_auc_score(truth[:, k], scores[:, k]) for k, r in enumerate(ROLES)}
    role_covid = document_role_features(fit_tagger(features, roles), covid_features)
    rows.append(("tagger: max AGENT x max OBJECTIVE alone", role_oof[:, -1], role_covid[:, -1]))

    def stacked(Z, ZC):
        stacker = lambda: make_pipeline(StandardScaler(), LogisticRegression(C=1.0, class_weight="balanced"))  # noqa: E731
        out = np.zeros(len(y))
        for f in range(N_FOLDS):
            train = folds != f
            out[~train] = stacker().fit(Z[train], y[train]).predict_proba(Z[~train])[:, 1]
        return out, stacker().fit(Z, y).predict_proba(ZC)[:, 1]

    rows.append(("tagger document features alone (stacked LR)", *stacked(role_oof, role_covid)))
    rows.append(("v1 + tagger document features (stacked LR)",
                 *stacked(np.column_stack([clip(v1_oof), role_oof]), np.column_stack([clip(v1_covid), role_covid]))))

    # 3. NB-LR, char n-grams, and the average with v1
    rows.append(("NB-LR on v1 features + background, C=4", out_of_fold(lambda r: _nb_lr(*with_background(r)), P),
                 _nb_lr(*with_background(everything))(C)))
    texts, covid_texts = pan["text"].tolist(), covid["text"].tolist()
    char_oof = out_of_fold(lambda r: _char_lr([texts[i] for i in r], y[r]), texts)
    char_covid = _char_lr(texts, y)(covid_texts)
    rows.append(("char_wb 2-5-grams, C=4 (PAN only)", char_oof, char_covid))
    rows.append(("mean(v1, char_wb 2-5-grams)", (v1_oof + char_oof) / 2, (v1_covid + char_covid) / 2))

    dev, rest = folds == DEV_FOLD, folds != DEV_FOLD
    table = ("| variant | PAN 5-fold MCC | PAN 5-fold ROC-AUC | PAN dev MCC | PAN dev ROC-AUC "
             "| COVID held-out ROC-AUC | COVID AP |\n|---|---|---|---|---|---|---|\n")
    for name, oof, cov in rows:
        if oof is None:
            pan_cells = "n/a | n/a | n/a | n/a"
        else:
            scaled = oof if oof.min() >= 0 and oof.max() <= 1 else (oof - oof.min()) / (np.ptp(oof) or 1)
            threshold, dev_threshold = choose_threshold(y, scaled), choose_threshold(y[rest], scaled[rest])
            pan_cells = (f"{matthews_corrcoef(y, scaled >= threshold):.3f} | {roc_auc_score(y, oof):.3f} | "
                         f"{matthews_corrcoef(y[dev], scaled[dev] >= dev_threshold):.3f} | {roc_auc_score(y[dev], oof[dev]):.3f}")
        table += f"| {name} | {pan_cells} | {roc_auc_score(yc, cov):.3f} | {average_precision_score(yc, cov):.3f} |\n"
    tagger = ", ".join(f"{r} {a:.3f}" for r, a in token_auc.items())
    write_text(OUT, f"""# Conspiracy model: v2 experiments

Written by `python -m training.conspiracy_experiments` ({time.time() - started:.0f} s wall here); see the module
docstring for the protocol. MCC at the threshold with the best MCC on the 5-fold out-of-fold predictions
(grid 0.10-0.90); the dev-fold MCC uses the threshold chosen on folds 1-4's out-of-fold predictions.
Scores that are not probabilities (VADER negativity) are min-max scaled before thresholding.
COVID = the COVID-vaccine comments, never trained on here (held-out topic).

{table}
Narrative-role tagger, token-level ROC-AUC on the dev fold (trained on folds 1-4): {tagger}.
""")
    print(OUT.read_text())


if __name__ == "__main__":
    no_options(__doc__)
    main()
