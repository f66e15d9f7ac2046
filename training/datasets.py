"""Loaders for the labelled sets in ../shared/data (see its INDEX.md for formats and quirks).

Every loader returns a pandas DataFrame with a `text` column plus its labels, cleaned the same way
at training and evaluation time. Sections below are grouped by the model that uses them.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("COMMENTS_SHARED", REPO.parent / "shared"))
DATA = SHARED / "data"
REPORTS = REPO / "reports"


def require_data() -> Path:
    if not DATA.is_dir():
        raise SystemExit(f"{DATA}: labelled data not found (set COMMENTS_SHARED to the shared/ folder)")
    return DATA


def stable_fold(text: str, n: int = 5) -> int:
    """A deterministic fold in [0, n) from the text itself, for held-out splits we make ourselves."""
    return int(hashlib.sha1(" ".join(text.lower().split()).encode("utf-8")).hexdigest()[:8], 16) % n


# --- sentiment --------------------------------------------------------------------------------
# Every sentiment loader returns `text`, `label` (-1 negative / 0 neutral / +1 positive, the INDEX.md
# conventions) and `source`; VADER ground truth adds `mean` (-4..+4) and `doc` (the editorial id).

VADER_PARTS = {"nyt": "nytEditorialSnippets", "tweets": "tweets", "amazon": "amazonReviewSnippets",
               "movie": "movieReviewSnippets"}


def normalise_text(text: str) -> str:
    """Lower-cased alphanumerics and single spaces: the key for deduplicating across sets."""
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _unescape_html(text: str) -> str:
    import html

    while (clean := html.unescape(text)) != text:  # a few texts are escaped twice (&amp;#38;)
        text = clean
    return text


def load_vader_groundtruth(part: str) -> pd.DataFrame:
    """VADER's gold sentiment (MIT): `part` is nyt, tweets, amazon or movie.

    Duplicate texts (with different means, sometimes) are merged into one row with the mean of means.
    """
    path = require_data() / "vader_groundtruth" / f"{VADER_PARTS[part]}_GroundTruth.txt"
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            ident, mean, text = line.split("\t", 2)
            rows.append((ident, float(mean), _unescape_html(text).strip()))
    df = pd.DataFrame(rows, columns=["id", "mean", "text"])
    df["doc"] = df["id"].str.split("_").str[0]
    df = (df.groupby("text", sort=False, as_index=False)
          .agg(id=("id", "first"), doc=("doc", "first"), mean=("mean", "mean")))
    df["label"] = (df["mean"] > 0.5).astype(int) - (df["mean"] < -0.5).astype(int)
    df["source"] = f"vader_{part}"
    return df[["id", "doc", "text", "mean", "label", "source"]]


def load_vader_ratings(part: str) -> dict[str, list[float]]:
    """The individual raters' ratings (-4..+4) of VADER's ground truth, by row id."""
    import ast

    path = require_data() / "vader_groundtruth" / f"{VADER_PARTS[part]}_anonDataRatings.txt"
    ratings = {}
    for line in path.read_text("utf-8-sig").splitlines():
        if line.strip():
            ident, _mean, _sd, raw = line.split("\t", 3)
            ratings[ident] = [float(r) for r in ast.literal_eval(raw)]
    return ratings


def nyt_split() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Our split of the NYT editorial snippets: (train, held-out).

    Whole editorials go to one side (sentences of one editorial share topic and tone), one in five
    by a hash of the editorial id; a held-out row whose normalised text also occurs in train is dropped.
    """
    df = load_vader_groundtruth("nyt")
    held = df["doc"].map(lambda d: stable_fold(f"nyt-editorial-{d}") == 0)
    train, dev = df[~held], df[held]
    seen = set(train["text"].map(normalise_text))
    dev = dev[~dev["text"].map(normalise_text).isin(seen)]
    return train.reset_index(drop=True), dev.reset_index(drop=True)


_PTB_UNDO = [("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("-LCB-", "{"),
             ("-RCB-", "}"), ("``", '"'), ("''", '"'), ("\\/", "/"), ("\\*", "*")]


def detokenize_ptb(tokens: list[str]) -> str:
    """PTB leaves back to plain text: brackets, quotes, escapes, clitics and punctuation spacing."""
    import re

    text = " ".join(tokens)
    for ptb, plain in _PTB_UNDO:
        text = text.replace(ptb, plain)
    text = re.sub(r" (n't|'s|'re|'ve|'m|'ll|'d)\b", r"\1", text, flags=re.I)
    text = re.sub(r" ([.,;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    return text.strip()


def _sst_phrases(line: str) -> list[tuple[int, list[str]]]:
    """(label, leaves) of every node of one PTB tree, children before parents, the root last."""
    import re

    tokens = re.findall(r"\(|\)|[^\s()]+", line)
    stack: list[list] = []
    nodes = []
    for prev, tok in zip(["("] + tokens, tokens):
        if tok == "(":
            stack.append([None, []])
        elif tok == ")":
            label, words = stack.pop()
            nodes.append((label, words))
            if stack:
                stack[-1][1].extend(words)
        elif prev == "(":
            stack[-1][0] = int(tok)
        else:
            stack[-1][1].append(tok)
    return nodes


def load_sst(split: str) -> pd.DataFrame:
    """Stanford Sentiment Treebank sentences (no license stated): `split` is train or dev.

    train.txt has the dev trees appended after its 8,544 train trees: only those are read.
    """
    lines = (require_data() / "sst_stanford_sentiment_treebank" / "trees" / f"{split}.txt") \
        .read_text("utf-8").splitlines()
    if split == "train":
        lines = lines[:8544]
    rows = []
    for line in lines:
        root, leaves = _sst_phrases(line)[-1]
        rows.append((detokenize_ptb(leaves), root, (root >= 3) - (root <= 1)))
    df = pd.DataFrame(rows, columns=["text", "fine", "label"])
    df["source"] = f"sst_{split}"
    return df


def load_sst_phrases(min_words: int = 2) -> pd.DataFrame:
    """The labelled phrases inside the SST train trees (not the whole sentences), deduplicated."""
    lines = (require_data() / "sst_stanford_sentiment_treebank" / "trees" / "train.txt") \
        .read_text("utf-8").splitlines()[:8544]
    phrases: dict[str, int] = {}
    for line in lines:
        for label, words in _sst_phrases(line)[:-1]:
            if len(words) >= min_words:
                phrases.setdefault(detokenize_ptb(words), label)
    df = pd.DataFrame(list(phrases.items()), columns=["text", "fine"])
    df["label"] = (df["fine"] >= 3).astype(int) - (df["fine"] <= 1).astype(int)
    df["source"] = "sst_train_phrases"
    return df


def load_sst_word_polarity() -> dict[str, int]:
    """A word and bigram polarity lexicon (-2..+2, polar entries only) from the SST train tree nodes of 1-2 words."""
    lines = (require_data() / "sst_stanford_sentiment_treebank" / "trees" / "train.txt") \
        .read_text("utf-8").splitlines()[:8544]
    lexicon: dict[str, int] = {}
    for line in lines:
        for label, words in _sst_phrases(line):
            if len(words) <= 2:
                lexicon.setdefault(" ".join(w.lower() for w in words), label - 2)
    return {k: v for k, v in lexicon.items() if v != 0}


def load_tweeteval_sentiment() -> pd.DataFrame:
    """TweetEval sentiment val split (no license stated; the only split here, so dev-eval only)."""
    import html

    folder = require_data() / "tweeteval" / "sentiment"
    texts = (folder / "val_text.txt").read_text("utf-8").split("\n")[:-1]
    labels = (folder / "val_labels.txt").read_text("utf-8").split("\n")[:-1]
    df = pd.DataFrame({"text": [html.unescape(t.strip()) for t in texts],
                       "label": [int(x) - 1 for x in labels]})
    df["source"] = "tweeteval_sentiment_val"
    return df


# --- toxicity ---------------------------------------------------------------------------------

def decode_kaggle_comment(s: str) -> str:
    """Undo the Kaggle insults escaping (quoted Python literal, escaped up to 4 levels, HTML); see INDEX.md."""
    import html
    import re

    import ftfy

    if len(s) >= 2 and s[0] == s[-1] == '"':
        s = s[1:-1]
    escape = re.compile(r'\\(U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[nrt\\\'"])')

    def unescape(m: re.Match) -> str:
        e = m.group(1)
        if e[0] in "Uux":
            return chr(int(e[1:], 16))
        return {"n": "\n", "r": "\r", "t": "\t"}.get(e, e)

    for _ in range(5):
        t = escape.sub(unescape, s)
        if t == s:
            break
        s = t
    s = s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")  # surrogate pairs
    s = ftfy.fix_encoding(s)
    s = re.sub(r"<br\s*/?>", "\n", s, flags=re.I)
    s = re.sub(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>", "", s)
    return html.unescape(s).strip()


def kaggle_insults(split: str) -> pd.DataFrame:
    """Kaggle insults news comments; split 'train' or 'test' (test_with_solutions). Columns text, insult."""
    name = {"train": "train.csv", "test": "test_with_solutions.csv"}[split]
    df = pd.read_csv(require_data() / "kaggle_insults_impermium" / name, dtype=str, keep_default_na=False)
    return pd.DataFrame({"text": df["Comment"].map(decode_kaggle_comment), "insult": df["Insult"].astype(int)})


def toxic_spans_semeval(split: str) -> pd.DataFrame:
    """SemEval-2021 toxic spans, split 'train' or 'trial'. Columns text, spans (sorted char offsets)."""
    import json

    df = pd.read_csv(require_data() / "civil_comments_toxic_spans" / "SemEval2021" / "data" / f"tsd_{split}.csv",
                     dtype=str, keep_default_na=False)
    return pd.DataFrame({"text": df["text"], "spans": df["spans"].map(lambda s: sorted(set(json.loads(s))))})


TOXIC_SPAN_TYPES = {"Insult": "insult", "Insu": "insult", "Profane/Obscene": "obscene", "Threat": "threat",
                    "Identity based Attack": "identity_attack", "Identity based ": "identity_attack",
                    "Other toxicity": "other"}


def toxic_spans_raw() -> pd.DataFrame:
    """Civil Comments posts (all rated toxic upstream) with per-post annotator fractions.

    Columns: text, raters, all_toxic, not_toxic (fraction of raters ticking each box) and, per span
    type (insult, obscene, threat, identity_attack, other), the fraction of raters who marked a span of it.
    """
    base = require_data() / "civil_comments_toxic_spans" / "data"
    comments = pd.read_csv(base / "comments.csv", dtype={"comment_text": str}, keep_default_na=False)
    ann = pd.read_csv(base / "annotations.csv", keep_default_na=False)
    spans = pd.read_csv(base / "spans.csv", keep_default_na=False)
    for col in ("all toxic", "not toxic"):
        ann[col] = ann[col].astype(str).eq("True")
    spans["kind"] = spans["type"].map(TOXIC_SPAN_TYPES).fillna("other")
    marked = spans[["annotation", "kind"]].drop_duplicates().merge(ann[["annotation", "comment_id"]], on="annotation")
    kinds = marked.groupby(["comment_id", "kind"]).size().unstack(fill_value=0)
    per_post = ann.groupby("comment_id").agg(raters=("annotation", "size"), all_toxic=("all toxic", "mean"),
                                             not_toxic=("not toxic", "mean"))
    out = per_post.join(kinds, how="left").fillna(0)
    for kind in sorted(set(TOXIC_SPAN_TYPES.values())):
        out[kind] = out[kind] / out["raters"] if kind in out else 0.0
    out = comments.set_index("comment_id").join(out, how="inner").reset_index()
    out = out.rename(columns={"comment_text": "text"}).drop_duplicates("text")
    cols = ["text", "raters", "all_toxic", "not_toxic", *sorted(set(TOXIC_SPAN_TYPES.values()))]
    return out[cols].reset_index(drop=True)


def davidson() -> pd.DataFrame:
    """Davidson et al. tweets. Columns text, label (0 hate / 1 offensive / 2 neither), hate_votes, count."""
    import html

    df = pd.read_csv(require_data() / "davidson_hate_offensive" / "labeled_data.csv")
    return pd.DataFrame({"text": df["tweet"].astype(str).map(html.unescape), "label": df["class"],
                         "hate_votes": df["hate_speech"], "count": df["count"]})


def tweeteval(task: str, split: str) -> pd.DataFrame:
    """A TweetEval task ('offensive', 'hate', ...) split ('train', 'val', 'test'). Columns text, label."""
    import html

    base = require_data() / "tweeteval" / task
    texts = (base / f"{split}_text.txt").read_text("utf-8").split("\n")[:-1]
    labels = (base / f"{split}_labels.txt").read_text("utf-8").split("\n")[:-1]
    assert len(texts) == len(labels), f"{base}/{split}: {len(texts)} texts vs {len(labels)} labels"
    return pd.DataFrame({"text": [html.unescape(t.strip()) for t in texts], "label": [int(x) for x in labels]})


def ucc_val() -> pd.DataFrame:
    """Unhealthy Comments Corpus val split (CC BY-NC-SA: evaluation only). Columns text, hostile, unhealthy, ..."""
    df = pd.read_csv(require_data() / "ucc_unhealthy_comments" / "val.csv", keep_default_na=False)
    out = pd.DataFrame({"text": df["comment"].astype(str)})
    for col in ("hostile", "antagonize", "healthy"):
        out[col] = df[col].astype(int)
    out["unhealthy"] = 1 - out["healthy"]
    return out


# --- conspiracy -------------------------------------------------------------------------------
# The PAN 2024 texts are spaCy-tokenised (tokens joined by single spaces: "do n't", "( CDC )",
# URLs as "https :// t . me / x"); we undo that so training text looks like the comments we score.
_SPACY_URL = re.compile(
    r"(?:\bhttps? :// |\bwww \. |\bt \. me / )\S+(?: (?:[./\-?=&_#%:~+]+ )?(?:[./\-?=&_#%:~+]|\w+))*")
_SPACY_CLITIC = re.compile(r"(\w) (n['’]t|['’](?:s|re|ve|ll|d|m))(?!\w)", re.IGNORECASE)
_SPACY_SPACE_BEFORE = re.compile(r" +([.,!?;:%)\]}…])")
_SPACY_SPACE_AFTER = re.compile(r"([(\[{$#@]) +")
_SPACY_HYPHEN = re.compile(r"(\w) - (?=\w)")


def detokenise_spacy(text: str) -> str:
    """Undo spaCy's space-joined tokens closely enough for word features (URLs become "<url>")."""
    text = _SPACY_URL.sub("<url>", text)
    text = _SPACY_CLITIC.sub(r"\1\2", text)
    text = _SPACY_SPACE_BEFORE.sub(r"\1", text)
    text = _SPACY_SPACE_AFTER.sub(r"\1", text)
    text = _SPACY_HYPHEN.sub(r"\1-", text)
    return " ".join(text.split())


def load_pan2024_conspiracy(language: str = "en") -> pd.DataFrame:
    """PAN 2024 oppositional thinking (CC BY-SA 4.0): `text`, `label` (1 CONSPIRACY, 0 CRITICAL),
    `spans` (list of (category, detokenised span text)), `id`."""
    path = require_data() / "pan2024_oppositional_conspiracy" / f"dataset_{language}_test.json"
    rows = []
    for entry in json.loads(path.read_text("utf-8")):
        spans = [(a["category"], detokenise_spacy(a["span_text"])) for a in entry["annotations"]
                 if a["category"] != "X"]
        rows.append({"id": entry["id"], "text": detokenise_spacy(entry["text"]),
                     "label": int(entry["category"] == "CONSPIRACY"), "spans": spans})
    return pd.DataFrame(rows)


def load_covid_vaccine_conspiracy() -> pd.DataFrame:
    """COVID-vaccine comments (MIT, latin-1 bytes): `text`, `label` (1 conspiracy, 0 not)."""
    path = require_data() / "covid_vaccine_conspiracy_comments" / "finaldataset_y.csv"
    frame = pd.read_csv(path, encoding="latin-1")
    frame = frame.rename(columns={"comments": "text"})[["text", "label"]]
    frame["text"] = frame["text"].fillna("").astype(str).map(lambda t: " ".join(t.split()))
    frame = frame[frame["text"] != ""]
    # 34 texts recur; a few carry both labels: keep one copy of each text, none of the contradictory ones
    contradictory = frame.groupby("text")["label"].transform("nunique") > 1
    return frame[~contradictory].drop_duplicates("text").reset_index(drop=True)
