"""Build the figures of one publication: one JSON-ready dict per OPD, with every block of the
scorecard (DOMAIN.md "The public scorecard"), the privacy minimum already applied. What this
returns is what the public will ever see of the period: nothing personal goes in (no staff or
reporter names, no suggestions), and any count or share drawn from fewer than
``minimum_privasi`` people is stored as ``None``.

Sums come from SQL (one grouped query per source), so a million survey answers cost one scan.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from portal.complaints.stats import opd_complaint_stats
from portal.extensions import db
from portal.org.models import Layanan, Opd, Pemda, TingkatWilayah, Wilayah
from portal.pembinaan.kompetensi.jp import median_sebaran
from portal.pembinaan.kompetensi.queries import JpOpd, jp_per_opd
from portal.pembinaan.rencana.queries import RencanaOpd, rencana_per_opd
from portal.pembinaan.settings import setting as pembinaan_setting
from portal.scorecards import asn, ikm, tindak_lanjut
from portal.scorecards.ikm import Tampil
from portal.scorecards.models import UNSUR_COLUMNS, CapaianLayanan, JawabanSkm


@dataclass(frozen=True)
class Ambang:
    """The thresholds a publication is made with (stored in it, shown on /metodologi)."""

    minimum_privasi: int
    minimum_sampel: int

    @classmethod
    def from_config(cls) -> Ambang:
        return cls(current_app.config["PORTAL_SCORECARD_MIN_PEOPLE"],
                   current_app.config["PORTAL_IKM_MIN_RESPONDEN"])

    def as_dict(self) -> dict[str, int]:
        return {"minimum_privasi": self.minimum_privasi, "minimum_sampel": self.minimum_sampel}


def safe_count(n: int, minimum: int) -> int | None:
    """A count of people: shown when zero or at least the minimum, hidden (None) in between."""
    return n if n == 0 or n >= minimum else None


def utc_bounds(mulai: date, selesai: date) -> tuple[datetime, datetime]:
    """A half-open range of local (WIB) days as naive UTC datetimes, how times are stored."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])

    def convert(day: date) -> datetime:
        local = datetime.combine(day, time(), tzinfo=zone)
        return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)

    return convert(mulai), convert(selesai)


def ikm_block(responden: int, totals: list[int], ambang: Ambang) -> dict[str, Any]:
    tampil = ikm.tampil_ikm(responden, minimum_privasi=ambang.minimum_privasi,
                            minimum_sampel=ambang.minimum_sampel)
    block: dict[str, Any] = {"tampil": tampil, "responden": safe_count(responden,
                                                                      ambang.minimum_privasi),
                             "nilai": None, "mutu": None, "nrr": None}
    if tampil in (Tampil.SAMPEL_KURANG, Tampil.LENGKAP):
        hasil = ikm.ikm_from_totals(responden, totals)
        block["nilai"] = ikm.json_number(hasil.nilai)
        block["nrr"] = [ikm.json_number(v) for v in hasil.nrr_dibulatkan]
        if tampil == Tampil.LENGKAP:
            block["mutu"] = hasil.mutu
    return block


def _kabkota(wilayah_by_id: dict[int, Wilayah], wilayah_id: int | None) -> Wilayah | None:
    node = wilayah_by_id.get(wilayah_id) if wilayah_id else None
    while node is not None and node.tingkat not in (TingkatWilayah.KABUPATEN, TingkatWilayah.KOTA):
        node = wilayah_by_id.get(node.parent_id) if node.parent_id else None
    return node


def _survey_sums(opd_ids: list[int], start: datetime, end: datetime) -> dict[int, list[int]]:
    """Per layanan id: [respondents, Σu1 … Σu9]."""
    columns = [sa.func.sum(getattr(JawabanSkm, col)) for col in UNSUR_COLUMNS]
    stmt = (sa.select(JawabanSkm.layanan_id, sa.func.count(), *columns)
            .where(JawabanSkm.opd_id.in_(opd_ids), JawabanSkm.dijawab_at >= start,
                   JawabanSkm.dijawab_at < end)
            .group_by(JawabanSkm.layanan_id))
    return {row[0]: [int(v) for v in row[1:]] for row in db.session.execute(stmt)}


def _standard_sums(opd_ids: list[int], tahun: int, bulan: range) -> dict[int, list]:
    """Per layanan id: [permohonan, tepat waktu, Σ(hari × permohonan), Σ(menit × permohonan)]."""
    stmt = (sa.select(CapaianLayanan.layanan_id, sa.func.sum(CapaianLayanan.permohonan),
                      sa.func.sum(CapaianLayanan.selesai_tepat_waktu),
                      sa.func.sum(CapaianLayanan.rata_hari_proses * CapaianLayanan.permohonan),
                      sa.func.sum(CapaianLayanan.rata_menit_tunggu * CapaianLayanan.permohonan))
            .where(CapaianLayanan.opd_id.in_(opd_ids), CapaianLayanan.tahun == tahun,
                   CapaianLayanan.bulan.in_(list(bulan)))
            .group_by(CapaianLayanan.layanan_id))
    return {row[0]: [int(row[1] or 0), int(row[2] or 0), Decimal(str(row[3] or 0)),
                     Decimal(str(row[4] or 0))] for row in db.session.execute(stmt)}


def _weighted(total: Decimal, weight: int, places: str) -> float | None:
    if weight <= 0:
        return None
    return float((total / weight).quantize(Decimal(places), rounding=ROUND_HALF_UP))


def standard_row(permohonan: int, tepat: int, hari: Decimal, menit: Decimal,
                 minimum: int) -> dict[str, Any]:
    shown = permohonan == 0 or permohonan >= minimum
    return {
        "permohonan": safe_count(permohonan, minimum),
        "selesai_tepat_waktu": tepat if shown else None,
        "persen_tepat_waktu": ikm.json_number(ikm.persen(tepat, permohonan, minimum)),
        "rata_hari_proses": _weighted(hari, permohonan, "0.1") if shown else None,
        "rata_menit_tunggu": _weighted(menit, permohonan, "0.1") if shown else None,
    }


def complaint_block(stats, minimum: int) -> dict[str, Any]:
    if stats is None:
        return {"diterima": 0, "sah": 0, "selesai": 0, "persen_tepat_waktu": None,
                "median_hari_kerja": None, "persen_dibuka_ulang": None, "kepuasan": None,
                "dinilai": 0}
    enough_resolved = stats.selesai >= minimum
    return {
        "diterima": safe_count(stats.diterima, minimum),
        "sah": safe_count(stats.sah, minimum),
        "selesai": safe_count(stats.selesai, minimum),
        "persen_tepat_waktu": ikm.json_number(ikm.persen(stats.selesai_tepat_waktu, stats.selesai, minimum)),
        "median_hari_kerja": float(stats.median_hari_kerja) if enough_resolved else None,
        "persen_dibuka_ulang": ikm.json_number(ikm.persen(stats.dibuka_ulang, stats.selesai, minimum)),
        "kepuasan": (round(stats.jumlah_nilai / stats.dinilai, 2)
                     if stats.dinilai >= minimum else None),
        "dinilai": safe_count(stats.dinilai, minimum),
    }


def asn_block(figures: dict[str, Any] | None, available: bool, minimum: int) -> dict[str, Any]:
    if not available:
        return {"tampil": "tidak_tersedia"}
    pegawai = (figures or {}).get("pegawai", 0)
    if pegawai == 0:
        return {"tampil": Tampil.KOSONG}
    if pegawai < minimum:
        return {"tampil": Tampil.DISEMBUNYIKAN}
    selesai = figures["evaluasi_selesai"]
    predikat = figures.get("predikat", {})
    return {
        "tampil": Tampil.LENGKAP,
        "pegawai": pegawai,
        "persen_skp_ditetapkan": ikm.json_number(ikm.persen(figures["skp_ditetapkan"], pegawai, minimum)),
        "persen_evaluasi_selesai": ikm.json_number(ikm.persen(selesai, pegawai, minimum)),
        # the distribution only once enough evaluations are final, and no cell of 1–4 people
        "predikat": ({key: safe_count(predikat.get(key, 0), minimum)
                      for key in asn.PREDIKAT_ORDER} if selesai >= minimum else None),
    }


def pembinaan_block(counts: JpOpd | None, minimum: int, target_pns: int,
                    rencana: RencanaOpd | None = None, hari: int = 30) -> dict[str, Any]:
    """Competency development of the year to date (methodology 1.1), from
    ``kompetensi.queries.jp_per_opd``, and the coaching plans (methodology 1.2, from
    ``rencana.queries.rencana_per_opd``): the share of staff rated Butuh Perbaikan or lower
    whose plan was agreed within ``hari`` days, and the share of closed plans closed berhasil,
    each hidden when its group is smaller than the minimum."""
    if counts is None:
        return {"tampil": "tidak_tersedia"}
    if counts.asn == 0:
        return {"tampil": Tampil.KOSONG}
    if counts.asn < minimum:
        return {"tampil": Tampil.DISEMBUNYIKAN}
    dengan_jp = counts.asn - counts.asn_tanpa_jp
    nonklasikal = (ikm.persen(counts.jp_nonklasikal, counts.jp_diakui, 1)
                   if dengan_jp >= minimum and counts.jp_diakui > 0 else None)
    return {
        "tampil": Tampil.LENGKAP,
        "pegawai": counts.asn,
        "pns": safe_count(counts.pns, minimum),
        "target_jp_pns": target_pns,
        "persen_pns_target_jp": ikm.json_number(ikm.persen(counts.pns_capai_target, counts.pns,
                                                           minimum)),
        "median_jp": median_sebaran(counts.sebaran),
        "persen_0_jp": ikm.json_number(ikm.persen(counts.asn_tanpa_jp, counts.asn, minimum)),
        # drawn from those who earned JP only: hidden when they are fewer than the minimum
        "persen_jp_nonklasikal": ikm.json_number(nonklasikal),
        **rencana_shares(rencana, minimum, hari),
    }


def rencana_shares(rencana: RencanaOpd | None, minimum: int, hari: int) -> dict[str, Any]:
    rencana = rencana or RencanaOpd()
    return {
        "hari_rencana": hari,
        "persen_rencana_tepat_waktu": ikm.json_number(ikm.persen(
            rencana.disepakati_tepat, rencana.predikat_rendah, minimum)),
        "persen_rencana_berhasil": ikm.json_number(ikm.persen(rencana.berhasil, rencana.ditutup,
                                                             minimum)),
    }


def build(pemda: Pemda, tahun: int, triwulan: int, mulai: date, selesai: date,
          ambang: Ambang) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Every active OPD of the pemda: (rows, summary). Each row has the list columns and
    ``data``; the summary holds the pemda-wide totals for the home page."""
    opds = list(db.session.scalars(sa.select(Opd).where(Opd.pemda_id == pemda.id, Opd.aktif)
                                   .order_by(Opd.nama)))
    opd_ids = [opd.id for opd in opds]
    layanan = list(db.session.scalars(sa.select(Layanan).where(Layanan.opd_id.in_(opd_ids))
                                      .order_by(Layanan.nama)))
    layanan_by_opd: dict[int, list[Layanan]] = defaultdict(list)
    for item in layanan:
        layanan_by_opd[item.opd_id].append(item)
    wilayah_by_id = {w.id: w for w in db.session.scalars(sa.select(Wilayah))}
    start, end = utc_bounds(mulai, selesai)
    survey = _survey_sums(opd_ids, start, end)
    standards = _standard_sums(opd_ids, tahun, range(mulai.month, mulai.month + 3))
    complaints = opd_complaint_stats(start, end, opd_ids) if opd_ids else {}
    asn_raw = asn.asn_figures(pemda.id, opd_ids, tahun, triwulan)
    # a quarter's publication counts the year to date: 1 January up to the quarter's end
    jp_raw = jp_per_opd(opd_ids, tahun, selesai)
    jp_pemda = JpOpd()
    hari_rencana = int(pembinaan_setting("PORTAL_PEMBINAAN_HARI_RENCANA"))
    rencana_raw = rencana_per_opd(opd_ids, tahun, selesai, hari_rencana)
    rencana_pemda = RencanaOpd()
    target_pns = int(pembinaan_setting("PORTAL_PEMBINAAN_TARGET_JP_PNS"))
    minimum = ambang.minimum_privasi

    rows, layanan_now = [], {}
    pemda_sums = [0] * 10
    pemda_complaints = {"diterima": 0, "selesai": 0, "tepat": 0}
    for opd in opds:
        opd_sums = [0] * 10
        layanan_rows, standar_rows = [], []
        std_total = [0, 0, Decimal(0), Decimal(0)]
        for item in layanan_by_opd[opd.id]:
            if not item.aktif and item.id not in survey and item.id not in standards:
                continue
            sums = survey.get(item.id, [0] * 10)
            opd_sums = [a + b for a, b in zip(opd_sums, sums, strict=True)]
            layanan_rows.append({"slug": item.slug, "nama": item.nama,
                                 **ikm_block(sums[0], sums[1:], ambang)})
            std = standards.get(item.id)
            if std is not None:
                std_total = [a + b for a, b in zip(std_total, std, strict=True)]
            standar_rows.append({"slug": item.slug, "nama": item.nama,
                                 "standar_hari": item.waktu_penyelesaian_hari,
                                 "dilaporkan": std is not None,
                                 **standard_row(*(std or [0, 0, Decimal(0), Decimal(0)]),
                                                minimum)})
        pemda_sums = [a + b for a, b in zip(pemda_sums, opd_sums, strict=True)]
        layanan_now[opd.id] = layanan_rows
        stats = complaints.get(opd.id)
        if stats is not None:
            pemda_complaints["diterima"] += stats.diterima
            pemda_complaints["selesai"] += stats.selesai
            pemda_complaints["tepat"] += stats.selesai_tepat_waktu
        kabkota = _kabkota(wilayah_by_id, opd.wilayah_id) or _kabkota(wilayah_by_id,
                                                                      pemda.wilayah_id)
        ikm_opd = ikm_block(opd_sums[0], opd_sums[1:], ambang)
        pengaduan = complaint_block(stats, minimum)
        standar_total = standard_row(*std_total, minimum)
        data = {
            "ikm": ikm_opd,
            "layanan": layanan_rows,
            "pengaduan": pengaduan,
            "standar": {"layanan": standar_rows, "total": standar_total},
            "asn": asn_block((asn_raw or {}).get(opd.id), asn_raw is not None, minimum),
            "pembinaan": pembinaan_block(jp_raw[opd.id], minimum, target_pns,
                                         rencana_raw[opd.id], hari_rencana),
        }
        jp_pemda.tambah(jp_raw[opd.id])
        rencana_pemda.tambah(rencana_raw[opd.id])
        rows.append({
            "opd_id": opd.id, "opd_slug": opd.slug, "opd_nama": opd.nama,
            "jenis": opd.jenis.value, "pemda_slug": pemda.slug, "pemda_nama": pemda.nama,
            "kabkota_kode": kabkota.kode if kabkota else None,
            "kabkota_nama": kabkota.nama_lengkap if kabkota else None,
            "responden": ikm_opd["responden"], "ikm": ikm_opd["nilai"], "mutu": ikm_opd["mutu"],
            "pengaduan_diterima": pengaduan["diterima"],
            "persen_pengaduan_tepat_waktu": pengaduan["persen_tepat_waktu"],
            "persen_standar_tepat_waktu": standar_total["persen_tepat_waktu"],
            "data": data,
        })
    # methodology 1.3: the activities planned from the public's voice, before and after
    suara = tindak_lanjut.blocks(pemda.id, opd_ids, tahun, triwulan, layanan_now,
                                 {item.id: (item.slug, item.nama) for item in layanan})
    for row in rows:
        row["data"]["tindak_lanjut"] = suara.get(row["opd_id"], [])
    summary = {
        "ambang": ambang.as_dict(),
        "opd": len(rows),
        "ikm": ikm_block(pemda_sums[0], pemda_sums[1:], ambang),
        "pengaduan_diterima": safe_count(pemda_complaints["diterima"], minimum),
        "persen_pengaduan_tepat_waktu": ikm.json_number(ikm.persen(
            pemda_complaints["tepat"], pemda_complaints["selesai"], minimum)),
        "asn_tersedia": asn_raw is not None,
        "pembinaan": pembinaan_block(jp_pemda, minimum, target_pns, rencana_pemda,
                                     hari_rencana),
    }
    return rows, summary
