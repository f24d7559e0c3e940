"""The public list and scorecard pages, their caching headers, and the open data that must say
exactly what the page says."""

import csv
import io
import re
from html import unescape

import pytest
import sqlalchemy as sa

from tests.scorecards.conftest import add_answers, publish


@pytest.fixture()
def published(world, layanan2):
    add_answers(world.layanan, 40, (4, 4, 4, 3, 3, 3, 3, 3, 2))
    add_answers(layanan2, 8, (2,) * 9)
    from portal.extensions import db
    from portal.org.models import Layanan
    izin = Layanan(opd=world.opd_lain, nama="Izin usaha mikro", slug="izin", produk="NIB",
                   waktu_penyelesaian_hari=3)
    db.session.add(izin)
    db.session.flush()
    add_answers(izin, 30, (2,) * 9)
    return publish(world)


def test_list_filters_sorts_and_shares_its_state(client, world, published):
    html = client.get("/instansi").get_data(as_text=True)
    assert world.opd.nama in html and world.opd_lain.nama in html
    assert "2 OPD ditemukan." in html
    html = client.get("/instansi?q=penanaman").get_data(as_text=True)
    assert world.opd_lain.nama in html and world.opd.nama not in html
    html = client.get("/instansi?urut=ikm-terendah").get_data(as_text=True)
    assert html.index(world.opd_lain.nama) < html.index(world.opd.nama)
    html = client.get("/instansi?urut=ikm-tertinggi").get_data(as_text=True)
    assert html.index(world.opd.nama) < html.index(world.opd_lain.nama)
    html = client.get("/instansi?pemda=kota-metro").get_data(as_text=True)
    assert "0 OPD ditemukan." in html
    html = client.get("/instansi?kabkota=18.71&jenis=dinas").get_data(as_text=True)
    # a link's kab/kota is kept (hidden) while the visible filters change; issue 11 folded the
    # two place filters into one
    assert "2 OPD ditemukan." in html and '<input type="hidden" name="kabkota" value="18.71">' in html
    assert 'name="kabkota"' in html and '<select id="cari-kabkota"' not in html
    assert '<details class="filter-panel" open>' in html  # a filter is in use: shown open
    assert '<details class="filter-panel">' in client.get("/instansi").get_data(as_text=True)


def test_htmx_gets_the_list_block_and_a_plain_request_the_page(client, world, published):
    fragment = client.get("/instansi?q=penanaman", headers={
        "HX-Request": "true", "HX-Target": "daftar-instansi"})
    body = fragment.get_data(as_text=True)
    assert "<html" not in body and world.opd_lain.nama in body
    assert "HX-Request" in fragment.headers["Vary"]
    page = client.get("/instansi?q=penanaman", headers={"HX-Request": "true",
                                                        "HX-Boosted": "true"})
    assert "<html" in page.get_data(as_text=True)
    assert fragment.headers["ETag"] != page.headers["ETag"]


def test_conditional_requests_get_304(client, world, published):
    for url in ("/", "/instansi", f"/instansi/{world.opd.slug}", "/metodologi", "/data",
                f"/data/instansi/{world.opd.slug}/ikm.csv", "/api/v1/instansi",
                f"/api/v1/instansi/{world.opd.slug}", "/data/instansi.json"):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first.headers["Cache-Control"] == "public, no-cache", url
        assert first.headers["ETag"] and first.headers["Last-Modified"], url
        again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and again.data == b"", url
        since = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
        assert since.status_code == 304, url


def test_a_new_publication_changes_the_etag(client, world, published):
    before = client.get(f"/instansi/{world.opd.slug}").headers["ETag"]
    publish(world)
    response = client.get(f"/instansi/{world.opd.slug}", headers={"If-None-Match": before})
    assert response.status_code == 200 and "versi 2" in response.get_data(as_text=True)


def test_signed_in_pages_are_private_and_fresh(client, world, published, login_as):
    login_as("admin_pemda")
    response = client.get(f"/instansi/{world.opd.slug}")
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "ETag" not in response.headers
    assert "Keluar" in response.get_data(as_text=True)
    client.post_form("/keluar")
    html = client.get(f"/instansi/{world.opd.slug}").get_data(as_text=True)
    assert "Keluar</button>" not in html


def _page_tables(html):
    """{table id: [[cell text, …] per row]} of the scorecard's data tables."""
    tables = {}
    for table_id, body in re.findall(r'<table id="(tabel-[\w-]+)" class="data-table">(.*?)</table>',
                                     html, re.S):
        rows = re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>")[1], re.S)
        tables[table_id] = [[unescape(re.sub(r"<[^>]+>", "", c)).strip()
                             for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)] for r in rows]
    return tables


def _as_page(value, kolom):
    """How the page (Indonesian locale) writes a CSV value ("—" for an empty figure; the
    keterangan column, plain text, stays as it is; a decimal column with its fixed decimals)."""
    if kolom.key == "keterangan":
        return value
    if value == "":
        return "—"
    if kolom.jenis in ("bilangan", "desimal"):
        number = float(value)
        text = (f"{number:,.{kolom.decimals}f}" if kolom.decimals is not None
                else f"{number:,.3f}".rstrip("0").rstrip("."))
        return text.replace(",", "X").replace(".", ",").replace("X", ".")
    return value


@pytest.mark.parametrize(("tabel", "table_id"), [
    ("ikm", "tabel-ikm"), ("pengaduan", "tabel-pengaduan"),
    ("standar-pelayanan", "tabel-standar"), ("tren", "tabel-tren")])
def test_csv_and_json_say_what_the_page_says(client, world, published, tabel, table_id):
    from portal.scorecards.publik.tables import TABLE_BY_SLUG
    kinds = list(TABLE_BY_SLUG[tabel].kolom)
    page = _page_tables(client.get(f"/instansi/{world.opd.slug}").get_data(as_text=True))
    rows = list(csv.reader(io.StringIO(client.get(
        f"/data/instansi/{world.opd.slug}/{tabel}.csv").get_data(as_text=True))))
    as_page = [[_as_page(v, k) for v, k in zip(row, kinds, strict=True)] for row in rows[1:]]
    assert as_page == page[table_id]
    data = client.get(f"/data/instansi/{world.opd.slug}/{tabel}.json").get_json()
    assert [k["kolom"] for k in data["kamus"]] == rows[0]
    from_json = [["" if r[k] is None else str(r[k]) for k in rows[0]] for r in data["baris"]]
    assert [[_as_page(v, k) for v, k in zip(row, kinds, strict=True)] for row in from_json] == \
        page[table_id]
    assert data["publikasi"]["versi"] == 1 and data["publikasi"]["metodologi_versi"] == "1.3"


def test_api(client, world, published):
    listing = client.get("/api/v1/instansi?urut=ikm-tertinggi").get_json()
    assert listing["jumlah"] == 2
    first = listing["instansi"][0]
    assert (first["slug"], first["mutu"], first["ikm"]) == (world.opd.slug, "C", 75.46)
    detail = client.get(first["url"].replace("http://localhost", "")).get_json()
    assert detail["instansi"]["nama"] == world.opd.nama
    assert set(detail["tabel"]) == {"ikm", "pengaduan", "standar-pelayanan", "kinerja-asn",
                                    "pembinaan-asn", "tindak-lanjut", "tren"}
    assert client.get("/api/v1/instansi/tidak-ada").status_code == 404
    assert client.get(f"/data/instansi/{world.opd.slug}/rahasia.csv").status_code == 404


def test_open_data_index_and_dictionary(client, world, published):
    html = client.get("/data").get_data(as_text=True)
    assert "/data/instansi.csv" in html and f"/data/publikasi/{published.id}.json" in html
    assert "nrr_persyaratan" in html
    kamus = client.get("/data/kamus.json").get_json()
    assert {"ikm", "pengaduan", "standar-pelayanan", "kinerja-asn", "pembinaan-asn",
            "tindak-lanjut", "tren", "instansi"} == set(kamus)


def test_home_and_methodology(client, world, published):
    home = client.get("/").get_data(as_text=True)
    assert world.pemda.nama in home and "Triwulan II 2026, versi 1" in home
    assert 'href="/pengaduan/baru"' in home and 'href="/masuk"' in home
    metodologi = client.get("/metodologi").get_data(as_text=True)
    for text in ("88,31", "76,61", "65", "Versi metodologi saat ini: 1.3",
                 "kurang dari 5 orang", "kurang dari 30 responden"):
        assert text in metodologi, text


def test_home_lists_the_opds_that_improved_most(client, world, layanan2):
    from datetime import datetime
    add_answers(world.layanan, 30, (2,) * 9)
    publish(world, 2026, 2)
    add_answers(world.layanan, 30, (4,) * 9, at=datetime(2026, 8, 3, 3))
    publish(world, 2026, 3)
    home = client.get("/").get_data(as_text=True)
    assert "OPD dengan kenaikan IKM terbesar" in home
    # before → now in one column, so the table fits a 360 px screen (issue 11)
    assert re.search(r"50,00 → 100,00</td><td class=\"num nowrap\">\+50,00", home)


def test_home_shows_one_pemda_at_a_time_with_a_picker(client, db, world, published):
    """Issue 11: one pemda's figures with a picker, not a card per pemda (9,000 px on a phone)."""
    from datetime import date

    from portal.scorecards.kelola import services
    services.publish(world.users["admin_pemda_lain"], world.pemda_lain, 2026, 2, None,
                     today=date(2026, 11, 23))
    db.session.commit()
    home = client.get("/").get_data(as_text=True)
    assert home.count('<div id="angka-pemda"') == 1
    assert f'<option value="{world.pemda.slug}" selected>' in home
    assert f'<option value="{world.pemda_lain.slug}">' in home
    assert f'href="/instansi?pemda={world.pemda.slug}"' in home
    other = client.get(f"/?pemda={world.pemda_lain.slug}").get_data(as_text=True)
    card = other[other.index('<div id="angka-pemda"'):]
    assert world.pemda_lain.nama in card[:card.index("</div>")]
    assert f'<option value="{world.pemda_lain.slug}" selected>' in other


def test_scorecard_page_weighs_under_100_kb_with_css_and_js(client, world, published, app):
    html = client.get(f"/instansi/{world.opd.slug}").data
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
    total = len(html) + sum(len(client.get(a.decode()).data) for a in assets)
    assert total <= 100 * 1024


def test_anonymous_pages_are_answered_from_memory_until_the_next_publication(client, db, world,
                                                                             published):
    from portal.scorecards import cache
    from portal.scorecards.models import RaporOpd

    url = f"/instansi/{world.opd.slug}"
    first = client.get(url)
    # a snapshot row edited behind the portal's back (never done by the app): the cached page
    # is served as long as no publication happened, for a plain request and a conditional one
    rapor = db.session.scalars(sa.select(RaporOpd).where(RaporOpd.opd_id == world.opd.id)).one()
    rapor.opd_nama = "Nama Diubah Diam-diam"
    db.session.commit()
    assert client.get(url).data == first.data
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    cache.invalidate()
    assert "Nama Diubah Diam-diam" in client.get(url).get_data(as_text=True)


def test_language_has_its_own_cached_copy(client, world, published):
    indonesian = client.get("/instansi").get_data(as_text=True)
    client.set_cookie("bahasa", "en", domain="localhost")
    english = client.get("/instansi").get_data(as_text=True)
    assert "OPD ditemukan" in indonesian and "agencies found" in english


def test_scorecard_and_its_csv_in_english(client, world, published):
    client.set_cookie("bahasa", "en", domain="localhost")
    html = client.get(f"/instansi/{world.opd.slug}").get_data(as_text=True)
    assert "All services" in html and "NRR Requirements" in html
    assert "Public satisfaction (IKM)" in html
    csv_text = client.get(f"/data/instansi/{world.opd.slug}/ikm.csv").get_data(as_text=True)
    assert "All services" in csv_text


def test_the_data_dictionary_names_column_kinds_in_the_readers_language(client, published):
    html = client.get("/data").get_data(as_text=True)
    assert "<td>bilangan bulat</td>" in html and "<td>bilangan</td>" not in html
    client.set_cookie("bahasa", "en")
    html = client.get("/data").get_data(as_text=True)
    assert "<td>whole number</td>" in html and "<td>decimal</td>" in html
    assert "bilangan" not in html
