"""The public before/after block (methodology 1.3): an activity planned from the public's voice
that took place shows in the scorecard's trend section with the unsur before and after, frozen
in the snapshot, in the page, CSV and JSON — and never who took part."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest

from portal.extensions import db as _db
from portal.pembinaan.kompetensi.models import (
    AsalKebutuhan,
    BentukKegiatan,
    StatusPeserta,
    SumberSuara,
)
from portal.pembinaan.suara.queries import TindakLanjut
from portal.scorecards import tindak_lanjut
from portal.scorecards.models import RaporOpd
from tests.pembinaan.factories import make_kegiatan, make_peserta
from tests.scorecards.conftest import add_answers, publish

#: Triwulan II: waktu penyelesaian 2; Triwulan III, after the course: 3
SEBELUM = (3, 3, 2, 3, 3, 3, 3, 3, 3)
SESUDAH = (3, 3, 3, 3, 3, 3, 3, 3, 3)


@pytest.fixture()
def kursus(world):
    """A course planned for the KTP-el staff from the weak waktu penyelesaian, 7–9 July 2026."""
    kegiatan = make_kegiatan(world.opd, judul="Pelatihan Prosedur dan Aplikasi KTP-el",
                             bentuk=BentukKegiatan.BIMTEK, mulai=date(2026, 7, 7),
                             selesai=date(2026, 7, 9))
    kegiatan.layanan, kegiatan.suara_sumber, kegiatan.suara_kode = (
        world.layanan, SumberSuara.UNSUR, "waktu")
    kegiatan.asal_kebutuhan = AsalKebutuhan.SURVEI
    make_peserta(kegiatan, world.pegawai["staf"], StatusPeserta.SELESAI, jp_diakui=24)
    make_peserta(kegiatan, world.pegawai["staf2"], StatusPeserta.TIDAK_HADIR)
    _db.session.flush()
    return kegiatan


def _two_quarters(world):
    add_answers(world.layanan, 40, SEBELUM)
    publish(world, 2026, 2)
    add_answers(world.layanan, 40, SESUDAH, at=datetime(2026, 8, 12, 3, 0))
    return publish(world, 2026, 3)


def test_the_block_shows_before_and_after_never_who(client, world, kursus):
    pub = _two_quarters(world)
    rapor = _db.session.query(RaporOpd).filter_by(publikasi_id=pub.id, opd_id=world.opd.id).one()
    [item] = rapor.data["tindak_lanjut"]
    assert item["sebelum"] == {"periode": "2026-T2", "nrr": 2.0, "ikm": 72.22}
    assert item["sesudah"] == {"periode": "2026-T3", "nrr": 3.0, "ikm": 75.0}
    html = client.get(f"/instansi/{world.opd.slug}").get_data(as_text=True)
    section = html[html.index('id="judul-tindak-lanjut"'):html.index('id="judul-versi"')]
    assert "Pelatihan Prosedur dan Aplikasi KTP-el" in section and "Bimbingan teknis" in section
    assert "7 Juli 2026 – 9 Juli 2026" in section
    assert ("Nilai unsur Waktu penyelesaian: 2,00 pada Triwulan II 2026, 3,00 pada Triwulan III "
            "2026.") in section
    for name in ("Dewi Lestari", "Budi Santoso", world.pegawai["staf"].nip):
        assert name not in html
    # the same figures as open data, and nobody named there either
    data = client.get(f"/data/instansi/{world.opd.slug}/tindak-lanjut.json").get_json()
    [row] = data["baris"]
    assert (row["aspek"], row["periode_sebelum"], row["nilai_sebelum"], row["periode_sesudah"],
            row["nilai_sesudah"]) == ("Unsur SKM: Waktu penyelesaian", "2026-T2", 2.0,
                                      "2026-T3", 3.0)
    text = client.get(f"/data/instansi/{world.opd.slug}/tindak-lanjut.csv").get_data(as_text=True)
    [csv_row] = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert csv_row["kegiatan"] == "Pelatihan Prosedur dan Aplikasi KTP-el"
    assert csv_row["tanggal_mulai"] == "2026-07-07"
    assert "Dewi" not in text and "Budi" not in text
    kamus = client.get("/data/kamus.json").get_json()
    assert kamus["tindak-lanjut"]["judul"] == "Dari suara publik ke tindakan"
    assert {k["kolom"] for k in kamus["tindak-lanjut"]["kolom"]} >= {
        "nilai_sebelum", "nilai_sesudah", "periode_sebelum", "periode_sesudah"}


def test_frozen_in_the_snapshot(client, world, kursus):
    pub = _two_quarters(world)
    # a later change to the activity does not rewrite what was published
    kursus.judul = "Judul yang diubah kemudian"
    _db.session.commit()
    html = client.get(f"/instansi/{world.opd.slug}?publikasi={pub.id}").get_data(as_text=True)
    assert "Pelatihan Prosedur dan Aplikasi KTP-el" in html
    assert "Judul yang diubah kemudian" not in html


def test_not_yet_taken_place_or_nobody_attended(client, world, kursus):
    add_answers(world.layanan, 40, SEBELUM)
    publish(world, 2026, 2)  # the course is in July: not in Triwulan II's scorecard
    html = client.get(f"/instansi/{world.opd.slug}").get_data(as_text=True)
    assert "Belum ada kegiatan dari suara publik yang terlaksana sampai akhir periode ini." in html
    for peserta in kursus.peserta:
        peserta.status = StatusPeserta.DISETUJUI
    _db.session.flush()
    publish(world, 2026, 3)  # ended, but nobody attended: it did not take place
    rows = client.get(f"/data/instansi/{world.opd.slug}/tindak-lanjut.json").get_json()["baris"]
    assert rows == []


def test_no_publication_before_and_a_hidden_value(client, world, kursus):
    add_answers(world.layanan, 3, SESUDAH, at=datetime(2026, 8, 12, 3, 0))  # under 5 answers
    publish(world, 2026, 3)
    [row] = client.get(f"/data/instansi/{world.opd.slug}/tindak-lanjut.json").get_json()["baris"]
    assert row["periode_sebelum"] is None and row["nilai_sebelum"] is None
    assert row["periode_sesudah"] == "2026-T3" and row["nilai_sesudah"] is None
    assert "Belum ada publikasi sebelum kegiatan." in row["keterangan"]
    assert "kurang dari 5 responden" in row["keterangan"]


def _period(kode, mulai, akhir, nrr):
    return tindak_lanjut.Periode(mulai, akhir, kode, {"ktp-el": {"nrr": nrr, "nilai": 70.0}})


def test_which_quarters_are_before_and_after():
    periods = [_period("2026-T1", date(2026, 1, 1), date(2026, 4, 1), [2.5] * 9),
               _period("2026-T2", date(2026, 4, 1), date(2026, 7, 1), [2.7] * 9),
               _period("2026-T3", date(2026, 7, 1), date(2026, 10, 1), [3.1] * 9)]

    def item(mulai, selesai, sumber="unsur", kode="waktu"):
        return TindakLanjut(1, 1, "Kursus", "bimtek", mulai, selesai, sumber, kode)

    # inside Triwulan II: before is Triwulan I, after is Triwulan II (it ends after the course)
    got = tindak_lanjut.entry(item(date(2026, 5, 4), date(2026, 5, 6)), "ktp-el", "KTP-el", periods)
    assert (got["sebelum"]["periode"], got["sesudah"]["periode"]) == ("2026-T1", "2026-T2")
    # across two quarters: Triwulan I before, Triwulan III after
    got = tindak_lanjut.entry(item(date(2026, 6, 29), date(2026, 7, 2)), "ktp-el", "KTP-el",
                              periods)
    assert (got["sebelum"]["periode"], got["sesudah"]["periode"]) == ("2026-T1", "2026-T3")
    # ending on a quarter's last day: that quarter is not "after"
    got = tindak_lanjut.entry(item(date(2026, 9, 28), date(2026, 9, 30)), "ktp-el", "KTP-el",
                              periods)
    assert got["sesudah"]["periode"] == "2026-T3"
    got = tindak_lanjut.entry(item(date(2026, 12, 1), date(2026, 12, 3)), "ktp-el", "KTP-el",
                              periods)
    assert got["sebelum"]["periode"] == "2026-T3" and got["sesudah"] is None
    # a complaint category reads the unsur of the same wording; "lainnya" none (IKM only)
    got = tindak_lanjut.entry(item(date(2026, 5, 4), date(2026, 5, 6), "kategori",
                                   "perilaku_pelaksana"), "ktp-el", "KTP-el", periods)
    assert got["unsur"] == "perilaku" and got["sebelum"]["nrr"] == 2.5
    got = tindak_lanjut.entry(item(date(2026, 5, 4), date(2026, 5, 6), "kategori", "lainnya"),
                              "ktp-el", "KTP-el", periods)
    assert got["unsur"] is None and got["sebelum"] == {"periode": "2026-T1", "nrr": None,
                                                      "ikm": 70.0}


def test_methodology_page_explains_the_block(client, world):
    html = client.get("/metodologi").get_data(as_text=True)
    assert "Dari suara publik ke tindakan (sejak metodologi 1.3)" in html
    assert "Versi metodologi saat ini: 1.3." in html
