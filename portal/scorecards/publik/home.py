"""The site's home page (mounted at / by the site blueprint): the headline figures of the latest
publications, read and cached like every public scorecard page."""

from __future__ import annotations

from flask import current_app, request

from portal.core.rendering import render_page
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


@cache.public
def home_page():
    publications = queries.current_publications()
    pub = chosen(publications, request.args.get("pemda"))
    return render_page("scorecards/publik/home.html", publikasi=publications, pilihan=pub,
                       naik=queries.most_improved())
