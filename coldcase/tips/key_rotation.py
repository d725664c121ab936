"""Re-encrypting what is stored with the newest key: the writer of tips' encrypted fields when keys change.

Contact details, attachments and held-back facts are encrypted with the first key of ``ENCRYPTION_KEY``; older keys stay after it
so that existing data can still be read. Rotation rewrites every encrypted value with the first key, after which
the old keys can go. The caller commits (all or nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from coldcase.extensions import db
from coldcase.tips import crypto, spool
from coldcase.tips.models import Tip, TipAttachment


class KeyRotationError(RuntimeError):
    """Rotation cannot start or cannot finish; the message says why and what to do. Nothing was changed."""


@dataclass(frozen=True)
class Rotated:
    """How many values were re-encrypted."""

    tips: int
    attachments: int
    facts: int


def rotate_stored_data(spool_folder) -> Rotated:
    """Re-encrypt every tip's contact details, every attachment and every held-back fact with the first key.

    Raises :class:`KeyRotationError` when no key is configured, when tips wait in the spool (spooled records are
    encrypted too: import them first, so that the old key can go afterwards), or when a value cannot be decrypted
    with any configured key (the session is rolled back: nothing changes).
    """
    from coldcase.review.held_back import WithheldFact  # the review feature's table; imported late (no cycle)

    try:
        crypto.cipher()
    except crypto.EncryptionKeyError as error:
        raise KeyRotationError(str(error)) from None
    if spool.has_pending(spool_folder):
        raise KeyRotationError("tips wait in the spool: run 'coldcase tips import-spool' first")
    tips = attachments = facts = 0
    try:
        for tip in db.session.scalars(select(Tip).where(Tip.contact_encrypted.is_not(None))):
            tip.contact_encrypted = crypto.rotate(tip.contact_encrypted)
            tips += 1
        for attachment in db.session.scalars(select(TipAttachment)):
            attachment.content_encrypted = crypto.rotate(attachment.content_encrypted)
            attachments += 1
        for fact in db.session.scalars(select(WithheldFact)):
            fact.label_encrypted = crypto.rotate(fact.label_encrypted)
            fact.terms_encrypted = crypto.rotate(fact.terms_encrypted)
            facts += 1
    except crypto.InvalidToken:
        db.session.rollback()
        raise KeyRotationError("some data cannot be decrypted with any configured key: keep the old key in "
                               "ENCRYPTION_KEY (after the new one) and try again; nothing was changed") from None
    return Rotated(tips, attachments, facts)
