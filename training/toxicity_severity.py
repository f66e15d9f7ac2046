"""Severity-ordered toxicity: which head ranks hate above mere offensiveness without costing anything else.

`python -m training.toxicity_severity` writes reports/models/toxicity-severity-experiments.md.

The binary head (toxic vs not) scores hate and mere profanity alike near 1, so among toxic comments the
profane ones came first and Davidson "hate vs rest" sat near chance. Candidates:
- hate rows weighted up in the toxic-vs-not task (Davidson's total weight unchanged);
- an ordinal head (neither < offensive < hate): a second threshold, hate vs the rest, on the Davidson rows,
  sharing every word weight (`training.toxicity._fit_head`), at a weight relative to those rows'; optionally
  with every clean row of the mix (a comment that is not toxic is not hate either) in that second task too;
- the binary head stacked with the `identity_attack` attribute's logit: a two-weight ordinal logistic layer
  over [head decision, P(identity_attack | toxic) logit], fitted on out-of-fold scores.

Everything is measured on the training data only, never on a dev set: 5-fold out-of-fold scores of the
head's training mix (the folds of `training.toxicity.train`; Davidson fold 0, our dev split, is not in it),
TweetEval hate train+val (not trained on; its test split is the dev set), sentences of our own naming an
identity, and the shipped span gate applied to tsd_train. Rule: the candidate with the best out-of-fold
Davidson hate-vs-rest ROC-AUC among those that, against the binary head, lose at most 0.005 ROC-AUC on every
other row, let no fewer tsd_train posts (all toxic) reach the span gate (the only way the head changes the
shipped spans), raise the Kaggle-train Brier score by at most 0.002, and raise neither the identity-sentence
gap nor the largest toxicity or identity_attack of an identity sentence by more than 0.01.
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score

from comments.adapt import platt
from comments.atomic import write_text
from comments.scoring.toxicity import WORD_PATTERN, load
from training import no_options
from training import datasets as ds
from training import toxicity as tt

OUT = ds.REPORTS / "models" / "toxicity-severity-experiments.md"
MAX_AUC_LOSS, MAX_BRIER_RISE, MAX_IDENTITY_RISE = 0.005, 0.002, 0.01

# Identity sentences for the check: the training identities in frames distinct from the training frames and
# from tests/test_toxicity.py.
FRAMES = ["Yesterday a {} couple moved in next door.", "Our mayor is {}.", "The {} choir sang at the festival.",
          "My {} colleague gave a great talk.", "I voted for a {} candidate."]
NEUTRAL = ["young", "friendly", "new", "local", "quiet"]


@dataclass(frozen=True)
class Candidate:
    label: str
    hate_weight: float = 0.0  # the ordinal head's hate threshold (0: binary head)
    hate_rows_factor: float = 1.0  # hate rows' weight in the toxic task
    stack_weight: float | None = None  # stack with identity_attack; the hate threshold's weight in the stacker
    clean_not_hate: bool = False  # every clean row is also a "not hate" row of the hate threshold


CANDIDATES = [
    Candidate("binary head (shipped)"),
    Candidate("hate rows x4", hate_rows_factor=4), Candidate("hate rows x8", hate_rows_factor=8),
    Candidate("ordinal, hate threshold x0.5", hate_weight=0.5), Candidate("ordinal, hate threshold x1", hate_weight=1),
    Candidate("ordinal, hate threshold x2", hate_weight=2), Candidate("ordinal, hate threshold x3", hate_weight=3),
    Candidate("ordinal + clean rows not hate, x1", hate_weight=1, clean_not_hate=True),
    Candidate("ordinal + clean rows not hate, x2", hate_weight=2, clean_not_hate=True),
    Candidate("binary head + identity_attack stacked, hate threshold x1", stack_weight=1),
    Candidate("binary head + identity_attack stacked, hate threshold x2", stack_weight=2),
]


def _stack(z: np.ndarray, ia: np.ndarray, y: np.ndarray, w: np.ndarray, hate: np.ndarray, rows: np.ndarray,
           weight: float) -> np.ndarray:
    """Weights of [head decision, identity_attack logit] from an ordinal logistic layer fitted on `rows`."""
    known = rows & ~np.isnan(hate)
    x = np.r_[np.c_[z[rows], ia[rows], np.zeros(rows.sum())], np.c_[z[known], ia[known], np.ones(known.sum())]]
    fitted = LogisticRegression(C=1e4).fit(x, np.r_[y[rows], hate[known]], sample_weight=np.r_[w[rows], weight * w[known]])
    return fitted.coef_[0][:2]


def main() -> str:
    t0 = time.time()
    trial = set(ds.toxic_spans_semeval("trial").text.map(tt._norm))
    raw = ds.toxic_spans_raw()
    raw = raw[~raw.text.map(tt._norm).isin(trial)].reset_index(drop=True)
    tsd = ds.toxic_spans_semeval("train")
    data = tt.toxicity_training_set(None)
    shipped = load().model  # its word toxicity and span rule are what training makes from tsd_train
    lexicon, lexicon_scores = tt._lexicon(shipped.word_toxicity)
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=50_000, sublinear_tf=True,
                            token_pattern=WORD_PATTERN, dtype=np.float32).fit(pd.concat([data.text, raw.text]))

    def features(texts: list[str]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        return tt.head_features(words, lexicon, lexicon_scores, texts)

    x_words, x_head = features(data.text.tolist())
    hate_eval = pd.concat([ds.tweeteval("hate", "train"), ds.tweeteval("hate", "val")])
    identity = [f.format(i) for f in FRAMES for i in tt.IDENTITIES]
    neutral = [f.format(n) for f in FRAMES for n in NEUTRAL]
    others = {name: features(texts) for name, texts in
              [("hate_eval", hate_eval.text.tolist()), ("identity", identity), ("neutral", neutral),
               ("tsd", tsd.text.tolist())]}
    y, w, hate, fold = data.y.to_numpy(), data.weight.to_numpy(), data.hate.to_numpy(), data.fold.to_numpy()
    source = data.source.to_numpy()

    # identity_attack's P(. | toxic) logit as training.toxicity.train fits it, out of fold for the training rows.
    targets = tt.attribute_labels(raw)["identity_attack"].to_numpy()
    x_raw = words.transform(raw.text.tolist())

    def fit_identity_attack(rows: np.ndarray) -> LogisticRegression:
        toxic = rows & (source == "davidson") & (y == 1)
        return LogisticRegression(C=2.0, max_iter=2000, solver="liblinear", class_weight="balanced",
                                  random_state=tt.SEED).fit(
            sp.vstack([x_raw, x_words[toxic]]), np.r_[targets, hate[toxic]],
            sample_weight=np.r_[np.full(len(targets), 3000 / len(targets)), np.full(toxic.sum(), 1000 / toxic.sum())])
    ia = np.zeros(len(data))
    for k in range(tt.FOLDS):
        ia[fold == k] = fit_identity_attack(fold != k).decision_function(x_words[fold == k])
    ia_full = fit_identity_attack(np.ones(len(data), bool))
    ia_others = {name: ia_full.decision_function(xw) for name, (xw, _) in others.items()}

    heads: dict[tuple[float, float, bool], tuple[np.ndarray, Callable]] = {}

    def head(c: Candidate) -> tuple[np.ndarray, Callable]:
        """(out-of-fold decision, decision of the head fitted on all rows) of a head candidate."""
        key = (c.hate_weight, c.hate_rows_factor, c.clean_not_hate)
        if key not in heads:
            weights = tt.hate_rows_weighted(data, c.hate_rows_factor)
            known = np.where(y == 0, 0.0, hate) if c.clean_not_hate else hate
            oof = np.zeros(len(data))
            for k in range(tt.FOLDS):
                held = fold == k
                oof[held] = tt._fit_head(x_head[~held], y[~held], weights[~held], known[~held],
                                         c.hate_weight).decision_function(x_head[held])
            heads[key] = oof, tt._fit_head(x_head, y, weights, known, c.hate_weight).decision_function
        return heads[key]

    davidson, news = source == "davidson", source == "kaggle"
    rows = []
    for c in CANDIDATES:
        oof, full = head(c)
        scores = {name: full(xh) for name, (_, xh) in others.items()}
        if c.stack_weight is not None:  # nested: the stacker of each fold is fitted on the other folds
            z = oof.copy()
            for k in range(tt.FOLDS):
                a_z, a_ia = _stack(z, ia, y, w, hate, fold != k, c.stack_weight)
                oof[fold == k] = a_z * z[fold == k] + a_ia * ia[fold == k]
            a_z, a_ia = _stack(z, ia, y, w, hate, np.ones(len(data), bool), c.stack_weight)
            scores = {name: a_z * s + a_ia * ia_others[name] for name, s in scores.items()}
        a, b = platt(oof, y, w)
        calibrated = lambda z: 1 / (1 + np.exp(-(a * z + b)))
        p = calibrated(oof)
        gate = float(np.floor(np.quantile(p[news & (y == 1)], 0.10) * 100) / 100)
        tsd_p = calibrated(scores["tsd"])
        spans = dataclasses.replace(shipped, span_gate=gate).spans(tsd.text.tolist(), tsd_p)
        rows.append({
            "candidate": c.label,
            **{f"{s} toxic": roc_auc_score(y[source == s], oof[source == s]) for s in ("kaggle", "olid", "davidson")},
            "davidson hate vs rest": roc_auc_score(hate[davidson], oof[davidson]),
            "TweetEval hate train+val": roc_auc_score(hate_eval.label, scores["hate_eval"]),
            "Kaggle Brier": brier_score_loss(y[news], p[news]),
            "identity gap": calibrated(scores["identity"]).mean() - calibrated(scores["neutral"]).mean(),
            "identity max": calibrated(scores["identity"]).max(),
            "identity max identity_attack": (calibrated(scores["identity"])
                                             / (1 + np.exp(-ia_others["identity"]))).max(),
            "span gate": gate, "tsd_train >= gate": (tsd_p >= gate).mean(),
            "tsd_train span F1 as shipped": tt.span_char_f1(spans, tsd.spans.tolist()),
        })
    table = pd.DataFrame(rows).set_index("candidate")
    base = table.iloc[0]
    auc_columns = ["kaggle toxic", "olid toxic", "davidson toxic", "TweetEval hate train+val"]
    identity_columns = ["identity gap", "identity max", "identity max identity_attack"]
    table["allowed"] = ((table[auc_columns] >= base[auc_columns] - MAX_AUC_LOSS).all(axis=1)
                        & (table["tsd_train >= gate"] >= base["tsd_train >= gate"])
                        & (table["Kaggle Brier"] <= base["Kaggle Brier"] + MAX_BRIER_RISE)
                        & (table[identity_columns] <= base[identity_columns] + MAX_IDENTITY_RISE).all(axis=1))
    pick = table[table.allowed]["davidson hate vs rest"].idxmax()
    apc = roc_auc_score(hate[davidson], x_head[davidson][:, -3].toarray().ravel())
    formatted = "\n".join(
        [f"| candidate | {' | '.join(table.columns)} |", "|---" * (len(table.columns) + 1) + "|"]
        + [f"| {name} | " + " | ".join(("yes" if v else "no") if isinstance(v, (bool, np.bool_)) else f"{v:.4f}"
                                      for v in r) + " |" for name, r in table.iterrows()])
    report = "\n".join([
        "# Toxicity: ranking hate above mere offensiveness (experiments)", "",
        f"Written by `python -m training.toxicity_severity` ({time.time() - t0:.0f} s, one core). Training data only "
        "(see the module docstring): ROC-AUC columns are 5-fold out-of-fold on the head's training mix, except "
        "TweetEval hate train+val (not trained on; scored by the head fitted on all rows). *identity gap*: mean "
        "toxicity of our identity sentences minus the same sentences with neutral words. *span gate*: the gate "
        "`training.toxicity.train` would ship with this head; *tsd_train span F1 as shipped*: the shipped span "
        "rule on tsd_train behind that gate (the word scores are fitted on tsd_train, so the level is optimistic; "
        "only the change between rows, the gate's, matters).", "",
        f"Rule: the best `davidson hate vs rest` among rows that against the first lose at most {MAX_AUC_LOSS} "
        f"ROC-AUC on every other AUC column, keep `tsd_train >= gate` (the gated spans change only through it), "
        f"raise the Kaggle Brier by at most {MAX_BRIER_RISE} and each identity column by at most "
        f"{MAX_IDENTITY_RISE}. alt-profanity-check on the same "
        f"Davidson rows (hate vs rest): {apc:.4f} (it was trained on all of Davidson).", "",
        formatted, "", f"Pick: **{pick}**.", "",
        "How the rule came about (it was revised twice after dev measurements, so this says how): the first "
        "version checked the span F1 on tsd_train and only the mean identity gap; it picked x2, whose model lowered "
        "the shipped span F1 on tsd_trial by 0.0007 (its span gate rose from 0.19 to 0.20) and failed the identity "
        "test of tests/test_toxicity.py (an identity sentence's `identity_attack` above half the review threshold). "
        "Counting the tsd_train posts that reach the gate instead picked x1, which failed the same test. The "
        "identity maxima were then added, and the rule picks x0.5. Each revision made the rule stricter about harm "
        "and lowered the Davidson gain; the dev numbers of x0.5, x1 and x2 are in the card's ablation table.", "",
        "Not shipped (`training.toxicity.HATE_THRESHOLD_WEIGHT` is "
        f"{tt.HATE_THRESHOLD_WEIGHT:g}): the x0.5 model reaches Davidson fold 0 hate vs rest 0.538 (alt-profanity-check "
        "0.560) without costing any other dev row more than 0.0004 ROC-AUC or the spans anything, but its review "
        "threshold (the F1-best one on out-of-fold Kaggle-train scores, a flat curve) moves from 0.48 to 0.42, and "
        "under it an identity sentence's `identity_attack` (0.236) exceeds half the threshold, a test the shipped "
        "model must pass (rerun: set it to 0.5, `python -m training.train --only toxicity --models-dir DIR` prints "
        "the dev rows). None of the heads here makes our hateful sentences outrank mere profanity "
        "(tests/test_toxicity.py, an expected failure).", ""])
    write_text(OUT, report)
    return report


if __name__ == "__main__":
    no_options(__doc__)
    print(main())
