"""The Open311 views: the service list and definitions, filing a complaint with an API key, and
the public list and look-up of complaints (all through ``queries.public_list``)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, jsonify, request
from flask_babel import format_date
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from sqlalchemy.exc import IntegrityError

from portal.complaints import queries, services
from portal.complaints.models import Pengaduan
from portal.complaints.open311 import parsing
from portal.complaints.open311.blueprint import ApiError, api_view, bp, public, split_format
from portal.complaints.open311.keys import active_key, digest
from portal.complaints.open311.queries import GENERIC_CODE, active_services, find_service
from portal.complaints.open311.serialisation import attributes, request_json, service_json
from portal.complaints.tracking import CODE_LENGTH, normalise_code
from portal.core.models import DomainError
from portal.extensions import db, limiter


def _rate_key() -> str:
    """Per API key (its digest: the key itself never reaches the counter store) and address."""
    return f"{digest(request.form.get('api_key', ''))[:16]}@{get_remote_address()}"


@bp.get("/services.<fmt>")
@api_view
def service_list():
    services_ = [service_json(layanan) for layanan in active_services(parsing.jurisdiction())]
    return public([*services_, service_json(None)])


@bp.get("/services/<name>")
def service_definition(name: str):
    code, fmt = split_format(name)
    return _service_definition(code, fmt=fmt)


@api_view
def _service_definition(code: str):
    if code != GENERIC_CODE and find_service(code, active=True) is None:
        raise ApiError(404, _("Kolom %(kolom)s: %(nilai)s tidak dikenal.",
                              kolom="service_code", nilai=code))
    return public({"service_code": code, "attributes": attributes()})


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
    response = jsonify([{"service_request_id": pengaduan.kode_lacak, "service_notice": notice,
                         "account_id": None}])
    response.status_code = 201 if created else 200
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/requests.<fmt>")
@api_view
def request_list():
    args = request.args
    start, end = parsing.parse_time("start_date"), parsing.parse_time("end_date")
    limit = parsing.int_arg("limit", parsing.LIMIT_DEFAULT, parsing.LIMIT_MAX)
    page = parsing.int_arg("page", 1, parsing.PAGE_MAX)
    stmt = queries.public_list().where(parsing.service_filter(args.get("service_code", "")),
                                       parsing.status_filter(args.get("status", "")))
    if start is not None:
        stmt = stmt.where(Pengaduan.diterima_at >= start)
    if end is not None:
        stmt = stmt.where(Pengaduan.diterima_at <= end)
    rows = db.session.scalars(stmt.limit(limit).offset((page - 1) * limit))
    return public([request_json(p, str(p.id)) for p in rows])


@bp.get("/requests/<name>")
@limiter.limit(lambda: current_app.config["PORTAL_TRACKING_LIMIT"], scope="open311-lacak")
def request_detail(name: str):
    ident, fmt = split_format(name)
    return _request_detail(ident, fmt=fmt)


@api_view
def _request_detail(ident: str):
    """By number (as in the list), or by tracking code (what a POST answered); a rahasia
    complaint is not found either way."""
    by_number = ident.isascii() and ident.isdigit() and len(ident) < CODE_LENGTH
    code = None if by_number else normalise_code(ident)
    if by_number:  # beyond a 32-bit id nothing can match (PostgreSQL would refuse to compare)
        where = Pengaduan.id == int(ident) if int(ident) < 2**31 else sa.false()
    elif code is not None:
        where = Pengaduan.kode_lacak == code
    else:
        where = sa.false()
    pengaduan = db.session.scalar(queries.public_list().where(where))
    if pengaduan is None:
        raise ApiError(404, _("Laporan tidak ditemukan."))
    if by_number:
        return public([request_json(pengaduan, ident)])
    response = jsonify([request_json(pengaduan, code)])
    response.headers["Cache-Control"] = "private, no-store"  # the code is in the URL
    response.headers["X-Robots-Tag"] = "noindex"
    return response
