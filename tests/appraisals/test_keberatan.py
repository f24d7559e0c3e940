"""Keberatan: the pegawai objects to a final rating within the days allowed, once; the atasan of
the pejabat penilai keeps the predikat or changes the ratings (and so the predikat), with a
reason; both are on record and shown on the evaluation's keberatan page."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.appraisals.evaluasi.models import Predikat, Rating
from portal.appraisals.keberatan import services as keberatan_services
from portal.appraisals.keberatan.models import Keberatan, PutusanKeberatan, StatusKeberatan
from portal.core.calendar import local_date
from portal.core.models import AuditEntry, DomainError, utcnow
from portal.extensions import db
from portal.notifications.models import Notifikasi

ALASAN = "Target perekaman terlampaui 20% dan tidak ada keluhan; rating hasil kurang tepat."


def _file(world, ev, today=None):
    return keberatan_services.ajukan(world.users["pegawai"], ev, ALASAN, today)


def test_pegawai_objects_and_the_atasan_of_the_penilai_is_notified(world, evaluasi_approved):
    keberatan = _file(world, evaluasi_approved)
    assert keberatan.status == StatusKeberatan.DIAJUKAN
    assert keberatan.pemutus_id == world.pegawai["kabid"].id
    assert (keberatan.rating_hasil_awal, keberatan.predikat_awal) == (Rating.SESUAI, Predikat.BAIK)
    note = db.session.scalar(sa.select(Notifikasi).where(Notifikasi.jenis == "keberatan_diajukan"))
    assert note.user_id == world.users["kabid"].id
    assert note.url == f"/kinerja/keberatan/evaluasi/{evaluasi_approved.id}"
    actions = set(db.session.scalars(sa.select(AuditEntry.action).where(
        AuditEntry.object_type == "evaluasi", AuditEntry.object_id == evaluasi_approved.id)))
    assert "keberatan_diajukan" in actions


def test_refused_when_not_final(world, evaluasi_submitted, extra_people):
    with pytest.raises(DomainError, match="sudah final"):
        _file(world, evaluasi_submitted)


def test_refused_when_too_late_and_the_days_are_a_setting(world, evaluasi_approved, app,
                                                          monkeypatch):
    approved_on = local_date(evaluasi_approved.disetujui_at)
    _file_ok = keberatan_services.refusal(world.users["pegawai"], evaluasi_approved,
                               approved_on + timedelta(days=14))
    assert _file_ok is None
    with pytest.raises(DomainError, match="Batas waktu keberatan sudah lewat"):
        _file(world, evaluasi_approved, approved_on + timedelta(days=15))
    monkeypatch.setitem(app.config, "PORTAL_KEBERATAN_DAYS", 30)
    assert _file(world, evaluasi_approved, approved_on + timedelta(days=30)) is not None


def test_refused_a_second_time(world, evaluasi_approved):
    _file(world, evaluasi_approved)
    with pytest.raises(DomainError, match="hanya dapat diajukan sekali"):
        _file(world, evaluasi_approved)


def test_refused_for_others_and_without_reason(world, evaluasi_approved):
    with pytest.raises(DomainError, match="Hanya pegawai yang dinilai"):
        keberatan_services.ajukan(world.users["atasan"], evaluasi_approved, ALASAN)
    with pytest.raises(DomainError, match="alasan") as info:
        keberatan_services.ajukan(world.users["pegawai"], evaluasi_approved, "  tidak setuju ")
    assert info.value.field == "alasan"


def test_refused_when_nobody_can_decide(world, evaluasi_approved):
    world.pegawai["kabid"].atasan = None
    evaluasi_approved.penilai.atasan = None
    db.session.flush()
    with pytest.raises(DomainError, match="tidak memiliki atasan"):
        _file(world, evaluasi_approved)


def test_decision_keeps_the_predikat(world, evaluasi_approved):
    keberatan = _file(world, evaluasi_approved)
    keberatan_services.putuskan(world.users["kabid"], keberatan,
                     keberatan_services.Putusan("tetap", "Bukti tidak menunjukkan hasil di atas target."))
    assert keberatan.status == StatusKeberatan.DIPUTUS
    assert keberatan.putusan == PutusanKeberatan.TETAP
    assert evaluasi_approved.predikat == Predikat.BAIK == keberatan.predikat_akhir
    entry = db.session.scalar(sa.select(AuditEntry).where(
        AuditEntry.object_type == "evaluasi", AuditEntry.action == "keberatan_diputus"))
    assert entry.comment == "Predikat tetap Baik. Bukti tidak menunjukkan hasil di atas target."
    note = db.session.scalar(sa.select(Notifikasi).where(Notifikasi.jenis == "keberatan_diputus"))
    assert note.user_id == world.users["pegawai"].id


def test_decision_changes_a_rating_and_recomputes_the_predikat(world, evaluasi_approved):
    keberatan = _file(world, evaluasi_approved)
    keberatan_services.putuskan(world.users["kabid"], keberatan,
                     keberatan_services.Putusan("diubah", "Realisasi 120% terbukti.", rating_hasil="di_atas",
                                     rating_perilaku="di_atas"))
    assert (evaluasi_approved.rating_hasil, evaluasi_approved.rating_perilaku) == (
        Rating.DI_ATAS, Rating.DI_ATAS)
    assert evaluasi_approved.predikat == Predikat.SANGAT_BAIK == keberatan.predikat_akhir
    assert keberatan.predikat_awal == Predikat.BAIK
    entry = db.session.scalar(sa.select(AuditEntry).where(
        AuditEntry.object_type == "evaluasi", AuditEntry.action == "keberatan_diputus"))
    assert entry.comment.startswith("Rating diubah: predikat Baik → Sangat Baik.")
    assert entry.actor_id == world.users["kabid"].id


def test_one_rating_left_empty_stays(world, evaluasi_approved):
    keberatan = _file(world, evaluasi_approved)
    keberatan_services.putuskan(world.users["kabid"], keberatan,
                     keberatan_services.Putusan("diubah", "Perilaku perlu perbaikan.",
                                     rating_perilaku="di_bawah"))
    assert evaluasi_approved.rating_hasil == Rating.SESUAI
    assert evaluasi_approved.predikat == Predikat.KURANG


@pytest.mark.parametrize("putusan, message, field", [
    (keberatan_services.Putusan("", "alasan"), "Pilih putusan", "putusan"),
    (keberatan_services.Putusan("tetap", " "), "alasan putusan", "alasan_putusan"),
    (keberatan_services.Putusan("diubah", "alasan", "sesuai", "sesuai"), "sama dengan semula", "rating_hasil"),
    (keberatan_services.Putusan("diubah", "alasan", "luar_biasa"), "rating baru", "rating_hasil"),
])
def test_decision_refusals(world, evaluasi_approved, putusan, message, field):
    keberatan = _file(world, evaluasi_approved)
    with pytest.raises(DomainError, match=message) as info:
        keberatan_services.putuskan(world.users["kabid"], keberatan, putusan)
    assert info.value.field == field


def test_only_the_atasan_of_the_penilai_decides_and_only_once(world, evaluasi_approved):
    keberatan = _file(world, evaluasi_approved)
    for name in ("atasan", "pegawai", "atasan_lain", "admin_opd"):
        with pytest.raises(DomainError, match="Hanya atasan pejabat penilai"):
            keberatan_services.putuskan(world.users[name], keberatan, keberatan_services.Putusan("tetap", "ok"))
    keberatan_services.putuskan(world.users["kabid"], keberatan, keberatan_services.Putusan("tetap", "Sudah tepat."))
    with pytest.raises(DomainError, match="sudah diputus"):
        keberatan_services.putuskan(world.users["kabid"], keberatan, keberatan_services.Putusan("tetap", "lagi"))


# --- pages ---------------------------------------------------------------------------------------

def test_pegawai_files_from_the_page_and_sees_why_not_again(client, login_as, world,
                                                            evaluasi_approved):
    db.session.commit()
    login_as("pegawai")
    url = f"/kinerja/keberatan/evaluasi/{evaluasi_approved.id}"
    listing = client.get("/kinerja/keberatan").get_data(as_text=True)
    assert url in listing  # still open to a keberatan
    short = client.post_form(url + "/ajukan", {"alasan": "tidak adil"})
    assert short.status_code == 422
    assert "paling sedikit 20 karakter" in short.get_data(as_text=True)
    assert "tidak adil" in short.get_data(as_text=True)
    assert client.post_form(url + "/ajukan", {"alasan": ALASAN}).status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert ALASAN in page and "Menunggu keputusan" in page and "Sri Wahyuni" in page
    document = client.get(f"/kinerja/evaluasi/{evaluasi_approved.id}/dokumen").get_data(
        as_text=True)
    assert "menunggu putusan atasan pejabat penilai" in document
    again = client.post_form(url + "/ajukan", {"alasan": ALASAN})
    assert again.status_code == 422
    assert "hanya dapat diajukan sekali" in again.get_data(as_text=True)


def test_too_late_is_said_on_the_page(client, login_as, world, evaluasi_approved):
    evaluasi_approved.disetujui_at = utcnow() - timedelta(days=40)
    db.session.commit()
    login_as("pegawai")
    page = client.get(f"/kinerja/keberatan/evaluasi/{evaluasi_approved.id}").get_data(as_text=True)
    assert "Batas waktu keberatan sudah lewat" in page and "Kirim keberatan" not in page


def test_atasan_of_penilai_decides_from_the_page(client, login_as, world, evaluasi_approved):
    from tests.core.test_accessibility import _check

    _file(world, evaluasi_approved)
    db.session.commit()
    login_as("kabid")
    listing = client.get("/kinerja/keberatan").get_data(as_text=True)
    _check(listing)
    assert "Dewi Lestari" in listing
    url = f"/kinerja/keberatan/evaluasi/{evaluasi_approved.id}"
    page = client.get(url).get_data(as_text=True)
    _check(page)
    assert "Simpan putusan" in page
    missing = client.post_form(url + "/putus", {"putusan": "diubah", "rating_hasil": "di_atas"})
    assert missing.status_code == 422 and "Tuliskan alasan putusan." in missing.get_data(as_text=True)
    response = client.post_form(url + "/putus", {"putusan": "diubah", "rating_hasil": "di_atas",
                                                 "rating_perilaku": "",
                                                 "alasan_putusan": "Bukti realisasi kuat."})
    assert response.status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "Rating diubah" in page and "Bukti realisasi kuat." in page
    db.session.expire_all()
    stored = db.session.scalar(sa.select(Keberatan))
    assert stored.predikat_akhir == Predikat.BAIK  # di atas × sesuai = Baik
    client.post_form("/keluar")
    login_as("pegawai")
    page = client.get(url).get_data(as_text=True)
    assert "Bukti realisasi kuat." in page and "Simpan putusan" not in page
    document = client.get(f"/kinerja/evaluasi/{evaluasi_approved.id}/dokumen").get_data(
        as_text=True)
    assert "Rating diubah setelah keberatan: predikat Baik (semula Baik)" in document


def test_the_evaluation_page_shows_the_keberatan_and_the_way_to_file_it(client, login_as, world,
                                                                        evaluasi_approved):
    db.session.commit()
    login_as("pegawai")
    url = f"/kinerja/evaluasi/{evaluasi_approved.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Ajukan keberatan" in page
    _file(world, evaluasi_approved)
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "Keberatan atas predikat" in page and ALASAN in page
    assert "Keberatan diajukan" in page  # on the evaluation's trail
    assert "Ajukan keberatan" not in page
