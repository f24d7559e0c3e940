"""The scorecards' one blueprint. Its views live in the rooms (publik/, survei/, kelola/), which
import ``bp`` from here; the app factory imports them, so nothing imports a routes module back."""

from __future__ import annotations

from flask import Blueprint, request

from portal.extensions import limiter
from portal.scorecards import cache

bp = Blueprint("scorecards", __name__)

#: public, read-only, cached views: no rate limit, and the limiter's per-request work skipped
UNLIMITED = frozenset({
    "site.home", "scorecards.instansi_list", "scorecards.instansi_detail", "scorecards.metodologi",
    "scorecards.data_index", "scorecards.table_download", "scorecards.list_download",
    "scorecards.publication_download", "scorecards.dictionary_download", "scorecards.api_list",
    "scorecards.api_detail"})


@bp.record_once
def _install_page_cache(state) -> None:
    state.app.wsgi_app = cache.PublicPageCache(state.app.wsgi_app, state.app)


@limiter.request_filter
def _unlimited() -> bool:
    return request.endpoint in UNLIMITED
