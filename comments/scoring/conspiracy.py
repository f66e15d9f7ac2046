"""Conspiracy framing: `conspiracy` (a probability) and `conspiracy_cues` (the phrases that drove it).

We score the *framing* of a conspiracy narrative, not its topic: a hidden agent ("they", "the elites",
"big pharma"), a secret plan, a cover-up, a call to wake up, distrust of official sources. The features
are a curated framing lexicon (drafted from the PAN 2024 narrative spans: AGENT, OBJECTIVE, ...) plus word
n-grams in which topic words are masked, so the model cannot lean on what the training texts were about
(COVID vaccines) nor on the people and bodies a post names (Gates, Davos). A sparse logistic regression
over them is fast and every feature can be pointed at in the text, which is how the cues are found.

Only the commenter's own framing counts (`own_words`): debunking and mocking sentences, attributed
quotations, reported, attributed and denied clauses, idioms ("a wake-up call") and a "they" that follows a
named ordinary group are blanked before any feature is made. Long comments are also read sentence by
sentence (`sentences`, `blend`), so that one conspiracy sentence among plain ones is not diluted.
"""
from __future__ import annotations

import re
import string
from bisect import bisect_left
from dataclasses import dataclass
from itertools import compress, product
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from .. import modelstore
from .linear import Features, Linear
from ..text import blank_spans, lower_same_length
from .speech import (ATTRIBUTED, BASE, DENIAL, FIRST_PERSON, PAST, REPORTING, SENTENCE_END, THIRD,
                     verb_forms)
from .stopwords import ENGLISH_STOP_WORDS

COLUMNS = ("conspiracy", "conspiracy_cues")
MAX_CUES = 8

# Tokens: lowercased words with their clitics ("they", "don't" carry the framing we want), "!" and
# "?", every URL as "url". Made with str.translate + split, which run in C: scoring must be cheap.
_URL = re.compile(r"(?:https?://|www\.)\S+|\bt\.me/\S+", re.IGNORECASE)
_SEPARATORS = ({c: " " for c in string.punctuation + "“”„«»‹›…–—•·"}
               | {"’": "'", "‘": "'", "`": "'", "'": "'"})
_SAME_LENGTH = str.maketrans(_SEPARATORS | {"!": "!", "?": "?"})  # one character for one
# the same table for ASCII text as bytes: bytes.translate reads a 256-byte table, several times faster
_ASCII_SAME_LENGTH = bytes(ord(chr(i).translate(_SAME_LENGTH)) for i in range(128)) + bytes(range(128, 256))
_WORD = re.compile(r"[^\s!?]+|[!?]")

# Contractions typed without the apostrophe, common in comments ("dont", "theyre"); "its", "wont",
# "were", "id" and "ill" are real words and stay as they are.
_BARE_CONTRACTIONS = {bare.replace("'", ""): bare for bare in (
    "don't doesn't didn't can't couldn't shouldn't wouldn't isn't aren't wasn't weren't haven't hasn't "
    "they're they've they'll you're you've you'll we've that's what's there's who's i'm i've "
    "ain't".split())}


def _has_url(text: str) -> bool:
    return "://" in text or "www." in text or "t.me/" in text


def _separated(text: str) -> str:
    """`text.translate(_SAME_LENGTH)`."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_SAME_LENGTH).decode("ascii")
    return text.translate(_SAME_LENGTH)


def tokenize(text: str) -> list[str]:
    if _has_url(text):
        text = _URL.sub(" url ", text)
    text = _separated(text.lower().replace("!", " ! ").replace("?", " ? "))
    words = text.split()
    if "'" in text:  # quotes around a word are not part of it (every quote is "'" by now: without one, none is)
        words = [w for word in words if (w := word.strip("'"))]
    return list(map(_BARE_CONTRACTIONS.get, words, words))


def tokenize_with_offsets(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """`tokenize(text)` and each token's (start, end) in `text` itself."""
    if _has_url(text):
        text = _URL.sub(lambda m: " url".ljust(len(m.group())), text)
    tokens, spans = [], []
    for match in _WORD.finditer(_separated(text)):
        raw = match.group()
        start, end = match.span()
        if raw[0] == "'" or raw[-1] == "'":  # quotes around a word are not part of it
            word = raw.strip("'")
            if not word:
                continue
            start += len(raw) - len(raw.lstrip("'"))
            end -= len(raw) - len(raw.rstrip("'"))
            raw = word
        word = raw.lower()
        tokens.append(_BARE_CONTRACTIONS.get(word, word))
        spans.append((start, end))
    return tokens, spans


def _expand(*parts: str) -> list[str]:
    """`_expand("they", "are|were", "hiding|lying")` -> every combination as a phrase."""
    return [" ".join(words) for words in product(*(p.split("|") for p in parts))]


# The framing lexicon, by category. Phrases are matched on whole tokens, case-insensitively, longest
# first. Drafted from the n-grams that separate CONSPIRACY from CRITICAL inside PAN 2024's AGENT,
# OBJECTIVE and FACILITATOR spans, with the topic-bound ones (vaccine ingredients, Telegram channels)
# left out and general ones added, so that it carries to topics the data does not cover.
LEXICON: dict[str, list[str]] = {
    "agent": [
        "elite", "elites", "the elite", "the elites", "globalist", "globalists", "globalism",
        "the globalists", "globalist elite", "global elite", "global elites", "cabal", "the cabal",
        "deep state", "the deep state", "deepstate", "the ds", "shadow government", "big pharma",
        "big brother", "the establishment", "the powers that be", "tptb", "powers that be",
        "illuminati", "freemasons", "masonic", "nwo", "the nwo", "new world order", "one world government",
        "world government", "banksters", "the bankers", "the controllers", "puppet masters", "puppet master", "puppets", "puppet",
        "ruling class", "the ruling class", "those in power",
        "the people in charge", "the matrix", "reptilians", "lizard people",
        "satanic", "satanists", "satan", "luciferian", "luciferians", "the evil ones",
        "controlled opposition", "their masters",
    ],
    "they": [
        *_expand("they", "want|wanted|need|needed|plan|planned|know|knew|hide|hid|lie|lied|control|"
                 "controls|created|engineered|staged|orchestrated|covered|censor|silence|keep|kept|"
                 "own|run|decided|intend|designed|poisoned|poison|manipulate|manipulated|fear|let|allowed|faked|"
                 "rigged|buried|scrubbed|deleted|bought|paid"),
        *_expand("they", "are|were|'re|have been", "hiding|lying|planning|trying|coming|poisoning|"
                 "killing|covering|controlling|censoring|silencing|watching|tracking|using|pushing|"
                 "laughing|manipulating|lying to"),
        *_expand("they're", "hiding|lying|planning|trying|coming|poisoning|killing|covering|"
                 "controlling|censoring|silencing|watching|tracking|using|pushing|laughing|manipulating"),
        *_expand("they", "don't|do not|never|won't|will never|didn't", "want|tell|told|say|report"),
        *_expand("their", "agenda|plan|plans|narrative|lies|goal|goals|scheme|puppets|propaganda|masters|"
                 "control|evil"),
        "they don't want you to know", "what they don't want you to know", "they want you to",
        "they want us to", "don't want you to know", "they control", "they own",
        "who is behind", "who's behind", "those behind", "the people behind",
    ],
    "secrecy": [
        "cover up", "cover-up", "coverup", "covered up", "covering up", "covering it up", "cover it up",
        "hidden", "hiding", "hide", "secret", "secretly", "secrets", "behind closed doors",
        "behind the scenes", "suppressed", "suppressing", "suppress", "censored", "censorship",
        "silenced", "silencing", "classified", "leaked", "whistleblower", "whistleblowers",
        "won't tell you", "not telling you", "never tell you", "will never tell you", "kept quiet",
        "kept secret", "kept hidden", "swept under the rug", "in plain sight", "exposed", "expose",
        "exposing", "they don't want you to know", "what they're not telling you", "the real reason",
        "the hidden truth", "what really happened", "the real story", "cover story", "not telling us",
        "smokescreen", "smoke screen", "hush money", "scrubbed", "memory holed", "memory-holed",
        "nothing to see here", "quietly dropped", "quietly buried", "nobody talks about", "no one talks about",
        "nobody is talking about", "no one is talking about", "you won't hear", "you will never hear",
        "won't report", "never reported", "unanswered questions", "what they're hiding", "the truth will come out",
        "the truth is out there", "knew all along", "they knew",
    ],
    "plan": [
        # plain "planned", "scheme", "plot" and "manufactured" are everyday news words (a planned road, a
        # pension scheme, a plot of land, manufactured goods): only their framing uses are listed
        "agenda", "the agenda", "hidden agenda", "the plan", "master plan", "a plot to", "the plot to",
        "was planned", "all planned", "planned all along", "planned it", "planned this",
        "orchestrated", "engineered", "staged", "manufactured crisis", "manufactured consent",
        "false flag", "psyop",
        "psy op", "psy-op", "hoax", "scam", "scamdemic", "plandemic", "depopulation", "population control",
        "population reduction", "depopulate", "great reset", "the great reset", "agenda 2030", "agenda 21",
        "mind control", "total control", "enslave", "enslavement", "genocide", "bioweapon",
        "bio weapon", "bio-weapon", "by design", "all part of", "part of the plan",
        "no coincidence", "not a coincidence", "coincidence", "it's all connected", "all connected",
        "connect the dots", "mark of the beast",
        "usher in", "to control", "control the population", "control us",
        "global takeover", "takeover", "on purpose", "deliberately", "intentionally",
        "weaponized", "lab rats", "guinea pigs",
        "adrenochrome", "antichrist", "mass murder", "inside job", "crisis actor", "crisis actors",
        "controlled demolition", "no accident", "not an accident", "wasn't an accident", "let it happen",
        "allowed it to happen", "a distraction", "distraction", "how convenient", "conveniently", "funny how",
        "ask yourself", "cui bono", "who benefits", "who profits", "not what it seems", "nothing is what it seems",
        "faked", "was faked", "never happened", "was rigged", "rigged it", "too convenient", "right on cue",
        "just happened to", "paid actors", "green screen",
    ],
    "awakening": [
        "wake up", "awake", "awaken", "awakening", "great awakening",
        "sheep", "sheeple", "red pill", "redpilled", "red pilled", "open your eyes", "eyes open",
        "do your own research", "do your research", "do the research", "research it", "look it up",
        "brainwashed", "asleep", "normies", "the masses", "patriots", "the resistance", "fight back",
        "resist", "wwg1wga", "trust the plan", "the storm", "nothing can stop what is coming",
        "think for yourself", "think for yourselves", "question everything", "they're lying to you",
        "lied to", "lying to you", "you've been lied to", "we've been lied to", "follow the money",
        "do your homework", "look into it", "dig deeper", "research for yourself", "npc", "npcs",
    ],
    "distrust": [
        "mainstream media", "the mainstream media", "msm", "the msm", "fake news", "propaganda",
        "controlled media", "lamestream", "presstitutes", "fact checkers", "fact-checkers",
        "official narrative", "the narrative", "official story", "official version", "so called",
        "so-called", "lies", "liars", "lying", "the lies", "corrupt", "bought and paid for", "paid off",
        "bought off", "in on it", "in their pocket", "lapdogs", "mockingbird", "complicit",
        "the official line", "mouthpiece", "mouthpieces", "shill", "shills", "paid shills",
    ],
    "harm": [
        "crimes against humanity", "genocide", "the genocide", "mass murder", "depopulation",
        "extermination", "exterminate", "destroy humanity", "wipe out",
        "culling", "cull", "slavery", "enslaved", "tyranny", "tyrants", "tyrannical", "treason",
        "traitors", "nuremberg",
        "poison", "poisoned", "poisoning", "kill us", "killing us",
        "bioweapon", "chemical weapon", "biological weapon",
    ],
    "spiritual": [  # the cosmic-battle framing, not religion: "god", "prayer" stay out
        "satan", "satanic", "devil", "devils", "demonic", "demons", "lucifer", "antichrist",
        "the beast", "end times", "good vs evil", "good versus evil", "spiritual war", "spiritual warfare",
    ],
    "certainty": [
        "undeniable", "undeniably", "proof", "the proof", "proven", "make no mistake",
        "no doubt", "it's all", "every single",
        "never forget", "mark my words",
    ],
}

# Topic words of the training data (COVID, vaccines, their institutions): masked to one token so the
# model learns the framing around them instead of the topic, which our users' comments do not share.
TOPIC_WORDS = frozenset("""
covid covid19 coronavirus corona virus viruses sars pandemic pandemics epidemic vaccine vaccines vaccinated
vaccination vaccinations vaccinate unvaccinated vax vaxx vaxxed unvaxxed vaxxer vaxxers antivax antivaxxer
antivaxxers jab jabs jabbed shot shots booster boosters boosted dose doses mrna pfizer moderna astrazeneca
janssen novavax biontech fauci cdc fda nih ema mhra swissmedic tga mask masks masking lockdown lockdowns
mandate mandates mandatory passport passports myocarditis pericarditis spike protein ivermectin
hydroxychloroquine hcq omicron variant variants quarantine pcr injection injections injected inject
immunity infection infections infected symptoms clot clots clotting adverse ventilator ventilators
hospital hospitals hospitalised hospitalized icu deaths death died dying doctor doctors dr nurses
nurse patients patient health healthcare medical medicine drug drugs trial trials study studies
science scientists experimental immune
""".split())

# Named people, bodies and places a conspiracy post often names (PAN's: Gates, Schwab, the WEF, Soros...):
# what a comment is about, not how it frames it, so masked like the topic words. A comment criticising
# Davos openly is not a conspiracy; one about a cabal meeting at Davos is one by its framing words.
ENTITY_WORDS = frozenset("""
gates bill schwab klaus wef davos soros george rothschild rothschilds bilderberg billionaire billionaires
oligarch oligarchs cia fbi nsa mi5 mi6 nato eu un biden trump obama clinton clintons putin zelensky
russia russian russians ukraine ukrainian china chinese ccp israel america american americans usa uk
britain canada australia germany europe european brussels washington london musk zuckerberg bezos
blackrock vanguard microsoft google facebook twitter amazon
""".split())

FUNCTION_WORDS = frozenset(ENGLISH_STOP_WORDS) | frozenset(
    "don't doesn't didn't won't wouldn't can't couldn't isn't aren't wasn't weren't haven't hasn't "
    "they're they've they'll we're we've you're you've i'm it's that's what's who's there's "
    "want wants wanted know knew tell told say said ! ?".split())


def _compile_lexicon(lexicon: dict[str, list[str]]) -> dict[tuple[str, ...], str]:
    """Phrase tokens -> category; a phrase listed twice keeps its first category."""
    compiled: dict[tuple[str, ...], str] = {}
    for category, phrases in lexicon.items():
        for phrase in phrases:
            compiled.setdefault(tuple(tokenize(phrase)), category)
    compiled.pop((), None)
    return compiled


_PHRASES = _compile_lexicon(LEXICON)
_LONGEST_FROM = {}  # first token -> length of the longest phrase starting with it
_LONGEST_FROM_PAIR = {}  # first two tokens -> length of the longest phrase starting with them
for _phrase in _PHRASES:
    _LONGEST_FROM[_phrase[0]] = max(_LONGEST_FROM.get(_phrase[0], 0), len(_phrase))
    if len(_phrase) > 1:
        _LONGEST_FROM_PAIR[_phrase[:2]] = max(_LONGEST_FROM_PAIR.get(_phrase[:2], 0), len(_phrase))
_ONE_WORD_PHRASES = frozenset(phrase[0] for phrase in _PHRASES if len(phrase) == 1)
_FIRST_WORDS = frozenset(phrase[0] for phrase in _PHRASES)
LEXICON_WORDS = frozenset(w for phrase in _PHRASES for w in phrase)
# Links are masked too: the Telegram posts of PAN end with channel links far more often when they are
# conspiratorial, which says nothing about a comment that shares a link.
_TOPIC_MASK = dict.fromkeys(TOPIC_WORDS | ENTITY_WORDS | {"url"}, "<topic>")
_FRAMING_KEEP = (FUNCTION_WORDS | LEXICON_WORDS) - TOPIC_WORDS - ENTITY_WORDS - {"url"}


# --- Whose framing it is ---------------------------------------------------------------------------
# A comment that debunks, mocks, quotes or reports a conspiracy uses its words without asserting it, and
# an idiom ("a wake-up call") or a "they" that names a council shares them by accident. `own_words` blanks
# those passages (spaces, one for one, so offsets still point at the text) before the model reads the
# text: they neither raise the score nor give cues. The patterns for reported, attributed and denied speech
# are the ones the hate and threat cues use (`speech.py`).
_QUOTATION = re.compile(r"[\"“”«»]\s*([^\"“”«»\n]{3,400}?)\s*[\"“”«»]|(?<![\w'])'([^\n]{3,400}?)'(?![\w'])")
QUOTED_MIN_WORDS = 4  # shorter quotes are scare quotes ('the "official" story'): framing, kept
QUOTE_REACH = 40  # characters around a quotation in which the verb that attributes it must stand
_QUOTE_VERB = re.compile(r"(?<![\w'])(?:according\s+to|" + verb_forms("say claim shout chant") + "|"
                         + verb_forms("insist reply scream", (BASE, THIRD, PAST)) + "|"
                         + verb_forms("write tweet post tell ask declare state announce quip yell", (THIRD, PAST))
                         + r")(?![\w'])")
_IDIOM = re.compile(r"(?<![\w'])(?:wake[\s-]+up[\s-]+calls?|wake\s+up\s+and\s+smell\s+the\s+\w+|"
                    r"(?:i|he|she|we|you|kids|children|baby)\s+(?:\w+\s+)?(?:wake|wakes|woke|waking)\s+up|"
                    r"(?:when|until|before|after)\s+(?:\w+\s+){0,2}(?:wake|wakes|woke)\s+up|"
                    r"the\s+(?:truth|fact)\s+is(?=\s*(?:[,:]|that\b))|truth\s+be\s+told|to\s+tell\s+(?:you\s+)?the\s+truth|"
                    r"in\s+plain\s+english|the\s+real\s+deal)(?![\w'])")
# Debunking and mocking: the sentence is about those who believe a conspiracy, not one more telling of it.
_DEBUNK = re.compile(r"(?<![\w'])(?:tin[\s-]*foil|crackpots?|nutters?|nut\s*jobs?|loons|lunatics|kooks?|cranks|"
                     r"debunked|(?:no|zero|without|not\s+a\s+shred\s+of|not\s+one\s+shred\s+of)\s+evidence|"
                     r"needs?\s+(?:help|therapy|a\s+doctor|(?:their|his|her)\s+heads?\s+examined)|"
                     r"(?:people|anyone|those|folks|someone|everyone|person|guys?)\s+who\s+(?:still\s+)?(?:thinks?|believes?|"
                     r"buys?\s+into|falls?\s+for|claims?)|conspiracy\s+(?:nuts?|crowd|brigade|nonsense|rubbish|garbage|"
                     r"drivel|loons|cranks)|(?:is|are|was|that's|it's|sounds)\s+(?:just\s+|pure\s+|utter\s+|total\s+)?"
                     r"(?:nonsense|rubbish|ridiculous|absurd|laughable|silly|a\s+myth|debunked|baseless))(?![\w'])")
# Where a reported or denied clause stops: the commenter often answers it ("they say X, but Y").
_CLAUSE_END = re.compile(r",\s*(?:but|yet|and\s+yet|while|though|although|however)(?![\w'])|[;:]|\s[-–—]\s|"
                         r"(?<![\w'])(?:but|yet|however)(?![\w'])")
_NOT_REPORTING = re.compile(r"\s*(?:for\s+yourselv?f?e?s?|for\s+yourself|about\s+it)(?![\w'])")
# "they" with a named, ordinary antecedent ("the council ... they want a new road") is no hidden agent.
_NAMED_GROUP = re.compile(r"(?<![\w'])(?:the|our|my|your|this|that|local)\s+(?:\w+\s+)?(?:council|councillors|"
                          r"club|team|company|firm|board|school|hospital|police|mayor|ministry|department|airline|"
                          r"bank|landlords?|owners|organi[sz]ers|developers|residents|players|fans|workers|union|"
                          r"officials|managers?|coach|referees?|league|university|museum|shop|store|supermarket|"
                          r"restaurant|neighbou?rs|kids|children|parents|builders|contractors)(?![\w'])")
_THEY = re.compile(r"(?<![\w'])they(?:'re|'ve|'ll|re)?(?![\w'])")
NAMED_REACH = 150  # characters before a "they" in which its named antecedent may stand
# `(?<![\w'])'`, the opening of a quotation in single quotes, found faster: a literal first is looked for in C
_OPENING_APOSTROPHE = re.compile(r"'(?<![\w']')")
# A word every match of REPORTING, DENIAL and ATTRIBUTED holds the start of: a sentence without one is not
# read by them (they try every word as a subject; this prefilter keeps scoring cheap).
_SPEECH_HINT = re.compile(r"(?<![\w'])(?:call|sa[iy]|claim|argu|insist|suggest|chant|shout|tweet|wr[oi]t|post|label|"
                          r"brand|pretend|believ|think|thought|idea|notion|myth|lie|stereotype|trope|smear|theory|"
                          r"conspiracy|agree|accept|accord|told|tell|add|state|alleg|warn|declar|admit|report)")
# `_DEBUNK` and `_SPEECH_HINT` in one pass over the text (a pass costs mostly the test, at every character,
# of whether a word starts there), a debunk tried first at each word start: see `_debunk_and_hints`
_WORD_START = r"(?<![\w'])"
assert _DEBUNK.pattern.startswith(_WORD_START) and _SPEECH_HINT.pattern.startswith(_WORD_START)
_DEBUNK_OR_HINT = re.compile(rf"{_WORD_START}(?:(?P<debunk>{_DEBUNK.pattern.removeprefix(_WORD_START)})|"
                             rf"{_SPEECH_HINT.pattern.removeprefix(_WORD_START)})")


def _debunk_and_hints(lowered: str) -> tuple[bool, list[int]]:
    """(whether `_DEBUNK` matches in `lowered`, where each match of `_SPEECH_HINT` starts), in one pass: in a
    text without a debunk the combined pattern matches exactly the hints, and in one with a debunk it finds it
    (tried first at every word start; a hint's match never holds one), then the hints are found again (a
    debunk's match may hold one)."""
    hints = []
    for m in _DEBUNK_OR_HINT.finditer(lowered):
        if m["debunk"] is not None:
            return True, [m.start() for m in _SPEECH_HINT.finditer(lowered)]
        hints.append(m.start())
    return False, hints


def _guarded_passages(lowered: str) -> list[tuple[int, int]]:
    """Spans of `lowered` (lower-cased `text`, same length) that are not the commenter's own framing."""
    # (the `in` tests skip a pattern that cannot match: scoring must stay cheap)
    idiomatic = "wak" in lowered or "woke" in lowered or "truth" in lowered or "fact" in lowered \
        or "plain" in lowered or "real deal" in lowered
    spans = [m.span() for m in _IDIOM.finditer(lowered)] if idiomatic else []
    for start, end in spans:  # an idiom's words are no reporting verb either ("a wake-up call")
        lowered = lowered[:start] + " " * (end - start) + lowered[end:]
    # (what a quotation opens with: without it, no quotation)
    may_quote = any(q in lowered for q in "\"“”«»") or _OPENING_APOSTROPHE.search(lowered)
    quoted_passages = _QUOTATION.finditer(lowered) if may_quote else ()
    for m in quoted_passages:
        quoted = m.group(1) or m.group(2)
        # someone else's words: said, claimed, posted... before or after it (a quote the commenter makes
        # their own, "as the saying goes", stays)
        if len(quoted.split()) >= QUOTED_MIN_WORDS and (
                _QUOTE_VERB.search(lowered, max(0, m.start() - QUOTE_REACH), m.start())
                or _QUOTE_VERB.search(lowered, m.end(), m.end() + QUOTE_REACH)):
            spans.append(m.span())
    debunks, hints = _debunk_and_hints(lowered)
    start = 0
    # (a sentence is read only for a debunk or a hint; a text without either has no sentence to read)
    for end in [m.start() for m in SENTENCE_END.finditer(lowered)] + [len(lowered)] if debunks or hints else ():
        hinted = bisect_left(hints, start) < bisect_left(hints, end)
        if start < end and (debunks or hinted):
            spans += _guarded_in_sentence(lowered, start, end, hinted, debunks)
        start = end + 1
    for m in _THEY.finditer(lowered) if "they" in lowered else ():
        if _NAMED_GROUP.search(lowered, max(0, m.start() - NAMED_REACH), m.start()):
            spans.append(m.span())
    return spans


def _guarded_in_sentence(lowered: str, start: int, end: int, speech: bool = True,
                         debunks: bool = True) -> list[tuple[int, int]]:
    """`debunks`: whether the whole text holds a debunk (a sentence's is one of the whole text's: a sentence
    ends before a character that is not part of a word, so the pattern's end reads the same there)."""
    if debunks and _DEBUNK.search(lowered, start, end):
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    if not speech:
        return spans
    for m in (*REPORTING.finditer(lowered, start, end), *DENIAL.finditer(lowered, start, end)):
        subject = (m.groupdict().get("subject") or "").strip()
        if subject in FIRST_PERSON or _NOT_REPORTING.match(lowered, m.end()):
            continue  # "I think they lied" is one's own; "think for yourself" is a call to the reader
        stop = _CLAUSE_END.search(lowered, m.end(), end)
        spans.append((m.end(), stop.start() if stop else end))
    attributed = ATTRIBUTED.search(lowered, start, end)
    if attributed and (attributed.group("subject") or "").strip() not in FIRST_PERSON:
        spans.append((start, attributed.start()))  # "It was staged, the protesters claimed"
    return spans


def own_words(text: str) -> str:
    """`text` with what is not the commenter's own framing blanked, one space per character."""
    lowered = lower_same_length(text).replace("’", "'").replace("‘", "'")
    spans = _guarded_passages(lowered)
    if not spans:
        return text
    return blank_spans(text, spans)


def lexicon_matches(tokens: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """`(first token, end token, phrase)` for each longest lexicon phrase, scanning left to right."""
    found = []
    n, free = len(tokens), 0  # tokens before `free` are inside a match already
    # only tokens some phrase starts with are tried (compress and map find them in C; a set look-up of each
    # token is cheaper than one of each pair of tokens)
    for i in compress(range(n), map(_FIRST_WORDS.__contains__, tokens)):
        if i < free:
            continue
        # lengths no phrase starting with these two words has cannot match: they are not tried
        longest = _LONGEST_FROM_PAIR.get((tokens[i], tokens[i + 1]), 1) if i + 1 < n else 1
        if longest == 1 and tokens[i] not in _ONE_WORD_PHRASES:  # "the" with no phrase's second word after it
            continue
        for k in range(min(longest, n - i), 0, -1):
            phrase = tuple(tokens[i:i + k])
            if phrase in _PHRASES:
                found.append((i, i + k, phrase))
                free = i + k
                break
    return found


# Words that are a lexicon phrase on their own ("elites", "agenda", "hidden"): framing markers.
_MARKER_WORDS = frozenset(phrase[0] for phrase in _PHRASES if len(phrase) == 1) - FUNCTION_WORDS


def is_framing_ngram(tokens: list[str]) -> bool:
    """Holds a one-word framing marker, and every other word is a function or lexicon word."""
    return all(t in _FRAMING_KEEP for t in tokens) and any(t in _MARKER_WORDS for t in tokens)


# Articles, the commonest prepositions and conjunctions, and the copula frame nothing on their own: as unigram
# features, l2-normalised with the rest, they only say how short a text is (a model trained on short conspiracy
# examples learned "the" as a sign of one). Their n-grams ("the elites", "was staged") stay features.
FILLER_WORDS = frozenset("the a an and of to in is was for on by at with as from".split())


class FramingAnalyzer:
    """Text -> feature strings, for a sklearn vectorizer (`analyzer=`).

    `ngrams`: "all" word n-grams, "masked" with topic words as "<topic>" (never a feature alone),
    "framing" with every word outside the function words and the lexicon as "_", or "none".
    `lexicon` adds "§CATEGORY" and "§phrase" for each lexicon match (upper case: never a phrase).
    `no_unigrams`: words that are no feature alone (FILLER_WORDS), only in n-grams.
    `explain` yields the same features with their token spans, for the cues.
    """

    no_unigrams: tuple[str, ...] = ()  # (the default of models saved before it existed)

    def __init__(self, ngrams: str = "masked", ngram_max: int = 3, lexicon: bool = True,
                 no_unigrams: Iterable[str] = ()) -> None:
        self.ngrams = ngrams
        self.ngram_max = ngram_max
        self.lexicon = lexicon
        self.no_unigrams = tuple(sorted(no_unigrams))  # sorted: a set pickles in a different order every run

    def _units(self, tokens: list[str]) -> list[str]:
        if self.ngrams == "masked":
            return list(map(_TOPIC_MASK.get, tokens, tokens))
        if self.ngrams == "framing":
            return [t if t in _FRAMING_KEEP else "_" for t in tokens]
        return tokens

    def explain(self, tokens: list[str]) -> list[tuple[str, int, int]]:
        feats: list[tuple[str, int, int]] = []
        if self.lexicon:
            for start, end, phrase in lexicon_matches(tokens):
                feats.append(("§" + _PHRASES[phrase].upper(), start, end))
                feats.append(("§" + " ".join(phrase), start, end))
        if self.ngrams != "none":
            units = self._units(tokens)
            feats += [(u, i, i + 1) for i, u in enumerate(units) if u != "<topic>" and u != "_"
                      and u not in self.no_unigrams]
            for k in range(2, self.ngram_max + 1):
                for i in range(len(units) - k + 1):
                    gram = units[i:i + k]
                    if any(u != "_" for u in gram):
                        feats.append((" ".join(gram), i, i + k))
        return feats

    def __call__(self, text: str) -> list[str]:
        return self.read(own_words(text))

    def read(self, text: str) -> list[str]:
        """The features of `text` as it is (its guarded passages already blanked: `own_words`)."""
        # the same features as explain(), made with list comprehensions: this is the hot path
        tokens = tokenize(text)
        feats = self._lexicon_features(tokens)
        if self.ngrams == "none":
            return feats
        units = self._units(tokens)
        feats += [u for u in units if u != "<topic>" and u != "_" and u not in self.no_unigrams]
        if self.ngrams != "framing":  # only framing units are "_" (tokens never are: it separates)
            if self.ngram_max >= 2:
                feats += [f"{a} {b}" for a, b in zip(units, units[1:])]
            if self.ngram_max >= 3:
                feats += [f"{a} {b} {c}" for a, b, c in zip(units, units[1:], units[2:])]
            return feats
        if self.ngram_max >= 2:
            feats += [f"{a} {b}" for a, b in zip(units, units[1:]) if a != "_" or b != "_"]
        if self.ngram_max >= 3:
            feats += [f"{a} {b} {c}" for a, b, c in zip(units, units[1:], units[2:])
                      if a != "_" or b != "_" or c != "_"]
        return feats

    def split_features(self, text: str) -> tuple[list[str], list[str]]:
        """`self.read(text)` as (every feature but the bigrams of the units, the units whose bigrams
        f"{a} {b}" are the rest), so that the bigrams are looked up as pairs (`Features.transform_bigrams`)
        instead of being made as strings."""
        if not self.unigrams_and_bigrams:
            return self.read(text), []
        tokens = tokenize(text)
        units = self._units(tokens)
        # (no unit is "_" here: only "framing" units are, tokens never hold one)
        return self._lexicon_features(tokens) + [u for u in units if u != "<topic>" and u not in self.no_unigrams], units

    def lexicon_and_units(self, text: str) -> tuple[list[str], list[str]]:
        """`self.read(text)` as (its lexicon features, the units whose unigrams and bigrams are the rest), for a
        vocabulary in which "<topic>" is no feature (it never is one alone): `Features.transform_bigrams` reads
        each unit's unigram feature off the number it looks the unit up by for the bigrams (so no word of `no_unigrams`
        may be a feature either)."""
        if not self.unigrams_and_bigrams:
            raise ValueError(f"{self.ngrams} {self.ngram_max}-grams are not the unigrams and bigrams of units")
        tokens = tokenize(text)
        return self._lexicon_features(tokens), self._units(tokens)

    @property
    def unigrams_and_bigrams(self) -> bool:
        """Whether the n-grams are the units and their bigrams, all of them (`split_features`)."""
        return self.ngrams in ("all", "masked") and self.ngram_max == 2

    def _lexicon_features(self, tokens: list[str]) -> list[str]:
        feats = []
        if self.lexicon:
            for _, _, phrase in lexicon_matches(tokens):
                feats += ("§" + _PHRASES[phrase].upper(), "§" + " ".join(phrase))
        return feats


# Long comments are also read sentence by sentence: one conspiracy sentence in a long comment is diluted
# in the whole text's features, so the score blends the whole text's probability with the best sentence's
# (`blend`). Only texts of at least two sentences of SENTENCE_MIN_WORDS words or more are split.
SENTENCE_MIN_WORDS = 4


def sentences(text: str) -> list[str]:
    """The sentences of `text` worth scoring alone, its own words only (guarded passages blanked: read them
    with `FramingAnalyzer.read`); [] when the text is one sentence."""
    return _split(own_words(text))


def _split(kept: str) -> list[str]:
    parts = [part for part in SENTENCE_END.split(kept) if len(part.split()) >= SENTENCE_MIN_WORDS]
    return parts if len(parts) >= 2 else []


def blend(whole: np.ndarray, best_sentence: np.ndarray, weight: float) -> np.ndarray:
    """(1 - weight) x the whole text's probability + weight x the larger of it and the best sentence's."""
    return (1 - weight) * whole + weight * np.maximum(whole, best_sentence)


def best_sentence(probability: Callable[[list[str]], np.ndarray], kept: list[str]) -> np.ndarray:
    """Per text (its `own_words`), the highest `probability` among its sentences (0 for one sentence)."""
    units = [_split(k) for k in kept]
    flat = [s for unit in units for s in unit]
    out = np.zeros(len(kept))
    if flat:
        probs, at = probability(flat), 0
        for i, unit in enumerate(units):
            if unit:
                out[i] = probs[at:at + len(unit)].max()
                at += len(unit)
    return out


@dataclass
class ConspiracyScorer:
    """Fitted features + logistic regression, the shipped threshold, and the cue weights."""

    features: Features  # TF-IDF, analyzer = a FramingAnalyzer
    model: Linear
    threshold: float
    cue_min_weight: float = 0.0
    sentence_weight: float = 0.0  # see `blend`

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_weights", "_strong")}  # caches

    def _feature_weights(self) -> dict[str, float]:
        if "_weights" not in self.__dict__:
            coef = self.model.coef[:, 0]
            self._weights = {f: float(coef[j]) for f, j in self.features.vocabulary.items()}
        return self._weights

    def _strong_ngrams(self) -> frozenset[str]:
        """The n-gram features heavy enough to be a cue on their own (> 3 x `cue_min_weight`)."""
        if "_strong" not in self.__dict__:
            self._strong = frozenset(f for f, w in self._feature_weights().items()
                                     if w > 3 * self.cue_min_weight and not f.startswith("§"))
        return self._strong

    def cues(self, text: str) -> list[str]:
        """Phrases of `text`, as written, whose features push the score up, in reading order (see
        `cue_spans`)."""
        return [text[start:end] for start, end in self.cue_spans(text)]

    def cue_spans(self, text: str) -> list[tuple[int, int]]:
        """The (start, end) of each phrase of `text` whose features push the score up, in reading order.

        A lexicon phrase is a cue when its features add up to more than `cue_min_weight`; any other
        n-gram when it weighs three times that and is itself framing: every word a function or lexicon
        word, one of them a framing marker on its own ("the hidden", "elites are"). Plain words the
        model learned from the training topic ("Russia", "the world") are never cues: a moderator should
        see why the comment reads as a conspiracy, not what it is about. At most `MAX_CUES`, the
        strongest; overlapping cues are merged into one phrase."""
        return self._cue_spans_of_kept(own_words(text))

    def _cue_spans_of_kept(self, kept: str) -> list[tuple[int, int]]:
        """`cue_spans` of a text already reduced to its `own_words` (same offsets)."""
        analyzer: FramingAnalyzer = self.features.analyzer
        weights = self._feature_weights()
        tokens, offsets = tokenize_with_offsets(kept)
        push: dict[tuple[int, int], float] = {}
        lexical: set[tuple[int, int]] = set()
        ngram_min = 3 * self.cue_min_weight
        # The features of `analyzer.explain(tokens)` that count, summed per span in its order (the
        # lexicon phrase's, then the n-gram's), found without making every feature with its span.
        if analyzer.lexicon:
            for start, end, phrase in lexicon_matches(tokens):
                lexical.add((start, end))
                push[start, end] = (0.0 + weights.get("§" + _PHRASES[phrase].upper(), 0.0)
                                    + weights.get("§" + " ".join(phrase), 0.0))
        if analyzer.ngrams != "none":
            units = analyzer._units(tokens)

            def explained(start: int, end: int) -> str | None:  # the n-gram explain() gives this span
                gram = units[start:end]
                if end - start > analyzer.ngram_max or all(u == "_" for u in gram) or gram == ["<topic>"]:
                    return None
                return " ".join(gram)

            for start, end in sorted(lexical):  # an n-gram over a lexicon phrase adds to it
                if (gram := explained(start, end)) is not None:
                    push[start, end] += weights.get(gram, 0.0)
            strong = self._strong_ngrams()
            for k in range(1, analyzer.ngram_max + 1):  # an n-gram of its own (one per span)
                grams = units if k == 1 else list(map(" ".join, zip(*(units[j:] for j in range(k)))))
                for i in compress(range(len(grams)), map(strong.__contains__, grams)):
                    if (i, i + k) not in lexical and explained(i, i + k) is not None \
                            and is_framing_ngram(tokens[i:i + k]):
                        # "they are" alone is nothing to show; "they are hiding" is (lexicon)
                        push[i, i + k] = 0.0 + weights[grams[i]]
        strong = [(weight, span) for span, weight in push.items()
                  if weight > (self.cue_min_weight if span in lexical else ngram_min)]
        spans = sorted(span for _, span in sorted(strong, reverse=True)[:MAX_CUES])
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return [(offsets[start][0], offsets[end - 1][1]) for start, end in merged]

    def _whole_probability(self, kept: list[str]) -> np.ndarray:
        """The model's probability for whole texts already reduced to their `own_words`."""
        analyzer = self.features.analyzer
        if kept and isinstance(analyzer, FramingAnalyzer) and analyzer.unigrams_and_bigrams \
                and "<topic>" not in self.features.vocabulary \
                and not any(word in self.features.vocabulary for word in analyzer.no_unigrams):
            lexicon, units = map(list, zip(*map(analyzer.lexicon_and_units, kept)))
            x = self.features.transform_bigrams(units, units, more=lexicon)
        elif kept and isinstance(analyzer, FramingAnalyzer):  # tokens hold no space
            feats, units = zip(*map(analyzer.split_features, kept))
            x = self.features.transform_bigrams(list(feats), list(units))
        else:
            x = self.features.transform_features(map(analyzer.read, kept))
        return self.model.predict_proba(x)[:, 1]

    def probability(self, texts: list[str]) -> np.ndarray:
        return self._probability([own_words(t) for t in texts])

    def _probability(self, kept: list[str]) -> np.ndarray:
        """`probability` of texts already reduced to their `own_words`: the whole text's, blended with its
        best sentence's (a model saved before `sentence_weight` takes the field's default, 0: whole texts)."""
        whole = self._whole_probability(kept)
        if not self.sentence_weight:
            return whole
        return blend(whole, best_sentence(self._whole_probability, kept), self.sentence_weight)

    def score(self, texts: list[str], quote: Callable[[int, int, int], str] | None = None) -> pd.DataFrame:
        """`quote(i, start, end)`: the phrase shown as a cue for `texts[i][start:end]`, when the texts were
        folded from others (by default, those characters themselves)."""
        texts = ["" if t is None else str(t) for t in texts]
        if not texts:
            return pd.DataFrame({"conspiracy": pd.Series(dtype=float), "conspiracy_cues": pd.Series(dtype=object)})
        kept = [own_words(t) for t in texts]  # once, for the score and the cues
        probability = self._probability(kept)
        quote = quote or (lambda i, start, end: texts[i][start:end])
        cues = [[quote(i, start, end) for start, end in self._cue_spans_of_kept(k)] if p >= self.threshold else []
                for i, (k, p) in enumerate(zip(kept, probability))]
        return pd.DataFrame({"conspiracy": probability.astype(float), "conspiracy_cues": cues})


def load() -> ConspiracyScorer:
    return modelstore.load("conspiracy")
