"""Password hashing with argon2, and generated one-time passwords."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _

_hasher = PasswordHasher()

MIN_LENGTH = 12
# No 0/O, 1/l/I: a one-time password is read off a terminal and typed by hand.
_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def hash_password(password: str) -> str:
    """Return the argon2 hash of ``password``."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches ``password_hash``; never raises for a wrong or malformed hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    return _hasher.check_needs_rehash(password_hash)


def generate_password(length: int = 16) -> str:
    """Return a random password that is easy to type."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def password_problem(password: str) -> str | None:
    """Return why ``password`` is not acceptable (in the language of the request), or None."""
    if len(password) < MIN_LENGTH:
        return _("A password needs at least %(num)d characters.", num=MIN_LENGTH)
    if password.strip() != password:
        return _("A password cannot start or end with a space.")
    return None
