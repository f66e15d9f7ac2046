"""What the threat cues (comments/scoring/threat_cues.py) change, on real news comments and on the Civil
Comments threat labels.

    python -m training.threat_cues

Writes reports/models/threat-cues.md: how many news comments (Kaggle insults test, UCC val) a cue fires on,
with every one of them quoted so that a reader can judge them; on the Civil Comments raw annotations, the
cue's recall and precision against the `threat` attribute label (most raters marked a Threat span, as the
attribute head learns it) and against "some rater marked a threat", and the `threat` ROC-AUC with the cues
off and on, over all posts and over the tsd_trial posts the attribute head never trained on; and how many
posts the default policy newly reviews. Texts are folded as `comments.score` folds them. The cost is measured
by `python benchmarks/bench_threat_cues.py`.
"""
from __future__ import annotations

import time

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

from comments import modelstore
from comments.atomic import write_text
from comments.scoring import threat_cues
from comments.scoring.toxicity import THREAT_AT_A_THING, ToxicityScorer
from comments.text import fold

from . import no_options
from . import datasets as ds
from .toxicity import _norm, attribute_labels

REPORT = ds.REPORTS / "models" / "threat-cues.md"
REVIEW = 0.50  # the default policy's threat review threshold


def _fired(texts: list[str]) -> list[list[tuple[str, str]]]:
    """(kind, phrase) of each text's cues."""
    out = []
    for text in texts:
        out.append([(c.kind, text[c.start:c.end]) for c in threat_cues.find(text)])
    return out


def _quoted(text: str, cues: list[tuple[str, str]], width: int = 160) -> str:
    phrases = "; ".join(f"{kind}: \"{phrase}\"" for kind, phrase in cues)
    flat = " ".join(text.split()).replace("|", "/")
    return f"| {phrases} | {flat[:width]}{'...' if len(flat) > width else ''} |"


def main() -> None:
    ds.require_data()
    started = time.perf_counter()
    model = modelstore.load("toxicity")
    known = model.word_toxicity.scores
    readable = lambda texts: [fold(t, known=known).text for t in texts]
    off, on = ToxicityScorer(model, threat_cues=False), ToxicityScorer(model)

    # news comments: how often the cues fire, and on what
    news_rows, news_quotes = [], []
    kaggle, ucc = ds.kaggle_insults("test"), ds.ucc_val()
    for name, texts, labels in (("Kaggle insults test", kaggle.text, kaggle.insult),
                                ("UCC val", ucc.text, ucc.hostile)):
        texts = readable(texts.tolist())
        fired = _fired(texts)
        hit = np.array([bool(c) for c in fired])
        y = labels.to_numpy() == 1
        label = "insult" if name.startswith("Kaggle") else "hostile"
        news_rows.append(f"| {name} | {len(texts)} | {int(hit.sum())} ({hit.mean():.2%}) | "
                         f"{int((hit & y).sum())} / {int((hit & ~y).sum())} ({label} / not) |")
        news_quotes += [_quoted(t, c) for t, c in zip(texts, fired) if c]

    # Civil Comments: the cue against the raters' threat spans; the attribute before and after
    raw = ds.toxic_spans_raw()
    texts = readable(raw.text.tolist())
    y = attribute_labels(raw).threat.to_numpy() == 1
    marked = raw.threat.to_numpy() > 0  # at least one rater marked a threat span
    hit = np.array([bool(c) for c in _fired(texts)])
    before, after = off.score(texts), on.score(texts)
    trial = raw.text.map(_norm).isin(set(ds.toxic_spans_semeval("trial").text.map(_norm))).to_numpy()

    def auc_row(name: str, rows: np.ndarray) -> str:
        aucs = [roc_auc_score(labels[rows], s.threat[rows]) for labels in (y, marked) for s in (before, after)]
        return f"| {name} | {int(rows.sum())} ({int(y[rows].sum())}) | " + " | ".join(f"{a:.4f}" for a in aucs) + " |"

    everything = np.ones(len(y), dtype=bool)
    reviewed = {label: (s.threat.to_numpy() >= REVIEW) for label, s in (("off", before), ("on", after))}
    kinds = pd.Series([c.kind for t in texts for c in threat_cues.find(t)]).value_counts()
    seconds = time.perf_counter() - started
    report = "\n".join([
        "# Threat cues: what they change", "",
        "Written by `python -m training.threat_cues`; every number below comes from that run. The cues "
        "(`comments/scoring/threat_cues.py`) raise `threat` and `severe_toxicity` to a fixed score per kind "
        f"({', '.join(f'{k} {v:.2f}' for k, v in threat_cues.SCORES.items())}: the default policy reviews both at "
        "0.50 and rejects severe_toxicity at 0.90) when a comment threatens a person with violence, and add the "
        "threatening phrase to `toxic_spans`; where every violent word of a comment is done to a thing (\"Kill the "
        f"bill!\", \"kill it with fire\") they cap the model's `threat` at {THREAT_AT_A_THING:.2f} instead. `toxicity` "
        "is never changed. *off* is the model alone, *on* is as shipped. The rules were written from sentences of our own (tests/test_threat_cues.py); the Civil Comments "
        "misses were read once while writing them, and a few person nouns (\"punk\", \"SOB\") and four phrase families added after it (\"go die\", \"burn "
        "your house down\", \"cut off their hands\", \"needs a punch in the face\"; they took the label-positive "
        "posts found from 13 to 20), so the Civil recall below is not a blind measure. Later, the imperative after "
        "a comma was limited to a sentence opened by a condition or ordered by \"then\" after reading what it newly "
        "fired on in 29,284 comments of ../shared/data (these Civil posts among them).", "",
        "## News comments: how often the cues fire", "",
        "| set | comments | a cue fires on | of which labelled |", "|---|---|---|---|", *news_rows, "",
        "Every comment a cue fires on, to judge the precision by reading:", "",
        "| cue | comment |", "|---|---|", *news_quotes, "",
        "## Civil Comments toxic-spans raw annotations (all rated toxic upstream)", "",
        f"{len(y)} posts; `threat` label (most raters marked a Threat span, as `training/toxicity.py` "
        f"`attribute_labels` makes it) on {int(y.sum())}; some rater marked a threat on {int(marked.sum())}.", "",
        f"- cue fires on {int(hit.sum())} posts (by kind: "
        f"{', '.join(f'{k} {n}' for k, n in kinds.items())})",
        f"- against the `threat` label: recall {(hit & y).sum() / y.sum():.4f} ({int((hit & y).sum())} of "
        f"{int(y.sum())}), precision {(hit & y).sum() / max(hit.sum(), 1):.4f}",
        f"- against \"some rater marked a threat\": recall {(hit & marked).sum() / marked.sum():.4f} "
        f"({int((hit & marked).sum())} of {int(marked.sum())}), "
        f"precision {(hit & marked).sum() / max(hit.sum(), 1):.4f}",
        f"- reviewed by the default policy (threat >= {REVIEW:.2f}): label-positive posts off "
        f"{int((reviewed['off'] & y).sum())}, on {int((reviewed['on'] & y).sum())} of {int(y.sum())}; "
        f"label-negative posts off {int((reviewed['off'] & ~y).sum())}, on {int((reviewed['on'] & ~y).sum())} "
        f"of {int((~y).sum())}", "",
        "`threat` ROC-AUC, cues off and on. The attribute head was trained on these posts except the tsd_trial "
        "ones, so *all posts* is in-sample for the model (not for the rules) and *tsd_trial posts* is held out:", "",
        "| posts | n (label pos) | AUC vs label, off | on | AUC vs some rater marked, off | on |",
        "|---|---|---|---|---|---|", auc_row("all posts", everything), auc_row("tsd_trial posts (held out)", trial), "",
        "Cost: `python benchmarks/bench_threat_cues.py` ([bench_threat_cues.md](../bench_threat_cues.md)).", "",
        f"({seconds:.0f} s)", ""])
    write_text(REPORT, report)
    print(report)


if __name__ == "__main__":
    no_options(__doc__)
    main()
