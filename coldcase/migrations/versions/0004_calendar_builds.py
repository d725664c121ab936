"""calendar builds: who built which edition and variant, when, with what result and preflight

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 17:35:58.743771

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_builds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('variant', sa.String(length=16), nullable=False),
    sa.Column('distribution', sa.String(length=64), nullable=True),
    sa.Column('size', sa.String(length=4), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('progress_done', sa.Integer(), nullable=False),
    sa.Column('progress_total', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=64), nullable=False),
    sa.Column('started_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('pdf_file', sa.String(length=200), nullable=True),
    sa.Column('manifest_file', sa.String(length=200), nullable=True),
    sa.Column('page_count', sa.Integer(), nullable=False),
    sa.Column('thumbnail_count', sa.Integer(), nullable=False),
    sa.Column('problems', sa.JSON(), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('preflight', sa.JSON(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['started_by_id'], ['users.id'], name=op.f('fk_calendar_builds_started_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_builds'))
    )
    with op.batch_alter_table('calendar_builds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_builds_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_calendar_builds_year'), ['year'], unique=False)



def downgrade():
    with op.batch_alter_table('calendar_builds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_builds_year'))
        batch_op.drop_index(batch_op.f('ix_calendar_builds_status'))

    op.drop_table('calendar_builds')
