"""scorecards: SKM answers, service figures, published scorecard snapshots

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 18:09:08.271415

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('capaian_layanan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('layanan_id', sa.Integer(), nullable=False),
    sa.Column('opd_id', sa.Integer(), nullable=False),
    sa.Column('tahun', sa.SmallInteger(), nullable=False),
    sa.Column('bulan', sa.SmallInteger(), nullable=False),
    sa.Column('permohonan', sa.Integer(), nullable=False),
    sa.Column('selesai_tepat_waktu', sa.Integer(), nullable=False),
    sa.Column('rata_hari_proses', sa.Numeric(precision=7, scale=2), nullable=False),
    sa.Column('rata_menit_tunggu', sa.Numeric(precision=7, scale=1), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('bulan BETWEEN 1 AND 12', name=op.f('ck_capaian_layanan_bulan_1_12')),
    sa.CheckConstraint('permohonan >= 0 AND selesai_tepat_waktu >= 0 AND selesai_tepat_waktu <= permohonan', name=op.f('ck_capaian_layanan_jumlah_masuk_akal')),
    sa.CheckConstraint('rata_hari_proses >= 0 AND rata_menit_tunggu >= 0', name=op.f('ck_capaian_layanan_rata_tidak_negatif')),
    sa.ForeignKeyConstraint(['layanan_id'], ['layanan.id'], name=op.f('fk_capaian_layanan_layanan_id_layanan')),
    sa.ForeignKeyConstraint(['opd_id'], ['opd.id'], name=op.f('fk_capaian_layanan_opd_id_opd')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_capaian_layanan')),
    sa.UniqueConstraint('layanan_id', 'tahun', 'bulan', name=op.f('uq_capaian_layanan_layanan_id_tahun_bulan'))
    )
    with op.batch_alter_table('capaian_layanan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_capaian_layanan_opd_id'), ['opd_id'], unique=False)

    op.create_table('jawaban_skm',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('layanan_id', sa.Integer(), nullable=False),
    sa.Column('opd_id', sa.Integer(), nullable=False),
    sa.Column('dijawab_at', sa.DateTime(), nullable=False),
    sa.Column('u1', sa.SmallInteger(), nullable=False),
    sa.Column('u2', sa.SmallInteger(), nullable=False),
    sa.Column('u3', sa.SmallInteger(), nullable=False),
    sa.Column('u4', sa.SmallInteger(), nullable=False),
    sa.Column('u5', sa.SmallInteger(), nullable=False),
    sa.Column('u6', sa.SmallInteger(), nullable=False),
    sa.Column('u7', sa.SmallInteger(), nullable=False),
    sa.Column('u8', sa.SmallInteger(), nullable=False),
    sa.Column('u9', sa.SmallInteger(), nullable=False),
    sa.Column('usia', sa.String(length=12), nullable=True),
    sa.Column('jenis_kelamin', sa.String(length=1), nullable=True),
    sa.Column('pendidikan', sa.String(length=12), nullable=True),
    sa.Column('pekerjaan', sa.String(length=20), nullable=True),
    sa.Column('saran', sa.Text(), nullable=True),
    sa.CheckConstraint('u1 BETWEEN 1 AND 4', name=op.f('ck_jawaban_skm_u1_skala_1_4')),
    sa.CheckConstraint('u2 BETWEEN 1 AND 4', name=op.f('ck_jawaban_skm_u2_skala_1_4')),
    sa.CheckConstraint('u3 BETWEEN 1 AND 4', name=op.f('ck_jawaban_skm_u3_skala_1_4')),
    sa.CheckConstraint('u4 BETWEEN 1 AND 4', name=op.f('ck_jawaban_skm_u4_skala_1_4')),
    sa.CheckConstraint('u5 BETWEEN 1 AND 4', name=op.f('ck_jawaban_skm_u5_skala_1_4')),
    sa.CheckConstraint('u6 BETWEEN 1 AND 4', name=op.f('ck_jawaban_skm_u6_skala_1_4')),
    sa.CheckConstraint('u7 BETWEEN 1 AND 4', name=op.f('ck_jawaban_skm_u7_skala_1_4')),
    sa.CheckConstraint('u8 BETWEEN 1 AND 4', name=op.f('ck_jawaban_skm_u8_skala_1_4')),
    sa.CheckConstraint('u9 BETWEEN 1 AND 4', name=op.f('ck_jawaban_skm_u9_skala_1_4')),
    sa.ForeignKeyConstraint(['layanan_id'], ['layanan.id'], name=op.f('fk_jawaban_skm_layanan_id_layanan')),
    sa.ForeignKeyConstraint(['opd_id'], ['opd.id'], name=op.f('fk_jawaban_skm_opd_id_opd')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jawaban_skm'))
    )
    with op.batch_alter_table('jawaban_skm', schema=None) as batch_op:
        batch_op.create_index('ix_jawaban_skm_layanan_waktu', ['layanan_id', 'dijawab_at'], unique=False)
        batch_op.create_index('ix_jawaban_skm_opd_waktu', ['opd_id', 'dijawab_at'], unique=False)

    op.create_table('publikasi_rapor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pemda_id', sa.Integer(), nullable=False),
    sa.Column('tahun', sa.SmallInteger(), nullable=False),
    sa.Column('triwulan', sa.SmallInteger(), nullable=False),
    sa.Column('versi', sa.Integer(), nullable=False),
    sa.Column('diterbitkan_at', sa.DateTime(), nullable=False),
    sa.Column('diterbitkan_oleh_id', sa.Integer(), nullable=True),
    sa.Column('metodologi_versi', sa.String(length=20), nullable=False),
    sa.Column('catatan', sa.Text(), nullable=True),
    sa.Column('versi_terakhir', sa.Boolean(), nullable=False),
    sa.Column('terkini', sa.Boolean(), nullable=False),
    sa.Column('ringkasan', sa.JSON(), nullable=False),
    sa.CheckConstraint('triwulan BETWEEN 1 AND 4', name=op.f('ck_publikasi_rapor_triwulan_1_4')),
    sa.ForeignKeyConstraint(['diterbitkan_oleh_id'], ['user_account.id'], name=op.f('fk_publikasi_rapor_diterbitkan_oleh_id_user_account')),
    sa.ForeignKeyConstraint(['pemda_id'], ['pemda.id'], name=op.f('fk_publikasi_rapor_pemda_id_pemda')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publikasi_rapor')),
    sa.UniqueConstraint('pemda_id', 'tahun', 'triwulan', 'versi', name=op.f('uq_publikasi_rapor_pemda_id_tahun_triwulan_versi'))
    )
    with op.batch_alter_table('publikasi_rapor', schema=None) as batch_op:
        batch_op.create_index('ix_publikasi_rapor_terkini', ['terkini'], unique=False)

    op.create_table('rapor_opd',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('publikasi_id', sa.Integer(), nullable=False),
    sa.Column('opd_id', sa.Integer(), nullable=False),
    sa.Column('opd_slug', sa.String(length=120), nullable=False),
    sa.Column('opd_nama', sa.String(length=200), nullable=False),
    sa.Column('jenis', sa.String(length=20), nullable=False),
    sa.Column('pemda_slug', sa.String(length=80), nullable=False),
    sa.Column('pemda_nama', sa.String(length=160), nullable=False),
    sa.Column('kabkota_kode', sa.String(length=20), nullable=True),
    sa.Column('kabkota_nama', sa.String(length=160), nullable=True),
    sa.Column('responden', sa.Integer(), nullable=False),
    sa.Column('ikm', sa.Numeric(precision=5, scale=2), nullable=True),
    sa.Column('mutu', sa.String(length=1), nullable=True),
    sa.Column('pengaduan_diterima', sa.Integer(), nullable=False),
    sa.Column('persen_pengaduan_tepat_waktu', sa.Numeric(precision=4, scale=1), nullable=True),
    sa.Column('persen_standar_tepat_waktu', sa.Numeric(precision=4, scale=1), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['opd_id'], ['opd.id'], name=op.f('fk_rapor_opd_opd_id_opd')),
    sa.ForeignKeyConstraint(['publikasi_id'], ['publikasi_rapor.id'], name=op.f('fk_rapor_opd_publikasi_id_publikasi_rapor'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rapor_opd')),
    sa.UniqueConstraint('publikasi_id', 'opd_id', name=op.f('uq_rapor_opd_publikasi_id_opd_id'))
    )
    with op.batch_alter_table('rapor_opd', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rapor_opd_opd_id'), ['opd_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rapor_opd_opd_slug'), ['opd_slug'], unique=False)
        batch_op.create_index(batch_op.f('ix_rapor_opd_publikasi_id'), ['publikasi_id'], unique=False)



def downgrade():
    with op.batch_alter_table('rapor_opd', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rapor_opd_publikasi_id'))
        batch_op.drop_index(batch_op.f('ix_rapor_opd_opd_slug'))
        batch_op.drop_index(batch_op.f('ix_rapor_opd_opd_id'))

    op.drop_table('rapor_opd')
    with op.batch_alter_table('publikasi_rapor', schema=None) as batch_op:
        batch_op.drop_index('ix_publikasi_rapor_terkini')

    op.drop_table('publikasi_rapor')
    with op.batch_alter_table('jawaban_skm', schema=None) as batch_op:
        batch_op.drop_index('ix_jawaban_skm_opd_waktu')
        batch_op.drop_index('ix_jawaban_skm_layanan_waktu')

    op.drop_table('jawaban_skm')
    with op.batch_alter_table('capaian_layanan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_capaian_layanan_opd_id'))

    op.drop_table('capaian_layanan')
