"""Group-directed attack cues: dehumanising, exclusionary, violent, hateful or essentialising statements
about a protected group, found by explainable rules.

The toxicity model learned from insults and offensive tweets; hate phrased without a profane word
("Get rid of the Mexicans, they are a plague on this nation") scores low on it, and our training labels
hold too little of it to learn (reports/models/toxicity-severity-experiments.md). A cue needs both:
- a group: a curated list of group nouns (religions, ethnicities, nationalities, migrants, LGBTQ+ people,
  women, disabled people...) in their plural forms, "every/each <group>", "<identity> people/men/...",
  or "those/these people";
- an attack predicated of it in the same sentence: a dehumanising term ("Jews are vermin", "they are a
  plague", "Muslims infest"), a call to exclude or expel ("send them back", "deport all refugees",
  "immigrants should be banned", "gays do not belong here"), a call to violence ("kill all Muslims",
  "Roma should be shot"), stated hatred ("I hate Jews"), or an essentialising generalisation ("all
  Mexicans are criminals", "women are pathetic"), or a conspiracy trope cast on the group: it controls the
  media or the banks, pulls the strings, is behind everything, is replacing us or taking over the country.
  "Those people" counts as a group only for the first three.
Guards: a negation before the attack term ("Muslims are not vermin", "we should not deport refugees"),
counter-speech and reported speech ("calling refugees vermin is disgusting", "he said immigrants are
animals, which is vile", "refugees are a burden, the minister said", the attack inside quotation marks); a
group word that modifies another noun ("ban the Chinese apps", "Chinese troops should be removed"); a legal
status in a call to enforce immigration law ("deport illegal immigrants"), and a nationality standing for
its state ("Russians should get out of Ukraine", "Russians control the media in Russia"; see
`_names_no_identity`); a target that is not a group ("the rats are vermin") never matches, nor a group that
is only a prepositional object ("health care for women is a cancer"). A call must read as one: "ban
Muslims!", "we should deport", not "the regime continues to kill".
Each cue carries the characters of its attack phrase, shown as a toxic span.

Text reaching `find` is already folded (`comments.text.fold`): disguises undone, offsets kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .speech import (ATTRIBUTED, DENIAL, FIRST_PERSON, NEGATION, QUOTES, REPORTING, lower_for_cues,
                     sentence_around)

# Cue kind -> the `identity_attack` it raises the comment to (the policy reviews at 0.50). Violence
# calls also raise `threat` and `severe_toxicity` (see `ToxicityScorer.score`).
SCORES = {"violence": 0.90, "dehumanising": 0.85, "exclusion": 0.80, "hatred": 0.80, "essentialising": 0.75,
          "conspiratorial": 0.75}

# Groups, by their plural (or collective) forms; a singular only after "every"/"each" (below).
_GROUP_NOUNS = """
muslims moslems jews christians catholics protestants hindus sikhs buddhists atheists mormons
blacks whites negroes africans arabs asians hispanics latinos latinas latinx mexicans chinese
indians pakistanis bangladeshis somalis nigerians syrians afghans iraqis iranians turks kurds
palestinians israelis russians ukrainians poles romanians albanians gypsies roma aborigines jamaicans haitians filipinos koreans japanese vietnamese
immigrants migrants refugees asylum\\s+seekers foreigners illegals
gays lesbians homosexuals bisexuals transgenders transsexuals trannies queers
women females
cripples retards
""".split()
# "<identity> people", "the jewish community", "muslim men"...
_GROUP_ADJECTIVES = """
muslim islamic jewish christian catholic hindu sikh buddhist black white brown african arab asian
hispanic latino latina mexican chinese indian pakistani somali syrian afghan african\\s+american
native\\s+american aboriginal indigenous roma gypsy immigrant migrant refugee foreign gay lesbian
bisexual trans transgender queer lgbt lgbtq lgbtq\\+ disabled deaf blind autistic mentally\\s+ill
""".split()
_GROUP_HEADS = r"(?:people|persons|folks|men|women|kids|children|families|communities|community|immigrants|migrants|lives)"
_SINGULARS = """
muslim moslem jew christian hindu sikh black african arab asian hispanic latino mexican chinese indian
pakistani somali immigrant migrant refugee foreigner illegal alien gay lesbian homosexual woman female
""".split()

_GROUP = (r"(?P<group>(?:(?:the|all|these|those|most|many|every|all\s+of\s+the|all\s+these|all\s+those|these\s+filthy|"
          r"those\s+filthy|the\s+filthy)\s+)?"
          rf"(?:(?:{'|'.join(_GROUP_ADJECTIVES)})\s+{_GROUP_HEADS}|the\s+(?:disabled|handicapped|jewish\s+race)|"
          r"(?:illegal|undocumented|criminal)\s+(?:aliens|immigrants|migrants)|"
          rf"{'|'.join(_GROUP_NOUNS)}"
          rf"|(?:every|each|the\s+next)(?:\s+(?:single|one\s+of\s+(?:the|these|those)))?\s+(?:{'|'.join(_SINGULARS)})s?"
          r"|(?:these|those)\s+people))")

# Dehumanising terms, singular and plural.
_DEHUMANISING = (r"(?:vermin|parasites?|animals?|beasts?|savages?|sub-?humans?|sub\s+human|cockroach(?:es)?|"
                 r"roach(?:es)?|rats|pigs|swine|apes|monkeys|dogs|filth|scum|trash|garbage|plague|disease|cancer|"
                 r"virus|infestation|leech(?:es)?|maggots?|lice|insects|cattle|mongrels|barbarians|"
                 r"not\s+(?:even\s+)?human|less\s+than\s+human|no\s+better\s+than\s+animals)")
# Dehumanising nouns that also insult when a group adjective is put before them ("Muslim vermin",
# "immigrant scum"); not "virus", "trash", "garbage" ("Chinese virus", "white trash" name other things).
_VERMIN = (r"(?:vermin|parasites?|rats|cockroach(?:es)?|scum|savages|animals|apes|monkeys|pigs|swine|filth|"
           r"leech(?:es)?|maggots|sub-?humans|mongrels|barbarians)")
_ADJECTIVE = rf"(?:{'|'.join(_GROUP_ADJECTIVES + _SINGULARS)})"
_INFESTING = r"(?:infest(?:s|ed|ing)?|swarm(?:s|ed|ing)?|breed(?:s|ing)?\s+like\s+(?:rats|rabbits|animals))"
# Negative kinds predicated of a whole group.
_ESSENTIAL = (r"(?:criminals?|rapists?|terrorists?|thie(?:f|ves)|murderers?|killers?|p(?:a)?edo(?:phile)?s?|"
              r"groomers?|drug\s+dealers?|thugs?|scammers?|frauds?|cheats?|freeloaders?|scroungers?|invaders?|degenerates?|perverts?|"
              r"deviants?|a\s+(?:threat|danger|menace|burden)|vile|pathetic|repulsive|revolting|despicable|disgraceful|useless|mentally\s+ill|sick\s+in\s+the\s+head|diseased|inferior|evil|violent|filthy|dirty|disgusting|worthless|lazy|stupid|liars?|crooks?)")
# Words that may stand between a group and its predicate ("are all just filthy vermin").
_FILLER = (r"(?:\s+(?:so|very|really|truly|too|extremely|utterly|incredibly|all|just|only|nothing\s+but|like|a|an|the|such|total|complete|literally|basically|simply|"
           r"filthy|dirty|disgusting|worthless|absolute|bunch\s+of|pack\s+of|lot\s+of|of|mere|real|fucking|"
           r"damn|bloody|evil|dangerous|dumb|stupid|lazy|violent|invading|breeding|a\s+bunch\s+of|"
           r"a\s+plague\s+of|on\s+this\s+nation|born|natural|genetically|inherently|always|mostly|mentally\s+ill|sick)){0,4}")
_WHERE = r"(?:\s+(?:in|from|around|at|across)(?:\s+[\w']+){1,3}?)?"  # "the Muslims in my town are ..."
_AND = rf"(?:\s+[\w'-]+\s+(?:and|or){_FILLER})??"  # "a burden and a disease"
_BE = r"(?:are|were|'re|r|is|was|be|being|become|became)"
_GENERIC_BE = r"(?:are|'re|r|is)"  # "refugees were violent" tells of one event, not of a group
_THEY = r"(?:they(?:'re|\s+are|\s+r|\s+were)|they're)"

# Calls that take the group as object: "deport all refugees", "get rid of the Mexicans".
_EXPEL_VERBS = (r"(?:deport|get\s+rid\s+of|kick\s+out|throw\s+out|send\s+back|ban|expel|remove|round\s+up|"
                r"keep\s+out|purge|drive\s+out|chase\s+out|evict|no\s+more)")
_KILL_VERBS = (r"(?:death\s+to|kill|murder|exterminate|eradicate|wipe\s+out|shoot|gas|hang|lynch|burn|slaughter|"
               r"execute|nuke|genocide)")
_OBJECT = r"(?:\s+(?:all|the|every|these|those|single|last|next|one|of|them|damn|fucking|filthy)){0,5}\s+"
# What should happen to a group: "immigrants should be banned", "refugees must go back".
_MODAL = r"(?:should|must|need\s+to|needs\s+to|ought\s+to|have\s+to|has\s+to|deserve\s+to)"
# A call, not a report: the verb opens a clause or follows a modal ("ban Muslims!", "we should deport
# all refugees"), unlike "the regime continues to kill Muslims".
_CALL = (r"(?:^|(?<=[.!?;,:\n(])|(?<=[.!?;,:\n(]\s)|(?<=[.!?;,:\n(]\s\s)|(?<![\w'])(?:should|must|need\s+to|needs\s+to|have\s+to|ought\s+to|let's|lets|"
         r"just|gotta|please|we|i\s+say|time\s+to|(?:i|we)\s+(?:really\s+)?(?:want\s+to|wanna|will|would|"
         r"would\s+love\s+to|am\s+going\s+to|are\s+going\s+to|gonna)|i'll|we'll|i'd|we'd|i'm\s+going\s+to|"
         r"we're\s+going\s+to)\s+)")
_EXPELLED = (r"(?:be\s+)?(?:banned|deported|kicked\s+out|thrown\s+out|sent\s+(?:back|home)|shipped\s+(?:back|home|out)|removed|expelled|rounded\s+up|"
             r"kept\s+out|purged|driven\s+out|locked\s+up|put\s+in\s+camps|go\s+back|go\s+home|get\s+out|be\s+gone)")
_KILLED = (r"(?:be\s+)?(?:killed|murdered|exterminated|eradicated|wiped\s+out|shot|gassed|hanged|hung|lynched|"
           r"burned|burnt|slaughtered|executed|sterili[sz]ed|die|be\s+dead|be\s+put\s+down)")
_UNWELCOME = (r"(?:(?:should|must)\s+(?:not|never)\s+be\s+allowed|(?:shouldn't|mustn't)\s+be\s+allowed|"
              r"(?:do|does)\s+not\s+(?:belong|deserve\s+to\s+(?:live|exist|be\s+here))|"
              r"(?:don't|doesn't)\s+(?:belong|deserve\s+to\s+(?:live|exist|be\s+here))|"
              r"(?:are|is)\s+not\s+welcome|(?:aren't|isn't)\s+welcome|(?:have|has)\s+no\s+place(?!\s+to\s)|"
              r"deserve\s+to\s+die|have\s+no\s+right\s+to\s+(?:live|be\s+here))")
_SEND_THEM = (r"(?:send\s+them(?:\s+all)?\s+back|deport\s+them(?:\s+all)?|kick\s+them(?:\s+all)?\s+out|"
              r"throw\s+them(?:\s+all)?\s+out|get\s+rid\s+of\s+them|ban\s+them(?:\s+all)?|keep\s+them\s+out|"
              r"round\s+them\s+up)")
_KILL_THEM = r"(?:(?:kill|shoot|gas|hang|exterminate|wipe\s+out|burn|slaughter)\s+them(?:\s+all)?)"

# Word boundaries that also work next to "+" and "'".
_B, _E = r"(?<![\w'])", r"(?![\w'])"

# The old conspiracy tropes about a group: hidden control of institutions, puppet masters, a plan to
# replace or take over. "Control"/"own" take any of these objects; "run"/"dominate" only the institutions
# ("women run the world" is a slogan, "Jews run Hollywood" the trope).
_INSTITUTIONS = (r"(?:the\s+)?(?:media|press|news|banks|banking\s+system|financial\s+system|hollywood|wall\s+street|"
                 r"fed|federal\s+reserve|government|governments|congress|parliament|politicians)")
_CONTROLLED = (rf"(?:all\s+(?:of\s+)?)?(?:{_INSTITUTIONS}|(?:the\s+)?(?:money|finance|economy|world|west|world's\s+money)|"
               r"(?:our|this)\s+(?:country|nation|government|media|economy)|everything|america|europe|britain)")
_PLOTTED = (rf"(?:(?:secretly\s+|really\s+|basically\s+|still\s+)?(?:control|controls|controlled|controlling|own|owns|"
            rf"){_E}\s+{_CONTROLLED}|(?:secretly\s+)?(?:run|runs|running|dominate|dominates){_E}\s+{_INSTITUTIONS}|"
            r"pull(?:s|ing)?\s+(?:all\s+)?the\s+strings|(?:the\s+)?puppet\s*masters|"
            r"behind\s+(?:it\s+all|everything|all\s+of\s+(?:this|it)|every\s+(?:war|crisis|attack|terror\s+attack))|"
            r"(?:replac(?:e|es|ed|ing)|outbreed(?:s|ing)?)\s+(?:us|whites|white\s+people|europeans|christians|"
            r"our\s+(?:people|children|race|culture))|"
            r"(?:take|takes|taking|took)\s+over\s+(?:our|this)\s+(?:country|nation|continent|towns?|cities|city|"
            r"neighbou?rhoods?|schools|government)|"
            r"(?:take|takes|taking|took)\s+over\s+(?:the\s+(?:world|west|country)|europe|america|britain|everything))"
            r"(?![\w'])(?!\s+(?:of|bank|coast|side|cup|series|war|market|record)(?![\w']))")  # not "the West Bank"

# (kind, pattern); the named group `cue` is the attack phrase shown as a span.
_LATER = r"[^\n]{0,120}?"  # from a group to a pronoun standing for it, in the same or the next sentence
# The group is what the sentence is about, not a prepositional object: "health care for women is a
# cancer", "the ban on Muslims should be removed" say nothing of the group.
_DETERMINERS = r"(?:\s+(?:the|all|these|those|every|each|most|many|of|one|single))*"
_OBJECT_OF = re.compile(r"(?<![\w'])(?:for|of|on|to|by|in|with|about|from|against|among|at|into)"
                        rf"{_DETERMINERS}\s*$")
# A group word that modifies another noun is not the group a cue is about: "ban the Chinese apps",
# "I hate the Chinese government's policy", "Chinese troops should be removed from Tibet".
_MODIFIED_NOUN = (r"\s+(?:government|regime|state|army|military|troops|soldiers|forces|navy|authorities|officials|"
                  r"diplomats|spies|hackers|leaders?|leadership|president|embassy|party|police|companies|company|"
                  r"firms?|businesses|apps?|products|goods|imports|exports|tariffs?|banks?|media|market|economy|"
                  r"team)(?!\w)")
_NOT_MODIFIER = rf"(?!{_MODIFIED_NOUN})"
_MODIFIES = re.compile(_MODIFIED_NOUN)
_PATTERNS = [
    ("violence", rf"{_CALL}(?P<cue>{_KILL_VERBS}){_OBJECT}{_GROUP}{_E}{_NOT_MODIFIER}"),
    ("violence", rf"{_B}{_GROUP}(?:\s+\w+){{0,2}}?\s+{_MODAL}(?:\s+all)?\s+(?P<cue>{_KILLED}){_E}"),
    ("violence", rf"{_B}{_GROUP}{_E}{_LATER}{_CALL}(?P<cue>{_KILL_THEM}){_E}"),
    ("violence", rf"{_B}hope{_OBJECT}{_GROUP}\s+(?:all\s+)?(?P<cue>die|burn|rot|get\s+(?:shot|killed|gassed)){_E}"),
    ("exclusion", rf"{_CALL}(?P<cue>{_EXPEL_VERBS}){_OBJECT}{_GROUP}{_E}{_NOT_MODIFIER}"),
    ("exclusion", rf"{_CALL}(?P<cue>(?:send|kick|throw|ship|drive|chase){_OBJECT}{_GROUP}\s+(?:back|out|home)){_E}"),
    ("exclusion", rf"{_B}{_GROUP}(?:\s+\w+){{0,2}}?\s+(?:{_MODAL}(?:\s+all)?\s+(?P<cue>{_EXPELLED})|(?P<cue2>{_UNWELCOME})){_E}"),
    ("exclusion", rf"{_B}{_GROUP}{_E}{_LATER}{_CALL}(?P<cue>{_SEND_THEM}){_E}"),
    ("exclusion", rf"{_B}(?:we|i)\s+(?P<cue>(?:don't|do\s+not)\s+want)(?:\s+(?:any|more|of|these|those|the|all)){{0,3}}\s+"
                  rf"{_GROUP}\s+(?:here|in\s+(?:our|this|my))"),
    ("dehumanising", rf"{_B}{_GROUP}{_WHERE}\s+(?:all\s+)?{_BE}{_FILLER}{_AND}\s+(?P<cue>{_DEHUMANISING}){_E}"),
    ("dehumanising", rf"{_B}{_GROUP}{_E}{_LATER}{_B}{_THEY}{_FILLER}\s+(?P<cue>{_DEHUMANISING}){_E}"),
    ("dehumanising", rf"{_B}{_GROUP}(?:\s+(?:are|keep|have|all))?\s+(?P<cue>{_INFESTING}){_E}"),
    ("dehumanising", rf"{_B}(?P<cue>{_DEHUMANISING})\s+like\s+(?:them|{_GROUP}){_E}"),
    ("dehumanising", rf"{_B}{_GROUP}(?:\s+\w+){{0,2}}?\s+(?P<cue>belongs?\s+in\s+(?:a|the)\s+(?:zoo|cage|jungle|gas\s+chambers?|ovens?)){_E}"),
    ("exclusion", rf"{_B}(?P<cue>no\s+{_GROUP}\s+allowed){_E}"),
    ("hatred", rf"{_B}{_GROUP}\s+(?P<cue>make\s+me\s+(?:sick|want\s+to\s+(?:puke|vomit|throw\s+up))){_E}"),
    ("hatred", rf"{_B}(?:i|we)\s+(?:\w+\s+)?(?P<cue>hate|despise|loathe|detest|can't\s+stand|cannot\s+stand){_OBJECT}{_GROUP}{_E}{_NOT_MODIFIER}"
               r"(?!\s+(?:being|getting|are|were|is|was|have|had|who|that|suffer|to))"),
    ("dehumanising", rf"{_B}(?:these|those|the|all|filthy|dirty|bloody|fucking|damn)\s+{_ADJECTIVE}\s+(?P<cue>{_VERMIN}){_E}"),
    ("essentialising", rf"{_B}{_GROUP}{_WHERE}\s+(?:all\s+)?{_GENERIC_BE}{_FILLER}{_AND}\s+(?P<cue>{_ESSENTIAL}){_E}"),
    ("essentialising", rf"{_B}{_GROUP}{_E}{_LATER}{_B}{_THEY}\s+all{_FILLER}\s+(?P<cue>{_ESSENTIAL}){_E}"),
    ("conspiratorial", rf"{_B}{_GROUP}{_E}{_NOT_MODIFIER}(?:\s+[\w']+){{0,3}}?\s+(?P<cue>{_PLOTTED}){_E}"),
]
# (kind, compiled, starts with the group): those are tried only where a group can start (see `find`),
# not at every character, which is most of their cost.
# A group named earlier in the text and referred to by "they"/"them" need not be the subject
# ("Get rid of the Mexicans, they are a plague"); a group the attack is predicated of directly must be.
_GROUP_FIRST = rf"{_B}{_GROUP}"


@cache
def _compiled() -> tuple[re.Pattern, list[tuple[str, re.Pattern, bool, bool, frozenset[str]]]]:
    """The group pattern and every cue pattern, compiled on the first text that passes the prefilter (not at
    import: most runs of `comments score` on a few texts never need them). A pattern naming
    "they"/"them"/"hope" is tried only on a text with that word."""
    return re.compile(_GROUP_FIRST), [
        (kind, re.compile(pattern), pattern.startswith(_GROUP_FIRST), _LATER not in pattern,
         frozenset(w for w, part in (("they", _THEY), ("them", _SEND_THEM), ("them", _KILL_THEM),
                                     ("hope", "hope")) if part in pattern))
        for kind, pattern in _PATTERNS]


# Cheap prefilter on the scorer's word tokens: a comment is read by the patterns only when it holds a
# group word (the first word of a group term; "people" only with "those"/"these") and an attack word.
GROUP_WORDS = frozenset([term.split("\\s+")[0].rstrip("\\+") for term in _GROUP_NOUNS + _GROUP_ADJECTIVES + _SINGULARS]
                        + [w + "s" for w in _SINGULARS] + ["illegal", "undocumented", "aliens", "disabled",
                                                          "handicapped"])
_THOSE_PEOPLE = frozenset({"those", "these"})
# Slurs for an identity (race, religion, nationality, sexuality, gender identity, disability), singular and
# plural: with the group words, what a comment must name to be an identity attack (`ToxicityScorer.score`).
SLURS = frozenset("""nigger niggers nigga niggas negro negroes faggot faggots fag fags dyke dykes tranny trannies
    shemale shemales homo homos queer queers kike kikes spic spics chink chinks wetback wetbacks beaner beaners
    gook gooks coon coons paki pakis raghead ragheads towelhead towelheads sandnigger sandniggers jigaboo
    jigaboos retard retards retarded cripple cripples gyppo gyppos pikey pikeys""".split())
IDENTITY_WORDS = GROUP_WORDS | SLURS
# Per cue kind, the words one of its attack phrases holds: a pattern is tried only on a text holding one.
TRIGGERS = {kind: frozenset(words.split()) for kind, words in {
    "dehumanising": """vermin parasite parasites animal animals beast beasts savage savages subhuman subhumans
        sub human humans cockroach cockroaches roach roaches rats pigs swine apes monkeys dogs filth scum trash
        garbage plague disease cancer virus infestation leech leeches maggot maggots lice insects cattle mongrels
        barbarians infest infests infested infesting swarm swarms swarmed swarming breed breeds breeding belong
        belongs zoo cage""",
    "essentialising": """criminal criminals rapist rapists terrorist terrorists thief thieves murderer murderers
        killer killers pedo pedos pedophile pedophiles paedophile paedophiles groomer groomers dealer dealers thug
        thugs freeloader freeloaders scrounger scroungers scammer scammers fraud frauds cheat cheats invader
        invaders degenerate degenerates pervert perverts deviant deviants ill diseased sick threat danger menace burden vile pathetic repulsive revolting despicable disgraceful useless inferior evil violent
        filthy dirty disgusting worthless lazy stupid liar liars crook crooks""",
    "exclusion": """deport rid kick throw send ban banned expel remove removed round keep purge purged drive driven
        chase ship evict more deported kicked thrown sent shipped expelled rounded kept go get gone allowed belong
        deserve welcome place right want locked camps allowed""",
    "hatred": "hate despise loathe detest stand sick puke vomit",
    "conspiratorial": """control controls controlled controlling own owns dominate dominates run runs running
        strings puppet puppetmasters behind replace replaces replaced replacing outbreed outbreeds outbreeding
        take takes taking took""",
    "violence": """death kill murder exterminate eradicate wipe shoot gas hang lynch burn slaughter execute nuke
        genocide killed murdered exterminated eradicated wiped shot gassed hanged hung lynched burned burnt
        slaughtered executed sterilised sterilized die dead put rot""",
}.items()}
ATTACK_WORDS = frozenset().union(*TRIGGERS.values())

# Condemned or countered: the attack is called out ("..., which is vile", "stop saying ..."). Negated,
# reported, attributed and quoted speech: `speech.py`, shared with the threat cues.
_CONDEMNED = re.compile(r"(?<![\w'])(?:is|was|are|'s|that's|which\s+is|which\s+was|it's)\s+(?:so\s+|just\s+|"
                        r"simply\s+|absolutely\s+|utterly\s+|pure\s+)?(?:disgusting|vile|racist|bigoted|hateful|"
                        r"shameful|wrong|sick|appalling|abhorrent|despicable|unacceptable|dehumanising|"
                        r"dehumanizing|hate\s+speech|bigotry|racism|xenophobic|xenophobia|islamophobic|"
                        r"antisemitic|anti-semitic|homophobic|transphobic|sexist|misogynist(?:ic)?|false|a\s+lie|"
                        r"a\s+myth|nonsense|horrible|awful|a\s+disgrace|disgraceful|outrageous|a\s+scandal|scandalous|shocking)(?![\w'])")
_COUNTER = re.compile(r"(?<![\w'])(?:stop|quit|nobody\s+should|no\s+one\s+should|don't\s+call|do\s+not\s+call|"
                      r"never\s+call|how\s+dare|shame\s+on|it's\s+(?:wrong|racist|disgusting)\s+to|"
                      r"it\s+is\s+(?:wrong|racist|disgusting)\s+to)(?![\w'])")
_NOBODY = re.compile(r"\s+to\s+(?:nobody|no\s+one|no-one)(?![\w'])")  # "Christians are a threat to nobody"
_NEGATED_GROUP = re.compile(rf"(?<![\w'])(?:not|no|n't){_DETERMINERS}\s*$")  # "not all Muslims are terrorists"
_LETTERS = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Cue:
    kind: str  # violence | dehumanising | exclusion | hatred | essentialising | conspiratorial
    start: int  # the attack phrase's characters in the text
    end: int

    @property
    def score(self) -> float:
        return SCORES[self.kind]


def maybe_hateful(tokens: list[str] | set[str]) -> bool:
    """The prefilter: a group word and an attack word among the text's lowercased word tokens."""
    words = set(tokens)
    return (not GROUP_WORDS.isdisjoint(words) or "people" in words and not _THOSE_PEOPLE.isdisjoint(words)) \
        and not ATTACK_WORDS.isdisjoint(words)


def find(text: str) -> list[Cue]:
    """The group-directed attack cues of `text`, in reading order (one per attack phrase)."""
    lowered = lower_for_cues(text)  # one character for one: offsets stay
    words = _LETTERS.findall(lowered)
    if not maybe_hateful(words):
        return []
    # Patterns are tried only where a cue can start, not at every character (most of their cost): at a
    # group word or up to four words before it ("every one of those Jews"), and at an attack word or up
    # to four words before it ("we should deport", "I am going to kill").
    offsets = [m.start() for m in _LETTERS.finditer(lowered)]
    anchors: dict[str, set[int]] = {}
    for i, word in enumerate(words):
        for kind in _ANCHOR_OF.get(word, ()):
            anchors.setdefault(kind, set()).update(offsets[max(0, i - _BEFORE[kind]):i + 1])
    group_at, compiled = _compiled()
    near_groups = anchors.get("group", set())
    group_starts = {i for i in near_groups if group_at.match(lowered, i)}  # where a group mention starts
    cues: dict[tuple[int, int], Cue] = {}
    present = set(words)
    for kind, pattern, group_first, subject, needs in compiled:
        if kind not in anchors or not needs <= present:
            continue
        starts = group_starts if group_first else near_groups | anchors[kind]
        for match in filter(None, (pattern.match(lowered, i) for i in sorted(starts))):
            name = "cue" if match.group("cue") is not None else "cue2"
            start, end = match.span(name)
            if kind in _NAMED_ONLY and _THOSE_PEOPLE_AT.match(lowered, match.start()):
                continue  # "these people are pathetic excuses for reporters": people, not a group
            if (start, end) in cues or _guarded(lowered, match.start(), match.end(), start) \
                    or subject and group_first and _OBJECT_OF.search(lowered, max(0, match.start() - 40), match.start()) \
                    or _names_no_identity(lowered, kind, match, start, end):
                continue
            cues[start, end] = Cue(kind, start, end)
    return sorted(cues.values(), key=lambda c: (c.start, c.end))


# "those people" is a group only for the strongest cues (dehumanising, exclusion, violence)
_NAMED_ONLY = frozenset({"essentialising", "hatred", "conspiratorial"})
_THOSE_PEOPLE_AT = re.compile(r"(?:all\s+)?(?:these|those)\s+people")
# word -> the anchors it is ("group" and/or cue kinds); how many words before an anchor a cue may start
_ANCHOR_OF: dict[str, tuple[str, ...]] = {}
for _kind, _words in [("group", GROUP_WORDS | {"people"}), *TRIGGERS.items()]:
    for _word in _words:
        _ANCHOR_OF[_word] = (*_ANCHOR_OF.get(_word, ()), _kind)
_BEFORE = {"group": 4} | dict.fromkeys(TRIGGERS, 4)


def _guarded(text: str, start: int, end: int, cue_start: int) -> bool:
    """Negated, reported, quoted or condemned: not the commenter's own attack."""
    sentence_start, sentence_end = sentence_around(text, start, end)
    # a negation between the group and the attack term, or just before a call ("we should not deport")
    before_cue = text[start:cue_start] if start < cue_start else text[max(sentence_start, cue_start - 25):cue_start]
    before = text[sentence_start:start]
    if NEGATION.search(before_cue) or DENIAL.search(before) or _NEGATED_GROUP.search(before):
        return True
    for m in REPORTING.finditer(text, sentence_start, max(start, cue_start)):
        subject = (m.group("subject") or "").strip()
        if subject not in FIRST_PERSON:  # "I say deport them" is the commenter's own call
            return True
    if _COUNTER.search(before) or _CONDEMNED.search(text, end, sentence_end) or _NOBODY.match(text, end):
        return True
    attributed = ATTRIBUTED.search(text, end, sentence_end)
    if attributed and (attributed.group("subject") or "").strip() not in FIRST_PERSON:
        return True
    # inside quotation marks: an odd number of quote characters before the match in its sentence
    return sum(before.count(q) for q in QUOTES) % 2 == 1


# Not every group word names a protected identity in every sentence (`_names_no_identity`):
# (a) A legal status is a policy category, not an identity: a call to enforce immigration law on "illegal
#     immigrants", "undocumented migrants" or "failed asylum seekers" (deport, remove, send home, ban, keep
#     out, not allowed to stay) is a policy position. Calls that treat people as cargo, cattle or waste
#     ("ship", "round up", "purge", "get rid of", "put in camps"), unwelcome and every other kind ("illegal
#     immigrants are vermin") still fire. Only a status qualifier on immigrants, migrants or asylum seekers
#     describes a status as newsrooms write it; "illegals" and "(illegal) aliens" are labels that news style
#     guides (AP, Reuters, the Guardian) reject for reducing people to an offence or casting them as
#     outsiders, so "deport the illegals" and "deport all illegal aliens" stay cues.
_STATUS = re.compile(r"(?<![\w'])(?:illegal|undocumented|unauthori[sz]ed|irregular|criminal|failed|rejected)\s+"
                     r"(?:immigrants?|migrants?|asylum\s+seekers?)(?![\w'])")
_ENFORCEMENT = re.compile(r"(?:be\s+)?(?:deport(?:ed)?|removed?|expel(?:led)?|ban(?:ned)?|send|sent|kick(?:ed)?|"
                          r"throw(?:n)?|keep|kept|locked\s+up|go\s+(?:back|home)|get\s+out|no\s+more|"
                          r"(?:should|must)\s+(?:not|never)\s+be\s+allowed|(?:shouldn't|mustn't)\s+be\s+allowed|"
                          r"(?:have|has)\s+no\s+right\s+to\s+be\s+here)(?![\w'])")
# (b) A nationality is also its state. Told to get out of a territory its state occupies or is at war over
#     ("Russians should get out of Ukraine", "kick the Israelis out of Gaza"), it names an army, not a
#     people; (c) said to control the media or the banks of its own country or of such a territory
#     ("Russians control the media in Russia"), it describes a state, not the trope of a people's hidden
#     control elsewhere. Exclusion from anywhere else ("Chinese should go back to China", "Poles should get
#     out of Britain") and every other kind ("Russians are subhuman") still fire.
_NATIONS = [  # the nationality's words; its country; territories its state occupies or fights over
    ("russians russian", r"russia|russian\s+federation",
     r"ukraine|crimea|donbass?|donetsk|luhansk|kherson|zaporizh(?:zh)?ia|mariupol|georgia|abkhazia|"
     r"south\s+ossetia|transnistria|moldova|syria|chechnya"),
    ("ukrainians ukrainian", r"ukraine", r"kursk"),
    ("israelis israeli", r"israel", r"gaza(?:\s+strip)?|west\s+bank|palestine|golan(?:\s+heights)?|lebanon|"
                                    r"east\s+jerusalem|occupied\s+territor(?:y|ies)|syria"),
    ("palestinians palestinian", r"palestine|gaza(?:\s+strip)?|west\s+bank", None),
    ("chinese", r"china|prc|people's\s+republic", r"tibet|taiwan|xinjiang|hong\s+kong|south\s+china\s+sea|ladakh"),
    ("turks turkish", r"turkey|t[uü]rkiye", r"cyprus|syria|iraq|kurdistan"),
    ("indians indian", r"india", r"kashmir"),
    ("pakistanis pakistani", r"pakistan", r"kashmir"),
    ("iranians iranian", r"iran", r"syria|iraq|lebanon|yemen"),
    ("syrians syrian", r"syria", r"lebanon"),
    ("iraqis iraqi", r"iraq", r"kuwait"),
    ("afghans afghan", r"afghanistan", None),
    ("kurds kurdish", r"kurdistan", None),
    ("bangladeshis", r"bangladesh", None),
    ("somalis somali", r"somalia", None),
    ("nigerians", r"nigeria", None),
    ("poles", r"poland", None),
    ("romanians", r"romania", None),
    ("albanians", r"albania", None),
    ("jamaicans", r"jamaica", None),
    ("haitians", r"haiti", None),
    ("filipinos", r"philippines", None),
    ("koreans", r"(?:north\s+|south\s+)?korea", None),
    ("japanese", r"japan", None),
    ("vietnamese", r"vietnam", None),
    ("mexicans mexican", r"mexico", None),
]
_PLACE = r"(?:the\s+)?(?:(?:occupied|annexed|northern|southern|eastern|western)\s+)?"  # before a place's name
_PLACE_END = r"(?:'s)?(?![\w'])"
_LEAVING: dict[str, re.Pattern] = {}  # nationality word -> "out of / from <a territory its state holds>"
_SCOPED: dict[str, re.Pattern] = {}  # nationality word -> "in / of <its country or such a territory>"
for _words, _country, _held in _NATIONS:
    _places = _country if _held is None else f"{_country}|{_held}"
    for _word in _words.split():
        if _held is not None:
            _LEAVING[_word] = re.compile(rf"\s+(?:out\s+)?(?:of|from)\s+{_PLACE}(?:{_held}){_PLACE_END}")
        _SCOPED[_word] = re.compile(rf"(?<![\w'])(?:in|of|across|throughout|inside|within)\s+{_PLACE}"
                                    rf"(?:{_places}|their\s+(?:own\s+)?(?:country|homeland|nation|state)){_PLACE_END}")
_WITHDRAWAL = re.compile(r"(?:be\s+)?(?:get|go|gone|kick(?:ed)?|throw(?:n)?|drive|driven|chase(?:d)?|push(?:ed)?|"
                         r"send|sent|removed?|expel(?:led)?|kept)(?![\w'])")


def _names_no_identity(text: str, kind: str, match: re.Match, cue_start: int, cue_end: int) -> bool:
    """The group word in `match` does not name a protected identity here: it modifies another noun ("the
    Chinese government"), or it is a legal status (a), or a nationality standing for its state (b, c)."""
    if "group" not in match.re.groupindex:  # "these immigrant parasites": the group word is the modifier
        return False
    group_start, group_end = match.span("group")
    if group_start < 0:  # "vermin like them": the group is a pronoun
        return False
    if _MODIFIES.match(text, group_end):
        return True
    if kind == "exclusion" and _ENFORCEMENT.match(text, cue_start) and any(
            m.start() < group_end and m.end() > group_start
            for m in _STATUS.finditer(text, max(0, group_start - 30), group_end + 30)):
        return True
    nationality = next((w for w in _LETTERS.findall(text, group_start, group_end) if w in _SCOPED), None)
    if nationality is None:
        return False
    if kind == "exclusion":
        leaving = _LEAVING.get(nationality)
        return bool(leaving and _WITHDRAWAL.match(text, cue_start) and leaving.match(text, match.end()))
    if kind == "conspiratorial":
        return bool(_SCOPED[nationality].search(text, cue_end, sentence_around(text, cue_start, cue_end)[1]))
    return False
