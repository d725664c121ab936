"""Remembered figures: the dashboard computes its figures once per state of the counts, and after a change it
reads again only the editions whose counts changed.

The counts are kept in ``yield_cells`` by :mod:`coldcase.analytics.summaries`, which bumps an edition's row in
``yield_versions`` in the same transaction as every change to its counts. The state is those few rows (one
small statement); an edition whose version moved is read again (by :mod:`coldcase.analytics.kept`, from the
cells and for some filters the fact rows of that edition's matching tips), the rest is reused. A rebuild moves the version of
every edition. A version and the counts it stands for are committed together, so a reader never keeps counts
older than the state it remembers them under.

Per process, bounded (:data:`SIZE` filters); each worker keeps its own.
"""

from __future__ import annotations

import datetime
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field, replace

from coldcase.analytics import queries, summaries
from coldcase.analytics.figures import Figures, compute, scope_for
from coldcase.analytics.filters import YieldFilter
from coldcase.cases.model import Library
from coldcase.extensions import db

SIZE = 32
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
    #: The folds of the previous figures still true of these counts (the editions that did not change).
    folded: dict = field(default_factory=dict)


_remembered: OrderedDict[YieldFilter, _Entry] = OrderedDict()


def data_state() -> tuple:
    """The version of every edition's counts: changes whenever a figure may change."""
    return summaries.state(db.session)


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
        changed = summaries.changed_editions(entry.state, state)
    if changed is None:
        return _Entry(library, state, _by_edition(queries.count_all(scope)), recounted=["all"])
    counts = {name: dict(per_edition) for name, per_edition in entry.counts.items()}
    if changed:
        fresh = _by_edition(queries.count_all(replace(scope, editions=tuple(changed))))
        for name, per_edition in counts.items():
            for year in changed:
                per_edition.pop(year, None)
            per_edition.update(fresh.get(name, {}))
    kept = {year: fold for year, fold in (entry.figures.folded if entry.figures else {}).items()
            if year not in changed}
    return _Entry(library, state, counts, recounted=sorted(changed, key=lambda y: (y is None, y or 0)),
                  folded=kept)


def figures_for(wanted: YieldFilter, library: Library, today: datetime.date) -> Figures:
    """The figures of ``wanted``, counted again only as far as the data, the case library or the day changed."""
    state = data_state()
    with _lock:
        entry = _remembered.get(wanted)
    entry = _count(wanted, library, entry, state)
    if entry.figures is None or entry.today != today:
        entry.figures = compute(wanted, library, today, _flat(entry.counts),
                                weeks_by_edition=entry.counts.get("case_weeks", {}),
                                folded=entry.figures.folded if entry.figures else entry.folded)
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
