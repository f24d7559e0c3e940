"""What Open311 answers are made of: a service, its attributes, and the public side of a
complaint (never a name, a contact or the reporter's own words about the place; the text only as
the summary staff approved)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _

from portal.complaints import queries
from portal.complaints.models import CLOSED, JENIS_LAPORAN_LABEL, Identitas, Pengaduan
from portal.complaints.open311.queries import GENERIC_CODE, service_code
from portal.core.templating import format_rupiah
from portal.org.models import Layanan


def local_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def iso_time(value: datetime | None) -> str | None:
    """A stored (naive UTC) time as ISO 8601 with the local offset: 2026-11-02T10:00:00+07:00."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC).astimezone(local_zone()).isoformat(timespec="seconds")


def _standar_pelayanan(layanan: Layanan) -> str:
    if layanan.biaya_rupiah == 0:
        return _("Standar pelayanan: selesai dalam %(hari)s hari kerja, tanpa biaya. "
                 "Produk: %(produk)s.", hari=layanan.waktu_penyelesaian_hari,
                 produk=layanan.produk)
    biaya = format_rupiah(layanan.biaya_rupiah)
    return _("Standar pelayanan: selesai dalam %(hari)s hari kerja, biaya %(biaya)s. "
             "Produk: %(produk)s.", hari=layanan.waktu_penyelesaian_hari, biaya=biaya,
             produk=layanan.produk)


def service_json(layanan: Layanan | None) -> dict[str, Any]:
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


def attributes() -> list[dict[str, Any]]:
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


def request_json(pengaduan: Pengaduan, ident: str) -> dict[str, Any]:
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
            datetime.combine(pengaduan.batas_selesai, time(23, 59, 59), local_zone())
            .isoformat(timespec="seconds") if pengaduan.batas_selesai else None),
        # the kabupaten/kota only: the reporter's own words about the place are not public
        "address": area.nama_lengkap if area else None,
        "lat": None, "long": None, "media_url": None,
    }
    if pengaduan.ringkasan_publik_disetujui and pengaduan.ringkasan_publik:
        item["description"] = pengaduan.ringkasan_publik
    return item


SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"


def discovery_json(url: str, changeset: datetime | None) -> dict[str, Any]:
    """The spec's service discovery: one production endpoint, the one answering."""
    contact = current_app.config["PORTAL_OPEN311_CONTACT"] or _(
        "Pengelola Portal Kinerja ASN, %(alamat)s", alamat=current_app.config["PORTAL_BASE_URL"])
    changed = iso_time(changeset)
    return {
        "changeset": changed,
        "contact": contact,
        "key_service": _("Kunci API untuk mengirim laporan diberikan pengelola portal kepada "
                         "aplikasi mitra; hubungi %(kontak)s.", kontak=contact),
        "endpoints": [{"specification": SPECIFICATION, "url": url, "changeset": changed,
                       "type": "production", "formats": ["application/json", "application/xml"]}],
    }
