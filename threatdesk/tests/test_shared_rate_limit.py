"""The receipt endpoint's rate limit is one budget for every worker, kept without the address.

Its counts are in Django's cache. Production keeps that in a database table (CACHE_URL), which
`manage.py migrate` creates; with a cache per process, N workers on M hosts would allow N*M times
the limit, and a restarted worker would start again from zero. Tests otherwise keep their cache in
memory, so here the database cache is switched on for the test, or used by child processes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from threatdesk import settings as settings_module
from threatdesk.accounts.throttle import address_pseudonym
from threatdesk.testing.environments import production_environment

TABLE = "threatdesk_cache"
HOME = "203.0.113.9"
UNKNOWN = "/api/receipts/R-0000-0000-0000-0000"


@pytest.fixture
def database_cache(settings: Any, db: Any) -> None:
    """The cache as production has it; the test's transaction takes the table away again."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": TABLE}}
    assert TABLE not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)


def cache_rows() -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key, value, expires FROM {TABLE}")  # noqa: S608  (a fixed name)
        return list(cursor.fetchall())


def test_migrate_creates_the_cache_table(database_cache: None) -> None:
    assert TABLE in connection.introspection.table_names()
    call_command("migrate", verbosity=0)  # and does nothing the next time


def test_two_clients_share_one_budget_and_the_table_holds_no_address(database_cache: None) -> None:
    first, second = Client(REMOTE_ADDR=HOME), Client(REMOTE_ADDR=HOME)
    assert [first.get(UNKNOWN).status_code for _ in range(20)] == [404] * 20
    assert [second.get(UNKNOWN).status_code for _ in range(11)] == [404] * 10 + [429]
    assert Client(REMOTE_ADDR="198.51.100.7").get(UNKNOWN).status_code == 404  # another address, its own budget
    rows = cache_rows()
    assert len(rows) == 2
    assert f"throttle_anon_{address_pseudonym(HOME)}" in rows[0][0] + rows[1][0]
    assert HOME not in repr(rows) and "198.51.100.7" not in repr(rows)


# One worker process: Django set up afresh, then 20 calls from one address through the receipt
# endpoint's throttle, counting the calls it lets through.
WORKER = """
import django
django.setup()
from django.core.management import call_command
from django.test import RequestFactory
from threatdesk.accounts.throttle import AddressRateThrottle
from threatdesk.reports.selectors import RECEIPT_RATE
call_command("createcachetable", verbosity=0)
throttle = AddressRateThrottle(RECEIPT_RATE)
request = RequestFactory().get("/api/receipts/R-0000-0000-0000-0000", REMOTE_ADDR="203.0.113.9")
print(sum(throttle.allow_request(request) for _ in range(20)))
"""


def run_worker(env: dict[str, str]) -> int:
    command = [sys.executable, "-c", WORKER]
    done = subprocess.run(command, cwd=settings_module.BASE_DIR, env=env, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return int(done.stdout.split()[-1])


@pytest.mark.parametrize(
    "environment,allowed",
    [
        # Production's own default: the database cache. 30 a minute, whichever worker answers.
        (production_environment(), [20, 10]),
        # A cache per process, as before: each worker counted its own 30.
        ({"THREATDESK_ENV": "test", "CACHE_URL": "locmem://"}, [20, 20]),
    ],
    ids=["production", "a-cache-per-process"],
)
def test_two_worker_processes_share_one_budget(environment: dict[str, str], allowed: list[int], tmp_path: Path) -> None:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "threatdesk.settings",
        **settings_module._TEST_SECRETS,
        "CACHE_URL": "",
        "DEBUG": "false",
        "THREATDESK_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        **environment,
    }
    assert [run_worker(env), run_worker(env)] == allowed
