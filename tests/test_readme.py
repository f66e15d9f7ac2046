"""The README's Python example runs as written, from a clone (with `examples/` beside it)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_python_example_in_the_readme_runs_as_written(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text("utf-8")
    [code] = re.findall(r"^```python\n(.*?)^```", readme, re.S | re.M)
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    names: dict = {}
    exec(compile(code, "README.md", "exec"), names)
    from comments.pipeline import ArticleResult

    # both library steps it names: the whole run, and the pure per-page step with the shipped scorer
    assert (tmp_path / "out" / "queue.csv").is_file() and (tmp_path / "out" / "run.json").is_file()
    assert isinstance(names["result"], ArticleResult) and names["result"].rows


def test_the_readme_says_how_pandas_reads_the_queue_with_its_ids_as_written(tmp_path, monkeypatch):
    """pandas turns a column of ids written in digits ("007") into numbers unless told not to."""
    import json

    import pandas as pd

    readme = (ROOT / "README.md").read_text("utf-8")
    [read] = re.findall(r'`(pd\.read_json\("queue\.jsonl"[^`]*\))`', readme)
    rows = [{"article_id": "007", "comment_id": "0123456789012345", "parent_comment_id": None, "posted": "2024",
             "toxicity": 0.5}, {"article_id": "008", "comment_id": "1123456789012345",
                                "parent_comment_id": "0123456789012345", "posted": "1", "toxicity": 0.25}]
    (tmp_path / "queue.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")
    monkeypatch.chdir(tmp_path)
    table = eval(read, {"pd": pd})
    for column in ("article_id", "comment_id", "posted"):
        assert table[column].tolist() == [row[column] for row in rows]
    assert table["parent_comment_id"][1] == "0123456789012345" and table["toxicity"].dtype == float


def test_the_readme_attaches_scores_one_row_per_text_even_where_the_index_repeats():
    """QA 12: the README joined the scores with `table.join(...)`; on a table whose index repeats a label (two
    tables put together with pd.concat) that gave every text every score of its label: 4 rows became 8, and
    "Great" carried "You idiot"'s toxicity."""
    import pandas as pd

    import comments

    readme = (ROOT / "README.md").read_text("utf-8")
    [attach] = re.findall(r'^(table = .*comments\.score\(table\["text"\]\).*?)(?:\s+#.*)?$', readme, re.M)
    table = pd.concat([pd.DataFrame({"text": ["You idiot", "Thanks"]}), pd.DataFrame({"text": ["Great", "Lovely"]})])
    names = {"pd": pd, "comments": comments, "table": table}
    exec(attach, names)
    scored = names["table"]
    assert scored["text"].tolist() == ["You idiot", "Thanks", "Great", "Lovely"]
    assert scored["toxicity"].tolist() == comments.score(["You idiot", "Thanks", "Great", "Lovely"])["toxicity"].tolist()
