"""SIASN riwayat kursus: the export's columns and values (completed catalogue courses and
verified self-learning only, in the OPD), the all-or-nothing import (every bad row reported
with its number and reason, nothing written; on success verified records with an audit entry
naming the import), and who may use them."""

from __future__ import annotations

import io
from datetime import date

import pytest
import sqlalchemy as sa

from portal.core.models import AuditEntry
from portal.extensions import db
from portal.pembinaan.kompetensi.models import (
    BentukKegiatan,
    PembelajaranMandiri,
    StatusMandiri,
    StatusPeserta,
)
from tests.pembinaan.factories import make_kegiatan, make_mandiri, make_peserta

HEADER = ("nipBaru,namaKursus,institusiPenyelenggara,jenisDiklatId,jumlahJam,nomorSertipikat,"
          "tanggalKursus,tanggalSelesaiKursus,tahunKursus")


def _lines(response) -> list[str]:
    return response.get_data(as_text=True).lstrip("\ufeff").splitlines()


def test_export_columns_and_values(client, sign_in, world, pelatihan):
    dewi, budi = world.pegawai["staf"], world.pegawai["staf2"]
    make_peserta(pelatihan, dewi, StatusPeserta.SELESAI)            # counted: 24 JP, teknis → 3
    make_peserta(make_kegiatan(world.opd, judul="Bimtek SIAK"), budi, StatusPeserta.HADIR)
    make_mandiri(budi, StatusMandiri.DIVERIFIKASI, jp=10)           # counted: e-learning → 6
    make_mandiri(dewi, StatusMandiri.DIAJUKAN)                      # waiting: not exported
    make_mandiri(world.pegawai["lain"], StatusMandiri.DIVERIFIKASI)  # another OPD
    db.session.commit()
    sign_in("admin_opd")
    response = client.get(f"/pembinaan/kelola/siasn/riwayat-kursus.csv?opd={world.opd.id}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "riwayat-kursus-disdukcapil-bdl.csv" in response.headers["Content-Disposition"]
    lines = _lines(response)
    assert lines[0] == HEADER
    assert lines[1:] == [
        f"{budi.nip},E-learning Pelayanan Publik Prima,LAN RI (ASN Unggul),6,10,,10-02-2026,"
        "10-02-2026,2026",
        f"{dewi.nip},Pelatihan Pelayanan Prima Adminduk,BPSDM Provinsi Lampung,3,24,"
        "800/1/BPSDM/2026,02-03-2026,05-03-2026,2026"]
    assert _lines(client.get("/pembinaan/kelola/siasn/riwayat-kursus.csv?tahun=2025")) == [HEADER]


def test_export_follows_the_setting(app, client, sign_in, world, pelatihan):
    make_peserta(pelatihan, world.pegawai["staf"], StatusPeserta.SELESAI)
    db.session.commit()
    app.config["PORTAL_PEMBINAAN_SIASN_JENIS_DIKLAT"] = {"pelatihan_teknis": "T-01"}
    try:
        sign_in("admin_opd")
        lines = _lines(client.get("/pembinaan/kelola/siasn/riwayat-kursus.csv"))
    finally:
        del app.config["PORTAL_PEMBINAAN_SIASN_JENIS_DIKLAT"]
    assert ",T-01,24," in lines[1]


def _upload(client, text: str, name="riwayat.csv"):
    return client.post_form("/pembinaan/kelola/siasn", {
        "berkas": (io.BytesIO(text.encode("utf-8")), name)}, content_type="multipart/form-data")


def _mandiri(pegawai=None) -> list[PembelajaranMandiri]:
    db.session.expire_all()
    query = sa.select(PembelajaranMandiri).order_by(PembelajaranMandiri.id)
    if pegawai is not None:
        query = query.where(PembelajaranMandiri.pegawai_id == pegawai.id)
    return list(db.session.scalars(query))


def test_import_success(client, sign_in, world):
    dewi, budi = world.pegawai["staf"], world.pegawai["staf2"]
    text = "\n".join([
        HEADER,
        f"{dewi.nip},Diklat Teknis Adminduk,BPSDM Provinsi Lampung,3,30,BP-77,"
        "03-11-2025,07-11-2025,2025",
        f"{budi.nip};".replace(";", ",") + "Coaching Layanan,Disdukcapil,6,12,,"
        "12-01-2026,12-01-2026,",
        "",
    ])
    sign_in("admin_opd")
    response = _upload(client, text)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Impor selesai: 2 riwayat kursus tercatat" in page
    (dewis,) = _mandiri(dewi)
    assert (dewis.status, dewis.bentuk, dewis.jp_tertulis, dewis.jp_diakui, dewis.tahun) == (
        StatusMandiri.DIVERIFIKASI, BentukKegiatan.PELATIHAN_TEKNIS, 30, 30, 2025)
    assert dewis.nomor_sertifikat == "BP-77" and dewis.diverifikasi_oleh_id is not None
    (budis,) = _mandiri(budi)
    assert (budis.bentuk, budis.jp_diakui) == (BentukKegiatan.E_LEARNING, 12)
    audit = db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.object_type == "pembelajaran_mandiri",
        AuditEntry.object_id == dewis.id)).one()
    assert (audit.action, audit.to_state) == ("diimpor", "diverifikasi")
    assert audit.comment == "Impor CSV riwayat kursus SIASN (riwayat.csv), baris 2"
    # the JP count: Dewi's 2025, Budi's 2026
    sign_in("pegawai")
    assert "30 dari 20 JP" in client.get("/pembinaan/kompetensi?tahun=2025").get_data(
        as_text=True)
    # and the export gives the same rows back
    sign_in("admin_opd")
    lines = _lines(client.get("/pembinaan/kelola/siasn/riwayat-kursus.csv"))
    assert f"{dewi.nip},Diklat Teknis Adminduk,BPSDM Provinsi Lampung,3,30,BP-77,03-11-2025," \
           "07-11-2025,2025" in lines


def test_import_with_bad_rows_writes_nothing(client, sign_in, world, pelatihan, on_day):
    on_day(date(2026, 4, 1))  # after the course: it is history
    dewi = world.pegawai["staf"]
    make_peserta(pelatihan, dewi, StatusPeserta.SELESAI)
    db.session.commit()
    good = f"{dewi.nip},Kursus Baik,LAN,3,8,,01-02-2026,02-02-2026,2026"
    rows = [
        HEADER, good,                                                                  # 2
        "199001012015031999,Kursus,LAN,3,8,,01-02-2026,02-02-2026,2026",              # 3
        f"{world.pegawai['lain'].nip},Kursus,LAN,3,8,,01-02-2026,02-02-2026,2026",    # 4
        f"{dewi.nip},Kursus,LAN,3,8,,2026-02-01,02-02-2026,2026",                     # 5
        f"{dewi.nip},Kursus,LAN,3,0,,01-02-2026,02-02-2026,2026",                     # 6
        f"{dewi.nip},Kursus,LAN,3,2.5,,01-02-2026,02-02-2026,2026",                   # 7
        f"{dewi.nip},Kursus,LAN,3,8,,05-02-2026,02-02-2026,2026",                     # 8
        f"{dewi.nip},Pelatihan Pelayanan Prima Adminduk,BPSDM,3,24,,02-03-2026,05-03-2026,2026",
        f"{dewi.nip},,LAN,3,8,,01-02-2026,02-02-2026,2026",                           # 10
        f"{dewi.nip},Kursus,LAN,99,8,,01-02-2026,02-02-2026,2026",                    # 11
        good,                                                                          # 12
        f"{dewi.nip},Kursus,LAN,3,8,,01-02-2026,02-02-2026,2025",                     # 13
        "12345,Kursus,LAN,3,8,,01-02-2026,02-02-2026,2026",                           # 14
        f"{dewi.nip},Kursus,LAN,3,8,,01-04-2026,02-04-2026,2026",                     # 15
        f"{dewi.nip},Kursus Lain,LAN,3,8,800/1/BPSDM/2026,01-01-2026,02-01-2026,2026",  # 16
    ]
    sign_in("admin_opd")
    response = _upload(client, "\n".join(rows))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Tidak ada yang disimpan" in page
    expected = {
        3: "tidak terdaftar di portal", 4: "bukan pegawai Dinas Kependudukan",
        5: "tanggalKursus &#34;2026-02-01&#34; bukan tanggal dd-mm-yyyy",
        6: "jumlahJam &#34;0&#34; harus bilangan bulat positif",
        7: "jumlahJam &#34;2.5&#34; harus bilangan bulat positif",
        8: "tanggalSelesaiKursus sebelum tanggalKursus",
        9: "sudah tercatat di portal: Pelatihan Pelayanan Prima Adminduk",
        10: "kolom namaKursus kosong", 11: "jenisDiklatId &#34;99&#34; tidak dikenal",
        12: "sama dengan baris 2", 13: "tahunKursus 2025 tidak sama",
        14: "nipBaru 12345: NIP harus 18 angka.", 15: "tanggalSelesaiKursus setelah hari ini",
        16: "sudah tercatat di portal: Pelatihan Pelayanan Prima Adminduk (2026-03-02)",
    }
    for number, message in expected.items():
        assert f'<tr><td class="num">{number}</td><td>' in page, number
        assert message in page, message
    assert '<tr><td class="num">2</td>' not in page
    assert _mandiri() == []


@pytest.mark.parametrize(("text", "message"), [
    ("nipBaru,namaKursus\n1,2", "Kolom wajib tidak ada: institusipenyelenggara"),
    (HEADER + "\n\n", "Berkas tidak berisi satu baris data pun."),
])
def test_import_refuses_the_file(client, sign_in, world, text, message):
    sign_in("admin_opd")
    response = _upload(client, text)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert _mandiri() == []


def test_import_needs_a_file(client, sign_in, world):
    sign_in("admin_opd")
    response = client.post_form("/pembinaan/kelola/siasn", {})
    assert response.status_code == 422 and "Pilih berkas CSV." in response.get_data(as_text=True)


def test_access(client, sign_in, world):
    for who in ("pegawai", "atasan", "admin_pemda"):
        sign_in(who)
        assert client.get("/pembinaan/kelola/siasn").status_code == 403
        assert client.get("/pembinaan/kelola/siasn/riwayat-kursus.csv").status_code == 403
    sign_in("admin_opd_lain")
    assert client.get(f"/pembinaan/kelola/siasn?opd={world.opd.id}").status_code == 403
    assert client.get(
        f"/pembinaan/kelola/siasn/riwayat-kursus.csv?opd={world.opd.id}").status_code == 403
    # an import by another OPD's admin names Dewi as not theirs
    response = _upload(client, HEADER + f"\n{world.pegawai['staf'].nip},Kursus,LAN,3,8,,"
                       "01-02-2026,02-02-2026,2026")
    assert response.status_code == 422 and "bukan pegawai Dinas Penanaman Modal" in \
        response.get_data(as_text=True)
    assert _mandiri() == []
