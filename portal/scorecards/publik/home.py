"""The site's home page (mounted at / by the site blueprint): the headline figures of the latest
publications, read and cached like every public scorecard page."""

from __future__ import annotations

from portal.core.rendering import render_page
from portal.scorecards import cache
from portal.scorecards.publik import queries


@cache.public
def home_page():
    return render_page("scorecards/publik/home.html", publikasi=queries.current_publications(),
                       naik=queries.most_improved())
