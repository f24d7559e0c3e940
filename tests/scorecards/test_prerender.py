"""Public pages rendered at publication (issue 13): publishing from the page stores every
scorecard of the pemda and the pages over every pemda, in both languages; a visitor's plain GET
is answered with those bytes (ETag and 304 included); a new publication replaces them; a search,
an htmx request or a signed-in user gets a live page."""

import sqlalchemy as sa

from portal.extensions import db as _db
from portal.scorecards import cache, prerender
from portal.scorecards.models import HalamanTerbit, PublikasiRapor
from tests.scorecards.conftest import TAHUN, TRIWULAN, add_answers, publish

PERIODE = f"{TAHUN}-T{TRIWULAN}"


def _publish_from_page(client, world, login_as, catatan=""):
    login_as("admin_pemda")
    response = client.post_form("/kelola/rapor", {"pemda_id": world.pemda.id,
                                                  "periode": PERIODE, "catatan": catatan})
    assert response.status_code == 303
    client.post_form("/keluar", follow_redirects=True)  # the "signed out" message read
    cache.clear()  # what follows is answered by the store or rendered, never by this worker's cache


def _stored(db, path, bahasa="id") -> HalamanTerbit | None:
    return db.session.scalar(sa.select(HalamanTerbit).where(
        HalamanTerbit.path == path, HalamanTerbit.bahasa == bahasa))


def _mark(db, path, text: bytes) -> None:
    db.session.execute(sa.update(HalamanTerbit).where(HalamanTerbit.path == path)
                       .values(body=text))
    db.session.commit()
    cache.clear()


def test_publishing_stores_every_page_of_the_pemda_in_both_languages(client, world, login_as, db):
    add_answers(world.layanan, 40, (4,) * 9)
    _publish_from_page(client, world, login_as)
    paths = {row.path for row in db.session.scalars(sa.select(HalamanTerbit))}
    for opd in (world.opd, world.opd_lain):
        assert {f"/instansi/{opd.slug}", f"/api/v1/instansi/{opd.slug}"} <= paths
    assert {"/", "/instansi", "/data", "/metodologi", f"/instansi?pemda={world.pemda.slug}"} <= paths
    pub_id = db.session.scalar(sa.select(sa.func.max(PublikasiRapor.id)))
    # the publication's open data too, and a download gets those bytes
    assert {f"/data/publikasi/{pub_id}.csv", f"/data/publikasi/{pub_id}.json"} <= paths
    _mark(db, f"/data/publikasi/{pub_id}.csv", b"tersimpan")
    assert client.get(f"/data/publikasi/{pub_id}.csv").get_data() == b"tersimpan"
    english = _stored(db, f"/instansi/{world.opd.slug}", "en")
    assert b'<html lang="en">' in english.body and english.pemda_id == world.pemda.id
    assert _stored(db, "/instansi").pemda_id is None
    # the stored bytes are the live page, byte for byte
    stored = _stored(db, f"/instansi/{world.opd.slug}").body
    db.session.execute(sa.delete(HalamanTerbit))
    db.session.commit()
    assert client.get(f"/instansi/{world.opd.slug}").get_data() == stored


def test_a_visitor_gets_the_stored_bytes_and_a_304_for_them(app, client, world, login_as, db):
    _publish_from_page(client, world, login_as)
    path = f"/instansi/{world.opd.slug}"
    first = client.get(path)
    assert first.status_code == 200 and first.headers["Content-Security-Policy"]
    assert client.get(path, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    _mark(db, path, b"<p>halaman tersimpan</p>")
    visitor = app.test_client()  # no cookie at all: answered before Flask runs
    assert visitor.get(path).get_data() == b"<p>halaman tersimpan</p>"
    # this browser still carries a session cookie (signed out): answered by the view's wrapper
    assert client.get(path).get_data() == b"<p>halaman tersimpan</p>"
    client.set_cookie("bahasa", "en")
    assert client.get(path).get_data() == b"<p>halaman tersimpan</p>"  # both languages marked
    # anything but the plain page is rendered live
    assert b"tersimpan" not in client.get(path + "?publikasi=").get_data()
    assert b"tersimpan" not in client.get(path, headers={"HX-Request": "true",
                                                         "HX-Target": "isi"}).get_data()
    login_as("pegawai")
    assert b"tersimpan" not in client.get(path).get_data()


def test_a_new_publication_replaces_the_stored_pages(client, world, login_as, db):
    add_answers(world.layanan, 40, (4,) * 9)
    _publish_from_page(client, world, login_as)
    path = f"/instansi/{world.opd.slug}"
    assert b"versi 1" in _stored(db, path).body
    # published by anyone, anyhow: the stale rows go in the publication's own transaction
    publish(world, catatan="Jawaban terlambat")
    assert _stored(db, path) is None and _stored(db, "/") is None
    assert b"versi 2" in client.get(path).get_data()
    _publish_from_page(client, world, login_as, catatan="Data diperbaiki")
    page = _stored(db, path).body.decode()
    assert "versi 3" in page and "Data diperbaiki" in page


def test_a_render_overtaken_by_a_newer_publication_stores_nothing(app, world, db):
    first = publish(world)
    publish(world)  # committed while the first one's pages were being rendered
    assert prerender._store(app, world.pemda.id, [f"/instansi/{world.opd.slug}"], first.id) == -1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(HalamanTerbit)) == 0
    result = prerender.publication(world.pemda.id, app)
    assert result.halaman > 0 and not result.batal


def test_stored_pages_are_read_fresh_on_a_connection_of_their_own(app):
    """Outside the tests' shared transaction: each worker thread reads the store on a held
    connection in autocommit, so a page stored later is seen at once, and a broken connection
    is replaced."""
    engine = _db.engine
    key = prerender.page_key("/instansi/uji-koneksi", "", "id")
    with engine.begin() as conn:
        conn.execute(sa.insert(HalamanTerbit).values(
            kunci=key, path="/instansi/uji-koneksi", bahasa="id", pemda_id=None,
            headers=[["Content-Type", "text/html; charset=utf-8"]], body=b"satu", etag="e1"))
    try:
        assert cache.stored_page("/instansi/uji-koneksi", "", "id")[2] == b"satu"
        with engine.begin() as conn:
            conn.execute(sa.update(HalamanTerbit).where(HalamanTerbit.kunci == key)
                         .values(body=b"dua"))
        assert cache.stored_page("/instansi/uji-koneksi", "", "id")[2] == b"dua"
        cache._held.connection.connection.dbapi_connection.close()  # the database went away
        assert cache.stored_page("/instansi/uji-koneksi", "", "id")[2] == b"dua"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.delete(HalamanTerbit).where(HalamanTerbit.kunci == key))
