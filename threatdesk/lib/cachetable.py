"""The database cache's table, made by `manage.py migrate` so that no deployment goes without it.

Django's database cache (the default cache outside tests: CACHE_URL in settings) keeps its entries
in a table that no migration makes, only `manage.py createcachetable`. Connected to post_migrate,
this runs that command after every migrate, including the benchmark's and `make run`'s; it does
nothing when the table is there or the cache is not in the database.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS


def create_cache_tables(using: str = DEFAULT_DB_ALIAS, verbosity: int = 1, **_: Any) -> None:
    if any(isinstance(caches[alias], BaseDatabaseCache) for alias in settings.CACHES):
        call_command("createcachetable", database=using, verbosity=max(verbosity - 1, 0))
