"""Encrypted contact details and attachments must not carry the second a tip was sent (a tip keeps only its day)."""

import base64
import struct
from pathlib import Path

from cryptography.fernet import Fernet

from coldcase.tips import crypto


def _token_time(token: bytes) -> int:
    # A Fernet token is version (1 byte), then the time of encryption (8 bytes, big-endian seconds), in clear.
    return struct.unpack(">Q", base64.urlsafe_b64decode(token)[1:9])[0]


def test_tokens_carry_no_time_of_encryption(app):
    token = crypto.encrypt_text("Kees, 06-55501234")
    assert _token_time(token) == 0
    assert crypto.decrypt_text(token) == "Kees, 06-55501234"


def test_rotating_wipes_the_time_an_older_token_carried(app):
    old = crypto.cipher().encrypt(b"06-55501234")  # the way tokens were made before: with the time in clear
    assert _token_time(old) > 0
    rotated = crypto.rotate(old)
    assert _token_time(rotated) == 0 and crypto.decrypt(rotated) == b"06-55501234"


def test_rotating_moves_a_token_to_the_newest_key(app):
    old_key = app.config.get("ENCRYPTION_KEY") or crypto._instance_key(Path(app.instance_path))
    token = crypto.encrypt(b"contact")
    new_key = Fernet.generate_key().decode()
    app.config["ENCRYPTION_KEY"] = f"{new_key},{old_key}"
    rotated = crypto.rotate(token)
    assert Fernet(new_key.encode()).decrypt(rotated) == b"contact"
