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

    def compiled(self, flags: int = 0) -> re.Pattern[str] | None:
        """Patterns are written in lower case and run on lower-cased text: much faster than
        IGNORECASE. `flags=re.IGNORECASE` is for the rare text whose length changes when
        lower-cased, where positions would no longer point into the original."""
        return re.compile("|".join(f"(?:{p})" for p in self.patterns), flags) if self.patterns else None


_YOU = (
    r"(?:you|ya|u|her|him|them|the clerk|the recorder|the registrar|election officials|poll workers|every one of you|all of you)"
)
_HARM = r"(?:kill|shoot|hang|stab|murder|hurt|beat|burn|strangle|lynch|execute|slaughter|gut|bury|end|get rid of|put a bullet in|slit|rape|take out|shoot up|blow up|put (?:you|her|him) down)"

RULES: tuple[Rule, ...] = (
    Rule(
        "direct_threat",
        "Direct threat of violence",
        WORDS,
        3,
        (
            rf"\b(?:i|we|i'm|we're|im)\s*(?:will|'ll|ll|am going to|are going to|gonna|going to|shall|intend to|plan to)\s+{_HARM}\s+{_YOU}",
            rf"\b(?:i|we)\s*(?:will|'ll|am going to|are going to|gonna)\s+(?:come|find|get)\s+(?:for\s+)?{_YOU}\b.{{0,40}}\b(?:kill|shoot|hang|hurt|gun|rope|bullet)",
            r"\byou(?:'re| are| will| 'll|'ll)?\s*(?:going to|gonna|will)?\s*(?:die|hang|be (?:shot|killed|hanged|hung|executed|dead))\b",
            r"\byou(?:'re| are) (?:a )?dead (?:man|woman)\b",
            r"\b(?:put|see) you in (?:the|a) (?:ground|grave|coffin|body bag)",
            r"\byou (?:will not|won't|wont) (?:live|survive|see)\b",
            r"\b(?:bullet|rope|noose) (?:with|for|has) your name",
            rf"\b(?:going to|gonna|will) {_HARM} (?:you|her|him) (?:and|when|if|at)\b",
            r"\byou(?:'re| are) (?:next|going to pay with your life)\b",
            r"\bhang for (?:treason|this)\b",
            rf"\b(?:i|we)(?:'m| am|'re| are)? ?(?:going to|gonna|will|'ll) (?:\w+ ){{0,3}}(?:and )?{_HARM}\b",
            r"\b(?:you(?:'ll| will)|she(?:'ll| will)|he(?:'ll| will)) be dead\b",
            r"\bwill be your last\b",
            r"\b(?:won't|will not|doesn't get to|don't get to) (?:see|finish|make it to|live to see) (?:\d|the morning|tomorrow|christmas|another|her|his|the end)",
            r"\bshoot (?:this|the) place up\b",
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
            r"\b(?:we|i) know where (?:you|your \w+)\b",
        ),
    ),
    Rule(
        "incitement",
        "Calls on others to harm",
        WORDS,
        2,
        (
            r"\b(?:someone|somebody|anyone|patriots?|people|we all) (?:should|needs? to|ought to|has to|must)\s+(?:\w+\s+){0,3}(?:kill|shoot|hang|hurt|take care of|deal with|visit|string|lynch|take (?:her|him|them) out)",
            r"\bstring (?:her|him|them|these \w+) up\b",
            r"\bhang (?:them|'em|every one of them|them all)\b",
            r"\bround (?:them|'em) up\b",
            r"\bwho(?:'s| is) with me\b",
            r"\bgo (?:pay (?:her|him|them) a visit|say hi to)",
            r"\bpay (?:her|him|them) a visit\b",
            r"\bshould be (?:shot|hanged|hung|executed|dragged|lynched|strung up|swinging|put down)\b",
            r"\b(?:dragged|drag (?:her|him|them)) (?:out )?into the street\b",
            r"\b(?:tried for treason and executed|penalty for treason is death)\b",
            r"\bthey(?:'d| would) (?:already )?be swinging\b",
            r"\byou know what to do\b",
        ),
    ),
    Rule(
        "weapon_means",
        "Weapons, explosives or other means",
        WORDS,
        2,
        (
            r"\b(?:gun|guns|rifles?|ar-?15|ar|ak-?47|shotgun|pistol|handgun|glock|ammo|ammunition|bullets?|rope|noose|gallows|bomb|explosives?|pipe bomb|ied|knife|machete|molotov|gasoline|gas can|loaded|armed)\b",
            r"\bsecond amendment\b|\b2a\b",
            r"\block(?:ed)? and load(?:ed)?\b",
        ),
    ),
    Rule(
        "weapon_possession",
        "Claims to have a weapon",
        CONDUCT,
        1,
        (
            r"\b(?:i|we) (?:have|own|got|carry|bought|keep) (?:a |an |my |our |plenty of |enough )?(?:\w+ ){0,2}(?:gun|guns|rifle|ar-?15|shotgun|pistol|glock|ammo|ammunition|bullets|explosives?)\b",
            r"\bmy (?:ar-?15|rifle|glock|pistol|shotgun|gun)\b",
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
            r"\b(?:when|after) you (?:leave|get off|walk out|go home|lock up)\b",
            r"\bat (?:the )?(?:count(?:ing)? (?:center|room)|polling place|drop box|tabulation|your (?:office|house|home|car))\b",
            r"\bon election (?:day|night)\b",
        ),
    ),
    Rule(
        "imminent",
        "Happening now or within hours",
        CONTEXT,
        0,
        (
            r"\b(?:right now|just now|tonight|in (?:an|one|two|a few) hours?|within the hour|by (?:lunch|tonight|noon)|in \d+ minutes|\d+ minutes to|on my way|leaving (?:my house|now)|coming (?:up|in) now|coming in)\b",
            r"\b(?:i'm|i am|we're|we are|he is|he's|she is|she's|they are|they're|a man is|a woman is|someone is) (?:outside|here|in the (?:lobby|parking lot|building)|at (?:your|her|his|the) (?:door|house|home|office))\b",
            r"\b(?:still here|won't leave|refuses to leave|is armed|has a (?:gun|knife|weapon)|pointing|brandish)",
            r"\b(?:i'm|i am|he's|he is) in (?:the|your) (?:stairwell|parking lot|lot|lobby|hallway|building)\b",
            r"\blook out your (?:office )?window\b",
            r"\b(?:is|are) (?:back|surrounding|standing over|following)\b",
        ),
    ),
    Rule(
        "home_family_knowledge",
        "Knows the home, family or routine",
        CONDUCT,
        3,
        (
            r"\b(?:know|found|have) (?:where|what) you (?:live|sleep|drive|park)\b",
            r"\bwhere (?:you|she|he) lives?\b",
            r"\b(?:street|house|road|block|neighborhood|cul-de-sac) you live (?:on|in|at)\b",
            r"\byour (?:house|home|street|address|neighborhood|neighbourhood|driveway|front door|kids?|children|son|daughter|wife|husband|family|grandkids?|grandchildren|mother|father|mom|dad)\b",
            r"\b(?:her|his) (?:kids?|children|son|daughter|husband|wife|family) (?:\w+ )?(?:go|goes|at|walks?|school)\b",
            r"\b(?:still )?lives? (?:on|by|near|at) (?:the )?[A-Za-z]+\b",
            r"\bhome address(?:es)?\b",
            r"\b(?:your|her|his) (?:mom|mother|dad|father|parents)'?s? (?:place|house|home)\b",
            r"\b(?:photo(?:graph)?|picture) of (?:the clerk's|her|his|your) (?:house|home|car)\b",
            r"\byou live at\b",
            r"\b(?:school|day ?care|bus stop)\b.{0,30}\b(?:your|her|his) (?:kids?|children|son|daughter)\b",
            r"\[(?:worker|family)-\d+ address\]",
            r"\[family-\d+\]",
        ),
    ),
    Rule(
        "doxxing",
        "Publishes personal information",
        CONDUCT,
        2,
        (
            r"\b(?:here(?:'s| is)|posting|sharing|this is) (?:her|his|their) (?:home |personal |cell )?(?:address|phone|number|info)\b",
            r"\b(?:her|his) (?:home )?address is\b",
            r"\bhere(?:'s| is) where (?:she|he|they) lives?\b",
            r"\bdox(?:x)?(?:ed|ing)?\b",
            r"\bcall (?:her|him) (?:at|on) (?:home|her cell|his cell)\b",
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
            r"\brefused to leave\b",
            r"\b(?:being|is being|was being) followed\b|\btailgat",
            r"\b(?:trying|tried) (?:the )?door(?:s| handles)?\b|\bstaff-only\b",
            r"\bi(?:'m| am) in (?:the|your) (?:stairwell|parking lot|lot|lobby|building)\b",
            r"\bnext time i(?:'ll| will) say hi\b",
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
        ),
    ),
    Rule(
        "threat_to_family",
        "Threat to family or children",
        WORDS,
        2,
        (
            r"\b(?:your|her|his) (?:kids?|children|son|daughter|wife|husband|family|grandkids?)\b.{0,60}\b(?:hurt|die|pay|kill|watch out|safe|accident|disappear|next)\b",
            r"\b(?:hurt|kill|get|take) (?:your|her|his) (?:kids?|children|son|daughter|wife|husband|family)\b",
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
            r"\btime for talk(?:ing)? is over\b",
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
        ),
    ),
    Rule(
        "suspicious_mail",
        "Suspicious mail or substance",
        CONDUCT,
        3,
        (
            r"\b(?:white |unknown |suspicious )?(?:powder|substance|residue)\b",
            r"\bno return address\b",
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
            r"\b(?:opened|spilled|came out|got (?:it )?on)\b.{0,40}\b(?:powder|substance|hands?|skin|desk)\b",
            r"\b(?:dizzy|nauseous|trouble breathing|burning (?:eyes|skin)|eyes are burning|symptoms|naloxone|narcan|hazmat|numb|heart is racing|soaked through)\b",
        ),
    ),
    Rule(
        "hoax_swatting",
        "Bomb threat, hoax or swatting",
        CONDUCT,
        3,
        (
            r"\b(?:bombs?|explosive devices?|explosives) (?:\w+ )?(?:in|at|inside|under|planted|placed|will go off)\b",
            r"\b(?:planted|placed|hidden) (?:a |an )?(?:bomb|device|explosives?)\b",
            r"\bswat(?:ted|ting)?\b",
            r"\b(?:police|officers|swat team) (?:showed up|arrived|surrounded|raided)\b.{0,40}\b(?:house|home)\b",
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
            r"\b(?:i'll|i will|we'll|we will|i'm|im|i am) (?:be (?:there|waiting|by|at)|see (?:you|u)|find (?:you|u)|coming (?:up|in|for you|to your)|come (?:back|to your|by your))",
            r"\bsee (?:you|u) (?:at|when|after|tonight|tomorrow|soon)\b",
            r"\b(?:coming|going) (?:down )?to (?:the|your) (?:polls?|office|house|home|count|canvass|precinct)\b",
            r"\bfollowed (?:u|you) home\b",
        ),
    ),
    Rule(
        "attack",
        "An attack or weapon in person, under way",
        CONDUCT,
        3,
        (
            r"\b(?:pulled out|waving|brandish(?:ed|ing)|pointing|showed|show(?:ing)?|pulled (?:his|her) jacket back to show) (?:a |his |her )?(?:knife|gun|pistol|handgun|weapon|rifle)\b",
            r"\brammed\b|\bset (?:\w+ ){0,4}on fire\b|\b(?:is|are) on fire\b|\bflames\b",
            r"\b(?:punched|shoved|attacked|assaulted|hit) (?:her|him|a poll worker|a volunteer|staff|the \w+)\b|\bis hurt\b",
            r"\bknocked (?:\w+ ){0,3}(?:off|over)\b|\bspray-?painting\b",
            r"\bgot a gun\b|\bgun case\b",
        ),
    ),
    Rule(
        "abuse",
        "Insults or abuse",
        WORDS,
        1,
        (
            r"\b(?:idiots?|morons?|scum|crooks?|liars?|clowns?|pathetic|disgrace|losers?|garbage|trash|worthless|piece of|bitch|whore|pigs?|stupid|dumb(?:est)?|ugly|fat|cow|witch|freak|joke|communists?|marxists?|groomers?|pedophiles?|senile|filthy|c\*\*t|fraudsters)\b",
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
        ),
    ),
)

THREATS = frozenset({"direct_threat", "conditional_threat", "veiled_threat", "incitement", "threat_to_family"})
BEHAVIOUR = frozenset({"approach", "surveillance", "planning", "suspicious_mail", "hoax_swatting", "attack"})
# Words that only matter next to a threat or a deed: a date, a gun club, a figure of speech.
SUPPORTING = frozenset({"time_place", "weapon_means", "imminent", "calendar_proximity"})
# Rules whose match is undone by a negation just before it ("no powder", "did not touch").
NEGATABLE = frozenset({"exposure", "suspicious_mail"})

# Threat types a reporter ticked, read as the indicator they stand for (the reporter saw what happened).
FROM_THREAT_TYPES: dict[str, str] = {
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

COMPILED: tuple[tuple[Rule, re.Pattern[str] | None], ...] = tuple((rule, rule.compiled()) for rule in RULES)
# Which of COMPILED (by index) may match a lower-cased text; the others need no search.
PREFILTER = Prefilter(pattern for _rule, pattern in COMPILED)
COMPILED_ANY_CASE: tuple[tuple[Rule, re.Pattern[str] | None], ...] = tuple((rule, rule.compiled(re.IGNORECASE)) for rule in RULES)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
