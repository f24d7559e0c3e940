"""The worker's in-memory OPD list (``indeks.py``) answers /instansi exactly as the SQL does."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.extensions import db
from portal.scorecards import cache
from portal.scorecards.models import PublikasiRapor, RaporOpd
from portal.scorecards.publik import bingkai, indeks, queries
from tests.scorecards.conftest import publish
from tests.scorecards.publik.conftest import JENIS, NAMES


def _sql(f: queries.Filter) -> list[str]:
    return [r.opd_slug for r in db.session.scalars(queries.current_list(f))]


queries_text = st.one_of(
    st.just(""),
    st.sampled_from(NAMES).flatmap(lambda name: st.integers(0, len(name)).flatmap(
        lambda a: st.integers(a, len(name)).map(lambda b: name[a:b]))),
    st.text(alphabet="aAdDiInNsS %_\\0123", max_size=4))
filters = st.builds(queries.Filter, q=queries_text,
                    pemda=st.sampled_from(["", "kota-bandar-lampung", "kota-metro", "tidak-ada"]),
                    kabkota=st.sampled_from(["", "18.71", "18.72"]),
                    jenis=st.sampled_from(["", *JENIS, "rumah_sakit"]),
                    sort=st.sampled_from(list(queries.SORTS)))


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(f=filters)
def test_in_memory_list_equals_the_sql_list(published_list, monkeypatch, f):
    expected = _sql(f)
    daftar = indeks.load()
    for limit in (0, 10**9):  # every name of a slice tested, or the trigrams' candidates
        monkeypatch.setattr(indeks, "CANDIDATE_LIMIT", limit)
        assert [r.opd_slug for r in daftar.search(f)] == expected
    assert set(expected) <= set(published_list)  # never a row of an older publication


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(f=filters, page=st.integers(1, 5), per_page=st.sampled_from([1, 3, 10]))
def test_every_page_of_a_search_equals_the_sql_list(published_list, monkeypatch, f, page,
                                                    per_page):
    expected = _sql(f)
    start = (page - 1) * per_page
    daftar = indeks.load()
    # 0: every search of three letters or more is "common", answered from remembered flags;
    # 10**9: the trigram candidates are tested one by one
    for limit in (0, 10**9, 0):
        monkeypatch.setattr(indeks, "CANDIDATE_LIMIT", limit)
        result = daftar.page(f, page, per_page)
        assert [r.opd_slug for r in result.items] == expected[start:start + per_page]
        assert result.total == len(expected)


def test_pages_and_options_equal_the_sql_path(published_list):
    daftar = indeks.load()
    f = queries.Filter(q="dinas", sort="ikm-tertinggi")
    everything = _sql(f)
    assert len(everything) > 10
    pages = [daftar.page(f, n, 10) for n in (1, 2, 3, 99)]
    assert [r.opd_slug for p in pages for r in p.items] == everything
    assert pages[0].total == len(everything) and pages[0].has_next and not pages[0].has_prev
    assert pages[-1].items == [] and not pages[-1].has_next
    assert daftar.options()["kabkota"] == queries.filter_options()["kabkota"]
    assert daftar.options()["jenis"] == queries.filter_options()["jenis"]
    assert [p[0] for p in daftar.options()["pemda"]] == \
        [p[0] for p in queries.filter_options()["pemda"]]


def test_a_new_publication_reaches_the_list_without_a_restart(client, world, published_list):
    assert "Dinas Kependudukan" not in client.get("/instansi?q=kependudukan").get_data(as_text=True)
    indeks.current()  # the worker holds the list of the publications so far
    publish(world)  # the world's own OPDs, through the service, as the admin pemda does it
    # no invalidate(): as in a worker that did not publish, the publication stamp tells
    html = client.get("/instansi?q=kependudukan").get_data(as_text=True)
    assert "Dinas Kependudukan dan Pencatatan Sipil" in html
    assert "1 OPD ditemukan." in html


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_search_page_cut_from_its_frame_is_the_full_page(client, published_list, monkeypatch,
                                                           language):
    client.set_cookie("bahasa", language)
    urls = ["/instansi?q=dinas", "/instansi?q=%3Cb%3E%22%26x", "/instansi?q=dinas&page=2",
            "/instansi?q=sakit&pemda=kota-metro&urut=ikm-terendah", "/instansi?jenis=badan&q=ba",
            "/instansi?q=dinas&pemda=kota-bandar-lampung&urut=ikm-terendah",
            "/instansi?q=Dinas+Sosial", "/instansi?jenis=dinas&urut=ikm-tertinggi&q=i",
            # what a visitor types never takes the place of the frame's marks
            "/instansi?q=bingkaiJenis7f3d+bingkaiPemda7f3d+bingkaiUrut7f3d+bingkaiCari7f3d"]
    framed = [client.get(url).get_data(as_text=True) for url in urls]
    assert indeks.current().frames  # the frames were used
    assert 'value="&lt;b&gt;&#34;&amp;x"' in framed[1]
    assert "q%3D%253Cb%253E" in framed[1]  # the language link returns to this very search
    cache.clear()
    monkeypatch.setattr(bingkai, "_build", lambda *args: None)  # every page rendered whole
    assert [client.get(url).get_data(as_text=True) for url in urls] == framed


def test_the_list_shows_the_ikm_with_two_decimals_as_the_scorecard_does(client, published_list):
    row = db.session.scalar(sa.select(RaporOpd).join(RaporOpd.publikasi)
                            .where(PublikasiRapor.terkini).order_by(RaporOpd.id).limit(1))
    row.opd_nama, row.ikm = "Dinas Uji Angka", Decimal("71.40")
    db.session.commit()
    cache.clear()
    html = client.get("/instansi?q=uji+angka").get_data(as_text=True)
    assert '<td class="num">71,40</td>' in html


def test_after_a_publication_only_changed_rows_are_drawn_again(client, published_list,
                                                               monkeypatch):
    client.get("/instansi?q=dinas")  # draws the rows of the first page
    drawn = []
    real = indeks.get_template_attribute

    def counting(template, name):
        drawn.append(name)
        return real(template, name)

    monkeypatch.setattr(indeks, "get_template_attribute", counting)
    row = db.session.scalar(sa.select(RaporOpd).join(RaporOpd.publikasi)
                            .where(PublikasiRapor.terkini, RaporOpd.opd_nama.ilike("%dinas%"))
                            .order_by(RaporOpd.opd_nama, RaporOpd.id).limit(1))
    row.ikm = Decimal("12.34")  # as if this OPD's row were new: its figures differ
    db.session.commit()
    cache.clear()  # a new publication stamp: a new index
    html = client.get("/instansi?q=dinas").get_data(as_text=True)
    assert '<td class="num">12,34</td>' in html  # the changed row is drawn anew …
    assert len(drawn) == 1  # … and only it: the others are the rows drawn before
