"""The moderation policy: score thresholds and word lists, read from a TOML file and checked strictly.

The documented default ships as `default_policy.toml` (`comments policy --show` prints it). A file with
a typo'd key or a bad value is refused with one line naming the file, the line and the problem: a
policy that silently ignores a rule is worse than none.
"""
from __future__ import annotations

import functools
import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Iterator, NamedTuple

from .text import Folded, casefold, fold

ACTIONS = ("approve", "review", "reject")
WORD_ACTIONS = ("review", "reject")
# The scores a policy may threshold; `negative_sentiment` is derived from `sentiment_score` (see moderate).
SCORE_NAMES = ("toxicity", "severe_toxicity", "insult", "obscene", "threat", "identity_attack",
               "conspiracy", "negative_sentiment")
THRESHOLD_KEYS = ("review", "reject")
SCORE_KEYS = (*THRESHOLD_KEYS, "urgent")
WORD_KEYS = ("banned_action", "banned", "suspect_action", "suspect", "allowed")
DEFAULT_SOURCE = "default_policy.toml"
# sentence punctuation, which never belongs to a word: a listed entry may not start or end with it
EDGE_PUNCTUATION = ".,;:!?…¡¿"


class PolicyError(ValueError):
    """A policy file that cannot be used; the message is one line: file, line, problem."""


class WordMatch(NamedTuple):
    kind: str  # "banned" or "suspect"
    word: str  # the word as the policy lists it
    start: int
    end: int
    written: str  # the text as the comment wrote it, e.g. "f*ck" for "fuck"


@dataclass(frozen=True)
class Policy:
    review: dict[str, float]  # score name -> threshold at or above which a comment goes to review
    reject: dict[str, float]  # score name -> threshold at or above which a comment is rejected
    # scores whose flag puts a comment before every other in the queue (a threat: a person may be in danger)
    urgent: tuple[str, ...] = ()
    banned: tuple[str, ...] = ()
    suspect: tuple[str, ...] = ()
    banned_action: str = "reject"
    suspect_action: str = "review"
    # phrases in which a listed word does not count ("chink in the armour"): see `find_words`
    allowed: tuple[str, ...] = ()
    source: str = DEFAULT_SOURCE  # where the policy came from, for run.json
    sha256: str = ""  # of the policy file's bytes, for run.json and caches
    _finders: tuple[WordFinder, ...] = field(default=(), init=False, repr=False, compare=False)
    _known: dict[str, float] = field(default_factory=dict, init=False, repr=False, compare=False)
    _allowed: re.Pattern | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # one finder per list: each list's words are found on their own, so a banned "kill" is still found
        # inside a suspect "kill yourself", and a banned "idiot" in "idiots" when "idiots" is suspect too
        finders = tuple(WordFinder(*lists) for lists in ((self.banned, ()), ((), self.suspect)) if any(lists))
        object.__setattr__(self, "_finders", finders)
        object.__setattr__(self, "_known", {w: 1.0 for finder in finders for w in finder.known})
        object.__setattr__(self, "_allowed", _allowed_pattern(self.allowed) if self.allowed else None)

    def find_words(self, text: str) -> list[WordMatch]:
        """Every banned or suspect word in `text`, in order of appearance. A word of one list may overlap a
        word of the other; within one list the longest word at a place wins. A word that lies wholly inside
        an allowed phrase ("chink" in "a chink in the armour") is not one (`allowed_spans`)."""
        found = self._listed_words(text)
        if found and self._allowed:
            allowed = self.allowed_spans(text)
            found = [m for m in found if not any(start <= m.start and m.end <= end for start, end in allowed)]
        return found

    def _listed_words(self, text: str) -> list[WordMatch]:
        """`find_words` before the allowed phrases are taken out."""
        if not self._finders or not text:
            return []
        # read as the models read it: look-alike, full-width or invisible characters, decomposed accents
        # and stretched letters undone ("ѕtuріd", "ＩＤＩＯＴ", "id\u200biot", "fuuuck", "asssshole" with its
        # double s: a listed word), and case-folded ("SCHEISSE" is "Scheiße"); spans point at the text as written
        folded = casefold(fold(text, known=self._known))
        out = []
        for finder in self._finders:
            for m in finder.finditer(folded.text):
                kind, index = m.lastgroup[0], int(m.lastgroup[1:])
                kind, word = ("banned", self.banned[index]) if kind == "b" else ("suspect", self.suspect[index])
                key = finder.keys[m.lastgroup]
                if not _plausible(_without_plural(m.group(), key)) and m.group() != key:  # as listed ("1488") counts
                    continue
                start, end = folded.span(m.start(), m.end())
                out.append(WordMatch(kind, word, start, end, text[start:end]))
        return sorted(out, key=lambda m: (m.start, m.end))

    def allowed_spans(self, text: str) -> list[tuple[int, int]]:
        """The spans of `text` that are an allowed phrase, overlapping ones included. Unlike the listed
        words, a phrase matches only as written, up to case, a curly apostrophe, spacing and the plural of
        its last word: a disguise ("ch*nk in the armour", "chіnk" with a Cyrillic "і") is no innocent
        idiom, so the word in it still counts."""
        if not self._allowed or not text:
            return []
        folded = casefold(Folded(text))
        return [folded.span(m.start(1), m.end(1)) for m in self._allowed.finditer(folded.text)]


def word_key(text: str) -> str:
    """A listed word or a written one as the word lists compare them: composed (NFC), case-folded ("Scheiße"
    and "SCHEISSE" are "scheisse", "İstanbul" is "istanbul"), its spaces one each."""
    return " ".join(casefold(Folded(unicodedata.normalize("NFC", text))).text.split())


def plural(word: str) -> str:
    """The English plural of a word as the lists spell it (`word_key`), or of a phrase's last word: "-es"
    after s, x, z, ch or sh ("bitches"), "-ies" for a consonant and "y" ("pussies"), "-lves" for "-lf"
    ("kill yourselves"), else "-s" ("idiots": "spic" is not in "spices"). A word that does not end in a
    Latin letter ("1488", "バカ") has none: it is returned as it is."""
    head, space, last = word.rpartition(" ")
    kept, ending = _plural_ending(last)
    return head + space + last[:kept] + ending


def listed_key(word: str) -> str:
    """A listed word as the lists match it: `word_key` of it read as the text is read (`fold`), so a word pasted
    from a comment with its disguise (full-width "ｉｄｉｏｔ", a Cyrillic "іdіоt", a zero-width space inside) is
    the word it shows, as the comments it is meant for are read."""
    return word_key(fold(word).text)


@functools.lru_cache(maxsize=4096)  # the same few words, written the same few ways, in comment after comment
def is_as_listed(word: str, written: str) -> bool:
    """Whether `written` is the listed `word` or its plural, whatever the case: no disguise to show."""
    key = listed_key(word)
    return word_key(written) in (key, plural(key))


def _plural_ending(word: str) -> tuple[int, str]:
    """(how many letters of `word` its plural keeps, the ending it adds): see `plural`."""
    if not ("a" <= word[-1:] <= "z"):
        return len(word), ""
    if len(word) >= 3 and word[-1] == "y" and word[-2] not in "aeiouy":
        return len(word) - 1, "ies"
    if len(word) >= 3 and word.endswith("lf"):
        return len(word) - 1, "ves"
    return len(word), "es" if word.endswith(("s", "x", "z", "ch", "sh")) else "s"


def _without_plural(matched: str, key: str) -> str:
    """`matched` without the plural ending it may have: an "s" shows nothing of which word it is ("c***s")."""
    kept, ending = _plural_ending(key)
    return matched[:kept] if ending and len(matched) == kept + len(ending) and matched.endswith(ending) else matched


def _plausible(written: str) -> bool:
    """Whether a disguised match still shows enough of its word to name it: a letter at least ("455" is a
    number, not "ass"), and two when letters are masked or digits ("s***" could be any word, "A55" is a road;
    "f*ck", "a$$" and "1d10t" are not)."""
    letters = sum(ch.isalpha() for ch in written)
    return letters >= 2 or (letters == 1 and not any(ch in _MASKS or ch.isdigit() for ch in written))


def _allowed_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    """One regex that finds every allowed phrase at every place it starts (a look-ahead, so phrases may
    overlap), the longest first: each word as written (`word_key`), any whitespace between them, the last
    one also in its plural (`plural`), whole words at both ends."""
    keys = sorted({word_key(p) for p in phrases}, key=lambda k: (-len(k), k))
    alternatives = []
    for key in keys:
        *head, last = key.split()
        last_plural = plural(last)
        ending = re.escape(last) if last_plural == last else f"(?:{re.escape(last_plural)}|{re.escape(last)})"
        body = r"\s+".join([*map(re.escape, head), ending])
        alternatives.append(_edge(key[0], before=True) + body + _edge(key[-1], before=False))
    # tried only where a phrase can begin (a fifth of the cost of trying every phrase at every character)
    firsts = "".join(sorted({re.escape(key[0]) for key in keys}))
    begins = f"(?=[{firsts}])" if any(_UNSPACED.match(key[0]) for key in keys) else f"{_OUTSIDE_BEFORE}(?=[{firsts}])"
    return re.compile(f"{begins}(?=({'|'.join(alternatives)}))")


# --- word matching --------------------------------------------------------------------------------

# Characters commonly typed in place of a letter (leetspeak), and masking characters that may stand for
# any letter except the first (f*ck, f**k, sh#t): "!", "?" and "$" are left out of masking because
# they end ordinary words ("as!").
_LEET = {"a": "@4", "b": "8", "e": "3", "g": "9", "i": "1!|", "l": "1|", "o": "0", "s": "5$", "t": "7+",
         "z": "2"}
_MASKS = "*#%"
_SEPARATORS = " ._-"  # between spaced or dotted letters: f u c k, f.u.c.k
_SEPARATOR = "[" + re.escape(_SEPARATORS) + "]"


def _letter(ch: str, masked: bool) -> str:
    variants = ch + _LEET.get(ch, "") + (_MASKS if masked else "")
    return re.escape(ch) if len(variants) == 1 else "[" + "".join(map(re.escape, variants)) + "]"


# A phrase's words are written apart by spaces or a hyphen or dash, either way: "son-of-a-bitch" is the listed
# "son of a bitch", "piss poor" the listed "piss-poor" (a hyphen between two letters of a listed word parts it)
_PHRASE_GAP = r"(?:\s*[-\u2010\u2011\u2013\u2014]\s*|\s+)"
_PHRASE_PARTS = re.compile(r"\s+|(?<=[^\W_])-(?=[^\W_])")


def _phrase_words(word: str) -> list[str]:
    return _PHRASE_PARTS.split(word)


def _word_pattern(word: str, with_plural: bool = True) -> str:
    """A regex for one listed word or phrase (as `word_key` spells it), with its common disguises and, for a
    word or a phrase's last word, its plural (`plural`)."""
    parts = _phrase_words(word)
    if len(parts) > 1:  # a phrase: its words, each disguised alike, separated by any whitespace or a hyphen
        return _PHRASE_GAP.join([*(_word_pattern(p, with_plural=False) for p in parts[:-1]), _word_pattern(parts[-1])])
    letters = [_letter(ch, masked=i > 0) for i, ch in enumerate(word)]
    kept, ending = _plural_ending(word) if with_plural else (len(word), "")
    plain = "".join(letters[:kept]) + ("" if not ending else f"(?:{ending})?" if kept == len(word)
                                       else f"(?:{''.join(letters[kept:])}|{ending})")
    if len(letters) < 3:
        return plain
    spaced = _SEPARATOR.join(_letter(ch, masked=False) for ch in word)
    return f"(?:{plain}|{spaced})"


def _word_groups(banned: tuple[str, ...], suspect: tuple[str, ...]) -> list[tuple[str, str]]:
    """(group name, word) for both lists, in the order the regex tries them. Words are spelled as `word_key`
    spells the text: composed, as `fold` composes it (an accent typed as a combining mark on either side still
    matches), and case-folded, as `casefold` folds it."""
    groups = [(f"b{i}", listed_key(w)) for i, w in enumerate(banned)] + \
        [(f"s{i}", listed_key(w)) for i, w in enumerate(suspect)]
    # Longer words first, so "fucking" is tried before "fuck" (the boundaries would reject it anyway).
    groups.sort(key=lambda g: -len(g[1]))
    return groups


# A word's edge is not inside another word: no letter, digit or combining mark ("é" as "e\u0301") beside it.
_OUTSIDE_BEFORE, _OUTSIDE_AFTER = r"(?<![\w\u0300-\u036f])", r"(?![\w\u0300-\u036f])"
# Scripts written without spaces between words (Chinese, Japanese kana, Thai) or with particles glued on
# (Korean): a listed word there has no edge to check ("バカ" in "お前はバカだ").
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@functools.cache  # a desk's list of thousands of words is asked for again and again
def _bounded(word: str) -> str:
    """`_word_pattern` with the edge checks its script calls for: none inside Chinese or Thai text; a
    katakana word does not go on in katakana ("バカ" is not in "バカンス"); a Korean word starts after a
    space or a sign ("시발" is not in "출시발표"; the particles that follow it are glued on: "바보야")."""
    return _edge(word[0], before=True) + _word_pattern(word) + _edge(word[-1], before=False)


def _edge(char: str, before: bool) -> str:
    if not _UNSPACED.match(char):
        return _OUTSIDE_BEFORE if before else _OUTSIDE_AFTER
    if "\u30a0" <= char <= "\u30ff":
        return "(?<![\u30a0-\u30ff])" if before else "(?![\u30a0-\u30ff])"
    if "\uac00" <= char <= "\ud7af" and before:
        return "(?<![\uac00-\ud7af])"
    return ""


def _alternation(groups: list[tuple[str, str]]) -> re.Pattern:
    body = "|".join(f"(?P<{name}>{_bounded(word)})" for name, word in groups)
    return re.compile(f"(?:{body})", re.IGNORECASE)


def _first_letter(word: str) -> str:
    """The regex for the first character of `word` as `_word_pattern` writes it."""
    return _letter(word.split()[0][0], masked=False)


def _second_test(word: str) -> tuple[str, str | None] | None:
    """What `word`'s pattern needs of the characters after its first letter: its second letter (or a mask
    or leetspeak for it) next, or, when it may be spaced out ("f u c k"), a separator and then its second
    letter; None: anything (a first word of one letter). As (next, after a separator or None)."""
    token = _phrase_words(word)[0]
    if len(token) < 2:
        return None
    return _letter(token[1], masked=True), _letter(token[1], masked=False) if len(token) >= 3 else None


def _passes(test: tuple[str, str | None] | None, second: str, third: str) -> bool:
    if test is None:
        return True
    letter, spaced = test
    return bool(re.fullmatch(letter, second, re.IGNORECASE)
                or (spaced and re.fullmatch(_SEPARATOR, second) and re.fullmatch(spaced, third, re.IGNORECASE)))


class WordFinder:
    """The matches of one alternation of every listed word (`_alternation`), found faster: the regex engine
    would try every listed word at every position; here a cheap scan finds where a word can begin (on a
    character some word begins with, outside another word) and only the words that can begin with that
    character and the next one are tried there, in the same order: the matches are the same, for a
    fraction of the work, however long the lists (a desk's list of thousands of words)."""

    def __init__(self, banned: tuple[str, ...], suspect: tuple[str, ...]) -> None:
        self._groups = _word_groups(banned, suspect)
        self.keys = dict(self._groups)  # group name -> the word as `word_key` spells it
        # the listed words, each word of a phrase, and their plurals: a stretched letter in the text reads as
        # one or two letters, whichever makes one of them (`fold`)
        words = {w for _, listed in self._groups for w in listed.split()}
        self.known = dict.fromkeys(sorted(words | {plural(w) for w in words}), 1.0)
        self._by_key: dict[tuple[str, str, str], re.Pattern | None] = {}  # the words some characters may begin
        # the words by what they need of the first two characters: few tests decide for thousands of words
        self._buckets: dict[tuple[str, tuple[str, str | None] | None], list[int]] = {}
        for i, (_, word) in enumerate(self._groups):
            self._buckets.setdefault((_first_letter(word), _second_test(word)), []).append(i)
        # where a word can begin: on its first letter, outside another word (unspaced scripts have no edge),
        # and followed by what some word with that first letter needs next (`_passes`): the scan skips the
        # words no listed word can be (most of them) without coming back to Python for each
        spaced = sorted({_first_letter(w) for _, w in self._groups if not _UNSPACED.match(w[0])})
        unspaced = sorted({_first_letter(w) for _, w in self._groups if _UNSPACED.match(w[0])})
        # (the first letter is looked at once before the edge and the letters after it: most places in a
        # text are not any listed word's first letter)
        any_first = "[" + "".join(first[1:-1] if first.startswith("[") else first for first in spaced) + "]"
        starts = ([f"(?={any_first}){_OUTSIDE_BEFORE}(?:{'|'.join(map(self._then_second, spaced))})"] if spaced
                  else []) + ([f"(?:{'|'.join(map(self._then_second, unspaced))})"] if unspaced else [])
        self._starts = re.compile("|".join(starts), re.IGNORECASE)

    def _then_second(self, first: str) -> str:
        """The regex for a first letter followed by what one of the words that begin with it needs next."""
        tests = {test for f, test in self._buckets if f == first}
        if None in tests:  # a word of one letter, or a phrase starting with one: anything may follow
            return first
        nexts = sorted({letter for letter, _ in tests})
        spaced = sorted({after for _, after in tests if after})
        if spaced:
            nexts.append(f"{_SEPARATOR}(?:{'|'.join(spaced)})")
        return f"{first}(?={'|'.join(nexts)})"

    def finditer(self, text: str) -> Iterator[re.Match]:
        end = 0  # matches do not overlap: the next one starts at or after the last one's end
        for start in self._starts.finditer(text):
            at = start.start()
            if at < end:
                continue
            # the next character, and after a separator the one after it ("f u c k" is tried only where
            # a spaced word can go on)
            second = text[at + 1:at + 2]
            key = (text[at], second, text[at + 2:at + 3] if second in _SEPARATORS else "")
            matcher = self._by_key[key] if key in self._by_key else self._words_for(key)
            m = matcher.match(text, at) if matcher else None  # its look-behind still sees the text before
            if m:
                yield m
                end = m.end()

    def _words_for(self, key: tuple[str, str, str]) -> re.Pattern | None:
        first, second, third = key
        firsts = {f for f, _ in self._buckets if re.fullmatch(f, first, re.IGNORECASE)}
        tests = {t for f, t in self._buckets if f in firsts and _passes(t, second, third)}
        indices = sorted(i for (f, t), bucket in self._buckets.items() if f in firsts and t in tests for i in bucket)
        self._by_key[key] = _alternation([self._groups[i] for i in indices]) if indices else None
        return self._by_key[key]


# --- loading and checking -------------------------------------------------------------------------

def default_policy_text() -> str:
    return files("comments").joinpath(DEFAULT_SOURCE).read_text("utf-8")


def load_policy(path: str | Path | None = None) -> Policy:
    """The policy in `path`, or the shipped default; raises PolicyError with a one-line message."""
    if path is None:
        return parse_policy(default_policy_text(), DEFAULT_SOURCE)
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise PolicyError(f"{path}: cannot read policy: {e.strerror or e}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PolicyError(f"{path}: policy is not UTF-8 text") from None
    return parse_policy(text, str(path))


def parse_policy(text: str, source: str = "<policy>") -> Policy:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        line = getattr(e, "lineno", None) or _line_from_message(str(e))
        msg = getattr(e, "msg", None) or re.sub(r"\s*\(at line \d+, column \d+\)", "", str(e))
        raise PolicyError(f"{source}, line {line}: invalid TOML: {msg}") from None

    def fail(path: tuple[str, ...], problem: str) -> PolicyError:
        return PolicyError(f"{source}, line {_locate(text, path)}: {problem}")

    _check_keys(raw, (), ("scores", "words"), fail)
    review, reject, urgent = {}, {}, []
    scores = _table(raw, ("scores",), fail)
    _check_keys(scores, ("scores",), SCORE_NAMES, fail)
    for name, spec in scores.items():
        if not isinstance(spec, dict):
            raise fail(("scores", name), f"{name}: expected a table like {{ review = 0.80 }}, got {spec!r}")
        _check_keys(spec, ("scores", name), SCORE_KEYS, fail)
        for key, value in spec.items():
            where = ("scores", name, key)
            if key == "urgent":
                if not isinstance(value, bool):
                    raise fail(where, f"{name}.urgent: expected true or false, got {value!r}")
                if value and not any(k in spec for k in THRESHOLD_KEYS):
                    raise fail(where, f"{name}.urgent: needs a review or reject threshold to flag by")
                if value:
                    urgent.append(name)
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise fail(where, f"{name}.{key}: expected a number in [0, 1], got {value!r}")
            if not 0.0 <= value <= 1.0:
                raise fail(where, f"{name}.{key}: threshold {value} is outside [0, 1]")
            (review if key == "review" else reject)[name] = float(value)
        if name in review and name in reject and reject[name] < review[name]:
            raise fail(("scores", name, "reject"),
                       f"{name}: reject threshold {reject[name]} is below its review threshold {review[name]}")

    words = _table(raw, ("words",), fail)
    _check_keys(words, ("words",), WORD_KEYS, fail)
    lists = {}
    for kind in ("banned", "suspect", "allowed"):
        entries = words.get(kind, [])
        if not isinstance(entries, list) or not all(isinstance(w, str) and w.strip() for w in entries):
            raise fail(("words", kind), f"{kind}: expected a list of non-empty strings")
        if invisible := [w for w in entries if not fold(w).text.strip()]:
            raise fail(("words", kind), f"{kind}: {invisible[0]!r} has only invisible characters, so it can never match")
        if marks := [w for w in entries if all(unicodedata.category(ch)[0] in "PZ" for ch in fold(w).text)]:
            raise fail(("words", kind), f"{kind}: {marks[0]!r} is only punctuation, so it would flag punctuation "
                                        f"(\"*\", \"...\") in comments, not a word")
        for entry in entries:
            if problem := _entry_problem(entry):
                raise PolicyError(f"{source}, line {_locate_entry(text, ('words', kind), entry)}: {kind}: {problem}")
        lists[kind] = tuple(" ".join(w.split()) for w in entries)
        if kind == "allowed":
            continue
        action = words.get(f"{kind}_action", "reject" if kind == "banned" else "review")
        if action not in WORD_ACTIONS:
            raise fail(("words", f"{kind}_action"),
                       f'{kind}_action: unknown action {action!r} (use "review" or "reject")')
    policy = Policy(review=review, reject=reject, urgent=tuple(urgent), banned=lists["banned"], suspect=lists["suspect"],
                    banned_action=words.get("banned_action", "reject"),
                    suspect_action=words.get("suspect_action", "review"), allowed=lists["allowed"],
                    source=source, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    for written, phrase in zip(words.get("allowed", []), lists["allowed"]):
        if problem := _allowed_problem(phrase, policy):
            raise PolicyError(f"{source}, line {_locate_entry(text, ('words', 'allowed'), written)}: "
                              f"allowed: {phrase!r} {problem}")
    return policy


def _entry_problem(entry: str) -> str:
    """Why a listed entry would miss what its writer meant, or "". Entries are words as written, so a "*"
    meant as a wildcard or a mask ("fuck*", "c*nt") matches only a written "*", and sentence punctuation
    at an edge ("go to hell!") only a comment that has it too: both silently flag almost nothing."""
    written = " ".join(entry.split())
    if "*" in written:
        return (f'{written!r} has a "*", which is no wildcard or mask here: it matches only a written "*". '
                'List each word plainly, in each form you mean ("fuck", "fucking"): disguises such as "f*ck" '
                'are found anyway')
    plain = written.strip(EDGE_PUNCTUATION).strip()
    if plain != written:
        return (f"{written!r} has punctuation at its edge, so it matches only where a comment has it too: "
                f"list {plain!r}")
    return ""


def _allowed_problem(phrase: str, policy: Policy) -> str:
    """Why an allowed phrase would be a mistake under `policy`'s word lists, or "".
    A phrase with no listed word in it allows nothing (a typo, or a word since dropped from the lists); one
    that is a listed word whole would drop the word from its list, which is what the list is for."""
    found = policy._listed_words(phrase)
    if not found:
        return "contains no banned or suspect word, so it allows nothing"
    if any(m.start == 0 and m.end == len(phrase) for m in found):
        return "is a listed word itself: remove the word from its list instead"
    return ""


def _table(raw: dict, path: tuple[str, ...], fail) -> dict:
    value = raw.get(path[-1], {})
    if not isinstance(value, dict):
        raise fail(path, f"{path[-1]}: expected a table [{path[-1]}]")
    return value


def _check_keys(table: dict, path: tuple[str, ...], known: tuple[str, ...], fail) -> None:
    for key in table:
        if key not in known:
            where = f" in [{'.'.join(path)}]" if path else ""
            raise fail((*path, key), f'unknown key "{key}"{where} (known: {", ".join(known)})')


def _locate_entry(text: str, path: tuple[str, ...], entry: str) -> int | str:
    """The line of the list entry `entry` of the key at `path`: the first line from the key's on that has it
    quoted as written (an entry written with escapes is reported on the key's line)."""
    line = _locate(text, path)
    if isinstance(line, int):
        quoted = (f'"{entry}"', f"'{entry}'")
        for number, written in enumerate(text.splitlines()[line - 1:], line):
            if any(q in written for q in quoted):
                return number
    return line


def _line_from_message(message: str) -> int | str:
    m = re.search(r"at line (\d+)", message)
    return int(m.group(1)) if m else "?"


def _locate(text: str, path: tuple[str, ...]) -> int | str:
    """The line (1-based) where the key at `path` is written: tomllib does not keep key positions.

    Understands the forms a policy uses: `[a.b]` headers, `key = ...`, dotted `key.sub = ...` and inline
    tables (a nested key is reported on the line of its outermost key there).
    """
    lines, header = [], ()
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        m = re.match(r"\[\s*([^\[\]]+?)\s*\]", stripped)
        if m:
            header = tuple(part.strip().strip("\"'") for part in m.group(1).split("."))
            if header == path:
                return number
        elif path[:len(header)] == header and len(path) > len(header):
            lines.append((number, header, stripped))
    # The longest written form wins: `toxicity.reject = ...` before `toxicity = { ... }`.
    for k in range(len(path), 0, -1):
        for number, scope, stripped in lines:
            parts = path[len(scope):][:k]
            key = r"\s*\.\s*".join(re.escape(p) for p in parts)
            if parts and re.match(rf"""["']?{key}["']?\s*[.=]""", stripped):
                return number
    return "?"
