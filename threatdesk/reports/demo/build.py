"""Writes for the demo: agencies, offices and sheriffs for the demo counties, one user per role,
and the synthetic reports, in one transaction so a failed run leaves nothing half-made."""

from __future__ import annotations

import random
import secrets
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from threatdesk.accounts.models import Role, User
from threatdesk.accounts.services import token_create, user_create
from threatdesk.audit import services as audit
from threatdesk.places.models import Agency, County, Office, State
from threatdesk.places.services import AgencyLoadResult, agencies_load
from threatdesk.privacy.schemas import ProtectedPersonIn
from threatdesk.privacy.services import protected_person_create
from threatdesk.reports.demo.generator import DemoRow, Places, generate, roster
from threatdesk.reports.models import Report
from threatdesk.reports.redaction import redo_state
from threatdesk.reports.services import ImportRow, reports_import
from threatdesk.reports.taxonomy import Source

DEFAULT_SEED = 2020
HOME = ("AZ", "Maricopa")
HOME_AGENCY = "FBI Phoenix Field Office"

# The demo's election offices: (county name without "County", relative report volume).
DEMO_COUNTIES: dict[str, tuple[tuple[str, float], ...]] = {
    "AZ": (("Maricopa", 9), ("Pima", 3), ("Yavapai", 1.5), ("Cochise", 1.5)),
    "GA": (("Fulton", 6), ("Cobb", 3), ("Gwinnett", 3), ("DeKalb", 2.5)),
    "MI": (("Wayne", 5), ("Oakland", 3), ("Kent", 2), ("Antrim", 1)),
    "PA": (("Philadelphia", 5), ("Allegheny", 3.5), ("Luzerne", 1.5), ("Lancaster", 1.5)),
    "WI": (("Milwaukee", 4), ("Dane", 3), ("Waukesha", 1.5)),
    "NV": (("Clark", 5), ("Washoe", 3), ("Nye", 1)),
    "NC": (("Wake", 2.5), ("Mecklenburg", 2.5), ("Guilford", 1.5)),
    "CO": (("Denver", 2.5), ("Mesa", 1.5), ("El Paso", 1.5)),
    "TX": (("Harris", 3.5), ("Tarrant", 2.5), ("Travis", 2)),
    "CA": (("Los Angeles", 4), ("Shasta", 1.5), ("San Diego", 2.5)),
    "OR": (("Multnomah", 2), ("Lane", 1), ("Deschutes", 1)),
    "WA": (("King", 2.5), ("Spokane", 1), ("Pierce", 1.5)),
}


@dataclass(frozen=True)
class DemoUser:
    role: str
    username: str
    hint: str


DEMO_USERS = (
    DemoUser(Role.REPORTER, "demo-reporter", "/report/ to file a report; /reports/ lists the ones you filed"),
    DemoUser(
        Role.OFFICE_MANAGER,
        "demo-manager",
        "/queue/ to triage and refer Maricopa County Elections Office's reports; /figures/ for waits; "
        "/access-log/ for who read their personal data",
    ),
    DemoUser(
        Role.LIAISON, "demo-liaison", "/queue/ shows what is referred to FBI Phoenix Field Office; record steps on each report"
    ),
    DemoUser(Role.STATE_COORDINATOR, "demo-coordinator", "/reports/ shows Arizona's reports, personal data withheld"),
    DemoUser(Role.ANALYST, "demo-analyst", "/reports/ shows every state, personal data withheld"),
    DemoUser(Role.ADMIN, "demo-admin", "/admin/ for users, offices and agencies; /access-log/ for every office"),
)
DEMO_USERNAMES = tuple(u.username for u in DEMO_USERS)


@dataclass(frozen=True)
class Credential:
    role: str
    username: str
    password: str
    hint: str


@dataclass
class DemoResult:
    agencies: AgencyLoadResult
    offices: int
    states: int
    reports: int
    by_cycle: dict[str, int]
    campaigns: dict[str, int]
    reporter_reports: int
    triaged: int
    referred: int
    steps: int
    credentials: list[Credential]
    token: str


def demo_exists() -> bool:
    """Whether a demo was already built here (its users or any of its reports)."""
    return User.objects.filter(username__in=DEMO_USERNAMES).exists() or Report.objects.filter(source=Source.DEMO).exists()


def new_password() -> str:
    """16 URL-safe characters; never starting with '-', which reads as an option when pasted."""
    while (password := secrets.token_urlsafe(12)).startswith("-"):
        pass
    return password


def _demo_counties() -> list[tuple[County, float]]:
    wanted = {(code, f"{name} County"): weight for code, pairs in DEMO_COUNTIES.items() for name, weight in pairs}
    found = County.objects.select_related("state").filter(state__code__in=DEMO_COUNTIES, name__in={n for _, n in wanted})
    by_key = {(c.state.code, c.name): c for c in found}
    missing = sorted(set(wanted) - set(by_key))
    if missing:
        raise LookupError(f"counties missing from the places table: {missing}; run migrate first")
    return [(by_key[key], weight) for key, weight in wanted.items()]


def offices_create(counties: list[County]) -> dict[int, Office]:
    """A county election office and a sheriff's office for each county; existing ones are reused."""
    offices = {}
    for county in counties:
        offices[county.pk], _ = Office.objects.get_or_create(
            name=f"{county.name} Elections Office",
            state=county.state,
            county=county,
            defaults={"level": Office.Level.COUNTY},
        )
        Agency.objects.get_or_create(
            name=f"{county.name} Sheriff's Office",
            state=county.state,
            defaults={"kind": Agency.Kind.SHERIFF, "county": county},
        )
    return offices


def users_create(*, office: Office, agency: Agency, state: State) -> list[Credential]:
    """One user per role, each with a fresh random password that is returned once and stored hashed."""
    scope: dict[str, dict[str, Office | Agency | State]] = {
        Role.REPORTER: {"office": office},
        Role.OFFICE_MANAGER: {"office": office},
        Role.LIAISON: {"agency": agency},
        Role.STATE_COORDINATOR: {"state": state},
    }
    credentials = []
    for demo in DEMO_USERS:
        password = new_password()
        user_create(
            actor=None,
            username=demo.username,
            password=password,
            role=demo.role,
            email=f"{demo.username}@example.org",
            **scope.get(demo.role, {}),  # type: ignore[arg-type]
        )
        credentials.append(Credential(demo.role, demo.username, password, demo.hint))
    return credentials


@transaction.atomic
def demo_passwords_reset() -> list[Credential]:
    """New random passwords for the demo users that exist; each change is audited."""
    credentials = []
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES)}
    for demo in DEMO_USERS:
        user = users.get(demo.username)
        if user is None:
            continue
        password = new_password()
        user.set_password(password)
        user.save(update_fields=["password"])
        audit.log("accounts.user.password_reset", actor=None, obj=user, payload={"by": "demo"})
        credentials.append(Credential(demo.role, demo.username, password, demo.hint))
    return credentials


# The home office's protected people, with names from the demo's own pool so that reports of the
# office name them and their redacted copies show [WORKER-1], [FAMILY-1].
DEMO_PROTECTED: tuple[dict[str, object], ...] = (
    {"full_name": "Dana Fallowmere", "phones": ["602-555-0141"], "addresses": ["2210 Larkspur Lane, Phoenix, AZ 85016"],
     "family": [("spouse", "Luis Fallowmere"), ("child", "Milo Fallowmere")]},
    {"full_name": "Marcus Quillfeather", "emails": ["marcus.quillfeather@example.org"], "family": []},
    {"full_name": "Keisha Dunmarrow", "aliases": ["Kiki"], "addresses": ["418 Mossbeck Drive, Mesa, AZ 85201"],
     "family": [("child", "Ava Dunmarrow")]},
    {"full_name": "Greg Larkmoor", "handles": ["@greg_larkmoor"], "family": [("parent", "Teresa Larkmoor")]},
)  # fmt: skip


def roster_people_create(offices: Iterable[Office]) -> int:
    """Record, for each office, the workers its reports name and their children, as its manager
    would; the home office's own list (`DEMO_PROTECTED`) comes on top."""
    made = 0
    for office in offices:
        if office.county is None:  # a state office: its reports name no county's staff
            continue
        for worker in roster(office.county):
            record = protected_person_create(
                actor=None, office=office, data=ProtectedPersonIn(kind="worker", full_name=worker.full_name)
            )
            child = f"{worker.child} {worker.surname}"
            data = ProtectedPersonIn(kind="family", relationship="child", worker=record.public_code, full_name=child)
            protected_person_create(actor=None, office=office, data=data)
            made += 2
    return made


def protected_people_create(office: Office) -> int:
    """Record the demo office's workers and their families, as its manager would."""
    made = 0
    for worker in DEMO_PROTECTED:
        family = worker["family"]
        fields = {k: v for k, v in worker.items() if k != "family"}
        record = protected_person_create(actor=None, office=office, data=ProtectedPersonIn(kind="worker", **fields))  # type: ignore[arg-type]
        made += 1
        for relationship, name in family:  # type: ignore[attr-defined]
            data = ProtectedPersonIn(kind="family", relationship=relationship, worker=record.public_code, full_name=name)
            protected_person_create(actor=None, office=office, data=data)
            made += 1
    return made


def demo_places() -> Places:
    """The demo counties with their weights, and every county of the 50 states and DC by state."""
    demo = _demo_counties()
    home = next(c for c, _ in demo if (c.state.code, c.name) == (HOME[0], f"{HOME[1]} County"))
    by_state: dict[str, list[County]] = {}
    for county in County.objects.select_related("state").filter(state__is_territory=False).order_by("fips"):
        by_state.setdefault(county.state.code, []).append(county)
    return Places(demo=demo, by_state=by_state, home=home)


def demo_rows(*, count: int, seed: int, places: Places) -> list[DemoRow]:
    return generate(rng=random.Random(seed), places=places, count=count, now=timezone.now())  # noqa: S311 (not secret)


class DemoExistsError(Exception):
    """A demo was built here already, perhaps by a run that committed while this one started."""


@transaction.atomic
def demo_build(*, count: int = 2000, seed: int = DEFAULT_SEED, progress: Callable[[int], object] | None = None) -> DemoResult:
    """Build the whole demo. Every report is marked synthetic; passwords and the token come back once.

    Checked again inside the transaction: on SQLite it begins by taking the write lock, so of two
    runs started at once the second waits for the first and then finds its demo."""
    if demo_exists():
        raise DemoExistsError
    agencies = agencies_load()
    places = demo_places()
    offices = offices_create([c for c, _ in places.demo])
    home_office = offices[places.home.pk]
    credentials = users_create(
        office=home_office,
        agency=Agency.objects.get(name=HOME_AGENCY, state__code=HOME[0]),
        state=places.home.state,
    )
    reporter = User.objects.get(username="demo-reporter")
    token = token_create(actor=None, user=reporter, name="demo")
    protected_people_create(home_office)
    roster_people_create(offices.values())
    rows = demo_rows(count=count, seed=seed, places=places)
    saved = reports_import(
        actor=None,
        rows=[ImportRow(line=i, data=row.data, received_at=row.received_at) for i, row in enumerate(rows, start=1)],
        source=Source.DEMO,
        is_synthetic=True,
        progress=progress,
    )
    own = [report.pk for report, row in zip(saved, rows, strict=True) if row.by_reporter]
    Report.objects.filter(pk__in=own).update(reporter=reporter, office=home_office)
    redo_state(home_office.state_id)  # those reports now belong to the home office and its people
    from threatdesk.cases.demo import case_work_demo  # the demo spans every app; case work builds on reports

    cases = case_work_demo(office=home_office, agency=Agency.objects.get(name=HOME_AGENCY, state__code=HOME[0]), seed=seed)
    return DemoResult(
        agencies=agencies,
        offices=len(offices),
        states=len(DEMO_COUNTIES),
        reports=len(saved),
        by_cycle=dict(sorted(Counter(row.cycle for row in rows).items())),
        campaigns=dict(Counter(row.campaign for row in rows if row.campaign)),
        reporter_reports=len(own),
        triaged=cases.triaged,
        referred=cases.referred,
        steps=cases.steps,
        credentials=credentials,
        token=token,
    )
