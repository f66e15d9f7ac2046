"""Adapting the toxicity model to a newsroom's own labels (`comments adapt`).

Every desk moderates by its own norms: what one rejects as an insult, another lets stand. Given comments
its moderators labelled (toxic or not, or reject / approve), a new toxicity head is learned *on top of*
the shipped one: a logistic regression over the shipped head's decision value and the same features it
reads (word uni+bigram TF-IDF, alt-profanity-check, the word-toxicity lexicon). L2 regularisation keeps
the new word weights small, so with few labels the model stays close to the shipped one (the weight on the
shipped decision carries it) and with many it learns the desk's own words. The shipped decision is linear
in those same features, so the result folds back into one linear head: the adapted model is a
`ToxicityModel` like the shipped one, scored at the same speed; its spans and attributes are unchanged.
It re-weighs the words the shipped model knows (50,000 word uni+bigrams): a word it never saw (a slur
coined on your site) cannot be learned this way; put such words in your policy's word lists.

Measured, not assumed: a fifth of the labelled texts (by a hash of the text, so a repeated text stays on
one side, and so does a repost that differs only in case, spacing or punctuation) is held out; the head is
fitted on the other four fifths, and the shipped and the adapted model are both scored on the held-out
fifth. The adapted model is the one measured (trained without that fifth).
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np

from . import modelstore
from .atomic import write_text
from .scoring.linear import Linear, Rows, sigmoid
from .scoring.toxicity import ToxicityModel

TOXIC = {"true", "yes", "y", "toxic", "reject", "rejected", "remove", "removed"}
NOT_TOXIC = {"false", "no", "n", "not toxic", "not_toxic", "non-toxic", "nontoxic", "approve", "approved", "keep", "ok"}
UNDECIDED = {"", "nan", "none", "<na>", "review"}  # "review": a moderator has not decided (the queue's own action)
MIN_PER_CLASS = 20
HOLDOUT_FOLDS = 5  # one of them held out
C_GRID = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
SEED = 0


class LabelError(ValueError):
    """Labels that cannot be used; the message names the row or the reason."""


SHOWN_BAD_LABELS = 5  # the unreadable labels a LabelError names (it counts them all)


def parse_labels(values: Iterable[object]) -> np.ndarray:
    """1 toxic, 0 not, -1 unlabelled (empty or missing) for each value. Values that are none of these make one
    LabelError that counts them and names the first few with their data row (1-based: the first row under
    the header), so a desk fixes them in one go."""
    labels, bad = [], []
    for row, value in enumerate(values, start=1):
        label = _label(value)
        if label is None:
            bad.append(f"{str(value)[:40]!r} (data row {row})")
        labels.append(label)
    if bad:
        shown = ", ".join(bad[:SHOWN_BAD_LABELS]) + (f" and {len(bad) - SHOWN_BAD_LABELS} more"
                                                     if len(bad) > SHOWN_BAD_LABELS else "")
        raise LabelError(f"{len(bad)} label{'s are' if len(bad) > 1 else ' is'} not one of 1/0, true/false, yes/no, "
                         f"toxic/not toxic, reject/approve (empty or review = unlabelled): {shown}")
    return np.array(labels, dtype=np.int64)


def _label(value: object) -> int | None:
    """1, 0 or -1 (see `parse_labels`), or None for a value that is none of them."""
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        if np.isnan(value):
            return -1
        if value in (0, 1):
            return int(value)
    else:
        word = "" if value is None else " ".join(str(value).lower().split())
        if word in TOXIC:
            return 1
        if word in NOT_TOXIC:
            return 0
        if word in UNDECIDED:
            return -1
        number = _number(word)
        if number in (0.0, 1.0):  # "1", "0.00"
            return int(number)
    return None


def _number(word: str) -> float | None:
    try:
        return float(word)
    except ValueError:
        return None


def _conflicting(texts: list[str], y: np.ndarray) -> int:
    """How many distinct texts carry both labels."""
    seen: dict[str, set[int]] = {}
    for text, label in zip(texts, y.tolist()):
        seen.setdefault(same_text_key(text), set()).add(label)
    return sum(len(labels) == 2 for labels in seen.values())


def chance_auc(y: np.ndarray) -> float:
    """The ROC-AUC on labels `y` that random scores reach only one time in 20 (one-sided, the normal
    approximation of the Mann-Whitney test): a model ranking them no better has learned nothing from them."""
    toxic = int(y.sum())
    other = len(y) - toxic
    return 0.5 + 1.645 * ((toxic + other + 1) / (12 * toxic * other)) ** 0.5


def heldout(texts: list[str]) -> np.ndarray:
    """True for the texts of the held-out fifth: a hash of the text's `same_text_key`, so duplicates and
    near-duplicate reposts share a side."""
    return np.array([_hash(t) % HOLDOUT_FOLDS == 0 for t in texts], dtype=bool)


def same_text_key(text: str) -> str:
    """What a repost keeps: "Great article!!" and "great  article!" are one text (NFKC, casefolded,
    punctuation and symbols dropped, whitespace collapsed). A text of punctuation or emoji alone keeps
    them, so that "👍" and "😡" stay two texts."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in folded).split()) or " ".join(folded.split())


def _hash(text: str, salt: str = "") -> int:
    return int(hashlib.sha1((salt + same_text_key(text)).encode("utf-8")).hexdigest()[:8], 16)


@dataclass(frozen=True)
class HeldOut:
    """How the shipped and the adapted model score the held-out fifth of the labels."""

    rows: int
    toxic: int
    auc_shipped: float
    auc_adapted: float
    auc_profanity_check: float  # alt-profanity-check alone, the usual baseline
    ap_shipped: float
    ap_adapted: float
    f1_shipped: float  # at the shipped model's threshold
    f1_adapted: float  # at the adapted model's threshold
    brier_shipped: float
    brier_adapted: float
    auc_change_interval: tuple[float, float]  # 95% paired bootstrap interval of auc_adapted - auc_shipped


@dataclass(frozen=True)
class Adapted:
    model: ToxicityModel
    heldout: HeldOut
    train_rows: int
    train_toxic: int
    unlabelled: int  # rows without a label (skipped)
    conflicting: int  # texts labelled both toxic and not (kept: they teach the model that they are unclear)
    c: float | None  # the regularisation chosen by cross-validation on the training part (None: no new head)
    shipped_weight: float  # the new head's weight on the shipped decision (1 = as shipped)
    cv_auc_shipped: float  # ROC-AUC of the shipped model on the training part
    cv_auc_adapted: float  # out-of-fold ROC-AUC of the new head there (4 folds), at the chosen C
    seconds: float

    @property
    def new_head(self) -> bool:
        """False when cross-validation found no head better than the shipped one: then only the calibration
        and the threshold are your labels'."""
        return self.c is not None


def adapt_toxicity(texts: list[str], labels: Iterable[object], base: ToxicityModel | None = None) -> Adapted:
    """The shipped toxicity model (or `base`) adapted to `labels` (see `parse_labels`) of `texts`, with its
    held-out measure."""
    from sklearn.metrics import average_precision_score, brier_score_loss, f1_score, roc_auc_score

    started = time.perf_counter()
    base = modelstore.load("toxicity", shipped=True) if base is None else base  # what the card calls shipped
    y_all = parse_labels(labels)
    texts = ["" if t is None else str(t) for t in texts]
    if len(texts) != len(y_all):
        raise LabelError(f"{len(texts)} texts but {len(y_all)} labels")
    labelled = y_all >= 0
    texts, y = [t for t, keep in zip(texts, labelled) if keep], y_all[labelled]
    conflicting = _conflicting(texts, y)
    test = heldout(texts)
    for part, mask in (("training four fifths", ~test), ("held-out fifth", test)):
        toxic = int(y[mask].sum())
        need = MIN_PER_CLASS if part.startswith("training") else 2
        if min(toxic, int(mask.sum()) - toxic) < need:
            raise LabelError(f"too few labels to adapt: the {part} has {toxic} toxic and {int(mask.sum()) - toxic} "
                             f"other comments (need {need} of each; {int(y.sum())} toxic of {len(y)} labelled)")

    x, dense, z = _features(base, texts)
    design = _design(x, dense, z, n_words=len(base.words.vocabulary))
    train = np.flatnonzero(~test)
    c, oof, cv_auc = _choose_c(design[train], y[train], [_hash(texts[i], "inner") % 4 for i in train])
    shipped_auc = float(roc_auc_score(y[train], z[train]))
    if max(cv_auc, shipped_auc) < (chance := chance_auc(y[train])):  # a model from them would flag all or nothing
        raise LabelError(f"the labels do not follow the texts: on the training four fifths neither the shipped model "
                         f"(ROC-AUC {shipped_auc:.2f}) nor a head learned from them ({cv_auc:.2f} out of fold) ranks "
                         f"the toxic comments above the others more often than chance does (ROC-AUC {chance:.2f} "
                         "needed); is the text column the comments' own text, and the label column your moderators' "
                         "decision?")
    if cv_auc > shipped_auc:  # a new head only when cross-validation on your labels says it ranks better
        fitted = _fit(design[train], y[train], c)
        head, weight, train_scores = _folded(base.head, fitted), float(fitted.coef_[0, -1]), oof
    else:  # few or noisy labels: keep the shipped head, learn only the calibration and the threshold
        head, weight, train_scores, c = base.head, 1.0, z[train], None
    a, b = platt(train_scores, y[train])
    model = dataclasses.replace(base, head=head, calibration=(a, b),
                                threshold=best_f1_threshold(sigmoid(a * train_scores + b), y[train]),
                                shipped=base.shipped or (base.head, base.calibration, base.threshold))

    p_shipped = base.toxicity(x, dense)[test]
    p_adapted = model.toxicity(x, dense)[test]
    y_test = y[test]
    measured = HeldOut(
        rows=int(test.sum()), toxic=int(y_test.sum()),
        auc_shipped=_r(roc_auc_score(y_test, p_shipped)), auc_adapted=_r(roc_auc_score(y_test, p_adapted)),
        auc_profanity_check=_r(roc_auc_score(y_test, dense[test, 0])),  # its logit ranks as its probability
        ap_shipped=_r(average_precision_score(y_test, p_shipped)),
        ap_adapted=_r(average_precision_score(y_test, p_adapted)),
        f1_shipped=_r(f1_score(y_test, p_shipped >= base.threshold)),
        f1_adapted=_r(f1_score(y_test, p_adapted >= model.threshold)),
        brier_shipped=_r(brier_score_loss(y_test, p_shipped)), brier_adapted=_r(brier_score_loss(y_test, p_adapted)),
        auc_change_interval=_auc_change_interval(y_test, p_shipped, p_adapted))
    return Adapted(model=model, heldout=measured, train_rows=len(train), train_toxic=int(y[train].sum()),
                   unlabelled=int((~labelled).sum()), conflicting=conflicting, c=c, shipped_weight=_r(weight), cv_auc_shipped=_r(shipped_auc),
                   cv_auc_adapted=_r(cv_auc), seconds=round(time.perf_counter() - started, 1))


POLICY_NAME = "policy.toml"


def save(adapted: Adapted, out_dir: str | Path, source: str) -> Path:
    """Write the adapted model (DIR/toxicity.joblib and DIR/MANIFEST.json, as `--models DIR` reads them),
    its card DIR/toxicity-adapted.md and the policy to use it with, DIR/policy.toml (`adapted_policy`);
    the other models stay the shipped ones."""
    out = Path(out_dir)
    check_out_dir(out)
    out.mkdir(parents=True, exist_ok=True)
    shipped = modelstore.read_manifest().get("toxicity", {})
    meta = {"version": f"adapted {time.strftime('%Y-%m-%d')}", "adapted_from": shipped.get("sha256", "?")[:12],
            "labels": source, "train_rows": adapted.train_rows, "threshold": adapted.model.threshold}
    policy = adapted_policy(adapted, source, out)  # before anything is written: a policy that fails leaves no model
    path = modelstore.save(adapted.model, "toxicity", meta, models_dir=out)
    write_text(out / POLICY_NAME, policy)
    write_text(out / "toxicity-adapted.md", card(adapted, source, out))
    return path


def toxicity_thresholds(adapted: Adapted, default_review: float, default_reject: float) -> tuple[float, float]:
    """(review, reject) for the adapted model: review at its threshold with the best F1 on your labels;
    reject as far up the rest of the way to 1.0 as the default's reject is above its review (0.97 is 85% of
    the way from 0.80 to 1.0), so that the adapted model's surest calls are rejected as the default's are."""
    review = round(adapted.model.threshold, 2)
    share = (default_reject - default_review) / (1 - default_review) if default_review < 1 else 0.0
    return review, round(min(1.0, max(review, review + (1 - review) * share)), 2)


_TOXICITY_RULE = re.compile(r"(?m)^toxicity\s*=\s*\{[^}\n]*\}[^\n]*$")


def adapted_policy(adapted: Adapted, source: str, out_dir: str | Path = "DIR") -> str:
    """The default policy with the toxicity thresholds for the adapted model (`toxicity_thresholds`).

    The adapted model's toxicity reads as the chance that *your* moderators would label the comment
    toxic, a scale of its own: the default's review threshold (0.80, set for the shipped model, well above
    its best-F1 threshold) can flag far fewer of the comments your desk rejects."""
    from .policy import default_policy_text, load_policy, parse_policy

    default = load_policy(None)
    if "toxicity" not in default.review:
        raise ValueError("the default policy has no toxicity review threshold to adapt")
    review, reject = toxicity_thresholds(adapted, default.review["toxicity"],
                                         default.reject.get("toxicity", default.review["toxicity"]))
    rule = f"toxicity        = {{ review = {review:.2f}, reject = {reject:.2f} }}  # adapted (see the top)"
    text, found = _TOXICITY_RULE.subn(rule, default_policy_text(), count=1)
    if not found:  # (the default's layout changed: the rule goes first in its table)
        text = text.replace("[scores]\n", f"[scores]\n{rule}\n", 1)
    m = adapted.heldout
    header = (
        f"# The moderation policy for the adapted toxicity model in {out_dir}, written by `comments adapt`\n"
        f"# from {source}: the default policy, but for the toxicity thresholds. The adapted model's toxicity\n"
        "# reads as the chance that your moderators would label a comment toxic, a scale of its own that the\n"
        f"# default's thresholds ({default.review['toxicity']:.2f} review, set for the shipped model) do not fit.\n"
        f"#   review {review:.2f}: the threshold with the best F1 on your labels (out-of-fold, on the four fifths\n"
        f"#     trained on); on the held-out fifth, F1 {m.f1_adapted:.3f} there (the shipped model with its own\n"
        f"#     threshold: {m.f1_shipped:.3f}).\n"
        f"#   reject {reject:.2f}: as far from it towards 1.0 as the default's reject is from its review.\n"
        f"# Use it with that model: comments report PAGES --out OUT --models {out_dir} --trust-models\n"
        f"#   --policy {Path(out_dir) / POLICY_NAME}. With a policy of your own, copy these two thresholds into it.\n\n")
    text = header + text
    policy = parse_policy(text, source=POLICY_NAME)  # the default checks out: so must this
    if (policy.review.get("toxicity"), policy.reject.get("toxicity")) != (review, reject):
        raise ValueError("the adapted toxicity thresholds did not land in the policy")
    return text


def check_out_dir(out_dir: str | Path) -> None:
    """Refuse the shipped models' folder: the adapted model would replace the shipped one."""
    if Path(out_dir).resolve() == modelstore.MODELS_DIR.resolve():
        raise ValueError(f"{out_dir}: the shipped models' folder; give the adapted model a folder of its own")


def card(adapted: Adapted, source: str, out_dir: str | Path = "DIR") -> str:
    m = adapted.heldout
    rows = [("ROC-AUC", m.auc_shipped, m.auc_adapted), ("average precision", m.ap_shipped, m.ap_adapted),
            ("F1 at the model's threshold", m.f1_shipped, m.f1_adapted), ("Brier (lower is better)",
                                                                          m.brier_shipped, m.brier_adapted)]
    table = "\n".join(f"| {name} | {s:.3f} | {a:.3f} | {a - s:+.3f} |" for name, s, a in rows)
    head = (f"The shipped model's features and a new logistic-regression head over them and the shipped decision\n"
            f"(C = {adapted.c}, chosen by 4-fold cross-validation on the training rows, where it ranks at ROC-AUC "
            f"{adapted.cv_auc_adapted:.3f}\nagainst the shipped model's {adapted.cv_auc_shipped:.3f}; weight on the "
            f"shipped decision {adapted.shipped_weight}).") if adapted.new_head else (
            f"No new head: on the training rows no head ranked better than the shipped model under 4-fold\n"
            f"cross-validation ({adapted.cv_auc_adapted:.3f} against {adapted.cv_auc_shipped:.3f}), so the shipped head "
            f"is kept and only\nits calibration and threshold come from your labels.")
    conflicts = (f"**{adapted.conflicting} texts are labelled both toxic and not**: check them; a model cannot learn "
                 "from labels that disagree.\n" if adapted.conflicting else "")
    low, high = m.auc_change_interval
    verdict = (f"ranks your held-out comments better than the shipped model (ROC-AUC {m.auc_adapted - m.auc_shipped:+.3f}, "
               f"95% interval {low:+.3f} to {high:+.3f})" if low > 0 else
               f"is not clearly better at ranking your held-out comments (ROC-AUC {m.auc_adapted - m.auc_shipped:+.3f}, "
               f"95% interval {low:+.3f} to {high:+.3f}, which includes no change): label more comments, "
               "or keep the shipped model")
    return f"""# Adapted toxicity model

Written by `comments adapt` from `{source}`: trained on {adapted.train_rows} labelled comments
({adapted.train_toxic} toxic), {m.rows} held out ({m.toxic} toxic), {adapted.unlabelled} rows without a label skipped.
{conflicts}
Took {adapted.seconds} s.

{head}
Calibrated (Platt) on out-of-fold scores of your labels, so `toxicity` now reads
as the chance that your moderators would label the comment toxic. Threshold with the best F1 on them:
{adapted.model.threshold:.2f} (the policy's thresholds decide the actions: see below). Spans and attributes
(`insult`, `obscene`, `threat`...) are the shipped model's, read on the shipped toxicity, so the policy's
thresholds for them keep their meaning. Words the shipped model never saw cannot be learned: list them in your policy.

## On the held-out fifth of your labels

| metric | shipped | adapted | change |
|---|---|---|---|
{table}

alt-profanity-check alone: ROC-AUC {m.auc_profanity_check:.3f}. The adapted model {verdict}.

Use it: `comments report PAGES --out OUT --models {out_dir} --trust-models --policy {Path(out_dir) / POLICY_NAME}`,
or `comments score ... --models {out_dir} --trust-models`. `{POLICY_NAME}` is the default policy with the
toxicity thresholds for this model: review {adapted.model.threshold:.2f} (its threshold above), reject as far
above it towards 1.0 as the default's reject is above its review. The default's own toxicity thresholds are
set for the shipped model and do not fit this one's scale. The sentiment and conspiracy models stay the
shipped ones.
"""


def _features(model: ToxicityModel, texts: list[str]) -> tuple[Rows, np.ndarray, np.ndarray]:
    """The shipped model's word features and dense head features, and the shipped head's decision."""
    x, dense = model.features(texts)
    return x, dense, model.head.decision(x, dense)[:, 0]


def _design(x: Rows, dense: np.ndarray, z: np.ndarray, n_words: int):
    """[word features, dense features, shipped decision] as one sparse matrix for scikit-learn."""
    import scipy.sparse as sp

    words = sp.csr_matrix((x.value, (x.doc, x.col)), shape=(x.n_docs, n_words))
    return sp.hstack([words, sp.csr_matrix(np.column_stack([dense, z]))]).tocsr()


def _fit(design, y: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight="balanced", max_iter=3000, solver="liblinear",
                              random_state=SEED).fit(design, y)


def _choose_c(design, y: np.ndarray, folds: list[int]) -> tuple[float, np.ndarray, float]:
    """The C with the best out-of-fold ROC-AUC (the smaller one on a tie), its out-of-fold decisions and
    that ROC-AUC."""
    from sklearn.metrics import roc_auc_score

    folds = np.asarray(folds)
    best = None
    for c in C_GRID:
        oof = np.zeros(len(y))
        for k in range(4):
            held = folds == k
            if held.any() and 0 < y[~held].sum() < (~held).sum():
                oof[held] = _fit(design[~held], y[~held], c).decision_function(design[held])
        auc = roc_auc_score(y, oof)
        if best is None or auc > best[0] + 1e-9:
            best = (auc, c, oof)
    return best[1], best[2], float(best[0])


def platt(z: np.ndarray, y: np.ndarray, w: np.ndarray | None = None) -> tuple[float, float]:
    """Platt scaling (a, b): P(y = 1) = sigmoid(a * z + b). Training uses it too."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e4, random_state=SEED).fit(z[:, None], y, sample_weight=w)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def best_f1_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The threshold on a 0.10-0.90 grid (step 0.02) with the best F1. Training uses it too."""
    from sklearn.metrics import f1_score

    grid = np.round(np.arange(0.1, 0.91, 0.02), 2)
    return float(grid[int(np.argmax([f1_score(y, p >= t) for t in grid]))])


def _folded(shipped: Linear, head) -> Linear:
    """The new head as one linear model over the shipped head's inputs: w.x + g * (v.x + c) + d
    = (w + g v).x + (d + g c)."""
    coef = np.asarray(head.coef_[0], dtype=np.float64)
    g = coef[-1]  # the weight on the shipped decision; the rest line up with the shipped head's inputs
    return Linear(coef=coef[:-1, None] + g * shipped.coef,
                  intercept=np.asarray(head.intercept_, dtype=np.float64) + g * shipped.intercept)


def _auc_change_interval(y: np.ndarray, before: np.ndarray, after: np.ndarray,
                         resamples: int = 300) -> tuple[float, float]:
    """The 95% interval of the ROC-AUC change over paired bootstrap resamples of the held-out rows: with few
    held-out toxic comments, a small change is noise, and this says how small."""
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(SEED)
    changes = []
    for _ in range(resamples):
        i = rng.integers(0, len(y), len(y))
        if 0 < y[i].sum() < len(i):
            changes.append(roc_auc_score(y[i], after[i]) - roc_auc_score(y[i], before[i]))
    low, high = np.percentile(changes, [2.5, 97.5])
    return _r(low), _r(high)


def _r(value: float) -> float:
    return round(float(value), 4)


def summary(adapted: Adapted) -> str:
    """A few lines for the terminal."""
    m = adapted.heldout
    return "\n".join([
        f"trained on {adapted.train_rows} labelled comments ({adapted.train_toxic} toxic); held out {m.rows} "
        f"({m.toxic} toxic); {adapted.unlabelled} unlabelled rows skipped"
        + (f"; warning: {adapted.conflicting} texts are labelled both toxic and not" if adapted.conflicting else ""),
        f"held-out ROC-AUC: shipped {m.auc_shipped:.3f} -> adapted {m.auc_adapted:.3f} (95% interval of the change "
        f"{m.auc_change_interval[0]:+.3f} to {m.auc_change_interval[1]:+.3f}; alt-profanity-check "
        f"{m.auc_profanity_check:.3f}); average precision {m.ap_shipped:.3f} -> {m.ap_adapted:.3f}",
        f"threshold with the best F1 on your labels: {adapted.model.threshold:.2f}"
        + ("" if adapted.new_head else "; no new head (it did not beat the shipped one in cross-validation): "
           "only the calibration and the threshold are yours"),
    ])
