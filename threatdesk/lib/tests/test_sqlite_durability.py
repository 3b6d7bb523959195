"""On SQLite a commit is on disk before the report it stored is acknowledged."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own durability setting")
def test_every_sqlite_connection_syncs_each_commit_to_disk():
    """In WAL mode, synchronous=NORMAL (1) lets a commit that already returned roll back after a
    power cut or a crash of the machine: a receipt shown, then no report. FULL (2) syncs at
    every commit."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        (level,) = cursor.fetchone()
    assert level == 2
