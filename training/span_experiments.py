"""Span-decision experiments for the shipped toxicity model (spans only; toxicity and attributes untouched).

`python -m training.span_experiments` writes reports/models/toxicity-spans-experiments.md.

Question: which decision of "which words of a comment to mark" reaches SemEval-2021 char F1 >= 0.65 on
tsd_trial *as shipped* (the comment is not known to be toxic) without marking words in clean comments?

Everything is chosen on data that is not tsd_trial:
- F1: out-of-fold tsd_train (word scores from a word model fitted on the other 4 folds; the comment's
  toxicity from the shipped head with lexicon features from that same fold model).
- false spans: clean comments of the head's training mix with their out-of-fold toxicity (Kaggle-train
  non-insults, TweetEval-offensive train+val non-offensive tweets, our identity sentences). The rate counted
  is the share of clean comments *without any word toxic in itself* (score >= the absolute threshold, e.g.
  "fuck", which is rightly marked) that still get a span: the "least clean word" false flag.
tsd_trial is scored only for each family's picks (at most two: strict and bar, see `main`), after the choice.
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from comments.adapt import platt
from comments.atomic import write_text
from comments.scoring.toxicity import WORD, WORD_PATTERN, ToxicityScorer, load
from training import no_options
from training import datasets as ds
from training import toxicity as tt

OUT = ds.REPORTS / "models" / "toxicity-spans-experiments.md"
BAR = 0.65
IDENTITY_MAX = 0.05  # at most 2 of our 40 identity words may draw a span in neutral sentences

# Identity terms (every word of training/toxicity.py's list, plus plurals): marked only when toxic in
# themselves in the "protected" family, never as a comment's relatively most toxic word.
IDENTITY_WORDS = frozenset(w + plural for term in tt.IDENTITIES for w in term.lower().split()
                           for plural in ("", "s"))


@dataclass
class Words:
    """One row per word of a set of comments: its post, the word, its score, the post's top word score
    and toxicity, and how often the word occurs in tsd_train (its training folds, for tsd_train itself)."""

    post: np.ndarray
    word: np.ndarray
    score: np.ndarray
    top: np.ndarray
    toxicity: np.ndarray
    seen: np.ndarray
    n_posts: int

    @classmethod
    def of(cls, post: np.ndarray, words: list[str], score: np.ndarray, post_toxicity: np.ndarray,
           seen: np.ndarray) -> "Words":
        top = pd.Series(score).groupby(post).transform("max").to_numpy() if len(score) else score
        return cls(post, np.array(words, dtype=object), score, top, np.asarray(post_toxicity)[post], seen,
                   len(post_toxicity))

    def keep(self, decide: "Decision") -> np.ndarray:
        return decide(self)


Decision = Callable[[Words], np.ndarray]  # which words to mark


def tokenize(texts: list[str]) -> tuple[np.ndarray, list[str], list[tuple[int, int]]]:
    post, words, offsets = [], [], []
    for i, text in enumerate(texts):
        for m in WORD.finditer(text):
            post.append(i)
            words.append(m.group().lower())
            offsets.append(m.span())
    return np.array(post, dtype=int), words, offsets


# --- candidate decisions -----------------------------------------------------------------------

def candidates(threshold: float, floor: float, relative: float, gate: float) -> dict[str, list[tuple[str, Decision]]]:
    """Candidate families. Words >= `threshold` are marked everywhere in all of them; they differ in when
    the relative rule (score >= relative x the comment's top word score) applies."""

    def relative_rule(floor_of_toxicity: Callable[[np.ndarray], np.ndarray], min_seen: int = 0,
                      protect_identity: bool = False) -> Decision:
        def decide(w: Words) -> np.ndarray:
            ok = (w.seen >= min_seen) | (w.toxicity >= gate)  # the known-word condition only below the gate
            if protect_identity:
                ok &= ~np.isin(w.word, list(IDENTITY_WORDS))
            return (w.score >= threshold) | ((w.score >= floor_of_toxicity(w.toxicity))
                                             & (w.score >= relative * w.top) & ok)
        return decide

    fams: dict[str, list[tuple[str, Decision]]] = {"shipped": [(
        f"hard gate {gate}, floor {floor}", relative_rule(lambda t: np.where(t >= gate, floor, np.inf)))]}
    fams["lower hard gate"] = [(f"hard gate {g}", relative_rule(lambda t, g=g: np.where(t >= g, floor, np.inf)))
                               for g in (0.15, 0.12, 0.10, 0.08, 0.06, 0.04)]
    steps, known, product, protected = [], [], [], []
    for lo in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55):
        for hi in (floor, 0.1, 0.2, 0.3):
            f = lambda t, lo=lo, hi=hi: np.where(t >= gate, hi, lo)
            steps.append((f"floor {hi} above gate {gate}, {lo} below", relative_rule(f)))
            known.append((f"floor {hi} above gate, {lo} below, below: word seen >= 3x", relative_rule(f, 3)))
    for c in (0.01, 0.02, 0.03, 0.05, 0.08):
        for hi in (floor, 0.1, 0.2):
            f = lambda t, c=c, hi=hi: np.maximum(hi, c / np.maximum(t, 1e-6))
            product.append((f"word score x toxicity >= {c}, floor {hi}", relative_rule(f)))
            protected.append((f"word score x toxicity >= {c}, floor {hi}, identity terms only if >= {threshold}",
                              relative_rule(f, protect_identity=True)))
    fams["graded floor (step)"] = steps
    fams["graded floor + known words"] = known
    fams["graded floor (score x toxicity)"] = product
    fams["score x toxicity, identity terms protected"] = protected
    return fams


# --- data ----------------------------------------------------------------------------------------

def lexicon_vocabulary(model) -> list[str]:
    """The lexicon words in the order of `model.lexicon_scores` (as `training.toxicity._lexicon` makes them)."""
    vectorizer, scores = tt._lexicon(model.word_toxicity)
    assert np.array_equal(scores, model.lexicon_scores), "lexicon differs from the shipped model's"
    return sorted(vectorizer.vocabulary)


def oof_tsd_train(scorer) -> tuple[Words, pd.DataFrame, list[tuple[int, int]]]:
    """Out-of-fold word scores and comment toxicity for tsd_train: for fold k, the word model is fitted
    on the other folds and the shipped head reads its lexicon features from that fold model."""
    model = scorer.model
    tsd = ds.toxic_spans_semeval("train")
    tokens = tt.token_table(tsd.text, tsd.spans)
    folds = tsd.text.map(lambda t: ds.stable_fold(t, tt.FOLDS)).to_numpy()
    token_fold = folds[tokens.post.to_numpy()]
    vocab = lexicon_vocabulary(model)
    score, seen, toxicity = np.zeros(len(tokens)), np.zeros(len(tokens)), np.zeros(len(tsd))
    for k in range(tt.FOLDS):
        held = token_fold == k
        fold_words = tt.fit_word_toxicity(tokens[~held])
        score[held] = fold_words.score_words(tokens.word[held].tolist())
        seen[held] = tokens.word[held].map(tokens.word[~held].value_counts()).fillna(0).to_numpy()
        fold_model = dataclasses.replace(model, lexicon_scores=fold_words.score_words(vocab))
        in_fold = folds == k
        toxicity[in_fold] = ToxicityScorer(fold_model).score(tsd.text[in_fold].tolist()).toxicity.to_numpy()
    words = Words.of(tokens.post.to_numpy(), tokens.word.tolist(), score, toxicity, seen)
    return words, tsd, list(zip(tokens.start, tokens.end))


def oof_clean_sets(model, seen_count: pd.Series) -> tuple[dict[str, Words], float]:
    """Clean comments of the head's training mix with their out-of-fold toxicity, made as
    `training.toxicity.train` makes it (same features, folds, head, Platt step); also the span gate
    that this OOF gives, to check it reproduces the shipped one."""
    data = tt.toxicity_training_set(None)
    trial = set(ds.toxic_spans_semeval("trial").text.map(tt._norm))
    raw = ds.toxic_spans_raw()
    raw = raw[~raw.text.map(tt._norm).isin(trial)]
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=50_000, sublinear_tf=True,
                            token_pattern=WORD_PATTERN, dtype=np.float32).fit(pd.concat([data.text, raw.text]))
    lexicon, lexicon_scores = tt._lexicon(model.word_toxicity)
    _, x_head = tt.head_features(words, lexicon, lexicon_scores, data.text.tolist())
    y, w, fold, hate = data.y.to_numpy(), data.weight.to_numpy(), data.fold.to_numpy(), data.hate.to_numpy()
    z = np.zeros(len(data))
    for k in range(tt.FOLDS):
        fit = tt._fit_head(x_head[fold != k], y[fold != k], w[fold != k], hate[fold != k])
        z[fold == k] = fit.decision_function(x_head[fold == k])
    a, b = platt(z, y, w)
    data["toxicity"] = 1 / (1 + np.exp(-(a * z + b)))
    news_insults = data.toxicity[(data.source == "kaggle") & (data.y == 1)]
    gate = float(np.floor(np.quantile(news_insults, 0.10) * 100) / 100)
    names = {"kaggle": "Kaggle-train non-insults", "olid": "OLID train+val non-offensive",
             "identity": "identity sentences"}
    sets = {label: clean_words(model, d.text.tolist(), d.toxicity.to_numpy(), seen_count)
            for src, label in names.items() for d in [data[(data.source == src) & (data.y == 0)]]}
    return sets, gate


def clean_words(model, texts: list[str], toxicity: np.ndarray, seen_count: pd.Series) -> Words:
    post, words, _ = tokenize(texts)
    seen = pd.Series(words, dtype=object).map(seen_count).fillna(0).to_numpy()
    return Words.of(post, words, model.word_toxicity.score_words(words), toxicity, seen)


def heldout_clean_sets(scorer, seen_count: pd.Series) -> dict[str, Words]:
    """Clean comments never trained on (shipped toxicity): reported for the picks only."""
    kaggle, olid, ucc = ds.kaggle_insults("test"), ds.tweeteval("offensive", "test"), ds.ucc_val()
    sets = {"Kaggle test non-insults": kaggle.text[kaggle.insult == 0],
            "OLID test non-offensive": olid.text[olid.label == 0],
            "UCC val healthy": ucc.text[(ucc.unhealthy == 0) & (ucc.hostile == 0) & (ucc.antagonize == 0)]}
    return {name: clean_words(scorer.model, t.tolist(), scorer.score(t.tolist()).toxicity.to_numpy(), seen_count)
            for name, t in sets.items()}


# --- metrics -------------------------------------------------------------------------------------

def char_f1(words: Words, keep: np.ndarray, offsets: list[tuple[int, int]], gold: list[list[int]]) -> float:
    spans: list[list[list[int]]] = [[] for _ in range(words.n_posts)]
    for i in np.flatnonzero(keep):
        spans[words.post[i]].append(list(offsets[i]))
    return tt.span_char_f1(spans, gold)


def false_span_rate(words: Words, keep: np.ndarray, threshold: float) -> float:
    """Share of comments with no word >= threshold that still get a span."""
    toxic_word = np.zeros(words.n_posts, bool)
    toxic_word[words.post[words.score >= threshold]] = True
    marked = np.zeros(words.n_posts, bool)
    marked[words.post[keep]] = True
    return float(marked[~toxic_word].mean()) if (~toxic_word).any() else 0.0


def any_span_rate(words: Words, keep: np.ndarray) -> float:
    return float(len(np.unique(words.post[keep])) / max(words.n_posts, 1))


def main() -> str:
    t0 = time.time()
    scorer = load()
    model = scorer.model
    rule, gate = model.span_rule, model.span_gate
    train_words, tsd, train_offsets = oof_tsd_train(scorer)
    seen_count = pd.Series(tt.token_table(tsd.text, tsd.spans).word).value_counts()
    clean, oof_gate = oof_clean_sets(model, seen_count)
    assert oof_gate == gate, f"OOF toxicity not reproduced: its span gate is {oof_gate}, shipped {gate}"

    fams = candidates(rule.threshold, rule.floor, rule.relative, gate)

    rows = []
    for family, members in fams.items():
        for name, decide in members:
            f1 = char_f1(train_words, train_words.keep(decide), train_offsets, tsd.spans.tolist())
            rates = {k: false_span_rate(w, w.keep(decide), rule.threshold) for k, w in clean.items()}
            rows.append({"family": family, "candidate": name, "decide": decide, "oof_f1": f1, **rates})
    table = pd.DataFrame(rows)
    base = table.iloc[0]
    clean_names = list(clean)
    news = clean_names[:2]
    # Pick per family (never looking at trial):
    #  strict: best OOF F1 with no more false spans than shipped on either news set, identity <= 5%;
    #  bar: among candidates with OOF F1 >= BAR, the fewest added false spans (worst news set increase).
    table["strict_ok"] = (table[news] <= base[news] + 1e-9).all(axis=1) & (table[clean_names[2]] <= IDENTITY_MAX)
    table["added"] = (table[news] - base[news].to_numpy(float)).max(axis=1)
    picks = []
    for family, g in table.groupby("family", sort=False):
        if family == "shipped":
            picks.append(("shipped", g.index[0]))
            continue
        strict = g[g.strict_ok]
        if len(strict):
            picks.append(("strict", strict.oof_f1.idxmax()))
        bar = g[g.oof_f1 >= BAR]
        if len(bar):
            picks.append((f"OOF>={BAR}", bar.added.idxmin()))

    # Final measurement: tsd_trial as shipped, once per pick; plus clean sets never trained on.
    trial = ds.toxic_spans_semeval("trial")
    texts = trial.text.tolist()
    trial_toxicity = scorer.score(texts).toxicity.to_numpy()
    post, words, offsets = tokenize(texts)
    trial_words = Words.of(post, words, model.word_toxicity.score_words(words), trial_toxicity,
                           pd.Series(words, dtype=object).map(seen_count).fillna(0).to_numpy())
    heldout = heldout_clean_sets(scorer, seen_count)
    shipped_trial = tt.span_char_f1(model.spans(texts, trial_toxicity), trial.spans.tolist())
    results = []
    for why, i in picks:
        r = table.loc[i]
        trial_f1 = char_f1(trial_words, trial_words.keep(r.decide), offsets, trial.spans.tolist())
        held = {k: false_span_rate(w, w.keep(r.decide), rule.threshold) for k, w in heldout.items()}
        anyspan = {k: any_span_rate(w, w.keep(r.decide)) for k, w in {**clean, **heldout}.items()}
        results.append((why, r, trial_f1, held, anyspan))

    fmt = lambda x: f"{x:.3f}"
    lines = [
        "# Toxic spans: shipped span decision experiments",
        "",
        f"Written by `python -m training.span_experiments` ({time.time() - t0:.0f} s, one core). Spans only: "
        "the toxicity and attribute outputs are the shipped model's, unchanged (every candidate reads them).",
        "",
        f"Shipped rule: words with score >= {rule.threshold} everywhere; the relative rule (score >= "
        f"{rule.relative} x the comment's top word score, and >= floor {rule.floor}) only when toxicity >= the "
        f"span gate {gate}. `model.spans` on tsd_trial: {shipped_trial:.4f} (this script's reimplementation of "
        f"it: {results[0][2]:.4f}).",
        "",
        "Chosen on: out-of-fold tsd_train char F1 (as shipped: OOF word scores and OOF comment toxicity) and "
        "the false-span rate (share of clean comments without a word toxic in itself that still get a span) on "
        "the clean comments of the head's training mix, with out-of-fold toxicity. tsd_trial and the held-out "
        f"clean sets are measured only for the picks below ({len(picks)} trial measurements, one per pick).",
        "",
        "Picks: *strict* = best OOF F1 with no more false spans than shipped on either news set and <= 5% of the "
        f"identity sentences; *OOF>={BAR}* = the candidate reaching the bar on OOF train with the smallest "
        "increase of false spans (worst news set).",
        "",
        "## Picks, with the final measurements",
        "",
        "| family | pick | candidate | OOF train F1 | **trial F1 shipped** | false spans: " +
        " / ".join(clean_names) + " | held-out false spans: " + " / ".join(heldout) + " | any span: " +
        " / ".join([*clean, *heldout]) + " |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for why, r, trial_f1, held, anyspan in results:
        lines.append(f"| {r.family} | {why} | {r.candidate} | {r.oof_f1:.4f} | **{trial_f1:.4f}** | "
                     + " / ".join(fmt(r[k]) for k in clean_names) + " | "
                     + " / ".join(fmt(v) for v in held.values()) + " | "
                     + " / ".join(fmt(v) for v in anyspan.values()) + " |")
    strict = [x for x in results if x[0] == "strict"]
    bar = [x for x in results if x[0] != "strict" and x[1].family != "shipped"]
    best_strict = max(strict, key=lambda x: x[2])
    ucc = list(heldout)[-1]
    lines += ["", "## Reading", "",
              f"- Keeping false spans at or below shipped on the training clean sets, the best pick reaches "
              f"{best_strict[2]:.4f} on trial ({best_strict[1].family}: {best_strict[1].candidate}); shipped "
              f"{results[0][2]:.4f}.",
              f"- The picks reaching OOF F1 >= {BAR} reach trial {min(x[2] for x in bar):.4f}-"
              f"{max(x[2] for x in bar):.4f}, at {min(x[3][ucc] for x in bar):.3f}-{max(x[3][ucc] for x in bar):.3f} "
              f"false spans on {ucc} (shipped {results[0][3][ucc]:.3f}).",
              "- Every member below the gate trades F1 for false spans along one curve: the word lexicon "
              "cannot tell a mildly toxic Civil comment the head scores low from a clean comment whose most "
              "toxic word is mild (often an identity term: black, muslims, gay)."]
    lines += ["", "## Every candidate (train-side numbers only)", "",
              "| family | candidate | OOF train F1 | false spans: " + " / ".join(clean_names) + " |",
              "|---|---|---|---|"]
    for _, r in table.iterrows():
        lines.append(f"| {r.family} | {r.candidate} | {r.oof_f1:.4f} | "
                     + " / ".join(fmt(r[k]) for k in clean_names) + " |")
    report = "\n".join(lines) + "\n"
    write_text(OUT, report)
    return report


if __name__ == "__main__":
    no_options(__doc__)
    print(main())
