"""What the group-directed attack cues (comments/scoring/hate_cues.py) change, on every toxicity dev set.

    python -m training.hate_cues

Writes reports/models/hate-cues.md: per dev set, ROC-AUC of `identity_attack` (and of `toxicity`, which
the cues never change) with the cues off and on, how many comments a cue fires on, and the share of the
non-toxic comments that `identity_attack` newly sends to review (>= the default policy's 0.50); the
toxic-spans character F1 on tsd_trial with the cues off and on; and our group-attack templates of
tests/test_toxicity.py under the default policy.
"""
from __future__ import annotations

import time

import numpy as np
from sklearn.metrics import roc_auc_score

from comments import modelstore
from comments.atomic import write_text
from comments.moderate import moderate_frame
from comments.policy import load_policy
from comments.scoring.toxicity import ToxicityScorer

from . import no_options
from . import datasets as ds
from .toxicity import dev_sets, span_char_f1

REPORT = ds.REPORTS / "models" / "hate-cues.md"
REVIEW = 0.50  # the default policy's identity_attack review threshold


def _templates() -> list[str]:
    import sys

    sys.path.insert(0, str(ds.REPO / "tests"))  # the templates live with the test that states the problem
    from test_toxicity import HATED_GROUPS, HATEFUL_FRAMES

    return [f.format(g) for f in HATEFUL_FRAMES for g in HATED_GROUPS]


def main() -> None:
    ds.require_data()
    started = time.perf_counter()
    model = modelstore.load("toxicity")
    off, on = ToxicityScorer(model, hate_cues=False), ToxicityScorer(model, hate_cues=True)
    rows = ["| dev set | n (pos) | identity_attack AUC off | on | toxicity AUC off | on | cue fires on "
            "(pos / neg) | negatives newly >= 0.50 |", "|---|---|---|---|---|---|---|---|"]
    for name, (texts, y) in dev_sets().items():
        texts = texts.tolist()
        before, after = off.score(texts), on.score(texts)
        fired = (after.identity_attack.to_numpy() != before.identity_attack.to_numpy())
        newly = (after.identity_attack >= REVIEW).to_numpy() & (before.identity_attack < REVIEW).to_numpy()
        neg = y == 0
        rows.append(
            f"| {name} | {len(y)} ({int(y.sum())}) | {roc_auc_score(y, before.identity_attack):.4f} | "
            f"{roc_auc_score(y, after.identity_attack):.4f} | {roc_auc_score(y, before.toxicity):.4f} | "
            f"{roc_auc_score(y, after.toxicity):.4f} | {int(fired[~neg].sum())} / {int(fired[neg].sum())} | "
            f"{int(newly[neg].sum())} of {int(neg.sum())} ({newly[neg].mean():.2%}) |")
    trial = ds.toxic_spans_semeval("trial")
    texts, gold = trial.text.tolist(), trial.spans.tolist()
    f1_off = span_char_f1(off.score(texts).toxic_spans.tolist(), gold)
    f1_on = span_char_f1(on.score(texts).toxic_spans.tolist(), gold)
    templates = _templates()
    policy = load_policy()
    approved = {label: sum(d.action == "approve" for d in moderate_frame(s.score(templates), templates, policy))
                for label, s in (("off", off), ("on", on))}
    ia = {label: s.score(templates).identity_attack.mean() for label, s in (("off", off), ("on", on))}
    report = "\n".join([
        "# Group-directed attack cues: what they change", "",
        "Written by `python -m training.hate_cues`; every number below comes from that run. The cues "
        "(`comments/scoring/hate_cues.py`) raise `identity_attack` to a fixed score per kind (violence 0.90, "
        "dehumanising 0.85, exclusion and stated hatred 0.80, essentialising and conspiracy tropes 0.75) when a sentence names a "
        "protected group and "
        "predicates an attack of it; a violence call also raises `threat` and `severe_toxicity` to 0.85. "
        "`toxicity` is never changed. *off* is the toxicity model alone, *on* is as shipped. None of these sets "
        "was used to write the rules.", "",
        *rows, "",
        f"Toxic spans, SemEval-2021 character F1 on tsd_trial (as shipped, gated): off {f1_off:.4f}, "
        f"on {f1_on:.4f}.", "",
        f"Our {len(templates)} group-attack templates (tests/test_toxicity.py `HATEFUL_FRAMES` x "
        f"`HATED_GROUPS`) under the default policy: approved off {approved['off']}, on {approved['on']}; mean "
        f"identity_attack off {ia['off']:.3f}, on {ia['on']:.3f}.", "",
        f"({time.perf_counter() - started:.0f} s)", ""])
    write_text(REPORT, report)
    print(report)


if __name__ == "__main__":
    no_options(__doc__)
    main()
