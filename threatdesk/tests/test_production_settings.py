"""What production refuses to start without, and what it chooses by default.

Settings are read once, when the module is imported, so each case imports it afresh in a child
process with the environment under test. Every variable the rules read is given, empty where it
is meant to be unset, so that in the cases run as development a developer's `.env` cannot fill
the gap (production reads no `.env`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from threatdesk import settings as settings_module
from threatdesk.lib import envfile
from threatdesk.testing.environments import production_environment

ROOT = Path(settings_module.BASE_DIR)
SHOW = (
    "import json, threatdesk.settings as s; print(json.dumps({'SITE_URL': s.SITE_URL, 'CACHES': s.CACHES,"
    " 'ALLOWED_HOSTS': s.ALLOWED_HOSTS, 'EMAIL_BACKEND': s.EMAIL_BACKEND, 'DEFAULT_FROM_EMAIL': s.DEFAULT_FROM_EMAIL,"
    " 'REQUIRE_TWO_FACTOR': s.REQUIRE_TWO_FACTOR, 'AXES_ENABLED': s.AXES_ENABLED,"
    " 'NOTIFICATION_DELIVERY': s.NOTIFICATION_DELIVERY}))"
)
DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"


production = production_environment


def load(env: dict[str, str], tmp_path: Path, show: str = SHOW) -> subprocess.CompletedProcess[str]:
    full = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "THREATDESK_VAR_DIR": str(tmp_path), **env}
    return subprocess.run(
        [sys.executable, "-c", show], cwd=ROOT, env=full, capture_output=True, text=True, timeout=60, check=False
    )


def loaded(env: dict[str, str], tmp_path: Path, show: str = SHOW) -> dict[str, Any]:
    done = load(env, tmp_path, show)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])


# The settings read `.env` in the project folder. So as not to write there, the child process
# hands them a temporary file instead, through the same function of python-dotenv.
WITH_DOTENV = (
    "import json, sys, dotenv; read = dotenv.load_dotenv\n"
    "dotenv.load_dotenv = lambda path, **options: read(sys.argv[1], **options)\n"
    "import threatdesk.settings as s\n"
    "print(json.dumps({'DEBUG': s.DEBUG, 'SECRET_KEY': s.SECRET_KEY, 'FIELD_KEYS': s.FIELD_KEYS}))"
)


def load_with_dotenv(env: dict[str, str], dotenv: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "dotenv"
    path.write_text(dotenv)
    full = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "THREATDESK_VAR_DIR": str(tmp_path), **env}
    return subprocess.run(
        [sys.executable, "-c", WITH_DOTENV, str(path)],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def refusal(env: dict[str, str], tmp_path: Path) -> str:
    done = load(env, tmp_path)
    assert done.returncode != 0, f"started with {env}"
    assert "ImproperlyConfigured" in done.stderr
    return done.stderr.strip().splitlines()[-1]


def test_the_production_environment_here_starts(tmp_path: Path) -> None:
    assert loaded(production(), tmp_path)["SITE_URL"] == "https://threatdesk.example.gov"


def test_production_refuses_to_start_without_site_url(tmp_path: Path) -> None:
    """Otherwise every link in notification mail would point to 127.0.0.1."""
    assert "SITE_URL is not set" in refusal(production(SITE_URL=""), tmp_path)
    assert "SITE_URL is not set" in refusal(production(SITE_URL="  "), tmp_path)


@pytest.mark.parametrize(
    "name,hint",
    [
        ("ALLOWED_HOSTS", "host names"),
        ("EMAIL_BACKEND", "urgent reports are mailed"),
        ("DEFAULT_FROM_EMAIL", "mail servers refuse"),
    ],
)
def test_production_refuses_to_start_without_what_mail_and_hosts_need(name: str, hint: str, tmp_path: Path) -> None:
    """The development defaults (127.0.0.1, mail printed to the console, sent from localhost) would
    fail quietly: an urgent report's mail would reach no manager."""
    refused = refusal(production(**{name: ""}), tmp_path)
    assert f"{name} is not set" in refused and hint in refused


def test_production_takes_hosts_and_mail_as_given(tmp_path: Path) -> None:
    shown = loaded(production(ALLOWED_HOSTS="threatdesk.example.gov, intake.example.gov"), tmp_path)
    assert shown["ALLOWED_HOSTS"] == ["threatdesk.example.gov", "intake.example.gov"]
    assert shown["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert shown["DEFAULT_FROM_EMAIL"] == "threatdesk@example.gov"


def test_development_keeps_its_defaults(tmp_path: Path) -> None:
    empty = {"ALLOWED_HOSTS": "", "EMAIL_BACKEND": "", "DEFAULT_FROM_EMAIL": ""}
    shown = loaded(production(THREATDESK_ENV="development", **empty), tmp_path)
    assert shown["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost", "testserver"]
    assert shown["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_production_refuses_a_plain_http_site_url_while_it_redirects_to_https(tmp_path: Path) -> None:
    assert "must start with https://" in refusal(production(SITE_URL="http://threatdesk.example.gov"), tmp_path)


def test_a_site_served_over_plain_http_on_purpose_may_link_over_http(tmp_path: Path) -> None:
    """SECURE_SSL_REDIRECT=false says so, as the benchmark does (no TLS proxy in front)."""
    env = production(SITE_URL="http://127.0.0.1:8000/", SECURE_SSL_REDIRECT="false")
    assert loaded(env, tmp_path)["SITE_URL"] == "http://127.0.0.1:8000"


def test_development_links_to_the_local_server_by_default(tmp_path: Path) -> None:
    env = production(THREATDESK_ENV="development", SITE_URL="")
    assert loaded(env, tmp_path)["SITE_URL"] == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    "value",
    [
        "threatdesk.example.gov",
        "threatdesk.example.gov:443",
        "ftp://threatdesk.example.gov",
        "https://",
        "https:///reports",
        "https://threatdesk.example.gov/threatdesk",
        "https://threatdesk.example.gov/?next=/",
        "https://threatdesk.example.gov/#top",
        "https://clerk:secret@threatdesk.example.gov",
        "https://threatdesk.example.gov:https",
    ],
)
def test_site_url_must_be_an_origin(value: str) -> None:
    """Scheme, host and port, in every environment: links are the origin and the page's path."""
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        settings_module._site_url(value, https_only=False)


@pytest.mark.parametrize(
    "value,origin",
    [
        ("https://threatdesk.example.gov/", "https://threatdesk.example.gov"),
        ("HTTPS://threatdesk.example.gov:8443", "https://threatdesk.example.gov:8443"),
        (" http://[2001:db8::1]:8000 ", "http://[2001:db8::1]:8000"),
    ],
)
def test_site_url_is_kept_as_its_origin(value: str, origin: str) -> None:
    assert settings_module._site_url(value, https_only=False) == origin


def test_production_keeps_its_cache_in_the_database_for_every_worker_to_share(tmp_path: Path) -> None:
    """The API's rate limits count there: one count for all workers on all hosts."""
    cache = loaded(production(), tmp_path)["CACHES"]["default"]
    assert cache["BACKEND"] == DATABASE_CACHE
    assert cache["LOCATION"] == "threatdesk_cache"


def test_production_refuses_a_cache_of_its_own_per_process(tmp_path: Path) -> None:
    assert "one cache per process" in refusal(production(CACHE_URL="locmem://"), tmp_path)


def test_cache_url_names_another_table(tmp_path: Path) -> None:
    cache = loaded(production(CACHE_URL="db://shared_cache"), tmp_path)["CACHES"]["default"]
    assert (cache["BACKEND"], cache["LOCATION"]) == (DATABASE_CACHE, "shared_cache")


def test_development_uses_the_database_cache_too_and_tests_their_own_memory(tmp_path: Path) -> None:
    assert loaded(production(THREATDESK_ENV="development"), tmp_path)["CACHES"]["default"]["BACKEND"] == DATABASE_CACHE
    assert settings_module.CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.parametrize("url", ["redis://127.0.0.1:6379", "db://", "db://cache; DROP TABLE x", "locmem://x", "threatdesk_cache"])
def test_cache_url_must_be_one_the_settings_know(url: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL must be"):
        settings_module._cache(url)


def test_a_negative_count_of_trusted_proxies_is_refused(tmp_path: Path) -> None:
    """It would make the address be read from the wrong end of X-Forwarded-For, or fail on it."""
    assert "TRUSTED_PROXIES counts proxies" in refusal(production(TRUSTED_PROXIES="-1"), tmp_path)


def test_production_requires_two_factor_of_staff_unless_told_otherwise(tmp_path: Path) -> None:
    assert loaded(production(), tmp_path)["REQUIRE_TWO_FACTOR"] is True
    assert loaded(production(REQUIRE_TWO_FACTOR="false"), tmp_path)["REQUIRE_TWO_FACTOR"] is False
    assert loaded(production(THREATDESK_ENV="development"), tmp_path)["REQUIRE_TWO_FACTOR"] is False


def test_an_empty_yes_no_setting_keeps_its_default(tmp_path: Path) -> None:
    """`AXES_ENABLED=` left empty in a file of settings must not turn the sign-in throttle off."""
    assert loaded(production(AXES_ENABLED="", REQUIRE_TWO_FACTOR=" "), tmp_path) == loaded(production(), tmp_path)
    assert loaded(production(AXES_ENABLED=""), tmp_path)["AXES_ENABLED"] is True


@pytest.mark.parametrize("value", ["ture", "enabled", "2"])
def test_a_yes_no_setting_that_is_neither_is_refused(value: str, tmp_path: Path) -> None:
    """A typo must not turn two-factor sign-in off in production."""
    assert "REQUIRE_TWO_FACTOR must be true or false" in refusal(production(REQUIRE_TWO_FACTOR=value), tmp_path)


def test_production_sends_mail_from_a_thread_of_its_own_and_refuses_an_unknown_way(tmp_path: Path) -> None:
    assert loaded(production(), tmp_path)["NOTIFICATION_DELIVERY"] == "thread"
    assert "NOTIFICATION_DELIVERY must be thread or inline" in refusal(production(NOTIFICATION_DELIVERY="later"), tmp_path)


@pytest.mark.parametrize(
    "env,words",
    [
        ({"EVIDENCE_MAX_FILES": "0"}, "EVIDENCE_MAX_FILES must be 1 to 100"),
        ({"EVIDENCE_MAX_FILES": "101"}, "EVIDENCE_MAX_FILES must be 1 to 100"),
        ({"EVIDENCE_MAX_BYTES": "0"}, "EVIDENCE_MAX_BYTES must be at least 1"),
        ({"EVIDENCE_MAX_TOTAL_BYTES": "1000"}, "must be at least EVIDENCE_MAX_BYTES"),
        ({"EVIDENCE_MAX_PER_REPORT": "9"}, "EVIDENCE_MAX_PER_REPORT (9) must be at least EVIDENCE_MAX_FILES (10)"),
    ],
    ids=["no-files", "past-django", "no-bytes", "total-below-one-file", "report-below-one-sending"],
)
def test_evidence_limits_that_would_refuse_every_file_or_go_past_django_are_refused(
    env: dict[str, str], words: str, tmp_path: Path
) -> None:
    """A form with no room for one file, or a count past the one Django answers 400 at, would not
    say what the limit is."""
    assert words in refusal(production(**env), tmp_path)


# Base64 of 32 bytes; the key rings below differ only in how they are written.
A_KEY = "A" * 43 + "="


@pytest.mark.parametrize(
    "value,words",
    [
        ("changeme", "PSEUDONYM_KEY must be at least 32 bytes once decoded, not 6"),
        ("abcd", "PSEUDONYM_KEY must be at least 32 bytes once decoded, not 3"),
        ("!!!!", "PSEUDONYM_KEY is not valid base64"),
    ],
)
def test_production_refuses_a_pseudonym_key_that_is_not_a_real_key(value: str, words: str, tmp_path: Path) -> None:
    """Decoded loosely, "!!!!" is an empty HMAC key and "changeme" a 6-byte one: anyone holding the
    database could then confirm a guessed phone, email or reason against its keyed hashes."""
    assert words in refusal(production(PSEUDONYM_KEY=value), tmp_path)


@pytest.mark.parametrize(
    "value,words",
    [
        ("k1:short", "FIELD_KEYS key k1 is not valid base64"),
        ("k1:c2hvcnQ=", "FIELD_KEYS key k1 must be 32 bytes"),
        ("not a key ring", "each FIELD_KEYS entry must read id:base64key"),
        (f"k1:{A_KEY},k1:{A_KEY}", "FIELD_KEYS key id k1 appears twice"),
    ],
)
def test_production_refuses_a_malformed_field_key_ring(value: str, words: str, tmp_path: Path) -> None:
    """Started with it, every request that touches an encrypted field would fail instead."""
    assert words in refusal(production(FIELD_KEYS=value), tmp_path)


@pytest.mark.parametrize("value", ["-1", "0", "nan", "inf", "1e9", "three"])
def test_production_refuses_a_retention_period_that_is_not_a_period(value: str, tmp_path: Path) -> None:
    """-1 would put the cutoff in the future and erase every closed report at the next run, for
    good; nan, inf and a period past any date make the run fail."""
    refused = refusal(production(RETENTION_REPORT_WORDS_YEARS=value), tmp_path)
    assert "RETENTION_REPORT_WORDS_YEARS must be a number of years above 0 and at most 1000" in refused
    assert refused.endswith(f"not {value!r}")


def test_a_retention_period_may_be_a_fraction_of_a_year(tmp_path: Path) -> None:
    assert loaded(production(RETENTION_REPORTER_YEARS="0.5"), tmp_path)["SITE_URL"] == "https://threatdesk.example.gov"


def test_the_development_secrets_make_writes_pass_the_key_checks(tmp_path: Path) -> None:
    """`make .env` (threatdesk/lib/envfile.py) writes the keys `make run` starts with."""
    written = dict(line.split("=", 1) for line in envfile.render().splitlines() if line and not line.startswith("#"))
    assert loaded(production(**written, SITE_URL=""), tmp_path)["SITE_URL"] == "http://127.0.0.1:8000"


def development_dotenv() -> tuple[str, dict[str, str]]:
    text = envfile.render()
    return text, dict(line.split("=", 1) for line in text.splitlines() if line and not line.startswith("#"))


def test_production_reads_no_dotenv(tmp_path: Path) -> None:
    """A development `.env` left on a production host would turn DEBUG on and swap in its keys."""
    text, written = development_dotenv()
    done = load_with_dotenv(production(), text, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    shown = json.loads(done.stdout.splitlines()[-1])
    assert written["DEBUG"] == "true" and shown["DEBUG"] is False
    assert shown["SECRET_KEY"] == settings_module._TEST_SECRETS["SECRET_KEY"] != written["SECRET_KEY"]


def test_production_named_only_in_dotenv_is_refused(tmp_path: Path) -> None:
    """Production must be chosen by the environment, which then gives every setting."""
    done = load_with_dotenv({}, "THREATDESK_ENV=production\n", tmp_path)
    assert done.returncode != 0
    assert "THREATDESK_ENV=production is set in .env, but production reads no .env" in done.stderr


def test_development_fills_what_the_environment_leaves_unset_from_dotenv(tmp_path: Path) -> None:
    """What `make run` relies on; the environment still wins for what it sets."""
    text, written = development_dotenv()
    done = load_with_dotenv({"SECRET_KEY": "x" * 50}, text, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    shown = json.loads(done.stdout.splitlines()[-1])
    assert shown == {"DEBUG": True, "SECRET_KEY": "x" * 50, "FIELD_KEYS": written["FIELD_KEYS"]}


SHOW_STORAGE = "import json, threatdesk.settings as s; print(json.dumps(s.STORAGES['default'], default=str))"


def evidence_storage(env: dict[str, str], tmp_path: Path) -> dict[str, Any]:
    return loaded(env, tmp_path, SHOW_STORAGE)


def test_evidence_stays_in_the_local_folder_unless_a_bucket_is_named(tmp_path: Path) -> None:
    assert evidence_storage(production(EVIDENCE_S3_BUCKET=""), tmp_path) == {
        "BACKEND": "threatdesk.reports.storage.SyncedFileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "evidence")},
    }


def test_a_named_bucket_takes_the_evidence_with_its_endpoint_region_prefix_and_style(tmp_path: Path) -> None:
    env = production(
        EVIDENCE_S3_BUCKET="county-evidence.example",
        EVIDENCE_S3_ENDPOINT_URL="https://minio.internal.example.gov:9000",
        EVIDENCE_S3_REGION="us-gov-west-1",
        EVIDENCE_S3_PREFIX="/threatdesk/evidence/",
        EVIDENCE_S3_ADDRESSING_STYLE="Path",
    )
    assert evidence_storage(env, tmp_path) == {
        "BACKEND": "threatdesk.reports.storage.EvidenceS3Storage",
        "OPTIONS": {
            "bucket_name": "county-evidence.example",
            "location": "threatdesk/evidence",
            "endpoint_url": "https://minio.internal.example.gov:9000",
            "region_name": "us-gov-west-1",
            "addressing_style": "path",
        },
    }


def test_a_bucket_alone_takes_aws_defaults_and_the_evidence_prefix(tmp_path: Path) -> None:
    options = evidence_storage(production(EVIDENCE_S3_BUCKET="threatdesk-evidence"), tmp_path)["OPTIONS"]
    assert options == {
        "bucket_name": "threatdesk-evidence",
        "location": "evidence",
        "endpoint_url": None,
        "region_name": None,
        "addressing_style": "auto",
    }


@pytest.mark.parametrize(
    "env,words",
    [
        ({"EVIDENCE_S3_BUCKET": "Evidence_Bucket"}, "EVIDENCE_S3_BUCKET must be a bucket name"),
        ({"EVIDENCE_S3_BUCKET": "ab"}, "EVIDENCE_S3_BUCKET must be a bucket name"),
        (
            {"EVIDENCE_S3_BUCKET": "threatdesk-evidence", "EVIDENCE_S3_ENDPOINT_URL": "minio:9000"},
            "EVIDENCE_S3_ENDPOINT_URL must be an http:// or https:// address",
        ),
        (
            {"EVIDENCE_S3_BUCKET": "threatdesk-evidence", "EVIDENCE_S3_ADDRESSING_STYLE": "subdomain"},
            "EVIDENCE_S3_ADDRESSING_STYLE must be auto, path or virtual",
        ),
    ],
    ids=["upper-case", "too-short", "endpoint-without-scheme", "unknown-style"],
)
def test_evidence_storage_settings_that_cannot_work_are_refused_at_start(env: dict[str, str], words: str, tmp_path: Path) -> None:
    assert words in refusal(production(**env), tmp_path)
