"""For migrations that turn clear columns into encrypted ones (and back, when unapplied).

Rows written before such a migration hold plaintext, which an encrypted column cannot read, so
the migration seals them in place, column by column, with the place (`table.column`) as the
associated data, just as the field itself would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from threatdesk.privacy import crypto


def _sealed(value: Any) -> bool:
    return str(value or "").startswith(crypto.PREFIX + ":")


def _seal_one(value: Any, place: str) -> str | None:
    return None if _sealed(value) else crypto.encrypt_text(value or "", place)


def _open_one(value: Any, place: str) -> str | None:
    return crypto.decrypt_text(value, place) if _sealed(value) else None


def _rewrite(schema_editor: Any, table: str, columns: Sequence[str], change: Callable[[Any, str], str | None]) -> None:
    quote = schema_editor.connection.ops.quote_name
    with schema_editor.connection.cursor() as cursor:
        for column in columns:
            place = f"{table}.{column}"
            cursor.execute(f"SELECT id, {quote(column)} FROM {quote(table)}")  # noqa: S608 (names from the migration)
            updates = [(new, pk) for pk, value in cursor.fetchall() if (new := change(value, place)) is not None]
            cursor.executemany(f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s", updates)  # noqa: S608


def seal_in_place(schema_editor: Any, table: str, columns: Sequence[str]) -> None:
    """Encrypt every clear value of `columns` (empty ones too: an encrypted column reads only
    ciphertext); values already sealed are left as they are."""
    _rewrite(schema_editor, table, columns, _seal_one)


def open_in_place(schema_editor: Any, table: str, columns: Sequence[str]) -> None:
    """The reverse, for unapplying such a migration: every sealed value back in the clear."""
    _rewrite(schema_editor, table, columns, _open_one)
