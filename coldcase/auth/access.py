"""Access control: the ``role_required`` decorator and the user loader."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from coldcase.auth.models import Role, User
from coldcase.extensions import db, login_manager

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please sign in to see that page.")
login_manager.localize_callback = str  # the lazy message above becomes text in the language of the request
login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """Return the signed-in user for Flask-Login, or None for a disabled or removed account, or for a session
    older than the user's session version (signed out, password changed or reset, second factor reset): the
    session id is ``"<user id>.<session version>"`` (:meth:`User.get_id`)."""
    user_id, _, version = str(session_id).partition(".")
    if len(user_id) > 12 or len(version) > 12:  # no id or version comes near; keep the database's integers safe
        return None
    try:
        user = db.session.get(User, int(user_id))
        version_number = int(version)
    except ValueError:
        return None
    if user is None or not user.active or version_number != (user.session_version or 1):
        return None
    return user


def role_required(*roles: Role | str):
    """Let a view run only for a signed-in user holding one of ``roles``: anonymous visitors are sent to the
    login page, signed-in users without the role get 403."""
    wanted = tuple(Role(role) for role in roles)

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(*wanted):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_roles = wanted  # lets tests walk every route with every role
        return wrapped

    return decorator
