"""Charts for the article report: matplotlib figures rendered to inline SVG, byte-identical on every run
(fixed hash salt, no date metadata) and cheap (small figures, closed right away)."""
from __future__ import annotations

import io
import re

import matplotlib
from matplotlib.figure import Figure  # a bare Figure draws with Agg and never touches pyplot's state

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


def sentiment_chart(sentiment: dict) -> str:
    """Histogram of the comments' sentiment, with the article body's and the comments' mean marked."""
    scores = sentiment["comments"]["scores"]
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(4.8, 2.5))
        ax = fig.add_subplot()
        bins = [i / 5 - 1 for i in range(11)]  # ten bins over [-1, 1]
        counts, edges, patches = ax.hist(scores, bins=bins, edgecolor="white", linewidth=0.8)
        for patch, left in zip(patches, edges[:-1]):
            patch.set_facecolor(COLORS["negative"] if left < -0.2 else
                                COLORS["positive"] if left >= 0.2 else COLORS["neutral"])
        article = sentiment["article"]["score"]
        if article is not None:
            ax.axvline(article, color=COLORS["article"], linestyle="--", linewidth=1.5,
                       label=f"article body {article:+.2f}")
        if sentiment["comments"]["mean"] is not None:
            ax.axvline(sentiment["comments"]["mean"], color="#222", linewidth=1.5,
                       label=f"comments mean {sentiment['comments']['mean']:+.2f}")
        ax.set_xlim(-1, 1)
        ax.set_xticks([-1, -0.5, 0, 0.5, 1])  # explicit ticks: tick layout is most of the drawing time
        ax.set_yticks(_int_ticks(int(max(counts, default=0))))
        ax.set_xlabel("sentiment (-1 negative … +1 positive)")
        ax.set_ylabel("comments")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, 1.18), ncol=2, frameon=False, fontsize=8)
        return _svg(fig, "sentiment")


def thread_chart(comments: list[dict], thresholds: dict[str, float]) -> str:
    """Toxicity and conspiracy along the thread, with the review thresholds and the flagged comments."""
    x = [c["index"] + 1 for c in comments]
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(4.8, 2.5))
        ax = fig.add_subplot()
        for name in ("toxicity", "conspiracy"):
            ax.plot(x, [c[name] or 0.0 for c in comments], color=COLORS[name], linewidth=1.3,
                    marker="o", markersize=3, label=name)
            if name in thresholds:
                ax.axhline(thresholds[name], color=COLORS[name], linestyle=":", linewidth=1)
        for action in ("review", "reject"):
            hits = [c for c in comments if c["action"] == action]
            if hits:
                ax.scatter([c["index"] + 1 for c in hits], [max(c["toxicity"] or 0, c["conspiracy"] or 0)
                                                           for c in hits],
                           s=42, facecolors="none", edgecolors=COLORS[action], linewidths=1.5,
                           label=f"{action}", zorder=3)
        ax.set_ylim(-0.02, 1.02)
        ax.set_yticks([0, 0.5, 1])
        ax.set_xlim(0.5, max(x, default=1) + 0.5)
        ax.set_xticks(_int_ticks(len(x), start=1))
        ax.set_xlabel("comment # in thread order (dotted: review thresholds)")
        ax.set_ylabel("score")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, 1.18), ncol=4, frameon=False, fontsize=8)
        return _svg(fig, "thread")


def _int_ticks(top: int, start: int = 0, most: int = 6) -> list[int]:
    """At most `most` evenly spaced whole-number ticks from `start` up to `top`."""
    if top <= start:
        return [start]
    step = -(-(top - start) // (most - 1))  # ceiling division
    return list(range(start, top + 1, step))


def _svg(fig: Figure, prefix: str) -> str:
    buf = io.StringIO()
    fig.subplots_adjust(left=0.1, right=0.98, bottom=0.2, top=0.86)  # fixed margins: tight_layout is slow
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]  # drop the XML prolog and doctype: it is inlined in HTML
    # Ids are unique within one SVG only; prefix them so two charts on one page cannot clash.
    svg = re.sub(r'id="([^"]+)"', rf'id="{prefix}-\1"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', rf'url(#{prefix}-\1)', svg)
    return re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{prefix}-\1"', svg)
