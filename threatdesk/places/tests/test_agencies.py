"""The agency directory loads, loads again without duplicates, and leaves no state uncovered."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
import us
from django.core.management import CommandError, call_command

from threatdesk.audit.models import AuditEvent
from threatdesk.places.models import Agency, State
from threatdesk.places.services import AgencyFileError, agencies_load, agencies_read

pytestmark = pytest.mark.django_db

STATES_AND_DC = [s.abbr for s in us.states.STATES] + ["DC"]


def test_file_loads_every_entry():
    result = agencies_load()
    assert result.created == result.total == Agency.objects.count()
    assert Agency.objects.filter(kind=Agency.Kind.FBI_FIELD_OFFICE).count() >= 55
    assert AuditEvent.objects.filter(action="places.agencies.loaded").count() == 1


def test_loading_twice_changes_nothing():
    agencies_load()
    count = Agency.objects.count()
    again = agencies_load()
    assert again.created == again.updated == 0
    assert again.unchanged == count == Agency.objects.count()


def test_reload_repairs_an_edited_agency():
    agencies_load()
    phoenix = Agency.objects.get(name="FBI Phoenix Field Office")
    phoenix.kind = Agency.Kind.OTHER
    phoenix.save()
    phoenix.covers_states.clear()
    result = agencies_load()
    phoenix.refresh_from_db()
    assert result.updated == 1
    assert phoenix.kind == Agency.Kind.FBI_FIELD_OFFICE
    assert list(phoenix.covers_states.values_list("code", flat=True)) == ["AZ"]


def test_every_state_has_state_police_an_attorney_general_and_an_fbi_office():
    agencies_load()

    def codes(**where: object) -> set[str]:
        return set(State.objects.filter(**where).values_list("code", flat=True))

    assert set(STATES_AND_DC) - codes(agencies__kind=Agency.Kind.STATE_POLICE) == set()
    assert set(STATES_AND_DC) - codes(agencies__kind=Agency.Kind.STATE_PROSECUTOR) == set()
    assert set(STATES_AND_DC) - codes(covering_agencies__kind=Agency.Kind.FBI_FIELD_OFFICE) == set()


def test_split_states_list_every_field_office():
    agencies_load()
    texas = Agency.objects.filter(covers_states__code="TX", kind=Agency.Kind.FBI_FIELD_OFFICE)
    assert sorted(texas.values_list("name", flat=True)) == [
        "FBI Dallas Field Office",
        "FBI El Paso Field Office",
        "FBI Houston Field Office",
        "FBI San Antonio Field Office",
    ]


def test_postal_inspectors_are_national():
    agencies_load()
    usps = Agency.objects.get(kind=Agency.Kind.POSTAL_INSPECTION)
    assert usps.state is None
    assert usps.covers_states.count() == State.objects.count()
    assert agencies_load().unchanged == Agency.objects.count()  # a national agency is matched too


def test_every_entry_names_a_known_kind_and_state():
    rows = agencies_read()
    assert all(row.kind in Agency.Kind.values for row in rows)
    assert len({(row.name, row.state) for row in rows}) == len(rows)


def test_bad_file_names_the_entry_and_loads_nothing(tmp_path: Path):
    bad = tmp_path / "agencies.yaml"
    bad.write_text(
        "agencies:\n"
        "  - {name: Good Agency, kind: state_police, state: AZ}\n"
        "  - {name: Bad Agency, kind: state_police, state: ZZ}\n",
        encoding="utf-8",
    )
    with pytest.raises(AgencyFileError, match=r"entry 2 \(Bad Agency\): unknown state code 'ZZ'"):
        agencies_load(bad)
    assert not Agency.objects.exists()


# A good entry, then the one under test.
AFTER_A_GOOD_ENTRY = "agencies:\n  - {{name: Good Agency, kind: state_police, state: AZ}}\n  - {entry}\n"


@pytest.mark.parametrize(
    ("entry", "encoding", "message"),
    [
        ("{name: Café Police, kind: state_police, state: AZ}", "latin-1", r"line 3 is not UTF-8 text"),
        ("{name: X Office, kind: state_police, state: [AZ]}", "utf-8", r"entry 2 \(X Office\): state must be one state code"),
        ("{name: {a: 1}, kind: state_police, state: AZ}", "utf-8", r"entry 2: name must be text, not dict"),
        (f"{{name: {'X' * 201}, kind: state_police, state: AZ}}", "utf-8", r"entry 2: name is 201 characters long; at most 200"),
        ('{name: "Police\\0Dept", kind: state_police, state: AZ}', "utf-8", r"entry 2: name holds .* cannot be shown: U\+0000"),
        ("{name: X Office, kind: state_police, state: AZ, 7: x}", "utf-8", r"entry 2 \(X Office\): unknown key\(s\) 7"),
    ],
    ids=["not-utf-8", "state-a-list", "name-a-mapping", "name-too-long", "name-with-a-nul", "key-a-number"],
)
def test_an_entry_the_directory_cannot_hold_is_named_and_nothing_is_loaded(
    tmp_path: Path, entry: str, encoding: str, message: str
) -> None:
    bad = tmp_path / "agencies.yaml"
    bad.write_bytes(AFTER_A_GOOD_ENTRY.format(entry=entry).encode(encoding))
    with pytest.raises(CommandError, match=f"{message}.*; nothing was loaded"):
        call_command("load_agencies", str(bad))
    assert not Agency.objects.exists()


def test_command_reports_counts():
    out = StringIO()
    call_command("load_agencies", stdout=out)
    assert f"{Agency.objects.count()} created, 0 updated, 0 unchanged" in out.getvalue()


def test_command_refuses_a_missing_file(tmp_path: Path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("load_agencies", str(tmp_path / "missing.yaml"))
