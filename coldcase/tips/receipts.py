"""Receipt codes and tip numbers.

A receipt code is 16 characters of Crockford's base32 (80 bits of randomness), shown once as
``XXXX-XXXX-XXXX-XXXX``. Only a slow hash of it is stored. Because the code carries 80 random bits, a per-record
salt adds nothing against precomputation, so the hash uses one fixed salt: the status page can then find the tip
by its hash with one indexed query, and a wrong code costs exactly the same work as a right one.

The hash is scrypt with parameters proportionate to a random 80-bit secret (see docs/tips.md, "Receipts"): the
entropy makes guessing infeasible, the KDF only adds a margin, so it costs a few milliseconds, not tens. The
parameters are stored with the hash (``scrypt$<log2 n>$<r>$<p>$<hex>``); a bare hex digest is a hash made before
that, with n=2**14, r=8, p=1, and is still verified (and replaced by a current one when its code is used).

For web tips the code is derived (HMAC) from the form's idempotency token with a key derived from the app's
secret key: a double click submits the same token twice, and the second response shows the same receipt as the
first instead of a code that matches nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid

from flask import current_app

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
CODE_LENGTH = 16
#: scrypt cost of new hashes as (log2 n, r, p): 2 MiB of memory and about 3 ms of one core a hash.
PARAMS = (11, 8, 1)
#: The parameters of hashes stored as a bare hex digest (before the parameters were stored with the hash).
LEGACY_PARAMS = (14, 8, 1)
#: Every parameter set a stored hash may have, newest first: a status lookup hashes the typed code with each.
VERIFIED_PARAMS = (PARAMS, LEGACY_PARAMS)
_PREFIX = "scrypt$"
_SALT = b"coldcase receipt code v1"
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _encode(data: bytes, length: int) -> str:
    number = int.from_bytes(data, "big")
    chars = []
    for _ in range(length):
        number, index = divmod(number, 32)
        chars.append(ALPHABET[index])
    return "".join(chars)


def format_code(code: str) -> str:
    """Group a code in fours so that it is easy to copy by hand."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def normalize_code(typed: str) -> str | None:
    """Return the code as stored from what a tipster typed (any case, spaces or dashes, O for 0, I or L for 1),
    or ``None`` if it cannot be a receipt code."""
    cleaned = "".join(typed.split()).replace("-", "").upper().translate(_CONFUSABLE)
    if len(cleaned) != CODE_LENGTH or any(char not in ALPHABET for char in cleaned):
        return None
    return cleaned


def hash_code(code: str, params: tuple[int, int, int] = PARAMS) -> str:
    """The slow hash stored for a (normalized) receipt code, with its parameters (a bare hex digest for
    :data:`LEGACY_PARAMS`, as such hashes were stored)."""
    log_n, r, p = params
    digest = hashlib.scrypt(code.encode("ascii"), salt=_SALT, n=2**log_n, r=r, p=p,
                            maxmem=64 * 1024 * 1024, dklen=32).hex()
    if params == LEGACY_PARAMS:
        return digest
    return f"{_PREFIX}{log_n}${r}${p}${digest}"


def lookup_hashes(code: str) -> list[str]:
    """The hashes a tip with this code may be stored under, one per parameter set in use: the status page looks
    for any of them. Every code, right, wrong or malformed, costs the same hashes."""
    return [hash_code(code, params) for params in VERIFIED_PARAMS]


def is_current(stored_hash: str) -> bool:
    """True when ``stored_hash`` was made with today's parameters (else it may be replaced on a right code)."""
    return stored_hash.startswith(f"{_PREFIX}{PARAMS[0]}${PARAMS[1]}${PARAMS[2]}$")


def random_code() -> str:
    """A fresh receipt code (for tips entered by staff)."""
    return _encode(secrets.token_bytes(10), CODE_LENGTH)


def random_number() -> str:
    """A fresh tip number such as ``T-7KQ2-M9XD`` (40 random bits: no sequence to guess, no count to read)."""
    raw = _encode(secrets.token_bytes(5), 8)
    return f"T-{raw[:4]}-{raw[4:]}"


def _derive(token: str, purpose: bytes) -> bytes:
    key = hashlib.sha256(b"coldcase tips receipt key|" + current_app.config["SECRET_KEY"].encode()).digest()
    return hmac.new(key, purpose + b"|" + token.encode("ascii"), hashlib.sha256).digest()


def for_token(token: str) -> tuple[str, str, str]:
    """The (uuid, number, receipt code) of the submission with this form token, the same on every call."""
    submission = str(uuid.UUID(bytes=_derive(token, b"uuid")[:16]))
    raw = _encode(_derive(token, b"number")[:5], 8)
    code = _encode(_derive(token, b"code")[:10], CODE_LENGTH)
    return submission, f"T-{raw[:4]}-{raw[4:]}", code
