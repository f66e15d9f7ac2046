from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from comments import modelstore
from comments.policy import load_policy
from comments.scoring import TOXICITY_ATTRIBUTES, TOXICITY_COLUMNS
from comments.scoring import hate_cues, toxicity
from comments.scoring.sentiment import split_sentences

# Frames and neutral fillers of our own, distinct from the training templates in training/toxicity.py.
IDENTITIES = ["gay", "lesbian", "transgender", "Muslim", "Jewish", "Christian", "Hindu", "black", "white",
              "Asian", "Latina", "Mexican", "Arab", "Chinese", "immigrant", "disabled", "deaf", "elderly",
              "bisexual", "Somali", "Sikh", "queer", "Native American", "Pakistani"]
NEUTRAL = ["tall", "retired", "local", "left-handed", "married", "busy", "cheerful", "Canadian"]
FRAMES = ["I am a {} woman.", "my neighbour is {}.", "As a {} man, I read this paper every morning.",
          "The {} students won the science fair.", "We hired a {} engineer last month.",
          "My grandmother was {} and she loved gardening.", "There is a {} bakery on our street.",
          "I'm {}, and I think the city should fix the bridge.",
          # second person and short copulas, where the model had learned identity words as insults
          "You are {}.", "You're a {} person.", "He is {}.", "Are you {}?", "{} people live here.",
          "Honestly, my whole family is {}."]
# The same with identity nouns ("You are a lesbian." scored 0.82 before the model read them as "person").
IDENTITY_NOUNS = ["lesbian", "Muslim", "Jew", "gay man", "Christian", "immigrant", "refugee", "woman", "man", "Hindu",
                  "Sikh", "Mexican", "Arab", "transgender woman", "black woman", "Latina", "bisexual", "Somali"]
NEUTRAL_NOUNS = ["teacher", "nurse", "neighbour", "student", "Canadian", "baker", "plumber", "retiree"]
NOUN_FRAMES = ["You are a {}.", "My sister is a {}.", "Is your boss a {}?", "The {} next door lent me a ladder.",
               "I'm a {} and I vote."]


@pytest.fixture(scope="module")
def scorer():
    return toxicity.load()


def test_columns_ranges_and_order(scorer):
    texts = ["Thanks for the thoughtful article.", "", "You are a stupid idiot.", "ok " * 500, "😀 émoji"]
    out = scorer.score(texts)
    assert list(out.columns) == list(TOXICITY_COLUMNS)
    assert isinstance(out.index, pd.RangeIndex) and len(out) == len(texts)
    for col in ("toxicity", *TOXICITY_ATTRIBUTES):
        assert out[col].between(0, 1).all(), col
        assert (out[col] <= out["toxicity"] + 1e-9).all(), col  # attributes are toxicity x P(type | toxic)
    assert all(isinstance(s, list) for s in out.toxic_spans)
    # one row per text, in order: scoring a text alone gives the same row
    alone = scorer.score([texts[2]])
    assert alone.toxicity[0] == pytest.approx(out.toxicity[2])
    assert scorer.score([]).columns.tolist() == list(TOXICITY_COLUMNS)


def test_deterministic(scorer):
    texts = ["What a moronic take, you clown.", "I disagree with the mayor on zoning."]
    pd.testing.assert_frame_equal(scorer.score(texts), scorer.score(texts))


def test_obviously_toxic_sentence_is_flagged_with_span_on_the_insult(scorer):
    text = "Shut up, you are a stupid idiot."
    row = scorer.score([text]).iloc[0]
    threshold = modelstore.load("toxicity").threshold
    assert row.toxicity >= threshold
    assert row.insult > 0.5 * row.toxicity  # mostly an insult
    words = {text[s:e] for s, e in row.toxic_spans}
    assert "idiot" in words


def test_polite_comment_is_low_and_has_no_spans(scorer):
    row = scorer.score(["Thank you for this clear explanation of the new budget."]).iloc[0]
    assert row.toxicity < 0.2 and row.toxic_spans == []


def test_span_offsets_point_at_words(scorer):
    texts = ["You idiot, this is the dumbest f*cking thing I've read.", "Go to hell, moron!! Idiots everywhere",
             "Stupid stupid STUPID people", "  leading spaces, then a jerk\nand a loser\ton tabs"]
    for text, spans in zip(texts, scorer.score(texts).toxic_spans):
        assert spans, text
        assert spans == sorted(spans)
        for (s, e), nxt in zip(spans, spans[1:] + [None]):
            assert 0 <= s < e <= len(text)
            word = text[s:e]
            assert toxicity.WORD.fullmatch(word), (text, word)
            assert s == 0 or not text[s - 1].isalnum()  # whole words only
            assert e == len(text) or not text[e].isalnum()
            if nxt:
                assert e <= nxt[0]  # non-overlapping


@pytest.mark.parametrize("frames, identities, neutral", [(FRAMES, IDENTITIES, NEUTRAL),
                                                          (NOUN_FRAMES, IDENTITY_NOUNS, NEUTRAL_NOUNS)],
                         ids=["adjectives", "nouns"])
def test_identity_terms_alone_do_not_raise_toxicity(scorer, frames, identities, neutral):
    threshold = modelstore.load("toxicity").threshold
    identity = [f.format(i) for f in frames for i in identities]
    scored = scorer.score(identity)
    p_identity = scored.toxicity.to_numpy()
    p_neutral = scorer.score([f.format(n) for f in frames for n in neutral]).toxicity.to_numpy()
    worst = identity[int(np.argmax(p_identity))]
    assert p_identity.max() < threshold, (worst, p_identity.max())
    # per frame, the identity versions stay close to the neutral versions of the same sentence
    gaps = p_identity.reshape(len(frames), -1).mean(axis=1) - p_neutral.reshape(len(frames), -1).mean(axis=1)
    assert gaps.mean() < 0.05, gaps
    assert gaps.max() < 0.10, gaps
    # identity_attack: at most half the default policy's review threshold for it (0.50), the cap of a comment
    # that is not toxic
    worst = identity[int(scored.identity_attack.argmax())]
    assert scored.identity_attack.max() <= 0.5 * load_policy().review["identity_attack"], \
        (worst, scored.identity_attack.max())
    # no identity word is ever shown as a toxic span
    for text, spans in zip(identity, scored.toxic_spans):
        assert not any(toxicity.blank_identities(text)[s:e].isspace() for s, e in spans), (text, spans)


def test_identity_words_are_read_as_person_but_slurs_are_not(scorer):
    assert toxicity.generic_identities("You are a Muslim's friend, Jews are people.") == \
        "You are a person friend, people are people."
    text = "Gay men and the faggot next door"
    assert toxicity.blank_identities(text) == "    " + "    " + text[8:]  # same length: offsets hold
    assert toxicity.IDENTITY_TERMS.isdisjoint(hate_cues.SLURS - {"queer"})  # "queer": the reclaimed word
    # a slur keeps raising toxicity where the neutral words of the same frame do not
    slurs, neutral = ["faggot", "nigger", "retard"], NEUTRAL_NOUNS
    threshold = modelstore.load("toxicity").threshold
    for frame in NOUN_FRAMES:
        p_slur = scorer.score([frame.format(w) for w in slurs]).toxicity
        p_neutral = scorer.score([frame.format(w) for w in neutral]).toxicity
        assert p_slur.min() >= threshold and p_slur.min() > p_neutral.max() + 0.2, (frame, p_slur.tolist())


def test_training_pipeline_on_a_small_sample(shared_data, tmp_path):
    from training import toxicity as training

    metrics = training.train(sample=300, models_dir=tmp_path, write_card=False)
    model = modelstore.load_file(tmp_path / "toxicity.joblib", trust=True)
    assert isinstance(model, toxicity.ToxicityModel)
    assert 0 < metrics["threshold"] < 1 and metrics["span_f1_train_oof"] > 0.3
    scored = toxicity.ToxicityScorer(model).score(["You are an idiot.", "Nice weather today."])
    assert list(scored.columns) == list(TOXICITY_COLUMNS)
    assert scored.toxicity[0] > scored.toxicity[1]
    # deterministic: a second run gives the same model predictions
    training.train(sample=300, models_dir=tmp_path / "again", write_card=False)
    again = modelstore.load_file(tmp_path / "again" / "toxicity.joblib", trust=True)
    pd.testing.assert_frame_equal(scored, toxicity.ToxicityScorer(again).score(["You are an idiot.",
                                                                                 "Nice weather today."]))


def test_span_metric_matches_semeval_definition():
    from training.toxicity import span_char_f1

    assert span_char_f1([[]], [[]]) == 1.0
    assert span_char_f1([[[0, 3]]], [[]]) == 0.0
    assert span_char_f1([[]], [[0, 1, 2]]) == 0.0
    # predicted chars 0-3, gold 2-5: tp 2, P 2/4, R 2/4 -> F1 0.5; averaged with a perfect post -> 0.75
    assert span_char_f1([[[0, 4]], [[1, 2]]], [[2, 3, 4, 5], [1]]) == pytest.approx(0.75)


# Hate against a group, without a profane word, and profanity aimed at nobody: our own sentences, not dev data.
HATEFUL_FRAMES = ["{} are vermin and should be thrown out of this country.",
                  "Every one of those {} is a parasite, send them all back.",
                  "{} are subhuman and do not deserve to live among us.", "I hate {}, they are filthy animals.",
                  "Get rid of the {}, they are a plague on this nation.",
                  "{} should be banned from our neighbourhood, they are all criminals."]
HATED_GROUPS = ["Muslims", "immigrants", "Jews", "Mexicans", "refugees", "black people", "gays", "women"]
MERELY_PROFANE = ["This fucking printer jammed again, what a piece of shit.", "Holy shit, that was one hell of a game.",
                  "Damn it, I burned the damn toast again.", "Fuck, I left my keys at the office.",
                  "That concert was fucking awesome.", "The bus is late again, this is such bullshit.",
                  "What the hell, my coffee is cold as shit.", "Crap, the rain ruined my damn shoes.",
                  "Shit, I forgot to call my mom back.", "This fucking weather, honestly."]


@pytest.mark.xfail(strict=True, reason="known failure: the head's training labels (insults, offensive tweets) "
                   "make undirected profanity toxic and hold few dehumanising words; hate sentences average about "
                   "0.3, profane ones about 0.75 (reports/models/toxicity-severity-experiments.md)")
def test_hate_against_a_group_outranks_mere_profanity(scorer):
    hateful = [f.format(g) for f in HATEFUL_FRAMES for g in HATED_GROUPS]
    assert scorer.score(hateful).toxicity.mean() > scorer.score(MERELY_PROFANE).toxicity.mean()


def test_ordinal_head_ranks_hate_above_mere_offensiveness():
    import scipy.sparse as sp

    from training.toxicity import _fit_head

    # one feature each: a clean word, a profane word, a hateful word; both toxic kinds are "toxic"
    x = sp.csr_matrix(np.repeat(np.eye(3), 20, axis=0))
    y, w = np.repeat([0.0, 1.0, 1.0], 20), np.ones(60)
    hate = np.repeat([0.0, 0.0, 1.0], 20)
    clean, profane, hateful = 0, 20, 40
    binary = _fit_head(x, y, w, hate, hate_weight=0).decision_function(x)
    ordinal = _fit_head(x, y, w, hate, hate_weight=1).decision_function(x)
    assert binary[hateful] == pytest.approx(binary[profane])  # toxic vs not cannot tell them apart
    assert ordinal[hateful] > ordinal[profane] > ordinal[clean]


def test_identity_attack_needs_a_named_identity(scorer):
    """A bare swear word is no identity attack (the model alone put "fuck" at 0.74); a slur or an attack on a
    named group still is."""
    low = scorer.score(["fuck", "Ass.", "Fuck, that's sad.", "fuck yes"]).identity_attack
    assert (low <= toxicity.IDENTITY_ATTACK_UNNAMED).all(), low.tolist()
    high = scorer.score(["you are a faggot", "Muslims are scum and vermin"]).identity_attack
    assert (high >= 0.5).all(), high.tolist()


# Comments of several sentences, calm, mixed and abusive (our own), for the sentence rule and its shortcut.
SENTENCE_TEXTS = [
    "Thanks for the article. I read it twice. Go to hell, you pathetic clown.",
    "The council met on Tuesday. The vote was close. Work starts in spring.",
    "What a stupid idea. Whoever wrote this is a moron. Shut up!",
    "I disagree with the mayor. But she is right about the buses.\nLet's see what happens.",
    "You are a lesbian. That is fine. My neighbour is a Muslim and a great cook.",
    "This is crap. Total crap. The author is an idiot and so are you, f*ck off.",
    "Good point! I hadn't thought of that. Thanks.",
    "He said \"you idiot.\" Then he left. Nobody cared.",
    "Damn. That hurts. Seriously, what the hell were they thinking?",
    "Immigrants built this city. Refugees are welcome here. Stop hating, you ignorant fool.",
    # one word a sentence: a sentence's features then lie on a single word, where the ceiling is tightest
    "Idiot. Nice.", "Moron! Loser! Scum!", "Well. Stupid.", "Crap. Sure. Ok.",
]


def _sentence_toxicities(m, texts):
    """Each text's sentences' toxicities on every head (this model's, the shipped one's), scored alone."""
    out = []
    for text in texts:
        x, dense = m.features(split_sentences(text))
        p = m.toxicity(x, dense)
        out.append(np.maximum(p, m.shipped_toxicity(x, dense, p)[0]))
    return out


@pytest.fixture(scope="module", params=["shipped", "adapted"])
def model(request, scorer):
    """The shipped model and one that reads like an adapted one (a second head, calibrated otherwise)."""
    m = scorer.model
    if request.param == "adapted":
        a, b = m.calibration
        m = replace(m, calibration=(a * 1.4, b + 0.8), shipped=(m.head, m.calibration, m.threshold))
    return m


def test_a_comment_holding_a_very_toxic_sentence_is_as_toxic_as_it(scorer):
    alone = scorer.score(["Go to hell, you pathetic clown."])["toxicity"][0]
    within = scorer.score([SENTENCE_TEXTS[0]])["toxicity"][0]
    assert alone >= toxicity.TOXIC_SENTENCE
    assert within == pytest.approx(alone, abs=1e-12)


def test_sentence_ceilings_bound_every_sentence(model):
    """The comment's features cap its sentences' toxicity (`may_reach`) and profanity (`Profanity.ceiling`):
    checked against the sentences scored alone, at every level."""
    m = model
    texts = [t for t in SENTENCE_TEXTS if "Muslim" not in t and "lesbian" not in t]  # no identity word made generic
    tokens = [m.words.analyzer.tokens(t) for t in texts]
    x_profanity = m.profanity.features.transform(texts)
    x_words, dense = m.features(texts, tokens, x_profanity)
    profanity_high = m.profanity.ceiling(x_profanity)
    high = np.column_stack([toxicity.logit(profanity_high), dense[:, 1:]])
    sentences = _sentence_toxicities(m, texts)
    for i, text in enumerate(texts):
        assert m.profanity.probability(split_sentences(text)).max() <= profanity_high[i]
    levels = np.linspace(0.01, 0.99, 99)
    capped = 0
    for level in levels:
        may = m.may_reach(level, x_words, high, subsets=True)
        for i, top in enumerate(s.max() for s in sentences):
            assert may[i] or top < level, (texts[i], level)
            capped += not may[i]
    assert capped  # the ceiling rules some out, or this test shows nothing
    # a sentence's own word features with its comment's profanity ceiling
    for i, text in enumerate(texts):
        parts = split_sentences(text)
        part_tokens = [m.words.analyzer.tokens(p) for p in parts]
        own = np.column_stack([np.full(len(parts), high[i, 0]), m.lexicon_features(part_tokens)])
        for level in levels:
            may = m.may_reach(level, m.words.transform_tokens(part_tokens), own, subsets=False)
            assert np.all(may | (sentences[i] < level)), (text, level)


def test_a_text_is_within_its_own_ceiling(model):
    """A text's features are a subset of its own: with its exact dense features its ceiling is at least its
    toxicity (on every head), and with its exact word features too, the ceiling is its toxicity."""
    m = model
    texts = sorted({p for t in SENTENCE_TEXTS for p in split_sentences(t)})
    x_words, dense = m.features(texts)
    own = m.toxicity(x_words, dense)
    own = np.maximum(own, m.shipped_toxicity(x_words, dense, own)[0])  # on every head
    for text, p in zip(texts, own):
        x_words, dense = m.features([text])
        for subsets in (True, False):
            assert m.may_reach(p - 1e-4, x_words, dense, subsets)[0], (text, subsets)
        assert not m.may_reach(min(p + 1e-4, 0.9999), x_words, dense, subsets=False)[0], text


def test_sentences_scored_only_where_they_may_count_change_nothing(model, monkeypatch):
    scorer = toxicity.ToxicityScorer(model)
    texts = SENTENCE_TEXTS + ["One sentence only, you idiot.", "", "Fine. Fine. Fine."]
    fast = scorer.score(texts)
    monkeypatch.setattr(toxicity.ToxicityModel, "may_reach",
                        lambda self, level, x_words, high, subsets: np.ones(x_words.n_docs, dtype=bool))
    every_sentence = scorer.score(texts)
    pd.testing.assert_frame_equal(fast, every_sentence, check_exact=True)
    assert (fast["toxicity"] >= toxicity.TOXIC_SENTENCE).any()  # the rule fires on some of them
