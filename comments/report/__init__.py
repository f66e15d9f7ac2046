"""Per-article reports and the run's index: data (`data`), charts (`charts`), renderers (`render`)."""
from .data import build_article_report
from .render import FORMATS, render_article, render_index, report_link

__all__ = ["FORMATS", "build_article_report", "render_article", "render_index", "report_link"]
