"""A tip's changes in the language of the page.

Grading, notes, replies, intake and retention record each change as an audit event: a code with parameters
(``tip_status`` with ``{"old": "new", "new": "closed", "reason": "spam"}``). This module registers how each of
those codes is said (:mod:`coldcase.audit.describe`), for a tip's history, the "Saved: ..." message and the
audit log. Nothing here reads a sentence back.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from coldcase.audit import service as audit
from coldcase.audit.describe import describes
from coldcase.review import held_back
from coldcase.review.forms import CHANNEL_LABELS, CLOSE_REASON_LABELS, OUTCOME_LABELS, STATUS_LABELS


def _label(labels: dict, key) -> str:
    return str(labels[key]) if key in labels else str(key)


@describes(audit.TIP_GRADED, _l("tip graded"))
def _graded(params: dict) -> str:
    grade = params["grade"] or _("ungraded")
    outcome = _label(OUTCOME_LABELS, params["outcome"]) if params["outcome"] else _("no outcome yet")
    return _("graded %(grade)s, %(outcome)s", grade=grade, outcome=outcome)


@describes(audit.TIP_ASSIGNED, _l("tip assigned"))
def _assigned(params: dict) -> str:
    if params.get("assignee"):
        return _("assigned to %(email)s", email=params["assignee"])
    return _("assignment removed")


@describes(audit.TIP_STATUS, _l("tip status"))
def _status(params: dict) -> str:
    old, new = _label(STATUS_LABELS, params["old"]), _label(STATUS_LABELS, params["new"])
    if params.get("cause") == "tipster_message":
        return _("status %(old)s → %(new)s: the tipster wrote again", old=old, new=new)
    if params.get("reason"):
        return _("status %(old)s → %(new)s (%(reason)s)", old=old, new=new,
                 reason=_label(CLOSE_REASON_LABELS, params["reason"]))
    return _("status %(old)s → %(new)s", old=old, new=new)


@describes(audit.TIP_TAGGED, _l("tip tagged"))
def _tags(params: dict) -> str:
    tags = params.get("tags") or []
    return _("tags: %(tags)s", tags=", ".join(tags)) if tags else _("tags: none")


@describes(audit.TIP_MOVED, _l("tip moved"))
def _moved(params: dict) -> str:
    if not params.get("old"):
        return _("moved from general to case %(case)s", case=params["case"])
    return _("moved from %(old)s to case %(case)s", old=params["old"], case=params["case"])


describes(audit.TIP_LINKED, _l("tips linked"))(lambda p: _("linked to %(number)s", number=p["number"]))
describes(audit.TIP_ENTERED, _l("tip entered by staff"))(
    lambda p: _("entered from %(channel)s", channel=_label(CHANNEL_LABELS, p["channel"])))
describes(audit.TIP_NOTE, _l("private note"))(lambda p: _("private note added"))
describes(audit.TIP_REPLIED, _l("reply to a tipster"))(lambda p: _("reply sent to the tipster"))
describes(audit.TIP_VIEWED, _l("tip viewed"))(lambda p: _("tip opened"))
describes(audit.TIP_MESSAGE, _l("message from a tipster"))(lambda p: _("the tipster sent a message"))


@describes(audit.TIP_PURGED, _l("tip purged"))
def _purged(params: dict) -> str:
    if params.get("contact"):
        return _("contact details removed (closed more than %(days)s days)", days=params["days"])
    return ngettext("%(num)d attachment removed (closed more than %(days)s days)",
                    "%(num)d attachments removed (closed more than %(days)s days)",
                    int(params["attachments"]), days=params["days"])


# --- held-back facts: named by number only, never by their words ----------------------------------------------


def _refs(params: dict) -> str:
    return ", ".join(str(ref) for ref in params["refs"])


describes(held_back.HELD_BACK_ADDED, _l("held-back fact added"))(
    lambda p: _("held-back fact %(ref)s added", ref=p["ref"]))
describes(held_back.HELD_BACK_REMOVED, _l("held-back fact removed"))(
    lambda p: _("held-back fact %(ref)s removed", ref=p["ref"]))
describes(held_back.HELD_BACK_MATCHED, _l("held-back fact mentioned"))(
    lambda p: _("the tip mentions held-back fact %(refs)s", refs=_refs(p)))


@describes(held_back.HELD_BACK_VIEWED, _l("held-back facts read"))
def _held_back_viewed(params: dict) -> str:
    if "refs" in params:
        return _("held-back fact %(refs)s named on the tip page", refs=_refs(params))
    return ngettext("%(num)d held-back fact shown", "%(num)d held-back facts shown", int(params["count"]))
