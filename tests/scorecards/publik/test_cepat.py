"""Searches answered in the WSGI layer (``cepat.py``) are the pages Flask answers, byte for byte
and header for header; whatever the layer cannot put together, Flask still answers."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.scorecards import cache
from portal.scorecards.models import RaporOpd
from portal.scorecards.publik import cepat
from tests.scorecards.conftest import publish

#: searches of several frames: escaping, paging (a bad page number too), every sort, each
#: filter, no result, a repeated argument, an unknown sort
URLS = ["/instansi?q=dinas", "/instansi?q=dinas&page=2", "/instansi?q=dinas&page=abc",
        "/instansi?q=%3Cb%3E%22%26x", "/instansi?q=a&urut=ikm-tertinggi",
        "/instansi?q=a&urut=ikm-terendah&page=2", "/instansi?q=e&urut=pengaduan-tepat-waktu",
        "/instansi?q=e&urut=standar-tepat-waktu", "/instansi?q=sakit&pemda=kota-metro",
        "/instansi?q=dinas&pemda=kota-bandar-lampung&urut=ikm-terendah",
        "/instansi?jenis=badan&q=ba", "/instansi?kabkota=18.71&q=in",
        "/instansi?q=tidak+ada+yang+begini", "/instansi?q=Dinas&q=Badan",
        "/instansi?q=inspektorat&urut=tidak-ada", "/instansi?urut=nama&q=%25",
        "/instansi?jenis=dinas&urut=ikm-tertinggi&q=i", "/instansi?jenis=tidak-ada&q=i",
        "/instansi?q=bingkaiJenis7f3d+bingkaiPemda7f3d+bingkaiUrut7f3d+bingkaiCari7f3d",
        # one OPD ("1 OPD found" in English), the last page, a page past the last
        "/instansi?q=satu-satunya", "/instansi?q=a&page=3", "/instansi?q=a&page=99",
        "/instansi?q=cepatBaris7f3d+cepatUrl7f3dnext+987654301"]
HTMX = {"HX-Request": "true", "HX-Target": "daftar-instansi", "HX-Current-URL": "http://x/"}


def _answer(response) -> tuple:
    return response.status_code, sorted(response.headers.items()), response.get_data()


def _forget_answered_pages() -> None:
    """Drop the pages the workers' caches hold, keeping the index and its frames."""
    cache._entries.clear()
    for middleware in list(cache._middlewares):
        middleware.entries.clear()


def _flask_only(monkeypatch) -> None:
    monkeypatch.setattr(cepat.Penjawab, "answer", lambda self, *args: None)


def _view_fails(app, monkeypatch) -> None:
    """From here on the list's view cannot answer: a page is the WSGI layer's, or a 500."""
    def fails():
        raise AssertionError("the view ran")
    monkeypatch.setitem(app.view_functions, "scorecards.instansi_list", fails)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_a_search_answered_before_flask_is_the_page_flask_answers(
        app, client, published_list, monkeypatch, language, htmx):
    db.session.execute(sa.update(RaporOpd).where(RaporOpd.opd_slug == published_list[0])
                       .values(opd_nama="Dinas Satu-Satunya"))
    db.session.commit()
    client.set_cookie("bahasa", language)
    headers = HTMX if htmx else {}
    with monkeypatch.context() as flask_only:
        _flask_only(flask_only)
        for url in URLS:  # a visitor's first searches: Flask draws the frames and the rows
            client.get(url)
        expected = [_answer(client.get(url, headers=headers)) for url in URLS]
    assert all(status == 200 for status, _h, _b in expected)
    shown = [body.decode() for _s, _h, body in expected]
    assert ("1 agency found." if language == "en" else "1 OPD ditemukan.") in shown[URLS.index(
        "/instansi?q=satu-satunya")]
    assert 'rel="prev"' in shown[URLS.index("/instansi?q=a&page=3")]
    _forget_answered_pages()
    _view_fails(app, monkeypatch)
    assert [_answer(client.get(url, headers=headers)) for url in URLS] == expected
    # the same ETag, so a browser's copy is revalidated without a body
    etag = dict(expected[0][1])["ETag"]
    again = client.get(URLS[0], headers={**headers, "If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""


def test_the_first_search_of_a_frame_is_flask_s_then_the_layer_answers_the_rest(
        app, client, published_list, monkeypatch):
    first, other = "/instansi?q=inspektorat", "/instansi?q=dinas+sosial"  # different OPDs
    with monkeypatch.context() as flask_only:
        _flask_only(flask_only)
        expected = [_answer(client.get(url)) for url in (first, other)]
    cache.clear()  # a worker that has drawn nothing under this stamp
    with monkeypatch.context() as failing:
        _view_fails(app, failing)
        assert client.get(first).status_code == 500  # no frame yet: only Flask can answer
    assert _answer(client.get(first)) == expected[0]
    _view_fails(app, monkeypatch)
    # rows this worker never drew are drawn by the layer itself, the same bytes
    assert _answer(client.get(other)) == expected[1]
    # another htmx target (a boosted link) still goes to Flask, which decides what it gets
    assert client.get(other + "&x=1", headers={"HX-Request": "true", "HX-Boosted": "true"}
                      ).status_code == 500


def test_a_new_publication_is_never_answered_from_the_old_list(client, world, published_list):
    client.get("/instansi?q=dinas")
    client.get("/instansi?q=kependudukan")  # the layer could answer this search now
    assert "Dinas Kependudukan" not in client.get(
        "/instansi?q=kependudukan&page=1").get_data(as_text=True)
    publish(world)  # a new stamp: the worker's list and frames are of the old one
    html = client.get("/instansi?q=kependudukan&page=1").get_data(as_text=True)
    assert "Dinas Kependudukan dan Pencatatan Sipil" in html
