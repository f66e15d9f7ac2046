"""Insult words aimed at no one (`comments/scoring/insult_aim.py`): negated, reported, self-aimed and thing-aimed
insult words are cleared (the comment scores as the rest of it), insults at a person are not, and the quick look
at the tokens never changes the answer. Every sentence here is our own (none is in benchmarks/data/score_review.jsonl)."""
import pytest

from comments import modelstore
from comments.scoring import insult_aim
from comments.scoring.toxicity import WORD, ToxicityScorer

CLEARED = [  # (text, the toxic word, how it is aimed at no one)
    ("I'm not saying the minister is an idiot.", "idiot", "negated"),
    ("Nobody is calling the volunteers morons here.", "morons", "negated"),
    ("The new coach is no fool, whatever the fans think.", "fool", "negated"),
    ("I don't believe the judge is stupid; she was badly briefed.", "stupid", "negated"),
    ("You're not stupid, you just haven't read the report yet.", "stupid", "negated"),
    ("The columnist called the marchers 'thugs' in print.", "thugs", "reported"),
    ("My daughter was called a loser by her classmates.", "loser", "reported"),
    ("The referee sent him off for calling the keeper an idiot.", "idiot", "reported"),
    ("I was an idiot to leave my bike unlocked.", "idiot", "self"),
    ("I feel like such a moron for missing the deadline.", "moron", "self"),
    ("What an idiotic parking scheme.", "idiotic", "thing"),
    ("The new zoning law is stupid.", "stupid", "thing"),
]
AIMED = [  # toxic words that stay as the model reads them
    ("Don't be an idiot, read the report first.", "idiot"),
    ("You are not only stupid but rude.", "stupid"),
    ("You're not very bright, are you?", "bright"),
    ("You can't be that stupid.", "stupid"),
    ("I called him an idiot and I meant it.", "idiot"),
    ("What a stupid question from a stupid man.", "stupid"),
    ("The mayor is an idiot.", "idiot"),
    ("You stupid tax-and-spend clown.", "stupid"),
    ("I'm not the moron here, you are a moron.", None),  # the second "moron" stays
    ("This fucking law is a disgrace.", "fucking"),  # obscenity is never cleared
    ("I'm a retard, apparently.", "retard"),  # nor is a slur
    # name-calling reported of the one addressed is aimed at them
    ("Somebody called you a clown and they had a point.", "clown"),
    ("You got labelled a liar because you are one.", "liar"),
    ('As the coach put it, you are all "losers".', "losers"),
    # a denial the comment takes back (paralipsis) says the word
    ("I'm not saying the councillor is a moron, but he behaves like one.", "moron"),
    ("Not calling anyone stupid, just saying some people here are.", "stupid"),
    ("Nobody is calling you a clown. Still, you dress like one.", "clown"),
]


def _spans_of(text: str, word: str) -> list[list[int]]:
    return [[m.start(), m.end()] for m in WORD.finditer(text) if m[0].lower() == word.lower()]


@pytest.mark.parametrize("text,word,how", CLEARED)
def test_words_aimed_at_no_one_are_cleared(text, word, how):
    assert insult_aim.aimed_nowhere(text, _spans_of(text, word)) == [(span, how) for span in _spans_of(text, word)]


@pytest.mark.parametrize("text,word", [a for a in AIMED if a[1]])
def test_words_aimed_at_someone_stay(text, word):
    assert insult_aim.aimed_nowhere(text, _spans_of(text, word)) == []


def test_only_the_negated_of_two_is_cleared():
    text = "I'm not the moron here, you are a moron."
    first, second = _spans_of(text, "moron")
    assert insult_aim.aimed_nowhere(text, [first, second]) == [(first, "negated")]


@pytest.mark.parametrize("text", [t for t, *_ in CLEARED] + [t for t, _ in AIMED])
def test_the_quick_look_at_tokens_never_changes_the_answer(text):
    words = list(WORD.finditer(text))
    spans = [[m.start(), m.end()] for m in words]
    tokens = [m[0].lower() for m in words]
    assert insult_aim.aimed_nowhere(text, spans, list(range(len(spans))), tokens) == \
        insult_aim.aimed_nowhere(text, spans)


@pytest.fixture(scope="module")
def scorers():
    model = modelstore.load("toxicity")
    return ToxicityScorer(model), ToxicityScorer(model, insult_aim=False)


def test_a_civil_comment_with_a_negated_insult_scores_civil_and_shows_no_span(scorers):
    on, off = scorers
    text = "I'm not saying the minister is an idiot. He was simply given bad numbers."
    before, after = off.score([text]).iloc[0], on.score([text]).iloc[0]
    assert before.toxicity >= 0.40 and after.toxicity < 0.40  # the shipped threshold
    assert after.insult < before.insult and after.toxic_spans == []


def test_insults_at_a_person_score_as_before(scorers):
    on, off = scorers
    texts = ["The mayor is an idiot.", "Shut up, you pathetic clown.", "You're a moron and a liar."]
    assert on.score(texts).toxicity.tolist() == off.score(texts).toxicity.tolist()


def test_a_comment_toxic_without_the_cleared_word_keeps_its_spans(scorers):
    on, _ = scorers
    text = "What a stupid scheme, you brainless moron."
    after = on.score([text]).iloc[0]
    shown = [text[a:b] for a, b in after.toxic_spans]
    assert after.toxicity >= 0.40 and "moron" in shown and "stupid" in shown


def test_a_comment_scores_the_same_in_any_batch(scorers):
    on, _ = scorers
    texts = [t for t, *_ in CLEARED] + [t for t, _ in AIMED] + ["A calm comment about the weather."]
    whole = on.score(texts)
    one_by_one = [on.score([t]).iloc[0] for t in texts]
    # (to the last bits: a batch of one sums some products in another order, with or without these rules)
    assert whole.toxicity.tolist() == pytest.approx([row.toxicity for row in one_by_one], rel=1e-12)
    assert whole.toxic_spans.tolist() == [row.toxic_spans for row in one_by_one]
