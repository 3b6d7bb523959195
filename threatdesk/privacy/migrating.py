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
    """Each row's `columns` changed in one UPDATE. Updating a row twice in one transaction would
    leave PostgreSQL a foreign-key check to run at commit, and it refuses to alter a table with
    checks pending, as the column's type change after an unsealing does."""
    quote = schema_editor.connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    assignments = ", ".join(f"{quote(column)} = %s" for column in columns)
    places = [f"{table}.{column}" for column in columns]
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {names} FROM {quote(table)}")  # noqa: S608 (names from the migration)
        updates = []
        for pk, *values in cursor.fetchall():
            new = [change(value, place) for value, place in zip(values, places, strict=True)]
            if any(value is not None for value in new):
                updates.append((*(n if n is not None else old for n, old in zip(new, values, strict=True)), pk))
        cursor.executemany(f"UPDATE {quote(table)} SET {assignments} WHERE id = %s", updates)  # noqa: S608


def seal_in_place(schema_editor: Any, table: str, columns: Sequence[str]) -> None:
    """Encrypt every clear value of `columns` (empty ones too: an encrypted column reads only
    ciphertext); values already sealed are left as they are."""
    _rewrite(schema_editor, table, columns, _seal_one)


def open_in_place(schema_editor: Any, table: str, columns: Sequence[str]) -> None:
    """The reverse, for unapplying such a migration: every sealed value back in the clear."""
    _rewrite(schema_editor, table, columns, _opened)
