"""The public survey: no login, the service list follows the OPD (htmx and without JS), one
answer per device per service per day, a per-address limit, errors next to the fields."""

import sqlalchemy as sa

from portal.scorecards.models import JawabanSkm


def _answers(world, layanan=None, **extra):
    data = {"opd_id": world.opd.id, "layanan_id": (layanan or world.layanan).id,
            **{f"u{i}": "3" for i in range(1, 10)}}
    data.update(extra)
    return data


def _count(db):
    return db.session.scalar(sa.select(sa.func.count(JawabanSkm.id)))


def test_survey_page_works_without_login(client, world):
    html = client.get("/survei").get_data(as_text=True)
    assert "Bagaimana kesopanan dan keramahan petugas?" in html
    assert "Sangat sopan dan ramah" in html
    assert world.opd.nama in html


def test_service_list_follows_the_opd(client, world):
    fragment = client.get(f"/survei/layanan?opd_id={world.opd.id}").get_data(as_text=True)
    assert fragment.lstrip().startswith('<div id="pilih-layanan">')
    assert "Penerbitan KTP-el" in fragment and "<html" not in fragment
    # without JavaScript the form's button reloads the list, keeping what was chosen
    page = client.post_form("/survei", {"opd_id": world.opd.id, "muat_layanan": "1",
                                        "u1": "4"}).get_data(as_text=True)
    assert f'<option value="{world.layanan.id}">Penerbitan KTP-el' in page
    assert '<input checked id="u1-3" name="u1" required type="radio" value="4">' in page
    # a link from a scorecard preselects the OPD and its service
    page = client.get(f"/survei?layanan={world.layanan.id}").get_data(as_text=True)
    assert f'<option selected value="{world.layanan.id}">Penerbitan KTP-el' in page
    assert f'<option selected value="{world.opd.id}">' in page


def test_answer_is_stored_without_identity_and_once_per_day(client, db, world, layanan2):
    response = client.post_form("/survei", _answers(world, usia="30-39", jenis_kelamin="P",
                                                    saran="Antrean terlalu panjang."))
    assert response.status_code == 303
    assert "terima-kasih" in response.headers["Location"]
    jawaban = db.session.scalar(sa.select(JawabanSkm))
    assert jawaban.skor == (3,) * 9 and jawaban.opd_id == world.opd.id
    assert (jawaban.usia, jawaban.jenis_kelamin, jawaban.pendidikan) == ("30-39", "P", None)
    # the same device, the same service, the same day: refused, with a reason
    again = client.post_form("/survei", _answers(world))
    assert again.status_code == 200
    assert "sudah mengisi survei untuk layanan ini hari ini" in again.get_data(as_text=True)
    assert _count(db) == 1
    # another service is fine
    assert client.post_form("/survei", _answers(world, layanan2)).status_code == 303
    assert _count(db) == 2


def test_tampered_cookie_counts_for_nothing(client, db, world):
    client.set_cookie("skm_terisi", "bukan-tanda-tangan", domain="localhost")
    assert client.post_form("/survei", _answers(world)).status_code == 303


def test_missing_answers_come_back_with_messages_and_the_form_filled(client, db, world):
    data = _answers(world)
    del data["u7"]
    html = client.post_form("/survei", data).get_data(as_text=True)
    assert "Ada yang perlu diperbaiki" in html
    assert 'href="#u7"' in html and "Pilih salah satu jawaban." in html
    assert '<input checked id="u1-2" name="u1" required type="radio" value="3">' in html
    assert html.count(" checked ") == 8
    assert _count(db) == 0


def test_service_of_another_opd_is_refused(client, db, world):
    from portal.org.models import Layanan
    other = Layanan(opd=world.opd_lain, nama="Izin usaha", slug="izin", produk="NIB",
                    waktu_penyelesaian_hari=3)
    db.session.add(other)
    db.session.flush()
    html = client.post_form("/survei", _answers(world, other)).get_data(as_text=True)
    assert "Pilih layanan dari daftar instansi yang dipilih." in html
    assert _count(db) == 0


def test_rate_limit_per_address(app, client, db, world, layanan2):
    old = app.config["PORTAL_SURVEY_LIMIT"]
    app.config["PORTAL_SURVEY_LIMIT"] = "2 per hour"
    try:
        assert client.post_form("/survei", _answers(world)).status_code == 303
        assert client.post_form("/survei", _answers(world, layanan2)).status_code == 303
        client.delete_cookie("skm_terisi", domain="localhost")
        assert client.post_form("/survei", _answers(world)).status_code == 429
    finally:
        app.config["PORTAL_SURVEY_LIMIT"] = old
    assert _count(db) == 2


def test_suggestions_reach_the_opd_admin_only(client, db, world, login_as):
    client.post_form("/survei", _answers(world, saran="Tolong tambah kursi di ruang tunggu."))
    login_as("admin_opd")
    html = client.get(f"/kelola/opd/{world.opd.id}/saran").get_data(as_text=True)
    assert "Tolong tambah kursi di ruang tunggu." in html and "Penerbitan KTP-el" in html
    client.post_form("/keluar")
    login_as("admin_opd_lain")
    assert client.get(f"/kelola/opd/{world.opd.id}/saran").status_code == 403
