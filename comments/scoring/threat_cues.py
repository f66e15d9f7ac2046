"""Threat cues: threats of violence against a person, found by explainable rules.

The `threat` attribute is toxicity x P(threat | toxic), learned from the few Civil Comments posts whose
raters marked a threat: "I know where you live and I will kill you" scored 0.2, under "This is fucking
great news". A cue is one of:
- intent: the commenter's own harm to a person, "I will kill you", "I'm going to find you and beat you to
  death", "we'll put a bullet in his head", "I want to punch him in the face";
- conditional: the same, or a menace, under a condition ("if you come here again I'll break your neck",
  "touch my kids and you're dead");
- menace: "you're dead", "you're a dead man", "watch your back", "I know where you live", "I will find you",
  "you won't see it coming", "I'm coming to your office tomorrow with a baseball bat", "your family will pay",
  "you and yours will pay for this" (not under a debt or a tax: "your kids will pay for this deficit");
- call: violence asked of others or said to be deserved, "someone should shoot this journalist", "hang the
  traitors", "string them up", "round them all up and shoot them", "he deserves a bullet", "the lot of them
  should be hanged", "whoever did this should be shot", "get a rope";
- wish: "I hope someone beats him to death", "I hope you die", "I wish he got shot", "get cancer and die",
  "someone will put a bullet in him and I'll cheer".
Burning or bombing a building people are in is violence against them ("firebomb the mosque", "burn the town
hall down with them inside"); a blow promised on meeting someone is conditional ("if I see that councillor
I'll knock his teeth out", "... I'll deck him"), where "I'll hit him" alone is not.
The target must be a person: a pronoun ("them" only with verbs that are seldom figurative, or "them all" or
"the lot of them", and not when a thing, a game or a sport is near and no person noun is: "gut them, scale
them", "set them on fire, the leaves", "the Leafs play the Habs tonight, we'll kill them"), "this journalist",
"your family", or a capitalised name after the strongest verbs ("kill Trudeau tomorrow"). So "this traffic is
killing me", "I could murder a pizza", "we killed it", "slaughtered 5-0", "break a leg", "dead tired" and
news reports ("the suspect shot two people", past tense, third person) match no pattern.
Guards: a negation before the cue ("I would never hurt you"; not one inside a condition, "if you don't stop
I'll kill you"), reported, attributed or quoted speech ("police said he threatened to kill her", "I'll kill
you, he told her"; not a clause of the commenter's own after the reporting verb, "whoever posted this, I will
kill you", "say one more word and I'll kill you"), counter-speech ("saying you will kill someone is a crime"),
fiction and media ("the villain threatens..."), games, sport and elections ("we'll kill them in the playoffs",
"...in the return leg", and "we" against a bare "them" on match day: "we're going to murder them on Saturday"),
jokes ("just kidding", here or in the next sentence), animals ("shoot them, the coyotes..."); calls and wishes
also give way to courts and legal punishment ("hang him after a fair trial"). Words reported after them ("Kill
him! shouted the crowd"), after a colon ("he told the court: I will kill you", "the note read: ...") or in a story
that ends in court ("... He was sentenced to ten years"), a threat's words as a title ("I know where you live is a
great thriller"), advice ("watch your back when cycling") and the risks of a generic "you" ("without a helmet
you're dead"; not "if you come near my kids again you're dead") are no one's threat either. Legal consequences
("he should be jailed / fired / sued") are not violence and match nothing. Group-directed violence ("kill all
Muslims") is a hate cue (`hate_cues.py`); where both fire, the comment keeps the higher score.
An imperative after a comma is a call when a condition opens the sentence or "then" orders it ("if they come back,
shoot them", "kill the bill, then kill the premier"), not one more verb of a list ("we invade your country, rape
your children"). A name with a number is a measure's title ("kill Bill C-69").
Violence done only to things ("Kill the bill!", "kill it with fire", "death to the carbon tax") is no threat: the
model's threat, which reads the verb more than its object, is capped there (`aimed_at_things`).
Masked harm words ("k1ll", "sh00t", "k*ll", "st@b") are read as the word; the text reaching `find` is already
folded (`comments.text.fold`: look-alike letters, invisible characters, stretched letters), offsets kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import product

from .speech import (ATTRIBUTED, DENIAL, FIRST_PERSON, NEGATION, PAST, QUOTES, REACH, REPORTING, SENTENCE_END,
                     THIRD, lower_for_cues, sentence_around, verb_forms)

# Cue kind -> the `threat` (and `severe_toxicity`) it raises the comment to: the default policy reviews both
# at 0.50 and rejects severe_toxicity at 0.90; a rule cannot tell every joke or quotation from a threat, so a
# person decides.
SCORES = {"intent": 0.85, "conditional": 0.85, "call": 0.80, "menace": 0.75, "wish": 0.70}

_B, _E = r"(?<![\w'])", r"(?![\w'])"
_S = r"(?:s|es)?"  # "kills" in "I hope someone kills him"

# --- who is threatened -------------------------------------------------------------------------------
_PERSON_NOUNS = r"""journalists? reporters? editors? writers? authors? columnists? politicians? senators?
    congressm[ae]n mps? mayors? governors? premiers? presidents? ministers? judges? cops? officers? traitors?
    guys? m[ae]n wom[ae]n boys? girls? kids? child children bastards? idiots? morons? clowns? scumbags? creeps?
    losers? liars? crooks? thie(?:f|ves) thugs? looters? rioters? protesters? protestors? pedophiles? pedos?
    paedophiles? rapists? murderers? killers? criminals? leftists? liberals? libtards? conservatives?
    democrats? republicans? commies? fascists? nazis? antifa bitch(?:es)? whores? sluts? cunts? fags? faggots?
    pigs? family families wife husband sons? daughters? mother mom mum father dad parents sisters? brothers?
    friends? person people (?:piece\s+of\s+)?(?:shit|garbage|trash|scum) animals? dogs? cat punks? sob jerks?
    assholes? dirtbags? pricks? cowards? degenerates? hoodlums? teachers? doctors? ceos? bosses? managers?
    landlords? owners? bankers? billionaires? executives? lawyers? neighbou?rs? officials? councillors?
    councilors? trustees? priests? pastors? police(?:m[ae]n)? coaches? refs? referees? drivers? chancellors?
    commissioners? chairm[ae]n sheriffs? deputy deputies leaders? chiefs? kings? queens? princes? princess(?:es)?
    umpires? nurses? soldiers? imams? rabbis? popes? bishops? monks? nuns? infidels? unbelievers? heretics?
    apostates? blasphemers? witness(?:es)? snitch(?:es)? informants? dealers? activists? students? workers?
    voters? baby babies infants? toddlers? uncles? aunts? cousins? grandparents? grandmothers? grandfathers?
    grandma grandpa""".split()
# "every one of you", "the lot of them"
_OF = r"(?:(?:every\s+(?:last\s+|single\s+)?one|each(?:\s+one)?|all|both|the\s+(?:whole\s+)?lot)\s+of\s+)?"
_PRONOUN = rf"(?:{_OF}(?:you(?:\s+(?:all|guys|people|two))?|u|ya|y'all|him|her))"
_THEM = r"(?:them|'em|em)"
_DETERMINER = (r"(?:(?:every\s+(?:last\s+|single\s+)?one\s+of\s+|all\s+(?:of\s+)?|the\s+(?:whole\s+)?lot\s+of\s+)?"
               r"(?:the|these|those|your|his|her|"
               r"their)|this|that|every|some|a|ur)")
_NP = rf"(?:{_DETERMINER}(?:\s+[a-z]+)?\s+(?:{'|'.join(_PERSON_NOUNS)}))"  # "that lying journalist"
# "protesters like him": people of a kind, pointed at
_LIKE_THEM = rf"(?:(?:{'|'.join(_PERSON_NOUNS)})\s+like\s+(?:him|her|them|you|that|this|these|those)(?![\w']))"
_PERSON = rf"(?:{_NP}|{_PRONOUN}|{_LIKE_THEM})"
_ALL_OF_THEM = (rf"(?:{_THEM}\s+all|(?:all|the\s+(?:whole\s+)?lot|every\s+(?:last\s+|single\s+)?one)\s+of\s+"
                rf"{_THEM})")
_POSSESSIVE = r"(?:your|ur|yer|his|her|their)"
# A capitalised name after the strongest verbs ("shoot Trudeau", "hang Pence"): checked on the written text.
_NAME = r"(?P<name>[a-z][\w'-]+(?:\s+[a-z][\w'-]+)?)"
# Not a threat after the target: "shoot him an email", "kill him off" (a character), "shoot him down" (an
# idea), "hurt them politically", "kill them with kindness".
_NOT_AFTER = (r"(?![\w'])(?!\s+(?:an?|some|off|out|down|over|along|back|up\s+on|politically|financially|economically|"
              r"electorally|with\s+kindness|at\s+the\s+polls|in\s+the\s+(?:polls|election|ratings|debate|"
              r"primaries|primary|standings)|where\s+it\s+hurts)(?![\w']))")

# --- what is done to them ---------------------------------------------------------------------------
_STRONG = (r"(?:kill|kil|murder|assassinate|behead|decapitate|butcher|strangle|lynch|stab|knife|shank|torture|"
           r"rape|maim|unalive|execute|shoot|slaughter|gut|castrate|curb[\s-]?stomp|pistol[\s-]?whip)")
_WEAK = r"(?:hurt|harm|punch|choke|poison|drown)"  # "them" only as "them all"


_LIMBS = r"(?:hands?|heads?|arms?|legs?|fingers|balls|tongues?|dicks?)"
# A building people live, pray, work or govern in: burning or bombing it is violence against them ("firebomb the
# mosque", "burn the town hall down with the lot of them inside"); "burn the midnight oil", "bomb the exam" and
# "burn it all down" (the system) name none, and pulling one down to build anew is no attack ("blow up the old
# school and start over").
_BUILDING_NOUNS = """house houses home homes hall halls office offices headquarters hq mosque mosques synagogue
    synagogues church churches temple temples gurdwara gurdwaras school schools clinic clinics embassy embassies
    newsroom parliament legislature capitol chambers station stations courthouse building buildings shelter
    shelters hotel hotels""".split()
_BUILDING = (r"(?:(?:the|that|this|these|those|their|his|her|your|ur|every|a|any|some)\s+(?:[a-z'-]+\s+){0,2}?"
             rf"(?:{'|'.join(_BUILDING_NOUNS)}){_E})")
_INSIDE = r"(?:\s+with\s+(?:[\w']+\s+){1,5}?(?:inside|in\s+it|in\s+there|still\s+in\s+it))"  # who is in it
_BURNED = rf"(?:{_BUILDING}|(?:it|the\s+(?:whole\s+)?place)(?=(?:\s+down)?{_INSIDE}))"  # "...it down with them inside"
_ARSON = (rf"(?:(?:fire[\s-]?bomb|petrol[\s-]?bomb|bomb|torch|burn){_S}\s+(?:down\s+)?{_BURNED}(?:\s+down)?"
          rf"|blows?\s+up\s+{_BURNED}|blows?\s+{_BURNED}\s+up|sets?\s+fire\s+to\s+{_BURNED}"
          rf"|sets?\s+{_BURNED}\s+(?:on\s+fire|alight|ablaze)){_INSIDE}?{_E}"
          r"(?![^.!?;\n]*(?:build|start\s+(?:over|again|afresh|fresh)|demoli|redevelop|condos?|insurance|eyesore))")


def _harm(target: str) -> str:
    """Violence done to `target`, any verb form the pattern around it allows (base or third person)."""
    t, them, p = rf"(?:{target}){_E}", rf"{_OF}{_THEM}{_E}", _POSSESSIVE  # whole words: not "you" of "your"
    return (rf"(?:(?:{_STRONG}){_S}\s+(?:{t}|{them}){_NOT_AFTER}"
            rf"|{_WEAK}{_S}\s+(?:{t}|{_ALL_OF_THEM}){_NOT_AFTER}"
            rf"|hangs?\s+(?:{t}|{them})(?=\s*(?:[.!?,;:)\n]|$|all|high|from|by\s+the\s+neck|for\s+treason))"
            rf"|hangs?\s+{t}(?=\s+(?:in|at|on|outside)\s+(?!effigy))"
            rf"|beats?\s+(?:{t}|{them})\s+(?:up|to\s+death|to\s+a\s+pulp|senseless|bloody|half\s+to\s+death|"
            r"black\s+and\s+blue|within\s+an\s+inch\s+of)"
            r"|(?:beat|kick|knock)s?\s+the\s+(?:shit|crap|hell|living\s+daylights|snot|life)\s+out\s+of"
            rf"\s+(?:{t}|{them})"
            rf"|(?:break|snap)s?\s+{p}\s+(?:necks?|legs|leg|arms?|jaw|face|nose|skull|bones|fingers|kneecaps|teeth)"
            rf"|(?:smash|bash|cave|kick|knock)(?:s|es)?\s+{p}\s+(?:face|head|skull|teeth)\s+in"
            rf"|(?:knock|kick|punch|smash)(?:s|es)?\s+{p}\s+(?:teeth|lights|brains)\s+out"
            rf"|knocks?\s+{p}\s+(?:block|head)\s+off"
            rf"|(?:slit|cut)s?\s+{p}\s+(?:throats?|heads?\s+off)"
            rf"|cuts?\s+(?:off\s+{p}\s+{_LIMBS}|{p}\s+{_LIMBS}\s+off)"
            rf"|blows?\s+{p}\s+(?:brains|heads?)\s+(?:out|off)"
            r"|puts?\s+(?:a|one|two|some)\s+(?:bullets?|rounds?|slugs?)\s+(?:in|into|through|between)"
            rf"\s+(?:{t}|{them}|{p}\s+\w+)"
            rf"|puts?\s+(?:{t}|{them})\s+(?:in\s+the\s+(?:ground|grave|morgue|hospital)|six\s+feet\s+under|"
            r"in\s+an?\s+(?:body\s+bag|coffin|early\s+grave|wheelchair))"
            rf"|strings?\s+(?:{t}|{them})\s+up|strings?\s+up\s+(?:{t}|{them})"
            rf"|line\s+(?:{t}|{them})\s+up\s+against\s+(?:a|the)\s+wall"
            rf"|(?:burn|skin|bury)s?\s+(?:{t}|{them})\s+alive|sets?\s+(?:{t}|{them})\s+on\s+fire"
            rf"|runs?\s+(?:{t}|{them})\s+over|end\s+(?:you|u|ya){_E}|{_ARSON}|burns?\s+{p}\s+(?:place|car)\s+down)")


_HARM = _harm(_PERSON)
_HARM_NAMED = rf"(?:{_STRONG}|hang|lynch){_S}\s+{_NAME}{_NOT_AFTER}"
# Done to them (passive): "should be shot", "get killed".
_HARMED = (r"(?:shot|killed|murdered|assassinated|beheaded|decapitated|butchered|strangled|lynched|stabbed|"
           r"knifed|tortured|raped|maimed|hanged|hung|strung\s+up|run\s+over|shot\s+on\s+sight|"
           r"beaten(?:\s+(?:up|to\s+death|to\s+a\s+pulp|senseless|bloody|half\s+to\s+death))?|"
           r"(?:burned|burnt|skinned|buried)\s+alive|set\s+on\s+fire|lined\s+up\s+against\s+(?:a|the)\s+wall|"
           r"put\s+down|gassed|incinerated|exterminated|castrated|tarred\s+and\s+feathered|"
           r"drawn\s+and\s+quartered|taken\s+out\s+(?:back\s+)?and\s+shot)"
           r"(?!\s+(?:down|out\s+to\s+dry|up\s+on|over|jury|in\s+(?:hd|color|colour|black|studio|4k)|"
           r"on\s+(?:location|film|video|camera)|at\s+(?:goal|the\s+net))(?![\w']))")
_DESERVED = (r"(?:a\s+(?:good\s+)?(?:bullet|beating|kicking|lynching|hanging|noose|rope)|bullets|"
             r"a\s+(?:good\s+|hard\s+)?(?:punch|kick|smack|fist|bat|brick)\s+(?:in|to)\s+the\s+"
             r"(?:face|head|mouth|teeth|throat)|"
             r"the\s+(?:bullet|rope|noose|firing\s+squad|gallows)|to\s+(?:die|hang|swing|be\s+"
             rf"{_HARMED})|a\s+bullet\s+(?:in|to|between)\s+(?:the|his|her|their)\s+\w+)")

# --- who speaks --------------------------------------------------------------------------------------
_WILL = (r"(?:(?:i|we)(?:'ll|,ll|'d\s+(?:love|like)\s+to|'m\s+(?:going\s+to|gonna|about\s+to|coming\s+to)|"
         r"'re\s+(?:going\s+to|gonna|coming\s+to)|\s+(?:will|wil|shall|am\s+(?:going\s+to|gonna|about\s+to|"
         r"coming\s+to)|are\s+(?:going\s+to|gonna|coming\s+to)|want\s+to|wanna|intend\s+to|plan\s+to|"
         r"(?:would|'d)\s+(?:love|like)\s+to|swear\s+(?:i|we)(?:'ll|\s+will)|gonna))"
         r"|(?:im|ima|imma|i'ma|i'mma|ill)(?:\s+(?:going\s+to|gonna))?)")
_SWEAR = r"(?:f(?:[*#@$!-]{1,5}|u[*#@$!-]+|uck|ck|k|reak|rig|rick)(?:ing|in'?)|effing|bloody|damn|goddamn)"  # f***ing
# Taking the target first: "find you and", "round them all up and", "take him out back and".
_ROUND_UP = (r"(?:find|hunt|track|round|rack|line|gather|drag|take)\s+(?:up\s+)?(?:you|u|ya|him|her|them|'em|"
             rf"{_NP}|"
             r"the\s+(?:whole\s+)?lot(?:\s+of\s+(?:them|'em|you))?)(?:\s+all)?(?:\s+(?:down|up|out(?:\s+back)?|"
             r"outside))?\s+(?:and|then)")
_ON_THE_WAY = (rf"(?:\s+(?:personally|{_SWEAR}|just|really|literally|gladly|happily|definitely|absolutely|then|"
               r"slowly|(?:come|go)(?:\s+(?:over|back|down|round|there))?(?:\s+and)?|"
               rf"{_ROUND_UP}|"
               r"wait\s+for\s+(?:you|him|her|them)\s+(?:and|then)|make\s+sure\s+(?:to|i|we)|"
               r"not\s+hesitate\s+to)){0,3}")
_MODAL = (r"(?:should|needs?\s+to|ought\s+to|has\s+to|have\s+to|must|gotta|got\s+to|oughta|could\s+just|"
          r"can\s+just)(?:\s+(?:just|really|simply|go\s+and|go|finally|all|seriously|please))*")
_SOMEONE = (r"(?:someone|somebody|some\s+one|anyone|anybody|we|you|u|they|people|y'all|you\s+guys|"
            r"the\s+people|citizens|(?:the\s+)?(?:police|cops|army|military|soldiers|troops|national\s+guard))")
# A group named by the commenter's words: "the lot of them", "all of you", "every last one of them".
_GROUP_OF = (r"(?:(?:all|the\s+(?:whole\s+)?lot|every\s+(?:last\s+|single\s+)?one|each(?:\s+one)?|both)\s+of\s+"
             r"(?:them|'em|you|(?:those|these)\s+[a-z]+))")
# Who deserves it: "he", "this journalist", "whoever did this", "anyone who votes for him".
_WHO = (rf"(?:he|she|you|u|they|{_NP}|{_GROUP_OF}|whoever(?:\s+[\w']+){{1,5}}?|(?:anyone|anybody|everyone|everybody|"
        r"people|those|any\s+[\w']+)\s+who(?:\s+[\w']+){1,6}?|those\s+responsible|[a-z]+\s+like\s+"
        r"(?:him|her|them|you|that|this))")
_WHO_DIES = rf"(?:he|she|you|u|{_NP}|{_GROUP_OF})"
# Where an imperative starts: "Hang the traitors", "Somebody please shoot him", "Time to string them up", "Kill the
# bill, then kill the premier".
_CLAUSE = (r"(?:^|(?<=[.!?;:,\n\"])|(?<=[.!?;:,\n\"]\s)|(?<=[.!?;:,\n\"]\s\s))(?:(?:just|so|please|now|go|"
           rf"let's|lets|then|and|someone|somebody|time\s+to|i\s+say|seriously|honestly|{_ROUND_UP})\s+){{0,2}}")
_CLAUSE_END = (r"(?=\s*(?:[.!?,;:)\n\"]|$|(?:if|when|once|unless|the\s+(?:moment|minute|second)|pal|buddy|punk|"
               r"bitch|dude|mate)(?![\w'])))")

# --- the words a pattern needs: it is tried only on a text that has them (most of the cost saved) ---------
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_I = _words("i we im ill ima imma i'll i'm i'd i'ma i'mma we'll we're we'd")
_YOU = _words("you u ya you're youre you'll youll")
_MODALS = _words("should need needs ought has have must gotta got oughta could can")
_MODALS_BE = _words("should must need needs ought deserve deserves")
_HOPE = _words("hope hopes hoping wish pray")
# hoped for someone, not for no one ("I pray that no child dies")
_HOPED = r"(?:hope|wish|pray)\s+(?!(?:that\s+)?(?:no|nobody|none|neither|not)\b)(?:that\s+)?"
_HARMED_WORDS = _words("""shot killed murdered assassinated beheaded decapitated butchered strangled lynched stabbed
    knifed tortured raped maimed hanged hung strung run beaten burned burnt skinned buried set lined put gassed
    incinerated exterminated castrated tarred drawn taken""")
# Violent verbs, and verbs that are violent only with one of some other words ("put" with "bullet").
_HARM_VERBS = _words("""kill kills kil kils murder murders assassinate behead beheads decapitate butcher strangle lynch
    lynches stab stabs knife shank torture rape rapes maim unalive execute shoot shoots slaughter gut castrate
    stomp whip hurt hurts harm punch choke poison drown hang hangs""")
_HARM_WITH = {verb: _words(others) for verbs, others in [
    ("beat beats", "up death pulp senseless bloody half black inch shit crap hell daylights snot life"),
    ("kick kicks knock knocks", "shit crap hell daylights snot life face head skull teeth lights brains block"),
    ("break breaks snap snaps", "neck necks legs leg arms arm jaw face nose skull bones fingers kneecaps teeth"),
    ("smash smashes bash bashes cave caves", "face head skull teeth"),
    ("slit slits cut cuts", "throat throats head heads off"),
    ("blow blows", "brains head heads up"),
    ("put puts", "bullet bullets round rounds slug slugs ground grave morgue hospital feet bag coffin wheelchair"),
    ("string strings", "up"), ("line", "wall"), ("burn burns skin skins bury buries", "alive house home place car"),
    ("set sets", "fire alight ablaze"), ("run runs", "over"), ("end", "you u ya"),
    ("firebomb firebombs bomb bombs torch torches", "")] for verb in verbs.split()}
for _verb in "burn burns firebomb firebombs bomb bombs torch torches blow blows set sets".split():
    _HARM_WITH[_verb] |= _words(" ".join(_BUILDING_NOUNS) + " inside")  # arson of a building
HARM = frozenset({" harm"})  # a need: a violent verb (above), added to a text's words as this pseudo-word
_DISEASE = (r"(?:cancer|aids|ebola|covid|the\s+plague|an?\s+(?:terminal|incurable|painful|slow)\s+"
            r"(?:disease|illness|death))")
_DISEASE_WORDS = _words("cancer aids ebola covid plague disease illness death")
# Blows that are a threat after "if I see him": "if I see that councillor I'll deck him" ("I'll hit him" alone is
# as often with facts or at chess).
_HIT = r"(?:hit|smack|slap|deck|thump|headbutt|head-butt|batter|belt|lamp|sock|floor|flatten|kick)"
_HIT_WORDS = _words("""hit hits smack smacks slap slaps deck decks thump thumps headbutt butt batter batters belt
    belts lamp lamps sock socks floor floors flatten flattens kick kicks knock knocks""")
_BLOW = (rf"(?:{_HIT}{_S}\s+(?:{_PERSON}|{_THEM})(?:\s+(?:senseless|into\s+next\s+week|so\s+hard|(?:in|on|over)\s+"
         rf"the\s+(?:face|mouth|head|teeth|nose|jaw|chin)))?{_CLAUSE_END}|knocks?\s+(?:{_PERSON}|{_THEM})\s+"
         r"(?:out|flat|senseless|down)(?![\w']))")
# Meeting the target, the condition of the promise: "if I ever see that councillor in the street, ".
_IF_I_MEET = (r"(?:if|when|once|next\s+time)\s+(?:i|we)\s+(?:ever\s+)?(?:see|catch|meet|find|spot|run\s+into|"
              r"bump\s+into|get\s+(?:hold\s+of|my\s+hands\s+on))(?![\w'])[^.!?;\n]{1,60}?")

# The reader's family: "your wife and kids", "you and yours".
_FAMILY = (r"(?:family|families|kids|children|wife|husband|mother|mom|mum|father|dad|parents|sons?|daughters?|"
           r"sisters?|brothers?|loved\s+ones|(?:wife|husband)\s+and\s+(?:kids|children))")
_THEIRS = (rf"(?:you\s+and\s+(?:yours|(?:your|ur)\s+{_FAMILY})|(?:your|ur)\s+(?:whole\s+|entire\s+|little\s+|precious\s+|"
           rf"lovely\s+|dear\s+)?{_FAMILY})")
# Coming to them armed: "I'm coming to your office tomorrow with a baseball bat".
_VISIT = (r"(?:(?:i'm|i\s+am|im|we're|we\s+are)\s+(?:coming|comin'|going|heading|showing\s+up|turning\s+up)|"
          r"(?:i'll|i\s+will|we'll|we\s+will)\s+(?:come|go|show\s+up|turn\s+up|be))")
_THEIR_PLACE = (rf"(?:to|round\s+to|over\s+to|at)\s+(?:{_POSSESSIVE}\s+(?:[a-z]+\s+)?"
                rf"(?:{'|'.join(_BUILDING_NOUNS)}|place|door|doorstep|work|car|street)|you|him|her)")
_WEAPON_WORDS = _words("""bat bats gun guns knife knives machete axe rifle shotgun pistol crowbar hammer pitchfork
    pitchforks torches petrol gasoline acid""")
_WEAPON = rf"(?:a|an|my|our|some|the)\s+(?:[a-z]+\s+)?(?:{'|'.join(_WEAPON_WORDS)})"
# The commenter's joy at harm foretold, after it in its sentence: "..., and I will cheer".
_CHEERED = (r"(?=[^.!?;\n]{0,40}?(?:,|and)\s+(?:i|we)(?:'ll|\s+will|'d|\s+would|\s+shall)\s+(?:\w+\s+)?"
            r"(?:cheer|celebrate|dance|laugh|applaud|smile|rejoice|party|toast|clap|be\s+(?:glad|happy|delighted|"
            r"thrilled)))")

_PATTERNS = [  # (kind, pattern, the words it needs: one of each set); `cue` is the phrase shown as a span
    ("intent", rf"{_B}(?P<cue>{_WILL}{_ON_THE_WAY}\s+{_HARM})", (HARM, _I)),
    ("intent", rf"{_B}(?P<cue>{_WILL}{_ON_THE_WAY}\s+{_HARM_NAMED})", (HARM, _I)),
    ("call", rf"{_B}(?P<cue>{_SOMEONE}\s+{_MODAL}{_ON_THE_WAY}\s+{_HARM})", (HARM, _MODALS)),
    ("call", rf"{_B}(?P<cue>{_SOMEONE}\s+{_MODAL}{_ON_THE_WAY}\s+{_HARM_NAMED})", (HARM, _MODALS)),
    ("call", rf"{_CLAUSE}(?P<cue>{_HARM})", (HARM,)),
    ("call", rf"{_CLAUSE}(?P<cue>{_HARM_NAMED})", (HARM,)),
    ("call", rf"{_B}(?P<cue>{_WHO}(?:\s+(?:really|just|all|simply))?\s+(?:should|must|needs?\s+to|ought\s+to|"
             rf"deserves?\s+to)\s+(?:just\s+|all\s+|really\s+)?be\s+(?:{_SWEAR}\s+)?{_HARMED}){_E}",
     (_HARMED_WORDS, _MODALS_BE)),
    ("call", rf"{_B}(?P<cue>{_WHO_DIES}\s+(?:should|must|needs?\s+to|ought\s+to|deserves?\s+to)\s+(?:just\s+)?"
             rf"(?:die|hang|swing)){_CLAUSE_END}", (_words("die hang swing"), _MODALS_BE)),
    ("call", rf"{_B}(?P<cue>{_WHO}\s+(?:deserves?|needs?|has\s+earned|earned)\s+{_DESERVED}){_E}",
     (_words("""bullet bullets beating kicking lynching hanging noose rope firing gallows die hang swing punch kick
         smack fist bat brick""") | _HARMED_WORDS, _words("deserve deserves need needs earned"))),
    ("call", rf"{_B}(?P<name>[a-z][\w'-]+)\s+(?P<cue>(?:should|must|needs?\s+to|deserves?\s+to)\s+be\s+{_HARMED}){_E}",
     (_HARMED_WORDS, _MODALS_BE)),
    ("call", rf"{_B}(?P<cue>(?:someone\s+|somebody\s+)?(?:get|grab|bring)\s+(?:a|the|some)\s+(?:rope|noose|ropes)){_E}",
     (_words("rope noose ropes"),)),
    ("call", rf"{_B}(?P<cue>where(?:'s|\s+is)\s+(?:a|the)\s+(?:sniper|assassin|hitman|lynch\s+mob|firing\s+squad|"
             r"bullet|rope|noose)\s+when)",
     (_words("sniper assassin hitman lynch firing bullet rope noose"), _words("where where's"))),
    ("menace", rf"{_B}(?P<cue>(?:i|we)\s+know\s+where\s+(?:you|u|ya|your\s+(?:family|kids|wife|husband|mother|"
               rf"mom|children|parents))\s+(?:live|lives|sleep|sleeps|work|works|go\s+to\s+school)){_E}",
     (_words("where"), _words("live lives sleep sleeps work works school"))),
    # advice is no menace: "watch your back when cycling / while moving furniture / when on that road"
    ("menace", rf"{_B}(?P<cue>watch\s+(?:your|ur|yer)\s+back){_CLAUSE_END}"
               r"(?!\s+(?:when|while|whilst|once)\s+(?:[a-z]+ing|on|in|at|out|around|near)(?![\w']))",
     (_words("watch"), _words("back"))),
    ("menace", rf"{_B}(?P<cue>(?:you|u|ya)(?:'re|re|\s+are|\s+r|\s+will\s+be|'ll\s+be|\s+are\s+going\s+to\s+be|"
               r"'re\s+going\s+to\s+be|'re\s+gonna\s+be|\s+gonna\s+be)\s+(?:so\s+|fucking\s+|already\s+)?"
               rf"(?:dead(?:\s+meat)?|a\s+dead\s+(?:man|woman|boy|girl)|dead\s+(?:men|women)|next)){_CLAUSE_END}",
     (_words("dead next"), _YOU)),
    ("menace", rf"{_B}(?P<cue>(?:ur|your)\s+(?:so\s+|fucking\s+|already\s+)?(?:dead(?:\s+meat)?|"
               rf"a\s+dead\s+(?:man|woman|boy|girl))){_CLAUSE_END}", (_words("dead"), _words("ur your"))),
    # "beat you" is a threat after "find you and" ("I'll beat you" alone is at chess as often)
    ("intent", rf"{_B}(?P<cue>{_WILL}{_ON_THE_WAY}\s+(?:find|hunt|track)\s+(?:you|u|ya|him|her)(?:\s+down)?\s+"
               rf"(?:and|then)\s+(?:beat|hit|punch|kick)\s+(?:you|u|ya|him|her)){_E}",
     (_words("beat hit punch kick"), _words("find hunt track"), _I)),
    ("menace", rf"{_B}(?P<cue>(?:you|u|ya)(?:'ll|\s+will|\s+are\s+going\s+to|'re\s+going\s+to|'re\s+gonna|"
               r"\s+gonna)\s+(?:die|get\s+(?:shot|killed|stabbed|hurt|what's\s+coming(?:\s+to\s+you)?))"
               rf"){_CLAUSE_END}", (_words("die shot killed stabbed hurt coming"), _YOU)),
    ("menace", rf"{_B}(?P<cue>(?:i'm|i\s+am|im|we're|we\s+are)\s+(?:coming|comin')\s+for\s+(?:you|u|ya)"
               rf"(?:\s+and\s+(?:your|ur)\s+(?:family|kids|children|wife|husband|parents|friends))?){_CLAUSE_END}",
     (_words("coming comin"),)),
    # the reader's family made to pay: "your family will pay", "you and yours will pay for this" (not the bill for
    # a debt: see `_guarded`)
    ("menace", rf"{_B}(?P<cue>{_THEIRS}\s+(?:will|'ll|are\s+going\s+to|'re\s+going\s+to|are\s+gonna|'re\s+gonna|"
               r"is\s+going\s+to|'s\s+going\s+to|is\s+gonna|'s\s+gonna|gonna)\s+pay(?:\s+for\s+(?:this|it|that|"
               rf"what\s+you(?:'ve|\s+have)?\s+(?:did|done|wrote|written|said)))?){_CLAUSE_END}",
     (_words("pay"), _words("your ur yours"))),
    # a visit armed: "I'm coming to your office tomorrow with a baseball bat"
    ("menace", rf"{_B}(?P<cue>{_VISIT}\s+{_THEIR_PLACE}(?:\s+[a-z']+){{0,3}}?\s+with\s+{_WEAPON}){_E}",
     (_WEAPON_WORDS, _words("coming comin going heading showing turning come go show turn be"))),
    ("menace", rf"{_B}(?P<cue>(?:i|we)(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to)\s+(?:find|hunt|track)"
               rf"\s+(?:you|u|ya)(?:\s+down)?){_CLAUSE_END}", (_words("find hunt track"), _YOU)),
    ("menace", rf"{_B}(?P<cue>sleep\s+with\s+one\s+eye\s+open|(?:you|u)\s+won't\s+see\s+(?:it|me|us)\s+coming){_E}",
     (_words("eye coming"),)),
    ("wish", rf"(?:{_CLAUSE}|{_B}(?:and|now|so|just|please|can)\s+)"
             rf"(?P<cue>go\s+(?:and\s+)?die(?:\s+in\s+a\s+(?:fire|hole|ditch))?){_CLAUSE_END}",
     (_words("die"), _words("go"))),
    ("conditional", rf"{_B}{_IF_I_MEET}{_B}(?P<cue>{_WILL}{_ON_THE_WAY}\s+{_BLOW})",
     (_HIT_WORDS, _words("see catch meet find spot run bump hold hands"), _words("if when once next"))),
    # a death wished in the imperative: "get cancer and die", "die in a fire"
    # ("get covid" alone is as often advice on immunity)
    ("wish", rf"{_CLAUSE}(?P<cue>(?:get|catch)\s+(?:{_DISEASE}\s+and\s+(?:die|rot)|(?!covid){_DISEASE})"
             rf"|die\s+in\s+a\s+(?:fire|hole|ditch)){_CLAUSE_END}",
     (_DISEASE_WORDS | _words("die"), _words("get catch fire hole ditch"))),
    # harm foretold and cheered: "one day someone will put a bullet in him and I will cheer" (foretold alone is
    # as often a warning: "someone will kill him if he keeps driving like that")
    ("wish", rf"{_B}(?P<cue>(?:someone|somebody|some\s+one)\s+(?:will|is\s+going\s+to|is\s+gonna|'s\s+gonna)\s+"
             rf"(?:finally\s+|eventually\s+|just\s+)?{_HARM}){_CHEERED}", (HARM, _words("will going gonna"))),
    ("wish", rf"{_B}(?P<cue>{_HOPED}(?:someone|somebody|some\s+one|they)\s+"
             rf"(?:(?:will|would|finally|just|eventually)\s+)*{_HARM})", (HARM, _HOPE)),
    ("wish", rf"{_B}(?P<cue>{_HOPED}(?:{_WHO_DIES}|they)\s+(?:gets?|got|would\s+get|"
             r"will\s+get)\s+(?:shot|killed|stabbed|murdered|raped|lynched|hanged|hung|run\s+over|"
             rf"beaten(?:\s+(?:up|to\s+death|senseless))?|hit\s+by\s+a\s+(?:bus|truck|car|train))){_E}",
     (_words("shot killed stabbed murdered raped lynched hanged hung run beaten hit"), _HOPE)),
    # a disease wished on someone ("I hope you get cancer"), not care for it ("I hope he gets cancer treatment")
    ("wish", rf"{_B}(?P<cue>{_HOPED}(?:{_WHO_DIES}|they)\s+"
             rf"(?:gets?|got|would\s+get|will\s+get|catch(?:es)?|caught)\s+{_DISEASE}){_E}"
             r"(?!\s+(?:screening|treatment|tests?|checks?|care|research|support|drugs|cover|insurance|free|vaccine))",
     (_DISEASE_WORDS, _HOPE)),
    ("wish", rf"{_B}(?P<cue>{_HOPED}(?:{_WHO_DIES}|they)\s+(?:dies|die|would\s+die|"
             rf"will\s+die|drops?\s+dead|(?:was|were|is)\s+dead)){_E}"
             r"(?!\s+(?:of\s+old\s+age|peacefully|happy|laughing|down|out|off|in\s+(?:prison|jail|his\s+sleep)|"
             r"an?\s+(?:happy|peaceful|natural|old|rich|lonely|poor)))",
     (_words("die dies dead"), _HOPE)),
]


@cache
def _compiled() -> list[tuple[str, re.Pattern, tuple, bool, bool]]:
    """(kind, pattern, the words it needs, with a name to check, an imperative), compiled on the first text
    that passes the prefilter, not at import."""
    return [(kind, re.compile(pattern), needs, "(?P<name>" in pattern, pattern.startswith(_CLAUSE))
            for kind, pattern, needs in _PATTERNS]


def _with_harm(words: set[str]) -> set[str]:
    """`words`, with `HARM` in them when they hold a violent verb."""
    if not _HARM_VERBS.isdisjoint(words) or any(
            not _HARM_WITH[verb].isdisjoint(words) for verb in _HARM_WITH.keys() & words):
        words |= HARM
    return words


def _candidates(words: set[str]) -> list[int]:
    """The patterns (their indices) whose needs `words` (with `HARM`) meet."""
    first = {i for word in words & _BY_FIRST.keys() for i in _BY_FIRST[word]}
    return [i for i in sorted(first) if all(not need.isdisjoint(words) for need in _PATTERNS[i][2][1:])]


# --- prefilter -----------------------------------------------------------------------------------
# A comment is read by the patterns only if its words hold what one of them needs: most comments have none of
# the words a pattern needs first (checked on the token list, with no set made), and "put", "back" or "dead"
# alone need more.
TRIGGERS = (_HARM_VERBS | _HARM_WITH.keys() | frozenset().union(*(needs[0] for _, _, needs in _PATTERNS))) - HARM
_BY_FIRST: dict[str, tuple[int, ...]] = {}  # word -> the patterns whose first need holds it
for _i, (_, _, _needs) in enumerate(_PATTERNS):
    for _word in _needs[0]:
        _BY_FIRST[_word] = (*_BY_FIRST.get(_word, ()), _i)
# Harm words with letters masked by digits or symbols: "k1ll", "sh00t", "k*ll", "st@b", "k!ll" (tokens
# "k" and "ll": "!" splits a word token).
_MASKS = {"a": "a4@*", "e": "e3*", "i": "i1!|*l", "o": "o0*", "s": "s5$", "t": "t7+", "l": "l1|i"}
_MASKED_WORDS = ("kill", "murder", "shoot", "stab", "rape", "hang", "lynch", "dead", "die", "bullet", "behead")
_MASKED = re.compile(_B + "(?:" + "|".join(
    "".join(f"[{re.escape(_MASKS.get(ch, ch))}]" for ch in word) for word in _MASKED_WORDS) + ")(?=s?(?![\\w']))")


# every masked form a word token can take ("!" and "|" split a token), and the word it masks
_MASKED_FORMS = {"".join(form): word for word in _MASKED_WORDS
                 for form in product(*(_MASKS.get(ch, ch).replace("!", "").replace("|", "") for ch in word))
                 if "".join(form) != word}
_MASKED_FORMS |= {form + "s": word + "s" for form, word in _MASKED_FORMS.items()}
_QUICK = TRIGGERS | _MASKED_FORMS.keys() | {"ll"}  # "ll" of "k!ll"


def _unmasked(token: str) -> str | None:
    """The harm word that `token` (lowercase) masks, if any."""
    return next((w for w in _MASKED_WORDS if len(w) == len(token)
                 and all(a == b or b in _MASKS.get(a, "") for a, b in zip(w, token))), None)


def maybe_threatening(tokens: list[str] | set[str]) -> bool:
    """The prefilter, on a text's lowercased word tokens: the words one of the patterns needs."""
    if _QUICK.isdisjoint(tokens):
        return False
    words = set(tokens)
    if not _MASKED_FORMS.keys().isdisjoint(words) or "ll" in words:
        words |= {_MASKED_FORMS.get(w, "kill") for w in words & (_MASKED_FORMS.keys() | {"ll"})}
    return bool(_candidates(_with_harm(words)))


@dataclass(frozen=True)
class Cue:
    kind: str  # intent | conditional | menace | call | wish
    start: int  # the threatening phrase's characters in the text
    end: int

    @property
    def score(self) -> float:
        return SCORES[self.kind]


_LETTERS = re.compile(r"[a-z]+")
_MASK_CHAR = re.compile(r"[0-9@$*|+]")  # and "!" of "k!ll", "d!e"


def find(text: str) -> list[Cue]:
    """The threat cues of `text`, in reading order (one per threatening phrase)."""
    lowered = lower_for_cues(text)  # one character for one: offsets stay
    if _MASK_CHAR.search(lowered) or "!l" in lowered or "d!" in lowered:  # "k1ll" reads as "kill", same length
        lowered = _MASKED.sub(lambda m: _unmasked(m.group()) or m.group(), lowered)
    found: list[Cue] = []
    # sentence by sentence: a pattern is tried only on a sentence holding the words it needs
    ends = [m.end() for m in SENTENCE_END.finditer(lowered)]
    for sentence_start, sentence_end in zip([0, *ends], [*ends, len(lowered)]):
        words = _LETTERS.findall(lowered, sentence_start, sentence_end)
        if not TRIGGERS.isdisjoint(words):
            found += _find_in(text, lowered, sentence_start, sentence_end, words)
    # one cue per phrase: the longest stands, and of equal ones the first pattern's (a stable sort), in one
    # pass over the cues in reading order (not a scan of all cues for each: linear in a long text)
    cues, reach = [], -1
    for cue in sorted(found, key=lambda c: (c.start, -c.end)):
        if cue.end > reach:
            cues.append(cue)
            reach = cue.end
    return cues


def _find_in(text: str, lowered: str, sentence_start: int, sentence_end: int, words: list[str]) -> list[Cue]:
    """The cues of one sentence of `lowered`, in pattern order (some inside others)."""
    compiled, cues = _compiled(), []
    for i in _candidates(_with_harm(set(words))):
        kind, pattern, _, named, imperative = compiled[i]
        for match in pattern.finditer(lowered, sentence_start, sentence_end):
            start, end = match.span("cue")
            if named:
                name_end = _name_end(text, lowered, match)
                if name_end is None:
                    continue
                end = min(end, name_end) if end == match.end("name") else end
            if _guarded(lowered, start, end, kind, imperative):
                continue
            conditional = kind in ("intent", "menace") and _CONDITION.search(
                lowered, *sentence_around(lowered, start, end))
            cues.append(Cue("conditional" if conditional else kind, start, end))
    return cues


# Capitalised words that are not names: a sentence's first word, pronouns, titles of things.
_NOT_NAMES = frozenset("""i the this that these those he she it they we you him her them his its their a an my
    our your god time everyone everybody anyone someone somebody nobody people all em yourself yourselves
    himself herself themselves myself""".split())


def _name_end(text: str, lowered: str, match: re.Match) -> int | None:
    """Where the name a pattern matched ends, if it is written as one: its first word alone when the second is
    not a name ("kill Trudeau tomorrow") and nothing that unmakes the threat follows that word. A name with a
    number is a measure's title ("kill Bill C-69", "axe Proposition 8")."""
    start, end = match.span("name")
    if _NUMBERED.match(lowered, start):
        return None
    if _is_name(text, start, end):
        return end
    first_end = lowered.find(" ", start, end)
    if first_end < 0 or not _is_name(text, start, first_end) or not _NOT_AFTER_NAME.match(lowered, first_end):
        return None
    return first_end


_NOT_AFTER_NAME = re.compile(_NOT_AFTER)
# a bill's or a measure's title: "Bill C-69", "Proposition 8", "Bill No. 5" (not "shoot Smith 3 times")
_NUMBERED = re.compile(r"(?:bill|prop(?:osition)?|measure|motion|resolution|amendment|article|section|clause|"
                       r"initiative|question|act)\s+(?:no\.?\s*)?(?:[a-z]{1,2}-?)?\d")


def _is_name(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is written as a name: every word capitalised (not shouted in capitals), none a
    common word."""
    words = text[start:end].split()
    return all(w[:1].isupper() and not w.isupper() and w.lower().strip("'") not in _NOT_NAMES for w in words)


_CONDITION = re.compile(r"(?<![\w'])(?:if|unless|next\s+time|one\s+more\s+time|ever\s+again|or\s+else|"
                        r"come\s+near|touch|show\s+your\s+face|try\s+(?:it|that)|dare)(?![\w'])")
_CLAUSE_START = re.compile(r"[,;:]|(?<![\w'])(?:but|so|and|then)(?![\w'])")
_CONDITIONAL_NEGATION = re.compile(r"(?<![\w'])(?:if|unless|when|until|before|or)(?![\w'])")
# Someone else's words: reported, quoted back, or told to someone (on top of hate_cues' reporting verbs).
_TOLD = re.compile(r"(?<![\w'])(?P<subject>\w+(?:'\w+)?\s+)?(?:told|tells|texted|messaged|emailed|yelled|screamed|"
                   r"shouted|threaten(?:s|ed|ing)?|warned|testified|allegedly|reportedly|recalled|recounted|"
                   r"admitted|confessed|heard|quoted|quoting|according\s+to|accused\s+of|charged\s+with|"
                   r"convicted\s+of|sentenced\s+for|reads?(?=\s*:))(?![\w'])")
# Counter-speech about a threat: "saying someone should shoot him is a crime".
_SAYING = re.compile(r"(?<![\w'])(?:saying|to\s+say|writing|to\s+write|posting|tweeting|telling\s+\w+|"
                     r"threats?\s+(?:like|such\s+as|of)|comments?\s+like|words\s+like|phrases?\s+like|"
                     r"calls?\s+(?:to|for)|calling\s+for|chanting|chants?\s+of|signs?\s+(?:saying|reading)|"
                     r"joke\s+about|joking\s+about|nobody\s+should|no\s+one\s+should|how\s+dare|shame\s+on|"
                     r"(?:it's|it\s+is)\s+(?:wrong|never\s+ok(?:ay)?|not\s+ok(?:ay)?|a\s+crime)\s+to)(?![\w'])")
_CONDEMNED = re.compile(r"[\s\"')]*(?:is|was|that's|that\s+is|this\s+is|which\s+is|which\s+was|it's)\s+"
                        r"(?:\w+\s+)?(?:not\s+ok(?:ay)?|unacceptable|disgusting|vile|a\s+crime|criminal|illegal|"
                        r"a\s+threat|threatening|sick|wrong|appalling|despicable|horrible|awful|shameful|"
                        r"outrageous|hate\s+speech|incitement|never\s+ok(?:ay)?)(?![\w'])")
# Not real violence: stories, shows and games, sport and elections, jokes.
_PRETEND = re.compile(r"(?<![\w'])(?:villains?|heroes|heroine|protagonist|antagonist|characters?|movies?|films?|"
                      r"novels?|books?|episodes?|series|scenes?|plot|script|sequel|trailer|lyrics|songs?|rapper|"
                      r"verse|chapter|sitcom|tv|tv\s+show|the\s+show|netflix|hbo|shakespeare|hamlet|actor|"
                      r"actress|plays|musicals?|operas?|the\s+play|theat(?:re|er)|broadway|on\s+stage|thrillers?|"
                      r"cartoons?|anime|comics?|albums?|podcasts?|documentar(?:y|ies)|memoirs?|"
                      r"photos?|photographs?|photographer|camera|portraits?|games?|gamer|chess|poker|cards|"
                      r"scrabble|monopoly|fortnite|minecraft|xbox|playstation|fantasy|team|teams|match|matches|"
                      r"season|playoffs?|league|cup|finals?|derby|tournament|score|scored|goals?|points|"
                      r"(?:first|second|return|away|home)\s+legs?|fixtures?|kick-?offs?|semis|semi-?finals?|"
                      r"quarter-?finals?|rematch|relegation|(?:the|a)\s+title|championships?|grand\s+prix|"
                      r"formula\s+(?:one|1)|f1|nascar|podium|pole\s+position|the\s+(?:pitch|rink)|away\s+(?:end|day)|"
                      r"(?:hockey|baseball|golf|cricket)(?!\s+(?:bats?|sticks?|clubs?)(?![\w']))|"  # a weapon, no sport
                      r"football|soccer|basketball|tennis|rugby|nfl|nba|nhl|mlb|"
                      r"fifa|olympics|(?:at|in)\s+the\s+(?:polls|ballot\s+box|election|debate|primaries|primary|"
                      r"voting\s+booth)|"
                      r"ratings|box\s+office|kidding|joking|jk|figuratively|metaphorically|paintball|laser\s+tag|"
                      r"zombies?|in\s+court|arguments?|discussion|spoil(?:s|ed|ing|ers?)?|finale|the\s+ending)"
                      r"(?![\w'])")
_JOKE = re.compile(r"(?<![\w'])(?:just\s+)?(?:kidding|joking|jk|j/k)(?![\w'])")  # may come in the next sentence
# Shooting animals and pests, when the target is only "them".
_ANIMALS = re.compile(r"(?<![\w'])(?:deer|moose|elk|bears?|wolf|wolves|coyotes?|cougars?|geese|goose|pests?|"
                      r"rats?|mice|raccoons?|squirrels?|pigeons?|gophers?|animals?|wildlife|hunting|hunters?|"
                      r"cull|culling|weeds|bugs|mosquito(?:e?s)?|flies|bacteria|virus(?:es)?|germs|cells|"
                      r"tumou?rs?|zombies|cats|dogs|feral|strays|habitats?|in\s+the\s+wild)(?![\w'])")
# Self-defence: "if someone breaks into my house I will shoot them" (but "come at me and I'll shoot you" is a
# threat to the reader).
_SECOND_PERSON = re.compile(r"(?<![\w'])(?:you|u|ya)(?![\w'])")
_SELF_DEFENCE = re.compile(r"(?<![\w'])(?:self[\s-]?defen[cs]e|breaks?\s+into|broke\s+into|intruders?|"
                           r"comes?\s+at\s+me|attacks?\s+me|defend\s+(?:myself|my\s+family|my\s+home))(?![\w'])")
_THEM_ONLY = re.compile(rf"(?<![\w']){_THEM}(?![\w'])")
# A bare "them" is weak evidence of people: it is often fish, plants, photos or a game's monsters.
_THINGS = re.compile(r"(?<![\w'])(?:recipes?|cook(?:s|ed|ing)?|bak(?:e|es|ed|ing)|oven|pan|skewers?|grill|fry|boil|"
                     r"roast|cakes?|bread|dough|fish|trout|salmon|chickens?|hens|meat|poultry|livestock|kitchen|"
                     r"chil(?:l?ies|lis?)|peppers|onions|garlic|herbs|vegetables|veggies|fruit|soil|gardens?|"
                     r"gardening|plants?|seeds?|seedlings|bulbs|lawn|lawnmower|mower|dandelions|leaves|flowers|"
                     r"roots|compost|raw|jpe?gs?|lens|edit(?:ing)?|lightroom|exposure|shots|tasks?|orders?|"
                     r"commands?|scripts?|code|queries|process(?:es)?|functions?|loot|chest|quests?|levels?|"
                     r"boss(?:es)?|npcs?|respawn|mobs|laundry|dry|clothes|washing|files|emails?|tickets?)(?![\w'])")
_SPORT = re.compile(r"(?<![\w'])(?:go\s+(?:[a-z]+s|team)(?:\s+go)?\s*!|play(?:s|ing|ed)?\s+(?:the|against)|vs\.?|"
                    r"versus|rivals?|rematch|tonight's\s+game)")
_PEOPLE = re.compile(r"(?<![\w'])(?:" + "|".join(
    n for n in _PERSON_NOUNS if not n.startswith(("animal", "dog", "cat", "pig", "(?:piece"))) + r")(?![\w'])")
# "Set them on fire, the leaves": what "them" is, named after the cue
_APPOSITIVE = re.compile(r",\s*(?:the|those|these|all\s+(?:the|those|these))\s+(?:[a-z]+\s+)?(?P<noun>[a-z]+)\s*$")


def _not_people(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> bool:
    """Whether the "them" of the cue `text[start:end]` is likely not people: animals in its sentence, a thing
    named after it ("..., the leaves"), or a thing, a game or a sport near it and no person noun (a bounded
    window: linear in a long text)."""
    if _ANIMALS.search(text, sentence_start, sentence_end):
        return True
    named = _APPOSITIVE.search(text, end, sentence_end)
    if named and not _PEOPLE.fullmatch(named.group("noun")):
        return True
    near = max(0, start - REACH), min(len(text), end + REACH)
    return not _PEOPLE.search(text, *near) and any(p.search(text, *near) for p in (_THINGS, _SPORT, _PRETEND))


# Team talk: "we" against a bare "them" on match day ("we're going to murder them on Saturday", "we'll kill
# them next week") is a fan's boast; "them all", a person named near or no day leaves the cue.
_WE = re.compile(r"we(?![a-z])")
_BARE_THEM = re.compile(rf"(?<![\w'])(?<!of\s){_THEM}$")
_ALL = re.compile(r"\s+all(?![\w'])")
_MATCH_DAY = re.compile(r"(?<![\w'])(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:this|next|at\s+the)\s+"
                        r"(?:weekend|week|season|year)|tonight|tomorrow)(?![\w'])")


def _team_talk(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> bool:
    """Whether the cue `text[start:end]` is "we" against a bare "them", no person named near, on match day."""
    near = max(0, start - REACH), min(len(text), end + REACH)
    return (_WE.match(text, start) is not None and _BARE_THEM.search(text, start, end) is not None
            and _ALL.match(text, end) is None and _MATCH_DAY.search(text, sentence_start, sentence_end) is not None
            and not _PEOPLE.search(text, *near))


# Courts and legal punishment: a call for the gallows after a trial is not a call to a mob.
_LEGAL = re.compile(r"(?<![\w'])(?:death\s+penalty|capital\s+punishment|trial|convicted|sentenced|court|guilty|"
                    r"legally|lawfully|the\s+law)(?![\w'])")


# A new clause spoken in the first person ("Whoever posted this, I will kill you"; "say one more word and I'll
# kill you"): the commenter's own words, not what a reporting verb before it tells.
_OWN_CLAUSE = re.compile(r"(?:[,;:]|(?<![\w'])(?:and|or)(?![\w']))\s*(?:(?:i|we)(?:'ll|,ll|'m|'d|'re)?|im|ill|ima|imma)"
                         r"(?![\w'])[^,;:]*$")
_PAST = re.compile(r"(?:said|told|wrote|thought|heard|ed)$")
# What may stand between a reporting verb and the words it reports: "he told her: I will kill you".
_REPORTED_TO = re.compile(r"(?:\s*(?:me|you|him|her|us|them|to|that|then|once|again|later|(?:the|a|his|her|their)"
                          r"\s+[a-z]+)(?![\w']))*\s*[,;:]")


def _governs(spoken: str, reporting: re.Match) -> bool:
    """Whether the reporting (or saying, or denying) words `reporting` tell the cue that `spoken` (its sentence up
    to the cue's end) ends with: not when the cue stands in a clause of its own with a first-person subject."""
    own = _OWN_CLAUSE.search(spoken, reporting.end())
    if own is None:
        return True
    if own.group()[0] not in ",;:" and _PAST.search(reporting.group()):
        return True  # a story goes on past "and": "he came up to you and said wow and we want to shoot you"
    told = _REPORTED_TO.match(spoken, reporting.end())
    return told is not None and told.end() - 1 == own.start()  # "he said, I will kill you": quoted


def _next_sentence_end(text: str, sentence_end: int) -> int:
    """The end of the sentence after the one ending at `sentence_end` ("I will kill you. Just kidding.")."""
    punctuation = SENTENCE_END.match(text, sentence_end)
    return sentence_around(text, punctuation.end(), punctuation.end())[1] if punctuation else sentence_end


_QUOTE = re.compile(rf"(?<!\d)[{QUOTES}]")  # not the inch mark of 55"
# A threat's words as the name of a thing: "I know where you live is a great thriller".
_AS_A_NAME = re.compile(r"[\"'”]?\s*(?:is|was)\s+(?:a|an|the|one\s+of|my|such\s+a)(?![\w'])")
# Reporting after the quoted words, inverted: "Execute him! shouted the crowd", "..., said the villain".
_INVERTED_REPORT = re.compile(r"[\s!?.,\"'”“]*(?:" + verb_forms("say shout cry yell scream chant sing roar whisper "
                                                                "growl snarl bark reply write ask cheer", (THIRD, PAST))
                              + r")\s+(?:the|a|an|his|her|their|one|some|he|she|they)(?![\w'])")
# A story's end that makes the threat before it one told in court or the news: "He was sentenced to ten years".
_CONVICTED = re.compile(r"(?<![\w'])(?:was|were|has\s+been|have\s+been|got|gets|is\s+being)\s+(?:later\s+)?"
                        r"(?:sentenced|convicted|jailed|imprisoned|charged|arrested|indicted|acquitted|found\s+guilty)"
                        r"(?![\w'])")
# "You're dead" as the consequence of an everyday risk, said to a generic "you": "if you forget your passport at
# the airport you're dead", "without a helmet on a motorbike you're dead". A menace's condition is something done
# to the commenter or theirs, or done again, here, or told: "if you come near my kids again you're dead".
_RISK_CONDITION = re.compile(r"(?<![\w'])(?:(?:if|when|unless)\s+(?:you|u|ya)|without)(?![\w'])")
_PROVOKED = re.compile(r"(?<![\w'])(?:i|me|my|mine|we|us|our|ours|again|ever|here|near|touch(?:es)?|show\s+your\s+face|"
                       r"one\s+more|dare|try|mess|cross|tell|talk|say|write|publish|post|print|snitch|rat|testify|"
                       r"call\s+the)(?![\w'])")


# Money near "your kids will pay": the bill of a debt, a tax or a policy.
_MONEY = re.compile(r"(?<![\w'])(?:debts?|deficits?|tax(?:es)?|taxpayers?|spending|spend|spent|budgets?|billions?|"
                    r"millions?|trillions?|interest|loans?|pensions?|inflation|costs?|prices?|bills|mortgages?|"
                    r"borrow(?:ed|ing)?|funds?|funding|money|dollars?|carbon|economy|future|generations?|insurance|"
                    r"fees?|rent|premiums?|tuition|healthcare|"
                    r"grandchildren|grandkids)(?![\w'])|[$£€]")


def _reported_before(text: str, sentence_start: int) -> bool:
    """Whether the sentence before the one at `sentence_start` ends its report with a colon whose words run on
    ("The message read: You are scum. I will find you.")."""
    if sentence_start == 0 or text[sentence_start - 1] == "\n":
        return False
    before_start, before_end = sentence_around(text, sentence_start - 1, sentence_start - 1)
    previous = text[before_start:before_end]
    for reporting in (*REPORTING.finditer(previous), *_TOLD.finditer(previous)):
        told = _REPORTED_TO.match(previous, reporting.end())
        if told and told.group().endswith(":") and (reporting.group("subject") or "").strip() not in FIRST_PERSON:
            return True
    return False


# An imperative after a comma: most often one more verb of a list whose subject came first ("we invade your
# country, rape your children", "... memory problems, get cancer"); one when a condition opens the sentence ("if they
# come back, shoot them") or "then" orders it ("kill the bill, then kill the premier").
_AFTER_COMMA = re.compile(r",\s{0,2}(?:(?:just|so|please|now|go|let's|lets|then|and|someone|somebody|time\s+to|"
                          r"i\s+say|seriously|honestly)\s+){0,2}$")
_CONDITION_OPENING = re.compile(r"\s*(?:(?:and|so|but)\s+)?(?:if|when|whenever|once|unless|next\s+time|"
                                r"the\s+(?:moment|minute|second))(?![\w'])")


def _guarded(text: str, start: int, end: int, kind: str, imperative: bool) -> bool:
    """Negated, reported, quoted, condemned, pretend or legal: not the commenter's own threat. An imperative
    in a question is rhetorical ("what would you do to thieves? Torture them?")."""
    sentence_start, sentence_end = sentence_around(text, start, end)
    if imperative and text.startswith("?", sentence_end):
        return True
    before, sentence = text[sentence_start:start], text[sentence_start:sentence_end]
    if imperative and (comma := _AFTER_COMMA.search(before)) and "then" not in comma.group() \
            and not _CONDITION_OPENING.match(before):
        return True
    clause_start = max((m.end() for m in _CLAUSE_START.finditer(before)), default=0)
    clause = before[clause_start:]
    # a negation before the cue in its clause ("I would never..."), unless it is part of a condition
    # ("if you don't stop, I'll...")
    for negation in NEGATION.finditer(clause):
        if not _CONDITIONAL_NEGATION.search(clause, 0, negation.start()):
            return True
    spoken = text[sentence_start:end]  # the cue's own subject may be its first word: "I will kill you"
    if any(_governs(spoken, m) for m in (*DENIAL.finditer(before), *_SAYING.finditer(before))):
        return True
    for reporting in (*REPORTING.finditer(before), *_TOLD.finditer(before)):
        if (reporting.group("subject") or "").strip() not in FIRST_PERSON and _governs(spoken, reporting):
            return True
    attributed = ATTRIBUTED.search(text, end, sentence_end)
    if attributed and (attributed.group("subject") or "").strip() not in FIRST_PERSON:
        return True
    # inside quotation marks, which may hold several sentences ("Kill them all. ... Kill them all." is scripture)
    if _CONDEMNED.match(text, end, sentence_end) or len(_QUOTE.findall(text, max(0, start - 300), start)) % 2:
        return True
    if (_AS_A_NAME.match(text, end) or any(_INVERTED_REPORT.match(text, at) for at in (end, sentence_end))
            or _reported_before(text, sentence_start)):
        return True
    if kind in ("intent", "menace") and _CONVICTED.search(text, sentence_start, _next_sentence_end(text, sentence_end)):
        return True
    if kind == "menace" and " pay" in text[start:end] and _MONEY.search(text, max(0, start - REACH), end + REACH):
        return True  # "your kids will pay for this" under a debt is the bill, not a menace
    risk = "dead" in text[start:end] and _RISK_CONDITION.search(before)
    if risk and not _PROVOKED.search(before, risk.end()):
        return True
    if _PRETEND.search(sentence) or _SELF_DEFENCE.search(sentence) and not _SECOND_PERSON.search(text, start, end):
        return True
    if _JOKE.search(text, end, _next_sentence_end(text, sentence_end)):
        return True
    if _THEM_ONLY.search(text, start, end) and _not_people(text, start, end, sentence_start, sentence_end):
        return True
    if _team_talk(text, start, end, sentence_start, sentence_end):
        return True
    return kind in ("call", "wish") and _LEGAL.search(sentence) is not None


# --- violence aimed at things ------------------------------------------------------------------------
# The toxicity model's threat reads the violent verb more than what it is done to: "Kill the bill!" scored 0.56,
# over the policy's urgent threshold, where "kill the mayor" is a call (a cue). A comment whose every violent
# word is done to a thing (a bill, a deal, a tax, "it") threatens no one, whatever the model reads in the verb:
# the scorer caps the model's threat there (`toxicity.THREAT_AT_A_THING`). Only things named as such count: an
# unknown noun may be a person ("kill the umpire"), and the model's reading stands.
_THING_NOUNS = """bill bills law laws act legislation motion policy policies plan plans deal deals treaty treaties
    budget tax taxes tariff tariffs levy levies mandate mandates rule rules regulation regulations reform reforms
    amendment amendments proposal proposals scheme schemes program programs programme programmes project projects
    pipeline pipelines referendum initiative initiatives agreement agreements contract contracts merger subsidy
    subsidies hike hikes ban bans cuts economy market markets industry industries jobs business businesses sector
    growth competition prices sales investment housing tourism idea ideas debate discussion conversation story
    narrative rumour rumor myth joke thread topic argument momentum mood buzz vibe dream dreams chances career
    careers engine motor power lights music noise app feature switch process server vote election campaign""".split()
_NOT_A_PERSON_NOUN = rf"(?!(?:{'|'.join(_PERSON_NOUNS)}){_E})"
# what may follow a thing that is the whole object: not "the tax man", "the bill sponsor"
_OBJECT_END = (r"(?=\s*(?:[.!?,;:)\n\"]|$)|\s+(?:with|now|off|already|dead|for|once|before|after|and|or|then|in|on|at|"
               r"today|tonight|tomorrow|asap|immediately|forever|so|because|that|which|is|was|will|would|by|from|to|of|"
               r"if|until|please|down|up|out)(?![\w']))")
_THING = (rf"(?:(?:(?:the|this|that|these|those|a|an|our|their|his|her|your|ur|my|its|any|every|all\s+the|no)\s+)?"
          rf"(?:{_NOT_A_PERSON_NOUN}[a-z'-]+\s+){{0,2}}?(?:{'|'.join(_THING_NOUNS)})|it|this|that){_OBJECT_END}")
# Violence the model reads: each must be done to a thing for the cap. A violent verb in any form ("killing the
# economy"), or a death wished on something ("death to the tax"); "hang up", "hang on" harm no one.
_VIOLENT = re.compile(rf"{_B}(?:(?:{_STRONG}|{_WEAK}|hang)(?:s|es|ed|d|ing|ings|er|ers|bed|bing|ted|ting)?|shot|hung|"
                      r"death\s+to|dead|die[ds]?|dying|deaths?|bullets?|guns?|ropes?|noose|blood|"
                      rf"(?:bomb|burn|beat)(?:s|ed|t|en|ing)?){_E}")
_AT_A_THING = re.compile(rf"\s+(?:{_THING})|(?<=hang)\s+(?:up|on|in\s+there|out|around|tight|loose){_E}")


def aimed_at_things(text: str) -> bool:
    """Whether `text` holds violent words and each is done to a thing ("Kill the bill!", "kill it with fire",
    "death to the carbon tax"), not to a person or to no one named ("kill him", "KILL KILL KILL")."""
    lowered = lower_for_cues(text)
    violent = list(_VIOLENT.finditer(lowered))
    return bool(violent) and all(_AT_A_THING.match(lowered, m.end()) for m in violent)
