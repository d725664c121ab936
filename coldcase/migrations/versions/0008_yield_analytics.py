"""yield analytics: when a tip was closed, and indexes for the analysts' aggregates

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 00:20:00

``tip_reviews.closed_at`` is set by grading when a tip is closed (and cleared when it is opened again); the
dashboard's time to close rests on it. Tips closed before this migration get their review's last change as an
approximation, the best the stored data allow. The two indexes serve the yield figures, which group by edition
(and case or point) and filter by day.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('tip_reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE tip_reviews SET closed_at = updated_at "
               "WHERE tip_id IN (SELECT id FROM tips WHERE status = 'closed')")
    op.create_index('ix_tips_yield_edition_case', 'tips', ['edition', 'case_id', 'created_at'])
    op.create_index('ix_tips_yield_edition_point', 'tips', ['edition', 'point_code'])


def downgrade():
    op.drop_index('ix_tips_yield_edition_point', table_name='tips')
    op.drop_index('ix_tips_yield_edition_case', table_name='tips')
    with op.batch_alter_table('tip_reviews', schema=None) as batch_op:
        batch_op.drop_column('closed_at')
