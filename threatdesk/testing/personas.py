"""The cast of every access test: one user per role, plus an outsider from another county.

Maricopa County, Arizona is home; Pima County is the outsider's. The liaison belongs to the
Phoenix FBI field office. Each has an email address at PERSONA_MAIL_DOMAIN.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from threatdesk.accounts.models import Role, User
from threatdesk.accounts.services import user_create
from threatdesk.places.models import Agency, County, Office, State

PASSWORD = "correct horse battery staple 42"
PERSONA_MAIL_DOMAIN = "personas.example.org"


@dataclass
class Personas:
    state: State
    county: County
    office: Office
    other_office: Office
    agency: Agency
    reporter: User
    manager: User
    liaison: User
    coordinator: User
    analyst: User
    admin: User
    outsider: User
    other_reporter: User
    public: AnonymousUser

    def all(self) -> dict[str, User | AnonymousUser]:
        return {
            "public": self.public,
            "reporter": self.reporter,
            "other_reporter": self.other_reporter,
            "manager": self.manager,
            "outsider": self.outsider,
            "liaison": self.liaison,
            "coordinator": self.coordinator,
            "analyst": self.analyst,
            "admin": self.admin,
        }


def make_personas() -> Personas:
    state = State.objects.get(code="AZ")
    county = County.objects.get(fips="04013")
    other_county = County.objects.get(fips="04019")
    office = Office.objects.create(name="Maricopa County Elections Department", state=state, county=county)
    other_office = Office.objects.create(name="Pima County Elections", state=state, county=other_county)
    agency = Agency.objects.create(name="FBI Phoenix Field Office", kind=Agency.Kind.FBI_FIELD_OFFICE, state=state)

    def make(username: str, role: str, **scope: object) -> User:
        email = f"{username}@{PERSONA_MAIL_DOMAIN}"
        return user_create(actor=None, username=username, password=PASSWORD, role=role, email=email, **scope)  # type: ignore[arg-type]

    return Personas(
        state=state,
        county=county,
        office=office,
        other_office=other_office,
        agency=agency,
        reporter=make("reporter", Role.REPORTER, office=office),
        other_reporter=make("other_reporter", Role.REPORTER, office=office),
        manager=make("manager", Role.OFFICE_MANAGER, office=office),
        outsider=make("outsider", Role.OFFICE_MANAGER, office=other_office),
        liaison=make("liaison", Role.LIAISON, agency=agency),
        coordinator=make("coordinator", Role.STATE_COORDINATOR, state=state),
        analyst=make("analyst", Role.ANALYST),
        admin=make("admin", Role.ADMIN),
        public=AnonymousUser(),
    )
