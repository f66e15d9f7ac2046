"""Renderers: the report data as JSON, Markdown and self-contained HTML (Jinja2, autoescaped)."""
from __future__ import annotations

import json
import re
from functools import cache

from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

from .charts import sentiment_chart, thread_chart

# Below this many comments a chart says nothing a sentence does not (and drawing is the costly part).
MIN_CHART_COMMENTS = 3
# Highlight kinds, strongest first where they overlap.
HIGHLIGHTS = ("word", "tox", "cue")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def render_article(report: dict) -> dict[str, str]:
    """The article report as {"json": ..., "md": ..., "html": ...}."""
    charts = {}
    if len(report["comments"]) >= MIN_CHART_COMMENTS:
        thresholds = {name: s["threshold"] for name, s in report["shares"].items()}
        charts = {"sentiment": Markup(sentiment_chart(report["sentiment"])),
                  "thread": Markup(thread_chart(report["comments"], thresholds))}
    env = _env()
    return {
        "json": to_json(report),
        "md": env.get_template("article.md.j2").render(r=report),
        "html": env.get_template("article.html.j2").render(r=report, charts=charts),
    }


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
    """`text` cut into (piece, highlight kind or None): banned/suspect words, toxic spans, cues."""
    kinds: list[str | None] = [None] * len(text)

    def paint(start: int, end: int, kind: str) -> None:
        for i in range(max(0, start), min(end, len(text))):
            if kinds[i] is None or HIGHLIGHTS.index(kind) < HIGHLIGHTS.index(kinds[i]):
                kinds[i] = kind

    for start, end in comment.get("word_spans", []):
        paint(start, end, "word")
    for start, end in comment.get("toxic_spans", []):
        paint(int(start), int(end), "tox")
    for cue in comment.get("conspiracy_cues", []):
        if cue and cue.strip():
            for m in re.finditer(rf"(?<!\w){re.escape(cue)}(?!\w)", text, re.IGNORECASE):
                paint(m.start(), m.end(), "cue")
    out: list[tuple[str, str | None]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or kinds[i] != kinds[start]:
            out.append((text[start:i], kinds[start]))
            start = i
    return out


def highlight_html(text: str, comment: dict) -> Markup:
    """The comment text as safe HTML: every piece escaped, highlights wrapped in <mark>."""
    titles = {"word": "listed word", "tox": "toxic span", "cue": "conspiracy cue"}
    return Markup("").join(
        escape(piece) if kind is None else
        Markup('<mark class="{}" title="{}">{}</mark>').format(kind, titles[kind], piece)
        for piece, kind in segments(text, comment))


def md_escape(text) -> str:
    """Text that Markdown shows literally (no HTML, links or emphasis from a comment)."""
    return _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


def highlight_md(text: str, comment: dict) -> str:
    out = []
    for piece, kind in segments(text, comment):
        piece = md_escape(piece)
        out.append(f"**{piece}**" if kind and piece.strip() else piece)
    return "".join(out)


def _pct(value) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def _signed(value) -> str:
    return "–" if value is None else f"{value:+.2f}"


def _blockquote(text: str) -> str:
    return "\n".join("> " + line for line in text.split("\n"))


@cache
def _env() -> Environment:
    env = Environment(loader=PackageLoader("comments", "report/templates"),
                      autoescape=lambda name: bool(name) and name.endswith(".html.j2"),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(pct=_pct, signed=_signed, md=md_escape, blockquote=_blockquote,
                       highlight=highlight_html, highlight_md=highlight_md)
    return env
