"""comments: offline reader-comment moderation and sentiment analysis for news pages.

Pipeline: ingest -> split -> score -> moderate -> report/export.
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("comments")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+local"

from .scoring import SCORE_COLUMNS, score
from .types import Comment, Document, InputError, Page

__all__ = ["Comment", "Document", "InputError", "Page", "SCORE_COLUMNS", "score", "__version__"]
