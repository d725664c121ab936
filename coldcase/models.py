"""Every table of the app, imported in one place so that the metadata (and so Alembic) knows all of them.

Each feature keeps its own models next to its code (``coldcase/<feature>/models.py``).
"""

from coldcase.analytics import tracking  # noqa: F401  (keeps the yield counts in step with every commit)
from coldcase.analytics.summary_models import YieldCell, YieldTipFact, YieldVersion  # noqa: F401
from coldcase.audit.models import AuditEvent  # noqa: F401
from coldcase.auth.models import Role, User, UserRole  # noqa: F401
from coldcase.publish.models import CalendarBuild  # noqa: F401
from coldcase.review.held_back import WithheldFact  # noqa: F401
from coldcase.review.models import TipLink, TipNote, TipReview, TipTag  # noqa: F401
from coldcase.tips.models import Tip, TipAttachment, TipMessage  # noqa: F401
