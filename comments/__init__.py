"""comments: offline reader-comment moderation and sentiment analysis for news pages.

Pipeline: ingest -> split -> score -> moderate -> report/export.
"""
from importlib.metadata import PackageNotFoundError, version

from .types import Comment, Document, InputError, Page

try:
    __version__ = version("comments")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+local"

__all__ = ["Comment", "Document", "InputError", "Page", "SCORE_COLUMNS", "score", "__version__"]


def __getattr__(name: str):
    # `comments.score` needs pandas and the models: import them on first use, so `comments split`
    # and `comments --help` start fast.
    if name in ("score", "SCORE_COLUMNS"):
        from . import scoring

        return getattr(scoring, name)
    raise AttributeError(f"module 'comments' has no attribute {name!r}")
