"""Insult words aimed at no one: negated, reported, said of oneself or of a thing.

The toxicity model reads an insult word whatever it is done with: "You're not an idiot", "I'm such an idiot",
"He was fined for calling the linesman an idiot" and "This bill is idiotic" scored 0.5-0.87, as "You're an idiot"
does. A moderator reads them as civil. `unaimed` tells, for one toxic word of a comment, whether the comment's
own words aim it at no one; the scorer then reads the comment without that word (`toxicity.ToxicityScorer`), so
its toxicity, attributes and spans are those of the rest of the comment. Rules, not learned, in the way of the
threat and group-attack cues (`threat_cues.aimed_at_things`, `speech.py`); they are strict on purpose: a word
they do not clear stays as the model reads it.

- negated: a negation governs the word ("not an idiot", "no fool", "I'd never call him a moron", "nobody is
  calling you stupid", "I don't think the mayor is an idiot"); not "not only an idiot", "don't be an idiot";
- reported: someone else's name-calling ("the senator called them idiots", "I was called a moron", "fined for
  calling the linesman an idiot"), or a quotation in a sentence that reports speech ("chant 'loser'");
- said of oneself: "I'm an idiot", "I felt like a complete moron", "call me stupid", "my own stupidity";
- said of a thing: "this bill is idiotic", "a stupid rule", "the dumbest policy" (things named as such only:
  an unknown noun may be a person).
"""
from __future__ import annotations

import functools
import re

from .hate_cues import SLURS
from .speech import BASE, FIRST_PERSON, ING, PAST, REPORTING, THIRD, lower_for_cues, sentence_around, verb_forms

_B, _E = r"(?<![\w'])", r"(?![\w'])"
# What may stand between a negation and the word it governs: articles, degree words and copulas ("not such a
# complete", "no one here is").
_DEGREE = r"(?:a|an|the|such|so|that|this|really|very|at\s+all|complete|total|absolute|utter|real|big|some\s+kind\s+of)"
_COPULA = r"(?:is|are|was|were|be|being|been|am|'s|'re|'m)"
_TARGET = r"(?:you|him|her|them|anyone|anybody|everyone|people|me|us|someone|somebody|one\s+another|each\s+other)"
_CALL = rf"(?:{verb_forms('call label brand')}|name\s+(?:him|her|you|them))"
_NEGATOR = (rf"(?:{_B}(?:not|never|no|nor|hardly|far\s+from|nobody(?:\s+(?:here|else))?|no\s+one(?:\s+(?:here|else))?|"
            r"none\s+of\s+(?:us|you|them))|n't)")
_CALLED = rf"(?:{_TARGET}|(?:the|these|those|our|my|his|her|their|your)\s+[\w'-]+)"  # "calling the volunteers"
# Only these words may stand between: "not only an idiot", "not just stupid" negate "only", and the word stands
NEGATED = re.compile(rf"{_NEGATOR}\s+(?:{_COPULA}\s+)?(?:{_CALL}\s+(?:{_CALLED}\s+)?|say(?:ing)?\s+(?:{_TARGET}|you're|"
                     rf"he's|she's|they're)\s+)?(?:{_COPULA}\s+)?(?:{_DEGREE}\s+){{0,3}}$")
_IMPERATIVE = re.compile(rf"(?:^|[.!?;:,]\s*|\s)(?:don't|dont|do\s+not|never)\s+(?:be|act\s+like|sound\s+like)\s+"
                         rf"(?:{_DEGREE}\s+){{0,3}}$")
# "I'm not saying you're an idiot, but...", "not calling you stupid, just...": a denial the sentence (or the next
# one) takes back is the oldest way to say the word, so a negation followed by a contrast clears nothing
_TAKEN_BACK = re.compile(rf"{_B}(?:but|though|although|however|except){_E}|[,;:—–-]\s*(?:just|merely|only){_E}")
_TAKEN_BACK_NEXT = re.compile(r"\s*(?:but|just|though|yet|however|still)\b")
# Name-calling reported of the one addressed ("someone called you an idiot and they were right", "you were called a
# liar because you are one", 'like he said, you're a "loser"') is aimed at them: the report is the delivery
_ADDRESSEE = re.compile(rf"{_B}(?:you|you're|youre|your|ya|u|y'all|yall){_E}")
# "You can't be that stupid": a taunt, not a denial
_CANNOT_BE = re.compile(r"(?:can't|cannot|can\s+not|couldn't|could\s+not)\s+(?:\w+\s+)?be\s+(?:that|so|this|any|more)\s+$")
# "I don't think the mayor is an idiot", "I'm not saying the minister is an idiot": a denied opinion of someone's
# being the word
_DENIAL = re.compile(rf"{_NEGATOR}\s+(?:\w+\s+)?(?:think(?:ing)?|believe|say(?:ing)?|said|claim(?:ing)?|suggest(?:ing)?|"
                     rf"agree|accept|mean|implying){_E}")
DENIED = re.compile(rf"(?:\s+[\w']+){{1,3}}\s+{_COPULA}\s+(?:{_DEGREE}\s+){{0,3}}$")
# Someone else's name-calling: passive ("I was called a moron"), a third party's ("the senator called them
# idiots", not "I call him an idiot"), or the act reported ("fined for calling the linesman an idiot").
_OBJECT = r"(?:(?:[\w'-]+\s+){1,4}?)?"
PASSIVE_CALL = re.compile(rf"{_B}(?:was|were|been|being|get|gets|got|getting|is|are|am|'s|'re|'m)\s+"
                          rf"(?:\w+\s+)?(?:{verb_forms('call label brand dub', (PAST,))})\s+(?:{_DEGREE}\s+){{0,3}}$")
THIRD_PARTY_CALL = re.compile(rf"(?P<subject>[\w']+)\s+(?:{verb_forms('call label brand dub chant', (THIRD, PAST))}|"
                              rf"{verb_forms('shout yell scream', (PAST,))})\s+{_OBJECT}(?:{_DEGREE}\s+){{0,3}}$")
ACT_OF_CALLING = re.compile(rf"(?:^|{_B}(?:for|after|about|by|from|of|stop|quit|keep|without|and|is|was|were|are|"
                            rf"when|while)\s+)(?:{verb_forms('call label brand', (ING,))})\s+{_OBJECT}(?:{_DEGREE}\s+){{0,3}}$")
_OPEN_QUOTE = re.compile(r"[\"“«]|(?<![\w])'")
_CLOSE_QUOTE = re.compile(r"[\"”»]|'(?![\w])")
# (not "write to your MP", "a post", "a label", "the brand")
_SPEECH_WORDS = "|".join((verb_forms("say call chant shout yell scream tweet quote"),
                          verb_forms("label brand write post", (THIRD, PAST, ING)), verb_forms("hear", (BASE, PAST))))
_SPEECH = re.compile(rf"{_B}(?:{_SPEECH_WORDS}){_E}")
# Said of oneself
SELF = re.compile(rf"(?:{_B}(?:i'm|im|i\s+am|i\s+was|i've\s+been|i\s+have\s+been|i\s+feel|i\s+felt|i\s+sound|"
                  rf"i\s+sounded|i\s+look|i\s+looked|i\s+must\s+be|i'd\s+be|i\s+would\s+be|i\s+'m|call\s+me|"
                  rf"made\s+me\s+(?:feel|look)|makes\s+me\s+(?:feel|look))\s+(?:like\s+)?(?:{_DEGREE}\s+|too\s+|"
                  rf"bit\s+of\s+an?\s+|an?\s+old\s+|such\s+an?\s+){{0,3}}|{_B}my\s+own\s+)$")
# Things, named as such: an insult word before one ("a stupid rule") or a thing that is the word ("this bill is
# idiotic"). Institutions' works and objects only: not what a person says or does in the conversation ("a stupid
# question", "stupid stuff", "that argument", "the stupid thing he says"), which raters and readers take as aimed at
# that person, and not "comment" or "post".
_THINGS = """bill bills law laws act legislation motion policy policies plan plans deal deals treaty budget tax
    taxes tariff tariffs rule rules regulation regulations reform reforms proposal proposals scheme schemes program
    programs programme programmes project projects decision decisions ruling verdict headline headlines title
    design redesign app website site system process mess waste strategy campaign ad ads advert movie film show song
    book game requirement requirements restriction restrictions ban bans contract contracts merger referendum
    machine machines""".split()
_THING = rf"(?:{'|'.join(sorted(set(_THINGS), key=lambda w: (-len(w), w)))})"
THING_AFTER = re.compile(rf"\s+(?:[\w'-]+\s+)?{_THING}(?![\w'-])")  # "stupid rule", "idiotic mess", "dumbest policy I've"
THING_BEFORE = re.compile(rf"{_B}(?:the|this|that|these|those|your|his|her|their|our|its|a|an)\s+(?:[\w'-]+\s+){{0,2}}?"
                          rf"{_THING}(?:'s)?\s+(?:{_COPULA}|seems?|seemed|looks?|looked|sounds?|sounded)\s+"
                          rf"(?:just\s+|so\s+|really\s+|simply\s+|completely\s+|utterly\s+|totally\s+|plain\s+|{_DEGREE}\s+)"
                          rf"{{0,3}}$")
# Only an adjective describes a thing: an insult noun before one is aimed at its maker ("typical clown comment").
_ADJECTIVE_ENDINGS = ("ic", "est", "ish", "ous", "ful", "less", "ed", "id", "ly", "b", "y")
# Obscenity is obscene and a slur a slur whoever it is aimed at: these words and `hate_cues.SLURS` are never
# cleared ("I'm a retard" is no self-deprecation a desk lets through).
_PROFANE = re.compile(r"fuck|fck|shit|crap|piss|cunt|dick|cock|bitch|bastard|damn|ass|twat|wank|bollock|slut|whore|fag|"
                      r"nigg|nicc|pussy|pussies|porn|dyke|^(?:hoes?|thots?|tits?|cum|jizz|skank|douche)$")
@functools.lru_cache(maxsize=4096)
def _never_cleared(word: str) -> bool:
    return word in SLURS or _PROFANE.search(word) is not None


_MY_SUBJECTS = FIRST_PERSON | {"i've", "we've"}
WINDOW = 60  # characters before a word that the patterns read: each is a few words long


# What must stand among the few words before a toxic word for each kind of pattern above to clear it (or, for a
# thing, just after it): a look at the comment's tokens that spares most toxic words every pattern, and the rest
# all but their kind's (scoring speed).
_NEGATING = frozenset("""not never no nor hardly far nobody none don't doesn't didn't isn't aren't wasn't weren't won't
    wouldn't can't couldn't shouldn't haven't hasn't hadn't ain't mustn't""".split())
_CALLING = frozenset(verb_forms("call label brand dub chant shout yell scream").split("|"))
_MYSELF = frozenset("i'm im i've i'd".split())
_PAIRS = {"i": frozenset("am was feel felt sound sounded look looked must have would".split()),
          "my": frozenset({"own"}), "call": frozenset({"me"}), "made": frozenset({"me"}), "makes": frozenset({"me"})}
_THING_WORDS = frozenset(_THINGS) | {t + "'s" for t in _THINGS}
_TRIGGERS = _NEGATING | _CALLING | _MYSELF | frozenset(_PAIRS) | _THING_WORDS


def _has_quote(text: str) -> bool:
    return '"' in text or "“" in text or "«" in text or " '" in text or "('" in text
_BEFORE_WORDS = 7  # tokens before a toxic word that the quick look reads
ALL_KINDS = frozenset({"negated", "reported", "self", "thing"})


# What may stand between a negation and the word it governs, as tokens (`NEGATED`'s words)
_BETWEEN = frozenset("""a an the such so that this really very at all complete total absolute utter real big some kind
    of is are was were be being been am 's 're 'm you're he's she's they're it's say saying here else one us you
    them him her anyone anybody everyone people me someone somebody another each other""".split()) | _CALLING
_DENYING = frozenset("think thinking believe say saying said claim claiming suggest suggesting agree accept mean "
                     "implying".split())
_COPULAS = frozenset("is are was were be being been am".split())
_LINKING = _COPULAS | frozenset("seem seems seemed look looks looked sound sounds sounded".split())
_SPEAKING = frozenset(_SPEECH_WORDS.split("|")) | frozenset(verb_forms("post claim").split("|")) | _CALLING


def _kinds(tokens: list[str], k: int, text: str, start: int) -> frozenset[str]:
    """The kinds of pattern that could clear token `k` of a comment (its lowercased `WORD` tokens), at `start` in
    its `text`: those whose words stand among the few tokens before it (or a thing just after it)."""
    before = tokens[max(0, k - _BEFORE_WORDS):k]
    kinds = set()
    if not _NEGATING.isdisjoint(before):
        at = len(before)
        while at and before[at - 1] in _BETWEEN:
            at -= 1
        if at and (before[at - 1] in _NEGATING or before[at - 1].endswith("n't")) \
                or not _DENYING.isdisjoint(before) and not _COPULAS.isdisjoint(before[-4:]) \
                or not _CALLING.isdisjoint(before):  # "nobody is calling the volunteers morons"
            kinds.add("negated")
    if not _CALLING.isdisjoint(before) or _open_quote(text, start) and not _SPEAKING.isdisjoint(tokens):
        kinds.add("reported")
    if not _MYSELF.isdisjoint(before) or any(b in _PAIRS.get(a, ()) for a, b in zip(before, before[1:])):
        kinds.add("self")
    if not _THING_WORDS.isdisjoint(tokens[k + 1:k + 3]) and tokens[k].endswith(_ADJECTIVE_ENDINGS) \
            or any(a in _THING_WORDS and b in _LINKING for a, b in zip(before, before[1:])):
        kinds.add("thing")
    return frozenset(kinds)


def _open_quote(text: str, start: int) -> bool:
    """Whether a quotation may be open at `start` (a rough look: `_quoted` decides)."""
    window = text[max(0, start - WINDOW):start]
    return text.count('"', 0, start) % 2 == 1 or "“" in window or "«" in window or " '" in window or "('" in window


def unaimed(lowered: str, start: int, end: int, kinds: frozenset[str] = ALL_KINDS) -> str | None:
    """How the toxic word `lowered[start:end]` is aimed at no one by the words around it ("negated", "reported",
    "self" or "thing"; see the module), or None. `lowered`: the comment as `lowered` makes it; `kinds`: the only
    kinds to look for."""
    word = lowered[start:end]
    if not kinds or _never_cleared(word):
        return None
    sentence_start, sentence_end = sentence_around(lowered, start, end)
    before = lowered[max(sentence_start, start - WINDOW):start]
    if "negated" in kinds and (
            NEGATED.search(before) and not _IMPERATIVE.search(before) and not _CANNOT_BE.search(before)
            or any(DENIED.fullmatch(before, denial.end()) for denial in _DENIAL.finditer(before))) \
            and not lowered.startswith("?", sentence_end):  # "You're not very bright, are you?"
        if _TAKEN_BACK.search(lowered, end, sentence_end) or _TAKEN_BACK_NEXT.match(lowered, sentence_end + 1):
            return None  # nor is it "reported": "nobody is calling you a clown, but..."
        return "negated"
    if "reported" in kinds and not _ADDRESSEE.search(before):
        third = THIRD_PARTY_CALL.search(before)
        if PASSIVE_CALL.search(before) or ACT_OF_CALLING.search(before) \
                or third and third.group("subject") not in _MY_SUBJECTS \
                or _quoted(lowered, before, sentence_start, start, end, sentence_end):
            return "reported"
    if "self" in kinds and SELF.search(before):
        return "self"
    if "thing" in kinds and (word.endswith(_ADJECTIVE_ENDINGS) and THING_AFTER.match(lowered, end, sentence_end)
                             or THING_BEFORE.search(before)):
        return "thing"
    return None


def _quoted(lowered: str, before: str, sentence_start: int, start: int, end: int, sentence_end: int) -> bool:
    """Inside quotation marks in a sentence that reports speech ("the MP said opponents were 'scum'")."""
    opened = list(_OPEN_QUOTE.finditer(before))
    if not opened or _CLOSE_QUOTE.search(before, opened[-1].end()):
        return False
    if not _CLOSE_QUOTE.search(lowered, end, sentence_end + 1):
        return False
    sentence = lowered[sentence_start:sentence_end]
    return _SPEECH.search(sentence) is not None or REPORTING.search(before) is not None


def aimed_nowhere(text: str, spans: list[list[int]], words: list[int] | None = None,
                  tokens: list[str] | None = None) -> list[tuple[list[int], str]]:
    """(span, how) for each of the spans of `text` (toxic words) whose word is aimed at no one. With the comment's
    lowercased `WORD` `tokens` and each span's index among them (`words`), a quick look at the tokens around each
    word first spares the patterns most words."""
    if tokens is None or words is None:
        candidates = [(span, ALL_KINDS) for span in spans]
    else:
        spans_words = [(span, k) for span, k in zip(spans, words) if not _never_cleared(tokens[k])]
        if not spans_words:
            return []
        quoting = not _SPEAKING.isdisjoint(tokens) and _has_quote(text)
        if not quoting:
            if _TRIGGERS.isdisjoint(tokens):
                return []
            spans_words = [(span, k) for span, k in spans_words  # a word's kinds need a trigger near it
                           if not _TRIGGERS.isdisjoint(tokens[max(0, k - _BEFORE_WORDS):k + 3])]
        candidates = [(span, kinds) for span, k in spans_words if (kinds := _kinds(tokens, k, text, span[0]))]
        if not candidates:
            return []
    low = lower_for_cues(text)
    return [(span, how) for span, kinds in candidates if (how := unaimed(low, span[0], span[1], kinds))]


# Spans whose word stays shown though it no longer counts: a reported insult or one said of a thing is still the
# word a reader takes as uncivil (the Civil Comments raters marked "calling her stupid", "the headline is
# ridiculous"); a negated or self-aimed one is not.
STILL_SHOWN = frozenset({"reported", "thing"})
