"""For migrations that turn clear columns into encrypted ones (and back, when unapplied).

Rows written before such a migration hold plaintext, which an encrypted column cannot read, so
the migration seals them in place, column by column, with the place (`table.column`) as the
associated data, just as the field itself would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from threatdesk.privacy import crypto


def _opened(value: Any, place: str) -> str | None:
    """The value opened, if it is one sealed for `place`; None for a clear value, even one that
    happens to look like ciphertext (a name typed as "td1:..."). A value sealed under a key that
    FIELD_KEYS no longer holds stops the migration (KeyRingError) rather than be sealed twice."""
    try:
        return crypto.decrypt_text(str(value), place)
    except crypto.DecryptionError:
        return None


def _seal_one(value: Any, place: str) -> str | None:
    return None if _opened(value, place) is not None else crypto.encrypt_text(value or "", place)


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
    _rewrite(schema_editor, table, columns, _opened)
