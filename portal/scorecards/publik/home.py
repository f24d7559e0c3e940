"""The site's home page (mounted at / by the site blueprint): the headline figures of the latest
publications, read and cached like every public scorecard page."""

from __future__ import annotations

import threading
from typing import Any

from flask import current_app, request

from portal.core.rendering import render_page
from portal.extensions import db
from portal.scorecards import cache
from portal.scorecards.models import PublikasiRapor
from portal.scorecards.publik import queries


def chosen(publications: list[PublikasiRapor], slug: str | None) -> PublikasiRapor | None:
    """The publication the home page shows: the pemda picked (``?pemda=``), else the pemda of
    the portal's own province, else the first. One card, not one per pemda: with 17 pemda the
    page was 9,000 px tall on a phone."""
    if not publications:
        return None
    by_slug = {pub.pemda.slug: pub for pub in publications}
    if slug in by_slug:
        return by_slug[slug]
    home = current_app.config["PORTAL_HOME_REGION"]
    return next((pub for pub in publications if pub.pemda.wilayah.kode == home), publications[0])


_lock = threading.Lock()
_naik: list[Any] = [None, None]  # [publication stamp, list of Kenaikan]


def most_improved() -> list[queries.Kenaikan]:
    """The same for every pemda picked on the home page: worked out once per worker and
    publication stamp (548 ``?pemda=`` pages would each read every current scorecard)."""
    now = cache.stamp()
    with _lock:
        if _naik[0] == now:
            return _naik[1]
    naik = queries.most_improved()
    for kenaikan in naik:
        db.session.expunge(kenaikan.rapor)  # kept beyond this request's session
    with _lock:
        _naik[:] = [now, naik]
    return naik


def _forget() -> None:
    with _lock:
        _naik[:] = [None, None]


cache.on_invalidate(_forget)


@cache.public
def home_page():
    publications = queries.current_publications()
    pub = chosen(publications, request.args.get("pemda"))
    return render_page("scorecards/publik/home.html", publikasi=publications, pilihan=pub,
                       naik=most_improved())
