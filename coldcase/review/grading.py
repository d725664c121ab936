"""The only writer of grades, assignments, tags, status changes and case moves of tips.

Every change is checked against the review's ``version``: the version the investigator's form was rendered
with must still be the stored one, or :class:`Conflict` is raised and nothing is written. The check is part
of the UPDATE itself (``... WHERE version = :seen``), so two saves at the same moment cannot both win. Each
change is recorded in the audit log, which is also the tip's history. These functions do not commit: the
caller commits once.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select, update

from coldcase.audit import service as audit
from coldcase.auth.models import Role, User, utcnow
from coldcase.extensions import db
from coldcase.review.forms import STATUS_LABELS
from coldcase.review.models import INFORMATION_GRADES, SOURCE_GRADES, CloseReason, Outcome, TipLink, TipReview, TipTag
from coldcase.tips.models import Tip, TipStatus


class ReviewError(ValueError):
    """A change that cannot be made; the message is meant for the investigator, in the request's language."""


class Conflict(Exception):
    """Someone saved the tip since the form was opened. ``review`` holds what is stored now."""

    def __init__(self, review: TipReview) -> None:
        super().__init__("the tip was changed by someone else")
        self.review = review


#: Which status may follow which. Closing is possible from anywhere open; a closed tip may be reopened.
TRANSITIONS = {
    TipStatus.NEW.value: {TipStatus.IN_REVIEW.value, TipStatus.CLOSED.value},
    TipStatus.IN_REVIEW.value: {TipStatus.FOLLOW_UP.value, TipStatus.CLOSED.value},
    TipStatus.FOLLOW_UP.value: {TipStatus.IN_REVIEW.value, TipStatus.CLOSED.value},
    TipStatus.CLOSED.value: {TipStatus.IN_REVIEW.value},
}
MAX_TAGS = 20


@dataclass(frozen=True)
class ReviewChange:
    """What the grading form asks for; every field is the wanted state, not a difference."""

    source_grade: str | None
    information_grade: int | None
    outcome: str | None
    status: str
    close_reason: str | None
    assignee_id: int | None
    tags: tuple[str, ...] = ()


def review_for(tip: Tip) -> TipReview:
    """The tip's review row, made (at version 1) the first time anyone needs it."""
    review = db.session.get(TipReview, tip.id)
    if review is None:
        review = TipReview(tip_id=tip.id, version=1, updated_at=utcnow())
        db.session.add(review)
        db.session.flush()
    return review


def record_view(tip: Tip, user: User) -> TipReview:
    """Note that ``user`` opened the tip: the audit log gets a view, and the first view acknowledges it."""
    review = review_for(tip)
    if review.first_reviewed_at is None:
        # Not a versioned change: acknowledging must never conflict with a colleague's grading.
        db.session.execute(update(TipReview).where(TipReview.tip_id == tip.id,
                                                   TipReview.first_reviewed_at.is_(None))
                           .values(first_reviewed_at=utcnow()))
        db.session.refresh(review)
    if tip.unread:
        tip.unread = False
    audit.record(user, audit.TIP_VIEWED, audit.tip_target(tip), {})
    return review


def tags_of(tip: Tip) -> list[str]:
    """The tip's tags, sorted."""
    return list(db.session.scalars(select(TipTag.tag).where(TipTag.tip_id == tip.id).order_by(TipTag.tag)))


def clean_tags(text: str) -> tuple[str, ...]:
    """Tags typed as "vehicle, alibi": trimmed, lower case, without repeats. Raises ReviewError when too many
    or too long."""
    tags = tuple(dict.fromkeys(t.strip().lower() for t in text.replace(";", ",").split(",") if t.strip()))
    if len(tags) > MAX_TAGS:
        raise ReviewError(_("A tip can have at most %(num)d tags.", num=MAX_TAGS))
    if any(len(tag) > 40 for tag in tags):
        raise ReviewError(_("A tag can have at most %(num)d characters.", num=40))
    return tags


def _check(tip: Tip, change: ReviewChange) -> None:
    if change.source_grade is not None and change.source_grade not in SOURCE_GRADES:
        raise ReviewError(_("The source grade is a letter from A to F."))
    if change.information_grade is not None and change.information_grade not in INFORMATION_GRADES:
        raise ReviewError(_("The information grade is a number from 1 to 6."))
    if change.outcome is not None and change.outcome not in {o.value for o in Outcome}:
        raise ReviewError(_("Unknown outcome."))
    if change.status != tip.status and change.status not in TRANSITIONS.get(tip.status, set()):
        raise ReviewError(_("A tip that is %(old)s cannot go to %(new)s.",
                            old=STATUS_LABELS.get(tip.status, tip.status),
                            new=STATUS_LABELS.get(change.status, change.status)))
    if change.status == TipStatus.CLOSED.value:
        if change.close_reason not in {r.value for r in CloseReason}:
            raise ReviewError(_("Say why the tip is closed."))
    elif change.close_reason:
        raise ReviewError(_("A reason for closing is only given when the tip is closed."))
    if change.assignee_id is not None:
        assignee = db.session.get(User, change.assignee_id)
        if assignee is None or not assignee.active or not assignee.has_role(Role.INVESTIGATOR):
            raise ReviewError(_("Tips can only be assigned to active investigators."))


def _bump(tip: Tip, user: User, seen_version: int, **values) -> TipReview:
    """Write ``values`` if the review is still at ``seen_version``; raise Conflict otherwise."""
    review = review_for(tip)
    result = db.session.execute(
        update(TipReview)
        .where(TipReview.tip_id == tip.id, TipReview.version == seen_version)
        .values(version=TipReview.version + 1, updated_at=utcnow(), updated_by_id=user.id, **values)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(review)
    if result.rowcount != 1:
        raise Conflict(review)
    return review


def _check_version(tip: Tip, seen_version: int) -> None:
    """Raise Conflict unless the review is still at ``seen_version``; writes nothing."""
    stored = db.session.scalar(select(TipReview.version).where(TipReview.tip_id == tip.id))
    if stored != seen_version:
        review = review_for(tip)
        db.session.refresh(review)
        raise Conflict(review)


def save_review(tip: Tip, user: User, seen_version: int, change: ReviewChange) -> list:
    """Apply the grading form to ``tip`` as ``user``; return the audit events of the changes made (empty when
    nothing changed). Raises ReviewError for a change that is not allowed, Conflict for a stale form."""
    _check(tip, change)
    review = review_for(tip)
    old_tags = tags_of(tip)
    before = {
        "grade": (review.source_grade, review.information_grade, review.outcome),
        "assignee": review.assignee_id,
        "status": (tip.status, review.close_reason),
    }
    close_reason = change.close_reason if change.status == TipStatus.CLOSED.value else None
    tags_changed = list(change.tags) != old_tags and sorted(change.tags) != old_tags
    if (before == {"grade": (change.source_grade, change.information_grade, change.outcome),
                   "assignee": change.assignee_id, "status": (change.status, close_reason)}
            and not tags_changed):
        # Nothing to write: a stale form is still a conflict, but the version stays, so a colleague's open form
        # stays valid.
        _check_version(tip, seen_version)
        return []
    closing = {}
    if change.status != tip.status:  # the analysts' time to close: set on closing, cleared on opening again
        closing["closed_at"] = utcnow() if change.status == TipStatus.CLOSED.value else None
    review = _bump(tip, user, seen_version, source_grade=change.source_grade,
                   information_grade=change.information_grade, outcome=change.outcome,
                   assignee_id=change.assignee_id, close_reason=close_reason, **closing)
    target = audit.tip_target(tip)
    done: list = []
    if before["grade"] != (change.source_grade, change.information_grade, change.outcome):
        done.append(audit.record(user, audit.TIP_GRADED, target, {"grade": review.grade, "outcome": change.outcome}))
    if before["assignee"] != change.assignee_id:
        assignee = db.session.get(User, change.assignee_id) if change.assignee_id else None
        done.append(audit.record(user, audit.TIP_ASSIGNED, target, {"assignee": assignee.email if assignee else None}))
    if before["status"] != (change.status, close_reason):
        done.append(audit.record(user, audit.TIP_STATUS, target,
                                 {"old": tip.status, "new": change.status, "reason": close_reason}))
        tip.status = change.status
    if tags_changed:
        for tag in set(old_tags) - set(change.tags):
            db.session.delete(db.session.get(TipTag, (tip.id, tag)))
        for tag in set(change.tags) - set(old_tags):
            db.session.add(TipTag(tip_id=tip.id, tag=tag))
        done.append(audit.record(user, audit.TIP_TAGGED, target, {"tags": sorted(change.tags)}))
    return done


def reopen_for_tipster(tip: Tip, at) -> None:
    """The tipster wrote on a closed tip: put it back in the queue (in review), with the reason in its history.
    Not a versioned change (a tipster's message must never conflict with an investigator's form), but the
    version goes up, so a form opened before sees that something changed. The caller commits."""
    if tip.status != TipStatus.CLOSED.value:
        return
    review_for(tip)
    db.session.execute(
        update(TipReview).where(TipReview.tip_id == tip.id)
        .values(version=TipReview.version + 1, close_reason=None, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    audit.record("tipster", audit.TIP_STATUS, audit.tip_target(tip),
                 {"old": tip.status, "new": TipStatus.IN_REVIEW.value, "reason": None, "cause": "tipster_message"},
                 at=at)
    tip.status = TipStatus.IN_REVIEW.value


def move_to_case(tip: Tip, user: User, seen_version: int, case_id: str, known_case_ids) -> None:
    """Attach a general tip (or one filed under the wrong case) to ``case_id`` and score it again against that
    case (its place, victim and dates, and the tips filed under it). Raises ReviewError for an unknown case,
    Conflict for a stale form."""
    from coldcase.review.triage import score_new_tip

    if case_id not in known_case_ids:
        raise ReviewError(_("There is no case '%(case)s'.", case=case_id))
    if case_id == tip.case_id:
        raise ReviewError(_("The tip is already about that case."))
    _bump(tip, user, seen_version)
    old = tip.case_id
    tip.case_id = case_id
    score_new_tip(tip)
    audit.record(user, audit.TIP_MOVED, audit.tip_target(tip), {"old": old, "case": case_id})


def link_tips(tip: Tip, user: User, other_number: str) -> Tip:
    """Link ``tip`` with the tip numbered ``other_number`` (both timelines show it); returns the other tip.
    Raises ReviewError for an unknown number, the tip itself, or an existing link."""
    other = db.session.scalar(select(Tip).where(Tip.number == other_number.strip().upper()))
    if other is None:
        raise ReviewError(_("There is no tip %(number)s.", number=other_number.strip()))
    if other.id == tip.id:
        raise ReviewError(_("A tip cannot be linked to itself."))
    low, high = sorted((tip.id, other.id))
    if db.session.scalar(select(TipLink.id).where(TipLink.tip_id == low, TipLink.other_tip_id == high)):
        raise ReviewError(_("Tip %(number)s is linked already.", number=other.number))
    db.session.add(TipLink(tip_id=low, other_tip_id=high, created_by_id=user.id))
    audit.record(user, audit.TIP_LINKED, audit.tip_target(tip), {"number": other.number})
    audit.record(user, audit.TIP_LINKED, audit.tip_target(other), {"number": tip.number})
    return other


def linked_tips(tip: Tip) -> list[Tip]:
    """The tips linked with ``tip``, in one query."""
    pairs = select(TipLink.tip_id, TipLink.other_tip_id).where(
        (TipLink.tip_id == tip.id) | (TipLink.other_tip_id == tip.id)).subquery()
    ids = select(pairs.c.tip_id).union(select(pairs.c.other_tip_id)).subquery()
    return list(db.session.scalars(select(Tip).where(Tip.id.in_(select(ids)), Tip.id != tip.id)
                                   .order_by(Tip.id)))


def record_past_review(tip: Tip, *, outcome: str | None, source_grade: str | None = None,
                       information_grade: int | None = None, first_reviewed_at=None, closed_at=None,
                       close_reason: str | None = None) -> TipReview:
    """Store the review of a tip from before this system (``coldcase demo seed-history``): its grade, when it
    was first read and when it was closed, as they were then. Not audited as a change by anyone: the caller
    records one audit event for the whole import. Raises ReviewError for an unknown outcome or grade."""
    if outcome is not None and outcome not in {o.value for o in Outcome}:
        raise ReviewError(_("Unknown outcome."))
    if source_grade is not None and source_grade not in SOURCE_GRADES:
        raise ReviewError(_("The source grade is a letter from A to F."))
    if information_grade is not None and information_grade not in INFORMATION_GRADES:
        raise ReviewError(_("The information grade is a number from 1 to 6."))
    review = review_for(tip)
    review.outcome, review.source_grade, review.information_grade = outcome, source_grade, information_grade
    review.first_reviewed_at, review.closed_at = first_reviewed_at, closed_at
    review.close_reason = close_reason if closed_at is not None else None
    if closed_at is not None:
        tip.status = TipStatus.CLOSED.value
    return review
