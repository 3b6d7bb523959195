"""The platform field is free text ("Facebook Messenger, to her personal account"), and filers
write who and where there. It is sealed, read only by those who read the original words, and
taken out with a person who asks to be erased; everyone else reads, and statistics count, the
coded platform read from it."""

from __future__ import annotations

from importlib import import_module
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.db import connection

from threatdesk.accounts.services import token_create
from threatdesk.lib import sql
from threatdesk.privacy.identifiers import PLATFORMS
from threatdesk.privacy.models import ProtectedPerson
from threatdesk.privacy.services import protected_person_erase
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.reports.taxonomy import Platform, platform_of
from threatdesk.testing.clients import signed_in
from threatdesk.testing.payloads import CANARY_WORKER, valid_report_payload
from threatdesk.testing.planting import PLATFORM_TEXT, canaries_in, protect_canaries

pytestmark = pytest.mark.django_db

migration = import_module("threatdesk.reports.migrations.0009_seal_platform")


@pytest.fixture
def report(personas: Any) -> Report:
    protect_canaries(personas)
    data = ReportIn.model_validate(valid_report_payload(channel="social_dm", platform=PLATFORM_TEXT))
    return Report.objects.get(pk=report_submit(actor=personas.reporter, data=data, source="api").report.pk)


def stored(report: Report) -> tuple[str, str]:
    row = sql.first_row(f"SELECT platform, platform_code FROM {sql.table(Report)} WHERE id = %s", [report.pk])  # noqa: S608
    assert row is not None
    return str(row[0]), str(row[1])


def page(user: Any, report: Report) -> str:
    return signed_in(user).get(f"/reports/{report.public_code}/").content.decode()


def test_the_platform_is_stored_sealed_beside_its_code(report: Report) -> None:
    text, code = stored(report)
    assert text.startswith("td1:") and not canaries_in(text) and "Facebook" not in text
    assert code == "facebook"
    assert report.platform == PLATFORM_TEXT


@pytest.mark.parametrize("persona", ["reporter", "manager"])
def test_readers_of_the_original_words_read_the_platform_as_written(personas: Any, report: Report, persona: str) -> None:
    assert f"(Facebook Messenger, to {CANARY_WORKER}&#x27;s personal account)" in page(getattr(personas, persona), report)


@pytest.mark.parametrize("persona", ["coordinator", "analyst", "admin"])
def test_roles_that_read_redacted_copies_read_the_coded_platform(personas: Any, report: Report, persona: str) -> None:
    html = page(getattr(personas, persona), report)
    assert "Social media direct message (Facebook)" in html
    assert not canaries_in(html) and "Messenger" not in html


def test_the_api_gives_the_text_only_with_the_original_words(personas: Any, report: Report) -> None:
    def read(persona: str) -> Any:
        token = token_create(actor=None, user=getattr(personas, persona), name="test")
        answer = signed_in(getattr(personas, persona)).get(
            f"/api/reports/{report.public_code}", headers={"Authorization": f"Bearer {token}"}
        )
        assert answer.status_code == 200
        return answer.json()

    manager, coordinator = read("manager"), read("coordinator")
    assert (manager["platform"], manager["platform_code"]) == (PLATFORM_TEXT, "facebook")
    assert (coordinator["platform"], coordinator["platform_code"]) == (None, "facebook")


def test_an_erasure_request_takes_the_worker_out_of_the_platform(personas: Any, report: Report) -> None:
    assert CANARY_WORKER in report.platform
    person = ProtectedPerson.objects.get(kind="worker", office=personas.office)
    protected_person_erase(actor=personas.manager, person=person, reason="Erasure request received by letter")
    after = Report.objects.get(pk=report.pk)
    assert CANARY_WORKER not in after.platform and after.platform.startswith("Facebook Messenger, to [ERASED]")
    assert after.platform_code == "facebook"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Facebook", "facebook"),
        (PLATFORM_TEXT, "facebook"),
        ("DM on twitter.com", "x"),
        ("Truth Social", "truthsocial"),
        ("mastodon.social", "fediverse"),
        ("instagram DMs", "instagram"),
        ("a neighbourhood forum", "other"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_the_coded_platform_is_the_first_platform_the_text_names(text: str, code: str) -> None:
    assert platform_of(text) == code


def test_every_platform_the_identifiers_know_has_a_code() -> None:
    assert set(Platform.values) == {p.code for p in PLATFORMS} | {Platform.OTHER}


def test_the_migration_codes_and_seals_the_platforms_of_earlier_reports(report: Report) -> None:
    """Reports filed before hold the text in the clear and no code; the migration reads the code
    from the text, then seals it; unapplying it opens the text again."""
    editor = SimpleNamespace(connection=connection)
    migration.unseal(apps, editor)
    Report.objects.filter(pk=report.pk).update(platform_code="")
    assert stored(report) == (PLATFORM_TEXT, "")
    migration.seal(apps, editor)
    text, code = stored(report)
    assert text.startswith("td1:") and not canaries_in(text) and code == "facebook"
    assert Report.objects.get(pk=report.pk).platform == PLATFORM_TEXT
