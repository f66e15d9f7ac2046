"""How much `comments adapt` gains when a newsroom brings its own labels. `python -m training.adaptation`.

Each labelled news-comment set that the shipped toxicity model was not trained on plays a newsroom: the
Globe and Mail's crowd labels (UCC val: `hostile`, `unhealthy`; CC BY-NC-SA, so evaluation only: the
adapted models are measured and thrown away) and the Kaggle insults test set (another site's "insult").
`comments.adapt` holds out a fifth of each by a text hash and trains on the rest; the learning curve trains
on the first N of the other four fifths (a seeded shuffle), scored on the same held-out fifth.
Writes reports/adaptation.md.
"""
from __future__ import annotations

import time

import numpy as np

from comments import adapt, modelstore
from comments.atomic import write_text
from training import no_options
from training import datasets as ds

SIZES = (250, 500, 1000, None)  # training rows (None: all)
SEED = 0


def newsrooms() -> dict[str, tuple[list[str], list[int]]]:
    ucc = ds.ucc_val()
    kaggle = ds.kaggle_insults("test")
    return {"UCC val, `hostile` (Globe and Mail)": (ucc.text.tolist(), ucc.hostile.tolist()),
            "UCC val, `unhealthy` (Globe and Mail)": (ucc.text.tolist(), ucc.unhealthy.tolist()),
            "Kaggle insults test, `insult`": (kaggle.text.tolist(), kaggle.insult.tolist())}


def curve(texts: list[str], labels: list[int]) -> list[tuple[int, adapt.Adapted | str]]:
    test = adapt.heldout(texts)
    train = np.flatnonzero(~test)
    np.random.default_rng(SEED).shuffle(train)
    out = []
    for size in SIZES:
        keep = np.r_[np.flatnonzero(test), train[:size] if size else train]
        try:
            out.append((size or len(train), adapt.adapt_toxicity([texts[i] for i in keep], [labels[i] for i in keep])))
        except adapt.LabelError as e:
            out.append((size or len(train), str(e)))
    return out


def main() -> None:
    started = time.time()
    lines = ["# Adapting toxicity to a newsroom's own labels", "",
             "Written by `python -m training.adaptation`; every number comes from that run. See `comments adapt` in "
             "the README and `comments/adapt.py` for the method. Each set plays a newsroom whose labels the shipped "
             "model was not trained on; the same held-out fifth of each (by a text hash) is scored by the shipped "
             "and the adapted model; rows = the labelled comments the adaptation trained on. The interval is a 95% "
             "paired bootstrap interval of the ROC-AUC change. *head*: `new` when 4-fold cross-validation on the "
             "training rows ranked a new head above the shipped one, `shipped (CV)` when it did not (then only the "
             "calibration and the threshold are learned, and the ranking is the shipped model's).", "",
             "| newsroom labels | training rows (toxic) | held out (toxic) | head | ROC-AUC shipped | ROC-AUC adapted | change "
             f"(95% interval) | AP shipped | AP adapted | F1 shipped @{modelstore.load('toxicity').threshold:.2f} | "
             "F1 adapted @its threshold | "
             "alt-profanity-check ROC-AUC |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, (texts, labels) in newsrooms().items():
        for size, result in curve(texts, labels):
            if isinstance(result, str):
                lines.append(f"| {name} | {size} | {result} | | | | | | | | | |")
                continue
            m = result.heldout
            low, high = m.auc_change_interval
            lines.append(f"| {name} | {result.train_rows} ({result.train_toxic}) | {m.rows} ({m.toxic}) | "
                         f"{'new' if result.new_head else 'shipped (CV)'} | "
                         f"{m.auc_shipped:.3f} | {m.auc_adapted:.3f} | {m.auc_adapted - m.auc_shipped:+.3f} "
                         f"({low:+.3f} to {high:+.3f}) | {m.ap_shipped:.3f} | {m.ap_adapted:.3f} | {m.f1_shipped:.3f} | "
                         f"{m.f1_adapted:.3f} @{result.model.threshold:.2f} | {m.auc_profanity_check:.3f} |")
    lines += ["", f"Run time {time.time() - started:.0f} s on one core.", ""]
    write_text(ds.REPORTS / "adaptation.md", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    no_options(__doc__)
    main()
