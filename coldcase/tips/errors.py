"""The one error an attachment check raises; its message is a reason code that the form turns into words."""

from __future__ import annotations


class AttachmentError(ValueError):
    """A file that cannot be accepted. ``str(error)`` is the reason code: ``empty``, ``too_big``, ``type``,
    ``unreadable``, ``too_large_image``, ``too_complex`` or ``encrypted``."""
