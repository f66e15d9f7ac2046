from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from comments import modelstore
from comments.scoring import SENTIMENT_COLUMNS, vader
from comments.scoring import sentiment
from comments.scoring.sentiment import SentimentScorer, sentiment_tokens, split_sentences

# News-opinion sentences of our own (not from any training set), each clearly one class.
NEGATIVE = [
    "The mayor's plan is a disaster that will hurt every family in this city.",
    "This decision is shameful and the council should be embarrassed.",
    "What a terrible, dishonest article; the reporter clearly did no research.",
    "The new law is cruel and will ruin thousands of small businesses.",
]
POSITIVE = [
    "This is a wonderful initiative and the volunteers deserve our thanks.",
    "Great reporting, thank you for such a fair and thoughtful article.",
    "The new library is beautiful and a real gift to the neighbourhood.",
    "I am delighted that the council finally did the right thing.",
]
NEUTRAL = [
    "The council will vote on the budget on Tuesday.",
    "The report was published by the transport department last week.",
    "The bridge is 300 metres long and connects the two districts.",
    "The meeting starts at 7 pm in the town hall on Main Street.",
]


@pytest.fixture(scope="module")
def scorer():
    return sentiment.load()


def test_columns_ranges_and_order(scorer):
    texts = ["Great article!", "", "This is awful.", "ok " * 400, "😀 émoji", "  The vote is on Tuesday.  "]
    out = scorer.score(texts)
    assert list(out.columns) == list(SENTIMENT_COLUMNS)
    assert isinstance(out.index, pd.RangeIndex) and len(out) == len(texts)
    assert set(out.sentiment_label) <= {"negative", "neutral", "positive"}
    assert out.sentiment_score.between(-1, 1).all()
    assert (out.sentiment_label[1], out.sentiment_score[1]) == ("neutral", 0.0)  # the empty text
    # VADER's columns are VADER's scores of the whole text
    for text, row in zip(texts, out.itertuples()):
        expected = vader.polarity_scores(text)
        assert (row.sentiment_neg, row.sentiment_neu, row.sentiment_pos, row.sentiment_compound) == (
            expected["neg"], expected["neu"], expected["pos"], expected["compound"])
    # one row per text, in order: a text scored alone gives the same row
    alone = scorer.score([texts[2]])
    assert alone.iloc[0].to_dict() == out.iloc[2].to_dict()
    assert scorer.score([]).columns.tolist() == list(SENTIMENT_COLUMNS)


def test_deterministic(scorer):
    texts = NEGATIVE + POSITIVE + NEUTRAL
    first, second = scorer.score(texts), scorer.score(list(reversed(texts)))
    pd.testing.assert_frame_equal(first, second.iloc[::-1].reset_index(drop=True))
    pd.testing.assert_frame_equal(first, scorer.score(texts))


@pytest.mark.parametrize("expected,texts", [("negative", NEGATIVE), ("positive", POSITIVE), ("neutral", NEUTRAL)])
def test_clear_news_opinion_sentences(scorer, expected, texts):
    out = scorer.score(texts)
    assert out.sentiment_label.tolist() == [expected] * len(texts), list(zip(texts, out.sentiment_score))
    sign = {"negative": -1, "positive": 1, "neutral": 0}[expected]
    if sign:
        assert (np.sign(out.sentiment_score) == sign).all()
    else:
        assert (out.sentiment_score.abs() < 0.5).all()


def test_long_mixed_comment_is_not_saturated(scorer):
    praise = "The photographs in this piece are wonderful and the writing is beautiful."
    blame = "But the conclusion is awful, lazy and deeply dishonest."
    mixed = " ".join([praise, blame] * 6)
    out = scorer.score([mixed, praise, blame])
    assert abs(out.sentiment_compound[0]) > 0.9  # VADER's compound saturates on the long text
    assert abs(out.sentiment_score[0]) < 0.5  # ours weighs the sentences against each other
    assert out.sentiment_score[1] > 0.5 and out.sentiment_score[2] < -0.5


def test_one_sharp_sentence_is_not_drowned_by_filler(scorer):
    filler = ["The article was published on Monday.", "It covers the new zoning rules.",
              "The council met last week.", "The next meeting is in March."]
    comment = " ".join(filler[:2] + ["Frankly this plan is a disgusting betrayal of the residents."] + filler[2:])
    out = scorer.score([comment, " ".join(filler)])
    assert out.sentiment_label.tolist() == ["negative", "neutral"]


def test_split_sentences():
    assert split_sentences("It rained. Then it stopped!  Why?\nNew line here") == [
        "It rained.", "Then it stopped!", "Why?", "New line here"]
    assert split_sentences("The U.S. economy grew 3.5 percent.") == ["The U.S. economy grew 3.5 percent."]
    assert split_sentences("") == [""]


def test_negation_marking():
    tokens = sentiment_tokens("This is not good, but fine.")
    assert "good_NEG" in tokens and "fine" in tokens and "fine_NEG" not in tokens
    assert "is not" in tokens  # bigrams too


def test_training_pipeline_on_a_sample(shared_data, tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent))  # training/ is not installed
    from training.sentiment import train

    metrics = train(sample=150, models_dir=tmp_path, write_card=False)
    assert set(metrics) == {"nyt_heldout", "tweeteval_val", "sst_dev"}
    for m in metrics.values():
        assert m["rows"] > 500
        assert 0 < m["ours"]["macro_f1"] <= 1 and 0 < m["vader"]["macro_f1"] <= 1
    entry = modelstore.read_manifest(tmp_path)["sentiment"]
    assert {"vader_nyt", "sst_train", "vader_tweets"} <= set(entry["training_data"])
    model = modelstore.load_file(tmp_path / entry["file"], trust=True)
    assert len(model.offsets) == 3 and model.offsets[1] == 0 and all(-1 <= x <= 1 for x in model.offsets)
    out = SentimentScorer(model).score(["Wonderful news!", "The vote is on Tuesday."])
    assert list(out.columns) == list(SENTIMENT_COLUMNS) and len(out) == 2
    # deterministic: the same sample trains the same model
    again = train(sample=150, models_dir=tmp_path / "again", write_card=False)
    assert again == metrics


def test_experiment_features_and_decision_rules(monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent))  # training/ is not installed
    from training.sentiment_experiments import best_offsets, best_thresholds, dense_features

    sst = {"good": 2, "bad": -2}
    plain, negated = dense_features(["This is good.", "This is not good."], sst)
    assert plain.shape == (34,)
    # VADER lexicon block: positive sum, negated count; the negated "good" turns into a negative valence
    assert plain[0] > 0 and plain[6] == 0 and negated[0] == 0 and negated[1] > 0 and negated[6] == 1
    assert plain[11] == 2 and negated[12] > 0  # the SST lexicon block flips the same way

    score = np.array([-3.0, -2, -0.1, 0, 0.1, 2, 3])
    gold = np.array([-1, -1, 0, 0, 0, 1, 1])
    lo, hi = best_thresholds(score, gold)
    assert -2 <= lo < -0.1 and 0.1 <= hi < 2
    # neutral always wins by argmax; offsets must lift the polar classes where they lead the rest
    proba = np.array([[0.4, 0.5, 0.1]] * 5 + [[0.1, 0.5, 0.4]] * 5 + [[0.1, 0.8, 0.1]] * 5)
    gold = np.repeat([-1, 1, 0], 5)
    offsets = best_offsets(proba, gold)
    assert ((np.log(proba) + offsets).argmax(1) - 1 == gold).all()


def test_sentiment_alone_equals_the_sentiment_columns_of_the_full_score():
    """Article bodies are scored for sentiment only; the values must be those of `comments.score`."""
    from comments.scoring import SENTIMENT_COLUMNS, default_scorer

    texts = ["The council's plan is a disgrace.", "", "A fine, balanced article. " * 40, "Prices rose 3%."]
    full = default_scorer().score(texts)[list(SENTIMENT_COLUMNS)]
    pd.testing.assert_frame_equal(default_scorer().score_sentiment(texts), full)
