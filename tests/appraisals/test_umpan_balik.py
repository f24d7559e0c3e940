"""Peer feedback: the pejabat penilai asks colleagues, they answer or decline from their inbox, the
pegawai sees an anonymous aggregate only from the third answer on, the penilai sees every answer."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.appraisals.evaluasi.models import Rating
from portal.appraisals.skp.models import NilaiBerakhlak
from portal.appraisals.umpan_balik import queries as umpan_balik_queries
from portal.appraisals.umpan_balik import services as umpan_balik_services
from portal.appraisals.umpan_balik.models import PermintaanUmpanBalik, StatusUmpanBalik
from portal.core.models import AuditEntry, DomainError
from portal.extensions import db
from portal.notifications.models import Notifikasi
from tests.appraisals.factories import approve

ALL_SESUAI = {n.value: "sesuai" for n in NilaiBerakhlak}


def _ask(world, ev, people):
    return umpan_balik_services.ask(world.users["atasan"], ev, [p.id for p in people])


def _answer(world, permintaan, name, ratings=None, komentar=""):
    umpan_balik_services.answer(world.users[name], permintaan, ratings or ALL_SESUAI, komentar)


def test_penilai_asks_colleagues_and_each_is_notified(world, evaluasi_submitted, colleagues):
    made = _ask(world, evaluasi_submitted, colleagues[:2])
    assert [p.status for p in made] == [StatusUmpanBalik.DIMINTA] * 2
    notes = db.session.scalars(sa.select(Notifikasi).where(
        Notifikasi.jenis == "umpan_balik_diminta")).all()
    assert {n.user_id for n in notes} == {world.users["rekan1"].id, world.users["rekan2"].id}
    assert notes[0].params["nama"] == "Dewi Lestari"
    assert notes[0].url.startswith("/kinerja/umpan-balik/")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).where(
        AuditEntry.object_type == "umpan_balik_rekan", AuditEntry.action == "diminta")) == 2


@pytest.mark.parametrize("who, message", [
    ("pegawai", "Hanya pejabat penilai"),
    ("atasan_lain", "Hanya pejabat penilai"),
    ("admin_opd", "Hanya pejabat penilai"),
])
def test_only_the_penilai_may_ask(world, evaluasi_submitted, colleagues, who, message):
    with pytest.raises(DomainError, match=message):
        umpan_balik_services.ask(world.users[who], evaluasi_submitted, [colleagues[0].id])


def test_refusals_when_asking(world, evaluasi_submitted, colleagues, app, monkeypatch):
    atasan, ev = world.users["atasan"], evaluasi_submitted
    with pytest.raises(DomainError, match="paling sedikit satu"):
        umpan_balik_services.ask(atasan, ev, [])
    with pytest.raises(DomainError, match="OPD yang sama"):
        umpan_balik_services.ask(atasan, ev, [world.pegawai["lain"].id])
    with pytest.raises(DomainError, match="dirinya sendiri"):
        umpan_balik_services.ask(atasan, ev, [world.pegawai["staf"].id])
    with pytest.raises(DomainError, match="menilai sendiri"):
        umpan_balik_services.ask(atasan, ev, [world.pegawai["kasi"].id])
    with pytest.raises(DomainError, match="belum memiliki akun"):
        umpan_balik_services.ask(atasan, ev, [world.pegawai["staf2"].id])
    umpan_balik_services.ask(atasan, ev, [colleagues[0].id])
    with pytest.raises(DomainError, match="sudah diminta"):
        umpan_balik_services.ask(atasan, ev, [colleagues[0].id])
    monkeypatch.setitem(app.config, "PORTAL_PEER_FEEDBACK_MAX_REQUESTS", 2)
    with pytest.raises(DomainError, match="Paling banyak 2"):
        umpan_balik_services.ask(atasan, ev, [colleagues[1].id, colleagues[2].id])


def test_no_request_once_the_evaluation_is_final(world, evaluasi_approved, colleagues):
    with pytest.raises(DomainError, match="sudah final"):
        _ask(world, evaluasi_approved, colleagues[:1])


def test_candidates_are_same_opd_colleagues_with_accounts(world, evaluasi_submitted, colleagues):
    found = umpan_balik_queries.candidates(evaluasi_submitted, "")
    names = {p.nama for p in found}
    assert {"Rina Kusuma", "Joko Susilo"} <= names
    assert "Dewi Lestari" not in names and "Ahmad Fauzi, S.Kom." not in names
    assert "Budi Santoso" not in names  # no account
    assert [p.nama for p in umpan_balik_queries.candidates(evaluasi_submitted, "rina")] == ["Rina Kusuma"]
    assert [p.nama for p in umpan_balik_queries.candidates(evaluasi_submitted, "Nina")] == ["Nina Marlina"]
    assert umpan_balik_queries.candidates(evaluasi_submitted, "Rahmat") == []  # another OPD
    assert umpan_balik_queries.candidates(evaluasi_submitted, "%") == []  # a wildcard is a plain character
    nip = colleagues[1].nip
    assert [p.nama for p in umpan_balik_queries.candidates(evaluasi_submitted, nip)] == ["Joko Susilo"]
    _ask(world, evaluasi_submitted, colleagues[:1])
    assert "Rina Kusuma" not in {p.nama for p in umpan_balik_queries.candidates(evaluasi_submitted, "")}


def test_answer_needs_every_value_and_only_the_colleague(world, evaluasi_submitted, colleagues):
    (permintaan,) = _ask(world, evaluasi_submitted, colleagues[:1])
    with pytest.raises(DomainError, match="ditujukan kepada orang lain"):
        _answer(world, permintaan, "rekan2")
    partial = dict(ALL_SESUAI, loyal="")
    with pytest.raises(DomainError, match="Loyal") as info:
        _answer(world, permintaan, "rekan1", partial)
    assert info.value.field == "nilai_loyal"
    _answer(world, permintaan, "rekan1", dict(ALL_SESUAI, kompeten="di_atas"), "Sigap.")
    assert permintaan.status == StatusUmpanBalik.DIJAWAB
    assert permintaan.rating_for(NilaiBerakhlak.KOMPETEN) == Rating.DI_ATAS
    with pytest.raises(DomainError, match="tidak dapat diubah lagi"):
        _answer(world, permintaan, "rekan1")
    with pytest.raises(DomainError, match="tidak dapat diubah lagi"):
        umpan_balik_services.decline(world.users["rekan1"], permintaan, "")


def test_decline_with_reason(world, evaluasi_submitted, colleagues):
    (permintaan,) = _ask(world, evaluasi_submitted, colleagues[:1])
    umpan_balik_services.decline(world.users["rekan1"], permintaan, "Jarang bekerja bersama.")
    assert permintaan.status == StatusUmpanBalik.DITOLAK
    assert permintaan.alasan_tolak == "Jarang bekerja bersama."


def test_no_answer_after_the_evaluation_is_final(world, evaluasi_submitted, colleagues):
    (permintaan,) = _ask(world, evaluasi_submitted, colleagues[:1])
    approve(world, evaluasi_submitted)
    with pytest.raises(DomainError, match="sudah final"):
        _answer(world, permintaan, "rekan1")


def test_aggregate_hidden_until_the_minimum_then_counts_without_names(
        world, evaluasi_submitted, colleagues):
    requests = _ask(world, evaluasi_submitted, colleagues)
    _answer(world, requests[0], "rekan1", dict(ALL_SESUAI, adaptif="di_atas"), "Zaman cepat beradaptasi.")
    _answer(world, requests[1], "rekan2", dict(ALL_SESUAI, adaptif="di_bawah"), "Aktif membantu.")
    umpan_balik_services.decline(world.users["rekan4"], requests[3], "")
    summary = umpan_balik_queries.ringkasan(evaluasi_submitted)
    assert (summary.diminta, summary.dijawab, summary.cukup) == (4, 2, False)
    assert summary.komentar == [] and summary.counts[NilaiBerakhlak.ADAPTIF][Rating.DI_ATAS] == 0
    _answer(world, requests[2], "rekan3", dict(ALL_SESUAI, adaptif="di_atas"))
    summary = umpan_balik_queries.ringkasan(evaluasi_submitted)
    assert summary.cukup
    assert summary.counts[NilaiBerakhlak.ADAPTIF] == {Rating.DI_ATAS: 2, Rating.SESUAI: 0,
                                                       Rating.DI_BAWAH: 1}
    assert summary.counts[NilaiBerakhlak.LOYAL][Rating.SESUAI] == 3
    # sorted, not in the order of answering, so the order does not tell who wrote what
    assert summary.komentar == ["Aktif membantu.", "Zaman cepat beradaptasi."]


def test_minimum_is_a_setting(world, evaluasi_submitted, colleagues, app, monkeypatch):
    monkeypatch.setitem(app.config, "PORTAL_PEER_FEEDBACK_MIN_ANSWERS", 1)
    (permintaan,) = _ask(world, evaluasi_submitted, colleagues[:1])
    _answer(world, permintaan, "rekan1")
    assert umpan_balik_queries.ringkasan(evaluasi_submitted).cukup


# --- through the browser's forms -----------------------------------------------------------------

def test_penilai_searches_asks_and_sees_answers_with_names(client, login_as, world,
                                                           evaluasi_submitted, colleagues):
    ev = evaluasi_submitted
    login_as("atasan")
    url = f"/kinerja/umpan-balik/evaluasi/{ev.id}"
    page = client.get(url + "?q=Joko").get_data(as_text=True)
    assert "Joko Susilo" in page and "Rina Kusuma" not in page
    fragment = client.get(url + "?q=Rina", headers={"HX-Request": "true",
                                                   "HX-Target": "hasil-cari-rekan"})
    body = fragment.get_data(as_text=True)
    assert "Rina Kusuma" in body and "<html" not in body
    response = client.post_form(url + "/minta", {"rekan": [str(colleagues[0].id),
                                                           str(colleagues[1].id)]})
    assert response.status_code == 303
    refused = client.post_form(url + "/minta", {"rekan": [str(world.pegawai["lain"].id)]})
    assert refused.status_code == 422
    assert "OPD yang sama" in refused.get_data(as_text=True)
    page = client.get(url).get_data(as_text=True)
    assert "Rina Kusuma" in page and "Menunggu jawaban" in page


def test_colleague_answers_from_the_inbox(client, login_as, world, evaluasi_submitted, colleagues):
    (permintaan,) = _ask(world, evaluasi_submitted, colleagues[:1])
    db.session.commit()
    login_as("rekan1")
    inbox = client.get("/kinerja/umpan-balik/masuk").get_data(as_text=True)
    assert "Dewi Lestari" in inbox and "1 permintaan menunggu" in inbox
    url = f"/kinerja/umpan-balik/{permintaan.id}"
    incomplete = client.post_form(url, {"nilai_akuntabel": "sesuai", "komentar": "Teliti."})
    assert incomplete.status_code == 422
    text = incomplete.get_data(as_text=True)
    assert "Pilih salah satu penilaian." in text and "Teliti." in text  # input kept
    data = {f"nilai_{n.value}": "di_atas" for n in NilaiBerakhlak}
    assert client.post_form(url, dict(data, komentar="Teliti.")).status_code == 303
    db.session.expire_all()
    stored = db.session.get(PermintaanUmpanBalik, permintaan.id)
    assert stored.status == StatusUmpanBalik.DIJAWAB and stored.komentar == "Teliti."


def test_colleague_declines(client, login_as, world, evaluasi_submitted, colleagues):
    (permintaan,) = _ask(world, evaluasi_submitted, colleagues[:1])
    db.session.commit()
    login_as("rekan1")
    response = client.post_form(f"/kinerja/umpan-balik/{permintaan.id}/tolak",
                                {"alasan": "Beda unit kerja."})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(PermintaanUmpanBalik, permintaan.id).status == StatusUmpanBalik.DITOLAK


def test_pegawai_sees_only_the_anonymous_aggregate(client, login_as, world, evaluasi_submitted,
                                                    colleagues):
    requests = _ask(world, evaluasi_submitted, colleagues[:3])
    for i, permintaan in enumerate(requests[:2], start=1):
        _answer(world, permintaan, f"rekan{i}", komentar=f"Catatan rekan {i}.")
    db.session.commit()
    login_as("pegawai")
    url = f"/kinerja/umpan-balik/evaluasi/{evaluasi_submitted.id}"
    page = client.get(url).get_data(as_text=True)
    assert "2 dari 3 rekan sudah menjawab" in page
    assert "Catatan rekan 1." not in page
    _answer(world, requests[2], "rekan3", komentar="Catatan rekan 3.")
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "Catatan rekan 1." in page and "Catatan rekan 3." in page
    for nama in ("Rina Kusuma", "Joko Susilo", "Sari Wulandari"):
        assert nama not in page
    assert "Kirim permintaan" not in page


def test_accessible_pages(client, login_as, world, evaluasi_submitted, colleagues):
    from tests.core.test_accessibility import _check

    (permintaan,) = _ask(world, evaluasi_submitted, colleagues[:1])
    db.session.commit()
    login_as("atasan")
    _check(client.get(f"/kinerja/umpan-balik/evaluasi/{evaluasi_submitted.id}").get_data(
        as_text=True))
    client.post_form("/keluar")
    login_as("rekan1")
    _check(client.get(f"/kinerja/umpan-balik/{permintaan.id}").get_data(as_text=True))
    _check(client.get("/kinerja/umpan-balik/masuk").get_data(as_text=True))



def test_penilai_sees_answers_beside_the_review_and_pegawai_the_aggregate_on_the_evaluation(
        client, login_as, world, evaluasi_submitted, colleagues):
    requests = _ask(world, evaluasi_submitted, colleagues[:3])
    for i, permintaan in enumerate(requests, start=1):
        _answer(world, permintaan, f"rekan{i}", komentar=f"Catatan rekan {i}.")
    db.session.commit()
    login_as("atasan")
    review = client.get(f"/kinerja/penilaian/evaluasi/{evaluasi_submitted.id}").get_data(
        as_text=True)
    assert "Jawaban rekan kerja" in review and "Rina Kusuma" in review
    assert "Catatan rekan 2." in review
    client.post_form("/keluar")
    login_as("pegawai")
    page = client.get(f"/kinerja/evaluasi/{evaluasi_submitted.id}").get_data(as_text=True)
    assert "Ringkasan dari 3 rekan kerja" in page and "Catatan rekan 2." in page
    assert "Rina Kusuma" not in page
