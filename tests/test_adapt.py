"""`comments adapt`: the toxicity model adapted to a newsroom's own labels, measured on a held-out fifth."""
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from test_export import wordpress_page

from comments import adapt, modelstore, scoring
from comments.cli import main
from comments.policy import load_policy, parse_policy
from comments.scoring.linear import Linear, Rows
from comments.scoring.toxicity import ToxicityScorer


@pytest.fixture(autouse=True)
def fresh_models(monkeypatch):
    """Each test starts from the shipped models, whatever `--models` set in this process."""
    monkeypatch.setenv("COMMENTS_MODELS_DIR", "")
    monkeypatch.setenv("COMMENTS_TRUST_MODELS", "")
    modelstore.load.cache_clear()
    scoring.default_scorer.cache_clear()
    yield
    modelstore.load.cache_clear()
    scoring.default_scorer.cache_clear()


def desk_labels(n: int = 400) -> pd.DataFrame:
    """A desk that rejects calling readers "snowflake" or "boomer" (words the shipped model finds mild) and
    approves the same sentences about teachers or farmers: its labels, not the shipped model, tell them apart."""
    frames = ["you are such a {} and everyone knows it", "typical {} comment, as always",
              "only a {} would write this", "the {} crowd is out again", "what a {} take on the budget",
              "I read this and thought of every {} I know", "ask a {} and you get this answer",
              "{} logic at its finest"]
    tails = ["", " today", " again", " honestly", " sadly", " on this site", " every week", " as usual",
             " in this town", " once more"]
    rows = []
    for i in range(n):
        toxic = i % 2 == 0
        word = ("snowflake", "boomer") if toxic else ("teacher", "farmer")
        text = frames[i // 2 % len(frames)].format(word[i // 16 % 2]) + tails[i // 32 % len(tails)]
        rows.append({"text": text, "label": "reject" if toxic else "approve"})
    return pd.DataFrame(rows)


def test_labels_in_the_forms_moderators_write_them():
    values = [1, 0, True, False, 1.0, "1", "0", "yes", "No", " TRUE ", "toxic", "not toxic", "Reject", "approve",
              None, float("nan"), "", pd.NA, "review", "approved", "rejected", "not_toxic", "non-toxic", "0.00", "1.00"]
    assert adapt.parse_labels(values).tolist() == [1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0, -1, -1, -1, -1,
                                                   -1, 0, 1, 0, 0, 0, 1]
    with pytest.raises(adapt.LabelError, match=r"^1 label is not one of .*: 'maybe' \(data row 3\)$"):
        adapt.parse_labels(["1", "0", "maybe"])
    with pytest.raises(adapt.LabelError, match=r": '2' \(data row 1\)$"):
        adapt.parse_labels([2])


def test_every_unreadable_label_is_counted_and_the_first_ones_named():
    """QA: only the first bad label was named, so a desk fixed them one run at a time."""
    values = ["approve", "maybe", "1", "unsure", "pending", "?", "xx", "yy", "zz"]
    with pytest.raises(adapt.LabelError, match=r"^7 labels are not one of .*: 'maybe' \(data row 2\), 'unsure' "
                                               r"\(data row 4\), 'pending' \(data row 5\), '\?' \(data row 6\), "
                                               r"'xx' \(data row 7\) and 2 more$"):
        adapt.parse_labels(values)


def test_the_new_head_folds_into_one_linear_model_over_the_shipped_inputs():
    rng = np.random.default_rng(0)
    n_words, n = 6, 5
    shipped = Linear(coef=rng.normal(size=(n_words + 3, 1)), intercept=np.array([0.3]))
    rows = Rows(doc=np.array([0, 0, 2, 4]), col=np.array([1, 4, 0, 5]), value=rng.random(4), n_docs=n)
    dense = rng.normal(size=(n, 3))

    class Head:  # what scikit-learn's LogisticRegression keeps: over [words, dense, shipped decision]
        coef_ = rng.normal(size=(1, n_words + 4))
        intercept_ = np.array([-0.7])

    z = shipped.decision(rows, dense)[:, 0]
    x = np.zeros((n, n_words))
    np.add.at(x, (rows.doc, rows.col), rows.value)
    expected = np.column_stack([x, dense, z]) @ Head.coef_[0] + Head.intercept_[0]
    assert np.allclose(adapt._folded(shipped, Head).decision(rows, dense)[:, 0], expected)


def test_adapting_learns_the_desks_own_word_and_measures_it_on_held_out_labels():
    labels = desk_labels()
    adapted = adapt.adapt_toxicity(labels.text.tolist(), labels.label.tolist())
    m = adapted.heldout
    assert m.rows + adapted.train_rows == len(labels) and 0 < m.toxic < m.rows
    assert m.auc_shipped < 0.8  # the shipped model finds the words mild
    assert m.auc_adapted > 0.95 and m.auc_change_interval[0] > 0
    scores = adapted.model.toxicity(*adapted.model.features(["only a snowflake would write this here",
                                                             "only a farmer would write this here"]))
    assert scores[0] > 0.5 > scores[1]


def test_an_adapted_model_keeps_the_shipped_attributes_and_spans():
    """QA: the card said attributes and spans were the shipped model's, but they moved with the adapted toxicity
    (a product with it), under the default policy's attribute thresholds: they now read the shipped toxicity."""
    labels = desk_labels()
    adapted = adapt.adapt_toxicity(labels.text.tolist(), labels.label.tolist())
    texts = ["You stupid idiot, you know nothing.", "This is shit.", "only a snowflake would write this here",
             "You are a lesbian.", "I will find you and kill you.", "Thanks for the clear report."]
    shipped, ours = ToxicityScorer(modelstore.load("toxicity")).score(texts), ToxicityScorer(adapted.model).score(texts)
    assert (ours.toxicity - shipped.toxicity).abs().max() > 0.1  # the desk's scale
    pd.testing.assert_frame_equal(ours.drop(columns="toxicity"), shipped.drop(columns="toxicity"))


def test_too_few_labels_is_a_clear_error():
    labels = desk_labels(40)
    with pytest.raises(adapt.LabelError, match="too few labels to adapt"):
        adapt.adapt_toxicity(labels.text.tolist(), labels.label.tolist())


def test_labels_the_texts_do_not_predict_are_refused(tmp_path):
    """QA: `--text-column comment_id` (ids, not the comments) adapted a model whose toxicity was the same for
    every comment, above its policy's review threshold: all 756 comments of a run went to review."""
    labels = desk_labels().assign(comment_id=lambda t: [f"c{i}" for i in range(len(t))])
    shuffled = labels.label.sample(frac=1, random_state=0).tolist()  # labels that have come apart from their rows
    for texts, given in ((labels.comment_id.tolist(), labels.label.tolist()), (labels.text.tolist(), shuffled)):
        with pytest.raises(adapt.LabelError, match=r"^the labels do not follow the texts: .* than chance does "
                                                   r"\(ROC-AUC 0\.55 needed\); is the text column"):
            adapt.adapt_toxicity(texts, given)
    assert round(adapt.chance_auc(np.array([1] * 30 + [0] * 30)), 3) == 0.624  # 30 of each: 0.5 + 1.645 sd
    labels.to_csv(tmp_path / "labels.csv", index=False)
    refused = CliRunner().invoke(main, ["adapt", "--input", str(tmp_path / "labels.csv"), "--label-column", "label",
                                        "--text-column", "comment_id", "--out", str(tmp_path / "mine")])
    assert refused.exit_code == 1 and not (tmp_path / "mine").exists()
    assert len(refused.output.strip().splitlines()) == 1 and "do not follow the texts" in refused.output


def test_cli_adapts_and_score_uses_the_adapted_model_only_with_the_opt_in(tmp_path):
    labels = desk_labels()
    labels.loc[3, "label"] = ""  # unlabelled: skipped, and said
    labels.to_csv(tmp_path / "labels.csv", index=False)
    pd.DataFrame({"text": ["only a snowflake would write this here", "Great reporting, thank you."]}).to_csv(tmp_path / "t.csv", index=False)
    runner = CliRunner()

    done = runner.invoke(main, ["adapt", "--input", str(tmp_path / "labels.csv"), "--label-column", "label",
                                "--out", str(tmp_path / "mine")])
    assert done.exit_code == 0, done.output
    assert "1 unlabelled rows skipped" in done.output and "held-out ROC-AUC" in done.output
    assert set(modelstore.read_manifest(tmp_path / "mine")) == {"toxicity"}
    assert "## On the held-out fifth of your labels" in (tmp_path / "mine" / "toxicity-adapted.md").read_text()
    # the policy for the adapted model's scale, and the command line that uses it
    policy_path = tmp_path / "mine" / "policy.toml"
    policy = load_policy(policy_path)
    threshold = modelstore.read_manifest(tmp_path / "mine")["toxicity"]["threshold"]
    assert policy.review["toxicity"] == round(threshold, 2) and policy.review["toxicity"] <= policy.reject["toxicity"]
    assert f"--trust-models --policy {policy_path}" in done.output
    assert f"--policy {policy_path}" in (tmp_path / "mine" / "toxicity-adapted.md").read_text()

    shipped = runner.invoke(main, ["score", "--input", str(tmp_path / "t.csv"), "--out", str(tmp_path / "s.csv")])
    assert shipped.exit_code == 0, shipped.output
    modelstore.load.cache_clear()
    scoring.default_scorer.cache_clear()
    refused = runner.invoke(main, ["score", "--input", str(tmp_path / "t.csv"), "--out", str(tmp_path / "r.csv"),
                                   "--models", str(tmp_path / "mine")])
    assert refused.exit_code == 1 and "--trust-models" in refused.output
    modelstore.load.cache_clear()
    scoring.default_scorer.cache_clear()
    mine = runner.invoke(main, ["score", "--input", str(tmp_path / "t.csv"), "--out", str(tmp_path / "m.csv"),
                                "--models", str(tmp_path / "mine"), "--trust-models"])
    assert mine.exit_code == 0, mine.output
    before, after = pd.read_csv(tmp_path / "s.csv"), pd.read_csv(tmp_path / "m.csv")
    assert after.toxicity[0] > 0.5 > before.toxicity[0]
    # the models the folder does not hold are the shipped ones
    assert after.sentiment_score.tolist() == before.sentiment_score.tolist()
    assert after.conspiracy.tolist() == before.conspiracy.tolist()
    # QA: `report --models DIR` without DIR's policy moderated the adapted scale under the default's 0.80, unsaid
    page = tmp_path / "pages" / "p.txt"
    page.parent.mkdir()
    page.write_text(wordpress_page("Budget", [("Ann", "only a snowflake would write this here")]), encoding="utf-8")
    for policy, noted in (([], True), (["--policy", str(policy_path)], False)):
        run = runner.invoke(main, ["report", str(page.parent), "--out", str(tmp_path / "out"), "--formats", "none",
                                   "--models", str(tmp_path / "mine"), "--trust-models", *policy])
        assert run.exit_code == 0, run.output
        assert (f"note: the toxicity model in {tmp_path / 'mine'} is adapted to your labels, a scale of its own, and "
                f"the default policy's toxicity thresholds are set for the shipped model: use --policy {policy_path}"
                in run.output) is noted


def test_cli_names_the_row_of_a_label_it_cannot_read(tmp_path):
    labels = desk_labels()
    labels.loc[7, "label"] = "spam"
    labels.to_csv(tmp_path / "labels.csv", index=False)
    done = CliRunner().invoke(main, ["adapt", "--input", str(tmp_path / "labels.csv"), "--label-column", "label",
                                     "--out", str(tmp_path / "mine")])
    assert done.exit_code == 1
    assert "labels.csv: 1 label is not one of" in done.output and "'spam' (data row 8)" in done.output
    assert not (tmp_path / "mine").exists()


@pytest.mark.parametrize("columns, option", [(("comment", "label"), "--text-column"), (("text", "verdict"), "--label-column")])
def test_cli_points_a_missing_column_to_its_option(tmp_path, columns, option):
    """QA: a table without a `text` column did not say that --text-column names another one."""
    pd.DataFrame({columns[0]: ["hello"], columns[1]: ["approve"]}).to_csv(tmp_path / "t.csv", index=False)
    done = CliRunner().invoke(main, ["adapt", "--input", str(tmp_path / "t.csv"), "--label-column", "label",
                                     "--out", str(tmp_path / "mine")])
    assert done.exit_code == 2 and done.output.rstrip().endswith(f"; name yours with {option}")


def test_models_folder_without_a_manifest_is_refused(tmp_path):
    pd.DataFrame({"text": ["hello"]}).to_csv(tmp_path / "t.csv", index=False)
    done = CliRunner().invoke(main, ["score", "--input", str(tmp_path / "t.csv"), "--out", str(tmp_path / "o.csv"),
                                     "--models", str(tmp_path)])
    assert done.exit_code == 2 and "no MANIFEST.json" in done.output


def test_the_shipped_models_folder_is_refused_as_out(tmp_path):
    desk_labels().to_csv(tmp_path / "labels.csv", index=False)
    shipped = modelstore.read_manifest()
    done = CliRunner().invoke(main, ["adapt", "--input", str(tmp_path / "labels.csv"), "--label-column", "label",
                                     "--out", str(modelstore.MODELS_DIR)])
    assert done.exit_code == 2 and "shipped models' folder" in done.output
    assert modelstore.read_manifest() == shipped


def test_texts_labelled_both_ways_are_counted_and_said():
    labels = desk_labels()
    clash = pd.DataFrame({"text": labels.text[:30], "label": labels.label[:30].map({"reject": "approve",
                                                                                   "approve": "reject"})})
    adapted = adapt.adapt_toxicity(pd.concat([labels, clash]).text.tolist(), pd.concat([labels, clash]).label.tolist())
    assert adapted.conflicting == 30
    assert "30 texts are labelled both toxic and not" in adapt.summary(adapted)
    assert "30 texts are labelled both toxic and not" in adapt.card(adapted, "labels.csv")


def test_adapting_from_our_queue_csv_reads_the_comments_without_the_formula_guard(tmp_path):
    """queue.csv puts a ' before text a spreadsheet would run ("=cmd"); the comment itself has none."""
    labels = desk_labels()
    labels["text"] = "=" + labels.text  # as if every comment started so
    labels.to_json(tmp_path / "queue.jsonl", orient="records", lines=True)
    labels.assign(text="'" + labels.text).to_csv(tmp_path / "queue.csv", index=False)
    cards = []
    for name in ("queue.csv", "queue.jsonl"):
        done = CliRunner().invoke(main, ["adapt", "--input", str(tmp_path / name), "--label-column", "label",
                                         "--out", str(tmp_path / name.replace(".", "_"))])
        assert done.exit_code == 0, done.output
        card = (tmp_path / name.replace(".", "_") / "toxicity-adapted.md").read_text()
        cards.append([line for line in card.splitlines() if line.startswith(("|", "("))])  # numbers, counts
    assert cards[0] == cards[1]  # the same comments, the same split, the same numbers


def test_near_duplicate_reposts_stay_on_one_side_of_the_held_out_split():
    """"Great article!!" and "great article!" are one comment reposted: split apart, the held-out fifth
    would measure memory, not learning."""
    for i in range(60):
        base = f"Great article number {i}, thanks"
        reposts = [base, base.upper() + "!!", f"  great   article number {i} thanks...", f"GREAT ARTICLE NUMBER {i}: THANKS!"]
        sides = adapt.heldout(reposts)
        assert sides.all() or not sides.any(), reposts
    share = adapt.heldout([f"comment {i}" for i in range(2000)]).mean()
    assert 0.17 < share < 0.23  # still about a fifth
    # texts of punctuation or emoji alone are not all one text
    assert len({adapt.same_text_key(t) for t in ("👍", "😡", "!!!", "???")}) == 4
    assert adapt.same_text_key("Ｇｒｅａｔ  ARTICLE!!") == adapt.same_text_key("great article") == "great article"


@pytest.mark.parametrize("threshold, review, reject", [(0.36, 0.36, 0.90), (0.8, 0.8, 0.97), (0.1, 0.1, 0.86),
                                                        (0.9, 0.9, 0.98)])
def test_the_adapted_policy_is_the_default_but_for_toxicity_thresholds_on_the_adapted_scale(threshold, review,
                                                                                           reject):
    """Review at the adapted model's best-F1 threshold; reject as far up the rest of the way to 1.0 as the
    default's 0.97 is from 0.80. Every other rule is the default's."""
    import dataclasses
    import types

    heldout = adapt.HeldOut(rows=80, toxic=20, auc_shipped=0.8, auc_adapted=0.85, auc_profanity_check=0.7,
                            ap_shipped=0.5, ap_adapted=0.6, f1_shipped=0.5, f1_adapted=0.61, brier_shipped=0.2,
                            brier_adapted=0.15, auc_change_interval=(0.01, 0.09))
    adapted = types.SimpleNamespace(model=types.SimpleNamespace(threshold=threshold), heldout=heldout)
    text = adapt.adapted_policy(adapted, "decisions.csv", "mine")
    policy, default = parse_policy(text), load_policy()
    assert (policy.review["toxicity"], policy.reject["toxicity"]) == (review, reject)
    same = lambda p: dataclasses.replace(p, review={**p.review, "toxicity": 0}, reject={**p.reject, "toxicity": 0},  # noqa: E731
                                         source="", sha256="")
    assert same(policy) == same(default)
    assert "F1 0.610 there" in text and "--policy mine/policy.toml" in text
