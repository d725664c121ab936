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
def load_user(user_id: str) -> User | None:
    """Return the signed-in user for Flask-Login, or None for a disabled or removed account."""
    try:
        user = db.session.get(User, int(user_id))
    except ValueError:
        return None
    return user if user is not None and user.active else None


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
