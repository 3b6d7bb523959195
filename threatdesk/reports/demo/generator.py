"""Draw synthetic reports: when, where, how, from whom and in what words.

Pure given its inputs: the same seed, count and places give the same rows, so a demo database
can be rebuilt exactly and tests can compare runs. The shape follows published research on
threats to election officials: reports cluster around early voting, election day, the canvass
and certification; 2020's aftermath was heaviest in a handful of contested states; phone,
voicemail and email dominate; a few prolific senders write a large share; and campaigns send
the same words to many offices within days.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from threatdesk.places import zones
from threatdesk.places.models import County
from threatdesk.reports.demo import texts
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.taxonomy import SOCIAL_CHANNELS

C, P, R, T = texts.C, texts.P, texts.R, texts.T

ELECTION_DAYS = {2020: dt.date(2020, 11, 3), 2022: dt.date(2022, 11, 8), 2024: dt.date(2024, 11, 5)}
CYCLE_SHARE = {2020: 0.38, 2022: 0.25, 2024: 0.32}  # the remaining 5% fall off cycle
OFF_CYCLE = (
    (dt.date(2021, 3, 1), dt.date(2021, 9, 30)),
    (dt.date(2023, 3, 1), dt.date(2023, 9, 30)),
    (dt.date(2025, 3, 1), dt.date(2025, 9, 30)),
)
CONTESTED_2020 = frozenset({"AZ", "GA", "MI", "PA", "WI", "NV"})
DEMO_SHARE = 0.78  # of ordinary reports, the share in counties that have a demo office


@dataclass(frozen=True)
class Window:
    """Days around election day (negative before) when reports of a phase happen, and their peak."""

    phase: str
    start: int
    end: int
    peak: int
    weight: float


WINDOWS = (
    Window(P.PRE_ELECTION, -120, -29, -40, 0.11),
    Window(P.EARLY_VOTING, -28, -1, -4, 0.19),
    Window(P.ELECTION_DAY, 0, 0, 0, 0.12),
    Window(P.CANVASS, 1, 14, 2, 0.21),
    Window(P.CERTIFICATION, 15, 35, 24, 0.16),
    Window(P.RECOUNT_AUDIT, 18, 50, 28, 0.06),
    Window(P.POST_CERTIFICATION, 36, 75, 45, 0.08),
    Window(P.UNKNOWN, -100, 60, 2, 0.07),
)


@dataclass(frozen=True)
class Places:
    """Counties to draw from: those with a demo office (weighted) and every county by state."""

    demo: Sequence[tuple[County, float]]
    by_state: Mapping[str, Sequence[County]]
    home: County  # the demo office manager's county; the demo reporter works there


@dataclass(frozen=True)
class Sender:
    name: str = ""
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    description: str = ""
    signoff: str = ""
    kinds: tuple[str, ...] = ()
    states: tuple[str, ...] = ()


@dataclass
class DemoRow:
    data: ReportIn
    received_at: dt.datetime
    cycle: str
    by_reporter: bool = False
    campaign: str = ""


@dataclass
class _Draft:
    """A report under construction; becomes a ReportIn at the end."""

    occurred_on: dt.date
    phase: str
    county: County
    kind: texts.Kind
    channel: str
    role: str
    sender: Sender
    cycle: str
    fill: dict[str, str] = field(default_factory=dict)


def _pick(rng: random.Random, weighted: texts.Weighted) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def fictional_phone(rng: random.Random, low: int, high: int) -> str:
    """A number in the 555-0100..0199 block, which is reserved for fiction."""
    area = rng.choice(
        (
            "602",
            "480",
            "520",
            "404",
            "678",
            "313",
            "248",
            "215",
            "412",
            "414",
            "608",
            "702",
            "775",
            "919",
            "704",
            "303",
            "970",
            "713",
            "817",
            "512",
            "213",
            "916",
            "503",
            "206",
            "509",
        )
    )
    return f"({area}) 555-01{rng.randint(low, high):02d}"


def _handle(rng: random.Random) -> str:
    return f"{rng.choice(texts.HANDLE_WORDS)}_{rng.choice(texts.HANDLE_WORDS)}{rng.randint(1, 1999)}"


def _email(rng: random.Random, local: str = "") -> str:
    local = local or "".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 9))) + str(rng.randint(1, 99))
    return f"{local}@{rng.choice(('example.org', 'example.com'))}"


def repeat_senders(rng: random.Random, states: Sequence[str]) -> list[tuple[Sender, float]]:
    """About two dozen people who write again and again, some in several states (Reuters found ~10
    authors behind a fifth of the messages it compiled)."""
    remote = (
        "direct_threat",
        "veiled_threat",
        "conditional_threat",
        "abuse",
        "certification_pressure",
        "identity_abuse",
        "family_threat",
        "incitement",
    )
    signoffs = ("God sees what you did.", "- a Watchman", "WE ARE MANY.", "Tick tock.", "", "", "")
    senders = []
    for number in range(24):
        phone = fictional_phone(rng, 0, 39) if number % 3 != 2 else ""
        handle = _handle(rng) if number % 3 != 0 else ""
        email = _email(rng) if number % 4 == 1 else ""
        named = number % 5 == 0
        sender = Sender(
            name=f"{rng.choice(texts.SENDER_FIRST)} {rng.choice(texts.SENDER_LAST)}" if named else "",
            phones=(phone,) if phone else (),
            emails=(email,) if email else (),
            handles=(handle,) if handle else (),
            description=rng.choice(texts.DESCRIPTIONS[:3]) if phone else "",
            signoff=rng.choice(signoffs),
            kinds=tuple(rng.sample(remote, 3)),
            states=tuple(rng.sample(list(states), rng.randint(1, 5))),
        )
        senders.append((sender, 6.0 if number < 8 else 1.0))
    return senders


def _one_off_sender(rng: random.Random, channel: str) -> Sender:
    """Whoever sent a single report: often unknown, sometimes a number, address or handle."""
    if channel in (C.VOICEMAIL, C.PHONE_CALL):
        if rng.random() < 0.55:
            return Sender(description=rng.choice(("Caller ID blocked.", *texts.DESCRIPTIONS[:3])))
        return Sender(phones=(fictional_phone(rng, 40, 98),), description=rng.choice(texts.DESCRIPTIONS[:3]))
    if channel == C.TEXT_MESSAGE:
        return Sender(phones=(fictional_phone(rng, 40, 98),))
    if channel in (C.EMAIL, C.WEB_FORM):
        return Sender(emails=(_email(rng),))
    if channel in SOCIAL_CHANNELS:
        return Sender(handles=(_handle(rng),))
    if channel in (C.POSTAL_MAIL, C.PACKAGE):
        if rng.random() < 0.2:
            return Sender(name=f"{rng.choice(texts.SENDER_FIRST)} {rng.choice(texts.SENDER_LAST)}")
        return Sender(description="Unknown; no return address.")
    if channel in (C.IN_PERSON_OFFICE, C.IN_PERSON_VOTING_SITE, C.IN_PERSON_COUNT_SITE, C.AT_HOME):
        return Sender(description=rng.choice(texts.DESCRIPTIONS[4:6]))
    if channel == C.EMERGENCY_CALL:
        return Sender(description="The false report came through an internet calling service; number spoofed.")
    return Sender()


def _cycle_date(rng: random.Random, year: int) -> tuple[dt.date, str]:
    window = rng.choices(WINDOWS, weights=[w.weight for w in WINDOWS])[0]
    offset = round(rng.triangular(window.start, window.end, window.peak))
    return ELECTION_DAYS[year] + dt.timedelta(days=offset), window.phase


def _when(rng: random.Random) -> tuple[dt.date, str, str]:
    """(date, phase, cycle label), peaked around the election calendar."""
    roll = rng.random()
    for year, share in CYCLE_SHARE.items():
        if roll < share:
            day, phase = _cycle_date(rng, year)
            return day, phase, str(year)
        roll -= share
    start, end = rng.choice(OFF_CYCLE)
    return start + dt.timedelta(days=rng.randint(0, (end - start).days)), P.OFF_CYCLE, "off cycle"


def _county(rng: random.Random, places: Places, cycle: str, phase: str, states: Sequence[str] = ()) -> County:
    if states:
        state = rng.choice(list(states))
        local = [(c, w) for c, w in places.demo if c.state.code == state]
        if local:
            return rng.choices([c for c, _ in local], weights=[w for _, w in local])[0]
        return rng.choice(places.by_state[state])
    if rng.random() >= DEMO_SHARE:
        return rng.choice(places.by_state[rng.choice(sorted(places.by_state))])
    boost = cycle == "2020" and phase not in (P.PRE_ELECTION, P.EARLY_VOTING)
    weights = [w * (2.5 if boost and c.state.code in CONTESTED_2020 else 1) for c, w in places.demo]
    return rng.choices([c for c, _ in places.demo], weights=weights)[0]


def _kind(rng: random.Random, phase: str, wanted: Sequence[str] = ()) -> texts.Kind:
    eligible = [k for k in texts.KINDS if (k.phases is None or phase in k.phases) and (not wanted or k.code in wanted)]
    if not eligible:
        eligible = [k for k in texts.KINDS if k.phases is None]
    return rng.choices(eligible, weights=[k.weight for k in eligible])[0]


SENDER_CHANNELS = (
    ("phones", (C.VOICEMAIL, C.PHONE_CALL, C.TEXT_MESSAGE)),
    ("emails", (C.EMAIL, C.WEB_FORM)),
    ("handles", (C.SOCIAL_DM, C.SOCIAL_POST)),
)


def _reachable(sender: Sender) -> tuple[str, ...]:
    """The channels a known sender can use: a phone number calls and texts, an address emails."""
    return tuple(channel for attr, channels in SENDER_CHANNELS if getattr(sender, attr) for channel in channels)


def _as_seen_on(sender: Sender, channel: str) -> Sender:
    """What the office learns of a repeat sender from one report: only that channel's identifier."""
    keep = {attr: getattr(sender, attr) for attr, channels in SENDER_CHANNELS if channel in channels}
    voice = channel in (C.VOICEMAIL, C.PHONE_CALL)
    return Sender(name=sender.name, description=sender.description if voice else "", signoff=sender.signoff, **keep)


def _channel(rng: random.Random, kind: texts.Kind, phase: str, sender: Sender | None = None) -> str:
    options = kind.channels
    if sender is not None:
        reachable = _reachable(sender)
        options = tuple((c, w) for c, w in kind.channels if c in reachable) or tuple((c, 1.0) for c in reachable)
    channel = _pick(rng, options)
    if channel == C.IN_PERSON_VOTING_SITE and phase not in (P.EARLY_VOTING, P.ELECTION_DAY):
        return C.IN_PERSON_OFFICE
    if channel == C.IN_PERSON_COUNT_SITE and phase in (P.PRE_ELECTION, P.OFF_CYCLE):
        return C.IN_PERSON_OFFICE
    return channel


@dataclass(frozen=True)
class RosterWorker:
    """An election worker the words of a county's reports name, with the child they mention."""

    first: str
    gender: str
    surname: str
    child: str

    @property
    def full_name(self) -> str:
        return f"{self.first} {self.surname}"


ROSTER_SIZE = 4


def roster(county: County) -> tuple[RosterWorker, ...]:
    """The same few workers for every report of a county, as threats name the staff of a real
    office, so that the office can record them as protected people. Drawn from the county's
    FIPS code alone: the roster is the same whatever else the demo draws."""
    return _roster_of(county.fips)


@functools.lru_cache(maxsize=4096)
def _roster_of(fips: str) -> tuple[RosterWorker, ...]:
    local = random.Random(f"roster-{fips}")  # noqa: S311 (not secret)
    firsts = local.sample(texts.WORKER_FIRST, ROSTER_SIZE)
    surnames = local.sample(texts.WORKER_LAST, ROSTER_SIZE)
    children = local.sample(texts.KIDS, ROSTER_SIZE)
    return tuple(RosterWorker(f, g, s, c) for (f, g), s, c in zip(firsts, surnames, children, strict=True))


def _fill(rng: random.Random, draft: _Draft) -> dict[str, str]:
    worker = rng.choice(roster(draft.county))
    county_short = draft.county.name.removesuffix(" County")
    she = worker.gender == "f"
    return {
        "first": worker.first,
        "worker": worker.full_name,
        "role_word": rng.choice(texts.ROLE_WORDS[draft.role]),
        "county": draft.county.name,
        "county_short": county_short,
        "subj": "she" if she else "he",
        "obj": "her" if she else "him",
        "pos": "her" if she else "his",
        "partner": rng.choice(("husband", "partner")) if she else rng.choice(("wife", "partner")),
        "kid": worker.child,
        "school": f"{rng.choice(texts.WORKER_LAST)} Elementary",
        "church": f"{rng.choice(texts.WORKER_LAST)} Community Church",
        "street": rng.choice(texts.STREETS),
        "address": f"{rng.randint(100, 9899)} {rng.choice(texts.STREETS)}",
        "car": rng.choice(texts.CARS),
        "day": rng.choice(texts.DAYS),
        "site": rng.choice(
            (
                f"the {county_short} counting center",
                f"{rng.choice(texts.WORKER_LAST)} Elementary",
                f"the early voting center at the {rng.choice(texts.WORKER_LAST)} library",
            )
        ),
        "minutes": str(rng.choice((20, 30, 40, 45, 60, 90))),
        "victim_phone": fictional_phone(rng, 40, 98),
        "platform": rng.choice(texts.PLATFORMS),
        "sender_ref": texts.SENDER_REF.get(draft.channel, "sender"),
    }


def _words(rng: random.Random, draft: _Draft) -> tuple[str, str]:
    """(message text, narrative) for a draft, from its kind's templates."""
    fill = draft.fill
    message = rng.choice(draft.kind.messages).format(**fill)
    if message and draft.sender.signoff and rng.random() < 0.6:
        message = f"{message} {draft.sender.signoff}"
    stories = draft.kind.narratives_by_channel.get(draft.channel) or draft.kind.narratives
    parts = [rng.choice(texts.INTROS[draft.channel])]
    if stories:
        parts.append(rng.choice(stories))
    parts += rng.sample(texts.CLOSINGS, rng.randint(1, 2))
    return message, " ".join(parts).format(**fill)


def _occurred_time(rng: random.Random, channel: str) -> dt.time | None:
    if rng.random() < 0.25:
        return None
    if channel == C.VOICEMAIL:
        hour = rng.choice((0, 1, 2, 3, 5, 6, 19, 20, 21, 22, 23))
    elif channel in (C.IN_PERSON_OFFICE, C.IN_PERSON_VOTING_SITE, C.IN_PERSON_COUNT_SITE):
        hour = rng.randint(7, 19)
    elif channel == C.EMERGENCY_CALL:
        hour = rng.choice((22, 23, 0, 1, 2))
    else:
        hour = rng.randint(6, 23)
    return dt.time(hour, rng.randrange(0, 60, 5))


def _local(day: dt.date, at: dt.time, county: County) -> dt.datetime:
    """The moment `at` on `day` in the county, whose clock a report's time of day is read on."""
    return dt.datetime.combine(day, at, tzinfo=zones.zone_of(county.state.code, county.time_zone))


def _received_at(rng: random.Random, draft: _Draft, at: dt.time | None, now: dt.datetime) -> dt.datetime:
    """A little after it happened: next morning for voicemail, a day or two for mail, hours otherwise."""
    start, channel = _local(draft.occurred_on, at or dt.time(9, 0), draft.county), draft.channel
    if channel in (C.POSTAL_MAIL, C.PACKAGE):
        delay = dt.timedelta(hours=rng.randint(2, 48))
    elif channel in (C.VOICEMAIL, C.EMERGENCY_CALL, C.AT_HOME):
        delay = dt.timedelta(hours=rng.randint(6, 14))
    else:
        delay = dt.timedelta(minutes=rng.randint(10, 60 * 30))
    return min(start + delay, now)


def _finish(
    rng: random.Random, draft: _Draft, now: dt.datetime, message: str = "", narrative: str = "", campaign: str = ""
) -> DemoRow:
    if not narrative:
        message, narrative = _words(rng, draft)
    at = _occurred_time(rng, draft.channel)
    extra = [t for t in (T.HARASSMENT,) if rng.random() < 0.15 and t not in draft.kind.threat_types]
    sender = draft.sender
    data: dict[str, Any] = {
        "occurred_on": draft.occurred_on,
        "occurred_time": at,
        "state": draft.county.state.code,
        "county": draft.county.fips,
        "channel": draft.channel,
        "platform": draft.fill["platform"] if draft.channel in SOCIAL_CHANNELS else "",
        "threat_types": [*draft.kind.threat_types, *extra],
        "target_role": draft.role,
        "election_phase": draft.phase,
        "message_text": message,
        "narrative": narrative,
        "sender": {
            "name": sender.name,
            "phones": list(sender.phones),
            "emails": list(sender.emails),
            "handles": list(sender.handles),
            "description": sender.description,
        },
    }
    received = _received_at(rng, draft, at, now)
    return DemoRow(ReportIn.model_validate(data), received, draft.cycle, campaign=campaign)


def _ordinary(rng: random.Random, places: Places, senders: list[tuple[Sender, float]], now: dt.datetime) -> DemoRow:
    day, phase, cycle = _when(rng)
    sender: Sender | None = None
    if rng.random() < 0.2:
        sender = rng.choices([s for s, _ in senders], weights=[w for _, w in senders])[0]
    kind = _kind(rng, phase, sender.kinds if sender else ())
    channel = _channel(rng, kind, phase, sender)
    county = _county(rng, places, cycle, phase, sender.states if sender else ())
    seen = _as_seen_on(sender, channel) if sender else _one_off_sender(rng, channel)
    draft = _Draft(day, phase, county, kind, channel, _pick(rng, kind.roles), seen, cycle)
    draft.fill = _fill(rng, draft)
    return _finish(rng, draft, now)


def _reporters_own(rng: random.Random, places: Places, now: dt.datetime) -> DemoRow:
    """A report the demo reporter filed: a worker in the manager's county, mostly in 2024."""
    year = rng.choice((2022, 2024, 2024))
    day, phase = _cycle_date(rng, year)
    kind = _kind(rng, phase, ("abuse", "veiled_threat", "direct_threat", "in_person_intimidation", "fixation"))
    channel = _channel(rng, kind, phase)
    draft = _Draft(
        day,
        phase,
        places.home,
        kind,
        channel,
        rng.choice((R.POLL_WORKER, R.OFFICE_STAFF)),
        _one_off_sender(rng, channel),
        str(year),
    )
    draft.fill = _fill(rng, draft)
    row = _finish(rng, draft, now)
    row.by_reporter = True
    return row


# --- Coordinated campaigns: near-identical words to many offices within a few days -----------------

CAMPAIGN_SHARE = {"liability_notice": 0.04, "bomb_emails": 0.025, "powder_letters": 0.01}


def _campaign_sizes(count: int) -> dict[str, int]:
    """Campaign sizes for a run of `count` reports; none when the run is too small to show one."""
    if count < 40:
        return dict.fromkeys(CAMPAIGN_SHARE, 0)
    return {name: max(3, round(count * share)) for name, share in CAMPAIGN_SHARE.items()}


def _spread(rng: random.Random, counties: Sequence[County], size: int) -> list[County]:
    """Each county once before any twice, like a mailing list."""
    order: list[County] = []
    while len(order) < size:
        order += rng.sample(list(counties), len(counties))
    return order[:size]


def _liability_notices(rng: random.Random, places: Places, size: int, now: dt.datetime) -> list[DemoRow]:
    """A form email to canvass boards in every demo state during certification week of 2022."""
    rows = []
    shared_sender = Sender(emails=(_email(rng, "notice.service"),))
    for county in _spread(rng, [c for c, _ in places.demo], size):
        day = ELECTION_DAYS[2022] + dt.timedelta(days=rng.choice((14, 14, 15, 16)))
        sender = shared_sender if rng.random() < 0.3 else Sender(emails=(_email(rng),))
        kind = next(k for k in texts.KINDS if k.code == "certification_pressure")
        draft = _Draft(day, P.CERTIFICATION, county, kind, C.EMAIL, _pick(rng, kind.roles), sender, "2022")
        draft.fill = _fill(rng, draft)
        greeting = rng.choice(
            ("NOTICE TO THE {county} CANVASS BOARD:", "Attention {role_word}:", "To every member of the {county} board:")
        )
        extra = rng.choice(("We have your names and your home addresses. ", "", "We know where your families live. ", ""))
        message = (
            f"{greeting} You are hereby put on notice that certifying the 2022 results in {{county}} while fraud "
            f"remains uninvestigated makes you personally liable. {extra}We the people will hold every one of you "
            f"accountable. This notice will not be repeated. {rng.choice(('- The Free Ballot Assembly', 'FBA', ''))}"
        ).format(**draft.fill)
        narrative = (
            "Email to the board's shared inbox; each member got a copy. Other counties report the same wording "
            "this week. " + rng.choice(texts.CLOSINGS)
        )
        rows.append(_finish(rng, draft, now, message.strip(), narrative, campaign="liability_notice"))
    return rows


def _bomb_emails(rng: random.Random, places: Places, size: int, now: dt.datetime) -> list[DemoRow]:
    """Emailed bomb threats to polling places in several states within two hours on election day 2024."""
    rows = []
    kind = next(k for k in texts.KINDS if k.code == "bomb_threat")
    for county in _spread(rng, [c for c, _ in places.demo], size):
        sender = Sender(emails=(f"relay{rng.randint(100, 999)}@{rng.choice(('example.com', 'example.org'))}",))
        draft = _Draft(ELECTION_DAYS[2024], P.ELECTION_DAY, county, kind, C.EMAIL, R.FACILITY, sender, "2024")
        draft.fill = _fill(rng, draft)
        message = (
            f"Explosive devices have been placed at your {rng.choice(('polling location', 'voting center', 'precinct'))}. "
            f"They will go off at {rng.choice(('2 PM', '3 PM'))}. Nobody inside will survive."
        )
        narrative = (
            f"Emailed bomb threat to the inbox of {draft.fill['site']}. Police swept the site and found nothing; "
            f"voting paused for about {draft.fill['minutes']} minutes. Other sites in the state received the same "
            "email within the hour."
        )
        row = _finish(rng, draft, now, message, narrative, campaign="bomb_emails")
        at = dt.time(rng.randint(9, 10), rng.randrange(0, 60, 5))
        row.data = row.data.model_copy(update={"occurred_time": at})
        row.received_at = min(_local(draft.occurred_on, at, draft.county) + dt.timedelta(minutes=20), now)
        rows.append(row)
    return rows


def _powder_letters(rng: random.Random, places: Places, size: int, now: dt.datetime) -> list[DemoRow]:
    """Powder letters to counting rooms in five western and southern states in November 2023."""
    rows = []
    kind = next(k for k in texts.KINDS if k.code == "suspicious_mail")
    targets = [c for c, _ in places.demo if c.state.code in {"CA", "GA", "NV", "OR", "WA"}] or [c for c, _ in places.demo]
    for county in _spread(rng, targets, size):
        sender = Sender(description="No return address; postmarked from another state.")
        day = dt.date(2023, 11, rng.randint(6, 9))
        draft = _Draft(day, P.CANVASS, county, kind, C.POSTAL_MAIL, rng.choice((R.FACILITY, R.OFFICE_STAFF)), sender, "off cycle")
        draft.fill = _fill(rng, draft)
        narrative = (
            "Envelope opened during ballot processing held a white powder and a printed note. Work stopped, the room "
            "was sealed, staff washed their hands and 911 was called. Hazmat took the envelope; postal inspectors and "
            "the FBI were notified. The return address was fake."
        )
        rows.append(_finish(rng, draft, now, "END THE RIGGED ELECTIONS NOW", narrative, campaign="powder_letters"))
    return rows


def generate(*, rng: random.Random, places: Places, count: int, now: dt.datetime) -> list[DemoRow]:
    """`count` synthetic rows in date order: a few filed by the demo reporter, three campaigns,
    and the rest drawn from the calendar, places, kinds and senders above."""
    senders = repeat_senders(rng, sorted({c.state.code for c, _ in places.demo}))
    own = min(max(2, count // 80), count // 4)
    sizes = _campaign_sizes(count - own)
    rows = [_reporters_own(rng, places, now) for _ in range(own)]
    rows += _liability_notices(rng, places, sizes["liability_notice"], now)
    rows += _bomb_emails(rng, places, sizes["bomb_emails"], now)
    rows += _powder_letters(rng, places, sizes["powder_letters"], now)
    rows += [_ordinary(rng, places, senders, now) for _ in range(count - len(rows))]
    rows.sort(key=lambda row: (row.data.occurred_on, row.received_at))
    return rows
