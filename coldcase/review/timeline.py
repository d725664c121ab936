"""A tip's history as one list: the conversation, private notes and every change, in time order, each with its
date and time of day in the reader's language."""

from __future__ import annotations

import datetime

from coldcase.audit import service as audit
from coldcase.audit.describe import actor_name, describe
from coldcase.review import (
    display,
    history,  # noqa: F401  (registers how a tip's changes are said)
    notes,
)
from coldcase.tips.models import Tip

#: Audit actions shown in a tip's timeline (views are in the audit log, but would drown the history).
TIMELINE_ACTIONS = (audit.TIP_ENTERED, audit.TIP_GRADED, audit.TIP_STATUS, audit.TIP_ASSIGNED, audit.TIP_TAGGED,
                    audit.TIP_LINKED, audit.TIP_MOVED, audit.TIP_PURGED)


def _moment(value: datetime.date | datetime.datetime) -> datetime.datetime:
    """A timeline entry's time in UTC. SQLite hands back timestamps without a zone; they were stored in UTC."""
    if not isinstance(value, datetime.datetime):
        return datetime.datetime.combine(value, datetime.time(), tzinfo=datetime.UTC)
    if value.tzinfo is None:
        return value.replace(tzinfo=datetime.UTC)
    return value.astimezone(datetime.UTC)


def _message_moments(tip: Tip, replies: list) -> dict[int, datetime.datetime]:
    """When each message was written. Messages stored before version 0006 carry a day only: a staff reply takes
    the time of its audit event (the n-th reply, the n-th event), a tipster's message the end of its day (an
    answer comes after the question of the same day, never before it)."""
    moments, reply_times = {}, iter(_moment(event.at) for event in replies)
    for message in sorted(tip.messages, key=lambda m: m.id):
        reply_time = next(reply_times, None) if not message.from_tipster else None
        if message.sent_at is not None:
            moments[message.id] = _moment(message.sent_at)
        elif reply_time is not None and reply_time.date() == message.created_at:
            moments[message.id] = reply_time
        else:
            end = datetime.time(23, 59, 59) if message.from_tipster else datetime.time()
            moments[message.id] = datetime.datetime.combine(message.created_at, end, tzinfo=datetime.UTC)
    return moments


def entries(tip: Tip) -> list[dict]:
    """Messages, notes and changes of a tip, oldest first, each with its time of day; at the very same moment
    messages come first, then notes, then changes."""
    events = audit.events_for_target(audit.tip_target(tip), TIMELINE_ACTIONS + (audit.TIP_REPLIED,))
    moments = _message_moments(tip, [event for event in events if event.action == audit.TIP_REPLIED])
    entries = []
    for message in tip.messages:
        moment = moments[message.id]
        entries.append({"when": display.when(moment if message.sent_at or not message.from_tipster
                                             else message.created_at, to_the_hour=message.from_tipster
                                             and message.sent_at is not None),
                        "kind": "tipster" if message.from_tipster else "reply",
                        "who": "tipster" if message.from_tipster else "team", "text": message.body,
                        "order": (moment, 0, message.id)})
    for note in notes.notes_of(tip):
        entries.append({"when": display.when(_moment(note.created_at)), "kind": "note",
                        "who": note.author.email if note.author else "", "text": note.body,
                        "order": (_moment(note.created_at), 1, note.id)})
    for event in events:
        if event.action == audit.TIP_REPLIED:
            continue  # the reply itself is in the timeline
        who = actor_name(event.actor_label)
        entries.append({"when": display.when(_moment(event.at)), "kind": "change", "who": who,
                        "text": describe(event), "order": (_moment(event.at), 2, event.id)})
    return sorted(entries, key=lambda entry: entry["order"])
