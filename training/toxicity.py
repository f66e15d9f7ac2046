"""Train and evaluate the toxicity model (comments/scoring/toxicity.py). `python -m training.toxicity`.

Data and what each teaches (licenses in reports/models/toxicity.md):
- toxicity head: Kaggle insults train (news comments, weighted up), Davidson (offensive or hate = toxic),
  TweetEval offensive train+val, plus neutral identity sentences as negatives. The Civil Comments toxic
  spans posts are all toxic: as bare positives they teach "news prose = toxic" and hurt (see the card's
  ablations), so they enter the head only through the word lexicon learned from their spans.
- spans and the word lexicon: SemEval-2021 tsd_train (tsd_trial is the dev-eval and never trained on).
- attributes P(type | toxic): the Civil Comments raw annotations (span types), minus the tsd_trial posts.
- UCC (CC BY-NC-SA) is evaluation only.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, f1_score, roc_auc_score

from comments import modelstore
from comments.adapt import best_f1_threshold, platt
from comments.atomic import write_text
from comments.scoring import TOXICITY_ATTRIBUTES
from comments.scoring.linear import Features, Linear
from comments.scoring.toxicity import (TOXIC_SENTENCE, WORD, WORD_PATTERN, Profanity, SpanRule, ToxicityModel,
                                       ToxicityScorer, WordToxicity, generic_identities, logit)
from training import datasets as ds

SEED = 0
CARD = ds.REPORTS / "models" / "toxicity.md"
# Total training weight of each source (rows inside a source share it equally): news comments first.
SOURCE_WEIGHTS = {"kaggle": 4.0, "davidson": 1.0, "olid": 2.0, "identity": 1.0}
FOLDS = 5
# An ordinal head (neither < offensive < hate) learns, besides toxic vs not, a second threshold, hate vs the
# rest, on the rows whose source tells hate from mere offensiveness (Davidson), sharing every word weight, with
# those rows at this many times their weight (0: the plain toxic-vs-not head, shipped). The training-data rule
# of `python -m training.toxicity_severity` picks 0.5 (measured on the head before `head_columns`), but that
# model moved the review threshold from 0.48 to 0.42 and an identity sentence's identity_attack to 0.236: not
# shipped (reports/models/toxicity-severity-experiments.md).
HATE_THRESHOLD_WEIGHT = 0.0

# Neutral sentences naming an identity: negatives so that identity terms alone do not raise toxicity.
# (tests/test_toxicity.py checks with different frames of its own.)
IDENTITIES = ["gay", "lesbian", "bisexual", "transgender", "trans", "queer", "straight", "Muslim", "Jewish",
              "Christian", "Catholic", "Hindu", "Sikh", "Buddhist", "atheist", "black", "white", "Asian",
              "Latino", "Hispanic", "Mexican", "African", "African American", "Arab", "Chinese", "Indian",
              "Native American", "immigrant", "refugee", "disabled", "deaf", "blind", "old", "young",
              "feminist", "Jew", "Muslim American", "Indigenous", "Palestinian", "Israeli"]
TRAIN_FRAMES = ["I am a {} woman.", "I am a {} man.", "My friend is {}.", "She is {} and proud of it.",
                "As a {} person, I agree with this article.", "Our new neighbours are {}.",
                "My doctor is {}.", "{} people live in my town.", "I grew up in a {} family.",
                "The {} community organised a food drive.", "He is a {} teacher at the local school.",
                "Being {} is part of who I am."]


def identity_sentences(frames: list[str]) -> list[str]:
    return [f.format(i) for f in frames for i in IDENTITIES]


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def profanity_probability(texts: list[str]) -> np.ndarray:
    """alt-profanity-check's probability that each text is offensive (imported lazily: it loads a model)."""
    from profanity_check import predict_prob

    return predict_prob(texts) if texts else np.zeros(0)


def head_features(words: TfidfVectorizer, lexicon: CountVectorizer, lexicon_scores: np.ndarray,
                  texts: list[str]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """(shared word features, toxicity-head features = word features + profanity logit + lexicon max, sum),
    with the scikit-learn estimators being fitted; `ToxicityModel.features` is the same for the shipped model."""
    x_words = words.transform(texts)
    hits = lexicon.transform(texts).multiply(lexicon_scores).tocsr()
    lexicon_max = hits.max(axis=1).toarray().ravel()
    lexicon_sum = np.log1p(np.asarray(hits.sum(axis=1)).ravel())
    extra = np.column_stack([logit(profanity_probability(texts)), lexicon_max, lexicon_sum])
    return x_words, sp.hstack([x_words, sp.csr_matrix(extra)]).tocsr()


# --- data ---------------------------------------------------------------------------------------

def _source(name: str) -> pd.DataFrame:
    """text, y (toxic) of one training source of the toxicity head."""
    if name == "kaggle":
        kaggle = ds.kaggle_insults("train")
        return pd.DataFrame({"text": kaggle.text, "y": kaggle.insult})
    if name == "davidson":
        dav = ds.davidson()
        dav = dav[dav.text.map(ds.stable_fold) != 0]  # fold 0 is our Davidson dev split
        return pd.DataFrame({"text": dav.text, "y": (dav.label != 2).astype(int),
                             "hate": (dav.label == 0).astype(float)})
    if name == "olid":
        olid = pd.concat([ds.tweeteval("offensive", "train"), ds.tweeteval("offensive", "val")])
        return pd.DataFrame({"text": olid.text, "y": olid.label})
    if name == "identity":
        return pd.DataFrame({"text": identity_sentences(TRAIN_FRAMES), "y": 0})
    if name == "civil_positives":  # ablation only: all-toxic news comments (minus the trial posts)
        trial = set(ds.toxic_spans_semeval("trial").text.map(_norm))
        raw = ds.toxic_spans_raw()
        return pd.DataFrame({"text": raw.text[~raw.text.map(_norm).isin(trial)], "y": 1})
    if name == "tweeteval_hate":  # ablation only
        hate = ds.tweeteval("hate", "train")
        return pd.DataFrame({"text": hate.text, "y": hate.label})
    raise ValueError(f"unknown toxicity training source {name!r}")


def toxicity_training_set(sample: int | None, weights: dict[str, float] = SOURCE_WEIGHTS,
                          per_source: bool = True) -> pd.DataFrame:
    """text, y (toxic), hate (1 / 0 where the source tells hate from merely offensive, else NaN), weight,
    source, fold for the toxicity head.

    `weights` is each source's total weight (rows share it) or, with per_source=False, every row's weight.
    """
    frames = []
    for name, weight in weights.items():
        df = _source(name)
        if sample:
            df = df.sample(min(sample, len(df)), random_state=SEED)
        frames.append(df.assign(source=name, weight=weight * 1000 / len(df) if per_source else weight))
    out = pd.concat(frames, ignore_index=True)
    if "hate" not in out:
        out["hate"] = np.nan
    out["fold"] = out.text.map(lambda t: ds.stable_fold(t, FOLDS))
    return out


def hate_rows_weighted(data: pd.DataFrame, factor: float) -> np.ndarray:
    """The rows' weights with the hate rows `factor` x heavier, each source's total unchanged (the simple
    alternative to the ordinal head; see the ablations)."""
    w = pd.Series(np.where(data.hate == 1, factor, 1.0) * data.weight, index=data.index)
    return (w * data.weight.groupby(data.source).transform("sum") / w.groupby(data.source).transform("sum")).to_numpy()


def token_table(texts: pd.Series, spans: pd.Series) -> pd.DataFrame:
    """One row per word: post, start, end, word, y (most of its characters are in the gold spans)."""
    rows = []
    for post, (text, offsets) in enumerate(zip(texts, spans)):
        gold = set(offsets)
        for m in WORD.finditer(text):
            s, e = m.span()
            rows.append((post, s, e, m.group().lower(), 2 * sum(k in gold for k in range(s, e)) > e - s))
    return pd.DataFrame(rows, columns=["post", "start", "end", "word", "y"])


def attribute_labels(raw: pd.DataFrame) -> pd.DataFrame:
    """P(type | toxic) targets: a type is present when most raters marked a span of it.

    severe_toxicity has no label of its own; our proxy: most raters marked a threat or an identity
    attack, or marked both insult and obscenity.
    """
    major = lambda col: (raw[col] >= 0.5)
    return pd.DataFrame({
        "insult": major("insult"), "obscene": major("obscene"), "threat": major("threat"),
        "identity_attack": major("identity_attack"),
        "severe_toxicity": major("threat") | major("identity_attack") | (major("insult") & major("obscene")),
    }).astype(int)


# --- word toxicity and spans --------------------------------------------------------------------

SMOOTHING = 2.0  # pseudo-counts of the character model's prior in a word's score


def fit_word_toxicity(tokens: pd.DataFrame) -> WordToxicity:
    counts = tokens.groupby("word").y.agg(["sum", "size"])
    words = counts.index.tolist()
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=2, sublinear_tf=True).fit(words)
    x = chars.transform(words)
    pos, n = counts["sum"].to_numpy(float), counts["size"].to_numpy(float)
    keep_pos, keep_neg = pos > 0, n - pos > 0
    model = LogisticRegression(C=4.0, max_iter=2000, solver="liblinear", random_state=SEED).fit(
        sp.vstack([x[keep_pos], x[keep_neg]]),
        np.r_[np.ones(keep_pos.sum()), np.zeros(keep_neg.sum())],
        sample_weight=np.r_[pos[keep_pos], (n - pos)[keep_neg]])
    prior = model.predict_proba(x)[:, 1]
    scores = (pos + SMOOTHING * prior) / (n + SMOOTHING)
    return WordToxicity(chars=Features.of(chars), model=Linear.of(model),
                        scores=dict(zip(words, scores.round(4).tolist())))


def span_char_f1(predicted: list[list[list[int]]], gold: list[list[int]]) -> float:
    """SemEval-2021 Task 5 metric: per-post F1 over character offsets, averaged (empty vs empty = 1)."""
    total = 0.0
    for spans, offsets in zip(predicted, gold):
        p = {i for s, e in spans for i in range(s, e)}
        g = set(offsets)
        if not p or not g:
            total += float(p == g)
            continue
        tp = len(p & g)
        total += 2 * tp / (len(p) + len(g))
    return total / max(len(gold), 1)


def decode(tokens: pd.DataFrame, scores: np.ndarray, n_posts: int, rule: SpanRule) -> list[list[list[int]]]:
    top = pd.Series(scores).groupby(tokens.post.to_numpy()).transform("max").to_numpy()
    keep = rule.keep(scores, top)
    out: list[list[list[int]]] = [[] for _ in range(n_posts)]
    for post, s, e in zip(tokens.post[keep], tokens.start[keep], tokens.end[keep]):
        out[post].append([int(s), int(e)])
    return out


def tune_span_rule(train: pd.DataFrame, tokens: pd.DataFrame) -> tuple[SpanRule, float]:
    """Pick the span rule on out-of-fold word scores of tsd_train (never on trial)."""
    folds = train.text.map(lambda t: ds.stable_fold(t, FOLDS)).to_numpy()[tokens.post.to_numpy()]
    oof = np.zeros(len(tokens))
    for k in range(FOLDS):
        held = folds == k
        oof[held] = fit_word_toxicity(tokens[~held]).score_words(tokens.word[held].tolist())
    best = (-1.0, None)
    for threshold in (0.3, 0.4, 0.5, 0.6):
        for floor in (0.02, 0.05, 0.1, 0.2):
            for relative in (0.4, 0.5, 0.7, 1.0):
                rule = SpanRule(threshold, floor, relative)
                f1 = span_char_f1(decode(tokens, oof, len(train), rule), train.spans.tolist())
                if f1 > best[0]:
                    best = (f1, rule)
    return best[1], best[0]


# --- training -----------------------------------------------------------------------------------

def _lexicon(word_toxicity: WordToxicity, min_score: float = 0.05) -> tuple[CountVectorizer, np.ndarray]:
    vocab = sorted(w for w, s in word_toxicity.scores.items() if s >= min_score)
    vec = CountVectorizer(vocabulary=vocab, token_pattern=WORD_PATTERN, lowercase=True, binary=True)
    return vec, np.array([word_toxicity.scores[w] for w in vocab])


@dataclass
class Head:
    """A fitted toxicity head, with scikit-learn's `coef_` and `intercept_` (so `Linear.of` takes it)."""

    coef_: np.ndarray  # (1, n_features)
    intercept_: np.ndarray  # (1,)

    def decision_function(self, x: sp.csr_matrix) -> np.ndarray:
        return np.asarray(x @ self.coef_[0]).ravel() + self.intercept_[0]


def head_columns(words: TfidfVectorizer, word_toxicity: WordToxicity, threshold: float) -> np.ndarray:
    """The toxicity head's columns (word n-grams, then the 3 dense features) it may weigh: not a word n-gram
    holding a word toxic in itself (word score >= `threshold`, the span rule's). Profanity reaches the head
    through alt-profanity-check's logit and the lexicon features only; as word columns the head learned to
    take back what those say for a bare swear word (news insult labels do not count profanity), which scored
    "fuck" 0.02 (reports/models/toxicity.md, ablations)."""
    toxic = {w for w, score in word_toxicity.scores.items() if score >= threshold}
    n_grams = words.get_feature_names_out()
    return np.r_[[toxic.isdisjoint(gram.split(" ")) for gram in n_grams], [True] * 3]


def _fit_head(x, y, w, hate: np.ndarray | None = None, hate_weight: float = HATE_THRESHOLD_WEIGHT,
              columns: np.ndarray | None = None) -> Head:
    """Logistic regression, toxic vs not; with `hate` (per row 1 / 0, NaN where unknown) an ordinal one:
    the rows whose hate is known come a second time, labelled hate vs the rest, weighted `hate_weight` x,
    with an offset column of their own (the hate threshold's intercept). Every other weight is shared; the
    returned head leaves the offset out, so it scores the toxic-vs-not threshold. `columns` (bool): the
    only ones the head may weigh; the others get weight 0."""
    n_features = x.shape[1]
    kept = np.flatnonzero(columns) if columns is not None else np.arange(n_features)
    x = x[:, kept]
    if hate is not None and hate_weight:
        known = np.flatnonzero(~np.isnan(hate))
        offset = sp.csr_matrix(np.r_[np.zeros(x.shape[0]), np.ones(len(known))][:, None])
        x = sp.hstack([sp.vstack([x, x[known]]), offset]).tocsr()
        y, w = np.r_[y, hate[known]], np.r_[w, hate_weight * w[known]]
    fitted = LogisticRegression(C=2.0, max_iter=3000, solver="liblinear", random_state=SEED).fit(x, y, sample_weight=w)
    coef = np.zeros((1, n_features))
    coef[0, kept] = fitted.coef_[0, :len(kept)]
    return Head(coef, fitted.intercept_)


def train(sample: int | None = None, models_dir: Path = modelstore.MODELS_DIR, write_card: bool = True) -> dict:
    t0 = time.time()
    trial_texts = set(ds.toxic_spans_semeval("trial").text.map(_norm))
    tsd = ds.toxic_spans_semeval("train")
    raw = ds.toxic_spans_raw()
    raw = raw[~raw.text.map(_norm).isin(trial_texts)].reset_index(drop=True)
    data = toxicity_training_set(sample)
    if sample:
        tsd = tsd.sample(min(sample, len(tsd)), random_state=SEED).reset_index(drop=True)
        raw = raw.sample(min(sample, len(raw)), random_state=SEED).reset_index(drop=True)

    # Words and spans.
    tokens = token_table(tsd.text, tsd.spans)
    span_rule, span_f1_train_oof = tune_span_rule(tsd, tokens)
    word_toxicity = fit_word_toxicity(tokens)
    lexicon, lexicon_scores = _lexicon(word_toxicity)

    # Shared features and the toxicity head; Platt calibration on out-of-fold scores.
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=50_000, sublinear_tf=True,
                            token_pattern=WORD_PATTERN, dtype=np.float32)
    words.fit(pd.concat([data.text, raw.text]))
    # The head learns as the scorer reads: identity words as "person"/"people" (`generic_identities`).
    texts = [generic_identities(t) for t in data.text]
    _, x_head = head_features(words, lexicon, lexicon_scores, texts)
    columns = head_columns(words, word_toxicity, span_rule.threshold)
    y, w, hate = data.y.to_numpy(), data.weight.to_numpy(), data.hate.to_numpy()
    oof = np.zeros(len(data))
    for k in range(FOLDS):
        held = data.fold.to_numpy() == k
        oof[held] = _fit_head(x_head[~held], y[~held], w[~held], hate[~held],
                              columns=columns).decision_function(x_head[held])
    calibration = platt(oof, y, w)
    head = _fit_head(x_head, y, w, hate, columns=columns)
    a, b = calibration
    oof_p = 1 / (1 + np.exp(-(a * oof + b)))
    news = (data.source == "kaggle").to_numpy()
    threshold = best_f1_threshold(oof_p[news], y[news])
    # Spans for every comment that may be toxic: the gate keeps 90% of the out-of-fold news insults.
    span_gate = float(np.floor(np.quantile(oof_p[news & (y == 1)], 0.10) * 100) / 100)

    # Attributes: P(type | toxic) from the Civil Comments span types; identity_attack also learns hate vs
    # merely offensive from the toxic Davidson tweets (news comments keep 3/4 of the weight).
    x_raw = words.transform(raw.text.tolist())  # identity_attack reads identity words; the others do not
    x_raw_generic = words.transform([generic_identities(t) for t in raw.text])
    targets = attribute_labels(raw)
    toxic_tweets = data[(data.source == "davidson") & (data.y == 1)]
    hate = ds.davidson().set_index("text").label.groupby(level=0).first()
    x_tweets = words.transform(toxic_tweets.text.tolist())
    y_tweets = (toxic_tweets.text.map(hate) == 0).astype(int).to_numpy()
    attributes, attribute_cv_auc = {}, {}
    raw_folds = raw.text.map(lambda t: ds.stable_fold(t, FOLDS)).to_numpy()
    for name in TOXICITY_ATTRIBUTES:
        t = targets[name].to_numpy()
        with_tweets = name == "identity_attack" and 0 < y_tweets.sum() < len(y_tweets)

        x_name = x_raw if name == "identity_attack" else x_raw_generic

        def fit(m: np.ndarray) -> LogisticRegression:
            x, y, w = x_name[m], t[m], np.full(int(m.sum()), 3000 / max(int(m.sum()), 1))
            if with_tweets:
                x, y = sp.vstack([x, x_tweets]), np.r_[y, y_tweets]
                w = np.r_[w, np.full(len(y_tweets), 1000 / len(y_tweets))]
            return LogisticRegression(C=2.0, max_iter=2000, solver="liblinear", class_weight="balanced",
                                      random_state=SEED).fit(x, y, sample_weight=w)
        held = raw_folds == 0
        if 0 < t[~held].sum() < (~held).sum() and 0 < t[held].sum() < held.sum():
            attribute_cv_auc[name] = round(float(roc_auc_score(t[held], fit(~held).predict_proba(x_name[held])[:, 1])), 4)
        attributes[name] = fit(np.ones(len(t), dtype=bool))

    model = ToxicityModel(words=Features.of(words), lexicon=Features.of(lexicon), lexicon_scores=lexicon_scores,
                          profanity=Profanity.installed(), head=Linear.of(head), calibration=calibration,
                          attributes=Linear.stack([Linear.of(attributes[name]) for name in TOXICITY_ATTRIBUTES]),
                          word_toxicity=word_toxicity, span_rule=span_rule, threshold=threshold,
                          span_gate=span_gate)
    metrics = {
        "train_seconds": round(time.time() - t0, 1), "train_rows": int(len(data)), "sample": sample,
        "threshold": threshold, "span_gate": span_gate, "hate_threshold_weight": HATE_THRESHOLD_WEIGHT, "span_rule": vars(span_rule), "span_f1_train_oof": round(span_f1_train_oof, 4),
        "attribute_p_given_toxic_auc_civil_fold0": attribute_cv_auc,
        "calibration": list(calibration),
    }
    meta = {"version": time.strftime("%Y-%m-%d"), "threshold": threshold, "train_rows": int(len(data)),
            "sample": sample}
    models_dir.mkdir(parents=True, exist_ok=True)
    path = modelstore.save(model, "toxicity", meta, models_dir=models_dir)
    metrics["model_bytes"] = path.stat().st_size
    if not sample or write_card:
        metrics["dev"] = dev_metrics(ToxicityScorer(model))
    if write_card:
        write_text(CARD, model_card(metrics))
    return metrics


# --- evaluation ---------------------------------------------------------------------------------

def dev_sets() -> dict[str, tuple[pd.Series, np.ndarray]]:
    """name -> (texts, binary labels) for every toxicity dev set (none of them trained on)."""
    kaggle = ds.kaggle_insults("test")
    ucc = ds.ucc_val()
    dav = ds.davidson()
    dav = dav[dav.text.map(ds.stable_fold) == 0]
    off, hate = ds.tweeteval("offensive", "test"), ds.tweeteval("hate", "test")
    return {
        "Kaggle insults test_with_solutions (insult)": (kaggle.text, kaggle.insult.to_numpy()),
        "UCC val (hostile)": (ucc.text, ucc.hostile.to_numpy()),
        "UCC val (antagonize)": (ucc.text, ucc.antagonize.to_numpy()),
        "UCC val (unhealthy)": (ucc.text, ucc.unhealthy.to_numpy()),
        "Davidson fold 0 (offensive or hate)": (dav.text, (dav.label != 2).astype(int).to_numpy()),
        "Davidson fold 0 (hate vs rest)": (dav.text, (dav.label == 0).astype(int).to_numpy()),
        "TweetEval offensive test": (off.text, off.label.to_numpy()),
        "TweetEval hate test": (hate.text, hate.label.to_numpy()),
    }


def expected_calibration_error(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    idx = np.minimum((p * bins).astype(int), bins - 1)
    return float(sum(abs(p[idx == b].mean() - y[idx == b].mean()) * (idx == b).mean()
                     for b in range(bins) if (idx == b).any()))


def reliability_table(p: np.ndarray, y: np.ndarray, bins: int = 5) -> list[tuple[str, int, float, float]]:
    idx = np.minimum((p * bins).astype(int), bins - 1)
    return [(f"{b / bins:.1f}-{(b + 1) / bins:.1f}", int((idx == b).sum()), float(p[idx == b].mean()),
             float(y[idx == b].mean())) for b in range(bins) if (idx == b).any()]


def dev_metrics(scorer: ToxicityScorer) -> dict:
    threshold = scorer.model.threshold
    out: dict = {"sets": {}}
    for name, (texts, y) in dev_sets().items():
        texts = texts.tolist()
        scores = scorer.score(texts)
        ours, theirs = scores.toxicity.to_numpy(), profanity_probability(texts)
        row = {"n": len(y), "positives": int(y.sum()),
               "auc": roc_auc_score(y, ours), "auc_apc": roc_auc_score(y, theirs),
               "ap": average_precision_score(y, ours), "ap_apc": average_precision_score(y, theirs),
               "f1": f1_score(y, ours >= threshold), "f1_apc": f1_score(y, theirs >= 0.5),
               "brier": brier_score_loss(y, ours), "ece": expected_calibration_error(ours, y)}
        if "insult" in name:
            row["insult_auc"] = roc_auc_score(y, scores.insult)
        if "hate vs rest" in name or "hate test" in name:
            row["identity_attack_auc"] = roc_auc_score(y, scores.identity_attack)
        if name.startswith("Kaggle"):
            out["reliability_kaggle"] = reliability_table(ours, y)
        out["sets"][name] = {k: (round(float(v), 4) if isinstance(v, float) else v) for k, v in row.items()}
    trial = ds.toxic_spans_semeval("trial")
    texts = trial.text.tolist()
    gold = trial.spans.tolist()
    m = scorer.model
    out["spans_trial_f1_shipped"] = round(span_char_f1(scorer.score(texts).toxic_spans.tolist(), gold), 4)
    out["spans_trial_f1_ungated"] = round(span_char_f1(m.spans(texts, np.ones(len(texts))), gold), 4)
    trial_toxicity = scorer.score(texts).toxicity
    out["trial_share_above_threshold"] = round(float((trial_toxicity >= threshold).mean()), 4)
    out["trial_share_above_gate"] = round(float((trial_toxicity >= m.span_gate).mean()), 4)
    return out


def _dev_table(dev: dict) -> str:
    lines = ["| dev set | n (pos) | ROC-AUC ours | ROC-AUC alt-profanity-check | delta | AP ours | AP apc | "
             "F1 ours @thr | F1 apc @0.5 | Brier | ECE |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in dev["sets"].items():
        lines.append(f"| {name} | {r['n']} ({r['positives']}) | {r['auc']:.3f} | {r['auc_apc']:.3f} | "
                     f"{r['auc'] - r['auc_apc']:+.3f} | {r['ap']:.3f} | {r['ap_apc']:.3f} | {r['f1']:.3f} | "
                     f"{r['f1_apc']:.3f} | {r['brier']:.3f} | {r['ece']:.3f} |")
    return "\n".join(lines)


def evaluate() -> str:
    """Markdown section for reports/evaluation.md: the shipped model vs alt-profanity-check."""
    scorer = ToxicityScorer(modelstore.load("toxicity"))
    dev = dev_metrics(scorer)
    attrs = [f"- `insult` ROC-AUC on Kaggle insults test: {r['insult_auc']:.3f} (alt-profanity-check "
             f"{r['auc_apc']:.3f})" for n, r in dev["sets"].items() if "insult_auc" in r]
    attrs += [f"- `identity_attack` ROC-AUC on {n}: {r['identity_attack_auc']:.3f} (alt-profanity-check "
              f"{r['auc_apc']:.3f})" for n, r in dev["sets"].items() if "identity_attack_auc" in r]
    return "\n".join([
        "## Toxicity", "",
        f"Shipped threshold {scorer.model.threshold:.2f} (toxicity >= threshold = review). alt-profanity-check "
        "= `profanity_check.predict_prob` on the same rows.", "",
        _dev_table(dev), "",
        f"Toxic spans, SemEval-2021 character F1 on tsd_trial (690 posts): {dev['spans_trial_f1_ungated']:.4f} "
        f"(the SemEval setting: every post is known to be toxic, so the relative rule applies to all); "
        f"{dev['spans_trial_f1_shipped']:.4f} as shipped by `comments.score` (words toxic in themselves are marked "
        f"everywhere, a comment's mildest toxic words only when its toxicity >= the span gate "
        f"{scorer.model.span_gate:.2f}, chosen on train; {dev['trial_share_above_gate']:.0%} of these all-toxic "
        "trial posts reach it).", "",
        *attrs, ""])


def model_card(metrics: dict) -> str:
    dev = metrics["dev"]
    rel = "\n".join(f"| {b} | {n} | {p:.3f} | {o:.3f} |" for b, n, p, o in dev["reliability_kaggle"])
    attr_auc = ", ".join(f"{k} {v:.3f}" for k, v in metrics["attribute_p_given_toxic_auc_civil_fold0"].items())
    ext = [f"- `insult` ROC-AUC, Kaggle insults test: {r['insult_auc']:.3f} (alt-profanity-check {r['auc_apc']:.3f})"
           for r in dev["sets"].values() if "insult_auc" in r]
    ext += [f"- `identity_attack` ROC-AUC, {n}: {r['identity_attack_auc']:.3f} (alt-profanity-check "
            f"{r['auc_apc']:.3f})" for n, r in dev["sets"].items() if "identity_attack_auc" in r]
    return CARD_TEMPLATE.format(
        table=_dev_table(dev), threshold=metrics["threshold"], rel=rel, attr_auc=attr_auc, ext="\n".join(ext),
        span_shipped=dev["spans_trial_f1_shipped"], span_ungated=dev["spans_trial_f1_ungated"],
        span_oof=metrics["span_f1_train_oof"], share=dev["trial_share_above_gate"],
        rule=metrics["span_rule"], gate=metrics["span_gate"], share_thr=dev["trial_share_above_threshold"], seconds=metrics["train_seconds"], rows=metrics["train_rows"],
        mb=metrics["model_bytes"] / 1e6, weights=json.dumps(SOURCE_WEIGHTS), ablations=_card_ablations(),
        toxic_sentence=TOXIC_SENTENCE)


CARD_TEMPLATE = """# Model card: toxicity

Written by `python -m training.toxicity` (or `training/train.py`); every number below comes from that run.
Module `comments/scoring/toxicity.py`; columns `toxicity`, `severe_toxicity`, `insult`, `obscene`, `threat`,
`identity_attack` (all in [0, 1]) and `toxic_spans` (`[[start, end], ...]`, end exclusive, offsets into the
original text, one per toxic word; `[]` below the span gate).

## Model
- Blind to identity words (Garg et al. 2019): the toxicity head, the attributes other than `identity_attack`
  and the spans read each neutral identity word of `toxicity.IDENTITY_TERMS` (gay, lesbian, Muslim, Jew,
  black, woman, immigrant, disabled...; never a slur) as the generic "person" ("people" for a plural), in
  training and in scoring; spans never mark one. `identity_attack` reads them as written (an attack on a group
  names it). Before this, "You are a lesbian." scored 0.82 (the tweets use the word as an insult).
- One shared word 1-2-gram TF-IDF (50k features). Toxicity head: logistic regression over it plus
  logit(alt-profanity-check probability) and two word-lexicon features (max and log-sum of the word toxicity of
  the comment's words), Platt-calibrated on 5-fold out-of-fold scores of the weighted training mix. The head
  weighs no word n-gram holding a word toxic in itself (word toxicity >= the span rule's {rule[threshold]}):
  profanity counts through alt-profanity-check and the lexicon, which the head cannot take back word by word.
- Word toxicity (lexicon and spans): per word, the share of its occurrences in tsd_train that raters marked
  toxic, smoothed towards a character 2-4-gram logistic regression (which also scores unseen or masked words).
- Attributes = toxicity x P(attribute | toxic); P(attribute | toxic) is a logistic regression on the shared
  features, learned from the Civil Comments raw annotations: an attribute is present when most raters marked a
  span of that type (Insult, Profane/Obscene, Threat, Identity based Attack). `severe_toxicity` has no label
  anywhere in our data: its proxy is "most raters marked a threat or an identity attack, or both an insult
  and an obscenity". `identity_attack` also learns hate vs merely offensive from the toxic Davidson tweets
  (total weight Civil 3 : Davidson 1); a comment that names no identity (no group word or slur of
  `hate_cues.IDENTITY_WORDS`) gets at most 0.25 (the tweets taught the model that a bare "fuck" is 0.74), and
  so does one below the toxicity threshold (naming a group in a sentence that is not toxic is no attack:
  "You are a Muslim." had 0.54; the group-attack cues below still raise an attack in plain words). Held-out (Civil fold 0) ROC-AUC of P(attribute | toxic): {attr_auc}.
- Spans: words with score >= {rule[threshold]}, or >= {rule[floor]} and >= {rule[relative]} x the comment's
  top word score; rule picked on out-of-fold tsd_train (char F1 {span_oof:.3f}), never on trial.
- Sentences (at scoring, `ToxicityScorer`): a comment of several sentences is also read sentence by sentence,
  and one holding a sentence of toxicity >= {toxic_sentence} scores as that sentence (calm sentences around an
  insult diluted it: "... Go to hell, you pathetic clown." 0.27 read whole, 0.90 now). Below that it is read
  whole: a plain blend with the best sentence lowered ROC-AUC on every dev set (Kaggle -0.003 at weight 0.5).
  The cut-offs 0.8, 0.9 and 0.95 were tried on the dev sets (with a slightly different sentence split): 0.9
  and 0.95 came out alike, 0.8 lower on Kaggle; the dev metrics below are with 0.9. It costs the model about a
  third of its speed (8,600 -> 5,300 comments/s in one measurement).
- Training: {rows} rows, {seconds:.0f} s on one core, deterministic; model file {mb:.1f} MB.
- Group-directed attack cues (`comments/scoring/hate_cues.py`, rules, not learned): when a sentence names a
  protected group (a curated list of group nouns in their plural forms, "every <group>", "<identity> people",
  "those people") and predicates of it a dehumanising term, a call to exclude or expel, a call to violence or an
  essentialising generalisation (or states hatred of it, or casts a conspiracy trope on it: "controls the media",
  "is replacing us"), `identity_attack` is raised to a fixed score per kind (violence 0.90, dehumanising 0.85,
  exclusion and hatred 0.80, essentialising and conspiracy tropes 0.75; the policy reviews at 0.50); the attack
  phrase is added to `toxic_spans`, so the review reason quotes it. A violence call also raises `threat` and
  `severe_toxicity` to 0.85: reviewed first, not auto-rejected (0.90), since a rule cannot tell every quotation
  from the commenter's own call. `toxicity` stays the calibrated model's. Guards: negation, reported and
  condemned speech, quotation marks, a group that is only a prepositional object. What they change on every dev
  set: [hate-cues.md](hate-cues.md) (`python -m training.hate_cues`).
- Threat cues (`comments/scoring/threat_cues.py`, rules, not learned): a threat of violence against a person
  (the commenter's intent "I will kill you", a menace "you're dead", "I know where you live", "your family will
  pay", a call "someone should shoot this journalist", "hang the traitors", a wish "I hope someone beats him to
  death") raises `threat` and `severe_toxicity` to 0.70-0.85 (reviewed, not rejected) and adds the phrase to
  `toxic_spans`; reported, quoted, negated, fictional, sporting and legal uses are guarded. The model's own
  `threat` reads a violent verb more than its object ("Kill the bill!" 0.56, over the policy's urgent 0.50): a
  comment whose every violent word is done to a thing (a bill, a deal, a tax, "it") keeps at most 0.25 of it:
  [threat-cues.md](threat-cues.md) (`python -m training.threat_cues`).
- Insult words aimed at no one (`comments/scoring/insult_aim.py`, rules, not learned): the model reads "idiot"
  the same in "You're not an idiot", "I'm such an idiot", "he was fined for calling the linesman an idiot" and
  "this bill is idiotic" (0.5-0.87 before) as in "You're an idiot". A toxic word that a negation governs ("not
  an idiot", "I'd never call him a moron", "I don't think the mayor is an idiot"), that reports someone else's
  name-calling ("was called a moron", "the senator called them 'idiots'"), that the commenter says of
  themselves ("I felt like a complete moron") or of a thing named as such ("a stupid rule", "the new law is
  idiotic"; not "a stupid question" or "stupid stuff", which readers and raters take as aimed at the one who
  said it) is blanked and the comment read again: it scores as the rest of it does. Obscene words and slurs
  are never cleared; rhetorical questions ("You're not very bright, are you?"), "don't be an idiot", "not only stupid" and
  "you can't be that stupid" stay. Spans: a comment that without the word still reaches the span gate or holds
  a toxic word keeps all its spans (the Civil Comments raters mark "the headline is ridiculous" in a toxic
  post); else it loses its negated and self-aimed words' spans and keeps its reported or thing-aimed ones.
  Written from our own sentences (tests/test_insult_aim.py, benchmarks/data/score_review.jsonl half A;
  [../score_review.md](../score_review.md)). On the dev sets it clears words in 1-2% of comments, mostly
  not-insult ones; no dev ROC-AUC went down (up to +0.0014, UCC hostile) and the shipped spans F1 is unchanged.

## Training data and licenses
| set | use | license |
|---|---|---|
| Kaggle insults (Impermium) train.csv | toxicity head (news comments, weight 4) | none stated (Kaggle competition data) |
| Davidson hate/offensive, minus our dev fold 0 | toxicity head (offensive or hate = toxic, weight 1); identity_attack (hate vs offensive) | MIT |
| TweetEval offensive (OLID) train + val | toxicity head (weight 2) | none stated (SemEval / Twitter terms) |
| 480 neutral identity sentences we wrote (read, like all rows, with identity words as "person") | toxicity head negatives (weight 1) | ours |
| Civil Comments toxic spans, SemEval tsd_train | word toxicity, lexicon features, spans | CC0 |
| Civil Comments toxic spans raw annotations, minus tsd_trial posts | attribute heads | CC0 |
| alt-profanity-check's shipped model (its TF-IDF and calibrated linear SVMs), copied into our model file | a feature of the toxicity head | MIT |

The model file holds plain numpy data (`comments/scoring/linear.py`), not scikit-learn objects: scoring does
not import scikit-learn, and the file loads in a fraction of a second.

Source weights (total weight per source): {weights}. UCC (CC BY-NC-SA 4.0) is evaluation only; sets with no
license stated are used as the issue allows and named here.

## Dev metrics (ours vs alt-profanity-check on the same rows)
Shipped threshold: **{threshold:.2f}** (toxicity >= it = send to review), the F1-best threshold on the
out-of-fold Kaggle-train scores. alt-profanity-check F1 uses its own 0.5.

{table}

The "hate vs rest" rows ask for hate speech against merely offensive tweets, a distinction the toxicity
score does not make (both are toxic); `identity_attack` is the column for it:
{ext}

Toxic spans, SemEval-2021 character F1 on tsd_trial (690 posts, all toxic): **{span_ungated:.3f}** with
spans for every post (the SemEval setting: the post is known to be toxic); **{span_shipped:.3f}** as shipped
by `comments.score`, which cannot know that: words toxic in themselves (word score >= the rule's threshold)
are marked in every comment, while a comment's milder toxic words are marked only when its toxicity reaches
the span gate **{gate:.2f}** (the level that keeps 90% of the out-of-fold Kaggle-train insults; {share:.0%} of
these Civil posts reach it, {share_thr:.0%} reach the review threshold). Without the gate every clean comment
would get its "least clean" word marked. Other span decisions, chosen on out-of-fold tsd_train and clean training
comments (`python -m training.span_experiments`, [toxicity-spans-experiments.md](toxicity-spans-experiments.md)):
the best one that marks no more clean comments than the gate reaches 0.638 on trial; the ones reaching 0.65 mark
words in 20-39% of the healthy UCC comments instead of 6%. The gate stays.

## Calibration
Platt scaling on out-of-fold scores of the weighted training mix. Reliability on Kaggle insults
test_with_solutions (labels are "insult", narrower than toxic, so observed rates sit below predicted ones):

| predicted bin | n | mean predicted | observed insult rate |
|---|---|---|---|
{rel}

Brier and ECE per dev set are in the table above.

## Ablations (toxicity head; ROC-AUC minus alt-profanity-check's on Kaggle test / UCC hostile / OLID test / Davidson fold 0, offensive or hate and hate vs rest / TweetEval hate test)
Rerun with `python -m training.toxicity --ablations` (rewrites this table). Word TF-IDF + logistic regression;
"stacked" adds logit(alt-profanity-check); attributes and spans are the same in every row.

{ablations}

Also measured while building (exploratory scripts, not rerun here): char 2-4-grams on top of the stacked
4:1:2 mix +0.006 Kaggle / +0.006 UCC hostile / -0.006 OLID for 4x the scoring time; Civil positives plus
negatives made by deleting their gold spans (tsd_train) -0.016 Kaggle / -0.023 UCC hostile against the same mix.
`identity_attack` with Davidson hate-vs-offensive added (Civil 3 : Davidson 1) vs Civil only: Civil fold-0
AUC of P(identity_attack | toxic) 0.695 vs 0.743, Davidson hate vs rest 0.773 vs 0.569, TweetEval hate
0.555 vs 0.549. Spans (tsd_trial char F1): a token logistic regression on word + context + char n-grams
with a fixed threshold 0.3 gave 0.640; the same scores with the relative-to-top-word rule 0.682 (5 min to
train); the smoothed word lexicon with the rule (shipped, seconds to train) is reported above.

## Speed
`python benchmarks/bench_toxicity.py` (CPU time, one core, 10,000 real news comments of 201 characters on
average, 73% of them at or above the span gate; best of 3, so unseen-word guesses are cached): 10,900
comments/s for the whole `score()` on 2026-11-21; stages: word TF-IDF 30,000/s, spans 27,700/s, lexicon
60,000/s, alt-profanity-check 57,400/s. Load 0.07 s CPU.

## Known failure modes
- Tweets and news comments label differently; the Davidson "hate vs rest" and TweetEval hate rows are near
  chance for the toxicity score (hate against immigrants/women is often phrased without toxic words). Hate
  against a group in plain words ranks below undirected profanity: our sentences such as "Muslims are vermin
  and should be thrown out of this country." average about 0.3, "Fuck, I left my keys at the office." and its
  like about 0.75 (tests/test_toxicity.py, an expected failure). The training labels (insults, offensive
  tweets) call profanity toxic and hold few dehumanising words. An ordinal head (hate vs the rest as a second
  threshold) lifts Davidson hate vs rest, moves these sentences little and lifts identity words in neutral
  sentences; not shipped ([toxicity-severity-experiments.md](toxicity-severity-experiments.md)).
- Profanity aimed at nobody is toxic to this score ("Holy shit, that was one hell of a game." 0.69, "That
  concert was fucking awesome." 0.74): the head may not weigh a word toxic in itself against what
  alt-profanity-check and the lexicon say of it (see the ablations; as word columns it had learned to cancel
  them, which scored a bare "fuck" 0.02). Whether casual swearing is moderated is the policy's word lists' call.
- Mild incivility without toxic words (condescension, sarcasm, dismissal: UCC `unhealthy`) scores low.
- One insult in a long civil comment is diluted: read whole, "...[two calm sentences]. But the councillor who
  defended it on the radio is a lying idiot." scores 0.20, and its last sentence alone 0.75, under the sentence
  cut-off 0.9; lowering the cut-off to 0.8, 0.7 or 0.5 lowered Kaggle ROC-AUC (0.881 -> 0.878, 0.876, 0.876),
  so it stays. Rarer insult nouns ("weasel", "twit", "muppet") barely move the score.
- The insult-aim rules read a few words around the word: "I'm not calling you an idiot, but..." (apophasis) and
  an insult elided after a negation ("you're not the moron here, the editor is") are cleared as negated.
- Civil Comments posts rated toxic by half the raters often score below the threshold (see the span gate
  share above): the shipped threshold favours precision on news comments.
- `severe_toxicity` is a proxy (see above), not a trained label; `threat` rests on few examples.
- The group-attack cues are hand-written rules: they fire on few real hateful posts (TweetEval hate, Davidson
  hate; see hate-cues.md), miss hashtags, slang, misspelt or unlisted group names and attacks spread over
  several sentences, and can flag sarcasm or a quotation without quotation marks.
- Word spans only: multi-word insults come out as one span per word; toxicity carried by a whole sentence
  (no toxic word) gets few or no spans.
- Identity terms alone do not raise toxicity (tests/test_toxicity.py: 24 identity adjectives x 14 frames and
  18 identity nouns x 5 frames of our own, with second-person frames such as "You are a {{}}."): the model reads
  them as "person", so a sentence naming a group scores as the same sentence about "a person". An identity
  word missing from `IDENTITY_TERMS` (a rarer nationality, a misspelling, "LGBTQ+" spelt otherwise) is still
  read as written. Hate in plain words now gets less toxicity from its group word (the hate functional set's
  hateful sentences average lower `toxicity`); `identity_attack` and the cues carry it.
- Second-person frames are toxic-leaning whatever the word: "You are a neighbour." scores 0.74, "You are a
  nurse." 0.64, "You are a person." 0.30 (the Kaggle insults are "you are a <insult>"), so "You are a Muslim."
  is 0.30 too, and the relative span rule then marks "You are a" (spans never mark the identity word).
- Slurs are (correctly) toxic, but rare ones in our data barely move the score ("The kike next door lent me a
  ladder." 0.14, the same with "raghead" 0.08).
"""

# --- ablations ----------------------------------------------------------------------------------

ABLATIONS_BEGIN, ABLATIONS_END = "<!-- ablations -->", "<!-- /ablations -->"


def _card_ablations(table: str | None = None) -> str:
    """The card's ablation table: `table`, else the one already in the card (kept across retraining)."""
    if table is None:
        card = CARD.read_text("utf-8") if CARD.exists() else ""
        if ABLATIONS_BEGIN in card and ABLATIONS_END in card:
            table = card.split(ABLATIONS_BEGIN, 1)[1].split(ABLATIONS_END, 1)[0].strip()
        else:
            table = "(not run yet)"
    return f"{ABLATIONS_BEGIN}\n{table}\n{ABLATIONS_END}"


class Ablation(NamedTuple):
    label: str
    weights: dict[str, float]  # source weights (see `toxicity_training_set`)
    per_source: bool = True  # each source's total weight, else every row's
    stack: bool = True  # logit(alt-profanity-check) as a feature
    lexical: bool = True  # the span-lexicon features
    mask_toxic_words: bool = True  # `head_columns`: no word column holding a word toxic in itself
    hate_weight: float = 0  # the ordinal hate threshold's weight (0: a plain toxic-vs-not head)
    hate_rows_factor: float = 1  # Davidson hate rows' weight factor in the toxic task


_OLD_MIX = {"kaggle": 4, "davidson": 1, "olid": 2}
ABLATIONS = [
    Ablation("Kaggle train only", {"kaggle": 1}, False, False, False, False),
    Ablation("Kaggle + Davidson + OLID + Civil posts as positives, row weight 1",
             {"kaggle": 1, "davidson": 1, "olid": 1, "civil_positives": 1}, False, False, False, False),
    Ablation("same + stacked alt-profanity-check", {"kaggle": 1, "davidson": 1, "olid": 1, "civil_positives": 1},
             False, True, False, False),
    Ablation("Kaggle only + stacked", {"kaggle": 1}, False, True, False, False),
    Ablation("Kaggle + Davidson + OLID, row weight 1, stacked", {"kaggle": 1, "davidson": 1, "olid": 1}, False,
             True, False, False),
    Ablation("source weights Kaggle 4 : Davidson 1 : OLID 2, stacked", _OLD_MIX, lexical=False,
             mask_toxic_words=False),
    Ablation("same + Civil posts as positives (0.5)", {**_OLD_MIX, "civil_positives": 0.5}, lexical=False,
             mask_toxic_words=False),
    Ablation("same + TweetEval hate train (0.5)", {**_OLD_MIX, "tweeteval_hate": 0.5}, lexical=False,
             mask_toxic_words=False),
    Ablation("4:1:2, stacked + span-lexicon features", _OLD_MIX, mask_toxic_words=False),
    Ablation("same + identity sentences (shipped until 2026-11-21)", SOURCE_WEIGHTS, mask_toxic_words=False),
    Ablation("**shipped**: same, no word column holding a word toxic in itself", SOURCE_WEIGHTS),
    Ablation("shipped + Davidson hate rows weighted x8 in the toxic task", SOURCE_WEIGHTS, hate_rows_factor=8),
    Ablation("shipped, ordinal head: hate vs rest threshold at weight x0.5", SOURCE_WEIGHTS, hate_weight=0.5),
    Ablation("shipped, ordinal head, weight x1", SOURCE_WEIGHTS, hate_weight=1),
    Ablation("shipped, ordinal head, weight x2", SOURCE_WEIGHTS, hate_weight=2),
]


def ablations() -> str:
    """Markdown table: ROC-AUC of each toxicity-head variant minus alt-profanity-check's, on six dev sets."""
    sets = dev_sets()
    names = ["Kaggle insults test_with_solutions (insult)", "UCC val (hostile)", "TweetEval offensive test",
             "Davidson fold 0 (offensive or hate)", "Davidson fold 0 (hate vs rest)", "TweetEval hate test"]
    apc = {n: profanity_probability(sets[n][0].tolist()) for n in names}
    tsd = ds.toxic_spans_semeval("train")
    tokens = token_table(tsd.text, tsd.spans)
    word_toxicity = fit_word_toxicity(tokens)
    lexicon, lexicon_scores = _lexicon(word_toxicity)
    word_threshold = tune_span_rule(tsd, tokens)[0].threshold
    lines = ["| variant | Kaggle | UCC hostile | OLID test | Davidson f0 | Davidson f0 hate | TweetEval hate |",
             "|---|---|---|---|---|---|---|"]
    for a in ABLATIONS:
        data = toxicity_training_set(None, a.weights, a.per_source)
        w = hate_rows_weighted(data, a.hate_rows_factor)
        words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=50_000, sublinear_tf=True,
                                token_pattern=WORD_PATTERN, dtype=np.float32).fit(data.text)
        columns = np.r_[np.ones(len(words.vocabulary_), bool), a.stack, a.lexical, a.lexical]
        weighed = head_columns(words, word_toxicity, word_threshold)[columns] if a.mask_toxic_words else None

        def features(texts: list[str]) -> sp.csr_matrix:
            _, x = head_features(words, lexicon, lexicon_scores, texts)
            return x[:, np.flatnonzero(columns)]
        head = _fit_head(features(data.text.tolist()), data.y.to_numpy(), w, data.hate.to_numpy(), a.hate_weight,
                         columns=weighed)
        deltas = [roc_auc_score(sets[n][1], head.decision_function(features(sets[n][0].tolist())))
                  - roc_auc_score(sets[n][1], apc[n]) for n in names]
        lines.append(f"| {a.label} | " + " | ".join(f"{d:+.3f}" for d in deltas) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    if "--ablations" in sys.argv:
        table = ablations()
        if CARD.exists():
            card = CARD.read_text("utf-8")
            old = _card_ablations()
            if old in card:
                write_text(CARD, card.replace(old, _card_ablations(table)))
        print(table)
    else:
        print(json.dumps(train(), indent=2, default=str))
