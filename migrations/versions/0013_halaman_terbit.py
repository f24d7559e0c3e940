"""scorecards: public pages rendered at publication (issue 13)

Revision ID: 0013s
Revises: 0010_penghargaan
Create Date: 2026-12-03 23:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0013s'
down_revision = '0010_penghargaan'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('halaman_terbit',
    sa.Column('kunci', sa.String(length=64), nullable=False),
    sa.Column('path', sa.String(length=400), nullable=False),
    sa.Column('bahasa', sa.String(length=8), nullable=False),
    sa.Column('pemda_id', sa.Integer(), nullable=True),
    sa.Column('headers', sa.JSON(), nullable=False),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.Column('etag', sa.String(length=80), nullable=False),
    sa.Column('dibuat_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['pemda_id'], ['pemda.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('kunci')
    )
    with op.batch_alter_table('halaman_terbit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_halaman_terbit_pemda_id'), ['pemda_id'], unique=False)


def downgrade():
    with op.batch_alter_table('halaman_terbit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_halaman_terbit_pemda_id'))
    op.drop_table('halaman_terbit')
