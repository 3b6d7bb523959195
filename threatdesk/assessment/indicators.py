# ruff: noqa: E501  (the patterns below are data; a wrapped regular expression is harder to read)
"""The indicators the engine can fire, and the words or facts that fire them.

Built on the behavioural threat-assessment literature summarised in docs/assessment.md: what the
words say (direct, conditional and veiled threats, means, calls on others) and what the sender
did (approach, surveillance, planning, research into home and family, persistence). Each
pattern is matched against the text as written or as redacted: a placeholder such as
[WORKER-1 ADDRESS] is itself evidence that the sender knows a worker's home.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from threatdesk.assessment.prefilter import Prefilter

WORDS, CONDUCT, CONTEXT = "words", "conduct", "context"


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    axis: str
    weight: int
    patterns: tuple[str, ...] = ()
    # Patterns that need the capitals as written (a person's name), run on the original text and
    # only when none of `patterns` matched. Every string they need is in lower case, so the
    # prefilter finds it in the normalised text too.
    cased: tuple[str, ...] = ()

    def compiled(self) -> tuple[re.Pattern[str], ...]:
        """One pattern per written pattern, each searched on its own so that the prefilter can
        skip those whose words are absent: one alternation of them all tried every branch at every
        position of the text, and was most of the engine's cost. Patterns are written in lower case
        and run on the engine's normalised text (lower case, straight quotes, single spaces): much
        faster than IGNORECASE."""
        return tuple(re.compile(p) for p in self.patterns)

    def compiled_cased(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in self.cased)


_YOU = r"(?:you|ya|u|her|him|them|'em|the clerk|the recorder|the registrar|election officials|poll workers|every(?: last)? one of you|all of you|each of you|anyone|anybody|everyone|everybody|whoever)"
_POSS = r"(?:your|ur|yer|her|his|their)"
# Verbs of violence that read as a threat with any object; the rest of _HARM also has a political
# sense ("we will beat them in november"), so _NOT_POLITICAL must follow their object.
_KILL = r"(?:kill|shoot|stab|murder|strangle|lynch|execute|slaughter|massacre|behead|rape|choke|smother|suffocate|drown|poison|torch|firebomb|gun down|mow down|shoot up|blow up|bludgeon|maim|slit|cut up|gut)"
_HARM = rf"(?:{_KILL}|hang|hurt|beat|burn|bury|end|destroy|crush|get rid of|take out|take down|put a bullet in|put a (?:round|slug|hole) in|pistol-?whip|curb-?stomp|kneecap|smash|pummel|punch|stomp|cap|pop|waste|smoke|whack|jump|eliminate|exterminate|wipe out|hunt down|put (?:you|her|him) down)"
# People as the object of a violent verb, beyond "you": "every last traitor", "those bitches".
_PEOPLE = r"(?:every|all|each|the|those|these|that|this|some|a few)(?: last| damn| fucking)? (?:\w+ )?(?:traitors?|bitch(?:es)?|bastards?|clerks?|workers?|officials?|people|cheaters|frauds?|scum|rats|pigs|women|men|ones|commies|of (?:you|them))\b"
# The verbs of violence that read as a threat even before their object ("i'll come and shoot dana"),
# unless what follows makes them harmless ("shoot you an email", "kill time", "blow up your phone").
# One executes a plan or an audit: "execute" is a threat only with people after it.
_HARM_ANY = rf"(?:kill|shoot|hang|stab|murder|hurt|beat|burn|strangle|lynch|execute(?= (?:{_YOU}|{_PEOPLE}|us|me)\b)|slaughter|gut|put a bullet in|slit|rape|shoot up|blow up|put (?:you|her|him) down)"
# What one hangs without harm: "hang the banner", "hang flyers at the library".
_HUNG = r"(?:signs?|banners?|flags?|posters?|flyers?|fliers?|notices?|lights|decorations?|pictures?|curtains?|wreaths?|bunting|streamers?|coats?|jackets?)"
_NOT_HARMLESS = rf"(?! (?:(?:a|an|the|some|my|our|your|ur|you|u|me|us|him|her|them) ){{0,2}}(?:(?:video|photo|picture|pic|e?-?mail|text|message|note|line|film|footage|reminder|shot)s?|hoops|pool|time|it\b|out|up|around|in there|for|the (?:breeze|messenger|deadline|traffic|odds|record|clock|bill|competition|rush|crowds?|heat|lines?)|{_HUNG}|phone|inbox|lines|feelings|calories|bridges|rubber|daylight|to (?:the punch|it)|(?:my|our) (?:back|knees?|neck|shoulders?|hands?|feet|foot|wrists?|ankles?|chances|reputation|credibility|case|cause)|in (?:[\w-]+ ){{0,3}}?(?:paperwork|lawsuits?|litigation|requests?|complaints?|e?-?mails?|letters|motions|filings|subpoenas|audits?|foias?|votes|ballots|work|debt|fines|fees)|this (?:bill|law|proposal|policy|fraud|madness|corruption|nonsense)|the (?:fraud|corruption|madness|nonsense|policy|program|midnight oil|candle))\b)"
_NOT_POLITICAL = r"(?![^.!?]{0,16}\b(?:at the (?:polls|ballot box|next election)|in (?:the |a |this |tonight's |next |the next )?(?:elections?|primary|general|november|court|courts|debates?|polls|race|runoff|recall|caucus|committee|legislature|senate)|next (?:cycle|election)|politically|legally|with (?:our|my|your) votes?)\b)"
# Where only a contest is won or lost, for the verbs with a political or sporting sense: "beat you
# at the commission meeting", "crush them in the debate", "beat you at chess" ("beat you after the
# meeting" is still a threat).
_CONTEST = r"(?:polls?|ballot|debates?|caucus|convention|forum|meetings?|hearings?|sessions?|commission|council|primary|runoff|recall|elections?|race|vote|chess|game|match|tournament|poker|cards|golf|trivia)"
_NOT_CONTEST = rf"(?![^.!?]{{0,16}}\b(?:at|in) (?:[\w'-]+ ){{0,3}}{_CONTEST}\b)"
# "he said he'd", "she told staff she would": a threat reported by whoever took it down.
# Up to three words may come before the verb, or a trip there ("he would come to my house and"), or
# where they are and what they will do ("he is in the parking lot and is going to").
_SAID_THEY_WOULD = r"\b(?:said|says|saying|told (?:her|him|me|us|staff|the \w+)|yelled|shouted|screamed|swore|vowed|promised)(?: that)? (?:he|she|they)(?:'d| would| was going to| is going to| were going to| will|'ll| is gonna| was gonna)? (?:(?:(?:come|go|drive|walk|head|get|be|run) (?:over |back |down |up |out |right )?(?:to|by|at|into|inside) (?:\w+ ){1,3}?and |(?:is|was|'s|are|were) (?:\w+ ){1,5}?and (?:he |she |they )?(?:is |was |'s |are |were )?(?:going to|gonna) )(?:(?!not |never )\w+ ){0,2}?|(?:(?!not |never )\w+ ){0,3}?)"
# What a writer may type between "will" and the verb ("i will... kill you", "i'm going to, kill
# you"): a comma, a dash, an ellipsis. A lone full stop still ends the sentence.
_PAUSE = r"(?:\s*(?:[,;:]|\.{2,}|\u2026|[-\u2013\u2014]+)\s*|\s+)"
# A word as typed, masked or not: "fucking", "f***ing", "f#cking".
_MASKED = r"[a-z][a-z*#@-]*"
# "I will", "we're gonna", "imma", "i'm coming to", a sentence that starts "gonna", then up to
# three words that are not a negation ("i will come and ...").
_I_WILL_START = rf"(?:\b(?:(?:i|we|i'm|im|we're|i am|we are)\s*(?:will|'ll|ll|am going to|are going to|going to|gonna|shall|intend to|plan to|want to|wanna|would love to|'d love to|can't wait to|cant wait to|about to|am about to|are about to|coming (?:over |back )?to|on (?:my|our) way (?:over |back )?to|head(?:ed|ing) (?:over |back )?to)|imma|ima|i'ma)|(?:^|(?<=[.!?] ))(?:gonna|going to)){_PAUSE}"
_I_WILL = rf"{_I_WILL_START}(?:(?!not\b|never\b|help\b|protect\b|stop\b){_MASKED} ){{0,3}}?"
# The same, not on the way to a contest: "i'm headed to the polls to beat you" is a vote.
_I_WILL_NOT_TO_A_CONTEST = rf"{_I_WILL_START}(?:(?!not\b|never\b|help\b|protect\b|stop\b|{_CONTEST}\b){_MASKED} ){{0,3}}?"
# "You" as the subject of a threat, as people text it: "youre", "ur", "u", and "your" before "gonna".
_YOU_SUBJECT = r"(?:you|u|ya|youre|ur|your(?= (?:gonna|going to)))"
# "Die" and "hang" as threats, not in "die on this hill", "die laughing", "hang out" or hanging a
# thing ("will hang the banner", "hang signs").
_DIE = rf"(?:die(?! (?:on (?:this|that|the) hill|laughing|of (?:embarrassment|shame|boredom|old age|laughter)|trying|happy|rich|old|a little|for (?:her|his|their|my|our) (?:staff|team|kids|children|family|country|voters|job|community))\b)|hang(?! (?:out|up|on|in|around|with|tight|back|loose|onto|together|a|an|the|some|my|our|your|their|its|her|his|this|that|these|those|\d+|(?:\w+ )?{_HUNG})\b))"
# People a threat may be told about in the third person: "the clerk will be shot", "[WORKER-1] is going to die".
_THIRD_PERSON = r"(?:\b(?:i|we|she|he|you|u|(?:the|that|this|our|my) (?:clerk|recorder|registrar|director|supervisor|auditor|poll worker|worker|volunteer|judge|official|board member|secretary of state|secretary|commissioner|staffer|election official))|\[(?:worker|family)-\d+\]|\[name\])"
_VICTIM_PARTICLE = (
    r"(?:over|down|up|apart|out(?! (?:to|for|of))|off|dead|to death|to pieces|senseless|alive|bloody|like (?:a dog|an animal))"
)
_BODY = r"(?:neck|throat|skull|head|face|brains?|teeth|legs?|knees?|kneecaps|jaw|ribs|spine|heart|chest)"
_PERSON = r"(?:he|she|they|a man|a woman|a guy|someone|somebody|a person|a stranger|a driver|two men|a group|(?<!no )one of them|(?<!no )one|the other|another|(?:the|that|this)(?: same)? (?:man|woman|guy|person|caller|sender|stranger|driver|group|men|protester|observer|voter))"
_WHOSE = r"(?:my|our|her|his|their|your|ur|the clerk's|a worker's|the worker's|a poll worker's|the director's|the recorder's)"
_PRIVATE_PLACE = r"(?:house|home|front door|back door|door|doorstep|porch|yard|lawn|driveway|street|garage|windows?|mailbox|gate|car|apartment|kids' school|children's school|staff entrance|staff parking|employee (?:parking|entrance))"
_WEAPON = r"(?:gun|guns|handgun|pistol|revolver|rifle|shotgun|ar-?15|ar|ak-?47|firearm|knife|knives|machete|blade|bat|baseball bat|crowbar|hammer|tire iron|axe|hatchet|weapon|taser|brass knuckles|holster|sidearm)"
# A firearm, the weapon someone goes to fetch or brings along.
_GUN = r"(?:guns?|handguns?|pistols?|revolvers?|rifles?|shotguns?|ar-?15s?|ar|ak-?47s?|firearms?|weapons?|glock)"
# A weapon word that names something else: "the gun club", "a gun permit", "her knife collection".
_NOT_A_WEAPON = r"(?! ?(?:club|range|show|shop|store|safety|control|laws?|rights|violence|owners?|lobby|licen[cs]es?|permits?|safes?|stickers?|shirts?|t-shirts?|hats?|logos?|tattoos?|emojis?|decals?|collection|class|course|sharpener|screening|detectors?|checks?|scanners?|bans?|threats?|squad|dogs?|sniffing|disposal|detection|drills?|-free|free zone)|-(?!free)\w)"
# Where one takes a gun lawfully: "bringing my rifle to the range".
_NOT_A_RANGE = r"(?!(?:gun |shooting |firing |rifle )?(?:range|club|shop|store|gunsmith|show|woods|cabin|lake|hunt|hunting|field|farm|ranch|pawn)\b)"
# A street address, as written or as the redacted copy has it: "1423 elm street", "[address]".
_STREET_ADDRESS = r"(?:\[(?:(?:worker|family)-\d+ )?address\]|\d+ (?:[nsew]\.? )?(?:\w+ ){1,2}(?:st|street|ave|avenue|rd|road|dr|drive|ln|lane|ct|court|blvd|boulevard|way|pl|place|cir|circle|trl|trail|pkwy|parkway)\b)"
# Gathering outside a public building is lawful assembly, not an approach: "we're outside the office for the rally".
_NOT_ASSEMBLY = r"(?![^.!?]{0,30}\b(?:rally|protest|vigil|demonstration|march|picket|press conference|public meeting|hearing)\b)"
# Someone at an election site, as a narrative names them: "the poll worker", "a voter in line".
_ONE_OF_US = r"(?:a|an|the|my|our|two|three|several|some|one of the) (?:\w+ )?(?:poll workers?|workers?|clerks?|volunteers?|voters?|staff|judges?|officials?|observers?|officers?|deputy|director|recorder|registrar|supervisor|employees?|man|woman|guy|people|crowd|line|counter|table|desk)"
# Public meetings and courts: where a citizen may lawfully say they will be.
_LAWFUL_VISIT = r"(?! (?:in court|(?:(?:tonight|tomorrow|today|on \w+) )?(?:at )?(?:every|the|each|all|your|a|this|that|next)?\s?(?:next )?(?:(?!(?:home|house|door|car|place|office|lot|garage|after|before|until|when|outside|behind|near)\b)[\w-]+ ){0,4}(?:meetings?|hearings?|sessions?)\b|(?:at )?(?:the )?(?:ballot box|polls|next election)|[^.!?]{0,60}?\b(?:to|and) (?:vote|cast (?:my|our|a) ballots?|drop off|pick up|observe|volunteer|register|file|deliver|sign|work (?:the|my|our|a) shift|watch the count)\b))"

# A bomb, not a figure of speech: "the debt is a time bomb", "truth bombs", "f-bombs", "a photo bomb",
# "she dropped a bomb in the hearing".
_A_REAL_BOMB = r"(?<!truth )(?<!time )(?<!photo )(?<!photo-)(?<!f-)(?<!cherry )(?<!bath )(?<!stink )(?<!love )(?<!movie )(?<!film )(?<!dropped a )(?<!drop a )(?<!drops a )\b(?:bombs?|explosive devices?|explosives) "
# Places a bomb threat names: "bomb your office", "blow up the counting center".
_BOMBED_PLACE = r"(?:office|offices|building|house|home|place|polling places?|precincts?|count|counting (?:center|room)|canvass|courthouse|city hall|headquarters|hq|station|school|church|car|warehouse|annex|lobby)"

# A false call to the police, and what makes it one about someone: what it said, or whose home.
_FALSE_CALL = r"(?:fake|false|hoax|prank|bogus) (?:911 |emergency )?calls?\b"
_ABOUT_SOMEONE = r"(?=[^.!?]{0,60}\b(?:saying|claiming|reporting|that (?:there|she|he|someone|a man)|about (?:a|an) (?:shooting|bomb|hostage|murder|body|gun)|(?:at|to|about|from) (?:her|his|their|your|my|our|the clerk's|a worker's|the \w+'s|\[(?:worker|family)-\d+\](?:'s)?|\[address\]) ?(?:home|house|address|apartment|door|place|\[address\])?\b))"

# A house number and a street, not a quantity: "1423 elm street", "55 ridge", not "40 acres", "3 hours".
_HOUSE_NUMBER = rf"(?:{_STREET_ADDRESS}|\d+ (?:[nsew]\.? )?(?!(?:acres?|hectares?|dollars?|bucks|cents?|percent|per|years?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|miles?|km|feet|foot|am|pm|a\.m|p\.m|o'clock|income|incomes|digits?|characters?|votes?|voters?|people|of|in|on|to|and|or|out|times?|points?|ballots?)\b)[a-z]+\b)"

# Someone's address or number posted for others to see: "they posted my address", "someone leaked the
# clerk's cell". One's own is not ("i shared my address with the registrar"): a fixed-width look back
# for each verb, tried only at "my", costs far less than a subject before the verb.
_POSTING = (
    "posted",
    "published",
    "shared",
    "leaked",
    "put out",
    "spread",
    "circulated",
    "posting",
    "publishing",
    "sharing",
    "leaking",
)
_POSTED = rf"(?:{'|'.join(_POSTING)})"
_NOT_BY_ME = "".join(rf"(?<!\b{who} {verb} )" for who in ("i", "we") for verb in _POSTING)
_POSTED_WHOSE = rf"\b{_POSTED} (?:her|his|their|the \w+'s|\[(?:worker|family)-\d+\](?:'s)?|\[name\](?:'s)?|{_NOT_BY_ME}my)"
_NOT_TO_AUTHORITIES = r"(?! with (?:the )?(?:police|sheriff|officers|law enforcement|the registrar|the county|us|me)\b)"
# What someone feels after opening or touching a letter: "lightheaded", "my chest is tight", "throat is burning".
_SYMPTOM = r"(?:dizzy|dizziness|light-?headed|nause(?:ous|a|ated)|vomit(?:ed|ing|s)?|threw up|throwing up|trouble breathing|difficulty breathing|hard to breathe|can't breathe|cannot breathe|short(?:ness)? of breath|coughing|(?:coughed|coughs|(?:a|bad|dry|started to|began to) cough)(?! up)|wheez(?:ing|y)|(?:have|has|had|got|getting|developed|with|severe|bad|splitting|pounding) (?:a )?headaches?|chest (?:is |feels |got |was )?(?:tight|hurts|hurting|pains?)|tight(?:ness in the)? chest|chest pains?|tingl(?:ing|y|es)|burning (?:eyes|skin|throat|sensation)|(?:eyes|skin|throat|hands?|face|lips|mouth|nose|tongue) (?:is |are |was |were |started |began |feels? |felt )?(?:burning|stinging|tingling|swelling|swollen|numb)|symptoms|naloxone|narcan|hazmat|numb(?:ness)?|heart is racing|racing heart|fainted|passed out|blurr(?:y|ed) vision|soaked through)"

RULES: tuple[Rule, ...] = (
    Rule(
        "direct_threat",
        "Direct threat of violence",
        WORDS,
        3,
        (
            rf"{_I_WILL}{_KILL}\s+{_YOU}\b{_NOT_HARMLESS}{_NOT_POLITICAL}",
            rf"{_I_WILL_NOT_TO_A_CONTEST}{_HARM}\s+{_YOU}\b{_NOT_HARMLESS}{_NOT_POLITICAL}{_NOT_CONTEST}",
            rf"{_I_WILL}{_KILL}\s+{_PEOPLE}{_NOT_POLITICAL}",
            rf"{_I_WILL_NOT_TO_A_CONTEST}{_HARM}\s+{_PEOPLE}{_NOT_POLITICAL}{_NOT_CONTEST}",
            rf"{_SAID_THEY_WOULD}{_HARM_ANY}\b{_NOT_HARMLESS}{_NOT_POLITICAL}|\bthreat(?:ened|ening|s)? to {_HARM}\b{_NOT_HARMLESS}{_NOT_POLITICAL}",
            rf"\b(?:he|she|they)(?:'ll| will|'s going to| is going to|'re going to| are going to|'s gonna| is gonna|'re gonna| are gonna) (?:(?!not |never )\w+ ){{0,2}}?{_HARM_ANY}\s+(?:{_YOU}\b|{_PEOPLE}|us\b|me\b){_NOT_POLITICAL}",
            # Where they are, then what they will do: "he is in the lot and is going to shoot everyone". A
            # pattern of its own, so that the prefilter asks for "going to" or "gonna" before trying it.
            rf"\b(?:he|she|they)(?:'s| is|'re| are| was| were) (?:\w+ ){{1,5}}?and (?:he |she |they )?(?:is |was |'s |are |were )?(?:going to|gonna) (?:(?!not |never )\w+ ){{0,2}}?{_HARM_ANY}\s+(?:{_YOU}\b|{_PEOPLE}|us\b|me\b){_NOT_POLITICAL}",
            # "He threatened my life", "threats against her life": a threat told of by whoever it was made to.
            r"\bthreat(?:ened|ening) (?:my|her|his|their|our|your|the \w+'s|\[(?:worker|family)-\d+\](?:'s)?|\[name\](?:'s)?) li(?:fe|ves)\b|\b(?:made|making|received|got|getting|left|sent) (?:\w+ ){0,2}?threats? (?:against|on|to) (?:my|her|his|their|our|your) li(?:fe|ves)\b",
            rf"(?:\b(?:i|we)(?:'m|m| am|'re| are)? ?(?:going to|gonna|will|'ll|coming to|on (?:my|our) way to)|(?:^|(?<=[.!?] ))(?:gonna|going to)) (?:(?:(?!not |never ){_MASKED} ){{0,3}}(?:and )?(?!(?:beat|hurt|burn)\b){_HARM_ANY}|(?:(?!not |never |{_CONTEST}\b){_MASKED} ){{0,3}}(?:and )?(?:beat|hurt|burn){_NOT_CONTEST})\b{_NOT_HARMLESS}{_NOT_POLITICAL}",
            # "I'm coming to the office at noon to kill you": the place and the hour before the verb.
            rf"\b(?:i|we)(?:'m|m| am|'re| are|'ll| will)? ?(?:coming|come|going|headed|heading|driving|on (?:my|our) way) (?:over |back |down |up )?to (?:the|your|ur|her|his|their|that|this) (?:[\w'-]+ ){{1,3}}?(?:(?:at|by|on|after|before|around) (?:[\w:'.-]+ ){{1,2}}?|(?:tonight|tomorrow|today|now|later|soon) )?(?:to|and) (?:{_MASKED} )?(?:(?:shoot|blow) (?:it |this place |the place )?up\b|(?!(?:beat|hurt|burn)\b){_HARM_ANY}\s+(?:{_YOU}\b|{_PEOPLE}|us\b|me\b)){_NOT_HARMLESS}{_NOT_POLITICAL}",
            rf"{_I_WILL}(?:run|mow|gun|hunt|cut|rip|tear|snuff|beat|string|light|blow|wipe|finish|take|shoot|burn|bleed|skin|tie|lay) {_YOU} {_VICTIM_PARTICLE}\b{_NOT_POLITICAL}",
            rf"{_I_WILL}(?:break|snap|slit|cut|bash|cave|smash|crack|blow|rip|bust|knock|stomp|kick|slash|split|put a bullet (?:in|through)|put a hole (?:in|through)) (?:in )?{_POSS} (?:\w+ )?{_BODY}s?\b",
            rf"{_I_WILL}(?:make|watch|see) (?:you|u|her|him|them) (?:bleed|suffer|scream|beg|die|hang|burn|disappear|swing)\b",
            rf"\b(?:{_YOU_SUBJECT}|she|he|they)(?:'re| are| r|'ll| will|'s| is)? ?(?:going to|gonna|will)? ?(?:get|end up|wind up) (?:shot|killed|stabbed|murdered|lynched|hanged|hung|executed|strung up|capped|popped|whacked|gunned down|beaten to death|blown up|found dead|dead|in (?:a|the) (?:hospital|morgue|ditch|body bag|grave|coffin|casket))\b",
            r"\b(?:you|u|she|he|they)(?:'ll| will)? (?:won't|will not|wont|never) (?:make it (?:home|out|through the (?:day|night))|get home|walk (?:out|away)|leave (?:the|that|this) (?:building|office|room|place)|finish (?:the|her|his|your|that) (?:speech|shift|sentence|day))\b",
            r"\b(?:won't|will not|wont|never) (?:make it|get|walk|leave|come|go) (?:\w+ ){0,3}alive\b",
            r"\b(?:catch|eat) (?:a|this|my) bullet\b|\bbullet (?:between|in) (?:your|ur|her|his) (?:eyes|head|skull)\b",
            rf"\b(?:i|we)\s*(?:will|'ll|am going to|are going to|gonna)\s+(?:come|find|get)\s+(?:for\s+)?{_YOU}\b.{{0,40}}\b(?:kill|shoot|hang|hurt|gun|rope|bullet)",
            # "I hope you die" is a curse (abuse), not a threat.
            rf"(?<!hope )(?<!wish )\b{_YOU_SUBJECT}(?:'re| are| r| will| 'll|'ll)?\s*(?:going to|gonna|will)?\s*(?:all\s+)?(?:{_DIE}|be (?:shot|killed|hanged|hung|executed|dead))\b{_NOT_POLITICAL}",
            r"\byou(?:'re| are) (?:a )?dead (?:man|woman)\b",
            # "You're dead", "if you certify, you're dead"; not "dead wrong", "dead to me" or "dead in the water".
            rf"\b(?:you(?:'re| are| r)|youre|u(?:'re| are| r)) (?:so |already |as good as )?dead\b(?! (?:wrong|right|serious|tired|last|on\b|to (?:me|us|rights)|in the water|set|end|weight|center|centre|heat|ringer|giveaway|inside|asleep|broke)){_NOT_POLITICAL}",
            rf"\bur dead(?= ?[.,!?;]|$| (?:if|when|meat|man|woman|bitch|now)\b){_NOT_POLITICAL}",
            # Told in the third person or the passive: "he told me i would be killed", "the clerk will be shot".
            rf"(?<!hope )(?<!wish ){_THIRD_PERSON}(?:'d| would| will|'ll| is going to|'s going to| are going to|'re going to| was going to| were going to| is gonna|'s gonna| was gonna) (?:be (?:killed|shot(?! down)|hanged(?! if)|hung|murdered|stabbed|lynched|executed|gunned down|strung up)|{_DIE})\b{_NOT_POLITICAL}",
            r"\b(?:put|see) you in (?:the|a) (?:ground|grave|coffin|body bag)",
            r"\byou (?:will not|won't|wont) (?:live|survive|see)\b(?! (?:a |another |a second )?(?:term|election|re-?election|vote|dime|cent|penny)\b)",
            r"\b(?:bullet|rope|noose) (?:with|for|has) your name",
            rf"\b(?:going to|gonna|will) (?:{_KILL} (?:you|her|him){_NOT_POLITICAL}|{_HARM} (?:you|her|him){_NOT_POLITICAL}{_NOT_CONTEST}) (?:and|when|if|at)\b",
            r"\byou(?:'re| are) (?:next|going to pay with your life)\b",
            r"\bhang for (?:treason|this)\b",
            r"\b(?:you(?:'ll| will)|she(?:'ll| will)|he(?:'ll| will)) be dead\b",
            r"\bwill be your last\b",
            r"\b(?:won't|will not|doesn't get to|don't get to) (?:see|finish|make it to|live to see) (?:\d|the morning|tomorrow|christmas|another(?! (?:term|election|vote|cent|dime|penny))|her|his|the end)",
            r"\bshoot (?:this|the) place up\b",
            # A death threat told of by whoever took it: "the caller made death threats", "she got a death
            # threat"; someone who made it comes first, so a law or the news about them is not one
            # ("anyone who sends death threats will be prosecuted", "the law made death threats a felony").
            rf"(?:\b(?:{_PERSON}|caller|(?:a|an|the|that|this)(?: same)? (?:voter|observer|protester|caller|sender|man|woman|guy|person|stranger))) (?:has |had |have |just |also |then |again |already )?(?:made|makes|left|leaves|sent|sends|issued|phoned in|called in|yelled|screamed|shouted|posted|texted|emailed)(?: (?:\w+ ){{0,3}}?| )death threats?\b(?![^.!?]*\b(?:a (?:felony|crime|misdemeanor|federal (?:crime|offense))|illegal|unlawful)\b)",
            r"(?:\b(?:i|we|she|he)|\[(?:worker|family)-\d+\]) (?:have |has |had |just |also )?(?:received|got|gets|getting|keeps? getting|started getting)(?: (?:\w+ ){0,2}?| )death threats?\b",
            # A hanging told as a picture: "you'll be swinging from a rope".
            r"(?:\b(?:you|u|she|he|they|y'all|all of you)|\[(?:worker|family)-\d+\]|\[name\])(?:'ll| will|'re going to| are going to|'re gonna| are gonna|'s going to| is going to|'s gonna| is gonna)? (?:all )?be swinging (?:from|in|on) (?:a|an|the|that|this) (?:\w+ )?(?:rope|tree|noose|lamp ?post|lamppost|gallows|rafters?|bridge|crane|oak|branch)\b",
            # Spanish, the commonest forms: "te voy a matar", "vamos a matarte", "vas a morir", "estás muerto".
            r"\b(?:te|los|las|lo|la|les) (?:voy|vamos|van|va) a (?:matar|colgar|ahorcar|disparar|balear|quemar|linchar|apu[ñn]alar|degollar|descuartizar|enterrar)\b",
            r"\b(?:voy|vamos|van|va|vas) a (?:matar|colgar|ahorcar|disparar|balear|quemar|linchar|apu[ñn]alar|degollar)(?:te|los|las|la|lo|les)\b",
            r"\b(?:te|los|las|lo|la) (?:mato|matamos|matar[eé]|mataremos|cuelgo|colgamos|colgaremos)\b",
            r"\b(?:vas|van|vais) a morir\b(?! (?:de (?:risa|hambre|aburrimiento|verg[uü]enza|calor|fr[ií]o|sed|viejos?|viejas?)|en (?:las (?:urnas|elecciones)|noviembre)|pol[ií]ticamente)\b)",
            r"\b(?:est[aá]s|est[aá]n) muert[oa]s?\b(?! (?:de (?:risa|hambre|cansancio|sue[ñn]o|miedo|verg[uü]enza|calor|fr[ií]o)|para m[ií])\b)|\b(?:eres|sos|son|ya eres) (?:un |una )?(?:hombre|mujer|hombres|mujeres) muert[oa]s?\b",
        ),
        cased=(
            # A person by name, as written: "Katie Hobbs will hang", "Maria Lopez is going to be shot". The
            # redacted copy has "[NAME]" instead, which the third-person pattern above reads.
            rf"(?<![\w.'])(?!(?:The|This|That|These|Those|Our|My|Your|Their|His|Her|Its|If|When|And|But|Or|So|Then|Now|God|Democracy|America|Election|Elections|Voting|County|State|City|Board|Office|New|North|South|West|East|United|Supreme|Federal|Mr|Mrs|Ms|Dr)\b)[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z]\.)? (?:Mc|Mac|O'|De |Van |Von )?[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?(?: will|'ll| is going to|'s going to| is gonna|'s gonna) (?:be (?:killed|shot(?! down)|hanged(?! if)|hung|murdered|stabbed|lynched|executed|gunned down|strung up)|{_DIE})\b{_NOT_POLITICAL}",
        ),
    ),
    Rule(
        "conditional_threat",
        "Conditional threat",
        WORDS,
        2,
        (
            r"\bif you (?:certify|sign|count|refuse|don't|do not|dare|keep|go ahead)\b.{0,80}\b(?:you(?:'ll| will)|we(?:'ll| will)|there will be|pay|regret|consequences|die|hang|hurt|sorry)",
            r"\b(?:certify|sign|count)\b[^.]{0,30}\b(?:and|then) you(?:'ll| will)? (?:hang|die|pay|be sorry|regret)",
            r"\bor else\b",
            r"\bdo the right thing\b.{0,40}\b(?:or|before)\b",
            r"\b(?:last|final) (?:warning|chance)\b",
            # "Don't certify or we'll make you regret it", "count them right or you'll pay"; not a bill or a lawsuit.
            rf"\bor (?:we|i|you|u|they)(?:'ll| will| are going to|'re going to|'m going to| am going to|'re gonna| are gonna|'m gonna| gonna)\b[^.!?]{{0,30}}?\b(?:regret|be sorry|suffer|bleed|die|hang|get hurt|pay(?! (?:(?:the|a|an|for (?:the|a|an|your) (?:lawsuit|legal|lawyers?|attorneys?|court|recount|audit|costs?|fees?))\b|(?:fees|costs|taxes|attention|damages)\b)))\b{_NOT_POLITICAL}",
        ),
    ),
    Rule(
        "veiled_threat",
        "Veiled or indirect threat",
        WORDS,
        2,
        (
            r"\bget what(?:'s| is) coming\b",
            r"\bwatch your (?:back|step)\b",
            r"\b(?:be a|would be a) shame if\b",
            r"\baccidents (?:happen|in)\b",
            r"\byour (?:time|day) (?:is coming|will come)\b",
            r"\btick[\s,-]*tock\b",
            r"\bwe(?:'re| are) (?:watching|coming)\b",
            r"\byou(?:'ve| have) been warned\b",
            r"\byou(?:'ll| will) regret\b",
            r"\b(?:day of reckoning|judgment day|there will be a reckoning)\b",
            r"\bremember what happens to\b",
            r"\bsleep with one eye open\b",
            r"\bdrive safe\b",
            r"\bpeople (?:like you|have) disappear",
            r"\bknow what happens to (?:traitors|people like you)\b",
            r"\bnot (?:going to|gonna) end well\b",
            r"\b(?:there will be|real) consequences\b",
            r"\bnot at the ballot box\b",
            r"\b(?:ain't|isn't|won't be|not) (?:gonna be |going to be )?safe for you\b",
            r"\bblood (?:will be|on) (?:on )?your hands\b",
            r"\b(?:would be|be) a (?:tragedy|shame)\b",
            r"\bsomething precious\b",
            r"\byou know what happens to\b",
            r"\bmessed with the wrong\b",
            r"\b(?:is|are) a target now\b",
            r"\byour last (?:election|day|count|term)\b",
            r"\bbefore (?:someone|somebody) makes (?:you|u)\b",
            r"\ba different kind of conversation\b",
            r"\bi know how to (?:handle|deal with)\b",
            r"\b(?:lot|lots) of us and (?:only )?a few of you\b",
            r"\bused to be (?:shot|hanged|hung)\b",
            r"\bcrosshairs?\b",
            r"\byou(?:'ll| will) find out why\b",
            r"\bi have the means\b",
            r"\bwe know (?:who you are|what you drive|what you look like)\b",
            r"\b(?:we|i) know where (?:you|u|ya|(?:your|ur) \w+)\b(?! (?:stand|stood|are coming from|come from|came from|went to school|got (?:it|that|this)|learned|are on)\b)",
            r"\b(?:drawing|picture|image|photo|sketch|cartoon|printout) of (?:a |an |the )?(?:gallows|noose|coffin|casket|tombstone|grave|crosshairs|target|gun|rifle|bullet|hanging)",
            r"\b(?:gallows|noose|rope|coffin|grave)s? (?:is |are )?(?:ready|waiting|being built|already dug)\b",
            r"\bcoming (?:soon )?for (?:you|u|her|him|them|traitors|the traitors|all of you)\b",
            # Not a greeting sent with love: "say hi to your family for me", "tell him hello from all of us".
            r"\btell (?:her|him|them|your \w+) (?:we|i) said (?:hi|hello)\b|\btell (?:her|him|them|your \w+) (?:hi|hello) from\b(?! (?:me|us|all of us|everyone|the (?:team|staff|office|library|board|county))\b)|\bsay hi to (?:your|ur) \w+\b(?! (?:for (?:me|us)|from (?:me|us|all of us|everyone|the (?:team|staff|office|library|board|county)))\b)",
            r"\b(?:watch|turn on|keep an eye on) the news\b|\b(?:see|read|hear) about (?:it|you) (?:on|in) the news\b",
            r"\b(?:won't|will not|wont|can't|cannot) (?:help|save|protect) (?:you|u|her|him)\b|\b(?:police|cops|security|nobody|no one|locks|guards) (?:can't|cannot|won't|will not) (?:protect|save|help) (?:you|u|her|him)\b",
            r"\bsay your (?:prayers|goodbyes)\b|\b(?:hope you have|better get) (?:good )?life insurance\b|\bpick out (?:your|a) (?:casket|coffin|headstone|plot)\b",
            r"\byour days are numbered\b(?! in)|\bcount your days\b|\benjoy (?:it|your \w+) while (?:it lasts|you can)\b",
            r"\b(?:hate|hate for|hate to see) (?:for )?(?:something|anything) (?:bad )?(?:to )?happen",
            r"\b(?:you|u|she|he|someone|somebody|people)(?:'re| are|'s| is|'ll| will)? ?(?:going to|gonna)? get hurt\b",
            r"\bnice (?:house|home|family|kids|car|place)(?:,| you(?:'ve)? (?:have|got))",
            # A home or family said as a sentence of its own: "Tonight. Your house. 9pm."
            r"(?:^|(?<=[.!?] ))(?:at )?(?:your|ur) (?:house|home|place|door|front door|street|kids?|children|family|daughter|son|wife|husband)[.!]",
            # Paraphrases of the phrases above, and the reference's "patriots will take care of you".
            r"\b(?:patriots?|(?:true|real) (?:patriots|americans)|the (?:boys|patriots|militia)|my (?:boys|guys|friends|brothers)|people like (?:me|us)) (?:will|'ll|are going to|are gonna|gonna) take care of (?:you|u|her|him|them|this|that)\b",
            # "A real shame if your house caught fire", "shame if she didn't come home"; not "a shame if turnout drops".
            r"\bshame if (?:something|anything|someone|somebody)\b|\bshame if [^.!?]{0,40}?\b(?:caught fire|burn(?:ed|t)? down|got hurt|(?:was|were) hurt|had an accident|(?:didn't|did not|never) (?:come|make it|get) home|went missing|disappeared|died|happened to)\b",
            r"\b(?:wouldn't|would not|wouldnt|don't|do not|dont|would hate to|hate to) (?:want )?(?:to see )?(?:anything|something) (?:bad |terrible |unfortunate |ugly )?(?:to )?happen(?:ing)? to (?:you|u|her|him|them|that pretty|those|such a|this pretty|a pretty|the kids|the little|(?:your|ur) (?:\w+ )?(?:kids?|family|house|home|car|face|wife|husband|daughter|son|children|dog|pets?))\b",
            r"\bbe careful (?:walking|driving|going|getting|coming|when you (?:walk|drive|go|leave|get))\b[^.!?]{0,30}\b(?:your|ur) (?:car|house|home|kids?|family|office|door|driveway)\b|\bbe careful (?:out there|who you|what you count|how you count)\b",
            r"(?<!movie )(?<!film )\bthere(?:'ll| will| is going to|'s going to|'s gonna| is gonna) be (?:blood(?:shed)?|bodies|hell to pay)\b(?! (?:drives?|donations?|tests?|work|banks?|pressure|sugar|screenings?)\b)",
            r"\bropes? (?:is|are) (?:cheap|free|ready)(?= ?[.!,;]|$| and (?:trees|lamp ?posts|lampposts))|\btrees are plentiful\b|\bplenty of (?:lamp ?posts|lampposts|good trees)\b",
            r"\b(?:you|u)(?:'ll| will|'re going to| are going to|'re gonna| are gonna) (?:all )?be swinging\b(?= ?[.!?,;]|$| soon| before| by| for (?:this|that|it|treason))",
            r"\b(?:we|i|they) know (?:what|which) (?:car|truck|vehicle|kind of car|van|suv) (?:you|u|she|he) (?:drive|drives|park|parks)\b",
            # Told by whoever took it down: "he said they know where my kids go to school", "he's coming for me".
            r"\b(?:(?:said|says|told (?:me|us|her|him|staff)|claims|claimed|wrote|texted|posted)(?: that)? (?:he|she|they|we|it)|(?:the )?caller|someone|somebody|the sender) (?:knows?|knew|found out|found) where (?:i|we|my \w+|our \w+) (?:live|lives|sleep|sleeps|go|goes|work|works|park|parks)\b",
            r"\b(?:he|she|they)(?:'s| is|'re| are| was| were) coming (?:back )?for (?:me|us)\b(?! (?:at \d|after (?:work|school|the)))(?![^.!?]{0,30}\b(?:to (?:pick|drive|take|give|help|bring|move)|in (?:the|a|his|her|their) (?:car|truck|van)|with (?:the|a) (?:car|truck|van))\b)",
            # Spanish: "sabemos dónde vives".
            r"\b(?:sabemos|s[eé]|sabe|saben) d[oó]nde (?:vives|vive|viven|duermes|trabajas|estudian|van|juegan)\b",
        ),
    ),
    Rule(
        "incitement",
        "Calls on others to harm",
        WORDS,
        2,
        (
            r"\b(?:someone|somebody|anyone|patriots?|people|we all) (?:should|needs? to|ought to|has to|must)\s+(?:\w+\s+){0,3}(?:kill|shoot|hang|hurt|take care of|deal with|visit|string|lynch|take (?:her|him|them) out|put a (?:bullet|round|slug|hole) in)",
            r"\bstring (?:her|him|them|these \w+) up\b",
            r"\bhang (?:them|'em|every one of them|them all)\b",
            r"\bround (?:them|'em) up\b",
            r"\bwho(?:'s| is) with me\b",
            r"\bgo (?:pay (?:her|him|them) a visit|say hi to)",
            r"\bpay (?:her|him|them) a visit\b",
            # "The clerk should be shot", "needs to be hanged", "deserves to hang"; not a plan executed, a sign hung
            # or a scene shot again.
            r"\b(?!(?:plans?|orders?|warrants?|contracts?|agreements?|audits?|recounts?|programs?|strateg(?:y|ies)|polic(?:y|ies)|laws?|bills?|search(?:es)?|wills?|trades?|code|scripts?|tasks?|steps?|procedures?|projects?|signs?|banners?|flags?|posters?|pictures?|photos?|portraits?|scenes?|videos?|films?|movies?|commercials?|ads?|footage|episodes?|interviews?|segments?|clips?|promos?|dogs?|cats?|horses?|it|this|that)\b)[\w'\[\]-]+ (?:should|needs? to|ought to|has to|have to|must|deserves? to) be (?:shot(?! (?:down|again|on location|in (?:the )?studio|downtown|outdoors|on film))|hanged|hung for|lynched|strung up|swinging|put down|dragged (?:out|into|through)|shot dead)\b",
            # "Executed" only of people: a contract, a plan or a recount is executed too.
            r"(?:\b(?:she|he|they|them all|all of them|every one of them|(?:the |that |this |these |those |every |all )?(?:\w+ )?(?:clerks?|recorders?|registrars?|officials?|workers?|judges?|commissioners?|directors?|secretary|bitch(?:es)?|traitors?|cheaters|people))|\[name\]|\[(?:worker|family)-\d+\]) (?:should|needs? to|ought to|has to|have to|must|deserves? to|deserve to) be executed\b",
            r"\bdeserves? (?:a|the|to catch a) (?:bullet|rope|noose|firing squad|gallows|lynching|hanging)\b|\bdeserves? to (?:die|hang|swing|be (?:shot|hanged|lynched|executed))\b",
            # An order to harm, on its own: "Hang the clerk.", "Shoot every last traitor." (not "shoot the clerk an email").
            r"(?:^|(?<=[.!?] )|(?<=: ))(?:hang|shoot|kill|lynch|execute|string up|shoot up|hunt down|murder) (?:(?:the|that|this|these|those|every|all|each|all the|every last)(?: \w+)? (?:clerks?|recorders?|registrars?|traitors?|bitch(?:es)?|poll workers?|election workers?|election officials?|officials?|commissioners?|workers?|directors?|judges?|volunteers?|supervisors?|secretary(?: of state)?|cheaters|rats)|\[name\]|\[worker-\d+\])(?!'s)\b(?! (?:an? |the |some )?(?:\w+ )?(?:e?-?mail|text|message|note|line|photo|picture|video)s?\b)",
            # "Here's her address. Go get her."
            r"(?:^|(?<=[.!?] ))go get (?:her|him|them|'em)\b(?= ?[.!?]|$)",
            r"\b(?:dragged|drag (?:her|him|them)) (?:out )?into the street\b",
            r"\b(?:tried for treason and executed|penalty for treason is death)\b",
            r"\bthey(?:'d| would) (?:already )?be swinging\b",
            r"\byou know what to do\b",
            r"\bhope (?:someone|somebody|they) (?:\w+ ){0,2}(?:shoots?|kills?|stabs?|hangs?|hurts?|runs? (?:her|him|you) over)\b",
            r"\b(?:bounty|price) on (?:her|his|their|your) heads?\b|\bopen season on\b",
        ),
    ),
    Rule(
        "weapon_means",
        "Weapons, explosives or other means",
        WORDS,
        2,
        (
            rf"\b(?:gun|guns|rifles?|ar-?15|ar|ak-?47|shotgun|pistol|handgun|glock|ammo|ammunition|bullets?|rope|noose|gallows|bomb|explosives?|pipe bomb|ied|knife|machete|molotov|gasoline|gas can|armed)\b{_NOT_A_WEAPON}",
            # Loaded as a gun is, not as a van: "it's loaded", "a loaded rifle", "Loaded." on its own.
            r"\b(?:(?:(?:gun|guns|rifle|rifles|pistol|weapon|it|mag|magazine|shotgun|ar)(?:'s| is| are| was)|already|fully|locked and|i'm|im|i am|we're|we are) loaded|loaded (?:gun|guns|rifle|rifles|pistol|weapon|magazine|mag|clip|shotgun|ar|ar-?15|handgun|up)|(?:^|(?<=[.!?] ))loaded(?= ?[.!]|$))\b",
            r"\bsecond amendment\b|\b2a\b",
            r"\block(?:ed)? and load(?:ed)?\b",
        ),
    ),
    Rule(
        "weapon_possession",
        "Has or claims to have a weapon",
        CONDUCT,
        1,
        (
            r"\b(?:i|we) (?:have|own|got|carry|bought|keep) (?:a |an |my |our |plenty of |enough )?(?:\w+ ){0,2}(?:gun|guns|rifle|ar-?15|shotgun|pistol|glock|ammo|ammunition|bullets|explosives?)\b",
            rf"\bmy (?:ar-?15|ar|ak-?47|rifles?|glock|pistol|shotgun|guns?|handgun|firearms?)\b{_NOT_A_WEAPON}",
            rf"\b{_PERSON} (?:\w+ ){{0,4}}?(?:carrying|holding|had|has|brought|waving|wielding|clutching|gripping|wearing|armed with|openly carrying|open carrying) (?:a|an|his|her|their|two|what looked like an?|some kind of) (?:\w+ )?{_WEAPON}\b{_NOT_A_WEAPON}",
            # "A man is standing at the entrance of the polling place with an AR-15": where, then what he had.
            rf"\b{_PERSON} (?:[\w'-]+ ){{0,10}}?with (?:a|an|his|her|their|two|what looked like an?|some kind of) (?:\w+ )?{_WEAPON}\b{_NOT_A_WEAPON}",
            # Going to fetch a gun, or coming back with one: "went to his truck to get his gun", "he'd go get his
            # rifle", "coming back with his friends and his guns", "bringing my AR to your office".
            rf"\b(?:go|goes|going|went|gone|run|ran|head(?:ed|ing)?|walk(?:ed|ing)?)(?: back| out| over| home)? (?:to (?:his|her|their|my|our|the) (?:\w+ )?(?:truck|car|van|house|home|trunk|vehicle|place) )?(?:to |and )?(?:get|grab|fetch|bring|getting|grabbing|fetching|bringing|got|grabbed|fetched) (?:his|her|their|my|our|a|the|some|an) (?:\w+ )?{_GUN}\b{_NOT_A_WEAPON}",
            rf"\b(?:come|comes|coming|be|came) back (?:\w+ ){{0,3}}?with (?:[\w'-]+ ){{0,4}}?(?:his|her|their|my|our|a|an|some|the) (?:\w+ )?{_GUN}\b{_NOT_A_WEAPON}",
            rf"\b(?:bring|bringing|brought|carry|carrying|carried) (?:my|our|a|an|the|his|her|their|some) (?:\w+ )?{_GUN}\b{_NOT_A_WEAPON} (?:to|into|down to|over to|in to|inside) (?:your|ur|the|her|his|their|that|this|my|our) {_NOT_A_RANGE}",
            rf"\b{_WEAPON} (?:on|in|at|tucked in) (?:his|her|their) (?:hip|hand|hands|belt|waistband|lap|pocket|side)\b",
            rf"\b{_PERSON} (?:was|is|were|are|came|showed up|arrived) armed\b|\barmed (?:man|woman|men|person|people|group|individual|guy)\b",
        ),
    ),
    Rule(
        "time_place",
        "A specific time or place",
        WORDS,
        2,
        (
            r"\b(?:tonight|tomorrow|today|this (?:morning|afternoon|evening|weekend)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|next week)\b",
            r"\bat \d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.|o'clock)\b",
            r"\bat (?:noon|midnight)\b",
            r"\b(?:when|after) you (?:leave|get off|walk out|go home|lock up)\b|\b(?:when|after) (?:your|ur|her|his) shift (?:ends|is over)\b",
            r"\bat (?:the )?(?:count(?:ing)? (?:center|room)|polling place|drop box|tabulation|your (?:office|house|home|car))\b",
            r"\bon election (?:day|night)\b",
        ),
    ),
    Rule(
        "imminent",
        "Happening now",
        CONTEXT,
        0,
        (
            r"\b(?:right now|on (?:my|our) way|leaving (?:my house|now)|coming (?:up|in|over|inside) now)\b|\b(?:i'm|im|i am|we're|we are) coming in\b(?! (?:early|late|tomorrow|on \w+day|at \d|to (?:vote|work|volunteer|help|set up)|for (?:my|our|the|a) (?:shift|meeting|hearing)))",
            r"\b(?:i'm|im|i am|we're|we are|he is|he's|she is|she's|they are|they're|a man is|a woman is|someone is) (?:outside|here|in the (?:lobby|parking lot|building)|at (?:your|her|his|the) (?:door|house|home|office))\b",
            # Someone there and not leaving, a weapon pointed or shown. "Has a gun" says what someone owns, not
            # that they are here: on site it is a weapon in person, elsewhere not a sign of "now".
            # "Pointing" a weapon or toward someone, not a camera, a phone or a finger.
            r"\b(?:still here|won't leave|refuses to leave|refusing to leave|pointing(?! (?:a |an |his |her |their )?(?:\w+ )?(?:cameras?|phones?|fingers?|flashlight|signs?|pens?|mic|microphone)\b)|brandish)",
            r"\b(?:i'm|im|i am|he's|he is|she's|she is) in (?:the|your) (?:stairwell|parking lot|lot|lobby|hallway|building)\b",
            r"\blook out your (?:office )?window\b",
            r"\b(?:he|she|they|someone|somebody|(?:the|that|a|this) (?:same )?(?:man|woman|guy|person|group|men|car|truck|van|caller|observer|protester|voter|stranger))(?:'s| is|'re| are) (?:back|surrounding|standing over|following)\b",
            r"\bstill there\b|\b(?:is|are) back (?:in|at|inside|outside) (?:the|our|her|his|your|my) (?:lobby|office|building|house|parking lot|lot|counter|polling place|count|room)\b",
            r"\b(?:i'm|im|i am|we're|we are) (?:in|inside|sitting in|parked in) (?:it|the (?:car|truck|van))\b",
            # At, by or a few minutes from a worker's home or car, now: "i'm waiting by your car".
            r"\b(?:i'm|im|i am|we're|we are)(?: right| standing| sitting| parked| waiting| hiding| already| almost| just| only)? (?:outside|in front of|across (?:the street )?from|at|by|near|behind|down the street from|around the corner from|up the street from|(?:\d+|a few|a couple of|two|three|five|ten|fifteen) (?:minutes?|mins?|blocks?) (?:from|away from)) (?:your|ur|her|his|their|the clerk's) (?:house|home|front door|back door|door|doorstep|porch|yard|lawn|driveway|street|garage|windows?|mailbox|gate|car|apartment)\b",
        ),
    ),
    Rule(
        "within_hours",
        "A time within the next hours",
        CONTEXT,
        0,
        (
            r"\b(?:tonight|just now|later today|this (?:afternoon|evening)|within (?:the|an|one|the next) (?:hour|few hours|couple (?:of )?hours)|by (?:lunch|lunchtime|tonight|noon|midnight|dark|sundown|sunset|(?:the )?end of (?:the day|today|business))|before (?:the day is (?:over|out|done)|(?:the )?end of (?:the )?day|dark|sundown|sunset|midnight|noon|lunch|tonight))\b",
            # "in 2 hours", "in 2hrs", "in 45 min", "in half an hour", "in a few minutes".
            r"\bin (?:an|one|two|three|four|five|six|a few|a couple(?: of)?|several|[1-9]|1[0-2]) ?(?:hours?|hrs?)\b|\bin (?:half an hour|an hour and a half)\b",
            r"\bin (?:\d{1,3}|a few|a couple(?: of)?|several|two|three|four|five|ten|fifteen|twenty|thirty|forty|forty-five|sixty) ?(?:minutes?|mins?)\b",
            r"\b\d+ minutes to\b",
            r"\bat (?:\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.|o'clock)?|noon|midnight) today\b",
            r"\bsee (?:you|u) at (?:\d{1,2}(?::\d{2})?|noon|midnight)\b(?!\s?(?:am|pm|a\.m\.|p\.m\.|o'clock)?\s?(?:tomorrow|on |next))",
            # "Today" for what is coming, not for what happened ("a man came in today"): after a future in the
            # same sentence ("i'm going to kill you today"), or as the day of it ("today is the day").
            r"\b(?:will|'ll|going to|gonna|about to|coming|on (?:my|our) way|plan(?:ning)? to|intend to|shall|set to)\b[^.!?]{0,60}?\btoday\b|\btoday(?:'s| is) (?:the day|your last)\b|\btoday (?:you|u|she|he|they) (?:die|dies|pay|pays|hang|hangs)\b",
        ),
    ),
    Rule(
        "home_family_knowledge",
        "Knows the home, family or routine",
        CONDUCT,
        3,
        (
            r"\b(?:know|found|have) (?:where|what) (?:you|u|ya) (?:live|sleep|drive|park)\b",
            r"\bwhere (?:you|u|ya|she|he) lives?\b",
            r"\b(?:street|house|road|block|neighborhood|cul-de-sac) you live (?:on|in|at)\b",
            # Where the kids go, the street, the driveway: knowing them, not merely naming them. "Your family"
            # or "your house" alone is a mention (home_family_mention), kind or not.
            r"\b(?:know|knows|knew|found out|found|have) (?:(?:where|what school|which school|when|that) )?(?:your|ur|her|his) (?:kids?|children|son|daughter|wife|husband|family|grandkids?|grandchildren) (?:go|goes|live|lives|play|plays|walk|walks|work|works|sleep|sleeps|attend|attends|get off|gets off|ride|rides|take|takes|leave|leaves|drive|drives)\b",
            r"\byour (?:street|address|home address|driveway|front door|back door|bedroom window)\b",
            r"\b(?:her|his) (?:kids?|children|son|daughter|husband|wife|family) (?:\w+ )?(?:go|goes|at|walks?|school)\b",
            r"(?:\b(?:she|he|they|the clerk|the \w+)|\[(?:worker|family)-\d+\]|\[name\]) (?:still )?lives? (?:on|by|near|at) (?:the )?[a-z]+\b",
            # Told by whoever took it down: "he said he knows where I live", "they know where my kids go".
            r"\b(?:(?:said|says|told (?:me|us|her|him|staff)|claims|claimed|wrote|texted|posted)(?: that)? (?:he|she|they|we|it)|(?:the )?caller|someone|somebody|the sender) (?:knows?|knew|found out|found) where (?:i|we|my \w+|our \w+) (?:live|lives|sleep|sleeps|go|goes|work|works|park|parks)\b",
            r"\b(?:we|i|they) know (?:what|which) (?:car|truck|vehicle|kind of car|van|suv) (?:you|u|she|he) (?:drive|drives|park|parks)\b",
            # An address posted for others to see: "they posted my address on facebook".
            rf"{_POSTED_WHOSE} (?:home |house |personal |private )?address(?:es)?\b{_NOT_TO_AUTHORITIES}",
            r"\b(?:sabemos|s[eé]|sabe|saben) d[oó]nde (?:vives|vive|viven|duermes|estudian|van a la escuela|juegan)\b",
            r"\bhome address(?:es)?\b",
            r"\b(?:your|her|his) (?:mom|mother|dad|father|parents)'?s? (?:place|house|home)\b",
            r"\b(?:photo(?:graph)?|picture) of (?:the clerk's|her|his|your) (?:house|home|car)\b",
            r"\byou live at\b",
            r"\b(?:school|day ?care|bus stop)\b.{0,30}\b(?:your|her|his) (?:kids?|children|son|daughter)\b",
            r"\[(?:worker|family)-\d+ address\]",
            r"\[family-\d+\]",
            r"\b(?:where|when) (?:you|u|she|he) (?:smoke|park|jog|run|walk (?:your|her|his) dog|eat lunch|take (?:your|her|his) (?:break|lunch)|get coffee|pick up (?:your|her|his) (?:kids?|children|son|daughter)|work out|go to church)\b",
            r"\b(?:found|know|have) (?:your|ur|her|his) (?:mom|mother|dad|father|parents|sister|brother|grandma|grandmother)'?s? (?:place|house|home|address)\b",
        ),
    ),
    Rule(
        "doxxing",
        "Publishes personal information",
        CONDUCT,
        2,
        (
            r"\b(?:here(?:'s| is)|posting|sharing|this is) (?:her|his|their) (?:home |personal |cell )?(?:address|phone|number|info)\b",
            # Not a speech: "his address is 10 minutes long", "her address is scheduled for 7 pm".
            r"\b(?:her|his) (?:home )?address is\b(?! (?:\d+ (?:minutes?|mins?|hours?|seconds?|pages?)|scheduled|expected|set|planned|at \d|tonight|tomorrow|today)\b)",
            r"\bhere(?:'s| is) where (?:she|he|they) lives?\b",
            r"\bdox(?:x)?(?:ed|ing)?\b",
            r"\bcall (?:her|him) (?:at|on) (?:home|her cell|his cell)\b",
            # A worker's number or address itself, as written or as the redacted copy has it.
            # A number that is a phone ("602-555-0143"), an address that is a street ("1423 elm"), not
            # "her number is 3 on the ballot" or "their address is 2 hours away".
            rf"\b(?:her|his|their) (?:home |personal |private |cell |mobile )?(?:(?:cell|phone|mobile|number|cell number|phone number)(?: number)? is:? \(?\d{{3}}\)?[ .-]?\d{{3}}|address is:? {_HOUSE_NUMBER}|(?:cell|phone|mobile|number|cell number|phone number|address)(?: number)? is:? \[(?:(?:worker|family)-\d+ )?(?:phone|address)\])",
            r"(?:\b(?:her|his|their)|\[(?:worker|family)-\d+\](?:'s|')?) (?:home |personal |private |cell |mobile )?(?:cell|phone|mobile|number|cell number|phone number|address|home address)(?: is)?:? \[(?:phone|address)\]",
            rf"(?:\b(?:she|he|they)|\[(?:worker|family)-\d+\]) (?:still )?lives? (?:at|on) (?:\[address\]|{_HOUSE_NUMBER})",
            # Told as what happened: "they posted my address on facebook", "someone leaked the clerk's cell number";
            # not one's own ("i shared my address with the registrar") nor a report to the police.
            rf"{_POSTED_WHOSE} (?:home |house |personal |private |cell |mobile |phone |email )*(?:address(?:es)?|phone(?: number)?|number|cell(?: number)?|info(?:rmation)?|details)\b{_NOT_TO_AUTHORITIES}",
            # "Here's the clerk's address: ..." (not an office's, a county's or a campaign's).
            r"\bhere(?:'s| is) (?!(?:the )?(?:office|county|city|state|department|campaign|committee|board|party|website|court|library|church|school|company)'s)(?:the )?[\w-]+'s (?:home |personal |cell )?(?:address|phone|number|info)\b",
        ),
    ),
    Rule(
        "approach",
        "Approached in person",
        CONDUCT,
        3,
        (
            r"\b(?:showed up|came|turned up|was waiting|waited|were waiting|loitering|lurking|parked) (?:\w+ ){0,3}(?:at|outside|near|in front of|by) (?:her|his|my|the|their|our) (?:house|home|office|door|car|driveway|polling place|building|parking lot|counting center)",
            r"\bfollowed (?:her|him|me|them|staff|the \w+) (?:home|to|from|out|into|across)",
            r"\bknocked on (?:her|his|my|the) door\b",
            r"\b(?:confronted|cornered|blocked) (?:her|him|me|staff|a poll worker|the \w+)\b",
            r"\b(?:refused to|refuses to|refusing to|would not|wouldn't|won't|will not) leave\b(?=[.,!;]|$| (?:the|my|her|his|our) (?:counter|office|lobby|building|property|porch|house|desk|table))",
            r"\b(?:being|is being|was being) followed\b|\btailgat",
            r"\b(?:trying|tried) (?:the )?door(?:s| handles)?\b|\bstaff-only\b",
            r"\bi(?:'m| am) in (?:the|your) (?:stairwell|parking lot|lot|lobby|building)\b",
            r"\bnext time i(?:'ll| will) say hi\b",
            rf"\b{_PERSON} (?:was|were|is|are|'s|'re|has been|have been|had been|kept|keeps|came|comes|showed up|turned up|appeared|sat|sits|stood|stands|parked|waited|waits|lingered|hung around|circled|drove up|walked up|is sitting|was sitting|is standing|was standing|was parked|is parked|came back) (?:(?!(?:going|gonna|about|planning|plans|want|wants|wanted|threatening|threatened|promising|promised|would|will|to)\b)\w+ ){{0,3}}?(?:outside|at|in front of|across from|across the street from|near|by|around|in|on|up to|to|into) {_WHOSE} {_PRIVATE_PLACE}\b",
            rf"\b(?:i'm|im|i am|we're|we are)(?: right| standing| sitting| parked| waiting| hiding| already)? (?:outside|in front of|across (?:the street )?from|at|by|near|in) {_WHOSE} {_PRIVATE_PLACE}\b",
            # Minutes off or down the street from a worker's home or car: "i'm 5 minutes from your house".
            r"\b(?:i'm|im|i am|we're|we are)(?: only| just| already| almost| parked| sitting| standing| waiting)? (?:(?:\d+|a few|a couple of|two|three|five|ten|fifteen) (?:minutes?|mins?|blocks?) (?:from|away from)|down the street from|around the corner from|up the street from|almost at|nearly at) (?:your|ur|her|his|their|the clerk's) (?:house|home|front door|door|doorstep|porch|yard|driveway|street|garage|car|apartment|office|work|building|kids' school|children's school)\b",
            rf"\b(?:i'm|im|i am|we're|we are)(?: right| standing| sitting| parked)? (?:outside|in front of|across (?:the street )?from) {_STREET_ADDRESS}{_NOT_ASSEMBLY}",
            rf"\b(?:i'm|im|i am|we're|we are)(?: right| standing| sitting| parked)? (?:outside|in front of|across (?:the street )?from) (?:your|ur|the) (?:office|precinct|polling place|building|work|count|counting center)\b{_NOT_ASSEMBLY}",
            rf"\b{_PERSON} (?:is|are|was|were|'s|'re|came) back(?: again)?(?= with| and| at the| outside|[.,!;]|$)",
            r"\bsurround(?:ed|ing) (?:her|him|me|us|staff|the (?:clerk|table|check-in|desk|poll workers?|workers|volunteers|car|entrance|door)|a poll worker|poll workers|workers)\b",
            rf"\b(?:rang|ringing|rings|banged on|banging on|pounded on|pounding on|knocking on|tried|trying|rattled|rattling|jiggled) {_WHOSE} (?:doorbell|door|front door|back door|windows?|gate|door ?handle)\b",
            rf"\b(?:looking|looked|peering|peered|staring|stared) (?:in|into|through) {_WHOSE} windows?\b",
            r"\b(?:tailed|trailed|stalked|stalking|stalks) (?:me|her|him|us|them|our|the clerk|a poll worker|staff)\b",
            r"\bfollow(?:ed|ing|s) (?:me|her|him|us|them) (?:\w+ ){0,2}(?:home|all the way|around|for (?:miles|blocks|\w+ (?:miles|blocks|minutes)))\b",
        ),
    ),
    Rule(
        "surveillance",
        "Watching or probing",
        CONDUCT,
        3,
        (
            r"\b(?:photograph(?:ed|ing)|filming|filmed|taking (?:pictures|photos|video)|took (?:pictures|photos))\b(?! (?:himself|herself|themselves)).{0,40}\b(?:staff|workers?|cars?|license plates?|plates|employees|the clerk|her|him|entrance)\b",
            r"\b(?:asked|asking) (?:\w+ ){0,4}(?:which car|what time (?:she|he)|whether (?:she|he) (?:walks|drives|still))",
            r"\b(?:i've|i have) been watching (?:you|u)\b|\byou leave at \d",
            r"\b(?:drive|drove|walk|walked) (?:past|by) (?:your|her|his) (?:house|home)\b",
            r"\bplate numbers? included\b",
            r"\bask(?:ed|ing) (?:\w+ ){0,3}(?:when|what time) (?:she|he|the clerk|staff|they) (?:leaves?|gets? off|arrives?|goes home)",
            r"\bask(?:ed|ing) about (?:her|his|staff|their) (?:schedule|routine|home)",
            r"\bdrove (?:by|past) (?:her|his|my|the clerk's) (?:house|home)\b",
            r"\bwrote down (?:license )?plates?\b",
            rf"\b(?:a|an|the|same|that) (?:\w+ )?(?:car|truck|van|suv|vehicle|sedan|pickup) (?:\w+ ){{0,4}}?(?:outside|in front of|across from|across the street from|down the street from|near|behind) {_WHOSE} (?:{_PRIVATE_PLACE}|office)\b",
            r"\b(?:car|truck|van|suv|someone|somebody) (?:\w+ ){0,2}(?:followed|following|tailing|tailed) (?:me|her|him|us)\b",
            r"\b(?:i|we) (?:can )?see (?:you|u) (?:through|from|in your|at your|right now|sitting)\b|\b(?:i'm|im|i am) watching (?:you|u) (?:right now|through|from)\b",
            # Told by whoever was watched: "he said he was watching me through the window".
            r"\b(?:i've been|i have been|he's|he is|he was|he has been|she's|she is|she was|she has been|they're|they are|they were|they have been|they've been|someone is|someone was|somebody is|somebody was|someone's been) watching (?:you|u|me|her|him|us|them|the clerk|(?:my|our|her|his|your|the clerk's) (?:house|home|kids?|children|family|car))(?: (?:from|through) (?:the|my|our|her|his|your|a|their) (?:\w+ )?(?:window|windows|door|car|truck|van|street|road|parking lot|lot|bushes|fence|yard|driveway)| right now| (?:every|each) (?:day|night|morning)| all (?:day|night)| for (?:days|weeks|hours)| when (?:i|you|she|he) (?:leave|leaves|get|gets))\b",
            r"\blook out (?:your|ur|the) (?:\w+ )?window\b",
            r"\bi know you(?:'re| are) (?:home )?alone\b",
            r"\bsaw (?:you|u|her|him) (?:leave|leaving|walk|walking|get|getting|park|parking|pull|pulling) (?:\w+ ){0,3}(?:home|house|driveway|garage)\b",
            r"\byou (?:leave|left|get home|got home|arrive|arrived|park|parked|pull in|pulled in|walk|walked) (?:\w+ ){0,3}at \d",
            r"\b(?:photos?|pictures?|pics|video|footage|photographs?) (?:\w+ ){0,2}of (?:your|ur|her|his|their|the clerk's) (?:house|home|front door|driveway|car|kids?|children|son|daughter|family)\b",
            r"\bdrone (?:\w+ ){0,3}(?:over|above|outside) (?:my|our|her|his|their|your) (?:house|home|yard)\b",
            r"\bask(?:ed|ing|s) (?:\w+ ){0,6}?(?:whether|if|where|which|when|what time) (?:her|his|the clerk's|your|ur|she|he) (?:\w+ ){0,2}(?:lives?|kids?|children|son|daughter|school|house|home|car|parks?|leaves?|walks?|drives?|gets? off|schedule|route)\b",
        ),
    ),
    Rule(
        "planning",
        "Research, planning or preparation",
        CONDUCT,
        3,
        (
            r"\b(?:bought|buying|purchased) (?:a |an |more )?(?:gun|rifle|ammo|ammunition|rope|body armor|fertilizer)\b",
            r"\b(?:floor plan|map of the (?:office|building|center)|security schedule|how many guards|which (?:entrance|door) (?:staff|she|he) uses?)\b",
            r"\b(?:metal detectors?|how close (?:the public|people|anyone) can get)\b",
            r"\blist of (?:every|all) (?:election )?workers?'?s? (?:home )?address",
            r"\b(?:know|knows|studied|mapped|learned|memorized|scouted|cased) (?:the|your|its|their|her|his) (?:layout|floor plan|exits|entrances|security|guards|camera|cameras|routine|schedule|route)\b",
            r"\b(?:i've|i have|we've|we have) been (?:inside|in there|in your (?:office|building|house|home))\b",
            r"\b(?:gas|gasoline|rope|ammo|guns?|rifles?|explosives?|fertilizer|zip ties|duct tape)(?: can)? (?:is|are) (?:in the (?:trunk|truck|car|van)|loaded|ready|packed)\b",
            r"\b(?:loaded|packed) (?:up )?(?:the|my|our) (?:car|truck|van|trunk)\b.{0,30}\b(?:guns?|rifles?|ammo|gas|rope)\b",
        ),
    ),
    Rule(
        "threat_to_family",
        "Threat to family or children",
        WORDS,
        2,
        (
            # "Your kids ... will pay", unless a negation comes first ("your family? i would never hurt them").
            r"\b(?:your|her|his) (?:kids?|children|son|daughter|wife|husband|family|grandkids?)\b(?:(?!\b(?:never|not|no one|nobody)\b|n't\b).){0,60}?\b(?:hurt|die|pay|kill|watch out|accident|disappear|next)\b",
            # Safe only when denied: "your kids won't be safe", not "i hope your family is safe".
            r"\b(?:your|her|his) (?:kids?|children|son|daughter|wife|husband|family|grandkids?)\b[^.!?]{0,40}?\b(?:won't|will not|wont|isn't|is not|aren't|are not|ain't|not|never|no longer) (?:\w+ )?(?:be |feel |stay |going to be |gonna be )?safe\b",
            r"(?<!never )(?<!not )(?<!n't )(?<!nt )\b(?:hurt|kill|get|take) (?:your|her|his) (?:kids?|children|son|daughter|wife|husband|family)\b",
            # "I'll kill you and your family", "burn your house down with your kids in it".
            rf"(?<!never )(?<!not )(?<!n't )(?<!nt )\b{_HARM_ANY} (?:you|u|her|him) and (?:your|ur|her|his) (?:whole )?(?:kids?|children|son|daughter|wife|husband|family|grandkids?)\b",
        ),
    ),
    Rule(
        "home_family_mention",
        "Mentions the home or family",
        CONTEXT,
        0,
        (
            r"\b(?:your|ur) (?:house|home|neighborhood|neighbourhood|kids?|children|son|daughter|wife|husband|family|grandkids?|grandchildren|mother|father|mom|dad|parents)\b",
        ),
    ),
    Rule(
        "warrior_framing",
        "Warrior or militia framing",
        WORDS,
        2,
        (
            r"\bmilitia\b",
            r"\bcivil war\b",
            r"\b1776\b",
            r"\btake up arms\b",
            r"\bsecond amendment solution\b",
            r"\bboots on the ground\b",
        ),
    ),
    Rule(
        "last_resort",
        "Last resort or call to action",
        WORDS,
        2,
        (
            r"\bnothing (?:left )?to lose\b",
            r"\btime for action\b",
            r"\bno other (?:choice|option|way)\b",
            r"\btime for talk(?:ing)? is over\b|\b(?:i'm|im|i am|we're|we are) (?:done|through|finished) (?:talking|asking|being nice|playing nice)\b(?! (?:about|to|with|for|on)\b)",
        ),
    ),
    Rule(
        "fixation_markers",
        "Fixation (inappropriate correspondence)",
        CONDUCT,
        2,
        (
            r"\b(?:my|this is my) (?:\d+(?:st|nd|rd|th)?|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|twentieth|\w+teenth) (?:letter|email|message|call|time)\b",
            r"\bi(?:'ve| have) (?:written|called|emailed) (?:you )?(?:\d+|dozens of|many|so many|countless|several) times\b",
            r"\byou owe me\b",
            r"\b(?:destined|meant to be|our (?:special )?(?:bond|connection|relationship))\b",
            r"\bi (?:will|'ll) (?:keep|never stop) (?:writing|calling|coming)\b",
            r"\bi saw (?:you|u) (?:at|in|leaving|with)\b",
        ),
    ),
    Rule(
        "repeated_contact",
        "Repeated contact",
        CONDUCT,
        1,
        (
            r"\bcalled (?:\d+|two|three|four|five|six|several|many|multiple) times\b",
            r"\bkeeps? (?:calling|emailing|messaging|writing|coming back)\b",
            r"\b(?:new|another|second) account after (?:being )?blocked\b",
            r"\b(?:called|rang|calls?|messaged|emailed|texted|messages|emails|texts) (?:\w+ ){0,4}?(?:\d+\+?|dozens of|many|several|multiple|countless) times\b",
            r"\b(?:\d{2,}\+?|dozens|hundreds) (?:of )?(?:calls|emails|messages|texts|voicemails|hang-?ups)\b",
        ),
    ),
    Rule(
        "suspicious_mail",
        "Suspicious mail or substance",
        CONDUCT,
        3,
        (
            r"\b(?:white |unknown |suspicious )?(?:powder|powdery|substance|residue)\b(?! (?:keg|room|rooms|coat|coated|coating|blue|puffs?|sugar|milk|detergent|foundation|makeup|abuse|use|misuse)\b)",
            r"\bwhite (?:stuff|dust|granules|crystals|particles|flakes)\b|\b(?:granules|crystals|dust) (?:fell|came|spilled|poured|leaked)\b",
            # What the mail says it holds: 'this is anthrax', 'the envelope said it contained fentanyl'; not a
            # letter about the fentanyl crisis.
            r"\b(?:contained|contains|containing|laced with|full of|filled with|tainted with|dusted with) (?:some |real |pure |a |an )?(?:\w+ )?(?:anthrax|ricin|fentanyl|carfentanil|sarin|cyanide|poison|toxins?|nerve agent)\b(?! (?:crisis|statistics|epidemic|deaths|overdoses?|policy|problem|trafficking|traffickers|dealers|laws?|bills?|awareness|education|prevention|provisions|penalties|sentencing|legislation|funding|measures|reform|test|tests|testing|strips|country|is killing|kills)\b)",
            r"\b(?:letter|envelope|package|parcel|card|note|box|mailer)\b[^.!?]{0,40}?\b(?:said|says|claimed|claims|stated|read|reads|labeled|labelled|marked)(?: that)? (?:it|this|there) (?:is|was|contains|contained|has|had|holds|held)(?: (?:some|real|pure|a|an))? (?:anthrax|ricin|fentanyl|carfentanil|sarin|cyanide|poison|toxins?|nerve agent)\b(?! (?:crisis|statistics|epidemic|deaths|overdoses?|policy|problem|trafficking|traffickers|dealers|laws?|bills?|awareness|education|prevention|provisions|penalties|sentencing|legislation|funding|measures|reform|test|tests|testing|strips|country|is killing|kills)\b)",
            r"\bthis is (?:real )?(?:anthrax|ricin|fentanyl|carfentanil|sarin|cyanide)\b(?! (?:crisis|statistics|epidemic|deaths|overdoses?|policy|problem|trafficking|traffickers|dealers|laws?|bills?|awareness|education|prevention|provisions|penalties|sentencing|legislation|funding|measures|reform|test|tests|testing|strips|country|is killing|kills)\b)|\b(?:anthrax|ricin|fentanyl|carfentanil|poison|toxin)s? (?:in|inside) (?:the|this|your|that) (?:letter|envelope|package|parcel|card|mail|box)\b|\byou(?:'ve| have) (?:just )?been (?:exposed|poisoned)\b(?! (?:as|for|by)\b)",
            r"\bno return address\b",
            # A letter or package that made someone unwell, whatever was in it: "i handled the envelope and
            # now my hands are tingling", "she felt dizzy after opening the package".
            rf"\b(?:opened|opening|touched|touching|handled|handling)\b[^.!?]{{0,40}}\b(?:letter|envelope|package|parcel|mail|card|box)\b.{{0,80}}?\b{_SYMPTOM}\b|\b{_SYMPTOM}\b[^.!?]{{0,40}}\b(?:after|since|from) (?:opening|touching|handling) (?:a|the|an|that|this) (?:\w+ )?(?:letter|envelope|package|parcel|mail|card|box)\b",
            r"\b(?:excessive|lots of) (?:tape|postage)\b",
            r"\b(?:leaking|oily stain|stained) (?:envelope|package)\b",
        ),
    ),
    Rule(
        "exposure",
        "Exposure to a substance",
        CONTEXT,
        0,
        (
            r"\b(?:opened|spilled|came out|fell out|poured out|leaked|got (?:it )?on)\b.{0,40}\b(?:powder|substance|hands?|skin|desk|stuff|face|clothes)\b",
            # Touched or breathed in: not "touched base" or "touched on the topic", nor handled with gloves.
            r"\b(?:touched|handled|touching|handling|inhaled|breathed in|sniffed)\b(?! (?:base|on|upon|up)\b)(?![^.!?]{0,30}\bgloves?\b)",
            # Symptoms after opening or touching something.
            rf"\b{_SYMPTOM}\b",
        ),
    ),
    Rule(
        "hoax_swatting",
        "Bomb threat, hoax or swatting",
        CONDUCT,
        3,
        (
            rf"{_A_REAL_BOMB}(?:\w+ )?(?:in|at|inside|under|planted|placed|will go off)\b",
            rf"{_A_REAL_BOMB}(?:\w+ )?(?:goes|go|going to go|gonna go|will go|is set to go|set to go|is going|are going|'s going|'re going) off\b",
            # "I will bomb your office", "we're going to blow up the count".
            rf"{_I_WILL}(?:bomb|firebomb|blow up) (?:(?:you|u)\b(?! with)|(?:{_POSS}|the|this|that|every) (?:[\w'-]+ ){{0,2}}?{_BOMBED_PLACE}\b)",
            r"\b(?:planted|placed|hidden) (?:a |an )?(?:bomb|device|explosives?)\b",
            # A bomb threat told as what happened: "someone called in a bomb threat", "we got a bomb threat";
            # not the checklist, the drill or the training.
            r"\b(?:called in|phoned in|calls? in|calling in|phone in|emailed|made|sent|received|got|had|have had|has had|there was|there's been|there has been|(?:evacuated|closed|cleared) (?:[\w'-]+ ){0,4}?(?:after|for|over|because of|due to)) (?:a |an |another |two |three |several |multiple |more )?(?:\w+ )?bomb threats?\b(?! (?:checklist|drill|training|form|procedures?|protocol|plan|policy|guidance|card|template|poster|response)\b)",
            # "A device will detonate in the tabulation room"; not turnout or a budget that will explode.
            rf"(?:{_A_REAL_BOMB}|\b(?:device|ied|package) )(?:[\w'-]+ ){{0,2}}?(?:will|'ll|is going to|are going to|gonna|is set to|are set to|set to|is about to|are about to|about to|timed to|rigged to) (?:detonate|explode|go off)\b",
            # What a bomb looks or sounds like: "a package with wires sticking out", "it's ticking".
            r"\b(?:package|box|parcel|envelope|bag|backpack|device|pipe|container|mailer|suitcase)\b(?<!ballot box)(?<!drop box)(?<!mail box)(?<!power box)(?<!fuse box)(?<!junction box)(?<!breaker box)(?<!electrical box)[^.!?]{0,60}?\b(?:wires? (?:sticking|hanging|coming|poking|protruding) out|(?:exposed|protruding) wires?|wires? and (?:a )?(?:timer|battery)|(?:it's|it is|it was|it's still|it is still|it kept|it started|that was|which was) (?:ticking|beeping)|(?:ticking|beeping) (?:sound|noise)|a timer attached)\b|\b(?:package|box|parcel|envelope|bag|backpack|device|suitcase)(?<!ballot box)(?<!drop box)(?: [\w'-]+){0,4}? (?:is|was|kept|started) (?:still )?(?:ticking|beeping)\b",
            r"\b(?:ticking|beeping) (?:sound|noise) (?:from|in|inside|coming from) (?:a|the|this) (?:package|box|parcel|bag|backpack|envelope)\b|\bwires? (?:sticking|hanging|coming|poking|protruding) out of (?:a|the|this) (?:package|box|parcel|envelope|bag|backpack)\b",
            # A false emergency told as what happened: "someone called in a fake hostage situation", "the sheriff
            # got a call that there was a shooting at my house".
            r"\b(?:called in|phoned in|reported|made up|claimed|claiming|saying|a call about) (?:a |an )?(?:fake|false|made-up|bogus|hoax|phony|fictitious) (?:hostage|shooting|murder|bomb|emergency|stabbing|kidnapping|domestic|home invasion|active shooter)\b|\b(?:fake|false|made-up|bogus|hoax|phony) (?:hostage|shooting|active shooter|home invasion|kidnapping) (?:situation|call|report|incident)s?\b",
            r"\b(?:police|cops|officers|deputies|sheriff(?:'s office)?|911|dispatch(?:ers?)?) (?:\w+ ){0,2}?(?:got|received|responded to|were sent|was sent|took|had) (?:a |an )?(?:\w+ )?(?:call|report|tip)s? (?:that|saying|claiming|about) (?:there (?:was|were|is|had been) )?(?:a |an )?(?:shooting|hostage|bomb|murder|dead body|body|stabbing|gunman|shots fired|someone (?:shot|dead|killed))\b[^.!?]{0,40}?\b(?:at|in|inside) (?:(?:my|our|her|his|their|your|the clerk's|a worker's|the \w+'s|\[(?:worker|family)-\d+\](?:'s)?|\[name\](?:'s)?) ?(?:house|home|address|apartment|place)|\[address\])\b",
            r"\bswat(?:ted|ting)?\b",
            r"\b(?:police|officers|swat team) (?:showed up|arrived|surrounded|raided)\b.{0,40}\b(?:house|home)\b",
            # A false call to the police about someone, made or promised: "police got a fake call saying
            # there was a shooting at her home", "someone made a hoax 911 call about the clerk's address",
            # "i'll call the cops and say you have hostages"; not the news about prank calls, nor a call
            # about real danger ("i will call 911 if someone is shot").
            rf"\b(?:police|cops|officers|deputies|sheriff(?:'s office)?|911|dispatch(?:ers?)?)\b.{{0,40}}\b{_FALSE_CALL}{_ABOUT_SOMEONE}|\b(?:fake|false|hoax|prank|bogus) (?:911|emergency) calls?\b{_ABOUT_SOMEONE}",
            rf"\b(?:{_PERSON}|caller|(?:a|the) caller) (?:has |had |just |also |then )?(?:made|placed|called in|phoned in) (?:a|an|another|two|three|several|more) {_FALSE_CALL}",
            r"\b(?:i'll|i will|i'm going to|im going to|i'm gonna|im gonna|we'll|we will|we're going to|gonna|(?:he|she|they)(?:'ll| will| would|'d| is going to|'s going to| was going to)) (?:call|phone) (?:the )?(?:cops|police|911|swat)\b(?=(?:(?!\b(?:if|when|whenever|unless|in case)\b)[^.!?]){0,60}?\b(?:you|your|ur|u|her|his|she|he|the clerk(?:'s)?|\[worker-\d+\](?:'s)?)(?![\w-]))(?:(?!\b(?:if|when|whenever|unless|in case)\b)[^.!?]){0,50}\b(?:hostages?|shooting|shot|bomb|killed|murder(?:ed)?|dead bod(?:y|ies))\b",
        ),
    ),
    Rule(
        "grievance",
        "Grievance about the election",
        WORDS,
        0,
        (r"\bstolen\b", r"\brigged\b", r"\btreason\b", r"\btraitors?\b", r"\bfraud(?:ulent)?\b", r"\bcheat(?:ed|ers|ing)?\b"),
    ),
    Rule(
        "announced_approach",
        "Says they will come in person",
        CONDUCT,
        2,
        (
            rf"\b(?:i'll|i will|we'll|we will|i'm|im|i am) (?:be (?:there|waiting|by|at\b)|see (?:you|u)\b|find (?:you|u)|coming (?:up|in|for you|to your)|come (?:back|to your|by your)){_LAWFUL_VISIT}",
            rf"\bsee (?:you|u) (?:at|when|after|tonight|tomorrow|soon)\b{_LAWFUL_VISIT}",
            rf"{_SAID_THEY_WOULD}(?:come back|be back|return|be waiting|find (?:her|him|them|you)|come (?:to|by) (?:her|his|their|your|my|our) (?:house|home))\b{_LAWFUL_VISIT}",
            r"\b(?:coming|heading|headed|on (?:my|our) way) (?:up|in|over|inside|to (?:you|u|your|ur|her|his))\b(?! (?:to|for) (?:vote|the meeting|the hearing))",
            r"\b(?:coming|going) (?:down )?to (?:the|your) (?:polls?|office|house|home|count|canvass|precinct)\b",
            r"\bfollowed (?:u|you) home\b",
            # Going to fetch a gun and come back, or promising to bring one: "he'd go get his rifle and come back".
            rf"\b(?:go|goes|going|went|gone|run|ran|head(?:ed|ing)?|walk(?:ed|ing)?)(?: back| out| over| home)? (?:to (?:his|her|their|my|our|the) (?:\w+ )?(?:truck|car|van|house|home|trunk|vehicle|place) )?(?:to |and )?(?:get|grab|fetch|getting|grabbing|fetching) (?:his|her|their|my|our|a|the|some|an) (?:\w+ )?{_GUN}\b{_NOT_A_WEAPON}",
            rf"\b(?:come|comes|coming|be) back (?:\w+ ){{0,3}}?with (?:[\w'-]+ ){{0,4}}?(?:his|her|their|my|our|a|an|some|the) (?:\w+ )?{_GUN}\b{_NOT_A_WEAPON}",
            rf"(?:\b(?:i'll|i will|we'll|we will|i'm|im|i am|we're|we are|he's|he is|she's|she is|they're|they are|he'll|she'll|they'll)(?: gonna| going to)? |(?:^|(?<=[.!?] )))(?:bring|bringing) (?:my|our|a|an|the|his|her|their|some) (?:\w+ )?{_GUN}\b{_NOT_A_WEAPON} (?:to|into|down to|over to|in to|inside) (?:your|ur|the|her|his|their|that|this) {_NOT_A_RANGE}",
        ),
    ),
    Rule(
        "attack",
        "An attack or weapon in person, under way",
        CONDUCT,
        3,
        (
            r"\b(?:pulled out|waving|brandish(?:ed|ing)|pointing|showed|show(?:ing)?|pulled (?:his|her) jacket back to show) (?:a |his |her )?(?:knife|gun|pistol|handgun|weapon|rifle)\b",
            # "pointed a gun at the poll worker", "pulled a knife on her": a weapon turned on someone.
            rf"\b(?:pointed|pointing|aimed|aiming|drew|drawn|pulled) (?:a |an |his |her |their )?(?:\w+ )?{_WEAPON} (?:at|on) (?:her|him|me|us|them|you|staff|people|voters|{_ONE_OF_US})\b",
            # Something or someone burning: "the drop box is on fire", "the office is in flames"; not "the
            # printers are on fire today" nor "fanning the flames of distrust".
            r"\brammed\b|\bset (?!the (?:world|internet|stage|dance floor|record) )(?:\w+ ){0,4}on fire\b|\bflames (?:are |were )?(?:coming|shooting|pouring|rising|on|from|in)\b|\b(?:saw|see|seeing) flames\b|\bin flames\b",
            rf"\b(?:(?:the|a|an|our|my|her|his|their|your) (?:\w+ )?(?:building|office|house|home|car|truck|van|drop ?box|ballot box|box|tent|door|room|annex|precinct|polling place|site|warehouse|garage|trash can|dumpster|bin|mailbox|ballots|envelope|table|booth|window|porch|yard|lobby|hallway|man|woman|person|worker|volunteer|clerk|judge)|he|she|someone|somebody|{_ONE_OF_US})(?:'s| is| are| was| were) (?:now |still )?on fire\b",
            r"\b(?:punched|shoved|attacked|assaulted|hit) (?:her|him|a poll worker|a volunteer|staff|the \w+)\b|(?<!\bif )(?<!\bwhen )(?<!\bin case )(?<!\bunless )\b(?:someone|somebody|anyone|anybody|nobody|one|\w+) is hurt\b",
            r"\bknocked (?:\w+ ){0,3}(?:off|over)\b|\bspray-?painting\b",
            r"\bgot a gun\b|\bgun case\b",
            r"\b(?:grabbed|choked|kicked|slapped|spat on|spit on|pushed|tackled|headbutted|elbowed|bit|punched) (?:her|him|me|us|a poll worker|a volunteer|a worker|staff|the (?:clerk|poll worker|volunteer|worker|judge))\b",
            r"\bthrew (?:\w+ ){0,3}(?:at|through) (?:her|him|me|us|the (?:clerk|window|door)|a poll worker|our window|my window)\b",
        ),
    ),
    Rule(
        "abuse",
        "Insults or abuse",
        WORDS,
        1,
        (
            r"\b(?:idiots?|morons?|scum|crooks?|liars?|pathetic|losers?|garbage|trash|worthless|piece of|bitch|whore|pigs?|stupid|dumb(?:est)?|ugly|fat|cow|witch|freak|communists?|marxists?|groomers?|pedophiles?|senile|filthy|c\*\*t|fraudsters|dykes?|fag(?:got)?s?|trann(?:y|ies)|retard(?:ed|s)?|wetbacks?|kikes?|chinks?|spics?|towelheads?)\b",
            r"\b(?:you|u|ya|she|he|y'all)(?:'re| are| r|'s| is| were| was)? (?:a |an |such an? |an absolute |a total |a complete )?(?:joke|disgrace|clowns?)\b",
            r"\b(?:rot|burn|go) (?:in|to) hell\b|\bhope (?:you|u|she|he) (?:die|dies|rots?|burns?|gets? cancer)\b|\bdrop dead\b",
            r"\bmake (?:her|him|them) famous\b|\bshare,? share\b|\bflood (?:her|his|their|the clerk's) (?:inbox|phone|lines?|voicemail)\b",
            r"\bgo (?:back to|count votes in) [a-z]|\banchor baby\b|\bforeigner\b",
            r"\bf+u+c+k+|\bs+h+i+t+\b|\bdamn you\b",
        ),
    ),
    Rule(
        "hyperbole",
        "Hyperbole or figure of speech (mitigator)",
        CONTEXT,
        0,
        (
            r"\bkilling (?:democracy|our democracy|the country|america|us|me|voters|our rights|the vote|election integrity)\b",
            r"\b(?:lol|lmao|jk|/s|just kidding|figure of speech|metaphorically)\b",
            r"\b(?:bored|scared|worried) to death\b",
            r"\bdying to\b",
            r"\b(?:kill|killing|killed) (?:it|time|the (?:bill|vibe|mood))\b|\bto die for\b|\bdead (?:tired|serious|wrong|last)\b|\bdie (?:laughing|of embarrassment)\b",
            r"\b(?:blow|blowing) up (?:your|ur|her|his|their|the) (?:phones?|inbox|lines|comments|mentions)\b|\bshoot (?:you|u|me|her|him) (?:an? )?(?:email|e-mail|text|message|note|line)\b",
            r"\b(?:metaphorically|figuratively|not literally|in a manner of speaking)\b",
        ),
    ),
)

THREATS = frozenset({"direct_threat", "conditional_threat", "veiled_threat", "incitement", "threat_to_family"})
BEHAVIOUR = frozenset({"approach", "surveillance", "planning", "suspicious_mail", "hoax_swatting", "attack"})
# Words that only matter next to a threat or a deed: a date, a gun club, a figure of speech.
SUPPORTING = frozenset({"time_place", "weapon_means", "imminent", "within_hours", "calendar_proximity"})
# Rules whose match is undone by a negation just before it ("no powder", "did not touch").
NEGATABLE = frozenset({"exposure", "suspicious_mail"})

# Threat types a reporter ticked, read as the indicator they stand for (the reporter saw what happened).
FROM_THREAT_TYPES: dict[str, str] = {
    "threat_violence": "direct_threat",
    "threat_sexual": "direct_threat",
    "threat_family": "threat_to_family",
    "doxxing": "doxxing",
    "stalking": "approach",
    "in_person_intimidation": "approach",
    "incitement": "incitement",
    "suspicious_mail": "suspicious_mail",
    "bomb_threat": "hoax_swatting",
    "swatting": "hoax_swatting",
    "identity_abuse": "abuse",
    "harassment": "abuse",
    "physical_assault": "approach",
}
# Channels that are themselves conduct: someone came in person, or sent a false emergency call.
FROM_CHANNELS: dict[str, str] = {
    "at_home": "approach",
    "emergency_call": "hoax_swatting",
}
IN_PERSON_CHANNELS = frozenset({"in_person_office", "in_person_voting_site", "in_person_count_site", "at_home"})
CALENDAR_PEAKS = frozenset({"early_voting", "election_day", "canvass", "certification", "recount_audit"})

# Every pattern of every rule, rule by rule in order: the engine and the prefilter count in these.
PATTERNS: tuple[tuple[Rule, re.Pattern[str]], ...] = tuple((rule, pattern) for rule in RULES for pattern in rule.compiled())
# The patterns run on the text as written, numbered after PATTERNS.
CASED: tuple[tuple[Rule, re.Pattern[str]], ...] = tuple((rule, pattern) for rule in RULES for pattern in rule.compiled_cased())
# Which of PATTERNS and CASED (by index) may match a lower-cased text; the others need no search.
PREFILTER = Prefilter(pattern for _rule, pattern in PATTERNS + CASED)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
