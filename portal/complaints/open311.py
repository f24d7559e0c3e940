"""Open311 GeoReport v2 at ``/open311/v2/``, JSON only: partner apps file complaints with an
API key, and anyone may read the public side of the complaints.

Service codes are ``<opd.slug>.<layanan.slug>`` for a service of an OPD (slugs are set once,
when the OPD or service is made, and never change) and ``lainnya`` for a complaint whose OPD or
service the reporter does not know; the koordinator routes those. ``jurisdiction_id`` is a
pemda's slug: it narrows ``services.json`` and tells a ``lainnya`` complaint's pemda.

``service_request_id`` is the tracking code only where the caller already holds it (the answer
to a POST, a look-up by code). The tracking code is the reporter's key to their complaint (the
tracking page lets its holder add information, accept or dispute an answer), so public lists
carry the complaint's number instead, as the web list carries no code at all.

Everything public obeys ``queries.public_list``: never a rahasia complaint, never a name or a
contact, the text only as the summary staff approved. Answers are in Indonesian whatever the
language cookie says, so a shared cache may keep them.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, time
from functools import wraps
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import Blueprint, current_app, jsonify, request
from flask.wrappers import Response
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager
from werkzeug.exceptions import HTTPException

from portal.complaints import queries, services
from portal.complaints.forms import ISI_MAX, ISI_MIN
from portal.complaints.models import (
    JENIS_LAPORAN_LABEL,
    Identitas,
    JenisLaporan,
    KunciApi,
    Pengaduan,
    StatusPengaduan,
)
from portal.complaints.tracking import CODE_LENGTH, normalise_code
from portal.core.errors import MESSAGES
from portal.core.models import DomainError, record_audit
from portal.core.templating import format_rupiah
from portal.core.text import squash_spaces
from portal.extensions import csrf, db, limiter
from portal.org.models import Layanan, Opd, Pemda

bp = Blueprint("open311", __name__, url_prefix="/open311/v2")
csrf.exempt(bp)  # a partner authenticates with its API key, not with a session and a form

GENERIC_CODE = "lainnya"
S = StatusPengaduan
CLOSED = frozenset({S.SELESAI, S.DITUTUP, S.DITOLAK, S.BUKAN_WEWENANG, S.DIGABUNG})
LIMIT_DEFAULT, LIMIT_MAX, PAGE_MAX = 50, 1000, 10_000
JUDUL_MAX, JUDUL_MIN = 150, 10
NAMA_MAX, ALAMAT_MAX, IDEMPOTENCY_MAX = 160, 300, 200
PUBLIC_CACHE = "public, max-age=60"


class ApiError(Exception):
    """An Open311 error: answered as ``[{"code": …, "description": …}]``."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


# --- API keys ----------------------------------------------------------------------------------

def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_api_key(nama: str) -> tuple[KunciApi, str]:
    """A new key for a partner channel; the caller shows the key once and commits. ``nama``
    becomes the ``saluran`` of every complaint the partner files."""
    nama = squash_spaces(nama)
    saluran_max = Pengaduan.saluran.type.length
    if not nama or len(nama) > saluran_max:
        raise DomainError(f"The name must be 1 to {saluran_max} characters.", "nama")
    if db.session.scalar(sa.select(KunciApi.id).where(KunciApi.nama == nama)) is not None:
        raise DomainError(f"An API key named {nama!r} already exists.", "nama")
    key = secrets.token_urlsafe(32)
    kunci = KunciApi(nama=nama, awalan=key[:8], sha256=_digest(key), aktif=True)
    db.session.add(kunci)
    record_audit(None, kunci, "dibuat")
    return kunci, key


def revoke_api_key(nama: str) -> KunciApi:
    """Switch a key off for good; the row stays, as the name of the channel it served."""
    kunci = db.session.scalar(sa.select(KunciApi).where(KunciApi.nama == squash_spaces(nama)))
    if kunci is None:
        raise DomainError(f"No API key is named {nama!r}.", "nama")
    if kunci.aktif:
        kunci.aktif = False
        record_audit(None, kunci, "dicabut")
        db.session.flush()
    return kunci


def list_api_keys() -> list[KunciApi]:
    return list(db.session.scalars(sa.select(KunciApi).order_by(KunciApi.nama)))


def _active_key(key: str | None) -> KunciApi | None:
    if not key:
        return None
    return db.session.scalar(sa.select(KunciApi).where(KunciApi.sha256 == _digest(key),
                                                       KunciApi.aktif))


def _rate_key() -> str:
    """Per API key (its digest: the key itself never reaches the counter store) and address."""
    return f"{_digest(request.form.get('api_key', ''))[:16]}@{get_remote_address()}"


# --- pure helpers ------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def judul_dari(isi: str) -> str:
    """The title of a complaint sent without one: its first sentence, at most 150 characters
    cut at a word. A first sentence too short to say anything ("Yth." …) gives way to the
    start of the whole text."""
    text = squash_spaces(isi)
    judul = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(judul) < JUDUL_MIN:
        judul = text
    if len(judul) <= JUDUL_MAX:
        return judul
    cut = judul[:JUDUL_MAX - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "\u2026"


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def iso_time(value: datetime | None) -> str | None:
    """A stored (naive UTC) time as ISO 8601 with the local offset: 2026-11-02T10:00:00+07:00."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC).astimezone(_zone()).isoformat(timespec="seconds")


def _parse_time(name: str) -> datetime | None:
    """A query time as naive UTC; one without an offset is read in the local zone (WIB)."""
    text = request.args.get(name, "").strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise ApiError(400, _("Kolom %(kolom)s harus berupa waktu ISO 8601, misalnya "
                              "2026-11-02T08:00:00+07:00.", kolom=name)) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=_zone())
    return value.astimezone(UTC).replace(tzinfo=None)


def _int_arg(name: str, default: int, maximum: int) -> int:
    text = request.args.get(name, "").strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= maximum:
        raise ApiError(400, _("Kolom %(kolom)s harus bilangan bulat %(min)s sampai %(max)s.",
                              kolom=name, min=1, max=maximum))
    return int(text)


def _choices(name: str, value: str, allowed: list[str]) -> str:
    if value not in allowed:
        raise ApiError(400, _("Nilai %(kolom)s tidak sah; pilih salah satu dari: %(pilihan)s.",
                              kolom=name, pilihan=", ".join(allowed)))
    return value


# --- responses ---------------------------------------------------------------------------------

def _error_response(code: int, description: str) -> Response:
    response = jsonify([{"code": code, "description": description}])
    response.status_code = code
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(ApiError)
def _api_error(error: ApiError) -> Response:
    return _error_response(error.code, error.description)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    code = error.code or 500
    with force_locale("id"):
        text = MESSAGES[code][1] if code in MESSAGES else MESSAGES[500][1]
        return _error_response(code, str(text))


@bp.errorhandler(Exception)
def _unexpected(error: Exception) -> Response:
    db.session.rollback()
    current_app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    if current_app.config.get("TESTING") and current_app.config.get("PROPAGATE_EXCEPTIONS"):
        raise error
    with force_locale("id"):
        return _error_response(500, str(MESSAGES[500][1]))


def _api_view(view: Callable[..., Any]) -> Callable[..., Any]:
    """JSON only (the ``.json`` suffix), answered in Indonesian."""

    @wraps(view)
    def wrapped(*args: Any, fmt: str, **kwargs: Any) -> Any:
        with force_locale("id"):
            if fmt != "json":
                raise ApiError(400, _("Hanya format JSON yang didukung: akhiri alamatnya dengan "
                                      ".json."))
            return view(*args, **kwargs)

    return wrapped


def _split_format(name: str) -> tuple[str, str]:
    """``disdukcapil-bdl.ktp-el.json`` → (``disdukcapil-bdl.ktp-el``, ``json``)."""
    ident, _dot, fmt = name.rpartition(".")
    return (ident, fmt) if ident else (name, "")


def _public(payload: Any, status: int = 200) -> Response:
    response = jsonify(payload)
    response.status_code = status
    response.headers["Cache-Control"] = PUBLIC_CACHE
    return response


# --- services ----------------------------------------------------------------------------------

def service_code(layanan: Layanan | None) -> str:
    return f"{layanan.opd.slug}.{layanan.slug}" if layanan is not None else GENERIC_CODE


def _active_services(pemda: Pemda | None) -> list[Layanan]:
    stmt = (
        sa.select(Layanan)
        .join(Opd, Layanan.opd_id == Opd.id)
        .join(Pemda, Opd.pemda_id == Pemda.id)
        .where(Layanan.aktif, Opd.aktif)
        .options(contains_eager(Layanan.opd).contains_eager(Opd.pemda))
        .order_by(Pemda.nama, Opd.nama, Layanan.nama)
    )
    if pemda is not None:
        stmt = stmt.where(Opd.pemda_id == pemda.id)
    return list(db.session.scalars(stmt))


def _find_service(code: str, *, active: bool) -> Layanan | None:
    opd_slug, dot, layanan_slug = code.partition(".")
    if not dot:
        return None
    stmt = (sa.select(Layanan).join(Opd, Layanan.opd_id == Opd.id)
            .where(Opd.slug == opd_slug, Layanan.slug == layanan_slug))
    if active:
        stmt = stmt.where(Layanan.aktif, Opd.aktif)
    return db.session.scalar(stmt)


def _jurisdiction() -> Pemda | None:
    slug = request.values.get("jurisdiction_id", "").strip()
    if not slug:
        return None
    pemda = db.session.scalar(sa.select(Pemda).where(Pemda.slug == slug))
    if pemda is None:
        raise ApiError(400, _("Kolom %(kolom)s: %(nilai)s tidak dikenal.",
                              kolom="jurisdiction_id", nilai=slug))
    return pemda


def _standar_pelayanan(layanan: Layanan) -> str:
    if layanan.biaya_rupiah == 0:
        return _("Standar pelayanan: selesai dalam %(hari)s hari kerja, tanpa biaya. "
                 "Produk: %(produk)s.", hari=layanan.waktu_penyelesaian_hari,
                 produk=layanan.produk)
    biaya = format_rupiah(layanan.biaya_rupiah)
    return _("Standar pelayanan: selesai dalam %(hari)s hari kerja, biaya %(biaya)s. "
             "Produk: %(produk)s.", hari=layanan.waktu_penyelesaian_hari, biaya=biaya,
             produk=layanan.produk)


def _service_json(layanan: Layanan | None) -> dict[str, Any]:
    if layanan is None:
        return {"service_code": GENERIC_CODE,
                "service_name": _("Lainnya atau tidak tahu instansinya"),
                "description": _("Untuk laporan yang instansi (OPD) atau layanannya tidak "
                                 "diketahui pelapor; petugas pemda meneruskannya ke OPD yang "
                                 "tepat."),
                "metadata": True, "type": "realtime", "keywords": "", "group": _("Umum"),
                "jurisdiction_id": None}
    return {"service_code": service_code(layanan), "service_name": layanan.nama,
            "description": _standar_pelayanan(layanan), "metadata": True, "type": "realtime",
            "keywords": "", "group": layanan.opd.nama, "jurisdiction_id": layanan.opd.pemda.slug}


def _attributes() -> list[dict[str, Any]]:
    """What a complaint may carry besides the standard fields; all optional. ``metadata`` is
    true on every service because of these (the spec ties the two together)."""

    def single_list(code: str, order: int, description: str, values: list[tuple[str, str]]):
        return {"variable": True, "code": code, "datatype": "singlevaluelist",
                "required": False, "datatype_description": None, "order": order,
                "description": description,
                "values": [{"key": key, "name": name} for key, name in values]}

    return [
        single_list("jenis", 1, _("Jenis laporan; bila tidak diisi: pengaduan."),
                    [(k.value, str(label)) for k, label in JENIS_LAPORAN_LABEL.items()]),
        single_list("identitas", 2, _("Perlakuan identitas pelapor; bila tidak diisi: biasa "
                                      "bila nama atau kontak diisi, selain itu anonim."), [
            (Identitas.BIASA.value, _("Biasa: nama dan kontak pelapor diketahui petugas, "
                                      "tidak pernah ditampilkan ke publik")),
            (Identitas.RAHASIA.value, _("Rahasia: identitas pelapor disembunyikan juga dari "
                                        "OPD, dan laporan tidak tampil di daftar publik")),
            (Identitas.ANONIM.value, _("Anonim: tidak ada identitas yang disimpan")),
        ]),
        {"variable": True, "code": "idempotency_key", "datatype": "string", "required": False,
         "datatype_description": None, "order": 3,
         "description": _("Kunci unik dari aplikasi pengirim: kiriman ulang dengan kunci yang "
                          "sama tidak membuat laporan baru."),
         "values": []},
    ]


@bp.get("/services.<fmt>")
@_api_view
def service_list():
    services_ = [_service_json(layanan) for layanan in _active_services(_jurisdiction())]
    return _public([*services_, _service_json(None)])


@bp.get("/services/<name>")
def service_definition(name: str):
    code, fmt = _split_format(name)
    return _service_definition(code, fmt=fmt)


@_api_view
def _service_definition(code: str):
    if code != GENERIC_CODE and _find_service(code, active=True) is None:
        raise ApiError(404, _("Kolom %(kolom)s: %(nilai)s tidak dikenal.",
                              kolom="service_code", nilai=code))
    return _public({"service_code": code, "attributes": _attributes()})


# --- filing ------------------------------------------------------------------------------------

def _field(name: str, maximum: int) -> str:
    value = squash_spaces(request.form.get(name))
    if len(value) > maximum:
        raise ApiError(400, _("Kolom %(kolom)s paling banyak %(max)s karakter.", kolom=name,
                              max=maximum))
    return value


def _attribute(code: str) -> str:
    return request.form.get(f"attribute[{code}]", "").strip()


def _laporan() -> services.LaporanData:
    """Read and check a POST the way the web form checks its fields."""
    code = request.form.get("service_code", "").strip()
    if not code:
        raise ApiError(400, _("Kolom %(kolom)s wajib diisi.", kolom="service_code"))
    layanan, wilayah_id = None, None
    if code == GENERIC_CODE:
        pemda = _jurisdiction()
        wilayah_id = pemda.wilayah_id if pemda else None  # the right koordinator sees it
    else:
        layanan = _find_service(code, active=True)
        if layanan is None:
            raise ApiError(400, _("Kolom %(kolom)s: %(nilai)s tidak dikenal.",
                                  kolom="service_code", nilai=code))
    isi = request.form.get("description", "").strip()
    if not isi:
        raise ApiError(400, _("Kolom %(kolom)s wajib diisi.", kolom="description"))
    if not ISI_MIN <= len(isi) <= ISI_MAX:
        raise ApiError(400, _("Kolom %(kolom)s harus %(min)s sampai %(max)s karakter.",
                              kolom="description", min=ISI_MIN, max=ISI_MAX))
    nama = squash_spaces(f"{request.form.get('first_name', '')} "
                         f"{request.form.get('last_name', '')}")
    if len(nama) > NAMA_MAX:
        raise ApiError(400, _("Kolom %(kolom)s paling banyak %(max)s karakter.",
                              kolom="first_name + last_name", max=NAMA_MAX))
    telepon = _field("phone", 20)
    if telepon and (len(telepon) < 8 or sum(ch.isdigit() for ch in telepon) < 8):
        raise ApiError(400, _("Nomor telepon 8 sampai 20 angka."))
    email = _field("email", 200)
    if email:
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            raise ApiError(400, _("Alamat email tidak sah.")) from None
    jenis = _attribute("jenis") or JenisLaporan.PENGADUAN.value
    identitas = _attribute("identitas") or (
        Identitas.BIASA.value if nama or telepon or email else Identitas.ANONIM.value)
    return services.LaporanData(
        jenis=JenisLaporan(_choices("attribute[jenis]", jenis, [j.value for j in JenisLaporan])),
        judul=judul_dari(isi), isi=isi,
        opd_id=layanan.opd_id if layanan else None, layanan_id=layanan.id if layanan else None,
        tanggal_kejadian=None, wilayah_id=wilayah_id,
        lokasi=_field("address_string", ALAMAT_MAX) or None,
        identitas=Identitas(_choices("attribute[identitas]", identitas,
                                     [i.value for i in Identitas])),
        nama=nama or None, telepon=telepon or None, email=email or None)


def _idempotency_key(kunci: KunciApi) -> str:
    """The partner's own key when it sends one, scoped to the partner (so no partner can reach
    another's complaint with a guessed key); else a fresh one."""
    sent = _attribute("idempotency_key") or request.headers.get("Idempotency-Key", "").strip()
    if not sent:
        return uuid.uuid4().hex
    if len(sent) > IDEMPOTENCY_MAX:
        raise ApiError(400, _("Kolom %(kolom)s paling banyak %(max)s karakter.",
                              kolom="idempotency_key", max=IDEMPOTENCY_MAX))
    return _digest(f"open311:{kunci.id}:{sent}")


@bp.post("/requests.<fmt>")
@limiter.limit(lambda: current_app.config["PORTAL_OPEN311_LIMIT"], key_func=_rate_key,
               scope="open311-kirim")
@_api_view
def create_request():
    kunci = _active_key(request.form.get("api_key"))
    if kunci is None:
        raise ApiError(403, _("api_key tidak ada atau tidak sah."))
    data = _laporan()
    key = _idempotency_key(kunci)
    try:
        pengaduan, created = services.file_pengaduan(data, key)
        if created:
            pengaduan.saluran = kunci.nama
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


# --- reading -----------------------------------------------------------------------------------

def _request_json(pengaduan: Pengaduan, ident: str) -> dict[str, Any]:
    area = queries.kabupaten_kota(pengaduan.wilayah)
    item: dict[str, Any] = {
        "service_request_id": ident,
        "status": "closed" if pengaduan.status in CLOSED else "open",
        "status_notes": pengaduan.status_label,
        "service_name": (pengaduan.layanan.nama if pengaduan.layanan
                         else _("Lainnya atau tidak tahu instansinya")),
        "service_code": service_code(pengaduan.layanan),
        "agency_responsible": pengaduan.opd.nama if pengaduan.opd else None,
        "service_notice": None,
        "requested_datetime": iso_time(pengaduan.diterima_at),
        "updated_datetime": iso_time(pengaduan.updated_at),
        "expected_datetime": (
            datetime.combine(pengaduan.batas_selesai, time(23, 59, 59), _zone())
            .isoformat(timespec="seconds") if pengaduan.batas_selesai else None),
        # the kabupaten/kota only: the reporter's own words about the place are not public
        "address": area.nama_lengkap if area else None,
        "lat": None, "long": None, "media_url": None,
    }
    if pengaduan.ringkasan_publik_disetujui and pengaduan.ringkasan_publik:
        item["description"] = pengaduan.ringkasan_publik
    return item


def _service_filter(text: str) -> sa.ColumnElement[bool]:
    conditions = []
    for code in filter(None, (part.strip() for part in text.split(","))):
        if code == GENERIC_CODE:
            conditions.append(Pengaduan.layanan_id.is_(None))
            continue
        layanan = _find_service(code, active=False)
        if layanan is None:
            raise ApiError(400, _("Kolom %(kolom)s: %(nilai)s tidak dikenal.",
                                  kolom="service_code", nilai=code))
        conditions.append(Pengaduan.layanan_id == layanan.id)
    return sa.or_(*conditions) if conditions else sa.true()


def _status_filter(text: str) -> sa.ColumnElement[bool]:
    wanted = {_choices("status", part.strip(), ["open", "closed"])
              for part in text.split(",") if part.strip()}
    if wanted == {"open"}:
        return Pengaduan.status.notin_(CLOSED)
    if wanted == {"closed"}:
        return Pengaduan.status.in_(CLOSED)
    return sa.true()


@bp.get("/requests.<fmt>")
@_api_view
def request_list():
    args = request.args
    start, end = _parse_time("start_date"), _parse_time("end_date")
    limit = _int_arg("limit", LIMIT_DEFAULT, LIMIT_MAX)
    page = _int_arg("page", 1, PAGE_MAX)
    stmt = queries.public_list().where(_service_filter(args.get("service_code", "")),
                                       _status_filter(args.get("status", "")))
    if start is not None:
        stmt = stmt.where(Pengaduan.diterima_at >= start)
    if end is not None:
        stmt = stmt.where(Pengaduan.diterima_at <= end)
    rows = db.session.scalars(stmt.limit(limit).offset((page - 1) * limit))
    return _public([_request_json(p, str(p.id)) for p in rows])


@bp.get("/requests/<name>")
@limiter.limit(lambda: current_app.config["PORTAL_TRACKING_LIMIT"], scope="open311-lacak")
def request_detail(name: str):
    ident, fmt = _split_format(name)
    return _request_detail(ident, fmt=fmt)


@_api_view
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
        return _public([_request_json(pengaduan, ident)])
    response = jsonify([_request_json(pengaduan, code)])
    response.headers["Cache-Control"] = "private, no-store"  # the code is in the URL
    response.headers["X-Robots-Tag"] = "noindex"
    return response
