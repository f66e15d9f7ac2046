"""Train the splitter's arbiter (comments/split_arbiter.py) and its line labeller, and measure both honestly.

    python -m training.split_arbiter [--no-save] [--report reports/split_arbiter.md]
    python -m training.split_arbiter --fifteenth     # the fifteenth blind set, aggregate only (the shipped split)

Pages: the dev corpus (../shared/pages) and the generated layouts of training/layouts.py. The thirteenth,
fourteenth and fifteenth blind sets are never trained on (nor is the fifteenth ever read here, but by
`--fifteenth`).

The labeller is trained as in the unkept fallback experiment (each non-blank line tagged from the page's gold;
pages whose gold does not align are left out and counted). Every page gets an *out-of-fold* labeller reading:
five folds grouped by layout, so the labeller never saw the page's layout.

The arbiter learns, per page, whether the labeller's reading has fewer errors (missed + spurious comments) than
the rules'. Its examples are:
- *blind*: the pages of blind sets 5-12, split by the rules as they were when each set was measured blind (git
  history), i.e. rules that had never seen the layout, which is the arbiter's real job;
- *today*: every training page (and each dev article on its own) split by today's rules, where the rules'
  reading must stay.

Measured out-of-fold:
- leave-one-blind-set-out over sets 5-12: the arbiter for set k never saw any page of set k's layouts;
- fixed-on layouts and dev pages with today's rules: five folds grouped by layout;
- the thirteenth and fourteenth sets with today's rules, by the final models (trained on neither).
Deterministic (lbfgs, fixed folds); a few minutes of CPU on one core.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from comments import modelstore, split
from comments import split_arbiter as sa
from comments import split_labeller as sl
from comments.atomic import write_text
from training import layouts, splitter
from training.datasets import REPORTS, SHARED
from training.splitter import comment_keys, lcs_len

HELD_OUT = set(layouts.HELD_OUT_THIRTEENTH) | set(layouts.HELD_OUT_FOURTEENTH)
NEVER_READ = set(layouts.HELD_OUT_FIFTEENTH)  # read only by --fifteenth, once the models are final
# Sets written after the arbiter, to measure later rounds blind: never read here (a retrain stays what it was, folds
# included).
LATER_SETS = set(layouts.HELD_OUT_SIXTEENTH) | set(layouts.HELD_OUT_SEVENTEENTH)
FOLDS = 5
THRESHOLD = 0.5  # not tuned: take the labeller's reading when the arbiter finds it more likely better than not
# The blind sets of the training layouts and the rule-based splitter that measured each of them blind.
BLIND_RUNS = (("HELD_OUT_FIFTH", "PRE_FALLBACK_REV"), ("HELD_OUT_SIXTH", "PRE_BLOCKS_REV"),
              ("HELD_OUT_SEVENTH", "PRE_POSTFIX_REV"), ("HELD_OUT_EIGHTH", "PRE_ROUND3_REV"),
              ("HELD_OUT_NINTH", "PRE_ROUND4_REV"), ("HELD_OUT_TENTH", "PRE_ROUND5_REV"),
              ("HELD_OUT_ELEVENTH", "PRE_ROUND6_REV"), ("HELD_OUT_TWELFTH", "PRE_ROUND7_REV"))


# --- pages and the labeller -----------------------------------------------------------------------------------

def all_pages(pages_dir: Path) -> list[dict]:
    """Dev pages (layout "dev-<name>"), each dev article alone ("bare"), and the generated pages but those of the
    fifteenth set and of the later sets."""
    pages = []
    for gold_path in sorted(pages_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        layout = f"dev-{gold['layout']}"
        pages.append({**gold, "layout": layout, "text": gold_path.with_suffix(".txt").read_text(encoding="utf-8")})
        pages.append({"id": f"bare-{gold['id']}", "layout": layout, "text": gold["article_body"], "comments": [],
                      "article_body": gold["article_body"], "bare": True})
    pages += [p for p in layouts.generate(pages_dir) if p["layout"] not in NEVER_READ | LATER_SETS]
    return pages


def page_lines(text: str) -> list:
    """The page's lines as split_text labels them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    prefix = split._DATE_PREFIX.match(text)
    return split._label_lines((text[prefix.end():] if prefix else text).split("\n"))


def gold_tags(lines: list, rows: list[int], comments: list[dict]) -> list[int] | None:
    """The tag of every non-blank line from the page's gold, or None where the gold does not align: a comment's
    paragraphs are TEXT, the nearest line above them (or below, for pages that sign under the text) holding its
    author is HEAD, other lines from the first comment on are META, lines above it OUT."""
    texts = [lines[i].text for i in rows]
    spans: list[list[int]] = []
    cursor = 0
    for c in comments:
        paragraphs = [p.strip() for p in c["text"].split("\n") if p.strip()]
        at = next((k for k in range(cursor, len(texts)) if texts[k] == paragraphs[0]), None) if paragraphs else None
        if at is None:
            return None
        span = [at]
        for p in paragraphs[1:]:
            nxt = next((k for k in range(span[-1] + 1, min(span[-1] + 4, len(texts))) if texts[k] == p), None)
            if nxt is None:
                return None
            span.append(nxt)
        spans.append(span)
        cursor = span[-1] + 1
    tags = [sl.OUT] * len(texts)
    if not comments:
        return tags
    heads = []
    for n, (c, span) in enumerate(zip(comments, spans)):
        author = (c.get("author") or "").strip()
        if not author:
            return None
        low = spans[n - 1][-1] + 1 if n else 0
        high = spans[n + 1][0] if n + 1 < len(spans) else len(texts)
        above = [k for k in range(span[0] - 1, low - 1, -1) if author in texts[k]]
        below = [k for k in range(span[-1] + 1, high) if author in texts[k]]
        head = above[0] if above else below[0] if below else None
        if head is None or head in heads:
            return None
        heads.append(head)
    for k in range(min(min(heads), spans[0][0]), len(texts)):
        tags[k] = sl.META
    for span in spans:
        for k in span:
            tags[k] = sl.TEXT
    for k in heads:
        tags[k] = sl.HEAD
    return tags


def fit_tagger(items: list[dict]) -> sl.LineTagger:
    x = np.vstack([it["x"] for it in items])
    y = np.concatenate([it["y"] for it in items])
    model = LogisticRegression(C=1.0, max_iter=500, tol=1e-3)
    model.fit(x, y)
    return sl.LineTagger(coef=model.coef_.astype(np.float64), intercept=model.intercept_.astype(np.float64))


def layout_folds(names) -> dict[str, int]:
    """Each layout's fold, round-robin over the sorted names (deterministic)."""
    return {name: n % FOLDS for n, name in enumerate(sorted(set(names)))}


# --- both readings of every page -------------------------------------------------------------------------------

def _errors(pred: list, gold: list) -> tuple[int, int]:
    """(matched, missed + spurious) of a predicted comment list against the gold."""
    matched = lcs_len(pred, gold)
    return matched, len(pred) + len(gold) - 2 * matched


def _keys(comments) -> list:
    return comment_keys([{"author": c.author, "text": c.text} for c in comments])


def readings(pages: list[dict], taggers: dict, fold_of: dict[str, int], full: sl.LineTagger) -> dict[str, dict]:
    """Per page id: its lines and the labeller's out-of-fold reading (a page of a layout no fold trained on, such
    as the held-out sets', is read by the full labeller, which never saw it either)."""
    out = {}
    for p in pages:
        lines = page_lines(p["text"])
        tagger = taggers[fold_of[p["layout"]]] if p["layout"] in fold_of else full
        learned, shapes = sa.read_page(tagger, lines)
        out[p["id"]] = {"lines": lines, "learned": learned, "shapes": shapes}
    return out


def example(p: dict, read: dict, rules: list, group: str) -> dict:
    gold = comment_keys(p["comments"])
    learned = read["learned"]
    lab = learned.comments if learned else []
    m_rules, e_rules = _errors(_keys(rules), gold)
    m_lab, e_lab = _errors(_keys(lab), gold) if learned else (m_rules, e_rules)
    certain = sa.rules_certain(read["lines"], rules)
    x_rules = sa.rules_features(read["lines"], rules)
    x = sa.features(read["lines"], rules, x_rules, learned, read["shapes"]) if learned else None
    return {"id": p["id"], "layout": p["layout"], "group": group, "x_rules": x_rules, "x": x, "certain": certain,
            "has_learned": learned is not None, "gold": len(gold),
            "rules": (len(rules), m_rules, e_rules), "lab": (len(lab), m_lab, e_lab) if learned else None}


def build_examples(pages: list[dict], reads: dict[str, dict]) -> list[dict]:
    exs = []
    for p in pages:  # today's rules on every page
        rules = split.split_text(p["text"], id=p["id"]).comments
        exs.append(example(p, reads[p["id"]], rules, "held-out" if p["layout"] in HELD_OUT else "today"))
    for set_name, rev_name in BLIND_RUNS:  # the rules that measured each blind set
        split_then = splitter.baseline_split(getattr(splitter, rev_name))
        names = set(getattr(layouts, set_name))
        for p in pages:
            if p["layout"] in names:
                rules = split_then(p["text"], id=p["id"]).comments
                exs.append(example(p, reads[p["id"]], rules, f"blind {set_name}"))
    return exs


# --- the arbiter ----------------------------------------------------------------------------------------------

# What running the labeller costs, in errors: a page where it cannot help still teaches the gate to skip it.
GATE_RUN_COST = 0.5


def _gain(e: dict) -> int:
    """Errors the labeller's reading saves over the rules' (negative: it adds errors)."""
    return e["rules"][2] - e["lab"][2] if e["has_learned"] else 0


def fit_arbiter(exs: list[dict]) -> tuple[np.ndarray, float, np.ndarray, float]:
    """(gate weights, gate intercept, arbiter weights, arbiter intercept). Both are logistic regressions of "the
    labeller's reading has fewer errors (missed + spurious comments) than the rules'", weighted by how many errors
    the choice changes; pages where the rules are certain teach nothing. The gate sees the rules' features only,
    and also learns from pages where the labeller finds nothing or changes nothing (weight GATE_RUN_COST); the
    arbiter sees both readings, on the pages where they differ."""
    rows = [e for e in exs if not e["certain"]]
    gate = LogisticRegression(C=1.0, max_iter=2000)
    gate.fit(np.vstack([e["x_rules"] for e in rows]), np.asarray([_gain(e) > 0 for e in rows], dtype=int),
             sample_weight=np.asarray([abs(_gain(e)) + GATE_RUN_COST for e in rows]))
    rows = [e for e in rows if _gain(e)]
    arbiter = LogisticRegression(C=1.0, max_iter=2000)
    arbiter.fit(np.vstack([e["x"] for e in rows]), np.asarray([_gain(e) > 0 for e in rows], dtype=int),
                sample_weight=np.asarray([abs(_gain(e)) for e in rows], dtype=float))
    return (gate.coef_[0].astype(np.float64), float(gate.intercept_[0]),
            arbiter.coef_[0].astype(np.float64), float(arbiter.intercept_[0]))


def _p(x: np.ndarray, coef: np.ndarray, intercept: float) -> float:
    return 1.0 / (1.0 + np.exp(-(x @ coef + intercept)))


def gated_in(e: dict, arb: tuple) -> bool:
    return not e["certain"] and _p(e["x_rules"], arb[0], arb[1]) >= THRESHOLD


def takes_learned(e: dict, arb: tuple) -> bool:
    return e["has_learned"] and gated_in(e, arb) and _p(e["x"], arb[2], arb[3]) >= THRESHOLD


def score(exs: list[dict], choice) -> dict:
    """Pooled comment F1 when `choice(e)` says, per page, whether the labeller's reading is kept."""
    gold = pred = match = swapped = 0
    for e in exs:
        n, m, _ = e["lab"] if choice(e) else e["rules"]
        swapped += e["lab"] is not None and choice(e)
        gold, pred, match = gold + e["gold"], pred + n, match + m
    f1 = 2 * match / (gold + pred) if gold + pred else 1.0
    return {"F1": f1, "gold": gold, "pred": pred, "match": match, "swapped": swapped, "pages": len(exs)}


def leave_set_out(exs: list[dict]) -> list[tuple[str, dict, dict, dict, dict]]:
    """Per blind set k (rules as measured blind): rules alone, the labeller wherever it reads a section, the
    arbiter trained without any page of set k's layouts, and the oracle (the better reading per page)."""
    rows = []
    for set_name, _ in BLIND_RUNS:
        names = set(getattr(layouts, set_name))
        test = [e for e in exs if e["group"] == f"blind {set_name}"]
        train = [e for e in exs if e["layout"] not in names and e["group"] != "held-out"]
        arb = fit_arbiter(train)
        rows.append((set_name, score(test, lambda e: False), score(test, lambda e: e["has_learned"]),
                     score(test, lambda e: takes_learned(e, arb)),
                     score(test, lambda e: e["has_learned"] and e["lab"][2] < e["rules"][2])))
    return rows


def today_out_of_fold(exs: list[dict]) -> tuple[dict[str, tuple[dict, dict]], str]:
    """Today's rules on the training layouts and dev pages: per layout, rules alone vs an arbiter trained on the
    other layout folds; and on how many pages the labeller would run."""
    today = [e for e in exs if e["group"] == "today"]
    fold_of = layout_folds(e["layout"] for e in today)
    chosen: dict[str, bool] = {}
    gated: dict[str, bool] = {}
    for f in range(FOLDS):
        arb = fit_arbiter([e for e in exs if fold_of.get(e["layout"]) != f and e["group"] != "held-out"])
        for e in today:
            if fold_of[e["layout"]] == f:
                chosen[e["id"]] = takes_learned(e, arb)
                gated[e["id"]] = gated_in(e, arb)
    by_layout = defaultdict(list)
    for e in today:
        by_layout[e["layout"]].append(e)
    dev = [e for e in today if e["layout"].startswith("dev-") and not e["id"].startswith("bare-")]
    runs = (f"{sum(gated[e['id']] for e in dev)}/{len(dev)} dev pages, "
            f"{sum(gated[e['id']] for e in today)}/{len(today)} training pages")
    return {name: (score(es, lambda e: False), score(es, lambda e: chosen[e["id"]]))
            for name, es in sorted(by_layout.items())}, runs


# --- report ---------------------------------------------------------------------------------------------------

def _row(name: str, *scores: dict) -> str:
    return f"| {name} | " + " | ".join(f"{s['F1']:.4f}" for s in scores) + f" | {scores[-1]['swapped']} |"


def render(blind_rows, today_rows, held_rows, certain_stats, meta) -> str:
    lines = ["# Splitter arbiter: rules vs a learned line labeller, out of fold", "",
             "Rerun: `python -m training.split_arbiter` (training/split_arbiter.py says how every number is "
             "obtained). Comment F1 pooled over pages, as in reports/splitter.md. The shipped splitter on the dev "
             "corpus, the fixed-on layouts and every blind set (the fifteenth included, which nothing here reads): "
             "reports/splitter.md (`python -m training.splitter`, columns *pre-arbiter* and *after*); what it costs: "
             "reports/bench_split_arbiter.md.", "",
             f"Labeller: {meta['pages']} pages aligned ({meta['skipped']} left out), {meta['layouts']} layouts, "
             f"{meta['lines']} lines; {FOLDS} folds grouped by layout. Arbiter threshold {THRESHOLD} (not tuned). "
             f"Labeller skipped where the rules are certain: {certain_stats}.", "",
             "## Blind sets 5-12, rules as they were when each set was measured blind (leave-one-set-out arbiter)", "",
             "| set | rules alone | labeller wherever it reads | arbiter | oracle | pages swapped (arbiter) |",
             "|---|---|---|---|---|---|"]
    pooled = [defaultdict(int) for _ in range(4)]
    for name, *scores in blind_rows:
        lines.append(f"| {name} | " + " | ".join(f"{s['F1']:.4f}" for s in scores) + f" | {scores[2]['swapped']} |")
        for acc, s in zip(pooled, scores):
            for k in ("gold", "pred", "match", "swapped"):
                acc[k] += s[k]
    f1s = [2 * a["match"] / (a["gold"] + a["pred"]) for a in pooled]
    lines.append("| **pooled** | " + " | ".join(f"**{f:.4f}**" for f in f1s) + f" | {pooled[2]['swapped']} |")
    lines += ["", "## Today's rules, training layouts and dev pages (arbiter out of fold, 5 layout folds)", "",
              "| layout | pages | rules alone | arbiter | change | pages swapped |", "|---|---|---|---|---|---|"]
    agg = [defaultdict(int), defaultdict(int)]
    worst = []
    for name, (rules, arb) in today_rows.items():
        for acc, s in zip(agg, (rules, arb)):
            for k in ("gold", "pred", "match", "swapped"):
                acc[k] += s[k]
        change = arb["F1"] - rules["F1"]
        worst.append((change, name))
        if arb["swapped"]:
            lines.append(f"| {name} | {rules['pages']} | {rules['F1']:.4f} | {arb['F1']:.4f} | {change:+.4f} "
                         f"| {arb['swapped']} |")
    f_rules, f_arb = (2 * a["match"] / (a["gold"] + a["pred"]) for a in agg)
    lines += [f"| **all {len(today_rows)} layouts** | | **{f_rules:.4f}** | **{f_arb:.4f}** "
              f"| {f_arb - f_rules:+.4f} | {agg[1]['swapped']} |", "",
              f"Layouts not listed: no page swapped. Largest drop: {min(worst)[0]:+.4f} ({min(worst)[1]}).", "",
              "## Held-out thirteenth and fourteenth sets, today's rules, final models (trained on neither)", "",
              "| set | rules alone | arbiter | pages swapped |", "|---|---|---|---|"]
    for name, rules, arb in held_rows:
        lines.append(f"| {name} | {rules['F1']:.4f} | {arb['F1']:.4f} | {arb['swapped']} |")
    return "\n".join(lines) + "\n"


# --- the fifteenth set, measured once -------------------------------------------------------------------------

def measure_fifteenth(pages_dir: Path) -> str:
    """Aggregate comment and body F1 of the splitter as shipped on the fifteenth blind set (no per-layout rows)."""
    pages = [p for p in layouts.generate(pages_dir) if p["layout"] in NEVER_READ]
    with tempfile.TemporaryDirectory() as tmp:
        layouts.write(Path(tmp), pages)
        result = splitter.evaluate(Path(tmp), split=split.split_text)
    s = result["stats"]["ALL"]
    body = sum(result["body_f1"]["ALL"]) / len(result["body_f1"]["ALL"])
    return (f"fifteenth blind set ({len(pages)} pages): comment F1 {2 * s['match'] / (s['gold'] + s['pred']):.4f} "
            f"(gold {s['gold']}, pred {s['pred']}, matched {s['match']}), body F1 {body:.4f}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=SHARED / "pages")
    ap.add_argument("--no-save", action="store_true", help="report only; do not write the model")
    ap.add_argument("--report", type=Path, default=REPORTS / "split_arbiter.md")
    ap.add_argument("--models-dir", type=Path, default=modelstore.MODELS_DIR,
                    help="where to save the model (default: the shipped models)")
    ap.add_argument("--fifteenth", action="store_true",
                    help="only measure the fifteenth blind set with the splitter as it is (aggregate only)")
    args = ap.parse_args(argv)
    if args.fifteenth:
        print(measure_fifteenth(args.pages))
        return
    t0 = time.process_time()
    split._arbiter_model = lambda: None  # the rules' reading alone: what the arbiter weighs the labeller against
    pages = all_pages(args.pages)
    train = [p for p in pages if p["layout"] not in HELD_OUT and not p.get("bare")]
    items, skipped = [], 0
    for p in train:
        lines = page_lines(p["text"])
        rows, x = sl.line_features(lines)
        tags = gold_tags(lines, rows, p["comments"])
        if tags is None or not rows:
            skipped += 1
            continue
        items.append({"layout": p["layout"], "x": x, "y": np.asarray(tags)})
    fold_of = layout_folds(it["layout"] for it in items)
    full = fit_tagger(items)
    taggers = {f: fit_tagger([it for it in items if fold_of[it["layout"]] != f]) for f in range(FOLDS)}
    print(f"labellers trained ({time.process_time() - t0:.0f} s)", flush=True)
    reads = readings(pages, taggers, fold_of, full)
    exs = build_examples(pages, reads)
    print(f"{len(exs)} arbiter examples ({time.process_time() - t0:.0f} s)", flush=True)
    blind_rows = leave_set_out(exs)
    today_rows, runs = today_out_of_fold(exs)
    arb = fit_arbiter([e for e in exs if e["group"] != "held-out"])
    held_rows = []
    for set_name in ("HELD_OUT_THIRTEENTH", "HELD_OUT_FOURTEENTH"):
        names = set(getattr(layouts, set_name))
        es = [e for e in exs if e["group"] == "held-out" and e["layout"] in names]
        # read by the full labeller (no fold trained on these layouts), as at run time
        held_rows.append((set_name, score(es, lambda e: False), score(es, lambda e: takes_learned(e, arb))))
    today = [e for e in exs if e["group"] == "today"]
    certain_stats = (f"{sum(e['certain'] for e in today)}/{len(today)} pages with today's rules "
                     f"({sum(e['certain'] for e in today if e['layout'].startswith('dev-'))}/"
                     f"{sum(1 for e in today if e['layout'].startswith('dev-'))} dev pages and bare dev articles); "
                     f"gated in (out of fold): {runs}")
    meta = {"pages": len(items), "skipped": skipped, "layouts": len(fold_of),
            "lines": sum(len(it["y"]) for it in items)}
    report = render(blind_rows, today_rows, held_rows, certain_stats, meta)
    report += "\nGate weights (final model):\n\n" + "\n".join(
        f"- {name}: {w:+.3f}" for name, w in zip(sa.RULES_FEATURES, arb[0])) + f"\n- intercept: {arb[1]:+.3f}\n"
    report += "\nArbiter weights (final model):\n\n" + "\n".join(
        f"- {name}: {w:+.3f}" for name, w in zip(sa.FEATURE_NAMES, arb[2])) + f"\n- intercept: {arb[3]:+.3f}\n"
    write_text(args.report, report)
    print(report)
    print(f"done in {time.process_time() - t0:.0f} s CPU")
    if not args.no_save:
        model = sa.SplitArbiter(tagger=full, gate_coef=arb[0], gate_intercept=arb[1], coef=arb[2], intercept=arb[3],
                                threshold=THRESHOLD)
        path = modelstore.save(model, "split_arbiter", {
            "version": model.version, "features": len(sa.FEATURE_NAMES),
            "labeller_features": int(full.coef.shape[1]),
            "trained_on": ["shared/pages (dev)", "training/layouts.py minus the 13th, 14th and 15th blind sets"],
            "labeller_pages": len(items), "labeller_pages_left_out": skipped, "threshold": THRESHOLD},
            models_dir=args.models_dir)
        print(f"saved {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
