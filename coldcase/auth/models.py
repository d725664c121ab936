"""Staff users and their roles."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from flask_login import UserMixin
from sqlalchemy import JSON, BigInteger, Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coldcase.auth import totp_crypto
from coldcase.extensions import db


def utcnow() -> datetime:
    """Return the current time in UTC (stored timezone-aware)."""
    return datetime.now(UTC)


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
    #: The cold-case team the person works in (as the cases name it, e.g. "Team Cold Cases Oost-Nederland"):
    #: only investigators of a case's unit read its held-back facts. None: no unit.
    unit: Mapped[str | None] = mapped_column(String(120), nullable=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Set for a password that someone else chose (a first admin, a reset): it must be changed at next login.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # The authenticator secret as a Fernet token (coldcase.auth.totp_crypto); use the ``totp_secret`` property.
    totp_secret_token: Mapped[str | None] = mapped_column("totp_secret", String(255), nullable=True)
    # A secret shown at enrolment and not yet confirmed by a code, encrypted the same way. It lives here rather
    # than in the session cookie, which the browser keeps (signed, not encrypted).
    totp_pending_token: Mapped[str | None] = mapped_column("totp_pending_secret", String(255), nullable=True)
    # The time step (Unix time // 30) of the last accepted code: each code signs in once.
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    #: Carried by each signed-in session; raising it (sign-out, new password, reset, disabling) ends them all.
    session_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    #: Hashes of the unused one-time recovery codes (coldcase.auth.recovery), or None when none were made.
    recovery_codes: Mapped[list | None] = mapped_column(JSON, nullable=True)
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
    def has_totp(self) -> bool:
        """True when the user has confirmed an authenticator app (cheap: nothing is decrypted)."""
        return self.totp_secret_token is not None

    @property
    def totp_secret(self) -> str | None:
        """The authenticator secret in clear (base32); raises ``totp_crypto.UnreadableSecret`` when no
        configured key decrypts it."""
        token = self.totp_secret_token
        return None if token is None else totp_crypto.decrypt_secret(token)

    @totp_secret.setter
    def totp_secret(self, secret: str | None) -> None:
        self.totp_secret_token = None if secret is None else totp_crypto.encrypt_secret(secret)
        self.totp_last_step = None

    @property
    def is_active(self) -> bool:  # Flask-Login asks this
        return bool(self.active)

    def get_id(self) -> str:
        """The id Flask-Login keeps in the session: the user's id and session version (``"12.3"``), so a
        session made before the version went up no longer loads a user (:func:`coldcase.auth.access.load_user`)."""
        return f"{self.id}.{self.session_version or 1}"

    def end_sessions(self) -> None:
        """End every session of this person, on every device, at their next request."""
        self.session_version = (self.session_version or 1) + 1

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class UserRole(db.Model):
    """One role held by one user."""

    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)

    user: Mapped[User] = relationship(back_populates="role_links")
