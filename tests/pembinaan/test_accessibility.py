"""The pembinaan pages, filled, pass the checks a screen-reader user would notice."""

import pytest

from portal.extensions import db
from portal.pembinaan.kompetensi.models import StatusPeserta
from tests.core.test_accessibility import _check
from tests.pembinaan.factories import make_kegiatan, make_mandiri, make_peserta


@pytest.fixture()
def filled(world):
    kegiatan = make_kegiatan(world.opd)
    make_peserta(kegiatan, world.pegawai["staf"])
    make_peserta(kegiatan, world.pegawai["staf2"], StatusPeserta.DISETUJUI)
    make_peserta(make_kegiatan(world.opd, judul="Bimtek SIAK"), world.pegawai["staf2"],
                 StatusPeserta.HADIR)
    make_mandiri(world.pegawai["staf"])
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
])
def test_pages(client, login_as, world, filled, role, url):
    login_as(role)
    response = client.get(url.format(staf=world.pegawai["staf"].id, kegiatan=filled.id))
    assert response.status_code == 200
    _check(response.get_data(as_text=True))
