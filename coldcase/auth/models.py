"""Staff users and their roles."""

from __future__ import annotations

import enum
from datetime import datetime, timezone

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coldcase.extensions import db


def utcnow() -> datetime:
    """Return the current time in UTC (stored timezone-aware)."""
    return datetime.now(timezone.utc)


class Role(str, enum.Enum):
    """What a staff member may do. One person may hold several roles."""

    ADMIN = "admin"
    INVESTIGATOR = "investigator"
    PRINT_STAFF = "print_staff"
    ANALYST = "analyst"

    @property
    def label(self) -> str:
        """Human name of the role."""
        return self.value.replace("_", " ")


class User(UserMixin, db.Model):
    """A member of staff. Tipsters never have accounts."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Set for a password that someone else chose (a first admin, a reset): it must be changed at next login.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    totp_secret: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    role_links: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def roles(self) -> set[Role]:
        """The roles this user holds."""
        return {Role(link.role) for link in self.role_links}

    def has_role(self, *roles: Role | str) -> bool:
        """True when the user holds any of ``roles``."""
        wanted = {Role(role) for role in roles}
        return bool(self.roles & wanted)

    def set_roles(self, roles) -> None:
        """Replace the user's roles with ``roles``."""
        wanted = {Role(role) for role in roles}
        self.role_links = [link for link in self.role_links if Role(link.role) in wanted]
        have = {Role(link.role) for link in self.role_links}
        for role in sorted(wanted - have, key=lambda r: r.value):
            self.role_links.append(UserRole(role=role.value))

    @property
    def is_active(self) -> bool:  # Flask-Login asks this
        return bool(self.active)

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class UserRole(db.Model):
    """One role held by one user."""

    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)

    user: Mapped[User] = relationship(back_populates="role_links")
