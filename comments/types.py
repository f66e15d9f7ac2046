"""The small typed records that flow between the pipeline stages.

ingest -> Document | InputError -> split -> Page (with Comment) -> score -> moderate -> report/export
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, slots=True)
class Document:
    """One page as read from an input, before splitting."""

    id: str
    source: str  # file path, "path:LINE" for a JSON Lines record, "-" for standard input
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "cp1252"
    text: str | None = None  # a plain-text dump
    html: str | None = None  # an HTML page (text is None then)
    url: str | None = None
    title: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not be read; the batch goes on without it."""

    source: str
    reason: str

    def __post_init__(self) -> None:
        # one line, whatever the exception text was: errors are printed and logged a line each
        object.__setattr__(self, "reason", " ".join(str(self.reason).split()))

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True)
class Comment:
    author: str | None
    posted: str | None  # the timestamp exactly as the page shows it
    text: str  # the comment's own text, paragraphs joined with "\n"
    parent: int | None = None  # index in Page.comments of the comment this replies to


@dataclass(slots=True)
class Page:
    id: str
    title: str | None
    date: str | None
    article_body: str
    comments: list[Comment] = field(default_factory=list)
    source: str = ""
    encoding: str = "utf-8"
    url: str | None = None  # the page's address, when its input gave one (JSON Lines "url"); not in to_dict

    def to_dict(self) -> dict:
        """The JSON contract of `comments split`: exactly these keys, in this order."""
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "article_body": self.article_body,
            "comments": [asdict(c) for c in self.comments],
            "source": self.source,
            "encoding": self.encoding,
        }

    @classmethod
    def from_dict(cls, d: dict) -> Page:
        return cls(
            id=d["id"],
            title=d.get("title"),
            date=d.get("date"),
            article_body=d.get("article_body", ""),
            comments=[Comment(**c) for c in d.get("comments", [])],
            source=d.get("source", ""),
            encoding=d.get("encoding", "utf-8"),
        )
