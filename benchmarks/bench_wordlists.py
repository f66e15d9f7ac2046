"""Word-list matching as a desk's lists grow: the policy's `WordFinder` against the earlier finder (the words
that begin with the character at each word start, as `comments` did before) and one regex alternation of
every word (the plain way), on the same comments, one core.

    python benchmarks/bench_wordlists.py [--comments 2000] [--report reports/bench_wordlists.md]

The lists are the default policy's words plus N more: a quarter real words of the comments (so there are
matches to find), the rest made-up words. CPU time of this process; "first pass" includes building the
per-position regexes the finder makes as it meets new starts of words, "warm" is the same comments again.
All three give the same matches (checked; the alternation only up to 300 words: it takes about
0.7 s per comment at 3,000).
"""
from __future__ import annotations

import argparse
import platform
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from common import news_comments  # noqa: E402
from comments.atomic import write_text  # noqa: E402
from comments.policy import WordFinder, _alternation, _first_letter, _word_groups, load_policy  # noqa: E402

SIZES = (0, 300, 3000, 20000)


def word_lists(texts: list[str], extra: int, seed: int = 1) -> tuple[tuple[str, ...], tuple[str, ...]]:
    rng = random.Random(seed)
    default = load_policy()
    vocab = sorted({w.lower().strip(".,!?\"'()") for t in texts for w in t.split()
                    if w.isalpha() and len(w) > 3})
    real = rng.sample(vocab, min(extra // 4, len(vocab)))
    made_up = ["".join(rng.choice("abcdefghiklmnoprstuy") for _ in range(rng.randint(4, 9)))
               for _ in range(extra - len(real))]
    return default.banned, tuple(dict.fromkeys((*default.suspect, *real, *made_up)))


class FirstCharacterFinder:
    """The earlier finder: at each place a word can begin, every word that begins with that character."""

    def __init__(self, banned: tuple[str, ...], suspect: tuple[str, ...]) -> None:
        self.groups = _word_groups(banned, suspect)
        firsts = sorted({_first_letter(word) for _, word in self.groups})
        self.starts = re.compile(rf"(?<![\w\u0300-\u036f])(?:{'|'.join(firsts)})", re.IGNORECASE)
        self.by_char: dict = {}

    def finditer(self, text: str):
        end = 0
        for start in self.starts.finditer(text):
            if start.start() < end:
                continue
            char = start.group()
            if char not in self.by_char:
                self.by_char[char] = _alternation([(n, w) for n, w in self.groups
                                                   if re.fullmatch(_first_letter(w), char, re.I)])
            m = self.by_char[char].match(text, start.start())
            if m:
                yield m
                end = m.end()


def timed(fn) -> tuple[float, object]:
    started = time.process_time()
    out = fn()
    return time.process_time() - started, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=2000)
    parser.add_argument("--report", type=Path, default=REPO / "reports" / "bench_wordlists.md")
    args = parser.parse_args()
    texts = news_comments(args.comments)
    rows = []
    for extra in SIZES:
        banned, suspect = word_lists(texts, extra)

        def spans(finditer):
            return [[(m.span(), m.lastgroup) for m in finditer(t)] for t in texts]

        finder = WordFinder(banned, suspect)
        first, found = timed(lambda: spans(finder.finditer))
        warm, again = timed(lambda: spans(finder.finditer))
        earlier = FirstCharacterFinder(banned, suspect)
        _, before = timed(lambda: spans(earlier.finditer))
        earlier_warm, before_again = timed(lambda: spans(earlier.finditer))
        assert again == found == before == before_again, "the finders disagree"
        plain = None
        if extra <= 300:
            alternation = _alternation(_word_groups(banned, suspect))
            plain, expected = timed(lambda: spans(alternation.finditer))
            assert expected == found, "the finder and the alternation disagree"
        per = lambda seconds: f"{seconds / len(texts) * 1e6:,.0f}"  # noqa: E731
        rows.append(f"| {len(banned) + len(suspect):,} | {sum(map(len, found)):,} | {per(first)} | {per(warm)} | "
                    f"{per(earlier_warm)} ({earlier_warm / warm:,.1f}x) | "
                    + (f"{per(plain)} ({plain / warm:,.0f}x) |" if plain is not None else "not run |"))
        print(rows[-1], flush=True)
    report = "\n".join([
        "# Word lists: matching time as the lists grow", "",
        f"Command: `python benchmarks/bench_wordlists.py --comments {args.comments}`. {len(texts):,} news comments "
        f"(../shared/data, or generated without it); machine: {platform.machine()}, Python {platform.python_version()}. "
        "CPU microseconds per comment, one core. Equal matches checked in the run.", "",
        "| words in the lists | matches | finder, first pass | finder, warm | earlier finder, warm (/ finder) | "
        "one alternation of every word (/ finder) |", "|---:|---:|---:|---:|---:|---:|", *rows, "",
        "The finder tries a word only where the text's next two characters (three after a separator) can begin "
        "it; the earlier finder every word that begins with the first of them; the alternation every word at every "
        "word start. The first pass builds one small regex per "
        "pair of characters met, once per process.", ""])
    write_text(args.report, report)
    print(f"-> {args.report}")


if __name__ == "__main__":
    main()
