"""Authenticator (TOTP) secrets encrypted at rest.

A stolen copy of the ``users`` table must not hand out everyone's second factor, so a secret is stored as a
Fernet token. The keys, newest first:

1. ``ENCRYPTION_KEY`` when it is configured (the same Fernet keys that protect tipsters' contact details; see
   :mod:`coldcase.tips.crypto`), so production has one key to keep, back up and rotate;
2. then a key derived with HKDF-SHA256 from ``SECRET_KEY`` (and one from each of Flask's
   ``SECRET_KEY_FALLBACKS``). Without ``ENCRYPTION_KEY`` (development) this is the key that encrypts; with it,
   these keys only read secrets enrolled before ``ENCRYPTION_KEY`` was set. HKDF with its own ``info`` makes a
   key that is used for nothing else: the raw ``SECRET_KEY`` signs sessions and is never a Fernet key itself.

A secret is re-encrypted with the newest key at every sign-in (:func:`rotate_secret`), so after a key change the
accounts that sign in move to the new key by themselves. Rotating ``SECRET_KEY`` without ENCRYPTION_KEY: keep the
old one in ``SECRET_KEY_FALLBACKS`` until everyone has signed in once; a secret no key can read is refused
(:class:`UnreadableSecret`) and an admin resets that account's second factor.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

from coldcase.tips import crypto

HKDF_INFO = b"coldcase: authenticator secrets at rest"


class UnreadableSecret(Exception):
    """No configured key decrypts the stored authenticator secret (a key was changed and the old one dropped)."""


def derived_key(secret_key: str | bytes) -> Fernet:
    """A Fernet key derived from ``secret_key`` with HKDF-SHA256 for authenticator secrets only."""
    material = secret_key.encode("utf-8") if isinstance(secret_key, str) else secret_key
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=HKDF_INFO).derive(material)
    return Fernet(base64.urlsafe_b64encode(key))


def cipher(app=None) -> MultiFernet:
    """The keys that encrypt (the first) and decrypt (any) authenticator secrets; see the module docstring."""
    app = app or current_app._get_current_object()
    keys: list[Fernet] = []
    if app.config.get("ENCRYPTION_KEY"):
        keys += crypto.parse_keys(app.config["ENCRYPTION_KEY"])
    secret_keys = [app.config["SECRET_KEY"], *(app.config.get("SECRET_KEY_FALLBACKS") or ())]
    keys += [derived_key(key) for key in secret_keys if key]
    return MultiFernet(keys)


def encrypt_secret(secret: str) -> str:
    """Encrypt a base32 TOTP secret with the newest key; returns the token as text (for a string column)."""
    return cipher().encrypt(secret.encode("ascii")).decode("ascii")


def decrypt_secret(token: str) -> str:
    """Decrypt a token made by :func:`encrypt_secret`; raises :class:`UnreadableSecret` if no key fits."""
    try:
        return cipher().decrypt(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError):
        raise UnreadableSecret("no configured key decrypts this authenticator secret") from None


def rotate_secret(token: str) -> str:
    """The same secret encrypted with the newest key; raises :class:`UnreadableSecret` if no key fits."""
    try:
        return cipher().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError):
        raise UnreadableSecret("no configured key decrypts this authenticator secret") from None
