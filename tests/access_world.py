"""The test world of the access matrix (tests/test_access_matrix.py): ``build_world()`` plus, for
every kind of object a URL names, one object in the actors' own scope and one each in another
OPD of the same pemda, in another pemda, and under another supervisor of the same OPD.

The actors (``world.users``): the pegawai Dewi; her pejabat penilai Ahmad (kepala seksi); his
own atasan Sri (kepala bidang, who decides keberatan on Dewi's ratings); the admin OPD and the
petugas pengaduan of Disdukcapil; the koordinator pengaduan and the admin of Kota Bandar Lampung;
and the koordinator of Provinsi Lampung, a pemda whose area holds Kota Metro, itself a pemda.

``ids[(kind, variant)]`` is the id (or code) that fills a URL parameter. Pegawai-owned kinds
(skp, rhk, indikator, evaluasi, bukti) have the variants of ``PEGAWAI_VARIANTS``:
``staf``    Dewi's: the pegawai's own, the penilai's direct subordinate's;
``rekan``   Budi's: a colleague with the same penilai;
``bawahan_lain``  Nina's: the subordinate of another supervisor (Rudi) in the same OPD;
``opd_lain``      Rahmat's, in DPMPTSP (same pemda); ``pemda_lain``: Yuliana's, in Kota Metro.
Everything is built through the services, as users would, except the SKPs made already set
(``make_set_skp``) for all but Dewi."""

from __future__ import annotations

import uuid
from datetime import date
from types import SimpleNamespace

import sqlalchemy as sa

from portal.appraisals.evaluasi import services as evaluasi_services
from portal.appraisals.evaluasi.models import Evaluasi
from portal.appraisals.keberatan import services as keberatan_services
from portal.appraisals.penilaian import services as penilaian_services
from portal.appraisals.umpan_balik import services as umpan_balik_services
from portal.complaints import handling
from portal.complaints.models import Identitas, JenisLaporan, LampiranPengaduan
from portal.complaints.services import LaporanData, file_pengaduan
from portal.core.models import HariLibur
from portal.core.roles import Role
from portal.extensions import db
from portal.org.models import Layanan, TingkatWilayah
from tests.appraisals.factories import make_approved_skp, make_set_skp, make_year, periode
from tests.factories import World, build_world, make_pegawai, make_pemda, make_user, make_wilayah
from tests.pembinaan.factories import (
    make_kegiatan,
    make_mandiri,
    make_penghargaan,
    make_peserta,
    make_rencana,
)
from tests.pembinaan.suara_factories import make_pemetaan
from tests.scorecards.conftest import publish

PEGAWAI_VARIANTS = ("staf", "rekan", "bawahan_lain", "opd_lain", "pemda_lain")
ORG_VARIANTS = ("opd", "opd_lain", "pemda_lain")
PENGADUAN_VARIANTS = ("baru", "opd", "opd_lain", "pemda_lain", "wilayah", "wilayah_lain",
                      "tanpa_wilayah")


def _people(world: World) -> None:
    """Accounts for everyone who owns an appraisal object, another supervisor with her own
    subordinate, and the provincial koordinator."""
    p, u, units = world.pegawai, world.users, world.units
    u["kabid"] = make_user(p["kabid"].nip, p["kabid"].nama, pegawai=p["kabid"])
    p["atasan_lain"] = make_pegawai(units["bidang"], "Rudi Hartono",
                                    jabatan="Kepala Seksi Pendaftaran", atasan=p["kabid"])
    p["bawahan_lain"] = make_pegawai(units["bidang"], "Nina Marlina", atasan=p["atasan_lain"])
    for name in ("staf2", "bawahan_lain", "lain", "metro"):
        u[name] = make_user(p[name].nip, p[name].nama, pegawai=p[name])
    provinsi = make_pemda("Pemerintah Provinsi Lampung", "provinsi-lampung",
                          world.pemda.wilayah.parent)
    u["koordinator_provinsi"] = make_user(
        "koordinator.lampung", "Koordinator Pengaduan Provinsi",
        roles=((Role.KOORDINATOR_PENGADUAN, provinsi),))
    for opd, slug in ((world.opd_lain, "izin-usaha"), (world.opd_pemda_lain, "rawat-jalan")):
        db.session.add(Layanan(opd=opd, nama=f"Layanan {slug}", slug=slug,
                               waktu_penyelesaian_hari=3, biaya_rupiah=0, produk="Surat"))
    db.session.flush()


def _evaluasi(user, year):
    """The Triwulan I evaluation of the user's set SKP, with a link as evidence, submitted."""
    ev = evaluasi_services.start_evaluasi(user, user.pegawai, periode(year))
    evaluasi_services.add_bukti_tautan(user, ev, "https://arsip.example.org/bukti-tw1", "Laporan", None)
    evaluasi_services.save_draft(user, ev, revisi=ev.revisi,
                          realisasi={line.indikator_id: "300 perekaman" for line in ev.realisasi},
                          penilaian_diri="Target triwulan tercapai.")
    if user.pegawai.atasan_id is not None:  # Rahmat and Yuliana have none: theirs stay drafts
        evaluasi_services.submit_evaluasi(user, ev, revisi=ev.revisi)
    return ev


def _appraisals(world: World, ids: dict) -> None:
    p, u = world.pegawai, world.users
    year = make_year(world)
    # make_year opens the year as world.users["admin_pemda"] for world.pemda: the same, for Metro
    year_metro = make_year(SimpleNamespace(users={"admin_pemda": u["admin_pemda_lain"]},
                                           pemda=world.pemda_lain))
    ids["tahun", "own"], ids["tahun", "pemda_lain"] = year.id, year_metro.id
    ids["periode", "own"] = periode(year).id
    ids["periode", "pemda_lain"] = periode(year_metro).id

    atasan_skp = make_set_skp(p["kasi"], year)
    skps = {"staf": make_approved_skp(world, year, atasan_skp),
            "rekan": make_set_skp(p["staf2"], year),
            "bawahan_lain": make_set_skp(p["bawahan_lain"], year),
            "opd_lain": make_set_skp(p["lain"], year),
            "pemda_lain": make_set_skp(p["metro"], year_metro)}
    owners = {"staf": "pegawai", "rekan": "staf2", "bawahan_lain": "bawahan_lain",
              "opd_lain": "lain", "pemda_lain": "metro"}
    evs = {variant: _evaluasi(u[owners[variant]], year_metro if variant == "pemda_lain" else year)
           for variant in PEGAWAI_VARIANTS}
    for variant in PEGAWAI_VARIANTS:
        skp, ev = skps[variant], evs[variant]
        ids["skp", variant], ids["evaluasi", variant] = skp.id, ev.id
        ids["rhk", variant] = skp.rhk[0].id
        ids["indikator", variant] = skp.rhk[0].indikator[0].id
        ids["bukti", variant] = ev.bukti[0].id

    # the penilai asks Dewi about Budi, and Budi about Dewi
    (asks_dewi,) = umpan_balik_services.ask(u["atasan"], evs["rekan"], [p["staf"].id])
    (asks_budi,) = umpan_balik_services.ask(u["atasan"], evs["staf"], [p["staf2"].id])
    ids["permintaan", "staf"], ids["permintaan", "rekan"] = asks_dewi.id, asks_budi.id

    # Dewi's evaluation is final and she objects: her penilai's atasan (Sri) decides
    penilaian_services.approve_evaluasi(u["atasan"], evs["staf"],
                                penilaian_services.Review(rating_hasil="sesuai", rating_perilaku="sesuai"),
                                revisi=evs["staf"].revisi)
    keberatan_services.ajukan(u["pegawai"], evs["staf"],
                     "Rating hasil kerja tidak sesuai dengan realisasi yang terlampaui.")
    db.session.flush()


def _attach_photo(pengaduan) -> LampiranPengaduan:
    """A photo on disk and its row, as filing with a photo leaves them."""
    from portal.complaints import attachments

    key = f"{uuid.uuid4().hex}.png"
    path = attachments.stored_path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(PNG)
    lampiran = LampiranPengaduan(pengaduan=pengaduan, nama_asli="foto.png", jenis_mime="image/png",
                                 ukuran=len(PNG), kunci_simpan=key, sha256="0" * 64)
    db.session.add(lampiran)
    db.session.flush()
    return lampiran


#: the smallest PNG (1 × 1 pixel)
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def _pengaduan(world: World, ids: dict) -> None:
    def file(opd=None, wilayah=None):
        data = LaporanData(
            jenis=JenisLaporan.PENGADUAN, judul="Antrean KTP-el terlalu lama",
            isi="Saya antre dari jam tujuh pagi sampai siang dan loket tutup tanpa pemberitahuan.",
            opd_id=opd.id if opd else None, layanan_id=None, tanggal_kejadian=None,
            wilayah_id=wilayah.id if wilayah else None, lokasi=None, identitas=Identitas.BIASA,
            nama="Siti Pelapor", telepon="081234567890", email=None)
        pengaduan, _created = file_pengaduan(data, uuid.uuid4().hex)
        return pengaduan

    koordinator, petugas = world.users["koordinator_pengaduan"], world.users["petugas_pengaduan"]
    kecamatan = make_wilayah("18.71.01", "Tanjung Karang Pusat", TingkatWilayah.KECAMATAN,
                             world.pemda.wilayah)
    db.session.flush()
    items = {"baru": file(world.opd), "opd": file(world.opd), "opd_lain": file(world.opd_lain),
             "pemda_lain": file(world.opd_pemda_lain),
             # no OPD chosen: placed in a kecamatan of Kota Bandar Lampung; in Kota Metro (as
             # Open311's jurisdiction_id does); nowhere
             "wilayah": file(wilayah=kecamatan),
             "wilayah_lain": file(wilayah=world.pemda_lain.wilayah),
             "tanpa_wilayah": file()}
    for variant in ("opd", "opd_lain"):
        handling.verify_and_route(koordinator, items[variant], items[variant].opd,
                                  perlu_tinjauan_lapangan=False, pesan=None)
    kaitan = handling.link_pegawai(petugas, items["opd"], world.pegawai["staf"],
                                   "Petugas loket pada hari itu.")
    for variant, pengaduan in items.items():
        ids["pengaduan", variant] = pengaduan.id
        ids["lampiran", variant] = _attach_photo(pengaduan).id
    ids["kaitan", "*"] = kaitan.id
    ids["kode", "*"] = items["opd"].kode_lacak


def _org(world: World, ids: dict) -> None:
    opds = {"opd": world.opd, "opd_lain": world.opd_lain, "pemda_lain": world.opd_pemda_lain}
    units = {"opd": world.units["seksi"], "opd_lain": world.units["lain"],
             "pemda_lain": world.units["metro"]}
    staff = {"opd": world.pegawai["staf"], "opd_lain": world.pegawai["lain"],
             "pemda_lain": world.pegawai["metro"]}
    for variant in ORG_VARIANTS:
        ids["opd", variant] = opds[variant].id
        ids["unit", variant] = units[variant].id
        ids["pegawai", variant] = staff[variant].id
        ids["layanan", variant] = opds[variant].layanan[0].id
    ids["pemda", "own"], ids["pemda", "pemda_lain"] = world.pemda.id, world.pemda_lain.id
    ids["slug", "*"] = world.opd.slug
    ids["layanan_kode", "*"] = f"{world.opd.slug}.{world.layanan.slug}"


def _pembinaan(world: World, ids: dict) -> None:
    """An activity in each OPD; for each pegawai variant a proposal to join it and a
    self-reported e-learning waiting for verification, both with a certificate file."""
    p = world.pegawai
    kegiatan = {"opd": make_kegiatan(world.opd), "opd_lain": make_kegiatan(world.opd_lain),
                "pemda_lain": make_kegiatan(world.opd_pemda_lain)}
    for variant in ORG_VARIANTS:
        ids["kegiatan", variant] = kegiatan[variant].id
        # the pemda's mapping of "waktu penyelesaian" to the OPD's activity
        ids["pemetaan", variant] = make_pemetaan(kegiatan[variant].pemda, "unsur", "waktu",
                                                 kegiatan[variant]).id
    owners = {"staf": ("staf", "opd"), "rekan": ("staf2", "opd"),
              "bawahan_lain": ("bawahan_lain", "opd"), "opd_lain": ("lain", "opd_lain"),
              "pemda_lain": ("metro", "pemda_lain")}
    for variant, (who, where) in owners.items():
        ids["asn", variant] = p[who].id
        ids["peserta", variant] = make_peserta(kegiatan[where], p[who], with_file=True).id
        ids["mandiri", variant] = make_mandiri(p[who]).id
        rencana = make_rencana(p[who])
        ids["rencana", variant], ids["aksi", variant] = rencana.id, rencana.aksi[0].id
    for variant in ("staf", "opd_lain", "pemda_lain"):
        evaluasi = db.session.get(Evaluasi, ids["evaluasi", variant])
        ids["penghargaan", variant] = make_penghargaan(evaluasi).id


def build_access_world() -> tuple[World, dict]:
    world = build_world()
    ids: dict = {}
    _people(world)
    _org(world, ids)
    _appraisals(world, ids)
    _pengaduan(world, ids)
    _pembinaan(world, ids)
    day = HariLibur(tanggal=date(2026, 12, 24), keterangan="Cuti bersama Natal")
    db.session.add(day)
    db.session.flush()
    ids["hari_libur", "*"] = day.id
    ids["publikasi", "*"] = publish(world).id  # commits, as an admin's publication does
    users = world.users
    ids["notifikasi", "pegawai"] = _first_notification(users["pegawai"].id)
    ids["notifikasi", "penilai"] = _first_notification(users["atasan"].id)
    return world, ids


def _first_notification(user_id: int) -> int:
    return db.session.execute(sa.text(
        "SELECT min(id) FROM notifikasi WHERE user_id = :u"), {"u": user_id}).scalar_one()
