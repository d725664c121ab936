"""The triage score's reasons in the language of the page.

:mod:`coldcase.tips.scoring` stays free of Flask: it gives each reason a code and a detail (the place named,
the number of words ...), stored with the tip as ``[points, code, detail]``. This module turns a stored reason
into a sentence with gettext when a page shows it. Reasons stored by older versions (``"+15 names a place from
the case: Stadsgracht"`` or ``[15, "text"]``) are shown as they were written.
"""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import ngettext

from coldcase.tips.scoring import Reason


def _count(detail) -> int:
    try:
        return int(detail)
    except (TypeError, ValueError):
        return 0


def _items(detail) -> int:
    return len(str(detail or "").split(", "))


#: For each reason's code, its sentence in the language of the request.
MESSAGES: dict[str, Callable[[object], str]] = {
    "held_back": lambda detail: _("mentions a held-back fact: %(detail)s", detail=detail),
    "new_name": lambda detail: _("names someone or something the case does not mention: %(detail)s", detail=detail),
    "new_place": lambda detail: _("names a place the case does not mention: %(detail)s", detail=detail),
    "new_vehicle": lambda detail: _("describes a vehicle: %(detail)s", detail=detail),
    "licence_plate": lambda detail: _("gives a licence plate: %(detail)s", detail=detail),
    "new_time": lambda detail: _("gives a time of day: %(detail)s", detail=detail),
    "new_date": lambda detail: _("gives a date the case does not mention: %(detail)s", detail=detail),
    "phone_number": lambda detail: _("gives a phone number"),
    "organisation": lambda detail: _("names a firm, bar or place of work: %(detail)s", detail=detail),
    "relation": lambda detail: _("points to someone the tipster knows: %(detail)s", detail=detail),
    "many_specifics": lambda detail: _("several new details that can be checked (%(detail)s)", detail=detail),
    "first_hand": lambda detail: _("first-hand knowledge"),
    "first_hand_text": lambda detail: _("writes as a witness: %(detail)s", detail=detail),
    "second_hand": lambda detail: _("heard it from someone else"),
    "hearsay_text": lambda detail: _("passes on what someone told: %(detail)s", detail=detail),
    "admission": lambda detail: _("tells of an admission or a hiding place: %(detail)s", detail=detail),
    "motive": lambda detail: _("tells of a motive (a quarrel, a debt, jealousy, a threat): %(detail)s",
                               detail=detail),
    "contact": lambda detail: _("the tipster can be contacted"),
    "attachment": lambda detail: _("comes with an attachment"),
    "restatement": lambda detail: _("repeats the published facts: %(detail)s%% of its words", detail=detail),
    "nothing_new": lambda detail: _("names nothing the case does not already say"),
    "near_duplicate": lambda detail: ngettext("nearly the same as tip %(tips)s", "nearly the same as tips %(tips)s",
                                              _items(detail), tips=detail),
    "speculation": lambda detail: _("speculates without specifics: %(detail)s", detail=detail),
    "dream_or_psychic": lambda detail: _("a dream, a psychic or a vision: %(detail)s", detail=detail),
    "reward_only": lambda detail: _("about the reward, without information"),
    "complaint": lambda detail: _("a complaint, not information: %(detail)s", detail=detail),
    "greeting_only": lambda detail: _("only a greeting or a test"),
    "advertising": lambda detail: _("an advertisement: %(detail)s", detail=detail),
    "web_link": lambda detail: _("contains a web link (often spam)"),
    "all_caps": lambda detail: _("written in capitals"),
    "repeated_characters": lambda detail: _("keyboard noise or repeated characters"),
    "very_short": lambda detail: ngettext("very short (%(num)d word)", "very short (%(num)d words)",
                                          _count(detail)),
}

#: Reasons of the score before it compared tips with the published text; stored tips keep them until
#: ``coldcase tips rescore`` runs, so the pages still read them.
LEGACY_MESSAGES: dict[str, Callable[[object], str]] = {
    "victim_name": lambda detail: _("names the victim: %(detail)s", detail=detail),
    "case_place": lambda detail: _("names a place from the case: %(detail)s", detail=detail),
    "case_date": lambda detail: _("mentions a date from the case: %(detail)s", detail=detail),
    "case_tag": lambda detail: _("mentions what the case is about: %(detail)s", detail=detail),
    "person_name": lambda detail: _("names someone: %(detail)s", detail=detail),
    "date_or_time": lambda detail: _("gives a date or a time"),
}


def parse_stored(reason) -> tuple[int, str | None, object, str]:
    """A stored reason as ``(points, code, detail, text)``: ``code`` is None for an old-style reason, whose
    ``text`` is the sentence as stored; otherwise ``text`` is the English sentence."""
    if isinstance(reason, (list, tuple)) and len(reason) == 3:
        points, code, detail = reason
        return int(points), str(code), detail, Reason(int(points), str(code), detail).text
    if isinstance(reason, (list, tuple)) and len(reason) == 2:
        return int(reason[0]), None, None, str(reason[1])
    text = str(reason)
    head, _sep, rest = text.partition(" ")
    try:
        return int(head), None, None, rest
    except ValueError:
        return 0, None, None, text


def display_reason(reason) -> tuple[int, str]:
    """A stored reason as ``(points, sentence)`` in the language of the current request."""
    points, code, detail, text = parse_stored(reason)
    message = MESSAGES.get(code) or LEGACY_MESSAGES.get(code)
    if message is None:
        return points, text
    return points, message(detail)
