"""Participation in a catalogue activity, from the URLs: proposed by the pegawai or the atasan,
approved or refused by the atasan, attendance and certificate by the admin OPD; every illegal
move refused with the reason on the page, and only a completed one counts its JP."""

from __future__ import annotations

import io
from datetime import date

import sqlalchemy as sa

from portal.core.models import AuditEntry
from portal.extensions import db
from portal.pembinaan.kompetensi.models import PesertaKegiatan, StatusPeserta
from tests.pembinaan.factories import PDF, make_kegiatan, make_peserta


def _peserta(kegiatan) -> PesertaKegiatan:
    db.session.expire_all()
    return db.session.scalars(sa.select(PesertaKegiatan).where(
        PesertaKegiatan.kegiatan_id == kegiatan.id)).one()


def _trail(peserta) -> list[tuple[str, str | None, str | None]]:
    return [(e.action, e.from_state, e.to_state) for e in db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.object_type == "peserta_kegiatan",
                                    AuditEntry.object_id == peserta.id).order_by(AuditEntry.id))]


def test_the_whole_way_from_proposal_to_jp(client, sign_in, world, pelatihan, on_day):
    dewi = world.pegawai["staf"]
    sign_in("pegawai")
    page = client.get("/pembinaan/kompetensi").get_data(as_text=True)
    assert "0 dari 20 JP" in page and "Pelatihan Pelayanan Prima Adminduk" in page
    response = client.post_form(f"/pembinaan/kompetensi/pegawai/{dewi.id}/usul",
                                {"kegiatan_id": pelatihan.id, "alasan": "Antrean loket panjang."})
    assert response.status_code == 303
    peserta = _peserta(pelatihan)
    assert peserta.status == StatusPeserta.DIUSULKAN
    page = client.get("/pembinaan/kompetensi").get_data(as_text=True)
    assert "Menunggu persetujuan atasan" in page

    sign_in("atasan")
    team = client.get("/pembinaan/kompetensi").get_data(as_text=True)
    assert "Bawahan langsung Anda" in team and "Dewi Lestari" in team and "1 usulan" in team
    assert client.post_form(f"/pembinaan/peserta/{peserta.id}/setujui").status_code == 303
    assert _peserta(pelatihan).status == StatusPeserta.DISETUJUI

    sign_in("admin_opd")
    on_day(date(2026, 3, 2))
    response = client.post_form(f"/pembinaan/peserta/{peserta.id}/kehadiran",
                                {"kehadiran": "hadir"})
    assert response.status_code == 303
    on_day(date(2026, 3, 6))
    response = client.post_form(f"/pembinaan/peserta/{peserta.id}/selesai", {
        "sertifikat": (io.BytesIO(PDF), "sertifikat-dewi.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 303
    peserta = _peserta(pelatihan)
    assert (peserta.status, peserta.jp_diakui, peserta.tahun) == (StatusPeserta.SELESAI, 24, 2026)
    assert peserta.sertifikat_nama == "sertifikat-dewi.pdf"
    assert _trail(peserta) == [("diusulkan", None, "diusulkan"),
                               ("disetujui", "diusulkan", "disetujui"),
                               ("kehadiran", "disetujui", "hadir"), ("selesai", "hadir", "selesai")]

    sign_in("pegawai")
    page = client.get("/pembinaan/kompetensi").get_data(as_text=True)
    assert "24 dari 20 JP" in page and "target tahun 2026 tercapai" in page
    assert '<progress max="20" value="20"' in page
    download = client.get(f"/pembinaan/peserta/{peserta.id}/sertifikat")
    assert download.status_code == 200 and download.data == PDF


def test_the_atasan_proposal_is_approved_at_once(client, sign_in, world, pelatihan):
    sign_in("atasan")
    response = client.post_form(f"/pembinaan/kompetensi/pegawai/{world.pegawai['staf'].id}/usul",
                                {"kegiatan_id": pelatihan.id})
    assert response.status_code == 303
    peserta = _peserta(pelatihan)
    assert peserta.status == StatusPeserta.DISETUJUI
    assert [a for a, _f, _t in _trail(peserta)] == ["diusulkan", "disetujui"]


def test_refusal_needs_a_reason_and_is_shown_to_the_pegawai(client, sign_in, world, pelatihan,
                                                            on_day):
    peserta = make_peserta(pelatihan, world.pegawai["staf"])
    db.session.commit()
    sign_in("atasan")
    response = client.post_form(f"/pembinaan/peserta/{peserta.id}/tolak", {"alasan": " "})
    assert response.status_code == 422
    assert "Tuliskan alasan penolakan." in response.get_data(as_text=True)
    assert _peserta(pelatihan).status == StatusPeserta.DIUSULKAN
    response = client.post_form(f"/pembinaan/peserta/{peserta.id}/tolak",
                                {"alasan": "Bersamaan dengan layanan jemput bola."})
    assert response.status_code == 303
    assert _peserta(pelatihan).status == StatusPeserta.DITOLAK
    sign_in("pegawai")
    on_day(date(2026, 3, 10))
    page = client.get("/pembinaan/kompetensi").get_data(as_text=True)
    assert "Ditolak atasan" in page and "Bersamaan dengan layanan jemput bola." in page


def test_illegal_moves_are_refused_from_every_url(client, sign_in, world, pelatihan, on_day):
    peserta = make_peserta(pelatihan, world.pegawai["staf"], StatusPeserta.DISETUJUI)
    db.session.commit()
    sign_in("atasan")
    again = client.post_form(f"/pembinaan/peserta/{peserta.id}/setujui")
    assert again.status_code == 422 and "status peserta sekarang" in again.get_data(as_text=True)
    sign_in("admin_opd")
    early = client.post_form(f"/pembinaan/peserta/{peserta.id}/kehadiran",
                             {"kehadiran": "hadir"})
    assert early.status_code == 422
    assert "Kehadiran baru dapat dicatat sejak kegiatan dimulai" in early.get_data(as_text=True)
    on_day(date(2026, 3, 6))
    not_attended = client.post_form(f"/pembinaan/peserta/{peserta.id}/selesai",
                                    {"nomor_sertifikat": "800/1"})
    assert not_attended.status_code == 422
    assert _peserta(pelatihan).status == StatusPeserta.DISETUJUI

    client.post_form(f"/pembinaan/peserta/{peserta.id}/kehadiran", {"kehadiran": "hadir"})
    no_certificate = client.post_form(f"/pembinaan/peserta/{peserta.id}/selesai", {})
    assert no_certificate.status_code == 422
    assert "Unggah berkas sertifikat atau isi nomor sertifikatnya." in (
        no_certificate.get_data(as_text=True))
    fake = client.post_form(f"/pembinaan/peserta/{peserta.id}/selesai", {
        "sertifikat": (io.BytesIO(b"MZ not a pdf"), "sertifikat.pdf")},
        content_type="multipart/form-data")
    assert fake.status_code == 422 and "bukan PDF, JPEG, atau PNG" in fake.get_data(as_text=True)
    assert _peserta(pelatihan).jp_diakui is None

    sign_in("pegawai")
    late = client.post_form(f"/pembinaan/peserta/{peserta.id}/batalkan")
    assert late.status_code == 422 and _peserta(pelatihan).status == StatusPeserta.HADIR


def test_proposals_the_catalogue_does_not_allow(client, sign_in, world, pelatihan, on_day):
    dewi = world.pegawai["staf"]
    url = f"/pembinaan/kompetensi/pegawai/{dewi.id}/usul"
    other_opd = make_kegiatan(world.opd_lain, judul="Bimtek OSS RBA")
    closed = make_kegiatan(world.opd, judul="Pelatihan yang ditutup", aktif=False)
    db.session.commit()
    sign_in("pegawai")
    for kegiatan, message in ((other_opd, "tidak dibuka untuk OPD"), (closed, "sudah ditutup")):
        response = client.post_form(url, {"kegiatan_id": kegiatan.id, "alasan": "Perlu."})
        assert response.status_code == 422 and message in response.get_data(as_text=True)
        assert "Perlu." in response.get_data(as_text=True)  # the form keeps what was typed
    assert client.post_form(url, {"kegiatan_id": pelatihan.id}).status_code == 303
    twice = client.post_form(url, {"kegiatan_id": pelatihan.id})
    assert twice.status_code == 422 and "sudah terdaftar" in twice.get_data(as_text=True)
    on_day(date(2026, 3, 6))
    ended = client.post_form(url, {"kegiatan_id": make_kegiatan(world.opd).id})
    assert ended.status_code == 422 and "sudah berakhir" in ended.get_data(as_text=True)


def test_another_supervisor_may_neither_see_nor_decide(client, sign_in, team, pelatihan):
    peserta = make_peserta(pelatihan, team.pegawai["staf"])
    db.session.commit()
    sign_in("atasan_lain")
    assert client.get(f"/pembinaan/kompetensi/pegawai/{team.pegawai['staf'].id}").status_code == 403
    assert client.post_form(f"/pembinaan/peserta/{peserta.id}/setujui").status_code == 403
    page = client.get("/pembinaan/kompetensi").get_data(as_text=True)
    assert "Nina Marlina" in page and "Dewi Lestari" not in page
    assert _peserta(pelatihan).status == StatusPeserta.DIUSULKAN


def test_a_pegawai_without_atasan_is_decided_by_the_admin_opd(client, sign_in, world,
                                                              pelatihan):
    kepala = world.pegawai["kepala"]
    peserta = make_peserta(pelatihan, kepala)
    db.session.commit()
    sign_in("admin_opd")
    assert client.post_form(f"/pembinaan/peserta/{peserta.id}/setujui").status_code == 303
    assert _peserta(pelatihan).status == StatusPeserta.DISETUJUI
