"""in-portal notifications and the outgoing mail queue

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 17:58:36.982250

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('surat_keluar',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kepada', sa.String(length=200), nullable=False),
    sa.Column('subjek', sa.String(length=300), nullable=False),
    sa.Column('isi', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('terkirim_at', sa.DateTime(), nullable=True),
    sa.Column('percobaan', sa.Integer(), nullable=False),
    sa.Column('galat', sa.String(length=500), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_surat_keluar'))
    )
    with op.batch_alter_table('surat_keluar', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_surat_keluar_terkirim_at'), ['terkirim_at'], unique=False)

    op.create_table('notifikasi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('jenis', sa.String(length=40), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('url', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('dibaca_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_notifikasi_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifikasi'))
    )
    with op.batch_alter_table('notifikasi', schema=None) as batch_op:
        batch_op.create_index('ix_notifikasi_user_unread', ['user_id', 'dibaca_at'], unique=False)



def downgrade():
    with op.batch_alter_table('notifikasi', schema=None) as batch_op:
        batch_op.drop_index('ix_notifikasi_user_unread')

    op.drop_table('notifikasi')
    with op.batch_alter_table('surat_keluar', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_surat_keluar_terkirim_at'))

    op.drop_table('surat_keluar')
