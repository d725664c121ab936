"""A tip's changes in the language of the page.

The audit log keeps each change as an English sentence written when it happened ("status new → in review
(spam)"); it is a record and stays as written. A tip's history and the "Saved: ..." message show the same
sentences translated: :func:`translate_change` recognises the sentences that :mod:`coldcase.review.grading`,
intake and retention write and says them again with gettext. A sentence it does not know is shown as stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import ngettext

from coldcase.review.forms import CHANNEL_LABELS, CLOSE_REASON_LABELS, OUTCOME_LABELS, STATUS_LABELS
from coldcase.review.models import CloseReason, Outcome


def _label(labels: dict, key: str) -> str:
    return str(labels[key]) if key in labels else key


def _status(words: str) -> str:
    return _label(STATUS_LABELS, words.strip().replace(" ", "_").replace("-", "_"))


def _outcome(words: str) -> str:
    if words == "no outcome yet":
        return _("no outcome yet")
    for outcome in Outcome:
        if outcome.label == words:
            return str(OUTCOME_LABELS[outcome.value])
    return words


def _close_reason(words: str) -> str:
    for reason in CloseReason:
        if reason.label == words:
            return str(CLOSE_REASON_LABELS[reason.value])
    return words


def _graded(m: re.Match) -> str:
    grade = _("ungraded") if m["grade"] == "ungraded" else m["grade"]
    return _("graded %(grade)s, %(outcome)s", grade=grade, outcome=_outcome(m["outcome"]))


def _status_change(m: re.Match) -> str:
    if m["reason"]:
        return _("status %(old)s → %(new)s (%(reason)s)", old=_status(m["old"]), new=_status(m["new"]),
                 reason=_close_reason(m["reason"]))
    return _("status %(old)s → %(new)s", old=_status(m["old"]), new=_status(m["new"]))


def _tags(m: re.Match) -> str:
    return _("tags: none") if m["tags"] == "none" else _("tags: %(tags)s", tags=m["tags"])


def _moved(m: re.Match) -> str:
    if m["old"] == "general":
        return _("moved from general to case %(case)s", case=m["case"])
    return _("moved from %(old)s to case %(case)s", old=m["old"], case=m["case"])


_PATTERNS: list[tuple[re.Pattern, Callable[[re.Match], str]]] = [
    (re.compile(r"graded (?P<grade>\S+), (?P<outcome>.+)"), _graded),
    (re.compile(r"assigned to (?P<email>.+)"), lambda m: _("assigned to %(email)s", email=m["email"])),
    (re.compile(r"assignment removed"), lambda m: _("assignment removed")),
    (re.compile(r"status (?P<old>[a-z _-]+) → (?P<new>[a-z _-]+?)(?: \((?P<reason>[a-z ]+)\))?"), _status_change),
    (re.compile(r"tags: (?P<tags>.*)"), _tags),
    (re.compile(r"moved from (?P<old>\S+) to case (?P<case>\S+)"), _moved),
    (re.compile(r"linked to (?P<number>\S+)"), lambda m: _("linked to %(number)s", number=m["number"])),
    (re.compile(r"entered from (?P<channel>\w+)"),
     lambda m: _("entered from %(channel)s", channel=_label(CHANNEL_LABELS, m["channel"]))),
    (re.compile(r"contact details removed \(closed more than (?P<days>\d+) days\)"),
     lambda m: _("contact details removed (closed more than %(days)s days)", days=m["days"])),
    (re.compile(r"(?P<count>\d+) attachment\(s\) removed \(closed more than (?P<days>\d+) days\)"),
     lambda m: ngettext("%(num)d attachment removed (closed more than %(days)s days)",
                        "%(num)d attachments removed (closed more than %(days)s days)",
                        int(m["count"]), days=m["days"])),
    (re.compile(r"private note added"), lambda m: _("private note added")),
    (re.compile(r"reply sent to the tipster"), lambda m: _("reply sent to the tipster")),
]


def translate_change(text: str | None) -> str:
    """A change as stored in English, in the language of the current request (unknown sentences as they
    are)."""
    if not text:
        return text or ""
    for pattern, say in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return say(match)
    return text
