"""Rewards (penghargaan): a final evaluation rated Sangat Baik is a candidate; the admin OPD (or
the admin pemda) proposes, then approves with an SK or refuses with a reason. Every legal and
illegal move, from the model and from the URLs; who may see and change; the list and its CSV;
the pegawai's own page."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from portal.appraisals.evaluasi.models import StatusEvaluasi
from portal.core.models import AuditEntry, DomainError
from portal.extensions import db
from portal.pembinaan.penghargaan import services
from portal.pembinaan.penghargaan.models import Penghargaan, StatusPenghargaan
from tests.appraisals.factories import direct_evaluasi, make_set_skp, make_year, periode
from tests.pembinaan.factories import make_calon, make_penghargaan

SP = StatusPenghargaan
TODAY = date(2026, 2, 20)


@pytest.fixture()
def year(world):
    return make_year(world)


@pytest.fixture()
def calon(world, year):
    """Dewi's Triwulan I, final and rated Sangat Baik."""
    ev = make_calon(world.pegawai["staf"], year)
    db.session.commit()
    return ev


def _audit(item) -> list[tuple]:
    return [(a.action, a.from_state, a.to_state) for a in db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.object_type == "penghargaan",
                                    AuditEntry.object_id == item.id).order_by(AuditEntry.id))]


def _usul(world, ev, who="admin_opd", **kw):
    data = services.UsulanData(jenis=kw.get("jenis", "piagam"),
                               alasan=kw.get("alasan", "Target pelayanan terlampaui."),
                               jenis_lainnya=kw.get("jenis_lainnya"))
    return services.usulkan(world.users[who], ev, data)


# --- the model and the services ------------------------------------------------------------

def test_propose_then_approve(world, calon):
    item = _usul(world, calon)
    assert (item.status, item.tahun, item.opd_id) == (SP.DIUSULKAN, 2026, world.opd.id)
    services.setujui(world.users["admin_opd"], item, " 800/5/BKPSDM/2026 ", date(2026, 2, 18),
                     TODAY)
    assert (item.status, item.nomor_sk, item.tanggal_sk) == (SP.DISETUJUI, "800/5/BKPSDM/2026",
                                                             date(2026, 2, 18))
    assert _audit(item) == [("diusulkan", None, "diusulkan"),
                            ("disetujui", "diusulkan", "disetujui")]


def test_propose_then_refuse(world, calon):
    item = _usul(world, calon)
    services.tolak(world.users["admin_opd"], item, "Kuota tahun ini penuh.")
    assert (item.status, item.alasan_tolak) == (SP.DITOLAK, "Kuota tahun ini penuh.")
    assert _audit(item)[-1] == ("ditolak", "diusulkan", "ditolak")


@pytest.mark.parametrize("asal", [SP.DISETUJUI, SP.DITOLAK])
@pytest.mark.parametrize("ke", ["setujui", "tolak"])
def test_a_decided_reward_is_final(world, calon, asal, ke):
    item = make_penghargaan(calon, asal)
    with pytest.raises(DomainError, match="status penghargaan sekarang"):
        if ke == "setujui":
            services.setujui(world.users["admin_opd"], item, "1/2026", date(2026, 2, 1), TODAY)
        else:
            services.tolak(world.users["admin_opd"], item, "Alasan.")
    assert item.status == asal and _audit(item) == []


@pytest.mark.parametrize(("nomor", "tanggal", "field"), [
    ("", date(2026, 2, 1), "nomor_sk"), ("1/2026", None, "tanggal_sk"),
    ("1/2026", date(2026, 2, 21), "tanggal_sk")])
def test_approval_needs_the_sk(world, calon, nomor, tanggal, field):
    item = make_penghargaan(calon)
    with pytest.raises(DomainError) as error:
        item.setujui(nomor, tanggal, TODAY)
    assert error.value.field == field and item.status == SP.DIUSULKAN


def test_refusal_needs_a_reason(world, calon):
    item = make_penghargaan(calon)
    with pytest.raises(DomainError) as error:
        item.tolak("  ")
    assert error.value.field == "alasan_tolak" and item.status == SP.DIUSULKAN


@pytest.mark.parametrize(("hasil", "perilaku", "status"), [
    ("sesuai", "sesuai", StatusEvaluasi.DISETUJUI),       # Baik
    ("di_atas", "sesuai", StatusEvaluasi.DISETUJUI),      # Baik
    ("di_bawah", "di_bawah", StatusEvaluasi.DISETUJUI),   # Sangat Kurang
    ("di_atas", "di_atas", StatusEvaluasi.DIAJUKAN),      # not final
])
def test_only_a_final_sangat_baik_is_a_candidate(world, year, hasil, perilaku, status):
    skp = make_set_skp(world.pegawai["staf"], year)
    ev = direct_evaluasi(world.pegawai["staf"], periode(year), skp, status=status, hasil=hasil,
                         perilaku=perilaku)
    if status != StatusEvaluasi.DISETUJUI:
        ev.predikat = "sangat_baik"  # even a predikat set early does not make it final
    with pytest.raises(DomainError, match="predikat Sangat Baik"):
        _usul(world, ev)


def test_one_reward_per_evaluation(world, calon):
    _usul(world, calon)
    with pytest.raises(DomainError, match="sudah diusulkan"):
        _usul(world, calon)


def test_lainnya_names_the_kind(world, calon):
    with pytest.raises(DomainError) as error:
        _usul(world, calon, jenis="lainnya")
    assert error.value.field == "jenis_lainnya"
    item = _usul(world, calon, jenis="lainnya", jenis_lainnya="Studi banding ke Kota Surabaya")
    assert item.jenis_label == "Studi banding ke Kota Surabaya"


def test_who_may_change(world, calon):
    for who in ("admin_opd_lain", "admin_pemda_lain", "pegawai", "atasan"):
        with pytest.raises(DomainError, match="tidak mengelola"):
            _usul(world, calon, who=who)
    item = _usul(world, calon, who="admin_pemda")  # the admin of the OPD's pemda may
    with pytest.raises(DomainError, match="tidak mengelola"):
        services.tolak(world.users["admin_opd_lain"], item, "Bukan wewenang.")
    assert item.status == SP.DIUSULKAN


# --- from the URLs -------------------------------------------------------------------------

def _rows():
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Penghargaan)))


def test_admin_proposes_and_decides_from_the_pages(client, sign_in, world, calon):
    sign_in("admin_opd")
    page = client.get("/pembinaan/penghargaan?tahun=2026").get_data(as_text=True)
    assert "Calon penerima penghargaan" in page and "Dewi Lestari" in page
    url = f"/pembinaan/penghargaan/usul/{calon.id}"
    assert "Catat usulan" in client.get(url).get_data(as_text=True)
    empty = client.post_form(url, {"jenis": "piagam", "alasan": ""})
    assert empty.status_code == 422 and "Tuliskan alasan usulan." in empty.get_data(as_text=True)
    assert _rows() == []
    sent = client.post_form(url, {"jenis": "promosi", "alasan": "Inovasi antrean daring."})
    assert sent.status_code == 303
    (item,) = _rows()
    assert (item.status, item.jenis, item.alasan_usulan) == (SP.DIUSULKAN, "promosi",
                                                             "Inovasi antrean daring.")
    twice = client.post_form(url, {"jenis": "piagam", "alasan": "Lagi."})
    assert twice.status_code == 422 and "sudah diusulkan" in twice.get_data(as_text=True)

    no_date = client.post_form(f"/pembinaan/penghargaan/{item.id}/setujui",
                               {"nomor_sk": "800/5/2026", "tanggal_sk": ""})
    body = no_date.get_data(as_text=True)
    assert no_date.status_code == 422 and "Isi tanggal SK penghargaan." in body
    assert 'value="800/5/2026"' in body and _rows()[0].status == SP.DIUSULKAN
    assert client.post_form(f"/pembinaan/penghargaan/{item.id}/setujui",
                            {"nomor_sk": "800/5/2026", "tanggal_sk": "2026-02-19"}
                            ).status_code == 303
    assert _rows()[0].status == SP.DISETUJUI
    # a decided reward is final, whatever URL is tried
    late = client.post_form(f"/pembinaan/penghargaan/{item.id}/tolak", {"alasan_tolak": "Batal."})
    assert late.status_code == 422 and "status penghargaan sekarang" in late.get_data(as_text=True)
    assert _rows()[0].status == SP.DISETUJUI

    listing = client.get("/pembinaan/penghargaan?tahun=2026").get_data(as_text=True)
    assert "Disetujui (SK terbit)" in listing and "800/5/2026" in listing
    assert "Tidak ada calon pada tahun ini." in listing


def test_refuse_from_the_page(client, sign_in, world, calon):
    item = make_penghargaan(calon)
    db.session.commit()
    sign_in("admin_opd")
    empty = client.post_form(f"/pembinaan/penghargaan/{item.id}/tolak", {"alasan_tolak": ""})
    assert empty.status_code == 422 and "Tuliskan alasan penolakan." in empty.get_data(as_text=True)
    assert client.post_form(f"/pembinaan/penghargaan/{item.id}/tolak",
                            {"alasan_tolak": "Kuota penuh."}).status_code == 303
    assert (_rows()[0].status, _rows()[0].alasan_tolak) == (SP.DITOLAK, "Kuota penuh.")
    late = client.post_form(f"/pembinaan/penghargaan/{item.id}/setujui",
                            {"nomor_sk": "1/2026", "tanggal_sk": "2026-02-19"})
    assert late.status_code == 422 and _rows()[0].status == SP.DITOLAK


def test_not_a_candidate_shows_no_form(client, sign_in, world, year):
    skp = make_set_skp(world.pegawai["staf"], year)
    ev = direct_evaluasi(world.pegawai["staf"], periode(year), skp)  # Baik
    db.session.commit()
    sign_in("admin_opd")
    page = client.get(f"/pembinaan/penghargaan/usul/{ev.id}").get_data(as_text=True)
    assert "predikat Sangat Baik" in page and "Catat usulan" not in page
    refused = client.post_form(f"/pembinaan/penghargaan/usul/{ev.id}",
                               {"jenis": "piagam", "alasan": "Coba."})
    assert refused.status_code == 422 and _rows() == []


def test_csv_of_the_year(client, sign_in, world, calon):
    make_penghargaan(calon, SP.DISETUJUI)
    db.session.commit()
    sign_in("admin_opd")
    response = client.get(f"/pembinaan/penghargaan.csv?opd={world.opd.id}&tahun=2026")
    lines = response.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert response.mimetype == "text/csv"
    assert lines[0].startswith("Tahun,NIP,Nama,Jabatan,Periode evaluasi,Jenis penghargaan,Status")
    assert lines[1].startswith(f"2026,{world.pegawai['staf'].nip},Dewi Lestari,")
    assert "Piagam penghargaan,Disetujui (SK terbit),800/12/BKPSDM/2026,2026-04-20" in lines[1]
    assert len(lines) == 2
    other_year = client.get(f"/pembinaan/penghargaan.csv?opd={world.opd.id}&tahun=2025")
    assert len(other_year.get_data(as_text=True).splitlines()) == 1


def test_who_may_see(client, sign_in, world, calon):
    item = make_penghargaan(calon, SP.DISETUJUI)
    db.session.commit()
    sign_in("pegawai")
    assert client.get("/pembinaan/penghargaan").status_code == 403
    assert client.get(f"/pembinaan/penghargaan/{item.id}").status_code == 403
    mine = client.get("/pembinaan/kompetensi").get_data(as_text=True)
    assert "Piagam penghargaan" in mine and "800/12/BKPSDM/2026" in mine
    sign_in("admin_opd_lain")
    assert client.get(f"/pembinaan/penghargaan/{item.id}").status_code == 403
    assert client.get(f"/pembinaan/penghargaan?opd={world.opd.id}").status_code == 403
    assert client.post_form(f"/pembinaan/penghargaan/usul/{calon.id}",
                            {"jenis": "piagam", "alasan": "x"}).status_code == 403
    sign_in("admin_pemda")
    page = client.get(f"/pembinaan/penghargaan?opd={world.opd.id}&tahun=2026")
    assert page.status_code == 200 and "800/12/BKPSDM/2026" in page.get_data(as_text=True)
    sign_in("admin_pemda_lain")
    assert client.get(f"/pembinaan/penghargaan/{item.id}").status_code == 403


def test_colleague_does_not_see_anothers_reward(client, sign_in, team, calon):
    make_penghargaan(calon, SP.DISETUJUI)
    db.session.commit()
    sign_in("staf2")
    assert "800/12/BKPSDM/2026" not in client.get("/pembinaan/kompetensi").get_data(as_text=True)
