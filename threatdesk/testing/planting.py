"""Plant the canary values through every real way in: the web form, the JSON API and bulk import.

The privacy tests call `plant_everywhere` and then search an output (the database, the evidence
folder, the logs) for `payloads.CANARIES`. Evidence files carry canaries inside their bytes and
in their file names, so a store that keeps either in the clear is caught.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_otp.oath import totp
from pypdf import PdfReader

from threatdesk.accounts.models import Role, TOTPDevice, User
from threatdesk.accounts.services import token_create, user_create
from threatdesk.privacy.models import ProtectedPerson
from threatdesk.privacy.schemas import ProtectedPersonIn
from threatdesk.privacy.services import protected_person_create, protected_person_view
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import ImportRow, report_submit, reports_import
from threatdesk.testing.files import eml_bytes, png_bytes
from threatdesk.testing.payloads import (
    CANARIES,
    CANARY_ADDRESS,
    CANARY_CHILD,
    CANARY_EMAIL,
    CANARY_PHONE,
    CANARY_SENDER,
    CANARY_WORKER,
    valid_report_payload,
)
from threatdesk.testing.personas import PASSWORD, Personas

EVIDENCE_TEXT = f"{CANARY_WORKER}, {CANARY_ADDRESS}, {CANARY_CHILD}, call {CANARY_PHONE} or 602-555-0199"
# The platform field is free text, and filers write who and where there.
PLATFORM_TEXT = f"Facebook Messenger, to {CANARY_WORKER}'s personal account"


def planted_payload(**overrides: Any) -> dict[str, Any]:
    """The valid report, with the platform field naming her too."""
    return valid_report_payload(**{"platform": PLATFORM_TEXT, **overrides})


def png_with_text(text: str = EVIDENCE_TEXT) -> bytes:
    """A valid PNG whose tEXt chunk carries `text` (a screenshot's metadata, say)."""
    return png_bytes(marker=text)


def eml_with_text(text: str = EVIDENCE_TEXT) -> bytes:
    """An .eml message whose sender is a canary address and whose body carries `text`."""
    return eml_bytes(marker=text, sender=CANARY_EMAIL)


def evidence_uploads() -> list[SimpleUploadedFile]:
    """Two evidence files whose names and bytes both carry canaries."""
    return [
        SimpleUploadedFile(f"{CANARY_WORKER} screenshot.png", png_with_text(), content_type="image/png"),
        SimpleUploadedFile(f"from {CANARY_SENDER}.eml", eml_with_text(), content_type="message/rfc822"),
    ]


def form_data(payload: dict[str, Any] | None = None, **overrides: Any) -> dict[str, Any]:
    """The POST body of the web report form for a ReportIn-shaped payload."""
    p = payload or valid_report_payload()
    sender = p.get("sender", {})
    data: dict[str, Any] = {
        "submission_token": overrides.pop("submission_token", "f" * 32),
        "occurred_on": p["occurred_on"],
        "occurred_time": p.get("occurred_time", ""),
        "state": p["state"],
        "county": p.get("county", ""),
        "channel": p["channel"],
        "platform": p.get("platform", ""),
        "threat_types": list(p["threat_types"]),
        "target_role": p["target_role"],
        "election_phase": p.get("election_phase", "unknown"),
        "message_text": p.get("message_text", ""),
        "narrative": p["narrative"],
        "sender_name": sender.get("name", ""),
        "sender_phones": "\n".join(sender.get("phones", [])),
        "sender_emails": "\n".join(sender.get("emails", [])),
        "sender_handles": "\n".join(sender.get("handles", [])),
        "sender_description": sender.get("description", ""),
        "contact_name": CANARY_WORKER,
        "contact_email": CANARY_EMAIL,
        "contact_phone": "602-555-0199",
        "reporter_consent": ["office"],  # ticked when the form opens
    }
    data.update(overrides)
    return data


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def api_submit(user: User, body: dict[str, Any]) -> Any:
    """POST /api/reports with `body`, as `user` through a token of theirs; the response."""
    token = token_create(actor=None, user=user, name="test")
    headers = {"Authorization": f"Bearer {token}"}
    return Client().post("/api/reports", json.dumps(body), content_type="application/json", headers=headers)


@dataclass
class Planted:
    """What `plant_everywhere` stored: report codes per path, the reporter's API token, and the
    secret of the worker's authenticator app (hex)."""

    form_codes: list[str] = field(default_factory=list)
    signed_in_codes: list[str] = field(default_factory=list)
    api_codes: list[str] = field(default_factory=list)
    import_codes: list[str] = field(default_factory=list)
    token: str = ""
    authenticator_key: str = ""

    @property
    def all_codes(self) -> list[str]:
        return self.form_codes + self.signed_in_codes + self.api_codes + self.import_codes


def plant_by_form(client: Client, submission_token: str = "f" * 32) -> str:
    """File a report through /report/ (anonymously unless `client` is signed in) with two
    canary-laden evidence files."""
    data = form_data(planted_payload(), submission_token=submission_token)
    response = client.post("/report/", {**data, "evidence": evidence_uploads()})
    if response.status_code != 302:
        raise AssertionError(f"the form refused the report: {response.status_code}")
    return str(response["Location"]).rstrip("/").rsplit("/", 1)[-1]


def canary_account(personas: Personas, *, username: str = "maricopa-clerk-7", role: str = Role.REPORTER) -> User:
    """The canary worker's own account at the Maricopa office: her name and address, as the
    administrator enters them."""
    first, last = CANARY_WORKER.split(" ", 1)
    return user_create(
        actor=personas.admin,
        username=username,
        password=PASSWORD,
        role=role,
        email=CANARY_EMAIL,
        first_name=first,
        last_name=last,
        office=personas.office,
    )


def plant_signed_in(account: User) -> str:
    """She signs in and files a report herself, so her account's name is what redaction uses."""
    client = Client()
    client.force_login(account)
    return plant_by_form(client, submission_token="e" * 32)


def plant_authenticator(account: User) -> str:
    """She sets up her authenticator app on the two-factor page; its secret, in hex."""
    client = Client()
    client.force_login(account)
    client.get("/account/two-factor/")
    device = TOTPDevice.objects.get(user=account, confirmed=False)
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if client.post("/account/two-factor/", {"token": f"{code:0{device.digits}d}"}).status_code != 302:
        raise AssertionError("the two-factor page refused the code")
    return device.key


def plant_by_api(client: Client, token: str) -> str:
    """POST /api/reports, then attach a PNG through POST /api/reports/{code}/evidence."""
    response = client.post(
        "/api/reports",
        data=json.dumps(planted_payload()),
        content_type="application/json",
        headers={"Idempotency-Key": "planting-1"},
        **bearer(token),  # type: ignore[arg-type]
    )
    if response.status_code != 201:
        raise AssertionError(f"the API refused the report: {response.content!r}")
    code = str(response.json()["code"])
    upload = SimpleUploadedFile(f"{CANARY_CHILD}.png", png_with_text(), content_type="image/png")
    attached = client.post(f"/api/reports/{code}/evidence", {"file": upload}, **bearer(token))  # type: ignore[arg-type]
    if attached.status_code != 201:
        raise AssertionError(f"the API refused the evidence: {attached.content!r}")
    return code


def plant_by_import(actor: Any) -> list[str]:
    rows = [
        ImportRow(line=1, data=ReportIn.model_validate(planted_payload()), external_id="canary-1"),
        ImportRow(
            line=2,
            data=ReportIn.model_validate(
                planted_payload(channel="letter", narrative=f"A letter to {CANARY_WORKER} at {CANARY_ADDRESS}.")
            ),
        ),
    ]
    return [r.public_code for r in reports_import(actor=actor, rows=rows)]


def filed_by_reporter(personas: Personas, *, source: str = "web", **overrides: Any) -> Report:
    """A report the persona `reporter` filed, signed in, with the valid payload (and `overrides`):
    the worker's own words, canaries included, as the tests of what follows a report start."""
    data = ReportIn.model_validate(valid_report_payload(**overrides))
    return report_submit(actor=personas.reporter, data=data, source=source).report


def protect_canaries(personas: Personas) -> tuple[ProtectedPerson, ProtectedPerson]:
    """Record the canary worker and her son as the Maricopa office's protected persons, the way
    its manager would, so that redaction knows them."""
    worker = protected_person_create(
        actor=personas.manager,
        office=personas.office,
        data=ProtectedPersonIn(
            kind="worker",
            full_name=CANARY_WORKER,
            phones=[CANARY_PHONE],
            emails=[CANARY_EMAIL],
            addresses=[f"{CANARY_ADDRESS}, Phoenix, AZ 85004"],
        ),
    )
    child = protected_person_create(
        actor=personas.manager,
        office=personas.office,
        data=ProtectedPersonIn(kind="family", relationship="child", worker=worker.public_code, full_name=CANARY_CHILD),
    )
    return worker, child


def plant_everywhere(personas: Personas, *, protect: bool = True) -> Planted:
    """Canaries in by every way in; `protect=False` when the caller recorded the protected
    persons itself (through the manager's form, say)."""
    planted = Planted()
    if protect:
        worker, _child = protect_canaries(personas)
        # A reason typed into the audit trail that names her, as people do.
        protected_person_view(actor=personas.manager, person=worker, reason=f"Call {CANARY_WORKER} back at {CANARY_PHONE}")
    planted.form_codes.append(plant_by_form(Client()))
    account = canary_account(personas)
    planted.signed_in_codes.append(plant_signed_in(account))
    planted.authenticator_key = plant_authenticator(account)
    planted.token = token_create(actor=personas.admin, user=personas.reporter, name="planting")
    planted.api_codes.append(plant_by_api(Client(), planted.token))
    planted.import_codes += plant_by_import(personas.admin)
    return planted


def canaries_in(data: bytes | str) -> list[str]:
    """The canaries found in `data`: text, or bytes as UTF-8 or UTF-16, and inside bytes that
    are a ZIP (each member) or a PDF (its text), where a plain search sees compressed streams."""
    parts = [data] if isinstance(data, str) else [data, *_opened(data)]
    return [canary for canary in CANARIES if any(_holds(part, canary) for part in parts)]


def _holds(part: bytes | str, canary: str) -> bool:
    if isinstance(part, str):
        return canary in part
    return any(canary.encode(encoding) in part for encoding in ("utf-8", "utf-16-le", "utf-16-be"))


def _opened(data: bytes) -> list[bytes | str]:
    """What a PDF's pages say, or a ZIP's members and what they hold in turn; nothing for
    other bytes."""
    if data.startswith(b"%PDF"):
        return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    if not data.startswith(b"PK\x03\x04"):
        return []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [archive.read(name) for name in archive.namelist()]
    return [part for member in members for part in (member, *_opened(member))]
