"""Intake: the only writer of new tips.

A web tip is committed before its receipt is shown. When the database cannot be reached, the tip is written to
the spool instead (see :mod:`coldcase.tips.spool`) and the tipster still gets a valid receipt: the record holds the
receipt code's hash, and the spooled tip is imported exactly once when the database answers again, keyed by its
uuid (by :mod:`coldcase.tips.spool_import`, outside tipsters' requests). The same uuid makes a double click one
tip.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import uuid as uuid_module
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError

from coldcase.audit import service as audit
from coldcase.extensions import db
from coldcase.review.triage import apply_triage_score
from coldcase.tips import crypto, receipts, spool
from coldcase.tips.attachments import CleanFile
from coldcase.tips.conversation import add_tipster_message
from coldcase.tips.models import Channel, Tip, TipAttachment, TipStatus, today

log = logging.getLogger(__name__)


@dataclass
class TipInput:
    """A tip's content, already validated (by the form or by :mod:`coldcase.tips.staff`)."""

    text: str
    how_known: str | None = None
    when_where: str = ""
    contact: str | None = None
    case_id: str | None = None
    edition: int | None = None
    point_code: str | None = None
    channel: str = Channel.WEB.value
    language: str | None = None
    files: list[CleanFile] = field(default_factory=list)
    created_at: datetime.date | None = None
    status: str = TipStatus.NEW.value


@dataclass(frozen=True)
class Added:
    """What a second submission of one form added to the stored tip."""

    text: bool = False
    contact: bool = False
    files: int = 0

    def __bool__(self) -> bool:
        return self.text or self.contact or bool(self.files)


@dataclass(frozen=True)
class Receipt:
    """What the tipster is shown once: the tip number and the receipt code (grouped for writing down)."""

    number: str
    code: str
    spooled: bool = False
    duplicate: bool = False
    #: For a second submission of the same form: what it added to the tip.
    added: Added = Added()


def database_unreachable(error: Exception) -> bool:
    """True for errors that mean "the database is down or gone", as opposed to a refused row."""
    if isinstance(error, (OperationalError, InterfaceError)):
        return True
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


def _record(data: TipInput, uuid: str, number: str, receipt_hash: str | None) -> dict:
    """The tip as a plain record: what the spool keeps and what :func:`tip_from_record` stores.

    Contact details and attachments are encrypted here, so that neither the spool nor the database sees them
    in clear.
    """
    contact = crypto.encrypt_text(data.contact) if data.contact else None
    return {
        "uuid": uuid,
        "number": number,
        "channel": data.channel,
        "case_id": data.case_id,
        "edition": data.edition,
        "point_code": data.point_code,
        "text": data.text,
        "how_known": data.how_known,
        "when_where": data.when_where or "",
        "contact_encrypted": contact.decode("ascii") if contact else None,
        "language": data.language,
        "status": data.status,
        "created_at": (data.created_at or today()).isoformat(),
        "receipt_hash": receipt_hash,
        "attachments": [
            {
                "media_type": file.media_type,
                "filename": f"attachment-{index}.{file.extension}",
                "size": len(file.content),
                "content_encrypted": crypto.encrypt(file.content).decode("ascii"),
            }
            for index, file in enumerate(data.files, 1)
        ],
    }


def tip_from_record(record: dict) -> Tip:
    """A new, unsaved tip (scored) from a record made by :func:`_record`."""
    contact = record.get("contact_encrypted")
    tip = Tip(
        uuid=record["uuid"],
        number=record["number"],
        channel=record["channel"],
        case_id=record.get("case_id"),
        edition=record.get("edition"),
        point_code=record.get("point_code"),
        text=record["text"],
        how_known=record.get("how_known"),
        when_where=record.get("when_where") or "",
        contact_encrypted=contact.encode("ascii") if contact else None,
        language=record.get("language"),
        status=record.get("status") or TipStatus.NEW.value,
        created_at=datetime.date.fromisoformat(record["created_at"]),
        receipt_hash=record.get("receipt_hash"),
        entered_by_id=record.get("entered_by_id"),
    )
    for item in record.get("attachments", []):
        tip.attachments.append(
            TipAttachment(
                media_type=item["media_type"],
                filename=item["filename"],
                size=item["size"],
                content_encrypted=item["content_encrypted"].encode("ascii"),
            )
        )
    apply_triage_score(tip)
    return tip


def _find(uuid: str) -> Tip | None:
    return db.session.scalar(select(Tip).where(Tip.uuid == uuid))


def store_record(record: dict, on_add=None) -> tuple[Tip, bool, str]:
    """Insert and commit the record's tip; returns ``(tip, created, number)``. ``created`` is False when a tip
    with the same uuid is already stored (a double click, a spool file imported again). A new tip is not read
    back after its commit: ``number`` is the one it was stored with, and its other attributes load on first use.

    ``on_add(tip)`` is called after the tip is added and before the commit (staff-entered tips add their audit
    event there, so the two are stored together or not at all). Raises the database's error when it cannot be
    reached.
    """
    for _ in range(3):
        tip = tip_from_record(record)
        db.session.add(tip)
        if on_add is not None:
            on_add(tip)
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            existing = _find(record["uuid"])
            if existing is not None:
                return existing, False, existing.number
            # Not our uuid, so the random tip number collided (40 bits: rare): draw another.
            record = {**record, "number": receipts.random_number()}
            continue
        return tip, True, record["number"]
    raise RuntimeError("could not find a free tip number")


def add_to_existing(tip: Tip, record: dict) -> Added:
    """Add to a stored ``tip`` what a second submission of the same form (``record``) brings that it lacks: a
    different text (as the tipster's message), contact details, and attachments it does not have yet.

    Contact details and attachments stay encrypted: new contact details become the tip's contact details when it
    had none, and are added after the ones it had otherwise (never into a message, which is stored in clear).
    The caller commits.
    """
    text = record["text"]
    added_text = tip.text != text and all(m.body != text for m in tip.messages)
    if added_text:
        add_tipster_message(tip, text)

    added_contact = False
    if record.get("contact_encrypted"):
        token = record["contact_encrypted"].encode("ascii")
        if tip.contact_encrypted is None:
            tip.contact_encrypted = token
            added_contact = True
        else:
            new, old = crypto.decrypt_text(token), crypto.decrypt_text(tip.contact_encrypted)
            if f"\n{new}\n" not in f"\n{old}\n":
                tip.contact_encrypted = crypto.encrypt_text(f"{old}\n{new}")
                added_contact = True

    def digest(token: bytes) -> bytes:
        return hashlib.sha256(crypto.decrypt(token)).digest()

    have = {digest(attachment.content_encrypted) for attachment in tip.attachments}
    added_files = 0
    for item in record.get("attachments", []):
        token = item["content_encrypted"].encode("ascii")
        content = digest(token)
        if content in have:  # the same file sent again (cleaning is deterministic)
            continue
        have.add(content)
        extension = item["filename"].rsplit(".", 1)[-1]
        tip.attachments.append(TipAttachment(
            media_type=item["media_type"], filename=f"attachment-{len(tip.attachments) + 1}.{extension}",
            size=item["size"], content_encrypted=token,
        ))
        added_files += 1
    return Added(text=added_text, contact=added_contact, files=added_files)


def rollback_quietly() -> None:
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001  (the connection is gone; the session is reset anyway)
        db.session.close()


def submit_web_tip(data: TipInput, token: str) -> Receipt:
    """Store a tip from the public form and return its receipt.

    ``token`` is the form's idempotency token: the same token always gives the same uuid, number and receipt
    code, so a second submission of one form returns the first one's receipt. If a second submission brings
    something new (the tipster went back and added to the text, their contact details or a file), it is added
    to the tip (see :func:`add_to_existing`) and the receipt says what was added.

    When the database cannot be reached the tip is spooled. Raises ``OSError`` only if the spool cannot be
    written either; the caller must then show an error, never a receipt.
    """
    uuid, number, code = receipts.for_token(token)
    record = _record(data, uuid, number, receipts.hash_code(code))
    try:
        tip, created, number = store_record(record)
        added = Added()
        if not created:
            added = add_to_existing(tip, record)
            if added:
                db.session.commit()
    except Exception as error:
        if not database_unreachable(error):
            raise
        rollback_quietly()
        spool.write(spool_folder(), record)
        log.warning("database unreachable (%s): a tip was spooled", error.__class__.__name__)
        return Receipt(number, receipts.format_code(code), spooled=True)
    return Receipt(number, receipts.format_code(code), duplicate=not created, added=added)


def _entered(actor, tip: Tip, source: str) -> None:
    audit.record(actor, audit.TIP_ENTERED, audit.tip_target(tip), {"channel": tip.channel, "source": source})


def add_staff_tip(data: TipInput, user=None, with_receipt: bool = False,
                  actor=None) -> tuple[Tip, str | None]:
    """Add a tip that reached the team by another channel (phone, letter, email, visit) and commit it, with
    its audit event (by ``actor``: the user, or ``"command line"``) in the same transaction.

    With ``with_receipt`` a receipt code is made, returned once (to be passed on to the tipster) and its hash
    stored. Raises the database's error if it cannot be reached (staff can try again; nothing is half stored).
    """
    code = receipts.random_code() if with_receipt else None
    record = _record(data, str(uuid_module.uuid4()), receipts.random_number(),
                     receipts.hash_code(code) if code else None)
    record["entered_by_id"] = getattr(user, "id", None)
    actor = actor or user or "command line"
    source = "command_line" if isinstance(actor, str) else "staff_form"
    tip, _, _ = store_record(record, on_add=lambda new: _entered(actor, new, source))
    return tip, receipts.format_code(code) if code else None


def add_staff_tips(items: list[TipInput], user=None, source: str = "") -> list[Tip]:
    """Add many staff-entered tips in one transaction, each with its audit event and one event for the import
    (``source`` names the file): all of them or, on any error, none."""
    actor = user or "command line"
    tips = []
    for data in items:
        record = _record(data, str(uuid_module.uuid4()), receipts.random_number(), None)
        record["entered_by_id"] = getattr(user, "id", None)
        tip = tip_from_record(record)
        db.session.add(tip)
        _entered(actor, tip, "csv_import")
        tips.append(tip)
    audit.record(actor, audit.TIPS_IMPORTED, "tips", {"count": len(tips), "source": source})
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return tips


# --- the spool --------------------------------------------------------------------------------------------------


def spool_folder():
    """The app's spool folder (``SPOOL_DIR``)."""
    return current_app.config["SPOOL_DIR"]


def decode_attachment(attachment: TipAttachment) -> bytes:
    """The attachment's content, decrypted (for the review workspace)."""
    return crypto.decrypt(attachment.content_encrypted)


def contact_details(tip: Tip) -> str | None:
    """The tip's contact details, decrypted (for the review workspace), or ``None`` for an anonymous tip."""
    return crypto.decrypt_text(tip.contact_encrypted)
