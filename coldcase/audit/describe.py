"""Audit events in words, in the reader's language.

An event is stored as a code and parameters; this module says it with gettext when it is shown (the audit log,
a tip's history, the "Saved: ..." message), so nothing ever parses a stored sentence. Each feature registers
the sentences of its own codes with :func:`describes` (the review workspace does it for a tip's history in
:mod:`coldcase.review.history`). Rows written before parameters existed keep their stored sentence, shown as it
is.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from coldcase.audit import service as audit

Describer = Callable[[dict], str]
_DESCRIBERS: dict[str, Describer] = {}
#: A short name of each event code, for the audit log's filter.
ACTION_LABELS: dict[str, object] = {}


def describes(code: str, label) -> Callable[[Describer], Describer]:
    """Register the function that says events of ``code`` in words, and the code's short ``label``."""

    def register(function: Describer) -> Describer:
        _DESCRIBERS[code] = function
        ACTION_LABELS[code] = label
        return function

    return register


def _plain(params: dict) -> str:
    """Parameters of an event no describer knows, as ``key: value`` pairs (nothing is lost)."""
    return "; ".join(f"{key}: {json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value}"
                     for key, value in sorted(params.items()))


def describe(event) -> str:
    """The event's detail in the reader's language (the stored sentence for a row older than parameters)."""
    if event.params is None:
        return event.detail or ""
    say = _DESCRIBERS.get(event.action)
    if say is None:
        return _plain(event.params)
    try:
        return say(event.params)
    except (KeyError, TypeError, ValueError, AttributeError):  # parameters of an older shape: show them plainly
        return _plain(event.params)


_ACTORS = {"system": _l("system"), "command line": _l("command line"), "tipster": _l("tipster"),
           "unknown": _l("unknown")}


def actor_name(label: str) -> str:
    """Who did it, for the reader: a staff member's email as stored, the app's own actors in their language."""
    name = _ACTORS.get(label)
    return str(name) if name is not None else label


def action_label(code: str) -> str:
    """The short name of an event code in the reader's language (the code itself when unknown)."""
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else code


# --- accounts and signing in (the auth feature has no catalog of its own) -------------------------------------

_LOGIN_METHODS = {
    "password": _l("with a password"),
    "password_totp": _l("with a password and an authenticator code"),
    "password_totp_enrolled": _l("with a password and a newly set up authenticator"),
    "password_recovery_code": _l("with a password and a recovery code"),
}
_FAILURES = {
    "wrong_password": _l("wrong email or password"),
    "delayed": _l("too many failed logins: asked to wait"),
    "throttled": _l("too many attempts from one connection"),
    "disabled": _l("account disabled"),
    "wrong_code": _l("wrong authenticator code"),
    "code_used": _l("authenticator code used before"),
    "wrong_recovery_code": _l("wrong recovery code"),
}


def _login(params: dict) -> str:
    method = params.get("method", "")
    return str(_LOGIN_METHODS.get(method, method))


def _failed(params: dict) -> str:
    reason = str(_FAILURES.get(params.get("reason", ""), params.get("reason", "")))
    if params.get("email"):
        return _("%(email)s: %(reason)s", email=params["email"], reason=reason)
    return reason


def _roles(roles) -> str:
    return ", ".join(sorted(roles)) or "-"


describes(audit.LOGIN, _l("sign-in"))(_login)
describes(audit.LOGIN_FAILED, _l("failed sign-in"))(_failed)
describes(audit.LOGIN_SECOND_FACTOR_FAILED, _l("failed second factor"))(_failed)
describes(audit.LOGOUT, _l("sign-out"))(lambda p: _("signed out; every session of this person ended"))
describes(audit.PASSWORD_CHANGED, _l("password changed"))(
    lambda p: _("own password changed; other sessions ended"))
describes(audit.TWO_FACTOR_ENROLLED, _l("authenticator set up"))(lambda p: _("authenticator app set up"))
describes(audit.RECOVERY_CODES_MADE, _l("recovery codes made"))(
    lambda p: _("%(num)d new recovery codes made; older ones no longer work", num=int(p["count"])))
describes(audit.RECOVERY_CODE_USED, _l("recovery code used"))(
    lambda p: _("a recovery code was used; %(num)d left", num=int(p["left"])))
describes(audit.USER_CREATED, _l("account created"))(
    lambda p: _("%(email)s created with roles %(roles)s", email=p["email"], roles=_roles(p["roles"])))
describes(audit.USER_ROLES, _l("roles changed"))(
    lambda p: _("%(email)s: roles %(old)s → %(new)s", email=p["email"], old=_roles(p["old"]),
                new=_roles(p["new"])))
describes(audit.USER_DISABLED, _l("account disabled"))(
    lambda p: _("%(email)s disabled; their sessions ended", email=p["email"]))
describes(audit.USER_ENABLED, _l("account enabled"))(lambda p: _("%(email)s enabled", email=p["email"]))
describes(audit.USER_PASSWORD_RESET, _l("password reset"))(
    lambda p: _("%(email)s: one-time password issued; their sessions ended", email=p["email"]))
describes(audit.USER_2FA_RESET, _l("second factor reset"))(
    lambda p: _("%(email)s: authenticator removed; their sessions ended", email=p["email"]))
describes(audit.EXPORT, _l("export"))(
    lambda p: _("%(what)s exported (%(filter)s)", what=p["what"], filter=_plain(p.get("filter") or {}) or "-"))
describes(audit.TIPS_RESCORED, _l("tips scored again"))(
    lambda p: _("%(tips)d tips scored again, %(changed)d changed", tips=int(p["tips"]), changed=int(p["changed"])))
describes(audit.TIPS_IMPORTED, _l("tips imported"))(
    lambda p: _("%(num)d tips imported from %(source)s", num=int(p["count"]), source=p["source"]))
describes(audit.CALENDAR_BUILT, _l("calendar built"))(
    lambda p: _("calendar %(year)s, %(variant)s: %(result)s", year=p["year"], variant=p["variant"],
                result=p.get("result") or "-"))
describes(audit.CALENDAR_DOWNLOADED, _l("calendar downloaded"))(
    lambda p: _("%(file)s of build %(build)s", file=p["file"], build=p["build"]))
describes("user_unit", _l("unit set"))(
    lambda p: _("%(email)s: unit %(unit)s", email=p["email"], unit=p["unit"] or "-"))
describes("demo_seeded", _l("sample history made"))(
    lambda p: _("synthetic history: %(editions)s",
                editions=", ".join(f"{year}: {count}" for year, count in sorted(p["tips"].items()))))
