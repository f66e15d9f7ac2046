"""Disguised words: what toxicity and the word lists catch, before and after `comments.text.fold`.

    python benchmarks/bench_evasion.py                          # this checkout's numbers
    git archive <rev> | tar -x -C /tmp/before                   # a checkout to compare with, then
    python benchmarks/bench_evasion.py --baseline /tmp/before --report reports/bench_evasion.md

Four measures, each run in a fresh process per checkout (the baseline's own `comments` package and models):
- a synthetic evasion set made here from templates: toxic and benign words, each plain and disguised
  (Cyrillic look-alikes, Greek capitals, stretched letters); the share at or above the shipped toxicity
  threshold and the share whose word is found by the default policy's word lists, per form;
- real Cyrillic and Greek comments written for this check (Russian, Ukrainian, Serbian, Greek, and
  English with a real Greek or Russian word in it), which must score and match exactly as before;
- toxicity ROC-AUC of `comments.score` on every toxicity dev set in ../shared/data, and the toxic-spans
  character F1 as shipped on the trial split;
- CPU time of `comments.score` and of `Policy.find_words` (default lists, and with 3,000 more words as
  benchmarks/bench_wordlists.py makes them) over real news comments, best of `--repeat`.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()

TOXIC = ("idiot", "stupid", "moron", "loser", "dumb", "scum", "bitch", "asshole", "shit", "fuck", "fucking",
         "retard", "bastard", "pathetic", "jerk", "trash", "hypocrite", "ugly", "dumbass", "jackass", "faggot")
BENIGN = ("good", "great", "nice", "coffee", "Tennessee", "cool", "thanks", "agree", "interesting", "happy",
          "sweet", "well", "yes", "really", "football", "committee")
TOXIC_FRAMES = ("you are such a {w}", "what a {w}", "{w}!", "the mayor is a {w} and everyone knows it",
                "only a {w} would write this")
BENIGN_FRAMES = ("this is {w}", "{w}, thanks for the article", "I think it is {w}",
                 "the council said {w} to the plan")

# Look-alikes as evaders type them: Cyrillic small letters for Latin ones, Greek capitals for capitals.
CYRILLIC = str.maketrans("aceijopsxyhd", "асеіјорѕхуһԁ")
GREEK_CAPITALS = str.maketrans("ABEZHIKMNOPTYX", "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ")
VOWELS = "aeiou"


def _stretch(word: str, at: int) -> str:
    return word[:at] + word[at] * 5 + word[at + 1:]


def _last_vowel(word: str) -> int | None:
    return max((i for i, ch in enumerate(word) if ch in VOWELS), default=None)


def _double(word: str) -> int | None:
    return next((i for i in range(len(word) - 1) if word[i] == word[i + 1]), None)


FORMS = {
    "plain": lambda w: w,
    "Cyrillic look-alikes (all)": lambda w: w.translate(CYRILLIC) if w.translate(CYRILLIC) != w else None,
    "Cyrillic look-alike (one letter)": lambda w: next(
        (w[:i] + ch.translate(CYRILLIC) + w[i + 1:] for i, ch in enumerate(w) if ch.translate(CYRILLIC) != ch), None),
    "Greek capitals": lambda w: w.upper().translate(GREEK_CAPITALS) if w.upper().translate(GREEK_CAPITALS) != w.upper() else None,
    "stretched vowel": lambda w: None if _last_vowel(w) is None else _stretch(w, _last_vowel(w)),
    "stretched last letter": lambda w: _stretch(w, len(w) - 1),
    "stretched double": lambda w: None if _double(w) is None else _stretch(w, _double(w)),
    "look-alike and stretched": lambda w: None if _last_vowel(w) is None else _stretch(w, _last_vowel(w)).translate(CYRILLIC),
}

# Real text that has Cyrillic or Greek letters, written for this check: it must not change.
REAL_TEXT = (
    "Это очень плохая статья, автор ничего не понимает.",
    "Спасибо за статью, всё очень понятно и интересно.",
    "Ты идиот, и твоя сука тоже.",
    "Сом сорок раз сказал: ура!",
    "Дякую за статтю, і все ж таки я не згоден з автором.",
    "А він каже, що це все брехня.",
    "Хвала на чланку, ово је јако добро написано.",
    "Ово је срамота за цијели град.",
    "Η γάτα κάθεται στο παράθυρο και κοιτάζει τη βροχή.",
    "Ευχαριστώ για το άρθρο, είναι πολύ ενδιαφέρον.",
    "ΑΥΤΟ ΕΙΝΑΙ ΑΙΣΧΟΣ ΚΑΙ ΝΤΡΟΠΗ",
    "The Greek word ψυχή means soul, and Ο Θεός means God.",
    "My grandmother always said 'спасибо' and 'пожалуйста'.",
    "Ставка in London and Москва in Russia.",
    "The α and ω of the matter, said the professor.",
    "Ура! Наша команда победила.",
)


def synthetic() -> list[dict]:
    rows = []
    for kind, words, frames in (("toxic", TOXIC, TOXIC_FRAMES), ("benign", BENIGN, BENIGN_FRAMES)):
        for form, disguise in FORMS.items():
            for word in words:
                written = disguise(word)
                if written is None:
                    continue
                for frame in frames:
                    text = frame.format(w=written)
                    at = text.index(written)
                    rows.append({"kind": kind, "form": form, "word": word, "text": text,
                                 "start": at, "end": at + len(written)})
    return rows


def measure_quality() -> dict:
    """This checkout's catches and dev metrics (run in a process whose `comments` is the checkout's)."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    import comments
    from comments.modelstore import model_versions
    from comments.policy import load_policy
    from comments.scoring import default_scorer

    scorer = default_scorer()
    threshold = scorer.models[1].model.threshold
    policy = load_policy()
    list_words = {w.lower() for w in (*policy.banned, *policy.suspect)}
    scoring_models = {k: v for k, v in model_versions().items() if k in ("sentiment", "toxicity", "conspiracy")}
    out: dict = {"package": comments.__file__, "threshold": threshold, "models": scoring_models}

    rows = synthetic()
    scores = scorer.score([r["text"] for r in rows])
    table: dict = {}
    for r, p in zip(rows, scores.toxicity.tolist()):
        cell = table.setdefault(f"{r['kind']}|{r['form']}", {"n": 0, "flagged": 0, "listed_n": 0, "listed_hit": 0,
                                                             "any_hit": 0})
        cell["n"] += 1
        cell["flagged"] += p >= threshold
        found = policy.find_words(r["text"])
        cell["any_hit"] += bool(found)
        if r["word"].lower() in list_words:
            cell["listed_n"] += 1
            cell["listed_hit"] += any(m.start < r["end"] and m.end > r["start"] for m in found)
    out["synthetic"] = table

    real = scorer.score(list(REAL_TEXT))
    out["real_text"] = {"toxicity": real.toxicity.tolist(), "conspiracy": real.conspiracy.tolist(),
                        "spans": real.toxic_spans.tolist(), "cues": real.conspiracy_cues.tolist(),
                        "words": [[tuple(m) for m in policy.find_words(t)] for t in REAL_TEXT]}

    try:
        from training import datasets as ds
        from training.toxicity import dev_sets, span_char_f1

        sets = dev_sets()
        distinct = list(dict.fromkeys(t for texts, _ in sets.values() for t in texts.tolist()))
        by_text = dict(zip(distinct, scorer.score(distinct).toxicity.tolist()))
        out["dev_auc"] = {name: roc_auc_score(y, np.array([by_text[t] for t in texts.tolist()]))
                          for name, (texts, y) in sets.items()}
        trial = ds.toxic_spans_semeval("trial")
        out["spans_f1"] = span_char_f1(scorer.score(trial.text.tolist()).toxic_spans.tolist(), trial.spans.tolist())
    except (SystemExit, FileNotFoundError) as e:
        out["dev_auc"] = f"skipped: no ../shared/data ({e})"
    return out


def measure_speed(repeat: int, comments_n: int) -> dict:
    """CPU seconds of `comments.score` and `Policy.find_words` over `comments_n` news comments, best of `repeat`."""
    import comments
    from comments.policy import Policy, load_policy
    from comments.scoring import default_scorer, vader

    import training.datasets  # noqa: F401  (this checkout's, before the modules below put theirs on the path)

    sys.path.insert(1, str(HERE.parent))
    from bench_wordlists import word_lists
    from common import best_cpu_time, news_comments

    scorer, policy = default_scorer(), load_policy()
    texts = news_comments(comments_n)

    def score():
        vader.clear_caches()  # every timed run starts as a fresh process would (bench_pipeline's cold_caches)
        scorer.models[1].model.word_toxicity.forget_guesses()
        scorer.score(texts)

    banned, suspect = word_lists(texts, 3000)  # a desk's long lists, as bench_wordlists makes them
    long_lists = Policy(review={}, reject={}, banned=banned, suspect=suspect)
    [long_lists.find_words(t) for t in texts]  # the finder's per-start regexes, built once
    out = {"package": comments.__file__, "comments": len(texts), "repeat": repeat,
           "score_s": best_cpu_time(score, repeat),
           "find_words_s": best_cpu_time(lambda: [policy.find_words(t) for t in texts], repeat),
           "find_words_long_s": best_cpu_time(lambda: [long_lists.find_words(t) for t in texts], repeat)}
    try:
        from comments.text import fold
    except ImportError:  # a checkout before `fold`
        return out | {"same_process": None}
    return out | {"same_process": same_process(texts, repeat, scorer, policy, fold)}


def same_process(texts: list[str], repeat: int, scorer, policy, fold) -> dict[str, float]:
    """Microseconds a comment, in this one process with chunks of comments taking turns (steadier than two
    processes on a busy machine): `comments.score` against the models on the text with only its compatibility
    letters folded (what it did before `fold`), `Policy.find_words` against its finder alone on that text (the
    finder was all of it; a little less than the old method), and `fold` itself."""
    import pandas as pd
    from comments.scoring import SCORE_COLUMNS, vader
    from comments.text import _COMPATIBLE

    def compatible(chunk):
        return [t if t.isascii() else t.translate(_COMPATIBLE) for t in chunk]

    def unfolded_score(chunk):
        plain = compatible(chunk)
        frames = [m.score(chunk if m is scorer.sentiment else plain) for m in scorer.models]
        return pd.concat([f.reset_index(drop=True) for f in frames], axis=1).loc[:, list(SCORE_COLUMNS)]

    known = scorer.models[1].model.word_toxicity.scores
    ways = {"score": scorer.score, "score before": unfolded_score,
            "find_words": lambda chunk: [policy.find_words(t) for t in chunk],
            "find_words before": lambda chunk: [[m for finder in policy._finders for m in finder.finditer(t)]
                                                for t in compatible(chunk)],
            "fold": lambda chunk: [fold(t, known=known) for t in chunk]}
    chunks = [texts[i:i + 250] for i in range(0, len(texts), 250)]
    best = {name: [float("inf")] * len(chunks) for name in ways}
    for _ in range(repeat):
        for c, chunk in enumerate(chunks):
            for name, way in ways.items():
                vader.clear_caches()
                scorer.models[1].model.word_toxicity.forget_guesses()
                started = time.process_time()
                way(chunk)
                best[name][c] = min(best[name][c], time.process_time() - started)
    return {name: sum(times) * 1e6 / len(texts) for name, times in best.items()}


SPEED_KEYS = ("score_s", "find_words_s", "find_words_long_s")


def run_in(repo: Path, *args: str) -> dict:
    """This script's `--measure ...` in a fresh process that imports `comments` (and `training`) from `repo`."""
    env = dict(os.environ, PYTHONPATH=str(repo))
    env.setdefault("COMMENTS_SHARED", str(HERE.parents[2] / "shared"))  # the baseline may live elsewhere
    done = subprocess.run([sys.executable, str(HERE), "--repo", str(repo), *args], env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def measured(repo: Path, args: argparse.Namespace, rounds: list[dict]) -> dict:
    """The quality numbers of `repo`, with the least time of each speed measure over `rounds`."""
    same = [r["same_process"] for r in rounds if r["same_process"]]
    return run_in(repo, "--measure", "quality") | {k: min(r[k] for r in rounds) for k in SPEED_KEYS} | {
        "comments": rounds[0]["comments"], "repeat": args.repeat, "rounds": len(rounds),
        "same_process": {k: min(r[k] for r in same) for k in same[0]} if same else None}


def report(before: dict | None, after: dict) -> str:
    cols = ("before", "after") if before else ("now",)
    runs = (before, after) if before else (after,)
    lines = ["# Disguised words: toxicity and word lists before and after folding", "",
             "Written by `python benchmarks/bench_evasion.py"
             + (" --baseline DIR --report FILE` (DIR: the commit before the change, from `git archive`)."
                if before else "`."),
             "",
             "What is folded (`comments/text.py`, used by the word lists and by the toxicity and conspiracy "
             "models; VADER reads the text as written): Cyrillic and Greek look-alikes of Latin letters "
             "(Unicode's confusables data, via confusable-homoglyphs) in a word that also has Latin letters, or "
             "in a word made only of look-alikes in Latin text with no other Cyrillic or Greek letter; runs of "
             "three or more of one Latin letter inside a word (to one letter, or two where that makes a known "
             "word: the most toxic one the toxicity lexicon knows for the models, a listed word for the word "
             "lists); decomposed accents; invisible characters; compatibility letters. Spans, cues and "
             "word matches point at the characters as written.", "",
             "Synthetic comments from templates (`synthetic()` in the script): each toxic and benign word in "
             "several frames, plain and disguised. \"list hit\": the default policy finds the word itself "
             "(toxic words that are on its lists); for benign words, any match at all (a false alarm).", "",
             f"toxicity threshold {after['threshold']:.3f} (shipped); {after['comments']} news comments timed", ""]
    lines.append("| words | form | n | " + " | ".join(f"toxicity >= thr {c}" for c in cols) + " | "
                 + " | ".join(f"list hit {c}" for c in cols) + " |")
    lines.append("|---" * (3 + 2 * len(cols)) + "|")
    for key, cell in after["synthetic"].items():
        kind, form = key.split("|")
        flagged = " | ".join(f"{r['synthetic'][key]['flagged'] / cell['n']:.2f}" for r in runs)
        if kind == "toxic":
            listed = " | ".join(f"{r['synthetic'][key]['listed_hit']}/{cell['listed_n']}" for r in runs)
        else:  # a benign word found by a list is a false alarm: any match counts
            listed = " | ".join(f"{r['synthetic'][key]['any_hit']}/{cell['n']} (any)" for r in runs)
        lines.append(f"| {kind} | {form} | {cell['n']} | {flagged} | {listed} |")
    lines.append("")
    if before:
        lines += [f"Models: {', '.join(f'{k} {v}' for k, v in after['models'].items())}"
                  + (" (the same in both checkouts)" if before["models"] == after["models"]
                     else f"; before: {before['models']} (they differ: the comparison is not of folding alone)"), ""]
        same = all(before["real_text"][k] == after["real_text"][k] for k in ("spans", "cues", "words"))
        delta = max(abs(a - b) for k in ("toxicity", "conspiracy")
                    for a, b in zip(before["real_text"][k], after["real_text"][k]))
        lines.append(f"Real Cyrillic/Greek text ({len(REAL_TEXT)} comments): largest score change {delta:.2g}; "
                     f"spans, cues and word matches identical: {same}")
        lines.append("")
    if isinstance(after["dev_auc"], dict):
        lines.append("| dev set (toxicity ROC-AUC of comments.score) | " + " | ".join(cols)
                     + (" | delta |" if before else " |"))
        lines.append("|---" * (2 + len(cols) if before else 1 + len(cols)) + "|")
        for name, auc in after["dev_auc"].items():
            cells = " | ".join(f"{r['dev_auc'][name]:.4f}" for r in runs)
            lines.append(f"| {name} | {cells}" + (f" | {auc - before['dev_auc'][name]:+.4f} |" if before else " |"))
        lines.append("| toxic-spans char F1, trial, as shipped | "
                     + " | ".join(f"{r['spans_f1']:.4f}" for r in runs)
                     + (f" | {after['spans_f1'] - before['spans_f1']:+.4f} |" if before else " |"))
    else:
        lines.append(f"Dev sets {after['dev_auc']}")
    lines.append("")
    for key, label in (("score_s", "comments.score"), ("find_words_s", "Policy.find_words (default lists)"),
                       ("find_words_long_s", "Policy.find_words (default lists + 3,000 words)")):
        cells = ", ".join(f"{c} {r[key]:.3f} s ({r['comments'] / r[key]:,.0f}/s)" for c, r in zip(cols, runs))
        change = f"; after/before {after[key] / before[key]:.3f}" if before else ""
        lines.append(f"- {label}, CPU time, best of {after['repeat']} x {after['rounds']} rounds: {cells}{change}")
    if after.get("same_process"):
        us = after["same_process"]
        lines += ["", "In one process, chunks of 250 comments taking turns (see `same_process`), microseconds a comment:",
                  f"- comments.score {us['score']:.1f} against {us['score before']:.1f} for the models on the text "
                  f"with only compatibility letters folded, as before: {us['score'] / us['score before'] - 1:+.1%}",
                  f"- Policy.find_words (default lists) {us['find_words']:.1f} against {us['find_words before']:.1f} "
                  f"for its finder alone on that text: {us['find_words'] / us['find_words before'] - 1:+.1%}",
                  f"- `fold` itself {us['fold']:.1f}"]
    lines.append("")
    lines.append("Times are CPU time on a machine shared by several engineers (load 2-7 while measured): "
                 "they move by 10-40% from one run to the next; the checkouts take turns (`--rounds`) and "
                 "the least time of each is kept.")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="a checkout to compare with (e.g. from git archive)")
    parser.add_argument("--report", type=Path, help="write the table here (Markdown) as well as printing it")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--comments", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=2,
                        help="timing rounds, the checkouts taking turns (a busy machine drifts)")
    parser.add_argument("--measure", choices=("quality", "speed"), help=argparse.SUPPRESS)
    parser.add_argument("--repo", type=Path, default=HERE.parent.parent, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        sys.path.insert(0, str(args.repo))
        result = measure_quality() if args.measure == "quality" else measure_speed(args.repeat, args.comments)
        assert result["package"].startswith(str(args.repo)), result["package"]
        print(json.dumps(result, default=float))
        return
    started = time.perf_counter()
    repos = ([args.baseline.resolve()] if args.baseline else []) + [args.repo]
    timing = {repo: [] for repo in repos}
    for _ in range(args.rounds):
        for repo in repos:
            timing[repo].append(run_in(repo, "--measure", "speed", "--repeat", str(args.repeat),
                                       "--comments", str(args.comments)))
    before = measured(repos[0], args, timing[repos[0]]) if args.baseline else None
    after = measured(args.repo, args, timing[args.repo])
    text = report(before, after)
    print(text, end="")
    if args.report:
        from comments.atomic import write_text

        write_text(args.report, text)
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
