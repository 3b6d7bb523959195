"""The codebook: every coded value a report carries. docs/codebook.md explains each one.

Codes are stable lower-case strings stored in the database and used by the API, imports and
exports; labels are for people. Add codes at the end; never reuse or rename one.
"""

from __future__ import annotations

from django.db import models

from threatdesk.privacy.identifiers import platform_named


class Channel(models.TextChoices):
    PHONE_CALL = "phone_call", "Phone call"
    VOICEMAIL = "voicemail", "Voicemail"
    TEXT_MESSAGE = "text_message", "Text message"
    EMAIL = "email", "Email"
    SOCIAL_POST = "social_post", "Social media post"
    SOCIAL_DM = "social_dm", "Social media direct message"
    POSTAL_MAIL = "postal_mail", "Letter or postcard"
    PACKAGE = "package", "Package or parcel"
    IN_PERSON_OFFICE = "in_person_office", "In person at the office"
    IN_PERSON_VOTING_SITE = "in_person_voting_site", "In person at a voting site"
    IN_PERSON_COUNT_SITE = "in_person_count_site", "In person at a counting site"
    AT_HOME = "at_home", "At or near home"
    WEB_FORM = "web_form", "Web form or online comment"
    THIRD_PARTY_ONLINE = "third_party_online", "Posted elsewhere online (forum, leak)"
    EMERGENCY_CALL = "emergency_call", "False emergency call (swatting)"
    OTHER = "other", "Other"


SOCIAL_CHANNELS = frozenset({Channel.SOCIAL_POST, Channel.SOCIAL_DM, Channel.THIRD_PARTY_ONLINE})


class ThreatType(models.TextChoices):
    THREAT_VIOLENCE = "threat_violence", "Threat of violence or death"
    THREAT_FAMILY = "threat_family", "Threat naming family or children"
    THREAT_SEXUAL = "threat_sexual", "Threat of sexual violence or sexualised abuse"
    THREAT_PROPERTY = "threat_property", "Threat to home, office, ballots or drop boxes"
    BOMB_THREAT = "bomb_threat", "Bomb threat"
    SWATTING = "swatting", "Hoax or swatting"
    DOXXING = "doxxing", "Doxxing or exposure of personal information"
    STALKING = "stalking", "Stalking, following or approach at home"
    IN_PERSON_INTIMIDATION = "in_person_intimidation", "Intimidation at a polling place or office"
    HARASSMENT = "harassment", "Harassment or abuse"
    IDENTITY_ABUSE = "identity_abuse", "Identity-based abuse"
    INCITEMENT = "incitement", "Calls for others to harm"
    SUSPICIOUS_MAIL = "suspicious_mail", "Suspicious mail or substance"
    PHYSICAL_ASSAULT = "physical_assault", "Physical assault"
    PROPERTY_DAMAGE = "property_damage", "Property damage or vandalism"
    IMPERSONATION = "impersonation", "Impersonation or disinformation targeting a named worker"
    POLITICAL_PRESSURE = "political_pressure", "Pressure to change results or not certify"
    OTHER = "other", "Other"


class TargetRole(models.TextChoices):
    CHIEF_STATE_OFFICIAL = "chief_state_election_official", "Chief state election official"
    STATE_OFFICE_STAFF = "state_election_office_staff", "State election office staff"
    LOCAL_OFFICIAL = "county_election_official", "County or city election official"
    BOARD_MEMBER = "election_board_member", "Election board member"
    OFFICE_STAFF = "office_staff", "Election office staff"
    POLL_WORKER = "poll_worker", "Poll worker or election judge"
    VOLUNTEER = "volunteer", "Volunteer"
    CONTRACTOR = "contractor", "Contractor or vendor"
    FAMILY_MEMBER = "family_member", "Family member of an election worker"
    FACILITY = "facility", "Facility (office, voting site, drop box)"
    OTHER = "other", "Other"


class ElectionPhase(models.TextChoices):
    OFF_CYCLE = "off_cycle", "Off cycle"
    PRE_ELECTION = "pre_election", "Before the election (incl. testing)"
    EARLY_VOTING = "early_voting", "Early or absentee voting"
    ELECTION_DAY = "election_day", "Election day"
    CANVASS = "canvass", "Counting and canvass"
    CERTIFICATION = "certification", "Certification"
    RECOUNT_AUDIT = "recount_audit", "Recount or audit"
    POST_CERTIFICATION = "post_certification", "After certification"
    UNKNOWN = "unknown", "Not sure"


class Status(models.TextChoices):
    NEW = "new", "New"
    TRIAGED = "triaged", "Triaged"
    REFERRED = "referred", "Referred to law enforcement"
    UNDER_INVESTIGATION = "under_investigation", "Under investigation"
    CLOSED = "closed", "Closed"


class ReporterConsent(models.TextChoices):
    """Who the person filing agrees may know who they are (their name and contact details)."""

    OFFICE = "office", "My election office"
    LAW_ENFORCEMENT = "law_enforcement", "Law enforcement handling the report"
    STATE = "state", "State election officials"


class Source(models.TextChoices):
    WEB = "web", "Web form"
    API = "api", "API"
    IMPORT = "import", "Bulk import"
    DEMO = "demo", "Synthetic demo data"


class Platform(models.TextChoices):
    """The platform or service an online threat came through, read from what the filer wrote in
    the free-text platform field: the services `privacy.identifiers.PLATFORMS` knows, or other."""

    X = "x", "X (Twitter)"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    THREADS = "threads", "Threads"
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    TELEGRAM = "telegram", "Telegram"
    TRUTHSOCIAL = "truthsocial", "Truth Social"
    GAB = "gab", "Gab"
    REDDIT = "reddit", "Reddit"
    BLUESKY = "bluesky", "Bluesky"
    FEDIVERSE = "fediverse", "Mastodon or another fediverse service"
    OTHER = "other", "Another platform or service"


def platform_of(text: str) -> str:
    """The coded platform of what a filer wrote in the platform field: '' when they wrote nothing."""
    if not text.strip():
        return ""
    return platform_named(text) or Platform.OTHER.value


# Common free words a person or another system may send instead of a channel code.
CHANNEL_SYNONYMS: dict[str, str] = {
    "phone": Channel.PHONE_CALL,
    "call": Channel.PHONE_CALL,
    "telephone": Channel.PHONE_CALL,
    "voice mail": Channel.VOICEMAIL,
    "text": Channel.TEXT_MESSAGE,
    "sms": Channel.TEXT_MESSAGE,
    "text message": Channel.TEXT_MESSAGE,
    "e-mail": Channel.EMAIL,
    "social media": Channel.SOCIAL_POST,
    "social": Channel.SOCIAL_POST,
    "dm": Channel.SOCIAL_DM,
    "direct message": Channel.SOCIAL_DM,
    "mail": Channel.POSTAL_MAIL,
    "letter": Channel.POSTAL_MAIL,
    "postcard": Channel.POSTAL_MAIL,
    "in person": Channel.IN_PERSON_OFFICE,
    "in-person": Channel.IN_PERSON_OFFICE,
    "web form": Channel.WEB_FORM,
    "swatting": Channel.EMERGENCY_CALL,
}


_CHANNEL_CODES = frozenset(Channel.values)  # Channel.values builds a new list on every call


def channel_from_word(word: str) -> str | None:
    """Map a code or a common free word to a channel code; None when it is neither."""
    key = " ".join(word.strip().lower().replace("_", " ").split())
    code = key.replace(" ", "_")
    if code in _CHANNEL_CODES:
        return code
    return CHANNEL_SYNONYMS.get(key)
