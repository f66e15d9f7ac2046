"""Which ordinary words the default word lists catch: the false-hit check of the list matcher.

    python benchmarks/wordlist_false_hits.py [--dictionary /usr/share/dict/words] [--report FILE]

Two corpora, each word read on its own and each comment whole:
- a dictionary (Debian's `wamerican` word list, if installed): every word the lists match that is not the
  listed word or its plural (`comments.policy.plural`), e.g. "spices" for "spic" under the old "e?s" rule;
- the comments of ../shared/data (Kaggle insults, Civil Comments spans, Davidson, TweetEval offensive and
  hate, UCC): every match that is not written as the listed word or its plural, counted by how it was
  written (a disguise: "f*ck", "sh1t", or a false hit: a real word caught by a disguise rule).
It also counts the dictionary words the old plural rule ("-s" or "-es" after any word) caught that the
English rule does not. The output lists words for a person to judge; nothing here tunes the lists.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from comments.atomic import write_text  # noqa: E402
from comments.policy import is_as_listed, load_policy, plural, word_key  # noqa: E402


def comment_texts() -> list[str]:
    from training import datasets as d

    texts = [*d.kaggle_insults("train").text, *d.kaggle_insults("test").text, *d.toxic_spans_raw().text,
             *d.davidson().text, *d.tweeteval("offensive", "train").text, *d.tweeteval("hate", "train").text,
             *d.ucc_val().text]
    return list(dict.fromkeys(texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dictionary", default="/usr/share/dict/words")
    parser.add_argument("--report", help="also write the lines to this file")
    args = parser.parse_args()
    policy = load_policy()
    lines = []

    path = Path(args.dictionary)
    if path.exists():
        words = sorted({w for w in path.read_text("utf-8").split() if "'" not in w})
        hits = defaultdict(set)
        for word in words:
            for m in policy.find_words(word):
                if not is_as_listed(m.word, m.written):
                    hits[m.word].add(m.written)
        lines.append(f"## {path} ({len(words):,} words): words matched that are not the listed word or its plural")
        lines += [f"- {w}: {', '.join(sorted(hits[w]))}" for w in sorted(hits)] or ["- none"]
        old = defaultdict(set)  # what the old plural rule, any word + "s" or "es", caught beyond the English one
        for listed in (*policy.banned, *policy.suspect):
            key = word_key(listed)
            for word in words:
                lower = word.lower()
                if re.fullmatch(re.escape(key) + "e?s", lower) and lower != plural(key):
                    old[listed].add(word)
        lines.append("## dictionary words the old plural rule (\"e?s\") matched and the English rule does not")
        lines += [f"- {w}: {', '.join(sorted(old[w]))}" for w in sorted(old)] or ["- none"]
    else:
        lines.append(f"## {path}: not installed (`apt-get install wamerican`), dictionary check skipped")

    texts = comment_texts()
    written: dict[str, Counter] = defaultdict(Counter)
    plain = Counter()
    for text in texts:
        for m in policy.find_words(text):
            if is_as_listed(m.word, m.written):
                plain[m.word] += 1
            else:
                written[m.word][m.written] += 1
    lines.append(f"## ../shared/data comments ({len(texts):,}): matches not written as the listed word or its plural")
    for word in sorted(written, key=lambda w: -sum(written[w].values())):
        shown = ", ".join(f'"{w}" {n}' for w, n in written[word].most_common(12))
        lines.append(f"- {word} ({plain[word]} plain): {shown}")
    print("\n".join(lines))
    if args.report:
        write_text(args.report, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
