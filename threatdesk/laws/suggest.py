"""Suggest provisions that may apply to a reported incident, each with the reason, for law-enforcement review.

A pure function of the coded facts (state, channel, target role, threat types, indicator codes)
and the statute files: no database. It never decides that a law was broken; it ranks provisions
worth a reviewer's look and says why, so a prosecutor or investigator can check them.

Scoring, so the order can be explained:
- conduct: the incident's conduct (from threat types, indicators and the channel) overlaps what the
  provision covers; a strong signal counts more than a weak one. No overlap, no suggestion.
- channel: a provision limited to certain channels is dropped when the channel is known and not
  one of them (a letter is not an interstate call); a listed channel scores more than `any`.
- target role: a provision written for the role targeted scores more; a provision that protects
  only voters or only federal officials scores less and says so.
- federal element: an electronic or mail channel suggests the interstate or mail element may be met.
- practice: provisions DOJ has charged in threat cases against election workers rank a little higher.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from threatdesk.laws import statutes
from threatdesk.laws.statutes import Provision
from threatdesk.reports.taxonomy import Channel, TargetRole

REVIEW = "for law-enforcement review"

STRONG = 3
WEAK = 1

ELECTRONIC = frozenset(
    {
        Channel.PHONE_CALL,
        Channel.VOICEMAIL,
        Channel.TEXT_MESSAGE,
        Channel.EMAIL,
        Channel.SOCIAL_POST,
        Channel.SOCIAL_DM,
        Channel.WEB_FORM,
        Channel.THIRD_PARTY_ONLINE,
        Channel.EMERGENCY_CALL,
    }
)
MAIL = frozenset({Channel.POSTAL_MAIL, Channel.PACKAGE})
UNSPECIFIC_CHANNELS = frozenset({"", Channel.OTHER})

CONDUCT_WORDS = {
    "threat": "a threat of violence",
    "conditional_threat": "a conditional threat",
    "harassment": "harassment",
    "stalking": "stalking or a course of conduct",
    "doxxing": "publishing personal information (doxxing)",
    "intimidation": "intimidation",
    "hoax": "a hoax or false report",
    "swatting": "swatting (a false emergency report)",
    "bomb_threat": "a bomb threat",
    "mail": "use of the mail",
    "incitement": "incitement of others",
    "interference": "interference with election duties",
}

ROLE_WORDS = {
    "election_official": "election officials",
    "election_worker": "election workers",
    "voter": "voters",
    "federal_official": "federal officials",
    "family": "family members",
    "candidate": "candidates",
    "poll_watcher": "poll watchers",
    "public_official": "public officials",
}

# Threat-type codes (taxonomy.ThreatType) → conduct codes, with how strongly each points there.
THREAT_TYPE_CONDUCT: dict[str, dict[str, int]] = {
    "threat_violence": {"threat": STRONG},
    "threat_family": {"threat": STRONG},
    "threat_sexual": {"threat": STRONG, "harassment": WEAK},
    "threat_property": {"threat": STRONG},
    "bomb_threat": {"bomb_threat": STRONG, "threat": WEAK, "hoax": WEAK},
    # "Hoax or swatting": a hoax of any kind; a swatting only when nothing says bomb (_bomb_or_swatting).
    "swatting": {"hoax": STRONG},
    "doxxing": {"doxxing": STRONG},
    "stalking": {"stalking": STRONG},
    "in_person_intimidation": {"intimidation": STRONG, "interference": WEAK},
    "harassment": {"harassment": STRONG},
    "identity_abuse": {"harassment": WEAK},
    "incitement": {"incitement": STRONG},
    "suspicious_mail": {"mail": STRONG, "hoax": WEAK},
    # Force on a person, the engine's `attack` as the filer saw it.
    "physical_assault": {"intimidation": STRONG, "interference": STRONG},
    "property_damage": {"intimidation": WEAK},
    "impersonation": {"interference": WEAK},
    "political_pressure": {"interference": STRONG, "intimidation": WEAK},
}

# Indicator codes (the assessment engine) → conduct codes. Every code the engine emits is here or
# in NO_CONDUCT, and a test keeps it so.
INDICATOR_CONDUCT: dict[str, dict[str, int]] = {
    "direct_threat": {"threat": STRONG},
    "conditional_threat": {"conditional_threat": STRONG, "threat": WEAK},
    "veiled_threat": {"threat": WEAK},
    "time_place": {"threat": WEAK},
    "weapon_means": {"threat": WEAK},
    "threat_to_family": {"threat": STRONG},
    "planning": {"threat": WEAK},
    "home_family_knowledge": {"doxxing": WEAK, "stalking": WEAK},
    "doxxing": {"doxxing": STRONG},
    "approach": {"stalking": STRONG, "intimidation": WEAK},
    "surveillance": {"stalking": STRONG},
    "repeated_contact": {"harassment": STRONG, "stalking": WEAK},
    "escalation": {"stalking": WEAK},
    "fixation_markers": {"stalking": WEAK},
    "announced_approach": {"intimidation": WEAK},  # "I'll be waiting for you": a visit announced
    # Force used or a weapon turned on someone: what the intimidation and interference provisions
    # written for election officials cover ("by force or threat of force").
    "attack": {"intimidation": STRONG, "interference": STRONG},
    "incitement": {"incitement": STRONG},
    "abuse": {"harassment": WEAK},
    "suspicious_mail": {"mail": STRONG, "hoax": WEAK},
    # One code for a bomb threat, a hoax and a swatting: alone it shows what they share, a hoax or
    # false report; _bomb_or_swatting tells which of the other two it is.
    "hoax_swatting": {"hoax": STRONG},
    "calendar_proximity": {"interference": WEAK},
}

# Indicator codes that deliberately add no conduct: they weigh in the engine's level, but no
# provision covers them as such.
NO_CONDUCT = frozenset(
    {
        "weapon_possession",  # having a weapon is lawful in itself; drawn on someone it is `attack`
        "imminent",  # when, not what
        "within_hours",  # likewise
        "home_family_mention",  # a mention of home or family, kind or not, is no conduct; knowledge of it is
        "warrior_framing",  # framing words; a threat or a call on others fires its own code
        "last_resort",  # likewise
        "exposure",  # what the mail did to whoever opened it; `suspicious_mail` is the conduct
        "grievance",  # a complaint about the election is lawful speech
        "hyperbole",  # a figure of speech, which lowers the level
        "named_target",  # whom, not what: the target role says it
    }
)

CHANNEL_CONDUCT: dict[str, dict[str, int]] = {
    Channel.POSTAL_MAIL: {"mail": STRONG},
    Channel.PACKAGE: {"mail": STRONG},
    Channel.EMERGENCY_CALL: {"swatting": STRONG, "hoax": STRONG},
}

# Target-role codes (taxonomy.TargetRole) → the roles statute files use. Callers may also pass a
# statute role code directly (for example "voter", which the report codebook has no code for).
TARGET_ROLES: dict[str, frozenset[str]] = {
    TargetRole.CHIEF_STATE_OFFICIAL: frozenset({"election_official", "public_official"}),
    TargetRole.STATE_OFFICE_STAFF: frozenset({"election_official"}),
    TargetRole.LOCAL_OFFICIAL: frozenset({"election_official", "public_official"}),
    TargetRole.BOARD_MEMBER: frozenset({"election_official", "public_official"}),
    TargetRole.OFFICE_STAFF: frozenset({"election_worker"}),
    TargetRole.POLL_WORKER: frozenset({"election_worker"}),
    TargetRole.VOLUNTEER: frozenset({"election_worker"}),
    TargetRole.CONTRACTOR: frozenset({"election_worker"}),
    TargetRole.FAMILY_MEMBER: frozenset({"family"}),
    TargetRole.FACILITY: frozenset({"election_official", "election_worker"}),
}
ELECTION_ROLES = frozenset({"election_official", "election_worker"})

# Facts that show a course of conduct (more than one act).
REPEATED_INDICATORS = frozenset({"repeated_contact", "escalation", "fixation_markers", "surveillance", "approach"})
REPEATED_TYPES = frozenset({"stalking", "harassment"})

USE_POINTS = {"frequent": 3, "occasional": 1, "none": 0}
USE_WORDS = {
    "frequent": "DOJ has most often charged threats against election workers under this provision",
    "occasional": "DOJ has charged it in some cases of threats against election workers",
}


@dataclass(frozen=True)
class Suggestion:
    citation: str
    title: str
    reason: str
    verified: bool
    jurisdiction: str  # "federal" or the upper-case state code
    score: int


def _add(wanted: dict[str, int], signals: dict[str, int]) -> None:
    for conduct, weight in signals.items():
        wanted[conduct] = max(wanted.get(conduct, 0), weight)


def _bomb_or_swatting(channel: str, threat_types: Collection[str], indicators: Collection[str]) -> dict[str, int]:
    """The conduct that tells a bomb threat from a swatting, which one engine code (hoax_swatting)
    and one threat type ("Hoax or swatting") both cover.

    A false emergency call as the channel is a swatting (CHANNEL_CONDUCT). Otherwise it is a bomb
    threat when the filer chose "Bomb threat", or when the engine's hoax_swatting fired together
    with weapon_means, its reading of a bomb or explosive in the words ("there's a bomb in your
    building"). Only when nothing says bomb does "Hoax or swatting" read as a swatting; the engine's
    code alone says neither, and suggests only what both share.
    """
    if channel == Channel.EMERGENCY_CALL:
        return {}
    if "bomb_threat" in threat_types or {"hoax_swatting", "weapon_means"} <= set(indicators):
        return THREAT_TYPE_CONDUCT["bomb_threat"]
    if "swatting" in threat_types:
        return {"swatting": STRONG}
    return {}


def wanted_conduct(*, channel: str, threat_types: Iterable[str], indicators: Iterable[str]) -> dict[str, int]:
    """The conduct the incident shows, each with its strength (STRONG or WEAK)."""
    types, codes = tuple(threat_types), tuple(indicators)
    wanted: dict[str, int] = {}
    for code in types:
        _add(wanted, THREAT_TYPE_CONDUCT.get(code, {}))
    for code in codes:
        _add(wanted, INDICATOR_CONDUCT.get(code, {}))
    _add(wanted, CHANNEL_CONDUCT.get(channel, {}))
    _add(wanted, _bomb_or_swatting(channel, types, codes))
    return wanted


def target_roles(target_role: str, threat_types: Iterable[str]) -> frozenset[str]:
    roles = set(TARGET_ROLES.get(target_role, frozenset()))
    if target_role in statutes.PROTECTED_ROLES:
        roles.add(target_role)
    if "threat_family" in threat_types:
        roles.add("family")
    return frozenset(roles)


def _words(items: Iterable[str], table: dict[str, str]) -> str:
    names = [table.get(item, item.replace("_", " ")) for item in items]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _channel_label(channel: str) -> str:
    try:
        return str(Channel(channel).label).lower()
    except ValueError:
        return channel.replace("_", " ")


def _score(
    provision: Provision, *, channel: str, roles: frozenset[str], wanted: dict[str, int], repeated: bool
) -> tuple[int, str] | None:
    """Points and the reason for one provision, or None when it should not be suggested."""
    overlap = [code for code in provision.conduct if code in wanted]
    if not overlap:
        return None
    channel_known = channel not in UNSPECIFIC_CHANNELS
    if channel_known and not provision.covers_any_channel and channel not in provision.channels:
        return None

    # The provision's first conduct is what it is mainly about; the others count a little less.
    points = sum((3 if code == provision.conduct[0] else 2) * wanted[code] for code in overlap)
    parts = [f"The report describes {_words(overlap, CONDUCT_WORDS)}, which this provision addresses"]

    if channel_known and not provision.covers_any_channel:
        points += 3
        parts.append(f"it covers this channel ({_channel_label(channel)})")
    elif provision.covers_any_channel:
        points += 1

    if roles and not provision.protects_anyone:
        covered = set(provision.protected_roles)
        exact = roles & covered
        if exact:
            points += 4
            parts.append(f"it protects {_words(sorted(exact), ROLE_WORDS)}")
            group = ELECTION_ROLES if roles & ELECTION_ROLES else roles
            if covered <= group | {"family"}:
                points += 2  # written for this very group
        elif roles & ELECTION_ROLES and covered & ELECTION_ROLES:
            points += 2
            parts.append(
                f"it protects {_words(sorted(covered & ELECTION_ROLES), ROLE_WORDS)}; "
                "check whether its definition includes the person targeted"
            )
        else:
            points -= 6
            parts.append(
                f"but it protects only {_words(provision.protected_roles, ROLE_WORDS)}, so it may not reach the person targeted"
            )
    elif provision.protects_anyone:
        points += 1
        parts.append("it protects anyone")

    if provision.interstate and provision.federal_element:
        # A channel-limited federal provision gets its federal element from the channel itself.
        through_channel = channel_known and not provision.covers_any_channel
        if through_channel and channel in MAIL:
            points += 2
            parts.append(f"the mail was used, so the federal element may be met ({provision.federal_element})")
        elif through_channel and channel in ELECTRONIC:
            points += 2
            parts.append(
                "a phone, internet or social-media message often crosses state lines or passes through out-of-state servers, "
                f"so the federal element may be met ({provision.federal_element})"
            )
        else:
            parts.append(f"it needs a federal element: {provision.federal_element}")

    if provision.course_of_conduct and not repeated:
        points -= 4
        parts.append("it needs a course of conduct, and the report does not yet show repeated contact")
    if provision.conspiracy:
        points -= 3
        parts.append("it needs two or more people acting together, which the coded facts cannot show")

    if provision.prosecution_use:
        points += USE_POINTS[provision.prosecution_use]
        if provision.prosecution_use in USE_WORDS:
            parts.append(USE_WORDS[provision.prosecution_use])
    if provision.verified:
        points += 1

    reason = "Suggested " + REVIEW + ": " + "; ".join(parts) + "."
    if provision.condition:
        reason += f" It requires {provision.condition}."
    if not provision.verified:
        reason += " Not verified: check the source."
    return points, reason


def suggest(
    *,
    state: str,
    channel: str,
    target_role: str,
    threat_types: Sequence[str],
    indicators: Sequence[str],
    occurred_on: datetime.date | None = None,
) -> list[Suggestion]:
    """Provisions that may apply, best first; each reason is worded for law-enforcement review.

    Only offenses are suggested (not privacy remedies or bills), and, given the day it happened,
    none that took effect after it. Unknown codes are ignored, and a state without a statute file
    gets federal provisions only.
    """
    wanted = wanted_conduct(channel=channel, threat_types=threat_types, indicators=indicators)
    if not wanted:
        return []
    roles = target_roles(target_role, threat_types)
    repeated = bool(REPEATED_INDICATORS.intersection(indicators) or REPEATED_TYPES.intersection(threat_types))
    found: list[Suggestion] = []
    for provision in statutes.provisions_for(state):
        if not provision.is_offense or (occurred_on is not None and provision.later_than(occurred_on)):
            continue
        scored = _score(provision, channel=channel, roles=roles, wanted=wanted, repeated=repeated)
        if scored is None:
            continue
        points, reason = scored
        found.append(
            Suggestion(
                citation=provision.citation,
                title=provision.title,
                reason=reason,
                verified=provision.verified,
                jurisdiction=provision.jurisdiction,
                score=points,
            )
        )
    # Best first; on a tie federal before state (file order is kept otherwise).
    return sorted(found, key=lambda s: (-s.score, s.jurisdiction != statutes.FEDERAL))
