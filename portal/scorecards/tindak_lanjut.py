"""The "Dari suara publik ke tindakan" block of a scorecard (methodology 1.3): for each activity
an OPD planned from the public's voice for one of its services (``pembinaan.suara``) that has
taken place — ended before the published quarter's end, with at least one participant who
attended — the activity (title, form, dates) and the service's value of the unsur it answers
**before** (the latest published quarter that ended before the activity's first day) and
**after** (the first published quarter that ends after its last day: the quarter it ended in,
or a later one; the quarter being published counts). Values are read from the frozen
scorecards, so the privacy rule of each is kept; a complaint category is read through the unsur
of the same wording (``KATEGORI_UNSUR``; "lainnya": the service's IKM only). Never who took
part: no name, no count of participants."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from portal.complaints.models import KATEGORI_UNSUR, KategoriPengaduan
from portal.extensions import db
from portal.org.skm import UNSUR_KEYS
from portal.pembinaan.suara.queries import TindakLanjut, tindak_lanjut_terlaksana
from portal.scorecards.models import PublikasiRapor, RaporOpd, periode_bounds, periode_kode


@dataclass(frozen=True)
class Periode:
    mulai: date
    #: the first day after the quarter
    akhir: date
    kode: str
    #: service slug → its ikm block as published
    layanan: dict[str, dict[str, Any]]


def unsur_dari(sumber: str, kode: str) -> str | None:
    if sumber == "unsur":
        return kode
    return KATEGORI_UNSUR.get(KategoriPengaduan(kode)) if kode in set(KategoriPengaduan) else None


def _nilai(periode: Periode | None, slug: str, unsur: str | None) -> dict[str, Any] | None:
    if periode is None:
        return None
    row = periode.layanan.get(slug) or {}
    nrr = row.get("nrr")
    return {"periode": periode.kode,
            "nrr": nrr[UNSUR_KEYS.index(unsur)] if nrr and unsur else None,
            "ikm": row.get("nilai")}


def entry(item: TindakLanjut, slug: str, nama: str, periods: list[Periode]) -> dict[str, Any]:
    """One activity with its before and after values; ``periods`` in time order."""
    unsur = unsur_dari(item.sumber, item.kode)
    sebelum = next((p for p in reversed(periods) if p.akhir <= item.mulai), None)
    sesudah = next((p for p in periods if p.akhir > item.selesai), None)
    return {"layanan": nama, "layanan_slug": slug, "sumber": item.sumber, "kode": item.kode,
            "unsur": unsur, "judul": item.judul, "bentuk": item.bentuk,
            "mulai": item.mulai.isoformat(), "selesai": item.selesai.isoformat(),
            "sebelum": _nilai(sebelum, slug, unsur), "sesudah": _nilai(sesudah, slug, unsur)}


def _earlier_periods(pemda_id: int, opd_ids: set[int], tahun: int,
                     triwulan: int) -> dict[int, list[Periode]]:
    """Per OPD, its published quarters before this one (the latest version of each)."""
    stmt = (sa.select(RaporOpd.opd_id, PublikasiRapor.tahun, PublikasiRapor.triwulan,
                      RaporOpd.data)
            .join(PublikasiRapor)
            .where(PublikasiRapor.pemda_id == pemda_id, PublikasiRapor.versi_terakhir,
                   RaporOpd.opd_id.in_(opd_ids),
                   (PublikasiRapor.tahun * 10 + PublikasiRapor.triwulan) < tahun * 10 + triwulan)
            .order_by(PublikasiRapor.tahun, PublikasiRapor.triwulan))
    result: dict[int, list[Periode]] = defaultdict(list)
    for opd_id, year, quarter, data in db.session.execute(stmt):
        mulai, akhir = periode_bounds(year, quarter)
        result[opd_id].append(Periode(mulai, akhir, periode_kode(year, quarter),
                                      {row["slug"]: row for row in data.get("layanan", [])}))
    return result


def blocks(pemda_id: int, opd_ids: list[int], tahun: int, triwulan: int,
           layanan_now: dict[int, list[dict[str, Any]]],
           layanan_names: dict[int, tuple[str, str]]) -> dict[int, list[dict[str, Any]]]:
    """Per OPD id: the block's entries. ``layanan_now`` holds each OPD's service rows of the
    quarter being published; ``layanan_names`` maps a service id to (slug, name)."""
    mulai, akhir = periode_bounds(tahun, triwulan)
    items = tindak_lanjut_terlaksana(opd_ids, akhir)
    if not items:
        return {}
    earlier = _earlier_periods(pemda_id, {i.opd_id for i in items}, tahun, triwulan)
    result: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        if item.layanan_id not in layanan_names:
            continue
        now = Periode(mulai, akhir, periode_kode(tahun, triwulan),
                      {row["slug"]: row for row in layanan_now.get(item.opd_id, [])})
        slug, nama = layanan_names[item.layanan_id]
        result[item.opd_id].append(entry(item, slug, nama, [*earlier.get(item.opd_id, []), now]))
    return dict(result)
