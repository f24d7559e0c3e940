"""complaints: the OPD unit a complaint is about

Revision ID: 0005d
Revises: 0005c

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005d'
down_revision = '0005c'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('pengaduan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_pengaduan_unit_id_unit_kerja'), 'unit_kerja', ['unit_id'], ['id'])



def downgrade():
    with op.batch_alter_table('pengaduan', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_pengaduan_unit_id_unit_kerja'), type_='foreignkey')
        batch_op.drop_column('unit_id')

