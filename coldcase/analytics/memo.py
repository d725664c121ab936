"""Remembered figures: the dashboard computes its aggregates once per state of the data, not once per request.

The state of the data is read in one statement from three primary keys, each the newest of its table: the
newest tip (intake only adds tips), the newest message of a tip conversation, and the newest audit event about
tips (every change staff make to a tip, its first review, a case move, a rescore or a purge is audited in the
same transaction; see :mod:`coldcase.audit.service`). Each is the last entry of an index, so reading the state
costs about a millisecond at any size. When it changes, the next request computes the figures again.

Per process, bounded (:data:`SIZE` filters); each worker keeps its own.
"""

from __future__ import annotations

import datetime
import threading
from collections import OrderedDict

from sqlalchemy import func, select

from coldcase.analytics.figures import Figures, compute
from coldcase.analytics.filters import YieldFilter
from coldcase.audit.models import AuditEvent
from coldcase.cases.model import Library
from coldcase.extensions import db
from coldcase.tips.models import Tip, TipMessage

SIZE = 32
_lock = threading.Lock()
_remembered: OrderedDict[tuple, tuple[Library, Figures]] = OrderedDict()


def data_state() -> tuple:
    """The newest tip, tip message and audit event about tips: changes whenever a figure may change."""
    return tuple(db.session.execute(select(
        select(func.max(Tip.id)).scalar_subquery(),
        select(func.max(TipMessage.id)).scalar_subquery(),
        select(func.max(AuditEvent.id)).where(AuditEvent.action.like("tip%")).scalar_subquery(),
    )).one())


def figures_for(wanted: YieldFilter, library: Library, today: datetime.date) -> Figures:
    """The figures of ``wanted``, computed again only when the data, the case library or the day changed."""
    key = (wanted, today, data_state())
    with _lock:
        found = _remembered.get(key)
        if found is not None and found[0] is library:
            _remembered.move_to_end(key)
            return found[1]
    result = compute(wanted, library, today)
    with _lock:
        _remembered[key] = (library, result)
        while len(_remembered) > SIZE:
            _remembered.popitem(last=False)
    return result


def forget() -> None:
    """Drop every remembered figure (for tests)."""
    with _lock:
        _remembered.clear()
