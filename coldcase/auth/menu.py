"""The staff start page's menu: each feature adds the pages it offers, with the roles that open them.

Features add their links when the app is made, outside any request: give the title and description as
``lazy_gettext`` strings, so that each page shows them in its own language."""

from __future__ import annotations

from collections.abc import Callable
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
    #: Something waiting behind the entry (unread tips): ``count()`` returns a number, ``count_label`` names it.
    count: Callable[[], int] | None = None
    count_label: str = ""

    @property
    def url(self) -> str:
        """Where the entry leads."""
        return url_for(self.endpoint)


def add_staff_link(app, title: str, endpoint: str, roles, description: str = "",
                   count: Callable[[], int] | None = None, count_label: str = "") -> None:
    """Offer ``endpoint`` in the staff menu to users holding one of ``roles``; ``count`` (optional) tells how
    many things wait there, shown beside the entry."""
    links = app.extensions.setdefault("coldcase_staff_menu", [])
    links.append(StaffLink(title, endpoint, tuple(Role(r) for r in roles), description, count, count_label))


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


@dataclass(frozen=True)
class MenuEntry:
    """A staff menu entry as one user sees it, with its count (0 when nothing waits or it has no count)."""

    link: StaffLink
    count: int = 0

    @property
    def count_label(self) -> str:
        """What the count counts, in the page's language."""
        return str(self.link.count_label)


def menu_for(app, user) -> list[MenuEntry]:
    """The entries ``user``'s roles open, each with its count (counted only for the entries they see)."""
    return [MenuEntry(link, link.count() if link.count else 0)
            for link in staff_menu(app) if user.has_role(*link.roles)]
