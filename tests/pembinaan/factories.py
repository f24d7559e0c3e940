"""Factories for competency development records, built as the services would leave them."""

from __future__ import annotations

from datetime import date

from portal.core import uploads
from portal.extensions import db
from portal.pembinaan.kompetensi import sertifikat
from portal.pembinaan.kompetensi.models import (
    AsalKebutuhan,
    BentukKegiatan,
    JenisKompetensi,
    Kegiatan,
    PembelajaranMandiri,
    PesertaKegiatan,
    StatusMandiri,
    StatusPeserta,
    SumberAnggaran,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_kegiatan(opd=None, *, pemda=None, judul="Pelatihan Pelayanan Prima",
                  bentuk=BentukKegiatan.PELATIHAN_TEKNIS, jp=24, mulai=date(2026, 3, 2),
                  selesai=date(2026, 3, 5), aktif=True) -> Kegiatan:
    kegiatan = Kegiatan(pemda=pemda or opd.pemda, opd=opd, judul=judul, bentuk=bentuk,
                        penyelenggara="BPSDM Provinsi Lampung", jp=jp, tanggal_mulai=mulai,
                        tanggal_selesai=selesai, kompetensi=JenisKompetensi.TEKNIS,
                        sumber_anggaran=SumberAnggaran.APBD,
                        asal_kebutuhan=AsalKebutuhan.HASIL_EVALUASI, aktif=aktif)
    db.session.add(kegiatan)
    db.session.flush()
    return kegiatan


def _file(record) -> None:
    path = uploads.write(sertifikat.upload_root(), ".pdf", PDF)
    record.sertifikat_nama, record.sertifikat_mime = "sertifikat.pdf", uploads.MIME_PDF
    record.sertifikat_ukuran, record.sertifikat_kunci = len(PDF), path.name


def make_peserta(kegiatan, pegawai, status=StatusPeserta.DIUSULKAN, *, with_file=False,
                 jp_diakui=None) -> PesertaKegiatan:
    # read before the new row joins the activity: a committed activity reloads, which flushes
    jp, tahun = kegiatan.jp, kegiatan.tanggal_selesai.year
    peserta = PesertaKegiatan(kegiatan=kegiatan, pegawai=pegawai, status=status)
    if with_file:
        _file(peserta)
    if status == StatusPeserta.SELESAI:
        peserta.jp_diakui = jp if jp_diakui is None else jp_diakui
        peserta.tahun = tahun
        peserta.nomor_sertifikat = peserta.nomor_sertifikat or "800/1/BPSDM/2026"
    db.session.add(peserta)
    db.session.flush()
    return peserta


def make_mandiri(pegawai, status=StatusMandiri.DIAJUKAN, *, jp=10, selesai=date(2026, 2, 10),
                 bentuk=BentukKegiatan.E_LEARNING) -> PembelajaranMandiri:
    item = PembelajaranMandiri(pegawai=pegawai, judul="E-learning Pelayanan Publik Prima",
                               bentuk=bentuk, penyelenggara="LAN RI (ASN Unggul)",
                               kompetensi=JenisKompetensi.TEKNIS, tanggal_mulai=selesai,
                               tanggal_selesai=selesai, jp_tertulis=jp, status=status)
    _file(item)
    if status == StatusMandiri.DIVERIFIKASI:
        item.jp_diakui, item.tahun = jp, selesai.year
    db.session.add(item)
    db.session.flush()
    return item


def make_calon(pegawai, year, jenis=None, hasil="di_atas", perilaku="di_atas"):
    """A final evaluation of ``pegawai`` in ``year`` (Triwulan I unless told), rated Sangat Baik
    unless told otherwise, written straight to the database."""
    from portal.appraisals.periode.models import JenisPeriode
    from tests.appraisals.factories import direct_evaluasi, make_set_skp, periode

    skp = make_set_skp(pegawai, year)
    return direct_evaluasi(pegawai, periode(year, jenis or JenisPeriode.TRIWULAN_1), skp,
                           hasil=hasil, perilaku=perilaku)


def make_penghargaan(evaluasi, status=None, *, jenis="piagam"):
    from portal.pembinaan.penghargaan.models import Penghargaan, StatusPenghargaan

    status = status or StatusPenghargaan.DIUSULKAN
    item = Penghargaan(evaluasi=evaluasi, pegawai=evaluasi.pegawai, opd_id=evaluasi.pegawai.opd_id,
                       tahun=evaluasi.periode.tahun, jenis=jenis,
                       alasan_usulan="Seluruh target triwulan terlampaui.", status=status)
    if status == StatusPenghargaan.DISETUJUI:
        item.nomor_sk, item.tanggal_sk = "800/12/BKPSDM/2026", date(2026, 4, 20)
    if status == StatusPenghargaan.DITOLAK:
        item.alasan_tolak = "Kuota penghargaan tahun ini sudah penuh."
    db.session.add(item)
    db.session.flush()
    return item
def jp_scenario(world):
    """Disdukcapil's year 2026 up to the end of Triwulan II, seven ASN (six PNS, one PPPK):

    kepala 24 JP klasikal · kabid 10 e-learning + 8 coaching = 18 · kasi 0 (a course ending in
    August, a report still waiting) · staf 0 (40 JP counted in 2025) · staf2 (PPPK) 30 JP
    klasikal, 24 after the cap · "Pegawai JP Dua Puluh" 20 klasikal · "Pegawai JP Empat" 4
    belajar mandiri. PNS on target: kepala and the 20 JP one (2 of 6); nobody's name is public.
    """
    from tests.factories import make_pegawai
    p = world.pegawai
    dua_puluh = make_pegawai(world.units["seksi"], "Pegawai JP Dua Puluh", atasan=p["kasi"])
    empat = make_pegawai(world.units["seksi"], "Pegawai JP Empat", atasan=p["kasi"])
    db.session.flush()
    selesai = StatusPeserta.SELESAI
    maret = make_kegiatan(world.opd, jp=24, selesai=date(2026, 3, 5))
    make_peserta(maret, p["kepala"], selesai)
    make_peserta(maret, p["staf2"], selesai, jp_diakui=30)
    make_mandiri(p["kabid"], StatusMandiri.DIVERIFIKASI, jp=10, selesai=date(2026, 4, 2))
    coaching = make_kegiatan(world.opd, judul="Coaching Pelayanan", jp=8,
                             bentuk=BentukKegiatan.COACHING, mulai=date(2026, 5, 4),
                             selesai=date(2026, 5, 4))
    make_peserta(coaching, p["kabid"], selesai)
    agustus = make_kegiatan(world.opd, judul="Diklat Agustus", jp=30, mulai=date(2026, 8, 3),
                            selesai=date(2026, 8, 10))
    make_peserta(agustus, p["kasi"], selesai)
    make_mandiri(p["kasi"], StatusMandiri.DIAJUKAN, jp=10, selesai=date(2026, 4, 2))
    lalu = make_kegiatan(world.opd, judul="Diklat 2025", jp=40, mulai=date(2025, 12, 15),
                         selesai=date(2025, 12, 20))
    make_peserta(lalu, p["staf"], selesai)
    april = make_kegiatan(world.opd, judul="Bimtek April", jp=20, mulai=date(2026, 4, 6),
                          selesai=date(2026, 4, 9))
    make_peserta(april, dua_puluh, selesai)
    make_mandiri(empat, StatusMandiri.DIVERIFIKASI, jp=4, selesai=date(2026, 6, 30),
                 bentuk=BentukKegiatan.BELAJAR_MANDIRI)
    db.session.flush()
    return dua_puluh, empat


def make_rencana(pegawai, status=None, *, with_aksi=True, sumber="penilai"):
    """A coaching plan of ``pegawai`` by their atasan, being written (disusun) unless told, with
    one coaching action due in a month."""
    from portal.pembinaan.rencana.models import (
        AksiRencana,
        JenisAksi,
        PemilikAksi,
        RencanaPembinaan,
        StatusRencana,
    )

    db.session.flush()  # a pegawai just made gets its OPD and atasan ids
    rencana = RencanaPembinaan(
        pegawai=pegawai, opd_id=pegawai.opd_id, penilai_id=pegawai.atasan_id, sumber=sumber,
        status=status or StatusRencana.DISUSUN,
        kesenjangan="Berkas sering melewati standar waktu.",
        tujuan="Semua berkas selesai dalam 3 hari kerja.",
        ukuran_keberhasilan="Laporan standar pelayanan triwulan berikutnya.",
        batas_susun=date(2026, 12, 31))
    if with_aksi:
        rencana.aksi.append(AksiRencana(jenis=JenisAksi.COACHING, uraian="Coaching mingguan",
                                        pemilik=PemilikAksi.PENILAI, batas=date(2027, 1, 15)))
    db.session.add(rencana)
    db.session.flush()
    return rencana
