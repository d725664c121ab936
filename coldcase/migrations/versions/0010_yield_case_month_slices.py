"""yield slices per case and month: unit, kind and date filters read kept counts too

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 03:00:00

``yield_cells`` gains the slices ``case=...`` and ``month=YYYY-MM`` (new values of ``part``, which grows to 72
characters for "case=" and a case id of 64); ``yield_tip_facts`` gains indexes for the filters counted from the
fact rows (a month cut by a date range, and the combinations of filters), and ``yield_cells`` one by edition
and part (one edition's months or cases). The tips already stored are counted again, as ``coldcase yield
rebuild`` does.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

INDEXES = {
    'ix_yield_tip_facts_edition_day': ('yield_tip_facts', ['edition', 'day']),
    'ix_yield_tip_facts_edition_case': ('yield_tip_facts', ['edition', 'case_id']),
    'ix_yield_tip_facts_edition_point': ('yield_tip_facts', ['edition', 'point_code', 'channel']),
    'ix_yield_cells_edition_part': ('yield_cells', ['edition', 'part']),
}


def upgrade():
    # "case=" and a case id of up to 64 characters.
    with op.batch_alter_table('yield_cells') as batch_op:
        batch_op.alter_column('part', existing_type=sa.String(length=48), type_=sa.String(length=72),
                              existing_nullable=False)
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM tips LIMIT 1")).first() is not None:
        from coldcase.analytics import summaries

        summaries.rebuild(bind)


def downgrade():
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
    # 0009's code neither reads nor keeps the case and month slices: they would only grow stale.
    op.execute("DELETE FROM yield_cells WHERE part LIKE 'case=%' OR part LIKE 'month=%'")
    with op.batch_alter_table('yield_cells') as batch_op:
        batch_op.alter_column('part', existing_type=sa.String(length=72), type_=sa.String(length=48),
                              existing_nullable=False)
