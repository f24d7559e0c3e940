"""Rencana pembinaan: proposed by the portal after a low predikat and after a complaint closed as
the officer's fault, asked for by the pegawai, opened by the penilai; written, agreed by both
(a training action joins the catalogue activity), run with check-ins, closed. Every legal and
illegal move; the pages as the pegawai and the penilai use them; the review panel, monitoring
and the reminders job."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from portal.appraisals.pengingat.services import remind
from portal.complaints import handling
from portal.core.calendar import local_date
from portal.core.models import AuditEntry, DomainError, utcnow
from portal.extensions import db
from portal.notifications.models import Notifikasi
from portal.pembinaan.kompetensi.models import StatusPeserta
from portal.pembinaan.rencana import services
from portal.pembinaan.rencana.models import (
    PemilikAksi,
    RencanaPembinaan,
    StatusRencana,
    SumberRencana,
)
from tests.appraisals.factories import (
    approve,
    make_approved_skp,
    make_set_skp,
    make_submitted_evaluasi,
    make_year,
)
from tests.pembinaan.factories import make_kegiatan, make_rencana

SR = StatusRencana
TODAY = date(2026, 2, 20)


@pytest.fixture()
def year(world):
    return make_year(world)


@pytest.fixture()
def skp_set(world, year):
    return make_approved_skp(world, year, make_set_skp(world.pegawai["kasi"], year))


def _plans(pegawai) -> list[RencanaPembinaan]:
    return list(db.session.scalars(sa.select(RencanaPembinaan).where(
        RencanaPembinaan.pegawai_id == pegawai.id)))


def _inbox(user) -> list[str]:
    return list(db.session.scalars(sa.select(Notifikasi.jenis).where(
        Notifikasi.user_id == user.id).order_by(Notifikasi.id)))


def _audit(rencana) -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).where(
        AuditEntry.object_type == "rencana_pembinaan",
        AuditEntry.object_id == rencana.id).order_by(AuditEntry.id)))


# --- proposed by the portal ---------------------------------------------------------------------

def test_a_butuh_perbaikan_approval_proposes_a_plan_due_in_30_days(world, year, skp_set):
    ev = approve(world, make_submitted_evaluasi(world, year, skp_set), "di_bawah", "sesuai")
    assert ev.predikat.value == "butuh_perbaikan"
    [plan] = _plans(world.pegawai["staf"])
    assert (plan.status, plan.sumber, plan.evaluasi_id) == (SR.DIUSULKAN, SumberRencana.PREDIKAT,
                                                            ev.id)
    assert plan.batas_susun == local_date(ev.disetujui_at) + timedelta(days=30)
    assert plan.penilai_id == world.pegawai["kasi"].id
    assert "Butuh Perbaikan" in plan.kesenjangan and "Di Bawah Ekspektasi" in plan.kesenjangan
    assert "rencana_diusulkan" in _inbox(world.users["atasan"])
    assert "rencana_diusulkan_pegawai" in _inbox(world.users["pegawai"])


@pytest.mark.parametrize("hasil,perilaku", [("sesuai", "sesuai"), ("di_atas", "di_atas")])
def test_a_good_predikat_proposes_nothing(world, year, skp_set, hasil, perilaku):
    approve(world, make_submitted_evaluasi(world, year, skp_set), hasil, perilaku)
    assert _plans(world.pegawai["staf"]) == []


def test_the_days_are_a_setting(app, world, year, skp_set, monkeypatch):
    monkeypatch.setitem(app.config, "PORTAL_PEMBINAAN_HARI_RENCANA", 14)
    ev = approve(world, make_submitted_evaluasi(world, year, skp_set), "di_bawah", "di_bawah")
    [plan] = _plans(world.pegawai["staf"])
    assert plan.batas_susun == local_date(ev.disetujui_at) + timedelta(days=14)


@pytest.fixture()
def tied_complaint(world):
    """A complaint about Disdukcapil's counter, routed to it and tied to Dewi."""
    import uuid

    from portal.complaints.models import Identitas, JenisLaporan
    from portal.complaints.services import LaporanData, file_pengaduan
    from tests.access_world import build_access_world  # noqa: F401 - same helpers

    pengaduan, _ = file_pengaduan(LaporanData(
        jenis=JenisLaporan.PENGADUAN, judul="Petugas loket membentak pemohon",
        isi="Saat mengurus KK, petugas loket membentak dan menolak berkas tanpa alasan.",
        opd_id=world.opd.id, layanan_id=None, tanggal_kejadian=None, wilayah_id=None,
        lokasi=None, identitas=Identitas.BIASA, nama="Siti Pelapor", telepon="081234567890",
        email=None), uuid.uuid4().hex)
    handling.verify_and_route(world.users["koordinator_pengaduan"], pengaduan, world.opd,
                              perlu_tinjauan_lapangan=False, pesan=None)
    kaitan = handling.link_pegawai(world.users["petugas_pengaduan"], pengaduan,
                                   world.pegawai["staf"], "Petugas loket hari itu.")
    return pengaduan, kaitan


def test_a_complaint_answered_with_the_officer_at_fault_proposes_a_plan(world, tied_complaint):
    pengaduan, kaitan = tied_complaint
    petugas = world.users["petugas_pengaduan"]
    handling.record_finding(petugas, kaitan, "terbukti")
    assert _plans(world.pegawai["staf"]) == []  # not before the OPD has answered
    handling.answer(petugas, pengaduan, "Petugas telah dibina; berkas Anda kami proses.")
    [plan] = _plans(world.pegawai["staf"])
    assert (plan.sumber, plan.pengaduan_id, plan.status) == (SumberRencana.PENGADUAN,
                                                             pengaduan.id, SR.DIUSULKAN)
    assert pengaduan.kode_lacak in plan.kesenjangan
    assert "Siti" not in plan.kesenjangan  # never the reporter's identity
    with pytest.raises(DomainError, match="tidak dapat diubah"):
        handling.record_finding(petugas, kaitan, "tidak_terbukti")


def test_a_finding_recorded_after_the_answer_proposes_once(world, tied_complaint):
    pengaduan, kaitan = tied_complaint
    petugas = world.users["petugas_pengaduan"]
    handling.answer(petugas, pengaduan, "Berkas Anda kami proses.")
    assert _plans(world.pegawai["staf"]) == []
    handling.record_finding(petugas, kaitan, "terbukti")
    handling.record_finding(petugas, kaitan, "terbukti")
    assert len(_plans(world.pegawai["staf"])) == 1


def test_no_plan_when_the_officer_was_not_at_fault(world, tied_complaint):
    pengaduan, kaitan = tied_complaint
    handling.record_finding(world.users["petugas_pengaduan"], kaitan, "tidak_terbukti")
    handling.answer(world.users["petugas_pengaduan"], pengaduan, "Berkas Anda kami proses.")
    assert _plans(world.pegawai["staf"]) == []


def test_the_finding_is_recorded_on_the_desk_page(client, login_as, world, tied_complaint):
    pengaduan, kaitan = tied_complaint
    db.session.commit()
    login_as("petugas_pengaduan")
    url = f"/meja/pengaduan/{pengaduan.id}/kaitan/{kaitan.id}/temuan"
    response = client.post_form(url, {})
    assert "Pilih temuannya." in response.get_data(as_text=True)  # the desk page, again
    response = client.post_form(url, {"temuan": "terbukti"}, follow_redirects=True)
    assert "Temuan: <strong>Pelayanan petugas terbukti bermasalah</strong>" in response.get_data(
        as_text=True)


# --- the whole life of a plan -------------------------------------------------------------------

@pytest.fixture()
def proposed(world):
    plan = make_rencana(world.pegawai["staf"], SR.DIUSULKAN, with_aksi=False,
                        sumber=SumberRencana.PREDIKAT)
    plan.tujuan = plan.ukuran_keberhasilan = ""
    return plan


def test_open_write_agree_run_close(world, proposed):
    penilai, pegawai = world.users["atasan"], world.users["pegawai"]
    kursus = make_kegiatan(world.opd, judul="Pelayanan Prima", mulai=TODAY + timedelta(days=10),
                           selesai=TODAY + timedelta(days=12))
    services.buka(penilai, proposed)
    assert proposed.status == SR.DISUSUN and proposed.dibuka_at is not None
    services.ubah(penilai, proposed, services.IsiData(
        fokus="nilai-harmonis", kesenjangan="Cara melayani pemohon.", tujuan="Tidak ada keluhan "
        "perilaku dalam 6 bulan.", ukuran_keberhasilan="Pengaduan dan SKM unsur perilaku.",
        selesai_rencana=None), TODAY)
    services.tambah_aksi(penilai, proposed, services.AksiData(
        jenis="pelatihan", uraian="", pemilik="pegawai", batas=TODAY + timedelta(days=20),
        kegiatan_id=kursus.id), TODAY)
    assert services.sepakati(pegawai, proposed, TODAY) is False
    assert proposed.status == SR.DISUSUN and proposed.setuju_pegawai_at is not None
    assert "rencana_menunggu_kesepakatan" in _inbox(penilai)
    assert services.sepakati(penilai, proposed, TODAY) is True
    assert proposed.status == SR.BERJALAN
    assert (proposed.mulai, proposed.selesai_rencana) == (TODAY, date(2026, 8, 20))
    peserta = proposed.aksi[0].peserta
    assert (peserta.kegiatan_id, peserta.status) == (kursus.id, StatusPeserta.DISETUJUI)
    services.catat_dialog(pegawai, proposed, TODAY, "Sudah mendaftar pelatihan.", TODAY)
    services.tutup(penilai, proposed, "berhasil", "Tidak ada keluhan lagi.")
    assert proposed.status == SR.BERHASIL
    assert _audit(proposed) == ["diusulkan", "dibuka", "diubah", "aksi_ditambah",
                                "disetujui_satu_pihak", "disepakati", "dialog_kinerja",
                                "ditutup"][1:]
    assert "rencana_ditutup" in _inbox(pegawai)


def test_a_change_after_one_side_agreed_asks_both_again(world):
    plan = make_rencana(world.pegawai["staf"])
    services.sepakati(world.users["pegawai"], plan, TODAY)
    services.tambah_aksi(world.users["atasan"], plan, services.AksiData(
        jenis="penugasan", uraian="Memimpin loket prioritas", pemilik="pegawai",
        batas=TODAY + timedelta(days=30)), TODAY)
    assert plan.setuju_pegawai_at is None and plan.status == SR.DISUSUN


@pytest.mark.parametrize("missing,field", [("tujuan", "tujuan"), ("kesenjangan", "kesenjangan"),
                                           ("ukuran_keberhasilan", "ukuran_keberhasilan")])
def test_an_incomplete_plan_cannot_be_agreed(world, missing, field):
    plan = make_rencana(world.pegawai["staf"])
    setattr(plan, missing, "")
    with pytest.raises(DomainError) as error:
        services.sepakati(world.users["atasan"], plan, TODAY)
    assert error.value.field == field


def test_a_plan_without_actions_cannot_be_agreed(world):
    plan = make_rencana(world.pegawai["staf"], with_aksi=False)
    with pytest.raises(DomainError, match="satu tindakan"):
        services.sepakati(world.users["atasan"], plan, TODAY)


@pytest.mark.parametrize("status,move", [
    (SR.DIUSULKAN, "sepakati"), (SR.DIUSULKAN, "tutup"), (SR.DIUSULKAN, "dialog"),
    (SR.DISUSUN, "buka"), (SR.DISUSUN, "tutup"), (SR.DISUSUN, "dialog"),
    (SR.BERJALAN, "buka"), (SR.BERJALAN, "ubah"), (SR.BERJALAN, "aksi"),
    (SR.BERHASIL, "batalkan"), (SR.BERHASIL, "tutup"), (SR.BERHASIL, "ubah"),
    (SR.TIDAK_BERHASIL, "dialog"), (SR.DIBATALKAN, "buka"), (SR.DIBATALKAN, "sepakati"),
])
def test_illegal_moves_are_refused(world, status, move):
    plan = make_rencana(world.pegawai["staf"], status)
    penilai = world.users["atasan"]
    moves = {
        "buka": lambda: services.buka(penilai, plan),
        "sepakati": lambda: services.sepakati(penilai, plan, TODAY),
        "tutup": lambda: services.tutup(penilai, plan, "berhasil", "Tercapai."),
        "dialog": lambda: services.catat_dialog(penilai, plan, TODAY, "Catatan.", TODAY),
        "ubah": lambda: services.ubah(penilai, plan, services.IsiData(
            "", "a", "b", "c", None), TODAY),
        "aksi": lambda: services.tambah_aksi(penilai, plan, services.AksiData(
            "coaching", "Coaching", "penilai", TODAY + timedelta(days=5)), TODAY),
        "batalkan": lambda: services.batalkan(penilai, plan, "Pindah tugas."),
    }
    with pytest.raises(DomainError):
        moves[move]()
    assert plan.status == status


def test_cancel_and_fail_need_a_reason(world):
    plan = make_rencana(world.pegawai["staf"], SR.BERJALAN)
    with pytest.raises(DomainError) as error:
        services.batalkan(world.users["atasan"], plan, "  ")
    assert error.value.field == "alasan"
    with pytest.raises(DomainError) as error:
        services.tutup(world.users["atasan"], plan, "tidak_berhasil", "")
    assert error.value.field == "catatan_hasil"
    services.tutup(world.users["atasan"], plan, "tidak_berhasil", "Keluhan masih berulang.")
    assert plan.status == SR.TIDAK_BERHASIL


def test_only_the_penilai_writes_and_closes(world, team):
    plan = make_rencana(world.pegawai["staf"])
    for who in ("pegawai", "atasan_lain", "admin_opd"):
        with pytest.raises(DomainError):
            services.ubah(world.users[who], plan, services.IsiData("", "a", "b", "c", None),
                          TODAY)
    with pytest.raises(DomainError):
        services.sepakati(world.users["atasan_lain"], plan, TODAY)


def test_the_pegawai_asks_for_a_plan(world):
    with pytest.raises(DomainError) as error:
        services.minta(world.users["pegawai"], world.pegawai["staf"], " ")
    assert error.value.field == "alasan"
    plan = services.minta(world.users["pegawai"], world.pegawai["staf"],
                          "Ingin belajar analisis data pelayanan.")
    assert (plan.status, plan.sumber) == (SR.DIUSULKAN, SumberRencana.PERMINTAAN)
    with pytest.raises(DomainError, match="belum selesai"):
        services.minta(world.users["pegawai"], world.pegawai["staf"], "Lagi.")


def test_an_action_marked_done_by_its_owner_only(world):
    plan = make_rencana(world.pegawai["staf"], SR.BERJALAN)
    aksi = plan.aksi[0]  # the penilai's coaching
    with pytest.raises(DomainError, match="pemiliknya"):
        services.tandai_aksi_selesai(world.users["pegawai"], aksi, None)
    services.tandai_aksi_selesai(world.users["atasan"], aksi, "Tiga sesi.")
    assert aksi.selesai
    with pytest.raises(DomainError, match="sudah selesai"):
        services.tandai_aksi_selesai(world.users["atasan"], aksi, None)


# --- reminders, monitoring, review panel ------------------------------------------------------

def test_an_overdue_action_is_reminded_once(world):
    plan = make_rencana(world.pegawai["staf"], SR.BERJALAN)
    plan.aksi[0].pemilik = PemilikAksi.PEGAWAI
    late = plan.aksi[0].batas + timedelta(days=1)
    assert remind(late).lainnya == 1
    assert remind(late).lainnya == 0
    assert _inbox(world.users["pegawai"]).count("rencana_aksi_terlambat") == 1


def test_a_plan_not_yet_due_is_not_reminded(world):
    plan = make_rencana(world.pegawai["staf"], SR.BERJALAN)
    assert remind(plan.aksi[0].batas).lainnya == 0


def test_monitoring_flags_a_plan_never_opened_past_its_day(client, login_as, world):
    plan = make_rencana(world.pegawai["staf"], SR.DIUSULKAN)
    plan.batas_susun = local_date(utcnow()) - timedelta(days=1)
    db.session.commit()
    login_as("admin_opd")
    page = client.get("/kinerja/pemantauan").get_data(as_text=True)
    assert "1 rencana pembinaan belum dibuka padahal batasnya sudah lewat." in page
    assert "Dewi Lestari" in page
    page = client.get("/pembinaan/kelola/rencana").get_data(as_text=True)
    assert "1 rencana pembinaan belum dibuka padahal batasnya sudah lewat." in page


def test_monitoring_does_not_flag_a_plan_still_in_time(client, login_as, world):
    plan = make_rencana(world.pegawai["staf"], SR.DIUSULKAN)
    plan.batas_susun = local_date(utcnow()) + timedelta(days=3)
    db.session.commit()
    login_as("admin_opd")
    assert "belum dibuka padahal" not in client.get("/kinerja/pemantauan").get_data(as_text=True)


def test_the_next_review_panel_shows_the_plan(client, login_as, world, year, skp_set):
    plan = make_rencana(world.pegawai["staf"], SR.BERJALAN)
    plan.tujuan = "Berkas selesai dalam standar waktu."
    ev = make_submitted_evaluasi(world, year, skp_set)
    db.session.commit()
    login_as("atasan")
    page = client.get(f"/kinerja/penilaian/evaluasi/{ev.id}").get_data(as_text=True)
    assert "Rencana pembinaan pegawai ini" in page
    assert "Berkas selesai dalam standar waktu." in page


# --- the pages -----------------------------------------------------------------------------------

def test_asking_with_no_reason_keeps_the_page_and_says_why(client, login_as, world):
    login_as("pegawai")
    response = client.post_form(f"/pembinaan/rencana/pegawai/{world.pegawai['staf'].id}/baru",
                                {"alasan": ""})
    assert response.status_code == 422
    assert "Tuliskan apa yang ingin Anda kembangkan." in response.get_data(as_text=True)


def test_the_penilai_opens_writes_and_both_agree_in_the_browser(client, login_as, sign_in,
                                                                world):
    login_as("atasan")
    response = client.post_form(f"/pembinaan/rencana/pegawai/{world.pegawai['staf'].id}/baru",
                                {})
    assert response.status_code == 303
    url = response.headers["Location"]
    plan_id = int(url.rsplit("/", 1)[1])
    response = client.post_form(f"{url}/aksi", {"jenis": "coaching", "uraian": "Coaching",
                                                "pemilik": "penilai", "batas": "2020-01-01"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Batas waktu tidak boleh sebelum hari ini." in page
    assert "\nCoaching</textarea>" in page and 'value="2020-01-01"' in page  # kept as typed
    later = (local_date(utcnow()) + timedelta(days=14)).isoformat()
    assert client.post_form(f"{url}/aksi", {"jenis": "coaching", "uraian": "Coaching mingguan",
                                            "pemilik": "penilai", "batas": later}
                            ).status_code == 303
    assert client.post_form(f"{url}/isi", {"fokus": "", "kesenjangan": "Standar waktu.",
                                           "tujuan": "90 % tepat waktu.",
                                           "ukuran_keberhasilan": "Laporan standar."}
                            ).status_code == 303
    assert client.post_form(f"{url}/sepakati", {}).status_code == 303
    sign_in("pegawai")
    page = client.get(url).get_data(as_text=True)
    assert "Saya setuju dengan rencana ini" in page and "Coaching mingguan" in page
    response = client.post_form(f"{url}/sepakati", {}, follow_redirects=True)
    assert "Rencana disepakati kedua pihak dan mulai berjalan." in response.get_data(as_text=True)
    assert db.session.get(RencanaPembinaan, plan_id).status == SR.BERJALAN
