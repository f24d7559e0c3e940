"""Open311 GeoReport v2: the service list, filing with an API key, and the public read side,
which never shows a rahasia complaint, a reporter's identity or a tracking code in a list."""

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.complaints.models import (
    Identitas,
    KunciApi,
    StatusPengaduan,
)
from portal.complaints.open311 import keys, parsing
from portal.core.models import utcnow
from portal.org.models import Layanan
from tests.complaints.open311.conftest import ISI, URL, all_complaints, file_direct, post_as

# --- services ------------------------------------------------------------------------------------

def test_services_list_has_each_active_service_and_a_generic_one(client, db, world):
    db.session.add(Layanan(opd=world.opd, nama="Layanan lama", slug="lama", produk="-",
                           waktu_penyelesaian_hari=3, aktif=False))
    db.session.flush()
    response = client.get(f"{URL}/services.json")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=60"
    by_code = {s["service_code"]: s for s in response.get_json()}
    ktp = by_code["disdukcapil-bdl.ktp-el"]
    assert ktp["service_name"] == "Penerbitan KTP-el"
    assert ktp["group"] == "Dinas Kependudukan dan Pencatatan Sipil"
    assert "1 hari kerja, tanpa biaya" in ktp["description"]
    assert ktp["metadata"] is True and ktp["type"] == "realtime"
    assert ktp["jurisdiction_id"] == "kota-bandar-lampung"
    assert "disdukcapil-bdl.lama" not in by_code
    assert by_code["lainnya"]["group"] == "Umum"


def test_services_narrowed_to_one_pemda(client, world):
    codes = [s["service_code"] for s in client.get(
        f"{URL}/services.json?jurisdiction_id=kota-metro").get_json()]
    assert codes == ["lainnya"]
    response = client.get(f"{URL}/services.json?jurisdiction_id=tidak-ada")
    assert response.status_code == 400


def test_service_definition_lists_the_optional_attributes(client, world):
    response = client.get(f"{URL}/services/disdukcapil-bdl.ktp-el.json")
    assert response.status_code == 200
    body = response.get_json()
    assert body["service_code"] == "disdukcapil-bdl.ktp-el"
    attributes = {a["code"]: a for a in body["attributes"]}
    assert set(attributes) == {"jenis", "identitas", "idempotency_key"}
    for attribute in attributes.values():
        assert attribute["variable"] is True and attribute["required"] is False
        assert set(attribute) == {"variable", "code", "datatype", "required",
                                  "datatype_description", "order", "description", "values"}
    assert [v["key"] for v in attributes["jenis"]["values"]] == [
        "pengaduan", "aspirasi", "permintaan_informasi"]
    assert [v["key"] for v in attributes["identitas"]["values"]] == [
        "biasa", "rahasia", "anonim"]
    assert client.get(f"{URL}/services/lainnya.json").status_code == 200
    missing = client.get(f"{URL}/services/disdukcapil-bdl.tidak-ada.json")
    assert missing.status_code == 404
    assert missing.get_json()[0]["code"] == 404


@pytest.mark.parametrize("url", ["/services.csv", "/services/lainnya.yaml", "/services/lainnya",
                                 "/requests.html", "/requests/1.txt"])
def test_only_json_and_xml_are_served(client, world, url):
    response = client.get(URL + url)
    assert response.status_code == 400
    assert response.is_json
    assert "JSON dan XML" in response.get_json()[0]["description"]


# --- filing --------------------------------------------------------------------------------------

def test_post_with_a_good_key_files_a_complaint(client, db, world, api_key):
    response = post_as(client, api_key, first_name="Rina", last_name="Wati",
                     email="rina@example.org", address_string="Loket 3")
    assert response.status_code == 201, response.get_data(as_text=True)
    (answer,) = response.get_json()
    (complaint,) = all_complaints(db)
    assert answer["service_request_id"] == complaint.kode_lacak
    assert "kode lacak" in answer["service_notice"]
    assert complaint.saluran == "Aplikasi Lapor Warga"
    assert complaint.judul == "KTP-el saya belum jadi."
    assert (complaint.opd_id, complaint.layanan_id) == (world.opd.id, world.layanan.id)
    assert complaint.identitas == Identitas.BIASA
    assert (complaint.pelapor_nama, complaint.pelapor_email) == ("Rina Wati", "rina@example.org")
    assert complaint.lokasi == "Loket 3"
    assert complaint.status == StatusPengaduan.DITERIMA


def test_post_needs_no_csrf_token_while_the_web_form_does(client, db, world, api_key):
    assert client.post("/pengaduan/baru", data={"isi": ISI}).status_code == 400  # CSRF on
    assert post_as(client, api_key).status_code == 201  # no csrf_token sent


@pytest.mark.parametrize("key", [None, "", "kunci-yang-salah"])
def test_post_without_a_valid_key_is_refused(client, db, world, api_key, key):
    response = post_as(client, key)
    assert response.status_code == 403
    assert response.get_json()[0]["code"] == 403
    assert all_complaints(db) == []


def test_a_revoked_key_is_refused(client, db, world, api_key):
    keys.revoke_api_key("Aplikasi Lapor Warga")
    assert post_as(client, api_key).status_code == 403
    assert all_complaints(db) == []


@pytest.mark.parametrize(("fields", "message"), [
    ({"description": None}, "Kolom description wajib diisi."),
    ({"description": "Terlalu pendek."}, "Kolom description harus 30 sampai 4000 karakter."),
    ({"service_code": "disdukcapil-bdl.tidak-ada"}, "tidak dikenal"),
    ({"attribute[jenis]": "keluhan"}, "pilih salah satu dari: pengaduan, aspirasi"),
    ({"email": "bukan-email"}, "Alamat email tidak sah."),
    ({"email": "rina@example.org"}, "Tuliskan nama Anda"),  # biasa needs a name
])
def test_invalid_requests_are_answered_400_with_a_message(client, db, world, api_key, fields,
                                                          message):
    response = post_as(client, api_key, **fields)
    assert response.status_code == 400
    (error,) = response.get_json()
    assert error["code"] == 400
    assert message in error["description"]
    assert all_complaints(db) == []


def test_same_idempotency_key_files_one_complaint(client, db, world, api_key):
    first = post_as(client, api_key, **{"attribute[idempotency_key]": "lw-42"})
    second = post_as(client, api_key, **{"attribute[idempotency_key]": "lw-42"})
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.get_json()[0]["service_request_id"] == second.get_json()[0]["service_request_id"]
    headers = {"Idempotency-Key": "lw-43"}
    data = {"api_key": api_key, "service_code": "lainnya", "description": ISI}
    assert client.post(f"{URL}/requests.json", data=data, headers=headers).status_code == 201
    assert client.post(f"{URL}/requests.json", data=data, headers=headers).status_code == 200
    assert len(all_complaints(db)) == 2


def test_idempotency_keys_of_two_partners_never_meet(client, db, world, api_key):
    _kunci, other = keys.create_api_key("Mitra Lain")
    db.session.flush()
    first = post_as(client, api_key, **{"attribute[idempotency_key]": "1"})
    second = post_as(client, other, **{"attribute[idempotency_key]": "1"})
    assert second.status_code == 201
    assert first.get_json()[0]["service_request_id"] != second.get_json()[0]["service_request_id"]


def test_anonymous_via_api_keeps_no_identity(client, db, world, api_key):
    response = post_as(client, api_key, first_name="Tidak", last_name="Disimpan",
                     phone="081234567890", email="x@example.org",
                     **{"attribute[identitas]": "anonim"})
    assert response.status_code == 201
    post_as(client, api_key)  # nothing about the reporter given: anonim by default
    complaints = all_complaints(db)
    assert [c.identitas for c in complaints] == [Identitas.ANONIM, Identitas.ANONIM]
    for complaint in complaints:
        assert (complaint.pelapor_nama, complaint.pelapor_telepon, complaint.pelapor_email) == (
            None, None, None)


def test_generic_service_goes_to_the_named_pemda(client, db, world, api_key):
    response = post_as(client, api_key, service_code="lainnya",
                     jurisdiction_id="kota-bandar-lampung")
    assert response.status_code == 201
    (complaint,) = all_complaints(db)
    assert (complaint.opd_id, complaint.layanan_id) == (None, None)
    assert complaint.wilayah_id == world.pemda.wilayah_id


def test_posting_is_rate_limited_per_key_and_address(app, client, db, world, api_key):
    old = app.config["PORTAL_OPEN311_LIMIT"]
    app.config["PORTAL_OPEN311_LIMIT"] = "2 per minute"
    try:
        assert [post_as(client, api_key).status_code for _ in range(3)] == [201, 201, 429]
        refused = post_as(client, api_key)
        assert refused.get_json()[0]["code"] == 429
        _kunci, other = keys.create_api_key("Mitra Lain")
        db.session.flush()
        assert post_as(client, other).status_code == 201  # another key counts on its own
    finally:
        app.config["PORTAL_OPEN311_LIMIT"] = old


# --- reading -------------------------------------------------------------------------------------

def test_public_list_never_shows_rahasia_identity_or_codes(client, db, world):
    biasa = file_direct(db, world, ringkasan_publik="KTP-el belum terbit setelah tiga minggu.",
                  ringkasan_publik_disetujui=True)
    draft = file_direct(db, world, nama="Bambang Pamungkas", telepon="081299998888",
                  email="bambang@example.org", ringkasan_publik="Belum disetujui.")
    rahasia = file_direct(db, world, identitas=Identitas.RAHASIA, nama="Siti Rahasia",
                    telepon="081377776666", email="siti@example.org")
    anonim = file_direct(db, world, identitas=Identitas.ANONIM)
    response = client.get(f"{URL}/requests.json")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=60"
    text = response.get_data(as_text=True)
    for secret in ("Rina", "Wati", "rina@example.org", "081234567890", "Bambang",
                   "bambang@example.org", "081299998888", "Siti", "siti@example.org",
                   "081377776666", "Jl. Mawar", ISI[:20], "KTP-el belum jadi tiga minggu",
                   biasa.kode_lacak, draft.kode_lacak, rahasia.kode_lacak, anonim.kode_lacak):
        assert secret not in text, secret
    by_id = {item["service_request_id"]: item for item in json.loads(text)}
    assert set(by_id) == {str(biasa.id), str(draft.id), str(anonim.id)}
    assert by_id[str(biasa.id)]["description"] == "KTP-el belum terbit setelah tiga minggu."
    assert "description" not in by_id[str(draft.id)]
    item = by_id[str(anonim.id)]
    assert item["status"] == "open" and item["status_notes"] == "Diterima"
    assert item["service_code"] == "disdukcapil-bdl.ktp-el"
    assert item["agency_responsible"] == "Dinas Kependudukan dan Pencatatan Sipil"
    assert item["requested_datetime"].endswith("+07:00")
    assert item["updated_datetime"].endswith("+07:00")


def test_list_filters_status_service_dates_and_pages(client, db, world):
    # within the 90 days a list without start_date covers
    today = utcnow().replace(hour=3, minute=0, second=0, microsecond=0)
    done = file_direct(db, world, status=StatusPengaduan.SELESAI, diterima_at=today - timedelta(days=31))
    open_ = file_direct(db, world, layanan_id=None, diterima_at=today - timedelta(days=23))
    between = (today - timedelta(days=28)).date()

    def ids(query: str) -> list[str]:
        response = client.get(f"{URL}/requests.json?{query}")
        assert response.status_code == 200, response.get_data(as_text=True)
        return [item["service_request_id"] for item in response.get_json()]

    assert ids("status=closed") == [str(done.id)]
    assert ids("status=open") == [str(open_.id)]
    assert ids("status=open,closed") == [str(open_.id), str(done.id)]
    assert ids("service_code=lainnya") == [str(open_.id)]
    assert ids("service_code=disdukcapil-bdl.ktp-el") == [str(done.id)]
    assert ids(f"start_date={between}T00:00:00%2B07:00") == [str(open_.id)]
    assert ids(f"end_date={between}") == [str(done.id)]
    assert ids("limit=1&page=2") == [str(done.id)]
    for bad in ("status=selesai", "limit=1001", "limit=0", "page=x", "page=%C2%B2",
                "start_date=kemarin", "service_code=tidak.ada"):
        assert client.get(f"{URL}/requests.json?{bad}").status_code == 400, bad


def test_one_request_by_number_or_code_but_never_a_rahasia_one(client, db, world):
    biasa = file_direct(db, world, status=StatusPengaduan.DITOLAK)
    rahasia = file_direct(db, world, identitas=Identitas.RAHASIA)
    by_number = client.get(f"{URL}/requests/{biasa.id}.json")
    assert by_number.status_code == 200
    assert by_number.headers["Cache-Control"] == "public, max-age=60"
    (item,) = by_number.get_json()
    assert (item["service_request_id"], item["status"]) == (str(biasa.id), "closed")
    assert item["status_notes"] == "Ditolak"
    by_code = client.get(f"{URL}/requests/{biasa.kode_lacak.lower()}.json")
    assert by_code.status_code == 200
    assert by_code.get_json()[0]["service_request_id"] == biasa.kode_lacak
    assert "no-store" in by_code.headers["Cache-Control"]
    assert "Rina" not in by_code.get_data(as_text=True)
    for ident in (rahasia.kode_lacak, str(rahasia.id), "00000-00000-00000", "bukan-kode", "\u00b2",
                  "99999999999999"):
        response = client.get(f"{URL}/requests/{ident}.json")
        assert response.status_code == 404, ident
        assert response.get_json() == [{"code": 404, "description": "Laporan tidak ditemukan."}]


def test_answers_stay_indonesian_whatever_the_language_cookie(client, db, world):
    file_direct(db, world)
    client.set_cookie("bahasa", "en")
    (item,) = client.get(f"{URL}/requests.json").get_json()
    assert item["status_notes"] == "Diterima"


# --- keys and pure helpers -----------------------------------------------------------------------

def test_cli_creates_lists_and_revokes_keys(app, client, db, world):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["complaints", "api-key", "create", "Lapor Kota"])
    assert result.exit_code == 0, result.output
    key = result.stdout.strip()
    assert len(key) >= 43
    kunci = db.session.scalar(sa.select(KunciApi).where(KunciApi.nama == "Lapor Kota"))
    assert kunci.awalan == key[:8] and kunci.sha256 != key and kunci.aktif
    assert post_as(client, key).status_code == 201
    listing = runner.invoke(args=["complaints", "api-key", "list"]).output
    assert "Lapor Kota" in listing and key[:8] in listing and key not in listing
    again = runner.invoke(args=["complaints", "api-key", "create", "Lapor Kota"])
    assert again.exit_code != 0
    result = runner.invoke(args=["complaints", "api-key", "revoke", "Lapor Kota"])
    assert result.exit_code == 0, result.output
    assert post_as(client, key).status_code == 403
    assert "revoked" in runner.invoke(args=["complaints", "api-key", "list"]).output
    assert runner.invoke(args=["complaints", "api-key", "revoke", "Tidak Ada"]).exit_code != 0


@pytest.mark.parametrize(("isi", "judul"), [
    ("Jalan rusak di depan pasar. Sudah tiga bulan.", "Jalan rusak di depan pasar."),
    ("Yth. Bapak, jalan di depan pasar rusak parah", "Yth. Bapak, jalan di depan pasar rusak parah"),
    ("Antrean  panjang\nsekali di loket 3", "Antrean panjang sekali di loket 3"),
])
def test_title_is_the_first_sentence(isi, judul):
    assert parsing.judul_dari(isi) == judul


def test_long_title_is_cut_at_a_word():
    judul = parsing.judul_dari("kata " * 100)
    assert len(judul) <= 150 and judul.endswith("kata\u2026")


def test_unknown_api_urls_answer_in_json(client):
    response = client.get("/open311/v2/tidak-ada.json")
    assert response.status_code == 404
    assert response.is_json and response.json[0]["code"] == 404
    response = client.delete("/open311/v2/services.json")
    assert response.status_code == 405 and response.is_json
