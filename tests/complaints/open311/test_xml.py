"""Open311 in XML, as an XML client reads it: every answer parsed with a standard XML parser,
in the spec's elements, and field by field the same as its JSON answer."""

import xml.etree.ElementTree as ET

import pytest

from portal.complaints.models import Identitas
from tests.complaints.open311.conftest import ISI, URL, all_complaints, file_direct, post_as

#: GeoReport v2's lists and the element of each item, written out from the spec
SPEC_LISTS = {"services": "service", "service_requests": "request", "errors": "error",
              "attributes": "attribute", "values": "value", "endpoints": "endpoint",
              "formats": "format"}
KEY = object()  # stands for the test's API key in a parameter


def parse(response) -> ET.Element:
    assert response.content_type == "application/xml; charset=utf-8"
    body = response.get_data()
    assert body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(body)


def as_data(element: ET.Element):
    """What an element says, in the JSON's shape: a spec list as a list (checking each item's
    element name), an element with children as a dict, a leaf as its text."""
    if element.tag in SPEC_LISTS:
        assert {child.tag for child in element} <= {SPEC_LISTS[element.tag]}, element.tag
        return [as_data(child) for child in element]
    if len(element):
        tags = [child.tag for child in element]
        assert len(tags) == len(set(tags)), tags
        return {child.tag: as_data(child) for child in element}
    return element.text


def as_text(value):
    """A JSON value as XML carries it: text, ``true``/``false``, an empty element for null or an
    empty text (XML cannot tell the two apart)."""
    if isinstance(value, dict):
        return {key: as_text(child) for key, child in value.items()}
    if isinstance(value, list):
        return [as_text(child) for child in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return None if value in (None, "") else str(value)


def both(client, path: str, **kw):
    as_json = client.get(f"{URL}/{path}.json", **kw)
    as_xml = client.get(f"{URL}/{path}.xml", **kw)
    assert as_json.status_code == as_xml.status_code
    assert as_json.headers["Cache-Control"] == as_xml.headers["Cache-Control"]
    return as_json, as_xml


def test_services_in_xml_are_the_json_services(client, world):
    as_json, as_xml = both(client, "services")
    assert as_xml.status_code == 200
    root = parse(as_xml)
    assert root.tag == "services" and [s.tag for s in root] == ["service"] * len(as_json.json)
    assert as_data(root) == as_text(as_json.json)
    ktp = root.find("service[service_code='disdukcapil-bdl.ktp-el']")
    assert ktp.findtext("service_name") == "Penerbitan KTP-el"
    assert ktp.findtext("metadata") == "true"
    assert root.find("service[service_code='lainnya']/jurisdiction_id").text is None


def test_a_service_definition_in_xml(client, world):
    as_json, as_xml = both(client, "services/disdukcapil-bdl.ktp-el")
    root = parse(as_xml)
    assert root.tag == "service_definition"
    assert as_data(root) == as_text(as_json.json)
    jenis = root.find("attributes/attribute[code='jenis']")
    assert jenis.findtext("datatype") == "singlevaluelist"
    assert [v.findtext("key") for v in jenis.findall("values/value")] == [
        "pengaduan", "aspirasi", "permintaan_informasi"]
    assert jenis.find("datatype_description").text is None


def test_the_request_list_in_xml(client, db, world):
    file_direct(db, world, ringkasan_publik="KTP-el belum terbit setelah tiga minggu.",
                ringkasan_publik_disetujui=True)
    file_direct(db, world, identitas=Identitas.ANONIM)
    file_direct(db, world, identitas=Identitas.RAHASIA)
    as_json, as_xml = both(client, "requests")
    root = parse(as_xml)
    assert root.tag == "service_requests" and len(root) == len(as_json.json) == 2
    assert as_data(root) == as_text(as_json.json)
    bare, described = root  # newest first
    assert described.findtext("description") == "KTP-el belum terbit setelah tiga minggu."
    assert bare.find("description") is None  # no approved summary: no description, as in JSON
    assert described.findtext("requested_datetime").endswith("+07:00")
    assert "Rina" not in as_xml.get_data(as_text=True)


def test_one_request_in_xml_by_number_and_by_code(client, db, world):
    pengaduan = file_direct(db, world)
    as_json, as_xml = both(client, f"requests/{pengaduan.id}")
    assert as_data(parse(as_xml)) == as_text(as_json.json)
    assert as_xml.headers["Cache-Control"] == "public, max-age=60"
    as_json, as_xml = both(client, f"requests/{pengaduan.kode_lacak}")
    root = parse(as_xml)
    assert as_data(root) == as_text(as_json.json)
    assert root.findtext("request/service_request_id") == pengaduan.kode_lacak
    assert as_xml.headers["Cache-Control"] == "private, no-store"
    assert as_xml.headers["X-Robots-Tag"] == "noindex"


def test_filing_in_xml_answers_the_tracking_code(client, db, world, api_key):
    resend = {"attribute[idempotency_key]": "lw-7"}
    as_xml = post_as(client, api_key, fmt="xml", **resend)
    assert as_xml.status_code == 201
    root = parse(as_xml)
    assert root.tag == "service_requests"
    (request,) = root
    assert request.tag == "request"
    assert [child.tag for child in request] == ["service_request_id", "service_notice",
                                                "account_id"]
    as_json = post_as(client, api_key, **resend)  # the same complaint, answered again
    assert as_json.status_code == 200
    assert as_data(root) == as_text(as_json.json)
    assert as_xml.headers["Cache-Control"] == "no-store"


GOOD = {"service_code": "disdukcapil-bdl.ktp-el", "description": ISI}


@pytest.mark.parametrize(("method", "path", "form", "code"), [
    ("POST", "requests", GOOD, 403),  # no api_key
    ("POST", "requests", {**GOOD, "api_key": KEY, "description": "Terlalu pendek."}, 400),
    ("GET", "services/disdukcapil-bdl.tidak-ada", None, 404),
    ("GET", "requests/00000-00000-00000", None, 404),
    ("GET", "requests?limit=0", None, 400),
    ("GET", "tidak-ada", None, 404),  # no view takes it: the app answers
    ("DELETE", "services", None, 405),
])
def test_errors_in_xml_are_the_json_errors(client, db, world, api_key, method, path, form, code):
    if form and form.get("api_key") == KEY:
        form = {**form, "api_key": api_key}
    name, _q, query = path.partition("?")
    answers = [client.open(f"{URL}/{name}.{fmt}", method=method, query_string=query, data=form)
               for fmt in ("xml", "json")]
    as_xml, as_json = answers
    assert as_xml.status_code == as_json.status_code == code
    root = parse(as_xml)
    assert root.tag == "errors"
    (error,) = as_data(root)
    assert error["code"] == str(code) and error["description"]
    assert as_data(root) == as_text(as_json.json)
    assert all_complaints(db) == []


def test_text_xml_cannot_carry_is_replaced_not_left_to_break_the_answer(client, db, world):
    pengaduan = file_direct(db, world, ringkasan_publik="Antrean\x0b panjang\x01 di loket.",
                            ringkasan_publik_disetujui=True)
    root = parse(client.get(f"{URL}/requests/{pengaduan.id}.xml"))
    assert root.findtext("request/description") == "Antrean\ufffd panjang\ufffd di loket."
