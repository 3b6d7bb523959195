"""Key rotation: re-encrypt every sealed column and file under the newest key of the ring."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Model

from threatdesk.privacy import crypto, registry
from threatdesk.privacy.fields import encrypted_fields


@dataclass
class RotationResult:
    columns: dict[str, int] = field(default_factory=dict)
    files: int = 0

    @property
    def values(self) -> int:
        return sum(self.columns.values())


def _rotate_column(model: type[Model], column: str, aad: str, batch: int) -> int:
    """Re-seal one column's stale values in batches, reading raw ciphertext with plain SQL."""
    ring = crypto.ring()
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    col = connection.ops.quote_name(column)
    done, last = 0, None
    while True:
        with connection.cursor() as cursor:
            where = f"{col} IS NOT NULL" + (f" AND {pk} > %s" if last is not None else "")
            params: list[int] = [last] if last is not None else []
            # Table and column names come from model metadata, quoted by the backend; values are parameters.
            cursor.execute(f"SELECT {pk}, {col} FROM {table} WHERE {where} ORDER BY {pk} LIMIT {int(batch)}", params)  # noqa: S608
            rows = cursor.fetchall()
        if not rows:
            return done
        stale = [(key, token) for key, token in rows if crypto.key_id_of(token) != ring.current_id]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET {col} = %s WHERE {pk} = %s",  # noqa: S608
                [(ring.encrypt(ring.decrypt(token, aad), aad), key) for key, token in stale],
            )
        done += len(stale)
        last = rows[-1][0]


def rotate_keys(*, batch: int = 1000, progress: Callable[[str], None] | None = None) -> RotationResult:
    """Bring every encrypted value and sealed file under FIELD_KEYS' first key.

    Safe to interrupt and run again: values already under the newest key are skipped. Retire an
    old key from FIELD_KEYS only after this has finished.
    """
    result = RotationResult()
    for model in apps.get_models():
        for enc in encrypted_fields(model):
            count = _rotate_column(model, enc.column, enc.aad, batch)
            result.columns[enc.aad] = count
            if progress:
                progress(f"{enc.aad}: {count} re-encrypted")
    for rotator in registry.file_rotators():
        result.files += rotator()
    if progress:
        progress(f"files: {result.files} re-encrypted")
    return result
