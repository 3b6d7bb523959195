"""Model fields that are encrypted at rest (see crypto.py).

Values are sealed in ``get_prep_value`` and opened in ``from_db_value``; nothing else in the code
sees ciphertext. Lookups other than ``isnull`` are refused: a filter on an encrypted column could
never match and would only suggest that it does. Match identifiers through blind indexes instead.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.core import validators
from django.db import models

from threatdesk.privacy import crypto


class _EncryptedMixin:
    """Shared by the text and JSON fields; ``aad`` is ``table.column`` once the model is known."""

    model: type[models.Model]
    column: str
    attname: str
    get_default: Callable[[], Any]

    @property
    def aad(self) -> str:
        return f"{self.model._meta.db_table}.{self.column}"

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise TypeError(f"{self.aad} is encrypted and cannot be filtered with {lookup_name!r}")
        return super().get_lookup(lookup_name)  # type: ignore[misc]

    def serialise(self, value: Any) -> str:
        return str(value)

    def deserialise(self, text: str) -> Any:
        return text

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return self.deserialise(crypto.decrypt_text(value, self.aad))

    def get_prep_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return crypto.encrypt_text(self.serialise(value), self.aad)


class EncryptedTextField(_EncryptedMixin, models.TextField):  # type: ignore[misc]
    """Free text (narratives, names, descriptions) sealed at rest."""


class EncryptedLineField(EncryptedTextField):
    """A one-line value (a person's name) sealed at rest, edited in a one-line input."""

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # Django passes keywords only
        return super().formfield(**{"widget": forms.TextInput, **kwargs})


class EncryptedEmailField(EncryptedLineField):
    """An email address sealed at rest, checked as an address wherever a form or full_clean sees it."""

    default_validators = [validators.validate_email]

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]  # Django passes keywords only
        return super().formfield(**{"form_class": forms.EmailField, "widget": forms.EmailInput, **kwargs})


class EncryptedJSONField(_EncryptedMixin, models.TextField):  # type: ignore[misc]
    """A small JSON value (a list of phones, say) sealed at rest."""

    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def serialise(self, value: Any) -> str:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)

    def deserialise(self, text: str) -> Any:
        return json.loads(text)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return json.loads(value)
            except json.JSONDecodeError:
                return value
        return value


@functools.cache
def encrypted_fields(model: type[models.Model]) -> tuple[_EncryptedMixin, ...]:
    """The model's encrypted fields, worked out once: an import asks for every row it seals."""
    return tuple(f for f in model._meta.concrete_fields if isinstance(f, _EncryptedMixin))


def sealed_apart(model: type[models.Model], values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str | None]]:
    """`values` (by attname) split into the clear columns and every encrypted column of `model` in
    its stored form, as the field would store it (a missing one takes the field's default).

    Sealing needs no database, so many rows can be sealed in worker processes and inserted as
    they are (`BulkInserter(..., ready=...)`); the clear columns stay readable meanwhile.
    """
    stored = {
        f.attname: f.get_prep_value(values[f.attname] if f.attname in values else f.get_default())
        for f in encrypted_fields(model)
    }
    return {name: value for name, value in values.items() if name not in stored}, stored


def sealed_only(model: type[models.Model], values: Mapping[str, Any]) -> dict[str, str | None]:
    """The encrypted columns of `model` among `values` (by attname) in their stored form, and no
    others: for values worked out after the rest of a row was sealed apart (an assessment)."""
    fields = {f.attname: f for f in encrypted_fields(model)}
    return {name: fields[name].get_prep_value(value) for name, value in values.items() if name in fields}


def encrypted_columns(model: type[models.Model]) -> frozenset[str]:
    """The attnames of `model`'s encrypted columns: those `sealed_apart` seals."""
    return frozenset(f.attname for f in encrypted_fields(model))
