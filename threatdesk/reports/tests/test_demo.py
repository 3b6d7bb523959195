"""`manage.py demo` builds a synthetic, repeatable demo with one sign-in per role, once."""

from __future__ import annotations

import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from threatdesk.accounts.models import Role, User
from threatdesk.accounts.services import token_user
from threatdesk.audit.models import AuditEvent
from threatdesk.places.models import Agency, Office
from threatdesk.reports.demo import DEMO_USERNAMES, demo_places, demo_rows
from threatdesk.reports.demo.generator import roster
from threatdesk.reports.models import Report
from threatdesk.reports.taxonomy import Source

pytestmark = pytest.mark.django_db

SMALL = ("--reports", "60", "--seed", "7")
FICTIONAL_PHONE = re.compile(r"^\+1\d{3}55501\d\d$")


def demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def passwords(output: str) -> dict[str, str]:
    """username -> password from the printed sign-in table."""
    found = {}
    for line in output.splitlines():
        cells = line.split()
        if len(cells) >= 3 and cells[1] in DEMO_USERNAMES:
            found[cells[1]] = cells[2]
    return found


def state_counts() -> Counter[str]:
    return Counter(Report.objects.filter(source=Source.DEMO).values_list("state__code", flat=True))


def test_every_role_gets_a_demo_user():
    demo(*SMALL)
    users = User.objects.filter(username__in=DEMO_USERNAMES)
    assert sorted(users.values_list("role", flat=True)) == sorted(Role.values)
    admin = users.get(role=Role.ADMIN)
    assert admin.is_superuser and admin.is_staff
    assert users.get(role=Role.OFFICE_MANAGER).office.name == "Maricopa County Elections Office"
    assert users.get(role=Role.LIAISON).agency.name == "FBI Phoenix Field Office"
    assert users.get(role=Role.STATE_COORDINATOR).state.code == "AZ"


def test_every_report_is_synthetic():
    demo(*SMALL)
    reports = Report.objects.all()
    assert reports.count() == 60
    assert not reports.exclude(is_synthetic=True).exists()
    assert not reports.exclude(source=Source.DEMO).exists()


def test_demo_builds_offices_sheriffs_and_agencies():
    demo(*SMALL)
    assert Office.objects.count() == 40
    assert Office.objects.values("state").distinct().count() == 12
    assert Agency.objects.filter(kind=Agency.Kind.SHERIFF).count() == 40
    assert Agency.objects.filter(kind=Agency.Kind.FBI_FIELD_OFFICE).count() >= 55


def test_reporter_and_manager_have_reports_to_see():
    demo(*SMALL)
    reporter = User.objects.get(username="demo-reporter")
    manager = User.objects.get(username="demo-manager")
    coordinator = User.objects.get(username="demo-coordinator")
    assert Report.objects.visible_to(reporter).exists()
    assert Report.objects.visible_to(manager).count() >= Report.objects.visible_to(reporter).count()
    assert Report.objects.visible_to(coordinator).exists()


def test_if_empty_does_nothing_the_second_time():
    demo(*SMALL)
    reports, users, events = Report.objects.count(), User.objects.count(), AuditEvent.objects.count()
    output = demo("--if-empty", *SMALL)
    assert len(output.strip().splitlines()) == 1
    assert "already exists" in output
    assert (Report.objects.count(), User.objects.count(), AuditEvent.objects.count()) == (reports, users, events)


def test_second_run_without_if_empty_is_refused():
    demo(*SMALL)
    with pytest.raises(CommandError, match="already exists"):
        demo(*SMALL)
    assert Report.objects.count() == 60


def counts_of_a_demo_run_undone() -> Counter[str]:
    """The demo's reports by state, then everything it wrote rolled back (its users acted in the
    audit trail, so they cannot simply be deleted)."""
    with transaction.atomic():
        demo(*SMALL)
        counts = state_counts()
        transaction.set_rollback(True)
    return counts


def test_same_seed_gives_the_same_reports():
    first = counts_of_a_demo_run_undone()
    assert first and not Report.objects.exists()
    assert counts_of_a_demo_run_undone() == first


def test_generator_is_deterministic_per_seed():
    places = demo_places()

    def words(seed: int) -> list[tuple[str, str, str]]:
        return [(r.data.state, r.data.message_text, r.data.narrative) for r in demo_rows(count=120, seed=seed, places=places)]

    assert words(3) == words(3)
    assert words(3) != words(4)


def test_passwords_are_printed_once_and_stored_hashed():
    output = demo(*SMALL)
    printed = passwords(output)
    assert set(printed) == set(DEMO_USERNAMES)
    for username, password in printed.items():
        user = User.objects.get(username=username)
        assert user.check_password(password)
        assert password not in user.password
    logged = str(list(AuditEvent.objects.values_list("payload", flat=True)))
    assert not any(password in logged for password in printed.values())


def test_reset_passwords_prints_new_working_ones():
    old = passwords(demo(*SMALL))
    new = passwords(demo("--reset-passwords"))
    assert set(new) == set(DEMO_USERNAMES)
    for username in DEMO_USERNAMES:
        user = User.objects.get(username=username)
        assert new[username] != old[username]
        assert user.check_password(new[username]) and not user.check_password(old[username])
    assert Report.objects.count() == 60


def test_printed_token_authenticates_the_reporter():
    output = demo(*SMALL)
    token = re.search(r"shown once\): (\S+)", output).group(1)
    assert token_user(token) == User.objects.get(username="demo-reporter")


def test_the_printed_api_example_calls_the_sites_own_address(settings):
    settings.SITE_URL = "http://127.0.0.1:8100"
    assert "http://127.0.0.1:8100/api/reports" in demo(*SMALL)


def test_contact_details_are_fictional():
    demo("--reports", "200", "--seed", "11")
    for report in Report.objects.all():
        assert all(FICTIONAL_PHONE.match(phone) for phone in report.sender_phones), report.sender_phones
        assert all(email.endswith(("@example.org", "@example.com")) for email in report.sender_emails)
        for digits in re.findall(r"\(\d{3}\) \d{3}-\d{4}", report.message_text):
            assert "555-01" in digits


def test_rows_include_a_campaign_and_senders_who_write_in_several_states():
    rows = demo_rows(count=400, seed=5, places=demo_places())
    notices = [r for r in rows if r.campaign == "liability_notice"]
    assert len(notices) >= 10
    assert len({r.data.state for r in notices}) >= 5
    assert len({r.data.occurred_on for r in notices}) <= 3
    states_by_sender: dict[str, set[str]] = {}
    for row in rows:
        for identifier in (*row.data.sender.phones, *row.data.sender.handles):
            states_by_sender.setdefault(identifier, set()).add(row.data.state)
    assert any(len(states) >= 2 for states in states_by_sender.values())


def test_reports_follow_the_election_calendar():
    rows = demo_rows(count=600, seed=9, places=demo_places())
    cycles = Counter(r.cycle for r in rows)
    assert {"2020", "2022", "2024", "off cycle"} <= set(cycles)
    assert cycles["off cycle"] < cycles["2022"]
    months = Counter(r.data.occurred_on.month for r in rows if r.cycle != "off cycle")
    assert months.most_common(1)[0][0] == 11


def test_bad_report_count_is_refused():
    with pytest.raises(CommandError, match="--reports"):
        demo("--reports", "0")
    assert not Report.objects.exists()


@override_settings(PRODUCTION=True, DEMO_MODE=False)
def test_production_refuses_unless_it_is_a_demo_site():
    with pytest.raises(CommandError, match="production"):
        demo("--if-empty", *SMALL)
    assert not User.objects.filter(username__in=DEMO_USERNAMES).exists()


def test_the_redacted_copies_of_an_offices_reports_name_none_of_its_workers_or_their_children():
    """The words name each county's few workers, whom its office records as protected people."""
    demo(*SMALL)
    checked = 0
    for report in Report.objects.filter(office__isnull=False).select_related("county"):
        names = {part for worker in roster(report.county) for part in (worker.first, worker.surname, worker.child)}
        copy = f"{report.narrative_redacted} {report.message_text_redacted}"
        original = f"{report.narrative} {report.message_text}"
        checked += any(name in original for name in names)
        assert not [name for name in names if name in copy], report.public_code
    assert checked >= 5, "too few reports name a worker for the search to prove anything"
