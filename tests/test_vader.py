"""comments.scoring.vader must return exactly what vaderSentiment returns, for every text.

Compared bit for bit (float.hex, so even -0.0 vs 0.0 would show) against
vaderSentiment.SentimentIntensityAnalyzer on hand-written tricky cases, a seeded random mix of the
words VADER's rules react to, and (with ../shared) every text of the four VADER ground-truth corpora,
the SST dev sentences and the TweetEval validation tweets.
"""
from __future__ import annotations

import html
import random
import re
from pathlib import Path

import numpy as np
import pytest
from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE, SentimentIntensityAnalyzer

from comments.scoring import vader

REFERENCE = SentimentIntensityAnalyzer()


def exact(scores: dict) -> tuple:
    return tuple((key, type(value).__name__, float(value).hex()) for key, value in scores.items())


def mismatches(texts) -> list[tuple[str, dict, dict]]:
    bad = []
    for text in texts:
        want, got = REFERENCE.polarity_scores(text), vader.polarity_scores(text)
        if exact(want) != exact(got):
            bad.append((text, want, got))
    return bad


def assert_all_equal(texts) -> None:
    texts = list(texts)
    assert texts, "nothing to compare"
    bad = mismatches(texts)
    assert not bad, f"{len(bad)} of {len(texts)} texts differ from vaderSentiment, e.g. {bad[:3]}"


TRICKY = [
    "", " ", "   \t\n  ", ".", "!!!", "???", "?!", ":)", ":-(", ":D", "<3", "</3",
    "VADER is smart, handsome, and funny.",
    "VADER is smart, handsome, and funny!",
    "VADER is very smart, handsome, and funny.",
    "VADER is VERY SMART, handsome, and FUNNY.",
    "VADER is VERY SMART, handsome, and FUNNY!!!",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "The book was good.", "At least it isn't a horrible book.",
    "The book was only kind of good.", "The book was kind of", "kind of", "kind",
    "It is sort of good and kinda bad, KIND OF GREAT",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today SUX!", "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!", "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Not bad at all", "Sentiment analysis has never been good.",
    "Sentiment analysis has never been this good!", "Most automated sentiment analysis tools are shit.",
    "With VADER, sentiment analysis is the shit!", "Other sentiment analysis tools can be quite bad.",
    "On the other hand, VADER is quite bad ass", "VADER is such a badass!",
    "Without a doubt, excellent idea.", "Without a doubt, an excellent idea.",
    "Roger Dodger is one of the most compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "least good", "the very least good", "at least good", "Not such a badass after all.",
    # "but": every value before it halves, after it grows; equal values hit the first one (a bug kept)
    "good good but good good", "great, good but good great", "bad but bad", "but good", "good but",
    "good but bad but great", "BUT it was GOOD", "nice nice nice but nice nice",
    "kind but ok", "so kind, but ok ok", "kind and fun but ok",  # kind = 2 x ok: halved kind == ok
    # "no": negates the next lexicon words; "no" before a lexicon word loses its own valence
    "no", "no good", "no no", "no problem at all", "no, it is not good", "no love or hate",
    "no love nor hate", "no one is happy", "there is no way this is good", "NO GOOD", "No. Good.",
    # never so / this, including the precedence bug that fires on any "so"/"this" before a word
    "never so good", "never this bad", "it was so good", "this good", "never good", "never really good",
    "hardly good", "barely bad", "not very good", "isn't very good", "don't like it", "dont like it",
    "didn't", "wasn't bad", "can't stand it", "cannot stand this", "nothing good", "uh-uh nice",
    # ALL CAPS: only counts when some but not all words are in caps; a zero valence goes down
    "GOOD", "GOOD BAD", "this is GOOD", "this is BAD", "VERY good", "very GOOD stuff", "NO LOVE here",
    "I AM SO HAPPY", "I am SO happy", "I", "OK ok", "A+ work",
    # punctuation emphasis
    "good!", "good!!", "good!!!!", "good!!!!!!!!", "bad?", "bad??", "bad???", "bad????????",
    "good?!?!?!", "?!good?!", "meh!!!", "neutral words only!!!",
    # special cases and booster n-grams
    "the shit", "that movie was the bomb", "yeah right, great", "kiss of death", "a cake to die for",
    "my beating heart", "bus stop", "just enough fun", "it was just enough", "sort of bad ass good",
    "cut the mustard", "under the weather", "break a leg", "kind of a good movie", "sort of an ok day",
    "the shit is good", "the bomb and good", "it was the shit", "yeah right it is good",
    # emoji: description substitution with the original's spacing rule
    "😁", "😁😁", "good😁", "😁good", "a 😁 b", "good 😂😂😂 bad", "👍", "💔 sad", "🙂🙃", "☺", "♥",
    "🇺🇸", "1️⃣", "👩‍👩‍👧", "🔛", "🆙!", "👍🏽 great", "text\u00a0😁\u00a0text", "😁 ",
    # non-ASCII, numbers, odd whitespace
    "Ça va très bien, merci", "naïve café good", "İstanbul güzel", "ΑΓΑΠΗ love", "東京 good 東京",
    "ﬁne good", "good\u200bbad", "good\u00a0bad", "good\u2028bad", "good\x1cbad", "\u3000good\u3000",
    "100% good", "5 stars", "0/10 terrible", "10/10 would buy again", "1st", "3.14", "-1",
    "'good'", '"bad"', "(great)", "[awful]", "--", "...", "good...", "...bad", "g", "ok", "LOL", "lol",
    "wtf", "WTF!!!", "ugh", "meh", "yay", ":'(", ";)", "=)", "XD", "xD", "<3 <3 <3", "☹",
    # very long text: quadratic in the original, linear here
    " ".join(["good but not very bad, never so great; no problem, kind of sad!"] * 120),
    "word " * 3000,
]


def test_tricky_cases_match_vadersentiment():
    assert_all_equal(TRICKY)


def rule_words() -> list[str]:
    """The words VADER's rules react to, with ALL-CAPS, Title and punctuated variants."""
    words = ["no", "or", "nor", "never", "without", "doubt", "so", "this", "least", "at", "very",
             "kind", "of", "but", "the", "shit", "bomb", "bad", "ass", "badass", "yeah", "right",
             "kiss", "death", "to", "die", "for", "beating", "heart", "bus", "stop", "just", "enough",
             "sort", "good", "great", "love", "hate", "sad", "happy", "ok", "nice", "cut", "mustard",
             "word", "thing", "I", ":)", ":(", ":D", "😁", "💔", "👍", "n't", "isn't", "ain't"]
    words += random.Random(1).sample(sorted(NEGATE), 12)
    words += [w for w in random.Random(2).sample(sorted(BOOSTER_DICT), 20) if " " not in w]
    words += random.Random(3).sample(sorted(REFERENCE.lexicon), 40)
    variants = []
    for w in words:
        variants += [w, w.upper(), w.title(), w + ",", w + "!", "(" + w + ")", w + "?"]
    return variants


def test_random_rule_word_mixes_match_vadersentiment():
    rng = random.Random(5)
    vocab = rule_words()
    separators = [" ", " ", " ", "  ", "\t", "\n", "", "😁", " 😂 "]
    texts = []
    for _ in range(4000):
        words = rng.choices(vocab, k=rng.randint(1, 14))
        texts.append("".join(w + rng.choice(separators) for w in words).rstrip(rng.choice([" ", ""])))
    assert_all_equal(texts)


def test_polarity_many_is_an_n_by_4_float_array_in_key_order():
    texts = ["good", "", "not bad!!", "VERY BAD 😠", "good"]
    got = vader.polarity_many(texts)
    assert got.shape == (5, 4) and got.dtype == np.float64
    want = np.array([[REFERENCE.polarity_scores(t)[k] for k in ("neg", "neu", "pos", "compound")]
                     for t in texts])
    np.testing.assert_array_equal(got, want)
    assert vader.polarity_many([]).shape == (0, 4)
    assert vader.polarity_many(iter(["great"]))[0, 3] == REFERENCE.polarity_scores("great")["compound"]


def test_cached_and_uncached_results_agree():
    vader.clear_caches()
    text = "This is kind of good, but NOT great!!"
    first = vader.polarity_scores(text)
    assert vader.polarity_scores(text) == first == REFERENCE.polarity_scores(text)
    long_text = "good but bad " * 200  # longer than the cached-text limit
    assert vader.polarity_scores(long_text) == REFERENCE.polarity_scores(long_text)


def test_non_text_input_is_rejected_clearly():
    with pytest.raises(TypeError, match="must be str, got NoneType"):
        vader.polarity_scores(None)
    with pytest.raises(TypeError, match="got int"):
        vader.polarity_many(["fine", 3])


# --- the shared corpora --------------------------------------------------------------------------


def unescape_until_stable(text: str) -> str:
    while (clean := html.unescape(text)) != text:
        text = clean
    return text


def vader_groundtruth_texts(data: Path) -> list[str]:
    texts = []
    for path in sorted((data / "vader_groundtruth").glob("*_GroundTruth.txt")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                texts.append(line.split("\t", 2)[2])
    return texts


def test_every_vader_groundtruth_text_matches(shared_data):
    raw = vader_groundtruth_texts(shared_data)
    assert len(raw) > 16_000  # tweets, NYT, movie and Amazon snippets
    assert_all_equal(raw)
    assert_all_equal({unescape_until_stable(t) for t in raw} - set(raw))


def test_sst_dev_and_tweeteval_texts_match(shared_data):
    sst = []
    for line in (shared_data / "sst_stanford_sentiment_treebank/trees/dev.txt").read_text("utf-8").splitlines():
        sst.append(" ".join(re.findall(r"(?<=\s)[^\s()]+(?=\))", line)))  # the tree's leaves
    tweets = []
    for path in sorted((shared_data / "tweeteval").glob("*/val_text.txt")):
        tweets += [unescape_until_stable(t.strip()) for t in path.read_text("utf-8").split("\n")[:-1]]
    assert len(sst) == 1101 and len(tweets) > 5000
    assert_all_equal(sst + tweets)
