"""Threat cues: each kind fires with its phrase, each guard holds, offsets point at the written threat, and
identity, neutral and news sentences raise nothing. Every sentence here is our own."""
import pytest

import comments
from comments import modelstore
from comments.moderate import moderate
from comments.policy import load_policy
from comments.scoring import threat_cues, toxicity
from test_toxicity import FRAMES, IDENTITIES

THREATS = [  # (text, kind, the threatening phrase as written)
    # QA's examples, approved before
    ("I know where you live and I will kill you and your family.", "intent", "I will kill you"),
    ("I'm going to find you and beat you to death", "intent", "I'm going to find you and beat you to death"),
    ("Someone should shoot this journalist.", "call", "Someone should shoot this journalist"),
    ("Hang the traitors from lampposts", "call", "Hang the traitors"),
    # the commenter's own intent
    ("I will kill you.", "intent", "I will kill you"),
    ("We're gonna slit your throat, pal.", "intent", "We're gonna slit your throat"),
    ("Ill smash your face in", "intent", "Ill smash your face in"),
    ("I will personally hunt you down and kill you.", "intent", "I will personally hunt you down and kill you"),
    ("I'd love to punch that smug columnist in the mouth.", "intent", "I'd love to punch that smug columnist"),
    ("I'll put a bullet in your head.", "intent", "I'll put a bullet in your head"),
    ("I will burn your house down.", "intent", "I will burn your house down"),
    # conditional
    ("If you come to my street again I'll break your legs.", "conditional", "I'll break your legs"),
    ("If you don't stop I will hurt you.", "conditional", "I will hurt you"),
    ("Touch my kids and you're dead.", "conditional", "you're dead"),
    # menace
    ("You're dead.", "menace", "You're dead"),
    ("You're a dead man, Steve.", "menace", "You're a dead man"),
    ("Better watch your back.", "menace", "watch your back"),
    ("We know where you live.", "menace", "We know where you live"),
    ("I'm coming for you.", "menace", "I'm coming for you"),
    ("You won't see it coming.", "menace", "You won't see it coming"),
    # calls for violence against a person
    ("He deserves a bullet.", "call", "He deserves a bullet"),
    ("String them up!", "call", "String them up"),
    ("Somebody please shoot him.", "call", "shoot him"),
    ("Someone should shoot Trudeau.", "call", "Someone should shoot Trudeau"),
    ("Whoever wrote this should be hanged.", "call", "Whoever wrote this should be hanged"),
    ("That mayor needs to be beaten to death.", "call", "That mayor needs to be beaten to death"),
    ("We should string up every last one of these politicians.", "call",
     "We should string up every last one of these politicians"),
    ("Get a rope.", "call", "Get a rope"),
    ("Line them up against the wall.", "call", "Line them up against the wall"),
    ("She should die.", "call", "She should die"),
    # wishes of violent harm aimed at a person
    ("I hope someone beats him to death.", "wish", "hope someone beats him to death"),
    ("I hope you die.", "wish", "hope you die"),
    ("I wish that reporter got shot.", "wish", "wish that reporter got shot"),
    ("Do us all a favour and go die in a fire.", "wish", "go die in a fire"),
    # masked letters
    ("I will k1ll you", "intent", "I will k1ll you"),
    ("i will k!ll you", "intent", "i will k!ll you"),
    ("Someone should sh00t this journalist.", "call", "Someone should sh00t this journalist"),
    # QA: a reporting verb before the cue does not tell the commenter's own clause after it
    ("Whoever posted this, I will kill you.", "intent", "I will kill you"),
    ("Say one more word and I'll kill you.", "intent", "I'll kill you"),
    ("Call me that again and I will kill you.", "intent", "I will kill you"),
    ("Keep posting this garbage and I will kill you.", "intent", "I will kill you"),
    ("You think this is funny, I will kill you.", "intent", "I will kill you"),
    ("To the reporter who wrote this: I know where you live and I will kill you.", "intent", "I will kill you"),
    ("To the reporter who wrote this: I know where you live.", "menace", "I know where you live"),
    # QA: a name followed by a lowercase word
    ("I will kill Trudeau tomorrow.", "intent", "I will kill Trudeau"),
    ("I'm going to shoot Smith when I see him.", "intent", "I'm going to shoot Smith"),
    ("Someone should shoot Trudeau already.", "call", "Someone should shoot Trudeau"),
    ("Shoot Pence now.", "call", "Shoot Pence"),
    ("Somebody should shoot Trudeau in the head.", "call", "Somebody should shoot Trudeau"),
    ("Hang Trudeau for treason.", "call", "Hang Trudeau"),
    # QA: misspellings, intensifiers and quantifiers, roles, "beat you" after "find you"
    ("ur dead", "menace", "ur dead"),
    ("your dead", "menace", "your dead"),
    ("I wil kil you", "intent", "I wil kil you"),
    ("i will kil u", "intent", "i will kil u"),
    ("I,ll kill you", "intent", "I,ll kill you"),
    ("I'll f***ing kill you", "intent", "I'll f***ing kill you"),
    ("I'm going to kill every one of you", "intent", "I'm going to kill every one of you"),
    ("Hang the traitors in Congress!", "call", "Hang the traitors"),
    ("The CEO should be shot.", "call", "The CEO should be shot"),
    ("The landlord should be shot.", "call", "The landlord should be shot"),
    ("I'm going to find you and beat you", "intent", "I'm going to find you and beat you"),
    ('My TV is 55" wide. I will kill you.', "intent", "I will kill you"),  # an inch mark is not a quote
    # "them" with people named near it
    ("These thugs beat my son. Kill them.", "call", "Kill them"),
    ("Shoot them all, the cowards.", "call", "Shoot them"),
    ("Those politicians are on TV every night. String them up.", "call", "String them up"),
    # QA 10: a group as the target ("the lot of them", "all of them"), taken first ("round them all up and")
    ("The lot of them should be hanged for treason.", "call", "The lot of them should be hanged"),
    ("Typical Tory scum, the lot of them should be hanged for treason.", "call", "the lot of them should be hanged"),
    ("All of them should be shot.", "call", "All of them should be shot"),
    ("Every last one of them deserves a bullet.", "call", "Every last one of them deserves a bullet"),
    ("Hang the lot of them.", "call", "Hang the lot of them"),
    ("I will kill the lot of you.", "intent", "I will kill the lot of you"),
    ("Round them all up and shoot them.", "call", "shoot them"),
    ("Round up the journalists and shoot them.", "call", "shoot them"),
    ("Take him out back and shoot him.", "call", "shoot him"),
    # QA 10: burning or bombing a building people are in
    ("Somebody should burn the town hall down with the lot of them inside.", "call",
     "Somebody should burn the town hall down with the lot of them inside"),
    ("Someone should burn his house down with him in it.", "call", "Someone should burn his house down with him in it"),
    ("Firebomb the mosque.", "call", "Firebomb the mosque"),
    ("Torch the council offices with them inside.", "call", "Torch the council offices with them inside"),
    ("We should blow up the mosque.", "call", "We should blow up the mosque"),
    ("Someone needs to set fire to their offices.", "call", "Someone needs to set fire to their offices"),
    ("Burn it down with them inside.", "call", "Burn it down with them inside"),
    ("I hope someone burns the synagogue down.", "wish", "hope someone burns the synagogue down"),
    # QA 10: a death wished in the imperative
    ("Get cancer and die.", "wish", "Get cancer and die"),
    ("Die in a fire, traitor.", "wish", "Die in a fire"),
    ("Just catch ebola, loser.", "wish", "catch ebola"),
    # QA 10: a blow promised on meeting someone
    ("If I see that councillor in the street I'll knock his teeth out.", "conditional", "I'll knock his teeth out"),
    ("If I ever see him again I'll deck him.", "conditional", "I'll deck him"),
    ("If I catch that landlord I'll knock him out.", "conditional", "I'll knock him out"),
    ("When I get my hands on you I will smack you in the mouth.", "conditional", "I will smack you in the mouth"),
    # "them all", or a person named, is no team talk
    ("We will kill them all on Saturday.", "intent", "We will kill them"),
    ("Those protesters at city hall, we're going to kill them tonight.", "intent", "we're going to kill them"),
    ("I'm going to kill him on Saturday.", "intent", "I'm going to kill him"),
    ("I will shoot Smith 3 times.", "intent", "I will shoot Smith"),  # a number after a name, not a bill's title
]

NOT_THREATS = [
    # violence in the news
    "The suspect shot two people outside the bar on Friday.",
    "Police said he threatened to kill her.",
    "The gunman shot him in the head, police said.",
    "She was stabbed to death in her apartment.",
    "He said he will kill her if she leaves.",
    "The man was charged after saying he would kill his neighbour.",
    "Rioters chanted hang Mike Pence.",
    'The accused told the victim "I will kill you" before the attack, the court heard.',
    "\"I'll kill you,\" he told her.",
    # idioms and hyperbole
    "This traffic is killing me.",
    "I could murder a pizza.",
    "We killed it last night at the open mic.",
    "They slaughtered us 5-0.",
    "Break a leg tonight!",
    "I'm dead tired after that shift.",
    "You're dead wrong about the budget.",
    "My mom is going to kill me.",
    "That joke killed me.",
    "She's drop dead gorgeous.",
    "We're dead in the water if this passes.",
    "Hang in there, buddy.",
    "Shoot, I forgot my keys.",
    "I'll shoot you an email tomorrow.",
    "We should shoot for the moon.",
    "Kill them with kindness.",
    "Shoot him down if the idea is bad.",
    "We need to kill this bill.",
    "Don't shoot the messenger.",
    "This will hurt him politically.",
    "The new tax will kill small business.",
    "Kill the carbon tax!",
    "They should hang their heads in shame.",
    "I hope he dies a happy man.",
    "I will end you in this argument.",
    "Please kill me, this meeting is endless.",
    # sport, games and elections
    "We're going to kill them in the playoffs.",
    "I'll kill you at chess tonight.",
    "We will bury them at the polls.",
    "I will destroy you in the debate.",
    # negation
    "I would never hurt you.",
    "I will never hurt you.",
    "Nobody should shoot anyone.",
    "I don't think someone should shoot him.",
    # condemnation and quotes
    "Saying someone should shoot him is disgusting.",
    "Threats like I will kill you are a crime.",
    'The sign read "hang the traitors", which is vile.',
    # fiction
    "The villain threatens to kill the hero in the last scene.",
    "In the movie he says I will kill you and then he does.",
    # legal consequences
    "He should be jailed.",
    "He should be fired and sued.",
    "Trump should be jailed.",
    "Lock her up!",
    "They deserve to rot in jail.",
    "She deserves to be prosecuted.",
    "The killer should be hanged after a fair trial.",
    "If he is guilty, he should hang.",
    # animals, self-defence
    "The coyotes keep taking chickens, we should shoot them.",
    "If someone breaks into my house I will shoot them.",
    # QA: a reporting verb still tells what it governs
    "He said he will kill you",
    "He said, I will kill you.",
    "He told her: I will kill you.",
    "He came up to me and said wow and we want to shoot you.",  # a story goes on past "and"
    # QA: "them" that is not people: food, plants, photos, tasks, a game, laundry, a team
    "Clean the trout: gut them, scale them",
    "Butcher them at 8 weeks, the meat chickens",
    "Stab them with a skewer to check if the cakes are done",
    "Dry the chillies: string them up in the kitchen",
    "Shoot them in RAW and edit later",
    "Put them six feet under the soil in spring",
    "Run them over with the lawnmower, the dandelions",
    "Set them on fire, the leaves",
    "Execute them in order",
    "Kill them all, then loot the chest",
    "Hang them all out to dry",
    "The Leafs play the Habs tonight. We're going to kill them.",
    "Go Bruins! We will murder them tonight.",
    "Kill all of them for surviving in their own habitat.",
    # QA: jokes and spoilers, a joke owned up to in the next sentence
    "I will kill you if you spoil the ending.",
    "I will kill you. Just kidding.",
    "Shoot Pence down if the idea is bad.",
    "Kill Proposition 8!",  # a measure's title, not a name
    # a rhetorical question
    "What would you do to thieves? Torture them?",
    # neutral and news sentences
    "The council approved the new bridge budget.",
    "The premier will visit the flooded towns on Monday.",
    "Live coverage of the election continues tonight.",
    "Where do you live now?",
    "I put the kettle on and waited for the news.",
    "The strike could end next week.",
    "Thousands died in the earthquake.",
    "The team shot 48 percent from the field.",
    "Fans watched from the back of the hall.",
    # QA 10: sport talk, "we" against "them" on match day or in a fixture
    "We're going to murder them again in the return leg, mark my words.",
    "We're going to murder them on Saturday.",
    "We are going to kill them next week.",
    "We'll kill them in the second leg.",
    "If we meet them in the semi-final we'll batter them.",
    # QA 10 contrasts: group words, buildings, death-wish words and blows that threaten no one
    "The police should round up the suspects.",
    "Round up the usual suspects and question them.",
    "Round them up and deport them.",
    "The lot of them should be sacked.",
    "The lot of them should be voted out at the next election.",
    "The dogs mauled a child, all of them should be put down.",
    "The mosque was firebombed in 1994.",
    "Rioters firebombed the mosque last night.",
    "In 1970 someone tried to firebomb the embassy.",
    "Police said the man threatened to burn the town hall down.",
    "He said we should burn the mosque down, which is disgusting.",
    "I would never firebomb a mosque.",
    "Should we firebomb the mosque? Of course not.",
    "We had to burn the midnight oil.",
    "Burn it all down, the whole corrupt system.",
    "They bombed the exam.",
    "The band burned the house down last night.",
    "The city should raze the old hotel and build housing.",
    "They should just blow up the old school building and start over.",
    "Knock it out of the park!",
    "I'll knock your socks off with this recipe.",
    "I'd kill for a coffee.",
    "Smokers get cancer and die.",
    "If you smoke you get cancer and die young.",
    "Get covid and get it over with.",
    "Get cancer screening every year.",
    "Die Hard is the best Christmas film.",
    "If I see him in the street I'll give him a piece of my mind.",
    "If I see him I'll hit him up for the money.",
    "If I see him I'll hit him with the facts.",
    "If I see that ball I'll hit it.",
    "If I see him at the game I'll hit him.",
]


@pytest.mark.parametrize("text,kind,phrase", THREATS)
def test_each_cue_kind_fires_with_its_phrase(text, kind, phrase):
    cues = threat_cues.find(text)
    assert [c.kind for c in cues][-1:] == [kind], cues
    assert phrase in [text[c.start:c.end] for c in cues]


@pytest.mark.parametrize("text", NOT_THREATS)
def test_guards_and_news_raise_no_cue(text):
    assert threat_cues.find(text) == []


def test_prefilter_lets_every_threat_through():
    analyzer = modelstore.load("toxicity").words.analyzer
    assert all(threat_cues.maybe_threatening(analyzer.tokens(text)) for text, _, _ in THREATS)
    assert not threat_cues.maybe_threatening(analyzer.tokens("The council approved the new bridge budget."))


@pytest.fixture(scope="module")
def scorers():
    model = modelstore.load("toxicity")
    return toxicity.ToxicityScorer(model, threat_cues=False), toxicity.ToxicityScorer(model)


def test_scores_send_threats_to_review_not_to_reject(scorers):
    off, on = scorers
    texts = [text for text, _, _ in THREATS]
    before, after = off.score(texts), on.score(texts)
    assert (before.threat < 0.5).mean() > 0.8  # the problem: the model alone approves most of them
    assert (after.threat >= 0.5).all() and (after.severe_toxicity >= 0.5).all()
    assert (after.severe_toxicity < 0.9).all()  # reviewed first, never auto-rejected: a person decides
    assert (after.toxicity == before.toxicity).all()  # a calibrated probability: the cues leave it alone
    for (text, _, phrase), spans in zip(THREATS, after.toxic_spans):
        assert phrase in [text[s:e] for s, e in spans]


def test_not_threats_keep_the_model_scores(scorers):
    """Raise nothing; the model's threat of violence done only to things is capped, and nothing else moves."""
    off, on = scorers
    before, after = off.score(NOT_THREATS), on.score(NOT_THREATS)
    assert after.drop(columns="threat").equals(before.drop(columns="threat"))
    capped = [threat_cues.aimed_at_things(t) and b > toxicity.THREAT_AT_A_THING for t, b in zip(NOT_THREATS, before.threat)]
    assert any(capped)  # "We need to kill this bill.", "Kill the carbon tax!"
    assert after.threat.tolist() == [toxicity.THREAT_AT_A_THING if c else b for c, b in zip(capped, before.threat)]


def test_identity_frames_stay_low():
    texts = [f.format(i) for f in FRAMES for i in IDENTITIES]
    assert not any(threat_cues.find(t) for t in texts)
    assert comments.score(texts).threat.max() < 0.5


def test_group_directed_violence_is_counted_once():
    """A hate cue already raises threat for "kill all Muslims": the threat cue adds no second phrase over it."""
    text = "Muslims are vermin, kill them all."
    row = comments.score([text]).iloc[0]
    assert row.threat == pytest.approx(0.85) and row.identity_attack == pytest.approx(0.90)
    shown = [text[s:e] for s, e in row.toxic_spans]
    assert shown.count("kill them all") == 1 and not [p for p in shown if "kill" in p and p != "kill them all"]


def test_a_comment_with_both_keeps_the_higher_threat():
    text = "Deport the Somalis. And you, I will kill you."  # exclusion (no threat) + a threat to the reader
    row = comments.score([text]).iloc[0]
    assert row.identity_attack >= 0.8 and row.threat == pytest.approx(threat_cues.SCORES["intent"])


@pytest.mark.parametrize("text,phrase", [
    ("I will kіll you.", "I will kіll you"),  # a Cyrillic "і" in "kill", read as "i" by `fold`
    ("I will kiiiiill you.", "I will kiiiiill you"),  # stretched letters
    ("İİİ İstanbul news: someone should shoot this journalist.", "someone should shoot this journalist"),
])
def test_offsets_point_at_the_written_characters(text, phrase):
    spans = comments.score([text]).toxic_spans[0]
    assert phrase in [text[s:e] for s, e in spans]


def test_a_name_and_a_trailing_word_still_need_a_name():
    """The name retried as one word keeps the checks: written as a name, and nothing after it unmakes it."""
    assert [c.kind for c in threat_cues.find("I will kill Justin Trudeau.")] == ["intent"]
    assert threat_cues.find("I will kill time tomorrow.") == []
    assert threat_cues.find("Rioters chanted hang Mike Pence.") == []


def test_review_reason_names_the_phrase():
    text = "I know where you live and I will kill you and your family."
    scores = comments.score([text]).iloc[0].to_dict()
    decision = moderate(scores, text, load_policy())
    assert decision.action == "review"
    reason = next(r for r in decision.reasons if r.startswith("threat"))
    assert '"I will kill you"' in reason and '"I know where you live"' in reason, reason


@pytest.mark.parametrize("text,phrase", [
    ("I hope you get cancer", "hope you get cancer"),
    ("honestly i hope u catch covid and suffer", "hope u catch covid"),
    ("I wish that the mayor would get a slow death", "wish that the mayor would get a slow death"),
])
def test_a_disease_wished_on_someone_is_a_wish(text, phrase):
    cues = threat_cues.find(text)
    assert [(c.kind, text[c.start:c.end]) for c in cues] == [("wish", phrase)]


@pytest.mark.parametrize("text", [
    "I hope he gets cancer treatment on the NHS soon.",
    "I pray that no child gets cancer in that valley again.",
    "I hope my dad gets cancer screening this year.",
    "We hope nobody catches covid at the care home.",
])
def test_hoping_for_care_or_that_no_one_falls_ill_is_no_wish(text):
    assert threat_cues.find(text) == []


@pytest.mark.parametrize("text", ["I pray that no child dies of hunger this winter.", "I hope nobody gets shot at the match.",
                                  "We hope that no one is dead after the flood."])
def test_hoping_that_no_one_is_harmed_is_no_wish(text):
    assert threat_cues.find(text) == []


QA10_URGENT = ["Somebody should burn the town hall down with the lot of them inside.", "Round them all up and shoot them.",
               "The lot of them should be hanged for treason.", "Firebomb the mosque.", "Get cancer and die.",
               "If I see that councillor in the street I'll knock his teeth out."]
QA10_SPORT = ["We're going to murder them again in the return leg, mark my words.",
              "We're going to murder them on Saturday.", "We are going to kill them next week."]


def test_group_threats_are_urgent_and_match_talk_is_not():
    """QA 10: the default policy marks threat urgent (the top of the queue); calls against a group, a building
    with people in it, imperative death wishes and promised blows get there; fans' match talk does not."""
    policy = load_policy()
    texts = QA10_URGENT + QA10_SPORT
    decisions = [moderate(row.to_dict(), text, policy) for text, (_, row) in zip(texts, comments.score(texts).iterrows())]
    assert [d.urgent for d in decisions] == [True] * len(QA10_URGENT) + [False] * len(QA10_SPORT), decisions


# QA 11: a false threat flag is urgent (the top of the queue), so what only looks like a threat must raise nothing
QA11_NOT_THREATS = [
    # "you're dead" as the consequence of an everyday risk, to a generic "you"
    "If you forget your passport at the airport you're dead.",
    "Without a helmet on a motorbike you're dead, simple as that.",
    "If you skip the pre-flight check you're dead.",
    "When you run out of water in the desert you're dead.",
    # "watch your back" as advice, or in a competition
    "Watch your back when cycling on that road, the potholes are terrible.",
    "Lift with your legs, not your back, and watch your back when moving furniture.",
    "Watch your back while climbing the ladder.",
    "Watch your back, Verstappen is coming for the title.",
    "Watch your back, the champions are coming for the podium.",
    # a threat's words as the name of a thing
    "I know where you live is a great thriller, read it last summer.",
    "You're dead is the best line in the script.",
    # reported after the words, inverted, and fiction on stage
    "Execute him! shouted the crowd in the musical Les Miserables.",
    "Kill them all! cried the mob.",
    "I will kill you, said the villain.",
    # reported with a colon, in the same sentence or the one before, and a story told to its sentence
    "He told the court: I will kill you all. He was sentenced to ten years.",
    "She told the jury: I will find you and kill you.",
    "The note read: I will kill you.",
    "The text read: You are scum. I will kill you.",
    "I will kill you. He was arrested the next day.",
    # a visit with a bat to a game, and predictions with no wish
    "I'm going to your game with a bat and glove.",
    "I'm coming to your office tomorrow to discuss the article.",
    "Someone will kill him if he keeps driving like that.",
    "The police should shoot the tires.",
    "We're coming for you and your policies at the ballot box.",
]
QA11_THREATS = [  # (text, kind, phrase): the guards above leave these
    ("If you come near my kids again you're dead", "conditional", "you're dead"),
    ("Show your face here again and you're dead", "conditional", "you're dead"),
    ("If you ever touch my daughter you're dead.", "conditional", "you're dead"),
    ("If you tell anyone you're dead meat.", "conditional", "you're dead meat"),
    ("Watch your back, I know what you did.", "menace", "Watch your back"),
    ("You are a disgrace. Watch your back.", "menace", "Watch your back"),
    ("Watch your back when you leave work tonight.", "menace", "Watch your back"),
    ("Kill him! I mean it.", "call", "Kill him"),
    ("I told him: I will kill you if you come back.", "conditional", "I will kill you"),
    ("Whoever posted this: I will kill you.", "intent", "I will kill you"),
    ("I will kill you. Nobody will ever catch me.", "intent", "I will kill you"),
    # missed before
    ("I'm coming to your office tomorrow with a baseball bat.", "menace",
     "I'm coming to your office tomorrow with a baseball bat"),
    ("I'll be at your door tomorrow with a machete.", "menace", "I'll be at your door tomorrow with a machete"),
    ("Enjoy your last days as an editor, we are coming for you and your family.", "menace",
     "we are coming for you and your family"),
    ("One day someone will put a bullet in this traitor and I will cheer.", "wish",
     "someone will put a bullet in this traitor"),
    ("Someone is going to shoot him one day, and we will dance.", "wish", "Someone is going to shoot him"),
    ("The police should just shoot protesters like him.", "call", "The police should just shoot protesters like him"),
    ("The cops should just shoot him.", "call", "The cops should just shoot him"),
]


@pytest.mark.parametrize("text", QA11_NOT_THREATS)
def test_risks_advice_names_and_reports_raise_no_cue(text):
    assert threat_cues.find(text) == []


@pytest.mark.parametrize("text,kind,phrase", QA11_THREATS)
def test_threats_beside_those_guards_still_fire(text, kind, phrase):
    cues = threat_cues.find(text)
    assert [(c.kind, text[c.start:c.end]) for c in cues] == [(kind, phrase)]


def test_qa11_false_flags_are_not_urgent():
    """QA 11: the sentences that reached the top of the queue as threats, scored and moderated in full."""
    policy = load_policy()
    texts = ["If you forget your passport at the airport you're dead.",
             "Without a helmet on a motorbike you're dead, simple as that.",
             "Watch your back when cycling on that road, the potholes are terrible.",
             "Lift with your legs, not your back, and watch your back when moving furniture.",
             "Watch your back, Verstappen is coming for the title.",
             "I know where you live is a great thriller, read it last summer.",
             "Execute him! shouted the crowd in the musical Les Miserables.",
             "He told the court: I will kill you all. He was sentenced to ten years."]
    scores = comments.score(texts)
    assert (scores.threat < 0.5).all(), scores.threat.tolist()
    assert not any(moderate(row.to_dict(), text, policy).urgent for text, (_, row) in zip(texts, scores.iterrows()))


# Violence done to things, and menaces aimed at the reader's family: a table of our own, scored and moderated in
# full (the model, the cap on its threat for things, the cues). (text, urgent under the default policy)
THINGS_AND_FAMILIES = [
    # protest slogans and figurative violence done to a thing: the model read "kill" as a threat (0.56, urgent)
    ("Kill the bill!", False),
    ("KILL THE BILL", False),
    ("Kill the damn bill.", False),
    ("Kill Bill C-69 now!", False),
    ("We need to kill this deal before it is signed.", False),
    ("Kill this policy.", False),
    ("Kill it with fire.", False),
    ("Kill this.", False),
    ("Let's kill the pipeline.", False),
    ("Death to the carbon tax!", False),
    ("Axe the tax!", False),
    ("Hang up and call your MP.", False),
    ("This budget will murder the economy.", False),
    ("Stop killing jobs with this tax.", False),
    ("Kill the motion and move on.", False),
    # a bill to pay, not a menace
    ("Our grandchildren will pay for this debt.", False),
    ("Your kids will pay for this deficit.", False),
    ("Trudeau borrowed $100 billion. Your kids will pay for this.", False),
    ("Your family will pay more under the carbon tax.", False),
    ("He told me your family will pay.", False),
    ("Nobody said your family will pay.", False),
    # people, threatened beside things or alone
    ("Kill the mayor!", True),
    ("Kill the chancellor!", True),
    ("Kill the bill, then kill the premier.", True),
    ("Kill the mayor's bill, and then shoot the mayor.", True),
    ("Your family will pay.", True),
    ("You and yours will pay for this.", True),
    ("Your wife and kids will pay for what you wrote.", True),
    ("Your children are going to pay for this, traitor.", True),
    ("You'll regret this, I know where you live.", True),
    ("You should be fucking killed!", True),
    ("The mayor should be bloody shot.", True),
]


def test_things_and_families_table():
    policy = load_policy()
    texts = [text for text, _ in THINGS_AND_FAMILIES]
    scores = comments.score(texts)
    urgent = [moderate(row.to_dict(), text, policy).urgent for text, (_, row) in zip(texts, scores.iterrows())]
    wrong = [(text, want, round(t, 3)) for (text, want), got, t in zip(THINGS_AND_FAMILIES, urgent, scores.threat)
             if got != want]
    assert not wrong


@pytest.mark.parametrize("text,things", [
    ("Kill the bill!", True), ("Kill it with fire.", True), ("Death to the carbon tax!", True),
    ("This will murder the economy.", True), ("Kill the mayor's plan.", True), ("Hang up!", True),
    ("Kill the mayor!", False), ("Kill this guy.", False), ("kill the tax man", False),  # a person after the thing
    ("kill the bill sponsor", False),  # an unknown noun may be a person: the model's reading stands
    ("Kill the bill and hang the traitors!", False), ("kill the bill or die trying", False),
    ("KILL KILL KILL", False), ("The council approved the budget.", False),  # no one and nothing named
])
def test_violence_done_only_to_things(text, things):
    assert threat_cues.aimed_at_things(text) is things


def test_the_cap_holds_the_model_not_the_cues(scorers):
    """A thing killed in one sentence and a person threatened in the next: the cue's score stands."""
    _, on = scorers
    row = on.score(["Kill the bill. And you, I will kill you."]).iloc[0]
    assert row.threat == pytest.approx(threat_cues.SCORES["intent"])


@pytest.mark.parametrize("text,phrase", [
    ("If he shows up here again, shoot him.", "shoot him"),
    ("Kill the bill, then kill the premier.", "kill the premier"),
    ("When they come for our guns, hang the traitors.", "hang the traitors"),
])
def test_an_imperative_after_a_comma_under_a_condition_or_then_is_a_call(text, phrase):
    assert [(c.kind, text[c.start:c.end]) for c in threat_cues.find(text)] == [("call", phrase)]


@pytest.mark.parametrize("text", [
    "They invade the village, rape the women and burn the fields.",  # one more verb of a list
    "After the shot she had seizures, memory problems, get cancer, allergies.",
    "Bravo, kill em with facts.",
])
def test_an_imperative_after_a_comma_alone_is_no_call(text):
    assert threat_cues.find(text) == []


def test_one_list_of_speech_verbs_gives_each_pattern_its_forms():
    from comments.scoring import speech

    assert sorted(speech.verb_forms("say cry", (speech.THIRD, speech.PAST)).split("|")) == ["cried", "cries", "said", "says"]
    assert "labelled" in speech.verb_forms("label").split("|")  # both spellings
    assert speech.REPORTING.search("he wrote that") and not speech.REPORTING.search("write to your MP")
    assert threat_cues.find("Kill him! cried the crowd.") == []  # inverted report: the third person and the past
