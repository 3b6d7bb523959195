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
PSEUDONYM_KEY_MIN_BYTES = 32


class KeySettingError(Exception):
    """A key setting (FIELD_KEYS, PSEUDONYM_KEY) is malformed; the message names the setting."""


class KeyRingError(KeySettingError):
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
                raise KeyRingError(f"FIELD_KEYS key {key_id} is not valid base64") from exc
            if len(raw) != 32:
                raise KeyRingError(f"FIELD_KEYS key {key_id} must be 32 bytes (AES-256), not {len(raw)}")
            if any(existing == key_id for existing, _ in keys):
                raise KeyRingError(f"FIELD_KEYS key id {key_id} appears twice")
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


def parse_pseudonym_key(spec: str) -> bytes:
    """PSEUDONYM_KEY's bytes, refused unless they are base64 of at least 32 bytes.

    Everything keyed by it (pseudonyms, blind indexes, reason digests) is only as hard to guess
    as the key: decoded loosely, "!!!!" would be an empty key and "changeme" a 6-byte one, and
    anyone holding the database could then confirm a guessed phone, email or reason.
    """
    try:
        raw = base64.b64decode(spec.strip(), validate=True)
    except binascii.Error:
        raise KeySettingError("PSEUDONYM_KEY is not valid base64") from None
    if len(raw) < PSEUDONYM_KEY_MIN_BYTES:
        raise KeySettingError(f"PSEUDONYM_KEY must be at least {PSEUDONYM_KEY_MIN_BYTES} bytes once decoded, not {len(raw)}")
    return raw


@lru_cache(maxsize=4)
def _pseudonym_key_for(spec: str) -> bytes:
    return parse_pseudonym_key(spec)


def pseudonym_key() -> bytes:
    """The HMAC key from settings; cached per spec, like the ring."""
    return _pseudonym_key_for(settings.PSEUDONYM_KEY)


def blind_index(kind: str, normalised: str) -> str:
    """Keyed hash of a normalised identifier, so equal identifiers match without being stored.

    The kind is part of the message, so a phone and an email with the same text never collide.
    """
    digest = hmac.new(pseudonym_key(), f"{kind}\x00{normalised}".encode(), hashlib.sha256).hexdigest()
    return digest[:32]
