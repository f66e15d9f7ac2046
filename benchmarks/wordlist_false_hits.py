"""Which ordinary words the default word lists catch: the false-hit check of the list matcher.

    python benchmarks/wordlist_false_hits.py [--dictionary /usr/share/dict/words] [--report FILE]

Two corpora, each word read on its own and each comment whole:
- a dictionary (Debian's `wamerican` word list, if installed): every word the lists match that is not the
  listed word or its plural (`comments.policy.plural`), e.g. "spices" for "spic" under the old "e?s" rule;
- the comments of ../shared/data (Kaggle insults, Civil Comments spans, Davidson, TweetEval offensive and
  hate, UCC): every match that is not written as the listed word or its plural, counted by how it was
  written (a disguise: "f*ck", "sh1t", or a false hit: a real word caught by a disguise rule).
It also counts the dictionary words the old plural rule ("-s" or "-es" after any word) caught that the
English rule does not, and, for each allowed phrase of the policy, the comments of ../shared/data in which it
took a listed word out and those it cleared of every listed word, with how many of them their dataset labels
toxic (Kaggle insult, every Civil Comments toxic-spans post (all were rated toxic upstream; the line says how many
of its span raters called it not toxic), Davidson hate or offensive, TweetEval offensive or hate, UCC hostile or
unhealthy): an allowed phrase must not let a toxic comment through. The gold comments of the ../shared/pages
dev corpus (news pages) are counted the same way.
The output lists words for a person to judge; nothing here tunes the lists.
"""
from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from comments.atomic import write_text  # noqa: E402
from comments.policy import is_as_listed, load_policy, plural, word_key  # noqa: E402


def labelled_comments() -> dict[str, str]:
    """The comments of ../shared/data, each once, with the toxic labels their datasets give them ("" for
    none; see the docstring). A Civil Comments post says how many of its span raters called it not toxic."""
    from training import datasets as d

    kaggle = [d.kaggle_insults("train"), d.kaggle_insults("test")]
    davidson, spans, ucc = d.davidson(), d.toxic_spans_raw(), d.ucc_val()
    offensive, hate = d.tweeteval("offensive", "train"), d.tweeteval("hate", "train")
    civil = [f"Civil Comments (not toxic to {round(share * n)} of {n} span raters)"
             for share, n in zip(spans.not_toxic, spans.raters)]
    sets = [*((k.text, k.insult.map({1: "Kaggle insult", 0: ""})) for k in kaggle), (spans.text, civil),
            (davidson.text, davidson.label.map({0: "Davidson hate", 1: "Davidson offensive", 2: ""})),
            (offensive.text, offensive.label.map({1: "TweetEval offensive", 0: ""})),
            (hate.text, hate.label.map({1: "TweetEval hate", 0: ""})),
            (ucc.text, ((ucc.hostile == 1) | (ucc.unhealthy == 1)).map({True: "UCC hostile or unhealthy",
                                                                         False: ""}))]
    toxic: dict[str, str] = {}
    for texts, labels in sets:
        for text, label in zip(texts, labels):
            toxic[text] = "; ".join(filter(None, (toxic.get(text, ""), label)))
    return toxic


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

    toxic = labelled_comments()
    texts = list(toxic)
    written: dict[str, Counter] = defaultdict(Counter)
    plain = Counter()
    without_allowed = dataclasses.replace(policy, allowed=())
    allowed_took = []  # (text, the matches the allowed phrases took out, whether any listed word is left)
    for text in texts:
        found = policy.find_words(text)
        if policy.allowed and len(every := without_allowed.find_words(text)) > len(found):
            allowed_took.append((text, [m for m in every if m not in found], bool(found)))
        for m in found:
            if is_as_listed(m.word, m.written):
                plain[m.word] += 1
            else:
                written[m.word][m.written] += 1
    lines.append(f"## ../shared/data comments ({len(texts):,}): matches not written as the listed word or its plural")
    for word in sorted(written, key=lambda w: -sum(written[w].values())):
        shown = ", ".join(f'"{w}" {n}' for w, n in written[word].most_common(12))
        lines.append(f"- {word} ({plain[word]} plain): {shown}")
    lines += allowed_section(policy, without_allowed, allowed_took, toxic)
    pages = page_comments()
    taken = [t for t in pages if len(without_allowed.find_words(t)) > len(policy.find_words(t))]
    lines.append(f"## ../shared/pages gold comments ({len(pages):,}): {len(taken)} had a listed word taken out by an "
                 "allowed phrase")
    print("\n".join(lines))
    if args.report:
        write_text(args.report, "\n".join(lines) + "\n")


def page_comments() -> list[str]:
    """The gold comments of the ../shared/pages dev corpus."""
    import json

    from training.datasets import SHARED

    return [c["text"] for path in sorted((SHARED / "pages").glob("*.json"))
            for c in json.loads(path.read_text("utf-8")).get("comments", [])]


def allowed_section(policy, without_allowed, took: list, toxic: dict[str, bool]) -> list[str]:
    """A line per allowed phrase: the comments in which it took a listed word out (of them labelled toxic)
    and those it cleared of every listed word (of them labelled toxic)."""
    lines = [f"## ../shared/data comments ({len(toxic):,}, {sum(map(bool, toxic.values())):,} labelled toxic): "
             "what each allowed phrase let through",
             "phrase: comments where it took a listed word out (labelled toxic) / comments it cleared of every "
             "listed word (labelled toxic)"]
    if not policy.allowed:
        return [*lines, "- the policy has no allowed phrases"]
    alone = {phrase: dataclasses.replace(without_allowed, allowed=(phrase,)) for phrase in policy.allowed}
    for phrase, one in alone.items():
        hits = [(text, cleared) for text, _, left in took
                if len(one.find_words(text)) < len(without_allowed.find_words(text))
                for cleared in [not left]]
        cleared = [text for text, was_cleared in hits if was_cleared]
        lines.append(f'- "{phrase}": {len(hits)} ({sum(bool(toxic[t]) for t, _ in hits)} toxic) / '
                     f"{len(cleared)} ({sum(bool(toxic[t]) for t in cleared)} toxic)")
        lines += [f"  - cleared, labelled {toxic[t]}" for t in cleared if toxic[t]]
    words = Counter(m.word for _, taken, _ in took for m in taken)
    cleared = [text for text, _, left in took if not left]
    lines.append(f"- all: {len(took)} comments ({sum(bool(toxic[t]) for t, _, _ in took)} toxic) had a listed "
                 f"word taken out ({', '.join(f'{w} {n}' for w, n in words.most_common())}); {len(cleared)} "
                 f"({sum(bool(toxic[t]) for t in cleared)} toxic) were cleared of every listed word")
    return lines


if __name__ == "__main__":
    main()
