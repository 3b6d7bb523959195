"""The statute files all load and pass their checks, and a bad file fails naming file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from threatdesk.laws import statutes

# The states with a file of their own (Delaware's holds no provisions).
STATES_WITH_FILES = {
    *("AL", "AZ", "CA", "CO", "CT", "DE", "GA", "IL", "MD", "ME"),
    *("MI", "MN", "NC", "NM", "NV", "OR", "PA", "VT", "WA", "WI"),
}


def all_provisions() -> list[statutes.Provision]:
    return [p for f in statutes.all_files().values() for p in f.provisions]


def test_every_file_loads_and_the_states_with_files_are_all_there() -> None:
    files = statutes.load_directory(statutes.STATUTES_DIR)  # fresh read, not the cache
    assert "federal" in files
    assert {f.jurisdiction for f in files.values() if not f.is_federal} == STATES_WITH_FILES


def test_federal_file_holds_the_main_federal_provisions() -> None:
    citations = {p.citation for p in statutes.federal().provisions}
    for wanted in (
        "875(c)",
        "876(c)",
        "2261A(2)",
        "115",
        "1038",
        "844(e)",
        "52 U.S.C. 20511",
        "594",
        "241",
        "245(b)(1)(A)",
        "47 U.S.C. 223",
        "119",
    ):
        assert any(wanted in citation for citation in citations), wanted


def test_every_provision_has_a_source_url_and_unverified_ones_say_why() -> None:
    for provision in all_provisions():
        assert provision.source.startswith(("http://", "https://")), provision.citation
        assert provision.jurisdiction, provision.citation
        if not provision.verified:
            assert provision.verification_note, provision.citation


def test_each_file_has_a_reviewed_date_in_its_header() -> None:
    for path in statutes.STATUTES_DIR.glob("*.yaml"):
        assert "\nreviewed: " in path.read_text(encoding="utf-8"), path.name


def test_provisions_for_a_state_is_federal_then_state() -> None:
    az = statutes.provisions_for("az")
    assert az[0].jurisdiction == "federal"
    assert {p.jurisdiction for p in az} == {"federal", "AZ"}
    assert statutes.provisions_for("AZ") == az
    assert {p.jurisdiction for p in statutes.provisions_for("zz")} == {"federal"}


GOOD = """\
jurisdiction: ZZ
name: Testland
reviewed: 2026-01-01
provisions:
  - citation: T.C. 1
    title: A test
    summary: A test provision.
    conduct: [threat]
    channels: any
    protected_roles: any
    interstate: false
    penalty: null
    effective: null
    source: https://example.org/t1
    verified: true
"""


def write(tmp_path: Path, text: str, name: str = "zz.yaml") -> Path:
    (tmp_path / "federal.yaml").write_text(GOOD.replace("jurisdiction: ZZ", "jurisdiction: federal"), encoding="utf-8")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_loads(tmp_path: Path) -> None:
    files = statutes.load_directory(write(tmp_path, GOOD).parent)
    assert files["zz"].provisions[0].jurisdiction == "ZZ"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("channels: any", "channels: [carrier_pigeon]"), "provisions[0] (T.C. 1).channels"),
        (("conduct: [threat]", "conduct: [rudeness]"), "provisions[0] (T.C. 1).conduct"),
        (("source: https://example.org/t1", "source: see the code"), "provisions[0] (T.C. 1).source"),
        (("verified: true", "verified: false"), "verification_note"),
        (("    title: A test\n", ""), "provisions[0] (T.C. 1).title"),
        (("reviewed: 2026-01-01", "reviewed: soon"), "reviewed"),
        (("interstate: false", "interstate: true"), "federal_element"),
    ],
)
def test_a_malformed_file_fails_naming_file_and_field(tmp_path: Path, change: tuple[str, str], field: str) -> None:
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(statutes.StatuteDataError) as caught:
        statutes.load_file(path)
    assert "zz.yaml" in str(caught.value)
    assert field in str(caught.value)


def test_file_name_must_match_jurisdiction(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD, name="zy.yaml")
    with pytest.raises(statutes.StatuteDataError, match=r"zy\.yaml.*zz\.yaml"):
        statutes.load_file(path)


def test_duplicate_citations_and_bad_yaml_fail(tmp_path: Path) -> None:
    twice = GOOD + GOOD[GOOD.index("  - citation") :]
    with pytest.raises(statutes.StatuteDataError, match="listed twice"):
        statutes.load_file(write(tmp_path, twice))
    with pytest.raises(statutes.StatuteDataError, match=r"zz\.yaml: cannot be read as YAML"):
        statutes.load_file(write(tmp_path, "provisions: [\n"))
