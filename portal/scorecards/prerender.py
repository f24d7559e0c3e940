"""Public pages rendered once, at publication, and served as stored bytes (issue 13).

A publication changes what a handful of URLs return: the scorecard of each OPD of that pemda
(and its API twin), the pemda's filtered OPD list, and the pages over every pemda (home, OPD
list, open data, methodology). Right after a publication is committed, ``publication()``
renders each of them in every language, as an anonymous visitor gets them, through the app
itself (so the bytes, headers and ETag are exactly those of a live answer) and stores them in
``halaman_terbit``. ``PublicPageCache`` answers a plain GET for such a URL from the store, so no
worker renders a scorecard on a visitor's request, however many OPDs there are; anything else
(a search, another filter combination, an old version, an htmx fragment) takes the ordinary path.

Staleness: ``forget()`` runs inside the publication's own transaction and deletes the rows the
publication makes stale, so from the moment it is committed those URLs are rendered live until
their new rows are stored. A render that finds a newer publication of its pemda committed
meanwhile stores nothing: that publication renders its own."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Flask, current_app

from portal.extensions import db
from portal.org.models import Pemda
from portal.scorecards.cache import PRERENDER_FLAG
from portal.scorecards.models import HalamanTerbit, PublikasiRapor, RaporOpd

#: pages over every pemda, re-rendered on every publication
GLOBAL_PATHS = ("/", "/instansi", "/data", "/metodologi", "/data/kamus.json")
#: headers that belong to one answer, not to the stored page
SKIP_HEADERS = frozenset({"set-cookie", "content-length", "date"})


def may_be_stored(path: str, query: str) -> bool:
    """Whether a URL is of a shape publication stores (``pemda_paths``, ``GLOBAL_PATHS``): no
    query string, or exactly one pemda filter on the list. Anything else (a search, a sort, a
    page number, an old version) is never in the store, so nobody asks the database for it."""
    if not query:
        return True
    return path == "/instansi" and query.startswith("pemda=") and "&" not in query


def page_key(path: str, query: str, language: str) -> str:
    return hashlib.sha256(f"{path}?{query}|{language}".encode()).hexdigest()


def pemda_paths(pemda: Pemda) -> list[str]:
    """The URLs whose answer depends on this pemda's publications only."""
    slugs = db.session.scalars(
        sa.select(RaporOpd.opd_slug).join(RaporOpd.publikasi)
        .where(PublikasiRapor.pemda_id == pemda.id, PublikasiRapor.terkini)
        .order_by(RaporOpd.opd_slug)).all()
    paths = [f"/instansi?pemda={pemda.slug}"]
    for slug in slugs:
        paths += [f"/instansi/{slug}", f"/api/v1/instansi/{slug}"]
    # the open data of each of its publications (a few KB each): /data links every one
    for publikasi_id in db.session.scalars(sa.select(PublikasiRapor.id).where(
            PublikasiRapor.pemda_id == pemda.id).order_by(PublikasiRapor.id)):
        paths += [f"/data/publikasi/{publikasi_id}.csv", f"/data/publikasi/{publikasi_id}.json"]
    return paths


def forget(pemda_id: int) -> None:
    """Inside a publication's transaction: drop the stored pages it makes stale."""
    db.session.execute(sa.delete(HalamanTerbit).where(sa.or_(
        HalamanTerbit.pemda_id == pemda_id, HalamanTerbit.pemda_id.is_(None))))


def _latest(pemda_id: int) -> int | None:
    return db.session.scalar(sa.select(sa.func.max(PublikasiRapor.id)).where(
        PublikasiRapor.pemda_id == pemda_id))


@dataclass
class Hasil:
    halaman: int = 0
    detik: float = 0.0
    batal: bool = False


def publication(pemda_id: int, app: Flask | None = None, *, with_global: bool = True) -> Hasil:
    """After a publication of ``pemda_id`` is committed: render and store its pages and the
    pages over every pemda, in every language. Runs in a fresh application context (its own
    session and ``g``), so nothing of the signed-in publisher leaks into a page."""
    app = app or current_app._get_current_object()
    started = time.perf_counter()
    with app.app_context():
        try:
            pemda = db.session.get(Pemda, pemda_id)
            latest = _latest(pemda_id)
            if pemda is None or latest is None:
                return Hasil()
            done = _store(app, pemda_id, pemda_paths(pemda), latest)
            if done >= 0 and with_global:
                done += _store(app, None, GLOBAL_PATHS, None)
            return Hasil(max(done, 0), time.perf_counter() - started, done < 0)
        finally:
            db.session.remove()


def _store(app: Flask, pemda_id: int | None, paths: Iterable[str], latest: int | None) -> int:
    # the address visitors use (links in the JSON are absolute); SERVER_NAME wins where it is set
    server = app.config.get("SERVER_NAME")
    base = f"{app.config['PREFERRED_URL_SCHEME']}://{server}" if server else app.config["PORTAL_BASE_URL"]
    clients = {}
    for language in app.config["PORTAL_LANGUAGES"]:
        clients[language] = app.test_client()
        clients[language].set_cookie("bahasa", language, domain=urlsplit(base).hostname)
    rows = []
    for path in paths:
        split = urlsplit(path)
        for language, client in clients.items():
            # a fresh application context per page: its own g (locale, user) and session, as
            # for a visitor's request, whatever context the publisher's request holds
            with app.app_context():
                response = client.get(path, base_url=base,
                                      environ_overrides={PRERENDER_FLAG: True})
            if response.status_code != 200 or not response.headers.get("ETag"):
                continue
            rows.append({
                "kunci": page_key(split.path, split.query, language), "path": path,
                "bahasa": language, "pemda_id": pemda_id, "body": response.get_data(),
                "etag": response.get_etag()[0],
                "headers": [[k, v] for k, v in response.headers.items()
                            if k.lower() not in SKIP_HEADERS]})
    if pemda_id is not None and _latest(pemda_id) != latest:
        return -1  # a newer publication was committed meanwhile: it stores its own pages
    if rows:
        db.session.execute(sa.delete(HalamanTerbit).where(
            HalamanTerbit.kunci.in_([row["kunci"] for row in rows])))
        db.session.execute(sa.insert(HalamanTerbit), rows)
    db.session.commit()
    return len(rows)


def everything(app: Flask | None = None) -> Hasil:
    """Every pemda with a publication (``flask rapor prerender``: after a deployment, or to
    fill the store of a database published before it existed)."""
    app = app or current_app._get_current_object()
    started = time.perf_counter()
    pemda_ids = db.session.scalars(sa.select(PublikasiRapor.pemda_id).distinct()).all()
    halaman = sum(publication(pemda_id, app, with_global=False).halaman for pemda_id in pemda_ids)
    with app.app_context():
        try:
            halaman += _store(app, None, GLOBAL_PATHS, None)
        finally:
            db.session.remove()
    return Hasil(halaman, time.perf_counter() - started)
