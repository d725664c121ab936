"""The staff start page's menu: each feature adds the pages it offers, with the roles that open them.

Features add their links when the app is made, outside any request: give the title and description as
``lazy_gettext`` strings, so that each page shows them in its own language."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for

from coldcase.auth.models import Role


@dataclass(frozen=True)
class StaffLink:
    """One entry of the staff menu (``title`` and ``description`` are lazy strings, translated when shown)."""

    title: str
    endpoint: str
    roles: tuple[Role, ...]
    description: str = ""

    @property
    def url(self) -> str:
        """Where the entry leads."""
        return url_for(self.endpoint)


def add_staff_link(app, title: str, endpoint: str, roles, description: str = "") -> None:
    """Offer ``endpoint`` on the staff start page to users holding one of ``roles``."""
    links = app.extensions.setdefault("coldcase_staff_menu", [])
    links.append(StaffLink(title, endpoint, tuple(Role(r) for r in roles), description))


def staff_menu(app) -> list[StaffLink]:
    """All entries added so far, in the order features added them."""
    return list(app.extensions.get("coldcase_staff_menu", []))


def add_landing_page(app, role, endpoint: str) -> None:
    """Start users whose only role is ``role`` on ``endpoint`` after signing in, instead of the staff menu."""
    app.extensions.setdefault("coldcase_landing_pages", {})[Role(role)] = endpoint


def landing_url(app, user) -> str:
    """Where ``user`` starts after signing in: their role's own page when they hold that one role only, else
    the staff start page."""
    roles = set(user.roles)
    pages = app.extensions.get("coldcase_landing_pages", {})
    if len(roles) == 1 and (endpoint := pages.get(next(iter(roles)))):
        return url_for(endpoint)
    return url_for("auth.home")
