"""Renderers: the report data as JSON, Markdown and self-contained HTML (Jinja2, autoescaped)."""
from __future__ import annotations

import json
import re
from functools import cache
from urllib.parse import quote

from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

from .charts import sentiment_chart, thread_chart

# The per-article report formats; HTML draws two charts, most of a run's time.
FORMATS = ("html", "md", "json")
# Below this many comments a chart says nothing a sentence does not (and drawing is the costly part).
MIN_CHART_COMMENTS = 3
# Highlight kinds, strongest first where they overlap.
HIGHLIGHTS = ("word", "tox", "cue")
TITLES = {"word": "listed word", "tox": "toxic span", "cue": "conspiracy cue"}  # plain text: no escaping needed
_MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>#|&])")  # & too: "&lt;" would show as "<"; ~ is strikethrough
# What a line may start with that Markdown reads as a list item, a heading underline or a rule.
_MD_LINE_START = re.compile(r"(?m)^(\s*)([-+=]|\d+(?=[.)]))")


def render_article(report: dict, formats: tuple[str, ...] = FORMATS) -> dict[str, str]:
    """The article report as {"json": ..., "md": ..., "html": ...}, in the `formats` asked for."""
    out = {}
    if "json" in formats:
        out["json"] = to_json(report)
    if "md" in formats:
        out["md"] = _env().get_template("article.md.j2").render(r=report)
    if "html" in formats:
        charts = {}
        if len(report["comments"]) >= MIN_CHART_COMMENTS:
            thresholds = {name: s["threshold"] for name, s in report["shares"].items()}
            charts = {"sentiment": sentiment_chart(report["sentiment"], report["comments"]),
                      "thread": thread_chart(report["comments"], thresholds)}
        out["html"] = _env().get_template("article.html.j2").render(r=report, charts=charts)
    return out


def report_link(stem: str, formats: tuple[str, ...]) -> str | None:
    """Where an index links an article: its HTML report, else Markdown, else JSON (None: no report)."""
    return next((f"articles/{stem}.{suffix}" for suffix in ("html", "md", "json") if suffix in formats), None)


def render_index(summary: dict) -> dict[str, str]:
    """The run's index as {"index.html": ..., "index.md": ..., "summary.json": ...}."""
    env = _env()
    return {
        "index.html": env.get_template("index.html.j2").render(s=summary),
        "index.md": env.get_template("index.md.j2").render(s=summary),
        "summary.json": to_json(summary),
    }


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def segments(text: str, comment: dict) -> list[tuple[str, str | None]]:
    """`text` cut into (piece, highlight kind or None): banned/suspect words, toxic spans, cues.
    Where highlights overlap the strongest kind (first in HIGHLIGHTS) shows; equal neighbours merge."""
    spans = [(start, end, "word") for start, end in comment.get("word_spans", [])]
    spans += [(int(start), int(end), "tox") for start, end in comment.get("toxic_spans", [])]
    for cue in comment.get("conspiracy_cues", []):
        if cue and cue.strip():
            spans += [(m.start(), m.end(), "cue")
                      for m in re.finditer(rf"(?<!\w){re.escape(cue)}(?!\w)", text, re.IGNORECASE)]
    spans = [(max(0, start), min(end, len(text)), HIGHLIGHTS.index(kind)) for start, end, kind in spans]
    spans = [span for span in spans if span[0] < span[1]]
    # Between two consecutive span edges every character has the same highlights: sweep the edges in order,
    # counting the spans of each kind that are open (linear in the spans, so a flood comment stays cheap).
    edges = sorted([(start, 1, rank) for start, _, rank in spans] + [(end, -1, rank) for _, end, rank in spans])
    open_spans = [0] * len(HIGHLIGHTS)
    out: list[tuple[str, str | None]] = []
    position, i = 0, 0
    while position < len(text):
        while i < len(edges) and edges[i][0] == position:
            open_spans[edges[i][2]] += edges[i][1]
            i += 1
        end = edges[i][0] if i < len(edges) else len(text)
        kind = next((HIGHLIGHTS[rank] for rank, n in enumerate(open_spans) if n), None)
        if out and out[-1][1] == kind:
            out[-1] = (out[-1][0] + text[position:end], kind)
        else:
            out.append((text[position:end], kind))
        position = end
    return out


def highlight_html(text: str, comment: dict) -> Markup:
    """The comment text as safe HTML: every piece escaped, highlights wrapped in <mark>."""
    return Markup("".join(
        escape(piece) if kind is None else f'<mark class="{kind}" title="{TITLES[kind]}">{escape(piece)}</mark>'
        for piece, kind in segments(text, comment)))


def md_escape(text) -> str:
    """Text that Markdown shows literally (no HTML, links or emphasis from a comment)."""
    return _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


def md_line(text) -> str:
    """`md_escape` on one line: a title, author or reason with a line break would end its heading or
    table row."""
    return md_escape(" ".join(("" if text is None else str(text)).split()))


def highlight_md(text: str, comment: dict) -> str:
    """Marked text in bold. Markdown has one mark, so touching marks (a listed word inside a toxic span)
    are one bold run, and spaces stay outside its "**": "**Send the ****word**** back**" or "**Send the **"
    would show the asterisks."""
    out, marked = [], []
    for piece, kind in [*segments(text, comment), ("", None)]:
        if kind:
            marked.append(piece)
            continue
        run = "".join(marked)
        if run.strip():
            core = run.strip()
            start = run.index(core)
            out.append(f"{md_escape(run[:start])}**{md_escape(core)}**{md_escape(run[start + len(core):])}")
        else:
            out.append(md_escape(run))
        marked = []
        out.append(md_escape(piece))
    return _MD_LINE_START.sub(_escaped_line_start, "".join(out))


def _escaped_line_start(m: re.Match) -> str:
    """ "1. " or "- " starting a line of a comment is its text, not a list: "1\\. ", "\\- "."""
    indent, mark = m.groups()
    return indent + (mark + "\\" if mark[0].isdigit() else "\\" + mark)


def web_link(url) -> str | None:
    """`url` as a link a report may hold: an http(s) address with a host, percent-encoding what a link
    cannot carry as it is (spaces, quotes, brackets, control characters); None for anything else
    (javascript:, data:, a relative path)."""
    if not isinstance(url, str):
        return None
    link = quote(url.strip(), safe="!#$%&'*+,/:;=?@[]~-._")  # (also ( ) " < > ` \\ and spaces)
    return link if _WEB_ADDRESS.match(link) else None


_WEB_ADDRESS = re.compile(r"https?://[^/?#@:]", re.IGNORECASE)


def _pct(value) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def _signed(value) -> str:
    return "–" if value is None else f"{value:+.2f}"


def _blockquote(text: str) -> str:
    return "\n".join("> " + line for line in text.split("\n"))


@cache
def _env() -> Environment:
    env = Environment(loader=PackageLoader("comments", "report/templates"),
                      auto_reload=False,  # shipped templates: no file check on every page
                      autoescape=lambda name: bool(name) and name.endswith(".html.j2"),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(pct=_pct, signed=_signed, md=md_line, blockquote=_blockquote,
                       highlight=highlight_html, highlight_md=highlight_md, web_link=web_link)
    return env
