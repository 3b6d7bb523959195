"""Realistic, reproducible report payloads for the intake benchmark (no Django needed).

Every payload is valid `ReportIn` input: a real state and county (by FIPS code, by name, or by
"Name County"), a channel code or a common word for one, one to three threat types, and sender
identifiers in the shapes people type them (phones with and without punctuation, mixed-case
emails, handles with '@'). Narratives vary from a sentence to a few paragraphs.
All names and numbers are invented; phone numbers use the 555-01xx fictional range.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from threatdesk.places import gazetteer

CHANNELS = [
    "phone_call", "voicemail", "text_message", "email", "social_post", "social_dm", "postal_mail",
    "package", "in_person_office", "in_person_voting_site", "in_person_count_site", "at_home",
    "web_form", "third_party_online", "emergency_call", "other",
    # words a person or another system may send instead of a code
    "phone", "letter", "sms", "e-mail", "dm", "social media", "in person", "voice mail",
]  # fmt: skip
THREAT_TYPES = [
    "threat_violence", "threat_family", "threat_sexual", "threat_property", "bomb_threat", "swatting",
    "doxxing", "stalking", "in_person_intimidation", "harassment", "identity_abuse", "incitement",
    "suspicious_mail", "physical_assault", "property_damage", "impersonation", "political_pressure", "other",
]  # fmt: skip
TARGET_ROLES = [
    "chief_state_election_official", "state_election_office_staff", "county_election_official",
    "election_board_member", "office_staff", "poll_worker", "volunteer", "contractor", "family_member",
    "facility", "other",
]  # fmt: skip
PHASES = [
    "off_cycle", "pre_election", "early_voting", "election_day", "canvass", "certification",
    "recount_audit", "post_certification", "unknown",
]  # fmt: skip
PLATFORMS = ["", "", "", "X", "Facebook", "Telegram", "Instagram", "TikTok", "Truth Social", "Gab", "Reddit"]
FIRST = ["Avery", "Jordan", "Casey", "Morgan", "Riley", "Quinn", "Dana", "Harper", "Rowan", "Emerson",
         "Marisol", "Tobias", "Imogen", "Caspian", "Delphine", "Ezekiel", "Florence", "Gideon"]  # fmt: skip
LAST = ["Okafor", "Lindqvist", "Castellano", "Whitford", "Nakamura", "Oyelaran", "Brennan", "Halvorsen",
        "Marchetti", "Abernathy", "Delacroix", "Fairweather", "Kowalczyk", "Thibodeaux"]  # fmt: skip
DOMAINS = ["example.org", "example.com", "example.net", "mail.example.org", "Example.COM"]
AREA_CODES = ["602", "480", "520", "404", "678", "215", "412", "313", "616", "608", "414", "702", "775", "919", "704"]
OPENINGS = [
    "A caller left a voicemail for {worker} at the {place} elections office.",
    "{worker} received a letter at home with no return address.",
    "Someone posted {worker}'s home address under a video about the count.",
    "A man approached {worker} in the parking lot after the canvass meeting.",
    "The front desk took three calls in an hour asking where {worker} lives.",
    "An email to the general inbox named {worker} and their children.",
]
MIDDLES = [
    "The sender said the results were fake and that people would come to make it right.",
    "The message listed the street and the make of the car parked outside.",
    "It said 'you will hang for this' and repeated the name of the poll site.",
    "Staff recognised the voice from calls during the primary.",
    "The post was shared several hundred times before it was taken down.",
    "There was a white powder in the envelope; the building was evacuated and police attended.",
    "He filmed the ballot drop box and said he would be back with friends.",
    "The caller asked which entrance the board uses and when they leave at night.",
]
CLOSINGS = [
    "The worker has asked for a police patrol near home.",
    "We kept the voicemail and the call log.",
    "Screenshots are saved; the account is still up.",
    "The sheriff's office has been told by phone.",
    "",
]
MESSAGES = [
    "We know where you live. Certify the real results or else.",
    "You and your family will pay for stealing this election.",
    "Watch your back at the count tonight.",
    "Traitors get what they deserve. See you soon.",
    "",
]


def _counties_by_state() -> dict[str, list[tuple[str, str]]]:
    by_state: dict[str, list[tuple[str, str]]] = {}
    for row in gazetteer.counties():
        by_state.setdefault(row.state_code, []).append((row.fips, row.name))
    return by_state


_COUNTIES = _counties_by_state()
_STATES = sorted(_COUNTIES)


def _phone(rng: random.Random) -> str:
    area, last = rng.choice(AREA_CODES), f"01{rng.randrange(100):02d}"
    return rng.choice([
        f"({area}) 555-{last}", f"{area}-555-{last}", f"{area}.555.{last}", f"+1 {area} 555 {last}", f"{area}555{last}",
    ])  # fmt: skip


def _person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST), rng.choice(LAST)


def payload(rng: random.Random, today: dt.date | None = None) -> dict[str, Any]:
    """One valid report as a client would send it."""
    today = today or dt.datetime.now(dt.UTC).date()
    state = rng.choice(_STATES)
    fips, name = rng.choice(_COUNTIES[state])
    county = rng.choice([fips, fips, name, name.removesuffix(" County"), ""])
    first, last = _person(rng)
    worker = f"{first} {last}"
    sender_first, sender_last = _person(rng)
    parts = [rng.choice(OPENINGS).format(worker=worker, place=name)]
    parts += rng.sample(MIDDLES, rng.randint(1, 4))
    parts.append(rng.choice(CLOSINGS))
    narrative = " ".join(p for p in parts if p) * rng.choice([1, 1, 1, 2, 3])
    sender: dict[str, Any] = {}
    if rng.random() < 0.6:
        sender["phones"] = [_phone(rng) for _ in range(rng.choice([1, 1, 2]))]
    if rng.random() < 0.4:
        sender["emails"] = [f"{sender_first}.{sender_last}{rng.randrange(100)}@{rng.choice(DOMAINS)}"]
    if rng.random() < 0.3:
        sender["handles"] = [f"@{sender_first.lower()}_{rng.randrange(10_000)}"]
    if rng.random() < 0.3:
        sender["name"] = f"{sender_first} {sender_last}"
    if rng.random() < 0.5:
        sender["description"] = rng.choice(
            ["Male voice, calm.", "Blocked number.", "Account created last week.", "Older man, red truck."]
        )
    body: dict[str, Any] = {
        # From yesterday back: today with a time of day could be still to come where it happened.
        "occurred_on": (today - dt.timedelta(days=rng.randrange(1, 3 * 365))).isoformat(),
        "state": state if rng.random() < 0.8 else state.lower(),
        "county": county,
        "channel": rng.choice(CHANNELS),
        "platform": rng.choice(PLATFORMS),
        "threat_types": rng.sample(THREAT_TYPES, rng.choice([1, 1, 2, 2, 3])),
        "target_role": rng.choice(TARGET_ROLES),
        "election_phase": rng.choice(PHASES),
        "message_text": rng.choice(MESSAGES),
        "narrative": narrative,
        "sender": sender,
    }
    if rng.random() < 0.5:
        body["occurred_time"] = f"{rng.randrange(24):02d}:{rng.randrange(60):02d}"
    if rng.random() < 0.2:
        body["reporter_contact"] = {"name": f"{first} {last}", "email": f"{first.lower()}@{rng.choice(DOMAINS)}"}
    return body


def payloads(n: int, seed: int = 2024) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    today = dt.datetime.now(dt.UTC).date()
    return [payload(rng, today) for _ in range(n)]
