"""appraisals: the pejabat penilai's comment on each RHK row of a returned SKP

Revision ID: 0006b
Revises: 0008
Create Date: 2026-11-23 19:12:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006b'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('rhk', schema=None) as batch_op:
        batch_op.add_column(sa.Column('catatan_perbaikan', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('rhk', schema=None) as batch_op:
        batch_op.drop_column('catatan_perbaikan')
