"""The generated comment layouts of training/layouts.py: stable pages, every layout present, gold that is on the page."""
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from training import layouts

# sha256 of the pages up to the sixteenth blind set (ids g0001..g1232; `meta` left out, since a set's `held_out` flag
# changes when it is unblinded). A new set's pages go after these, so this must not change: a blind set measured
# once is only comparable across rounds if its pages stay byte-identical.
PAGES_THROUGH_SIXTEENTH = 1232
DIGEST_THROUGH_SIXTEENTH = "bbde66d8d3052d5015c4460472e61b534c73012f4e7b1f150a39cab162802fa5"
# The same through the seventeenth set (ids g0001..g1312), measured blind at git 518cd33.
PAGES_THROUGH_SEVENTEENTH = 1312
DIGEST_THROUGH_SEVENTEENTH = "e9cf832713a298b15fef84eb44d0c767b143b991c796bc40484e6743dd2d2ab8"


@lru_cache(maxsize=1)
def _pages(pages_dir: Path) -> tuple[dict, ...]:
    return tuple(layouts.generate(pages_dir))


def _digest(pages) -> str:
    h = hashlib.sha256()
    for p in pages:
        kept = {k: p[k] for k in ("id", "layout", "text", "article_body", "comments")}
        h.update(json.dumps(kept, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return h.hexdigest()


def test_earlier_pages_stay_byte_identical(shared_pages):
    pages = _pages(shared_pages)
    assert _digest(pages[:PAGES_THROUGH_SIXTEENTH]) == DIGEST_THROUGH_SIXTEENTH
    assert _digest(pages[:PAGES_THROUGH_SEVENTEENTH]) == DIGEST_THROUGH_SEVENTEENTH
    # the newest sets come last, in the order they were written
    newest = (*layouts.HELD_OUT_SIXTEENTH, *layouts.HELD_OUT_SEVENTEENTH)
    assert [p["layout"] for p in pages[-len(newest) * layouts.PAGES_PER_LAYOUT:]] == [
        name for name in newest for _ in range(layouts.PAGES_PER_LAYOUT)]


def test_every_layout_has_its_pages(shared_pages):
    pages = _pages(shared_pages)
    counts = {}
    for p in pages:
        counts[p["layout"]] = counts.get(p["layout"], 0) + 1
    assert counts == {**{name: layouts.PAGES_PER_LAYOUT for name in layouts.LAYOUTS}, "none": layouts.NO_COMMENT_PAGES}
    assert len({p["id"] for p in pages}) == len(pages)
    assert all(p["comments"] for p in pages if p["layout"] != "none")


def test_gold_is_on_the_page(shared_pages):
    """Every gold author, time and text paragraph is shown on its page, and replies point to earlier comments."""
    for p in _pages(shared_pages):
        for k, c in enumerate(p["comments"]):
            shown = [c["author"], *([c["posted"]] if c["posted"] else []), *c["text"].split("\n")]
            missing = [piece for piece in shown if piece not in p["text"]]
            assert not missing, (p["id"], p["layout"], missing)
            assert c["parent"] is None or 0 <= c["parent"] < k, (p["id"], k)
            assert c["parent"] is None or layouts.LAYOUTS[p["layout"]][1], (p["id"], k)
