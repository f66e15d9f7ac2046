"""Train and evaluate the sentiment model (comments/scoring/sentiment.py).

    python -m training.sentiment      # train, save the model, rewrite reports/models/sentiment.md

Data (see ../shared/data/INDEX.md): the lexical model learns from VADER's tweets and Amazon snippets
(MIT) and the SST train sentences and phrases (no license stated); the news head learns from our train
part of VADER's NYT editorial snippets (MIT). Never trained on: the NYT held-out part, SST dev,
TweetEval sentiment val (the dev sets below), nor VADER's movie snippets (they are SST sentences).
Any training text whose normalised form occurs in a dev set is dropped. Deterministic: lbfgs, no
random state involved beyond the fixed `sample` draw.
"""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, recall_score
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from comments import modelstore
from comments.atomic import write_text
from comments.scoring import vader
from comments.scoring.linear import Features, Linear
from comments.scoring.sentiment import (LABELS, OPINION_FLOOR, SentimentModel, SentimentScorer,
                                        head_features, sentiment_tokens, vader_features)

from . import no_options
from .datasets import (REPORTS, load_sst, load_sst_phrases, load_tweeteval_sentiment,
                       load_vader_groundtruth, load_vader_ratings, normalise_text, nyt_split, require_data)

VERSION = "2.0"
CARD = REPORTS / "models" / "sentiment.md"
LICENSES = {
    "vader_tweets": "MIT (vaderSentiment ground truth)",
    "vader_amazon": "MIT (vaderSentiment ground truth)",
    "vader_nyt": "MIT (vaderSentiment ground truth)",
    "sst_train": "none stated (Stanford research distribution)",
    "sst_train_phrases": "none stated (Stanford research distribution)",
}
DEV_NAMES = {"nyt_heldout": "NYT editorial snippets, our held-out fifth (by editorial)",
             "tweeteval_val": "TweetEval sentiment val (SemEval-2017 4A)",
             "sst_dev": "SST dev sentences, 3-class (0-1 / 2 / 3-4)"}


def dev_sets() -> dict[str, pd.DataFrame]:
    require_data()
    return {"nyt_heldout": nyt_split()[1], "tweeteval_val": load_tweeteval_sentiment(),
            "sst_dev": load_sst("dev")}


def training_sets(sample: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(general data for the lexical model, NYT train part for the news head), dev texts removed."""
    dev_texts = set(pd.concat(list(dev_sets().values()))["text"].map(normalise_text))
    general = pd.concat([load_vader_groundtruth("tweets"), load_vader_groundtruth("amazon"),
                         load_sst("train"), load_sst_phrases()], ignore_index=True)
    news = nyt_split()[0]
    out = []
    for df, extra in ((general, []), (news, ["id", "doc"])):  # the head needs the raters and editorials
        df = df[~df["text"].map(normalise_text).isin(dev_texts)]
        if sample is not None:  # a fixed draw of at most `sample` rows per source
            df = pd.concat([g.sample(n=min(sample, len(g)), random_state=0) for _, g in df.groupby("source")])
        out.append(df[["text", "label", "source", *extra]].reset_index(drop=True))
    return out[0], out[1]


def lexical_matrix(word_matrix: sp.spmatrix, vader_scores: np.ndarray) -> sp.csr_matrix:
    """The lexical model's input: word TF-IDF columns, then VADER's features."""
    return sp.hstack([word_matrix, sp.csr_matrix(vader_features(vader_scores))], format="csr")


def rater_shares(rows: pd.DataFrame) -> np.ndarray:
    """(n, 3): the share of a NYT row's raters whose rating is < -0.5, in [-0.5, 0.5], > 0.5 (the gold bands)."""
    ratings = load_vader_ratings("nyt")
    out = []
    for ident in rows["id"]:
        r = np.asarray(ratings[ident])
        out.append([(r < -0.5).mean(), ((r >= -0.5) & (r <= 0.5)).mean(), (r > 0.5).mean()])
    return np.asarray(out)


def macro_f1(gold, pred) -> float:
    return float(f1_score(gold, pred, average="macro"))


def best_offsets(proba: np.ndarray, gold: np.ndarray) -> np.ndarray:
    """Additive log-probability offsets for negative and positive (grid -1..1) that maximise macro-F1."""
    logp = np.log(proba + 1e-9)
    grid = np.linspace(-1, 1, 21)
    best = max(((macro_f1(gold, (logp + [a, 0, b]).argmax(1) - 1), a, b) for a in grid for b in grid))
    return np.array([best[1], 0.0, best[2]])


def fit_head(features: np.ndarray, shares: np.ndarray):
    """The news head learns the raters' split, not just the band of their mean: every row enters once per
    class, weighted by the share of its raters in that band (grouped CV over NYT train: +0.007 macro-F1)."""
    n = len(features)
    weight = shares.T.reshape(-1)
    keep = weight > 0
    return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=3000)).fit(
        np.vstack([features] * 3)[keep], np.repeat([-1, 0, 1], n)[keep], logisticregression__sample_weight=weight[keep])


def fit(general: pd.DataFrame, news: pd.DataFrame) -> SentimentModel:
    """The lexical model on the general data, then the news head on its outputs for the NYT rows, then the
    label offsets from the head's out-of-fold probabilities (5 folds grouped by editorial)."""
    words = TfidfVectorizer(analyzer=sentiment_tokens, min_df=2, sublinear_tf=True, dtype=np.float32)
    general_vader = vader.polarity_many(general["text"].tolist())
    lexical = LogisticRegression(C=1.0, max_iter=3000).fit(
        lexical_matrix(words.fit_transform(general["text"]), general_vader), general["label"])
    news_vader = vader.polarity_many(news["text"].tolist())
    news_log_proba = lexical.predict_log_proba(lexical_matrix(words.transform(news["text"]), news_vader))
    features, shares = head_features(news_log_proba, news_vader), rater_shares(news)
    head = fit_head(features, shares)
    out_of_fold = np.zeros((len(news), 3))
    for a, b in GroupKFold(n_splits=5).split(features, groups=news["doc"]):
        out_of_fold[b] = fit_head(features[a], shares[a]).predict_proba(features[b])
    offsets = best_offsets(out_of_fold, news["label"].to_numpy())
    return SentimentModel(words=Features.of(words), lexical=Linear.of(lexical), head=Linear.of(head),
                          version=VERSION, offsets=tuple(float(x) for x in offsets))


def vader_labels(texts: list[str]) -> np.ndarray:
    """Plain VADER's 3-class decision: compound >= 0.05 positive, <= -0.05 negative."""
    compound = vader.polarity_many(texts)[:, 3]
    return (compound >= 0.05).astype(int) - (compound <= -0.05).astype(int)


def _summary(gold: np.ndarray, pred: np.ndarray) -> dict:
    return {"macro_f1": round(float(f1_score(gold, pred, average="macro")), 4),
            "macro_recall": round(float(recall_score(gold, pred, average="macro")), 4),
            "accuracy": round(float(np.mean(gold == pred)), 4)}


def calibration(gold: np.ndarray, proba: np.ndarray, bins: int = 5) -> dict:
    """Multi-class Brier score, expected calibration error of the top class, and its reliability table."""
    onehot = np.eye(3)[gold + 1]
    top = proba.max(axis=1)
    correct = proba.argmax(axis=1) == gold + 1
    edges = np.linspace(1 / 3, 1, bins + 1)
    table, ece = [], 0.0
    for lo, hi in zip(edges, edges[1:]):
        inside = (top >= lo) & ((top < hi) | (hi == 1))
        if inside.any():
            conf, acc = float(top[inside].mean()), float(correct[inside].mean())
            ece += inside.mean() * abs(conf - acc)
            table.append({"bin": f"{lo:.2f}-{hi:.2f}", "n": int(inside.sum()),
                          "confidence": round(conf, 3), "accuracy": round(acc, 3)})
    return {"brier": round(float(np.mean(np.sum((proba - onehot) ** 2, axis=1))), 4),
            "ece": round(float(ece), 4), "reliability": table}


def single_rater_macro_f1(rows: pd.DataFrame, draws: int = 20) -> float:
    """How well one human does: a random rater's sign against the mean of the other raters (as gold).

    The same +-0.5 band as our gold labels; averaged over `draws` fixed random draws (seed 0).
    Duplicate texts merged in the loader use the ratings of their first id.
    """
    ratings = load_vader_ratings("nyt")
    rng = np.random.default_rng(0)
    scores = []
    for _ in range(draws):
        gold, single = [], []
        for ident in rows["id"]:
            r = np.asarray(ratings[ident])
            j = rng.integers(len(r))
            rest = np.delete(r, j).mean()
            gold.append(int(rest > 0.5) - int(rest < -0.5))
            single.append(int(np.sign(r[j])))
        scores.append(f1_score(gold, single, average="macro"))
    return round(float(np.mean(scores)), 4)


def dev_metrics(scorer: SentimentScorer) -> dict:
    """Ours (shipped behaviour: sentence by sentence) and plain VADER on the same rows of every dev set."""
    metrics = {}
    for name, df in dev_sets().items():
        texts, gold = df["text"].tolist(), df["label"].to_numpy()
        proba, _ = scorer.sentence_probabilities(texts)
        ours = scorer.model.decide(proba) - 1
        metrics[name] = {"rows": len(df), "ours": _summary(gold, ours),
                         "vader": _summary(gold, vader_labels(texts)),
                         "calibration": calibration(gold, proba)}
        if "mean" in df:
            compound = vader.polarity_many(texts)[:, 3]
            metrics[name]["pearson_r_with_mean_rating"] = {
                "ours": round(float(np.corrcoef(proba[:, 2] - proba[:, 0], df["mean"])[0, 1]), 4),
                "vader": round(float(np.corrcoef(compound, df["mean"])[0, 1]), 4)}
            metrics[name]["single_human_rater_macro_f1"] = single_rater_macro_f1(df)
    return metrics


def train(sample: int | None = None, models_dir: Path = modelstore.MODELS_DIR,
          write_card: bool = True) -> dict:
    general, news = training_sets(sample)
    started = time.perf_counter()
    model = fit(general, news)
    seconds = time.perf_counter() - started
    metrics = dev_metrics(SentimentScorer(model))
    training_rows = {**general["source"].value_counts().to_dict(), **news["source"].value_counts().to_dict()}
    meta = {"version": VERSION, "sklearn": sklearn.__version__,
            "training_data": {src: {"rows": int(n), "license": LICENSES[src]}
                              for src, n in sorted(training_rows.items())},
            "metrics": {name: {k: m[k] for k in ("rows", "ours", "vader")} for name, m in metrics.items()},
            "offsets": list(model.offsets)}
    path = modelstore.save(model, "sentiment", meta, models_dir=models_dir)
    if write_card:
        write_text(CARD, model_card(meta, metrics, seconds, path.stat().st_size))
    return metrics


def _metrics_table(metrics: dict) -> str:
    lines = ["| dev set | rows | ours macro-F1 | VADER macro-F1 | gain | ours macro-recall | VADER macro-recall "
             "| ours accuracy | VADER accuracy |", "|---|---|---|---|---|---|---|---|---|"]
    for name, m in metrics.items():
        o, v = m["ours"], m["vader"]
        lines.append(f"| {DEV_NAMES[name]} | {m['rows']} | {o['macro_f1']:.4f} | {v['macro_f1']:.4f} | "
                     f"{o['macro_f1'] - v['macro_f1']:+.4f} | {o['macro_recall']:.4f} | {v['macro_recall']:.4f} | "
                     f"{o['accuracy']:.4f} | {v['accuracy']:.4f} |")
    return "\n".join(lines)


def _calibration_table(metrics: dict) -> str:
    lines = ["| dev set | Brier (3-class) | ECE (top class) | reliability: confidence -> accuracy (n) |",
             "|---|---|---|---|"]
    for name, m in metrics.items():
        c = m["calibration"]
        bins = "; ".join(f"{b['confidence']:.2f} -> {b['accuracy']:.2f} ({b['n']})" for b in c["reliability"])
        lines.append(f"| {name} | {c['brier']:.4f} | {c['ece']:.4f} | {bins} |")
    return "\n".join(lines)


def model_card(meta: dict, metrics: dict, seconds: float, size: int) -> str:
    data = "\n".join(f"| `{src}` | {d['rows']} | {d['license']} |" for src, d in meta["training_data"].items())
    r = metrics["nyt_heldout"].get("pearson_r_with_mean_rating", {})
    model_offsets = "(" + ", ".join(f"{x:+.1f}" for x in meta["offsets"]) + ")"
    return f"""# Model card: sentiment (version {meta['version']})

Written by `python -m training.sentiment`; every number comes from that run.

## What it is
`sentiment_compound/pos/neu/neg` are VADER's scores for the whole comment (`comments/scoring/vader.py`,
identical to vaderSentiment). `sentiment_label` and `sentiment_score` come from our model:

- **Lexical model**: multinomial logistic regression over word uni+bigram TF-IDF (a word after a negation
  gets a `_NEG` suffix up to the end of its clause) and VADER's scores of the sentence.
- **News head**: multinomial logistic regression (standardised inputs) over the lexical model's log-odds
  and VADER's scores, fitted on NYT editorial snippets with *soft targets*: each snippet counts once per
  class, weighted by the share of its ~20 raters whose rating falls in that band (< -0.5, middle, > 0.5),
  so it learns how split the raters were, not only the band of their mean. It sets where neutral ends
  for news opinion text.
- **Sentence by sentence**: a comment is split into sentences (`. ! ?` before a capital, or a line break);
  each is scored; class probabilities are averaged with weights = words x (1 - P(neutral) + {OPINION_FLOOR}),
  so neutral filler does not dilute one sharp sentence and mixed praise/blame cancels rather than
  saturating. `sentiment_label` = the argmax of log P(class) + offsets {model_offsets}
  ({', '.join(LABELS)}; offsets on a -1..1 grid maximising macro-F1 on the head's out-of-fold NYT
  train probabilities, 5 folds grouped by editorial). `sentiment_score` = P(positive) - P(negative).

Model file: {size / 1e6:.1f} MB (joblib, compressed); training took {seconds:.0f} s on one core.

## Training data
| source | rows | license |
|---|---|---|
{data}

SST and TweetEval have **no license stated** upstream (research distributions); we use SST for training
as INDEX.md allows, and TweetEval only for evaluation. VADER's movie snippets are not used: they are SST
sentences (leakage). Any training text whose normalised form occurs in a dev set was dropped.
Gold labels follow INDEX.md: VADER mean rating > 0.5 positive, < -0.5 negative; SST 0-1 / 2 / 3-4.

## Dev metrics (ours vs plain VADER, compound +-0.05, on the same rows)
The NYT held-out part is every fifth editorial by a hash of the editorial id (`stable_fold`), so no
editorial has sentences on both sides; held-out texts also found in train are dropped.

{_metrics_table(metrics)}

Pearson r with the mean human rating on NYT held-out: ours {r.get('ours')} (P(pos) - P(neg)), VADER
compound {r.get('vader')}.

## Calibration
{_calibration_table(metrics)}

The head is fitted on NYT text, so probabilities are best calibrated on news opinion text.

## How v2 was chosen
`python -m training.sentiment_experiments` tries soft targets from the individual raters, a regression on
the mean rating with fitted thresholds, 34 richer dense features (VADER and SST-phrase lexicon aggregates,
hedges, modals, quotes, ...), gradient-boosted heads and a first stage trained with NYT text, each chosen
by grouped CV over NYT train only (table in `sentiment_experiments.md`). Soft targets + offsets had the
best CV (0.5832 ± 0.0042 over 5 shuffled grouped 5-folds, v1's head 0.5759 ± 0.0017); the gain is small
and the held-out fifth moves about as much either way (this scorer {metrics['nyt_heldout']['ours']['macro_f1']:.4f} vs v1's 0.5687; each snippet
scored whole in the experiments: 0.5609 vs 0.5664). Nothing cheap came near the +0.10 bar.
The offsets are fragile: on the out-of-fold NYT train predictions the best grid points are a near-tie
(macro-F1 0.58603 for (+0.2, 0, 0.0) against 0.58589 for (+0.2, 0, +0.1), about one snippet), so float
noise between machines can pick either, and on the held-out fifth they give 0.5530 and 0.5718.

## Known failure modes
- News opinion is hard for a bag of words: on the NYT held-out rows a single human rater scores
  {metrics["nyt_heldout"].get("single_human_rater_macro_f1")} macro-F1 against the mean of the other
  raters, and our gain over VADER there is small (see above), short of the +0.10 the issue asks for.
- Neutral is calibrated to news editorials (about half neutral); on polar review text (SST) the model
  says neutral more often than the gold does.
- Sarcasm and irony, world knowledge ("the plant will close"), and topic words read as opinion.
- Sentence splitting is a regex: abbreviations ("Dr. Smith") split a sentence, which mostly does not
  change the score.
- English only; trained on sentences, so very long run-on sentences get one score.
"""


def evaluate() -> str:
    """The sentiment section of reports/evaluation.md: the shipped model vs plain VADER on every dev set."""
    from comments.scoring.sentiment import load

    metrics = dev_metrics(load())
    r = metrics["nyt_heldout"].get("pearson_r_with_mean_rating", {})
    return (f"## Sentiment\n\n3-class macro-F1 (and macro-recall, accuracy) of `sentiment_label` against plain "
            f"VADER (compound +-0.05) on the same rows; see reports/models/sentiment.md for the splits.\n\n"
            f"{_metrics_table(metrics)}\n\nPearson r with the mean human rating (NYT held-out): ours "
            f"{r.get('ours')}, VADER {r.get('vader')}. A single human rater against the mean of the others "
            f"(same rows, same +-0.5 band): macro-F1 {metrics['nyt_heldout'].get('single_human_rater_macro_f1')}."
            f"\n\nCalibration:\n\n{_calibration_table(metrics)}\n")


if __name__ == "__main__":
    no_options(__doc__)
    import json

    print(json.dumps(train(), indent=2))
