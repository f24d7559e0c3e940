"""``/notifikasi``: the signed-in user's notifications; opening one marks it read."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core.authz import load_or_404, require
from portal.core.forms import page_number
from portal.core.rendering import render_page
from portal.core.templating import is_safe_next
from portal.extensions import db
from portal.notifications import queries, services
from portal.notifications.kinds import message
from portal.notifications.models import Notifikasi

bp = Blueprint("notifications", __name__, url_prefix="/notifikasi")


@bp.get("")
@login_required
def index():
    page = db.paginate(queries.for_user(current_user.id), page=page_number(request.args.get("page")),
                       per_page=current_app.config["PORTAL_PAGE_SIZE"], error_out=False)
    return render_page("notifications/index.html", page=page)


@bp.post("/<int:notifikasi_id>/buka")
@login_required
def open_one(notifikasi_id: int):
    item = load_or_404(Notifikasi, notifikasi_id)
    require(item.user_id == current_user.id)
    services.mark_read(current_user, item)
    db.session.commit()
    # only a path inside the portal is followed, so a stored URL can never send anyone away
    return redirect(item.url if is_safe_next(item.url) else url_for("notifications.index"))


@bp.post("/baca-semua")
@login_required
def read_all():
    count = services.mark_all_read(current_user)
    db.session.commit()
    flash(_("%(n)s notifikasi ditandai sudah dibaca.", n=count), "success")
    return redirect(url_for("notifications.index"))


def register(app) -> None:
    """The unread count every page's header shows (one indexed count per signed-in request)."""
    app.jinja_env.globals["notification_message"] = message

    @app.context_processor
    def _unread() -> dict:
        def unread_notifications() -> int:
            if not current_user.is_authenticated:
                return 0
            return queries.unread_count(current_user.id)

        return {"unread_notifications": unread_notifications}
