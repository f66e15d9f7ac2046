"""Measure the page splitter on the labelled page corpus and write reports/splitter.md.

    python -m training.splitter [--pages DIR] [--pred-dir DIR] [--report PATH] [--no-new-layouts]
    python -m training.splitter --blind-set HELD_OUT_SEVENTEENTH   # one generated set, aggregate only

Metrics follow ../shared/pages/README.md (the same definitions as ../shared/tools/score_pages.py):
comment F1 (micro; per page an in-order LCS match on (author, normalized text)), article body token F1
and body precision (averaged over pages), and nocomment_ok (pages with no gold comments that get none).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import types
from collections import Counter, defaultdict
from pathlib import Path

from comments.atomic import write_text
from comments.split import split_text
from training.datasets import REPO, REPORTS, SHARED

_WS = re.compile(r"\s+")


def norm(s: str | None) -> str:
    return _WS.sub(" ", s or "").strip()


def lcs_len(a: list, b: list) -> int:
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            cur[j] = prev[j - 1] + 1 if x == y else max(prev[j], cur[j - 1])
        prev = cur
    return prev[-1]


def token_f1(pred: str, gold: str) -> float:
    p, g = pred.split(), gold.split()
    if not p and not g:
        return 1.0
    overlap = sum((Counter(p) & Counter(g)).values())
    if not p or not g or not overlap:
        return 0.0
    precision, recall = overlap / len(p), overlap / len(g)
    return 2 * precision * recall / (precision + recall)


def token_precision(pred: str, gold: str) -> float:
    p, g = pred.split(), gold.split()
    if not p:
        return 1.0 if not g else 0.0
    return sum((Counter(p) & Counter(g)).values()) / len(p)


def comment_keys(comments: list[dict]) -> list[tuple[str, str]]:
    return [(norm(c.get("author")), norm(c.get("text"))) for c in comments]


def evaluate(pages_dir: Path, pred_dir: Path | None = None, split=split_text) -> dict:
    """Split every page with a gold file; return per-layout sums, per-page rows and the seed check."""
    stats: dict[str, Counter] = defaultdict(Counter)
    body_f1: dict[str, list[float]] = defaultdict(list)
    body_p: dict[str, list[float]] = defaultdict(list)
    rows = []
    for gold_path in sorted(pages_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
        page = split(text, id=gold["id"], source=str(gold_path.with_suffix(".txt")))
        pred = page.to_dict()
        if pred_dir is not None:
            write_text(pred_dir / f"{gold['id']}.json", json.dumps(pred, ensure_ascii=False))
        gold_keys, pred_keys = comment_keys(gold["comments"]), comment_keys(pred["comments"])
        matched = lcs_len(pred_keys, gold_keys)
        f1 = token_f1(pred["article_body"], gold["article_body"])
        precision = token_precision(pred["article_body"], gold["article_body"])
        for key in (gold["layout"], "ALL"):
            s = stats[key]
            s["pages"] += 1
            s["gold"] += len(gold_keys)
            s["pred"] += len(pred_keys)
            s["match"] += matched
            if not gold_keys:
                s["nocomment"] += 1
                s["nocomment_ok"] += not pred_keys
            body_f1[key].append(f1)
            body_p[key].append(precision)
        rows.append({"id": gold["id"], "layout": gold["layout"], "gold": len(gold_keys),
                     "pred": len(pred_keys), "match": matched, "body_f1": f1,
                     "exact": pred_keys == gold_keys and f1 == 1.0})
    return {"stats": stats, "body_f1": body_f1, "body_p": body_p, "rows": rows}


def _stamp(i: int) -> str:
    return f"March {i % 27 + 1}, 2021 at {i % 12 + 1}:{i % 60:02d} pm"


# Comment layouts that are NOT in the dev corpus, to see how the splitter carries over to new ones.
TRANSFER_LAYOUTS = {
    "name / time line / text / Like · Reply": lambda cs: "Comments\n\n" + "\n".join(
        f"{c['author']}\n{_stamp(i)}\n{c['text']}\nLike · Reply\n" for i, c in enumerate(cs)),
    "Posted by name | N days ago": lambda cs: "\n".join(
        f"Posted by {c['author']} | {i + 1} days ago\n{c['text']}\n" for i, c in enumerate(cs)),
    "name | time | N likes / Reply": lambda cs: f"{len(cs)} Comments\n" + "\n".join(
        f"{c['author']} | {_stamp(i)} | {i} likes\n{c['text']}\nReply\n" for i, c in enumerate(cs)),
    "On time, name wrote:": lambda cs: "\n".join(
        f"On {_stamp(i)}, {c['author']} wrote:\n{c['text']}\n" for i, c in enumerate(cs)),
    "name / text / Like · Reply · Nh": lambda cs: "\n".join(
        f"{c['author']}\n{c['text']}\nLike · Reply · {i + 2}h" for i, c in enumerate(cs)),
    "name - N hours ago": lambda cs: f"Comments ({len(cs)})\n" + "\n".join(
        f"{c['author']} - {i + 1} hours ago\n{c['text']}\n" for i, c in enumerate(cs)),
    "name said... / text / time": lambda cs: "\n".join(
        f"{c['author']} said...\n{c['text']}\n{_stamp(i)}\n" for i, c in enumerate(cs)),
    "text / — name, N hours ago": lambda cs: "Comments\n" + "\n".join(
        f"{c['text']}\n— {c['author']}, {i + 1} hours ago\n" for i, c in enumerate(cs)),
    "name N days ago / text (no heading)": lambda cs: "\n".join(
        f"{c['author']} {i + 1} days ago\n{c['text']}" for i, c in enumerate(cs)),
    "name / text (no heading, no marks)": lambda cs: "\n".join(
        f"{c['author']}\n{c['text']}" for c in cs),
}


def evaluate_transfer(pages_dir: Path) -> list[dict]:
    """Each dev page's gold article + gold comments re-rendered in every layout above."""
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(pages_dir.glob("*.json"))]
    golds = [g for g in golds if g["comments"] and g["layout"] != "seed"]
    table = []
    for name, render in TRANSFER_LAYOUTS.items():
        gold_n = pred_n = matched = 0
        body = 0.0
        for g in golds:
            separator = "\n\n" if "\n\n" in g["article_body"] else "\n"
            page = split_text(g["article_body"] + separator + render(g["comments"]), id=g["id"]).to_dict()
            gold_keys, pred_keys = comment_keys(g["comments"]), comment_keys(page["comments"])
            gold_n, pred_n = gold_n + len(gold_keys), pred_n + len(pred_keys)
            matched += lcs_len(pred_keys, gold_keys)
            body += token_f1(page["article_body"], g["article_body"])
        precision, recall = matched / max(pred_n, 1), matched / max(gold_n, 1)
        f1 = 2 * precision * recall / (precision + recall) if matched else 0.0
        table.append({"layout": name, "pages": len(golds), "gold": gold_n, "pred": pred_n, "match": matched,
                      "F1": f1, "body_f1": body / len(golds)})
    return table


def evaluate_bare_articles(pages_dir: Path) -> tuple[int, int]:
    """(pages, pages with no predicted comment) when each gold article body is split on its own."""
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(pages_dir.glob("*.json"))]
    clean = sum(not split_text(g["article_body"], id=g["id"]).comments for g in golds)
    return len(golds), clean


def summarize(result: dict) -> list[dict]:
    table = []
    keys = sorted(k for k in result["stats"] if k != "ALL") + ["ALL"]
    for key in keys:
        s = result["stats"][key]
        precision = s["match"] / s["pred"] if s["pred"] else None
        recall = s["match"] / s["gold"] if s["gold"] else None
        if s["pred"] == 0 and s["gold"] == 0:
            f1 = None
        elif not precision or not recall:
            f1 = 0.0
        else:
            f1 = 2 * precision * recall / (precision + recall)
        table.append({
            "layout": key, "pages": s["pages"], "gold": s["gold"], "pred": s["pred"], "match": s["match"],
            "P": precision, "R": recall, "F1": f1,
            "body_f1": sum(result["body_f1"][key]) / len(result["body_f1"][key]),
            "body_p": sum(result["body_p"][key]) / len(result["body_p"][key]),
            "nocomment": f"{s['nocomment_ok']}/{s['nocomment']}" if s["nocomment"] else "-",
        })
    return table


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.4f}"


def render(table: list[dict], rows: list[dict], pages_dir: Path, transfer: list[dict],
           bare: tuple[int, int]) -> str:
    seeds = [r for r in rows if r["layout"] == "seed"]
    lines = [
        "# Page splitter on the dev corpus",
        "",
        f"Corpus: `{pages_dir}`. Rerun: `python -m training.splitter`. Metrics as defined in the corpus "
        "README (cross-checked against `score_pages.py`).",
        "",
        "| layout | pages | gold | pred | match | P | R | comment F1 | body F1 | body P | nocomment_ok |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for t in table:
        lines.append(f"| {t['layout']} | {t['pages']} | {t['gold']} | {t['pred']} | {t['match']} | {_fmt(t['P'])} "
                     f"| {_fmt(t['R'])} | {_fmt(t['F1'])} | {t['body_f1']:.4f} | {t['body_p']:.4f} "
                     f"| {t['nocomment']} |")
    lines += ["", "## Seed pages (must be exactly right: same comments, body token F1 = 1)", "",
              "| page | gold comments | predicted | matched | body F1 | exact |", "|---|---|---|---|---|---|"]
    for r in seeds:
        lines.append(f"| {r['id']} | {r['gold']} | {r['pred']} | {r['match']} | {r['body_f1']:.4f} "
                     f"| {'yes' if r['exact'] else 'NO'} |")
    worst = sorted((r for r in rows if r["layout"] != "seed"),
                   key=lambda r: (r["match"] / max(r["gold"], r["pred"], 1), r["body_f1"]))[:8]
    lines += ["", "## Weakest pages", "", "| page | layout | gold | pred | matched | body F1 |",
              "|---|---|---|---|---|---|"]
    lines += [f"| {r['id']} | {r['layout']} | {r['gold']} | {r['pred']} | {r['match']} | {r['body_f1']:.4f} |"
              for r in worst]
    lines += ["", "## Layout transfer (synthetic)", "",
              "The dev pages' gold article bodies and gold comments, re-rendered in comment layouts that are "
              "not in the corpus (no page noise added), to see how the splitter carries over to new layouts.",
              "", "| layout | pages | gold | pred | match | comment F1 | body F1 |", "|---|---|---|---|---|---|---|"]
    lines += [f"| {_cell(t['layout'])} | {t['pages']} | {t['gold']} | {t['pred']} | {t['match']} | {t['F1']:.4f} "
              f"| {t['body_f1']:.4f} |" for t in transfer]
    lines += ["", f"Article bodies alone (each page's gold `article_body`, no comment section, no page marks): "
              f"{bare[1]}/{bare[0]} get zero comments."]
    return "\n".join(lines) + "\n"


# --- layouts not in the dev corpus (training/layouts.py), before and after the layout work ----------

# comments/split.py as it was before it was generalised to the layouts of training/layouts.py, and
# after its first round of fixes (the version that measured the first two blind sets).
BASELINE_REV = "3cae435"
FIRST_ROUND_REV = "9726439"
# comments/split.py before the per-page repeating-structure fallback (it measured the fifth blind set).
PRE_FALLBACK_REV = "0b0c3ff"
# comments/split.py before the time-anchored block detector (it measured the sixth blind set).
PRE_BLOCKS_REV = "df4bef8"
# comments/split.py before time words after the quantity, dated labels, placeholder names, footer blocks under
# short comments and quotes of earlier comments (it measured the seventh blind set).
PRE_POSTFIX_REV = "be81734"
# comments/split.py before the third round (widget words around a time, symbols around a date, a second button
# line, one-line feed notes, the section's count heading; it measured the eighth blind set).
PRE_ROUND3_REV = "8a22916"
# comments/split.py before the fourth round (what a section repeats around its comments' text, a date in a wide
# post bar, bracketed counters, a glued copyright as the article's end; it measured the ninth set).
PRE_ROUND4_REV = "080802d"
# comments/split.py before the fifth round (names glued to the text above a button line with the time, signatures
# closing the text, mail digests, collapse toggles with scores, a page's own units of time; it measured the tenth
# set, together with the uncommitted QA fixes of that session, which left every generated page's result as it was).
PRE_ROUND5_REV = "ce680ba"
# comments/split.py before the sixth round (a post number before the time, German month names and ordinal days,
# a context line opening every comment, reaction badges under the text, follow buttons and connection degrees on
# the name line, a writer's tagline, ratings and review-form fields, a verb before the date; it measured the
# eleventh set).
PRE_ROUND6_REV = "c531b8c"
# comments/split.py before the seventh round (a score before "by", Arabic month names, a post number before the
# name line, a review's title behind its stars, chat reactions and thread summaries) and before the fix for a
# first comment whose header no rule knows; it measured the twelfth set, as did it plus that fix (same result).
PRE_ROUND7_REV = "21dce9f"
# comments/split.py before the eighth round (board post bars with a labelled name, one-row table comments, a month's
# name in any language with its clock, forum ranks, shared name tails, buttons without their counts, time-first
# button lines); it measured the thirteenth set.
PRE_ROUND8_REV = "d97a0c1"
# comments/split.py before the arbiter between its rules and a learned line labeller (comments/split_arbiter.py): the
# rules alone; it measured the fifteenth set blind.
PRE_ARBITER_REV = "fed4b30"
# comments/split.py before the ninth round (on the failures of the thirteenth to fifteenth sets); it measured the
# sixteenth set blind.
PRE_ROUND9_REV = "dfc487c"
# comments/split.py before the tenth round (on the failures of the sixteenth set); it measured the seventeenth set
# blind.
PRE_ROUND10_REV = "518cd33"


def baseline_split(rev: str = BASELINE_REV):
    """`split_text` of comments/split.py at git `rev`, or None without git history."""
    try:
        source = subprocess.run(["git", "show", f"{rev}:comments/split.py"], cwd=REPO,
                                capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    module = types.ModuleType(f"comments._split_{rev}")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, f"{rev}:comments/split.py", "exec"), module.__dict__)
    return module.split_text


def _add_group(result: dict, name: str, layouts: list[str]) -> None:
    """Pool some layouts' sums into one more row of `result`."""
    for layout in layouts:
        result["stats"][name].update(result["stats"][layout])
        result["body_f1"][name].extend(result["body_f1"][layout])
        result["body_p"][name].extend(result["body_p"][layout])


def evaluate_new_layouts(pages_dir: Path) -> dict[str, dict[str, dict]]:
    """{"before"/"first round"/"pre-fallback"/"pre-blocks"/"pre-postfix"/"pre-round-3"/"pre-round-4"/"pre-round-5"/
    "pre-round-6"/"pre-round-7"/"pre-round-8"/"pre-arbiter"/"pre-round-9"/"pre-round-10"/"after": {row name:
    summary row}}
    on the generated pages, scored by `evaluate`."""
    from training import layouts

    pages = layouts.generate(pages_dir)
    seen = sorted(name for name in layouts.LAYOUTS if name not in layouts.HELD_OUT)
    out: dict[str, dict[str, dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        layouts.write(Path(tmp), pages)
        for label, split in (("before", baseline_split()), ("first round", baseline_split(FIRST_ROUND_REV)),
                             ("pre-fallback", baseline_split(PRE_FALLBACK_REV)),
                             ("pre-blocks", baseline_split(PRE_BLOCKS_REV)),
                             ("pre-postfix", baseline_split(PRE_POSTFIX_REV)),
                             ("pre-round-3", baseline_split(PRE_ROUND3_REV)),
                             ("pre-round-4", baseline_split(PRE_ROUND4_REV)),
                             ("pre-round-5", baseline_split(PRE_ROUND5_REV)),
                             ("pre-round-6", baseline_split(PRE_ROUND6_REV)),
                             ("pre-round-7", baseline_split(PRE_ROUND7_REV)),
                             ("pre-round-8", baseline_split(PRE_ROUND8_REV)),
                             ("pre-arbiter", baseline_split(PRE_ARBITER_REV)),
                             ("pre-round-9", baseline_split(PRE_ROUND9_REV)),
                             ("pre-round-10", baseline_split(PRE_ROUND10_REV)), ("after", split_text)):
            if split is None:
                continue
            result = evaluate(Path(tmp), split=split)
            _add_group(result, "fixed-on layouts", seen)
            _add_group(result, "HELD-OUT layouts", list(layouts.HELD_OUT))
            _add_group(result, "fifth blind set", list(layouts.HELD_OUT_FIFTH))
            _add_group(result, "sixth blind set", list(layouts.HELD_OUT_SIXTH))
            _add_group(result, "seventh blind set", list(layouts.HELD_OUT_SEVENTH))
            _add_group(result, "eighth blind set", list(layouts.HELD_OUT_EIGHTH))
            _add_group(result, "ninth blind set", list(layouts.HELD_OUT_NINTH))
            _add_group(result, "tenth blind set", list(layouts.HELD_OUT_TENTH))
            _add_group(result, "eleventh blind set", list(layouts.HELD_OUT_ELEVENTH))
            _add_group(result, "twelfth blind set", list(layouts.HELD_OUT_TWELFTH))
            _add_group(result, "thirteenth blind set", list(layouts.HELD_OUT_THIRTEENTH))
            _add_group(result, "fourteenth blind set", list(layouts.HELD_OUT_FOURTEENTH))
            _add_group(result, "fifteenth blind set", list(layouts.HELD_OUT_FIFTEENTH))
            _add_group(result, "sixteenth blind set", list(layouts.HELD_OUT_SIXTEENTH))
            _add_group(result, "seventeenth blind set", list(layouts.HELD_OUT_SEVENTEENTH))
            out[label] = {row["layout"]: row for row in summarize(result)}
    return out


def render_new_layouts(tables: dict[str, dict[str, dict]]) -> str:
    from training import layouts

    after = tables["after"]
    before = tables.get("before", {})
    first = tables.get("first round", {})
    pre = tables.get("pre-fallback", {})
    pre_blocks = tables.get("pre-blocks", {})
    pre_postfix = tables.get("pre-postfix", {})
    pre_round3 = tables.get("pre-round-3", {})
    pre_round4 = tables.get("pre-round-4", {})
    pre_round5 = tables.get("pre-round-5", {})
    pre_round6 = tables.get("pre-round-6", {})
    pre_round7 = tables.get("pre-round-7", {})
    pre_round8 = tables.get("pre-round-8", {})
    pre_arbiter = tables.get("pre-arbiter", {})
    pre_round9 = tables.get("pre-round-9", {})
    pre_round10 = tables.get("pre-round-10", {})
    groups = ("fixed-on layouts", "HELD-OUT layouts", "fifth blind set", "sixth blind set", "seventh blind set",
              "eighth blind set", "ninth blind set", "tenth blind set", "eleventh blind set", "twelfth blind set",
              "thirteenth blind set", "fourteenth blind set", "fifteenth blind set", "sixteenth blind set",
              "seventeenth blind set", "ALL")
    order = [*sorted(n for n in layouts.LAYOUTS if n not in layouts.HELD_OUT), "fixed-on layouts",
             *layouts.HELD_OUT, "HELD-OUT layouts", "fifth blind set", "sixth blind set",
             "seventh blind set", "eighth blind set", "ninth blind set", "tenth blind set", "eleventh blind set",
             "twelfth blind set", "thirteenth blind set", "fourteenth blind set", "fifteenth blind set",
             "sixteenth blind set", "seventeenth blind set", "none", "ALL"]
    lines = [
        "", "## Layouts not in the dev corpus", "",
        f"Pages from `python -m training.layouts` ({layouts.PAGES_PER_LAYOUT} per layout, {layouts.NO_COMMENT_PAGES} "
        "without comments): dev gold article bodies with the README's noise, real comments from sets the dev pages "
        "do not use (Kaggle insults test, Civil Comments trial), generated usernames. *Before* is "
        f"`comments/split.py` at git `{BASELINE_REV}`, *after* the current one. HELD-OUT layouts were never looked "
        f"at while fixing: {', '.join(layouts.HELD_OUT_DRAWN)} were drawn at random before any change, "
        f"{', '.join(layouts.HELD_OUT_SECOND)} were written as a second blind set after the first round of fixes, "
        f"{', '.join(layouts.HELD_OUT_THIRD)} as a third after the second, {', '.join(layouts.HELD_OUT_FOURTH)} "
        f"as a fourth after the third, {', '.join(layouts.HELD_OUT_FIFTH)} as a fifth before the per-page "
        f"structure fallback (*pre-fallback* is `comments/split.py` at git `{PRE_FALLBACK_REV}`, the version "
        "that measured the fifth set blind; its pages and outputs were not looked at while the fallback was "
        f"built), {', '.join(layouts.HELD_OUT_SIXTH)} as a sixth before the time-anchored block detector "
        f"(*pre-blocks* is `comments/split.py` at git `{PRE_BLOCKS_REV}`, the version that measured the sixth set "
        "blind; its pages and outputs were not looked at while the detector was built on the failures of the "
        f"fourth and fifth sets, which were unblinded for it), {', '.join(layouts.HELD_OUT_SEVENTH)} as a seventh "
        "before time words after the quantity, dated labels, placeholder names, footer blocks under short "
        "comments and quotes of earlier comments (*pre-postfix* is "
        f"`comments/split.py` at git `{PRE_POSTFIX_REV}`, the version that measured the seventh set blind, "
        "aggregate only; its pages and outputs were not looked at while those were built on the failures of "
        f"the sixth set, which was unblinded for them), {', '.join(layouts.HELD_OUT_EIGHTH)} as an eighth before "
        "the third round (widget words around a time, symbols around a date, a second button line under the "
        "first, one-line feed notes, the section's count heading; *pre-round-3* is `comments/split.py` at git "
        f"`{PRE_ROUND3_REV}`, the version that measured the eighth set blind, aggregate only; its pages and outputs "
        "were not looked at while that round was built on the failures of the seventh set, which was unblinded "
        f"for it), {', '.join(layouts.HELD_OUT_NINTH)} as a ninth before the fourth round (button and counter "
        "lines a section repeats under its comments, badge lines over them, a display name's @handle, a date "
        "in a wide forum post bar, bracketed counters that are no time, a glued copyright as the "
        f"article's end; *pre-round-4* is `comments/split.py` at git `{PRE_ROUND4_REV}`, the version that "
        "measured the ninth set blind, aggregate only; its pages and outputs were not looked at while that round "
        "was built on the failures of the eighth set, which was unblinded for it), "
        f"{', '.join(layouts.HELD_OUT_TENTH)} as a tenth before the fifth round (names glued to the text above a "
        "button line with the time, signatures closing the text, mail digests, collapse toggles with scores, "
        "a page's own units of time, clock-first times; *pre-round-5* is `comments/split.py` at git "
        f"`{PRE_ROUND5_REV}`; the tenth set was measured blind, aggregate only, with it and with it plus that "
        "session's uncommitted QA fixes (same result); its pages and outputs were not looked at while that round "
        "was built on the failures of the ninth set, which was unblinded for it), "
        f"{', '.join(layouts.HELD_OUT_ELEVENTH)} as an eleventh before the sixth round (a post number before the "
        "time, German month names and ordinal days, a context line opening every comment, reaction badges under "
        "the text, follow buttons and connection degrees on the name line, a writer's tagline, ratings and "
        "review-form fields, a verb before the date; *pre-round-6* is `comments/split.py` at git "
        f"`{PRE_ROUND6_REV}`, the version that measured the eleventh set blind, aggregate only; its pages and "
        "outputs were not looked at while that round was built on the failures of the tenth set, which was "
        f"unblinded for it), {', '.join(layouts.HELD_OUT_TWELFTH)} as a twelfth before the seventh round (a score "
        "before \"by\", Arabic month names, a post number before the name line, a review's title behind its stars, "
        "chat reactions and thread summaries; *pre-round-7* is `comments/split.py` at git "
        f"`{PRE_ROUND7_REV}`; the twelfth set was measured blind, aggregate only, with it plus that session's fix "
        "for a first comment whose header no rule knows (its lines had been dropped: neither body nor comment) and "
        "with it alone (same result); its pages and outputs were not looked at while that round was built on the "
        "failures of the eleventh set, which was unblinded for it), "
        f"{', '.join(layouts.HELD_OUT_THIRTEENTH)} as a thirteenth before the eighth round (board post bars with a "
        "labelled name, one-row table comments, a month's name in any language with its clock, forum ranks, words "
        "every name line ends with, buttons without their counts, time-first button lines, a frequent commenter; "
        f"*pre-round-8* is `comments/split.py` at git `{PRE_ROUND8_REV}`, the version that measured the thirteenth "
        "set blind, aggregate only; its pages and outputs were not looked at while that round was built on the "
        f"failures of the twelfth set, which was unblinded for it), {', '.join(layouts.HELD_OUT_FOURTEENTH)} as a "
        "fourteenth, measured blind with the splitter as it is now (git `ec395b2`, aggregate only) before an "
        "experiment with a learned fallback that was not kept (see training/layouts.py), "
        f"{', '.join(layouts.HELD_OUT_FIFTEENTH)} as a fifteenth before the arbiter between the rules and a learned "
        f"line labeller (*pre-arbiter* is `comments/split.py` at git `{PRE_ARBITER_REV}`, the rules alone, which "
        "measured the fifteenth set blind, aggregate only; neither the labeller nor the arbiter was trained or "
        "tuned on it, nor on the thirteenth or fourteenth; see reports/split_arbiter.md), "
        f"{', '.join(layouts.HELD_OUT_SIXTEENTH)} as a sixteenth before the ninth round (*pre-round-9* is "
        f"`comments/split.py` at git `{PRE_ROUND9_REV}`, the version that measured the sixteenth set blind, aggregate "
        "only; it was written by someone other than that round's author, and its pages and outputs were not looked "
        "at while the round was built on the failures of the thirteenth to fifteenth sets), "
        f"{', '.join(layouts.HELD_OUT_SEVENTEENTH)} as a seventeenth before the tenth round (*pre-round-10* is "
        f"`comments/split.py` at git `{PRE_ROUND10_REV}`, the version that measured the seventeenth set blind, "
        "aggregate only; it was written by someone other than that round's author, and its pages and outputs were not "
        "looked at while the round was built on the failures of the sixteenth set). Layouts marked *unblinded* "
        f"({', '.join(layouts.UNBLINDED)}) were measured blind once, then looked at and fixed: they count as "
        "fixed-on, not held out. The *first round* column is `comments/split.py` at git "
        f"`{FIRST_ROUND_REV}`, after the first round of fixes: it reproduces the blind first measurement of the "
        "drawn and the second sets.", "",
        "| layout | pages | gold | comment F1 before | first round | pre-fallback | pre-blocks | pre-postfix "
        "| pre-round-3 | pre-round-4 | pre-round-5 | pre-round-6 | pre-round-7 | pre-round-8 | pre-arbiter "
        "| pre-round-9 | pre-round-10 | after "
        "| body F1 before | pre-fallback | pre-blocks | pre-postfix | pre-round-3 | pre-round-4 | pre-round-5 "
        "| pre-round-6 | pre-round-7 | pre-round-8 | pre-arbiter | pre-round-9 | pre-round-10 | after "
        "| nocomment_ok before | after |",
        "|" + "---|" * 34,
    ]
    for name in order:
        a, b = after[name], before.get(name)
        mark = " (HELD-OUT)" if name in layouts.HELD_OUT else " (unblinded)" if name in layouts.UNBLINDED else ""
        bold = "**" if name in groups else ""
        b = b or {"F1": None, "body_f1": None, "nocomment": "-"}
        mid = first.get(name, {"F1": None})
        pf = pre.get(name, {"F1": None, "body_f1": None})
        pb = pre_blocks.get(name, {"F1": None, "body_f1": None})
        pp = pre_postfix.get(name, {"F1": None, "body_f1": None})
        p3 = pre_round3.get(name, {"F1": None, "body_f1": None})
        p4 = pre_round4.get(name, {"F1": None, "body_f1": None})
        p5 = pre_round5.get(name, {"F1": None, "body_f1": None})
        p6 = pre_round6.get(name, {"F1": None, "body_f1": None})
        p7 = pre_round7.get(name, {"F1": None, "body_f1": None})
        p8 = pre_round8.get(name, {"F1": None, "body_f1": None})
        pa = pre_arbiter.get(name, {"F1": None, "body_f1": None})
        p9 = pre_round9.get(name, {"F1": None, "body_f1": None})
        p10 = pre_round10.get(name, {"F1": None, "body_f1": None})
        lines.append(f"| {bold}{name}{mark}{bold} | {a['pages']} | {a['gold']} | {_fmt(b['F1'])} | {_fmt(mid['F1'])} "
                     f"| {_fmt(pf['F1'])} | {_fmt(pb['F1'])} | {_fmt(pp['F1'])} | {_fmt(p3['F1'])} | {_fmt(p4['F1'])} "
                     f"| {_fmt(p5['F1'])} | {_fmt(p6['F1'])} | {_fmt(p7['F1'])} | {_fmt(p8['F1'])} | {_fmt(pa['F1'])} "
                     f"| {_fmt(p9['F1'])} | {_fmt(p10['F1'])} | {_fmt(a['F1'])} "
                     f"| {_fmt(b['body_f1'])} "
                     f"| {_fmt(pf['body_f1'])} "
                     f"| {_fmt(pb['body_f1'])} | {_fmt(pp['body_f1'])} | {_fmt(p3['body_f1'])} | {_fmt(p4['body_f1'])} "
                     f"| {_fmt(p5['body_f1'])} | {_fmt(p6['body_f1'])} | {_fmt(p7['body_f1'])} | {_fmt(p8['body_f1'])} "
                     f"| {_fmt(pa['body_f1'])} | {_fmt(p9['body_f1'])} | {_fmt(p10['body_f1'])} "
                     f"| {_fmt(a['body_f1'])} "
                     f"| {b['nocomment']} "
                     f"| {a['nocomment']} |")
    return "\n".join(lines) + "\n"


def measure_blind_set(pages_dir: Path, set_name: str, split=split_text) -> str:
    """Aggregate comment and body F1 of the splitter on one set of generated layouts (e.g. HELD_OUT_SIXTEENTH): how
    a blind set is measured, with no per-layout or per-page numbers shown."""
    from training import layouts

    names = set(getattr(layouts, set_name))
    pages = [p for p in layouts.generate(pages_dir) if p["layout"] in names]
    with tempfile.TemporaryDirectory() as tmp:
        layouts.write(Path(tmp), pages)
        result = evaluate(Path(tmp), split=split)
    total = summarize(result)[-1]
    return (f"{set_name} ({len(pages)} pages): comment F1 {_fmt(total['F1'])} (gold {total['gold']}, pred "
            f"{total['pred']}, matched {total['match']}), body F1 {total['body_f1']:.4f}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=SHARED / "pages", help="labelled page corpus")
    ap.add_argument("--pred-dir", type=Path, help="also write one <id>.json prediction per page here")
    ap.add_argument("--report", type=Path, default=REPORTS / "splitter.md")
    ap.add_argument("--no-new-layouts", action="store_true",
                    help="skip the generated layouts not in the dev corpus (training/layouts.py)")
    ap.add_argument("--blind-set", metavar="NAME",
                    help="only print the splitter's aggregate comment and body F1 on one set of generated layouts "
                         "(a HELD_OUT_* name of training/layouts.py), as a blind set is measured")
    args = ap.parse_args(argv)
    if not args.pages.is_dir():
        raise SystemExit(f"{args.pages}: page corpus not found (set COMMENTS_SHARED to the shared/ folder)")
    if args.blind_set:
        from training import layouts

        if not args.blind_set.startswith("HELD_OUT") or not isinstance(getattr(layouts, args.blind_set, None), tuple):
            raise SystemExit(f"--blind-set {args.blind_set}: not a HELD_OUT_* set of training/layouts.py")
        print(measure_blind_set(args.pages, args.blind_set))
        return
    result = evaluate(args.pages, args.pred_dir)
    table = summarize(result)
    report = render(table, result["rows"], args.pages, evaluate_transfer(args.pages),
                    evaluate_bare_articles(args.pages))
    if not args.no_new_layouts:
        report += render_new_layouts(evaluate_new_layouts(args.pages))
    write_text(args.report, report)
    print(report)
    total = table[-1]
    print(f"comment_f1={_fmt(total['F1'])} body_f1={total['body_f1']:.4f} body_p={total['body_p']:.4f} "
          f"nocomment={total['nocomment']}")


if __name__ == "__main__":
    main()
