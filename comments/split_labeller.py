"""A learned line labeller for the page splitter: a second reading of a page, for the arbiter to weigh.

The rules of comments/split.py know the comment headers they were built on. This labeller looks at what every
comment section has, whatever its words: a line shape that repeats down the tail of the page (the header), short
meta lines next to it (times, buttons, counters), longer sentence lines between them (the text). Each non-blank
line gets

    OUT     article, page chrome above the section
    HEAD    the line carrying a comment's author (often with its time)
    META    other lines of the section: times, badges, buttons, counters, headings, trailers
    TEXT    a comment's own text

from a multinomial logistic regression over per-line features (length, digits, time shapes from split.py's own
patterns, punctuation, capitalisation, name-likeness, the rule labeller's line kind, position, how often the
line's text, digit-masked text and coarse shape recur on the page, the distance to the nearest time-like line)
and the same features of the two non-blank lines above and below. A Viterbi pass reads the tags in page order with
one constraint: once the section has started the page never goes back to the article (OUT* then HEAD/META/TEXT*).
Every HEAD opens a comment, the TEXT lines after it are its paragraphs.

Trained by `python -m training.split_arbiter` (the labeller of the unkept fallback experiment, with a faster
feature extractor); comments/split_arbiter.py decides per page whether its reading or the rules' is kept.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from comments import split
from comments.types import Comment

OUT, HEAD, META, TEXT = range(4)
TAGS = ("OUT", "HEAD", "META", "TEXT")

_NUMBER = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_CLOCK = re.compile(r"\d{1,2}[:.h]\d{2}")
_NUMERIC_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
# A quantity and a word or two: relative times in any language ("3 tuntia sitten", "منذ 3 ساعات", "3h").
_QUANTITY = re.compile(r"^\W{0,3}(?:\w+\s+){0,2}\d{1,3}\s*\w{0,12}(?:\s+\w+){0,2}\W{0,3}$")
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"”’)]*$")
_SEPARATORS = "·•|—–"
_HANDLE = re.compile(r"^@?[\w.\-]{3,30}$")
_EMOJI_OR_SYMBOL = re.compile(r"[\u2190-\u2bff\U0001F000-\U0001FAFF]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class LineTagger:
    """Weights of the multinomial logistic regression over `line_features` (one row per tag)."""

    coef: np.ndarray  # (tags, features)
    intercept: np.ndarray  # (tags,)
    version: str = "1"

    def log_probs(self, x: np.ndarray) -> np.ndarray:
        z = x @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


# --- features --------------------------------------------------------------------------------------------

def _coarse_shape(s: str) -> str:
    """A line's coarse form: a class per leading token (number, capitalised, lower, symbol), long lines alike."""
    toks = s[:200].split()
    if len(toks) > 12:
        return "long"
    out = "".join("0" if _DIGIT.search(t) else "A" if t[0].isupper() else "a" if t[0].isalpha() else "p"
                  for t in toks[:6])
    return out + ("+" if len(toks) > 6 else "")


_KIND_ONE_HOT = tuple(tuple(1.0 if j == k else 0.0 for j in range(12)) for k in range(12))
_HANDLE_MARKS = frozenset("_.0123456789")


def _base_features(line) -> list[float]:
    # Read for every distinct line of a page the labeller runs on: plain conditionals rather than float() calls.
    s = line.text
    n = len(s)
    words = s[:200].split()
    w = len(words)
    head = s[:120]  # enough to tell a widget line; article paragraphs are long and cost the most
    letters = any(map(str.isalpha, head))
    digits = len(_DIGIT.findall(head))
    short = n <= 80
    # the long time pattern only where split.py would try it too: a digit or an English time word
    stamp_anywhere = short and (digits > 0 or n <= 40 and split._time_hint(s.lower())) \
        and split._TIMESTAMP_ANYWHERE.search(s) is not None
    first = s[0]
    return [
        *_KIND_ONE_HOT[line.kind],
        1.0 if line.header is not None else 0.0,
        min(math.log1p(n) / 6, 1.5),
        1.0 if w == 1 else 0.0, 1.0 if 2 <= w <= 4 else 0.0, 1.0 if 5 <= w <= 12 else 0.0, 1.0 if w > 12 else 0.0,
        1.0 if _SENTENCE_END.search(s[-4:]) else 0.0,
        1.0 if digits else 0.0, digits / len(head),
        0.0 if letters else 1.0,
        1.0 if short and split.is_timestamp(s) else 0.0,
        1.0 if stamp_anywhere else 0.0,
        1.0 if digits and _CLOCK.search(head) else 0.0,
        1.0 if digits and _NUMERIC_DATE.search(head) else 0.0,
        1.0 if n <= 40 and digits and _QUANTITY.match(s) else 0.0,
        1.0 if split._name_like(s) else 0.0,
        1.0 if first.isupper() else 0.0,
        sum([t[0].isupper() for t in words]) / w,
        1.0 if letters and s == s.lower() else 0.0,
        1.0 if letters and _ASCII_LETTER.search(s) is None else 0.0,
        min(sum(map(s.count, _SEPARATORS)), 4) / 4,
        1.0 if "@" in s else 0.0,
        1.0 if first == "#" or first.isdigit() else 0.0,
        1.0 if "(" in s or "[" in s else 0.0,
        1.0 if _EMOJI_OR_SYMBOL.search(head) else 0.0,
        1.0 if w <= 3 and _HANDLE.match(s) and not _HANDLE_MARKS.isdisjoint(s) else 0.0,
        1.0 if s[-1] == ":" else 0.0,
        1.0 if line.indent > 0 else 0.0,
    ]


_WINDOW = (-2, -1, 1, 2)  # non-blank neighbours whose base features a line sees


def line_features(lines) -> tuple[list[int], np.ndarray]:
    """(indexes of the non-blank lines, their feature rows) for the labelled lines of comments/split.py."""
    rows = [i for i, ln in enumerate(lines) if ln.kind != split.BLANK]
    m = len(rows)
    if not m:
        return rows, np.zeros((0, 0))
    texts = [lines[i].text for i in rows]
    # A section repeats its button, badge and time lines: what depends on the text alone is read once per text.
    distinct = dict.fromkeys(texts)
    masked_of = {t: t if len(t) > 200 else _NUMBER.sub("0", t) for t in distinct}  # long lines do not repeat
    shape_of = {t: _coarse_shape(t) for t in distinct}
    clock_or_quantity = {t: len(t) <= 80 and (_CLOCK.search(t) is not None
                                              or _QUANTITY.match(t) is not None and any(ch.isdigit() for ch in t))
                         for t in distinct}
    masked, shapes = [masked_of[t] for t in texts], [shape_of[t] for t in texts]
    same_text, same_mask, same_shape = Counter(texts), Counter(masked), Counter(shapes)
    timelike = [clock_or_quantity[t] or len(t) <= 80 and lines[i].kind == split.STAMP for i, t in zip(rows, texts)]
    # distance to the nearest time-like line above and below, in non-blank lines (at most 9)
    above, below = [9] * m, [9] * m
    last = -99
    for k in range(m):
        above[k] = min(k - last, 9)
        if timelike[k]:
            last = k
    last = 10 ** 6
    for k in range(m - 1, -1, -1):
        below[k] = min(last - k, 9)
        if timelike[k]:
            last = k
    long_below = np.cumsum([len(t) > 150 for t in reversed(texts)])[::-1]
    blank_before = [i > 0 and lines[i - 1].kind == split.BLANK for i in rows]
    blank_after = [i + 1 < len(lines) and lines[i + 1].kind == split.BLANK for i in rows]
    at = np.arange(m)
    above, below = np.asarray(above), np.asarray(below)
    page = np.column_stack([
        at / m, (m - at) / m, long_below / max(long_below[0], 1),
        np.minimum(np.log([same_text[t] for t in texts]), 3) / 3,
        np.minimum(np.log([same_mask[t] for t in masked]), 3) / 3,
        [min(math.log(same_shape[h]), 4) / 4 if h != "long" else 0.0 for h in shapes],
        *(above == d for d in (1, 2, 3)), *(below == d for d in (1, 2, 3)),
        blank_before, blank_after,
    ]).astype(np.float64)
    seen: dict[tuple, list[float]] = {}
    base = np.asarray([seen.get(key) or seen.setdefault(key, _base_features(lines[i]))
                       for i in rows for key in [(lines[i].text, lines[i].kind, lines[i].header is not None,
                                                  lines[i].indent > 0)]], dtype=np.float64)
    # each neighbour's base features and whether it exists (zeros past either end of the page)
    reach = max(map(abs, _WINDOW))
    padded = np.zeros((m + 2 * reach, base.shape[1] + 1))
    padded[reach:reach + m, :-1] = base
    padded[reach:reach + m, -1] = 1.0
    return rows, np.hstack([base, page, *(padded[reach + d:reach + d + m] for d in _WINDOW)])


# --- decoding ----------------------------------------------------------------------------------------------

def viterbi(log_probs: np.ndarray) -> list[int]:
    """Best tag path where OUT may only come before the section (OUT* then HEAD/META/TEXT*). Plain floats: four
    states a line, where numpy's per-call overhead would cost more than the arithmetic."""
    rows = log_probs.tolist()
    if not rows:
        return []
    score = rows[0]
    back: list[int] = []  # per line after the first: the state every in-section tag came from
    for row in rows[1:]:
        out = score[OUT]
        came = max((HEAD, META, TEXT), key=score.__getitem__)  # the first of equal maxima, as argmax
        if out >= score[came]:
            came = OUT
        base = score[came]
        back.append(came)
        score = [out + row[OUT], base + row[HEAD], base + row[META], base + row[TEXT]]
    path = [max(range(4), key=score.__getitem__)]
    for came in reversed(back):
        path.append(OUT if path[-1] == OUT else came)
    return path[::-1]


_FIELD_SPLIT = re.compile(r"\s{2,}|\s+[·•|—–]\s+|\s+-\s+|\t")
_POST_NO = re.compile(r"^(?:#\d+|\d{1,5}[.)]?)\s+(?=\S)")


def author_of(s: str) -> str | None:
    """The name on a header line: the first field, times and post numbers taken off, that has letters."""
    s = split._TIMESTAMP_ANYWHERE.sub("\t", s) if len(s) <= 200 else s
    s = _POST_NO.sub("", s.strip())
    for field in _FIELD_SPLIT.split(s):
        field = field.strip(" ·•|—–-:,;[]()")
        if field and any(ch.isalpha() for ch in field):
            return field
    return None


@dataclass(frozen=True)
class Section:
    start: int  # index (in the page's lines) where the comment section starts
    comments: list[Comment]
    confidence: float  # mean probability of the HEAD tags that opened a comment


def decode(lines, rows: list[int], tags: list[int], probs: np.ndarray) -> Section | None:
    """Comments from the tag path: each HEAD opens one, its TEXT lines are the paragraphs."""
    section = next((k for k, t in enumerate(tags) if t != OUT), None)
    if section is None:
        return None
    comments: list[Comment] = []
    heads: list[float] = []
    author: str | None = None
    posted: str | None = None
    text: list[str] = []
    open_ = False

    def close() -> None:
        if open_ and text:
            comments.append(Comment(author=author, posted=posted, text="\n".join(text), parent=None))

    for k in range(section, len(rows)):
        s, tag = lines[rows[k]].text, tags[k]
        if tag == HEAD:
            if open_ and not text:  # a second header line before any text: same comment
                posted = posted or _time_in(s)
                continue
            close()
            author, posted, text, open_ = author_of(s), _time_in(s), [], True
            heads.append(float(probs[k, HEAD]))
        elif tag == TEXT and open_:
            text.append(s)
        elif tag == META and open_ and not text and posted is None:
            posted = _time_in(s)
    close()
    if not comments:
        return None
    return Section(start=rows[section], comments=comments, confidence=sum(heads) / len(heads))


def _time_in(s: str) -> str | None:
    if len(s) > 80:
        return None
    m = split._TIMESTAMP_ANYWHERE.search(s)
    return m.group(0) if m else None


def tag(tagger: LineTagger, lines) -> tuple[list[int], list[int], np.ndarray]:
    rows, x = line_features(lines)
    if not rows:
        return rows, [], np.zeros((0, 4))
    lp = tagger.log_probs(x)
    return rows, viterbi(lp), np.exp(lp)
