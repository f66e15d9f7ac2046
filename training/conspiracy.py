"""Train and evaluate the conspiracy-framing model (`comments/scoring/conspiracy.py`).

    python -m training.conspiracy        # train, save the model, write reports/models/conspiracy.md

Data: PAN 2024 oppositional thinking, English (CONSPIRACY vs CRITICAL, CC BY-SA 4.0) and the
COVID-vaccine conspiracy comments (MIT). Dev protocol, all deterministic:
- PAN dev split: `stable_fold(text) == 0` held out (one fifth), the model trained on the other four;
  the same five folds give cross-validated (out-of-fold) numbers for every text.
- Held-out topic: trained on PAN only, tested on the COVID-vaccine comments (another source, other
  writers, short comments); the shipped model may then include them (see SHIP_WITH_COVID).
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (average_precision_score, brier_score_loss, f1_score, matthews_corrcoef,
                             precision_score, recall_score, roc_auc_score)
from sklearn.pipeline import Pipeline

from comments import modelstore
from comments.policy import load_policy
from comments.atomic import write_text
from comments.scoring.conspiracy import (ENTITY_WORDS, FILLER_WORDS, LEXICON, SENTENCE_END, SENTENCE_MIN_WORDS, TOPIC_WORDS,
                                         ConspiracyScorer, FramingAnalyzer, blend, own_words, sentences)
from comments.scoring.linear import Features, Linear

from . import no_options
from .datasets import (REPORTS, kaggle_insults, load_covid_vaccine_conspiracy, load_pan2024_conspiracy,
                       load_vader_groundtruth, stable_fold, toxic_spans_semeval)

N_FOLDS = 5
DEV_FOLD = 0
# Shipped features: word 1-2-grams with the training topic's words masked, plus the framing lexicon
# (1-3-grams measured no better in the ablation, and cost a third more time).
FEATURES = {"ngrams": "masked", "ngram_max": 2, "lexicon": True}
C = 4.0
# The shipped threshold is the one with the best out-of-fold MCC on PAN (a grid of 0.05 steps); the dev
# fold's numbers use a threshold chosen the same way on the other four folds only.
THRESHOLDS = np.round(np.arange(0.1, 0.91, 0.05), 2)
# A phrase is a cue when the weights of the features it fires add up to more than this.
CUE_MIN_WEIGHT = 0.3
SHIP_WITH_COVID = False  # measured: adding them costs PAN ~0.1 MCC (their labels follow vaccine stance)
BACKGROUND_WEIGHT = 0.25  # NYT snippets together weigh a quarter of PAN
# Long texts: the whole text's probability blended half and half with the larger of it and the best
# sentence's (`comments.scoring.conspiracy.blend`). Set a priori, not tuned: PAN's long posts are scored
# well whole, but a news comment with one conspiracy sentence among plain ones is diluted; the ablation
# shows 0 and 1 beside it.
SENTENCE_WEIGHT = 0.5
# v4: short examples for short comments, and real comments as ordinary text. The sentences of PAN posts
# (CRITICAL's all, CONSPIRACY's holding an AGENT or OBJECTIVE span) together weigh as much as the posts; the
# hand-written news comments of training/data (18 topics, none of PAN's nor of the test sets') as much as PAN;
# Civil Comments join the NYT snippets in the background. Chosen among the written weights 0.5, 1 and 2, with
# and without the sentences and the Civil Comments: the best written-comments ROC-AUC with their topics held
# out that loses less than 0.015 of v3's PAN 5-fold MCC and flags at most 1% of real news comments (Kaggle
# test, evaluation only) at the policy's review threshold, 0.7 (v3: 0.8%). (Weight 2 loses exactly 0.015, and
# flags 0.98%: a tie at both limits, not taken; it reads the written comments 0.013 better, PAN's dev fold 0.07
# worse.) Without the Civil Comments the written comments' style ("funny how", "they know") flagged 5.9% of
# those comments. And the filler words (FILLER_WORDS) are features only inside n-grams: with short examples in
# training, "the" alone had become a sign of conspiracy (weight 6.4), and any short plain sentence scored near
# the threshold.
SPAN_SENTENCES = ("AGENT", "OBJECTIVE")
POLICY_REVIEW = load_policy().review["conspiracy"]  # the default policy's review threshold
WRITTEN_WEIGHT = 1.0
CARD = REPORTS / "models" / "conspiracy.md"


@dataclass(frozen=True)
class Variant:
    """One feature set of the ablation."""

    name: str
    ngrams: str
    lexicon: bool
    ngram_max: int = 3
    background: bool = False  # add NYT editorial snippets (MIT) as ordinary, non-conspiracy text
    with_covid: bool = False  # add the COVID-vaccine comments to the training folds
    sentence_weight: float = SENTENCE_WEIGHT
    # PAN sentences as examples of their own, for short comments (see `pan_sentence_examples`)
    span_sentences: tuple[str, ...] = ()
    written_weight: float = 0.0  # the hand-written comments (WRITTEN), together weighing this share of PAN
    comment_background: bool = False  # add real news comments (Civil Comments, CC0) to the background
    filler_unigrams: bool = True  # FILLER_WORDS as features alone (v4: only in n-grams)


SHIPPED = Variant("shipped", FEATURES["ngrams"], FEATURES["lexicon"], FEATURES["ngram_max"], background=True,
                  span_sentences=SPAN_SENTENCES, written_weight=WRITTEN_WEIGHT, comment_background=True,
                  filler_unigrams=False)
VARIANTS = (
    Variant("word 1-3-grams", "all", False),
    Variant("word 1-3-grams, topic words masked", "masked", False),
    Variant("framing-only 1-3-grams (function + lexicon words)", "framing", False),
    Variant("lexicon only", "none", True),
    Variant("word 1-3-grams + lexicon", "all", True),
    Variant("framing-only 1-3-grams + lexicon", "framing", True),
    Variant("topic-masked 1-3-grams + lexicon", "masked", True),
    Variant("topic-masked 1-3-grams + lexicon + NYT background", "masked", True, background=True),
    Variant("v3: topic-masked 1-2-grams + lexicon + NYT background", "masked", True, ngram_max=2, background=True),
    Variant("v3 + PAN sentences", "masked", True, ngram_max=2, background=True, span_sentences=SPAN_SENTENCES),
    Variant("v3 + written comments", "masked", True, ngram_max=2, background=True, written_weight=WRITTEN_WEIGHT),
    Variant("v3 + Civil Comments background", "masked", True, ngram_max=2, background=True, comment_background=True),
    Variant("v3 + written comments + PAN sentences", "masked", True, ngram_max=2, background=True,
            span_sentences=SPAN_SENTENCES, written_weight=WRITTEN_WEIGHT),
    replace(SHIPPED, name="**shipped** (v4): v3 + written comments + PAN sentences + Civil Comments background, "
                          "filler words only in n-grams"),
    replace(SHIPPED, name="shipped with filler words as unigrams too", filler_unigrams=True),
    replace(SHIPPED, name="shipped without the PAN sentences", span_sentences=()),
    replace(SHIPPED, name="shipped, written comments x 0.5", written_weight=0.5),
    replace(SHIPPED, name="shipped, written comments x 2", written_weight=2.0),
    replace(SHIPPED, name="shipped, whole texts only (sentence weight 0)", sentence_weight=0.0),
    replace(SHIPPED, name="shipped, sentence weight 1", sentence_weight=1.0),
    replace(SHIPPED, name="shipped + COVID comments in training", with_covid=True),
)


def _identity(features: list[str]) -> list[str]:
    return features


def build_pipeline(ngrams: str = FEATURES["ngrams"], ngram_max: int = FEATURES["ngram_max"],
                   lexicon: bool = FEATURES["lexicon"], analyzer=None) -> Pipeline:
    """TF-IDF over the framing features + logistic regression; `analyzer=_identity` takes features
    made beforehand (the ablation analyses each text once, not once per fold)."""
    vectorizer = TfidfVectorizer(analyzer=analyzer or FramingAnalyzer(ngrams, ngram_max, lexicon),
                                 lowercase=False, min_df=2, sublinear_tf=True, dtype=np.float32)
    model = LogisticRegression(C=C, max_iter=5000)  # lbfgs: deterministic
    return Pipeline([("features", vectorizer), ("model", model)])


def _fit(pipeline: Pipeline, docs: list, labels: np.ndarray, weights: np.ndarray | None = None) -> Pipeline:
    """Fit with the per-row `weights`, positives scaled so that both classes weigh the same in total."""
    labels = np.asarray(labels)
    weights = np.ones(len(labels)) if weights is None else np.asarray(weights, dtype=float)
    positive_scale = weights[labels == 0].sum() / max(weights[labels == 1].sum(), 1e-9)
    return pipeline.fit(docs, labels, model__sample_weight=weights * np.where(labels == 1, positive_scale, 1.0))


def choose_threshold(labels, probs) -> float:
    labels, probs = np.asarray(labels), np.asarray(probs)
    return float(max(THRESHOLDS, key=lambda t: matthews_corrcoef(labels, probs >= t)))


def binary_metrics(labels, probs, threshold: float) -> dict:
    labels, probs = np.asarray(labels), np.asarray(probs)
    predicted = probs >= threshold
    return {"n": int(len(labels)), "positives": int(labels.sum()),
            "roc_auc": round(float(roc_auc_score(labels, probs)), 4),
            "average_precision": round(float(average_precision_score(labels, probs)), 4),
            "mcc": round(float(matthews_corrcoef(labels, predicted)), 4),
            "f1": round(float(f1_score(labels, predicted)), 4),
            "precision": round(float(precision_score(labels, predicted, zero_division=0)), 4),
            "recall": round(float(recall_score(labels, predicted)), 4),
            "brier": round(float(brier_score_loss(labels, probs)), 4), "threshold": threshold}


def reliability(labels, probs, bins: int = 5) -> list[dict]:
    """Mean predicted probability against the observed rate, per probability bin."""
    labels, probs = np.asarray(labels), np.asarray(probs)
    which = np.minimum((probs * bins).astype(int), bins - 1)
    return [{"bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}", "n": int((which == b).sum()),
             "mean_predicted": round(float(probs[which == b].mean()), 3),
             "observed": round(float(labels[which == b].mean()), 3)}
            for b in range(bins) if (which == b).any()]


def load_sets(sample: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """PAN English (with `fold`) and the COVID comments; `sample` keeps that many texts per class."""
    pan, covid = load_pan2024_conspiracy("en"), load_covid_vaccine_conspiracy()
    if sample:
        pan = pan.groupby("label", group_keys=False).head(sample // 2)
        covid = covid.groupby("label", group_keys=False).head(sample // 2)
    pan = pan.assign(fold=pan["text"].map(lambda t: stable_fold(t, N_FOLDS)))
    return pan.reset_index(drop=True), covid.reset_index(drop=True)


def comment_background_texts() -> list[str]:
    """Real reader comments on news sites, as ordinary text that frames (almost always) nothing: the Civil Comments
    of the toxic-spans train split (CC0). They are the stream the model runs on; without them the written
    comments' style ("funny how", "they know") flags argumentative real comments."""
    return toxic_spans_semeval("train")["text"].tolist()


def background_texts() -> list[str]:
    """Ordinary text that frames nothing: the NYT editorial snippets of the VADER ground truth (MIT)."""
    return load_vader_groundtruth("nyt")["text"].tolist()


def pan_sentence_examples(text: str, label: int, spans: list[tuple[str, str]],
                          categories: tuple[str, ...]) -> list[tuple[str, int]]:
    """The sentences of a PAN post (its own words, 4+ words) as short examples: every sentence of a CRITICAL
    post is one of the negative class, and a sentence of a CONSPIRACY post is positive when it holds a
    narrative span of `categories` (an AGENT, an OBJECTIVE...); its other sentences are left out, as they
    may frame nothing. News comments are a sentence or three; PAN posts are several times longer."""
    parts = [part for part in SENTENCE_END.split(own_words(text)) if len(part.split()) >= SENTENCE_MIN_WORDS]
    if not label:
        return [(part, 0) for part in parts]
    return [(part, 1) for part in parts
            if any(category in categories and span and span in part for category, span in spans)]


WRITTEN = Path(__file__).resolve().parent / "data" / "conspiracy_comments.jsonl"


def load_written() -> pd.DataFrame:
    """The hand-written news comments (training/data, CC0): `text`, `label`, `topic`, `functionality`."""
    frame = pd.read_json(WRITTEN, lines=True)
    return frame.assign(label=frame.pop("conspiracy").astype(int))


class _Trainer:
    """Fits one feature set on any subset of PAN (+ its sentences, + the written comments, + background, + COVID
    comments), each text analysed once."""

    def __init__(self, variant: Variant, pan: pd.DataFrame, covid: pd.DataFrame, background: list[str],
                 written: pd.DataFrame | None = None, comments: list[str] | None = None) -> None:
        self.variant = variant
        self.analyzer = FramingAnalyzer(variant.ngrams, variant.ngram_max, variant.lexicon,
                                        () if variant.filler_unigrams else FILLER_WORDS)
        self.pan_docs, self.pan_sentences = self.read(pan["text"])
        self.pan_labels = pan["label"].to_numpy()
        self.pan_sentence_examples = [
            [(self.analyzer.read(part), y) for part, y in pan_sentence_examples(t, label, spans, variant.span_sentences)]
            for t, label, spans in zip(pan["text"], pan["label"], pan["spans"])] if variant.span_sentences else []
        self.covid_docs, self.covid_sentences = self.read(covid["text"])
        self.covid_labels = covid["label"].to_numpy()
        background = (background if variant.background else []) + (comments or [] if variant.comment_background else [])
        self.background_docs = [self.analyzer(t) for t in background]
        written = written if variant.written_weight and written is not None else None
        self.written_docs, self.written_sentences = self.read(written["text"] if written is not None else [])
        self.written_labels = written["label"].to_numpy() if written is not None else np.zeros(0, int)

    def read(self, texts) -> tuple[list[list[str]], list[list[list[str]]]]:
        """Each text's features, and its sentences' (`predict` takes both)."""
        return ([self.analyzer(t) for t in texts],
                [[self.analyzer.read(s) for s in sentences(t)] for t in texts])

    def fit(self, rows: np.ndarray, written_rows: np.ndarray | None = None) -> Pipeline:
        """Fit on the PAN `rows` and the written comments' `written_rows` (all of them by default)."""
        docs = [self.pan_docs[i] for i in rows]
        labels = list(self.pan_labels[rows])
        weights = [1.0] * len(rows)

        def add(more_docs: list, more_labels: list, total_weight: float) -> None:
            if more_docs:
                docs.extend(more_docs)
                labels.extend(more_labels)
                weights.extend([total_weight / len(more_docs)] * len(more_docs))

        if self.pan_sentence_examples:  # together as heavy as the posts they come from
            examples = [e for i in rows for e in self.pan_sentence_examples[i]]
            add([d for d, _ in examples], [y for _, y in examples], len(rows))
        if self.written_docs:
            chosen = np.arange(len(self.written_docs)) if written_rows is None else written_rows
            add([self.written_docs[i] for i in chosen], list(self.written_labels[chosen]),
                self.variant.written_weight * len(rows))
        if self.variant.with_covid:
            add(self.covid_docs, list(self.covid_labels), len(self.covid_docs))
        add(self.background_docs, [0] * len(self.background_docs), BACKGROUND_WEIGHT * len(rows))
        return _fit(build_pipeline(analyzer=_identity), docs, np.array(labels), np.array(weights))

    def predict(self, model: Pipeline, docs: list, sentence_docs: list[list]) -> np.ndarray:
        """Probabilities as `ConspiracyScorer.probability` gives them: whole texts blended with their best
        sentence."""
        whole = model.predict_proba(docs)[:, 1]
        if not self.variant.sentence_weight:
            return whole
        flat = [d for unit in sentence_docs for d in unit]
        probs = model.predict_proba(flat)[:, 1] if flat else np.zeros(0)
        best, at = np.zeros(len(docs)), 0
        for i, unit in enumerate(sentence_docs):
            if unit:
                best[i] = probs[at:at + len(unit)].max()
                at += len(unit)
        return blend(whole, best, self.variant.sentence_weight)

    def out_of_fold(self, folds: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Probabilities for `rows`, each from a model trained on the other folds among `rows`."""
        probs = np.zeros(len(rows))
        for fold in sorted(set(folds[rows])):
            held = folds[rows] == fold
            model = self.fit(rows[~held])
            probs[held] = self.predict(model, [self.pan_docs[i] for i in rows[held]],
                                       [self.pan_sentences[i] for i in rows[held]])
        return probs


WRITTEN_TOPIC_FOLDS = 6


def written_out_of_topic(trainer: _Trainer, written: pd.DataFrame) -> np.ndarray:
    """Probabilities for the written comments, each from a model trained on all of PAN and the written comments
    of other topics (topics in WRITTEN_TOPIC_FOLDS groups by `stable_fold` of the topic name)."""
    folds = written["topic"].map(lambda topic: stable_fold(topic, WRITTEN_TOPIC_FOLDS)).to_numpy()
    probs, everything = np.zeros(len(written)), np.arange(len(trainer.pan_docs))
    for fold in sorted(set(folds)):
        held = np.flatnonzero(folds == fold)
        model = trainer.fit(everything, np.flatnonzero(folds != fold))
        probs[held] = trainer.predict(model, [trainer.written_docs[i] for i in held],
                                      [trainer.written_sentences[i] for i in held])
    return probs


def news_comments() -> list[str]:
    """Ordinary news-site comments, presumed (nearly all) non-conspiratorial: the Kaggle insults test set
    (no license stated; evaluation only). The share we flag among them estimates false alarms."""
    return kaggle_insults("test")["text"].tolist()


def measure(pan: pd.DataFrame, covid: pd.DataFrame, variant: Variant = SHIPPED,
            background: list[str] | None = None, news: list[str] | None = None,
            written: pd.DataFrame | None = None, comments: list[str] | None = None) -> dict:
    """Dev numbers for one feature set: the PAN dev fold (threshold chosen on the other folds), PAN
    out-of-fold over all five folds (the written comments, when used, always in training), the written
    comments with their topics held out, and, from a model trained on all of PAN, the COVID comments and
    the share of ordinary news comments flagged."""
    trainer = _Trainer(variant, pan, covid, background or [], written, comments)
    folds, labels, everything = pan["fold"].to_numpy(), pan["label"].to_numpy(), np.arange(len(pan))
    out_of_fold = trainer.out_of_fold(folds, everything)
    threshold = choose_threshold(labels, out_of_fold)
    dev, rest = folds == DEV_FOLD, np.flatnonzero(folds != DEV_FOLD)
    dev_threshold = choose_threshold(labels[rest], trainer.out_of_fold(folds, rest))
    result = {"threshold": threshold,
              "pan_dev": binary_metrics(labels[dev], out_of_fold[dev], dev_threshold),
              "pan_dev_at_shipped_threshold": binary_metrics(labels[dev], out_of_fold[dev], threshold),
              "pan_cv": binary_metrics(labels, out_of_fold, threshold),
              "pan_cv_reliability": reliability(labels, out_of_fold)}
    if trainer.written_docs:
        result["written_heldout_topics"] = binary_metrics(written["label"], written_out_of_topic(trainer, written),
                                                          threshold)
    if not variant.with_covid:
        model = trainer.fit(everything)
        covid_probs = trainer.predict(model, trainer.covid_docs, trainer.covid_sentences)
        result["covid_heldout_topic"] = binary_metrics(covid["label"], covid_probs, threshold)
        if news:
            probs = trainer.predict(model, *trainer.read(news))
            result["news_comments_flagged"] = {"n": len(news), "share": round(float((probs >= threshold).mean()), 4),
                                               "share_at_policy": round(float((probs >= POLICY_REVIEW).mean()), 4)}
    return result


def vader_negativity_auc(covid: pd.DataFrame) -> float:
    """ROC-AUC of plain VADER negativity (-compound) on the COVID comments: how much of their label is sentiment."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    negativity = [-analyzer.polarity_scores(t)["compound"] for t in covid["text"]]
    return round(float(roc_auc_score(covid["label"], negativity)), 4)


def throughput(scorer: ConspiracyScorer, texts: list[str], repeat: int = 3) -> float:
    """Comments scored per CPU second (best of `repeat` runs), cues included."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()  # CPU time: other load on a shared machine does not count
        scorer.score(texts)
        best = min(best, time.process_time() - started)
    return len(texts) / best


def train(sample: int | None = None, models_dir: Path = modelstore.MODELS_DIR, write_card: bool = True,
          ablation: bool = True) -> dict:
    """Measure on the dev splits, train the shipped model on everything, save it (and its card)."""
    pan, covid = load_sets(sample)
    background, comments = background_texts(), comment_background_texts()
    if sample:
        background, comments = background[:sample], comments[:sample]
    news = news_comments()[:sample] if sample else news_comments()
    written = load_written()
    if sample:
        written = written.groupby("label", group_keys=False).head(sample // 2)
    metrics = measure(pan, covid, SHIPPED, background, news, written, comments)
    metrics["covid_vader_negativity_auc"] = vader_negativity_auc(covid)
    if ablation and not sample:  # the ablation refits every variant ten times: only for the real run
        # each variant is measured on its own (deterministic), so they run side by side on 2 cores
        measured = Parallel(n_jobs=2)(delayed(measure)(pan, covid, v, background, news, written, comments)
                                      for v in VARIANTS)
        metrics["ablation"] = {v.name: m for v, m in zip(VARIANTS, measured)}

    # fitted on the texts' features made beforehand, as in every measurement, then given the analyzer that
    # makes the same features from a text
    trainer = _Trainer(replace(SHIPPED, with_covid=SHIP_WITH_COVID), pan, covid, background, written, comments)
    pipeline = trainer.fit(np.arange(len(pan)))
    pipeline.named_steps["features"].set_params(analyzer=trainer.analyzer)
    threshold = metrics["threshold"]
    scorer = ConspiracyScorer(Features.of(pipeline.named_steps["features"]), Linear.of(pipeline.named_steps["model"]),
                              threshold, CUE_MIN_WEIGHT, SENTENCE_WEIGHT)
    metrics["train_rows"] = {"pan2024_en": len(pan),
                             "pan2024_en_sentences": sum(map(len, trainer.pan_sentence_examples)),
                             "written_comments": len(trainer.written_docs),
                             "covid_vaccine_comments": len(covid) if SHIP_WITH_COVID else 0,
                             "vader_nyt_background": len(background),
                             "civil_comments_background": len(comments) if SHIPPED.comment_background else 0}
    metrics["vocabulary"] = len(pipeline.named_steps["features"].vocabulary_)
    # speed on real short comments (the COVID set: half of them flagged, so the cue path runs often)
    metrics["comments_per_second"] = round(throughput(scorer, (covid["text"].tolist() * 10)[:5000]))

    meta = {"version": "4", "threshold": threshold, "trained_on": sorted(k for k, v in metrics["train_rows"].items() if v),
            "license": "CC BY-SA 4.0 (trained on PAN 2024, share-alike)",
            "pan_dev_mcc": metrics["pan_dev"]["mcc"], "pan_cv_mcc": metrics["pan_cv"]["mcc"]}
    path = modelstore.save(scorer, "conspiracy", meta, models_dir=models_dir)
    metrics["model_file_bytes"] = path.stat().st_size
    if write_card:
        write_text(CARD, card(metrics))
    return metrics


def _metrics_table(rows: dict[str, dict]) -> str:
    head = ("| split | n (pos) | threshold | ROC-AUC | AP | MCC | F1 | precision | recall | Brier |\n"
            "|---|---|---|---|---|---|---|---|---|---|\n")
    return head + "".join(
        f"| {name} | {m['n']} ({m['positives']}) | {m['threshold']} | {m['roc_auc']:.3f} | {m['average_precision']:.3f} | {m['mcc']:.3f} "
        f"| {m['f1']:.3f} | {m['precision']:.3f} | {m['recall']:.3f} | {m['brier']:.3f} |\n" for name, m in rows.items())


def _dev_rows(metrics: dict) -> dict[str, dict]:
    rows = {"PAN 2024 EN, dev fold (`stable_fold == 0`), trained on the other 4": metrics["pan_dev"],
            "same, at the shipped threshold": metrics["pan_dev_at_shipped_threshold"],
            "PAN 2024 EN, 5-fold out-of-fold (all 711)": metrics["pan_cv"]}
    if "written_heldout_topics" in metrics:
        rows["written news comments, topics held out (6 groups of topics; trained on PAN + the other topics)"] = \
            metrics["written_heldout_topics"]
    rows["COVID-vaccine comments, held-out topic/source (never trained on)"] = metrics["covid_heldout_topic"]
    return rows


def _experiments_section() -> str:
    """The table of `python -m training.conspiracy_experiments` (too slow to rerun here) and what it says."""
    path = CARD.with_name("conspiracy_experiments.md")
    if not path.exists():
        return "Not run: `python -m training.conspiracy_experiments` writes them.\n"
    table = "".join(line + "\n" for line in path.read_text("utf-8").splitlines() if line.startswith("|"))
    return f"""From `python -m training.conspiracy_experiments` (`{path.name}`, same folds; COVID comments held out unless
the row says otherwise). Measured on the v2 features, before v3's stance guards, idiom guards, entity masking and
sentence scoring; not rerun since (it takes several minutes):

{table}
What they say:
- **Stance x framing** does not rank the COVID comments: a stance factor learned from PAN (all oppositional) against
  ordinary news text learns "Telegram post vs news prose", and ranks the COVID comments at chance; it is ~1 on every
  PAN text, so it changes nothing there. Even a stance factor that learns from the COVID comments themselves (5-fold)
  stays below 0.6 on them with these topic-masked features. Their label follows vaccine stance and tone: VADER
  negativity alone ranks them best, but it is at chance on PAN, and every weight of it that helps on COVID costs PAN
  MCC (the selection rule, 5-fold PAN MCC, keeps weight 0).
- **The narrative-role tagger** learns AGENT tokens well (token ROC-AUC above) and its agent x objective score
  separates PAN alone, but stacked with v1 it adds nothing on PAN (its signal is already in the lexicon features).
- **NB-LR** and **C** tuned over 1-16 move PAN MCC by less than a fold's noise. **char_wb 2-5-grams** averaged with
  v1 is the best cheap model measured on every PAN column and on the COVID comments, but its n-gram extraction
  makes scoring about 4x slower (about 3,300 comments/s for the char features alone against the 20,000/s the stack
  needs), for gains within the noise of 711 texts: not shipped. The 0.75 MCC bar is not reached by any of them.
"""


def card(metrics: dict) -> str:
    ablation = ("| features | PAN dev MCC | PAN 5-fold MCC | PAN 5-fold ROC-AUC | written, topics held out: ROC-AUC "
                f"| COVID held-out ROC-AUC | news comments flagged | flagged at {POLICY_REVIEW} (policy) |\n"
                "|---|---|---|---|---|---|---|---|\n")
    for name, m in metrics.get("ablation", {}).items():
        covid_auc = f"{m['covid_heldout_topic']['roc_auc']:.3f}" if "covid_heldout_topic" in m else "n/a (in training)"
        written_auc = f"{m['written_heldout_topics']['roc_auc']:.3f}" if "written_heldout_topics" in m else "n/a"
        flagged = (f"{m['news_comments_flagged']['share']:.1%} | {m['news_comments_flagged']['share_at_policy']:.1%}"
                   if "news_comments_flagged" in m else "n/a | n/a")
        ablation += (f"| {name} | {m['pan_dev']['mcc']:.3f} | {m['pan_cv']['mcc']:.3f} | {m['pan_cv']['roc_auc']:.3f} "
                     f"| {written_auc} | {covid_auc} | {flagged} |\n")
    calibration = "| predicted | n | mean predicted | observed rate |\n|---|---|---|---|\n" + "".join(
        f"| {r['bin']} | {r['n']} | {r['mean_predicted']:.3f} | {r['observed']:.3f} |\n" for r in metrics["pan_cv_reliability"])
    lexicon = "\n".join(f"- **{category}** ({len(phrases)}): " + ", ".join(f"`{p}`" for p in phrases[:12]) + ", ..."
                        for category, phrases in LEXICON.items())
    rows = metrics["train_rows"]
    experiments = _experiments_section()
    len_covid_note = ("also in the shipped model" if rows["covid_vaccine_comments"] else
                      "not in the shipped model: adding them cost PAN MCC in the ablation")
    return f"""# Model card: conspiracy framing (`conspiracy`, `conspiracy_cues`)

Written by `python -m training.conspiracy` (or `python -m training.train`); every number comes from that run,
except the v2 experiments table, which `python -m training.conspiracy_experiments` writes.

## What it does
`comments.scoring.conspiracy.load().score(texts)` returns `conspiracy`, the probability that a comment frames
events as a conspiracy (a hidden agent with a secret plan, a cover-up, "wake up", distrust of official sources),
and `conspiracy_cues`, the framing phrases of the comment, as written, whose features pushed the score up (`[]`
when the score is below the threshold {metrics['threshold']}): lexicon phrases, and n-grams made only of function and
lexicon words around a one-word framing marker ("the elites", "their plan", "covering it up"); plain words the
model learned from PAN's topic ("Russia", "the world") are never cues (v2; `tests/test_conspiracy.py` checks it on
invented topics). It scores the *framing*, not the topic: a comment that is merely
critical of a government or a vaccine is the hard negative class it was trained against.

Model: TF-IDF (sublinear, min_df 2) over (a) word 1-2-grams in which {len(TOPIC_WORDS)} topic words of the training
data (COVID, vaccines, their institutions) and {len(ENTITY_WORDS)} names of people, bodies and places (Gates, WEF,
Davos, Soros, billionaires...) are masked as `<topic>`, and (b) a curated framing lexicon
(`comments/scoring/conspiracy.py`, {sum(len(v) for v in LEXICON.values())} phrases) drafted from the n-grams that separate
CONSPIRACY from CRITICAL inside PAN 2024's AGENT / OBJECTIVE / FACILITATOR spans, with topic-bound phrases left out
and general ones added; each match adds a `§CATEGORY` and a `§phrase` feature. Logistic regression (C={C}, classes
weighted to balance). Before any feature is made, the passages that are not the commenter's own framing are
blanked (`own_words`): debunking and mocking sentences ("people who think X need help", "tinfoil"), quotations of 4+
words with a "said", "claimed", "wrote"... beside them, reported, attributed and denied clauses (the patterns the hate and threat cues share, `speech.py`), idioms
("a wake-up call", "the truth is, ...", "I woke up"), and a "they" that follows a named ordinary group ("the
council ... they want"); they neither raise the score nor give cues. Texts of two or more sentences score
{SENTENCE_WEIGHT} x the larger of the whole text's and the best sentence's probability + {1 - SENTENCE_WEIGHT} x the
whole text's (`blend`), so that one conspiracy sentence in a long comment is not diluted.
v4 adds short examples to PAN's long posts: the posts' sentences, and {rows['written_comments']} news comments written
by hand for training on 18 other topics (a plot told through coincidences, sarcasm, scare quotes; debunking, quoting,
documented scandals, anger with no plot), so the model learns the framing of a one- to three-sentence comment.
{metrics['vocabulary']:,} features; model file {metrics['model_file_bytes'] / 1e6:.2f} MB.
Speed at training time: {metrics['comments_per_second']:,} comments per CPU second on the COVID comments (score +
cues, half of them flagged); `python benchmarks/bench_conspiracy.py` measures it on news comments, stage by stage.

Lexicon categories:
{lexicon}

## Training data and licenses
| set | rows | license |
|---|---|---|
| PAN 2024 oppositional thinking, English (`pan2024_oppositional_conspiracy`): Telegram messages, CONSPIRACY vs CRITICAL | {rows['pan2024_en']} | CC BY-SA 4.0 |
| the same posts' sentences of 4+ words as short examples: every sentence of a CRITICAL post, and the sentences of a CONSPIRACY post that hold an {' or '.join(SPAN_SENTENCES)} span (together as heavy as the posts) | {rows['pan2024_en_sentences']} | CC BY-SA 4.0 |
| hand-written news comments (`training/data/conspiracy_comments.jsonl`, written for this project, see its .md): 18 topics that are neither PAN's nor the test sets', 8 kinds of conspiracy framing against 8 kinds of contrast that share its words (together as heavy as PAN) | {rows['written_comments']} | CC0 |
| COVID-vaccine conspiracy comments (`covid_vaccine_conspiracy_comments`, Amin et al. 2022): dev only (held-out topic); {len_covid_note} | {rows['covid_vaccine_comments']} | MIT |
| NYT editorial snippets (`vader_groundtruth`, Hutto & Gilbert 2014) as ordinary non-conspiracy text | {rows['vader_nyt_background']} | MIT |
| Civil Comments, toxic-spans train split (`civil_comments_toxic_spans`): real news-site reader comments as ordinary non-conspiracy text; with the NYT snippets, a background weighing a quarter of PAN | {rows['civil_comments_background']} | CC0 |

**Share-alike:** the model is trained on CC BY-SA 4.0 data, so the model file `comments/models/conspiracy.joblib`
is an adaptation of it and is distributed under **CC BY-SA 4.0**: keep the attribution (Korenčić et al., PAN@CLEF
2024 "Oppositional thinking analysis", XAI-DisInfodemics corpus), state changes, and share any model derived from
it under the same license. The rest of the code keeps its own license.

## Dev metrics
Shipped threshold {metrics['threshold']} for the 5-fold and COVID rows (chosen on those same PAN out-of-fold
predictions, so the 5-fold MCC/F1 are slightly optimistic); the dev fold uses {metrics['pan_dev']['threshold']},
chosen by the same rule on the other four folds only, so the dev fold is untouched.

{_metrics_table(_dev_rows(metrics))}
Bars of issue 3: MCC >= 0.75 on our PAN split, and conspiracy comments ranked above others on a held-out topic.
Dev fold MCC {metrics['pan_dev']['mcc']:.3f} (5-fold {metrics['pan_cv']['mcc']:.3f}) is
**{'at or above' if metrics['pan_dev']['mcc'] >= 0.75 else 'below'} the 0.75 bar**; the
fold has only {metrics['pan_dev']['n']} texts, so its MCC moves by several points with a few texts. The COVID comments
are ranked above chance (ROC-AUC {metrics['covid_heldout_topic']['roc_auc']:.3f}) but weakly: their label is closer to
"anti-vaccine" than to conspiracy framing: plain VADER negativity ranks them at ROC-AUC
{metrics['covid_vader_negativity_auc']:.3f}, see failure modes.
On {metrics['news_comments_flagged']['n']:,} ordinary news comments (Kaggle insults test set, evaluation only, presumed
non-conspiratorial) the model flags {metrics['news_comments_flagged']['share']:.1%} at its threshold and
{metrics['news_comments_flagged']['share_at_policy']:.1%} at the default policy's review threshold ({POLICY_REVIEW}): an
estimate of its false-alarm rate on the comment streams it is for.

## Threshold and calibration
Shipped threshold: **{metrics['threshold']}**, the grid point (0.10-0.90, step 0.05) with the best out-of-fold MCC
on PAN. Classes are weighted to balance and the background snippets pull ordinary text down, so the probability is
not the rate of conspiracy comments in a real stream (which is far lower than PAN's 34%): read it as a ranking, and
expect more false positives per true one than on PAN. Reliability of the
PAN out-of-fold probabilities:

{calibration}
## Feature ablation (the choices measured, same folds)
{ablation}
## v2 experiments (stance x framing, narrative-role tagger, NB-LR, char n-grams)
{experiments}
Masking the topic words costs a little on PAN (whose topic is COVID both in CONSPIRACY and CRITICAL) but is kept:
the model is used on topics not in the data, and unmasked words such as "vaccine" or "pfizer" pull toward CRITICAL
on PAN only because of what PAN is about. The NYT background costs a little PAN MCC but teaches the model that text
with no framing is not conspiracy (without it an empty or unfamiliar comment scores near the middle, as the PAN
negatives are long critical posts). Shipped model: trained on
{'PAN + the COVID comments' if SHIP_WITH_COVID else 'all of PAN'} + the background.

## Known failure modes
- The real labelled data is 711 COVID-era Telegram posts. The written comments that teach it short news comments
  on other topics come from one writer: the functional sets (`reports/conspiracy_functional*.md`, other writers and
  topics) measure how far that carries, but real comment streams will differ from both.
- The written comments use stock secrecy words more in their contrasts (debunks, idioms, documented scandals) than
  in their conspiracy rows, which mostly frame a plot without one; so a few stock words lean to "not conspiracy":
  "The truth is hidden in plain sight, they have been lying to us for fifty years." scores 0.26 (v3: 0.65). The
  lexicon's categories still push up.
- A plot told only through world knowledge ("the coroner retired the next week and moved abroad") is read from its
  words alone; many such comments stay below the review threshold, and their cues can be empty.
- Long ideological or religious rants are flagged though they name no hidden agent: many of the false alarms among
  the news comments are of this kind (v3 took "evil", "the truth is", "war on", "destruction" out of the lexicon).
- Framing words used plainly ("the government's plan", "a scam call") raise the score a little. The stance guards
  (`own_words`) are patterns, not understanding: a debunking sentence with none of their markers ("the 5G story
  falls apart on page one") still reads as the conspiracy it describes, while a conspiracy comment that reports
  what "they say" loses that clause, and one that calls others "crackpots" loses that sentence.
- Sentence scoring lifts a long comment with one conspiracy sentence, but also a long plain comment with one
  sentence that merely sounds like one.
- Topic words outside the masked list (e.g. of the next crisis) are learned as plain words from PAN's few texts;
  some topic-bound words of PAN's conspiracy posts (e.g. "chemtrails", "fluoride") carry weight (they raise the
  score but are not shown as cues).
- The COVID comments' labels follow vaccine stance more than framing (e.g. "Vaccine is a failure" is labelled
  conspiracy); a framing model ranks them only a little above chance.
- English only; sarcasm and irony are not understood. Cues are the strongest framing features' phrases, not a
  rationale; a flagged comment whose score comes from plain words alone can have few or no cues.
"""


def evaluate() -> str:
    """A Markdown section for reports/evaluation.md: the dev numbers of the shipped configuration.

    The shipped model is trained on every PAN text, so the dev numbers come from refitting the same
    configuration on the dev splits (deterministic, a few seconds)."""
    pan, covid = load_sets()
    entry = modelstore.read_manifest().get("conspiracy", {})
    background, news = background_texts(), news_comments()
    metrics = measure(pan, covid, SHIPPED, background, news, load_written(), comment_background_texts())
    return (f"## Conspiracy framing\n\nShipped model `conspiracy` ({entry.get('sha256', 'not trained')[:12]}), "
            f"threshold {entry.get('threshold', '?')}; dev numbers from refitting its configuration on the dev splits "
            f"(see `reports/models/conspiracy.md`).\n\n{_metrics_table(_dev_rows(metrics))}\n"
            f"Ordinary news comments flagged (Kaggle insults test, presumed non-conspiratorial): "
            f"{metrics['news_comments_flagged']['share']:.1%} of {metrics['news_comments_flagged']['n']:,} at the model's "
            f"threshold, {metrics['news_comments_flagged']['share_at_policy']:.1%} at the default policy's review "
            f"threshold ({POLICY_REVIEW}). Comments on topics no training set holds, written blind by someone else: "
            "`reports/conspiracy_functional_blind_2.md` (`python benchmarks/bench_functional.py conspiracy --data "
            "benchmarks/data/conspiracy_blind_2.jsonl`).\n")


if __name__ == "__main__":
    no_options(__doc__)
    print(json.dumps(train(), indent=2, default=str))
