"""Per-article reports and the run's index: data (`data`), charts (`charts`), renderers (`render`)."""
from .data import build_article_report
from .render import render_article, render_index

__all__ = ["build_article_report", "render_article", "render_index"]
