"""The pembinaan pages, filled, pass the checks a screen-reader user would notice."""

import pytest

from portal.extensions import db
from portal.pembinaan.kompetensi.models import StatusPeserta
from portal.pembinaan.penghargaan.models import StatusPenghargaan
from tests.appraisals.factories import make_year
from tests.core.test_accessibility import _check
from tests.pembinaan.factories import (
    make_calon,
    make_kegiatan,
    make_mandiri,
    make_penghargaan,
    make_peserta,
)


def _evaluasi_of(pegawai_id: int) -> int:
    from portal.appraisals.evaluasi.models import Evaluasi

    return db.session.scalars(db.select(Evaluasi.id).where(Evaluasi.pegawai_id == pegawai_id)
                              ).first()


@pytest.fixture()
def filled(world):
    kegiatan = make_kegiatan(world.opd)
    make_peserta(kegiatan, world.pegawai["staf"])
    make_peserta(kegiatan, world.pegawai["staf2"], StatusPeserta.DISETUJUI)
    make_peserta(make_kegiatan(world.opd, judul="Bimtek SIAK"), world.pegawai["staf2"],
                 StatusPeserta.HADIR)
    make_mandiri(world.pegawai["staf"])
    year = make_year(world)
    calon = make_calon(world.pegawai["staf"], year)
    make_calon(world.pegawai["staf2"], year)
    make_penghargaan(calon, StatusPenghargaan.DISETUJUI)
    db.session.commit()
    return kegiatan


@pytest.mark.parametrize(("role", "url"), [
    ("pegawai", "/pembinaan/kompetensi"),
    ("atasan", "/pembinaan/kompetensi"),
    ("atasan", "/pembinaan/kompetensi/pegawai/{staf}"),
    ("admin_opd", "/pembinaan/kelola"),
    ("admin_opd", "/pembinaan/kelola?semua=1"),
    ("admin_opd", "/pembinaan/kelola/kegiatan"),
    ("admin_opd", "/pembinaan/kelola/kegiatan/baru"),
    ("admin_opd", "/pembinaan/kelola/kegiatan/{kegiatan}"),
    ("admin_opd", "/pembinaan/kelola/kegiatan/{kegiatan}/ubah"),
    ("admin_opd", "/pembinaan/kelola/verifikasi"),
    ("pegawai", "/pembinaan/kompetensi?tahun=2026"),
    ("admin_opd", "/pembinaan/penghargaan?tahun=2026"),
    ("admin_opd", "/pembinaan/penghargaan/usul/{calon}"),
    ("admin_opd", "/pembinaan/penghargaan/{penghargaan}"),
    ("admin_opd", "/pembinaan/kelola/siasn"),
])
def test_pages(client, login_as, world, filled, role, url):
    login_as(role)
    from portal.pembinaan.penghargaan.models import Penghargaan

    penghargaan = db.session.scalars(db.select(Penghargaan.id)).first()
    url = url.format(staf=world.pegawai["staf"].id, kegiatan=filled.id, penghargaan=penghargaan,
                     calon=_evaluasi_of(world.pegawai["staf2"].id))  # a candidate: the form
    response = client.get(url)
    assert response.status_code == 200
    _check(response.get_data(as_text=True))
