"""Encryption at rest: AES-256-GCM under a versioned key ring, and keyed blind indexes.

A stored value reads ``td1:<key id>:<base64(nonce | ciphertext | tag)>``. The associated data is
the value's place (``table.column``), so a ciphertext copied into another column fails to
decrypt instead of showing up somewhere it does not belong. The ring comes from ``FIELD_KEYS``
(newest first): new values use the first key, old values still open with the others until
``manage.py rotate_keys`` re-encrypts them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

PREFIX = "td1"
NONCE_BYTES = 12


class KeyRingError(Exception):
    """The key ring is malformed or lacks the key a value was sealed with."""


class DecryptionError(Exception):
    """A stored value does not open: wrong key, wrong place, or tampered."""


@dataclass(frozen=True)
class KeyRing:
    keys: tuple[tuple[str, AESGCM], ...]

    @classmethod
    def parse(cls, spec: str) -> KeyRing:
        keys: list[tuple[str, AESGCM]] = []
        for item in (part.strip() for part in spec.split(",")):
            if not item:
                continue
            key_id, sep, encoded = item.partition(":")
            if not sep or not key_id.isalnum():
                raise KeyRingError("each FIELD_KEYS entry must read id:base64key with an alphanumeric id")
            try:
                raw = base64.b64decode(encoded, validate=True)
            except binascii.Error as exc:
                raise KeyRingError(f"key {key_id} is not valid base64") from exc
            if len(raw) != 32:
                raise KeyRingError(f"key {key_id} must be 32 bytes (AES-256), not {len(raw)}")
            if any(existing == key_id for existing, _ in keys):
                raise KeyRingError(f"key id {key_id} appears twice")
            keys.append((key_id, AESGCM(raw)))
        if not keys:
            raise KeyRingError("FIELD_KEYS holds no key")
        return cls(tuple(keys))

    @property
    def current_id(self) -> str:
        return self.keys[0][0]

    def _key(self, key_id: str) -> AESGCM:
        for existing, key in self.keys:
            if existing == key_id:
                return key
        raise KeyRingError(f"no key {key_id} in FIELD_KEYS")

    def encrypt(self, plaintext: bytes, aad: str) -> str:
        key_id, key = self.keys[0]
        nonce = os.urandom(NONCE_BYTES)
        sealed = key.encrypt(nonce, plaintext, aad.encode())
        return f"{PREFIX}:{key_id}:{base64.b64encode(nonce + sealed).decode()}"

    def decrypt(self, token: str, aad: str) -> bytes:
        prefix, key_id, body = split_token(token)
        if prefix != PREFIX:
            raise DecryptionError("not a threatdesk ciphertext")
        try:
            blob = base64.b64decode(body, validate=True)
            return self._key(key_id).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad.encode())
        except (binascii.Error, InvalidTag, ValueError) as exc:
            raise DecryptionError(f"value sealed for another place or tampered ({aad})") from exc


def split_token(token: str) -> tuple[str, str, str]:
    parts = token.split(":", 2)
    if len(parts) != 3:
        raise DecryptionError("not a threatdesk ciphertext")
    return parts[0], parts[1], parts[2]


def key_id_of(token: str) -> str:
    return split_token(token)[1]


@lru_cache(maxsize=4)
def _ring_for(spec: str) -> KeyRing:
    return KeyRing.parse(spec)


def ring() -> KeyRing:
    """The ring from settings; cached per spec so tests that override settings get theirs."""
    return _ring_for(settings.FIELD_KEYS)


def encrypt_text(value: str, aad: str) -> str:
    return ring().encrypt(value.encode(), aad)


def decrypt_text(token: str, aad: str) -> str:
    return ring().decrypt(token, aad).decode()


def encrypt_bytes(data: bytes, aad: str) -> bytes:
    """Seal a file's bytes; the stored form is the ASCII token."""
    return ring().encrypt(data, aad).encode()


def decrypt_bytes(stored: bytes, aad: str) -> bytes:
    return ring().decrypt(stored.decode("ascii"), aad)


def blind_index(kind: str, normalised: str) -> str:
    """Keyed hash of a normalised identifier, so equal identifiers match without being stored.

    The kind is part of the message, so a phone and an email with the same text never collide.
    """
    key = base64.b64decode(settings.PSEUDONYM_KEY)
    digest = hmac.new(key, f"{kind}\x00{normalised}".encode(), hashlib.sha256).hexdigest()
    return digest[:32]
