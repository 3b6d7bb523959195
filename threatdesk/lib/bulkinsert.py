"""Multi-row inserts from plain dicts, for bulk import and other large batches.

`QuerySet.bulk_create` spends most of its time building model instances and passing every value
through the SQL compiler one by one: for a report with its child rows that was about 0.5 ms a
row, against a few microseconds for the database itself. `BulkInserter` prepares each column
once: values of plain columns (text, numbers, booleans, foreign-key ids) go to the driver as
they are; dates, times, JSON and encrypted columns still go through their field's own
`get_db_prep_save`, so what is stored is exactly what the ORM would store.

It does not run `save()`, signals or model validation: callers pass values already validated.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

from django.db import connections, models
from django.utils import timezone

# Exact classes, not subclasses: a subclass (an encrypted text field, say) may prepare its values.
_PASS_THROUGH: frozenset[type] = frozenset(
    {
        models.CharField,
        models.TextField,
        models.BooleanField,
        models.SmallIntegerField,
        models.IntegerField,
        models.BigIntegerField,
        models.PositiveSmallIntegerField,
        models.PositiveIntegerField,
        models.PositiveBigIntegerField,
        models.ForeignKey,
    }
)


# A field's `get_db_prep_save`: (value, connection) -> what the driver takes.
_Converter = Callable[[Any, Any], Any]
# (attname, converter or None, value when the row has none, given the time of the insert and the connection)
_Column = tuple[str, _Converter | None, Callable[[Any, Any], Any]]


def _passes_through(field: models.Field[Any, Any]) -> bool:
    """Whether the driver takes this column's Python value unchanged on every backend."""
    return type(field) in _PASS_THROUGH


# Below this many rows one multi-row INSERT beats PostgreSQL's COPY, which costs extra round trips
# to start and finish. 19 rows of the widest table (reports, 39 columns) stay inside SQLite's
# oldest limit of 999 parameters per statement.
COPY_FROM = 20


class BulkInserter:
    """`BulkInserter(Model).insert(rows)`: rows are dicts keyed by field attname (`office_id`).

    Missing values take the field's default; `auto_now`/`auto_now_add` columns take the time of
    the call. The primary key is left to the database. Columns named in `ready` come already in
    their stored form (sealed in a worker process, say) and go to the driver as they are; a row
    without one still gets the field's default, prepared.
    """

    def __init__(self, model: type[models.Model], *, using: str = "default", ready: Collection[str] = ()) -> None:
        self.model = model
        self.using = using
        connection = connections[using]
        self.fields: list[models.Field[Any, Any]] = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.converters: list[_Converter | None] = [None if _passes_through(f) else f.get_db_prep_save for f in self.fields]
        self._plan = [self._column(f, c, ready) for f, c in zip(self.fields, self.converters, strict=True)]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in self.fields)
        self._row_placeholders = "(" + ", ".join(["%s"] * len(self.fields)) + ")"
        self.sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {self._row_placeholders}"  # noqa: S608
        # PostgreSQL's COPY takes rows several times faster than multi-row INSERTs.
        self.copy_sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"

    @staticmethod
    def _fallback(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return lambda now: now
        return lambda _now: field.get_default()

    @classmethod
    def _column(cls, field: models.Field[Any, Any], convert: _Converter | None, ready: Collection[str]) -> _Column:
        """Worked out once per column: (attname, converter, value when the row has none)."""
        fallback = cls._fallback(field)
        if field.attname not in ready or convert is None:
            return field.attname, convert, lambda now, _connection: fallback(now)

        # The row's value comes prepared; a default still has to be.
        def prepared_default(now: Any, connection: Any) -> Any:
            value = fallback(now)
            return None if value is None else convert(value, connection)

        return field.attname, None, prepared_default

    def prepare(self, row: Mapping[str, Any], now: Any, connection: Any) -> tuple[Any, ...]:
        """The row's values in column order, as the driver takes them. `connection` is the calling
        thread's (an inserter is kept per process, `inserter`), looked up once per statement."""
        values = []
        for attname, convert, fallback in self._plan:
            value = row[attname] if attname in row else fallback(now, connection)
            values.append(value if convert is None or value is None else convert(value, connection))
        return tuple(values)

    def insert_one(self, row: Mapping[str, Any]) -> Any:
        """Insert one row in the caller's transaction; return its new primary key.

        For a single submission: `Model.save()` builds the same statement through the SQL
        compiler, which costs more than the insert itself."""
        connection = connections[self.using]
        values = self.prepare(row, timezone.now(), connection)
        with connection.cursor() as cursor:
            if not connection.features.can_return_columns_from_insert:  # SQLite before 3.35
                cursor.execute(self.sql, values)
                return cursor.lastrowid
            cursor.execute(f"{self.sql} RETURNING {connection.ops.quote_name(self.model._meta.pk.column)}", values)
            return cursor.fetchone()[0]

    def insert(self, rows: Iterable[Mapping[str, Any]], *, chunk: int = 5000) -> int:
        """Insert every row in the caller's transaction; return how many were written."""
        return self.insert_prepared(self.prepare_all(rows), chunk=chunk)

    def prepare_all(self, rows: Iterable[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
        """Every row as the driver takes it (`prepare`), `auto_now` columns at this moment: for a
        caller that prepares a large batch before its transaction, so as to hold it for less."""
        now = timezone.now()
        connection = connections[self.using]
        return [self.prepare(row, now, connection) for row in rows]

    def insert_prepared(self, prepared: Sequence[tuple[Any, ...]], *, chunk: int = 5000) -> int:
        """Insert rows from `prepare_all` in the caller's transaction; return how many were written."""
        connection = connections[self.using]
        with connection.cursor() as cursor:
            if len(prepared) < COPY_FROM:
                # A few rows (a report's threat types, an audit event): one statement, one round trip.
                if prepared:
                    cursor.execute(self._values_sql(len(prepared)), [value for values in prepared for value in values])
            elif connection.vendor == "postgresql":
                # The driver's own cursor: its errors are made Django's (IntegrityError...) here.
                with connection.wrap_database_errors, cursor.cursor.copy(self.copy_sql) as copy:
                    for values in prepared:
                        copy.write_row(values)
            else:
                for start in range(0, len(prepared), chunk):
                    cursor.executemany(self.sql, prepared[start : start + chunk])
        return len(prepared)

    def _values_sql(self, count: int) -> str:
        """`INSERT ... VALUES (...), (...)` for `count` rows."""
        return self.sql + (", " + self._row_placeholders) * (count - 1)


@functools.cache
def inserter(model: type[models.Model]) -> BulkInserter:
    """The model's inserter, worked out once per process: writes that insert a row or two each
    time (an audit event, a report's threat types) would otherwise spend longer planning the
    columns than inserting."""
    return BulkInserter(model)
