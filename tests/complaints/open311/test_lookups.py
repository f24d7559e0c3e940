"""What a GeoReport v2 client asks for besides the plain list: several complaints by id at once,
the 90 days a list covers by default, and the service discovery document."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest

from portal.complaints.models import Identitas, StatusPengaduan
from portal.core.models import utcnow
from tests.complaints.open311.conftest import URL, file_direct


def ids(client, query: str) -> list[str]:
    response = client.get(f"{URL}/requests.json?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return [item["service_request_id"] for item in response.get_json()]


# --- service_request_id=a,b ----------------------------------------------------------------------

def test_several_ids_give_exactly_those_in_the_order_asked(client, db, world):
    first, second, third = (file_direct(db, world) for _ in range(3))
    assert ids(client, f"service_request_id={third.id},{first.id}") == [str(third.id),
                                                                         str(first.id)]
    assert ids(client, f"service_request_id={second.id}, {second.id}") == [str(second.id)]


def test_ids_override_every_other_filter(client, db, world):
    old = file_direct(db, world, diterima_at=utcnow() - timedelta(days=400))
    query = (f"service_request_id={old.id}&status=closed&service_code=lainnya&limit=1&page=5"
             "&start_date=2030-01-01")
    assert ids(client, query) == [str(old.id)]


def test_ids_by_tracking_code_are_private_and_never_reach_a_rahasia_one(client, db, world):
    biasa = file_direct(db, world, status=StatusPengaduan.SELESAI)
    rahasia = file_direct(db, world, identitas=Identitas.RAHASIA)
    by_code = client.get(f"{URL}/requests.json?service_request_id="
                         f"{biasa.kode_lacak.lower()},{rahasia.kode_lacak},{rahasia.id},x,"
                         "99999999999999")
    assert [(item["service_request_id"], item["status"]) for item in by_code.get_json()] == [
        (biasa.kode_lacak, "closed")]
    assert by_code.headers["Cache-Control"] == "private, no-store"
    assert by_code.headers["X-Robots-Tag"] == "noindex"
    by_number = client.get(f"{URL}/requests.json?service_request_id={biasa.id}")
    assert by_number.headers["Cache-Control"] == "public, max-age=60"


def test_each_code_asked_counts_against_the_look_up_limit(app, client, db, world):
    pengaduan = file_direct(db, world)
    old = app.config["PORTAL_TRACKING_LIMIT"]
    app.config["PORTAL_TRACKING_LIMIT"] = "3 per minute"
    try:
        two = f"{URL}/requests.json?service_request_id={pengaduan.kode_lacak},{pengaduan.kode_lacak}"
        assert client.get(two).status_code == 200
        assert client.get(two).status_code == 429  # 4 codes within the minute
        assert client.get(f"{URL}/requests.json?service_request_id={pengaduan.id}"
                          ).status_code == 200  # numbers are public: not counted
        assert client.get(f"{URL}/requests/{pengaduan.kode_lacak}.json").status_code == 429
    finally:
        app.config["PORTAL_TRACKING_LIMIT"] = old


def test_too_many_ids_are_refused(client, world):
    response = client.get(f"{URL}/requests.json?service_request_id="
                          + ",".join(str(n) for n in range(1, 102)))
    assert response.status_code == 400
    assert "paling banyak 100" in response.get_json()[0]["description"]


# --- the 90 days ---------------------------------------------------------------------------------

def test_a_list_without_dates_covers_the_last_90_days(client, db, world):
    now = utcnow()
    recent = file_direct(db, world, diterima_at=now - timedelta(days=89))
    old = file_direct(db, world, diterima_at=now - timedelta(days=91))
    today = file_direct(db, world)
    assert ids(client, "") == [str(today.id), str(recent.id)]
    start = (now - timedelta(days=100)).date()
    assert ids(client, f"start_date={start}") == [str(today.id), str(recent.id), str(old.id)]
    # without start_date, the 90 days before end_date
    end = (now - timedelta(days=80)).date()
    assert ids(client, f"end_date={end}") == [str(recent.id), str(old.id)]
    far_end = (now - timedelta(days=200)).date()
    assert ids(client, f"end_date={far_end}") == []


# --- discovery -----------------------------------------------------------------------------------

@pytest.fixture()
def discovery(client, world):
    as_json = client.get(f"{URL}/discovery.json")
    as_xml = client.get(f"{URL}/discovery.xml")
    assert (as_json.status_code, as_xml.status_code) == (200, 200)
    return as_json.get_json(), ET.fromstring(as_xml.get_data())


def test_discovery_names_this_endpoint_and_its_formats(discovery, world):
    body, _root = discovery
    (endpoint,) = body["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://localhost/open311/v2"
    assert endpoint["type"] == "production"
    assert set(endpoint["formats"]) == {"application/json", "application/xml"}
    latest = max(world.layanan.updated_at, world.opd.updated_at)
    assert body["changeset"] == endpoint["changeset"]
    assert body["changeset"].startswith(
        (latest + timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M:%S"))
    assert body["contact"] and body["contact"] in body["key_service"]


def test_discovery_in_xml_says_the_same(discovery):
    body, root = discovery
    assert root.tag == "discovery"
    for field in ("changeset", "contact", "key_service"):
        assert root.findtext(field) == body[field], field
    (endpoint,) = root.findall("endpoints/endpoint")
    (expected,) = body["endpoints"]
    for field in ("specification", "url", "changeset", "type"):
        assert endpoint.findtext(field) == expected[field], field
    assert [f.text for f in endpoint.findall("formats/format")] == expected["formats"]


def test_the_contact_can_be_set(app, client, world):
    old = app.config["PORTAL_OPEN311_CONTACT"]
    app.config["PORTAL_OPEN311_CONTACT"] = "open311@pemda.example.go.id"
    try:
        body = client.get(f"{URL}/discovery.json").get_json()
    finally:
        app.config["PORTAL_OPEN311_CONTACT"] = old
    assert body["contact"] == "open311@pemda.example.go.id"
    assert "open311@pemda.example.go.id" in body["key_service"]
