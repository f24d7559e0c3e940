"""The pembinaan blueprint: the pegawai's and the atasan's pages (``kompetensi/routes.py``) and
the admin's (``kompetensi/kelola.py``) add their views to ``bp``."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, request

from portal.core.calendar import local_date
from portal.core.models import utcnow
from portal.pembinaan.kompetensi.models import (
    ANGGARAN_LABEL,
    BENTUK_LABEL,
    KOMPETENSI_LABEL,
    STATUS_MANDIRI_LABEL,
    STATUS_PESERTA_LABEL,
)
from portal.pembinaan.settings import aturan_jp

bp = Blueprint("pembinaan", __name__, url_prefix="/pembinaan")


def today() -> date:
    return local_date(utcnow())


def tahun_diminta() -> int:
    """``?tahun=`` or this year; a year the portal cannot hold answers 404."""
    this_year = today().year
    tahun = request.args.get("tahun", type=int) or this_year
    if not 2000 <= tahun <= this_year + 1:
        abort(404)
    return tahun


def dipilih(items: list, model, arg: str) -> object:
    """``?<arg>=`` among the items (OPDs, pemda) the user keeps (the first when not given): 403
    when there are none or it is another's, 404 when no such row exists."""
    from portal.core.authz import load_or_404, require
    from portal.core.routing import db_int

    require(bool(items))
    wanted = request.args.get(arg, type=db_int)
    item = next((i for i in items if i.id == wanted), None) if wanted else items[0]
    if item is None:
        load_or_404(model, wanted)
        abort(403)
    return item


def opd_diminta(opds: list) -> object:
    """``?opd=`` among the OPDs the user keeps (see ``dipilih``)."""
    from portal.org.models import Opd

    return dipilih(opds, Opd, "opd")


@bp.context_processor
def _labels() -> dict:
    return {"BENTUK_LABEL": BENTUK_LABEL, "KOMPETENSI_LABEL": KOMPETENSI_LABEL,
            "ANGGARAN_LABEL": ANGGARAN_LABEL, "STATUS_PESERTA_LABEL": STATUS_PESERTA_LABEL,
            "STATUS_MANDIRI_LABEL": STATUS_MANDIRI_LABEL,
            "menit_per_jp": aturan_jp().menit_per_jp}
