"""Checks a screen-reader user would notice: unique ids (a label must point at its own field),
a label for every field, one main landmark and one h1 per page."""

import re
from collections import Counter

import pytest

ID_RE = re.compile(r'\sid="([^"]+)"')
FIELD_RE = re.compile(r'<(input|select|textarea)\b([^>]*)>')


def _check(html: str) -> None:
    duplicates = [i for i, n in Counter(ID_RE.findall(html)).items() if n > 1]
    assert duplicates == []
    labelled = set(re.findall(r'<label[^>]*\bfor="([^"]+)"', html))
    for _tag, attrs in FIELD_RE.findall(html):
        if re.search(r'type="(hidden|submit)"', attrs) or "aria-hidden" in attrs:
            continue
        if 'name="website"' in attrs:  # the honeypot, hidden from people, labelled anyway
            continue
        field_id = re.search(r'\bid="([^"]+)"', attrs)
        assert field_id and (field_id.group(1) in labelled or "aria-label" in attrs), attrs
    assert html.count("<main") == 1
    assert html.count("<h1") == 1


@pytest.mark.parametrize("url", ["/", "/masuk", "/pengaduan/baru", "/pengaduan/lacak",
                                 "/pengaduan", "/tidak-ada"])
def test_public_pages(client, world, url):
    _check(client.get(url).get_data(as_text=True))


@pytest.mark.parametrize(("role", "url"), [
    ("admin_opd", "/kelola/opd/{opd}"),
    ("admin_opd", "/kelola/opd/{opd}/pegawai"),
    ("admin_opd", "/kelola/opd/{opd}/pegawai/baru"),
    ("admin_opd", "/kelola/opd/{opd}/layanan/baru"),
    ("admin_opd", "/kelola/opd/{opd}/pegawai/impor"),
    ("admin_pemda", "/kelola/opd/baru"),
    ("pegawai", "/dasbor"),
    ("pegawai", "/akun/sandi"),
    ("koordinator_pengaduan", "/meja/koordinator"),
])
def test_internal_pages(client, world, login_as, role, url):
    login_as(role)
    _check(client.get(url.format(opd=world.opd.id)).get_data(as_text=True))


def test_complaint_pages_with_several_forms(client, world, login_as, db):
    from portal.complaints.handling import answer, verify_and_route
    from portal.complaints.models import Identitas, JenisLaporan
    from portal.complaints.services import LaporanData, file_pengaduan

    pengaduan, _created = file_pengaduan(LaporanData(
        jenis=JenisLaporan.PENGADUAN, judul="Judul laporan uji", isi="x" * 40,
        opd_id=world.opd.id, layanan_id=None, tanggal_kejadian=None, wilayah_id=None,
        lokasi=None, identitas=Identitas.ANONIM, nama=None, telepon=None, email=None), "a11y")
    verify_and_route(world.users["koordinator_pengaduan"], pengaduan, world.opd,
                     perlu_tinjauan_lapangan=False, pesan=None)
    login_as("petugas_pengaduan")
    _check(client.get(f"/meja/pengaduan/{pengaduan.id}").get_data(as_text=True))
    answer(world.users["petugas_pengaduan"], pengaduan, "Sudah kami perbaiki.")
    _check(client.get(f"/pengaduan/{pengaduan.kode_lacak}").get_data(as_text=True))
