"""`comments.score(texts)`, the library entry point: one row per text in order, every score column, a
pandas Series' index kept, missing texts scored as empty ones, and a clear error for what is not texts."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import comments
from comments.scoring import SCORE_COLUMNS


def test_one_row_per_text_in_order_with_every_column():
    texts = ["You are an idiot.", "Thanks for the careful reporting.", "They are hiding the truth, wake up!"]
    scores = comments.score(texts)
    assert list(scores.columns) == list(SCORE_COLUMNS) and list(scores.index) == [0, 1, 2]
    assert scores.toxicity.idxmax() == 0 and scores.conspiracy.idxmax() == 2
    assert scores.sentiment_label[1] == "positive"
    generated = comments.score(text for text in texts)  # any iterable, a generator included
    pd.testing.assert_frame_equal(generated, scores)


def test_a_series_keeps_its_index_so_joins_line_up():
    df = pd.DataFrame({"text": ["fine", "you idiot", "nice", "you moron"]}, index=[10, 11, 12, 13])
    odd = df[df.index % 2 == 1]
    joined = odd.join(comments.score(odd.text))
    assert list(joined.index) == [11, 13] and (joined.toxicity > 0.5).all()
    pd.testing.assert_series_equal(comments.score(odd.text).toxicity.reset_index(drop=True),
                                   comments.score(["you idiot", "you moron"]).toxicity, check_names=False)


def test_missing_texts_get_missing_scores_that_means_skip():
    """QA: missing texts were scored as empty comments (toxicity 0.07, "neutral"), which pulled a column's
    mean towards calm: 0.166 over two real comments and two missing ones, against 0.509 over the real ones."""
    real = ["you idiot", "Thanks for the clear reporting."]
    for missing in (None, np.nan, pd.NA, float("nan")):
        scores = comments.score([real[0], missing, real[1]])
        row = scores.iloc[1]
        assert row.drop(["sentiment_label", "toxic_spans", "conspiracy_cues"]).isna().all()
        assert pd.isna(row.sentiment_label) and row.toxic_spans == [] and row.conspiracy_cues == []
        assert scores.toxicity.mean() == pytest.approx(comments.score(real).toxicity.mean())
        assert scores.sentiment_label.value_counts().sum() == 2
    typed = comments.score(pd.Series(["you idiot", pd.NA], dtype="string", index=[3, 4]))
    assert typed.toxicity[3] > 0.5 and pd.isna(typed.toxicity[4])
    empty = comments.score([""]).iloc[0]  # an empty comment is a comment: it is scored
    assert empty.toxicity < 0.2 and empty.sentiment_label == "neutral"


@pytest.mark.parametrize("texts, message", [("You idiot", "not one str"), (b"idiot", "not one bytes"),
                                            ([b"idiot"], "not bytes"), (pd.DataFrame({"text": ["a"]}), "df\\['text'\\]"),
                                            ({"text": "a"}, "not a dict")])
def test_what_is_not_a_list_of_texts_is_a_clear_error(texts, message):
    with pytest.raises(TypeError, match=message):
        comments.score(texts)


def test_full_width_letters_score_as_their_ascii_for_toxicity_and_conspiracy():
    """QA: "ｙｏｕ ｗｏｒｔｈｌｅｓｓ ｐｉｅｃｅ ｏｆ ｇａｒｂａｇｅ" scored toxicity 0.06 (ASCII: 0.84) and was approved."""
    import comments
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    wide, plain = "ｗａｋｅ ｕｐ， ｙｏｕ ｗｏｒｔｈｌｅｓｓ ｉｄｉｏｔ", "wake up, you worthless idiot"
    scores = comments.score([wide, plain])
    assert scores.toxicity[0] == scores.toxicity[1] and scores.conspiracy[0] == scores.conspiracy[1]
    assert scores.toxic_spans[0] == scores.toxic_spans[1]  # the same offsets: one character for one
    # VADER's scores stay vaderSentiment's own, on the text as written
    assert scores.sentiment_compound[0] == SentimentIntensityAnalyzer().polarity_scores(wide)["compound"]


def test_mathematical_and_circled_letters_score_as_plain_ones():
    """QA: "𝐲𝐨𝐮 𝐬𝐭𝐮𝐩𝐢𝐝 𝐢𝐝𝐢𝐨𝐭" (mathematical bold) scored toxicity 0.06 and matched no word."""
    import comments

    bold, plain = "𝐲𝐨𝐮 𝐬𝐭𝐮𝐩𝐢𝐝 𝐢𝐝𝐢𝐨𝐭", "you stupid idiot"
    scores = comments.score([bold, plain, "ⓘⓓⓘⓞⓣ"])
    assert scores.toxicity[0] == scores.toxicity[1] and scores.toxic_spans[0] == scores.toxic_spans[1]
    assert scores.toxicity[2] > 0.5


def test_scores_do_not_depend_on_the_batches_they_were_scored_in(monkeypatch):
    """QA: `comments.score` held every text's working data at once (120,000 comments: 1.3 GB); it now scores
    `BATCH` texts at a time (342 MB), and every score is the same as in one batch."""
    import comments.scoring as scoring

    texts = pd.Series(["You idiot.", None, "They are hiding the truth. Wake up!", "", "Great piece, thanks."] * 5,
                      index=range(100, 125))
    whole = comments.score(texts)
    monkeypatch.setattr(scoring, "BATCH", 3)
    batched = comments.score(texts)
    pd.testing.assert_frame_equal(batched, whole, check_exact=True)
    assert list(batched.index) == list(range(100, 125)) and batched.toxicity.isna().sum() == 5
