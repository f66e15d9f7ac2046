"""Screenshot an article report for the README: `python tools/screenshot_report.py`.

Runs `comments report` on the bundled example pages (or the INPUTs given) with the shipped models and
policy, then photographs one article report in Debian's headless chromium:

    python tools/screenshot_report.py [INPUT...] [--article ID] [--out reports/example-report.png]

The default article is the example page with the most comments.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from comments.pipeline import run_report
from comments.policy import load_policy

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=[str(REPO / "examples")], metavar="INPUT")
    parser.add_argument("--article", help="article id to photograph (default: the one with most comments)")
    parser.add_argument("--out", type=Path, default=REPO / "reports" / "example-report.png")
    parser.add_argument("--size", default="1200,1900", help="browser window WIDTH,HEIGHT in pixels")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report"
        run = run_report(args.inputs, out, load_policy(), progress=False)
        articles = json.loads((out / "summary.json").read_text("utf-8"))["articles"]
        if not articles:
            print(f"no article could be reported ({run.line()})", file=sys.stderr)
            return 1
        chosen = next((a for a in articles if a["id"] == args.article), None) if args.article else \
            max(articles, key=lambda a: a["comments"])
        if chosen is None:
            print(f"no article {args.article!r} among {[a['id'] for a in articles]}", file=sys.stderr)
            return 1
        args.out.parent.mkdir(parents=True, exist_ok=True)
        shot = subprocess.run([args.chromium, *CHROMIUM_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
                               f"--window-size={args.size}", f"--screenshot={args.out.resolve()}",
                               (out / chosen["report"]).as_uri()], capture_output=True, text=True, timeout=120)
        if shot.returncode != 0 or not args.out.exists():
            print(f"chromium failed: {shot.stderr.strip()[-500:]}", file=sys.stderr)
            return 1
    print(f"{args.out}: article {chosen['id']} ({chosen['comments']} comments, {chosen['flagged']} flagged)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
