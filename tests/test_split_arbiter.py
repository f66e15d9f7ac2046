"""The splitter's arbiter between its rules and its learned line labeller (comments/split_arbiter.py): the shipped
model loads offline and is deterministic, keeps the rules' reading where they know the layout, and takes the
labeller's where the rules misread a section."""
import dataclasses
from pathlib import Path

import numpy as np

from comments import modelstore, split
from comments import split_arbiter as sa
from comments.split import split_text

from test_split import ARTICLE

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

COMMENTS = [
    ("quietriver", "I think the council should have waited for the engineers' report before voting on this."),
    ("Hannah Okafor", "This pier has been falling apart for a decade, glad something is finally happening."),
    ("copper_77", "Two summers of construction noise right next to the harbour cafes. Great."),
    ("Mateo S.", "The fishing fleet deserves a safe place to land their catch, full stop."),
    ("lunarcedar", "Does anyone know whether the ferry will still stop at the eastern end?"),
]
BADGES = ["金融从业者", "", "自由撰稿人", "", "历史爱好者"]  # a profession line under some names


def _answers_page() -> str:
    """An answer list (name, an optional profession line, the text, "发布于 <time>", counters): the rules take
    the time line's verb for the author."""
    blocks = [f"{a}\n" + (f"{BADGES[i]}\n" if BADGES[i] else "") + f"{t}\n发布于 2024-03-{i + 10} 14:0{i}\n"
              f"赞同 {i * 7} · 评论 {i} · 分享 · 收藏\n" for i, (a, t) in enumerate(COMMENTS)]
    return ARTICLE + "\n\n" + "\n".join(blocks)


def _lines(text: str):
    return split._label_lines(text.split("\n"))


def test_shipped_model_loads_offline_small_and_ours():
    model = modelstore.load("split_arbiter")
    assert isinstance(model, sa.SplitArbiter)
    entry = modelstore.read_manifest()["split_arbiter"]
    path = modelstore.MODELS_DIR / entry["file"]
    assert path.stat().st_size < 1_000_000
    assert modelstore._sha256(path) == entry["sha256"]
    assert model.coef.shape == (len(sa.FEATURE_NAMES),) and model.gate_coef.shape == (len(sa.RULES_FEATURES),)


def test_deterministic():
    """The same page gives the same split, and a fresh load of the model file the same readings."""
    import joblib

    text = _answers_page()
    assert split_text(text, id="a").to_dict() == split_text(text, id="a").to_dict()
    shipped = modelstore.load("split_arbiter")
    fresh = joblib.load(modelstore.MODELS_DIR / modelstore.read_manifest()["split_arbiter"]["file"])
    lines = _lines(text)
    (a, shapes_a), (b, shapes_b) = sa.read_page(shipped.tagger, lines), sa.read_page(fresh.tagger, lines)
    assert shapes_a == shapes_b and a.confidence == b.confidence and a.comments == b.comments


def test_takes_the_labellers_reading_where_the_rules_misread_the_section():
    text = _answers_page()
    by_rules = split_text(text, id="p", arbitrate=False).comments
    assert [c.author for c in by_rules] != [a for a, _ in COMMENTS]  # the rules' authors are "发布于"
    model = modelstore.load("split_arbiter")
    lines = _lines(text)
    assert not sa.rules_certain(lines, by_rules)
    learned = sa.choose(model, lines, by_rules)
    assert learned is not None
    assert [(c.author, c.text) for c in learned.comments] == COMMENTS


def test_split_text_uses_the_arbiter():
    page = split_text(_answers_page(), id="p")
    assert [(c.author, c.text) for c in page.comments] == COMMENTS
    assert page.article_body == ARTICLE


def test_keeps_the_rules_reading_on_a_known_layout():
    (path,) = EXAMPLES.glob("002_*.txt")  # the Japan Today seed page
    text = path.read_text(encoding="utf-8")
    by_rules = split_text(text, id="jt", arbitrate=False).comments
    assert len(by_rules) == 9  # its nine comments
    model = modelstore.load("split_arbiter")
    assert sa.choose(model, _lines(text), by_rules) is None


def test_keeps_the_rules_where_the_arbiter_weighs_against_the_labeller():
    """With the gate open and the arbiter's weights against the labeller, the rules' reading stays; with them
    for it, the labeller's reading is taken: the decision is the arbiter's, not the labeller's alone."""
    model = modelstore.load("split_arbiter")
    text = _answers_page()
    lines = _lines(text)
    rules = split_text(text, id="p", arbitrate=False).comments
    open_gate = dict(gate_coef=np.zeros_like(model.gate_coef), gate_intercept=10.0)
    against = dataclasses.replace(model, **open_gate, coef=np.zeros_like(model.coef), intercept=-10.0)
    for_it = dataclasses.replace(model, **open_gate, coef=np.zeros_like(model.coef), intercept=10.0)
    assert sa.choose(against, lines, rules) is None
    assert sa.choose(for_it, lines, rules) is not None


def test_a_page_without_comments_gets_none_from_either_reading():
    model = modelstore.load("split_arbiter")
    always = dataclasses.replace(model, gate_coef=np.zeros_like(model.gate_coef), gate_intercept=10.0,
                                 coef=np.zeros_like(model.coef), intercept=10.0)
    assert sa.choose(always, _lines(ARTICLE), []) is None  # the labeller finds no section of three comments
    assert split_text(ARTICLE, id="bare").comments == []
