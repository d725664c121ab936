"""held-back facts of a case (encrypted) and the unit of a staff member

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 00:45:00
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'held_back_facts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.String(length=64), nullable=False),
        sa.Column('label_encrypted', sa.LargeBinary(), nullable=False),
        sa.Column('terms_encrypted', sa.LargeBinary(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_held_back_facts_created_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_held_back_facts')),
    )
    with op.batch_alter_table('held_back_facts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_held_back_facts_case_id'), ['case_id'], unique=False)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit', sa.String(length=120), nullable=True))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('unit')
    with op.batch_alter_table('held_back_facts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_held_back_facts_case_id'))
    op.drop_table('held_back_facts')
