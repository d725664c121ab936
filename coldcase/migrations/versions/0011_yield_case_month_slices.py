"""yield slices per case and month: a unit or kind with a date range reads kept counts too

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 04:00:00

``yield_cells`` gains the slices ``case_month=<case>/YYYY-MM`` (new values of ``part``, which grows to 96
characters for "case_month=", a case id of 64, "/" and the month). The tips already stored are counted again,
as ``coldcase yield rebuild`` does.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('yield_cells') as batch_op:
        batch_op.alter_column('part', existing_type=sa.String(length=72), type_=sa.String(length=96),
                              existing_nullable=False)
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM tips LIMIT 1")).first() is not None:
        from coldcase.analytics import summaries

        summaries.rebuild(bind)


def downgrade():
    # 0010's code neither reads nor keeps the case and month slices: they would only grow stale (and are too
    # long for the narrower column).
    op.execute("DELETE FROM yield_cells WHERE part LIKE 'case\\_month=%' ESCAPE '\\'")
    with op.batch_alter_table('yield_cells') as batch_op:
        batch_op.alter_column('part', existing_type=sa.String(length=96), type_=sa.String(length=72),
                              existing_nullable=False)
