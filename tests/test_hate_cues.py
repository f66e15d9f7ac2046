"""Group-directed attack cues: each kind fires on sentences of our own, each guard holds, offsets point at
the attack phrase, and identity terms alone (or next to a harsh word about something else) raise nothing."""
import pytest

import comments
from comments import modelstore
from comments.moderate import moderate
from comments.policy import load_policy
from comments.scoring import hate_cues, toxicity
from test_toxicity import FRAMES, IDENTITIES

ATTACKS = [  # (text, kind, the attack phrase as written)
    ("Somalis are cockroaches, every last one.", "dehumanising", "cockroaches"),
    ("Honestly these Pakistanis are nothing but leeches.", "dehumanising", "leeches"),
    ("Look at the Arabs, they're savages.", "dehumanising", "savages"),
    ("Gypsies infest every town they pass through.", "dehumanising", "infest"),
    ("Lesbians are not even human.", "dehumanising", "not even human"),
    ("Deport every single Muslim and close the border.", "exclusion", "Deport"),
    ("We should kick out the Chinese.", "exclusion", "kick out"),
    ("Transgender people should not be allowed near schools.", "exclusion", "should not be allowed"),
    ("Syrians don't belong in this town.", "exclusion", "don't belong"),
    ("The Haitians keep coming, send them back!", "exclusion", "send them back"),
    ("Illegal immigrants should be shipped home.", "exclusion", "be shipped home"),
    ("We don't want any more Afghans here.", "exclusion", "don't want"),
    ("You see these immigrant parasites everywhere.", "dehumanising", "parasites"),
    ("Send the Syrians back where they came from.", "exclusion", "Send the Syrians back"),
    ("Throw out every last one of the gypsies.", "exclusion", "Throw out"),
    ("The Muslims in my town are nothing but parasites.", "dehumanising", "parasites"),
    ("Immigrants are a scourge and a disease on this country.", "dehumanising", "disease"),
    ("I think asylum seekers are vermin.", "dehumanising", "vermin"),  # the commenter's own view
    ("Black people belong in a zoo.", "dehumanising", "belong in a zoo"),
    ("Immigrants are so vile.", "essentialising", "vile"),
    ("I really hate Muslims.", "hatred", "hate"),
    ("I'm going to shoot the next Mexican I see.", "violence", "shoot"),
    ("Gay people should be dead.", "violence", "be dead"),
    ("No Muslims allowed in this bar.", "exclusion", "No Muslims allowed"),
    ("Immigrants make me sick.", "hatred", "make me sick"),
    ("Refugees are a threat to our way of life.", "essentialising", "a threat"),
    ("Exterminate the Jews.", "violence", "Exterminate"),
    ("I hope all the Kurds burn.", "violence", "burn"),
    ("Homosexuals should be hanged.", "violence", "be hanged"),
    ("All Nigerians are scammers and thieves.", "essentialising", "scammers"),
    ("Every Mexican is a rapist.", "essentialising", "rapist"),
    ("Muslim men are all terrorists.", "essentialising", "terrorists"),
    ("Deport them all, I say: the Somalis are parasites, and the mayor said nothing.", "dehumanising", "parasites"),
    ("Get rid of the Chinese, we said it years ago.", "exclusion", "Get rid of"),
    ("Jews control the media.", "conspiratorial", "control the media"),
    ("Muslims are taking over our country.", "conspiratorial", "taking over our country"),
    ("Immigrants are replacing us and nobody says anything.", "conspiratorial", "replacing us"),
    ("The Jews are behind it all.", "conspiratorial", "behind it all"),
    ("Jews run Hollywood.", "conspiratorial", "run Hollywood"),
]

NOT_ATTACKS = [
    "Women run the world.",  # a slogan: "run" takes only institutions
    "Women are taking over the world of finance.",
    "Israelis control the West Bank.",
    "The Chinese government controls the media.",  # the group word modifies another noun
    "Jews do not control the media.",
    "The idea that Jews control the banks is an old antisemitic lie.",
    "It is a lie that Jews control the media.",  # counter-speech naming the claim
    "It is an old lie that Muslims are terrorists.",
    "Immigrants run the NHS and thank god for them.",
    "Mexicans are behind on their payments.",
    "Muslims are not vermin, and anyone who says so is lying.",  # negation
    "Immigrants aren't criminals; the data shows it.",
    "We should never deport refugees who fled a war.",
    "Calling refugees vermin is disgusting.",  # counter-speech
    "He said immigrants are animals, which is vile.",  # reported speech
    "The slogan \"Jews are parasites\" was painted on the synagogue.",  # quotation
    "Stop saying that Mexicans are criminals.",
    "I don't think Arabs are savages.",
    "Not all Muslims are terrorists.",
    "She believes that homosexuals must be killed, which tells you about her teachers.",
    "The soldiers did not round up the Jews and systematically kill them: the state did.",
    "The rats are vermin and the exterminator is coming Tuesday.",  # not a group
    "Health care for women is a cancer on the budget, he says.",  # the group is not the subject
    "The ban on Muslims should be removed.",
    "We don't want refugees to suffer.",
    "Those pigeons are a plague on the square.",
    "Many refugees fled the plague in the camps.",  # a group and a harsh word about something else
    "Gay men are more likely to be targeted by criminals.",
    "Black people are disproportionately victims of violent crime.",
    "The article says Muslims are terrorists, which is a lie.",
    "Muslims should not be banned from entering.",
    "Kill the bill, not the immigrants.",
    "Women should be allowed to vote.",
    "These people are pathetic excuses for reporters.",  # "those people" only with the strongest cues
    "I hate Muslims being attacked for their faith.",
    "I hate it when people call Muslims terrorists.",
    "I would never hate immigrants.",
    "They want to deport all Muslims, the article says.",
    "Muslims belong in our community.",
    "Women are under threat in this city.",
    "No immigrants were hurt.",
    "Black lives matter.",
    "Muslims raised money for the animal shelter.",
    "Women doctors are fighting the disease in rural clinics.",
    "The regime continues to kill Muslims in the province.",  # a report, not a call
    "Jews were murdered in the pogrom of 1881.",
    "Protesters said refugees were violent, but the video shows otherwise.",
    "Immigrants will go home for the holidays.",
    # QA 6: news comments that quote with the attribution after the statement, a group word that modifies
    # another noun, and a threat "to nobody"
    "Illegals must be deported, the governor said.",
    "Immigrants should be deported only after due process, said the judge.",
    "Refugees are a burden on the system, the minister claimed on Monday.",
    "Mexicans are rapists, according to Trump.",
    "Immigrants are invaders, claims the far-right party's leaflet.",
    "Ban the Chinese apps, they spy on our phones.",
    "I hate the Chinese government's policy.",
    "Christians are a threat to nobody.",
    "The Poles are a danger to no one.",
    "Gays are not welcome in Russia, which is a disgrace.",
    "Muslims are not welcome at that club, the owner admits.",
    "Syrians have no place to go back to.",
]


@pytest.mark.parametrize("text,kind,phrase", ATTACKS)
def test_each_cue_kind_fires_with_its_phrase(text, kind, phrase):
    cues = hate_cues.find(text)
    assert [c.kind for c in cues] == [kind], cues
    assert text[cues[0].start:cues[0].end] == phrase


@pytest.mark.parametrize("text", NOT_ATTACKS)
def test_guards_and_neutral_mentions_raise_no_cue(text):
    assert hate_cues.find(text) == []


def test_prefilter_lets_every_attack_through():
    analyzer = modelstore.load("toxicity").words.analyzer
    assert all(hate_cues.maybe_hateful(analyzer.tokens(text)) for text, _, _ in ATTACKS)
    assert not hate_cues.maybe_hateful(analyzer.tokens("The council approved the new bridge budget."))


@pytest.fixture(scope="module")
def scorers():
    model = modelstore.load("toxicity")
    return toxicity.ToxicityScorer(model, hate_cues=False), toxicity.ToxicityScorer(model)


def test_scores_raise_identity_attack_and_keep_toxicity(scorers):
    off, on = scorers
    texts = [text for text, _, _ in ATTACKS]
    before, after = off.score(texts), on.score(texts)
    assert (after.identity_attack >= 0.5).all()
    assert (after.toxicity == before.toxicity).all()  # a calibrated probability: the cues leave it alone
    for (text, kind, phrase), spans, threat, severe in zip(ATTACKS, after.toxic_spans, after.threat,
                                                           after.severe_toxicity):
        assert phrase in [text[s:e] for s, e in spans]
        violent = kind == "violence"  # a threat; hatred, exclusion etc. are not
        assert (threat >= 0.5) == violent and (severe >= 0.5) == violent
        assert severe < 0.9  # reviewed first, never auto-rejected by the default policy


def test_not_attacks_keep_the_model_scores(scorers):
    off, on = scorers
    assert on.score(NOT_ATTACKS).equals(off.score(NOT_ATTACKS))


def test_identity_frames_stay_low():
    texts = [f.format(i) for f in FRAMES for i in IDENTITIES]
    assert not any(hate_cues.find(t) for t in texts)
    assert comments.score(texts).identity_attack.max() < 0.5


def test_offsets_hold_after_a_letter_that_lowers_to_two():
    """QA 6: "İ" (Turkish names) lowers to two characters and shifted every span after it."""
    text = "İİİ İstanbul news: Kurds are vermin."
    assert [(c.kind, text[c.start:c.end]) for c in hate_cues.find(text)] == [("dehumanising", "vermin")]


def test_offsets_point_at_the_written_characters_after_folding():
    text = "Get rid of the Mexicans, they are a plаgue on this nation."  # a Cyrillic "а" in "plague"
    spans = comments.score([text]).toxic_spans[0]
    assert "plаgue" in [text[s:e] for s, e in spans]
    assert "Get rid of" in [text[s:e] for s, e in spans]


def test_review_reason_names_the_cue():
    text = "Jews should be banned from the city, they are all criminals."
    scores = comments.score([text]).iloc[0].to_dict()
    decision = moderate(scores, text, load_policy())
    assert decision.action == "review"
    reason = next(r for r in decision.reasons if r.startswith("identity_attack"))
    assert '"be banned"' in reason and '"criminals"' in reason, reason


def test_guards_read_the_sentence_around_a_cue_not_a_whole_run_on_page():
    """An unpunctuated paste is one "sentence": guards read a bounded window around each cue, so a quotation
    mark a thousand characters back neither hides the cue nor makes every guard reread the whole text."""
    filler = "the council met again about the bridge budget and " * 20
    text = f'He wrote "{filler}and honestly Somalis are cockroaches'
    assert [(c.kind, text[c.start:c.end]) for c in hate_cues.find(text)] == [("dehumanising", "cockroaches")]
    assert hate_cues.find('He wrote "Somalis are cockroaches') == []  # an open quote nearby still guards


# Issue 3: a group word that names a legal status, or a nationality standing for its state, is no protected
# identity under attack; the same groups attacked as people still are. Sentences of our own.
def _found(text):
    return [(c.kind, text[c.start:c.end]) for c in hate_cues.find(text)]


STATUSES = ["illegal immigrants", "all the illegal immigrants", "undocumented migrants", "failed asylum seekers",
            "every illegal immigrant"]
ENFORCEMENT_CALLS = ["Deport {}.", "We must remove {} quickly.", "Send {} back.", "Kick {} out, then fix the courts."]
ENFORCEMENT_FATES = ["{} should be deported.", "{} must be sent home.", "{} should not be allowed to stay.",
                     "{} must go back.", "No more {}."]


@pytest.mark.parametrize("text", [f.format(s) for f in ENFORCEMENT_CALLS for s in STATUSES]
                         + [f.format(s).capitalize() for f in ENFORCEMENT_FATES for s in STATUSES[:4]])
def test_enforcing_immigration_law_on_a_status_is_no_identity_attack(text):
    assert _found(text) == []


@pytest.mark.parametrize("text,kind,phrase", [
    ("Illegal immigrants are parasites.", "dehumanising", "parasites"),  # any other kind still fires
    ("Undocumented migrants should be shot.", "violence", "be shot"),
    ("I despise illegal immigrants.", "hatred", "despise"),
    ("Round up the undocumented migrants.", "exclusion", "Round up"),  # cattle, cargo, waste: not enforcement
    ("Ship the illegal immigrants back.", "exclusion", "Ship the illegal immigrants back"),
    ("Get rid of the illegal immigrants.", "exclusion", "Get rid of"),
    ("Deport the illegals.", "exclusion", "Deport"),  # a label, not a status (see hate_cues._STATUS)
    ("Deport all illegal aliens.", "exclusion", "Deport"),
    ("Deport all immigrants.", "exclusion", "Deport"),  # no status: the group itself
    ("Illegal Somalis should be deported.", "exclusion", "be deported"),  # "illegal" before a people
])
def test_status_targets_still_attacked_as_people(text, kind, phrase):
    assert _found(text) == [(kind, phrase)]


@pytest.mark.parametrize("text", [
    "Russians should get out of Crimea.",
    "Kick the Russians out of the Donbas.",
    "The Russians must be driven out of Kherson, every last tank.",
    "Israelis should get out of the West Bank.",
    "Turks should get out of northern Cyprus.",
    "The Chinese should be pushed out of Tibet.",
    "Iranians must get out of Syria.",
    "Chinese troops should be removed from Taiwan.",  # the group word modifies "troops"
    "Chinese officials should be expelled.",
    "Chinese hackers should be locked up.",
])
def test_a_nationality_told_to_leave_a_territory_its_state_holds_is_no_identity_attack(text):
    assert _found(text) == []


@pytest.mark.parametrize("text,kind,phrase", [
    ("Russians should get out of our country.", "exclusion", "get out"),  # from here: the people
    ("Chinese should go back to China.", "exclusion", "go back"),
    ("Poles should get out of Britain.", "exclusion", "get out"),
    ("Deport all the Russians from Crimea.", "exclusion", "Deport"),  # deporting people is no withdrawal
    ("Israelis are vermin, drive them out of Gaza.", "dehumanising", "vermin"),
    ("Russians in Ukraine are subhuman.", "dehumanising", "subhuman"),
    ("Kill the Russians in Kherson.", "violence", "Kill"),
])
def test_a_nationality_attacked_as_a_people_still_fires(text, kind, phrase):
    assert _found(text) == [(kind, phrase)]


@pytest.mark.parametrize("text", [
    "The Chinese control the banks in China.",
    "Israelis control the media in Israel, obviously.",
    "Turks own the economy in Turkey.",
    "Russians control the press in occupied Crimea.",
    "Iranians control everything in their own country.",
])
def test_a_nationality_controlling_its_own_country_is_no_trope(text):
    assert _found(text) == []


@pytest.mark.parametrize("text,phrase", [
    ("Jews control the media in America.", "control the media"),  # not a nationality: the trope
    ("The Chinese control the banks in America.", "control the banks"),  # another country: the trope
    ("Russians secretly control our government.", "secretly control our government"),
    ("Russians control the media.", "control the media"),
])
def test_control_tropes_about_other_countries_still_fire(text, phrase):
    assert _found(text) == [("conspiratorial", phrase)]


def test_issue_3_examples_score_below_review_and_true_hate_above():
    policy_and_war = ["Deport illegal immigrants.", "Russians should get out of Ukraine.",
                      "Russians control the media in Russia."]
    hate = ["Muslims should be deported.", "Jews control the media.", "Deport all Mexicans.",
            "Russians are subhuman."]
    scores = comments.score(policy_and_war + hate).identity_attack
    review = load_policy().review["identity_attack"]
    assert (scores[:3] < review).all(), scores.tolist()
    assert (scores[3:] >= review).all(), scores.tolist()
