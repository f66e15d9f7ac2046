"""Whose words a cue's phrase is: the patterns the hate and threat cues share to tell the commenter's own
attack from a negated, denied, reported, attributed or quoted one, and the sentence they read around it."""
from __future__ import annotations

import re

NEGATION = re.compile(r"(?<![\w'])(?:not|never|no|n't|nor|hardly|aren't|isn't|weren't|wasn't|don't|doesn't|"
                      r"didn't|shouldn't|mustn't|won't|can't|cannot|nobody|no\s+one)(?![\w'])|n't(?![\w'])")
# Reported speech: the attack is someone else's ("he said immigrants are animals").
REPORTING = re.compile(r"(?<![\w'])(?P<subject>\w+(?:'\w+)?\s+)?(?P<verb>call(?:s|ed|ing)?|sa(?:y|ys|id|ying)|"
                       r"claim(?:s|ed|ing)?|argue(?:s|d)?|arguing|insist(?:s|ed|ing)?|suggest(?:s|ed|ing)?|"
                       r"chant(?:s|ed|ing)?|shout(?:s|ed|ing)?|tweet(?:s|ed|ing)?|wr(?:ote|ites|iting)|"
                       r"post(?:s|ed|ing)|label(?:s|ed|led|ing|ling)?|brand(?:s|ed|ing)?|"
                       r"pretend(?:s|ed|ing)?|believe(?:s|d)?|think(?:s)?|thought|"
                       r"(?:the|a|an|this|that|old)\s+(?:\w+\s+)?(?:idea|notion|claim|myth|lie|stereotype|trope|smear|"
                       r"conspiracy\s+theory)\s+that)"
                       r"(?![\w'])")
DENIAL = re.compile(r"(?<![\w'])(?:don't|do\s+not|doesn't|does\s+not|didn't|never|nobody|no\s+one|not)\s+"
                    r"(?:\w+\s+)?(?:think|believe|say|said|claim|agree|accept)(?![\w'])")
# Attribution after the statement, as news comments quote: "Refugees are a burden, the minister said",
# "..., according to Trump". "Deport them all, I say" stays the commenter's own.
ATTRIBUTED = re.compile(r",\s*(?:according\s+to|(?P<subject>(?:(?!(?:and|but|so|which|yet)\s)[\w'-]+\s+){0,5}?)"
                        r"(?:sa(?:y|ys|id)|claim(?:s|ed)?|argue(?:s|d)?|insist(?:s|ed)?|wr(?:ote|ites)|"
                        r"tweet(?:s|ed)|t(?:old|ells)|add(?:s|ed)|state(?:s|d)|allege(?:s|d)|warn(?:s|ed)|"
                        r"declare(?:s|d)|admit(?:s|ted)|report(?:s|ed)))(?![\w'])")
FIRST_PERSON = frozenset({"i", "we", "i'd", "we'd", "i'll", "we'll", "i'm"})  # "I say deport them" is one's own
SENTENCE_END = re.compile(r"[.!?;\n]+")
QUOTES = '"“”«»'
REACH = 300  # characters each way of a cue that its sentence may span (see `sentence_around`)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding `text[start:end]`, up to `REACH` characters each way: an unpunctuated page-long
    "sentence" would make every guard read all of it for every cue (minutes for one pasted 100,000-word
    comment)."""
    reach_back, reach_on = max(0, start - REACH), min(len(text), end + REACH)
    sentence_start = max((m.end() for m in SENTENCE_END.finditer(text, reach_back, start)), default=reach_back)
    next_end = SENTENCE_END.search(text, end, reach_on)
    return sentence_start, next_end.start() if next_end else reach_on
