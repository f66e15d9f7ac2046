"""Conspiracy framing: the column contract, cues that point at real text, and framing over topic."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from comments import modelstore
from comments.scoring import CONSPIRACY_COLUMNS, conspiracy
from comments.scoring.conspiracy import (FUNCTION_WORDS, FramingAnalyzer, blend, is_framing_ngram, load, own_words,
                                         sentences, tokenize, tokenize_with_offsets)

# Conspiratorial comments and plain critical ones on the same topic, none of them COVID or vaccines
# (the topic of the training data).
PAIRS = {
    "chemtrails": (
        "Chemtrails are how they are poisoning us. The government sprays us from planes and the media "
        "covers it up. Wake up people!",
        "The contrails behind planes this morning were long; they form when hot exhaust meets cold air, "
        "and the weather service explains why."),
    "5g": (
        "5G towers are part of the globalist agenda to control the population. They don't want you to know "
        "the truth, do your own research.",
        "I am not sure the new 5G mast near the school was approved properly; the council should publish "
        "the planning documents."),
    "election": (
        "The election was rigged by a secret cabal of elites who control the voting machines. It's all "
        "connected and the mainstream media is in on it.",
        "I think the election officials made mistakes in counting and the recount should be transparent."),
    "moon": (
        "The moon landing was staged in a studio. The truth is hidden in plain sight, they have been lying "
        "to us for fifty years.",
        "The moon landing in 1969 was an amazing achievement of engineering, and the budget was huge."),
    "water": (
        "They put fluoride in the water to keep the sheeple docile. Big pharma and the elites profit from "
        "our sickness. Follow the money!",
        "The water bill went up again this year and the utility has not explained why. Poor management."),
}
PLAIN_THEY = "They said the bridge will be closed for repairs until next Tuesday, so plan another route."


@pytest.fixture(scope="module")
def scorer():
    return load()


@pytest.fixture
def training(monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent))  # training/ is not installed


def test_columns_types_and_ranges(scorer):
    texts = ["", "   ", "ok", PAIRS["5g"][0], "İstanbul ‘quotes’ and https://t.me/x?y=1 !!", "x" * 5000,
             PAIRS["election"][1]]
    out = scorer.score(texts)
    assert tuple(out.columns) == CONSPIRACY_COLUMNS
    assert isinstance(out.index, pd.RangeIndex) and len(out) == len(texts)
    assert out["conspiracy"].between(0, 1).all() and out["conspiracy"].dtype == float
    assert all(isinstance(c, list) and all(isinstance(p, str) for p in c) for c in out["conspiracy_cues"])
    # one row per text, in order: scoring one at a time gives the same numbers
    single = [scorer.score([t])["conspiracy"].iloc[0] for t in texts]
    np.testing.assert_allclose(out["conspiracy"], single)


def test_empty_batch(scorer):
    out = scorer.score([])
    assert tuple(out.columns) == CONSPIRACY_COLUMNS and len(out) == 0


def test_deterministic(scorer):
    texts = [t for pair in PAIRS.values() for t in pair]
    pd.testing.assert_frame_equal(scorer.score(texts), scorer.score(texts))


def test_cues_are_substrings_and_empty_when_low(scorer):
    texts = [t for pair in PAIRS.values() for t in pair] + [PLAIN_THEY]
    out = scorer.score(texts)
    for text, probability, cues in zip(texts, out["conspiracy"], out["conspiracy_cues"]):
        assert all(cue and cue in text for cue in cues), cues
        if probability < scorer.threshold:
            assert cues == []
    flagged = out[out["conspiracy"] >= scorer.threshold]
    assert len(flagged) and all(flagged["conspiracy_cues"].map(len) > 0)


# v4's known miss (model card, failure modes): the written training comments use stock secrecy words more in
# their debunks and idioms than in their conspiracy rows, so "The truth is hidden in plain sight, they have been
# lying to us" reads 0.26 alone and the pair 0.59 against 0.41 (v3: 0.80)
KNOWN_MISSES = {"moon"}


@pytest.mark.parametrize("topic", [pytest.param(topic, marks=pytest.mark.xfail(strict=True, reason="v4 known miss"))
                                   if topic in KNOWN_MISSES else topic for topic in sorted(PAIRS)])
def test_conspiratorial_ranks_above_critical_on_unseen_topics(scorer, topic):
    conspiratorial, critical = PAIRS[topic]
    high, low = scorer.score([conspiratorial, critical])["conspiracy"]
    assert high > low + 0.2, (topic, high, low)
    assert high >= scorer.threshold > low, (topic, high, low, scorer.threshold)


def test_plain_they_is_not_flagged(scorer):
    row = scorer.score([PLAIN_THEY]).iloc[0]
    assert row["conspiracy"] < scorer.threshold and row["conspiracy_cues"] == []


def test_cues_show_the_framing(scorer):
    cues = scorer.score([PAIRS["5g"][0]])["conspiracy_cues"].iloc[0]
    joined = " | ".join(cues).lower()
    assert "agenda" in joined and "do your own research" in joined, cues


@pytest.mark.parametrize("text", [
    "They’re HIDING it!!! see https://example.com/a?b=1 and www.x.org, t.me/chan",
    "'quoted' words, dont theyre İstanbul naïve … — “curly” `tick`",
    "", "!!!", "a-b c_d e/f 3.14 100%",
])
def test_fast_and_offset_tokenizers_agree(text):
    tokens, offsets = tokenize_with_offsets(text)
    assert tokens == tokenize(text)
    for token, (start, end) in zip(tokens, offsets):
        if token not in ("url", "don't", "they're"):  # rewritten tokens; the others are the text itself
            assert text[start:end].lower().replace("’", "'") == token
    for mode in ("masked", "framing", "all", "none"):
        analyzer = FramingAnalyzer(mode)
        assert sorted(analyzer(text)) == sorted(f for f, _, _ in analyzer.explain(tokens))


def test_topic_words_are_masked():
    features = FramingAnalyzer("masked")("the vaccine is a scam")
    assert "vaccine" not in " ".join(features) and "<topic>" not in features
    assert "the <topic> is" in features and "§scam" in features and "§PLAN" in features


def test_pan_detokeniser(training):
    from training.datasets import detokenise_spacy

    assert detokenise_spacy("we 've been told , they do n't want ( you ) to know https :// t . me / abc") \
        == "we've been told, they don't want (you) to know <url>"


def test_training_pipeline_on_a_small_sample(shared_data, training, tmp_path):
    from training.conspiracy import train

    metrics = train(sample=80, models_dir=tmp_path, write_card=False)
    for split in ("pan_dev", "pan_cv", "written_heldout_topics", "covid_heldout_topic"):
        assert 0 <= metrics[split]["roc_auc"] <= 1 and -1 <= metrics[split]["mcc"] <= 1
    assert metrics["train_rows"]["written_comments"] == 80 and metrics["train_rows"]["pan2024_en_sentences"] > 80
    entry = modelstore.read_manifest(tmp_path)["conspiracy"]
    model = modelstore.load_file(tmp_path / entry["file"], trust=True)
    out = model.score(["they are hiding the truth from us", "nice weather"])
    assert tuple(out.columns) == CONSPIRACY_COLUMNS and len(out) == 2
    again = train(sample=80, models_dir=tmp_path / "again", write_card=False)
    assert again["pan_cv"] == metrics["pan_cv"]  # deterministic


def test_pan_sentences_as_examples(training):
    from training.conspiracy import pan_sentence_examples

    post = ("I read the report today. The elites planned this shortage years ago to make us dependent. "
            "Prices are up again. They want us to beg.")
    spans = [("AGENT", "The elites"), ("OBJECTIVE", "to make us dependent"), ("VICTIM", "us to beg")]
    assert pan_sentence_examples(post, 1, spans, ("AGENT", "OBJECTIVE")) == [
        (" The elites planned this shortage years ago to make us dependent", 1)]  # its other sentences frame nothing
    assert [y for _, y in pan_sentence_examples(post, 0, spans, ("AGENT",))] == [0, 0, 0, 0]  # CRITICAL: all
    assert pan_sentence_examples("Too short. Also short.", 0, [], ("AGENT",)) == []


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text.lower()))


def test_written_training_comments_are_not_the_test_sets(training):
    from training.conspiracy import load_written

    written = load_written()
    assert set(written["label"]) == {0, 1} and written["topic"].nunique() == 18 and written["text"].is_unique
    tests = Path(__file__).resolve().parent.parent / "benchmarks" / "data"
    for name in ("conspiracy_functional.jsonl", "conspiracy_blind_2.jsonl", "conspiracy_blind_3.jsonl"):
        test = pd.read_json(tests / name, lines=True)
        assert not set(test["topic"]) & set(written["topic"]), name  # other topics altogether
        test_words = [_words(t) for t in test["text"]]
        closest = max(len(a & b) / len(a | b) for a in map(_words, written["text"]) for b in test_words)
        assert closest < 0.5, (name, closest)  # no test row copied or paraphrased closely


# Conspiratorial comments on topics invented here (none in the training data): the agent or hidden-plan
# phrase each must surface as a cue, and the topic nouns must not (a cue says why, not what about).
CUE_CASES = [
    ("The new smart meters are how the elites spy on us. It is all part of their plan to track every "
     "household, and the council is covering it up.",
     ("the elites", "their plan", "covering it up"), ("smart", "meters", "household", "council")),
    ("The bridge closure is no accident: the globalists want us stuck at home, and the newspapers will never "
     "tell you who is behind it.",
     ("the globalists", "who is behind"), ("bridge", "closure", "home", "newspapers")),
    ("Russia is behind the whole thing, the narrative of the world media is a lie. They want to control us.",
     ("They want", "to control"), ("Russia", "world", "media")),
    ("The lottery is rigged by a secret cabal of bankers who decide the winners behind closed doors. Wake up!",
     ("cabal", "behind closed doors", "Wake up"), ("lottery", "winners")),
]


@pytest.mark.parametrize("text, framing, topic", CUE_CASES)
def test_cues_are_framing_phrases_not_topic_words(scorer, text, framing, topic):
    row = scorer.score([text]).iloc[0]
    assert row["conspiracy"] >= scorer.threshold, row["conspiracy"]
    cues = " | ".join(row["conspiracy_cues"]).lower()
    found = [phrase for phrase in framing if phrase.lower() in cues]
    assert len(found) >= 2 or len(found) == len(framing), (framing, row["conspiracy_cues"])
    words = set(re.findall(r"\w+", cues))
    assert not words & {t.lower() for t in topic}, row["conspiracy_cues"]
    assert not any(cue.lower() in FUNCTION_WORDS for cue in row["conspiracy_cues"]), row["conspiracy_cues"]  # "is"


def test_framing_ngram_rule():
    assert is_framing_ngram(["the", "elites"]) and is_framing_ngram(["hidden"])
    assert not is_framing_ngram(["the", "world"]) and not is_framing_ngram(["is"])
    assert not is_framing_ngram(["russia", "elites"])  # a content word outside the lexicon


# --- whose framing it is: debunking, quoting, reporting and idioms (sentences written for these tests) ---
ASSERTED = "The reservoir leak was staged by a secret cabal and they are covering it up."
NOT_ASSERTED = {
    "debunk": "Anyone who thinks the reservoir leak was staged by a secret cabal needs help.",
    "mock": "Tinfoil hats on: the reservoir leak was staged by a secret cabal and they are covering it up.",
    "reported": "The candidate claimed the reservoir leak was staged by a secret cabal.",
    "attributed": "The reservoir leak was staged by a secret cabal and they are covering it up, the candidate said.",
    "quoted": "He shouted \"the leak was staged by a secret cabal and they are covering it up\" and left the hall.",
    "denied": "I don't believe the reservoir leak was staged by a secret cabal.",
}


@pytest.mark.parametrize("kind", sorted(NOT_ASSERTED))
def test_others_framing_is_blanked(kind):
    text = NOT_ASSERTED[kind]
    kept = own_words(text)
    assert len(kept) == len(text)  # offsets stay
    assert "cabal" not in kept.lower() and "staged" not in kept.lower(), kept


def test_own_framing_is_kept():
    for text in (ASSERTED, "I think they are covering it up. Think for yourself and follow the money.",
                 'The "independent" report was written by their puppets.'):  # scare quotes are framing
        assert own_words(text) == text


def test_one_pass_finds_the_debunks_and_hints_two_passes_find():
    texts = [*NOT_ASSERTED.values(), ASSERTED, *(text for pair in PAIRS.values() for text in pair),
             "conspiracy nonsense, they claim", "people who claim it is rubbish said so", "", "said", "nutters"]
    for text in texts + [text.lower() for text in texts]:
        hints = [m.start() for m in conspiracy._SPEECH_HINT.finditer(text)]
        apart = (conspiracy._DEBUNK.search(text) is not None, hints)
        assert conspiracy._debunk_and_hints(text) == apart, text
    assert sum(conspiracy._debunk_and_hints(text.lower())[0] for text in texts) >= 4


def test_ascii_separators_as_bytes_equal_the_str_table():
    ascii_text = "".join(map(chr, range(128)))
    assert conspiracy._separated(ascii_text) == ascii_text.translate(conspiracy._SAME_LENGTH)


@pytest.mark.parametrize("kind", sorted(NOT_ASSERTED))
def test_debunked_quoted_or_reported_scores_below_asserted(scorer, kind):
    asserted, other = scorer.score([ASSERTED, NOT_ASSERTED[kind]]).itertuples(index=False)
    assert asserted.conspiracy >= scorer.threshold, asserted
    assert other.conspiracy < asserted.conspiracy - 0.2, (kind, other.conspiracy, asserted.conspiracy)
    assert not {"cabal", "staged"} & set(" ".join(other.conspiracy_cues).lower().split()), other.conspiracy_cues


@pytest.mark.parametrize("text, blanked", [
    ("The flooded underpass should be a wake-up call for the highways agency.", "wake-up call"),
    ("Wake up and smell the coffee, the stadium will never pay for itself.", "wake up and smell the coffee"),
    ("I woke up at five because the bin lorry was so loud.", "woke up"),
    ("The truth is, the bypass was always going to cost more than planned.", "the truth is"),
    ("The parish council met on Monday and they want a new car park by spring.", "they"),
])
def test_idioms_are_not_framing(scorer, text, blanked):
    assert blanked not in own_words(text).lower()
    row = scorer.score([text]).iloc[0]
    assert row["conspiracy"] < scorer.threshold and row["conspiracy_cues"] == [], row


def test_named_entities_are_not_cues(scorer):
    text = ("The billionaires at Davos fly in on private jets to lecture us about emissions. "
            "The WEF should publish who pays for it.")
    row = scorer.score([text]).iloc[0]
    assert row["conspiracy"] < scorer.threshold, row["conspiracy"]
    words = set(" ".join(row["conspiracy_cues"]).lower().split())
    assert not words & {"billionaires", "davos", "wef"}


def test_one_conspiracy_sentence_is_not_diluted(scorer):
    plain = ("The match was delayed by an hour because of the rain. The groundsmen did their best with the covers. "
             "Tickets for the replay go on sale next week and season ticket holders get priority. ")
    plot = "The rain delay was no accident: they planned it to hide the real reason from the fans."
    low, mixed = scorer.score([plain, plain + plot])["conspiracy"]
    assert mixed > low + 0.2 and mixed >= scorer.threshold, (low, mixed)


def test_sentences_and_blend():
    assert sentences("Short one. Another one here too.") == []  # a sentence under 4 words is not scored alone
    assert [s.strip() for s in sentences("This is one whole sentence. And this is another whole one.")] == \
        ["This is one whole sentence", "And this is another whole one"]
    whole, best = np.array([0.2, 0.8]), np.array([0.9, 0.1])
    np.testing.assert_allclose(blend(whole, best, 0.5), [0.55, 0.8])
    np.testing.assert_allclose(blend(whole, best, 0.0), whole)
