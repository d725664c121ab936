"""Remembered figures: the dashboard counts its aggregates once per state of the data, and after a change it
counts again only the editions whose tips changed.

The state of the data is read in one statement from three primary keys, each the newest of its table: the
newest tip (intake only adds tips), the newest message of a tip conversation, and the newest audit event about
tips (every change staff make to a tip, its first review, a case move, a rescore or a purge is audited in the
same transaction; see :mod:`coldcase.audit.service`). Each is the last entry of an index, so reading the state
costs about a millisecond at any size.

The counts are kept per edition (every aggregate groups by edition first). When the state has moved on, the
tips, messages and audit events added since name the editions that changed; only those are counted again and
the rest is reused. An audit event about tips in general (``coldcase tips rescore``) makes everything count
again. To catch a row whose id was handed out before the state was read but committed after, the look back
starts :data:`MARGIN` ids early (counting an edition again is always correct, only slower).

Per process, bounded (:data:`SIZE` filters); each worker keeps its own.
"""

from __future__ import annotations

import datetime
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select, union

from coldcase.analytics import queries
from coldcase.analytics.figures import Figures, compute, scope_for
from coldcase.analytics.filters import YieldFilter
from coldcase.audit.models import AuditEvent
from coldcase.cases.model import Library
from coldcase.extensions import db
from coldcase.tips.models import Tip, TipMessage

SIZE = 32
MARGIN = 100
_TIP_ACTIONS = "tip%"
_lock = threading.Lock()


@dataclass
class _Entry:
    """What is remembered for one filter."""

    library: Library
    state: tuple
    #: ``{aggregate name: {edition: rows}}``
    counts: dict[str, dict[int | None, list[tuple]]]
    today: datetime.date | None = None
    figures: Figures | None = None
    recounted: list = field(default_factory=list)


_remembered: OrderedDict[YieldFilter, _Entry] = OrderedDict()


def data_state() -> tuple:
    """The newest tip, tip message and audit event about tips: changes whenever a figure may change."""
    return tuple(db.session.execute(select(
        select(func.max(Tip.id)).scalar_subquery(),
        select(func.max(TipMessage.id)).scalar_subquery(),
        select(func.max(AuditEvent.id)).where(AuditEvent.action.like(_TIP_ACTIONS)).scalar_subquery(),
    )).one())


def changed_editions(since: tuple) -> set[int | None] | None:
    """The editions with tips added, written to or changed after the state ``since``; ``None`` when anything
    may have changed (an audit event about tips in general)."""
    tip, message, event = ((value or 0) - MARGIN for value in since)
    general = db.session.scalar(select(AuditEvent.id).where(
        AuditEvent.id > event, AuditEvent.action.like(_TIP_ACTIONS), AuditEvent.target.not_like("tip:%")).limit(1))
    if general is not None:
        return None
    prefix = len("tip:") + 1
    query = union(
        select(Tip.edition).where(Tip.id > tip),
        select(Tip.edition).join(TipMessage, TipMessage.tip_id == Tip.id).where(TipMessage.id > message),
        select(Tip.edition).join(AuditEvent, Tip.number == func.substr(AuditEvent.target, prefix))
        .where(AuditEvent.id > event, AuditEvent.action.like(_TIP_ACTIONS), AuditEvent.target.like("tip:%")),
    )
    return {year for (year,) in db.session.execute(query)}


def _by_edition(counts: dict[str, list[tuple]]) -> dict[str, dict[int | None, list[tuple]]]:
    grouped: dict[str, dict[int | None, list[tuple]]] = {}
    for name, rows in counts.items():
        per_edition: dict[int | None, list[tuple]] = defaultdict(list)
        for row in rows:
            per_edition[row[0]].append(row)
        grouped[name] = dict(per_edition)
    return grouped


def _flat(grouped: dict[str, dict[int | None, list[tuple]]]) -> dict[str, list[tuple]]:
    return {name: [row for rows in per_edition.values() for row in rows] for name, per_edition in grouped.items()}


def _count(wanted: YieldFilter, library: Library, entry: _Entry | None, state: tuple) -> _Entry:
    """The counts for ``state``: everything, or (from ``entry``) only the editions that changed."""
    scope = scope_for(wanted, library)
    changed = None
    if entry is not None and entry.library is library:
        if entry.state == state:
            return entry
        changed = changed_editions(entry.state)
    if changed is None:
        return _Entry(library, state, _by_edition(queries.count_all(scope)), recounted=["all"])
    counts = {name: dict(per_edition) for name, per_edition in entry.counts.items()}
    if changed:
        fresh = _by_edition(queries.count_all(replace(scope, editions=tuple(changed))))
        for name, per_edition in counts.items():
            for year in changed:
                per_edition.pop(year, None)
            per_edition.update(fresh.get(name, {}))
    return _Entry(library, state, counts, recounted=sorted(changed, key=lambda y: (y is None, y or 0)))


def figures_for(wanted: YieldFilter, library: Library, today: datetime.date) -> Figures:
    """The figures of ``wanted``, counted again only as far as the data, the case library or the day changed."""
    state = data_state()
    with _lock:
        entry = _remembered.get(wanted)
    entry = _count(wanted, library, entry, state)
    if entry.figures is None or entry.today != today:
        entry.figures = compute(wanted, library, today, _flat(entry.counts))
        entry.today = today
    with _lock:
        _remembered[wanted] = entry
        _remembered.move_to_end(wanted)
        while len(_remembered) > SIZE:
            _remembered.popitem(last=False)
    return entry.figures


def last_recount(wanted: YieldFilter) -> list:
    """The editions counted again for ``wanted`` the last time its data changed (``["all"]`` for everything)."""
    with _lock:
        entry = _remembered.get(wanted)
    return list(entry.recounted) if entry else []


def forget() -> None:
    """Drop every remembered figure (for tests)."""
    with _lock:
        _remembered.clear()
