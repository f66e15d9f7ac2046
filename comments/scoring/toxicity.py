"""Toxicity: a calibrated probability, five attributes and the character spans of the toxic words.

One shared word n-gram TF-IDF feeds every head. The toxicity head is a logistic regression over those
features stacked with alt-profanity-check's probability (a model trained on ~200k Jigsaw and Davidson
comments, knowledge our data lacks) and with two features from a word-level toxicity lexicon learned
from the Civil Comments toxic spans. Attributes are `toxicity x P(attribute | toxic)`, the conditional
learned from the span types the Civil Comments raters chose. Spans come from the same word lexicon: a
word is toxic when its score clears an absolute threshold, or is close to the most toxic word of the
comment (most toxic comments carry at least one toxic word). Trained by `training/toxicity.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain, groupby, islice

import numpy as np
import pandas as pd

from .. import modelstore
from ..text import blank_spans
from . import TOXICITY_ATTRIBUTES, TOXICITY_COLUMNS, hate_cues, insult_aim, threat_cues
from .linear import (Features, Linear, Rows, SigmoidCalibrated, lengths_of, owners, pack_words, sigmoid,
                     unpack_words)
from .sentiment import split_sentences

# A word: letters/digits plus the masking characters of obfuscated profanity ("f*ck", "$hit"), and
# apostrophe suffixes ("don't", "idiot's").
WORD_PATTERN = r"[\w*@$]+(?:['’]\w+)*"
WORD = re.compile(WORD_PATTERN)


# Neutral identity words, which the toxicity model reads as the generic "person" (a plural as "people"):
# "blindness" to identity terms (Garg et al. 2019, counterfactual fairness). The training tweets use many of
# them as insults, so their learned weights made "You are a lesbian." toxic (0.82) where "You are a person."
# is not; a blank would not do: "You are a ___." reads as an insult left unsaid. Slurs are not here
# (`hate_cues.SLURS` stay toxic; "queer" counts as the reclaimed identity word, "queers" as the slur), nor are
# words mostly used to demean ("illegals", "aliens", "gypsies"): so this is not `hate_cues.GROUP_WORDS`, the
# groups an attack may name. `identity_attack` still reads them: an attack on a group needs the group.
IDENTITY_TERMS = frozenset("""
man men woman women male males female females transgender transgenders trans cisgender nonbinary
gay gays lesbian lesbians bisexual bisexuals homosexual homosexuals heterosexual heterosexuals straight
queer lgbt lgbtq lgbtqia
muslim muslims islamic jew jews jewish christian christians catholic catholics protestant protestants
hindu hindus sikh sikhs buddhist buddhists atheist atheists mormon mormons
black blacks white whites brown asian asians african africans arab arabs hispanic hispanics latino latinos
latina latinas latinx indigenous aboriginal aborigine aborigines native natives roma
mexican mexicans chinese indian indians pakistani pakistanis bangladeshi bangladeshis somali somalis syrian
syrians afghan afghans nigerian nigerians jamaican jamaicans haitian haitians filipino filipinos korean
koreans japanese vietnamese iranian iranians iraqi iraqis turk turks kurd kurds palestinian palestinians
israeli israelis russian russians ukrainian ukrainians romanian romanians albanian albanians
immigrant immigrants migrant migrants refugee refugees foreigner foreigners undocumented
disabled handicapped deaf blind autistic elderly
""".split())
_PLURALS = {w for w in IDENTITY_TERMS if w.endswith("s") and w[:-1] in IDENTITY_TERMS} | {"men", "women", "roma"}
GENERIC = {w: "people" if w in _PLURALS else "person" for w in IDENTITY_TERMS}
_IDENTITY_TOKENS = IDENTITY_TERMS | {w + s for w in IDENTITY_TERMS for s in ("'s", "’s")}  # a cheap prefilter


def _identity_term(token: str) -> str | None:
    """The `IDENTITY_TERMS` entry a lowercased `WORD` token is (a possessive too: "muslim's"), if any."""
    if token in IDENTITY_TERMS:
        return token
    base = re.split("['’]", token, maxsplit=1)[0] if "'" in token or "’" in token else None
    return base if base in IDENTITY_TERMS else None


def identity_free(text: str) -> tuple[str, str]:
    """(`text` with each identity word replaced by its generic word, "person" or "people"; `text` with each
    replaced by as many spaces, so that every character offset stays the same)."""
    generic, blank, end = [], [], 0
    for m in WORD.finditer(text):
        if term := _identity_term(m[0].lower()):
            generic += [text[end:m.start()], GENERIC[term]]
            blank += [text[end:m.start()], " " * (m.end() - m.start())]
            end = m.end()
    return "".join(generic) + text[end:], "".join(blank) + text[end:]


def generic_identities(text: str) -> str:
    return identity_free(text)[0]


def blank_identities(text: str) -> str:
    return identity_free(text)[1]


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=float), 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


@dataclass
class Profanity:
    """alt-profanity-check's model (MIT; trained on ~200k Jigsaw and Davidson comments) as data: its word
    TF-IDF and its sigmoid-calibrated linear SVMs. `probability` equals its `predict_prob`."""

    features: Features
    model: SigmoidCalibrated

    @classmethod
    def installed(cls) -> Profanity:
        """The model of the installed alt-profanity-check (training only: it imports scikit-learn)."""
        from profanity_check import profanity_check

        return cls(Features.of(profanity_check.vectorizer), SigmoidCalibrated.of(profanity_check.model))

    def probability(self, texts: list[str]) -> np.ndarray:
        return self.model.probability(self.features.transform(texts))

    def ceiling(self, rows: Rows) -> np.ndarray:
        """Per row of features, the highest `probability` a text whose words are among the row's can have (1
        unless the features are l2-normalized). Such a text's features are a non-negative vector of length at
        most 1 on those words, so each fold's decision lies within the length of the row's positive (negative)
        weights of its intercept (Cauchy-Schwarz)."""
        if self.features.norm != "l2":
            return np.ones(rows.n_docs)
        highest = []
        for model, a, b in self.model.folds:
            weights = model.coef[:, 0][rows.col]
            up = np.sqrt(rows.row_sum(np.maximum(weights, 0.0) ** 2))
            down = np.sqrt(rows.row_sum(np.minimum(weights, 0.0) ** 2))
            decision = model.intercept[0] + (up if a < 0 else -down)  # sigmoid(-(a * decision + b)) at its highest
            highest.append(sigmoid(-(a * decision + b)))
        return np.mean(highest, axis=0)


@dataclass
class WordToxicity:
    """How toxic a single word is, learned from the words raters marked in toxic comments.

    Known words are looked up; unseen words (misspellings, masked profanity) are scored from their
    character n-grams by a logistic regression.
    """

    chars: Features
    model: Linear
    scores: dict[str, float]

    def __getstate__(self) -> dict:
        state = {k: v for k, v in self.__dict__.items() if k != "_known"}  # a cache, rebuilt on use
        state["scores"] = (pack_words(list(self.scores)), np.fromiter(self.scores.values(), float, len(self.scores)))
        return state

    def __setstate__(self, state: dict) -> None:
        words, scores = state["scores"]
        self.__dict__.update(state, scores=dict(zip(unpack_words(words), scores.tolist())))

    def forget_guesses(self) -> None:
        """Drop the guesses kept for unseen words (as a fresh process starts)."""
        self.__dict__.pop("_known", None)

    def score_words(self, words: list[str]) -> np.ndarray:
        return self.score_lowered([w.lower() for w in words])

    def score_lowered(self, lowered: list[str]) -> np.ndarray:
        """`score_words` of words already lowercased. Guesses for unseen words are kept (up to
        `GUESS_CACHE` of them) for later calls: the char n-gram model is the slow part, and a word's
        guess does not depend on the other words scored with it."""
        known = self.__dict__.get("_known")
        if known is None or len(known) > len(self.scores) + GUESS_CACHE:
            known = self._known = dict(self.scores)
        unseen = sorted(set(lowered).difference(known))  # each distinct word looked up once
        if unseen:
            known.update(zip(unseen, self.model.predict_proba(self.chars.transform(unseen))[:, 1].tolist()))
        return np.fromiter(map(known.__getitem__, lowered), dtype=float, count=len(lowered))


GUESS_CACHE = 200_000


@dataclass
class SpanRule:
    """Keep a word if score >= threshold, or if score >= floor and >= relative x the comment's top
    word score (so a toxic comment shows its most toxic word even when that word is mild)."""

    threshold: float
    floor: float
    relative: float

    def keep(self, scores: np.ndarray, top: np.ndarray | float | None = None) -> np.ndarray:
        """`top`: the comment's top word score (default: the max of `scores`, i.e. one comment)."""
        if not len(scores):
            return np.zeros(0, dtype=bool)
        top = scores.max() if top is None else top
        return (scores >= self.threshold) | ((scores >= self.floor) & (scores >= self.relative * top))


@dataclass
class ToxicityModel:
    words: Features  # word uni+bigram TF-IDF, the features every head shares
    lexicon: Features  # binary counts of the lexicon words (same tokenizer as `words`)
    lexicon_scores: np.ndarray  # word toxicity of each lexicon word, in vocabulary order
    profanity: Profanity
    head: Linear  # toxicity (uncalibrated) over [words, logit(profanity), lexicon max, log1p(lexicon sum)]
    calibration: tuple[float, float]  # Platt: p = sigmoid(a * z + b)
    attributes: Linear  # P(attribute | toxic), one column per TOXICITY_ATTRIBUTES, over `words`
    word_toxicity: WordToxicity
    span_rule: SpanRule
    threshold: float  # the shipped review threshold on `toxicity`
    span_gate: float  # spans only for comments with toxicity >= span_gate
    # A model adapted to a desk's labels (`comments adapt`) keeps the shipped (head, calibration, threshold) here:
    # its toxicity is on a scale of its own, while the attributes, the spans and the identity_attack cap stay
    # the shipped model's, read against the shipped toxicity (so the policy's attribute thresholds still hold).
    shipped: tuple[Linear, tuple[float, float], float] | None = None

    def features(self, texts: list[str], tokens: list[list[str]] | None = None,
                 x_profanity: Rows | None = None) -> tuple[Rows, np.ndarray]:
        """(the shared word features, the head's dense features: profanity logit, lexicon max and sum).
        `tokens`: each text's `WORD` tokens (lowercased), and `x_profanity`: its profanity features, when
        already made."""
        analyzer = self.words.analyzer
        tokens = [analyzer.tokens(t) for t in texts] if tokens is None else tokens
        x_words = self.words.transform_tokens(tokens)  # WORD tokens hold no space
        x_profanity = self.profanity.features.transform(texts) if x_profanity is None else x_profanity
        dense = np.column_stack([logit(self.profanity.model.probability(x_profanity)), self.lexicon_features(tokens)])
        return x_words, dense

    def lexicon_features(self, tokens: list[list[str]]) -> np.ndarray:
        """(n, 2): the lexicon max and log1p(lexicon sum) of each text's `WORD` tokens."""
        x_lexicon = self.lexicon.transform_features(tokens)  # unigrams: the features are the tokens
        hits = x_lexicon.value * self.lexicon_scores[x_lexicon.col]
        return np.column_stack([x_lexicon.row_max(hits), np.log1p(x_lexicon.row_sum(hits))])

    def toxicity(self, x_words: Rows, dense: np.ndarray) -> np.ndarray:
        a, b = self.calibration
        return sigmoid(a * self.head.decision(x_words, dense)[:, 0] + b)

    def shipped_toxicity(self, x_words: Rows, dense: np.ndarray, toxicity: np.ndarray) -> tuple[np.ndarray, float]:
        """(the shipped model's toxicity, its threshold): `toxicity` itself unless this model is adapted."""
        if self.shipped is None:
            return toxicity, self.threshold
        head, (a, b), threshold = self.shipped
        return sigmoid(a * head.decision(x_words, dense)[:, 0] + b), threshold

    def may_reach(self, level: float, x_words: Rows, dense_high: np.ndarray, subsets: bool) -> np.ndarray:
        """Per row, False where no text can reach toxicity `level` (this model's or, adapted, the shipped one's)
        whose dense features are at most `dense_high` (and at least their floor: the clipped logit of 0, no
        lexicon word, as lexicon scores are positive) and whose word features are the row's (`subsets=False`)
        or, l2-normalized, any on a subset of its words (`subsets=True`: a non-negative vector of length at
        most 1 there scores at most the length of the positive weights on them, by Cauchy-Schwarz)."""
        if subsets and self.words.norm != "l2":
            return np.ones(x_words.n_docs, dtype=bool)
        dense_low = np.zeros_like(dense_high)
        dense_low[:, 0] = logit(0.0)
        heads = [(self.head, self.calibration)] + ([self.shipped[:2]] if self.shipped is not None else [])
        out = np.zeros(x_words.n_docs, dtype=bool)
        n_dense = dense_high.shape[1]
        for head, (a, b) in heads:
            word_weights, dense_weights = head.coef[:-n_dense, :1], head.coef[-n_dense:, 0]
            if subsets:
                words = np.sqrt(x_words.row_sum(np.maximum(word_weights[x_words.col, 0], 0.0) ** 2))
            else:
                words = x_words.dot(word_weights)[:, 0]
            dense = np.maximum(dense_low * dense_weights, dense_high * dense_weights).sum(axis=1)
            decision = head.intercept[0] + words + dense
            # (a margin far above float rounding; a calibration falling with the decision has no ceiling here)
            out |= (a * decision + b >= logit(level) - 1e-6) if a > 0 else True
        return out

    def spans(self, texts: list[str], toxicity: np.ndarray,
              tokens: list[list[str]] | None = None) -> list[list[list[int]]]:
        """Word spans [start, end) per text (see `span_words`)."""
        return self.span_words(texts, toxicity, tokens)[0]

    def span_words(self, texts: list[str], toxicity: np.ndarray,
                   tokens: list[list[str]] | None = None) -> tuple[list[list[list[int]]], list[list[int]]]:
        """Word spans [start, end) per text.

        Words toxic in themselves (score >= the rule's threshold) are marked in every comment; the
        relative rule (a comment's most toxic words, even mild ones) only applies to comments whose
        toxicity reaches `span_gate`, so clean comments do not get their "least clean" word marked.
        `tokens`: `WORD` tokens of each lowercased text, if made already (reused for ASCII texts,
        where they are the text's own words lowercased).

        All words of the batch are scored and kept in one numpy pass; the offsets are then found
        only in texts with a kept word (a regex match object per word is slow to make).
        Also returns, per text, the index of each span's word among the text's `WORD` tokens.
        """
        words = [toks if toks is not None and text.isascii() else [w.lower() for w in WORD.findall(text)]
                 for text, toks in zip(texts, tokens or [None] * len(texts))]
        lengths = lengths_of(words)
        scores = self.word_toxicity.score_lowered(list(chain.from_iterable(words)))
        owner = owners(lengths)
        starts = np.cumsum(lengths) - lengths
        top = np.zeros(len(texts))
        if scores.size:  # each text's top word score (texts without words take no part)
            top[lengths > 0] = np.maximum.reduceat(scores, starts[lengths > 0])
        gated = (np.asarray(toxicity) >= self.span_gate)[owner]
        keep = np.where(gated, self.span_rule.keep(scores, top[owner]), scores >= self.span_rule.threshold)
        kept = np.flatnonzero(keep)
        out: list[list[list[int]]] = [[] for _ in texts]
        indexes: list[list[int]] = [[] for _ in texts]
        for i, group in groupby(zip(owner[kept].tolist(), (kept - starts[owner[kept]]).tolist()),
                                key=lambda pair: pair[0]):
            wanted = {k for _, k in group}
            words_to_last = islice(WORD.finditer(texts[i]), max(wanted) + 1)  # the words after it are not kept
            out[i] = [[m.start(), m.end()] for k, m in enumerate(words_to_last) if k in wanted]
            indexes[i] = sorted(wanted)
        return out, indexes


class ToxicityScorer:
    """`hate_cues`: raise `identity_attack` on group-directed attack cues (`hate_cues.py`); `threat_cues`: raise
    `threat` on threats of violence against a person, and cap the model's where violence is only done to things
    (`threat_cues.py`); `insult_aim`: read a comment without its toxic words that are aimed at no one (negated,
    reported, said of oneself or of a thing: `insult_aim.py`); off only to measure what they change."""

    def __init__(self, model: ToxicityModel, hate_cues: bool = True, threat_cues: bool = True,
                 insult_aim: bool = True) -> None:
        self.model = model
        self.hate_cues = hate_cues
        self.threat_cues = threat_cues
        self.insult_aim = insult_aim

    def score(self, texts: list[str]) -> pd.DataFrame:
        texts = ["" if t is None else str(t) for t in texts]
        out, cleared = self._score(texts, aim=self.insult_aim)
        # A comment whose toxic words include some aimed at no one ("You're not an idiot", "this bill is idiotic")
        # is read again without them (blanked: offsets stay), and scores as the rest of it does. Where the rest is
        # still toxic enough for spans (`span_gate`) or still holds a toxic word, its spans stay as they were: a
        # reader of a toxic comment counts its "ridiculous headline" among its toxic words. Else it shows only the
        # cleared words still shown (`insult_aim.STILL_SHOWN`): no negated or self-aimed "idiot".
        if cleared:
            again, _ = self._score([blank_spans(texts[i], [span for span, _ in unaimed]) for i, unaimed in cleared.items()],
                                   aim=False)
            at = list(cleared)
            for column in out.columns.drop("toxic_spans"):
                values = out[column].to_numpy(copy=True)
                values[at] = again[column].to_numpy()
                out[column] = values
            for k, (i, unaimed) in enumerate(cleared.items()):
                if again.at[k, "toxicity"] < self.model.span_gate and not again.at[k, "toxic_spans"]:
                    out.at[i, "toxic_spans"] = [span for span, how in unaimed if how in insult_aim.STILL_SHOWN]
        return out

    def _score(self, texts: list[str], aim: bool) -> tuple[pd.DataFrame, dict[int, list[tuple[list[int], str]]]]:
        """(the scores, and with `aim`, the toxic words aimed at no one by comment: {i: [(span, how), ...]})."""
        m = self.model
        if not texts:
            return pd.DataFrame({c: pd.Series(dtype=object if c == "toxic_spans" else float)
                                 for c in TOXICITY_COLUMNS}), {}
        tokens = [m.words.analyzer.tokens(t) for t in texts]
        # The model reads identity words as "person"/"people" (`IDENTITY_TERMS`) and spans never mark them;
        # P(identity_attack | toxic) reads them as written.
        named_at = [i for i, toks in enumerate(tokens) if not _IDENTITY_TOKENS.isdisjoint(toks)]
        generic, generic_tokens = list(texts), list(tokens)
        blank, blank_tokens = list(texts), list(tokens)
        for i in named_at:
            generic[i], blank[i] = identity_free(texts[i])
            terms = [_identity_term(t) for t in tokens[i]]
            generic_tokens[i] = [GENERIC[term] if term else t for t, term in zip(tokens[i], terms)]
            blank_tokens[i] = [t for t, term in zip(tokens[i], terms) if not term]
        x_profanity = m.profanity.features.transform(generic)
        x_words, dense = m.features(generic, generic_tokens, x_profanity)
        toxicity = m.toxicity(x_words, dense)
        base, base_threshold = m.shipped_toxicity(x_words, dense, toxicity)  # what attributes and spans read
        # a sentence's words (and word pairs, lexicon and profanity words) are among its comment's: the comment's
        # features cap its sentences' toxicity. Not so for sure where identity words were made generic (the
        # tokens were replaced, not the text re-read): those comments are not capped.
        high = np.column_stack([logit(m.profanity.ceiling(x_profanity)), dense[:, 1:]])
        may_reach = m.may_reach(TOXIC_SENTENCE, x_words, high, subsets=True)
        may_reach[named_at] = True
        toxicity, base = self._toxic_sentences(generic, toxicity, base, may_reach, high[:, 0])
        out = {"toxicity": toxicity}
        given_toxic = sigmoid(m.attributes.decision(x_words))
        if named_at:
            j = TOXICITY_ATTRIBUTES.index("identity_attack")
            x_named = m.words.transform_tokens([tokens[i] for i in named_at])
            given_toxic[named_at, j] = sigmoid(m.attributes.decision(x_named))[:, j]
        attributes = base[:, None] * given_toxic
        for j, name in enumerate(TOXICITY_ATTRIBUTES):
            out[name] = attributes[:, j]
        # An identity attack names an identity and is toxic. The model learned "fuck" from hateful tweets (0.74 for
        # the bare word), and P(identity_attack | toxic) is high for any comment naming a group, so a comment with
        # no group word or slur, or one below the (identity-blind) toxicity threshold ("You are a Muslim."), stays
        # under IDENTITY_ATTACK_UNNAMED; the hate cues below still raise an attack in plain words.
        named = np.fromiter((not hate_cues.IDENTITY_WORDS.isdisjoint(toks) for toks in tokens), bool, len(texts))
        out["identity_attack"] = np.where(named & (base >= base_threshold), out["identity_attack"],
                                          np.minimum(out["identity_attack"], IDENTITY_ATTACK_UNNAMED))
        out["toxic_spans"], words = m.span_words(blank, base, blank_tokens)  # same offsets: blanks are spaces
        unaimed = {}
        if aim:  # the words' tokens are `blank_tokens` where the spans read them (ASCII texts)
            for i in [i for i, spans in enumerate(out["toxic_spans"]) if spans]:
                if found := insult_aim.aimed_nowhere(texts[i], out["toxic_spans"][i], words[i],
                                                     blank_tokens[i] if blank[i].isascii() else None):
                    unaimed[i] = found
        if self.threat_cues:  # the model's threat of violence done only to things ("Kill the bill!"), capped
            for i in np.flatnonzero(out["threat"] > THREAT_AT_A_THING).tolist():
                if threat_cues.aimed_at_things(texts[i]):
                    out["threat"][i] = THREAT_AT_A_THING
        hateful: dict[int, list[hate_cues.Cue]] = {}
        if self.hate_cues:
            for i in [i for i, toks in enumerate(tokens) if hate_cues.maybe_hateful(toks)]:
                apply_hate_cues(out, i, hateful.setdefault(i, hate_cues.find(texts[i])))
        if self.threat_cues:
            for i in [i for i, toks in enumerate(tokens) if threat_cues.maybe_threatening(toks)]:
                apply_threat_cues(out, i, threat_cues.find(texts[i]), hateful.get(i, []))
        return pd.DataFrame(out, columns=list(TOXICITY_COLUMNS)), unaimed

    def _toxic_sentences(self, texts: list[str], toxicity: np.ndarray, base: np.ndarray, may_reach: np.ndarray,
                         profanity_high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """`toxicity` (and the shipped `base` an adapted model reads attributes on), each raised to the
        comment's most toxic sentence where that sentence reaches TOXIC_SENTENCE: read whole, one insult after
        a few calm sentences was diluted to nothing ("... Go to hell, you pathetic clown." 0.27).

        Only the sentences that may reach it are scored (the rest change nothing): those of the comments that
        `may_reach` it, and of them, those whose own words and lexicon may, with their comment's profanity
        ceiling (`profanity_high`, a logit): the profanity model is the costly part."""
        split = {i: parts for i in np.flatnonzero(may_reach).tolist() if len(parts := split_sentences(texts[i])) > 1}
        if not split:
            return toxicity, base
        m = self.model
        owners = np.repeat(list(split), [len(parts) for parts in split.values()])  # each sentence's comment
        sentences = [part for parts in split.values() for part in parts]
        tokens = [m.words.analyzer.tokens(s) for s in sentences]
        high = np.column_stack([profanity_high[owners], m.lexicon_features(tokens)])
        scored = np.flatnonzero(m.may_reach(TOXIC_SENTENCE, m.words.transform_tokens(tokens), high, subsets=False))
        x_words, dense = m.features([sentences[k] for k in scored], [tokens[k] for k in scored])
        by_sentence = m.toxicity(x_words, dense)
        base_by_sentence, _ = m.shipped_toxicity(x_words, dense, by_sentence)
        return _raised(toxicity, owners[scored], by_sentence), _raised(base, owners[scored], base_by_sentence)


def _raised(values: np.ndarray, owners: np.ndarray, by_sentence: np.ndarray) -> np.ndarray:
    """`values` (one per comment), each raised to its comment's top sentence where that reaches TOXIC_SENTENCE."""
    top = np.zeros(len(values))
    np.maximum.at(top, owners, by_sentence)
    return np.where(top >= TOXIC_SENTENCE, np.maximum(values, top), values)


# A comment holding a sentence at least this toxic is as toxic as that sentence (a near-certain insult, on the
# calibrated scale): see `ToxicityScorer._toxic_sentences`.
TOXIC_SENTENCE = 0.9

# The most `identity_attack` a comment naming no identity (no group word, no slur) gets: half the default
# policy's review threshold for it.
IDENTITY_ATTACK_UNNAMED = 0.25

# The most `threat` the model gives a comment whose every violent word is done to a thing (`threat_cues.
# aimed_at_things`: "Kill the bill!" was 0.56, urgent): half the default policy's review threshold for it. The model
# reads the verb more than its object; a threat cue still raises the comment if a person is threatened too.
THREAT_AT_A_THING = 0.25

# A call to violence against a group is a threat and, by the card's definition of severe toxicity (a
# threat or an identity attack), severe: both are raised to review it first, below the policy's reject
# (0.90): a rule cannot tell every quotation or report from the commenter's own call, so a person decides.
VIOLENCE_SEVERITY = 0.85


def apply_hate_cues(out: dict, i: int, cues: list[hate_cues.Cue]) -> None:
    """Raise row `i`'s `identity_attack` to its strongest group-attack cue (`toxicity`, a calibrated
    probability, stays the model's) and show each cue's phrase as a toxic span."""
    if not cues:
        return
    out["identity_attack"][i] = max(out["identity_attack"][i], max(c.score for c in cues))
    if any(c.kind == "violence" for c in cues):
        for name in ("threat", "severe_toxicity"):
            out[name][i] = max(out[name][i], VIOLENCE_SEVERITY)
    _show_phrases(out, i, [[c.start, c.end] for c in cues])


def apply_threat_cues(out: dict, i: int, cues: list[threat_cues.Cue], hateful: list[hate_cues.Cue] = ()) -> None:
    """Raise row `i`'s `threat` and `severe_toxicity` to its strongest threat cue and show each cue's phrase as
    a toxic span. A threat on the phrase of a group-attack cue ("kill all Muslims") is that cue's: counted
    once; a comment with both elsewhere keeps the higher score."""
    cues = [c for c in cues if not any(c.start < h.end and h.start < c.end for h in hateful)]
    if not cues:
        return
    level = max(c.score for c in cues)
    for name in ("threat", "severe_toxicity"):
        out[name][i] = max(out[name][i], level)
    _show_phrases(out, i, [[c.start, c.end] for c in cues])


def _show_phrases(out: dict, i: int, phrases: list[list[int]]) -> None:
    """Add cue phrases to row `i`'s toxic spans: a word span inside a phrase gives way to it, and a phrase
    already shown (or inside one shown) is not added twice."""
    spans = out["toxic_spans"][i]
    kept = [s for s in spans if not any(a <= s[0] and s[1] <= b and [a, b] != s for a, b in phrases)]
    new = [p for p in phrases if not any(a <= p[0] and p[1] <= b for a, b in kept)]
    out["toxic_spans"][i] = sorted(kept + new)


def load() -> ToxicityScorer:
    return ToxicityScorer(modelstore.load("toxicity"))
