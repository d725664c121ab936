"""Held-back facts: what investigators know about a case and never published (a weapon, a piece of clothing, a
detail of the scene), so that a tip that mentions one stands out. In Dutch practice "daderkennis".

Readable and writable only by investigators of the case's own unit (:func:`may_read`). Stored encrypted like
contact details (:mod:`coldcase.tips.crypto`); never on a public page, a PDF, an export or a log. The audit log
records that a fact was added, removed, shown or matched by a tip, by its number only, never its words.
Written only here; the caller commits.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, select
from sqlalchemy.orm import Mapped, mapped_column

from coldcase.audit import service as audit
from coldcase.auth.models import Role, User, utcnow
from coldcase.extensions import db
from coldcase.tips import crypto
from coldcase.tips.published import HeldBackFact
from coldcase.tips.textscan import fold

MAX_LABEL = 200
MAX_TERMS = 1_000

HELD_BACK_ADDED = "held_back_added"
HELD_BACK_REMOVED = "held_back_removed"
HELD_BACK_VIEWED = "held_back_viewed"
HELD_BACK_MATCHED = "held_back_matched"


class WithheldFact(db.Model):
    """One held-back fact of a case: a short label and the words that mention it, both encrypted."""

    __tablename__ = "held_back_facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(String(64), index=True)
    label_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    #: The words or phrases that mention the fact, one a line, in any language.
    terms_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @property
    def ref(self) -> str:
        """How a tip's stored reasons name this fact: ``#12``."""
        return f"#{self.id}"

    def decrypted(self) -> HeldBackFact:
        """The fact in clear, for scoring and for its unit's page."""
        terms = crypto.decrypt_text(self.terms_encrypted) or ""
        return HeldBackFact(self.ref, crypto.decrypt_text(self.label_encrypted) or "",
                            tuple(line.strip() for line in terms.splitlines() if line.strip()))


class HeldBackError(Exception):
    """A held-back fact that cannot be saved, with a message for the investigator."""


def may_read(user: User | None, case) -> bool:
    """True for an active investigator whose unit is the case's unit (compared without case or accents)."""
    if user is None or case is None or not getattr(user, "is_authenticated", False):
        return False
    unit = (getattr(user, "unit", None) or "").strip()
    return (user.has_role(Role.INVESTIGATOR) and bool(unit)
            and fold(unit) == fold((getattr(case, "unit", "") or "").strip()))


def facts_of(case_id: str) -> list[WithheldFact]:
    """The held-back facts of a case, oldest first (encrypted; see :meth:`WithheldFact.decrypted`)."""
    return list(db.session.scalars(select(WithheldFact).where(WithheldFact.case_id == case_id)
                                   .order_by(WithheldFact.id)))


def for_scoring(case_id: str | None) -> tuple[HeldBackFact, ...]:
    """The case's held-back facts in clear, for the triage score (never shown or logged from here)."""
    if not case_id:
        return ()
    return tuple(fact.decrypted() for fact in facts_of(case_id))


def shown_to(user: User, case) -> list[HeldBackFact]:
    """The case's facts for its unit's page; the showing is audited."""
    facts = [fact.decrypted() for fact in facts_of(case.id)]
    audit.record(user, HELD_BACK_VIEWED, f"case:{case.id}", {"count": len(facts)})
    return facts


def add(user: User, case, label: str, terms_text: str) -> WithheldFact:
    """Record a held-back fact. ``terms_text`` holds the words that mention it, one a line or separated by
    commas; the label itself always counts as one. Raises HeldBackError for a user outside the unit or an
    empty or too long field."""
    if not may_read(user, case):
        raise HeldBackError(_("Only investigators of %(unit)s can record held-back facts of this case.",
                              unit=case.unit))
    label = (label or "").strip()
    if not label:
        raise HeldBackError(_("Say in a few words what the fact is."))
    if len(label) > MAX_LABEL or len(terms_text or "") > MAX_TERMS:
        raise HeldBackError(_("The fact may have at most %(label)d characters and the words that mention it at "
                              "most %(max)d.", label=MAX_LABEL, max=MAX_TERMS))
    terms = [label] + [part.strip() for part in (terms_text or "").replace(",", "\n").splitlines()
                       if part.strip()]
    fact = WithheldFact(case_id=case.id, label_encrypted=crypto.encrypt_text(label),
                        terms_encrypted=crypto.encrypt_text("\n".join(dict.fromkeys(terms))),
                        created_by_id=user.id)
    db.session.add(fact)
    db.session.flush()
    audit.record(user, HELD_BACK_ADDED, f"case:{case.id}", {"ref": fact.ref})
    return fact


def remove(user: User, case, fact_id: int) -> None:
    """Remove a held-back fact of ``case``. Raises HeldBackError for a user outside the unit or an unknown fact."""
    if not may_read(user, case):
        raise HeldBackError(_("Only investigators of %(unit)s can change held-back facts of this case.",
                              unit=case.unit))
    fact = db.session.get(WithheldFact, fact_id)
    if fact is None or fact.case_id != case.id:
        raise HeldBackError(_("There is no such held-back fact."))
    db.session.delete(fact)
    audit.record(user, HELD_BACK_REMOVED, f"case:{case.id}", {"ref": fact.ref})


def record_matches(tip, refs: list[str]) -> None:
    """Audit that ``tip`` was scored as mentioning the held-back facts ``refs`` (by number only)."""
    if refs:
        audit.record("system", HELD_BACK_MATCHED, audit.tip_target(tip), {"refs": list(refs)})
