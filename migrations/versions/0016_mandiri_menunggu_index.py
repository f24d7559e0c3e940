"""pembinaan: index (pegawai_id, status) on pembelajaran_mandiri, so the below-target list's
count of records waiting for verification reads the OPD's staff instead of every record

Revision ID: 0016k
Revises: 0015s
Create Date: 2026-12-04 18:35:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0016k'
down_revision = '0015s'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_pembelajaran_mandiri_pegawai_status', 'pembelajaran_mandiri',
                    ['pegawai_id', 'status'])


def downgrade():
    op.drop_index('ix_pembelajaran_mandiri_pegawai_status', table_name='pembelajaran_mandiri')
