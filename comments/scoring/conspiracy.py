"""Conspiracy framing: `conspiracy` (a probability) and `conspiracy_cues` (the phrases that drove it).

We score the *framing* of a conspiracy narrative, not its topic: a hidden agent ("they", "the elites",
"big pharma"), a secret plan, a cover-up, a call to wake up, distrust of official sources. The features
are a curated framing lexicon (drafted from the PAN 2024 narrative spans: AGENT, OBJECTIVE, ...) plus word
n-grams in which topic words are masked, so the model cannot lean on what the training texts were about
(COVID vaccines). A sparse logistic regression over them is fast and every feature can be pointed at in
the text, which is how the cues are found.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass
from itertools import product
from typing import Callable

import numpy as np
import pandas as pd

from .. import modelstore
from .linear import Features, Linear
from .stopwords import ENGLISH_STOP_WORDS

COLUMNS = ("conspiracy", "conspiracy_cues")
MAX_CUES = 8

# Tokens: lowercased words with their clitics ("they", "don't" carry the framing we want), "!" and
# "?", every URL as "url". Made with str.translate + split, which run in C: scoring must be cheap.
_URL = re.compile(r"(?:https?://|www\.)\S+|\bt\.me/\S+", re.IGNORECASE)
_SEPARATORS = ({c: " " for c in string.punctuation + "“”„«»‹›…–—•·"}
               | {"’": "'", "‘": "'", "`": "'", "'": "'"})
_FAST = str.maketrans(_SEPARATORS | {"!": " ! ", "?": " ? "})
_SAME_LENGTH = str.maketrans(_SEPARATORS | {"!": "!", "?": "?"})  # for tokens with offsets
_WORD = re.compile(r"[^\s!?]+|[!?]")

# Contractions typed without the apostrophe, common in comments ("dont", "theyre"); "its", "wont",
# "were", "id" and "ill" are real words and stay as they are.
_BARE_CONTRACTIONS = {bare.replace("'", ""): bare for bare in (
    "don't doesn't didn't can't couldn't shouldn't wouldn't isn't aren't wasn't weren't haven't hasn't "
    "they're they've they'll you're you've you'll we've that's what's there's who's i'm i've "
    "ain't".split())}


def _has_url(text: str) -> bool:
    return "://" in text or "www." in text or "t.me/" in text


def tokenize(text: str) -> list[str]:
    if _has_url(text):
        text = _URL.sub(" url ", text)
    return [_BARE_CONTRACTIONS.get(w, w) for t in text.lower().translate(_FAST).split() if (w := t.strip("'"))]


def tokenize_with_offsets(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """`tokenize(text)` and each token's (start, end) in `text` itself."""
    if _has_url(text):
        text = _URL.sub(lambda m: " url".ljust(len(m.group())), text)
    tokens, spans = [], []
    for match in _WORD.finditer(text.translate(_SAME_LENGTH)):
        raw = match.group()
        start, end = match.span()
        if raw[0] == "'" or raw[-1] == "'":  # quotes around a word are not part of it
            word = raw.strip("'")
            if not word:
                continue
            start += len(raw) - len(raw.lstrip("'"))
            end -= len(raw) - len(raw.rstrip("'"))
            raw = word
        word = raw.lower()
        tokens.append(_BARE_CONTRACTIONS.get(word, word))
        spans.append((start, end))
    return tokens, spans


def _expand(*parts: str) -> list[str]:
    """`_expand("they", "are|were", "hiding|lying")` -> every combination as a phrase."""
    return [" ".join(words) for words in product(*(p.split("|") for p in parts))]


# The framing lexicon, by category. Phrases are matched on whole tokens, case-insensitively, longest
# first. Drafted from the n-grams that separate CONSPIRACY from CRITICAL inside PAN 2024's AGENT,
# OBJECTIVE and FACILITATOR spans, with the topic-bound ones (vaccine ingredients, Telegram channels)
# left out and general ones added, so that it carries to topics the data does not cover.
LEXICON: dict[str, list[str]] = {
    "agent": [
        "elite", "elites", "the elite", "the elites", "globalist", "globalists", "globalism",
        "the globalists", "globalist elite", "global elite", "global elites", "cabal", "the cabal",
        "deep state", "the deep state", "deepstate", "the ds", "shadow government", "big pharma",
        "big tech", "big brother", "the establishment", "the powers that be", "tptb", "powers that be",
        "illuminati", "freemasons", "masonic", "nwo", "the nwo", "new world order", "one world government",
        "world government", "banksters", "the bankers", "rothschild", "rothschilds", "soros", "george soros",
        "bill gates", "klaus schwab", "schwab", "wef", "davos", "world economic forum", "bilderberg",
        "the controllers", "puppet masters", "puppet master", "puppets", "puppet", "the billionaires",
        "billionaires", "oligarchs", "the oligarchs", "ruling class", "the ruling class", "those in power",
        "the people in charge", "the regime", "the enemy", "the matrix", "reptilians", "lizard people",
        "satanic", "satanists", "satan", "luciferian", "luciferians", "the evil ones", "evil",
        "the cia", "controlled opposition", "their masters", "the criminals", "criminals",
    ],
    "they": [
        *_expand("they", "want|wanted|need|needed|plan|planned|know|knew|hide|hid|lie|lied|control|"
                 "controls|created|engineered|staged|orchestrated|covered|censor|silence|keep|kept|"
                 "own|run|decided|intend|designed|poisoned|poison|manipulate|manipulated|fear"),
        *_expand("they", "are|were|'re|have been", "hiding|lying|planning|trying|coming|poisoning|"
                 "killing|covering|controlling|censoring|silencing|watching|tracking|using|pushing|"
                 "laughing|manipulating|lying to"),
        *_expand("they're", "hiding|lying|planning|trying|coming|poisoning|killing|covering|"
                 "controlling|censoring|silencing|watching|tracking|using|pushing|laughing|manipulating"),
        *_expand("they", "don't|do not|never|won't|will never|didn't", "want|tell|told|say|report"),
        *_expand("their", "agenda|plan|plans|narrative|lies|goal|goals|scheme|puppets|propaganda|masters|"
                 "control|evil"),
        "they don't want you to know", "what they don't want you to know", "they want you to",
        "they want us to", "don't want you to know", "they control", "they own",
        "who is behind", "who's behind", "those behind", "the people behind",
    ],
    "secrecy": [
        "cover up", "cover-up", "coverup", "covered up", "covering up", "covering it up", "cover it up",
        "hidden", "hiding", "hide", "secret", "secretly", "secrets", "behind closed doors",
        "behind the scenes", "suppressed", "suppressing", "suppress", "censored", "censorship",
        "silenced", "silencing", "classified", "leaked", "whistleblower", "whistleblowers",
        "won't tell you", "not telling you", "never tell you", "will never tell you", "kept quiet",
        "kept secret", "kept hidden", "swept under the rug", "in plain sight", "exposed", "expose",
        "exposing", "they don't want you to know", "what they're not telling you", "the real reason",
        "the real truth", "the hidden truth", "the truth about", "truth", "the truth",
    ],
    "plan": [
        "agenda", "the agenda", "hidden agenda", "the plan", "master plan", "plot", "scheme",
        "orchestrated", "planned", "engineered", "staged", "manufactured", "false flag", "psyop",
        "psy op", "psy-op", "hoax", "scam", "scamdemic", "plandemic", "depopulation", "population control",
        "population reduction", "depopulate", "great reset", "the great reset", "agenda 2030", "agenda 21",
        "mind control", "total control", "enslave", "enslavement", "slaves", "genocide", "bioweapon",
        "bio weapon", "bio-weapon", "weapon", "by design", "all part of", "part of the plan",
        "no coincidence", "not a coincidence", "coincidence", "it's all connected", "all connected",
        "connect the dots", "microchip", "microchips", "mark of the beast", "social credit",
        "surveillance", "usher in", "to control", "control the population", "control us",
        "new normal", "global takeover", "takeover", "on purpose", "deliberately", "intentionally",
        "weaponized", "experiment", "lab rats", "guinea pigs", "trafficking", "child trafficking",
        "pedophiles", "adrenochrome", "antichrist", "mass murder", "murder",
    ],
    "awakening": [
        "wake up", "wake up people", "woke up", "awake", "awaken", "awakening", "great awakening",
        "sheep", "sheeple", "red pill", "redpilled", "red pilled", "open your eyes", "eyes open",
        "do your own research", "do your research", "do the research", "research it", "look it up",
        "brainwashed", "asleep", "normies", "the masses", "patriots", "the resistance", "fight back",
        "resist", "wwg1wga", "trust the plan", "the storm", "nothing can stop what is coming",
        "think for yourself", "think for yourselves", "question everything", "they're lying to you",
        "lied to", "lying to you", "you've been lied to", "we've been lied to", "follow the money",
    ],
    "distrust": [
        "mainstream media", "the mainstream media", "msm", "the msm", "fake news", "propaganda",
        "controlled media", "lamestream", "presstitutes", "fact checkers", "fact-checkers",
        "official narrative", "the narrative", "official story", "official version", "so called",
        "so-called", "lies", "liars", "lying", "the lies", "corrupt", "bought and paid for", "paid off",
        "bought off", "in on it", "in their pocket", "lapdogs", "mockingbird", "complicit",
    ],
    "harm": [
        "crimes against humanity", "genocide", "the genocide", "mass murder", "depopulation",
        "extermination", "exterminate", "the human race", "humanity", "destroy humanity", "wipe out",
        "culling", "cull", "slavery", "enslaved", "tyranny", "tyrants", "tyrannical", "treason",
        "traitors", "nuremberg", "war on", "war against", "destruction", "the destruction of",
        "collapse", "the collapse", "poison", "poisoned", "poisoning", "kill us", "killing us",
        "bioweapon", "chemical weapon", "biological weapon",
    ],
    "spiritual": [  # the cosmic-battle framing, not religion: "god", "prayer" stay out
        "satan", "satanic", "devil", "devils", "demonic", "demons", "lucifer", "antichrist",
        "the beast", "end times", "good vs evil", "good versus evil", "spiritual war", "spiritual warfare",
    ],
    "certainty": [
        "obviously", "undeniable", "undeniably", "proof", "the proof", "proven", "make no mistake",
        "no doubt", "the truth is", "fact is", "the fact is", "it's all", "every single",
        "wake", "clearly", "absolutely", "never forget", "mark my words", "the real",
    ],
}

# Topic words of the training data (COVID, vaccines, their institutions): masked to one token so the
# model learns the framing around them instead of the topic, which our users' comments do not share.
TOPIC_WORDS = frozenset("""
covid covid19 coronavirus corona virus viruses sars pandemic pandemics epidemic vaccine vaccines vaccinated
vaccination vaccinations vaccinate unvaccinated vax vaxx vaxxed unvaxxed vaxxer vaxxers antivax antivaxxer
antivaxxers jab jabs jabbed shot shots booster boosters boosted dose doses mrna pfizer moderna astrazeneca
janssen novavax biontech fauci cdc fda nih ema mhra swissmedic tga mask masks masking lockdown lockdowns
mandate mandates mandatory passport passports myocarditis pericarditis spike protein ivermectin
hydroxychloroquine hcq omicron variant variants quarantine pcr injection injections injected inject
immunity infection infections infected symptoms clot clots clotting adverse ventilator ventilators
hospital hospitals hospitalised hospitalized icu deaths death died dying doctor doctors dr nurses
nurse patients patient health healthcare medical medicine drug drugs trial trials study studies
science scientists experimental immune
""".split())

FUNCTION_WORDS = frozenset(ENGLISH_STOP_WORDS) | frozenset(
    "don't doesn't didn't won't wouldn't can't couldn't isn't aren't wasn't weren't haven't hasn't "
    "they're they've they'll we're we've you're you've i'm it's that's what's who's there's "
    "want wants wanted know knew tell told say said ! ?".split())


def _compile_lexicon(lexicon: dict[str, list[str]]) -> dict[tuple[str, ...], str]:
    """Phrase tokens -> category; a phrase listed twice keeps its first category."""
    compiled: dict[tuple[str, ...], str] = {}
    for category, phrases in lexicon.items():
        for phrase in phrases:
            compiled.setdefault(tuple(tokenize(phrase)), category)
    compiled.pop((), None)
    return compiled


_PHRASES = _compile_lexicon(LEXICON)
_LONGEST_FROM = {}  # first token -> length of the longest phrase starting with it
for _phrase in _PHRASES:
    _LONGEST_FROM[_phrase[0]] = max(_LONGEST_FROM.get(_phrase[0], 0), len(_phrase))
LEXICON_WORDS = frozenset(w for phrase in _PHRASES for w in phrase)
# Links are masked too: the Telegram posts of PAN end with channel links far more often when they are
# conspiratorial, which says nothing about a comment that shares a link.
_TOPIC_MASK = dict.fromkeys(TOPIC_WORDS | {"url"}, "<topic>")
_FRAMING_KEEP = (FUNCTION_WORDS | LEXICON_WORDS) - TOPIC_WORDS - {"url"}


def lexicon_matches(tokens: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """`(first token, end token, phrase)` for each longest lexicon phrase, scanning left to right."""
    found = []
    n, free = len(tokens), 0  # tokens before `free` are inside a match already
    # only tokens that start a phrase are tried (few of them: the loop runs in C until then)
    for i in [i for i, t in enumerate(tokens) if t in _LONGEST_FROM]:
        if i < free:
            continue
        for k in range(min(_LONGEST_FROM[tokens[i]], n - i), 0, -1):
            phrase = tuple(tokens[i:i + k])
            if phrase in _PHRASES:
                found.append((i, i + k, phrase))
                free = i + k
                break
    return found


# Words that are a lexicon phrase on their own ("elites", "agenda", "hidden"): framing markers.
_MARKER_WORDS = frozenset(phrase[0] for phrase in _PHRASES if len(phrase) == 1) - FUNCTION_WORDS


def is_framing_ngram(tokens: list[str]) -> bool:
    """Holds a one-word framing marker, and every other word is a function or lexicon word."""
    return all(t in _FRAMING_KEEP for t in tokens) and any(t in _MARKER_WORDS for t in tokens)


class FramingAnalyzer:
    """Text -> feature strings, for a sklearn vectorizer (`analyzer=`).

    `ngrams`: "all" word n-grams, "masked" with topic words as "<topic>" (never a feature alone),
    "framing" with every word outside the function words and the lexicon as "_", or "none".
    `lexicon` adds "§CATEGORY" and "§phrase" for each lexicon match (upper case: never a phrase).
    `explain` yields the same features with their token spans, for the cues.
    """

    def __init__(self, ngrams: str = "masked", ngram_max: int = 3, lexicon: bool = True) -> None:
        self.ngrams = ngrams
        self.ngram_max = ngram_max
        self.lexicon = lexicon

    def _units(self, tokens: list[str]) -> list[str]:
        if self.ngrams == "masked":
            return [_TOPIC_MASK.get(t, t) for t in tokens]
        if self.ngrams == "framing":
            return [t if t in _FRAMING_KEEP else "_" for t in tokens]
        return tokens

    def explain(self, tokens: list[str]) -> list[tuple[str, int, int]]:
        feats: list[tuple[str, int, int]] = []
        if self.lexicon:
            for start, end, phrase in lexicon_matches(tokens):
                feats.append(("§" + _PHRASES[phrase].upper(), start, end))
                feats.append(("§" + " ".join(phrase), start, end))
        if self.ngrams != "none":
            units = self._units(tokens)
            feats += [(u, i, i + 1) for i, u in enumerate(units) if u != "<topic>" and u != "_"]
            for k in range(2, self.ngram_max + 1):
                for i in range(len(units) - k + 1):
                    gram = units[i:i + k]
                    if any(u != "_" for u in gram):
                        feats.append((" ".join(gram), i, i + k))
        return feats

    def __call__(self, text: str) -> list[str]:
        # the same features as explain(), made with list comprehensions: this is the hot path
        tokens = tokenize(text)
        feats = self._lexicon_features(tokens)
        if self.ngrams == "none":
            return feats
        units = self._units(tokens)
        feats += [u for u in units if u != "<topic>" and u != "_"]
        if self.ngrams != "framing":  # only framing units are "_" (tokens never are: it separates)
            if self.ngram_max >= 2:
                feats += [f"{a} {b}" for a, b in zip(units, units[1:])]
            if self.ngram_max >= 3:
                feats += [f"{a} {b} {c}" for a, b, c in zip(units, units[1:], units[2:])]
            return feats
        if self.ngram_max >= 2:
            feats += [f"{a} {b}" for a, b in zip(units, units[1:]) if a != "_" or b != "_"]
        if self.ngram_max >= 3:
            feats += [f"{a} {b} {c}" for a, b, c in zip(units, units[1:], units[2:])
                      if a != "_" or b != "_" or c != "_"]
        return feats

    def split_features(self, text: str) -> tuple[list[str], list[str]]:
        """`self(text)` as (every feature but the bigrams of the units, the units whose bigrams f"{a} {b}"
        are the rest), so that the bigrams are looked up as pairs (`Features.transform_bigrams`) instead of
        being made as strings."""
        if self.ngrams not in ("all", "masked") or self.ngram_max != 2:
            return self(text), []
        tokens = tokenize(text)
        units = self._units(tokens)
        return self._lexicon_features(tokens) + [u for u in units if u != "<topic>" and u != "_"], units

    def _lexicon_features(self, tokens: list[str]) -> list[str]:
        feats = []
        if self.lexicon:
            for _, _, phrase in lexicon_matches(tokens):
                feats += ("§" + _PHRASES[phrase].upper(), "§" + " ".join(phrase))
        return feats


@dataclass
class ConspiracyScorer:
    """Fitted features + logistic regression, the shipped threshold, and the cue weights."""

    features: Features  # TF-IDF, analyzer = a FramingAnalyzer
    model: Linear
    threshold: float
    cue_min_weight: float = 0.0

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_weights", "_strong")}  # caches

    def _feature_weights(self) -> dict[str, float]:
        if "_weights" not in self.__dict__:
            coef = self.model.coef[:, 0]
            self._weights = {f: float(coef[j]) for f, j in self.features.vocabulary.items()}
        return self._weights

    def _strong_ngrams(self) -> frozenset[str]:
        """The n-gram features heavy enough to be a cue on their own (> 3 x `cue_min_weight`)."""
        if "_strong" not in self.__dict__:
            self._strong = frozenset(f for f, w in self._feature_weights().items()
                                     if w > 3 * self.cue_min_weight and not f.startswith("§"))
        return self._strong

    def cues(self, text: str) -> list[str]:
        """Phrases of `text`, as written, whose features push the score up, in reading order (see
        `cue_spans`)."""
        return [text[start:end] for start, end in self.cue_spans(text)]

    def cue_spans(self, text: str) -> list[tuple[int, int]]:
        """The (start, end) of each phrase of `text` whose features push the score up, in reading order.

        A lexicon phrase is a cue when its features add up to more than `cue_min_weight`; any other
        n-gram when it weighs three times that and is itself framing: every word a function or lexicon
        word, one of them a framing marker on its own ("the hidden", "elites are"). Plain words the
        model learned from the training topic ("Russia", "the world") are never cues: a moderator should
        see why the comment reads as a conspiracy, not what it is about. At most `MAX_CUES`, the
        strongest; overlapping cues are merged into one phrase."""
        analyzer: FramingAnalyzer = self.features.analyzer
        weights = self._feature_weights()
        tokens, offsets = tokenize_with_offsets(text)
        push: dict[tuple[int, int], float] = {}
        lexical: set[tuple[int, int]] = set()
        ngram_min = 3 * self.cue_min_weight
        # The features of `analyzer.explain(tokens)` that count, summed per span in its order (the
        # lexicon phrase's, then the n-gram's), found without making every feature with its span.
        if analyzer.lexicon:
            for start, end, phrase in lexicon_matches(tokens):
                lexical.add((start, end))
                push[start, end] = (0.0 + weights.get("§" + _PHRASES[phrase].upper(), 0.0)
                                    + weights.get("§" + " ".join(phrase), 0.0))
        if analyzer.ngrams != "none":
            units = analyzer._units(tokens)

            def explained(start: int, end: int) -> str | None:  # the n-gram explain() gives this span
                gram = units[start:end]
                if end - start > analyzer.ngram_max or all(u == "_" for u in gram) or gram == ["<topic>"]:
                    return None
                return " ".join(gram)

            for start, end in sorted(lexical):  # an n-gram over a lexicon phrase adds to it
                if (gram := explained(start, end)) is not None:
                    push[start, end] += weights.get(gram, 0.0)
            strong = self._strong_ngrams()
            for k in range(1, analyzer.ngram_max + 1):  # an n-gram of its own (one per span)
                grams = units if k == 1 else [" ".join(units[i:i + k]) for i in range(len(units) - k + 1)]
                for i in [i for i, gram in enumerate(grams) if gram in strong]:
                    if (i, i + k) not in lexical and explained(i, i + k) is not None \
                            and is_framing_ngram(tokens[i:i + k]):
                        # "they are" alone is nothing to show; "they are hiding" is (lexicon)
                        push[i, i + k] = 0.0 + weights[grams[i]]
        strong = [(weight, span) for span, weight in push.items()
                  if weight > (self.cue_min_weight if span in lexical else ngram_min)]
        spans = sorted(span for _, span in sorted(strong, reverse=True)[:MAX_CUES])
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return [(offsets[start][0], offsets[end - 1][1]) for start, end in merged]

    def probability(self, texts: list[str]) -> np.ndarray:
        if texts and isinstance(self.features.analyzer, FramingAnalyzer):  # tokens hold no space
            feats, units = zip(*map(self.features.analyzer.split_features, texts))
            x = self.features.transform_bigrams(list(feats), list(units))
        else:
            x = self.features.transform(texts)
        return self.model.predict_proba(x)[:, 1]

    def score(self, texts: list[str], quote: Callable[[int, int, int], str] | None = None) -> pd.DataFrame:
        """`quote(i, start, end)`: the phrase shown as a cue for `texts[i][start:end]`, when the texts were
        folded from others (by default, those characters themselves)."""
        texts = ["" if t is None else str(t) for t in texts]
        if not texts:
            return pd.DataFrame({"conspiracy": pd.Series(dtype=float), "conspiracy_cues": pd.Series(dtype=object)})
        probability = self.probability(texts)
        cues = [([quote(i, start, end) for start, end in self.cue_spans(t)] if quote else self.cues(t))
                if p >= self.threshold else [] for i, (t, p) in enumerate(zip(texts, probability))]
        return pd.DataFrame({"conspiracy": probability.astype(float), "conspiracy_cues": cues})


def load() -> ConspiracyScorer:
    return modelstore.load("conspiracy")
