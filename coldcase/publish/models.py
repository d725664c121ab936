"""The record of a calendar build started from the print staff's pages.

Written only by :mod:`coldcase.publish.jobs`. The files a build produced live in its own folder under
``OUTPUT_DIR/builds/<id>/``; the record holds their names, never a path given by a user, so a download
can only ever serve a file a recorded build wrote.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coldcase.auth.models import User, utcnow
from coldcase.extensions import db


class BuildStatus(enum.StrEnum):
    """Where a build is. Only `passed` may go to a print shop."""

    QUEUED = "queued"
    RUNNING = "running"
    PASSED = "passed"  # built, and preflight found no error
    NOT_FOR_PRINT = "not_for_print"  # built, but preflight found errors: the PDF is stamped
    FAILED = "failed"  # not built: the edition has problems, or the build broke

    @property
    def label(self) -> str:
        """How the status is shown to print staff."""
        return {"not_for_print": "NOT FOR PRINT"}.get(self.value, self.value)

    @property
    def finished(self) -> bool:
        """Whether the build has stopped, one way or another."""
        return self in (BuildStatus.PASSED, BuildStatus.NOT_FOR_PRINT, BuildStatus.FAILED)


class CalendarBuild(db.Model):
    """One build of one variant of an edition: who started it, when, and what came out."""

    __tablename__ = "calendar_builds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    variant: Mapped[str] = mapped_column(String(16))
    distribution: Mapped[str | None] = mapped_column(String(64), nullable=True)
    size: Mapped[str] = mapped_column(String(4), default="A4")
    status: Mapped[str] = mapped_column(String(16), default=BuildStatus.QUEUED.value, index=True)
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int] = mapped_column(Integer, default=0)
    #: What the build is doing now, in words ("rendering pages", "preflight", "thumbnails").
    stage: Mapped[str] = mapped_column(String(64), default="waiting")
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Touched on every progress step: a running build that stops touching it was interrupted.
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    #: File names inside the build's folder (no directories).
    pdf_file: Mapped[str | None] = mapped_column(String(200), nullable=True)
    manifest_file: Mapped[str | None] = mapped_column(String(200), nullable=True)
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    thumbnail_count: Mapped[int] = mapped_column(Integer, default=0)
    #: The edition's problems when it could not be built, and the build's warnings.
    problems: Mapped[list] = mapped_column(JSON, default=list)
    warnings: Mapped[list] = mapped_column(JSON, default=list)
    #: `PreflightReport.to_dict()`, or None before preflight ran.
    preflight: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")

    started_by: Mapped[User | None] = relationship(lazy="joined")

    @property
    def state(self) -> BuildStatus:
        """The status as an enum."""
        return BuildStatus(self.status)

    @property
    def label(self) -> str:
        """`2027 print`, `2027 print PI-VUGHT`."""
        return f"{self.year} {self.variant}" + (f" {self.distribution}" if self.distribution else "")

    @property
    def percent(self) -> int:
        """How far the rendering is, 0-100."""
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    def __repr__(self) -> str:
        return f"<CalendarBuild {self.id} {self.label} {self.status}>"
