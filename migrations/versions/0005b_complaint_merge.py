"""complaints: status "digabung" (merged into another complaint about the same matter)

Revision ID: 0005b
Revises: 0005

"""
from alembic import op

revision = '0005b'
down_revision = '0005'
branch_labels = None
depends_on = None

OLD = ('diterima', 'ditunda', 'ditolak', 'bukan_wewenang', 'diverifikasi', 'didisposisikan',
       'ditindaklanjuti', 'selesai', 'ditutup')
NEW = OLD + ('digabung',)

#: (table, column, check name) of every column holding a complaint status
COLUMNS = (
    ('pengaduan', 'status', 'ck_pengaduan_statuspengaduan'),
    ('riwayat_pengaduan', 'dari', 'ck_riwayat_pengaduan_status_dari'),
    ('riwayat_pengaduan', 'ke', 'ck_riwayat_pengaduan_status_ke'),
)


def _allow(values):
    listed = ", ".join(f"'{v}'" for v in values)
    for table, column, name in COLUMNS:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(op.f(name), type_='check')
            batch_op.create_check_constraint(op.f(name), f"{column} IN ({listed})")


def upgrade():
    _allow(NEW)


def downgrade():
    op.execute("UPDATE pengaduan SET status = 'ditutup' WHERE status = 'digabung'")
    op.execute("UPDATE riwayat_pengaduan SET ke = 'ditutup' WHERE ke = 'digabung'")
    op.execute("UPDATE riwayat_pengaduan SET dari = 'ditutup' WHERE dari = 'digabung'")
    _allow(OLD)
