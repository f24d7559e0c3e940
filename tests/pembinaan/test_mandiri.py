"""Self-reported learning from the URLs: the pegawai reports it with a certificate, the admin OPD
verifies (its JP count from then on) or rejects with a reason; bad input comes back filled in."""

from __future__ import annotations

import io

import sqlalchemy as sa

from portal.extensions import db
from portal.org.models import StatusAsn
from portal.pembinaan.kompetensi.models import PembelajaranMandiri, StatusMandiri
from tests.pembinaan.factories import PDF, make_mandiri

FORM = {"judul": "Pelayanan Publik Berorientasi Pelanggan", "bentuk": "e_learning",
        "penyelenggara": "LAN RI (ASN Unggul)", "kompetensi": "teknis",
        "tanggal_mulai": "2026-02-02", "tanggal_selesai": "2026-02-09", "jp": "12",
        "nomor_sertifikat": "LAN-2026-00123"}


def _post(client, pegawai, data, file=(PDF, "sertifikat.pdf")):
    body = dict(data)
    if file:
        body["sertifikat"] = (io.BytesIO(file[0]), file[1])
    return client.post_form(f"/pembinaan/kompetensi/pegawai/{pegawai.id}/mandiri", body,
                            content_type="multipart/form-data")


def _items(pegawai) -> list[PembelajaranMandiri]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(PembelajaranMandiri).where(
        PembelajaranMandiri.pegawai_id == pegawai.id)))


def test_reported_verified_counted(client, sign_in, world):
    dewi = world.pegawai["staf"]
    sign_in("pegawai")
    assert _post(client, dewi, FORM).status_code == 303
    (item,) = _items(dewi)
    assert (item.status, item.jp_tertulis, item.jp_diakui) == (StatusMandiri.DIAJUKAN, 12, None)
    page = client.get("/pembinaan/kompetensi").get_data(as_text=True)
    assert "Menunggu verifikasi admin OPD" in page and "0 dari 20 JP" in page

    sign_in("admin_opd")
    queue = client.get("/pembinaan/kelola/verifikasi").get_data(as_text=True)
    assert "Pelayanan Publik Berorientasi Pelanggan" in queue and "LAN-2026-00123" in queue
    too_many = client.post_form(f"/pembinaan/mandiri/{item.id}/verifikasi", {"jp_diakui": "13"})
    assert too_many.status_code == 422 and "antara 1 dan 12" in too_many.get_data(as_text=True)
    assert client.post_form(f"/pembinaan/mandiri/{item.id}/verifikasi",
                            {"jp_diakui": "10"}).status_code == 303
    (item,) = _items(dewi)
    assert (item.status, item.jp_diakui, item.tahun) == (StatusMandiri.DIVERIFIKASI, 10, 2026)
    again = client.post_form(f"/pembinaan/mandiri/{item.id}/tolak", {"alasan": "Salah."})
    assert again.status_code == 422 and _items(dewi)[0].status == StatusMandiri.DIVERIFIKASI

    sign_in("pegawai")
    page = client.get("/pembinaan/kompetensi").get_data(as_text=True)
    assert "10 dari 20 JP" in page and "kurang 10 JP" in page


def test_hours_are_converted_and_nonklasikal_capped(client, sign_in, world, app, monkeypatch):
    monkeypatch.setitem(app.config, "PORTAL_PEMBINAAN_JP_NONKLASIKAL", {"e_learning": 8})
    dewi = world.pegawai["staf"]
    sign_in("pegawai")
    data = {**FORM, "jp": "", "jam": "9"}  # 540 minutes: 12 JP of 45 minutes
    assert _post(client, dewi, data).status_code == 303
    (item,) = _items(dewi)
    assert (item.jp_tertulis, item.menit) == (12, 540)
    sign_in("admin_opd")
    client.post_form(f"/pembinaan/mandiri/{item.id}/verifikasi", {})
    assert _items(dewi)[0].jp_diakui == 8


def test_bad_reports_come_back_filled_with_the_reason(client, sign_in, world):
    dewi = world.pegawai["staf"]
    sign_in("pegawai")
    cases = [({**FORM, "tanggal_selesai": "2026-01-01"}, (PDF, "s.pdf"),
              "Tanggal selesai tidak boleh sebelum tanggal mulai."),
             (FORM, None, "Unggah sertifikat atau bukti selesainya"),
             (FORM, (b"GIF89a....", "foto.pdf"), "bukan PDF, JPEG, atau PNG"),
             ({**FORM, "tanggal_selesai": "2026-03-01"}, (PDF, "s.pdf"),
              "tidak boleh setelah hari ini"),
             ({**FORM, "jp": ""}, (PDF, "s.pdf"), "Isi JP yang tertulis di sertifikat"),
             ({**FORM, "judul": ""}, (PDF, "s.pdf"), "Tuliskan nama pembelajaran"),
             ({**FORM, "jp": "dua belas"}, (PDF, "s.pdf"), "Isi dengan angka bulat")]
    for data, file, message in cases:
        response = _post(client, dewi, data, file)
        page = response.get_data(as_text=True)
        assert response.status_code == 422, message
        assert message in page, message
        assert "LAN RI (ASN Unggul)" in page  # what was typed stays
    assert _items(dewi) == []


def test_rejection_needs_a_reason_the_pegawai_then_sees(client, sign_in, world, on_day):
    dewi = world.pegawai["staf"]
    item = make_mandiri(dewi)
    db.session.commit()
    sign_in("admin_opd")
    empty = client.post_form(f"/pembinaan/mandiri/{item.id}/tolak", {"alasan": ""})
    assert empty.status_code == 422 and "Tuliskan alasan penolakan." in empty.get_data(as_text=True)
    client.post_form(f"/pembinaan/mandiri/{item.id}/tolak",
                     {"alasan": "Nama pada sertifikat bukan nama Anda."})
    assert _items(dewi)[0].status == StatusMandiri.DITOLAK
    sign_in("pegawai")
    page = client.get("/pembinaan/kompetensi").get_data(as_text=True)
    assert "Nama pada sertifikat bukan nama Anda." in page and "0 dari 20 JP" in page


def test_the_pegawai_may_withdraw_only_while_it_waits(client, sign_in, world):
    dewi = world.pegawai["staf"]
    waiting, verified = make_mandiri(dewi), make_mandiri(dewi, StatusMandiri.DIVERIFIKASI)
    db.session.commit()
    sign_in("pegawai")
    assert client.post_form(f"/pembinaan/mandiri/{waiting.id}/batalkan").status_code == 303
    assert client.post_form(f"/pembinaan/mandiri/{verified.id}/batalkan").status_code == 422
    assert {i.id: i.status for i in _items(dewi)} == {
        waiting.id: StatusMandiri.DIBATALKAN, verified.id: StatusMandiri.DIVERIFIKASI}


def test_the_admin_of_another_opd_verifies_nothing(client, sign_in, world):
    item = make_mandiri(world.pegawai["staf"])
    db.session.commit()
    sign_in("admin_opd_lain")
    assert client.post_form(f"/pembinaan/mandiri/{item.id}/verifikasi").status_code == 403
    assert "E-learning" not in client.get("/pembinaan/kelola/verifikasi").get_data(as_text=True)
    assert _items(world.pegawai["staf"])[0].status == StatusMandiri.DIAJUKAN


def test_a_pppk_year_is_capped(client, sign_in, world, app):
    budi = world.pegawai["staf2"]
    assert budi.status_asn == StatusAsn.PPPK
    make_mandiri(budi, StatusMandiri.DIVERIFIKASI, jp=20)
    make_mandiri(budi, StatusMandiri.DIVERIFIKASI, jp=10)
    db.session.commit()
    sign_in("atasan")
    page = client.get(f"/pembinaan/kompetensi/pegawai/{budi.id}").get_data(as_text=True)
    assert "24 dari 20 JP" in page and "6 JP lain sudah diverifikasi" in page
