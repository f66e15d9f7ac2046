"""Text folding that keeps character offsets: what scoring and the word lists share.

Commenters disguise words so that people still read them but filters do not. `fold(text)` undoes the
disguises that keep a word readable, in this order:
- decomposed accents are composed (NFC): "maricón" typed as "o" + U+0301 is the listed "maricón";
- compatibility letters read as plain ones, one character for one (NFKC): full-width "ｉｄｉｏｔ",
  mathematical bold "𝐢𝐝𝐢𝐨𝐭", circled "ⓘⓓⓘⓞⓣ";
- characters that do not show are dropped (a zero-width space inside "idiot");
- Cyrillic and Greek look-alikes of Latin letters read as those letters, one for one ("іdіоt" with a
  Cyrillic і and о), but only where they cannot be real Cyrillic or Greek: in a word that also has Latin
  letters, or in a word made only of look-alikes within Latin text that has no other Cyrillic or Greek
  letter. A Russian, Ukrainian, Serbian or Greek comment has letters that look like no Latin one ("д",
  "ж", "λ"), or no Latin letters at all, so it is left exactly as written;
- stretched letters, a run of three or more of one Latin letter inside a word, are collapsed to one
  ("fuuuuck", "sooo"), or to two where that makes a word the caller knows ("asssshole"). Doubles stay
  ("good", "Tennessee"), and so does a word of one repeated letter ("KKK", "www").
`Folded.span` maps a span of the folded text back to the characters of the original.
"""
from __future__ import annotations

import bisect
import functools
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from itertools import groupby, product


@dataclass(frozen=True)
class Folded:
    text: str  # what the word lists and the toxicity and conspiracy models read
    edits: tuple[Edits, ...] = ()  # the steps that changed the length, first to last

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span that `text[start:end]` (not empty) was folded from."""
        for step in reversed(self.edits):
            start, end = step.source(start)[0], step.source(end - 1)[1]
        return start, end


@dataclass(frozen=True)
class Edits:
    """Replacements made in one step, as (start, end, replacement) in the text before it, in order, and where
    each replacement starts in the text after it."""

    changes: tuple[tuple[int, int, str], ...]
    starts: tuple[int, ...]

    def source(self, i: int) -> tuple[int, int]:
        """The (start, end) in the text before this step of the character at `i` after it: a collapsed run's
        letter stands for the whole run."""
        k = bisect.bisect_right(self.starts, i) - 1
        if k < 0:
            return i, i + 1
        start, end, replacement = self.changes[k]
        if i < self.starts[k] + len(replacement):
            return start, end
        shift = end - self.starts[k] - len(replacement)
        return i + shift, i + shift + 1


def fold(text: str, known: Mapping[str, float] | None = None) -> Folded:
    """`text` with its disguises undone (see the module's docstring). A stretched run keeps one letter
    ("fuuuck" is "fuck") or, to make its word one of the `known` words, two ("asssshole" is "asshole"); where
    several are known, the one that weighs most ("looooser" is "loser", not "looser", when weights are
    toxicity)."""
    if not _may_be_disguised(text):  # most comments: nothing to do
        return Folded(text)
    edits: list[Edits] = []
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = _replace(text, list(_composed(text)), edits)
        text = text.translate(_COMPATIBLE)
        if _INVISIBLE_OR_CYRILLIC_OR_GREEK.search(text):
            if _INVISIBLE.search(text):
                text = _replace(text, [(m.start(), m.end(), "") for m in _INVISIBLE.finditer(text)], edits)
            if _CYRILLIC_OR_GREEK.search(text):
                text = _unmasked(text)
    lower = lower_same_length(text)
    if _STRETCHED_QUICK.search(lower):
        runs = [m.span() for m in _STRETCHED.finditer(lower) if _inside_word(text, *m.span())]
        kept = _kept_letters(lower, runs, known) if known else [1] * len(runs)
        text = _replace(text, [(start, end, text[start:start + k]) for (start, end), k in zip(runs, kept)], edits)
    return Folded(text, tuple(edits))


def lower_same_length(text: str) -> str:
    """`text.lower()`, one character for one, so offsets into it are offsets into `text`: a character whose
    lower case is longer ("İ" lowers to two) stays as written."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(low if len(low := char.lower()) == 1 else char for char in text)


def blank_spans(text: str, spans) -> str:
    """`text` with the characters of each `(start, end)` of `spans` made spaces: every offset stays the same."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def casefold(folded: Folded) -> Folded:
    """`folded` in case-folded form for caseless matching (`str.casefold`, with "İ" as a plain "i", and a
    phone's curly apostrophe as "'"), its spans still pointing at the original text: "SCHEISSE" and
    "Scheiße" both read "scheisse", "İstanbul" "istanbul", "DON’T" "don't"."""
    text = folded.text
    if text.isascii():
        return Folded(text.lower(), folded.edits)
    if len(casefolded := text.casefold()) == len(text):  # one character for one: no offsets move
        return Folded(casefolded.replace("’", "'"), folded.edits)
    edits = list(folded.edits)
    longer = [(i, i + 1, "i" if char == "İ" else char.casefold()) for i, char in enumerate(text)
              if len(char.casefold()) > 1]  # "ß" is "ss", "ﬁ" "fi"
    return Folded(_replace(text, longer, edits).casefold().replace("’", "'"), tuple(edits))


@functools.lru_cache(maxsize=4096)
def _may_be_disguised(text: str) -> bool:
    """Whether `fold` has anything to look at in `text`: a character that is not ASCII, or a letter three
    times in a row. Remembered for the last few thousand texts: scoring folds a batch of comments, then
    moderation folds the same comments for the word lists (with other known words, which only matter
    when this is true)."""
    return not text.isascii() or _STRETCHED_QUICK.search(text.lower()) is not None


def _replace(text: str, changes: list[tuple[int, int, str]], edits: list[Edits]) -> str:
    """`text` with `changes` made (see `Edits`), recorded in `edits` when there are any."""
    if not changes:
        return text
    out, starts, at, length = [], [], 0, 0
    for start, end, replacement in changes:
        out += text[at:start], replacement
        length += start - at
        starts.append(length)
        length += len(replacement)
        at = end
    out.append(text[at:])
    edits.append(Edits(tuple(changes), tuple(starts)))
    return "".join(out)


# --- accents and compatibility letters ---------------------------------------------------------------

def _composed(text: str):
    """(start, end, NFC form) of each base character with its combining marks that NFC changes."""
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and _continues(text[i]):
            continue
        cluster = text[start:i]
        composed = unicodedata.normalize("NFC", cluster)
        if composed != cluster:
            yield start, i, composed
        start = i


def _continues(char: str) -> bool:
    """Whether `char` belongs to the character before it: a combining mark, or a Hangul vowel or final
    consonant jamo (a syllable typed as its letters)."""
    return unicodedata.category(char).startswith("M") or "\u1160" <= char <= "\u11ff"


class _Compatible(dict):
    """A `str.translate` table, filled as characters come: each character's compatibility form (NFKC) when
    that is one character too, so that offsets hold: full-width "ｉｄｉｏｔ", mathematical bold "𝐢𝐝𝐢𝐨𝐭", circled
    "ⓘⓓⓘⓞⓣ" and half-width katakana read as their plain letters; "ﬁ" (two letters) stays as it is."""

    def __missing__(self, code: int) -> int:
        folded = unicodedata.normalize("NFKC", chr(code))
        self[code] = ord(folded) if len(folded) == 1 else code
        return self[code]


_COMPATIBLE = _Compatible()

# Characters that do not show: soft hyphen, combining grapheme joiner, Mongolian vowel separator, zero-width
# space / joiners, direction marks, embeddings and isolates, word joiner, variation selectors, BOM.
_INVISIBLE = re.compile("[\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufe0e\ufe0f\ufeff]")


# --- Cyrillic and Greek look-alikes ------------------------------------------------------------------

_CYRILLIC_OR_GREEK = re.compile("[\u0370-\u03ff\u0400-\u052f\u1c80-\u1c8f\u1d26-\u1d2a\u1f00-\u1fff"
                                "\u2de0-\u2dff\ua640-\ua69f]")
_WORD = re.compile(r"\w+")
_INVISIBLE_OR_CYRILLIC_OR_GREEK = re.compile(f"{_INVISIBLE.pattern}|{_CYRILLIC_OR_GREEK.pattern}")


@functools.cache
def _look_alikes() -> dict[str, str]:
    """Cyrillic and Greek letters that look like one Latin letter, by Unicode's confusables data (UTS #39,
    as the confusable-homoglyphs package ships it): "а" -> "a", "і" -> "i", "Η" -> "H". Made on the first
    text that has a Cyrillic or Greek letter (0.1 s); the package's 10 MB of data are not kept."""
    data = json.loads(files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    table = {}
    for char, glyphs in data.items():
        if len(char) == 1 and char.isalpha() and _CYRILLIC_OR_GREEK.match(char):
            latin = {g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalpha()}
            if len(latin) == 1:
                # Unicode gives "I" and "l" one prototype, "l": an upper-case look-alike of it is an I
                table[char] = "I" if latin == {"l"} and char.isupper() else latin.pop()
    return table


def _unmasked(text: str) -> str:
    """`text` with the look-alikes that cannot be real Cyrillic or Greek read as Latin letters (see the
    module's docstring), one character for one."""
    table = _look_alikes()
    words = [m for m in _WORD.finditer(text) if any(ch in table for ch in m.group())]
    if not words:
        return text
    # Latin text: some Latin letter, and no Cyrillic or Greek letter that is not a look-alike
    latin_text = any(map(_is_latin, text)) and not any(
        ch.isalpha() and ch not in table for ch in _CYRILLIC_OR_GREEK.findall(text))
    chars = list(text)
    for m in words:
        word = m.group()
        if any(map(_is_latin, word)) or (latin_text and all(ch in table for ch in word if ch.isalpha())):
            for i, ch in enumerate(word, m.start()):
                chars[i] = table.get(ch, ch)
    return "".join(chars)


def _is_latin(char: str) -> bool:
    return char.isalpha() and (char.isascii() or unicodedata.name(char, "").startswith("LATIN"))


# --- stretched letters -------------------------------------------------------------------------------

# A run of three or more of one Latin letter, in lower-case text (look-alikes are Latin letters by then;
# "дааа" in a Russian comment stays as written), and the quickest test Python's re has for one: about 2 us
# for a comment of 200 characters, most of what folding costs.
_STRETCHED, _STRETCHED_QUICK = re.compile(r"([a-z])\1{2,}"), re.compile(r"([a-z])\1\1")


def _kept_letters(lower: str, runs: list[tuple[int, int]], known: Mapping[str, float]) -> list[int]:
    """How many letters each run keeps: for the runs of one word, one or two each, the choice that makes the
    word the known one that weighs most (one each when none is known, or when a word has over 4 runs)."""
    kept: list[int] = []
    for (start, end), group in groupby(runs, key=lambda run: _word_around(lower, *run)):
        group = list(group)
        best, weight = [1] * len(group), None
        for choice in product((1, 2), repeat=len(group)) if len(group) <= 4 else ():
            pieces, at = [], start
            for (run_start, run_end), k in zip(group, choice):
                pieces += lower[at:run_start], lower[run_start] * k
                at = run_end
            w = known.get("".join(pieces) + lower[at:end])
            if w is not None and (weight is None or w > weight):
                best, weight = list(choice), w
        kept += best
    return kept


def _word_around(lower: str, start: int, end: int) -> tuple[int, int]:
    """The span of the word (letters) that has `lower[start:end]` in it."""
    while start > 0 and lower[start - 1].isalpha():
        start -= 1
    while end < len(lower) and lower[end].isalpha():
        end += 1
    return start, end


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether a run of one letter has other letters beside it: "fuuuck" is stretched, "KKK" and "www"
    are words of their own."""
    return (start > 0 and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha())


_LONE_SURROGATES = re.compile("[\ud800-\udfff]")


def replace_lone_surrogates(text: str) -> tuple[str, int]:
    """`text` with each half of a UTF-16 pair that lost its other half (a JSON "\\ud83d" cut from its emoji by
    a scraper) as U+FFFD, the replacement character: such a string cannot be written as UTF-8 at all.
    Returns the text and how many were replaced."""
    return _LONE_SURROGATES.subn("\ufffd", text)


# Line ends JSON leaves as they are in a string, which Python's str.splitlines (and some editors) split at.
_RAW_LINE_ENDS = re.compile("[\x85\u2028\u2029]")


def one_line(json_text: str) -> str:
    """JSON text with U+0085, U+2028 and U+2029 escaped: a JSON Lines record stays one line for every line
    splitter, and reads back the same."""
    if "\u2028" in json_text or "\u2029" in json_text or "\x85" in json_text:  # (rare: `in` is the quick test)
        return _RAW_LINE_ENDS.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
    return json_text
