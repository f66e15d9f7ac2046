"""The policy's allowed phrases: idioms in which a listed word does not count ("a chink in the armour")."""
from __future__ import annotations

import dataclasses
import json
import pickle

import pytest
from click.testing import CliRunner
from report_fakes import KeywordScorer

from comments.cli import main
from comments.moderate import moderate
from comments.pipeline import process_page
from comments.policy import PolicyError, load_policy, parse_policy
from comments.types import Comment, Page


ARMOUR = ("chink in the armour", "chink in the armor", "chinks in their armour", "chinks in their armor")


@pytest.fixture(scope="module")
def policy():
    """The default policy plus an idiom the default leaves to review (a desk may add it)."""
    default = load_policy()
    return dataclasses.replace(default, allowed=default.allowed + ARMOUR)


def test_the_default_leaves_chink_in_the_armour_to_review_it_is_also_a_racist_pun():
    decision = moderate({"toxicity": 0.1}, "That was the first chink in the armour.", load_policy())
    assert (decision.action, decision.reasons) == ("review", ('suspect word "chink"',))


IDIOMS = [
    "The cold retarded the growth of the seedlings.",
    "Red tape retarded the progress of the bridge.",
    "That was the first chink in the armour of the coalition.",
    "A CHINK IN THE ARMOR, finally.",
    "There are chinks in their armor now.",
    "The bakery shut up shop after forty years.",
    "The miners shut   up\nshop in 1984.",
    "Prick the potatoes with a fork before baking.",
    "Budgets always pick winners and losers.",
    "Her kitchen was spic and span.",
    "A spic-and-span station.",
    "We are at the fag end of the season.",
    "Numbers from the back of a fag packet.",
    "It was dumb luck, nothing more.",
    "He stood there, struck dumb.",
]


@pytest.mark.parametrize("text", IDIOMS)
def test_the_allowed_idioms_are_approved_though_they_contain_a_listed_word(policy, text):
    decision = moderate({"toxicity": 0.1}, text, policy)
    assert (decision.action, decision.reasons, decision.word_spans) == ("approve", (), ())
    # the word is still listed: the same text without the allowed phrases is flagged
    listed_only = dataclasses.replace(policy, allowed=())
    assert moderate({"toxicity": 0.1}, text, listed_only).action in ("review", "reject")


@pytest.mark.parametrize("text, reason", [
    ("A ch*nk in the armour.", 'suspect word "chink" (written "ch*nk")'),
    ("A ch1nk in the armour.", 'suspect word "chink" (written "ch1nk")'),
    ("A ch\u0456nk in the armour.", 'suspect word "chink" (written "ch\u0456nk")'),  # Cyrillic і
    ("A ch\u200bink in the armour.", 'suspect word "chink" (written "ch\u200bink")'),  # zero-width space
    ("A ｃｈｉｎｋ in the armour.", 'suspect word "chink" (written "ｃｈｉｎｋ")'),  # full-width
    ("A chiiink in the armour.", 'suspect word "chink" (written "chiiink")'),
    ("It was r3tarded the growth", 'banned word "retarded" (written "r3tarded")'),
    ("Her kitchen was sp1c and span.", 'suspect word "spic" (written "sp1c")'),
])
def test_a_disguised_word_inside_an_idiom_still_counts(policy, text, reason):
    """Someone who disguises the word is not using the idiom innocently: the phrase matches only as written."""
    assert reason in moderate({}, text, policy).reasons


@pytest.mark.parametrize("text, action, reason, word", [
    ("A chink in the armour, said the chink.", "review", 'suspect word "chink"', "chink"),
    ("Go home, chink. A chink in the armour indeed.", "review", 'suspect word "chink"', "chink"),
    ("The cold retarded the growth, you retard", "reject", 'banned word "retard"', "retard"),
    ("It retarded the growth of retarded people", "reject", 'banned word "retarded"', "retarded"),
    ("Winners and losers? You are a loser.", "review", 'suspect word "loser"', "loser"),
    ("They shut up shop. Now shut up.", "review", 'suspect word "shut up"', "shut up"),
    ("spic and span, spics", "review", 'suspect word "spic"', "spics"),
])
def test_the_same_word_outside_the_idiom_still_counts(policy, text, action, reason, word):
    decision = moderate({}, text, policy)
    assert (decision.action, decision.reasons) == (action, (reason,))
    assert [text[start:end].lower() for start, end in decision.word_spans] == [word]  # only the one outside


@pytest.mark.parametrize("text", [
    "chink", "Chinks in the bank", "the chink in the wall", "retarded", "the growth is retarded",
    "shut up", "the shop, shut up", "you loser", "a fag", "dumb",
])
def test_a_listed_word_alone_or_in_another_phrase_still_counts(policy, text):
    assert moderate({}, text, policy).action in ("review", "reject")


def test_an_allowed_phrase_matches_as_written_up_to_case_apostrophe_spacing_and_plural():
    policy = parse_policy('[words]\nsuspect = ["idiot", "shut up"]\nallowed = ["idiot\'s guide", "shut up shop"]\n')
    for text in ("An Idiot’s Guide to tax", "AN IDIOT'S GUIDE", "idiot's  guides", "They SHUT UP\tSHOPS"):
        assert policy.find_words(text) == [], text
    for text in ("an idiot’s guided tour", "idiots guide", "shut up, shop", "shut up shopping"):
        assert policy.find_words(text), text


def test_a_word_only_partly_inside_an_allowed_phrase_still_counts():
    policy = parse_policy('[words]\nsuspect = ["shut up", "shop"]\nallowed = ["up shop"]\n')
    assert [m.word for m in policy.find_words("shut up shop")] == ["shut up"]  # "shop" is wholly inside
    assert policy.allowed_spans("shut up shop") == [(5, 12)]


def test_overlapping_allowed_phrases_are_all_found():
    policy = parse_policy('[words]\nsuspect = ["loser", "dumb"]\n'
                          'allowed = ["winners and losers", "losers of dumb luck"]\n')
    text = "winners and losers of dumb luck"
    assert policy.allowed_spans(text) == [(0, 18), (12, 31)]
    assert policy.find_words(text) == []


def test_an_allowed_idiom_adds_no_reason_no_heat_and_no_highlight_to_a_comment_flagged_by_its_scores(policy):
    text = "A chink in the armour, and the plan is a disaster."
    decision = moderate({"toxicity": 0.85}, text, policy)
    plain = moderate({"toxicity": 0.85}, "A crack in the plan, and the plan is a disaster.", policy)
    assert decision == plain  # action, priority, reasons and spans alike
    assert decision.reasons == ("toxicity 0.85 >= 0.80",) and decision.word_spans == ()


def test_the_queue_and_the_article_report_leave_an_allowed_idiom_alone(policy):
    page = Page(id="p", title="Budget", date="2024-02-12", article_body="A plain article.", source="p",
                comments=[Comment(author=a, posted="1h", text=t) for a, t in [
                    ("ann", "A chink in the armour of the budget."),
                    ("bo", "Winners and losers again."),
                    ("cy", "Winners and losers, and you are a loser.")]])
    result = process_page(page, KeywordScorer(), policy)
    assert [(r["action"], r["reasons"]) for r in result.rows] == [
        ("approve", []), ("approve", []), ("review", ['suspect word "loser"'])]
    report = json.loads(result.files["json"])
    assert [c["word_spans"] for c in report["comments"]] == [[], [], [[34, 39]]]


def test_the_allowed_phrases_each_hold_a_listed_word_and_survive_pickling(policy):
    assert load_policy().allowed
    listed_only = dataclasses.replace(policy, allowed=())
    assert all(listed_only.find_words(phrase) for phrase in policy.allowed)
    copy = pickle.loads(pickle.dumps(policy))
    assert copy == policy and copy.find_words("a chink in the armour, chink") == policy.find_words(
        "a chink in the armour, chink")


BAD_ALLOWED = [
    ('[words]\nsuspect = ["chink"]\nallowed = ["chink in the armour", 3]\n', 3, "allowed: expected a list of"),
    ('[words]\nsuspect = ["chink"]\nallowed = "chink in the armour"\n', 3, "allowed: expected a list of"),
    ('[words]\nsuspect = ["chink"]\nallowed = ["  "]\n', 3, "allowed: expected a list of non-empty strings"),
    ('[words]\nsuspect = ["chink"]\nallowed = ["\\u200b\\u2066"]\n', 3, "has only invisible characters"),
    ('[words]\nsuspect = ["spic"]\nallowed = [\n  "spic and span",\n  "spick and span",\n]\n', 5,
     "allowed: 'spick and span' contains no banned or suspect word, so it allows nothing"),
    ('[words]\nallowed = ["chink in the armour"]\n', 2, "contains no banned or suspect word"),
    ('[words]\nbanned = ["idiot"]\nallowed = [\n  "idiots",\n]\n', 4,
     "allowed: 'idiots' is a listed word itself: remove the word from its list instead"),
    ('[words]\nsuspect = ["shut up"]\nallowed = ["shut  up"]\n', 3, "is a listed word itself"),
]


@pytest.mark.parametrize("text, line, problem", BAD_ALLOWED)
def test_policy_check_refuses_a_bad_allowed_list_naming_the_line(tmp_path, text, line, problem):
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as error:
        load_policy(path)
    assert str(error.value).startswith(f"{path}, line {line}: ") and problem in str(error.value), str(error.value)
    checked = CliRunner().invoke(main, ["policy", "--check", str(path)])
    assert checked.exit_code == 2 and f"line {line}: " in checked.output and "\n" not in checked.output.strip()


def test_policy_check_accepts_the_default_and_a_policy_of_ones_own_with_allowed_phrases(tmp_path):
    runner = CliRunner()
    (tmp_path / "default.toml").write_text(runner.invoke(main, ["policy", "--show"]).output, encoding="utf-8")
    (tmp_path / "mine.toml").write_text('[words]\nsuspect = ["prick"]\nallowed = ["prick up your ears"]\n',
                                        encoding="utf-8")
    for name in ("default.toml", "mine.toml"):
        assert runner.invoke(main, ["policy", "--check", str(tmp_path / name)]).exit_code == 0
    assert load_policy(tmp_path / "mine.toml").find_words("Prick up your ears") == []


def test_allowed_phrases_work_in_scripts_written_without_spaces():
    """"傻瓜相机" (a point-and-shoot camera, literally "fool camera") inside a sentence with no spaces."""
    policy = parse_policy('[words]\nbanned = ["傻瓜"]\nsuspect = ["idiot"]\nallowed = ["傻瓜相机", "idiot box"]\n')
    assert policy.find_words("我买了一台傻瓜相机。") == [] and policy.find_words("the idiot box") == []
    assert [m.word for m in policy.find_words("你是傻瓜，傻瓜相机")] == ["傻瓜"]
