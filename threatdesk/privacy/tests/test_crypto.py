"""Encrypted fields: a fresh nonce per value, ciphertext bound to its table.column, tampering
detected, a key ring that explains what is wrong with it, and no filtering on sealed columns.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django.db import connection

from threatdesk.privacy import crypto
from threatdesk.privacy.crypto import DecryptionError, KeyRing, KeyRingError, KeySettingError
from threatdesk.reports.models import Report
from threatdesk.reports.schemas import ReportIn
from threatdesk.reports.services import report_submit
from threatdesk.testing.payloads import CANARY_WORKER
from threatdesk.testing.personas import Personas

KEY_A = base64.b64encode(b"A" * 32).decode()
KEY_B = base64.b64encode(b"B" * 32).decode()
AAD = "reports_report.narrative"


def _flip(token: str, index: int) -> str:
    prefix, key_id, body = token.split(":", 2)
    blob = bytearray(base64.b64decode(body))
    blob[index] ^= 0x01
    return f"{prefix}:{key_id}:{base64.b64encode(bytes(blob)).decode()}"


def test_same_plaintext_encrypts_differently_each_time() -> None:
    first, second = crypto.encrypt_text(CANARY_WORKER, AAD), crypto.encrypt_text(CANARY_WORKER, AAD)
    assert first != second
    assert crypto.decrypt_text(first, AAD) == crypto.decrypt_text(second, AAD) == CANARY_WORKER


def test_stored_form_names_the_format_and_the_key_and_hides_the_text() -> None:
    token = crypto.encrypt_text(CANARY_WORKER, AAD)
    assert token.startswith(f"td1:{crypto.ring().current_id}:")
    assert CANARY_WORKER not in token
    assert CANARY_WORKER.encode() not in base64.b64decode(token.split(":", 2)[2])


def test_value_opens_only_in_the_place_it_was_sealed_for() -> None:
    token = crypto.encrypt_text(CANARY_WORKER, AAD)
    with pytest.raises(DecryptionError, match="another place or tampered"):
        crypto.decrypt_text(token, "reports_report.message_text")


@pytest.mark.parametrize("index", [0, 11, 12, -1], ids=["nonce-start", "nonce-end", "ciphertext", "tag"])
def test_tampered_ciphertext_does_not_open(index: int) -> None:
    token = crypto.encrypt_text(CANARY_WORKER, AAD)
    with pytest.raises(DecryptionError):
        crypto.decrypt_text(_flip(token, index), AAD)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-8],
        lambda t: t.replace("td1:", "td9:", 1),
        lambda t: t.rsplit(":", 1)[0] + ":not base64!",
        lambda t: "plain text",
    ],
    ids=["truncated", "unknown-format", "bad-base64", "not-a-token"],
)
def test_malformed_stored_value_raises_decryption_error(mangle: Any) -> None:
    with pytest.raises(DecryptionError):
        crypto.decrypt_text(mangle(crypto.encrypt_text(CANARY_WORKER, AAD)), AAD)


def test_value_sealed_under_a_key_the_ring_lacks_names_the_missing_key() -> None:
    token = KeyRing.parse(f"old:{KEY_A}").encrypt(b"x", AAD)
    with pytest.raises(KeyRingError, match="no key old in FIELD_KEYS"):
        KeyRing.parse(f"new:{KEY_B}").decrypt(token, AAD)


def test_a_ring_with_several_keys_seals_with_the_first_and_opens_with_any() -> None:
    old = KeyRing.parse(f"old:{KEY_A}")
    both = KeyRing.parse(f"new:{KEY_B},old:{KEY_A}")
    assert both.current_id == "new"
    assert both.decrypt(old.encrypt(b"x", AAD), AAD) == b"x"
    assert crypto.key_id_of(both.encrypt(b"x", AAD)) == "new"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "FIELD_KEYS holds no key"),
        (" , ", "FIELD_KEYS holds no key"),
        (KEY_A, "must read id:base64key"),
        (f"k-1:{KEY_A}", "alphanumeric id"),
        ("k1:%%%notbase64%%%", "key k1 is not valid base64"),
        (f"k1:{base64.b64encode(b'short').decode()}", "key k1 must be 32 bytes (AES-256), not 5"),
        (f"k1:{KEY_A},k1:{KEY_B}", "key id k1 appears twice"),
    ],
    ids=["empty", "only-commas", "no-id", "bad-id", "bad-base64", "short-key", "duplicate-id"],
)
def test_key_ring_errors_say_what_is_wrong_without_showing_the_key(spec: str, message: str) -> None:
    with pytest.raises(KeyRingError) as caught:
        KeyRing.parse(spec)
    assert message in str(caught.value)
    for secret in (KEY_A, KEY_B, "%%%notbase64%%%"):
        assert secret not in str(caught.value)


@pytest.mark.django_db
@pytest.mark.parametrize("lookup", ["", "__exact", "__iexact", "__icontains", "__startswith", "__in", "__gt"])
def test_filtering_an_encrypted_field_raises(lookup: str) -> None:
    value: Any = [CANARY_WORKER] if lookup == "__in" else CANARY_WORKER
    with pytest.raises(TypeError, match=r"reports_report\.narrative is encrypted"):
        Report.objects.filter(**{f"narrative{lookup}": value})


@pytest.mark.django_db
def test_isnull_is_the_one_lookup_allowed_on_an_encrypted_field(personas: Personas, report_payload: dict[str, Any]) -> None:
    report_submit(actor=personas.reporter, data=ReportIn.model_validate(report_payload), source="api")
    assert Report.objects.filter(narrative__isnull=False).count() == 1
    assert Report.objects.filter(narrative__isnull=True).count() == 0


def _raw(column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {connection.ops.quote_name(column)} FROM reports_report WHERE id = %s", [pk])  # noqa: S608
        return str(cursor.fetchone()[0])


@pytest.mark.django_db
def test_ciphertext_copied_into_another_column_does_not_decrypt(personas: Personas, report_payload: dict[str, Any]) -> None:
    report = report_submit(actor=personas.reporter, data=ReportIn.model_validate(report_payload), source="api").report
    with connection.cursor() as cursor:
        cursor.execute("UPDATE reports_report SET sender_description = narrative WHERE id = %s", [report.pk])
    assert _raw("sender_description", report.pk) == _raw("narrative", report.pk)
    with pytest.raises(DecryptionError, match=r"reports_report\.sender_description"):
        Report.objects.get(pk=report.pk)


@pytest.mark.django_db
def test_tampered_column_fails_to_load_instead_of_showing_garbage(personas: Personas, report_payload: dict[str, Any]) -> None:
    report = report_submit(actor=personas.reporter, data=ReportIn.model_validate(report_payload), source="api").report
    with connection.cursor() as cursor:
        tampered = _flip(_raw("narrative", report.pk), 20)
        cursor.execute("UPDATE reports_report SET narrative = %s WHERE id = %s", [tampered, report.pk])
    with pytest.raises(DecryptionError):
        Report.objects.get(pk=report.pk)


@pytest.mark.django_db
def test_empty_text_is_sealed_not_stored_as_null(personas: Personas, report_payload: dict[str, Any]) -> None:
    data = ReportIn.model_validate({**report_payload, "message_text": "", "sender": {}})
    report = report_submit(actor=personas.reporter, data=data, source="api").report
    assert _raw("message_text", report.pk).startswith("td1:")
    loaded = Report.objects.get(pk=report.pk)
    assert loaded.message_text == ""
    assert loaded.sender_phones == []


def test_blind_index_matches_equal_identifiers_and_separates_kinds() -> None:
    assert crypto.blind_index("phone", "+16025550199") == crypto.blind_index("phone", "+16025550199")
    assert crypto.blind_index("phone", "+16025550199") != crypto.blind_index("handle", "+16025550199")
    assert "6025550199" not in crypto.blind_index("phone", "+16025550199")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("!!!!", "PSEUDONYM_KEY is not valid base64"),
        ("changeme", "PSEUDONYM_KEY must be at least 32 bytes once decoded, not 6"),
        ("", "PSEUDONYM_KEY must be at least 32 bytes once decoded, not 0"),
    ],
)
def test_a_pseudonym_key_too_weak_to_key_a_hash_is_refused(spec: str, message: str, settings: Any) -> None:
    """A settings override that bypasses the start-up check still keys no hash with it."""
    with pytest.raises(KeySettingError, match=message):
        crypto.parse_pseudonym_key(spec)
    settings.PSEUDONYM_KEY = spec
    with pytest.raises(KeySettingError, match=message):
        crypto.blind_index("phone", "+16025550199")
