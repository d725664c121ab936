"""What investigators add to a tip: its grade and assignment (one review row per tip, with a version for
optimistic locking), private notes, tags and links between tips. Written only by :mod:`coldcase.review.grading`
and :mod:`coldcase.review.notes`; the history of changes is the audit log."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coldcase.auth.models import User, utcnow
from coldcase.extensions import db

#: Admiralty source grades: A completely reliable ... F cannot be judged.
SOURCE_GRADES = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
#: Admiralty information grades: 1 confirmed by other sources ... 6 cannot be judged.
INFORMATION_GRADES = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


class Outcome(str, enum.Enum):
    """What a tip came to. "Usable" and better is what the police count as yield."""

    NOT_USABLE = "not_usable"
    USABLE = "usable"
    REOPENED = "reopened"
    SOLVED = "solved"

    @property
    def label(self) -> str:
        """Words for the outcome."""
        return {
            "not_usable": "not usable",
            "usable": "usable",
            "reopened": "led to reopening",
            "solved": "led to a solution",
        }[self.value]


class CloseReason(str, enum.Enum):
    """Why a tip was closed."""

    SPAM = "spam"
    DUPLICATE = "duplicate"
    NO_LEAD = "no_lead"
    PASSED_ON = "passed_on"
    DONE = "done"

    @property
    def label(self) -> str:
        """Words for the reason."""
        return {
            "spam": "spam",
            "duplicate": "duplicate",
            "no_lead": "no lead",
            "passed_on": "passed on",
            "done": "dealt with",
        }[self.value]


class TipReview(db.Model):
    """The investigators' view of one tip. ``version`` goes up by one with every change, so a form saved from
    an older version is recognised as a conflict instead of overwriting a colleague's work."""

    __tablename__ = "tip_reviews"
    __table_args__ = (
        CheckConstraint("information_grade IS NULL OR information_grade BETWEEN 1 AND 6", name="information"),
    )

    tip_id: Mapped[int] = mapped_column(ForeignKey("tips.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True,
                                                    index=True)
    source_grade: Mapped[str | None] = mapped_column(String(1), nullable=True)
    information_grade: Mapped[int | None] = mapped_column(Integer, nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(12), nullable=True, index=True)
    close_reason: Mapped[str | None] = mapped_column(String(12), nullable=True)
    #: When someone first opened the tip; until then it counts against the 7-day acknowledgement time.
    first_reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    #: When the tip was last closed (``None`` while open): the analysts' time to close.
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)

    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id], lazy="joined")
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id], lazy="joined")

    @property
    def grade(self) -> str:
        """The Admiralty pair such as ``B2``, or an empty string while ungraded."""
        return f"{self.source_grade or ''}{self.information_grade or ''}"


class TipNote(db.Model):
    """A private note on a tip; the tipster never sees it."""

    __tablename__ = "tip_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tip_id: Mapped[int] = mapped_column(ForeignKey("tips.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")


class TipTag(db.Model):
    """A word an investigator put on a tip ("vehicle", "alibi")."""

    __tablename__ = "tip_tags"

    tip_id: Mapped[int] = mapped_column(ForeignKey("tips.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class TipLink(db.Model):
    """Two tips that belong together (the same event, a repeat). Stored once, lower tip id first."""

    __tablename__ = "tip_links"
    __table_args__ = (
        UniqueConstraint("tip_id", "other_tip_id", name="uq_tip_links_pair"),
        CheckConstraint("tip_id < other_tip_id", name="ordered"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tip_id: Mapped[int] = mapped_column(ForeignKey("tips.id", ondelete="CASCADE"), index=True)
    other_tip_id: Mapped[int] = mapped_column(ForeignKey("tips.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# Declared here so that migrations know it (created in migration 0003): the queue's order, on the tips table.
from coldcase.tips.models import Tip  # noqa: E402

Index("ix_tips_queue_order", Tip.unread.desc(), Tip.triage_score.desc().nulls_last(), Tip.created_at, Tip.id)
# For the yield figures (migration 0008): grouped by edition and case or point, filtered by day.
Index("ix_tips_yield_edition_case", Tip.edition, Tip.case_id, Tip.created_at)
Index("ix_tips_yield_edition_point", Tip.edition, Tip.point_code)
