"""Charts for the article report: matplotlib figures rendered to inline SVG, byte-identical on every run
(fixed hash salt, no date metadata) and cheap.

Drawing text is most of matplotlib's cost (every string is laid out with the font), so a chart holds only
the text that must sit on the plot: tick labels and axis labels, the latter at fixed places (placing one
beside its tick labels measures them all again). The legend is a `Chart.key` the page shows in HTML beside
the plot: readable, selectable, and free to draw.

Building a figure (axes, spines, ticks, labels) costs as much as drawing it, and every report draws the
same two layouts, so each process builds each figure once and, per report, only sets the data of artists
that are always there (bar heights, line data, ticks, limits; an unused line is hidden): the SVG is the
same bytes a figure built from scratch gives (`tests/test_report.py` checks it against `fresh=True`).
"""
from __future__ import annotations

import functools
import io
import re
import threading
from dataclasses import dataclass

import matplotlib
import numpy as np
from matplotlib.figure import Figure  # a bare Figure never touches pyplot's state
from matplotlib.transforms import offset_copy
from markupsafe import Markup, escape

RC = {
    "svg.hashsalt": "comments-report",  # deterministic ids inside the SVG
    "svg.fonttype": "none",  # text stays text: smaller, and the page's own font renders it
    "font.family": "sans-serif",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#9aa3ad",
    "axes.labelcolor": "#3b4451",
    "xtick.color": "#3b4451",
    "ytick.color": "#3b4451",
    "figure.facecolor": "none",  # the page's card shows through
    "axes.facecolor": "none",
}
COLORS = {"negative": "#c8553d", "neutral": "#9aa3ad", "positive": "#2e8b57", "toxicity": "#b23a48",
          "conspiracy": "#6a4c93", "review": "#e09f3e", "reject": "#b23a48", "article": "#1f4e79",
          "mean": "#222222"}
SENTIMENT_BINS = [i / 5 - 1 for i in range(11)]  # ten bins over [-1, 1]
SENTIMENT_KINDS = ("negative", "neutral", "positive")  # the model's labels, one colour each
# rcParams are process-wide and the figures are shared: one chart at a time per process (Dask threads).
_LOCK = threading.Lock()


@dataclass(frozen=True)
class KeyEntry:
    """One entry of a chart's key (its legend, shown in HTML): a swatch drawn like the plot's mark."""
    label: str
    color: str
    mark: str  # "bar", "line", "dashed", "dotted", "dot-line" (a line with dots) or "ring"


@dataclass(frozen=True)
class Chart:
    svg: Markup  # inline SVG (ours, safe to embed), with role="img" and a <title> saying what it shows
    key: tuple[KeyEntry, ...]


def sentiment_chart(sentiment: dict, comments: list[dict], *, fresh: bool = False) -> Chart:
    """Histogram of the comments' sentiment scores, each comment in the colour of its sentiment label, with
    the article body's and the comments' mean marked. `fresh`: on a figure built for this chart alone (the
    reference the reused figure must equal)."""
    with _LOCK, matplotlib.rc_context(RC):
        chart = _SentimentChart() if fresh else _shared_sentiment_chart()
        return chart.draw(sentiment, comments)


def thread_chart(comments: list[dict], thresholds: dict[str, float], *, fresh: bool = False) -> Chart:
    """Toxicity and conspiracy along the thread, with the review thresholds and the flagged comments."""
    shown = tuple((name, thresholds[name]) for name in _ThreadChart.SCORES if name in thresholds)
    with _LOCK, matplotlib.rc_context(RC):
        chart = _ThreadChart(shown) if fresh else _shared_thread_chart(shown)
        return chart.draw(comments)


class _SentimentChart:
    def __init__(self) -> None:
        self.fig = _figure()
        ax = self.ax = self.fig.add_subplot()
        # a stack per bin, a layer per label: the label is the model's own call, not a cut of the score (a
        # comment at +0.3 may be positive or neutral), so a bin may hold comments of every label
        _, _, self.layers = ax.hist([[]] * len(SENTIMENT_KINDS), bins=SENTIMENT_BINS, stacked=True,
                                    color=[COLORS[kind] for kind in SENTIMENT_KINDS], edgecolor="white", linewidth=0.8)
        self.article = ax.axvline(0, color=COLORS["article"], linestyle="--", linewidth=1.5)
        self.mean = ax.axvline(0, color=COLORS["mean"], linewidth=1.5)
        ax.set_xlim(-1, 1)
        ax.set_xticks([-1, -0.5, 0, 0.5, 1])  # explicit ticks: tick layout is most of the drawing time
        ax.set_xlabel("sentiment (-1 negative … +1 positive)")
        ax.set_ylabel("comments")
        _xlabel_below(ax)

    def draw(self, sentiment: dict, comments: list[dict]) -> Chart:
        scored = [c for c in comments if c["sentiment_score"] is not None]
        bottoms = np.zeros(len(SENTIMENT_BINS) - 1, dtype=int)
        per_kind = {}
        for kind, layer in zip(SENTIMENT_KINDS, self.layers):
            counts = np.histogram([c["sentiment_score"] for c in scored if c["sentiment_label"] == kind],
                                  SENTIMENT_BINS)[0]
            for patch, bottom, count in zip(layer, bottoms, counts):
                patch.set_visible(bool(count))  # an empty bar would still be a path in the SVG
                patch.set_y(bottom)
                patch.set_height(count)
            bottoms += counts
            per_kind[kind] = int(counts.sum())
        top = int(bottoms.max())
        self.ax.set_ylim(0, 1.05 * max(top, 1))  # what autoscaling gives (5% headroom), without measuring
        ticks = _int_ticks(top)
        self.ax.set_yticks(ticks)
        _ylabel_beside(self.ax, str(ticks[-1]))
        article, mean = sentiment["article"]["score"], sentiment["comments"]["mean"]
        key = [KeyEntry(kind, COLORS[kind], "bar") for kind in SENTIMENT_KINDS]
        for line, x, label, mark in ((self.article, article, "article body", "dashed"),
                                     (self.mean, mean, "comments mean", "line")):
            line.set_visible(x is not None)
            if x is not None:
                line.set_xdata([x, x])
                key.append(KeyEntry(f"{label} {x:+.2f}", line.get_color(), mark))
        title = (f"Sentiment of {len(scored)} comments: {per_kind['negative']} negative, "
                 f"{per_kind['neutral']} neutral, {per_kind['positive']} positive"
                 + "".join(f"; {entry.label}" for entry in key[3:]))
        return Chart(_svg(self.fig, "sentiment", title), tuple(key))


class _ThreadChart:
    SCORES = ("toxicity", "conspiracy")
    ACTIONS = ("review", "reject")

    def __init__(self, thresholds: tuple[tuple[str, float], ...]) -> None:
        self.fig = _figure()
        ax = self.ax = self.fig.add_subplot()
        self.thresholds = thresholds
        for name, threshold in thresholds:
            ax.axhline(threshold, color=COLORS[name], linestyle=":", linewidth=1)
        self.lines = {name: ax.plot([], [], color=COLORS[name], linewidth=1.3, marker="o", markersize=3)[0]
                      for name in self.SCORES}
        # flagged comments: an open circle around the point (markersize 6.5 = a scatter's s=42)
        self.hits = {action: ax.plot([], [], linestyle="none", marker="o", markersize=6.5, markerfacecolor="none",
                                     markeredgecolor=COLORS[action], markeredgewidth=1.5, zorder=3)[0]
                     for action in self.ACTIONS}
        ax.set_ylim(-0.02, 1.02)
        ax.set_yticks([0, 0.5, 1])
        ax.set_xlabel("comment # in thread order")
        ax.set_ylabel("score")
        _xlabel_below(ax)
        _ylabel_beside(ax, "0.5")

    def draw(self, comments: list[dict]) -> Chart:
        x = [c["index"] + 1 for c in comments]
        for name, line in self.lines.items():
            line.set_data(x, [c[name] or 0.0 for c in comments])
        key = [KeyEntry(name, COLORS[name], "dot-line") for name in self.SCORES]
        # each threshold is drawn in its score's colour: the key says whose line is whose
        key += [KeyEntry(f"{name} ≥ {threshold:.2f}", COLORS[name], "dotted") for name, threshold in self.thresholds]
        counts = {}
        for action, hit in self.hits.items():
            flagged = [c for c in comments if c["action"] == action]
            counts[action] = len(flagged)
            hit.set_visible(bool(flagged))  # an empty line would still leave an empty group in the SVG
            hit.set_data([c["index"] + 1 for c in flagged],
                         [max(c["toxicity"] or 0, c["conspiracy"] or 0) for c in flagged])
            if flagged:
                key.append(KeyEntry(action, COLORS[action], "ring"))
        self.ax.set_xlim(0.5, max(x, default=1) + 0.5)
        self.ax.set_xticks(_int_ticks(len(x), start=1))
        worst = max(comments, key=lambda c: c["toxicity"] or 0, default=None)
        title = (f"Toxicity and conspiracy scores of {len(comments)} comments in thread order; "
                 f"{counts['reject']} to reject, {counts['review']} to review"
                 + (f"; highest toxicity {worst['toxicity']:.2f} at comment #{worst['index'] + 1}"
                    if worst and worst["toxicity"] is not None else ""))
        return Chart(_svg(self.fig, "thread", title), tuple(key))


@functools.cache
def _shared_sentiment_chart() -> _SentimentChart:
    return _SentimentChart()


@functools.lru_cache(maxsize=4)  # one per policy's thresholds: a run has one
def _shared_thread_chart(thresholds: tuple[tuple[str, float], ...]) -> _ThreadChart:
    return _ThreadChart(thresholds)


def _figure() -> Figure:
    fig = Figure(figsize=(4.8, 2.2))
    fig.subplots_adjust(left=0.13, right=0.98, bottom=0.2, top=0.95)  # fixed margins: tight_layout is slow
    return fig


# Axis labels sit at fixed offsets from the axes: placing one beside its tick labels would lay them all
# out again to measure them. The offsets are in points: tick (3.5) + pad (3.5) + tick labels + gap (4).
def _xlabel_below(ax) -> None:
    ax.xaxis.set_label_coords(0.5, 0, transform=offset_copy(ax.transAxes, ax.figure, y=-19, units="points"))


def _ylabel_beside(ax, widest_tick: str) -> None:
    """The y label clear of tick labels as wide as `widest_tick` (digits 5.7 pt wide at 9 pt, as in
    DejaVu Sans; the browser's own sans-serif is about as wide)."""
    width = sum(2.9 if char == "." else 5.7 for char in widest_tick)
    ax.yaxis.set_label_coords(0, 0.5, transform=offset_copy(ax.transAxes, ax.figure, x=-11 - width, units="points"))


def _int_ticks(top: int, start: int = 0, most: int = 6) -> list[int]:
    """At most `most` evenly spaced whole-number ticks from `start` up to `top`."""
    if top <= start:
        return [start]
    step = -(-(top - start) // (most - 1))  # ceiling division
    return list(range(start, top + 1, step))


def _svg(fig: Figure, prefix: str, title: str) -> Markup:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]  # drop the XML prolog and doctype: it is inlined in HTML
    # Ids are unique within one SVG only; prefix them so two charts on one page cannot clash.
    svg = re.sub(r'id="([^"]+)"', rf'id="{prefix}-\1"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', rf'url(#{prefix}-\1)', svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{prefix}-\1"', svg)
    # An image to assistive technology, described by its title (also the tooltip).
    head = svg.index(">") + 1
    return Markup(f'{svg[:head - 1]} role="img" aria-labelledby="{prefix}-title">\n'
                  f' <title id="{prefix}-title">{escape(title)}</title>{svg[head:]}')
