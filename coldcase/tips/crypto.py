"""Encryption at rest for contact details and attachments (Fernet; MultiFernet for key rotation).

The keys come from ``ENCRYPTION_KEY``: one Fernet key, or several separated by commas, the newest first. New data
is encrypted with the first key; any listed key decrypts. Without a configured key, one is generated once into
``instance/tip_encryption_key`` (mode 0600), so that no key ever lives in code.

Rotating: put a new key (``coldcase tips new-key``) in front of the old one, run ``coldcase tips rotate-key`` to
re-encrypt everything with it, then drop the old key from the configuration.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app

from coldcase.config import instance_key_file

KEY_FILE = "tip_encryption_key"


class EncryptionKeyError(Exception):
    """The configured encryption key is not a valid Fernet key."""


def parse_keys(value: str) -> list[Fernet]:
    """Return a Fernet for each key in ``value`` (comma or whitespace separated, newest first)."""
    keys = [part.strip() for part in value.replace(",", " ").split() if part.strip()]
    if not keys:
        raise EncryptionKeyError("ENCRYPTION_KEY holds no key")
    try:
        return [Fernet(key.encode("ascii")) for key in keys]
    except (ValueError, UnicodeEncodeError):
        raise EncryptionKeyError("ENCRYPTION_KEY must be Fernet keys (32 url-safe base64-encoded bytes each)") from None


def _instance_key(instance_path: Path) -> str:
    """The generated key in the instance folder, created (exclusively, mode 0600) on first use."""
    return instance_key_file(instance_path / KEY_FILE, lambda: Fernet.generate_key().decode("ascii"))


def cipher(app=None) -> MultiFernet:
    """The app's MultiFernet (cached on the app); see the module docstring for where keys come from."""
    app = app or current_app._get_current_object()
    configured = app.config.get("ENCRYPTION_KEY")
    cached = app.extensions.get("coldcase.tips.cipher")
    if cached is not None and cached[0] == configured:
        return cached[1]
    value = configured or _instance_key(Path(app.instance_path))
    multi = MultiFernet(parse_keys(value))
    app.extensions["coldcase.tips.cipher"] = (configured, multi)
    return multi


#: The time written into every token. A Fernet token carries its creation time in clear; a tip stores only the
#: day it arrived (a time of day can point to a tipster), so the tokens must not tell the second. Nothing here
#: uses Fernet's time-to-live, so a fixed time loses nothing.
TOKEN_TIME = 0


def encrypt(data: bytes) -> bytes:
    """Encrypt ``data`` with the newest key (with no time of encryption in the token)."""
    return cipher().encrypt_at_time(data, TOKEN_TIME)


def decrypt(token: bytes) -> bytes:
    """Decrypt a token made with any configured key; raises ``InvalidToken`` if none fits."""
    return cipher().decrypt(token)


def encrypt_text(text: str | None) -> bytes | None:
    """Encrypt a text (``None`` stays ``None``: an anonymous tip has no contact details)."""
    return None if text is None else encrypt(text.encode("utf-8"))


def decrypt_text(token: bytes | None) -> str | None:
    """Decrypt a text made by :func:`encrypt_text`."""
    return None if token is None else decrypt(token).decode("utf-8")


def rotate(token: bytes) -> bytes:
    """Re-encrypt ``token`` with the newest key; this also wipes a time of encryption that older tokens carry
    (MultiFernet.rotate would keep it)."""
    return encrypt(decrypt(token))


__all__ = ["InvalidToken", "EncryptionKeyError", "cipher", "decrypt", "decrypt_text", "encrypt", "encrypt_text", "rotate"]
