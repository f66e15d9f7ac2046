"""Charts for the article report: matplotlib figures rendered to inline SVG, byte-identical on every run
(fixed hash salt, no date metadata) and cheap.

Building a figure (axes, spines, ticks, labels) costs as much as drawing it, and every report draws the
same two layouts, so each process builds each figure once and, per report, only swaps the data artists
(bar heights, lines, markers, ticks, legend) in the order a fresh figure would add them: the SVG is the
same bytes a figure built from scratch gives (`tests/test_report.py` checks it against `fresh=True`).
"""
from __future__ import annotations

import functools
import io
import re
import threading

import matplotlib
import numpy as np
from matplotlib.figure import Figure  # a bare Figure never touches pyplot's state

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
}
COLORS = {"negative": "#c8553d", "neutral": "#9aa3ad", "positive": "#2e8b57", "toxicity": "#b23a48",
          "conspiracy": "#6a4c93", "review": "#e09f3e", "reject": "#b23a48", "article": "#1f4e79"}
SENTIMENT_BINS = [i / 5 - 1 for i in range(11)]  # ten bins over [-1, 1]
# rcParams are process-wide and the figures are shared: one chart at a time per process (Dask threads).
_LOCK = threading.Lock()


def sentiment_chart(sentiment: dict, *, fresh: bool = False) -> str:
    """Histogram of the comments' sentiment, with the article body's and the comments' mean marked.
    `fresh`: on a figure built for this chart alone (the reference the reused figure must equal)."""
    with _LOCK, matplotlib.rc_context(RC):
        chart = _SentimentChart() if fresh else _shared_sentiment_chart()
        return chart.svg(sentiment)


def thread_chart(comments: list[dict], thresholds: dict[str, float], *, fresh: bool = False) -> str:
    """Toxicity and conspiracy along the thread, with the review thresholds and the flagged comments."""
    shown = tuple((name, thresholds[name]) for name in _ThreadChart.SCORES if name in thresholds)
    with _LOCK, matplotlib.rc_context(RC):
        chart = _ThreadChart(shown) if fresh else _shared_thread_chart(shown)
        return chart.svg(comments)


class _SentimentChart:
    def __init__(self) -> None:
        self.fig = _figure()
        ax = self.ax = self.fig.add_subplot()
        _, edges, self.bars = ax.hist([], bins=SENTIMENT_BINS, edgecolor="white", linewidth=0.8)
        for patch, left in zip(self.bars, edges[:-1]):
            patch.set_facecolor(COLORS["negative"] if left < -0.2 else
                                COLORS["positive"] if left >= 0.2 else COLORS["neutral"])
        self.article = ax.axvline(0, color=COLORS["article"], linestyle="--", linewidth=1.5)
        self.mean = ax.axvline(0, color="#222", linewidth=1.5)
        ax.set_xlim(-1, 1)
        ax.set_xticks([-1, -0.5, 0, 0.5, 1])  # explicit ticks: tick layout is most of the drawing time
        ax.set_xlabel("sentiment (-1 negative … +1 positive)")
        ax.set_ylabel("comments")
        _adjust(self.fig)
        self.legend = _Legend(ncol=2)

    def svg(self, sentiment: dict) -> str:
        ax = self.ax
        # what `ax.hist` counts: np.histogram of the scores, as floats
        counts = np.histogram(sentiment["comments"]["scores"], SENTIMENT_BINS)[0].astype(float)
        for patch, count in zip(self.bars, counts):
            patch.set_height(count)
        # the lines a fresh figure would add, in its order (a missing one is not there at all)
        for line in (self.article, self.mean):
            if line.axes:
                line.remove()
        article, mean = sentiment["article"]["score"], sentiment["comments"]["mean"]
        if article is not None:
            ax.add_line(_at_x(self.article, article, f"article body {article:+.2f}"))
        if mean is not None:
            ax.add_line(_at_x(self.mean, mean, f"comments mean {mean:+.2f}"))
        ax.relim()
        ax.autoscale_view()  # the y range a fresh figure autoscales to (x is fixed)
        ax.set_yticks(_int_ticks(int(max(counts, default=0))))
        shown = [line for line in (self.article, self.mean) if line.axes]
        self.legend.update(ax, tuple(map(id, shown)), [line.get_label() for line in shown])
        return _svg(self.fig, "sentiment")


class _ThreadChart:
    SCORES = ("toxicity", "conspiracy")
    ACTIONS = ("review", "reject")

    def __init__(self, thresholds: tuple[tuple[str, float], ...]) -> None:
        self.fig = _figure()
        ax = self.ax = self.fig.add_subplot()
        self.lines = {}
        for name in self.SCORES:
            (self.lines[name],) = ax.plot([], [], color=COLORS[name], linewidth=1.3, marker="o",
                                          markersize=3, label=name)
            if name in dict(thresholds):  # the dotted review threshold
                ax.axhline(dict(thresholds)[name], color=COLORS[name], linestyle=":", linewidth=1)
        self.hits: list = []  # this chart's review/reject markers
        ax.set_ylim(-0.02, 1.02)
        ax.set_yticks([0, 0.5, 1])
        ax.set_xlabel("comment # in thread order (dotted: review thresholds)")
        ax.set_ylabel("score")
        _adjust(self.fig)
        self.legend = _Legend(ncol=4)

    def svg(self, comments: list[dict]) -> str:
        ax = self.ax
        x = [c["index"] + 1 for c in comments]
        for name, line in self.lines.items():
            line.set_data(x, [c[name] or 0.0 for c in comments])
        for old in self.hits:
            old.remove()
        self.hits = []
        for action in self.ACTIONS:
            hits = [c for c in comments if c["action"] == action]
            if hits:
                self.hits.append(ax.scatter(
                    [c["index"] + 1 for c in hits],
                    [max(c["toxicity"] or 0, c["conspiracy"] or 0) for c in hits],
                    s=42, facecolors="none", edgecolors=COLORS[action], linewidths=1.5, label=f"{action}",
                    zorder=3))
        ax.set_xlim(0.5, max(x, default=1) + 0.5)
        ax.set_xticks(_int_ticks(len(x), start=1))
        actions = tuple(hit.get_label() for hit in self.hits)  # each action's markers look the same
        self.legend.update(ax, actions, [*self.SCORES, *actions])
        return _svg(self.fig, "thread")


class _Legend:
    """A chart's legend, built again only when its entries change: building one costs as much as
    drawing it, and a legend is drawn from its handles' styles and its texts alone."""

    def __init__(self, ncol: int) -> None:
        self.ncol = ncol
        self.entries = None  # what the current legend shows, up to its texts

    def update(self, ax, entries: tuple, labels: list[str]) -> None:
        """The legend `ax.legend()` makes now; `entries` stands for its handles (equal entries, equal
        handle styles), `labels` are its texts, in order."""
        legend = ax.get_legend()
        if legend is not None and entries == self.entries:
            for text, label in zip(legend.get_texts(), labels, strict=True):
                text.set_text(label)
            return
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, 1.18), ncol=self.ncol, frameon=False, fontsize=8)
        self.entries = entries


@functools.cache
def _shared_sentiment_chart() -> _SentimentChart:
    return _SentimentChart()


@functools.lru_cache(maxsize=4)  # one per policy's thresholds: a run has one
def _shared_thread_chart(thresholds: tuple[tuple[str, float], ...]) -> _ThreadChart:
    return _ThreadChart(thresholds)


def _figure() -> Figure:
    return Figure(figsize=(4.8, 2.5))


def _at_x(line, x: float, label: str):
    line.set_xdata([x, x])
    line.set_label(label)
    return line


def _adjust(fig: Figure) -> None:
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.2, top=0.86)  # fixed margins: tight_layout is slow


def _int_ticks(top: int, start: int = 0, most: int = 6) -> list[int]:
    """At most `most` evenly spaced whole-number ticks from `start` up to `top`."""
    if top <= start:
        return [start]
    step = -(-(top - start) // (most - 1))  # ceiling division
    return list(range(start, top + 1, step))


def _svg(fig: Figure, prefix: str) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]  # drop the XML prolog and doctype: it is inlined in HTML
    # Ids are unique within one SVG only; prefix them so two charts on one page cannot clash.
    svg = re.sub(r'id="([^"]+)"', rf'id="{prefix}-\1"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', rf'url(#{prefix}-\1)', svg)
    return re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{prefix}-\1"', svg)
