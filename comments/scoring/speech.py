"""Whose words a cue's phrase is: the patterns the hate and threat cues (and the conspiracy detector) share to
tell the commenter's own attack from a negated, denied, reported, attributed or quoted one, the verbs of saying
they are made of, and the sentence they read around it."""
from __future__ import annotations

import re

from ..text import lower_same_length

# Verbs of saying and of holding an opinion, with their forms: base, third person, past, -ing ("a|b": two
# spellings). The one list the patterns of reported speech here, in the threat cues and in the conspiracy
# detector take their verbs from, each the verbs and forms it needs (`verb_forms`).
BASE, THIRD, PAST, ING = range(4)
ALL_FORMS = (BASE, THIRD, PAST, ING)
SPEECH_VERBS = {line.split()[0]: tuple(line.split()) for line in """
    say says said saying
    call calls called calling
    claim claims claimed claiming
    argue argues argued arguing
    insist insists insisted insisting
    suggest suggests suggested suggesting
    chant chants chanted chanting
    shout shouts shouted shouting
    tweet tweets tweeted tweeting
    write writes wrote writing
    post posts posted posting
    label labels labeled|labelled labeling|labelling
    brand brands branded branding
    pretend pretends pretended pretending
    believe believes believed believing
    think thinks thought thinking
    tell tells told telling
    ask asks asked asking
    declare declares declared declaring
    state states stated stating
    announce announces announced announcing
    reply replies replied replying
    quip quips quipped quipping
    scream screams screamed screaming
    yell yells yelled yelling
    cry cries cried crying
    sing sings sang singing
    roar roars roared roaring
    whisper whispers whispered whispering
    growl growls growled growling
    snarl snarls snarled snarling
    bark barks barked barking
    cheer cheers cheered cheering
    add adds added adding
    allege alleges alleged alleging
    warn warns warned warning
    admit admits admitted admitting
    report reports reported reporting
    dub dubs dubbed dubbing
    quote quotes quoted quoting
    hear hears heard hearing""".strip().splitlines()}


def verb_forms(verbs: str, forms: tuple[int, ...] = ALL_FORMS) -> str:
    """A regex alternation of the `forms` of `verbs` (names in `SPEECH_VERBS`, separated by spaces), longest
    first; the caller bounds it as a word."""
    words = {word for verb in verbs.split() for form in forms for word in SPEECH_VERBS[verb][form].split("|")}
    return "|".join(sorted(words, key=lambda word: (-len(word), word)))


def lower_for_cues(text: str) -> str:
    """`text` lowercased with straight apostrophes, one character for one, so that offsets into it are offsets into
    `text`: what the cue patterns read."""
    return lower_same_length(text).replace("’", "'")


NEGATION = re.compile(r"(?<![\w'])(?:not|never|no|n't|nor|hardly|aren't|isn't|weren't|wasn't|don't|doesn't|"
                      r"didn't|shouldn't|mustn't|won't|can't|cannot|nobody|no\s+one)(?![\w'])|n't(?![\w'])")
# Reported speech: the attack is someone else's ("he said immigrants are animals").
REPORTING = re.compile(r"(?<![\w'])(?P<subject>\w+(?:'\w+)?\s+)?(?P<verb>"
                       + verb_forms("call say claim argue insist suggest chant shout tweet label brand pretend") + "|"
                       + verb_forms("write post", (THIRD, PAST, ING)) + "|"  # not "write to your MP", "a post"
                       + verb_forms("believe think", (BASE, THIRD, PAST))
                       + r"|(?:the|a|an|this|that|old)\s+(?:\w+\s+)?(?:idea|notion|claim|myth|lie|stereotype|trope|smear|"
                       r"conspiracy\s+theory)\s+that)"
                       r"(?![\w'])")
DENIAL = re.compile(r"(?<![\w'])(?:don't|do\s+not|doesn't|does\s+not|didn't|never|nobody|no\s+one|not)\s+"
                    r"(?:\w+\s+)?(?:think|believe|say|said|claim|agree|accept)(?![\w'])")
# Attribution after the statement, as news comments quote: "Refugees are a burden, the minister said",
# "..., according to Trump". "Deport them all, I say" stays the commenter's own.
ATTRIBUTED = re.compile(r",\s*(?:according\s+to|(?P<subject>(?:(?!(?:and|but|so|which|yet)\s)[\w'-]+\s+){0,5}?)"
                        r"(?:" + verb_forms("say claim argue insist", (BASE, THIRD, PAST)) + "|"
                        + verb_forms("write tweet tell add state allege warn declare admit report", (THIRD, PAST))
                        + r"))(?![\w'])")
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
