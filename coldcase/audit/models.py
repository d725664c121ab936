"""The audit log's one table. Rows are only ever added: the app has no code that changes or removes them, a
flush that tries to is refused (:mod:`coldcase.audit.service`), and on PostgreSQL statement triggers refuse
UPDATE, DELETE and TRUNCATE as well (migration 0006)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coldcase.auth.models import utcnow
from coldcase.extensions import db


class AuditEvent(db.Model):
    """One thing that happened: ``actor`` did ``action`` (an event code) to ``target`` at ``at``, with
    ``params``, the event's detail as data, which :mod:`coldcase.audit.describe` says in the reader's language.
    ``detail`` holds the English sentence that versions before 0006 wrote instead (shown as it is).

    ``actor_label`` keeps the actor's email as it was (or ``system``, ``command line``), so the record stays
    readable whatever happens to the account later. ``target`` names the record, e.g. ``tip:T-7KQ2-M9XD`` or
    ``user:12``.
    """

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_target_at", "target", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True, index=True)
    actor_label: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(40), index=True)
    target: Mapped[str] = mapped_column(String(120), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    params: Mapped[dict | None] = mapped_column(JSON, nullable=True)

    def __repr__(self) -> str:
        return f"<AuditEvent {self.action} {self.target} by {self.actor_label}>"
