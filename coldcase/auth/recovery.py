"""One-time recovery codes: signing in with a password and one of these when the phone with the authenticator
is lost. Ten are made when the authenticator is set up (and again on request); each works once.

Codes are 50 random bits written as ``XXXXX-XXXXX`` (no 0/O or 1/I to confuse). They are stored as SHA-256
hashes: a slow hash protects guessable secrets such as passwords, and these are not guessable. A wrong code
counts as a failed sign-in, so the delay after failures protects them as it protects the password.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from coldcase.auth.models import User

COUNT = 10
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _digest(code: str) -> str:
    return hashlib.sha256(normalise(code).encode("ascii")).hexdigest()


def normalise(code: str) -> str:
    """A typed code in its stored form: upper case, without spaces or dashes."""
    return "".join(ch for ch in (code or "").upper() if ch.isascii() and ch.isalnum())[:20]


def make_codes(user: User) -> list[str]:
    """Give ``user`` ``COUNT`` new recovery codes (the old ones stop working); return them, to be shown once.
    The caller commits."""
    codes = ["".join(secrets.choice(_ALPHABET) for _ in range(10)) for _ in range(COUNT)]
    user.recovery_codes = [_digest(code) for code in codes]
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def use_code(user: User, typed: str) -> bool:
    """Spend one of ``user``'s recovery codes: True (and the code is gone) when ``typed`` is one of them. The
    user's row is locked first (``SELECT ... FOR UPDATE``), so two sign-ins racing with one code cannot both
    spend it. The caller commits."""
    from coldcase.extensions import db

    db.session.refresh(user, with_for_update=True)
    digest = _digest(typed)
    stored = list(user.recovery_codes or [])
    match = next((item for item in stored if hmac.compare_digest(item, digest)), None)
    if match is None:
        return False
    stored.remove(match)
    user.recovery_codes = stored
    return True


def codes_left(user: User) -> int:
    """How many unused recovery codes ``user`` has."""
    return len(user.recovery_codes or [])
