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
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, f1_score, roc_auc_score

from comments import modelstore
from comments.atomic import write_text
from comments.scoring import TOXICITY_ATTRIBUTES
from comments.scoring.toxicity import (WORD, WORD_PATTERN, SpanRule, ToxicityModel, ToxicityScorer,
                                       WordToxicity, profanity_probability)
from training import datasets as ds

SEED = 0
CARD = ds.REPORTS / "models" / "toxicity.md"
# Total training weight of each source (rows inside a source share it equally): news comments first.
SOURCE_WEIGHTS = {"kaggle": 4.0, "davidson": 1.0, "olid": 2.0, "identity": 1.0}
FOLDS = 5

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


# --- data ---------------------------------------------------------------------------------------

def toxicity_training_set(sample: int | None) -> pd.DataFrame:
    """text, y (toxic), weight, source, fold for the toxicity head."""
    dav = ds.davidson()
    dav = dav[dav.text.map(ds.stable_fold) != 0]  # fold 0 is our Davidson dev split
    olid = pd.concat([ds.tweeteval("offensive", "train"), ds.tweeteval("offensive", "val")])
    kaggle = ds.kaggle_insults("train")
    parts = {
        "kaggle": pd.DataFrame({"text": kaggle.text, "y": kaggle.insult}),
        "davidson": pd.DataFrame({"text": dav.text, "y": (dav.label != 2).astype(int)}),
        "olid": pd.DataFrame({"text": olid.text, "y": olid.label}),
        "identity": pd.DataFrame({"text": identity_sentences(TRAIN_FRAMES), "y": 0}),
    }
    frames = []
    for name, df in parts.items():
        if sample:
            df = df.sample(min(sample, len(df)), random_state=SEED)
        frames.append(df.assign(source=name, weight=SOURCE_WEIGHTS[name] * 1000 / len(df)))
    out = pd.concat(frames, ignore_index=True)
    out["fold"] = out.text.map(lambda t: ds.stable_fold(t, FOLDS))
    return out


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
    return WordToxicity(chars=chars, model=model, scores=dict(zip(words, scores.round(4).tolist())))


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
    keep = (scores >= rule.threshold) | ((scores >= rule.floor) & (scores >= rule.relative * top))
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


def _head_features(words: TfidfVectorizer, lexicon, lexicon_scores, texts: list[str]):
    probe = ToxicityModel(words, lexicon, lexicon_scores, None, (1.0, 0.0), {}, None, None, 0.5, 0.5)
    return probe.features(texts)


def _fit_head(x, y, w) -> LogisticRegression:
    return LogisticRegression(C=2.0, max_iter=3000, solver="liblinear", random_state=SEED).fit(x, y, sample_weight=w)


def _platt(z: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    lr = LogisticRegression(C=1e4, random_state=SEED).fit(z[:, None], y, sample_weight=w)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def best_f1_threshold(p: np.ndarray, y: np.ndarray) -> float:
    grid = np.round(np.arange(0.1, 0.91, 0.02), 2)
    return float(grid[int(np.argmax([f1_score(y, p >= t) for t in grid]))])


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
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=150_000, sublinear_tf=True,
                            token_pattern=WORD_PATTERN, dtype=np.float32)
    words.fit(pd.concat([data.text, raw.text]))
    texts = data.text.tolist()
    x_words, x_head = _head_features(words, lexicon, lexicon_scores, texts)
    y, w = data.y.to_numpy(), data.weight.to_numpy()
    oof = np.zeros(len(data))
    for k in range(FOLDS):
        held = data.fold.to_numpy() == k
        oof[held] = _fit_head(x_head[~held], y[~held], w[~held]).decision_function(x_head[held])
    calibration = _platt(oof, y, w)
    head = _fit_head(x_head, y, w)
    a, b = calibration
    oof_p = 1 / (1 + np.exp(-(a * oof + b)))
    news = (data.source == "kaggle").to_numpy()
    threshold = best_f1_threshold(oof_p[news], y[news])

    # Attributes: P(type | toxic) from the Civil Comments span types.
    x_raw = words.transform(raw.text.tolist())
    targets = attribute_labels(raw)
    attributes, attribute_cv_auc = {}, {}
    raw_folds = raw.text.map(lambda t: ds.stable_fold(t, FOLDS)).to_numpy()
    for name in TOXICITY_ATTRIBUTES:
        t = targets[name].to_numpy()
        fit = lambda m: LogisticRegression(C=2.0, max_iter=2000, solver="liblinear", class_weight="balanced",
                                           random_state=SEED).fit(x_raw[m], t[m])
        held = raw_folds == 0
        if 0 < t[~held].sum() < (~held).sum() and 0 < t[held].sum() < held.sum():
            attribute_cv_auc[name] = round(float(roc_auc_score(t[held], fit(~held).predict_proba(x_raw[held])[:, 1])), 4)
        attributes[name] = fit(np.ones(len(t), dtype=bool))

    model = ToxicityModel(words=words, lexicon=lexicon, lexicon_scores=lexicon_scores, head=head,
                          calibration=calibration, attributes=attributes, word_toxicity=word_toxicity,
                          span_rule=span_rule, threshold=threshold, span_gate=threshold)
    metrics = {
        "train_seconds": round(time.time() - t0, 1), "train_rows": int(len(data)), "sample": sample,
        "threshold": threshold, "span_rule": vars(span_rule), "span_f1_train_oof": round(span_f1_train_oof, 4),
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
        if "hate" in name:
            row["identity_attack_auc"] = roc_auc_score(y, scores.identity_attack)
        if name.startswith("Kaggle"):
            out["reliability_kaggle"] = reliability_table(ours, y)
        out["sets"][name] = {k: (round(float(v), 4) if isinstance(v, float) else v) for k, v in row.items()}
    trial = ds.toxic_spans_semeval("trial")
    texts = trial.text.tolist()
    gold = trial.spans.tolist()
    m = scorer.model
    out["spans_trial_f1_shipped"] = round(span_char_f1(scorer.score(texts).toxic_spans.tolist(), gold), 4)
    out["spans_trial_f1_ungated"] = round(span_char_f1([m.spans(t) for t in texts], gold), 4)
    out["trial_share_above_threshold"] = round(float((scorer.score(texts).toxicity >= threshold).mean()), 4)
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
    attrs = [f"- `insult` ROC-AUC on Kaggle insults test: {r['insult_auc']:.3f}" for n, r in dev["sets"].items()
             if "insult_auc" in r]
    attrs += [f"- `identity_attack` ROC-AUC on {n}: {r['identity_attack_auc']:.3f}" for n, r in dev["sets"].items()
              if "identity_attack_auc" in r]
    return "\n".join([
        "## Toxicity", "",
        f"Shipped threshold {scorer.model.threshold:.2f} (toxicity >= threshold = review). alt-profanity-check "
        "= `profanity_check.predict_prob` on the same rows.", "",
        _dev_table(dev), "",
        f"Toxic spans, SemEval-2021 character F1 on tsd_trial (690 posts): {dev['spans_trial_f1_ungated']:.4f} "
        f"(spans for every post); {dev['spans_trial_f1_shipped']:.4f} as shipped (spans only when toxicity >= "
        f"threshold; {dev['trial_share_above_threshold']:.0%} of these all-toxic posts are).", "",
        *attrs, ""])


def model_card(metrics: dict) -> str:
    dev = metrics["dev"]
    rel = "\n".join(f"| {b} | {n} | {p:.3f} | {o:.3f} |" for b, n, p, o in dev["reliability_kaggle"])
    attr_auc = ", ".join(f"{k} {v:.3f}" for k, v in metrics["attribute_p_given_toxic_auc_civil_fold0"].items())
    ext = [f"- `insult` ROC-AUC, Kaggle insults test: {r['insult_auc']:.3f}" for r in dev["sets"].values()
           if "insult_auc" in r]
    ext += [f"- `identity_attack` ROC-AUC, {n}: {r['identity_attack_auc']:.3f}" for n, r in dev["sets"].items()
            if "identity_attack_auc" in r]
    return CARD_TEMPLATE.format(
        table=_dev_table(dev), threshold=metrics["threshold"], rel=rel, attr_auc=attr_auc, ext="\n".join(ext),
        span_shipped=dev["spans_trial_f1_shipped"], span_ungated=dev["spans_trial_f1_ungated"],
        span_oof=metrics["span_f1_train_oof"], share=dev["trial_share_above_threshold"],
        rule=metrics["span_rule"], seconds=metrics["train_seconds"], rows=metrics["train_rows"],
        mb=metrics["model_bytes"] / 1e6, weights=json.dumps(SOURCE_WEIGHTS))


CARD_TEMPLATE = (Path(__file__).with_name("toxicity_card.md.in")).read_text("utf-8") \
    if (Path(__file__).with_name("toxicity_card.md.in")).exists() else "{table}"


if __name__ == "__main__":
    print(json.dumps(train(), indent=2, default=str))
