"""A stopped clock for the review's tests. The project has neither freezegun nor time-machine, and
not every module asks `django.utils.timezone.now`: `reports.schemas` and `reports.importer` read
`datetime.datetime.now(datetime.UTC)` themselves. `frozen_at` stops both kinds of clock at one
instant, so that "today" means the same day wherever the code under test asks."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from unittest import mock

# Modules that call `dt.datetime.now(...)` on the `datetime` module they imported as `dt`.
DIRECT_CLOCK_READERS = ("threatdesk.reports.schemas", "threatdesk.reports.importer")


@contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[dt.datetime]:
    """Stop the clock at `moment` (aware); yields it in UTC."""
    utc = moment.astimezone(dt.UTC)

    class FrozenDatetime(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:  # type: ignore[override]
            return utc.astimezone(tz) if tz is not None else utc.replace(tzinfo=None)

        @classmethod
        def utcnow(cls) -> dt.datetime:  # type: ignore[override]
            return utc.replace(tzinfo=None)

    shim = types.SimpleNamespace(**{name: getattr(dt, name) for name in dir(dt) if not name.startswith("__")})
    shim.datetime = FrozenDatetime
    with ExitStack() as stack:
        stack.enter_context(mock.patch("django.utils.timezone.now", return_value=utc))
        for module in DIRECT_CLOCK_READERS:
            stack.enter_context(mock.patch(f"{module}.dt", shim))
        yield utc
