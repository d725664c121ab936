"""Password hashing with argon2, and generated one-time passwords."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

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
    """Return why ``password`` is not acceptable, or None."""
    if len(password) < MIN_LENGTH:
        return f"A password needs at least {MIN_LENGTH} characters."
    if password.strip() != password:
        return "A password cannot start or end with a space."
    return None
