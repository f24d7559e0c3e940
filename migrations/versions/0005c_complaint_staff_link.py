"""complaints: tie a complaint to the staff member it concerns (internal)

Revision ID: 0005c
Revises: 0005b

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005c'
down_revision = '0005b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('kaitan_pengaduan_pegawai',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pengaduan_id', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('catatan', sa.Text(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_kaitan_pengaduan_pegawai_actor_id_user_account')),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_kaitan_pengaduan_pegawai_pegawai_id_pegawai')),
    sa.ForeignKeyConstraint(['pengaduan_id'], ['pengaduan.id'], name=op.f('fk_kaitan_pengaduan_pegawai_pengaduan_id_pengaduan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kaitan_pengaduan_pegawai')),
    sa.UniqueConstraint('pengaduan_id', 'pegawai_id', name=op.f('uq_kaitan_pengaduan_pegawai_pengaduan_id_pegawai_id'))
    )
    with op.batch_alter_table('kaitan_pengaduan_pegawai', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kaitan_pengaduan_pegawai_pegawai_id'), ['pegawai_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kaitan_pengaduan_pegawai_pengaduan_id'), ['pengaduan_id'], unique=False)



def downgrade():
    with op.batch_alter_table('kaitan_pengaduan_pegawai', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kaitan_pengaduan_pegawai_pengaduan_id'))
        batch_op.drop_index(batch_op.f('ix_kaitan_pengaduan_pegawai_pegawai_id'))

    op.drop_table('kaitan_pengaduan_pegawai')
