"""The external sort behind the moderation queue: exactly `sorted`, in bounded memory, no litter."""
from __future__ import annotations

import random

import pytest

from comments.export import queue_order
from comments.extsort import external_sort


def rows(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    return [{"priority": rng.choice([0.3333, 0.5, 0.6667, 0.9, rng.random()]), "article_id": f"a{rng.randrange(20)}",
             "comment_index": rng.randrange(50), "comment_id": f"{rng.getrandbits(64):016x}",
             "text": "é" * rng.randrange(30)} for _ in range(n)]


@pytest.mark.parametrize("n, memory, fan_in", [(2_000, 1 << 30, 64), (2_000, 2_000, 64), (1_000, 300, 3),
                                               (200, 1, 2)])
def test_equals_sorted_whatever_the_memory_budget(tmp_path, n, memory, fan_in):
    data = rows(n)
    got = list(external_sort(iter(data), queue_order, tmp_dir=tmp_path, memory=memory, fan_in=fan_in))
    assert got == sorted(data, key=queue_order)
    assert list(tmp_path.iterdir()) == []  # every run file removed


def test_is_stable_like_sorted(tmp_path):
    data = [{"k": i % 3, "order": i} for i in range(500)]
    got = list(external_sort(data, lambda r: r["k"], tmp_dir=tmp_path, memory=200, fan_in=4))
    assert got == sorted(data, key=lambda r: r["k"])


def test_spills_runs_while_sorting_and_cleans_up_when_stopped_early(tmp_path):
    merged = external_sort(rows(3_000), queue_order, tmp_dir=tmp_path, memory=5_000, fan_in=1000)
    first = next(merged)
    assert first == min(rows(3_000), key=queue_order)
    assert len(list(tmp_path.iterdir())) > 50  # the input did not fit: it went to disk in runs
    merged.close()  # as on Ctrl-C or an error while writing the queue
    assert list(tmp_path.iterdir()) == []


def test_empty_input(tmp_path):
    assert list(external_sort([], queue_order, tmp_dir=tmp_path, memory=10)) == []
