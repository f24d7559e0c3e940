"""The Open311 views: discovery, the service list and definitions, filing a complaint with an API
key, and the public list and look-up of complaints (all through ``queries.public_list``). Each
answers in JSON or XML from the same data (``blueprint.answer``)."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, request, url_for
from flask.wrappers import Response
from flask_babel import format_date
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from sqlalchemy.exc import IntegrityError

from portal.complaints import queries, services
from portal.complaints.models import Pengaduan
from portal.complaints.open311 import parsing
from portal.complaints.open311.blueprint import ApiError, answer, api_view, bp, split_format
from portal.complaints.open311.keys import active_key, digest
from portal.complaints.open311.queries import (
    GENERIC_CODE,
    active_services,
    catalogue_changed_at,
    find_service,
)
from portal.complaints.open311.serialisation import (
    attributes,
    discovery_json,
    request_json,
    service_json,
)
from portal.core.models import DomainError, utcnow
from portal.extensions import db, limiter


def _rate_key() -> str:
    """Per API key (its digest: the key itself never reaches the counter store) and address."""
    return f"{digest(request.form.get('api_key', ''))[:16]}@{get_remote_address()}"


def _private(response: Response) -> Response:
    """An answer asked for by tracking code: the code is in the URL, so never kept or indexed."""
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.get("/discovery.<fmt>")
@api_view
def discovery():
    # the endpoint's base: this blueprint's root, as the client reached it
    base = url_for("open311.service_list", fmt="json", _external=True).rpartition("/")[0]
    return answer("discovery", discovery_json(base, catalogue_changed_at()))


@bp.get("/services.<fmt>")
@api_view
def service_list():
    services_ = [service_json(layanan) for layanan in active_services(parsing.jurisdiction())]
    return answer("services", [*services_, service_json(None)])


@bp.get("/services/<name>")
def service_definition(name: str):
    code, fmt = split_format(name)
    return _service_definition(code, fmt=fmt)


@api_view
def _service_definition(code: str):
    if code != GENERIC_CODE and find_service(code, active=True) is None:
        raise ApiError(404, _("Kolom %(kolom)s: %(nilai)s tidak dikenal.",
                              kolom="service_code", nilai=code))
    return answer("service_definition", {"service_code": code, "attributes": attributes()})


@bp.post("/requests.<fmt>")
@limiter.limit(lambda: current_app.config["PORTAL_OPEN311_LIMIT"], key_func=_rate_key,
               scope="open311-kirim")
@api_view
def create_request():
    kunci = active_key(request.form.get("api_key"))
    if kunci is None:
        raise ApiError(403, _("api_key tidak ada atau tidak sah."))
    data = parsing.laporan()
    key = parsing.idempotency_key(kunci)
    try:
        pengaduan, created = services.file_pengaduan(data, key, saluran=kunci.nama)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        raise ApiError(400, error.message) from None
    except IntegrityError:  # the same request sent twice at the same moment
        db.session.rollback()
        pengaduan, created = services.find_by_idempotency_key(key), False
        if pengaduan is None:
            raise
    notice = _("Laporan diterima. Simpan kode lacak ini: hanya dengan kode ini pelapor dapat "
               "mengikuti laporannya. Petugas memeriksa laporan paling lambat %(batas)s.",
               batas=format_date(pengaduan.batas_verifikasi, "long"))
    return answer("service_requests", [{"service_request_id": pengaduan.kode_lacak,
                                        "service_notice": notice, "account_id": None}],
                  status=201 if created else 200, cache="no-store")


@bp.get("/requests.<fmt>")
# look-ups by tracking code, one at a time or many in a list (each code counts), share one limit
@limiter.shared_limit(lambda: current_app.config["PORTAL_TRACKING_LIMIT"], scope="open311-lacak",
                      cost=parsing.codes_asked, exempt_when=lambda: not parsing.codes_asked())
@api_view
def request_list():
    if parsing.ids_asked():  # the spec: service_request_id overrides every other filter
        return _requests_by_id(parsing.lookup_keys())
    args = request.args
    start, end = parsing.parse_time("start_date"), parsing.parse_time("end_date")
    if start is None:
        start = (end or utcnow()) - timedelta(days=parsing.SPAN_DAYS)
    limit = parsing.int_arg("limit", parsing.LIMIT_DEFAULT, parsing.LIMIT_MAX)
    page = parsing.int_arg("page", 1, parsing.PAGE_MAX)
    stmt = queries.public_list().where(parsing.service_filter(args.get("service_code", "")),
                                       parsing.status_filter(args.get("status", "")),
                                       Pengaduan.diterima_at >= start)
    if end is not None:
        stmt = stmt.where(Pengaduan.diterima_at <= end)
    rows = db.session.scalars(stmt.limit(limit).offset((page - 1) * limit))
    return answer("service_requests", [request_json(p, str(p.id)) for p in rows])


def _requests_by_id(keys: list[int | str]) -> Response:
    """Those complaints, in the order asked; each named as asked (number or code)."""
    numbers = [key for key in keys if isinstance(key, int)]
    codes = [key for key in keys if isinstance(key, str)]
    found: dict[int | str, Pengaduan] = {}
    for pengaduan in db.session.scalars(queries.public_list().where(
            sa.or_(Pengaduan.id.in_(numbers), Pengaduan.kode_lacak.in_(codes)))):
        found[pengaduan.id] = found[pengaduan.kode_lacak] = pengaduan
    response = answer("service_requests",
                      [request_json(found[key], str(key)) for key in keys if key in found])
    return _private(response) if codes else response


@bp.get("/requests/<name>")
@limiter.shared_limit(lambda: current_app.config["PORTAL_TRACKING_LIMIT"], scope="open311-lacak")
def request_detail(name: str):
    ident, fmt = split_format(name)
    return _request_detail(ident, fmt=fmt)


@api_view
def _request_detail(ident: str):
    """By number (as in the list), or by tracking code (what a POST answered); a rahasia
    complaint is not found either way."""
    key = parsing.lookup_key(ident)
    if isinstance(key, int):
        where = Pengaduan.id == key
    elif key is not None:
        where = Pengaduan.kode_lacak == key
    else:
        where = sa.false()
    pengaduan = db.session.scalar(queries.public_list().where(where))
    if pengaduan is None:
        raise ApiError(404, _("Laporan tidak ditemukan."))
    if isinstance(key, int):
        return answer("service_requests", [request_json(pengaduan, ident)])
    return _private(answer("service_requests", [request_json(pengaduan, key)]))
