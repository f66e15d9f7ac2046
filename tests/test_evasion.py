"""Disguised words (comments.text.fold): Cyrillic and Greek look-alikes, stretched letters, decomposed
accents, caught by toxicity and the word lists, with offsets on the characters as written; real Cyrillic
and Greek text and ordinary double letters are left exactly as they are."""
from __future__ import annotations

import pytest

import comments
from comments.policy import load_policy, parse_policy
from comments.text import fold

# Real text, written for these tests: none of it may change.
REAL_TEXT = [
    "Это очень плохая статья, автор ничего не понимает.",
    "Ты идиот, и твоя сука тоже.",
    "Сом сорок раз сказал: ура!",
    "Ура! Оса.",  # every letter a look-alike, but no Latin text around it
    "Дякую за статтю, і все ж таки я не згоден з автором.",
    "А він каже, що це все брехня.",
    "Хвала на чланку, ово је јако добро написано.",
    "Η γάτα κάθεται στο παράθυρο και κοιτάζει τη βροχή.",
    "ΑΥΤΟ ΕΙΝΑΙ ΑΙΣΧΟΣ ΚΑΙ ΝΤΡΟΠΗ",
    "The Greek word ψυχή means soul, and Ο Θεός means God.",
    "My grandmother always said 'спасибо' and 'пожалуйста'.",
    "Ставка in London and Москва in Russia.",
    "Дааааа, конечно. Ммм, вкусно!",
]

ORDINARY = ["good coffee in Tennessee, all week", "the committee will see", "KKK rally", "www.example.com",
            "zzz", "Henry III", "Mississippi bookkeeper"]


@pytest.fixture(scope="module")
def policy():
    return load_policy()


@pytest.mark.parametrize("disguised, plain", [
    ("іdіоt", "idiot"),  # Cyrillic і and о
    ("ѕtuріd", "stupid"),  # Cyrillic ѕ, р, і
    ("Ηitler", "Hitler"),  # Greek Eta
    ("ΙDΙΟΤ", "IDIOT"),  # Greek capital iota, omicron, tau: an upper-case look-alike of "l" is an I
    ("you are а clown", "you are a clown"),  # a one-letter word of look-alikes in Latin text
    ("fuuuuck", "fuck"),
    ("idiooooot", "idiot"),
    ("stuuupid", "stupid"),
    ("sooo stupid", "so stupid"),
    ("FUuUUCK", "FUCK"),  # a run is one letter whatever its case
    ("id\u200biot", "idiot"),
    ("mari\u0063o\u0301n", "maric\u00f3n"),  # decomposed accent, composed
    ("ｆｕｕｕｃｋ", "fuck"),
])
def test_disguises_fold_to_the_plain_word(disguised, plain):
    assert fold(disguised).text == plain


@pytest.mark.parametrize("text", REAL_TEXT + ORDINARY)
def test_real_cyrillic_greek_text_and_ordinary_doubles_are_left_as_written(text):
    folded = fold(text)
    assert folded.text == text and folded.edits == ()


def test_a_stretched_letter_reads_as_one_or_two_as_known_words_say():
    known = {"asshole": 0.8, "loser": 0.7, "looser": 0.1, "kill": 0.4, "so": 0.03}
    assert fold("what an asssshole", known=known).text == "what an asshole"
    assert fold("looooser", known=known).text == "loser"  # both known: the heavier
    assert fold("kiiilll them", known=known).text == "kill them"  # two runs in one word
    assert fold("sooo unknownnnn", known=known).text == "so unknown"  # unknown words: one letter


def test_spans_map_each_folded_character_back_to_what_was_written():
    text = "ѕо fu\u200buuuck\u00ad off, idiooot!!! mari\u0063o\u0301n"
    folded = fold(text)
    assert folded.text == "so fuck off, idiot!!! maric\u00f3n"
    spans = [folded.span(i, i + 1) for i in range(len(folded.text))]
    pieces = [text[start:end] for start, end in spans]
    assert pieces[:7] == ["ѕ", "о", " ", "f", "u\u200buuu", "c", "k"]  # a run stands for all it hides
    assert pieces[-2:] == ["o\u0301", "n"]
    # in order, not overlapping, and all that is left out is the invisible soft hyphen
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    covered = {i for start, end in spans for i in range(start, end)}
    assert [text[i] for i in range(len(text)) if i not in covered] == ["\u00ad"]
    word = folded.text.index("idiot")
    assert text[slice(*folded.span(word, word + 5))] == "idiooot"


@pytest.mark.parametrize("text, word, written", [
    ("you are an іdіоt", "idiot", "іdіоt"),
    ("ѕtuріd take", "stupid", "ѕtuріd"),
    ("what a ΒΙΤCΗ", "bitch", "ΒΙΤCΗ"),
    ("fuuuuck you", "fuck", "fuuuuck"),
    ("you idiooooot", "idiot", "idiooooot"),
    ("sooo stuuupid!", "stupid", "stuuupid"),
    ("what an asssssshole", "asshole", "asssssshole"),  # a stretched double letter
    ("shuuut uuup", "shut up", "shuuut uuup"),
    ("fu\u200buuuck", "fuck", "fu\u200buuuck"),
    ("assssholeeees", "asshole", "assssholeeees"),  # a double and a single stretched, and a plural
])
def test_word_lists_catch_disguised_words_and_point_at_them_as_written(policy, text, word, written):
    found = policy.find_words(text)
    assert [(m.word, m.written) for m in found] == [(word, written)]
    assert text[found[0].start:found[0].end] == written


@pytest.mark.parametrize("text", ["good coffee in Tennessee", "sooo good", "I looove this cooool article",
                                  "Whaaat a gooood day", "Ηello there", "ваш",
                                  "as I said, ass\u0435ss it"])  # "assess" with a Cyrillic е is not "ass"
def test_ordinary_and_stretched_benign_words_match_nothing(policy, text):
    assert policy.find_words(text) == []


def test_real_cyrillic_and_greek_match_as_before():
    russian = parse_policy('[words]\nbanned = ["сука", "ΑΙΣΧΟΣ"]\n')
    assert [m.written for m in russian.find_words("Ты идиот, и твоя сука тоже.")] == ["сука"]
    assert [m.written for m in russian.find_words("ΑΥΤΟ ΕΙΝΑΙ ΑΙΣΧΟΣ ΚΑΙ ΝΤΡΟΠΗ")] == ["ΑΙΣΧΟΣ"]
    assert russian.find_words("Ставка in London and Москва in Russia.") == []


@pytest.mark.parametrize("listed, written", [("maric\u00f3n", "mari\u0063o\u0301n"),
                                             ("mari\u0063o\u0301n", "maric\u00f3n"),
                                             ("caf\u00e9", "cafe\u0301")])
def test_an_accent_matches_whether_composed_or_decomposed(listed, written):
    found = parse_policy(f'[words]\nbanned = ["{listed}"]\n').find_words(f"eres un {written}!")
    assert [m.written for m in found] == [written]


def test_toxicity_sees_the_plain_word_and_spans_point_at_the_disguise():
    pairs = [("you are an іdіоt", "you are an idiot"), ("ѕtuріd Ηitler lover", "stupid Hitler lover"),
             ("you are sooo stuuupid", "you are so stupid"), ("what a fuuuuucking idiooooot", "what a fucking idiot"),
             ("what an asssssshole", "what an asshole")]  # a stretched double reads as the double
    scores = comments.score([text for pair in pairs for text in pair])
    for k, (disguised, plain) in enumerate(pairs):
        assert scores.toxicity[2 * k] == scores.toxicity[2 * k + 1]
        assert scores.toxicity[2 * k] > 0.5, disguised
        marked = [disguised[start:end] for start, end in scores.toxic_spans[2 * k]]
        assert [m for m in marked if m.strip() != m or not m] == []
        assert any(m in ("іdіоt", "ѕtuріd", "stuuupid", "idiooooot", "asssssshole") for m in marked), (disguised, marked)
    assert scores.toxicity[0] > 0.5 and scores.toxicity[1] > 0.5


def test_conspiracy_cues_are_quoted_as_written():
    plain, stretched = ("Wake up, they are hiding the truth and the elites covered it up!",
                        "Wake up, theeey are hiding the truth and the elites covered it up!")
    scores = comments.score([plain, stretched])
    assert scores.conspiracy[0] == scores.conspiracy[1]
    assert len(scores.conspiracy_cues[1]) == len(scores.conspiracy_cues[0]) > 0
    assert all(cue in stretched for cue in scores.conspiracy_cues[1])
    assert [c.replace("theeey", "they") for c in scores.conspiracy_cues[1]] == scores.conspiracy_cues[0]


def test_real_cyrillic_and_greek_comments_score_as_written():
    """The models read them exactly as written: the same scores as the models' own on the raw text."""
    from comments.scoring import default_scorer

    scorer = default_scorer()
    scores = comments.score(REAL_TEXT)
    raw_toxicity, raw_conspiracy = scorer.toxicity.score(REAL_TEXT), scorer.conspiracy.score(REAL_TEXT)
    assert scores.toxicity.tolist() == raw_toxicity.toxicity.tolist()
    assert scores.toxic_spans.tolist() == raw_toxicity.toxic_spans.tolist()
    assert scores.conspiracy.tolist() == raw_conspiracy.conspiracy.tolist()
