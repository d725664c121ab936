"""The investigators' queue: which tips to look at, best first. Reads only.

Open tips come unread first (the tipster wrote since anyone opened them), then by triage score (highest first,
unscored last), then age (oldest first). One page is one query
for the tips with their review rows and assignees (joined), so a page costs the same whatever its length.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from sqlalchemy import and_, or_, select

from coldcase.extensions import db
from coldcase.review.models import TipReview
from coldcase.tips.models import Tip, TipStatus

#: EU directive 2019/1937: a report is acknowledged within 7 days. A tip nobody opened by then stands out.
ACKNOWLEDGE_DAYS = 7
PER_PAGE = 50


@dataclass(frozen=True)
class QueueFilter:
    """What the queue is narrowed to; ``None`` or empty means "any". ``status`` empty means the open tips
    (everything but closed); ``assignee_id`` 0 means "nobody"."""

    case_id: str | None = None
    edition: int | None = None
    channel: str | None = None
    point_code: str | None = None
    status: str | None = None
    assignee_id: int | None = None
    min_score: int | None = None
    max_score: int | None = None
    grade: str | None = None
    outcome: str | None = None
    #: ``"us"``: the tipster wrote last; ``"tipster"``: the team wrote last and waits for an answer.
    waiting_for: str | None = None


#: The values of the "waiting for" filter.
WAITING_FOR = ("us", "tipster")


@dataclass(frozen=True)
class QueueRow:
    """One line of the queue."""

    tip: Tip
    review: TipReview | None
    overdue: bool


@dataclass
class QueuePage:
    """A page of the queue, and whether there are more."""

    rows: list[QueueRow]
    page: int
    per_page: int
    has_next: bool
    filters: QueueFilter = field(default_factory=QueueFilter)

    @property
    def has_prev(self) -> bool:
        """Whether there is a page before this one."""
        return self.page > 1


def _conditions(wanted: QueueFilter) -> list:
    conditions = []
    if wanted.status:
        conditions.append(Tip.status == wanted.status)
    else:
        conditions.append(Tip.status != TipStatus.CLOSED.value)
    if wanted.case_id == "-":
        conditions.append(Tip.case_id.is_(None))
    elif wanted.case_id:
        conditions.append(Tip.case_id == wanted.case_id)
    if wanted.edition is not None:
        conditions.append(Tip.edition == wanted.edition)
    if wanted.channel:
        conditions.append(Tip.channel == wanted.channel)
    if wanted.point_code:
        conditions.append(Tip.point_code == wanted.point_code)
    if wanted.min_score is not None:
        conditions.append(Tip.triage_score >= wanted.min_score)
    if wanted.max_score is not None:
        conditions.append(Tip.triage_score <= wanted.max_score)
    if wanted.assignee_id == 0:
        conditions.append(TipReview.assignee_id.is_(None))
    elif wanted.assignee_id is not None:
        conditions.append(TipReview.assignee_id == wanted.assignee_id)
    if wanted.grade:
        grade = wanted.grade.strip().upper()
        if grade[:1].isalpha():
            conditions.append(TipReview.source_grade == grade[:1])
            grade = grade[1:]
        if grade[:1].isdigit():
            conditions.append(TipReview.information_grade == int(grade[:1]))
    if wanted.waiting_for in WAITING_FOR:
        conditions.append(Tip.waiting_for == wanted.waiting_for)
    if wanted.outcome == "-":
        conditions.append(TipReview.outcome.is_(None))
    elif wanted.outcome:
        conditions.append(TipReview.outcome == wanted.outcome)
    return conditions


def is_overdue(tip: Tip, review: TipReview | None, today: datetime.date) -> bool:
    """True for a tip nobody has opened ``ACKNOWLEDGE_DAYS`` days after it arrived."""
    opened = review is not None and review.first_reviewed_at is not None
    return not opened and tip.status == TipStatus.NEW.value and (today - tip.created_at).days >= ACKNOWLEDGE_DAYS


def queue_page(wanted: QueueFilter = QueueFilter(), page: int = 1, per_page: int = PER_PAGE,
               today: datetime.date | None = None) -> QueuePage:
    """One page of the queue. Fetches one row more than asked to know whether a next page exists, instead of
    counting the whole queue on every request."""
    today = today or datetime.datetime.now(datetime.UTC).date()
    page = max(1, page)
    query = (
        select(Tip, TipReview)
        .outerjoin(TipReview, TipReview.tip_id == Tip.id)
        .where(and_(*_conditions(wanted)))
        .order_by(Tip.unread.desc(), Tip.triage_score.desc().nulls_last(), Tip.created_at, Tip.id)
        .limit(per_page + 1)
        .offset((page - 1) * per_page)
    )
    found = db.session.execute(query).all()
    rows = [QueueRow(tip, review, is_overdue(tip, review, today)) for tip, review in found[:per_page]]
    return QueuePage(rows, page, per_page, len(found) > per_page, wanted)


def overdue_count(today: datetime.date | None = None, cap: int = 100) -> int:
    """How many new tips have waited ``ACKNOWLEDGE_DAYS`` days or more without anyone opening them, counted up
    to ``cap`` (the page says "100 or more"): the count stops early instead of reading every old tip."""
    from sqlalchemy import func

    today = today or datetime.datetime.now(datetime.UTC).date()
    cutoff = today - datetime.timedelta(days=ACKNOWLEDGE_DAYS)
    waiting = (
        select(Tip.id)
        .outerjoin(TipReview, TipReview.tip_id == Tip.id)
        .where(Tip.status == TipStatus.NEW.value, Tip.created_at <= cutoff,
               or_(TipReview.tip_id.is_(None), TipReview.first_reviewed_at.is_(None)))
        .limit(cap)
        .subquery()
    )
    return db.session.scalar(select(func.count()).select_from(waiting)) or 0


def unread_count(cap: int = 100) -> int:
    """How many tips have a message from the tipster that nobody has read yet, counted up to ``cap``."""
    from sqlalchemy import func

    unread = select(Tip.id).where(Tip.unread.is_(True)).limit(cap).subquery()
    return db.session.scalar(select(func.count()).select_from(unread)) or 0


def filter_choices(library) -> dict[str, list]:
    """Choices for the filter form's lists, from the case library rather than from the tips table (reading
    the distinct values of 100,000 tips would cost more than the page itself)."""
    points = sorted({point.code for edition in library.editions.values() for point in edition.distribution})
    return {"cases": sorted(library.cases), "editions": sorted(library.editions), "points": points}
