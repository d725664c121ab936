"""Tips, their attachments and the anonymous conversation between a tipster and the investigators.

Nothing here describes the tipster's device or connection: no address, user agent, referrer or time of day.
Contact details and attachments are stored encrypted (see :mod:`coldcase.tips.crypto`).
"""

from __future__ import annotations

import datetime
import enum
import uuid as uuid_module

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coldcase.extensions import db


def today() -> datetime.date:
    """The server's date in UTC: tips keep the day they arrived, never the tipster's clock or time zone."""
    return datetime.datetime.now(datetime.UTC).date()


class Channel(enum.StrEnum):
    """How a tip reached the team."""

    WEB = "web"
    PHONE = "phone"
    LETTER = "letter"
    EMAIL = "email"
    VISIT = "visit"
    OTHER = "other"


class HowKnown(enum.StrEnum):
    """How the tipster knows what they tell."""

    SAW = "saw"
    HEARD = "heard"
    OTHER = "other"


class TipStatus(enum.StrEnum):
    """Where a tip is in the investigators' work; the tipster sees it on the status page."""

    NEW = "new"
    IN_REVIEW = "in_review"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"


#: Recorded instead of a distribution point code that no edition knows (a forged or mistyped QR link).
UNKNOWN_POINT = "unknown"


class Tip(db.Model):
    """One tip, from any channel. Written by :mod:`coldcase.tips.intake`; the conversation's state (``unread``,
    ``waiting_for``) by :mod:`coldcase.tips.conversation` and the review's opening of it, the status by
    :mod:`coldcase.review.grading`."""

    __tablename__ = "tips"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Identity of the submission: the form's idempotency token (hashed) for web tips, random otherwise. Unique,
    #: so that a double click or a spooled tip imported twice still makes one row.
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=lambda: str(uuid_module.uuid4()))
    #: The short number shown to the tipster and used by staff, e.g. ``T-7KQ2-M9XD``.
    number: Mapped[str] = mapped_column(String(16), unique=True)
    channel: Mapped[str] = mapped_column(String(10), default=Channel.WEB.value)
    #: The case the tip is about; ``None`` for a general tip.
    case_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    edition: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    #: Attribution code of the distribution point, ``"unknown"`` when a code was given that no edition knows.
    point_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    how_known: Mapped[str | None] = mapped_column(String(10), nullable=True)
    when_where: Mapped[str] = mapped_column(Text, default="")
    #: Fernet token of the contact details; ``None`` when the tipster stays anonymous.
    contact_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    #: The language of the pages the tipster used (so that replies can be written in it).
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    status: Mapped[str] = mapped_column(String(12), default=TipStatus.NEW.value, index=True)
    #: The day the tip arrived (UTC). Date precision on purpose: a time of day can identify a tipster.
    created_at: Mapped[datetime.date] = mapped_column(Date, default=today, index=True)
    #: Slow hash (scrypt) of the receipt code; ``None`` for tips entered by staff without a receipt.
    receipt_hash: Mapped[str | None] = mapped_column(String(128), nullable=True, unique=True)
    #: The staff member who entered a tip from another channel.
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    #: Filled at intake by the review workspace's scoring function, when it is installed.
    triage_score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    triage_reasons: Mapped[list | None] = mapped_column(JSON, nullable=True)
    #: The tipster wrote since an investigator last opened the tip.
    unread: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), index=True)
    #: Whose turn it is in the conversation: ``"us"`` (the tipster wrote last), ``"tipster"`` (we did), or None.
    waiting_for: Mapped[str | None] = mapped_column(String(10), nullable=True)

    attachments: Mapped[list[TipAttachment]] = relationship(
        back_populates="tip", cascade="all, delete-orphan", order_by="TipAttachment.id"
    )
    messages: Mapped[list[TipMessage]] = relationship(
        back_populates="tip", cascade="all, delete-orphan", order_by="TipMessage.id"
    )

    @property
    def is_anonymous(self) -> bool:
        """True when the tipster left no contact details."""
        return self.contact_encrypted is None

    def __repr__(self) -> str:
        return f"<Tip {self.number}>"


class TipAttachment(db.Model):
    """A file sent with a tip: checked by content, stripped of metadata, stored encrypted."""

    __tablename__ = "tip_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tip_id: Mapped[int] = mapped_column(ForeignKey("tips.id", ondelete="CASCADE"), index=True)
    #: The type found in the content (``image/jpeg``, ``image/png``, ``application/pdf``), never the name's.
    media_type: Mapped[str] = mapped_column(String(40))
    #: A neutral name (``attachment-1.jpg``): the tipster's own file name may carry their name.
    filename: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    content_encrypted: Mapped[bytes] = mapped_column(LargeBinary)

    tip: Mapped[Tip] = relationship(back_populates="attachments")


class TipMessage(db.Model):
    """One message of the anonymous conversation about a tip: from the tipster or from a staff member."""

    __tablename__ = "tip_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tip_id: Mapped[int] = mapped_column(ForeignKey("tips.id", ondelete="CASCADE"), index=True)
    #: ``"tipster"`` or ``"staff"``.
    author: Mapped[str] = mapped_column(String(10))
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime.date] = mapped_column(Date, default=today)
    #: When it was written (UTC): staff replies to the minute, the tipster's messages to the hour only, so that
    #: the time cannot single out a tipster. None for messages stored before version 0006.
    sent_at: Mapped[datetime.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    tip: Mapped[Tip] = relationship(back_populates="messages")

    @property
    def from_tipster(self) -> bool:
        """True for the tipster's own messages."""
        return self.author == "tipster"
