"""Reading what a partner sends: a complaint POSTed the way the web form checks its fields, and
the filters of the public list. Anything wrong is an ``ApiError`` (400) saying which field."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import request
from flask_babel import gettext as _

from portal.complaints import services
from portal.complaints.forms import ISI_MAX, ISI_MIN
from portal.complaints.models import CLOSED, Identitas, JenisLaporan, KunciApi, Pengaduan
from portal.complaints.open311.blueprint import ApiError
from portal.complaints.open311.keys import digest
from portal.complaints.open311.queries import GENERIC_CODE, find_service, pemda_by_slug
from portal.complaints.open311.serialisation import local_zone
from portal.complaints.tracking import CODE_LENGTH, normalise_code
from portal.core.text import squash_spaces
from portal.org.models import Pemda

LIMIT_DEFAULT, LIMIT_MAX, PAGE_MAX = 50, 1000, 10_000
#: a list asked without start_date covers this many days (the spec's default)
SPAN_DAYS = 90
#: numbers or codes one ``service_request_id=a,b,…`` may ask for
IDS_MAX = 100
JUDUL_MAX, JUDUL_MIN = 150, 10
NAMA_MAX, ALAMAT_MAX, IDEMPOTENCY_MAX = 160, 300, 200

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


def parse_time(name: str) -> datetime | None:
    """A query time as naive UTC; one without an offset is read in the local zone (WIB)."""
    text = request.args.get(name, "").strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
        if value.tzinfo is None:
            value = value.replace(tzinfo=local_zone())
        # 0001-01-01 in WIB is before year 1 in UTC: OverflowError, a 500 until issue 12
        return value.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):
        raise ApiError(400, _("Kolom %(kolom)s harus berupa waktu ISO 8601, misalnya "
                              "2026-11-02T08:00:00+07:00.", kolom=name)) from None


def int_arg(name: str, default: int, maximum: int) -> int:
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


def jurisdiction() -> Pemda | None:
    slug = request.values.get("jurisdiction_id", "").strip()
    if not slug:
        return None
    pemda = pemda_by_slug(slug)
    if pemda is None:
        raise ApiError(400, _("Kolom %(kolom)s: %(nilai)s tidak dikenal.",
                              kolom="jurisdiction_id", nilai=slug))
    return pemda


# --- filing ------------------------------------------------------------------------------------

def _field(name: str, maximum: int) -> str:
    value = squash_spaces(request.form.get(name))
    if len(value) > maximum:
        raise ApiError(400, _("Kolom %(kolom)s paling banyak %(max)s karakter.", kolom=name,
                              max=maximum))
    return value


def _attribute(code: str) -> str:
    return request.form.get(f"attribute[{code}]", "").strip()


def laporan() -> services.LaporanData:
    """Read and check a POST the way the web form checks its fields."""
    code = request.form.get("service_code", "").strip()
    if not code:
        raise ApiError(400, _("Kolom %(kolom)s wajib diisi.", kolom="service_code"))
    layanan, wilayah_id = None, None
    if code == GENERIC_CODE:
        pemda = jurisdiction()
        wilayah_id = pemda.wilayah_id if pemda else None  # the right koordinator sees it
    else:
        layanan = find_service(code, active=True)
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


def idempotency_key(kunci: KunciApi) -> str:
    """The partner's own key when it sends one, scoped to the partner (so no partner can reach
    another's complaint with a guessed key); else a fresh one."""
    sent = _attribute("idempotency_key") or request.headers.get("Idempotency-Key", "").strip()
    if not sent:
        return uuid.uuid4().hex
    if len(sent) > IDEMPOTENCY_MAX:
        raise ApiError(400, _("Kolom %(kolom)s paling banyak %(max)s karakter.",
                              kolom="idempotency_key", max=IDEMPOTENCY_MAX))
    return digest(f"open311:{kunci.id}:{sent}")


# --- the public list's filters -----------------------------------------------------------------

def service_filter(text: str) -> sa.ColumnElement[bool]:
    conditions = []
    for code in filter(None, (part.strip() for part in text.split(","))):
        if code == GENERIC_CODE:
            conditions.append(Pengaduan.layanan_id.is_(None))
            continue
        layanan = find_service(code, active=False)
        if layanan is None:
            raise ApiError(400, _("Kolom %(kolom)s: %(nilai)s tidak dikenal.",
                                  kolom="service_code", nilai=code))
        conditions.append(Pengaduan.layanan_id == layanan.id)
    return sa.or_(*conditions) if conditions else sa.true()


def status_filter(text: str) -> sa.ColumnElement[bool]:
    wanted = {_choices("status", part.strip(), ["open", "closed"])
              for part in text.split(",") if part.strip()}
    if wanted == {"open"}:
        return Pengaduan.status.notin_(CLOSED)
    if wanted == {"closed"}:
        return Pengaduan.status.in_(CLOSED)
    return sa.true()


# --- looking complaints up by number or code ---------------------------------------------------

def lookup_key(ident: str) -> int | str | None:
    """A complaint's number (as in the list), its tracking code (what a POST answered, in any
    case and grouping), or None for what can match no complaint."""
    if ident.isascii() and ident.isdigit() and len(ident) < CODE_LENGTH:
        # beyond a 32-bit id nothing can match (PostgreSQL would refuse to compare)
        return int(ident) if int(ident) < 2**31 else None
    return normalise_code(ident)


def _asked_ids() -> list[str]:
    text = request.args.get("service_request_id", "")
    return [part.strip() for part in text.split(",") if part.strip()]


def ids_asked() -> bool:
    return bool(request.args.get("service_request_id", "").strip())


def codes_asked() -> int:
    """How many tracking codes ``service_request_id`` names: each counts against the rate
    limit of look-ups by code, as the tracking page does."""
    return sum(isinstance(lookup_key(part), str) for part in _asked_ids())


def lookup_keys() -> list[int | str]:
    """``service_request_id=a,b``: each number or code once, in the order asked; one that can
    match no complaint is left out, as a complaint not found is."""
    parts = _asked_ids()
    if len(parts) > IDS_MAX:
        raise ApiError(400, _("Kolom %(kolom)s paling banyak %(max)s nomor atau kode, dipisah "
                              "koma.", kolom="service_request_id", max=IDS_MAX))
    keys: list[int | str] = []
    for part in parts:
        key = lookup_key(part)
        if key is not None and key not in keys:
            keys.append(key)
    return keys
