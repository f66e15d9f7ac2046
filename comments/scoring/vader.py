"""VADER sentiment, the one entry point every scorer uses: vaderSentiment's scores, several times faster.

A faithful re-implementation of `vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer.polarity_scores`
(vaderSentiment 3.3.2): for every text it returns the same four floats, bit for bit, including the
original's quirks, which are kept on purpose (exactness is the contract, see tests/test_vader.py):
the `but` rule rescales the *first* equal value (`list.index`), "never so/this" fires whenever the word
before is "so"/"this" (operator precedence), ALL-CAPS emphasis pushes a zero valence down, "no" before a
lexicon word zeroes itself, single-word SPECIAL_CASES such as "badass" and the sentiment-laden idioms
never apply, emoji are replaced by their descriptions with the original's spacing rule, and the
results go through `round()`.

The speed comes from doing each piece of work once, and only where it can matter: a token's
punctuation stripping, lower-casing and lexicon/booster/negation look-ups happen once per distinct
token (a bounded cache; tokens no rule can react to share one plain instance); one pass over the
tokens ORs their flags, so rules that cannot apply to a text are skipped; only lexicon words get the
per-word rules, which read precomputed fields instead of rebuilding lower-cased word lists; emoji
are looked for only in non-ASCII texts; and whole results are cached per exact text (comments
repeat). benchmarks/bench_vader.py measures it.

VADER: Hutto, C.J. & Gilbert, E.E. (2014). VADER: A Parsimonious Rule-based Model for Sentiment
Analysis of Social Media Text. ICWSM-14. Copyright (c) 2016 C.J. Hutto, MIT License. The lexicon, the
emoji lexicon and the rule constants are read from the installed vaderSentiment package, not copied.
"""
from __future__ import annotations

import math
import string
from itertools import chain
from typing import Iterable

import numpy as np
from vaderSentiment import vaderSentiment as _vader

KEYS = ("neg", "neu", "pos", "compound")
Scores = tuple[float, float, float, float]  # neg, neu, pos, compound

# The analyzer is only used to load the lexicon files exactly the way vaderSentiment parses them.
_analyzer = _vader.SentimentIntensityAnalyzer()
_LEXICON: dict[str, float] = _analyzer.lexicon
_BOOSTERS: dict[str, float] = _vader.BOOSTER_DICT
_NEGATIONS = frozenset(_vader.NEGATE)
_N_SCALAR = _vader.N_SCALAR
_C_INCR = _vader.C_INCR
# Multi-word keys as word tuples: tokens never contain spaces, so ("kind", "of") matches exactly when
# the original's "kind of" string does, and one-word keys (SPECIAL_CASES' "badass") never match, as there.
_SPECIAL_CASES = {tuple(k.split(" ")): v for k, v in _vader.SPECIAL_CASES.items()}
_BOOSTER_NGRAMS = {tuple(k.split(" ")): v for k, v in _BOOSTERS.items() if " " in k}
# Every sequence the idiom check looks up starts at the word itself or one of the three before it,
# so it can only match where such a word and the next one are the first two words of a key.
_IDIOM_KEYS = [key for key in (*_SPECIAL_CASES, *_BOOSTER_NGRAMS) if len(key) > 1]
_IDIOM_PAIRS = frozenset(key[:2] for key in _IDIOM_KEYS)
_IDIOM_STARTS = frozenset(key[0] for key in _IDIOM_KEYS)
_IDIOM_SECONDS = frozenset(key[1] for key in _IDIOM_KEYS)
_SO_THIS = ("so", "this")

# The original looks at one character at a time, so only one-character emoji keys can ever match.
_EMOJIS = {k: v for k, v in _analyzer.emojis.items() if len(k) == 1}
_EMOJI_CHARS = frozenset(_EMOJIS)
_ASCII_EMOJI = any(c.isascii() for c in _EMOJIS)  # False today: ASCII texts can skip the emoji pass

_TOKEN_CACHE_SIZE = 1 << 17   # distinct raw tokens kept (~110 bytes each); emptied when full
_TEXT_CACHE_SIZE = 1 << 15    # distinct texts kept; emptied when full
_CACHED_TEXT_LEN = 500        # longer texts rarely repeat exactly and would pin memory


# Bits of `_Token.flags`: OR-ed over a text, they let whole rules be skipped when they cannot apply.
_SCORED, _MODIFIES, _UPPER, _BUT, _IDIOM, _IDIOM_SECOND = 1, 2, 4, 8, 16, 32
_RARE = _UPPER | _BUT | _IDIOM_SECOND
_MODIFIER_WORDS = frozenset(("no", "least", "so", "this"))


# Words some rule compares a token against. Any other word only matters through its ALL-CAPS
# shape, so such tokens share two plain instances instead of each getting its own.
_RULE_WORDS = frozenset(("no", "or", "nor", "never", "without", "doubt", "so", "this", "least", "at",
                         "very", "kind", "of", "but"))
_RELEVANT_WORDS = frozenset(
    (*_LEXICON, *_BOOSTERS, *_NEGATIONS, *_RULE_WORDS, *(w for key in _SPECIAL_CASES for w in key),
     *(w for key in _BOOSTER_NGRAMS for w in key)))


class _Token:
    """What the rules need to know about one whitespace-separated token, computed once."""

    __slots__ = ("word", "valence", "booster", "upper", "negates", "modifies", "flags")

    def __init__(self, word: str, upper: bool) -> None:
        self.word = word                                   # lower-cased, see `_token`
        self.upper = upper                                 # ALL CAPS
        valence = self.valence = _LEXICON.get(word)        # None: not a lexicon word
        booster = self.booster = _BOOSTERS.get(word)       # None: not a booster/dampener
        negates = self.negates = word in _NEGATIONS or "n't" in word
        # can change the valence of a lexicon word up to three positions later
        modifies = self.modifies = booster is not None or negates or word in _MODIFIER_WORDS
        scored = valence is not None and booster is None  # gets a sentiment of its own
        self.flags = (scored * _SCORED | modifies * _MODIFIES | upper * _UPPER
                      | (word == "but") * _BUT | (word in _IDIOM_STARTS) * _IDIOM
                      | (word in _IDIOM_SECONDS) * _IDIOM_SECOND)


_PLAIN, _PLAIN_UPPER = _Token("", False), _Token("", True)
_tokens: dict[str, _Token] = {}


def _token(raw: str) -> _Token:
    """The (cached) token for a whitespace-separated piece of text."""
    stripped = raw.strip(string.punctuation)
    shown = raw if len(stripped) <= 2 else stripped  # short leftovers were emoticons: keep them
    word = shown.lower()
    if word in _RELEVANT_WORDS or "n't" in word:
        tok = _Token(word, shown.isupper())
    else:
        tok = _PLAIN_UPPER if shown.isupper() else _PLAIN
    if len(_tokens) >= _TOKEN_CACHE_SIZE:
        _tokens.clear()
    _tokens[raw] = tok
    return tok


def _describe_emojis(text: str) -> str:
    """Each emoji becomes its description, preceded by a space unless at the start or after a space."""
    out = []
    prev_space = True
    for char in text:
        description = _EMOJIS.get(char)
        if description is None:
            out.append(char)
            prev_space = char == " "
        else:
            if not prev_space:
                out.append(" ")
            out.append(description)
            prev_space = False
    return "".join(out)


def _scalar(booster: float, upper: bool, valence: float, cap_diff: bool) -> float:
    """vaderSentiment's `scalar_inc_dec` for a booster/dampener word before a lexicon word."""
    scalar = booster
    if valence < 0:
        scalar *= -1
    if upper and cap_diff:
        scalar = scalar + _C_INCR if valence > 0 else scalar - _C_INCR
    return scalar


def _after_no(toks: list[_Token], i: int) -> bool:
    """ "no" one or two words before, or three before with "or"/"nor" right before."""
    return ((i > 0 and toks[i - 1].word == "no") or (i > 1 and toks[i - 2].word == "no")
            or (i > 2 and toks[i - 3].word == "no" and toks[i - 1].word in ("or", "nor")))


def _modified_valence(valence: float, i: int, toks: list[_Token], cap_diff: bool) -> float:
    """The part of vaderSentiment's `sentiment_valence` that looks at the three preceding words.

    (The original adds a zero scalar after non-boosters: skipping that can only turn -0.0 into
    0.0, which no later step can tell apart.)
    """
    if i > 0 and (tok := toks[i - 1]).valence is None:
        if tok.booster is not None:
            valence = valence + _scalar(tok.booster, tok.upper, valence, cap_diff)
        if tok.negates:
            valence = valence * _N_SCALAR
    if i > 1 and (tok := toks[i - 2]).valence is None:
        if tok.booster is not None:  # a booster's scalar is never 0, so always damped
            valence = valence + _scalar(tok.booster, tok.upper, valence, cap_diff) * 0.95
        if tok.word == "never" and toks[i - 1].word in _SO_THIS:
            valence = valence * 1.25
        elif tok.word == "without" and toks[i - 1].word == "doubt":
            pass
        elif tok.negates:
            valence = valence * _N_SCALAR
    if i > 2 and (tok := toks[i - 3]).valence is None:
        if tok.booster is not None:
            valence = valence + _scalar(tok.booster, tok.upper, valence, cap_diff) * 0.9
        # the original's `a and b or c`: any "so"/"this" right before the word counts as "never so"
        if (tok.word == "never" and toks[i - 2].word in _SO_THIS) or toks[i - 1].word in _SO_THIS:
            valence = valence * 1.25
        elif tok.word == "without" and (toks[i - 2].word == "doubt" or toks[i - 1].word == "doubt"):
            pass
        elif tok.negates:
            valence = valence * _N_SCALAR
    return valence


def _special_idioms(valence: float, toks: list[_Token], i: int) -> float:
    """vaderSentiment's `_special_idioms_check` (only reached for i > 2).

    Sequences are only built where they start with the first word of a key (`_IDIOM` flag);
    the others cannot match. Order and precedence are the original's.
    """
    t3, t2, t1, t0 = toks[i - 3:i + 1]
    w3, w2, w1, w0 = t3.word, t2.word, t1.word, t0.word
    starts3, starts2, starts1 = t3.flags & _IDIOM, t2.flags & _IDIOM, t1.flags & _IDIOM
    for start, seq in ((starts1, (w1, w0)), (starts2, (w2, w1, w0)), (starts2, (w2, w1)),
                       (starts3, (w3, w2, w1)), (starts3, (w3, w2))):
        if start and seq in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[seq]
            break
    if t0.flags & _IDIOM:
        n = len(toks)
        if n - 1 > i and (seq := (w0, toks[i + 1].word)) in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[seq]
        if n - 1 > i + 1 and (seq := (w0, toks[i + 1].word, toks[i + 2].word)) in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[seq]
    for start, ngram in ((starts3, (w3, w2, w1)), (starts3, (w3, w2)), (starts2, (w2, w1))):
        if start and ngram in _BOOSTER_NGRAMS:
            valence = valence + _BOOSTER_NGRAMS[ngram]
    return valence


def _but_check(sentiments: list, scored: list[int], bi: int) -> None:
    """vaderSentiment's `_but_check`, in place: halve before the first "but" (at bi), 1.5x after it.

    Like the original, each value rescales the *first* position holding an equal value
    (`list.index`). Zeros stay zero whatever happens to them, and nonzero values only ever sit at
    `scored` positions, so only those are visited: same result, without scanning every word.
    """
    values = [sentiments[j] for j in scored]
    for sentiment in values:  # like the original, reads each value after earlier rescaling
        if not sentiment:
            continue
        first = values.index(sentiment)
        si = scored[first]
        if si < bi:
            values[first] = sentiments[si] = sentiment * 0.5
        elif si > bi:
            values[first] = sentiments[si] = sentiment * 1.5


def _score_valence(sentiments: list, scored: list[int], text: str) -> Scores:
    """vaderSentiment's `score_valence`, with the same operations in the same order."""
    # emphasis from exclamation points (up to 4) and question marks (2 or more)
    ep_count = text.count("!")
    qm_count = text.count("?")
    qm_amplifier = 0
    if qm_count > 1:
        qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
    amplifier = (4 if ep_count > 4 else ep_count) * 0.292 + qm_amplifier

    sum_s = float(sum(sentiments))
    if sum_s > 0:
        sum_s += amplifier
    elif sum_s < 0:
        sum_s -= amplifier
    compound = sum_s / math.sqrt((sum_s * sum_s) + 15)  # normalize(), alpha = 15
    if compound < -1.0:
        compound = -1.0
    elif compound > 1.0:
        compound = 1.0

    pos_sum = 0.0
    neg_sum = 0.0
    for i in scored:  # zeros add nothing to either sum
        sentiment = sentiments[i]
        if sentiment > 0:
            pos_sum += float(sentiment) + 1
        if sentiment < 0:
            neg_sum += float(sentiment) - 1
    neu_count = sentiments.count(0)
    if pos_sum > math.fabs(neg_sum):
        pos_sum += amplifier
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= amplifier
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return (round(math.fabs(neg_sum / total), 3), round(math.fabs(neu_count / total), 3),
            round(math.fabs(pos_sum / total), 3), round(compound, 4))


_NEUTRAL: Scores = (0.0, 1.0, 0.0, 0.0)


def _score(text: str) -> Scores:
    """The four rounded VADER scores of one text, computed from scratch (token cache aside)."""
    if (_ASCII_EMOJI or not text.isascii()) and not _EMOJI_CHARS.isdisjoint(text):
        text = _describe_emojis(text)
    # The original strips the text first; split() and the !/? counts are unaffected by that.
    raws = text.split()
    if not raws:
        return 0.0, 0.0, 0.0, 0.0
    get = _tokens.get
    toks = []
    present = 0      # the flags of all tokens OR-ed
    candidates = []  # positions of lexicon words
    uppers = 0       # number of ALL-CAPS tokens
    but_at = -1      # position of the first "but"
    idiom_starts = []  # positions where the first two words of an idiom key start
    for i, raw in enumerate(raws):
        tok = get(raw) or _token(raw)
        toks.append(tok)
        flags = tok.flags
        if flags:
            present |= flags
            if flags & _SCORED:
                candidates.append(i)
            if flags & _RARE:
                if flags & _UPPER:
                    uppers += 1
                if flags & _BUT and but_at < 0:
                    but_at = i
                if flags & _IDIOM_SECOND and i and (toks[i - 1].word, tok.word) in _IDIOM_PAIRS:
                    idiom_starts.append(i - 1)
    if not candidates:
        return _NEUTRAL  # no sentiment word: every word counts as neutral, nothing is amplified

    # Per-word sentiments: int 0 for everything but scored lexicon words, as in the original
    # (types matter to sum(): the same list gives the same float sum on every Python version).
    n = len(toks)
    last = n - 1
    sentiments: list = [0] * n
    scored = []
    cap_diff = 0 < n - uppers < n  # some but not all tokens in ALL CAPS
    for i in candidates:
        tok = toks[i]
        if tok.word == "kind" and i < last and toks[i + 1].word == "of":
            continue
        valence = tok.valence
        # only tokens with `modifies` set can change a valence from up to three places back
        near = present & _MODIFIES and (
            (i > 0 and toks[i - 1].modifies) or (i > 1 and toks[i - 2].modifies)
            or (i > 2 and toks[i - 3].modifies))
        if tok.word == "no" and i != last and toks[i + 1].valence is not None:
            valence = 0.0  # "no" negates the next lexicon word instead of counting itself
        if near and _after_no(toks, i):
            valence = tok.valence * _N_SCALAR
        if tok.upper and cap_diff:
            valence = valence + _C_INCR if valence > 0 else valence - _C_INCR
        if near:
            valence = _modified_valence(valence, i, toks, cap_diff)
        if (idiom_starts and i > 2 and toks[i - 3].valence is None
                and any(i - 3 <= start <= i for start in idiom_starts)):
            valence = _special_idioms(valence, toks, i)
        if near and toks[i - 1].word == "least" and toks[i - 1].valence is None:
            # "least" negates, except in "at least" / "very least"
            if i == 1 or (toks[i - 2].word != "at" and toks[i - 2].word != "very"):
                valence = valence * _N_SCALAR
        sentiments[i] = valence
        scored.append(i)
    if but_at >= 0:
        _but_check(sentiments, scored, but_at)

    return _score_valence(sentiments, scored, text)


_texts: dict[str, Scores] = {}


def scores(text: str) -> Scores:
    """(neg, neu, pos, compound) of one text; repeated texts of up to 500 chars come from a cache."""
    if not isinstance(text, str):
        raise TypeError(f"VADER input must be str, got {type(text).__name__}: {text!r:.80}")
    result = _texts.get(text)
    if result is None:
        result = _score(text)
        if len(text) <= _CACHED_TEXT_LEN:
            if len(_texts) >= _TEXT_CACHE_SIZE:
                _texts.clear()
            _texts[text] = result
    return result


def clear_caches(texts: bool = True, tokens: bool = True) -> None:
    """Forget cached texts and/or tokens (for cold-start benchmarks)."""
    if texts:
        _texts.clear()
    if tokens:
        _tokens.clear()


def polarity_scores(text: str) -> dict:
    """VADER's scores for one text: keys neg, neu, pos, compound (as vaderSentiment returns them)."""
    return dict(zip(KEYS, scores(text)))


def polarity_many(texts: Iterable[str]) -> np.ndarray:
    """VADER's scores for many texts: an (n, 4) float64 array, columns neg, neu, pos, compound."""
    rows = list(map(scores, texts))
    return np.fromiter(chain.from_iterable(rows), np.float64, 4 * len(rows)).reshape(len(rows), 4)
