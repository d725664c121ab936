"""Retention: contact details and attachments of closed tips are removed after configured periods.

The clock of a closed tip starts at the last change of its review (closing it, or grading it afterwards) or at
the tipster's latest message, whichever is later, so a tip that is still being worked on, or whose tipster still
writes, is never purged mid-conversation. The tip's text, grade and history stay: they are the record
of the investigation and the yield figures.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import delete, func, select

from coldcase.audit import service as audit
from coldcase.auth.models import utcnow
from coldcase.extensions import db
from coldcase.review.models import TipReview
from coldcase.tips.models import Tip, TipAttachment, TipMessage, TipStatus

DEFAULT_CONTACT_DAYS = 365
DEFAULT_ATTACHMENT_DAYS = 730


@dataclass
class PurgeReport:
    """What a purge removed (or, in a dry run, would remove): tip numbers per kind."""

    contacts: list[str] = field(default_factory=list)
    attachments: dict[str, int] = field(default_factory=dict)


def _closed_before(days: int, now: datetime.datetime):
    cutoff = now - datetime.timedelta(days=days)
    # Messages carry a date only: one written on the cutoff's day counts as within the period.
    recent_message = select(TipMessage.id).where(TipMessage.tip_id == Tip.id, TipMessage.author == "tipster",
                                                 TipMessage.created_at >= cutoff.date()).exists()
    return (
        select(Tip)
        .join(TipReview, TipReview.tip_id == Tip.id)
        .where(Tip.status == TipStatus.CLOSED.value, TipReview.updated_at < cutoff, ~recent_message)
        .order_by(Tip.id)
    )


def purge(actor, dry_run: bool = False, now: datetime.datetime | None = None) -> PurgeReport:
    """Remove contact details of tips closed longer than ``RETENTION_DAYS_CONTACT`` and attachments of tips
    closed longer than ``RETENTION_DAYS_ATTACHMENTS``; audit each tip. With ``dry_run`` nothing changes and
    nothing is recorded. The caller commits."""
    now = now or utcnow()
    contact_days = int(current_app.config.get("RETENTION_DAYS_CONTACT", DEFAULT_CONTACT_DAYS))
    attachment_days = int(current_app.config.get("RETENTION_DAYS_ATTACHMENTS", DEFAULT_ATTACHMENT_DAYS))
    report = PurgeReport()
    for tip in db.session.scalars(_closed_before(contact_days, now).where(Tip.contact_encrypted.is_not(None))):
        report.contacts.append(tip.number)
        if not dry_run:
            tip.contact_encrypted = None
            audit.record(actor, audit.TIP_PURGED, audit.tip_target(tip),
                         {"contact": True, "attachments": 0, "days": contact_days})
    with_files = _closed_before(attachment_days, now).where(
        select(TipAttachment.id).where(TipAttachment.tip_id == Tip.id).exists())
    for tip in db.session.scalars(with_files):
        count = db.session.scalar(select(func.count()).where(TipAttachment.tip_id == tip.id))
        report.attachments[tip.number] = count
        if not dry_run:
            db.session.execute(delete(TipAttachment).where(TipAttachment.tip_id == tip.id))
            db.session.expire(tip, ["attachments"])
            audit.record(actor, audit.TIP_PURGED, audit.tip_target(tip),
                         {"contact": False, "attachments": count, "days": attachment_days})
    return report
