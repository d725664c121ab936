"""yield aggregates: the dashboard's figures kept counted on every write

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 01:30:00

``yield_tip_facts`` (one row per tip: what the figures count of it), ``yield_cells`` (the figures' rows) and
``yield_versions`` (how often each edition's counts changed), kept up to date in each writing transaction by
``coldcase.analytics.tracking``. The tips already stored are counted here, with the same statements as
``coldcase yield rebuild``.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'yield_tip_facts',
        sa.Column('tip_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('edition', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.String(length=64), nullable=False),
        sa.Column('channel', sa.String(length=10), nullable=False),
        sa.Column('point_code', sa.String(length=40), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('monday', sa.Date(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in ('is_open', 'graded', 'usable', 'reopened',
                                                                      'solved')),
        *(sa.Column(name, sa.Integer(), nullable=True) for name in ('score', 'review_days', 'reply_days',
                                                                     'close_days')),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in ('receipt', 'wrote', 'asked', 'answered')),
        sa.PrimaryKeyConstraint('tip_id', name=op.f('pk_yield_tip_facts')),
    )
    op.create_table(
        'yield_cells',
        sa.Column('part', sa.String(length=48), nullable=False),
        sa.Column('edition', sa.Integer(), nullable=False),
        sa.Column('figure', sa.String(length=20), nullable=False),
        sa.Column('key1', sa.String(length=64), nullable=False),
        sa.Column('key2', sa.String(length=16), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in ('n1', 'n2', 'n3', 'n4', 'n5')),
        sa.PrimaryKeyConstraint('part', 'edition', 'figure', 'key1', 'key2', name=op.f('pk_yield_cells')),
    )
    op.create_table(
        'yield_versions',
        sa.Column('edition', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('edition', name=op.f('pk_yield_versions')),
    )
    bind = op.get_bind()
    # Only with tips to count: the rebuild uses today's models, which a fresh database may not have reached yet.
    if bind.execute(sa.text("SELECT 1 FROM tips LIMIT 1")).first() is not None:
        from coldcase.analytics import summaries

        summaries.rebuild(bind)


def downgrade():
    op.drop_table('yield_versions')
    op.drop_table('yield_cells')
    op.drop_table('yield_tip_facts')
